struct Loud(i32);
impl Drop for Loud { fn drop(&mut self) { println!("drop {}", self.0); } }
impl Loud { fn v(&self) -> i32 { self.0 } }
struct W { a: Loud, b: Loud }
fn main() {
    let x = &W { a: Loud(1), b: Loud(2) }.a;
    println!("x={}", x.0);
    let y = &(Loud(3), Loud(4)).1;
    println!("y={}", y.0);
    let z = &[Loud(5), Loud(6)][0];
    println!("z={}", z.0);
    let v = &Loud(7).v();
    println!("v={}", v);
    let s = Some(&Loud(8));
    println!("s={}", s.unwrap().0);
    println!("end");
}
