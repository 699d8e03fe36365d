//! Removes ops that do nothing and joins common pairs, once per function after it is compiled.
//!
//! The compiler emits each construct on its own: a block without a tail pushes `()`, and the
//! statement holding it pops it again; an `if` without `else` pushes `()` on both paths and
//! jumps to a `Pop`. Each op costs a turn of the evaluator's loop, so a loop's body written in
//! the language pays for them on every turn. This pass rewrites a function's ops, keeping what
//! the program does (its values, drops, budgets and the spans of what it can report):
//!
//! - `Unit; Pop` is nothing;
//! - `Unit; Jump(t)` where `t` is a `Pop` is `Jump(t + 1)`;
//! - a jump to a `Jump` goes where that one goes, and a `Jump` to the next op is nothing;
//! - `AwaitYield(s); Pop` is [`Op::AwaitYieldPop`], which leaves nothing;
//! - `IterNext(it, exit); Store(x)` is [`Op::IterNextStore`], which stores the item itself;
//! - `DropLocal(x); Jump(t)` is [`Op::DropJump`] (the end of a loop's body);
//! - `Load(x); Field(f)` is [`Op::LoadField`], `Const(c); Binary(op)` is [`Op::ConstBinary`],
//!   `Const(c); AssignOpField(op, f)` is [`Op::ConstAssignOpField`], and `Load(x)` before that
//!   is [`Op::LocalConstAssignOpField`], each with the second op's span (the one that can fail;
//!   a moved local assigned through is reported at the assignment, as rustc reports it);
//! - `Load(x); CallMethod(s)` where `s` is a `waker()` site is [`Op::LoadWaker`] (`cx.waker()`),
//!   with the call's span.
//!
//! A pair is joined only when no jump lands between its two ops (a path arriving there would
//! skip the first op's push). An op removed as a jump target sends its jumps to the next op
//! kept, which does what the removed ops would have done, and nothing: the removed ops leave
//! the stack as they found it on every path through them.

use super::code::{Hot, Op};
use super::lexer::Span;

/// The position an op jumps to, if it jumps.
fn target(op: &Op) -> Option<u32> {
    match *op {
        Op::Jump(t) | Op::JumpIfFalse(t) | Op::AndJump(t) | Op::OrJump(t) | Op::IterNext(_, t) | Op::IterNextStore(_, _, t) => Some(t),
        Op::DropJump(_, t) => Some(t),
        Op::Match(_, t) => Some(t),
        _ => None,
    }
}

/// `op` with its jump sent to `t`.
fn retarget(op: Op, t: u32) -> Op {
    match op {
        Op::Jump(_) => Op::Jump(t),
        Op::JumpIfFalse(_) => Op::JumpIfFalse(t),
        Op::AndJump(_) => Op::AndJump(t),
        Op::OrJump(_) => Op::OrJump(t),
        Op::IterNext(l, _) => Op::IterNext(l, t),
        Op::IterNextStore(l, x, _) => Op::IterNextStore(l, x, t),
        Op::DropJump(l, _) => Op::DropJump(l, t),
        Op::Match(s, _) => Op::Match(s, t),
        other => other,
    }
}

/// The one op that does what the pair `a; b` at `i` does, and its span: the first's, or the
/// second's where the second is the one that can fail (a missing field, an overflow; a moved
/// local read for its field is reported at `s.f`, as rustc reports it).
fn join(a: Op, b: Op, i: usize, sa: Span, sb: Span, hot: &dyn Fn(u32) -> Hot) -> Option<(Op, Span)> {
    Some(match (a, b) {
        (Op::AwaitYield(s), Op::Pop) => (Op::AwaitYieldPop(s), sa),
        (Op::IterNext(it, exit), Op::Store(x)) => (Op::IterNextStore(it, x, exit), sa),
        // Not a jump to the op after the pair: that one is only removed.
        (Op::DropLocal(l), Op::Jump(t)) if t as usize != i + 2 => (Op::DropJump(l, t), sa),
        (Op::Load(l), Op::Field(f)) => (Op::LoadField(l, f), sb),
        (Op::Const(c), Op::Binary(op)) => (Op::ConstBinary(op, c), sb),
        (Op::Const(c), Op::AssignOpField(op, f)) => (Op::ConstAssignOpField(op, f, c), sb),
        (Op::Load(l), Op::ConstAssignOpField(op, f, c)) => (Op::LocalConstAssignOpField(l, op, f, c), sb),
        (Op::Load(l), Op::CallMethod(s)) if hot(s) == Hot::Waker => (Op::LoadWaker(l, s), sb),
        _ => return None,
    })
}

/// Rewrites `ops` (and `spans`, one per op) as the module's documentation says. `hot` tells a
/// method-call site's fast path.
pub fn optimize(ops: &mut Vec<Op>, spans: &mut Vec<Span>, hot: &dyn Fn(u32) -> Hot) {
    if ops.len() != spans.len() {
        return;
    }
    // Each rule shortens the list or moves a jump forward past a `Jump`, so this ends; a few
    // rounds reach the fixed point of nested `if`s.
    for _ in 0..8 {
        if !round(ops, spans, hot) {
            break;
        }
    }
}

/// One round of the rules; whether anything changed.
fn round(ops: &mut Vec<Op>, spans: &mut Vec<Span>, hot: &dyn Fn(u32) -> Hot) -> bool {
    let n = ops.len();
    let mut targeted = vec![false; n + 1];
    for op in ops.iter() {
        if let Some(t) = target(op) {
            if let Some(slot) = targeted.get_mut(t as usize) {
                *slot = true;
            }
        }
    }
    let mut changed = false;
    // Jump threading: a jump to an unconditional `Jump` goes where it goes (not through a
    // chain that loops on itself).
    for i in 0..n {
        let Some(mut t) = target(&ops[i]) else { continue };
        let mut hops = 0;
        while let Some(Op::Jump(u)) = ops.get(t as usize) {
            if *u == t || hops >= 8 {
                break;
            }
            t = *u;
            hops += 1;
        }
        if Some(t) != target(&ops[i]) {
            ops[i] = retarget(ops[i], t);
            changed = true;
        }
    }
    // What each op becomes: kept, replaced, or removed.
    let mut keep = vec![true; n];
    let mut i = 0;
    while i < n {
        // Whether no jump lands on the next op (`targeted` has an entry past the last op, where
        // a jump may land; each pair below also needs a next op).
        let next_free = !targeted[i + 1];
        if let Some((op, span)) =
            ops.get(i + 1).filter(|_| next_free).and_then(|&second| join(ops[i], second, i, spans[i], spans[i + 1], hot))
        {
            ops[i] = op;
            spans[i] = span;
            keep[i + 1] = false;
            i += 2;
            continue;
        }
        match (ops[i], ops.get(i + 1)) {
            (Op::Unit, Some(Op::Pop)) if next_free => {
                keep[i] = false;
                keep[i + 1] = false;
                i += 2;
                continue;
            }
            (Op::Unit, Some(&Op::Jump(t))) if next_free && ops.get(t as usize) == Some(&Op::Pop) => {
                keep[i] = false;
                ops[i + 1] = Op::Jump(t + 1);
                i += 2;
                continue;
            }
            (Op::Jump(t), _) if t as usize == i + 1 => {
                keep[i] = false;
            }
            _ => {}
        }
        i += 1;
    }
    if keep.iter().all(|&k| k) {
        return changed;
    }
    // Old position → new: a removed op's position is that of the next op kept.
    let mut new_at = vec![0u32; n + 1];
    let mut kept = 0u32;
    for j in 0..n {
        new_at[j] = kept;
        if keep[j] {
            kept += 1;
        }
    }
    new_at[n] = kept;
    let mut out_ops = Vec::with_capacity(kept as usize);
    let mut out_spans = Vec::with_capacity(kept as usize);
    for j in 0..n {
        if keep[j] {
            let op = match target(&ops[j]) {
                Some(t) => retarget(ops[j], new_at.get(t as usize).copied().unwrap_or(kept)),
                None => ops[j],
            };
            out_ops.push(op);
            out_spans.push(spans[j]);
        }
    }
    *ops = out_ops;
    *spans = out_spans;
    true
}

#[cfg(test)]
mod tests {
    use super::super::ast::BinOp;
    use super::*;

    fn run(ops: &[Op]) -> Vec<Op> {
        let mut ops = ops.to_vec();
        let mut spans: Vec<Span> = (0..ops.len()).map(|i| Span { start: i as u32, end: i as u32 + 1 }).collect();
        optimize(&mut ops, &mut spans, &|s| if s == 9 { Hot::Waker } else { Hot::No });
        assert_eq!(ops.len(), spans.len());
        ops
    }

    #[test]
    fn a_unit_popped_is_removed_unless_a_jump_lands_on_the_pop() {
        assert_eq!(run(&[Op::Tick, Op::Unit, Op::Pop, Op::Return]), [Op::Tick, Op::Return]);
        // A path arriving at the `Pop` brings its own value: the pair stays.
        let landing = [Op::JumpIfFalse(3), Op::Unit, Op::Jump(4), Op::Const(0), Op::Pop, Op::Return];
        let out = run(&landing);
        assert!(out.contains(&Op::Pop), "{out:?}");
        // A jump to the `Unit` goes to what follows the pair.
        assert_eq!(run(&[Op::JumpIfFalse(2), Op::Tick, Op::Unit, Op::Pop, Op::Return]), [Op::JumpIfFalse(2), Op::Tick, Op::Return]);
        // Pair after pair: one round's scan goes on past each pair it removed, and removes them
        // all; and a pair at the very start.
        for first in [Op::Tick, Op::Unit] {
            let mut pairs = vec![Op::Tick, Op::Unit, Op::Pop, Op::Tick, Op::Unit, Op::Pop, Op::Tick, Op::Unit, Op::Pop, Op::Return];
            pairs[0] = first;
            if first == Op::Unit {
                pairs.insert(1, Op::Pop);
            }
            let mut spans = vec![Span::default(); pairs.len()];
            assert!(round(&mut pairs, &mut spans, &|_| Hot::No));
            let ticks = if first == Op::Tick { 3 } else { 2 };
            assert_eq!(pairs.len(), ticks + 1, "{pairs:?}");
            assert!(pairs[..ticks].iter().all(|&o| o == Op::Tick) && pairs[ticks] == Op::Return, "{pairs:?}");
        }
    }

    #[test]
    fn an_if_without_else_in_statement_position_leaves_only_its_test_and_branch() {
        // `if c { return } rest` as the compiler emits it: the then-branch's statements, the
        // block's `()` popped, the `if`'s `()` and a jump to its `Pop`; the else path's `()`.
        let ops = [
            Op::Load(0),
            Op::JumpIfFalse(8),
            Op::Unit,
            Op::Return,
            Op::Unit,
            Op::Pop,
            Op::Unit,
            Op::Jump(9),
            Op::Unit,
            Op::Pop,
            Op::Tick,
            Op::Unit,
            Op::Return,
        ];
        assert_eq!(run(&ops), [Op::Load(0), Op::JumpIfFalse(4), Op::Unit, Op::Return, Op::Tick, Op::Unit, Op::Return]);
    }

    #[test]
    fn jumps_through_jumps_go_to_the_end_and_a_self_loop_stays() {
        assert_eq!(
            run(&[Op::JumpIfFalse(2), Op::Tick, Op::Jump(4), Op::Tick, Op::Return]),
            [Op::JumpIfFalse(4), Op::Tick, Op::Jump(4), Op::Tick, Op::Return]
        );
        // A jump to the op after it is nothing.
        assert_eq!(
            run(&[Op::JumpIfFalse(2), Op::Tick, Op::Jump(3), Op::Tick, Op::Return]),
            [Op::JumpIfFalse(2), Op::Tick, Op::Tick, Op::Return]
        );
        // `loop {}` is a jump to itself: kept as it is.
        assert_eq!(run(&[Op::Tick, Op::Jump(0)]), [Op::Tick, Op::Jump(0)]);
        assert_eq!(run(&[Op::Jump(0)]), [Op::Jump(0)]);
    }

    #[test]
    fn a_yield_popped_and_a_loop_item_stored_are_one_op_each() {
        let ops = [Op::IterNext(0, 5), Op::Store(1), Op::AwaitYield(0), Op::Pop, Op::Jump(0), Op::Unit, Op::Return];
        assert_eq!(run(&ops), [Op::IterNextStore(0, 1, 3), Op::AwaitYieldPop(0), Op::Jump(0), Op::Unit, Op::Return]);
        // Not when a jump lands on the second op.
        let ops = [Op::JumpIfFalse(2), Op::IterNext(0, 5), Op::Store(1), Op::AwaitYield(0), Op::Pop, Op::Return, Op::Jump(4)];
        let out = run(&ops);
        assert!(out == ops, "{out:?}");
        let ops = [Op::JumpIfFalse(3), Op::AwaitYield(0), Op::Tick, Op::Pop, Op::Return];
        assert_eq!(run(&ops), ops);
        let ops = [Op::AwaitYield(0), Op::Pop, Op::Return, Op::Jump(1)];
        assert!(run(&ops).contains(&Op::AwaitYield(0)));
    }

    #[test]
    fn every_jump_keeps_landing_on_the_op_it_meant() {
        // Each kind of jump, across a removed pair: it still lands on the `Return`.
        for j in [Op::Jump(4), Op::JumpIfFalse(4), Op::AndJump(4), Op::OrJump(4), Op::IterNext(0, 4), Op::Match(9, 4)] {
            assert_eq!(run(&[j, Op::Unit, Op::Pop, Op::Tick, Op::Return]), [retarget(j, 2), Op::Tick, Op::Return], "{j:?}");
        }
        for (j, want) in [(Op::IterNextStore(0, 1, 4), Op::IterNextStore(0, 1, 2)), (Op::DropJump(0, 4), Op::DropJump(0, 2))] {
            assert_eq!(run(&[j, Op::Unit, Op::Pop, Op::Tick, Op::Return]), [want, Op::Tick, Op::Return]);
        }
    }

    #[test]
    fn a_loop_bodys_last_drop_and_its_jump_back_are_one_op() {
        // `for k in it { yield_now().await; }` as the compiler emits it.
        let ops = [
            Op::Tick,
            Op::IterNext(0, 8),
            Op::Store(1),
            Op::Tick,
            Op::AwaitYield(0),
            Op::Pop,
            Op::DropLocal(1),
            Op::Jump(0),
            Op::Unit,
            Op::Return,
        ];
        assert_eq!(run(&ops[..ops.len() - 3]).last(), Some(&Op::DropLocal(1)), "no jump: nothing to join");
        let out = run(&ops);
        assert_eq!(out, [Op::Tick, Op::IterNextStore(0, 1, 5), Op::Tick, Op::AwaitYieldPop(0), Op::DropJump(1, 0), Op::Unit, Op::Return]);
        // A jump that landed on the `Jump` (a path that drops nothing) now goes where it goes, so
        // the pair is free to join; a jump to the next op is only removed.
        let ops = [Op::JumpIfFalse(2), Op::DropLocal(1), Op::Jump(0), Op::Return];
        assert_eq!(run(&ops), [Op::JumpIfFalse(0), Op::DropJump(1, 0), Op::Return]);
        assert_eq!(run(&[Op::DropLocal(1), Op::Jump(2), Op::Return]), [Op::DropLocal(1), Op::Return]);
    }

    #[test]
    fn a_local_read_for_its_field_and_constant_operands_join_with_the_second_ops_span() {
        // `if self.left == 0 { .. }` as the compiler emits it.
        let mut ops =
            vec![Op::Tick, Op::Load(0), Op::Field(1), Op::Const(0), Op::Binary(BinOp::Eq), Op::JumpIfFalse(7), Op::Return, Op::Return];
        let mut spans: Vec<Span> = (0..8).map(|i| Span { start: i, end: i + 1 }).collect();
        optimize(&mut ops, &mut spans, &|s| if s == 9 { Hot::Waker } else { Hot::No });
        assert_eq!(ops, [Op::Tick, Op::LoadField(0, 1), Op::ConstBinary(BinOp::Eq, 0), Op::JumpIfFalse(5), Op::Return, Op::Return]);
        // The field's span and the operator's: where a missing field or an overflow is reported.
        assert_eq!(spans.iter().map(|s| s.start).collect::<Vec<_>>(), [0, 2, 4, 5, 6, 7]);
        // Not when a jump lands on the second op (a path arriving there brings its own value).
        let ops = [Op::JumpIfFalse(2), Op::Load(0), Op::Field(1), Op::Return];
        assert_eq!(run(&ops), ops);
        let ops = [Op::JumpIfFalse(2), Op::Const(0), Op::Binary(BinOp::Add), Op::Return];
        assert_eq!(run(&ops), ops);
        // `self.left -= 1`.
        let ops = [Op::Load(0), Op::Const(1), Op::AssignOpField(BinOp::Sub, 2), Op::Return];
        assert_eq!(run(&ops), [Op::LocalConstAssignOpField(0, BinOp::Sub, 2, 1), Op::Return]);
        let ops = [Op::Move(0), Op::Const(1), Op::AssignOpField(BinOp::Sub, 2), Op::Return];
        assert_eq!(run(&ops), [Op::Move(0), Op::ConstAssignOpField(BinOp::Sub, 2, 1), Op::Return]);
        let ops = [Op::JumpIfFalse(1), Op::Load(0), Op::Const(1), Op::AssignOpField(BinOp::Sub, 2), Op::Return];
        assert_eq!(run(&ops), [Op::JumpIfFalse(1), Op::LocalConstAssignOpField(0, BinOp::Sub, 2, 1), Op::Return]);
        let ops = [Op::JumpIfFalse(2), Op::Const(1), Op::AssignOpField(BinOp::Sub, 2), Op::Return];
        assert_eq!(run(&ops), ops);
        // `cx.waker()` (site 9 is a `waker()` site here), and no other method call.
        let ops = [Op::Load(1), Op::CallMethod(9), Op::Load(1), Op::CallMethod(8), Op::Return];
        assert_eq!(run(&ops), [Op::LoadWaker(1, 9), Op::Load(1), Op::CallMethod(8), Op::Return]);
        // Only these pairs: a moved read, a tuple field and a compound assignment stay as they are.
        for ops in [
            [Op::Move(0), Op::Field(1), Op::Return],
            [Op::Load(0), Op::TupleField(1), Op::Return],
            [Op::Const(0), Op::BinaryAssign(BinOp::Add), Op::Return],
        ] {
            assert_eq!(run(&ops), ops);
        }
    }

    #[test]
    fn spans_follow_their_ops() {
        let mut ops = vec![Op::Tick, Op::Unit, Op::Pop, Op::Const(0), Op::Return];
        let mut spans: Vec<Span> = (0..5).map(|i| Span { start: i, end: i + 1 }).collect();
        optimize(&mut ops, &mut spans, &|s| if s == 9 { Hot::Waker } else { Hot::No });
        assert_eq!(ops, [Op::Tick, Op::Const(0), Op::Return]);
        assert_eq!(spans.iter().map(|s| s.start).collect::<Vec<_>>(), [0, 3, 4]);
    }
}
