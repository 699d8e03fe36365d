// gloo's Interval calls back every period until it is dropped (which cancels it).
use gloo_timers::callback::Interval;
use std::cell::Cell;
use std::rc::Rc;

async fn main() {
    let ticks = Rc::new(Cell::new(0));
    let t = ticks.clone();
    let interval = Interval::new(100, move || {
        t.set(t.get() + 1);
        println!("tick {}", t.get());
    });
    sleep(350).await;
    drop(interval);
    println!("dropped after {} ticks", ticks.get());
    sleep(300).await;
    println!("still {} ticks", ticks.get());
}
