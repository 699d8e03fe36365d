// `size_of` of enums with data, as rustc lays them out on a 64-bit target: a tag before each
// variant's fields (the smallest alignment first, the tag widened into the padding), or no tag
// where the largest variant's niche (a `bool`'s spare values, a pointer's null, a `Vec`'s
// capacity, a `Duration`'s nanoseconds) numbers the others and they fit beside it; structs
// with their niche moved to an end; `Option` of each; a `Cell` hiding its niche.
use std::mem::size_of;
enum TimeUnit {
    Seconds,
    Minutes,
    Hours,
    Days,
    Months,
    Years,
}
enum RoughTime {
    InThePast(TimeUnit, u32),
    JustNow,
    InTheFuture(TimeUnit, u32),
}
enum A {
    X(u64, u8),
    Y,
}
enum B {
    X(bool),
    Y,
    Z,
}
enum C {
    X(&'static str),
    Y,
    Z,
}
enum D {
    X(Box<u32>),
    Y,
}
enum E {
    X(String),
    Y(u8),
    Z,
}
enum F {
    One(u32),
}
enum G {
    X(char),
    Y,
    Z,
    W,
}
enum H {
    Quit,
    Move { x: i32, y: i32 },
    Write(String),
    ChangeColor(i32, i32, i32),
}
enum I {
    X(u8),
    Y(u16),
    Z(u32),
}
enum J {
    X(Vec<u8>),
    Y,
}
enum K {
    X(u32, u16, u8),
    Y(u64),
}
enum L {
    A(Option<u8>),
    B,
}
enum M {
    A(TimeUnit),
    B,
    C,
}
enum N {
    A(std::time::Duration),
    B,
}
enum O {
    A((u8, u32)),
    B(f64),
}
enum P {
    A(i8),
    B(i8),
}
enum Q {
    A([u16; 3]),
    B,
}
enum R {
    A(Option<Box<u8>>),
    B,
}
struct S {
    a: u8,
    b: u32,
    c: u16,
}
enum T {
    A(S),
    B,
}
enum U {
    A(bool, bool),
    B(u8),
}
fn sizes_one() {
    println!("{} {} {} {} {} {}", size_of::<RoughTime>(), size_of::<A>(), size_of::<B>(), size_of::<C>(), size_of::<D>(), size_of::<E>());
    println!("{} {} {} {} {} {}", size_of::<F>(), size_of::<G>(), size_of::<H>(), size_of::<I>(), size_of::<J>(), size_of::<K>());
    println!("{} {} {} {} {} {}", size_of::<L>(), size_of::<M>(), size_of::<N>(), size_of::<O>(), size_of::<P>(), size_of::<Q>());
    println!("{} {} {} {}", size_of::<R>(), size_of::<T>(), size_of::<U>(), size_of::<Option<RoughTime>>());
    println!("{} {} {} {}", size_of::<Option<H>>(), size_of::<Option<Option<bool>>>(), size_of::<Option<u32>>(), size_of::<Option<char>>());
    println!("{} {} {}", size_of::<Option<TimeUnit>>(), size_of::<Option<std::time::Duration>>(), size_of::<Option<(u8, bool)>>());
}
use std::cell::Cell;
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::time::Duration;
struct S1 {
    a: u8,
    b: u32,
    c: bool,
}
struct S2 {
    a: bool,
    b: u64,
}
struct S3 {
    a: u8,
    b: [u8; 3],
    c: bool,
    d: u16,
}
enum E1 {
    A(S1),
    B,
    C,
}
enum E2 {
    A(S2),
    B(u32),
}
enum E3 {
    A(S3),
    B(u8),
    C,
}
enum E4 {
    A(Duration),
    B(u32),
    C,
}
enum E5 {
    A(u8, bool),
    B(u16),
}
enum E6 {
    A(char),
    B(u16),
    C,
}
enum E7 {
    A { x: f64, y: f64 },
    B { r: f64 },
    C,
}
enum E8 {
    A(Box<E8>, Box<E8>),
    B(i64),
}
enum E9 {
    A(Vec<u32>),
    B(VecDeque<u8>),
    C(String),
}
enum Tree {
    Leaf(i32),
    Node(Box<Tree>, Box<Tree>),
}
enum E10 {
    A(Option<bool>),
    B,
    C(bool),
}
enum E11 {
    A(u32, u8, u8),
    B(u16, u16),
}
enum E12 {
    A(&'static str),
    B(u64),
    C,
}
enum C3 {
    X,
    Y,
    Z,
}
enum E13 {
    A(C3, u16),
    B,
}
struct S4 {
    v: Vec<u8>,
    flag: bool,
}
enum E14 {
    A(S4),
    B(u8),
    C(u16, u16),
}
fn sizes_two() {
    println!("{} {} {} {} {} {}", size_of::<E1>(), size_of::<E2>(), size_of::<E3>(), size_of::<E4>(), size_of::<E5>(), size_of::<E6>());
    println!("{} {} {} {} {} {}", size_of::<E7>(), size_of::<E8>(), size_of::<E9>(), size_of::<Tree>(), size_of::<E10>(), size_of::<E11>());
    println!("{} {} {} {} {}", size_of::<E12>(), size_of::<E13>(), size_of::<E14>(), size_of::<S3>(), size_of::<S1>());
    println!(
        "{} {} {} {}",
        size_of::<Option<BTreeMap<u8, u8>>>(),
        size_of::<Option<HashMap<u8, u8>>>(),
        size_of::<Option<Cell<bool>>>(),
        size_of::<Option<Duration>>()
    );
    println!(
        "{} {} {} {}",
        size_of::<Option<Option<Option<bool>>>>(),
        size_of::<Option<(u8, u16)>>(),
        size_of::<Option<[bool; 2]>>(),
        size_of::<Option<E1>>()
    );
    println!("{} {} {}", size_of::<Option<E5>>(), size_of::<Option<C3>>(), size_of::<Option<Option<E13>>>());
}
fn main() {
    sizes_one();
    sizes_two();
}
