// A grid search whose HashSet keeps 3,274 visited cells as tuples, and 20,000 entry counts:
// the look-ups find keys by hash, as std does.
use std::collections::{HashSet, VecDeque, HashMap};
fn main() {
    let n = 60i32;
    let mut seen: HashSet<(i32, i32)> = HashSet::new();
    let mut q = VecDeque::new();
    q.push_back((0, 0, 0));
    seen.insert((0, 0));
    let mut far = 0;
    while let Some((x, y, d)) = q.pop_front() {
        far = far.max(d);
        for (dx, dy) in [(0, 1), (1, 0), (0, -1), (-1, 0)] {
            let (nx, ny) = (x + dx, y + dy);
            if nx < 0 || ny < 0 || nx >= n || ny >= n || (nx * 7 + ny * 3) % 11 == 0 {
                continue;
            }
            if seen.insert((nx, ny)) {
                q.push_back((nx, ny, d + 1));
            }
        }
    }
    println!("{} {}", seen.len(), far);
    let mut counts: HashMap<u32, u32> = HashMap::new();
    for i in 0..20000u32 {
        *counts.entry(i % 3000).or_insert(0) += 1;
    }
    println!("{}", counts.len());
}
