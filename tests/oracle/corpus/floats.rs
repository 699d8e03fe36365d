// Floats: arithmetic, std's Display/Debug/LowerExp with widths, precision and signs, casts both ways
// (saturating), f64's constants and methods, sum of a slice, sort_by partial_cmp, fold with f64::max.
fn area(r: f64) -> f64 {
    std::f64::consts::PI * r * r
}
fn main() {
    let x = 2.5;
    let y: f64 = 4.0;
    println!("{} {} {}", x + y, x * y, y / x);
    println!("{:.2} {:8.3}| {:<8.1}| {:+} {:e}", area(1.5), x, y, x, 1234.5);
    println!("{:?} {:?} {}", 1.0, vec![0.5, 2.0, -3.25], 1.0);
    let c = 0.1 + 0.2;
    println!("{} {}", c, c == 0.3);
    let f: f32 = 0.1;
    let g = f + 0.2;
    println!("{} {}", g, f * 3.0);
    println!("{} {} {}", (2.0f64).sqrt(), 2.0f64.powi(10), 10f64.ln());
    println!("{} {} {} {}", 7.9 as i32, -7.9 as i32, 300.0 as u8, f64::NAN as u8);
    println!("{} {}", 5 as f64 / 2.0, (7 as f32) / 3.0);
    println!("{} {} {}", f64::MAX, f64::EPSILON, f64::INFINITY);
    println!("{:08.3} {:>10.2e}", -3.14159, 0.000123);
    let temps = [22.5, 19.0, 24.75];
    let avg: f64 = temps.iter().sum::<f64>() / temps.len() as f64;
    println!("avg {:.3}", avg);
    let mut v = vec![3.2, 1.5, 2.8];
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    println!("{:?}", v);
    let m = v.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
    println!("{}", m);
    println!("{}", (0.0f64 / 0.0).is_nan());
    println!("{:.1?}", vec![1.25, 2.0]);
}
