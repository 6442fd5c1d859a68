//! [`PlainText`]: the body text that Markdown and HTML become, with breaks
//! that keep blocks apart, so snippets and the reader view read well.

/// A break between two pieces of text, weakest first: of several breaks in a
/// row only the strongest is written, and none at the start or the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Break {
    None,
    /// Whitespace between words.
    Space,
    /// Between two table cells: ` | `.
    Cell,
    /// A line break: list items, table rows, `<br>`.
    Line,
    /// A blank line: paragraphs, headings, code blocks, whole lists.
    Block,
}

/// Writes text with collapsed whitespace (as a browser shows it), or verbatim
/// inside preformatted blocks, and the breaks asked for between pieces.
#[derive(Debug, Default)]
pub(crate) struct PlainText {
    out: String,
    pending: Option<Break>,
}

impl PlainText {
    /// Asks for at least `kind` of break before the next text.
    pub(crate) fn push_break(&mut self, kind: Break) {
        if !self.out.is_empty() {
            self.pending = self.pending.max(Some(kind));
        }
    }

    /// Text as a browser shows it: any run of whitespace is one space.
    pub(crate) fn push_text(&mut self, text: &str) {
        let mut words = text.split(char::is_whitespace).peekable();
        if text.starts_with(char::is_whitespace) {
            self.push_break(Break::Space);
        }
        while let Some(word) = words.next() {
            if word.is_empty() {
                continue;
            }
            self.write_pending();
            self.out.push_str(word);
            if words.peek().is_some() {
                self.push_break(Break::Space);
            }
        }
    }

    /// A whole preformatted block (code): line breaks and indentation kept,
    /// blank lines at its start and end dropped.
    pub(crate) fn push_verbatim(&mut self, text: &str) {
        let text = text.trim_start_matches(['\n', '\r']).trim_end();
        for (i, line) in text.split('\n').enumerate() {
            let line = line.trim_end();
            if i > 0 {
                // A blank line inside the code stays one blank line.
                self.push_break(if line.is_empty() { Break::Block } else { Break::Line });
            }
            if !line.is_empty() {
                self.write_pending();
                self.out.push_str(line);
            }
        }
    }

    /// The text written so far, for a caller that captures a part of it.
    pub(crate) fn len(&self) -> usize {
        self.out.len()
    }

    /// The text from byte `start` (a [`len`](Self::len) taken earlier) on.
    pub(crate) fn since(&self, start: usize) -> &str {
        self.out.get(start..).unwrap_or("")
    }

    /// Forgets everything from byte `start` on, and the pending break.
    pub(crate) fn truncate(&mut self, start: usize) {
        self.out.truncate(start);
        self.pending = None;
    }

    pub(crate) fn finish(self) -> String {
        self.out
    }

    fn write_pending(&mut self) {
        match self.pending.take() {
            None | Some(Break::None) => {}
            Some(Break::Space) => self.out.push(' '),
            Some(Break::Cell) => self.out.push_str(" | "),
            Some(Break::Line) => self.out.push('\n'),
            Some(Break::Block) => self.out.push_str("\n\n"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn breaks_collapse_to_the_strongest_and_never_lead_or_trail() {
        let mut text = PlainText::default();
        text.push_break(Break::Block);
        text.push_text("  Hello \n  world ");
        text.push_break(Break::Line);
        text.push_break(Break::Block);
        text.push_break(Break::Space);
        text.push_text("Next");
        text.push_break(Break::Cell);
        text.push_text("cell");
        text.push_text("s");
        text.push_break(Break::Line);
        text.push_verbatim("  fn main() {}  \n\n    x\n");
        text.push_break(Break::Block);
        assert_eq!(text.finish(), "Hello world\n\nNext | cells\n  fn main() {}\n\n    x");
    }
}
