// `binary_search_by`, `binary_search_by_key` and `binary_search` (std's probes: the same index
// among equal items), `find_map`, `rsplit_once` and `wrapping_abs`.
fn main() {
    let v = vec![1, 3, 3, 3, 5, 8, 13];
    println!("{:?} {:?} {:?}", v.binary_search(&3), v.binary_search(&4), v.binary_search(&20));
    let mut probes = Vec::new();
    let r = v.binary_search_by(|x| {
        probes.push(*x);
        x.cmp(&8)
    });
    println!("{:?} probed {:?}", r, probes);
    let pairs = vec![(0, 'a'), (2, 'b'), (4, 'c')];
    println!("{:?} {:?}", pairs.binary_search_by_key(&4, |&(k, _)| k), pairs.binary_search_by_key(&1, |&(k, _)| k));
    let empty: Vec<u8> = Vec::new();
    println!("{:?}", empty.binary_search(&1));
    let words = ["apple", "42", "pear", "7"];
    let first_number = words.iter().find_map(|w| w.parse::<u32>().ok());
    println!("{:?} {:?}", first_number, words.iter().find_map(|w| if w.len() > 9 { Some(w) } else { None }));
    println!("{:?} {:?}", "a.b.c".rsplit_once('.'), "abc".rsplit_once("."));
    println!("{} {} {}", (-128i8).wrapping_abs(), (-5i32).wrapping_abs(), 0i16.wrapping_abs());
}
