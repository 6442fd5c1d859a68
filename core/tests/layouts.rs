//! The split layout: the same index with the words' postings and the
//! documents' records in files of their own, which a searcher is given as
//! its answers need them.

use article_search_core::{Document, Error, Index, IndexBuilder, IndexFile, SearchOptions, Searcher};

/// 300 documents of about 120 bytes: several document files, and postings
/// files (the common words' lists are larger than one).
fn builder() -> IndexBuilder {
    let mut builder = IndexBuilder::new();
    for i in 0..300 {
        let body = format!(
            "Article {i} is about the navy, the army and topic{} in Hà Nội, where the fleet of {} ships sailed in {}.",
            i % 7,
            i % 13,
            1900 + i
        );
        let title = format!("Story {i}");
        builder.add(Document { id: format!("a{i:03}"), title, body, ..Default::default() }).unwrap();
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
fn the_split_index_leaves_the_postings_and_records_to_files_named_by_their_hash() {
    let (embedded, split, files) = layouts();
    let docs = files.iter().filter(|f| f.name.ends_with(".docs")).count();
    assert!(docs >= 3, "{docs} document files");
    assert!(files.len() - docs >= 2, "{} postings files", files.len() - docs);
    let in_files: usize = files.iter().map(|f| f.bytes.len()).sum();
    assert_eq!(split.len() + in_files, embedded.len(), "the same bytes, postings and records moved out");
    for f in &files {
        let hash = f.name.split('.').next().unwrap();
        assert!(hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()), "{}", f.name);
        assert!(f.name.ends_with(".docs") || f.name.ends_with(".postings"), "{}", f.name);
        assert_eq!(format!("{:016x}", article_search_core::index::format::file_hash(&f.bytes)), hash);
    }
    let index = Index::open(&split).unwrap();
    assert!(index.is_split() && !Index::open(&embedded).unwrap().is_split());
    assert_eq!(index.doc_id(299).unwrap(), "a299", "entries are in the index");
    assert!(matches!(index.doc(0), Err(Error::FilesNeeded { .. })));
}

#[test]
fn a_split_searcher_names_the_files_its_answer_needs_and_then_answers_alike() {
    let (embedded, split, files) = layouts();
    let embedded = Searcher::new(Index::open(&embedded).unwrap()).unwrap();
    let searcher = Searcher::new(Index::open(&split).unwrap()).unwrap();
    let queries = [("navy topic3", 0), ("story 150", 0), ("ha noi", 40), ("\"the army\"", 290), ("topc2", 0), ("", 0)];
    for (query, offset) in queries {
        let options = SearchOptions { offset, ..SearchOptions::default() };
        // First the postings files of its words, then the document files of its page.
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
            assert!(round < 2, "{query}: still {needed:?} after two rounds");
            let kind = if needed[0].ends_with(".postings") { ".postings" } else { ".docs" };
            assert!(needed.iter().all(|name| name.ends_with(kind)), "{query}: one kind of file a round: {needed:?}");
            assert!(kind == ".docs" || round == 0, "{query}: postings files first, then document files");
            for name in &needed {
                searcher.add_file(name, file(&files, name)).unwrap();
            }
        }
        assert_eq!(searcher.search(query, &options).unwrap(), embedded.search(query, &options).unwrap(), "{query}");
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
    for name in searcher.files_for_search(query, &SearchOptions::default()) {
        searcher.add_file(&name, file(&files, &name)).unwrap();
    }
    assert!(searcher.files_for_search(query, &SearchOptions::default()).contains(&first.name), "nothing was kept");
    searcher.add_file(&first.name, &first.bytes).unwrap();
    searcher.add_file(&first.name, &first.bytes).unwrap();
    assert!(searcher.search(query, &SearchOptions { limit: 1, ..SearchOptions::default() }).is_ok());
}
