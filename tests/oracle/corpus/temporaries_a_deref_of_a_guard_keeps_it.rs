use std::sync::Mutex;
fn main() {
    let c = Mutex::new(5);
    println!("c={} held={}", *c.lock().unwrap(), c.try_lock().is_err());
    println!("d={} held={}", c.lock().unwrap(), c.try_lock().is_err());
    let g = format!("{} {}", *c.lock().unwrap() + 1, c.try_lock().is_err());
    println!("{}", g);
    let x = *c.lock().unwrap() + if c.try_lock().is_err() { 100 } else { 0 };
    println!("x={}", x);
    let y = (*c.lock().unwrap(), c.try_lock().is_err());
    println!("y={:?}", y);
}
