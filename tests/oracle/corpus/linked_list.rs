// A recursive enum with Box: a linked list built and walked.
#[derive(Debug)]
enum List {
    Cons(i32, Box<List>),
    Nil,
}

use List::{Cons, Nil};

impl List {
    fn sum(&self) -> i32 {
        match self {
            Cons(v, rest) => v + rest.sum(),
            Nil => 0,
        }
    }
    fn push(self, v: i32) -> List {
        Cons(v, Box::new(self))
    }
}

fn main() {
    let list = Nil.push(3).push(2).push(1);
    println!("{:?}", list);
    println!("sum {}", list.sum());
    let mut cur = &list;
    let mut n = 0;
    while let Cons(_, next) = cur {
        n += 1;
        cur = next;
    }
    println!("{n} nodes");
}
