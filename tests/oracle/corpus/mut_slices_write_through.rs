// `&mut v[a..b]` refers to `v`'s elements where they are: writes through it, methods that
// change it (`reverse`, `sort`, `swap`, `fill`), `iter_mut`, a recursion on sub-slices (a
// learner's quicksort), and slices of a slice.
fn zero(s: &mut [i32]) {
    for x in s.iter_mut() {
        *x = 0;
    }
}

fn quicksort(v: &mut [i32]) {
    if v.len() <= 1 {
        return;
    }
    let pivot = v[v.len() - 1];
    let mut store = 0;
    for i in 0..v.len() - 1 {
        if v[i] < pivot {
            v.swap(i, store);
            store += 1;
        }
    }
    let last = v.len() - 1;
    v.swap(store, last);
    quicksort(&mut v[..store]);
    quicksort(&mut v[store + 1..]);
}

fn bump_all(s: &mut [u8]) {
    for x in s {
        *x += 1;
    }
}

fn main() {
    let mut v = vec![1, 2, 3, 4];
    let s = &mut v[..];
    s[3] = 5;
    zero(&mut v[..2]);
    v[2..].reverse();
    println!("{v:?}");
    let mut w = vec![9, 3, 7, 1, 8, 2, 6, 4, 5, 0];
    quicksort(&mut w);
    println!("{w:?}");
    let mut a = [5u8, 4, 3, 2, 1];
    a[1..4].sort();
    println!("{a:?}");
    bump_all(&mut a[3..]);
    a[..2].fill(7);
    println!("{a:?} {}", a[1..].len());
    let t = &mut w[2..8];
    t[0] = 100;
    let u = &mut t[1..3];
    u.swap(0, 1);
    u[1] += 1;
    if let Some(x) = t.last_mut() {
        *x = -1;
    }
    println!("{w:?}");
}
