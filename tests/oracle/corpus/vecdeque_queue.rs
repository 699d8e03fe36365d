// VecDeque as a queue: push_back, pop_front, front, back, iteration.
use std::collections::VecDeque;

fn main() {
    let mut q: VecDeque<u32> = VecDeque::new();
    for i in 1..=4 {
        q.push_back(i * 10);
    }
    q.push_front(5);
    println!("{:?} len {}", q, q.len());
    println!("{:?} {:?}", q.front(), q.back());
    while let Some(x) = q.pop_front() {
        if x == 20 {
            q.push_back(99);
        }
        println!("served {x}");
    }
    println!("{}", q.is_empty());
    // Two deques are equal by their items in order, wherever their fronts are.
    let mut a: VecDeque<u32> = VecDeque::new();
    a.push_back(2);
    a.push_front(1);
    let b: VecDeque<u32> = vec![1, 2].into_iter().collect();
    let c: VecDeque<u32> = vec![2, 1].into_iter().collect();
    println!("{} {} {}", a == b, a == c, a != c);
}
