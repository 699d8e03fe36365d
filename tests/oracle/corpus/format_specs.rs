// Format specs: width, fill, alignment, zero padding, signs, radixes, named and positional.
fn main() {
    let x = 42;
    let name = "ferris";
    println!("[{:5}] [{:<5}] [{:^5}] [{:>5}]", x, x, x, x);
    println!("[{:*^9}] [{:-<7}]", name, "ab");
    println!("[{:05}] [{:+}] [{:+04}]", x, x, -7);
    println!("{:x} {:X} {:#x} {:b} {:#b} {:o}", 255, 255, 255, 5, 5, 8);
    println!("{0} {1} {0} {name} {x}", "a", "b");
    println!("{v} and {v:?}", v = "named");
    let width = 6;
    println!("[{:>width$}] [{:>1$}]", 7, 4);
    println!("[{:.3}]", "truncate");
    println!("{{literal braces}}");
    println!("{:?} {:?} {:?}", 'q', '\n', "tab\there");
    println!("{:>6?}", Some(1));
    println!("{:#?}", vec![(1, 'a'), (2, 'b')]);
}
