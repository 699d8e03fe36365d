struct Loud(i32);
impl Drop for Loud { fn drop(&mut self) { println!("drop {}", self.0); } }
impl Loud { fn ok(&self) -> Result<i32, String> { if self.0 % 2 == 0 { Ok(self.0) } else { Err(format!("odd {}", self.0)) } } fn next(&self) -> Loud { Loud(self.0 + 1) } }
fn f(start: i32) -> Result<i32, String> {
    let _g = Loud(100);
    match Loud(start).ok()? {
        n => { println!("arm {}", n); }
    }
    let mut i = start;
    while let Some(k) = Some(Loud(i).ok()?) {
        println!("loop {}", k);
        i += 1;
        if i > start + 2 { break; }
    }
    Ok(i)
}
fn g() -> Result<i32, String> {
    let v = Loud(1).next().next().next().ok()?;
    println!("v={}", v);
    let w = Loud(5).next().ok()? + Loud(7).next().next().ok()?;
    Ok(w)
}
fn main() {
    println!("{:?}", f(2));
    println!("{:?}", f(3));
    println!("{:?}", g());
}
