// Operators off the integer fast path: `!` on each integer width (bitwise not), `&`, `|`
// and `^` on bools (and their `op=` forms), `==` on bools, chars, units and vectors of them,
// `as` from bool and char, byte literals, and an Instant moved by a Duration.
use std::time::{Duration, Instant};

fn main() {
    let (a, b, c, d) = (5u8, 0i32, u64::MAX, -1i64);
    println!("{} {} {} {}", !a, !b, !c, !d);
    println!("{} {} {}", !0u16, !1i8, !0usize == usize::MAX);
    let mask: u32 = 0b1010;
    println!("{:#b} {:#x}", !mask & 0xff, !mask);
    let (t, f) = (true, false);
    println!("{} {} {} {}", t & f, t | f, t ^ t, !t);
    let mut flag = true;
    flag &= false;
    println!("{flag}");
    flag |= true;
    println!("{flag}");
    flag ^= true;
    println!("{flag}");
    println!("{} {} {}", t == f, 'a' == 'a', () == ());
    println!("{} {}", vec![true, false] == vec![true, false], vec!['a'] == vec!['b']);
    println!("{} {} {}", [(), ()] == [(), ()], (1, 'x', true) == (1, 'x', true), Some('q') != Some('r'));
    println!("{} {} {}", true as u8, false as i32, 'A' as char);
    println!("{} {}", 'z' as u32, (b'a' + 2) as char);
    // Byte literals are `u8`s, escapes and all.
    let bytes = [b'\n', b'\\', b'\'', b'"', b'\0', b'\t', b'\r', b'\x7f', b'\xff'];
    println!("{:?} {}", bytes, b'Z' - b'A');

    let start = Instant::now();
    let later = start + Duration::from_millis(250);
    let back = later - Duration::from_millis(50);
    println!("{:?} {:?}", later - start, later.duration_since(back));
    println!("{:?} {:?}", start.checked_duration_since(later), later.checked_duration_since(start));
    println!("{}", later > start && back < later && start == start);
    println!("{:?}", Duration::from_secs(3) / 4);
}
