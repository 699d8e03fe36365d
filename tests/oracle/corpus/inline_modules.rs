// Inline modules: nested `mod` blocks, `pub use` re-exports, paths through `self::` and
// `super::` (`crate::` is in tests/lang.rs: the oracle builds each program as a module), a module imported by name, an enum matched through its module's path, and a
// `#[cfg(test)]` module that `cargo run` does not build.
mod geometry {
    pub mod shapes {
        #[derive(Debug, Clone, PartialEq)]
        pub struct Rect {
            pub w: u32,
            pub h: u32,
        }
        impl Rect {
            pub fn area(&self) -> u32 {
                self.w * self.h
            }
            pub fn square(s: u32) -> Self {
                super::helpers::make(s, s)
            }
        }
        pub enum Kind {
            Tall,
            Wide,
            Square,
        }
        pub fn kind(r: &Rect) -> Kind {
            use std::cmp::Ordering;
            match r.h.cmp(&r.w) {
                Ordering::Greater => self::Kind::Tall,
                Ordering::Less => Kind::Wide,
                Ordering::Equal => super::shapes::Kind::Square,
            }
        }
    }
    mod helpers {
        use super::shapes::Rect;
        pub fn make(w: u32, h: u32) -> Rect {
            Rect { w, h }
        }
    }
    pub use self::shapes::Rect;
    pub const UNIT: u32 = 1;
    pub fn total(rs: &[Rect]) -> u32 {
        rs.iter().map(|r| r.area()).sum()
    }
}

mod counter {
    use std::collections::HashMap;
    #[derive(Default)]
    pub struct Tally(HashMap<String, u32>);
    impl Tally {
        pub fn add(&mut self, w: &str) {
            *self.0.entry(w.to_string()).or_insert(0) += 1;
        }
        pub fn get(&self, w: &str) -> u32 {
            self.0.get(w).copied().unwrap_or(0)
        }
    }
}

use counter::Tally;
use geometry::shapes::{self, Kind};
use geometry::Rect;

fn describe(r: &geometry::shapes::Rect) -> &'static str {
    match shapes::kind(r) {
        Kind::Tall => "tall",
        shapes::Kind::Wide => "wide",
        geometry::shapes::Kind::Square => "square",
    }
}

async fn main() {
    let a = Rect { w: 3, h: 4 };
    let b = shapes::Rect::square(5);
    let c: geometry::Rect = self::geometry::shapes::Rect { w: 6, h: geometry::UNIT };
    println!("{:?} {:?} {:?}", a, b, c);
    for r in [&a, &b, &c] {
        println!("{} x {} is {}", r.w, r.h, describe(r));
    }
    println!("total {}", geometry::total(&[a.clone(), b, c]));
    sleep(50).await;
    let mut t = Tally::default();
    for w in "a b a c a".split(' ') {
        t.add(w);
    }
    println!("a={} b={} z={} same={}", t.get("a"), t.get("b"), t.get("z"), a == Rect { w: 3, h: 4 });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn area() {
        assert_eq!(Rect { w: 2, h: 3 }.area(), 6);
        assert!(matches!(shapes::kind(&Rect { w: 1, h: 1 }), Kind::Square));
    }
}
