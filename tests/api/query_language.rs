//! The query language through the JavaScript API, on the bundled articles:
//! typos, phrases, exclusions, stemming, spelling variants, compounds and the
//! "did you mean" suggestion (see `core/src/query.rs` and the README's
//! "What a query can be").
//!
//! What the five articles contain, for reading the expectations:
//! - 000 writes "Việt Nam", "Defence", "Tropical Centre", "cooperations",
//!   "collaborating", "hospitality", "Law of the Sea", "Fomin" (and "coming");
//! - 001 "Vietnam", "defence", "Moscow", "Fomin", "Vinh", "Tropical Centre";
//! - 002 "Defense", "Fomin", "Ho Chi Minh", "dialogues", "Law of the Sea";
//! - 003 "Defence", "Moscow", "Ho Chi Minh", "dialogues" (never "dialogue");
//! - 004 "Defense", "Belousov", "Moscow", "Tropical Center", "organization",
//!   "Law of the Sea".
//!
//! A trailing space ends a word: without it the last word is also a prefix,
//! so most queries here end in a space to test the finished word alone.

use std::collections::BTreeSet;

use article_search::search;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

use super::{marked, run, Hit, Results};

const A000: &str = "000_c0430c9357d28e4e";
const A001: &str = "001_ae37d6045274299b";
const A002: &str = "002_d57c819680d1b845";
const A003: &str = "003_eae29445ca78b489";
const A004: &str = "004_8527679b616142e3";
const ALL: [&str; 5] = [A000, A001, A002, A003, A004];

/// The hit ids, best first.
fn ids(results: &Results) -> Vec<&str> {
    results.hits.iter().map(|h| h.id.as_str()).collect()
}

/// The hit ids as a set, for when only membership matters.
fn id_set(results: &Results) -> BTreeSet<&str> {
    results.hits.iter().map(|h| h.id.as_str()).collect()
}

fn set<'a>(ids: &[&'a str]) -> BTreeSet<&'a str> {
    ids.iter().copied().collect()
}

/// The hit for article `id`, which must be among the results.
fn hit<'r>(results: &'r Results, id: &str) -> &'r Hit {
    results.hits.iter().find(|h| h.id == id).unwrap_or_else(|| panic!("{id} missing from {:?}", ids(results)))
}

/// The highlighted words of a hit's snippet.
fn marks(hit: &Hit) -> Vec<String> {
    marked(&hit.snippet, &hit.highlights)
}

/// Whether the returned object has a `suggestion` property at all (the API
/// documents it as absent, not null, when there is nothing to suggest).
fn has_suggestion_property(query: &str) -> bool {
    let value = search(JsValue::from_str(query), None).expect("search should not throw");
    js_sys::Reflect::has(&value, &"suggestion".into()).unwrap()
}

// ---------------------------------------------------------------- typos

#[wasm_bindgen_test]
fn a_typo_in_a_name_still_finds_it_and_highlights_the_real_word() {
    // Substitution, deletion, transposition, insertion: one edit each, in words of 7–9 letters.
    for query in ["Belousow", "Belousow ", "Belusov ", "Bleousov ", "Belousovv "] {
        let results = run(query);
        assert_eq!(ids(&results), [A004], "{query:?}");
        assert_eq!(marks(&results.hits[0]), ["Belousov"], "{query:?}");
    }
    // Eight letters or more tolerate two edits ...
    assert_eq!(ids(&run("Belosouv ")), [A004]);
    // ... fewer, only one: "Blousv" is two edits from "belousov".
    assert_eq!(run("Blousv ").total, 0);
    // Four letters tolerate one: a transposition in "Lich".
    let lich = run("Lihc ");
    assert_eq!(ids(&lich), [A003]);
    assert!(marks(&lich.hits[0]).iter().all(|m| m == "Lich"), "{:?}", marks(&lich.hits[0]));
}

#[wasm_bindgen_test]
fn words_of_three_letters_or_fewer_get_no_typo_tolerance() {
    // The exact word is found ...
    assert_eq!(ids(&run("Phu ")), [A001], "Nguyen Phu Trong");
    assert_eq!(ids(&run("Mai ")), [A004], "Mai Huong");
    // ... one edit away it is not, and nothing is suggested either.
    for query in ["Pho ", "Mia ", "Lic "] {
        let results = run(query);
        assert_eq!(results.total, 0, "{query:?}: {:?}", ids(&results));
        assert_eq!(results.suggestion, None, "{query:?}");
    }
}

#[wasm_bindgen_test]
fn typo_matches_score_a_fraction_of_exact_ones() {
    // "Minh" is in 002 and 003 (Ho Chi Minh); "Vinh" (001) and "mind" (004) are one edit away.
    let results = run("Minh ");
    assert_eq!(ids(&results), [A002, A003, A001, A004]);
    assert!(marks(hit(&results, A001)).contains(&"Vinh".to_string()), "{:?}", marks(hit(&results, A001)));
    assert!(marks(hit(&results, A004)).contains(&"mind".to_string()), "{:?}", marks(hit(&results, A004)));
    // 001 is all about Vinh, yet its typo match scores below 003's one "Minh".
    assert!(run("Vinh ").hits[0].score > hit(&results, A003).score, "{results:?}");

    // The other way round: "Vinh" is exact in 001 only.
    let results = run("Vinh ");
    assert_eq!(results.hits[0].id, A001);
    assert_eq!(marks(&results.hits[0]), ["Vinh"]);
    assert_eq!(results.total, 3, "002 and 003 by typos: {:?}", ids(&results));

    // The same document scores less through a typo than through the exact word.
    assert!(run("Belousow ").hits[0].score < run("Belousov ").hits[0].score);
}

// ---------------------------------------------------------------- phrases

#[wasm_bindgen_test]
fn a_phrase_needs_its_words_adjacent_and_in_order() {
    // "Tropical Centre" (000, 001, 003) and "Tropical Center" (004): the
    // spelling variant holds inside a phrase too. 002 has neither word.
    let phrase = run("\"tropical centre\"");
    assert_eq!(id_set(&phrase), set(&[A000, A001, A003, A004]));
    for h in &phrase.hits {
        let marks = marks(h);
        assert_eq!(marks.len(), 2, "{}: {marks:?}", h.id);
        assert_eq!(marks[0], "Tropical", "{}", h.id);
        assert!(marks[1] == "Centre" || marks[1] == "Center", "{}: {marks:?}", h.id);
    }
    // The same words unquoted in the other order still match; quoted they do not.
    assert_eq!(id_set(&run("centre tropical ")), set(&[A000, A001, A003, A004]));
    assert_eq!(run("\"centre tropical\"").total, 0);

    // "strategic dialogue": adjacent in 000, 002, 004; 001 has "strategy
    // dialogue" and 003 "strategic" and "dialogues" apart.
    assert_eq!(run("strategic dialogue ").total, 5);
    assert_eq!(id_set(&run("\"strategic dialogue\"")), set(&[A000, A002, A004]));
    assert_eq!(run("\"dialogue strategic\"").total, 0);
}

#[wasm_bindgen_test]
fn a_phrase_highlights_its_words_side_by_side() {
    let results = run("\"law of the sea\"");
    assert_eq!(id_set(&results), set(&[A000, A002, A004]));
    for h in &results.hits {
        assert_eq!(marks(h), ["Law", "of", "the", "Sea"], "{}: other \"the\"s are not the phrase", h.id);
        let units: Vec<u16> = h.snippet.encode_utf16().collect();
        let (start, end) = (h.highlights[0][0] as usize, h.highlights[3][1] as usize);
        assert_eq!(String::from_utf16(&units[start..end]).unwrap(), "Law of the Sea", "{}", h.id);
    }
}

#[wasm_bindgen_test]
fn stop_words_inside_a_phrase_count() {
    assert_eq!(run("\"law of the sea\"").total, 3);
    assert_eq!(run("\"law the sea\"").total, 0, "\"of\" is missing");
    assert_eq!(run("\"law of a sea\"").total, 0, "\"a\" is not \"the\"");
    assert_eq!(run("\"law sea\"").total, 0, "two words stand between");
}

#[wasm_bindgen_test]
fn a_phrase_is_required_and_plain_words_beside_it_rank() {
    // Fomin is in 000, 001 and 002; the phrase in 000, 002, 004.
    for query in ["\"strategic dialogue\" Fomin", "Fomin \"strategic dialogue\""] {
        let results = run(query);
        assert_eq!(id_set(&results), set(&[A000, A002, A004]), "{query}: only articles with the phrase");
        assert_eq!(results.full_matches, 2, "{query}");
        assert_eq!(set(&ids(&results)[..2]), set(&[A000, A002]), "{query}: with Fomin first");
        for h in &results.hits[..2] {
            let marks = marks(h);
            for word in ["Fomin", "Strategic", "Dialogue"] {
                assert!(marks.iter().any(|m| m == word), "{query}, {}: {marks:?}", h.id);
            }
        }
        assert_eq!(results.hits[2].missing, ["Fomin"], "{query}");
    }
    let results = run("\"law of the sea\" Belousov");
    assert_eq!(results.hits[0].id, A004);
    assert_eq!(results.full_matches, 1);
    assert!(run("\"law of the sea\" Belousov").hits[0].score > run("\"law of the sea\"").hits[0].score);
}

#[wasm_bindgen_test]
fn a_quoted_word_is_exact_no_stems_and_no_typos() {
    assert_eq!(id_set(&run("\"dialogues\"")), set(&[A002, A003]));
    assert_eq!(run("dialogues ").total, 5, "unquoted, other forms count");
    assert_eq!(run("\"Belousow\"").total, 0);
    assert_eq!(run("\"Belousov\"").hits[0].id, A004);
}

// ---------------------------------------------------------------- exclusion

#[wasm_bindgen_test]
fn a_minus_word_removes_the_articles_that_have_it() {
    assert_eq!(run("defence").total, 5);
    // Moscow is in 001, 003, 004.
    for query in ["defence -moscow", "defence -Moscow ", "-moscow defence"] {
        let results = run(query);
        assert_eq!(id_set(&results), set(&[A000, A002]), "{query}");
        assert!(results.hits.iter().all(|h| !marks(h).iter().any(|m| m == "Moscow")), "{query}");
    }
    assert_eq!(id_set(&run("russia -belousov")), set(&[A000, A001, A002, A003]));
    assert_eq!(run("moscow -moscow").total, 0);
    // An excluded spelling excludes its variant too.
    assert_eq!(run("defence -defense").total, 0);
}

#[wasm_bindgen_test]
fn a_minus_phrase_removes_only_the_articles_with_the_phrase() {
    // "Tropical Centre" in 000, 001, 003 and "Tropical Center" in 004.
    assert_eq!(ids(&run("defence -\"tropical centre\"")), [A002]);
    // The same words in another order are not that phrase: nothing is removed.
    assert_eq!(run("defence -\"centre tropical\"").total, 5);
    // Exclusions add up: "Law of the Sea" is in 000, 002, 004 and Moscow in the other two.
    assert_eq!(id_set(&run("defence -\"law of the sea\"")), set(&[A001, A003]));
    assert_eq!(run("defence -\"law of the sea\" -moscow").total, 0);
}

#[wasm_bindgen_test]
fn only_exclusions_or_lone_signs_find_nothing_without_throwing() {
    let nothing_required =
        ["-moscow", "-\"tropical centre\"", "-moscow -defence", "-", "- ", "- -", "\"", "\" \"", "\"\"", "-\""];
    for query in nothing_required {
        let results = run(query);
        assert_eq!(results.total, 0, "{query:?}");
        assert!(results.hits.is_empty(), "{query:?}");
        assert_eq!(results.suggestion, None, "{query:?}");
    }
    // Next to a word, a lone sign is ignored.
    for query in ["defence -", "defence \"", "- defence"] {
        assert_eq!(run(query).total, 5, "{query:?}");
    }
}

// ---------------------------------------------------------------- stemming

#[wasm_bindgen_test]
fn other_forms_of_a_word_match_both_ways() {
    // 003 writes only "dialogues"; 000, 001 and 004 only "dialogue"; 002 both.
    let singular = run("dialogue ");
    assert_eq!(singular.total, 5);
    assert_eq!(singular.hits.last().unwrap().id, A003, "the stemmed match ranks last: {:?}", ids(&singular));
    assert_eq!(marks(hit(&singular, A003)), ["dialogues"]);
    assert!(
        hit(&run("dialogues "), A003).score > hit(&singular, A003).score,
        "the same article scores more for the form it has: {singular:?}"
    );
    let plural = run("dialogues ");
    assert_eq!(plural.total, 5);
    assert_eq!(marks(hit(&plural, A003)), ["dialogues"]);
    assert!(marks(hit(&plural, A000)).iter().any(|m| m.eq_ignore_ascii_case("dialogue")));

    // No article writes "cooperating": every one is found by "cooperation".
    let cooperating = run("cooperating ");
    assert_eq!(cooperating.total, 5);
    assert!(marks(hit(&cooperating, A001)).iter().all(|m| m == "cooperation"), "{cooperating:?}");
    // Only 000 writes "cooperations"; every article is about cooperation, so
    // all match, and 000 shows the form as written.
    let cooperations = run("cooperations ");
    assert_eq!(cooperations.total, 5);
    assert!(marks(hit(&cooperations, A000)).iter().any(|m| m == "cooperations"), "{cooperations:?}");

    // 000 writes "collaborating" (and "collaboration"), 003 only "collaboration".
    let collaborating = run("collaborating ");
    assert_eq!(ids(&collaborating), [A000, A003]);
    assert_eq!(marks(&collaborating.hits[1]), ["collaboration"]);
    assert_eq!(id_set(&run("collaboration ")), set(&[A000, A003]));
}

// ---------------------------------------------------------------- spelling variants

#[wasm_bindgen_test]
fn british_and_american_spellings_find_each_other() {
    // 000, 001, 003 write "Defence"; 002 and 004 "Defense".
    let defence = run("defence ");
    let defense = run("defense ");
    assert_eq!(id_set(&defence), set(&ALL));
    assert_eq!(id_set(&defense), set(&ALL));
    assert!(marks(hit(&defence, A002)).iter().any(|m| m == "Defense"), "{defence:?}");
    assert!(marks(hit(&defense, A000)).iter().any(|m| m == "Defence"), "{defense:?}");
    // Both spellings are the word as typed: the same ranking, the same scores.
    let pairs = |r: &Results| r.hits.iter().map(|h| (h.id.clone(), h.score)).collect::<Vec<_>>();
    assert_eq!(pairs(&defence), pairs(&defense));

    // "Tropical Centre" in 000, 001, 003; "Tropical Center" and "center" in 004.
    let centre = run("centre ");
    let center = run("center ");
    assert_eq!(id_set(&centre), set(&[A000, A001, A003, A004]));
    assert_eq!(id_set(&center), set(&[A000, A001, A003, A004]));
    assert!(marks(hit(&centre, A004)).iter().any(|m| m == "Center"));
    assert!(marks(hit(&center, A000)).iter().any(|m| m == "Centre"));

    // A variant is the word as typed: 002 ("organizations") and 000
    // ("organisations") score the same whichever way it is spelled.
    let organisations = run("organisations ");
    assert_eq!(pairs(&organisations), pairs(&run("organizations ")));
    assert!(marks(hit(&organisations, A002)).iter().any(|m| m == "organizations"), "{organisations:?}");
    // "emphasised" (000) and "emphasized" (002, 004).
    assert_eq!(id_set(&run("emphasised ")), set(&[A000, A002, A004]));
    assert_eq!(id_set(&run("emphasized ")), set(&[A000, A002, A004]));
}

// ---------------------------------------------------------------- compounds

#[wasm_bindgen_test]
fn a_name_written_in_one_word_or_two_finds_both() {
    // 001–004 write "Vietnam"; 000 writes "Việt Nam".
    for query in ["viet nam ", "viet nam", "Việt Nam "] {
        let results = run(query);
        assert_eq!(id_set(&results), set(&ALL), "{query}");
        for id in [A001, A002, A003, A004] {
            assert!(marks(hit(&results, id)).iter().any(|m| m == "Vietnam"), "{query}, {id}: {results:?}");
        }
        let in_000 = marks(hit(&results, A000));
        assert!(in_000.contains(&"Việt".to_string()) && in_000.contains(&"Nam".to_string()), "{in_000:?}");
    }

    let results = run("Vietnam ");
    assert_eq!(id_set(&results), set(&ALL));
    let in_000 = hit(&results, A000);
    assert_eq!(marks(in_000)[..2], ["Việt", "Nam"]);
    // The compound is another writing of the word, worth a little less per
    // occurrence: 000 writes it in its title and often, so it still ranks high.
    assert!(in_000.score < run("viet nam ").hits[0].score, "{:?}", ids(&results));
}

// ---------------------------------------------------------------- did you mean

#[wasm_bindgen_test]
fn a_typo_only_result_suggests_the_dictionary_word() {
    // Only the unknown word is replaced; everything else stays as typed.
    for (query, suggestion) in [("Belousow", "belousov"), ("Belousow ", "belousov "), ("Belusov ", "belousov ")] {
        let results = run(query);
        assert_eq!(results.total, 1, "{query:?}");
        assert_eq!(results.suggestion.as_deref(), Some(suggestion), "{query:?}");
    }
    assert_eq!(run("Belousow Moscow ").suggestion.as_deref(), Some("belousov Moscow "));
    assert_eq!(run("Moskow ").suggestion.as_deref(), Some("moscow "));
    assert_eq!(run("defence Belousow").suggestion.as_deref(), Some("defence belousov"), "not rewritten as 'defense'");
    assert_eq!(run("Việt Nam Belousow").suggestion.as_deref(), Some("Việt Nam belousov"), "accents kept");
    // No article has both, but the partial hits still get the known word.
    assert_eq!(run("Belousow Shoigu").suggestion.as_deref(), Some("belousov Shoigu"));
    // A suggestion that would itself find nothing is not offered.
    assert_eq!(run("Belousow -defence").suggestion, None);
    // The suggestion, searched, finds the article by its exact word.
    let corrected = run("belousov");
    assert_eq!(ids(&corrected), [A004]);
    assert_eq!(corrected.suggestion, None);
}

#[wasm_bindgen_test]
fn a_misspelled_query_without_full_matches_suggests_one_with_them() {
    // "Vietnamm" only reaches "Vietnam" by a typo, not 000's "Việt Nam", and
    // only 000 mentions hospitality.
    let results = run("Vietnamm hospitality ");
    assert_eq!(results.full_matches, 0, "{results:?}");
    let suggestion = results.suggestion.expect("a suggestion for a query with no article having every word");
    assert_eq!(suggestion, "vietnam hospitality ");
    let corrected = run(&suggestion);
    assert_eq!((corrected.hits[0].id.as_str(), corrected.full_matches), (A000, 1));
}

#[wasm_bindgen_test]
fn no_suggestion_when_the_query_matches_as_typed_or_nothing_is_close() {
    // "Minh " also finds typo matches, but its best hits are exact; nothing is close to "zzzzqqq".
    let queries =
        ["Belousov", "defence", "defense ", "Minh ", "\"law of the sea\"", "viet nam", "dialogues ", "zzzzqqq"];
    for query in queries {
        let results = run(query);
        assert_eq!(results.suggestion, None, "{query:?}");
        assert!(!has_suggestion_property(query), "{query:?}: the property is absent, not null");
    }
    assert!(has_suggestion_property("Belousow"));
}

// ---------------------------------------------------------------- paging

#[wasm_bindgen_test]
fn every_page_is_its_slice_of_the_whole_ranking() {
    // For every kind of query, a page (limit, offset) holds exactly the hits
    // at those ranks of the whole list, with the same scores, snippets and
    // highlights, the same total and the same suggestion: the ranking is a
    // total order that does not depend on how much of it is asked for, and
    // no state is carried from one call to the next.
    let queries = [
        "defence",
        "Vietnam",
        "viet nam ",
        "Belousow",
        "Minh ",
        "\"tropical centre\" russia",
        "defence -moscow",
        "cooperating ",
        "a",
    ];
    let with = |query: &str, limit: u32, offset: u32| -> Results {
        let options = js_sys::Object::new();
        js_sys::Reflect::set(&options, &"limit".into(), &limit.into()).unwrap();
        js_sys::Reflect::set(&options, &"offset".into(), &offset.into()).unwrap();
        serde_wasm_bindgen::from_value(search(query.into(), Some(options.into())).expect("valid options")).unwrap()
    };
    let key = |hits: &[Hit]| -> Vec<(String, u64, String, Vec<[u32; 2]>, Vec<[u32; 2]>)> {
        hits.iter()
            .map(|h| {
                (h.id.clone(), h.score.to_bits(), h.snippet.clone(), h.highlights.clone(), h.title_highlights.clone())
            })
            .collect()
    };
    for query in queries {
        let whole = with(query, 100, 0);
        for (limit, offset) in [(1, 0), (1, 1), (2, 1), (3, 2), (10, 0), (2, 4), (5, 10), (0, 0)] {
            let page = with(query, limit, offset);
            assert_eq!((page.total, &page.suggestion), (whole.total, &whole.suggestion), "{query:?} {limit}/{offset}");
            let n = whole.hits.len();
            let expected = &whole.hits[(offset as usize).min(n)..((offset + limit) as usize).min(n)];
            assert_eq!(key(&page.hits), key(expected), "{query:?} limit {limit} offset {offset}");
        }
    }
}

// ---------------------------------------------------------------- engine bugs

#[wasm_bindgen_test]
fn a_word_that_matched_exactly_is_what_the_snippet_highlights() {
    // While "Fomin" is still being typed, "comin" (one edit) is a prefix of
    // 000's "coming": a worse match than 000's own "Fomin", yet it is marked.
    for query in ["Fomin", "Fomi"] {
        let results = run(query);
        let in_000 = marks(hit(&results, A000));
        assert!(in_000.contains(&"Fomin".to_string()), "{query}: {in_000:?}");
        assert!(!in_000.contains(&"coming".to_string()), "{query}: {in_000:?}");
    }
}
