//! Generates `fold_table.rs` from `unicode-normalization` (a dev-dependency
//! only, so the wasm never links its tables) and checks the analyzer against
//! that library, char by char.
//!
//! Regenerate the table (after updating the library or the Rust toolchain,
//! when `fold_table_is_generated_from_the_library` fails):
//!
//!   REGENERATE_FOLD_TABLE=1 cargo test -p article-search-core --lib fold_table

use std::fmt::Write;

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

use super::fold::{fold_char, is_mark, is_word_char, lowercase_other};
use super::fold_table::FOLD_STRING_CODE;

/// The spans of chars the tables index directly, `[first, end)`: Latin-1
/// Supplement, Latin Extended-A and -B, IPA Extensions, Spacing Modifier
/// Letters, Combining Diacritical Marks, Greek and Coptic, Cyrillic, Cyrillic
/// Supplement; then Latin Extended Additional (Vietnamese) and Greek Extended.
const SPANS: [(u32, u32); 2] = [(0x80, 0x530), (0x1E00, 0x2000)];

/// The blocks of the scripts the analyzer supports, where folding must be
/// exactly the library's: the table's spans, and blocks that need no table
/// because none of their chars decomposes (std's `to_lowercase` and the mark
/// table fold them alike).
const SUPPORTED: [(u32, u32, &str); 14] = [
    (0x0000, 0x052F, "Basic Latin .. Cyrillic Supplement"),
    (0x1AB0, 0x1AFF, "Combining Diacritical Marks Extended"),
    (0x1C80, 0x1C8F, "Cyrillic Extended-C"),
    (0x1D00, 0x1DBF, "Phonetic Extensions (and Supplement)"),
    (0x1DC0, 0x1DFF, "Combining Diacritical Marks Supplement"),
    (0x1E00, 0x1FFF, "Latin Extended Additional, Greek Extended"),
    (0x20D0, 0x20FF, "Combining Diacritical Marks for Symbols"),
    (0x2C60, 0x2C7F, "Latin Extended-C"),
    (0x2DE0, 0x2DFF, "Cyrillic Extended-A"),
    (0xA640, 0xA69F, "Cyrillic Extended-B"),
    (0xA720, 0xA7FF, "Latin Extended-D"),
    (0xAB30, 0xAB6F, "Latin Extended-E"),
    (0xFE20, 0xFE2F, "Combining Half Marks"),
    (0xFF00, 0xFFEF, "Halfwidth and Fullwidth Forms"),
];

/// The folding the table reproduces: `fold_char` as it was written on the
/// library (lowercase, canonical decomposition, combining marks dropped, the
/// letters whose stroke or ligature is not a mark mapped explicitly).
fn library_fold(c: char) -> String {
    let mut out = String::new();
    for lower in c.to_lowercase() {
        decompose_canonical(lower, |d| {
            if is_combining_mark(d) {
                return;
            }
            match d {
                'đ' | 'ð' => out.push('d'),
                'ø' => out.push('o'),
                'ł' => out.push('l'),
                'ħ' => out.push('h'),
                'ı' => out.push('i'),
                'ß' => out.push_str("ss"),
                'æ' => out.push_str("ae"),
                'œ' => out.push_str("oe"),
                'þ' => out.push_str("th"),
                _ => out.push(d),
            }
        });
    }
    out
}

fn fold(c: char) -> String {
    let mut out = String::new();
    fold_char(c, &mut out);
    out
}

fn chars(range: std::ops::Range<u32>) -> impl Iterator<Item = char> {
    range.filter_map(char::from_u32)
}

fn in_spans(c: char) -> bool {
    SPANS.iter().any(|&(first, end)| (first..end).contains(&u32::from(c)))
}

fn span_chars() -> impl Iterator<Item = char> {
    SPANS.iter().flat_map(|&(first, end)| chars(first..end))
}

/// What `is_word_char` says, from std and the library.
fn library_is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

/// Hangul syllables: `fold_char` decomposes them by arithmetic, no table.
fn is_hangul_syllable(c: char) -> bool {
    ('\u{AC00}'..='\u{D7A3}').contains(&c)
}

/// CJK compatibility ideographs: canonically equivalent to unified
/// ideographs, one by one (a thousand pairs). NFC text never has them, and
/// `fold_char` leaves them as they are.
fn is_cjk_compatibility_ideograph(c: char) -> bool {
    ('\u{F900}'..='\u{FAFF}').contains(&c) || ('\u{2F800}'..='\u{2FA1F}').contains(&c)
}

/// The library's folding without decompositions outside the spans: what
/// `fold_char` gives a char that is not in `FOLD_OTHER` either.
fn fold_without_decomposition(c: char) -> String {
    let mut out = String::new();
    for lower in c.to_lowercase() {
        if in_spans(lower) {
            out.push_str(&library_fold(lower));
        } else if !is_combining_mark(lower) {
            out.push(lower);
        }
    }
    out
}

/// The word chars outside the spans that the library folds differently
/// without its decompositions, and what they fold to (one pair per char of
/// the folded form): letters of other scripts made of a letter and marks.
fn other_folds() -> Vec<(char, char)> {
    let mut folds = Vec::new();
    for c in chars(0..0x11_0000) {
        if in_spans(c) || !library_is_word_char(c) || is_hangul_syllable(c) || is_cjk_compatibility_ideograph(c) {
            continue;
        }
        let folded = library_fold(c);
        if folded != fold_without_decomposition(c) {
            assert!(!folded.is_empty() && c.to_lowercase().eq([c]), "U+{:04X}: {folded:?}", u32::from(c));
            folds.extend(folded.chars().map(|f| (c, f)));
        }
    }
    folds
}

/// The entries of [`FOLD`](super::fold_table::FOLD), and the strings they
/// refer to.
fn entries() -> (Vec<u16>, Vec<String>) {
    let mut strings = vec![String::new()];
    let mut entries = Vec::new();
    for c in span_chars() {
        let cp = u32::from(c);
        let folded = library_fold(c);
        let mut it = folded.chars();
        let entry = match (it.next(), it.next()) {
            (Some(f), None) if u32::from(f) <= 0xFFFF => {
                let delta = (u32::from(f).wrapping_sub(cp) & 0xFFFF) as u16;
                assert!(!(FOLD_STRING_CODE..0xC000).contains(&delta), "U+{cp:04X}: delta {delta:#x} is an escape");
                delta
            }
            _ => {
                let i = strings.iter().position(|s| *s == folded).unwrap_or_else(|| {
                    strings.push(folded.clone());
                    strings.len() - 1
                });
                FOLD_STRING_CODE + i as u16
            }
        };
        entries.push(entry);
    }
    (entries, strings)
}

/// The bits of [`WORD_CHARS`](super::fold_table::WORD_CHARS).
fn word_chars() -> Vec<u64> {
    let mut bits = Vec::new();
    for (i, c) in span_chars().enumerate() {
        if i % 64 == 0 {
            bits.push(0);
        }
        if library_is_word_char(c) {
            *bits.last_mut().unwrap() |= 1 << (i % 64);
        }
    }
    bits
}

/// Unicode general category M (Mn, Mc, Me) as ranges, packed `start << 11 |
/// (len - 1)`.
fn mark_ranges() -> Vec<u32> {
    let mut ranges: Vec<(u32, u32)> = Vec::new();
    for c in chars(0..0x11_0000).filter(|&c| is_combining_mark(c)) {
        let cp = u32::from(c);
        match ranges.last_mut() {
            Some((first, last)) if *last + 1 == cp && cp - *first < 2048 => *last = cp,
            _ => ranges.push((cp, cp)),
        }
    }
    ranges.iter().map(|&(start, end)| start << 11 | (end - start)).collect()
}

/// std's lowercase of the chars outside the spans and ASCII that have one
/// (Armenian, Georgian, Cherokee, fullwidth Latin, Deseret...), as runs
/// `(first, count, stride, delta)`: chars `first + k * stride` for `k` below
/// `count` lowercase to themselves plus `delta` (cases alternate: stride 2).
fn lowercase_runs() -> Vec<(u32, u16, u8, i32)> {
    let mut runs: Vec<(u32, u16, u8, i32)> = Vec::new();
    for c in chars(0x80..0x11_0000).filter(|&c| !in_spans(c)) {
        let mut lower = c.to_lowercase();
        let (Some(l), None) = (lower.next(), lower.next()) else {
            panic!("U+{:04X} lowercases to more than one char", u32::from(c))
        };
        if l == c {
            continue;
        }
        let (cp, delta) = (u32::from(c), i32::try_from(u32::from(l)).unwrap() - i32::try_from(u32::from(c)).unwrap());
        match runs.last_mut() {
            Some((first, count, stride, d)) if *d == delta && cp == *first + u32::from(*count) * u32::from(*stride) => {
                *count += 1
            }
            Some((first, count @ 1, stride, d)) if *d == delta && cp - *first <= 2 => {
                (*count, *stride) = (2, (cp - *first) as u8)
            }
            _ => runs.push((cp, 1, 1, delta)),
        }
    }
    runs
}

/// The text of `fold_table.rs`.
fn render() -> String {
    let (entries, strings) = entries();
    let words = word_chars();
    let marks = mark_ranges();
    let (nu, nm, np) = unicode_normalization::UNICODE_VERSION;
    let (su, sm, sp) = char::UNICODE_VERSION;

    let mut out = String::new();
    writeln!(
        out,
        "\
// @generated by core/src/analysis/fold_table_gen.rs from unicode-normalization
// (Unicode {nu}.{nm}.{np}) and std's char methods (Unicode {su}.{sm}.{sp}). Do not edit:
//   REGENERATE_FOLD_TABLE=1 cargo test -p article-search-core --lib fold_table
// rewrites it, and the tests there check it against the library char by char.

//! The folding tables: what [`fold_char`](super::fold::fold_char) makes of
//! the chars of the Latin, Greek and Cyrillic blocks and of the letters of
//! other scripts that decompose, which chars are word chars and which are
//! combining marks, generated from `unicode-normalization` so that the
//! engine does not carry that library's tables (which cover all of Unicode,
//! and composition).

/// The spans of chars that [`FOLD`] and [`WORD_CHARS`] index, `[first,
/// end)`, one after the other: U+0080..U+052F (Latin-1 Supplement, Latin
/// Extended-A and -B, IPA, spacing modifiers, combining diacritical marks,
/// Greek and Coptic, Cyrillic and Cyrillic Supplement), U+1E00..U+1FFF
/// (Latin Extended Additional, i.e. Vietnamese, and Greek Extended).
pub(super) const FOLD_SPANS: [(u32, u32); {}] = [{}];

/// The first entry of [`FOLD_STRINGS`] in [`FOLD`].
pub(super) const FOLD_STRING_CODE: u16 = 0x{FOLD_STRING_CODE:04X};

/// What a char folds to when that is not one char.
pub(super) const FOLD_STRINGS: [&str; {}] = {strings:?};

/// What each char of the spans folds to: the folded char minus the char,
/// mod 2^16 (0: the char folds to itself), or [`FOLD_STRING_CODE`] + i: the
/// char folds to [`FOLD_STRINGS`]`[i]` (nothing, or two letters).
#[rustfmt::skip]
pub(super) const FOLD: [u16; {}] = [",
        SPANS.len(),
        SPANS.iter().map(|(first, end)| format!("(0x{first:04X}, 0x{end:04X})")).collect::<Vec<_>>().join(", "),
        strings.len(),
        entries.len(),
    )
    .unwrap();
    let firsts = span_chars().step_by(8);
    for (chunk, first) in entries.chunks(8).zip(firsts) {
        let items: Vec<String> = chunk.iter().map(|e| format!("0x{e:04X},")).collect();
        writeln!(out, "    {} // U+{:04X}", items.join(" "), u32::from(first)).unwrap();
    }
    writeln!(
        out,
        "];\n\n\
         /// Whether each char of the spans is a word char (a letter, digit or mark),\n\
         /// bit i % 64 of word i / 64.\n\
         #[rustfmt::skip]\n\
         pub(super) const WORD_CHARS: [u64; {}] = [",
        words.len()
    )
    .unwrap();
    for chunk in words.chunks(4) {
        let items: Vec<String> = chunk.iter().map(|w| format!("0x{w:016X},")).collect();
        writeln!(out, "    {}", items.join(" ")).unwrap();
    }
    writeln!(out, "];").unwrap();
    let other = other_folds();
    writeln!(
        out,
        "\n/// The word chars of the other scripts that canonical decomposition makes\n\
         /// a letter and marks (Arabic letters with a hamza or madda, Indic letters\n\
         /// with a nukta, kana with a dakuten, Hebrew presentation forms...), sorted,\n\
         /// with what they fold to: one pair per folded char (a few fold to two). Not\n\
         /// the Hangul syllables (decomposed by arithmetic) nor the CJK compatibility\n\
         /// ideographs (left as they are).\n\
         #[rustfmt::skip]\n\
         pub(super) const FOLD_OTHER: [(char, char); {}] = [",
        other.len()
    )
    .unwrap();
    for chunk in other.chunks(4) {
        let items: Vec<String> = chunk
            .iter()
            .map(|&(c, f)| format!("('\\u{{{:04X}}}', '\\u{{{:04X}}}'),", u32::from(c), u32::from(f)))
            .collect();
        writeln!(out, "    {}", items.join(" ")).unwrap();
    }
    writeln!(out, "];").unwrap();
    writeln!(
        out,
        "\n/// Unicode general category M (Mn, Mc, Me) as sorted ranges, each\n\
         /// `first << 11 | (last - first)`.\n\
         #[rustfmt::skip]\n\
         pub(super) const MARKS: [u32; {}] = [",
        marks.len()
    )
    .unwrap();
    for chunk in marks.chunks(8) {
        let items: Vec<String> = chunk.iter().map(|r| format!("0x{r:08X},")).collect();
        writeln!(out, "    {}", items.join(" ")).unwrap();
    }
    writeln!(out, "];").unwrap();
    let runs = lowercase_runs();
    writeln!(
        out,
        "\n/// std's lowercase of the other chars that have one (outside ASCII and the\n\
         /// spans), so the engine does not carry std's table of every case pair:\n\
         /// runs `(first, count, stride, delta)`, sorted; chars `first + k * stride`\n\
         /// (`k < count`) lowercase to themselves plus `delta`.\n\
         #[rustfmt::skip]\n\
         pub(super) const LOWERCASE_RUNS: [(u32, u16, u8, i32); {}] = [",
        runs.len()
    )
    .unwrap();
    for chunk in runs.chunks(4) {
        let items: Vec<String> = chunk
            .iter()
            .map(|(first, count, stride, delta)| format!("(0x{first:05X}, {count}, {stride}, {delta}),"))
            .collect();
        writeln!(out, "    {}", items.join(" ")).unwrap();
    }
    writeln!(out, "];").unwrap();
    out
}

#[test]
fn fold_table_is_generated_from_the_library() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/analysis/fold_table.rs");
    let expected = render();
    if std::env::var_os("REGENERATE_FOLD_TABLE").is_some() {
        std::fs::write(path, &expected).unwrap();
    }
    let actual = std::fs::read_to_string(path).unwrap();
    assert!(
        actual == expected,
        "fold_table.rs is not what the library gives: edited by hand, or the library or toolchain changed. \
         Regenerate it with REGENERATE_FOLD_TABLE=1 cargo test -p article-search-core --lib fold_table, \
         then bump ANALYZER_VERSION if the analyzer's output changed"
    );
}

#[test]
fn supported_scripts_fold_exactly_like_the_library() {
    for &(first, last, block) in &SUPPORTED {
        for c in chars(first..last + 1) {
            assert_eq!(fold(c), library_fold(c), "U+{:04X} {c} ({block})", u32::from(c));
        }
    }
}

#[test]
fn lowercase_outside_the_spans_is_stds_for_all_of_unicode() {
    for c in chars(0x80..0x11_0000).filter(|&c| !in_spans(c)) {
        assert!(c.to_lowercase().eq([lowercase_other(c)]), "U+{:04X} {c}", u32::from(c));
    }
}

#[test]
fn marks_and_word_chars_are_the_librarys_for_all_of_unicode() {
    for c in chars(0..0x11_0000) {
        assert_eq!(is_mark(c), is_combining_mark(c), "U+{:04X}", u32::from(c));
        assert_eq!(is_word_char(c), library_is_word_char(c), "U+{:04X}", u32::from(c));
    }
}

/// Every word char of every script folds as the library folds it, but the
/// CJK compatibility ideographs. (Other chars are never folded: the
/// tokenizer folds words.)
#[test]
fn every_word_char_folds_like_the_library_but_cjk_compatibility_ideographs() {
    for c in chars(0..0x11_0000).filter(|&c| is_word_char(c) && !is_cjk_compatibility_ideograph(c)) {
        assert_eq!(fold(c), library_fold(c), "U+{:04X} {c}", u32::from(c));
    }
}

#[test]
fn cjk_compatibility_ideographs_are_left_as_they_are() {
    assert_eq!(library_fold('\u{F900}'), "\u{8C48}");
    assert_eq!(fold('\u{F900}'), "\u{F900}");
}

/// Folding twice is folding once, so a term analysed again stays itself.
#[test]
fn folded_word_chars_are_word_chars_that_fold_to_themselves() {
    for c in chars(0..0x11_0000).filter(|&c| is_word_char(c)) {
        for f in fold(c).chars() {
            assert!(is_word_char(f) && fold(f) == f.to_string(), "U+{:04X} {c} folds to {f:?}", u32::from(c));
        }
    }
}
