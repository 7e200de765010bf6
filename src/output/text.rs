//! Readable text output for terminals and pagers.

use std::io::Write;

use crate::query::{Article, FacetCount, Hit, SearchResults};

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
    writeln!(out, "{} {noun} matched{shown}", r.total)?;
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
    writeln!(out)
}

/// Writes one article of `newsdex show`: headline, date · source · URL
/// · id, its entities and dates, then its text.
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
