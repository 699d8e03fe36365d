// BTreeMap::range and BTreeSet::range over char keys (a range of chars, inclusive or not; an
// empty one).
use std::collections::{BTreeMap, BTreeSet};
fn main() {
    let mut m = BTreeMap::new();
    for (i, c) in "hello world".chars().filter(|c| c.is_alphabetic()).enumerate() {
        *m.entry(c).or_insert(0) += i;
    }
    println!("{:?}", m.range('e'..='l').collect::<Vec<_>>());
    println!("{:?}", m.range('a'..'l').collect::<Vec<_>>());
    println!("{:?}", m.range('x'..'x').count());
    let s: BTreeSet<char> = "range".chars().collect();
    println!("{:?}", s.range('b'..'r').collect::<Vec<_>>());
}
