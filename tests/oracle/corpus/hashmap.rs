// HashMap: insert, get, contains_key, remove, and counting words (keys sorted before printing).
use std::collections::HashMap;

fn main() {
    let mut scores: HashMap<&str, u32> = HashMap::new();
    scores.insert("blue", 10);
    scores.insert("red", 3);
    println!("{:?} {:?}", scores.get("blue"), scores.get("green"));
    println!("{:?}", scores.insert("red", 4));
    println!("{} {}", scores.contains_key("red"), scores.len());
    println!("{:?} {}", scores.remove("blue"), scores.len());
    let mut counts = HashMap::new();
    for w in "a b a c b a".split(' ') {
        let n = counts.get(w).copied().unwrap_or(0);
        counts.insert(w, n + 1);
    }
    let mut keys: Vec<_> = counts.keys().cloned().collect();
    keys.sort();
    for k in keys {
        println!("{k}: {}", counts[k]);
    }
}
