use std::future::Future;
use std::pin::Pin;
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};
use std::thread;
use std::time::Duration;

struct Task {
    future: Mutex<Option<Pin<Box<dyn Future<Output = ()> + Send>>>>,
    queue: Sender<Arc<Task>>,
    name: &'static str,
}

impl Wake for Task {
    fn wake(self: Arc<Self>) {
        println!("wake {}", self.name);
        let q = self.queue.clone();
        q.send(self).unwrap();
    }
}

struct Sleep {
    state: Arc<Mutex<(bool, Option<Waker>)>>,
}

impl Sleep {
    fn new(ms: u64) -> Sleep {
        let state = Arc::new(Mutex::new((false, None::<Waker>)));
        let theirs = state.clone();
        thread::spawn(move || {
            thread::sleep(Duration::from_millis(ms));
            let mut s = theirs.lock().unwrap();
            s.0 = true;
            if let Some(w) = s.1.take() {
                w.wake();
            }
        });
        Sleep { state }
    }
}

impl Future for Sleep {
    type Output = ();
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let mut s = self.state.lock().unwrap();
        if s.0 {
            Poll::Ready(())
        } else {
            s.1 = Some(cx.waker().clone());
            Poll::Pending
        }
    }
}

fn main() {
    let (tx, rx): (Sender<Arc<Task>>, Receiver<Arc<Task>>) = channel();
    for (name, ms) in [("a", 200u64), ("b", 100)] {
        let task = Arc::new(Task {
            future: Mutex::new(Some(Box::pin(async move {
                println!("{name} starts");
                Sleep::new(ms).await;
                println!("{name} done");
            }))),
            queue: tx.clone(),
            name,
        });
        tx.send(task).unwrap();
    }
    drop(tx);
    while let Ok(task) = rx.recv() {
        let waker = Waker::from(task.clone());
        let mut cx = Context::from_waker(&waker);
        let mut slot = task.future.lock().unwrap();
        if let Some(mut fut) = slot.take() {
            if fut.as_mut().poll(&mut cx).is_pending() {
                *slot = Some(fut);
            }
        }
    }
    println!("all done");
}
