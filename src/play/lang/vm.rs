//! The evaluator: one loop that steps a fiber's ops.
//!
//! # Ground rules
//!
//! - One evaluator. Code that awaits and code that does not run the same ops; a pending
//!   `.await` leaves its frame's `pc` on the `Await` op and returns `Pending`, and the next poll
//!   resumes there.
//! - Learner code called from native code (a closure given to `map`, a user `poll` polled by
//!   `join!`, a `Drop` impl, a `Display` impl) runs in a nested loop on the same fiber, bounded
//!   in depth ([`MAX_NEST`]). The modules below reach it through the [`ENGINE`] the interpreter
//!   state holds, so none of them names this one.
//! - Nothing panics: a wrong kind of value, an overflow, a moved value, a budget: each is an error
//!   with the span of the op that met it, which ends its task.

use std::cell::RefCell;
use std::future::Future as _;
use std::rc::Rc;
use std::task::{Context, Poll};

use super::ast::{BinOp, FmtKind, SelfKind};
use super::code::{Code, Func, Hot, Op, Prim, SelectSite};
use super::lexer::{FloatTy, LangError, Span};
use super::names::B;
use super::rt::*;
use super::value::*;

/// How the modules below the evaluator call back into it.
pub const ENGINE: Engine = Engine {
    call: |vm, fib, callee, args, cx, at| vm.call_impl(fib, callee, args, cx, at),
    call_fn: |vm, fib, f, args, env, cx, at| vm.call_fn_impl(fib, f, args, env, cx, at),
    run_drops: |vm, fib, cx, at| vm.run_drops_impl(fib, cx, at),
    poll_value: |vm, fib, v, cx, at| vm.poll_value_impl(fib, v, cx, at),
    iter_next: |vm, fib, it, cx, at| vm.iter_next_impl(fib, it, cx, at),
};

/// What the op loop does after an op handled out of line.
enum Flow {
    /// Goes on with the next op.
    Next,
    /// Returns `Pending`: the fiber waits.
    Pending,
    /// Returns this value: the fiber's frames are down to `stop`.
    Ready(Value),
}

impl Interp {
    /// Runs `fib` until its frame count drops to `stop` (its value), or it waits.
    pub fn run(self: &Rc<Self>, fib: &mut Fiber, stop: usize, cx: &mut Context<'_>) -> R<Poll<Value>> {
        let code = &*self.code;
        // A thread blocked in a call: what it waits for is polled first.
        if fib.blocked && !self.resume_blocked(fib, cx)? {
            return Ok(Poll::Pending);
        }
        // Whether the executor records, asked once a run of the loop (it changes between
        // ticks, never inside a poll): a traced function's every statement asked it.
        let recording = self.spawner.recording();
        let (mut fid, mut func) = match fib.frames.last() {
            Some(f) => (
                f.func,
                code.funcs.get(f.func as usize).ok_or_else(|| LangError::new(Span::default(), "internal error: no such function"))?,
            ),
            None => return Err(LangError::new(Span::default(), "internal error: no frame to run")),
        };
        'ops: loop {
            // A value whose type has a `Drop` impl was let go of by the last op: its `drop` runs
            // now, before anything else does, as in Rust.
            if self.drops.pending.get() {
                let at = fib.frames.last().map_or(At { span: Span::default() }, |f| At {
                    span: code.funcs[f.func as usize].spans.get((f.pc as usize).saturating_sub(1)).copied().unwrap_or_default(),
                });
                self.drops_due(fib, at)?;
            }
            // No op of the inner loop calls: the count holds until it returns.
            let frames = fib.frames.len();
            let Some((frame, callers)) = fib.frames.split_last_mut() else {
                return Err(LangError::new(Span::default(), "internal error: no frame to run"));
            };
            // The function is looked up again only when a call or a return changed it.
            if frame.func != fid {
                fid = frame.func;
                func = code.funcs.get(fid as usize).ok_or_else(|| LangError::new(Span::default(), "internal error: no such function"))?;
            }
            let base = frame.base as usize;
            // The ops that change nothing but the stack, the locals and the frame's own `pc` run
            // in this inner loop, with the `pc` in a local: no frame looked up for each. Each one
            // either does all of its work here or none of it, and leaves it to the `match` below
            // (an unusual operand, an error, anything that calls, awaits or runs a `Drop`).
            let mut pc = frame.pc as usize;
            let op_pc = loop {
                let Some(&op) = func.ops.get(pc) else {
                    frame.pc = pc as u32;
                    return Err(LangError::new(func.span, "internal error: ran past the end of a function"));
                };
                // The op's span, read only by the ops that may report or record it.
                let op_pc = pc;
                macro_rules! at {
                    () => {
                        At { span: func.spans.get(op_pc).copied().unwrap_or_default() }
                    };
                }
                // After an op that let go of a value: a `Drop` impl it set off runs next, at the
                // top of the outer loop, before anything else does.
                macro_rules! then_drops {
                    () => {
                        if self.drops.pending.get() {
                            frame.pc = pc as u32;
                            continue 'ops;
                        }
                    };
                }
                pc += 1;
                let stack = &mut fib.stack;
                let done = match op {
                    // A thread that has run its slice gives the others a turn (an OS would
                    // preempt it): the general path. Only code that is not a thread's own is
                    // stopped by the budget.
                    Op::Tick if !(fib.thread && self.steps_this_poll() >= THREAD_SLICE && self.nest.get() == self.thread_nest.get()) => {
                        if !self.tick() && !self.thread_goes_on(fib.thread) {
                            frame.pc = pc as u32;
                            return Err(self.over_budget(at!()));
                        }
                        if func.traced && recording {
                            self.record_source(crate::core::SourceKind::Ran, at!().span);
                        }
                        true
                    }
                    Op::Const(c) => {
                        stack.push(constant(code, c));
                        true
                    }
                    Op::Unit => {
                        stack.push(Value::Unit);
                        true
                    }
                    Op::Pop => {
                        let v = stack.pop();
                        drop(v);
                        then_drops!();
                        true
                    }
                    Op::Jump(t) => {
                        pc = t as usize;
                        true
                    }
                    Op::JumpIfFalse(t) => match stack.last() {
                        Some(&Value::Bool(b)) => {
                            stack.pop();
                            if !b {
                                pc = t as usize;
                            }
                            true
                        }
                        _ => false,
                    },
                    Op::Load(l) => match stack.get(base + usize::from(l)) {
                        Some(Value::Void | Value::Place(_)) | None => false,
                        Some(v) => {
                            let v = v.clone();
                            stack.push(v);
                            true
                        }
                    },
                    Op::LoadField(l, name) => {
                        let out = match stack.get(base + usize::from(l)) {
                            Some(Value::Void | Value::Place(_)) | None => None,
                            // A struct's own field, read under one borrow (`self.left`).
                            Some(Value::Obj(o)) => struct_field(code, o, name),
                            Some(v) => self.field(v, FieldRef::Name(name), at!()).ok(),
                        };
                        out.map(|v| stack.push(v)).is_some()
                    }
                    Op::ConstBinary(b, c) => {
                        let r = &code.consts[c as usize];
                        match stack.last_mut() {
                            // A comparison (`self.left == 0`, `i < n`) whose `JumpIfFalse` comes
                            // next (an `if`, a `while`): that op taken here, as its own arm takes
                            // it, the bool never pushed.
                            Some(top) => match super::ops::int_compare(b, top, r) {
                                Some(t) if matches!(func.ops.get(pc), Some(Op::JumpIfFalse(_))) => {
                                    stack.pop();
                                    if let (false, Some(&Op::JumpIfFalse(to))) = (t, func.ops.get(pc)) {
                                        pc = to as usize;
                                    } else {
                                        pc += 1;
                                    }
                                    true
                                }
                                Some(t) => {
                                    *top = Value::Bool(t);
                                    true
                                }
                                None => match super::ops::int_binary(b, top, r, at!()) {
                                    Some(Ok(out)) => {
                                        *top = out;
                                        true
                                    }
                                    _ => false,
                                },
                            },
                            None => false,
                        }
                    }
                    // `cx.waker()` on the poll's own context, and its `wake_by_ref()` for the
                    // executor's waker: what `call_method_op` does for them first (a learner's
                    // own waker runs their code: the general path; only a run that has made one
                    // can be polled with one, so the others skip looking it up).
                    Op::CallMethod(site) => match (code.methods[site as usize].hot, stack.last_mut()) {
                        (Hot::Waker, Some(top @ Value::Ctx(_))) => {
                            if let Value::Ctx(w) = top {
                                *top = super::methods::ctx_waker(w);
                            }
                            true
                        }
                        (Hot::WakeByRef, Some(top @ Value::CxWaker))
                            if !(self.wakers_seen.get() && super::sync::is_user_waker(cx.waker())) =>
                        {
                            *top = Value::Unit;
                            super::methods::wake_poller(self, cx, at!());
                            true
                        }
                        _ => false,
                    },
                    // `self.left -= 1`: an integer field of the aggregate on top, changed in
                    // place by a constant, as `op_assign_field` changes it first.
                    Op::ConstAssignOpField(b, name, c) => {
                        let done = match stack.last() {
                            Some(Value::Obj(o)) => int_field_in_place(code, o, b, FieldRef::Name(name), &code.consts[c as usize], at!()),
                            _ => false,
                        };
                        if done {
                            stack.pop();
                            then_drops!();
                        }
                        done
                    }
                    // `cx.waker()` on the poll's own context, read where it is.
                    Op::LoadWaker(l, _) => match stack.get(base + usize::from(l)) {
                        // `cx.waker().wake_by_ref();`, the statement whole: the next two ops
                        // (the call and the `Pop` of its `()`) taken here as their arms take
                        // them, the call's line named for the wake.
                        Some(Value::Ctx(None))
                            if matches!(
                                (func.ops.get(pc), func.ops.get(pc + 1)),
                                (Some(&Op::CallMethod(s)), Some(Op::Pop)) if code.methods[s as usize].hot == Hot::WakeByRef
                            ) && !(self.wakers_seen.get() && super::sync::is_user_waker(cx.waker())) =>
                        {
                            let call = At { span: func.spans.get(pc).copied().unwrap_or_default() };
                            pc += 2;
                            super::methods::wake_poller(self, cx, call);
                            true
                        }
                        Some(Value::Ctx(w)) => {
                            let v = super::methods::ctx_waker(w);
                            stack.push(v);
                            true
                        }
                        _ => false,
                    },
                    // `self.left -= 1` on a local's own aggregate: its field changed where it is.
                    Op::LocalConstAssignOpField(l, b, name, c) => match stack.get(base + usize::from(l)) {
                        Some(Value::Obj(o)) => int_field_in_place(code, o, b, FieldRef::Name(name), &code.consts[c as usize], at!()),
                        _ => false,
                    },
                    Op::Move(l) => match stack.get_mut(base + usize::from(l)) {
                        Some(Value::Void | Value::Place(_)) | None => false,
                        Some(v) => {
                            let v = if v.is_copy() { v.copied() } else { std::mem::take(v) };
                            stack.push(v);
                            true
                        }
                    },
                    // Into a slot below the value, where no literal takes the slot's integer type
                    // (that coercion can fail, and is the general path's).
                    Op::Store(l) => {
                        let slot = base + usize::from(l);
                        let plain = slot + 1 < stack.len()
                            && !matches!((stack.last(), stack.get(slot)), (Some(Value::Int(_, None)), Some(Value::Int(_, Some(_)))));
                        if plain {
                            let v = stack.pop().unwrap_or_default();
                            let old = stack.get_mut(slot).map(|s| std::mem::replace(s, v));
                            drop(old);
                            then_drops!();
                        }
                        plain
                    }
                    Op::ToVal => {
                        if let Some(top @ Value::Obj(_)) = stack.last_mut() {
                            if matches!(top, Value::Obj(o) if o.copy) {
                                *top = top.copied();
                            }
                        }
                        true
                    }
                    // A `for` over a range (`for k in 0..n`): its next value straight from the
                    // range's state, as `methods::next` gives it, without taking the iterator out.
                    Op::IterNextStore(l, x, exit) => match range_step(stack.get(base + usize::from(l))) {
                        Some(next) => {
                            if let Err(e) = self.pull(at!()) {
                                frame.pc = pc as u32;
                                return Err(e);
                            }
                            match next {
                                Some(v) => match stack.get_mut(base + usize::from(x)) {
                                    Some(slot) => drop(std::mem::replace(slot, v)),
                                    None => {
                                        frame.pc = pc as u32;
                                        return Err(at!().err("internal error: no such variable"));
                                    }
                                },
                                None => pc = exit as usize,
                            }
                            true
                        }
                        None => false,
                    },
                    // The end of a local's scope (and of a loop's body): a `Drop` impl it sets off
                    // runs before the jump, as the general path runs it.
                    Op::DropLocal(l) | Op::DropJump(l, _) => {
                        let v = stack.get_mut(base + usize::from(l)).map(std::mem::take);
                        drop(v);
                        if self.drops.pending.get() {
                            frame.pc = if let Op::DropJump(_, t) = op { t } else { pc as u32 };
                            continue 'ops;
                        }
                        if let Op::DropJump(_, t) = op {
                            pc = t as usize;
                        }
                        true
                    }
                    // `yield_now().await`, the `YieldNow` kept in the fiber rather than made as a
                    // value (it can be nothing but awaited here): ready when the task comes back
                    // to the yield it parked at; else the task wakes itself and parks here, as
                    // `YieldNow`'s first poll does. The await depth is checked on every poll, the
                    // one that finds it ready included, as `Await` checks it.
                    Op::AwaitYield(site) | Op::AwaitYieldPop(site) => {
                        if let Err(e) = self.check_await_depth(at!()) {
                            frame.pc = pc as u32;
                            return Err(e);
                        }
                        let here = (frames, op_pc as u32);
                        if fib.yielded == Some(here) {
                            fib.yielded = None;
                            if matches!(op, Op::AwaitYield(_)) {
                                stack.push(Value::Unit);
                            }
                            true
                        } else {
                            cx.waker().wake_by_ref();
                            frame.pc = op_pc as u32;
                            fib.yielded = Some(here);
                            let what = code.awaits.get(site as usize).copied().unwrap_or("await");
                            self.park_chain(fib, at!().span, what);
                            return Ok(Poll::Pending);
                        }
                    }
                    // `.await` on a program's own future: its `poll` called in this fiber, as
                    // `op_await` calls it through `push_call` (a `poll` of the usual shape, two
                    // parameters and no integer to coerce; anything else, or a limit reached, is
                    // the general path's, which reports it).
                    Op::Await(_) => {
                        let poll = match stack.last() {
                            Some(Value::Obj(o)) => code.types.get(o.ty as usize).and_then(|t| t.poll),
                            _ => None,
                        };
                        match poll.and_then(|p| Some((p, code.funcs.get(p as usize)?))) {
                            Some((p, f))
                                if f.params == 2
                                    && f.captures == 0
                                    && f.param_ints.is_empty()
                                    && f.param_floats.is_empty()
                                    && frames < MAX_FRAMES
                                    && self.await_stack.try_borrow().map_or(0, |s| s.len()) < MAX_AWAIT_DEPTH =>
                            {
                                let fut = stack.last().cloned().unwrap_or_default();
                                let callee_base = stack.len();
                                stack.push(fut);
                                stack.push(Value::Ctx(None));
                                let want = callee_base + usize::from(f.locals.max(2));
                                if want > stack.len() {
                                    stack.resize(want, Value::Void);
                                }
                                frame.pc = pc as u32;
                                fib.frames.push(Frame {
                                    func: p,
                                    pc: 0,
                                    base: callee_base as u32,
                                    locals: f.locals.max(2),
                                    ret: Ret::Push,
                                });
                                continue 'ops;
                            }
                            _ => false,
                        }
                    }
                    // Its `poll` returned `Pending`: the task parks at the `.await`, as
                    // `op_await_polled` parks it (which, when the run records, first looks for
                    // a stale waker to note).
                    Op::AwaitPolled(site) if !recording => match stack.last() {
                        Some(Value::Obj(o))
                            if o.ty == ty::POLL && o.data.try_borrow().is_ok_and(|d| matches!(&*d, Data::Variant(v, _) if *v != 0)) =>
                        {
                            let poll = stack.pop().unwrap_or_default();
                            // Back at the `Await`, to poll again when woken.
                            frame.pc = (op_pc as u32).saturating_sub(1);
                            let what = code.awaits.get(site as usize).copied().unwrap_or("await");
                            self.park_chain(fib, at!().span, what);
                            self.keep_spare_pending(poll);
                            return Ok(Poll::Pending);
                        }
                        _ => false,
                    },
                    Op::MakeVariant(ty::POLL, 1, 0) => {
                        // `Poll::Pending` returned (the next op) from a program's `poll` to the
                        // `.await` that called it (the caller's next op), when the run does not
                        // record: the three ops' work without the value. The poll's frame goes
                        // as `leave_frame` lets it go (a `Drop` its locals set off runs), and the
                        // task parks at the `.await` as `AwaitPolled` parks it.
                        let parks = match (func.ops.get(pc), callers.last()) {
                            (Some(Op::Return), Some(caller)) if !recording && frames > stop + 1 && frame.ret == Ret::Push => {
                                code.funcs.get(caller.func as usize).and_then(|cf| match cf.ops.get(caller.pc as usize) {
                                    Some(&Op::AwaitPolled(site)) => Some((cf, caller.pc, site)),
                                    _ => None,
                                })
                            }
                            _ => None,
                        };
                        if let Some((cf, await_pc, site)) = parks {
                            // Counted as the `Poll` it stands for: the values budget is the same
                            // whether or not the run records.
                            if let Err(e) = self.count_values(1, at!()) {
                                frame.pc = pc as u32;
                                return Err(e);
                            }
                            let ret_at = At { span: func.spans.get(pc).copied().unwrap_or_default() };
                            self.drop_frame(fib, cx, ret_at)?;
                            // Back at the caller's `Await`, to poll again when woken.
                            set_pc(fib, await_pc.saturating_sub(1));
                            let what = code.awaits.get(site as usize).copied().unwrap_or("await");
                            self.park_chain(fib, cf.spans.get(await_pc as usize).copied().unwrap_or_default(), what);
                            return Ok(Poll::Pending);
                        }
                        // Else made from the spare one its `.await` gave back.
                        match self.take_spare_pending() {
                            Some(o) => {
                                if let Err(e) = self.count_values(1, at!()) {
                                    frame.pc = pc as u32;
                                    return Err(e);
                                }
                                stack.push(Value::Obj(o));
                                true
                            }
                            None => false,
                        }
                    }
                    // A return to a caller in this loop (not the last frame, which ends the run):
                    // the general path's work, then the caller's frame is looked up again.
                    Op::Return if frames > stop + 1 && !matches!(frame.ret, Ret::Drop | Ret::Resume) => {
                        frame.pc = pc as u32;
                        if let Some(v) = self.leave_frame(fib, at!())? {
                            fib.stack.push(v);
                        }
                        continue 'ops;
                    }
                    Op::Binary(b) => {
                        let n = stack.len();
                        let out = match (n.checked_sub(2).and_then(|i| stack.get(i)), stack.last()) {
                            (Some(l), Some(r)) => super::ops::int_binary(b, l, r, at!()),
                            _ => None,
                        };
                        match out {
                            Some(Ok(out)) => {
                                stack.pop();
                                if let Some(top) = stack.last_mut() {
                                    *top = out;
                                }
                                true
                            }
                            _ => false,
                        }
                    }
                    _ => false,
                };
                if !done {
                    break op_pc;
                }
                // The other ops of this loop let go of nothing that has a `Drop` impl: integers,
                // booleans, `Copy` values, a context's waker, a range loop's last number.
            };
            frame.pc = pc as u32;
            match self.slow_op(fib, func, op_pc, base, stop, cx)? {
                Flow::Next => {}
                Flow::Pending => return Ok(Poll::Pending),
                Flow::Ready(v) => return Ok(Poll::Ready(v)),
            }
        }
    }

    /// The ops the inner loop of [`Interp::run`] leaves, out of line. In wasm, a
    /// function's frame holds a slot for each value its arms make, and LLVM computes every
    /// slot's address once, before the function's loop: with these arms in the loop's function,
    /// each entry of the loop (each poll) computed and spilled about 150 addresses, more work than
    /// a short poll's ops. `scripts/lazy-split.sh` and `scripts/bench.sh` keep `wasm-opt` from
    /// inlining it back (it has one caller): the loop's function then stays small enough for
    /// Chromium's optimizing compiler to keep the loop's values in registers.
    ///
    /// It reads its op again from `func`, by index: an `Op` passed by value is passed through
    /// memory in wasm, and the loop stored every op it ran there.
    #[inline(never)]
    fn slow_op(self: &Rc<Self>, fib: &mut Fiber, func: &Func, op_pc: usize, base: usize, stop: usize, cx: &mut Context<'_>) -> R<Flow> {
        let code = &*self.code;
        let Some(&op) = func.ops.get(op_pc) else {
            return Err(LangError::new(func.span, "internal error: ran past the end of a function"));
        };
        let at = At { span: func.spans.get(op_pc).copied().unwrap_or_default() };
        self.general_ops.set(self.general_ops.get() + 1);
        match op {
            // The inner loop runs every other `Tick`: this is a thread's preemption (its
            // statement runs when the thread is polled again).
            Op::Tick => {
                cx.waker().wake_by_ref();
                return Ok(Flow::Pending);
            }
            // Ops whose work would make a frame large are out of line: learner code called from
            // native code runs a nested loop, up to MAX_NEST deep, and each level holds this
            // frame on the wasm stack.
            Op::Static(k) => return self.op_static(fib, k, cx, at),
            Op::Neg | Op::Not => return self.op_unary(fib, op, cx, at),
            Op::Convert(c) => return self.op_convert(fib, c, cx, at),
            Op::Repeat | Op::VecRepeat => return self.op_repeat(fib, op, cx, at),
            Op::StructUpdate(site) => return self.op_struct_update(fib, site, at),
            Op::MakeClosure(site) => return self.op_make_closure(fib, site, false, base, at),
            Op::MakeAsync(site) => return self.op_make_closure(fib, site, true, base, at),
            Op::Match(site, fail) => return self.op_match_pat(fib, site, fail, base, at),
            Op::Await(site) => return self.op_await(fib, site, cx, at),
            Op::AwaitPolled(site) => return self.op_await_polled(fib, site, cx, at),
            Op::Join(n) => return self.op_combinator(fib, "join!", at, cx, |vm, fib, cx| vm.join(fib, usize::from(n), false, cx, at)),
            Op::TryJoin(n) => {
                return self.op_combinator(fib, "try_join!", at, cx, |vm, fib, cx| vm.join(fib, usize::from(n), true, cx, at))
            }
            Op::Select(site) => {
                return self.op_combinator(fib, "select!", at, cx, |vm, fib, cx| vm.select(fib, &code.selects[site as usize], cx, at));
            }
            Op::Try(wrap) => return self.op_try(fib, stop, wrap, at),
            Op::Format(site) => return self.op_format(fib, site, cx, at),
            Op::Panic(_) => return self.op_panic(fib, cx, at),
            Op::Call(f, n) => self.push_call(fib, f, usize::from(n), None, Ret::Push, at)?,
            Op::CallAwait(f, n) => self.push_call(fib, f, usize::from(n), None, Ret::Awaited, at)?,
            Op::CallValue(n) => {
                let n = usize::from(n);
                let at_callee = fib.stack.len().checked_sub(n + 1).ok_or_else(|| at.err("internal error: stack underflow"))?;
                let callee = fib.stack.remove(at_callee);
                self.call_value_op(fib, callee, n, cx, at)?;
                if fib.blocked && !self.resume_blocked(fib, cx)? {
                    return Ok(Flow::Pending);
                }
            }
            Op::CallBuiltin(b, n) => {
                let args = pop_n(fib, usize::from(n));
                let out = self.builtin(fib, b, args, cx, at)?;
                fib.stack.push(out);
                if fib.blocked && !self.resume_blocked(fib, cx)? {
                    return Ok(Flow::Pending);
                }
            }
            // `LoadWaker` is `Load(l)` then `CallMethod(site)`.
            Op::CallMethod(site) | Op::LoadWaker(_, site) => {
                if let Op::LoadWaker(l, _) = op {
                    load_local(fib, base + usize::from(l), at)?;
                }
                // `rx.iter().sum()` in a thread: it waits until every sender is gone;
                // `(0..n).map(|_| rx.recv().unwrap()).sum()`: a call may block.
                if fib.thread && matches!(op, Op::CallMethod(_)) && self.consumer_blocks(fib, site, cx, at)? {
                    return Ok(Flow::Pending);
                }
                if let Some(out) = self.call_method_op(fib, site, base, cx, at)? {
                    fib.stack.push(out);
                }
                if fib.blocked && !self.resume_blocked(fib, cx)? {
                    return Ok(Flow::Pending);
                }
            }
            Op::Return => {
                if let Some(v) = self.op_return(fib, stop, at)? {
                    return Ok(Flow::Ready(v));
                }
            }
            Op::IterNext(l, exit) | Op::IterNextStore(l, _, exit) => {
                let it = fib.stack.get(base + usize::from(l)).cloned().unwrap_or_default();
                if fib.thread && self.recv_iter_waits(fib, &it, cx, at) {
                    back(fib, 1);
                    return Ok(Flow::Pending);
                }
                match (self.iter_next(fib, &it, cx, at)?, op) {
                    (Some(v), Op::IterNextStore(_, x, _)) => {
                        let old = match fib.stack.get_mut(base + usize::from(x)) {
                            Some(slot) => std::mem::replace(slot, v),
                            None => return Err(at.err("internal error: no such variable")),
                        };
                        drop(old);
                    }
                    (Some(v), _) => fib.stack.push(v),
                    (None, _) => set_pc(fib, exit),
                }
            }
            // The two value ops the step form's programs run (`sleep(ms)` typed, an `async fn`
            // called): out of `value_op`, which an embed of a step-form scenario then never
            // enters (it ships in the language's module, tools/lazy-split), and out of this
            // frame, which each level of a call from a built-in into the program's code holds.
            Op::Coerce(_) | Op::CallAsync(..) => return self.step_value_op(fib, op, at),
            // The rest: ops that make, read or change values, out of line again, so that this
            // function's frame, which every call from a built-in into the program's code holds
            // on the wasm stack, is the calls' alone.
            _ => return self.value_op(fib, op, at, base, cx),
        }
        Ok(Flow::Next)
    }

    /// `Coerce` and `CallAsync`, for [`Interp::slow_op`].
    #[inline(never)]
    fn step_value_op(self: &Rc<Self>, fib: &mut Fiber, op: Op, at: At) -> R<Flow> {
        match op {
            Op::Coerce(t) => {
                if let Some(top) = fib.stack.last_mut() {
                    super::ops::coerce(top, t, at)?;
                }
            }
            Op::CallAsync(f, n) => {
                let args = pop_n(fib, usize::from(n));
                let fut = self.coroutine(f, args, None, at)?;
                fib.stack.push(fut);
            }
            _ => return Err(at.err("internal error: not a step form's value op")),
        }
        Ok(Flow::Next)
    }

    /// The ops of [`Interp::slow_op`] that make, read or change values (they call the program's
    /// code only through its own traits: an `Index`, an operator, a `Deref`). Out of line: a call
    /// from a built-in into the program's code (a closure given to `map`) runs a nested loop,
    /// and each level holds `run`'s and `slow_op`'s frames on the wasm stack, not this
    /// one's (the deepest program of the stack test went from 255 to 199 KiB).
    #[inline(never)]
    fn value_op(self: &Rc<Self>, fib: &mut Fiber, op: Op, at: At, base: usize, cx: &mut Context<'_>) -> R<Flow> {
        let code = &*self.code;
        match op {
            // Always run by the loop above.
            Op::Const(_) | Op::Unit | Op::Pop | Op::Jump(_) | Op::DropLocal(_) | Op::DropJump(..) | Op::ToVal => {}
            Op::AwaitYield(_) | Op::AwaitYieldPop(_) => {}
            Op::Load(l) => load_local(fib, base + usize::from(l), at)?,
            Op::Destructured(l) => {
                let moved = match fib.stack.get(base + usize::from(l)) {
                    Some(Value::Obj(o)) if !o.copy => match &*o.data.borrow() {
                        Data::Fields(f) | Data::Variant(_, f) => !f.iter().all(Value::is_copy),
                        _ => true,
                    },
                    _ => false,
                };
                if moved {
                    let v = fib.stack.get_mut(base + usize::from(l)).map(std::mem::take);
                    drop(v);
                }
            }
            Op::Move(l) => {
                let slot = fib.stack.get_mut(base + usize::from(l)).ok_or_else(|| at.err(MOVED))?;
                let v = match slot {
                    Value::Void => return Err(at.err(MOVED)),
                    Value::Place(p) => take_or_copy(&mut p.borrow_mut()),
                    v if v.is_copy() => v.copied(),
                    v => std::mem::take(v),
                };
                fib.stack.push(v);
            }
            Op::Store(l) => {
                let v = fib.stack.pop().unwrap_or_default();
                let old = match fib.stack.get_mut(base + usize::from(l)) {
                    Some(slot) => replace_slot(slot, v, at)?,
                    None => return Err(at.err("internal error: no such variable")),
                };
                drop(old);
            }
            Op::Box(l) => {
                if let Some(slot) = fib.stack.get_mut(base + usize::from(l)) {
                    if !matches!(slot, Value::Place(_)) {
                        let v = std::mem::take(slot);
                        *slot = Value::Place(Rc::new(RefCell::new(v)));
                    }
                }
            }
            Op::LoadBox(l) => {
                let v = match fib.stack.get(base + usize::from(l)) {
                    Some(Value::Place(p)) => p.borrow().clone(),
                    Some(Value::Void) | None => return Err(at.err(MOVED)),
                    Some(v) => v.clone(),
                };
                if matches!(v, Value::Void) {
                    return Err(at.err(MOVED));
                }
                fib.stack.push(v);
            }
            Op::MoveBox(l) => {
                let v = match fib.stack.get_mut(base + usize::from(l)) {
                    Some(Value::Place(p)) => take_or_copy(&mut p.borrow_mut()),
                    Some(v) if v.is_copy() => v.copied(),
                    Some(v) => std::mem::take(v),
                    None => Value::Void,
                };
                if matches!(v, Value::Void) {
                    return Err(at.err(MOVED));
                }
                fib.stack.push(v);
            }
            Op::StoreBox(l) => {
                let v = fib.stack.pop().unwrap_or_default();
                let old = match fib.stack.get_mut(base + usize::from(l)) {
                    Some(Value::Place(p)) => replace_slot(&mut p.borrow_mut(), v, at)?,
                    Some(slot) => replace_slot(slot, v, at)?,
                    None => return Err(at.err("internal error: no such variable")),
                };
                drop(old);
            }
            Op::RefLocal(l) => {
                let v = match fib.stack.get(base + usize::from(l)) {
                    Some(Value::Place(p)) => {
                        let inner = p.borrow();
                        if is_aggregate(&inner) {
                            inner.clone()
                        } else if matches!(*inner, Value::Void) {
                            return Err(at.err(MOVED));
                        } else {
                            Value::Ref(Rc::new(Ptr::Cell(p.clone())))
                        }
                    }
                    Some(Value::Void) | None => return Err(at.err(MOVED)),
                    Some(v) => v.clone(),
                };
                fib.stack.push(v);
            }
            Op::LoadField(l, name) => {
                let read = match fib.stack.get(base + usize::from(l)) {
                    Some(Value::Void) | None => return Err(at.err(MOVED)),
                    Some(Value::Place(p)) => self.field(&p.borrow(), FieldRef::Name(name), at),
                    Some(v) => self.field(v, FieldRef::Name(name), at),
                };
                let out = match read {
                    Ok(out) => out,
                    Err(e) => {
                        let v = fib.stack.get(base + usize::from(l)).cloned().unwrap_or_default();
                        self.field_by_deref(fib, v, FieldRef::Name(name), e, cx, at)?
                    }
                };
                fib.stack.push(out);
            }
            Op::Field(name) => {
                let v = pop(fib);
                let out = match self.field(&v, FieldRef::Name(name), at) {
                    Ok(out) => out,
                    Err(e) => self.field_by_deref(fib, v, FieldRef::Name(name), e, cx, at)?,
                };
                fib.stack.push(out);
            }
            Op::TupleField(i) => {
                let v = pop(fib);
                let out = match self.tuple_field(&v, i, at) {
                    Ok(out) => out,
                    Err(e) => self.field_by_deref(fib, v, FieldRef::Index(i), e, cx, at)?,
                };
                fib.stack.push(out);
            }
            Op::SetField(name) | Op::SetTupleField(name) => {
                let target = pop(fib);
                let value = pop(fib);
                let f = if matches!(op, Op::SetField(_)) { FieldRef::Name(name) } else { FieldRef::Index(name) };
                match self.set_field_back(&target, f, value, at) {
                    Ok(()) => {}
                    // No such field: the program's `DerefMut` target's (`w.count = 1`).
                    Err((e, Some(value))) if matches!(f, FieldRef::Name(_)) => {
                        let inner = self.field_target_by_deref(fib, target, f, e, false, cx, at)?;
                        self.set_field(&inner, f, value, at)?;
                    }
                    Err((e, _)) => return Err(e),
                }
            }
            Op::AssignOpField(b, name) | Op::AssignOpTupleField(b, name) => {
                let f = if matches!(op, Op::AssignOpField(..)) { FieldRef::Name(name) } else { FieldRef::Index(name) };
                let r = pop(fib);
                self.op_assign_field(fib, b, f, r, cx, at)?;
            }
            // `LocalConstAssignOpField` is `Load(l)` then `ConstAssignOpField`.
            Op::ConstAssignOpField(b, name, c) | Op::LocalConstAssignOpField(_, b, name, c) => {
                if let Op::LocalConstAssignOpField(l, ..) = op {
                    load_local(fib, base + usize::from(l), at)?;
                }
                let r = constant(code, c);
                self.op_assign_field(fib, b, FieldRef::Name(name), r, cx, at)?;
            }
            Op::RefField(name) | Op::RefTupleField(name) => {
                let target = pop(fib);
                let f = if matches!(op, Op::RefField(_)) { FieldRef::Name(name) } else { FieldRef::Index(name) };
                let out = match self.ref_field(&target, f, at) {
                    Err(e) if matches!(f, FieldRef::Name(_)) => {
                        let inner = self.field_target_by_deref(fib, target, f, e, true, cx, at)?;
                        self.ref_field(&inner, f, at)?
                    }
                    r => r?,
                };
                fib.stack.push(out);
            }
            Op::Index => {
                let i = pop(fib);
                let v = pop(fib);
                let v = self.index_deref(fib, v, false, cx, at)?;
                let out = match self.user_index(fib, &v, &i, false, cx, at)? {
                    // `g[i]` of the program's `impl Index`: `*g.index(i)`.
                    Some(r) => deref_all(&r).copied(),
                    None => self.index(&v, &i, at)?,
                };
                fib.stack.push(out);
            }
            Op::SetIndex => {
                let i = pop(fib);
                let target = pop(fib);
                let value = pop(fib);
                let target = self.index_deref(fib, target, true, cx, at)?;
                match self.user_index(fib, &target, &i, true, cx, at)? {
                    // `g[i] = v` of the program's `impl IndexMut`: `*g.index_mut(i) = v`.
                    Some(r) => self.store_through(&r, value, at)?,
                    None => self.set_index(&target, &i, value, at)?,
                }
            }
            Op::RefIndex => {
                let i = pop(fib);
                let v = pop(fib);
                let v = self.index_deref(fib, v, true, cx, at)?;
                let out = match self.user_index(fib, &v, &i, true, cx, at)? {
                    Some(r) => r,
                    None => self.ref_index(&v, &i, at)?,
                };
                fib.stack.push(out);
            }
            Op::RefSliceMut => {
                let i = pop(fib);
                let v = pop(fib);
                let out = self.ref_slice_mut(&v, &i, at)?;
                fib.stack.push(out);
            }
            Op::Deref => {
                let v = pop(fib);
                fib.stack.push(deref(&v, at)?);
            }
            Op::StoreDeref => {
                let target = pop(fib);
                let value = pop(fib);
                store_through(&target, value, at)?;
            }
            Op::StoreDerefLocal(l) => {
                let target = pop(fib);
                let value = pop(fib);
                if matches!(target, Value::Int(..) | Value::Float(..) | Value::Bool(_) | Value::Char(_)) {
                    let old = match fib.stack.get_mut(base + usize::from(l)) {
                        Some(Value::Place(p)) => replace_slot(&mut p.borrow_mut(), value, at)?,
                        Some(slot) => replace_slot(slot, value, at)?,
                        None => return Err(at.err("internal error: no such variable")),
                    };
                    drop(old);
                } else {
                    store_through(&target, value, at)?;
                }
            }
            Op::StoreDerefPlace => {
                let target = pop(fib);
                let value = pop(fib);
                let held = deref(&target, at)?;
                if matches!(held, Value::Int(..) | Value::Float(..) | Value::Bool(_) | Value::Char(_)) {
                    store_through(&target, value, at)?;
                } else {
                    store_through(&held, value, at)?;
                }
            }
            Op::RefTemp => {}
            Op::KeepTemp(l) => {
                if let Some(v) = fib.stack.last().filter(|v| v.drop_matters()).cloned() {
                    let old = fib.stack.get_mut(base + usize::from(l)).map(|slot| std::mem::replace(slot, v));
                    drop(old);
                }
            }
            // What the inner loop left: an overflow to report, or not two integers.
            Op::Binary(_) | Op::ConstBinary(..) => {
                let (b, r) = match op {
                    Op::ConstBinary(b, c) => (b, constant(code, c)),
                    Op::Binary(b) => (b, pop(fib)),
                    _ => return Ok(Flow::Next),
                };
                let l = pop(fib);
                let out = match super::ops::int_binary(b, &l, &r, at) {
                    Some(out) => out?,
                    None => self.binary(fib, b, l, r, cx, at)?,
                };
                fib.stack.push(out);
            }
            Op::BinaryAssign(b) => {
                let r = pop(fib);
                let l = pop(fib);
                let out = self.binary_assign(fib, b, l, r, cx, at)?;
                fib.stack.push(out);
            }
            Op::Cast(c) => {
                let v = pop(fib);
                // `Color::Red as u32` of an enum whose discriminants are written: its own.
                let v = match (&v, c) {
                    (Value::Obj(o), super::code::Cast::Int(_))
                        if !code.types.get(o.ty as usize).is_none_or(|t| t.discriminants.is_empty()) =>
                    {
                        match &*o.data.borrow() {
                            Data::Variant(i, f) if f.is_empty() => {
                                let d = code.types[o.ty as usize].discriminants.get(*i as usize).copied().unwrap_or(0);
                                Value::Int(d as u64, None)
                            }
                            _ => v.clone(),
                        }
                    }
                    _ => v,
                };
                fib.stack.push(super::ops::cast(&v, c, at)?);
            }
            Op::JumpIfFalse(t) => {
                let v = pop(fib);
                if !truth(&v, at)? {
                    set_pc(fib, t);
                }
            }
            Op::AndJump(t) => {
                let v = fib.stack.last().cloned().unwrap_or_default();
                if !truth(&v, at)? {
                    set_pc(fib, t);
                }
            }
            Op::OrJump(t) => {
                let v = fib.stack.last().cloned().unwrap_or_default();
                if truth(&v, at)? {
                    set_pc(fib, t);
                }
            }
            // Out of the loop's frame, which the deepest programs nest (the stack test).
            Op::MoveField(_) | Op::AssocOf(..) => self.op_item(fib, op, at)?,
            Op::MakeTuple(n) => {
                let items = pop_n(fib, usize::from(n));
                self.count_values(items.len(), at)?;
                fib.stack.push(Value::tuple(items));
            }
            Op::MakeArray(n) => {
                let mut items = pop_n(fib, usize::from(n));
                unify_ints(&mut items, at)?;
                self.count_values(items.len(), at)?;
                let copy = items.iter().all(Value::is_copy);
                fib.stack.push(Value::Obj(Obj::new(ty::ARRAY, copy, Data::Fields(items))));
            }
            Op::MakeVec(n) => {
                let mut items = pop_n(fib, usize::from(n));
                unify_ints(&mut items, at)?;
                self.count_values(items.len(), at)?;
                fib.stack.push(Value::vec(items));
            }
            Op::MakeStruct(t, n) => {
                let fields = pop_n(fib, usize::from(n));
                let v = self.make_obj(t, None, fields, at)?;
                fib.stack.push(v);
            }
            Op::MakeVariant(ty::POLL, 1, 0) => {
                let v = self.make_pending(at)?;
                fib.stack.push(v);
            }
            Op::MakeVariant(t, var, n) => {
                let fields = pop_n(fib, usize::from(n));
                let v = self.make_obj(t, Some(u32::from(var)), fields, at)?;
                fib.stack.push(v);
            }
            Op::MakeRange(flags) => {
                let hi = if flags & 2 != 0 { Some(pop(fib)) } else { None };
                let lo = if flags & 1 != 0 { Some(pop(fib)) } else { None };
                fib.stack.push(super::ops::range(lo, hi, flags & 4 != 0, at)?);
            }
            Op::IntoIter => {
                let v = pop(fib);
                let v = self.own_into_iter(fib, v, cx, at)?;
                let it = self.iter_of(v, at)?;
                fib.stack.push(it);
            }
            Op::Fail(c) => {
                let msg = code.consts.get(c as usize).and_then(Value::as_text).unwrap_or_default();
                return Err(at.err(msg));
            }
            _ => {}
        }
        Ok(Flow::Next)
    }

    #[inline(never)]
    fn op_unary(self: &Rc<Self>, fib: &mut Fiber, op: Op, cx: &mut Context<'_>, at: At) -> R<Flow> {
        let code = &self.code;
        let v = pop(fib);
        let name = if op == Op::Neg { "neg" } else { "not" };
        if let Some((f, _)) = code.name_id(name).and_then(|n| self.user_method(&v, n)) {
            let recv = deref_all(&v);
            let out = self.call_fn(fib, f, vec![recv], None, cx, at)?;
            fib.stack.push(out);
        } else if op == Op::Neg {
            fib.stack.push(super::ops::neg(&v, at)?);
        } else {
            fib.stack.push(super::ops::not(&v, at)?);
        }
        Ok(Flow::Next)
    }

    #[inline(never)]
    fn op_convert(self: &Rc<Self>, fib: &mut Fiber, c: super::code::Convert, cx: &mut Context<'_>, at: At) -> R<Flow> {
        let v = pop(fib);
        let out = match c {
            super::code::Convert::From(t) => self.convert_from(fib, t, v, cx, at)?,
            super::code::Convert::TryFrom(t) => self.convert_try_from(fib, t, v, cx, at)?,
            super::code::Convert::OwnInto(t) => match (deref_all(&v), self.code.types.get(t as usize)) {
                (d @ Value::Obj(_), Some(info)) => match super::code::pick(&info.froms, &d) {
                    Some(f) => self.call_fn(fib, f, vec![v], None, cx, at)?,
                    None => v,
                },
                _ => v,
            },
            super::code::Convert::DerefMutOwn => match self.own_deref_as(fib, &v, "deref_mut", cx, at)? {
                Some(r) => r,
                None => v,
            },
            super::code::Convert::DerefOwn => match self.own_deref(fib, &v, cx, at)? {
                Some(r) => deref(&r, at)?,
                None => v,
            },
            super::code::Convert::DerefTo(target) => {
                let mut cur = v;
                for _ in 0..8 {
                    let d = deref_all(&cur);
                    if matches!(&d, Value::Obj(o) if Some(o.ty) == target) {
                        break;
                    }
                    match self.own_deref(fib, &d, cx, at)? {
                        Some(r) => cur = r,
                        None => break,
                    }
                }
                cur
            }
            super::code::Convert::ErrFrom(t) => match v.variant_of(ty::RESULT) {
                Some((1, mut f)) => {
                    let e = f.pop().unwrap_or(Value::Unit);
                    Value::result(false, self.convert_from(fib, t, e, cx, at)?)
                }
                _ => v,
            },
            super::code::Convert::String => super::methods::collect_as(v, "String", at)?,
            super::code::Convert::Deque => super::methods::collect_as(v, "VecDeque", at)?,
            super::code::Convert::IntoVec => super::methods::into_vec(v, at)?,
            super::code::Convert::IntoSome => Value::some(v),
            super::code::Convert::Collection(t) => super::methods::into_collection(self, fib, v, t, cx, at)?,
            super::code::Convert::Items(t) => {
                type_items(&v, t, at)?;
                v
            }
            super::code::Convert::Tuple(site) => {
                if let (Value::Obj(o), Some(ints)) = (&v, self.code.tuple_ints.get(site as usize)) {
                    if o.ty == ty::TUPLE {
                        if let Data::Fields(items) = &mut *o.data.borrow_mut() {
                            for (x, t) in items.iter_mut().zip(ints) {
                                if let Some(t) = t {
                                    coerce(x, *t, at)?;
                                }
                            }
                        }
                    }
                }
                v
            }
            super::code::Convert::Float(t) => {
                let mut v = v;
                super::float::coerce_float(&mut v, t, at)?;
                v
            }
            super::code::Convert::RawField(f) | super::code::Convert::RawTupleField(f) => {
                let t = deref_all(&v);
                let Value::Obj(o) = &t else { return Err(at.err(format!("{} has no fields", t.type_name()))) };
                let by_name = matches!(c, super::code::Convert::RawField(_));
                let i = self.field_index(o, if by_name { FieldRef::Name(f) } else { FieldRef::Index(f) }, at)?;
                Value::Native(Rc::new(Native::RawPlace(Value::Ref(Rc::new(Ptr::Field(o.clone(), i as u32))))))
            }
            super::code::Convert::RawPtr => Value::Native(Rc::new(Native::RawPlace(v))),
            super::code::Convert::RawIndex => {
                let i = super::ops::as_usize(&v, at)?;
                let base = deref_all(&pop(fib));
                let len = match &base {
                    Value::Obj(o) => match &*o.data.borrow() {
                        Data::Vec(items) | Data::Fields(items) => Some(items.len()),
                        Data::Deque(items) => Some(items.len()),
                        _ => None,
                    },
                    _ => None,
                };
                match (base, len) {
                    (Value::Obj(o), Some(n)) if i < n => Value::Native(Rc::new(Native::RawPlace(Value::Ref(Rc::new(Ptr::Index(o, i)))))),
                    (_, Some(n)) => return Err(at.panic(format!("index out of bounds: the len is {n} but the index is {i}"))),
                    (other, None) => return Err(at.err(format!("cannot index into {}", other.type_name()))),
                }
            }
            super::code::Convert::RawDeref => match deref_all(&v) {
                Value::Native(n) => match &*n {
                    Native::RawPlace(r) => r.clone(),
                    Native::RawPtr(_) | Native::RawAddr(_) => deref(&Value::Native(n.clone()), at)?,
                    _ => v,
                },
                _ => v,
            },
            super::code::Convert::MapDefault(site) => {
                if let Value::Obj(o) = &v {
                    if ty::is_map(o.ty) {
                        o.data.value_default.set(site + 1);
                    }
                }
                v
            }
            super::code::Convert::TryInt(t) => {
                // `u8::try_from('é')`: a `char`'s scalar value, as std's `TryFrom<char>` reads it.
                let from_char = matches!(deref_all(&v), Value::Char(_));
                let v = match deref_all(&v) {
                    Value::Char(c) => Value::Int(u64::from(u32::from(c)), Some(super::lexer::IntTy::U32)),
                    _ => v,
                };
                let (n, _) = super::ops::as_int(&v, at, "try_from")?;
                let (lo, hi) = t.range();
                if n < lo || n > hi {
                    Value::result(false, if from_char { IntError::CharTryFrom } else { IntError::TryFrom }.value())
                } else {
                    Value::result(true, int(n, Some(t)))
                }
            }
            super::code::Convert::Inner(t) => {
                if let Value::Obj(o) = &v {
                    if let Data::Variant(k, f) = &mut *o.data.borrow_mut() {
                        let ok = (o.ty == ty::RESULT && *k == 0) || (o.ty == ty::OPTION && *k == 1);
                        // `s.parse::<T>()` of a number out of `T`'s range is an `Err`, as in Rust.
                        let outside = match f.first() {
                            // `"true".parse::<u8>()`: not a number.
                            Some(Value::Bool(_)) if o.ty == ty::RESULT && *k == 0 => Some(IntError::InvalidDigit),
                            Some(Value::Int(bits, None)) if o.ty == ty::RESULT && *k == 0 => {
                                let (n, (lo, hi)) = (int_of(*bits, None), t.range());
                                // An unsigned type reads `-` as a digit, an invalid one.
                                let below = if t.signed() { IntError::NegOverflow } else { IntError::InvalidDigit };
                                (n < lo).then_some(below).or((n > hi).then_some(IntError::PosOverflow))
                            }
                            _ => None,
                        };
                        if let Some(e) = outside {
                            *k = 1;
                            *f = vec![e.value()];
                        } else if ok {
                            if let Some(x) = f.first_mut() {
                                super::ops::coerce(x, t, at)?;
                            }
                        }
                    }
                }
                v
            }
        };
        fib.stack.push(out);
        Ok(Flow::Next)
    }

    /// `T::from(v)`: the `From` impl of `T` whose source type `v` has (a `T` is itself).
    #[inline(never)]
    fn convert_from(self: &Rc<Self>, fib: &mut Fiber, t: TyId, v: Value, cx: &mut Context<'_>, at: At) -> R<Value> {
        let d = deref_all(&v);
        if matches!(&d, Value::Obj(o) if o.ty == t) {
            return Ok(v);
        }
        let info = &self.code.types[t as usize];
        // (One impl: it is the one, whatever its source type's reading.)
        let one = if let [(_, f)] = info.froms.as_slice() { Some(*f) } else { None };
        match super::code::pick(&info.froms, &d).or(one) {
            Some(f) => self.call_fn(fib, f, vec![v], None, cx, at),
            None => Err(at.err(format!("the trait `From<{}>` is not implemented for `{}`", d.type_name().trim_matches('`'), info.name))),
        }
    }

    /// `T::try_from(v)` of a type with several `TryFrom` impls: the one for `v`'s type.
    #[inline(never)]
    fn convert_try_from(self: &Rc<Self>, fib: &mut Fiber, t: TyId, v: Value, cx: &mut Context<'_>, at: At) -> R<Value> {
        let d = deref_all(&v);
        let info = &self.code.types[t as usize];
        match super::code::pick(&info.try_froms, &d) {
            Some(f) => self.call_fn(fib, f, vec![v], None, cx, at),
            None => Err(at.err(format!("the trait `TryFrom<{}>` is not implemented for `{}`", d.type_name().trim_matches('`'), info.name))),
        }
    }

    #[inline(never)]
    fn op_repeat(self: &Rc<Self>, fib: &mut Fiber, op: Op, cx: &mut Context<'_>, at: At) -> R<Flow> {
        let n = pop(fib);
        let v = pop(fib);
        let n = super::ops::as_usize(&n, at)?;
        if n > MAX_LEN {
            return Err(at.err(format!("{n} elements is more than the playground holds ({MAX_LEN})")));
        }
        self.count_values(n, at)?;
        let copy = v.is_copy();
        let mut items = Vec::with_capacity(n);
        // `vec![v; n]` clones `v` n - 1 times and moves it into the last place (none for 0, where
        // it is dropped), as `vec::from_elem` does: a `Clone` impl that prints shows it.
        let clones = if op == Op::VecRepeat { n.saturating_sub(1) } else { n };
        for _ in 0..clones {
            items.push(self.clone_value(fib, &v, cx, at)?);
        }
        if op == Op::VecRepeat && n > 0 {
            items.push(v);
        } else {
            drop(v);
        }
        let out = if op == Op::Repeat { Value::Obj(Obj::new(ty::ARRAY, copy, Data::Fields(items))) } else { Value::vec(items) };
        fib.stack.push(out);
        Ok(Flow::Next)
    }

    #[inline(never)]
    fn op_struct_update(&self, fib: &mut Fiber, site: u32, at: At) -> R<Flow> {
        let code = &self.code;
        let (t, idx) = &code.updates[site as usize];
        let values = pop_n(fib, idx.len());
        let base_v = pop(fib);
        let Value::Obj(o) = &base_v else { return Err(at.err(format!("`..` needs a struct, not {}", base_v.type_name()))) };
        if o.ty != *t {
            return Err(at.err("`..base` must be of the struct's own type"));
        }
        // The fields not written come from the base: a `Copy` one copied, any other moved out
        // of it (the base is left partly moved, and what it still holds is dropped with it,
        // as in Rust; the fields written are not taken from it at all).
        let mut fields: Vec<Value> = {
            let mut d = o.data.borrow_mut();
            let Data::Fields(f) = &mut *d else { return Err(at.err("`..base` must be a struct")) };
            f.iter_mut()
                .enumerate()
                .map(|(i, slot)| match slot {
                    _ if idx.contains(&(i as u32)) => Value::Void,
                    Value::Void => Value::Void,
                    v if v.is_copy() => v.copied(),
                    v => std::mem::take(v),
                })
                .collect()
        };
        if fields.iter().enumerate().any(|(i, v)| matches!(v, Value::Void) && !idx.contains(&(i as u32))) {
            return Err(at.err(MOVED));
        }
        for (i, v) in idx.iter().zip(values) {
            if let Some(slot) = fields.get_mut(*i as usize) {
                *slot = v;
            }
        }
        let v = self.make_obj(*t, None, fields, at)?;
        drop(base_v);
        fib.stack.push(v);
        Ok(Flow::Next)
    }

    #[inline(never)]
    fn op_make_closure(self: &Rc<Self>, fib: &mut Fiber, site: u32, is_async: bool, base: usize, at: At) -> R<Flow> {
        let code = &self.code;
        let s = &code.closures[site as usize];
        let mut env = Vec::with_capacity(s.captures.len());
        for &(l, moved) in &s.captures {
            let slot = fib.stack.get_mut(base + usize::from(l)).ok_or_else(|| at.err(MOVED))?;
            let cell = match slot {
                Value::Place(p) if !moved => p.clone(),
                Value::Place(p) => {
                    let v = take_or_copy(&mut p.borrow_mut());
                    Rc::new(RefCell::new(v))
                }
                v => {
                    let v = if v.is_copy() || !moved { v.copied() } else { std::mem::take(v) };
                    Rc::new(RefCell::new(v))
                }
            };
            env.push(cell);
        }
        // Rust's `Copy` for closures: what it borrows is a `&T`, what it owns must be `Copy`.
        let copy = !s.is_move || s.captures.iter().zip(&env).all(|(&(_, moved), c)| !moved || c.borrow().is_copy());
        let closure = Rc::new(Closure { func: s.func, env: env.into_boxed_slice(), copy, owns: s.is_move });
        if is_async {
            let fut = self.coroutine(s.func, Vec::new(), Some(&closure.env), at)?;
            fib.stack.push(fut);
        } else {
            fib.stack.push(Value::Closure(closure));
        }
        Ok(Flow::Next)
    }

    #[inline(never)]
    fn op_match_pat(&self, fib: &mut Fiber, site: u32, fail: u32, base: usize, at: At) -> R<Flow> {
        let code = &self.code;
        let v = pop(fib);
        let p = &code.pats[site as usize];
        let by_ref = p.by_ref || matches!(v, Value::Ref(_));
        let mut binds = Vec::new();
        if super::pattern::matches(&p.pat, &v, by_ref, &mut binds, at)? {
            for (l, boxed, val) in binds {
                let slot = fib.stack.get_mut(base + usize::from(l)).ok_or_else(|| at.err("internal error: no such variable"))?;
                let new = if boxed { Value::Place(Rc::new(RefCell::new(val))) } else { val };
                let old = std::mem::replace(slot, new);
                drop(old);
            }
        } else {
            set_pc(fib, fail);
        }
        Ok(Flow::Next)
    }

    #[inline(never)]
    fn op_await(self: &Rc<Self>, fib: &mut Fiber, site: u32, cx: &mut Context<'_>, at: At) -> R<Flow> {
        // A user `impl Future`: its `poll` runs as a call in this fiber, and
        // `AwaitPolled` reads what it returned.
        if let Some(poll) = fib.stack.last().and_then(|v| self.user_poll(v)) {
            self.check_await_depth(at)?;
            let v = fib.stack.last().cloned().unwrap_or_default();
            fib.stack.extend([v, Value::Ctx(None)]);
            self.push_call(fib, poll, 2, None, Ret::Push, at)?;
            return Ok(Flow::Next);
        }
        let what = self.code.awaits.get(site as usize).copied().unwrap_or("await");
        let v = fib.stack.last().cloned().unwrap_or_default();
        if self.await_stack.borrow().len() >= MAX_AWAIT_DEPTH {
            return Err(at.err(format!("awaits nest more than {MAX_AWAIT_DEPTH} deep here: does an async fn await itself?")));
        }
        let depth = self.push_chain(fib, at.span, what);
        let r = self.poll_value(fib, &v, cx, at);
        self.await_stack.borrow_mut().truncate(depth);
        match r? {
            Poll::Ready(out) => {
                let fut = pop(fib);
                fib.stack.push(out);
                drop(fut);
                // Past `AwaitPolled`.
                if let Some(f) = fib.frames.last_mut() {
                    f.pc += 1;
                }
            }
            Poll::Pending => {
                back(fib, 1);
                return Ok(Flow::Pending);
            }
        }
        Ok(Flow::Next)
    }

    /// `return`'s work before it hands its value on: the function's locals go, latest first (as
    /// Rust drops them), then its frame, and its value is given (`Some`). When the locals set
    /// off a `Drop` impl, the frame stays, holding only the value, with its `pc` back on the
    /// `return` (`None`): the drops run as calls above it (so a thread's `drop` may block),
    /// then the `return` runs again and finds nothing more to drop.
    #[inline(always)]
    fn leave_frame(&self, fib: &mut Fiber, at: At) -> R<Option<Value>> {
        let Some(base) = fib.frames.last().map(|f| f.base as usize) else { return Err(at.err("internal error: return without a frame")) };
        let v = pop(fib);
        while fib.stack.len() > base {
            let x = fib.stack.pop();
            drop(x);
        }
        if self.drops.pending.get() && self.drops.due_from(self.drop_floor.get()) {
            fib.stack.push(v);
            back(fib, 1);
            return Ok(None);
        }
        fib.frames.pop();
        Ok(Some(v))
    }

    /// The general path's `return`: the value when the run ends with it (the frames are down
    /// to `stop`); else it is handed to the caller (a `drop`'s is thrown away, and the next due
    /// drop runs), or its locals set off a `Drop`, which runs first (the `return` again after).
    #[inline(never)]
    fn op_return(&self, fib: &mut Fiber, stop: usize, at: At) -> R<Option<Value>> {
        let ret = fib.frames.last().map(|f| f.ret);
        let Some(v) = self.leave_frame(fib, at)? else { return Ok(None) };
        if fib.frames.len() <= stop {
            return Ok(Some(v));
        }
        if ret == Some(Ret::Drop) {
            drop(v);
            self.next_drop(fib, at)?;
        } else if ret == Some(Ret::Resume) {
            self.deliver(fib, v, at)?;
        } else {
            fib.stack.push(v);
        }
        Ok(None)
    }

    /// Takes the drops due (what was let go of since the `drop` running now began, or all) into
    /// the fiber, and pushes the frame of the first. A `drop` runs as a call of the fiber that
    /// let its value go, so it may block where that fiber may (a thread pool's `Drop` joining
    /// its workers), and what it lets go of runs before the drops that waited.
    #[inline(never)]
    fn drops_due(&self, fib: &mut Fiber, at: At) -> R<()> {
        if self.over.get() {
            self.drops.clear();
            return Ok(());
        }
        let floor = self.drop_floor.get();
        let depth = fib.frames.len() as u32;
        let start = fib.deferred.len();
        while let Some((_, item)) = self.drops.pop_from(floor) {
            fib.deferred.push((depth, item));
        }
        fib.deferred[start..].reverse();
        self.next_drop(fib, at)
    }

    /// Pushes the frame of the next drop due at this frame count, if one is.
    #[inline(never)]
    fn next_drop(&self, fib: &mut Fiber, at: At) -> R<()> {
        let depth = fib.frames.len() as u32;
        while fib.deferred.last().is_some_and(|(d, _)| *d == depth) {
            let Some((_, item)) = fib.deferred.pop() else { break };
            let (f, arg) = match item {
                Dropped::Obj(obj) => {
                    let Some(f) = self.code.types.get(obj.ty as usize).and_then(|t| t.drop) else { continue };
                    (f, Value::Obj(obj))
                }
                Dropped::Call(f, arg) => (f, arg),
            };
            fib.stack.push(arg);
            return self.push_call(fib, f, 1, None, Ret::Drop, at);
        }
        Ok(())
    }

    /// Pops the top frame and lets its values go, latest first; a `Drop` impl they set off runs.
    #[inline(always)]
    fn drop_frame(self: &Rc<Self>, fib: &mut Fiber, cx: &mut Context<'_>, at: At) -> R<()> {
        let Some(frame) = fib.frames.pop() else { return Err(at.err("internal error: return without a frame")) };
        while fib.stack.len() > frame.base as usize {
            let x = fib.stack.pop();
            drop(x);
        }
        if self.drops.pending.get() {
            self.run_drops(fib, cx, at)?;
        }
        Ok(())
    }

    #[inline(never)]
    fn op_await_polled(self: &Rc<Self>, fib: &mut Fiber, site: u32, cx: &mut Context<'_>, at: At) -> R<Flow> {
        let code = &self.code;
        let what = code.awaits.get(site as usize).copied().unwrap_or("await");
        let poll = pop(fib);
        // Which variant, without a copy of what `Ready` holds (`Pending`, the usual one, holds
        // nothing).
        let variant = match &poll {
            Value::Obj(o) if o.ty == ty::POLL => match o.data.try_borrow().as_deref() {
                Ok(Data::Variant(v, _)) => Some(*v),
                _ => None,
            },
            _ => None,
        };
        match variant {
            Some(0) => {
                let out = poll.variant_last(ty::POLL).and_then(|(_, out)| out).unwrap_or(Value::Unit);
                let fut = pop(fib);
                fib.stack.push(out);
                drop(fut);
            }
            Some(_) => {
                // Pending, holding only another task's waker: nothing will wake
                // this task for it (the chapter's stale waker, typed). A thread's
                // blocking poll (`block_on`) makes its waker afresh: tasks only.
                // Its only effect is the trace's note: not looked for when nothing records.
                if self.spawner.recording()
                    && self.current_task().is_some()
                    && fib.stack.last().is_some_and(|fut| super::sync::holds_stale_waker(fut, cx.waker()))
                {
                    self.source(crate::core::SourceKind::Stale, at.span);
                }
                self.park_chain(fib, at.span, what);
                back(fib, 2);
                self.keep_spare_pending(poll);
                return Ok(Flow::Pending);
            }
            None => return Err(at.err(format!("`poll` must return a `Poll`, not {}", poll.type_name()))),
        }
        Ok(Flow::Next)
    }

    /// `join!` or `select!`: polls its futures with its span on the await stack; `Pending`
    /// leaves the fiber on the op, to poll them again.
    #[inline(never)]
    fn op_combinator(
        self: &Rc<Self>,
        fib: &mut Fiber,
        what: &'static str,
        at: At,
        cx: &mut Context<'_>,
        poll: impl FnOnce(&Rc<Self>, &mut Fiber, &mut Context<'_>) -> R<bool>,
    ) -> R<Flow> {
        let depth = self.push_chain(fib, at.span, what);
        let r = poll(self, fib, cx);
        self.await_stack.borrow_mut().truncate(depth);
        if !r? {
            back(fib, 1);
            // A branch that finished was dropped (futures' `join!` drops each as it completes):
            // its `Drop` runs now, not at the task's next poll.
            if self.drops.pending.get() {
                self.run_drops(fib, cx, at)?;
            }
            return Ok(Flow::Pending);
        }
        Ok(Flow::Next)
    }

    #[inline(never)]
    fn op_try(&self, fib: &mut Fiber, stop: usize, wrap: u8, at: At) -> R<Flow> {
        let v = pop(fib);
        let d = deref_all(&v);
        // `poll_result?` of a `Poll<Result<T, E>>`: `Ready(Ok(t))` is `Ready(t)`, `Pending` stays
        // `Pending`, and `Ready(Err(e))` returns `Err(e)` as `?` does.
        let v = match d.variant_of(ty::POLL) {
            Some((0, mut f)) => match f.pop().map(|r| r.variant_of(ty::RESULT).map(|(i, mut x)| (i, x.pop().unwrap_or_default()))) {
                Some(Some((0, t))) => {
                    fib.stack.push(Value::ready(t));
                    return Ok(Flow::Next);
                }
                Some(Some((_, e))) => Value::result(false, e),
                _ => return Err(at.err("the `?` operator applies to a `Poll` only when it holds a `Result`")),
            },
            Some(_) => {
                fib.stack.push(v);
                return Ok(Flow::Next);
            }
            None => v,
        };
        let d = deref_all(&v);
        if d.variant_of(ty::RESULT).is_none() && d.variant_of(ty::OPTION).is_none() {
            return Err(at.err(format!("the `?` operator can only be applied to a `Result` or an `Option`, not {}", d.type_name())));
        }
        match super::ops::try_value(&v) {
            Ok(inner) => fib.stack.push(inner),
            Err(early) => {
                let early = match wrap {
                    1 => Value::ready(early),
                    2 => Value::ready(Value::option(Some(early))),
                    _ => early,
                };
                // Return `early` from this function.
                let Some(frame) = fib.frames.pop() else { return Err(at.err("internal error")) };
                while fib.stack.len() > frame.base as usize {
                    let x = fib.stack.pop();
                    drop(x);
                }
                if fib.frames.len() <= stop {
                    return Ok(Flow::Ready(early));
                }
                if frame.ret == Ret::Resume {
                    self.deliver(fib, early, at)?;
                } else {
                    fib.stack.push(early);
                }
            }
        }
        Ok(Flow::Next)
    }

    #[inline(never)]
    fn op_format(self: &Rc<Self>, fib: &mut Fiber, site: u32, cx: &mut Context<'_>, at: At) -> R<Flow> {
        let code = &self.code;
        let f = &code.fmts[site as usize];
        let args = pop_n(fib, usize::from(f.argc));
        let dest = if f.has_dest { Some(pop(fib)) } else { None };
        let text = self.format(fib, f, &args, cx, at)?;
        let empty = text.is_empty();
        let out = self.after_format(f.kind, dest, text, at).map_err(|mut e| {
            // `panic!("literal")`'s payload is a `&'static str`; a formatted one's, a `String`
            // (so is `unreachable!`'s, `todo!`'s and `unimplemented!`'s with a message).
            e.static_str = Some(match f.kind {
                FmtKind::Panic => f.argc == 0,
                _ => empty,
            });
            e
        })?;
        fib.stack.push(out);
        Ok(Flow::Next)
    }

    #[inline(never)]
    fn op_panic(self: &Rc<Self>, fib: &mut Fiber, cx: &mut Context<'_>, at: At) -> R<Flow> {
        let msg = pop(fib);
        Err(at.panic(self.display(fib, &msg, cx, at)?))
    }

    /// The spans of the `.await`s this fiber is inside (calls of `async fn`s awaited in place),
    /// outermost first.
    fn awaited_in<'a>(&'a self, fib: &'a Fiber) -> impl Iterator<Item = (Span, &'static str)> + 'a {
        fib.frames.windows(2).filter(|w| w[1].ret == Ret::Awaited).map(|w| {
            let caller = &w[0];
            let at = self.code.funcs.get(caller.func as usize).and_then(|f| f.spans.get((caller.pc as usize).saturating_sub(1)));
            (at.copied().unwrap_or_default(), "await")
        })
    }

    /// Notes that the task parked at `span`: what [`Interp::push_chain`], then
    /// [`Interp::park_here`], then truncating the stack back would note, without growing it.
    fn park_chain(&self, fib: &Fiber, span: Span, what: &'static str) {
        let Ok(stack) = self.await_stack.try_borrow() else { return };
        // The common case, a task's own `.await` at its top level with nothing noted yet: the
        // one entry, without the search below (no frame is awaited, so the fiber adds none).
        if stack.is_empty() && fib.frames.len() < 2 && self.parked_now.first((span, what)) {
            return;
        }
        for &a in stack.iter() {
            self.parked_now.note(a);
        }
        for a in self.awaited_in(fib) {
            self.parked_now.note(a);
        }
        self.parked_now.note((span, what));
    }

    /// Pushes on the await stack the spans of the `.await`s this fiber is inside, then `span`
    /// itself; returns the depth to truncate it back to.
    fn push_chain(&self, fib: &Fiber, span: Span, what: &'static str) -> usize {
        let mut stack = self.await_stack.borrow_mut();
        let depth = stack.len();
        stack.extend(self.awaited_in(fib));
        stack.push((span, what));
        depth
    }

    // ----- Calls -----

    /// Pushes a frame for `f`, whose `n` arguments are on top of the stack.
    pub fn push_call(&self, fib: &mut Fiber, f: u32, n: usize, env: Option<&[Slot]>, ret: Ret, at: At) -> R<()> {
        let Some(func) = self.code.funcs.get(f as usize) else { return Err(at.err("internal error: no such function")) };
        if fib.frames.len() >= MAX_FRAMES {
            return Err(
                at.panic(format!("stack overflow: calls nest more than {MAX_FRAMES} deep (a function that calls itself without end?)"))
            );
        }
        if n != usize::from(func.params) {
            return Err(at.err(format!("`{}` takes {} argument(s), not {n}", func.name, func.params)));
        }
        let base = fib.stack.len().checked_sub(n).ok_or_else(|| at.err("internal error: stack underflow"))?;
        for (i, t) in func.param_ints.iter().enumerate() {
            if let (Some(t), Some(v)) = (t, fib.stack.get_mut(base + i)) {
                super::ops::coerce(v, *t, at)?;
            }
        }
        for (i, t) in func.param_floats.iter().enumerate() {
            if let (Some(t), Some(v)) = (t, fib.stack.get_mut(base + i)) {
                super::float::coerce_float(v, *t, at)?;
            }
        }
        if let Some(env) = env {
            for s in env {
                fib.stack.push(Value::Place(s.clone()));
            }
        }
        let want = base + usize::from(func.locals.max(func.params + func.captures));
        if want > fib.stack.len() {
            fib.stack.resize(want, Value::Void);
        }
        fib.frames.push(Frame { func: f, pc: 0, base: base as u32, locals: func.locals.max(func.params + func.captures), ret });
        Ok(())
    }

    /// A future for a call of the `async fn` (or `async` block) `f`.
    pub fn coroutine(self: &Rc<Self>, f: u32, args: Vec<Value>, env: Option<&[Slot]>, at: At) -> R<Value> {
        let mut fib = Fiber::default();
        let n = args.len();
        fib.stack.extend(args);
        self.push_call(&mut fib, f, n, env, Ret::Native, at)?;
        let name = self.code.funcs[f as usize].name.clone();
        let what: Rc<str> = if name.ends_with("::async block") { static_name("async block") } else { name };
        Ok(self.future(what, at.span, FutState::Coro(Box::new(fib)), None))
    }

    #[inline(never)]
    fn call_value_op(self: &Rc<Self>, fib: &mut Fiber, callee: Value, n: usize, cx: &mut Context<'_>, at: At) -> R<()> {
        match callee {
            Value::Fn(f) => {
                if self.code.funcs[f as usize].is_async {
                    let args = pop_n(fib, n);
                    let fut = self.coroutine(f, args, None, at)?;
                    fib.stack.push(fut);
                    return Ok(());
                }
                self.push_call(fib, f, n, None, Ret::Push, at)
            }
            Value::Closure(c) => self.push_call(fib, c.func, n, Some(&c.env), Ret::Push, at),
            Value::Builtin(b) => {
                let Some(b) = B::from_id(b) else { return Err(at.err("internal error: no such built-in")) };
                let args = pop_n(fib, n);
                let out = self.builtin(fib, b, args, cx, at)?;
                fib.stack.push(out);
                Ok(())
            }
            Value::Ref(_) | Value::Native(_) => match deref_all(&callee) {
                // What a reference does not lead through (a native value, such as an iterator) is
                // no function: calling it again would recurse without end.
                f @ (Value::Ref(_) | Value::Native(_)) => Err(at.err(format!("{} is not a function: it cannot be called", f.type_name()))),
                f => self.call_value_op(fib, f, n, cx, at),
            },
            other => Err(at.err(format!("{} is not a function: it cannot be called", other.type_name()))),
        }
    }

    /// Calls a function value from native code, to its end.
    fn call_impl(self: &Rc<Self>, fib: &mut Fiber, callee: &Value, args: Vec<Value>, cx: &mut Context<'_>, at: At) -> R<Value> {
        match callee {
            Value::Fn(f) => self.call_fn(fib, *f, args, None, cx, at),
            Value::Closure(c) => self.call_fn(fib, c.func, args, Some(&c.env), cx, at),
            Value::Builtin(b) => {
                let Some(b) = B::from_id(*b) else { return Err(at.err("internal error: no such built-in")) };
                self.builtin(fib, b, args, cx, at)
            }
            Value::Ref(_) | Value::Native(_) => {
                let f = deref_all(callee);
                if matches!(f, Value::Ref(_) | Value::Native(_)) {
                    return Err(at.err(format!("{} is not a function", f.type_name())));
                }
                self.call(fib, &f, args, cx, at)
            }
            other => Err(at.err(format!("{} is not a function: it cannot be called", other.type_name()))),
        }
    }

    /// Runs the program's function `f` with `args`, to its end, in a nested loop.
    fn call_fn_impl(
        self: &Rc<Self>,
        fib: &mut Fiber,
        f: u32,
        args: Vec<Value>,
        env: Option<&[Slot]>,
        cx: &mut Context<'_>,
        at: At,
    ) -> R<Value> {
        let (stop, depth) = match self.nested_frame(fib, f, args, env, at)? {
            Ok(frame) => frame,
            Err(fut) => return Ok(fut),
        };
        self.nest.set(depth + 1);
        let r = self.run(fib, stop, cx);
        self.nest.set(depth);
        match r {
            Ok(Poll::Ready(v)) => Ok(v),
            Err(e) => Err(e),
            Ok(Poll::Pending) => {
                // Only an `await` returns Pending, and only `async` code awaits.
                fib.frames.truncate(stop);
                Err(at.err("internal error: a function that cannot await was pending"))
            }
        }
    }

    /// [`Interp::call_fn`] of a function that may block: as the thread's own code (which may
    /// block, or whose turn may end, inside it). `None`: it did; its frame stays on top of the
    /// fiber, and its value goes to the fiber's [`Drain`] of that frame
    /// ([`Interp::consumer_blocks`]).
    #[inline(never)]
    fn call_resumable(
        self: &Rc<Self>,
        fib: &mut Fiber,
        f: u32,
        args: Vec<Value>,
        env: Option<&[Slot]>,
        cx: &mut Context<'_>,
        at: At,
    ) -> R<Option<Value>> {
        let (stop, depth) = match self.nested_frame(fib, f, args, env, at)? {
            Ok(frame) => frame,
            Err(fut) => return Ok(Some(fut)),
        };
        self.nest.set(depth + 1);
        let outer = self.thread_nest.replace(depth + 1);
        let r = self.run(fib, stop, cx);
        self.thread_nest.set(outer);
        self.nest.set(depth);
        match r {
            Ok(Poll::Ready(v)) => Ok(Some(v)),
            Err(e) => Err(e),
            Ok(Poll::Pending) => {
                if let Some(frame) = fib.frames.get_mut(stop) {
                    frame.ret = Ret::Resume;
                }
                Ok(None)
            }
        }
    }

    /// A nested call's start: `f`'s frame pushed with `args`, and the frame count and nesting
    /// before it; an `async fn`'s call is its future instead (`Err`).
    #[inline(always)]
    fn nested_frame(
        self: &Rc<Self>,
        fib: &mut Fiber,
        f: u32,
        args: Vec<Value>,
        env: Option<&[Slot]>,
        at: At,
    ) -> R<Result<(usize, usize), Value>> {
        if self.code.funcs[f as usize].is_async {
            return self.coroutine(f, args, env, at).map(Err);
        }
        let depth = self.nest.get();
        if depth >= MAX_NEST {
            return Err(at.panic(format!("stack overflow: calls from built-ins into your code nest more than {MAX_NEST} deep")));
        }
        let stop = fib.frames.len();
        let n = args.len();
        fib.stack.extend(args);
        self.push_call(fib, f, n, env, Ret::Native, at)?;
        Ok(Ok((stop, depth)))
    }

    /// Before a consumer's call in a thread's own code: `true` if the thread waits, and the op
    /// runs again (its `pc` is moved back). A consumer that reads all its items (`sum`,
    /// `collect`, `count`, …) of a `map` or of the program's own iterator calls the closure (or
    /// `next`) as a frame of the thread, one item at a time, so that the call may block as the
    /// thread's own code may; the consumer then runs on the items read. Otherwise, a chain over
    /// a `Receiver` or over `JoinHandle`s waits as [`Interp::consumer_waits`] says.
    #[inline(never)]
    fn consumer_blocks(self: &Rc<Self>, fib: &mut Fiber, site: u32, cx: &mut Context<'_>, at: At) -> R<bool> {
        let s = &self.code.methods[site as usize];
        let reads_all = s.argc == 0 && matches!(&*s.text, "sum" | "product" | "count" | "collect" | "last" | "max" | "min");
        let depth = fib.frames.len() as u32;
        let pc = fib.frames.last().map_or(0, |f| f.pc);
        let drain = fib.drains.iter().position(|d| d.depth == depth && d.pc == pc);
        let Some(slot) = fib.stack.len().checked_sub(usize::from(s.argc) + 1) else { return Ok(false) };
        // Only a program that can block at all (it spawns, sleeps, parks, makes a channel, a
        // `Condvar` or a `Barrier`, or calls `block_on`) reads ahead: a plain `main`'s
        // `(1..=300_000).map(f).sum()` runs as it always did, without holding its items.
        let source =
            if reads_all && self.code.may_block && self.nest.get() == self.thread_nest.get() && !self.reads_a_receiver(&fib.stack[slot]) {
                self.drain_source(&fib.stack[slot], site)
            } else {
                None
            };
        let Some(source) = source else {
            if self.consumer_waits(fib, site, cx, at) {
                back(fib, 1);
                return Ok(true);
            }
            return Ok(false);
        };
        let mut d = match drain {
            Some(i) => fib.drains.remove(i),
            // A consumer that needs no call of the program's (a `map` of a built-in function)
            // runs as it is.
            None if matches!(&source, DrainSource::Map(_, fs) if fs.is_empty()) => return Ok(false),
            None => Drain { depth, pc, items: Vec::new(), delivered: None, stage: 0 },
        };
        let mut ended = false;
        if let Some(v) = d.delivered.take() {
            // The item whose call blocked goes on through the `map`s after that call's.
            let item = match &source {
                DrainSource::Map(_, fs) => self.map_chain(fib, fs, d.stage as usize + 1, v, &mut d.stage, cx, at)?,
                DrainSource::Next(..) => Some(v),
            };
            match item {
                Some(v) => ended = self.drained(&source, &mut d.items, v, at)?,
                None => return Ok(self.drain_waits(fib, d, depth, pc)),
            }
        }
        while !ended {
            let out = match &source {
                DrainSource::Map(inner, fs) => {
                    let Some(x) = self.iter_next(fib, inner, cx, at)? else { break };
                    self.map_chain(fib, fs, 0, x, &mut d.stage, cx, at)?
                }
                DrainSource::Next(next, it) => self.call_resumable(fib, *next, vec![it.clone()], None, cx, at)?,
            };
            match out {
                Some(v) => ended = self.drained(&source, &mut d.items, v, at)?,
                None => return Ok(self.drain_waits(fib, d, depth, pc)),
            }
        }
        let items = std::collections::VecDeque::from(std::mem::take(&mut d.items));
        let items = Value::Native(Rc::new(Native::Iter(RefCell::new(Iter::Values(items)))));
        let old = std::mem::replace(&mut fib.stack[slot], items);
        drop(old);
        Ok(false)
    }

    /// A drained call blocked: its frame is on top, and the consumer's op runs again once it
    /// returns.
    fn drain_waits(&self, fib: &mut Fiber, d: Drain, depth: u32, pc: u32) -> bool {
        if let Some(f) = fib.frames.get_mut((depth as usize).saturating_sub(1)) {
            f.pc = pc.saturating_sub(1);
        }
        fib.drains.push(d);
        true
    }

    /// An item through a chain of `map`s' calls from `from` on (innermost first): its value, or
    /// `None` when a call blocked (its frame is on top; `stage` says whose).
    #[allow(clippy::too_many_arguments)]
    fn map_chain(
        self: &Rc<Self>,
        fib: &mut Fiber,
        fs: &[(u32, Option<Vec<Slot>>)],
        from: usize,
        mut x: Value,
        stage: &mut u32,
        cx: &mut Context<'_>,
        at: At,
    ) -> R<Option<Value>> {
        for (i, (f, env)) in fs.iter().enumerate().skip(from) {
            match self.call_resumable(fib, *f, vec![x], env.as_deref(), cx, at)? {
                Some(v) => x = v,
                None => {
                    *stage = i as u32;
                    return Ok(None);
                }
            }
        }
        Ok(Some(x))
    }

    /// A drained call's value, for the consumer whose frame is now on top ([`Ret::Resume`]).
    fn deliver(&self, fib: &mut Fiber, v: Value, at: At) -> R<()> {
        let depth = fib.frames.len();
        match fib.drains.iter_mut().rev().find(|d| d.depth as usize == depth) {
            Some(d) => {
                d.delivered = Some(v);
                Ok(())
            }
            None => Err(at.err("internal error: a call returned to no consumer")),
        }
    }

    /// What a consumer may read one call at a time: a `map` of a closure or function of the
    /// program's (the closure is `None` for a built-in one), or an iterator of the program's.
    fn drain_source(&self, recv: &Value, site: u32) -> Option<DrainSource> {
        match recv {
            Value::Native(n) => {
                let Native::Iter(cell) = &**n else { return None };
                let it = cell.try_borrow().ok()?;
                let Iter::Adapter(a) = &*it else { return None };
                let AdapterKind::Map(f) = &a.kind else { return None };
                let call = |f: &Value| match f {
                    Value::Closure(c) => Some((c.func, Some(c.env.to_vec()))),
                    Value::Fn(f) => Some((*f, None)),
                    _ => None,
                };
                // `.map(|h| h.join().unwrap()).map(|n| n + 1)`: the `map`s of the program's
                // functions under it too, innermost first (a built-in's `map` is the source).
                let Some(outer) = call(f) else { return Some(DrainSource::Map(a.inner.clone(), Vec::new())) };
                let mut fs = vec![outer];
                let mut inner = a.inner.clone();
                while fs.len() < 16 {
                    let next = match &inner {
                        Value::Native(n) => match &**n {
                            Native::Iter(cell) => match &*cell.try_borrow().ok()? {
                                Iter::Adapter(b) => match &b.kind {
                                    AdapterKind::Map(g) => call(g).map(|c| (c, b.inner.clone())),
                                    _ => None,
                                },
                                _ => None,
                            },
                            _ => None,
                        },
                        _ => None,
                    };
                    let Some((c, under)) = next else { break };
                    fs.push(c);
                    inner = under;
                }
                fs.reverse();
                Some(DrainSource::Map(inner, fs))
            }
            // A program's `impl Iterator` (whose type has no method of the consumer's own name,
            // which Rust would call instead).
            Value::Obj(o) => {
                let info = self.code.types.get(o.ty as usize)?;
                if !info.has("Iterator") || info.methods.contains_key(&self.code.methods[site as usize].name) {
                    return None;
                }
                let next = self.code.name_id("next").and_then(|n| info.methods.get(&n).copied())?;
                (self.code.funcs[next as usize].params == 1).then(|| DrainSource::Next(next, recv.clone()))
            }
            _ => None,
        }
    }

    /// Takes what a drained call returned: a `map`'s item, or `next`'s `Option`. `true`: the
    /// iterator has ended.
    fn drained(&self, source: &DrainSource, items: &mut Vec<Value>, v: Value, at: At) -> R<bool> {
        if let DrainSource::Next(..) = source {
            return match v.variant_of(ty::OPTION) {
                Some((1, mut f)) => {
                    items.extend(f.pop());
                    held_within(items.len(), at)?;
                    Ok(false)
                }
                Some(_) => Ok(true),
                None => Err(at.err("`next` must return an `Option`")),
            };
        }
        items.push(v);
        held_within(items.len(), at)?;
        Ok(false)
    }

    /// Runs the values whose `Drop` impl is due, in order. Inside a `drop`, only what that
    /// `drop` itself let go of runs (the rest waits for the outer loop, to keep Rust's order).
    fn run_drops_impl(self: &Rc<Self>, fib: &mut Fiber, cx: &mut Context<'_>, at: At) -> R<()> {
        if self.over.get() {
            self.drops.clear();
            return Ok(());
        }
        let floor = self.drop_floor.get();
        while let Some((_, item)) = self.drops.pop_from(floor) {
            let (f, arg) = match item {
                Dropped::Obj(obj) => {
                    let Some(f) = self.code.types.get(obj.ty as usize).and_then(|t| t.drop) else { continue };
                    (f, Value::Obj(obj))
                }
                Dropped::Call(f, arg) => (f, arg),
            };
            // What this `drop` lets go of runs within it; what waited before runs after it.
            self.drop_floor.set(self.drops.next_seq());
            let r = self.call_fn(fib, f, vec![arg], None, cx, at);
            self.drop_floor.set(floor);
            r?;
        }
        Ok(())
    }

    // ----- Values -----

    /// The user `poll` of a value whose type implements `Future`.
    pub(crate) fn user_poll(&self, v: &Value) -> Option<u32> {
        match v {
            Value::Obj(o) => self.code.types.get(o.ty as usize).and_then(|t| t.poll),
            _ => None,
        }
    }

    /// Polls a future value once.
    fn poll_value_impl(self: &Rc<Self>, fib: &mut Fiber, v: &Value, cx: &mut Context<'_>, at: At) -> R<Poll<Value>> {
        match v {
            Value::Fut(f) => self.poll_fut(fib, f, cx, at),
            Value::Obj(_) if self.user_poll(v).is_some() => {
                let poll = self.user_poll(v).unwrap_or(0);
                self.check_await_depth(at)?;
                let r = self.call_fn(fib, poll, vec![v.clone(), Value::Ctx(None)], None, cx, at)?;
                match r.variant_last(ty::POLL) {
                    Some((0, out)) => Ok(Poll::Ready(out.unwrap_or(Value::Unit))),
                    Some(_) => {
                        self.park_here();
                        Ok(Poll::Pending)
                    }
                    None => Err(at.err(format!("`poll` must return a `Poll`, not {}", r.type_name()))),
                }
            }
            Value::Native(n) => match &**n {
                Native::Handle(h) => {
                    // A task that panicked has no output to give: its handle stays pending, as
                    // a `JoinHandle<T>` of a task that never returns a `T` would (the console
                    // says why, once).
                    if h.done.get() && h.failed.get() {
                        if !h.told.replace(true) {
                            self.say(
                                Line::Note,
                                Some(at.span),
                                "the task awaited here panicked: it has no value to give, so this `.await` never ends".into(),
                            );
                        }
                        self.park_here();
                        return Ok(Poll::Pending);
                    }
                    if h.done.get() {
                        return Ok(Poll::Ready(h.result.borrow_mut().take().unwrap_or(Value::Unit)));
                    }
                    *h.waiter.borrow_mut() = Some(cx.waker().clone());
                    self.park_here();
                    Ok(Poll::Pending)
                }
                Native::Shared(..) => {
                    let inner = deref_all(v);
                    self.poll_value(fib, &inner, cx, at)
                }
                _ => Err(at.err(format!("{} is not a future: there is nothing to await", v.type_name()))),
            },
            Value::Ref(_) => {
                let inner = match deref(v, at)? {
                    // A bounded number of references (`r = &r` refers to itself).
                    Value::Ref(_) => deref_all(v),
                    inner => inner,
                };
                if matches!(inner, Value::Ref(_)) {
                    return Err(at.err("this reference leads only to references: there is nothing to await"));
                }
                self.poll_value(fib, &inner, cx, at)
            }
            other => Err(at.err(format!("{} is not a future: there is nothing to await", other.type_name()))),
        }
    }

    fn poll_fut(self: &Rc<Self>, fib: &mut Fiber, f: &Rc<Fut>, cx: &mut Context<'_>, at: At) -> R<Poll<Value>> {
        f.used.set(true);
        let state = std::mem::replace(&mut *f.state.borrow_mut(), FutState::Busy);
        let (result, state) = match state {
            FutState::Coro(mut child) => {
                // A future polled inside another's poll (by hand, `join!`, `select!`) runs in
                // the page's own stack: bounded, as calls from built-ins are.
                let depth = self.nest.get();
                if depth >= MAX_NEST {
                    *f.state.borrow_mut() = FutState::Coro(child);
                    return Err(at.panic(format!("stack overflow: futures polled inside each other nest more than {MAX_NEST} deep")));
                }
                self.nest.set(depth + 1);
                // A thread's own stack may block at this level (and only at this one).
                let outer = child.thread.then(|| self.thread_nest.replace(depth + 1));
                let r = self.run(&mut child, 0, cx);
                if let Some(o) = outer {
                    self.thread_nest.set(o);
                }
                self.nest.set(depth);
                match r {
                    Ok(Poll::Ready(v)) => (Ok(Poll::Ready(v)), FutState::Done),
                    Err(e) => {
                        // Its stack goes now, while the panic unwinds: a lock held in it is
                        // poisoned when its guard goes.
                        if e.panic {
                            if let Some(t) = self.current_info() {
                                t.unwinding.set(true);
                            }
                        }
                        drop(child);
                        (Err(e), FutState::Done)
                    }
                    Ok(Poll::Pending) => (Ok(Poll::Pending), FutState::Coro(child)),
                }
            }
            FutState::Timer(mut t) => match std::pin::Pin::new(&mut t).poll(cx) {
                Poll::Ready(()) => (Ok(Poll::Ready(Value::Unit)), FutState::Done),
                Poll::Pending => {
                    self.park_here();
                    (Ok(Poll::Pending), FutState::Timer(t))
                }
            },
            FutState::Yield(mut y) => match std::pin::Pin::new(&mut y).poll(cx) {
                Poll::Ready(()) => (Ok(Poll::Ready(Value::Unit)), FutState::Done),
                Poll::Pending => {
                    self.park_here();
                    (Ok(Poll::Pending), FutState::Yield(y))
                }
            },
            FutState::Native(mut n) => match n.as_mut().poll(cx) {
                Poll::Ready(r) => (r.map(Poll::Ready), FutState::Done),
                Poll::Pending => {
                    self.park_here();
                    (Ok(Poll::Pending), FutState::Native(n))
                }
            },
            // The rest (`ready`, `pending`, `fuse`, `poll_fn`, `join_all`, and a future that
            // cannot be polled) out of line: the step form's futures are none of them.
            other => self.poll_fut_rare(fib, other, cx, at)?,
        };
        let finished = matches!(state, FutState::Done);
        let old = std::mem::replace(&mut *f.state.borrow_mut(), state);
        drop(old);
        let _ = finished;
        result
    }

    /// A poll of a combinator ([`FutState::Comb`]): its output, or the combinator back (pending).
    /// The wrapped future first; once it is ready, the closure, as the combinator applies it;
    /// then the future the closure gave, if it gave one.
    fn poll_comb(self: &Rc<Self>, fib: &mut Fiber, mut c: Box<Comb>, cx: &mut Context<'_>, at: At) -> R<Result<Value, Box<Comb>>> {
        if c.next.is_none() {
            let out = match self.poll_value(fib, &c.inner, cx, at)? {
                Poll::Ready(out) => out,
                Poll::Pending => return Ok(Err(c)),
            };
            // Finished: it goes now, as `futures`' combinators drop it.
            let inner = std::mem::take(&mut c.inner);
            drop(inner);
            let f = std::mem::take(&mut c.f);
            let result = |v: &Value| v.variant_of(ty::RESULT).map(|(i, mut x)| (i, x.pop().unwrap_or_default()));
            let made = match c.kind {
                CombKind::Map => return self.call(fib, &f, vec![out], cx, at).map(Ok),
                CombKind::Inspect => {
                    let seen = self.call(fib, &f, vec![out.clone()], cx, at)?;
                    drop(seen);
                    return Ok(Ok(out));
                }
                CombKind::Then => self.call(fib, &f, vec![out], cx, at)?,
                CombKind::MapOk | CombKind::MapErr | CombKind::AndThen | CombKind::OrElse => {
                    let Some((variant, x)) = result(&out) else {
                        return Err(at.err(format!(
                            "`{}` needs a future whose output is a `Result`, not {}",
                            c.kind.name(),
                            out.type_name()
                        )));
                    };
                    let ok = variant == 0;
                    match c.kind {
                        CombKind::MapOk if ok => return self.call(fib, &f, vec![x], cx, at).map(|v| Ok(Value::result(true, v))),
                        CombKind::MapErr if !ok => return self.call(fib, &f, vec![x], cx, at).map(|v| Ok(Value::result(false, v))),
                        CombKind::AndThen if ok => self.call(fib, &f, vec![x], cx, at)?,
                        CombKind::OrElse if !ok => self.call(fib, &f, vec![x], cx, at)?,
                        // The other variant goes through as it is.
                        _ => return Ok(Ok(out)),
                    }
                }
            };
            if !matches!(made, Value::Fut(_)) && self.user_poll(&made).is_none() {
                return Err(at.err(format!(
                    "the closure of `{}` must give a future (an `async` block), not {}",
                    c.kind.name(),
                    made.type_name()
                )));
            }
            c.next = Some(made);
        }
        let next = c.next.as_ref().map_or(Value::Unit, Value::clone);
        match self.poll_value(fib, &next, cx, at)? {
            Poll::Ready(out) => Ok(Ok(out)),
            Poll::Pending => Ok(Err(c)),
        }
    }

    /// [`Interp::poll_fut`] of the other states: the poll's result and the state the future
    /// keeps; an error here leaves the future as it was taken (being polled).
    #[inline(never)]
    fn poll_fut_rare(self: &Rc<Self>, fib: &mut Fiber, state: FutState, cx: &mut Context<'_>, at: At) -> R<(R<Poll<Value>>, FutState)> {
        // A combinator polls what it wraps in this stack: bounded, as futures polled inside
        // each other are (a chain of 5,000 `map`s would overflow the page's stack).
        let depth = self.nest.get();
        if depth >= MAX_NEST {
            return Ok((Err(at.panic(format!("stack overflow: futures polled inside each other nest more than {MAX_NEST} deep"))), state));
        }
        self.nest.set(depth + 1);
        let r = self.poll_fut_states(fib, state, cx, at);
        self.nest.set(depth);
        r
    }

    /// [`Interp::poll_fut_rare`]'s states, one level deeper.
    fn poll_fut_states(self: &Rc<Self>, fib: &mut Fiber, state: FutState, cx: &mut Context<'_>, at: At) -> R<(R<Poll<Value>>, FutState)> {
        Ok(match state {
            FutState::Ready(v) => match v {
                Some(v) => (Ok(Poll::Ready(v)), FutState::Done),
                None => (Err(at.err("`Ready` polled after completion")), FutState::Done),
            },
            FutState::Pending => {
                self.park_here();
                (Ok(Poll::Pending), FutState::Pending)
            }
            // The inner future goes when this arm ends, ready (its `Drop` runs now, as
            // `Fuse::poll` sets it to `None`), or after an error.
            FutState::Fuse(inner) => match self.poll_value(fib, &inner, cx, at) {
                Ok(Poll::Ready(v)) => (Ok(Poll::Ready(v)), FutState::Done),
                Ok(Poll::Pending) => (Ok(Poll::Pending), FutState::Fuse(inner)),
                Err(e) => (Err(e), FutState::Done),
            },
            FutState::PollFn(c) => {
                let r = self.call(fib, &c, vec![Value::Ctx(None)], cx, at);
                match r {
                    Ok(p) => match p.variant_last(ty::POLL) {
                        // Ready, it keeps its closure: `PollFn` is not fused, and a poll
                        // after `Ready` calls the closure again, as std's does.
                        Some((0, out)) => (Ok(Poll::Ready(out.unwrap_or(Value::Unit))), FutState::PollFn(c)),
                        Some(_) => {
                            self.park_here();
                            (Ok(Poll::Pending), FutState::PollFn(c))
                        }
                        None => (Err(at.err(format!("a `poll_fn` closure must return a `Poll`, not {}", p.type_name()))), FutState::Done),
                    },
                    Err(e) => (Err(e), FutState::Done),
                }
            }
            FutState::Comb(c) => match self.poll_comb(fib, c, cx, at) {
                Ok(Ok(out)) => (Ok(Poll::Ready(out)), FutState::Done),
                Ok(Err(c)) => {
                    self.park_here();
                    (Ok(Poll::Pending), FutState::Comb(c))
                }
                Err(e) => (Err(e), FutState::Done),
            },
            FutState::JoinAll(mut vs, tuple) => {
                // Each future not finished yet is polled, in order; a finished one is dropped
                // at once and its output kept, as `futures::future::join_all` does.
                let mut all = true;
                let mut failed = None;
                for slot in vs.iter_mut() {
                    if matches!(slot, Value::Ready(_)) {
                        continue;
                    }
                    match self.poll_value(fib, slot, cx, at) {
                        Ok(Poll::Ready(out)) => {
                            let old = std::mem::replace(slot, Value::Ready(Rc::new(out)));
                            drop(old);
                        }
                        Ok(Poll::Pending) => all = false,
                        Err(e) => {
                            failed = Some(e);
                            break;
                        }
                    }
                }
                match failed {
                    Some(e) => (Err(e), FutState::Done),
                    None if all => {
                        let outs = vs
                            .into_iter()
                            .map(|v| match v {
                                Value::Ready(r) => Rc::try_unwrap(r).unwrap_or_else(|r| (*r).clone()),
                                other => other,
                            })
                            .collect();
                        let out = if tuple { Value::tuple(outs) } else { Value::vec(outs) };
                        (Ok(Poll::Ready(out)), FutState::Done)
                    }
                    None => {
                        self.park_here();
                        (Ok(Poll::Pending), FutState::JoinAll(vs, tuple))
                    }
                }
            }
            // `futures::future::select(a, b)`: `a` polled first, then `b`; the first ready gives
            // `Left((a's output, b))` or `Right((b's output, a))`, the other future unfinished
            // in it (not dropped: the program may await it yet).
            FutState::Select(mut vs) => {
                let mut ready = None;
                for (i, slot) in vs.iter_mut().enumerate() {
                    match self.poll_value(fib, slot, cx, at) {
                        Ok(Poll::Ready(out)) => {
                            ready = Some(Ok((i, out)));
                            break;
                        }
                        Ok(Poll::Pending) => {}
                        Err(e) => {
                            ready = Some(Err(e));
                            break;
                        }
                    }
                }
                match ready {
                    None => {
                        self.park_here();
                        (Ok(Poll::Pending), FutState::Select(vs))
                    }
                    Some(Err(e)) => (Err(e), FutState::Done),
                    Some(Ok((i, out))) => {
                        let other = vs.get_mut(1 - i.min(1)).map(std::mem::take).unwrap_or(Value::Unit);
                        drop(vs);
                        let pair = Value::tuple(vec![out, other]);
                        (self.make_obj(ty::EITHER, Some(i as u32), vec![pair], at).map(Poll::Ready), FutState::Done)
                    }
                }
            }
            FutState::Busy => return Err(at.err("this future is being polled already (a future cannot poll itself)")),
            FutState::Done => {
                return Err(at.err("this future was already awaited: a future is used once (`async fn` resumed after completion)"))
            }
            other => (Err(at.err("internal error: a future in a state it cannot be polled in")), other),
        })
    }

    /// `join!` (and `try_join!`, `try_`) of the top `n` futures: whether it finished, its value
    /// then on the stack in their place.
    fn join(self: &Rc<Self>, fib: &mut Fiber, n: usize, try_: bool, cx: &mut Context<'_>, at: At) -> R<bool> {
        let start = fib.stack.len().checked_sub(n).ok_or_else(|| at.err("internal error: stack underflow"))?;
        let mut all = true;
        for i in 0..n {
            let v = fib.stack[start + i].clone();
            if let Value::Ready(_) = v {
                continue;
            }
            match self.poll_value(fib, &v, cx, at)? {
                Poll::Ready(out) => {
                    // Finished: the future is dropped now, its output kept.
                    if let Some(Value::Fut(f)) = Some(&v) {
                        if let Ok(mut s) = f.state.try_borrow_mut() {
                            let old = std::mem::replace(&mut *s, FutState::Done);
                            drop(s);
                            drop(old);
                        }
                    }
                    let out = if try_ {
                        match out.variant_of(ty::RESULT) {
                            Some((0, mut x)) => x.pop().unwrap_or_default(),
                            // The first `Err`: the others are dropped unfinished, and it is the
                            // value, as `futures`' `try_join!` gives it.
                            Some((_, mut e)) => {
                                let e = e.pop().unwrap_or_default();
                                drop(v);
                                let rest: Vec<Value> = fib.stack.drain(start..).collect();
                                drop(rest);
                                fib.stack.push(Value::result(false, e));
                                return Ok(true);
                            }
                            None => {
                                return Err(at.err(format!(
                                    "`try_join!` takes futures whose outputs are `Result`s: this one gave {}",
                                    out.type_name()
                                )))
                            }
                        }
                    } else {
                        out
                    };
                    fib.stack[start + i] = Value::Ready(Rc::new(out));
                }
                Poll::Pending => all = false,
            }
        }
        if !all {
            return Ok(false);
        }
        let items: Vec<Value> = fib
            .stack
            .drain(start..)
            .map(|v| match v {
                Value::Ready(r) => Rc::try_unwrap(r).unwrap_or_else(|r| (*r).clone()),
                other => other,
            })
            .collect();
        let out = Value::tuple(items);
        fib.stack.push(if try_ { Value::result(true, out) } else { out });
        Ok(true)
    }

    fn select(self: &Rc<Self>, fib: &mut Fiber, site: &SelectSite, cx: &mut Context<'_>, at: At) -> R<bool> {
        let in_place = &site.in_place;
        let n = in_place.len();
        let start = fib.stack.len().checked_sub(n).ok_or_else(|| at.err("internal error: stack underflow"))?;
        // A future that finished is terminated (select!'s futures are fused): it is skipped, and
        // when all are, the `complete` arm runs (without one, futures' select! panics).
        if fib.stack[start..].iter().all(is_terminated) {
            if !site.complete {
                return Err(at.panic("all futures in select! were completed, but no `complete =>` handler was provided"));
            }
            return Ok(self.select_other(fib, start, in_place, n));
        }
        for i in 0..n {
            let v = fib.stack[start + i].clone();
            if is_terminated(&v) {
                continue;
            }
            // With a `default` arm, futures' select! polls with a waker that does nothing: a
            // pending future registers no wake (the `default` arm runs instead of waiting).
            let polled = if site.default {
                self.poll_value(fib, &v, &mut super::rt::noop_context(), at)?
            } else {
                self.poll_value(fib, &v, cx, at)?
            };
            if let Poll::Ready(out) = polled {
                // The winner: the others are dropped (cancelling their timers), unless they live
                // in a variable of the program, as `&mut fut` would.
                if let Value::Fut(f) = &v {
                    if let Ok(mut s) = f.state.try_borrow_mut() {
                        let old = std::mem::replace(&mut *s, FutState::Done);
                        drop(s);
                        drop(old);
                    }
                }
                let futs: Vec<Value> = fib.stack.drain(start..).collect();
                for (j, f) in futs.into_iter().enumerate() {
                    if j != i && !in_place[j] {
                        drop(f);
                    }
                }
                fib.stack.push(out);
                fib.stack.push(Value::usize(i));
                return Ok(true);
            }
        }
        // None ready: the `default` arm runs now, instead of waiting.
        if site.default {
            return Ok(self.select_other(fib, start, in_place, n + 1));
        }
        Ok(false)
    }

    /// `select!`'s `complete` or `default` arm (index `arm`) won: its futures go (those in a
    /// variable stay there), and `()` is its output.
    fn select_other(&self, fib: &mut Fiber, start: usize, in_place: &[bool], arm: usize) -> bool {
        let futs: Vec<Value> = fib.stack.drain(start..).collect();
        for (j, f) in futs.into_iter().enumerate() {
            if !in_place.get(j).copied().unwrap_or(false) {
                drop(f);
            }
        }
        fib.stack.push(Value::Unit);
        fib.stack.push(Value::usize(arm));
        true
    }

    /// Calls the method of a site.
    #[inline(never)]
    fn call_method_op(self: &Rc<Self>, fib: &mut Fiber, site: u32, base: usize, cx: &mut Context<'_>, at: At) -> R<Option<Value>> {
        let s = &self.code.methods[site as usize];
        // `wake_by_ref()` on `cx.waker()`: straight to what the general look-up below would find
        // for this receiver. (The evaluator's inner loop makes `cx.waker()` itself, and wakes
        // the executor's waker; a learner's own waker comes here, to run their code.)
        if let (Hot::WakeByRef, Some(Value::CxWaker)) = (s.hot, fib.stack.last()) {
            fib.stack.pop();
            return super::methods::cx_wake_by_ref(self, fib, cx, at).map(Some);
        }
        let argc = usize::from(s.argc);
        let recv_at = fib.stack.len().checked_sub(argc + 1).ok_or_else(|| at.err("internal error: stack underflow"))?;
        // A method of the program's own types: a call in this fiber. (Only an aggregate, or what
        // leads to one, can be of their types.)
        let user = match &fib.stack[recv_at] {
            v @ (Value::Obj(_) | Value::Ref(_) | Value::Native(_)) => self.user_method(v, s.name),
            // `5.double()` of the program's `impl Double for i32`.
            v @ (Value::Int(..) | Value::Bool(_) | Value::Char(_) | Value::Str(_)) if !self.code.prims.is_empty() => {
                self.user_method(v, s.name)
            }
            _ => None,
        };
        if let Some((f, by_value)) = user {
            let recv = fib.stack[recv_at].clone();
            // One of several impls of a generic trait: the one for the first argument's type.
            // (A receiver is its aggregate's handle but for `&x` of a boxed local: read through
            // only then.)
            // (A primitive's impls are its type's: `impl Power<u32> for u32`.)
            let own_ty = match &recv {
                Value::Obj(o) => Some(o.ty),
                _ if argc > 0 => match deref_all(&recv) {
                    Value::Obj(o) => Some(o.ty),
                    d if !self.code.prims.is_empty() => self.code.prim_ty(&d, s.name),
                    _ => None,
                },
                _ => None,
            };
            let info = own_ty.filter(|_| argc > 0).and_then(|t| self.code.types.get(t as usize));
            let f = match (info.and_then(|t| Some((t.overloads.get(&s.name)?, &t.ref_overloads))), fib.stack.get(recv_at + 1)) {
                (Some((choices, refs)), Some(arg)) => {
                    super::code::pick_by_ref(choices, &deref_all(arg), refs, matches!(arg, Value::Ref(_))).unwrap_or(f)
                }
                _ => f,
            };
            // Whether the method called (the overload picked) takes `self` by value.
            let func = &self.code.funcs[f as usize];
            let _ = by_value;
            if matches!(func.self_kind, Some(SelfKind::Value | SelfKind::Shared)) && !func.ref_impl {
                self.move_receiver(fib, base, s.recv_local, &recv);
            }
            let (is_async, handle_self) = (func.is_async, matches!(func.self_kind, Some(SelfKind::Shared | SelfKind::SharedRef)));
            // The aggregate, or for `self: Arc<Self>` and `self: &Rc<Self>` the handle.
            fib.stack[recv_at] = match handle_self.then(|| super::rt::shared_handle(&recv)).flatten() {
                Some(h) => h,
                None => user_receiver(&recv),
            };
            // Their `Future::poll`, called by their own code with a context of their waker: a
            // poll by their executor, traced around the call (which runs nested, as a poll does).
            if argc == 1 {
                if let Some(Value::Ctx(Some(w))) = fib.stack.last().map(deref_all) {
                    let w = w.get();
                    if self.user_poll(&deref_all(&recv)) == Some(f) {
                        if let Some(g) = self.guest_poll_start(&w.0) {
                            let args = pop_n(fib, argc + 1);
                            let mut own = Context::from_waker(&w.0);
                            let r = self.call_fn(fib, f, args, None, &mut own, at);
                            let ready = r.as_ref().is_ok_and(|v| matches!(v.variant_last(ty::POLL), Some((0, _))));
                            self.guest_poll_end(g, ready);
                            return r.map(Some);
                        }
                    }
                }
            }
            // An `async fn` method: the call is its future, run when awaited.
            if is_async {
                let args = pop_n(fib, argc + 1);
                return self.coroutine(f, args, None, at).map(Some);
            }
            self.push_call(fib, f, argc + 1, None, Ret::Push, at)?;
            return Ok(None);
        }
        let args = pop_n(fib, argc);
        let recv = pop(fib);
        if s.consumes && !recv.is_copy() && !borrowing_join(&s.text, &recv) && !self.join_through_deref(&s.text, &recv) {
            self.move_receiver(fib, base, s.recv_local, &recv);
        }
        super::methods::call(self, fib, recv, &s.text, s.universal, args, cx, at).map(Some)
    }

    /// [`Op::MoveField`] and [`Op::AssocOf`]: the value on top replaced by the field or the item.
    #[inline(never)]
    fn op_item(&self, fib: &mut Fiber, op: Op, at: At) -> R<()> {
        let v = pop(fib);
        let out = match op {
            Op::MoveField(name) => self.move_field(&v, name, at)?,
            Op::AssocOf(name, elem) => self.assoc_of(&v, name, elem, at)?,
            _ => return Err(at.err("internal error: not an item op")),
        };
        fib.stack.push(out);
        Ok(())
    }

    /// [`Op::MoveField`].
    fn move_field(&self, v: &Value, name: u32, at: At) -> R<Value> {
        if let Value::Obj(o) = v {
            let info = self.code.types.get(o.ty as usize);
            let own_drop = info.is_some_and(|t| t.drop.is_some());
            let index = self.code.struct_field_index(o.ty, name);
            // A field written as a reference (`r: &'a Vec<i32>`) holds its aggregate's handle,
            // as a reference does here: read, not moved (a `&T` is `Copy`).
            let by_ref = index.and_then(|i| info?.field_tys.get(i)).is_some_and(|t| matches!(t, super::ast::Type::Ref(..)));
            if let (false, false, Some(i)) = (own_drop, by_ref, index) {
                if let Data::Fields(fields) = &mut *o.data.borrow_mut() {
                    match fields.get_mut(i) {
                        Some(Value::Void) => return Err(at.err(MOVED)),
                        // A reference is read, not moved (a `&T` is `Copy`; a `&mut T` read
                        // here is reborrowed, as rustc does where it can).
                        Some(Value::Ref(_)) => {}
                        Some(slot) if !slot.is_copy() => return Ok(std::mem::take(slot)),
                        _ => {}
                    }
                }
            }
        }
        self.field(v, FieldRef::Name(name), at)
    }

    /// [`Op::AssocOf`]: the function of the item named by text constant `name` of `v`'s type
    /// (of its first element's, if `elem`).
    fn assoc_of(&self, v: &Value, name: u32, elem: bool, at: At) -> R<Value> {
        let Some(Value::Str(name)) = self.code.consts.get(name as usize) else { return Err(at.err("internal error: no item name")) };
        let mut v = deref_all(v);
        if elem {
            v = super::rt::first_element(&v).ok_or_else(|| {
                at.err(format!(
                    "`{name}` of a type parameter: the playground takes the type from the argument's first element, and it has none"
                ))
            })?;
        }
        let t = match &v {
            Value::Obj(o) => Some(o.ty),
            _ => {
                let prim = |p: Prim| self.code.prims.iter().find(|(q, _)| *q == p).map(|&(_, t)| t);
                match &v {
                    Value::Int(_, Some(t)) => prim(Prim::Int(*t)),
                    // An integer whose type the run does not know: the one integer type that
                    // has the item, or none (an error below) when several do.
                    Value::Int(_, None) => {
                        let mut ints = self.code.prims.iter().filter(|(p, t)| {
                            matches!(p, Prim::Int(_))
                                && self
                                    .code
                                    .types
                                    .get(*t as usize)
                                    .is_some_and(|i| i.assoc.contains_key(&**name) || i.consts.contains_key(&**name))
                        });
                        match (ints.next(), ints.next()) {
                            (Some(&(_, t)), None) => Some(t),
                            (Some(_), Some(_)) => {
                                return Err(at.err(format!(
                                    "`{name}` of a type parameter: the argument is an integer whose type the playground does not know here, and several integer types have `{name}` (write the type on the value: `5i64`)"
                                )))
                            }
                            _ => None,
                        }
                    }
                    Value::Float(_, t) => prim(Prim::Float(t.unwrap_or(FloatTy::F64))),
                    Value::Bool(_) => prim(Prim::Bool),
                    Value::Char(_) => prim(Prim::Char),
                    Value::Str(_) => prim(Prim::Str),
                    _ => None,
                }
            }
        };
        let info = t.and_then(|t| self.code.types.get(t as usize));
        if let Some(&f) = info.and_then(|i| i.assoc.get(&**name)) {
            return Ok(Value::Fn(f));
        }
        if let Some(&k) = info.and_then(|i| i.consts.get(&**name)) {
            return Ok(Value::Fn(self.code.const_fns[k as usize]));
        }
        Err(at.err(format!("no associated item named `{name}` for {}", v.type_name())))
    }

    fn move_receiver(&self, fib: &mut Fiber, base: usize, local: Option<(u16, bool)>, recv: &Value) {
        if recv.is_copy() {
            return;
        }
        let Some((l, _)) = local else { return };
        if let Some(slot) = fib.stack.get_mut(base + usize::from(l)) {
            let old = match slot {
                Value::Place(p) => p.try_borrow_mut().map(|mut v| std::mem::take(&mut *v)).unwrap_or_default(),
                v => std::mem::take(v),
            };
            drop(old);
        }
    }

    // ----- Fields and indexes -----

    #[inline(never)]
    fn field(&self, v: &Value, f: FieldRef, at: At) -> R<Value> {
        // An aggregate is its own handle: only what leads to one is followed (and copied).
        let owned;
        let target = if matches!(v, Value::Obj(_)) {
            v
        } else {
            owned = deref_all(v);
            &owned
        };
        let Value::Obj(o) = target else { return Err(at.err(format!("{} has no fields", target.type_name()))) };
        // One borrow for the variant (which names the fields) and the read.
        let d = o.data.borrow();
        let (variant, fields) = match &*d {
            Data::Fields(f) => (None, f),
            Data::Variant(v, f) => (Some(*v), f),
            _ => {
                drop(d);
                self.field_index(o, f, at)?;
                return Err(at.err(format!("{} has no fields", target.type_name())));
            }
        };
        let i = match f {
            FieldRef::Index(i) => i as usize,
            FieldRef::Name(n) => match self.code.field_index(o.ty, variant, n) {
                Some(i) => i as usize,
                None => {
                    drop(d);
                    return Err(self.field_index(o, f, at).err().unwrap_or_else(|| at.err("no such field")));
                }
            },
        };
        match fields.get(i) {
            Some(Value::Void) => Err(at.err(MOVED)),
            Some(v) => Ok(v.clone()),
            None => Err(at.err("no such field")),
        }
    }

    /// `v.0`: a tuple's or a tuple struct's field (a struct with named fields has none).
    fn tuple_field(&self, v: &Value, i: u32, at: At) -> R<Value> {
        if let Value::Obj(o) = deref_all(v) {
            if self.code.types.get(o.ty as usize).is_some_and(|t| t.fields.iter().any(|n| !n.is_empty())) {
                let tname = self.code.types.get(o.ty as usize).map_or("this value", |t| &*t.name);
                return Err(at.err(format!("no field `{i}` on type `{tname}`")));
            }
        }
        self.field(v, FieldRef::Index(i), at)
    }

    /// A field its value does not have, read through the program's `Deref` impl for its type
    /// (`rc.0` of a hand-written smart pointer to a tuple struct, `guard.name`), as Rust's
    /// auto-deref reads it; else the error the read gave.
    #[inline(never)]
    fn field_by_deref(self: &Rc<Self>, fib: &mut Fiber, v: Value, f: FieldRef, err: LangError, cx: &mut Context<'_>, at: At) -> R<Value> {
        let mut cur = v;
        for _ in 0..8 {
            let Value::Obj(o) = deref_all(&cur) else { return Err(err) };
            let Some(deref) = self.code.name_id("deref").and_then(|n| self.code.types.get(o.ty as usize)?.methods.get(&n).copied()) else {
                return Err(err);
            };
            cur = self.call_fn(fib, deref, vec![Value::Obj(o)], None, cx, at)?;
            let read = match f {
                FieldRef::Index(i) => self.tuple_field(&cur, i, at),
                FieldRef::Name(_) => self.field(&cur, f, at),
            };
            if let Ok(out) = read {
                return Ok(out);
            }
        }
        Err(err)
    }

    fn field_index(&self, o: &Obj, f: FieldRef, at: At) -> R<usize> {
        match f {
            FieldRef::Index(i) => Ok(i as usize),
            FieldRef::Name(n) => {
                let variant = match &*o.data.borrow() {
                    Data::Variant(v, _) => Some(*v),
                    _ => None,
                };
                self.code.field_index(o.ty, variant, n).map(|i| i as usize).ok_or_else(|| {
                    let tname = self.code.types.get(o.ty as usize).map_or("this value", |t| &*t.name);
                    let fname = self.code.names.get(n as usize).map_or("", |s| &**s);
                    at.err(format!("no field `{fname}` on type `{tname}`"))
                })
            }
        }
    }

    #[inline(never)]
    fn set_field(&self, target: &Value, f: FieldRef, value: Value, at: At) -> R<()> {
        self.set_field_back(target, f, value, at).map_err(|(e, _)| e)
    }

    /// [`set_field`](Self::set_field), which gives the value back when the value has no such
    /// field (for the `DerefMut` target's to take it). Out of the evaluator's loop's frame.
    #[inline(never)]
    fn set_field_back(&self, target: &Value, f: FieldRef, value: Value, at: At) -> Result<(), (LangError, Option<Value>)> {
        if matches!(value, Value::CxWaker) {
            return Err((at.err(BORROWED_WAKER), None));
        }
        let owned;
        let t = if matches!(target, Value::Obj(_)) {
            target
        } else {
            owned = deref_all(target);
            &owned
        };
        let Value::Obj(o) = t else { return Err((at.err(format!("{} has no fields", t.type_name())), Some(value))) };
        let i = match self.field_index(o, f, at) {
            Ok(i) => i,
            Err(e) => return Err((e, Some(value))),
        };
        let mut value = value;
        let old = {
            let mut d = o.data.borrow_mut();
            let (variant, fields) = match &mut *d {
                Data::Fields(f) => (None, f),
                Data::Variant(v, f) => (Some(*v), f),
                _ => return Err((at.err("this value has no fields"), None)),
            };
            // An integer literal takes the field's declared type (`p.x = 255` into a `u8`), as
            // in a struct literal, so that its later arithmetic overflows where Rust's would.
            if matches!(value, Value::Int(_, None)) {
                let ints = self.code.types.get(o.ty as usize).map(|t| match variant {
                    Some(v) => t.variants.get(v as usize).map_or(&[][..], |v| &v.field_ints[..]),
                    None => &t.field_ints[..],
                });
                if let Some(&Some(t)) = ints.and_then(|ints| ints.get(i)) {
                    super::ops::coerce(&mut value, t, at).map_err(|e| (e, None))?;
                }
            }
            let slot = fields.get_mut(i).ok_or_else(|| (at.err("no such field"), None))?;
            replace_slot(slot, value, at).map_err(|e| (e, None))?
        };
        drop(old);
        Ok(())
    }

    /// `e.f op= v`: pops `v`, then `e`.
    #[inline(never)]
    fn op_assign_field(self: &Rc<Self>, fib: &mut Fiber, b: BinOp, f: FieldRef, r: Value, cx: &mut Context<'_>, at: At) -> R<()> {
        let target = pop(fib);
        // The aggregate reached once (`self` is a reference to it), and the field's index found
        // once, for the read and the write.
        let target = if matches!(target, Value::Obj(_)) { target } else { deref_all(&target) };
        if let Value::Obj(o) = &target {
            if int_field_in_place(&self.code, o, b, f, &r, at) {
                return Ok(());
            }
        }
        let (target, f) = match (&target, f) {
            (Value::Obj(o), FieldRef::Name(_)) => match self.field_index(o, f, at) {
                Ok(i) => (target, FieldRef::Index(i as u32)),
                // `w.count += 1` of the program's `DerefMut` target's field.
                Err(e) => return self.op_assign_field_of(fib, b, f, r, (target.clone(), e), cx, at),
            },
            _ => (target, f),
        };
        let l = self.field(&target, f, at)?;
        let out = self.binary_assign(fib, b, l, r, cx, at)?;
        self.set_field(&target, f, out, at)
    }

    /// [`op_assign_field`](Self::op_assign_field) on the aggregate a `DerefMut` reached.
    #[allow(clippy::too_many_arguments)]
    #[inline(never)]
    fn op_assign_field_of(
        self: &Rc<Self>,
        fib: &mut Fiber,
        b: BinOp,
        f: FieldRef,
        r: Value,
        (target, err): (Value, LangError),
        cx: &mut Context<'_>,
        at: At,
    ) -> R<()> {
        let target = deref_all(&self.field_target_by_deref(fib, target, f, err, false, cx, at)?);
        let l = self.field(&target, f, at)?;
        let out = self.binary_assign(fib, b, l, r, cx, at)?;
        self.set_field(&target, f, out, at)
    }

    /// `w.count = 1` (or `+=`, or `&mut w.items`) of a field that `w`'s type lacks and its
    /// `DerefMut` target has, as Rust's auto-deref reaches it: the target (`deref_mut`'s value,
    /// followed up to 8 times). `err` when no `deref_mut` leads to the field. (`shared`: a
    /// `&w.name`, which a `deref` reaches too.)
    #[allow(clippy::too_many_arguments)]
    #[inline(never)]
    fn field_target_by_deref(
        self: &Rc<Self>,
        fib: &mut Fiber,
        target: Value,
        f: FieldRef,
        err: LangError,
        shared: bool,
        cx: &mut Context<'_>,
        at: At,
    ) -> R<Value> {
        let mut cur = target;
        for _ in 0..8 {
            let Value::Obj(o) = deref_all(&cur) else { return Err(err) };
            if self.field_index(&o, f, at).is_ok() {
                return Ok(cur);
            }
            let info = self.code.types.get(o.ty as usize);
            let method = |name: &str| self.code.name_id(name).and_then(|n| info?.methods.get(&n).copied());
            // `deref` where there is no `deref_mut`, for a reference to the field only (`&w.name`:
            // a write through a `Deref` alone is rustc's error).
            let Some(dm) = method("deref_mut").or_else(|| if shared { method("deref") } else { None }) else { return Err(err) };
            cur = self.call_fn(fib, dm, vec![Value::Obj(o)], None, cx, at)?;
        }
        Err(err)
    }

    #[inline(never)]
    fn ref_field(&self, target: &Value, f: FieldRef, at: At) -> R<Value> {
        let t = deref_all(target);
        let Value::Obj(o) = &t else { return Err(at.err(format!("{} has no fields", t.type_name()))) };
        let i = self.field_index(o, f, at)?;
        let cur = self.field(&t, FieldRef::Index(i as u32), at)?;
        if is_aggregate(&cur) {
            return Ok(cur);
        }
        Ok(Value::Ref(Rc::new(Ptr::Field(o.clone(), i as u32))))
    }

    #[inline(never)]
    fn index(&self, v: &Value, i: &Value, at: At) -> R<Value> {
        if let Some(view) = slice_view(v) {
            return Ok(match view_at(&view, i, at)? {
                ViewAt::Elem(k) => item_of(&view.0, k).unwrap_or_default(),
                ViewAt::Range(a, b) => Value::vec((a..b).filter_map(|k| item_of(&view.0, k)).collect()),
            });
        }
        let target = deref_all(v);
        // A `&str` is sliced by a range (`&s[1..]`); it has no elements to index.
        if let (Value::Str(s), Value::Native(n)) = (&target, i) {
            if let Native::Iter(it) = &**n {
                return super::methods::slice_str(s, &it.borrow(), at);
            }
        }
        let Value::Obj(o) = &target else { return Err(at.err(format!("cannot index into {}", target.type_name()))) };
        if let Value::Native(n) = i {
            if let Native::Iter(it) = &**n {
                return super::methods::slice(o, &it.borrow(), at);
            }
        }
        let d = o.data.borrow();
        if let Data::Map(m) = &*d {
            return match super::keys::find(o, i).and_then(|at| m.get(at)) {
                Some((_, val)) => Ok(val.clone()),
                None => Err(at.panic("no entry found for key")),
            };
        }
        let idx = super::ops::as_usize(i, at)?;
        let out = match &*d {
            Data::Fields(f) if o.ty == ty::ARRAY => f.get(idx).cloned(),
            Data::Vec(f) => f.get(idx).cloned(),
            Data::Deque(f) => f.get(idx).cloned(),
            Data::Str(_) => return Err(at.err("strings cannot be indexed by an integer in Rust: use `.chars().nth(i)` or a range")),
            _ => return Err(at.err(format!("cannot index into {}", target.type_name()))),
        };
        let len = len_of(&d);
        out.ok_or_else(|| at.panic(format!("index out of bounds: the len is {len} but the index is {idx}")))
    }

    /// `g[i]` of a program's type with an `impl Index` (`index_mut` of `impl IndexMut` for a
    /// place written or borrowed, `index` when it has no `index_mut`): the reference its method
    /// gives. `None` for any other value.
    #[inline(never)]
    fn user_index(self: &Rc<Self>, fib: &mut Fiber, v: &Value, i: &Value, mutable: bool, cx: &mut Context<'_>, at: At) -> R<Option<Value>> {
        let d = deref_all(v);
        let Value::Obj(o) = &d else { return Ok(None) };
        if o.ty < ty::FIRST_USER {
            return Ok(None);
        }
        // `impl Index<TicketId>` beside `impl Index<&TicketId>`: the one for the index's kind.
        let info = &self.code.types[o.ty as usize];
        let find = |name: &str| {
            let n = self.code.name_id(name)?;
            let f = self.user_method(&d, n)?.0;
            Some(
                info.overloads
                    .get(&n)
                    .and_then(|c| super::code::pick_by_ref(c, &deref_all(i), &info.ref_overloads, matches!(i, Value::Ref(_))))
                    .unwrap_or(f),
            )
        };
        let f = if mutable { find("index_mut").or_else(|| find("index")) } else { find("index") };
        let Some(f) = f else { return Ok(None) };
        self.call_fn(fib, f, vec![d.clone(), i.clone()], None, cx, at).map(Some)
    }

    /// `v[i]` of a program's type with no `Index` impl of its own but a `Deref` (a `SortedVec`
    /// whose `deref` gives its `[T]`): what its `deref` (`deref_mut`, to write) gives, as Rust
    /// dereferences an indexed expression until it can be indexed. Anything else stays.
    #[inline(never)]
    fn index_deref(self: &Rc<Self>, fib: &mut Fiber, v: Value, mutable: bool, cx: &mut Context<'_>, at: At) -> R<Value> {
        let mut cur = v;
        for _ in 0..8 {
            let d = deref_all(&cur);
            if !matches!(&d, Value::Obj(o) if o.ty >= ty::FIRST_USER) {
                break;
            }
            let method = |name: &str| self.code.name_id(name).and_then(|n| self.user_method(&d, n)).map(|(f, _)| f);
            if method("index").is_some() {
                break;
            }
            let Some(f) = (if mutable { method("deref_mut").or_else(|| method("deref")) } else { method("deref") }) else { break };
            cur = self.call_fn(fib, f, vec![d.clone()], None, cx, at)?;
        }
        Ok(cur)
    }

    /// `*r = value` for a reference a program's `index_mut` gave.
    fn store_through(&self, r: &Value, value: Value, at: At) -> R<()> {
        match r {
            Value::Ref(p) => super::rt::write_ptr(p, value, at),
            other => Err(at.err(format!("`index_mut` must return a `&mut` reference, not {}", other.type_name()))),
        }
    }

    #[inline(never)]
    fn set_index(&self, target: &Value, i: &Value, value: Value, at: At) -> R<()> {
        if let Some(view) = slice_view(target) {
            let ViewAt::Elem(k) = view_at(&view, i, at)? else {
                return Err(at.err("cannot assign to a slice as a whole: assign its elements"));
            };
            return self.set_index(&Value::Obj(view.0), &Value::usize(k), value, at);
        }
        let t = deref_all(target);
        let Value::Obj(o) = &t else { return Err(at.err(format!("cannot index into {}", t.type_name()))) };
        let idx = super::ops::as_usize(i, at)?;
        let old = {
            let mut d = o.data.borrow_mut();
            let len = len_of(&d);
            let slot = match &mut *d {
                Data::Fields(f) if o.ty == ty::ARRAY => f.get_mut(idx),
                Data::Vec(f) => f.get_mut(idx),
                Data::Deque(f) => f.get_mut(idx),
                _ => return Err(at.err(format!("cannot assign into {} by index", t.type_name()))),
            };
            let slot = slot.ok_or_else(|| at.panic(format!("index out of bounds: the len is {len} but the index is {idx}")))?;
            replace_slot(slot, value, at)?
        };
        drop(old);
        Ok(())
    }

    #[inline(never)]
    fn ref_index(&self, v: &Value, i: &Value, at: At) -> R<Value> {
        if let Some(view) = slice_view(v) {
            if let ViewAt::Elem(k) = view_at(&view, i, at)? {
                return self.ref_index(&Value::Obj(view.0), &Value::usize(k), at);
            }
        }
        let cur = self.index(v, i, at)?;
        // `&v[a..b]` is the slice itself; `&v[i]` of an aggregate, its handle.
        if is_aggregate(&cur) || matches!(i, Value::Native(_)) {
            return Ok(cur);
        }
        let t = deref_all(v);
        let Value::Obj(o) = &t else { return Err(at.err("cannot index into this")) };
        if matches!(&*o.data.borrow(), Data::Map(_)) {
            return Ok(cur);
        }
        let idx = super::ops::as_usize(i, at)?;
        Ok(Value::Ref(Rc::new(Ptr::Index(o.clone(), idx))))
    }

    /// What a program's own `Deref::deref` of `v` returns (a reference), if `v` is of a type of
    /// the program that implements it.
    fn own_deref(self: &Rc<Self>, fib: &mut Fiber, v: &Value, cx: &mut Context<'_>, at: At) -> R<Option<Value>> {
        self.own_deref_as(fib, v, "deref", cx, at)
    }

    /// [`Self::own_deref`] by `method` (`deref`, or `deref_mut`, which falls back to `deref`).
    #[inline(never)]
    fn own_deref_as(self: &Rc<Self>, fib: &mut Fiber, v: &Value, method: &str, cx: &mut Context<'_>, at: At) -> R<Option<Value>> {
        let d = deref_all(v);
        let own =
            matches!(&d, Value::Obj(o) if o.ty >= ty::FIRST_USER && self.code.types.get(o.ty as usize).is_some_and(|t| t.has("Deref")));
        let f = self
            .code
            .name_id(method)
            .and_then(|n| self.user_method(&d, n))
            .or_else(|| self.code.name_id("deref").and_then(|n| self.user_method(&d, n)));
        match f.filter(|_| own) {
            Some((f, _)) => self.call_fn(fib, f, vec![d], None, cx, at).map(Some),
            None => Ok(None),
        }
    }

    /// A `static`'s value: the one made at its first use (a handle: an atomic, a `Mutex`, a
    /// collection inside is shared by every use, as the one `static` is).
    #[inline(never)]
    fn op_static(self: &Rc<Self>, fib: &mut Fiber, k: u32, cx: &mut Context<'_>, at: At) -> R<Flow> {
        if self.code.thread_locals.contains(&k) {
            return self.thread_static(fib, k, cx, at);
        }
        let made = self.statics.borrow().get(k as usize).cloned().flatten();
        let v = match made {
            Some(v) => v,
            None => {
                let f = self.code.const_fns.get(k as usize).copied().ok_or_else(|| at.err("internal error: no such static"))?;
                let v = self.call_fn(fib, f, Vec::new(), None, cx, at)?;
                let mut statics = self.statics.borrow_mut();
                if statics.len() <= k as usize {
                    statics.resize(k as usize + 1, None);
                }
                statics[k as usize] = Some(v.clone());
                v
            }
        };
        // A `Copy` aggregate is read by value (`let mut c = CONFIG;` then `c.x = 1` leaves the
        // static as it was); anything else is the static itself.
        fib.stack.push(v.copied());
        Ok(Flow::Next)
    }

    /// The `thread_local!` values of the thread numbered `no`, which has finished: dropped.
    #[inline(never)]
    pub(crate) fn drop_thread_locals(&self, no: u64) {
        let mut mine: Vec<Value> = Vec::new();
        if let Ok(mut all) = self.thread_statics.try_borrow_mut() {
            let mut i = 0;
            while i < all.len() {
                if all[i].0 .1 == no {
                    mine.push(all.remove(i).1);
                } else {
                    i += 1;
                }
            }
        }
        // Latest made first, as std runs a thread's destructors.
        while let Some(v) = mine.pop() {
            drop(v);
        }
    }

    /// A `thread_local!` static: this thread's value, made at its first use here.
    #[inline(never)]
    fn thread_static(self: &Rc<Self>, fib: &mut Fiber, k: u32, cx: &mut Context<'_>, at: At) -> R<Flow> {
        let key = (k, self.current_thread().no);
        let made = self.thread_statics.borrow().iter().find(|(x, _)| *x == key).map(|(_, v)| v.clone());
        let v = match made {
            Some(v) => v,
            None => {
                let f = self.code.const_fns.get(k as usize).copied().ok_or_else(|| at.err("internal error: no such static"))?;
                let v = self.call_fn(fib, f, Vec::new(), None, cx, at)?;
                self.thread_statics.borrow_mut().push((key, v.clone()));
                v
            }
        };
        fib.stack.push(v);
        Ok(Flow::Next)
    }

    /// `for x in bag` of a program's type with its own `impl IntoIterator`: its `into_iter`.
    #[inline(never)]
    fn own_into_iter(self: &Rc<Self>, fib: &mut Fiber, v: Value, cx: &mut Context<'_>, at: At) -> R<Value> {
        let own = match &v {
            Value::Obj(o) => self.code.types.get(o.ty as usize).is_some_and(|t| t.has("IntoIterator") && !t.has("Iterator")),
            _ => false,
        };
        match self.code.name_id("into_iter").and_then(|n| self.user_method(&v, n)).filter(|_| own) {
            Some((f, _)) => self.call_fn(fib, f, vec![v], None, cx, at),
            None => Ok(v),
        }
    }

    /// `&mut v[a..b]`: a view of `v`'s elements ([`Ptr::Slice`]); all of them is `v` itself.
    #[inline(never)]
    fn ref_slice_mut(&self, v: &Value, i: &Value, at: At) -> R<Value> {
        if let Some(view) = slice_view(v) {
            return Ok(match view_at(&view, i, at)? {
                ViewAt::Range(a, b) => Value::Ref(Rc::new(Ptr::Slice(view.0, a, b))),
                ViewAt::Elem(_) => return Err(at.err("a slice needs a range")),
            });
        }
        let t = deref_all(v);
        let (Value::Obj(o), Value::Native(n)) = (&t, i) else { return self.ref_index(v, i, at) };
        let Native::Iter(it) = &**n else { return self.ref_index(v, i, at) };
        let len = {
            let d = o.data.borrow();
            if !matches!(&*d, Data::Vec(_)) && o.ty != ty::ARRAY {
                drop(d);
                return self.ref_index(v, i, at);
            }
            len_of(&d)
        };
        let it = it.borrow();
        let (lo, hi) = super::methods::range_bounds(&it, len);
        super::methods::check_slice_range(&it, lo, hi, len, at)?;
        Ok(if (lo, hi) == (0, len) { t.clone() } else { Value::Ref(Rc::new(Ptr::Slice(o.clone(), lo, hi))) })
    }

    // ----- Iteration -----

    #[inline(never)]
    pub(crate) fn iter_of(&self, v: Value, at: At) -> R<Value> {
        // `for x in s` of a `&mut [T]`: its elements, as places.
        if let Some((obj, front, back)) = slice_view(&v) {
            return Ok(Value::Native(Rc::new(Native::Iter(RefCell::new(Iter::Elems { obj, front, back, mutable: true })))));
        }
        let d = deref_all(&v);
        let it = match &d {
            Value::Native(n) if matches!(&**n, Native::Iter(_)) => return Ok(d),
            Value::Native(n) if matches!(&**n, Native::Receiver(_)) => Iter::Recv(n.clone(), true),
            Value::Obj(o) => {
                // A user iterator: `next` is called each turn.
                if self.code.types.get(o.ty as usize).is_some_and(|t| t.has("Iterator")) {
                    return Ok(d);
                }
                let borrowed = matches!(v, Value::Ref(_)) || Rc::strong_count(o) > 1;
                let data = o.data.borrow();
                let items: std::collections::VecDeque<Value> = match &*data {
                    Data::Vec(items) => items.iter().cloned().collect(),
                    Data::Fields(items) if o.ty == ty::ARRAY => items.iter().cloned().collect(),
                    Data::Deque(items) => items.iter().cloned().collect(),
                    Data::Map(m) => m.iter().map(|(k, v)| Value::tuple(vec![k.clone(), v.clone()])).collect(),
                    Data::Variant(1, f) if o.ty == ty::OPTION => f.iter().cloned().collect(),
                    Data::Variant(_, _) if o.ty == ty::OPTION => std::collections::VecDeque::new(),
                    _ => return Err(at.err(format!("{} is not an iterator", d.type_name()))),
                };
                let _ = borrowed;
                Iter::Values(items)
            }
            other => {
                return Err(at.err(format!("{} is not an iterator: `for` needs a range, a collection or an iterator", other.type_name())))
            }
        };
        Ok(Value::Native(Rc::new(Native::Iter(RefCell::new(it)))))
    }

    /// The next item of an iterator value.
    fn iter_next_impl(self: &Rc<Self>, fib: &mut Fiber, it: &Value, cx: &mut Context<'_>, at: At) -> R<Option<Value>> {
        match it {
            Value::Native(n) => match &**n {
                Native::Iter(cell) => super::methods::next(self, fib, cell, cx, at),
                _ => Err(at.err(format!("{} is not an iterator", it.type_name()))),
            },
            Value::Obj(o) => {
                let Some(next) = self.code.name_id("next").and_then(|n| self.code.types.get(o.ty as usize)?.methods.get(&n).copied())
                else {
                    return Err(at.err(format!("{} is not an iterator", it.type_name())));
                };
                let r = self.call_fn(fib, next, vec![it.clone()], None, cx, at)?;
                match r.variant_of(ty::OPTION) {
                    Some((1, mut f)) => Ok(f.pop()),
                    Some(_) => Ok(None),
                    None => Err(at.err("`next` must return an `Option`")),
                }
            }
            Value::Ref(_) => {
                let d = deref(it, at)?;
                self.iter_next(fib, &d, cx, at)
            }
            _ => Err(at.err(format!("{} is not an iterator", it.type_name()))),
        }
    }
}

/// What a consumer reads ahead is held until it ends: an endless one stops at the length a
/// collection may have (the consumer counts the values it makes, once).
fn held_within(n: usize, at: At) -> R<()> {
    if n > MAX_LEN {
        return Err(at.err(format!("an iterator read ahead yields more than {MAX_LEN} items here")));
    }
    Ok(())
}

/// What a consumer reads one call at a time ([`Interp::consumer_blocks`]).
enum DrainSource {
    /// `map`s: the iterator under them, and their functions with the closures' captures,
    /// innermost first (none for a `map` of a built-in function).
    Map(Value, Vec<(u32, Option<Vec<Slot>>)>),
    /// An iterator of the program's: its `next`, and the iterator.
    Next(u32, Value),
}

/// A field by name (interned) or by position.
#[derive(Clone, Copy)]
pub enum FieldRef {
    /// `s.name`
    Name(u32),
    /// `t.0`
    Index(u32),
}

/// Whether `v` is a future that finished: a fused future is terminated then.
fn is_terminated(v: &Value) -> bool {
    match deref_all(v) {
        Value::Fut(f) => f.state.try_borrow().is_ok_and(|s| matches!(*s, FutState::Done)),
        _ => false,
    }
}

#[inline(always)]
fn pop(fib: &mut Fiber) -> Value {
    fib.stack.pop().unwrap_or_default()
}

impl Interp {
    /// `g.join("+")` of a program's type without a `join` of its own, which its `Deref` to a
    /// `Vec<String>` reaches: a slice's `join`, which borrows (a `JoinHandle`'s consumes).
    #[inline(never)]
    fn join_through_deref(&self, name: &str, recv: &Value) -> bool {
        name == "join"
            && matches!(recv, Value::Obj(o) if o.ty >= ty::FIRST_USER
                && self.code.name_id("join").is_some_and(|n| self.code.types.get(o.ty as usize).is_some_and(|t| !t.methods.contains_key(&n))))
    }
}

/// A slice's `join` (`parts.join(&0)`), which borrows it, where a `JoinHandle`'s takes it.
#[inline(never)]
fn borrowing_join(name: &str, recv: &Value) -> bool {
    name == "join" && matches!(deref_all(recv), Value::Obj(o) if matches!(o.ty, ty::VEC | ty::ARRAY))
}

fn set_pc(fib: &mut Fiber, t: u32) {
    if let Some(f) = fib.frames.last_mut() {
        f.pc = t;
    }
}

/// Moves the top frame's `pc` back by `n` (to retry an op on the next poll).
fn back(fib: &mut Fiber, n: u32) {
    if let Some(f) = fib.frames.last_mut() {
        f.pc = f.pc.saturating_sub(n);
    }
}

/// The next value of the range iterator in `slot`, stepping it (`Some(None)` when it is done);
/// `None` when `slot` holds anything else.
fn range_step(slot: Option<&Value>) -> Option<Option<Value>> {
    let Some(Value::Native(n)) = slot else { return None };
    let Native::Iter(cell) = &**n else { return None };
    let mut it = cell.try_borrow_mut().ok()?;
    matches!(*it, Iter::Range { .. }).then(|| super::methods::step_range(&mut it))
}

/// `o.f op= r` for an integer field and an integer operand (`self.left -= 1`): the field changed
/// where it is, found with the one borrow that changes it; whether it was. Anything else (a
/// result without a type, which takes the field's declared type; an overflow, reported with its
/// message; another kind of field) is left to the general path.
#[inline(always)]
fn int_field_in_place(code: &Code, o: &Obj, b: BinOp, f: FieldRef, r: &Value, at: At) -> bool {
    let Ok(mut d) = o.data.try_borrow_mut() else { return false };
    let (variant, fields) = match &mut *d {
        Data::Fields(fs) => (None, fs),
        Data::Variant(v, fs) => (Some(*v), fs),
        _ => return false,
    };
    let i = match f {
        FieldRef::Index(i) => Some(i),
        FieldRef::Name(n) if variant.is_none() => code.struct_field_index(o.ty, n).map(|i| i as u32),
        FieldRef::Name(n) => code.field_index(o.ty, variant, n),
    };
    match i.and_then(|i| fields.get_mut(i as usize)) {
        Some(slot @ Value::Int(..)) => match super::ops::int_step(b, slot, r).map(Ok).or_else(|| super::ops::int_binary(b, slot, r, at)) {
            Some(Ok(out @ Value::Int(_, Some(_)))) => {
                *slot = out;
                true
            }
            _ => false,
        },
        _ => false,
    }
}

/// Field `name` of a struct's fields, as [`Interp::field`] reads it; `None` for anything else
/// (another kind of aggregate, no such field, a field moved out), which that reports.
#[inline(always)]
fn struct_field(code: &Code, o: &Obj, name: u32) -> Option<Value> {
    let d = o.data.try_borrow().ok()?;
    let Data::Fields(fields) = &*d else { return None };
    match fields.get(code.struct_field_index(o.ty, name)?)? {
        Value::Void => None,
        v => Some(v.clone()),
    }
}

/// Pushes the local in `slot` as [`Op::Load`] reads it: the same handle, not moved (a boxed
/// local's value, through its place).
fn load_local(fib: &mut Fiber, slot: usize, at: At) -> R<()> {
    let v = match fib.stack.get(slot) {
        Some(Value::Void) | None => return Err(at.err(MOVED)),
        Some(Value::Place(p)) => p.borrow().clone(),
        Some(v) => v.clone(),
    };
    fib.stack.push(v);
    Ok(())
}

/// The program's constant `c`, as [`Op::Const`] pushes it: an aggregate is a fresh copy.
fn constant(code: &Code, c: u32) -> Value {
    match &code.consts[c as usize] {
        Value::Obj(o) => Value::Obj(Obj::new(o.ty, o.copy, o.data.borrow().clone())),
        v => v.clone(),
    }
}

fn truth(v: &Value, at: At) -> R<bool> {
    match v {
        Value::Bool(b) => Ok(*b),
        // Through references, a bounded number of them (`r = &r` refers to itself).
        Value::Ref(_) => match deref(v, at)? {
            Value::Bool(b) => Ok(b),
            Value::Ref(_) => match deref_all(v) {
                Value::Bool(b) => Ok(b),
                other => Err(at.err(format!("a condition must be a bool, not {}", other.type_name()))),
            },
            other => Err(at.err(format!("a condition must be a bool, not {}", other.type_name()))),
        },
        other => Err(at.err(format!("a condition must be a bool, not {}", other.type_name()))),
    }
}

fn take_or_copy(v: &mut Value) -> Value {
    if v.is_copy() {
        v.copied()
    } else {
        std::mem::take(v)
    }
}

/// The receiver a user method gets: references to aggregates are their handles.
fn user_receiver(v: &Value) -> Value {
    match v {
        Value::Ref(_) | Value::Native(_) => {
            let d = deref_all(v);
            if matches!(d, Value::Obj(_)) {
                d
            } else {
                v.clone()
            }
        }
        _ => v.clone(),
    }
}

/// Where an index into a slice view lands in the `Vec` or array it views.
enum ViewAt {
    /// One element, at this position of the whole.
    Elem(usize),
    /// A range of it, checked.
    Range(usize, usize),
}

/// `s[i]` or `s[a..b]` of the view `(v, lo, hi)`: checked against the view's length, with std's
/// messages, and moved to `v`'s positions.
#[inline(never)]
fn view_at(view: &(Rc<Obj>, usize, usize), i: &Value, at: At) -> R<ViewAt> {
    let (_, lo, hi) = *view;
    let len = hi - lo;
    if let Value::Native(n) = i {
        if let Native::Iter(it) = &**n {
            let it = it.borrow();
            let (a, b) = super::methods::range_bounds(&it, len);
            super::methods::check_slice_range(&it, a, b, len, at)?;
            return Ok(ViewAt::Range(lo + a, lo + b));
        }
    }
    let idx = super::ops::as_usize(i, at)?;
    if idx >= len {
        return Err(at.panic(format!("index out of bounds: the len is {len} but the index is {idx}")));
    }
    Ok(ViewAt::Elem(lo + idx))
}

/// The element `k` of a `Vec` or an array.
fn item_of(o: &Obj, k: usize) -> Option<Value> {
    match &*o.data.borrow() {
        Data::Vec(f) | Data::Fields(f) => f.get(k).cloned(),
        _ => None,
    }
}
