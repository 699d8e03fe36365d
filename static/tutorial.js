// Drives the second playground through postMessage, and lists the events it sends back: the
// README's example of a parent page. Messages follow the shapes documented there (protocol
// version 1); replies come from an opaque origin
// ("null", the iframe is sandboxed), so they are recognised by their source window instead.
const frame = document.getElementById('select');
const log = document.getElementById('remote-log');
const TYPE = 'waker-playground';

// The frame is sandboxed without allow-same-origin, so its origin is opaque and cannot be named
// as a target: "*" is the only choice on this side. (The playground's replies, in turn, go to
// this page's own origin, never "*".)
function send(message) {
  frame.contentWindow.postMessage({ type: TYPE, ...message }, '*');
}

function note(text) {
  const li = document.createElement('li');
  li.textContent = text;
  log.append(li);
  while (log.children.length > 12) log.firstElementChild.remove();
}

// Say hello until the playground answers "ready": it may still be loading its wasm.
let ready = false;
let tries = 0;
const hello = setInterval(() => {
  if (ready || ++tries > 50) clearInterval(hello);
  else send({ action: 'hello' });
}, 200);

window.addEventListener('message', (e) => {
  if (e.source !== frame.contentWindow) return;
  const d = e.data;
  if (!d || d.type !== TYPE || typeof d.event !== 'string') return;
  if (d.event === 'task-completed') note(`task ${d.task} ${d.aborted ? 'aborted' : 'completed'} at ${Math.round(d.at_ms)} ms`);
  else if (d.event === 'status') note(`status: ${d.status}`);
  else if (d.event === 'ready') {
    // Protocol version 1 (see the README); a later major version could change the shapes.
    if (!ready) note(d.version === 1 ? 'the playground is listening' : `unexpected protocol version ${d.version}`);
    ready = true;
  }
  else if (d.event === 'error') note(`error: ${d.message}`);
});

for (const button of document.querySelectorAll('.remote button')) {
  button.addEventListener('click', () => {
    if (button.dataset.load) send({ action: 'load', scenario: button.dataset.load });
    else send({ action: button.dataset.action });
  });
}
