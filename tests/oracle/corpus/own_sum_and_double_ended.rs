// A program's own `impl Sum` and `impl Product` (for values and for references), read by a
// `sum()` typed by its `let` or a turbofish, and a program's `DoubleEndedIterator`.
use std::iter::{Product, Sum};

#[derive(Debug, Clone, Copy, PartialEq)]
struct Cents(u64);

impl Sum for Cents {
    fn sum<I: Iterator<Item = Cents>>(iter: I) -> Cents {
        Cents(iter.map(|c| c.0).sum())
    }
}

impl<'a> Sum<&'a Cents> for Cents {
    fn sum<I: Iterator<Item = &'a Cents>>(iter: I) -> Cents {
        iter.fold(Cents(0), |a, c| Cents(a.0 + c.0))
    }
}

#[derive(Debug)]
struct Factor(u32);

impl Product for Factor {
    fn product<I: Iterator<Item = Factor>>(iter: I) -> Factor {
        Factor(iter.map(|f| f.0).product())
    }
}

struct Countdown {
    lo: i32,
    hi: i32,
}

impl Iterator for Countdown {
    type Item = i32;
    fn next(&mut self) -> Option<i32> {
        if self.lo >= self.hi {
            return None;
        }
        self.lo += 1;
        Some(self.lo - 1)
    }
}

impl DoubleEndedIterator for Countdown {
    fn next_back(&mut self) -> Option<i32> {
        if self.lo >= self.hi {
            return None;
        }
        self.hi -= 1;
        Some(self.hi)
    }
}

fn main() {
    let wallet = vec![Cents(150), Cents(25), Cents(300)];
    let total: Cents = wallet.iter().sum();
    let big: Cents = wallet.clone().into_iter().filter(|c| c.0 > 100).sum();
    println!("{:?} {:?} {:?}", total, big, wallet.into_iter().sum::<Cents>());
    let f: Factor = (1..=5).map(Factor).product();
    println!("{:?}", f);
    let mut c = Countdown { lo: 0, hi: 5 };
    println!("{:?} {:?} {:?}", c.next(), c.next_back(), c.collect::<Vec<_>>());
    println!("{:?}", Countdown { lo: 1, hi: 4 }.rev().collect::<Vec<_>>());
}
