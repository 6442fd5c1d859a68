//! Damage that keeps an index's seals valid, shared by the property test in
//! `core/tests/robustness.rs` and the `index_reader` fuzz target (which
//! includes this file by path).
//!
//! Random bytes never get past an index's checksum, and a random edit of a
//! valid index is refused by it too, so neither reaches the code behind it.
//! Here a valid index is edited and then resealed: its checksum and the
//! crc32c of its fst dictionaries are recomputed, as a buggy writer
//! would have sealed them. Opening then goes past every seal, to the
//! structural checks and the decoders of every section.
#![allow(dead_code)] // each includer uses its own part

use article_search_core::index::format::{checksum, Header, HEADER_LEN};
use article_search_core::{Document, Error, Index, IndexBuilder, SearchOptions, Searcher};

/// A small valid index with something in every section: several documents,
/// titles, urls and dates, accents, stem groups, a body long enough for
/// resume points, a name with digits.
pub fn sample_index() -> Vec<u8> {
    let long_body = "The delegations discussed cooperation in training, cooperating on the law of the sea, \
        and the strategic dialogue held in Moscow. "
        .repeat(6);
    let docs = [
        ("hn", "Việt Nam and Russia", "https://example.com/hn", "2024-12-26", "HÀ NỘI — Defence ties, ARMY-2024."),
        ("mo", "Moscow dialogue", "", "", long_body.as_str()),
        ("us", "Defense center", "/news/us.html", "2023", "The defense center programme, Belousov and Giang."),
        ("fr", "Les généraux", "", "", "Les généraux ont salué les relations bilatérales."),
    ];
    let mut builder = IndexBuilder::new();
    for (id, title, url, date, body) in docs {
        let non_empty = |s: &str| (!s.is_empty()).then(|| s.to_string());
        builder
            .add(Document {
                id: id.into(),
                title: title.into(),
                url: non_empty(url),
                date: non_empty(date),
                body: body.into(),
                // Two stemmed languages: the stem dictionary's keys and list.
                lang: (id == "fr").then(|| "fr".to_string()),
                ..Default::default()
            })
            .expect("distinct ids");
    }
    let mut bytes = Vec::new();
    builder.finish(&mut bytes).expect("writes to memory");
    bytes
}

/// Opens `bytes` and, if that works, uses the index every way the wasm API
/// can: queries of every kind (words, prefixes, typos, phrases, exclusions),
/// a deep page, and each article's reader view. An error is fine; a panic,
/// an out-of-bounds read or a hang is the bug looked for.
pub fn open_and_use(bytes: &[u8]) -> Result<(), Error> {
    let searcher = Searcher::new(Index::open(bytes)?)?;
    let all = SearchOptions { limit: 100, offset: 0, ..SearchOptions::default() };
    for query in ["defence", "ha noi", "\"law of the\"", "moscw", "belousow", "-russia viet", "a", "coop", "army 2024"]
    {
        searcher.search(query, &all)?;
    }
    searcher.search("the", &SearchOptions { limit: 5, offset: 2, ..SearchOptions::default() })?;
    let index = searcher.index();
    for doc in 0..index.doc_count().min(16) {
        if let Ok(id) = index.doc_id(doc) {
            searcher.article(id, "defence cooperation \"the sea\"")?;
            searcher.article(id, "")?;
        }
    }
    searcher.article("no such id", "defence")?;
    Ok(())
}

/// The header's document and term counts (its versions have their own
/// test, and its section lengths change by moving a boundary).
const COUNTS: std::ops::Range<usize> = 16..24;
/// Byte offset of the first section length (`fst_len`) in the header.
const LENGTHS_AT: usize = 24;

/// `index` with `edits` applied, then resealed. `edits` is read four bytes
/// at a time as `[what, at (2 bytes, little-endian), value]`:
///
/// - `what % 8` picks the place: 0 to 3 a byte in one section (term
///   dictionary, languages, postings, documents), 4 or 5 a byte of the
///   header's document or term count, 6 any byte after the header, `at`
///   taken modulo its length;
/// - `what / 8 % 4` the change to that byte: set to `value`, xor, add or
///   subtract `value`;
/// - `what % 8 == 7` instead moves the boundary between section
///   `what / 8 % 3` and the next by `value as i8` bytes, keeping the total.
pub fn damage(index: &[u8], edits: &[u8]) -> Vec<u8> {
    let mut bytes = index.to_vec();
    for edit in edits.chunks_exact(4) {
        let (what, at, value) = (edit[0], usize::from(u16::from_le_bytes([edit[1], edit[2]])), edit[3]);
        if what % 8 == 7 {
            move_boundary(&mut bytes, usize::from(what / 8 % 3), value as i8);
            continue;
        }
        let place = match what % 8 {
            section @ 0..=3 => section_range(&bytes, usize::from(section)),
            4 | 5 => COUNTS,
            _ => HEADER_LEN..bytes.len(),
        };
        if place.is_empty() {
            continue;
        }
        let byte = &mut bytes[place.start + at % place.len()];
        *byte = match what / 8 % 4 {
            0 => value,
            1 => *byte ^ value,
            2 => byte.wrapping_add(value),
            _ => byte.wrapping_sub(value),
        };
    }
    reseal(&mut bytes);
    bytes
}

/// Recomputes the crc32c of every fst (the embedded term blocks, where the
/// header and the directory put them, if they fit) and then the index
/// checksum, so they match the bytes.
pub fn reseal(bytes: &mut [u8]) {
    if bytes.len() < HEADER_LEN {
        return;
    }
    let dictionary = section_range(bytes, 0);
    let mut fsts = embedded_blocks(&bytes[dictionary.clone()]);
    fsts.iter_mut().for_each(|block| *block = block.start + dictionary.start..block.end + dictionary.start);
    for range in fsts {
        if range.len() >= 4 {
            let end = range.end;
            let crc = fst_crc(&bytes[range.start..end - 4]);
            bytes[end - 4..end].copy_from_slice(&crc.to_le_bytes());
        }
    }
    let sum = checksum(&bytes[..HEADER_LEN], &bytes[HEADER_LEN..]);
    bytes[HEADER_LEN - 8..HEADER_LEN].copy_from_slice(&sum.to_le_bytes());
}

/// Where the embedded term blocks lie in a term dictionary section, as
/// far as its directory can be read (the format's doc: block count,
/// embedded count, the blocks' lengths and hashes, the tail blocks' count,
/// lengths and hashes, the first keys, then the embedded blocks).
fn embedded_blocks(section: &[u8]) -> Vec<std::ops::Range<usize>> {
    let u32_at = |at: usize| section.get(at..at + 4).map(|b| u32::from_le_bytes(b.try_into().unwrap()) as usize);
    let varint_at = |at: &mut usize| {
        let mut value = 0usize;
        for shift in (0..35).step_by(7) {
            let byte = *section.get(*at)?;
            *at += 1;
            value |= usize::from(byte & 0x7f) << shift;
            if byte < 0x80 {
                return Some(value);
            }
        }
        None
    };
    let read = || -> Option<Vec<std::ops::Range<usize>>> {
        let (count, embedded) = (u32_at(0)?, u32_at(4)?.min(u32_at(0)?));
        let lengths: Vec<usize> = (0..embedded).map(|i| u32_at(8 + 12 * i)).collect::<Option<_>>()?;
        let tails_at = 8 + 12 * count;
        let mut at = tails_at + 4 + 12 * u32_at(tails_at)?;
        for _ in 0..count {
            at += varint_at(&mut at)?; // first term
            varint_at(&mut at)?; // term count
        }
        for _ in 0..u32_at(tails_at)? {
            at += varint_at(&mut at)?;
        }
        let mut blocks = Vec::new();
        for len in lengths {
            blocks.push(at..(at + len).min(section.len()));
            at += len;
        }
        Some(blocks)
    };
    read().unwrap_or_default()
}

/// Section `n`'s bytes as the header declares them, cut to the bytes there are.
fn section_range(bytes: &[u8], n: usize) -> std::ops::Range<usize> {
    let Ok(header) = Header::parse(bytes) else { return 0..0 };
    let lengths = [header.fst_len, header.languages_len, header.postings_len, header.docs_len];
    let start = HEADER_LEN + lengths[..n].iter().map(|&l| l as usize).sum::<usize>();
    let end = start + lengths[n] as usize;
    start.min(bytes.len())..end.min(bytes.len())
}

fn move_boundary(bytes: &mut [u8], section: usize, by: i8) {
    let at = |i: usize| LENGTHS_AT + 4 * i;
    let read = |bytes: &[u8], i: usize| u32::from_le_bytes(bytes[at(i)..at(i) + 4].try_into().unwrap());
    let (this, next) = (read(bytes, section), read(bytes, section + 1));
    let by = i64::from(by);
    let (Ok(this), Ok(next)) = (u32::try_from(i64::from(this) + by), u32::try_from(i64::from(next) - by)) else {
        return;
    };
    bytes[at(section)..at(section) + 4].copy_from_slice(&this.to_le_bytes());
    bytes[at(section + 1)..at(section + 1) + 4].copy_from_slice(&next.to_le_bytes());
}

/// The checksum the fst crate stores in its last four bytes: CRC-32C
/// (Castagnoli), "masked" as in the Snappy frame format.
fn fst_crc(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0x82F6_3B78 } else { crc >> 1 };
        }
    }
    (!crc).rotate_right(15).wrapping_add(0xA282_EAD8)
}
