//! Times the analyzer (tokenizing and folding) on text of several scripts: a
//! quick profiling aid for the folding tables, whose cost the query timings
//! of mostly ASCII corpora hardly show.
//!
//!   cargo run --release -p article-search-core --example analyze_timing -- [file|folder ...]
//!
//! Without arguments it times built-in samples of Vietnamese, Greek, Russian
//! and English. `ROUNDS=n` repeats each text n times (default 200).

use std::time::Instant;

use article_search_core::{Analyzer, Token};

const SAMPLES: [(&str, &str); 4] = [
    (
        "vietnamese",
        "Bộ trưởng Quốc phòng Việt Nam Đại tướng Phan Văn Giang đã có cuộc hội đàm với Bộ trưởng Quốc phòng \
         Liên bang Nga tại Hà Nội. Hai bên nhất trí tiếp tục thúc đẩy hợp tác trong lĩnh vực đào tạo, \
         khoa học kỹ thuật quân sự và Trung tâm Nhiệt đới Việt – Nga, đường Nguyễn Văn Huyên, Đà Nẵng. ",
    ),
    (
        "greek",
        "Η Αθήνα είναι η πρωτεύουσα της Ελλάδας και μία από τις αρχαιότερες πόλεις του κόσμου. Οι υπουργοί \
         Άμυνας συναντήθηκαν στη Θεσσαλονίκη για να συζητήσουν τη συνεργασία στην εκπαίδευση και την έρευνα. ",
    ),
    (
        "russian",
        "Министр обороны Российской Федерации провёл переговоры с вьетнамской делегацией в Москве. Стороны \
         обсудили военно-техническое сотрудничество, подготовку кадров и работу Тропического центра. Ещё ёлка, йод. ",
    ),
    (
        "english",
        "The defence ministers held their annual strategic dialogue in Moscow on Tuesday, agreeing to expand \
         cooperation in training, military medicine and the joint Tropical Centre, the ministry said. ",
    ),
];

fn main() {
    let rounds: usize = std::env::var("ROUNDS").ok().and_then(|r| r.parse().ok()).unwrap_or(200);
    let args: Vec<String> = std::env::args().skip(1).collect();
    let texts: Vec<(String, String)> = if args.is_empty() {
        SAMPLES.iter().map(|(name, text)| (name.to_string(), text.repeat(50))).collect()
    } else {
        args.iter().flat_map(|a| read_texts(a)).collect()
    };
    let analyzer = Analyzer::new();
    let mut tokens: Vec<Token> = Vec::new();
    let mut total_bytes = 0usize;
    let mut total_secs = 0f64;
    for (name, text) in &texts {
        let started = Instant::now();
        let mut count = 0;
        for _ in 0..rounds {
            tokens.clear();
            analyzer.tokens_into(text, 0, &mut tokens);
            count += tokens.len();
        }
        let secs = started.elapsed().as_secs_f64();
        total_bytes += text.len() * rounds;
        total_secs += secs;
        if texts.len() <= 10 {
            println!("{name:12} {:7.1} MB/s ({} tokens)", (text.len() * rounds) as f64 / secs / 1e6, count / rounds);
        }
    }
    println!("all          {:7.1} MB/s over {} MB", total_bytes as f64 / total_secs / 1e6, total_bytes / 1_000_000);
}

/// The text of a file, or of every file of a folder.
fn read_texts(path: &str) -> Vec<(String, String)> {
    let meta = std::fs::metadata(path).unwrap();
    let paths: Vec<std::path::PathBuf> = if meta.is_dir() {
        let mut paths: Vec<_> = std::fs::read_dir(path).unwrap().map(|e| e.unwrap().path()).collect();
        paths.sort();
        paths
    } else {
        vec![path.into()]
    };
    paths.into_iter().filter_map(|p| Some((p.display().to_string(), std::fs::read_to_string(&p).ok()?))).collect()
}
