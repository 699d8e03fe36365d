// `split_at_mut` gives two halves written independently, `chunks_mut` views, `copy_from_slice`
// (also into a sub-slice); `HashMap::from` an array of pairs; `rsplitn`; a literal inside a
// `Cell<u8>`, `Mutex<i8>` or `Box<u16>` written on the `let` takes that type.
use std::cell::Cell;
use std::collections::HashMap;
use std::sync::Mutex;

fn main() {
    let mut v = vec![1, 2, 3, 4, 5];
    let (a, b) = v.split_at_mut(2);
    a[0] = 10;
    b[0] += 100;
    b.reverse();
    println!("{v:?}");
    for chunk in v.chunks_mut(2) {
        chunk[0] = -chunk[0];
    }
    println!("{v:?}");
    let mut w = [0u8; 4];
    w.copy_from_slice(&[1, 2, 3, 4]);
    w[1..3].copy_from_slice(&[9, 9]);
    let (x, y) = w.split_at(1);
    println!("{w:?} {x:?} {y:?}");
    let m = HashMap::from([("a", 1), ("b", 2), ("a", 3)]);
    let mut keys: Vec<_> = m.iter().collect();
    keys.sort();
    println!("{keys:?}");
    let parts: Vec<&str> = "a.b.c.d".rsplitn(2, '.').collect();
    println!("{parts:?}");
    let c: Cell<u8> = Cell::new(250);
    c.set(c.get().wrapping_add(10));
    let x: Mutex<i8> = Mutex::new(-100);
    {
        let mut g = x.lock().unwrap();
        *g = g.saturating_sub(100);
    }
    let b: Box<u16> = Box::new(65535);
    println!("{} {} {}", c.get(), *x.lock().unwrap(), b.wrapping_add(1));
}
