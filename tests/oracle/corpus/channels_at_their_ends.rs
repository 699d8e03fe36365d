// A channel's ends as one thread sees them: a SyncSender cloned, try_send to a full channel and
// to a dropped receiver, recv_timeout with a value waiting and after every sender is gone, and a
// send after the receiver is gone, which gives the value back.
use std::sync::mpsc::{channel, sync_channel, RecvTimeoutError, TrySendError};
use std::time::Duration;

fn main() {
    let (tx, rx) = sync_channel::<u8>(1);
    let tx2 = tx.clone();
    tx.send(1).unwrap();
    match tx2.try_send(2) {
        Err(TrySendError::Full(v)) => println!("full, {v} comes back"),
        other => println!("unexpected {:?}", other),
    }
    println!("{:?}", rx.recv_timeout(Duration::from_millis(10)));
    drop(rx);
    match tx2.try_send(3) {
        Err(TrySendError::Disconnected(v)) => println!("disconnected, {v} comes back"),
        other => println!("unexpected {:?}", other),
    }
    let sent = tx.send(4);
    println!("{} {:?}", sent.is_err(), sent.map_err(|e| e.0));

    let (a, b) = channel::<&str>();
    a.send("hi").unwrap();
    println!("{:?}", b.recv_timeout(Duration::from_millis(5)));
    drop(a);
    match b.recv_timeout(Duration::from_millis(5)) {
        Err(RecvTimeoutError::Disconnected) => println!("every sender is gone"),
        other => println!("unexpected {:?}", other),
    }
    println!("{:?}", b.try_recv().is_err());

    // Each error's Display, as std words it, and the ends' Debug.
    let (c, d) = sync_channel::<u8>(0);
    println!("{:?} {:?}", c, d);
    if let Err(e) = c.try_send(1) {
        println!("{e}");
    }
    drop(d);
    if let Err(e) = c.try_send(1) {
        println!("{e}");
    }
    if let Err(e) = c.send(2) {
        println!("{e} / {:?}", e);
    }
    let (e, f) = channel::<u8>();
    println!("{:?}", e);
    if let Err(err) = f.try_recv() {
        println!("{err}");
    }
    // The errors made by their path (a timeout that runs out is a wait of real time for rustc).
    let full: TrySendError<u8> = TrySendError::Full(5);
    let gone: TrySendError<u8> = TrySendError::Disconnected(6);
    println!("{full} / {:?} / {gone} / {:?}", full, gone);
    println!("{} / {:?}", RecvTimeoutError::Timeout, RecvTimeoutError::Disconnected);
    drop(e);
    if let Err(err) = f.try_recv() {
        println!("{err}");
    }
    if let Err(err) = f.recv() {
        println!("{err} / {:?}", err);
    }
    if let Err(err) = f.recv_timeout(Duration::from_millis(1)) {
        println!("{err}");
    }
}
