//! Dates outside the metadata: a wire dateline at the start of the
//! body ([`dateline_date`]) and a date in the file path
//! ([`date_from_path`]).

use super::grammar::{is_punct, num, scan_date, tokenize, Kind, Opts};
use super::published::compact_date;
use super::PartialDate;

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

#[cfg(test)]
mod tests {
    use super::*;

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
