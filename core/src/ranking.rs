//! Every ranking constant, in one place, each with the reason for its value.
//!
//! Hits are ordered by, in turn:
//! 1. **match quality**, summed over the query's clauses ([`Quality`]): a
//!    document matching every word exactly outranks one that needed a stem,
//!    a completion or a compound, which outranks one that needed a typo;
//! 2. **score**: BM25F (term frequencies of title and body length-normalised
//!    per field, weighted, summed, saturated once), each match scaled by its
//!    kind's weight below, plus a bonus when query words stand close together;
//! 3. **document order** (file name), so equal hits always come out the same.

/// Term-frequency saturation. 1.2 is the standard BM25 value: the tenth
/// occurrence of a word adds little over the third.
pub const K1: f32 = 1.2;
/// Body length normalisation. The standard 0.75: a long article mentioning a
/// word once is weaker evidence than a short one.
pub const BODY_B: f32 = 0.75;
/// Title length normalisation. Lower than the body's: titles are all short,
/// so their length says little.
pub const TITLE_B: f32 = 0.5;
/// A word in the title counts this many body occurrences: a headline names
/// what the article is about.
pub const TITLE_WEIGHT: f32 = 3.0;
/// Body occurrences count once (the unit of the other weights).
pub const BODY_WEIGHT: f32 = 1.0;
/// How a clause matched a document; lower is better, and the sum over the
/// clauses is the first sort key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Quality {
    /// The word as typed (after folding and spelling variants), or a phrase.
    Exact = 0,
    /// Another form of the word (stem), a completion of the word being typed,
    /// or the word written as a compound (`viet nam` / `vietnam`).
    Approximate = 1,
    /// A dictionary word one edit away.
    OneTypo = 2,
    /// A dictionary word two edits away.
    TwoTypos = 3,
}

/// Another form of the word (same stem) scores this fraction of the exact
/// form: nearly as relevant, and the quality tier already ranks it lower.
pub const STEM_WEIGHT: f32 = 0.8;
/// A term that only starts with the typed prefix scores this fraction of an
/// exact match, so `defen` ranks documents with `defence` by their real
/// relevance while a finished word still ranks its exact form first.
pub const PREFIX_WEIGHT: f32 = 0.7;
/// The two halves of a compound found as the other spelling (`Việt Nam` for
/// `vietnam`): the same word, so nearly full weight.
pub const COMPOUND_WEIGHT: f32 = 0.9;
/// Typo matches score this fraction of an exact match: one edit, then two.
/// Low, because a near word is often another word (`russian` / `russia`).
pub const TYPO_WEIGHTS: [f32; 2] = [0.5, 0.3];
/// Added, divided by the word distance, for each pair of consecutive query
/// clauses found close together: `strategic dialogue` as written beats the
/// two words paragraphs apart. About a third of a typical term score.
pub const PROXIMITY_WEIGHT: f32 = 0.5;

/// Edits tolerated in a word of `chars` characters: none up to 3 (too many
/// short words are one edit apart), 1 up to 7, then 2.
pub fn edit_budget(chars: usize) -> u8 {
    match chars {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// Inverse document frequency, the BM25 form (always positive).
pub fn idf(doc_count: u32, doc_freq: u32) -> f32 {
    let (n, df) = (doc_count as f32, doc_freq as f32);
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

/// The length normalisation divisor of one field.
pub fn field_norm(len: u32, avg_len: f32, b: f32) -> f32 {
    let avg = if avg_len > 0.0 { avg_len } else { 1.0 };
    1.0 - b + b * len as f32 / avg
}

/// BM25F score of one term in one document, `norms` being (title, body) divisors.
pub fn bm25f(idf: f32, title_tf: u32, body_tf: u32, norms: (f32, f32)) -> f32 {
    let tf = TITLE_WEIGHT * title_tf as f32 / norms.0 + BODY_WEIGHT * body_tf as f32 / norms.1;
    idf * tf * (K1 + 1.0) / (tf + K1)
}
