// HashSet and BTreeSet as learners use them: dedupe, membership, set algebra, sorted order.
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Point {
    x: i32,
    y: i32,
}

fn main() {
    let words = "the quick brown fox jumps over the lazy dog the end";
    let mut seen = HashSet::new();
    let mut dups = Vec::new();
    for w in words.split_whitespace() {
        if !seen.insert(w) {
            dups.push(w);
        }
    }
    println!("{} distinct, dups {:?}", seen.len(), dups);
    println!("has fox: {}, has cat: {}", seen.contains("fox"), seen.contains(&"cat"));
    let sorted: BTreeSet<&str> = words.split_whitespace().collect();
    println!("{:?}", sorted);
    println!("first {:?} last {:?}", sorted.first(), sorted.last());

    let a: HashSet<i32> = [1, 2, 3, 4].into_iter().collect();
    let b: HashSet<i32> = HashSet::from([3, 4, 5]);
    let mut inter: Vec<i32> = a.intersection(&b).cloned().collect();
    inter.sort();
    let mut uni: Vec<&i32> = a.union(&b).collect();
    uni.sort();
    let mut diff: Vec<i32> = a.difference(&b).copied().collect();
    diff.sort();
    let mut sym: Vec<i32> = a.symmetric_difference(&b).copied().collect();
    sym.sort_unstable();
    println!("{inter:?} {uni:?} {diff:?} {sym:?}");
    let small: HashSet<i32> = HashSet::from([3, 4]);
    println!("subset {} superset {} disjoint {}", small.is_subset(&a), a.is_superset(&small), a.is_disjoint(&b));
    println!("eq {}", small == [4, 3].into_iter().collect::<HashSet<i32>>());

    let mut bs = BTreeSet::new();
    for n in [5, 1, 9, 3, 1, 7] {
        bs.insert(n);
    }
    println!("{:?} len {}", bs, bs.len());
    bs.remove(&9);
    bs.retain(|n| *n != 3);
    println!("{bs:?} pop {:?} {:?}", bs.pop_first(), bs.pop_last());
    let total: i32 = bs.iter().sum();
    println!("sum {total}");

    let mut visited: HashSet<Point> = HashSet::new();
    let moves = [(0, 1), (1, 0), (0, -1), (-1, 0), (0, 1)];
    let mut p = Point { x: 0, y: 0 };
    visited.insert(p);
    for (dx, dy) in moves {
        p = Point { x: p.x + dx, y: p.y + dy };
        visited.insert(p);
    }
    println!("visited {}", visited.len());
    let ordered: BTreeSet<Point> = visited.iter().copied().collect();
    println!("{:?}", ordered);

    let mut counts: BTreeMap<char, usize> = BTreeMap::new();
    for c in "mississippi".chars() {
        *counts.entry(c).or_insert(0) += 1;
    }
    println!("{:?}", counts);
    for (c, n) in &counts {
        println!("{c}: {n}");
    }
    let mut ages = BTreeMap::new();
    ages.insert("zoe", 31);
    ages.insert("adam", 25);
    ages.insert("mia", 40);
    println!("{:?} first {:?} last {:?}", ages, ages.first_key_value(), ages.last_key_value());
    let keys: Vec<_> = ages.keys().collect();
    println!("{keys:?}");
    ages.retain(|_, v| *v > 30);
    println!("{ages:#?}");
    let m: BTreeMap<i32, &str> = [(3, "c"), (1, "a"), (2, "b")].into_iter().collect();
    println!("{m:?}");
    let hm: HashMap<&str, i32> = HashMap::from([("x", 1)]);
    let bm: BTreeMap<&str, i32> = hm.into_iter().collect();
    println!("{bm:?}");
    let empty: HashSet<u8> = HashSet::new();
    println!("{:?} {}", empty, empty.is_empty());
}
