//! Splitting text into words, with byte offsets into the original text.
//!
//! A word is a run of letters and digits of any script. Inside a word an
//! apostrophe is kept (`don't`, `Vietnam’s`) and a hyphen splits it into
//! parts (`Vietnam-Russia` is two words). Everything else (punctuation,
//! symbols, emoji) separates words and is never indexed.

use super::fold::{fold_char, is_apostrophe, is_hyphen, is_word_char};
use super::variants::american;
use super::{Token, TokenKind, MAX_TERM_BYTES};

/// One hyphen-separated part of a word: its byte range in the text and its
/// folded term (empty if the part is too long to be a real word, or if only
/// the layout was asked for).
struct Part {
    start: usize,
    end: usize,
    term: String,
    /// Whether the part is a term of the index, i.e. takes a position.
    indexed: bool,
}

/// What a tokenizer run produces.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Output {
    /// Every token with its term: for indexing and queries.
    Terms,
    /// Only where the words stand (offsets and positions, empty terms, no
    /// whole hyphenated names): for snippets and highlights, which know the
    /// matched positions already. Skips the costly part of folding.
    Layout,
}

/// Appends the tokens of `text` to `tokens`, numbering positions from
/// `first_position`, until `done(tokens)` says enough (checked after each
/// word). Returns the next free position.
pub fn tokenize(
    text: &str,
    first_position: u32,
    tokens: &mut Vec<Token>,
    output: Output,
    mut done: impl FnMut(&[Token]) -> bool,
) -> u32 {
    let mut position = first_position;
    let mut parts: Vec<Part> = Vec::new();
    let mut rest = text.char_indices().peekable();
    while let Some(&(start, c)) = rest.peek() {
        if !is_word_char(c) {
            rest.next();
            continue;
        }
        // One word: parts joined by hyphens, apostrophes kept inside parts.
        parts.clear();
        let mut part_start = start;
        let mut end = start;
        while let Some(&(i, c)) = rest.peek() {
            if is_word_char(c) {
                end = i + c.len_utf8();
                rest.next();
                continue;
            }
            let joiner = is_apostrophe(c) || is_hyphen(c);
            let next_is_word = text[i + c.len_utf8()..].chars().next().is_some_and(is_word_char);
            if !(joiner && next_is_word) {
                break;
            }
            rest.next();
            if is_hyphen(c) {
                parts.push(fold_part(text, part_start, end, output));
                part_start = i + c.len_utf8();
            }
        }
        parts.push(fold_part(text, part_start, end, output));
        position = emit_word(&mut parts, position, tokens, output);
        if done(tokens) {
            break;
        }
    }
    position
}

/// Emits the tokens of one word and returns the next free position.
///
/// A hyphenated word with a digit (`ARMY-2024`, `1941-1945`) is a name: it is
/// indexed whole (`army-2024`) as well as by its parts, so both queries find it.
fn emit_word(parts: &mut Vec<Part>, mut position: u32, tokens: &mut Vec<Token>, output: Output) -> u32 {
    let is_name = parts.len() > 1 && parts.iter().any(|p| p.term.bytes().any(|b| b.is_ascii_digit()));
    if is_name && output == Output::Terms && parts.iter().all(|p| p.indexed) {
        let whole: Vec<&str> = parts.iter().map(|p| p.term.as_str()).collect();
        let whole = whole.join("-");
        if whole.len() <= MAX_TERM_BYTES {
            tokens.push(Token {
                term: whole,
                position,
                start: parts[0].start,
                end: parts[parts.len() - 1].end,
                kind: TokenKind::Whole,
            });
        }
    }
    let kind = if is_name { TokenKind::Part } else { TokenKind::Word };
    for part in parts {
        if !part.indexed {
            continue;
        }
        tokens.push(Token { term: std::mem::take(&mut part.term), position, start: part.start, end: part.end, kind });
        position += 1;
    }
    position
}

/// Folds one part into its term: lowercase, no diacritics, no apostrophes, no
/// possessive `'s` (`Vietnam’s` is found by `vietnam`), American spelling.
/// For the layout, only whether it is a term: an ASCII part is unless it is
/// too long, and only other text needs folding to know.
fn fold_part(text: &str, start: usize, end: usize, output: Output) -> Part {
    let mut raw = &text[start..end];
    let mut tail = raw.char_indices().rev();
    if let (Some((_, s)), Some((i, a))) = (tail.next(), tail.next()) {
        if (s == 's' || s == 'S') && is_apostrophe(a) {
            raw = &raw[..i];
        }
    }
    if output == Output::Layout && raw.is_ascii() {
        let len = raw.bytes().filter(|&b| !is_apostrophe(char::from(b))).count();
        return Part { start, end, term: String::new(), indexed: (1..=MAX_TERM_BYTES).contains(&len) };
    }
    let mut term = String::with_capacity(raw.len());
    for c in raw.chars().filter(|&c| !is_apostrophe(c)) {
        fold_char(c, &mut term);
    }
    if term.len() > MAX_TERM_BYTES {
        term.clear();
    }
    let indexed = !term.is_empty();
    if output == Output::Layout {
        term.clear();
    } else {
        let american = american(&term);
        if american != term {
            term = american.into_owned();
        }
    }
    Part { start, end, term, indexed }
}
