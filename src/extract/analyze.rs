//! One article in, everything newsdex extracts from it out.
//!
//! The pipeline: dates first (the publication date anchors relative
//! dates), then entities: recognise mentions, resolve people and
//! organisations within the article, resolve places against the
//! gazetteer together.

use super::dates::{self, PartialDate};
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
    let text = if input.title.is_empty() {
        input.body.to_string()
    } else {
        format!("{}\n\n{}", input.title, input.body)
    };
    Extraction {
        entities: super::entities::extract(&text),
        published,
        mentioned,
    }
}

fn publication_date(input: &Input) -> Option<Dated> {
    if let Some(p) = input.published.and_then(dates::parse_published) {
        return Some(dated(p.date, p.timestamp));
    }
    let from_path = dates::date_from_path(input.path);
    let d = dates::dateline_date(input.body, from_path.map(|d| d.year))
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
