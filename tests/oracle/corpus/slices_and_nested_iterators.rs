// Nested iterators and slice pieces: `flatten` (of vectors, of ranges, of `Option`s), `flat_map`
// with a closure that captures, `windows`, `chunks` (a short last one), `split_at`, `min_by` and
// `max_by` (which of equal items each keeps), `rposition`; integer `checked_abs`, `checked_neg`,
// `rotate_left`/`rotate_right`; and a zero-padded width before a format type (`{:08b}`).
fn main() {
    let nested = vec![vec![1, 2], vec![], vec![3]];
    let flat: Vec<i32> = nested.into_iter().flatten().collect();
    println!("{:?}", flat);
    let ranges: Vec<u32> = (1..4).map(|n| 0..n).flatten().collect();
    println!("{:?}", ranges);
    let somes: Vec<u8> = vec![Some(1u8), None, Some(3)].into_iter().flatten().collect();
    println!("{:?}", somes);
    let base = 10;
    let pairs: Vec<i32> = (1..4).flat_map(|x| (0..x).map(move |y| x * base + y)).collect();
    println!("{:?}", pairs);
    let mut lazy = (0..).flat_map(|x| vec![x; x]);
    println!("{:?} {:?} {:?} {:?}", lazy.next(), lazy.next(), lazy.next(), lazy.next());

    let v = vec![1, 3, 5, 9, 14];
    let gaps: Vec<i32> = v.windows(2).map(|w| w[1] - w[0]).collect();
    println!("{:?} {}", gaps, v.windows(6).count());
    for c in v.chunks(2) {
        println!("chunk {:?} of {}", c, c.len());
    }
    println!("{} {} {} {}", v.ends_with(&[9, 14]), v.ends_with(&[1]), v.starts_with(&[1, 3]), v.ends_with(&[]));
    let (left, right) = v.split_at(2);
    println!("{:?} {:?} {:?}", left, right, v.split_at(5).1);

    let words = ["bb", "a", "cc", "d"];
    let shortest = words.iter().min_by(|a, b| a.len().cmp(&b.len()));
    let longest = words.iter().max_by(|a, b| a.len().cmp(&b.len()));
    println!("{:?} {:?}", shortest, longest);
    println!("{:?} {:?}", v.iter().rposition(|&x| x < 6), v.iter().rposition(|&x| x > 100));
    let empty: Vec<i32> = Vec::new();
    let none = empty.iter().min_by(|a, b| a.cmp(b));
    println!("{:?}", none);

    println!("{:?} {:?} {:?}", i32::MIN.checked_abs(), (-7i8).checked_abs(), i8::MIN.checked_neg());
    println!("{:?}", 5u8.checked_neg());
    println!("{} {} {}", 1u8.rotate_left(9), 0x8001u16.rotate_right(1), (-2i32).rotate_left(4));
    println!("{:08b} {:#06x} {:>08}", 5u8, 255, 42);

    let windows_of_zero = v.windows(0).count();
    println!("never printed {}", windows_of_zero);
}
