//! No question of a real test collection goes without an answer: the
//! Cranfield collection (`../shared/relevance/cranfield`, beside the
//! repository in CI), its 225 questions as written and as three keywords,
//! each gets hits (every one has words that occur in the abstracts). How
//! good the answers are is measured by `bench/relevance/run.sh`, not here.

use std::path::Path;

use article_search_core::{Document, Index, IndexBuilder, SearchOptions, Searcher};

const CRANFIELD: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/relevance/cranfield");

/// The `.I`-numbered records of a Cranfield file: (id, [(field, text)]).
fn records(text: &str) -> Vec<(String, Vec<(char, String)>)> {
    let mut out: Vec<(String, Vec<(char, String)>)> = Vec::new();
    for line in text.lines() {
        if let Some(id) = line.strip_prefix(".I ") {
            out.push((id.trim().to_string(), Vec::new()));
        } else if let Some(field) = line.strip_prefix('.').and_then(|f| f.chars().next()).filter(|_| line.len() == 2) {
            if let Some((_, fields)) = out.last_mut() {
                fields.push((field, String::new()));
            }
        } else if let Some((_, fields)) = out.last_mut() {
            if let Some((_, value)) = fields.last_mut() {
                value.push_str(line);
                value.push(' ');
            }
        }
    }
    out
}

fn field(fields: &[(char, String)], name: char) -> String {
    fields.iter().filter(|(f, _)| *f == name).map(|(_, v)| v.trim()).collect::<Vec<_>>().join("\n\n")
}

#[test]
fn every_cranfield_question_gets_hits() {
    let dir = Path::new(CRANFIELD);
    if !dir.join("cran.all.1400").exists() {
        eprintln!("skipped: no Cranfield collection at {}", dir.display());
        return;
    }
    let mut builder = IndexBuilder::new();
    for (id, fields) in records(&std::fs::read_to_string(dir.join("cran.all.1400")).unwrap()) {
        let body = field(&fields, 'W');
        if !body.is_empty() {
            builder.add(Document { id, title: field(&fields, 'T'), body, ..Default::default() }).unwrap();
        }
    }
    let mut bytes = Vec::new();
    builder.finish(&mut bytes).unwrap();
    let searcher = Searcher::new(Index::open(&bytes).unwrap()).unwrap();
    let options = SearchOptions { limit: 10, offset: 0 };

    let questions = records(&std::fs::read_to_string(dir.join("cran.qry")).unwrap());
    assert_eq!(questions.len(), 225);
    for (id, fields) in &questions {
        let question = field(fields, 'W');
        assert!(searcher.search(&format!("{question} "), &options).unwrap().total > 0, "question {id}: {question}");
    }
    let keywords = std::fs::read_to_string(dir.join("keywords.json")).unwrap();
    let mut count = 0;
    for line in keywords.lines().filter_map(|l| l.trim().strip_prefix("\"keywords\": \"")) {
        let words = line.trim_end_matches(['"', ',']);
        assert!(searcher.search(&format!("{words} "), &options).unwrap().total > 0, "keywords {words}");
        count += 1;
    }
    assert_eq!(count, 225);
}
