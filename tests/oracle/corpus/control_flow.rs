// if/else as values, loop with break value, labels, while, for over ranges, continue, shadowing.
fn main() {
    let x = 7;
    let kind = if x % 2 == 0 { "even" } else { "odd" };
    println!("{x} is {kind}");
    let mut n = 0;
    let found = loop {
        n += 1;
        if n * n > 50 {
            break n;
        }
    };
    println!("first square over 50: {found}");
    'outer: for i in 0..5 {
        for j in 0..5 {
            if j > i {
                continue 'outer;
            }
            if i + j == 6 {
                println!("stop at {i},{j}");
                break 'outer;
            }
        }
    }
    let mut k = 10;
    while k > 0 {
        k -= 3;
    }
    println!("k {k}");
    let mut sum = 0;
    for i in (0..10).step_by(3) {
        sum += i;
    }
    for i in (1..=3).rev() {
        sum += i * 100;
    }
    println!("sum {sum}");
    let y = 5;
    let y = y * 2;
    {
        let y = "inner";
        println!("{y}");
    }
    println!("{y}");
    let v = {
        let a = 2;
        a * 21
    };
    println!("{v}");
}
