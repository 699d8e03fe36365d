// impl blocks: associated functions, &self, &mut self, self by value, Self, method chains.
#[derive(Debug)]
struct Counter {
    name: String,
    count: u32,
}

impl Counter {
    const START: u32 = 10;

    fn new(name: &str) -> Self {
        Counter { name: name.to_string(), count: Self::START }
    }

    fn bump(&mut self) -> &mut Self {
        self.count += 1;
        self
    }

    fn get(&self) -> u32 {
        self.count
    }

    fn into_name(self) -> String {
        format!("{}#{}", self.name, self.count)
    }
}

struct Builder {
    parts: Vec<String>,
}

impl Builder {
    fn new() -> Builder {
        Builder { parts: Vec::new() }
    }
    fn with(mut self, p: &str) -> Builder {
        self.parts.push(p.to_string());
        self
    }
    fn build(self) -> String {
        self.parts.join("-")
    }
}

fn main() {
    let mut c = Counter::new("clicks");
    c.bump().bump();
    c.bump();
    println!("{} {:?}", c.get(), c);
    let n = Counter::get(&c);
    println!("ufcs {n}");
    println!("{}", c.into_name());
    let s = Builder::new().with("a").with("b").with("c").build();
    println!("{s}");
}
