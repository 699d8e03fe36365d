// Iterator methods on the paths a first program rarely takes: a reversed range run out, `nth`
// past the end, `all` that fails, `contains` on a range and on a plain iterator, `unzip`,
// strings collected from pieces, and a map collected from pairs whose keys repeat.
use std::collections::HashMap;

fn main() {
    let down: Vec<u32> = (1..4).rev().collect();
    println!("{:?}", down);
    let mut r = (0..2).rev();
    println!("{:?} {:?} {:?} {:?}", r.next(), r.next(), r.next(), r.next());
    let mut it = [10, 20, 30].into_iter();
    println!("{:?} {:?} {:?}", it.nth(1), it.nth(0), it.nth(5));
    println!("{} {}", [2, 4, 6].iter().all(|x| x % 2 == 0), [2, 5, 6].iter().all(|x| x % 2 == 0));
    let mut seen = Vec::new();
    (1..=3).for_each(|x| seen.push(x * x));
    println!("{:?}", seen);
    println!("{} {} {}", (1..5).contains(&4), (1..5).contains(&5), (3..).contains(&1000));
    println!("{} {}", [1, 2, 3].iter().any(|x| *x == 2), vec!['a', 'b'].into_iter().any(|c| c == 'z'));
    println!("{}", (0..100).step_by(7).count());
    let (small, big): (Vec<u32>, Vec<u32>) = [1u32, 50, 3, 70].iter().partition(|x| **x < 10);
    println!("{:?} {:?}", small, big);
    let (ks, vs): (Vec<char>, Vec<u8>) = vec![('a', 1), ('b', 2)].into_iter().unzip();
    println!("{:?} {:?}", ks, vs);
    let joined: String = vec!["ab", "cd", "e"].into_iter().collect();
    let from_chars: String = "hello".chars().rev().collect();
    let owned: String = vec![String::from("x"), String::from("yz")].into_iter().collect();
    println!("{joined} {from_chars} {owned}");
    let m: HashMap<&str, u32> = vec![("a", 1), ("b", 2), ("a", 3)].into_iter().collect();
    let mut pairs: Vec<_> = m.into_iter().collect();
    pairs.sort();
    println!("{:?}", pairs);
    println!("{:?} {:?}", [4, 5, 6].iter().last(), Vec::<u8>::new().iter().last());
    println!("{:?}", (1..10).skip_while(|x| *x < 4).take_while(|x| *x < 7).collect::<Vec<_>>());
    println!("{:?}", Some(3).iter().chain(None.iter()).collect::<Vec<&i32>>());
    let ok: Result<u8, ()> = Ok(1);
    println!("{:?}", ok.iter().map(|x| x + 1).collect::<Vec<_>>());
    println!("{:?}", (1..=4).map(|x| x * 10).rev().collect::<Vec<_>>());
    let total: u32 = (1..=4).product();
    println!("{total} {}", (1..=4).map(|x: u32| x * x).sum::<u32>());
    println!("{:?} {:?}", "a,b,,c".split(',').filter(|s| !s.is_empty()).nth(2), "xyz".chars().nth(7));
    let mut words = "one two three".split_whitespace();
    words.next();
    println!("{:?}", words.collect::<Vec<_>>());
}
