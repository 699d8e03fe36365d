// impl fmt::Display for a struct: {} uses it, and so does to_string().
use std::fmt;

struct Money {
    cents: u64,
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "${}.{:02}", self.cents / 100, self.cents % 100)
    }
}

#[derive(Debug)]
enum Level {
    Low,
    High(u8),
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            Level::Low => write!(f, "low"),
            Level::High(n) => write!(f, "high({n})"),
        }
    }
}

fn main() {
    let m = Money { cents: 1234 };
    println!("{} / {}", m, Money { cents: 7 });
    let s = m.to_string();
    println!("{} chars", s.len());
    println!("{} {} {:?}", Level::Low, Level::High(3), Level::High(3));
}
