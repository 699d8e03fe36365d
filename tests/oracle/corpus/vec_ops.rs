// Vec: push, pop, insert, remove, sort, dedup, retain, contains, extend, slices, swap, truncate.
fn main() {
    let mut v = vec![5, 3, 8, 3, 1];
    v.push(9);
    println!("{:?} len {}", v, v.len());
    println!("{:?} {:?}", v.pop(), v.first());
    v.insert(1, 7);
    let removed = v.remove(0);
    println!("removed {removed} -> {:?}", v);
    v.sort();
    println!("sorted {:?}", v);
    v.dedup();
    println!("dedup {:?}", v);
    v.retain(|&x| x != 7);
    println!("retain {:?} contains 8: {}", v, v.contains(&8));
    v.extend(vec![10, 11]);
    v.extend([12].iter());
    println!("{:?}", v);
    println!("{:?} {:?}", &v[1..3], v.get(99));
    v.swap(0, 1);
    v.truncate(4);
    v.reverse();
    println!("{:?} last {:?}", v, v.last());
    let mut grid = vec![vec![0; 3]; 2];
    grid[1][2] = 5;
    println!("{:?}", grid);
    let total: i32 = v.iter().sum();
    println!("{total} {}", v.is_empty());
    let mut words = vec!["pear", "fig", "apple"];
    words.sort_by(|a, b| a.len().cmp(&b.len()));
    println!("{:?}", words);
    words.sort_by_key(|w| w.chars().next());
    println!("{:?} {}", words, words.join("+"));
    let mut ids = vec![3u32, 1, 2];
    for x in ids.iter_mut() {
        *x *= 10;
    }
    println!("{:?}", ids);
}
