//! From query text to ranked hits.
//!
//! - [`dictionary`]: a word -> its completions and typo neighbours in the fst;
//! - [`matching`]: each clause of the [`Query`] -> the documents it matches
//!   (exact, stem, completion, typo and compound terms; postings; phrase
//!   positions), sorted by document;
//! - [`rank`]: documents in every required clause and no excluded one, ordered
//!   by [`ranking`](crate::ranking): quality tier, then score (with a
//!   proximity bonus for the top), then document order;
//! - here: the page of hits with snippets, "did you mean", whole articles.

mod dictionary;
mod matching;
mod rank;

use levenshtein_automata::LevenshteinAutomatonBuilder;

use crate::analysis::Analyzer;
use crate::error::{Error, Result};
use crate::index::Index;
use crate::query::Query;
use crate::ranking::{field_norm, BODY_B, TITLE_B};
use crate::snippet::{best_passage, highlight_all, highlight_exact};
use matching::{ClauseMatches, WordInfo};
use rank::{rank, sort_top, Ranked};

pub use dictionary::MAX_TYPO_TERMS;
pub use matching::MAX_PREFIX_TERMS;

/// Largest page of hits one call returns.
pub const MAX_LIMIT: usize = 100;
/// Largest offset accepted: deeper pages are not a use case, only a cost.
pub const MAX_OFFSET: usize = 10_000;
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
        let (mut ranked, required, words) = self.ranked(&query);
        results.total = ranked.len();
        let sorted = sort_top(&mut ranked, &required, options.offset.saturating_add(options.limit));
        if ranked.first().is_none_or(|best| best.typos > 0) {
            results.suggestion = self.suggestion(input, &query, &words, ranked.is_empty());
        }
        for r in ranked[..sorted].iter().skip(options.offset).take(options.limit) {
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
        let required = if query.is_empty() { Vec::new() } else { self.ranked(&query).1 };
        let mut positions: Vec<u32> = required
            .iter()
            .filter_map(|clause| {
                clause.binary_search_by_key(&doc, |m| m.doc).ok().map(|i| clause[i].positions.decode())
            })
            .flatten()
            .collect();
        positions.sort_unstable();
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

    /// The documents `query` matches (unsorted), each required clause's
    /// matches, and what was learnt about each clause's word.
    fn ranked(&self, query: &Query) -> (Vec<Ranked>, Vec<ClauseMatches<'a>>, Vec<WordInfo>) {
        let mut required = Vec::new();
        let mut excluded = Vec::new();
        let mut words = Vec::with_capacity(query.clauses.len());
        for clause in &query.clauses {
            let (matches, info) = self.clause_matches(clause);
            words.push(info);
            if clause.excluded {
                excluded.push(matches);
            } else {
                required.push(matches);
            }
        }
        self.add_joined_compounds(query, &mut required);
        (rank(&required, &excluded), required, words)
    }

    /// Builds the hit of a ranked document: stored fields, snippet, highlights.
    fn hit(&self, ranked: &Ranked, required: &[ClauseMatches]) -> Result<Hit> {
        let stored = self.index.doc(ranked.doc)?;
        let clauses = ranked.clause_positions(required);
        let is_match = |p: u32| clauses.iter().any(|c| c.binary_search(&p).is_ok());
        let title = highlight_all(&self.analyzer, stored.title, 0, &is_match);
        let snippet = best_passage(&self.analyzer, stored.body, stored.title_len + 1, &clauses, &|word| {
            stored.resume_before(word)
        });
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

    /// The input with each word the dictionary lacks (in any form) replaced
    /// by its nearest, most frequent dictionary word, everything else as the
    /// user wrote it; `None` if nothing changes, or if `verify` and the
    /// corrected query finds nothing either.
    fn suggestion(&self, input: &str, query: &Query, words: &[WordInfo], verify: bool) -> Option<String> {
        let mut corrections: Vec<(std::ops::Range<usize>, &str)> = Vec::new();
        for (clause, info) in query.clauses.iter().zip(words) {
            let (Some(_), Some(source)) = (clause.single_word(), &clause.source) else { continue };
            if clause.excluded || info.known {
                continue;
            }
            if let Some(better) = &info.best_typo {
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
            suggestion.push_str(better);
            copied = range.end;
        }
        suggestion.push_str(&input[copied..]);
        if verify && self.ranked(&Query::parse(&self.analyzer, &suggestion)).0.is_empty() {
            return None;
        }
        Some(suggestion)
    }
}

impl std::fmt::Debug for Searcher<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Searcher").field("index", &self.index).finish_non_exhaustive()
    }
}
