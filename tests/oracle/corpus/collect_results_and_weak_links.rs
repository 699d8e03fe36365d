// `collect()` into `Result<Vec<_>, E>` stops at the first `Err` and gives it (the closure is not
// called for the items after), into `Option<Vec<_>>` at the first `None`; a tree with `Weak`
// parent links (`Weak::new()` dangling until set, `Rc::weak_count`); `rotate_left` and
// `rotate_right` on a `Vec` and a `VecDeque`.
use std::cell::RefCell;
use std::collections::VecDeque;
use std::num::ParseIntError;
use std::rc::{Rc, Weak};

struct Node {
    val: i32,
    parent: RefCell<Weak<Node>>,
    children: RefCell<Vec<Rc<Node>>>,
}

fn parse_all(text: &str) -> Result<Vec<i32>, ParseIntError> {
    text.split(',')
        .map(|s| {
            println!("  parsing {s:?}");
            s.parse::<i32>()
        })
        .collect()
}

fn evens(v: &[i32]) -> Option<Vec<i32>> {
    if v.is_empty() {
        return v.iter().map(|x| Some(*x)).collect();
    }
    v.iter().map(|x| if x % 2 == 0 { Some(*x) } else { None }).collect()
}

fn main() {
    println!("{:?} {:?} {:?}", evens(&[]), evens(&[2, 4]), evens(&[2, 3]));
    println!("{:?}", parse_all("1,2,3"));
    println!("{:?}", parse_all("4,x,5").map_err(|e| e.to_string()));
    let halves = [2, 4, 5, 6].iter().map(|n| if n % 2 == 0 { Some(n / 2) } else { None }).collect::<Option<Vec<_>>>();
    let all: Option<Vec<i32>> = [2, 4].iter().map(|n| Some(n / 2)).collect();
    println!("{:?} {:?}", halves, all);
    let empty: Result<Vec<u8>, String> = Vec::new().into_iter().collect();
    println!("{:?}", empty);

    let leaf = Rc::new(Node { val: 3, parent: RefCell::new(Weak::new()), children: RefCell::new(vec![]) });
    println!("before: {:?}", leaf.parent.borrow().upgrade().map(|p| p.val));
    let branch = Rc::new(Node { val: 5, parent: RefCell::new(Weak::new()), children: RefCell::new(vec![Rc::clone(&leaf)]) });
    *leaf.parent.borrow_mut() = Rc::downgrade(&branch);
    println!(
        "after: {:?}, leaf strong {} weak {}, branch strong {} weak {}, {} child",
        leaf.parent.borrow().upgrade().map(|p| p.val),
        Rc::strong_count(&leaf),
        Rc::weak_count(&leaf),
        Rc::strong_count(&branch),
        Rc::weak_count(&branch),
        branch.children.borrow().len()
    );
    drop(branch);
    println!("gone: {:?}", leaf.parent.borrow().upgrade().map(|p| p.val));

    let mut v = vec![1, 2, 3, 4, 5];
    v.rotate_left(2);
    println!("{:?}", v);
    v.rotate_right(1);
    println!("{:?}", v);
    let mut q: VecDeque<char> = "abcd".chars().collect();
    q.rotate_left(1);
    q.rotate_right(3);
    println!("{:?}", q);
    v.rotate_left(6);
    println!("never printed");
}
