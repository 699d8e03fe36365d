//! The texts of the presets written as programs (`presets.rs` lists the presets).

const LAZY: &str = r#"async fn main() {
    let greeting = hello();     // a future, made and never polled: it prints nothing
    let nap = sleep(1000);      // its timer is armed now, and cancelled when `nap` is dropped
    sleep(300).await;
    println!("main is done, and hello() never ran");
}                               // `greeting` and `nap` are dropped here

async fn hello() {
    println!("hello!");
}
"#;

const LOST_IN_JOIN: &str = r#"async fn main() {
    join!(broken(), ticker());
    println!("never printed: the join waits for broken() forever");
}

async fn broken() {
    lost_waker().await;         // Pending, and the waker is not kept
}

async fn ticker() {
    for i in 0..5 {
        sleep(200).await;       // each wake polls the whole join, broken() too
        println!("tick {i}");
    }
}
"#;

const STALE_WAKER: &str = r#"async fn main() {
    let s = stale_waker();      // keeps the waker of its first poll only
    select! {
        _ = s => println!("not yet"),
        _ = sleep(10) => println!("main polled s once, and moves on"),
    }
    let h = spawn(s);           // s now belongs to another task...
    h.await;                    // ...but its timer will wake main, not that task
    println!("never printed");
}
"#;

const BLOCKING: &str = r#"async fn main() {
    let h = spawn(punctual());
    sleep(100).await;
    println!("main blocks the thread for 400 ms");
    spin(400);                  // a poll that never yields: nothing else runs
    println!("main lets go");
    h.await;
}

async fn punctual() {
    sleep(200).await;           // due at 200 ms; its callback cannot run until 500 ms
    println!("punctual woke up, late");
}
"#;

const SELECT_LOOP: &str = r#"async fn main() {
    let a = spawn(recreated());
    let b = spawn(created_once());
    a.await;
    b.await;
}

// Bug: a new sleep(500) on every turn. A tick wins every 200 ms,
// so the timeout starts over each time and can never fire.
async fn recreated() {
    let mut ticks = 0;
    loop {
        select! {
            _ = sleep(500) => { println!("recreated: timeout"); break; },
            _ = sleep(200) => { ticks += 1; },
        }
        if ticks == 10 {
            println!("recreated: 10 ticks, and the 500 ms timeout never fired");
            break;
        }
    }
}

// Fixed: the timeout is made once, before the loop, and raced in place on every turn.
async fn created_once() {
    let timeout = sleep(500);
    let mut ticks = 0;
    loop {
        select! {
            _ = timeout => { println!("created once: timeout after {ticks} ticks"); break; },
            _ = sleep(200) => { ticks += 1; },
        }
    }
}
"#;

const OWN_TIMER: &str = include_str!("programs/own_timer.rs");

const OWN_STALE_WAKER: &str = include_str!("programs/own_stale_waker.rs");

const OWN_LOST_WAKER: &str = include_str!("programs/own_lost_waker.rs");

const COUNTDOWN: &str = include_str!("programs/countdown.rs");

const OWN_JOIN: &str = include_str!("programs/own_join.rs");

const OWN_TIMEOUT: &str = include_str!("programs/own_timeout.rs");
const BOOK_EXECUTOR: &str = include_str!("programs/threads/book_executor.rs");
const BOOK_BLOCK_ON: &str = include_str!("programs/threads/block_on.rs");
const BOOK_WAKE: &str = include_str!("programs/threads/wake_executor.rs");
const BOOK_LOST_WAKEUP: &str = include_str!("programs/threads/bug_lost_wakeup.rs");
const BOOK_FULL_CHANNEL: &str = include_str!("programs/threads/bug_full_channel.rs");

/// The text of a preset written as a program, by its id (empty for any other id).
///
/// Out of line, and out of `presets.rs`, whose functions all stay in the page's first wasm
/// module (they read the page's link; see `tools/lazy-split`): only a program's run or its
/// editor calls this, after the language's module is there, so it goes to that module. The
/// texts it names (25 KB) go with it when the split can tell that no read of the first module
/// runs on into them (in the build of 2026-12-07 one could: a string of unknown length lies
/// just before them; the README's "Loading in two parts" says more).
#[inline(never)]
pub fn program_text(id: &str) -> &'static str {
    match id {
        "lazy" => LAZY,
        "lost-in-join" => LOST_IN_JOIN,
        "stale-waker" => STALE_WAKER,
        "blocking-async" => BLOCKING,
        "select-loop" => SELECT_LOOP,
        "own-timer" => OWN_TIMER,
        "own-stale-waker" => OWN_STALE_WAKER,
        "own-lost-waker" => OWN_LOST_WAKER,
        "countdown" => COUNTDOWN,
        "own-join" => OWN_JOIN,
        "own-timeout" => OWN_TIMEOUT,
        "book-executor" => BOOK_EXECUTOR,
        "book-block-on" => BOOK_BLOCK_ON,
        "book-wake" => BOOK_WAKE,
        "book-lost-wakeup" => BOOK_LOST_WAKEUP,
        "book-full-channel" => BOOK_FULL_CHANNEL,
        _ => "",
    }
}
