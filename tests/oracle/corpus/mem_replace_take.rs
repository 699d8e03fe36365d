// std::mem::replace, take and swap on places.
use std::mem;

#[derive(Debug, Default)]
struct Buffer {
    items: Vec<u32>,
    name: String,
}

fn main() {
    let mut b = Buffer { items: vec![1, 2], name: "b".into() };
    let old = mem::take(&mut b.items);
    println!("{:?} {:?}", old, b);
    let prev = mem::replace(&mut b.name, "renamed".to_string());
    println!("{prev} {}", b.name);
    let mut x = 1;
    let mut y = 2;
    mem::swap(&mut x, &mut y);
    println!("{x} {y}");
    let mut slot = Some(3);
    let taken = mem::take(&mut slot);
    println!("{:?} {:?}", taken, slot);
}
