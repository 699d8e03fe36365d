use std::collections::{BTreeMap, HashMap};
fn take(s: &String) -> usize {
    s.len()
}
fn show(names: &[String]) {
    for n in names {
        take(n);
        println!("{n}");
    }
}
fn digits(s: &str) -> Result<Vec<u32>, String> {
    let d: Vec<u32> = s.chars().map(|c| c.to_digit(10).ok_or(format!("bad {c}"))).collect::<Result<_, String>>()?;
    Ok(d)
}
fn main() {
    let v = vec![String::from("a"), String::from("bb")];
    show(&v);
    let r = &v;
    for n in r {
        let c = n;
        println!("{n} {c}");
    }
    let mut m: HashMap<String, Vec<String>> = HashMap::new();
    m.insert("k".to_string(), vec!["x".to_string()]);
    for k in m.keys() {
        m.get(k);
        println!("{k}");
    }
    for vs in m.values() {
        let w = vs;
        println!("{:?} {:?}", w, vs);
    }
    let g = m.get("k").unwrap();
    let n = g.len();
    let h = g;
    println!("{g:?} {h:?} {n}");
    let mut bt: BTreeMap<u8, Vec<String>> = BTreeMap::new();
    bt.insert(1, vec!["p".to_string(), "q".to_string()]);
    for (k, vs) in &bt {
        for item in vs {
            take(item);
            println!("{k} {item}");
        }
    }
    println!("{:?} {:?}", digits("12"), digits("1x"));
}
