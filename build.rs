//! Compiles the articles folder into `$OUT_DIR/index.bin`, which `src/lib.rs`
//! embeds with `include_bytes!`. I/O only: parsing, analysis and the index
//! format live in `article-search-core`, shared with the query side.
//!
//! The folder is `articles/` or the one named by `ARTICLE_SEARCH_ARTICLES`
//! (a relative path is taken from the project root). Every `.txt` and `.md`
//! file directly in it is one article; its file stem is its id. What is
//! refused and what is skipped is decided by `core::load_article`.

use std::env;
use std::fs;
use std::path::{Path, PathBuf};

use article_search_core::{load_article, ArticleFormat, IndexBuilder, Loaded};

const ARTICLES_ENV: &str = "ARTICLE_SEARCH_ARTICLES";

fn main() {
    if let Err(message) = try_main() {
        eprintln!("error: {message}");
        std::process::exit(1);
    }
}

fn try_main() -> Result<(), String> {
    println!("cargo:rerun-if-env-changed={ARTICLES_ENV}");
    let root = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").ok_or("CARGO_MANIFEST_DIR is not set")?);
    let dir = env::var_os(ARTICLES_ENV).map_or_else(|| root.join("articles"), |d| root.join(d));
    println!("cargo:rerun-if-changed={}", dir.display());

    let files = article_files(&dir)?;
    let mut builder = IndexBuilder::new();
    let mut skipped = 0;
    for (path, format) in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let bytes = fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let id = path
            .file_stem()
            .and_then(|s| s.to_str())
            .ok_or_else(|| format!("{}: the file name is not UTF-8; rename the file", path.display()))?;
        let document = match load_article(id, &bytes, *format).map_err(|e| format!("{}: {e}", path.display()))? {
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
        builder.add(document).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    if builder.is_empty() {
        return Err(format!("no article to index in {}: all {skipped} files were skipped", dir.display()));
    }
    let out = PathBuf::from(env::var_os("OUT_DIR").ok_or("OUT_DIR is not set")?).join("index.bin");
    let file = fs::File::create(&out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    builder.finish(std::io::BufWriter::new(file)).map_err(|e| e.to_string())?;
    Ok(())
}

/// The `.txt` and `.md` files directly in `dir`, sorted by name so that
/// document order (the ranking tie-break) does not depend on the file system.
fn article_files(dir: &Path) -> Result<Vec<(PathBuf, ArticleFormat)>, String> {
    let entries = fs::read_dir(dir).map_err(|e| {
        format!(
            "cannot read the articles folder {}: {e}; create it or set {ARTICLES_ENV} to a folder of .txt/.md files",
            dir.display()
        )
    })?;
    let mut files = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| format!("cannot list {}: {e}", dir.display()))?.path();
        let format = match path.extension().and_then(|e| e.to_str()) {
            Some("txt") => ArticleFormat::Text,
            Some("md" | "markdown") => ArticleFormat::Markdown,
            _ => continue,
        };
        if path.is_file() {
            files.push((path, format));
        }
    }
    if files.is_empty() {
        return Err(format!(
            "no .txt or .md articles in {}; add some or set {ARTICLES_ENV} to a folder that has them",
            dir.display()
        ));
    }
    files.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(files)
}
