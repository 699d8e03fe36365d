// Functions as values: a fn item kept in a variable and called, passed where a closure goes,
// kept in a struct and a Vec; tuple-variant constructors and `String::from` as functions; an
// async fn kept in a variable, its future awaited.
fn double(x: u32) -> u32 {
    x * 2
}

fn apply(f: fn(u32) -> u32, x: u32) -> u32 {
    f(x)
}

async fn add_one(x: u32) -> u32 {
    x + 1
}

struct Op {
    name: &'static str,
    f: fn(u32) -> u32,
}

fn square(x: u32) -> u32 {
    x * x
}

async fn main() {
    let f = double;
    println!("{} {}", f(3), apply(f, 4));
    let g: fn(u32) -> u32 = square;
    println!("{:?}", [1, 2, 3].iter().map(|x| g(*x)).collect::<Vec<_>>());
    println!("{:?}", vec![1, 2, 3].into_iter().map(double).collect::<Vec<_>>());
    let ops = vec![Op { name: "double", f: double }, Op { name: "square", f: square }];
    for op in &ops {
        println!("{} {}", op.name, (op.f)(5));
    }
    let wrap = Some;
    println!("{:?} {:?}", wrap(1), [4, 5].into_iter().map(Some).collect::<Vec<_>>());
    let texts: Vec<String> = ["a", "b"].into_iter().map(String::from).collect();
    println!("{:?}", texts);
    let oks: Vec<Result<u8, ()>> = vec![1u8, 2].into_iter().map(Ok).collect();
    println!("{:?}", oks);
    let h = add_one;
    println!("{}", h(1).await);
    let futs = vec![h(10), add_one(20)];
    for fut in futs {
        println!("{}", fut.await);
    }
}
