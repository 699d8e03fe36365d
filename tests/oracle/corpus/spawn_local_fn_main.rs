// A plain fn main starts tasks with spawn_local, as real Rust/wasm code does; main returns first.
use wasm_bindgen_futures::spawn_local;

fn main() {
    println!("main starts");
    spawn_local(async {
        sleep(200).await;
        println!("task one");
    });
    spawn_local(async {
        println!("task two, first poll");
        sleep(100).await;
        println!("task two");
    });
    println!("main returns");
}
