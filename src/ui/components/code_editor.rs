use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{HtmlDocument, HtmlTextAreaElement};
use yew::prelude::*;

use crate::play::lang::highlight::{bracket_pair, floor_char, highlight, Piece};
use crate::play::lang::Span;
use crate::ui::state::CodeError;

/// Props of [`CodeEditor`].
#[derive(Clone, PartialEq, Properties)]
pub struct CodeEditorProps {
    /// The program.
    pub text: Rc<str>,
    /// Its first error.
    pub error: Option<CodeError>,
    /// The text changed.
    pub on_input: Callback<String>,
    /// The text settled: typing paused for [`SETTLE_MS`], or the editor lost the focus.
    #[prop_or_default]
    pub on_settle: Callback<String>,
    /// Ctrl+Enter (⌘+Enter): run the program.
    #[prop_or_default]
    pub on_run: Callback<()>,
}

/// How long typing must pause before the text counts as settled (a live edit applies then).
pub const SETTLE_MS: u32 = 700;

/// How many spaces Tab inserts.
const INDENT: &str = "    ";

/// The code editor: a real textarea (so screen readers, the browser's undo and its spell-check
/// settings all work as they do everywhere) over a layer coloured by the playground's own lexer,
/// and a layer that underlines the first error. No editor framework: the README says why.
///
/// Keys: Tab and Shift+Tab indent and outdent (a selection, line by line); Enter keeps the
/// indent (and adds one after an opening bracket); Ctrl+/ comments lines in and out; Ctrl+Enter
/// runs. Every edit goes through the browser's `insertText`, so Ctrl+Z undoes each as one step.
/// Escape, then Tab, moves the focus on (so the keyboard is never trapped).
#[function_component(CodeEditor)]
pub fn code_editor(p: &CodeEditorProps) -> Html {
    let area = use_node_ref();
    let gutter = use_node_ref();
    let layers = use_node_ref();
    // After Escape, the next Tab leaves the editor instead of indenting.
    let tab_leaves = use_mut_ref(|| false);
    // The caret, in bytes, when the selection is empty (for bracket matching).
    let caret = use_state_eq(|| None::<usize>);
    // The pending "settled" call; replaced on every input, dropped (cancelled) on unmount.
    let settle = use_mut_ref(|| None::<gloo_timers::callback::Timeout>);
    let pieces = use_memo(p.text.clone(), |t| highlight(t));
    let track_caret = {
        let caret = caret.clone();
        move |area: &HtmlTextAreaElement| {
            let v = area.value();
            let (s, e) = selection(area, &v);
            caret.set((s == e).then_some(s));
        }
    };
    let oninput = {
        let (cb, on_settle, settle, track) = (p.on_input.clone(), p.on_settle.clone(), settle.clone(), track_caret.clone());
        Callback::from(move |e: InputEvent| {
            let area = e.target_unchecked_into::<HtmlTextAreaElement>();
            let text = area.value();
            track(&area);
            let (on_settle, later) = (on_settle.clone(), text.clone());
            *settle.borrow_mut() = Some(gloo_timers::callback::Timeout::new(SETTLE_MS, move || on_settle.emit(later)));
            cb.emit(text);
        })
    };
    let onchange = {
        let (on_settle, settle) = (p.on_settle.clone(), settle.clone());
        Callback::from(move |e: Event| {
            settle.borrow_mut().take();
            on_settle.emit(e.target_unchecked_into::<HtmlTextAreaElement>().value());
        })
    };
    let onkeyup = {
        let track = track_caret.clone();
        Callback::from(move |e: KeyboardEvent| track(&e.target_unchecked_into::<HtmlTextAreaElement>()))
    };
    let onmouseup = {
        let track = track_caret.clone();
        Callback::from(move |e: MouseEvent| track(&e.target_unchecked_into::<HtmlTextAreaElement>()))
    };
    let onblur = {
        let caret = caret.clone();
        Callback::from(move |_: FocusEvent| caret.set(None))
    };
    let onkeydown = {
        let (tab_leaves, on_run, track) = (tab_leaves.clone(), p.on_run.clone(), track_caret);
        Callback::from(move |e: KeyboardEvent| {
            let key = e.key();
            let ctrl = e.ctrl_key() || e.meta_key();
            let area = e.target_unchecked_into::<HtmlTextAreaElement>();
            if key == "Escape" {
                *tab_leaves.borrow_mut() = true;
                return;
            }
            // Shift on its way to Shift+Tab must not cancel the Escape before it.
            if matches!(key.as_str(), "Shift" | "Control" | "Alt" | "Meta") {
                return;
            }
            let was_escaped = std::mem::take(&mut *tab_leaves.borrow_mut());
            let edit = match key.as_str() {
                "Enter" if ctrl && !e.alt_key() => {
                    e.prevent_default();
                    on_run.emit(());
                    return;
                }
                "Tab" if was_escaped || ctrl || e.alt_key() => return,
                "Tab" => {
                    let v = area.value();
                    let (s, end) = selection(&area, &v);
                    if e.shift_key() {
                        outdent(&v, s, end)
                    } else {
                        indent(&v, s, end)
                    }
                }
                "Enter" if !e.shift_key() && !e.alt_key() => {
                    let v = area.value();
                    let (s, end) = selection(&area, &v);
                    Some(newline(&v, s, end))
                }
                "/" if ctrl && !e.alt_key() => {
                    let v = area.value();
                    let (s, end) = selection(&area, &v);
                    Some(toggle_comment(&v, s, end))
                }
                "}" if !ctrl && !e.alt_key() => {
                    let v = area.value();
                    let (s, end) = selection(&area, &v);
                    match close_brace(&v, s, end) {
                        Some(edit) => Some(edit),
                        None => return,
                    }
                }
                _ => return,
            };
            e.prevent_default();
            if let Some(edit) = edit {
                apply(&area, &edit);
                track(&area);
            }
        })
    };
    // The layers and the line numbers move with the text. They are moved, not scrolled: the
    // field's own scrollbars make its view smaller than theirs, so a scrolled layer would stop
    // short of the field at the bottom and the right edge.
    let onscroll = {
        let (area, gutter, layers) = (area.clone(), gutter.clone(), layers.clone());
        Callback::from(move |_: Event| {
            if let Some(a) = area.cast::<web_sys::Element>() {
                let (x, y) = (a.scroll_left(), a.scroll_top());
                if let Some(g) = gutter.cast::<web_sys::HtmlElement>() {
                    let _ = g.style().set_property("transform", &format!("translateY({}px)", -y));
                }
                if let Some(l) = layers.cast::<web_sys::HtmlElement>() {
                    let _ = l.style().set_property("transform", &format!("translate({}px, {}px)", -x, -y));
                }
            }
        })
    };
    // The highlighting sits under the text field: a pointer over an unsupported word or the
    // error shows its message as the field's tooltip.
    let onmousemove = Callback::from(move |e: MouseEvent| {
        let area = e.target_unchecked_into::<HtmlTextAreaElement>();
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
        let note = doc
            .elements_from_point(e.client_x() as f32, e.client_y() as f32)
            .iter()
            .filter_map(|n| n.dyn_into::<web_sys::Element>().ok())
            .find(|el| el.has_attribute("data-note"))
            .and_then(|el| el.get_attribute("data-note"));
        let now = area.get_attribute("title");
        if note != now {
            let _ = match note {
                Some(n) => area.set_attribute("title", &n),
                None => area.remove_attribute("title"),
            };
        }
    });
    let text: &str = &p.text;
    let lines = text.split('\n').count().max(1);
    let error_line = p.error.as_ref().map(|e| e.line);
    let brackets = caret.and_then(|c| bracket_pair(text, &pieces, c));
    html! {
        <div class="code-editor-wrap">
            <div class="code-editor">
                <div class="gutter" aria-hidden="true">
                    <pre ref={gutter}>
                        { for (1..=lines).map(|n| html! {
                            <span class={classes!((error_line == Some(n)).then_some("err"))}
                                title={(error_line == Some(n)).then(|| p.error.as_ref().map(|e| e.text.clone())).flatten()}>{ n }{ "\n" }</span>
                        }) }
                    </pre>
                </div>
                <div class="code-stack">
                    <div class="code-layers" aria-hidden="true">
                        <div class="code-moving" ref={layers}>
                            <pre class="code-highlight" data-testid="code-highlight">{ coloured(text, &pieces, brackets) }</pre>
                            if let Some(e) = &p.error {
                                <pre class="code-marks">{ error_marks(text, e) }</pre>
                            }
                        </div>
                    </div>
                    <textarea ref={area} data-testid="code-editor" spellcheck="false" autocapitalize="off" autocomplete="off"
                        aria-label="The program, in async Rust. Tab indents, Shift+Tab outdents, Ctrl+/ comments lines, Ctrl+Enter runs; Escape then Tab moves on."
                        aria-invalid={if p.error.is_some() { "true" } else { "false" }}
                        aria-describedby="code-error"
                        value={p.text.to_string()} {oninput} {onchange} {onkeydown} {onkeyup} {onmouseup} {onblur} {onscroll} {onmousemove} />
                </div>
            </div>
            if let Some(e) = &p.error {
                <p class="code-error" id="code-error" data-testid="code-error" role="alert">{ &e.text }</p>
            } else {
                <p class="code-ok" id="code-error">{ "No errors: Run (or Ctrl+Enter) runs it." }</p>
            }
        </div>
    }
}

/// The program as coloured spans (`data-tok`), with the bracket at the caret and its partner
/// marked.
fn coloured(text: &str, pieces: &[Piece], brackets: Option<(Span, Option<Span>)>) -> Html {
    let mut out: Vec<Html> = Vec::with_capacity(pieces.len() * 2 + 1);
    let mut at = 0usize;
    for p in pieces {
        let (s, e) = (p.span.start as usize, p.span.end as usize);
        if s > at {
            out.push(html! { { &text[at..s] } });
        }
        let mark = match brackets {
            Some((b, partner)) if b == p.span => Some(if partner.is_some() { "code-bracket" } else { "code-bracket-lone" }),
            Some((_, Some(q))) if q == p.span => Some("code-bracket"),
            _ => None,
        };
        out.push(html! {
            <span data-tok={p.class.key()} class={classes!(mark)} title={p.note.clone()} data-note={p.note.clone()}>{ &text[s..e] }</span>
        });
        at = e;
    }
    if at < text.len() {
        out.push(html! { { &text[at..] } });
    }
    // A final line break needs a line after it, as the text field shows one.
    out.push(html! { { "\n" } });
    out.into_iter().collect()
}

/// The error layer: the text up to the error (invisible), the error underlined, and its message
/// after the end of its line.
fn error_marks(text: &str, e: &CodeError) -> Html {
    let s = floor_char(text, e.span.start as usize);
    let end = floor_char(text, (e.span.end as usize).max(s)).max(s);
    // The underlined part stays on its line; an empty one (the end of the program) is a space wide.
    let end = text[s..end].find('\n').map_or(end, |n| s + n);
    let marked = if end > s { text[s..end].to_string() } else { " ".to_string() };
    let line_end = text[end..].find('\n').map_or(text.len(), |n| end + n);
    html! {
        <>
            { &text[..s] }
            <span class="code-error-mark" data-testid="code-error-mark" data-note={e.message.clone()}>{ marked }</span>
            { &text[end..line_end] }
            <span class="code-error-note">{ format!("  ← {}", e.message) }</span>
        </>
    }
}

/// One edit: replace `range` (bytes) with `text`, then select `select` (bytes, in the new text).
#[derive(Debug, PartialEq, Eq)]
struct Edit {
    range: (usize, usize),
    text: String,
    select: (usize, usize),
}

/// The lines that the selection `s..e` touches, as a byte range (a selection ending at the
/// start of a line leaves that line out, as editors do).
fn line_range(v: &str, s: usize, e: usize) -> (usize, usize) {
    let start = v[..s].rfind('\n').map_or(0, |n| n + 1);
    let e = if e > s && v[..e].ends_with('\n') { e - 1 } else { e };
    let end = v[e..].find('\n').map_or(v.len(), |n| e + n);
    (start, end.max(start))
}

/// Tab: four spaces at the caret; with lines selected, four more at the start of each.
fn indent(v: &str, s: usize, e: usize) -> Option<Edit> {
    if s == e {
        return Some(Edit { range: (s, e), text: INDENT.into(), select: (s + INDENT.len(), s + INDENT.len()) });
    }
    let (ls, le) = line_range(v, s, e);
    let text: String = v[ls..le]
        .split('\n')
        .map(|l| if l.trim().is_empty() { l.to_string() } else { format!("{INDENT}{l}") })
        .collect::<Vec<_>>()
        .join("\n");
    Some(Edit { select: (ls, ls + text.len()), range: (ls, le), text })
}

/// Shift+Tab: up to four spaces fewer at the start of each line the selection touches.
fn outdent(v: &str, s: usize, e: usize) -> Option<Edit> {
    let (ls, le) = line_range(v, s, e);
    let mut removed_first = 0;
    let lines: Vec<String> = v[ls..le]
        .split('\n')
        .enumerate()
        .map(|(i, l)| {
            // One tab, or up to four spaces.
            let cut = if l.starts_with('\t') { 1 } else { (l.len() - l.trim_start_matches(' ').len()).min(INDENT.len()) };
            if i == 0 {
                removed_first = cut;
            }
            l[cut..].to_string()
        })
        .collect();
    let text = lines.join("\n");
    if text.len() == le - ls {
        return None;
    }
    let select = if s == e {
        let c = s.saturating_sub(removed_first).max(ls);
        (c, c)
    } else {
        (ls, ls + text.len())
    };
    Some(Edit { range: (ls, le), text, select })
}

/// Enter: a line break and the line's indent, one more after an opening bracket; between a
/// bracket pair, the closing one goes on its own line.
fn newline(v: &str, s: usize, e: usize) -> Edit {
    let line_start = v[..s].rfind('\n').map_or(0, |n| n + 1);
    let indent: String = v[line_start..s].chars().take_while(|c| *c == ' ' || *c == '\t').collect();
    let before = v[line_start..s].trim_end();
    let opens = before.ends_with(['{', '(', '[']);
    let spaces = v[e..].len() - v[e..].trim_start_matches(' ').len();
    let closes = v[e + spaces..].starts_with(['}', ')', ']']);
    // `{ }` split by Enter: the space before the `}` goes, so the `}` lines up with its line.
    let e = if opens && closes { e + spaces } else { e };
    let (text, caret) = if opens && closes {
        let first = format!("\n{indent}{INDENT}");
        (format!("{first}\n{indent}"), first.len())
    } else if opens {
        let t = format!("\n{indent}{INDENT}");
        let n = t.len();
        (t, n)
    } else {
        let t = format!("\n{indent}");
        let n = t.len();
        (t, n)
    };
    Edit { range: (s, e), text, select: (s + caret, s + caret) }
}

/// Ctrl+/: `// ` before each line (at the smallest indent), or, when every line that has text is
/// already a comment, the markers taken away.
fn toggle_comment(v: &str, s: usize, e: usize) -> Edit {
    let (ls, le) = line_range(v, s, e);
    let lines: Vec<&str> = v[ls..le].split('\n').collect();
    let filled = || lines.iter().filter(|l| !l.trim().is_empty());
    // A doc comment (`///`, `//!`) is code to comment out, not a comment marker to take away.
    let marked = |l: &str| {
        let t = l.trim_start();
        t.starts_with("//") && !t.starts_with("///") && !t.starts_with("//!")
    };
    let all_commented = filled().count() > 0 && filled().all(|l| marked(l));
    let text = if all_commented {
        lines
            .iter()
            .map(|l| {
                if !marked(l) {
                    return l.to_string(); // a blank line between the comments
                }
                let n = l.len() - l.trim_start().len();
                let rest = &l[n + 2..];
                format!("{}{}", &l[..n], rest.strip_prefix(' ').unwrap_or(rest))
            })
            .collect::<Vec<_>>()
            .join("\n")
    } else {
        let col = filled().map(|l| l.len() - l.trim_start().len()).min().unwrap_or(0);
        lines
            .iter()
            .map(|l| {
                if l.trim().is_empty() && filled().count() > 0 {
                    l.to_string()
                } else {
                    format!("{}// {}", &l[..col.min(l.len())], &l[col.min(l.len())..])
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    let delta = text.len() as isize - (le - ls) as isize;
    let select = if s == e {
        // The caret stays on its character.
        let c = (s as isize + if all_commented { delta.max((ls as isize) - (s as isize)) } else { 3 }) as usize;
        (c.min(ls + text.len()), c.min(ls + text.len()))
    } else {
        (ls, ls + text.len())
    };
    Edit { range: (ls, le), text, select }
}

/// `}` typed first on a line: the line loses one indent before it, as the block it closes
/// began one indent less deep. Anywhere else, `}` is typed as it is (`None`).
fn close_brace(v: &str, s: usize, e: usize) -> Option<Edit> {
    let ls = v[..s].rfind('\n').map_or(0, |n| n + 1);
    let before = &v[ls..s];
    if s != e || before.is_empty() || !before.chars().all(|c| c == ' ' || c == '\t') {
        return None;
    }
    let keep = if before.ends_with('\t') {
        before.len() - 1
    } else {
        before.len() - (before.len() - before.trim_end_matches(' ').len()).min(INDENT.len())
    };
    let text = format!("{}}}", &before[..keep]);
    let c = ls + text.len();
    Some(Edit { range: (ls, s), text, select: (c, c) })
}

/// The selection, in bytes of `v` (the field counts UTF-16 units).
fn selection(area: &HtmlTextAreaElement, v: &str) -> (usize, usize) {
    let s = area.selection_start().ok().flatten().unwrap_or(0);
    let e = area.selection_end().ok().flatten().unwrap_or(s);
    (byte_of(v, s), byte_of(v, e))
}

/// Makes `edit` through the browser's own editing (`insertText`), so that it joins the undo
/// history; a browser without it gets `setRangeText` and an `input` event.
fn apply(area: &HtmlTextAreaElement, edit: &Edit) {
    let v = area.value();
    let (a, b) = (unit_of(&v, edit.range.0), unit_of(&v, edit.range.1));
    let _ = area.set_selection_range(a, b);
    let doc = web_sys::window().and_then(|w| w.document()).and_then(|d| d.dyn_into::<HtmlDocument>().ok());
    let done = doc.is_some_and(|d| {
        if edit.text.is_empty() {
            d.exec_command("delete").unwrap_or(false)
        } else {
            d.exec_command_with_show_ui_and_value("insertText", false, &edit.text).unwrap_or(false)
        }
    });
    if !done {
        let _ = area.set_range_text_with_start_and_end_and_mode(&edit.text, a, b, "end");
        if let Ok(ev) = web_sys::Event::new("input") {
            let _ = area.dispatch_event(&ev);
        }
    }
    let nv = area.value();
    let _ = area.set_selection_range(unit_of(&nv, edit.select.0), unit_of(&nv, edit.select.1));
}

/// The byte offset of UTF-16 unit `u` of `v`.
fn byte_of(v: &str, u: u32) -> usize {
    let mut units = 0u32;
    for (i, c) in v.char_indices() {
        if units >= u {
            return i;
        }
        units += c.len_utf16() as u32;
    }
    v.len()
}

/// The UTF-16 unit of byte `b` of `v`.
fn unit_of(v: &str, b: usize) -> u32 {
    v[..floor_char(v, b)].encode_utf16().count() as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(v: &str, sel: (usize, usize), f: impl Fn(&str, usize, usize) -> Option<Edit>) -> (String, (usize, usize)) {
        let e = f(v, sel.0, sel.1).expect("an edit");
        let mut out = v.to_string();
        out.replace_range(e.range.0..e.range.1, &e.text);
        (out, e.select)
    }

    #[test]
    fn tab_indents_the_caret_or_each_selected_line_and_shift_tab_outdents() {
        assert_eq!(run("ab", (1, 1), indent), ("a    b".into(), (5, 5)));
        let v = "fn f() {\nx;\n\ny;\n}";
        let (t, sel) = run(v, (9, 15), indent);
        assert_eq!(t, "fn f() {\n    x;\n\n    y;\n}");
        assert_eq!(&t[sel.0..sel.1], "    x;\n\n    y;");
        let (back, _) = run(&t, sel, outdent);
        assert_eq!(back, v);
        // A caret: its line loses up to four spaces, and the caret moves with its character.
        assert_eq!(run("  ab", (3, 3), outdent), ("ab".into(), (1, 1)));
        assert!(outdent("ab", 1, 1).is_none());
    }

    #[test]
    fn enter_keeps_the_indent_and_opens_a_block() {
        assert_eq!(run("    x;", (6, 6), |v, s, e| Some(newline(v, s, e))), ("    x;\n    ".into(), (11, 11)));
        let (t, sel) = run("fn f() {}", (8, 8), |v, s, e| Some(newline(v, s, e)));
        assert_eq!(t, "fn f() {\n    \n}");
        assert_eq!(sel, (13, 13));
    }

    #[test]
    fn ctrl_slash_comments_lines_in_and_out() {
        let v = "  a;\n  b;\n";
        let (t, sel) = run(v, (0, 9), |v, s, e| Some(toggle_comment(v, s, e)));
        assert_eq!(t, "  // a;\n  // b;\n");
        let (back, _) = run(&t, sel, |v, s, e| Some(toggle_comment(v, s, e)));
        assert_eq!(back, v);
        // A caret: its own line, the caret staying on its character.
        let (t, sel) = run("x;\ny;", (4, 4), |v, s, e| Some(toggle_comment(v, s, e)));
        assert_eq!((t.as_str(), sel), ("x;\n// y;", (7, 7)));
        let (t, sel) = run(&t, (7, 7), |v, s, e| Some(toggle_comment(v, s, e)));
        assert_eq!((t.as_str(), sel), ("x;\ny;", (4, 4)));
    }

    #[test]
    fn review_cases_stay_fixed() {
        // Ctrl+/ twice on a block with a blank line in it: back as it was, no panic.
        let v = "  a;\n\n  b;\n   \n";
        let (t, sel) = run(v, (0, v.len()), |v, s, e| Some(toggle_comment(v, s, e)));
        assert_eq!(t, "  // a;\n\n  // b;\n   \n");
        let (back, _) = run(&t, sel, |v, s, e| Some(toggle_comment(v, s, e)));
        assert_eq!(back, v);
        // A doc comment is commented out, not broken into `/ doc`.
        let (t, sel) = run("/// doc", (0, 7), |v, s, e| Some(toggle_comment(v, s, e)));
        assert_eq!(t, "// /// doc");
        assert_eq!(run(&t, sel, |v, s, e| Some(toggle_comment(v, s, e))).0, "/// doc");
        // Shift+Tab takes a tab away too.
        assert_eq!(run("\tab", (1, 1), outdent).0, "ab");
        // Tab on a selection inside one line indents the line, keeping the selected text.
        assert_eq!(run("let abc = 1;", (4, 7), indent).0, "    let abc = 1;");
        // Enter between `{ }`: the `}` goes to its own line, without the space before it.
        assert_eq!(run("fn f() { }", (8, 8), |v, s, e| Some(newline(v, s, e))).0, "fn f() {\n    \n}");
        // `}` first on an indented line goes back one indent; elsewhere it is typed as is.
        assert_eq!(run("    if x {\n        ", (19, 19), close_brace), ("    if x {\n    }".into(), (16, 16)));
        assert!(close_brace("x ", 2, 2).is_none());
        assert!(close_brace("\n", 1, 1).is_none());
    }

    #[test]
    fn offsets_convert_between_bytes_and_utf16_units() {
        let v = "é🦀x";
        assert_eq!((byte_of(v, 1), byte_of(v, 3), byte_of(v, 4)), (2, 6, 7));
        assert_eq!((unit_of(v, 2), unit_of(v, 6), unit_of(v, 7)), (1, 3, 4));
    }
}
