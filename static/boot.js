// Loads the wasm app. A separate file, not an inline script, so the page's CSP can forbid inline scripts.
const tag = document.querySelector('script[data-wasm-js]');
const { default: init } = await import(tag.dataset.wasmJs);
await init({ module_or_path: tag.dataset.wasm });
