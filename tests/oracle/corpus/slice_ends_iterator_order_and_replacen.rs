fn check(v: &[i32]) -> Result<(), String> {
    v.iter().try_for_each(|&x| if x >= 0 { Ok(()) } else { Err(format!("negative {x}")) })
}
fn main() {
    let v = [3, 1, 2];
    if let Some((first, rest)) = v.split_first() {
        println!("{first} {rest:?}");
    }
    if let Some((last, rest)) = v.split_last() {
        println!("{last} {rest:?}");
    }
    println!("{} {}", v.is_sorted(), [1, 2, 2].is_sorted());
    println!("{:?} {:?}", check(&[1, 2]), check(&[1, -2, -3]));
    println!("{:?} {}", [1, 2].iter().cmp([1, 3].iter()), "abc".chars().lt("abd".chars()));
    println!("{}", "a-b-c-d".replacen("-", "+", 2));
    println!("{:?}", "abcabc".match_indices("bc").collect::<Vec<_>>());
    println!("{:?}", [1, 2, 3].iter().partial_cmp([1, 2].iter()));
}
