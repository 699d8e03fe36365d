// Byte strings: `b"…"` with escapes and a line continuation, raw `br"…"` and `br#"…"#`, each a
// `&[u8; N]`, and matched as a pattern against a slice of bytes.
fn method(req: &[u8]) -> &'static str {
    match req {
        b"GET" => "get",
        b"POST" => "post",
        _ => "other",
    }
}
fn main() {
    println!("{:?}", b"bytes");
    let greeting = b"hi\n\x7f\\\"";
    println!("{:?} {}", greeting, greeting.len());
    let raw = br"a\b";
    let raw2 = br#"say "x""#;
    println!("{:?} {:?}", raw, raw2);
    println!("{} {} {}", method(b"GET"), method(b"POST"), method(&[1, 2]));
    let s = String::from_utf8(b"hello".to_vec()).unwrap();
    println!("{s}");
    let sum: u32 = b"abc".iter().map(|&b| b as u32).sum();
    println!("{sum} {}", b"abc"[1]);
    let long = b"one \
                 two";
    println!("{:?} {}", long, long.len());
}
