//! Articles in several languages: each is stemmed in its own (Snowball for
//! the languages that have it), one without a stemmer is folded but not
//! stemmed, and a query matches the word forms of every language in the index.

use article_search_core::analysis::stem;
use article_search_core::{Document, Error, Index, IndexBuilder, SearchOptions, Searcher};

const FRENCH: &str = "Les généraux des deux armées ont salué leurs relations bilatérales.";
const VIETNAMESE: &str = "Hợp tác quốc phòng là trụ cột của quan hệ Việt Nam – Nga.";
const ENGLISH: &str = "The ministers discussed cooperating on training.";

fn doc(id: &str, body: &str, lang: Option<&str>) -> Document {
    Document {
        id: id.into(),
        title: id.into(),
        body: body.into(),
        lang: lang.map(str::to_string),
        ..Default::default()
    }
}

fn build(docs: Vec<Document>, default_language: Option<&str>) -> Vec<u8> {
    let mut builder = IndexBuilder::new();
    if let Some(lang) = default_language {
        builder.default_language(lang);
    }
    for d in docs {
        builder.add(d).unwrap();
    }
    let mut bytes = Vec::new();
    builder.finish(&mut bytes).unwrap();
    bytes
}

fn ids(bytes: &[u8], query: &str) -> Vec<String> {
    let searcher = Searcher::new(Index::open(bytes).unwrap()).unwrap();
    let results = searcher.search(query, &SearchOptions::default()).unwrap();
    results.hits.into_iter().map(|h| h.id).collect()
}

fn mixed() -> Vec<u8> {
    build(vec![doc("fr", FRENCH, Some("fr")), doc("vi", VIETNAMESE, Some("vi")), doc("en", ENGLISH, None)], None)
}

#[test]
fn french_articles_are_stemmed_in_french() {
    let bytes = mixed();
    // A plural in -aux has its singular's French stem, not an English one.
    // (A space after the word: no completions, no typos across the ending.)
    assert_eq!(ids(&bytes, "général "), ["fr"]);
    assert_eq!(ids(&bytes, "GENERAL "), ["fr"]);
    // The same text said to be English is stemmed as English: no match.
    let as_english = build(vec![doc("fr-as-en", FRENCH, Some("en"))], None);
    assert!(ids(&as_english, "général ").is_empty());
    assert_eq!(ids(&as_english, "généraux "), ["fr-as-en"]);
    // The groups behind it, per language: feminine plurals and verb forms too.
    let index = Index::open(&bytes).unwrap();
    for (stem, forms) in [("general", ["generaux"]), ("bilateral", ["bilaterales"]), ("salu", ["salue"])] {
        assert_eq!(index.stem_group("fr", stem), forms, "fr {stem}");
        assert!(!index.stem_group("en", stem).iter().any(|form| form == forms[0]), "en {stem}");
    }
}

#[test]
fn english_stays_stemmed_in_english_and_is_the_default() {
    let bytes = mixed();
    assert_eq!(ids(&bytes, "cooperation"), ["en"]);
    assert_eq!(Index::open(&bytes).unwrap().stemmed_languages(), ["en", "fr"]);
}

#[test]
fn a_language_without_a_stemmer_is_folded_not_stemmed() {
    let bytes = mixed();
    for query in ["hop tac quoc phong", "Hợp tác quốc phòng", "HỢP TÁC", "viet nam nga"] {
        assert_eq!(ids(&bytes, query), ["vi"], "{query}");
    }
    // A site whose default language has no stemmer: words as written only.
    let bytes = build(vec![doc("en", ENGLISH, None)], Some("vi"));
    assert!(Index::open(&bytes).unwrap().stemmed_languages().is_empty());
    assert_eq!(ids(&bytes, "cooperating"), ["en"]);
    assert!(ids(&bytes, "cooperates ").is_empty());
}

#[test]
fn a_searcher_needs_a_stemmer_for_each_language_of_the_index() {
    let bytes = mixed();
    let only_english: &[(&str, stem::StemFn)] = &[("en", stem::english)];
    let error = Searcher::with_stemmers(Index::open(&bytes).unwrap(), only_english).err();
    assert_eq!(error, Some(Error::MissingStemmer { lang: "fr".into() }));
    let both: &[(&str, stem::StemFn)] = &[("fr", stem::french), ("en", stem::english), ("de", stem::german)];
    let searcher = Searcher::with_stemmers(Index::open(&bytes).unwrap(), both).unwrap();
    assert_eq!(searcher.search("général", &SearchOptions::default()).unwrap().hits[0].id, "fr");
}
