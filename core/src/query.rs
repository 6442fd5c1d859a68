//! Query text -> a small AST of clauses.
//!
//! | syntax            | clause                                                   |
//! |-------------------|----------------------------------------------------------|
//! | `word`            | the word, its other forms (stem), typos, compounds       |
//! | `"two words"`     | those words, adjacent, in that order (no typos, no stems)|
//! | `-word`, `-"a b"` | documents with it are removed                            |
//!
//! Quoted phrases must match and exclusions must not; plain words are
//! ranked, not required (see [`ranking`](crate::ranking)). The last word is also a prefix
//! while the user is still typing it (the input ends in a letter or digit), so
//! results appear on every keystroke. Parsing never fails: what is not a word
//! (a lone `-` or `"`, punctuation, emoji) is ignored.

use crate::analysis::Analyzer;

/// Queries longer than this many bytes are cut (at a character boundary):
/// nobody types more, and it bounds the work one keystroke can cause.
pub const MAX_QUERY_BYTES: usize = 1024;
/// Terms beyond this many (over all clauses) are ignored, for the same
/// reason. Enough for a pasted question or paragraph (20 to 60 words).
pub const MAX_QUERY_TERMS: usize = 64;

/// A parsed query.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    /// The clauses in the order written.
    pub clauses: Vec<Clause>,
}

/// One word or quoted phrase of a query. An unquoted hyphenated word
/// (`Vietnam-Russia`) is one clause per part; excluded, it is a phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    /// The analysed terms and their positions relative to the first term:
    /// one for a plain word, several for a phrase (or a hyphenated word).
    pub terms: Vec<QueryTerm>,
    /// Written in quotes: only these exact words, in this order.
    pub quoted: bool,
    /// Written with a leading `-`: documents matching it are removed.
    pub excluded: bool,
    /// The last word, still being typed: longer index terms match too.
    pub prefix: bool,
    /// Where the clause's text stands in the input (bytes), so a suggestion
    /// can replace just that word; `None` for the parts of a hyphenated word.
    pub source: Option<std::ops::Range<usize>>,
}

/// One analysed term of a clause.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryTerm {
    /// The term, normalised like index terms.
    pub text: String,
    /// Position relative to the clause's first term.
    pub offset: u32,
}

impl Clause {
    /// The term of a single-word clause, which may be stemmed, completed,
    /// corrected and split; `None` for a phrase.
    pub fn single_word(&self) -> Option<&str> {
        match self.terms.as_slice() {
            [term] if !self.quoted => Some(&term.text),
            _ => None,
        }
    }
}

impl Query {
    /// Parses `input` with `analyzer`.
    ///
    /// ```
    /// use article_search_core::{Analyzer, Query};
    /// let q = Query::parse(&Analyzer::new(), "\"Hà Nội\" -Moscow defen");
    /// let summary: Vec<(String, bool, bool, bool)> = q
    ///     .clauses
    ///     .iter()
    ///     .map(|c| (c.terms.iter().map(|t| t.text.as_str()).collect::<Vec<_>>().join(" "), c.quoted, c.excluded, c.prefix))
    ///     .collect();
    /// assert_eq!(summary, [
    ///     ("ha noi".into(), true, false, false),
    ///     ("moscow".into(), false, true, false),
    ///     ("defen".into(), false, false, true),
    /// ]);
    /// ```
    pub fn parse(analyzer: &Analyzer, input: &str) -> Query {
        let input = truncate(input, MAX_QUERY_BYTES);
        let mut clauses: Vec<Clause> = Vec::new();
        let mut budget = MAX_QUERY_TERMS;
        let mut rest = input;
        while budget > 0 {
            rest = rest.trim_start();
            let Some(first) = rest.chars().next() else { break };
            let excluded = first == '-' && rest[1..].starts_with(|c: char| !c.is_whitespace());
            if excluded {
                rest = &rest[1..];
            }
            let (text, quoted);
            if let Some(inside) = rest.strip_prefix('"') {
                let end = inside.find('"').unwrap_or(inside.len());
                (text, quoted) = (&inside[..end], true);
                rest = inside.get(end + 1..).unwrap_or("");
            } else {
                let end = rest.find(|c: char| c.is_whitespace() || c == '"').unwrap_or(rest.len());
                (text, quoted) = (&rest[..end], false);
                rest = &rest[end..];
            }
            // `text` is a slice of `input`: its offset is the difference of their addresses.
            let start = text.as_ptr() as usize - input.as_ptr() as usize;
            let source = Some(start..start + text.len());
            let mut terms: Vec<QueryTerm> =
                analyzer.query_terms(text).into_iter().map(|(text, offset)| QueryTerm { text, offset }).collect();
            terms.truncate(budget);
            budget -= terms.len();
            if quoted || excluded || terms.len() == 1 {
                // `-vietnam-russia` removes the phrase, not every document with either word.
                if !terms.is_empty() {
                    clauses.push(Clause { terms, quoted, excluded, prefix: false, source });
                }
            } else {
                // `Vietnam-Russia` unquoted: each part is a word of its own
                // (the last one may still be being typed: `All-P`).
                for term in terms {
                    let terms = vec![QueryTerm { text: term.text, offset: 0 }];
                    clauses.push(Clause { terms, quoted, excluded, prefix: false, source: None });
                }
            }
        }
        let still_typing = input.chars().next_back().is_some_and(char::is_alphanumeric);
        if let Some(last) = clauses.last_mut() {
            last.prefix = still_typing && !last.excluded && last.single_word().is_some();
        }
        Query { clauses }
    }

    /// Whether nothing is required: no clause, or only exclusions. Such a
    /// query matches nothing (an exclusion narrows results, it finds none).
    pub fn is_empty(&self) -> bool {
        self.clauses.iter().all(|c| c.excluded)
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

    fn parse(input: &str) -> Query {
        Query::parse(&Analyzer::new(), input)
    }

    #[test]
    fn trailing_space_ends_the_prefix() {
        assert!(parse("defence").clauses[0].prefix);
        assert!(!parse("defence ").clauses[0].prefix);
        assert!(!parse("\"defence\"").clauses[0].prefix);
        assert!(!parse("-defence").clauses[0].prefix);
    }

    #[test]
    fn phrases_keep_stop_words_and_positions() {
        let q = parse("\"law of the sea\" russia");
        let phrase: Vec<(&str, u32)> = q.clauses[0].terms.iter().map(|t| (t.text.as_str(), t.offset)).collect();
        assert_eq!(phrase, [("law", 0), ("of", 1), ("the", 2), ("sea", 3)]);
        assert!(q.clauses[0].quoted && !q.clauses[1].quoted);
    }

    #[test]
    fn unclosed_quote_runs_to_the_end() {
        let q = parse("\"tropical centre");
        assert_eq!(q.clauses.len(), 1);
        assert_eq!(q.clauses[0].terms.len(), 2);
    }

    #[test]
    fn exclusions_of_words_and_phrases() {
        let q = parse("russia -moscow -\"tropical centre\"");
        assert_eq!(q.clauses.iter().map(|c| c.excluded).collect::<Vec<_>>(), [false, true, true]);
        assert!(parse("-moscow").is_empty(), "only exclusions require nothing");
    }

    #[test]
    fn no_words_is_an_empty_query() {
        for input in ["", "   ", "?!… — 🎉", "\"", "-", "- -", "\"\"", "-\"", "\" \""] {
            assert!(parse(input).is_empty(), "{input:?}");
        }
    }

    #[test]
    fn long_queries_are_capped() {
        let long = "ab ".repeat(2000) + "é";
        assert_eq!(parse(&long).clauses.len(), MAX_QUERY_TERMS);
        assert!(parse(&"é".repeat(MAX_QUERY_BYTES)).is_empty(), "one overlong word is not a term");
        let phrase = format!("\"{}\"", "ab ".repeat(100));
        assert_eq!(parse(&phrase).clauses[0].terms.len(), MAX_QUERY_TERMS);
    }
}
