use gloo_timers::callback::Interval;
use yew::prelude::*;

/// Calls `callback` every `ms` milliseconds while `ms > 0`.
///
/// The effect's cleanup holds the `Interval`; dropping it cancels it (as in yew's
/// progress_delay example).
#[hook]
pub fn use_interval(ms: u32, callback: Callback<()>) {
    let latest = use_mut_ref(|| callback.clone());
    *latest.borrow_mut() = callback;
    use_effect_with(ms, move |&ms| {
        let interval = (ms > 0).then(|| {
            Interval::new(ms, move || {
                let cb = latest.borrow().clone();
                cb.emit(());
            })
        });
        move || drop(interval)
    });
}
