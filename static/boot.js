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
const { default: init } = await import(here(tag.dataset.wasmJs));
await init({ module_or_path: here(tag.dataset.wasm) });
