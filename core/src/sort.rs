//! The search's sorts, small: the standard library's sort and selection
//! are fast and large (every type and order they sort gets its own copy of
//! several kilobytes of code; those copies were a fifth of the engine's
//! code, then 20 KB of what was left), these are a few hundred bytes per
//! call site, with the comparison inlined (through `dyn`, queries were up to
//! 20% slower in a bench run).
//!
//! - [`stable_sort_by`]: dictionary candidates, a phrase's terms, a clause's
//!   matches, hits and articles by date. A natural merge sort of the items'
//!   indices, runs already in order found first and merged pairwise, so the
//!   usual inputs (a clause's matches are one sorted run per form of the
//!   word) cost a few passes; the items are moved once, at the end.
//! - [`select_smallest_by`] and [`sort_by`]: the top hits out of all of them,
//!   then those few in order; word positions, a word's characters. A binary
//!   heap, in place: selecting the best k of n costs one comparison for most
//!   items (with the worst of the best k so far) and n log k at most.

use std::cmp::Ordering;

/// Sorts `items` by `compare`, keeping equal items in their order.
pub(crate) fn stable_sort_by<T>(items: &mut Vec<T>, compare: impl Fn(&T, &T) -> Ordering) {
    if items.len() < 2 {
        return;
    }
    let order = sorted_order(items.len(), |a, b| compare(&items[a], &items[b]) == Ordering::Less);
    let mut taken: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.iter().filter_map(|&i| taken[i].take()));
}

/// Moves the `k` smallest items of `items` by `compare` to its front, in no
/// particular order: a max-heap of the best `k` so far, whose top (the worst
/// of them) every later item is compared with and replaces if smaller.
pub(crate) fn select_smallest_by<T>(items: &mut [T], k: usize, compare: impl Fn(&T, &T) -> Ordering) {
    if k == 0 || k >= items.len() {
        return;
    }
    let (heap, rest) = items.split_at_mut(k);
    for node in (0..k / 2).rev() {
        sift_down(heap, node, &compare);
    }
    for item in rest {
        if compare(item, &heap[0]) == Ordering::Less {
            std::mem::swap(item, &mut heap[0]);
            sift_down(heap, 0, &compare);
        }
    }
}

/// Sorts `items` by `compare` in place (a heap sort: equal items may change
/// places, so for orders where no two items are equal, or equal items alike).
/// Items already in order (a word's positions, most often) cost one pass.
pub(crate) fn sort_by<T>(items: &mut [T], compare: impl Fn(&T, &T) -> Ordering) {
    if items.is_sorted_by(|a, b| compare(a, b) != Ordering::Greater) {
        return;
    }
    for node in (0..items.len() / 2).rev() {
        sift_down(items, node, &compare);
    }
    for end in (1..items.len()).rev() {
        items.swap(0, end);
        sift_down(&mut items[..end], 0, &compare);
    }
}

/// Restores the max-heap order of `heap` (each node at least its children)
/// from `node` down, `node`'s children being heaps already.
fn sift_down<T>(heap: &mut [T], mut node: usize, compare: &impl Fn(&T, &T) -> Ordering) {
    loop {
        let left = 2 * node + 1;
        if left >= heap.len() {
            return;
        }
        let right = left + 1;
        let larger =
            if right < heap.len() && compare(&heap[left], &heap[right]) == Ordering::Less { right } else { left };
        if compare(&heap[node], &heap[larger]) != Ordering::Less {
            return;
        }
        heap.swap(node, larger);
        node = larger;
    }
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

    #[test]
    fn selects_and_sorts_like_the_standard_sort() {
        let mut seed = 11u32;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            seed
        };
        for len in [0, 1, 2, 3, 5, 8, 31, 100, 1000] {
            for modulus in [1, 3, 50, u32::MAX] {
                // Ties broken by the index, as the top hits' order breaks them by document.
                let input: Vec<(u32, usize)> = (0..len).map(|i| (next() % modulus, i)).collect();
                let mut expected = input.clone();
                expected.sort();
                let mut sorted = input.clone();
                sort_by(&mut sorted, |a, b| a.cmp(b));
                assert_eq!(sorted, expected, "sort: len {len}, keys mod {modulus}");
                for k in [0, 1, 2, 10, len / 2, len.saturating_sub(1), len, len + 1] {
                    let mut selected = input.clone();
                    select_smallest_by(&mut selected, k, |a, b| a.cmp(b));
                    let k = k.min(len);
                    sort_by(&mut selected[..k], |a, b| a.cmp(b));
                    assert_eq!(selected[..k], expected[..k], "select {k}: len {len}, keys mod {modulus}");
                    let mut all = selected.clone();
                    all.sort();
                    assert_eq!(all, expected, "select {k} keeps every item");
                }
            }
        }
    }
}
