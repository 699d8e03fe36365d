// impl Iterator for a struct: a for loop calls its next.
struct Fib {
    a: u64,
    b: u64,
    left: u32,
}

impl Iterator for Fib {
    type Item = u64;
    fn next(&mut self) -> Option<u64> {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        let out = self.a;
        self.a = self.b;
        self.b += out;
        Some(out)
    }
}

fn main() {
    for n in (Fib { a: 0, b: 1, left: 10 }) {
        print!("{n} ");
    }
    println!();
    let mut f = Fib { a: 5, b: 8, left: 2 };
    println!("{:?} {:?} {:?}", f.next(), f.next(), f.next());
}
