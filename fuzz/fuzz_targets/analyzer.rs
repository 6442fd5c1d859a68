//! Any text through the analyzer: offsets lie on character boundaries in
//! order, terms are non-empty and bounded, and analysis is idempotent.
#![no_main]

use article_search_core::analysis::MAX_TERM_BYTES;
use article_search_core::{Analyzer, TokenKind};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let analyzer = Analyzer::new();
    let mut previous_end = 0;
    for token in analyzer.tokens(&text) {
        assert!(token.start < token.end && token.end <= text.len());
        assert!(text.is_char_boundary(token.start) && text.is_char_boundary(token.end));
        assert!(!token.term.is_empty() && token.term.len() <= MAX_TERM_BYTES);
        if token.kind != TokenKind::Whole {
            assert!(token.start >= previous_end, "words overlap");
            previous_end = token.end;
        }
        if token.kind == TokenKind::Word {
            let again: Vec<String> = analyzer.query_terms(&token.term).into_iter().map(|(t, _)| t).collect();
            assert_eq!(again, [token.term.clone()], "normalising twice differs from once");
        }
    }
});
