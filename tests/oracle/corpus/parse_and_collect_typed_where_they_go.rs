// `parse()`, `collect()` and `into()` without a turbofish make the type of where their value
// goes: a function's parameter, a variant's field, a variable assigned to, a `map` feeding a
// typed `collect()`, the default of `unwrap_or`, through `map_err(…)?`.
use std::collections::{BTreeSet, HashSet};

#[derive(Debug)]
enum Tok {
    Num(f64),
    Word(String),
}

#[derive(Debug)]
enum Cmd {
    Add { name: String, price: f64 },
    Remove(u8),
}

fn half(x: f64) -> f64 {
    x / 2.0
}

fn count(s: HashSet<i32>) -> usize {
    s.len()
}

fn parse_cmd(line: &str) -> Result<Cmd, String> {
    let parts: Vec<&str> = line.split(' ').collect();
    match parts[0] {
        "add" => Ok(Cmd::Add { name: parts[1].to_string(), price: parts[2].parse().map_err(|e| format!("{:?}", e))? }),
        "rm" => Ok(Cmd::Remove(parts[1].parse().map_err(|e| format!("bad index: {}", e))?)),
        other => Err(format!("unknown {}", other)),
    }
}

fn main() {
    let v: Vec<f64> = "7 2".split(' ').map(|s| s.parse().unwrap()).collect();
    println!("{:?} {}", v, v[0] / v[1]);
    println!("{:?}", Tok::Num("1".parse().unwrap()));
    println!("{:?}", Tok::Word("w".into()));
    let x = "7".parse().unwrap_or(0.0);
    println!("{:?}", x);
    let y = "x".parse().unwrap_or(3u8);
    println!("{:?}", y);
    let mut u: BTreeSet<char> = BTreeSet::new();
    println!("{:?}", u);
    u = "apple".chars().collect();
    println!("{:?}", u);
    let mut total: f64 = 1.0;
    total = "2.5".parse().unwrap();
    println!("{}", total / 2.0);
    println!("{}", half("3".parse().unwrap()));
    println!("{}", count(vec![1, 1, 2].into_iter().collect()));
    for line in ["add tea 0.5", "rm 300", "rm 2", "buy x"] {
        println!("{:?}", parse_cmd(line));
    }
}
