use std::sync::mpsc::{channel, sync_channel, RecvTimeoutError, TryRecvError, TrySendError};
use std::thread;
use std::time::Duration;

fn main() {
    let (tx, rx) = channel();
    let mut handles = Vec::new();
    for id in 0..3u64 {
        let tx = tx.clone();
        handles.push(thread::spawn(move || {
            thread::sleep(Duration::from_millis(100 * (3 - id)));
            tx.send(id).unwrap();
            id * 10
        }));
    }
    drop(tx);
    println!("{:?}", rx.try_recv());
    for v in rx.iter() {
        println!("got {v}");
    }
    println!("{:?}", rx.recv());
    for h in handles {
        println!("joined {}", h.join().unwrap());
    }

    let (stx, srx) = sync_channel(1);
    stx.try_send(1).unwrap();
    match stx.try_send(2) {
        Err(TrySendError::Full(v)) => println!("full, kept {v}"),
        other => println!("{other:?}"),
    }
    let t = thread::spawn(move || {
        thread::sleep(Duration::from_millis(100));
        let a = srx.recv();
        let b = srx.recv();
        println!("took {a:?} and {b:?}");
        match srx.recv_timeout(Duration::from_millis(100)) {
            Err(RecvTimeoutError::Timeout) => println!("timed out"),
            other => println!("{other:?}"),
        }
        match srx.try_recv() {
            Err(TryRecvError::Empty) => println!("empty"),
            other => println!("{other:?}"),
        }
        for v in srx.try_iter() {
            println!("left {v}");
        }
        "thread done"
    });
    stx.send(3).unwrap();
    thread::sleep(Duration::from_millis(50));
    println!("sent 3");
    println!("{}", t.join().unwrap());
    let e = stx.send(4).unwrap_err();
    println!("{e:?}: {e}, {}", e.0);
    // A value sent before the sender went is still received; then the channel is disconnected.
    let (tx2, rx2) = channel::<u8>();
    tx2.send(9).unwrap();
    drop(tx2);
    println!("{:?}", rx2.try_recv());
    match rx2.try_recv() {
        Err(TryRecvError::Disconnected) => println!("disconnected"),
        other => println!("{other:?}"),
    }
    println!("{:?}", rx2.try_recv());
}
