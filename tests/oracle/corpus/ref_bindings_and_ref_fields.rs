// A `ref` binding and a field declared `&T` hold references: using one (pushing it, storing
// it in a struct) copies the reference and moves nothing, so the name is still usable.
enum Tree {
    Empty,
    NonEmpty(Box<Node>),
}

use Tree::*;

struct Node {
    value: i32,
    left: Tree,
}

struct Pool {
    name: String,
    sizes: Vec<usize>,
}

struct Handle<'a> {
    pool: &'a Pool,
    slot: usize,
}

struct Lease<'a> {
    pool: &'a Pool,
    size: usize,
}

impl<'a> Handle<'a> {
    fn lease(&self) -> Lease<'a> {
        let p = self.pool;
        Lease { pool: p, size: p.sizes[self.slot] }
    }
}

fn left_spine(t: &Tree) -> Vec<&Node> {
    let mut seen: Vec<&Node> = Vec::new();
    let mut tree = t;
    while let NonEmpty(ref node) = *tree {
        seen.push(node);
        tree = &node.left;
    }
    seen
}

fn main() {
    let leaf = NonEmpty(Box::new(Node { value: 1, left: Empty }));
    let t = NonEmpty(Box::new(Node { value: 3, left: NonEmpty(Box::new(Node { value: 2, left: leaf })) }));
    let spine: Vec<i32> = left_spine(&t).iter().map(|n| n.value).collect();
    println!("left spine: {spine:?}");
    if let NonEmpty(ref root) = t {
        let keep = root;
        println!("root {} and again {}", keep.value, root.value);
    }

    let pool = Pool { name: String::from("buffers"), sizes: vec![64, 128, 256] };
    let h = Handle { pool: &pool, slot: 2 };
    let a = h.lease();
    let b = h.lease();
    println!("{} leases {} and {} from {}", a.pool.name, a.size, b.size, b.pool.name);

    let pair = (String::from("left"), String::from("right"));
    let (ref l, ref r) = pair;
    let both = vec![l, r, l];
    println!("{both:?} {} {}", l.len(), pair.0);
}
