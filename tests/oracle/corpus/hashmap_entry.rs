// The entry API, as word counts and groupings use it: `or_insert` (and a write through what it
// gives), `or_insert_with`, `or_insert_with_key`, `and_modify` then `or_insert`, `or_default`
// once the map has a value, and `key`.
use std::collections::HashMap;

fn main() {
    let text = "the cat saw the dog and the cat ran";
    let mut counts = HashMap::new();
    for w in text.split(' ') {
        *counts.entry(w).or_insert(0) += 1;
    }
    let mut pairs: Vec<(&str, u32)> = counts.iter().map(|(k, v)| (*k, *v)).collect();
    pairs.sort();
    println!("{:?}", pairs);
    // A map in a `for` loop, borrowed, gives its pairs as references.
    let mut total = 0;
    let mut longest = "";
    for (word, n) in &counts {
        total += *n;
        if word.len() > longest.len() || (word.len() == longest.len() && *word < longest) {
            longest = word;
        }
    }
    println!("{total} words, the longest first in order: {longest}");
    // A map given by value where an iterator is wanted gives its pairs.
    let single: HashMap<&str, u8> = [("k", 1)].into_iter().collect();
    let zipped: Vec<(u32, (&str, u8))> = (10..).zip(single).collect();
    println!("{:?}", zipped);

    let mut by_len: HashMap<usize, Vec<&str>> = HashMap::new();
    for w in text.split(' ') {
        by_len.entry(w.len()).or_insert_with(Vec::new).push(w);
    }
    let mut lens: Vec<_> = by_len.keys().copied().collect();
    lens.sort();
    for n in lens {
        println!("{n}: {:?}", by_len[&n]);
    }

    let mut seen: HashMap<String, u32> = HashMap::new();
    for name in ["ann", "bo", "ann", "cy", "ann"] {
        seen.entry(name.to_string()).and_modify(|n| *n += 10).or_insert(1);
    }
    let mut s: Vec<_> = seen.into_iter().collect();
    s.sort();
    println!("{:?}", s);

    let mut lengths: HashMap<&str, usize> = HashMap::new();
    let l = lengths.entry("hello").or_insert_with_key(|k| k.len());
    *l *= 2;
    println!("{:?}", lengths.get("hello"));
    let k = *lengths.entry("x").key();
    println!("{:?} {}", k, lengths.len());

    let mut totals: HashMap<char, u64> = HashMap::new();
    totals.insert('a', 5);
    *totals.entry('a').or_default() += 1;
    *totals.entry('b').or_default() += 7;
    let mut t: Vec<_> = totals.into_iter().collect();
    t.sort();
    println!("{:?}", t);
}
