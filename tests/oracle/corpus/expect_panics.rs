// expect carries its message; a Result's unwrap shows the error with Debug.
fn main() {
    let r: Result<u32, String> = Err("no luck".to_string());
    println!("{}", r.clone().unwrap_or(7));
    let n: Option<u8> = None;
    n.expect("the config must name a port");
}
