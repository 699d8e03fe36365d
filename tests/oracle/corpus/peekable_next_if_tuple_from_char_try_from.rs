// Peekable's next_if and next_if_eq, chunks_exact's remainder, a slice of slices' join,
// Poll::map_ok and map_err, `impl From<Rgb> for (u8, u8, u8)`, and char::try_from (the ninth
// learner round).
use std::task::Poll;

#[derive(Clone, Copy, Debug)]
struct Rgb(u8, u8, u8);

impl From<Rgb> for (u8, u8, u8) {
    fn from(c: Rgb) -> Self {
        (c.0, c.1, c.2)
    }
}

fn runs(v: &[i32]) -> Vec<(i32, usize)> {
    let mut out = Vec::new();
    let mut it = v.iter().peekable();
    while let Some(&x) = it.next() {
        let mut n = 1;
        while it.next_if_eq(&&x).is_some() {
            n += 1;
        }
        out.push((x, n));
    }
    out
}

fn main() {
    println!("{:?}", runs(&[1, 1, 2, 3, 3, 3, 1]));
    let mut digits = "123abc".chars().peekable();
    let mut num = String::new();
    while let Some(d) = digits.next_if(|c| c.is_ascii_digit()) {
        num.push(d);
    }
    println!("{} then {:?}", num, digits.collect::<String>());

    let data = [10, 20, 30, 40, 50, 60, 70];
    let mut exact = data.chunks_exact(3);
    for c in exact.by_ref() {
        println!("chunk {:?}", c);
    }
    println!("remainder {:?}", exact.remainder());
    let parts = [vec![1, 2], vec![3], vec![4, 5]];
    println!("{:?}", parts.join(&0));
    println!("{:?}", parts.join(&[8, 9][..]));

    let p: Poll<Result<u32, String>> = Poll::Ready(Ok(3));
    println!("{:?}", p.map_ok(|v| v + 1));
    let p: Poll<Result<u32, String>> = Poll::Ready(Err("late".to_string()));
    println!("{:?}", p.map_err(|e| e.len()));
    let p: Poll<Result<u32, String>> = Poll::Pending;
    println!("{:?}", p.map_ok(|v| v * 2));

    let c = Rgb(255, 136, 0);
    let t: (u8, u8, u8) = c.into();
    println!("{:?} {:?}", c, t);

    println!("{:?} {:?}", char::try_from(65u32), char::try_from(0x1F600u32).map(|c| c.len_utf8()));
    match char::try_from(0xD800u32) {
        Ok(c) => println!("char {}", c),
        Err(e) => println!("error {:?}: {}", e, e),
    }
    println!("{:?}", char::try_from(200u8));
}
