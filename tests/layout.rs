//! The engine's layout: its files import each other in one direction only.
//!
//! Reads the source of `src/core/` (the engine) and `src/play/` (the playground's model, built
//! on it), finds every file-to-file dependency (`super::x` paths, and names taken through the
//! `crate::core` / `crate::play` facades, resolved to the file that defines them), and fails on:
//! - any cycle between files, however long;
//! - any dependency of the engine on the playground's model;
//! - any browser or UI crate named in either (they must run under plain `cargo test`).
//!
//! Unit-test modules (`#[cfg(test)]` to the end of a file) and comments are not read: a test may
//! use anything.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// A file, as "core/executor".
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

/// The identifiers that follow `prefix` in `code`, with `{a, b::c}` lists expanded to their
/// first segments.
fn names_after(code: &str, prefix: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = code;
    while let Some(i) = rest.find(prefix) {
        let before = rest[..i].chars().last();
        rest = &rest[i + prefix.len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue; // part of a longer path, such as `xsuper::`
        }
        if let Some(list) = rest.strip_prefix('{') {
            let end = list.find('}').unwrap_or(list.len());
            for item in list[..end].split(',') {
                let first: String = item.trim().chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                if !first.is_empty() {
                    found.push(first);
                }
            }
        } else {
            let first: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            if !first.is_empty() {
                found.push(first);
            }
        }
    }
    found
}

/// For a facade (`mod.rs`), which file defines each name it re-exports.
fn facade(dir: &str, modules: &BTreeSet<String>) -> BTreeMap<String, File> {
    let text = fs::read_to_string(format!("src/{dir}/mod.rs")).expect("the facade exists");
    let mut map = BTreeMap::new();
    for stmt in code_of(&text).split(';') {
        let Some(rest) = stmt.trim().strip_prefix("pub use ") else { continue };
        let Some((module, names)) = rest.split_once("::") else { continue };
        if !modules.contains(module) {
            continue;
        }
        let names = names.trim().trim_start_matches('{').trim_end_matches('}');
        for n in names.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            map.insert(n.to_string(), format!("{dir}/{module}"));
        }
    }
    map
}

fn modules_of(dir: &str) -> BTreeSet<String> {
    fs::read_dir(format!("src/{dir}"))
        .expect("the folder exists")
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().into_string().ok())
        .filter_map(|n| n.strip_suffix(".rs").map(str::to_string))
        .filter(|n| n != "mod")
        .collect()
}

/// Every file of the engine and the model, with the files it depends on.
fn graph() -> BTreeMap<File, BTreeSet<File>> {
    let dirs = ["core", "play"];
    let modules: BTreeMap<&str, BTreeSet<String>> = dirs.iter().map(|d| (*d, modules_of(d))).collect();
    let facades: BTreeMap<&str, BTreeMap<String, File>> = dirs.iter().map(|d| (*d, facade(d, &modules[d]))).collect();
    let mut g = BTreeMap::new();
    for dir in dirs {
        for module in &modules[dir] {
            let me = format!("{dir}/{module}");
            let code = code_of(&fs::read_to_string(format!("src/{me}.rs")).expect("readable"));
            let mut deps = BTreeSet::new();
            for name in names_after(&code, "super::") {
                if modules[dir].contains(&name) {
                    deps.insert(format!("{dir}/{name}"));
                } else if let Some(file) = facades[dir].get(&name) {
                    deps.insert(file.clone());
                }
            }
            for other in dirs {
                for name in names_after(&code, &format!("crate::{other}::")) {
                    if modules[other].contains(&name) {
                        deps.insert(format!("{other}/{name}"));
                    } else if let Some(file) = facades[other].get(&name) {
                        deps.insert(file.clone());
                    } else {
                        panic!("{me}: crate::{other}::{name} is neither a module nor a re-export of src/{other}/mod.rs");
                    }
                }
            }
            for browser in ["web_sys", "js_sys", "wasm_bindgen", "yew", "gloo", "crate::ui", "crate::web"] {
                assert!(
                    !code.contains(&format!("{browser}::")),
                    "{me} names {browser}: the engine and the model must run without a browser"
                );
            }
            deps.remove(&me);
            g.insert(me, deps);
        }
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
fn the_engine_and_the_model_have_no_import_cycle() {
    assert!(Path::new("src/core/mod.rs").exists(), "run from the crate root");
    let g = graph();
    assert!(g.len() >= 10, "read {} files", g.len());
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

#[test]
fn the_executor_never_names_a_timer() {
    let deps = &graph()["core/executor"];
    assert!(!deps.contains("core/timer"), "core/executor depends on {deps:?}");
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
    assert_eq!(names_after("use super::{executor::X, ids::TaskId};", "super::"), ["executor", "ids"]);
}
