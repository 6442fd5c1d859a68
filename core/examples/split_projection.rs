//! Projects what a cold query would fetch from a split index (issue 15), from
//! an index saved with `SAVE_INDEX` (see query_timing) and the bench's query
//! sets as `kind<TAB>query` lines. A measurement for the design, not a layout:
//!
//!   cargo run --release -p article-search-core --example split_projection -- index.bin queries.tsv
//!
//! The layout projected: dictionary blocks of DICT_BLOCK raw bytes of the
//! term fst; postings packed in term order into files of POSTINGS_FILE raw
//! bytes, a list larger than that in files of its own; document records in
//! id order in files of `DOC_FILE_KB` (default 64) KB.
use article_search_core::analysis::stem::stemmer;
use article_search_core::{Index, SearchOptions, Searcher};
use fst::Streamer;
use std::collections::{BTreeSet, HashMap};

const DICT_BLOCK: usize = 16 << 10;
const POSTINGS_FILE: usize = 64 << 10;

fn percentile(mut v: Vec<usize>, p: f64) -> usize {
    v.sort_unstable();
    v.get(((v.len() as f64 - 1.0) * p).round() as usize).copied().unwrap_or(0)
}

fn main() {
    // DOC_FILE_KB=n: document files of n KB (default 64).
    let doc_file_kb: usize = std::env::var("DOC_FILE_KB").ok().and_then(|v| v.parse().ok()).unwrap_or(64);
    let doc_file_bytes = doc_file_kb << 10;
    let mut args = std::env::args().skip(1);
    let bytes = std::fs::read(args.next().unwrap()).unwrap();
    let queries = std::fs::read_to_string(args.next().unwrap()).unwrap();
    let index = Index::open(&bytes).unwrap();
    let searcher = Searcher::new(index.clone()).unwrap();

    // Terms in order with their postings sizes (offsets ascend in term order).
    let mut terms: Vec<(String, u64)> = Vec::new();
    let mut stream = index.terms().stream();
    while let Some((t, o)) = stream.next() {
        terms.push((String::from_utf8_lossy(t).into_owned(), o));
    }
    let total_postings: u64 = index.byte_len() as u64; // upper bound for the last list
    let mut by_offset: Vec<u64> = terms.iter().map(|t| t.1).collect();
    by_offset.sort_unstable();
    let size_of = |offset: u64| -> usize {
        let i = by_offset.partition_point(|&o| o <= offset);
        (by_offset.get(i).copied().unwrap_or(total_postings) - offset) as usize
    };
    // Postings files: pack consecutive terms; a large list gets its own.
    let mut file_of: HashMap<&str, (usize, usize)> = HashMap::new(); // term -> (file, file bytes)
    let (mut fill, mut files) = (0usize, Vec::new());
    for (t, o) in &terms {
        let s = size_of(*o);
        if s > POSTINGS_FILE {
            files.push(s);
            file_of.insert(t, (files.len() - 1, s));
            continue;
        }
        if fill + s > POSTINGS_FILE {
            files.push(fill);
            fill = 0;
        }
        fill += s;
        file_of.insert(t, (files.len(), 0));
    }
    files.push(fill);
    let file_bytes = |term: &str| file_of.get(term).map(|&(f, own)| (f, if own > 0 { own } else { files[f] }));
    let fst_len = index.terms().as_fst().as_bytes().len();
    let dict_blocks = fst_len.div_ceil(DICT_BLOCK);
    // Document files: records (approximate size: the fields) in id order.
    let mut doc_file = Vec::with_capacity(index.doc_count() as usize);
    let mut id_to_doc = HashMap::new();
    let (mut f, mut fill) = (0usize, 0usize);
    for d in 0..index.doc_count() {
        let doc = index.doc(d).unwrap();
        let size = doc.id.len() + doc.title.len() + doc.body.len() + doc.url.map_or(0, str::len) + 16;
        if fill + size > doc_file_bytes && fill > 0 {
            f += 1;
            fill = 0;
        }
        fill += size;
        doc_file.push(f);
        id_to_doc.insert(doc.id.to_string(), d);
    }
    let doc_files = f + 1;
    println!(
        "documents {}, terms {}, term fst {} B ({} dictionary blocks of {} KB), postings files {} (of which {} lists of their own), document files {}",
        index.doc_count(),
        terms.len(),
        fst_len,
        dict_blocks,
        DICT_BLOCK >> 10,
        files.len(),
        file_of.values().filter(|v| v.1 > 0).count(),
        doc_files
    );
    let stem = stemmer("en").unwrap();
    // Per query kind: requests, dictionary + postings bytes, document file bytes.
    type Fetched = (String, Vec<usize>, Vec<usize>, Vec<usize>);
    let mut per_kind: Vec<Fetched> = Vec::new();
    for line in queries.lines() {
        let (kind, query) = line.split_once('\t').unwrap();
        // Words the query looks up, as the analyzer writes them.
        let words: Vec<String> = searcher_words(query);
        let mut postings_files = BTreeSet::new();
        let mut postings_bytes = 0;
        for w in &words {
            let mut forms: Vec<String> = vec![w.clone()];
            let s = stem(w).into_owned();
            forms.push(s.clone());
            forms.extend(index.stem_group("en", &s).into_iter().map(str::to_string));
            if kind == "prefix" {
                let mut completions: Vec<(usize, String)> = terms
                    .iter()
                    .filter(|(t, _)| t.starts_with(w.as_str()))
                    .map(|(t, o)| (index.postings(*o).doc_freq() as usize, t.clone()))
                    .collect();
                completions.sort_unstable_by(|a, b| b.cmp(a));
                forms.extend(completions.into_iter().take(64).map(|c| c.1));
            }
            for form in forms {
                if let Some((file, bytes)) = file_bytes(&form) {
                    if postings_files.insert(file) {
                        postings_bytes += bytes;
                    }
                }
            }
        }
        let results = searcher.search(query, &SearchOptions::default()).unwrap();
        let shown: BTreeSet<usize> = results.hits.iter().map(|h| doc_file[id_to_doc[&h.id] as usize]).collect();
        // Dictionary: one block per word (its range), plus one for the stem dictionary.
        let dict_requests = words.len() + 1;
        let requests = dict_requests + postings_files.len() + shown.len();
        let entry = match per_kind.iter_mut().find(|e| e.0 == kind) {
            Some(e) => e,
            None => {
                per_kind.push((kind.to_string(), vec![], vec![], vec![]));
                per_kind.last_mut().unwrap()
            }
        };
        entry.1.push(requests);
        entry.2.push(dict_requests * DICT_BLOCK + postings_bytes);
        entry.3.push(shown.len() * doc_file_bytes);
    }
    println!(
        "| kind | requests p50 / p95 | dictionary + postings raw KB p50 / p95 | document files raw KB p50 / p95 |"
    );
    for (kind, requests, postings, docs) in per_kind {
        println!(
            "| {kind} | {} / {} | {} / {} | {} / {} |",
            percentile(requests.clone(), 0.5),
            percentile(requests, 0.95),
            percentile(postings.clone(), 0.5) >> 10,
            percentile(postings, 0.95) >> 10,
            percentile(docs.clone(), 0.5) >> 10,
            percentile(docs, 0.95) >> 10
        );
    }
}

/// The query's words after analysis, without quotes and stop words.
fn searcher_words(query: &str) -> Vec<String> {
    let analyzer = article_search_core::Analyzer::new();
    analyzer
        .tokens(query)
        .into_iter()
        .map(|t| t.term)
        .filter(|t| !article_search_core::analysis::is_stop_word(t))
        .collect()
}
