// Destructuring assignment, `*b = v` of a Box, a program's FromIterator behind collect(), and
// the rest of the tenth learner round: ASCII char classes, `<str>::len`, `as_ref` of an array,
// a Result flattened, set operations given a collected argument, `cycle` of a chain, a closure
// sharing `self` of an `impl Mul for &M` in a loop, and a long computation in a closure.
use std::collections::BTreeSet;
use std::iter::FromIterator;
use std::num::ParseFloatError;
use std::ops::Mul;

#[derive(Debug)]
struct Bag(Vec<i32>);

impl FromIterator<i32> for Bag {
    fn from_iter<I: IntoIterator<Item = i32>>(iter: I) -> Self {
        let mut v: Vec<i32> = iter.into_iter().collect();
        v.sort();
        Bag(v)
    }
}

struct M {
    v: Vec<i64>,
    n: usize,
}

impl M {
    fn get(&self, r: usize, c: usize) -> i64 {
        self.v[r * self.n + c]
    }
}

impl Mul for &M {
    type Output = Vec<i64>;
    fn mul(self, rhs: &M) -> Vec<i64> {
        let mut out = Vec::new();
        for r in 0..self.n {
            for c in 0..rhs.n {
                out.push((0..self.n).map(|k| self.get(r, k) * rhs.get(k, c)).sum());
            }
        }
        out
    }
}

struct Pair {
    a: u32,
    b: u32,
}

fn half(s: &str) -> Result<f64, ParseFloatError> {
    Ok(s.parse::<f64>()? / 2.0)
}

fn main() {
    let (mut x, mut y) = (0u64, 1u64);
    for _ in 0..10 {
        (x, y) = (y, x + y);
    }
    println!("fib {} {}", x, y);
    let mut p = Pair { a: 1, b: 2 };
    (p.a, p.b) = (p.b, p.a);
    let mut arr = [0; 3];
    let z;
    (arr[0], _, (arr[2], z)) = (7, 8, (9, "z"));
    println!("{} {} {:?} {}", p.a, p.b, arr, z);

    let b = Box::new(5u32);
    let mut c = b;
    *c = 4;
    *c += 1;
    println!("box {}", c);

    let bag: Bag = vec![3, 1, 2].into_iter().collect();
    println!("{:?} {:?}", bag, (5..8).rev().collect::<Bag>());

    let s = "a1_ F\t~";
    let classes: Vec<(bool, bool, bool, bool)> =
        s.chars().map(|ch| (ch.is_ascii_alphanumeric(), ch.is_ascii_hexdigit(), ch.is_ascii_whitespace(), ch.is_ascii_graphic())).collect();
    println!("{:?}", classes);
    println!("{} {}", <str>::len("abc"), str::len("de"));
    let array = [1, 2, 3];
    let slice: &[i32] = array.as_ref();
    println!("{:?} {:?} {:?}", slice, half("3"), half("x").is_err());

    let results = vec![Ok(1), Err("bad"), Ok(3)];
    println!("{:?}", results.iter().cloned().flatten().collect::<Vec<i32>>());
    let small: BTreeSet<i32> = [1, 2].into_iter().collect();
    println!("{} {}", small.is_disjoint(&[9, 9].into_iter().collect()), small.is_subset(&[1, 2, 3].into_iter().collect()));
    let v = vec![1, 2];
    let cyc: Vec<i32> = v.into_iter().chain(vec![3].into_iter()).cycle().take(7).collect();
    println!("{:?}", cyc);

    let m = M { v: vec![1, 2, 3, 4], n: 2 };
    println!("{:?}", &m * &m);

    // 150,000 statements inside one closure a built-in calls: a thread computes on.
    let ok = (1..30000u32).all(|n| {
        let mut k = n;
        let mut steps = 0;
        while k > 1 && steps < 3 {
            k = if k % 2 == 0 { k / 2 } else { 3 * k + 1 };
            steps += 1;
        }
        steps <= 3
    });
    println!("computed {}", ok);
}
