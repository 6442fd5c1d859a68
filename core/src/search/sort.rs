//! One small stable sort for the search's sorts of things other than
//! positions and the top hits: dictionary candidates, a phrase's terms, a
//! clause's matches, hits and articles by date.
//!
//! The standard library's sort is fast and large: every type and order it
//! sorts gets its own copy of several kilobytes of code, and those copies
//! were a fifth of the engine's code. This one is a few hundred bytes per
//! call site: a natural merge sort of the items' indices, runs
//! already in order found first and merged pairwise, so the usual inputs
//! (a clause's matches are one sorted run per form of the word) cost a few
//! passes; the items are moved once, at the end. The comparison is inlined
//! (through `dyn`, queries were up to 20% slower in a bench run). The sorts
//! of the top hits by score and of word positions keep the standard ones:
//! two copies, shared by their call sites.

use std::cmp::Ordering;

/// Sorts `items` by `compare`, keeping equal items in their order.
pub(super) fn stable_sort_by<T>(items: &mut Vec<T>, compare: impl Fn(&T, &T) -> Ordering) {
    if items.len() < 2 {
        return;
    }
    let order = sorted_order(items.len(), |a, b| compare(&items[a], &items[b]) == Ordering::Less);
    let mut taken: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.iter().filter_map(|&i| taken[i].take()));
}

/// `0..n` in the order of `less`, equal items in their order: a natural
/// merge sort (runs in order found first, then merged two by two).
fn sorted_order(n: usize, less: impl Fn(usize, usize) -> bool) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    let mut bounds = vec![0];
    bounds.extend((1..n).filter(|&i| less(order[i], order[i - 1])));
    bounds.push(n);
    let mut merged = vec![0; n];
    while bounds.len() > 2 {
        let mut next = vec![0];
        for pair in bounds.windows(3).step_by(2) {
            merge(&order[pair[0]..pair[1]], &order[pair[1]..pair[2]], &mut merged[pair[0]..pair[2]], &less);
            next.push(pair[2]);
        }
        if bounds.len() % 2 == 0 {
            // An odd number of runs: the last one waits for the next round.
            let start = bounds[bounds.len() - 2];
            merged[start..].copy_from_slice(&order[start..]);
            next.push(n);
        }
        std::mem::swap(&mut order, &mut merged);
        bounds = next;
    }
    order
}

/// Merges the sorted `left` and `right` into `out`, `left` first on ties.
fn merge(left: &[usize], right: &[usize], out: &mut [usize], less: &impl Fn(usize, usize) -> bool) {
    let (mut i, mut j) = (0, 0);
    for slot in out.iter_mut() {
        let take_right = j < right.len() && (i == left.len() || less(right[j], left[i]));
        if take_right {
            *slot = right[j];
            j += 1;
        } else {
            *slot = left[i];
            i += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_stably_like_the_standard_sort() {
        // Pseudo-random keys with many ties, and inputs made of sorted runs.
        let mut seed = 7u32;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            seed
        };
        for len in [0, 1, 2, 3, 5, 8, 31, 100, 1000] {
            for modulus in [1, 3, 50, u32::MAX] {
                let random: Vec<(u32, usize)> = (0..len).map(|i| (next() % modulus, i)).collect();
                let mut runs = random.clone();
                for chunk in runs.chunks_mut(7) {
                    chunk.sort_by_key(|&(key, _)| key);
                }
                for input in [random, runs] {
                    let mut expected = input.clone();
                    expected.sort_by_key(|&(key, _)| key);
                    let mut sorted = input;
                    stable_sort_by(&mut sorted, |a, b| a.0.cmp(&b.0));
                    assert_eq!(sorted, expected, "len {len}, keys mod {modulus}");
                }
            }
        }
    }
}
