// Round 5 of the newcomer tests: a struct field or a closure's return type types its collect(),
// char::MAX, x.into() into a wider parameter, u8::try_from(char), concat of vectors, dedup_by(_key),
// map_while, a byte's ASCII methods, wrapping_pow/shl/shr, next_power_of_two, i32::pow as a value.
use std::collections::HashSet;

struct Word {
    text: String,
    letters: HashSet<char>,
    upper: String,
}

fn word(s: &str) -> Word {
    Word { text: s.to_string(), letters: s.chars().collect(), upper: s.chars().map(|c| c.to_ascii_uppercase()).collect() }
}

fn widen(x: i64) -> i64 {
    x * 1_000_000_000
}

fn main() {
    let w = word("letter");
    let mut ls: Vec<_> = w.letters.iter().collect();
    ls.sort();
    println!("{} {:?} {} {}", w.text, ls, w.letters.len(), w.upper);
    let rev: Vec<String> = ["abc", "xy"].iter().map(|w| -> String { w.chars().rev().collect() }).collect();
    println!("{:?}", rev);
    println!("{} {}", char::MAX as u32, char::MAX.len_utf8());
    let small: i32 = 7;
    println!("{}", widen(small.into()));
    println!("{:?} {:?}", u8::try_from('é'), u8::try_from('Ā'));
    let grid = vec![vec![1, 2], vec![3], vec![]];
    println!("{:?}", grid.concat());
    let mut v = vec![1, 1, 2, 3, 3, 3, 4, 1];
    v.dedup();
    println!("{:?}", v);
    let mut names = vec!["apple", "avocado", "banana", "blueberry", "cherry", "apricot"];
    names.dedup_by_key(|s| s.chars().next());
    println!("{:?}", names);
    let mut nums = vec![10, 11, 20, 21, 22, 30];
    nums.dedup_by(|a, b| *a / 10 == *b / 10);
    println!("{:?}", nums);
    let first: Vec<u32> = ["1", "2", "x", "4"].iter().map_while(|s| s.parse().ok()).collect();
    println!("{:?}", first);
    let b: u8 = b'q';
    println!("{} {} {}", b.is_ascii_lowercase(), b.to_ascii_uppercase(), b.is_ascii_digit());
    println!("{} {} {}", 3u8.wrapping_pow(6), 2i32.wrapping_pow(31), 5u32.next_power_of_two());
    println!("{} {} {:?}", 1u8.wrapping_shl(9), (-16i32).wrapping_shr(2), 200u8.checked_next_power_of_two());
    let g = i32::pow;
    println!("{}", g(3, 4));
    let t: u16 = "70000".parse().unwrap_or(1);
    println!("{t}");
}
