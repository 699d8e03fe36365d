// `e.f op= v` on fields, as one op: the place's base is evaluated once, the operand before the
// field is read (Rust's order for integers), through references, boxes, guards and nested
// fields, with a program's own `impl AddAssign` and `SubAssign` (called on the place itself, in
// place), and an overflow as a panic at its line.
use std::cell::RefCell;
use std::ops::{Add, AddAssign, SubAssign};
use std::rc::Rc;

#[derive(Clone, Copy, Debug, PartialEq)]
struct V(i32, i32);

impl Add for V {
    type Output = V;
    fn add(self, o: V) -> V {
        V(self.0 + o.0, self.1 + o.1)
    }
}

impl AddAssign for V {
    fn add_assign(&mut self, o: V) {
        println!("add_assign {:?} += {:?}", self, o);
        *self = *self + o;
    }
}

impl SubAssign<i32> for V {
    fn sub_assign(&mut self, n: i32) {
        self.0 -= n;
        self.1 -= n;
    }
}

#[derive(Debug)]
struct Inner {
    n: u8,
}

#[derive(Debug)]
struct P {
    x: u32,
    t: (u8, i64),
    v: V,
    inner: Inner,
}

fn pick<'a>(ps: &'a mut Vec<P>, i: usize, calls: &mut u32) -> &'a mut P {
    *calls += 1;
    &mut ps[i]
}

fn main() {
    let mut p = P { x: 1, t: (250, -3), v: V(1, 2), inner: Inner { n: 7 } };
    p.x += {
        p.x = 5;
        1
    };
    println!("{}", p.x);
    p.t.1 *= {
        p.t.1 = 7;
        2
    };
    p.t.0 += 5;
    p.v += V(10, 20);
    p.v -= 1;
    let mut w = V(5, 5);
    let copy = w;
    w += V(1, 2);
    w -= 10;
    let r = &mut w;
    *r += V(100, 100);
    let mut vs = vec![V(0, 0), V(1, 1)];
    vs[1] += V(2, 2);
    println!("{:?} {:?} {:?}", w, copy, vs);
    p.inner.n <<= 2;
    p.x ^= 0b11;
    p.x %= 4;
    println!("{:?}", p);

    let q = &mut p;
    q.x -= 1;
    q.inner.n /= 3;
    println!("{} {}", q.x, q.inner.n);

    let mut ps = vec![P { x: 0, t: (0, 0), v: V(0, 0), inner: Inner { n: 0 } }, P { x: 9, t: (1, 1), v: V(1, 1), inner: Inner { n: 1 } }];
    let mut calls = 0;
    pick(&mut ps, 1, &mut calls).x += 100;
    pick(&mut ps, 0, &mut calls).t.1 -= 4;
    println!("{} {} calls={}", ps[1].x, ps[0].t.1, calls);

    let mut b = Box::new(Inner { n: 1 });
    b.n += 2;
    let shared = Rc::new(RefCell::new(Inner { n: 10 }));
    shared.borrow_mut().n -= 4;
    println!("{} {}", b.n, shared.borrow().n);

    let mut last = Inner { n: 250 };
    for _ in 0..3 {
        last.n += 3;
        println!("n = {}", last.n);
    }
    println!("never printed");
}
