//! Damaged, foreign and stale index bytes give an `Error` naming the
//! problem, never a panic; a valid index gives every posting back.

use std::collections::BTreeMap;

use article_search_core::index::format::{checksum, HEADER_LEN};
use article_search_core::{Analyzer, Document, Error, Index, IndexBuilder, SearchOptions, Searcher};
use fst::{IntoStreamer, Streamer};
use proptest::prelude::*;

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

/// Opening may fail, but whatever opens must also search without panicking.
fn open_and_search(bytes: &[u8]) -> Result<(), Error> {
    let searcher = Searcher::new(Index::open(bytes)?)?;
    for query in ["defence", "ha noi", "\"dialogue on\"", "moscw", "-russia viet", "a"] {
        searcher.search(query, &SearchOptions::default())?;
    }
    Ok(())
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

/// Damage that keeps a valid checksum (as a buggy writer would produce)
/// reaches the structural checks and the decoders: still no panic.
fn reseal(bytes: &mut [u8]) {
    let sum = checksum(&bytes[..HEADER_LEN], &bytes[HEADER_LEN..]);
    bytes[HEADER_LEN - 8..HEADER_LEN].copy_from_slice(&sum.to_le_bytes());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        let _ = open_and_search(&bytes);
    }

    #[test]
    fn resealed_damage_never_panics(edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8)) {
        let mut bytes = small_index();
        for (at, value) in edits {
            let i = HEADER_LEN + at.index(bytes.len() - HEADER_LEN);
            bytes[i] = value;
        }
        reseal(&mut bytes);
        let _ = open_and_search(&bytes);
    }

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
        let mut stream = index.terms().into_stream();
        while let Some((term, offset)) = stream.next() {
            let postings = index.postings(offset).map(|p| (p.doc, (p.title_tf, p.body_tf))).collect();
            actual.insert(String::from_utf8(term.to_vec()).unwrap(), postings);
        }
        prop_assert_eq!(actual, expected);
    }
}
