//! Tests of the JavaScript API, shared by `node.rs` (wasm-pack test --node)
//! and `web.rs` (wasm-pack test --headless --chrome). They call the exported
//! functions as JavaScript would and read the returned objects back by their
//! JavaScript field names.

use std::collections::BTreeMap;

use article_search::{search, stats};
use serde::Deserialize;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

mod query_language;

#[derive(Deserialize, Debug)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Results {
    query: String,
    total: usize,
    full_matches: usize,
    hits: Vec<Hit>,
    /// "Did you mean": absent (`None`) unless the query found nothing or only typos.
    suggestion: Option<String>,
    /// Per filter field, the hits per value.
    facets: BTreeMap<String, BTreeMap<String, usize>>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Hit {
    id: String,
    title: String,
    url: Option<String>,
    date: Option<String>,
    score: f64,
    snippet: String,
    highlights: Vec<[u32; 2]>,
    title_highlights: Vec<[u32; 2]>,
    matched: Vec<String>,
    missing: Vec<String>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Stats {
    documents: u32,
    terms: u32,
    index_bytes: u32,
    format_version: u32,
    memory_bytes: u32,
}

fn run(query: &str) -> Results {
    let value = search(JsValue::from_str(query), None).expect("search should not throw");
    serde_wasm_bindgen::from_value(value).expect("result has the documented shape")
}

/// The highlighted parts of `text`, slicing by UTF-16 code units as JavaScript does.
fn marked(text: &str, ranges: &[[u32; 2]]) -> Vec<String> {
    let units: Vec<u16> = text.encode_utf16().collect();
    ranges
        .iter()
        .map(|&[s, e]| String::from_utf16(&units[s as usize..e as usize]).expect("range on a UTF-16 boundary"))
        .collect()
}

#[wasm_bindgen_test]
fn a_name_finds_its_article_highlighted() {
    let results = run("Belousov");
    assert_eq!(results.query, "Belousov");
    assert_eq!(results.total, 1);
    let hit = &results.hits[0];
    assert_eq!(hit.id, "004_8527679b616142e3");
    assert!(hit.score > 0.0);
    assert_eq!(marked(&hit.snippet, &hit.highlights), ["Belousov"]);
    let len = hit.snippet.chars().count();
    assert!((100..=250).contains(&len), "snippet length {len}");
}

#[wasm_bindgen_test]
fn accents_and_case_do_not_matter() {
    for query in ["ha noi", "Hà Nội", "HÀ NỘI", "HA NOI"] {
        let results = run(query);
        assert_eq!(results.hits[0].id, "000_c0430c9357d28e4e", "{query}");
        let hit = &results.hits[0];
        let marks = marked(&hit.snippet, &hit.highlights);
        assert!(marks.iter().any(|m| m == "Nội" || m == "NỘI"), "{query}: {marks:?}");
    }
}

#[wasm_bindgen_test]
fn the_last_word_matches_as_a_prefix_while_typing() {
    assert_eq!(run("Belou").hits[0].id, "004_8527679b616142e3");
    assert_eq!(run("Belou ").total, 0, "a finished word is not a prefix");
    let results = run("strategic dialog");
    assert_eq!(results.total, 5);
    let best = &results.hits[0];
    let marks = marked(&best.snippet, &best.highlights).join(" ").to_lowercase();
    assert!(marks.contains("strategic") && marks.contains("dialog"), "{marks}");
}

#[wasm_bindgen_test]
fn articles_with_every_word_come_first_then_the_others_say_what_they_miss() {
    // Only 004 has both; 001 and 003 have Moscow.
    let results = run("Belousov Moscow");
    assert_eq!((results.total, results.full_matches), (3, 1));
    assert_eq!(results.hits[0].id, "004_8527679b616142e3");
    assert_eq!(results.hits[0].matched, ["Belousov", "Moscow"]);
    assert!(results.hits[0].missing.is_empty());
    for partial in &results.hits[1..] {
        assert_eq!(
            (partial.matched.as_slice(), partial.missing.as_slice()),
            (&["Moscow".to_string()][..], &["Belousov".to_string()][..])
        );
    }
    // No article names both ministers: the best partial answers, not nothing.
    let results = run("Belousov Shoigu");
    assert_eq!(results.full_matches, 0);
    assert!(results.total >= 2, "{results:?}");
    assert!(results.hits.iter().all(|h| h.missing.len() == 1), "{results:?}");
}

#[wasm_bindgen_test]
fn hyphenated_names_are_found_whole_and_by_parts() {
    assert_eq!(run("ARMY-2024").hits[0].id, "004_8527679b616142e3");
    assert_eq!(run("army 2024").hits[0].id, "004_8527679b616142e3");
    let hit = &run("army-2024").hits[0];
    assert_eq!(marked(&hit.title, &hit.title_highlights), Vec::<String>::new());
    assert!(marked(&hit.snippet, &hit.highlights).contains(&"ARMY-2024".to_string()), "{}", hit.snippet);
}

#[wasm_bindgen_test]
fn titles_read_like_headlines_and_are_highlighted() {
    let hit = &run("pillar relations").hits[0];
    assert_eq!(hit.title, "Defence cooperation – pillar of Vietnam-Russia relations");
    assert_eq!(marked(&hit.title, &hit.title_highlights), ["pillar", "relations"]);
    for hit in run("defence").hits {
        assert!(hit.title.chars().count() <= 91, "{}", hit.title);
        assert!(!hit.title.chars().next().unwrap().is_ascii_digit(), "a date is not a title: {}", hit.title);
        assert_eq!(hit.url, None);
        // 003 opens with a date line (`Friday,  09/20/2024`), the others have front matter `date`.
        let expected_date = match &hit.id[..3] {
            "000" | "002" => "2024-12-26",
            "001" => "2018-12-03",
            "003" => "2024-09-20",
            _ => "2024-08-12",
        };
        assert_eq!(hit.date.as_deref(), Some(expected_date), "{}: the date in ISO 8601", hit.id);
    }
}

#[wasm_bindgen_test]
fn bad_query_text_finds_nothing_and_never_throws() {
    let long = "ẞ🎉".repeat(10_000);
    for query in ["", "   ", "?!…", "\"", "-", "\u{0}", "\u{FFFF}\u{10FFFF}", "\u{301}\u{301}", long.as_str()] {
        let results = run(query);
        assert_eq!(results.total, 0, "{query:?}");
        assert!(results.hits.is_empty());
    }
}

#[wasm_bindgen_test]
fn limit_and_offset_page_through_hits() {
    let all = run("cooperation");
    assert_eq!(all.total, 5);
    let options = |limit: u32, offset: u32| {
        let object = js_sys::Object::new();
        js_sys::Reflect::set(&object, &"limit".into(), &limit.into()).unwrap();
        js_sys::Reflect::set(&object, &"offset".into(), &offset.into()).unwrap();
        JsValue::from(object)
    };
    let page: Results =
        serde_wasm_bindgen::from_value(search("cooperation".into(), Some(options(2, 1))).unwrap()).unwrap();
    assert_eq!(page.total, all.total);
    let ids: Vec<&str> = page.hits.iter().map(|h| h.id.as_str()).collect();
    let expected: Vec<&str> = all.hits[1..3].iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, expected);
}

#[wasm_bindgen_test]
fn bad_options_and_non_string_queries_are_errors() {
    let object = |key: &str, value: JsValue| {
        let o = js_sys::Object::new();
        js_sys::Reflect::set(&o, &key.into(), &value).unwrap();
        JsValue::from(o)
    };
    for options in [
        object("limit", (-1).into()),
        object("limit", 2.5.into()),
        object("limit", "ten".into()),
        object("limit", 1_000_000.into()),
        object("offest", 1.into()),
        JsValue::from(5),
        JsValue::from_str("limit=3"),
    ] {
        assert!(search("defence".into(), Some(options)).is_err());
    }
    assert!(search(JsValue::from(42), None).is_err());
    assert!(search(JsValue::UNDEFINED, None).is_err());
    assert!(search("defence".into(), Some(JsValue::NULL)).is_ok());
}

#[wasm_bindgen_test]
fn stats_describe_the_embedded_index() {
    let stats: Stats = serde_wasm_bindgen::from_value(stats().unwrap()).unwrap();
    assert_eq!(stats.documents, 5);
    assert!(stats.terms > 500);
    assert!(stats.index_bytes > 10_000);
    assert_eq!(stats.format_version, article_search_core::FORMAT_VERSION);
    assert!(stats.memory_bytes >= 65536 && stats.memory_bytes % 65536 == 0);
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Article {
    id: String,
    title: String,
    url: Option<String>,
    date: Option<String>,
    text: String,
    highlights: Vec<[u32; 2]>,
    title_highlights: Vec<[u32; 2]>,
}

#[wasm_bindgen_test]
fn article_gives_the_whole_text_with_every_match_highlighted() {
    use article_search::article;
    let value = article("004_8527679b616142e3".into(), Some("belousov".into())).unwrap();
    let a: Article = serde_wasm_bindgen::from_value(value).unwrap();
    assert_eq!(a.id, "004_8527679b616142e3");
    assert!(a.text.len() > 4000 && a.text.contains("\n\n"), "the whole text, paragraphs kept");
    assert_eq!(marked(&a.text, &a.highlights), ["Belousov", "Belousov", "Belousov"]);
    assert_eq!(a.title, "Minister Phan Van Giang holds talks with Russian counterpart Belousov");
    assert_eq!(marked(&a.title, &a.title_highlights), ["Belousov"]);
    assert!(a.url.is_none());
    assert_eq!(a.date.as_deref(), Some("2024-08-12"));

    let plain: Article = serde_wasm_bindgen::from_value(article("004_8527679b616142e3".into(), None).unwrap()).unwrap();
    assert!(plain.highlights.is_empty());
    let accents: Article =
        serde_wasm_bindgen::from_value(article("000_c0430c9357d28e4e".into(), Some("ha noi".into())).unwrap()).unwrap();
    assert!(marked(&accents.text, &accents.highlights).iter().any(|m| m == "Nội"));

    assert!(article("no-such-article".into(), Some("x".into())).unwrap().is_undefined());
    assert!(article(JsValue::from(4), None).is_err());
    assert!(article("004_8527679b616142e3".into(), Some(JsValue::from(4))).is_err());
}

fn run_with(query: &str, options: &str) -> Result<Results, String> {
    let options = js_sys::JSON::parse(options).expect("test options are JSON");
    search(JsValue::from_str(query), Some(options))
        .map(|value| serde_wasm_bindgen::from_value(value).expect("result has the documented shape"))
        .map_err(|e| js_sys::Error::from(JsValue::from(e)).message().as_string().unwrap_or_default())
}

#[wasm_bindgen_test]
fn filters_sort_and_facets_through_the_api() {
    // The bundled articles: lang en, tags defence plus one of cooperation
    // (000, 003), strategy dialogue (001, 002), ARMY-2024 (004); dated
    // 2024-12-26 (000, 002), 2018-12-03 (001), 2024-09-20 (003), 2024-08-12 (004).
    let all = run("");
    assert_eq!(all.facets["tags"]["defence"], 5, "no query: the filters to choose from");
    let listed = run_with("", r#"{"filters": {"tags": ["cooperation"]}}"#).unwrap();
    assert_eq!(listed.total, 2);
    let listed_ids: Vec<&str> = listed.hits.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(listed_ids, ["000_c0430c9357d28e4e", "003_eae29445ca78b489"], "newest first");
    let one = run_with("moscow ", r#"{"filters": {"tags": "ARMY-2024"}}"#).unwrap();
    assert_eq!(one.hits.iter().map(|h| h.id.as_str()).collect::<Vec<_>>(), ["004_8527679b616142e3"]);
    assert_eq!(one.facets["tags"]["strategy dialogue"], 1, "the other values of the field keep their counts");
    let newest = run_with("defence ", r#"{"sort": "-date"}"#).unwrap();
    let dates: Vec<&str> = newest.hits.iter().map(|h| h.date.as_deref().unwrap()).collect();
    assert_eq!(dates, ["2024-12-26", "2024-12-26", "2024-09-20", "2024-08-12", "2018-12-03"], "newest first");
    let oldest = run_with("defence ", r#"{"sort": "date"}"#).unwrap();
    assert_eq!(oldest.hits[0].id, "001_ae37d6045274299b");
    for (options, says) in [
        (r#"{"filters": ["tags"]}"#, "filters"),
        (r#"{"filters": {"tags": [1]}}"#, "filters"),
        (r#"{"sort": "newest"}"#, "sort"),
        (r#"{"order": "date"}"#, "unknown search option `order`"),
    ] {
        let error = run_with("defence", options).err().unwrap_or_default();
        assert!(error.contains(says), "{options}: {error}");
    }
}
