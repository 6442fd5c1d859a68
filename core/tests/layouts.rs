//! The split layout: the same index with the documents' records in files of
//! their own, which a searcher is given as its answers need them.

use article_search_core::{DocFile, Document, Error, Index, IndexBuilder, SearchOptions, Searcher};

/// 300 documents of about 120 bytes: several document files.
fn builder() -> IndexBuilder {
    let mut builder = IndexBuilder::new();
    for i in 0..300 {
        let body = format!("Article {i} is about the navy, the army and topic{} in Hà Nội.", i % 7);
        let title = format!("Story {i}");
        builder.add(Document { id: format!("a{i:03}"), title, body, ..Default::default() }).unwrap();
    }
    builder
}

fn layouts() -> (Vec<u8>, Vec<u8>, Vec<DocFile>) {
    let (mut embedded, mut split) = (Vec::new(), Vec::new());
    builder().finish(&mut embedded).unwrap();
    let (_, files) = builder().finish_split(&mut split).unwrap();
    (embedded, split, files)
}

fn file<'f>(files: &'f [DocFile], name: &str) -> &'f [u8] {
    &files.iter().find(|f| f.name == name).unwrap_or_else(|| panic!("{name} was not written")).bytes
}

#[test]
fn the_split_index_leaves_the_records_to_files_named_by_their_hash() {
    let (embedded, split, files) = layouts();
    assert!(files.len() >= 3, "{} files", files.len());
    let in_files: usize = files.iter().map(|f| f.bytes.len()).sum();
    assert_eq!(split.len() + in_files, embedded.len(), "the same bytes, the records moved out");
    for f in &files {
        assert!(f.name.ends_with(".docs") && f.name.len() == 16 + 5, "{}", f.name);
    }
    let index = Index::open(&split).unwrap();
    assert!(index.is_split() && !Index::open(&embedded).unwrap().is_split());
    assert_eq!(index.doc_id(299).unwrap(), "a299", "entries are in the index");
    assert!(matches!(index.doc(0), Err(Error::FilesNeeded { .. })));
}

#[test]
fn a_split_searcher_names_the_files_its_page_needs_and_then_answers_alike() {
    let (embedded, split, files) = layouts();
    let embedded = Searcher::new(Index::open(&embedded).unwrap()).unwrap();
    let searcher = Searcher::new(Index::open(&split).unwrap()).unwrap();
    for (query, offset) in [("navy topic3", 0), ("story 150", 0), ("ha noi", 40), ("\"the army\"", 290), ("", 0)] {
        let options = SearchOptions { offset, ..SearchOptions::default() };
        let needed = searcher.files_for_search(query, &options);
        match searcher.search(query, &options) {
            Err(Error::FilesNeeded { files }) => assert_eq!(files, needed, "{query}"),
            Ok(_) => assert!(needed.is_empty(), "{query}: an answer only with every file of its page"),
            Err(e) => panic!("{query}: {e}"),
        }
        for name in &needed {
            searcher.add_file(name, file(&files, name)).unwrap();
        }
        assert!(searcher.files_for_search(query, &options).is_empty());
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
    let (first, second) = (&files[0], &files[1]);
    let mut flipped = first.bytes.clone();
    flipped[10] ^= 1;
    let searcher = Searcher::new(Index::open(&split).unwrap()).unwrap();
    assert!(refused(&searcher, &first.name, &first.bytes[..first.bytes.len() - 1]), "truncated");
    assert!(refused(&searcher, &first.name, &second.bytes), "another file's bytes");
    assert!(refused(&searcher, &first.name, &flipped), "a flipped bit");
    assert!(refused(&searcher, "0123456789abcdef.docs", &first.bytes), "a name the index does not have");
    let query = "story 0";
    assert!(searcher.files_for_search(query, &SearchOptions::default()).contains(&first.name), "nothing was kept");
    searcher.add_file(&first.name, &first.bytes).unwrap();
    searcher.add_file(&first.name, &first.bytes).unwrap();
    assert!(searcher.search(query, &SearchOptions { limit: 1, ..SearchOptions::default() }).is_ok());
}
