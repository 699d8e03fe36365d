//! A visible error instead of a dead page when something panics.

use wasm_bindgen::JsCast;

/// Logs the panic and shows an overlay with the message and a reload link.
///
/// Uses only DOM calls (no closures, no inline script: the page's CSP forbids it). The text is
/// set with `textContent`, never parsed as HTML.
pub fn show_panic(message: &str) {
    web_sys::console::error_1(&format!("Waker Playground panicked: {message}").into());
    show_overlay("Something went wrong", "The playground hit a bug and stopped. Reloading the page starts it again. The details:", message);
}

/// Shows the overlay with a title, a line and the details (the first one shown stays).
pub fn show_overlay(title: &str, lead: &str, message: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let Some(body) = doc.body() else { return };
    if doc.get_element_by_id("panic-overlay").is_some() {
        return;
    }
    let make = |tag: &str| doc.create_element(tag).ok();
    let (Some(overlay), Some(h), Some(p), Some(pre), Some(a)) = (make("div"), make("h2"), make("p"), make("pre"), make("a")) else {
        return;
    };
    overlay.set_id("panic-overlay");
    let _ = overlay.set_attribute("role", "alertdialog");
    let _ = overlay.set_attribute("aria-labelledby", "panic-title");
    h.set_id("panic-title");
    h.set_text_content(Some(title));
    p.set_text_content(Some(lead));
    pre.set_text_content(Some(message));
    a.set_text_content(Some("Reload"));
    let _ = a.set_attribute("href", "");
    let _ = a.set_attribute("class", "reload");
    for child in [&h, &p, &pre, &a] {
        let _ = overlay.append_child(child);
    }
    let _ = body.append_child(&overlay);
    // In an embed, focusing would scroll the host page to the frame and take the reader's focus.
    if !super::embed::in_frame() {
        if let Ok(a) = a.dyn_into::<web_sys::HtmlElement>() {
            let _ = a.focus();
        }
    }
}
