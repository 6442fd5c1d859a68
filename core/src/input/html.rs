//! A built site's HTML page to a [`Document`], through an HTML5 parser
//! (`scraper`, on `html5ever`), with Pagefind's conventions under our own
//! `data-search-*` names (the README has the table):
//!
//! - **body**: the elements marked `data-search-body` (all of them, in
//!   order), else `<main>`, else the first `<article>`, else `<body>`; never
//!   the [`EXCLUDED`] elements nor anything marked `data-search-ignore`;
//! - **title**: `data-search-meta="title"`, else the first `<h1>` of the body
//!   (then left out of the body text), else `<title>`;
//! - **url**: `data-search-meta="url:…"` (or `url[href]` on the canonical
//!   link, to use it), else the page's own path;
//! - **date**: `data-search-meta="date:…"`, else
//!   `<meta property="article:published_time">`, else the first
//!   `<time datetime>` of the body;
//! - **lang**: `data-search-meta="lang:…"`, else `<html lang>`;
//! - **metadata and filters**: `data-search-meta` and `data-search-filter`,
//!   Pagefind's syntax (`key` takes the element's text, `key[attr]` an
//!   attribute, `key:value` is inline and must come last), plus
//!   `<meta name="author">`, `article:tag` and `article:section`;
//! - **skipped**: a page marked `data-search-ignore` on `<html>` or `<body>`,
//!   with `<meta name="robots" content="noindex">`, or without text (a
//!   redirect page).

use ego_tree::iter::Edge;
use ego_tree::NodeId;
use scraper::{ElementRef, Html, Node, Selector};

use super::fields::{Field, FieldKind, Fields};
use super::plain_text::{Break, PlainText};
use super::Parsed;
use crate::article::Document;

/// Elements that are never body text: site furniture and programs.
pub(crate) const EXCLUDED: &[&str] = &[
    "nav", "header", "footer", "aside", "script", "style", "noscript", "template", "form", "button", "select",
    "textarea", "svg", "iframe", "object", "audio", "video", "canvas",
];

/// Marks the page's main content (Pagefind: `data-pagefind-body`).
const BODY_ATTR: &str = "data-search-body";
/// Leaves an element out of the body text, or with the value `all` out of
/// everything (Pagefind: `data-pagefind-ignore`).
const IGNORE_ATTR: &str = "data-search-ignore";
/// Metadata captures (Pagefind: `data-pagefind-meta`).
const META_ATTR: &str = "data-search-meta";
/// Filter captures (Pagefind: `data-pagefind-filter`).
const FILTER_ATTR: &str = "data-search-filter";

/// Parses an HTML page; `url` is where the page is served from.
pub(crate) fn parse_html(id: &str, text: &str, url: Option<String>) -> Parsed {
    let page = Html::parse_document(text);
    let root = page.root_element();
    let mut parsed = Parsed { document: Document { id: id.to_string(), ..Document::default() }, ..Parsed::default() };
    if let Some(reason) = skip_reason(&page) {
        parsed.skip = Some(reason);
    }

    let mut fields = Fields::new(&mut parsed.document, &mut parsed.warnings);
    // The element whose text is the title, left out of the body text.
    let mut title_element = None;
    for element in root.descendent_elements().filter(|e| !ignored_entirely(e)) {
        for (attr, kind) in [(META_ATTR, FieldKind::Meta), (FILTER_ATTR, FieldKind::Filter)] {
            if let Some(spec) = element.attr(attr) {
                for (key, value, from_text) in captures(&element, spec) {
                    if from_text && Field::named(&key) == Field::Title && !fields.has("title") && !value.is_empty() {
                        title_element = Some(element.id());
                    }
                    fields.set(&key, vec![value], kind);
                }
            }
        }
    }
    // What the page states less directly: used where its own attributes are silent.
    let mut defaults: Vec<(&str, Vec<String>)> = Vec::new();
    for meta in page.select(&selector("meta[content]")) {
        let name = meta.attr("name").or(meta.attr("property")).unwrap_or("").to_ascii_lowercase();
        let key = match name.as_str() {
            "article:published_time" => "date",
            "author" => "author",
            "article:tag" => "tags",
            "article:section" => "category",
            _ => continue,
        };
        let content = meta.attr("content").unwrap_or("").to_string();
        match defaults.iter_mut().find(|(k, _)| *k == key) {
            Some((_, values)) => values.push(content),
            None => defaults.push((key, vec![content])),
        }
    }
    if let Some(lang) = root.attr("lang") {
        defaults.push(("lang", vec![lang.to_string()]));
    }
    for (key, values) in defaults {
        fields.set_default(key, values);
    }

    let roots = content_roots(&page);
    if !fields.has("title") {
        let h1 = selector("h1");
        let heading = roots.iter().flat_map(|r| r.select(&h1)).find(|h| !ignored_entirely(h));
        if let Some((id, text)) = heading.map(|h| (h.id(), element_text(&h))).filter(|(_, text)| !text.is_empty()) {
            title_element = Some(id);
            fields.set("title", vec![text], FieldKind::Meta);
        }
    }
    if !fields.has("title") {
        let title = page.select(&selector("head title")).next().map(|t| element_text(&t)).unwrap_or_default();
        fields.set("title", vec![title], FieldKind::Meta);
    }
    if !fields.has("date") {
        let time = selector("time[datetime]");
        let first = roots.iter().flat_map(|r| r.select(&time)).find(|t| !ignored_entirely(t));
        if let Some(time) = first {
            fields.set_default("date", vec![time.attr("datetime").unwrap_or("").to_string()]);
        }
    }
    if let Some(url) = url {
        fields.set_default("url", vec![url]);
    }

    let mut body = PlainText::default();
    for root in &roots {
        body.push_break(Break::Block);
        write_text(root, title_element, &mut body);
    }
    parsed.document.body = body.finish();
    // A page whose content is its title alone is still an article; one with
    // no text at all (a redirect page) is not.
    if parsed.document.body.is_empty() && title_element.is_none() && parsed.skip.is_none() {
        parsed.skip = Some("the page has no text in its main content".into());
    }
    if parsed.document.title.is_empty() {
        parsed.document.title = id.to_string();
    }
    parsed
}

/// The text of an HTML fragment (raw HTML inside Markdown), as body text.
pub(crate) fn fragment_text(html: &str, out: &mut PlainText) {
    let fragment = Html::parse_fragment(html);
    write_text(&fragment.root_element(), None, out);
}

/// Why the page is not to be indexed at all, if it says so.
fn skip_reason(page: &Html) -> Option<String> {
    let root = page.root_element();
    let body = root.child_elements().find(|e| e.value().name() == "body");
    if root.attr(IGNORE_ATTR).is_some() || body.is_some_and(|b| b.attr(IGNORE_ATTR).is_some()) {
        return Some(format!("the page is marked `{IGNORE_ATTR}`"));
    }
    for meta in page.select(&selector("meta[name][content]")) {
        let robots = meta.attr("name").is_some_and(|n| n.eq_ignore_ascii_case("robots"));
        let content = meta.attr("content").unwrap_or("");
        if robots && content.split(',').any(|c| ["noindex", "none"].contains(&c.trim().to_ascii_lowercase().as_str())) {
            return Some(format!("the page says `<meta name=\"robots\" content=\"{content}\">`"));
        }
    }
    None
}

/// Where the page's main content is.
fn content_roots(page: &Html) -> Vec<ElementRef<'_>> {
    let marked: Vec<ElementRef> = page
        .select(&selector(&format!("[{BODY_ATTR}]")))
        .filter(|e| !e.ancestors().filter_map(ElementRef::wrap).any(|a| a.attr(BODY_ATTR).is_some()))
        .collect();
    if !marked.is_empty() {
        return marked;
    }
    ["main", "article", "body"]
        .iter()
        .find_map(|name| page.select(&selector(name)).next())
        .map_or_else(|| vec![page.root_element()], |e| vec![e])
}

/// Writes the text under `root`, leaving out excluded and ignored elements
/// and the element whose text became the title.
fn write_text(root: &ElementRef, title_element: Option<NodeId>, out: &mut PlainText) {
    let mut skipping: Option<NodeId> = None;
    let mut verbatim: Option<(NodeId, String)> = None;
    let mut list_items = 0_usize;
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => {
                if skipping.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Text(text) => match &mut verbatim {
                        Some((_, pre)) => pre.push_str(text),
                        None => out.push_text(text),
                    },
                    Node::Element(element) => {
                        let name = element.name();
                        let left_out = EXCLUDED.contains(&name) || element.attr(IGNORE_ATTR).is_some();
                        // The root itself is content even if it is, say, an `<aside data-search-body>`.
                        if left_out && node.id() != root.id() || Some(node.id()) == title_element {
                            skipping = Some(node.id());
                            continue;
                        }
                        if name == "li" {
                            list_items += 1;
                        }
                        out.push_break(break_around(name, list_items));
                        if name == "pre" && verbatim.is_none() {
                            verbatim = Some((node.id(), String::new()));
                        }
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if skipping.is_some() {
                    if skipping == Some(node.id()) {
                        skipping = None;
                    }
                    continue;
                }
                if let Node::Element(element) = node.value() {
                    let name = element.name();
                    if verbatim.as_ref().is_some_and(|(id, _)| *id == node.id()) {
                        out.push_verbatim(&verbatim.take().map(|(_, text)| text).unwrap_or_default());
                    }
                    if name == "li" {
                        list_items -= 1;
                    }
                    if name != "td" && name != "th" {
                        out.push_break(break_around(name, list_items));
                    }
                }
            }
        }
    }
}

/// The break an element puts before and after its content, as a browser lays
/// it out: a blank line around paragraphs, headings, lists, tables and other
/// blocks, a line break around list items, rows, `<div>`s and the like, ` | `
/// between table cells, nothing for inline elements.
fn break_around(name: &str, list_items: usize) -> Break {
    match name {
        "ul" | "ol" | "dl" if list_items > 0 => Break::Line,
        "p" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "pre" | "blockquote" | "ul" | "ol" | "dl" | "table"
        | "figure" | "hr" | "address" | "details" | "fieldset" => Break::Block,
        "div" | "section" | "article" | "main" | "body" | "li" | "dt" | "dd" | "tr" | "caption" | "figcaption"
        | "summary" | "legend" | "br" | "hgroup" | "center" | "dialog" | "search" | "thead" | "tbody" | "tfoot" => {
            Break::Line
        }
        "td" | "th" => Break::Cell,
        _ => Break::None,
    }
}

/// Whether the element is in (or is) a part marked `data-search-ignore="all"`,
/// which Pagefind leaves out of everything: text, title, metadata.
fn ignored_entirely(element: &ElementRef) -> bool {
    std::iter::once(*element)
        .chain(element.ancestors().filter_map(ElementRef::wrap))
        .any(|e| e.attr(IGNORE_ATTR).is_some_and(|v| v.trim().eq_ignore_ascii_case("all")))
}

/// The values a `data-search-meta` or `data-search-filter` attribute captures
/// from `element`, as (key, value, whether the value is the element's text):
/// `key` takes the element's text, `key[attr]` the value of one of its
/// attributes, `key:value` is the value as written (to the end, so it comes
/// last); several are separated by commas.
fn captures(element: &ElementRef, spec: &str) -> Vec<(String, String, bool)> {
    let mut found = Vec::new();
    let mut rest = spec;
    while !rest.trim().is_empty() {
        let mut depth = 0_i32;
        let stop = rest.char_indices().find(|&(_, c)| {
            match c {
                '[' => depth += 1,
                ']' => depth -= 1,
                _ => {}
            }
            depth == 0 && (c == ',' || c == ':')
        });
        let (item, after) = match stop {
            Some((i, ':')) => {
                let (key, value) = (rest[..i].trim(), rest[i + 1..].trim());
                if !key.is_empty() {
                    found.push((key.to_string(), value.to_string(), false));
                }
                break;
            }
            Some((i, _)) => (&rest[..i], &rest[i + 1..]),
            None => (rest, ""),
        };
        rest = after;
        let item = item.trim();
        let (key, value, from_text) = match item.split_once('[') {
            Some((key, attr)) => {
                (key.trim(), element.attr(attr.trim_end_matches(']').trim()).map(str::to_string), false)
            }
            None => (item, Some(element_text(element)), true),
        };
        if let (false, Some(value)) = (key.is_empty(), value) {
            found.push((key.to_string(), value, from_text));
        }
    }
    found
}

/// An element's text, whitespace collapsed.
fn element_text(element: &ElementRef) -> String {
    let mut text = PlainText::default();
    for piece in element.text() {
        text.push_text(piece);
    }
    text.finish()
}

fn selector(css: &str) -> Selector {
    Selector::parse(css).expect("a valid built-in selector")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(html: &str) -> Parsed {
        parse_html("page", html, Some("/page/".into()))
    }

    #[test]
    fn the_body_is_the_main_content_without_furniture() {
        let parsed = parse(
            "<!doctype html><html lang=\"vi-VN\"><head><title>Tab title | Site</title>\
             <style>.x{}</style><script>var nav = 1;</script></head><body>\
             <header><a>Home</a></header><nav>Menu words</nav>\
             <main><article><header><h1>The   headline</h1><time datetime=\"2024-08-14T10:00:00+07:00\">14 Aug</time>\
             </header><p>First <b>para</b>graph\n  wraps.</p><ul><li>one<ul><li>nested</li></ul></li><li>two</li></ul>\
             <table><tr><th>Name</th><th>Rank</th></tr><tr><td>Giang</td><td>General</td></tr></table>\
             <pre><code>fn main() {\n\n    x();\n}</code></pre>\
             <div data-search-ignore>Share this</div><aside>Related words</aside>\
             <p>End<br>line.</p></article></main><footer>Copyright words</footer></body></html>",
        );
        let doc = &parsed.document;
        assert_eq!(doc.title, "The headline");
        assert_eq!(doc.lang.as_deref(), Some("vi"));
        assert_eq!(doc.date.as_deref(), Some("2024-08-14T10:00:00+07:00"));
        assert_eq!(doc.url.as_deref(), Some("/page/"));
        assert_eq!(
            doc.body,
            "First paragraph wraps.\n\none\nnested\ntwo\n\nName | Rank\nGiang | General\n\n\
             fn main() {\n\n    x();\n}\n\nEnd\nline."
        );
        assert!(parsed.skip.is_none() && parsed.warnings.is_empty(), "{parsed:?}");
    }

    #[test]
    fn data_attributes_mirror_pagefind() {
        let parsed = parse(
            "<html><head><meta name=\"author\" content=\"Meta Author\">\
             <meta property=\"article:tag\" content=\"defence\"><meta property=\"article:tag\" content=\"Russia\">\
             <link rel=\"canonical\" href=\"https://example.com/canonical/\"></head><body>\
             <div data-search-body><h2 data-search-meta=\"title\">Chosen title</h2><h1>Not the title</h1>\
             <p>By <span data-search-filter=\"author\">Jane Doe</span></p>\
             <img src=\"/hero.png\" alt=\"Hero\" data-search-meta=\"image[src], image_alt[alt]\">\
             <p data-search-filter=\"series:Defence ties, part 2\">Kept text</p></div>\
             <div data-search-body>Second body</div><p>Outside the body</p>\
             <div data-search-ignore=\"all\"><span data-search-filter=\"tags:hidden\">x</span></div>\
             <span data-search-meta=\"date:Wed, 14 Aug 2024 10:00:00 +0700\"></span>\
             <span data-search-filter=\"category:News\" data-search-meta=\"url:/custom/url/\"></span></body></html>",
        );
        let doc = &parsed.document;
        assert_eq!(doc.title, "Chosen title");
        assert_eq!(doc.url.as_deref(), Some("/custom/url/"));
        assert_eq!(doc.date.as_deref(), Some("2024-08-14T10:00:00+07:00"));
        assert_eq!(doc.author, ["Jane Doe"], "the page's own filter wins over <meta name=author>");
        assert_eq!(doc.tags, ["defence", "Russia"]);
        assert_eq!(doc.category, ["News"]);
        assert_eq!(doc.filters["series"], ["Defence ties, part 2"]);
        assert_eq!(doc.meta["image"], ["/hero.png"]);
        assert_eq!(doc.meta["image_alt"], ["Hero"]);
        assert_eq!(doc.body, "Not the title\n\nBy Jane Doe\n\nKept text\n\nSecond body");
    }

    #[test]
    fn fallbacks_skips_and_warnings() {
        let doc = parse("<html><head><title> Only  the tab </title></head><body><p>Text.</p></body></html>").document;
        assert_eq!((doc.title.as_str(), doc.body.as_str()), ("Only the tab", "Text."));
        let doc = parse("<p>No head at all</p>").document;
        assert_eq!((doc.title.as_str(), doc.body.as_str()), ("page", "No head at all"));

        let skipped = |html: &str| parse(html).skip.unwrap_or_default();
        assert!(skipped("<html data-search-ignore><body>x</body></html>").contains("data-search-ignore"));
        assert!(skipped("<body data-search-ignore=\"all\">x</body>").contains("data-search-ignore"));
        assert!(skipped("<meta name=\"ROBOTS\" content=\"noarchive, NoIndex\"><p>x</p>").contains("NoIndex"));
        assert!(parse("<meta name=\"robots\" content=\"index, follow\"><p>x</p>").skip.is_none());
        let redirect = "<html><head><title>https://example.com/new/</title>\
                        <meta http-equiv=\"refresh\" content=\"0; url=https://example.com/new/\"></head></html>";
        assert!(skipped(redirect).contains("no text"));
        let title_only = parse("<title>Tab</title><main><h1>Only a heading</h1><nav>Menu</nav></main>");
        assert_eq!((title_only.skip, title_only.document.title.as_str()), (None, "Only a heading"));

        let parsed = parse("<html lang=\"English\"><body><time datetime=\"soon\">x</time><p>y</p></body></html>");
        assert_eq!((parsed.document.date.as_ref(), parsed.document.lang.as_ref()), (None, None));
        assert!(parsed.warnings.iter().any(|w| w.contains("`soon`")), "{:?}", parsed.warnings);
        assert!(parsed.warnings.iter().any(|w| w.contains("`English`")), "{:?}", parsed.warnings);
    }
}
