// Ranges of strings and floats (bounds, not iterators): BTreeMap::range and BTreeSet::range
// over &str and String keys, contains() and is_empty() of a float or string range (a NaN is
// in none), their {:?}; and select_nth_unstable (rounds 10 and 11 asked for them).
use std::collections::{BTreeMap, BTreeSet};

fn grade(score: f64) -> &'static str {
    if (90.0..=100.0).contains(&score) {
        "A"
    } else if (75.0..90.0).contains(&score) {
        "B"
    } else if (0.0..75.0).contains(&score) {
        "C"
    } else {
        "?"
    }
}

fn main() {
    let scores: BTreeMap<&str, u32> = [("ann", 82), ("ben", 95), ("cy", 67), ("di", 95)].into_iter().collect();
    println!("{:?}", scores.range("b".."d").collect::<Vec<_>>());
    println!("{:?}", scores.range("ben"..="cy").map(|(k, _)| *k).collect::<Vec<_>>());
    println!("{:?}", scores.range(.."b").collect::<Vec<_>>());
    let mut words: BTreeMap<String, usize> = BTreeMap::new();
    for w in "the quick brown fox jumps over the lazy dog".split(' ') {
        *words.entry(w.to_string()).or_insert(0) += 1;
    }
    println!("{:?}", words.range("f".to_string().."p".to_string()).collect::<Vec<_>>());
    println!("{:?}", words.range("l".to_string()..).next());
    let set: BTreeSet<&str> = ["kiwi", "apple", "fig", "date", "cherry"].into_iter().collect();
    println!("{:?} {:?}", set.range("b".."e").collect::<Vec<_>>(), set.range("z"..).count());

    for s in [95.5, 80.0, 12.25, 100.5, f64::NAN, -0.5] {
        print!("{} ", grade(s));
    }
    println!();
    let r = 1.5..2.5;
    println!("{:?} {:?} {:?} {}", r, ..=2.5, "a"..="m", ("a"..="m").contains(&"k"));
    println!("{} {} {}", (2.0..1.0).is_empty(), (1.0..1.0).is_empty(), (1.0..=1.0).is_empty());
    println!("{} {}", r.contains(&2.5), (0.0..=f64::INFINITY).contains(&1e300));

    let mut v = vec![12, 4, 19, 7, 3, 15, 8];
    let mid = v.len() / 2;
    let (lo, median, hi) = v.select_nth_unstable(mid);
    let (mut lo, mut hi) = (lo.to_vec(), hi.to_vec());
    lo.sort();
    hi.sort();
    println!("{lo:?} {median} {hi:?}");
    *v.select_nth_unstable_by(0, |a, b| b.cmp(a)).1 += 100;
    println!("{:?}", v.iter().max());
    let mut names = vec!["delta", "al", "charlie", "bo"];
    let (_, shortest, _) = names.select_nth_unstable_by_key(0, |s| s.len());
    println!("{shortest}");
}
