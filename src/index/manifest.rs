//! What was indexed from which file, so that indexing a folder again
//! reads only what changed.
//!
//! The manifest is a JSON file in the index directory, written after the
//! index is committed. If newsdex dies before that, the next run reads the
//! same files again and replaces their articles (they are deleted by file
//! first), so the index never holds an article twice.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::Context;
use serde::{Deserialize, Serialize};

const FILE_NAME: &str = "newsdex-files.json";

/// The state of one indexed file when it was read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileState {
    /// Size in bytes.
    pub size: u64,
    /// Modification time, nanoseconds since the Unix epoch.
    pub mtime_ns: i128,
    /// Articles it gave.
    pub articles: usize,
}

impl FileState {
    /// The size and modification time of a file now (`articles` 0).
    pub fn of(path: &Path) -> Option<FileState> {
        let meta = std::fs::metadata(path).ok()?;
        let mtime = meta.modified().ok()?;
        let mtime_ns = match mtime.duration_since(std::time::UNIX_EPOCH) {
            Ok(d) => d.as_nanos() as i128,
            Err(e) => -(e.duration().as_nanos() as i128),
        };
        Some(FileState { size: meta.len(), mtime_ns, articles: 0 })
    }

    /// Whether the file is as it was when indexed.
    pub fn same_file(&self, other: &FileState) -> bool {
        self.size == other.size && self.mtime_ns == other.mtime_ns
    }
}

/// Indexed files by their absolute path.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Manifest {
    /// Path → state.
    pub files: BTreeMap<String, FileState>,
}

impl Manifest {
    /// Reads the manifest of an index; empty when there is none.
    ///
    /// # Errors
    ///
    /// A manifest that exists but cannot be read or parsed.
    pub fn load(index_dir: &Path) -> anyhow::Result<Manifest> {
        let path = index_dir.join(FILE_NAME);
        match std::fs::read_to_string(&path) {
            Ok(text) => serde_json::from_str(&text)
                .with_context(|| format!("{} is corrupt", path.display())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                Ok(Manifest::default())
            }
            Err(e) => Err(e)
                .with_context(|| format!("cannot read {}", path.display())),
        }
    }

    /// Writes the manifest atomically (a temporary file, then a rename).
    ///
    /// # Errors
    ///
    /// The index directory is not writable.
    pub fn save(&self, index_dir: &Path) -> anyhow::Result<()> {
        let path = index_dir.join(FILE_NAME);
        let tmp = index_dir.join(format!("{FILE_NAME}.tmp"));
        let text = serde_json::to_string(self)?;
        std::fs::write(&tmp, text)
            .with_context(|| format!("cannot write {}", tmp.display()))?;
        std::fs::rename(&tmp, &path)
            .with_context(|| format!("cannot write {}", path.display()))
    }

    /// Files recorded under `root` that no longer exist.
    pub fn missing_under(&self, root: &Path) -> Vec<String> {
        let root = key(root);
        self.files
            .keys()
            .filter(|f| Path::new(f).starts_with(&root))
            .filter(|f| !Path::new(f).exists())
            .cloned()
            .collect()
    }
}

/// The manifest key of a path: absolute and without `.` or `..`.
pub fn key(path: &Path) -> String {
    let abs: PathBuf =
        std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    abs.to_string_lossy().into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_missing_files() {
        let dir = tempfile::tempdir().unwrap();
        let kept = dir.path().join("kept.txt");
        std::fs::write(&kept, "x").unwrap();
        let mut m = Manifest::default();
        let state = FileState::of(&kept).unwrap();
        m.files.insert(key(&kept), state.clone());
        let gone = format!("{}/gone.txt", key(dir.path()));
        m.files.insert(gone.clone(), state.clone());
        m.save(dir.path()).unwrap();
        let back = Manifest::load(dir.path()).unwrap();
        assert_eq!(back.files.len(), 2);
        assert_eq!(back.missing_under(dir.path()), vec![gone]);
        assert!(
            back.files[&key(&kept)].same_file(&FileState::of(&kept).unwrap())
        );
    }
}
