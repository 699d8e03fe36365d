// A struct's own `impl Iterator` gets the trait's adapters and consumers (the Rust Book's
// `Counter`, chapter 13), and `by_ref` advances the iterator the program holds.
struct Counter {
    count: u32,
}

impl Counter {
    fn new() -> Counter {
        Counter { count: 0 }
    }
}

impl Iterator for Counter {
    type Item = u32;

    fn next(&mut self) -> Option<Self::Item> {
        if self.count < 5 {
            self.count += 1;
            Some(self.count)
        } else {
            None
        }
    }
}

/// Every other element, by reference: `cloned()` is the iterator's adapter, not `Clone`.
struct Evens<'a> {
    v: &'a [u32],
    i: usize,
}

impl<'a> Iterator for Evens<'a> {
    type Item = &'a u32;
    fn next(&mut self) -> Option<&'a u32> {
        let x = self.v.get(self.i);
        self.i += 2;
        x
    }
}

/// Gives `Some` again after a `None`: `fuse()` stops at the first `None`.
struct Flicker {
    n: u32,
}

impl Iterator for Flicker {
    type Item = u32;
    fn next(&mut self) -> Option<u32> {
        self.n += 1;
        if self.n % 2 == 0 { None } else { Some(self.n) }
    }
}

fn main() {
    let d = [1, 2, 3, 4];
    let v: Vec<u32> = Evens { v: &d, i: 0 }.cloned().collect();
    println!("{v:?}");
    let mut raw = Flicker { n: 0 };
    println!("{:?} {:?} {:?}", raw.next(), raw.next(), raw.next());
    let mut f = Flicker { n: 0 }.fuse();
    println!("{:?} {:?} {:?}", f.next(), f.next(), f.next());
    let sum: u32 = Counter::new().zip(Counter::new().skip(1)).map(|(a, b)| a * b).filter(|x| x % 3 == 0).sum();
    println!("{}", sum);
    let doubled: Vec<u32> = Counter::new().map(|x| x * 2).collect();
    println!("{:?} {}", doubled, Counter::new().count());
    let mut c = Counter::new();
    let first_two: Vec<u32> = c.by_ref().take(2).collect();
    println!("{:?} then {:?}", first_two, c.next());
    let evens: Vec<(usize, u32)> = Counter::new().enumerate().filter(|(_, v)| v % 2 == 0).collect();
    println!("{:?} max {:?} last {:?}", evens, Counter::new().max(), Counter::new().last());
}
