//! The real build script, run by cargo on fixture folders through
//! `ARTICLE_SEARCH_ARTICLES`: bad input stops the build with a message
//! naming the file, skippable input warns, and nothing else is needed.
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};
use std::process::Command;

/// Runs `cargo check` of this package with the articles folder `dir`;
/// returns (success, stderr). A target dir of its own keeps it from waiting
/// on the lock of the `cargo test` that runs it.
fn check_with_articles(dir: &Path) -> (bool, String) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["check", "--package", "article-search", "--lib"])
        .arg("--target-dir")
        .arg(root.join("target/build-script-test"))
        .env("ARTICLE_SEARCH_ARTICLES", dir)
        .current_dir(root)
        .output()
        .expect("cargo runs");
    (output.status.success(), String::from_utf8_lossy(&output.stderr).into_owned())
}

/// A fresh fixture folder with `files` (name, bytes).
fn fixture(name: &str, files: &[(&str, &[u8])]) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for (file, bytes) in files {
        std::fs::write(dir.join(file), bytes).unwrap();
    }
    dir
}

#[test]
fn the_build_script_refuses_bad_folders_and_warns_on_skipped_files() {
    let good = b"Defence talks\n\nThe ministers met in Moscow.".as_slice();

    let (ok, stderr) =
        check_with_articles(&fixture("latin1", &[("good.txt", good), ("caf\u{e9}.txt", b"caf\xe9 au lait")]));
    assert!(!ok, "a file that is not UTF-8 stops the build");
    assert!(
        stderr.contains("caf\u{e9}.txt") && stderr.contains("not UTF-8") && stderr.contains("offset 3"),
        "{stderr}"
    );

    let (ok, stderr) = check_with_articles(&fixture("binary", &[("good.txt", good), ("image.txt", b"PNG\0\0\x01")]));
    assert!(!ok && stderr.contains("image.txt") && stderr.contains("NUL byte"), "{stderr}");

    let (ok, stderr) = check_with_articles(&fixture("duplicate", &[("same.txt", good), ("same.md", good)]));
    assert!(!ok && stderr.contains("same") && stderr.contains("same id"), "{stderr}");

    let (ok, stderr) = check_with_articles(&fixture("none", &[("notes.csv", b"a,b")]));
    assert!(!ok && stderr.contains("no .txt or .md articles"), "{stderr}");

    let (ok, stderr) = check_with_articles(&Path::new(env!("CARGO_TARGET_TMPDIR")).join("does-not-exist"));
    assert!(!ok && stderr.contains("cannot read the articles folder"), "{stderr}");

    let (ok, stderr) = check_with_articles(&fixture("all-empty", &[("a.txt", b""), ("b.md", b"---\ntitle: T\n---\n")]));
    assert!(!ok && stderr.contains("all 2 files were skipped"), "{stderr}");

    let (ok, stderr) = check_with_articles(&fixture("some-empty", &[("good.txt", good), ("empty.txt", b"  \n")]));
    assert!(ok, "an empty file is skipped, not fatal: {stderr}");
    assert!(stderr.contains("skipped") && stderr.contains("empty.txt"), "{stderr}");
}
