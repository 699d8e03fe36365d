// An integer literal stored into a place takes the place's type, as rustc infers it: a local,
// a field, a tuple's element, a vector's or array's item, through a reference or a guard, and an
// item pushed or inserted, and a `let` or a field written with a sequence or tuple type.
// `checked_add` shows the type (`None` at the type's maximum).
use std::cell::RefCell;
use std::collections::VecDeque;

struct P {
    x: u8,
    pair: (u16, i8),
}

struct Bytes {
    items: Vec<u8>,
    fixed: [i8; 2],
}

enum Msg {
    Data(Vec<u16>),
}

enum E {
    A { n: u8 },
    B(i16),
}

fn main() {
    let mut x: u8 = 5;
    x = 255;
    let mut y = 5u8;
    y = 255;
    println!("{:?} {:?}", x.checked_add(1), y.checked_add(1));

    let mut p = P { x: 1, pair: (1, 1) };
    p.x = 255;
    let mut t = (1i8, 2u32);
    t.0 = 127;
    t.1 = 4294967295;
    println!("{:?} {:?} {:?}", p.x.checked_add(1), t.0.checked_add(1), t.1.checked_add(1));
    p.pair = (65535, 127);
    println!("{}", p.pair.0);

    let mut e = E::A { n: 1 };
    if let E::A { n } = &mut e {
        *n = 255;
    }
    if let E::A { n } = e {
        println!("{:?}", n.checked_add(1));
    }
    let mut b = E::B(1);
    if let E::B(k) = &mut b {
        *k = 32767;
        println!("{:?}", k.checked_add(1));
    }

    let mut z = 7u8;
    let r = &mut z;
    *r = 255;
    println!("{:?}", z.checked_add(1));

    let cell = RefCell::new(1u8);
    *cell.borrow_mut() = 255;
    println!("{:?}", cell.borrow().checked_add(1));

    let v: Vec<u8> = vec![255, 2];
    let a = [1u8, 255];
    let w = vec![255u8, 1];
    let arr: [i8; 2] = [127, 0];
    println!("{:?} {:?} {:?} {:?}", v[0].checked_add(1), a[1].checked_add(1), w[0].checked_add(1), arr[0].checked_add(1));

    let mut d: VecDeque<i8> = VecDeque::new();
    d.push_back(1i8);
    d.push_back(127);
    d.push_front(-128);
    let mut q = vec![1u8];
    q.push(255);
    q.insert(0, 255);
    println!("{:?} {:?} {:?} {:?}", d[1].checked_add(1), d[0].checked_sub(1), q[1].checked_add(1), q[0].checked_add(1));

    let t: (u8, i8) = (255, 127);
    let b = Bytes { items: vec![255, 1], fixed: [127, -128] };
    let Msg::Data(words) = Msg::Data(vec![65535]);
    println!(
        "{:?} {:?} {:?} {:?} {:?}",
        t.0.checked_add(1),
        t.1.checked_add(1),
        b.items[0].checked_add(1),
        b.fixed[1].checked_sub(1),
        words[0].checked_add(1)
    );
    let folded: Option<u8> = b.items.iter().copied().reduce(|a, x| a.wrapping_add(x));
    let none: Option<u8> = Vec::<u8>::new().into_iter().reduce(|a, x| a + x);
    println!("{:?} {:?}", folded, none);

    println!("{:?} {:?} {:?}", 10i32.checked_div(3), 7u8.checked_div(0), i8::MIN.checked_div(-1));
    let good: Result<u32, String> = Ok(4);
    println!("{}", good.unwrap_or_default());

    let mut items = vec![250u8, 0];
    items[1] = 250;
    let mut total = 0u8;
    for i in items {
        println!("total {} + {}", total, i);
        total += i;
    }
    println!("never printed");
}
