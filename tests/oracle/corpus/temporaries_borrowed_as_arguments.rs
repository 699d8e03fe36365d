struct Loud(i32);
impl Drop for Loud { fn drop(&mut self) { println!("drop {}", self.0); } }
impl Loud { fn v(&self) -> i32 { self.0 } }
struct Pair { a: Loud, b: Loud }
fn mk(i: i32) -> Loud { println!("mk {}", i); Loud(i) }
fn sum(a: &Loud, b: &Loud) -> i32 { a.0 + b.0 }
fn first(v: &[Loud]) -> i32 { v[0].0 }
fn main() {
    let a = sum(&mk(1), &mk(2));
    println!("a={}", a);
    let b = vec![mk(3), mk(4)].len();
    println!("b={}", b);
    let c = (mk(5), mk(6)).1.v();
    println!("c={}", c);
    let d = Pair { b: mk(7), a: mk(8) }.a.v();
    println!("d={}", d);
    let e = first(&vec![mk(9), mk(10)]) + first(&[mk(11)]);
    println!("e={}", e);
    let f = [mk(12), mk(13)][1].v();
    println!("f={}", f);
    let g = Some(mk(14)).map(|l| l.v() + 1).unwrap();
    println!("g={}", g);
    let h = &mk(15);
    let i = &(mk(16), mk(17)).0;
    println!("h={} i={}", h.0, i.0);
    let j = sum(&Loud(18), &mk(19)) + mk(20).v();
    println!("j={}", j);
    println!("end");
}
