// A struct holding boxed closures; calling a field that is a closure.
struct Button {
    label: String,
    on_click: Box<dyn Fn(u32) -> String>,
}

struct Machine {
    steps: Vec<Box<dyn FnMut() -> u32>>,
}

fn main() {
    let prefix = "clicked";
    let b = Button { label: "ok".into(), on_click: Box::new(move |n| format!("{prefix} {n} times")) };
    println!("{}: {}", b.label, (b.on_click)(3));
    let mut m = Machine { steps: Vec::new() };
    let mut n = 0;
    m.steps.push(Box::new(move || {
        n += 1;
        n
    }));
    m.steps.push(Box::new(|| 100));
    for _ in 0..2 {
        for s in m.steps.iter_mut() {
            print!("{} ", s());
        }
    }
    println!();
}
