// Round 13 of the learner programs: a trait implemented for a value and for a reference to it
// (100 Exercises' `impl Power<u32> for u32` beside `impl Power<&u32>`, `Index<TicketId>`
// beside `Index<&TicketId>`: the one for the argument's kind, and a forwarding one no longer
// calls itself), constants in patterns, and Box::leak.
use std::ops::Index;

trait Power<E> {
    type Output;
    fn power(&self, n: E) -> Self::Output;
}
impl Power<u16> for u32 {
    type Output = u32;
    fn power(&self, n: u16) -> u32 {
        self.pow(n.into())
    }
}
impl Power<u32> for u32 {
    type Output = u32;
    fn power(&self, n: u32) -> u32 {
        self.pow(n)
    }
}
impl Power<&u32> for u32 {
    type Output = u32;
    fn power(&self, n: &u32) -> u32 {
        self.power(*n)
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct Id(u64);
struct Store {
    names: Vec<(Id, String)>,
}
impl Index<Id> for Store {
    type Output = String;
    fn index(&self, id: Id) -> &String {
        &self.names.iter().find(|(i, _)| *i == id).unwrap().1
    }
}
impl Index<&Id> for Store {
    type Output = String;
    fn index(&self, id: &Id) -> &String {
        &self[*id]
    }
}

const LIMIT: i32 = 7;
const FLOOR: i32 = -3;
const SEP: char = ',';
const BIG: u64 = 1 << 40;

fn classify(n: i32) -> &'static str {
    match n {
        LIMIT => "the limit",
        FLOOR => "the floor",
        FLOOR..=LIMIT => "between",
        _ => "outside",
    }
}

fn main() {
    let two = 2u32;
    println!("{} {} {}", two.power(10u32), two.power(&3), two.power(4u16));
    let store = Store { names: vec![(Id(1), "ann".into()), (Id(2), "bo".into())] };
    let id = Id(2);
    println!("{} {} {}", store[Id(1)], store[id], store[&id]);
    for n in [7, -3, 0, 9] {
        print!("{} ", classify(n));
    }
    println!();
    let text = "a,b;c";
    let kinds: Vec<&str> = text.chars().map(|c| match c { SEP => "sep", ';' => "semi", _ => "char" }).collect();
    println!("{kinds:?}");
    match 1u64 << 40 {
        BIG => println!("big"),
        _ => println!("small"),
    }
    let leaked: &'static mut Vec<i32> = Box::leak(Box::new(vec![1, 2]));
    leaked.push(3);
    let shared: &'static [i32] = leaked;
    println!("{:?} {}", shared, shared.len());
}
