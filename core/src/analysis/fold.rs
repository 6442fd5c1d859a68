//! Character folding: lowercase, strip diacritics, unify apostrophes.
//!
//! Folding is what makes `HÀ NỘI`, `Hà Nội` and `ha noi` one term. It works
//! one character at a time so the tokenizer can keep byte offsets into the
//! original text (snippets highlight the original, accents and all).
//!
//! Diacritics are stripped by tables generated from `unicode-normalization`
//! ([`fold_table`](super::fold_table)), which give what that library's
//! canonical decomposition gives for the scripts we fold; the engine does
//! not link the library, whose tables cover all of Unicode.

use super::fold_table::{
    FOLD, FOLD_OTHER, FOLD_SPANS, FOLD_STRINGS, FOLD_STRING_CODE, LOWERCASE_RUNS, MARKS, WORD_CHARS,
};

/// Appends the folded form of `c` to `out`.
///
/// Lowercases, strips diacritics (`ộ` becomes `o`) and maps the letters
/// whose stroke or ligature is not a diacritic (`đ`, `ð`, `ø`, `ł`, `ħ`,
/// `ı`, `ß`, `æ`, `œ`, `þ`): Vietnamese `Đ/đ` must fold to `d`.
///
/// Diacritics are stripped exactly as the canonical decomposition (NFD) and
/// dropping its combining marks would, in every script, by tables generated
/// from `unicode-normalization` ([`fold_table`](super::fold_table)): one
/// indexed by char for the blocks of the Latin (Vietnamese included), Greek
/// and Cyrillic scripts, the hot path; a short sorted one for the letters of
/// other scripts that decompose (Arabic alef with hamza or madda, Indic
/// letters with a nukta, kana with a dakuten...); Hangul syllables decompose
/// into jamo by arithmetic. So Cyrillic `й` and `ё`, which NFD decomposes,
/// fold to `и` and `е` (Russian text often writes `е` for `ё` anyway). The
/// one exception: CJK compatibility ideographs (U+F900..U+FAFF,
/// U+2F800..U+2FA1F) stay as they are instead of becoming the unified
/// ideographs they are equivalent to (a thousand pairs; NFC text has none).
pub fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase()); // most text: no tables needed
        return;
    }
    if fold_from_table(c, out) || fold_hangul(c, out) {
        return;
    }
    // The lowercase of a char outside the table may be in it (`Å`, the
    // Angstrom sign, is `å`).
    let lower = lowercase_other(c);
    if lower.is_ascii() || !(fold_from_table(lower, out) || fold_from_other(lower, out) || is_mark(lower)) {
        out.push(lower);
    }
}

/// The lowercase of `c`, a char outside ASCII and the tables' spans (one
/// char for all of them), from the generated [`LOWERCASE_RUNS`]: what std's
/// `char::to_lowercase` gives, without its table of every case pair.
pub(super) fn lowercase_other(c: char) -> char {
    let cp = u32::from(c);
    let after = LOWERCASE_RUNS.partition_point(|&(first, ..)| first <= cp);
    let Some(&(first, count, stride, delta)) = after.checked_sub(1).and_then(|i| LOWERCASE_RUNS.get(i)) else {
        return c;
    };
    let (k, r) = ((cp - first) / u32::from(stride), (cp - first) % u32::from(stride));
    if r != 0 || k >= u32::from(count) {
        return c;
    }
    cp.checked_add_signed(delta).and_then(char::from_u32).unwrap_or(c)
}

/// Where `c` is in the tables indexed by char ([`FOLD`], [`WORD_CHARS`]),
/// if it is in their spans.
#[inline]
fn table_index(c: char) -> Option<usize> {
    let cp = u32::from(c);
    let mut offset = 0;
    for (first, end) in FOLD_SPANS {
        if (first..end).contains(&cp) {
            return Some(offset + (cp - first) as usize);
        }
        offset += (end - first) as usize;
    }
    None
}

/// Appends the folded form of `c` if the table has it; whether it has.
#[inline]
fn fold_from_table(c: char, out: &mut String) -> bool {
    let Some(&entry) = table_index(c).and_then(|i| FOLD.get(i)) else {
        return false;
    };
    if let Some(folded) = FOLD_STRINGS.get(usize::from(entry.wrapping_sub(FOLD_STRING_CODE))) {
        out.push_str(folded);
    } else if let Some(folded) = char::from_u32(u32::from(c).wrapping_add(u32::from(entry)) & 0xFFFF) {
        out.push(folded);
    }
    true
}

/// Appends the folded form of `c` if it is a letter of another script that
/// decomposes; whether it is.
fn fold_from_other(c: char, out: &mut String) -> bool {
    let first = FOLD_OTHER.partition_point(|&(other, _)| other < c);
    let folded = FOLD_OTHER.get(first..).unwrap_or_default().iter().take_while(|&&(other, _)| other == c);
    let len = out.len();
    out.extend(folded.map(|&(_, f)| f));
    out.len() > len
}

/// Appends the jamo of `c` if it is a Hangul syllable (the arithmetic of
/// the Unicode standard, section 3.12); whether it is.
fn fold_hangul(c: char, out: &mut String) -> bool {
    const S_BASE: u32 = 0xAC00;
    const T_COUNT: u32 = 28;
    const N_COUNT: u32 = 21 * T_COUNT;
    let s = u32::from(c).wrapping_sub(S_BASE);
    if s >= 19 * N_COUNT {
        return false;
    }
    let jamo = [0x1100 + s / N_COUNT, 0x1161 + s % N_COUNT / T_COUNT, 0x11A7 + s % T_COUNT];
    let count = if s % T_COUNT == 0 { 2 } else { 3 };
    out.extend(jamo[..count].iter().filter_map(|&j| char::from_u32(j)));
    true
}

/// Whether `c` is a combining mark (general category M: Mn, Mc, Me), in any
/// script.
pub(super) fn is_mark(c: char) -> bool {
    let cp = u32::from(c);
    if cp < 0x300 {
        return false; // no marks before the combining diacritical marks
    }
    let after = MARKS.partition_point(|&range| range >> 11 <= cp);
    after.checked_sub(1).and_then(|i| MARKS.get(i)).is_some_and(|&range| cp - (range >> 11) <= range & 0x7FF)
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
    match table_index(c) {
        Some(i) => WORD_CHARS.get(i / 64).is_some_and(|bits| bits >> (i % 64) & 1 != 0), // the scripts we fold
        None => c.is_alphanumeric() || is_mark(c),
    }
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
        assert_eq!(fold("ẞ Œuvre Þór Ħal İstanbul ı"), "ss oeuvre thor hal istanbul i");
    }

    #[test]
    fn greek_folds_without_accents() {
        assert_eq!(fold("Αθήνα ΑΘΉΝΑ αθηνα"), "αθηνα αθηνα αθηνα");
        assert_eq!(fold("Ἀθῆναι ΐ ᾼ"), "αθηναι ι α");
    }

    #[test]
    fn cyrillic_short_i_and_yo_lose_their_marks_as_nfd_says() {
        assert_eq!(fold("Йо йод Ёлка ёж"), "ио иод елка еж");
        assert_eq!(fold("Ї ї Ў ў"), "і і у у");
        assert_eq!(fold("И\u{0306}"), fold("Й"));
    }

    #[test]
    fn other_scripts_fold_as_nfd_says() {
        assert_eq!(fold("أحمد إبراهيم آمن"), "احمد ابراهيم امن");
        assert_eq!(fold("क़िला"), fold("क\u{093C}िला"));
        assert_eq!(fold("한국"), "\u{1112}\u{1161}\u{11AB}\u{1100}\u{116E}\u{11A8}");
        assert_eq!(fold("が"), fold("か\u{3099}"));
    }
}
