//! Dates as sites write them, to ISO 8601, or to nothing: never a guess.
//!
//! Read: ISO 8601 / RFC 3339 (`2024-08-14`, `2024-08-14T10:00:00+07:00`,
//! `2024-08-14T03:00:00.000Z`, Jekyll's `2024-08-14 10:00:00 +0700`,
//! `2024-08-14 10:00`), RFC 2822 (`Wed, 14 Aug 2024 10:00:00 +0700`), a day
//! with a month name (`14 August 2024`, `August 14, 2024`, `Aug 14 2024`,
//! optionally after a weekday, which must then be right), `2024/08/14`, and a
//! day and month in figures (`20/09/2024`, `09/20/2024`) only when they can
//! be told apart: `09/10/2024` is refused.
//!
//! Written: `2024-08-14` for a day; `2024-08-14T10:00:00+07:00` for a time
//! with an offset; `2024-08-14T10:00:00` for a time given without one
//! (seconds kept, fractions dropped).

use jiff::civil::{Date, Time, Weekday};

/// `value` as an ISO 8601 date or date-time, or `None` when it is not a date
/// in one of the forms above (the caller warns, naming it).
///
/// ```text
/// 14 August 2024                  -> 2024-08-14
/// Wed, 14 Aug 2024 10:00:00 +0700 -> 2024-08-14T10:00:00+07:00
/// 09/10/2024                      -> None (9 October or September 10?)
/// ```
pub(crate) fn normalize_date(value: &str) -> Option<String> {
    let value = value.trim();
    if value.starts_with(|c: char| c.is_ascii_digit()) && value.get(4..5) == Some("-") {
        return iso(value);
    }
    if let Ok(zoned) = jiff::fmt::rfc2822::parse(value) {
        return Some(with_offset(zoned.date(), zoned.time(), zoned.offset().seconds()));
    }
    written_out(value)
}

/// `YYYY-MM-DD`, then optionally `T` or a space, `HH:MM[:SS[.fff]]`, then
/// optionally `Z` or an offset `±HH:MM`, `±HHMM`, `±HH`, after a space or not.
fn iso(value: &str) -> Option<String> {
    let (date, rest) = value.split_at_checked(10)?;
    let date = ymd(date, '-')?;
    if rest.is_empty() {
        return Some(date.to_string());
    }
    let rest = rest.strip_prefix(['T', 't', ' '])?;
    let time_len = rest.find(|c: char| !(c.is_ascii_digit() || c == ':' || c == '.')).unwrap_or(rest.len());
    let (time, offset) = rest.split_at(time_len);
    let time = hms(time)?;
    let offset = offset.trim_start();
    if offset.is_empty() {
        return Some(format!("{date}T{}", time.strftime("%H:%M:%S")));
    }
    let seconds = match offset {
        "Z" | "z" | "UTC" | "GMT" => 0,
        _ => offset_seconds(offset)?,
    };
    Some(with_offset(date, time, seconds))
}

/// `YYYY<sep>MM<sep>DD`, all digits, a real day.
fn ymd(text: &str, sep: char) -> Option<Date> {
    let mut parts = text.split(sep);
    let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || year.len() != 4 || month.len() != 2 || day.len() != 2 {
        return None;
    }
    Date::new(number(year)?, number(month)?, number(day)?).ok()
}

/// `HH:MM`, `HH:MM:SS` or `HH:MM:SS.fff` (the fraction is checked, then dropped).
fn hms(text: &str) -> Option<Time> {
    let (clock, fraction) = match text.split_once('.') {
        Some((clock, fraction)) => (clock, Some(fraction)),
        None => (text, None),
    };
    if fraction.is_some_and(|f| f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    let parts: Vec<&str> = clock.split(':').collect();
    let (hour, minute, second) = match parts[..] {
        [hour, minute] if fraction.is_none() => (hour, minute, "00"),
        [hour, minute, second] => (hour, minute, second),
        _ => return None,
    };
    Time::new(two_digits(hour)?, two_digits(minute)?, two_digits(second)?, 0).ok()
}

/// `±HH:MM`, `±HHMM` or `±HH`, in seconds east of UTC.
fn offset_seconds(text: &str) -> Option<i32> {
    let (sign, digits) = match text.split_at_checked(1)? {
        ("+", digits) => (1, digits),
        ("-", digits) => (-1, digits),
        _ => return None,
    };
    let (hours, minutes) = match digits.len() {
        2 => (digits, "00"),
        4 => digits.split_at(2),
        5 if digits.as_bytes()[2] == b':' => (&digits[..2], &digits[3..]),
        _ => return None,
    };
    let (hours, minutes) = (i32::from(two_digits(hours)?), i32::from(two_digits(minutes)?));
    (hours <= 23 && minutes <= 59).then_some(sign * (hours * 3600 + minutes * 60))
}

fn with_offset(date: Date, time: Time, seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let minutes = seconds.unsigned_abs() / 60;
    format!("{date}T{}{sign}{:02}:{:02}", time.strftime("%H:%M:%S"), minutes / 60, minutes % 60)
}

/// `[Weekday,] 14 August 2024`, `[Weekday,] August 14, 2024`, `2024/08/14`,
/// or an unambiguous `DD/MM/YYYY` / `MM/DD/YYYY`.
fn written_out(value: &str) -> Option<String> {
    let mut words: Vec<&str> = value.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).collect();
    let weekday = words.first().and_then(|w| weekday(w));
    if weekday.is_some() {
        words.remove(0);
    }
    let date = match words[..] {
        [numeric] if numeric.contains('/') => slashed(numeric)?,
        [day, month, year] if month_number(month).is_some() => {
            Date::new(year_number(year)?, month_number(month)?, day_number(day)?).ok()?
        }
        [month, day, year] if month_number(month).is_some() => {
            Date::new(year_number(year)?, month_number(month)?, day_number(day)?).ok()?
        }
        _ => return None,
    };
    // A weekday that does not fit the date means one of them is wrong.
    if weekday.is_some_and(|w| w != date.weekday()) {
        return None;
    }
    Some(date.to_string())
}

/// `2024/08/14`, or a day and a month in figures before a four-digit year,
/// in whichever order is the only possible one.
fn slashed(text: &str) -> Option<Date> {
    if text.get(4..5) == Some("/") {
        return ymd(text, '/');
    }
    let mut parts = text.split('/');
    let (a, b, year) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || year.len() != 4 {
        return None;
    }
    let (a, b, year): (i8, i8, i16) = (small_number(a)?, small_number(b)?, number(year)?);
    let (day, month) = match (a > 12, b > 12) {
        _ if a == b => (a, a),
        (true, false) => (a, b),
        (false, true) => (b, a),
        _ => return None, // `09/10/2024`: 9 October or September 10?
    };
    Date::new(year, month, day).ok()
}

fn number<T: std::str::FromStr>(text: &str) -> Option<T> {
    text.bytes().all(|b| b.is_ascii_digit()).then(|| text.parse().ok()).flatten()
}

fn two_digits(text: &str) -> Option<i8> {
    (text.len() == 2).then(|| number(text)).flatten()
}

/// One or two figures.
fn small_number(text: &str) -> Option<i8> {
    (1..=2).contains(&text.len()).then(|| number(text)).flatten()
}

/// A day of the month in one or two figures, optionally with an English
/// ordinal suffix (`1st`, `14th`).
fn day_number(text: &str) -> Option<i8> {
    let figures = ["st", "nd", "rd", "th"].iter().find_map(|s| text.strip_suffix(s)).unwrap_or(text);
    small_number(figures)
}

fn year_number(text: &str) -> Option<i16> {
    (text.len() == 4).then(|| number(text)).flatten()
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// An English month name, full or cut to at least three letters (`Aug`,
/// `Sept`, `aug.`), any case.
pub(super) fn month_number(word: &str) -> Option<i8> {
    let word = word.trim_end_matches('.').to_lowercase();
    let i = MONTHS.iter().position(|m| word.len() >= 3 && m.starts_with(&word))?;
    i8::try_from(i + 1).ok()
}

/// An English weekday name, full or cut to at least three letters.
pub(super) fn weekday(word: &str) -> Option<Weekday> {
    const DAYS: [(&str, Weekday); 7] = [
        ("monday", Weekday::Monday),
        ("tuesday", Weekday::Tuesday),
        ("wednesday", Weekday::Wednesday),
        ("thursday", Weekday::Thursday),
        ("friday", Weekday::Friday),
        ("saturday", Weekday::Saturday),
        ("sunday", Weekday::Sunday),
    ];
    let word = word.trim_end_matches('.').to_lowercase();
    DAYS.iter().find(|(name, _)| word.len() >= 3 && name.starts_with(&word)).map(|&(_, day)| day)
}

#[cfg(test)]
mod tests {
    use super::normalize_date;

    #[test]
    fn the_common_forms_become_iso_8601() {
        for (written, iso) in [
            ("2024-08-14", "2024-08-14"),
            (" 2024-08-14 ", "2024-08-14"),
            ("2024-08-14T10:00:00+07:00", "2024-08-14T10:00:00+07:00"),
            ("2024-08-14T03:00:00.000Z", "2024-08-14T03:00:00+00:00"),
            ("2024-08-14 10:00:00 +0700", "2024-08-14T10:00:00+07:00"),
            ("2024-08-14 10:00:00 -05:30", "2024-08-14T10:00:00-05:30"),
            ("2024-08-14T10:00+07", "2024-08-14T10:00:00+07:00"),
            ("2024-08-14 10:00", "2024-08-14T10:00:00"),
            ("2024-08-14T10:00:30", "2024-08-14T10:00:30"),
            ("Wed, 14 Aug 2024 10:00:00 +0700", "2024-08-14T10:00:00+07:00"),
            ("14 Aug 2024 10:00:00 GMT", "2024-08-14T10:00:00+00:00"),
            ("14 August 2024", "2024-08-14"),
            ("14th August 2024", "2024-08-14"),
            ("August 14, 2024", "2024-08-14"),
            ("Aug 14 2024", "2024-08-14"),
            ("Sept. 3, 2024", "2024-09-03"),
            ("Wednesday, 14 August 2024", "2024-08-14"),
            ("Friday,  09/20/2024", "2024-09-20"),
            ("26/12/2024", "2024-12-26"),
            ("2024/08/14", "2024-08-14"),
            ("1/1/2024", "2024-01-01"),
            ("2024-02-29", "2024-02-29"),
        ] {
            assert_eq!(normalize_date(written).as_deref(), Some(iso), "{written}");
        }
    }

    #[test]
    fn anything_else_is_refused_not_guessed() {
        for written in [
            "",
            "soon",
            "2024",
            "2024-08",
            "2024-8-14",
            "2023-02-29",
            "2024-13-01",
            "2024-08-14T25:00",
            "2024-08-14T10:00:00+07:00 extra",
            "2024-08-14 10:00 +7",
            "09/10/2024",
            "14/14/2024",
            "14 August 24",
            "Thursday, 14 August 2024",
            "32 August 2024",
            "<b onmouseover=alert(3)>2024</b>",
            "Mon, 14 Aug 2024 10:00:00 +0700",
        ] {
            assert_eq!(normalize_date(written), None, "{written}");
        }
    }
}
