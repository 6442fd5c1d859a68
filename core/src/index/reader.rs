//! Reading an index in place: borrows the bytes (from `include_bytes!` in the
//! wasm module), validates them once, never copies them.

use super::blocks::Blocks;
use super::format::{
    checksum, file_hash, file_name, stem_forms_key, term_parts, Cursor, FileKind, Header, Malformed, FILTER_MARK,
    FORMAT_VERSION, HEADER_LEN, MAX_DOCUMENTS, SPLIT,
};
use super::fst_nodes;
use crate::analysis::ANALYZER_VERSION;
use crate::error::{Error, Result};
use fst::{IntoStreamer, Streamer};

/// A validated, borrowed index.
#[derive(Clone)]
pub struct Index<'a> {
    header: Header,
    /// The term dictionary's blocks.
    term_blocks: Blocks<'a>,
    /// The tail dictionary's blocks (split only).
    tail_blocks: Blocks<'a>,
    /// The languages the terms were stemmed in.
    stemmed_languages: Vec<&'a str>,
    /// The first document of each document file (documents are in file
    /// order; the document files are the first files), or, for a file
    /// holding a part of a body (of the last record before it), the same
    /// as the file before.
    first_docs: Vec<u32>,
    /// The document files that begin with a record (not a body's part).
    record_files: Vec<u32>,
    /// The dates file's number, if an article has a date.
    dates_file: Option<u32>,
    /// Embedded: each document's (title, body) length bytes, which a split
    /// index's postings carry instead.
    length_bytes: Option<&'a [u8]>,
    avg_title_len: f32,
    avg_body_len: f32,
    /// The documents' records are in files of their own.
    split: bool,
    /// Every file of the index, numbered: the document files, the dates
    /// file, the postings files, the term blocks, the tail blocks.
    files: Vec<File<'a>>,
    /// The number of the first postings file.
    first_postings_file: usize,
    /// Where each postings file starts, in the postings files laid end to end.
    postings_starts: Vec<u32>,
    byte_len: usize,
}

/// A file of the index: what it holds, its length and hash, and its bytes
/// when embedded.
#[derive(Debug, Clone, Copy)]
struct File<'a> {
    kind: FileKind,
    /// Its length, when the index records it (an embedded file, a postings
    /// file): a file fetched on its own is checked by its hash.
    len: Option<u32>,
    hash: u64,
    bytes: Option<&'a [u8]>,
}

/// One document's entry in a term's postings list.
#[derive(Debug, Clone, Copy)]
pub struct Posting<'a> {
    /// Document ordinal.
    pub doc: u32,
    /// Occurrences in the title.
    pub title_tf: u32,
    /// Occurrences in the body.
    pub body_tf: u32,
    /// The document's (title, body) length in tokens as
    /// [`length_byte`](super::format::length_byte)s; the title's may be 0
    /// when the term is not in it (where it does not count).
    pub length_bytes: [u8; 2],
    positions: &'a [u8],
}

impl<'a> Posting<'a> {
    /// Word positions of the term in this document, ascending; body positions
    /// follow title positions with a gap.
    pub fn positions(&self) -> impl Iterator<Item = u32> + 'a {
        decode_positions(self.positions)
    }

    /// The encoded positions, borrowed from the index: search keeps these and
    /// decodes them (with [`decode_positions`]) only for the documents it shows.
    pub fn encoded_positions(&self) -> &'a [u8] {
        self.positions
    }
}

/// Decodes delta-coded positions as stored in a posting; stops at malformed bytes.
pub fn decode_positions(encoded: &[u8]) -> impl Iterator<Item = u32> + '_ {
    let mut cursor = Cursor::new(encoded, 0, "positions");
    let mut position = 0u32;
    std::iter::from_fn(move || {
        let delta = cursor.varint().ok()?;
        position = position.checked_add(delta)?;
        Some(position)
    })
}

/// A term's postings, in ascending document order. Stops early (rather than
/// panicking) if the bytes are malformed, which a valid checksum rules out.
#[derive(Debug, Clone)]
pub struct Postings<'a> {
    cursor: Cursor<'a>,
    doc_freq: u32,
    remaining: u32,
    doc: Option<u32>,
    doc_count: u32,
    /// The documents' length bytes, when the index has them apart (embedded).
    length_bytes: Option<&'a [u8]>,
}

impl<'a> Postings<'a> {
    /// A term's list of `doc_freq` documents at `offset` in `file`.
    /// `length_bytes`: each document's, two bytes each, if the list has none.
    fn new(file: &'a [u8], offset: usize, doc_freq: u32, doc_count: u32, length_bytes: Option<&'a [u8]>) -> Self {
        let cursor = Cursor::new(file, offset, "postings");
        Postings { cursor, doc_freq, remaining: doc_freq, doc: None, doc_count, length_bytes }
    }

    /// No postings, for a term of `doc_freq` documents whose list cannot be
    /// read (its file was not given): its frequency still counts.
    pub fn unavailable(doc_freq: u32) -> Self {
        Postings { remaining: 0, ..Postings::new(&[], 0, doc_freq, 0, None) }
    }

    /// How many documents contain the term.
    pub fn doc_freq(&self) -> u32 {
        self.doc_freq
    }

    fn read(&mut self) -> Result<Posting<'a>, Malformed> {
        let delta = self.cursor.varint()?;
        let doc = match self.doc {
            None => Some(delta),
            Some(previous) if delta > 0 => previous.checked_add(delta),
            Some(_) => None,
        };
        let doc = doc.filter(|&d| d < self.doc_count).ok_or(self.cursor.corrupt("postings out of order"))?;
        self.doc = Some(doc);
        let packed = self.cursor.varint()?;
        let body_tf = packed >> 1;
        let title_tf = if packed & 1 == 1 { self.cursor.varint()? } else { 0 };
        let count = title_tf.checked_add(body_tf).ok_or(self.cursor.corrupt("term frequency overflows"))?;
        let length_bytes = match self.length_bytes {
            // Two per document, checked when the index was opened.
            Some(table) => [table[2 * doc as usize], table[2 * doc as usize + 1]],
            // A filter term's posting (no frequency) has no lengths.
            None => {
                let body = if count > 0 { self.cursor.u8()? } else { 0 };
                [if title_tf > 0 { self.cursor.u8()? } else { 0 }, body]
            }
        };
        let positions = self.cursor.varints(count)?;
        Ok(Posting { doc, title_tf, body_tf, length_bytes, positions })
    }
}

impl<'a> Iterator for Postings<'a> {
    type Item = Posting<'a>;

    fn next(&mut self) -> Option<Posting<'a>> {
        if self.remaining == 0 {
            return None;
        }
        self.remaining -= 1;
        let posting = self.read();
        if posting.is_err() {
            self.remaining = 0;
        }
        posting.ok()
    }
}

/// A document as stored, borrowed from the index bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoredDoc<'a> {
    /// The article's id (file stem).
    pub id: &'a str,
    /// Headline.
    pub title: &'a str,
    /// Link target, if the article has one.
    pub url: Option<&'a str>,
    /// Date as written, if the article has one.
    pub date: Option<&'a str>,
    /// Searchable text, source of snippets: the body's first part, all of
    /// it unless [`Self::part_count`] says more follow.
    pub body: &'a str,
    /// Title length in tokens.
    pub title_len: u32,
    /// Body length in tokens.
    pub body_len: u32,
    /// Where analysis of the body can resume (see [`StoredDoc::resume_before`]):
    /// (byte offset, word position) pairs, delta-coded varints.
    resume_points: &'a [u8],
    /// The byte length of each further part of the body, varints.
    part_lengths: &'a [u8],
    /// How many parts of the body follow the first.
    pub part_count: u32,
    /// The document file of the body's second part (the others follow it).
    pub first_part_file: u32,
}

impl StoredDoc<'_> {
    /// Where each part of the body starts, in bytes, and where it ends
    /// (`part_count + 2` offsets: 0, the second part's start, ..., the
    /// body's length).
    pub fn part_offsets(&self) -> Vec<usize> {
        let mut cursor = Cursor::new(self.part_lengths, 0, "body parts");
        let mut offsets = vec![0, self.body.len()];
        for _ in 0..self.part_count {
            // Checked when the record was read.
            let len = cursor.varint().unwrap_or(0) as usize;
            offsets.push(offsets[offsets.len() - 1] + len);
        }
        offsets
    }

    /// The last point before body word `position` (counted from the body's
    /// first word) where the body's analysis can resume: its byte offset
    /// and word position, `(0, 0)` for the start. Damaged points give the start.
    pub fn resume_before(&self, position: u32) -> (usize, u32) {
        let mut cursor = Cursor::new(self.resume_points, 0, "resume points");
        let (mut byte, mut at) = (0u32, 0u32);
        while let (Ok(db), Ok(dp)) = (cursor.varint(), cursor.varint()) {
            let (Some(b), Some(p)) = (byte.checked_add(db), at.checked_add(dp)) else { break };
            if p > position {
                break;
            }
            (byte, at) = (b, p);
        }
        (byte as usize, at)
    }
}

impl<'a> Index<'a> {
    /// Validates and opens an index: magic, versions, section bounds, checksum.
    ///
    /// Any damage is an [`Error`] naming it; nothing here can panic.
    pub fn open(bytes: &'a [u8]) -> Result<Index<'a>> {
        let header = Header::parse(bytes)?;
        if header.format_version != FORMAT_VERSION {
            return Err(Error::FormatVersion { found: header.format_version, expected: FORMAT_VERSION });
        }
        if header.analyzer_version != ANALYZER_VERSION {
            return Err(Error::AnalyzerVersion { found: header.analyzer_version, expected: ANALYZER_VERSION });
        }
        if header.doc_count > MAX_DOCUMENTS {
            return Err(Error::Corrupt { detail: format!("{} documents, more than an index holds", header.doc_count) });
        }
        let body = &bytes[HEADER_LEN..];
        let lengths = [header.fst_len, header.languages_len, header.postings_len, header.docs_len].map(|l| l as usize);
        let declared: u64 = lengths.iter().map(|&l| l as u64).sum();
        if declared > body.len() as u64 {
            return Err(Error::Truncated { section: "index body" });
        }
        if declared < body.len() as u64 {
            return Err(Error::Corrupt {
                detail: format!("{} unexpected bytes after the last section", body.len() as u64 - declared),
            });
        }
        if checksum(&bytes[..HEADER_LEN], body) != header.checksum {
            return Err(Error::Corrupt { detail: "checksum mismatch".into() });
        }
        let (fst_bytes, rest) = body.split_at(lengths[0]);
        let (languages, rest) = rest.split_at(lengths[1]);
        let (postings, docs) = rest.split_at(lengths[2]);
        let mut languages = Cursor::new(languages, 0, "languages");
        let count = languages.varint()?;
        let stemmed_languages = (0..count).map(|_| languages.str()).collect::<Result<Vec<_>, Malformed>>()?;
        let mut cursor = Cursor::new(docs, 0, "documents");
        let avg_title_len = f32::from_bits(cursor.u32_le()?);
        let avg_body_len = f32::from_bits(cursor.u32_le()?);
        let split = cursor.u8()? == SPLIT;
        let files_at = cursor.u32_le()? as usize;
        let file_count = cursor.u32_le()?;
        let embedded = if split { 0 } else { u32::MAX };
        let table = read_table(&mut cursor, file_count, embedded)?;
        // Each file's first document: the first file's is 0, each next one's later.
        let mut first_docs: Vec<u32> = Vec::with_capacity(table.len());
        for i in 0..table.len() {
            let delta = cursor.varint()?;
            let first = first_docs.last().map_or(Some(delta), |&previous| previous.checked_add(delta));
            // 0 after the first: a part of the body of the record before.
            let first = first.filter(|&first| first < header.doc_count && (i > 0 || delta == 0));
            first_docs.push(first.ok_or(Error::Corrupt { detail: "the document files are out of order".into() })?);
        }
        let is_part = |file: usize| file > 0 && first_docs[file] == first_docs[file - 1];
        let record_files: Vec<u32> = (0..first_docs.len()).filter(|&f| !is_part(f)).map(|f| f as u32).collect();
        if first_docs.is_empty() != (header.doc_count == 0) {
            return Err(Error::Corrupt { detail: "documents without a document file".into() });
        }
        let dates_count = cursor.u32_le()?;
        if dates_count > 1 {
            return Err(Error::Corrupt { detail: format!("{dates_count} dates files (at most one)") });
        }
        let mut table = table;
        table.extend(read_table(&mut cursor, dates_count, embedded)?);
        let length_bytes = if split { None } else { Some(cursor.bytes(2 * header.doc_count as usize)?) };
        if cursor.position() != files_at {
            return Err(Error::Corrupt { detail: "the document directory does not end where the files start".into() });
        }
        let embedded = embedded.min(table.len() as u32);
        let mut files = place_files(FileKind::Docs, table, embedded, docs, files_at)?;
        let dates_file = (dates_count == 1).then(|| {
            files[first_docs.len()].kind = FileKind::Dates;
            first_docs.len() as u32
        });
        let mut directory = Cursor::new(postings, 0, "postings");
        let (postings_count, embedded) = (directory.u32_le()?, directory.u32_le()?);
        let table = read_table(&mut directory, postings_count, postings_count)?;
        let listed = directory.position();
        let postings_files = place_files(FileKind::Postings, table, embedded, postings, listed)?;
        let mut postings_starts = Vec::with_capacity(postings_files.len());
        let mut start = 0u32;
        for file in &postings_files {
            postings_starts.push(start);
            let end = file.len.and_then(|len| start.checked_add(len));
            start = end.ok_or(Error::Corrupt { detail: "postings over 4 GiB".into() })?;
        }
        let first_postings_file = files.len();
        files.extend(postings_files);
        let mut dictionary = Cursor::new(fst_bytes, 0, "term dictionary");
        let (block_count, embedded) = (dictionary.u32_le()?, dictionary.u32_le()?);
        let term_table = read_table(&mut dictionary, block_count, embedded)?;
        let tail_count = dictionary.u32_le()?;
        let tail_table = read_table(&mut dictionary, tail_count, 0)?;
        let (mut firsts, mut keys) = (Vec::new(), Vec::new());
        for _ in 0..block_count {
            firsts.push(dictionary.key()?);
            keys.push(dictionary.varint()?);
        }
        let tail_firsts = (0..tail_count).map(|_| dictionary.key()).collect::<Result<Vec<_>, Malformed>>()?;
        let ascending = |firsts: &[&[u8]]| firsts.windows(2).all(|pair| pair[0] < pair[1]);
        if !ascending(&firsts) || !ascending(&tail_firsts) || embedded == 0 {
            return Err(Error::Corrupt { detail: "the dictionary's blocks are out of order".into() });
        }
        if keys.iter().map(|&k| u64::from(k)).sum::<u64>() < u64::from(header.term_count) {
            return Err(Error::Corrupt { detail: "term count does not match the dictionary".into() });
        }
        let term_blocks = Blocks::new(files.len() as u32, firsts, keys);
        let at = dictionary.position();
        files.extend(place_files(FileKind::Terms, term_table, embedded, fst_bytes, at)?);
        let tail_blocks = Blocks::new(files.len() as u32, tail_firsts, Vec::new());
        files.extend(place_files(FileKind::Tails, tail_table, 0, &[], 0)?);
        if split == tail_blocks.is_empty() {
            return Err(Error::Corrupt { detail: "the dictionary's blocks do not match the layout".into() });
        }
        let index = Index {
            header,
            term_blocks,
            tail_blocks,
            stemmed_languages,
            avg_title_len,
            avg_body_len,
            split,
            files,
            first_postings_file,
            postings_starts,
            first_docs,
            record_files,
            dates_file,
            length_bytes,
            byte_len: bytes.len(),
        };
        for block in 0..embedded as usize {
            let file = index.term_blocks.file(block);
            index.check_block(file, FileKind::Terms, index.files[file as usize].bytes.unwrap_or_default())?;
        }
        // Every search reads the filter terms' lists (for its facets): they
        // must be in the index itself (streamed here without a string each:
        // the searcher reads them as text once, later).
        let mark = FILTER_MARK as u8;
        let Some(filters) = index.term_block(0) else {
            return Err(Error::Corrupt { detail: "the filter terms are not embedded".into() });
        };
        let mut filter_terms = filters.range().ge([mark]).lt([mark + 1]).into_stream();
        while let Some((term, value)) = filter_terms.next() {
            if index.postings(value).is_err() {
                let term = String::from_utf8_lossy(term);
                return Err(Error::Corrupt {
                    detail: format!("the postings of filter term {term:?} are not embedded"),
                });
            }
        }
        for file in 0..index.first_postings_file as u32 {
            if let Some(bytes) = index.files[file as usize].bytes {
                index.check_contents(file, bytes)?;
            }
        }
        Ok(index)
    }

    /// Whether the words' postings and the documents' records are in files
    /// of their own (the split layout), which a searcher is given as it
    /// needs them.
    pub fn is_split(&self) -> bool {
        self.split
    }

    /// How many files the index has (embedded or not).
    pub fn file_count(&self) -> u32 {
        self.files.len() as u32
    }

    /// The name of file `file` (see [`file_name`]).
    pub fn file_name(&self, file: u32) -> String {
        self.files.get(file as usize).map_or_else(String::new, |f| file_name(f.hash, f.kind))
    }

    /// The number of the file named `name`, if the index has one.
    pub fn file_named(&self, name: &str) -> Option<u32> {
        let (hash, _) = name.split_once('.')?;
        let hash = u64::from_str_radix(hash, 16).ok()?;
        let file = self.files.iter().position(|f| f.hash == hash && file_name(f.hash, f.kind) == name)?;
        u32::try_from(file).ok()
    }

    /// The bytes of file `file` when embedded.
    pub fn embedded_file(&self, file: u32) -> Option<&'a [u8]> {
        self.files.get(file as usize).and_then(|f| f.bytes)
    }

    /// Checks that `bytes` are file `file`: its hash (and its length, when
    /// the index records it), and, for a document file, every record of
    /// its documents.
    pub fn check_file(&self, file: u32, bytes: &[u8]) -> Result<()> {
        let Some(&File { len, hash, .. }) = self.files.get(file as usize) else {
            return Err(Error::Corrupt { detail: format!("the index has no file {file}") });
        };
        if len.is_some_and(|len| bytes.len() != len as usize) || file_hash(bytes) != hash {
            let expected = len.map_or_else(String::new, |len| format!(", expected {len}"));
            return Err(Error::Corrupt {
                detail: format!(
                    "{} is not the file this index names ({} bytes{expected}): from another build?",
                    self.file_name(file),
                    bytes.len()
                ),
            });
        }
        self.check_contents(file, bytes)
    }

    /// Checks what file `file`'s `bytes` hold, as its kind needs: a
    /// dictionary block's structure, a document file's records, the dates.
    fn check_contents(&self, file: u32, bytes: &[u8]) -> Result<()> {
        match self.files.get(file as usize).map(|f| f.kind) {
            // Its lists are read with bounds checks, and stop where damaged.
            Some(FileKind::Postings) | None => Ok(()),
            Some(kind @ (FileKind::Terms | FileKind::Tails)) => self.check_block(file, kind, bytes),
            Some(FileKind::Docs) => self.check_records(file, bytes),
            Some(FileKind::Dates) => self.dates(bytes).map(|_| ()),
        }
    }

    /// Every document's date (`None`: it has none) from `bytes`, the
    /// dates file's (see [`Self::dates_file`]).
    pub fn dates(&self, bytes: &'a [u8]) -> Result<Vec<Option<&'a str>>> {
        let mut cursor = Cursor::new(bytes, 0, "dates");
        // A date is at least one byte: a damaged count allocates no more than the file.
        let mut dates = Vec::with_capacity((self.doc_count() as usize).min(bytes.len()));
        for _ in 0..self.doc_count() {
            dates.push(Some(cursor.str()?).filter(|date| !date.is_empty()));
        }
        if cursor.position() != bytes.len() {
            return Err(Error::Corrupt { detail: "the dates file has bytes after its dates".into() });
        }
        Ok(dates)
    }

    /// The dates file's number, if an article has a date (sorting by date
    /// and browsing read it).
    pub fn dates_file(&self) -> Option<u32> {
        self.dates_file
    }

    /// The document file that holds document `doc`'s record.
    pub fn doc_file(&self, doc: u32) -> Result<u32> {
        if doc >= self.doc_count() {
            return Err(Error::Corrupt { detail: format!("document {doc} does not exist") });
        }
        let i = self.record_files.partition_point(|&file| self.first_docs[file as usize] <= doc);
        Ok(self.record_files[i - 1])
    }

    /// The document files that hold the parts of document `doc`'s body
    /// after the first (empty for most): the files after its record's,
    /// when its record ends that file.
    pub fn body_part_files(&self, doc: u32) -> Result<std::ops::Range<u32>> {
        let file = self.doc_file(doc)?;
        let i = self.record_files.partition_point(|&f| f <= file);
        let next = self.record_files.get(i).map_or(self.first_docs.len() as u32, |&f| f);
        Ok(if self.docs_of_file(file).end == doc + 1 { file + 1..next } else { next..next })
    }

    /// Checks that document file `file`'s `bytes` hold the records of its
    /// documents, and nothing after them, or a part of a body: UTF-8.
    fn check_records(&self, file: u32, bytes: &[u8]) -> Result<()> {
        if self.record_files.binary_search(&file).is_err() {
            return std::str::from_utf8(bytes)
                .map(|_| ())
                .map_err(|_| Error::Corrupt { detail: format!("{} is not UTF-8 text", self.file_name(file)) });
        }
        let mut cursor = Cursor::new(bytes, 0, "document file");
        for _ in self.docs_of_file(file) {
            read_record(&mut cursor)?;
        }
        if cursor.position() != bytes.len() {
            return Err(Error::Corrupt { detail: format!("{} has bytes after its records", self.file_name(file)) });
        }
        Ok(())
    }

    /// The documents whose records are in document file `file` (a file
    /// that begins with a record).
    fn docs_of_file(&self, file: u32) -> std::ops::Range<u32> {
        let first = self.first_docs.get(file as usize).copied().unwrap_or(0);
        let i = self.record_files.partition_point(|&f| f <= file);
        let next = self.record_files.get(i).map(|&f| self.first_docs[f as usize]);
        let end = next.unwrap_or(self.doc_count());
        first..end.max(first)
    }

    /// Number of documents.
    pub fn doc_count(&self) -> u32 {
        self.header.doc_count
    }

    /// Number of distinct terms.
    pub fn term_count(&self) -> u32 {
        self.header.term_count
    }

    /// Total size of the index in bytes.
    pub fn byte_len(&self) -> usize {
        self.byte_len
    }

    /// Average (title, body) length in tokens, for BM25 length normalisation.
    pub fn avg_field_lengths(&self) -> (f32, f32) {
        (self.avg_title_len, self.avg_body_len)
    }

    /// The term dictionary's blocks: each holds the terms from its first
    /// term on, as an fst::Map term -> [`term_value`](super::format::term_value)
    /// (postings offset, document frequency), which search runs automata
    /// over (exact, prefix, typo). Block 0 holds the filter terms.
    pub fn term_blocks(&self) -> &Blocks<'a> {
        &self.term_blocks
    }

    /// The tail dictionary's blocks (a split index's only): each holds the
    /// keys `tail \0 head` ([`tail_key`](super::format::tail_key)) of its
    /// words, -> their [`term_value`](super::format::term_value).
    pub fn tail_blocks(&self) -> &Blocks<'a> {
        &self.tail_blocks
    }

    /// The dictionary block in `bytes` (the bytes of a term or tail block's
    /// file, embedded or checked by [`Self::check_file`]).
    pub fn block_map(bytes: &'a [u8]) -> Option<fst::Map<&'a [u8]>> {
        fst::Map::new(bytes).ok()
    }

    /// Term block `block`, if embedded.
    pub fn term_block(&self, block: usize) -> Option<fst::Map<&'a [u8]>> {
        Self::block_map(self.embedded_file(self.term_blocks.file(block))?)
    }

    /// The dictionary value of `term`, if the index has it and its block is
    /// embedded (as the filter terms' always is).
    pub fn term_value(&self, term: &str) -> Option<u64> {
        self.term_block(self.term_blocks.of(term.as_bytes()))?.get(term)
    }

    /// Checks that `bytes` are a sound dictionary block of `kind` for file
    /// `file`: every fst node, its key count, its keys within its bounds.
    fn check_block(&self, file: u32, kind: FileKind, bytes: &[u8]) -> Result<()> {
        let (blocks, name) = match kind {
            FileKind::Terms => (&self.term_blocks, "term dictionary"),
            _ => (&self.tail_blocks, "tail dictionary"),
        };
        let corrupt = |detail: String| Error::Corrupt { detail: format!("{name}: {detail}") };
        let map = fst::Map::new(bytes).map_err(|e| corrupt(e.to_string()))?;
        // fst's decoders trust the structure and may panic on damaged bytes,
        // so bytes that a buggy writer sealed with a valid hash or checksum
        // are checked here: every node's layout. Not fst's own crc32c
        // (`Fst::verify`): the hash or the index checksum already covers
        // those bytes, and its slicing-by-16 tables are 16 KB of the .wasm
        // that gzip cannot shrink.
        fst_nodes::check(bytes).map_err(|e| corrupt(e.to_string()))?;
        let block = (file - blocks.file(0)) as usize;
        if kind == FileKind::Terms && map.len() != blocks.keys(block) as usize {
            return Err(corrupt(format!("block {block} does not have the terms the index counts")));
        }
        let (first, next) = blocks.bounds(block);
        let first_key = map.stream().next().map(|(key, _)| key.to_vec());
        let beyond = next.is_some_and(|next| map.range().ge(next).into_stream().next().is_some());
        if first_key.is_some_and(|key| key != first && !(block == 0 && first.is_empty())) || beyond {
            return Err(corrupt(format!("block {block} holds keys outside its range")));
        }
        Ok(())
    }

    /// The postings list of dictionary value `value` (see [`term_blocks`](Self::term_blocks)),
    /// read from an embedded file; if its file is not embedded, its number.
    pub fn postings(&self, value: u64) -> Result<Postings<'a>, u32> {
        self.postings_in(value, |file| self.embedded_file(file))
    }

    /// The postings list of dictionary value `value`, its file's bytes from
    /// `file_bytes` (given a file number); if it has none, the file's number.
    pub fn postings_in(&self, value: u64, file_bytes: impl Fn(u32) -> Option<&'a [u8]>) -> Result<Postings<'a>, u32> {
        let (offset, doc_freq) = term_parts(value);
        let Some(i) = self.postings_starts.partition_point(|&start| start <= offset).checked_sub(1) else {
            return Ok(Postings::unavailable(0));
        };
        let file = (self.first_postings_file + i) as u32;
        let bytes = file_bytes(file).ok_or(file)?;
        let at = (offset - self.postings_starts[i]) as usize;
        Ok(Postings::new(bytes, at, doc_freq, self.header.doc_count, self.length_bytes))
    }

    /// Every filter value of the index, as (field, value, dictionary value),
    /// sorted by field then value.
    pub fn filter_values(&self) -> Vec<(String, String, u64)> {
        let mark = FILTER_MARK as u8;
        let Some(filters) = self.term_block(0) else { return Vec::new() };
        let mut stream = filters.range().ge([mark]).lt([mark + 1]).into_stream();
        let mut out = Vec::new();
        while let Some((key, offset)) = stream.next() {
            let Ok(key) = std::str::from_utf8(key) else { continue };
            let Some((field, value)) = key[1..].split_once(FILTER_MARK) else { continue };
            out.push((field.to_string(), value.to_string(), offset));
        }
        out
    }

    /// The postings list of an exact term, if the index has it and it is
    /// embedded (as the filter terms' always are).
    pub fn term_postings(&self, term: &str) -> Option<Postings<'a>> {
        self.term_value(term).and_then(|value| self.postings(value).ok())
    }

    /// The languages the index's terms were stemmed in (`en`, `fr`),
    /// ascending: a query word is stemmed in each.
    pub fn stemmed_languages(&self) -> &[&'a str] {
        &self.stemmed_languages
    }

    /// The index terms that share the stem `stem` in language `lang` (empty
    /// if none but the stem itself), from the embedded term blocks.
    pub fn stem_group(&self, lang: &str, stem: &str) -> Vec<String> {
        let low = stem_forms_key(lang, stem);
        let Some(high) = super::blocks::prefix_end(&low) else { return Vec::new() };
        let mut forms = Vec::new();
        self.term_blocks.each_in_range(
            &low,
            &high,
            |block| self.term_block(block),
            |key, _| {
                if let Some(form) = key.strip_prefix(low.as_slice()) {
                    forms.push(String::from_utf8_lossy(form).into_owned());
                }
            },
        );
        forms
    }

    /// The id of document `doc`, from its record (embedded).
    pub fn doc_id(&self, doc: u32) -> Result<&'a str> {
        Ok(self.doc(doc)?.id)
    }

    /// The stored document with ordinal `doc`, when its file is embedded
    /// (a split index's searcher reads records from the files it was given).
    pub fn doc(&self, doc: u32) -> Result<StoredDoc<'a>> {
        let file = self.doc_file(doc)?;
        match self.embedded_file(file) {
            Some(bytes) => self.record(doc, bytes),
            None => Err(Error::FilesNeeded { files: vec![self.file_name(file)] }),
        }
    }

    /// The stored document `doc`, its record read from `file` (the bytes
    /// of its document file, checked by [`Self::check_file`]).
    pub fn record(&self, doc: u32, file: &'a [u8]) -> Result<StoredDoc<'a>> {
        let mut cursor = Cursor::new(file, 0, "document file");
        for _ in self.docs_of_file(self.doc_file(doc)?).start..doc {
            skip_record(&mut cursor)?;
        }
        let Record { resume_points, title_len, body_len, part_count, part_lengths, text: [id, title, url, date, body] } =
            read_record(&mut cursor)?;
        let parts = self.body_part_files(doc)?;
        if parts.len() != part_count as usize {
            return Err(Error::Corrupt { detail: format!("document {doc}'s body parts do not match its files") });
        }
        Ok(StoredDoc {
            part_lengths,
            part_count,
            first_part_file: parts.start,
            id,
            title,
            url: Some(url).filter(|url| !url.is_empty()),
            date: Some(date).filter(|date| !date.is_empty()),
            body,
            title_len,
            body_len,
            resume_points,
        })
    }
}

/// Steps over one record without decoding its text (the file's records
/// were checked when it was given: UTF-8 checks of the records before a
/// hit's were a tenth of an exact query's time).
fn skip_record(cursor: &mut Cursor) -> Result<(), Malformed> {
    let count = cursor.varint()?;
    cursor.varints(count.saturating_mul(2).saturating_add(2))?;
    let parts = cursor.varint()?;
    cursor.varints(parts)?;
    for _ in 0..5 {
        let len = cursor.varint()?;
        cursor.skip(len as usize)?;
    }
    Ok(())
}

/// A document's record, as its file holds it.
struct Record<'a> {
    /// Resume points, encoded.
    resume_points: &'a [u8],
    title_len: u32,
    body_len: u32,
    /// How many parts of the body follow the one here.
    part_count: u32,
    /// Their byte lengths, varints.
    part_lengths: &'a [u8],
    /// Id, title, url, date, body (its first part).
    text: [&'a str; 5],
}

/// Reads one record.
fn read_record<'a>(cursor: &mut Cursor<'a>) -> Result<Record<'a>, Malformed> {
    let count = cursor.varint()?;
    let resume_points = cursor.varints(count.saturating_mul(2))?;
    let (title_len, body_len) = (cursor.varint()?, cursor.varint()?);
    let part_count = cursor.varint()?;
    let part_lengths = cursor.varints(part_count)?;
    let text = [cursor.str()?, cursor.str()?, cursor.str()?, cursor.str()?, cursor.str()?];
    Ok(Record { resume_points, title_len, body_len, part_count, part_lengths, text })
}

/// Reads a table of `count` files at `cursor`: per file, its length
/// (varint, for the first `with_length` files) and its hash (u64).
fn read_table(cursor: &mut Cursor, count: u32, with_length: u32) -> Result<Vec<(Option<u32>, u64)>> {
    (0..count).map(|i| Ok(((i < with_length).then(|| cursor.varint()).transpose()?, cursor.u64_le()?))).collect()
}

/// The files of `kind` listed in `table`, the first `embedded` of them
/// lying in `section` one after the other from `at`, which must end there.
fn place_files<'a>(
    kind: FileKind,
    table: Vec<(Option<u32>, u64)>,
    embedded: u32,
    section: &'a [u8],
    mut at: usize,
) -> Result<Vec<File<'a>>> {
    if embedded as usize > table.len() {
        return Err(Error::Corrupt { detail: "more files embedded than there are".into() });
    }
    let mut files = Vec::with_capacity(table.len());
    for (i, (len, hash)) in table.into_iter().enumerate() {
        let bytes = if i < embedded as usize {
            let len = len.ok_or(Error::Corrupt { detail: "an embedded file without its length".into() })?;
            let end = at.checked_add(len as usize).filter(|&end| end <= section.len());
            let bytes = &section[at..end.ok_or(Error::Truncated { section: "embedded files" })?];
            at += len as usize;
            // Not hashed again: the index's checksum covers these bytes.
            Some(bytes)
        } else {
            None
        };
        files.push(File { kind, len, hash, bytes });
    }
    if at != section.len() {
        return Err(Error::Corrupt { detail: "a section's length does not match its files".into() });
    }
    Ok(files)
}

impl std::fmt::Debug for Index<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Index").field("header", &self.header).finish_non_exhaustive()
    }
}
