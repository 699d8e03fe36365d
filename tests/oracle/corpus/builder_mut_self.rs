// A method that takes `mut self` by value may change it, or replace it, and hand it back.
#[derive(Debug)]
struct Request {
    url: String,
    retries: u32,
}

impl Request {
    fn new(url: &str) -> Self {
        Request { url: url.to_string(), retries: 0 }
    }

    fn retries(mut self, n: u32) -> Self {
        self.retries = n;
        self
    }

    fn reset_if(mut self, far: bool) -> Self {
        if far {
            self = Request::new("/home");
        }
        self
    }

    fn bump(&mut self) {
        self.retries += 1;
    }
}

fn main() {
    let mut r = Request::new("/a").retries(2);
    r.bump();
    println!("{:?}", r);
    println!("{:?} {:?}", r.reset_if(true), Request::new("/b").reset_if(false));
}
