//! One sort for the whole app, compiled once.
//!
//! The standard library's sorts are generic: every element type and comparison the app sorts by
//! gets its own copy of driftsort or ipnsort, 3 to 4 KB of wasm each (nine copies were 32 KB of
//! code, about a sixteenth of what an embed downloads). The app's sorts are small (a lane's items,
//! the pending timers, a thousand tasks' metrics), so the order is found once, by a merge sort of
//! indices that calls the comparison through `dyn`, and only the moving of the elements into that
//! order is generic (a loop of swaps). The learner's own `sort` (in the language) has a merge sort
//! of its own, because its comparisons can fail.

use std::cmp::Ordering;

/// Sorts `v` by `cmp`, stably: what `<[T]>::sort_by` does, with the same result.
///
/// # Examples
///
/// ```
/// # use waker_playground::core::sort_by;
/// let mut v = [(2, 'a'), (1, 'b'), (2, 'c'), (1, 'd')];
/// sort_by(&mut v, |a, b| a.0.cmp(&b.0));
/// assert_eq!(v, [(1, 'b'), (1, 'd'), (2, 'a'), (2, 'c')]);
/// ```
pub fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let order = {
        let v = &*v;
        sorted_order(v.len(), &mut |a, b| cmp(&v[a], &v[b]))
    };
    permute(v, order);
}

/// Sorts `v` by the key `key` gives, stably: what `<[T]>::sort_by_key` does.
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `v` in its natural order: what `<[T]>::sort` does.
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// The indices `0..n` in the order `cmp` says (equal ones keep their order): a bottom-up merge
/// sort, which merges two runs already in order by copying them (so input in order costs `n`
/// comparisons).
fn sorted_order(n: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut from: Vec<usize> = (0..n).collect();
    let mut to = vec![0; n];
    let mut width = 1;
    while width < n {
        let mut start = 0;
        while start < n {
            let mid = n.min(start + width);
            let end = n.min(start + 2 * width);
            if mid == end || cmp(from[mid - 1], from[mid]) != Ordering::Greater {
                to[start..end].copy_from_slice(&from[start..end]);
            } else {
                let (mut i, mut j, mut k) = (start, mid, start);
                while i < mid && j < end {
                    // Only a right element strictly less than the left one goes first: stable.
                    if cmp(from[j], from[i]) == Ordering::Less {
                        to[k] = from[j];
                        j += 1;
                    } else {
                        to[k] = from[i];
                        i += 1;
                    }
                    k += 1;
                }
                to[k..k + (mid - i)].copy_from_slice(&from[i..mid]);
                k += mid - i;
                to[k..end].copy_from_slice(&from[j..end]);
            }
            start = end;
        }
        std::mem::swap(&mut from, &mut to);
        width *= 2;
    }
    from
}

/// Moves the elements of `v` so that place `i` holds what was at `order[i]`, following each cycle
/// of the permutation with swaps (each place is visited once; `order` marks the places done).
fn permute<T>(v: &mut [T], mut order: Vec<usize>) {
    for start in 0..v.len() {
        let mut at = start;
        loop {
            let from = order[at];
            order[at] = at;
            if from == start || from == at {
                break;
            }
            v.swap(at, from);
            at = from;
        }
    }
}

// Native only: proptest is not built for wasm32.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The same result as the standard library's stable sort, equal keys in their order
        /// (each element carries its first place, which the comparison does not look at).
        #[test]
        fn sorts_as_std_stable_sort(keys in proptest::collection::vec(0u8..12, 0..300)) {
            let mut ours: Vec<(u8, usize)> = keys.iter().copied().zip(0..).collect();
            let mut std_sorted = ours.clone();
            sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
            std_sorted.sort_by_key(|a| a.0);
            prop_assert_eq!(ours, std_sorted);
        }

        #[test]
        fn sorts_descending_and_keyed_as_std(keys in proptest::collection::vec(any::<i32>(), 0..200)) {
            let mut ours = keys.clone();
            let mut std_sorted = keys.clone();
            sort_by(&mut ours, |a, b| b.cmp(a));
            std_sorted.sort_by(|a, b| b.cmp(a));
            prop_assert_eq!(&ours, &std_sorted);
            let mut ours = keys.clone();
            let mut std_sorted = keys;
            sort_by_key(&mut ours, |k| k.unsigned_abs());
            std_sorted.sort_by_key(|k| k.unsigned_abs());
            prop_assert_eq!(ours, std_sorted);
        }
    }

    /// Input already in order merges by copying: one comparison per run boundary, n - 1 in all
    /// for sorted input (what keeps the per-frame sorts of lanes in order cheap).
    #[test]
    fn sorted_input_takes_linear_comparisons() {
        let mut v: Vec<u32> = (0..1000).collect();
        let mut calls = 0;
        sort_by(&mut v, |a, b| {
            calls += 1;
            a.cmp(b)
        });
        assert!(v.windows(2).all(|w| w[0] < w[1]));
        assert!(calls < 1000, "{calls} comparisons for 1,000 sorted elements");
        let mut rev: Vec<u32> = (0..1000).rev().collect();
        sort(&mut rev);
        assert_eq!(rev, v);
    }

    /// Elements that own memory move without being copied or dropped (a String's buffer is the
    /// same after the sort).
    #[test]
    fn moves_owned_elements() {
        let mut v: Vec<String> = ["pear", "fig", "apple", "kiwi"].iter().map(|s| s.to_string()).collect();
        let before: Vec<*const u8> = v.iter().map(|s| s.as_ptr()).collect();
        sort(&mut v);
        assert_eq!(v, ["apple", "fig", "kiwi", "pear"]);
        let mut after: Vec<*const u8> = v.iter().map(|s| s.as_ptr()).collect();
        let mut before = before;
        before.sort();
        after.sort();
        assert_eq!(before, after);
    }
}
