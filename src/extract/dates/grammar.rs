//! The token grammar of written dates, shared by article text and
//! search queries.
//!
//! Text is split into [`Tokens`]: runs of letters, runs of ASCII digits
//! and single punctuation characters, as byte offsets (a blank line is a
//! punctuation token: a paragraph break). On tokens, the grammar reads
//! month and weekday names ([`Tokens::month_at`], [`Tokens::weekday_at`])
//! and whole dates ([`Tokens::scan_date`]): ISO (`2025-10-25`, and
//! `2025-10` with [`Opts::iso_month`]), month first (`Oct. 25, 2025`,
//! `October 2025`), day first (`25th of October 2025`, `26-FEB-1987`),
//! numeric orders that are unambiguous (with [`Opts::numeric`]), a bare
//! month name or a bare four-digit year. A scanned date is a [`Raw`]:
//! its year may be missing ("Nov 1"); placing it in a year is the
//! caller's business (the publication date for article text, today for a
//! query). [`Tokens::year_guard`] tells a year from a quantity or a
//! clock time ("2025 people" is a year, "1830 GMT" is not).
//!
//! The grammar knows nothing of relative phrases ("next week"), of cue
//! words or of resolution: [`super::mentions`] and `query::dates` build
//! those on top of it.
//!
//! # Example
//!
//! ```
//! use newsdex::extract::dates::grammar::{Opts, Tokens};
//!
//! let t = Tokens::new("talks on Oct. 25, 2025 in Geneva");
//! let opts = Opts { caps: false, iso_month: false, numeric: false };
//! let (raw, end) = t.scan_date(2, opts).unwrap();
//! assert_eq!((raw.year, raw.month, raw.day), (Some(2025), Some(10), Some(25)));
//! assert_eq!(t.text(end), Some("in"));
//! ```

use std::borrow::Cow;

use jiff::civil::Weekday;

use super::PartialDate;
use crate::extract::char_at;

/// A text split into date tokens, the grammar's entry point.
///
/// Every method takes a token index; an index past the end reads as no
/// token (`None` or `false`), so callers may look ahead freely.
#[derive(Clone, Debug)]
pub struct Tokens<'a> {
    text: &'a str,
    toks: Vec<Tok>,
}

impl<'a> Tokens<'a> {
    /// Splits `text` into tokens.
    pub fn new(text: &'a str) -> Tokens<'a> {
        Tokens { text, toks: tokenize(text) }
    }

    /// The number of tokens.
    pub fn len(&self) -> usize {
        self.toks.len()
    }

    /// True when the text has no token.
    pub fn is_empty(&self) -> bool {
        self.toks.is_empty()
    }

    /// The byte range of token `i` in the text.
    pub fn span(&self, i: usize) -> Option<(usize, usize)> {
        self.toks.get(i).map(|t| (t.start, t.end))
    }

    /// The text of token `i`.
    pub fn text(&self, i: usize) -> Option<&'a str> {
        self.toks.get(i).map(|t| &self.text[t.start..t.end])
    }

    /// Token `i` lower-cased, when it is a word.
    pub fn lower_word(&self, i: usize) -> Option<String> {
        lower_word(self.text, &self.toks, i)
    }

    /// The value and digit count of token `i`, when it is a number of at
    /// most nine digits.
    pub fn num(&self, i: usize) -> Option<(u32, usize)> {
        num(self.text, &self.toks, i)
    }

    /// True when token `i` is the punctuation character `c`.
    pub fn is_punct(&self, i: usize, c: char) -> bool {
        is_punct(self.text, &self.toks, i, c)
    }

    /// The month named at token `i` (1 to 12) and whether the name is
    /// abbreviated ("Oct"); with `caps`, only a capitalised name counts.
    /// A name glued to a number ("MAY7", a futures code) is no month.
    pub fn month_at(&self, i: usize, caps: bool) -> Option<(i8, bool)> {
        month_at(self.text, &self.toks, i, caps)
    }

    /// The weekday named at token `i` and whether the name is
    /// abbreviated; abbreviations ("Thu") count only with `abbrev`, and
    /// with `caps` only a capitalised name counts.
    pub fn weekday_at(
        &self,
        i: usize,
        caps: bool,
        abbrev: bool,
    ) -> Option<(Weekday, bool)> {
        weekday_at(self.text, &self.toks, i, caps, abbrev)
    }

    /// The date written from token `i` on, and the index of the token
    /// after it. Day and month are checked (a yearless 29 February
    /// passes); a year must have four digits, or two after a month name
    /// with [`Opts::numeric`].
    pub fn scan_date(&self, i: usize, opts: Opts) -> Option<(Raw, usize)> {
        scan_date(self.text, &self.toks, i, opts)
    }

    /// True when token `i` is a four-digit number from 1800 to 2100 that
    /// reads as a year: not glued to a currency sign, a separator or a
    /// unit ("$2025", "2025%", "2,025", "1830 GMT").
    pub fn year_guard(&self, i: usize) -> bool {
        year_guard(self.text, &self.toks, i)
    }
}

/// Words after a number that make it a quantity or clock time.
const UNITS: &[&str] = &[
    "percent", "pct", "per", "gmt", "utc", "est", "edt", "et", "hrs", "hours",
    "hour", "local", "am", "pm", "jst", "bst", "cet", "sgt", "ist", "cest",
    "hkt",
];

/// Whether the four-digit number at `i` reads as a year rather than a
/// quantity or a clock time.
pub(super) fn year_guard(s: &str, toks: &[Tok], i: usize) -> bool {
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

/// The kind of a [`Tok`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    /// A run of alphabetic characters.
    Word,
    /// A run of ASCII digits.
    Num,
    /// One other non-space character, or a newline.
    Punct,
}

/// A token as byte offsets into the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Tok {
    pub(super) kind: Kind,
    pub(super) start: usize,
    pub(super) end: usize,
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
pub(super) fn tokenize(text: &str) -> Vec<Tok> {
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

pub(super) fn adjacent(toks: &[Tok], a: usize, b: usize) -> bool {
    match (toks.get(a), toks.get(b)) {
        (Some(x), Some(y)) => x.end == y.start,
        _ => false,
    }
}

pub(super) fn word<'a>(s: &'a str, toks: &[Tok], i: usize) -> Option<&'a str> {
    let t = toks.get(i)?;
    (t.kind == Kind::Word).then(|| &s[t.start..t.end])
}

pub(super) fn lower_word(s: &str, toks: &[Tok], i: usize) -> Option<String> {
    word(s, toks, i).map(str::to_lowercase)
}

/// [`lower_word`] without allocating when the word is already lower-case
/// ASCII, as most words of running text are.
pub(super) fn lower_cow<'a>(
    s: &'a str,
    toks: &[Tok],
    i: usize,
) -> Option<Cow<'a, str>> {
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
pub(super) fn num(s: &str, toks: &[Tok], i: usize) -> Option<(u32, usize)> {
    let t = toks.get(i)?;
    let text = &s[t.start..t.end];
    if t.kind != Kind::Num || text.len() > 9 {
        return None;
    }
    Some((text.parse().ok()?, text.len()))
}

pub(super) fn is_punct(s: &str, toks: &[Tok], i: usize, c: char) -> bool {
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

/// Per first letter (`a` = 0), a bit per second letter that opens one
/// of `names` (lower-case ASCII words of at least two letters).
const fn openings(names: &[&str]) -> [u32; 26] {
    let mut table = [0u32; 26];
    let mut i = 0;
    while i < names.len() {
        let b = names[i].as_bytes();
        table[(b[0] - b'a') as usize] |= 1 << (b[1] - b'a');
        i += 1;
    }
    table
}

/// The words of [`MONTHS`].
const MONTH_WORDS: [&str; MONTHS.len()] = {
    let mut out = [""; MONTHS.len()];
    let mut i = 0;
    while i < MONTHS.len() {
        out[i] = MONTHS[i].0;
        i += 1;
    }
    out
};

/// The words of [`WEEKDAYS`].
const WEEKDAY_WORDS: [&str; WEEKDAYS.len()] = {
    let mut out = [""; WEEKDAYS.len()];
    let mut i = 0;
    while i < WEEKDAYS.len() {
        out[i] = WEEKDAYS[i].0;
        i += 1;
    }
    out
};

/// The first two letters of the month names, as [`openings`] lays them.
static MONTH_OPENINGS: [u32; 26] = openings(&MONTH_WORDS);
/// The first two letters of the weekday names.
static WEEKDAY_OPENINGS: [u32; 26] = openings(&WEEKDAY_WORDS);

/// False when `w` cannot equal, ignoring ASCII case, a name whose first
/// two letters `table` holds: most capitalised words of a text are
/// passed over without comparing them with every name.
#[inline]
fn may_open(w: &str, table: &[u32; 26]) -> bool {
    let letter = |b: u8| {
        b.is_ascii_alphabetic().then(|| (b.to_ascii_lowercase() - b'a') as u32)
    };
    match w.as_bytes() {
        [a, b, ..] => match (letter(*a), letter(*b)) {
            (Some(a), Some(b)) => table[a as usize] & 1 << b != 0,
            _ => false,
        },
        _ => false,
    }
}

fn capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// The month named at token `i` and whether the name is abbreviated. A
/// name glued to a number ("MAY7") is not a month.
pub(super) fn month_at(
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
    if !may_open(w, &MONTH_OPENINGS) {
        return None;
    }
    let pos = MONTHS.iter().position(|(n, _)| n.eq_ignore_ascii_case(w))?;
    Some((MONTHS[pos].1, pos >= 12))
}

/// True when `w` names a month, in full or abbreviated, in any case
/// ("March", "FEB", "sept").
pub fn is_month_word(w: &str) -> bool {
    may_open(w, &MONTH_OPENINGS)
        && MONTHS.iter().any(|(n, _)| n.eq_ignore_ascii_case(w))
}

/// The weekday named at token `i` and whether the name is abbreviated
/// (abbreviations only when `abbrev`).
pub(super) fn weekday_at(
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
    if !may_open(w, &WEEKDAY_OPENINGS) {
        return None;
    }
    WEEKDAYS
        .iter()
        .find(|(n, _, ab)| (abbrev || !ab) && n.eq_ignore_ascii_case(w))
        .map(|&(_, wd, ab)| (wd, ab))
}

/// What a date scanner accepts.
#[derive(Clone, Copy, Debug)]
pub struct Opts {
    /// Month names must be capitalised.
    pub caps: bool,
    /// `YYYY-MM` is a month.
    pub iso_month: bool,
    /// Numeric `d/m/yyyy`, `m/yyyy`, `d.m.yyyy` and two-digit years after
    /// a month name.
    pub numeric: bool,
}

/// A scanned date whose year may be missing ("Nov 1", "January").
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Raw {
    /// The year, when written.
    pub year: Option<i16>,
    /// The month, 1 to 12.
    pub month: Option<i8>,
    /// The day of the month.
    pub day: Option<i8>,
    /// Some(true) for a numeric d/m order that was ambiguous and so only
    /// yielded the year.
    pub numeric_order: Option<bool>,
}

impl Raw {
    /// The partial date, when the year is known and the parts form a
    /// real date.
    pub fn to_partial(self) -> Option<PartialDate> {
        PartialDate::new(self.year?, self.month, self.day)
    }
}

/// Scans a date starting at token `i`: ISO (`2025-10-25`), month first
/// (`Oct. 25, 2025`, `October 2025`), day first (`25th of October 2025`,
/// `26-FEB-1987`), numeric (with `opts.numeric`), a bare month name or a
/// bare four-digit year. Returns the date and the token after it.
pub(super) fn scan_date(
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

    #[test]
    fn every_name_passes_the_openings() {
        for (n, _) in MONTHS {
            for w in [n.to_string(), n.to_uppercase(), capital(n)] {
                assert!(may_open(&w, &MONTH_OPENINGS), "{w}");
                assert!(is_month_word(&w), "{w}");
            }
        }
        for (n, _, _) in WEEKDAYS {
            for w in [n.to_string(), n.to_uppercase(), capital(n)] {
                assert!(may_open(&w, &WEEKDAY_OPENINGS), "{w}");
            }
        }
        for w in ["Reuters", "M", "", "Ma", "Éclair", "T1", "Bank"] {
            assert!(!is_month_word(w) || may_open(w, &MONTH_OPENINGS));
        }
        assert!(!may_open("Reuters", &MONTH_OPENINGS));
        assert!(!may_open("Bank", &WEEKDAY_OPENINGS));
    }

    /// `w` with its first letter in capitals.
    fn capital(w: &str) -> String {
        w[..1].to_uppercase() + &w[1..]
    }

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

    const QUERY: Opts = Opts { caps: false, iso_month: true, numeric: false };
    const TEXT: Opts = Opts { caps: true, iso_month: false, numeric: false };
    const FIELD: Opts = Opts { caps: false, iso_month: true, numeric: true };

    /// Checks [`Tokens::scan_date`] at the first token of `text`: the
    /// date as `year-month-day` with `?` for a missing part and the text
    /// of the token after it, or `""` when no date starts there.
    #[track_caller]
    fn check_scan(text: &str, opts: Opts, expected: &str) {
        let t = Tokens::new(text);
        let part =
            |p: Option<i64>| p.map_or("?".to_string(), |v| v.to_string());
        let got = t.scan_date(0, opts).map_or(String::new(), |(raw, end)| {
            let date = format!(
                "{}-{}-{}",
                part(raw.year.map(i64::from)),
                part(raw.month.map(i64::from)),
                part(raw.day.map(i64::from)),
            );
            format!("{date} {}", t.text(end).unwrap_or("$"))
        });
        assert_eq!(got, expected, "text: {text:?}");
    }

    #[test]
    fn scanned_dates() {
        check_scan("2025-10-25 x", QUERY, "2025-10-25 x");
        check_scan("2025-10 x", QUERY, "2025-10-? x");
        check_scan("2025-10 x", TEXT, "2025-?-? -");
        check_scan("Oct. 25, 2025 x", TEXT, "2025-10-25 x");
        check_scan("oct 25", TEXT, "");
        check_scan("oct 25", QUERY, "?-10-25 $");
        check_scan("25th of October", QUERY, "?-10-25 $");
        check_scan("26-FEB-1987 15:01", FIELD, "1987-2-26 15");
        check_scan("25 Oct 25", FIELD, "2025-10-25 $");
        check_scan("25 Oct 25", QUERY, "?-10-25 25");
        check_scan("25/10/2025", FIELD, "2025-10-25 $");
        check_scan("10/11/2025", FIELD, "2025-?-? $");
        check_scan("25/10/2025", QUERY, "");
        check_scan("February 30", QUERY, "");
        check_scan("February 29", QUERY, "?-2-29 $");
        check_scan("May", QUERY, "?-5-? $");
        check_scan("MAY7", QUERY, "");
        check_scan("2025", QUERY, "2025-?-? $");
    }

    #[test]
    fn years_and_quantities() {
        let year = |text: &str| {
            let t = Tokens::new(text);
            (0..t.len())
                .find(|&i| t.num(i).is_some())
                .is_some_and(|i| t.year_guard(i))
        };
        for y in ["in 2025", "2025 people", "(2025)", "since 1987."] {
            assert!(year(y), "{y}");
        }
        for n in
            ["1830 GMT", "2025%", "2,025", "$2025", "10:2025", "1700", "20251"]
        {
            assert!(!year(n), "{n}");
        }
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
}
