// Recursion, generic functions and structs, trait bounds with where clauses.
use std::fmt::Display;

fn fib(n: u64) -> u64 {
    if n < 2 { n } else { fib(n - 1) + fib(n - 2) }
}

fn fact(n: u64) -> u64 {
    match n {
        0 => 1,
        _ => n * fact(n - 1),
    }
}

fn show_all<T>(items: &[T]) -> String
where
    T: Display,
{
    let parts: Vec<String> = items.iter().map(|i| format!("<{i}>")).collect();
    parts.join("")
}

#[derive(Debug)]
struct Wrapper<T> {
    inner: T,
}

impl<T: Clone> Wrapper<T> {
    fn twice(&self) -> (T, T) {
        (self.inner.clone(), self.inner.clone())
    }
}

fn main() {
    println!("{} {}", fib(15), fact(10));
    println!("{}", show_all(&[1, 2, 3]));
    println!("{}", show_all(&["x", "y"]));
    let w = Wrapper { inner: String::from("hi") };
    println!("{:?} {:?}", w.twice(), w);
}
