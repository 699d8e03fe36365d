use std::cell::RefCell;
use std::rc::Rc;

use gloo_render::{request_animation_frame, AnimationFrame};
use yew::prelude::*;

/// Calls `callback` once per display frame while `active`, with the frame's timestamp.
///
/// The effect owns the pending `AnimationFrame`; its cleanup drops it, which cancels the frame.
/// The latest `callback` is always the one called, without restarting the loop.
#[hook]
pub fn use_animation_frame(active: bool, callback: Callback<f64>) {
    let latest = use_mut_ref(|| callback.clone());
    *latest.borrow_mut() = callback;
    use_effect_with(active, move |&active| {
        let handle: Rc<RefCell<Option<AnimationFrame>>> = Rc::default();
        if active {
            schedule(handle.clone(), latest);
        }
        move || {
            handle.borrow_mut().take();
        }
    });
}

fn schedule(handle: Rc<RefCell<Option<AnimationFrame>>>, callback: Rc<RefCell<Callback<f64>>>) {
    let next = handle.clone();
    let frame = request_animation_frame(move |t| {
        let cb = callback.borrow().clone();
        cb.emit(t);
        schedule(next, callback);
    });
    *handle.borrow_mut() = Some(frame);
}
