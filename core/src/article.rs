//! From an article file's text to a [`Document`]: front matter, title, body.
//!
//! Site owners drop in whatever their CMS exports, so the rules are forgiving:
//! front matter is optional, and without a `title:` the first line of the text
//! becomes a headline (a date line is skipped, a dateline like `HÀ NỘI —` is
//! dropped, a long sentence is clipped at a word boundary).
//! [`load_article`] decides, from a file's bytes, whether it is indexed,
//! skipped with a warning, or refused with an error.

use crate::error::{Error, Result};

/// One article, ready to be indexed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Document {
    /// Stable identifier: the file stem.
    pub id: String,
    /// The headline shown in results.
    pub title: String,
    /// Where a hit links, from front matter `url:`.
    pub url: Option<String>,
    /// Publication date as written in front matter `date:`.
    pub date: Option<String>,
    /// The text that is searched and from which snippets are cut.
    pub body: String,
}

/// How the article's text is marked up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArticleFormat {
    /// Plain text (`.txt`).
    Text,
    /// Markdown (`.md`): a `# Heading` gives the title, markup is stripped.
    Markdown,
}

/// Titles longer than this many characters are clipped at a word boundary.
const MAX_TITLE_CHARS: usize = 90;

/// An article file larger than this is refused: its text would be embedded
/// in the wasm module every visitor downloads. Split it into articles.
pub const MAX_ARTICLE_BYTES: usize = 16 * 1024 * 1024;

/// What becomes of one article file, decided from its bytes alone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Loaded {
    /// The article, to be indexed.
    Document(Document),
    /// Nothing to index (an empty file, front matter without text); the
    /// build warns and goes on.
    Skipped {
        /// Why, for the warning.
        reason: String,
    },
}

/// Checks and parses an article file's bytes, by the rule the README states:
/// a file that cannot be an article as intended (not UTF-8, binary, too large)
/// is an error naming the problem, so nothing is silently lost; a file with
/// nothing to index is skipped with a reason; a BOM and CRLF line ends are
/// accepted as they are.
///
/// ```
/// use article_search_core::{load_article, ArticleFormat, Loaded};
/// assert!(matches!(load_article("a", b"Title\n\nText", ArticleFormat::Text), Ok(Loaded::Document(_))));
/// assert!(matches!(load_article("a", b"  \n", ArticleFormat::Text), Ok(Loaded::Skipped { .. })));
/// let err = load_article("a", b"caf\xe9", ArticleFormat::Text).unwrap_err();
/// assert!(err.to_string().contains("not UTF-8") && err.to_string().contains("offset 3"));
/// ```
pub fn load_article(id: &str, bytes: &[u8], format: ArticleFormat) -> Result<Loaded> {
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
    let doc = parse_article(id, text, format);
    if doc.body.trim().is_empty() && !has_own_title(text) {
        return Ok(Loaded::Skipped { reason: "the file has front matter but no text".into() });
    }
    Ok(Loaded::Document(doc))
}

/// Whether the text has a line of its own beyond front matter (a title-only
/// article, one line of text, is still an article).
fn has_own_title(text: &str) -> bool {
    let text = text.trim_start_matches('\u{feff}').replace("\r\n", "\n");
    !split_front_matter(&text).1.trim().is_empty()
}

/// Parses an article. Never fails: a text with no usable line gets its id as title.
///
/// ```
/// use article_search_core::{parse_article, ArticleFormat};
/// let doc = parse_article("a", "---\ntitle: Hello\nurl: /a.html\n---\nBody text.", ArticleFormat::Text);
/// assert_eq!(doc.title, "Hello");
/// assert_eq!(doc.url.as_deref(), Some("/a.html"));
/// assert_eq!(doc.body, "Body text.");
/// ```
pub fn parse_article(id: &str, text: &str, format: ArticleFormat) -> Document {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text).replace("\r\n", "\n");
    let (fields, body) = split_front_matter(&text);
    let mut doc = Document { id: id.to_string(), ..Document::default() };
    for (key, value) in fields {
        match key.to_ascii_lowercase().as_str() {
            "title" => doc.title = value,
            "url" => doc.url = Some(value),
            "date" => doc.date = Some(value),
            _ => {}
        }
    }
    let mut body = match format {
        ArticleFormat::Text => body.trim().to_string(),
        ArticleFormat::Markdown => strip_markdown(body),
    };
    if doc.date.is_none() {
        // A news export often opens with its date line (`Friday,  09/20/2024`).
        let first_line = body.lines().map(str::trim).find(|l| !l.is_empty());
        doc.date = first_line.filter(|l| is_date_line(l)).map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "));
    }
    if doc.title.is_empty() {
        if let Some((title, line)) = headline(&body) {
            // A heading line that became the title would repeat in every snippet.
            if format == ArticleFormat::Markdown || title == line.trim() {
                body = body.replacen(line, "", 1).trim().to_string();
            }
            doc.title = title;
        } else {
            doc.title = id.to_string();
        }
    }
    doc.body = body;
    doc
}

/// Splits `key: value` front matter from the body. Accepts a `---` fenced block,
/// or bare `title:`/`url:`/`date:` lines at the very top.
fn split_front_matter(text: &str) -> (Vec<(String, String)>, &str) {
    let mut fields = Vec::new();
    if let Some(rest) = text.strip_prefix("---\n") {
        if let Some(close) = rest.find("\n---") {
            for line in rest[..close].lines() {
                if let Some(field) = front_matter_field(line) {
                    fields.push(field);
                }
            }
            let after = &rest[close + 4..];
            return (fields, after.strip_prefix('\n').unwrap_or(after));
        }
    }
    let mut body = text;
    while !body.is_empty() {
        let (line, rest) = body.split_once('\n').unwrap_or((body, ""));
        match front_matter_field(line) {
            Some(field) if ["title", "url", "date"].contains(&field.0.to_ascii_lowercase().as_str()) => {
                fields.push(field);
                body = rest;
            }
            _ => break,
        }
    }
    (fields, body)
}

fn front_matter_field(line: &str) -> Option<(String, String)> {
    let (key, value) = line.split_once(':')?;
    let key = key.trim();
    if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') {
        return None;
    }
    Some((key.to_string(), unquote(value.trim()).trim().to_string()))
}

/// `value` without one pair of matching quotes around it (YAML style); an
/// unbalanced quote is part of the text (`"Hà Nội" talks` stays as written).
fn unquote(value: &str) -> &str {
    for quote in ['"', '\''] {
        if let Some(inner) = value.strip_prefix(quote).and_then(|v| v.strip_suffix(quote)) {
            return inner;
        }
    }
    value
}

/// A headline from the text and the line it came from.
fn headline(body: &str) -> Option<(String, &str)> {
    let mut lines = body.lines().map(str::trim).filter(|l| !l.is_empty());
    let line = lines.find(|l| !is_date_line(l))?;
    let text = strip_dateline(line);
    Some((clip_title(text), line))
}

/// A line like `Friday,  09/20/2024` or `26 December 2024`: digits, date
/// separators and calendar words only.
fn is_date_line(line: &str) -> bool {
    const CALENDAR: &[&str] = &[
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "am",
        "pm",
        "gmt",
        "utc",
    ];
    line.chars().any(|c| c.is_ascii_digit())
        && line
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .all(|w| w.chars().all(|c| c.is_ascii_digit()) || CALENDAR.contains(&w.to_lowercase().as_str()))
}

/// Drops a news dateline: upper-case place words before a dash (`HÀ NỘI — `).
fn strip_dateline(line: &str) -> &str {
    for dash in [" — ", " – ", " - "] {
        if let Some((place, rest)) = line.split_once(dash) {
            let upper = place.chars().any(char::is_alphabetic)
                && !place.chars().any(char::is_lowercase)
                && place.split_whitespace().count() <= 4;
            if upper && !rest.trim().is_empty() {
                return rest.trim();
            }
        }
    }
    line
}

/// Clips a long first line to a headline at a word boundary, without a
/// dangling small word (`… to attend the`), and ends it with `…`.
fn clip_title(line: &str) -> String {
    let line = line.trim_end_matches(['.', ' ']);
    if line.chars().count() <= MAX_TITLE_CHARS {
        return line.to_string();
    }
    const DANGLING: &[&str] = &[
        "a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to", "with", "its",
        "their", "his", "her",
    ];
    let cut = line.char_indices().nth(MAX_TITLE_CHARS).map_or(line.len(), |(i, _)| i);
    let mut words: Vec<&str> = line[..cut].split_whitespace().collect();
    if !line[cut..].starts_with(char::is_whitespace) {
        words.pop(); // the last word was cut in the middle
    }
    while words.len() > 1 && words.last().is_some_and(|w| DANGLING.contains(&w.to_lowercase().as_str())) {
        words.pop();
    }
    let mut title = words.join(" ");
    title.truncate(title.trim_end_matches([',', ';', ':', '-', '–', '—']).len());
    title.push('…');
    title
}

/// Markdown to plain text, enough for indexing and snippets: headings keep
/// their text, links keep their text but not their target, emphasis and code
/// markers and fenced-code fences go.
fn strip_markdown(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    for line in md.lines() {
        let line = line.trim_end();
        if line.trim_start().starts_with("```") || line.trim_start().starts_with("~~~") {
            continue;
        }
        let line = line.trim_start_matches('#').trim_start();
        let mut plain = String::with_capacity(line.len());
        let mut rest = line;
        while let Some(open) = rest.find('[') {
            let Some(close) = rest[open..].find("](").map(|i| open + i) else { break };
            let Some(end) = rest[close..].find(')').map(|i| close + i) else { break };
            plain.push_str(rest[..open].strip_suffix('!').unwrap_or(&rest[..open]));
            plain.push_str(&rest[open + 1..close]);
            rest = &rest[end + 1..];
        }
        plain.push_str(rest);
        out.extend(plain.chars().filter(|c| !matches!(c, '*' | '`')));
        out.push('\n');
    }
    out.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_lines_and_datelines_are_not_titles() {
        let doc = parse_article(
            "x",
            "Friday,  09/20/2024\n\nDefence cooperation – pillar of relations\nBody.",
            ArticleFormat::Text,
        );
        assert_eq!(doc.title, "Defence cooperation – pillar of relations");
        assert_eq!(doc.date.as_deref(), Some("Friday, 09/20/2024"));
        let doc = parse_article("x", "HÀ NỘI — Việt Nam and Russia agree.\n\nMore.", ArticleFormat::Text);
        assert_eq!(doc.title, "Việt Nam and Russia agree");
    }

    #[test]
    fn long_first_lines_are_clipped_at_a_word() {
        let long = "The Vietnamese and Russian ministries of defence held their fourth defence strategy dialogue in Moscow on December 3, affirming ties.";
        let doc = parse_article("x", long, ArticleFormat::Text);
        assert!(doc.title.ends_with('…'), "{}", doc.title);
        assert!(doc.title.chars().count() <= MAX_TITLE_CHARS + 1);
        assert!(long.starts_with(doc.title.trim_end_matches('…')));
        assert!(!doc.title.ends_with(" the…") && !doc.title.ends_with(" of…"));
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
    }

    #[test]
    fn loading_rules() {
        let load = |bytes: &[u8]| load_article("x", bytes, ArticleFormat::Text);
        let skipped = |bytes: &[u8]| matches!(load(bytes), Ok(Loaded::Skipped { .. }));
        let error = |bytes: &[u8]| load(bytes).unwrap_err().to_string();
        assert!(skipped(b""));
        assert!(skipped(b"\xef\xbb\xbf \r\n\t"));
        assert!(skipped(b"---\ntitle: T\nurl: /t\n---\n\n"));
        assert!(matches!(load(b"One line only"), Ok(Loaded::Document(d)) if d.title == "One line only"));
        assert!(error(b"ok\xff").contains("offset 2"));
        assert!(error(b"text\0more").contains("NUL byte at offset 4"));
        assert!(error(&vec![b'a'; MAX_ARTICLE_BYTES + 1]).contains("split it"));
        let Ok(Loaded::Document(doc)) = load(b"\xef\xbb\xbfTitle\r\n\r\nBody line\r\nnext") else { panic!() };
        assert_eq!((doc.title.as_str(), doc.body.as_str()), ("Title", "Body line\nnext"));
        let long_line = "word ".repeat(200_000);
        let Ok(Loaded::Document(doc)) = load(long_line.as_bytes()) else { panic!() };
        assert!(doc.title.chars().count() <= MAX_TITLE_CHARS + 1);
    }

    #[test]
    fn an_empty_text_is_titled_by_its_id() {
        assert_eq!(parse_article("empty", "  \n", ArticleFormat::Text).title, "empty");
    }
}
