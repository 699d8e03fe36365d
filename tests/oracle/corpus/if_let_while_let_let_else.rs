// if let, while let (a stack), let-else, and ? on Option and Result.
fn first_even(v: &[u32]) -> Option<u32> {
    for &x in v {
        if x % 2 == 0 {
            return Some(x);
        }
    }
    None
}

fn parse_pair(s: &str) -> Option<(u32, u32)> {
    let (a, b) = s.split_once(',')?;
    let a: u32 = a.trim().parse().ok()?;
    let b: u32 = b.trim().parse().ok()?;
    Some((a, b))
}

fn checked(a: u32, b: u32) -> Result<u32, String> {
    let sum = a.checked_add(b).ok_or(String::from("overflow"))?;
    if sum > 100 {
        return Err(format!("{sum} is too big"));
    }
    Ok(sum)
}

fn name_len(name: Option<&str>) -> usize {
    let Some(n) = name else {
        return 0;
    };
    n.len()
}

fn main() {
    if let Some(e) = first_even(&[3, 5, 8, 10]) {
        println!("first even {e}");
    }
    let mut stack = vec![1, 2, 3];
    while let Some(top) = stack.pop() {
        println!("popped {top}");
    }
    println!("{:?} {:?}", parse_pair("3, 4"), parse_pair("3; 4"));
    println!("{:?} {:?} {:?}", checked(40, 2), checked(90, 20), checked(u32::MAX, 1));
    println!("{} {}", name_len(Some("ferris")), name_len(None));
}
