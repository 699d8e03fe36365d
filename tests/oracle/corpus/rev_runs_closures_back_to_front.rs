// `rev()` of `map`, `filter`, `inspect` and `chain` calls their closures from the back, as
// `next_back` does; the items come out reversed either way.
fn main() {
    let r: Vec<_> = [1, 2, 3]
        .iter()
        .map(|x| {
            println!("map {x}");
            x * 10
        })
        .rev()
        .collect();
    println!("{r:?}");
    let evens: Vec<u32> = (1..=6u32).filter(|n| {
        println!("test {n}");
        n % 2 == 0
    }).rev().take(2).collect();
    println!("{evens:?}");
    let both: Vec<i32> = vec![1, 2].into_iter().inspect(|x| println!("saw {x}")).chain(vec![3, 4]).rev().collect();
    println!("{both:?}");
    for (i, c) in ['a', 'b', 'c'].iter().enumerate().rev() {
        print!("{i}{c} ");
    }
    println!();
}
