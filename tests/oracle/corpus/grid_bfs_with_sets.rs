// A grid BFS as Advent of Code writes it: a HashSet of visited cells, a VecDeque frontier.
use std::collections::{HashSet, VecDeque, BTreeMap};

#[derive(Default, Debug)]
struct Seen {
    cells: HashSet<(usize, usize)>,
    order: Vec<(usize, usize)>,
}

fn main() {
    let grid = "S..#\n.#..\n...E";
    let g: Vec<Vec<char>> = grid.lines().map(|l| l.chars().collect()).collect();
    let (h, w) = (g.len(), g[0].len());
    let mut seen = Seen::default();
    let mut q = VecDeque::new();
    q.push_back(((0usize, 0usize), 0u32));
    seen.cells.insert((0, 0));
    let mut found = None;
    while let Some(((r, c), d)) = q.pop_front() {
        seen.order.push((r, c));
        if g[r][c] == 'E' {
            found = Some(d);
            break;
        }
        let dirs: [(i32, i32); 4] = [(0, 1), (1, 0), (0, -1), (-1, 0)];
        for (dr, dc) in dirs {
            let (nr, nc) = (r as i32 + dr, c as i32 + dc);
            if nr < 0 || nc < 0 || nr >= h as i32 || nc >= w as i32 {
                continue;
            }
            let next = (nr as usize, nc as usize);
            if g[next.0][next.1] != '#' && seen.cells.insert(next) {
                q.push_back((next, d + 1));
            }
        }
    }
    println!("steps {:?}, visited {}", found, seen.cells.len());
    println!("order {:?}", &seen.order[..4]);
    let mut by_row: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &(r, c) in &seen.cells {
        by_row.entry(r).or_insert_with(Vec::new).push(c);
    }
    for (r, cs) in by_row.iter_mut() {
        cs.sort();
        println!("row {r}: {cs:?}");
    }
    let names: HashSet<String> = ["ann", "bob"].iter().map(|s| s.to_string()).collect();
    println!("{} {}", names.contains("ann"), names.contains(&"eve".to_string()));
    let mut copy = names.clone();
    copy.insert("cy".to_string());
    println!("{} {}", names.len(), copy.len());
    let mut v: Vec<String> = copy.into_iter().collect();
    v.sort();
    println!("{}", v.join(","));
    let evens: HashSet<u32> = (1..=10).filter(|n| n % 2 == 0).collect();
    let max = evens.iter().max().unwrap();
    let s: u32 = evens.iter().sum();
    println!("max {max} sum {s} has 4 {}", evens.contains(&4));
    let chars: std::collections::BTreeSet<char> = "hello world".chars().filter(|c| c.is_alphabetic()).collect();
    let text: String = chars.iter().collect();
    println!("{text} {}", chars.len());
    let mut m: BTreeMap<u32, &str> = BTreeMap::new();
    m.insert(5, "five");
    m.insert(1, "one");
    if let Some((k, v)) = m.pop_first() {
        println!("popped {k} {v}, left {:?}", m);
    }
}
