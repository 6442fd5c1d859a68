//! Arbitrary bytes as an index: opening returns an error or an index that
//! searches without panicking.
#![no_main]

use article_search_core::{Index, SearchOptions, Searcher};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(index) = Index::open(data) else { return };
    let Ok(searcher) = Searcher::new(index) else { return };
    for query in ["defence", "ha noi", "\"law of the\"", "moscw", "-russia viet", "a", "vietnam"] {
        let _ = searcher.search(query, &SearchOptions { limit: 100, offset: 0 });
    }
});
