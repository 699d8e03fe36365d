// A closure is `Copy` when what it captures is: one that only borrows, or a `move` one
// holding `Copy` values and references. A copy of a `move` closure has its own state.
fn call_twice<F: Fn() -> i32>(f: F) -> i32 {
    f() + f()
}

fn run<F: FnMut() -> i32>(mut f: F) -> i32 {
    f();
    f()
}

fn main() {
    let x = 5;
    let f = || x + 1;
    let g = f;
    println!("{} {}", f(), g());
    println!("{} {}", call_twice(f), call_twice(f));

    let mut n = 0;
    let mut c = move || {
        n += 1;
        n
    };
    let mut d = c;
    println!("{} {} {}", c(), c(), d());
    println!("run(c) = {}, then c() = {}, n = {n}", run(c), c());

    let v = vec![1, 2, 3];
    let r = &v;
    let len = move || r.len();
    let len2 = len;
    println!("{} {} {:?}", len(), len2(), v);

    let add = |a: i32| a * 10;
    let tens: Vec<i32> = (0..3).map(add).collect();
    let more: Vec<i32> = (3..5).map(add).collect();
    println!("{tens:?} {more:?} {}", add(9));

    let pair = (1, 'a');
    let show = move || format!("{pair:?}");
    let shows = [show, show];
    for s in shows {
        println!("{}", s());
    }
}
