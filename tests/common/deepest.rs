//! Programs that each take one of the language's depth bounds to its limit: the deepest nesting
//! the parser allows, calls from built-ins into learner code, futures polled inside each other,
//! awaits inside awaits, and values printed, cloned and compared as deep as they may nest.
//!
//! Natively (`tests/hostile.rs`) each must end as listed. In the browser (`tests/web.rs`) the
//! same programs measure how much of the wasm stack the deepest of them needs: a stack overflow
//! in wasm is a trap that kills the page, so the stack the app is linked with
//! (`.cargo/config.toml`) must hold the worst of these with room to spare.
#![allow(dead_code)]

use waker_playground::play::lang::parse;

/// A program and how it must end.
pub struct Deep {
    pub name: &'static str,
    pub src: String,
    /// The one error it must end with (a substring), or `None` for a run without errors.
    pub error: Option<&'static str>,
    /// What the first printed line must start with, if anything.
    pub first_line: Option<&'static str>,
}

/// The deepest `n` at which `template(n)` still parses (the parser refuses the next).
fn deepest(template: impl Fn(usize) -> String) -> String {
    let n = (1..=200).rev().find(|&n| parse(&template(n)).is_ok()).unwrap_or(1);
    assert!(parse(&template(n + 1)).is_err(), "one level more than the deepest must be refused");
    template(n)
}

/// A value nested `levels` deep, built in a loop (`L::C(Box<L>)` around `L::N`).
const LIST: &str = "#[derive(Debug, Clone, PartialEq, PartialOrd)]\nenum L {\n    N,\n    C(Box<L>),\n}\nfn list(levels: u32) -> L {\n    let mut l = L::N;\n    for _ in 0..levels {\n        l = L::C(Box::new(l));\n    }\n    l\n}\n";

/// The deepest combination at run time (the end-to-end suite runs it in the page too).
pub const AT_ONCE: &str = include_str!("deepest-at-once.rs.txt");

/// Every program, at its limit.
pub fn programs() -> Vec<Deep> {
    let mut all = Vec::new();
    let mut ok = |name, src: String, first_line| all.push(Deep { name, src, error: None, first_line });
    ok(
        "parentheses, as deep as the parser allows",
        deepest(|n| format!("async fn main() {{\n    let x = {}7{};\n    println!(\"{{}}\", x);\n}}\n", "(".repeat(n), ")".repeat(n))),
        Some("7"),
    );
    ok(
        "blocks, as deep as the parser allows, then awaited at the bottom",
        deepest(|n| format!("async fn main() {{\n    {}sleep(5).await; println!(\"deep\");{}\n}}\n", "{ ".repeat(n), " }".repeat(n))),
        Some("deep"),
    );
    ok(
        "closures inside closures, as deep as the parser allows",
        deepest(|n| {
            format!("async fn main() {{\n    let f = {}7u64;\n    println!(\"{{}}\", f{});\n}}\n", "move || ".repeat(n), "()".repeat(n))
        }),
        Some("7"),
    );
    ok(
        "patterns, as deep as the parser allows",
        deepest(|n| {
            format!(
                "async fn main() {{\n    let v = {}7u64{};\n    if let {}x{} = v {{ println!(\"{{}}\", x); }}\n}}\n",
                "Some(".repeat(n),
                ")".repeat(n),
                "Some(".repeat(n),
                ")".repeat(n)
            )
        }),
        Some("7"),
    );
    ok(
        "types, as deep as the parser allows",
        deepest(|n| {
            format!("async fn main() {{\n    let v: {}u8{} = None;\n    println!(\"{{:?}}\", v);\n}}\n", "Option<".repeat(n), ">".repeat(n))
        }),
        Some("None"),
    );
    ok(
        "`else if`s, as many as the parser allows",
        deepest(|n| {
            format!("async fn main() {{\n    let x = 0u64;\n    {}{{ println!(\"last\"); }}\n}}\n", "if x == 1 {} else ".repeat(n))
        }),
        Some("last"),
    );
    ok(
        "a chain of `+`, as long as the parser allows",
        deepest(|n| format!("async fn main() {{\n    let x = {}1u64;\n    println!(\"{{}}\", x);\n}}\n", "1u64 + ".repeat(n))),
        None,
    );
    ok(
        "match arms inside match arms, as deep as the parser allows",
        deepest(|n| {
            format!("async fn main() {{\n    let x = 1u64;\n    {}println!(\"in\"){};\n}}\n", "match x { _ => ".repeat(n), " }".repeat(n))
        }),
        Some("in"),
    );
    // The deepest combination at run time: awaits nested 20 deep, a timer at the
    // bottom so that the task resumes through every level, and there calls from a built-in into
    // the program's code nested 26 deep (together 48 may nest), at whose bottom a value 120 deep (the
    // limit is 128) is printed with `{:#?}`, cloned and compared.
    ok("awaits, calls from built-ins and a deep value, all near their limits at once", AT_ONCE.to_string(), Some("true true "));
    // The same, the value's levels linked through `Rc<RefCell<…>>` (a learner's list): each
    // level of its printing goes through the cell's own `Debug` as well, and the cell counts as
    // a level of its own (60 links nest 120 deep).
    ok(
        "awaits, calls from built-ins and a deep value of cells, all near their limits at once",
        AT_ONCE
            .replace("C(Box<L>),", "C(std::rc::Rc<std::cell::RefCell<L>>),")
            .replace("L::C(Box::new(l))", "L::C(std::rc::Rc::new(std::cell::RefCell::new(l)))")
            .replace("list(120)", "list(60)"),
        Some("true true "),
    );
    let mut err = |name, src: String, error| all.push(Deep { name, src, error: Some(error), first_line: None });
    err(
        "calls from a built-in into the program's code, past the limit",
        "fn down(n: u64) -> u64 {\n    if n == 0 {\n        return 0;\n    }\n    Some(n).map(|k| down(k - 1) + 1).unwrap()\n}\nasync fn main() {\n    println!(\"{}\", down(1000));\n}\n".to_string(),
        "nest more than 48 deep",
    );
    // A `sort_by` comparator's level holds more stack than an `Option::map` closure's (1.4x
    // natively, unoptimized): the count limit must hold for it too.
    err(
        "calls from a sort_by comparator that sorts again, past the limit",
        "fn down(n: u64) -> u64 {\n    if n == 0 {\n        return 0;\n    }\n    let mut v = vec![2u64, 1];\n    let mut r = 0;\n    v.sort_by(|a, b| {\n        r = down(n - 1);\n        a.cmp(b)\n    });\n    r + 1\n}\nasync fn main() {\n    println!(\"{}\", down(1000));\n}\n".to_string(),
        "nest more than 48 deep",
    );
    err(
        "futures polled by hand inside each other's polls, 5,000 deep",
        "use std::future::Future;\nuse std::pin::Pin;\nuse std::task::Poll;\nasync fn main() {\n    let mut f: Pin<Box<dyn Future<Output = ()>>> = Box::pin(async {});\n    for i in 0..5000 {\n        if i % 1000 == 0 { yield_now().await; }\n        let mut p = f;\n        f = Box::pin(async move {\n            std::future::poll_fn(|cx| {\n                let _ = p.as_mut().poll(cx);\n                Poll::Ready(())\n            })\n            .await;\n        });\n    }\n    f.await;\n}\n".to_string(),
        "stack overflow",
    );
    err(
        "a boxed async fn awaiting itself",
        "async fn main() {\n    down(0).await;\n}\nasync fn down(n: u64) {\n    Box::pin(down(n + 1)).await;\n}\n".to_string(),
        "awaits nest more than 32 deep",
    );
    err(
        "a value 10,000 deep, printed",
        format!("{LIST}async fn main() {{\n    println!(\"{{:#?}}\", list(10000));\n}}\n"),
        "nests more than 128 levels",
    );
    err(
        "a value 10,000 deep, cloned",
        format!("{LIST}async fn main() {{\n    let c = list(10000).clone();\n}}\n"),
        "nests more than 128 levels",
    );
    err(
        "two values 10,000 deep, compared",
        format!("{LIST}async fn main() {{\n    println!(\"{{}}\", list(10000) < list(10000));\n}}\n"),
        "nests more than 128 levels",
    );
    err(
        "iterator adapters 40,000 deep",
        "async fn main() {\n    let mut it: Box<dyn Iterator<Item = u32>> = Box::new(0..3);\n    for i in 0..40000 {\n        if i % 10000 == 0 { yield_now().await; }\n        it = Box::new(it.skip(0));\n    }\n    it.next();\n}\n".to_string(),
        "nests more than 128 levels",
    );
    err(
        "`#[derive(Default)]` of a type that holds itself",
        "#[derive(Default)]\nstruct Node {\n    next: Box<Node>,\n}\nasync fn main() {\n    let _n = Node::default();\n}\n".to_string(),
        "deep",
    );
    err(
        "a `Drop` that makes another drop, forever",
        "struct Again;\nimpl Drop for Again {\n    fn drop(&mut self) { let _next = Again; }\n}\nasync fn main() {\n    drop(Again);\n}\n"
            .to_string(),
        "stack overflow",
    );
    all
}
