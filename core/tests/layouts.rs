//! The split layout: the same index with the words' postings and the
//! documents' records in files of their own, which a searcher is given as
//! its answers need them.

use article_search_core::snippet::best_passage;
use article_search_core::{Document, Error, Index, IndexBuilder, IndexFile, SearchOptions, Searcher, Sort};

/// A made-up word for `n`: syllables spread over every first letter, so
/// that the dictionary has many words and they fill several blocks.
fn word(n: u32) -> String {
    let (consonants, vowels) = (b"bcdfghklmnprstvz", b"aeiou");
    let mut x = n.wrapping_mul(2_654_435_761).rotate_left(7) ^ n;
    let mut out = String::new();
    for _ in 0..3 + n % 2 {
        out.push(consonants[(x % 16) as usize] as char);
        out.push(vowels[(x / 16 % 5) as usize] as char);
        x /= 80;
    }
    out
}

/// 300 documents of about 300 bytes: several document files, postings
/// files (the common words' lists are larger than one), and term blocks
/// (some 6,000 words); dates out of order (a tenth of them undated) and a
/// tag each.
fn builder() -> IndexBuilder {
    let mut builder = IndexBuilder::new();
    for i in 0..300 {
        let words: Vec<String> = (0..20).map(|k| word(i * 20 + k)).collect();
        let body = format!(
            "Article {i} is about the navy, the army and topic{} in Hà Nội, where the fleet of {} ships sailed in {}. \
             Belousov met the delegation of Vietnam. {}",
            i % 7,
            i % 13,
            1900 + i,
            words.join(" ")
        );
        let title = format!("Story {i}");
        let date = (i % 10 != 0).then(|| format!("{}-01-{:02}", 1950 + i * 37 % 70, 1 + i % 28));
        let tags = vec![format!("t{}", i % 3)];
        builder.add(Document { id: format!("a{i:03}"), title, body, date, tags, ..Default::default() }).unwrap();
    }
    builder
}

fn layouts() -> (Vec<u8>, Vec<u8>, Vec<IndexFile>) {
    let (mut embedded, mut split) = (Vec::new(), Vec::new());
    builder().finish(&mut embedded).unwrap();
    let (_, files) = builder().finish_split(&mut split).unwrap();
    (embedded, split, files)
}

fn file<'f>(files: &'f [IndexFile], name: &str) -> &'f [u8] {
    &files.iter().find(|f| f.name == name).unwrap_or_else(|| panic!("{name} was not written")).bytes
}

#[test]
fn the_split_index_leaves_the_dictionary_postings_and_records_to_files_named_by_their_hash() {
    let (embedded, split, files) = layouts();
    let count = |kind: &str| files.iter().filter(|f| f.name.ends_with(kind)).count();
    assert!(count(".docs") >= 3, "{} document files", count(".docs"));
    assert!(count(".postings") >= 2, "{} postings files", count(".postings"));
    assert!(count(".terms") >= 3, "{} term blocks", count(".terms"));
    assert!(count(".tails") >= 3, "{} tail blocks", count(".tails"));
    assert_eq!(count(".dates"), 1);
    assert_eq!(files.len(), count(".docs") + count(".postings") + count(".terms") + count(".tails") + 1);
    assert!(split.len() * 5 < embedded.len(), "the index itself is small: {} of {} bytes", split.len(), embedded.len());
    for f in &files {
        let hash = f.name.split('.').next().unwrap();
        assert!(hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()), "{}", f.name);
        assert_eq!(format!("{:016x}", article_search_core::index::format::file_hash(&f.bytes)), hash);
    }
    let index = Index::open(&split).unwrap();
    assert!(index.is_split() && !Index::open(&embedded).unwrap().is_split());
    let record = Index::open(&embedded).unwrap().doc(299).unwrap();
    assert!(record.body_len > 40 && record.title_len == 2, "{record:?}");
    assert_eq!(record.date, Some("1953-01-20"));
    assert!(matches!(index.doc(299), Err(Error::FilesNeeded { .. })), "lengths and dates are in the records");
    assert!(index.dates_file().is_some_and(|file| index.embedded_file(file).is_none()), "the dates are a file");
    assert!(matches!(index.doc_id(0), Err(Error::FilesNeeded { .. })), "ids are in the records");
    assert_eq!(index.term_value("belousov"), None, "its block is a file");
}

#[test]
fn a_split_searcher_names_the_files_its_answer_needs_and_then_answers_alike() {
    let (embedded, split, files) = layouts();
    let embedded = Searcher::new(Index::open(&embedded).unwrap()).unwrap();
    let made_up = [word(5), word(4_321), word(5_999)];
    let first_letter_typo = format!("x{}", &made_up[1][1..]);
    let mut phrase: Vec<String> = (0..24).map(|n| word(n * 241)).collect();
    phrase.sort_by(|a, b| b.cmp(a));
    let swapped = format!("{}{}{}", &made_up[2][1..2], &made_up[2][..1], &made_up[2][2..]);
    let queries = [
        ("navy topic3".to_string(), 0),
        ("story 150".to_string(), 0),
        ("ha noi".to_string(), 40),
        ("\"the army\"".to_string(), 290),
        ("topc2".to_string(), 0),
        (String::new(), 0),
        ("velousov".to_string(), 0),
        ("belousow".to_string(), 0),
        ("delegatoin".to_string(), 0),
        ("viet nam".to_string(), 0),
        (made_up.join(" "), 0),
        // A long phrase of words from every block: all in one round.
        (format!("\"{}\"", phrase.join(" ")), 0),
        (made_up[0][..3].to_string(), 0),
        (first_letter_typo, 0),
        (swapped, 0),
        (format!("{}x", &made_up[2][..made_up[2].len() - 1]), 0),
        (format!("{} {}", made_up[0], &made_up[1][..4]), 0),
    ];
    let by_date = |sort| SearchOptions { sort, ..SearchOptions::default() };
    let browse = SearchOptions { filters: vec![("tags".into(), vec!["t1".into()])], ..SearchOptions::default() };
    let options = queries
        .iter()
        .map(|(query, offset)| (query.clone(), SearchOptions { offset: *offset, ..SearchOptions::default() }))
        .chain([("navy topic3".to_string(), by_date(Sort::NewestFirst)), ("velousov".to_string(), by_date(Sort::Date))])
        .chain([(String::new(), browse.clone()), (String::new(), SearchOptions { sort: Sort::Date, ..browse })]);
    for (query, options) in options {
        let query = &query;
        // A new visitor's: nothing fetched yet.
        let searcher = Searcher::new(Index::open(&split).unwrap()).unwrap();
        // Dictionary blocks, then postings files, then the document files of its page.
        let mut kinds_seen = Vec::new();
        for round in 0.. {
            let needed = searcher.files_for_search(query, &options);
            match searcher.search(query, &options) {
                Err(Error::FilesNeeded { files }) => assert_eq!(files, needed, "{query}"),
                Ok(_) => assert!(needed.is_empty(), "{query}: an answer only with every file it needs"),
                Err(e) => panic!("{query}: {e}"),
            }
            if needed.is_empty() {
                break;
            }
            assert!(round < 4, "{query}: still {needed:?} after four rounds");
            let docs = needed.iter().filter(|name| name.ends_with(".docs")).count();
            assert!(docs == 0 || docs == needed.len(), "{query}: document files come alone, last: {needed:?}");
            kinds_seen.push(docs > 0);
            for name in &needed {
                searcher.add_file(name, file(&files, name)).unwrap();
            }
        }
        assert!(kinds_seen.iter().rev().skip(1).all(|&docs| !docs), "{query}: document files last");
        assert_eq!(searcher.search(query, &options).unwrap(), embedded.search(query, &options).unwrap(), "{query}");
    }
}

/// A new split searcher for each query: the same answers as the embedded
/// index, whatever the searcher already holds.
#[test]
fn a_cold_split_searcher_answers_as_the_embedded_index() {
    let (embedded_bytes, split, files) = layouts();
    let embedded = Searcher::new(Index::open(&embedded_bytes).unwrap()).unwrap();
    for n in (0..6_000).step_by(397) {
        let w = word(n);
        let typos = [format!("q{}", &w[1..]), format!("{}{}", &w[..2], &w[3..]), format!("{w}e"), w[..4].to_string()];
        for query in typos {
            let searcher = Searcher::new(Index::open(&split).unwrap()).unwrap();
            let options = SearchOptions::default();
            for _ in 0..5 {
                for name in searcher.files_for_search(&query, &options) {
                    searcher.add_file(&name, file(&files, &name)).unwrap();
                }
            }
            assert_eq!(
                searcher.search(&query, &options).unwrap(),
                embedded.search(&query, &options).unwrap(),
                "{query}"
            );
        }
    }
}

/// Whether `searcher` refuses `bytes` as the file named `name`, as damaged.
fn refused<'a>(searcher: &Searcher<'a>, name: &str, bytes: &'a [u8]) -> bool {
    matches!(searcher.add_file(name, bytes), Err(Error::Corrupt { .. }))
}

#[test]
fn a_file_that_is_not_the_one_named_is_refused() {
    let (_, split, files) = layouts();
    let docs: Vec<&IndexFile> = files.iter().filter(|f| f.name.ends_with(".docs")).collect();
    let (first, second) = (docs[0], docs[1]);
    let mut flipped = first.bytes.clone();
    flipped[10] ^= 1;
    let searcher = Searcher::new(Index::open(&split).unwrap()).unwrap();
    assert!(refused(&searcher, &first.name, &first.bytes[..first.bytes.len() - 1]), "truncated");
    assert!(refused(&searcher, &first.name, &second.bytes), "another file's bytes");
    assert!(refused(&searcher, &first.name, &flipped), "a flipped bit");
    assert!(refused(&searcher, "0123456789abcdef.docs", &first.bytes), "a name the index does not have");
    let query = "story 0";
    let mut needed = searcher.files_for_search(query, &SearchOptions::default());
    while !needed.iter().any(|name| name.ends_with(".docs")) {
        for name in &needed {
            searcher.add_file(name, file(&files, name)).unwrap();
        }
        needed = searcher.files_for_search(query, &SearchOptions::default());
    }
    assert!(needed.contains(&first.name), "nothing was kept");
    searcher.add_file(&first.name, &first.bytes).unwrap();
    searcher.add_file(&first.name, &first.bytes).unwrap();
    assert!(searcher.search(query, &SearchOptions { limit: 1, ..SearchOptions::default() }).is_ok());
}

/// Three long articles (cut into parts: about 4,000 words each, with
/// paragraphs, hyphenated names and Vietnamese) among short ones, and a
/// made-up marker word every 97 words of each.
fn long_articles() -> (IndexBuilder, Vec<(String, Vec<String>)>) {
    let filler = ["the", "fleet", "sailed", "to", "Hà", "Nội", "—", "ARMY-2024", "don't", "co-op", "1941-1945", "and"];
    let mut builder = IndexBuilder::new();
    let mut long = Vec::new();
    for i in 0..12u32 {
        let (mut words, mut markers) = (Vec::new(), Vec::new());
        let length = if i % 4 == 1 { 4_000 } else { 30 };
        for n in 0..length {
            if n % 97 == 50 {
                markers.push(word(20_000 + i * 100 + n / 97));
                words.push(markers.last().unwrap().clone());
            }
            words.push(filler[(n * 7 + n / 13) as usize % filler.len()].to_string());
            if n % 61 == 60 {
                words.push("end.\n\n".to_string());
            }
        }
        let body = words.join(" ");
        if !markers.is_empty() {
            long.push((body.clone(), markers));
        }
        builder.add(Document { id: format!("l{i}"), title: format!("Long {i}"), body, ..Default::default() }).unwrap();
    }
    (builder, long)
}

/// A long article's body is cut into parts: a snippet deep in it costs its
/// record's file and the parts around the passage, not the whole text, and
/// is the one the whole body gives.
#[test]
fn a_snippet_deep_in_a_long_article_reads_the_parts_around_it_and_equals_the_whole_bodys() {
    let (mut embedded_bytes, mut split) = (Vec::new(), Vec::new());
    long_articles().0.finish(&mut embedded_bytes).unwrap();
    let (_, files) = long_articles().0.finish_split(&mut split).unwrap();
    let long = long_articles().1;
    let embedded = Searcher::new(Index::open(&embedded_bytes).unwrap()).unwrap();
    let analyzer = article_search_core::Analyzer::new();
    let options = SearchOptions::default();
    for (body, markers) in &long {
        let first_position = 3; // "Long N": two title words
        let mut tokens = Vec::new();
        analyzer.tokens_into(body, first_position, &mut tokens);
        let doc_files = files.iter().filter(|f| f.name.ends_with(".docs")).count();
        for marker in markers {
            let searcher = Searcher::new(Index::open(&split).unwrap()).unwrap();
            let (mut fetched_docs, mut docs_rounds) = (0, 0);
            for _ in 0..5 {
                let needed = searcher.files_for_search(marker, &options);
                let docs = needed.iter().filter(|name| name.ends_with(".docs")).count();
                (fetched_docs, docs_rounds) = (fetched_docs + docs, docs_rounds + usize::from(docs > 0));
                for name in needed {
                    searcher.add_file(&name, file(&files, &name)).unwrap();
                }
            }
            let results = searcher.search(marker, &options).unwrap();
            assert_eq!(results, embedded.search(marker, &options).unwrap(), "{marker}");
            // Per hit (a typo neighbour may be one too): its record's file and one or two parts, in one round.
            let most = 3 * results.hits.len();
            assert!(fetched_docs <= most && doc_files > 10, "{marker}: {fetched_docs} of {doc_files} document files");
            assert_eq!(docs_rounds, 1, "{marker}: the parts come with the records");
            let at: Vec<u32> = tokens.iter().filter(|t| &t.term == marker).map(|t| t.position).collect();
            let whole = best_passage(&analyzer, body, first_position, &[at], &|_| (0, 0));
            assert_eq!((&results.hits[0].snippet, &results.hits[0].highlights), (&whole.text, &whole.highlights));
        }
        // The reader's view: the whole text, from every part.
        let id = embedded.search(&markers[0], &options).unwrap().hits[0].id.clone();
        let searcher = Searcher::new(Index::open(&split).unwrap()).unwrap();
        for _ in 0..3 {
            for name in searcher.files_for_article(&id, "") {
                searcher.add_file(&name, file(&files, &name)).unwrap();
            }
        }
        let article = searcher.article(&id, "").unwrap().unwrap();
        assert_eq!(&article.text, body);
        assert_eq!(article, embedded.article(&id, "").unwrap().unwrap());
    }
}
