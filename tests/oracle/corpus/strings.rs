// String and &str: building, slicing by chars, searching, splitting, parsing, comparing.
fn main() {
    let mut s = String::from("Hello");
    s.push_str(", world");
    s.push('!');
    println!("{s} has {} bytes", s.len());
    println!("{}", s.to_uppercase());
    println!("{:?}", s.find("world"));
    println!("{}", s.contains("lo, w"));
    println!("{}", s.replace("l", "L"));
    let words: Vec<&str> = "  a quick  brown fox ".split_whitespace().collect();
    println!("{:?} {}", words, words.len());
    println!("{:?}", "a,b,,c".split(',').collect::<Vec<_>>());
    println!("[{}]", "  padded  ".trim());
    let n: i32 = "42".parse().unwrap();
    let bad = "4x2".parse::<i32>();
    println!("{} {}", n + 1, bad.is_err());
    let chars: Vec<char> = "héllo".chars().collect();
    println!("{:?} {}", chars, chars.len());
    let rev: String = "stressed".chars().rev().collect();
    println!("{rev}");
    let mut owned = "abc".to_string();
    owned += "def";
    let joined = owned.clone() + "!";
    println!("{owned} {joined} {}", owned == "abcdef");
    println!("{}", "ab" < "b");
    println!("{:?}", "line one\nline two".lines().collect::<Vec<_>>());
    println!("{}", "x".repeat(3));
    println!("{:?} {:?}", "tail".strip_prefix("ta"), "tail".strip_suffix("z"));
    println!("{}", &s[0..5]);
}
