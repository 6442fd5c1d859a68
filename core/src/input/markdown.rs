//! Markdown to body text through a CommonMark parser (`pulldown-cmark`, with
//! GitHub's tables, task lists, strikethrough and footnotes): every word a
//! reader sees is kept (headings, list items, link and image text, inline and
//! block code, table cells, raw HTML's text), markup and link targets go.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::html;
use super::plain_text::{Break, PlainText};

/// The body text of a Markdown document, and its first `# Heading`.
pub(crate) struct MarkdownText {
    /// Plain text, blocks apart.
    pub(crate) body: String,
    /// The text of the first level-1 heading, if any.
    pub(crate) first_heading: Option<String>,
}

/// Converts `markdown` to text. With `heading_is_title`, a level-1 heading
/// that opens the document is left out of the body (it becomes the title and
/// would repeat in every snippet); anywhere else it stays.
pub(crate) fn markdown_text(markdown: &str, heading_is_title: bool) -> MarkdownText {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_DEFINITION_LIST;
    let mut text = PlainText::default();
    let mut first_heading = None;
    let mut heading_start = None;
    let mut code: Option<String> = None;
    let mut html_block: Option<String> = None;
    let mut list_depth = 0_usize;
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Start(tag) => match tag {
                Tag::Heading { level, .. } => {
                    text.push_break(Break::Block);
                    if level == HeadingLevel::H1 && first_heading.is_none() {
                        heading_start = Some(text.len());
                    }
                }
                Tag::CodeBlock(_) => {
                    text.push_break(Break::Block);
                    code = Some(String::new());
                }
                Tag::HtmlBlock => {
                    text.push_break(Break::Block);
                    html_block = Some(String::new());
                }
                // A list inside a list item goes on the next line.
                Tag::List(_) => {
                    text.push_break(if list_depth > 0 { Break::Line } else { Break::Block });
                    list_depth += 1;
                }
                Tag::Paragraph
                | Tag::BlockQuote(_)
                | Tag::Table(_)
                | Tag::FootnoteDefinition(_)
                | Tag::DefinitionList => text.push_break(Break::Block),
                Tag::Item
                | Tag::TableHead
                | Tag::TableRow
                | Tag::DefinitionListTitle
                | Tag::DefinitionListDefinition => text.push_break(Break::Line),
                Tag::TableCell => text.push_break(Break::Cell),
                _ => {}
            },
            Event::End(end) => match end {
                TagEnd::Heading(_) => {
                    if let Some(start) = heading_start.take() {
                        let heading = text.since(start).trim().to_string();
                        if heading_is_title && start == 0 {
                            text.truncate(0);
                        }
                        first_heading = Some(heading);
                    }
                    text.push_break(Break::Block);
                }
                TagEnd::CodeBlock => {
                    text.push_verbatim(&code.take().unwrap_or_default());
                    text.push_break(Break::Block);
                }
                TagEnd::HtmlBlock => {
                    html::fragment_text(&html_block.take().unwrap_or_default(), &mut text);
                    text.push_break(Break::Block);
                }
                TagEnd::List(_) => {
                    list_depth -= 1;
                    text.push_break(if list_depth > 0 { Break::Line } else { Break::Block });
                }
                TagEnd::Paragraph
                | TagEnd::BlockQuote(_)
                | TagEnd::Table
                | TagEnd::FootnoteDefinition
                | TagEnd::DefinitionList => text.push_break(Break::Block),
                TagEnd::Item | TagEnd::TableHead | TagEnd::TableRow => text.push_break(Break::Line),
                _ => {}
            },
            Event::Text(t) => match (&mut code, &mut html_block) {
                (Some(code), _) => code.push_str(&t),
                (_, Some(html)) => html.push_str(&t),
                _ => text.push_text(&t),
            },
            Event::Html(t) => match &mut html_block {
                Some(html) => html.push_str(&t),
                None => html::fragment_text(&t, &mut text),
            },
            Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => text.push_text(&t),
            Event::InlineHtml(tag) => {
                if tag.trim_start_matches('<').trim_start_matches('/').to_ascii_lowercase().starts_with("br") {
                    text.push_break(Break::Line);
                }
            }
            Event::SoftBreak => text.push_break(Break::Space),
            Event::HardBreak => text.push_break(Break::Line),
            Event::Rule => text.push_break(Break::Block),
            Event::FootnoteReference(_) | Event::TaskListMarker(_) => {}
        }
    }
    MarkdownText { body: text.finish(), first_heading }
}

#[cfg(test)]
mod tests {
    use super::markdown_text;

    #[test]
    fn every_visible_word_is_kept_and_blocks_stay_apart() {
        let md = "# Title\n\nIntro with [a link](https://e.com/target) and `inline code`,\nwrapped.\n\n\
                  ## Section\n\n- first item\n- second *item*\n  1. nested\n\n\
                  ```rust\nfn main() {\n\n    println!(\"hi\");\n}\n```\n\n\
                  | Name | Rank |\n|---|---|\n| Giang | General |\n\n\
                  > quoted ![alt text](a.png)\n\n<div class=\"note\">\nRaw <b>HTML</b> text\n</div>\n\n\
                  Line one  \nline two<br>line three[^1]\n\n[^1]: The footnote.\n";
        let text = markdown_text(md, true);
        assert_eq!(text.first_heading.as_deref(), Some("Title"));
        assert_eq!(
            text.body,
            "Intro with a link and inline code, wrapped.\n\nSection\n\nfirst item\nsecond item\nnested\n\n\
             fn main() {\n\n    println!(\"hi\");\n}\n\nName | Rank\nGiang | General\n\nquoted alt text\n\n\
             Raw HTML text\n\nLine one\nline two\nline three\n\nThe footnote."
        );
        assert!(!text.body.contains("https://e.com") && !text.body.contains("a.png"));
    }

    #[test]
    fn a_heading_leaves_the_body_only_when_it_opens_it_and_is_the_title() {
        assert_eq!(markdown_text("# Title\n\nBody.", false).body, "Title\n\nBody.");
        let text = markdown_text("Intro.\n\n# Later heading\n\nBody.", true);
        assert_eq!(text.first_heading.as_deref(), Some("Later heading"));
        assert_eq!(text.body, "Intro.\n\nLater heading\n\nBody.");
        let text = markdown_text("Setext title\n============\n\nBody {#not-an-attribute}.", true);
        assert_eq!(
            (text.first_heading.as_deref(), text.body.as_str()),
            (Some("Setext title"), "Body {#not-an-attribute}.")
        );
        assert_eq!(markdown_text("# Title {#anchor}\n\nBody.", true).first_heading.as_deref(), Some("Title"));
    }
}
