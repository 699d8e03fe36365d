// A width or a precision taken from an argument, named (`w$`) or positional (`1$`).
async fn main() {
    let w = 6;
    println!("[{:>w$}]", 42);
    println!("[{:<w$}|{:^w$}]", "ab", "cd");
    println!("[{:>1$}]", 7, 4);
    println!("[{:.1$}]", "abcdef", 2);
    let name = "waker";
    let prec = 3;
    println!("[{name:>width$.prec$}]", width = 8);
    println!("[{:0>5}] [{:05}]", 9, 12);
    let s = format!("{:-^width$}", "mid", width = 11);
    println!("{s} {}", s.len());
}
