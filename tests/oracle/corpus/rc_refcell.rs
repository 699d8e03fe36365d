// Rc<RefCell<…>>: shared ownership with interior mutability; strong counts; Box<dyn Fn>.
use std::cell::RefCell;
use std::rc::Rc;

#[derive(Debug)]
struct Node {
    name: String,
    children: Vec<Rc<RefCell<Node>>>,
}

fn main() {
    let shared = Rc::new(RefCell::new(vec![1, 2]));
    let other = Rc::clone(&shared);
    other.borrow_mut().push(3);
    println!("{:?} count {}", shared.borrow(), Rc::strong_count(&shared));
    {
        let third = shared.clone();
        println!("count {}", Rc::strong_count(&third));
    }
    println!("count {}", Rc::strong_count(&shared));
    let root = Rc::new(RefCell::new(Node { name: "root".into(), children: vec![] }));
    let leaf = Rc::new(RefCell::new(Node { name: "leaf".into(), children: vec![] }));
    root.borrow_mut().children.push(leaf.clone());
    leaf.borrow_mut().name.push_str("!");
    println!("{} has {} child named {}", root.borrow().name, root.borrow().children.len(), root.borrow().children[0].borrow().name);
    let total = {
        let v = shared.borrow();
        v.iter().sum::<i32>()
    };
    println!("total {total}");
    let ops: Vec<Box<dyn Fn(i32) -> i32>> = vec![Box::new(|x| x + 1), Box::new(|x| x * 10)];
    println!("{:?}", ops.iter().map(|f| f(4)).collect::<Vec<_>>());
    let b = Box::new(5);
    println!("{}", *b + 1);
}
