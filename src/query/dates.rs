//! Date phrases in a search query: "talks in Kuala Lumpur in October 2025".
//!
//! [`extract_dates`] finds phrases about *when an article was
//! published* ("in October 2025", "since May", "last week", "between May
//! and July 2025") and phrases about *dates an article talks about*
//! ("about 30 October", "mentioning next week"), removes them from the
//! query and returns them as [`DateFilter`]s and [`MentionFilter`]s.
//! [`parse_date_arg`] reads the value of a `--from`/`--to`/
//! `--mentions-date` flag. The caller supplies `today`; nothing here
//! reads a clock. Both read dates with the token grammar of
//! [`crate::extract::dates::grammar`].
//!
//! This module does not build tantivy queries and does not look inside
//! double-quoted phrases (`"may 2025 talks"` stays as typed).
//!
//! # Rules
//!
//! Matching is case-insensitive. A date expression is one of:
//!
//! - a written date: `2025-10-25`, `2025-10`, `25 October 2025`,
//!   `October 25, 2025`, `Oct. 25`, `October 2025`, `October`, `2025`;
//! - a relative phrase: `today`, `yesterday`, `tomorrow`, `this/last/next
//!   week|month|year` (calendar weeks run Monday to Sunday), `the last 30
//!   days`, `past 2 weeks`, `the past month` (rolling: from that long
//!   before `today` up to `today`), `3 days ago`, `last/this/next May`,
//!   `last/next Friday`, `Friday`.
//!
//! Where an expression stands alone (no word before it), only a full date,
//! a month with its year, a day with its month, or a relative phrase
//! counts; a lone month, year or weekday needs a word before it, so "2025
//! budget" and "october talks" are searched as typed. "may" and "march"
//! are dates only after such a word ("what may happen" keeps "may"), and
//! "may" after "from" only when a range follows ("from may to july").
//!
//! A published-date filter is introduced by:
//!
//! | words | filter |
//! |---|---|
//! | `in`, `on`, `during`, `of`, nothing | the whole period |
//! | `since`, `from` | from its first day on |
//! | `after` | from the day after its last day |
//! | `before` | up to the day before its first day |
//! | `until`, `till`, `through` | up to its last day |
//! | `from X to/until/through Y` | X's first to Y's last day |
//! | `between X and Y` | X's first to Y's last day |
//! | `over`, `within`, `for` | only rolling: "over the past week" |
//!
//! In a range, X takes Y's year when it has none ("between May and July
//! 2025"), and the year before that if X would otherwise start after Y
//! ends ("from November to February 2025").
//!
//! A date without a year resolves to its most recent occurrence not after
//! `today` ("since May" on 2025-10-26 is 2025-05-01 on). A mentioned-date
//! filter is introduced by `about`, `mentioning`, `mentions`, `mention`,
//! `mentioned`, `regarding`, `concerning` or `referring to`, and resolves
//! a date without a year to the occurrence nearest to `today`, since
//! articles talk about coming days too ("about 30 October" on 2025-10-26
//! is 2025-10-30).

use jiff::civil::{Date, Weekday};
use jiff::Span;

use crate::extract::dates::grammar::{Opts, Raw, Tokens};
use crate::extract::dates::{nearest_day, week_start, PartialDate};

/// A filter on the publication date. Both bounds are inclusive; `None`
/// leaves that side open.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateFilter {
    /// The first day allowed.
    pub from: Option<Date>,
    /// The last day allowed.
    pub to: Option<Date>,
    /// The query text the filter came from, as typed ("in October 2025").
    pub phrase: String,
}

/// A filter on the dates an article mentions: the article must mention a
/// date lying wholly within `from..=to` (both inclusive). A filter on
/// October 2025 matches the mentions `2025-10-30` and `2025-10`, but not
/// `2025`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MentionFilter {
    /// The first day of the period.
    pub from: Date,
    /// The last day of the period.
    pub to: Date,
    /// The query text the filter came from ("about 30 October").
    pub phrase: String,
}

/// Everything [`extract_dates`] finds in a query.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QueryDates {
    /// The query with all date phrases removed.
    pub text: String,
    /// Filters on the publication date; an article must pass all of them.
    pub published: Vec<DateFilter>,
    /// Filters on mentioned dates; an article must pass all of them.
    pub mentioned: Vec<MentionFilter>,
}

/// Removes date phrases from `query`: returns the remaining text, one
/// publication-date filter per published-date phrase and one mention
/// filter per mentioned-date phrase (all must hold).
///
/// # Example
///
/// ```
/// use jiff::civil::date;
/// use newsdex::query::dates::extract_dates;
///
/// let found = extract_dates(
///     "talks in Kuala Lumpur in October 2025 about 30 October",
///     date(2025, 10, 26),
/// );
/// assert_eq!(found.text, "talks in Kuala Lumpur");
/// let p = &found.published[0];
/// assert_eq!(p.from, Some(date(2025, 10, 1)));
/// assert_eq!(p.to, Some(date(2025, 10, 31)));
/// assert_eq!(p.phrase, "in October 2025");
/// let m = &found.mentioned[0];
/// assert_eq!((m.from, m.to), (date(2025, 10, 30), date(2025, 10, 30)));
/// ```
pub fn extract_dates(query: &str, today: Date) -> QueryDates {
    let scanner = Scanner::new(query, today, false);
    let mut out = QueryDates::default();
    let mut cut = Vec::new();
    for f in scanner.scan() {
        let phrase = query[f.start..f.end].to_string();
        match (f.mentioned, f.from, f.to) {
            (true, Some(from), Some(to)) => {
                out.mentioned.push(MentionFilter { from, to, phrase });
            }
            (false, from, to) => {
                out.published.push(DateFilter { from, to, phrase });
            }
            _ => continue,
        }
        cut.push((f.start, f.end));
    }
    out.text = remove_spans(query, &cut);
    out
}

/// A date flag value that is not one date expression.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "unrecognised date '{0}' (expected e.g. 2025-10-25, 2025-10, 2025, \
     \"May 2025\" or \"last week\")"
)]
pub struct Error(String);

/// Reads a date flag value (`--from`, `--to`) as the inclusive range of
/// days it names: `2025` is the whole year, `2025-05` the month,
/// `2025-10-26` one day; also `May 2025`, `25 May 2025`, `25/10/2025`,
/// `may` (the most recent May), `yesterday`, `last week`, `30 days ago`.
/// A `--from` flag should use the start of the range, `--to` the end.
///
/// # Errors
///
/// When the whole value is not one date expression.
///
/// # Example
///
/// ```
/// use jiff::civil::date;
/// use newsdex::query::dates::parse_date_arg;
///
/// let today = date(2025, 10, 26);
/// let (from, to) = parse_date_arg("2025-05", today)?;
/// assert_eq!((from, to), (date(2025, 5, 1), date(2025, 5, 31)));
/// # Ok::<(), newsdex::query::dates::Error>(())
/// ```
pub fn parse_date_arg(s: &str, today: Date) -> Result<(Date, Date), Error> {
    let err = || Error(s.to_string());
    let scanner = Scanner::new(s, today, true);
    if scanner.toks.is_empty() {
        return Err(err());
    }
    let (expr, end) = scanner.expr(0, Some("in")).ok_or_else(err)?;
    if end != scanner.toks.len() {
        return Err(err());
    }
    scanner.resolve(expr, Resolve::Recent).ok_or_else(err)
}

/// The query without the given byte spans, with spaces collapsed and
/// connectives left dangling at either end ("and", "or", ",") dropped.
fn remove_spans(query: &str, spans: &[(usize, usize)]) -> String {
    let mut kept = String::with_capacity(query.len());
    let mut at = 0;
    for &(start, end) in spans {
        kept.push_str(&query[at..start]);
        kept.push(' ');
        at = end;
    }
    kept.push_str(&query[at..]);
    let mut words: Vec<&str> = kept.split_whitespace().collect();
    let dangling = |w: &str| {
        matches!(w.to_lowercase().as_str(), "and" | "or" | "," | ";" | "&&")
    };
    while words.last().is_some_and(|w| dangling(w)) {
        words.pop();
    }
    while words.first().is_some_and(|w| dangling(w)) {
        words.remove(0);
    }
    if let Some(last) = words.last_mut() {
        *last = last.trim_end_matches([',', ';']);
    }
    words.retain(|w| !w.is_empty());
    words.join(" ")
}

/// A date phrase found in the query.
struct Found {
    start: usize,
    end: usize,
    from: Option<Date>,
    to: Option<Date>,
    mentioned: bool,
}

/// How a date without a year is placed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Resolve {
    /// The most recent occurrence not after today.
    Recent,
    /// The occurrence nearest to today.
    Nearest,
}

/// A date expression before resolution.
#[derive(Clone, Copy, Debug)]
enum Expr {
    /// A written date, maybe without a year.
    Raw(Raw),
    /// A bare weekday.
    Weekday(Weekday),
    /// An already resolved period.
    Range(Date, Date),
}

const MENTION_CUES: &[&str] = &[
    "about",
    "mentioning",
    "mentions",
    "mention",
    "mentioned",
    "regarding",
    "concerning",
    "referring",
];

const PREPS: &[&str] = &[
    "in", "on", "during", "of", "since", "from", "after", "before", "until",
    "till", "through", "between", "over", "within", "for",
];

struct Scanner<'a> {
    toks: Tokens<'a>,
    quoted: Vec<bool>,
    today: Date,
    opts: Opts,
}

impl<'a> Scanner<'a> {
    fn new(q: &'a str, today: Date, numeric: bool) -> Scanner<'a> {
        let toks = Tokens::new(q);
        let mut inside = false;
        let quoted = (0..toks.len())
            .map(|i| {
                if toks.text(i) == Some("\"") {
                    inside = !inside;
                    return true;
                }
                inside
            })
            .collect();
        let opts = Opts { caps: false, iso_month: true, numeric };
        Scanner { toks, quoted, today, opts }
    }

    fn lower(&self, i: usize) -> Option<String> {
        self.toks.lower_word(i)
    }

    fn is(&self, i: usize, w: &str) -> bool {
        self.lower(i).as_deref() == Some(w)
    }

    fn scan(&self) -> Vec<Found> {
        let mut found = Vec::new();
        let mut i = 0;
        while i < self.toks.len() {
            match self.phrase_at(i) {
                Some(f) if !self.quoted[i..f.1].contains(&true) => {
                    let spans = self.toks.span(i).zip(self.toks.span(f.1 - 1));
                    let Some(((start, _), (_, end))) = spans else {
                        break;
                    };
                    found.push(Found {
                        start,
                        end,
                        from: f.0 .0,
                        to: f.0 .1,
                        mentioned: f.2,
                    });
                    i = f.1;
                }
                _ => i += 1,
            }
        }
        found
    }

    /// The filter starting at token `i`: (from, to), the token after it,
    /// and whether it is a mentioned-date filter.
    #[allow(clippy::type_complexity)]
    fn phrase_at(
        &self,
        i: usize,
    ) -> Option<((Option<Date>, Option<Date>), usize, bool)> {
        let w = self.lower(i).unwrap_or_default();
        if MENTION_CUES.contains(&w.as_str()) {
            let j = if w == "referring" {
                if !self.is(i + 1, "to") {
                    return None;
                }
                i + 2
            } else {
                i + 1
            };
            if let Some((expr, end)) = self.expr(j, Some(&w)) {
                let (from, to) = self.resolve(expr, Resolve::Nearest)?;
                return Some(((Some(from), Some(to)), end, true));
            }
        }
        if PREPS.contains(&w.as_str()) {
            if let Some(hit) = self.prep_phrase(i, &w) {
                return Some(hit);
            }
        }
        let (expr, end) = self.expr(i, None)?;
        let (from, to) = self.resolve(expr, Resolve::Recent)?;
        Some(((Some(from), Some(to)), end, false))
    }

    #[allow(clippy::type_complexity)]
    fn prep_phrase(
        &self,
        i: usize,
        prep: &str,
    ) -> Option<((Option<Date>, Option<Date>), usize, bool)> {
        let (x, end) = self.expr(i + 1, Some(prep))?;
        if matches!(prep, "over" | "within" | "for") {
            // Only rolling periods: "over the past week".
            if !self.is(i + 1, "the") && !self.is(i + 1, "past") {
                return None;
            }
        }
        if matches!(prep, "from" | "between") {
            let conn = self.lower(end);
            let joined = match prep {
                "from" => {
                    matches!(
                        conn.as_deref(),
                        Some("to" | "until" | "till" | "through")
                    ) || self.toks.is_punct(end, '-')
                }
                _ => conn.as_deref() == Some("and"),
            };
            if joined {
                if let Some((y, end2)) = self.expr(end + 1, Some("to")) {
                    let (from, to) = self.resolve_pair(x, y)?;
                    return Some(((Some(from), Some(to)), end2, false));
                }
            }
            if prep == "between" || (self.is_may_march(i + 1) && end == i + 2)
            {
                return None;
            }
        }
        let (first, last) = self.resolve(x, Resolve::Recent)?;
        let range = match prep {
            "since" | "from" => (Some(first), None),
            "after" => (Some(last.tomorrow().ok()?), None),
            "before" => (None, Some(first.yesterday().ok()?)),
            "until" | "till" | "through" => (None, Some(last)),
            _ => (Some(first), Some(last)),
        };
        Some((range, end, false))
    }

    fn is_may_march(&self, i: usize) -> bool {
        self.is(i, "may") || self.is(i, "march")
    }

    /// A date expression at token `i`; `cue` is the word before it, if
    /// it introduces a date.
    fn expr(&self, i: usize, cue: Option<&str>) -> Option<(Expr, usize)> {
        if let Some(hit) = self.relative(i) {
            return Some(hit);
        }
        if let Some((raw, end)) = self.toks.scan_date(i, self.opts) {
            if raw.numeric_order.is_some() {
                return None;
            }
            let whole = raw.day.is_some()
                || (raw.year.is_some() && raw.month.is_some());
            if !whole {
                cue?;
                if raw.month.is_none() && !self.toks.year_guard(i) {
                    return None;
                }
            }
            return Some((Expr::Raw(raw), end));
        }
        cue?;
        let (wd, _) = self.toks.weekday_at(i, false, false)?;
        Some((Expr::Weekday(wd), i + 1))
    }

    /// Relative phrases, resolved against today.
    fn relative(&self, i: usize) -> Option<(Expr, usize)> {
        let t = self.today;
        if let Some(hit) = self.ago(i) {
            return Some(hit);
        }
        let w = self.lower(i)?;
        let range =
            |a: Date, b: Date, end: usize| Some((Expr::Range(a, b), end));
        match w.as_str() {
            "today" => return range(t, t, i + 1),
            "yesterday" => {
                let d = t.yesterday().ok()?;
                return range(d, d, i + 1);
            }
            "tomorrow" => {
                let d = t.tomorrow().ok()?;
                return range(d, d, i + 1);
            }
            "the" => {
                let k = self.lower(i + 1)?;
                if k != "last" && k != "past" {
                    return None;
                }
                return self.rolling(i + 2);
            }
            "past" => return self.rolling(i + 1),
            "earlier" | "later" => {
                if !self.is(i + 1, "this") {
                    return None;
                }
                let (a, b) = self.calendar(self.lower(i + 2)?.as_str(), 0)?;
                return range(a, b, i + 3);
            }
            "last" | "this" | "next" => {}
            _ => return None,
        }
        let shift = match w.as_str() {
            "last" => -1,
            "next" => 1,
            _ => 0,
        };
        if let Some(unit) = self.lower(i + 1) {
            if let Some((a, b)) = self.calendar(&unit, shift) {
                return range(a, b, i + 2);
            }
        }
        if w == "last" {
            if let Some(hit) = self.rolling(i + 1) {
                return Some(hit);
            }
        }
        if let Some((wd, _)) = self.toks.weekday_at(i + 1, false, false) {
            let d = match shift {
                0 => nearest_weekday(t, wd)?,
                s => t.nth_weekday(s as i32, wd).ok()?,
            };
            return range(d, d, i + 2);
        }
        // "last may", "next march": a month without day or year.
        let (m, abbr) = self.toks.month_at(i + 1, false)?;
        let end = i + 2 + usize::from(abbr && self.toks.is_punct(i + 2, '.'));
        if self.toks.num(end).is_some() {
            return None;
        }
        if self.is_may_march(i + 1) {
            // "this may help": a verb follows.
            let next = self.lower(end);
            let connective = matches!(
                next.as_deref(),
                None | Some(
                    "and" | "or" | "to" | "until" | "in" | "on" | "about"
                )
            );
            if !connective {
                return None;
            }
        }
        let (ty, tm) = (t.year(), t.month());
        let year = match shift {
            -1 => ty - i16::from(m >= tm),
            1 => ty + i16::from(m <= tm),
            _ => ty,
        };
        let first = Date::new(year, m, 1).ok()?;
        range(first, first.last_of_month(), end)
    }

    /// `N days|weeks|months|years` (or `week|month|year` alone) ending
    /// today.
    fn rolling(&self, i: usize) -> Option<(Expr, usize)> {
        let (n, j) = match self.count(i) {
            Some(n) => (n, i + 1),
            None => (1, i),
        };
        let span = unit_span(self.lower(j)?.as_str(), n)?;
        let from = self.today.checked_sub(span).ok()?;
        Some((Expr::Range(from, self.today), j + 1))
    }

    /// `N days|weeks|months|years ago`, `a week ago`.
    fn ago(&self, i: usize) -> Option<(Expr, usize)> {
        let n = match self.lower(i).as_deref() {
            Some("a" | "an") => 1,
            _ => self.count(i)?,
        };
        if !self.is(i + 2, "ago") {
            return None;
        }
        let span = unit_span(self.lower(i + 1)?.as_str(), n)?;
        let d = self.today.checked_sub(span).ok()?;
        Some((Expr::Range(d, d), i + 3))
    }

    /// A small count: digits or a number word up to twelve.
    fn count(&self, i: usize) -> Option<i64> {
        if let Some((n, len)) = self.toks.num(i) {
            return (len <= 4).then_some(i64::from(n));
        }
        const WORDS: &[&str] = &[
            "one", "two", "three", "four", "five", "six", "seven", "eight",
            "nine", "ten", "eleven", "twelve",
        ];
        let w = self.lower(i)?;
        let pos = WORDS.iter().position(|x| *x == w)?;
        i64::try_from(pos + 1).ok()
    }

    /// The calendar week, month or year holding today, shifted.
    fn calendar(&self, unit: &str, shift: i64) -> Option<(Date, Date)> {
        let t = self.today;
        match unit {
            "week" => {
                let monday = week_start(t)?
                    .checked_add(Span::new().weeks(shift))
                    .ok()?;
                let sunday = monday.checked_add(Span::new().days(6)).ok()?;
                Some((monday, sunday))
            }
            "month" => {
                let first = t
                    .first_of_month()
                    .checked_add(Span::new().months(shift))
                    .ok()?;
                Some((first, first.last_of_month()))
            }
            "year" => {
                let first = t
                    .first_of_year()
                    .checked_add(Span::new().years(shift))
                    .ok()?;
                Some((first, first.last_of_year()))
            }
            _ => None,
        }
    }

    fn resolve(&self, expr: Expr, how: Resolve) -> Option<(Date, Date)> {
        let t = self.today;
        match expr {
            Expr::Range(a, b) => Some((a, b)),
            Expr::Weekday(wd) => {
                let d = match how {
                    Resolve::Recent if t.weekday() == wd => t,
                    Resolve::Recent => t.nth_weekday(-1, wd).ok()?,
                    Resolve::Nearest => nearest_weekday(t, wd)?,
                };
                Some((d, d))
            }
            Expr::Raw(raw) => {
                if let Some(p) = raw.to_partial() {
                    return Some((p.first_day(), p.last_day()));
                }
                let m = raw.month?;
                let (ty, tm) = (t.year(), t.month());
                let p = match (raw.day, how) {
                    (Some(d), Resolve::Nearest) => {
                        PartialDate::from_date(nearest_day(m, d, t)?)
                    }
                    (Some(d), Resolve::Recent) => {
                        let day = (0..8)
                            .filter_map(|k| Date::new(ty - k, m, d).ok())
                            .find(|c| *c <= t)?;
                        PartialDate::from_date(day)
                    }
                    (None, Resolve::Recent) => PartialDate::new(
                        ty - i16::from(m > tm),
                        Some(m),
                        None,
                    )?,
                    (None, Resolve::Nearest) => {
                        let diff = i32::from(m) - i32::from(tm);
                        let year = if diff > 6 {
                            ty - 1
                        } else if diff < -6 {
                            ty + 1
                        } else {
                            ty
                        };
                        PartialDate::new(year, Some(m), None)?
                    }
                };
                Some((p.first_day(), p.last_day()))
            }
        }
    }

    /// A range "X to Y": X takes Y's year when it has none, and the year
    /// before if it would otherwise start after Y ends.
    fn resolve_pair(&self, x: Expr, y: Expr) -> Option<(Date, Date)> {
        let (_, y_last) = self.resolve(y, Resolve::Recent)?;
        let x_first = match x {
            Expr::Raw(raw) if raw.year.is_none() => {
                let mut with_year = raw;
                with_year.year = Some(y_last.year());
                let mut first = with_year.to_partial().map(|p| p.first_day());
                if first.is_none_or(|f| f > y_last) {
                    with_year.year = Some(y_last.year() - 1);
                    first = with_year.to_partial().map(|p| p.first_day());
                }
                first?
            }
            _ => self.resolve(x, Resolve::Recent)?.0,
        };
        (x_first <= y_last).then_some((x_first, y_last))
    }
}

/// The weekday closest to `t` (t itself when it matches; ties go to the
/// past).
fn nearest_weekday(t: Date, wd: Weekday) -> Option<Date> {
    if t.weekday() == wd {
        return Some(t);
    }
    let ahead = t.weekday().until(wd);
    let dir = if ahead <= 3 { 1 } else { -1 };
    t.nth_weekday(dir, wd).ok()
}

fn unit_span(unit: &str, n: i64) -> Option<Span> {
    let span = match unit.trim_end_matches('s') {
        "day" => Span::new().try_days(n),
        "week" => Span::new().try_weeks(n),
        "month" => Span::new().try_months(n),
        "year" => Span::new().try_years(n),
        _ => return None,
    };
    span.ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TODAY: Date = Date::constant(2025, 10, 26);

    /// Checks [`extract_dates`] on `query` with today = 2025-10-26 (a
    /// Sunday): the remaining text and the filters, published ones as
    /// `from..to` (`..` for an open side), mentioned ones as
    /// `about:from..to`.
    #[track_caller]
    fn check(query: &str, rest: &str, expected: &[&str]) {
        check_on(query, TODAY, rest, expected);
    }

    #[track_caller]
    fn check_on(query: &str, today: Date, rest: &str, expected: &[&str]) {
        let got = extract_dates(query, today);
        let show =
            |d: Option<Date>| d.map_or(String::new(), |d| d.to_string());
        let mut filters: Vec<String> = got
            .published
            .iter()
            .map(|f| format!("{}..{}", show(f.from), show(f.to)))
            .collect();
        filters.extend(
            got.mentioned
                .iter()
                .map(|f| format!("about:{}..{}", f.from, f.to)),
        );
        assert_eq!(
            (got.text.as_str(), filters),
            (rest, expected.iter().map(|s| s.to_string()).collect()),
            "query: {query:?}"
        );
    }

    #[test]
    fn published_periods() {
        check(
            "talks in Kuala Lumpur in October 2025",
            "talks in Kuala Lumpur",
            &["2025-10-01..2025-10-31"],
        );
        check("tariffs in 2025", "tariffs", &["2025-01-01..2025-12-31"]);
        check(
            "tariffs on 25 October 2025",
            "tariffs",
            &["2025-10-25..2025-10-25"],
        );
        check("tariffs on 2025-10-25", "tariffs", &["2025-10-25..2025-10-25"]);
        check("summit 2025-10-25", "summit", &["2025-10-25..2025-10-25"]);
        check("summit October 2025", "summit", &["2025-10-01..2025-10-31"]);
        check("summit oct. 25, 2025", "summit", &["2025-10-25..2025-10-25"]);
        check("summit in 2025-10", "summit", &["2025-10-01..2025-10-31"]);
        check("rates in october", "rates", &["2025-10-01..2025-10-31"]);
        check("rates in november", "rates", &["2024-11-01..2024-11-30"]);
        check("rates on oct 30", "rates", &["2024-10-30..2024-10-30"]);
        check("rates on friday", "rates", &["2025-10-24..2025-10-24"]);
        check("rates on sunday", "rates", &["2025-10-26..2025-10-26"]);
    }

    #[test]
    fn open_ranges() {
        check("soybeans since May 2025", "soybeans", &["2025-05-01.."]);
        check("soybeans since may", "soybeans", &["2025-05-01.."]);
        check("soybeans since december", "soybeans", &["2024-12-01.."]);
        check("soybeans after October 2025", "soybeans", &["2025-11-01.."]);
        check("soybeans before 2025-11-01", "soybeans", &["..2025-10-31"]);
        check("soybeans until october", "soybeans", &["..2025-10-31"]);
        check("soybeans from 2025", "soybeans", &["2025-01-01.."]);
        check("soybeans since last week", "soybeans", &["2025-10-13.."]);
        check(
            "soybeans since may and before july",
            "soybeans",
            &["2025-05-01..", "..2025-06-30"],
        );
    }

    #[test]
    fn closed_ranges() {
        check(
            "summit between May and July 2025",
            "summit",
            &["2025-05-01..2025-07-31"],
        );
        check(
            "summit from May to July 2025",
            "summit",
            &["2025-05-01..2025-07-31"],
        );
        check(
            "summit from november to february 2025",
            "summit",
            &["2024-11-01..2025-02-28"],
        );
        check(
            "summit from 2025-05-01 to 2025-06-15",
            "summit",
            &["2025-05-01..2025-06-15"],
        );
        check(
            "summit from 1 May to 3 June",
            "summit",
            &["2025-05-01..2025-06-03"],
        );
        // Not a date range: left as typed.
        check(
            "trade between china and the us",
            "trade between china and the us",
            &[],
        );
    }

    #[test]
    fn relative_periods() {
        check("ceasefire last week", "ceasefire", &["2025-10-13..2025-10-19"]);
        check("ceasefire this week", "ceasefire", &["2025-10-20..2025-10-26"]);
        check(
            "ceasefire last month",
            "ceasefire",
            &["2025-09-01..2025-09-30"],
        );
        check(
            "ceasefire this month",
            "ceasefire",
            &["2025-10-01..2025-10-31"],
        );
        check("ceasefire this year", "ceasefire", &["2025-01-01..2025-12-31"]);
        check("ceasefire last year", "ceasefire", &["2024-01-01..2024-12-31"]);
        check("ceasefire yesterday", "ceasefire", &["2025-10-25..2025-10-25"]);
        check("ceasefire today", "ceasefire", &["2025-10-26..2025-10-26"]);
        check(
            "ceasefire in the last 30 days",
            "ceasefire",
            &["2025-09-26..2025-10-26"],
        );
        check(
            "ceasefire over the past two weeks",
            "ceasefire",
            &["2025-10-12..2025-10-26"],
        );
        check(
            "ceasefire past month",
            "ceasefire",
            &["2025-09-26..2025-10-26"],
        );
        check(
            "ceasefire last 7 days",
            "ceasefire",
            &["2025-10-19..2025-10-26"],
        );
        check(
            "ceasefire 3 days ago",
            "ceasefire",
            &["2025-10-23..2025-10-23"],
        );
        check("ceasefire last may", "ceasefire", &["2025-05-01..2025-05-31"]);
        check(
            "ceasefire last october",
            "ceasefire",
            &["2024-10-01..2024-10-31"],
        );
        check(
            "ceasefire last friday",
            "ceasefire",
            &["2025-10-24..2025-10-24"],
        );
        check_on(
            "ceasefire last week",
            Date::constant(2026, 1, 2),
            "ceasefire",
            &["2025-12-22..2025-12-28"],
        );
        check_on(
            "ceasefire last month",
            Date::constant(2026, 1, 2),
            "ceasefire",
            &["2025-12-01..2025-12-31"],
        );
        check_on(
            "ceasefire since feb 29",
            Date::constant(2025, 6, 1),
            "ceasefire",
            &["2024-02-29.."],
        );
    }

    #[test]
    fn words_that_are_not_dates() {
        check(
            "what may happen in Kuala Lumpur",
            "what may happen in Kuala Lumpur",
            &[],
        );
        check("this may help exporters", "this may help exporters", &[]);
        check("protest march in london", "protest march in london", &[]);
        check("letters from may", "letters from may", &[]);
        check("the 2025 budget", "the 2025 budget", &[]);
        check("october surprise", "october surprise", &[]);
        check("friday prayers", "friday prayers", &[]);
        check("over 2025 people", "over 2025 people", &[]);
        check("in 100 days", "in 100 days", &[]);
        check(
            "\"talks in may 2025\" kuala",
            "\"talks in may 2025\" kuala",
            &[],
        );
        check("ranked 5 in march", "ranked 5", &["2025-03-01..2025-03-31"]);
    }

    #[test]
    fn mentioned() {
        check(
            "summit about 30 October",
            "summit",
            &["about:2025-10-30..2025-10-30"],
        );
        check(
            "summit about october 30",
            "summit",
            &["about:2025-10-30..2025-10-30"],
        );
        check(
            "summit about 30 October 2025",
            "summit",
            &["about:2025-10-30..2025-10-30"],
        );
        check(
            "summit mentioning 1 nov",
            "summit",
            &["about:2025-11-01..2025-11-01"],
        );
        check(
            "summit mentioning next week",
            "summit",
            &["about:2025-10-27..2025-11-02"],
        );
        check(
            "summit about january",
            "summit",
            &["about:2026-01-01..2026-01-31"],
        );
        check(
            "summit about thursday",
            "summit",
            &["about:2025-10-23..2025-10-23"],
        );
        check(
            "summit about tuesday",
            "summit",
            &["about:2025-10-28..2025-10-28"],
        );
        check(
            "summit referring to tomorrow",
            "summit",
            &["about:2025-10-27..2025-10-27"],
        );
        check(
            "talks about tariffs in october 2025",
            "talks about tariffs",
            &["2025-10-01..2025-10-31"],
        );
        check(
            "summit about 30 October in 2025",
            "summit",
            &["2025-01-01..2025-12-31", "about:2025-10-30..2025-10-30"],
        );
        check(
            "summit in october about nov 1",
            "summit",
            &["2025-10-01..2025-10-31", "about:2025-11-01..2025-11-01"],
        );
    }

    #[track_caller]
    fn check_arg(arg: &str, expected: &str) {
        let got = match parse_date_arg(arg, TODAY) {
            Ok((a, b)) => format!("{a}..{b}"),
            Err(e) => format!("error: {e}"),
        };
        assert!(got.starts_with(expected), "arg {arg:?}: {got}");
    }

    #[test]
    fn date_args() {
        check_arg("2025-05", "2025-05-01..2025-05-31");
        check_arg("2025-10-26", "2025-10-26..2025-10-26");
        check_arg("2025", "2025-01-01..2025-12-31");
        check_arg("May 2025", "2025-05-01..2025-05-31");
        check_arg("25 May 2025", "2025-05-25..2025-05-25");
        check_arg("25/10/2025", "2025-10-25..2025-10-25");
        check_arg("may", "2025-05-01..2025-05-31");
        check_arg("yesterday", "2025-10-25..2025-10-25");
        check_arg("last week", "2025-10-13..2025-10-19");
        check_arg("30 days ago", "2025-09-26..2025-09-26");
        check_arg("2024-02", "2024-02-01..2024-02-29");
        check_arg("10/11/2025", "error: unrecognised date '10/11/2025'");
        check_arg("2025-13", "error");
        check_arg("soon", "error");
        check_arg("May 2025 x", "error");
        check_arg("", "error");
    }
}
