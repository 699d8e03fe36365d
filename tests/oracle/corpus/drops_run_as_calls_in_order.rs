// Drop order where drops set off drops: a value's `drop` lets go of others (they run inside it,
// before the values that waited), locals at a function's end (latest first, before the caller
// goes on), a loop body's scope, `drop()` by hand, and a `drop` that returns early.
struct Noisy(&'static str, Vec<Noisy>);
impl Drop for Noisy {
    fn drop(&mut self) {
        println!("drop {} (holds {})", self.0, self.1.len());
        if self.0 == "early" || self.0 == "made in drop" {
            return;
        }
        let inner = Noisy("made in drop", Vec::new());
        let _ = &inner;
    }
}

fn make() -> Noisy {
    let _a = Noisy("local a", Vec::new());
    let _b = Noisy("local b", vec![Noisy("b's child", Vec::new())]);
    Noisy("returned", Vec::new())
}

fn main() {
    let kept = make();
    println!("made {}", kept.0);
    for i in 0..2 {
        let _n = Noisy(if i == 0 { "loop 0" } else { "loop 1" }, Vec::new());
        println!("body {}", i);
    }
    let parent = Noisy("parent", vec![Noisy("child 1", Vec::new()), Noisy("child 2", Vec::new())]);
    drop(parent);
    let _e = Noisy("early", Vec::new());
    let _last = Noisy("last", Vec::new());
    println!("end of main");
}
