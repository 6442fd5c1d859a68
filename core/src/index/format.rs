//! The byte layout of an index, and nothing else.
//!
//! ```text
//! header  (HEADER_LEN bytes, little-endian)
//!   0  magic            8 bytes  b"ARTSRCH\0"
//!   8  format_version   u32      FORMAT_VERSION
//!  12  analyzer_version u32      analysis::ANALYZER_VERSION
//!  16  doc_count        u32
//!  20  term_count       u32
//!  24  fst_len          u32      length of the term dictionary section
//!  28  languages_len    u32      length of the stemmed languages section
//!  32  postings_len     u32      length of the postings section
//!  36  docs_len         u32      length of the document section
//!  40  checksum         u64      FNV-1a 64 of header bytes 0..40, then every byte after the header
//! sections, in this order:
//!   fst       the term dictionary, in blocks of consecutive terms, each an
//!             fst::Map term -> [`term_value`]: where its postings list
//!             starts (offset in the postings files laid end to end) and
//!             its document frequency. Besides the words, one term per
//!             filter value, `\u{1}field\u{1}value` ([`filter_term`]: the
//!             mark sorts before every word and never comes out of the
//!             analyzer), whose postings list the documents with that value
//!             (no frequencies, no positions); they alone make block 0.
//!             One key per document, `\u{2}id` ([`id_key`]) -> its number:
//!             an article is found by id in one block.
//!             And per stem (in each language) that a term other than the
//!             stem itself has, one key per such term: `stem \0 lang \0
//!             term` ([`stem_form_key`]) -> the term's [`term_value`]:
//!             sorting right after the stem, they mostly lie in its words'
//!             block, where a query word's stem finds the word's other
//!             forms and their values at once (walks never step on `\0`,
//!             which no word has). Each term is stemmed in the languages of
//!             the documents that have it.
//!             Term blocks: count u32, embedded count u32 (all of them, or,
//!               split, block 0 alone), per block: [length, if embedded]
//!               FNV-1a 64 u64; tail blocks (split only, else none): count
//!               u32, per block: FNV-1a 64 u64; then per term block its
//!               first term and term count, per tail block its first key
//!               (each key: length + bytes); then the embedded term blocks.
//!             A tail block is an fst::Map `tail \0 head` -> [`term_value`]
//!             of consecutive keys, one per word (`head` its first
//!             character, `tail` the rest), and, for each word a typo may
//!             be near (four characters or more), `first rest \1 second`
//!             ([`second_letter_key`]): the words one edit on the first
//!             letter, or on the second, away from a word are then one
//!             block's keys, not one block per letter.
//!   languages the stemmed languages: count, then each code (length +
//!             UTF-8, ascending: `en`, `fr`)
//!   postings  file count u32, embedded count u32 (how many of the files,
//!               the first ones, follow here: all of them embedded, the
//!               first one split; the others are files of their own,
//!               fetched when a query reads one of their lists),
//!             then per file: length, FNV-1a 64 u64 of its bytes (its
//!               name, [`file_name`], says the same), then the embedded files
//!   docs      avg title length f32, avg body length f32 (in tokens),
//!             layout u8 ([`EMBEDDED`]: the document files follow, in
//!               order; [`SPLIT`]: each is a file of its own, fetched when
//!               one of its documents is shown),
//!             files offset u32 (into this section: where the embedded
//!               files start; the section's length when split),
//!             file count u32, then per file: [length, if embedded]
//!               FNV-1a 64 u64 of its bytes (its name, [`file_name`], says
//!               the same),
//!             per file its first document (delta-coded: the first file's
//!               is 0, each next one's is later; 0 marks a file that holds
//!               the next part of the body of the record before it),
//!             dates file count u32 (0 when no article has a date, else
//!               1), then its [length, if embedded] and FNV-1a 64 u64,
//!             embedded only: per document its title's and body's
//!               [`length_byte`] (u8 each),
//!             then, when embedded, the document files and the dates file
//! ```
//! Split, nothing here grows with the articles but the file tables:
//! ranking reads each document's lengths from its postings, sorting by
//! date reads the dates file, and the rest is in the records of the hits
//! shown. Embedded, the lengths are one table (two bytes an article, where
//! a byte in every posting would be a tenth more of the module).
//!
//! A postings file holds the postings lists of consecutive terms, cut
//! before the list that would take it past [`POSTINGS_FILE_BYTES`] (a
//! larger list is a file of its own); file 0 holds the filter terms' lists
//! and no word's, and is always embedded (every search's facets read it).
//! A postings list, per document (ascending): doc delta, body tf << 1 |
//! (title tf > 0), [title tf if > 0], split only: the body's length byte
//! and [the title's length byte if title tf > 0] ([`length_byte`]: BM25's
//! length normalisation, Lucene's one-byte norms), then title tf + body
//! tf positions (delta-coded; body positions follow title ones); a filter
//! term's list has doc delta, 0.
//!
//! A document file ([`DOC_FILE_BYTES`] or one record, if larger) holds
//! consecutive documents' records: resume point count, then per point
//! (delta-coded from the previous) the body byte offset and body word
//! position of a word where analysis can resume (about every 64 words),
//! then title length and body length (in tokens), then id, title, url,
//! date, body (each: length + UTF-8 bytes). Only the hits shown need
//! their records. A body with words at positions from [`BODY_PART_WORDS`]
//! on is cut into parts ([`body_part`]): the record holds the first, its
//! file ends there, and each further part (its UTF-8 bytes) is the next
//! document file, so a snippet deep in a long article costs its record's
//! file and the part around it, not the whole text.
//!
//! The dates file holds per document its date (length + UTF-8 bytes, ISO
//! 8601; empty: none): sorting by date and browsing read it, a split
//! index's searcher fetches it only then.
//!
//! Every integer in the sections is an unsigned LEB128 varint unless marked.

use crate::error::{Error, Result};

/// The first bytes of every index.
pub const MAGIC: [u8; 8] = *b"ARTSRCH\0";
/// Version of this byte layout. Bump it on any change above.
/// 2: stem dictionary and stem groups. 3: packed term frequencies, no
/// positions length (the count is the sum of the frequencies). 4: resume
/// points in the document store. 5: filter values as terms. 6: stems per
/// language (the stem dictionary's keys name it; groups list the languages).
/// 7: documents' entries apart from their records, records in document
/// files, embedded or split. 8: postings in postings files, embedded or
/// split; the document frequency in the dictionary, not the list. 9: the
/// term dictionary in blocks, embedded or split; tail blocks when split;
/// the stem groups and the documents' ids as keys of the term dictionary;
/// documents' entries without ids nor places (decoded once). 10: no
/// per-document entries: length bytes in the postings (split) or in one
/// table (embedded), lengths and date in the records, the dates in a file
/// of their own. 11: lengths only for the files that need them (embedded,
/// postings), as varints; long bodies in parts. 12: tail blocks also key
/// the words by their second letter.
pub const FORMAT_VERSION: u32 = 12;
/// Length of the fixed header.
pub const HEADER_LEN: usize = 48;

/// The fixed header at the start of an index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Header {
    /// Layout version, [`FORMAT_VERSION`] when written by this engine.
    pub format_version: u32,
    /// Analyzer version the terms were produced with.
    pub analyzer_version: u32,
    /// Number of documents.
    pub doc_count: u32,
    /// Number of distinct terms.
    pub term_count: u32,
    /// Byte length of the fst section.
    pub fst_len: u32,
    /// Byte length of the stemmed languages section.
    pub languages_len: u32,
    /// Byte length of the postings section.
    pub postings_len: u32,
    /// Byte length of the document section.
    pub docs_len: u32,
    /// FNV-1a 64 of the other header fields and everything after the header.
    pub checksum: u64,
}

impl Header {
    /// Serialises the header.
    pub fn to_bytes(&self) -> [u8; HEADER_LEN] {
        let mut out = [0u8; HEADER_LEN];
        out[..8].copy_from_slice(&MAGIC);
        let fields = [
            self.format_version,
            self.analyzer_version,
            self.doc_count,
            self.term_count,
            self.fst_len,
            self.languages_len,
            self.postings_len,
            self.docs_len,
        ];
        for (i, v) in fields.iter().enumerate() {
            out[8 + 4 * i..12 + 4 * i].copy_from_slice(&v.to_le_bytes());
        }
        out[40..48].copy_from_slice(&self.checksum.to_le_bytes());
        out
    }

    /// Parses the header, checking only that it is there and has the magic.
    pub fn parse(bytes: &[u8]) -> Result<Header> {
        if bytes.len() < MAGIC.len() || bytes[..8] != MAGIC {
            return Err(Error::NotAnIndex);
        }
        if bytes.len() < HEADER_LEN {
            return Err(Error::Truncated { section: "header" });
        }
        let u32_at = |i: usize| u32::from_le_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]);
        let mut checksum = [0u8; 8];
        checksum.copy_from_slice(&bytes[40..48]);
        Ok(Header {
            format_version: u32_at(8),
            analyzer_version: u32_at(12),
            doc_count: u32_at(16),
            term_count: u32_at(20),
            fst_len: u32_at(24),
            languages_len: u32_at(28),
            postings_len: u32_at(32),
            docs_len: u32_at(36),
            checksum: u64::from_le_bytes(checksum),
        })
    }
}

/// The checksum of an index: FNV-1a, 64 bit, over the header's first 40
/// bytes (every field but the checksum) and then the body. A few lines, no
/// dependency, and enough to catch truncation and bit flips anywhere (it is
/// not meant to resist a forger).
pub fn checksum(header: &[u8], body: &[u8]) -> u64 {
    let fields = &header[..header.len().min(HEADER_LEN - 8)];
    let hash = file_hash(fields);
    body.iter().fold(hash, |hash, &b| (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// The document files (and the dates file) follow in the index.
pub const EMBEDDED: u8 = 0;
/// The document files are files of their own.
pub const SPLIT: u8 = 1;

/// A document file is cut after the record that reaches this many bytes: a
/// shown hit costs its file, so small files keep a cold query's transfer
/// small (10 hits of the 100,000-article corpus: 28-40 KB of files of 4 KB,
/// 112-160 KB of 16 KB, 384-640 KB of 64 KB, projected in 24063b3),
/// while each file is one more request and one more file to deploy.
pub const DOC_FILE_BYTES: usize = 8 << 10;

/// A body gets a resume point (where its analysis can resume) about every
/// this many words: a snippet deep in a long article then analyses a few
/// hundred words, not all before it.
pub const RESUME_EVERY: u32 = 64;

/// A body with words at this position or later (counted in the article,
/// title first, as postings count them) is cut into parts: part `k` starts
/// at its first word at position `k * BODY_PART_WORDS` or later, so the
/// positions of a query's matches say which parts its snippet reads
/// ([`body_part`]) before the record is fetched. Each part after the first
/// is a document file (8 more bytes of the module's file table), so a deep
/// snippet in a long article costs about 7 KB of its text, not all of it.
pub const BODY_PART_WORDS: u32 = 1024;

/// The part of a body that holds the word at `position` (see
/// [`BODY_PART_WORDS`]).
pub fn body_part(position: u32) -> u32 {
    position / BODY_PART_WORDS
}

/// A postings file is cut before the list that would take it past this
/// many bytes: a cold query fetches the files of its words' lists, so
/// small files keep its transfer near the lists it reads, while each file
/// is one more request and 12 bytes more of the module's file table
/// (length and hash, which gzip cannot shrink). 100,000 articles, cold
/// query p50 / p95 gzip (`core/examples/split_cost.rs`, 20 of each kind),
/// and the index in the module: 16 KB files, exact 60 / 91 KB, prefix
/// 42 / 178, typo 164 / 208, phrase 41 / 142, module index 134 KB; 8 KB,
/// 52 / 70, 33 / 173, 143 / 201, 30 / 131, 145 KB; 4 KB, 44 / 63,
/// 31 / 167, 133 / 194, 27 / 124, 165 KB.
pub const POSTINGS_FILE_BYTES: usize = 8 << 10;

/// A split index's term dictionary (and its tail dictionary) is cut into
/// blocks of about this many bytes (a block holds at least one key): a
/// cold query fetches the blocks of its words (and, for a typo, a
/// compound or a completion, of their neighbourhood), while the index
/// keeps each block's first key. 10,000 articles of the Linux
/// documentation, cold query p50 (gzip): 4 KB blocks, exact 73 KB, typo
/// 106 KB, module 450 KB; 8 KB blocks, 84 KB, 123 KB, 439 KB. The
/// embedded layout has every word in one block, as fast as one fst.
pub const TERM_BLOCK_BYTES: usize = 4 << 10;

/// What a file of an index holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// Documents' records.
    Docs,
    /// Terms' postings lists.
    Postings,
    /// A block of the term dictionary.
    Terms,
    /// A block of the words by their tail.
    Tails,
    /// Every document's date.
    Dates,
}

/// The name of a file with hash `hash`: immutable, so HTTP caches may keep
/// it forever, and any other content has another name; its extension says
/// what it holds (`.docs`, `.postings`, `.terms`, `.tails`, `.dates`).
pub fn file_name(hash: u64, kind: FileKind) -> String {
    let extension = match kind {
        FileKind::Docs => "docs",
        FileKind::Postings => "postings",
        FileKind::Terms => "terms",
        FileKind::Tails => "tails",
        FileKind::Dates => "dates",
    };
    format!("{hash:016x}.{extension}")
}

/// A field's length in tokens as one byte, rounded down: exact below 32,
/// then 16 steps per doubling (at most 6% short) up to 507,904 (larger
/// lengths saturate). Ranking needs a document's lengths with each of its
/// postings (a split index has no per-document table), and BM25's length
/// normalisation changes little within 6% (Lucene stores its norms so).
pub fn length_byte(len: u32) -> u8 {
    if len < 16 {
        return len as u8;
    }
    let exponent = (31 - len.leading_zeros()) - 4;
    u8::try_from(16 * exponent + (len >> exponent)).unwrap_or(u8::MAX)
}

/// The length a [`length_byte`] stands for.
pub fn byte_length(byte: u8) -> u32 {
    let byte = u32::from(byte);
    if byte < 32 {
        return byte;
    }
    let exponent = byte / 16 - 1;
    (16 + byte % 16) << exponent
}

/// Bits of a dictionary value that hold the term's document frequency.
const DOC_FREQ_BITS: u32 = 24;
/// The most documents an index holds: a document frequency fits in
/// [`DOC_FREQ_BITS`] (and the postings offset in the 32 bits above it).
pub const MAX_DOCUMENTS: u32 = (1 << DOC_FREQ_BITS) - 1;
/// The largest dictionary value, `term_value(u32::MAX, MAX_DOCUMENTS)`: no
/// output of the term dictionary is larger, so a path of up to 255 outputs
/// sums to less than 2^64 (checked when an index is opened).
pub const MAX_TERM_VALUE: u64 = (1 << (32 + DOC_FREQ_BITS)) - 1;

/// The dictionary's value for a term whose postings list starts at `offset`
/// (in the postings files laid end to end) and has `doc_freq` documents (at
/// most [`MAX_DOCUMENTS`]): how many documents have a word is known without
/// its postings, which a split index may not have yet (completions and typo
/// neighbours are ranked by it).
pub fn term_value(offset: u32, doc_freq: u32) -> u64 {
    u64::from(offset) << DOC_FREQ_BITS | u64::from(doc_freq & MAX_DOCUMENTS)
}

/// The (postings offset, document frequency) of a dictionary value.
pub fn term_parts(value: u64) -> (u32, u32) {
    ((value >> DOC_FREQ_BITS) as u32, value as u32 & MAX_DOCUMENTS)
}

/// FNV-1a 64 of `bytes`: a file's hash.
pub fn file_hash(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// The first byte of a filter term: never part of an analysed word.
pub const FILTER_MARK: char = '\u{1}';

/// The dictionary term of a filter value: `\u{1}field\u{1}value`.
pub fn filter_term(field: &str, value: &str) -> String {
    format!("{FILTER_MARK}{field}{FILTER_MARK}{value}")
}

/// Ends the tail of a tail block's key: it sorts before every character,
/// so a tail's keys are one run, and never comes out of the analyzer.
pub const TAIL_END: u8 = 0;

/// Ends the first letter and the rest of a tail block's key by the second
/// letter ([`second_letter_key`]): like [`TAIL_END`], never a word's byte,
/// and right after it, so `word \0 …` and `word \1 …` are neighbours.
pub const SECOND_END: u8 = 1;

/// The tail block key of `word`: the word without its first character,
/// [`TAIL_END`], that character. `None` for an empty word.
pub fn tail_key(word: &str) -> Option<Vec<u8>> {
    let head = word.chars().next()?;
    let mut key = Vec::with_capacity(word.len() + 1);
    key.extend_from_slice(&word.as_bytes()[head.len_utf8()..]);
    key.push(TAIL_END);
    key.extend_from_slice(&word.as_bytes()[..head.len_utf8()]);
    Some(key)
}

/// The tail block key of `word` by its second character: the first, the
/// word from its third on, [`SECOND_END`], the second (`sarch \1 e` for
/// `search`), so that the words that differ from a typo only in their
/// second letter are one run of keys. `None` for a word of one character.
pub fn second_letter_key(word: &str) -> Option<Vec<u8>> {
    let mut chars = word.char_indices().skip(1);
    let (second, letter) = chars.next()?;
    let third = second + letter.len_utf8();
    let mut key = Vec::with_capacity(word.len() + 1);
    key.extend_from_slice(&word.as_bytes()[..second]);
    key.extend_from_slice(&word.as_bytes()[third..]);
    key.push(SECOND_END);
    key.extend_from_slice(&word.as_bytes()[second..third]);
    Some(key)
}

/// The word of a tail block key, the key's end mark ([`TAIL_END`] or
/// [`SECOND_END`]: which of [`tail_key`] and [`second_letter_key`] made
/// it) and the letter moved after it.
pub fn word_of_tail_key(key: &[u8]) -> Option<(Vec<u8>, u8, &[u8])> {
    let end = key.iter().position(|&b| b <= SECOND_END)?;
    let (before, letter) = (&key[..end], &key[end + 1..]);
    let word = match key[end] {
        TAIL_END => [letter, before].concat(),
        _ => {
            let first = before.iter().skip(1).position(|&b| b & 0xc0 != 0x80).map_or(before.len(), |i| i + 1);
            [&before[..first], letter, &before[first..]].concat()
        }
    };
    Some((word, key[end], letter))
}

/// The first byte of a document's id key: never part of an analysed word.
pub const ID_MARK: char = '\u{2}';

/// The term dictionary key of the document whose id is `id`: `\u{2}id`.
pub fn id_key(id: &str) -> String {
    format!("{ID_MARK}{id}")
}

/// The first key of the forms of `stem` in language `lang` in the term
/// dictionary: `stem \0 lang \0` (a form's key goes on with the form).
pub fn stem_forms_key(lang: &str, stem: &str) -> Vec<u8> {
    [stem.as_bytes(), &[0], lang.as_bytes(), &[0]].concat()
}

/// The term dictionary key of `term` as a form of `stem` in `lang`.
pub fn stem_form_key(lang: &str, stem: &str, term: &str) -> Vec<u8> {
    [stem_forms_key(lang, stem).as_slice(), term.as_bytes()].concat()
}

/// Appends `value` as an unsigned LEB128 varint.
pub fn write_varint(out: &mut Vec<u8>, mut value: u32) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// Appends a length-prefixed UTF-8 string.
pub fn write_str(out: &mut Vec<u8>, s: &str) -> Result<()> {
    write_varint(out, u32::try_from(s.len()).map_err(|_| Error::TooLarge { what: "a document field over 4 GiB" })?);
    out.extend_from_slice(s.as_bytes());
    Ok(())
}

/// What a [`Cursor`] found wrong, without allocating: the loops that read
/// postings and positions then carry no drop code for an error they almost
/// never see (with [`Error`], whose variants own strings, its out-of-line
/// drop was 14% of a phrase query's time). `?` turns it into an [`Error`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Malformed {
    /// The section's bytes end before the value does.
    Truncated {
        /// The section read.
        section: &'static str,
    },
    /// The bytes cannot be what the format says is there.
    Corrupt {
        /// What is wrong.
        what: &'static str,
        /// The section read.
        section: &'static str,
        /// Where in it.
        at: usize,
    },
}

impl From<Malformed> for Error {
    fn from(malformed: Malformed) -> Error {
        match malformed {
            Malformed::Truncated { section } => Error::Truncated { section },
            Malformed::Corrupt { what, section, at } => {
                Error::Corrupt { detail: format!("{what} in the {section} section at byte {at}") }
            }
        }
    }
}

/// A bounds-checked reader over a section: every read returns an error
/// instead of panicking when the bytes run out or are malformed.
#[derive(Debug, Clone)]
pub struct Cursor<'a> {
    bytes: &'a [u8],
    pos: usize,
    section: &'static str,
}

impl<'a> Cursor<'a> {
    /// A cursor at `pos` in `bytes`, naming `section` in its errors.
    pub fn new(bytes: &'a [u8], pos: usize, section: &'static str) -> Self {
        Cursor { bytes, pos, section }
    }

    /// Reads one varint.
    pub fn varint(&mut self) -> Result<u32, Malformed> {
        let mut value: u32 = 0;
        for shift in (0..35).step_by(7) {
            let byte = *self.bytes.get(self.pos).ok_or(Malformed::Truncated { section: self.section })?;
            self.pos += 1;
            let bits = u32::from(byte & 0x7f);
            if shift == 28 && bits > 0x0f {
                break;
            }
            value |= bits << shift;
            if byte & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(self.corrupt("varint overflows 32 bits"))
    }

    /// Reads `len` raw bytes.
    pub fn bytes(&mut self, len: usize) -> Result<&'a [u8], Malformed> {
        let end = self.pos.checked_add(len).filter(|&e| e <= self.bytes.len());
        let end = end.ok_or(Malformed::Truncated { section: self.section })?;
        let out = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(out)
    }

    /// Skips `count` varints and returns their bytes.
    pub fn varints(&mut self, count: u32) -> Result<&'a [u8], Malformed> {
        let start = self.pos;
        let mut left = count;
        while left > 0 {
            let byte = *self.bytes.get(self.pos).ok_or(Malformed::Truncated { section: self.section })?;
            self.pos += 1;
            left -= u32::from(byte < 0x80);
        }
        Ok(&self.bytes[start..self.pos])
    }

    /// Reads a length-prefixed UTF-8 string.
    pub fn str(&mut self) -> Result<&'a str, Malformed> {
        let len = self.varint()? as usize;
        let bytes = self.bytes(len)?;
        std::str::from_utf8(bytes).map_err(|_| self.corrupt("a stored string is not UTF-8"))
    }

    /// Reads a length-prefixed key (bytes).
    pub fn key(&mut self) -> Result<&'a [u8], Malformed> {
        let len = self.varint()? as usize;
        self.bytes(len)
    }

    /// Reads one byte.
    pub fn u8(&mut self) -> Result<u8, Malformed> {
        Ok(self.bytes(1)?[0])
    }

    /// Reads a little-endian u64.
    pub fn u64_le(&mut self) -> Result<u64, Malformed> {
        let b = self.bytes(8)?;
        Ok(u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]))
    }

    /// The position in the section.
    pub fn position(&self) -> usize {
        self.pos
    }

    /// Reads a little-endian u32.
    pub fn u32_le(&mut self) -> Result<u32, Malformed> {
        let b = self.bytes(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    /// Skips `len` bytes.
    pub fn skip(&mut self, len: usize) -> Result<(), Malformed> {
        self.bytes(len).map(|_| ())
    }

    /// The error for `what`, found where the cursor stands.
    pub fn corrupt(&self, what: &'static str) -> Malformed {
        Malformed::Corrupt { what, section: self.section, at: self.pos }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_round_trip() {
        for v in [0, 1, 127, 128, 300, 16_383, 16_384, u32::MAX - 1, u32::MAX] {
            let mut out = Vec::new();
            write_varint(&mut out, v);
            assert_eq!(Cursor::new(&out, 0, "test").varint(), Ok(v));
        }
    }

    #[test]
    fn malformed_varints_are_errors() {
        assert!(matches!(Cursor::new(&[0x80], 0, "t").varint(), Err(Malformed::Truncated { .. })));
        let too_big = [0xff, 0xff, 0xff, 0xff, 0x7f];
        assert!(matches!(Cursor::new(&too_big, 0, "t").varint(), Err(Malformed::Corrupt { .. })));
    }

    #[test]
    fn length_bytes_round_down_within_six_percent() {
        for len in (0..2_000).chain([4_095, 4_096, 100_000, 507_903, 507_904]) {
            let back = byte_length(length_byte(len));
            assert!(back <= len && len - back <= len / 16, "{len} -> {back}");
        }
        assert_eq!(byte_length(length_byte(31)), 31, "titles of up to 31 tokens are exact");
        assert_eq!(length_byte(u32::MAX), u8::MAX);
        let codes: Vec<u32> = (0..=255).map(byte_length).collect();
        assert!(codes.windows(2).all(|w| w[0] < w[1]), "every byte a different, larger length");
        assert!((0..=255u8).all(|b| length_byte(byte_length(b)) == b));
    }

    #[test]
    fn header_round_trips() {
        let h = Header {
            format_version: FORMAT_VERSION,
            analyzer_version: 7,
            doc_count: 3,
            term_count: 9,
            fst_len: 10,
            languages_len: 13,
            postings_len: 11,
            docs_len: 12,
            checksum: 0xdead_beef,
        };
        assert_eq!(Header::parse(&h.to_bytes()), Ok(h));
    }
}
