// `Cell` and `RefCell` compare as what they hold: `==`, `<`, `cmp` and a derived `PartialEq`,
// `PartialOrd` and `Ord` of types that hold them (a learner's `Rc<RefCell<Node>>` list).
use std::cell::{Cell, RefCell};
use std::cmp::Ordering;
use std::rc::Rc;

#[derive(Debug, PartialEq, PartialOrd)]
enum List {
    Nil,
    Cons(i32, Rc<RefCell<List>>),
}

#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Counter {
    hits: Cell<u32>,
    name: RefCell<String>,
}

fn list(items: &[i32]) -> List {
    let mut l = List::Nil;
    for &x in items.iter().rev() {
        l = List::Cons(x, Rc::new(RefCell::new(l)));
    }
    l
}

async fn main() {
    let a = list(&[1, 2, 3]);
    let b = list(&[1, 2, 3]);
    let c = list(&[1, 2, 4]);
    println!("{} {} {}", a == b, a == c, a < c);
    println!("{:?}", a.partial_cmp(&c));
    if let List::Cons(_, rest) = &a {
        if let List::Cons(x, _) = &mut *rest.borrow_mut() {
            *x = 9;
        }
    }
    println!("{} {:?}", a == b, a.partial_cmp(&b));
    println!("{:?}", a);

    let x = Counter { hits: Cell::new(3), name: RefCell::new("ann".to_string()) };
    let y = Counter { hits: Cell::new(3), name: RefCell::new("bob".to_string()) };
    println!("{} {:?} {:?}", x == y, x.cmp(&y), y.cmp(&x));
    y.hits.set(1);
    println!("{:?} {}", x.cmp(&y), x > y);
    let cells = vec![RefCell::new(5), RefCell::new(2), RefCell::new(8)];
    let max = cells.iter().max().unwrap();
    println!("{} {}", max.borrow(), cells[0] == RefCell::new(5));
    println!("{:?}", Cell::new(1.5).partial_cmp(&Cell::new(f64::NAN)));
    println!("{:?}", RefCell::new("b").cmp(&RefCell::new("a")) == Ordering::Greater);
}
