// A rendezvous send whose receiver goes before taking the value gets it back, as
// `Err(SendError(v))`.
use std::sync::mpsc::sync_channel;
use std::thread;
use std::time::Duration;
fn main() {
    let (tx, rx) = sync_channel::<String>(0);
    let h = thread::spawn(move || {
        let r = tx.send(String::from("hello"));
        println!("send: {:?}", r.is_err());
        if let Err(e) = r {
            println!("got back: {}", e.0);
        }
    });
    thread::sleep(Duration::from_millis(100));
    drop(rx);
    h.join().unwrap();
    println!("done");
}
