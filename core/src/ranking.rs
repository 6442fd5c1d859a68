//! Every ranking weight, limit and threshold, in one place, each with the
//! reason for its value. Matching and ranking code asks this module; it
//! never hard-codes a number.
//!
//! # The query model
//! Plain words are **ranked, not required**: a document is a hit when it
//! matches at least one of the query's content words (stop words never make
//! a hit on their own), every quoted phrase, and no exclusion. Hits are
//! ordered by, in turn:
//! 1. **every word first** ([`HitOrder`]): documents matching all the
//!    content words come before the others, so a short query typed into the
//!    box keeps the precision of "all words", and a query no document fully
//!    answers still gets the best partial answers instead of a dead end;
//! 2. **score**: BM25F (term frequencies of title and body length-normalised
//!    per field, weighted, summed, saturated once), each match scaled by how
//!    exactly it matched (exact form 1, another form [`STEM_WEIGHT`], ...),
//!    plus a bonus when query words stand close together;
//! 3. **document order** (file name), so equal hits always come out the same.

// ---- BM25F ----------------------------------------------------------------

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

// ---- How exactly a word matched: one score, no tiers -----------------------

/// The word as typed (after folding and spelling variants), or a phrase.
pub const EXACT_WEIGHT: f32 = 1.0;
/// Another form of the word (same stem) scores this fraction of the exact
/// form: nearly as relevant, so an exact form wins only when the rest is
/// close (`computerized` for `computer` still counts as the same word).
pub const STEM_WEIGHT: f32 = 0.8;
/// A term that only starts with the typed prefix scores this fraction of an
/// exact match, so `defen` ranks documents with `defence` by their real
/// relevance while a finished word still ranks its exact form first.
pub const PREFIX_WEIGHT: f32 = 0.7;
/// The two halves of a compound found as the other spelling (`Việt Nam` for
/// `vietnam`): the same word, so nearly full weight.
pub const COMPOUND_WEIGHT: f32 = 0.9;
/// Typo matches score this fraction of an exact match: one edit, then two.
/// Low, because a near word is often another word (`russian` / `russia`):
/// at 0.3 even a typo word filling a title and body (BM25 saturated, at
/// most 0.3 x 2.2 = 0.66 idf) scores below one exact mention in an article
/// up to twice the average length (0.71 idf), as the tier of typo matches
/// guaranteed before they were folded into the score.
pub const TYPO_WEIGHTS: [f32; 2] = [0.3, 0.2];

// ---- Order of the hits -----------------------------------------------------

/// How hits that match different numbers of the query's words are ordered.
/// Measured on Cranfield (`bench/relevance/`), see [`HIT_ORDER`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HitOrder {
    /// Documents with every content word first, then the rest; by score within each.
    EveryWordFirst,
    /// By the number of content words matched (most first), then score:
    /// each missing word drops a tier (Meilisearch's "words" rule).
    WordCountTiers,
    /// By score alone, each score multiplied by the share of words matched
    /// (Lucene's classic coordination factor).
    Coordination,
}

/// The order used. `EveryWordFirst` keeps a short query's full matches on
/// top (what a search box promises) and otherwise ranks purely by
/// relevance, which is what long questions need; it measured best on
/// Cranfield in both query modes (the alternatives are in the benchmark's
/// RESULTS.md).
pub const HIT_ORDER: HitOrder = HitOrder::EveryWordFirst;

/// Weight of a pair of consecutive query words standing close together
/// ([`proximity_bonus`]), relative to a term: `strategic dialogue` as
/// written beats the two words paragraphs apart. 1.0 measured best on
/// Cranfield (0.4 to 1.5 all within 0.008 nDCG@10); 0.4 was too weak to
/// rank the README's `strategic dialog` with the adjacent *Strategic
/// Dialogue* first (over an article with one of the words in its title),
/// 0.6 to 1.5 all did.
pub const PROXIMITY_WEIGHT: f32 = 1.0;
/// Two query words count as near when at most this many words apart (the
/// unordered window of the sequential dependence model).
pub const PROXIMITY_WINDOW: u32 = 8;
/// The proximity bonus reorders this many documents beyond the requested
/// page: it needs decoded positions, too costly for every match of a common
/// word, and it only ever moves close calls.
pub const PROXIMITY_RERANK_DEPTH: usize = 50;

// ---- Work per keystroke ----------------------------------------------------

/// A prefix expands to at most this many index terms (the most frequent
/// ones), so a one-letter prefix costs no more than a few words.
pub const MAX_PREFIX_TERMS: usize = 64;
/// A word expands to at most this many typo corrections (nearest, then most
/// frequent first).
pub const MAX_TYPO_TERMS: usize = 32;
/// At most this many words of one query have their typo neighbours looked
/// up (the first ones that need it): a pasted paragraph of 60 rare words
/// must not cost 60 dictionary walks, and its other words carry it anyway.
pub const MAX_TYPO_WORDS: usize = 8;
/// At most this many dictionary terms are read by one walk: bounds the work
/// of a prefix like `a` or of a typo walk on a huge dictionary.
pub const MAX_AUTOMATON_SCAN: usize = 4096;
/// A word found in at least this many documents (as typed, in another form
/// of its stem, or, while typed, by its completions) is taken as meant: its
/// typo neighbours are not looked up. They would score far below those
/// matches (they weigh [`TYPO_WEIGHTS`]), and the automaton walk is the
/// costliest step of a query. Likewise two-edit neighbours are looked up
/// only when one-edit ones find fewer documents.
pub const TYPO_SKIP_DOC_FREQ: u32 = 10;
/// Compound halves are at least this long: shorter "words" (`in`, `a`) make
/// spurious splits whose phrase checks cost more than they find.
pub const MIN_COMPOUND_HALF: usize = 3;

/// Edits tolerated in a word of `chars` characters: none up to 3 (too many
/// short words are one edit apart), 1 up to 7, then 2.
pub fn edit_budget(chars: usize) -> u8 {
    match chars {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

// ---- Snippets --------------------------------------------------------------

/// A snippet never exceeds this many characters (plus its ellipses).
pub const SNIPPET_MAX_CHARS: usize = 220;
/// The window is widened backwards until it has at least this many characters.
pub const SNIPPET_MIN_CHARS: usize = 160;
/// How much context may come before the first match of a snippet.
pub const SNIPPET_LEAD_CHARS: usize = 50;
/// Words a snippet window spans, for choosing it in position space:
/// about [`SNIPPET_MAX_CHARS`] less the lead, at ~6 characters a word. The
/// best window has the most distinct query words, then the most matches.
pub const SNIPPET_WINDOW_WORDS: u32 = 28;

// ---- Formulas --------------------------------------------------------------

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

/// BM25F score of one term in one document, `norms` being (title, body)
/// divisors. Frequencies are real numbers: a word's forms add up weighted.
pub fn bm25f(idf: f32, title_tf: f32, body_tf: f32, norms: (f32, f32)) -> f32 {
    let tf = TITLE_WEIGHT * title_tf / norms.0 + BODY_WEIGHT * body_tf / norms.1;
    idf * tf * (K1 + 1.0) / (tf + K1)
}

/// The proximity bonus of two consecutive query words, the rarer of which
/// has `idf`, standing as close as `closeness` says (occurrences within
/// [`PROXIMITY_WINDOW`] words of each other, each counting one over their
/// distance): the pair scored like a term of its own, saturating as BM25
/// does, as in the sequential dependence model.
pub fn proximity_bonus(closeness: f32, idf: f32) -> f32 {
    PROXIMITY_WEIGHT * idf * closeness * (K1 + 1.0) / (closeness + K1)
}
