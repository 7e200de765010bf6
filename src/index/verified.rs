//! Every file an index is read from matches its checksum.
//!
//! Tantivy writes a CRC32 of its contents at the end of each segment
//! file, but reads check it only for some structures: a damaged term
//! dictionary or fast column fails loudly, while damaged postings
//! (`.idx`) or positions (`.pos`) can give other hits without an error.
//! So every command that opens an index first checks the files of the
//! last commit against their checksums, and keeps the names of the
//! files it found sound, with their size and modification time, in
//! `newsdex-verified.txt`:
//!
//! ```text
//! newsdex-verified 1
//! 1dd58fcafe9a420faa26746db32c4ed1.idx→48231→1733308800123456789
//! ```
//!
//! (→ stands for a tab.) A file listed with the size and time it has
//! now is not read again, so a search on a large index only looks at
//! the files' metadata; a file written since (a new segment, a file
//! damaged by a program) is read once more. Segment files never change
//! once written, so a file that changed is damaged. Damage that keeps a
//! file's size and time (a failing disk) is found by `newsdex check`,
//! which reads every file. A file modified in the last
//! [`RECENT_SECS`] seconds is checked again next time too: its time may
//! not yet tell a second write apart (file times are kept at the
//! kernel's clock tick).
//!
//! A folder that cannot be written (a read-only copy) is checked in
//! full on each open; nothing else changes.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use anyhow::Context;
use tantivy::error::DataCorruption;
use tantivy::{Index, TantivyError};

/// The file's name in the index directory.
const FILE_NAME: &str = "newsdex-verified.txt";

/// The first line; bump it when the meaning of the file changes.
const MAGIC: &str = "newsdex-verified 1";

/// Files modified this recently are checked again on the next open.
const RECENT_SECS: u64 = 2;

/// What a sound file looked like when it was checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Seen {
    len: u64,
    /// Modification time, nanoseconds since the Unix epoch.
    modified: u128,
}

/// Checks the files of the last commit of `index` (in `dir`) that are
/// not listed as sound with their current size and time, and lists
/// those found sound.
///
/// # Errors
///
/// A file does not match its checksum, or cannot be read: a tantivy
/// `DataCorruption` error naming the file, which the commands report as
/// a damaged index.
pub fn verify(index: &Index, dir: &Path) -> anyhow::Result<()> {
    let metas = index.load_metas().context("cannot read the index")?;
    let files = metas.list_segment_files();
    let known = load(dir);
    let now = SystemTime::now();
    let mut sound: Vec<(PathBuf, Seen)> = Vec::with_capacity(files.len());
    let mut checked = false;
    let mut sorted: Vec<&PathBuf> = files.iter().collect();
    sorted.sort();
    for file in sorted {
        let Some(seen) = seen(&dir.join(file)) else {
            // Not there: tantivy says so, naming the file, when it
            // opens the segment.
            continue;
        };
        if known.get(file.as_path()) != Some(&seen) {
            checked = true;
            let ok = index
                .directory()
                .validate_checksum(file)
                .map_err(|e| damaged(file, &e.to_string()))?;
            if !ok {
                return Err(damaged(
                    file,
                    "its contents do not match its checksum",
                ));
            }
        }
        let recent = SystemTime::UNIX_EPOCH
            .checked_add(nanos(seen.modified))
            .and_then(|at| now.duration_since(at).ok())
            .is_none_or(|age| age < Duration::from_secs(RECENT_SECS));
        if !recent {
            sound.push((file.clone(), seen));
        }
    }
    if checked || sound.len() != known.len() {
        // A folder that cannot be written is checked again next time.
        let _ = save(dir, &sound);
    }
    Ok(())
}

/// The error of a damaged file, as tantivy reports damage.
fn damaged(file: &Path, comment: &str) -> anyhow::Error {
    anyhow::Error::new(TantivyError::DataCorruption(DataCorruption::new(
        file.to_path_buf(),
        comment.to_string(),
    )))
}

/// A file's size and modification time, when it exists.
fn seen(path: &Path) -> Option<Seen> {
    let meta = std::fs::metadata(path).ok()?;
    let modified = meta
        .modified()
        .ok()?
        .duration_since(SystemTime::UNIX_EPOCH)
        .ok()?
        .as_nanos();
    Some(Seen { len: meta.len(), modified })
}

/// A duration of `n` nanoseconds (saturating).
fn nanos(n: u128) -> Duration {
    let secs = u64::try_from(n / 1_000_000_000).unwrap_or(u64::MAX);
    Duration::new(secs, (n % 1_000_000_000) as u32)
}

/// The files listed as sound; none when the list is missing or
/// unreadable (every file is then checked).
fn load(dir: &Path) -> HashMap<PathBuf, Seen> {
    let Ok(text) = std::fs::read_to_string(dir.join(FILE_NAME)) else {
        return HashMap::new();
    };
    let mut lines = text.lines();
    if lines.next() != Some(MAGIC) {
        return HashMap::new();
    }
    lines
        .filter_map(|line| {
            let mut parts = line.split('\t');
            let name = parts.next()?;
            let len = parts.next()?.parse().ok()?;
            let modified = parts.next()?.parse().ok()?;
            Some((PathBuf::from(name), Seen { len, modified }))
        })
        .collect()
}

/// Writes the list of sound files (atomically: a rename).
fn save(dir: &Path, sound: &[(PathBuf, Seen)]) -> std::io::Result<()> {
    let mut text = String::from(MAGIC);
    text.push('\n');
    for (file, seen) in sound {
        let Some(name) = file.to_str() else { continue };
        text.push_str(&format!("{name}\t{}\t{}\n", seen.len, seen.modified));
    }
    let partial = dir.join(format!("{FILE_NAME}.partial"));
    std::fs::write(&partial, text)?;
    std::fs::rename(&partial, dir.join(FILE_NAME))
}

/// Forgets which files were found sound, so that the next open checks
/// every file.
///
/// # Errors
///
/// The list exists and cannot be deleted.
pub fn forget(dir: &Path) -> std::io::Result<()> {
    match std::fs::remove_file(dir.join(FILE_NAME)) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_reads_back_what_was_saved() {
        let dir = tempfile::tempdir().unwrap();
        let seen = Seen { len: 48_231, modified: 1_733_308_800_123_456_789 };
        save(dir.path(), &[(PathBuf::from("a.idx"), seen)]).unwrap();
        let known = load(dir.path());
        assert_eq!(known.get(Path::new("a.idx")), Some(&seen));
        // Another version's list is no list.
        std::fs::write(dir.path().join(FILE_NAME), "newsdex-verified 0\n")
            .unwrap();
        assert!(load(dir.path()).is_empty());
        forget(dir.path()).unwrap();
        forget(dir.path()).unwrap();
        assert!(load(dir.path()).is_empty());
    }

    #[test]
    fn nanoseconds_make_a_duration() {
        assert_eq!(nanos(1_500_000_000), Duration::new(1, 500_000_000));
        assert_eq!(nanos(u128::MAX).as_secs(), u64::MAX);
    }
}
