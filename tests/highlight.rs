//! The editor's highlighting: the pieces are the lexer's tokens, every byte of the program is
//! in a piece or is whitespace, and text outside the language is marked with the check's words.
//!
//! `tests/common/highlight-sample.tokens.json` is what the highlighter makes of the sample: the
//! end-to-end test compares the page's coloured spans with it. This test fails when the file is
//! stale (`UPDATE_GOLDEN=1 cargo test --test highlight` rewrites it).

#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use waker_playground::play::lang::highlight::{bracket_pair, highlight, Piece, TokClass};
use waker_playground::play::lang::{lex, parse, Tok};

const SAMPLE: &str = include_str!("common/highlight-sample.rs.txt");
const GOLDEN: &str = "tests/common/highlight-sample.tokens.json";

fn text<'a>(src: &'a str, p: &Piece) -> &'a str {
    &src[p.span.start as usize..p.span.end as usize]
}

/// The pieces as `[["text","kind"],…]`, one per line.
fn as_json(src: &str, pieces: &[Piece]) -> String {
    let rows: Vec<String> = pieces
        .iter()
        .map(|p| {
            let t: String = text(src, p)
                .chars()
                .flat_map(|c| match c {
                    '"' => "\\\"".chars().collect::<Vec<_>>(),
                    '\\' => "\\\\".chars().collect(),
                    '\n' => "\\n".chars().collect(),
                    c => vec![c],
                })
                .collect();
            format!("  [\"{t}\", \"{}\"]", p.class.key())
        })
        .collect();
    format!("[\n{}\n]\n", rows.join(",\n"))
}

#[test]
fn the_sample_golden_file_is_what_the_highlighter_makes() {
    let made = as_json(SAMPLE, &highlight(SAMPLE));
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(GOLDEN, &made).unwrap();
    }
    let on_disk = std::fs::read_to_string(GOLDEN).expect("the golden file (UPDATE_GOLDEN=1 writes it)");
    assert_eq!(on_disk, made, "stale: run UPDATE_GOLDEN=1 cargo test --test highlight");
}

#[test]
fn each_kind_in_the_sample_is_what_the_language_reads() {
    let ps = highlight(SAMPLE);
    let kind = |t: &str| ps.iter().find(|p| text(SAMPLE, p) == t).unwrap_or_else(|| panic!("no piece {t:?}")).class;
    for (t, k) in [
        ("use", TokClass::Keyword),
        ("struct", TokClass::Keyword),
        ("async", TokClass::Keyword),
        ("Counter", TokClass::Ident),
        ("'a", TokClass::Ident),
        ("0x1F", TokClass::Number),
        ("100u64", TokClass::Number),
        ("\"count\"", TokClass::String),
        ("'x'", TokClass::String),
        ("r#\"raw\"#", TokClass::String),
        ("/// A doc comment.", TokClass::Comment),
        ("/* a block /* nested */ comment */", TokClass::Comment),
        ("println!", TokClass::Macro),
        ("!=", TokClass::Punct),
        ("&&", TokClass::Punct),
        ("extern", TokClass::Unsupported),
        ("shout!", TokClass::Unsupported),
        ("1.5", TokClass::Number),
    ] {
        assert_eq!(kind(t), k, "{t}");
    }
    // What is unsupported says so in the check's own words.
    let note = |t: &str| ps.iter().find(|p| text(SAMPLE, p) == t).and_then(|p| p.note.clone()).unwrap();
    assert!(note("extern").starts_with("`extern` is outside what the playground runs"));
    assert!(note("shout!").starts_with("the macro `shout!` is outside"));
    // And the check refuses the sample at its first one.
    assert!(parse(SAMPLE).unwrap_err().render(SAMPLE).contains("`extern`, the macro `shout!` are outside"));
}

#[test]
fn an_unclosed_string_or_comment_runs_to_the_end() {
    let src = "let a = 1;\nlet s = \"open\nlet b = 2;";
    let ps = highlight(src);
    let last = ps.last().unwrap();
    assert_eq!((text(src, last), last.class), ("\"open\nlet b = 2;", TokClass::String));
    assert!(last.note.as_deref().unwrap().contains("never closed"));
    let src = "x /* open";
    assert_eq!(highlight(src).last().unwrap().class, TokClass::Comment);
}

#[test]
fn a_caret_after_other_punctuation_pairs_the_bracket_that_follows_it() {
    // After `;` and before `(`: the `;` is no bracket, so the `(` after the caret is the one.
    let src = "a;(b)";
    let ps = highlight(src);
    let (a, b) = bracket_pair(src, &ps, 2).unwrap();
    assert_eq!((a.start, b.unwrap().start), (2, 4));
    let src = "v[0],[1]";
    let ps = highlight(src);
    let (a, b) = bracket_pair(src, &ps, 5).unwrap();
    assert_eq!((a.start, b.unwrap().start), (5, 7));
}

#[test]
fn brackets_pair_across_lines_and_nesting() {
    let src = "fn f() {\n    g(a[0], { 1 });\n}";
    let ps = highlight(src);
    let open = src.find('{').unwrap();
    let (a, b) = bracket_pair(src, &ps, open + 1).unwrap();
    assert_eq!((a.start as usize, b.unwrap().start as usize), (open, src.len() - 1));
    // After `)` of `g(…)`: its partner is the `(` after `g`.
    let close = src.find(");").unwrap();
    let (_, b) = bracket_pair(src, &ps, close + 1).unwrap();
    assert_eq!(b.unwrap().start as usize, src.find("g(").unwrap() + 1);
    // Between `}` and `)`, the bracket before the caret wins: the `}` of `{ 1 }`.
    let (a, b) = bracket_pair(src, &ps, close).unwrap();
    assert_eq!((a.start as usize, b.unwrap().start as usize), (close - 1, src.find("{ 1").unwrap()));
    // Square brackets pair as the others do, both ways.
    let src = "v[a[0]]";
    let ps = highlight(src);
    let (a, b) = bracket_pair(src, &ps, 2).unwrap();
    assert_eq!((a.start, b.unwrap().start), (1, 6));
    let (a, b) = bracket_pair(src, &ps, 6).unwrap();
    assert_eq!((a.start, b.unwrap().start), (5, 3));
    let src = "fn f() {\n    g(a[0], { 1 });\n}";
    let ps = highlight(src);
    // Away from brackets: nothing.
    assert!(bracket_pair(src, &ps, 1).is_none());
    // A bracket in a string or comment is no bracket.
    let src = "\"(\" // )";
    assert!(bracket_pair(src, &highlight(src), 1).is_none());
}

/// Checks what holds for any text: the pieces are in order, inside the text, on char boundaries,
/// and what lies between them is whitespace; where the text lexes, every token is a piece.
fn check(src: &str) {
    let ps = highlight(src);
    let mut at = 0usize;
    for p in &ps {
        let (s, e) = (p.span.start as usize, p.span.end as usize);
        assert!(at <= s && s < e && e <= src.len(), "{p:?} after {at} in {src:?}");
        assert!(src.is_char_boundary(s) && src.is_char_boundary(e));
        assert!(src[at..s].chars().all(char::is_whitespace), "gap {:?} in {src:?}", &src[at..s]);
        at = e;
    }
    assert!(src[at..].chars().all(char::is_whitespace));
    if let Ok(toks) = lex(src) {
        for t in toks.iter().filter(|t| t.tok != Tok::Eof) {
            assert!(ps.iter().any(|p| p.span.start <= t.span.start && t.span.end <= p.span.end), "{t:?} in {src:?}");
        }
    }
}

#[test]
fn the_presets_programs_are_covered_byte_for_byte() {
    let mut programs = 0;
    for p in waker_playground::play::PRESETS.iter() {
        if let Some(code) = p.scenario().program {
            check(&code);
            programs += 1;
        }
    }
    assert!(programs >= 10, "{programs} presets are programs");
    check(SAMPLE);
    // A character of two bytes after a number and a dot: a field or method name (`1.é`), as
    // rustc reads it, not a float.
    check("let x = 1.é;");
    check("1.é");
    let src = "1.é";
    let ps = highlight(src);
    let shown: Vec<(&str, TokClass)> = ps.iter().map(|p| (&src[p.span.start as usize..p.span.end as usize], p.class)).collect();
    assert_eq!(shown, [("1", TokClass::Number), (".", TokClass::Punct), ("é", TokClass::Ident)]);
    // …and a piece in error takes the whole character, not half of it or none.
    let src = "let x = 1 ¤ 2;";
    let bad = highlight(src).into_iter().find(|p| p.class == TokClass::Unsupported).expect("an error piece");
    assert_eq!(&src[bad.span.start as usize..bad.span.end as usize], "¤");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]
    #[test]
    fn any_text_is_covered_and_never_panics(src in "(\\PC|[\\n\"'/*{}()\\[\\]!#r0-9._])*") {
        check(&src);
    }

    #[test]
    fn a_cut_program_is_covered_and_never_panics(cut in 0usize..4000, len in 0usize..300) {
        let s = SAMPLE.char_indices().map(|(i, _)| i).find(|&i| i >= cut % SAMPLE.len()).unwrap_or(0);
        let e = SAMPLE.char_indices().map(|(i, _)| i).find(|&i| i >= s + len).unwrap_or(SAMPLE.len());
        check(&SAMPLE[s..e]);
    }
}
