// Patterns through references: &(a, b) in for loops, match on &Option, ref mut, slices.
fn sum_pairs(v: &[(i32, i32)]) -> i32 {
    let mut s = 0;
    for &(a, b) in v {
        s += a * b;
    }
    s
}

fn main() {
    println!("{}", sum_pairs(&[(1, 2), (3, 4)]));
    let maybe = Some(String::from("hi"));
    match &maybe {
        Some(s) if s.len() > 5 => println!("long {s}"),
        Some(s) => println!("short {s}"),
        None => println!("none"),
    }
    println!("still own {:?}", maybe);
    let mut counts = vec![(String::from("a"), 1), (String::from("b"), 2)];
    for (name, n) in counts.iter_mut() {
        *n += 10;
        name.push('!');
    }
    println!("{:?}", counts);
    let mut pair = (1, 2);
    {
        let (ref mut x, _) = pair;
        *x += 100;
    }
    println!("{:?}", pair);
    let v = [1, 2, 3, 4, 5];
    match v {
        [first, .., last] => println!("{first}..{last}"),
    }
    if let [a, b, rest @ ..] = &v[..] {
        println!("{a} {b} {:?}", rest);
    }
    let opt = Some(5);
    if let Some(x @ 1..=9) = opt {
        println!("digit {x}");
    }
}
