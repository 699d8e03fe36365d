// The program's ExactSizeIterator: len() is its size_hint's bound and leaves it where it was
// (it counted by draining it, and the iterator was then empty); <(i32, bool, String)>::default()
// and <[f32; 3]>::default() of types without a name (they were refused).
#[derive(Debug)]
struct Span { lo: i32, hi: i32 }
impl Iterator for Span {
    type Item = i32;
    fn next(&mut self) -> Option<i32> {
        if self.lo < self.hi { self.lo += 1; Some(self.lo - 1) } else { None }
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = (self.hi - self.lo).max(0) as usize;
        (n, Some(n))
    }
}
impl ExactSizeIterator for Span {}

struct Countdown(u32);
impl Iterator for Countdown {
    type Item = u32;
    fn next(&mut self) -> Option<u32> {
        if self.0 == 0 { None } else { self.0 -= 1; Some(self.0 + 1) }
    }
}
impl ExactSizeIterator for Countdown {}

fn main() {
    let mut s = Span { lo: -2, hi: 5 };
    println!("{} {:?}", s.len(), s.next());
    let two: Vec<i32> = s.by_ref().take(2).collect();
    println!("{} {:?} {:?}", s.len(), s, two);
    println!("{} {:?}", s.len(), s.collect::<Vec<_>>());
    let t = <(i32, bool, String)>::default();
    let a = <[f32; 3]>::default();
    let make = <(u8, Option<char>)>::default;
    println!("{:?} {:?} {:?}", t, a, make());
    let c = Countdown(3);
    println!("{}", c.len());
}
