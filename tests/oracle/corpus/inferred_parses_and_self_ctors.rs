// `parse()` typed by the first use of its binding, as rustc infers it: a struct literal's field
// (shorthand or not) and a function's parameter. `Self(…)` and `Self` build an impl's tuple and
// unit structs, generic ones too. `Vec::from` and `String::from` of arrays, slices and the
// program's own `From` impls.
#[derive(Debug)]
struct Item {
    name: String,
    qty: u32,
    price: f64,
}

fn parse_line(line: &str) -> Option<Item> {
    let mut parts = line.split(';').map(|p| p.trim());
    let name = parts.next()?.to_string();
    let qty = parts.next()?.parse().ok()?;
    let price = parts.next()?.parse().ok()?;
    Some(Item { name, qty, price })
}

fn double(x: f64) -> f64 {
    x * 2.0
}

fn shout_n(n: u8) -> u8 {
    n * 2
}

fn shout(c: char) -> String {
    c.to_uppercase().collect()
}

struct Subtree<T: Ord>(Option<Box<T>>);

impl<T: Ord + std::fmt::Debug> Subtree<T> {
    fn new() -> Self {
        Self(None)
    }
    fn leaf(v: T) -> Self {
        Self(Some(Box::new(v)))
    }
}

#[derive(Debug, Default)]
struct Marker;

impl Marker {
    fn make() -> Self {
        Self
    }
}

struct Stack(Vec<i64>);

impl From<Stack> for Vec<i64> {
    fn from(s: Stack) -> Vec<i64> {
        s.0.into_iter().rev().collect()
    }
}

impl From<Stack> for String {
    fn from(s: Stack) -> String {
        format!("stack of {}", s.0.len())
    }
}

fn main() {
    let data = "apple; 3; 0.5\nbanana;12;0.25\nbroken;line\nmelon; x ; 2.0\n";
    let items: Vec<Item> = data.lines().filter_map(parse_line).collect();
    for it in &items {
        println!("{:<8}{:>4}{:>8.2}", it.name, it.qty, it.qty as f64 * it.price);
    }
    let half = "0.25".parse().unwrap();
    println!("{}", double(half));
    let c = "q".parse().unwrap();
    println!("{}", shout(c));
    // A name bound again before its typing use is another variable there: not inferred.
    let big: i32 = 1000;
    let n = "700".parse().unwrap();
    let m: i32 = n;
    println!("{}", m + big);
    for n in [1u8, 2] {
        println!("{}", shout_n(n));
    }
    let price = "1.5".parse().expect("a price");
    let one = Item { name: "pear".into(), qty: 1, price };
    println!("{:?}", one);

    let empty: Subtree<u8> = Subtree::new();
    let leaf = Subtree::leaf(7u8);
    println!("{} {:?}", empty.0.is_none(), leaf.0);
    println!("{:?}", Marker::make());

    let v = Vec::from([1, 2, 3]);
    let original = vec![4, 5, 6];
    let mut copy = Vec::from(&original[1..]);
    copy.push(9);
    let bytes = Vec::from("hi");
    println!("{:?} {:?} {:?} {:?}", v, original, copy, bytes);
    let reversed = Vec::from(Stack(vec![1, 2, 3]));
    let total: i64 = Vec::from(Stack(vec![10, 20])).iter().sum();
    println!("{:?} {} {}", reversed, total, String::from(Stack(vec![0; 4])));
}
