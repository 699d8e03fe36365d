// `.into()` inside a `vec![…]` or an array: the element type is the siblings', a program's type
// with several `From` impls, each picked by the argument's type.
#[derive(Debug, Clone, PartialEq)]
enum Val { Int(i64), Text(String), List(Vec<Val>) }
impl From<i64> for Val { fn from(n: i64) -> Self { Val::Int(n) } }
impl From<&str> for Val { fn from(s: &str) -> Self { Val::Text(s.to_string()) } }
impl From<Vec<Val>> for Val { fn from(v: Vec<Val>) -> Self { Val::List(v) } }
impl From<bool> for Val { fn from(b: bool) -> Self { Val::Int(if b { 1 } else { 0 }) } }
fn main() {
    let a = Val::from(5);
    println!("{:?}", a);
    let b = Val::from("five");
    println!("{:?}", b);
    let c: Val = true.into();
    println!("{:?}", c);
    let v = vec![Val::from(1), "x".into(), Val::from(false)];
    println!("{:?}", v);
    let d: Val = v.into();
    println!("{:?}", d);
    let arr = [Val::Text("a".into()), 7i64.into(), vec![Val::Int(2)].into()];
    println!("{:?}", arr);
}
