//! Readable text output for terminals and pagers.

use std::io::Write;

use crate::query::{Article, Copies, FacetCount, Hit, SearchResults};

/// ANSI styling, or none.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    /// Whether to emit colour escapes.
    pub color: bool,
}

impl Style {
    fn paint(&self, code: &str, s: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }

    /// A matched word inside a snippet.
    fn mark(&self, s: &str) -> String {
        if self.color {
            self.paint("1;33", s)
        } else {
            format!("[{s}]")
        }
    }
}

/// Writes hits, then a count line, then facet counts.
///
/// # Errors
///
/// Fails when the writer fails.
pub fn results(
    out: &mut dyn Write,
    r: &SearchResults,
    style: Style,
) -> std::io::Result<()> {
    for (i, hit) in r.hits.iter().enumerate() {
        write_hit(out, r.offset + i + 1, hit, style)?;
    }
    let shown = if r.hits.is_empty() {
        String::new()
    } else {
        format!(" (showing {}-{})", r.offset + 1, r.offset + r.hits.len())
    };
    let noun = if r.total == 1 { "article" } else { "articles" };
    if r.all_copies || r.stories == r.total {
        writeln!(out, "{} {noun} matched{shown}", r.total)?;
    } else {
        let stories = if r.stories == 1 { "story" } else { "stories" };
        writeln!(
            out,
            "{} {noun} matched{shown}, {} {stories} (each shown once; \
             --all-copies lists every article)",
            r.total, r.stories
        )?;
    }
    if let Some(first) = r.hits.first() {
        writeln!(out, "open one: newsdex show {}", quoted(&first.id))?;
    }
    for (field, counts) in &r.facets {
        if counts.is_empty() {
            continue;
        }
        writeln!(out, "{:<8} {}", format!("{field}:"), facet_line(counts))?;
    }
    Ok(())
}

fn write_hit(
    out: &mut dyn Write,
    n: usize,
    h: &Hit,
    style: Style,
) -> std::io::Result<()> {
    writeln!(out, "{n}. {}", style.paint("1", &h.title))?;
    let meta = meta_line(&h.published, &h.source, &h.url, &h.id);
    writeln!(out, "   {}", style.paint("2", &meta))?;
    writeln!(out, "   {}", highlight(&h.snippet, &h.highlights, style))?;
    let ents = entities_line(&h.people, &h.places, &h.orgs);
    if !ents.is_empty() {
        writeln!(out, "   {}", style.paint("36", &ents))?;
    }
    if h.copies.count > 0 {
        writeln!(out, "   {}", style.paint("2", &also_in(&h.copies)))?;
    }
    writeln!(out)
}

/// Writes one article of `newsdex show`: headline, date · source · URL
/// · id, its entities and dates, where it came from, its entities with
/// their salience, its story's other copies, then its text.
///
/// # Errors
///
/// Fails when the writer fails.
pub fn article(out: &mut dyn Write, a: &Article) -> std::io::Result<()> {
    writeln!(out, "{}", a.title)?;
    writeln!(out, "{}", meta_line(&a.published, &a.source, &a.url, &a.id))?;
    if !a.authors.is_empty() {
        writeln!(out, "by {}", a.authors.join(", "))?;
    }
    let ents = entities_line(&a.people, &a.places, &a.orgs);
    if !ents.is_empty() {
        writeln!(out, "{ents}")?;
    }
    if !a.dates.is_empty() {
        writeln!(out, "dates: {}", a.dates.join(", "))?;
    }
    if let Some(language) = &a.language {
        writeln!(out, "language: {language}")?;
    }
    writeln!(out, "origin: {}", a.origin)?;
    writeln!(out, "story: {}", a.story)?;
    for e in &a.entities {
        writeln!(
            out,
            "{}: {} ({}, salience {})",
            e.kind,
            e.name,
            e.surfaces.join(", "),
            e.salience
        )?;
    }
    if a.copies.count == 0 {
        writeln!(out, "copies: none")?;
    } else {
        writeln!(out, "copies: {}", a.copies.count)?;
        for c in &a.copies.records {
            writeln!(
                out,
                "  {}  {}  {}",
                c.published.as_deref().unwrap_or("undated"),
                c.source.as_deref().unwrap_or("-"),
                c.id
            )?;
        }
    }
    writeln!(out)?;
    writeln!(out, "{}", a.body.trim_end())
}

/// `date · source · url · id`.
fn meta_line(
    published: &Option<String>,
    source: &Option<String>,
    url: &Option<String>,
    id: &str,
) -> String {
    let mut meta = vec![published.clone().unwrap_or_else(|| "undated".into())];
    meta.extend(source.clone());
    meta.extend(url.clone());
    meta.push(id.to_string());
    meta.join(" · ")
}

/// `people: … | places: … | orgs: …`, the empty lists left out.
fn entities_line(
    people: &[String],
    places: &[String],
    orgs: &[String],
) -> String {
    let mut ents = Vec::new();
    for (label, list) in
        [("people", people), ("places", places), ("orgs", orgs)]
    {
        if !list.is_empty() {
            ents.push(format!("{label}: {}", list.join(", ")));
        }
    }
    ents.join(" | ")
}

/// "also in Morning Post 1987-03-02 (id 17), City Gazette (id 18)
/// and 2 more": a hit's other copies, in short.
fn also_in(copies: &Copies) -> String {
    const SHOWN: usize = 3;
    let parts: Vec<String> = copies
        .records
        .iter()
        .take(SHOWN)
        .map(|c| {
            let known: Vec<&str> = [&c.source, &c.published]
                .into_iter()
                .filter_map(|v| v.as_deref())
                .collect();
            match known.is_empty() {
                true => format!("id {}", c.id),
                false => format!("{} (id {})", known.join(" "), c.id),
            }
        })
        .collect();
    let mut line = format!("also in {}", parts.join(", "));
    if copies.count > SHOWN {
        line.push_str(&format!(" and {} more", copies.count - SHOWN));
    }
    line
}

/// An id as a shell word: quoted when it holds anything but letters,
/// digits and `-_./:`.
fn quoted(id: &str) -> String {
    let plain = !id.is_empty()
        && id.chars().all(|c| c.is_alphanumeric() || "-_./:".contains(c));
    if plain {
        id.to_string()
    } else {
        format!("'{}'", id.replace('\'', "'\\''"))
    }
}

/// The snippet with its highlighted ranges marked.
pub fn highlight(
    snippet: &str,
    ranges: &[[usize; 2]],
    style: Style,
) -> String {
    let mut s = String::new();
    let mut at = 0;
    for &[start, end] in ranges {
        let (Some(before), Some(word)) =
            (snippet.get(at..start), snippet.get(start..end))
        else {
            continue;
        };
        s.push_str(before);
        s.push_str(&style.mark(word));
        at = end;
    }
    s.push_str(snippet.get(at..).unwrap_or(""));
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn facet_line(counts: &[FacetCount]) -> String {
    let parts: Vec<String> =
        counts.iter().map(|c| format!("{} ({})", c.value, c.count)).collect();
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_are_marked() {
        let plain = Style { color: false };
        assert_eq!(
            highlight("the talks in\nKL", &[[4, 9]], plain),
            "the [talks] in KL"
        );
        // Ranges off char boundaries are skipped, never a panic.
        assert_eq!(highlight("é", &[[1, 2]], plain), "é");
    }
}
