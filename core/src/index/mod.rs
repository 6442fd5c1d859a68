//! The index: a byte format written at build time and read in place at query time.
//!
//! [`format`] owns the byte layout, [`IndexBuilder`] writes it, [`Index`]
//! borrows and validates it. Nothing outside this module knows the layout.

pub mod format;

mod blocks;
mod builder;
mod fst_nodes;
mod reader;

pub use blocks::{prefix_end, Blocks};
pub use builder::{BuildSummary, IndexBuilder, IndexFile, SPLIT_ABOVE_TEXT_BYTES};
pub use reader::{decode_positions, Index, Posting, Postings, StoredDoc};
