//! The crate's layout: its files import each other in one direction only.
//!
//! Reads every file of `src/core/` (the engine, in folders), `src/play/` (the playground's model,
//! built on it), `src/web/` (browser glue) and `src/ui/` (the Yew UI), facades (`mod.rs`)
//! included, finds every file-to-file dependency (`super::` paths, any number of `super`s deep,
//! and every `crate::` path, grouped `crate::{a::X, b::Y}` lists included, resolved through the
//! facades to the file that defines the name), and fails on:
//! - a path that names nothing it can find (so nothing is dropped unread);
//! - any cycle between files, however long, anywhere in the crate;
//! - any dependency of the engine on the playground's model, of the engine or the model on the
//!   browser glue or the UI, and of the browser glue on the UI;
//! - any browser or UI crate (`web_sys`, `js_sys`, `wasm_bindgen*`, `yew*`, `gloo*`) named in the
//!   engine or the model (they must run under plain `cargo test`);
//! - unsafe code anywhere but the one module that opts out of the crate's `deny(unsafe_code)`.
//!
//! Comments and the contents of string and char literals are not read, nor are the bodies of
//! `#[cfg(test)] mod … { … }` blocks: a test may use anything. Everything else in a file is, to
//! its end.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// A file, as "core/rt/executor" ("core/rt/mod" for a facade).
type File = String;

/// The code of a file: comments gone, string and char literals emptied (`""`, `' '`), and the
/// bodies of `#[cfg(test)] mod name { … }` blocks left out. Lines are kept, so positions stay.
fn code_of(text: &str) -> String {
    let b: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let next = b.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < b.len() && b[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            // Block comments nest.
            let mut depth = 0;
            while i < b.len() {
                if b[i] == '/' && b.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if b[i] == '*' && b.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    if b[i] == '\n' {
                        out.push('\n');
                    }
                    i += 1;
                }
            }
        } else if (c == 'r' || (c == 'b' && next == Some('r'))) && (i == 0 || !ident(b[i - 1])) && {
            // A raw string: r"…", r#"…"#, br"…".
            let mut j = i + if c == 'b' { 2 } else { 1 };
            while b.get(j) == Some(&'#') {
                j += 1;
            }
            b.get(j) == Some(&'"')
        } {
            i += if c == 'b' { 2 } else { 1 };
            let mut hashes = 0;
            while b[i] == '#' {
                hashes += 1;
                i += 1;
            }
            i += 1; // the opening quote
            while i < b.len() && !(b[i] == '"' && (0..hashes).all(|k| b.get(i + 1 + k) == Some(&'#'))) {
                if b[i] == '\n' {
                    out.push('\n');
                }
                i += 1;
            }
            i += 1 + hashes;
            out.push_str("\"\"");
        } else if c == '"' {
            i += 1;
            while i < b.len() && b[i] != '"' {
                if b[i] == '\\' {
                    i += 1;
                }
                if b.get(i) == Some(&'\n') {
                    out.push('\n');
                }
                i += 1;
            }
            i += 1;
            out.push_str("\"\"");
        } else if c == '\'' && (next == Some('\\') || b.get(i + 2) == Some(&'\'')) {
            // A char literal ('x', '\n', '\u{1F980}'); a lifetime ('a) has no closing quote.
            i += if next == Some('\\') { 3 } else { 2 };
            while i < b.len() && b[i] != '\'' {
                i += 1;
            }
            i += 1;
            out.push_str("' '");
        } else {
            out.push(c);
            i += 1;
        }
    }
    // Leave out the bodies of test modules: `#[cfg(test)]`, other attributes, then `mod name {`.
    let mut code = String::with_capacity(out.len());
    let mut rest = out.as_str();
    while let Some(at) = rest.find("#[cfg(test)]") {
        code.push_str(&rest[..at]);
        let after = &rest[at + "#[cfg(test)]".len()..];
        let mut t = after.trim_start();
        while t.starts_with("#[") {
            t = t[t.find(']').map_or(t.len(), |e| e + 1)..].trim_start();
        }
        let is_block = t.strip_prefix("mod ").map(|m| m.trim_start().trim_start_matches(ident).trim_start().starts_with('{')) == Some(true);
        if !is_block {
            code.push_str("#[cfg(test)]");
            rest = after;
            continue;
        }
        let open = t.find('{').unwrap_or(0);
        let end = block_end(t, open).map_or(t.len(), |e| e + 1);
        // Keep the line breaks, so that what follows keeps its lines.
        let skipped = &rest[at..rest.len() - t.len() + end];
        code.extend(skipped.chars().filter(|&c| c == '\n'));
        rest = &t[end..];
    }
    code.push_str(rest);
    code
}

/// A path as written: its segments, and the name it brings into scope (its last segment, or
/// the `as` alias).
#[derive(Debug, PartialEq)]
struct UsePath {
    segs: Vec<String>,
    name: String,
    /// `x::*`: every public name of `x`.
    glob: bool,
    /// Where in the code the path starts.
    at: usize,
}

/// The paths that follow `prefix` in `code`, with `{a, b::{c, d}}` lists expanded and `as`
/// aliases read: `crate::core::{rt::ids::TaskId, Fixed as F}` gives `[rt, ids, TaskId]` and
/// `[Fixed]` named `F`. A glob (`x::*`) gives `[x]`.
fn paths_after(code: &str, prefix: &str) -> Vec<UsePath> {
    fn ident(s: &str) -> (String, &str) {
        let n = s.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(s.len());
        (s[..n].to_string(), &s[n..])
    }
    fn done(mut segs: Vec<String>, s: &str, out: &mut Vec<UsePath>) -> usize {
        // `{self, …}` names the module itself.
        if segs.last().is_some_and(|l| l == "self") {
            segs.pop();
        }
        let glob = s.starts_with('*');
        // ` as Alias` after a path names it.
        let t = s.trim_start();
        if let Some(after) = t.strip_prefix("as ") {
            let (alias, rest) = ident(after.trim_start());
            if !alias.is_empty() {
                out.push(UsePath { segs, name: alias, glob, at: 0 });
                return s.len() - rest.len();
            }
        }
        let name = segs.last().cloned().unwrap_or_default();
        out.push(UsePath { segs, name, glob, at: 0 });
        usize::from(glob)
    }
    /// Reads one path (or list) at the start of `s` into `out`, after `base`.
    fn path<'a>(mut s: &'a str, base: &[String], out: &mut Vec<UsePath>) -> &'a str {
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
                    let used = done(segs, s, out);
                    return &s[used..];
                }
                return s;
            }
            segs.push(id);
            s = rest;
            match s.strip_prefix("::") {
                Some(r) => s = r,
                None => {
                    let used = done(segs, s, out);
                    return &s[used..];
                }
            }
        }
    }
    let mut found = Vec::new();
    let mut rest = code;
    while let Some(i) = rest.find(prefix) {
        let before = rest[..i].chars().last();
        rest = &rest[i + prefix.len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':' || c == '$') {
            continue; // part of a longer path, such as `xsuper::`, `a::super::` or `$crate::`
        }
        let n = found.len();
        path(rest, &[], &mut found);
        let at = code.len() - rest.len() - prefix.len();
        for p in &mut found[n..] {
            p.at = at;
        }
    }
    found
}

/// The crate's folders: the engine, the model, the browser glue and the UI.
const LAYERS: [&str; 4] = ["core", "play", "web", "ui"];

/// Every `.rs` file under the layers' folders, as "core/rt/executor", facades as "core/rt/mod".
fn files() -> BTreeSet<File> {
    fn walk(dir: &Path, key: &str, out: &mut BTreeSet<File>) {
        for e in fs::read_dir(dir).expect("the folder exists").filter_map(|e| e.ok()) {
            let name = e.file_name().into_string().expect("a UTF-8 file name");
            if e.path().is_dir() {
                walk(&e.path(), &format!("{key}/{name}"), out);
            } else if let Some(m) = name.strip_suffix(".rs") {
                out.insert(format!("{key}/{m}"));
            }
        }
    }
    let mut all = BTreeSet::new();
    for d in LAYERS {
        walk(&Path::new("src").join(d), d, &mut all);
    }
    // Only modules: a file that its folder's module declares (`mod name;`). Others, such as the
    // learner programs that presets include as text, are not the crate's code.
    let declared = |f: &String| -> bool {
        let Some((dir, name)) = f.rsplit_once('/') else { return true };
        if name == "mod" {
            return dir.rsplit_once('/').is_none_or(|(parent, leaf)| {
                let parent_file = [format!("src/{parent}/mod.rs"), format!("src/{parent}.rs")];
                parent_file.iter().any(|p| fs::read_to_string(p).is_ok_and(|t| defines(&code_of(&t), leaf)))
            });
        }
        [format!("src/{dir}/mod.rs"), format!("src/{dir}.rs")]
            .iter()
            .any(|p| fs::read_to_string(p).is_ok_and(|t| defines(&code_of(&t), name)))
    };
    all.iter().filter(|f| declared(f)).cloned().collect()
}

fn join(dir: &str, name: &str) -> String {
    if dir.is_empty() {
        name.to_string()
    } else {
        format!("{dir}/{name}")
    }
}

/// The file that holds module `dir` itself: "core/rt/mod", "ui/components" (beside its folder),
/// or "lib" for the crate root.
fn facade(dir: &str, files: &BTreeSet<File>) -> Option<File> {
    if dir.is_empty() {
        return Some("lib".to_string());
    }
    [join(dir, "mod"), dir.to_string()].into_iter().find(|f| files.contains(f))
}

/// Whether `code` defines an item called `name` at any depth (fn, type, const, module, macro…).
fn defines(code: &str, name: &str) -> bool {
    ["fn", "struct", "enum", "union", "trait", "type", "const", "static", "mod", "macro_rules!"].iter().any(|kw| {
        let pat = format!("{kw} {name}");
        code.match_indices(&pat).any(|(at, _)| {
            let before = code[..at].chars().last();
            let after = code[at + pat.len()..].chars().next();
            !before.is_some_and(|c| c.is_alphanumeric() || c == '_') && !after.is_some_and(|c| c.is_alphanumeric() || c == '_')
        })
    })
}

/// Which file a path names, walked from module folder `dir`: into sub-folders and files, else
/// through the module's facade (a `pub use` re-export, or an item the facade defines itself).
/// `None` for a name that is none of these.
fn resolve(dir: &str, segs: &[String], files: &BTreeSet<File>) -> Option<File> {
    let Some(first) = segs.first() else {
        return facade(dir, files); // the module itself
    };
    let here = join(dir, first);
    if files.contains(&here) {
        return Some(here);
    }
    if Path::new("src").join(&here).is_dir() {
        return resolve(&here, &segs[1..], files);
    }
    let own = facade(dir, files)?;
    let code = code_of(&fs::read_to_string(format!("src/{own}.rs")).ok()?);
    let reexports = paths_after(&format!(" {code}"), "pub use ");
    if let Some(re) = reexports.iter().find(|p| !p.glob && &p.name == first) {
        return resolve(dir, &re.segs, files);
    }
    if defines(&code, first) {
        return Some(own);
    }
    // `pub use x::*`: the name is x's, if x defines it.
    reexports.iter().filter(|p| p.glob).find_map(|g| {
        let file = resolve(dir, &g.segs, files)?;
        let text = fs::read_to_string(format!("src/{file}.rs")).ok()?;
        defines(&code_of(&text), first).then_some(file)
    })
}

/// Resolves a `super::…` path written in `me`, `inline` modules deep (`mod x { … }` blocks in
/// the file): each `super` goes up one module, and a path that stays inside the file is the file.
fn resolve_super(me: &str, segs: &[String], inline: usize, files: &BTreeSet<File>) -> Option<File> {
    let ups = 1 + segs.iter().take_while(|s| *s == "super").count();
    if ups <= inline {
        return Some(me.to_string());
    }
    // The module `me` is: "core/rt/executor", or "core/rt" for "core/rt/mod".
    let module = me.strip_suffix("/mod").unwrap_or(me);
    let mut dir = module.to_string();
    for _ in inline..ups {
        dir = dir.rsplit_once('/').map_or("", |(d, _)| d).to_string();
    }
    resolve(&dir, &segs[ups - 1..], files)
}

/// The spans of the inline modules (`mod name { … }`) in `code`.
fn inline_modules(code: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (at, _) in code.match_indices("mod ") {
        if code[..at].chars().last().is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let rest = code[at + 4..].trim_start();
        let after_name = rest.trim_start_matches(|c: char| c.is_alphanumeric() || c == '_');
        if after_name.len() == rest.len() || !after_name.trim_start().starts_with('{') {
            continue;
        }
        let open = code.len() - after_name.trim_start().len();
        if let Some(end) = block_end(code, open) {
            out.push((open, end));
        }
    }
    out
}

/// The index of the `}` that closes the `{` at `open` in `code` (comments and literals already
/// emptied by [`code_of`]), if it is closed.
fn block_end(code: &str, open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (k, c) in code[open..].char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Some(open + k);
                }
            }
            _ => {}
        }
    }
    None
}

/// A browser or UI crate, which the engine and the model must never name.
fn is_browser_crate(name: &str) -> bool {
    ["web_sys", "js_sys", "wasm_bindgen", "yew", "gloo"].iter().any(|c| name == *c || name.starts_with(&format!("{c}_")))
}

/// The crates a file names at the start of a path (`name::…`), other than `crate`, `self`,
/// `super` and `std`/`core`/`alloc`.
fn crates_named(code: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (at, _) in code.match_indices("::") {
        let head = &code[..at];
        let start = head.rfind(|c: char| !(c.is_alphanumeric() || c == '_')).map_or(0, |i| i + 1);
        let name = &head[start..];
        let before = head[..start].chars().last();
        if name.is_empty() || before == Some(':') || before == Some('$') {
            continue;
        }
        out.insert(name.to_string());
    }
    out
}

/// What the check found: every file with the files it depends on, and every rule broken.
struct Layout {
    graph: BTreeMap<File, BTreeSet<File>>,
    problems: Vec<String>,
}

/// Reads the crate's layers and checks them.
fn layout() -> Layout {
    let files = files();
    let mut graph = BTreeMap::new();
    let mut problems = Vec::new();
    for me in &files {
        let code = code_of(&fs::read_to_string(format!("src/{me}.rs")).expect("readable"));
        let mut deps = BTreeSet::new();
        let inline = inline_modules(&code);
        let supers = paths_after(&code, "super::").into_iter().map(|p| (p, true));
        let crates = paths_after(&code, "crate::").into_iter().map(|p| (p, false));
        for (p, relative) in supers.chain(crates) {
            let found = if relative {
                let depth = inline.iter().filter(|(a, b)| (*a..*b).contains(&p.at)).count();
                resolve_super(me, &p.segs, depth, &files)
            } else {
                resolve("", &p.segs, &files)
            };
            match found {
                Some(f) => {
                    deps.insert(f);
                }
                None => {
                    let prefix = if relative { "super" } else { "crate" };
                    problems.push(format!("{me}: {prefix}::{} names nothing the check can find", p.segs.join("::")));
                }
            }
        }
        let layer = me.split('/').next().unwrap_or_default();
        let engine_or_model = layer == "core" || layer == "play";
        if engine_or_model {
            // One exception: `play/lang/case` maps Unicode case with ECMAScript's own
            // `String.prototype.toUpperCase` in wasm (std's tables would be 24 KB of every embed's
            // memory) and with std's natively. That is the language, not a browser: any
            // wasm-bindgen host has it, and the model still runs without one natively.
            let allowed = |c: &str| me == "play/lang/case" && c == "js_sys";
            for c in crates_named(&code).into_iter().filter(|c| is_browser_crate(c) && !allowed(c)) {
                problems.push(format!("{me} names {c}: the engine and the model must run without a browser"));
            }
        }
        let forbidden: &[&str] = match layer {
            "core" | "play" => &["web/", "ui/"],
            "web" => &["ui/"],
            _ => &[],
        };
        for d in deps.iter().filter(|d| forbidden.iter().any(|f| d.starts_with(f))) {
            problems.push(format!("{me} depends on {d}: {layer} must not import from {}", d.split('/').next().unwrap_or_default()));
        }
        let has_unsafe = code.match_indices("unsafe").any(|(at, w)| {
            let before = code[..at].chars().last();
            let after = code[at + w.len()..].chars().next();
            !before.is_some_and(|c| c.is_alphanumeric() || c == '_') && !after.is_some_and(|c| c.is_alphanumeric() || c == '_')
        });
        if has_unsafe && me != "core/rt/waker" {
            problems.push(format!("{me} has unsafe code: only core/rt/waker may"));
        }
        if code.contains("allow(unsafe_code)") && me != "core/rt/mod" {
            problems.push(format!("{me} allows unsafe code: only core/rt/mod may, for its waker module"));
        }
        deps.remove(me);
        deps.retain(|d| !d.ends_with("/mod") && d != "lib");
        graph.insert(me.clone(), deps);
    }
    let root = code_of(&fs::read_to_string("src/lib.rs").expect("the crate root"));
    if !root.contains("#![deny(unsafe_code)]") {
        problems.push("src/lib.rs does not deny unsafe code".to_string());
    }
    Layout { graph, problems }
}

fn graph() -> BTreeMap<File, BTreeSet<File>> {
    layout().graph
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
fn every_path_resolves_and_every_rule_holds() {
    assert!(Path::new("src/core/mod.rs").exists(), "run from the crate root");
    let Layout { graph, problems } = layout();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // The reader sees what it must: facades, code after a test module, grouped crate:: lists.
    assert!(graph.len() >= 60, "read {} files", graph.len());
    assert!(graph.contains_key("core/rt/mod") && graph.contains_key("play/lang/mod"));
    assert!(graph["core/rt/executor"].contains("core/rt/waker"), "the reader sees the executor's imports");
    assert!(graph["play/lang/builtins"].contains("play/lang/rt"), "super:: paths resolve");
}

#[test]
fn no_file_imports_itself_through_others() {
    if let Some(cycle) = find_cycle(&graph()) {
        panic!("an import cycle: {}", cycle.join(" -> "));
    }
}
/// The graph between modules: a folder's files are one node ("play/lang"), as is a file at the
/// top of a layer ("play/scenario").
fn module_graph(g: &BTreeMap<File, BTreeSet<File>>) -> BTreeMap<File, BTreeSet<File>> {
    let unit = |f: &str| f.splitn(3, '/').take(2).collect::<Vec<_>>().join("/");
    let mut out: BTreeMap<File, BTreeSet<File>> = BTreeMap::new();
    for (f, deps) in g {
        let me = unit(f);
        let entry = out.entry(me.clone()).or_default();
        entry.extend(deps.iter().map(|d| unit(d)).filter(|d| *d != me));
    }
    out
}

#[test]
fn no_module_imports_itself_through_others() {
    // A cycle between folders hides from the file graph when no single file closes it: the
    // language's builtins once took the spin limits from the scenario, which parses with the
    // language.
    let modules = module_graph(&graph());
    assert!(modules.contains_key("play/lang") && modules.contains_key("play/scenario"), "{:?}", modules.keys());
    if let Some(cycle) = find_cycle(&modules) {
        panic!("an import cycle between modules: {}", cycle.join(" -> "));
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
    let paths: Vec<(Vec<String>, String)> =
        paths_after("use super::{executor::X, ids::{TaskId, TimerId as T}};", "super::").into_iter().map(|p| (p.segs, p.name)).collect();
    let v = |s: &[&str], n: &str| (s.iter().map(|x| x.to_string()).collect::<Vec<_>>(), n.to_string());
    assert_eq!(paths, [v(&["executor", "X"], "X"), v(&["ids", "TaskId"], "TaskId"), v(&["ids", "TimerId"], "T")]);
}

#[test]
fn the_reader_skips_comments_strings_and_test_modules_only() {
    let text = r##"use crate::core::A; // crate::ui::Hidden
/* crate::ui::Block /* nested */ crate::ui::Still */
const S: &str = "crate::ui::InString \" crate::ui::Escaped";
const R: &str = r#"crate::ui::Raw "quoted""#;
const C: char = '"';
fn f<'a>(x: &'a str) -> char { 'x' }
#[cfg(test)]
mod tests {
    use crate::ui::InTests;
    fn g() { if true { } }
}
#[cfg(test)]
fn test_only() { crate::play::TestFn(); }
use crate::web::After;
"##;
    let code = code_of(text);
    for hidden in ["Hidden", "Block", "Still", "InString", "Escaped", "Raw", "InTests"] {
        assert!(!code.contains(hidden), "{hidden} was read:\n{code}");
    }
    for seen in ["crate::core::A", "fn f<'a>(x: &'a str)", "crate::play::TestFn", "crate::web::After"] {
        assert!(code.contains(seen), "{seen} was not read:\n{code}");
    }
    assert_eq!(code.lines().count(), text.lines().count(), "lines are kept");
    let named: Vec<String> = paths_after(&code, "crate::").into_iter().map(|p| p.segs.join("::")).collect();
    assert_eq!(named, ["core::A", "play::TestFn", "web::After"]);
    let grouped: Vec<String> =
        paths_after("use crate::{core::X, play::{a::Y, Z as W}};", "crate::").into_iter().map(|p| p.segs.join("::")).collect();
    assert_eq!(grouped, ["core::X", "play::a::Y", "play::Z"]);
}

#[test]
fn browser_crates_are_recognised_by_name() {
    let code = "use gloo_timers::callback::Timeout; fn f() { wasm_bindgen_futures::spawn_local(x); gloo_events::EventListener::new(); } $crate::x; a::web_sys::b";
    let named: Vec<String> = crates_named(code).into_iter().filter(|c| is_browser_crate(c)).collect();
    assert_eq!(named, ["gloo_events", "gloo_timers", "wasm_bindgen_futures"]);
    assert!(!is_browser_crate("yewish") && is_browser_crate("yew") && is_browser_crate("web_sys") && !is_browser_crate("glootimers"));
}

#[test]
fn a_path_that_names_nothing_is_a_problem_and_super_climbs() {
    let files = files();
    let segs = |s: &str| s.split("::").map(str::to_string).collect::<Vec<_>>();
    assert_eq!(resolve("", &segs("core::rt::waker::WakerHeader"), &files).as_deref(), Some("core/rt/waker"));
    assert_eq!(resolve("", &segs("play::lang::parse"), &files).as_deref(), Some("play/lang/parser"), "through the facade");
    assert_eq!(resolve("", &segs("play::lang::MAX_PROGRAM_TASKS"), &files).as_deref(), Some("play/lang/rt"), "through an alias");
    assert_eq!(resolve("", &segs("play::lang::NoSuchThing"), &files), None);
    assert_eq!(resolve_super("core/rt/executor", &segs("waker::WakerHeader"), 0, &files).as_deref(), Some("core/rt/waker"));
    assert_eq!(resolve_super("core/rt/executor", &segs("super::trace"), 0, &files).as_deref(), Some("core/trace/mod"));
    assert_eq!(
        resolve_super("core/rt/mod", &segs("trace"), 0, &files).as_deref(),
        Some("core/trace/mod"),
        "a facade's super is its folder's parent"
    );
    // Inside `mod x { … }` in value.rs, `super::TyId` is value.rs itself; one more super leaves it.
    assert_eq!(resolve_super("play/lang/value", &segs("TyId"), 1, &files).as_deref(), Some("play/lang/value"));
    assert_eq!(resolve_super("play/lang/value", &segs("super::rt::R"), 1, &files).as_deref(), Some("play/lang/rt"));
    assert!(!files.contains("play/programs/own_timer"), "a preset's program text is not a module");
    let text = "mod a {\n    mod b { fn f() {} }\n}\nfn g() { }\n";
    assert_eq!(inline_modules(text).len(), 2);
}
