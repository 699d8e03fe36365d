// The char and string methods the other programs do not call: ASCII and Unicode classes, case,
// UTF-8 lengths, bytes, and strings edited in place.
use std::fmt::Write;

async fn main() {
    for c in ['a', 'Z', '7', '!', ' ', 'é', 'ß'] {
        println!(
            "{:?}: {} {} {} {} {} {} {} {} {}",
            c,
            c.is_ascii(),
            c.is_ascii_alphabetic(),
            c.is_ascii_lowercase(),
            c.is_ascii_uppercase(),
            c.is_ascii_punctuation(),
            c.is_lowercase(),
            c.is_uppercase(),
            c.is_numeric(),
            c.len_utf8()
        );
    }
    let s = "Wake Me";
    println!("{:?} {}", s.as_bytes(), s.is_ascii());
    println!("{} {}", s.eq_ignore_ascii_case("wAKE mE"), s.eq_ignore_ascii_case("wake"));
    println!("{} {} {}", s.to_ascii_lowercase(), s.to_lowercase(), "ÉTÉ".to_lowercase());
    println!("[{}] [{}]", "  pad  ".trim_end(), "  pad  ".trim_start());
    let mut t = String::from("poll");
    t.insert_str(0, "re-");
    t.insert_str(t.len(), "ed");
    let tail = t.split_off(3);
    println!("{t} {tail} {}", t.len());
    let owned: String = "kept".to_owned();
    let bytes = owned.clone().into_bytes();
    println!("{owned} {:?} {}", bytes, bytes.len());
    let mut out = String::new();
    write!(out, "{}-{}", 1, 2).unwrap();
    out.write_str("!").unwrap();
    writeln!(out, " done").unwrap();
    println!("{:?}", out);
    shown().await;
    asked().await;
}

// `Formatter::pad` honours the width, fill and precision it was called with; `alternate` is `#`.
struct Tag(&'static str);

impl std::fmt::Display for Tag {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if f.alternate() {
            f.pad(&self.0.to_uppercase())
        } else {
            f.pad(self.0)
        }
    }
}

async fn shown() {
    let t = Tag("wake");
    println!("[{}] [{:>8}] [{:-<7}] [{:^9.2}] [{:#}] [{:#>6}]", t, t, t, t, t, t);
}

// `write!` into the formatter ignores the placeholder's width: only `pad` applies it.
struct Plain(u32);

impl std::fmt::Display for Plain {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "#{}", self.0)
    }
}

// What a placeholder asked for, read by the impl.
struct Asked;

impl std::fmt::Display for Asked {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (w, p, fill, plus) = (f.width(), f.precision(), f.fill(), f.sign_plus());
        write!(f, "{:?} {:?} {:?} {}", w, p, fill, plus)
    }
}

async fn asked() {
    println!("[{:>6}] [{:<4}] [{}]", Plain(7), Plain(42), Plain(1).to_string().len());
    println!("{:*>7.3} | {} | {:+}", Asked, Asked, Asked);
}
