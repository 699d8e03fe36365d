struct Loud(i32);
impl Drop for Loud { fn drop(&mut self) { println!("drop {}", self.0); } }
impl Loud { fn get(&self) -> Option<i32> { if self.0 > 0 { Some(self.0) } else { None } } }
fn mk(i: i32) -> Loud { println!("mk {}", i); Loud(i) }
fn f(i: i32) -> i32 {
    let _g = Loud(100);
    let Some(x) = mk(i).get() else {
        println!("else branch");
        return -1;
    };
    println!("x={}", x);
    x
}
fn main() {
    println!("{}", f(3));
    println!("{}", f(0));
    let y = {
        let _a = Loud(50);
        let z = { mk(7).get().unwrap() + 1 };
        println!("inner z={}", z);
        z
    };
    println!("y={}", y);
    println!("end");
}
