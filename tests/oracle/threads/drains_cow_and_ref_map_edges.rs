// Edges of the session's additions: a long `map(..).sum()` in a program that spawns (read
// ahead, it is not stopped by the values' bound), `?` returning early from a drained
// closure, `*cow` matched against a literal and a `Cow` key looked up by `&str`, `*m = …` of a
// `RefMut::map` to a `Vec`, and a type whose own `count` beside a `next` is called, not drained.
use std::borrow::Cow;
use std::cell::{RefCell, RefMut};
use std::collections::HashMap;
use std::sync::mpsc;
use std::thread;
use std::time::Duration;
struct S { items: Vec<i32> }
struct Countdown { left: u32 }
impl Countdown {
    fn next(&mut self) -> Option<u32> { if self.left == 0 { None } else { self.left -= 1; Some(self.left) } }
    fn count(&self) -> u32 { self.left * 10 }
}
fn main() {
    let total: u64 = (1..=300_000u64).map(|x| x % 7).sum();
    println!("{total}");
    let c: Cow<str> = Cow::Borrowed("yes");
    match &*c { "yes" => println!("matched"), _ => println!("other") }
    let mut m: HashMap<Cow<str>, i32> = HashMap::new();
    m.insert(Cow::Borrowed("k"), 1);
    println!("{:?}", m.get("k"));
    let cell = RefCell::new(S { items: vec![1] });
    {
        let mut r = RefMut::map(cell.borrow_mut(), |s| &mut s.items);
        *r = vec![2, 3];
    }
    println!("{:?}", cell.borrow().items);
    let mut cd = Countdown { left: 3 };
    println!("{}", cd.count());
    println!("{:?}", cd.next());
    let (tx, rx) = mpsc::channel::<i32>();
    let h = thread::spawn(move || {
        (0..2).map(|_| -> Option<i32> { let v = rx.recv().ok()?; Some(v) }).count()
    });
    thread::sleep(Duration::from_millis(50));
    drop(tx);
    println!("{}", h.join().unwrap());
}
