//! Walks of the term dictionary (the fst): completions of a word being
//! typed, and words a typo away, visiting as little of it as they can.
//!
//! Completions follow the word's bytes and collect what lies below.
//! A Levenshtein automaton walked over the whole fst visits every term
//! beginning within the edit budget of the word, and near the root that is
//! almost all of them. So the walk is split by where the edit falls:
//!
//! - **after the first letter**: the Levenshtein automaton intersected with
//!   "starts with the first letter" walks one branch of the fst;
//! - **on the first letter** (one edit only): the rest of the word stands as
//!   typed, so the candidates are a handful of direct lookups: another letter
//!   then the rest (substitution), a letter then the word (insertion), the
//!   rest alone (deletion), the first two letters swapped (transposition).
//!   The letter put in is one of the same UTF-8 length as the word's first
//!   (a Latin letter for a Latin word): any character would try every
//!   first character of the dictionary, thousands in a corpus with Chinese.
//!
//! Two edits are looked for only after a correct first letter: people
//! rarely get a word's first letter and another one wrong, and the walk
//! from the root with two edits costs ten times the others together.

use fst::raw::{Fst, Node, Output};

use super::typo_automaton::{State, TypoAutomaton};
use crate::sort::stable_sort_by;

use crate::index::format::term_parts;
use crate::index::Index;
use crate::ranking::{edit_budget, MAX_AUTOMATON_SCAN, MAX_PREFIX_TERMS, MAX_TYPO_TERMS, TYPO_SKIP_DOC_FREQ};

/// The term dictionary of an index.
pub(super) struct Dictionary<'a> {
    index: Index<'a>,
}

impl<'a> Dictionary<'a> {
    /// The dictionary of `index`.
    pub(super) fn new(index: Index<'a>) -> Self {
        Dictionary { index }
    }

    /// The most frequent terms (at most [`MAX_PREFIX_TERMS`]) that start
    /// with `prefix`, the prefix itself included if it is a term.
    pub(super) fn completions(&self, prefix: &str) -> Vec<(String, u64, u8)> {
        let mut completions = Scan::default();
        self.walk_spelled(&mut completions, None, prefix, true, &|_| 0);
        completions.top(MAX_PREFIX_TERMS)
    }

    /// Dictionary terms within `word`'s edit budget (or, while it is typed,
    /// starting with such a term), nearest and most frequent first, with
    /// their edit distance; never the word itself. Two edits only if one
    /// finds fewer than [`TYPO_SKIP_DOC_FREQ`] documents.
    pub(super) fn typo_terms(&self, word: &str, prefix: bool) -> Vec<(String, u64, u8)> {
        let budget = edit_budget(word.chars().count());
        let Some(first) = word.chars().next() else { return Vec::new() };
        let (head, rest) = word.split_at(first.len_utf8());
        let mut scan = Scan::default();
        for edits in 1..=budget {
            let automaton = TypoAutomaton::new(word, edits, prefix);
            let distance = |key: &[u8]| automaton.eval(key).unwrap_or(u8::MAX);
            self.walk_after_head(&mut scan, &automaton, head);
            if edits == 1 {
                let lead = Some(head.len());
                self.walk_spelled(&mut scan, lead, rest, prefix, &distance);
                self.walk_spelled(&mut scan, lead, word, prefix, &distance);
                self.walk_spelled(&mut scan, None, rest, prefix, &distance);
                let mut chars = rest.chars();
                if let Some(second) = chars.next() {
                    self.walk_spelled(
                        &mut scan,
                        None,
                        &format!("{second}{first}{}", chars.as_str()),
                        prefix,
                        &distance,
                    );
                }
            }
            let keys = &scan.keys;
            scan.found.retain(|s| s.distance > 0 && s.distance <= edits && keys[s.key.clone()] != *word.as_bytes());
            // Documents found so far, counted once per term and round (an upper bound).
            let docs: u32 = scan.found.iter().map(|s| s.doc_freq).sum();
            if docs >= TYPO_SKIP_DOC_FREQ {
                break;
            }
        }
        scan.top(MAX_TYPO_TERMS)
    }

    /// Reads into `scan` the terms that start with `head` and that
    /// `automaton` accepts, with their distance: a depth-first walk of the
    /// fst in step with the automaton, pruned where it dies (a plain
    /// recursion over the fst nodes: several times faster than a generic
    /// fst stream here).
    fn walk_after_head(&self, scan: &mut Scan, automaton: &TypoAutomaton, head: &str) {
        let fst = self.index.terms().as_fst();
        let (mut node, mut state, mut output) = (fst.root(), automaton.start(), Output::zero());
        for &byte in head.as_bytes() {
            let Some(i) = node.find_input(byte) else { return };
            let step = node.transition(i);
            let Some(next) = automaton.step(&state, byte) else { return };
            state = next;
            output = output.cat(step.out);
            node = fst.node(step.addr);
        }
        let mut key = head.as_bytes().to_vec();
        let limit = scan.found.len() + MAX_AUTOMATON_SCAN;
        self.walk(scan, limit, fst, automaton, node, &state, output, &mut key);
    }

    #[allow(clippy::too_many_arguments)] // one recursion step's whole state
    fn walk(
        &self,
        scan: &mut Scan,
        limit: usize,
        fst: &Fst<&[u8]>,
        automaton: &TypoAutomaton,
        node: Node,
        state: &State,
        output: Output,
        key: &mut Vec<u8>,
    ) {
        if scan.found.len() >= limit {
            return;
        }
        if node.is_final() {
            if let Some(distance) = automaton.distance(state) {
                let offset = output.cat(node.final_output()).value();
                scan.push(key, offset, term_parts(offset).1, distance);
            }
        }
        for step in node.transitions() {
            let Some(next) = automaton.step(state, step.inp) else { continue };
            key.push(step.inp);
            self.walk(scan, limit, fst, automaton, fst.node(step.addr), &next, output.cat(step.out), key);
            key.pop();
        }
    }

    /// Reads into `scan` the terms spelled `text`, after any one character
    /// of `lead` UTF-8 bytes if given, and followed by anything if `prefix`:
    /// the word with its first letter replaced or one put before it, or
    /// (with no lead) deleted or swapped. Direct lookups below each possible
    /// first character, so it costs about one lookup per first character.
    fn walk_spelled(
        &self,
        scan: &mut Scan,
        lead: Option<usize>,
        text: &str,
        prefix: bool,
        distance: &dyn Fn(&[u8]) -> u8,
    ) {
        let fst = self.index.terms().as_fst();
        let mut starts = vec![(fst.root(), Output::zero(), Vec::new())];
        for level in 0..lead.unwrap_or(0) {
            let fits = |byte: u8| match (level, lead) {
                (0, Some(1)) => byte < 0x80,
                (0, Some(2)) => (0xc0..=0xdf).contains(&byte),
                (0, Some(3)) => (0xe0..=0xef).contains(&byte),
                (0, Some(4)) => (0xf0..=0xf7).contains(&byte),
                (0, _) => false,
                _ => byte & 0xc0 == 0x80,
            };
            let mut next = Vec::new();
            for (node, output, key) in &starts {
                for step in node.transitions().filter(|step| fits(step.inp)) {
                    let mut key = key.clone();
                    key.push(step.inp);
                    next.push((fst.node(step.addr), output.cat(step.out), key));
                }
            }
            starts = next;
        }
        let limit = scan.found.len() + MAX_AUTOMATON_SCAN;
        'starts: for (mut node, mut output, mut key) in starts {
            for &byte in text.as_bytes() {
                let Some(i) = node.find_input(byte) else { continue 'starts };
                let step = node.transition(i);
                (node, output) = (fst.node(step.addr), output.cat(step.out));
                key.push(byte);
            }
            if prefix {
                self.collect_below(scan, limit, fst, node, output, &mut key, distance);
            } else if node.is_final() {
                let offset = output.cat(node.final_output()).value();
                scan.push(&key, offset, term_parts(offset).1, distance(&key));
            }
        }
    }

    /// Reads into `scan` every term below `node` (whose path is `key`).
    #[allow(clippy::too_many_arguments)] // one recursion step's whole state
    fn collect_below(
        &self,
        scan: &mut Scan,
        limit: usize,
        fst: &Fst<&[u8]>,
        node: Node,
        output: Output,
        key: &mut Vec<u8>,
        distance: &dyn Fn(&[u8]) -> u8,
    ) {
        if scan.found.len() >= limit {
            return;
        }
        if node.is_final() {
            let offset = output.cat(node.final_output()).value();
            scan.push(key, offset, term_parts(offset).1, distance(key));
        }
        for step in node.transitions() {
            key.push(step.inp);
            self.collect_below(scan, limit, fst, fst.node(step.addr), output.cat(step.out), key, distance);
            key.pop();
        }
    }
}

/// Dictionary terms read from automata, their keys in one buffer (one
/// allocation per scan, not per term).
#[derive(Default)]
struct Scan {
    keys: Vec<u8>,
    found: Vec<Scanned>,
}

/// A dictionary term read from an automaton.
struct Scanned {
    key: std::ops::Range<usize>,
    offset: u64,
    doc_freq: u32,
    distance: u8,
}

impl Scan {
    fn push(&mut self, key: &[u8], offset: u64, doc_freq: u32, distance: u8) {
        if key.first() == Some(&(crate::index::format::FILTER_MARK as u8)) {
            return; // a filter value, not a word
        }
        let start = self.keys.len();
        self.keys.extend_from_slice(key);
        self.found.push(Scanned { key: start..self.keys.len(), offset, doc_freq, distance });
    }

    /// The `n` best distinct terms: fewest edits, then most documents, then
    /// dictionary order (for determinism).
    fn top(mut self, n: usize) -> Vec<(String, u64, u8)> {
        let keys = std::mem::take(&mut self.keys);
        let key = |s: &Scanned| &keys[s.key.clone()];
        stable_sort_by(&mut self.found, |a, b| {
            a.distance.cmp(&b.distance).then(b.doc_freq.cmp(&a.doc_freq)).then(key(a).cmp(key(b)))
        });
        self.found.dedup_by(|a, b| key(a) == key(b));
        self.found.truncate(n);
        self.found
            .iter()
            .filter_map(|s| Some((String::from_utf8(key(s).to_vec()).ok()?, s.offset, s.distance)))
            .collect()
    }
}
