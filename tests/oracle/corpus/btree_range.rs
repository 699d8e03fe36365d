// BTreeMap::range and range_mut, BTreeSet::range: bounded, half-open, inclusive and open ranges,
// next_back for "the latest before t", rev, and writes through range_mut.
use std::collections::{BTreeMap, BTreeSet};
fn main() {
    let mut m = BTreeMap::new();
    for k in [-5i32, 3, 10, 7, -1, 0, 22] {
        m.insert(k, format!("v{k}"));
    }
    for (k, v) in m.range(0..10) {
        println!("{k} -> {v}");
    }
    let below: Vec<_> = m.range(..3).map(|(k, _)| *k).collect();
    println!("{:?}", below);
    let incl: Vec<i32> = m.range(3..=10).map(|(k, _)| *k).collect();
    println!("{:?}", incl);
    println!("{:?}", m.range(7..).next());
    println!("{:?}", m.range(..=0).next_back());
    println!("{:?}", m.range(..).count());
    let s: BTreeSet<u64> = (1..=20).map(|x| x * x % 37).collect();
    println!("{:?}", s);
    println!("{:?}", s.range(10..30).collect::<Vec<_>>());
    println!("{:?}", s.range(..5).rev().collect::<Vec<_>>());
    println!("{}", s.range(5..5).count());
    let events: BTreeMap<u32, &str> = [(100, "boot"), (250, "login"), (900, "logout"), (400, "click")].into_iter().collect();
    let t = 300;
    if let Some((at, what)) = events.range(..=t).next_back() {
        println!("latest before {t}: {what} at {at}");
    }
    if let Some((at, what)) = events.range(t..).next() {
        println!("next after {t}: {what} at {at}");
    }
    let mut counts = BTreeMap::new();
    for x in [5, 1, 5, 9, 1, 5] {
        *counts.entry(x).or_insert(0) += 1;
    }
    for (_, c) in counts.range_mut(2..) {
        *c *= 10;
    }
    println!("{:?}", counts);
}
