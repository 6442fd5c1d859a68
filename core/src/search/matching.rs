//! One clause -> the documents it matches, sorted by document.
//!
//! A single word looks up its exact term, the other terms of its stem group,
//! completions while typed and dictionary words a typo away (both found by
//! [`dictionary`](super::dictionary)), and its split as a compound; a phrase walks the
//! postings of its terms in step and checks their positions.
//!
//! Hot path: nothing here allocates per posting, and word positions stay
//! encoded (borrowed from the index) until a document is shown or reranked.

use super::dictionary::Scan;
use super::Searcher;
use crate::index::{decode_positions, Posting, Postings};
use crate::query::{Clause, Query, QueryTerm};
use crate::ranking::{bm25f, idf, Quality, COMPOUND_WEIGHT, PREFIX_WEIGHT, STEM_WEIGHT, TYPO_WEIGHTS};

/// A prefix expands to at most this many index terms (the most frequent
/// ones), so a one-letter prefix costs no more than a few words.
pub const MAX_PREFIX_TERMS: usize = 64;
/// A word found in at least this many documents (as typed, in another form
/// of its stem, or, while typed, by its completions) is taken as meant: its
/// typo neighbours are not looked up. They would rank below those matches
/// anyway (quality tier), so they could only show past the first page, and
/// the automaton walk is the costliest step of a query. Likewise two-edit
/// neighbours are looked up only when one-edit ones find fewer documents.
pub(super) const TYPO_SKIP_DOC_FREQ: u32 = 10;
/// Compound halves are at least this long: shorter "words" (`in`, `a`) make
/// spurious splits whose phrase checks cost more than they find.
const MIN_COMPOUND_HALF: usize = 3;

/// Where a clause matched in one document.
#[derive(Debug, Clone)]
pub(super) enum Positions<'a> {
    /// Up to two encoded position lists borrowed from the index, each with
    /// the number of extra words its term covers (a hyphenated name covers
    /// all its parts).
    Encoded([(&'a [u8], u32); 2]),
    /// Decoded positions (phrases, whose occurrences were checked).
    Decoded(Vec<u32>),
}

impl Positions<'_> {
    /// The matched word positions, sorted.
    pub(super) fn decode(&self) -> Vec<u32> {
        match self {
            Positions::Decoded(list) => list.clone(),
            Positions::Encoded(lists) => {
                let mut out: Vec<u32> = lists
                    .iter()
                    .flat_map(|&(encoded, parts)| {
                        decode_positions(encoded).flat_map(move |p| p..=p.saturating_add(parts))
                    })
                    .collect();
                out.sort_unstable();
                out.dedup();
                out
            }
        }
    }
}

/// How one clause matched one document.
#[derive(Debug, Clone)]
pub(super) struct ClauseMatch<'a> {
    pub(super) doc: u32,
    pub(super) quality: Quality,
    pub(super) score: f32,
    pub(super) positions: Positions<'a>,
}

impl<'a> ClauseMatch<'a> {
    /// Folds another match of the same document in: the better quality
    /// wins (then the higher score), and only the best quality's positions
    /// are kept, so a snippet shows the word meant, not a typo neighbour.
    fn absorb(&mut self, other: ClauseMatch<'a>) {
        match other.quality.cmp(&self.quality) {
            std::cmp::Ordering::Less => *self = other,
            std::cmp::Ordering::Greater => {}
            std::cmp::Ordering::Equal => {
                self.score = self.score.max(other.score);
                if let (Positions::Encoded(mine), Positions::Encoded(theirs)) = (&mut self.positions, &other.positions)
                {
                    if mine[1].0.is_empty() {
                        mine[1] = theirs[0];
                    }
                }
            }
        }
    }
}

/// A clause's matches, sorted by document, one per document.
pub(super) type ClauseMatches<'a> = Vec<ClauseMatch<'a>>;

/// What the first pass learnt about a word, for "did you mean".
#[derive(Debug, Clone, Default)]
pub(super) struct WordInfo {
    /// The dictionary has the word in some form (exact, stem, completion).
    pub(super) known: bool,
    /// Its nearest, most frequent typo correction.
    pub(super) best_typo: Option<String>,
}

/// An index term a query word stands for, and what a match on it is worth.
struct Expansion {
    term: String,
    offset: u64,
    weight: f32,
    quality: Quality,
}

/// Sorts matches by document and folds each document's into one.
fn fold_by_doc(mut matches: Vec<ClauseMatch<'_>>) -> ClauseMatches<'_> {
    // The input is a concatenation of sorted runs (one per expansion): a
    // stable sort merges runs instead of sorting from scratch.
    if !matches.is_sorted_by_key(|m| m.doc) {
        matches.sort_by_key(|m| m.doc);
    }
    let mut folded: ClauseMatches = Vec::with_capacity(matches.len());
    for m in matches {
        match folded.last_mut() {
            Some(last) if last.doc == m.doc => last.absorb(m),
            _ => folded.push(m),
        }
    }
    folded
}

impl<'a> Searcher<'a> {
    /// The documents one clause matches, and what was learnt about its word.
    pub(super) fn clause_matches(&self, clause: &Clause) -> (ClauseMatches<'a>, WordInfo) {
        let Some(word) = clause.single_word() else {
            return (
                self.phrase_matches(&clause.terms, 1.0, Quality::Exact),
                WordInfo { known: true, best_typo: None },
            );
        };
        let expansions = self.expand(word, clause.prefix, !clause.excluded);
        let info = WordInfo {
            known: expansions.iter().any(|e| e.quality <= Quality::Approximate),
            best_typo: expansions.iter().find(|e| e.quality >= Quality::OneTypo).map(|e| e.term.clone()),
        };
        let mut all = Vec::new();
        for expansion in &expansions {
            let postings = self.index.postings(expansion.offset);
            let idf = idf(self.index.doc_count(), postings.doc_freq());
            let name_parts = expansion.term.matches('-').count() as u32;
            all.extend(postings.map(|p| ClauseMatch {
                doc: p.doc,
                quality: expansion.quality,
                score: expansion.weight * self.score(idf, &p),
                positions: Positions::Encoded([(p.encoded_positions(), name_parts), (&[], 0)]),
            }));
        }
        if !clause.excluded {
            for (left, right) in self.compound_splits(word) {
                let halves = [QueryTerm { text: left, offset: 0 }, QueryTerm { text: right, offset: 1 }];
                all.extend(self.phrase_matches(&halves, COMPOUND_WEIGHT, Quality::Approximate));
            }
        }
        (fold_by_doc(all), info)
    }

    /// Two consecutive words that the index knows as one (`viet nam` ->
    /// `vietnam`) also match where the one word stands: each of the two
    /// clauses gets half of the joined word's score. A word still being typed
    /// joins as written (`viet nam` finds `vietnam` before the space is typed).
    pub(super) fn add_joined_compounds(&self, query: &Query, required: &mut [ClauseMatches<'a>]) {
        let words: Vec<Option<&str>> = query.clauses.iter().filter(|c| !c.excluded).map(Clause::single_word).collect();
        for i in 1..words.len() {
            let (Some(left), Some(right)) = (words[i - 1], words[i]) else { continue };
            let Some(postings) = self.index.term_postings(&format!("{left}{right}")) else { continue };
            let idf = idf(self.index.doc_count(), postings.doc_freq());
            let joined: Vec<ClauseMatch> = postings
                .map(|p| ClauseMatch {
                    doc: p.doc,
                    quality: Quality::Approximate,
                    score: COMPOUND_WEIGHT * 0.5 * self.score(idf, &p),
                    positions: Positions::Encoded([(p.encoded_positions(), 0), (&[], 0)]),
                })
                .collect();
            for side in [i - 1, i] {
                let mut merged = std::mem::take(&mut required[side]);
                merged.extend(joined.iter().cloned());
                required[side] = fold_by_doc(merged);
            }
        }
    }

    /// The index terms a single word stands for: exact, same stem, (while
    /// typed) completions, and (if `typos`) dictionary words within its edit
    /// budget. Each term once, with its best kind of match, best first.
    fn expand(&self, word: &str, prefix: bool, typos: bool) -> Vec<Expansion> {
        let terms = self.index.terms();
        let mut out: Vec<Expansion> = Vec::new();
        let add = |out: &mut Vec<Expansion>, term: &str, offset: u64, weight: f32, quality: Quality| {
            if !out.iter().any(|e| e.term == term) {
                out.push(Expansion { term: term.to_string(), offset, weight, quality });
            }
        };
        if let Some(offset) = terms.get(word) {
            add(&mut out, word, offset, 1.0, Quality::Exact);
        }
        let stem = self.analyzer.stem(word);
        for term in std::iter::once(stem.as_ref()).chain(self.index.stem_group(&stem)) {
            if let Some(offset) = terms.get(term) {
                add(&mut out, term, offset, STEM_WEIGHT, Quality::Approximate);
            }
        }
        if prefix {
            let mut completions = Scan::default();
            self.walk_spelled(&mut completions, None, word, true, &|_| 0);
            for (term, offset, _) in completions.top(MAX_PREFIX_TERMS) {
                add(&mut out, &term, offset, PREFIX_WEIGHT, Quality::Approximate);
            }
        }
        // Documents found so far, counted once per term (an upper bound).
        let found_docs: u32 = out.iter().map(|e| self.index.postings(e.offset).doc_freq()).sum();
        if typos && found_docs < TYPO_SKIP_DOC_FREQ {
            for (term, offset, distance) in self.typo_terms(word, prefix) {
                let quality = if distance == 1 { Quality::OneTypo } else { Quality::TwoTypos };
                add(&mut out, &term, offset, TYPO_WEIGHTS[usize::from(distance) - 1], quality);
            }
        }
        out
    }

    /// Ways to read `word` as two dictionary words (`vietnam` -> `viet nam`).
    fn compound_splits(&self, word: &str) -> Vec<(String, String)> {
        let terms = self.index.terms();
        let chars: Vec<(usize, char)> = word.char_indices().collect();
        if chars.len() < 2 * MIN_COMPOUND_HALF || chars.len() > 32 {
            return Vec::new();
        }
        (MIN_COMPOUND_HALF..=chars.len() - MIN_COMPOUND_HALF)
            .map(|i| word.split_at(chars[i].0))
            .filter(|(left, right)| terms.contains_key(left) && terms.contains_key(right))
            .map(|(left, right)| (left.to_string(), right.to_string()))
            .take(3)
            .collect()
    }

    /// Documents where `terms` stand at their relative offsets, scored as the
    /// sum of the terms' BM25F times `weight`. The postings are walked in
    /// step, driven by the rarest term; positions are decoded only for
    /// documents that have every term.
    pub(super) fn phrase_matches(&self, terms: &[QueryTerm], weight: f32, quality: Quality) -> ClauseMatches<'a> {
        // (offset in the phrase, idf, postings) per term, rarest term first.
        let mut lists: Vec<(u32, f32, Postings<'a>)> = Vec::with_capacity(terms.len());
        for term in terms {
            let Some(postings) = self.index.term_postings(&term.text) else { return Vec::new() };
            lists.push((term.offset, idf(self.index.doc_count(), postings.doc_freq()), postings));
        }
        lists.sort_by_key(|(_, _, p)| p.doc_freq());
        let span = terms.iter().map(|t| t.offset).max().unwrap_or(0);
        let Some(((first_offset, first_idf, rarest), others)) = lists.split_first_mut() else { return Vec::new() };
        let mut cursors: Vec<(u32, f32, Postings<'a>, Option<Posting<'a>>)> =
            others.iter().map(|(o, i, p)| (*o, *i, p.clone(), None)).collect();
        let mut matches = Vec::new();
        let mut positions: Vec<Vec<u32>> = vec![Vec::new(); terms.len()];
        'docs: for posting in rarest.by_ref() {
            let mut score = self.score(*first_idf, &posting);
            positions[0].clear();
            positions[0].extend(posting.positions().filter_map(|p| p.checked_sub(*first_offset)));
            for (i, (offset, idf, stream, current)) in cursors.iter_mut().enumerate() {
                while current.is_none_or(|c| c.doc < posting.doc) {
                    match stream.next() {
                        Some(next) => *current = Some(next),
                        None => break 'docs,
                    }
                }
                let Some(other) = current.filter(|c| c.doc == posting.doc) else { continue 'docs };
                score += self.score(*idf, &other);
                positions[i + 1].clear();
                positions[i + 1].extend(other.positions().filter_map(|p| p.checked_sub(*offset)));
            }
            // Phrase starts: positions every term has once shifted by its offset.
            let starts: Vec<u32> = positions[0]
                .iter()
                .copied()
                .filter(|start| positions[1..].iter().all(|list| list.binary_search(start).is_ok()))
                .collect();
            if !starts.is_empty() {
                let covered = starts.iter().flat_map(|&s| s..=s.saturating_add(span)).collect();
                matches.push(ClauseMatch {
                    doc: posting.doc,
                    quality,
                    score: weight * score,
                    positions: Positions::Decoded(covered),
                });
            }
        }
        matches
    }

    pub(super) fn score(&self, idf: f32, posting: &Posting) -> f32 {
        bm25f(idf, posting.title_tf, posting.body_tf, self.norms[posting.doc as usize])
    }
}
