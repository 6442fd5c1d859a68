//! Writing an index: documents in, bytes out.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io;

use super::format::{
    checksum, file_hash, file_name, filter_term, id_key, length_byte, second_letter_key, stem_form_key, tail_key,
    term_value, write_str, write_varint, Cursor, FileKind, Header, BODY_PART_WORDS, DOC_FILE_BYTES, EMBEDDED,
    FILTER_MARK, FORMAT_VERSION, HEADER_LEN, MAX_DOCUMENTS, POSTINGS_FILE_BYTES, RESUME_EVERY, SPLIT, TERM_BLOCK_BYTES,
};
use crate::analysis::stem::{stemmer, StemFn};
use crate::analysis::{is_word_start, Analyzer, Token, ANALYZER_VERSION};
use crate::article::Document;
use crate::error::{Error, Result};
use crate::ranking::edit_budget;
use crate::sort::sort_by;

/// Collects documents and writes them as one index (see [`format`](super::format)).
///
/// ```
/// use article_search_core::{Document, Index, IndexBuilder};
/// let mut builder = IndexBuilder::new();
/// builder.add(Document { id: "a".into(), title: "Hà Nội".into(), body: "Hello".into(), ..Default::default() })?;
/// let mut bytes = Vec::new();
/// builder.finish(&mut bytes)?;
/// assert_eq!(Index::open(&bytes)?.doc_count(), 1);
/// # Ok::<(), article_search_core::Error>(())
/// ```
#[derive(Debug)]
pub struct IndexBuilder {
    analyzer: Analyzer,
    docs: Vec<Document>,
    field_lengths: Vec<(u32, u32)>,
    /// Per document, its encoded resume points (see [`resume_points`]).
    resume_points: Vec<Vec<u8>>,
    /// Per document, where each part of its body after the first starts
    /// (see [`body_cuts`]; none for most).
    body_cuts: Vec<Vec<u32>>,
    ids: HashSet<String>,
    /// term -> (document frequency, last doc added, encoded postings so far)
    postings: BTreeMap<String, TermPostings>,
    tokens: Vec<Token>,
    /// Fields of [`Document::meta`] that are filters too (besides tags,
    /// category, author, lang and [`Document::filters`]).
    filter_fields: Vec<String>,
    /// The language of a document that does not name its own.
    default_language: String,
    /// The languages with a stemmer met so far; bit `i` of
    /// [`TermPostings::languages`] stands for the `i`-th.
    stemmed_languages: Vec<(String, StemFn)>,
}

#[derive(Debug, Default)]
struct TermPostings {
    doc_freq: u32,
    last_doc: u32,
    bytes: Vec<u8>,
    /// The stemmed languages of the documents that have the term (a bit set
    /// over [`IndexBuilder::stemmed_languages`]): it is stemmed in each.
    languages: u32,
}

impl Default for IndexBuilder {
    fn default() -> Self {
        IndexBuilder {
            analyzer: Analyzer::new(),
            docs: Vec::new(),
            field_lengths: Vec::new(),
            resume_points: Vec::new(),
            body_cuts: Vec::new(),
            ids: HashSet::new(),
            postings: BTreeMap::new(),
            tokens: Vec::new(),
            filter_fields: Vec::new(),
            default_language: "en".into(),
            stemmed_languages: Vec::new(),
        }
    }
}

/// A site whose articles' text (titles, urls, bodies) is larger than this
/// gets the split layout unless told otherwise (the build's
/// `ARTICLE_SEARCH_LAYOUT`): the visitor downloads the index, then the
/// postings files of the words searched and the document files of the
/// hits shown. Below it one file is simpler to
/// deploy and costs little: 4 MiB of text is about 1.3 MB gzip, some 2,500
/// articles of the Linux documentation.
pub const SPLIT_ABOVE_TEXT_BYTES: usize = 4 << 20;

/// A file of a split index (postings or documents' records): its name
/// (from its hash) and bytes, to be served next to the module (see
/// [`IndexBuilder::finish_split`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexFile {
    /// The file's name, e.g. `0123456789abcdef.docs` or `….postings`.
    pub name: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// A file a split index leaves out: what it holds, its bytes.
type LeftOut = (FileKind, Vec<u8>);

/// What a finished index holds, for build logs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BuildSummary {
    /// Documents indexed.
    pub documents: u32,
    /// Distinct terms in the dictionary.
    pub terms: u32,
    /// Total bytes written.
    pub bytes: usize,
}

impl IndexBuilder {
    /// An empty builder using the shared [`Analyzer`].
    pub fn new() -> Self {
        Self::default()
    }

    /// Makes these fields of [`Document::meta`] filters too (a site's own
    /// front-matter fields, e.g. `series`); tags, category, author, lang and
    /// the declared [`Document::filters`] always are.
    pub fn filter_on(&mut self, fields: impl IntoIterator<Item = String>) {
        self.filter_fields.extend(fields);
    }

    /// The language of the documents that do not name theirs
    /// ([`Document::lang`]): the primary subtag, like `fr` (default `en`).
    /// Each document is stemmed in its language; one without a stemmer
    /// (`vi`) is folded and tokenized but not stemmed.
    pub fn default_language(&mut self, lang: &str) {
        self.default_language = lang.to_string();
    }

    /// The languages whose stemmer the index uses so far, ascending: a
    /// searcher needs a stemmer for each.
    pub fn stemmed_languages(&self) -> Vec<&str> {
        let mut languages: Vec<&str> = self.stemmed_languages.iter().map(|(lang, _)| lang.as_str()).collect();
        languages.sort_unstable();
        languages
    }

    /// Number of documents added so far.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// The bytes of the text of the documents added so far (titles, urls,
    /// bodies): what the split layout leaves to document files.
    pub fn text_bytes(&self) -> usize {
        self.docs.iter().map(|d| d.title.len() + d.url.as_ref().map_or(0, String::len) + d.body.len()).sum()
    }

    /// Whether no document was added yet.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Analyses and adds one document. Fails, adding nothing, on a duplicate id.
    pub fn add(&mut self, doc: Document) -> Result<()> {
        if !self.ids.insert(doc.id.clone()) {
            return Err(Error::Article {
                id: doc.id,
                detail: "another article has the same id (file stem); rename one of them".into(),
            });
        }
        let doc_id = u32::try_from(self.docs.len()).ok().filter(|&id| id < MAX_DOCUMENTS);
        let doc_id = doc_id.ok_or(Error::TooLarge { what: "more than 16,777,215 documents" })?;
        self.tokens.clear();
        let title_len = self.analyzer.tokens_into(&doc.title, 0, &mut self.tokens);
        let title_token_count = self.tokens.len();
        // A gap of one position keeps a phrase from matching across title and body.
        let body_end = self.analyzer.tokens_into(&doc.body, title_len + 1, &mut self.tokens);
        let body_len = body_end - (title_len + 1);
        let language_bit = self.language_bit(doc.lang.as_deref())?;

        // term -> (title tf, body tf, positions). The map's iteration order
        // (new in every process) never reaches the bytes: each entry is
        // appended to its own term's postings, and the terms are written in
        // the BTreeMap's order (tests/build_script.rs checks the bytes).
        let mut per_term: HashMap<&str, (u32, u32, Vec<u32>)> = HashMap::new();
        for (i, token) in self.tokens.iter().enumerate() {
            let entry = per_term.entry(token.term.as_str()).or_default();
            if i < title_token_count {
                entry.0 += 1;
            } else {
                entry.1 += 1;
            }
            entry.2.push(token.position);
        }
        for (term, (title_tf, body_tf, positions)) in per_term {
            let postings = self.postings.entry(term.to_string()).or_default();
            let delta = if postings.doc_freq == 0 { doc_id } else { doc_id - postings.last_doc };
            postings.doc_freq += 1;
            postings.last_doc = doc_id;
            postings.languages |= language_bit;
            write_varint(&mut postings.bytes, delta);
            // Most terms are not in the title: a flag bit instead of a zero byte.
            write_varint(&mut postings.bytes, body_tf << 1 | u32::from(title_tf > 0));
            if title_tf > 0 {
                write_varint(&mut postings.bytes, title_tf);
            }
            let mut previous = 0;
            for p in positions {
                write_varint(&mut postings.bytes, p - previous);
                previous = p;
            }
        }
        // Filter values: a posting without frequencies or positions.
        let mut values: Vec<String> = Vec::new();
        let singles = doc.lang.iter().map(|lang| ("lang", lang));
        let lists = [("tags", &doc.tags), ("category", &doc.category), ("author", &doc.author)];
        let lists = lists.into_iter().flat_map(|(field, values)| values.iter().map(move |v| (field, v)));
        let declared = doc.filters.iter().flat_map(|(field, values)| values.iter().map(move |v| (field.as_str(), v)));
        let extra = self.filter_fields.iter().filter_map(|f| doc.meta.get_key_value(f));
        let extra = extra.flat_map(|(field, values)| values.iter().map(move |v| (field.as_str(), v)));
        for (field, value) in singles.chain(lists).chain(declared).chain(extra) {
            if !field.is_empty() && !value.is_empty() {
                values.push(filter_term(field, value));
            }
        }
        values.sort_unstable();
        values.dedup();
        for term in values {
            let postings = self.postings.entry(term).or_default();
            let delta = if postings.doc_freq == 0 { doc_id } else { doc_id - postings.last_doc };
            postings.doc_freq += 1;
            postings.last_doc = doc_id;
            write_varint(&mut postings.bytes, delta);
            write_varint(&mut postings.bytes, 0);
        }
        self.field_lengths.push((title_len, body_len));
        self.resume_points.push(resume_points(&doc.body, &self.tokens[title_token_count..], title_len + 1));
        self.body_cuts.push(body_cuts(&self.tokens[title_token_count..]));
        self.docs.push(doc);
        Ok(())
    }

    /// Writes the index to `out`, the documents' text included: one file
    /// holds everything.
    pub fn finish<W: io::Write>(self, out: W) -> Result<BuildSummary> {
        Ok(self.write(out, EMBEDDED)?.0)
    }

    /// Writes the index to `out` without the words' postings lists and the
    /// documents' records (title, url, text), which it returns as files: a
    /// searcher needs the postings files of the words it looks up and the
    /// document files of the hits it shows
    /// ([`Searcher::add_file`](crate::Searcher::add_file)).
    pub fn finish_split<W: io::Write>(self, out: W) -> Result<(BuildSummary, Vec<IndexFile>)> {
        let (summary, files) = self.write(out, SPLIT)?;
        let files =
            files.into_iter().map(|(kind, bytes)| IndexFile { name: file_name(file_hash(&bytes), kind), bytes });
        Ok((summary, files.collect()))
    }

    /// Writes the index in `layout`; returns what it wrote and the files
    /// left out of it (split: every postings file but the first, every
    /// document file).
    fn write<W: io::Write>(self, mut out: W, layout: u8) -> Result<(BuildSummary, Vec<LeftOut>)> {
        let too_large = |what| move |_| Error::TooLarge { what };
        let (values, postings_files) = self.encode_postings(layout)?;
        let (fst_bytes, term_files) = self.encode_dictionary(&values, layout)?;
        drop(values);
        let mut languages = Vec::new();
        write_varint(&mut languages, self.stemmed_languages.len() as u32);
        for lang in self.stemmed_languages() {
            write_str(&mut languages, lang)?;
        }
        let (docs, doc_files) = self.encode_docs(layout)?;
        let embedded_postings = if layout == EMBEDDED { postings_files.len() } else { 1 };
        let postings = file_section(&postings_files, embedded_postings)?;
        let separate = postings_files.into_iter().skip(embedded_postings).map(|bytes| (FileKind::Postings, bytes));
        let files = separate.chain(doc_files).chain(term_files).collect();

        let sections = [&fst_bytes, &languages, &postings, &docs];
        let mut body = Vec::with_capacity(sections.iter().map(|s| s.len()).sum());
        sections.iter().for_each(|section| body.extend_from_slice(section));
        let mut header = Header {
            format_version: FORMAT_VERSION,
            analyzer_version: ANALYZER_VERSION,
            doc_count: self.docs.len() as u32,
            term_count: u32::try_from(self.postings.len()).map_err(too_large("more than 2^32 terms"))?,
            fst_len: u32::try_from(fst_bytes.len()).map_err(too_large("term dictionary over 4 GiB"))?,
            languages_len: u32::try_from(languages.len()).map_err(too_large("languages over 4 GiB"))?,
            postings_len: u32::try_from(postings.len()).map_err(too_large("postings over 4 GiB"))?,
            docs_len: u32::try_from(docs.len()).map_err(too_large("document store over 4 GiB"))?,
            checksum: 0,
        };
        header.checksum = checksum(&header.to_bytes(), &body);
        let io_error = |e: io::Error| Error::Io { detail: e.to_string() };
        out.write_all(&header.to_bytes()).map_err(io_error)?;
        out.write_all(&body).map_err(io_error)?;
        let summary =
            BuildSummary { documents: header.doc_count, terms: header.term_count, bytes: HEADER_LEN + body.len() };
        Ok((summary, files))
    }

    /// The postings files, and each term's dictionary value (in term
    /// order): the filter terms' lists (they sort first) in file 0, the
    /// words' in files cut before the list that would take one past
    /// [`POSTINGS_FILE_BYTES`].
    fn encode_postings(&self, layout: u8) -> Result<(Vec<u64>, Vec<Vec<u8>>)> {
        let mut values = Vec::with_capacity(self.postings.len());
        let mut files: Vec<Vec<u8>> = vec![Vec::new()];
        let mut offset = 0usize;
        for (term, list) in &self.postings {
            let with_lengths;
            let bytes = if layout == SPLIT {
                with_lengths = with_length_bytes(&list.bytes, &self.field_lengths)?;
                &with_lengths
            } else {
                &list.bytes
            };
            let current = files.last().expect("file 0 at least");
            let first_word = files.len() == 1 && !term.starts_with(FILTER_MARK);
            if first_word || (current.len() + bytes.len() > POSTINGS_FILE_BYTES && !current.is_empty()) {
                files.push(Vec::new());
            }
            let at = u32::try_from(offset).map_err(|_| Error::TooLarge { what: "postings over 4 GiB" })?;
            values.push(term_value(at, list.doc_freq));
            files.last_mut().expect("pushed above").extend_from_slice(bytes);
            offset += bytes.len();
        }
        Ok((values, files))
    }

    /// The term dictionary section (see [`format`](super::format)): the
    /// filter terms in block 0, the words in one block (embedded) or in
    /// blocks cut after [`TERM_BLOCK_BYTES`] (split, with the tail blocks,
    /// which it returns as files with the term blocks but the first).
    fn encode_dictionary(&self, values: &[u64], layout: u8) -> Result<(Vec<u8>, Vec<LeftOut>)> {
        let block_bytes = if layout == SPLIT { TERM_BLOCK_BYTES } else { usize::MAX };
        let mut keys: Vec<(Vec<u8>, u64)> =
            self.postings.keys().map(|term| term.as_bytes().to_vec()).zip(values.iter().copied()).collect();
        keys.extend(self.stem_forms(values));
        keys.extend(self.docs.iter().enumerate().map(|(doc, d)| (id_key(&d.id).into_bytes(), doc as u64)));
        sort_by(&mut keys, |a, b| a.0.cmp(&b.0));
        let keys = keys.iter().map(|(key, value)| (key.as_slice(), *value));
        let term_blocks = fst_blocks(keys, block_bytes, |term| term.first() != Some(&(FILTER_MARK as u8)))?;
        let tail_blocks = if layout == SPLIT {
            let mut tails: Vec<(Vec<u8>, u64)> = self
                .postings
                .keys()
                .zip(values)
                .filter(|(term, _)| !term.starts_with(FILTER_MARK))
                .flat_map(|(term, &value)| {
                    // A word too short for a typo is never a second-letter edit away from one.
                    let second = Some(term)
                        .filter(|term| edit_budget(term.chars().count()) > 0)
                        .and_then(|t| second_letter_key(t));
                    [tail_key(term), second].into_iter().flatten().map(move |key| (key, value))
                })
                .collect();
            sort_by(&mut tails, |a, b| a.0.cmp(&b.0));
            fst_blocks(tails.iter().map(|(key, value)| (key.as_slice(), *value)), block_bytes, |_| false)?
        } else {
            Vec::new()
        };
        let embedded = if layout == SPLIT { 1 } else { term_blocks.len() };
        let too_large = |_| Error::TooLarge { what: "term dictionary over 4 GiB" };
        let mut section = Vec::new();
        section.extend_from_slice(&u32::try_from(term_blocks.len()).map_err(too_large)?.to_le_bytes());
        section.extend_from_slice(&u32::try_from(embedded).map_err(too_large)?.to_le_bytes());
        file_table(&mut section, term_blocks.iter().map(|b| &b.bytes), embedded)?;
        section.extend_from_slice(&u32::try_from(tail_blocks.len()).map_err(too_large)?.to_le_bytes());
        file_table(&mut section, tail_blocks.iter().map(|b| &b.bytes), 0)?;
        for block in &term_blocks {
            write_key(&mut section, &block.first)?;
            write_varint(&mut section, block.keys);
        }
        for block in &tail_blocks {
            write_key(&mut section, &block.first)?;
        }
        term_blocks.iter().take(embedded).for_each(|block| section.extend_from_slice(&block.bytes));
        let left_out = term_blocks.into_iter().skip(embedded).map(|block| (FileKind::Terms, block.bytes));
        let left_out = left_out.chain(tail_blocks.into_iter().map(|block| (FileKind::Tails, block.bytes)));
        Ok((section, left_out.collect()))
    }

    /// The bit of `lang` (or the default language) in
    /// [`TermPostings::languages`]; 0 for a language without a stemmer.
    fn language_bit(&mut self, lang: Option<&str>) -> Result<u32> {
        let lang = lang.unwrap_or(&self.default_language);
        let Some(stem) = stemmer(lang) else { return Ok(0) };
        let i = match self.stemmed_languages.iter().position(|(known, _)| known == lang) {
            Some(i) => i,
            None => {
                self.stemmed_languages.push((lang.to_string(), stem));
                self.stemmed_languages.len() - 1
            }
        };
        // Every language code with a stemmer fits (there are fewer than 32).
        1u32.checked_shl(i as u32).ok_or(Error::TooLarge { what: "more than 32 stemmed languages" })
    }

    /// The stem groups' keys of the term dictionary: for each stem, in
    /// each language, that a term other than the stem itself has, each term
    /// that has it ([`stem_form_key`]) with its value (`values`, in term
    /// order). A query word's stem finds the word's other forms without a
    /// second copy of their postings.
    fn stem_forms(&self, values: &[u64]) -> Vec<(Vec<u8>, u64)> {
        // (language, stem) -> the terms that have it, with their values
        let mut by_stem: BTreeMap<(usize, String), Vec<(&str, u64)>> = BTreeMap::new();
        for ((term, list), &value) in self.postings.iter().zip(values) {
            if term.starts_with(FILTER_MARK) {
                continue;
            }
            for (i, (_, stem)) in self.stemmed_languages.iter().enumerate() {
                if list.languages & (1 << i) != 0 {
                    by_stem.entry((i, stem(term).into_owned())).or_default().push((term, value));
                }
            }
        }
        let mut keys = Vec::new();
        for ((lang, stem), terms) in &by_stem {
            if terms.len() == 1 && terms[0].0 == stem {
                continue; // the exact lookup finds it already
            }
            let lang = &self.stemmed_languages[*lang].0;
            keys.extend(terms.iter().map(|&(term, value)| (stem_form_key(lang, stem, term), value)));
        }
        keys
    }

    /// The document section (the file directory and, embedded, the files)
    /// and its files (the document files, the dates file), as the format says.
    fn encode_docs(&self, layout: u8) -> Result<(Vec<u8>, Vec<LeftOut>)> {
        let too_large = |_| Error::TooLarge { what: "document store over 4 GiB" };
        let n = self.docs.len().max(1) as f32;
        let avg_title = self.field_lengths.iter().map(|l| l.0 as f32).sum::<f32>() / n;
        let avg_body = self.field_lengths.iter().map(|l| l.1 as f32).sum::<f32>() / n;
        // Records, in document order, into files cut after DOC_FILE_BYTES.
        // A record cut into parts ends its file, and its parts follow it.
        let mut files: Vec<Vec<u8>> = Vec::new();
        let mut first_docs = Vec::new();
        let mut file_ended = true;
        for (doc, (d, points)) in self.docs.iter().zip(&self.resume_points).enumerate() {
            let doc_number = u32::try_from(doc).map_err(too_large)?;
            if file_ended || files.last().is_none_or(|file| file.len() >= DOC_FILE_BYTES) {
                files.push(Vec::new());
                first_docs.push(doc_number);
            }
            let file = files.last_mut().expect("pushed above");
            file.extend_from_slice(points);
            let (title_len, body_len) = self.field_lengths[doc];
            write_varint(file, title_len);
            write_varint(file, body_len);
            let cuts = &self.body_cuts[doc];
            let ends: Vec<usize> = cuts.iter().map(|&cut| cut as usize).chain([d.body.len()]).collect();
            write_varint(file, cuts.len() as u32);
            for pair in ends.windows(2) {
                write_varint(file, (pair[1] - pair[0]) as u32);
            }
            let first_part = &d.body[..ends[0]];
            for field in [&d.id, &d.title, d.url.as_deref().unwrap_or(""), d.date.as_deref().unwrap_or(""), first_part]
            {
                write_str(file, field)?;
            }
            // A part repeats the first document of the file before: delta 0.
            let record_file_first = *first_docs.last().expect("pushed above");
            for pair in ends.windows(2) {
                files.push(d.body.as_bytes()[pair[0]..pair[1]].to_vec());
                first_docs.push(record_file_first);
            }
            file_ended = !cuts.is_empty();
        }
        // The dates, when an article has one.
        if self.docs.iter().any(|d| d.date.as_deref().is_some_and(|date| !date.is_empty())) {
            let mut dates = Vec::new();
            for d in &self.docs {
                write_str(&mut dates, d.date.as_deref().unwrap_or(""))?;
            }
            files.push(dates);
        }
        let doc_files = first_docs.len();
        let mut section = Vec::new();
        section.extend_from_slice(&avg_title.to_le_bytes());
        section.extend_from_slice(&avg_body.to_le_bytes());
        section.push(layout);
        let files_at_position = section.len();
        section.extend_from_slice(&0u32.to_le_bytes()); // where the files start, below
        section.extend_from_slice(&u32::try_from(doc_files).map_err(too_large)?.to_le_bytes());
        let embedded = if layout == EMBEDDED { files.len() } else { 0 };
        file_table(&mut section, &files[..doc_files], embedded)?;
        let mut previous = 0;
        for first in first_docs {
            write_varint(&mut section, first - previous);
            previous = first;
        }
        section.extend_from_slice(&((files.len() - doc_files) as u32).to_le_bytes());
        file_table(&mut section, &files[doc_files..], embedded)?;
        if layout == EMBEDDED {
            for &(title_len, body_len) in &self.field_lengths {
                section.extend_from_slice(&[length_byte(title_len), length_byte(body_len)]);
            }
        }
        let files_at = u32::try_from(section.len()).map_err(too_large)?;
        section[files_at_position..files_at_position + 4].copy_from_slice(&files_at.to_le_bytes());
        if layout == EMBEDDED {
            files.iter().for_each(|file| section.extend_from_slice(file));
        }
        let kinds = (0..files.len()).map(|i| if i < doc_files { FileKind::Docs } else { FileKind::Dates });
        Ok((section, kinds.zip(files).collect()))
    }
}

/// The postings section: the directory of `files` (count, embedded count,
/// then each one's length and hash: a list's place in the files laid end
/// to end needs every length), then the first `embedded` files.
fn file_section(files: &[Vec<u8>], embedded: usize) -> Result<Vec<u8>> {
    let too_large = |_| Error::TooLarge { what: "postings over 4 GiB" };
    let mut section = Vec::new();
    section.extend_from_slice(&u32::try_from(files.len()).map_err(too_large)?.to_le_bytes());
    section.extend_from_slice(&u32::try_from(embedded).map_err(too_large)?.to_le_bytes());
    file_table(&mut section, files, files.len())?;
    files.iter().take(embedded).for_each(|file| section.extend_from_slice(file));
    Ok(section)
}

/// `list`, a postings list as [`IndexBuilder::add`] wrote it, with each
/// posting's length bytes after its frequencies, as a split index's lists
/// carry them (`lengths`: each document's title and body length).
fn with_length_bytes(list: &[u8], lengths: &[(u32, u32)]) -> Result<Vec<u8>> {
    let mut cursor = Cursor::new(list, 0, "postings");
    let mut out = Vec::with_capacity(list.len() + list.len() / 4);
    let mut doc = 0u32;
    while cursor.position() < list.len() {
        let start = cursor.position();
        doc += cursor.varint()?;
        let packed = cursor.varint()?;
        let title_tf = if packed & 1 == 1 { cursor.varint()? } else { 0 };
        out.extend_from_slice(&list[start..cursor.position()]);
        let count = title_tf + (packed >> 1);
        if count > 0 {
            let (title_len, body_len) = lengths[doc as usize];
            out.push(length_byte(body_len));
            if title_tf > 0 {
                out.push(length_byte(title_len));
            }
        }
        out.extend_from_slice(cursor.varints(count)?);
    }
    Ok(out)
}

/// Appends each file's hash (u64), after its length (varint) for the
/// first `with_length` files: an embedded file's length places it in its
/// section, while a file fetched on its own is checked by its hash alone
/// (a cut or longer file has another), so a split index's module carries
/// no length for it.
fn file_table<'f>(out: &mut Vec<u8>, files: impl IntoIterator<Item = &'f Vec<u8>>, with_length: usize) -> Result<()> {
    for (i, file) in files.into_iter().enumerate() {
        if i < with_length {
            write_varint(out, u32::try_from(file.len()).map_err(|_| Error::TooLarge { what: "a file over 4 GiB" })?);
        }
        out.extend_from_slice(&file_hash(file).to_le_bytes());
    }
    Ok(())
}

/// Appends a length-prefixed key.
fn write_key(out: &mut Vec<u8>, key: &[u8]) -> Result<()> {
    write_varint(out, u32::try_from(key.len()).map_err(|_| Error::TooLarge { what: "a term over 4 GiB" })?);
    out.extend_from_slice(key);
    Ok(())
}

/// A block of a dictionary: an fst of consecutive keys.
struct FstBlock {
    /// Its first key.
    first: Vec<u8>,
    /// How many keys it has.
    keys: u32,
    bytes: Vec<u8>,
}

/// `entries` (sorted keys and their values) as fst blocks: a block is
/// closed once it reaches `block_bytes`, and before the first key for
/// which `starts_new` holds (once: the first word after the filter terms).
fn fst_blocks<'k>(
    entries: impl Iterator<Item = (&'k [u8], u64)>,
    block_bytes: usize,
    starts_new: impl Fn(&[u8]) -> bool,
) -> Result<Vec<FstBlock>> {
    let fst_error = |e: fst::Error| Error::Corrupt { detail: format!("term dictionary: {e}") };
    let mut blocks = Vec::new();
    let mut current: Option<(FstBlock, fst::MapBuilder<Vec<u8>>)> = None;
    let mut split_done = false;
    let close = |current: &mut Option<(FstBlock, fst::MapBuilder<Vec<u8>>)>, blocks: &mut Vec<FstBlock>| {
        if let Some((mut block, builder)) = current.take() {
            block.bytes = builder.into_inner().map_err(fst_error)?;
            blocks.push(block);
        }
        Ok::<(), Error>(())
    };
    for (key, value) in entries {
        let full = current.as_ref().is_some_and(|(_, builder)| builder.bytes_written() as usize >= block_bytes);
        let new_kind = !split_done && starts_new(key);
        if new_kind {
            split_done = true;
            if current.is_none() {
                blocks.push(empty_block()?); // no filter terms: block 0 is empty
            }
        }
        if full || new_kind {
            close(&mut current, &mut blocks)?;
        }
        let (block, builder) = current.get_or_insert_with(|| {
            (FstBlock { first: key.to_vec(), keys: 0, bytes: Vec::new() }, fst::MapBuilder::memory())
        });
        builder.insert(key, value).map_err(fst_error)?;
        block.keys += 1;
    }
    close(&mut current, &mut blocks)?;
    if blocks.is_empty() {
        blocks.push(empty_block()?);
    }
    Ok(blocks)
}

/// A block with no keys.
fn empty_block() -> Result<FstBlock> {
    let bytes = fst::MapBuilder::memory().into_inner().map_err(|e| Error::Corrupt { detail: format!("{e}") })?;
    Ok(FstBlock { first: Vec::new(), keys: 0, bytes })
}

/// Where each part of a body after the first starts (see
/// [`BODY_PART_WORDS`]): the byte offset of its first word, or of the
/// next part's when no word falls in it. `tokens` are the body's, in
/// order, with their positions in the article.
fn body_cuts(tokens: &[Token]) -> Vec<u32> {
    let mut cuts = Vec::new();
    let mut next = BODY_PART_WORDS;
    for token in tokens {
        while token.position >= next {
            // Never before an earlier cut (a joined word starts before its parts).
            cuts.push((token.start as u32).max(cuts.last().copied().unwrap_or(0)));
            next = next.saturating_add(BODY_PART_WORDS);
        }
    }
    cuts
}

/// Where the analysis of `body` can resume, encoded as the index format
/// says: the count, then per point the byte offset and the word position
/// (relative to the body's first word), each delta-coded. `tokens` are the body's, numbered from `first_position`.
fn resume_points(body: &str, tokens: &[Token], first_position: u32) -> Vec<u8> {
    let mut points = Vec::new();
    let mut next = RESUME_EVERY;
    for token in tokens {
        let position = token.position - first_position;
        if position >= next && is_word_start(body, token.start) {
            points.push((token.start as u32, position));
            next = position + RESUME_EVERY;
        }
    }
    let mut out = Vec::new();
    write_varint(&mut out, points.len() as u32);
    let (mut byte, mut position) = (0, 0);
    for (b, p) in points {
        write_varint(&mut out, b - byte);
        write_varint(&mut out, p - position);
        (byte, position) = (b, p);
    }
    out
}
