fn main() {
    println!("[{:>6?}] [{:<6?}] [{:>8?}]", 'z', "ab", String::from("s"));
    println!("[{:>10?}] [{:>5?}] [{:<12?}]", Some("x"), Some(1), (1, "a"));
    println!("[{:^9?}] [{:>4?}] [{:>7?}]", vec!["a"], true, 'q');
    println!("[{:>6}] [{:<6}] [{:^7}]", 'z', "ab", String::from("s"));
    println!("[{:>8?}] [{:>8?}]", 1.5, Some(2.5));
}
