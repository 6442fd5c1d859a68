//! From query text to ranked hits: fst lookups, postings, BM25F, snippets.

use std::collections::HashMap;

use fst::automaton::{Automaton, Str};
use fst::{IntoStreamer, Streamer};

use crate::analysis::Analyzer;
use crate::error::{Error, Result};
use crate::index::Index;
use crate::query::{Query, QueryTerm};
use crate::ranking::{bm25f, field_norm, idf, BODY_B, PREFIX_WEIGHT, TITLE_B};
use crate::snippet::{best_passage, highlight_all};

/// Largest page of hits one call returns.
pub const MAX_LIMIT: usize = 100;
/// Largest offset accepted: deeper pages are not a use case, only a cost.
pub const MAX_OFFSET: usize = 10_000;
/// A prefix expands to at most this many index terms (the most frequent
/// ones), so a one-letter prefix costs no more than a few words.
pub const MAX_PREFIX_TERMS: usize = 64;
/// At most this many dictionary terms are scanned for one prefix.
const MAX_PREFIX_SCAN: usize = 4096;

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

/// Runs queries against one index.
#[derive(Debug)]
pub struct Searcher<'a> {
    index: Index<'a>,
    analyzer: Analyzer,
    /// BM25 (title, body) length divisors per document, computed once.
    norms: Vec<(f32, f32)>,
}

/// An index term a query term stands for, and how much a match on it counts.
struct Expansion {
    offset: u64,
    weight: f32,
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
        Ok(Searcher { index, analyzer: Analyzer::new(), norms })
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
        let mut ranked = self.matching_docs(&query);
        results.total = ranked.len();
        ranked.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let is_match =
            |term: &str| query.terms.iter().any(|q| if q.prefix { term.starts_with(&q.text) } else { term == q.text });
        for &(doc, score) in ranked.iter().skip(options.offset).take(options.limit) {
            let stored = self.index.doc(doc)?;
            let title = highlight_all(&self.analyzer, stored.title, &is_match);
            let snippet = best_passage(&self.analyzer, stored.body, &is_match);
            results.hits.push(Hit {
                id: stored.id.to_string(),
                title: title.text,
                url: stored.url.map(str::to_string),
                date: stored.date.map(str::to_string),
                score,
                snippet: snippet.text,
                highlights: snippet.highlights,
                title_highlights: title.highlights,
            });
        }
        Ok(results)
    }

    /// Documents containing every query term, with their scores (unsorted).
    fn matching_docs(&self, query: &Query) -> Vec<(u32, f32)> {
        let mut candidates: Option<Vec<(u32, f32)>> = None;
        for term in &query.terms {
            let scores = self.term_scores(term);
            candidates = Some(match candidates {
                None => scores.into_iter().collect(),
                Some(previous) => {
                    previous.into_iter().filter_map(|(doc, score)| scores.get(&doc).map(|s| (doc, score + s))).collect()
                }
            });
            if candidates.as_ref().is_some_and(Vec::is_empty) {
                break;
            }
        }
        candidates.unwrap_or_default()
    }

    /// Best score per document over the index terms `term` stands for.
    fn term_scores(&self, term: &QueryTerm) -> HashMap<u32, f32> {
        let mut scores: HashMap<u32, f32> = HashMap::new();
        for expansion in self.expand(term) {
            let postings = self.index.postings(expansion.offset);
            let idf = idf(self.index.doc_count(), postings.doc_freq());
            for p in postings {
                let norms = self.norms[p.doc as usize];
                let score = expansion.weight * bm25f(idf, p.title_tf, p.body_tf, norms);
                let best = scores.entry(p.doc).or_insert(0.0);
                *best = best.max(score);
            }
        }
        scores
    }

    /// The exact index term, and for a prefix term the most frequent index
    /// terms starting with it.
    fn expand(&self, term: &QueryTerm) -> Vec<Expansion> {
        let terms = self.index.terms();
        let mut out: Vec<Expansion> =
            terms.get(&term.text).map(|offset| Expansion { offset, weight: 1.0 }).into_iter().collect();
        if !term.prefix {
            return out;
        }
        let mut longer: Vec<(u32, u64)> = Vec::new();
        let mut stream = terms.search(Str::new(&term.text).starts_with()).into_stream();
        while let Some((key, offset)) = stream.next() {
            if key.len() > term.text.len() {
                longer.push((self.index.postings(offset).doc_freq(), offset));
            }
            if longer.len() >= MAX_PREFIX_SCAN {
                break;
            }
        }
        if longer.len() > MAX_PREFIX_TERMS {
            longer.select_nth_unstable_by(MAX_PREFIX_TERMS, |a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            longer.truncate(MAX_PREFIX_TERMS);
        }
        out.extend(longer.into_iter().map(|(_, offset)| Expansion { offset, weight: PREFIX_WEIGHT }));
        out
    }
}
