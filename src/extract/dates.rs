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
//! # Resolution rules of [`mentioned_dates`]
//!
//! Month and weekday names count only when they start with a capital
//! letter ("a protest march" and "prices may rise" are not dates). A bare
//! month name ("January") counts only after a cue word such as "in",
//! "since", "until", "early", "mid-" or "end of"; for "May" the cues "by"
//! and "from" do not count (Theresa May). Relative dates need a
//! publication date of day precision; without one, only absolute dates
//! (with a written year) are returned.
//!
//! - "today", "tonight" -> the publication day; "yesterday", "tomorrow".
//! - "last/this/next week" -> the seven days (Monday to Sunday) of that
//!   week, one [`DateMention`] per day, all with the same span.
//! - "last/this/next month", "earlier/later this month" -> a month;
//!   "last/this/next year", "earlier/later this year" -> a year.
//! - "next Thursday", "coming Thursday" -> the first such day after the
//!   publication day; "last Thursday" -> the last one before it.
//! - A plain weekday ("on Friday", "Friday night", "this Friday") is the
//!   publication day itself when the weekdays agree; otherwise the
//!   occurrence within the six days before it, or within the six days
//!   after it when the words before it in the same sentence contain a
//!   future cue ("will", "'ll", "would",
//!   "due", "expected", "scheduled", "plans", ...). "this Thursday"
//!   counts as a future cue.
//! - A day without a year ("Nov 1", "25 October") -> the year among the
//!   publication year and its neighbours that puts the day closest to the
//!   publication day.
//! - A bare month: "since May" and "last May" -> the most recent May (not
//!   after, respectively before, the publication month); "next May" -> the
//!   next one; "this May" -> the publication year. Otherwise ("in
//!   January"): a month up to the publication month is in the
//!   publication year (news mostly reports the past), or the next year when
//!   the sentence before it has a future cue. A later month is in the
//!   publication year when there is a future cue; otherwise in the
//!   previous year when there is a past-tense cue ("was", "had", "said", a
//!   word ending in "-ed", ...) or when it lies more than five months
//!   ahead (the nearer occurrence); else in the publication year.
//!   "May of last year", "March this year" say the year outright.
//! - A four-digit number from 1800 to 2100 is a year unless it looks like
//!   a quantity or a clock time ("2000 people" is still read as a year;
//!   "1830 GMT", "2025%" and "2,025" are not).

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use jiff::civil::{Date, DateTime, Weekday};
use jiff::tz::Offset;
use jiff::Timestamp;

use crate::extract::char_at;

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

/// A publication date as read from an article's metadata.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Published {
    /// The calendar date as written (the local date of the writer when the
    /// field carried an offset), or the UTC date of a Unix time.
    pub date: PartialDate,
    /// The instant, when a valid time of day was given. A time without an
    /// offset or zone is taken as UTC.
    pub timestamp: Option<Timestamp>,
}

/// A date mentioned in article text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DateMention {
    /// Byte offset of the first byte of the phrase.
    pub start: usize,
    /// Byte offset one past the last byte of the phrase.
    pub end: usize,
    /// The date the phrase refers to.
    pub date: PartialDate,
}

/// Reads a publication date field.
///
/// Understands ISO 8601 / RFC 3339 (`2025-10-25`, `2025-10`,
/// `2025-10-25T14:05:00+08:00`, `2025-10-25 14:05:00.123Z`, `20251025`),
/// RFC 2822 (`Sat, 25 Oct 2025 14:05:00 +0800`, `... GMT`, two-digit
/// years), Reuters-21578 (`26-FEB-1987 15:01:01.79`), written dates
/// (`Oct 25, 2025`, `25 October 2025`, `October 2025`), numeric dates whose
/// order is unambiguous (`2025/10/25`, `25/10/2025`, `10/2025`, `25.10.2025`;
/// `10/11/2025` only yields the year), a bare year, and Unix seconds (a
/// string of 9 to 11 digits).
///
/// A readable date followed by an unreadable time (the Reuters-21578
/// `31-MAR-1987 605:12:19.12`) keeps the date without a timestamp.
/// Anything that does not start with a date gives `None`.
///
/// # Example
///
/// ```
/// use newsdex::extract::dates::parse_published;
///
/// let p = parse_published("Sat, 25 Oct 2025 14:05:00 +0800").unwrap();
/// assert_eq!(p.date.to_string(), "2025-10-25");
/// assert_eq!(p.timestamp.unwrap().to_string(), "2025-10-25T06:05:00Z");
/// ```
pub fn parse_published(s: &str) -> Option<Published> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if s.bytes().all(|b| b.is_ascii_digit()) {
        return match s.len() {
            4 => Some(Published {
                date: PartialDate::new(s.parse().ok()?, None, None)?,
                timestamp: None,
            }),
            8 => Some(Published { date: compact_date(s)?, timestamp: None }),
            9..=11 => from_unix_seconds(s.parse().ok()?),
            _ => None,
        };
    }
    let toks = tokenize(s);
    let mut i = 0;
    if let Some((_, _)) = weekday_at(s, &toks, 0, false, true) {
        i = 1;
        if is_punct(s, &toks, i, ',') || is_punct(s, &toks, i, '.') {
            i += 1;
        }
    }
    let opts = Opts { caps: false, iso_month: true, numeric: true };
    let (raw, end) = scan_date(s, &toks, i, opts)?;
    let date = raw.to_partial()?;
    // A lone year must be the whole field ("2025 budget" is no date).
    if date.precision() == Precision::Year
        && raw.numeric_order != Some(true)
        && end < toks.len()
    {
        return None;
    }
    let timestamp =
        date.to_date().and_then(|day| parse_time(s, &toks, end, day));
    Some(Published { date, timestamp })
}

/// The publication date of a Unix time in seconds (UTC); `None` outside
/// the years 1 to 9999.
pub fn from_unix_seconds(seconds: i64) -> Option<Published> {
    let ts = Timestamp::from_second(seconds).ok()?;
    let date = ts.to_zoned(jiff::tz::TimeZone::UTC).date();
    Some(Published { date: PartialDate::from_date(date), timestamp: Some(ts) })
}

/// Reads `YYYYMMDD` with a year from 1900 to 2100.
fn compact_date(s: &str) -> Option<PartialDate> {
    let year: i16 = s.get(0..4)?.parse().ok()?;
    let month: i8 = s.get(4..6)?.parse().ok()?;
    let day: i8 = s.get(6..8)?.parse().ok()?;
    if !(1900..=2100).contains(&year) {
        return None;
    }
    PartialDate::new(year, Some(month), Some(day))
}

/// Reads `[T|,|at] HH:MM[:SS[.fff]] [am|pm] [zone]` from token `i` on and
/// returns the instant; `None` when absent or unreadable.
fn parse_time(
    s: &str,
    toks: &[Tok],
    mut i: usize,
    day: Date,
) -> Option<Timestamp> {
    if let Some(w) = word(s, toks, i) {
        if w.eq_ignore_ascii_case("t") || w.eq_ignore_ascii_case("at") {
            i += 1;
        }
    } else if is_punct(s, toks, i, ',') {
        i += 1;
    }
    let (hour, _) = num(s, toks, i)?;
    if !is_punct(s, toks, i + 1, ':') {
        return None;
    }
    let (minute, mlen) = num(s, toks, i + 2)?;
    i += 3;
    let mut second = 0;
    let mut nanos = 0;
    if is_punct(s, toks, i, ':') {
        let (sec, slen) = num(s, toks, i + 1)?;
        if slen != 2 {
            return None;
        }
        second = sec.min(59);
        i += 2;
        if is_punct(s, toks, i, '.') || is_punct(s, toks, i, ',') {
            let t = toks.get(i + 1)?;
            let frac = &s[t.start..t.end];
            if t.kind != Kind::Num {
                return None;
            }
            let mut n: u32 = 0;
            for k in 0..9 {
                let digit = frac.as_bytes().get(k).map_or(0, |b| *b - b'0');
                n = n * 10 + u32::from(digit);
            }
            nanos = n;
            i += 2;
        }
        // Reuters-21578 glues desk codes to the seconds ("59.13RM",
        // "09.88T C"); the rest of the field is then ignored.
        if word(s, toks, i).is_some()
            && adjacent(toks, i - 1, i)
            && parse_zone(s, toks, i).is_none()
        {
            i = toks.len();
        }
    }
    let mut hour = hour;
    if let Some(w) = word(s, toks, i) {
        let w = w.to_ascii_lowercase();
        if (w == "am" || w == "pm") && (1..=12).contains(&hour) {
            hour = hour % 12 + if w == "pm" { 12 } else { 0 };
            i += 1;
        }
    }
    if hour > 23 || minute > 59 || mlen != 2 {
        return None;
    }
    let offset = parse_zone(s, toks, i)?;
    let dt = DateTime::new(
        day.year(),
        day.month(),
        day.day(),
        i8::try_from(hour).ok()?,
        i8::try_from(minute).ok()?,
        i8::try_from(second).ok()?,
        i32::try_from(nanos).ok()?,
    )
    .ok()?;
    offset.to_timestamp(dt).ok()
}

/// Reads the zone after a time: nothing (UTC), `Z`, `+0800`, `-05:00`,
/// `+08`, `GMT`, `UTC`, `UT` or a North American zone abbreviation.
/// `None` for anything else.
fn parse_zone(s: &str, toks: &[Tok], i: usize) -> Option<Offset> {
    let Some(t) = toks.get(i) else {
        return Some(Offset::UTC);
    };
    if t.kind == Kind::Word {
        let hours = match s[t.start..t.end].to_ascii_lowercase().as_str() {
            "z" | "gmt" | "ut" | "utc" => 0,
            "edt" => -4,
            "est" | "cdt" => -5,
            "cst" | "mdt" => -6,
            "mst" | "pdt" => -7,
            "pst" => -8,
            _ => return None,
        };
        let rest = toks.get(i + 1).map(|t| &s[t.start..t.end]);
        return match rest {
            None | Some("[") | Some("(") => Some(Offset::constant(hours)),
            // "GMT+8" style: the signed offset after it wins.
            Some("+") | Some("-") if hours == 0 => parse_zone(s, toks, i + 1),
            _ => None,
        };
    }
    let sign = match &s[t.start..t.end] {
        "+" => 1,
        "-" => -1,
        "[" => return Some(Offset::UTC),
        _ => return None,
    };
    let (n, len) = num(s, toks, i + 1)?;
    let (hours, minutes) = match len {
        4 => (n / 100, n % 100),
        1 | 2 if is_punct(s, toks, i + 2, ':') => (n, num(s, toks, i + 3)?.0),
        1 | 2 => (n, 0),
        _ => return None,
    };
    if hours > 14 || minutes > 59 {
        return None;
    }
    let secs = i32::try_from(hours * 3600 + minutes * 60).ok()?;
    Offset::from_seconds(sign * secs).ok()
}

/// The date of a wire-service dateline at the start of an article body.
///
/// A dateline is the text before the first dash (`-`, `--`, `–`, `—`)
/// within the first 200 bytes (at most 120 bytes long); it must end with
/// `, <Month> <day>` or `, <day> <Month>` (or be only the date),
/// optionally followed by `, <year>` and by an agency
/// in parentheses (`(Reuters)`) or between slashes (`/PRNewswire/`):
/// `KUALA LUMPUR, Oct 25 (Reuters) -`, `LONDON, June 9, 2025 -`,
/// `BAHIA BLANCA, Argentina, Feb 26 -`. The year is the written one, else
/// `year_hint` (typically from [`date_from_path`]); without either, or when
/// the day does not exist in that year, the result is `None`.
///
/// # Example
///
/// ```
/// use newsdex::extract::dates::dateline_date;
///
/// let d = dateline_date("GENEVA, May 11 (Reuters) - Talks ...", Some(2025));
/// assert_eq!(d.unwrap().to_string(), "2025-05-11");
/// ```
pub fn dateline_date(
    text: &str,
    year_hint: Option<i16>,
) -> Option<PartialDate> {
    let text = text.trim_start();
    let mut limit = text.len().min(200);
    while !text.is_char_boundary(limit) {
        limit -= 1;
    }
    let head = &text[..limit];
    // The first dash that is not inside a word ("WINSTON-SALEM").
    let mut prev = ' ';
    let cut = head.char_indices().find_map(|(k, c)| {
        let dash = c == '-' && prev.is_whitespace();
        let hit = dash || matches!(c, '–' | '—');
        prev = c;
        hit.then_some(k)
    })?;
    let mut line = head[..cut].trim_end();
    if line.len() > 120 || line.contains("\n\n") {
        return None;
    }
    // Strip a trailing agency: "(Reuters)" or "/PRNewswire/".
    if line.ends_with(')') {
        line = line[..line.rfind('(')?].trim_end();
    } else if line.ends_with('/') {
        let inner = &line[..line.len() - 1];
        line = inner[..inner.rfind('/')?].trim_end();
    }
    let toks = tokenize(line);
    let opts = Opts { caps: false, iso_month: false, numeric: false };
    // The date follows the last comma that is followed by a date which
    // runs to the end of the dateline, or is the whole dateline.
    for i in (0..toks.len()).rev() {
        let at = if is_punct(line, &toks, i, ',') {
            i + 1
        } else if i == 0 {
            0
        } else {
            continue;
        };
        let Some((raw, end)) = scan_date(line, &toks, at, opts) else {
            continue;
        };
        if end != toks.len() || raw.day.is_none() {
            continue;
        }
        let year = raw.year.or(year_hint)?;
        return PartialDate::new(year, raw.month, raw.day);
    }
    None
}

/// A date written in a file path: `.../2025/10/25/...` (consecutive
/// directories), `2025-10-25-slug.txt` or `2025_10_25`, `20251025`, or a
/// year/month directory pair `.../2025/10/...`, or a year directory
/// `.../2025/...`. Years must lie from 1900 to 2100. When several dates
/// appear, the most precise wins, and among equals the last one.
///
/// # Example
///
/// ```
/// use newsdex::extract::dates::date_from_path;
///
/// let d = date_from_path("news/2025/10/25/talks.txt").unwrap();
/// assert_eq!(d.to_string(), "2025-10-25");
/// ```
pub fn date_from_path(path: &str) -> Option<PartialDate> {
    let parts: Vec<&str> = path.split(['/', '\\']).collect();
    let all_digits = |p: &str, lens: &[usize]| {
        lens.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit())
    };
    let year_of = |p: &str| -> Option<i16> {
        let y: i16 = p.parse().ok()?;
        (all_digits(p, &[4]) && (1900..=2100).contains(&y)).then_some(y)
    };
    let mut best: Option<PartialDate> = None;
    let mut consider = |d: Option<PartialDate>| {
        if let Some(d) = d {
            if best.is_none_or(|b| d.precision() >= b.precision()) {
                best = Some(d);
            }
        }
    };
    for (k, part) in parts.iter().enumerate() {
        // Directory runs: 2025/10/25 or 2025/10 or 2025.
        if let Some(y) = year_of(part) {
            let month = parts
                .get(k + 1)
                .filter(|p| all_digits(p, &[1, 2]))
                .and_then(|p| p.parse::<i8>().ok());
            let day = parts
                .get(k + 2)
                .filter(|p| all_digits(p, &[1, 2]))
                .and_then(|p| p.parse::<i8>().ok());
            let d = PartialDate::new(y, month, month.and(day))
                .or_else(|| PartialDate::new(y, month, None))
                .or_else(|| PartialDate::new(y, None, None));
            consider(d);
        }
        // Dates inside one name.
        let toks = tokenize(part);
        for (i, t) in toks.iter().enumerate() {
            if t.kind != Kind::Num {
                continue;
            }
            let p = &part[t.start..t.end];
            if p.len() == 8 {
                consider(compact_date(p));
                continue;
            }
            let Some(y) = year_of(p) else { continue };
            let sep = match toks.get(i + 1) {
                Some(t) if t.kind == Kind::Punct => &part[t.start..t.end],
                _ => continue,
            };
            if !matches!(sep, "-" | "_" | ".")
                || !is_punct(
                    part,
                    &toks,
                    i + 3,
                    sep.chars().next().unwrap_or('-'),
                )
            {
                continue;
            }
            let (Some((m, 2)), Some((d, 2))) =
                (num(part, &toks, i + 2), num(part, &toks, i + 4))
            else {
                continue;
            };
            let m = i8::try_from(m).ok();
            let d = i8::try_from(d).ok();
            consider(PartialDate::new(y, m, d));
        }
    }
    best
}

/// Finds the dates mentioned in `text`, in text order.
///
/// `published` anchors relative phrases; it must have day precision for
/// anything relative (weekdays, "yesterday", "next month", a day without
/// a year) to be resolved. The rules are in the module documentation.
/// A week ("next week") yields one mention per day, sharing one span.
///
/// # Example
///
/// ```
/// use newsdex::extract::dates::{mentioned_dates, PartialDate};
///
/// let published: PartialDate = "2025-10-25".parse()?;
/// let text = "The ministers met on Friday and meet again next Thursday.";
/// let found: Vec<String> = mentioned_dates(text, Some(published))
///     .iter()
///     .map(|m| m.date.to_string())
///     .collect();
/// assert_eq!(found, ["2025-10-24", "2025-10-30"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn mentioned_dates(
    text: &str,
    published: Option<PartialDate>,
) -> Vec<DateMention> {
    let anchor = published.and_then(|p| p.to_date());
    let toks = tokenize(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if !may_start_mention(text, toks[i]) {
            i += 1;
            continue;
        }
        match mention_at(text, &toks, i, anchor) {
            Some(hit) => {
                for date in hit.dates {
                    out.push(DateMention {
                        start: toks[i].start,
                        end: toks[hit.end - 1].end,
                        date,
                    });
                }
                i = hit.end;
            }
            None => i += 1,
        }
    }
    out
}

/// Whether a mention can start at `tok`: a number, a capitalised word
/// (month and weekday names must be capitalised in free text), or one of
/// the lower-case words that start relative phrases. Most tokens of news
/// text are none of these and are passed over at once.
fn may_start_mention(s: &str, tok: Tok) -> bool {
    match tok.kind {
        Kind::Num => true,
        Kind::Punct => false,
        Kind::Word => {
            let word = &s[tok.start..tok.end];
            word.starts_with(|c: char| !c.is_lowercase())
                || RELATIVE_STARTS.contains(&word)
        }
    }
}

/// A date phrase found at a token: the dates and the token after it.
struct Hit {
    dates: Vec<PartialDate>,
    end: usize,
}

impl Hit {
    fn one(date: Option<PartialDate>, end: usize) -> Option<Hit> {
        Some(Hit { dates: vec![date?], end })
    }
}

const FREE_TEXT: Opts = Opts { caps: true, iso_month: false, numeric: false };

fn mention_at(
    s: &str,
    toks: &[Tok],
    i: usize,
    anchor: Option<Date>,
) -> Option<Hit> {
    if let Some(pub_day) = anchor {
        if let Some(hit) = relative_at(s, toks, i, pub_day) {
            return Some(hit);
        }
    }
    // "Thursday, Oct 30" is one mention.
    if let Some((_, _)) = weekday_at(s, toks, i, true, false) {
        let j = if is_punct(s, toks, i + 1, ',') { i + 2 } else { i + 1 };
        if let Some((raw, end)) = scan_date(s, toks, j, FREE_TEXT) {
            if raw.day.is_some() {
                if let Some(date) = resolve_raw(raw, anchor) {
                    return Hit::one(Some(date), end);
                }
            }
        }
    }
    if let Some((raw, end)) = scan_date(s, toks, i, FREE_TEXT) {
        match (raw.year, raw.month, raw.day) {
            (Some(_), None, None) => {
                if year_guard(s, toks, i) {
                    return Hit::one(raw.to_partial(), end);
                }
            }
            (None, Some(m), None) => {
                let pub_day = anchor?;
                let cue = month_cue(s, toks, i, m)?;
                // "May of last year", "March this year"
                let k = end
                    + usize::from(
                        lower_cow(s, toks, end).as_deref() == Some("of"),
                    );
                let shift = match lower_cow(s, toks, k).as_deref() {
                    Some("last") => Some(-1),
                    Some("this") => Some(0),
                    Some("next") => Some(1),
                    _ => None,
                };
                if let Some(shift) = shift {
                    if lower_cow(s, toks, k + 1).as_deref() == Some("year") {
                        let date = PartialDate::new(
                            pub_day.year() + shift,
                            Some(m),
                            None,
                        );
                        return Hit::one(date, k + 2);
                    }
                }
                let (future, past) = tense_before(s, toks, i);
                let date = resolve_month(pub_day, m, cue, future, past);
                return Hit::one(date, end);
            }
            _ => {
                if let Some(date) = resolve_raw(raw, anchor) {
                    return Hit::one(Some(date), end);
                }
            }
        }
        return None;
    }
    let pub_day = anchor?;
    let (wd, _) = weekday_at(s, toks, i, true, false)?;
    let (future, _) = tense_before(s, toks, i);
    Hit::one(
        Some(PartialDate::from_date(weekday_near(pub_day, wd, future)?)),
        i + 1,
    )
}

/// The words a relative phrase starts with ("last week", "today"), for
/// [`relative_at`] and the quick test of [`may_start_mention`].
const RELATIVE_STARTS: &[&str] = &[
    "today",
    "tonight",
    "yesterday",
    "tomorrow",
    "earlier",
    "later",
    "last",
    "next",
    "this",
    "coming",
];

/// Relative phrases that need the publication day.
fn relative_at(s: &str, toks: &[Tok], i: usize, pub_day: Date) -> Option<Hit> {
    // Most words tried here are capitalised names: turn them away before
    // lower-casing them (the starts are ASCII).
    let raw = word(s, toks, i)?;
    if raw.is_ascii()
        && !RELATIVE_STARTS.iter().any(|r| r.eq_ignore_ascii_case(raw))
    {
        return None;
    }
    let w = lower_cow(s, toks, i)?;
    if !RELATIVE_STARTS.contains(&&*w) {
        return None;
    }
    let day =
        |d: Option<Date>, end| Hit::one(d.map(PartialDate::from_date), end);
    match &*w {
        "today" | "tonight" => return day(Some(pub_day), i + 1),
        "yesterday" => return day(pub_day.yesterday().ok(), i + 1),
        "tomorrow" => return day(pub_day.tomorrow().ok(), i + 1),
        "earlier" | "later" => {
            if lower_cow(s, toks, i + 1).as_deref() != Some("this") {
                return None;
            }
            let unit = lower_cow(s, toks, i + 2)?;
            return unit_hit(pub_day, &unit, 0, i + 3);
        }
        "last" | "next" | "this" | "coming" => {}
        _ => return None,
    }
    let shift = match &*w {
        "last" => -1,
        "next" | "coming" => 1,
        _ => 0,
    };
    let mut j = i + 1;
    if w == "this" && lower_cow(s, toks, j).as_deref() == Some("coming") {
        j += 1;
    }
    if let Some((wd, _)) = weekday_at(s, toks, j, true, false) {
        let date = match (&*w, j - i) {
            ("this", 1) => weekday_near(pub_day, wd, true),
            ("last", _) => pub_day.nth_weekday(-1, wd).ok(),
            _ => pub_day.nth_weekday(1, wd).ok(),
        };
        return day(date, j + 1);
    }
    if w == "coming" {
        return None;
    }
    if let Some(unit) = lower_cow(s, toks, j) {
        if let Some(hit) = unit_hit(pub_day, &unit, shift, j + 1) {
            return Some(hit);
        }
    }
    // "last May", "next March": a month name with no day after it.
    let (raw, end) = scan_date(s, toks, j, FREE_TEXT)?;
    let m = raw.month?;
    if raw.day.is_some() || raw.year.is_some() {
        return None;
    }
    let cue = match &*w {
        "last" => MonthCue::Last,
        "next" => MonthCue::Next,
        _ => MonthCue::This,
    };
    Hit::one(resolve_month(pub_day, m, cue, false, false), end)
}

/// "week", "month" or "year" shifted by `shift` from the one holding
/// `pub_day`.
fn unit_hit(pub_day: Date, unit: &str, shift: i64, end: usize) -> Option<Hit> {
    let span = match unit {
        "week" => {
            let monday = week_start(pub_day)?
                .checked_add(jiff::Span::new().weeks(shift))
                .ok()?;
            let mut dates = Vec::with_capacity(7);
            for k in 0..7 {
                let d = monday.checked_add(jiff::Span::new().days(k)).ok()?;
                dates.push(PartialDate::from_date(d));
            }
            return Some(Hit { dates, end });
        }
        "month" => jiff::Span::new().months(shift),
        "year" => jiff::Span::new().years(shift),
        _ => return None,
    };
    let d = pub_day.first_of_month().checked_add(span).ok()?;
    let date = if unit == "month" {
        PartialDate::new(d.year(), Some(d.month()), None)
    } else {
        PartialDate::new(d.year(), None, None)
    };
    Hit::one(date, end)
}

/// The Monday starting the ISO week of `d`.
pub(crate) fn week_start(d: Date) -> Option<Date> {
    let back = i64::from(d.weekday().to_monday_zero_offset());
    d.checked_sub(jiff::Span::new().days(back)).ok()
}

/// The weekday `wd` nearest to `pub_day`: the day itself, else within six
/// days in the future (when `future`) or in the past.
fn weekday_near(pub_day: Date, wd: Weekday, future: bool) -> Option<Date> {
    if pub_day.weekday() == wd {
        return Some(pub_day);
    }
    pub_day.nth_weekday(if future { 1 } else { -1 }, wd).ok()
}

/// How a bare month name was introduced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum MonthCue {
    Since,
    Last,
    Next,
    This,
    Plain,
}

fn resolve_month(
    pub_day: Date,
    m: i8,
    cue: MonthCue,
    future: bool,
    past: bool,
) -> Option<PartialDate> {
    let py = pub_day.year();
    let pm = pub_day.month();
    let year = match cue {
        MonthCue::Since => py - i16::from(m > pm),
        MonthCue::Last => py - i16::from(m >= pm),
        MonthCue::Next => py + i16::from(m <= pm),
        MonthCue::This => py,
        MonthCue::Plain => {
            if m <= pm {
                py + i16::from(m < pm && future)
            } else if future {
                py
            } else if past || m - pm > 5 {
                py - 1
            } else {
                py
            }
        }
    };
    PartialDate::new(year, Some(m), None)
}

/// The cue that lets a bare month name count as a date, if any.
fn month_cue(s: &str, toks: &[Tok], i: usize, month: i8) -> Option<MonthCue> {
    let mut j = i.checked_sub(1)?;
    // "mid-October"
    if is_punct(s, toks, j, '-') && adjacent(toks, j, i) {
        j = j.checked_sub(1)?;
    }
    let prev = lower_cow(s, toks, j)?;
    let is_may = month == 5;
    match &*prev {
        "since" => Some(MonthCue::Since),
        "in" | "until" | "till" | "through" | "during" | "early" | "late"
        | "mid" | "before" | "after" | "throughout" => Some(MonthCue::Plain),
        "from" | "by" if !is_may => Some(MonthCue::Plain),
        "of" => {
            let p2 = lower_cow(s, toks, j.checked_sub(1)?)?;
            matches!(&*p2, "end" | "beginning" | "start" | "middle")
                .then_some(MonthCue::Plain)
        }
        _ => None,
    }
}

const FUTURE_CUES: &[&str] = &[
    "will",
    "ll",
    "shall",
    "would",
    "due",
    "expected",
    "expects",
    "scheduled",
    "slated",
    "plans",
    "planned",
    "planning",
    "upcoming",
    "coming",
    "next",
    "tomorrow",
    "intends",
    "aims",
    "hopes",
    "going",
    "set",
];

const PAST_CUES: &[&str] = &[
    "was",
    "were",
    "had",
    "did",
    "ago",
    "last",
    "earlier",
    "previously",
    "yesterday",
    "said",
    "rose",
    "fell",
    "left",
    "took",
    "met",
    "began",
    "came",
    "went",
    "won",
    "lost",
    "held",
    "saw",
    "made",
    "told",
    "gave",
    "grew",
    "sold",
    "bought",
    "paid",
    "spent",
    "became",
];

/// Future and past cues among the (at most 12) words before token `i`
/// in the same sentence.
fn tense_before(s: &str, toks: &[Tok], i: usize) -> (bool, bool) {
    let mut future = false;
    let mut past = false;
    let mut buf = String::new();
    for j in (i.saturating_sub(12)..i).rev() {
        let t = toks[j];
        let text = &s[t.start..t.end];
        if t.kind == Kind::Punct {
            if matches!(text, "." | "!" | "?" | ";" | "\n") {
                break;
            }
            continue;
        }
        if t.kind != Kind::Word {
            continue;
        }
        let w = lower_in(text, &mut buf);
        if w == "set" && lower_cow(s, toks, j + 1).as_deref() != Some("to") {
            continue;
        }
        if FUTURE_CUES.contains(&w) {
            future = true;
        } else if PAST_CUES.contains(&w)
            || (w.len() > 4 && w.ends_with("ed") && !w.ends_with("eed"))
        {
            past = true;
        }
    }
    (future, past)
}

/// Turns a scanned date into a partial date, choosing the year of a
/// yearless day as the one closest to the anchor.
fn resolve_raw(raw: Raw, anchor: Option<Date>) -> Option<PartialDate> {
    if raw.year.is_some() {
        return raw.to_partial();
    }
    let (m, d) = (raw.month?, raw.day?);
    nearest_day(m, d, anchor?).map(PartialDate::from_date)
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

/// Whether the four-digit number at `i` reads as a year rather than a
/// quantity or a clock time.
pub(crate) fn year_guard(s: &str, toks: &[Tok], i: usize) -> bool {
    let Some((y, 4)) = num(s, toks, i) else {
        return false;
    };
    if !(1800..=2100).contains(&y) {
        return false;
    }
    if i > 0 && adjacent(toks, i - 1, i) {
        let p = &s[toks[i - 1].start..toks[i - 1].end];
        if matches!(p, "," | "." | ":" | "$" | "£" | "€" | "#" | "/" | "+")
        {
            return false;
        }
    }
    if let Some(next) = toks.get(i + 1) {
        let text = &s[next.start..next.end];
        if adjacent(toks, i, i + 1) {
            if next.kind == Kind::Word || text == "%" {
                return false;
            }
            if matches!(text, "," | "." | ":")
                && toks.get(i + 2).is_some_and(|t| {
                    t.kind == Kind::Num && adjacent(toks, i + 1, i + 2)
                })
            {
                return false;
            }
        }
        if next.kind == Kind::Word
            && UNITS.contains(&lower_in(text, &mut String::new()))
        {
            return false;
        }
    }
    true
}

/// Words after a number that make it a quantity or clock time.
const UNITS: &[&str] = &[
    "percent", "pct", "per", "gmt", "utc", "est", "edt", "et", "hrs", "hours",
    "hour", "local", "am", "pm", "jst", "bst", "cet", "sgt", "ist", "cest",
    "hkt",
];

// ---------------------------------------------------------------------
// Tokens and the shared date scanner (also used by `crate::query::dates`).
// ---------------------------------------------------------------------

/// The kind of a [`Tok`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A run of alphabetic characters.
    Word,
    /// A run of ASCII digits.
    Num,
    /// One other non-space character, or a newline.
    Punct,
}

/// A token as byte offsets into the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Tok {
    pub(crate) kind: Kind,
    pub(crate) start: usize,
    pub(crate) end: usize,
}

/// The kind of token the character `c` starts, `after` being the offset
/// that follows it; `None` for a space or a line break inside a
/// paragraph (hard-wrapped wire text), which separate tokens. A blank
/// line is a break: punctuation.
fn kind_of(text: &str, after: usize, c: char) -> Option<Kind> {
    Some(if c.is_alphabetic() {
        Kind::Word
    } else if c.is_ascii_digit() {
        Kind::Num
    } else if c == '\n' {
        let rest = &text[after..];
        let blank = rest
            .find(|c: char| !c.is_whitespace() || c == '\n')
            .is_some_and(|k| rest[k..].starts_with('\n'));
        if !blank {
            return None;
        }
        Kind::Punct
    } else if !c.is_whitespace() {
        Kind::Punct
    } else {
        return None;
    })
}

/// Splits text into words, digit runs and single punctuation characters.
/// Spaces and single line breaks are dropped; the first newline of a
/// blank line becomes a punctuation token (a paragraph break).
pub(crate) fn tokenize(text: &str) -> Vec<Tok> {
    // About one token per five bytes of news text: one allocation.
    let mut toks = Vec::with_capacity(text.len() / 5 + 8);
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(c) = char_at(text, at) {
        let start = at;
        at += c.len_utf8();
        let Some(kind) = kind_of(text, at, c) else { continue };
        match kind {
            Kind::Word => loop {
                // ASCII letters byte by byte, other letters as chars.
                while bytes.get(at).is_some_and(u8::is_ascii_alphabetic) {
                    at += 1;
                }
                match char_at(text, at) {
                    Some(d) if !d.is_ascii() && d.is_alphabetic() => {
                        at += d.len_utf8();
                    }
                    _ => break,
                }
            },
            Kind::Num => {
                while bytes.get(at).is_some_and(u8::is_ascii_digit) {
                    at += 1;
                }
            }
            Kind::Punct => {}
        }
        toks.push(Tok { kind, start, end: at });
    }
    toks
}

pub(crate) fn adjacent(toks: &[Tok], a: usize, b: usize) -> bool {
    match (toks.get(a), toks.get(b)) {
        (Some(x), Some(y)) => x.end == y.start,
        _ => false,
    }
}

pub(crate) fn word<'a>(s: &'a str, toks: &[Tok], i: usize) -> Option<&'a str> {
    let t = toks.get(i)?;
    (t.kind == Kind::Word).then(|| &s[t.start..t.end])
}

pub(crate) fn lower_word(s: &str, toks: &[Tok], i: usize) -> Option<String> {
    word(s, toks, i).map(str::to_lowercase)
}

/// [`lower_word`] without allocating when the word is already lower-case
/// ASCII, as most words of running text are.
fn lower_cow<'a>(s: &'a str, toks: &[Tok], i: usize) -> Option<Cow<'a, str>> {
    word(s, toks, i).map(|w| {
        if w.bytes().all(|b| b.is_ascii_lowercase()) {
            Cow::Borrowed(w)
        } else {
            Cow::Owned(w.to_lowercase())
        }
    })
}

/// `w.to_lowercase()`, written into `buf` unless `w` is lower-case ASCII
/// already: one buffer serves a loop of words.
pub(crate) fn lower_in<'b>(w: &'b str, buf: &'b mut String) -> &'b str {
    if !w.is_ascii() {
        *buf = w.to_lowercase();
        return buf;
    }
    if !w.bytes().any(|b| b.is_ascii_uppercase()) {
        return w;
    }
    buf.clear();
    buf.push_str(w);
    buf.make_ascii_lowercase();
    buf
}

/// The value and digit count of a number token (at most 9 digits).
pub(crate) fn num(s: &str, toks: &[Tok], i: usize) -> Option<(u32, usize)> {
    let t = toks.get(i)?;
    let text = &s[t.start..t.end];
    if t.kind != Kind::Num || text.len() > 9 {
        return None;
    }
    Some((text.parse().ok()?, text.len()))
}

pub(crate) fn is_punct(s: &str, toks: &[Tok], i: usize, c: char) -> bool {
    toks.get(i).is_some_and(|t| {
        t.kind == Kind::Punct && s[t.start..t.end].starts_with(c)
    })
}

const MONTHS: &[(&str, i8)] = &[
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
];

const WEEKDAYS: &[(&str, Weekday, bool)] = &[
    ("monday", Weekday::Monday, false),
    ("tuesday", Weekday::Tuesday, false),
    ("wednesday", Weekday::Wednesday, false),
    ("thursday", Weekday::Thursday, false),
    ("friday", Weekday::Friday, false),
    ("saturday", Weekday::Saturday, false),
    ("sunday", Weekday::Sunday, false),
    ("mon", Weekday::Monday, true),
    ("tue", Weekday::Tuesday, true),
    ("tues", Weekday::Tuesday, true),
    ("wed", Weekday::Wednesday, true),
    ("thu", Weekday::Thursday, true),
    ("thur", Weekday::Thursday, true),
    ("thurs", Weekday::Thursday, true),
    ("fri", Weekday::Friday, true),
    ("sat", Weekday::Saturday, true),
    ("sun", Weekday::Sunday, true),
];

fn capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// The month named at token `i` and whether the name is abbreviated. A
/// name glued to a number ("MAY7") is not a month.
pub(crate) fn month_at(
    s: &str,
    toks: &[Tok],
    i: usize,
    caps: bool,
) -> Option<(i8, bool)> {
    let w = word(s, toks, i)?;
    if caps && !capitalised(w) {
        return None;
    }
    // Futures codes and table cells: "MAY7", "SEP15980".
    let glued_num = |a: usize, b: usize| {
        adjacent(toks, a, b)
            && toks[a].kind != Kind::Punct
            && toks[b].kind != Kind::Punct
    };
    if (i > 0 && glued_num(i - 1, i)) || glued_num(i, i + 1) {
        return None;
    }
    let pos = MONTHS.iter().position(|(n, _)| n.eq_ignore_ascii_case(w))?;
    Some((MONTHS[pos].1, pos >= 12))
}

/// The weekday named at token `i` and whether the name is abbreviated
/// (abbreviations only when `abbrev`).
pub(crate) fn weekday_at(
    s: &str,
    toks: &[Tok],
    i: usize,
    caps: bool,
    abbrev: bool,
) -> Option<(Weekday, bool)> {
    let w = word(s, toks, i)?;
    if caps && !capitalised(w) {
        return None;
    }
    WEEKDAYS
        .iter()
        .find(|(n, _, ab)| (abbrev || !ab) && n.eq_ignore_ascii_case(w))
        .map(|&(_, wd, ab)| (wd, ab))
}

/// What a date scanner accepts.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Opts {
    /// Month names must be capitalised.
    pub(crate) caps: bool,
    /// `YYYY-MM` is a month.
    pub(crate) iso_month: bool,
    /// Numeric `d/m/yyyy`, `m/yyyy`, `d.m.yyyy` and two-digit years after
    /// a month name.
    pub(crate) numeric: bool,
}

/// A scanned date whose year may be missing ("Nov 1", "January").
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Raw {
    pub(crate) year: Option<i16>,
    pub(crate) month: Option<i8>,
    pub(crate) day: Option<i8>,
    /// Some(true) for a numeric d/m order that was ambiguous and so only
    /// yielded the year.
    pub(crate) numeric_order: Option<bool>,
}

impl Raw {
    pub(crate) fn to_partial(self) -> Option<PartialDate> {
        PartialDate::new(self.year?, self.month, self.day)
    }
}

/// Scans a date starting at token `i`: ISO (`2025-10-25`), month first
/// (`Oct. 25, 2025`, `October 2025`), day first (`25th of October 2025`,
/// `26-FEB-1987`), numeric (with `opts.numeric`), a bare month name or a
/// bare four-digit year. Returns the date and the token after it.
pub(crate) fn scan_date(
    s: &str,
    toks: &[Tok],
    i: usize,
    opts: Opts,
) -> Option<(Raw, usize)> {
    let found = iso_at(s, toks, i, opts)
        .or_else(|| month_first(s, toks, i, opts))
        .or_else(|| day_first(s, toks, i, opts))
        .or_else(|| opts.numeric.then(|| numeric_at(s, toks, i)).flatten());
    if let Some((raw, end)) = found {
        return valid(raw).map(|r| (r, end));
    }
    if let Some((m, abbr)) = month_at(s, toks, i, opts.caps) {
        let end =
            if abbr && is_punct(s, toks, i + 1, '.') { i + 2 } else { i + 1 };
        let raw = Raw { month: Some(m), ..Raw::default() };
        return Some((raw, end));
    }
    let (y, 4) = num(s, toks, i)? else {
        return None;
    };
    let raw = Raw { year: Some(i16::try_from(y).ok()?), ..Raw::default() };
    Some((raw, i + 1))
}

/// Checks month and day ranges; a yearless 29 February is allowed.
fn valid(raw: Raw) -> Option<Raw> {
    let year = raw.year.unwrap_or(2000);
    if !(1000..=9999).contains(&year) {
        return None;
    }
    PartialDate::new(year, raw.month, raw.day)?;
    Some(raw)
}

fn to_i8(n: u32) -> Option<i8> {
    i8::try_from(n).ok()
}

fn year4(s: &str, toks: &[Tok], i: usize) -> Option<i16> {
    match num(s, toks, i)? {
        (y, 4) => i16::try_from(y).ok(),
        _ => None,
    }
}

/// A day number (1 to 31, at most two digits) that is not part of a
/// larger number such as `11,000`, `3.5` or `10:30`.
fn day_num(s: &str, toks: &[Tok], i: usize) -> Option<i8> {
    let (d, len) = num(s, toks, i)?;
    if len > 2 || !(1..=31).contains(&d) {
        return None;
    }
    let glued = |a: usize, b: usize| {
        adjacent(toks, a, b)
            && (is_punct(s, toks, b, ',')
                || is_punct(s, toks, b, '.')
                || is_punct(s, toks, b, ':'))
            && toks.get(b + 1).is_some_and(|t| t.kind == Kind::Num)
            && adjacent(toks, b, b + 1)
    };
    if glued(i, i + 1) {
        return None;
    }
    if let Some(w) = lower_cow(s, toks, i + 1) {
        if UNITS.contains(&&*w) {
            return None;
        }
    }
    to_i8(d)
}

/// Skips an ordinal suffix glued to a number: `25th`, `1st`.
fn skip_ordinal(s: &str, toks: &[Tok], i: usize) -> usize {
    match lower_cow(s, toks, i).as_deref() {
        Some("st" | "nd" | "rd" | "th") if adjacent(toks, i - 1, i) => i + 1,
        _ => i,
    }
}

fn iso_at(
    s: &str,
    toks: &[Tok],
    i: usize,
    opts: Opts,
) -> Option<(Raw, usize)> {
    let year = year4(s, toks, i)?;
    let sep = if is_punct(s, toks, i + 1, '-') {
        '-'
    } else if is_punct(s, toks, i + 1, '/') {
        '/'
    } else {
        return None;
    };
    let glued = (i..i + 4).all(|k| adjacent(toks, k, k + 1));
    let (m, mlen) = num(s, toks, i + 2)?;
    if !adjacent(toks, i, i + 1) || !adjacent(toks, i + 1, i + 2) || mlen > 2 {
        return None;
    }
    if glued && is_punct(s, toks, i + 3, sep) {
        if let Some((d, dlen)) = num(s, toks, i + 4) {
            if dlen <= 2 {
                let raw = Raw {
                    year: Some(year),
                    month: to_i8(m),
                    day: to_i8(d),
                    numeric_order: None,
                };
                return Some((raw, i + 5));
            }
        }
    }
    if opts.iso_month && mlen == 2 && !is_punct(s, toks, i + 3, sep) {
        let raw = Raw { year: Some(year), month: to_i8(m), ..Raw::default() };
        return Some((raw, i + 3));
    }
    None
}

fn month_first(
    s: &str,
    toks: &[Tok],
    i: usize,
    opts: Opts,
) -> Option<(Raw, usize)> {
    let (m, abbr) = month_at(s, toks, i, opts.caps)?;
    let mut j = i + 1;
    if abbr && is_punct(s, toks, j, '.') {
        j += 1;
    }
    let month = Some(m);
    // "October 2025", "October, 2025", "May of 2025"
    let k = if is_punct(s, toks, j, ',')
        || lower_cow(s, toks, j).as_deref() == Some("of")
    {
        j + 1
    } else {
        j
    };
    if let Some(year) = year4(s, toks, k) {
        let raw = Raw { year: Some(year), month, ..Raw::default() };
        return Some((raw, k + 1));
    }
    let day = day_num(s, toks, j)?;
    let mut k = skip_ordinal(s, toks, j + 1);
    let mut raw = Raw { month, day: Some(day), ..Raw::default() };
    let comma = is_punct(s, toks, k, ',');
    if let Some(year) = year4(s, toks, k + usize::from(comma)) {
        // Not "Oct 25 1530 GMT".
        if !lower_cow(s, toks, k + usize::from(comma) + 1)
            .is_some_and(|w| UNITS.contains(&&*w))
        {
            raw.year = Some(year);
            k += usize::from(comma) + 1;
        }
    }
    Some((raw, k))
}

fn day_first(
    s: &str,
    toks: &[Tok],
    i: usize,
    opts: Opts,
) -> Option<(Raw, usize)> {
    if i > 0 && adjacent(toks, i - 1, i) && toks[i - 1].kind != Kind::Punct {
        return None;
    }
    let day = day_num(s, toks, i)?;
    let mut j = skip_ordinal(s, toks, i + 1);
    let dash = is_punct(s, toks, j, '-') && adjacent(toks, j - 1, j);
    if dash || lower_cow(s, toks, j).as_deref() == Some("of") {
        j += 1;
    }
    let (m, abbr) = month_at(s, toks, j, opts.caps)?;
    j += 1;
    if abbr && is_punct(s, toks, j, '.') {
        j += 1;
    }
    let mut raw = Raw { month: Some(m), day: Some(day), ..Raw::default() };
    let sep = usize::from(
        is_punct(s, toks, j, ',') || (dash && is_punct(s, toks, j, '-')),
    );
    if let Some(year) = year4(s, toks, j + sep) {
        raw.year = Some(year);
        return Some((raw, j + sep + 1));
    }
    if opts.numeric {
        if let Some((y, 2)) = num(s, toks, j + sep) {
            // RFC 2822 two-digit years: 00-49 -> 20xx, 50-99 -> 19xx.
            let y = i16::try_from(y).ok()?;
            raw.year = Some(if y < 50 { 2000 + y } else { 1900 + y });
            return Some((raw, j + sep + 1));
        }
    }
    Some((raw, j))
}

/// `d/m/yyyy` or `m/d/yyyy` when unambiguous (else only the year),
/// `d.m.yyyy`, `m/yyyy`.
fn numeric_at(s: &str, toks: &[Tok], i: usize) -> Option<(Raw, usize)> {
    let (a, alen) = num(s, toks, i)?;
    if alen > 2 || !adjacent(toks, i, i + 1) {
        return None;
    }
    let sep = if is_punct(s, toks, i + 1, '/') {
        '/'
    } else if is_punct(s, toks, i + 1, '.') {
        '.'
    } else {
        return None;
    };
    if sep == '/' {
        if let Some(year) = year4(s, toks, i + 2) {
            let raw =
                Raw { year: Some(year), month: to_i8(a), ..Raw::default() };
            return Some((raw, i + 3));
        }
    }
    let (b, blen) = num(s, toks, i + 2)?;
    if blen > 2 || !is_punct(s, toks, i + 3, sep) {
        return None;
    }
    let year = Some(year4(s, toks, i + 4)?);
    let (day, month) = if sep == '.' || a > 12 {
        (a, b)
    } else if b > 12 || a == b {
        (b, a)
    } else {
        let raw = Raw { year, numeric_order: Some(true), ..Raw::default() };
        return Some((raw, i + 5));
    };
    let raw = Raw {
        year,
        month: to_i8(month),
        day: to_i8(day),
        numeric_order: None,
    };
    Some((raw, i + 5))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Checks the dates [`mentioned_dates`] finds in `text` for an article
    /// published on `pub_date` ("" for none), as `date@phrase` strings.
    #[track_caller]
    fn check(text: &str, pub_date: &str, expected: &[&str]) {
        let published = if pub_date.is_empty() {
            None
        } else {
            Some(pub_date.parse().expect("test publication date"))
        };
        let got: Vec<String> = mentioned_dates(text, published)
            .iter()
            .map(|m| format!("{}@{}", m.date, &text[m.start..m.end]))
            .collect();
        assert_eq!(got, expected, "text: {text:?}");
    }

    const SAT: &str = "2025-10-25";

    /// The tokenizer as first written, char by char: the reference for
    /// the faster one.
    fn tokenize_chars(text: &str) -> Vec<Tok> {
        let mut toks = Vec::new();
        let mut chars = text.char_indices().peekable();
        while let Some((start, c)) = chars.next() {
            let Some(kind) = kind_of(text, start + c.len_utf8(), c) else {
                continue;
            };
            let mut end = start + c.len_utf8();
            if kind != Kind::Punct {
                while let Some(&(j, d)) = chars.peek() {
                    let same = match kind {
                        Kind::Word => d.is_alphabetic(),
                        _ => d.is_ascii_digit(),
                    };
                    if !same {
                        break;
                    }
                    end = j + d.len_utf8();
                    chars.next();
                }
            }
            toks.push(Tok { kind, start, end });
        }
        toks
    }

    #[test]
    fn tokenizer_matches_the_char_by_char_one() {
        let texts = [
            "",
            "On Oct. 30, 2025 the U.S. said 1,200 jobs\nwent.\n\nNext",
            "Ünal Çelik’s 3rd visit — São Paulo\u{a0}2024年10月 ١٢٣ x9y",
            "tail\n  \n\t end\n",
            "ﬁnance ǅx Ⅻ 12½ naïve\r\nCRLF",
        ];
        for text in texts {
            assert_eq!(tokenize(text), tokenize_chars(text), "{text:?}");
        }
    }

    #[test]
    fn lower_in_is_to_lowercase() {
        let mut buf = String::new();
        for w in ["said", "Said", "WILL", "Ünal", "ΣΑΣ"] {
            assert_eq!(lower_in(w, &mut buf), w.to_lowercase());
        }
    }

    #[test]
    fn weekdays() {
        check(
            "The envoys met in Hanoi on Saturday.",
            SAT,
            &["2025-10-25@Saturday"],
        );
        check(
            "The two leaders will meet next Thursday in Busan.",
            SAT,
            &["2025-10-30@next Thursday"],
        );
        check(
            "The minister flew out on Friday night for a long tour.",
            SAT,
            &["2025-10-24@Friday"],
        );
        check("Shares fell sharply on Monday.", SAT, &["2025-10-20@Monday"]);
        check("The panel will rule on Monday.", SAT, &["2025-10-27@Monday"]);
        check(
            "A verdict is due to be delivered on Wednesday.",
            SAT,
            &["2025-10-29@Wednesday"],
        );
        check(
            "He said he would travel on Tuesday.",
            SAT,
            &["2025-10-28@Tuesday"],
        );
        check(
            "They talked last Saturday.",
            SAT,
            &["2025-10-18@last Saturday"],
        );
        check("They talk next Saturday.", SAT, &["2025-11-01@next Saturday"]);
        check(
            "The vote is this coming Sunday.",
            SAT,
            &["2025-10-26@this coming Sunday"],
        );
        check("The vote is this Friday.", SAT, &["2025-10-31@this Friday"]);
        check("Friday's session was calm.", SAT, &["2025-10-24@Friday"]);
        check(
            "Markets rallied on Thursday, Oct. 23.",
            SAT,
            &["2025-10-23@Thursday, Oct. 23"],
        );
        // The future cue belongs to an earlier sentence.
        check(
            "Talks will go on. Officials arrived on Friday.",
            SAT,
            &["2025-10-24@Friday"],
        );
        // No publication day: weekdays cannot be resolved.
        check("They met on Friday.", "", &[]);
        check("They met on Friday.", "2025-10", &[]);
        // Lowercase and abbreviations are not weekdays in running text.
        check("The sun rose; we sat down on the wed grass.", SAT, &[]);
    }

    #[test]
    fn absolute_days() {
        check(
            "The deal was signed on October 25, 2025 in Kuala Lumpur.",
            "",
            &["2025-10-25@October 25, 2025"],
        );
        check("Signed 25 October 2025.", "", &["2025-10-25@25 October 2025"]);
        check("Signed on 2025-10-25 at noon.", "", &["2025-10-25@2025-10-25"]);
        check(
            "Signed on the 3rd of March 2024.",
            "",
            &["2024-03-03@3rd of March 2024"],
        );
        check("Due on Feb. 29, 2024.", "", &["2024-02-29@Feb. 29, 2024"]);
        // 29 February 2025 does not exist; the year alone remains.
        check("Due on Feb 29, 2025.", "", &["2025@2025"]);
        check(
            "Effective Oct. 25 across the bloc.",
            SAT,
            &["2025-10-25@Oct. 25"],
        );
        check(
            "The levies take effect on Nov 1, officials said.",
            SAT,
            &["2025-11-01@Nov 1"],
        );
        check("Tariffs start on Nov 1.", "", &[]);
        check("A holiday on 1 January.", SAT, &["2026-01-01@1 January"]);
    }

    #[test]
    fn year_boundaries() {
        check(
            "Trading halted on Dec 30 after the crash.",
            "2026-01-02",
            &["2025-12-30@Dec 30"],
        );
        check("Markets reopen on Jan 3.", "2025-12-30", &["2026-01-03@Jan 3"]);
        check(
            "Polls open next week.",
            "2025-12-27",
            &[
                "2025-12-29@next week",
                "2025-12-30@next week",
                "2025-12-31@next week",
                "2026-01-01@next week",
                "2026-01-02@next week",
                "2026-01-03@next week",
                "2026-01-04@next week",
            ],
        );
        check(
            "Output slumped last month.",
            "2026-01-05",
            &["2025-12@last month"],
        );
        check(
            "Output will recover next month.",
            "2025-12-05",
            &["2026-01@next month"],
        );
        check("It began last year.", "2026-01-02", &["2025@last year"]);
        check(
            "Prices rose yesterday.",
            "2026-01-01",
            &["2025-12-31@yesterday"],
        );
        check(
            "The session ends tomorrow.",
            "2024-02-28",
            &["2024-02-29@tomorrow"],
        );
        check(
            "The results came last Monday.",
            "2026-01-01",
            &["2025-12-29@last Monday"],
        );
        check(
            "Rates were cut in December.",
            "2026-01-10",
            &["2025-12@December"],
        );
        check(
            "A rate cut is expected in January.",
            "2025-12-10",
            &["2026-01@January"],
        );
    }

    #[test]
    fn leap_years() {
        check("Due on Feb 29.", "2024-03-10", &["2024-02-29@Feb 29"]);
        check("Due on Feb 29.", "2025-03-10", &["2024-02-29@Feb 29"]);
        check(
            "Born on 29 February 2000.",
            "",
            &["2000-02-29@29 February 2000"],
        );
    }

    #[test]
    fn months_and_years() {
        check(
            "Negotiators have met three times since May.",
            SAT,
            &["2025-05@May"],
        );
        check(
            "She has governed since her inauguration in January.",
            SAT,
            &["2025-01@January"],
        );
        check("Exports fell in December.", SAT, &["2024-12@December"]);
        check(
            "The lowest level since May of last year.",
            SAT,
            &["2024-05@May of last year"],
        );
        check(
            "Sales rose in March this year.",
            SAT,
            &["2025-03@March this year"],
        );
        check(
            "Orders showed a 2 pct increase in December.",
            "2025-04-10",
            &["2024-12@December"],
        );
        check("The summit in December.", SAT, &["2025-12@December"]);
        check("Futures: MAY7 1500 UP 4 JUL7 1520 OFF 2", SAT, &[]);
        check("Exports will pick up in December.", SAT, &["2025-12@December"]);
        check(
            "A summit is planned for mid-November.",
            SAT,
            &["2025-11@November"],
        );
        check("Talks resume at the end of March.", SAT, &["2025-03@March"]);
        check("Sales rose last May.", SAT, &["2025-05@last May"]);
        check("Sales rose last October.", SAT, &["2024-10@last October"]);
        check("Sales may rise next March.", SAT, &["2026-03@next March"]);
        check("Sales fell in October 2024.", "", &["2024-10@October 2024"]);
        check("Sales fell in Oct. 2024.", "", &["2024-10@Oct. 2024"]);
        check(
            "The 2025 budget was passed in 2024.",
            "",
            &["2025@2025", "2024@2024"],
        );
        check(
            "Growth slowed earlier this year.",
            SAT,
            &["2025@earlier this year"],
        );
        check("Growth slowed this year.", SAT, &["2025@this year"]);
        check(
            "Growth slowed earlier this month.",
            SAT,
            &["2025-10@earlier this month"],
        );
        check("Stocks rose today.", SAT, &["2025-10-25@today"]);
        check(
            "Prices fell last week.",
            SAT,
            &[
                "2025-10-13@last week",
                "2025-10-14@last week",
                "2025-10-15@last week",
                "2025-10-16@last week",
                "2025-10-17@last week",
                "2025-10-18@last week",
                "2025-10-19@last week",
            ],
        );
        // Without a publication date, bare months are left alone.
        check("Negotiators have met since May.", "", &[]);
    }

    #[test]
    fn false_positives() {
        check("Prices may rise. May be later.", SAT, &[]);
        check("May prices rise?", SAT, &[]);
        check("Protesters began a march; they marched on.", SAT, &[]);
        check("A protest March through the city.", SAT, &[]);
        check("An August institution held its meeting.", SAT, &[]);
        check("The Sun newspaper reported it.", SAT, &[]);
        check("Tariffs of 100 percent.", SAT, &[]);
        check("In May 11,000 people marched.", SAT, &["2025-05@May"]);
        check("Inflation hit 2025% in the model.", SAT, &[]);
        check("The count was 2,025 and at 1830 GMT it ended.", SAT, &[]);
        check("The 1990s were different.", SAT, &[]);
        check("It was backed by May and her cabinet.", SAT, &[]);
        check("She met Theresa May at 10:30.", SAT, &[]);
        check("He left in 3.5 hours.", SAT, &[]);
    }

    /// Checks `parse_published`: "" for `None`, else the date, plus
    /// `|timestamp` when one was read.
    #[track_caller]
    fn check_published(input: &str, expected: &str) {
        let got = match parse_published(input) {
            None => String::new(),
            Some(p) => match p.timestamp {
                Some(ts) => format!("{}|{ts}", p.date),
                None => p.date.to_string(),
            },
        };
        assert_eq!(got, expected, "input: {input:?}");
    }

    #[test]
    fn published() {
        check_published("2025-10-25", "2025-10-25");
        check_published(" 2025-10 ", "2025-10");
        check_published("2025", "2025");
        check_published("20251025", "2025-10-25");
        check_published(
            "2025-10-25T14:05:00+08:00",
            "2025-10-25|2025-10-25T06:05:00Z",
        );
        check_published(
            "2025-10-25T06:05:00Z",
            "2025-10-25|2025-10-25T06:05:00Z",
        );
        check_published(
            "2025-10-25 14:05:00",
            "2025-10-25|2025-10-25T14:05:00Z",
        );
        check_published(
            "2025-10-25T14:05:00.123456-05:00",
            "2025-10-25|2025-10-25T19:05:00.123456Z",
        );
        check_published(
            "2025-10-25T14:05+0530",
            "2025-10-25|2025-10-25T08:35:00Z",
        );
        check_published(
            "Sat, 25 Oct 2025 14:05:00 +0800",
            "2025-10-25|2025-10-25T06:05:00Z",
        );
        check_published(
            "Sat, 25 Oct 2025 06:05:00 GMT",
            "2025-10-25|2025-10-25T06:05:00Z",
        );
        check_published(
            "Sat, 25 Oct 25 06:05:00 EST",
            "2025-10-25|2025-10-25T11:05:00Z",
        );
        check_published(
            "26-FEB-1987 15:01:01.79",
            "1987-02-26|1987-02-26T15:01:01.79Z",
        );
        check_published("31-MAR-1987 605:12:19.12", "1987-03-31");
        check_published(
            "02-APR-1987 10:11:12.34X Y",
            "1987-04-02|1987-04-02T10:11:12.34Z",
        );
        check_published(
            "Tue Mar 4, 2008 9:30am EST",
            "2008-03-04|2008-03-04T14:30:00Z",
        );
        check_published("Oct 25, 2025", "2025-10-25");
        check_published("October 25, 2025", "2025-10-25");
        check_published(
            "October 25, 2025 2:05 PM",
            "2025-10-25|2025-10-25T14:05:00Z",
        );
        check_published("25 October 2025", "2025-10-25");
        check_published("25 Oct 2025", "2025-10-25");
        check_published("Saturday, 25th October 2025", "2025-10-25");
        check_published("2025/10/25", "2025-10-25");
        check_published("25/10/2025", "2025-10-25");
        check_published("10/25/2025", "2025-10-25");
        check_published("10/11/2025", "2025");
        check_published("25.10.2025", "2025-10-25");
        check_published("10/2025", "2025-10");
        check_published("October 2025", "2025-10");
        check_published("1761372300", "2025-10-25|2025-10-25T06:05:00Z");
        check_published("541000000", "1987-02-22|1987-02-22T13:46:40Z");
        check_published("2025-10-25T14:05:00 Mars/Olympus", "2025-10-25");
        check_published("2025-02-30", "");
        check_published("2025 budget", "");
        check_published("yesterday", "");
        check_published("n/a", "");
        check_published("", "");
        check_published("123", "");
        check_published("123456789012", "");
    }

    #[test]
    fn unix_seconds() {
        let p = from_unix_seconds(0).expect("epoch");
        assert_eq!(p.date.to_string(), "1970-01-01");
        assert!(from_unix_seconds(i64::MAX).is_none());
    }

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

    #[track_caller]
    fn check_dateline(text: &str, hint: Option<i16>, expected: &str) {
        let got = dateline_date(text, hint).map(|d| d.to_string());
        assert_eq!(got.as_deref().unwrap_or(""), expected, "text: {text:?}");
    }

    #[test]
    fn datelines() {
        check_dateline("omaha, april 7 - Cattle", Some(1987), "1987-04-07");
        check_dateline("APRIL 7 - Cattle", Some(1987), "1987-04-07");
        check_dateline(
            "WINSTON-SALEM, N.C., Oct 25 - A",
            Some(2025),
            "2025-10-25",
        );
        check_dateline(
            "KUALA LUMPUR, Oct 25 (Reuters) - Talks",
            Some(2025),
            "2025-10-25",
        );
        check_dateline(
            "GENEVA, May 11 - The agency",
            Some(2025),
            "2025-05-11",
        );
        check_dateline("LONDON, June 9, 2025 - Shares", None, "2025-06-09");
        check_dateline(
            "  BAHIA BLANCA, Argentina, Feb 26 - Grain",
            Some(1987),
            "1987-02-26",
        );
        check_dateline("PARIS, 9 June (AFP) — Le", Some(2025), "2025-06-09");
        check_dateline(
            "NEW YORK, Oct. 25, 2025 /PRNewswire/ -- A firm",
            None,
            "2025-10-25",
        );
        check_dateline("GENEVA, May 11 - The agency", None, "");
        check_dateline("WASHINGTON (Reuters) - Lawmakers", Some(2025), "");
        check_dateline(
            "Prices may rise, May 11 analysts say - no",
            Some(2025),
            "",
        );
        check_dateline("ROME, Feb 29 - x", Some(2025), "");
    }

    #[track_caller]
    fn check_path(path: &str, expected: &str) {
        let got = date_from_path(path).map(|d| d.to_string());
        assert_eq!(got.as_deref().unwrap_or(""), expected, "path: {path:?}");
    }

    #[test]
    fn paths() {
        check_path("corpus/2025/10/25/talks.txt", "2025-10-25");
        check_path("corpus/2025/10/talks.txt", "2025-10");
        check_path("corpus/2025/talks.txt", "2025");
        check_path("corpus/2025-10-25-talks.txt", "2025-10-25");
        check_path("corpus\\2025_10_25.json", "2025-10-25");
        check_path("dump/20251025.jsonl", "2025-10-25");
        check_path("2025/notes/2025-10-25-x.txt", "2025-10-25");
        check_path("reut2-000.sgm", "");
        check_path("ids/123456789.txt", "");
        check_path("ids/1234/5678.txt", "");
    }
}
