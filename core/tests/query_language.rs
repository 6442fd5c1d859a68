//! The query language on small built-in texts: ranked words (no dead ends),
//! stop words, typos, phrases, exclusion, stems, spelling variants,
//! compounds, suggestions, ranking, determinism.

use article_search_core::{Document, Index, IndexBuilder, IndexFile, SearchOptions, SearchResults, Searcher};

/// One set of documents written in both layouts: every test here runs
/// against both, and they must answer alike.
struct Layouts {
    embedded: Vec<u8>,
    split: Vec<u8>,
    files: Vec<IndexFile>,
}

/// Builds an index of `(id, title, body)` documents, in that order, in both layouts.
fn index(docs: &[(&str, &str, &str)]) -> Layouts {
    let builder = || {
        let mut builder = IndexBuilder::new();
        for (id, title, body) in docs {
            builder
                .add(Document {
                    id: id.to_string(),
                    title: title.to_string(),
                    body: body.to_string(),
                    ..Default::default()
                })
                .unwrap();
        }
        builder
    };
    let (mut embedded, mut split) = (Vec::new(), Vec::new());
    builder().finish(&mut embedded).unwrap();
    let (_, files) = builder().finish_split(&mut split).unwrap();
    Layouts { embedded, split, files }
}

/// The embedded layout's answer, after checking that the split layout,
/// given the document files it asks for, gives the same.
fn search(layouts: &Layouts, query: &str) -> SearchResults {
    let options = SearchOptions { limit: 100, offset: 0, ..SearchOptions::default() };
    let embedded = Searcher::new(Index::open(&layouts.embedded).unwrap()).unwrap().search(query, &options).unwrap();
    let split = Searcher::new(Index::open(&layouts.split).unwrap()).unwrap();
    // Its words' dictionary blocks, their postings files (and those of
    // typo neighbours, looked for once the word's blocks tell), then the
    // document files of its page.
    for _round in 0..4 {
        for name in split.files_for_search(query, &options) {
            let file = layouts.files.iter().find(|f| f.name == name).expect("a file the build wrote");
            split.add_file(&name, &file.bytes).unwrap();
        }
    }
    assert_eq!(split.search(query, &options).unwrap(), embedded, "the split layout answers {query:?} alike");
    embedded
}

fn ids(bytes: &Layouts, query: &str) -> Vec<String> {
    search(bytes, query).hits.into_iter().map(|h| h.id).collect()
}

/// The highlighted words of the first hit's snippet.
fn marks(bytes: &Layouts, query: &str) -> Vec<String> {
    let hit = &search(bytes, query).hits[0];
    let units: Vec<u16> = hit.snippet.encode_utf16().collect();
    hit.highlights.iter().map(|&[s, e]| String::from_utf16(&units[s as usize..e as usize]).unwrap()).collect()
}

#[test]
fn typos_within_the_budget_are_tolerated() {
    let bytes =
        index(&[("b", "Talks", "Minister Belousov met the delegation in Moscow."), ("c", "Cats", "A cat sat.")]);
    for typo in ["Belousow", "Belusov", "Bleousov", "Moscwo", "delegatoin"] {
        assert_eq!(ids(&bytes, &format!("{typo} ")), ["b"], "{typo}");
    }
    assert!(ids(&bytes, "bat ").is_empty(), "three-letter words get no typo");
    assert_eq!(ids(&bytes, "Bxlxusov "), ["b"], "two substitutions in an 8-letter word are tolerated");
    assert!(ids(&bytes, "Bxlxxsov ").is_empty(), "three are not");
    assert!(ids(&bytes, "Mxscxw ").is_empty(), "a 6-letter word tolerates one edit, not two");
}

#[test]
fn two_typos_may_touch_the_second_letter() {
    let bytes =
        index(&[("b", "Talks", "Minister Belousov met the delegation in Moscow."), ("c", "Cats", "A cat sat.")]);
    for (typo, edits) in [
        ("Bxlousow ", "the second letter substituted, and the last"),
        ("dlegatoin ", "the second letter left out, two swapped"),
        ("dxelegaton ", "a second letter put in, one left out"),
        ("dleegatoin ", "the second and third letters swapped, and two more"),
        ("dxlegatoi", "the second letter substituted, two swapped, while typing"),
    ] {
        assert_eq!(ids(&bytes, typo), ["b"], "{edits}: {typo}");
    }
    assert!(ids(&bytes, "dxxegation ").is_empty(), "two edits on the second and third letters are not looked for");
}

#[test]
fn one_typo_on_the_first_letter_is_tolerated_while_typing_too() {
    let bytes =
        index(&[("b", "Talks", "Minister Belousov met the delegation in Moscow."), ("c", "Cats", "A cat sat.")]);
    for (typo, edit) in [
        ("Velousov ", "substituted"),
        ("Elousov ", "deleted"),
        ("ABelousov ", "inserted"),
        ("eBlousov ", "swapped with the second"),
        ("Noscow ", "substituted, short word"),
        ("Velous", "substituted, word being typed"),
        ("Elous", "deleted, word being typed"),
        ("Đelousov ", "substituted by a letter that folds"),
    ] {
        assert_eq!(ids(&bytes, typo), ["b"], "first letter {edit}: {typo}");
    }
    assert!(ids(&bytes, "Velousow ").is_empty(), "a second edit needs a correct first letter");
    assert_eq!(ids(&bytes, "Belousaw"), ["b"], "two edits past the first letter, while typing");
}

#[test]
fn exact_matches_outrank_typo_matches() {
    // "russian" is one edit from "russia"; its document mentions it more often.
    let bytes = index(&[
        ("typo", "Russian Russian", "Russian Russian Russian Russian officials."),
        ("exact", "Report", "A long report that mentions Russia once among many other words of text."),
    ]);
    assert_eq!(ids(&bytes, "russia "), ["exact", "typo"]);
}

#[test]
fn phrases_match_words_in_order_only() {
    let bytes = index(&[
        ("law", "Treaty", "The convention on the law of the sea was signed."),
        ("sea", "Treaty", "The sea of the law is another thing."),
        ("centre", "Science", "A tropical centre in Russia."),
    ]);
    assert_eq!(ids(&bytes, "\"law of the sea\""), ["law"]);
    assert!(ids(&bytes, "\"law the of sea\"").is_empty(), "stop words count for order");
    assert_eq!(ids(&bytes, "\"tropical centre\" russia"), ["centre"]);
    assert_eq!(ids(&bytes, "\"law of the sea\" russia"), ["law"], "a phrase is required, the words beside it are not");
    assert!(ids(&bytes, "\"tropical russia\"").is_empty());
    assert_eq!(marks(&bytes, "\"law of the sea\""), ["law", "of", "the", "sea"], "the phrase, not every 'the'");
}

#[test]
fn exclusion_removes_documents() {
    let bytes = index(&[
        ("a", "One", "Defence talks in Moscow."),
        ("b", "Two", "Defence talks in Hanoi."),
        ("c", "Three", "Defence of the tropical centre."),
    ]);
    assert_eq!(ids(&bytes, "defence -moscow"), ["b", "c"]);
    assert_eq!(ids(&bytes, "defence -\"tropical centre\""), ["a", "b"]);
    assert_eq!(ids(&bytes, "defence -\"centre tropical\"").len(), 3, "an excluded phrase must match as a phrase");
    for nothing in ["-moscow", "-", "\"", "- \" -\"", "-\"tropical centre\""] {
        let results = search(&bytes, nothing);
        assert_eq!((results.total, results.hits.len()), (0, 0), "{nothing:?}");
    }
}

#[test]
fn stems_find_other_forms_and_an_exact_form_wins_when_all_else_is_equal() {
    let bytes = index(&[
        ("stem", "Report", "Talks on cooperation continued."),
        ("exact", "Report", "Talks on cooperating continued."),
    ]);
    assert_eq!(ids(&bytes, "cooperating "), ["exact", "stem"]);
    assert_eq!(ids(&bytes, "cooperation "), ["stem", "exact"]);
    let scores: Vec<f32> = search(&bytes, "cooperating ").hits.iter().map(|h| h.score).collect();
    assert!(scores[1] > 0.5 * scores[0], "another form is nearly the word: {scores:?}");
}

#[test]
fn one_score_ranks_a_far_better_stem_match_above_a_single_exact_mention() {
    // Match quality is a weight in the score, not a tier sorted first: an
    // article about computers outranks one that says "computer" once.
    let bytes = index(&[
        (
            "once",
            "Annual report",
            "The annual report of the museum, mentioning a computer once among many other things.",
        ),
        ("about", "Computers", "Computers and computers: computers today."),
    ]);
    assert_eq!(ids(&bytes, "computer "), ["about", "once"]);
}

#[test]
fn plain_words_are_ranked_not_required_so_no_query_dead_ends() {
    let bytes = index(&[
        ("both", "Talks", "Minister Belousov met the delegation in Moscow."),
        ("moscow", "Forum", "The forum opened in Moscow."),
        ("hanoi", "Visit", "A visit to Hanoi."),
    ]);
    let results = search(&bytes, "Belousov Moscow ");
    assert_eq!((results.total, results.full_matches), (2, 1));
    assert_eq!(results.hits.iter().map(|h| h.id.as_str()).collect::<Vec<_>>(), ["both", "moscow"]);
    assert_eq!(results.hits[0].matched, ["Belousov", "Moscow"]);
    assert!(results.hits[0].missing.is_empty());
    assert_eq!(results.hits[1].missing, ["Belousov"], "a partial hit says what it lacks, as typed");
    let punctuated = search(&bytes, "“Belousov”, Moscow? ");
    assert_eq!(punctuated.hits[1].missing, ["Belousov"], "without the punctuation around the word");
    // No article has all three words: the best partial answers, never nothing.
    let results = search(&bytes, "Belousov Moscow Hanoi ");
    assert_eq!((results.total, results.full_matches), (3, 0));
    assert_eq!(results.hits[0].id, "both", "two of the words beat one");
}

#[test]
fn every_word_first_even_when_a_partial_hit_scores_higher() {
    // "moscow" is rarer than "talks", and fills the second article: it scores
    // higher, but the first has every word.
    let bytes = index(&[
        ("every", "Report", "Talks were held in a long week of meetings, and Moscow hosted them."),
        ("moscow", "Moscow", "Moscow, Moscow and Moscow."),
        ("talks", "Talks", "Talks."),
        ("other", "Talks", "Talks again."),
    ]);
    let results = search(&bytes, "talks moscow ");
    assert_eq!(results.full_matches, 1);
    assert_eq!(results.hits[0].id, "every");
    assert!(results.hits[1].score > results.hits[0].score, "{results:?}");
}

#[test]
fn a_repeated_word_counts_twice_but_is_one_word() {
    let bytes = index(&[("both", "A", "Moscow talks."), ("talks", "B", "Talks."), ("moscow", "C", "Moscow.")]);
    let results = search(&bytes, "moscow talks moscow ");
    assert_eq!((results.total, results.full_matches), (3, 1));
    assert_eq!(results.hits[0].matched, ["moscow", "talks"]);
    assert_eq!(results.hits[1].id, "moscow", "the word said twice weighs more");
}

#[test]
fn stop_words_never_make_a_hit_on_their_own() {
    let bytes = index(&[
        ("function", "Notes", "What is it, and of what is it made?"),
        ("content", "Sea", "The law of the sea."),
    ]);
    assert_eq!(ids(&bytes, "what is the law of the sea "), ["content"]);
    let results = search(&bytes, "what of sea ");
    assert_eq!(results.hits[0].matched, ["sea"], "stop words are not listed as matched or missing");
    assert!(results.hits[0].missing.is_empty());
    // A query of nothing but stop words searches for them as written.
    assert_eq!(ids(&bytes, "what of ").len(), 2);
}

#[test]
fn a_long_pasted_question_uses_every_content_word() {
    // Three letters: no typo tolerance, so each word finds only itself.
    let words: Vec<String> =
        (0..60u8).map(|i| format!("x{}{}", (b'a' + i / 26) as char, (b'a' + i % 26) as char)).collect();
    let bytes = index(&[("first", "A", &words[0]), ("last", "B", &words[59]), ("none", "C", "Nothing here.")]);
    let results = search(&bytes, &format!("{} ", words.join(" ")));
    assert_eq!(
        results.hits.iter().map(|h| h.id.as_str()).collect::<std::collections::BTreeSet<_>>(),
        ["first", "last"].into()
    );
    assert_eq!(results.hits[0].missing.len(), 59);
}

#[test]
fn british_and_american_spellings_find_each_other() {
    let bytes = index(&[
        ("uk", "Defence", "The defence centre organisation programme."),
        ("us", "Defense", "The defense center organization program."),
    ]);
    for query in ["defence", "defense", "centre", "center", "organisation", "organization", "programme", "program"] {
        assert_eq!(ids(&bytes, &format!("{query} ")), ["uk", "us"], "{query}");
    }
    assert_eq!(marks(&bytes, "defense centre "), ["defence", "centre"], "highlights the original spelling");
}

#[test]
fn compounds_match_one_word_and_two() {
    let bytes = index(&[("two", "Ties", "Việt Nam and Russia."), ("one", "Ties", "Vietnam and Russia.")]);
    assert_eq!(ids(&bytes, "vietnam ").len(), 2);
    assert_eq!(ids(&bytes, "viet nam ").len(), 2);
    assert_eq!(ids(&bytes, "viet nam").len(), 2, "while the last word is still being typed");
    assert_eq!(ids(&bytes, "Việt Nam russia").len(), 2);
    assert_eq!(ids(&bytes, "vietnam ")[0], "one", "the form as written ranks first");
    assert_eq!(ids(&bytes, "viet nam ")[0], "two");
    assert!(ids(&bytes, "\"nam viet\"").is_empty());
}

#[test]
fn did_you_mean_when_only_typos_match_or_nothing() {
    let bytes = index(&[("b", "Talks", "Minister Belousov met the delegation in Moscow.")]);
    assert_eq!(search(&bytes, "Belousow ").suggestion.as_deref(), Some("belousov "));
    assert_eq!(
        search(&bytes, "Belousow  MOSCOW, delegation").suggestion.as_deref(),
        Some("belousov  MOSCOW, delegation"),
        "only the unknown word changes; the rest stays as typed"
    );
    assert_eq!(search(&bytes, "Belousov ").suggestion, None);
    assert_eq!(search(&bytes, "zzzzzz ").suggestion, None, "nothing close");
    let partial = search(&bytes, "Belousow Moscow zzzzzz ");
    assert_eq!(partial.full_matches, 0, "no article has the unknown words");
    assert_eq!(
        partial.suggestion.as_deref(),
        Some("belousov Moscow zzzzzz "),
        "a partial result still suggests what it can for its unknown words"
    );
    let none = search(&bytes, "Belousow -moscow");
    assert_eq!(none.total, 0);
    assert_eq!(none.suggestion, None, "a suggestion that would find nothing is not offered");
}

#[test]
fn close_words_rank_above_distant_ones() {
    let filler = "word ".repeat(50);
    let bytes = index(&[
        ("far", "A", &format!("strategic {filler} dialogue")),
        ("near", "B", &format!("strategic dialogue {filler}")),
    ]);
    assert_eq!(ids(&bytes, "strategic dialogue"), ["near", "far"]);
}

#[test]
fn equal_hits_keep_document_order_and_nothing_else_depends_on_it() {
    let bytes = index(&[("x", "Same", "Same text."), ("y", "Same", "Same text."), ("z", "Same", "Same text.")]);
    assert_eq!(ids(&bytes, "same"), ["x", "y", "z"]);

    // Adding the articles in reverse order changes document order, the last
    // tie-break, and nothing else: the same total, the same score at each
    // rank, the same hits with the same snippets and highlights, the same
    // suggestion. ("hn" and "tw" tie, so their order does change.)
    let talks = "Việt Nam and Russia held defence talks in Hà Nội on strategic cooperation.";
    let docs = [
        ("hn", "Hà Nội defence talks", talks),
        (
            "mo",
            "Moscow dialogue",
            "The strategic dialogue in Moscow covered defence cooperation and the law of the sea.",
        ),
        ("tw", "Hà Nội defence talks", talks),
        ("sea", "Law of the sea", "Maritime law: the sea, the centre of cooperating navies."),
        ("army", "ARMY-2024 forum", "Belousov visited the ARMY-2024 forum near Moscow."),
    ];
    let reversed: Vec<_> = docs.iter().rev().copied().collect();
    let (forward, backward) = (index(&docs), index(&reversed));
    assert_eq!(ids(&forward, "ha noi talks")[..2], ["hn", "tw"]);
    assert_eq!(ids(&backward, "ha noi talks")[..2], ["tw", "hn"]);
    let queries = [
        "defence",
        "ha noi talks",
        "strategic cooperation",
        "moscow -sea",
        "\"law of the sea\"",
        "cooperat",
        "belousow",
        "defense center",
        "army 2024",
        "zzzz",
    ];
    for query in queries {
        let (a, b) = (search(&forward, query), search(&backward, query));
        assert_eq!((a.total, &a.suggestion), (b.total, &b.suggestion), "{query:?}");
        let scores = |r: &SearchResults| r.hits.iter().map(|h| h.score.to_bits()).collect::<Vec<_>>();
        assert_eq!(scores(&a), scores(&b), "{query:?}: the score at each rank");
        let by_id = |r: SearchResults| {
            let mut hits = r.hits;
            hits.sort_by(|x, y| x.id.cmp(&y.id));
            hits
        };
        assert_eq!(by_id(a), by_id(b), "{query:?}");
    }
}

#[test]
fn prefix_completions_rank_between_exact_and_typo() {
    let bytes = index(&[
        ("typo", "A", "The defund campaign."),
        ("prefix", "B", "The defenders held."),
        ("exact", "C", "The defend line."),
    ]);
    assert_eq!(ids(&bytes, "defend"), ["exact", "prefix", "typo"]);
}

#[test]
fn a_whole_article_comes_back_by_id_with_every_match_highlighted() {
    let long = format!("{} zebra {} Zebra.", "word ".repeat(150), "more ".repeat(150));
    let bytes = index(&[("short", "Zebra crossing", "A zebra."), ("long", "Long read", &long)]);
    let searcher = Searcher::new(Index::open(&bytes.embedded).unwrap()).unwrap();
    let split = Searcher::new(Index::open(&bytes.split).unwrap()).unwrap();
    for id in ["short", "long"] {
        let article = searcher.article(id, "zebra").unwrap().expect(id);
        // The block of its id, then its words' blocks and its record at
        // once, then their postings (and typo neighbours' blocks: `zebra`
        // is rare); both articles are in one file: the second finds it
        // given already.
        let mut docs_asked = 0;
        for _round in 0..4 {
            let names = split.files_for_article(id, "zebra");
            assert_eq!(
                split.article(id, "zebra").is_err(),
                !names.is_empty(),
                "{id}: the split layout needs its files first"
            );
            docs_asked += names.iter().filter(|n| n.ends_with(".docs")).count();
            for name in names {
                split.add_file(&name, &bytes.files.iter().find(|f| f.name == name).unwrap().bytes).unwrap();
            }
        }
        assert!(docs_asked <= 1, "{id}: its record's file asked once");
        assert_eq!(split.article(id, "zebra").unwrap().as_ref(), Some(&article), "{id}: both layouts alike");
        assert_eq!(article.id, id);
        let units: Vec<u16> = article.text.encode_utf16().collect();
        let marked: Vec<String> = article
            .highlights
            .iter()
            .map(|&[s, e]| String::from_utf16(&units[s as usize..e as usize]).unwrap())
            .collect();
        assert_eq!(marked.len(), if id == "long" { 2 } else { 1 }, "{id}: {marked:?}");
        assert!(marked.iter().all(|m| m.eq_ignore_ascii_case("zebra")));
    }
    assert!(searcher.article("missing", "zebra").unwrap().is_none());
    assert!(
        split.article("missing", "zebra").unwrap().is_none(),
        "an id the split index lacks, once its block is there"
    );
}
