// Cell: get, set, replace on a Copy value shared by closures.
use std::cell::Cell;

fn main() {
    let c = Cell::new(1);
    let bump = || c.set(c.get() * 2);
    bump();
    bump();
    println!("{}", c.get());
    let old = c.replace(100);
    println!("{old} {}", c.get());
    let flags = [Cell::new(false), Cell::new(false)];
    flags[1].set(true);
    println!("{} {}", flags[0].get(), flags[1].get());
}
