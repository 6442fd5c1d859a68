//! What a new visitor's first query costs in the split layout, natively:
//! indexes a folder of articles split, then asks each query of a fresh
//! searcher and prints, per query, the files it needed (kind, query, round,
//! file name and raw bytes, tab-separated), for `bench/split_cost.py` to
//! total in gzip by kind. A profiling aid for the split layout's file sizes
//! (the real benchmark is bench/run.sh, through the wasm module).
//!
//!   cargo run --release -p article-search-core --example split_cost -- <folder> <queries.tsv> <files-dir>
//!
//! `queries.tsv` has lines `kind<TAB>query` (query_timing's header says how
//! to make them from the bench's); the files are written to `files-dir`.

use std::collections::HashMap;

use article_search_core::{load_article, ArticleFormat, Error, Index, IndexBuilder, Loaded, SearchOptions, Searcher};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [folder, queries, out] = &args[..] else { panic!("usage: split_cost <folder> <queries.tsv> <files-dir>") };
    let mut paths: Vec<_> = std::fs::read_dir(folder).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    let mut builder = IndexBuilder::new();
    for path in &paths {
        let id = path.file_stem().unwrap().to_str().unwrap();
        if let Ok(Loaded::Document { document, .. }) =
            load_article(id, &std::fs::read(path).unwrap(), ArticleFormat::Text)
        {
            builder.add(document).unwrap();
        }
    }
    let mut root = Vec::new();
    let (_, files) = builder.finish_split(&mut root).unwrap();
    std::fs::create_dir_all(out).unwrap();
    std::fs::write(format!("{out}/root.bin"), &root).unwrap();
    for file in &files {
        std::fs::write(format!("{out}/{}", file.name), &file.bytes).unwrap();
    }
    let files: HashMap<String, Vec<u8>> = files.into_iter().map(|f| (f.name, f.bytes)).collect();
    eprintln!("root {} bytes, {} files", root.len(), files.len());

    let options = SearchOptions { limit: 10, offset: 0, ..SearchOptions::default() };
    for line in std::fs::read_to_string(queries).unwrap().lines() {
        let (kind, query) = line.split_once('\t').expect("kind<TAB>query");
        let searcher = Searcher::new(Index::open(&root).unwrap()).unwrap();
        for round in 1.. {
            match searcher.search(query, &options) {
                Err(Error::FilesNeeded { files: names }) if round <= 5 => {
                    for name in names {
                        let bytes = &files[&name];
                        println!("{kind}\t{query}\t{round}\t{name}\t{}", bytes.len());
                        searcher.add_file(&name, bytes).unwrap();
                    }
                }
                other => {
                    other.unwrap();
                    break;
                }
            }
        }
    }
}
