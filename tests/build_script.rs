//! The real build script, run by cargo on fixture folders through
//! `ARTICLE_SEARCH_ARTICLES`: bad input stops the build with a message
//! naming the file, skippable input warns, folders are read recursively in
//! path order, and the index it writes holds the articles as expected.
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

/// Held while a test runs cargo and reads what it wrote: the tests share one
/// target dir, where another test's build would rewrite the index.
static CARGO: Mutex<()> = Mutex::new(());

use article_search_core::Index;

/// What one `cargo check` with a given articles folder did.
struct Build {
    ok: bool,
    stderr: String,
    /// The `index.bin` it wrote, read before another test's build can rewrite it.
    index: Option<Vec<u8>>,
    /// The table of stemmers it wrote for the module (`stemmers.rs`).
    stemmers: Option<String>,
}

/// Runs `cargo check` of this package with the articles folder `dir` and
/// the other variables `vars` (none of the build's variables but these is
/// set). A target dir of its own keeps it from waiting on the lock of the
/// `cargo test` that runs it.
fn build(dir: &Path, vars: &[(&str, &str)]) -> Build {
    let _cargo = CARGO.lock().unwrap_or_else(|e| e.into_inner());
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    command
        .args(["check", "--package", "article-search", "--lib", "--message-format=json"])
        .arg("--target-dir")
        .arg(root.join("target/build-script-test"))
        .env("ARTICLE_SEARCH_ARTICLES", dir)
        .env_remove("ARTICLE_SEARCH_BASE_URL")
        .env_remove("ARTICLE_SEARCH_FILTERS")
        .env_remove("ARTICLE_SEARCH_LANG")
        .env_remove("ARTICLE_SEARCH_LAYOUT")
        .env_remove("ARTICLE_SEARCH_PROGRESS")
        .env_remove("ARTICLE_SEARCH_FILES_DIR")
        .envs(vars.iter().copied())
        .current_dir(root);
    let output = command.output().expect("cargo runs");
    // One JSON message per line; ours is the `build-script-executed` of this package.
    let stdout = String::from_utf8_lossy(&output.stdout);
    let out_dir = stdout
        .lines()
        .filter(|l| l.contains("\"build-script-executed\"") && l.contains("#article-search@"))
        .find_map(|l| l.split("\"out_dir\":\"").nth(1)?.split('"').next().map(PathBuf::from));
    let mut stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    // cargo reports the build script's warnings in the JSON messages too.
    for line in stdout.lines().filter(|l| l.contains("\"compiler-message\"") || l.contains("warning")) {
        stderr.push_str(line);
        stderr.push('\n');
    }
    let index = out_dir.as_ref().and_then(|d| std::fs::read(d.join("index.bin")).ok());
    let stemmers = out_dir.as_ref().and_then(|d| std::fs::read_to_string(d.join("stemmers.rs")).ok());
    Build { ok: output.status.success(), stderr, index, stemmers }
}

fn check_with_articles(dir: &Path) -> (bool, String) {
    let build = build(dir, &[]);
    (build.ok, build.stderr)
}

/// One article as the index a build wrote holds it.
struct Indexed {
    id: String,
    title: String,
    url: Option<String>,
    date: Option<String>,
    body: String,
}

/// Every article in the index a build wrote, in index order.
fn indexed(build: &Build) -> Vec<Indexed> {
    let bytes = build.index.as_ref().expect("the build script wrote index.bin");
    let index = Index::open(bytes).unwrap();
    (0..index.doc_count())
        .map(|i| {
            let d = index.doc(i).unwrap();
            Indexed {
                id: d.id.into(),
                title: d.title.into(),
                url: d.url.map(Into::into),
                date: d.date.map(Into::into),
                body: d.body.into(),
            }
        })
        .collect()
}

/// A fresh fixture folder with `files` (path, bytes), subfolders created.
/// Runs the build script on the articles folder `dir` and returns the
/// index it wrote.
fn index_built_from(dir: &Path) -> Vec<u8> {
    let build = build(dir, &[]);
    assert!(build.ok, "{}", build.stderr);
    build.index.expect("the build script wrote index.bin")
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
        let path = dir.join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
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

    let (ok, stderr) = check_with_articles(&fixture("duplicate", &[("a/same.txt", good), ("a/same.md", good)]));
    assert!(!ok, "{stderr}");
    assert!(
        stderr.contains("a/same.md") && stderr.contains("a/same.txt") && stderr.contains("same id `a/same`"),
        "{stderr}"
    );

    let (ok, stderr) = check_with_articles(&fixture("none", &[("notes.csv", b"a,b"), (".hidden/a.md", good)]));
    assert!(!ok && stderr.contains("no .txt, .md, .markdown, .html or .htm articles"), "{stderr}");

    let (ok, stderr) = check_with_articles(&Path::new(env!("CARGO_TARGET_TMPDIR")).join("does-not-exist"));
    assert!(!ok && stderr.contains("cannot read the articles folder"), "{stderr}");

    let (ok, stderr) =
        check_with_articles(&fixture("all-empty", &[("a.txt", b""), ("b/c.md", b"---\ntitle: T\n---\n")]));
    assert!(!ok && stderr.contains("all 2 files were skipped"), "{stderr}");

    let (ok, stderr) = check_with_articles(&fixture("some-empty", &[("good.txt", good), ("empty.txt", b"  \n")]));
    assert!(ok, "an empty file is skipped, not fatal: {stderr}");
    assert!(stderr.contains("skipped") && stderr.contains("empty.txt"), "{stderr}");

    let broken_yaml = b"---\ntitle: T\ntags:\n  - a\n - b\n---\nText".as_slice();
    let (ok, stderr) =
        check_with_articles(&fixture("broken-yaml", &[("good.txt", good), ("posts/broken.md", broken_yaml)]));
    assert!(!ok && stderr.contains("posts/broken.md") && stderr.contains("not valid YAML (line 5"), "{stderr}");
}

#[test]
fn subfolders_are_read_in_path_order_and_hidden_ones_left_out() {
    let text = |s: &'static str| s.as_bytes();
    let build = build(
        &fixture(
            "nested",
            &[
                ("z.txt", text("Zulu\n\nLast by path.")),
                ("b/a.md", text("# Bravo\n\nIn a subfolder.")),
                ("b/c/deep.txt", text("---\ntitle: Deep\ndate: sometime in spring\n---\nThree levels down.")),
                ("a.txt", text("Alpha\n\nFirst by path.")),
                ("same/x.txt", text("Same stem\n\nOne folder.")),
                ("other/x.txt", text("Same stem\n\nAnother folder.")),
                (".git/notes.md", text("Hidden folder.")),
                ("b/.draft.md", text("Hidden file.")),
            ],
        ),
        &[],
    );
    assert!(build.ok, "{}", build.stderr);
    assert!(
        build.stderr.contains("b/c/deep.txt") && build.stderr.contains("`sometime in spring`"),
        "an unreadable date warns, naming the file and the value: {}",
        build.stderr
    );
    let docs = indexed(&build);
    let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["a", "b/a", "b/c/deep", "other/x", "same/x", "z"]);
    assert_eq!(docs[2].date, None, "the article is kept, without a date");
}

#[test]
fn the_fixture_site_is_indexed_with_ids_urls_and_titles() {
    let site = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/site");
    let build = build(&site, &[]);
    assert!(build.ok, "{}", build.stderr);
    for skipped in ["drafts/unpublished.html", "search/index.html"] {
        assert!(build.stderr.contains(&format!("skipped {}", site.join(skipped).display())), "{}", build.stderr);
    }
    let docs = indexed(&build);
    let rows: Vec<(&str, Option<&str>, Option<&str>)> =
        docs.iter().map(|d| (d.id.as_str(), d.url.as_deref(), d.date.as_deref())).collect();
    assert_eq!(
        rows,
        [
            ("about/index", Some("/about/"), None),
            ("index", Some("/"), None),
            ("news/2024/belousov-visit/index", Some("/news/2024/belousov-visit/"), Some("2024-08-14T10:00:00+07:00")),
            (
                "news/2024/strategic-dialogue",
                Some("https://defence-weekly.example/news/2024/strategic-dialogue/"),
                Some("2024-12-26T09:30:00+07:00")
            ),
            ("notes/plain-note", None, Some("2024-01-05")),
            ("posts/2023/defence-white-paper", None, Some("2023-08-14")),
            ("posts/2024/army-forum", None, Some("2024-08-12T09:00:00+03:00")),
            ("posts/fr/cooperation-defense", None, Some("2024-08-14")),
            ("vi/hop-tac-quoc-phong/index", Some("/vi/hop-tac-quoc-phong/"), Some("2024-12-26")),
        ]
    );
    assert_eq!(docs[2].title, "Belousov visits Hà Nội for talks on defence cooperation");
    for doc in &docs {
        for word in ["embargoed", "Subscribe", "Privacy", "Trending", "Facebook"] {
            assert!(!doc.body.contains(word) && !doc.title.contains(word), "{}: `{word}`", doc.id);
        }
    }

    // English and French articles (and Vietnamese, which has no stemmer):
    // the module gets the English and French stemmers, and no other.
    let stemmers = build.stemmers.as_deref().expect("the build script wrote stemmers.rs");
    assert_eq!(
        stemmers,
        "&[(\"en\", article_search_core::analysis::stem::english as StemFn), \
         (\"fr\", article_search_core::analysis::stem::french as StemFn), ]"
    );

    // A site served from a subfolder.
    let build = self::build(&site, &[("ARTICLE_SEARCH_BASE_URL", "/blog")]);
    assert!(build.ok, "{}", build.stderr);
    assert_eq!(indexed(&build)[0].url.as_deref(), Some("/blog/about/"));
}

/// `ARTICLE_SEARCH_LANG` is the language of the articles that name none:
/// their stemmer; a value that is not a language tag stops the build.
#[test]
fn the_default_language_chooses_the_stemmer() {
    let dir = fixture("default-language", &[("a.txt", b"Les armees\n\nDes generaux et des chevaux.")]);
    let french = build(&dir, &[("ARTICLE_SEARCH_LANG", "fr-CA")]);
    assert!(french.ok, "{}", french.stderr);
    assert!(french.stemmers.as_deref().is_some_and(|t| t.contains("(\"fr\", ") && !t.contains("english")));
    let index = Index::open(french.index.as_deref().unwrap()).unwrap();
    assert_eq!(index.stemmed_languages(), ["fr"]);
    assert_eq!(index.stem_group("fr", "cheval"), ["chevaux"]);

    let vietnamese = build(&dir, &[("ARTICLE_SEARCH_LANG", "vi")]);
    assert!(vietnamese.ok, "{}", vietnamese.stderr);
    assert_eq!(vietnamese.stemmers.as_deref(), Some("&[]"));
    let bad = build(&dir, &[("ARTICLE_SEARCH_LANG", "French")]);
    assert!(!bad.ok && bad.stderr.contains("ARTICLE_SEARCH_LANG=`French` is not a language tag"), "{}", bad.stderr);
}

/// `ARTICLE_SEARCH_LAYOUT=split` leaves the words' postings and the
/// articles' text to files in `ARTICLE_SEARCH_FILES_DIR` (stale ones
/// removed), `embedded` keeps them in the index, and the build says which it
/// chose; another value stops it.
#[test]
fn the_layout_is_chosen_and_said() {
    let dir = fixture("layout", &[("a.txt", b"Defence talks\n\nThe ministers met."), ("b.txt", b"Navy\n\nShips.")]);
    let files = Path::new(env!("CARGO_TARGET_TMPDIR")).join("layout-files");
    std::fs::create_dir_all(&files).unwrap();
    std::fs::write(files.join("0000000000000000.docs"), b"stale").unwrap();
    std::fs::write(files.join("0000000000000000.postings"), b"stale").unwrap();
    std::fs::write(files.join("0000000000000000.terms"), b"stale").unwrap();
    std::fs::write(files.join("keep.txt"), b"not ours").unwrap();
    let files_var = files.to_str().unwrap();

    let split = build(&dir, &[("ARTICLE_SEARCH_LAYOUT", "split"), ("ARTICLE_SEARCH_FILES_DIR", files_var)]);
    assert!(split.ok, "{}", split.stderr);
    assert!(
        split.stderr.contains("2 articles, split layout")
            && split.stderr.contains("1 term blocks, 1 tail blocks, 1 postings files and 1 document files"),
        "{}",
        split.stderr
    );
    let index = Index::open(split.index.as_deref().unwrap()).unwrap();
    assert!(index.is_split());
    let mut listed = listing(&files);
    listed.sort();
    // Every file but the filter terms' postings file and term block, which
    // stay in the index.
    let mut expected: Vec<String> =
        (0..index.file_count()).filter(|&f| index.embedded_file(f).is_none()).map(|f| index.file_name(f)).collect();
    assert_eq!(expected.len(), 4, "{expected:?}");
    expected.push("keep.txt".to_string());
    expected.sort();
    assert_eq!(listed, expected, "the files written, the stale ones gone");

    let embedded = build(&dir, &[("ARTICLE_SEARCH_LAYOUT", "embedded"), ("ARTICLE_SEARCH_FILES_DIR", files_var)]);
    assert!(embedded.ok && embedded.stderr.contains("2 articles, embedded layout"), "{}", embedded.stderr);
    assert!(!Index::open(embedded.index.as_deref().unwrap()).unwrap().is_split());
    assert_eq!(listing(&files), ["keep.txt"]);
    assert_eq!(indexed(&embedded)[0].title, "Defence talks");

    let small = build(&dir, &[]);
    assert!(small.stderr.contains("embedded layout"), "a small site is embedded: {}", small.stderr);
    let bad = build(&dir, &[("ARTICLE_SEARCH_LAYOUT", "sharded")]);
    assert!(!bad.ok && bad.stderr.contains("ARTICLE_SEARCH_LAYOUT=`sharded`"), "{}", bad.stderr);
}

/// The parsers are build-time only: the wasm module's dependencies (for the
/// wasm target, normal dependencies) do not include them.
#[test]
fn the_wasm_module_does_not_depend_on_the_parsers() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["tree", "--package", "article-search", "--target", "wasm32-unknown-unknown", "--edges", "normal"])
        .args(["--prefix", "none"])
        .current_dir(root)
        .output()
        .expect("cargo runs");
    let tree = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success() && tree.contains("article-search-core"), "{tree}");
    for parser in ["pulldown-cmark", "scraper", "html5ever", "yaml-rust2", "jiff"] {
        assert!(!tree.lines().any(|l| l.starts_with(&format!("{parser} "))), "{parser} is in the wasm build:\n{tree}");
    }
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

/// With `ARTICLE_SEARCH_PROGRESS`, the build appends its progress to that
/// file as it goes (cargo shows the build script's output only at the end):
/// each step's first line (a line a second while articles are read, which
/// two articles do not last).
#[test]
fn the_build_writes_its_progress_where_asked() {
    let dir = fixture("progress", &[("a.txt", b"Defence talks\n\nThe ministers met."), ("b.txt", b"Navy\n\nShips.")]);
    let progress = Path::new(env!("CARGO_TARGET_TMPDIR")).join("progress.log");
    let _ = std::fs::remove_file(&progress);
    let built = build(&dir, &[("ARTICLE_SEARCH_PROGRESS", progress.to_str().unwrap())]);
    assert!(built.ok, "{}", built.stderr);
    let lines = std::fs::read_to_string(&progress).unwrap();
    let steps = ["reading 2 article files", "2 articles indexed; writing the embedded index", "index written"];
    let mut at = 0;
    for step in steps {
        let found = lines[at..].find(step).unwrap_or_else(|| panic!("{step:?} not after byte {at} of:\n{lines}"));
        at += found + step.len();
    }
    assert!(lines.lines().all(|line| line.contains(" s  ")), "each line says when:\n{lines}");
}
