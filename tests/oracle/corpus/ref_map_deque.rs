// Too Many Lists' "bad but safe" deque: `Rc<RefCell<Node<T>>>` links, and `peek_front`
// returning `Ref::map(node.borrow(), |node| &node.elem)`, which keeps the node borrowed while
// the `Ref` lives (a `borrow_mut` then would panic).
use std::cell::{Ref, RefCell, RefMut};
use std::rc::Rc;

type Link<T> = Option<Rc<RefCell<Node<T>>>>;

struct Node<T> {
    elem: T,
    next: Link<T>,
    prev: Link<T>,
}

struct List<T> {
    head: Link<T>,
    tail: Link<T>,
}

impl<T> List<T> {
    fn new() -> Self {
        List { head: None, tail: None }
    }

    fn push_front(&mut self, elem: T) {
        let new_head = Rc::new(RefCell::new(Node { elem, next: None, prev: None }));
        match self.head.take() {
            Some(old_head) => {
                old_head.borrow_mut().prev = Some(new_head.clone());
                new_head.borrow_mut().next = Some(old_head);
                self.head = Some(new_head);
            }
            None => {
                self.tail = Some(new_head.clone());
                self.head = Some(new_head);
            }
        }
    }

    fn pop_front(&mut self) -> Option<T> {
        self.head.take().map(|old_head| {
            match old_head.borrow_mut().next.take() {
                Some(new_head) => {
                    new_head.borrow_mut().prev.take();
                    self.head = Some(new_head);
                }
                None => {
                    self.tail.take();
                }
            }
            Rc::try_unwrap(old_head).ok().unwrap().into_inner().elem
        })
    }

    fn peek_front(&self) -> Option<Ref<'_, T>> {
        self.head.as_ref().map(|node| Ref::map(node.borrow(), |node| &node.elem))
    }

    fn peek_front_mut(&mut self) -> Option<RefMut<'_, T>> {
        self.head.as_ref().map(|node| RefMut::map(node.borrow_mut(), |node| &mut node.elem))
    }
}

fn main() {
    let mut list = List::new();
    assert!(list.peek_front().is_none());
    list.push_front(1);
    list.push_front(2);
    list.push_front(3);
    println!("front: {}", &*list.peek_front().unwrap());
    *list.peek_front_mut().unwrap() = 30;
    println!("front after the write: {}", *list.peek_front().unwrap());
    if let Some(mut v) = list.peek_front_mut() {
        *v += 1;
    }
    println!("popped {:?}, {:?}", list.pop_front(), list.pop_front());
    let held = list.peek_front().unwrap();
    println!("held {}", *held);
    let node = list.head.as_ref().unwrap().clone();
    println!("while held: try_borrow_mut is {}", if node.try_borrow_mut().is_err() { "refused" } else { "allowed" });
    drop(held);
    println!("after the drop: try_borrow_mut is {}", if node.try_borrow_mut().is_err() { "refused" } else { "allowed" });
}
