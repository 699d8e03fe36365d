// `mem::replace` gives back the old value, which drops when its new owner goes (the new one
// is not dropped at the call); `let _ = q` moves nothing; atomics keep their integer type;
// a function's return type types its tail's `collect()` and `parse()`; `*b = v` goes
// through a program's `DerefMut`.
use std::collections::HashMap;
use std::ops::{Deref, DerefMut};
use std::sync::atomic::{AtomicI32, AtomicU32, AtomicU8, Ordering};

struct D(&'static str);

impl Drop for D {
    fn drop(&mut self) {
        println!("drop {}", self.0);
    }
}

struct MyBox<T>(T);

impl<T> Deref for MyBox<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> DerefMut for MyBox<T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.0
    }
}

static NEXT: AtomicU32 = AtomicU32::new(7);

fn next_id() -> u32 {
    NEXT.fetch_add(1, Ordering::Relaxed)
}

fn up(w: &[&str]) -> String {
    w.iter().map(|s| s.to_uppercase()).collect()
}

fn counts(s: &str) -> HashMap<char, usize> {
    s.chars().map(|c| (c, 1)).collect()
}

fn get(s: &str) -> u8 {
    s.parse().unwrap_or(1)
}

fn check(s: &str) -> Result<u8, std::num::ParseIntError> {
    return s.parse();
}

fn replacing() {
    let mut a = D("old");
    let prev = std::mem::replace(&mut a, D("new"));
    println!("prev = {}, a = {}", prev.0, a.0);
}

fn wildcard() {
    let (q, _r) = (D("q"), D("r"));
    let _ = q;
    println!("end of wildcard");
}

fn main() {
    replacing();
    wildcard();
    let c = AtomicI32::new(-5);
    c.fetch_sub(1, Ordering::SeqCst);
    let b = AtomicU32::new(0);
    b.fetch_sub(1, Ordering::SeqCst);
    let s = AtomicU8::new(250);
    s.fetch_add(10, Ordering::SeqCst);
    println!("{} {} {}", c.load(Ordering::SeqCst), b.load(Ordering::SeqCst), s.load(Ordering::SeqCst));
    let id: u32 = next_id() + next_id();
    println!("{id}");
    let a = up(&["ab", "cd"]);
    println!("{:?} {} {:?}", a, a.len(), counts("aab").get(&'a'));
    println!("{} {} {:?}", get("300"), get("42"), check("256"));
    let mut m = MyBox(5);
    *m = 6;
    *m += 1;
    println!("{}", *m);
}
