//! Front matter: YAML between two `---` lines at the very top (Jekyll, Hugo,
//! Eleventy, Astro), or bare `title:`, `date:`, … lines opening a text.
//!
//! The block is read by a YAML parser (`yaml-rust2`). A block that is not
//! valid YAML but is all `key: value` lines (`title: "Hà Nội" talks`,
//! `title: Defence: a new era`) is read the simple way this project always
//! read it: the value is the rest of the line, less one pair of matching
//! quotes. Anything else that is not valid YAML is reported, with its line.

use yaml_rust2::{Yaml, YamlLoader};

use super::fields::Field;

/// A field's value as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Value {
    /// A scalar, as text (`true`, `2024`, `Hà Nội`).
    Text(String),
    /// A list of scalars (`[a, b]` or `- a` items).
    List(Vec<String>),
    /// A map, or a list holding maps or lists: not kept.
    Nested,
    /// No value (`key:`, `~`, `null`).
    Empty,
}

/// The front matter of a text and the text after it.
#[derive(Debug)]
pub(crate) struct FrontMatter<'a> {
    /// The fields in order, names as written.
    pub(crate) fields: Vec<(String, Value)>,
    /// The text after the front matter.
    pub(crate) body: &'a str,
    /// Whether there was front matter at all.
    pub(crate) present: bool,
    /// Why the block cannot be read as intended, for the build to stop on
    /// (the fields are then those the simple line rule could read).
    pub(crate) problem: Option<String>,
}

/// Names that make a bare line at the top of a text a front matter field;
/// other `Word: text` lines are the article's own text.
const BARE_FIELDS: &[Field] =
    &[Field::Title, Field::Url, Field::Date, Field::Lang, Field::Tags, Field::Category, Field::Author];

/// Splits front matter from `text` (line ends already `\n`) and reads it.
pub(crate) fn split_front_matter(text: &str) -> FrontMatter<'_> {
    if let Some((block, body)) = fenced_block(text) {
        let (fields, problem) = read_block(block, 2);
        return FrontMatter { fields, body, present: true, problem };
    }
    let mut rest = text;
    let mut end = 0;
    while !rest.is_empty() {
        let (line, after) = rest.split_once('\n').unwrap_or((rest, ""));
        match simple_field(line) {
            Some((key, _)) if BARE_FIELDS.contains(&Field::named(&key)) => {
                end += line.len() + usize::from(rest.len() > line.len());
                rest = after;
            }
            _ => break,
        }
    }
    let (fields, problem) = read_block(&text[..end], 1);
    FrontMatter { fields, body: &text[end..], present: end > 0, problem }
}

/// The block between a first line `---` and the next line `---` (or `...`),
/// and the text after it; `None` without both lines.
fn fenced_block(text: &str) -> Option<(&str, &str)> {
    let first_end = text.find('\n')?;
    if text[..first_end].trim_end() != "---" {
        return None;
    }
    let mut offset = first_end + 1;
    for line in text[offset..].split_inclusive('\n') {
        if matches!(line.trim_end(), "---" | "...") {
            return Some((&text[first_end + 1..offset], &text[offset + line.len()..]));
        }
        offset += line.len();
    }
    None
}

/// Reads a block as YAML, or line by line when it is not YAML but is simple
/// lines. `first_line` is the block's first line number in the file.
fn read_block(block: &str, first_line: usize) -> (Vec<(String, Value)>, Option<String>) {
    let simple = || block.lines().filter(|l| !l.trim().is_empty()).map(simple_field).collect::<Option<Vec<_>>>();
    let problem = match YamlLoader::load_from_str(block) {
        Ok(documents) => match documents.into_iter().next() {
            None | Some(Yaml::Null) => return (Vec::new(), None),
            Some(Yaml::Hash(map)) => {
                let fields = map.iter().filter_map(|(k, v)| Some((scalar(k)?, value(v)))).collect();
                return (fields, None);
            }
            Some(_) => "the front matter is not a list of `name: value` fields".to_string(),
        },
        Err(e) => format!(
            "the front matter is not valid YAML (line {}: {}); fix it, or quote the value",
            e.marker().line() + first_line - 1,
            e.info()
        ),
    };
    match simple() {
        Some(fields) => (fields.into_iter().map(|(k, v)| (k, Value::Text(v))).collect(), None),
        // Read what the simple rule can, for `parse_article`; the build stops on the problem.
        None => (block.lines().filter_map(simple_field).map(|(k, v)| (k, Value::Text(v))).collect(), Some(problem)),
    }
}

/// A `key: value` line (the key letters, digits, `_` or `-`), the value
/// trimmed and without one pair of matching quotes.
fn simple_field(line: &str) -> Option<(String, String)> {
    let (key, value) = line.split_once(':')?;
    let key = key.trim();
    if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') {
        return None;
    }
    Some((key.to_string(), unquote(value.trim()).trim().to_string()))
}

/// `value` without one pair of matching quotes around it; an unbalanced
/// quote is part of the text (`"Hà Nội" talks` stays as written).
fn unquote(value: &str) -> &str {
    for quote in ['"', '\''] {
        if let Some(inner) = value.strip_prefix(quote).and_then(|v| v.strip_suffix(quote)) {
            return inner;
        }
    }
    value
}

fn scalar(yaml: &Yaml) -> Option<String> {
    match yaml {
        Yaml::String(s) | Yaml::Real(s) => Some(s.clone()),
        Yaml::Integer(i) => Some(i.to_string()),
        Yaml::Boolean(b) => Some(b.to_string()),
        _ => None,
    }
}

fn value(yaml: &Yaml) -> Value {
    match yaml {
        Yaml::Array(items) => {
            let items: Option<Vec<String>> = items.iter().filter(|i| !matches!(i, Yaml::Null)).map(scalar).collect();
            items.map_or(Value::Nested, Value::List)
        }
        Yaml::Hash(_) => Value::Nested,
        Yaml::Null | Yaml::BadValue | Yaml::Alias(_) => Value::Empty,
        scalar_value => scalar(scalar_value).map_or(Value::Empty, Value::Text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Value {
        Value::Text(s.into())
    }

    fn list(items: &[&str]) -> Value {
        Value::List(items.iter().map(|s| s.to_string()).collect())
    }

    #[test]
    fn yaml_front_matter() {
        let front = split_front_matter(
            "---\ntitle: \"Quoted: title\"\ntags: [defence, \"Hà Nội\"]\ncategories:\n  - News\n  - Asia\n\
             draft: false\nweight: 3\nempty:\nmenu:\n  main:\n    weight: 1\n---\nBody\n---\nmore",
        );
        assert!(front.present && front.problem.is_none(), "{front:?}");
        assert_eq!(front.body, "Body\n---\nmore");
        assert_eq!(
            front.fields,
            [
                ("title".into(), text("Quoted: title")),
                ("tags".into(), list(&["defence", "Hà Nội"])),
                ("categories".into(), list(&["News", "Asia"])),
                ("draft".into(), text("false")),
                ("weight".into(), text("3")),
                ("empty".into(), Value::Empty),
                ("menu".into(), Value::Nested),
            ]
        );
    }

    #[test]
    fn simple_lines_that_are_not_yaml_are_read_as_always() {
        let front = split_front_matter("---\ntitle: \"Hà Nội\" talks\nsubtitle: Defence: a new era\n---\nBody");
        assert!(front.problem.is_none(), "{front:?}");
        assert_eq!(
            front.fields,
            [("title".into(), text("\"Hà Nội\" talks")), ("subtitle".into(), text("Defence: a new era"))]
        );
        let bare = split_front_matter("Title: T\ndate: 2024-01-02\ntags: [a, b]\nNote: not a field\nBody");
        assert_eq!(
            bare.fields,
            [("Title".into(), text("T")), ("date".into(), text("2024-01-02")), ("tags".into(), list(&["a", "b"]))]
        );
        assert_eq!(bare.body, "Note: not a field\nBody");
    }

    #[test]
    fn broken_yaml_is_a_problem_naming_the_line() {
        let front = split_front_matter("---\ntitle: T\ntags:\n  - a\n - b\n---\nBody");
        let problem = front.problem.expect("not valid YAML");
        assert!(problem.contains("not valid YAML") && problem.contains("line 5"), "{problem}");
        assert_eq!(front.fields, [("title".into(), text("T")), ("tags".into(), Value::Text(String::new()))]);
    }

    #[test]
    fn no_front_matter() {
        for text in ["Just text\n---\n", "---\nno closing line", "- a list\n- item"] {
            let front = split_front_matter(text);
            assert!(!front.present && front.fields.is_empty() && front.body == text, "{text}");
        }
    }
}
