// What clones and what shares: cloned() of Rc/Arc items shares them (the count rises), to_vec and
// extend_from_slice clone each element; unzip() into a (Vec, String) and other collections;
// into() an f64 or f32 from a small integer or an f32.
use std::cell::Cell;
use std::collections::{HashSet, VecDeque};
use std::rc::Rc;
use std::sync::{Arc, Mutex};
struct Node { hits: Cell<u32> }
#[derive(Clone, Debug)]
struct P { name: String }
fn clones() {
    let nodes = vec![Rc::new(Node { hits: Cell::new(0) })];
    let first: Rc<Node> = nodes.first().cloned().unwrap();
    first.hits.set(1);
    println!("option.cloned: rc={} hits={}", Rc::strong_count(&nodes[0]), nodes[0].hits.get());
    let all: Vec<Rc<Node>> = nodes.iter().cloned().collect();
    all[0].hits.set(2);
    println!("iter.cloned:   rc={} hits={}", Rc::strong_count(&nodes[0]), nodes[0].hits.get());
    let copy = nodes.to_vec();
    copy[0].hits.set(3);
    println!("to_vec:        rc={} hits={}", Rc::strong_count(&nodes[0]), nodes[0].hits.get());
    drop(all);
    println!("after drop:    rc={}", Rc::strong_count(&nodes[0]));
    let arcs = vec![Arc::new(Mutex::new(1)), Arc::new(Mutex::new(2))];
    let more: Vec<Arc<Mutex<i32>>> = arcs.iter().cloned().collect();
    *more[1].lock().unwrap() += 40;
    println!("arc: {} count {}", arcs[1].lock().unwrap(), Arc::strong_count(&arcs[1]));
    let names = vec![String::from("a"), String::from("b")];
    let mut v2 = names.to_vec();
    v2[0].push_str("!");
    let mut v3: Vec<String> = Vec::new();
    v3.extend_from_slice(&names);
    v3[1].push_str("?");
    let mut v4 = vec![P { name: "x".into() }];
    v4.extend_from_slice(&[P { name: "y".into() }]);
    let firstp = v4.iter().cloned().next().unwrap();
    v4[0].name.push('1');
    println!("{:?} {:?} {:?} {:?} {:?}", names, v2, v3, v4, firstp);
    let o: Option<&String> = names.get(1);
    let mut oc = o.cloned().unwrap();
    oc.push('c');
    println!("{} {}", names[1], oc);
}
fn unzips() {
    let (nums, letters): (Vec<i32>, String) = vec![(1, 'a'), (2, 'b'), (3, 'c')].into_iter().unzip();
    println!("{:?} {:?}", nums, letters);
    println!("{}", letters.len());
    let (q, s): (VecDeque<u8>, HashSet<u8>) = [(1u8, 2u8), (3, 2)].iter().cloned().unzip();
    println!("{:?} {}", q, s.len());
    let (a, b): (Vec<_>, Vec<_>) = [(1, "x")].into_iter().unzip();
    println!("{:?} {:?}", a, b);
}
fn half(x: u8) -> f64 { let y: f64 = x.into(); y / 2.0 }
fn widen(x: f32) -> f64 { x.into() }
fn floats() {
    let a: f64 = 3u8.into();
    let b = f64::from(7i32);
    let c: f32 = 2u8.into();
    let d: f64 = 2.5f32.into();
    println!("{} {} {} {} {} {}", a, b, c, d, half(5), widen(0.5));
}
fn main() {
    clones();
    unzips();
    floats();
}
