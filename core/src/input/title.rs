//! Titles for articles that do not state one: the first line of the text,
//! a news export's date line skipped, a dateline like `HÀ NỘI —` dropped, a
//! long sentence clipped at a word boundary.

use super::date::{month_number, weekday};

/// Titles longer than this many characters are clipped at a word boundary.
pub(crate) const MAX_TITLE_CHARS: usize = 90;

/// A headline from the text and the line it came from.
pub(crate) fn headline(body: &str) -> Option<(String, &str)> {
    let mut lines = body.lines().map(str::trim).filter(|l| !l.is_empty());
    let line = lines.find(|l| !is_date_line(l))?;
    let text = strip_dateline(line);
    Some((clip_title(text), line))
}

/// A line like `Friday,  09/20/2024` or `26 December 2024`: digits, date
/// separators and calendar words only.
pub(crate) fn is_date_line(line: &str) -> bool {
    // Besides month and weekday names (and their abbreviations, as dates read them).
    const CLOCK: [&str; 4] = ["am", "pm", "gmt", "utc"];
    line.chars().any(|c| c.is_ascii_digit())
        && line.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).all(|w| {
            w.chars().all(|c| c.is_ascii_digit())
                || month_number(w).is_some()
                || weekday(w).is_some()
                || CLOCK.contains(&w.to_lowercase().as_str())
        })
}

/// Drops a news dateline: upper-case place words before a dash (`HÀ NỘI — `).
fn strip_dateline(line: &str) -> &str {
    for dash in [" — ", " – ", " - "] {
        if let Some((place, rest)) = line.split_once(dash) {
            let upper = place.chars().any(char::is_alphabetic)
                && !place.chars().any(char::is_lowercase)
                && place.split_whitespace().count() <= 4;
            if upper && !rest.trim().is_empty() {
                return rest.trim();
            }
        }
    }
    line
}

/// Clips a long first line to a headline at a word boundary, without a
/// dangling small word (`… to attend the`), and ends it with `…`.
fn clip_title(line: &str) -> String {
    let line = line.trim_end_matches(['.', ' ']);
    if line.chars().count() <= MAX_TITLE_CHARS {
        return line.to_string();
    }
    const DANGLING: &[&str] = &[
        "a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to", "with", "its",
        "their", "his", "her",
    ];
    let cut = line.char_indices().nth(MAX_TITLE_CHARS).map_or(line.len(), |(i, _)| i);
    let mut words: Vec<&str> = line[..cut].split_whitespace().collect();
    if !line[cut..].starts_with(char::is_whitespace) {
        words.pop(); // the last word was cut in the middle
    }
    while words.len() > 1 && words.last().is_some_and(|w| DANGLING.contains(&w.to_lowercase().as_str())) {
        words.pop();
    }
    let mut title = words.join(" ");
    title.truncate(title.trim_end_matches([',', ';', ':', '-', '–', '—']).len());
    title.push('…');
    title
}
