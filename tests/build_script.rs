//! The real build script, run by cargo on fixture folders through
//! `ARTICLE_SEARCH_ARTICLES`: bad input stops the build with a message
//! naming the file, skippable input warns, and nothing else is needed.
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

/// Held while a test runs cargo and reads what it wrote: the tests share one
/// target dir, where another test's build would rewrite the index.
static CARGO: Mutex<()> = Mutex::new(());

/// Runs `cargo check` of this package with the articles folder `dir`;
/// returns (success, stderr). A target dir of its own keeps it from waiting
/// on the lock of the `cargo test` that runs it.
fn check_with_articles(dir: &Path) -> (bool, String) {
    let _cargo = CARGO.lock().unwrap_or_else(|e| e.into_inner());
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

/// Runs the build script (through `cargo check`) on the articles folder
/// `dir` and returns the index it wrote. Cargo's JSON messages name the
/// script's output folder.
fn index_built_from(dir: &Path) -> Vec<u8> {
    let _cargo = CARGO.lock().unwrap_or_else(|e| e.into_inner());
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["check", "--package", "article-search", "--lib", "--message-format=json"])
        .arg("--target-dir")
        .arg(root.join("target/build-script-test"))
        .env("ARTICLE_SEARCH_ARTICLES", dir)
        .current_dir(root)
        .output()
        .expect("cargo runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let stdout = String::from_utf8(output.stdout).expect("cargo's messages are UTF-8");
    let line = stdout
        .lines()
        .find(|l| l.contains(r#""reason":"build-script-executed""#) && l.contains("#article-search@"))
        .unwrap_or_else(|| panic!("no build-script-executed message for article-search in:\n{stdout}"));
    let out_dir = line.split(r#""out_dir":""#).nth(1).and_then(|rest| rest.split('"').next()).expect("an out_dir");
    std::fs::read(Path::new(out_dir).join("index.bin")).expect("the build script wrote index.bin")
}

/// Copies the files of `from` into a new folder `to`, creating them in
/// ascending or descending order of name.
fn copy_in_order(from: &Path, to: &Path, descending: bool) {
    let mut files: Vec<PathBuf> = std::fs::read_dir(from).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort_unstable();
    if descending {
        files.reverse();
    }
    let _ = std::fs::remove_dir_all(to);
    std::fs::create_dir_all(to).unwrap();
    for file in files {
        std::fs::copy(&file, to.join(file.file_name().unwrap())).unwrap();
    }
}

/// The file names of `dir` in the order the file system lists them.
fn listing(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect()
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

/// The same articles give the same index bytes, whatever folder they are in
/// and whatever order the file system lists them in; each build is a new
/// process, so the builder's hash maps iterate in a new order too. (The
/// index is the only input of the `.wasm` that varies with the articles;
/// `.ci/test.sh` compares two release builds of the `.wasm` itself.)
#[test]
fn the_same_articles_give_the_same_index_bytes() {
    let articles = Path::new(env!("CARGO_MANIFEST_DIR")).join("articles");
    // tmpfs lists a folder's files newest first, so there the two copies are
    // listed in opposite orders (ext4 lists them by a hash of the name).
    let shm = Path::new("/dev/shm");
    let scratch = if shm.is_dir() {
        shm.join(format!("article-search-build-script-{}", std::process::id()))
    } else {
        Path::new(env!("CARGO_TARGET_TMPDIR")).join("reproducible")
    };
    let (ascending, descending) = (scratch.join("ascending"), scratch.join("descending"));
    copy_in_order(&articles, &ascending, false);
    copy_in_order(&articles, &descending, true);
    if listing(&ascending) == listing(&descending) {
        eprintln!("note: {} lists both copies in the same order; only their folders differ", scratch.display());
    }
    let first = index_built_from(&articles);
    assert!(first.len() > 1000, "an index of the bundled articles: {} bytes", first.len());
    for copy in [&ascending, &descending] {
        assert!(index_built_from(copy) == first, "the articles copied to {} give another index", copy.display());
    }
    // And the index does depend on the articles: one more, other bytes.
    std::fs::write(descending.join("extra.txt"), "One more article\n\nAbout something else.").unwrap();
    assert_ne!(index_built_from(&descending), first);
    let _ = std::fs::remove_dir_all(&scratch);
}
