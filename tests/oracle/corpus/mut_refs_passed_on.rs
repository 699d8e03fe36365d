// A `&mut` parameter passed on twice is reborrowed each time, not moved: an accumulator
// threaded through a recursion (the Rust Book's tree walks), and a `let r = &mut v` used twice.
struct Node {
    value: i32,
    children: Vec<Node>,
}

impl Node {
    fn collect(&self, out: &mut Vec<i32>) {
        out.push(self.value);
        for c in &self.children {
            c.collect(out);
        }
        add(out, -1);
    }
}

fn add(out: &mut Vec<i32>, x: i32) {
    out.push(x);
}

fn fill(out: &mut Vec<i32>) {
    add(out, 1);
    add(out, 2);
}

fn count(n: &i32, seen: &mut u32) {
    *seen += 1;
    if *n > 0 {
        count(&(n - 1), seen);
    }
}

fn main() {
    let mut v = vec![];
    fill(&mut v);
    let r = &mut v;
    add(r, 3);
    add(r, 4);
    println!("{v:?}");
    let tree = Node { value: 1, children: vec![Node { value: 2, children: vec![] }, Node { value: 3, children: vec![] }] };
    let mut out = Vec::new();
    tree.collect(&mut out);
    println!("{out:?}");
    let mut seen = 0;
    count(&3, &mut seen);
    println!("{seen}");
}
