// What a learner round found (2026-12-07): indexing a type through its `Deref` (a sorted
// vector that derefs to its slice), a comparison method's argument read, not moved (the best
// of `iter().max()` compared in a closure), `checked_add_signed` and its kin, `retain_mut`,
// and `parse()` typed through a `Result` the items are collected into.
use std::cmp::Ordering;
use std::collections::VecDeque;
use std::num::ParseIntError;
use std::ops::Deref;
use std::str::FromStr;

struct SortedVec<T: Ord> {
    data: Vec<T>,
}

impl<T: Ord> Deref for SortedVec<T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        &self.data
    }
}

impl<T: Ord> SortedVec<T> {
    fn insert(&mut self, x: T) {
        let at = self.data.binary_search(&x).unwrap_or_else(|i| i);
        self.data.insert(at, x);
    }
}

#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Rank {
    High(Vec<u8>),
    Pair(u8, Vec<u8>),
}

#[derive(Debug)]
struct Move {
    count: usize,
    from: usize,
}

impl FromStr for Move {
    type Err = ParseIntError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (a, b) = s.split_once(' ').unwrap_or((s, "0"));
        Ok(Move { count: a.parse()?, from: b.parse()? })
    }
}

#[derive(Debug)]
struct Job {
    left: u32,
}

fn main() {
    let mut sv = SortedVec { data: vec![7, 19, 42] };
    sv.insert(8);
    sv.insert(-3);
    println!("{:?} {:?} {} {}", &sv[..], &sv[1..3], sv[0], sv.len());
    println!("{:?} {:?}", sv.first(), sv.iter().rev().take(2).collect::<Vec<_>>());

    let ranked: Vec<(Rank, &str)> = vec![(Rank::High(vec![9, 4]), "a"), (Rank::Pair(3, vec![5]), "b"), (Rank::Pair(3, vec![5]), "c")];
    let best = ranked.iter().map(|(r, _)| r).max();
    let winners: Vec<&str> = match best {
        Some(b) => ranked.iter().filter(|(r, _)| r.cmp(b) == Ordering::Equal).map(|&(_, h)| h).collect(),
        None => vec![],
    };
    println!("{:?} {}", winners, ranked.len());
    let b = &ranked[0].0;
    println!("{} {}", ranked.iter().filter(|(r, _)| r.eq(b)).count(), ranked.iter().filter(|(r, _)| r.gt(b)).count());

    let x: usize = 5;
    println!("{:?} {:?} {} {}", x.checked_add_signed(-3), x.checked_add_signed(-6), x.saturating_add_signed(-9), 250u8.wrapping_add_signed(10));
    println!("{:?} {} {}", 7u8.checked_add_signed(-8), 2.5f64.lt(&f64::NAN), 3.gt(&2));

    let mut v = vec![1, 2, 3, 4, 5];
    v.retain_mut(|x| {
        *x *= 10;
        *x > 20
    });
    let mut jobs = vec![Job { left: 1 }, Job { left: 3 }, Job { left: 2 }];
    jobs.retain_mut(|j| {
        j.left -= 1;
        j.left > 0
    });
    let mut d: VecDeque<i32> = (1..6).collect();
    d.retain_mut(|x| {
        *x += 1;
        *x % 2 == 0
    });
    println!("{:?} {:?} {:?}", v, jobs, d);

    let lines = "1 2\n3 1\n2 2";
    let moves: Vec<Move> = lines.lines().map(|l| l.parse()).collect::<Result<_, _>>().unwrap();
    println!("{} moves, {:?}", moves.len(), moves.last());
    let each: Vec<Result<Move, ParseIntError>> = "4 1,x 2".split(',').map(|s| s.parse()).collect();
    println!("{:?}", each.iter().map(|r| r.is_ok()).collect::<Vec<_>>());
    let all: Result<Vec<Move>, ParseIntError> = "5 1,6 2".split(',').map(|s| s.parse()).collect();
    println!("{:?}", all.map(|ms| ms.iter().map(|m| m.count + m.from).sum::<usize>()));
    let bad: Result<Vec<u32>, ParseIntError> = "1,x,3".split(',').map(|s| s.parse()).collect();
    let opts: Vec<Option<u8>> = "1 300 3".split(' ').map(|s| s.parse().ok()).collect();
    println!("{} {:?}", bad.is_err(), opts);
}
