//! From query text to ranked hits: fst lookups and automata, postings,
//! positions, BM25F, snippets.
//!
//! Each clause of the [`Query`] becomes a map document -> [`ClauseMatch`]:
//! - a single word looks up its exact term, the other terms of its stem
//!   group, completions while typed (prefix automaton), dictionary words a
//!   typo away (Levenshtein automaton), and its split as a compound;
//! - a phrase intersects the positions of its exact terms.
//!
//! Documents in every required clause and in no excluded one are ranked by
//! [`ranking`](crate::ranking): quality tier, then score, then document order.

use std::collections::HashMap;

use fst::automaton::{Automaton, Str};
use fst::{IntoStreamer, Streamer};
use levenshtein_automata::{Distance, LevenshteinAutomatonBuilder};

use crate::analysis::Analyzer;
use crate::error::{Error, Result};
use crate::index::{Index, Posting};
use crate::query::{Clause, Query, QueryTerm};
use crate::ranking::{
    bm25f, edit_budget, field_norm, idf, Quality, BODY_B, COMPOUND_WEIGHT, PREFIX_WEIGHT, PROXIMITY_WEIGHT,
    STEM_WEIGHT, TITLE_B, TYPO_WEIGHTS,
};
use crate::snippet::{best_passage, highlight_all, highlight_exact};

/// Largest page of hits one call returns.
pub const MAX_LIMIT: usize = 100;
/// Largest offset accepted: deeper pages are not a use case, only a cost.
pub const MAX_OFFSET: usize = 10_000;
/// A prefix expands to at most this many index terms (the most frequent
/// ones), so a one-letter prefix costs no more than a few words.
pub const MAX_PREFIX_TERMS: usize = 64;
/// A word expands to at most this many typo corrections (nearest, then most
/// frequent first).
pub const MAX_TYPO_TERMS: usize = 32;
/// At most this many dictionary terms are read from one automaton: bounds
/// the work of a prefix like `a` or a typo automaton on a huge dictionary.
const MAX_AUTOMATON_SCAN: usize = 4096;

/// Which page of hits to return.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SearchOptions {
    /// Hits per page, 0 to [`MAX_LIMIT`] (0 only counts).
    pub limit: usize,
    /// Hits to skip, 0 to [`MAX_OFFSET`].
    pub offset: usize,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions { limit: 10, offset: 0 }
    }
}

impl SearchOptions {
    /// Checks the ranges, naming the option that is out of them.
    pub fn validate(&self) -> Result<()> {
        if self.limit > MAX_LIMIT {
            return Err(Error::InvalidOption { name: "limit", expected: format!("an integer from 0 to {MAX_LIMIT}") });
        }
        if self.offset > MAX_OFFSET {
            return Err(Error::InvalidOption {
                name: "offset",
                expected: format!("an integer from 0 to {MAX_OFFSET}"),
            });
        }
        Ok(())
    }
}

/// The answer to one query.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct SearchResults {
    /// The query as given.
    pub query: String,
    /// How many documents match in all (not just this page).
    pub total: usize,
    /// This page of hits, best first.
    pub hits: Vec<Hit>,
    /// A corrected query ("did you mean"), when this one found nothing or
    /// only matches with typos and the dictionary knows better words.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub suggestion: Option<String>,
}

/// One matching article.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize), serde(rename_all = "camelCase"))]
pub struct Hit {
    /// Article id (file stem).
    pub id: String,
    /// Headline.
    pub title: String,
    /// Link target, if the article has one.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub url: Option<String>,
    /// Date as written in the article, if any.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub date: Option<String>,
    /// Relevance, higher is better; comparable within one result set only.
    pub score: f32,
    /// The best passage of the article for this query.
    pub snippet: String,
    /// `[start, end)` ranges of `snippet` to highlight, in UTF-16 code units.
    pub highlights: Vec<[u32; 2]>,
    /// `[start, end)` ranges of `title` to highlight, in UTF-16 code units.
    pub title_highlights: Vec<[u32; 2]>,
}

/// A whole article, for reading it inside the widget.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize), serde(rename_all = "camelCase"))]
pub struct Article {
    /// Article id (file stem).
    pub id: String,
    /// Headline.
    pub title: String,
    /// Link target, if the article has one.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub url: Option<String>,
    /// Date as written in the article, if any.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub date: Option<String>,
    /// The full text as indexed, line breaks kept.
    pub text: String,
    /// `[start, end)` ranges of `text` matching the query, in UTF-16 code units.
    pub highlights: Vec<[u32; 2]>,
    /// `[start, end)` ranges of `title` matching the query, in UTF-16 code units.
    pub title_highlights: Vec<[u32; 2]>,
}

/// Runs queries against one index.
pub struct Searcher<'a> {
    index: Index<'a>,
    analyzer: Analyzer,
    /// BM25 (title, body) length divisors per document, computed once.
    norms: Vec<(f32, f32)>,
    /// Levenshtein automaton builders for 1 and 2 edits (a transposition is
    /// one edit), built once: building one costs far more than using it.
    typo_automata: [LevenshteinAutomatonBuilder; 2],
}

/// How one clause matched one document.
#[derive(Debug, Clone)]
struct ClauseMatch {
    quality: Quality,
    score: f32,
    /// Matched word positions, sorted: for proximity and highlighting.
    positions: Vec<u32>,
}

impl ClauseMatch {
    /// Keeps the better match: the better quality (then the higher score),
    /// and the positions of the best quality only, so a snippet shows the
    /// word the user meant, not a typo neighbour of it.
    fn merge(&mut self, other: ClauseMatch) {
        match other.quality.cmp(&self.quality) {
            std::cmp::Ordering::Less => *self = other,
            std::cmp::Ordering::Greater => {}
            std::cmp::Ordering::Equal => {
                self.score = self.score.max(other.score);
                self.positions.extend(other.positions);
                self.positions.sort_unstable();
                self.positions.dedup();
            }
        }
    }
}

type ClauseMatches = HashMap<u32, ClauseMatch>;

fn merge_into(into: &mut ClauseMatches, from: ClauseMatches) {
    for (doc, m) in from {
        match into.get_mut(&doc) {
            Some(existing) => existing.merge(m),
            None => {
                into.insert(doc, m);
            }
        }
    }
}

/// An index term a query word stands for, and what a match on it is worth.
struct Expansion {
    term: String,
    offset: u64,
    weight: f32,
    quality: Quality,
}

impl<'a> Searcher<'a> {
    /// A searcher over `index`.
    pub fn new(index: Index<'a>) -> Result<Self> {
        let (avg_title, avg_body) = index.avg_field_lengths();
        let norms = (0..index.doc_count())
            .map(|doc| {
                let (title, body) = index.field_lengths(doc)?;
                Ok((field_norm(title, avg_title, TITLE_B), field_norm(body, avg_body, BODY_B)))
            })
            .collect::<Result<_>>()?;
        let typo_automata = [LevenshteinAutomatonBuilder::new(1, true), LevenshteinAutomatonBuilder::new(2, true)];
        Ok(Searcher { index, analyzer: Analyzer::new(), norms, typo_automata })
    }

    /// The index searched.
    pub fn index(&self) -> &Index<'a> {
        &self.index
    }

    /// Searches. Every query string is valid (one with no words finds
    /// nothing); only out-of-range options are an error.
    ///
    /// ```
    /// use article_search_core::{Document, Index, IndexBuilder, SearchOptions, Searcher};
    /// let mut builder = IndexBuilder::new();
    /// builder.add(Document { id: "hn".into(), title: "Hà Nội talks".into(), body: "Talks in Hà Nội.".into(), ..Default::default() })?;
    /// let mut bytes = Vec::new();
    /// builder.finish(&mut bytes)?;
    /// let searcher = Searcher::new(Index::open(&bytes)?)?;
    /// let results = searcher.search("ha noi", &SearchOptions::default())?;
    /// assert_eq!(results.hits[0].id, "hn");
    /// assert_eq!(results.hits[0].snippet, "Talks in Hà Nội.");
    /// assert_eq!(results.hits[0].highlights, [[9, 11], [12, 15]]);
    /// # Ok::<(), article_search_core::Error>(())
    /// ```
    pub fn search(&self, input: &str, options: &SearchOptions) -> Result<SearchResults> {
        options.validate()?;
        let query = Query::parse(&self.analyzer, input);
        let mut results = SearchResults { query: input.to_string(), ..SearchResults::default() };
        if query.is_empty() {
            return Ok(results);
        }
        let (mut ranked, required) = self.ranked(&query);
        results.total = ranked.len();
        if ranked.first().is_none_or(|r| r.typos > 0) {
            results.suggestion = self.suggestion(input, &query);
        }
        let page_end = ranked.len().min(options.offset.saturating_add(options.limit));
        if options.offset >= page_end {
            return Ok(results);
        }
        ranked.select_nth_unstable_by(page_end - 1, Ranked::order);
        let page = &mut ranked[..page_end];
        page.sort_unstable_by(Ranked::order);
        for r in &page[options.offset..] {
            results.hits.push(self.hit(r, &required)?);
        }
        Ok(results)
    }

    /// The article with id `id`, with every match of `query` highlighted
    /// (none for an empty query); `None` if no article has that id.
    pub fn article(&self, id: &str, query: &str) -> Result<Option<Article>> {
        let Some(doc) = (0..self.index.doc_count()).find(|&d| self.index.doc_id(d).is_ok_and(|d| d == id)) else {
            return Ok(None);
        };
        let stored = self.index.doc(doc)?;
        let query = Query::parse(&self.analyzer, query);
        let (_, required) = if query.is_empty() { (Vec::new(), Vec::new()) } else { self.ranked(&query) };
        let positions = matched_positions(&required, doc);
        let is_match = |p: u32| positions.binary_search(&p).is_ok();
        let title = highlight_all(&self.analyzer, stored.title, 0, &is_match);
        let text = highlight_exact(&self.analyzer, stored.body, stored.title_len + 1, &is_match);
        Ok(Some(Article {
            id: stored.id.to_string(),
            title: title.text,
            url: stored.url.map(str::to_string),
            date: stored.date.map(str::to_string),
            text: text.text,
            highlights: text.highlights,
            title_highlights: title.highlights,
        }))
    }

    /// The documents `query` matches, unsorted, and each required clause's matches.
    fn ranked(&self, query: &Query) -> (Vec<Ranked>, Vec<ClauseMatches>) {
        let mut required: Vec<ClauseMatches> = Vec::new();
        let mut excluded: Vec<ClauseMatches> = Vec::new();
        for clause in &query.clauses {
            let matches = self.clause_matches(clause);
            if clause.excluded {
                excluded.push(matches);
            } else {
                required.push(matches);
            }
        }
        self.add_joined_compounds(query, &mut required);
        (rank(&required, &excluded), required)
    }

    /// Builds the hit of a ranked document: stored fields, snippet, highlights.
    fn hit(&self, ranked: &Ranked, required: &[ClauseMatches]) -> Result<Hit> {
        let stored = self.index.doc(ranked.doc)?;
        let positions = matched_positions(required, ranked.doc);
        let is_match = |p: u32| positions.binary_search(&p).is_ok();
        let title = highlight_all(&self.analyzer, stored.title, 0, &is_match);
        let snippet = best_passage(&self.analyzer, stored.body, stored.title_len + 1, &is_match);
        Ok(Hit {
            id: stored.id.to_string(),
            title: title.text,
            url: stored.url.map(str::to_string),
            date: stored.date.map(str::to_string),
            score: ranked.score,
            snippet: snippet.text,
            highlights: snippet.highlights,
            title_highlights: title.highlights,
        })
    }

    /// The documents one clause matches.
    fn clause_matches(&self, clause: &Clause) -> ClauseMatches {
        let Some(word) = clause.single_word() else {
            return self.phrase_matches(&clause.terms, 1.0, Quality::Exact);
        };
        let mut matches = ClauseMatches::new();
        for expansion in self.expand(word, clause.prefix, !clause.excluded) {
            let postings = self.index.postings(expansion.offset);
            let idf = idf(self.index.doc_count(), postings.doc_freq());
            let name_parts = expansion.term.matches('-').count() as u32;
            for posting in postings {
                let score =
                    expansion.weight * bm25f(idf, posting.title_tf, posting.body_tf, self.norms[posting.doc as usize]);
                // A hyphenated name covers the positions of all its parts.
                let positions = posting.positions().flat_map(|p| p..=p.saturating_add(name_parts)).collect();
                let m = ClauseMatch { quality: expansion.quality, score, positions };
                merge_into(&mut matches, HashMap::from([(posting.doc, m)]));
            }
        }
        if !clause.excluded {
            for (left, right) in self.compound_splits(word) {
                let halves = [QueryTerm { text: left, offset: 0 }, QueryTerm { text: right, offset: 1 }];
                merge_into(&mut matches, self.phrase_matches(&halves, COMPOUND_WEIGHT, Quality::Approximate));
            }
        }
        matches
    }

    /// The index terms a single word stands for: exact, same stem, (while
    /// typed) completions, and (if `typos`) dictionary words within its edit
    /// budget. Each term once, with its best kind of match.
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
            let completions = self.scan(terms.search(Str::new(word).starts_with()).into_stream(), |_| 0);
            for (term, offset, _) in top_terms(completions, MAX_PREFIX_TERMS) {
                add(&mut out, &term, offset, PREFIX_WEIGHT, Quality::Approximate);
            }
        }
        if typos {
            for (term, offset, distance) in self.typo_terms(word, prefix) {
                let quality = if distance == 1 { Quality::OneTypo } else { Quality::TwoTypos };
                add(&mut out, &term, offset, TYPO_WEIGHTS[usize::from(distance) - 1], quality);
            }
        }
        out
    }

    /// Dictionary terms within `word`'s edit budget (or, while it is typed,
    /// starting with such a term), nearest and most frequent first, with
    /// their edit distance; never the word itself.
    fn typo_terms(&self, word: &str, prefix: bool) -> Vec<(String, u64, u8)> {
        let budget = edit_budget(word.chars().count());
        if budget == 0 {
            return Vec::new();
        }
        let builder = &self.typo_automata[usize::from(budget) - 1];
        let dfa = if prefix { builder.build_prefix_dfa(word) } else { builder.build_dfa(word) };
        let stream = self.index.terms().search(&dfa).into_stream();
        let found = self.scan(stream, |key| match dfa.eval(key) {
            Distance::Exact(d) => d,
            Distance::AtLeast(_) => u8::MAX,
        });
        let found = found.into_iter().filter(|(term, _, _, d)| *d > 0 && *d <= budget && term != word).collect();
        top_terms(found, MAX_TYPO_TERMS)
    }

    /// Reads up to [`MAX_AUTOMATON_SCAN`] terms from an fst stream as
    /// (term, postings offset, document frequency, `distance(term)`).
    fn scan<'s, S>(&self, mut stream: S, distance: impl Fn(&[u8]) -> u8) -> Vec<(String, u64, u32, u8)>
    where
        S: for<'k> Streamer<'k, Item = (&'k [u8], u64)> + 's,
    {
        let mut out = Vec::new();
        while let Some((key, offset)) = stream.next() {
            let Ok(term) = std::str::from_utf8(key) else { continue };
            out.push((term.to_string(), offset, self.index.postings(offset).doc_freq(), distance(key)));
            if out.len() >= MAX_AUTOMATON_SCAN {
                break;
            }
        }
        out
    }

    /// Ways to read `word` as two dictionary words (`vietnam` -> `viet nam`),
    /// each half at least two characters.
    fn compound_splits(&self, word: &str) -> Vec<(String, String)> {
        let terms = self.index.terms();
        let chars: Vec<(usize, char)> = word.char_indices().collect();
        if chars.len() < 4 || chars.len() > 32 {
            return Vec::new();
        }
        (2..=chars.len() - 2)
            .map(|i| word.split_at(chars[i].0))
            .filter(|(left, right)| terms.contains_key(left) && terms.contains_key(right))
            .map(|(left, right)| (left.to_string(), right.to_string()))
            .take(3)
            .collect()
    }

    /// Two consecutive words that the index knows as one (`viet nam` ->
    /// `vietnam`) also match where the one word stands: each of the two
    /// clauses gets half of the joined word's score. A word still being typed
    /// joins as written (`viet nam` finds `vietnam` before the space is typed).
    fn add_joined_compounds(&self, query: &Query, required: &mut [ClauseMatches]) {
        let words: Vec<Option<&str>> = query.clauses.iter().filter(|c| !c.excluded).map(Clause::single_word).collect();
        for i in 1..words.len() {
            let (Some(left), Some(right)) = (words[i - 1], words[i]) else { continue };
            let joined = format!("{left}{right}");
            let Some(offset) = self.index.terms().get(&joined) else { continue };
            let postings = self.index.postings(offset);
            let idf = idf(self.index.doc_count(), postings.doc_freq());
            for posting in postings {
                let score = COMPOUND_WEIGHT * 0.5 * self.score(idf, &posting);
                let positions: Vec<u32> = posting.positions().collect();
                for side in [i - 1, i] {
                    let m = ClauseMatch { quality: Quality::Approximate, score, positions: positions.clone() };
                    merge_into(&mut required[side], HashMap::from([(posting.doc, m)]));
                }
            }
        }
    }

    /// Documents where `terms` stand at their relative offsets, scored as the
    /// sum of the terms' BM25F times `weight`.
    fn phrase_matches(&self, terms: &[QueryTerm], weight: f32, quality: Quality) -> ClauseMatches {
        // (offset in the phrase, idf, postings) per term, rarest term first.
        let mut lists = Vec::with_capacity(terms.len());
        for term in terms {
            let Some(postings) = self.index.term_postings(&term.text) else { return ClauseMatches::new() };
            lists.push((term.offset, idf(self.index.doc_count(), postings.doc_freq()), postings));
        }
        lists.sort_by_key(|(_, _, p)| p.doc_freq());
        let Some(((_, _, rarest), others)) = lists.split_first() else { return ClauseMatches::new() };
        // Candidates: the rarest term's documents that have every other term.
        let mut by_doc: HashMap<u32, Vec<Posting>> = rarest.clone().map(|p| (p.doc, vec![p])).collect();
        for (_, _, postings) in others {
            let mut next = HashMap::with_capacity(by_doc.len());
            for p in postings.clone() {
                if let Some(mut found) = by_doc.remove(&p.doc) {
                    found.push(p);
                    next.insert(p.doc, found);
                }
            }
            by_doc = next;
        }
        let offsets: Vec<u32> = lists.iter().map(|(offset, _, _)| *offset).collect();
        let span = offsets.iter().copied().max().unwrap_or(0);
        let mut matches = ClauseMatches::new();
        for (doc, postings) in by_doc {
            let starts = phrase_starts(&postings, &offsets);
            if starts.is_empty() {
                continue;
            }
            let score = weight * postings.iter().zip(&lists).map(|(p, (_, idf, _))| self.score(*idf, p)).sum::<f32>();
            let positions = starts.iter().flat_map(|&s| s..=s.saturating_add(span)).collect();
            matches.insert(doc, ClauseMatch { quality, score, positions });
        }
        matches
    }

    fn score(&self, idf: f32, posting: &Posting) -> f32 {
        bm25f(idf, posting.title_tf, posting.body_tf, self.norms[posting.doc as usize])
    }

    /// The input with each word the dictionary lacks (in any form) replaced
    /// by its nearest, most frequent dictionary word, everything else as the
    /// user wrote it; `None` if nothing changes or the result finds nothing.
    fn suggestion(&self, input: &str, query: &Query) -> Option<String> {
        let mut corrections: Vec<(std::ops::Range<usize>, String)> = Vec::new();
        for clause in query.clauses.iter().filter(|c| !c.excluded) {
            let (Some(word), Some(source)) = (clause.single_word(), &clause.source) else { continue };
            let known = self.expand(word, clause.prefix, false).iter().any(|e| e.quality <= Quality::Approximate);
            if known {
                continue;
            }
            if let Some((better, _, _)) = self.typo_terms(word, false).into_iter().next() {
                corrections.push((source.clone(), better));
            }
        }
        if corrections.is_empty() {
            return None;
        }
        let mut suggestion = String::with_capacity(input.len());
        let mut copied = 0;
        for (range, better) in corrections {
            suggestion.push_str(&input[copied..range.start]);
            suggestion.push_str(&better);
            copied = range.end;
        }
        suggestion.push_str(&input[copied..]);
        let finds_something = !self.ranked(&Query::parse(&self.analyzer, &suggestion)).0.is_empty();
        finds_something.then_some(suggestion)
    }
}

impl std::fmt::Debug for Searcher<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Searcher").field("index", &self.index).finish_non_exhaustive()
    }
}

/// Every position where the required clauses matched document `doc`, sorted.
fn matched_positions(required: &[ClauseMatches], doc: u32) -> Vec<u32> {
    let mut positions: Vec<u32> =
        required.iter().filter_map(|m| m.get(&doc)).flat_map(|m| m.positions.iter().copied()).collect();
    positions.sort_unstable();
    positions
}

/// Keeps the `n` best scanned terms: fewest edits, then most documents, then
/// dictionary order (for determinism).
fn top_terms(mut found: Vec<(String, u64, u32, u8)>, n: usize) -> Vec<(String, u64, u8)> {
    found.sort_by(|a, b| a.3.cmp(&b.3).then(b.2.cmp(&a.2)).then(a.0.cmp(&b.0)));
    found.truncate(n);
    found.into_iter().map(|(term, offset, _, distance)| (term, offset, distance)).collect()
}

/// Positions `s` such that, for every term `i`, the document has term `i` at
/// `s + offsets[i]`. `postings[i]` belongs to the term with `offsets[i]`.
fn phrase_starts(postings: &[Posting], offsets: &[u32]) -> Vec<u32> {
    let lists: Vec<Vec<u32>> = postings.iter().map(|p| p.positions().collect()).collect();
    let Some(first) = lists.first() else { return Vec::new() };
    first
        .iter()
        .filter_map(|&p| p.checked_sub(offsets[0]))
        .filter(|&start| {
            lists
                .iter()
                .zip(offsets)
                .skip(1)
                .all(|(list, &off)| start.checked_add(off).is_some_and(|p| list.binary_search(&p).is_ok()))
        })
        .collect()
}

/// A document that matched, with its sort keys.
#[derive(Debug, Clone, Copy)]
struct Ranked {
    doc: u32,
    /// Sum of the clauses' [`Quality`] values: lower ranks first.
    quality: u32,
    /// Clauses matched only through a typo.
    typos: u32,
    score: f32,
}

impl Ranked {
    fn order(a: &Ranked, b: &Ranked) -> std::cmp::Ordering {
        a.quality.cmp(&b.quality).then(b.score.total_cmp(&a.score)).then(a.doc.cmp(&b.doc))
    }
}

/// Documents in every required clause and no excluded one, with sort keys.
fn rank(required: &[ClauseMatches], excluded: &[ClauseMatches]) -> Vec<Ranked> {
    let Some(smallest) = required.iter().min_by_key(|m| m.len()) else { return Vec::new() };
    let mut ranked = Vec::new();
    'docs: for &doc in smallest.keys() {
        if excluded.iter().any(|m| m.contains_key(&doc)) {
            continue;
        }
        let mut r = Ranked { doc, quality: 0, typos: 0, score: 0.0 };
        let mut previous: Option<&[u32]> = None;
        for clause in required {
            let Some(m) = clause.get(&doc) else { continue 'docs };
            r.quality += m.quality as u32;
            r.typos += u32::from(m.quality >= Quality::OneTypo);
            r.score += m.score;
            if let Some(distance) = previous.and_then(|p| min_distance(p, &m.positions)) {
                r.score += PROXIMITY_WEIGHT / distance.max(1) as f32;
            }
            previous = Some(&m.positions);
        }
        ranked.push(r);
    }
    ranked
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
