// Indexing past the end panics with the length and the index.
fn main() {
    let v = vec![1, 2, 3];
    let mut total = 0;
    for i in 0..4 {
        println!("reading {i}");
        total += v[i];
    }
    println!("{total}");
}
