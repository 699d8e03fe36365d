//! The playground's entry point: a panic hook that shows an overlay, then the Yew app.
#![forbid(unsafe_code)]

fn main() {
    waker_playground::web::lazy::register();
    yew::set_custom_panic_hook(Box::new(|info| waker_playground::web::show_panic(&info.to_string())));
    waker_playground::ui::start();
}
