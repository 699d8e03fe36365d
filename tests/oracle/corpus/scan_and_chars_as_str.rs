// `scan` (a running state the closure changes through `&mut`; its `None` ends the iteration)
// and `Chars::as_str` (what is left of the string).
fn main() {
    let sums: Vec<i32> = [1, 2, 3, 4].iter().scan(0, |acc, &x| {
        *acc += x;
        Some(*acc)
    }).collect();
    println!("{:?}", sums);
    let until_big: Vec<u32> = (1..10).scan(1u32, |p, x| {
        *p *= x;
        if *p > 100 { None } else { Some(*p) }
    }).collect();
    println!("{:?}", until_big);
    let mut chars = "hello".chars();
    chars.next();
    chars.next();
    println!("{} {:?}", chars.as_str(), chars.next());
}
