//! Text analysis: the one chain of rules that turns text into index terms.
//!
//! `build.rs` analyses articles with it and the wasm module analyses queries
//! with it, so the two sides cannot drift. The chain is:
//!
//! 1. [`tokenize`](tokenize::tokenize): Unicode words, apostrophes kept inside
//!    them, hyphens splitting them, punctuation, symbols and emoji dropped;
//! 2. [`fold`]: lowercase, diacritics stripped (`Hà Nội` = `ha noi`),
//!    `đ` = `d`, every apostrophe the same and then removed, possessive `'s` dropped;
//! 3. [`variants`]: British spellings mapped to American (`defence` = `defense`).
//!
//! Queries also know the [`is_stop_word`] list: function words that never
//! make a hit on their own (the index keeps them, for phrases).
//!
//! The result is the *surface term* stored in the index. [`stem`] gives its
//! stem in the article's language (Snowball: Porter2 for English), which the
//! index keeps in a separate dictionary of stem groups per language, so a
//! stemmed match is found but ranks below the exact word. A language without
//! a stemmer (Vietnamese) is folded and tokenized, not stemmed.
//!
//! Any change to what these produce must bump [`ANALYZER_VERSION`], so that a
//! stale index is rejected on load instead of silently missing matches.

mod fold;
mod fold_table;
#[cfg(test)]
mod fold_table_gen;
pub mod stem;
mod stop_words;
mod tokenize;

use tokenize::Output;

pub(crate) use fold::is_hyphen;
pub use stop_words::is_stop_word;

/// Whether a word of `text` begins at byte `at` with nothing joined before
/// it (no letter, apostrophe or hyphen just before): analysis can resume
/// there and number the words as the analysis of the whole text does.
pub(crate) fn is_word_start(text: &str, at: usize) -> bool {
    text[..at].chars().next_back().is_none_or(|c| !(fold::is_word_char(c) || fold::is_apostrophe(c) || is_hyphen(c)))
}
mod variants;

/// Version of the analysis rules, recorded in every index header.
/// 2: British spellings folded to American; Porter2 stems.
/// 3: diacritics stripped by generated tables instead of the whole of
/// `unicode-normalization`: the same terms, but CJK compatibility ideographs
/// stay as they are instead of becoming unified ideographs.
pub const ANALYZER_VERSION: u32 = 3;

/// Terms longer than this many bytes are not indexed: no word is that long,
/// only hashes, base64 and URLs, which would bloat the dictionary.
pub const MAX_TERM_BYTES: usize = 64;

/// What a token stands for inside a hyphenated name like `ARMY-2024`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// An ordinary word.
    Word,
    /// A hyphenated name with a digit, whole (`army-2024`); its parts follow it.
    Whole,
    /// One part of such a name (`army`, then `2024`).
    Part,
}

/// One term of a text, with where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// The normalised term, as stored in the index.
    pub term: String,
    /// Word position, for phrase matching; a `Whole` shares its first part's.
    pub position: u32,
    /// Byte offset of the first character in the analysed text.
    pub start: usize,
    /// Byte offset just past the last character in the analysed text.
    pub end: usize,
    /// Whether this is a plain word, a whole hyphenated name or a part of one.
    pub kind: TokenKind,
}

/// The text analyzer shared by the index builder and the searcher.
#[derive(Debug, Clone, Copy, Default)]
pub struct Analyzer;

impl Analyzer {
    /// The analyzer with the rules of [`ANALYZER_VERSION`].
    pub fn new() -> Self {
        Analyzer
    }

    /// All tokens of `text`, positions from 0.
    ///
    /// ```
    /// use article_search_core::Analyzer;
    /// let terms: Vec<String> = Analyzer::new()
    ///     .tokens("HÀ NỘI — Việt Nam’s ARMY-2024 🎉")
    ///     .into_iter()
    ///     .map(|t| t.term)
    ///     .collect();
    /// assert_eq!(terms, ["ha", "noi", "viet", "nam", "army-2024", "army", "2024"]);
    /// ```
    pub fn tokens(&self, text: &str) -> Vec<Token> {
        let mut tokens = Vec::new();
        self.tokens_into(text, 0, &mut tokens);
        tokens
    }

    /// Appends the tokens of `text` to `tokens`, numbering positions from
    /// `first_position`; returns the next free position. Lets a caller analyse
    /// several fields into one buffer without allocating per field.
    pub fn tokens_into(&self, text: &str, first_position: u32, tokens: &mut Vec<Token>) -> u32 {
        tokenize::tokenize(text, first_position, tokens, Output::Terms, |_| false)
    }

    /// Where the words of `text` stand, appended to `tokens`: the tokens of
    /// [`tokens_into`](Self::tokens_into) with empty terms and without the
    /// whole form of hyphenated names (which overlaps its parts), much
    /// cheaper to get. Stops as soon as `done(tokens)` is true (checked after
    /// each word): a snippet needs the text only up to its window.
    pub fn layout_until(
        &self,
        text: &str,
        first_position: u32,
        tokens: &mut Vec<Token>,
        done: impl FnMut(&[Token]) -> bool,
    ) -> u32 {
        tokenize::tokenize(text, first_position, tokens, Output::Layout, done)
    }

    /// The terms a piece of query text stands for, with their positions
    /// relative to the first (for phrase matching). A hyphenated name is
    /// looked up whole: its parts are indexed only so that `army 2024` finds it.
    pub fn query_terms(&self, text: &str) -> Vec<(String, u32)> {
        let tokens = self.tokens(text);
        let first = tokens.first().map_or(0, |t| t.position);
        let mut whole_ends = 0; // a part before this position belongs to a whole
        let mut terms = Vec::with_capacity(tokens.len());
        for t in tokens {
            match t.kind {
                TokenKind::Whole => {
                    whole_ends = t.position + 1 + t.term.matches('-').count() as u32;
                    terms.push((t.term, t.position - first));
                }
                TokenKind::Part if t.position < whole_ends => {}
                _ => terms.push((t.term, t.position - first)),
            }
        }
        terms
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Vec<String> {
        Analyzer::new().tokens(text).into_iter().map(|t| t.term).collect()
    }

    #[test]
    fn accents_case_and_apostrophes_fold() {
        assert_eq!(terms("Hà Nội"), terms("ha noi"));
        assert_eq!(terms("HÀ NỘI"), terms("ha noi"));
        assert_eq!(terms("Đại tướng"), ["dai", "tuong"]);
        assert_eq!(terms("don’t don't"), ["dont", "dont"]);
        assert_eq!(terms("Vietnam’s countries’ '70"), ["vietnam", "countries", "70"]);
    }

    #[test]
    fn hyphenated_names_with_digits_are_whole_and_parts() {
        let tokens = Analyzer::new().tokens("the ARMY-2024 forum");
        let got: Vec<(&str, u32, TokenKind)> = tokens.iter().map(|t| (t.term.as_str(), t.position, t.kind)).collect();
        assert_eq!(
            got,
            [
                ("the", 0, TokenKind::Word),
                ("army-2024", 1, TokenKind::Whole),
                ("army", 1, TokenKind::Part),
                ("2024", 2, TokenKind::Part),
                ("forum", 3, TokenKind::Word),
            ]
        );
        assert_eq!(Analyzer::new().query_terms("Army-2024 forum"), [("army-2024".into(), 0), ("forum".into(), 2)]);
    }

    #[test]
    fn plain_hyphenated_words_split() {
        assert_eq!(terms("Vietnam-Russia co-chaired"), ["vietnam", "russia", "co", "chaired"]);
        assert_eq!(Analyzer::new().query_terms("Vietnam-Russia"), [("vietnam".into(), 0), ("russia".into(), 1)]);
    }

    #[test]
    fn british_and_american_spellings_are_one_term() {
        assert_eq!(terms("Defence centre organisation"), terms("defense center organization"));
    }

    #[test]
    fn symbols_and_emoji_are_ignored() {
        assert!(terms("🎉 — … ©®™ +-*/ \u{200b}").is_empty());
        assert_eq!(terms("peace🕊️talks"), ["peace", "talks"]);
    }

    #[test]
    fn offsets_point_into_the_original_text() {
        let text = "Hà Nội, Việt Nam";
        for t in Analyzer::new().tokens(text) {
            let original = &text[t.start..t.end];
            assert_eq!(terms(original), std::slice::from_ref(&t.term));
        }
    }

    #[test]
    fn overlong_terms_are_dropped() {
        let junk = "x".repeat(MAX_TERM_BYTES + 1);
        assert_eq!(terms(&format!("a {junk} b")), ["a", "b"]);
    }
}
