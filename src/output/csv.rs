//! CSV output: a header row, then one row per hit. Lists are joined with
//! "; ".

use std::io::Write;

use crate::query::SearchResults;

/// The header row.
pub const HEADER: [&str; 11] = [
    "id",
    "title",
    "published",
    "source",
    "url",
    "score",
    "people",
    "places",
    "orgs",
    "dates",
    "snippet",
];

/// Writes the hits as CSV.
///
/// # Errors
///
/// Fails when the writer fails.
pub fn hits(
    out: &mut dyn Write,
    results: &SearchResults,
) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(HEADER)?;
    for h in &results.hits {
        w.write_record([
            h.id.as_str(),
            &h.title,
            h.published.as_deref().unwrap_or(""),
            h.source.as_deref().unwrap_or(""),
            h.url.as_deref().unwrap_or(""),
            &h.score.map(|s| format!("{s:.4}")).unwrap_or_default(),
            &h.people.join("; "),
            &h.places.join("; "),
            &h.orgs.join("; "),
            &h.dates.join("; "),
            &h.snippet,
        ])?;
    }
    w.flush()
}
