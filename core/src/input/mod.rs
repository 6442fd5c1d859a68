//! From an article file to a [`Document`]: plain text, Markdown and HTML,
//! with front matter, metadata, a title, and the rules that say what is
//! indexed, what is skipped with a warning and what stops the build.
//!
//! This is the build script's side of the engine, behind the `input` feature
//! (on by default; the wasm module turns it off, so none of these parsers is
//! in what a visitor downloads). Site owners drop in whatever their CMS or
//! site generator produces, so the rules are forgiving where nothing is lost
//! (front matter is optional; without a title the first line becomes one)
//! and strict where something would be (a file that is not text, front
//! matter that is not YAML). A value that cannot be read (a date, a language
//! tag) is a warning naming it, never a guess.
//!
//! - `plain_text`: the body text writer, blocks apart;
//! - `front_matter`: YAML or `key: value` lines; `fields`: what each name
//!   becomes; `date`: dates to ISO 8601;
//! - `markdown`, `html`: the two markups; `title`: titles from first lines.

mod date;
mod fields;
mod front_matter;
mod html;
mod markdown;
mod plain_text;
mod title;

use crate::article::Document;
use crate::error::{Error, Result};
pub use fields::primary_language;
use fields::{Field, FieldKind, Fields};
use front_matter::{split_front_matter, Value};

/// How an article file is marked up, from its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArticleFormat {
    /// Plain text (`.txt`).
    Text,
    /// Markdown (`.md`, `.markdown`), CommonMark with GitHub's tables.
    Markdown,
    /// A built site's page (`.html`, `.htm`).
    Html,
}

impl ArticleFormat {
    /// The extensions of article files, for messages.
    pub const EXTENSIONS: &'static str = ".txt, .md, .markdown, .html or .htm";

    /// The format of a file by its name's extension (any case), or `None`
    /// for a file that is not an article (a stylesheet, an image).
    ///
    /// ```
    /// use article_search_core::ArticleFormat;
    /// assert_eq!(ArticleFormat::from_path("news/2024/a.MD"), Some(ArticleFormat::Markdown));
    /// assert_eq!(ArticleFormat::from_path("index.html"), Some(ArticleFormat::Html));
    /// assert_eq!(ArticleFormat::from_path("style.css"), None);
    /// ```
    pub fn from_path(path: &str) -> Option<ArticleFormat> {
        let file = path.rsplit('/').next().unwrap_or(path);
        let (_, extension) = file.rsplit_once('.')?;
        match extension.to_ascii_lowercase().as_str() {
            "txt" => Some(ArticleFormat::Text),
            "md" | "markdown" => Some(ArticleFormat::Markdown),
            "html" | "htm" => Some(ArticleFormat::Html),
            _ => None,
        }
    }
}

/// An article file larger than this is refused: its text would be embedded
/// in the wasm module every visitor downloads. Split it into articles.
pub const MAX_ARTICLE_BYTES: usize = 16 * 1024 * 1024;

/// What becomes of one article file, decided from its bytes alone.
// One per file, moved once: boxing the document would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Loaded {
    /// The article, to be indexed.
    Document {
        /// The article.
        document: Document,
        /// Values that could not be read and were left out (a date, a
        /// language tag), each naming the value, for the build to print.
        warnings: Vec<String>,
    },
    /// Nothing to index (an empty file, front matter without text, a page
    /// marked `noindex`, a draft); the build warns and goes on.
    Skipped {
        /// Why, for the warning.
        reason: String,
    },
}

/// Everything one parser found in a file.
#[derive(Debug, Default)]
pub(crate) struct Parsed {
    pub(crate) document: Document,
    pub(crate) warnings: Vec<String>,
    /// Why the file is not to be indexed, if it is not.
    pub(crate) skip: Option<String>,
    /// Why the file cannot be indexed as intended, if it cannot.
    pub(crate) refusal: Option<String>,
}

/// Loads the file at `path` (relative to the articles folder, `/` between
/// folders) of a site served from `base_url` (`/` at a domain's root): its
/// id is `path` without the extension, and an HTML page's address is
/// `base_url` and its path, `index.html` left off (`a/b/index.html` is
/// `/a/b/`, `a/c.html` is `/a/c.html`), unless the page states its own.
/// The rules are [`load_article`]'s.
///
/// ```
/// use article_search_core::{load_file, Loaded};
/// let page = b"<html lang=en><body><nav>Menu</nav><main><h1>Hello</h1><p>Text.</p></main></body></html>";
/// let Ok(Loaded::Document { document, warnings }) = load_file("news/hello/index.html", page, "/") else { panic!() };
/// assert_eq!((document.id.as_str(), document.url.as_deref()), ("news/hello/index", Some("/news/hello/")));
/// assert_eq!((document.title.as_str(), document.body.as_str()), ("Hello", "Text."));
/// assert!(warnings.is_empty());
/// ```
pub fn load_file(path: &str, bytes: &[u8], base_url: &str) -> Result<Loaded> {
    let format = ArticleFormat::from_path(path).ok_or_else(|| Error::Article {
        id: path.to_string(),
        detail: format!("not an article file: its name must end in {}", ArticleFormat::EXTENSIONS),
    })?;
    let id = &path[..path.rfind('.').unwrap_or(path.len())];
    let url = (format == ArticleFormat::Html).then(|| page_url(path, base_url));
    load(id, bytes, format, url)
}

/// Checks and parses an article file's bytes, by the rule the README states:
/// a file that cannot be an article as intended (not UTF-8, binary, too
/// large, front matter that is not YAML) is an error naming the problem, so
/// nothing is silently lost; a file with nothing to index is skipped with a
/// reason; a BOM and CRLF line ends are accepted as they are. An HTML page
/// loaded this way has no address of its own (see [`load_file`]).
///
/// ```
/// use article_search_core::{load_article, ArticleFormat, Loaded};
/// assert!(matches!(load_article("a", b"Title\n\nText", ArticleFormat::Text), Ok(Loaded::Document { .. })));
/// assert!(matches!(load_article("a", b"  \n", ArticleFormat::Text), Ok(Loaded::Skipped { .. })));
/// let err = load_article("a", b"caf\xe9", ArticleFormat::Text).unwrap_err();
/// assert!(err.to_string().contains("not UTF-8") && err.to_string().contains("offset 3"));
/// ```
pub fn load_article(id: &str, bytes: &[u8], format: ArticleFormat) -> Result<Loaded> {
    load(id, bytes, format, None)
}

fn load(id: &str, bytes: &[u8], format: ArticleFormat, url: Option<String>) -> Result<Loaded> {
    let fail = |detail: String| Err(Error::Article { id: id.to_string(), detail });
    if bytes.len() > MAX_ARTICLE_BYTES {
        return fail(format!(
            "the file is {} MiB, over the {} MiB limit for one article; split it into several articles",
            bytes.len() >> 20,
            MAX_ARTICLE_BYTES >> 20
        ));
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            return fail(format!(
                "the file is not UTF-8 (invalid byte at offset {}); convert it, e.g. `iconv -f windows-1252 -t utf-8`",
                e.valid_up_to()
            ))
        }
    };
    if let Some(offset) = text.find('\0') {
        return fail(format!(
            "the file has a NUL byte at offset {offset}: it looks binary, not like an article; remove it from the folder"
        ));
    }
    if text.trim_start_matches('\u{feff}').trim().is_empty() {
        return Ok(Loaded::Skipped { reason: "the file is empty".into() });
    }
    let parsed = parse(id, text, format, url);
    if let Some(detail) = parsed.refusal {
        return fail(detail);
    }
    Ok(match parsed.skip {
        Some(reason) => Loaded::Skipped { reason },
        None => Loaded::Document { document: parsed.document, warnings: parsed.warnings },
    })
}

/// Parses an article, never failing: a text with no usable line gets its id
/// as title. What [`load_article`] would refuse, skip or warn about is not
/// checked here: an unreadable date is simply left out.
///
/// ```
/// use article_search_core::{parse_article, ArticleFormat};
/// let doc = parse_article("a", "---\ntitle: Hello\nurl: /a.html\ntags: [news, asia]\n---\nBody text.", ArticleFormat::Text);
/// assert_eq!(doc.title, "Hello");
/// assert_eq!(doc.url.as_deref(), Some("/a.html"));
/// assert_eq!(doc.tags, ["news", "asia"]);
/// assert_eq!(doc.body, "Body text.");
/// ```
pub fn parse_article(id: &str, text: &str, format: ArticleFormat) -> Document {
    parse(id, text, format, None).document
}

fn parse(id: &str, text: &str, format: ArticleFormat, url: Option<String>) -> Parsed {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    match format {
        ArticleFormat::Html => html::parse_html(id, text, url),
        ArticleFormat::Text | ArticleFormat::Markdown => parse_text(id, &text.replace("\r\n", "\n"), format),
    }
}

/// A text or Markdown file: front matter, then the body.
fn parse_text(id: &str, text: &str, format: ArticleFormat) -> Parsed {
    let front = split_front_matter(text);
    let mut parsed = Parsed { document: Document { id: id.to_string(), ..Document::default() }, ..Parsed::default() };
    parsed.refusal = front.problem;
    let mut fields = Fields::new(&mut parsed.document, &mut parsed.warnings);
    for (key, value) in front.fields {
        let field = Field::named(&key);
        let values = match value {
            Value::Text(text) if matches!(field, Field::Tags | Field::Category) => {
                text.split(',').map(str::to_string).collect()
            }
            Value::Text(text) => vec![text],
            Value::List(_) if field.is_single() => {
                parsed.refusal.get_or_insert(format!("front matter `{key}` must be one value, not a list"));
                continue;
            }
            Value::List(items) => items,
            Value::Nested if field != Field::Other => {
                parsed.refusal.get_or_insert(format!("front matter `{key}` must be text or a list of text"));
                continue;
            }
            Value::Nested | Value::Empty => continue,
        };
        if key.trim().eq_ignore_ascii_case("draft") && values.iter().any(|v| v.trim() == "true") {
            parsed.skip = Some("the front matter says `draft: true`".into());
        }
        fields.set(&key, values, FieldKind::Meta);
    }

    let mut title_from_text = false;
    let mut body = match format {
        ArticleFormat::Markdown => {
            let markdown = markdown::markdown_text(front.body, !fields.has("title"));
            if let (false, Some(heading)) = (fields.has("title"), markdown.first_heading) {
                fields.set("title", vec![heading], FieldKind::Meta);
                title_from_text = true;
            }
            markdown.body
        }
        _ => front.body.trim().to_string(),
    };
    // A news export often opens with its date line (`Friday,  09/20/2024`).
    let first_line = body.lines().map(str::trim).find(|l| !l.is_empty());
    if let (false, Some(line)) = (fields.has("date"), first_line.filter(|l| title::is_date_line(l))) {
        fields.set("date", vec![line.to_string()], FieldKind::Meta);
    }
    if !fields.has("title") {
        if let Some((title, line)) = title::headline(&body) {
            // A first line that is the title whole would repeat in every
            // snippet; a clipped one stays, or the rest of it would be lost.
            if title == line {
                body = body.replacen(line, "", 1).trim().to_string();
            }
            fields.set("title", vec![title], FieldKind::Meta);
            title_from_text = true;
        }
    }
    if body.is_empty() && !title_from_text && parsed.skip.is_none() {
        let what = if front.present { "the file has front matter but no text" } else { "the file has no text" };
        parsed.skip = Some(what.into());
    }
    parsed.document.body = body;
    if parsed.document.title.is_empty() {
        parsed.document.title = id.to_string();
    }
    parsed
}

/// The address of the page at `path` on a site served from `base_url`.
fn page_url(path: &str, base_url: &str) -> String {
    let file = path.rsplit('/').next().unwrap_or(path);
    let page = if ["index.html", "index.htm"].contains(&file.to_ascii_lowercase().as_str()) {
        &path[..path.len() - file.len()]
    } else {
        path
    };
    let mut url = base_url.to_string();
    if !url.ends_with('/') {
        url.push('/');
    }
    for c in page.chars() {
        match c {
            ' ' | '"' | '#' | '%' | '<' | '>' | '?' | '[' | '\\' | ']' | '^' | '`' | '{' | '|' | '}' => {
                url.push_str(&format!("%{:02X}", u32::from(c)))
            }
            c if c.is_control() => url.push_str(&format!("%{:02X}", u32::from(c))),
            c => url.push(c),
        }
    }
    url
}

#[cfg(test)]
mod tests {
    use super::title::MAX_TITLE_CHARS;
    use super::*;

    fn loaded(id: &str, text: &str, format: ArticleFormat) -> (Document, Vec<String>) {
        match load_article(id, text.as_bytes(), format) {
            Ok(Loaded::Document { document, warnings }) => (document, warnings),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn date_lines_and_datelines_are_not_titles() {
        let doc = parse_article(
            "x",
            "Friday,  09/20/2024\n\nDefence cooperation – pillar of relations\nBody.",
            ArticleFormat::Text,
        );
        assert_eq!(doc.title, "Defence cooperation – pillar of relations");
        assert_eq!(doc.date.as_deref(), Some("2024-09-20"));
        let doc = parse_article("x", "HÀ NỘI — Việt Nam and Russia agree.\n\nMore.", ArticleFormat::Text);
        assert_eq!(doc.title, "Việt Nam and Russia agree");
        let (doc, warnings) = loaded("x", "Friday, 09/10/2024\n\nTitle\n\nBody.", ArticleFormat::Text);
        assert_eq!((doc.title.as_str(), doc.date.as_ref()), ("Title", None));
        assert!(warnings[0].contains("`Friday, 09/10/2024`"), "{warnings:?}");
    }

    #[test]
    fn long_first_lines_are_clipped_at_a_word_and_stay_in_the_body() {
        let long = "The Vietnamese and Russian ministries of defence held their fourth defence strategy dialogue in Moscow on December 3, affirming ties.";
        for format in [ArticleFormat::Text, ArticleFormat::Markdown] {
            let doc = parse_article("x", &format!("{long}\nSecond line.\n\nMore."), format);
            assert!(doc.title.ends_with('…'), "{}", doc.title);
            assert!(doc.title.chars().count() <= MAX_TITLE_CHARS + 1);
            assert!(long.starts_with(doc.title.trim_end_matches('…')));
            assert!(!doc.title.ends_with(" the…") && !doc.title.ends_with(" of…"));
            assert!(doc.body.starts_with(long), "nothing of the first line is lost ({format:?}): {}", doc.body);
            assert!(doc.body.ends_with("Second line.\n\nMore.") || doc.body.ends_with("Second line.\nMore."));
        }
    }

    #[test]
    fn only_a_matching_pair_of_quotes_is_taken_off_a_value() {
        let title = |line: &str| parse_article("x", &format!("{line}\n\nBody."), ArticleFormat::Text).title;
        assert_eq!(title("title: \"Hà Nội talks\""), "Hà Nội talks");
        assert_eq!(title("title: 'Hà Nội talks'"), "Hà Nội talks");
        assert_eq!(title("title: \"Hà Nội\" talks"), "\"Hà Nội\" talks");
        assert_eq!(title("title: Russia's 'new' ties"), "Russia's 'new' ties");
        assert_eq!(title("title: talks in \"Hà Nội\""), "talks in \"Hà Nội\"");
    }

    #[test]
    fn bare_front_matter_lines_and_crlf_bom() {
        let doc = parse_article("x", "\u{feff}title: T\r\ndate: 2024-01-02\r\n\r\nBody\r\nmore", ArticleFormat::Text);
        assert_eq!(doc.title, "T");
        assert_eq!(doc.date.as_deref(), Some("2024-01-02"));
        assert_eq!(doc.body, "Body\nmore");
    }

    #[test]
    fn markdown_heading_is_the_title_and_links_lose_their_target() {
        let doc = parse_article(
            "x",
            "# The Title\n\nSee [the **docs**](https://e.com/x) and `code`.",
            ArticleFormat::Markdown,
        );
        assert_eq!(doc.title, "The Title");
        assert_eq!(doc.body, "See the docs and code.");
        let doc = parse_article("x", "---\ntitle: Stated\n---\n# Heading\n\nText.", ArticleFormat::Markdown);
        assert_eq!((doc.title.as_str(), doc.body.as_str()), ("Stated", "Heading\n\nText."));
    }

    #[test]
    fn yaml_front_matter_fields() {
        let (doc, warnings) = loaded(
            "posts/a",
            "---\ntitle: A post\ndate: 14 August 2024\ntags:\n  - defence\n  - Russia\ncategories: News, Asia\n\
             authors: [Jane Doe, \"Nguyễn Văn A\"]\nlang: fr-FR\nseries: Ties\nweight: 2\nparams:\n  x: 1\n---\nText.",
            ArticleFormat::Markdown,
        );
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(doc.title, "A post");
        assert_eq!(doc.date.as_deref(), Some("2024-08-14"));
        assert_eq!(doc.tags, ["defence", "Russia"]);
        assert_eq!(doc.category, ["News", "Asia"]);
        assert_eq!(doc.author, ["Jane Doe", "Nguyễn Văn A"]);
        assert_eq!(doc.lang.as_deref(), Some("fr"));
        assert_eq!(doc.meta.len(), 2);
        assert_eq!((doc.meta["series"].join(","), doc.meta["weight"].join(",")), ("Ties".into(), "2".into()));
        assert_eq!(doc.tags, parse_article("b", "---\ntags: defence, Russia\n---\nx", ArticleFormat::Text).tags);
        assert_eq!(parse_article("b", "---\nauthor: Doe, Jane\n---\nx", ArticleFormat::Text).author, ["Doe, Jane"]);
    }

    #[test]
    fn what_is_refused_skipped_or_warned() {
        let load = |text: &str| load_article("x", text.as_bytes(), ArticleFormat::Markdown);
        let refused = |text: &str| load(text).unwrap_err().to_string();
        assert!(refused("---\ntitle: [a, b]\n---\nText").contains("`title` must be one value"));
        assert!(refused("---\nauthor:\n  name: Jane\n---\nText").contains("`author` must be text"));
        let broken = refused("---\ntags:\n  - a\n - b\n---\nText");
        assert!(broken.contains("not valid YAML (line 4"), "{broken}");
        let skipped = |text: &str| match load(text) {
            Ok(Loaded::Skipped { reason }) => reason,
            other => panic!("{other:?}"),
        };
        assert!(skipped("---\ntitle: T\ndraft: true\n---\nText").contains("draft"));
        assert!(skipped("---\ntitle: T\n---\n<!-- only a comment -->").contains("front matter but no text"));
        let (doc, warnings) = loaded("x", "---\ndate: next Tuesday\n---\nText", ArticleFormat::Markdown);
        assert_eq!(doc.date, None);
        assert!(warnings[0].contains("`next Tuesday`"), "{warnings:?}");
    }

    #[test]
    fn loading_rules() {
        let load = |bytes: &[u8]| load_article("x", bytes, ArticleFormat::Text);
        let skipped = |bytes: &[u8]| matches!(load(bytes), Ok(Loaded::Skipped { .. }));
        let error = |bytes: &[u8]| load(bytes).unwrap_err().to_string();
        assert!(skipped(b""));
        assert!(skipped(b"\xef\xbb\xbf \r\n\t"));
        assert!(skipped(b"---\ntitle: T\nurl: /t\n---\n\n"));
        assert!(
            matches!(load(b"One line only"), Ok(Loaded::Document { document, .. }) if document.title == "One line only")
        );
        assert!(error(b"ok\xff").contains("offset 2"));
        assert!(error(b"text\0more").contains("NUL byte at offset 4"));
        assert!(error(&vec![b'a'; MAX_ARTICLE_BYTES + 1]).contains("split it"));
        let Ok(Loaded::Document { document: doc, .. }) = load(b"\xef\xbb\xbfTitle\r\n\r\nBody line\r\nnext") else {
            panic!()
        };
        assert_eq!((doc.title.as_str(), doc.body.as_str()), ("Title", "Body line\nnext"));
        let long_line = "word ".repeat(200_000);
        let Ok(Loaded::Document { document: doc, .. }) = load(long_line.as_bytes()) else { panic!() };
        assert!(doc.title.chars().count() <= MAX_TITLE_CHARS + 1);
    }

    #[test]
    fn ids_and_page_urls_from_paths() {
        let page = b"<title>T</title><p>Text</p>";
        let url = |path: &str, base: &str| match load_file(path, page, base) {
            Ok(Loaded::Document { document, .. }) => (document.id, document.url.unwrap()),
            other => panic!("{other:?}"),
        };
        assert_eq!(url("index.html", "/"), ("index".into(), "/".into()));
        assert_eq!(url("a/b/index.html", "/"), ("a/b/index".into(), "/a/b/".into()));
        assert_eq!(url("a/c.html", "/"), ("a/c".into(), "/a/c.html".into()));
        assert_eq!(url("a/INDEX.HTM", "/blog"), ("a/INDEX".into(), "/blog/a/".into()));
        assert_eq!(
            url("tin tức/bài #1.html", "https://example.com/"),
            ("tin tức/bài #1".into(), "https://example.com/tin%20tức/bài%20%231.html".into())
        );
        let Ok(Loaded::Document { document, .. }) = load_file("notes/a.b.md", b"Text", "/") else { panic!() };
        assert_eq!((document.id.as_str(), document.url), ("notes/a.b", None));
        assert!(load_file("style.css", b"x", "/").unwrap_err().to_string().contains(".txt, .md"));
    }

    #[test]
    fn an_empty_text_is_titled_by_its_id() {
        assert_eq!(parse_article("empty", "  \n", ArticleFormat::Text).title, "empty");
    }
}
