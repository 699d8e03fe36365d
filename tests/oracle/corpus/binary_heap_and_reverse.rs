// BinaryHeap as Dijkstra and top-k use it, with Reverse for a min-heap.
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};

#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Task {
    priority: u32,
    name: String,
}

fn dijkstra(adj: &HashMap<usize, Vec<(usize, u32)>>, start: usize, n: usize) -> Vec<Option<u32>> {
    let mut dist: Vec<Option<u32>> = vec![None; n];
    let mut heap = BinaryHeap::new();
    dist[start] = Some(0);
    heap.push(Reverse((0u32, start)));
    while let Some(Reverse((d, u))) = heap.pop() {
        if let Some(best) = dist[u] {
            if d > best {
                continue;
            }
        }
        if let Some(edges) = adj.get(&u) {
            for &(v, w) in edges {
                let nd = d + w;
                if dist[v].map_or(true, |cur| nd < cur) {
                    dist[v] = Some(nd);
                    heap.push(Reverse((nd, v)));
                }
            }
        }
    }
    dist
}

fn main() {
    let mut heap = BinaryHeap::new();
    for x in [5, 1, 8, 3, 9, 2, 7] {
        heap.push(x);
    }
    println!("{:?} peek {:?} len {}", heap, heap.peek(), heap.len());
    let mut out = Vec::new();
    while let Some(x) = heap.pop() {
        out.push(x);
        if out.len() == 3 {
            println!("{heap:?}");
        }
    }
    println!("{out:?}");
    let h: BinaryHeap<i32> = vec![3, 1, 4, 1, 5, 9, 2, 6].into_iter().collect();
    println!("{:?}", h);
    println!("{:?}", h.clone().into_sorted_vec());
    let mut from = BinaryHeap::from(vec![10, 20, 5]);
    from.extend([15, 25, 1]);
    println!("{from:?} {:?}", from.iter().max());
    let mut mins = BinaryHeap::new();
    for x in [5, 1, 8, 3] {
        mins.push(Reverse(x));
    }
    println!("{:?}", mins.peek());
    if let Some(Reverse(m)) = mins.pop() {
        println!("min {m}");
    }
    let r = Reverse(3);
    println!("{} {} {:?}", r.0, Reverse(1) > Reverse(2), r);
    let mut tasks = BinaryHeap::new();
    tasks.push(Task { priority: 2, name: "write".to_string() });
    tasks.push(Task { priority: 5, name: "fix".to_string() });
    tasks.push(Task { priority: 1, name: "rest".to_string() });
    while let Some(Task { priority, name }) = tasks.pop() {
        println!("{priority} {name}");
    }
    let mut adj: HashMap<usize, Vec<(usize, u32)>> = HashMap::new();
    for (a, b, w) in [(0, 1, 4), (0, 2, 1), (2, 1, 2), (1, 3, 1), (2, 3, 5)] {
        adj.entry(a).or_insert_with(Vec::new).push((b, w));
    }
    println!("{:?}", dijkstra(&adj, 0, 5));
    let words = ["apple", "fig", "banana", "kiwi", "cherry"];
    let mut top: BinaryHeap<Reverse<(usize, &str)>> = BinaryHeap::new();
    for w in words {
        top.push(Reverse((w.len(), w)));
        if top.len() > 2 {
            top.pop();
        }
    }
    let mut longest: Vec<_> = top.into_iter().map(|Reverse(p)| p).collect();
    longest.sort();
    println!("{longest:?}");
    let sorted: Vec<u32> = {
        let mut h: BinaryHeap<Reverse<u32>> = [4, 2, 9].into_iter().map(Reverse).collect();
        let mut v = Vec::new();
        while let Some(Reverse(x)) = h.pop() {
            v.push(x);
        }
        v
    };
    println!("{sorted:?}");
}
