//! A program's task on the executor: the future the executor polls for each task the program
//! spawns (`main` included).

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};

use super::lexer::{LangError, Span};
use super::rt::{noop_context, At, Awaits, Interp, TaskInfo};
use super::value::{Fiber, HandleState, Value};
use crate::core::{EventKind, TaskId};

/// How a kind of await is written in a [`EventKind::Parked`] list.
pub fn await_code(what: &str) -> u32 {
    match what {
        "join!" => 1,
        "select!" => 2,
        "blocked" => 3,
        "try_join!" => 4,
        _ => 0,
    }
}

/// The kind of await a code in a [`EventKind::Parked`] list stands for.
pub fn await_kind(code: u32) -> &'static str {
    match code {
        1 => "join!",
        2 => "select!",
        3 => "blocked",
        4 => "try_join!",
        _ => "await",
    }
}

impl Interp {
    /// Spawns a future value as a task named `name` (tasks of one function are told apart:
    /// `worker`, `worker#2`, …).
    pub fn spawn_task(self: &Rc<Self>, name: &str, fut: Value, handle: Rc<HandleState>) -> Result<TaskId, LangError> {
        self.spawn_task_as(name, fut, handle, Rc::new(TaskInfo::default()))
    }

    /// The name a task of `name` is shown by: `name` for the first, then `name#2`, `name#3`, ….
    /// The names are counted in a list (a program spawns the functions it has, a few names).
    pub(crate) fn task_name(&self, name: &str) -> Rc<str> {
        let mut seen = self.name_counts.borrow_mut();
        match seen.iter_mut().find(|(seen, _)| **seen == *name) {
            Some((_, n)) => {
                *n += 1;
                numbered(name, *n)
            }
            None => {
                let name: Rc<str> = Rc::from(name);
                seen.push((name.clone(), 1));
                name
            }
        }
    }

    /// Spawns a future value as a task (or a thread) whose per-task state is `info`.
    pub fn spawn_task_as(
        self: &Rc<Self>,
        name: &str,
        fut: Value,
        handle: Rc<HandleState>,
        info: Rc<TaskInfo>,
    ) -> Result<TaskId, LangError> {
        let shown = self.task_name(name);
        let task = TaskMain { interp: self.clone(), info: info.clone(), body: fut, scratch: Fiber::default(), handle };
        let spawned = self.spawner.spawn(&shown, task).map_err(|_| LangError::new(Span::default(), "the executor is gone"))?;
        info.id.set(Some(spawned));
        self.infos.borrow_mut().push(info);
        self.tasks.set(self.tasks.get() + 1);
        self.names.borrow_mut().insert(spawned, shown);
        Ok(spawned)
    }
}

/// A task's outermost future: it marks the task as current during each poll, resets the
/// per-poll statement budget, notes where it parked, and hands the result to the task's handle.
struct TaskMain {
    interp: Rc<Interp>,
    info: Rc<TaskInfo>,
    body: Value,
    /// Where the program's code called from native code runs (a user `poll` polled here).
    scratch: Fiber,
    handle: Rc<HandleState>,
}

impl Future for TaskMain {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let this = self.get_mut();
        let interp = &this.interp;
        if interp.over.get() || this.info.stopped.get() {
            // Stopped (a deadlock, or `main` returned while this thread ran): what it held goes,
            // and no `Drop` impl of it runs (the process is gone, as in Rust).
            interp.drops.discard(|| drop(std::mem::replace(&mut this.body, Value::Unit)));
            this.info.done.set(true);
            // It never finished: the executor drops it when this poll returns, and the trace,
            // the Tasks table and the timeline show it aborted, not done.
            if this.info.id.get().is_some_and(|id| interp.spawner.abort(id)) {
                return Poll::Pending;
            }
            return Poll::Ready(());
        }
        interp.start_poll_steps();
        interp.pulls_poll.set(0);
        let outer = interp.current.replace(Some(this.info.clone()));
        let at = At { span: Span::default() };
        let r = interp.poll_value(&mut this.scratch, &this.body, cx, at);
        // Where the poll noted it parked is read where it is, and emptied for the next poll.
        let mut panicked = false;
        let result = match r {
            Ok(Poll::Pending) => {
                // Where it parked goes into the trace when it changed since its last poll.
                // The names are static strings: the same one is the same pointer, so the text
                // is compared only when the pointers differ. Most polls park where the last one
                // did, at one `.await`: that one is compared as it is.
                let same = |a: &(Span, &str), b: &(Span, &str)| a.0 == b.0 && (std::ptr::eq(a.1, b.1) || a.1 == b.1);
                let same_one = interp
                    .parked_now
                    .only()
                    .is_some_and(|a| matches!(this.info.awaits.try_borrow().as_deref(), Ok(Some(b)) if matches!(&**b, [b] if same(b, &a))));
                if !same_one {
                    interp.parked_now.with(|parked| note_parked(interp, &this.info, parked, same));
                }
                interp.parked_now.clear();
                interp.current.set(outer);
                interp.after_poll();
                return Poll::Pending;
            }
            Ok(Poll::Ready(v)) => {
                interp.parked_now.clear();
                if (this.info.main_task.get() || this.info.main_thread.get()) && interp.main_value_failed(&mut this.scratch, &v, cx) {
                    this.info.failed.set(true);
                    this.handle.failed.set(true);
                    if interp.spawner.recording() {
                        interp.spawner.record(this.info.id.get(), EventKind::Failed { panic: false });
                    }
                }
                v
            }
            Err(e) => {
                interp.parked_now.clear();
                panicked = e.panic;
                task_failed(interp, &this.info, &this.handle, &e);
                Value::Unit
            }
        };
        *this.info.awaits.borrow_mut() = None;
        // The task's future is done: it is dropped now, with what it holds.
        let body = std::mem::replace(&mut this.body, Value::Unit);
        drop(body);
        // A thread's `thread_local!` values go with it.
        if this.info.thread.get() && !this.info.main_thread.get() && !interp.code.thread_locals.is_empty() {
            if let Some(no) = this.info.handle.borrow().as_ref().map(|h| h.no) {
                interp.drop_thread_locals(no);
            }
        }
        let mut fib = std::mem::take(&mut this.scratch);
        let mut noop = noop_context();
        if let Err(e) = interp.run_drops(&mut fib, &mut noop, at) {
            interp.say_error(&e);
        }
        this.info.done.set(true);
        // `main` is over: what `print!` left without an end of line goes out, as the process's
        // exit flushes it.
        if this.info.main_task.get() {
            interp.flush_print();
        }
        if this.info.main_thread.get() {
            interp.main_returned(this.handle.failed.get().then_some(panicked));
        }
        interp.current.set(outer);
        *this.handle.result.borrow_mut() = Some(result);
        this.handle.done.set(true);
        let waiter = this.handle.waiter.borrow_mut().take();
        if let Some(w) = waiter {
            w.wake();
        }
        interp.after_poll();
        Poll::Ready(())
    }
}

/// A task whose body ended in an error or a learner's panic: said in the console, marked failed
/// (its handle too, for a `join`), recorded; a panic's message kept as its payload, and the
/// task unwinding while what it holds is dropped (a lock held poisons). Out of line: the step
/// form's tasks end well (tools/lazy-split).
#[inline(never)]
fn task_failed(interp: &Interp, info: &TaskInfo, handle: &HandleState, e: &LangError) {
    interp.say_error(e);
    if e.panic {
        *handle.payload.borrow_mut() = Some((Rc::from(e.message.as_str()), e.payload_is_str()));
    }
    info.unwinding.set(e.panic);
    info.failed.set(true);
    handle.failed.set(true);
    if interp.spawner.recording() {
        interp.spawner.record(info.id.get(), EventKind::Failed { panic: e.panic });
    }
}

/// Where a task parked, when it is not where it parked last (compared by `same`): into the
/// trace, and kept for the next poll's comparison.
fn note_parked(interp: &Interp, info: &TaskInfo, parked: &[(Span, &'static str)], same: impl Fn(&(Span, &str), &(Span, &str)) -> bool) {
    let changed = {
        let before = info.awaits.borrow();
        let before = before.as_deref().unwrap_or_default();
        before.len() != parked.len() || before.iter().zip(parked.iter()).any(|(a, b)| !same(a, b))
    };
    if changed {
        if interp.spawner.recording() {
            let list: Vec<u32> = parked.iter().flat_map(|(s, what)| [s.start, s.end, await_code(what)]).collect();
            let id = interp.spawner.intern_list(&list);
            interp.spawner.record(info.id.get(), EventKind::Parked { awaits: id });
        }
        let awaits: Awaits = Rc::from(parked);
        *info.awaits.borrow_mut() = Some(awaits);
    }
}

/// `name#n` in one allocation: written on the stack, then copied into the `Rc` (a `format!`
/// makes a `String` first, and `Rc<str>` copies it into a second allocation). A long name
/// takes the `format!`.
fn numbered(name: &str, n: usize) -> Rc<str> {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut rest = n;
    loop {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    let digits = &digits[at..];
    let mut buf = [0u8; 64];
    let len = name.len() + 1 + digits.len();
    if let Some(out) = buf.get_mut(..len) {
        let (head, tail) = out.split_at_mut(name.len());
        head.copy_from_slice(name.as_bytes());
        tail[0] = b'#';
        tail[1..].copy_from_slice(digits);
        if let Ok(text) = std::str::from_utf8(out) {
            return Rc::from(text);
        }
    }
    Rc::from(format!("{name}#{n}"))
}

#[cfg(test)]
mod tests {
    use super::{await_code, await_kind, numbered};

    #[test]
    fn each_kind_of_await_goes_into_the_trace_and_back_by_its_code() {
        for what in ["await", "join!", "try_join!", "select!", "blocked"] {
            assert_eq!(await_kind(await_code(what)), what);
        }
        // A future's own name (`sleep`, `select`, `map`) is an await.
        assert_eq!(await_kind(await_code("select")), "await");
    }

    #[test]
    fn a_numbered_name_reads_as_format_writes_it() {
        let long = "a_function_name_long_enough_that_it_and_its_number_pass_sixty_four";
        for name in ["worker", "async block", "é", "", long, &long[..62], &long[..63]] {
            for n in [2, 9, 10, 99, 1000, 65_535, usize::MAX] {
                assert_eq!(&*numbered(name, n), format!("{name}#{n}"), "{name} {n}");
            }
        }
    }
}
