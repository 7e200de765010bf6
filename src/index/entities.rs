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

use super::Fields;
use crate::extract::canon::{Merges, Pair, Table, Value};
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
            let kind = match parts.next()? {
                "person" => EntityKind::Person,
                "org" => EntityKind::Org,
                _ => return None,
            };
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
        table.merges().to_text()
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
    Merges::from_text(merges).ok()
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
