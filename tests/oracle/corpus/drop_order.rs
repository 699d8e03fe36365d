// Drop runs where Rust runs it: scope end (latest first), explicit drop, reassignment, moves.
struct Noisy(&'static str);

impl Drop for Noisy {
    fn drop(&mut self) {
        println!("drop {}", self.0);
    }
}

fn take(n: Noisy) {
    println!("took {}", n.0);
}

struct Holder {
    first: Noisy,
    second: Noisy,
}

fn main() {
    let _a = Noisy("a");
    {
        let _b = Noisy("b");
        let _c = Noisy("c");
        println!("inner scope ends");
    }
    let d = Noisy("d");
    take(d);
    let mut e = Noisy("e1");
    e = Noisy("e2");
    println!("reassigned {}", e.0);
    let f = Noisy("f");
    drop(f);
    let _h = Holder { first: Noisy("h.first"), second: Noisy("h.second") };
    let v = vec![Noisy("v0"), Noisy("v1")];
    println!("vec has {}", v.len());
    println!("main ends");
}
