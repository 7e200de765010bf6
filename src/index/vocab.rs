//! The entity vocabulary saved next to the index, so that a search
//! process need not read the facet dictionaries to know which names
//! exist.
//!
//! `newsdex index` writes the file ([`save`]) after its last commit and
//! merge; it holds, per facet field, the text of the table
//! `query::vocab` builds from the dictionaries ([`read_values`] reads
//! them for both), and the ids of the segments it was read from.
//! Segments never change once written, so the saved tables are exact
//! for any snapshot made of the same segments. For any other snapshot
//! (the index changed since, through a merge or another writer) or a
//! missing or unreadable file, nothing is used and the dictionaries are
//! read as before: the file makes searches faster, never different.
//!
//! The layout is a text header, a blank line, then the tables one after
//! another:
//!
//! ```text
//! newsdex-vocab 1
//! segments 1dd58fcafe9a420faa26746db32c4ed1 62fc62d39db9495887a62a832366085b
//! person 0 108996
//! org 108996 575813
//!
//! <bytes of the tables>
//! ```
//!
//! Each field line gives the table's offset after the header and its
//! length in bytes. A field without a line is read from the index.
//! Tables are read with a seek and a read, which every platform has.

use std::fs::File;
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::Path;
use std::sync::Mutex;

use anyhow::Context;
use tantivy::schema::Field;
use tantivy::{Index, Searcher};

use super::schema::FacetField;
use super::{snapshot, Fields};

/// The file's name in the index directory.
const FILE_NAME: &str = "newsdex-vocab.bin";

/// The first line; bump the number when the layout or the meaning of a
/// table changes (older files are then ignored, not misread).
const MAGIC: &str = "newsdex-vocab 1";

/// The longest header read, so that a damaged file costs little.
const MAX_HEADER: u64 = 1 << 20;

/// A saved vocabulary whose header has been read; tables are read on
/// demand.
#[derive(Debug)]
pub struct Saved {
    /// Locked while a table is read (a seek, then a read).
    file: Mutex<File>,
    /// Where the tables start.
    data: u64,
    /// Ids of the segments the tables describe, sorted.
    segments: Vec<String>,
    /// Field name, offset after the header, length.
    tables: Vec<(String, u64, u64)>,
}

impl Saved {
    /// Opens the saved vocabulary of the index at `dir`; `None` when
    /// there is none or its header cannot be read.
    pub fn open(dir: &Path) -> Option<Saved> {
        let file = File::open(dir.join(FILE_NAME)).ok()?;
        let mut reader = BufReader::new(&file).take(MAX_HEADER);
        let mut line = String::new();
        let mut data = 0u64;
        let mut next = |line: &mut String| -> Option<()> {
            line.clear();
            let n = reader.read_line(line).ok()?;
            if n == 0 || !line.ends_with('\n') {
                return None;
            }
            data += n as u64;
            line.pop();
            Some(())
        };
        next(&mut line)?;
        if line != MAGIC {
            return None;
        }
        next(&mut line)?;
        let mut segments: Vec<String> = line
            .strip_prefix("segments")?
            .split_whitespace()
            .map(String::from)
            .collect();
        segments.sort();
        let mut tables = Vec::new();
        loop {
            next(&mut line)?;
            if line.is_empty() {
                break;
            }
            let mut parts = line.split(' ');
            let (Some(field), Some(offset), Some(len), None) =
                (parts.next(), parts.next(), parts.next(), parts.next())
            else {
                return None;
            };
            tables.push((
                field.to_string(),
                offset.parse().ok()?,
                len.parse().ok()?,
            ));
        }
        drop(reader);
        Some(Saved { file: Mutex::new(file), data, segments, tables })
    }

    /// True when the tables were read from exactly these segments (ids
    /// in any order).
    pub fn describes<S: AsRef<str>>(&self, segments: &[S]) -> bool {
        let mut ids: Vec<&str> = segments.iter().map(AsRef::as_ref).collect();
        ids.sort_unstable();
        ids.len() == self.segments.len()
            && ids.iter().zip(&self.segments).all(|(a, b)| *a == b)
    }

    /// The saved table of `field`; `None` when the file has none or it
    /// cannot be read.
    pub fn table(&self, field: FacetField) -> Option<String> {
        let &(_, offset, len) =
            self.tables.iter().find(|(f, _, _)| f == field.name())?;
        let mut bytes = vec![0; usize::try_from(len).ok()?];
        let mut file = self.file.lock().ok()?;
        file.seek(SeekFrom::Start(self.data.checked_add(offset)?)).ok()?;
        file.read_exact(&mut bytes).ok()?;
        String::from_utf8(bytes).ok()
    }
}

/// The fields whose values a vocabulary knows (those a query filters
/// on), in the order of the saved tables.
pub fn fields() -> impl Iterator<Item = FacetField> {
    FacetField::ALL.into_iter().filter(|f| f.is_filter())
}

/// The byte tantivy puts between the segments of an encoded facet.
pub const SEP: char = '\0';

/// The ids of the segments of a snapshot.
pub fn segment_ids(searcher: &Searcher) -> Vec<String> {
    searcher
        .segment_readers()
        .iter()
        .map(|s| s.segment_id().uuid_string())
        .collect()
}

/// True when an encoded key is a facet path newsdex wrote: not the root,
/// no empty segment.
pub fn is_path(key: &str) -> bool {
    !key.is_empty() && key.split(SEP).all(|s| !s.is_empty())
}

/// Calls `visit` with every facet path of a field (with ancestors, as
/// tantivy indexes them, segments joined by [`SEP`]), sorted and
/// distinct: the term dictionaries of all segments merged in order.
///
/// # Errors
///
/// An unreadable index.
pub fn read_values(
    searcher: &Searcher,
    field: Field,
    mut visit: impl FnMut(&str),
) -> tantivy::Result<()> {
    let mut readers = Vec::new();
    for segment in searcher.segment_readers() {
        readers.push(segment.inverted_index(field)?);
    }
    let mut streams = Vec::new();
    for reader in &readers {
        streams.push(reader.terms().stream()?);
    }
    let mut live: Vec<bool> =
        streams.iter_mut().map(|s| s.advance()).collect();
    let mut last: Vec<u8> = Vec::new();
    let mut first = true;
    loop {
        let mut min: Option<usize> = None;
        for (i, stream) in streams.iter().enumerate() {
            if live[i] && min.is_none_or(|m| stream.key() < streams[m].key()) {
                min = Some(i);
            }
        }
        let Some(m) = min else { break };
        let key = streams[m].key();
        if first || key != last.as_slice() {
            first = false;
            last.clear();
            last.extend_from_slice(key);
            if let Ok(text) = std::str::from_utf8(key) {
                if is_path(text) {
                    visit(text);
                }
            }
        }
        for (i, stream) in streams.iter_mut().enumerate() {
            if live[i] && stream.key() == last.as_slice() {
                live[i] = stream.advance();
            }
        }
    }
    Ok(())
}

/// Saves the vocabulary of the index at `dir` as last committed, unless
/// the saved one describes it already (a run that changed nothing).
///
/// # Errors
///
/// The index cannot be read or the directory written.
pub fn save_index(
    dir: &Path,
    index: &Index,
    f: &Fields,
) -> anyhow::Result<()> {
    let searcher = snapshot(index)?;
    let ids = segment_ids(&searcher);
    if Saved::open(dir).is_some_and(|saved| saved.describes(&ids)) {
        return Ok(());
    }
    let tables =
        tables(&searcher, f).context("cannot read the entity vocabulary")?;
    save(dir, &ids, &tables)
}

/// The tables of every field of a snapshot, as text: each value
/// followed by `\n`. A table whose values cannot be told apart by their
/// `\n` alone (a value holds one) is left out: it will be read from the
/// index.
///
/// # Errors
///
/// An unreadable index.
pub fn tables(
    searcher: &Searcher,
    f: &Fields,
) -> tantivy::Result<Vec<(FacetField, String)>> {
    let mut out = Vec::new();
    for field in fields() {
        let mut text = String::new();
        let mut alone = true;
        read_values(searcher, field.field(f), |value| {
            alone &= !value.contains('\n');
            text.push_str(value);
            text.push('\n');
        })?;
        if alone {
            out.push((field, text));
        }
    }
    Ok(out)
}

/// Writes the tables read from `segments` as the vocabulary of the index
/// at `dir`, atomically (a temporary file, then a rename).
///
/// # Errors
///
/// The index directory is not writable.
pub fn save<S: AsRef<str>>(
    dir: &Path,
    segments: &[S],
    tables: &[(FacetField, String)],
) -> anyhow::Result<()> {
    let bytes = encode(segments, tables);
    let path = dir.join(FILE_NAME);
    let tmp = dir.join(format!("{FILE_NAME}.tmp"));
    std::fs::write(&tmp, bytes)
        .with_context(|| format!("cannot write {}", tmp.display()))?;
    std::fs::rename(&tmp, &path)
        .with_context(|| format!("cannot write {}", path.display()))
}

/// The bytes of the file [`save`] writes.
fn encode<S: AsRef<str>>(
    segments: &[S],
    tables: &[(FacetField, String)],
) -> Vec<u8> {
    let mut header = format!("{MAGIC}\nsegments");
    for id in segments {
        header.push(' ');
        header.push_str(id.as_ref());
    }
    header.push('\n');
    let mut offset = 0;
    for (field, text) in tables {
        header.push_str(&format!("{field} {offset} {}\n", text.len()));
        offset += text.len();
    }
    header.push('\n');
    let mut bytes = header.into_bytes();
    for (_, text) in tables {
        bytes.extend_from_slice(text.as_bytes());
    }
    bytes
}

/// What is wrong with the saved vocabulary of the index at `dir`, for
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
        || Saved::open(dir).is_some_and(|saved| saved.describes(&ids)),
        || Ok(encode(&ids, &tables(searcher, f)?)),
    )
}

/// Deletes the saved vocabulary of the index at `dir`, if any.
///
/// # Errors
///
/// It is there and cannot be deleted.
pub fn remove(dir: &Path) -> anyhow::Result<()> {
    super::remove_file(&dir.join(FILE_NAME))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_come_back_for_the_same_segments_only() {
        let dir = tempfile::tempdir().unwrap();
        assert!(Saved::open(dir.path()).is_none());
        let tables = [
            (FacetField::Person, "Ann Lee\nBo Chen\n".to_string()),
            (FacetField::Place, "Asia\nAsia\0Japan\n".to_string()),
            (FacetField::Org, String::new()),
        ];
        save(dir.path(), &["b2", "a1"], &tables).unwrap();
        let saved = Saved::open(dir.path()).unwrap();
        assert!(saved.describes(&["a1", "b2"]));
        assert!(!saved.describes(&["a1"]));
        assert!(!saved.describes(&["a1", "b2", "c3"]));
        assert!(!saved.describes(&["a1", "b3"]));
        for (field, text) in &tables {
            assert_eq!(saved.table(*field).as_ref(), Some(text), "{field}");
        }
        assert_eq!(saved.table(FacetField::Misc), None);
    }

    #[test]
    fn a_damaged_file_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        let person = FacetField::Person;
        save(dir.path(), &["a1"], &[(person, "Ann Lee\n".into())]).unwrap();
        let whole = std::fs::read(&path).unwrap();
        // Cut inside the table: the header reads, the table does not.
        std::fs::write(&path, &whole[..whole.len() - 2]).unwrap();
        let saved = Saved::open(dir.path()).unwrap();
        assert_eq!(saved.table(person), None);
        // Cut inside the header, or another version.
        std::fs::write(&path, &whole[..20]).unwrap();
        assert!(Saved::open(dir.path()).is_none());
        std::fs::write(&path, b"newsdex-vocab 0\nsegments a1\n\n").unwrap();
        assert!(Saved::open(dir.path()).is_none());
    }
}
