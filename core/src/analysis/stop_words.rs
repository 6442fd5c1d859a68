//! English stop words: function words so common that matching one says
//! nothing about what an article is about. A query's stop words never make
//! an article a hit on their own and add nothing to its score, but they
//! still count inside a quoted phrase (`"law of the sea"`), and a query of
//! nothing but stop words searches for them as written.
//!
//! The list is NLTK's English list (the one most IR toolkits start from),
//! written as the analyzer folds it (`don't` -> `dont`), without the
//! contraction fragments that are also real words (`won`, `don`, `ma`).

/// The stop words, as analysed terms (looked up once per query word).
const STOP_WORDS: [&str; 158] = [
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "am",
    "an",
    "and",
    "any",
    "are",
    "arent",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "couldnt",
    "did",
    "didnt",
    "do",
    "does",
    "doesnt",
    "doing",
    "dont",
    "down",
    "during",
    "each",
    "few",
    "for",
    "from",
    "further",
    "had",
    "hadnt",
    "has",
    "hasnt",
    "have",
    "havent",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "isnt",
    "it",
    "its",
    "itself",
    "just",
    "me",
    "mightnt",
    "more",
    "most",
    "mustnt",
    "my",
    "myself",
    "neednt",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "same",
    "shant",
    "she",
    "shes",
    "should",
    "shouldnt",
    "shouldve",
    "so",
    "some",
    "such",
    "than",
    "that",
    "thatll",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "very",
    "was",
    "wasnt",
    "we",
    "were",
    "werent",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "wont",
    "wouldnt",
    "you",
    "youd",
    "youll",
    "your",
    "youre",
    "yours",
    "yourself",
    "yourselves",
    "youve",
    "s",
    "t",
    "d",
    "ll",
    "m",
    "o",
    "re",
    "ve",
    "y",
];

/// Whether an analysed term is a stop word.
pub fn is_stop_word(term: &str) -> bool {
    STOP_WORDS.contains(&term)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Analyzer;

    #[test]
    fn every_stop_word_is_written_as_the_analyzer_folds_it() {
        let analyzer = Analyzer::new();
        for word in STOP_WORDS {
            let terms: Vec<String> = analyzer.tokens(word).into_iter().map(|t| t.term).collect();
            assert_eq!(terms, [word], "{word}");
        }
        let mut unique = STOP_WORDS.to_vec();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), STOP_WORDS.len());
    }

    #[test]
    fn function_words_are_stop_words_and_content_words_are_not() {
        for word in ["the", "what", "of", "dont", "shouldve"] {
            assert!(is_stop_word(word), "{word}");
        }
        for word in ["law", "sea", "moscow", "won", "don", "defense"] {
            assert!(!is_stop_word(word), "{word}");
        }
    }
}
