// `print!` without an end of line at the end of `main`: the exit flushes it.
fn main() {
    print!("start ");
    println!("line");
    for i in 0..3 {
        print!("{} ", i);
    }
}
