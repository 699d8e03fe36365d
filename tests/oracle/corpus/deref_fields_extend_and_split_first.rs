// A field read through a program's `Deref` (a tuple struct's `.0`, a named field), a
// program's `Extend` and `FusedIterator` impls, and `split_first_mut`/`split_last_mut`.
use std::fmt;
use std::iter::FusedIterator;
use std::ops::Deref;

struct Meters(f64);

struct Tracked<T> {
    inner: T,
    reads: std::cell::Cell<u32>,
}

impl<T> Deref for Tracked<T> {
    type Target = T;
    fn deref(&self) -> &T {
        self.reads.set(self.reads.get() + 1);
        &self.inner
    }
}

struct User {
    name: String,
    age: u32,
}

struct Bag<T> {
    items: Vec<T>,
    added: usize,
}

impl<T> Extend<T> for Bag<T> {
    fn extend<I: IntoIterator<Item = T>>(&mut self, iter: I) {
        for x in iter {
            self.items.push(x);
            self.added += 1;
        }
    }
}

struct Countdown(u32);

impl Iterator for Countdown {
    type Item = u32;
    fn next(&mut self) -> Option<u32> {
        if self.0 == 0 {
            return None;
        }
        self.0 -= 1;
        Some(self.0)
    }
}

impl FusedIterator for Countdown {}

impl fmt::Display for Meters {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{:.1} m", self.0)
    }
}

fn main() {
    let d = Tracked { inner: Meters(12.5), reads: std::cell::Cell::new(0) };
    println!("{} is {}", d.0, *d);
    let u = Tracked { inner: User { name: String::from("Ferris"), age: 7 }, reads: std::cell::Cell::new(0) };
    println!("{} is {}; {} reads", u.name, u.age, u.reads.get() + d.reads.get());

    let mut bag = Bag { items: vec![1], added: 0 };
    bag.extend(vec![2, 3]);
    bag.extend(Countdown(3));
    println!("{:?} ({} added)", bag.items, bag.added);
    let mut c = Countdown(1);
    println!("{:?} {:?} {:?}", c.next(), c.next(), c.next());

    let mut v = vec![5, 1, 4, 2];
    if let Some((first, rest)) = v.split_first_mut() {
        *first *= 10;
        rest[0] = 9;
        rest.sort();
    }
    println!("{v:?}");
    if let Some((last, rest)) = v.split_last_mut() {
        *last += 1;
        rest.reverse();
    }
    println!("{v:?}");
    let mut empty: Vec<i32> = Vec::new();
    println!("{:?}", empty.split_first_mut().is_none());
}
