//! Clause matches -> the ranked documents: which documents are hits (any
//! content word, every phrase, no exclusion), their sort keys, and the
//! proximity rerank of the top.

use super::matching::{ClauseMatches, Quality};
use crate::ranking::{idf, proximity_bonus, HitOrder, HIT_ORDER, PROXIMITY_RERANK_DEPTH, PROXIMITY_WINDOW};
use crate::sort::{select_smallest_by, sort_by};

/// What one scored clause of the query is to a hit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    /// A content word, bit `n` of [`Ranked::words`]: ranked, not required.
    Word(u32),
    /// A quoted phrase: every hit has it.
    Phrase,
}

/// A clause's matches and its role, in query order.
#[derive(Debug)]
pub(super) struct Scored<'a> {
    pub(super) role: Role,
    pub(super) matches: ClauseMatches<'a>,
    /// Its index among the query's clauses (the first, for a repeated word).
    pub(super) clause: usize,
}

impl Scored<'_> {
    /// How rare the clause is: the idf of the documents it matches.
    fn idf(&self, doc_count: u32) -> f32 {
        idf(doc_count, self.matches.len() as u32)
    }
}

/// A hit, with its sort keys.
#[derive(Debug, Clone)]
pub(super) struct Ranked {
    pub(super) doc: u32,
    /// The content words it matched, one bit each ([`Role::Word`]).
    pub(super) words: u64,
    /// Lower sorts first ([`HIT_ORDER`]): 0 for a hit with every word.
    pub(super) tier: u32,
    /// Content words matched only through a typo.
    pub(super) typos: u32,
    pub(super) score: f32,
}

impl Ranked {
    /// Tier, then score, then document order.
    pub(super) fn order(a: &Ranked, b: &Ranked) -> std::cmp::Ordering {
        a.tier.cmp(&b.tier).then(b.score.total_cmp(&a.score)).then(a.doc.cmp(&b.doc))
    }

    /// This document's title length byte, as the postings of its matches
    /// carry it: 0 when none of them is in the title.
    pub(super) fn title_length_byte(&self, scored: &[Scored]) -> u8 {
        scored
            .iter()
            .filter_map(|clause| {
                let matches = &clause.matches;
                matches.binary_search_by_key(&self.doc, |m| m.doc).ok().map(|i| matches[i].length_bytes()[0])
            })
            .max()
            .unwrap_or(0)
    }

    /// The positions where each clause matched this document, in query
    /// order, empty where it did not (found again by binary search: only
    /// the shown few need them).
    pub(super) fn clause_positions(&self, scored: &[Scored]) -> Vec<Vec<u32>> {
        scored
            .iter()
            .map(|clause| {
                let matches = &clause.matches;
                matches
                    .binary_search_by_key(&self.doc, |m| m.doc)
                    .map_or_else(|_| Vec::new(), |i| matches[i].positions.decode())
            })
            .collect()
    }
}

/// One document's running totals while the clauses are added up.
#[derive(Debug, Clone, Copy, Default)]
struct Accumulator {
    score: f32,
    words: u64,
    typos: u32,
    phrases: u32,
    excluded: bool,
}

/// The hits: documents with every phrase and no excluded clause, and (for
/// a query without phrases) at least one content word, each
/// with its tier and score. Term at a time, into one accumulator per
/// document of the index: a query's work is its postings plus one pass
/// over the documents, with no merge of sorted lists.
pub(super) fn rank(doc_count: u32, scored: &[Scored], excluded: &[ClauseMatches]) -> Vec<Ranked> {
    // Bits are numbered from 0 in query order; a repeated word reuses its bit.
    let words = scored
        .iter()
        .filter_map(|c| if let Role::Word(bit) = c.role { Some(bit + 1) } else { None })
        .max()
        .unwrap_or(0);
    let phrases = scored.iter().filter(|c| c.role == Role::Phrase).count() as u32;
    if scored.is_empty() {
        return Vec::new();
    }
    if let [only] = scored {
        return single_clause(only, excluded);
    }
    let mut acc = vec![Accumulator::default(); doc_count as usize];
    for clause in scored {
        for m in &clause.matches {
            let Some(a) = acc.get_mut(m.doc as usize) else { continue };
            a.score += m.score;
            match clause.role {
                Role::Word(bit) => {
                    a.words |= 1 << bit;
                    a.typos += u32::from(m.quality >= Quality::OneTypo);
                }
                Role::Phrase => a.phrases += 1,
            }
        }
    }
    for m in excluded.iter().flatten() {
        if let Some(a) = acc.get_mut(m.doc as usize) {
            a.excluded = true;
        }
    }
    let every_word = if words == 64 { u64::MAX } else { (1u64 << words) - 1 };
    let mut ranked = Vec::new();
    for (doc, a) in acc.iter().enumerate() {
        // Every phrase is required; without phrases, one content word is.
        let is_hit = a.phrases == phrases && (phrases > 0 || a.words != 0) && !a.excluded;
        if !is_hit {
            continue;
        }
        let found = a.words.count_ones();
        let (tier, score) = match HIT_ORDER {
            HitOrder::EveryWordFirst => (u32::from(a.words != every_word), a.score),
            HitOrder::WordCountTiers => (words - found, a.score),
            HitOrder::Coordination => (0, a.score * found.max(1) as f32 / words.max(1) as f32),
        };
        ranked.push(Ranked { doc: doc as u32, words: a.words, tier, typos: a.typos, score });
    }
    ranked
}

/// The hits of a query of one clause (a word being typed, most often):
/// its matches less the excluded documents, with no pass over every
/// document of the index.
fn single_clause(clause: &Scored, excluded: &[ClauseMatches]) -> Vec<Ranked> {
    // Each excluded clause's matches are sorted by document.
    let is_excluded = |doc: u32| excluded.iter().any(|list| list.binary_search_by_key(&doc, |m| m.doc).is_ok());
    // Its one word, or a phrase: every hit has all there is (tier 0).
    let words = if let Role::Word(bit) = clause.role { 1u64 << bit } else { 0 };
    clause
        .matches
        .iter()
        .filter(|m| !is_excluded(m.doc))
        .map(|m| Ranked {
            doc: m.doc,
            words,
            tier: 0,
            typos: u32::from(words != 0 && m.quality >= Quality::OneTypo),
            score: m.score,
        })
        .collect()
}

/// Sorts the best `depth + PROXIMITY_RERANK_DEPTH` documents to the front
/// of `ranked`, with the proximity bonus added to their scores: for each
/// pair of consecutive clauses both found in the document, the bonus of
/// their smallest distance. Returns how many documents are sorted.
pub(super) fn sort_top(ranked: &mut [Ranked], scored: &[Scored], doc_count: u32, depth: usize) -> usize {
    let top = ranked.len().min(depth.saturating_add(PROXIMITY_RERANK_DEPTH));
    if top == 0 {
        return 0;
    }
    select_smallest_by(ranked, top, Ranked::order);
    if scored.len() > 1 {
        let idfs: Vec<f32> = scored.iter().map(|c| c.idf(doc_count)).collect();
        for r in &mut ranked[..top] {
            let lists = r.clause_positions(scored);
            for (i, pair) in lists.windows(2).enumerate() {
                let closeness = closeness(&pair[0], &pair[1], PROXIMITY_WINDOW);
                if closeness > 0.0 {
                    r.score += proximity_bonus(closeness, idfs[i].min(idfs[i + 1]));
                }
            }
        }
    }
    sort_by(&mut ranked[..top], Ranked::order);
    top
}

/// How close two words stand, summed over the occurrences of `a`: each
/// counts one over the distance to the nearest occurrence of `b`, if that
/// is at most `window` words away (an adjacent pair counts 1, words eight
/// apart 1/8). Both lists sorted; one walk of the two.
fn closeness(a: &[u32], b: &[u32], window: u32) -> f32 {
    let (mut sum, mut j) = (0.0, 0);
    for &p in a {
        while j < b.len() && b[j] + window < p {
            j += 1;
        }
        let nearest =
            b[j..].iter().take_while(|&&q| q <= p + window).filter(|&&q| q != p).map(|&q| q.abs_diff(p)).min();
        if let Some(distance) = nearest {
            sum += 1.0 / distance as f32;
        }
    }
    sum
}
