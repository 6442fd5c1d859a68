//! The article-search engine: text analysis, an fst-based index format,
//! query parsing, BM25F ranking and snippets, as a plain Rust library.
//!
//! It runs in two places: the build script of the `article-search` package
//! indexes a folder of articles with it, and the WebAssembly module answers
//! queries with it. Both use the same [`Analyzer`], so a word is normalised
//! the same way when indexed and when searched.
//!
//! # Types
//! - [`parse_article`] turns an article file into a [`Document`] (front
//!   matter, a clickable title, the body).
//! - [`IndexBuilder`] analyses documents and writes the index bytes
//!   (layout in [`index::format`]).
//! - [`Index`] validates and borrows those bytes, zero-copy.
//! - [`Searcher`] parses a [`Query`], looks terms up in the fst dictionary,
//!   ranks with BM25F ([`ranking`]) and cuts snippets ([`snippet`]).
//!
//! # Example
//! ```
//! use article_search_core::*;
//! let mut builder = IndexBuilder::new();
//! for (id, text) in [("hn", "Talks in Hà Nội\n\nDefence ties deepen."), ("mo", "Moscow forum\n\nARMY-2024 opens.")] {
//!     builder.add(parse_article(id, text, ArticleFormat::Text))?;
//! }
//! let mut bytes = Vec::new();
//! builder.finish(&mut bytes)?;
//!
//! let searcher = Searcher::new(Index::open(&bytes)?)?;
//! let results = searcher.search("HA NOI", &SearchOptions::default())?;
//! assert_eq!(results.total, 1);
//! assert_eq!(results.hits[0].title, "Talks in Hà Nội");
//! assert_eq!(results.hits[0].title_highlights, [[9, 11], [12, 15]]);
//! assert_eq!(searcher.search("army-20", &SearchOptions::default())?.hits[0].id, "mo");
//! # Ok::<(), Error>(())
//! ```
#![deny(missing_docs)]

pub mod analysis;
mod article;
mod error;
pub mod index;
mod query;
pub mod ranking;
mod search;
pub mod snippet;

pub use analysis::{Analyzer, Token, TokenKind, ANALYZER_VERSION};
pub use article::{load_article, parse_article, ArticleFormat, Document, Loaded, MAX_ARTICLE_BYTES};
pub use error::{Error, Result};
pub use index::format::FORMAT_VERSION;
pub use index::{BuildSummary, Index, IndexBuilder, StoredDoc};
pub use query::{Clause, Query, QueryTerm, MAX_QUERY_BYTES, MAX_QUERY_TERMS};
pub use ranking::{MAX_PREFIX_TERMS, MAX_TYPO_TERMS};
pub use search::{Hit, SearchOptions, SearchResults, Searcher, MAX_LIMIT, MAX_OFFSET};
