// Option and Result combinators.
fn halve(x: i32) -> Option<i32> {
    if x % 2 == 0 { Some(x / 2) } else { None }
}

fn divide(a: i32, b: i32) -> Result<i32, String> {
    if b == 0 { Err("divide by zero".to_string()) } else { Ok(a / b) }
}

fn main() {
    let a = Some(8);
    println!("{:?} {:?}", a.map(|x| x + 1), a.and_then(halve).and_then(halve).and_then(halve));
    println!("{} {}", a.unwrap_or(0), None.unwrap_or(5));
    println!("{:?} {:?}", a.filter(|x| *x > 10), a.or(Some(1)));
    println!("{:?} {:?}", halve(3).ok_or("odd"), a.is_some());
    println!("{:?} {:?}", divide(7, 2), divide(1, 0));
    println!("{:?}", divide(9, 3).map(|x| x * 2));
    println!("{:?}", divide(9, 0).map_err(|e| e.len()));
    println!("{} {}", divide(4, 0).unwrap_or(-1), divide(4, 2).is_ok());
    println!("{:?} {:?}", divide(1, 1).ok(), divide(1, 0).err());
    let mut slot: Option<String> = None;
    println!("{:?}", slot.take());
    slot = Some("first".to_string());
    let old = slot.replace("second".to_string());
    println!("{:?} {:?}", old, slot);
    let got = slot.get_or_insert_with(|| "never".to_string());
    got.push('!');
    println!("{:?} {}", slot, slot.as_ref().map(|s| s.len()).unwrap_or(0));
    if let Some(s) = slot.as_mut() {
        s.push('?');
    }
    println!("{:?}", slot);
    let n: Option<u32> = "12".parse().ok();
    println!("{:?} {}", n, n.map_or(0, |x| x * 2));
}
