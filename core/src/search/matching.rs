//! One clause -> the documents it matches, sorted by document.
//!
//! A single word looks up its exact term, the other terms of its stem group,
//! completions while typed and dictionary words a typo away (both found in
//! the [`Dictionary`]), and its split as a compound; a phrase walks the
//! postings of its terms in step and checks their positions. How exactly a
//! term matched only scales its score ([`ranking`](crate::ranking) weights).
//!
//! Hot path: nothing here allocates per posting, and word positions stay
//! encoded (borrowed from the index) until a document is shown or reranked.

use super::Searcher;
use crate::index::format::term_parts;
use crate::index::{decode_positions, Posting, Postings};
use crate::query::{Clause, QueryTerm};
use crate::ranking::{
    bm25f, idf, COMPOUND_WEIGHT, EXACT_WEIGHT, MIN_COMPOUND_HALF, PREFIX_WEIGHT, STEM_WEIGHT, TYPO_SKIP_DOC_FREQ,
    TYPO_WEIGHTS,
};
use crate::sort::{sort_by, stable_sort_by};

/// How a clause matched a document, best first. Not a ranking tier (the
/// kind's weight is already in the score): it chooses which positions a
/// snippet shows (the word meant, not a typo neighbour) and whether "did
/// you mean" is worth offering.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Quality {
    /// The word as typed (after folding and spelling variants), or a phrase.
    Exact,
    /// Another form of the word (stem), a completion of the word being typed,
    /// or the word written as a compound (`viet nam` / `vietnam`).
    Approximate,
    /// A dictionary word one edit away.
    OneTypo,
    /// A dictionary word two edits away.
    TwoTypos,
}

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
                sort_by(&mut out, u32::cmp);
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
    /// Weighted (title, body) occurrences of the word itself in its forms
    /// (exact and same stem), summed before BM25 saturates them once; of a
    /// phrase, its (title, body) occurrences.
    same_word_tf: [f32; 2],
    /// The document's length bytes, as its postings carry them (see
    /// [`Posting::length_bytes`]): the title's is known (not 0) if a term
    /// matched is in the title.
    length_bytes: [u8; 2],
    pub(super) positions: Positions<'a>,
}

impl<'a> ClauseMatch<'a> {
    /// The document's length bytes, as its postings carry them.
    pub(super) fn length_bytes(&self) -> [u8; 2] {
        self.length_bytes
    }

    /// Folds another match of the same document in: occurrences of the
    /// word's own forms add up, other terms (completions, typos, compounds)
    /// compete (the best one scores, as in a dismax), and only the best
    /// quality's positions are kept, so a snippet shows the word meant, not
    /// a typo neighbour.
    fn absorb(&mut self, other: ClauseMatch<'a>) {
        let score = self.score.max(other.score);
        let same_word_tf = [self.same_word_tf[0] + other.same_word_tf[0], self.same_word_tf[1] + other.same_word_tf[1]];
        self.same_word_tf = same_word_tf;
        // The same document's: equal where known (0 where not).
        let length_bytes = [0, 1].map(|i| self.length_bytes[i].max(other.length_bytes[i]));
        self.length_bytes = length_bytes;
        match other.quality.cmp(&self.quality) {
            std::cmp::Ordering::Less => *self = ClauseMatch { score, same_word_tf, length_bytes, ..other },
            std::cmp::Ordering::Greater => self.score = score,
            std::cmp::Ordering::Equal => {
                self.score = score;
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

/// How an index term relates to the query word it stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    /// The word as typed.
    Exact,
    /// Another word of the same stem.
    Stem,
    /// A longer word starting with the word being typed.
    Completion,
    /// A word this many edits away.
    Typo(u8),
}

impl Form {
    /// What a match of this form is worth, relative to an exact one.
    fn weight(self) -> f32 {
        match self {
            Form::Exact => EXACT_WEIGHT,
            Form::Stem => STEM_WEIGHT,
            Form::Completion => PREFIX_WEIGHT,
            Form::Typo(edits) => TYPO_WEIGHTS[usize::from(edits.clamp(1, 2)) - 1],
        }
    }

    fn quality(self) -> Quality {
        match self {
            Form::Exact => Quality::Exact,
            Form::Stem | Form::Completion => Quality::Approximate,
            Form::Typo(1) => Quality::OneTypo,
            Form::Typo(_) => Quality::TwoTypos,
        }
    }

    /// A form of the word itself, whose occurrences add up; the others are
    /// other words, which compete.
    fn is_same_word(self) -> bool {
        matches!(self, Form::Exact | Form::Stem)
    }
}

/// An index term a query word stands for.
struct Expansion {
    term: String,
    /// Its dictionary value (postings offset, document frequency).
    value: u64,
    form: Form,
}

/// Sorts matches by document and folds each document's into one.
fn fold_by_doc(mut matches: Vec<ClauseMatch<'_>>) -> ClauseMatches<'_> {
    // The input is a concatenation of sorted runs (one per expansion): a
    // stable sort merges runs instead of sorting from scratch.
    if !matches.is_sorted_by_key(|m| m.doc) {
        stable_sort_by(&mut matches, |a, b| a.doc.cmp(&b.doc));
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
    /// `typo_walks` is how many more words of the query may have their typo
    /// neighbours looked up; a lookup spends one.
    pub(super) fn clause_matches(&self, clause: &Clause, typo_walks: &mut usize) -> (ClauseMatches<'a>, WordInfo) {
        let Some(word) = clause.single_word() else {
            return (
                self.phrase_matches(&clause.terms, EXACT_WEIGHT, Quality::Exact),
                WordInfo { known: true, best_typo: None },
            );
        };
        let mut no_walks = 0;
        let expansions = self.expand(word, clause.prefix, if clause.excluded { &mut no_walks } else { typo_walks });
        let info = WordInfo {
            known: expansions.iter().any(|e| !matches!(e.form, Form::Typo(_))),
            best_typo: expansions.iter().find(|e| matches!(e.form, Form::Typo(_))).map(|e| e.term.clone()),
        };
        // The word's forms are one term to BM25, as stemming at index time
        // would make them: their weighted occurrences add up, and their idf
        // is that of the most frequent form (Lucene's SynonymQuery).
        // The word written as two (`vietnam` as `Việt Nam`) is one more form.
        let compounds = if clause.excluded { Vec::new() } else { self.compound_matches(word) };
        let doc_count = self.index.doc_count();
        let same_word_df = expansions
            .iter()
            .filter(|e| e.form.is_same_word())
            .map(|e| term_parts(e.value).1)
            .chain(std::iter::once(compounds.len() as u32));
        let same_word_idf = idf(doc_count, same_word_df.max().unwrap_or(0));
        let mut all = compounds;
        for expansion in &expansions {
            let postings = self.postings(expansion.value);
            let idf = idf(doc_count, postings.doc_freq());
            let name_parts = expansion.term.matches('-').count() as u32;
            let (weight, same_word) = (expansion.form.weight(), expansion.form.is_same_word());
            all.extend(postings.map(|p| ClauseMatch {
                doc: p.doc,
                quality: expansion.form.quality(),
                score: if same_word { 0.0 } else { weight * self.score(idf, &p) },
                same_word_tf: if same_word {
                    [weight * p.title_tf as f32, weight * p.body_tf as f32]
                } else {
                    [0.0; 2]
                },
                length_bytes: p.length_bytes,
                positions: Positions::Encoded([(p.encoded_positions(), name_parts), (&[], 0)]),
            }));
        }
        let mut matches = fold_by_doc(all);
        for m in &mut matches {
            if m.same_word_tf != [0.0; 2] {
                let [title, body] = m.same_word_tf;
                m.score = m.score.max(bm25f(same_word_idf, title, body, self.norms(m.length_bytes)));
            }
        }
        (matches, info)
    }

    /// Two consecutive words that the index knows as one (`viet nam` ->
    /// `vietnam`) also match where the one word stands: each of the two
    /// clauses gets half of the joined word's score. A word still being typed
    /// joins as written (`viet nam` finds `vietnam` before the space is typed).
    /// `words[i]` is the single word of `lists[i]` (`None` for a phrase).
    pub(super) fn add_joined_compounds(&self, words: &[Option<&str>], lists: &mut [ClauseMatches<'a>]) {
        for i in 1..words.len() {
            let (Some(left), Some(right)) = (words[i - 1], words[i]) else { continue };
            let Some(postings) = self.term_postings(&format!("{left}{right}")) else { continue };
            let idf = idf(self.index.doc_count(), postings.doc_freq());
            let joined: Vec<ClauseMatch> = postings
                .map(|p| ClauseMatch {
                    doc: p.doc,
                    quality: Quality::Approximate,
                    score: COMPOUND_WEIGHT * 0.5 * self.score(idf, &p),
                    same_word_tf: [0.0; 2],
                    length_bytes: p.length_bytes,
                    positions: Positions::Encoded([(p.encoded_positions(), 0), (&[], 0)]),
                })
                .collect();
            for side in [i - 1, i] {
                let mut merged = std::mem::take(&mut lists[side]);
                merged.extend(joined.iter().cloned());
                lists[side] = fold_by_doc(merged);
            }
        }
    }

    /// The index terms a single word stands for: exact, same stem, (while
    /// typed) completions, and (if `typos`) dictionary words within its edit
    /// budget. Each term once, with its best kind of match, best first.
    fn expand(&self, word: &str, prefix: bool, typo_walks: &mut usize) -> Vec<Expansion> {
        let dictionary = self.dictionary();
        let wanted_before = self.wanted_count();
        let mut out: Vec<Expansion> = Vec::new();
        // Each term once, with its first (best) kind of match.
        let add = |out: &mut Vec<Expansion>, term: &str, value: u64, form: Form| {
            if !out.iter().any(|e| e.term == term) {
                out.push(Expansion { term: term.to_string(), value, form });
            }
        };
        if let Some(value) = dictionary.get(word) {
            add(&mut out, word, value, Form::Exact);
        }
        // A query's language is unknown: its word is stemmed in each of the index's.
        for (lang, stem) in &self.stemmers {
            let stem = stem(word);
            if let Some(value) = dictionary.get(&stem) {
                add(&mut out, &stem, value, Form::Stem);
            }
            for (term, value) in dictionary.stem_group(lang, &stem) {
                add(&mut out, &term, value, Form::Stem);
            }
        }
        if prefix {
            for (term, value, _) in dictionary.completions(word) {
                add(&mut out, &term, value, Form::Completion);
            }
        }
        // Documents found so far, counted once per term (an upper bound);
        // not known while a block of the word's is missing.
        let found_docs: u32 = out.iter().map(|e| term_parts(e.value).1).sum();
        let known = self.wanted_count() == wanted_before;
        if known && *typo_walks > 0 && found_docs < TYPO_SKIP_DOC_FREQ {
            *typo_walks -= 1;
            for (term, value, distance) in dictionary.typo_terms(word, prefix) {
                add(&mut out, &term, value, Form::Typo(distance));
            }
        }
        out
    }

    /// Where `word` stands written as two words (`vietnam` as `viet nam`),
    /// as occurrences of the word itself ([`COMPOUND_WEIGHT`] each), sorted
    /// by document (one run per way of splitting it).
    fn compound_matches(&self, word: &str) -> Vec<ClauseMatch<'a>> {
        let mut all = Vec::new();
        for (left, right) in self.compound_splits(word) {
            let halves = [QueryTerm { text: left, offset: 0 }, QueryTerm { text: right, offset: 1 }];
            for mut m in self.phrase_matches(&halves, 0.0, Quality::Approximate) {
                m.same_word_tf = m.same_word_tf.map(|occurrences| COMPOUND_WEIGHT * occurrences);
                all.push(m);
            }
        }
        all
    }

    /// Ways to read `word` as two dictionary words (`vietnam` -> `viet nam`).
    fn compound_splits(&self, word: &str) -> Vec<(String, String)> {
        let dictionary = self.dictionary();
        let chars: Vec<(usize, char)> = word.char_indices().collect();
        if chars.len() < 2 * MIN_COMPOUND_HALF || chars.len() > 32 {
            return Vec::new();
        }
        (MIN_COMPOUND_HALF..=chars.len() - MIN_COMPOUND_HALF)
            .map(|i| word.split_at(chars[i].0))
            // Both halves looked up, so that a round wants both their blocks.
            .filter(|(left, right)| [dictionary.get(left), dictionary.get(right)].iter().all(Option::is_some))
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
        // Every term looked up before any is found missing, so that a round
        // wants every block the phrase needs, not one a round.
        let lists: Vec<Option<Postings<'a>>> = terms.iter().map(|term| self.term_postings(&term.text)).collect();
        let Some(lists) = lists.into_iter().collect::<Option<Vec<_>>>() else { return Vec::new() };
        let mut lists: Vec<(u32, f32, Postings<'a>)> = terms
            .iter()
            .zip(lists)
            .map(|(term, postings)| (term.offset, idf(self.index.doc_count(), postings.doc_freq()), postings))
            .collect();
        stable_sort_by(&mut lists, |(_, _, a), (_, _, b)| a.doc_freq().cmp(&b.doc_freq()));
        let span = terms.iter().map(|t| t.offset).max().unwrap_or(0);
        let Some(((first_offset, first_idf, rarest), others)) = lists.split_first_mut() else { return Vec::new() };
        let mut cursors: Vec<(u32, f32, Postings<'a>, Option<Posting<'a>>)> =
            others.iter().map(|(o, i, p)| (*o, *i, p.clone(), None)).collect();
        let mut matches = Vec::new();
        let mut positions: Vec<Vec<u32>> = vec![Vec::new(); terms.len()];
        'docs: for posting in rarest.by_ref() {
            let mut score = self.score(*first_idf, &posting);
            let mut length_bytes = posting.length_bytes;
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
                length_bytes[0] = length_bytes[0].max(other.length_bytes[0]);
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
                // The rarest term's title positions come first: an occurrence
                // starting at or before its last one is in the title.
                let last_title = posting.title_tf.checked_sub(1).and_then(|i| posting.positions().nth(i as usize));
                let in_title =
                    last_title.map_or(0, |last| starts.iter().filter(|&&s| s + *first_offset <= last).count());
                let covered = starts.iter().flat_map(|&s| s..=s.saturating_add(span)).collect();
                matches.push(ClauseMatch {
                    doc: posting.doc,
                    quality,
                    score: weight * score,
                    same_word_tf: [in_title as f32, (starts.len() - in_title) as f32],
                    length_bytes,
                    positions: Positions::Decoded(covered),
                });
            }
        }
        matches
    }

    /// The postings list of dictionary value `value`, from an embedded or
    /// given file; from a file not given yet, none (its document frequency
    /// still known), and the file is noted as wanted (see
    /// [`Searcher::search`]): a search never answers from lists it could not read.
    pub(super) fn postings(&self, value: u64) -> Postings<'a> {
        self.index.postings_in(value, |file| self.file(file)).unwrap_or_else(|file| {
            self.want(file);
            Postings::unavailable(term_parts(value).1)
        })
    }

    /// The postings list of an exact term, if the index has it (see [`Self::postings`]).
    fn term_postings(&self, term: &str) -> Option<Postings<'a>> {
        self.dictionary().get(term).map(|value| self.postings(value))
    }

    pub(super) fn score(&self, idf: f32, posting: &Posting) -> f32 {
        bm25f(idf, posting.title_tf as f32, posting.body_tf as f32, self.norms(posting.length_bytes))
    }
}
