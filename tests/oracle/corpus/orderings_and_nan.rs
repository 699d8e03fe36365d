// A learner's orderings (round 5): Ord and PartialOrd impls used by sort, max and BinaryHeap, derived
// PartialOrd of enums and of a struct with a float field, whose partial_cmp with a NaN is None.
// Ord impl used by sort, max, BinaryHeap
use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;

#[derive(Debug, PartialEq, Eq)]
struct Task {
    pri: u32,
    name: String,
}

impl Ord for Task {
    fn cmp(&self, other: &Self) -> Ordering {
        self.pri.cmp(&other.pri).then_with(|| other.name.cmp(&self.name))
    }
}
impl PartialOrd for Task {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

#[derive(Debug, PartialEq, Eq, PartialOrd, Ord, Clone, Copy)]
enum Level { Low, Mid, High }

#[derive(Debug, PartialEq, PartialOrd)]
struct Score(f64, &'static str);

fn main() {
    let mut tasks = vec![
        Task { pri: 2, name: "write".into() },
        Task { pri: 5, name: "deploy".into() },
        Task { pri: 2, name: "alpha".into() },
        Task { pri: 1, name: "sleep".into() },
    ];
    tasks.sort();
    for t in &tasks { println!("{} {}", t.pri, t.name); }
    println!("max = {:?}", tasks.iter().max());
    println!("min = {:?}", tasks.iter().min().map(|t| &t.name));

    let mut heap = BinaryHeap::new();
    for t in tasks { heap.push(t); }
    while let Some(t) = heap.pop() {
        println!("pop {} {}", t.pri, t.name);
    }

    let mut levels = vec![Level::High, Level::Low, Level::Mid, Level::Low];
    levels.sort();
    println!("{:?}", levels);
    println!("{}", Level::High > Level::Mid);
    println!("{:?}", Level::Low.cmp(&Level::Mid));
    println!("{:?}", levels.iter().max());

    let mut mh = BinaryHeap::new();
    for x in [5, 1, 8, 3, 9, 2] { mh.push(Reverse(x)); }
    let firsts: Vec<i32> = (0..3).map(|_| mh.pop().unwrap().0).collect();
    println!("{:?} left={}", firsts, mh.len());
    println!("{:?}", mh.peek());

    let a = Score(1.5, "a");
    let b = Score(1.5, "b");
    println!("{:?}", a.partial_cmp(&b));
    println!("{}", a < b);
    println!("{:?}", (1, "z").cmp(&(1, "a")));
    println!("{:?}", Score(f64::NAN, "x").partial_cmp(&Score(1.0, "x")));
}
