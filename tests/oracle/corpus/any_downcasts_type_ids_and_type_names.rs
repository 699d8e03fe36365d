// `std::any`: `&dyn Any` and `Box<dyn Any>` downcast to std's types and the program's
// (`downcast_ref`, `downcast_mut`, `downcast`, `is`), `TypeId::of::<T>()` against a value's
// `type_id()` (as a map's key too), `type_name::<T>()`, and a generic function's `T` told by a
// turbofish or by its argument.
use std::any::{type_name, Any, TypeId};
use std::collections::HashMap;
use std::fmt::Debug;

#[derive(Debug, Clone, PartialEq)]
struct Point {
    x: i32,
    y: i32,
}

fn describe(v: &dyn Any) -> String {
    if let Some(i) = v.downcast_ref::<i32>() {
        format!("an i32: {}", i)
    } else if let Some(s) = v.downcast_ref::<&str>() {
        format!("a &str: {:?}", s)
    } else if let Some(s) = v.downcast_ref::<String>() {
        format!("a String of {} bytes", s.len())
    } else if let Some(p) = v.downcast_ref::<Point>() {
        format!("a Point at ({}, {})", p.x, p.y)
    } else if v.is::<f64>() {
        "some f64".to_string()
    } else if v.is::<Vec<u8>>() {
        "bytes".to_string()
    } else if v.is::<Option<(u8, char)>>() {
        "a pair, maybe".to_string()
    } else {
        "something else".to_string()
    }
}

fn is_string<T: ?Sized + Any>(_: &T) -> bool {
    TypeId::of::<String>() == TypeId::of::<T>()
}

fn count_of<T: Any>(items: &[Box<dyn Any>]) -> usize {
    items.iter().filter(|b| b.is::<T>()).count()
}

fn name_of<T>() -> &'static str {
    type_name::<T>()
}

fn same<A: 'static, B: 'static>() -> bool {
    TypeId::of::<A>() == TypeId::of::<B>()
}

fn show<T: Debug>(x: T) {
    println!("{:?}: {}", x, type_name::<T>());
}

trait Component: Any + Debug {
    fn name(&self) -> &'static str;
    fn as_any(&self) -> &dyn Any;
    fn as_any_mut(&mut self) -> &mut dyn Any;
}

#[derive(Debug)]
struct Health(u32);
#[derive(Debug)]
struct Speed(f32);

impl Component for Health {
    fn name(&self) -> &'static str {
        "health"
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}

impl Component for Speed {
    fn name(&self) -> &'static str {
        "speed"
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}

struct Slot {
    value: Box<dyn Any>,
}

struct Res<T>(T);

trait Zero {
    fn zero() -> Self;
}

impl Zero for f64 {
    fn zero() -> Self {
        0.0
    }
}

struct V<T> {
    a: T,
    b: T,
}

impl<T: Zero + Copy> V<T> {
    fn with_a(a: T) -> Self {
        V { a, b: T::zero() }
    }
}

fn is_like<T: Any>(a: &dyn Any, _like: &T) -> bool {
    a.is::<T>()
}

fn vec_name<T>() -> &'static str {
    type_name::<Vec<T>>()
}

#[derive(Clone, Copy)]
enum Cell {
    Dead,
    Alive,
}

// A field's and an element's box written through `downcast_mut`, a generic struct's `TypeId`s
// apart by their arguments, a `Box<dyn Any>`'s own `type_id()`, an impl's `T` held by an
// argument, a `T` told by an argument's value, a program's `Cell` that is not std's.
fn more() {
    let mut s = Slot { value: Box::new(1i32) };
    if let Some(n) = s.value.downcast_mut::<i32>() {
        *n += 1;
    }
    let mut v: Vec<Box<dyn Any>> = vec![Box::new(1u32)];
    if let Some(n) = v[0].downcast_mut::<u32>() {
        *n += 1;
    }
    println!("{:?} {:?}", s.value.downcast_ref::<i32>(), v[0].downcast_ref::<u32>());
    let mut m = HashMap::new();
    m.insert(TypeId::of::<Res<i32>>(), 1);
    m.insert(TypeId::of::<Res<String>>(), 2);
    println!("{}", m.len());
    let b: Box<dyn Any> = Box::new(5i32);
    println!("{} {}", b.type_id() == TypeId::of::<i32>(), (*b).type_id() == TypeId::of::<i32>());
    let w: V<f64> = V::with_a(2.0);
    println!("{}", w.a + w.b);
    println!("{} {}", is_like(&5, &7), is_like(&5u8, &7));
    println!("{}", vec_name::<u8>());
    println!("{} {}", type_name::<Cell>().ends_with("Cell"), type_name::<(i32,)>());
    println!("{} {}", type_name::<Box<i32>>(), type_name::<&i32>());
    println!("{}", TypeId::of::<Box<u8>>() == TypeId::of::<u8>());
    let _ = (Cell::Dead, Cell::Alive, Res(0u8).0);
}

struct TypeMap {
    m: HashMap<TypeId, Box<dyn Any>>,
}

impl TypeMap {
    // `v` is moved into its box before `T`'s `TypeId` is asked.
    fn put<T: Any>(&mut self, v: T) {
        let b: Box<dyn Any> = Box::new(v);
        self.m.insert(TypeId::of::<T>(), b);
    }
}

fn get<'a, T: 'static>(tm: &'a TypeMap) -> Option<&'a T> {
    tm.m.get(&TypeId::of::<T>())?.downcast_ref::<T>()
}

#[derive(Debug)]
struct Image<P> {
    data: Vec<P>,
}

impl<P: Default> Image<P> {
    fn new(n: usize) -> Self {
        Image { data: (0..n).map(|_| P::default()).collect() }
    }
}

struct Loud;

impl Drop for Loud {
    fn drop(&mut self) {
        println!("drop Loud");
    }
}

// A type map whose `put` moves its value before asking `T`'s id, an impl's `P::default()` in a
// closure of the copy a `let`'s type makes, a box taken by `downcast` (its value dropped where
// the program drops it), an `Rc` in a box as itself, a `Pin`'s name, and writes through a
// range of a `Vec`.
fn third() {
    let mut tm = TypeMap { m: HashMap::new() };
    tm.put(String::from("hello"));
    tm.put(7u16);
    println!("{:?} {:?} {:?}", get::<String>(&tm), get::<u16>(&tm), get::<u8>(&tm));
    let img: Image<u8> = Image::new(3);
    println!("{:?}", img.data);
    let b: Box<dyn Any> = Box::new(Loud);
    let l = b.downcast::<Loud>().ok();
    drop(l);
    println!("after the drop");
    let shared: Box<dyn Any> = Box::new(std::rc::Rc::new(std::cell::RefCell::new(5)));
    println!("{}", shared.downcast_ref::<std::rc::Rc<std::cell::RefCell<i32>>>().is_some());
    println!("{}", type_name::<std::pin::Pin<Box<i32>>>());
    let mut v = vec![1, 2, 3, 4];
    v[1..3][0] = 9;
    v[2..][1] += 10;
    println!("{:?}", v);
}

fn main() {
    more();
    third();
    let items: Vec<Box<dyn Any>> = vec![
        Box::new(42i32),
        Box::new("hello"),
        Box::new(String::from("world")),
        Box::new(Point { x: 1, y: 2 }),
        Box::new(2.5f64),
        Box::new(vec![1u8, 2]),
        Box::new(Some((7u8, 'z'))),
        Box::new('c'),
        Box::new(7u64),
    ];
    for it in &items {
        println!("{}", describe(&**it));
    }
    println!("u64: {}, &str: {}, Point: {}", count_of::<u64>(&items), count_of::<&str>(&items), count_of::<Point>(&items));
    println!("is_string: {} {}", is_string(&String::new()), is_string(&5));
    println!("same: {}", TypeId::of::<i32>() == 5i32.type_id());
    println!("differ: {}", TypeId::of::<i32>() == 5u8.type_id());
    println!("{} {}", same::<u8, u8>(), same::<u8, i8>());

    let mut comps: Vec<Box<dyn Component>> = vec![Box::new(Health(10)), Box::new(Speed(1.5))];
    for c in comps.iter_mut() {
        if let Some(h) = c.as_any_mut().downcast_mut::<Health>() {
            h.0 += 5;
        }
    }
    for c in &comps {
        println!("{} -> {:?}", c.name(), c);
        match c.as_any().downcast_ref::<Speed>() {
            Some(s) => println!("  speed {}", s.0),
            None => println!("  not a speed"),
        }
    }

    let b: Box<dyn Any> = Box::new(Point { x: 3, y: 4 });
    match b.downcast::<String>() {
        Ok(s) => println!("string {}", s),
        Err(b) => match b.downcast::<Point>() {
            Ok(p) => println!("point {:?}", *p),
            Err(_) => println!("neither"),
        },
    }
    let mut by_type: HashMap<TypeId, &str> = HashMap::new();
    by_type.insert(TypeId::of::<Health>(), "health");
    by_type.insert(TypeId::of::<Speed>(), "speed");
    for c in &comps {
        println!("lookup {}", by_type[&c.as_any().type_id()]);
    }

    let mut v: Box<dyn Any> = Box::new(10u32);
    if let Some(n) = v.downcast_mut::<u32>() {
        *n += 5;
    }
    println!("{:?} {:?}", v.downcast_ref::<u32>(), v.downcast_ref::<i32>());
    let mut x = 5i64;
    let r: &mut dyn Any = &mut x;
    if let Some(n) = r.downcast_mut::<i64>() {
        *n *= 3;
    }
    println!("{}", x);

    println!("{}", type_name::<Point>().ends_with("Point"));
    println!("{}", name_of::<Vec<Option<i32>>>());
    println!("{}", name_of::<(i32, char)>());
    println!("{}", type_name::<&str>());
    show(3u16);
    show(vec![1.5f32]);
    show("hi");
    show(String::from("s"));
}
