// const items and associated consts, and a static; a format string captures them by name.
const LIMIT: u32 = 3;
static GREETING: &str = "hello";
const NAMES: [&str; 3] = ["zero", "one", "two"];

struct Config;

impl Config {
    const RETRIES: u32 = LIMIT * 2;
}

fn main() {
    for i in 0..LIMIT {
        println!("{i} {}", NAMES[i as usize]);
    }
    println!("{}", Config::RETRIES);
    let width = 8;
    println!("{GREETING}, {LIMIT} times: [{GREETING:>width$}] [{LIMIT:03}]");
}
