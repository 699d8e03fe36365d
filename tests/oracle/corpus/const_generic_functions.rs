// A function's const generic parameter, read from the length of the array parameter it types
// (by value or by reference, nested), with a turbofish or without, in a method, in a closure.
fn sum<const N: usize>(a: [i32; N]) -> i32 {
    let mut s = 0;
    for i in 0..N { s += a[i]; }
    s
}
fn first_half<const N: usize>(a: &[u8; N]) -> Vec<u8> {
    a.iter().take(N / 2).copied().collect()
}
struct Stats;
impl Stats {
    fn mean<const N: usize>(&self, xs: [f64; N]) -> f64 {
        let f = |t: f64| t / N as f64;
        f(xs.iter().sum())
    }
}
fn pairs<T: std::fmt::Debug, const N: usize>(items: [T; N]) -> String {
    format!("{} items: {:?}", N, items)
}
fn main() {
    println!("{} {}", sum([1, 2, 3]), sum::<2>([5, 6]));
    println!("{:?}", first_half(&[1, 2, 3, 4, 5]));
    println!("{}", Stats.mean([1.0, 2.0, 4.5]));
    println!("{}", pairs(["a", "b"]));
}
