//! One article in, everything newsdex extracts from it out.
//!
//! The pipeline: dates first (the publication date anchors relative
//! dates), then entities: recognise mentions, resolve people and
//! organisations within the article, resolve places against the
//! gazetteer together.

use super::dates::{self, PartialDate};
use super::lexicon::SIGN_OFFS;
use super::salience;
use super::truecase::{needs_truecasing, truecase_headline};
use super::Entity;

/// The parts of an article extraction reads.
#[derive(Clone, Copy, Debug)]
pub struct Input<'a> {
    /// Headline.
    pub title: &'a str,
    /// Text.
    pub body: &'a str,
    /// Publication date as the archive wrote it.
    pub published: Option<&'a str>,
    /// A dateline the archive keeps apart from the text ("LONDON, March
    /// 4"): read as the head of the text, where wire copy writes it.
    pub dateline: Option<&'a str>,
    /// Where the article came from (a path may hold its date).
    pub path: &'a str,
}

/// A date and the instant newsdex indexes it at: its first moment, wall
/// clock time as written, counted as UTC so that the day never shifts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dated {
    /// The date at its precision.
    pub date: PartialDate,
    /// Seconds since the Unix epoch.
    pub seconds: i64,
}

/// What extraction found in one article.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Extraction {
    /// People, places, organisations, other names.
    pub entities: Vec<Entity>,
    /// Publication date, from metadata, else the dateline, else the path.
    pub published: Option<Dated>,
    /// Dates the article talks about, distinct, in order.
    pub mentioned: Vec<Dated>,
    /// Every place of the article and every region, country and
    /// continent holding one, as a path, with the salience of all its
    /// places together ([`salience::assign`]).
    pub about_places: Vec<(Vec<String>, u8)>,
    /// Names the article calls works or awards ("the film Aviator"),
    /// whatever their kind elsewhere.
    pub works: Vec<String>,
    /// Names the article calls bands ("rock band Franz Ferdinand").
    pub bands: Vec<String>,
}

/// Extracts entities and dates from an article.
pub fn analyze(input: &Input) -> Extraction {
    let published = publication_date(input);
    let mut mentioned: Vec<Dated> = Vec::new();
    for m in dates::mentioned_dates(input.body, published.map(|p| p.date)) {
        let d = dated(m.date, None);
        if !mentioned.contains(&d) {
            mentioned.push(d);
        }
    }
    // Where the story was filed is one of its places: a separate
    // dateline goes before the text, as "LONDON, March 4 - The ...".
    let with_dateline;
    let body = match separate_dateline(input) {
        Some(d) => {
            with_dateline = format!("{d} - {}", input.body.trim_start());
            strip_signature(&with_dateline)
        }
        None => strip_signature(input.body),
    };
    // A headline in capitals or title case ("BAHIA COCOA REVIEW") tells
    // the tagger nothing about case: it is rewritten in sentence case.
    let body = unwrap_lines(body);
    let title = input.title.trim();
    let title = if needs_truecasing(title) {
        truecase_headline(title, &body)
    } else {
        title.to_string()
    };
    let (text, body_start) = if title.is_empty() {
        (body, 0)
    } else {
        let at = title.len() + 2;
        (format!("{title}\n\n{body}"), at)
    };
    let dateline = super::dateline::dateline_at(&text, body_start);
    let super::entities::Found { mut entities, sentence_starts, works, bands } =
        super::entities::extract_with(&text, dateline.as_ref());
    let lead = u32::from(body_start > 0);
    super::places::file_entities(
        &mut entities,
        published.map(|p| p.date.year),
        lead,
    );
    let layout = salience::Layout {
        text: &text,
        title: &title,
        body_start,
        sentence_starts: &sentence_starts,
    };
    let about_places = salience::assign(&layout, &mut entities);
    Extraction { entities, about_places, published, mentioned, works, bands }
}

/// The archive's separate dateline, unless the body starts with it.
fn separate_dateline<'a>(input: &Input<'a>) -> Option<&'a str> {
    let d = input.dateline?.trim();
    let written = input.body.trim_start().starts_with(d);
    (!d.is_empty() && !written).then_some(d)
}

/// The body without trailing sign-off lines ("Reuter", "Latest News").
fn strip_signature(body: &str) -> &str {
    let mut body = body.trim_end();
    loop {
        let (rest, last) = match body.rfind('\n') {
            Some(i) => (&body[..i], &body[i + 1..]),
            None => return body,
        };
        let last = last.trim().trim_end_matches("&#3;").trim();
        if !last.is_empty() && !SIGN_OFFS.contains(&last) {
            return body;
        }
        body = rest.trim_end();
    }
}

/// Joins hard-wrapped lines ("Moody's Investors\nService Inc") so that
/// names broken across lines stay whole; blank lines (paragraphs) stay.
pub fn unwrap_lines(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (i, _) in text.match_indices('\n') {
        let prev_blank = i == 0 || bytes[i - 1] == b'\n';
        let next_blank = bytes.get(i + 1).is_none_or(|&b| b == b'\n');
        out.push_str(&text[last..i]);
        out.push(if prev_blank || next_blank { '\n' } else { ' ' });
        last = i + 1;
    }
    out.push_str(&text[last..]);
    out
}

fn publication_date(input: &Input) -> Option<Dated> {
    if let Some(p) = input.published.and_then(dates::parse_published) {
        return Some(dated(p.date, p.timestamp));
    }
    let from_path = dates::date_from_path(input.path);
    let year = from_path.map(|d| d.year);
    let d = dates::dateline_date(input.body, year)
        .or_else(|| {
            let line = format!("{} - ", separate_dateline(input)?);
            dates::dateline_date(&line, year)
        })
        .or(from_path)?;
    Some(dated(d, None))
}

fn dated(date: PartialDate, timestamp: Option<jiff::Timestamp>) -> Dated {
    let day = date.first_day();
    let seconds = match timestamp {
        // Keep the time of day, but on the civil day as written.
        Some(ts) => {
            let secs_of_day = ts.as_second().rem_euclid(86_400);
            day_start_secs(day) + secs_of_day
        }
        None => day_start_secs(day),
    };
    Dated { date, seconds }
}

/// Seconds since the Unix epoch of 00:00 UTC on a day.
pub fn day_start_secs(d: jiff::civil::Date) -> i64 {
    d.to_zoned(jiff::tz::TimeZone::UTC)
        .map(|z| z.timestamp().as_second())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_are_stripped() {
        assert_eq!(strip_signature("Text.\n Reuter\n&#3;"), "Text.");
        assert_eq!(strip_signature("Text.\n Reuter &#3;\n"), "Text.");
        assert_eq!(strip_signature("A\n\nLatest News"), "A");
        assert_eq!(strip_signature("Reuter"), "Reuter");
    }

    #[test]
    fn wrapped_lines_are_joined() {
        assert_eq!(
            unwrap_lines("Moody's Investors\nService Inc said.\n\nNext"),
            "Moody's Investors Service Inc said.\n\nNext"
        );
    }

    #[track_caller]
    fn check_places(dateline: Option<&str>, body: &str, want: &[&str]) {
        let x = analyze(&Input {
            title: "U.K. MONEY MARKET GIVEN LATE HELP",
            body,
            published: Some("1987-03-04"),
            dateline,
            path: "r.jsonl:1",
        });
        let places: Vec<&str> = x
            .entities
            .iter()
            .filter(|e| e.kind == crate::extract::EntityKind::Place)
            .map(|e| e.name.as_str())
            .collect();
        assert_eq!(places, want, "dateline {dateline:?}");
    }

    #[test]
    fn a_separate_dateline_names_a_place() {
        let body = "The Bank of England said it had provided the money \
                    market with late assistance.\n Reuter";
        // The headline, in capitals, is read too: "U.K." is a place.
        let uk = "United Kingdom";
        check_places(None, body, &[uk]);
        check_places(Some("LONDON, March 4"), body, &[uk, "London"]);
        check_places(Some("  "), body, &[uk]);
        // Written at the head of the body already: read once.
        let headed = format!("LONDON, March 4 - {body}");
        let x = analyze(&Input {
            title: "",
            body: &headed,
            published: None,
            dateline: Some("LONDON, March 4"),
            path: "r.jsonl:1",
        });
        let london = x.entities.iter().find(|e| e.name == "London");
        assert_eq!(london.map(|e| e.count), Some(1));
    }
}
