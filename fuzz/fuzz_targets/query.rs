//! Any query string against a small index: search must not panic, and its
//! highlight ranges must lie on UTF-16 boundaries inside their strings.
#![no_main]

use std::sync::OnceLock;

use article_search_core::{Document, Index, IndexBuilder, SearchOptions, Searcher};
use libfuzzer_sys::fuzz_target;

/// The searcher over the index, built once (its Levenshtein builders are costly).
fn searcher() -> &'static Searcher<'static> {
    static SEARCHER: OnceLock<Searcher<'static>> = OnceLock::new();
    SEARCHER.get_or_init(|| Searcher::new(Index::open(index_bytes()).unwrap()).unwrap())
}

fn index_bytes() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| {
        let texts = [
            ("hn", "Việt Nam and Russia", "HÀ NỘI — Việt Nam’s defence ties with the Russia Federation, ARMY-2024."),
            ("mo", "Moscow dialogue", "The law of the sea; strategic dialogues on cooperation 🎉 in Moscow."),
            ("us", "Defense center", "The defense center organization program, Belousov and Giang."),
        ];
        let mut builder = IndexBuilder::new();
        for (id, title, body) in texts {
            builder.add(Document { id: id.into(), title: title.into(), body: body.into(), ..Default::default() }).unwrap();
        }
        let mut bytes = Vec::new();
        builder.finish(&mut bytes).unwrap();
        bytes
    })
}

fn check_ranges(text: &str, ranges: &[[u32; 2]]) {
    let units: Vec<u16> = text.encode_utf16().collect();
    for &[s, e] in ranges {
        assert!(s < e && e as usize <= units.len());
        assert!(String::from_utf16(&units[s as usize..e as usize]).is_ok());
    }
}

fuzz_target!(|data: &[u8]| {
    let query = String::from_utf8_lossy(data);
    let results = searcher().search(&query, &SearchOptions::default()).unwrap();
    assert!(results.hits.len() <= results.total);
    for hit in &results.hits {
        check_ranges(&hit.snippet, &hit.highlights);
        check_ranges(&hit.title, &hit.title_highlights);
    }
});
