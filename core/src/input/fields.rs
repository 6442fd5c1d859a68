//! [`Fields`]: what a named value (a front matter field, an HTML data
//! attribute or meta tag) becomes in a [`Document`], the same for every
//! format.

use super::date::normalize_date;
use crate::article::Document;

/// Where a field that is not one of the [`Document`]'s own goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FieldKind {
    /// `Document::meta`: shown, or filtered on if the site says so later.
    Meta,
    /// `Document::filters`: declared a filter by the page itself.
    Filter,
}

/// The [`Document`] field a name stands for, any case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    Title,
    Url,
    Date,
    Lang,
    Tags,
    Category,
    Author,
    /// Any other name.
    Other,
}

impl Field {
    pub(crate) fn named(key: &str) -> Field {
        match key.trim().to_ascii_lowercase().as_str() {
            "title" => Field::Title,
            "url" => Field::Url,
            "date" => Field::Date,
            "lang" | "language" => Field::Lang,
            "tags" | "tag" => Field::Tags,
            "category" | "categories" => Field::Category,
            "author" | "authors" => Field::Author,
            _ => Field::Other,
        }
    }

    /// Whether the field holds one value (a list given for it is an error).
    pub(crate) fn is_single(self) -> bool {
        matches!(self, Field::Title | Field::Url | Field::Date | Field::Lang)
    }
}

/// Sets a document's fields from named values, warning about values that
/// cannot be read (a date, a language tag) rather than guessing them.
pub(crate) struct Fields<'a> {
    document: &'a mut Document,
    warnings: &'a mut Vec<String>,
}

impl<'a> Fields<'a> {
    pub(crate) fn new(document: &'a mut Document, warnings: &'a mut Vec<String>) -> Self {
        Fields { document, warnings }
    }

    /// Whether the field named `key` has a value already.
    pub(crate) fn has(&self, key: &str) -> bool {
        let doc = &*self.document;
        match Field::named(key) {
            Field::Title => !doc.title.is_empty(),
            Field::Url => doc.url.is_some(),
            Field::Date => doc.date.is_some(),
            Field::Lang => doc.lang.is_some(),
            Field::Tags => !doc.tags.is_empty(),
            Field::Category => !doc.category.is_empty(),
            Field::Author => !doc.author.is_empty(),
            Field::Other => doc.meta.contains_key(key.trim()) || doc.filters.contains_key(key.trim()),
        }
    }

    /// Gives the field named `key` these values: a single-valued field takes
    /// the first, unless it has one already (the first one given wins); a
    /// list gains the ones it does not have. Empty values are no values.
    pub(crate) fn set(&mut self, key: &str, values: Vec<String>, kind: FieldKind) {
        let mut values = values.into_iter().map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
        let field = Field::named(key);
        if field.is_single() {
            let Some(value) = values.next() else { return };
            if self.has(key) {
                return;
            }
            let doc = &mut *self.document;
            match field {
                Field::Title => doc.title = value,
                Field::Url => doc.url = Some(value),
                Field::Date => match normalize_date(&value) {
                    Some(date) => doc.date = Some(date),
                    None => self.warnings.push(format!(
                        "date `{value}` is not a date the build can read (write it like 2024-08-14 or \
                         2024-08-14T10:00:00+07:00); the article is kept without a date"
                    )),
                },
                Field::Lang => match primary_language(&value) {
                    Some(lang) => doc.lang = Some(lang),
                    None => self.warnings.push(format!(
                        "lang `{value}` is not a language tag (like `en`, `fr` or `vi-VN`); the article is kept \
                         without a language"
                    )),
                },
                _ => unreachable!("single-valued fields are handled above"),
            }
            return;
        }
        let doc = &mut *self.document;
        let list = match (field, kind) {
            (Field::Tags, _) => &mut doc.tags,
            (Field::Category, _) => &mut doc.category,
            (Field::Author, _) => &mut doc.author,
            (_, FieldKind::Meta) => doc.meta.entry(key.trim().to_string()).or_default(),
            (_, FieldKind::Filter) => doc.filters.entry(key.trim().to_string()).or_default(),
        };
        for value in values {
            if !list.contains(&value) {
                list.push(value);
            }
        }
        if list.is_empty() {
            doc.meta.retain(|_, v| !v.is_empty());
            doc.filters.retain(|_, v| !v.is_empty());
        }
    }

    /// Sets the field named `key` only if nothing set it yet: for values a
    /// page states less directly (meta tags, `<html lang>`) than its own
    /// `data-search-*` attributes.
    pub(crate) fn set_default(&mut self, key: &str, values: Vec<String>) {
        if !self.has(key) {
            self.set(key, values, FieldKind::Meta);
        }
    }
}

/// The primary subtag of a BCP 47 language tag, lowercase: `vi` for `vi-VN`,
/// `fr` for `fr_FR` or `FR`; `None` for what is not one (`English`, `e`).
pub fn primary_language(tag: &str) -> Option<String> {
    let primary = tag.trim().split(['-', '_']).next()?;
    ((2..=3).contains(&primary.len()) && primary.chars().all(|c| c.is_ascii_alphabetic()))
        .then(|| primary.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_values_keep_the_first_lists_gather_without_duplicates() {
        let (mut doc, mut warnings) = (Document::default(), Vec::new());
        let mut fields = Fields::new(&mut doc, &mut warnings);
        fields.set("Title", vec![" First ".into()], FieldKind::Meta);
        fields.set("title", vec!["Second".into()], FieldKind::Meta);
        fields.set("tags", vec!["a".into(), "b".into(), "".into()], FieldKind::Meta);
        fields.set("tag", vec!["b".into(), "c".into()], FieldKind::Filter);
        fields.set("authors", vec!["Jane Doe".into()], FieldKind::Meta);
        fields.set_default("author", vec!["Meta Author".into()]);
        fields.set("series", vec!["One".into()], FieldKind::Filter);
        fields.set("image", vec!["/a.png".into()], FieldKind::Meta);
        fields.set("empty", vec![" ".into()], FieldKind::Meta);
        fields.set("lang", vec!["pt-BR".into()], FieldKind::Meta);
        fields.set("date", vec!["14/14/2024".into()], FieldKind::Meta);
        assert_eq!(doc.title, "First");
        assert_eq!(doc.tags, ["a", "b", "c"]);
        assert_eq!(doc.author, ["Jane Doe"]);
        assert_eq!(doc.filters["series"], ["One"]);
        assert_eq!(doc.meta["image"], ["/a.png"]);
        assert!(!doc.meta.contains_key("empty"));
        assert_eq!(doc.lang.as_deref(), Some("pt"));
        assert_eq!(doc.date, None);
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].contains("`14/14/2024`") && warnings[0].contains("kept without a date"));
    }

    #[test]
    fn language_tags() {
        for (tag, lang) in [("vi-VN", Some("vi")), ("FR", Some("fr")), ("en_GB", Some("en")), ("fil", Some("fil"))] {
            assert_eq!(primary_language(tag).as_deref(), lang, "{tag}");
        }
        for tag in ["English", "e", "", "1a", "-vi"] {
            assert_eq!(primary_language(tag), None, "{tag}");
        }
    }
}
