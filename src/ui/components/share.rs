use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::core::MAX_SHARE_LEN;

/// The shortest iframe that still shows the controls and a timeline lane.
const MIN_HEIGHT: u32 = 320;

/// Props of [`ShareBar`].
#[derive(Clone, PartialEq, Properties)]
pub struct ShareBarProps {
    /// The scenario as share text, or why it cannot be shared.
    pub share: Result<String, String>,
    /// A title for the iframe (the preset's title, or a generic one).
    pub title: String,
    /// Report a result to the person.
    pub on_notice: Callback<(bool, String)>,
}

/// Builds the iframe snippet for a link.
///
/// # Examples
///
/// ```
/// use waker_playground::ui::components::iframe_snippet;
/// let s = iframe_snippet("https://x.test/?embed#p=seed", "The seed", 420);
/// assert!(s.contains(r#"sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox""#));
/// assert!(s.contains(r#"title="Waker Playground: The seed""#));
/// ```
pub fn iframe_snippet(src: &str, title: &str, height: u32) -> String {
    let esc = |s: &str| s.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;").replace('>', "&gt;");
    format!(
        "<iframe src=\"{}\"\n  title=\"Waker Playground: {}\"\n  width=\"100%\" height=\"{height}\" loading=\"lazy\"\n  \
         sandbox=\"allow-scripts allow-popups allow-popups-to-escape-sandbox\"\n  \
         style=\"max-width: 960px; border: 1px solid #d9dde3; border-radius: 8px;\"></iframe>",
        esc(src),
        esc(title)
    )
}

/// The snippet for an mdBook page: raw HTML is allowed in mdBook's Markdown, between blank lines.
pub fn mdbook_snippet(src: &str, title: &str, height: u32) -> String {
    format!("<!-- Waker Playground: paste into any chapter's .md file -->\n\n{}\n\n", iframe_snippet(src, title, height))
}

/// Share (copy the link) and Embed (snippets for a page or an mdBook).
#[function_component(ShareBar)]
pub fn share_bar(p: &ShareBarProps) -> Html {
    let open = use_state(|| false);
    let dialog = use_node_ref();
    let opener = use_node_ref();
    {
        // Focus moves into the dialog when it opens, and back to the Embed button when it closes.
        let (dialog, opener) = (dialog.clone(), opener.clone());
        let was_open = use_mut_ref(|| false);
        use_effect_with(*open, move |&open| {
            let target = if open { dialog.cast::<web_sys::HtmlElement>() } else { opener.cast::<web_sys::HtmlElement>() };
            if open || *was_open.borrow() {
                if let Some(el) = target {
                    let _ = el.focus();
                }
            }
            *was_open.borrow_mut() = open;
        });
    }
    let autoplay = use_state(|| true);
    let code = use_state(|| false);
    // The iframe's whole height; ticking "code" adds room for the code panel.
    let height = use_state(|| 440u32);
    let shown_link = use_state(|| None::<String>);
    let status = use_state(String::new);

    let share_text = p.share.clone();
    let on_share = {
        let (notice, shown, status) = (p.on_notice.clone(), shown_link.clone(), status.clone());
        let share = share_text.clone();
        Callback::from(move |_| match &share {
            Ok(text) => {
                let url = crate::web::embed::link("", text);
                crate::web::embed::set_fragment(text);
                shown.set(Some(url.clone()));
                let status = status.clone();
                crate::web::embed::copy_text(&url, move |ok| {
                    status.set(if ok { "Link copied ✓".into() } else { "Copy the link below".into() });
                });
            }
            Err(why) => notice.emit((false, format!("Cannot share: {why}"))),
        })
    };
    let toggle = {
        let open = open.clone();
        Callback::from(move |_| open.set(!*open))
    };
    let query = {
        let mut q = vec!["embed"];
        if *autoplay {
            q.push("autoplay");
        }
        if *code {
            q.push("code");
        }
        q.join("&")
    };
    let src = share_text.as_ref().ok().map(|t| crate::web::embed::link(&query, t));
    let checkbox = |state: &UseStateHandle<bool>| {
        let state = state.clone();
        Callback::from(move |e: Event| state.set(e.target_unchecked_into::<HtmlInputElement>().checked()))
    };
    let on_code = {
        let (code, height) = (code.clone(), height.clone());
        Callback::from(move |e: Event| {
            let on = e.target_unchecked_into::<HtmlInputElement>().checked();
            code.set(on);
            height.set(if on { (*height + 400).min(1600) } else { height.saturating_sub(400).max(MIN_HEIGHT) });
        })
    };
    let on_height = {
        let h = height.clone();
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<HtmlInputElement>();
            // Any text gives a height in range, and the field shows the height used. (Integers
            // only: float parsing would add its own code to the wasm.)
            let text = input.value();
            let digits = text.trim().split('.').next().unwrap_or("");
            let v = match digits.parse::<i64>() {
                Ok(n) => n.clamp(i64::from(MIN_HEIGHT), 1600) as u32,
                Err(_) if digits.starts_with('-') => MIN_HEIGHT,
                Err(_) => *h,
            };
            input.set_value(&v.to_string());
            h.set(v);
        })
    };
    let on_key = {
        let open = open.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                open.set(false);
            }
        })
    };
    let copy = |text: String| {
        let notice = p.on_notice.clone();
        Callback::from(move |_| {
            let notice = notice.clone();
            crate::web::embed::copy_text(&text, move |ok| {
                notice.emit((
                    true,
                    if ok { "Snippet copied.".into() } else { "The browser did not allow copying: select the snippet and copy it.".into() },
                ))
            });
        })
    };
    html! {
        <div class="share">
            <button data-testid="share" onclick={on_share} title="Copy a link that restores this scenario">{ "Share" }</button>
            <button data-testid="embed" ref={opener} onclick={toggle} aria-expanded={open.to_string()} aria-controls="embed-dialog">{ "Embed" }</button>
            <span class="share-status" role="status" data-testid="share-status">{ (*status).clone() }</span>
            if let Some(url) = &*shown_link {
                <label class="share-link">
                    <span class="sr-only">{ "Share link" }</span>
                    <input readonly=true value={url.clone()} data-testid="share-link" onfocus={Callback::from(|e: FocusEvent| e.target_unchecked_into::<HtmlInputElement>().select())} />
                </label>
            }
            if *open {
                <section id="embed-dialog" class="embed-dialog panel" role="dialog" aria-labelledby="embed-title" data-testid="embed-dialog"
                    onkeydown={on_key} tabindex="-1" ref={dialog}>
                    <h2 id="embed-title">{ "Embed this playground" }</h2>
                    <p class="caption">{ "Paste the snippet into a tutorial page. The iframe is sandboxed (scripts only, plus \
                        popups for its \"Open in full playground\" link) and runs the current scenario." }</p>
                    <div class="embed-options">
                        <label><input type="checkbox" checked={*autoplay} onchange={checkbox(&autoplay)} />{ " autoplay" }</label>
                        <label><input type="checkbox" checked={*code} onchange={on_code} />{ " show the code panel" }</label>
                        <label>{ "height " }<input type="number" min={MIN_HEIGHT.to_string()} max="1600" step="20" value={height.to_string()} onchange={on_height} data-testid="embed-height" />{ " px" }</label>
                    </div>
                    { match &src {
                        Some(src) => {
                            let html_snippet = iframe_snippet(src, &p.title, *height);
                            let md_snippet = mdbook_snippet(src, &p.title, *height);
                            html! {
                                <>
                                    <h3>{ "HTML page" }</h3>
                                    <textarea readonly=true rows="6" data-testid="embed-snippet" value={html_snippet.clone()} />
                                    <button onclick={copy(html_snippet)}>{ "Copy HTML" }</button>
                                    <h3>{ "mdBook chapter" }</h3>
                                    <textarea readonly=true rows="8" data-testid="mdbook-snippet" value={md_snippet.clone()} />
                                    <button onclick={copy(md_snippet)}>{ "Copy for mdBook" }</button>
                                    <p class="caption">{ format!("The server hosting the playground must send Access-Control-Allow-Origin: * \
                                        (a sandboxed iframe has an opaque origin, so it loads the wasm cross-origin). Links are limited to {MAX_SHARE_LEN} bytes.") }</p>
                                </>
                            }
                        }
                        None => html! { <p class="field-error" role="alert">{ format!("Fix the scenario first: {}", p.share.clone().err().unwrap_or_default()) }</p> },
                    } }
                    <button onclick={toggle_close(&open)}>{ "Close" }</button>
                </section>
            }
        </div>
    }
}

fn toggle_close(open: &UseStateHandle<bool>) -> Callback<MouseEvent> {
    let open = open.clone();
    Callback::from(move |_| open.set(false))
}
