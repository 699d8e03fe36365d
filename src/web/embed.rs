//! The page's URL, and `postMessage` with a parent page when embedded in an iframe.
//!
//! # Ground rules
//!
//! - Everything read from the URL or a message is untrusted: it goes through
//!   [`crate::play::parse_share`], [`crate::play::parse_page_options`] or
//!   [`crate::play::parse_command`], which bound and check it. Nothing is ever rendered as HTML.
//! - Only messages from `window.parent` are considered, and only of the documented shape; others
//!   are ignored. The first valid message fixes the parent's origin; later ones must come from it.
//! - Replies go to that origin, never `"*"`. Until a parent has sent a message, nothing is sent.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_events::EventListener;
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use crate::play::{parse_command, parse_page_options, parse_share, PageOptions, ParentCommand, Scenario, Theme, MESSAGE_TYPE};

/// What the URL asked for when the page loaded.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Startup {
    /// `?embed`, `?autoplay`, `?code`.
    pub options: PageOptions,
    /// The scenario in the fragment, if there was a valid one.
    pub scenario: Option<Scenario>,
    /// What was wrong with the URL, in words, each with its notice topic (`link` for the
    /// scenario, `link-options` for the query).
    pub errors: Vec<(&'static str, String)>,
}

fn location() -> Option<web_sys::Location> {
    web_sys::window().map(|w| w.location())
}

/// Reads the page's URL. A malformed fragment gives an error message and no scenario, so the
/// default scenario is used.
pub fn read_startup() -> Startup {
    let mut s = Startup::default();
    let Some(loc) = location() else { return s };
    let search = loc.search().unwrap_or_default();
    match parse_page_options(&search) {
        Ok(o) => s.options = o,
        Err(e) => s.errors.push(("link-options", format!("The link's options were ignored: {e}."))),
    }
    let hash = loc.hash().unwrap_or_default();
    let hash = hash.strip_prefix('#').unwrap_or(&hash);
    if !hash.is_empty() {
        match parse_share(hash) {
            Ok(sc) => s.scenario = Some(sc),
            // On the page, a program with an error opens as it is, its error shown in the
            // editor (an embed shows only what runs).
            Err(e) => match crate::play::parse_share_keeping_program(hash) {
                Ok(sc) if sc.program.is_some() && !s.options.embed => {
                    s.errors.push(("link", format!("The link's program has an error ({e}): it is in the editor, to fix.")));
                    s.scenario = Some(sc);
                }
                _ => s.errors.push(("link", format!("The link's scenario could not be loaded ({e}), so the default scenario is shown."))),
            },
        }
    }
    s
}

/// Whether the page's link is to a program (`code=`, or a preset written as one), found without
/// reading the program: reading it (the check `read_startup` makes) needs the language's module.
pub fn links_to_program() -> bool {
    let hash = location().and_then(|l| l.hash().ok()).unwrap_or_default();
    hash.trim_start_matches('#').split('&').any(|param| match param.split_once('=') {
        Some(("code", _)) => true,
        Some(("p", id)) => crate::play::preset(id).is_some_and(|p| p.is_program()),
        _ => false,
    })
}

/// Whether the page shows itself before the language's module is there: an embed (`?embed`) of
/// a step-form scenario without the code panel (`?code`). A link to a program needs the module
/// to read the program, the code panel and the full page to show what they show; they start once
/// it is there (and boot.js has started fetching it beside the first module).
pub fn starts_before_the_language() -> bool {
    let search = location().and_then(|l| l.search().ok()).unwrap_or_default();
    parse_page_options(&search).is_ok_and(|o| o.embed && !o.code) && !links_to_program()
}

/// The page's address without query or fragment.
pub fn base_url() -> String {
    location().map(|l| format!("{}{}", l.origin().unwrap_or_default(), l.pathname().unwrap_or_default())).unwrap_or_default()
}

/// A link to this page with `query` (may be empty) and the share text as fragment.
pub fn link(query: &str, share: &str) -> String {
    let q = if query.is_empty() { String::new() } else { format!("?{query}") };
    format!("{}{q}#{share}", base_url())
}

/// Keeps the address bar's fragment in step with the scenario, without adding history entries.
/// `None` (a scenario that cannot be shared) removes the fragment, so the address bar never
/// shows an older scenario than the one on screen.
pub fn set_fragment(share: Option<&str>) {
    let Some(w) = web_sys::window() else { return };
    // The address says it already (an embed's own link, as it starts): history is left alone
    // (a `replaceState` was 19 ms of an embed's start on Lighthouse's mobile profile).
    if let (Some(s), Ok(hash)) = (share, w.location().hash()) {
        if hash.strip_prefix('#') == Some(s) {
            return;
        }
    }
    let (path, query) = (w.location().pathname().unwrap_or_default(), w.location().search().unwrap_or_default());
    let url = match share {
        Some(s) => format!("{path}{query}#{s}"),
        None => format!("{path}{query}"),
    };
    if let Ok(h) = w.history() {
        let _ = h.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    }
}

/// Copies text to the clipboard, then calls `on_done` with whether it worked.
///
/// `navigator.clipboard` only exists in secure contexts (https, localhost); elsewhere, and when
/// the browser refuses, `on_done(false)` lets the caller show the text to copy by hand.
pub fn copy_text(text: &str, on_done: impl FnOnce(bool) + 'static) {
    let Some(w) = web_sys::window() else {
        on_done(false);
        return;
    };
    let nav = w.navigator();
    let available = Reflect::get(&nav, &JsValue::from_str("clipboard")).is_ok_and(|c| c.is_object());
    if !available {
        on_done(false);
        return;
    }
    let promise = nav.clipboard().write_text(text);
    wasm_bindgen_futures::spawn_local(async move {
        let ok = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
        on_done(ok);
    });
}

/// Calls `f` with the new fragment whenever it changes (typed or pasted into the address bar).
/// The listener lives as long as the returned value.
pub fn on_hash_change(f: impl Fn(String) + 'static) -> Option<EventListener> {
    let w = web_sys::window()?;
    Some(EventListener::new(&w, "hashchange", move |_| {
        if let Some(hash) = web_sys::window().and_then(|w| w.location().hash().ok()) {
            if hash.len() <= crate::play::MAX_SHARE_LEN + 1 {
                f(hash);
            }
        }
    }))
}

/// The viewport's width in CSS pixels (0 if unknown).
pub fn viewport_width() -> f64 {
    web_sys::window().and_then(|w| w.inner_width().ok()).and_then(|v| v.as_f64()).unwrap_or(0.0)
}

/// Scrolls the element matching `selector` into view, smoothly, when the viewport is narrower
/// than `below` px (in the one-column layout the element may be out of sight).
///
/// Never in a frame: `scrollIntoView` scrolls every scrollable ancestor, the host page included,
/// and an embed must never move its host's scroll position.
pub fn reveal(selector: &str, below: f64) {
    if in_frame() || viewport_width() >= below {
        return;
    }
    let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.query_selector(selector).ok().flatten()) else { return };
    let opts = web_sys::ScrollIntoViewOptions::new();
    opts.set_behavior(web_sys::ScrollBehavior::Smooth);
    opts.set_block(web_sys::ScrollLogicalPosition::Start);
    el.scroll_into_view_with_scroll_into_view_options(&opts);
}

/// Whether this page is inside a frame.
pub fn in_frame() -> bool {
    web_sys::window().and_then(|w| w.parent().ok().flatten().map(|p| !Object::is(&p, &w))).unwrap_or(false)
}

/// Reads a message's data strictly: a plain object whose values, where present, are strings.
fn read_command(data: &JsValue) -> Option<Result<ParentCommand, String>> {
    if !data.is_object() || Array::is_array(data) {
        return None;
    }
    let obj: &Object = data.unchecked_ref();
    let keys: Vec<String> = Object::keys(obj).iter().filter_map(|k| k.as_string()).collect();
    if keys.len() > 3 {
        return None;
    }
    let field = |name: &str| -> Result<Option<String>, ()> {
        match Reflect::get(obj, &JsValue::from_str(name)) {
            Ok(v) if v.is_undefined() => Ok(None),
            Ok(v) => v.as_string().map(Some).ok_or(()),
            Err(_) => Err(()),
        }
    };
    let (Ok(kind), Ok(action), Ok(scenario)) = (field("type"), field("action"), field("scenario")) else { return None };
    let key_refs: Vec<&str> = keys.iter().map(String::as_str).collect();
    match parse_command(&key_refs, kind.as_deref(), action.as_deref(), scenario.as_deref()) {
        Ok(c) => Some(Ok(c)),
        // A load whose scenario is bad is a real request: say what is wrong. Anything else of the
        // wrong shape is not for us, and is ignored.
        Err(e) if action.as_deref() == Some("load") && kind.as_deref() == Some(MESSAGE_TYPE) && key_refs.len() <= 3 => {
            Some(Err(e.to_string()))
        }
        Err(_) => None,
    }
}

/// The link with the parent page, when embedded.
pub struct ParentBridge {
    origin: Rc<RefCell<Option<String>>>,
    _listener: EventListener,
}

impl ParentBridge {
    /// Listens for commands from the parent. `None` when the page is not in a frame.
    pub fn listen(on_command: impl Fn(Result<ParentCommand, String>) + 'static) -> Option<Self> {
        if !in_frame() {
            return None;
        }
        let w = web_sys::window()?;
        let origin: Rc<RefCell<Option<String>>> = Rc::default();
        let o = origin.clone();
        let listener = EventListener::new(&w, "message", move |event| {
            let Some(e) = event.dyn_ref::<web_sys::MessageEvent>() else { return };
            let Some(w) = web_sys::window() else { return };
            let from_parent = match (e.source(), w.parent().ok().flatten()) {
                (Some(src), Some(parent)) => Object::is(&src, &parent),
                _ => false,
            };
            if !from_parent {
                return;
            }
            let sender = e.origin();
            if sender.len() > 2048 {
                return;
            }
            let Some(cmd) = read_command(&e.data()) else { return };
            {
                let mut known = o.borrow_mut();
                match known.as_deref() {
                    Some(k) if k != sender => return,
                    Some(_) => {}
                    None => *known = Some(sender),
                }
            }
            on_command(cmd);
        });
        Some(ParentBridge { origin, _listener: listener })
    }

    /// Whether a parent has spoken, from an origin that replies can be sent to. Until then
    /// [`ParentBridge::post`] sends nothing, so callers must not count anything as delivered.
    pub fn is_connected(&self) -> bool {
        self.origin.borrow().as_deref().is_some_and(|o| o != "null")
    }

    /// Sends `{type: "waker-playground", event, ...fields}` to the parent's origin, once known.
    pub fn post(&self, event: &str, fields: &[(&str, JsValue)]) {
        let Some(origin) = self.origin.borrow().clone() else { return };
        if origin == "null" {
            // An opaque parent origin cannot be targeted, and "*" is not an option.
            return;
        }
        let Some(parent) = web_sys::window().and_then(|w| w.parent().ok().flatten()) else { return };
        let msg = Object::new();
        let _ = Reflect::set(&msg, &"type".into(), &MESSAGE_TYPE.into());
        let _ = Reflect::set(&msg, &"event".into(), &event.into());
        for (k, v) in fields {
            let _ = Reflect::set(&msg, &(*k).into(), v);
        }
        let _ = parent.post_message(&msg, &origin);
    }
}

/// Sets `data-theme="light"` or `"dark"` on the page's root element, which picks the stylesheet's
/// colours. For [`Theme::Auto`] it follows `prefers-color-scheme`, also when the reader's system
/// switches; the listener lives as long as the returned value.
pub fn apply_theme(theme: Theme) -> Option<EventListener> {
    let w = web_sys::window()?;
    let root = w.document()?.document_element()?;
    let set = move |root: &web_sys::Element, dark: bool| {
        let _ = root.set_attribute("data-theme", if dark { "dark" } else { "light" });
    };
    match theme {
        Theme::Light | Theme::Dark => {
            set(&root, theme == Theme::Dark);
            None
        }
        Theme::Auto => {
            let query = w.match_media("(prefers-color-scheme: dark)").ok().flatten();
            set(&root, query.as_ref().is_some_and(web_sys::MediaQueryList::matches));
            let query = query?;
            let q = query.clone();
            Some(EventListener::new(&query, "change", move |_| set(&root, q.matches())))
        }
    }
}

/// Calls `f` once, the first time the page's body is at least partly visible in the viewport.
///
/// In an iframe the viewport is the host page's: a frame far down a tutorial only fires when the
/// reader scrolls to it. The observer is disconnected when `f` has run or the value is dropped.
pub struct OnVisible {
    observer: web_sys::IntersectionObserver,
    _callback: wasm_bindgen::closure::Closure<dyn FnMut(Array)>,
}

impl OnVisible {
    /// Starts watching. `None` where the browser has no IntersectionObserver (then call `f` yourself).
    pub fn new(f: impl FnOnce() + 'static) -> Option<OnVisible> {
        let body = web_sys::window()?.document()?.body()?;
        let mut f = Some(f);
        let fired = Rc::new(RefCell::new(None::<web_sys::IntersectionObserver>));
        let slot = fired.clone();
        let callback = wasm_bindgen::closure::Closure::<dyn FnMut(Array)>::new(move |entries: Array| {
            let visible = entries.iter().any(|e| e.dyn_ref::<web_sys::IntersectionObserverEntry>().is_some_and(|e| e.is_intersecting()));
            if visible {
                if let Some(f) = f.take() {
                    if let Some(o) = slot.borrow().as_ref() {
                        o.disconnect();
                    }
                    f();
                }
            }
        });
        let observer = web_sys::IntersectionObserver::new(callback.as_ref().unchecked_ref()).ok()?;
        *fired.borrow_mut() = Some(observer.clone());
        observer.observe(&body);
        Some(OnVisible { observer, _callback: callback })
    }
}

impl Drop for OnVisible {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

/// Offers `text` as a file download named `name`. Returns false if the browser refused.
pub fn download(name: &str, mime: &str, text: &str) -> bool {
    use wasm_bindgen::JsCast;
    let run = || -> Option<()> {
        let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
        let options = web_sys::BlobPropertyBag::new();
        options.set_type(mime);
        let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
        let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
        let doc = web_sys::window()?.document()?;
        let a: web_sys::HtmlAnchorElement = doc.create_element("a").ok()?.dyn_into().ok()?;
        a.set_href(&url);
        a.set_download(name);
        a.click();
        let _ = web_sys::Url::revoke_object_url(&url);
        Some(())
    };
    run().is_some()
}
