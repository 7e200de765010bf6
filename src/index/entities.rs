//! The archive's entity table: read from the index, kept next to it.
//!
//! [`crate::extract::canon`] groups the person and organisation values of
//! an archive into entities; this module gives it what the index knows
//! (every value with its article count, from the facet dictionaries, and
//! the short forms articles used, from the `alias` field) and keeps the
//! part a search reads ([`Merges`]) in `newsdex-entities.txt`:
//!
//! ```text
//! newsdex-entities 1
//! segments 1dd58fcafe9a420faa26746db32c4ed1 62fc62d39db9495887a62a832366085b
//! # newsdex entity merges 1
//! E→person→Ronald Reagan
//! F→Reagan→364
//! ...
//! ```
//!
//! (→ stands for a tab.)
//!
//! `newsdex index` writes it after each run, so incremental runs
//! (changed files, `--prune`, replaced articles) keep it current. Like
//! the saved vocabulary, it is used only for a snapshot of exactly the
//! segments it names; for any other (the index changed since) a search
//! builds the table from the dictionaries, which gives the same answer,
//! more slowly. Article counts are those of the dictionaries: an article
//! deleted but not yet merged away still counts.

use std::collections::HashMap;
use std::path::Path;

use anyhow::Context;
use tantivy::schema::Field;
use tantivy::Searcher;

use super::schema::FacetField;
use super::Fields;
use crate::extract::canon::{Entity, Form, Merges, Pair, Table, Value};
use crate::extract::EntityKind;

/// The file's name in the index directory.
const FILE_NAME: &str = "newsdex-entities.txt";

/// The first line; bump it when the meaning of the file changes.
const MAGIC: &str = "newsdex-entities 1";

/// Facet paths encode their segments apart with this byte.
const SEP: char = '\0';

/// Every value of a flat facet field with its article count, summed over
/// the segments, in value order.
fn values(
    searcher: &Searcher,
    field: Field,
) -> tantivy::Result<Vec<(String, u32)>> {
    let mut counts: HashMap<String, u32> = HashMap::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let mut stream = inverted.terms().stream()?;
        while stream.advance() {
            let Ok(text) = std::str::from_utf8(stream.key()) else {
                continue;
            };
            if text.is_empty() {
                continue;
            }
            let n = counts.entry(text.to_string()).or_default();
            *n = n.saturating_add(stream.value().doc_freq);
        }
    }
    let mut out: Vec<(String, u32)> = counts.into_iter().collect();
    out.sort_unstable();
    Ok(out)
}

/// The entity table of a snapshot, built from its dictionaries.
///
/// # Errors
///
/// An unreadable index.
pub fn read_table(searcher: &Searcher, f: &Fields) -> tantivy::Result<Table> {
    let kinds = [
        (EntityKind::Person, f.person),
        (EntityKind::Org, f.org),
        (EntityKind::Misc, f.misc),
    ];
    let mut read: Vec<(EntityKind, Vec<(String, u32)>)> = Vec::new();
    for (kind, field) in kinds {
        read.push((kind, values(searcher, field)?));
    }
    let values: Vec<Value<'_>> = read
        .iter()
        .flat_map(|(kind, list)| {
            list.iter().map(|(name, n)| Value {
                kind: *kind,
                name,
                articles: *n,
            })
        })
        .collect();
    let aliases = self::values(searcher, f.alias)?;
    let pairs: Vec<Pair<'_>> = aliases
        .iter()
        .filter_map(|(path, n)| {
            let mut parts = path.split(SEP);
            let kind = FacetField::from_name(parts.next()?)?.kind()?;
            let (short, full) = (parts.next()?, parts.next()?);
            parts.next().is_none().then_some(Pair {
                kind,
                short,
                full,
                articles: *n,
            })
        })
        .collect();
    Ok(Table::build(
        &values,
        &pairs,
        &crate::extract::entities::names_a_country,
    ))
}

/// The ids of a snapshot's segments, sorted.
fn segment_ids(searcher: &Searcher) -> Vec<String> {
    let mut ids: Vec<String> = searcher
        .segment_readers()
        .iter()
        .map(|s| s.segment_id().uuid_string())
        .collect();
    ids.sort_unstable();
    ids
}

/// The header line naming the segments.
fn segments_line(ids: &[String]) -> String {
    format!("segments {}", ids.join(" "))
}

/// Writes the merges of the snapshot as the entity table of the index at
/// `dir`, atomically (a temporary file, then a rename), unless the file
/// already describes these segments.
///
/// # Errors
///
/// The index cannot be read or the directory written.
pub fn save(
    dir: &Path,
    searcher: &Searcher,
    f: &Fields,
) -> anyhow::Result<()> {
    let ids = segment_ids(searcher);
    let path = dir.join(FILE_NAME);
    if saved(dir, &ids).is_some() {
        return Ok(());
    }
    let table = read_table(searcher, f)
        .context("cannot read the entities of the index")?;
    let text = format!(
        "{MAGIC}\n{}\n{}",
        segments_line(&ids),
        merges_to_text(&table.merges())
    );
    let tmp = dir.join(format!("{FILE_NAME}.tmp"));
    std::fs::write(&tmp, text)
        .with_context(|| format!("cannot write {}", tmp.display()))?;
    std::fs::rename(&tmp, &path)
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

/// The saved merges, when the file describes exactly these segments.
fn saved(dir: &Path, ids: &[String]) -> Option<Merges> {
    let text = std::fs::read_to_string(dir.join(FILE_NAME)).ok()?;
    let rest = text.strip_prefix(MAGIC)?.strip_prefix('\n')?;
    let (segments, merges) = rest.split_once('\n')?;
    if segments != segments_line(ids) {
        return None;
    }
    merges_from_text(merges).ok()
}

/// The merges of a snapshot: the saved ones when they describe it, else
/// built from its dictionaries.
///
/// # Errors
///
/// An unreadable index.
pub fn load(
    dir: &Path,
    searcher: &Searcher,
    f: &Fields,
) -> anyhow::Result<Merges> {
    if let Some(m) = saved(dir, &segment_ids(searcher)) {
        return Ok(m);
    }
    let table = read_table(searcher, f)
        .context("cannot read the entities of the index")?;
    Ok(table.merges())
}

/// The line before the merges.
const MERGES_HEADER: &str = "# newsdex entity merges 1";

/// Merges as the file keeps them: one entity a block, `E`, the kind and
/// the canonical name, then `F` form and article count lines (and the
/// field third when it is not the entity's kind: an organisation's MISC
/// value) and `A` alias lines, fields separated by tabs. Entities with a
/// tab or line break in a name are left out: they stay unmerged.
pub fn merges_to_text(merges: &Merges) -> String {
    let clean = |s: &str| !s.contains(['\t', '\n', '\r']);
    let kind = |k: EntityKind| FacetField::of_kind(k).name();
    let mut out = String::from(MERGES_HEADER);
    out.push('\n');
    for e in merges.entities() {
        if !clean(&e.name)
            || !e.forms.iter().all(|f| clean(&f.name))
            || !e.aliases.iter().all(|a| clean(a))
        {
            continue;
        }
        out.push_str(&format!("E\t{}\t{}\n", kind(e.kind), e.name));
        for f in &e.forms {
            out.push_str(&format!("F\t{}\t{}", f.name, f.articles));
            if f.kind != e.kind {
                out.push_str(&format!("\t{}", kind(f.kind)));
            }
            out.push('\n');
        }
        for a in &e.aliases {
            out.push_str(&format!("A\t{a}\n"));
        }
    }
    out
}

/// A merges text that is not what [`merges_to_text`] writes.
#[derive(Debug, thiserror::Error)]
#[error("entity merges, line {line}: {what}")]
pub struct MergesError {
    /// One-based line number.
    pub line: usize,
    /// What is wrong there.
    pub what: &'static str,
}

/// Reads what [`merges_to_text`] wrote.
///
/// # Errors
///
/// A missing header, an unknown line or kind, a line outside an entity.
pub fn merges_from_text(text: &str) -> Result<Merges, MergesError> {
    let err = |line: usize, what| MergesError { line, what };
    let kind = |line: usize, name: &str| {
        FacetField::from_name(name)
            .and_then(FacetField::kind)
            .ok_or(err(line, "unknown kind"))
    };
    let mut lines = text.lines().enumerate();
    if lines.next().map(|l| l.1) != Some(MERGES_HEADER) {
        return Err(err(1, "not a file of entity merges"));
    }
    let mut entities: Vec<Entity> = Vec::new();
    for (i, line) in lines {
        let n = i + 1;
        let mut fields = line.split('\t');
        match (fields.next(), fields.next(), fields.next()) {
            (Some("E"), Some(k), Some(name)) => entities.push(Entity {
                kind: kind(n, k)?,
                name: name.to_string(),
                forms: Vec::new(),
                aliases: Vec::new(),
                articles: 0,
            }),
            (Some("F"), Some(name), Some(count)) => {
                let e =
                    entities.last_mut().ok_or(err(n, "form before entity"))?;
                let articles =
                    count.parse().map_err(|_| err(n, "bad article count"))?;
                let field = match fields.next() {
                    Some(k) => kind(n, k)?,
                    None => e.kind,
                };
                e.articles = e.articles.saturating_add(articles);
                e.forms.push(Form {
                    kind: field,
                    name: name.to_string(),
                    articles,
                });
            }
            (Some("A"), Some(alias), None) => {
                let e = entities
                    .last_mut()
                    .ok_or(err(n, "alias before entity"))?;
                e.aliases.push(alias.to_string());
            }
            _ => return Err(err(n, "unknown line")),
        }
    }
    Ok(Merges::from_entities(entities))
}

#[cfg(test)]
mod tests {
    use super::*;
    use EntityKind::{Misc, Org, Person};

    #[test]
    fn merges_read_back_as_written() {
        let values = [
            Value { kind: Org, name: "OPEC", articles: 6 },
            Value { kind: Misc, name: "OPEC", articles: 107 },
            Value {
                kind: Org,
                name: "International Monetary Fund",
                articles: 107,
            },
            Value { kind: Org, name: "Tab\tName", articles: 1 },
            Value { kind: Org, name: "Tab\tName Corp", articles: 1 },
            Value { kind: Person, name: "Reagan", articles: 231 },
            Value { kind: Person, name: "Ronald Reagan", articles: 13 },
        ];
        let pairs = [Pair {
            kind: Org,
            short: "IMF",
            full: "International Monetary Fund",
            articles: 40,
        }];
        let m = Table::build(&values, &pairs, &|_| false).merges();
        let text = merges_to_text(&m);
        assert!(text.contains("F\tOPEC\t107\tmisc\n"), "{text}");
        assert!(!text.contains("Tab"), "{text}");
        let read = merges_from_text(&text).unwrap();
        assert_eq!(read.entities().len(), 3);
        assert_eq!(read.of_value(Misc, "OPEC").unwrap().name, "OPEC");
        assert_eq!(read.of_alias(Org, "imf").unwrap().articles, 107);
        assert_eq!(read.of_value(Person, "Reagan").unwrap().articles, 244);
    }

    #[test]
    fn damaged_merges_name_their_line() {
        assert_eq!(merges_from_text("E\tperson\tX\n").unwrap_err().line, 1);
        let bad = format!("{MERGES_HEADER}\nF\tX\t1\n");
        assert_eq!(merges_from_text(&bad).unwrap_err().line, 2);
        let bad = format!("{MERGES_HEADER}\nE\tteam\tX\n");
        assert_eq!(merges_from_text(&bad).unwrap_err().line, 2);
        let bad = format!("{MERGES_HEADER}\nE\torg\tX\nF\tY\tmany\n");
        assert_eq!(merges_from_text(&bad).unwrap_err().line, 3);
    }
}
