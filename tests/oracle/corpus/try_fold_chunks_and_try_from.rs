use std::convert::TryFrom;
use std::hash::Hash;
use std::collections::HashMap;

#[derive(Debug)]
struct Even(u32);

impl TryFrom<u32> for Even {
    type Error = String;
    fn try_from(v: u32) -> Result<Self, Self::Error> {
        if v % 2 == 0 { Ok(Even(v)) } else { Err(format!("{v} is odd")) }
    }
}

fn count<T: Hash + Eq + Clone>(items: &[T]) -> HashMap<T, usize> {
    let mut m = HashMap::new();
    for x in items {
        *m.entry(x.clone()).or_insert(0) += 1;
    }
    m
}

fn main() {
    println!("{:?} {:?}", Even::try_from(8), Even::try_from(7));
    let c = count(&["a", "b", "a"]);
    println!("{}", c["a"]);
    let a = vec![1, 2, 3];
    println!("{} {}", a.iter().eq([1, 2, 3].iter()), a.iter().ne(a.iter().rev()));
    let total = a.iter().try_fold(0u32, |acc, &x| acc.checked_add(x));
    let over = [200u8, 100].iter().try_fold(0u8, |acc, &x| acc.checked_add(x));
    let b = vec![1, 2, 3];
    let r: Result<i32, String> = b.iter().try_fold(0, |acc, &x| if x < 3 { Ok(acc + x) } else { Err(format!("bad {x}")) });
    println!("{total:?} {over:?} {r:?}");
    let v = [1, 2, 3, 4, 5, 6, 7];
    println!("{:?}", v.rchunks(3).collect::<Vec<_>>());
    println!("{:?}", v.chunks_exact(3).collect::<Vec<_>>());
    println!("{}", v.partition_point(|&x| x < 5));
    let s = [1, 0, 2, 3, 0, 4];
    println!("{:?}", s.split(|x| *x == 0).collect::<Vec<_>>());
    let x: u32 = 0x12345678;
    println!("{:x} {:x}", x.swap_bytes(), 0b0000_0001u8.reverse_bits());
    println!("{}", (-2i16).swap_bytes());
}
