// Consumers (`collect`, `sum`) of a `map` whose closure blocks, and of a program's own
// iterator whose `next` waits on a `Condvar`: each call blocks as the thread's own code would.
use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::sync::mpsc::channel;
use std::sync::{Arc, Condvar, Mutex};
use std::task::{Context, Poll, Wake, Waker};
use std::thread;
use std::time::Duration;

struct OneShot<T> {
    slot: Mutex<Option<T>>,
    ready: Condvar,
}

impl<T> OneShot<T> {
    fn send(&self, v: T) {
        *self.slot.lock().unwrap() = Some(v);
        self.ready.notify_one();
    }
    fn receive(&self) -> T {
        let mut slot = self.slot.lock().unwrap();
        loop {
            if let Some(v) = slot.take() {
                return v;
            }
            slot = self.ready.wait(slot).unwrap();
        }
    }
}

struct Queue {
    items: Mutex<(VecDeque<u32>, bool)>,
    more: Condvar,
}

struct Reader(Arc<Queue>);

impl Iterator for Reader {
    type Item = u32;
    fn next(&mut self) -> Option<u32> {
        let mut q = self.0.items.lock().unwrap();
        loop {
            if let Some(v) = q.0.pop_front() {
                return Some(v);
            }
            if q.1 {
                return None;
            }
            q = self.0.more.wait(q).unwrap();
        }
    }
}

struct Unpark(thread::Thread);

impl Wake for Unpark {
    fn wake(self: Arc<Self>) {
        self.0.unpark();
    }
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = Box::pin(fut);
    let waker = Waker::from(Arc::new(Unpark(thread::current())));
    let mut cx = Context::from_waker(&waker);
    loop {
        match fut.as_mut().poll(&mut cx) {
            Poll::Ready(v) => return v,
            Poll::Pending => thread::park(),
        }
    }
}

struct Later {
    value: Arc<Mutex<Option<u64>>>,
    started: bool,
    n: u64,
}

impl Future for Later {
    type Output = u64;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u64> {
        if let Some(v) = self.value.lock().unwrap().take() {
            return Poll::Ready(v);
        }
        if !self.started {
            self.started = true;
            let value = self.value.clone();
            let waker = cx.waker().clone();
            let n = self.n;
            thread::spawn(move || {
                thread::sleep(Duration::from_millis(20));
                *value.lock().unwrap() = Some(n * n);
                waker.wake();
            });
        }
        Poll::Pending
    }
}

fn main() {
    let (tx, rx) = channel();
    for i in 1..=3u64 {
        let tx = tx.clone();
        thread::spawn(move || {
            thread::sleep(Duration::from_millis(60 * (4 - i)));
            tx.send(i * 10).unwrap();
        });
    }
    let got: Vec<u64> = (0..3).map(|_| rx.recv().unwrap()).collect();
    println!("received in order of sending: {got:?}");

    let shots: Vec<Arc<OneShot<u32>>> = (0..4).map(|_| Arc::new(OneShot { slot: Mutex::new(None), ready: Condvar::new() })).collect();
    for (i, s) in shots.iter().enumerate() {
        let s = s.clone();
        thread::spawn(move || {
            thread::sleep(Duration::from_millis(10 * (4 - i as u64)));
            s.send((i as u32 + 1).pow(3));
        });
    }
    let cubes: Vec<u32> = shots.iter().map(|s| s.receive()).collect();
    println!("cubes via one-shots: {cubes:?}");

    let squares: u64 = (1..=4).map(|n| block_on(Later { value: Arc::new(Mutex::new(None)), started: false, n })).sum();
    println!("sum of squares by block_on: {squares}");

    let queue = Arc::new(Queue { items: Mutex::new((VecDeque::new(), false)), more: Condvar::new() });
    let writer = queue.clone();
    thread::spawn(move || {
        for v in [3, 1, 4, 1, 5] {
            thread::sleep(Duration::from_millis(5));
            writer.items.lock().unwrap().0.push_back(v);
            writer.more.notify_one();
        }
        writer.items.lock().unwrap().1 = true;
        writer.more.notify_one();
    });
    let read: Vec<u32> = Reader(queue.clone()).collect();
    println!("read from the queue: {read:?}, max {:?}", read.iter().max());
    let rows: Vec<Vec<u64>> = (0..2)
        .map(|r| {
            let (tx, rx) = channel();
            for c in 0..3u64 {
                let tx = tx.clone();
                thread::spawn(move || tx.send(r * 10 + c).unwrap());
            }
            let mut row: Vec<u64> = (0..3).map(|_| rx.recv().unwrap()).collect();
            row.sort();
            row
        })
        .collect();
    println!("rows: {rows:?}");
}
