// entry().or_default() on a map whose type is written (before any value is in it), for Vec, usize
// and f64 values, and Default::default() of a written tuple type.
use std::collections::{BTreeMap, HashMap};

struct Index {
    by_len: BTreeMap<usize, Vec<String>>,
}

fn main() {
    let words = ["cat", "act", "dog", "tac", "god", "bird"];
    let mut groups: HashMap<String, Vec<&str>> = HashMap::new();
    for w in words {
        let mut k: Vec<char> = w.chars().collect();
        k.sort();
        let key: String = k.into_iter().collect();
        groups.entry(key).or_default().push(w);
    }
    let mut keys: Vec<_> = groups.keys().cloned().collect();
    keys.sort();
    for k in keys {
        println!("{k} => {:?}", groups[&k]);
    }
    let mut counts: BTreeMap<char, usize> = BTreeMap::new();
    for c in "hello world".chars().filter(|c| c.is_alphabetic()) {
        *counts.entry(c).or_default() += 1;
    }
    println!("{:?}", counts);
    let mut idx = Index { by_len: BTreeMap::new() };
    for w in words {
        idx.by_len.entry(w.len()).or_insert_with(Vec::new).push(w.to_uppercase());
    }
    println!("{:?}", idx.by_len);
    let t: (i32, String, Vec<u8>, bool) = Default::default();
    println!("{:?}", t);
    let mut totals: HashMap<&str, f64> = HashMap::new();
    for (who, amt) in [("ann", 2.5), ("bo", 1.25), ("ann", 4.0)] {
        *totals.entry(who).or_default() += amt;
    }
    let mut tv: Vec<_> = totals.into_iter().collect();
    tv.sort_by(|a, b| a.0.cmp(b.0));
    println!("{:?}", tv);
}
