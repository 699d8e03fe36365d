//! Hostile programs: each is refused or stopped with a message, its task fails, and the run (the
//! page, in the browser) goes on. None of them may exhaust the native stack, the memory, or the
//! time of the thread that runs them.
#![cfg(not(target_arch = "wasm32"))]

use std::rc::Rc;

use waker_playground::core::{Config, Executor, SimPlatform};
use waker_playground::play::lang::{parse, start_on, Line, Run};

#[path = "common/deepest.rs"]
mod deepest;

/// Runs `src` on the virtual clock; the console's errors, and its printed lines.
fn run(src: &str) -> (Vec<String>, Vec<String>, Run) {
    let program = parse(src).unwrap_or_else(|e| panic!("{}", e.render(src)));
    let sim = SimPlatform::new();
    let exec = Executor::new(Rc::new(sim.clone()), Config::default());
    let run = start_on(&exec, Rc::new(program)).expect("starts");
    sim.run_until_idle(1e7);
    let errors = run.console().into_iter().filter(|o| o.kind == Line::Error).map(|o| o.text).collect();
    let printed = run.console().into_iter().filter(|o| o.kind == Line::Print).map(|o| o.text).collect();
    (errors, printed, run)
}

fn one_error(src: &str, want: &str) -> Run {
    let (errors, _, run) = run(src);
    assert!(errors.len() == 1 && errors[0].contains(want), "{src}\nerrors: {errors:?}\nwant: {want}");
    run
}

#[test]
fn endless_recursion_through_methods_and_closures_is_a_stack_overflow_panic() {
    let src = "struct S;\nimpl S {\n    fn down(&self, n: u64) -> u64 { self.down(n + 1) }\n}\nasync fn main() {\n    S.down(0);\n}\n";
    let run = one_error(src, "panicked: stack overflow: calls nest more than 10000 deep");
    assert!(run.failed(run.main().expect("main")));
    // A closure that calls itself through an Rc it captured.
    let src = "use std::{cell::RefCell, rc::Rc};\nasync fn main() {\n    let me: Rc<RefCell<Option<Box<dyn Fn(u64)>>>> = Rc::new(RefCell::new(None));\n    let again = me.clone();\n    *me.borrow_mut() = Some(Box::new(move |n| (again.borrow().as_ref().unwrap())(n + 1)));\n    (me.borrow().as_ref().unwrap())(0);\n}\n";
    one_error(src, "stack overflow");
}

#[test]
fn a_drop_that_panics_fails_its_task_and_a_drop_that_spawns_spawns() {
    let src = "struct Bomb;\nimpl Drop for Bomb {\n    fn drop(&mut self) { panic!(\"boom in drop\"); }\n}\nasync fn main() {\n    let h = spawn(other());\n    {\n        let _b = Bomb;\n    }\n    println!(\"not reached\");\n}\nasync fn other() { sleep(10).await; println!(\"other goes on\"); }\n";
    let (errors, printed, _) = run(src);
    assert_eq!(errors, ["panicked: boom in drop"]);
    assert_eq!(printed, ["other goes on"]);
    let src = "struct Seed;\nimpl Drop for Seed {\n    fn drop(&mut self) { spawn(async { println!(\"grown from a drop\"); }); }\n}\nasync fn main() {\n    drop(Seed);\n    sleep(1).await;\n}\n";
    let (errors, printed, _) = run(src);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(printed, ["grown from a drop"]);
}

/// The programs the browser suite measures the wasm stack with (`tests/web.rs`) end here as they
/// must: at their limit without an error, or one past it with the limit's message.
///
/// On a thread with a 16 MiB stack: the dev profile's frames are several times the release
/// build's, and the combination of every limit at once needs 2 to 4 MiB of them (the browser
/// suite measures what the release build needs).
#[test]
fn the_deepest_programs_end_as_listed() {
    let check = std::thread::Builder::new().stack_size(16 << 20).spawn(check_the_deepest_programs).expect("a thread");
    if let Err(panic) = check.join() {
        std::panic::resume_unwind(panic);
    }
}

fn check_the_deepest_programs() {
    for d in deepest::programs() {
        let (errors, printed, run) = run(&d.src);
        match d.error {
            None => assert!(errors.is_empty(), "{}: {errors:?}", d.name),
            Some(want) => assert!(errors.len() == 1 && errors[0].contains(want), "{}: {errors:?}, want {want}", d.name),
        }
        if let Some(first) = d.first_line {
            assert!(printed.first().is_some_and(|l| l.starts_with(first)), "{}: {printed:?}", d.name);
        }
        if d.error.is_some() {
            assert!(run.failed(run.main().expect("main")), "{}: main fails", d.name);
        }
    }
}

#[test]
fn a_drop_that_makes_another_drop_forever_is_stopped() {
    let src =
        "struct Again;\nimpl Drop for Again {\n    fn drop(&mut self) { let _next = Again; }\n}\nasync fn main() {\n    drop(Again);\n}\n";
    one_error(src, "stack overflow");
}

#[test]
fn a_list_a_hundred_thousand_deep_drops_and_refuses_to_print_or_clone_without_overflowing() {
    let build = "#[derive(Debug, Clone)]\nstruct Node {\n    v: u64,\n    next: Option<Box<Node>>,\n}\nasync fn main() {\n    let mut list: Option<Box<Node>> = None;\n    for i in 0..100000 {\n        if i % 20000 == 0 { yield_now().await; }\n        list = Some(Box::new(Node { v: i, next: list }));\n    }\n    println!(\"built\");\n    TAIL\n}\n";
    let (errors, printed, _) = run(&build.replace("TAIL", "drop(list);\n    println!(\"dropped\");"));
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(printed, ["built", "dropped"]);
    one_error(&build.replace("TAIL", "println!(\"{:?}\", list);"), "nests more than 128 levels deep");
    one_error(&build.replace("TAIL", "let copy = list.clone();"), "nests more than 128 levels deep");
}

#[test]
fn growing_without_end_is_stopped_with_a_message() {
    // Doubling a string.
    one_error(
        "async fn main() {\n    let mut s = String::from(\"x\");\n    loop {\n        s = s.clone() + &s;\n    }\n}\n",
        "longer than the playground holds",
    );
    // Pushing forever, awaiting now and then.
    one_error(
        "async fn main() {\n    let mut v = Vec::new();\n    let mut i: u64 = 0;\n    loop {\n        v.push(i);\n        i += 1;\n        if i % 10000 == 0 { yield_now().await; }\n    }\n}\n",
        "",
    );
    // Spawning forever.
    one_error("async fn main() {\n    loop {\n        spawn(async {});\n    }\n}\n", "at most 1000 tasks");
    // A vec of vecs doubling.
    one_error(
        "async fn main() {\n    let mut v = vec![1u8];\n    loop {\n        let c = v.clone();\n        v.extend(c);\n    }\n}\n",
        "elements",
    );
}

/// Programs a static review found could take the page down (a Rust panic, a native stack
/// overflow, an allocation without bound, or a loop that never yields): each ends with its
/// message, or runs as Rust runs it.
#[test]
fn what_a_review_found_ends_with_a_message() {
    // A width makes that many characters.
    one_error("async fn main() {\n    println!(\"{:3000000000}\", 1);\n}\n", "a width or precision of more than");
    one_error("async fn main() {\n    println!(\"{:1000000?}\", vec![1; 100]);\n}\n", "longer than the playground holds");
    // std's `is_digit` panics past radix 36.
    one_error(
        "async fn main() {\n    println!(\"{}\", '1'.is_digit(40));\n}\n",
        "panicked: to_digit: invalid radix -- radix must be in the range 2 to 36 inclusive",
    );
    // Map keys nested 30,000 deep are compared without recursing that deep.
    let src = "use std::collections::HashMap;\n#[derive(PartialEq)]\nenum L { N, C(Box<L>) }\nasync fn main() {\n    let (mut a, mut b) = (L::N, L::N);\n    for i in 0..30000 {\n        if i % 10000 == 0 { yield_now().await; }\n        a = L::C(Box::new(a));\n        b = L::C(Box::new(b));\n    }\n    let mut m = HashMap::new();\n    m.insert(a, 1);\n    m.insert(b, 2);\n    println!(\"{}\", m.len());\n}\n";
    let (errors, printed, _) = run(src);
    assert!(errors.is_empty() && printed.len() == 1, "{errors:?} {printed:?}");
    // A closure wrapping the last one 40,000 times over is dropped without recursing.
    let src = "async fn main() {\n    let mut f: Box<dyn Fn() -> i32> = Box::new(|| 0);\n    for i in 0..40000 {\n        if i % 10000 == 0 { yield_now().await; }\n        let g = f;\n        f = Box::new(move || g() + 1);\n    }\n    println!(\"built\");\n}\n";
    let (errors, printed, _) = run(src);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(printed, ["built"]);
    // 40,000 adapters: dropped link by link, and `next` refuses to recurse through them all.
    let src = "async fn main() {\n    let mut it: Box<dyn Iterator<Item = u32>> = Box::new(0..3);\n    for i in 0..40000 {\n        if i % 10000 == 0 { yield_now().await; }\n        it = Box::new(it.skip(0));\n    }\n    println!(\"built\");\n    it.next();\n}\n";
    let (errors, printed, _) = run(src);
    assert_eq!(printed, ["built"]);
    assert!(errors.len() == 1 && errors[0].contains("nests more than 128 levels"), "{errors:?}");
    // Futures polled by hand inside each other's polls, 5,000 deep.
    let src = "use std::future::Future;\nuse std::pin::Pin;\nuse std::task::Poll;\nasync fn main() {\n    let mut f: Pin<Box<dyn Future<Output = ()>>> = Box::pin(async {});\n    for i in 0..5000 {\n        if i % 1000 == 0 { yield_now().await; }\n        let mut p = f;\n        f = Box::pin(async move {\n            std::future::poll_fn(|cx| {\n                let _ = p.as_mut().poll(cx);\n                Poll::Ready(())\n            })\n            .await;\n        });\n    }\n    f.await;\n}\n";
    one_error(src, "stack overflow");
    // `#[derive(Default)]` of a type that holds itself has no end.
    let src = "#[derive(Default)]\nstruct Node {\n    next: Box<Node>,\n}\n#[derive(Default)]\nstruct Tree {\n    root: Node,\n}\nasync fn main() {\n    let _t = Tree::default();\n}\n";
    one_error(src, "nests more than 128 levels");
    // Text that would be huge is refused before it is made.
    let big = "    let big = \"a\".repeat(1000000);\n";
    one_error(
        &format!("async fn main() {{\n{big}    let s = \"x\".repeat(1000000).replace(\"x\", &big);\n}}\n"),
        "longer than the playground holds",
    );
    one_error(
        &format!("async fn main() {{\n{big}    let v = vec![big.as_str(); 5000];\n    let s = v.concat();\n}}\n"),
        "longer than the playground holds",
    );
    // A console flooded with megabyte lines keeps at most 16 MB of them.
    let (errors, printed, _) =
        run(&format!("async fn main() {{\n{big}    for i in 0..100 {{\n        println!(\"{{}}\", big);\n    }}\n}}\n"));
    assert!(errors.is_empty() && printed.len() <= 17 && !printed.is_empty(), "{errors:?} {}", printed.len());
    // An endless range skipped endlessly runs no statement: stopped by the items it takes.
    one_error("async fn main() {\n    let x = (0u64..).skip(usize::MAX).next();\n}\n", "items from iterators");
    // A tuple pattern with `..` longer than the tuple does not match (rustc refuses it).
    let (_, _, _) = run("async fn main() {\n    let t = (1,);\n    if let (.., a, b) = t { println!(\"{a} {b}\"); }\n}\n");
    // A reference to itself (rustc refuses it; here it is an error, not a hang).
    let (errors, _, _) =
        run("async fn main() {\n    let x = 0;\n    let mut r = &x;\n    r = &r;\n    match r { 0 => {}, _ => {} }\n    if r { }\n}\n");
    assert!(errors.len() <= 1, "{errors:?}");
    // A sort of 100,000 elements is n log n, and iterating by reference does not copy the vector.
    let (errors, printed, _) = run("async fn main() {\n    let mut v: Vec<u64> = (0..100000).rev().collect();\n    v.sort();\n    let mut n = 0;\n    for x in v.iter().take(5) { n += x; }\n    println!(\"{} {} {n}\", v[0], v[99999]);\n}\n");
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(printed, ["0 99999 10"]);
}
