// Type aliases: a generic one over std's Result (declared after its first use, as rustc allows),
// a collection's, one with a lifetime, a float's, and an alias's associated function.
use std::collections::HashMap;
use std::fmt;

fn parse_all(xs: &[&str]) -> Result<Vec<i64>> {
    xs.iter().map(|s| s.parse::<i64>().map_err(|e| MyErr(e.to_string()))).collect()
}

#[derive(Debug)]
struct MyErr(String);
impl fmt::Display for MyErr {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result { write!(f, "bad: {}", self.0) }
}

type Result<T> = std::result::Result<T, MyErr>;
type Grid = Vec<Vec<char>>;
type Counts = HashMap<String, usize>;
pub type Pair<'a, T> = (&'a str, T);
type Num = f32;

fn grid(w: usize, h: usize) -> Grid { vec![vec!['.'; w]; h] }

fn main() {
    println!("{:?}", parse_all(&["1", "2", "3"]));
    match parse_all(&["1", "x"]) { Ok(v) => println!("{v:?}"), Err(e) => println!("{e}") }
    let mut g = grid(3, 2);
    g[1][2] = '#';
    for row in &g { println!("{}", row.iter().collect::<String>()); }
    let mut c = Counts::new();
    for w in ["a", "b", "a"] { *c.entry(w.to_string()).or_insert(0) += 1; }
    let mut keys: Vec<_> = c.iter().collect();
    keys.sort();
    println!("{keys:?}");
    let p: Pair<u8> = ("k", 7);
    println!("{:?}", p);
    let x: Num = 0.1 + 0.2;
    println!("{x}");
    let v: Vec<Num> = "1.5 2.25".split(' ').map(|s| s.parse::<Num>().unwrap()).collect();
    println!("{v:?}");
    let e: Grid = Grid::new();
    println!("{}", e.len());
}
