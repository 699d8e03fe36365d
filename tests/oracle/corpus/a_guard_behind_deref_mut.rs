// A guard type whose `deref_mut` returns `&mut self.value` of a `RefMut` field (deref-coerced to
// `&mut T` in Rust): `*guard += 1` writes into the `RefCell`, through the `RefMut`, as an async
// mutex's guard in a hand-written executor does.
use std::cell::{Cell, RefCell, RefMut};
use std::ops::{Deref, DerefMut};

struct Lock<T> {
    locked: Cell<bool>,
    value: RefCell<T>,
}

struct Guard<'a, T> {
    lock: &'a Lock<T>,
    value: RefMut<'a, T>,
}

impl<T> Lock<T> {
    fn new(v: T) -> Self {
        Lock { locked: Cell::new(false), value: RefCell::new(v) }
    }
    fn lock(&self) -> Guard<'_, T> {
        self.locked.set(true);
        Guard { lock: self, value: self.value.borrow_mut() }
    }
}

impl<'a, T> Deref for Guard<'a, T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

impl<'a, T> DerefMut for Guard<'a, T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.value
    }
}

impl<'a, T> Drop for Guard<'a, T> {
    fn drop(&mut self) {
        self.lock.locked.set(false);
    }
}

fn main() {
    let counter = Lock::new(5u32);
    {
        let mut g = counter.lock();
        *g += 1;
        println!("inside {} locked {}", *g, counter.locked.get());
    }
    *counter.lock() += 10;
    *counter.lock() *= 2;
    println!("counter {} locked {}", counter.value.borrow(), counter.locked.get());

    let names = Lock::new(Vec::<String>::new());
    names.lock().push("a".to_string());
    {
        let mut g = names.lock();
        g.push("b".to_string());
        *g = vec![g.join("+")];
    }
    println!("{:?}", names.value.borrow());
}
