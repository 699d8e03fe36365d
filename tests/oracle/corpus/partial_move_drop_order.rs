// A field moved out of a variable (`let m = h.b;`) is the new owner's: it drops when that
// variable does, and the rest of `h` drops with `h` (a partial move), in Rust's order.
struct N(&'static str);
impl Drop for N {
    fn drop(&mut self) {
        println!("drop {}", self.0);
    }
}

struct H {
    a: N,
    b: N,
    n: u32,
}

fn take(h: H) -> N {
    let kept = h.a;
    println!("took {} of {}", kept.0, h.n);
    kept
}

fn main() {
    let h = H { a: N("a"), b: N("b"), n: 1 };
    let _r = N("r");
    let m = h.b;
    let n = h.n;
    println!("moved {} {}", m.0, n);
    {
        let inner = H { a: N("ia"), b: N("ib"), n: 2 };
        let got = take(inner);
        println!("got {}", got.0);
    }
    println!("end");
}
