fn is_pangram(s: &str) -> bool {
    let lower = s.to_lowercase();
    ('a'..='z').all(|c| lower.contains(c))
}
fn main() {
    println!("{} {}", is_pangram("The quick brown fox jumps over the lazy dog"), is_pangram("abc"));
    let letters: String = ('a'..'f').collect();
    println!("{letters}");
    for c in 'x'..='z' {
        print!("{c}");
    }
    println!();
    println!("{}", ('a'..='z').count());
    println!("{:?}", ('a'..='e').rev().step_by(2).collect::<Vec<_>>());
}
