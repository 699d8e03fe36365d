// Editing a String and a Vec in place: the methods that change length or content where they
// are, and the ones that give a part back (`get` with a range, `split_off`, `drain`).
fn main() {
    let mut s = String::from("hello world");
    s.insert(5, ',');
    println!("{s}");
    let c = s.remove(0);
    println!("{c} then {s}");
    s.truncate(5);
    println!("{s} ({})", s.len());
    s.truncate(50);
    println!("{s} still");
    println!("{:?} {:?} {:?}", s.get(1..3), s.get(2..), s.get(0..99));
    let parts: Vec<&str> = "a=b=c=d".splitn(3, '=').collect();
    println!("{:?}", parts);
    println!("{} {} {}", "xxhixx".trim_matches('x'), "ababcab".trim_start_matches("ab"), "a--".trim_end_matches('-'));
    let mut t = s.clone();
    t.clear();
    println!("{:?} {} {}", t, t.is_empty(), s.is_empty());
    let big: Result<u8, _> = "300".parse::<u8>();
    let small: Result<i8, _> = "-300".parse::<i8>();
    println!("{:?} {:?}", big, small);

    let mut v = vec![1, 2, 3, 4, 5, 6];
    let gone: Vec<i32> = v.drain(1..3).collect();
    println!("{:?} {:?}", gone, v);
    let tail = v.split_off(2);
    println!("{:?} {:?}", v, tail);
    let mut w = tail.clone();
    w.fill(9);
    println!("{:?}", w);
    println!("{:?} {:?}", tail.get(0..1), tail.get(1..9));
    let all: Vec<i32> = w.drain(..).collect();
    println!("{:?} {:?}", all, w);
    let mut x = vec![3, 1, 2];
    x.swap(0, 2);
    x.insert(1, 7);
    let first = x.swap_remove(0);
    println!("{:?} {}", x, first);
    println!("{:?}", x);
    x.clear();
    println!("{:?} {}", x, x.len());

    // A `&str` sliced by ranges of each kind, and a `VecDeque` made from a `Vec` and an array.
    let word = "héllo";
    println!("{} {} {} {}", &word[3..5], &word[..=2], &word[3..], &word[..]);
    let mut d = std::collections::VecDeque::from(vec![1, 2, 3]);
    d.swap(0, 2);
    let e = std::collections::VecDeque::from([4, 5]);
    println!("{:?} {:?}", d, e);
}
