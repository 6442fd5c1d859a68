//! Filters (`tags: defence`), facet counts and date order.
//!
//! A filter value is a term of the index (`\u{1}tags\u{1}defence`, see
//! [`format`](crate::index::format)) whose postings are the documents with
//! that value: a filter reads a few postings lists, like a word does, and
//! needs no table of every document's values.
//!
//! Values of one field widen the choice (any of them), fields narrow it
//! (all of them). Facets count, for each value of each field, the hits that
//! have it under every *other* field's filter, so choosing a value never
//! hides the other values of its own field.

use std::collections::BTreeMap;

use crate::index::format::filter_term;
use crate::index::Index;

/// The documents each filtered field allows.
#[derive(Debug, Default)]
pub(super) struct FilterSets {
    /// (field, allowed per document).
    fields: Vec<(String, Vec<bool>)>,
}

impl FilterSets {
    /// The documents `filters` allow in `index`: for each field, those with
    /// any of its values (none for a value the index does not have).
    pub(super) fn new(index: &Index, filters: &[(String, Vec<String>)]) -> Self {
        let doc_count = index.doc_count() as usize;
        let fields = filters
            .iter()
            .map(|(field, values)| {
                let mut allowed = vec![false; doc_count];
                for value in values {
                    for posting in index.term_postings(&filter_term(field, value)).into_iter().flatten() {
                        if let Some(a) = allowed.get_mut(posting.doc as usize) {
                            *a = true;
                        }
                    }
                }
                (field.clone(), allowed)
            })
            .collect();
        FilterSets { fields }
    }

    /// Whether any filter is set.
    pub(super) fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    /// Whether every filter allows `doc`.
    pub(super) fn allows(&self, doc: u32) -> bool {
        self.allows_except(doc, None)
    }

    /// Whether every filter but the one on `field` allows `doc`.
    fn allows_except(&self, doc: u32, field: Option<&str>) -> bool {
        self.fields
            .iter()
            .filter(|(f, _)| Some(f.as_str()) != field)
            .all(|(_, allowed)| allowed.get(doc as usize).copied().unwrap_or(false))
    }

    /// For each field and value of the index, how many of `hits` (the hits
    /// before filtering, as a per-document flag) have that value and pass
    /// the filters of the other fields. Values with no such hit are left out.
    /// `values` are the index's filter values ([`Index::filter_values`]).
    pub(super) fn facets(
        &self,
        index: &Index,
        values: &[(String, String, u64)],
        hits: &[bool],
    ) -> BTreeMap<String, BTreeMap<String, usize>> {
        let mut facets: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
        for (field, value, offset) in values {
            let count = index
                .postings(*offset)
                .into_iter()
                .flatten()
                .filter(|p| hits.get(p.doc as usize).copied().unwrap_or(false))
                .filter(|p| self.allows_except(p.doc, Some(field)))
                .count();
            if count > 0 {
                facets.entry(field.clone()).or_default().insert(value.clone(), count);
            }
        }
        facets
    }
}

/// Orders by date (ISO 8601 sorts as text; `dates` has each document's),
/// newest first if `newest_first`; articles without a date come last either way.
pub(super) fn by_date(dates: &[Option<&str>], a: u32, b: u32, newest_first: bool) -> std::cmp::Ordering {
    let date = |doc: u32| dates.get(doc as usize).copied().flatten();
    match (date(a), date(b)) {
        (Some(x), Some(y)) if newest_first => y.cmp(x),
        (Some(x), Some(y)) => x.cmp(y),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    }
}
