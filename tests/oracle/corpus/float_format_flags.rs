// A learner's table of float formats (round 5): widths, fills, alignment, {:.*}, {:+}, {:e}.
// Format flags galore
fn main() {
    let pi = 3.14159265_f64;
    let n = 255;
    let neg = -42i32;
    println!("[{:>8.2}]", pi);
    println!("[{:<8.2}]", pi);
    println!("[{:^10}]", "mid");
    println!("[{:*^11}]", "mid");
    println!("[{:08.3}]", pi);
    println!("[{:08.3}]", -pi);
    println!("[{:+}]", 5);
    println!("[{:+}]", neg);
    println!("[{:+.2}]", pi);
    println!("[{:#x}]", n);
    println!("[{:#X}]", n);
    println!("[{:x}]", n);
    println!("[{:#b}]", 5u8);
    println!("[{:010b}]", 5u8);
    println!("[{:#010b}]", 5u8);
    println!("[{:o}]", 64);
    println!("[{:#o}]", 64);
    println!("[{:e}]", 1234.5f64);
    println!("[{:e}]", 0.00012f64);
    println!("[{:E}]", 1500000000.0f64);
    println!("[{:5}]", 42);
    println!("[{:<5}]", 42);
    println!("[{:^5}]", 42);
    println!("[{:05}]", -42);
    println!("[{:>width$}]", "r", width = 6);
    println!("[{:.*}]", 3, 2.718281828);
    println!("[{:.prec$}]", 1.0 / 3.0, prec = 5);
    println!("[{:>10}]", format!("{:.1}%", 45.678));
    println!("[{0}-{1}-{0}]", "a", "b");
    let name = "ferris";
    println!("[{name:>10}]");
    println!("[{:?}]", "quote\"d\n");
    println!("[{:?}]", 'c');
    println!("[{:10?}]", Some(3));
    println!("[{:x}]", -1i8);
    println!("[{:x}]", 3735928559u32);
    println!("{{literal braces}}");
    println!("[{:>6}]", true);
    println!("[{:.0}]", 2.5f64);
    println!("[{:.0}]", 3.5f64);
    println!("[{:.1}]", 0.05f64);
    println!("[{:.2}]", 1.005f64);
}
