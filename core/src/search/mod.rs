//! From query text to ranked hits.
//!
//! - [`dictionary`]: the [`Dictionary`](dictionary::Dictionary): a word ->
//!   its completions and typo neighbours in the fst;
//! - [`matching`]: each clause of the [`Query`] -> the documents it matches
//!   (exact, stem, completion, typo and compound terms; postings; phrase
//!   positions), sorted by document, scored by how exactly each matched;
//! - [`rank`]: the hits (any content word, every phrase, no exclusion),
//!   ordered by [`ranking`](crate::ranking): every word first, then score
//!   (with a proximity bonus for the top), then document order;
//! - here: which clause plays which role (stop words), the page of hits
//!   with snippets and missing words, "did you mean", whole articles.

mod dictionary;
mod filters;
mod matching;
mod rank;
mod typo_automaton;

use crate::analysis::stem::{stemmer, StemFn};
use crate::analysis::{is_stop_word, Analyzer};
use crate::error::{Error, Result};
use crate::index::format::{body_part, byte_length, id_key};
use crate::index::{Index, StoredDoc};
use crate::query::{Clause, Query};
use crate::ranking::{field_norm, BODY_B, MAX_TYPO_WORDS, TITLE_B};
use crate::snippet::{
    best_passage, highlight_all, highlight_exact, passage_anchor, passage_in, passage_positions, BodyText, Highlighted,
    Passage,
};
use crate::sort::{sort_by, stable_sort_by};
use dictionary::Dictionary;
use filters::{by_date, FilterSets};
use matching::{ClauseMatches, WordInfo};
use rank::{rank, sort_top, Ranked, Role, Scored};
use std::collections::BTreeMap;

/// Largest page of hits one call returns.
pub const MAX_LIMIT: usize = 100;
/// Largest offset accepted: deeper pages are not a use case, only a cost.
pub const MAX_OFFSET: usize = 10_000;
/// Which hits to return, and in what order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchOptions {
    /// Hits per page, 0 to [`MAX_LIMIT`] (0 only counts).
    pub limit: usize,
    /// Hits to skip, 0 to [`MAX_OFFSET`].
    pub offset: usize,
    /// Only articles with, for every field named, one of its values
    /// (`[("tags", ["defence", "navy"]), ("lang", ["en"])]`). With no query,
    /// the articles these filters allow, newest first.
    pub filters: Vec<(String, Vec<String>)>,
    /// The order of the hits.
    pub sort: Sort,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions { limit: 10, offset: 0, filters: Vec::new(), sort: Sort::Relevance }
    }
}

/// The order of the hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Best first (hits with every word first).
    #[default]
    Relevance,
    /// Oldest first (hits with every word first); undated articles last.
    Date,
    /// Newest first (hits with every word first); undated articles last.
    NewestFirst,
}

impl SearchOptions {
    /// Checks the ranges, naming the option that is out of them.
    pub fn validate(&self) -> Result<()> {
        if self.limit > MAX_LIMIT {
            return Err(Error::InvalidOption { name: "limit", expected: format!("an integer from 0 to {MAX_LIMIT}") });
        }
        if self.offset > MAX_OFFSET {
            return Err(Error::InvalidOption {
                name: "offset",
                expected: format!("an integer from 0 to {MAX_OFFSET}"),
            });
        }
        Ok(())
    }
}

/// The answer to one query.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize), serde(rename_all = "camelCase"))]
pub struct SearchResults {
    /// The query as given.
    pub query: String,
    /// How many documents match in all (not just this page): those with
    /// any of the query's words (and every phrase, and no exclusion).
    pub total: usize,
    /// How many of them have every word of the query: they come first.
    pub full_matches: usize,
    /// This page of hits, best first.
    pub hits: Vec<Hit>,
    /// A corrected query ("did you mean"), when this one found nothing or
    /// only matches with typos and the dictionary knows better words.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub suggestion: Option<String>,
    /// For each filter field, how many hits have each value (under the
    /// other fields' filters): what choosing that value would leave.
    pub facets: BTreeMap<String, BTreeMap<String, usize>>,
}

/// One matching article.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize), serde(rename_all = "camelCase"))]
pub struct Hit {
    /// Article id (file stem).
    pub id: String,
    /// Headline.
    pub title: String,
    /// Link target, if the article has one.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub url: Option<String>,
    /// Date as written in the article, if any.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub date: Option<String>,
    /// Relevance, higher is better; comparable within one result set only.
    pub score: f32,
    /// The best passage of the article for this query.
    pub snippet: String,
    /// `[start, end)` ranges of `snippet` to highlight, in UTF-16 code units.
    pub highlights: Vec<[u32; 2]>,
    /// `[start, end)` ranges of `title` to highlight, in UTF-16 code units.
    pub title_highlights: Vec<[u32; 2]>,
    /// The query's words this article has, as written in the query.
    pub matched: Vec<String>,
    /// The query's words this article lacks, as written ("Missing: …");
    /// empty for a hit with every word. Stop words are never listed.
    pub missing: Vec<String>,
}

/// A whole article, for reading it inside the widget.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize), serde(rename_all = "camelCase"))]
pub struct Article {
    /// Article id (file stem).
    pub id: String,
    /// Headline.
    pub title: String,
    /// Link target, if the article has one.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub url: Option<String>,
    /// Date as written in the article, if any.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub date: Option<String>,
    /// The full text as indexed, line breaks kept.
    pub text: String,
    /// `[start, end)` ranges of `text` matching the query, in UTF-16 code units.
    pub highlights: Vec<[u32; 2]>,
    /// `[start, end)` ranges of `title` matching the query, in UTF-16 code units.
    pub title_highlights: Vec<[u32; 2]>,
}

/// Runs queries against one index.
pub struct Searcher<'a> {
    index: Index<'a>,
    analyzer: Analyzer,
    /// BM25's (title, body) length divisor for each length byte a posting
    /// carries ([`length_byte`](crate::index::format::length_byte)).
    norms: [[f32; 256]; 2],
    /// Every document's date, once read from the dates file (sorting by
    /// date and browsing need them).
    dates: std::sync::OnceLock<Vec<Option<&'a str>>>,
    /// The index's filter values (field, value, postings offset), read once.
    filter_values: Vec<(String, String, u64)>,
    /// The stemmer of each language the index was stemmed in.
    stemmers: Vec<(&'a str, StemFn)>,
    /// Each file's bytes (dictionary blocks, postings, documents' records), once embedded
    /// or given ([`Self::add_file`]). A lock only to be shareable (the wasm
    /// module keeps one searcher in a static); nothing holds it across a call.
    files: std::sync::Mutex<Vec<Option<&'a [u8]>>>,
}

thread_local! {
    /// The files (dictionary blocks, postings) that the call running on
    /// this thread wanted and did not have (see [`Searcher::postings`]): a
    /// call is synchronous, so what it notes here is its own.
    static WANTED: std::cell::RefCell<Vec<u32>> = const { std::cell::RefCell::new(Vec::new()) };
}

impl<'a> Searcher<'a> {
    /// A searcher over `index`, with whichever stemmers its languages need.
    /// This names every stemmer of [`stem`](crate::analysis::stem), so a
    /// program that must stay small (the wasm module) passes its own table
    /// to [`with_stemmers`](Self::with_stemmers) instead.
    pub fn new(index: Index<'a>) -> Result<Self> {
        let stemmers: Vec<(&str, StemFn)> =
            index.stemmed_languages().iter().filter_map(|&lang| Some((lang, stemmer(lang)?))).collect();
        Self::with_stemmers(index, &stemmers)
    }

    /// A searcher over `index` stemming with `stemmers` (language code,
    /// stemmer): there must be one for each of the index's
    /// [`stemmed_languages`](Index::stemmed_languages).
    pub fn with_stemmers(index: Index<'a>, stemmers: &[(&str, StemFn)]) -> Result<Self> {
        let stemmers = index
            .stemmed_languages()
            .iter()
            .map(|&lang| match stemmers.iter().find(|(known, _)| *known == lang) {
                Some(&(_, stem)) => Ok((lang, stem)),
                None => Err(Error::MissingStemmer { lang: lang.to_string() }),
            })
            .collect::<Result<_>>()?;
        let (avg_title, avg_body) = index.avg_field_lengths();
        let norms = [(avg_title, TITLE_B), (avg_body, BODY_B)]
            .map(|(avg, b)| std::array::from_fn(|byte| field_norm(byte_length(byte as u8), avg, b)));
        let filter_values = index.filter_values();
        let files = std::sync::Mutex::new((0..index.file_count()).map(|file| index.embedded_file(file)).collect());
        let dates = std::sync::OnceLock::new();
        Ok(Searcher { index, analyzer: Analyzer::new(), norms, dates, filter_values, stemmers, files })
    }

    /// Gives a split index's searcher the file named `name` (as
    /// [`Error::FilesNeeded`] names it), after checking that these are its
    /// bytes ([`Index::check_file`]: its length, its hash, and a document
    /// file's every record). A file given twice is checked and kept once.
    pub fn add_file(&self, name: &str, bytes: &'a [u8]) -> Result<()> {
        let file = self.file_to_add(name)?;
        if self.file(file).is_none() {
            self.index.check_file(file, bytes)?;
            self.files.lock().unwrap_or_else(|poisoned| poisoned.into_inner())[file as usize] = Some(bytes);
        }
        Ok(())
    }

    /// Like [`Self::add_file`], for bytes that the searcher must own for as
    /// long as it lives (the wasm module's, given by JavaScript): they are
    /// checked first, and leaked only once they are the file, so a refused
    /// file costs nothing.
    pub fn add_owned_file(&self, name: &str, bytes: Vec<u8>) -> Result<()>
    where
        'a: 'static,
    {
        let file = self.file_to_add(name)?;
        if self.file(file).is_none() {
            self.index.check_file(file, &bytes)?;
            let kept: &'static [u8] = Box::leak(bytes.into_boxed_slice());
            self.files.lock().unwrap_or_else(|poisoned| poisoned.into_inner())[file as usize] = Some(kept);
        }
        Ok(())
    }

    fn file_to_add(&self, name: &str) -> Result<u32> {
        self.index.file_named(name).ok_or_else(|| Error::Corrupt {
            detail: format!("{name} is not a file of this index: from another build?"),
        })
    }

    /// The files that `search(input, options)` needs next and were not given
    /// yet: the term blocks of its words, then (once given) their postings
    /// files (and a rare word's typo neighbours' blocks), then the document
    /// files of the hits it would show. Empty when it can answer.
    pub fn files_for_search(&self, input: &str, options: &SearchOptions) -> Vec<String> {
        match self.search(input, options) {
            Err(Error::FilesNeeded { files }) => files,
            _ => Vec::new(),
        }
    }

    /// The files that `article(id, query)` needs and were not given yet.
    pub fn files_for_article(&self, id: &str, query: &str) -> Vec<String> {
        match self.article(id, query) {
            Err(Error::FilesNeeded { files }) => files,
            _ => Vec::new(),
        }
    }

    /// The bytes of file `file`, if embedded or given.
    fn file(&self, file: u32) -> Option<&'a [u8]> {
        self.files.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).get(file as usize).copied().flatten()
    }

    /// The (title, body) length divisors of BM25 for a posting's length bytes.
    pub(super) fn norms(&self, length_bytes: [u8; 2]) -> (f32, f32) {
        (self.norms[0][usize::from(length_bytes[0])], self.norms[1][usize::from(length_bytes[1])])
    }

    /// Every document's date (empty when no article has one), once the
    /// dates file is embedded or given; else it is wanted.
    fn dates(&self) -> Option<&[Option<&'a str>]> {
        let Some(file) = self.index.dates_file() else { return Some(&[]) };
        if let Some(dates) = self.dates.get() {
            return Some(dates);
        }
        let Some(bytes) = self.file(file) else {
            self.want(file);
            return None;
        };
        // Checked when embedded or given: an error here cannot happen.
        Some(self.dates.get_or_init(|| self.index.dates(bytes).unwrap_or_default()))
    }

    /// Notes that the running call wanted file `file` (not given yet).
    fn want(&self, file: u32) {
        WANTED.with(|wanted| wanted.borrow_mut().push(file));
    }

    /// How many files the running call has wanted so far: a step that
    /// depends on what an earlier one found waits for a round in which
    /// that one had every file (so a round fetches nothing a later one
    /// would not need).
    fn wanted_count(&self) -> usize {
        WANTED.with(|wanted| wanted.borrow().len())
    }

    /// Term block `block`, if embedded or given; else it is wanted.
    fn term_block(&self, block: usize) -> Option<fst::Map<&'a [u8]>> {
        self.dictionary_block(self.index.term_blocks().file(block))
    }

    /// Tail block `block`, if given; else it is wanted.
    fn tail_block(&self, block: usize) -> Option<fst::Map<&'a [u8]>> {
        self.dictionary_block(self.index.tail_blocks().file(block))
    }

    fn dictionary_block(&self, file: u32) -> Option<fst::Map<&'a [u8]>> {
        match self.file(file) {
            Some(bytes) => Index::block_map(bytes),
            None => {
                self.want(file);
                None
            }
        }
    }

    /// The dictionary of the index, read through this searcher's files.
    fn dictionary(&self) -> Dictionary<'_, 'a> {
        Dictionary::new(self)
    }

    /// The names of the files the running call wanted and did not have,
    /// each once, in file order; forgets them.
    fn take_wanted(&self) -> Vec<String> {
        let mut files = WANTED.with(|wanted| std::mem::take(&mut *wanted.borrow_mut()));
        sort_by(&mut files, u32::cmp);
        files.dedup();
        files.into_iter().map(|file| self.index.file_name(file)).collect()
    }

    /// The names of `files` not given yet, each once, in file order.
    fn missing_files(&self, files: impl IntoIterator<Item = u32>) -> Vec<String> {
        let mut files: Vec<u32> = files.into_iter().filter(|&file| self.file(file).is_none()).collect();
        sort_by(&mut files, u32::cmp);
        files.dedup();
        files.into_iter().map(|file| self.index.file_name(file)).collect()
    }

    /// The files that showing `ranked` reads: its record's, and those of
    /// the parts of its body around its passage, as the positions of its
    /// matches place it (a title's length byte is exact up to 31 words;
    /// unknown, no match is in the title).
    fn hit_files(&self, ranked: &Ranked, matched: &Matched) -> Vec<u32> {
        let (Ok(record), Ok(parts)) = (self.index.doc_file(ranked.doc), self.index.body_part_files(ranked.doc)) else {
            return Vec::new();
        };
        if parts.is_empty() {
            return vec![record];
        }
        let title = ranked.title_length_byte(&matched.scored);
        let first_position = if title == 0 { 0 } else { byte_length(title) + 1 };
        let positions = passage_positions(passage_anchor(first_position, &ranked.clause_positions(&matched.scored)));
        let part_files = (body_part(*positions.start()).max(1)..=body_part(*positions.end()))
            .map(|part| parts.start + part - 1)
            .take_while(|file| parts.contains(file));
        std::iter::once(record).chain(part_files).collect()
    }

    /// The text of parts `from..=to` of `stored`'s body (0: the one in its
    /// record) and where it starts in the body; the parts not given yet are
    /// needed.
    fn body_text(&self, stored: &StoredDoc<'a>, from: u32, to: u32) -> Result<(std::borrow::Cow<'a, str>, usize)> {
        let offsets = stored.part_offsets();
        if to == 0 {
            return Ok((stored.body.into(), 0));
        }
        let files = |parts: std::ops::RangeInclusive<u32>| parts.map(|part| stored.first_part_file + part - 1);
        let missing = self.missing_files(files(from.max(1)..=to));
        if !missing.is_empty() {
            return Err(Error::FilesNeeded { files: missing });
        }
        let mut text = String::with_capacity(offsets[to as usize + 1] - offsets[from as usize]);
        for part in from..=to {
            let bytes = if part == 0 {
                Some(stored.body.as_bytes())
            } else {
                files(part..=part).next().and_then(|f| self.file(f))
            };
            let (start, end) = (offsets[part as usize], offsets[part as usize + 1]);
            // Given files were checked as UTF-8; their lengths are the record's.
            match bytes.filter(|b| b.len() == end - start).and_then(|b| std::str::from_utf8(b).ok()) {
                Some(part) => text.push_str(part),
                None => {
                    return Err(Error::Corrupt {
                        detail: format!("a part of {}'s body is not its record's", stored.id),
                    })
                }
            }
        }
        Ok((text.into(), offsets[from as usize]))
    }

    /// The passage of `stored`'s body for a hit matched at `clauses`,
    /// read from the parts of the body around it (more, if the positions
    /// misjudged them).
    fn passage(&self, stored: &StoredDoc<'a>, clauses: &[Vec<u32>]) -> Result<Highlighted> {
        let first_position = stored.title_len + 1;
        let resume_before = |word| stored.resume_before(word);
        if stored.part_count == 0 {
            return Ok(best_passage(&self.analyzer, stored.body, first_position, clauses, &resume_before));
        }
        let last = stored.part_count;
        let positions = passage_positions(passage_anchor(first_position, clauses));
        let (mut from, mut to) = (body_part(*positions.start()).min(last), body_part(*positions.end()).min(last));
        loop {
            let (text, offset) = self.body_text(stored, from, to)?;
            let body = BodyText { text: &text, offset, ends: to == last };
            match passage_in(&self.analyzer, body, first_position, clauses, &resume_before) {
                Passage::Found(passage) => return Ok(passage),
                Passage::NeedsEarlier if from > 0 => from -= 1,
                Passage::NeedsLater if to < last => to += 1,
                Passage::NeedsEarlier | Passage::NeedsLater => {
                    return Err(Error::Corrupt { detail: format!("{}'s resume points are not in its body", stored.id) })
                }
            }
        }
    }

    /// Document `doc` as stored, its record read from its file.
    fn stored(&self, doc: u32) -> Result<StoredDoc<'a>> {
        let file = self.index.doc_file(doc)?;
        match self.file(file) {
            Some(file) => self.index.record(doc, file),
            None => Err(Error::FilesNeeded { files: vec![self.index.file_name(file)] }),
        }
    }

    /// The document whose id is `id`, from its key in the term dictionary
    /// (whose block, if missing, is wanted).
    fn doc_with_id(&self, id: &str) -> Option<u32> {
        let doc = self.dictionary().get(&id_key(id))?;
        u32::try_from(doc).ok().filter(|&doc| doc < self.index.doc_count())
    }

    /// The index searched.
    pub fn index(&self) -> &Index<'a> {
        &self.index
    }

    /// Searches. Every query string is valid (one with no words finds
    /// nothing); only out-of-range options are an error, and, over a split
    /// index, hits whose document files were not given yet
    /// ([`Error::FilesNeeded`] names them: never a page with hits missing).
    ///
    /// ```
    /// use article_search_core::{Document, Index, IndexBuilder, SearchOptions, Searcher};
    /// let mut builder = IndexBuilder::new();
    /// builder.add(Document { id: "hn".into(), title: "Hà Nội talks".into(), body: "Talks in Hà Nội.".into(), ..Default::default() })?;
    /// let mut bytes = Vec::new();
    /// builder.finish(&mut bytes)?;
    /// let searcher = Searcher::new(Index::open(&bytes)?)?;
    /// let results = searcher.search("ha noi", &SearchOptions::default())?;
    /// assert_eq!(results.hits[0].id, "hn");
    /// assert_eq!(results.hits[0].snippet, "Talks in Hà Nội.");
    /// assert_eq!(results.hits[0].highlights, [[9, 11], [12, 15]]);
    /// # Ok::<(), article_search_core::Error>(())
    /// ```
    pub fn search(&self, input: &str, options: &SearchOptions) -> Result<SearchResults> {
        options.validate()?;
        let query = Query::parse(&self.analyzer, input);
        let mut results = SearchResults { query: input.to_string(), ..SearchResults::default() };
        let filters = FilterSets::new(&self.index, &options.filters);
        if query.is_empty() {
            if filters.is_empty() {
                // Nothing asked yet: the filters there are to choose from.
                results.facets =
                    filters.facets(&self.index, &self.filter_values, &vec![true; self.index.doc_count() as usize]);
            } else {
                self.browse(&filters, options, &mut results)?;
            }
            return Ok(results);
        }
        self.take_wanted();
        let matched = self.matched(&query, input);
        let mut ranked = rank(self.index.doc_count(), &matched.scored, &matched.excluded);
        if !self.filter_values.is_empty() {
            let mut hits = vec![false; self.index.doc_count() as usize];
            ranked.iter().for_each(|r| hits[r.doc as usize] = true);
            results.facets = filters.facets(&self.index, &self.filter_values, &hits);
        }
        if !filters.is_empty() {
            ranked.retain(|r| filters.allows(r.doc));
        }
        results.total = ranked.len();
        results.full_matches = ranked.iter().filter(|r| r.words == matched.every_word()).count();
        let depth = options.offset.saturating_add(options.limit);
        let sorted = match options.sort {
            Sort::Relevance => sort_top(&mut ranked, &matched.scored, self.index.doc_count(), depth),
            Sort::Date | Sort::NewestFirst => {
                let newest_first = options.sort == Sort::NewestFirst;
                // Without the dates file (wanted: no answer this round), any order.
                let dates = self.dates().unwrap_or_default();
                stable_sort_by(&mut ranked, |a, b| {
                    a.tier.cmp(&b.tier).then(by_date(dates, a.doc, b.doc, newest_first)).then(Ranked::order(a, b))
                });
                ranked.len()
            }
        };
        let unknown_word = matched.info.iter().zip(&query.clauses).any(|(info, c)| !info.known && !c.excluded);
        if unknown_word || ranked.first().is_none_or(|best| best.typos > 0) {
            results.suggestion = self.suggestion(input, &query, &matched.info, ranked.is_empty());
        }
        // A split index ranks once it has every list the query reads.
        let wanted = self.take_wanted();
        if !wanted.is_empty() {
            return Err(Error::FilesNeeded { files: wanted });
        }
        let page: Vec<&Ranked> = ranked[..sorted].iter().skip(options.offset).take(options.limit).collect();
        let needed = self.missing_files(page.iter().flat_map(|r| self.hit_files(r, &matched)));
        if !needed.is_empty() {
            return Err(Error::FilesNeeded { files: needed });
        }
        for r in page {
            results.hits.push(self.hit(r, &matched)?);
        }
        Ok(results)
    }

    /// No query, only filters: every article they allow, as sorted (by
    /// relevance, which means nothing here: newest first).
    fn browse(&self, filters: &FilterSets, options: &SearchOptions, results: &mut SearchResults) -> Result<()> {
        let all = vec![true; self.index.doc_count() as usize];
        results.facets = filters.facets(&self.index, &self.filter_values, &all);
        let mut docs: Vec<u32> = (0..self.index.doc_count()).filter(|&d| filters.allows(d)).collect();
        let newest_first = options.sort != Sort::Date;
        let Some(dates) = self.dates() else { return Err(Error::FilesNeeded { files: self.take_wanted() }) };
        stable_sort_by(&mut docs, |&a, &b| by_date(dates, a, b, newest_first).then(a.cmp(&b)));
        (results.total, results.full_matches) = (docs.len(), docs.len());
        let none = Matched::default();
        let page: Vec<Ranked> = docs
            .iter()
            .skip(options.offset)
            .take(options.limit)
            .map(|&doc| Ranked { doc, words: 0, tier: 0, typos: 0, score: 0.0 })
            .collect();
        let needed = self.missing_files(page.iter().flat_map(|listed| self.hit_files(listed, &none)));
        if !needed.is_empty() {
            return Err(Error::FilesNeeded { files: needed });
        }
        for listed in &page {
            results.hits.push(self.hit(listed, &none)?);
        }
        Ok(())
    }

    /// The article with id `id`, with every match of `query` highlighted
    /// (none for an empty query); `None` if no article has that id.
    pub fn article(&self, id: &str, query: &str) -> Result<Option<Article>> {
        self.take_wanted();
        let Some(doc) = self.doc_with_id(id) else {
            let wanted = self.take_wanted();
            return if wanted.is_empty() { Ok(None) } else { Err(Error::FilesNeeded { files: wanted }) };
        };
        let input = query;
        let query = Query::parse(&self.analyzer, input);
        let scored = if query.is_empty() { Vec::new() } else { self.matched(&query, input).scored };
        // Every file it lacks at once: its words' postings, its record.
        let mut wanted = self.take_wanted();
        let parts = self.index.body_part_files(doc)?;
        wanted.extend(self.missing_files(std::iter::once(self.index.doc_file(doc)?).chain(parts)));
        if !wanted.is_empty() {
            return Err(Error::FilesNeeded { files: wanted });
        }
        let stored = self.stored(doc)?;
        let mut positions: Vec<u32> = scored
            .iter()
            .filter_map(|clause| {
                let matches = &clause.matches;
                matches.binary_search_by_key(&doc, |m| m.doc).ok().map(|i| matches[i].positions.decode())
            })
            .flatten()
            .collect();
        sort_by(&mut positions, u32::cmp);
        let is_match = |p: u32| positions.binary_search(&p).is_ok();
        let title = highlight_all(&self.analyzer, stored.title, 0, &is_match);
        let (body, _) = self.body_text(&stored, 0, stored.part_count)?;
        let text = highlight_exact(&self.analyzer, &body, stored.title_len + 1, &is_match);
        Ok(Some(Article {
            id: stored.id.to_string(),
            title: title.text,
            url: stored.url.map(str::to_string),
            date: stored.date.map(str::to_string),
            text: text.text,
            highlights: text.highlights,
            title_highlights: title.highlights,
        }))
    }

    /// Each clause of `query` matched against the index, sorted into its
    /// role: content words and phrases (scored), exclusions. A plain word
    /// that is a stop word plays no part, unless the query has nothing else.
    fn matched(&self, query: &Query, input: &str) -> Matched<'a> {
        let is_stop = |c: &Clause| !c.excluded && c.single_word().is_some_and(is_stop_word);
        let only_stop_words = query.clauses.iter().filter(|c| !c.excluded).all(is_stop);
        let mut matched = Matched::default();
        let mut single_words = Vec::new();
        let mut typo_walks = MAX_TYPO_WORDS;
        for (i, clause) in query.clauses.iter().enumerate() {
            if is_stop(clause) && !only_stop_words {
                matched.info.push(WordInfo { known: true, best_typo: None });
                continue;
            }
            // A word said twice is looked up once, and counts twice (as a
            // repeated query term does in BM25, and for the words beside it)
            // as one word (for "every word"); it is corrected alike.
            let same = |earlier: &Clause| {
                earlier.terms == clause.terms
                    && earlier.excluded == clause.excluded
                    && earlier.quoted == clause.quoted
                    && earlier.prefix == clause.prefix
            };
            if let Some(first) = query.clauses[..i].iter().position(same) {
                matched.info.push(matched.info[first].clone());
                if let Some(earlier) = matched.scored.iter().find(|s| s.clause == first) {
                    let again = Scored { role: earlier.role, matches: earlier.matches.clone(), clause: first };
                    single_words.push(clause.single_word());
                    matched.scored.push(again);
                }
                continue;
            }
            let (matches, info) = self.clause_matches(clause, &mut typo_walks);
            matched.info.push(info);
            if clause.excluded {
                matched.excluded.push(matches);
                continue;
            }
            let role = match clause.single_word() {
                Some(_) => {
                    // The word as typed, without the punctuation around it.
                    let typed = clause
                        .source
                        .as_ref()
                        .map(|range| input[range.clone()].trim_matches(|c: char| !c.is_alphanumeric()));
                    let label = typed.filter(|t| !t.is_empty()).unwrap_or(&clause.terms[0].text).to_string();
                    matched.labels.push(label);
                    Role::Word(matched.labels.len() as u32 - 1)
                }
                None => Role::Phrase,
            };
            single_words.push(clause.single_word());
            matched.scored.push(Scored { role, matches, clause: i });
        }
        let mut lists: Vec<ClauseMatches> = matched.scored.iter_mut().map(|c| std::mem::take(&mut c.matches)).collect();
        self.add_joined_compounds(&single_words, &mut lists);
        for (clause, matches) in matched.scored.iter_mut().zip(lists) {
            clause.matches = matches;
        }
        matched
    }

    /// Builds the hit of a ranked document: stored fields, snippet, highlights.
    fn hit(&self, ranked: &Ranked, matched: &Matched) -> Result<Hit> {
        let stored = self.stored(ranked.doc)?;
        let clauses = ranked.clause_positions(&matched.scored);
        let is_match = |p: u32| clauses.iter().any(|c| c.binary_search(&p).is_ok());
        let title = highlight_all(&self.analyzer, stored.title, 0, &is_match);
        let snippet = self.passage(&stored, &clauses)?;
        Ok(Hit {
            id: stored.id.to_string(),
            title: title.text,
            url: stored.url.map(str::to_string),
            date: stored.date.map(str::to_string),
            score: ranked.score,
            snippet: snippet.text,
            highlights: snippet.highlights,
            title_highlights: title.highlights,
            matched: matched.labels_where(|bit| ranked.words & (1 << bit) != 0),
            missing: matched.labels_where(|bit| ranked.words & (1 << bit) == 0),
        })
    }

    /// The input with each word the dictionary lacks (in any form) replaced
    /// by its nearest, most frequent dictionary word, everything else as the
    /// user wrote it; `None` if nothing changes, or if `verify` and the
    /// corrected query finds nothing either.
    fn suggestion(&self, input: &str, query: &Query, words: &[WordInfo], verify: bool) -> Option<String> {
        let mut corrections: Vec<(std::ops::Range<usize>, &str)> = Vec::new();
        for (clause, info) in query.clauses.iter().zip(words) {
            let (Some(_), Some(source)) = (clause.single_word(), &clause.source) else { continue };
            if clause.excluded || info.known {
                continue;
            }
            if let Some(better) = &info.best_typo {
                corrections.push((source.clone(), better));
            }
        }
        if corrections.is_empty() {
            return None;
        }
        let mut suggestion = String::with_capacity(input.len());
        let mut copied = 0;
        for (range, better) in corrections {
            suggestion.push_str(&input[copied..range.start]);
            suggestion.push_str(better);
            copied = range.end;
        }
        suggestion.push_str(&input[copied..]);
        if verify {
            let corrected = self.matched(&Query::parse(&self.analyzer, &suggestion), &suggestion);
            if rank(self.index.doc_count(), &corrected.scored, &corrected.excluded).is_empty() {
                return None;
            }
        }
        Some(suggestion)
    }
}

/// A query's clauses matched against the index, by role.
#[derive(Debug, Default)]
struct Matched<'a> {
    /// Content words and phrases, in query order (stop words left out).
    scored: Vec<Scored<'a>>,
    /// Excluded clauses: a document with any of them is no hit.
    excluded: Vec<ClauseMatches<'a>>,
    /// Each content word as written in the query, by its [`Role::Word`] bit.
    labels: Vec<String>,
    /// What was learnt about every clause's word, in query order.
    info: Vec<WordInfo>,
}

impl Matched<'_> {
    /// The bits of every content word.
    fn every_word(&self) -> u64 {
        u64::MAX.checked_shr(64 - self.labels.len() as u32).unwrap_or(0)
    }

    /// The labels of the content words whose bit satisfies `keep`.
    fn labels_where(&self, keep: impl Fn(usize) -> bool) -> Vec<String> {
        self.labels.iter().enumerate().filter(|&(bit, _)| keep(bit)).map(|(_, label)| label.clone()).collect()
    }
}

impl std::fmt::Debug for Searcher<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Searcher").field("index", &self.index).finish_non_exhaustive()
    }
}
