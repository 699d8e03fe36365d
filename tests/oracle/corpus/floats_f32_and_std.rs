// f32 where a field, a parameter or a return type says so (done in f32, printed as an f32), Default
// of float fields, Duration's float methods, parse::<f64>, std::f64::consts, i32::abs(-9) and f64::sqrt
// through the type, and the printing of large, tiny and negative-zero floats.
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Default)]
struct Point {
    x: f32,
    y: f32,
}

fn scale(v: f32, k: f32) -> f32 {
    v * k
}

fn mean(xs: &[f64]) -> Option<f64> {
    if xs.is_empty() {
        None
    } else {
        Some(xs.iter().sum::<f64>() / xs.len() as f64)
    }
}

fn celsius(f: f64) -> f64 {
    (f - 32.0) * 5.0 / 9.0
}

fn main() {
    let p = Point { x: 0.1, y: 0.2 };
    println!("{:?} {}", p, p.x + p.y);
    println!("{}", scale(1.0, 0.1) / 3.0);
    println!("{:?}", Point::default());
    println!("{:?} {:?}", mean(&[1.0, 2.5, 4.0]), mean(&[]));
    for f in [32.0, 98.6, 212.0, -40.0] {
        println!("{f:>6.1}F = {:>6.2}C", celsius(f));
    }
    let d = Duration::from_millis(1500);
    println!("{} {}", d.as_secs_f64(), d.as_secs_f32());
    println!("{:?} {:?}", Duration::from_secs_f64(2.25), d.mul_f64(1.5));
    let parsed: f64 = "3.75".parse().unwrap();
    let bad = "abc".parse::<f64>();
    let empty: Result<f32, _> = "".parse();
    println!("{} {:?} {:?}", parsed * 2.0, bad, empty);
    let words = vec!["2.5", "x", "-1e3", "7"];
    let nums: Vec<f64> = words.iter().filter_map(|w| w.parse::<f64>().ok()).collect();
    println!("{:?}", nums);
    let total: f64 = nums.iter().sum();
    let max = nums.iter().cloned().fold(f64::MIN, f64::max);
    let min = nums.iter().copied().fold(f64::INFINITY, |a, b| a.min(b));
    println!("{total} {max} {min}");
    println!("{} {} {}", f64::sqrt(16.0), i32::abs(-9), i64::pow(3, 4));
    println!("{} {}", std::f64::consts::PI, std::f64::consts::E);
    let r: f64 = 2.0;
    println!("{:.3} {:.0} {}", r.powf(0.5), 2.5f64.round(), (-2.5f64).round());
    println!("{} {} {}", 1e15, 1e16, 1.5e-7);
    println!("{:?} {:?} {:?}", 1e15, 1e16, 1.5e-7);
    let (nan, other_nan) = (f64::NAN, 0.0 / 0.0);
    println!("{} {} {}", f64::MAX > 1e308, nan == other_nan, nan != other_nan);
    println!("{}", (0.1f64 + 0.2 - 0.3).abs() < f64::EPSILON);
    let mut scores = vec![(String::from("ann"), 91.5), (String::from("bo"), 78.25), (String::from("cy"), 91.5)];
    scores.sort_by(|a, b| b.1.partial_cmp(&a.1).unwrap().then(a.0.cmp(&b.0)));
    println!("{:?}", scores);
    let v: Vec<f64> = (1..=5).map(|i| i as f64 / 2.0).collect();
    println!("{:?} {}", v, v.iter().product::<f64>());
    println!("{}", 7.0_f64 % 2.5);
    println!("{}", -0.0f64);
    println!("{:e} {:E}", 0.00123, 123456.0f64);
    println!("{:+.2} {:+}", 3.14159, -2.0);
    println!("{:10.3e}|{:<10}|{:^10.1}|", 1234.5678, 2.5, 9.99);
    let t = 1.0f64.atan2(1.0).to_degrees();
    println!("{t}");
    println!("{}", (255.0 * 0.5) as u8);
    println!("{}", u64::MAX as f64);
    println!("{}", 16777217 as f32);
}
