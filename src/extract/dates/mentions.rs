//! Dates an article's text talks about, resolved against its
//! publication date: [`mentioned_dates`].
//!
//! # Resolution rules
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

use jiff::civil::{Date, Weekday};

use super::grammar::{
    adjacent, is_punct, lower_cow, lower_in, scan_date, tokenize, weekday_at,
    word, year_guard, Kind, Opts, Raw, Tok,
};
use super::{nearest_day, week_start, PartialDate};

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
}
