//! The crate's layout: its files import each other in one direction only.
//!
//! Reads the source of `src/core/` (the engine, in folders), `src/play/` (the playground's model,
//! built on it), `src/web/` (browser glue) and `src/ui/` (the Yew UI), finds every file-to-file
//! dependency (`super::x` paths, and names taken through the `crate::core`, `crate::play`,
//! `crate::web` and `crate::ui` facades, resolved to the file that defines them), and fails on:
//! - any cycle between files, however long, anywhere in the crate;
//! - any dependency of the engine on the playground's model;
//! - any browser or UI crate named in the engine or the model (they must run under plain
//!   `cargo test`).
//!
//! Unit-test modules (`#[cfg(test)]` to the end of a file) and comments are not read: a test may
//! use anything.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// A file, as "core/rt/executor".
type File = String;

/// The code of a file: no comments, nothing from its `#[cfg(test)]` module on.
fn code_of(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let t = line.trim_start();
        if t.starts_with("#[cfg(test)]") {
            break;
        }
        if t.starts_with("//") {
            continue;
        }
        // A trailing comment may mention paths too.
        out.push_str(line.split(" //").next().unwrap_or(line));
        out.push('\n');
    }
    out
}

/// The paths that follow `prefix` in `code`, as segments, with `{a, b::{c, d}}` lists expanded:
/// `crate::core::{rt::ids::TaskId, Fixed}` gives `[rt, ids, TaskId]` and `[Fixed]`.
fn paths_after(code: &str, prefix: &str) -> Vec<Vec<String>> {
    fn ident(s: &str) -> (String, &str) {
        let n = s.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(s.len());
        (s[..n].to_string(), &s[n..])
    }
    /// Reads one path (or list) at the start of `s` into `out`, after `base`.
    fn path<'a>(mut s: &'a str, base: &[String], out: &mut Vec<Vec<String>>) -> &'a str {
        let mut segs = base.to_vec();
        loop {
            s = s.trim_start();
            if let Some(list) = s.strip_prefix('{') {
                s = list;
                loop {
                    s = s.trim_start();
                    if let Some(r) = s.strip_prefix('}') {
                        return r;
                    }
                    if s.is_empty() {
                        return s;
                    }
                    let before = s.len();
                    s = path(s, &segs, out);
                    s = s.trim_start().strip_prefix(',').unwrap_or(s);
                    if s.len() == before {
                        return s; // not a path: give up on this list
                    }
                }
            }
            let (id, rest) = ident(s);
            if id.is_empty() {
                if segs.len() > base.len() {
                    out.push(segs);
                }
                return s;
            }
            segs.push(id);
            s = rest;
            match s.strip_prefix("::") {
                Some(r) => s = r,
                None => {
                    out.push(segs);
                    return s;
                }
            }
        }
    }
    let mut found = Vec::new();
    let mut rest = code;
    while let Some(i) = rest.find(prefix) {
        let before = rest[..i].chars().last();
        rest = &rest[i + prefix.len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
            continue; // part of a longer path, such as `xsuper::` or `a::super::`
        }
        path(rest, &[], &mut found);
    }
    found
}

/// The crate's folders: the engine, the model, the browser glue and the UI.
const LAYERS: [&str; 4] = ["core", "play", "web", "ui"];

/// Every `.rs` file under the layers' folders, as "core/rt/executor".
fn files() -> BTreeSet<File> {
    fn walk(dir: &Path, key: &str, out: &mut BTreeSet<File>) {
        for e in fs::read_dir(dir).expect("the folder exists").filter_map(|e| e.ok()) {
            let name = e.file_name().into_string().expect("a UTF-8 file name");
            if e.path().is_dir() {
                walk(&e.path(), &format!("{key}/{name}"), out);
            } else if let Some(m) = name.strip_suffix(".rs") {
                if m != "mod" {
                    out.insert(format!("{key}/{m}"));
                }
            }
        }
    }
    let mut out = BTreeSet::new();
    for d in LAYERS {
        walk(&Path::new("src").join(d), d, &mut out);
    }
    out
}

fn is_dir(dir: &str) -> bool {
    Path::new("src").join(dir).is_dir()
}

/// Which file a path names, walked from folder `dir`: into sub-folders and files, else through
/// the folder's facade (`mod.rs` re-exports). `None` for a name that is neither.
fn resolve(dir: &str, segs: &[String], files: &BTreeSet<File>) -> Option<File> {
    let first = segs.first()?;
    let here = format!("{dir}/{first}");
    if files.contains(&here) {
        return Some(here);
    }
    if is_dir(&here) {
        return resolve(&here, &segs[1..], files).or(Some(format!("{here}/mod")));
    }
    // A folder's facade is its `mod.rs`, or the file beside it (`components.rs` for `components/`).
    let text = fs::read_to_string(format!("src/{dir}/mod.rs")).or_else(|_| fs::read_to_string(format!("src/{dir}.rs"))).ok()?;
    for re in paths_after(&format!(" {}", code_of(&text)), "pub use ") {
        if re.last() == Some(first) {
            return resolve(dir, &re, files);
        }
    }
    None
}

/// Every file of the crate's layers, with the files it depends on.
fn graph() -> BTreeMap<File, BTreeSet<File>> {
    let files = files();
    let mut g = BTreeMap::new();
    for me in &files {
        let dir = me.rsplit_once('/').map_or("", |(d, _)| d);
        let code = code_of(&fs::read_to_string(format!("src/{me}.rs")).expect("readable"));
        let mut deps = BTreeSet::new();
        for segs in paths_after(&code, "super::") {
            if let Some(f) = resolve(dir, &segs, &files) {
                deps.insert(f);
            }
        }
        for top in LAYERS {
            for segs in paths_after(&code, &format!("crate::{top}::")) {
                match resolve(top, &segs, &files) {
                    Some(f) => deps.insert(f),
                    None => panic!("{me}: crate::{top}::{} names no file of src/{top}", segs.join("::")),
                };
            }
        }
        let engine_or_model = me.starts_with("core/") || me.starts_with("play/");
        for browser in ["web_sys", "js_sys", "wasm_bindgen", "yew", "gloo", "crate::ui", "crate::web"].iter().filter(|_| engine_or_model) {
            assert!(!code.contains(&format!("{browser}::")), "{me} names {browser}: the engine and the model must run without a browser");
        }
        deps.remove(me);
        deps.retain(|d| !d.ends_with("/mod"));
        g.insert(me.clone(), deps);
    }
    g
}

/// A cycle through `g`, if there is one, as the files along it.
fn find_cycle(g: &BTreeMap<File, BTreeSet<File>>) -> Option<Vec<File>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Open,
        Done,
    }
    fn visit(n: &File, g: &BTreeMap<File, BTreeSet<File>>, marks: &mut BTreeMap<File, Mark>, path: &mut Vec<File>) -> Option<Vec<File>> {
        match marks.get(n) {
            Some(Mark::Done) => return None,
            Some(Mark::Open) => {
                let start = path.iter().position(|p| p == n).unwrap_or(0);
                let mut cycle = path[start..].to_vec();
                cycle.push(n.clone());
                return Some(cycle);
            }
            None => {}
        }
        marks.insert(n.clone(), Mark::Open);
        path.push(n.clone());
        for d in g.get(n).into_iter().flatten() {
            if let Some(c) = visit(d, g, marks, path) {
                return Some(c);
            }
        }
        path.pop();
        marks.insert(n.clone(), Mark::Done);
        None
    }
    let mut marks = BTreeMap::new();
    g.keys().find_map(|n| visit(n, g, &mut marks, &mut Vec::new()))
}

#[test]
fn no_file_imports_itself_through_others() {
    assert!(Path::new("src/core/mod.rs").exists(), "run from the crate root");
    let g = graph();
    assert!(g.len() >= 15, "read {} files", g.len());
    assert!(g["core/rt/executor"].contains("core/rt/waker"), "the reader sees the executor's imports");
    if let Some(cycle) = find_cycle(&g) {
        panic!("an import cycle: {}", cycle.join(" -> "));
    }
}

#[test]
fn the_engine_never_reaches_into_the_model() {
    for (file, deps) in graph().iter().filter(|(f, _)| f.starts_with("core/")) {
        let up: Vec<_> = deps.iter().filter(|d| d.starts_with("play/")).collect();
        assert!(up.is_empty(), "{file} depends on {up:?}");
    }
}

/// The folders are layers: the runtime names neither time nor the trace, and time never names
/// the trace (timers talk to whatever listens through the runtime's handle).
#[test]
fn the_runtime_is_the_bottom_layer() {
    let g = graph();
    for (file, deps) in &g {
        let below: &[&str] = if file.starts_with("core/rt/") {
            &["core/time/", "core/trace/"]
        } else if file.starts_with("core/time/") {
            &["core/trace/"]
        } else {
            &[]
        };
        let wrong: Vec<_> = deps.iter().filter(|d| below.iter().any(|b| d.starts_with(b))).collect();
        assert!(wrong.is_empty(), "{file} depends on {wrong:?}");
    }
    assert!(g["core/time/timer"].iter().any(|d| d.starts_with("core/rt/")), "timers are built on the runtime");
}

#[test]
fn the_check_finds_a_cycle_when_there_is_one() {
    let g: BTreeMap<File, BTreeSet<File>> = [
        ("a".to_string(), ["b".to_string()].into()),
        ("b".to_string(), ["c".to_string()].into()),
        ("c".to_string(), ["a".to_string()].into()),
        ("d".to_string(), ["a".to_string()].into()),
    ]
    .into();
    let cycle = find_cycle(&g).expect("a -> b -> c -> a");
    assert_eq!(cycle.first(), cycle.last());
    assert_eq!(cycle.len(), 4);
    let dag: BTreeMap<File, BTreeSet<File>> = [("a".to_string(), ["b".to_string()].into()), ("b".to_string(), BTreeSet::new())].into();
    assert_eq!(find_cycle(&dag), None);
    let paths = paths_after("use super::{executor::X, ids::{TaskId, TimerId}};", "super::");
    assert_eq!(paths, [vec!["executor", "X"], vec!["ids", "TaskId"], vec!["ids", "TimerId"]]);
}
