// The evaluator's straight-line ops (locals read, moved and stored, fields, constants, integer
// operators, jumps, a range loop's step, a scope's end) beside the `Drop`s they set off: each
// drop runs where Rust runs it, at the end of a loop's turn, on `continue`, and when a
// reassignment lets the old value go; then an overflow in a call stops the program at its
// line, and the unwinding drops what the call and `main` held, latest first.
struct Noisy(u32);

impl Drop for Noisy {
    fn drop(&mut self) {
        println!("drop {}", self.0);
    }
}

#[derive(Clone, Copy, Debug)]
struct P {
    x: u8,
    y: i64,
}

fn bump(x: u8) -> u8 {
    let _inner = Noisy(200);
    x + 1
}

fn main() {
    let mut total: u64 = 0;
    for i in 0..4u32 {
        let n = Noisy(i);
        if n.0 % 2 == 0 {
            println!("even {}", n.0);
            continue;
        }
        total += u64::from(n.0) * 10;
        println!("odd {}", n.0);
    }
    println!("total {}", total);
    let mut keep = Noisy(100);
    let mut k = 0;
    while k < 3 {
        keep = Noisy(101 + k);
        k = k + 1;
    }
    println!("kept {} after {}", keep.0, k);
    let p = P { x: 250, y: -7 };
    let q = p;
    let mut r = q;
    r.x = r.x + 5;
    println!("{:?} {:?} {}", p, r, p.y * 3 - 1 == -22);
    let moved = Noisy(7);
    let again = moved;
    println!("moved {}", again.0);
    let z = bump(r.x);
    println!("not reached {}", z);
}
