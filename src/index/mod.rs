//! The tantivy index: its schema, where it lives, and how articles get in.
//!
//! This module (with `query`) is the only code that talks to tantivy.
//! It knows nothing about files or command-line flags.

pub mod check;
pub mod cluster;
pub mod entities;
pub mod manifest;
pub mod schema;
pub mod stored;
pub mod stories;
pub mod text;
pub mod verified;
pub mod vocab;
pub mod writer;

use std::path::Path;

use anyhow::{bail, Context};
use tantivy::{Index, ReloadPolicy, Searcher};

pub use schema::Fields;

/// Name of the file newsdex writes into every index directory, so that an
/// index from an incompatible version is recognised instead of misread.
/// Written last when an index is created, by a rename: an index without
/// it was never finished.
const MARKER: &str = "newsdex-index.json";

/// Written first when an index is created and removed once [`MARKER`]
/// is there: a folder holding it without the marker is an index whose
/// creation was interrupted (a kill, a full disk), which holds no
/// article and is created again.
const CREATING: &str = "newsdex-index.creating";

/// Bump when the schema or the meaning of a field changes.
///
/// 4: facet column dictionaries without zstd (a build without tantivy's
/// zstd cannot read the blocks format 3 compressed).
/// 5: mentioned dates also indexed per precision (`mentioned_day`,
/// `_month`, `_year`); the full-text fields name their analyzer
/// `newsdex_en` (was tantivy's `en_stem`, which newsdex replaced).
/// 6: entities' salience (the `salience` field, `salience` in the
/// stored entities).
/// 7: `alias` one raw term per short form (was a facet field).
/// 8: stories (`story`, `story_band`, `signature`): copies of one story
/// are grouped, none dropped.
/// 9: no `story_band` field: a run makes the band keys of the index's
/// stories from their `signature` column (indexing them cost more).
pub const FORMAT_VERSION: u32 = 9;

/// Opens the index at `path`, creating it (and the directory) if needed.
///
/// # Errors
///
/// Fails when the directory cannot be created, holds something that is
/// not a newsdex index, or an index of another format version.
pub fn open_or_create(path: &Path) -> anyhow::Result<(Index, Fields)> {
    let (schema, fields) = schema::build();
    if interrupted(path) {
        std::fs::remove_dir_all(path).with_context(|| {
            format!("cannot delete the unfinished index {}", path.display())
        })?;
    }
    let is_empty = match std::fs::read_dir(path) {
        Ok(mut entries) => entries.next().is_none(),
        Err(_) => true,
    };
    if is_empty {
        let write = |name: &str, text: &str| {
            std::fs::write(path.join(name), text).with_context(|| {
                format!("cannot write {}", path.join(name).display())
            })
        };
        std::fs::create_dir_all(path).with_context(|| {
            format!("cannot create index directory {}", path.display())
        })?;
        write(CREATING, "")?;
        let index = Index::create_in_dir(path, schema).with_context(|| {
            format!("cannot create index in {}", path.display())
        })?;
        let marker = format!("{{\"format_version\": {FORMAT_VERSION}}}\n");
        let partial = format!("{MARKER}.partial");
        write(&partial, &marker)?;
        std::fs::rename(path.join(&partial), path.join(MARKER)).with_context(
            || format!("cannot write {}", path.join(MARKER).display()),
        )?;
        let _ = std::fs::remove_file(path.join(CREATING));
        register_analyzers(&index);
        return Ok((index, fields));
    }
    open(path)
}

/// Whether `path` holds an index whose creation was interrupted.
fn interrupted(path: &Path) -> bool {
    path.join(CREATING).exists() && !path.join(MARKER).exists()
}

/// Opens an existing index for searching.
///
/// # Errors
///
/// Fails with a message that tells the user what to do when there is no
/// index at `path` or it was built by an incompatible version.
pub fn open(path: &Path) -> anyhow::Result<(Index, Fields)> {
    let marker = path.join(MARKER);
    if interrupted(path) {
        bail!(
            "the index at {} was never finished (its creation was \
             interrupted): `newsdex index PATH...` creates it again",
            path.display()
        );
    }
    let text = match std::fs::read_to_string(&marker) {
        Ok(t) => t,
        Err(_) if !path.exists() => bail!(
            "no index at {}: build one with `newsdex index PATH...` \
             (or point --index / NEWSDEX_INDEX at it)",
            path.display()
        ),
        Err(_) if holds_only_index_files(path) => bail!(
            "the index at {} has lost its marker {MARKER} (deleted, or \
             never written by a run that was killed): rebuild it with \
             `newsdex index --rebuild PATH...`",
            path.display()
        ),
        Err(_) => bail!(
            "{} is not a newsdex index (no {MARKER}); choose another \
             --index directory",
            path.display()
        ),
    };
    let version: serde_json::Value = serde_json::from_str(&text)
        .with_context(|| format!("{} is corrupt", marker.display()))?;
    if version["format_version"] != FORMAT_VERSION {
        bail!(
            "the index at {} has format {} but this newsdex reads format \
             {FORMAT_VERSION}: rebuild it with `newsdex index --rebuild`",
            path.display(),
            version["format_version"]
        );
    }
    let index = Index::open_in_dir(path)
        .with_context(|| format!("cannot open index at {}", path.display()))?;
    let (expected, fields) = schema::build();
    if index.schema() != expected {
        bail!(
            "the index at {} has an unexpected schema: rebuild it with \
             `newsdex index --rebuild`",
            path.display()
        );
    }
    register_analyzers(&index);
    verified::verify(&index, path)?;
    Ok((index, fields))
}

/// An empty index in memory with newsdex's schema and analyzer: what
/// the cluster engine compiles queries and renders hits with.
pub fn in_ram() -> (Index, Fields) {
    let (schema, fields) = schema::build();
    let index = Index::create_in_ram(schema);
    register_analyzers(&index);
    (index, fields)
}

/// Registers newsdex's text analyzer (tantivy's `en_stem` tokens less
/// stop words, faster; see [`text`]) under the schema's name for it.
fn register_analyzers(index: &Index) {
    index.tokenizers().register(schema::STEM_TOKENIZER, text::analyzer());
}

/// The index as last committed, read once: no thread watches for later
/// commits.
///
/// # Errors
///
/// The index files cannot be read.
pub fn snapshot(index: &Index) -> anyhow::Result<Searcher> {
    let reader: tantivy::IndexReader = index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()
        .context("cannot open an index reader")?;
    Ok(reader.searcher())
}

/// Deletes the index at `path`, when there is a newsdex index there
/// (or one whose creation was interrupted) and no writer holds it.
///
/// # Errors
///
/// Refuses to delete a directory that is not a newsdex index, or an
/// index another newsdex is writing to.
pub fn remove(path: &Path) -> anyhow::Result<()> {
    if !path.exists() {
        return Ok(());
    }
    if interrupted(path) {
        return std::fs::remove_dir_all(path)
            .with_context(|| format!("cannot delete {}", path.display()));
    }
    if !path.join(MARKER).exists() {
        let empty = std::fs::read_dir(path)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if empty {
            return Ok(());
        }
        if !holds_only_index_files(path) {
            bail!(
                "refusing to delete {}: it is not a newsdex index (it \
                 holds files an index does not)",
                path.display()
            );
        }
    }
    // Held while the files go: a writer that starts meanwhile finds it
    // taken (and then no index).
    let _lock = lock(path, "--rebuild deletes it only when no one does")?;
    // The sentinel first, the marker next, the sentinel last: a kill
    // at any moment leaves an index whose creation was interrupted,
    // which the next run creates again.
    let creating = path.join(CREATING);
    std::fs::write(&creating, "")
        .with_context(|| format!("cannot write {}", creating.display()))?;
    remove_file(&path.join(MARKER))?;
    let entries = std::fs::read_dir(path)
        .with_context(|| format!("cannot read {}", path.display()))?;
    for entry in entries {
        let entry = entry
            .with_context(|| format!("cannot read {}", path.display()))?;
        let file = entry.path();
        if file == creating {
            continue;
        }
        let removed = if entry.file_type().is_ok_and(|t| t.is_dir()) {
            std::fs::remove_dir_all(&file)
        } else {
            std::fs::remove_file(&file)
        };
        removed
            .with_context(|| format!("cannot delete {}", file.display()))?;
    }
    std::fs::remove_dir_all(path)
        .with_context(|| format!("cannot delete {}", path.display()))
}

/// Whether `path` holds only files an index has, tantivy's among them:
/// an index whose marker was deleted, or one that a newsdex before the
/// creation sentinel was killed while creating. `--rebuild` may delete
/// it; a folder with any other file is left alone.
fn holds_only_index_files(path: &Path) -> bool {
    let Ok(entries) = std::fs::read_dir(path) else { return false };
    let mut tantivy = false;
    for entry in entries {
        let Ok(entry) = entry else { return false };
        if !entry.file_type().is_ok_and(|t| t.is_file()) {
            return false;
        }
        let name = entry.file_name();
        let Some(name) = name.to_str() else { return false };
        if is_tantivy_file(name) {
            tantivy = true;
        } else if !name.starts_with("newsdex-") {
            return false;
        }
    }
    tantivy
}

/// Whether a file name is one tantivy gives the files of an index:
/// `meta.json`, `.managed.json`, its locks, the temporary files of its
/// atomic writes, and segment files (`<32 hex digits>.<ext>`, delete
/// files `<id>.<opstamp>.del`).
fn is_tantivy_file(name: &str) -> bool {
    let fixed = [
        "meta.json",
        ".managed.json",
        ".tantivy-meta.lock",
        ".tantivy-writer.lock",
    ];
    if fixed.contains(&name) || name.starts_with(".tmp") {
        return true;
    }
    is_segment_file(name)
}

/// Takes the writer's lock of the index at `path`, for work on its
/// files that no writer may do meanwhile; `why` ends the message when
/// another newsdex holds it.
///
/// # Errors
///
/// Another newsdex writes to the index, or the lock cannot be taken.
fn lock(
    path: &Path,
    why: &str,
) -> anyhow::Result<tantivy::directory::DirectoryLock> {
    use tantivy::Directory as _;
    let directory = tantivy::directory::MmapDirectory::open(path)
        .with_context(|| format!("cannot open {}", path.display()))?;
    match directory.acquire_lock(&tantivy::directory::INDEX_WRITER_LOCK) {
        Ok(lock) => Ok(lock),
        Err(tantivy::directory::error::LockError::LockBusy) => {
            bail!("index is locked: another newsdex is writing to it; {why}")
        }
        Err(e) => Err(e).with_context(|| {
            format!("cannot lock the index at {}", path.display())
        }),
    }
}

/// Deletes the file at `path`, if there is one.
///
/// # Errors
///
/// It is there and cannot be deleted.
fn remove_file(path: &Path) -> anyhow::Result<()> {
    match std::fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => {
            Err(e).with_context(|| format!("cannot delete {}", path.display()))
        }
    }
}

/// What is wrong with a file the index keeps beside itself (the
/// vocabulary, the entity table), or `None` when it is byte for byte
/// what would be written now: missing or unreadable, written for other
/// segments (`describes` false), or different from `expected`.
///
/// # Errors
///
/// `expected` cannot read the index.
fn verify_saved(
    path: &Path,
    describes: impl FnOnce() -> bool,
    expected: impl FnOnce() -> tantivy::Result<Vec<u8>>,
) -> tantivy::Result<Option<String>> {
    let on_disk = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(Some("missing".into()))
        }
        Err(e) => return Ok(Some(format!("cannot be read: {e}"))),
    };
    if !describes() {
        return Ok(Some(
            "written for other segments than the index has, or its \
             header is damaged"
                .into(),
        ));
    }
    Ok((on_disk != expected()?)
        .then(|| "does not match the index's dictionaries".into()))
}

/// Whether `err` says that the index files could not be read back:
/// a checksum or footer that does not match, a file that is missing or
/// cut short, a structure that does not parse. Not a full disk, a lock
/// or a permission, which say nothing about the files.
pub fn is_damage(err: &anyhow::Error) -> bool {
    use std::io::ErrorKind;
    use tantivy::TantivyError as E;
    let io_damage = |e: &std::io::Error| {
        !matches!(
            e.kind(),
            ErrorKind::StorageFull
                | ErrorKind::PermissionDenied
                | ErrorKind::Interrupted
                | ErrorKind::WouldBlock
                | ErrorKind::BrokenPipe
        )
    };
    err.chain().any(|e| {
        if let Some(t) = e.downcast_ref::<E>() {
            return match t {
                E::IoError(io) => io_damage(io),
                E::DataCorruption(_)
                | E::OpenReadError(_)
                | E::IncompatibleIndex(_)
                | E::InternalError(_)
                | E::DeserializeError(_)
                | E::ErrorInThread(_) => true,
                _ => false,
            };
        }
        e.downcast_ref::<tantivy::directory::error::OpenReadError>().is_some()
    })
}

/// Deletes the segment files in `dir` that the last commit of `index`
/// does not list. A run killed while it commits leaves some (a segment's
/// delete file is written before `meta.json` is replaced), and the next
/// commit that writes a file of the same name fails on it ("file already
/// exists"). Called only by the writer, which holds the lock: no one
/// else writes segment files meanwhile.
///
/// # Errors
///
/// `meta.json` cannot be read or an orphan cannot be deleted.
pub fn remove_orphans(index: &Index, dir: &Path) -> anyhow::Result<()> {
    let metas = index.load_metas().context("cannot read the index")?;
    let living = metas.list_segment_files();
    let entries = std::fs::read_dir(dir)
        .with_context(|| format!("cannot list {}", dir.display()))?;
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if !is_segment_file(name) || living.contains(Path::new(name)) {
            continue;
        }
        remove_file(&entry.path())?;
    }
    Ok(())
}

/// Whether `name` is that of a segment file: the segment's id (32
/// hexadecimal digits), a dot, an extension.
fn is_segment_file(name: &str) -> bool {
    let bytes = name.as_bytes();
    bytes.len() > 33
        && bytes[32] == b'.'
        && bytes[..32].iter().all(u8::is_ascii_hexdigit)
}

/// Total size in bytes of the files of the index.
pub fn size_on_disk(path: &Path) -> u64 {
    walkdir::WalkDir::new(path)
        .into_iter()
        .filter_map(Result::ok)
        .filter_map(|e| e.metadata().ok())
        .filter(|m| m.is_file())
        .map(|m| m.len())
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_index_of_the_previous_format_asks_for_a_rebuild() {
        let dir = tempfile::tempdir().unwrap();
        open_or_create(dir.path()).unwrap();
        std::fs::write(dir.path().join(MARKER), "{\"format_version\": 8}\n")
            .unwrap();
        let err = open(dir.path()).unwrap_err().to_string();
        assert!(
            err.contains("has format 8 but this newsdex reads format 9")
                && err.contains("rebuild it with `newsdex index --rebuild`"),
            "{err}"
        );
    }

    #[test]
    fn an_interrupted_creation_is_removed_or_created_again() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("index");
        open_or_create(&path).unwrap();
        assert!(path.join(MARKER).exists() && !path.join(CREATING).exists());
        // As a kill before the marker leaves it: tantivy's files, no
        // marker, the creation sentinel.
        std::fs::remove_file(path.join(MARKER)).unwrap();
        std::fs::write(path.join(CREATING), "").unwrap();
        assert!(open(&path).is_err());
        open_or_create(&path).unwrap();
        assert!(open(&path).is_ok());
        std::fs::remove_file(path.join(MARKER)).unwrap();
        std::fs::write(path.join(CREATING), "").unwrap();
        remove(&path).unwrap();
        assert!(!path.exists());
        // Without the sentinel, a folder of index files alone is still
        // an index (its marker deleted); with any other file it is not.
        open_or_create(&path).unwrap();
        std::fs::remove_file(path.join(MARKER)).unwrap();
        std::fs::write(path.join("notes.txt"), "mine").unwrap();
        assert!(remove(&path).is_err());
        assert!(path.join("notes.txt").exists());
        std::fs::remove_file(path.join("notes.txt")).unwrap();
        let err = open(&path).unwrap_err().to_string();
        assert!(err.contains("has lost its marker"), "{err}");
        assert!(err.contains("`newsdex index --rebuild PATH...`"), "{err}");
        remove(&path).unwrap();
        assert!(!path.exists());
    }

    #[test]
    fn index_files_are_told_from_others() {
        for name in [
            "meta.json",
            ".managed.json",
            ".tantivy-writer.lock",
            ".tmpAb12Cd",
            "0123456789abcdef0123456789abcdef.store",
            "0123456789abcdef0123456789abcdef.12.del",
        ] {
            assert!(is_tantivy_file(name), "{name}");
        }
        for name in ["notes.txt", "meta.json~", "0123.store", "a.json"] {
            assert!(!is_tantivy_file(name), "{name}");
        }
    }

    #[test]
    fn only_an_index_opened_by_newsdex_has_its_analyzer() {
        let dir = tempfile::tempdir().unwrap();
        let (index, _) = open_or_create(dir.path()).unwrap();
        assert!(index.tokenizers().get(schema::STEM_TOKENIZER).is_some());
        let (index, _) = open(dir.path()).unwrap();
        assert!(index.tokenizers().get(schema::STEM_TOKENIZER).is_some());
        // Opened by tantivy alone: no analyzer under that name, rather
        // than tantivy's own `en_stem` standing in for it.
        let plain = Index::open_in_dir(dir.path()).unwrap();
        assert!(plain.tokenizers().get(schema::STEM_TOKENIZER).is_none());
    }
}
