//! Property tests of the invariants users rely on.

use article_search_core::snippet::best_passage;
use article_search_core::{Analyzer, Document, Index, IndexBuilder, Query, SearchOptions, SearchResults, Searcher};
use proptest::prelude::*;

/// Letters with their unaccented form, so a generated word's plain spelling
/// is known without using the analyzer under test.
const LETTERS: &[(&str, &str)] = &[
    ("a", "a"),
    ("à", "a"),
    ("ả", "a"),
    ("ạ", "a"),
    ("ă", "a"),
    ("ằ", "a"),
    ("â", "a"),
    ("ấ", "a"),
    ("b", "b"),
    ("c", "c"),
    ("d", "d"),
    ("đ", "d"),
    ("e", "e"),
    ("é", "e"),
    ("ê", "e"),
    ("ệ", "e"),
    ("g", "g"),
    ("h", "h"),
    ("i", "i"),
    ("í", "i"),
    ("k", "k"),
    ("l", "l"),
    ("m", "m"),
    ("n", "n"),
    ("o", "o"),
    ("ô", "o"),
    ("ộ", "o"),
    ("ơ", "o"),
    ("ờ", "o"),
    ("p", "p"),
    ("q", "q"),
    ("r", "r"),
    ("s", "s"),
    ("t", "t"),
    ("u", "u"),
    ("ư", "u"),
    ("ữ", "u"),
    ("v", "v"),
    ("x", "x"),
    ("y", "y"),
    ("ỹ", "y"),
];

/// A word as (written, unaccented): 1 to 10 letters.
fn word() -> impl Strategy<Value = (String, String)> {
    prop::collection::vec(prop::sample::select(LETTERS), 1..=10)
        .prop_map(|letters| (letters.iter().map(|l| l.0).collect(), letters.iter().map(|l| l.1).collect()))
}

fn build(texts: &[String]) -> Vec<u8> {
    let mut builder = IndexBuilder::new();
    for (i, text) in texts.iter().enumerate() {
        let doc = Document { id: format!("d{i}"), title: format!("Doc {i}"), body: text.clone(), ..Default::default() };
        builder.add(doc).unwrap();
    }
    let mut bytes = Vec::new();
    builder.finish(&mut bytes).unwrap();
    bytes
}

fn assert_ranges_in(text: &str, ranges: &[[u32; 2]]) {
    let units: Vec<u16> = text.encode_utf16().collect();
    for &[s, e] in ranges {
        assert!(s < e && e as usize <= units.len(), "{s}..{e} outside {text:?}");
        assert!(String::from_utf16(&units[s as usize..e as usize]).is_ok(), "{s}..{e} splits a character of {text:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any word of an indexed text, queried as written, uppercased or without
    /// its accents, finds that text.
    #[test]
    fn every_word_is_found_in_every_spelling(docs in prop::collection::vec(prop::collection::vec(word(), 1..12), 1..4)) {
        let texts: Vec<String> = docs.iter().map(|d| d.iter().map(|w| w.0.as_str()).collect::<Vec<_>>().join(" ")).collect();
        let bytes = build(&texts);
        let searcher = Searcher::new(Index::open(&bytes).unwrap()).unwrap();
        let all = SearchOptions { limit: 100, offset: 0, ..SearchOptions::default() };
        for (i, doc) in docs.iter().enumerate() {
            for (written, plain) in doc {
                for query in [written.clone(), written.to_uppercase(), plain.clone(), format!("{plain} ")] {
                    let results = searcher.search(&query, &all).unwrap();
                    let id = format!("d{i}");
                    prop_assert!(results.hits.iter().any(|h| h.id == id), "{:?} does not find {:?}", query, texts[i]);
                }
            }
        }
    }

    /// Parsing never panics and stays within the term cap, whatever the input.
    #[test]
    fn the_parser_takes_any_unicode(input in any::<String>()) {
        let query = Query::parse(&Analyzer::new(), &input);
        let terms: usize = query.clauses.iter().map(|c| c.terms.len()).sum();
        prop_assert!(terms <= article_search_core::MAX_QUERY_TERMS);
    }

    /// Search never panics, its highlight ranges lie inside their strings on
    /// UTF-16 boundaries, and what it finds does not depend on the order the
    /// articles were added: the same total, score at each rank and hits.
    #[test]
    fn search_takes_any_query(input in "(\\PC|[\"\\- ]){0,40}") {
        let texts = ["Hà Nội — Việt Nam’s ARMY-2024 \"forum\" 🎉 defence", "Moscow talks 𝕏", "Defence talks in Moscow"];
        // Each text keeps its id and title; only the order they are added changes.
        let build_in = |order: [usize; 3]| {
            let mut builder = IndexBuilder::new();
            for n in order {
                let doc = Document { id: format!("t{n}"), title: format!("Doc {n}"), body: texts[n].into(), ..Default::default() };
                builder.add(doc).unwrap();
            }
            let mut bytes = Vec::new();
            builder.finish(&mut bytes).unwrap();
            bytes
        };
        let (forward, backward) = (build_in([0, 1, 2]), build_in([2, 1, 0]));
        let search = |bytes: &[u8]| {
            Searcher::new(Index::open(bytes).unwrap()).unwrap().search(&input, &SearchOptions::default()).unwrap()
        };
        let (first, other) = (search(&forward), search(&backward));
        prop_assert_eq!(first.total, other.total);
        prop_assert_eq!(&first.suggestion, &other.suggestion);
        let scores = |r: &SearchResults| r.hits.iter().map(|h| h.score.to_bits()).collect::<Vec<_>>();
        prop_assert_eq!(scores(&first), scores(&other), "the score at each rank");
        let by_id = |r: &SearchResults| {
            let mut hits = r.hits.clone();
            hits.sort_by(|a, b| a.id.cmp(&b.id));
            hits
        };
        prop_assert_eq!(by_id(&first), by_id(&other));
        for hit in &first.hits {
            assert_ranges_in(&hit.snippet, &hit.highlights);
            assert_ranges_in(&hit.title, &hit.title_highlights);
        }
    }

    /// Normalising is idempotent: the terms of a text's terms are themselves.
    #[test]
    fn analysis_is_idempotent(text in "\\PC{0,60}") {
        let analyzer = Analyzer::new();
        for token in analyzer.tokens(&text) {
            let again: Vec<String> = analyzer.query_terms(&token.term).into_iter().map(|(t, _)| t).collect();
            if token.kind == article_search_core::TokenKind::Part {
                continue; // a part of a name is re-analysed as a plain word below
            }
            prop_assert_eq!(again, vec![token.term.clone()], "from {:?}", text);
        }
    }

    /// The cheap layout used for snippets puts every word where indexing
    /// does: same offsets, same positions (highlights depend on it).
    #[test]
    fn layout_matches_the_indexed_tokens(text in "(\\PC|[-'’ ]|x{60,70}|ß{30,34}){0,40}") {
        let analyzer = Analyzer::new();
        let indexed: Vec<(usize, usize, u32)> = analyzer
            .tokens(&text)
            .into_iter()
            .filter(|t| t.kind != article_search_core::TokenKind::Whole)
            .map(|t| (t.start, t.end, t.position))
            .collect();
        let mut layout = Vec::new();
        analyzer.layout_until(&text, 0, &mut layout, |_| false);
        let layout: Vec<(usize, usize, u32)> = layout.into_iter().map(|t| (t.start, t.end, t.position)).collect();
        prop_assert_eq!(layout, indexed, "in {:?}", text);
    }

    /// A snippet deep in a long article comes out the same whether its
    /// analysis resumes at a stored resume point or starts at the top.
    #[test]
    fn snippets_resumed_mid_article_equal_snippets_from_the_top(
        pieces in prop::collection::vec(prop::sample::select(&["word", "Hà", "Nội.", "ARMY-2024", "don't", "x-y", "—", "\n\n", "a", "co-op", "1941-1945"][..]), 200..1500),
        at in 0.0..1.0f64,
    ) {
        let mut pieces: Vec<&str> = pieces;
        let marker = ((pieces.len() as f64 * at) as usize).min(pieces.len());
        pieces.insert(marker, "zebra");
        let body = pieces.join(" ");
        let bytes = build(std::slice::from_ref(&body));
        let index = Index::open(&bytes).unwrap();
        let stored = index.doc(0).unwrap();
        let analyzer = Analyzer::new();
        let first = stored.title_len + 1;
        let mut tokens = Vec::new();
        analyzer.tokens_into(&body, first, &mut tokens);
        let zebra: Vec<u32> = tokens.iter().filter(|t| t.term == "zebra").map(|t| t.position).collect();
        let clauses = [zebra];
        // The resume points' offsets are the whole body's (a long one's record holds its first part).
        let resumed = best_passage(&analyzer, &body, first, &clauses, &|word| stored.resume_before(word));
        let from_top = best_passage(&analyzer, &body, first, &clauses, &|_| (0, 0));
        prop_assert_eq!(resumed, from_top);
    }
}

/// Words of three letters (no typo tolerance, no stems in common), each
/// document a few of them with ten filler words between any two, so no
/// proximity bonus changes an order.
const VOCABULARY: [&str; 6] = ["qaz", "wsx", "edc", "rfv", "tgb", "yhn"];

fn spaced_documents() -> impl Strategy<Value = Vec<Vec<usize>>> {
    prop::collection::vec(prop::collection::vec(0..VOCABULARY.len(), 1..6), 1..100)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// A short page is the start of a long one (100 hits asked of at most
    /// 99 documents ranks every hit: nothing is cut short), and the counts
    /// of hits (any word, every word) are exact.
    #[test]
    fn the_page_and_the_counts_do_not_depend_on_the_page_size(docs in spaced_documents(), query in prop::collection::vec(0..VOCABULARY.len(), 1..4)) {
        let filler = " mmm".repeat(10);
        let texts: Vec<String> = docs
            .iter()
            .map(|words| words.iter().map(|&w| VOCABULARY[w]).collect::<Vec<_>>().join(&format!("{filler} ")))
            .collect();
        let bytes = build(&texts);
        let searcher = Searcher::new(Index::open(&bytes).unwrap()).unwrap();
        let query_words: Vec<&str> = query.iter().map(|&w| VOCABULARY[w]).collect();
        let query_text = format!("{} ", query_words.join(" "));
        let page = searcher.search(&query_text, &SearchOptions { limit: 3, offset: 0, ..SearchOptions::default() }).unwrap();
        let all = searcher.search(&query_text, &SearchOptions { limit: 100, offset: 0, ..SearchOptions::default() }).unwrap();
        let ids = |r: &article_search_core::SearchResults, n: usize| r.hits.iter().take(n).map(|h| (h.id.clone(), h.score)).collect::<Vec<_>>();
        prop_assert_eq!(ids(&page, 3), ids(&all, 3));
        let has = |d: &Vec<usize>, w: usize| d.contains(&w);
        let wanted: Vec<usize> = query.clone();
        let any = docs.iter().filter(|d| wanted.iter().any(|&w| has(d, w))).count();
        let every = docs.iter().filter(|d| wanted.iter().all(|&w| has(d, w))).count();
        prop_assert_eq!((page.total, page.full_matches), (any, every));
    }
}
