// `T::from_str` and `T::from_str_radix` parse as `parse::<T>()` does (a sign, overflow, an
// empty string); `cycle` starts again from a copy of the iterator as it was.
use std::str::FromStr;

fn main() {
    println!("{:?} {:?} {:?}", i32::from_str_radix("-ff", 16), u8::from_str_radix("-1", 10), u8::from_str_radix("zz", 36));
    println!("{:?} {:?} {:?}", i64::from_str_radix("", 2), u32::from_str_radix("+101", 2), u16::from_str_radix("7f", 8));
    println!("{:?} {:?}", u8::from_str("255"), i8::from_str("-129"));
    let hex = "1a2b";
    let n = u32::from_str_radix(hex, 16).unwrap();
    println!("{n}");
    let v: Vec<i32> = [1, 2, 3].iter().cycle().take(7).cloned().collect();
    println!("{v:?}");
    let w: Vec<u32> = (10..13).cycle().skip(2).take(5).collect();
    println!("{w:?}");
    let names = ["a", "b"];
    for (i, n) in names.iter().cycle().enumerate().take(5) {
        print!("{i}{n} ");
    }
    println!();
    println!("{:?}", Vec::<u8>::new().iter().cycle().next());
    points();
}

#[derive(Debug, PartialEq)]
struct Point {
    x: i32,
    y: i32,
}

impl FromStr for Point {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (x, y) = s.split_once(',').ok_or(format!("no comma in {s:?}"))?;
        let x = x.trim().parse::<i32>().map_err(|e| e.to_string())?;
        let y: i32 = y.trim().parse().map_err(|e| format!("y: {e}"))?;
        Ok(Point { x, y })
    }
}

fn points() {
    let p: Point = "3, -4".parse().unwrap();
    println!("{p:?} {:?} {:?}", "1,x".parse::<Point>(), Point::from_str("7"));
    let q: Result<Point, _> = " 5 ,6".parse();
    println!("{q:?}");
}
