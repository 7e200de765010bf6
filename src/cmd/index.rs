//! `newsdex index PATH...`: read, extract, write, commit.
//!
//! Three stages run at once: one thread walks and parses files into
//! batches of articles, a pool of workers runs extraction on batches, and
//! this thread writes the results in their original order (so that when
//! two records share an id, the later one wins, as it would one at a
//! time). Channels are bounded, so memory stays bounded however large the
//! input.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{sync_channel, Receiver};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use anyhow::bail;

use crate::cli::IndexArgs;
use crate::exit::Outcome;
use crate::extract::{self, Extraction, Input};
use crate::index::{self, writer::ArticleWriter};
use crate::ingest::{self, Article};

/// Commit after this many articles, so an interrupted run keeps most of
/// its work.
const COMMIT_EVERY: usize = 50_000;
/// Articles per unit of work handed to an extraction worker.
const BATCH: usize = 256;

/// What an indexing run did.
#[derive(Debug, Default)]
pub struct Summary {
    /// Files read.
    pub files: usize,
    /// Articles written.
    pub indexed: usize,
    /// Articles without any publication date.
    pub undated: usize,
    /// Files or records that could not be read.
    pub errors: usize,
    /// Bytes of input read.
    pub bytes: u64,
}

/// What the reading thread reports when it is done.
#[derive(Debug, Default)]
struct ReadReport {
    files: usize,
    errors: usize,
    bytes: u64,
    fatal: Option<String>,
}

type Batch = (usize, Vec<Article>);
type Done = (usize, Vec<(Article, Extraction)>);

/// Runs `newsdex index`.
///
/// # Errors
///
/// Fails when the index cannot be opened or written, or (with
/// `--strict`) on the first bad file or record.
pub fn run(index_dir: &Path, args: &IndexArgs) -> anyhow::Result<Outcome> {
    let started = Instant::now();
    if args.rebuild {
        index::remove(index_dir)?;
    }
    let (idx, fields) = index::open_or_create(index_dir)?;
    let mut writer =
        ArticleWriter::new(&idx, fields, args.memory as usize * 1024 * 1024)?;
    let progress = !args.quiet && std::io::stderr().is_terminal();
    let workers = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(2)
        .max(1);
    let stop = AtomicBool::new(false);
    let mut summary = Summary::default();
    let report = std::thread::scope(|scope| -> anyhow::Result<ReadReport> {
        let (batch_tx, batch_rx) = sync_channel::<Batch>(workers * 2);
        let (done_tx, done_rx) = sync_channel::<Done>(workers * 2);
        let stop = &stop;
        let reader = scope
            .spawn(move || read_all(&args.paths, args.strict, stop, batch_tx));
        let batch_rx = Arc::new(Mutex::new(batch_rx));
        for _ in 0..workers {
            let rx = Arc::clone(&batch_rx);
            let tx = done_tx.clone();
            scope.spawn(move || extract_batches(&rx, &tx));
        }
        drop(done_tx);
        let written = write_in_order(
            &done_rx,
            &mut writer,
            &mut summary,
            progress,
            started,
        );
        if written.is_err() {
            stop.store(true, Ordering::Relaxed);
            // Drain so that blocked workers can finish.
            for _ in done_rx.iter() {}
        }
        let report = reader.join().unwrap_or_else(|_| ReadReport {
            fatal: Some("the reading thread panicked".into()),
            ..ReadReport::default()
        });
        written?;
        Ok(report)
    })?;
    summary.files = report.files;
    summary.errors = report.errors;
    summary.bytes = report.bytes;
    if let Some(fatal) = report.fatal {
        // Keep nothing of a --strict run that failed.
        bail!("{fatal}");
    }
    writer.commit()?;
    writer.finish()?;
    if progress {
        eprintln!();
    }
    if !args.quiet {
        let secs = started.elapsed().as_secs_f64();
        eprintln!(
            "newsdex: indexed {} articles from {} files in {secs:.1}s \
             ({:.0} articles/s, {:.1} MB/s; {} without a date, {} errors) \
             into {}",
            summary.indexed,
            summary.files,
            summary.indexed as f64 / secs.max(1e-9),
            summary.bytes as f64 / 1e6 / secs.max(1e-9),
            summary.undated,
            summary.errors,
            index_dir.display()
        );
    }
    Ok(Outcome::Success)
}

/// The reading stage: walk, parse, report bad input, send batches.
fn read_all(
    paths: &[PathBuf],
    strict: bool,
    stop: &AtomicBool,
    tx: std::sync::mpsc::SyncSender<Batch>,
) -> ReadReport {
    let mut report = ReadReport::default();
    let mut seq = 0;
    let mut pending = Vec::with_capacity(BATCH);
    let fail = |report: &mut ReadReport, err: &ingest::Error| -> bool {
        report.errors += 1;
        if strict {
            report.fatal = Some(format!("{err} (--strict)"));
            return true;
        }
        eprintln!("newsdex: {err}");
        false
    };
    for entry in ingest::walk(paths) {
        if stop.load(Ordering::Relaxed) {
            break;
        }
        let (path, root) = match entry {
            Ok(found) => found,
            Err(err) => {
                if fail(&mut report, &err) {
                    return report;
                }
                continue;
            }
        };
        report.files += 1;
        report.bytes += std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        let batch = ingest::read_file(&path, &root);
        for err in &batch.errors {
            if fail(&mut report, err) {
                return report;
            }
        }
        for article in batch.articles {
            pending.push(article);
            if pending.len() == BATCH {
                let full =
                    std::mem::replace(&mut pending, Vec::with_capacity(BATCH));
                if tx.send((seq, full)).is_err() {
                    return report;
                }
                seq += 1;
            }
        }
    }
    if !pending.is_empty() {
        let _ = tx.send((seq, pending));
    }
    report
}

/// The extraction stage, run by each worker until the input ends.
fn extract_batches(
    rx: &Mutex<Receiver<Batch>>,
    tx: &std::sync::mpsc::SyncSender<Done>,
) {
    loop {
        let job = match rx.lock() {
            Ok(guard) => guard.recv(),
            Err(_) => return,
        };
        let Ok((seq, articles)) = job else { return };
        let done = articles
            .into_iter()
            .map(|a| {
                let x = extract::analyze(&Input {
                    title: &a.title,
                    body: &a.body,
                    published: a.published.as_deref(),
                    path: &a.origin,
                });
                (a, x)
            })
            .collect();
        if tx.send((seq, done)).is_err() {
            return;
        }
    }
}

/// The writing stage: batches in their original order.
fn write_in_order(
    rx: &Receiver<Done>,
    writer: &mut ArticleWriter,
    summary: &mut Summary,
    progress: bool,
    started: Instant,
) -> anyhow::Result<()> {
    let mut waiting: BTreeMap<usize, Vec<(Article, Extraction)>> =
        BTreeMap::new();
    let mut next = 0;
    let mut since_commit = 0;
    for (seq, done) in rx.iter() {
        waiting.insert(seq, done);
        while let Some(batch) = waiting.remove(&next) {
            next += 1;
            for (article, x) in &batch {
                if x.published.is_none() {
                    summary.undated += 1;
                }
                writer.add(article, x)?;
                summary.indexed += 1;
                since_commit += 1;
            }
            if since_commit >= COMMIT_EVERY {
                writer.commit()?;
                since_commit = 0;
            }
            if progress {
                let secs = started.elapsed().as_secs_f64().max(1e-9);
                eprint!(
                    "\rnewsdex: {} articles ({:.0}/s)",
                    summary.indexed,
                    summary.indexed as f64 / secs
                );
            }
        }
    }
    Ok(())
}
