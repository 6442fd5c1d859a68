//! The article-search engine: text analysis, an fst-based index format,
//! query parsing, BM25F ranking and snippets, as a plain Rust library.
//!
//! It runs in two places: the build script of the `article-search` package
//! indexes a folder of articles with it, and the WebAssembly module answers
//! queries with it. Both use the same [`Analyzer`], so a word is normalised
//! the same way when indexed and when searched.
//!
//! # Types
//! - [`load_file`] turns an article file (text, Markdown or a built site's
//!   HTML page) into a [`Document`]: front matter and metadata, a clickable
//!   title, the body text (feature `input`, for the build script only).
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
#[cfg(feature = "input")]
mod input;
mod query;
pub mod ranking;
mod search;
pub mod snippet;
mod sort;

pub use analysis::{Analyzer, Token, TokenKind, ANALYZER_VERSION};
pub use article::Document;
pub use error::{Error, Result};
pub use index::format::FORMAT_VERSION;
pub use index::{BuildSummary, Index, IndexBuilder, IndexFile, StoredDoc};
#[cfg(feature = "input")]
pub use input::{load_article, load_file, parse_article, primary_language, ArticleFormat, Loaded, MAX_ARTICLE_BYTES};
pub use query::{Clause, Query, QueryTerm, MAX_QUERY_BYTES, MAX_QUERY_TERMS};
pub use ranking::{MAX_PREFIX_TERMS, MAX_TYPO_TERMS};
pub use search::{Hit, SearchOptions, SearchResults, Searcher, Sort, MAX_LIMIT, MAX_OFFSET};
