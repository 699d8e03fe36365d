// `clone()` through a reference clones what it refers to; `Option::cloned` and
// `Iterator::cloned` copy the values out; `char::is_whitespace`.
fn main() {
    let v = vec![1, 2];
    let r = &v;
    let mut w = r.clone();
    w.push(3);
    println!("{:?} {:?}", v, w);
    let mut items = vec![10, 20];
    let copied: Vec<i32> = items.iter().cloned().collect();
    items[0] = 7;
    let big: Vec<i32> = items.iter().filter(|x| **x > 10).cloned().collect();
    println!("{:?} {:?} {:?}", items, copied, big);
    let mut n = 5;
    let got = Some(&n).cloned();
    n += 1;
    println!("{:?} {}", got, n);
    let text = "a b\tc\n";
    let spaces = text.chars().filter(|c| c.is_whitespace()).count();
    println!("{} {} {}", spaces, 'x'.is_whitespace(), ' '.is_whitespace());
}
