//! Programs in the language's old subset (async fns of u64s, sleep, spawn, join!, select!, loops,
//! println!), generated from a seed: the same programs on every build, so the traces the old
//! interpreter recorded for them (tests/data/old-subset-traces.txt) can be compared with the new
//! one's. This file only builds text, and builds it the same way on both.
#![allow(dead_code)]

/// A small deterministic generator (an LCG: the same numbers everywhere).
pub struct Gen(u64);

impl Gen {
    pub fn new(seed: u64) -> Gen {
        Gen(seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407))
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    pub fn ms(&mut self) -> u64 {
        [0, 1, 5, 10, 30, 100, 250][self.below(7) as usize]
    }
}

/// One generated program.
pub fn program(seed: u64) -> String {
    let mut g = Gen::new(seed);
    let helpers = 1 + g.below(3) as usize;
    let mut out = String::new();
    out.push_str("async fn main() {\n");
    body(&mut g, &mut out, helpers, 1, 0);
    out.push_str("}\n");
    for h in 0..helpers {
        // Helper h takes one u64 and returns one, and may call later helpers only (no recursion).
        out.push_str(&format!("\nasync fn h{h}(n: u64) -> u64 {{\n"));
        let mut inner = String::new();
        body(&mut g, &mut inner, helpers, 1, h + 1);
        out.push_str(&inner);
        out.push_str(&format!("    n + {}\n}}\n", g.below(10)));
    }
    out
}

fn indent(depth: usize) -> String {
    "    ".repeat(depth)
}

/// A call of a helper after `first` (or a sleep when there is none).
fn call(g: &mut Gen, helpers: usize, first: usize) -> String {
    if first >= helpers {
        return format!("sleep({})", g.ms());
    }
    let h = first + g.below((helpers - first) as u64) as usize;
    format!("h{h}({})", g.below(20))
}

fn body(g: &mut Gen, out: &mut String, helpers: usize, depth: usize, first: usize) {
    let n = 1 + g.below(5);
    let pad = indent(depth);
    for k in 0..n {
        let var = format!("v{depth}_{k}");
        match g.below(11) {
            0 => out.push_str(&format!("{pad}sleep({}).await;\n", g.ms())),
            1 => out.push_str(&format!("{pad}let {var} = {}.await;\n{pad}println!(\"{var} {{:?}}\", {var});\n", call(g, helpers, first))),
            2 => out.push_str(&format!("{pad}yield_now().await;\n")),
            3 => out.push_str(&format!(
                "{pad}let ({var}, _) = join!({}, {});\n{pad}println!(\"joined {{:?}}\", {var});\n",
                call(g, helpers, first),
                call(g, helpers, first)
            )),
            4 => out.push_str(&format!(
                "{pad}select! {{\n{pad}    _ = sleep({}) => println!(\"first\"),\n{pad}    _ = {} => println!(\"second\"),\n{pad}}}\n",
                g.ms(),
                call(g, helpers, first)
            )),
            5 if first < helpers => out.push_str(&format!(
                "{pad}let {var} = spawn({});\n{pad}println!(\"spawned\");\n{pad}{var}.await;\n",
                call(g, helpers, first)
            )),
            6 if depth < 3 => {
                out.push_str(&format!("{pad}for i in 0..{} {{\n", 1 + g.below(3)));
                body(g, out, helpers, depth + 1, first);
                out.push_str(&format!("{pad}}}\n"));
            }
            7 if depth < 3 => {
                out.push_str(&format!("{pad}if {} < {} {{\n", g.below(10), g.below(10)));
                body(g, out, helpers, depth + 1, first);
                out.push_str(&format!("{pad}}} else {{\n"));
                body(g, out, helpers, depth + 1, first);
                out.push_str(&format!("{pad}}}\n"));
            }
            8 => out.push_str(&format!("{pad}TimerFuture::new(Duration::from_millis({})).await;\n", g.ms())),
            9 => out.push_str(&format!("{pad}let {var} = sleep({});\n{pad}drop({var});\n", 10 + g.ms())),
            _ => out.push_str(&format!("{pad}println!(\"at {k} {}\");\n", g.below(100))),
        }
    }
}
