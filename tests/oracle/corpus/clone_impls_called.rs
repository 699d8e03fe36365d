// A hand-written `Clone` impl is what `.clone()`, `vec![v; n]` (n - 1 clones, then `v` itself
// moved into the last place; none for 0), `.cloned()` and `Option::clone` call.
#[derive(Debug)]
struct P(u32);

impl Clone for P {
    fn clone(&self) -> P {
        println!("cloning {}", self.0);
        P(self.0 + 1)
    }
}

fn main() {
    let p = P(1);
    let q = p.clone();
    let v = vec![P(5); 3];
    let none = vec![P(3); 0];
    let w: Vec<P> = vec![P(7)].iter().cloned().collect();
    let o = Some(P(9)).clone();
    println!("{:?} {:?} {} {:?} {:?}", q, v, none.len(), w, o);
}
