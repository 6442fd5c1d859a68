//! Damaged, foreign and stale index bytes give an `Error` naming the
//! problem, never a panic; a valid index gives every posting back.

use std::collections::BTreeMap;

use article_search_core::index::format::HEADER_LEN;
use article_search_core::{Analyzer, Document, Error, Index, IndexBuilder};
use fst::{IntoStreamer, Streamer};
use proptest::prelude::*;

#[path = "support/damage.rs"]
mod damage;

fn build(texts: &[&str]) -> Vec<u8> {
    let mut builder = IndexBuilder::new();
    for (i, text) in texts.iter().enumerate() {
        let doc =
            Document { id: format!("d{i}"), title: format!("Title {i}"), body: text.to_string(), ..Default::default() };
        builder.add(doc).unwrap();
    }
    let mut bytes = Vec::new();
    builder.finish(&mut bytes).unwrap();
    bytes
}

fn small_index() -> Vec<u8> {
    build(&["Hà Nội defence talks, ARMY-2024.", "Moscow dialogue on cooperation", "Việt Nam – Russia"])
}

#[test]
fn every_truncation_is_an_error() {
    let bytes = small_index();
    for len in 0..bytes.len() {
        assert!(Index::open(&bytes[..len]).is_err(), "truncated to {len} bytes opened");
    }
}

#[test]
fn every_bit_flip_is_an_error() {
    let bytes = small_index();
    for i in 0..bytes.len() {
        for bit in 0..8 {
            let mut damaged = bytes.clone();
            damaged[i] ^= 1 << bit;
            assert!(Index::open(&damaged).is_err(), "bit {bit} of byte {i} flipped, still opened");
        }
    }
}

#[test]
fn foreign_bytes_are_not_an_index() {
    for foreign in [&b""[..], b"\x89PNG\r\n\x1a\n rest of an image", b"ARTSRCH", &[0u8; 64]] {
        let err = Index::open(foreign).unwrap_err();
        assert!(matches!(err, Error::NotAnIndex | Error::Truncated { .. }), "{err:?}");
    }
    assert_eq!(Index::open(b"ARTSRCH\0short").unwrap_err(), Error::Truncated { section: "header" });
}

#[test]
fn stale_versions_say_to_rebuild() {
    let bytes = small_index();
    let mut stale = bytes.clone();
    stale[12..16].copy_from_slice(&1u32.to_le_bytes()); // analyzer version 1
    let err = Index::open(&stale).unwrap_err();
    assert!(matches!(err, Error::AnalyzerVersion { found: 1, .. }), "{err:?}");
    assert!(err.to_string().contains("rebuild"), "{err}");
    let mut old_format = bytes;
    old_format[8..12].copy_from_slice(&1u32.to_le_bytes());
    assert!(matches!(Index::open(&old_format).unwrap_err(), Error::FormatVersion { found: 1, .. }));
}

#[test]
fn resealing_an_intact_index_changes_nothing() {
    // The seals recomputed by the damage below are the writer's own.
    let bytes = damage::sample_index();
    assert_eq!(damage::damage(&bytes, &[]), bytes);
    assert!(damage::open_and_use(&bytes).is_ok());
}

/// Regression (found by `resealed_damage_never_panics`): an fst sealed with a
/// valid crc32c whose root address is past its end made the fst crate index
/// out of bounds on the first lookup. Its nodes are now checked on opening.
#[test]
fn a_sealed_dictionary_with_its_root_past_the_end_is_refused() {
    let bytes = damage::sample_index();
    let fst_end = HEADER_LEN + u32::from_le_bytes(bytes[24..28].try_into().unwrap()) as usize;
    let mut damaged = bytes.clone();
    damaged[fst_end - 12..fst_end - 4].copy_from_slice(&(1u64 << 40).to_le_bytes()); // the root address
    damage::reseal(&mut damaged);
    let error = Index::open(&damaged).unwrap_err();
    assert!(error.to_string().contains("term dictionary: root node"), "{error}");
}

/// Every byte of the term dictionary (its directory and blocks, the stem
/// groups' keys among them) and of the languages changed in turn, resealed:
/// each is refused or gives an index that works, never a panic.
#[test]
fn every_sealed_byte_change_in_the_dictionaries_is_refused_or_harmless() {
    let bytes = damage::sample_index();
    let dictionaries = HEADER_LEN
        ..HEADER_LEN
            + (0..2)
                .map(|i| u32::from_le_bytes(bytes[24 + 4 * i..28 + 4 * i].try_into().unwrap()) as usize)
                .sum::<usize>();
    for at in dictionaries {
        for change in [0x01, 0x10, 0x80, 0xff] {
            let mut damaged = bytes.clone();
            damaged[at] ^= change;
            damage::reseal(&mut damaged);
            if let Err(error) = damage::open_and_use(&damaged) {
                assert!(!error.to_string().contains("checksum"), "byte {at} ^ {change:#x}: {error}");
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Edits to a valid index, resealed (its checksum and its fsts' crc32c
    /// recomputed), so they reach the structural checks and the decoders
    /// behind the seals: opening and using the index gives an error or
    /// works, never a panic. (The `index_reader` fuzz target does the same
    /// with coverage guidance.)
    #[test]
    fn resealed_damage_never_panics(edits in prop::collection::vec(any::<u8>(), 4..24)) {
        let bytes = damage::damage(&damage::sample_index(), &edits);
        if let Err(error) = damage::open_and_use(&bytes) {
            // Past the seals: what stops the damage is the structure.
            prop_assert!(!error.to_string().contains("checksum"), "{}", error);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Build -> read gives back, for every term, exactly the documents and
    /// title/body frequencies the analyzer produced.
    #[test]
    fn every_posting_round_trips(texts in prop::collection::vec("[a-zà-ỹ ,.-]{0,80}", 1..6)) {
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let bytes = build(&refs);
        let index = Index::open(&bytes).unwrap();
        let analyzer = Analyzer::new();
        let mut expected: BTreeMap<String, BTreeMap<u32, (u32, u32)>> = BTreeMap::new();
        for (doc, text) in texts.iter().enumerate() {
            for (field, t) in [(0, format!("Title {doc}")), (1, text.clone())] {
                for token in analyzer.tokens(&t) {
                    let tf = expected.entry(token.term).or_default().entry(doc as u32).or_default();
                    if field == 0 { tf.0 += 1 } else { tf.1 += 1 }
                }
            }
        }
        let mut actual: BTreeMap<String, BTreeMap<u32, (u32, u32)>> = BTreeMap::new();
        for block in 0..index.term_blocks().len() {
            let map = index.term_block(block).expect("embedded");
            let mut stream = map.into_stream();
            while let Some((term, value)) = stream.next() {
                if term.contains(&0) || term.first() == Some(&2) {
                    continue; // a stem group's key (`stem \0 lang \0 term`) or a document's id
                }
                let postings = index.postings(value).expect("embedded").map(|p| (p.doc, (p.title_tf, p.body_tf))).collect();
                actual.insert(String::from_utf8(term.to_vec()).unwrap(), postings);
            }
        }
        prop_assert_eq!(actual, expected);
    }
}
