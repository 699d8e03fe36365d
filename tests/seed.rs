//! The async book's scenario, event by event, on the virtual clock.
#![cfg(not(target_arch = "wasm32"))] // native: the browser suite is tests/web.rs
mod common;

use std::time::Duration;

use common::*;
use waker_playground::core::{EventKind, Outcome, TimerFuture, WakeSource};

#[test]
fn seed_scenario_exact_event_sequence() {
    for backend in BACKENDS {
        let (sim, exec) = setup(backend);
        let task = exec.spawn("howdy", async {
            TimerFuture::new(Duration::from_secs(2)).await;
        });
        sim.run_until_idle(10_000.0);

        let evs = events(&exec);
        let got: Vec<(f64, &str)> = evs.iter().map(|e| (e.at, e.kind.name())).collect();
        assert_eq!(
            got,
            [
                (0.0, "spawned"),
                (0.0, "poll-started"),
                (0.0, "timer-armed"),
                (0.0, "waker-cloned"),
                (0.0, "poll-pending"),
                (0.0, "tick-ended"),
                (2000.0, "timer-fired"),
                (2000.0, "woken"),
                (2000.0, "waker-dropped"),
                (2000.0, "poll-started"),
                (2000.0, "poll-ready"),
                (2000.0, "completed"),
                (2000.0, "tick-ended"),
            ],
            "backend {backend:?}"
        );
        // Every event is the task's, but the ends of the two host ticks that polled it.
        assert!(evs.iter().all(|e| e.task == Some(task) || matches!(e.kind, EventKind::TickEnded { budget_stop: false })));
        // The details, not only the names.
        let timer = evs[2].kind.timer().expect("armed names a timer");
        assert_eq!(evs[2].kind, EventKind::TimerArmed { timer, deadline: 2000.0 });
        assert_eq!(evs[6].kind, EventKind::TimerFired { timer, lateness_ms: 0.0, woke: true });
        assert_eq!(evs[7].kind, EventKind::Woken { by: WakeSource::Timer(timer) });
        assert_eq!(evs[10].kind, EventKind::Polled { outcome: Outcome::Ready, took_ms: 0.0 });
        let m = exec.task_metrics(task).unwrap();
        assert_eq!((m.polls, m.wakes.timer, m.wakers.clones, m.wakers.drops), (2, 1, 1, 1));
        assert_eq!((m.idle_ms, m.busy_ms, m.scheduled_ms), (2000.0, 0.0, 0.0));
        assert!(m.warnings.is_empty(), "{:?}", m.warnings);
    }
}

#[test]
fn seed_timer_not_ready_a_millisecond_early() {
    for backend in BACKENDS {
        let (sim, exec) = setup(backend);
        let task = exec.spawn("howdy", async { TimerFuture::new(Duration::from_secs(2)).await });
        sim.advance(1999.0);
        assert_eq!(exec.task_metrics(task).unwrap().polls, 1);
        assert_eq!(completed_at(&exec, task), None);
        sim.advance(1.0);
        assert_eq!(completed_at(&exec, task), Some(2000.0));
    }
}
