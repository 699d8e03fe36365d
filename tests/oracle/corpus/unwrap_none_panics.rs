// unwrap on None panics with Rust's message.
fn main() {
    let v: Vec<i32> = Vec::new();
    println!("first is {:?}", v.first());
    let x: Option<i32> = v.first().copied();
    println!("{}", x.unwrap());
}
