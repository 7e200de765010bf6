//! Text and CSV for `facets`, `timeline`, `related` and `entities`. Their JSON is the
//! report structs serialised (see `output::json`).

use std::io::Write;

use crate::query::entities::EntitiesReport;
use crate::query::explore::{FacetsReport, RelatedReport, TimelineReport};

/// Width of the longest bar of a timeline, in characters.
const BAR_WIDTH: u64 = 50;

/// `facets` as text: count, then value.
///
/// # Errors
///
/// Fails when the writer fails.
pub fn facets_text(
    out: &mut dyn Write,
    r: &FacetsReport,
) -> std::io::Result<()> {
    let under =
        r.under.as_deref().map(|u| format!(" under {u}")).unwrap_or_default();
    let counted = r.counts.name();
    writeln!(out, "{}{under} in {} {counted}:", r.field, r.total)?;
    for v in &r.values {
        writeln!(out, "{:>8}  {}", v.count, v.value)?;
    }
    Ok(())
}

/// `facets` as CSV: `value,count`.
///
/// # Errors
///
/// Fails when the writer fails.
pub fn facets_csv(
    out: &mut dyn Write,
    r: &FacetsReport,
) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(["value", "count"])?;
    for v in &r.values {
        w.write_record([v.value.as_str(), &v.count.to_string()])?;
    }
    w.flush()
}

/// `timeline` as a bar chart.
///
/// # Errors
///
/// Fails when the writer fails.
pub fn timeline_text(
    out: &mut dyn Write,
    r: &TimelineReport,
) -> std::io::Result<()> {
    let max = r.buckets.iter().map(|b| b.count).max().unwrap_or(0).max(1);
    let width = r.buckets.iter().map(|b| b.period.len()).max().unwrap_or(0);
    for b in &r.buckets {
        let len = (b.count * BAR_WIDTH).div_ceil(max) as usize;
        writeln!(
            out,
            "{:<width$}  {:>6}  {}",
            b.period,
            b.count,
            "█".repeat(len)
        )?;
    }
    writeln!(out, "{} {} ({} dates)", r.total, r.counts.name(), r.dates)
}

/// `timeline` as CSV: `period,start,count`.
///
/// # Errors
///
/// Fails when the writer fails.
pub fn timeline_csv(
    out: &mut dyn Write,
    r: &TimelineReport,
) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(["period", "start", "count"])?;
    for b in &r.buckets {
        w.write_record([b.period.as_str(), &b.start, &b.count.to_string()])?;
    }
    w.flush()
}

/// `related` as a table.
///
/// # Errors
///
/// Fails when the writer fails.
pub fn related_text(
    out: &mut dyn Write,
    r: &RelatedReport,
) -> std::io::Result<()> {
    writeln!(
        out,
        "{} ({}) appears in {} of {} articles; most telling company:",
        r.entity.name, r.entity.field, r.articles, r.index_articles
    )?;
    writeln!(
        out,
        "{:>8}  {:>6}  {:>6}  {:<7} name",
        "score", "both", "all", "kind"
    )?;
    for x in &r.related {
        writeln!(
            out,
            "{:>8.3}  {:>6}  {:>6}  {:<7} {}",
            x.score, x.count, x.background_count, x.kind, x.name
        )?;
    }
    Ok(())
}

/// `related` as CSV.
///
/// # Errors
///
/// Fails when the writer fails.
pub fn related_csv(
    out: &mut dyn Write,
    r: &RelatedReport,
) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(["kind", "name", "count", "background_count", "score"])?;
    for x in &r.related {
        w.write_record([
            x.kind.name(),
            &x.name,
            &x.count.to_string(),
            &x.background_count.to_string(),
            &format!("{:.6}", x.score),
        ])?;
    }
    w.flush()
}

/// `entities` as text: articles, kind and name, then the forms.
///
/// # Errors
///
/// Fails when the writer fails.
pub fn entities_text(
    out: &mut dyn Write,
    r: &EntitiesReport,
) -> std::io::Result<()> {
    for e in &r.entities {
        writeln!(out, "{:>8}  {:<6}  {}", e.articles, e.kind.name(), e.name)?;
        if e.forms.len() > 1 || !e.aliases.is_empty() {
            let mut forms: Vec<String> = e
                .forms
                .iter()
                .map(|f| match f.field {
                    Some(field) => {
                        format!("{} ({}, {field})", f.name, f.articles)
                    }
                    None => format!("{} ({})", f.name, f.articles),
                })
                .collect();
            forms.extend(e.aliases.iter().map(|a| format!("{a} (in text)")));
            writeln!(out, "{:>8}  {:<6}  = {}", "", "", forms.join(", "))?;
        }
        if !e.bodies.is_empty() {
            let bodies = e.bodies.join(", ");
            writeln!(out, "{:>8}  {:<6}  bodies: {bodies}", "", "")?;
        }
    }
    if r.total > r.entities.len() {
        writeln!(
            out,
            "({} of {} entities; --top for more)",
            r.entities.len(),
            r.total
        )?;
    }
    Ok(())
}

/// `entities` as CSV: `name,kind,articles,forms`, the forms as
/// `form (articles)` joined by `; `.
///
/// # Errors
///
/// Fails when the writer fails.
pub fn entities_csv(
    out: &mut dyn Write,
    r: &EntitiesReport,
) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(["name", "kind", "articles", "forms"])?;
    for e in &r.entities {
        let forms: Vec<String> = e
            .forms
            .iter()
            .map(|f| format!("{} ({})", f.name, f.articles))
            .collect();
        w.write_record([
            e.name.as_str(),
            e.kind.name(),
            &e.articles.to_string(),
            &forms.join("; "),
        ])?;
    }
    w.flush()
}
