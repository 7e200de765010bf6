//! Publication dates from article metadata: [`parse_published`].
//!
//! Strict formats are read by jiff first (RFC 3339, RFC 2822); anything
//! else goes through the lenient token grammar, which also reads
//! Reuters-21578 stamps, written dates and times, numeric dates and
//! zone abbreviations.

use jiff::civil::{Date, DateTime};
use jiff::tz::Offset;
use jiff::Timestamp;

use super::grammar::{
    adjacent, is_punct, num, scan_date, tokenize, weekday_at, word, Kind,
    Opts, Tok,
};
use super::{PartialDate, Precision};

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
/// A full RFC 3339 or RFC 2822 timestamp is read by jiff's strict
/// parsers; everything else, and any field they refuse, by the lenient
/// token grammar.
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
    strict(s).or_else(|| lenient(s))
}

/// An RFC 3339 timestamp (`2025-10-25T14:05:00+08:00`, `...Z`) or an
/// RFC 2822 one (`Sat, 25 Oct 2025 14:05:00 +0800`), read by jiff: the
/// civil date as written and the instant. `None` for anything else,
/// including a time without an offset and an RFC 2822 zone whose offset
/// the RFC leaves unknown (jiff reads `CET` or `A` as UTC; the lenient
/// grammar gives no instant for them).
fn strict(s: &str) -> Option<Published> {
    let (date, timestamp) = rfc3339(s).or_else(|| rfc2822(s))?;
    let date =
        PartialDate::new(date.year(), Some(date.month()), Some(date.day()))?;
    Some(Published { date, timestamp: Some(timestamp) })
}

fn rfc3339(s: &str) -> Option<(Date, Timestamp)> {
    use jiff::fmt::temporal::{Pieces, PiecesOffset};
    let pieces = Pieces::parse(s).ok()?;
    let offset = match pieces.offset()? {
        PiecesOffset::Zulu => Offset::UTC,
        PiecesOffset::Numeric(n) => n.offset(),
        _ => return None,
    };
    let date = pieces.date();
    let ts = offset.to_timestamp(date.to_datetime(pieces.time()?)).ok()?;
    Some((date, ts))
}

fn rfc2822(s: &str) -> Option<(Date, Timestamp)> {
    const NAMED: &[&str] = &[
        "Z", "UT", "GMT", "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST",
        "PDT",
    ];
    let zone = s.split_whitespace().next_back()?;
    let known = zone.starts_with(['+', '-'])
        || NAMED.iter().any(|z| z.eq_ignore_ascii_case(zone));
    if !known {
        return None;
    }
    let zoned = jiff::fmt::rfc2822::parse(s).ok()?;
    Some((zoned.date(), zoned.timestamp()))
}

/// The token grammar's reading of a trimmed, non-empty field.
fn lenient(s: &str) -> Option<Published> {
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
pub(super) fn compact_date(s: &str) -> Option<PartialDate> {
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

#[cfg(test)]
mod tests {
    use super::*;

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

    /// Checks [`strict`]: `""` when it leaves `input` to the lenient
    /// grammar, else `date|timestamp`; and that the lenient grammar reads
    /// the same.
    #[track_caller]
    fn check_strict(input: &str, expected: &str) {
        let show = |p: Option<Published>| {
            p.map_or(String::new(), |p| match p.timestamp {
                Some(ts) => format!("{}|{ts}", p.date),
                None => p.date.to_string(),
            })
        };
        assert_eq!(show(strict(input)), expected, "input: {input:?}");
        if !expected.is_empty() {
            assert_eq!(show(lenient(input)), expected, "lenient: {input:?}");
        }
    }

    #[test]
    fn strict_formats_with_zones_and_offsets() {
        let utc = "2025-10-25|2025-10-25T06:05:00Z";
        check_strict("2025-10-25T14:05:00+08:00", utc);
        check_strict("2025-10-25t06:05:00z", utc);
        check_strict("2025-10-25 01:05:00-05:00", utc);
        check_strict("2025-10-25T14:05+0800", utc);
        check_strict(
            "2025-10-25T06:05:00.5Z",
            "2025-10-25|2025-10-25T06:05:00.5Z",
        );
        // The date as written, not the UTC one.
        check_strict(
            "2025-10-25T23:30:00-05:00",
            "2025-10-25|2025-10-26T04:30:00Z",
        );
        check_strict("Sat, 25 Oct 2025 14:05:00 +0800", utc);
        check_strict(
            "25 Oct 2025 06:05 GMT",
            "2025-10-25|2025-10-25T06:05:00Z",
        );
        check_strict("Sat, 25 Oct 2025 01:05:00 EST", utc);
        check_strict("Sat, 25 Oct 2025 02:05:00 edt", utc);
        check_strict("Sat, 25 Oct 25 06:05:00 -0000", utc);
    }

    #[test]
    fn what_strict_leaves_to_the_lenient_grammar() {
        // No offset, a date alone, an unknown zone, a weekday that does
        // not match, Reuters-21578, written dates.
        for (input, lenient) in [
            ("2025-10-25T14:05:00", "2025-10-25|2025-10-25T14:05:00Z"),
            ("2025-10-25", "2025-10-25"),
            ("2025-10", "2025-10"),
            ("Sat, 25 Oct 2025 14:05:00 CET", "2025-10-25"),
            ("Sat, 25 Oct 2025 14:05:00 A", "2025-10-25"),
            (
                "Fri, 25 Oct 2025 06:05:00 GMT",
                "2025-10-25|2025-10-25T06:05:00Z",
            ),
            ("26-FEB-1987 15:01:01.79", "1987-02-26|1987-02-26T15:01:01.79Z"),
            ("Tue Mar 4, 2008 9:30am EST", "2008-03-04|2008-03-04T14:30:00Z"),
            ("2025-10-25T14:05:00 GMT+8", "2025-10-25|2025-10-25T06:05:00Z"),
        ] {
            check_strict(input, "");
            check_published(input, lenient);
        }
    }

    #[test]
    fn unix_seconds() {
        let p = from_unix_seconds(0).expect("epoch");
        assert_eq!(p.date.to_string(), "1970-01-01");
        assert!(from_unix_seconds(i64::MAX).is_none());
    }
}
