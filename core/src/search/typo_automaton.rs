//! Edit distance to one word, computed a byte at a time along a walk of
//! the term dictionary: a Levenshtein automaton simulated by its table rows.
//!
//! A state is the last two rows of the edit-distance table between the
//! word and the key read so far (the second one for transpositions), so a
//! step costs one row: a dozen cells for a typical word. Distances count
//! characters, not bytes: the bytes of a multi-byte character are gathered
//! before its row is computed, so `é` for `e` is one edit. A transposition
//! of two adjacent characters is one edit (optimal string alignment, what
//! people mean by a typo). Cells are capped at one more than the budget,
//! so every value fits in a byte and a dead state is a row above it.
//!
//! This replaces a precomputed universal automaton (the `levenshtein_automata`
//! crate): its tables are built when the engine starts and it cost the
//! `.wasm` about 30 KB of code; the rows cost nothing up front and a walk
//! step is as cheap as the fst node it comes with.

use crate::analysis::MAX_TERM_BYTES;

/// Cells in a row: one per character of the word, plus the empty prefix.
const ROW: usize = MAX_TERM_BYTES + 1;

/// The automaton of `word` with at most `max_edits` edits; with `prefix`, a
/// key is accepted when one of its prefixes is (the word is being typed).
pub(super) struct TypoAutomaton {
    word: Vec<char>,
    max_edits: u8,
    prefix: bool,
}

/// Where the automaton stands after some bytes of a key.
#[derive(Clone, Copy)]
pub(super) struct State {
    /// Distances between each prefix of the word and the key's characters.
    row: [u8; ROW],
    /// The row before, for transpositions.
    previous: [u8; ROW],
    /// The key's last character (`None` before the first).
    last: Option<char>,
    /// The bytes of a character not yet complete.
    pending: [u8; 4],
    pending_len: u8,
    /// In prefix mode, the best distance of any prefix read so far.
    best: u8,
}

impl TypoAutomaton {
    /// `word` is a term (at most [`MAX_TERM_BYTES`] bytes, so characters).
    pub(super) fn new(word: &str, max_edits: u8, prefix: bool) -> Self {
        let word: Vec<char> = word.chars().take(ROW - 1).collect();
        TypoAutomaton { word, max_edits, prefix }
    }

    fn cap(&self) -> u8 {
        self.max_edits.saturating_add(1)
    }

    /// The state before any byte: the empty key is the word's length away.
    pub(super) fn start(&self) -> State {
        let mut row = [0; ROW];
        for (i, cell) in row.iter_mut().enumerate().take(self.word.len() + 1) {
            *cell = u8::try_from(i).unwrap_or(u8::MAX).min(self.cap());
        }
        let best = row[self.word.len()];
        State { row, previous: row, last: None, pending: [0; 4], pending_len: 0, best }
    }

    /// The state after `byte`, or `None` if no key going on from here can
    /// be within the budget (the walk below it is pruned).
    pub(super) fn step(&self, state: &State, byte: u8) -> Option<State> {
        let mut next = *state;
        next.pending[usize::from(next.pending_len)] = byte;
        next.pending_len += 1;
        let pending = &next.pending[..usize::from(next.pending_len)];
        let c = match std::str::from_utf8(pending) {
            Ok(s) => s.chars().next()?,
            // An incomplete character waits for its other bytes (a key is
            // UTF-8: at most 4 bytes), an invalid one ends the walk.
            Err(e) if e.error_len().is_none() && pending.len() < 4 => return Some(next),
            Err(_) => return None,
        };
        next.pending_len = 0;
        self.advance(&mut next, c);
        let alive = if self.prefix { next.best <= self.max_edits } else { false };
        (alive || next.row[..=self.word.len()].iter().any(|&d| d <= self.max_edits)).then_some(next)
    }

    /// One row of the table: the key's character `c` added.
    fn advance(&self, state: &mut State, c: char) {
        let cap = self.cap();
        let m = self.word.len();
        let mut row = [0; ROW];
        row[0] = state.row[0].saturating_add(1).min(cap);
        for i in 1..=m {
            let w = self.word[i - 1];
            let substitution = state.row[i - 1] + u8::from(w != c);
            let mut d = substitution.min(state.row[i] + 1).min(row[i - 1] + 1);
            if i >= 2 && state.last == Some(w) && self.word[i - 2] == c {
                d = d.min(state.previous[i - 2] + 1);
            }
            row[i] = d.min(cap);
        }
        state.previous = state.row;
        state.row = row;
        state.last = Some(c);
        state.best = state.best.min(row[m]);
    }

    /// The distance of the key read so far, if it is within the budget.
    pub(super) fn distance(&self, state: &State) -> Option<u8> {
        if state.pending_len != 0 {
            return None;
        }
        let d = if self.prefix { state.best } else { state.row[self.word.len()] };
        (d <= self.max_edits).then_some(d)
    }

    /// The distance of `key`, if it is within the budget.
    pub(super) fn eval(&self, key: &[u8]) -> Option<u8> {
        let mut state = self.start();
        for &byte in key {
            state = self.step(&state, byte)?;
        }
        self.distance(&state)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The optimal string alignment distance, by the whole table.
    fn reference(a: &str, b: &str) -> usize {
        let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        let mut d = vec![vec![0; b.len() + 1]; a.len() + 1];
        for (i, row) in d.iter_mut().enumerate() {
            row[0] = i;
        }
        for (j, cell) in d[0].iter_mut().enumerate() {
            *cell = j;
        }
        for i in 1..=a.len() {
            for j in 1..=b.len() {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                d[i][j] = (d[i - 1][j] + 1).min(d[i][j - 1] + 1).min(d[i - 1][j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
                }
            }
        }
        d[a.len()][b.len()]
    }

    fn within(d: usize, max: u8) -> Option<u8> {
        u8::try_from(d).ok().filter(|&d| d <= max)
    }

    const WORDS: [&str; 16] = [
        "",
        "a",
        "ab",
        "ba",
        "abc",
        "acb",
        "defence",
        "defense",
        "dfeence",
        "belousov",
        "velousow",
        "hà",
        "ha",
        "noi",
        "nội",
        "κόσμος",
    ];

    #[test]
    fn distances_are_those_of_the_whole_table() {
        for word in WORDS {
            for key in WORDS {
                for max in 0..=2 {
                    let automaton = TypoAutomaton::new(word, max, false);
                    assert_eq!(automaton.eval(key.as_bytes()), within(reference(word, key), max), "{word} / {key}");
                }
            }
        }
    }

    #[test]
    fn a_prefix_automaton_takes_the_best_prefix_of_the_key() {
        for word in WORDS {
            for key in WORDS {
                for max in 0..=2 {
                    let best = (0..=key.len())
                        .filter(|&end| key.is_char_boundary(end))
                        .map(|end| reference(word, &key[..end]))
                        .min()
                        .unwrap();
                    let automaton = TypoAutomaton::new(word, max, true);
                    assert_eq!(automaton.eval(key.as_bytes()), within(best, max), "{word} / {key}");
                }
            }
        }
    }

    #[test]
    fn a_walk_is_pruned_where_no_key_can_match() {
        let automaton = TypoAutomaton::new("moscow", 1, false);
        let state = automaton.step(&automaton.start(), b'x').unwrap();
        assert!(automaton.step(&state, b'y').is_none(), "two edits before the word even starts");
        assert!(automaton.eval("mocsow".as_bytes()) == Some(1), "a transposition is one edit");
        assert_eq!(automaton.eval("moscòw".as_bytes()), Some(1), "a character, not its two bytes");
    }
}
