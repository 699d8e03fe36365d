// std::iter's sources: repeat, repeat_with, once, empty, from_fn and successors, lazily, with
// take/take_while/enumerate/chain after them, and repeat's clones independent of each other.
use std::iter;

fn main() {
    let dashes: String = iter::repeat('-').take(10).collect();
    println!("{}", dashes);
    let v: Vec<i32> = std::iter::repeat(7).take(3).collect();
    println!("{:?}", v);
    let powers: Vec<u64> = iter::successors(Some(1u64), |&x| if x < 500 { Some(x * 3) } else { None }).collect();
    println!("{:?}", powers);
    let mut count = 0;
    let counter = iter::from_fn(|| {
        count += 1;
        if count <= 5 { Some(count * count) } else { None }
    });
    let squares: Vec<i32> = counter.collect();
    println!("{:?}", squares);
    let mut n = 0;
    let evens: Vec<i32> = iter::repeat_with(|| { n += 2; n }).take(4).collect();
    println!("{:?}", evens);
    let one: Vec<&str> = iter::once("start").chain(vec!["a", "b"]).collect();
    println!("{:?}", one);
    let none: Vec<i32> = iter::empty().collect();
    println!("{:?} {}", none, none.len());
    let words = vec![String::from("hi"), String::from("yo")];
    let rep: Vec<String> = iter::repeat(words[0].clone()).take(2).collect();
    println!("{:?}", rep);
    let collatz: Vec<u32> = iter::successors(Some(27u32), |&n| {
        if n == 1 { None } else if n % 2 == 0 { Some(n / 2) } else { Some(3 * n + 1) }
    }).take(12).collect();
    println!("{:?}", collatz);
    let total: u32 = iter::successors(Some(1u32), |n| n.checked_mul(2)).take_while(|&n| n < 1000).sum();
    println!("{}", total);
    for (i, s) in iter::repeat("ab").enumerate().take(3) {
        println!("{i} {s}");
    }
    let fib: Vec<u64> = iter::successors(Some((0u64, 1u64)), |&(a, b)| Some((b, a + b))).map(|p| p.0).take(10).collect();
    println!("{:?}", fib);
    let mut grid: Vec<Vec<u8>> = iter::repeat(vec![0u8; 3]).take(2).collect();
    grid[0][1] = 5;
    println!("{:?}", grid);
    let s: Vec<_> = iter::successors(Some(String::from("a")), |s| if s.len() < 4 { Some(format!("{s}b")) } else { None }).collect();
    println!("{:?}", s);
}
