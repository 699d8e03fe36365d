// `*place = v` and `*place += v` where the place is a field, a tuple field or an element that
// is a `Box` (which the playground keeps as its value), or that holds a `&mut`.
struct Counter {
    n: Box<u32>,
    r: Vec<u32>,
}

impl Counter {
    fn bump(&mut self) {
        *self.n += 1;
        self.r.push(*self.n);
    }
}

fn bump_ref(x: &mut i32) {
    *x += 1;
}

fn main() {
    let mut pair = (Box::new(1), 2);
    *pair.0 = 100;
    println!("{} {}", pair.0, pair.1);
    let mut c = Counter { n: Box::new(1), r: vec![] };
    c.bump();
    c.bump();
    println!("{} {:?}", c.n, c.r);
    let mut v = vec![Box::new(1), Box::new(2)];
    *v[1] = 20;
    *v[0] -= 5;
    println!("{:?}", v);
    let mut nested = (1, (Box::new(7), 2));
    *(nested.1).0 = 70;
    println!("{:?}", nested);
    let mut a = 5;
    let mut b = 6;
    {
        let mut refs = vec![&mut a, &mut b];
        *refs[0] = 50;
        *refs[1] += 10;
    }
    println!("{} {}", a, b);
    let mut x = 1;
    let holder = (&mut x, 0);
    *holder.0 = 9;
    bump_ref(holder.0);
    println!("{}", x);
    let mut vs = vec![Box::new(vec![1])];
    *vs[0] = vec![2, 3];
    println!("{:?}", vs);
    let mut arr = [Box::new('a'), Box::new('b')];
    *arr[1] = 'z';
    let mut f = (Box::new(1.5f64), true);
    *f.0 *= 2.0;
    println!("{:?} {:?}", arr, f);
}
