use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::play::{
    embed_query, iframe_snippet, mdbook_snippet, PageOptions, Theme, EMBED_CODE_HEIGHT, EMBED_HEIGHTS, MAX_CAPTION, MAX_SHARE_LEN,
    MAX_TITLE,
};

/// The shortest iframe that still shows the controls and a timeline lane.
const MIN_HEIGHT: u32 = 320;

/// Props of [`ShareBar`].
#[derive(Clone, PartialEq, Properties)]
pub struct ShareBarProps {
    /// The scenario as share text, or why it cannot be embedded.
    pub share: Result<String, String>,
    /// The page's link (Share): a program with an error too, or why there is none.
    pub link: Result<String, String>,
    /// A title for the iframe (the preset's title, or a generic one).
    pub title: String,
    /// Report a result to the person.
    pub on_notice: Callback<(bool, String)>,
    /// The embed's height without the code panel, until the person sets one: a program's
    /// embed shows the program too ([`crate::play::program_height`]).
    pub default_height: u32,
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
    let theme = use_state(|| Theme::Auto);
    // Empty means the default: the preset's title (or "a custom scenario"), and no caption.
    let title = use_state(String::new);
    let caption = use_state(String::new);
    // Where readers' browsers will find the playground: this page's address, unless only this
    // machine can open it (then the author writes where they publish it).
    let here = crate::web::embed::base_url();
    let here_local = crate::play::is_local_address(&here);
    let address = use_state(|| if here_local { String::new() } else { here.clone() });
    // The iframe's whole height; ticking "code" adds room for the code panel.
    let height = use_state(|| p.default_height);
    {
        // A new kind of scenario (a program, a longer one) gets its own default.
        let (height, code) = (height.clone(), code.clone());
        use_effect_with(p.default_height, move |&h| {
            height.set(if *code { (h + EMBED_CODE_HEIGHT).min(EMBED_HEIGHTS.1) } else { h });
        });
    }
    let shown_link = use_state(|| None::<String>);
    // The outcome of the last Share, in one place: success and failure replace each other. It is
    // cleared when the scenario changes, so "Link copied" never describes an older scenario.
    let status = use_state(|| None::<(bool, String)>);
    // Bumped whenever the scenario changes: a clipboard answer that arrives after an edit is
    // about an older scenario, and is dropped.
    let edits = use_mut_ref(|| 0u64);
    {
        let (status, shown, edits) = (status.clone(), shown_link.clone(), edits.clone());
        use_effect_with((p.share.clone(), p.link.clone()), move |_| {
            *edits.borrow_mut() += 1;
            status.set(None);
            shown.set(None);
        });
    }

    let share_text = p.share.clone();
    let on_share = {
        let (shown, status, edits) = (shown_link.clone(), status.clone(), edits.clone());
        let share = p.link.clone();
        Callback::from(move |_| match &share {
            Ok(text) => {
                let url = crate::web::embed::link("", text);
                crate::web::embed::set_fragment(Some(text));
                shown.set(Some(url.clone()));
                let (status, edits) = (status.clone(), edits.clone());
                let asked_at = *edits.borrow();
                crate::web::embed::copy_text(&url, move |ok| {
                    if *edits.borrow() != asked_at {
                        return;
                    }
                    status.set(Some(if ok {
                        (true, "Link copied ✓".into())
                    } else {
                        (true, "Copy the link below: the browser did not allow copying".into())
                    }));
                });
            }
            Err(why) => {
                shown.set(None);
                status.set(Some((false, format!("Not copied: {why}. The clipboard was not changed."))));
            }
        })
    };
    let toggle = {
        let open = open.clone();
        Callback::from(move |_| open.set(!*open))
    };
    let options = PageOptions {
        embed: true,
        autoplay: *autoplay,
        code: *code,
        theme: *theme,
        title: Some(title.trim().chars().take(MAX_TITLE).collect::<String>()).filter(|t| !t.is_empty()),
        caption: Some(caption.trim().chars().take(MAX_CAPTION).collect::<String>()).filter(|t| !t.is_empty()),
        history: None,
        hide: Vec::new(),
    };
    let query = embed_query(&options);
    let shown_title = options.title.clone().unwrap_or_else(|| p.title.clone());
    let text_field = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |e: InputEvent| state.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let on_theme = {
        let theme = theme.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
            theme.set(Theme::from_key(&v).unwrap_or_default());
        })
    };
    let base = match address.trim() {
        "" => crate::play::ADDRESS_PLACEHOLDER.to_string(),
        a => a.to_string(),
    };
    let src = share_text.as_ref().ok().map(|t| {
        let q = if query.is_empty() { String::new() } else { format!("?{query}") };
        format!("{base}{q}#{t}")
    });
    let checkbox = |state: &UseStateHandle<bool>| {
        let state = state.clone();
        Callback::from(move |e: Event| state.set(e.target_unchecked_into::<HtmlInputElement>().checked()))
    };
    let on_code = {
        let (code, height) = (code.clone(), height.clone());
        Callback::from(move |e: Event| {
            let on = e.target_unchecked_into::<HtmlInputElement>().checked();
            code.set(on);
            height.set(if on {
                (*height + EMBED_CODE_HEIGHT).min(EMBED_HEIGHTS.1)
            } else {
                height.saturating_sub(EMBED_CODE_HEIGHT).max(MIN_HEIGHT)
            });
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
            <span class={classes!("share-status", status.as_ref().filter(|(ok, _)| !ok).map(|_| "share-failed"))} role="status" data-testid="share-status">
                { status.as_ref().map(|(_, text)| text.clone()).unwrap_or_default() }
            </span>
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
                        <label>{ "theme " }
                            <select onchange={on_theme} data-testid="embed-theme">
                                { for [Theme::Auto, Theme::Light, Theme::Dark].into_iter().map(|t| html! {
                                    <option value={t.key()} selected={*theme == t}>{ match t { Theme::Auto => "follow the reader's system", Theme::Light => "light", Theme::Dark => "dark" } }</option>
                                }) }
                            </select>
                        </label>
                    </div>
                    <div class="embed-texts">
                        <label>{ "playground address " }<input type="url" placeholder={crate::play::ADDRESS_PLACEHOLDER} value={(*address).clone()}
                            oninput={text_field(&address)} data-testid="embed-address" /></label>
                        if here_local {
                            <p class="caption embed-local-note" data-testid="embed-local-note">{ format!("This page comes from {here},                                 which only this computer can open. Write the address where you publish the playground (the README's                                 Deploy section puts it on GitHub Pages); until then the snippet says {}.", crate::play::ADDRESS_PLACEHOLDER) }</p>
                        }
                        <label>{ "title " }<input type="text" maxlength={MAX_TITLE.to_string()} placeholder={p.title.clone()} value={(*title).clone()} oninput={text_field(&title)} data-testid="embed-title-input" /></label>
                        <label>{ "caption " }<input type="text" maxlength={MAX_CAPTION.to_string()} placeholder="a line under the title (optional)" value={(*caption).clone()} oninput={text_field(&caption)} data-testid="embed-caption-input" /></label>
                    </div>
                    { match &src {
                        Some(src) => {
                            let html_snippet = iframe_snippet(src, &shown_title, *height);
                            let md_snippet = mdbook_snippet(src, &shown_title, *height);
                            html! {
                                <>
                                    <h3>{ "HTML page" }</h3>
                                    <textarea readonly=true rows="6" data-testid="embed-snippet" value={html_snippet.clone()} />
                                    <button onclick={copy(html_snippet)}>{ "Copy HTML" }</button>
                                    <h3>{ "mdBook chapter" }</h3>
                                    <textarea readonly=true rows="8" data-testid="mdbook-snippet" value={md_snippet.clone()} />
                                    <button onclick={copy(md_snippet)}>{ "Copy for mdBook" }</button>
                                    <p class="caption" data-testid="embed-cors-note">{ format!("Publishing it: the embed loads the \
                                        playground's files from the address above as if from another site (a sandboxed frame belongs to no \
                                        site), so that host must allow it by sending the header Access-Control-Allow-Origin: * with them. \
                                        GitHub Pages sends it already; on your own server, add it. Without it, readers see \"Waker Playground \
                                        could not start: its files could not be loaded\" in the frame. The snippet holds the whole scenario, up to {MAX_SHARE_LEN} bytes.") }</p>
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
