// Integer literals in a collection passed to a `&[u8]` or `Vec<u8>` parameter are `u8`s, as
// rustc infers them from the parameter: their sum overflows at 255.
fn total(v: &[u8]) -> u16 {
    let mut s: u16 = 0;
    for x in v {
        s += *x as u16;
    }
    s
}

fn wraps(v: Vec<u8>) -> u8 {
    v.iter().fold(0u8, |a, b| a.wrapping_add(*b))
}

fn show(v: &[u8]) {
    let mut s = 0;
    for x in v {
        s += x;
    }
    println!("{}", s);
}

fn main() {
    println!("{} {}", total(&[200, 100]), wraps(vec![200, 100]));
    let v = vec![250, 10];
    println!("{}", total(&v));
    show(&[1, 2]);
    show(&[200, 100]);
}
