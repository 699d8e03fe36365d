// Closures capturing by reference and by move; FnMut state; closures as values and returns.
fn apply<F: Fn(i32) -> i32>(f: F, x: i32) -> i32 {
    f(x)
}

fn make_adder(n: i32) -> impl Fn(i32) -> i32 {
    move |x| x + n
}

fn call_twice<F: FnMut()>(mut f: F) {
    f();
    f();
}

fn main() {
    let mut count = 0;
    let mut inc = || count += 1;
    inc();
    inc();
    println!("count {count}");
    let base = 10;
    let add = |x: i32| x + base;
    println!("{} {}", add(1), apply(add, 5));
    let add5 = make_adder(5);
    println!("{}", add5(37));
    let mut log = Vec::new();
    call_twice(|| log.push(log.len()));
    println!("{:?}", log);
    let name = String::from("moved");
    let owns = move || format!("I own {}", name);
    println!("{}", owns());
    let mut total = 0;
    let mut counter = move || {
        total += 2;
        total
    };
    println!("{} {} outer total {}", counter(), counter(), total);
    let squares: Vec<i32> = (1..=4).map(|x| x * x).collect();
    println!("{:?}", squares);
}
