//! The one error type of the engine.
//!
//! Every variant carries the context needed to act on it, and its `Display`
//! text says what to do: a site owner reads these messages in a build log, a
//! developer reads them in the browser console.

use std::fmt;

/// Everything that can go wrong while building, loading or querying an index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// The bytes do not start with the index magic: not an article-search index.
    NotAnIndex,
    /// The index was written by another version of the byte layout.
    FormatVersion {
        /// Version found in the header.
        found: u32,
        /// Version this engine reads.
        expected: u32,
    },
    /// The index was analysed by another version of the text analyzer, so
    /// query terms would no longer match index terms.
    AnalyzerVersion {
        /// Version found in the header.
        found: u32,
        /// Version this engine analyses queries with.
        expected: u32,
    },
    /// The bytes end before the named part of the index does.
    Truncated {
        /// Which part of the index was cut off.
        section: &'static str,
    },
    /// The bytes are damaged: a checksum or a structural check failed.
    Corrupt {
        /// What was found to be wrong.
        detail: String,
    },
    /// The index stems a language that the searcher was given no stemmer
    /// for: the module and its index were not built together.
    MissingStemmer {
        /// The language's code (`fr`).
        lang: String,
    },
    /// An article could not be added to the index.
    Article {
        /// The article's id (its path in the articles folder, without the extension).
        id: String,
        /// Why it was rejected and what to do.
        detail: String,
    },
    /// The index would exceed a limit of the format (4 GiB sections, 2^32 docs).
    TooLarge {
        /// Which limit was hit.
        what: &'static str,
    },
    /// Writing the index failed.
    Io {
        /// The operating system's message.
        detail: String,
    },
    /// A split index's answer needs files (dictionary blocks, postings,
    /// documents' records)
    /// the searcher was not given yet (see
    /// [`Searcher::add_file`](crate::Searcher::add_file)).
    FilesNeeded {
        /// Their names, e.g. `0123456789abcdef.terms`, `….tails`, `….postings`, `….docs`, `….dates`.
        files: Vec<String>,
    },
    /// A search option is out of range.
    InvalidOption {
        /// The option's name as JavaScript spells it.
        name: &'static str,
        /// The accepted range or form.
        expected: String,
    },
}

/// `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::NotAnIndex => {
                write!(f, "not an article-search index (bad magic bytes); rebuild it with `cargo build`")
            }
            Error::FormatVersion { found, expected } => write!(
                f,
                "index format version {found} is not supported (this engine reads version \
                 {expected}); rebuild the index with this version of article-search"
            ),
            Error::AnalyzerVersion { found, expected } => write!(
                f,
                "index was built with analyzer version {found} but this engine analyses queries \
                 with version {expected}; rebuild the index so both sides match"
            ),
            Error::Truncated { section } => {
                write!(f, "index is truncated: the {section} section ends early; rebuild the index")
            }
            Error::Corrupt { detail } => {
                write!(f, "index is corrupt ({detail}); rebuild the index")
            }
            Error::MissingStemmer { lang } => write!(
                f,
                "the index stems the language `{lang}` but this module has no stemmer for it; \
                 build the module with its index (the build script chooses the stemmers)"
            ),
            Error::Article { id, detail } => write!(f, "article `{id}`: {detail}"),
            Error::Io { detail } => write!(f, "cannot write the index: {detail}"),
            Error::TooLarge { what } => write!(f, "index too large: {what}"),
            Error::FilesNeeded { files } => {
                write!(f, "the answer needs index files not loaded yet: {}", files.join(", "))
            }
            Error::InvalidOption { name, expected } => {
                write!(f, "invalid search option `{name}`: expected {expected}")
            }
        }
    }
}

impl std::error::Error for Error {}
