//! The browser [`Platform`]: `performance.now()`, `setTimeout`, `queueMicrotask`,
//! `MessageChannel` and `requestAnimationFrame`.
//!
//! # Ground rules
//!
//! - One long-lived JS closure per mechanism, created once; never one closure per timeout.
//!   `setTimeout` gets the shared closure plus a slot key as its argument, and the slot holds the
//!   Rust callback. So a timeout costs one slab slot and one boxed callback, and clearing it frees
//!   both. No closure is ever leaked on purpose to keep it alive.
//! - A callback is taken out of its slot, and every borrow released, before it runs.
//! - The platform lives as long as the page (see [`BrowserPlatform::shared`]), so the closures it
//!   owns outlive anything the browser might still call.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::{Rc, Weak};

use js_sys::Function;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::core::{Hop, HostTimeout, Platform};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = performance, js_name = now)]
    fn performance_now() -> f64;

    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout_with_key(handler: &Function, delay_ms: i32, key: f64) -> i32;

    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(handle: i32);

    #[wasm_bindgen(js_name = queueMicrotask)]
    fn queue_microtask(callback: &Function);

    #[wasm_bindgen(js_name = requestAnimationFrame)]
    fn request_animation_frame(callback: &Function) -> i32;
}

type Callback = Box<dyn FnOnce()>;

struct Slot {
    generation: u32,
    js_handle: i32,
    callback: Option<Callback>,
}

/// Generations are kept to 20 bits so a key fits exactly in an `f64` (2^52 > 2^20 · 2^32).
const GENERATION_MASK: u32 = (1 << 20) - 1;

fn encode(index: u32, generation: u32) -> u64 {
    (u64::from(generation & GENERATION_MASK) << 32) | u64::from(index)
}

fn decode(key: u64) -> (u32, u32) {
    ((key & 0xFFFF_FFFF) as u32, ((key >> 32) as u32) & GENERATION_MASK)
}

#[derive(Default)]
struct Timeouts {
    slots: Vec<Slot>,
    free: Vec<u32>,
    live: usize,
}

impl Timeouts {
    fn insert(&mut self, callback: Callback) -> (u32, u32) {
        let index = self.free.pop().unwrap_or_else(|| {
            self.slots.push(Slot { generation: 0, js_handle: 0, callback: None });
            u32::try_from(self.slots.len() - 1).unwrap_or(u32::MAX)
        });
        self.live += 1;
        match self.slots.get_mut(index as usize) {
            Some(slot) => {
                slot.callback = Some(callback);
                (index, slot.generation)
            }
            None => (index, 0),
        }
    }

    /// Takes the callback out and frees the slot, if `key` still names it.
    fn take(&mut self, key: u64) -> Option<(i32, Callback)> {
        let (index, generation) = decode(key);
        let slot = self.slots.get_mut(index as usize)?;
        if slot.generation != generation {
            return None;
        }
        let callback = slot.callback.take()?;
        slot.generation = slot.generation.wrapping_add(1) & GENERATION_MASK;
        self.free.push(index);
        self.live -= 1;
        Some((slot.js_handle, callback))
    }
}

/// One queued call: a boxed callback, or a target's call kept as it is (an executor's tick, asked
/// for after every poll when self-wakes are deferred: no allocation for it).
enum HopCall {
    Once(Callback),
    Call(Weak<dyn crate::core::Queued>, u64),
}

/// A queue of callbacks behind one JS closure and one "already scheduled" flag.
struct HopQueue {
    queue: RefCell<VecDeque<HopCall>>,
    scheduled: Cell<bool>,
}

impl HopQueue {
    fn new() -> Self {
        Self { queue: RefCell::new(VecDeque::new()), scheduled: Cell::new(false) }
    }

    /// Queues a call; true if the queue's JS callback must be scheduled for it.
    fn push(&self, call: HopCall) -> bool {
        self.queue.borrow_mut().push_back(call);
        !self.scheduled.replace(true)
    }

    /// Runs what was queued before this call; later arrivals wait for the next hop. Each call
    /// is taken out, and the borrow released, before it runs; the queue keeps its buffer.
    fn run(&self) {
        self.scheduled.set(false);
        let mut left = self.queue.borrow().len();
        while left > 0 {
            left -= 1;
            let next = self.queue.borrow_mut().pop_front();
            match next {
                Some(HopCall::Once(callback)) => callback(),
                Some(HopCall::Call(target, arg)) => {
                    if let Some(target) = target.upgrade() {
                        target.on_queued(arg);
                    }
                }
                None => break,
            }
        }
    }
}

/// A long-lived JS closure, set once the state it points back to exists.
type JsFn<T> = RefCell<Option<Closure<dyn FnMut(T)>>>;

struct State {
    timeouts: RefCell<Timeouts>,
    timeout_fn: JsFn<f64>,
    micro: HopQueue,
    micro_fn: RefCell<Option<Closure<dyn FnMut()>>>,
    macro_: HopQueue,
    macro_fn: JsFn<JsValue>,
    channel: Option<web_sys::MessageChannel>,
    frame: HopQueue,
    frame_fn: JsFn<f64>,
}

/// The real browser, as the engine sees it.
pub struct BrowserPlatform {
    state: Rc<State>,
}

thread_local! {
    static SHARED: RefCell<Option<Rc<BrowserPlatform>>> = const { RefCell::new(None) };
}

impl BrowserPlatform {
    /// The page's platform, created on first use and kept for the life of the page.
    pub fn shared() -> Rc<BrowserPlatform> {
        SHARED.with(|s| s.borrow_mut().get_or_insert_with(|| Rc::new(BrowserPlatform::new())).clone())
    }

    /// A platform with its own closures. Private: dropping one while the browser still holds a
    /// queued microtask or frame for it would call a freed closure, so there is only
    /// [`BrowserPlatform::shared`], which lives as long as the page.
    fn new() -> Self {
        let channel = web_sys::MessageChannel::new().ok();
        let state = Rc::new(State {
            timeouts: RefCell::new(Timeouts::default()),
            timeout_fn: RefCell::new(None),
            micro: HopQueue::new(),
            micro_fn: RefCell::new(None),
            macro_: HopQueue::new(),
            macro_fn: RefCell::new(None),
            channel,
            frame: HopQueue::new(),
            frame_fn: RefCell::new(None),
        });
        let weak = Rc::downgrade(&state);
        *state.timeout_fn.borrow_mut() = Some(Closure::new(move |key: f64| on_timeout(&weak, key)));
        let weak = Rc::downgrade(&state);
        *state.micro_fn.borrow_mut() = Some(Closure::new(move || {
            if let Some(s) = weak.upgrade() {
                s.micro.run();
            }
        }));
        let weak = Rc::downgrade(&state);
        *state.macro_fn.borrow_mut() = Some(Closure::new(move |_event: JsValue| {
            if let Some(s) = weak.upgrade() {
                s.macro_.run();
            }
        }));
        let weak = Rc::downgrade(&state);
        *state.frame_fn.borrow_mut() = Some(Closure::new(move |_t: f64| {
            if let Some(s) = weak.upgrade() {
                s.frame.run();
            }
        }));
        if let (Some(channel), Some(f)) = (&state.channel, state.macro_fn.borrow().as_ref()) {
            channel.port1().set_onmessage(Some(f.as_ref().unchecked_ref()));
        }
        BrowserPlatform { state }
    }

    /// Timeouts set and neither run nor cleared yet (each holds one boxed callback).
    pub fn pending_timeouts(&self) -> usize {
        self.state.timeouts.borrow().live
    }
}

fn on_timeout(state: &Weak<State>, key: f64) {
    let Some(state) = state.upgrade() else { return };
    if !(0.0..=9_007_199_254_740_991.0).contains(&key) {
        return;
    }
    let taken = state.timeouts.borrow_mut().take(key as u64);
    drop(state);
    if let Some((_, callback)) = taken {
        callback();
    }
}

impl Platform for BrowserPlatform {
    fn now(&self) -> f64 {
        performance_now()
    }

    fn set_timeout(&self, delay_ms: u32, callback: Box<dyn FnOnce()>) -> HostTimeout {
        let delay = i32::try_from(delay_ms).unwrap_or(i32::MAX);
        let (index, generation) = self.state.timeouts.borrow_mut().insert(callback);
        let key = encode(index, generation);
        let handle = match self.state.timeout_fn.borrow().as_ref() {
            Some(f) => set_timeout_with_key(f.as_ref().unchecked_ref(), delay, key as f64),
            None => 0,
        };
        if let Some(slot) = self.state.timeouts.borrow_mut().slots.get_mut(index as usize) {
            slot.js_handle = handle;
        }
        HostTimeout(key)
    }

    fn clear_timeout(&self, id: HostTimeout) {
        let taken = self.state.timeouts.borrow_mut().take(id.0);
        if let Some((handle, callback)) = taken {
            clear_timeout(handle);
            drop(callback);
        }
    }

    fn queue(&self, hop: Hop, callback: Box<dyn FnOnce()>) {
        self.enqueue(hop, HopCall::Once(callback));
    }

    fn queue_call(&self, hop: Hop, target: Weak<dyn crate::core::Queued>, arg: u64) {
        self.enqueue(hop, HopCall::Call(target, arg));
    }

    fn spin(&self, ms: f64) {
        // Scenarios cap spins at 1 s; this cap is the last line of defence against a frozen page.
        // Not `clamp`: its panic path formats floats, which costs 15 KB of wasm.
        #[allow(clippy::manual_clamp)]
        let ms = if ms.is_finite() { ms.max(0.0).min(5000.0) } else { 0.0 };
        let end = performance_now() + ms;
        while performance_now() < end {}
    }
}

impl BrowserPlatform {
    /// Queues a call at `hop`, scheduling the hop's JS callback if it is not already.
    fn enqueue(&self, hop: Hop, call: HopCall) {
        let s = &self.state;
        let q = match hop {
            Hop::Microtask => &s.micro,
            Hop::Macrotask => &s.macro_,
            Hop::AnimationFrame => &s.frame,
        };
        if !q.push(call) {
            return;
        }
        match hop {
            Hop::Microtask => {
                if let Some(f) = s.micro_fn.borrow().as_ref() {
                    queue_microtask(f.as_ref().unchecked_ref());
                }
            }
            Hop::Macrotask => match &s.channel {
                Some(channel) => {
                    if channel.port2().post_message(&JsValue::UNDEFINED).is_err() {
                        // The queue is marked as scheduled: make sure something does run it.
                        let weak = Rc::downgrade(s);
                        self.set_timeout(
                            0,
                            Box::new(move || {
                                if let Some(s) = weak.upgrade() {
                                    s.macro_.run();
                                }
                            }),
                        );
                    }
                }
                None => {
                    // No MessageChannel (very old browsers): fall back to setTimeout(0).
                    let weak = Rc::downgrade(s);
                    self.set_timeout(
                        0,
                        Box::new(move || {
                            if let Some(s) = weak.upgrade() {
                                s.macro_.run();
                            }
                        }),
                    );
                }
            },
            Hop::AnimationFrame => {
                if let Some(f) = s.frame_fn.borrow().as_ref() {
                    request_animation_frame(f.as_ref().unchecked_ref());
                }
            }
        }
    }
}

impl Drop for State {
    fn drop(&mut self) {
        // Clear what the browser could still call; the closures themselves drop with the fields.
        for slot in self.timeouts.get_mut().slots.iter_mut() {
            if slot.callback.take().is_some() {
                clear_timeout(slot.js_handle);
            }
        }
        if let Some(channel) = &self.channel {
            channel.port1().set_onmessage(None);
            channel.port1().close();
            channel.port2().close();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_and_fit_in_an_f64() {
        for (i, g) in [(0, 0), (5, 1), (u32::MAX, GENERATION_MASK), (7, GENERATION_MASK + 3)] {
            let key = encode(i, g);
            assert_eq!(decode(key), (i, g & GENERATION_MASK));
            assert_eq!(key as f64 as u64, key);
        }
    }

    #[test]
    fn slots_refuse_stale_keys() {
        let mut t = Timeouts::default();
        let (i, g) = t.insert(Box::new(|| {}));
        let key = encode(i, g);
        assert!(t.take(key).is_some());
        assert!(t.take(key).is_none(), "taken twice");
        let (i2, g2) = t.insert(Box::new(|| {}));
        assert_eq!(i2, i, "the slot is reused");
        assert!(t.take(key).is_none(), "an old key never takes a new callback");
        assert!(t.take(encode(i2, g2)).is_some());
        assert_eq!(t.live, 0);
    }

    /// Records the argument of every call it gets.
    struct Target(RefCell<Vec<u64>>);

    impl crate::core::Queued for Target {
        fn on_queued(&self, arg: u64) {
            self.0.borrow_mut().push(arg);
        }
    }

    #[test]
    fn a_hop_runs_what_was_queued_before_it_in_order_and_later_arrivals_at_the_next() {
        let q = Rc::new(HopQueue::new());
        let target = Rc::new(Target(RefCell::new(Vec::new())));
        let order = Rc::new(RefCell::new(Vec::new()));
        let weak: Weak<dyn crate::core::Queued> = Rc::downgrade(&target) as Weak<dyn crate::core::Queued>;
        assert!(q.push(HopCall::Call(weak.clone(), 7)), "the first call schedules the hop");
        let (o, q2, w) = (order.clone(), Rc::downgrade(&q), weak.clone());
        assert!(!q.push(HopCall::Once(Box::new(move || {
            o.borrow_mut().push("once");
            // Queued while the hop runs: the flag was reset, so this schedules the next hop.
            let again = q2.upgrade().map(|q| q.push(HopCall::Call(w, 9)));
            o.borrow_mut().push(if again == Some(true) { "rescheduled" } else { "not rescheduled" });
        }))));
        q.run();
        assert_eq!(*target.0.borrow(), vec![7], "the later arrival waits for the next hop");
        assert_eq!(*order.borrow(), vec!["once", "rescheduled"]);
        q.run();
        assert_eq!(*target.0.borrow(), vec![7, 9]);
        // A call whose target is gone is dropped quietly.
        assert!(q.push(HopCall::Call(weak, 11)));
        drop(target);
        q.run();
        assert!(q.queue.borrow().is_empty());
    }
}
