fn main() {
    let s = "well-known  fact,ok";
    let parts: Vec<&str> = s.split(|c: char| c == ' ' || c == '-').collect();
    println!("{parts:?}");
    let parts: Vec<&str> = s.split([' ', '-', ',']).filter(|p| !p.is_empty()).collect();
    println!("{parts:?}");
    println!("{}", "123abc456".trim_matches(char::is_numeric));
    println!("{}", "xxhixx".trim_start_matches('x'));
    println!("{:?}", "a1b22c".find(char::is_alphabetic));
    println!("{:?}", "a1b22c".rfind(|c: char| c.is_ascii_digit()));
    println!("{:?}", "banana".matches("an").collect::<Vec<_>>());
    println!("{:?}", "a,b,c".rsplit(',').collect::<Vec<_>>());
    println!("{:?}", "k=v=w".split_once(|c| c == '='));
    println!("{}", "Hello World".contains(char::is_uppercase));
    println!("{:?}", "a1b2".matches(char::is_numeric).collect::<Vec<&str>>());
}
