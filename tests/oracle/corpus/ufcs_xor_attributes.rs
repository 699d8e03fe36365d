// Calls through a trait's path, Option::xor, and attributes whose values hold brackets.
#[derive(Clone, Debug, PartialEq)]
struct Pair(u32, u32);

#[rustfmt::skip::attributes[derive]]
#[allow(dead_code)]
fn doubled(p: &Pair) -> Pair {
    Pair(p.0 * 2, p.1 * 2)
}

#[rustfmt::skip[a[b], c]]
fn main() {
    let p = Pair(1, 2);
    let q = Clone::clone(&p);
    let r = std::clone::Clone::clone(&doubled(&q));
    println!("{:?} {:?} {}", q, r, q == p);
    let v = vec![3, 4];
    let mut it = v.iter();
    println!("{:?} {:?}", Iterator::next(&mut it), std::iter::Iterator::next(&mut it));
    let none: Option<u32> = None;
    println!("{:?} {:?}", none.xor(Some(2)), Some(1).xor(none));
    println!("{:?} {:?}", Some(1).xor(Some(2)), none.xor(None));
}
