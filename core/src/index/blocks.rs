//! Where a key lies among a dictionary's blocks: each block holds the
//! keys from its first key to the next block's, so the first keys alone
//! (kept in the index) say which block to read, embedded or fetched.

use fst::{IntoStreamer, Streamer};
use std::ops::Range;

/// The blocks of one dictionary (terms, or tails), by their first keys.
#[derive(Debug, Clone, Default)]
pub struct Blocks<'a> {
    /// The number of the first block's file among the index's files.
    first_file: u32,
    /// Each block's first key, ascending (block 0's may be empty).
    firsts: Vec<&'a [u8]>,
    /// Each block's key count (for a tail dictionary, none are kept).
    keys: Vec<u32>,
}

impl<'a> Blocks<'a> {
    /// Blocks whose files are numbered from `first_file`, with these first
    /// keys (ascending) and key counts.
    pub(super) fn new(first_file: u32, firsts: Vec<&'a [u8]>, keys: Vec<u32>) -> Self {
        Blocks { first_file, firsts, keys }
    }

    /// How many blocks there are.
    pub fn len(&self) -> usize {
        self.firsts.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.firsts.is_empty()
    }

    /// The block that holds `key`, if the dictionary has it: the last one
    /// whose first key is not after it (block 0 for a key before them all).
    pub fn of(&self, key: &[u8]) -> usize {
        self.firsts.partition_point(|first| *first <= key).saturating_sub(1)
    }

    /// The blocks that may hold keys from `low` (included) to `high`
    /// (excluded; `None`: to the end), in key order.
    pub fn overlapping(&self, low: &[u8], high: Option<&[u8]>) -> Range<usize> {
        let start = self.of(low);
        let end = match high {
            Some(high) => self.firsts.partition_point(|first| *first < high).max(start + 1),
            None => self.len(),
        };
        start..end.min(self.len()).max(start)
    }

    /// The keys block `block` may hold: from its first key to the next
    /// block's (excluded; `None` for the last block).
    pub fn bounds(&self, block: usize) -> (&'a [u8], Option<&'a [u8]>) {
        (self.firsts.get(block).copied().unwrap_or_default(), self.firsts.get(block + 1).copied())
    }

    /// How many keys block `block` holds (0 if not kept).
    pub fn keys(&self, block: usize) -> u32 {
        self.keys.get(block).copied().unwrap_or(0)
    }

    /// The number of block `block`'s file among the index's files.
    pub fn file(&self, block: usize) -> u32 {
        self.first_file + block as u32
    }

    /// Calls `each` with every key (and value) from `low` (included) to
    /// `high` (excluded), in key order, reading each block from `block`
    /// (which may not have it: its keys are then skipped).
    pub fn each_in_range(
        &self,
        low: &[u8],
        high: &[u8],
        block: impl Fn(usize) -> Option<fst::Map<&'a [u8]>>,
        mut each: impl FnMut(&[u8], u64),
    ) {
        for i in self.overlapping(low, Some(high)) {
            let Some(map) = block(i) else { continue };
            let mut keys = map.range().ge(low).lt(high).into_stream();
            while let Some((key, value)) = keys.next() {
                each(key, value);
            }
        }
    }
}

/// The first key after every key that starts with `prefix`, `None` if
/// there is none (`prefix` is empty or all 0xff bytes).
pub fn prefix_end(prefix: &[u8]) -> Option<Vec<u8>> {
    let mut end = prefix.to_vec();
    while let Some(last) = end.pop() {
        if last < 0xff {
            end.push(last + 1);
            return Some(end);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_in_the_last_block_that_starts_before_it() {
        let blocks = Blocks::new(5, vec![b"", b"bee", b"cat"], vec![1, 2, 3]);
        assert_eq!([b"a".as_slice(), b"bee", b"bz", b"cat", b"zoo"].map(|k| blocks.of(k)), [0, 1, 1, 2, 2]);
        assert_eq!(blocks.overlapping(b"b", Some(b"c")), 0..2);
        assert_eq!(blocks.overlapping(b"be", Some(b"bf")), 0..2, "block 0 may hold bea");
        assert_eq!(blocks.overlapping(b"bee", Some(b"bef")), 1..2);
        assert_eq!(blocks.overlapping(b"cat", None), 2..3);
        assert_eq!(blocks.bounds(1), (b"bee".as_slice(), Some(b"cat".as_slice())));
        assert_eq!(blocks.file(2), 7);
    }

    #[test]
    fn a_prefix_ends_where_its_last_byte_is_one_more() {
        assert_eq!(prefix_end(b"ab"), Some(b"ac".to_vec()));
        assert_eq!(prefix_end(&[b'a', 0xff]), Some(b"b".to_vec()));
        assert_eq!(prefix_end(&[0xff]), None);
    }
}
