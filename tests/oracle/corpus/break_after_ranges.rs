// `break` and `continue` out of loops whose bodies made ranges of each shape (`a..b`, `..b`,
// `a..`, `a..=b`) before them: each leaves the stack as the loop found it.
async fn main() {
    let v: Vec<u32> = vec![10, 20, 30, 40];
    let mut round = 0;
    let total = loop {
        round += 1;
        let head: u32 = v[..2].iter().sum();
        let tail: u32 = v[2..].iter().sum();
        let mut inner = 0;
        for i in 0..=round {
            inner += i;
        }
        let r = 1..4;
        if round == 3 {
            break head + tail + inner + r.len() as u32;
        }
        println!("round {round}: {head} {tail} {inner} {}", r.len());
    };
    println!("total {total}");
    let mut k: u32 = 0;
    while k < 6 {
        let s: u32 = (k..k + 3).sum();
        k += 1;
        if s > 9 {
            continue;
        }
        println!("k {k} s {s}");
    }
    let mut found = None;
    for (i, x) in v.iter().enumerate() {
        let window = &v[i..];
        if window.len() < 3 && *x > 20 {
            found = Some((i, window.len()));
            break;
        }
    }
    println!("found {:?}", found);
}
