//! Any file as an article, the way the build reads it: loading (UTF-8 and
//! size checks, front matter, Markdown, titles) refuses it, skips it or gives
//! a document; a document always makes an index that the reader opens (what
//! the builder writes, the reader accepts), whose reader view gives the
//! text back unchanged, and whose search for the article's own words does
//! not panic. The first input byte picks the format: even `.txt`, odd `.md`.
#![no_main]

use article_search_core::{
    load_article, ArticleFormat, Document, Index, IndexBuilder, Loaded, SearchOptions, Searcher,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&first, file)) = data.split_first() else { return };
    let format = if first % 2 == 0 { ArticleFormat::Text } else { ArticleFormat::Markdown };
    let Ok(Loaded::Document { document, .. }) = load_article("fuzz", file, format) else { return };
    let (title, body) = (document.title.clone(), document.body.clone());
    let mut builder = IndexBuilder::new();
    builder.add(document).expect("a loaded article is indexed");
    let other = Document {
        id: "other".into(),
        title: "Other".into(),
        body: "Defence talks in Hà Nội.".into(),
        ..Default::default()
    };
    builder.add(other).expect("a second article is indexed");
    let mut bytes = Vec::new();
    builder.finish(&mut bytes).expect("the index is written");
    let index = Index::open(&bytes).expect("the reader opens what the builder wrote");
    let searcher = Searcher::new(index).expect("a searcher over it");

    let article = searcher.article("fuzz", "").unwrap().expect("the article is in the index");
    assert_eq!(article.text, body, "the reader view gives the body back unchanged");
    let all = SearchOptions { limit: 100, offset: 0, ..SearchOptions::default() };
    let head: String = body.chars().take(60).collect();
    for query in [title.as_str(), head.as_str(), "defence"] {
        searcher.search(query, &all).unwrap();
        searcher.article("fuzz", query).unwrap();
    }
});
