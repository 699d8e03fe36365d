// A type parameter's items, as rustc finds them: `T::method(x)` of a trait's function (a
// receiver, or `arc_self: &Arc<Self>` as futures' `ArcWake` has), `T::default()` from a
// parameter or from `self`'s field that holds a `T`, and in a copy for a std type
// (`defaults::<(bool, char)>()`); `parse::<String>()`. A field written through the program's
// `DerefMut` (`stats.count += 1` of a `Wrapper<Stats>`).
use std::fmt::Debug;
use std::ops::{Deref, DerefMut};
use std::sync::{Arc, Mutex};

trait ArcWake {
    fn wake_by_ref(arc_self: &Arc<Self>);
}

trait Speak {
    fn speak(&self) -> String;
}

struct Task {
    log: Mutex<Vec<String>>,
}

impl ArcWake for Task {
    fn wake_by_ref(arc_self: &Arc<Self>) {
        arc_self.log.lock().unwrap().push("woken".to_string());
    }
}

struct Dog;

impl Speak for Dog {
    fn speak(&self) -> String {
        "woof".to_string()
    }
}

struct Adapter<T>(Arc<T>);

impl<T: ArcWake> Adapter<T> {
    fn wake(&self) {
        T::wake_by_ref(&self.0)
    }
}

fn twice<T: Speak>(t: &T) -> String {
    format!("{} {}", T::speak(t), T::speak(t))
}

struct Matrix<T> {
    rows: usize,
    data: Vec<T>,
}

impl<T: Default + Copy + std::ops::Add<Output = T> + std::ops::Mul<Output = T> + Debug> Matrix<T> {
    fn dot_rows(&self) -> Vec<T> {
        let mut out = vec![T::default(); self.rows];
        let cols = self.data.len() / self.rows;
        for r in 0..self.rows {
            let mut acc = T::default();
            for c in 0..cols {
                acc = acc + self.data[r * cols + c] * self.data[r * cols + c];
            }
            out[r] = acc;
        }
        out
    }
}

fn reset<T: Default>(slot: &mut T) -> T {
    std::mem::replace(slot, T::default())
}

fn defaults<T: Default + Debug>() -> String {
    format!("{:?}", T::default())
}

#[derive(Debug, Default)]
struct Stats {
    count: u32,
    total: f64,
    names: Vec<String>,
}

struct Wrapper<T> {
    label: String,
    inner: T,
}

impl<T> Deref for Wrapper<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.inner
    }
}

impl<T> DerefMut for Wrapper<T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.inner
    }
}

fn main() {
    let task = Arc::new(Task { log: Mutex::new(Vec::new()) });
    let adapter = Adapter(task.clone());
    adapter.wake();
    adapter.wake();
    println!("{:?} {}", task.log.lock().unwrap(), twice(&Dog));

    let m = Matrix { rows: 2, data: vec![1, 2, 3, 4] };
    let f = Matrix { rows: 1, data: vec![0.5, 1.5] };
    println!("{:?} {:?}", m.dot_rows(), f.dot_rows());

    let mut a = 99u8;
    let mut b = 2.5f64;
    let mut c = String::from("full");
    println!("{} {} {:?} -> {} {} {:?}", reset(&mut a), reset(&mut b), reset(&mut c), a, b, c);
    println!("{} {} {} {}", defaults::<(bool, char)>(), defaults::<Option<u8>>(), defaults::<String>(), defaults::<Stats>());
    println!("{:?} {:?}", "anything".parse::<String>(), "7".parse::<u8>());

    let mut stats = Wrapper { label: "stats".to_string(), inner: Stats::default() };
    for v in [4.0, 8.0, 15.5] {
        stats.count += 1;
        stats.total += v;
    }
    stats.names.push("first".to_string());
    stats.total = stats.total * 2.0;
    println!("{}: {:?} (count {})", stats.label, *stats, stats.count);
}
