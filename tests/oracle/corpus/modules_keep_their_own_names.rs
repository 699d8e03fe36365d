// Two modules each with their own `Post`, `new`-less helpers and constants of one name: rustc
// keeps them apart, by the module each is in, and so does the playground. A `use … as` name
// in a module (`fruit`) is that module's: `fruit` is a fresh binding in `main`'s `for`.
mod blog {
    #[derive(Debug)]
    pub struct Post {
        pub title: String,
        published: bool,
    }
    pub const LIMIT: usize = 3;
    impl Post {
        pub fn new(title: &str) -> Post {
            Post { title: title.to_string(), published: false }
        }
        pub fn publish(&mut self) {
            self.published = true;
        }
    }
    pub fn describe(p: &Post) -> String {
        format!("{} ({})", p.title, if p.published { "live" } else { "draft" })
    }
}

mod typed_blog {
    #[derive(Debug, Clone, PartialEq)]
    pub struct Post(pub String);
    pub struct DraftPost(String);
    pub const LIMIT: usize = 5;
    impl Post {
        pub fn new(text: &str) -> DraftPost {
            DraftPost(text.to_string())
        }
    }
    impl DraftPost {
        pub fn approve(self) -> Post {
            Post(self.0)
        }
    }
    pub fn describe(p: &Post) -> String {
        format!("typed: {}", p.0)
    }
    pub mod review {
        use super::Post;
        pub fn check(p: &Post) -> bool {
            !p.0.is_empty() && p.0.len() <= super::LIMIT * 4
        }
        pub fn describe() -> &'static str {
            "review"
        }
    }
}

mod snacks {
    pub use self::fruits::PEAR as fruit;
    pub use self::veggies::CUCUMBER as veggie;
    mod fruits {
        pub const PEAR: &str = "Pear";
    }
    mod veggies {
        pub const CUCUMBER: &str = "Cucumber";
    }
}

mod shapes {
    #[derive(Debug)]
    pub enum Shape {
        Post(u32),
        Circle { r: u32 },
    }
    pub fn describe(s: &Shape) -> String {
        format!("{:?}", s)
    }
}

use blog::Post;
use shapes::Shape;

fn describe(n: u32) -> String {
    format!("root {}", n)
}

fn main() {
    let mut p = Post::new("Hello");
    println!("{}", blog::describe(&p));
    p.publish();
    println!("{}", blog::describe(&p));
    println!("{:?}", p);

    let t = typed_blog::Post::new("Typed hello").approve();
    println!("{} {:?}", typed_blog::describe(&t), t);
    println!("{}", t == typed_blog::Post("Typed hello".to_string()));
    println!("check {} {}", typed_blog::review::check(&t), typed_blog::review::describe());
    println!("limits {} {}", blog::LIMIT, typed_blog::LIMIT);

    println!("favorite snacks: {} and {}", snacks::fruit, snacks::veggie);
    for fruit in ["apple", "banana"] {
        println!("fruit {}", fruit);
    }

    let shapes = vec![Shape::Post(3), Shape::Circle { r: 2 }];
    for s in &shapes {
        println!("{}", shapes::describe(s));
    }
    println!("{}", describe(7));
}
