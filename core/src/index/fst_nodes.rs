//! A structural check of an fst dictionary before the fst crate reads it.
//!
//! The fst crate trusts its bytes: a node address past the end, a size
//! field out of range or a transition pointing forward makes its decoders
//! index out of bounds, overflow or loop, and its own crc32c only proves
//! that the bytes are the ones its writer sealed. So every node reachable
//! from the root is decoded here first, the way fst 0.4's `raw::node`
//! lays it out (format version 3, the one its builder writes), with every
//! read bounds-checked: a dictionary that passes can be walked by the fst
//! crate (and by the search's own walks over its nodes) without a panic.
//!
//! What passes, and why that is enough:
//! - every node lies inside the node area, with sizes the decoders accept
//!   (1 to 8 bytes for an address, 0 to 8 for an output);
//! - every transition goes to address 0 (the empty final node) or to a node
//!   that ends before the node it leaves: no cycle, so every walk ends;
//! - no path from the root is longer than [`MAX_DEPTH`] nodes: the search's
//!   recursive walks stay shallow (the keys are terms of at most 64 bytes);
//! - no output is over [`MAX_TERM_VALUE`] (2^56 - 1: a dictionary's values
//!   are at most that): the sum along a path of at most [`MAX_DEPTH`]
//!   outputs cannot overflow.
//!
//! It costs one pass over the nodes and one byte of memory per byte of the
//! dictionary, freed at once.

use super::format::MAX_TERM_VALUE;

/// The fst layout version checked here; the fst crate 0.4 writes it.
const FST_VERSION: u64 = 3;
/// Bytes before the first node: the version and the fst type, 8 each.
const NODES_START: usize = 16;
/// Bytes after the last node: key count and root address (8 each), crc32c (4).
const FOOTER_LEN: usize = 20;
/// Above this many transitions a node carries a 256-byte index of them.
const TRANS_INDEX_THRESHOLD: usize = 32;
/// Longest accepted path from the root, in nodes: keys of up to this many bytes.
pub const MAX_DEPTH: u8 = 255;

/// Checks the nodes of the fst `bytes` (already opened by `fst::Map::new`,
/// inside an index whose checksum matched); the error says what is wrong.
pub fn check(bytes: &[u8]) -> Result<(), String> {
    if bytes.len() < NODES_START + FOOTER_LEN {
        return Err(format!("{} bytes is too short for an fst", bytes.len()));
    }
    let u64_at = |at: usize| u64::from_le_bytes(bytes[at..at + 8].try_into().expect("8 bytes"));
    let version = u64_at(0);
    if version != FST_VERSION {
        return Err(format!("fst layout version {version}, expected {FST_VERSION}"));
    }
    let nodes_end = bytes.len() - FOOTER_LEN;
    let root = usize::try_from(u64_at(nodes_end + 8)).unwrap_or(usize::MAX);
    if root == 0 {
        return Ok(()); // the empty final node: an fst of at most the empty key
    }
    if !(NODES_START..nodes_end).contains(&root) {
        return Err(format!("root node at {root}, outside the nodes (bytes {NODES_START}..{nodes_end})"));
    }
    // Longest path from the root to each node, in nodes (0: not reached).
    // A transition always goes to a lower address, so going down from the
    // root visits every node after all of its parents.
    let mut depth = vec![0u8; root + 1];
    depth[root] = 1;
    for addr in (NODES_START..=root).rev() {
        let here = depth[addr];
        if here == 0 {
            continue;
        }
        let node = Node::decode(bytes, addr)?;
        if node.final_output > MAX_TERM_VALUE {
            return Err(format!("node {addr}: final output {} is too large", node.final_output));
        }
        for i in 0..node.ntrans {
            let (child, output) = node.transition(bytes, i)?;
            if output > MAX_TERM_VALUE {
                return Err(format!("node {addr}: output {output} is too large"));
            }
            if child == 0 {
                continue;
            }
            if here == MAX_DEPTH {
                return Err(format!("a path from the root is longer than {MAX_DEPTH} nodes"));
            }
            depth[child] = depth[child].max(here + 1);
        }
    }
    Ok(())
}

/// One node's layout, bounds-checked: where its bytes start (`end`, the
/// fst crate's name) and how to find its transitions.
struct Node {
    addr: usize,
    end: usize,
    kind: Kind,
    ntrans: usize,
    /// Bytes of each transition's address delta and of each output.
    tsize: usize,
    osize: usize,
    final_output: u64,
}

enum Kind {
    /// One transition, to the node written just before, output zero.
    OneNext,
    /// One transition with an address and maybe an output.
    One,
    /// Any number of transitions; `sizes_at` is the byte of pack sizes.
    Any { sizes_at: usize, index_size: usize },
}

impl Node {
    fn decode(bytes: &[u8], addr: usize) -> Result<Node, String> {
        let state = bytes[addr];
        let short = || format!("node {addr} runs before the start of the nodes");
        let below = |by: usize| addr.checked_sub(by).filter(|&at| at >= NODES_START).ok_or_else(short);
        // A transition's input is either one of 63 common bytes named in
        // the state byte, or a byte of its own before it.
        let input_len = usize::from(state & 0b0011_1111 == 0);
        let node = match state >> 6 {
            0b11 => Node {
                addr,
                end: below(input_len)?,
                kind: Kind::OneNext,
                ntrans: 1,
                tsize: 0,
                osize: 0,
                final_output: 0,
            },
            0b10 => {
                let sizes_at = below(input_len + 1)?;
                let (tsize, osize) = pack_sizes(bytes[sizes_at]);
                if !(1..=8).contains(&tsize) || osize > 8 {
                    return Err(format!("node {addr}: pack sizes {tsize} and {osize}"));
                }
                Node {
                    addr,
                    end: below(input_len + 1 + tsize + osize)?,
                    kind: Kind::One,
                    ntrans: 1,
                    tsize,
                    osize,
                    final_output: 0,
                }
            }
            _ => {
                let is_final = state & 0b0100_0000 != 0;
                let ntrans_len = input_len; // the count is in the state byte, or in the byte before it
                let sizes_at = below(ntrans_len + 1)?;
                let ntrans = match state & 0b0011_1111 {
                    0 => match bytes[addr - 1] {
                        1 => 256,
                        n => usize::from(n),
                    },
                    n => usize::from(n),
                };
                let (tsize, osize) = pack_sizes(bytes[sizes_at]);
                if (ntrans > 0 && !(1..=8).contains(&tsize)) || osize > 8 {
                    return Err(format!("node {addr}: pack sizes {tsize} and {osize}"));
                }
                let index_size = if ntrans > TRANS_INDEX_THRESHOLD { 256 } else { 0 };
                let final_osize = if is_final { osize } else { 0 };
                let span = ntrans_len + 1 + index_size + ntrans * (1 + tsize + osize) + final_osize;
                let end = below(span)?;
                let final_output = if final_osize > 0 { unpack(&bytes[end..end + osize]) } else { 0 };
                Node { addr, end, kind: Kind::Any { sizes_at, index_size }, ntrans, tsize, osize, final_output }
            }
        };
        Ok(node)
    }

    /// Transition `i`: the node it goes to and its output.
    fn transition(&self, bytes: &[u8], i: usize) -> Result<(usize, u64), String> {
        let (delta_at, output_at) = match self.kind {
            Kind::OneNext => {
                // `end` is at least NODES_START, so this is the one way out of the nodes.
                let child = self.end - 1;
                return if child >= NODES_START {
                    Ok((child, 0))
                } else {
                    Err(format!("node {}: its transition goes before the first node", self.addr))
                };
            }
            Kind::One => (self.end + self.osize, self.end),
            Kind::Any { sizes_at, index_size } => {
                let addresses = sizes_at - index_size - self.ntrans;
                let outputs = addresses - self.ntrans * self.tsize;
                (addresses - (i + 1) * self.tsize, outputs - (i + 1) * self.osize)
            }
        };
        let output = if self.osize > 0 { unpack(&bytes[output_at..output_at + self.osize]) } else { 0 };
        let delta = unpack(&bytes[delta_at..delta_at + self.tsize]);
        if delta == 0 {
            return Ok((0, output)); // the empty final node
        }
        let child = usize::try_from(delta).ok().and_then(|d| self.end.checked_sub(d));
        match child {
            Some(child) if child >= NODES_START => Ok((child, output)),
            _ => Err(format!("node {}: transition {i} goes to a node outside the fst", self.addr)),
        }
    }
}

/// (address delta bytes, output bytes) from a node's pack-sizes byte.
fn pack_sizes(byte: u8) -> (usize, usize) {
    (usize::from(byte >> 4), usize::from(byte & 0x0f))
}

/// A little-endian unsigned integer of 1 to 8 bytes.
fn unpack(bytes: &[u8]) -> u64 {
    bytes.iter().rev().fold(0, |n, &b| n << 8 | u64::from(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fst_of(keys: &[&str]) -> Vec<u8> {
        let mut builder = fst::MapBuilder::memory();
        for (i, key) in keys.iter().enumerate() {
            builder.insert(key, i as u64 * 1000).unwrap();
        }
        builder.into_inner().unwrap()
    }

    #[test]
    fn fsts_the_crate_writes_pass() {
        let many: Vec<String> = (0..300).map(|i| format!("k{:03}{}", i, "x".repeat(i % 7))).collect();
        let mut sorted: Vec<&str> = many.iter().map(String::as_str).collect();
        sorted.sort_unstable();
        // Nodes of every kind: one transition with and without output, many
        // transitions (over the index threshold too), final nodes with output.
        let wide: Vec<String> =
            (0u8..=255).filter(|b| b.is_ascii_alphanumeric()).map(|b| (b as char).to_string()).collect();
        let mut wide: Vec<&str> = wide.iter().map(String::as_str).collect();
        wide.sort_unstable();
        let long = "a".repeat(200);
        for keys in [&[][..], &[""], &["a"], &["ab", "abc", "b"], &sorted, &wide, &[long.as_str()]] {
            let bytes = fst_of(keys);
            assert_eq!(check(&bytes), Ok(()), "{keys:?}");
        }
    }

    #[test]
    fn a_root_or_a_transition_outside_the_nodes_and_a_key_too_deep_are_refused() {
        let mut bytes = fst_of(&["ab", "abc", "b"]);
        let root_at = bytes.len() - 12;
        let past_the_end = bytes.len() as u64;
        bytes[root_at..root_at + 8].copy_from_slice(&past_the_end.to_le_bytes());
        assert!(check(&bytes).unwrap_err().contains("outside the nodes"));

        let longest = "a".repeat(usize::from(MAX_DEPTH));
        assert_eq!(check(&fst_of(&[longest.as_str()])), Ok(()));
        // A one-transition node at the very start, going "to the node before it": the header.
        let mut first = vec![0u8; NODES_START];
        first[0] = FST_VERSION as u8;
        first.push(0b1100_0001); // one transition, common input 1, to the previous node
        first.extend_from_slice(&1u64.to_le_bytes()); // key count
        first.extend_from_slice(&(NODES_START as u64).to_le_bytes()); // root address
        first.extend_from_slice(&[0; 4]); // crc32c, not checked here
        assert!(check(&first).unwrap_err().contains("before the first node"));

        let deep = "a".repeat(usize::from(MAX_DEPTH) + 1);
        assert!(check(&fst_of(&[deep.as_str()])).unwrap_err().contains("longer than"));
    }
}
