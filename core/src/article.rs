//! [`Document`]: one article as the index takes it.

use std::collections::BTreeMap;

/// One article, ready to be indexed: what the build script read from a file
/// (see `load_file`, feature `input`), or what a program puts together itself.
///
/// Only `id`, `title`, `body`, `url` and `date` are required reading for the
/// index; the other fields default to empty, so
/// `Document { id, title, body, ..Default::default() }` stays the short way
/// to make one.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Document {
    /// Stable identifier: the file's path relative to the articles folder,
    /// without its extension, with `/` between folders on every OS
    /// (`news/2024/belousov`).
    pub id: String,
    /// The headline shown in results.
    pub title: String,
    /// Where a hit links: front matter `url`, or an HTML page's own address.
    pub url: Option<String>,
    /// Publication date in ISO 8601: a day (`2024-08-14`) or a date-time
    /// (`2024-08-14T10:00:00+07:00`; without an offset when the source gave
    /// none). A date the build could not read is absent, never guessed.
    pub date: Option<String>,
    /// The text that is searched and from which snippets are cut: plain
    /// text, a blank line between blocks, a line break between list items.
    pub body: String,
    /// Tags, in the order given, without duplicates.
    pub tags: Vec<String>,
    /// Categories (front matter `category` or `categories`).
    pub category: Vec<String>,
    /// Authors (front matter `author` or `authors`).
    pub author: Vec<String>,
    /// Language: the primary subtag of a BCP 47 tag, lowercase (`vi` for
    /// `vi-VN`, `fr` for `fr_FR`).
    pub lang: Option<String>,
    /// Other fields the page declares as filters (HTML
    /// `data-search-filter="series:Defence"`): name to values.
    pub filters: BTreeMap<String, Vec<String>>,
    /// Every other field, to show or to filter on later: front matter fields
    /// beyond the ones above (a single value is a list of one) and HTML
    /// `data-search-meta`: name to values.
    pub meta: BTreeMap<String, Vec<String>>,
}
