//! Indexes a folder of articles natively and times queries by kind: a quick
//! profiling aid for the engine (the real benchmark is bench/run.sh).
//!
//!   cargo run --release -p article-search-core --example query_timing -- <folder> [query ...]
//!
//! The first argument may also be an index saved with `SAVE_INDEX=path.bin`.
//! The default sets end with `cap`: one query at the length and term caps.
//! `ROUNDS=n` repeats each query set n times (default 5), e.g. for `perf record`.
//! `QUERIES=file` reads the query sets from lines `kind<TAB>query`, e.g. the
//! bench's, in the bench's syntax:
//!
//!   node -e 'const q = require("./bench/queries/n10000.json");
//!     for (const w of q.exact) console.log(`exact\t${w} `); for (const w of q.prefix) console.log(`prefix\t${w}`);
//!     for (const w of q.typo) console.log(`typo\t${w} `); for (const [a, b] of q.phrase) console.log(`phrase\t"${a} ${b}"`)' > /tmp/q.tsv

use std::time::{Duration, Instant};

use article_search_core::{load_article, ArticleFormat, Index, IndexBuilder, Loaded, SearchOptions, Searcher};

fn main() {
    let mut args = std::env::args().skip(1);
    let source = args.next().expect("usage: query_timing <folder|index.bin> [query ...]");
    let bytes = if source.ends_with(".bin") { std::fs::read(&source).unwrap() } else { index_folder(&source) };
    let started = Instant::now();
    let searcher = Searcher::new(Index::open(&bytes).unwrap()).unwrap();
    println!("open {:?}", started.elapsed());

    let custom: Vec<String> = args.collect();
    let sets: Vec<(String, Vec<String>)> = if let Ok(file) = std::env::var("QUERIES") {
        let mut sets: Vec<(String, Vec<String>)> = Vec::new();
        for line in std::fs::read_to_string(file).unwrap().lines() {
            let (kind, query) = line.split_once('\t').expect("kind<TAB>query");
            match sets.last_mut() {
                Some((k, queries)) if k == kind => queries.push(query.to_string()),
                _ => sets.push((kind.to_string(), vec![query.to_string()])),
            }
        }
        sets
    } else if custom.is_empty() {
        let words = |s: &str| s.split(',').map(str::to_string).collect::<Vec<_>>();
        vec![
            (
                "exact".into(),
                words("memory ,kernel ,driver ,interrupt ,scheduler ,the ,device ,firmware ,mutex ,buffer "),
            ),
            ("prefix".into(), words("mem,ker,driv,inter,sched,dev,firm,mut,buf,pag")),
            ("typo".into(), words("memroy ,kernal ,drivr ,interupt ,schedular ,devise ,firmwre ,mutx ,bufer ,pagse ")),
            ("phrase".into(), words("\"page table\",\"device tree\",\"memory barrier\",\"the kernel\",\"of the\"")),
            ("cap".into(), vec![at_the_cap()]),
        ]
    } else {
        vec![("custom".into(), custom)]
    };
    for (kind, queries) in sets {
        for (limit, label) in [(10, "with snippets"), (0, "count only")] {
            let options = SearchOptions { limit, offset: 0, ..SearchOptions::default() };
            let mut times: Vec<(Duration, &str)> = Vec::new();
            let rounds = std::env::var("ROUNDS").ok().and_then(|r| r.parse().ok()).unwrap_or(5);
            for _ in 0..rounds {
                for q in &queries {
                    let t = Instant::now();
                    searcher.search(q, &options).unwrap();
                    times.push((t.elapsed(), q));
                }
            }
            times.sort();
            let slowest: Vec<String> = times
                .iter()
                .rev()
                .map(|(_, q)| q.chars().take(40).collect())
                .take(3 * rounds)
                .step_by(rounds)
                .collect();
            println!(
                "{kind:7} {label:14} p50 {:?} p95 {:?}  slowest {slowest:?}",
                times[times.len() / 2].0,
                times[times.len() * 95 / 100].0
            );
        }
    }
}

/// A query at the limits (`MAX_QUERY_BYTES`, `MAX_QUERY_TERMS`): long
/// misspelled words, so every one walks the dictionary for typos, and more
/// text after the cut.
fn at_the_cap() -> String {
    let words = ["kernal", "interupts", "schedular", "memroy", "firmwre", "devise", "drivers", "bufferz", "xqzvwkpl"];
    let mut query = String::new();
    for word in words.iter().cycle() {
        if query.len() > article_search_core::MAX_QUERY_BYTES + 200 {
            break;
        }
        query.push_str(word);
        query.push(' ');
    }
    query
}

/// Indexes every article of `folder`; `SAVE_INDEX=path` also writes the
/// index there, so that later runs (and profiles) can skip indexing.
fn index_folder(folder: &str) -> Vec<u8> {
    let mut paths: Vec<_> = std::fs::read_dir(folder).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    let started = Instant::now();
    let mut builder = IndexBuilder::new();
    for path in &paths {
        let id = path.file_stem().unwrap().to_str().unwrap();
        if let Ok(Loaded::Document { document: doc, .. }) =
            load_article(id, &std::fs::read(path).unwrap(), ArticleFormat::Text)
        {
            builder.add(doc).unwrap();
        }
    }
    let added = started.elapsed();
    let mut bytes = Vec::new();
    let summary = builder.finish(&mut bytes).unwrap();
    println!(
        "indexed {} docs, {} terms, {} bytes: add {added:?}, total {:?}",
        summary.documents,
        summary.terms,
        summary.bytes,
        started.elapsed()
    );
    if let Ok(path) = std::env::var("SAVE_INDEX") {
        std::fs::write(path, &bytes).unwrap();
    }
    bytes
}
