// `T::item` in a generic function, where a parameter holds a `T`: the associated function or
// const of the argument's type (an element's, for a slice or a `Vec`), a program's type or a
// primitive with the program's trait; and one no argument holds, told by a turbofish.
trait Zero {
    fn zero() -> Self;
}
impl Zero for i64 {
    fn zero() -> Self {
        0
    }
}
impl Zero for f64 {
    fn zero() -> Self {
        0.0
    }
}

trait Shape {
    const SIDES: u32;
    fn unit() -> Self;
    fn area(&self) -> f64;
}

#[derive(Debug)]
struct Square(f64);
#[derive(Debug)]
struct Tri(f64);

impl Shape for Square {
    const SIDES: u32 = 4;
    fn unit() -> Self {
        Square(1.0)
    }
    fn area(&self) -> f64 {
        self.0 * self.0
    }
}
impl Shape for Tri {
    const SIDES: u32 = 3;
    fn unit() -> Self {
        Tri(1.0)
    }
    fn area(&self) -> f64 {
        self.0 * self.0 * 3f64.sqrt() / 4.0
    }
}

fn sum_all<T: Zero + std::ops::Add<Output = T> + Copy>(xs: &[T]) -> T {
    let mut acc = T::zero();
    for &x in xs {
        acc = acc + x;
    }
    acc
}

fn describe<S: Shape + std::fmt::Debug>(s: &S) -> String {
    format!("{:?} has {} sides, area {:.3}, unit {:.3}", s, S::SIDES, s.area(), S::unit().area())
}

fn sides_of_all<S: Shape>(v: Vec<S>) -> u32 {
    S::SIDES * v.len() as u32
}

fn total_sides<S: Shape>(n: u32) -> u32 {
    S::SIDES * n
}

fn main() {
    println!("{} {}", sum_all(&[1i64, 2, 3]), sum_all(&[0.5, 0.25]));
    println!("{}", describe(&Square(2.0)));
    println!("{}", describe(&Tri(2.0)));
    println!("{}", sides_of_all(vec![Tri(1.0), Tri(2.0)]));
    println!("{} {}", total_sides::<Square>(2), total_sides::<Tri>(5));
}
