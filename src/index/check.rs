//! Verifying an index folder part by part, and repairing what can be
//! rebuilt from the index itself (`newsdex check [--repair]`).
//!
//! The parts, in the order they are checked:
//!
//! - the format marker (`newsdex-index.json`): there, and of this
//!   newsdex's format;
//! - the manifest (`newsdex-files.json`): parses;
//! - tantivy's files: `meta.json` opens with the expected schema, every
//!   segment file of the last commit matches its checksum, every segment
//!   opens, its term dictionaries read to the end and its stored
//!   documents read back (a panic inside tantivy is caught and reported
//!   as damage of that segment);
//! - the saved vocabulary (`newsdex-vocab.bin`) and entity table
//!   (`newsdex-entities.txt`): byte for byte what `newsdex index` would
//!   write for the index as it is.
//!
//! Only the last two can be rebuilt from the index ([`repair`]); damage
//! to the others needs the files the index was built from.

use std::panic::{self, AssertUnwindSafe};
use std::path::Path;

use serde::Serialize;
use tantivy::{Index, Searcher, TantivyDocument};

use super::{entities, manifest, schema, snapshot, vocab, Fields};
use super::{FORMAT_VERSION, MARKER};

/// One thing wrong with an index.
#[derive(Debug, Clone, Serialize)]
pub struct Problem {
    /// The part that is wrong: a file name of the index folder, or
    /// `segment <id>`.
    pub part: String,
    /// What is wrong with it.
    pub detail: String,
    /// Whether [`repair`] rebuilds it.
    #[serde(skip)]
    pub repairable: bool,
}

/// What [`check`] found.
#[derive(Debug, Default, Serialize)]
pub struct Report {
    /// No problem found.
    pub ok: bool,
    /// Every problem, in the order the parts are checked.
    pub problems: Vec<Problem>,
    /// Articles in the index (0 when it cannot be opened).
    pub articles: u64,
}

impl Report {
    fn problem(&mut self, part: &str, detail: impl Into<String>) {
        self.problems.push(Problem {
            part: part.to_string(),
            detail: detail.into(),
            repairable: false,
        });
    }

    fn repairable(&mut self, part: &str, detail: impl Into<String>) {
        self.problem(part, detail);
        if let Some(p) = self.problems.last_mut() {
            p.repairable = true;
        }
    }
}

/// Checks the index at `dir` (see the module docs for what is checked).
pub fn check(dir: &Path) -> Report {
    let mut report = Report::default();
    if !dir.is_dir() {
        report.problem(&dir.display().to_string(), "no index folder there");
        return report;
    }
    check_marker(dir, &mut report);
    if let Err(e) = manifest::Manifest::load(dir) {
        report.problem("newsdex-files.json", format!("{e:#}"));
    }
    if let Some((index, searcher, fields)) = check_tantivy(dir, &mut report) {
        report.articles = searcher.num_docs();
        drop(index);
        check_saved(dir, &searcher, &fields, &mut report);
    }
    report.ok = report.problems.is_empty();
    report
}

fn check_marker(dir: &Path, report: &mut Report) {
    if super::interrupted(dir) {
        report
            .problem(MARKER, "missing: the index's creation was interrupted");
        return;
    }
    let text = match std::fs::read_to_string(dir.join(MARKER)) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return report.problem(MARKER, "missing (deleted?)")
        }
        Err(e) => {
            return report.problem(MARKER, format!("cannot be read: {e}"))
        }
    };
    match serde_json::from_str::<serde_json::Value>(&text) {
        Ok(v) if v["format_version"] == FORMAT_VERSION => {}
        Ok(v) => report.problem(
            MARKER,
            format!(
                "format {} but this newsdex reads format {FORMAT_VERSION}",
                v["format_version"]
            ),
        ),
        Err(e) => report.problem(MARKER, format!("corrupt: {e}")),
    }
}

/// Runs `f`, turning a panic into an error with its message.
fn unpanicked<T>(f: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
    match panic::catch_unwind(AssertUnwindSafe(f)) {
        Ok(result) => result,
        Err(payload) => {
            let what = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "a panic".into());
            Err(format!("unreadable ({what})"))
        }
    }
}

/// Checks tantivy's files; the index and a snapshot of it when they
/// open.
fn check_tantivy(
    dir: &Path,
    report: &mut Report,
) -> Option<(Index, Searcher, Fields)> {
    let opened = unpanicked(|| {
        Index::open_in_dir(dir).map_err(|e| format!("cannot be opened: {e}"))
    });
    let index = match opened {
        Ok(index) => index,
        Err(e) => {
            report.problem("meta.json", e);
            return None;
        }
    };
    let (expected, fields) = schema::build();
    if index.schema() != expected {
        report.problem("meta.json", "not the schema of this newsdex");
        return None;
    }
    super::register_analyzers(&index);
    match unpanicked(|| index.validate_checksum().map_err(|e| e.to_string())) {
        Ok(damaged) => {
            let mut names: Vec<String> =
                damaged.iter().map(|p| p.display().to_string()).collect();
            names.sort();
            for name in names {
                report.problem(&name, "checksum does not match its contents");
            }
        }
        Err(e) => report.problem("meta.json", format!("checksums: {e}")),
    }
    let searcher =
        match unpanicked(|| snapshot(&index).map_err(|e| format!("{e:#}"))) {
            Ok(searcher) => searcher,
            Err(e) => {
                report.problem("segments", e);
                return None;
            }
        };
    for segment in searcher.segment_readers() {
        let part = format!("segment {}", segment.segment_id().uuid_string());
        if let Err(e) = unpanicked(|| read_segment(&index, segment)) {
            report.problem(&part, e);
        }
    }
    Some((index, searcher, fields))
}

/// Reads every term dictionary of a segment to its end and every stored
/// document back.
fn read_segment(
    index: &Index,
    segment: &tantivy::SegmentReader,
) -> Result<(), String> {
    for (field, entry) in index.schema().fields() {
        if !entry.is_indexed() {
            continue;
        }
        let inverted = segment
            .inverted_index(field)
            .map_err(|e| format!("{}: {e}", entry.name()))?;
        let mut terms = inverted
            .terms()
            .stream()
            .map_err(|e| format!("{}: {e}", entry.name()))?;
        while terms.advance() {}
    }
    let store = segment
        .get_store_reader(1)
        .map_err(|e| format!("stored documents: {e}"))?;
    for doc in store.iter::<TantivyDocument>(segment.alive_bitset()) {
        doc.map_err(|e| format!("stored documents: {e}"))?;
    }
    Ok(())
}

/// Checks the files newsdex derives from the index.
fn check_saved(
    dir: &Path,
    searcher: &Searcher,
    fields: &Fields,
    report: &mut Report,
) {
    type Verify =
        fn(&Path, &Searcher, &Fields) -> tantivy::Result<Option<String>>;
    let parts: [(&str, Verify); 2] = [
        ("newsdex-vocab.bin", vocab::verify),
        ("newsdex-entities.txt", entities::verify),
    ];
    for (part, verify) in parts {
        match unpanicked(|| {
            verify(dir, searcher, fields).map_err(|e| e.to_string())
        }) {
            Ok(None) => {}
            Ok(Some(detail)) => report.repairable(part, detail),
            Err(e) => report.problem(part, format!("cannot be verified: {e}")),
        }
    }
}

/// Rewrites the saved vocabulary and entity table of the index at `dir`
/// from its dictionaries, holding the writer's lock.
///
/// # Errors
///
/// Another newsdex writes to the index, or the index cannot be read or
/// the folder written.
pub fn repair(dir: &Path) -> anyhow::Result<()> {
    let _lock = super::lock(dir, "run check --repair when it is done")?;
    let (index, fields) = super::open(dir)?;
    vocab::remove(dir)?;
    entities::remove(dir)?;
    vocab::save_index(dir, &index, &fields)?;
    let searcher = snapshot(&index)?;
    entities::save(dir, &searcher, &fields)
}
