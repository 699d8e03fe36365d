#[derive(PartialEq, Debug)]
struct Loud(i32);
impl Drop for Loud { fn drop(&mut self) { println!("drop {}", self.0); } }
fn mk(i: i32) -> Loud { println!("mk {}", i); Loud(i) }
fn main() {
    let e = mk(1) == mk(2);
    println!("e={}", e);
    if mk(3) == mk(3) { println!("eq"); }
    let n = mk(4) != mk(5) && mk(6) == mk(6);
    println!("n={}", n);
    println!("{}", mk(7) == mk(8));
    println!("end");
}
