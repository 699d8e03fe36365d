#![cfg(not(target_arch = "wasm32"))]
//! Threads, channels and the learner's own executor, natively with exact virtual times: the
//! async book's two chapters as pasted, the drop timing that ends the book's `run` loop,
//! deadlocks, and hostile programs.

use std::rc::Rc;

use waker_playground::core::{Config, EventKind, Executor, Recorder, SimPlatform};
use waker_playground::play::lang::{parse, start_on, Line, Run, MAX_THREADS};

/// The book's `TimerFuture` chapter and executor chapter, pasted as one file (the chapter's
/// spelling of the thread: `if let Some(waker) = &shared_state.waker { waker.wake_by_ref(); }`).
const BOOK_CHAPTER: &str = include_str!("../src/play/programs/threads/book_executor.rs");

/// One console line: virtual ms, kind, line number (0 when it has no span), text.
type Said = (f64, Line, usize, String);

fn run_with(src: &str, budget: Option<u64>) -> (Vec<Said>, Run, Executor<Recorder>) {
    let program = parse(src).unwrap_or_else(|e| panic!("{}", e.render(src)));
    let sim = SimPlatform::new();
    let exec = Executor::new(Rc::new(sim.clone()), Config::default());
    let run = start_on(&exec, Rc::new(program)).expect("it starts");
    if let Some(b) = budget {
        run.set_run_budget(b);
    }
    sim.run_until_idle(1e9);
    let said = run.console().into_iter().map(|o| (o.at, o.kind, o.span.map_or(0, |s| s.line_col(src).0), o.text)).collect();
    (said, run, exec)
}

fn run(src: &str) -> Vec<Said> {
    run_with(src, None).0
}

fn printed(said: &[Said]) -> Vec<(f64, &str)> {
    said.iter().filter(|s| s.1 == Line::Print).map(|s| (s.0, s.3.as_str())).collect()
}

/// The line of the first occurrence of `needle` in `src` (1-based).
fn line_of(src: &str, needle: &str) -> usize {
    src.lines().position(|l| l.contains(needle)).map(|i| i + 1).unwrap_or_else(|| panic!("`{needle}` is not in the program"))
}

#[test]
fn the_books_executor_prints_howdy_then_done_two_seconds_later_and_its_run_loop_ends() {
    for (spelling, src) in [("the chapter's `&shared_state.waker`", BOOK_CHAPTER.to_string()), ("the book's `waker.take()`", book_take())] {
        let (said, run, exec) = run_with(&src, None);
        assert_eq!(printed(&said), [(0.0, "howdy!"), (2000.0, "done!")], "{spelling}: {said:?}");
        assert!(said.iter().all(|s| s.1 == Line::Print), "{spelling}: no error and no note: {said:?}");
        // `main` blocked in `recv()` (so it became a task), and returned when the last sender
        // went: the run loop ended, at 2000 ms.
        let names = run.names();
        let main = names.iter().find(|(_, n)| &***n == "main").map(|(id, _)| *id).expect("main became a task when it blocked");
        let thread = names.iter().find(|(_, n)| &***n == "thread").map(|(id, _)| *id).expect("the timer's thread");
        let completed = |t| exec.with_trace(|tr| tr.iter().find(|e| e.task == Some(t) && e.kind == EventKind::Completed).map(|e| e.at));
        assert_eq!(completed(main), Some(2000.0), "{spelling}: main returns when the task is done and its sender dropped");
        assert_eq!(completed(thread), Some(2000.0), "{spelling}: the timer thread ends after its wake");
    }
}

/// The book's current spelling of the thread's body.
fn book_take() -> String {
    let src = BOOK_CHAPTER
        .replace("if let Some(waker) = &shared_state.waker {", "if let Some(waker) = shared_state.waker.take() {")
        .replace("waker.wake_by_ref();", "waker.wake()");
    assert_ne!(src, BOOK_CHAPTER);
    src
}

#[test]
fn the_chapters_block_on_test_runs_the_timer_future_on_the_calling_thread() {
    let timer = &BOOK_CHAPTER[..BOOK_CHAPTER.find("/// Task executor").expect("the executor listing")];
    let src = format!(
        "{timer}\nfn main() {{\n    println!(\"before\");\n    futures::executor::block_on(async {{\n        TimerFuture::new(Duration::from_secs(1)).await\n    }});\n    println!(\"after\");\n}}\n"
    );
    let said = run(&src);
    assert_eq!(printed(&said), [(0.0, "before"), (1000.0, "after")], "{said:?}");
}

#[test]
fn the_std_wake_executor_runs_two_tasks_woken_from_their_timer_threads() {
    let said = run(include_str!("oracle/threads/wake_two_tasks.rs"));
    assert_eq!(
        printed(&said),
        [
            (0.0, "a starts"),
            (0.0, "b starts"),
            (100.0, "wake b"),
            (100.0, "b done"),
            (200.0, "wake a"),
            (200.0, "a done"),
            (200.0, "all done")
        ]
    );
}

#[test]
fn a_for_loop_over_a_receiver_ends_exactly_when_the_last_sender_is_dropped() {
    let src = r#"
use std::sync::mpsc::channel;
use std::thread;
use std::time::Duration;
fn main() {
    let (tx, rx) = channel();
    let tx2 = tx.clone();
    thread::spawn(move || {
        thread::sleep(Duration::from_millis(200));
        tx.send(1).unwrap();
    });
    thread::spawn(move || {
        thread::sleep(Duration::from_millis(500));
        drop(tx2);
        thread::sleep(Duration::from_millis(1000));
    });
    for v in rx {
        println!("got {v}");
    }
    println!("loop ended");
}
"#;
    let said = run(src);
    assert_eq!(printed(&said), [(200.0, "got 1"), (500.0, "loop ended")], "{said:?}");
    // `main` returned while the second thread still slept: it stops, and the console says so.
    let note = said.iter().find(|s| s.1 == Line::Note).expect("a note about the thread still running");
    assert_eq!(note.0, 500.0);
    assert!(note.3.contains("1 thread was still running") && note.3.contains("thread::sleep"), "{note:?}");
}

#[test]
fn a_disconnect_reaches_a_recv_that_is_already_blocked() {
    let src = r#"
use std::sync::mpsc::channel;
use std::thread;
use std::time::Duration;
fn main() {
    let (tx, rx) = channel::<u32>();
    let t = thread::spawn(move || {
        thread::sleep(Duration::from_millis(300));
        drop(tx);
        println!("sender dropped");
    });
    println!("{:?}", rx.recv());
    println!("{:?}", rx.try_recv());
    t.join().unwrap();
}
"#;
    let said = run(src);
    assert_eq!(printed(&said), [(300.0, "sender dropped"), (300.0, "Err(RecvError)"), (300.0, "Err(Disconnected)")], "{said:?}");
}

/// Asserts a deadlock: one error naming every thread, and a note at each one's waiting line.
fn assert_deadlock(src: &str, waits: &[(&str, &str, &str)], at: f64) {
    let said = run(src);
    let errors: Vec<&Said> = said.iter().filter(|s| s.1 == Line::Error).collect();
    assert_eq!(errors.len(), 1, "{said:?}");
    let e = errors[0];
    assert_eq!(e.0, at, "detected when the last thread blocked: {e:?}");
    assert!(e.3.starts_with("deadlock: every thread is blocked and no timer is pending"), "{e:?}");
    for (thread, call, needle) in waits {
        assert!(e.3.contains(&format!("`{thread}` in `{call}()`")), "{thread} in {call}: {e:?}");
        let line = line_of(src, needle);
        assert!(
            said.iter().any(|s| s.1 == Line::Note && s.2 == line && s.3 == format!("`{thread}` waits here, in `{call}()`")),
            "a note at line {line} for {thread}: {said:?}"
        );
    }
}

#[test]
fn two_locks_taken_in_opposite_orders_deadlock_and_the_console_names_both_lines() {
    let src = r#"
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;
fn main() {
    let a = Arc::new(Mutex::new(0));
    let b = Arc::new(Mutex::new(0));
    let (a2, b2) = (a.clone(), b.clone());
    let t = thread::spawn(move || {
        let _x = b2.lock().unwrap();
        thread::sleep(Duration::from_millis(10));
        let _y = a2.lock().unwrap(); // thread waits
    });
    let _x = a.lock().unwrap();
    thread::sleep(Duration::from_millis(10));
    let _y = b.lock().unwrap(); // main waits
    t.join().unwrap();
}
"#;
    assert_deadlock(src, &[("thread", "lock", "thread waits"), ("main", "lock", "main waits")], 10.0);
}

#[test]
fn a_recv_whose_sender_is_alive_but_forgotten_is_a_deadlock() {
    let src = r#"
use std::sync::mpsc::channel;
fn main() {
    let (tx, rx) = channel::<i32>();
    let _keep = tx;
    let v = rx.recv(); // waits forever
    println!("{v:?}");
}
"#;
    assert_deadlock(src, &[("main", "recv", "waits forever")], 0.0);
}

#[test]
fn joining_a_thread_that_waits_for_its_joiner_is_a_deadlock() {
    let src = r#"
use std::sync::mpsc::channel;
use std::thread;
use std::time::Duration;
fn main() {
    let (tx, rx) = channel::<()>();
    let t = thread::spawn(move || {
        thread::sleep(Duration::from_millis(40));
        rx.recv().unwrap(); // the thread
    });
    t.join().unwrap(); // and main
    tx.send(()).unwrap();
}
"#;
    assert_deadlock(src, &[("thread", "recv", "the thread"), ("main", "join", "// and main")], 40.0);
}

#[test]
fn a_wake_by_ref_that_forgets_to_send_leaves_the_books_executor_deadlocked_in_recv() {
    let src = BOOK_CHAPTER.replace("arc_self.task_sender.send(cloned).expect(\"too many tasks queued\");", "let _ = cloned;");
    assert_ne!(src, BOOK_CHAPTER);
    let said = run(&src);
    assert_eq!(printed(&said), [(0.0, "howdy!")]);
    let e = said.iter().find(|s| s.1 == Line::Error).expect("a deadlock");
    assert_eq!(e.0, 2000.0, "after the timer thread's wake came to nothing: {e:?}");
    assert!(e.3.contains("`main` in `recv()`"), "{e:?}");
    assert!(
        e.3.ends_with("Your `Task` was woken at 2.00 s and never polled again: the wake did not reach your executor's queue."),
        "{e:?}"
    );
    assert_eq!(e.2, line_of(&src, "while let Ok(task) = self.ready_queue.recv()"));
}

#[test]
fn a_full_sync_channel_blocks_send_into_a_deadlock_and_try_send_panics_instead() {
    let with_send = BOOK_CHAPTER
        .replace("const MAX_QUEUED_TASKS: usize = 10_000;", "const MAX_QUEUED_TASKS: usize = 1;")
        .replace("    drop(spawner);", "    spawner.spawn(async {\n        println!(\"second\");\n    });\n    drop(spawner);");
    let said = run(&with_send);
    let e = said.iter().find(|s| s.1 == Line::Error).expect("a deadlock");
    assert!(e.3.contains("`main` in `send()`"), "the second spawn waits for room that only main can make: {e:?}");
    assert_eq!(e.2, line_of(&with_send, "self.task_sender.send(task)"));
    let with_try = with_send.replace("self.task_sender.send(task)", "self.task_sender.try_send(task)");
    let said = run(&with_try);
    let e = said.iter().find(|s| s.1 == Line::Error).expect("a panic");
    assert_eq!(e.3, "panicked: too many tasks queued: TrySendError::Full(..)");
    assert_eq!(e.2, line_of(&with_try, "self.task_sender.try_send(task)"));
}

#[test]
fn a_thread_bomb_stops_at_the_thread_limit_with_a_message() {
    let src = "use std::thread;\nuse std::time::Duration;\nfn main() {\n    loop {\n        thread::spawn(|| thread::sleep(Duration::from_secs(1000)));\n    }\n}\n";
    let said = run(src);
    let e = said.iter().find(|s| s.1 == Line::Error).expect("an error");
    assert_eq!(e.3, format!("the program has {MAX_THREADS} threads running: that is the limit here"));
    assert_eq!(e.2, 5);
    let note = said.iter().find(|s| s.1 == Line::Note).expect("the stopped threads");
    assert!(note.3.contains(&format!("{MAX_THREADS} threads were still running")), "{note:?}");
}

#[test]
fn a_spinning_thread_is_preempted_so_main_goes_on_and_the_run_budget_stops_it() {
    let src = "use std::thread;\nfn main() {\n    thread::spawn(|| {\n        let mut n: u64 = 0;\n        loop {\n            n += 1;\n        }\n    });\n    println!(\"main goes on\");\n    thread::sleep(std::time::Duration::from_millis(5));\n    println!(\"main ends\");\n}\n";
    let (said, run, _) = run_with(src, Some(300_000));
    assert_eq!(printed(&said)[0], (0.0, "main goes on"));
    let e = said.iter().find(|s| s.1 == Line::Error).expect("the budget");
    assert_eq!(e.3, "the run has executed 300000 statements: it is stopped here", "not the per-poll budget: threads are preempted");
    assert!(run.steps() > 300_000);
}

#[test]
fn two_busy_threads_take_turns_instead_of_hitting_the_poll_budget() {
    let src = "use std::thread;\nfn main() {\n    let a = thread::spawn(|| { let mut s = 0u64; for i in 0..60000u64 { s += i; } s });\n    let b = thread::spawn(|| { let mut s = 0u64; for i in 0..60000u64 { s += 2 * i; } s });\n    println!(\"{} {}\", a.join().unwrap(), b.join().unwrap());\n}\n";
    let said = run(src);
    assert_eq!(printed(&said), [(0.0, "1799970000 3599940000")], "{said:?}");
}

/// A value with a `Drop` impl that receives: in a thread's own code its `drop` blocks there, as
/// any call of the thread's does.
const RECEIVES_IN_DROP: &str = r#"
use std::sync::mpsc::{channel, Receiver};
struct Waits {
    rx: Receiver<i32>,
}
impl Drop for Waits {
    fn drop(&mut self) {
        let v = self.rx.recv(); // blocks
        println!("got {v:?}");
    }
}
"#;

#[test]
fn a_drop_in_a_threads_own_code_blocks_until_a_sender_sends_or_goes() {
    // `main` lets `w` go while `tx` lives: Rust's `recv` waits for ever, which is a deadlock here.
    let stuck = format!(
        "{RECEIVES_IN_DROP}fn main() {{\n    let (tx, rx) = channel();\n    let w = Waits {{ rx }};\n    drop(w);\n    drop(tx);\n}}\n"
    );
    let said = run(&stuck);
    let e = said.iter().find(|s| s.1 == Line::Error).expect("an error");
    assert!(e.3.starts_with("deadlock: every thread is blocked") && e.3.contains("`main` in `recv()`"), "{e:?}");
    assert_eq!(e.2, line_of(&stuck, "// blocks"));
    assert!(printed(&said).is_empty(), "{said:?}");
    // Another thread sends after 100 ms: the `drop` waits for it, then `main` goes on.
    let sent = format!(
        "{RECEIVES_IN_DROP}fn main() {{\n    let (tx, rx) = channel();\n    let w = Waits {{ rx }};\n    let t = std::thread::spawn(move || {{\n        std::thread::sleep(std::time::Duration::from_millis(100));\n        tx.send(7).unwrap();\n    }});\n    drop(w);\n    println!(\"after\");\n    t.join().unwrap();\n}}\n"
    );
    let said = run(&sent);
    assert_eq!(printed(&said), [(100.0, "got Ok(7)"), (100.0, "after")], "{said:?}");
    assert!(said.iter().all(|s| s.1 != Line::Error), "{said:?}");
    // At the end of `main`'s scope too, after the values declared later.
    let scope = format!(
        "{RECEIVES_IN_DROP}struct Loud;\nimpl Drop for Loud {{\n    fn drop(&mut self) {{\n        println!(\"loud\");\n    }}\n}}\nfn main() {{\n    let (tx, rx) = channel();\n    let _w = Waits {{ rx }};\n    let _l = Loud;\n    std::thread::spawn(move || tx.send(1).unwrap());\n}}\n"
    );
    let said = run(&scope);
    assert_eq!(printed(&said), [(0.0, "loud"), (0.0, "got Ok(1)")], "{said:?}");
}

#[test]
fn a_drop_that_blocks_outside_a_threads_own_code_stops_with_a_message() {
    // The closure `for_each` calls is the playground's call, not the thread's: it cannot wait.
    let src = format!(
        "{RECEIVES_IN_DROP}fn main() {{\n    let (tx, rx) = channel();\n    let mut rx = Some(rx);\n    (0..1).for_each(|_| {{\n        let _w = Waits {{ rx: rx.take().unwrap() }};\n    }});\n    drop(tx);\n}}\n"
    );
    let said = run(&src);
    let e = said.iter().find(|s| s.1 == Line::Error).expect("an error");
    assert!(e.3.starts_with("`recv` would block here, but this code is not a thread's own"), "{e:?}");
    assert_eq!(e.2, line_of(&src, "// blocks"));
}

/// The Rust book's chapter 20 pool, shut down in its `Drop`: the workers are joined there.
#[test]
fn the_books_thread_pool_joins_its_workers_in_drop() {
    let src = r#"
use std::sync::{mpsc, Arc, Mutex};
use std::thread;

type Job = Box<dyn FnOnce() + Send + 'static>;

struct Worker {
    id: usize,
    thread: Option<thread::JoinHandle<()>>,
}

struct ThreadPool {
    workers: Vec<Worker>,
    sender: Option<mpsc::Sender<Job>>,
}

impl ThreadPool {
    fn new(size: usize) -> ThreadPool {
        let (sender, receiver) = mpsc::channel::<Job>();
        let receiver = Arc::new(Mutex::new(receiver));
        let mut workers = Vec::with_capacity(size);
        for id in 0..size {
            let receiver = Arc::clone(&receiver);
            let thread = thread::spawn(move || loop {
                let message = receiver.lock().unwrap().recv();
                match message {
                    Ok(job) => job(),
                    Err(_) => {
                        println!("Worker {id} disconnected; shutting down.");
                        break;
                    }
                }
            });
            workers.push(Worker { id, thread: Some(thread) });
        }
        ThreadPool { workers, sender: Some(sender) }
    }

    fn execute<F: FnOnce() + Send + 'static>(&self, f: F) {
        self.sender.as_ref().unwrap().send(Box::new(f)).unwrap();
    }
}

impl Drop for ThreadPool {
    fn drop(&mut self) {
        drop(self.sender.take());
        for worker in &mut self.workers {
            println!("Shutting down worker {}", worker.id);
            if let Some(thread) = worker.thread.take() {
                thread.join().unwrap(); // joins
            }
        }
    }
}

fn main() {
    let pool = ThreadPool::new(2);
    for i in 0..3 {
        pool.execute(move || {
            thread::sleep(std::time::Duration::from_millis(100));
            println!("job {i} done");
        });
    }
    println!("Shutting down.");
}
"#;
    let said = run(src);
    assert!(said.iter().all(|s| s.1 != Line::Error), "{said:?}");
    let lines = printed(&said);
    let texts: Vec<&str> = lines.iter().map(|l| l.1).collect();
    // Each job runs once, every worker is told to stop and stops, and `main` waits for them
    // all in the pool's `Drop`: the run ends with the last worker's line, after the jobs.
    for want in ["Shutting down.", "job 0 done", "job 1 done", "job 2 done", "Shutting down worker 0", "Shutting down worker 1"] {
        assert_eq!(texts.iter().filter(|t| **t == want).count(), 1, "{want}: {texts:?}");
    }
    assert_eq!(texts.iter().filter(|t| t.ends_with("disconnected; shutting down.")).count(), 2, "{texts:?}");
    assert_eq!(texts[0], "Shutting down.", "{texts:?}");
    let pos = |t: &str| texts.iter().position(|x| *x == t).unwrap_or(usize::MAX);
    assert!(pos("Shutting down worker 0") < pos("Shutting down worker 1"), "{texts:?}");
    // Two workers, three 100 ms jobs: the third ends at 200 ms at the earliest.
    let job2 = lines.iter().map(|l| l.0).fold(0.0f64, f64::max);
    assert!(job2 >= 200.0, "{lines:?}");
}

#[test]
fn a_channel_of_a_million_values_stops_with_a_message() {
    let src = "use std::sync::mpsc::channel;\nfn main() {\n    let (tx, rx) = channel();\n    for i in 0..2_000_000u64 {\n        tx.send(i).unwrap();\n    }\n    drop(rx);\n}\n";
    let said = run(src);
    let e = said.iter().find(|s| s.1 == Line::Error).expect("an error");
    assert_eq!(e.3, "this channel holds 1000000 values that nobody received: that is the limit here");
    assert_eq!(e.2, 5);
}

#[test]
fn a_rendezvous_channel_hands_each_value_over_when_it_is_received() {
    let src = r#"
use std::sync::mpsc::sync_channel;
use std::thread;
use std::time::Duration;
fn main() {
    let (tx, rx) = sync_channel(0);
    let t = thread::spawn(move || {
        for i in 0..3 {
            tx.send(i).unwrap();
            println!("handed over {i}");
        }
    });
    for _ in 0..3 {
        thread::sleep(Duration::from_millis(100));
        println!("took {}", rx.recv().unwrap());
    }
    t.join().unwrap();
}
"#;
    let said = run(src);
    assert_eq!(
        printed(&said),
        [
            (100.0, "took 0"),
            (100.0, "handed over 0"),
            (200.0, "took 1"),
            (200.0, "handed over 1"),
            (300.0, "took 2"),
            (300.0, "handed over 2")
        ],
        "{said:?}"
    );
}

#[test]
fn locking_a_mutex_this_thread_holds_is_an_error_not_a_hang() {
    let src = "use std::sync::Mutex;\nfn main() {\n    let m = Mutex::new(1);\n    let _a = m.lock().unwrap();\n    let _b = m.lock().unwrap();\n}\n";
    let said = run(src);
    let e = said.iter().find(|s| s.1 == Line::Error).expect("an error");
    assert!(e.3.contains("locked already, by this same thread"), "{e:?}");
    assert_eq!(e.2, 5);
}

#[test]
fn a_panicking_thread_gives_join_an_err_and_the_page_goes_on() {
    let src = "use std::thread;\nfn main() {\n    let r = thread::spawn(|| {\n        let v: Vec<u32> = Vec::new();\n        v[3]\n    }).join();\n    println!(\"{}\", r.is_err());\n    println!(\"{:?}\", r);\n}\n";
    let said = run(src);
    let e = said.iter().find(|s| s.1 == Line::Error).expect("the thread's panic");
    assert_eq!(e.2, 5);
    assert_eq!(printed(&said), [(0.0, "true"), (0.0, "Err(Any { .. })")]);
}

fn preset_src(id: &str) -> String {
    waker_playground::play::PRESETS
        .iter()
        .find(|p| p.id == id)
        .and_then(|p| p.scenario().program)
        .unwrap_or_else(|| panic!("no program preset {id}"))
}

#[test]
fn futures_pieces_the_book_uses_run_on_a_thread() {
    let src = r#"
use futures::future::{FutureExt, LocalBoxFuture};
fn main() {
    let ready = async { 7 }.now_or_never();
    let pending = std::future::pending::<u32>().now_or_never();
    println!("{ready:?} {pending:?}");
    let boxed: LocalBoxFuture<'static, u32> = async { 40 }.boxed_local();
    let total = futures::executor::block_on(async move {
        let (a, b) = futures::join!(boxed, async { 2 });
        a + b
    });
    println!("{total}");
    println!("{:?}", std::thread::current().id() == std::thread::current().id());
}
"#;
    let said = run(src);
    assert_eq!(printed(&said), [(0.0, "Some(7) None"), (0.0, "42"), (0.0, "true")], "{said:?}");
}

#[test]
fn the_thread_presets_do_what_their_captions_say() {
    let said = run(&preset_src("book-executor"));
    assert_eq!(printed(&said), [(0.0, "howdy!"), (2000.0, "done!")]);
    let said = run(&preset_src("book-block-on"));
    assert_eq!(
        printed(&said),
        [
            (0.0, "block_on polls the timer on this thread, and parks it in between"),
            (1000.0, "1 s later: the timer thread woke us"),
            (1500.0, "done, 1.5 s after the start")
        ]
    );
    let said = run(&preset_src("book-wake"));
    assert_eq!(printed(&said), [(0.0, "howdy!"), (2000.0, "done!")]);
    assert!(said.iter().all(|s| s.1 == Line::Print), "{said:?}");

    let src = preset_src("book-lost-wakeup");
    let (said, run_, exec) = run_with(&src, None);
    assert_eq!(printed(&said), [(0.0, "howdy!")]);
    let e = said.iter().find(|s| s.1 == Line::Error).expect("a deadlock");
    assert_eq!((e.0, e.2), (2000.0, line_of(&src, "while let Ok(task) = self.ready_queue.recv()")));
    // The Task was woken at 2000 ms by the timer thread, and never polled after.
    let names = run_.names();
    let task = names.iter().find(|(_, n)| &***n == "Task").map(|(id, _)| *id).expect("the learner's task");
    let thread = names.iter().find(|(_, n)| &***n == "thread").map(|(id, _)| *id).expect("the thread");
    let events: Vec<waker_playground::core::Event> = exec.with_trace(|t| t.iter().collect());
    let woke = events.iter().position(|e| e.task == Some(task) && matches!(e.kind, EventKind::Woken { .. })).expect("woken");
    assert_eq!(events[woke].at, 2000.0);
    assert_eq!(events[woke].kind, EventKind::Woken { by: waker_playground::core::WakeSource::Other(Some(thread)) });
    let after: Vec<EventKind> = events[woke + 1..].iter().filter(|e| e.task == Some(task)).map(|e| e.kind).collect();
    assert!(!after.contains(&EventKind::PollStarted), "never polled again: {after:?}");

    let src = preset_src("book-full-channel");
    let said = run(&src);
    assert_eq!(printed(&said), [(0.0, "first task: spawning a second one")]);
    let e = said.iter().find(|s| s.1 == Line::Error).expect("the deadlock");
    assert!(e.3.starts_with("deadlock: `send` waits here for room in a full channel"), "{e:?}");
    assert_eq!(e.2, line_of(&src, "arc_self.task_sender.send(cloned)"));
    let with_try = src.replace(".send(", ".try_send(");
    let said = run(&with_try);
    let e = said.iter().find(|s| s.1 == Line::Error).expect("the panic");
    assert_eq!(e.3, "panicked: too many tasks queued: TrySendError::Full(..)");
    assert_eq!(e.2, line_of(&with_try, "arc_self.task_sender.try_send(cloned)"));
}

#[test]
fn the_learners_task_is_traced_as_a_task_spawned_polled_woken_by_the_timer_thread_and_completed() {
    let (_, run, exec) = run_with(BOOK_CHAPTER, None);
    let names = run.names();
    let id = |name: &str| names.iter().find(|(_, n)| &***n == name).map(|(id, _)| *id).unwrap_or_else(|| panic!("{name}"));
    let (task, thread) = (id("Task"), id("thread"));
    let of_task: Vec<(f64, EventKind)> = exec.with_trace(|t| {
        t.iter()
            .filter(|e| {
                e.task == Some(task) && !matches!(e.kind, EventKind::Source { .. } | EventKind::Note { .. } | EventKind::Parked { .. })
            })
            .map(|e| (e.at, e.kind))
            .collect()
    });
    use waker_playground::core::{Outcome, WakeSource};
    assert_eq!(
        of_task,
        [
            // `spawn` sends it on the executor's channel: first seen there, and queued.
            (0.0, EventKind::GuestSpawned),
            (0.0, EventKind::Enqueued),
            // `run`'s `recv()` takes it, and polls it.
            (0.0, EventKind::Dequeued),
            (0.0, EventKind::PollStarted),
            (0.0, EventKind::WakerCloned),
            (0.0, EventKind::Polled { outcome: Outcome::Pending, took_ms: 0.0 }),
            // The thread's wake runs their `wake_by_ref`, whose send queues it again; the wake
            // is recorded when their code returns.
            (2000.0, EventKind::Enqueued),
            (2000.0, EventKind::Woken { by: WakeSource::Other(Some(thread)) }),
            (2000.0, EventKind::Dequeued),
            (2000.0, EventKind::PollStarted),
            // The chapter's thread wakes by reference: the stored clone goes only when the
            // finished TimerFuture (and its shared state) is dropped, inside this poll.
            (2000.0, EventKind::WakerDropped),
            (2000.0, EventKind::Polled { outcome: Outcome::Ready, took_ms: 0.0 }),
            (2000.0, EventKind::Completed),
        ]
    );
    // Where it waits is its own too: the `.await` in its async block.
    let parked = exec.with_trace(|t| t.iter().filter(|e| e.task == Some(task) && matches!(e.kind, EventKind::Parked { .. })).count());
    assert_eq!(parked, 1);
    // Its prints are its own: "howdy!" and "done!" are notes of the Task.
    let prints = exec.with_trace(|t| t.iter().filter(|e| matches!(e.kind, EventKind::Note { .. })).map(|e| e.task).collect::<Vec<_>>());
    assert_eq!(prints, [Some(task), Some(task)]);
}

#[test]
fn a_learners_poll_that_blocks_the_thread_is_timed_and_warned_about_in_the_folded_metrics() {
    // Their executor polls a future that spins 300 ms inside its poll: the poll is timed on the
    // host's clock, and the fold the panels read warns that it never yielded.
    let src = BOOK_CHAPTER.replace("        println!(\"howdy!\");\n", "        println!(\"howdy!\");\n        spin(300);\n");
    assert_ne!(src, BOOK_CHAPTER);
    let (said, run, exec) = run_with(&src, None);
    assert_eq!(printed(&said), [(0.0, "howdy!"), (2300.0, "done!")], "{said:?}");
    let task = run.names().iter().find(|(_, n)| &***n == "Task").map(|(id, _)| *id).expect("the Task");
    let mut replay = waker_playground::core::Replay::new(64);
    exec.with_trace(|t| replay.extend(t));
    let never_yielded_ms = exec.config().never_yielded_ms;
    assert!(never_yielded_ms < 300.0);
    let m = replay.live().metrics(2300.0, never_yielded_ms).into_iter().find(|m| m.id == task).expect("the Task's metrics");
    assert_eq!(m.polls, 2);
    assert!(
        m.warnings.iter().any(|w| matches!(w, waker_playground::core::Warning::NeverYielded { poll_ms } if *poll_ms >= 300.0)),
        "{:?}",
        m.warnings
    );
}

#[test]
fn a_receivers_iterator_blocks_through_adapters_in_a_thread() {
    let src = r#"
use std::sync::mpsc::channel;
use std::thread;
use std::time::Duration;
fn main() {
    let (tx, rx) = channel();
    for i in 0..3u64 {
        let tx = tx.clone();
        thread::spawn(move || {
            thread::sleep(Duration::from_millis(100 * (i + 1)));
            tx.send(i).unwrap();
        });
    }
    drop(tx);
    for (n, v) in rx.iter().map(|v| v * 10).enumerate().take(2) {
        println!("{n}: {v}");
    }
    let rest: Vec<u64> = rx.try_iter().collect();
    println!("{rest:?}");
}
"#;
    let said = run(src);
    assert_eq!(printed(&said), [(100.0, "0: 0"), (200.0, "1: 10"), (200.0, "[]")], "{said:?}");
}

/// The learner's executor of the book, with a `wake_by_ref` that keeps its task (a cycle, so the
/// task and the sender it holds stay alive) but never sends it: a lost wakeup. `tasks` is the
/// body of a loop that makes each task's future (`future`) and sends it.
fn keeping_executor(tasks: &str) -> String {
    format!(
        r#"
use futures::future::{{BoxFuture, FutureExt}};
use futures::task::{{waker_ref, ArcWake}};
use std::sync::mpsc::{{sync_channel, Receiver, SyncSender}};
use std::sync::{{Arc, Mutex}};
use std::task::Context;

struct Task {{
    future: Mutex<Option<BoxFuture<'static, ()>>>,
    sender: SyncSender<Arc<Task>>,
    kept: Mutex<Vec<Arc<Task>>>,
}}

impl ArcWake for Task {{
    fn wake_by_ref(arc_self: &Arc<Self>) {{
        arc_self.kept.lock().unwrap().push(arc_self.clone());
    }}
}}

fn main() {{
    let (sender, queue): (SyncSender<Arc<Task>>, Receiver<Arc<Task>>) = sync_channel(10);
{tasks}
    drop(sender);
    while let Ok(task) = queue.recv() {{
        let mut slot = task.future.lock().unwrap();
        if let Some(mut future) = slot.take() {{
            let waker = waker_ref(&task);
            let cx = &mut Context::from_waker(&*waker);
            if future.as_mut().poll(cx).is_pending() {{
                *slot = Some(future);
            }}
        }}
    }}
}}
"#
    )
}

#[test]
fn a_lost_wakeup_from_an_engine_timer_is_still_found_as_a_deadlock() {
    // Their executor polls an async block that awaits the playground's own sleep(100): the timer
    // wakes their waker, whose wake_by_ref keeps the task but does not send it. Nothing of ours
    // is polled after that wake.
    let src = keeping_executor(
        r#"    let future = async {
        sleep(100).await;
        println!("never");
    }.boxed();
    let task = Arc::new(Task { future: Mutex::new(Some(future)), sender: sender.clone(), kept: Mutex::new(Vec::new()) });
    sender.send(task).unwrap();"#,
    );
    let src = src.as_str();
    let (said, _run, exec) = run_with(src, None);
    let e = said.iter().find(|s| s.1 == Line::Error).expect("a deadlock");
    assert_eq!(e.0, 100.0, "{said:?}");
    assert!(e.3.contains("`main` in `recv()`") && e.3.contains("Your `Task` was woken at 100 ms"), "{e:?}");
    // Their `ArcWake::wake_by_ref` is their waker: its statement lights when the timer's wake
    // runs it, at 100 ms.
    let lit: Vec<(f64, &str)> = exec.with_trace(|t| {
        t.iter()
            .filter_map(|e| match e.kind {
                EventKind::Source { why: waker_playground::core::SourceKind::Ran, start, end } => {
                    Some((e.at, &src[start as usize..end as usize]))
                }
                _ => None,
            })
            .collect()
    });
    let statement = "arc_self.kept.lock().unwrap().push(arc_self.clone())";
    assert!(lit.iter().any(|&(at, text)| at == 100.0 && text.starts_with(statement)), "{statement} not lit: {lit:?}");
}

#[test]
fn a_thread_stopped_because_main_returned_runs_none_of_its_drops() {
    let src = r#"
use std::thread;
use std::time::Duration;
struct Loud;
impl Drop for Loud {
    fn drop(&mut self) {
        println!("dropped");
    }
}
async fn later() {
    sleep(500).await;
    println!("the task goes on");
}
fn main() {
    spawn(later());
    thread::spawn(|| {
        let _l = Loud;
        thread::sleep(Duration::from_millis(100));
    });
    thread::sleep(Duration::from_millis(10));
}
"#;
    let said = run(src);
    assert_eq!(printed(&said), [(500.0, "the task goes on")], "{said:?}");
}

/// The fold the panels read, after each event of `exec`'s trace: `f(event, state)`.
fn fold_each(exec: &Executor<Recorder>, mut f: impl FnMut(&waker_playground::core::Event, &waker_playground::core::RunState)) {
    let mut state = waker_playground::core::RunState::new();
    exec.with_trace(|t| {
        for e in t.iter() {
            state.apply(&e, |id| t.name(id));
            f(&e, &state);
        }
    });
}

#[test]
fn the_ready_queue_is_the_learners_channel_holding_their_task_from_send_to_recv() {
    let (_, run, exec) = run_with(BOOK_CHAPTER, None);
    let task = run.names().iter().find(|(_, n)| &***n == "Task").map(|(id, _)| *id).expect("the Task");
    let never_yielded_ms = exec.config().never_yielded_ms;
    // Follow the channel by hand: in from `Enqueued`, out at `Dequeued`; the fold's ready queue
    // must hold the Task exactly while the channel does, and never warn on the way.
    let (mut in_channel, mut checked, mut queued_at_wake) = (0, 0, None);
    fold_each(&exec, |e, s| {
        if e.task == Some(task) {
            match e.kind {
                EventKind::Enqueued => in_channel += 1,
                EventKind::Dequeued => in_channel -= 1,
                EventKind::Woken { .. } => queued_at_wake = Some(s.ready.iter().copied().collect::<Vec<_>>()),
                _ => {}
            }
        }
        assert_eq!(s.ready.iter().filter(|&&t| t == task).count(), in_channel, "after {e}");
        if let Some(m) = s.metrics(e.at, never_yielded_ms).into_iter().find(|m| m.id == task) {
            assert!(m.warnings.is_empty(), "after {e}: {:?}", m.warnings);
        }
        checked += 1;
    });
    assert!(checked > 20, "{checked} events");
    // At the thread's wake, the Task waits in their channel (the ready queue), once, with the
    // `main` thread their send woke from its `recv()` (a thread of ours, queued on ours).
    let main = run.names().iter().find(|(_, n)| &***n == "main").map(|(id, _)| *id).expect("main");
    let mut queued = queued_at_wake.expect("woken");
    queued.sort();
    assert_eq!(queued, [task, main]);
}

#[test]
fn a_wake_that_sends_the_task_nowhere_is_warned_about_as_never_queued() {
    let (_, run, exec) = run_with(&preset_src("book-lost-wakeup"), None);
    let task = run.names().iter().find(|(_, n)| &***n == "Task").map(|(id, _)| *id).expect("the Task");
    let never_yielded_ms = exec.config().never_yielded_ms;
    let mut warned_at = None;
    fold_each(&exec, |e, s| {
        let m = s.metrics(e.at, never_yielded_ms).into_iter().find(|m| m.id == task);
        let warned = m.is_some_and(|m| m.warnings.contains(&waker_playground::core::Warning::NotQueued));
        if warned && warned_at.is_none() {
            // It starts with the wake, and the queue has no Task in it.
            assert!(matches!(e.kind, EventKind::Woken { .. }) && e.task == Some(task), "warned first after {e}");
            assert!(!s.ready.contains(&task));
            warned_at = Some(e.at);
        }
        if warned_at.is_some() {
            assert!(warned, "the warning cleared after {e}");
        }
    });
    assert_eq!(warned_at, Some(2000.0));
    // The book's own executor never warns so.
    let (_, _, exec) = run_with(BOOK_CHAPTER, None);
    fold_each(&exec, |e, s| {
        for m in s.metrics(e.at, never_yielded_ms) {
            assert!(!m.warnings.contains(&waker_playground::core::Warning::NotQueued), "{} after {e}", m.name);
        }
    });
}

#[test]
fn the_timeline_draws_the_learners_tasks_as_a_first_lane_group_above_our_threads() {
    let (_, run, exec) = run_with(include_str!("oracle/threads/wake_two_tasks.rs"), None);
    let names = run.names();
    let mut view = waker_playground::core::TraceView::new();
    exec.with_trace(|t| view.apply(&t.iter().collect::<Vec<_>>()));
    let lanes: Vec<(String, bool)> = view
        .lanes()
        .iter()
        .map(|l| (names.iter().find(|(id, _)| **id == l.task).map_or("?".into(), |(_, n)| n.to_string()), l.guest))
        .collect();
    // Their two tasks first; then our lanes:
    // the two timer threads, and `main` (a task of ours from when it first blocks).
    assert_eq!(view.guest_lanes(), 2, "{lanes:?}");
    let want = [("Task", true), ("Task#2", true), ("thread", false), ("thread#2", false), ("main", false)];
    assert_eq!(lanes, want.map(|(n, g)| (n.to_string(), g)));
    // Every lane is found where it is.
    for (i, l) in view.lanes().iter().enumerate() {
        assert_eq!(view.lane_index(l.task), Some(i));
    }
}

#[test]
fn the_learners_queue_events_survive_export_and_go_on_their_own_perfetto_track() {
    let (_, _, exec) = run_with(BOOK_CHAPTER, None);
    let text = exec.with_trace(waker_playground::core::export_trace);
    let back = waker_playground::core::import_trace(&text).expect("reads back");
    let kinds = |t: &waker_playground::core::Trace| t.iter().map(|e| (e.at, e.task, e.kind)).collect::<Vec<_>>();
    let (ours, theirs) = (exec.with_trace(kinds), kinds(&back));
    assert_eq!(ours, theirs);
    for k in [EventKind::GuestSpawned, EventKind::Enqueued, EventKind::Dequeued] {
        assert!(theirs.iter().any(|e| e.2 == k), "{k:?}");
    }
    let perfetto = exec.with_trace(waker_playground::core::perfetto_trace);
    assert!(perfetto.contains(r#""args":{"name":"your executor"}"#));
    assert!(perfetto.contains(r#""name":"poll Task","cat":"poll","pid":1,"tid":3"#), "the Task's polls are on track 3");
    assert!(perfetto.contains(r#""name":"Task sent to its queue","cat":"queue""#));
    assert!(perfetto.contains(r#""name":"poll main","cat":"poll","pid":1,"tid":1"#));
}

#[test]
fn a_raw_waker_block_on_parks_its_thread_until_the_timer_thread_wakes_it_and_frees_every_count() {
    let src = include_str!("oracle/threads/raw_waker_block_on.rs");
    let (said, run, exec) = run_with(src, None);
    assert_eq!(printed(&said), [(0.0, "start"), (500.0, "counts after the waker is gone: 1"), (500.0, "500 ms later")], "{said:?}");
    // The waker's data is an `Arc<Signal>`: their block_on's polls are polls of a task of theirs,
    // woken by the timer thread through their vtable's `wake`.
    let names = run.names();
    let id = |name: &str| names.iter().find(|(_, n)| &***n == name).map(|(id, _)| *id).unwrap_or_else(|| panic!("{name}"));
    let (signal, thread) = (id("Signal"), id("thread"));
    let of_signal: Vec<(f64, EventKind)> = exec.with_trace(|t| {
        t.iter()
            .filter(|e| e.task == Some(signal) && !matches!(e.kind, EventKind::Source { .. } | EventKind::Parked { .. }))
            .map(|e| (e.at, e.kind))
            .collect()
    });
    use waker_playground::core::{Outcome, WakeSource};
    assert_eq!(
        of_signal,
        [
            (0.0, EventKind::GuestSpawned),
            (0.0, EventKind::PollStarted),
            // The TimerFuture stores `cx.waker().clone()`: their vtable's `clone`.
            (0.0, EventKind::WakerCloned),
            (0.0, EventKind::Polled { outcome: Outcome::Pending, took_ms: 0.0 }),
            // The thread's `waker.wake()` runs their `wake`, which consumes the clone.
            (500.0, EventKind::Woken { by: WakeSource::Other(Some(thread)) }),
            (500.0, EventKind::WakerDropped),
            (500.0, EventKind::PollStarted),
            (500.0, EventKind::Polled { outcome: Outcome::Ready, took_ms: 0.0 }),
            (500.0, EventKind::Completed),
        ]
    );
}

#[test]
fn raw_pointer_mistakes_stop_the_task_at_their_line_and_say_what_rust_would_call_them() {
    let prelude = "use std::sync::Arc;\nuse std::task::{RawWaker, RawWakerVTable, Waker};\nstruct S;\nfn noop(_: *const ()) {}\nfn clone(p: *const ()) -> RawWaker { panic!() }\n";
    let cases: [(&str, &str, &str); 7] = [
        (
            "fn main() {\n    let p = Arc::into_raw(Arc::new(S));\n    let a = unsafe { Arc::from_raw(p) };\n    let b = unsafe { Arc::from_raw(p) };\n    println!(\"not reached\");\n}\n",
            "let b = unsafe",
            "`Arc::from_raw`: no raw pointer owns a count of this `Arc` any more",
        ),
        (
            "fn main() {\n    let p = Arc::into_raw(Arc::new(S));\n    unsafe { drop(Arc::from_raw(p)) };\n    unsafe { Arc::increment_strong_count(p) };\n}\n",
            "increment_strong_count(p)",
            "`Arc::increment_strong_count` of a dangling pointer",
        ),
        (
            "fn main() {\n    let p: *const S = std::ptr::null();\n    let a = unsafe { Arc::from_raw(p) };\n}\n",
            "from_raw(p)",
            "`Arc::from_raw` of a null pointer",
        ),
        (
            "fn main() {\n    let v = RawWakerVTable::new(|_| RawWaker::new(std::ptr::null(), todo()), noop, noop, noop);\n}\nfn todo() -> &'static RawWakerVTable { panic!() }\n",
            "RawWakerVTable::new(",
            "`RawWakerVTable::new` takes four functions of yours",
        ),
        (
            "fn main() {\n    let n = 5usize;\n    let p = n as *const u32;\n    let v = unsafe { *p };\n}\n",
            "unsafe { *p }",
            "a dereference of a pointer made from an integer (0x5): nothing is at that address here",
        ),
        (
            "fn main() {\n    let p = \"s\" as *const u32;\n}\n",
            "as *const u32",
            "only a raw pointer casts to a raw pointer here",
        ),
        (
            "fn main() {\n    let p: *const u32 = std::ptr::null();\n    let n = unsafe { *p };\n}\n",
            "unsafe { *p }",
            "panicked: null pointer dereference",
        ),
    ];
    for (body, line, message) in cases {
        let src = format!("{prelude}{body}");
        let said = run(&src);
        let e = said.iter().find(|s| s.1 == Line::Error).unwrap_or_else(|| panic!("no error for:\n{src}\n{said:?}"));
        assert_eq!(e.2, line_of(&src, line), "{src}\n{e:?}");
        assert!(e.3.contains(message), "{src}\n{e:?}");
        assert!(printed(&said).is_empty(), "{said:?}");
    }
}

#[test]
fn a_learners_poll_that_stores_no_waker_is_warned_about_as_a_lost_waker_on_their_task() {
    // The chapter's poll without its `waker = Some(cx.waker().clone())`: their Task returns
    // Pending holding no waker, so nothing can ever wake it.
    let src = BOOK_CHAPTER.replace("shared_state.waker = Some(cx.waker().clone());", "");
    assert_ne!(src, BOOK_CHAPTER);
    let (said, run, exec) = run_with(&src, None);
    assert_eq!(printed(&said), [(0.0, "howdy!")]);
    let task = run.names().iter().find(|(_, n)| &***n == "Task").map(|(id, _)| *id).expect("the Task");
    let never_yielded_ms = exec.config().never_yielded_ms;
    let mut first = None;
    fold_each(&exec, |e, s| {
        let lost = s
            .metrics(e.at, never_yielded_ms)
            .into_iter()
            .any(|m| m.id == task && m.warnings.contains(&waker_playground::core::Warning::LostWaker));
        if lost && first.is_none() {
            first = Some((e.at, e.kind));
        }
    });
    // From the end of its first poll, at the start.
    assert_eq!(first, Some((0.0, EventKind::Polled { outcome: waker_playground::core::Outcome::Pending, took_ms: 0.0 })));
}

#[test]
fn each_task_left_woken_is_named_once_in_the_deadlock_message() {
    // Two of their tasks, each woken twice (a join of two timers) by a `wake_by_ref` that keeps
    // the task but never sends it: the message names each once, at its first wake.
    let src = keeping_executor(
        r#"    for ms in [100u64, 150] {
        let future = async move {
            join!(sleep(ms), sleep(ms + 20));
        }.boxed();
        let task = Arc::new(Task { future: Mutex::new(Some(future)), sender: sender.clone(), kept: Mutex::new(Vec::new()) });
        sender.send(task).unwrap();
    }"#,
    );
    let src = src.as_str();
    let said = run(src);
    let e = said.iter().find(|s| s.1 == Line::Error).expect("a deadlock");
    assert_eq!(e.0, 170.0, "{said:?}");
    assert_eq!(e.3.matches("was woken at").count(), 2, "{e:?}");
    assert!(e.3.contains("was woken at 100 ms") && e.3.contains("was woken at 150 ms"), "{e:?}");
}

/// `main` that panics (or fails) while a thread runs: the note says how `main` ended, after the
/// panic's line, and the thread is aborted (its lane and row), not done.
#[test]
fn main_that_panics_ends_the_program_and_the_note_says_it_panicked() {
    let src = r#"
use std::thread;
use std::time::Duration;
fn main() {
    thread::spawn(|| {
        thread::sleep(Duration::from_millis(100));
        println!("never");
    });
    let v: Vec<u32> = Vec::new();
    println!("{}", v[0]);
}
"#;
    let (said, _run, exec) = run_with(src, None);
    let texts: Vec<&str> = said.iter().map(|s| s.3.as_str()).collect();
    let panic_at = texts.iter().position(|t| t.contains("index out of bounds")).expect("the panic");
    let note_at = texts.iter().position(|t| t.starts_with("`main` panicked, so the program ends: 1 thread was")).expect("the note");
    assert!(panic_at < note_at, "{texts:?}");
    assert!(!texts.iter().any(|t| t.contains("returned") || *t == "never"), "{texts:?}");
    let ends: Vec<EventKind> =
        exec.with_trace(|t| t.iter().map(|e| e.kind).filter(|k| matches!(k, EventKind::Completed | EventKind::Aborted)).collect());
    assert!(ends.contains(&EventKind::Aborted), "the thread is aborted: {ends:?}");
}

/// `thread::scope`: its closure runs as the thread's own code (a scoped handle joined in it
/// waits), the scope ends when its last thread has (virtual time), its value is the closure's,
/// and a scoped thread that panicked and was not joined makes the scope panic at its line, as
/// std's does; one joined by hand does not.
#[test]
fn thread_scope_waits_for_its_threads_and_panics_for_a_panicked_one_not_joined() {
    let src = r#"use std::thread;
use std::time::Duration;
fn main() {
    let mut hits = 0;
    let got = thread::scope(|s| {
        s.spawn(|| {
            thread::sleep(Duration::from_millis(30));
            hits += 1;
        });
        let h = s.spawn(|| { thread::sleep(Duration::from_millis(10)); 7 });
        h.join().unwrap() * 6
    });
    println!("got {got}, hits {hits}");
    thread::scope(|s| {
        let h = s.spawn(|| { panic!("joined by hand"); });
        println!("is_err {}", h.join().is_err());
    });
    println!("first scopes done");
    thread::scope(|s| {
        s.spawn(|| { thread::sleep(Duration::from_millis(5)); panic!("left to the scope"); });
    });
    println!("never");
}
"#;
    let said = run(src);
    assert_eq!(printed(&said), [(30.0, "got 42, hits 1"), (30.0, "is_err true"), (30.0, "first scopes done")], "{said:?}");
    let errors: Vec<_> = said.iter().filter(|s| s.1 == Line::Error).map(|s| (s.0, s.2, s.3.as_str())).collect();
    // The scope's panic is at its own line, the one before its thread's.
    let last_scope = line_of(src, "left to the scope") - 1;
    assert_eq!(
        errors,
        [
            (30.0, line_of(src, "joined by hand"), "panicked: joined by hand"),
            (35.0, line_of(src, "left to the scope"), "panicked: left to the scope"),
            (35.0, last_scope, "panicked: a scoped thread panicked"),
        ],
        "{said:?}"
    );
}

/// `handles.into_iter().map(|h| h.join().unwrap()).collect()`: the closure that joins runs
/// inside the consumer, where a thread cannot wait here, so the consumer waits for the threads
/// first; the values come in the handles' order, whichever thread finished first.
#[test]
fn joins_inside_a_consumers_closure_wait_for_the_threads() {
    let src = r#"use std::thread;
use std::time::Duration;
fn main() {
    let hs: Vec<thread::JoinHandle<u64>> = (1..=3u64)
        .map(|i| thread::spawn(move || { thread::sleep(Duration::from_millis(40 - 10 * i)); i * 10 }))
        .collect();
    let all: Vec<u64> = hs.into_iter().map(|h| h.join().unwrap()).collect();
    println!("{all:?}");
    let hs: Vec<_> = (0..2).map(|i| thread::spawn(move || i + 1)).collect();
    let sum: i32 = hs.into_iter().map(|h| h.join().unwrap()).sum();
    println!("{sum}");
}
"#;
    let said = run(src);
    assert_eq!(printed(&said), [(30.0, "[10, 20, 30]"), (30.0, "3")], "{said:?}");
}

/// `thread_local!`: each thread has its own value, made at its first use there, and the keys'
/// methods (`with`, `with_borrow_mut`, `Cell`'s `get`/`set`) reach it; a value is not made in a
/// thread that never uses it; a malformed one says what it takes.
#[test]
fn thread_locals_are_one_value_for_each_thread() {
    let src = r#"use std::cell::{Cell, RefCell};
use std::thread;
thread_local! {
    static MADE: Cell<u32> = { println!("made"); Cell::new(10) };
    static SEEN: RefCell<Vec<u32>> = RefCell::new(Vec::new());
}
fn main() {
    MADE.set(MADE.get() + 1);
    let hs: Vec<_> = (0..2)
        .map(|i| thread::spawn(move || {
            MADE.with(|m| m.set(m.get() + i));
            SEEN.with_borrow_mut(|s| s.push(MADE.get()));
            SEEN.with(|s| s.borrow().clone())
        }))
        .collect();
    for h in hs {
        println!("{:?}", h.join().unwrap());
    }
    thread::spawn(|| println!("no use here")).join().unwrap();
    println!("main {}", MADE.get());
}
"#;
    let said = run(src);
    let texts: Vec<&str> = printed(&said).into_iter().map(|(_, t)| t).collect();
    assert_eq!(texts, ["made", "made", "made", "[10]", "[11]", "no use here", "main 11"], "{said:?}");
    let bad = "thread_local!(const X: u8 = 1);\nfn main() {}\n";
    let e = parse(bad).map(|_| ()).expect_err("refused").render(bad);
    assert_eq!(e, "1:15: expected `static` in `thread_local!`, found `const`");
}

/// Joins in the closures of consumers that may stop early (`all`, `any`, `position`, …) wait
/// for the threads first, as `collect` does; and a thread's `thread_local!` values are dropped
/// when it ends, before its `join` returns.
#[test]
fn joins_in_early_stopping_consumers_and_thread_locals_dropped_at_thread_exit() {
    let src = r#"use std::cell::RefCell;
use std::thread;
use std::time::Duration;
struct Noisy(u32);
impl Drop for Noisy {
    fn drop(&mut self) {
        println!("drop noisy {}", self.0);
    }
}
thread_local! {
    static N: RefCell<Option<Noisy>> = RefCell::new(None);
}
fn main() {
    let hs: Vec<_> = (1..=3u64).map(|i| thread::spawn(move || { thread::sleep(Duration::from_millis(10 * i)); i })).collect();
    let all_small = hs.into_iter().all(|h| h.join().unwrap() < 5);
    println!("all small: {all_small}");
    let h = thread::spawn(|| {
        N.with(|n| *n.borrow_mut() = Some(Noisy(1)));
        println!("child end");
    });
    h.join().unwrap();
    println!("after join");
}
"#;
    let said = run(src);
    assert_eq!(printed(&said), [(30.0, "all small: true"), (30.0, "child end"), (30.0, "drop noisy 1"), (30.0, "after join")], "{said:?}");
}

/// A `move` closure copies a reference it captures (`&T` is `Copy`): the variable stays usable,
/// in plain code and through `thread::scope`, whose `|s|` is a `&Scope` a nested `move` spawn
/// copies too.
#[test]
fn move_closures_copy_the_references_they_capture() {
    let src = r#"use std::thread;
fn main() {
    let v = vec![1, 2];
    let rs = &v;
    let c = move || rs.len();
    println!("{} {}", rs.len(), c());
    let data = vec![10, 20, 30];
    let d = &data;
    thread::scope(|s| {
        for i in 0..3 {
            s.spawn(move || println!("item {}", d[i]));
        }
        s.spawn(move || {
            s.spawn(move || println!("nested"));
        });
    });
    println!("done {:?}", data);
}
"#;
    let said = run(src);
    let texts: Vec<&str> = printed(&said).into_iter().map(|(_, t)| t).collect();
    assert_eq!(texts, ["2 2", "item 10", "item 20", "item 30", "nested", "done [10, 20, 30]"], "{said:?}");
}

/// A `Barrier` of three that only two threads reach never opens: a deadlock, with each thread's
/// `wait` named. A `wait_timeout` nobody notifies ends when its time is up, on the run's clock,
/// no earlier; `wait_while` asks its condition with the lock held before it waits.
#[test]
fn a_barrier_short_of_threads_deadlocks_and_a_condvar_wait_times_out_on_time() {
    let src = r#"
use std::sync::{Arc, Barrier};
use std::thread;
fn main() {
    let b = Arc::new(Barrier::new(3));
    let b2 = Arc::clone(&b);
    let t = thread::spawn(move || {
        b2.wait(); // the thread's
        println!("never");
    });
    b.wait(); // main's
    t.join().unwrap();
}
"#;
    assert_deadlock(
        src,
        &[("thread", "Barrier::wait", "b2.wait(); // the thread's"), ("main", "Barrier::wait", "b.wait(); // main's")],
        0.0,
    );
    let src = r#"
use std::sync::{Condvar, Mutex};
use std::time::Duration;
fn main() {
    let (m, c) = (Mutex::new(5), Condvar::new());
    let g = c.wait_while(m.lock().unwrap(), |n| { println!("asked with {n}"); *n > 9 }).unwrap();
    println!("held {}", *g);
    let (g, r) = c.wait_timeout(g, Duration::from_millis(250)).unwrap();
    println!("{} {}", *g, r.timed_out());
}
"#;
    let said = run(src);
    assert_eq!(printed(&said), [(0.0, "asked with 5"), (0.0, "held 5"), (250.0, "5 true")], "{said:?}");
}

/// `thread::park_timeout` returns when the time is up if nothing unparks the thread, and as
/// soon as something does otherwise (an unpark before it parks leaves the token, so it does
/// not wait at all): never earlier than either.
#[test]
fn park_timeout_returns_at_its_deadline_or_at_the_unpark_whichever_comes_first() {
    let src = r#"
use std::thread;
use std::time::Duration;
fn main() {
    thread::park_timeout(Duration::from_millis(50));
    println!("timed out");
    let main = thread::current();
    let t = thread::spawn(move || {
        thread::sleep(Duration::from_millis(20));
        main.unpark();
    });
    thread::park_timeout(Duration::from_millis(1000));
    println!("unparked");
    t.join().unwrap();
    thread::current().unpark();
    thread::park_timeout(Duration::from_millis(300));
    println!("had a token");
}
"#;
    let said = run(src);
    assert_eq!(printed(&said), [(50.0, "timed out"), (70.0, "unparked"), (70.0, "had a token")], "{said:?}");
}

#[test]
fn a_consumer_of_a_map_whose_closure_blocks_reads_each_item_when_the_thread_would() {
    // Three senders, 100 ms apart: `collect` has every value no earlier than 300 ms, in the
    // order they were sent; `sum` over a `map` that joins a sleeping thread waits for it.
    let src = "use std::sync::mpsc::channel;\nuse std::thread;\nuse std::time::Duration;\nfn main() {\n    let (tx, rx) = channel();\n    for i in 1..=3u64 {\n        let tx = tx.clone();\n        thread::spawn(move || {\n            thread::sleep(Duration::from_millis(100 * (4 - i)));\n            tx.send(i * 10).unwrap();\n        });\n    }\n    let got: Vec<u64> = (0..3).map(|_| rx.recv().unwrap()).collect(); // recv\n    println!(\"{got:?}\");\n    let total: u64 = (1..=2u64).map(|i| thread::spawn(move || { thread::sleep(Duration::from_millis(50)); i }).join().unwrap()).sum();\n    println!(\"{total}\");\n}\n";
    let said = run(src);
    assert!(said.iter().all(|s| s.1 != Line::Error), "{said:?}");
    assert_eq!(printed(&said), [(300.0, "[30, 20, 10]"), (400.0, "3")], "{said:?}");
}

#[test]
fn collect_of_a_programs_own_iterator_whose_next_waits_on_a_condvar() {
    // A channel written with a `Mutex` and a `Condvar` (Crust of Rust's), read by `collect()`:
    // `next` waits until a value comes or the last sender goes, as a thread's own code.
    let src = "use std::collections::VecDeque;\nuse std::sync::{Arc, Condvar, Mutex};\nuse std::thread;\nuse std::time::Duration;\nstruct Inner { queue: VecDeque<u32>, senders: usize }\nstruct Shared { inner: Mutex<Inner>, ready: Condvar }\nstruct Sender { shared: Arc<Shared> }\nstruct Receiver { shared: Arc<Shared> }\nimpl Sender {\n    fn send(&self, v: u32) {\n        self.shared.inner.lock().unwrap().queue.push_back(v);\n        self.shared.ready.notify_one();\n    }\n}\nimpl Drop for Sender {\n    fn drop(&mut self) {\n        self.shared.inner.lock().unwrap().senders -= 1;\n        self.shared.ready.notify_one();\n    }\n}\nimpl Iterator for Receiver {\n    type Item = u32;\n    fn next(&mut self) -> Option<u32> {\n        let mut inner = self.shared.inner.lock().unwrap();\n        loop {\n            if let Some(v) = inner.queue.pop_front() {\n                return Some(v);\n            }\n            if inner.senders == 0 {\n                return None;\n            }\n            inner = self.shared.ready.wait(inner).unwrap(); // waits\n        }\n    }\n}\nfn main() {\n    let shared = Arc::new(Shared { inner: Mutex::new(Inner { queue: VecDeque::new(), senders: 1 }), ready: Condvar::new() });\n    let tx = Sender { shared: shared.clone() };\n    let rx = Receiver { shared };\n    thread::spawn(move || {\n        for i in 0..4 {\n            thread::sleep(Duration::from_millis(100));\n            tx.send(i);\n        }\n    });\n    let all: Vec<u32> = rx.collect();\n    println!(\"{all:?}\");\n}\n";
    let said = run(src);
    assert!(said.iter().all(|s| s.1 != Line::Error), "{said:?}");
    assert_eq!(printed(&said), [(400.0, "[0, 1, 2, 3]")], "{said:?}");
}

#[test]
fn consumers_nested_in_a_blocking_map_and_what_still_cannot_block() {
    // A `collect` inside the closure of a `collect`, both blocking: rows of two.
    let src = "use std::sync::mpsc::channel;\nuse std::thread;\nuse std::time::Duration;\nfn main() {\n    let (tx, rx) = channel();\n    thread::spawn(move || {\n        for i in 0..4 {\n            thread::sleep(Duration::from_millis(10));\n            tx.send(i).unwrap();\n        }\n    });\n    let rows: Vec<Vec<i32>> = (0..2).map(|_| (0..2).map(|_| rx.recv().unwrap()).collect()).collect();\n    println!(\"{rows:?}\");\n}\n";
    let said = run(src);
    assert!(said.iter().all(|s| s.1 != Line::Error), "{said:?}");
    assert_eq!(printed(&said), [(40.0, "[[0, 1], [2, 3]]")], "{said:?}");
    // A `recv` in a drained `map` with nobody left to send is a deadlock at its line.
    let stuck = "use std::sync::mpsc::channel;\nfn main() {\n    let (tx, rx) = channel();\n    tx.send(1).unwrap();\n    let n: i32 = (0..2).map(|_| rx.recv().unwrap()).sum(); // blocks\n    println!(\"{n} {tx:?}\");\n}\n";
    assert_deadlock(stuck, &[("main", "recv", "// blocks")], 0.0);
    // The sender gone after one value: the second `unwrap()` panics at its line, as Rust's.
    let gone = "use std::sync::mpsc::channel;\nuse std::thread;\nfn main() {\n    let (tx, rx) = channel();\n    thread::spawn(move || tx.send(5).unwrap());\n    let v: Vec<i32> = (0..2).map(|_| rx.recv().unwrap()).collect(); // unwrap\n    println!(\"{v:?}\");\n}\n";
    let said = run(gone);
    let e = said.iter().find(|s| s.1 == Line::Error).expect("a panic");
    assert!(e.3.contains("called `Result::unwrap()` on an `Err` value: RecvError"), "{e:?}");
    assert_eq!(e.2, line_of(gone, "// unwrap"));
    assert!(printed(&said).is_empty(), "{said:?}");
    // `for_each`'s closure runs as the consumer reads: it is not read ahead, and cannot block.
    let each = "use std::sync::mpsc::channel;\nuse std::thread;\nfn main() {\n    let (tx, rx) = channel();\n    thread::spawn(move || tx.send(5).unwrap());\n    (0..1).for_each(|_| println!(\"{}\", rx.recv().unwrap()));\n}\n";
    let said = run(each);
    let e = said.iter().find(|s| s.1 == Line::Error).expect("an error");
    assert!(e.3.starts_with("`recv` would block here, but this code is not a thread's own"), "{e:?}");
}

#[test]
fn yield_now_and_spin_loop_end_the_threads_turn_and_do_nothing_outside_a_thread() {
    // Without the yields, `main` would print its three lines in one turn.
    let src = "use std::thread;\nfn main() {\n    let t = thread::spawn(|| {\n        for i in 0..3 {\n            println!(\"t{i}\");\n            std::hint::spin_loop();\n        }\n    });\n    for i in 0..3 {\n        println!(\"m{i}\");\n        thread::yield_now();\n    }\n    t.join().unwrap();\n}\n";
    let said = run(src);
    assert!(said.iter().all(|s| s.1 != Line::Error), "{said:?}");
    let lines: Vec<&str> = printed(&said).into_iter().map(|p| p.1).collect();
    assert_eq!(lines, ["m0", "t0", "m1", "t1", "m2", "t2"], "{said:?}");
    // In a closure a built-in calls, and in async code, it is a no-op.
    let src = "async fn main() {\n    (0..2).for_each(|i| { std::thread::yield_now(); println!(\"{i}\"); });\n    std::thread::yield_now();\n    println!(\"done\");\n}\n";
    let said = run(src);
    assert!(said.iter().all(|s| s.1 != Line::Error), "{said:?}");
    assert_eq!(printed(&said).into_iter().map(|p| p.1).collect::<Vec<_>>(), ["0", "1", "done"]);
}
