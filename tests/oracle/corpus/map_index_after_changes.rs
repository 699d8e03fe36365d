// A HashMap counted into 1,200 String keys, indexed, with removes, a re-insert and retain
// between look-ups: every look-up finds what rustc finds (the keys are found by hash).
use std::collections::HashMap;
fn main() {
    let text = "the quick brown fox jumps over the lazy dog and the dog sleeps while the fox runs";
    let mut counts: HashMap<String, usize> = HashMap::new();
    for round in 0..300 {
        for w in text.split_whitespace() {
            *counts.entry(format!("{w}{}", round % 40)).or_insert(0) += 1;
        }
    }
    let mut v: Vec<_> = counts.iter().collect();
    v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    for (w, c) in v.iter().take(5) {
        println!("{w} {c}");
    }
    println!("{}", counts.len());
    println!("{}", counts["the3"]);
    let mut m = HashMap::new();
    for i in 0..50 { m.insert(i, i * i); }
    for i in (0..50).step_by(3) { m.remove(&i); }
    m.insert(3, 1000);
    let mut ks: Vec<_> = m.keys().copied().collect();
    ks.sort();
    println!("{:?} {} {:?} {:?}", &ks[..6], m.len(), m.get(&3), m.get(&6));
    m.retain(|k, _| k % 2 == 0);
    println!("{} {:?} {}", m.len(), m.get(&4), m.contains_key(&5));
}
