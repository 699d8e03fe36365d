struct Loud(i32);
impl Drop for Loud { fn drop(&mut self) { println!("drop {}", self.0); } }
impl Loud { fn v(&self) -> i32 { self.0 } fn ok(&self) -> Result<i32, String> { if self.0 % 2 == 0 { Ok(self.0) } else { Err(format!("odd {}", self.0)) } } fn next(&self) -> Loud { Loud(self.0 + 1) } }
fn g() -> Result<i32, String> {
    let v = Loud(1).next().v();
    println!("v={}", v);
    let w = Loud(5).next().v() + Loud(9).ok()?;
    Ok(w)
}
fn main() {
    println!("{:?}", g());
}
