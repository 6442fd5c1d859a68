//! Character folding: lowercase, strip diacritics, unify apostrophes.
//!
//! Folding is what makes `HÀ NỘI`, `Hà Nội` and `ha noi` one term. It works
//! one character at a time so the tokenizer can keep byte offsets into the
//! original text (snippets highlight the original, accents and all).

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Appends the folded form of `c` to `out`.
///
/// Lowercases, decomposes canonically (NFD) and drops the combining marks, so
/// `ộ` becomes `o`. Letters whose stroke or ligature is not a combining mark
/// (`đ`, `ø`, `ł`, `ß`, `æ` …) do not decompose under NFD and are mapped
/// explicitly: Vietnamese `Đ/đ` must fold to `d`.
pub fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase()); // most text: no tables needed
        return;
    }
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
}

/// Whether `c` is an apostrophe: straight, curly, modifier letter or prime.
/// All of them are the same character to a reader, so they are to the index.
pub fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{2032}' | '`')
}

/// Whether `c` joins the parts of a hyphenated word (`ARMY-2024`).
pub fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// Whether `c` can be part of a word: letters and digits of any script, and
/// combining marks (text that arrives already decomposed keeps its words whole).
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric(); // most text: no tables needed
    }
    c.is_alphanumeric() || is_combining_mark(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fold(s: &str) -> String {
        let mut out = String::new();
        s.chars().for_each(|c| fold_char(c, &mut out));
        out
    }

    #[test]
    fn vietnamese_folds_to_ascii() {
        assert_eq!(fold("HÀ NỘI"), "ha noi");
        assert_eq!(fold("Hà Nội"), "ha noi");
        assert_eq!(fold("Hoàng Xuân Chiến"), "hoang xuan chien");
        assert_eq!(fold("Đà Nẵng đường"), "da nang duong");
    }

    #[test]
    fn decomposed_input_folds_like_composed() {
        let decomposed = "Ha\u{0300} No\u{0323}\u{0302}i";
        assert_eq!(fold(decomposed), "ha noi");
    }

    #[test]
    fn non_decomposing_letters_are_mapped() {
        assert_eq!(fold("Straße Øresund Łódź Æsir"), "strasse oresund lodz aesir");
    }
}
