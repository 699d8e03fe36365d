//! The seam between the engine and its host: a clock, one-shot timeouts and task queues.
//!
//! # Ground rules
//!
//! - Core code never asks the browser for anything directly. It asks a [`Platform`], so the same
//!   executor and timer logic runs under `cargo test` on [`SimPlatform`](crate::core::SimPlatform),
//!   a virtual clock with a browser-like event loop, and in the browser on `web::BrowserPlatform`.
//! - Time is milliseconds as `f64`, like `performance.now()`.
//! - A callback given to the platform is called at most once, never synchronously from inside the
//!   call that registered it, and never while the platform holds any borrow of its own state. So a
//!   callback may freely register or clear other callbacks.

/// Browsers store a timeout's delay in a signed 32-bit integer: anything larger overflows and fires
/// at once (gloo#121). Longer timers are chained in hops of at most this many milliseconds.
pub const MAX_HOST_DELAY_MS: u32 = i32::MAX as u32;

/// The id of one pending host timeout, like the number `setTimeout` returns.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct HostTimeout(pub u64);

/// Where a queued callback runs, in browser terms.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Hop {
    /// After the current script, before the browser renders or handles input (`queueMicrotask`).
    Microtask,
    /// As a new task of the event loop, after rendering and input had a chance (`MessageChannel`).
    Macrotask,
    /// Just before the next repaint (`requestAnimationFrame`).
    AnimationFrame,
}

/// What the engine needs from its host.
///
/// Implemented by `web::BrowserPlatform` with `performance.now()`, `setTimeout`, `queueMicrotask`,
/// `MessageChannel` and `requestAnimationFrame`, and by [`SimPlatform`](crate::core::SimPlatform)
/// for native tests.
pub trait Platform {
    /// The current time in milliseconds.
    fn now(&self) -> f64;

    /// Calls `callback` once, no earlier than `delay_ms` from now (`setTimeout`).
    ///
    /// Callers keep `delay_ms` at or below [`MAX_HOST_DELAY_MS`]; see [`hop_delay_ms`].
    fn set_timeout(&self, delay_ms: u32, callback: Box<dyn FnOnce()>) -> HostTimeout;

    /// Cancels a pending timeout and drops its callback (`clearTimeout`).
    ///
    /// Clearing a timeout that already ran or was already cleared does nothing.
    fn clear_timeout(&self, id: HostTimeout);

    /// Calls `callback` once at the given hop.
    fn queue(&self, hop: Hop, callback: Box<dyn FnOnce()>);

    /// Calls `target.on_queued(arg)` once at the given hop, if `target` is still alive then:
    /// what an executor asks for at every tick. The default boxes a closure and calls
    /// [`Platform::queue`]; a host that ticks often (the browser, a microtask a tick when
    /// self-wakes are deferred) keeps the target and the argument as they are, with no
    /// allocation.
    fn queue_call(&self, hop: Hop, target: std::rc::Weak<dyn Queued>, arg: u64) {
        self.queue(
            hop,
            Box::new(move || {
                if let Some(target) = target.upgrade() {
                    target.on_queued(arg);
                }
            }),
        );
    }

    /// Blocks the thread for `ms` milliseconds, as a CPU-bound poll would.
    ///
    /// The browser busy-waits on `performance.now()`; the simulator just moves its clock on.
    fn spin(&self, ms: f64);

    /// A handle that any thread may call to have `on_host` run on this platform's own thread
    /// soon after, as a macrotask (`on_host` may run once per call, or once for several calls).
    ///
    /// This is how a wake from another thread reaches an idle executor: the waker leaves the task
    /// in the executor's inbox, then calls the handle, and `on_host` empties the inbox on the
    /// executor's thread. `None` (the default) means the host has no other threads that could
    /// hold a waker, as in the browser build (wasm32 without atomics); such wakes would then wait
    /// for the executor's next tick.
    fn remote_notifier(&self, on_host: Box<dyn Fn()>) -> Option<RemoteNotify> {
        let _ = on_host;
        None
    }
}

/// What [`Platform::queue_call`] calls: an executor's tick, given the generation it was asked in.
pub trait Queued {
    /// Runs the queued call.
    fn on_queued(&self, arg: u64);
}

/// Wakes a host's event loop from any thread; see [`Platform::remote_notifier`].
pub type RemoteNotify = std::sync::Arc<dyn Fn() + Send + Sync>;

/// The delay to give the host so that a timer due at `deadline` never fires early.
///
/// Rounds up, because a host rounds delays to whole milliseconds, and caps the delay at
/// [`MAX_HOST_DELAY_MS`]; a timer further away than that is re-armed when the hop ends.
///
/// # Examples
///
/// ```
/// use waker_playground::core::{hop_delay_ms, MAX_HOST_DELAY_MS};
/// assert_eq!(hop_delay_ms(100.0, 100.0), 0);
/// assert_eq!(hop_delay_ms(100.0, 99.0), 0);
/// assert_eq!(hop_delay_ms(100.0, 100.2), 1);
/// assert_eq!(hop_delay_ms(0.0, 1e300), MAX_HOST_DELAY_MS);
/// ```
pub fn hop_delay_ms(now: f64, deadline: f64) -> u32 {
    let remaining = deadline - now;
    if remaining.is_nan() || remaining <= 0.0 {
        0
    } else if remaining >= f64::from(MAX_HOST_DELAY_MS) {
        MAX_HOST_DELAY_MS
    } else {
        // In range 0 < remaining < 2^31, so the cast is exact after ceil.
        remaining.ceil() as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hop_delay_never_undershoots() {
        for &(now, deadline) in &[(0.0, 0.5), (10.25, 10.75), (0.0, 2_147_483_646.5), (5.0, 5.000_001)] {
            let d = hop_delay_ms(now, deadline);
            assert!(now + f64::from(d) >= deadline, "{now} + {d} < {deadline}");
        }
    }

    #[test]
    fn hop_delay_caps_at_i32_max() {
        assert_eq!(hop_delay_ms(0.0, 2_147_483_648.0), MAX_HOST_DELAY_MS);
        assert_eq!(hop_delay_ms(0.0, u64::MAX as f64), MAX_HOST_DELAY_MS);
        assert_eq!(hop_delay_ms(0.0, f64::INFINITY), MAX_HOST_DELAY_MS);
        assert_eq!(hop_delay_ms(0.0, f64::NAN), 0);
    }
}
