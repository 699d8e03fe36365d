use std::collections::{BTreeSet, HashSet};
fn main() {
    let a: BTreeSet<i32> = [5, 1, 3].into_iter().collect();
    let b: BTreeSet<i32> = [3, 4, 1].into_iter().collect();
    println!("{:?} {:?} {:?} {:?}", &a | &b, &a & &b, &a - &b, &a ^ &b);
    let x: HashSet<char> = "hello".chars().collect();
    let y: HashSet<char> = "world".chars().collect();
    let mut common: Vec<char> = (&x & &y).into_iter().collect();
    common.sort();
    println!("{common:?}");
    let checked: Option<i32> = [1i32, 2, 3].iter().map(|x| x.checked_mul(2)).sum();
    let none: Option<u8> = [200u8, 100].iter().map(|&x| Some(x)).map(|o| o.filter(|v| *v < 150)).sum();
    let parsed: Result<i32, std::num::ParseIntError> = ["1", "2", "3"].iter().map(|s| s.parse::<i32>()).sum();
    let bad: Result<i32, String> = ["1", "x"].iter().map(|s| s.parse::<i32>().map_err(|_| format!("bad {s}"))).sum();
    println!("{checked:?} {none:?} {parsed:?} {bad:?}");
    let prod: Option<u32> = [2u32, 3, 4].iter().map(|&x| Some(x)).product();
    println!("{prod:?}");
}
