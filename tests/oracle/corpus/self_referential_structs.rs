// A struct that points into itself, as the async book's Pinning chapter builds one: a raw
// pointer to its own field, set after it is made. Swapping two of them moves the data and
// leaves each pointer at the old address; pinned (on the stack with `new_unchecked`, or in a
// `Box`), they stay put.
use std::marker::PhantomPinned;
use std::pin::Pin;

struct Label {
    text: String,
    echo: *const String,
}

impl Label {
    fn new(text: &str) -> Label {
        Label { text: text.to_string(), echo: std::ptr::null() }
    }
    fn aim(&mut self) {
        let here: *const String = &self.text;
        self.echo = here;
    }
    fn echo(&self) -> &String {
        assert!(!self.echo.is_null(), "aim first");
        unsafe { &*(self.echo) }
    }
}

struct Anchored {
    text: String,
    echo: *const String,
    _pin: PhantomPinned,
}

impl Anchored {
    fn boxed(text: &str) -> Pin<Box<Anchored>> {
        let mut b = Box::pin(Anchored { text: text.to_string(), echo: std::ptr::null(), _pin: PhantomPinned });
        let here = &b.as_ref().text as *const String;
        unsafe { b.as_mut().get_unchecked_mut().echo = here };
        b
    }
    fn aim(self: Pin<&mut Self>) {
        let here: *const String = &self.text;
        let this = unsafe { self.get_unchecked_mut() };
        this.echo = here;
    }
    fn echo(self: Pin<&Self>) -> &String {
        unsafe { &*(self.echo) }
    }
}

async fn main() {
    let mut one = Label::new("one");
    one.aim();
    let mut two = Label::new("two");
    two.aim();
    println!("{} -> {}, {} -> {}", one.text, one.echo(), two.text, two.echo());
    std::mem::swap(&mut one, &mut two);
    println!("after swap: {} -> {}, {} -> {}", one.text, one.echo(), two.text, two.echo());
    one.text.push_str(" (changed)");
    println!("two's pointer now reads {}", two.echo());
    let null = Label::new("never aimed");
    println!("null: {}", null.echo.is_null());

    let mut three = Anchored { text: "three".to_string(), echo: std::ptr::null(), _pin: PhantomPinned };
    let mut three = unsafe { Pin::new_unchecked(&mut three) };
    Anchored::aim(three.as_mut());
    println!("pinned: {}", Anchored::echo(three.as_ref()));
    let four = Anchored::boxed("four");
    println!("boxed: {}", four.as_ref().echo());
}
