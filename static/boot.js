// Loads the wasm app. A separate file, not an inline script, so the page's CSP can forbid inline scripts.
//
// The build uses relative asset URLs (Trunk's public_url = "./"), so the same dist/ works at the
// site root, under /waker-playground/ or in a folder of a docs site. A relative specifier in
// import() would resolve against this script (static/boot.js), not the page, so both URLs are
// resolved against the page's own address first.

// The theme, before the wasm loads, so a dark embed never flashes light. The app takes over from
// here (and validates ?theme= strictly); this only picks the first paint.
const asked = new URLSearchParams(location.search).get('theme');
const dark = asked === 'dark' || (asked !== 'light' && matchMedia('(prefers-color-scheme: dark)').matches);
document.documentElement.dataset.theme = dark ? 'dark' : 'light';

const tag = document.querySelector('script[data-wasm-js]');
const here = (path) => new URL(path, document.baseURI).href;

// The language as a second wasm module (src/web/lazy.rs says why and when; tools/lazy-split makes
// it). It imports everything from the first module's exports, which the app hands over first
// thing. Its instantiation fills the first module's table of stubs; having none, or two, does no
// harm beyond the bytes.
const lazyUrl = here(tag.dataset.wasm.replace(/_bg\.wasm$/, '_lazy.wasm'));
let exports = null;
let loaded = false;
let loading = null;
// Only an embed of a step-form scenario without the code panel shows itself before the language
// is there (src/web/embed.rs, starts_before_the_language); for every other page its download
// starts now, beside the first module's. The presets written as programs, by id (tests/boot.rs
// holds this list to src/play/presets.rs): an embed of one needs the language at once too.
const PROGRAM_PRESETS = ['lazy', 'lost-in-join', 'stale-waker', 'blocking-async', 'select-loop', 'own-timer', 'own-stale-waker', 'own-lost-waker', 'countdown', 'own-join', 'own-timeout', 'book-executor', 'book-block-on', 'book-wake', 'book-lost-wakeup', 'book-full-channel'];
const query = new URLSearchParams(location.search);
const hashParams = new URLSearchParams(location.hash.slice(1));
const early =
  !query.has('embed') || query.has('code') || hashParams.has('code') || PROGRAM_PRESETS.includes(hashParams.get('p'));
let compiling = early ? WebAssembly.compileStreaming(fetch(lazyUrl).then(checked)) : null;
compiling?.catch(() => {});
const split = () => exports !== null && '__lazy_table' in exports;
const done = (instance) => {
  loaded = true;
  return instance;
};
globalThis.wakerLazy = {
  register(e) {
    exports = e;
  },
  ready() {
    return loaded || !split();
  },
  preload() {
    if (loaded || !split()) return Promise.resolve();
    loading ??= (async () => {
      const module = await (compiling ?? WebAssembly.compileStreaming(fetch(lazyUrl).then(checked)));
      const instance = await WebAssembly.instantiate(module, { primary: exports });
      if (!loaded) done(instance);
    })().catch((e) => {
      loading = null;
      compiling = null;
      throw new Error(`${lazyUrl} could not be loaded (${e.message})`);
    });
    return loading;
  },
  // A stub was called before the module was there: fetch and compile it now, synchronously (a
  // synchronous request can only give text: the bytes come back one per character).
  load() {
    if (loaded) return;
    try {
      if (exports === null) throw new Error('asked for before the first module had started');
      const request = new XMLHttpRequest();
      request.open('GET', lazyUrl, false);
      request.overrideMimeType('text/plain; charset=x-user-defined');
      request.send();
      if (request.status !== 200) throw new Error(`HTTP ${request.status}`);
      const text = request.responseText;
      const bytes = new Uint8Array(text.length);
      for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) & 0xff;
      done(new WebAssembly.Instance(new WebAssembly.Module(bytes), { primary: exports }));
    } catch (e) {
      // The call that needed it cannot go on: say so, as the app's crash notice does.
      failed(`${lazyUrl} could not be loaded (${e.message}). Reloading the page tries again.`);
      throw e;
    }
  },
};

function checked(response) {
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response;
}

function failed(message) {
  if (document.getElementById('panic-overlay')) return;
  const overlay = document.createElement('div');
  overlay.id = 'panic-overlay';
  overlay.setAttribute('role', 'alertdialog');
  overlay.setAttribute('aria-labelledby', 'panic-title');
  const title = document.createElement('h2');
  title.id = 'panic-title';
  title.textContent = 'The playground could not load all of itself';
  const text = document.createElement('pre');
  text.textContent = message;
  const reload = document.createElement('a');
  reload.className = 'reload';
  reload.href = '';
  reload.textContent = 'Reload';
  overlay.append(title, text, reload);
  document.body.append(overlay);
}

const { default: init } = await import(here(tag.dataset.wasmJs));
await init({ module_or_path: here(tag.dataset.wasm) });
