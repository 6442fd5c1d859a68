//! Clause matches -> the ranked documents: intersection of the required
//! clauses, removal of the excluded ones, sort keys, and the proximity
//! rerank of the top.

use super::matching::ClauseMatches;
use crate::ranking::{Quality, PROXIMITY_WEIGHT};

/// The proximity bonus reorders this many documents beyond the requested
/// page: it needs decoded positions, too costly for every match of a common
/// word, and it only ever moves close calls.
const PROXIMITY_RERANK_DEPTH: usize = 50;

/// A document that matched every required clause, with its sort keys.
#[derive(Debug, Clone)]
pub(super) struct Ranked {
    pub(super) doc: u32,
    /// Sum of the clauses' [`Quality`] values: lower ranks first.
    pub(super) quality: u32,
    /// Clauses matched only through a typo.
    pub(super) typos: u32,
    pub(super) score: f32,
}

impl Ranked {
    /// Quality tier, then score, then document order.
    pub(super) fn order(a: &Ranked, b: &Ranked) -> std::cmp::Ordering {
        a.quality.cmp(&b.quality).then(b.score.total_cmp(&a.score)).then(a.doc.cmp(&b.doc))
    }

    /// The positions where each required clause matched this document
    /// (found again by binary search: only the shown few need them).
    pub(super) fn clause_positions(&self, required: &[ClauseMatches]) -> Vec<Vec<u32>> {
        required
            .iter()
            .map(|clause| {
                clause
                    .binary_search_by_key(&self.doc, |m| m.doc)
                    .map_or_else(|_| Vec::new(), |i| clause[i].positions.decode())
            })
            .collect()
    }
}

/// Documents in every required clause and in no excluded one. All lists
/// are sorted by document, so this is one merge walk, driven by the
/// shortest list, that gallops through the longer ones.
pub(super) fn rank(required: &[ClauseMatches], excluded: &[ClauseMatches]) -> Vec<Ranked> {
    let Some((driver, _)) = required.iter().enumerate().min_by_key(|(_, m)| m.len()) else { return Vec::new() };
    let mut cursors = vec![0usize; required.len()];
    let mut excluded_cursors = vec![0usize; excluded.len()];
    let mut ranked = Vec::with_capacity(required[driver].len());
    'docs: for m in &required[driver] {
        let doc = m.doc;
        for (list, cursor) in excluded.iter().zip(&mut excluded_cursors) {
            *cursor = seek(list, *cursor, doc);
            if list.get(*cursor).is_some_and(|x| x.doc == doc) {
                continue 'docs;
            }
        }
        let mut r = Ranked { doc, quality: 0, typos: 0, score: 0.0 };
        for (list, cursor) in required.iter().zip(&mut cursors) {
            *cursor = seek(list, *cursor, doc);
            let Some(found) = list.get(*cursor).filter(|x| x.doc == doc) else { continue 'docs };
            r.quality += found.quality as u32;
            r.typos += u32::from(found.quality >= Quality::OneTypo);
            r.score += found.score;
        }
        ranked.push(r);
    }
    ranked
}

/// The first index at or after `from` whose document is at least `doc`:
/// exponential steps, then a binary search in the last step. Most seeks move
/// a few places, so this stays near the cursor instead of bisecting the
/// whole rest of a long list.
fn seek(list: &ClauseMatches, from: usize, doc: u32) -> usize {
    let (mut low, mut step) = (from, 1);
    while low + step < list.len() && list[low + step].doc < doc {
        low += step;
        step *= 2;
    }
    let high = (low + step).min(list.len());
    low + list.get(low..high).map_or(0, |range| range.partition_point(|x| x.doc < doc))
}

/// Sorts the best `depth + PROXIMITY_RERANK_DEPTH` documents to the front
/// of `ranked`, with the proximity bonus added to their scores: for each pair
/// of consecutive clauses, [`PROXIMITY_WEIGHT`] over their smallest distance.
/// Returns how many documents are sorted.
pub(super) fn sort_top(ranked: &mut [Ranked], required: &[ClauseMatches], depth: usize) -> usize {
    let top = ranked.len().min(depth.saturating_add(PROXIMITY_RERANK_DEPTH));
    if top == 0 {
        return 0;
    }
    if top < ranked.len() {
        ranked.select_nth_unstable_by(top - 1, Ranked::order);
    }
    if required.len() > 1 {
        for r in &mut ranked[..top] {
            let lists = r.clause_positions(required);
            for pair in lists.windows(2) {
                if let Some(distance) = min_distance(&pair[0], &pair[1]) {
                    r.score += PROXIMITY_WEIGHT / distance.max(1) as f32;
                }
            }
        }
    }
    ranked[..top].sort_unstable_by(Ranked::order);
    top
}

/// Smallest gap between a position of `a` and one of `b` (both sorted).
fn min_distance(a: &[u32], b: &[u32]) -> Option<u32> {
    let (mut i, mut j, mut best) = (0, 0, None::<u32>);
    while i < a.len() && j < b.len() {
        let d = a[i].abs_diff(b[j]);
        best = Some(best.map_or(d, |x| x.min(d)));
        if a[i] < b[j] {
            i += 1;
        } else {
            j += 1;
        }
    }
    best
}
