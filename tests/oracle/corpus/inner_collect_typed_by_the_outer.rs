fn reversed_words(s: &str) -> Vec<String> {
    s.split(' ').map(|w| w.chars().rev().collect()).collect()
}
fn upper(s: &str) -> Vec<String> {
    s.split(',').map(|w| {
        let t = w.trim();
        t.chars().map(|c| c.to_ascii_uppercase()).collect()
    }).collect()
}
fn main() {
    println!("{:?}", reversed_words("hello world"));
    println!("{:?}", upper("a b, cd"));
    let v: Vec<String> = vec!["ab", "cd"].iter().map(|s| s.chars().rev().collect()).collect();
    println!("{}", v.join("-"));
}
