use std::collections::{BTreeSet, HashSet};
fn annotate(m: &[&str]) -> Vec<String> {
    m.iter().map(|l| l.chars().map(|c| if c == ' ' { '.' } else { c }).collect()).collect()
}
fn main() {
    let groups = vec![vec![1], vec![2, 1], vec![1, 2]];
    let sets: BTreeSet<BTreeSet<i32>> = groups.into_iter().map(|v| v.into_iter().collect()).collect();
    println!("{sets:?}");
    println!("{:?}", annotate(&["a b", " c"]));
    let words = vec!["ab", "ba", "cd"];
    let keys: HashSet<Vec<char>> = words.iter().map(|w| { let mut c: Vec<char> = w.chars().collect(); c.sort(); c }).collect();
    println!("{}", keys.len());
}
