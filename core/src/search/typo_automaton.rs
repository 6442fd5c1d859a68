//! Edit distance to one word along a walk of the term dictionary: a
//! Levenshtein automaton, built lazily as the walk needs its states.
//!
//! A state is the last two rows of the edit-distance table between the
//! word and the key read so far (the second one for transpositions). Its
//! transitions depend only on which of the word's characters comes next
//! (or "another one"), so each is computed once, when a walk first takes
//! it, and then is one table lookup: on 10,000 articles typo queries are
//! as fast as with the precomputed automata this replaced. Distances count
//! characters, not bytes: the bytes of a multi-byte character are gathered
//! before it is looked up, so `é` for `e` is one edit. A transposition of
//! two adjacent characters is one edit (optimal string alignment, what
//! people mean by a typo). Cells are capped at one more than the budget, so
//! every value fits in a byte and there are finitely many states.
//!
//! This replaces the `levenshtein_automata` crate, whose universal automata
//! are built when the engine starts and cost the `.wasm` about 30 KB of code.

use std::cell::RefCell;

use crate::analysis::MAX_TERM_BYTES;

/// Cells in a row: one per character of the word, plus the empty prefix.
const ROW: usize = MAX_TERM_BYTES + 1;
/// The state of a key no continuation of which is within the budget.
const DEAD: u32 = u32::MAX;
/// A transition not computed yet.
const UNKNOWN: u32 = u32::MAX - 1;

/// The automaton of `word` with at most `max_edits` edits; with `prefix`, a
/// key is accepted when one of its prefixes is (the word is being typed).
pub(super) struct TypoAutomaton {
    word: Vec<char>,
    /// The distinct characters of the word: character class `i` is
    /// `chars[i]`, class `chars.len()` any other character.
    chars: Vec<char>,
    /// The class of each ASCII byte.
    ascii_class: [u8; 128],
    max_edits: u8,
    prefix: bool,
    tables: RefCell<Tables>,
}

/// The states met so far and their transitions. A state is the table's
/// last two rows, the class of the key's last character, and in prefix mode
/// the best distance of a prefix so far, in that order in `states` (one
/// stride per state): `row` (m + 1 cells), `previous` (m + 1), `last`, `best`.
struct Tables {
    states: Vec<u8>,
    /// The states' numbers, sorted by their bytes: a binary search finds
    /// whether a state is new (a hash map made the `.wasm` 3 KB bigger and
    /// was no faster in the benchmark).
    sorted: Vec<u32>,
    /// `transitions[state * classes + class]`: a state, [`DEAD`] or [`UNKNOWN`].
    transitions: Vec<u32>,
    /// The state being computed.
    scratch: Vec<u8>,
}

/// Where a walk stands: a state, and the bytes of a character not yet
/// complete.
#[derive(Clone, Copy)]
pub(super) struct State {
    id: u32,
    pending: [u8; 4],
    pending_len: u8,
}

impl TypoAutomaton {
    /// `word` is a term (at most [`MAX_TERM_BYTES`] bytes, so characters).
    pub(super) fn new(word: &str, max_edits: u8, prefix: bool) -> Self {
        let word: Vec<char> = word.chars().take(ROW - 1).collect();
        let mut chars = word.clone();
        crate::sort::sort_by(&mut chars, char::cmp);
        chars.dedup();
        let other = chars.len() as u8;
        let mut ascii_class = [other; 128];
        for (class, c) in chars.iter().enumerate() {
            if c.is_ascii() {
                ascii_class[*c as usize] = class as u8;
            }
        }
        let cap = max_edits.saturating_add(1);
        let row: Vec<u8> = (0..=word.len()).map(|i| u8::try_from(i).unwrap_or(u8::MAX).min(cap)).collect();
        let best = if prefix { row[word.len()] } else { 0 };
        let mut start = row.clone();
        start.extend(std::iter::repeat_n(cap, word.len() + 1)); // no transposition yet
        start.extend([other, best]);
        let tables =
            Tables { states: start, sorted: vec![0], transitions: vec![UNKNOWN; chars.len() + 1], scratch: Vec::new() };
        TypoAutomaton { word, chars, ascii_class, max_edits, prefix, tables: RefCell::new(tables) }
    }

    /// The state before any byte.
    pub(super) fn start(&self) -> State {
        State { id: 0, pending: [0; 4], pending_len: 0 }
    }

    /// The state after `byte`, or `None` if no key going on from here can
    /// be within the budget (the walk below it is pruned).
    pub(super) fn step(&self, state: &State, byte: u8) -> Option<State> {
        let class = if byte < 0x80 && state.pending_len == 0 {
            self.ascii_class[usize::from(byte)] // most keys: no decoding
        } else {
            let mut next = *state;
            next.pending[usize::from(next.pending_len)] = byte;
            next.pending_len += 1;
            let pending = &next.pending[..usize::from(next.pending_len)];
            let c = match std::str::from_utf8(pending) {
                Ok(s) => s.chars().next()?,
                // An incomplete character waits for its other bytes (a key
                // is UTF-8: at most 4 bytes), an invalid one ends the walk.
                Err(e) if e.error_len().is_none() && pending.len() < 4 => return Some(next),
                Err(_) => return None,
            };
            self.chars.binary_search(&c).unwrap_or(self.chars.len()) as u8
        };
        let id = self.transition(state.id, class);
        (id != DEAD).then_some(State { id, pending: [0; 4], pending_len: 0 })
    }

    /// The state after a character of class `class` from state `id`.
    fn transition(&self, id: u32, class: u8) -> u32 {
        let classes = self.chars.len() + 1;
        let slot = id as usize * classes + usize::from(class);
        let mut tables = self.tables.borrow_mut();
        let known = tables.transitions[slot];
        if known != UNKNOWN {
            return known;
        }
        let Tables { states, sorted, transitions, scratch } = &mut *tables;
        let stride = self.stride();
        let state = &states[id as usize * stride..][..stride];
        let target = if !self.advance(state, class, scratch) {
            DEAD
        } else {
            let bytes = |id: u32| &states[id as usize * stride..][..stride];
            match sorted.binary_search_by(|&other| bytes(other).cmp(scratch)) {
                Ok(i) => sorted[i],
                Err(i) => {
                    let new = (states.len() / stride) as u32;
                    states.extend_from_slice(scratch);
                    sorted.insert(i, new);
                    transitions.extend(std::iter::repeat_n(UNKNOWN, classes));
                    new
                }
            }
        };
        transitions[slot] = target;
        target
    }

    /// Bytes per state in [`Tables::states`].
    fn stride(&self) -> usize {
        2 * (self.word.len() + 1) + 2
    }

    /// Writes to `next` the state after a character of class `class` from
    /// `state`: one more row of the table. Whether it is alive: some cell
    /// within the budget (or, typing, a prefix was).
    fn advance(&self, state: &[u8], class: u8, next: &mut Vec<u8>) -> bool {
        let cap = self.max_edits.saturating_add(1);
        let m = self.word.len();
        let (row, rest) = state.split_at(m + 1);
        let (previous, tail) = rest.split_at(m + 1);
        let c = self.chars.get(usize::from(class)).copied();
        let last = self.chars.get(usize::from(tail[0])).copied();
        next.clear();
        next.push(row[0].saturating_add(1).min(cap));
        for i in 1..=m {
            let w = self.word[i - 1];
            let substitution = row[i - 1] + u8::from(Some(w) != c);
            let mut d = substitution.min(row[i] + 1).min(next[i - 1] + 1);
            if i >= 2 && last == Some(w) && Some(self.word[i - 2]) == c {
                d = d.min(previous[i - 2] + 1);
            }
            next.push(d.min(cap));
        }
        let best = tail[1].min(next[m]);
        let alive = next.iter().any(|&d| d <= self.max_edits) || (self.prefix && best <= self.max_edits);
        // Of the row before, a transposition can only use the cells before
        // an occurrence of this character in the word: the others are
        // forgotten, so states that differ only there are one state.
        next.extend((0..=m).map(|i| if c.is_some() && self.word.get(i + 1).copied() == c { row[i] } else { cap }));
        next.extend([class, if self.prefix { best } else { 0 }]);
        alive
    }

    /// The distance of the key read so far, if it is within the budget.
    pub(super) fn distance(&self, state: &State) -> Option<u8> {
        if state.pending_len != 0 {
            return None;
        }
        let tables = self.tables.borrow();
        let at = state.id as usize * self.stride();
        let d = if self.prefix { tables.states[at + self.stride() - 1] } else { tables.states[at + self.word.len()] };
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

    const WORDS: [&str; 18] = [
        "",
        "a",
        "ab",
        "ba",
        "abc",
        "acb",
        "aab",
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
        "κσόμος",
    ];

    /// One automaton per word and budget answers every key (its lazily
    /// built states are shared between the keys, as in a walk).
    #[test]
    fn distances_are_those_of_the_whole_table() {
        for prefix in [false, true] {
            for word in WORDS {
                for max in 0..=2 {
                    let automaton = TypoAutomaton::new(word, max, prefix);
                    for key in WORDS {
                        let expected = if prefix {
                            (0..=key.len())
                                .filter(|&end| key.is_char_boundary(end))
                                .map(|end| reference(word, &key[..end]))
                                .min()
                                .unwrap()
                        } else {
                            reference(word, key)
                        };
                        assert_eq!(automaton.eval(key.as_bytes()), within(expected, max), "{word} / {key} {prefix}");
                    }
                }
            }
        }
    }

    #[test]
    fn a_walk_is_pruned_where_no_key_can_match() {
        let automaton = TypoAutomaton::new("moscow", 1, false);
        let state = automaton.step(&automaton.start(), b'x').unwrap();
        assert!(automaton.step(&state, b'y').is_none(), "two edits before the word even starts");
        assert_eq!(automaton.eval("mocsow".as_bytes()), Some(1), "a transposition is one edit");
        assert_eq!(automaton.eval("moscòw".as_bytes()), Some(1), "a character, not its two bytes");
    }
}
