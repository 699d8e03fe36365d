// A pattern matched against a variable that holds a reference (`let r = &mut opt;` then
// `if let Some(v) = r`) binds into what it points at, as `&mut opt` written in place does:
// writes through the bindings change the original.
fn main() {
    let mut opt = Some(1);
    let r = &mut opt;
    if let Some(v) = r {
        *v += 10;
    }
    println!("{:?}", opt);
    let mut pair = (1, 2);
    let p = &mut pair;
    match p {
        (a, _) => *a = 7,
    }
    println!("{:?}", pair);
    let mut list = vec![Some(1), None, Some(3)];
    for item in list.iter_mut() {
        let slot = item;
        if let Some(n) = slot {
            *n *= 2;
        }
    }
    println!("{:?}", list);
    let shared = &list;
    if let [Some(first), ..] = shared.as_slice() {
        println!("first {first}");
    }
}
