// The Vec, VecDeque, slice and HashMap methods the other programs do not call, at their edges:
// sorted searches, draining, splitting, resizing, removing by swap, and items borrowed mutably.
use std::collections::{HashMap, VecDeque};

async fn main() {
    let mut v = vec![5, 1, 4, 2, 3];
    v.sort_unstable();
    println!("{:?} {:?} {:?}", v, v.binary_search(&4), v.binary_search(&0));
    println!("{:?}", v.binary_search(&9));
    v.sort_unstable_by(|a, b| b.cmp(a));
    println!("{:?}", v);
    let mut words = vec!["poll", "a", "wake", "it"];
    words.sort_unstable_by_key(|w| w.len());
    println!("{:?}", &words[..2]);
    let drained: Vec<i32> = v.drain(1..3).collect();
    println!("{:?} {:?}", drained, v);
    v.extend_from_slice(&[7, 8]);
    let back = v.split_off(3);
    println!("{:?} {:?}", v, back);
    v.resize(5, 0);
    println!("{:?}", v);
    v.resize(2, 9);
    println!("{:?} {}", v, v.capacity() >= 2);
    let mut w = vec![10, 20, 30, 40];
    let gone = w.swap_remove(0);
    println!("{gone} {:?}", w);
    if let Some(f) = w.first_mut() {
        *f += 1;
    }
    if let Some(l) = w.last_mut() {
        *l *= 2;
    }
    w.as_mut_slice()[1] = 0;
    println!("{:?}", w);
    let boxed: Box<[i32]> = vec![3, 2, 1].into_boxed_slice();
    let again = boxed.into_vec();
    println!("{:?} {}", again, again.len());
    let mut q: VecDeque<u32> = VecDeque::new();
    q.push_back(1);
    q.push_back(2);
    q.push_front(0);
    if let Some(b) = q.back_mut() {
        *b = 20;
    }
    if let Some(f) = q.front_mut() {
        *f = 5;
    }
    println!("{:?}", q);
    let last = q.pop_back();
    println!("{:?} {:?}", last, q.make_contiguous());
    let mut ages: HashMap<&str, u32> = HashMap::new();
    ages.insert("spawn", 0);
    if let Some(n) = ages.get_mut("spawn") {
        *n += 3;
    }
    for (_, n) in ages.iter_mut() {
        *n += 1;
    }
    println!("{:?}", ages.get("spawn"));
    println!("{:?}", ages.get_mut("nothing"));
    ages.clear();
    ages.insert("poll", 1);
    ages.insert("wake", 2);
    for v in ages.values_mut() {
        *v *= 10;
    }
    let mut vals: Vec<u32> = ages.values().copied().collect();
    vals.sort();
    println!("{:?}", vals);
    let (evens, odds): (Vec<u32>, Vec<u32>) = (1..=6).map(|n| (n * 2, n * 2 + 1)).unzip();
    println!("{:?} {:?}", evens, odds);
    let p: u64 = (1..=5u64).product();
    let shortest = ["wake", "me", "up"].iter().min_by_key(|w| w.len()).copied();
    println!("{p} {:?}", shortest);
    let mut it = [1, 2, 3].iter().peekable();
    let mut seen = Vec::new();
    while let Some(x) = it.next() {
        if let Some(&&next) = it.peek() {
            seen.push(x * 10 + next);
        }
    }
    println!("{:?} {:?}", seen, it.peek());
    println!("{:?}", it.next());
    let mut words = "poll wake  done".split(' ').peekable();
    let mut kept = Vec::new();
    while let Some(w) = words.next() {
        while words.peek() == Some(&"") {
            words.next();
        }
        kept.push(w);
    }
    println!("{:?}", kept);
    let mut f = [1, 2].iter().fuse();
    println!("{:?} {:?} {:?} {:?}", f.next(), f.next(), f.next(), f.next());
}
