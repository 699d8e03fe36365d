// `#[derive(Debug)]` of structs with marker fields: `PhantomPinned` and `PhantomData<T>` print
// as std prints them.
use std::marker::{PhantomData, PhantomPinned};

#[derive(Debug)]
struct Test {
    a: String,
    b_range: (usize, usize),
    _marker: PhantomPinned,
}

#[derive(Debug, Clone, Copy)]
struct Length {
    value: f64,
    unit: PhantomData<u32>,
}

#[derive(Debug)]
struct Tagged(char, PhantomData<f64>, PhantomData<Vec<String>>);

#[derive(Debug)]
struct Refs<'a> {
    names: PhantomData<&'a str>,
    pair: PhantomData<(u8, Option<i32>)>,
}

fn main() {
    let t = Test { a: String::from("test1 string"), b_range: (0, 4), _marker: PhantomPinned };
    println!("{t:?} {}", t.a.len() + t.b_range.1);
    let l = Length { value: 2.5, unit: PhantomData };
    println!("{l:?} {}", l.value);
    let tag = Tagged('Q', PhantomData, PhantomData);
    println!("{tag:?} {}", tag.0);
    println!("{:#?}", Refs { names: PhantomData, pair: PhantomData });
}
