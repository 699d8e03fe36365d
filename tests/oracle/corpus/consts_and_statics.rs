// const items and associated consts.
const LIMIT: u32 = 3;
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
}
