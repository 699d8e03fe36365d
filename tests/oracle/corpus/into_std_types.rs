use std::collections::{HashSet, VecDeque};
fn main() {
    let v: Vec<u8> = "hi".into();
    println!("{:?}", v);
    let w: Vec<u8> = String::from("ok").into();
    println!("{:?}", w);
    let o: Option<i32> = 5.into();
    println!("{:?}", o);
    let a: Vec<i32> = [1, 2, 3].into();
    println!("{:?}", a);
    let mut d: VecDeque<i32> = a.clone().into();
    d.push_front(0);
    println!("{:?}", d);
    let back: Vec<i32> = d.into();
    println!("{:?}", back);
    let q: VecDeque<char> = ['x', 'y'].into();
    println!("{:?}", q);
    let s: HashSet<i32> = [1, 1, 2].into();
    println!("{}", s.len());
    let t: String = "text".into();
    println!("{t}");
}
