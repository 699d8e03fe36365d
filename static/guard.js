// Turns a blank page into a message when the app cannot start. A classic script (not a module),
// loaded before the app's loader: classic scripts load without CORS, so this one still runs in a
// sandboxed frame whose host does not send Access-Control-Allow-Origin, which is exactly the case
// where the module loader, the app's JS and its wasm are blocked.
(() => {
  const started = () => document.querySelector('.app') !== null;
  let reason = '';
  const show = () => {
    if (started() || document.getElementById('load-failure') || !document.body) return;
    const box = document.createElement('div');
    box.id = 'load-failure';
    box.setAttribute('role', 'alert');
    const title = document.createElement('strong');
    title.textContent = 'Waker Playground could not start.';
    const why = document.createElement('p');
    why.textContent = self.origin === 'null'
      ? 'This is an embedded (sandboxed) playground: the server hosting it must send the header '
        + '"Access-Control-Allow-Origin: *" for its files, or the browser blocks them. '
        + 'A page opened from disk (file://) cannot run it either: serve it over http(s).'
      : 'Its files could not be loaded. Reload the page; if that does not help, the server may be '
        + 'missing the playground\'s .js or .wasm file.';
    const detail = document.createElement('p');
    detail.className = 'detail';
    detail.textContent = reason;
    box.append(title, why, detail);
    document.body.append(box);
  };
  // Resource errors do not bubble, but a capturing listener on window sees them.
  window.addEventListener('error', (e) => {
    const t = e.target;
    if (t && (t.tagName === 'SCRIPT' || t.tagName === 'LINK')) {
      reason = `Blocked or missing: ${t.src || t.href}`;
      setTimeout(show, 0);
    } else if (e.message && !started()) {
      reason = e.message;
      setTimeout(show, 0);
    }
  }, true);
  window.addEventListener('unhandledrejection', (e) => {
    if (started()) return;
    reason = String(e.reason && e.reason.message ? e.reason.message : e.reason);
    setTimeout(show, 0);
  });
  // A stall with no error at all (a hung request): say so after a while.
  setTimeout(() => { if (!started()) { reason = reason || 'The app did not start within 20 s.'; show(); } }, 20_000);
})();
