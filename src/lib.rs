//! The WebAssembly face of article-search: the index that `build.rs` wrote is
//! embedded in the module, and JavaScript calls [`search`] and [`stats`].
//!
//! This file only converts between JavaScript values and the core's types;
//! all text logic is in `article-search-core`.

use std::sync::OnceLock;

use article_search_core::analysis::stem::StemFn;
use article_search_core::{Error, Index, SearchOptions, Searcher, Sort, FORMAT_VERSION};
use js_sys::{Object, Reflect};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// The TypeScript types of what `search`, `article` and `stats` take and
/// return (the generated `article_search.d.ts` carries them).
#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** `[start, end)` in UTF-16 code units: `text.slice(start, end)`. */
export type Range = [number, number];
export interface SearchOptions {
  /** Hits per page, 0 to 100 (default 10; 0 only counts). */
  limit?: number;
  /** Hits to skip, 0 to 10,000 (default 0). */
  offset?: number;
  /** Only articles with, for every field named, one of its values. */
  filters?: Record<string, string | string[]>;
  /** Best match (default), oldest first, or newest first. */
  sort?: "relevance" | "date" | "-date";
}
export interface Hit {
  id: string;
  title: string;
  url?: string;
  /** ISO 8601. */
  date?: string;
  score: number;
  snippet: string;
  highlights: Range[];
  titleHighlights: Range[];
  /** The query's words this article has, as typed. */
  matched: string[];
  /** The query's words it lacks ("Missing: …"); empty for a full match. */
  missing: string[];
}
export interface SearchResults {
  query: string;
  /** Articles with any of the words (and every phrase, no exclusion). */
  total: number;
  /** Of them, those with every word: they come first. */
  fullMatches: number;
  hits: Hit[];
  /** A corrected query ("did you mean"). */
  suggestion?: string;
  /** Per filter field, the hits per value under the other fields' filters. */
  facets: Record<string, Record<string, number>>;
}
export interface Article {
  id: string;
  title: string;
  url?: string;
  date?: string;
  /** The whole text, line breaks kept. */
  text: string;
  highlights: Range[];
  titleHighlights: Range[];
}
/** The options are optional (the generated declaration below names them without `?`). */
export function search(query: string, options?: SearchOptions): SearchResults;
/** The query is optional: without one, nothing is highlighted. */
export function article(id: string, query?: string): Article | undefined;
/** The options are optional. */
export function filesForSearch(query: string, options?: SearchOptions): string[];
/** The query is optional. */
export function filesForArticle(id: string, query?: string): string[];
export interface Stats {
  documents: number;
  terms: number;
  indexBytes: number;
  formatVersion: number;
  /** The split layout: the dictionary's blocks, the words' postings and the articles' text in `files` files, fetched as queries need them. */
  split: boolean;
  files: number;
  memoryBytes: number;
}
"#;

/// The index built from the articles folder at compile time.
static INDEX_BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/index.bin"));

/// The stemmers of the index's languages, chosen by the build script: the
/// module links these and no other.
static STEMMERS: &[(&str, StemFn)] = include!(concat!(env!("OUT_DIR"), "/stemmers.rs"));

/// The searcher over the embedded index, opened (and validated) on first use.
fn searcher() -> Result<&'static Searcher<'static>, JsError> {
    static SEARCHER: OnceLock<Result<Searcher<'static>, Error>> = OnceLock::new();
    SEARCHER
        .get_or_init(|| Index::open(INDEX_BYTES).and_then(|index| Searcher::with_stemmers(index, STEMMERS)))
        .as_ref()
        .map_err(|e| JsError::new(&e.to_string()))
}

/// `search(query, { limit?, offset?, filters?, sort? })`: the best matching articles.
///
/// Returns `{ query, total, hits: [{ id, title, url?, date?, score, snippet,
/// highlights, titleHighlights }] }`, highlight ranges being `[start, end)` in
/// UTF-16 code units (JavaScript string indices). Any query string is valid;
/// a non-string query or a bad option throws an `Error` saying what is expected.
#[wasm_bindgen(unchecked_return_type = "SearchResults")]
pub fn search(
    #[wasm_bindgen(unchecked_param_type = "string")] query: JsValue,
    #[wasm_bindgen(unchecked_param_type = "SearchOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsError> {
    let options = options.unwrap_or(JsValue::UNDEFINED);
    let query = query.as_string().ok_or_else(|| JsError::new("search(query): query must be a string"))?;
    let options = search_options(&options)?;
    let results = searcher()?.search(&query, &options).map_err(thrown)?;
    to_js(&results)
}

/// The error `search` and `article` throw: an `Error` with the message,
/// and, when the answer needs files of a split index not given yet, their
/// names as its `files` (fetch them, give each to `addFile`, call again).
fn thrown(error: Error) -> JsError {
    let files = match &error {
        Error::FilesNeeded { files } => Some(files.iter().map(|f| JsValue::from_str(f)).collect::<js_sys::Array>()),
        _ => None,
    };
    let thrown = JsError::new(&error.to_string());
    if let Some(files) = files {
        // The same Error object (a clone is another handle to it); an Error
        // takes any property, so setting one cannot fail.
        let _ = Reflect::set(&thrown.clone().into(), &JsValue::from_str("files"), &files);
    }
    thrown
}

/// `article(id, query?)`: the whole article with id `id` (for a reader
/// view), every match of `query` highlighted: `{ id, title, url?, date?,
/// text, highlights, titleHighlights }`, or `undefined` for an unknown id.
/// `text` keeps the article's line breaks.
#[wasm_bindgen(unchecked_return_type = "Article | undefined")]
pub fn article(
    #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] query: Option<JsValue>,
) -> Result<JsValue, JsError> {
    let (id, query) = article_args("article", id, query)?;
    match searcher()?.article(&id, &query).map_err(thrown)? {
        Some(article) => to_js(&article),
        None => Ok(JsValue::UNDEFINED),
    }
}

/// The `(id, query?)` of `article` and `filesForArticle`, as strings.
fn article_args(method: &str, id: JsValue, query: Option<JsValue>) -> Result<(String, String), JsError> {
    let query = query.unwrap_or(JsValue::UNDEFINED);
    let id = id.as_string().ok_or_else(|| JsError::new(&format!("{method}(id, query): id must be a string")))?;
    let query = match query.as_string() {
        Some(query) => query,
        None if query.is_undefined() || query.is_null() => String::new(),
        None => return Err(JsError::new(&format!("{method}(id, query): query must be a string"))),
    };
    Ok((id, query))
}

/// `filesForSearch(query, options?)`: the names of the files that
/// `search(query, options)` needs next and were not given yet (a split
/// index: the dictionary blocks of its words, their postings files, then
/// the document files of the hits it would show); `[]` when it can answer. Fetch them from
/// `pkg/files/`, give each to `addFile`, and ask again until `[]`.
#[wasm_bindgen(js_name = filesForSearch)]
pub fn files_for_search(
    #[wasm_bindgen(unchecked_param_type = "string")] query: JsValue,
    #[wasm_bindgen(unchecked_param_type = "SearchOptions")] options: Option<JsValue>,
) -> Result<Vec<String>, JsError> {
    let options = options.unwrap_or(JsValue::UNDEFINED);
    let query = query.as_string().ok_or_else(|| JsError::new("filesForSearch(query): query must be a string"))?;
    let options = search_options(&options)?;
    Ok(searcher()?.files_for_search(&query, &options))
}

/// `filesForArticle(id, query?)`: the names of the files `article(id,
/// query)` needs and were not given yet.
#[wasm_bindgen(js_name = filesForArticle)]
pub fn files_for_article(
    #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] query: Option<JsValue>,
) -> Result<Vec<String>, JsError> {
    let (id, query) = article_args("filesForArticle", id, query)?;
    Ok(searcher()?.files_for_article(&id, &query))
}

/// `addFile(name, bytes)`: gives the engine the file `name` (its bytes as
/// fetched); throws if they are not that file (truncated, damaged, from
/// another build), keeping nothing. The engine keeps it for the page's life.
#[wasm_bindgen(js_name = addFile)]
pub fn add_file(name: String, bytes: Vec<u8>) -> Result<(), JsError> {
    searcher()?.add_owned_file(&name, bytes).map_err(|e| JsError::new(&e.to_string()))
}

/// What `stats()` returns.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Stats {
    documents: u32,
    terms: u32,
    index_bytes: usize,
    format_version: u32,
    /// The split layout: dictionary blocks, postings and the articles' text in `files` files.
    split: bool,
    files: u32,
    /// Size of the module's linear memory: watch it to see that searching
    /// does not leak (it only grows, in 64 KiB pages).
    memory_bytes: usize,
}

/// `stats()`: `{ documents, terms, indexBytes, formatVersion, split, files, memoryBytes }`.
#[wasm_bindgen(unchecked_return_type = "Stats")]
pub fn stats() -> Result<JsValue, JsError> {
    let index = searcher()?.index();
    to_js(&Stats {
        documents: index.doc_count(),
        terms: index.term_count(),
        index_bytes: index.byte_len(),
        format_version: FORMAT_VERSION,
        split: index.is_split(),
        files: index.file_count(),
        memory_bytes: memory_bytes(),
    })
}

fn memory_bytes() -> usize {
    #[cfg(target_arch = "wasm32")]
    return core::arch::wasm32::memory_size(0) * 65536;
    #[cfg(not(target_arch = "wasm32"))]
    return 0;
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(|e| JsError::new(&e.to_string()))
}

/// Reads `{ limit?, offset?, filters?, sort? }`, rejecting unknown keys and
/// malformed values by name.
fn search_options(value: &JsValue) -> Result<SearchOptions, JsError> {
    let mut options = SearchOptions::default();
    if value.is_undefined() || value.is_null() {
        return Ok(options);
    }
    if !value.is_object() {
        return Err(JsError::new("search options must be an object like { limit: 10, offset: 0 }"));
    }
    for key in Object::keys(value.unchecked_ref::<Object>()) {
        let name = key.as_string().unwrap_or_default();
        let given = Reflect::get(value, &key).unwrap_or(JsValue::UNDEFINED);
        if given.is_undefined() {
            continue;
        }
        match name.as_str() {
            "limit" => options.limit = integer(&name, &given)?,
            "offset" => options.offset = integer(&name, &given)?,
            "filters" => options.filters = filters(&given)?,
            "sort" => {
                options.sort = match given.as_string().as_deref() {
                    Some("relevance") => Sort::Relevance,
                    Some("date") => Sort::Date,
                    Some("-date") => Sort::NewestFirst,
                    _ => {
                        return Err(JsError::new(&format!(
                            "invalid search option `sort`: expected \"relevance\", \"date\" or \"-date\", got {}",
                            shown(&given)
                        )))
                    }
                }
            }
            _ => {
                return Err(JsError::new(&format!(
                    "unknown search option `{name}`: the options are `limit`, `offset`, `filters` and `sort`"
                )))
            }
        }
    }
    options.validate().map_err(|e| JsError::new(&e.to_string()))?;
    Ok(options)
}

/// A non-negative integer option.
fn integer(name: &str, given: &JsValue) -> Result<usize, JsError> {
    let number = given.as_f64().filter(|n| n.fract() == 0.0 && *n >= 0.0 && *n <= u32::MAX as f64);
    number.map(|n| n as usize).ok_or_else(|| {
        JsError::new(&format!("invalid search option `{name}`: expected a non-negative integer, got {}", shown(given)))
    })
}

/// `filters: { field: value | [values] }`.
fn filters(given: &JsValue) -> Result<Vec<(String, Vec<String>)>, JsError> {
    let expected = || {
        JsError::new(&format!(
            "invalid search option `filters`: expected an object of strings or arrays of strings, like {{ tags: [\"defence\"] }}, got {}",
            shown(given)
        ))
    };
    if !given.is_object() || js_sys::Array::is_array(given) {
        return Err(expected());
    }
    let mut out = Vec::new();
    for field in Object::keys(given.unchecked_ref::<Object>()) {
        let values = Reflect::get(given, &field).unwrap_or(JsValue::UNDEFINED);
        let values: Vec<String> = if let Some(one) = values.as_string() {
            vec![one]
        } else if js_sys::Array::is_array(&values) {
            js_sys::Array::from(&values).iter().map(|v| v.as_string()).collect::<Option<_>>().ok_or_else(expected)?
        } else {
            return Err(expected());
        };
        out.push((field.as_string().unwrap_or_default(), values));
    }
    Ok(out)
}

fn shown(value: &JsValue) -> String {
    js_sys::JSON::stringify(value).ok().and_then(|s| s.as_string()).unwrap_or_default()
}
