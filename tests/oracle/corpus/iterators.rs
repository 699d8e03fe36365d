// Iterator adapters and consumers.
fn main() {
    let v = vec![1, 2, 3, 4, 5, 6];
    let evens: Vec<i32> = v.iter().filter(|x| *x % 2 == 0).map(|x| x * 10).collect();
    println!("{:?}", evens);
    for (i, x) in v.iter().enumerate().skip(1).take(2) {
        println!("{i}: {x}");
    }
    let pairs: Vec<(i32, char)> = v.iter().copied().zip("abc".chars()).collect();
    println!("{:?}", pairs);
    println!("{} {} {}", v.iter().sum::<i32>(), v.iter().count(), v.iter().fold(0, |a, x| a * 2 + x));
    println!("{:?} {:?}", v.iter().max(), v.iter().min());
    println!("{} {}", v.iter().any(|&x| x > 5), v.iter().all(|&x| x > 0));
    println!("{:?} {:?}", v.iter().find(|&&x| x > 3), v.iter().position(|&x| x == 4));
    let chained: Vec<i32> = (1..3).chain(7..9).collect();
    println!("{:?}", chained);
    let stepped: Vec<u32> = (0..20).step_by(5).collect();
    println!("{:?}", stepped);
    let rev: Vec<i32> = v.iter().rev().cloned().collect();
    println!("{:?}", rev);
    let words = ["a", "bb", "ccc"];
    let lens: Vec<usize> = words.iter().map(|w| w.len()).collect();
    println!("{:?} {:?}", lens, words.iter().max_by_key(|w| w.len()));
    let mut it = v.iter();
    println!("{:?} {:?}", it.next(), it.next());
    let firsts: Vec<i32> = v.iter().take_while(|&&x| x < 4).cloned().collect();
    let rest: Vec<i32> = v.iter().skip_while(|&&x| x < 4).cloned().collect();
    println!("{:?} {:?}", firsts, rest);
    let parsed: Vec<u32> = ["1", "x", "3"].iter().filter_map(|s| s.parse().ok()).collect();
    println!("{:?}", parsed);
    println!("{:?}", (1..=4).map(|i| i * i).rev().collect::<Vec<_>>());
}
