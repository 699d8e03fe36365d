use std::collections::BTreeSet;
fn main() {
    let v: Vec<u64> = [1u32, 2].iter().copied().map(u64::from).collect();
    println!("{v:?}");
    let s: Vec<String> = ["a", "b"].iter().copied().map(String::from).collect();
    println!("{s:?}");
    let b: BTreeSet<i32> = [3, 1, 2].into_iter().collect();
    println!("{:?} {:?}", b.iter().next_back(), [1, 2, 3].iter().next_back());
    let c: Vec<char> = [97u8, 98].iter().map(|&x| char::from(x)).collect();
    println!("{c:?}");
}
