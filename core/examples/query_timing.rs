//! Indexes a folder of articles natively and times queries by kind: a quick
//! profiling aid for the engine (the real benchmark is bench/run.sh).
//!
//!   cargo run --release -p article-search-core --example query_timing -- <folder> [query ...]
//!
//! `ROUNDS=n` repeats each query set n times (default 5), e.g. for `perf record`.

use std::time::{Duration, Instant};

use article_search_core::{load_article, ArticleFormat, Index, IndexBuilder, Loaded, SearchOptions, Searcher};

fn main() {
    let mut args = std::env::args().skip(1);
    let folder = args.next().expect("usage: query_timing <folder> [query ...]");
    let mut paths: Vec<_> = std::fs::read_dir(&folder).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    let started = Instant::now();
    let mut builder = IndexBuilder::new();
    for path in &paths {
        let id = path.file_stem().unwrap().to_str().unwrap();
        if let Ok(Loaded::Document(doc)) = load_article(id, &std::fs::read(path).unwrap(), ArticleFormat::Text) {
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
    let started = Instant::now();
    let searcher = Searcher::new(Index::open(&bytes).unwrap()).unwrap();
    println!("open {:?}", started.elapsed());

    let custom: Vec<String> = args.collect();
    let sets: Vec<(&str, Vec<String>)> = if custom.is_empty() {
        let words = |s: &str| s.split(',').map(str::to_string).collect::<Vec<_>>();
        vec![
            ("exact", words("memory ,kernel ,driver ,interrupt ,scheduler ,the ,device ,firmware ,mutex ,buffer ")),
            ("prefix", words("mem,ker,driv,inter,sched,dev,firm,mut,buf,pag")),
            ("typo", words("memroy ,kernal ,drivr ,interupt ,schedular ,devise ,firmwre ,mutx ,bufer ,pagse ")),
            ("phrase", words("\"page table\",\"device tree\",\"memory barrier\",\"the kernel\",\"of the\"")),
        ]
    } else {
        vec![("custom", custom)]
    };
    for (kind, queries) in sets {
        for (limit, label) in [(10, "with snippets"), (0, "count only")] {
            let options = SearchOptions { limit, offset: 0 };
            let mut times: Vec<Duration> = Vec::new();
            let rounds = std::env::var("ROUNDS").ok().and_then(|r| r.parse().ok()).unwrap_or(5);
            for _ in 0..rounds {
                for q in &queries {
                    let t = Instant::now();
                    searcher.search(q, &options).unwrap();
                    times.push(t.elapsed());
                }
            }
            times.sort();
            println!("{kind:7} {label:14} p50 {:?} p95 {:?}", times[times.len() / 2], times[times.len() * 95 / 100]);
        }
    }
}
