//! Dates: when an article was published and which dates it talks about.
//!
//! Everything here is pure `&str -> data`: no I/O, no clock. "Now" is
//! always the publication date the caller passes in.
//!
//! - [`PartialDate`] is a calendar date whose precision is kept: a year, a
//!   month or a day. A month-only date is never widened into a made-up day.
//! - [`parse_published`] reads the publication date fields found in news
//!   archives (ISO 8601, RFC 2822, Reuters-21578, "Oct 25, 2025", Unix
//!   seconds, ...).
//! - [`dateline_date`] reads the date of a wire dateline such as
//!   `GENEVA, May 11 (Reuters) -`, and [`date_from_path`] reads a date from
//!   a file path such as `2025/10/25/slug.txt`.
//! - [`mentioned_dates`] finds the dates an article's text mentions and
//!   resolves relative ones ("next Thursday", "last month") against the
//!   publication date.
//!
//! The module does not guess time zones (a time without an offset is read
//! as UTC), does not read numeric day/month orders that could be either
//! US or European, and does not understand non-English dates.
//!
//! The parts: `published.rs` (metadata fields), `dateline.rs` (datelines
//! and paths), `mentions.rs` (dates in running text and their
//! resolution rules) and [`grammar`], the token grammar of written dates
//! that `query::dates` shares.

use std::fmt;
use std::str::FromStr;

use jiff::civil::Date;

mod dateline;
pub mod grammar;
mod mentions;
mod published;

pub use dateline::{date_from_path, dateline_date};
pub use grammar::is_month_word;
pub(crate) use grammar::lower_in;
pub use mentions::{mentioned_dates, DateMention};
pub use published::{from_unix_seconds, parse_published, Published};

/// How much of a [`PartialDate`] is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Precision {
    /// Only the year is known.
    Year,
    /// The year and the month are known.
    Month,
    /// The full calendar day is known.
    Day,
}

/// A calendar date known to year, month or day precision.
///
/// A day is only present together with a month. Values built with
/// [`PartialDate::new`] or parsed are valid dates with a year from 1 to
/// 9999. The derived order sorts by year, then month, then day, with a
/// missing part first: `2025 < 2025-01 < 2025-01-01`.
///
/// # Example
///
/// ```
/// use newsdex::extract::dates::{PartialDate, Precision};
///
/// let d: PartialDate = "2025-10".parse()?;
/// assert_eq!(d.precision(), Precision::Month);
/// assert_eq!(d.last_day().to_string(), "2025-10-31");
/// assert_eq!(d.to_string(), "2025-10");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PartialDate {
    /// The year, 1 to 9999.
    pub year: i16,
    /// The month, 1 to 12, when known.
    pub month: Option<i8>,
    /// The day of the month, when known (only together with a month).
    pub day: Option<i8>,
}

impl PartialDate {
    /// Builds a checked partial date; `None` when the parts do not form a
    /// real date (month 13, 31 June, 29 February 2025, a day without a
    /// month, a year outside 1..=9999).
    pub fn new(
        year: i16,
        month: Option<i8>,
        day: Option<i8>,
    ) -> Option<PartialDate> {
        if !(1..=9999).contains(&year) {
            return None;
        }
        match (month, day) {
            (None, None) => {}
            (None, Some(_)) => return None,
            (Some(m), None) => {
                Date::new(year, m, 1).ok()?;
            }
            (Some(m), Some(d)) => {
                Date::new(year, m, d).ok()?;
            }
        }
        Some(PartialDate { year, month, day })
    }

    /// The partial date of day precision for a civil date.
    pub fn from_date(date: Date) -> PartialDate {
        PartialDate {
            year: date.year(),
            month: Some(date.month()),
            day: Some(date.day()),
        }
    }

    /// How much of the date is known.
    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            _ => Precision::Year,
        }
    }

    /// The day, when the precision is [`Precision::Day`].
    pub fn to_date(&self) -> Option<Date> {
        Date::new(self.year, self.month?, self.day?).ok()
    }

    /// The first day covered: the day itself, the 1st of the month or
    /// 1 January. Out-of-range fields (only possible when the struct was
    /// built by hand) are clamped.
    pub fn first_day(&self) -> Date {
        let year = self.year.clamp(1, 9999);
        let month = self.month.unwrap_or(1).clamp(1, 12);
        let day = match self.month {
            Some(_) => self.day.unwrap_or(1),
            None => 1,
        };
        clamped_date(year, month, day)
    }

    /// The last day covered: the day itself, the last of the month or
    /// 31 December. Out-of-range fields are clamped as in
    /// [`PartialDate::first_day`].
    pub fn last_day(&self) -> Date {
        let year = self.year.clamp(1, 9999);
        let month = self.month.unwrap_or(12).clamp(1, 12);
        let day = match (self.month, self.day) {
            (Some(_), Some(d)) => d,
            _ => 31,
        };
        clamped_date(year, month, day)
    }

    /// True when `date` lies within the period this date covers.
    pub fn contains(&self, date: Date) -> bool {
        self.first_day() <= date && date <= self.last_day()
    }
}

fn clamped_date(year: i16, month: i8, day: i8) -> Date {
    let first = Date::new(year, month, 1).unwrap_or(Date::MIN);
    let day = day.clamp(1, first.days_in_month());
    Date::new(year, month, day).unwrap_or(first)
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

/// The error of parsing a [`PartialDate`] from a string.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParsePartialDateError {
    input: String,
}

impl fmt::Display for ParsePartialDateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid date '{}' (expected YYYY, YYYY-MM or YYYY-MM-DD)",
            self.input
        )
    }
}

impl std::error::Error for ParsePartialDateError {}

impl FromStr for PartialDate {
    type Err = ParsePartialDateError;

    /// Parses exactly `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    fn from_str(s: &str) -> Result<PartialDate, ParsePartialDateError> {
        let err = || ParsePartialDateError { input: s.to_string() };
        let mut parts = s.split('-');
        let year = parts.next().ok_or_else(err)?;
        let month = parts.next();
        let day = parts.next();
        if parts.next().is_some() {
            return Err(err());
        }
        let digits = |p: &str, n: usize| {
            p.len() == n && p.bytes().all(|b| b.is_ascii_digit())
        };
        if !digits(year, 4)
            || !month.is_none_or(|m| digits(m, 2))
            || !day.is_none_or(|d| digits(d, 2))
        {
            return Err(err());
        }
        let year = year.parse().map_err(|_| err())?;
        let month = month.map(|m| m.parse().map_err(|_| err()));
        let day = day.map(|d| d.parse().map_err(|_| err()));
        PartialDate::new(year, month.transpose()?, day.transpose()?)
            .ok_or_else(err)
    }
}

/// The Monday starting the ISO week of `d`.
pub(crate) fn week_start(d: Date) -> Option<Date> {
    let back = i64::from(d.weekday().to_monday_zero_offset());
    d.checked_sub(jiff::Span::new().days(back)).ok()
}

/// The date `m`/`d` in the year around `anchor` that is closest to it.
pub(crate) fn nearest_day(m: i8, d: i8, anchor: Date) -> Option<Date> {
    let py = anchor.year();
    [py - 1, py, py + 1]
        .into_iter()
        .filter_map(|y| Date::new(y, m, d).ok())
        .min_by_key(|c| {
            c.until(anchor).ok().map_or(i32::MAX, |span| span.get_days().abs())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_date() {
        let d: PartialDate = "2024-02".parse().expect("month");
        assert_eq!(d.precision(), Precision::Month);
        assert_eq!(d.first_day().to_string(), "2024-02-01");
        assert_eq!(d.last_day().to_string(), "2024-02-29");
        let y: PartialDate = "2025".parse().expect("year");
        assert_eq!(
            (y.first_day().to_string(), y.last_day().to_string()),
            ("2025-01-01".to_string(), "2025-12-31".to_string())
        );
        assert!(y < d.max(y) || y == d.max(y));
        assert!(
            "2025".parse::<PartialDate>().expect("y")
                < "2025-01".parse().expect("m")
        );
        for bad in
            ["2025-13", "2025-02-29", "25", "2025-1-01", "2025-10-25-1", "x"]
        {
            assert!(bad.parse::<PartialDate>().is_err(), "{bad}");
        }
        assert_eq!(PartialDate::new(2025, None, Some(3)), None);
        let odd = PartialDate { year: 2025, month: Some(2), day: Some(31) };
        assert_eq!(odd.last_day().to_string(), "2025-02-28");
    }

    #[test]
    fn calendar_helpers() {
        use jiff::civil::date;
        // 2025-10-26 is a Sunday; its ISO week starts on Monday the 20th.
        assert_eq!(week_start(date(2025, 10, 26)), Some(date(2025, 10, 20)));
        assert_eq!(week_start(date(2025, 10, 20)), Some(date(2025, 10, 20)));
        // The nearest 1 January to late December is the next one.
        let dec = date(2025, 12, 28);
        assert_eq!(nearest_day(1, 1, dec), Some(date(2026, 1, 1)));
        assert_eq!(nearest_day(12, 1, dec), Some(date(2025, 12, 1)));
        // 29 February only in a leap year around the anchor.
        let mar = date(2025, 3, 1);
        assert_eq!(nearest_day(2, 29, mar), Some(date(2024, 2, 29)));
    }
}
