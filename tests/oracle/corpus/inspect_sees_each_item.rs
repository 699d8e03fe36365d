// `Iterator::inspect` calls its closure on each item as it passes, and changes nothing.
fn main() {
    let mut seen = Vec::new();
    let items = vec![1, 2, 3];
    let total: i32 = items.iter().inspect(|x| seen.push(**x * 10)).sum();
    println!("{} {:?}", total, seen);
    let odd: Vec<i32> = items.iter().inspect(|x| print!("{x} ")).filter(|x| **x % 2 == 1).cloned().collect();
    println!("{:?}", odd);
}
