//! The timer suite. Every test runs against both backends (one host timeout per timer, and the driver).
#![cfg(not(target_arch = "wasm32"))] // native: the browser suite is tests/web.rs
mod common;

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};
use std::time::Duration;

use common::*;
use waker_playground::core::{EditError, EventKind, Platform, TimerFuture, MAX_HOST_DELAY_MS};

#[test]
fn fires_no_earlier_than_its_duration_and_on_time_on_a_perfect_clock() {
    for backend in BACKENDS {
        for ms in [0u64, 1, 7, 16, 250, 1000, 60_000] {
            let (sim, exec) = setup(backend);
            sim.advance(3.5); // a start that is not a whole millisecond
            let task = exec.spawn("t", async move { TimerFuture::new(Duration::from_millis(ms)).await });
            sim.run_until_idle(1e9);
            let done = completed_at(&exec, task).expect("completes");
            assert_eq!(done, 3.5 + ms as f64, "{backend:?} {ms} ms");
        }
    }
}

#[test]
fn fractional_durations_round_up_never_down() {
    for backend in BACKENDS {
        let (sim, exec) = setup(backend);
        let task = exec.spawn("t", async { TimerFuture::new(Duration::from_micros(2_500)).await });
        // setTimeout takes whole milliseconds: 2.5 ms must become 3, so the timer is still pending at
        // 2.9 ms (no rounding, or rounding down, would have fired it by then) and done at exactly 3.
        sim.advance(2.9);
        assert_eq!(completed_at(&exec, task), None, "{backend:?}: 2.5 ms timer done before 3 ms");
        sim.run_until_idle(100.0);
        let done = completed_at(&exec, task).unwrap();
        assert_eq!(done, 3.0, "{backend:?}: 2.5 ms rounds up to 3 ms");
    }
}

#[test]
fn zero_fires_on_the_next_macrotask_not_synchronously() {
    for backend in BACKENDS {
        let (sim, exec) = setup(backend);
        let task = exec.spawn("t", async { TimerFuture::new(Duration::ZERO).await });
        sim.run_microtasks();
        let m = exec.task_metrics(task).unwrap();
        assert_eq!((m.polls, m.completed_at), (1, None), "{backend:?}: polled once, pending until the timeout runs");
        sim.settle();
        assert_eq!(completed_at(&exec, task), Some(0.0));
    }
}

#[test]
fn dropping_a_pending_timer_clears_its_timeout_and_it_never_fires() {
    for backend in BACKENDS {
        let (sim, exec) = setup(backend);
        let timer = exec.timers().sleep(Duration::from_millis(100));
        let id = timer.id().unwrap();
        assert_eq!(sim.stats().pending, 1);
        drop(timer);
        assert_eq!(sim.stats().pending, 0, "{backend:?}: the host timeout is cleared, its callback freed");
        sim.advance(1000.0);
        assert_eq!(sim.stats().fired, 0, "{backend:?}");
        assert_eq!(count(&exec, |k| matches!(k, EventKind::TimerFired { .. })), 0);
        assert_eq!(count(&exec, |k| *k == EventKind::TimerCancelled { timer: id }), 1);
        assert_eq!(exec.timers().stats().cancelled, 1);
    }
}

#[test]
fn dropping_one_driver_timer_keeps_the_others() {
    let (sim, exec) = setup(waker_playground::core::TimerBackend::Driver);
    let a = exec.spawn("a", async { TimerFuture::new(Duration::from_millis(10)).await });
    let b = exec.spawn("b", async { TimerFuture::new(Duration::from_millis(20)).await });
    sim.advance(1.0);
    exec.abort(a);
    assert_eq!(sim.stats().pending, 1, "one host timeout, whatever the number of timers");
    sim.run_until_idle(100.0);
    assert_eq!(completed_at(&exec, b), Some(20.0));
    assert_eq!(exec.timers().driver_len(), 0);
}

#[test]
fn live_edit_shorter_fires_at_start_plus_new_duration() {
    for backend in BACKENDS {
        let (sim, exec) = setup(backend);
        let timer = exec.timers().sleep(Duration::from_millis(5000));
        let handle = timer.handle();
        let task = exec.spawn("t", timer);
        sim.advance(100.0);
        let r = handle.set_duration(Duration::from_millis(500)).unwrap();
        assert_eq!((r.old_deadline, r.new_deadline), (5000.0, 500.0));
        sim.advance(399.0);
        assert_eq!(completed_at(&exec, task), None);
        sim.advance(1.0);
        assert_eq!(completed_at(&exec, task), Some(500.0), "{backend:?}");
        assert_eq!(sim.stats().pending, 0, "{backend:?}: the 5000 ms timeout was cleared");
        assert!(!handle.is_pending());
        assert_eq!(
            count(
                &exec,
                |k| matches!(k, EventKind::TimerRescheduled { old_deadline, new_deadline, .. } if *old_deadline == 5000.0 && *new_deadline == 500.0)
            ),
            1
        );
    }
}

#[test]
fn live_edit_longer_keeps_the_waker() {
    for backend in BACKENDS {
        let (sim, exec) = setup(backend);
        let slot = Rc::new(Cell::new(None));
        let s = slot.clone();
        let task = exec.spawn("t", async move {
            let t = TimerFuture::new(Duration::from_millis(300));
            s.set(Some(t.handle()));
            t.await;
        });
        sim.advance(200.0);
        let h = slot.take().unwrap();
        let clones_before = exec.task_metrics(task).unwrap().wakers.clones;
        h.set_duration(Duration::from_millis(1000)).unwrap();
        sim.advance(700.0);
        assert_eq!(completed_at(&exec, task), None, "{backend:?}: not at the old deadline");
        sim.advance(100.0);
        assert_eq!(completed_at(&exec, task), Some(1000.0), "{backend:?}");
        let m = exec.task_metrics(task).unwrap();
        assert_eq!(m.polls, 2, "no extra poll was needed to re-store the waker");
        assert_eq!(m.wakers.clones, clones_before);
    }
}

#[test]
fn live_edit_into_the_past_fires_on_the_next_tick() {
    for backend in BACKENDS {
        let (sim, exec) = setup(backend);
        let timer = exec.timers().sleep(Duration::from_millis(5000));
        let handle = timer.handle();
        let task = exec.spawn("t", timer);
        sim.advance(1000.0);
        handle.set_duration(Duration::from_millis(10)).unwrap();
        assert_eq!(completed_at(&exec, task), None, "not synchronously inside the edit");
        sim.settle();
        assert_eq!(completed_at(&exec, task), Some(1000.0), "{backend:?}");
        let lateness = events(&exec).iter().find_map(|e| match e.kind {
            EventKind::TimerFired { lateness_ms, .. } => Some(lateness_ms),
            _ => None,
        });
        assert_eq!(lateness, Some(0.0), "it fired at the first moment it could: the edit");
    }
}

#[test]
fn editing_a_finished_or_dropped_timer_is_an_error_value() {
    for backend in BACKENDS {
        let (sim, exec) = setup(backend);
        let timer = exec.timers().sleep(Duration::from_millis(10));
        let handle = timer.handle();
        exec.spawn("t", timer);
        sim.advance(20.0);
        assert_eq!(handle.set_duration(Duration::from_millis(50)), Err(EditError::AlreadyFired));

        let dropped = exec.timers().sleep(Duration::from_millis(10));
        let handle = dropped.handle();
        drop(dropped);
        assert_eq!(handle.set_duration(Duration::from_millis(50)), Err(EditError::Dropped));
        // The messages say which case it was, so the UI can show them as they are.
        assert!(EditError::Dropped.to_string().contains("dropped (cancelled)"));
        assert!(EditError::AlreadyFired.to_string().contains("already fired"));
        assert_ne!(EditError::Dropped.to_string(), EditError::AlreadyFired.to_string());
    }
}

#[test]
fn long_timers_are_chained_and_never_fire_early() {
    for backend in BACKENDS {
        let (sim, exec) = setup(backend);
        let long = 1u64 << 32; // two hops of 2^31-1 and a short rest
        let task = exec.spawn("t", async move { TimerFuture::new(Duration::from_millis(long)).await });
        sim.advance(f64::from(MAX_HOST_DELAY_MS) + 1.0);
        assert_eq!(completed_at(&exec, task), None, "{backend:?}: fired after one hop");
        sim.advance(f64::from(MAX_HOST_DELAY_MS));
        assert_eq!(completed_at(&exec, task), None, "{backend:?}: fired after two hops");
        sim.run_until_idle(1e12);
        assert_eq!(completed_at(&exec, task), Some(long as f64), "{backend:?}");
        assert_eq!(sim.stats().overflowed, 0, "never asked the host for more than 2^31-1 ms");
        assert!(exec.timers().stats().hops >= 2);
    }
}

#[test]
fn u64_max_milliseconds_is_accepted_and_stays_pending() {
    for backend in BACKENDS {
        let (sim, exec) = setup(backend);
        let task = exec.spawn("t", async { TimerFuture::new(Duration::from_millis(u64::MAX)).await });
        // 10 hops: 680 years of virtual time.
        sim.advance(f64::from(MAX_HOST_DELAY_MS) * 10.0 + 1.0);
        assert_eq!(completed_at(&exec, task), None, "{backend:?}");
        assert_eq!(sim.stats().overflowed, 0);
        assert_eq!(sim.stats().pending, 1);
    }
}

#[test]
fn polling_after_ready_returns_ready_again() {
    for backend in BACKENDS {
        let (sim, exec) = setup(backend);
        let polls_after = Rc::new(Cell::new(0));
        let p = polls_after.clone();
        let task = exec.spawn("t", async move {
            let mut t = TimerFuture::new(Duration::from_millis(5));
            (&mut t).await;
            // gloo#570 panics here; ours is Ready again, every time.
            for _ in 0..3 {
                std::future::poll_fn(|cx| Pin::new(&mut t).poll(cx)).await;
                p.set(p.get() + 1);
            }
        });
        sim.advance(10.0);
        assert_eq!(polls_after.get(), 3);
        assert_eq!(completed_at(&exec, task), Some(5.0));
    }
}

#[test]
fn the_waker_is_replaced_on_every_poll() {
    // A future that moves its timer to a different task's context: poll it from task A, then B.
    for backend in BACKENDS {
        let (sim, exec) = setup(backend);
        let shared: Rc<std::cell::RefCell<Option<TimerFuture>>> = Rc::default();
        let s1 = shared.clone();
        let a = exec.spawn("a", async move {
            let t = TimerFuture::new(Duration::from_millis(50));
            *s1.borrow_mut() = Some(t);
            // Poll it once here, storing a's waker, then hand it over.
            std::future::poll_fn(|cx| {
                if let Some(t) = s1.borrow_mut().as_mut() {
                    let _ = Pin::new(t).poll(cx);
                }
                Poll::Ready(())
            })
            .await;
        });
        sim.advance(1.0);
        let s2 = shared.clone();
        let b = exec.spawn("b", async move {
            let t = s2.borrow_mut().take();
            if let Some(t) = t {
                t.await;
            }
        });
        sim.advance(100.0);
        assert_eq!(completed_at(&exec, b), Some(50.0), "{backend:?}: b was woken, not a");
        assert_eq!(exec.task_metrics(a).unwrap().wakes.total(), 0);
        assert_eq!(exec.task_metrics(b).unwrap().wakes.timer, 1);
    }
}

#[test]
fn a_timer_created_with_no_executor_anywhere_arms_on_its_first_poll() {
    // A different thread: no executor exists there when the timer is created.
    std::thread::spawn(|| {
        let timer = TimerFuture::new(Duration::from_millis(40));
        assert_eq!(timer.id(), None, "nothing to arm it on yet");
        let (sim, exec) = setup(BACKENDS[0]);
        sim.advance(100.0);
        // The duration counts from the first poll, on the executor that polls it.
        let task = exec.spawn("late", timer);
        sim.advance(39.0);
        assert_eq!(completed_at(&exec, task), None);
        sim.advance(1.0);
        assert_eq!(completed_at(&exec, task), Some(140.0));
        assert_eq!(exec.timers().stats().fired, 1);
    })
    .join()
    .unwrap();
}

#[test]
#[cfg(debug_assertions)]
fn polling_a_timer_with_no_executor_anywhere_is_loud_in_debug_builds() {
    let message = std::thread::spawn(|| {
        let mut timer = Box::pin(TimerFuture::new(Duration::from_millis(1)));
        let mut cx = Context::from_waker(std::task::Waker::noop());
        let _ = timer.as_mut().poll(&mut cx);
    })
    .join()
    .expect_err("the poll panics");
    let text = message.downcast_ref::<&str>().map(|s| s.to_string()).or_else(|| message.downcast_ref::<String>().cloned());
    assert!(text.is_some_and(|t| t.starts_with("no timer context")));
}

#[test]
fn timers_created_outside_tasks_use_the_latest_executor() {
    let (sim, exec) = setup(BACKENDS[0]);
    let t = TimerFuture::new(Duration::from_millis(30));
    assert!(t.id().is_some());
    let task = exec.spawn("t", t);
    sim.advance(30.0);
    assert_eq!(completed_at(&exec, task), Some(30.0));
    assert_eq!(sim.now(), 30.0);
}

#[test]
fn a_nan_clock_fires_nothing() {
    let (sim, exec) = setup(waker_playground::core::TimerBackend::Driver);
    let t = exec.timers().sleep(Duration::from_millis(50));
    assert_eq!(exec.timers().process_at_time(f64::NAN), 0);
    assert!(!t.is_completed());
    sim.run_until(f64::NAN);
    assert!(!t.is_completed());
    sim.advance(50.0);
    assert!(t.is_completed());
}

#[test]
fn a_timer_armed_after_a_spin_is_stamped_when_it_was_armed() {
    let (sim, exec) = setup(BACKENDS[0]);
    let s2 = sim.clone();
    exec.spawn("t", async move {
        s2.spin(300.0);
        TimerFuture::new(Duration::from_millis(10)).await;
    });
    sim.run_until_idle(1000.0);
    let armed = events(&exec).into_iter().find(|e| matches!(e.kind, EventKind::TimerArmed { .. })).unwrap();
    assert_eq!(armed.at, 300.0, "not the poll's start (0)");
    let times: Vec<f64> = events(&exec).iter().map(|e| e.at).collect();
    assert!(times.windows(2).all(|w| w[0] <= w[1]), "the trace stays in time order: {times:?}");
    assert_eq!(armed.kind, EventKind::TimerArmed { timer: armed.kind.timer().unwrap(), deadline: 310.0 });
}
