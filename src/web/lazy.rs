//! The language, loaded on first use.
//!
//! The release build is split in two wasm modules (`tools/lazy-split`, run by Trunk's post-build
//! hook): the page loads the primary, which shows the playground and runs the step form's
//! scenarios; the language (`play::lang`, the evaluator of the learner's programs) is a second
//! module, `…_lazy.wasm`, fetched when a page first needs it. Its functions are stubs in the
//! primary until then: a stub called before the module is there loads it on the spot (a
//! synchronous request and compile, `static/boot.js`), so nothing can call a missing function.
//! The app avoids that pause by asking for the module ahead ([`preload`]): the full page once it
//! has shown, an embed when the pointer or the focus first comes onto it, and anything that is
//! about to run a program waits for [`ready`] first.
//!
//! `static/boot.js` defines `globalThis.wakerLazy`. Every Trunk build is split (a debug build by
//! the release build's profile, so most of it is in the second module); a module loaded without
//! boot.js (the browser tests', the benchmark's) has no second module and is ready from the start.

use std::cell::{Cell, RefCell};

use gloo_events::EventListener;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    /// Hands the module's exports to the loader (the second module imports from them).
    #[wasm_bindgen(catch, js_namespace = wakerLazy, js_name = register)]
    fn lazy_register(exports: JsValue) -> Result<(), JsValue>;
    /// Loads the second module now, synchronously. The stubs call it.
    #[wasm_bindgen(js_namespace = wakerLazy, js_name = load)]
    fn lazy_load();
    /// Starts loading the second module, if it is not loaded or loading; resolves once it is.
    #[wasm_bindgen(catch, js_namespace = wakerLazy, js_name = preload)]
    fn lazy_preload() -> Result<js_sys::Promise, JsValue>;
    /// Whether the second module is loaded (or the build is not split).
    #[wasm_bindgen(catch, js_namespace = wakerLazy, js_name = ready)]
    fn lazy_ready() -> Result<bool, JsValue>;
}

/// Names the loader for `tools/lazy-split`: the one imported function this export calls is the
/// one the stubs call. Nothing else calls it.
#[wasm_bindgen]
pub fn __lazy_keep() {
    lazy_load();
}

/// Hands this module's exports to `static/boot.js`'s loader. Called first thing in `main`.
pub fn register() {
    // Without boot.js (a page that loads the module otherwise) there is no loader, and no
    // second module to load.
    let _ = lazy_register(wasm_bindgen::exports());
}

/// Whether the language is loaded: true in a build that is not split, or without a loader.
pub fn is_ready() -> bool {
    lazy_ready().unwrap_or(true)
}

/// Starts loading the language in the background, if it is not loaded or loading.
pub fn preload() {
    if !is_ready() {
        if let Ok(p) = lazy_preload() {
            wasm_bindgen_futures::spawn_local(async move {
                let _ = JsFuture::from(p).await;
            });
        }
    }
}

/// Runs `f` once the language is loaded: now if it is, else when [`ready`] resolves (and not at
/// all if it cannot load: whatever then calls into the language loads it on the spot, or says
/// why it could not).
pub fn then(f: impl FnOnce() + 'static) {
    if is_ready() {
        f();
        return;
    }
    wasm_bindgen_futures::spawn_local(async move {
        if ready().await.is_ok() {
            f();
        }
    });
}

thread_local! {
    static ASKED: Cell<bool> = const { Cell::new(false) };
    static WATCHING: RefCell<Vec<EventListener>> = const { RefCell::new(Vec::new()) };
}

/// Starts loading the language when someone first points at the page, touches it, tabs into it
/// or types in it: a reader who does may be about to edit or run a program. A page nobody
/// touches (ten idle embeds in a chapter) never loads it. The listeners go once it is loaded; a
/// load that failed is tried again at the next touch.
pub fn preload_on_first_touch() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let listeners = ["pointerover", "pointerdown", "touchstart", "focusin", "keydown"].map(|kind| {
        EventListener::new(&doc, kind, |_| {
            if ASKED.with(|a| a.replace(true)) {
                return;
            }
            wasm_bindgen_futures::spawn_local(async {
                match ready().await {
                    // Dropped here, in a task of its own, not inside one of their callbacks.
                    Ok(()) => drop(WATCHING.with(|w| std::mem::take(&mut *w.borrow_mut()))),
                    Err(_) => ASKED.with(|a| a.set(false)),
                }
            });
        })
    });
    WATCHING.with(|w| w.borrow_mut().extend(listeners));
}

/// Waits until the language is loaded. The error says why it could not be, in words.
pub async fn ready() -> Result<(), String> {
    if is_ready() {
        return Ok(());
    }
    let p = lazy_preload().map_err(describe)?;
    JsFuture::from(p).await.map(|_| ()).map_err(describe)
}

fn describe(e: JsValue) -> String {
    let text =
        e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())).or_else(|| e.as_string()).unwrap_or_else(|| "unknown error".into());
    format!("the language module could not be loaded ({text}); reload the page to try again")
}
