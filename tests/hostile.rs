//! Hostile programs: each is refused or stopped with a message, its task fails, and the run (the
//! page, in the browser) goes on. None of them may exhaust the native stack, the memory, or the
//! time of the thread that runs them.
#![cfg(not(target_arch = "wasm32"))]

use std::rc::Rc;

use waker_playground::core::{Config, Executor, SimPlatform};
use waker_playground::play::lang::{parse, start_on, Line, Run};

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
