// An untyped integer variable takes the type rustc infers for it: a written type it meets later
// (`let y: u8 = x`, an index, a typed operand, the return type), or `i32` when nothing else
// decides. Each line below prints differently if the variable is 64 bits wide.
fn doubled() -> i64 {
    let mut n = 1;
    for _ in 0..40 {
        n *= 2;
    }
    n
}

fn negated() -> u8 {
    let t = 250;
    !t
}

fn main() {
    let x = 200;
    let y: u8 = x;
    println!("{} {:?} {:?}", y, x.checked_add(100), x.checked_add(55));
    let a = -1;
    println!("{:x} {:b}", a, a >> 28);
    let big = 2147483647;
    println!("{} {:x}", big, !big);
    println!("{} {}", doubled(), negated());
    let v = vec![10, 20, 30];
    let mut sum = 0;
    for i in 0..3 {
        sum += v[i];
    }
    let last = 2;
    println!("{} {} {}", sum, v[last], usize::MAX - last > 1 << 40);
    let mut w = 9;
    w -= 4;
    let s = "ferris";
    println!("[{s:>w$}] [{:>1$}]", "x", w);
    let mut count = 0;
    while count < 5 {
        count += 1;
    }
    let wide = count as u64 * 3_000_000_000;
    println!("{} {}", count, wide);
    let small = 100;
    let cmp = small == 100u8;
    println!("{} {:?}", cmp, small.checked_mul(3));
}
