// assert!, assert_eq! and assert_ne! that hold (their operands evaluated once), then an
// assert_eq! with a message that fails: the panic shows the message, then both sides with Debug.
fn next(counter: &mut u32) -> u32 {
    *counter += 1;
    *counter
}

fn main() {
    let mut calls = 0;
    assert!(next(&mut calls) == 1);
    assert_eq!(next(&mut calls), 2, "the second call gives {}", 2);
    assert_ne!(next(&mut calls), 2);
    println!("{calls} calls");
    let words = vec!["a", "b"];
    assert!(words.len() == 2, "two words, not {}", words.len());
    assert_eq!(words, ["a", "b"]);
    println!("all held");
    let got = (1, "x");
    assert_eq!(got, (1, "y"), "pair {} differs", got.0);
}
