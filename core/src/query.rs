//! Query text -> a small list of terms to look up.
//!
//! All terms must match (AND). The last word is also a prefix while the user
//! is still typing it (the query does not end in a space or punctuation), so
//! results appear on every keystroke.

use crate::analysis::Analyzer;

/// Queries longer than this many bytes are cut (at a character boundary):
/// nobody types more, and it bounds the work one keystroke can cause.
pub const MAX_QUERY_BYTES: usize = 1024;
/// Terms beyond this many are ignored, for the same reason.
pub const MAX_QUERY_TERMS: usize = 16;

/// A parsed query.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    /// The terms, all of which a document must contain.
    pub terms: Vec<QueryTerm>,
}

/// One term of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryTerm {
    /// The analysed term (folded like index terms).
    pub text: String,
    /// Whether index terms that merely start with `text` match too.
    pub prefix: bool,
}

impl Query {
    /// Parses `input` with `analyzer`. Never fails: input with no words is an
    /// empty query, which matches nothing.
    ///
    /// ```
    /// use article_search_core::{Analyzer, Query};
    /// let q = Query::parse(&Analyzer::new(), "Hà Nội defen");
    /// let terms: Vec<(&str, bool)> = q.terms.iter().map(|t| (t.text.as_str(), t.prefix)).collect();
    /// assert_eq!(terms, [("ha", false), ("noi", false), ("defen", true)]);
    /// ```
    pub fn parse(analyzer: &Analyzer, input: &str) -> Query {
        let input = truncate(input, MAX_QUERY_BYTES);
        let mut terms: Vec<QueryTerm> = analyzer
            .query_terms(input)
            .into_iter()
            .take(MAX_QUERY_TERMS)
            .map(|text| QueryTerm { text, prefix: false })
            .collect();
        let still_typing = input.chars().next_back().is_some_and(char::is_alphanumeric);
        if let Some(last) = terms.last_mut() {
            last.prefix = still_typing;
        }
        Query { terms }
    }

    /// Whether the query has nothing to look up.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }
}

fn truncate(s: &str, max_bytes: usize) -> &str {
    if s.len() <= max_bytes {
        return s;
    }
    let mut end = max_bytes;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trailing_space_ends_the_prefix() {
        let q = Query::parse(&Analyzer::new(), "defence ");
        assert!(!q.terms[0].prefix);
    }

    #[test]
    fn no_words_is_an_empty_query() {
        for input in ["", "   ", "?!… — 🎉", "\"", "-"] {
            assert!(Query::parse(&Analyzer::new(), input).is_empty(), "{input:?}");
        }
    }

    #[test]
    fn long_queries_are_capped() {
        let long = "ab ".repeat(2000) + "é";
        let q = Query::parse(&Analyzer::new(), &long);
        assert_eq!(q.terms.len(), MAX_QUERY_TERMS);
        let q = Query::parse(&Analyzer::new(), &"é".repeat(MAX_QUERY_BYTES));
        assert!(q.terms.is_empty(), "one overlong word is not a term");
    }
}
