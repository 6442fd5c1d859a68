//! Every ranking constant, in one place, each with the reason for its value.
//!
//! The score is BM25F: term frequencies of the title and the body are
//! length-normalised per field, weighted, summed, then saturated once.

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
/// A term that only starts with the typed prefix scores this fraction of an
/// exact match, so `defen` ranks documents with `defence` by their real
/// relevance while a finished word still ranks its exact form first.
pub const PREFIX_WEIGHT: f32 = 0.7;

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
