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

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;

use anyhow::Context;
use tantivy::schema::Field;
use tantivy::Searcher;

use super::schema::{FacetField, ALIAS_SEP, BAND, WORK};
use super::Fields;
use crate::extract::canon::{
    self, By, Entity, Form, Merges, Pair, Table, Value,
};
use crate::extract::EntityKind;

/// The file's name in the index directory.
const FILE_NAME: &str = "newsdex-entities.txt";

/// The first line; bump it when the meaning of the file changes.
const MAGIC: &str = "newsdex-entities 5";

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
    let aliases = self::values(searcher, f.alias)?;
    Ok(table_of(&read, &aliases))
}

/// The entity table of the person, organisation and MISC values of an
/// archive with their article counts, and the `alias` values (paths
/// whose segments are joined by a NUL) with theirs: what the index's
/// dictionaries or a cluster's aggregations give.
pub fn table_of(
    read: &[(EntityKind, Vec<(String, u32)>)],
    aliases: &[(String, u32)],
) -> Table {
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
    let named = |tag: &str| -> Vec<(&str, u32)> {
        aliases
            .iter()
            .filter_map(|(path, n)| {
                let (first, name) = path.split_once(ALIAS_SEP)?;
                (first == tag).then_some((name, *n))
            })
            .collect()
    };
    let (works, bands) = (named(WORK), named(BAND));
    let pairs: Vec<Pair<'_>> = aliases
        .iter()
        .filter_map(|(path, n)| {
            let mut parts = path.split(ALIAS_SEP);
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
    let mut table = Table::build(
        &values,
        &pairs,
        &crate::extract::entities::names_a_country,
    );
    table.mark_works(&works);
    table.mark_bands(&bands);
    table
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
    let text = encode(searcher, f, &ids)
        .context("cannot read the entities of the index")?;
    let tmp = dir.join(format!("{FILE_NAME}.tmp"));
    std::fs::write(&tmp, text)
        .with_context(|| format!("cannot write {}", tmp.display()))?;
    std::fs::rename(&tmp, &path)
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

/// The text of the file [`save`] writes for a snapshot whose segments
/// are `ids`.
fn encode(
    searcher: &Searcher,
    f: &Fields,
    ids: &[String],
) -> tantivy::Result<String> {
    let table = read_table(searcher, f)?;
    Ok(format!(
        "{MAGIC}\n{}\n{}",
        segments_line(ids),
        saved_text(&table.merges())
    ))
}

/// What is wrong with the saved entity table of the index at `dir`, for
/// a snapshot of it: `None` when it is byte for byte what [`save`]
/// would write now.
///
/// # Errors
///
/// The index cannot be read.
pub fn verify(
    dir: &Path,
    searcher: &Searcher,
    f: &Fields,
) -> tantivy::Result<Option<String>> {
    let ids = segment_ids(searcher);
    super::verify_saved(
        &dir.join(FILE_NAME),
        || saved(dir, &ids).is_some(),
        || Ok(encode(searcher, f, &ids)?.into_bytes()),
    )
}

/// Deletes the saved entity table of the index at `dir`, if any.
///
/// # Errors
///
/// It is there and cannot be deleted.
pub fn remove(dir: &Path) -> anyhow::Result<()> {
    super::remove_file(&dir.join(FILE_NAME))
}

/// The saved merges, when the file describes exactly these segments.
fn saved(dir: &Path, ids: &[String]) -> Option<SavedMerges> {
    let bytes = std::fs::read(dir.join(FILE_NAME)).ok()?;
    let want = format!("{MAGIC}\n{}\n", segments_line(ids));
    if !bytes.starts_with(want.as_bytes()) {
        return None;
    }
    SavedMerges::new(bytes, want.len())
}

/// The saved merges of a snapshot, when they describe it; `None` when
/// there are none (build them with [`read_table`] then).
pub fn load_saved(dir: &Path, searcher: &Searcher) -> Option<SavedMerges> {
    saved(dir, &segment_ids(searcher))
}

/// The file's body: the merges as [`merges_to_text`] writes them, then
/// look-up lines sorted by their first fields, so that a search reads
/// the entities it needs without parsing the rest ([`SavedMerges`]):
/// `V kind value offset` for each form, `L kind key offset` for each
/// alias's [`canon::key`], `N kind key offset` for each canonical name's,
/// where offset is that of the entity's `E` line in the body.
fn saved_text(merges: &Merges) -> String {
    let blocks = merges_to_text(merges);
    let mut index: Vec<String> = Vec::new();
    let mut at = 0;
    let mut entities = merges.entities().iter();
    for line in blocks.split_inclusive('\n') {
        if line.starts_with("E\t") {
            // Blocks come in the order of the entities, less the ones
            // left out for a tab or line break in a name.
            let name = line.trim_end_matches('\n').rsplit('\t').next();
            let e = entities.by_ref().find(|e| Some(e.name.as_str()) == name);
            if let Some(e) = e {
                let field = FacetField::of_kind(e.kind).name();
                for f in &e.forms {
                    let k = FacetField::of_kind(f.kind).name();
                    index.push(format!("V\t{k}\t{}\t{at}\n", f.name));
                }
                for a in &e.aliases {
                    let key = canon::key(e.kind, a);
                    index.push(format!("L\t{field}\t{key}\t{at}\n"));
                }
                let key = canon::key(e.kind, &e.name);
                index.push(format!("N\t{field}\t{key}\t{at}\n"));
            }
        }
        at += line.len();
    }
    // Sorted by tag, kind and value: the look-up compares those bytes.
    index.sort_by(|a, b| sort_key(a).cmp(sort_key(b)));
    index.dedup_by(|a, b| sort_key(a) == sort_key(b));
    // First line: where the look-up lines start, after it.
    let mut out = format!("lookups {}\n", blocks.len());
    out.push_str(&blocks);
    for line in index {
        out.push_str(&line);
    }
    out
}

/// A look-up line without its offset: what lines are sorted by.
fn sort_key(line: &str) -> &str {
    let line = line.trim_end_matches('\n');
    line.rsplit_once('\t').map_or(line, |(k, _)| k)
}

/// Saved merges read on demand: the file's bytes and where its parts
/// start. Opening reads the file and nothing more; a look-up is a binary
/// search over the sorted look-up lines, in place (as Unix `look` does),
/// and the parse of one entity's lines.
#[derive(Debug)]
pub struct SavedMerges {
    bytes: Vec<u8>,
    /// Where the merges start.
    body: usize,
    /// Where the look-up lines start.
    lookups: usize,
    /// Every look-up line's entity, parsed, when kept in memory
    /// ([`SavedMerges::keep_in_memory`]).
    parsed: Option<Parsed>,
}

/// The entities of a file's look-up lines, parsed once.
#[derive(Debug, Default)]
struct Parsed {
    entities: Vec<Entity>,
    /// The look-up lines by their tag and field (`V`, `person`).
    lines: Vec<(Box<str>, Box<str>, LineValues)>,
}

/// Each look-up line's value → its entity in [`Parsed::entities`].
type LineValues = rustc_hash::FxHashMap<Box<str>, u32>;

impl SavedMerges {
    /// Reads `bytes` from `start` on; `None` when it is not what
    /// [`saved_text`] writes.
    fn new(bytes: Vec<u8>, start: usize) -> Option<SavedMerges> {
        let first = bytes.get(start..)?;
        let end = memchr::memchr(b'\n', first)?;
        let line = std::str::from_utf8(&first[..end]).ok()?;
        let lookups: usize = line.strip_prefix("lookups ")?.parse().ok()?;
        let body = start + end + 1;
        let lookups = body.checked_add(lookups)?;
        (lookups <= bytes.len()).then_some(SavedMerges {
            bytes,
            body,
            lookups,
            parsed: None,
        })
    }

    /// Parses the entity of every look-up line once, so that a look-up
    /// is a hash look-up that copies nothing: for a server, which looks
    /// up the entities of every hit and facet value. Answers are the
    /// same.
    pub fn keep_in_memory(&mut self) {
        let mut parsed = Parsed::default();
        let mut at_offset: HashMap<usize, u32> = HashMap::new();
        for line in self.bytes[self.lookups..].split(|b| *b == b'\n') {
            let Some(cut) = memchr::memrchr(b'\t', line) else { continue };
            // Tag, field and value: neither of the first two holds a
            // tab, so these parts are equal when the lines are.
            let Ok(key) = std::str::from_utf8(&line[..cut]) else { continue };
            let mut parts = key.splitn(3, '\t');
            let (Some(tag), Some(field), Some(value)) =
                (parts.next(), parts.next(), parts.next())
            else {
                continue;
            };
            let offset = std::str::from_utf8(&line[cut + 1..])
                .ok()
                .and_then(|o| o.parse::<usize>().ok());
            let Some(offset) = offset else { continue };
            let id = match at_offset.get(&offset) {
                Some(&id) => id,
                None => {
                    let Some(e) = self.entity_at(self.body + offset) else {
                        continue;
                    };
                    let id = parsed.entities.len() as u32;
                    parsed.entities.push(e);
                    at_offset.insert(offset, id);
                    id
                }
            };
            let at = match parsed
                .lines
                .iter()
                .position(|(t, f, _)| **t == *tag && **f == *field)
            {
                Some(at) => at,
                None => {
                    let values = LineValues::default();
                    parsed.lines.push((tag.into(), field.into(), values));
                    parsed.lines.len() - 1
                }
            };
            parsed.lines[at].2.entry(value.into()).or_insert(id);
        }
        self.parsed = Some(parsed);
    }

    /// The bounds of the line holding byte `at` of `lo..hi` (`lo` starts
    /// a line).
    fn line_around(&self, lo: usize, at: usize, hi: usize) -> (usize, usize) {
        let start = memchr::memrchr(b'\n', &self.bytes[lo..at])
            .map_or(lo, |i| lo + i + 1);
        let end =
            memchr::memchr(b'\n', &self.bytes[at..hi]).map_or(hi, |i| at + i);
        (start, end)
    }

    /// The entity of the look-up line `tag kind value`, if any.
    fn find(
        &self,
        tag: char,
        kind: EntityKind,
        value: &str,
    ) -> Option<Cow<'_, Entity>> {
        let field = FacetField::of_kind(kind).name();
        if let Some(parsed) = &self.parsed {
            let mut buf = [0; 4];
            let tag: &str = tag.encode_utf8(&mut buf);
            let (_, _, values) = parsed
                .lines
                .iter()
                .find(|(t, f, _)| **t == *tag && **f == *field)?;
            let id = *values.get(value)?;
            return Some(Cow::Borrowed(&parsed.entities[id as usize]));
        }
        let want = format!("{tag}\t{field}\t{value}");
        let want = want.as_bytes();
        let (mut lo, mut hi) = (self.lookups, self.bytes.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            let (start, end) = self.line_around(lo, mid, hi);
            let line = &self.bytes[start..end];
            // The line less its offset, the last field.
            let cut = memchr::memrchr(b'\t', line)?;
            match line[..cut].cmp(want) {
                std::cmp::Ordering::Less => lo = end + 1,
                std::cmp::Ordering::Greater => hi = start,
                std::cmp::Ordering::Equal => {
                    let offset = std::str::from_utf8(&line[cut + 1..]).ok()?;
                    return self
                        .entity_at(self.body + offset.parse::<usize>().ok()?)
                        .map(Cow::Owned);
                }
            }
        }
        None
    }

    /// The entity whose `E` line starts at `at`.
    fn entity_at(&self, at: usize) -> Option<Entity> {
        let rest = self.bytes.get(at..self.lookups)?;
        let mut end = 0;
        for (i, line) in rest.split_inclusive(|b| *b == b'\n').enumerate() {
            if i > 0 && !matches!(line.first(), Some(b'F' | b'A' | b'B')) {
                break;
            }
            end += line.len();
        }
        let block = std::str::from_utf8(&rest[..end]).ok()?;
        entities_from_lines(block.lines(), 1).ok()?.pop()
    }

    /// The entity `name` names, looked up as `by` says (as
    /// [`Merges::get`]).
    pub fn get(
        &self,
        by: By,
        kind: EntityKind,
        name: &str,
    ) -> Option<Cow<'_, Entity>> {
        match by {
            By::Value => self.find('V', kind, name),
            By::Alias => self.find('L', kind, &canon::key(kind, name)),
            By::Name => self.find('N', kind, &canon::key(kind, name)),
        }
    }

    /// All of it, for the commands that need every entity (or change
    /// them).
    ///
    /// # Errors
    ///
    /// A damaged file.
    pub fn to_merges(&self) -> Result<Merges, MergesError> {
        let body = std::str::from_utf8(&self.bytes[self.body..self.lookups])
            .map_err(|_| MergesError { line: 1, what: "not UTF-8" })?;
        merges_from_text(body)
    }
}

/// The line before the merges.
const MERGES_HEADER: &str = "# newsdex entity merges 1";

/// Merges as the file keeps them: one entity a block, `E`, the kind and
/// the canonical name, then `F` form and article count lines (and the
/// field third when it is not the entity's kind: an organisation's MISC
/// value), `A` alias lines and `B` lines of the values that name its
/// bodies, fields separated by tabs. Entities with a
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
            || !e.bodies.iter().all(|b| clean(b))
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
        for b in &e.bodies {
            out.push_str(&format!("B\t{b}\n"));
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
    let mut lines = text.lines();
    if lines.next() != Some(MERGES_HEADER) {
        return Err(MergesError {
            line: 1,
            what: "not a file of entity merges",
        });
    }
    let entities = entities_from_lines(lines, 2)?;
    Ok(Merges::from_entities(entities))
}

/// The entities of `E`, `F`, `A` and `B` lines, the first numbered `first`;
/// reading stops at the look-up lines that follow them in the file.
fn entities_from_lines<'a>(
    lines: impl Iterator<Item = &'a str>,
    first: usize,
) -> Result<Vec<Entity>, MergesError> {
    let err = |line: usize, what| MergesError { line, what };
    let kind = |line: usize, name: &str| {
        FacetField::from_name(name)
            .and_then(FacetField::kind)
            .ok_or(err(line, "unknown kind"))
    };
    let mut entities: Vec<Entity> = Vec::new();
    for (i, line) in lines.enumerate() {
        let n = i + first;
        let mut fields = line.split('\t');
        match (fields.next(), fields.next(), fields.next()) {
            (Some("E"), Some(k), Some(name)) => entities.push(Entity {
                kind: kind(n, k)?,
                name: name.to_string(),
                forms: Vec::new(),
                aliases: Vec::new(),
                bodies: Vec::new(),
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
            (Some("B"), Some(body), None) => {
                let e =
                    entities.last_mut().ok_or(err(n, "body before entity"))?;
                e.bodies.push(body.to_string());
            }
            // The look-up lines that follow the merges in the file.
            (Some("V" | "L" | "N"), ..) => break,
            _ => return Err(err(n, "unknown line")),
        }
    }
    Ok(entities)
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
    fn saved_merges_find_entities_without_reading_all_or_kept() {
        let values = [
            Value { kind: Org, name: "OPEC", articles: 6 },
            Value { kind: Misc, name: "OPEC", articles: 107 },
            Value {
                kind: Org,
                name: "International Monetary Fund",
                articles: 107,
            },
            Value { kind: Person, name: "Reagan", articles: 231 },
            Value { kind: Person, name: "Ronald Reagan", articles: 13 },
            Value { kind: Org, name: "Nestle", articles: 3 },
        ];
        let pairs = [Pair {
            kind: Org,
            short: "IMF",
            full: "International Monetary Fund",
            articles: 40,
        }];
        let m = Table::build(&values, &pairs, &|_| false).merges();
        let text = format!("head\n{}", saved_text(&m));
        assert!(text.starts_with("head\nlookups "));
        let saved = SavedMerges::new(text.clone().into_bytes(), 5).unwrap();
        // Kept in memory, the same entities are found.
        let mut kept = SavedMerges::new(text.into_bytes(), 5).unwrap();
        kept.keep_in_memory();
        for saved in [&saved, &kept] {
            assert_eq!(
                saved.get(By::Value, Person, "Reagan").unwrap().name,
                "Ronald Reagan"
            );
            assert_eq!(
                saved.get(By::Value, Misc, "OPEC").unwrap().name,
                "OPEC"
            );
            assert_eq!(
                saved.get(By::Value, Org, "OPEC").unwrap().articles,
                113
            );
            assert!(saved.get(By::Value, Org, "Nestle").is_none());
            assert!(saved.get(By::Value, Misc, "Reagan").is_none());
            assert_eq!(
                saved.get(By::Alias, Org, "imf").unwrap().name,
                "International Monetary Fund"
            );
            assert_eq!(
                saved
                    .get(By::Name, Person, "RONALD REAGAN")
                    .unwrap()
                    .forms
                    .len(),
                2
            );
        }
        assert_eq!(saved.to_merges().unwrap(), m);
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
