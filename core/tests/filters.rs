//! Filters, facet counts and date order, on small built-in articles.

use article_search_core::{Document, Index, IndexBuilder, SearchOptions, SearchResults, Searcher, Sort};

fn doc(id: &str, body: &str, tags: &[&str], author: &str, date: Option<&str>) -> Document {
    Document {
        id: id.into(),
        title: id.to_uppercase(),
        body: body.into(),
        tags: tags.iter().map(|t| t.to_string()).collect(),
        author: vec![author.into()],
        date: date.map(str::to_string),
        ..Default::default()
    }
}

fn index() -> Vec<u8> {
    let mut builder = IndexBuilder::new();
    builder.add(doc("navy", "Naval talks in Hanoi.", &["defence", "navy"], "Lan", Some("2024-03-01"))).unwrap();
    builder.add(doc("army", "Army talks in Moscow.", &["defence"], "Minh", Some("2024-09-20"))).unwrap();
    builder.add(doc("trade", "Trade talks in Hanoi.", &["economy"], "Lan", Some("2023-12-31"))).unwrap();
    builder.add(doc("note", "Talks, undated.", &["economy"], "Minh", None)).unwrap();
    let mut bytes = Vec::new();
    builder.finish(&mut bytes).unwrap();
    bytes
}

fn search(bytes: &[u8], query: &str, filters: &[(&str, &[&str])], sort: Sort) -> SearchResults {
    let searcher = Searcher::new(Index::open(bytes).unwrap()).unwrap();
    let filters = filters.iter().map(|(f, v)| (f.to_string(), v.iter().map(|v| v.to_string()).collect())).collect();
    searcher.search(query, &SearchOptions { limit: 100, offset: 0, filters, sort }).unwrap()
}

fn ids(results: &SearchResults) -> Vec<&str> {
    results.hits.iter().map(|h| h.id.as_str()).collect()
}

#[test]
fn values_of_one_field_widen_and_fields_narrow() {
    let bytes = index();
    let talks = |filters: &[(&str, &[&str])]| {
        let mut found = ids(&search(&bytes, "talks ", filters, Sort::Relevance))
            .into_iter()
            .map(str::to_string)
            .collect::<Vec<_>>();
        found.sort();
        found
    };
    assert_eq!(talks(&[("tags", &["defence"])]), ["army", "navy"]);
    assert_eq!(talks(&[("tags", &["navy", "economy"])]), ["navy", "note", "trade"]);
    assert_eq!(talks(&[("tags", &["economy"]), ("author", &["Lan"])]), ["trade"]);
    assert!(talks(&[("tags", &["no such tag"])]).is_empty());
    assert!(talks(&[("nofield", &["x"])]).is_empty());
}

#[test]
fn facets_count_each_value_under_the_other_fields_filters() {
    let bytes = index();
    let results = search(&bytes, "talks ", &[("tags", &["defence"])], Sort::Relevance);
    assert_eq!(results.total, 2);
    // Tags are counted without the tags filter (so its other values stay on
    // offer), authors within it.
    assert_eq!(results.facets["tags"].get("economy"), Some(&2));
    assert_eq!(results.facets["tags"].get("defence"), Some(&2));
    assert_eq!(results.facets["author"].get("Lan"), Some(&1));
    assert_eq!(results.facets["author"].get("Minh"), Some(&1));
    let hanoi = search(&bytes, "hanoi ", &[], Sort::Relevance);
    assert_eq!(hanoi.facets["tags"].get("economy"), Some(&1));
    assert_eq!(hanoi.facets["tags"].get("army"), None);
}

#[test]
fn filters_alone_list_the_articles_newest_first() {
    let bytes = index();
    let results = search(&bytes, "", &[("author", &["Lan", "Minh"])], Sort::Relevance);
    assert_eq!(ids(&results), ["army", "navy", "trade", "note"], "undated last");
    assert_eq!(results.total, 4);
    let oldest = search(&bytes, "", &[("tags", &["economy"])], Sort::Date);
    assert_eq!(ids(&oldest), ["trade", "note"]);
    let nothing = search(&bytes, "", &[], Sort::Relevance);
    assert!(nothing.hits.is_empty(), "no query, no filter: no hits");
    assert_eq!(nothing.facets["tags"]["economy"], 2, "but the filters to choose from");
}

#[test]
fn date_order_keeps_hits_with_every_word_first() {
    let bytes = index();
    let newest = search(&bytes, "talks hanoi ", &[], Sort::NewestFirst);
    assert_eq!(ids(&newest), ["navy", "trade", "army", "note"]);
    let oldest = search(&bytes, "talks hanoi ", &[], Sort::Date);
    assert_eq!(ids(&oldest), ["trade", "navy", "army", "note"]);
}

#[test]
fn filter_values_are_never_words() {
    let bytes = index();
    for query in ["defence", "defenc", "economy ", "lan ", "\u{1}tags"] {
        assert!(search(&bytes, query, &[], Sort::Relevance).hits.is_empty(), "{query:?}");
    }
}
