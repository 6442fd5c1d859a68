//! The passage shown under a hit, and highlight ranges in UTF-16 code units.
//!
//! JavaScript indexes strings in UTF-16 code units, and Vietnamese text makes
//! those differ from bytes and from chars, so every range handed out here is
//! counted in UTF-16 units of the returned string.

use crate::analysis::{is_hyphen, Analyzer, Token};
use crate::ranking::{SNIPPET_LEAD_CHARS, SNIPPET_MAX_CHARS, SNIPPET_MIN_CHARS, SNIPPET_WINDOW_WORDS};
use crate::sort::sort_by;

/// Analysis of the body resumes at least this many words before the best
/// window's anchor: room for the lead and for widening the window backwards,
/// which never reach more than [`SNIPPET_MAX_CHARS`] before it. Words take
/// at least two characters each (one letter, one separator), so this many
/// words always span more, and a resumed snippet equals one analysed from
/// the top.
const RESUME_SLACK_WORDS: u32 = (SNIPPET_MAX_CHARS as u32).div_ceil(2) + 1;

/// Text with highlight ranges `[start, end)` in UTF-16 code units.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Highlighted {
    /// The text to show.
    pub text: String,
    /// Sorted, non-overlapping `[start, end)` ranges of `text` in UTF-16 units.
    pub highlights: Vec<[u32; 2]>,
}

/// A word of the text as laid out on the page, and whether it matched.
struct Word {
    start: usize,
    end: usize,
    position: u32,
    matched: bool,
}

/// The words of a layout ([`Analyzer::layout_until`]: ordered, not
/// overlapping) with the matched positions marked.
fn words(tokens: &[Token], is_match: &dyn Fn(u32) -> bool) -> Vec<Word> {
    tokens
        .iter()
        .map(|t| Word { start: t.start, end: t.end, position: t.position, matched: is_match(t.position) })
        .collect()
}

/// The whole of `text` (whitespace collapsed) with the words at matched
/// positions highlighted; `first_position` is the position of its first word
/// in the index (0 for a title).
pub fn highlight_all(
    analyzer: &Analyzer,
    text: &str,
    first_position: u32,
    is_match: &dyn Fn(u32) -> bool,
) -> Highlighted {
    render(text, 0, text.len(), &matched_ranges(analyzer, text, first_position, is_match))
}

/// `text` unchanged (line breaks kept, for a reader view) with the words at
/// matched positions highlighted; `first_position` as in [`highlight_all`].
pub fn highlight_exact(
    analyzer: &Analyzer,
    text: &str,
    first_position: u32,
    is_match: &dyn Fn(u32) -> bool,
) -> Highlighted {
    let mut highlights = Vec::new();
    let (mut byte, mut utf16) = (0, 0u32);
    let mut to_utf16 = |target: usize| {
        utf16 += text[byte..target].encode_utf16().count() as u32;
        byte = target;
        utf16
    };
    for (start, end) in matched_ranges(analyzer, text, first_position, is_match) {
        highlights.push([to_utf16(start), to_utf16(end)]);
    }
    Highlighted { text: text.to_string(), highlights }
}

/// A stretch of an article's body, as much of it as a passage needs when
/// the body is stored in parts ([`BODY_PART_WORDS`](crate::index::format::BODY_PART_WORDS)):
/// `text` starts `offset` bytes into the body, and is the rest of it if `ends`.
#[derive(Debug, Clone, Copy)]
pub struct BodyText<'t> {
    /// The text.
    pub text: &'t str,
    /// Where it starts in the body, in bytes.
    pub offset: usize,
    /// Whether it runs to the body's end.
    pub ends: bool,
}

/// What [`passage_in`] made of a stretch of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Passage {
    /// The passage, the same as the whole body gives.
    Found(Highlighted),
    /// The stretch starts after the point where analysis must resume.
    NeedsEarlier,
    /// The stretch ends before the passage does.
    NeedsLater,
}

/// The best passage of `body` for a query: the ~200-character window with
/// the most distinct matching clauses, then the most matches, cut at word
/// boundaries, with `…` where it cuts the text.
///
/// `first_position` is the index position of the body's first word and
/// `clauses` the matched positions of each query clause (sorted). The window
/// is chosen from positions alone, so the body is analysed only around it:
/// from `resume_before(word)`, the last point before body word `word` where
/// analysis can resume (byte offset, body word position), up to the window.
pub fn best_passage(
    analyzer: &Analyzer,
    body: &str,
    first_position: u32,
    clauses: &[Vec<u32>],
    resume_before: &dyn Fn(u32) -> (usize, u32),
) -> Highlighted {
    let whole = BodyText { text: body, offset: 0, ends: true };
    match passage_in(analyzer, whole, first_position, clauses, resume_before) {
        Passage::Found(passage) => passage,
        // The whole body needs nothing more.
        Passage::NeedsEarlier | Passage::NeedsLater => Highlighted::default(),
    }
}

/// The matched position where the best passage starts (see [`best_passage`]).
pub fn passage_anchor(first_position: u32, clauses: &[Vec<u32>]) -> u32 {
    best_window(first_position, clauses)
}

/// The positions whose text the passage at `anchor` is likely to read:
/// from the resume point before its slack (resume points lie about
/// [`RESUME_EVERY`](crate::index::format::RESUME_EVERY) words apart) to
/// past its end. A split index fetches the body parts they lie in with the
/// record, so that a deep passage rarely costs a second round.
pub fn passage_positions(anchor: u32) -> std::ops::RangeInclusive<u32> {
    let before = RESUME_SLACK_WORDS + crate::index::format::RESUME_EVERY;
    anchor.saturating_sub(before)..=anchor.saturating_add(RESUME_SLACK_WORDS)
}

/// [`best_passage`] from a stretch of the body: the passage, unless the
/// stretch lacks text it needs (analysis resumes before it, or the passage
/// runs past its end), when it says which.
pub fn passage_in(
    analyzer: &Analyzer,
    body: BodyText,
    first_position: u32,
    clauses: &[Vec<u32>],
    resume_before: &dyn Fn(u32) -> (usize, u32),
) -> Passage {
    let anchor_position = best_window(first_position, clauses);
    let body_word = anchor_position.saturating_sub(first_position).saturating_sub(RESUME_SLACK_WORDS);
    let (from_byte, from_word) = resume_before(body_word);
    let (from_byte, from_word) = match from_byte.checked_sub(body.offset).filter(|&at| body.text.is_char_boundary(at)) {
        Some(at) => (at, from_word),
        // Off the text (a damaged record): a stretch from the body's start can
        // still be analysed from there, only more slowly.
        None if body.offset == 0 => (0, 0),
        None => return Passage::NeedsEarlier,
    };
    let (starts, ends, body) = (body.offset == 0, body.ends, body.text);
    let mut tokens = Vec::new();
    let text = &body[from_byte..];
    // Characters from the anchor word's start to the last word's end, counted as words come.
    let (mut counted_to, mut chars_past_anchor, mut enough) = (None::<usize>, 0, false);
    analyzer.layout_until(text, first_position + from_word, &mut tokens, |tokens| {
        let Some(last) = tokens.last() else { return false }; // a word too long to index adds none
        if counted_to.is_none() && last.position >= anchor_position {
            counted_to = Some(last.start);
        }
        let Some(from) = counted_to else { return false };
        chars_past_anchor += chars(&text[from..last.end]);
        counted_to = Some(last.end);
        // Enough text past the anchor for the longest window.
        enough = chars_past_anchor > SNIPPET_MAX_CHARS;
        enough
    });
    if !enough && !ends {
        return Passage::NeedsLater;
    }
    for token in &mut tokens {
        (token.start, token.end) = (token.start + from_byte, token.end + from_byte);
    }
    let is_match = |p: u32| clauses.iter().any(|c| c.binary_search(&p).is_ok());
    let words = words(&tokens, &is_match);
    if words.is_empty() {
        return if starts { Passage::Found(render(body, 0, body.len(), &[])) } else { Passage::NeedsEarlier };
    }
    let anchor = words.iter().position(|w| w.position >= anchor_position).unwrap_or(0);

    let mut first = anchor;
    while first > 0 && chars(&body[words[first - 1].start..words[anchor].start]) <= SNIPPET_LEAD_CHARS {
        let gap = &body[words[first - 1].end..words[first].start];
        if gap.contains(['.', '!', '?', '\n']) {
            break; // start at the beginning of the sentence
        }
        first -= 1;
    }
    let mut last = first;
    while last + 1 < words.len() && chars(&body[words[first].start..words[last + 1].end]) <= SNIPPET_MAX_CHARS {
        last += 1;
    }
    while first > 0
        && chars(&body[words[first].start..words[last].end]) < SNIPPET_MIN_CHARS
        && chars(&body[words[first - 1].start..words[last].end]) <= SNIPPET_MAX_CHARS
    {
        first -= 1;
    }
    let start = words[first].start;
    let mut end = words[last].end;
    // Keep the punctuation that closes the last word (`Moscow.`).
    end += body[end..]
        .chars()
        .take_while(|c| c.is_ascii_punctuation() || *c == '”' || *c == '’')
        .map(char::len_utf8)
        .sum::<usize>();
    let mut passage = render(body, start, end, &marks(body, &words[first..=last]));
    if !starts || !body[..start].trim().is_empty() {
        passage.text.insert(0, '…');
        passage.highlights.iter_mut().for_each(|r| *r = [r[0] + 1, r[1] + 1]);
    }
    let ends_sentence = passage.text.ends_with(['.', '!', '?', '”', '"']);
    if (!ends || !body[end..].trim().is_empty()) && !ends_sentence {
        passage.text.push('…');
    }
    Passage::Found(passage)
}

/// The matched position where the best window starts: most distinct
/// clauses within [`SNIPPET_WINDOW_WORDS`], then most matches, then earliest. The
/// first body word if nothing in the body matched.
fn best_window(first_position: u32, clauses: &[Vec<u32>]) -> u32 {
    let mut starts: Vec<u32> = clauses.iter().flatten().copied().filter(|&p| p >= first_position).collect();
    sort_by(&mut starts, u32::cmp);
    starts.dedup();
    let score = |start: u32| {
        let end = start.saturating_add(SNIPPET_WINDOW_WORDS);
        let in_window = |c: &Vec<u32>| c.partition_point(|&p| p < end) - c.partition_point(|&p| p < start);
        let counts: Vec<usize> = clauses.iter().map(in_window).collect();
        (counts.iter().filter(|&&n| n > 0).count(), counts.iter().sum::<usize>())
    };
    let mut best: Option<(u32, (usize, usize))> = None;
    for &start in starts.iter().take(256) {
        let s = score(start);
        if best.is_none_or(|(_, b)| s > b) {
            best = Some((start, s));
        }
    }
    best.map_or(first_position, |(start, _)| start)
}

/// Byte ranges of the words of the whole `text` at matched positions
/// (see [`marks`]); `first_position` as in [`highlight_all`].
fn matched_ranges(
    analyzer: &Analyzer,
    text: &str,
    first_position: u32,
    is_match: &dyn Fn(u32) -> bool,
) -> Vec<(usize, usize)> {
    let mut tokens = Vec::new();
    analyzer.layout_until(text, first_position, &mut tokens, |_| false);
    marks(text, &words(&tokens, is_match))
}

/// Byte ranges of the matched words; matched parts of a hyphenated name
/// (`ARMY-2024`) make one range.
fn marks(text: &str, words: &[Word]) -> Vec<(usize, usize)> {
    let mut merged: Vec<(usize, usize)> = Vec::new();
    let mut previous_matched = false;
    for word in words {
        if !word.matched {
            previous_matched = false;
            continue;
        }
        match merged.last_mut() {
            Some(last) if previous_matched && text[last.1..word.start].chars().all(is_hyphen) => last.1 = word.end,
            _ => merged.push((word.start, word.end)),
        }
        previous_matched = true;
    }
    merged
}

/// Copies `text[start..end]` (trimmed) with whitespace runs collapsed, and
/// turns the byte ranges `marks` into UTF-16 ranges of the copy. A line break
/// after a line with no closing punctuation (a caption, a heading) becomes
/// ` · `, so it does not read as one sentence with the next line.
fn render(text: &str, start: usize, end: usize, marks: &[(usize, usize)]) -> Highlighted {
    let slice = &text[start..end];
    let from = start + (slice.len() - slice.trim_start().len());
    let to = start + slice.trim_end().len();
    let mut out = Highlighted { text: String::with_capacity(to - from), highlights: Vec::with_capacity(marks.len()) };
    let mut utf16 = 0u32;
    let mut next_mark = 0;
    let mut open: Option<u32> = None;
    let mut pending_space: Option<bool> = None; // Some(contains a line break)
    let mut previous = ' ';
    for (i, c) in text[from..to].char_indices() {
        let i = i + from;
        if let (Some(begin), Some(&(_, mark_end))) = (open, marks.get(next_mark)) {
            if i >= mark_end {
                out.highlights.push([begin, utf16]);
                open = None;
                next_mark += 1;
            }
        }
        if c.is_whitespace() {
            pending_space = Some(pending_space.unwrap_or(false) || c == '\n');
            continue;
        }
        if let Some(line_break) = pending_space.take() {
            let separator = if line_break && previous.is_alphanumeric() { " · " } else { " " };
            out.text.push_str(separator);
            utf16 += separator.encode_utf16().count() as u32;
        }
        if let (None, Some(&(mark_start, _))) = (open, marks.get(next_mark)) {
            if i >= mark_start {
                open = Some(utf16);
            }
        }
        out.text.push(c);
        utf16 += c.len_utf16() as u32;
        previous = c;
    }
    if let Some(begin) = open {
        out.highlights.push([begin, utf16]);
    }
    out
}

fn chars(s: &str) -> usize {
    s.chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The positions where `word` stands in `text`.
    fn at(text: &str, word: &str) -> Vec<u32> {
        Analyzer::new().tokens(text).into_iter().filter(|t| t.term == word).map(|t| t.position).collect()
    }

    /// A position matcher for the positions where `word` stands in `text`.
    fn is<'a>(text: &'a str, word: &'a str) -> impl Fn(u32) -> bool + 'a {
        let positions = at(text, word);
        move |p| positions.contains(&p)
    }

    fn marked(h: &Highlighted) -> Vec<String> {
        let units: Vec<u16> = h.text.encode_utf16().collect();
        h.highlights.iter().map(|r| String::from_utf16_lossy(&units[r[0] as usize..r[1] as usize])).collect()
    }

    #[test]
    fn highlights_are_utf16_ranges_of_the_original_words() {
        let text = "Hội nghị ở Hà Nội, HÀ NỘI";
        let h = highlight_all(&Analyzer::new(), text, 0, &is(text, "noi"));
        assert_eq!(marked(&h), ["Nội", "NỘI"]);
    }

    #[test]
    fn astral_characters_count_two_units() {
        let text = "𝕏 emoji 🎉 Belousov";
        let h = highlight_all(&Analyzer::new(), text, 0, &is(text, "belousov"));
        assert_eq!(marked(&h), ["Belousov"]);
        assert_eq!(h.highlights[0][0], 12);
    }

    #[test]
    fn passage_is_cut_at_words_around_the_match() {
        let body =
            format!("{} Belousov met Giang in Moscow. {}", "lorem ipsum dolor ".repeat(30), "sit amet ".repeat(40));
        let p = best_passage(&Analyzer::new(), &body, 0, &[at(&body, "belousov")], &|_| (0, 0));
        let len = p.text.chars().count();
        assert!((SNIPPET_MIN_CHARS..=SNIPPET_MAX_CHARS + 2).contains(&len), "{len}: {}", p.text);
        assert!(p.text.starts_with('…') && p.text.ends_with('…'));
        assert_eq!(marked(&p), ["Belousov"]);
        for word in p.text.trim_matches('…').split(' ') {
            assert!(body.contains(word));
        }
    }

    #[test]
    fn passage_prefers_the_window_with_most_distinct_terms() {
        let body = format!("russia {} russia defence talks {}", "x ".repeat(200), "y ".repeat(200));
        let p = best_passage(&Analyzer::new(), &body, 0, &[at(&body, "russia"), at(&body, "defense")], &|_| (0, 0));
        assert_eq!(marked(&p), ["russia", "defence"]);
    }

    #[test]
    fn exact_highlighting_keeps_the_text() {
        let text = "Hà Nội\n\nTalks in  HÀ NỘI.";
        let h = highlight_exact(&Analyzer::new(), text, 0, &is(text, "noi"));
        assert_eq!(h.text, text);
        assert_eq!(marked(&h), ["Nội", "NỘI"]);
    }

    #[test]
    fn a_hyphenated_name_is_one_highlight() {
        let text = "the ARMY-2024 forum";
        let h = highlight_all(&Analyzer::new(), text, 0, &|p| p == 1 || p == 2);
        assert_eq!(marked(&h), ["ARMY-2024"]);
    }

    #[test]
    fn a_long_body_is_tokenized_only_up_to_the_window() {
        let body = format!("Belousov met Giang. {}", "filler words here ".repeat(50_000));
        let p = best_passage(&Analyzer::new(), &body, 0, &[vec![0]], &|_| (0, 0));
        assert!(p.text.starts_with("Belousov met Giang.") && p.text.ends_with('…'));
        assert_eq!(marked(&p), ["Belousov"]);
    }

    #[test]
    fn a_body_opening_with_an_unindexable_word_still_has_a_snippet() {
        let body = format!("{} Belousov met Giang.", "x".repeat(200));
        let p = best_passage(&Analyzer::new(), &body, 0, &[vec![0]], &|_| (0, 0));
        assert_eq!(marked(&p), ["Belousov"]);
    }

    #[test]
    fn a_resume_point_off_a_character_boundary_falls_back_to_the_start() {
        let body = format!("Đà Nẵng hosted Belousov. {}", "filler words here ".repeat(100));
        let whole = best_passage(&Analyzer::new(), &body, 0, &[at(&body, "belousov")], &|_| (0, 0));
        let damaged = best_passage(&Analyzer::new(), &body, 0, &[at(&body, "belousov")], &|_| (1, 1));
        assert_eq!(marked(&whole), ["Belousov"]);
        assert_eq!(damaged, whole);
    }

    #[test]
    fn no_match_gives_the_opening() {
        let p = best_passage(&Analyzer::new(), "Short body.\n\nSecond  line.", 0, &[], &|_| (0, 0));
        assert_eq!(p.text, "Short body. Second line.");
        assert!(p.highlights.is_empty());
        let text = "A caption\nThe story  goes on.";
        let p = best_passage(&Analyzer::new(), text, 0, &[at(text, "story")], &|_| (0, 0));
        assert_eq!(p.text, "A caption · The story goes on.");
        assert_eq!(marked(&p), ["story"]);
    }
}
