// `Rc::default()`, `Arc::default()` and `Default::default()` where the type is written (a `let`,
// a struct field, through a type alias), as a hand-written executor's spawner makes its queues;
// and `String::from_utf8_lossy(..).into_owned()`.
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;
use std::sync::{Arc, Mutex};

type Tasks = Rc<RefCell<Vec<u32>>>;
type Queue = Arc<Mutex<VecDeque<usize>>>;

#[derive(Clone)]
struct Spawner {
    tasks: Tasks,
    queue: Queue,
    polls: Rc<Cell<u64>>,
}

fn main() {
    let rt = Spawner { tasks: Rc::default(), queue: Arc::default(), polls: Rc::default() };
    let other = rt.clone();
    other.tasks.borrow_mut().push(7);
    rt.queue.lock().unwrap().push_back(2);
    rt.polls.set(rt.polls.get() + 1);
    println!("{:?} {:?} {}", rt.tasks.borrow(), other.queue.lock().unwrap(), other.polls.get());
    let r: Rc<RefCell<Vec<u32>>> = Rc::default();
    r.borrow_mut().push(5);
    let m: Arc<Mutex<String>> = Default::default();
    m.lock().unwrap().push_str("hi");
    let c: RefCell<String> = RefCell::default();
    c.borrow_mut().push('x');
    println!("{:?} {:?} {:?} {}", r, m.lock().unwrap(), c, Rc::strong_count(&rt.tasks));
    let raw = b"PING\r\nrest";
    let line = String::from_utf8_lossy(&raw[..4]).into_owned();
    println!("{} {}", line, line.len());
}
