//! Compiles the articles folder into `$OUT_DIR/index.bin`, which `src/lib.rs`
//! embeds with `include_bytes!`. I/O only: parsing, analysis and the index
//! format live in `article-search-core`, shared with the query side.
//!
//! The folder is `articles/` or the one named by `ARTICLE_SEARCH_ARTICLES`
//! (a relative path is taken from the project root). Every `.txt`, `.md` and
//! `.html` file in it or in its subfolders is one article, read in the order
//! of their paths; files and folders whose name starts with `.` are left out.
//! An HTML page's address is `ARTICLE_SEARCH_BASE_URL` (default `/`) and its
//! path. What is refused and what is skipped is decided by `core::load_file`.
//! Tags, category, author, lang and declared filters are filters; so are the
//! front-matter fields named in `ARTICLE_SEARCH_FILTERS` (comma-separated).
//! An article that names no language is in `ARTICLE_SEARCH_LANG` (default
//! `en`); each is stemmed in its language, and `$OUT_DIR/stemmers.rs` lists
//! the stemmers the index needs, so the module links only those.
//!
//! `ARTICLE_SEARCH_LAYOUT` chooses the layout: `embedded` (the articles'
//! text in the index), `split` (the words' postings and the text in
//! postings and document files, written to `$OUT_DIR/files/` and to the
//! folder `ARTICLE_SEARCH_FILES_DIR` names, to be served next to the
//! module), or, unset, split when the text is over `SPLIT_ABOVE_TEXT_BYTES`.
//! It says which it chose, as a cargo warning.
//!
//! Cargo shows a build script's output only once it is done: when
//! `ARTICLE_SEARCH_PROGRESS` names a file, the build appends its progress
//! there as it goes (articles read, then the index written), which
//! `npm start` shows live. It changes nothing in what is built, so it is
//! not a reason to rebuild.

use std::collections::{HashMap, HashSet};
use std::env;
use std::fs;
use std::path::{Path, PathBuf};

use article_search_core::analysis::stem::STEMMER_FUNCTIONS;
use article_search_core::index::SPLIT_ABOVE_TEXT_BYTES;
use article_search_core::{load_file, primary_language, ArticleFormat, IndexBuilder, IndexFile, Loaded};

const ARTICLES_ENV: &str = "ARTICLE_SEARCH_ARTICLES";
const BASE_URL_ENV: &str = "ARTICLE_SEARCH_BASE_URL";
const FILTERS_ENV: &str = "ARTICLE_SEARCH_FILTERS";
const LANG_ENV: &str = "ARTICLE_SEARCH_LANG";
const LAYOUT_ENV: &str = "ARTICLE_SEARCH_LAYOUT";
const FILES_DIR_ENV: &str = "ARTICLE_SEARCH_FILES_DIR";
const PROGRESS_ENV: &str = "ARTICLE_SEARCH_PROGRESS";

/// Progress lines for a long build, appended to the file
/// `ARTICLE_SEARCH_PROGRESS` names (nothing if unset): one at most every
/// [`Progress::EVERY`], and each step's first.
struct Progress {
    file: Option<fs::File>,
    last: Option<std::time::Instant>,
    started: std::time::Instant,
}

impl Progress {
    const EVERY: std::time::Duration = std::time::Duration::from_secs(1);

    fn from_env() -> Progress {
        let file = env::var_os(PROGRESS_ENV)
            .filter(|path| !path.is_empty())
            .and_then(|path| fs::OpenOptions::new().create(true).append(true).open(path).ok());
        Progress { file, last: None, started: std::time::Instant::now() }
    }

    /// Notes `line` if the last note is a second old (or `now`).
    fn note(&mut self, now: bool, line: impl FnOnce() -> String) {
        use std::io::Write;
        let Some(file) = self.file.as_mut() else { return };
        if now || self.last.is_none_or(|last| last.elapsed() >= Self::EVERY) {
            self.last = Some(std::time::Instant::now());
            // Progress is a courtesy: a write that fails fails nothing else.
            let _ = writeln!(file, "{:5.1} s  {}", self.started.elapsed().as_secs_f32(), line());
        }
    }
}

fn main() {
    if let Err(message) = try_main() {
        eprintln!("error: {message}");
        std::process::exit(1);
    }
}

fn try_main() -> Result<(), String> {
    println!("cargo:rerun-if-env-changed={ARTICLES_ENV}");
    println!("cargo:rerun-if-env-changed={BASE_URL_ENV}");
    println!("cargo:rerun-if-env-changed={FILTERS_ENV}");
    println!("cargo:rerun-if-env-changed={LANG_ENV}");
    println!("cargo:rerun-if-env-changed={LAYOUT_ENV}");
    println!("cargo:rerun-if-env-changed={FILES_DIR_ENV}");
    let root = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").ok_or("CARGO_MANIFEST_DIR is not set")?);
    let dir = env::var_os(ARTICLES_ENV).map_or_else(|| root.join("articles"), |d| root.join(d));
    let base_url = match env::var(BASE_URL_ENV) {
        Ok(url) => url,
        Err(env::VarError::NotPresent) => "/".to_string(),
        Err(env::VarError::NotUnicode(_)) => return Err(format!("{BASE_URL_ENV} is not UTF-8")),
    };

    let files = article_files(&dir)?;
    let mut progress = Progress::from_env();
    progress.note(true, || format!("reading {} article files in {}", files.len(), dir.display()));
    let mut builder = IndexBuilder::new();
    let extra_filters = env::var(FILTERS_ENV).unwrap_or_default();
    builder.filter_on(extra_filters.split(',').map(str::trim).filter(|f| !f.is_empty()).map(str::to_string));
    match env::var(LANG_ENV) {
        Ok(tag) => {
            builder.default_language(&primary_language(&tag).ok_or_else(|| {
                format!("{LANG_ENV}=`{tag}` is not a language tag; give one like `en`, `fr` or `vi-VN`")
            })?)
        }
        Err(env::VarError::NotPresent) => {}
        Err(env::VarError::NotUnicode(_)) => return Err(format!("{LANG_ENV} is not UTF-8")),
    }
    let mut ids: HashMap<String, &Path> = HashMap::new();
    let mut skipped = 0;
    for (done, file) in files.iter().enumerate() {
        progress.note(false, || format!("{done} of {} articles indexed ({}%)", files.len(), done * 100 / files.len()));
        let path = file.path.as_path();
        println!("cargo:rerun-if-changed={}", path.display());
        let bytes = fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let document =
            match load_file(&file.relative, &bytes, &base_url).map_err(|e| format!("{}: {e}", path.display()))? {
                Loaded::Document { document, warnings } => {
                    for warning in warnings {
                        println!("cargo:warning={}: {warning}", path.display());
                    }
                    document
                }
                Loaded::Skipped { reason } => {
                    println!("cargo:warning=skipped {}: {reason}", path.display());
                    skipped += 1;
                    continue;
                }
            };
        if let Some(other) = ids.insert(document.id.clone(), path) {
            return Err(format!(
                "{} and {} have the same id `{}` (the path without its extension); rename one",
                other.display(),
                path.display(),
                document.id
            ));
        }
        builder.add(document).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    if builder.is_empty() {
        return Err(format!("no article to index in {}: all {skipped} files were skipped", dir.display()));
    }
    let out_dir = PathBuf::from(env::var_os("OUT_DIR").ok_or("OUT_DIR is not set")?);
    let stemmers = out_dir.join("stemmers.rs");
    fs::write(&stemmers, stemmer_table(&builder.stemmed_languages()))
        .map_err(|e| format!("cannot write {}: {e}", stemmers.display()))?;
    let text_bytes = builder.text_bytes();
    let split = match env::var(LAYOUT_ENV).as_deref() {
        Ok("split") => true,
        Ok("embedded") => false,
        Ok("") | Err(env::VarError::NotPresent) => text_bytes > SPLIT_ABOVE_TEXT_BYTES,
        Ok(other) => {
            return Err(format!("{LAYOUT_ENV}=`{other}`: give `embedded`, `split`, or nothing to choose by size"))
        }
        Err(env::VarError::NotUnicode(_)) => return Err(format!("{LAYOUT_ENV} is not UTF-8")),
    };
    let out = out_dir.join("index.bin");
    let file = fs::File::create(&out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    let mut dirs = vec![out_dir.join("files")];
    if let Some(dir) = env::var_os(FILES_DIR_ENV).filter(|d| !d.is_empty()) {
        let dir = root.join(dir);
        println!("cargo:rerun-if-changed={}", dir.display());
        dirs.push(dir);
    }
    let documents = builder.len();
    let layout = if split { "split" } else { "embedded" };
    progress.note(true, || format!("{documents} articles indexed; writing the {layout} index"));
    if !split {
        let summary = builder.finish(std::io::BufWriter::new(file)).map_err(|e| e.to_string())?;
        for dir in &dirs {
            write_files(dir, &[])?;
        }
        progress.note(true, || format!("index written: {} bytes; compiling the module", summary.bytes));
        println!(
            "cargo:warning=article-search: {documents} articles, embedded layout: one index of {} bytes, the text included ({text_bytes} bytes; {LAYOUT_ENV}=split leaves it and the postings to files)",
            summary.bytes
        );
        return Ok(());
    }
    let (summary, files) = builder.finish_split(std::io::BufWriter::new(file)).map_err(|e| e.to_string())?;
    for dir in &dirs {
        write_files(dir, &files)?;
    }
    progress.note(true, || {
        format!("index written: {} bytes and {} files; compiling the module", summary.bytes, files.len())
    });
    let file_bytes: usize = files.iter().map(|f| f.bytes.len()).sum();
    let count = |extension: &str| files.iter().filter(|f| f.name.ends_with(extension)).count();
    println!(
        "cargo:warning=article-search: {documents} articles, split layout: an index of {} bytes in the module, {} term blocks, {} tail blocks, {} postings files and {} document files{} of {file_bytes} bytes in all in {} (serve them next to the module, in pkg/files/)",
        summary.bytes,
        count(".terms"),
        count(".tails"),
        count(".postings"),
        count(".docs"),
        if count(".dates") > 0 { " (and the dates file)" } else { "" },
        dirs.last().expect("one at least").display()
    );
    Ok(())
}

/// The extensions of the files a split index writes.
const FILE_EXTENSIONS: [&str; 5] = [".docs", ".postings", ".terms", ".tails", ".dates"];

/// Makes `dir` hold exactly `files` among its index files (`*.docs`, `*.postings`, `*.terms`, `*.tails`, `*.dates`):
/// new ones written, others removed (files are named by their hash, so one
/// of the same name has the same bytes).
fn write_files(dir: &Path, files: &[IndexFile]) -> Result<(), String> {
    let failed = |what: &str, path: &Path, e: std::io::Error| format!("cannot {what} {}: {e}", path.display());
    if files.is_empty() && !dir.exists() {
        return Ok(());
    }
    fs::create_dir_all(dir).map_err(|e| failed("create", dir, e))?;
    let wanted: HashSet<&str> = files.iter().map(|f| f.name.as_str()).collect();
    for entry in fs::read_dir(dir).map_err(|e| failed("read", dir, e))? {
        let path = entry.map_err(|e| failed("read", dir, e))?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let ours = FILE_EXTENSIONS.iter().any(|extension| name.ends_with(extension));
        if ours && !wanted.contains(name) {
            fs::remove_file(&path).map_err(|e| failed("remove", &path, e))?;
        }
    }
    for file in files {
        let path = dir.join(&file.name);
        if fs::metadata(&path).map_or(true, |m| m.len() != file.bytes.len() as u64) {
            fs::write(&path, &file.bytes).map_err(|e| failed("write", &path, e))?;
        }
    }
    Ok(())
}

/// The Rust expression of the table of stemmers that `src/lib.rs` includes:
/// `&[("en", …::english as StemFn), …]`, one per language of the index.
fn stemmer_table(languages: &[&str]) -> String {
    let mut table = String::from("&[");
    for lang in languages {
        let (_, function) = STEMMER_FUNCTIONS.iter().find(|(code, _)| code == lang).expect("the builder stems it");
        table += &format!("(\"{lang}\", article_search_core::analysis::stem::{function} as StemFn), ");
    }
    table + "]"
}

/// An article file: where it is, and its path relative to the articles
/// folder with `/` between folders (its id and address come from that).
struct ArticleFile {
    path: PathBuf,
    relative: String,
}

/// The article files in `dir` and its subfolders, sorted by relative path so
/// that document order (the ranking tie-break) does not depend on the file
/// system.
fn article_files(dir: &Path) -> Result<Vec<ArticleFile>, String> {
    fs::metadata(dir).map_err(|e| {
        format!(
            "cannot read the articles folder {}: {e}; create it or set {ARTICLES_ENV} to a folder of {} files",
            dir.display(),
            ArticleFormat::EXTENSIONS
        )
    })?;
    let mut files = Vec::new();
    collect(dir, "", &mut files, &mut HashSet::new())?;
    if files.is_empty() {
        return Err(format!(
            "no {} articles in {} or its subfolders; add some or set {ARTICLES_ENV} to a folder that has them",
            ArticleFormat::EXTENSIONS,
            dir.display()
        ));
    }
    files.sort_by(|a, b| a.relative.cmp(&b.relative));
    Ok(files)
}

/// Adds the article files under `dir` (whose relative path is `prefix`).
/// `seen` holds the folders already read, so a link back to a parent folder
/// is not followed round and round.
fn collect(dir: &Path, prefix: &str, files: &mut Vec<ArticleFile>, seen: &mut HashSet<PathBuf>) -> Result<(), String> {
    println!("cargo:rerun-if-changed={}", dir.display());
    let entries = fs::read_dir(dir).map_err(|e| format!("cannot read the folder {}: {e}", dir.display()))?;
    let real = fs::canonicalize(dir).map_err(|e| format!("cannot read the folder {}: {e}", dir.display()))?;
    if !seen.insert(real.clone()) {
        println!("cargo:warning=skipped {}: a link to {}, which is read already", dir.display(), real.display());
        return Ok(());
    }
    for entry in entries {
        let entry = entry.map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
        let name = entry.file_name();
        if name.as_encoded_bytes().starts_with(b".") {
            continue; // hidden: .git, .DS_Store, .obsidian, drafts kept aside
        }
        let path = entry.path();
        let metadata = fs::metadata(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let is_article = metadata.is_file() && ArticleFormat::from_path(&name.to_string_lossy()).is_some();
        if !metadata.is_dir() && !is_article {
            continue;
        }
        let name = name.to_str().ok_or_else(|| format!("{}: the name is not UTF-8; rename it", path.display()))?;
        let relative = format!("{prefix}{name}");
        if metadata.is_dir() {
            collect(&path, &format!("{relative}/"), files, seen)?;
        } else {
            files.push(ArticleFile { path, relative });
        }
    }
    Ok(())
}
