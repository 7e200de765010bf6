//! The entity vocabulary saved next to the index, so that a search
//! process need not read the facet dictionaries to know which names
//! exist.
//!
//! `newsdex index` writes the file after its last commit and merge; it
//! holds, per facet field, the text of the table `query::vocab` builds
//! from the dictionaries, and the ids of the segments it was read from.
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

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::os::unix::fs::FileExt;
use std::path::Path;

use anyhow::Context;

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
    file: File,
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
        Some(Saved { file, data, segments, tables })
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
    pub fn table(&self, field: &str) -> Option<String> {
        let &(_, offset, len) =
            self.tables.iter().find(|(f, _, _)| f == field)?;
        let mut bytes = vec![0; usize::try_from(len).ok()?];
        self.file
            .read_exact_at(&mut bytes, self.data.checked_add(offset)?)
            .ok()?;
        String::from_utf8(bytes).ok()
    }
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
    tables: &[(&str, String)],
) -> anyhow::Result<()> {
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
    let path = dir.join(FILE_NAME);
    let tmp = dir.join(format!("{FILE_NAME}.tmp"));
    std::fs::write(&tmp, bytes)
        .with_context(|| format!("cannot write {}", tmp.display()))?;
    std::fs::rename(&tmp, &path)
        .with_context(|| format!("cannot write {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_come_back_for_the_same_segments_only() {
        let dir = tempfile::tempdir().unwrap();
        assert!(Saved::open(dir.path()).is_none());
        let tables = [
            ("person", "Ann Lee\nBo Chen\n".to_string()),
            ("place", "Asia\nAsia\0Japan\n".to_string()),
            ("org", String::new()),
        ];
        save(dir.path(), &["b2", "a1"], &tables).unwrap();
        let saved = Saved::open(dir.path()).unwrap();
        assert!(saved.describes(&["a1", "b2"]));
        assert!(!saved.describes(&["a1"]));
        assert!(!saved.describes(&["a1", "b2", "c3"]));
        assert!(!saved.describes(&["a1", "b3"]));
        for (field, text) in &tables {
            assert_eq!(saved.table(field).as_ref(), Some(text), "{field}");
        }
        assert_eq!(saved.table("misc"), None);
    }

    #[test]
    fn a_damaged_file_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        save(dir.path(), &["a1"], &[("person", "Ann Lee\n".into())]).unwrap();
        let whole = std::fs::read(&path).unwrap();
        // Cut inside the table: the header reads, the table does not.
        std::fs::write(&path, &whole[..whole.len() - 2]).unwrap();
        let saved = Saved::open(dir.path()).unwrap();
        assert_eq!(saved.table("person"), None);
        // Cut inside the header, or another version.
        std::fs::write(&path, &whole[..20]).unwrap();
        assert!(Saved::open(dir.path()).is_none());
        std::fs::write(&path, b"newsdex-vocab 0\nsegments a1\n\n").unwrap();
        assert!(Saved::open(dir.path()).is_none());
    }
}
