//! A program's inline modules and its test code, before parsing.
//!
//! - `mod name { … }` is read as its items: the playground puts all of a program's items in one
//!   namespace, so the parser drops the `mod name {` and its `}` and reads the items between as
//!   the program's own, at their own lines. A path through modules (`geometry::shapes::Rect`,
//!   `self::helpers::make`, `super::Rect`, `crate::total`) then names the item at its end: the
//!   parser strips the modules' names, `crate`, `self` and `super` from the front of a path
//!   (`Parser::path`), and a `use` that names only modules brings in nothing new.
//!   Two items of one name in two modules are kept apart first ([`resolve`]): each module's
//!   gets the module's mark (`Post@blog`) wherever it is named, as rustc resolves the name.
//!   What is not checked, where rustc would refuse: an item used outside its module without
//!   `pub`, or inside a module without the `use` that brings it in (the README lists both).
//! - `mod name;` reads another file, which a pasted program does not have: an error says so.
//! - `#[cfg(test)]` items (the `mod tests { … }` a program ends with) and `#[test]` functions
//!   are not part of the program `cargo run` builds, so they are dropped with their tokens,
//!   whatever they contain.

use std::rc::Rc;

use super::lexer::{LangError, Tok, Token};

/// The tokens with test items dropped and modules opened, and the modules' names.
pub(crate) fn flatten(toks: Vec<Token>) -> Result<(Vec<Token>, Vec<Rc<str>>), LangError> {
    if !toks.iter().any(|t| matches!(&t.tok, Tok::Ident(k) if k == "mod" || k == "test")) {
        return Ok((toks, Vec::new()));
    }
    open_modules(toks)
}

/// [`flatten`]'s work, for a program that has a `mod` or a `test` (the step form's never do).
#[inline(never)]
fn open_modules(mut toks: Vec<Token>) -> Result<(Vec<Token>, Vec<Rc<str>>), LangError> {
    resolve(&mut toks);
    let mut out: Vec<Token> = Vec::with_capacity(toks.len());
    let mut modules: Vec<Rc<str>> = Vec::new();
    // For each `{` open in `out`'s reading: whether it opened a module (its `}` is dropped).
    let mut braces: Vec<bool> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        match &t.tok {
            Tok::P("#") if matches!(toks.get(i + 1).map(|t| &t.tok), Some(Tok::P("["))) => {
                let end = attribute_end(&toks, i + 1);
                if is_test_attribute(&toks[i + 2..end.saturating_sub(1).max(i + 2)]) {
                    i = item_end(&toks, end);
                    continue;
                }
                out.extend_from_slice(&toks[i..end]);
                i = end;
                continue;
            }
            Tok::Ident(k) if k == "mod" => {
                let name = match toks.get(i + 1).map(|t| &t.tok) {
                    Some(Tok::Ident(n)) => n.clone(),
                    _ => return Err(LangError::new(t.span, "expected a module's name after `mod`")),
                };
                match toks.get(i + 2).map(|t| &t.tok) {
                    Some(Tok::P("{")) => {}
                    Some(Tok::P(";")) => {
                        return Err(LangError::new(
                            t.span.to(toks[i + 2].span),
                            format!("`mod {name};` reads the module from another file, which a program in the playground does not have: write it here, as `mod {name} {{ … }}`"),
                        ))
                    }
                    _ => return Err(LangError::new(toks[i + 1].span, format!("expected `{{` after `mod {name}`"))),
                }
                // `pub mod`, `pub(crate) mod`: the visibility goes with the `mod`.
                if matches!(out.last().map(|t| &t.tok), Some(Tok::P(")"))) {
                    if let Some(open) = out.iter().rposition(|t| t.tok == Tok::P("(")) {
                        if open > 0 && matches!(&out[open - 1].tok, Tok::Ident(p) if p == "pub") {
                            out.truncate(open);
                        }
                    }
                }
                if matches!(out.last().map(|t| &t.tok), Some(Tok::Ident(p)) if p == "pub") {
                    out.pop();
                }
                if !modules.iter().any(|m| **m == *name) {
                    modules.push(Rc::from(name.as_str()));
                }
                braces.push(true);
                i += 3;
                continue;
            }
            Tok::P("{") => braces.push(false),
            Tok::P("}") if braces.last() == Some(&true) => {
                braces.pop();
                i += 1;
                continue;
            }
            Tok::P("}") => {
                braces.pop();
            }
            _ => {}
        }
        out.push(t.clone());
        i += 1;
    }
    Ok((out, modules))
}

/// Where the attribute whose `[` is at `open` ends (just past its `]`), brackets matched.
fn attribute_end(toks: &[Token], open: usize) -> usize {
    let mut depth = 0usize;
    for (j, t) in toks.iter().enumerate().skip(open) {
        match t.tok {
            Tok::P("[") => depth += 1,
            Tok::P("]") => {
                depth -= 1;
                if depth == 0 {
                    return j + 1;
                }
            }
            Tok::Eof => return j,
            _ => {}
        }
    }
    toks.len()
}

/// `test` or `cfg(test)`: the tokens between `#[` and `]`.
fn is_test_attribute(inner: &[Token]) -> bool {
    let words: Vec<&Tok> = inner.iter().map(|t| &t.tok).collect();
    match words.as_slice() {
        [Tok::Ident(t)] => t == "test",
        [Tok::Ident(c), Tok::P("("), Tok::Ident(t), Tok::P(")")] => c == "cfg" && t == "test",
        _ => false,
    }
}

/// Where the item starting at `from` (after its attributes) ends: past its first block's `}`
/// (and a `;` after it), or past a `;` outside every bracket; further attributes before it are
/// the item's too.
fn item_end(toks: &[Token], from: usize) -> usize {
    let mut depth = 0usize;
    let mut j = from;
    while j < toks.len() {
        match toks[j].tok {
            Tok::Eof => return j,
            Tok::P("#") if depth == 0 && matches!(toks.get(j + 1).map(|t| &t.tok), Some(Tok::P("["))) => {
                j = attribute_end(toks, j + 1);
                continue;
            }
            Tok::P("(" | "[" | "{") => depth += 1,
            Tok::P(")" | "]") => depth = depth.saturating_sub(1),
            // A `}` before any item: the test attribute ends its module, and the item is empty.
            Tok::P("}") if depth == 0 => return j,
            Tok::P("}") => {
                depth -= 1;
                if depth == 0 {
                    let after = j + 1;
                    return if matches!(toks.get(after).map(|t| &t.tok), Some(Tok::P(";"))) { after + 1 } else { after };
                }
            }
            Tok::P(";") if depth == 0 => return j + 1,
            _ => {}
        }
        j += 1;
    }
    j
}

/// A module's own names, for [`resolve`].
struct Module {
    parent: Option<usize>,
    /// Its path from the program's root, `a/b` (empty for the root).
    path: String,
    children: Vec<(String, usize)>,
    /// The items it defines at its own level (`struct`, `enum`, `trait`, `type`, `fn`, `const`,
    /// `static`).
    items: Vec<String>,
    uses: Vec<UseLeaf>,
}

/// One name a `use` brings in: `use a::b::{C as D, *};` has two.
struct UseLeaf {
    /// The segments before the leaf (`crate`, `self`, `super`, modules', std's).
    path: Vec<String>,
    /// Their tokens.
    path_at: Vec<usize>,
    /// The leaf and its token (`None` for a glob).
    leaf: Option<(String, usize)>,
    /// `as D` and its token.
    alias: Option<(String, usize)>,
}

impl UseLeaf {
    fn binding(&self) -> Option<&str> {
        self.alias.as_ref().or(self.leaf.as_ref()).map(|(n, _)| n.as_str()).filter(|n| *n != "self" && *n != "_")
    }
}

/// What a name in a module stands for.
enum Found {
    /// An item (or a `use … as` name) the module at this index defines.
    Def(usize),
    /// Something outside the program (`use std::fmt::Result;`).
    External,
}

/// The program's modules, and where each token is.
struct Tree {
    modules: Vec<Module>,
    /// The module each token is in.
    owner: Vec<usize>,
    /// Whether the token is at its module's own level (not inside a function, impl or type).
    top: Vec<bool>,
    /// The tokens of `use` declarations, which [`resolve`] renames leaf by leaf.
    in_use: Vec<bool>,
    /// The names that get a module's mark: (module, name).
    marked: Vec<(usize, String)>,
    /// The steps a name's lookup has left (globs that import each other end here).
    steps: std::cell::Cell<u32>,
}

/// How deep a chain of `use`s and globs is followed (a cycle of globs ends here).
const FOLLOW: usize = 8;

/// The longest `use` path whose names are resolved (a longer one, rustc's to refuse or not, is
/// left as written: each of its leaves would copy the whole path).
const MAX_USE_PATH: usize = 32;

/// How many modules one name's lookup may visit (globs that import each other, each module
/// with many, would otherwise take exponential time).
const STEPS: u32 = 256;

/// Items of one name in two modules are kept apart, as rustc keeps them: before the modules are
/// opened into one namespace, each such item defined in a module (and a module's `use … as`
/// name that another module's code also spells) is renamed `Name@a/b` (its module's path) at
/// its definition and at every place that names it: bare inside its module or where a `use`
/// or glob brings it in, and through a path (`a::b::Name`, `super::Name`, `crate::a::Name`).
/// A type's printed name drops the mark ([`shown`]). The root's items keep their names.
fn resolve(toks: &mut [Token]) {
    let mut tree = scan(toks);
    tree.marked = marked(&tree, toks);
    if tree.marked.is_empty() {
        return;
    }
    let mark = |tree: &Tree, m: usize, name: &str| format!("{name}@{}", tree.modules[m].path);
    let mut renames: Vec<(usize, String)> = Vec::new();
    // The `use` declarations' leaves and `as` names.
    for (m, module) in tree.modules.iter().enumerate() {
        for u in &module.uses {
            if let (Some((leaf, at)), Some(target)) = (&u.leaf, tree.module_at(m, &u.path, 0)) {
                if let Some(Found::Def(d)) = tree.lookup(target, leaf, 0) {
                    if tree.is_marked(d, leaf) {
                        renames.push((*at, mark(&tree, d, leaf)));
                    }
                }
            }
            if let Some((alias, at)) = &u.alias {
                if tree.is_marked(m, alias) {
                    renames.push((*at, mark(&tree, m, alias)));
                }
            }
            // `use self::Light::*;` of a marked enum: the first name that is not a module's (the
            // path walked once, module by module).
            let mut base = m;
            for (k, seg) in u.path.iter().enumerate() {
                tree.steps.set(STEPS);
                if let Some(next) = tree.step_module(m, base, seg, k, 0) {
                    base = next;
                    continue;
                }
                if let Some(Found::Def(d)) = tree.lookup(base, seg, 0) {
                    if tree.is_marked(d, seg) {
                        renames.push((u.path_at[k], mark(&tree, d, seg)));
                    }
                }
                break;
            }
        }
    }
    let names: Vec<&str> = tree.marked.iter().map(|(_, n)| n.as_str()).collect();
    // Enum bodies' depths: a variant's name there is not an item's.
    let mut enums: Vec<usize> = Vec::new();
    let mut enum_next = false;
    let mut depth = 0usize;
    for i in 0..toks.len() {
        let name = match &toks[i].tok {
            Tok::P("{") => {
                depth += 1;
                if enum_next {
                    enums.push(depth);
                    enum_next = false;
                }
                continue;
            }
            Tok::P("}") => {
                if enums.last() == Some(&depth) {
                    enums.pop();
                }
                depth = depth.saturating_sub(1);
                continue;
            }
            Tok::P(";") => {
                enum_next = false;
                continue;
            }
            Tok::Ident(k) if k == "enum" => {
                enum_next = true;
                continue;
            }
            Tok::Ident(n) if names.contains(&n.as_str()) && !tree.in_use[i] => n.clone(),
            _ => continue,
        };
        let prev = if i > 0 { Some(&toks[i - 1].tok) } else { None };
        let next = toks.get(i + 1).map(|t| &t.tok);
        let m = tree.owner[i];
        if matches!(prev, Some(Tok::P("."))) {
            continue;
        }
        if enums.last() == Some(&depth) && matches!(prev, Some(Tok::P("{" | "," | "]"))) {
            continue;
        }
        let defines = matches!(prev, Some(Tok::Ident(k)) if matches!(k.as_str(), "struct" | "enum" | "trait" | "type" | "fn" | "const" | "static" | "union"))
            || (matches!(prev, Some(Tok::Ident(k)) if k == "mut") && i > 1 && matches!(&toks[i - 2].tok, Tok::Ident(s) if s == "static"));
        if defines {
            if tree.top[i] && tree.is_marked(m, &name) {
                renames.push((i, mark(&tree, m, &name)));
            }
            continue;
        }
        let lower = name.starts_with(|c: char| c.is_lowercase() || c == '_');
        let found = if matches!(prev, Some(Tok::P("::"))) {
            // The path before it, if it is all names.
            let mut path = Vec::new();
            let mut j = i - 1;
            while j >= 1 && toks[j].tok == Tok::P("::") {
                match &toks[j - 1].tok {
                    Tok::Ident(s) => path.push(s.clone()),
                    _ => break,
                }
                if j < 2 {
                    break;
                }
                j -= 2;
            }
            path.reverse();
            match tree.module_at(m, &path, 0) {
                Some(target) if !path.is_empty() => tree.lookup(target, &name, 0),
                _ => None,
            }
        } else {
            // A lower-case name is a function's only where it is called: elsewhere it may be a
            // variable or a field of the same spelling.
            // (A module's own `use … as fruit` name is a constant's, wherever it is bare.)
            let alias_here = tree.modules[m].uses.iter().any(|u| {
                u.alias.as_ref().is_some_and(|(a, _)| *a == name)
                    && u.leaf.as_ref().is_some_and(|(l, _)| l.starts_with(|c: char| c.is_uppercase()))
            });
            if lower && !matches!(next, Some(Tok::P("(" | "::"))) && !alias_here {
                continue;
            }
            // `name: …` is a field's (or a binding's) name.
            if matches!(next, Some(Tok::P(":"))) {
                continue;
            }
            tree.lookup(m, &name, 0)
        };
        if let Some(Found::Def(d)) = found {
            if tree.is_marked(d, &name) {
                renames.push((i, mark(&tree, d, &name)));
            }
        }
    }
    for (i, name) in renames {
        toks[i].tok = Tok::Ident(name);
    }
}

/// Reads the program's modules, their items and `use`s, and where each token is.
fn scan(toks: &[Token]) -> Tree {
    let n = toks.len();
    let mut tree = Tree {
        modules: vec![Module { parent: None, path: String::new(), children: Vec::new(), items: Vec::new(), uses: Vec::new() }],
        owner: vec![0; n],
        top: vec![false; n],
        in_use: vec![false; n],
        marked: Vec::new(),
        steps: std::cell::Cell::new(0),
    };
    // (module, the depth of its body)
    let mut stack: Vec<(usize, usize)> = vec![(0, 0)];
    let mut depth = 0usize;
    let mut i = 0;
    while i < n {
        let (m, body) = *stack.last().unwrap_or(&(0, 0));
        tree.owner[i] = m;
        let top = depth == body;
        tree.top[i] = top;
        let word = |k: usize| match toks.get(k).map(|t| &t.tok) {
            Some(Tok::Ident(s)) => Some(s.as_str()),
            _ => None,
        };
        match &toks[i].tok {
            Tok::Ident(k) if top && k == "mod" => {
                if let (Some(name), Some(Tok::P("{"))) = (word(i + 1), toks.get(i + 2).map(|t| &t.tok)) {
                    let path = if tree.modules[m].path.is_empty() { name.to_string() } else { format!("{}/{name}", tree.modules[m].path) };
                    let child = tree.modules.len();
                    tree.modules.push(Module { parent: Some(m), path, children: Vec::new(), items: Vec::new(), uses: Vec::new() });
                    tree.modules[m].children.push((name.to_string(), child));
                    for k in i..i + 3 {
                        tree.owner[k] = m;
                        tree.top[k] = true;
                    }
                    depth += 1;
                    stack.push((child, depth));
                    i += 3;
                    continue;
                }
            }
            Tok::Ident(k) if top && k == "use" => {
                let mut leaves = Vec::new();
                let end = use_leaves(toks, i + 1, &mut Vec::new(), &mut leaves, 0);
                let end = toks.iter().skip(end).position(|t| t.tok == Tok::P(";") || t.tok == Tok::P("}")).map_or(n, |p| end + p);
                for k in i..end.min(n) {
                    tree.owner[k] = m;
                    tree.in_use[k] = true;
                }
                tree.modules[m].uses.extend(leaves);
                i = end;
                continue;
            }
            Tok::Ident(k) if top && matches!(k.as_str(), "struct" | "enum" | "trait" | "type" | "fn" | "const" | "static" | "union") => {
                let at = if k == "static" && word(i + 1) == Some("mut") { i + 2 } else { i + 1 };
                if let Some(name) = word(at) {
                    let keyword_next = matches!(name, "fn" | "mut" | "_");
                    // `union` is a keyword only before a name and its `{` or `<`.
                    let is_union = k != "union" || matches!(toks.get(at + 1).map(|t| &t.tok), Some(Tok::P("{" | "<")));
                    if !keyword_next && is_union {
                        tree.modules[m].items.push(name.to_string());
                    }
                }
            }
            Tok::P("{") => depth += 1,
            Tok::P("}") => {
                if stack.len() > 1 && depth == body {
                    stack.pop();
                }
                depth = depth.saturating_sub(1);
            }
            _ => {}
        }
        i += 1;
    }
    tree
}

/// A `use` tree's leaves, from `at` (past `use`); where it stopped reading.
fn use_leaves(toks: &[Token], mut at: usize, prefix: &mut Vec<(String, usize)>, out: &mut Vec<UseLeaf>, nest: usize) -> usize {
    if nest > 16 {
        return at;
    }
    let keep = prefix.len();
    if matches!(toks.get(at).map(|t| &t.tok), Some(Tok::P("::"))) {
        at += 1;
    }
    let end = loop {
        match toks.get(at).map(|t| &t.tok) {
            Some(Tok::P("{")) => {
                at += 1;
                while !matches!(toks.get(at).map(|t| &t.tok), Some(Tok::P("}")) | None) {
                    let before = at;
                    at = use_leaves(toks, at, prefix, out, nest + 1);
                    if matches!(toks.get(at).map(|t| &t.tok), Some(Tok::P(","))) {
                        at += 1;
                    } else if at == before {
                        break;
                    }
                }
                if matches!(toks.get(at).map(|t| &t.tok), Some(Tok::P("}"))) {
                    at += 1;
                }
                break at;
            }
            Some(Tok::P("*")) => {
                if prefix.len() <= MAX_USE_PATH {
                    out.push(UseLeaf { path: names_of(prefix), path_at: prefix.iter().map(|p| p.1).collect(), leaf: None, alias: None });
                }
                break at + 1;
            }
            Some(Tok::Ident(s)) => {
                if matches!(toks.get(at + 1).map(|t| &t.tok), Some(Tok::P("::"))) {
                    prefix.push((s.clone(), at));
                    at += 2;
                    continue;
                }
                let leaf = Some((s.clone(), at));
                at += 1;
                let mut alias = None;
                if matches!(toks.get(at).map(|t| &t.tok), Some(Tok::Ident(a)) if a == "as") {
                    if let Some(Tok::Ident(a)) = toks.get(at + 1).map(|t| &t.tok) {
                        alias = Some((a.clone(), at + 1));
                        at += 2;
                    }
                }
                if prefix.len() <= MAX_USE_PATH {
                    out.push(UseLeaf { path: names_of(prefix), path_at: prefix.iter().map(|p| p.1).collect(), leaf, alias });
                }
                break at;
            }
            _ => break at,
        }
    };
    prefix.truncate(keep);
    end
}

fn names_of(prefix: &[(String, usize)]) -> Vec<String> {
    prefix.iter().map(|(n, _)| n.clone()).collect()
}

/// The names that get a module's mark: an item or `as` name of a module (not the root) that
/// another module also defines or brings in, and an `as` name of a module that another
/// module's code spells bare.
fn marked(tree: &Tree, toks: &[Token]) -> Vec<(usize, String)> {
    // Each module's names: its items, its `as` names and what its `use`s bring from outside.
    let names = |m: usize| -> Vec<&str> {
        let module = &tree.modules[m];
        let mut out: Vec<&str> = module.items.iter().map(String::as_str).collect();
        for u in &module.uses {
            let ours = u.alias.is_some() || tree.module_at(m, &u.path, 0).is_some();
            if let (Some(b), true) = (u.binding(), u.alias.is_some() || !ours) {
                out.push(b);
            }
        }
        out
    };
    let all: Vec<Vec<&str>> = (0..tree.modules.len()).map(names).collect();
    let mut marked = Vec::new();
    for m in 1..tree.modules.len() {
        let module = &tree.modules[m];
        let aliases = module.uses.iter().filter_map(|u| u.alias.as_ref().map(|(a, _)| a.as_str()));
        for name in module.items.iter().map(String::as_str).chain(aliases) {
            let elsewhere = all.iter().enumerate().any(|(k, ns)| k != m && ns.contains(&name));
            let alias = module.uses.iter().any(|u| u.alias.as_ref().is_some_and(|(a, _)| a == name));
            let spelled = alias
                && toks.iter().enumerate().any(|(i, t)| {
                    let prev = if i > 0 { Some(&toks[i - 1].tok) } else { None };
                    let next = toks.get(i + 1).map(|t| &t.tok);
                    // Not after `::` or `.`, and not a field's name (`fruit: …` after `{` or `,`).
                    tree.owner[i] != m
                        && matches!(&t.tok, Tok::Ident(s) if s == name)
                        && !matches!(prev, Some(Tok::P("::" | ".")))
                        && !(matches!(prev, Some(Tok::P("{" | ","))) && matches!(next, Some(Tok::P(":"))))
                });
            if (elsewhere || spelled) && !marked.iter().any(|(k, n): &(usize, String)| *k == m && n == name) {
                marked.push((m, name.to_string()));
            }
        }
    }
    marked
}

impl Tree {
    /// Whether one more step of a lookup is allowed.
    fn step(&self) -> bool {
        let left = self.steps.get();
        self.steps.set(left.saturating_sub(1));
        left > 0
    }

    fn is_marked(&self, m: usize, name: &str) -> bool {
        self.marked.iter().any(|(k, n)| *k == m && n == name)
    }

    /// The module a path names, read from inside module `from`.
    fn module_at(&self, from: usize, path: &[String], follow: usize) -> Option<usize> {
        if follow == 0 {
            self.steps.set(STEPS);
        }
        let mut cur = from;
        for (k, seg) in path.iter().enumerate() {
            cur = self.step_module(from, cur, seg, k, follow)?;
        }
        Some(cur)
    }

    /// One segment of [`module_at`](Self::module_at)'s path: the module `seg` names from `cur`
    /// (`k` its place in the path read from inside module `from`).
    fn step_module(&self, from: usize, cur: usize, seg: &str, k: usize, follow: usize) -> Option<usize> {
        Some(match seg {
            "crate" if k == 0 => 0,
            "self" if k == 0 => from,
            "super" => self.modules[cur].parent?,
            name => {
                let child = |m: usize| self.modules[m].children.iter().find(|(c, _)| c == name).map(|(_, i)| *i);
                match child(cur) {
                    Some(c) => c,
                    None if k == 0 => child(0).or_else(|| self.use_module(from, name, follow))?,
                    None => return None,
                }
            }
        })
    }

    /// A module a `use` of module `m` names (`use crate::a::b;` then `b::f()`).
    fn use_module(&self, m: usize, name: &str, follow: usize) -> Option<usize> {
        if follow >= FOLLOW || !self.step() {
            return None;
        }
        self.modules[m].uses.iter().filter(|u| u.binding() == Some(name)).find_map(|u| {
            let (leaf, _) = u.leaf.as_ref()?;
            let mut path = u.path.clone();
            path.push(leaf.clone());
            self.module_at(m, &path, follow + 1)
        })
    }

    /// What `name` stands for in module `m`: its own item, or what a `use` or glob brings in.
    fn lookup(&self, m: usize, name: &str, follow: usize) -> Option<Found> {
        if follow == 0 {
            self.steps.set(STEPS);
        }
        if follow >= FOLLOW || !self.step() {
            return None;
        }
        let module = &self.modules[m];
        if module.items.iter().any(|n| n == name) {
            return Some(Found::Def(m));
        }
        for u in module.uses.iter().filter(|u| u.binding() == Some(name)) {
            if u.alias.is_some() && self.is_marked(m, name) {
                return Some(Found::Def(m));
            }
            let Some((leaf, _)) = &u.leaf else { continue };
            return match self.module_at(m, &u.path, follow + 1) {
                Some(target) => self.lookup(target, leaf, follow + 1).or(Some(Found::External)),
                None => Some(Found::External),
            };
        }
        for u in module.uses.iter().filter(|u| u.leaf.is_none()) {
            if !self.step() {
                return None;
            }
            if let Some(target) = self.module_at(m, &u.path, follow + 1) {
                if target != m {
                    if let Some(found) = self.lookup(target, name, follow + 1) {
                        return Some(found);
                    }
                }
            }
        }
        None
    }
}

/// A program's name as the program wrote it: an item that [`resolve`] marked with its module
/// prints as `Post`, as rustc's `Debug` prints it.
pub(crate) fn shown(name: &str) -> &str {
    name.split('@').next().unwrap_or(name)
}

/// A message with the modules' marks taken off its names (`Post@blog` is `Post`).
pub(crate) fn unmark(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut chars = message.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '@' && chars.peek().is_some_and(|n| n.is_alphanumeric() || *n == '_') {
            while chars.peek().is_some_and(|n| n.is_alphanumeric() || *n == '_' || *n == '/') {
                chars.next();
            }
            continue;
        }
        out.push(c);
    }
    out
}
