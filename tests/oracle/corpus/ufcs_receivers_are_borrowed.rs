// A method called by its path (`Self::total(self)`, `Counter::bump(&mut c, …)`): a receiver
// passed this way is borrowed, not moved, so the caller uses it again afterwards; the other
// arguments are moved as in any call.
struct Counter {
    hits: u32,
    log: Vec<String>,
}

impl Counter {
    fn total(&self) -> u32 {
        self.hits
    }

    fn report(&self) -> String {
        let t = Self::total(self);
        format!("{} hits, {} logged, first {:?}", t, self.log.len(), self.log.first())
    }

    fn bump(&mut self, note: String) {
        self.hits += 1;
        self.log.push(note);
    }

    fn bump_twice(&mut self) {
        Self::bump(self, "twice-1".to_string());
        Counter::bump(self, "twice-2".to_string());
        self.hits += 10;
    }
}

fn main() {
    let mut c = Counter { hits: 0, log: Vec::new() };
    let note = String::from("by path");
    Counter::bump(&mut c, note);
    c.bump_twice();
    println!("{}", Counter::report(&c));
    println!("{}", c.report());
    let r = &c;
    println!("{} {}", Counter::total(r), r.total());
}
