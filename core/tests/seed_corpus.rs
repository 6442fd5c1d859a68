#![cfg(feature = "input")]
//! The engine on the five seed articles of `articles/`, through the public API.

use article_search_core::{parse_article, ArticleFormat, Index, IndexBuilder, SearchOptions, Searcher};

fn seed_index() -> Vec<u8> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../articles");
    let mut paths: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    let mut builder = IndexBuilder::new();
    for path in paths {
        let text = std::fs::read_to_string(&path).unwrap();
        builder.add(parse_article(path.file_stem().unwrap().to_str().unwrap(), &text, ArticleFormat::Text)).unwrap();
    }
    let mut bytes = Vec::new();
    builder.finish(&mut bytes).unwrap();
    bytes
}

#[test]
fn hyphenated_name_queries() {
    let bytes = seed_index();
    let searcher = Searcher::new(Index::open(&bytes).unwrap()).unwrap();
    for q in ["army 2024", "ARMY-2024", "army-20", "1941-1945"] {
        let r = searcher.search(q, &SearchOptions::default()).unwrap();
        assert_eq!(r.hits[0].id, "004_8527679b616142e3", "{q}");
    }
}

/// Every word of every article, queried as written, uppercased, without its
/// accents, or half-typed, finds that article, and every highlight range is a
/// valid UTF-16 range of its string.
#[test]
fn every_word_finds_its_article_in_every_spelling() {
    let bytes = seed_index();
    let searcher = Searcher::new(Index::open(&bytes).unwrap()).unwrap();
    let index = searcher.index();
    let all = SearchOptions { limit: 100, offset: 0, ..SearchOptions::default() };
    for doc in 0..index.doc_count() {
        let stored = index.doc(doc).unwrap();
        let mut words: Vec<&str> = stored
            .body
            .split(|c: char| c.is_whitespace() || "—–/\"“”().,;:!?".contains(c))
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
            .filter(|w| !w.is_empty())
            .collect();
        words.sort_unstable();
        words.dedup();
        for word in words {
            let folded: Vec<String> =
                article_search_core::Analyzer::new().query_terms(word).into_iter().map(|(term, _)| term).collect();
            let unaccented = folded.join(" ");
            let half: String = word.chars().take(word.chars().count().div_ceil(2)).collect();
            for query in [word.to_string(), word.to_uppercase(), unaccented, half] {
                let results = searcher.search(&query, &all).unwrap();
                assert!(results.hits.iter().any(|h| h.id == stored.id), "{query:?} from {word:?} misses {}", stored.id);
                for hit in &results.hits {
                    assert_valid_ranges(&hit.snippet, &hit.highlights);
                    assert_valid_ranges(&hit.title, &hit.title_highlights);
                }
            }
        }
    }
}

fn assert_valid_ranges(text: &str, ranges: &[[u32; 2]]) {
    let units: Vec<u16> = text.encode_utf16().collect();
    let mut previous_end = 0;
    for &[start, end] in ranges {
        assert!(previous_end <= start && start < end && end as usize <= units.len(), "{ranges:?} in {text:?}");
        assert!(String::from_utf16(&units[start as usize..end as usize]).is_ok(), "range splits a character");
        previous_end = end;
    }
}
