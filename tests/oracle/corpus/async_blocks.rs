// async blocks are values: made now, run when awaited or spawned; async move takes ownership.
async fn main() {
    let name = String::from("block");
    let a = async move {
        sleep(100).await;
        format!("{name} done")
    };
    let b = async {
        sleep(50).await;
        5
    };
    println!("made two blocks");
    let h = spawn(async {
        sleep(10).await;
        println!("spawned block ran");
    });
    println!("{}", b.await);
    println!("{}", a.await);
    h.await;
}
