//! Runs a program on the real executor: every `async fn` call is a future, every `.await` a real
//! poll that may return Pending, every `sleep` a real [`crate::core::TimerFuture`], every user
//! `impl Future` polled by the executor through its own `poll`.
//!
//! # Ground rules
//!
//! - There is no separate simulation: an interpreted `.await` polls the awaited future with the
//!   task's own `Context`, so wakers, timers and the trace are the executor's.
//! - The program is compiled once ([`super::compile`]); one evaluator ([`super::vm`]) runs it.
//! - Nothing panics. Overflow, division by zero, a wrong type, a loop that never awaits, a
//!   learner's `panic!`: each is an error with the span that caused it, which ends its task and
//!   shows on the console.
//! - Values are dropped where Rust would drop them: at the end of their scope, when moved into a
//!   call that consumes them, when overwritten.

use std::collections::HashMap;
use std::rc::Rc;
use std::time::Duration;

use crate::core::{Hooks, Platform, Spawner, TaskId, TimerId};

use super::ast::Program;
use super::lexer::Span;
pub use super::rt::error_text;
#[cfg(doc)]
use super::rt::RUN_BUDGET;
use super::rt::{At, Interp, Line, Output};
use super::value::{Fiber, Fut};

/// A program started on an executor.
#[derive(Clone)]
pub struct Run {
    interp: Rc<Interp>,
    main: Option<TaskId>,
    source_durations: Rc<Vec<Span>>,
}

/// What a live edit of a duration literal did.
#[derive(Clone, Debug, PartialEq)]
pub enum LiteralEdit {
    /// Its timer was pending: re-armed for start + new duration, keeping its waker.
    Rescheduled(crate::core::Rescheduled),
    /// Its timer was pending but refused the edit.
    Refused(crate::core::EditError),
    /// Its `sleep(…)` made a timer that is over (fired or cancelled): a timer it makes from
    /// now on (in a loop, say) uses the new number.
    Past,
    /// Its `sleep(…)` has not run yet: it will use the new number when it does.
    Upcoming,
    /// Not the duration of a `sleep(…)`: the change applies to the next run.
    NextRun,
}

impl Run {
    /// The `main` task; `None` when `main` is a plain `fn` (which runs before the executor
    /// starts, and spawns tasks).
    pub fn main(&self) -> Option<TaskId> {
        self.main
    }

    /// Every task the program spawned, in spawn order (`main` first when it is a task).
    pub fn tasks(&self) -> Vec<TaskId> {
        self.interp.infos.borrow().iter().filter_map(|i| i.id.get()).collect()
    }

    /// How many ops the evaluator has run through its general path, not its inner loop (the
    /// straight-line ops: see `vm.rs`). Only a measure: the two paths mean the same.
    pub fn general_ops(&self) -> u64 {
        self.interp.general_ops.get()
    }

    /// How many values the run has made, against its values budget (the same whether or not
    /// the run records: a `Poll::Pending` the evaluator parks on without making counts too).
    pub fn values_made(&self) -> u64 {
        self.interp.values.get()
    }

    /// The console so far.
    pub fn console(&self) -> Vec<Output> {
        self.interp.console.borrow().clone()
    }

    /// The latest `n` console lines printed at or before `until` (ms since the start), and how
    /// many earlier ones there are.
    pub fn console_tail(&self, until: f64, n: usize) -> (Vec<Output>, usize) {
        let console = self.interp.console.borrow();
        let upto = console.partition_point(|o| o.at <= until);
        let from = upto.saturating_sub(n);
        (console.get(from..upto).map(<[Output]>::to_vec).unwrap_or_default(), from)
    }

    /// Whether `timer` belonged to a `sleep(…)` that was dropped without ever being awaited (at
    /// the end of its scope, or by `drop`): its cancel is that drop, not a select's.
    pub fn dropped_unawaited(&self, timer: TimerId) -> bool {
        self.interp.unawaited.borrow().contains(&timer)
    }

    /// Whether `task` polled a `wake_by_ref_then_pending()`: its self-wakes are that future's,
    /// not `yield_now`'s (the trace records both as a self-wake).
    pub fn polled_self_waker(&self, task: TaskId) -> bool {
        self.interp.self_wakers.borrow().contains(&task)
    }

    /// The runtime errors and panics so far.
    pub fn errors(&self) -> Vec<Output> {
        self.interp.console.borrow().iter().filter(|o| o.kind == Line::Error).cloned().collect()
    }

    /// Whether `task` ended in an error or a panic.
    pub fn failed(&self, task: TaskId) -> bool {
        self.interp.infos.borrow().iter().any(|i| i.id.get() == Some(task) && i.failed.get())
    }

    /// How many tasks the program has spawned, `main` included.
    pub fn task_count(&self) -> usize {
        self.interp.names.borrow().len()
    }

    /// Task names, as the program gave them (`main`, then each spawned function's name).
    pub fn names(&self) -> HashMap<TaskId, Rc<str>> {
        self.interp.names.borrow().iter().map(|(&id, name)| (id, name.clone())).collect()
    }

    /// The `sleep(…)` (or `TimerFuture::new(…)`, or gloo `Timeout::new(…)`) call that made a
    /// timer.
    pub fn timer_span(&self, timer: TimerId) -> Option<Span> {
        self.interp.timer_spans.borrow().get(&timer).copied()
    }

    /// Where each task is parked right now: its await points, outermost first.
    pub fn await_tree(&self) -> Vec<(TaskId, Vec<(Span, &'static str)>)> {
        self.interp
            .infos
            .borrow()
            .iter()
            .filter_map(|i| {
                let awaits = i.awaits.borrow();
                let awaits = awaits.as_deref().unwrap_or_default();
                Some((i.id.get()?, awaits.to_vec())).filter(|_| !awaits.is_empty())
            })
            .collect()
    }

    /// Changes the run's statement budget (default [`RUN_BUDGET`]).
    pub fn set_run_budget(&self, steps: u64) {
        self.interp.set_run_budget(steps);
    }

    /// A live edit of the program's text that changed only number literals: `moved` maps each
    /// literal's old span to its new one (digits added or removed shift what follows), with its
    /// new value and whether it changed. A changed `sleep(…)` duration reschedules its pending
    /// timer, and every timer that `sleep` makes from now on uses the new number.
    /// Returns what each changed literal did.
    pub fn apply_literal_edit(&self, moved: &[(Span, Span, u64, bool)]) -> Vec<(Span, LiteralEdit)> {
        let sh = &self.interp;
        // Spans as first parsed: the program's tree keeps those.
        let relocated: HashMap<Span, Span> = {
            let origins = sh.origins.borrow();
            moved.iter().map(|(old, new, _, _)| (*new, origins.get(old).copied().unwrap_or(*old))).filter(|(n, o)| n != o).collect()
        };
        *sh.origins.borrow_mut() = relocated;
        let mut out = Vec::new();
        for &(_, new, value, _) in moved.iter().filter(|m| m.3) {
            let origin = sh.origins.borrow().get(&new).copied().unwrap_or(new);
            if self.source_durations.binary_search_by_key(&origin.start, |s| s.start).is_err() {
                out.push((new, LiteralEdit::NextRun));
                continue;
            }
            sh.overrides.borrow_mut().insert(origin, value);
            let handle = sh.literals.borrow().get(&origin).cloned();
            let what = match handle {
                None => LiteralEdit::Upcoming,
                Some(h) if !h.is_pending() => LiteralEdit::Past,
                Some(h) => match h.set_duration(Duration::from_millis(value)) {
                    Ok(r) => LiteralEdit::Rescheduled(r),
                    Err(crate::core::EditError::Busy) => LiteralEdit::Refused(crate::core::EditError::Busy),
                    Err(_) => LiteralEdit::Past,
                },
            };
            out.push((new, what));
        }
        out
    }

    /// Whether the timer made last by the `sleep(…)` whose number literal is at `literal` (as
    /// the text is now) is pending.
    pub fn literal_pending(&self, literal: Span) -> bool {
        let sh = &self.interp;
        let origin = sh.origins.borrow().get(&literal).copied().unwrap_or(literal);
        sh.literals.borrow().get(&origin).is_some_and(crate::core::TimerHandle::is_pending)
    }

    /// Statements run so far.
    pub fn steps(&self) -> u64 {
        self.interp.steps_total.get()
    }
}

/// Spawns `main` of `program` on the executor `spawner` belongs to.
///
/// ```
/// use std::rc::Rc;
/// use waker_playground::core::{Config, Executor, SimPlatform};
/// use waker_playground::play::lang::{parse, start};
///
/// let sim = SimPlatform::new();
/// let exec = Executor::new(Rc::new(sim.clone()), Config::default());
/// let program = parse("async fn main() { println!(\"howdy!\"); sleep(2000).await; println!(\"done\"); }").unwrap();
/// let run = start(&exec.spawner(), exec.platform(), Rc::new(program)).unwrap();
/// sim.run_until_idle(10_000.0);
/// let lines: Vec<(f64, String)> = run.console().into_iter().map(|o| (o.at, o.text)).collect();
/// assert_eq!(lines, [(0.0, "howdy!".to_string()), (2000.0, "done".to_string())]);
/// ```
pub fn start(spawner: &Spawner, platform: Rc<dyn Platform>, program: Rc<Program>) -> Result<Run, String> {
    let code = super::compile::compiled(&program).map_err(|e| e.into_message())?;
    let sleep_literals: HashMap<Span, Span> = program.duration_calls.iter().copied().collect();
    let interp = Interp::new(super::vm::ENGINE, code, spawner.clone(), platform, sleep_literals);
    let weak = Rc::downgrade(&interp);
    let on_unused: Rc<dyn Fn(&Fut)> = Rc::new(move |f: &Fut| {
        let Some(me) = weak.upgrade() else { return };
        if me.over.get() {
            return;
        }
        if let Some(t) = f.timer {
            me.unawaited.borrow_mut().insert(t);
        }
        me.source(crate::core::SourceKind::Unpolled, f.span);
        me.say(
            Line::Note,
            Some(f.span),
            format!("the future `{}` made here was dropped without ever being awaited: futures do nothing until polled", f.what),
        );
    });
    *interp.on_unused.borrow_mut() = Some(on_unused);
    let source_durations = Rc::new(program.durations.clone());
    let main = interp.code.main;
    let at = At { span: interp.code.funcs[main as usize].span };
    if !interp.code.main_async {
        // `fn main` runs now, before the executor polls anything: it spawns the tasks, as the
        // book's `main` does with `spawner.spawn(…)`. It is the main thread: if it blocks
        // (`recv()`, `join()`, `thread::sleep`), it goes on as a task of the executor.
        interp.tasks.set(1);
        let info = Rc::new(super::rt::TaskInfo::default());
        info.thread.set(true);
        info.main_thread.set(true);
        *info.handle.borrow_mut() = Some(interp.main_thread.clone());
        let fut = interp.coroutine(main, Vec::new(), None, at).map_err(|e| e.into_message())?;
        super::sync::mark_main(&fut);
        let mut fib = Fiber::default();
        let mut cx = super::rt::noop_context();
        let outer = interp.current.replace(Some(info.clone()));
        let r = interp.poll_value(&mut fib, &fut, &mut cx, at);
        interp.current.set(outer);
        // Where it parked is noted again by its first poll as a task: what this run noted must
        // not go to the first task polled.
        let parked = interp.take_parked();
        interp.give_back_parked(parked);
        match r {
            Ok(std::task::Poll::Pending) => {
                drop(fib);
                interp.spawn_task_as("main", fut, Rc::default(), info).map_err(|e| e.into_message())?;
                interp.main_thread_task.set(true);
                // Counted once: `main` is in `tasks` already.
                interp.tasks.set(interp.tasks.get().saturating_sub(1));
                return Ok(Run { interp, main: None, source_durations });
            }
            Ok(std::task::Poll::Ready(v)) => {
                let failed = interp.main_value_failed(&mut fib, &v, &mut cx);
                drop(v);
                drop(fut);
                let r = interp.run_drops(&mut fib, &mut cx, at);
                drop(fib);
                info.done.set(true);
                interp.main_returned(failed.then_some(false));
                if let Err(e) = r {
                    interp.say_error(&e);
                }
                if failed {
                    show_main_failed(&interp, info, false);
                }
            }
            Err(e) => {
                // The panic's line first, then what `main` held is let go of (its `Drop`s run
                // latest first), as Rust's panic message comes before the unwinding.
                interp.say_error(&e);
                info.unwinding.set(e.panic);
                drop(fut);
                let r = interp.run_drops(&mut fib, &mut cx, at);
                drop(fib);
                info.done.set(true);
                interp.main_returned(Some(e.panic));
                if let Err(e) = r {
                    interp.say_error(&e);
                }
                show_main_failed(&interp, info, e.panic);
            }
        }
        return Ok(Run { interp, main: None, source_durations });
    }
    let fut = interp.coroutine(main, Vec::new(), None, at).map_err(|e| e.into_message())?;
    let info = Rc::new(super::rt::TaskInfo::default());
    info.main_task.set(true);
    let id = interp.spawn_task_as("main", fut, Rc::default(), info).map_err(|e| e.into_message())?;
    Ok(Run { interp, main: Some(id), source_durations })
}

/// A plain `fn main` that ended in a panic or an error before it ever waited ran outside the
/// executor, so no task of the trace was it: it is given one, named `main`, that records the
/// failure at its only poll, so the Tasks table, the timeline and the await tree show `main`
/// failed (not an empty table beside a panic in the console).
fn show_main_failed(interp: &Rc<Interp>, info: Rc<super::rt::TaskInfo>, panic: bool) {
    struct MainFailed {
        spawner: Spawner,
        info: Rc<super::rt::TaskInfo>,
        panic: bool,
    }
    impl std::future::Future for MainFailed {
        type Output = ();
        fn poll(self: std::pin::Pin<&mut Self>, _: &mut std::task::Context<'_>) -> std::task::Poll<()> {
            if self.spawner.recording() {
                self.spawner.record(self.info.id.get(), crate::core::EventKind::Failed { panic: self.panic });
            }
            std::task::Poll::Ready(())
        }
    }
    info.failed.set(true);
    let fut = MainFailed { spawner: interp.spawner.clone(), info: info.clone(), panic };
    let Ok(id) = interp.spawner.spawn("main", fut) else { return };
    info.id.set(Some(id));
    interp.infos.borrow_mut().push(info);
    interp.names.borrow_mut().insert(id, Rc::from("main"));
}

/// Spawns `program` on `exec`.
pub fn start_on<H: Hooks>(exec: &crate::core::Executor<H>, program: Rc<Program>) -> Result<Run, String> {
    start(&exec.spawner(), exec.platform(), program)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::{Config, Executor, Recorder, SimPlatform};

    #[test]
    fn a_runs_channels_let_go_of_what_they_hold_when_it_ends() {
        // The chapter's executor with no room in its channel (a rendezvous): a task waiting to be
        // sent holds a sender of that channel, and once the receiver is gone the channel keeps
        // the value for a sender whose thread stopped with the run. The fuzzer's leak check
        // found that cycle outliving the run (each such run kept its channel and tasks).
        let src =
            include_str!("../programs/threads/bug_full_channel.rs").replace("MAX_QUEUED_TASKS: usize = 1;", "MAX_QUEUED_TASKS: usize = 0;");
        assert!(src.contains("MAX_QUEUED_TASKS: usize = 0;"), "the preset still has its bound");
        let sim = SimPlatform::new();
        let exec: Executor<Recorder> = Executor::new(Rc::new(sim.clone()), Config::default());
        let run = start_on(&exec, Rc::new(super::super::parse(&src).expect("parses"))).expect("starts");
        sim.run_until_idle(1e7);
        let channels: Vec<std::rc::Weak<super::super::value::Chan>> = run.interp.channels.borrow().clone();
        assert!(!channels.is_empty(), "the program made its channel");
        drop(run);
        drop(exec);
        drop(sim);
        let alive = channels.iter().filter(|c| c.strong_count() > 0).count();
        assert_eq!(alive, 0, "{alive} of {} channels outlived their run", channels.len());
    }
}
