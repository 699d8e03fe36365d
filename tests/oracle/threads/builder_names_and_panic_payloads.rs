use std::thread;

// A thread named by `thread::Builder`, and what a panicked thread's `join()` gives: its payload,
// a `&'static str` for a `panic!` of a literal and std's unformatted messages, else a `String`.
fn kind(h: thread::JoinHandle<()>) {
    let e = h.join().unwrap_err();
    if let Some(s) = e.downcast_ref::<&str>() {
        println!("&str: {}", s);
    } else if let Some(s) = e.downcast_ref::<String>() {
        println!("String: {}", s);
    } else {
        println!("other");
    }
}

fn main() {
    let h = thread::spawn(|| thread::current().name().map(|n| n.to_string()));
    println!("{:?}", h.thread().name());
    println!("{:?}", h.join().unwrap());
    let b = thread::Builder::new().name("worker-7".to_string()).stack_size(64 * 1024);
    println!("{:?}", b);
    let h = b.spawn(|| format!("hello from {}", thread::current().name().unwrap_or("?"))).unwrap();
    println!("{:?}", h.thread().name());
    println!("{}", h.join().unwrap());
    let h2 = thread::Builder::new().spawn(|| 5).expect("spawn");
    println!("{}", h2.join().unwrap());
    thread::scope(|s| {
        let h = thread::Builder::new()
            .name("scoped".into())
            .spawn_scoped(s, || thread::current().name().map(|n| n.to_string()))
            .unwrap();
        println!("{:?}", h.join().unwrap());
    });

    kind(thread::spawn(|| {
        let o: Option<u8> = None;
        o.unwrap();
    }));
    kind(thread::spawn(|| {
        let o: Option<u8> = None;
        o.expect("need it");
    }));
    kind(thread::spawn(|| {
        let r: Result<u8, String> = Err("e".into());
        r.unwrap();
    }));
    kind(thread::spawn(|| {
        let v: Vec<u8> = vec![];
        let _ = v[3];
    }));
    kind(thread::spawn(|| {
        let a: u8 = "255".parse().unwrap();
        println!("{}", a + 1);
    }));
    kind(thread::spawn(|| {
        panic!();
    }));
    kind(thread::spawn(|| {
        panic!("a literal");
    }));
    kind(thread::spawn(|| {
        let x = 3;
        panic!("x={x}");
    }));
    kind(thread::spawn(|| {
        unreachable!();
    }));
    kind(thread::spawn(|| {
        assert!(1 == 2);
    }));
    kind(thread::spawn(|| {
        todo!();
    }));
    let n = 1;
    let e = thread::spawn(move || panic!("boxed {}", n)).join().unwrap_err();
    println!("is String {} is &str {}", e.is::<String>(), e.is::<&str>());
    match e.downcast::<String>() {
        Ok(s) => println!("downcast {}", s),
        Err(_) => println!("not a String"),
    }
}
