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
//! Two edits are looked for only after a correct first letter, and among
//! the terms whose second or third letter is the word's second or third:
//! people rarely get a word's first letter and another one wrong, or both
//! its second and third, and the walk from the root with two edits costs
//! ten times the others together (under the first letter, over a split
//! index, most of the blocks of that letter).
//!
//! The dictionary is in blocks (one for every word when embedded, many
//! when split): a walk reads the blocks its keys may lie in, in key order,
//! so it finds the same terms either way. A block it needs and does not
//! have is noted as wanted ([`Searcher::term_block`]). Over a split index
//! the first-letter lookups read the tail dictionary: the words with the
//! same tail are one block's keys there, where one lookup per first letter
//! would be one block per letter. Likewise for an edit on the second
//! letter: the tail dictionary also keys a word by its second letter
//! (`first rest \1 second`), so one edit walks only below the first two
//! letters, and two edits below four two-letter starts (of the terms, and
//! of those keys). A walk reads only the blocks the automaton may accept a
//! key of, judged from their bounds.

use fst::raw::{Fst, Node, Output};

use super::typo_automaton::{State, TypoAutomaton};
use super::Searcher;
use crate::sort::stable_sort_by;

use crate::index::format::{stem_forms_key, term_parts, word_of_tail_key, FILTER_MARK, ID_MARK, SECOND_END, TAIL_END};
use crate::index::{prefix_end, Blocks};
use crate::ranking::{edit_budget, MAX_AUTOMATON_SCAN, MAX_PREFIX_TERMS, MAX_TYPO_TERMS, TYPO_SKIP_DOC_FREQ};
use fst::{IntoStreamer, Streamer};

/// The term dictionary of a searcher's index, read through the searcher
/// (which has the blocks, embedded or given).
pub(super) struct Dictionary<'s, 'a> {
    searcher: &'s Searcher<'a>,
}

impl<'s, 'a> Dictionary<'s, 'a> {
    /// The dictionary `searcher` reads.
    pub(super) fn new(searcher: &'s Searcher<'a>) -> Self {
        Dictionary { searcher }
    }

    fn blocks(&self) -> &'s Blocks<'a> {
        self.searcher.index().term_blocks()
    }

    /// The dictionary value of `term`, if the index has it (and its block
    /// is there: else it is wanted).
    pub(super) fn get(&self, term: &str) -> Option<u64> {
        self.searcher.term_block(self.blocks().of(term.as_bytes()))?.get(term)
    }

    /// The index terms that share the stem `stem` in language `lang`, with
    /// their values (empty if none but the stem itself), in term order.
    pub(super) fn stem_group(&self, lang: &str, stem: &str) -> Vec<(String, u64)> {
        let low = stem_forms_key(lang, stem);
        let Some(high) = prefix_end(&low) else { return Vec::new() };
        let mut forms = Vec::new();
        self.blocks().each_in_range(
            &low,
            &high,
            |block| self.searcher.term_block(block),
            |key, value| {
                if let Some(form) = key.strip_prefix(low.as_slice()) {
                    forms.push((String::from_utf8_lossy(form).into_owned(), value));
                }
            },
        );
        forms
    }

    /// The most frequent terms (at most [`MAX_PREFIX_TERMS`]) that start
    /// with `prefix`, the prefix itself included if it is a term.
    pub(super) fn completions(&self, prefix: &str) -> Vec<(String, u64, u8)> {
        let mut completions = Scan::default();
        self.spelled(&mut completions, prefix, true, &|_| 0);
        completions.top(MAX_PREFIX_TERMS)
    }

    /// Dictionary terms within `word`'s edit budget (or, while it is typed,
    /// starting with such a term), nearest and most frequent first, with
    /// their edit distance; never the word itself. Two edits only if one
    /// finds fewer than [`TYPO_SKIP_DOC_FREQ`] documents (and every block
    /// the first needed was there).
    pub(super) fn typo_terms(&self, word: &str, prefix: bool) -> Vec<(String, u64, u8)> {
        let budget = edit_budget(word.chars().count());
        let mut chars = word.chars();
        let (Some(first), Some(second)) = (chars.next(), chars.next()) else { return Vec::new() };
        let (head, rest) = word.split_at(first.len_utf8());
        let (first_two, after_two) = word.split_at(first.len_utf8() + second.len_utf8());
        let split = !self.searcher.index().tail_blocks().is_empty();
        let mut scan = Scan::default();
        let wanted_before = self.searcher.wanted_count();
        for edits in 1..=budget {
            let automaton = TypoAutomaton::new(word, edits, prefix);
            let distance = |key: &[u8]| automaton.eval(key).unwrap_or(u8::MAX);
            if edits == 2 {
                self.two_edits(&mut scan, &automaton, word, prefix);
            } else if split {
                // After the first two letters; on the second, by lookups below.
                self.walk_after_head(&mut scan, &automaton, first_two, None);
            } else {
                self.walk_after_head(&mut scan, &automaton, head, None);
            }
            if edits == 1 {
                // Another first letter, or one put before the word.
                for text in [rest, word] {
                    if split {
                        self.tails(&mut scan, TAIL_END, head.len(), text, prefix, &distance);
                    } else {
                        self.spelled_after_any(&mut scan, head.len(), text, prefix, &distance);
                    }
                }
                // The first letter left out, or swapped with the second.
                self.spelled(&mut scan, rest, prefix, &distance);
                self.spelled(&mut scan, &format!("{second}{first}{after_two}"), prefix, &distance);
                if split {
                    // Another second letter, or one put after the first.
                    let without_second = format!("{head}{after_two}");
                    for text in [without_second.as_str(), word] {
                        self.tails(&mut scan, SECOND_END, second.len_utf8(), text, prefix, &distance);
                    }
                    // The second letter left out, or swapped with the third.
                    self.spelled(&mut scan, &without_second, prefix, &distance);
                    let mut after = after_two.chars();
                    if let Some(third) = after.next() {
                        self.spelled(
                            &mut scan,
                            &format!("{first}{third}{second}{}", after.as_str()),
                            prefix,
                            &distance,
                        );
                    }
                }
            }
            let keys = &scan.keys;
            scan.found.retain(|s| s.distance > 0 && s.distance <= edits && keys[s.key.clone()] != *word.as_bytes());
            // Documents found so far, counted once per term and round (an upper bound).
            let docs: u32 = scan.found.iter().map(|s| s.doc_freq).sum();
            if docs >= TYPO_SKIP_DOC_FREQ || self.searcher.wanted_count() > wanted_before {
                break;
            }
        }
        scan.top(MAX_TYPO_TERMS)
    }

    /// Reads into `scan` the terms `automaton` (two edits of `word`)
    /// accepts that start with `word`'s first letter and have `word`'s
    /// second or third letter as their second or third. A split index reads
    /// them under four two-letter starts: of the terms (their second letter
    /// is one of those) and of their second-letter keys (their third is).
    /// An embedded one walks all the terms of the first letter and keeps
    /// those, so that both layouts find the same.
    fn two_edits(&self, scan: &mut Scan, automaton: &TypoAutomaton, word: &str, prefix: bool) {
        let mut chars = word.chars();
        let (Some(first), Some(second), Some(third)) = (chars.next(), chars.next(), chars.next()) else { return };
        let letters: &[char] = if second == third { &[second] } else { &[second, third] };
        if self.searcher.index().tail_blocks().is_empty() {
            let from = scan.found.len();
            self.walk_after_head(scan, automaton, first.encode_utf8(&mut [0; 4]), None);
            let keys = &scan.keys;
            let near_start = |s: &Scanned| {
                let term = std::str::from_utf8(&keys[s.key.clone()]).unwrap_or("");
                term.chars().skip(1).take(2).any(|c| letters.contains(&c))
            };
            let kept: Vec<Scanned> = scan.found.drain(from..).filter(near_start).collect();
            scan.found.extend(kept);
            return;
        }
        // The word without its second letter: within the budget of the key
        // of a term by its second letter if the term is of the word (taking
        // the same position out of both never adds an edit).
        let without_second: String = [first].into_iter().chain(word.chars().skip(2)).collect();
        let keys_automaton = TypoAutomaton::new(&without_second, 2, prefix);
        for &letter in letters {
            let start = format!("{first}{letter}");
            self.walk_after_head(scan, automaton, &start, None);
            self.walk_after_head(scan, &keys_automaton, &start, Some(automaton));
        }
    }

    /// Reads into `scan` the terms that start with `head` and that
    /// `automaton` accepts, with their distance: in each block whose bounds
    /// allow such a key, a depth-first walk of its fst in step with the
    /// automaton, pruned where it dies (a plain recursion over the fst
    /// nodes: several times faster than a generic fst stream here).
    ///
    /// With `second_letters`, the walk is of the tail dictionary's keys by
    /// the second letter (`first rest \1 second`): `automaton` judges
    /// `first rest`, and the term it spells with its second letter back is
    /// taken at its `second_letters` distance.
    fn walk_after_head(
        &self,
        scan: &mut Scan,
        automaton: &TypoAutomaton,
        head: &str,
        second_letters: Option<&TypoAutomaton>,
    ) {
        let blocks = if second_letters.is_some() { self.searcher.index().tail_blocks() } else { self.blocks() };
        let head = head.as_bytes();
        let end = prefix_end(head);
        let limit = scan.found.len() + MAX_AUTOMATON_SCAN;
        for block in blocks.overlapping(head, end.as_deref()) {
            let (first, next) = blocks.bounds(block);
            let low = first.max(head);
            let high = match (next, end.as_deref()) {
                (Some(next), Some(end)) => Some(next.min(end)),
                (next, end) => next.or(end),
            };
            let marks = second_letters.is_some();
            if high.is_some_and(|high| high <= low)
                || !may_accept(automaton, &automaton.start(), Some(low), high, marks)
            {
                continue;
            }
            let map = if marks { self.searcher.tail_block(block) } else { self.searcher.term_block(block) };
            let Some(map) = map else { continue };
            let fst = map.as_fst();
            let (mut node, mut state, mut output) = (fst.root(), automaton.start(), Output::zero());
            let mut found = true;
            for &byte in head {
                let (Some(i), Some(next)) = (node.find_input(byte), automaton.step(&state, byte)) else {
                    found = false;
                    break;
                };
                let step = node.transition(i);
                (state, output, node) = (next, output.cat(step.out), fst.node(step.addr));
            }
            if found {
                let walker = Walker { fst, automaton, second_letters, limit };
                walker.walk(scan, node, &state, output, &mut head.to_vec());
            }
        }
    }

    /// Reads into `scan` the terms spelled `text` (or, if `prefix`, that
    /// start with it), with their `distance`: at most
    /// [`MAX_AUTOMATON_SCAN`], the first in key order.
    fn spelled(&self, scan: &mut Scan, text: &str, prefix: bool, distance: &dyn Fn(&[u8]) -> u8) {
        if !prefix {
            if let Some(value) = self.get(text) {
                scan.push(text.as_bytes(), value, term_parts(value).1, distance(text.as_bytes()));
            }
            return;
        }
        let text = text.as_bytes();
        let limit = scan.found.len() + MAX_AUTOMATON_SCAN;
        // Keys a missing block may add (its count: an upper bound), so that
        // a round wants the blocks up to the limit and no further.
        let mut assumed = 0;
        let end = prefix_end(text);
        for block in self.blocks().overlapping(text, end.as_deref()) {
            if scan.found.len() + assumed >= limit {
                break;
            }
            let Some(map) = self.searcher.term_block(block) else {
                assumed += self.blocks().keys(block) as usize;
                continue;
            };
            let fst = map.as_fst();
            if let Some((node, output)) = descend(fst, fst.root(), Output::zero(), text) {
                collect_below(scan, limit, fst, node, output, &mut text.to_vec(), distance);
            }
        }
    }

    /// Reads into `scan` the terms spelled `text` after any one character
    /// of `lead` UTF-8 bytes (followed by anything if `prefix`): the word
    /// with its first letter replaced or one put before it. Direct lookups
    /// below each first character of each block that has one of that
    /// length: for an index whose words are in one block.
    fn spelled_after_any(
        &self,
        scan: &mut Scan,
        lead: usize,
        text: &str,
        prefix: bool,
        distance: &dyn Fn(&[u8]) -> u8,
    ) {
        let (low, high): (&[u8], Option<&[u8]>) = match lead {
            1 => (&[0], Some(&[0x80])),
            2 => (&[0xc0], Some(&[0xe0])),
            3 => (&[0xe0], Some(&[0xf0])),
            _ => (&[0xf0], Some(&[0xf8])),
        };
        let limit = scan.found.len() + MAX_AUTOMATON_SCAN;
        for block in self.blocks().overlapping(low, high) {
            let Some(map) = self.searcher.term_block(block) else { continue };
            let fst = map.as_fst();
            let mut starts = vec![(fst.root(), Output::zero(), Vec::new())];
            for level in 0..lead {
                let fits = |byte: u8| match level {
                    0 => low[0] <= byte && high.is_none_or(|high| byte < high[0]),
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
            for (node, output, mut key) in starts {
                let Some((node, output)) = descend(fst, node, output, text.as_bytes()) else { continue };
                key.extend_from_slice(text.as_bytes());
                if prefix {
                    collect_below(scan, limit, fst, node, output, &mut key, distance);
                } else if node.is_final() {
                    let value = output.cat(node.final_output()).value();
                    scan.push(&key, value, term_parts(value).1, distance(&key));
                }
            }
        }
    }

    /// What [`Self::spelled_after_any`] reads, from the tail dictionary:
    /// the keys `text \0 head` (or, if `prefix`, `text… \0 head`) whose
    /// head is `lead` bytes long, all in one or two blocks; with `mark`
    /// [`SECOND_END`], the keys `text \1 second` of the words spelled
    /// `text` with a second letter of `lead` bytes put after its first.
    fn tails(&self, scan: &mut Scan, mark: u8, lead: usize, text: &str, prefix: bool, distance: &dyn Fn(&[u8]) -> u8) {
        let low = if prefix { text.as_bytes().to_vec() } else { [text.as_bytes(), &[mark]].concat() };
        let Some(high) = prefix_end(&low) else { return };
        let blocks = self.searcher.index().tail_blocks();
        let mut left = MAX_AUTOMATON_SCAN;
        for block in blocks.overlapping(&low, Some(&high)) {
            let Some(map) = self.searcher.tail_block(block) else { continue };
            let mut keys = map.range().ge(&low).lt(&high).into_stream();
            while let Some((key, value)) = keys.next() {
                let Some((word, key_mark, letter)) = word_of_tail_key(key) else { continue };
                if key_mark == mark && letter.first().is_some_and(|&byte| lead_len(byte) == lead) && left > 0 {
                    left -= 1;
                    scan.push(&word, value, term_parts(value).1, distance(&word));
                }
            }
        }
    }
}

/// The byte after a stem that leads to its forms' keys (not a word's).
const STEM_FORMS: u8 = 0;

/// The UTF-8 length of the character that starts with `byte`.
fn lead_len(byte: u8) -> usize {
    match byte {
        0x00..=0x7f => 1,
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        _ => 4,
    }
}

/// The node below `node` (whose output so far is `output`) along `text`.
fn descend<'f>(fst: &'f Fst<&[u8]>, mut node: Node<'f>, mut output: Output, text: &[u8]) -> Option<(Node<'f>, Output)> {
    for &byte in text {
        let step = node.transition(node.find_input(byte)?);
        (node, output) = (fst.node(step.addr), output.cat(step.out));
    }
    Some((node, output))
}

/// Whether `automaton`, in `state`, may accept a key that goes on with
/// bytes from `low` (included; `None`: any) to `high` (excluded; `None`:
/// any): the bounds of a block decide, before it is read, whether a walk
/// needs it. A state that is alive can always reach a key within the
/// budget (the rest of the word, as typed), so once both bounds are left
/// behind the answer is yes.
///
/// With `marks`, the keys are the tail dictionary's: a key's word ends at
/// [`SECOND_END`] (and its other keys, at [`TAIL_END`], are not walked).
fn may_accept(automaton: &TypoAutomaton, state: &State, low: Option<&[u8]>, high: Option<&[u8]>, marks: bool) -> bool {
    let low = low.filter(|low| !low.is_empty());
    if high.is_some_and(|high| high.is_empty()) {
        return false;
    }
    if low.is_none() && high.is_none() {
        return true;
    }
    if low.is_none() && automaton.distance(state).is_some() {
        return true;
    }
    let (from, to) = (low.map_or(0, |low| low[0]), high.map_or(0xff, |high| high[0]));
    (from..=to).any(|byte| {
        match byte {
            TAIL_END if marks => return false,
            SECOND_END if marks => return automaton.distance(state).is_some(),
            _ => {}
        }
        let Some(next) = automaton.step(state, byte) else { return false };
        let next_low = low.filter(|low| low[0] == byte).map(|low| &low[1..]);
        let next_high = high.filter(|high| high[0] == byte).map(|high| &high[1..]);
        may_accept(automaton, &next, next_low, next_high, marks)
    })
}

/// A walk of one block's fst in step with an automaton (see
/// [`Dictionary::walk_after_head`]).
struct Walker<'f, 't> {
    fst: &'f Fst<&'f [u8]>,
    automaton: &'t TypoAutomaton,
    /// The distance of a term whose key is by its second letter.
    second_letters: Option<&'t TypoAutomaton>,
    /// How many terms `scan` may hold when the walk stops.
    limit: usize,
}

impl Walker<'_, '_> {
    fn walk(&self, scan: &mut Scan, node: Node, state: &State, output: Output, key: &mut Vec<u8>) {
        if scan.found.len() >= self.limit {
            return;
        }
        if node.is_final() && self.second_letters.is_none() {
            if let Some(distance) = self.automaton.distance(state) {
                let value = output.cat(node.final_output()).value();
                scan.push(key, value, term_parts(value).1, distance);
            }
        }
        for step in node.transitions().filter(|step| step.inp != STEM_FORMS) {
            let output = output.cat(step.out);
            if let (SECOND_END, Some(exact)) = (step.inp, self.second_letters) {
                if self.automaton.distance(state).is_some() {
                    self.second_letters_below(scan, exact, self.fst.node(step.addr), output, key);
                }
                continue;
            }
            let Some(next) = self.automaton.step(state, step.inp) else { continue };
            key.push(step.inp);
            self.walk(scan, self.fst.node(step.addr), &next, output, key);
            key.pop();
        }
    }

    /// Reads into `scan` the terms spelled `key` with a second letter
    /// below `node` put back after the first (at `exact`'s distance).
    fn second_letters_below(&self, scan: &mut Scan, exact: &TypoAutomaton, node: Node, output: Output, key: &[u8]) {
        let mut letters = Scan::default();
        collect_below(&mut letters, usize::MAX, self.fst, node, output, &mut Vec::new(), &|_| 0);
        let (first, rest) = key.split_at(key.first().map_or(0, |&b| lead_len(b)).min(key.len()));
        for letter in &letters.found {
            let term = [first, &letters.keys[letter.key.clone()], rest].concat();
            if let Some(distance) = exact.eval(&term) {
                scan.push(&term, letter.offset, letter.doc_freq, distance);
            }
        }
    }
}

/// Reads into `scan` every term below `node` (whose path is `key`).
fn collect_below(
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
        let value = output.cat(node.final_output()).value();
        scan.push(key, value, term_parts(value).1, distance(key));
    }
    for step in node.transitions().filter(|step| step.inp != STEM_FORMS) {
        key.push(step.inp);
        collect_below(scan, limit, fst, fst.node(step.addr), output.cat(step.out), key, distance);
        key.pop();
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
        if key.first().is_some_and(|&first| first == FILTER_MARK as u8 || first == ID_MARK as u8) {
            return; // a filter value or a document's id, not a word
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
