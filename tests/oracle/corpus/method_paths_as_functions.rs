// A method named by its type or trait is a function value: `map(ToString::to_string)`,
// `map(str::len)`, `filter(char::is_ascii_digit)`, `map(i32::abs)`, a program's trait's method
// by the trait's name, and a program's own method by its type's.
trait Shout {
    fn shout(&self) -> String;
}

struct Word(String);

impl Shout for Word {
    fn shout(&self) -> String {
        self.0.to_uppercase()
    }
}

impl Word {
    fn size(&self) -> usize {
        self.0.len()
    }
}

fn main() {
    let nums = vec![1, -2, 3];
    let texts: Vec<String> = nums.iter().map(ToString::to_string).collect();
    println!("{texts:?}");
    let lens: Vec<usize> = ["a", "bcd"].iter().map(|s| *s).map(str::len).collect();
    println!("{lens:?}");
    let digits: String = "a1b2c3".chars().filter(char::is_ascii_digit).collect();
    println!("{digits}");
    let abs: Vec<i32> = nums.into_iter().map(i32::abs).collect();
    println!("{abs:?}");
    let words = vec![Word(String::from("hi")), Word(String::from("yo"))];
    let loud: Vec<String> = words.iter().map(Shout::shout).collect();
    let sizes: Vec<usize> = words.iter().map(Word::size).collect();
    println!("{loud:?} {sizes:?}");
    let somes = [Some(1), None, Some(3)].iter().filter(|o| o.is_some()).count();
    println!("{somes}");
}
