// `std::borrow::Cow`: borrowed until a write needs its own copy (`to_mut`), then owned; it
// reads as what it holds (methods, indexing, `Display`, `Debug`, `==`).
use std::borrow::Cow;

fn escape(input: &str) -> Cow<'_, str> {
    if !input.contains(|c| matches!(c, '<' | '>' | '&')) {
        return Cow::Borrowed(input);
    }
    let mut out = String::with_capacity(input.len() + 8);
    for c in input.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            other => out.push(other),
        }
    }
    Cow::Owned(out)
}

fn abs_all(input: &mut Cow<'_, [i32]>) {
    for i in 0..input.len() {
        let v = input[i];
        if v < 0 {
            input.to_mut()[i] = -v;
        }
    }
}

fn describe<T: ?Sized + ToOwned>(c: &Cow<'_, T>) -> &'static str {
    match c {
        Cow::Borrowed(_) => "borrowed",
        Cow::Owned(_) => "owned",
    }
}

fn main() {
    for s in ["plain text", "a < b && c"] {
        let e = escape(s);
        println!("{:<12} -> {:<22} ({}, {} bytes, upper {})", s, e, describe(&e), e.len(), e.to_uppercase());
    }
    let data = [1, 2, 3];
    let mut c: Cow<[i32]> = Cow::Borrowed(&data);
    abs_all(&mut c);
    println!("{:?} stays {}", c, describe(&c));
    let data = [1, -2, 3];
    let mut c: Cow<[i32]> = Cow::Borrowed(&data);
    abs_all(&mut c);
    println!("{:?} is {} now; the original is {:?}", c, describe(&c), data);
    let owned: Vec<i32> = c.into_owned();
    println!("into_owned: {owned:?}");

    let mut name = Cow::from("ferris");
    println!("{} {} {}", name == "ferris", describe(&name), name.starts_with("fer"));
    name.to_mut().push_str(" the crab");
    println!("{name} ({}), {:?}", describe(&name), name);
    let from_string: Cow<str> = Cow::from(String::from("owned already"));
    let copy = from_string.clone();
    println!("{} / {}", describe(&from_string), copy);
    println!("{}", copy.into_owned().len());
}
