// Taking a struct apart: `let Point { x, y } = p` copies `Copy` fields and leaves `p`; with
// `..` the fields left out stay in the variable and are dropped with it (after what was moved
// out); a full destructure moves the whole; `..base` moves only the fields it takes, and the
// base's other fields stay usable and drop with it.
struct D(&'static str);

impl Drop for D {
    fn drop(&mut self) {
        println!("drop {}", self.0);
    }
}

struct Point {
    x: i32,
    y: i32,
}

struct Pair {
    a: D,
    b: D,
}

struct User {
    name: String,
    email: String,
    age: u32,
}

struct S {
    a: D,
    b: D,
}

fn pair() {
    let p = Pair { a: D("a"), b: D("b") };
    let Pair { a, .. } = p;
    println!("moved out {}", a.0);
}

fn tuple() {
    let t = (D("t0"), D("t1"));
    let (x, y) = t;
    println!("took {} {}", x.0, y.0);
}

fn update() {
    let s1 = S { a: D("s1.a"), b: D("s1.b") };
    let s2 = S { b: D("s2.b"), ..s1 };
    println!("built s2 from {}", s2.a.0);
}

fn main() {
    let p = Point { x: 0, y: 7 };
    let Point { x, y } = p;
    let Point { x: a, y: b } = p;
    println!("{x} {y} {a} {b} {}", p.x);
    pair();
    tuple();
    let u1 = User { name: String::from("a"), email: String::from("a@x"), age: 3 };
    let u2 = User { email: String::from("b@x"), ..u1 };
    println!("{} {} {} {} {}", u2.name, u2.email, u2.age, u1.email, u1.age);
    update();
}
