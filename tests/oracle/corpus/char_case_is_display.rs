fn capitalize(w: &str) -> String {
    let mut cs = w.chars();
    match cs.next() {
        Some(f) => f.to_uppercase().to_string() + cs.as_str(),
        None => String::new(),
    }
}
fn main() {
    println!("{} {}", 'ß'.to_uppercase(), 'A'.to_lowercase());
    println!("{}", capitalize("hello"));
    let up: String = "abc".chars().map(|c| c.to_ascii_uppercase()).collect();
    let first = 'q'.to_uppercase().next().unwrap();
    let all: String = "straße".chars().flat_map(|c| c.to_uppercase()).collect();
    println!("{up} {first} {all}");
    println!("[{:>4}] [{:<3}] [{:>4}]", 'q'.to_uppercase(), 'A'.to_lowercase(), 'q');
}
