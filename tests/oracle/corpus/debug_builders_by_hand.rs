// Debug by hand, as std's builders write it: debug_struct, debug_tuple, debug_list, debug_set,
// debug_map (key/value, entries, entry), finish_non_exhaustive, {:#?} reaching the program's
// fmt (f.alternate()), and fmt::Write's write_char on a Formatter and a String.
use std::collections::BTreeMap;
use std::fmt;
struct P { x: i32, y: Vec<u8> }
impl fmt::Debug for P {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.debug_struct("P").field("x", &self.x).field("y", &self.y).finish()
    }
}
struct T(i32, String);
impl fmt::Debug for T {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("T").field(&self.0).field(&self.1).finish()
    }
}
struct L(Vec<i32>);
impl fmt::Debug for L {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.0.iter()).entry(&99).finish()
    }
}
struct S(Vec<char>);
impl fmt::Debug for S {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(&self.0).finish()
    }
}
struct M(BTreeMap<String, P>);
impl fmt::Debug for M {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut m = f.debug_map();
        m.key(&"first").value(&1);
        m.entries(self.0.iter());
        m.entry(&'z', &T(0, "zero".into()));
        m.finish()
    }
}
struct Secret { user: String, token: u64 }
impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Secret").field("user", &self.user).finish_non_exhaustive()
    }
}
struct Empty;
impl fmt::Debug for Empty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Empty").finish_non_exhaustive()?;
        f.debug_tuple("").field(&1).finish()?;
        f.debug_tuple("E").finish()
    }
}
struct Hex(Vec<u8>);
impl fmt::Display for Hex {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        use fmt::Write;
        for (i, b) in self.0.iter().enumerate() {
            if i > 0 && f.alternate() { f.write_char(':')?; }
            write!(f, "{:02x}", b)?;
        }
        Ok(())
    }
}
#[derive(Debug)]
struct Outer { p: P, list: L, inner: Option<T> }
fn main() {
    let p = P { x: 1, y: vec![2, 3] };
    println!("{:?}", p);
    println!("{:#?}", p);
    println!("{:?} {:?} {:?}", T(4, "a".into()), L(vec![1, 2]), S(vec!['a', 'b']));
    println!("{:#?}", T(4, "a".into()));
    println!("{:#?}", L(vec![]));
    let mut bm = BTreeMap::new();
    bm.insert("k".to_string(), P { x: 5, y: vec![] });
    let m = M(bm);
    println!("{:?}", m);
    println!("{:#?}", m);
    println!("{:?} / {:#?}", Secret { user: "ann".into(), token: 7 }, Secret { user: "bob".into(), token: 8 });
    println!("{:?} | {:#?}", Empty, Empty);
    println!("{} {:#}", Hex(vec![1, 171, 255]), Hex(vec![1, 171, 255]));
    let o = Outer { p: P { x: -1, y: vec![9] }, list: L(vec![7]), inner: Some(T(1, "b".into())) };
    println!("{:?}", o);
    println!("{:#?}", o);
    let mut s = String::new();
    use std::fmt::Write;
    s.write_char('Z').unwrap();
    write!(s, "{:?}", S(vec![])).unwrap();
    println!("{s}");
}
