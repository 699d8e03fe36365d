fn f(b: bool) -> bool {
    return !(b);
}
fn main() {
    let x = 3;
    if !(x > 5) { println!("a"); }
    if !(x > 1) { println!("b"); } else if !(x > 10) { println!("c"); }
    let mut n = 0;
    while !(n >= 2) { n += 1; }
    println!("{} {}", n, f(true));
    let v = match !(x == 3) { true => 1, false => 2 };
    println!("{}", v);
}
