//! `newsdex index PATH...`: read, extract, write, commit.
//!
//! Three stages run at once: one thread walks and parses files, sending
//! articles in batches as it reads them (a JSON Lines file streams line
//! by line, a WARC archive record by record), a pool of workers runs
//! extraction on batches, and this thread writes the results in their
//! original order (so that when two records share an id, the later one
//! wins, as it would one at a time). Channels are bounded, so memory
//! stays bounded however many files there are.
//!
//! Indexing is incremental: files whose size and modification time match
//! the index's manifest are skipped; a changed file first loses the
//! articles it gave before; `--prune` forgets files that are gone.

use std::collections::hash_map::{Entry, RandomState};
use std::collections::{BTreeMap, VecDeque};
use std::fmt::Write;
use std::hash::BuildHasher;
use std::io::IsTerminal;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::bail;
use indicatif::{
    ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle,
};

use rustc_hash::FxHashMap;

use crate::cli::IndexArgs;
use crate::exit::Outcome;
use crate::extract::dates::date_from_path;
use crate::extract::story::{self, Signature};
use crate::extract::{self, Extraction, Input};
use crate::index::manifest::{self, FileState, Manifest};
use crate::index::vocab;
use crate::index::writer::{Added, ArticleWriter};
use crate::index::{self};
use crate::ingest::{self, Article, Format};

/// Commit this often, so an interrupted run keeps most of its work. By
/// time, not by count: each commit closes one segment per indexing
/// thread, and segments closed early are small ones that must be merged
/// later (a bulk load committing every 50,000 articles spent 7% of its
/// CPU merging). Between commits, tantivy closes a segment when its
/// thread's share of `--memory` is full.
const COMMIT_INTERVAL: Duration = Duration::from_secs(60);
/// Articles per unit of work handed to an extraction worker.
const BATCH: usize = 256;
/// How standard input is keyed: never skipped, never pruned.
const STDIN_KEY: &str = "<stdin>";

/// What an indexing run did.
#[derive(Debug, Default)]
pub struct Summary {
    /// Files read.
    pub files: usize,
    /// Files skipped because they had not changed.
    pub unchanged: usize,
    /// Files forgotten by `--prune`.
    pub pruned: usize,
    /// Articles written.
    pub indexed: usize,
    /// Of those, records whose id was new to the index.
    pub added: usize,
    /// Of those, records that replaced one with their id.
    pub replaced: usize,
    /// Of those, copies of a story already indexed (in this run or
    /// before).
    pub copies: usize,
    /// Records of the files skipped as unchanged.
    pub unchanged_records: usize,
    /// Articles without any publication date.
    pub undated: usize,
    /// Files or records that could not be read.
    pub errors: usize,
}

/// One step read, in input order, for the extraction workers.
enum Unit {
    /// Delete what this file gave before.
    Forget(Arc<str>),
    /// An article read from a file (the key of the file), to analyse.
    Article(Arc<str>, Box<Article>),
}

/// One step analysed, for the writer: a [`Unit`] with its extraction.
enum Done {
    /// Delete what this file gave before.
    Forget(Arc<str>),
    /// An article, what extraction found in it and its MinHash
    /// signature (shared with its exact copies, [`Recent`]).
    Article(Arc<str>, Box<Article>, Arc<Analysed>),
}

/// What extraction found in an article and its MinHash signature with
/// its shingle count.
pub(crate) type Analysed = (Extraction, (Signature, usize));

/// Units in input order, numbered so the writer can restore the order.
type Batch = (usize, Vec<Unit>);
/// Analysed units, numbered like the [`Batch`] they came from.
type DoneBatch = (usize, Vec<Done>);

/// What the reading thread reports when it is done.
#[derive(Default)]
pub(crate) struct ReadReport {
    files: usize,
    unchanged: usize,
    unchanged_records: usize,
    pruned: Vec<String>,
    errors: usize,
    read: Vec<(String, FileState)>,
    fatal: Option<String>,
}

/// Runs `newsdex index`.
///
/// # Errors
///
/// Fails when the index cannot be opened or written, or (with
/// `--strict`) on the first bad file or record.
pub fn run(index_dir: &Path, args: &IndexArgs) -> anyhow::Result<Outcome> {
    index_run(index_dir, args).map_err(|err| disk_full(err, index_dir))
}

/// `err`, or when it comes from a full disk, an error that says so.
///
/// tantivy reports a full disk in several ways: an `io::Error` in the
/// chain, its text inside one of tantivy's own errors, or only "an index
/// writer was killed" when the disk filled under one of its indexing
/// threads; then a small file written next to the index tells.
fn disk_full(err: anyhow::Error, index_dir: &Path) -> anyhow::Error {
    let full = is_disk_full(&err)
        || (err.chain().any(|e| e.to_string().contains("writer was killed"))
            && no_space_left(index_dir));
    if !full {
        return err;
    }
    anyhow::anyhow!(
        "the disk is full: cannot write the index at {}; the index is \
         intact at its last commit (what this run read since is not in \
         it): free some space and run the same command again",
        index_dir.display()
    )
}

/// Does `err`'s chain say the disk is full?
fn is_disk_full(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::StorageFull)
            || says_disk_full(&e.to_string())
    })
}

/// Does an error's text say the disk is full? tantivy keeps only the
/// text of some errors, in their `Display` form ("No space left on
/// device (os error 28)") or their `Debug` form (`kind: StorageFull`,
/// when the disk filled as it created a file of a commit).
fn says_disk_full(text: &str) -> bool {
    text.contains(ENOSPC_TEXT) || text.contains("kind: StorageFull")
}

/// How an `io::Error` of ENOSPC ends its text on Linux.
const ENOSPC_TEXT: &str = "(os error 28)";

/// Can 1 MiB no longer be written next to the index?
fn no_space_left(index_dir: &Path) -> bool {
    use std::io::Write;
    let probe = index_dir.join(".newsdex-space-probe");
    let written = std::fs::File::create(&probe).and_then(|mut f| {
        f.write_all(&[0u8; 1 << 20])?;
        f.sync_all()
    });
    let _ = std::fs::remove_file(&probe);
    written.is_err_and(|e| {
        e.kind() == std::io::ErrorKind::StorageFull
            || says_disk_full(&e.to_string())
    })
}

/// [`run`], its errors as they come.
fn index_run(index_dir: &Path, args: &IndexArgs) -> anyhow::Result<Outcome> {
    let started = Instant::now();
    if args.rebuild {
        index::remove(index_dir)?;
    }
    let (idx, fields) = index::open_or_create(index_dir)?;
    let memory = args.memory as usize * 1024 * 1024;
    let writer = ArticleWriter::new(&idx, index_dir, fields, memory)?;
    let mut manifest = Manifest::load(index_dir)?;
    let reading = Reading {
        paths: &args.paths,
        strict: args.strict,
        rebuild: args.rebuild,
        prune: args.prune,
        format: args.format,
        quiet: args.quiet,
    };
    let records_before = writer.records_before();
    let mut sink = IndexSink { writer, last_commit: Instant::now() };
    let (summary, report, bytes) = pipeline(&reading, &manifest, &mut sink)?;
    let mut writer = sink.writer;
    writer.commit()?;
    writer.finish()?;
    vocab::save_index(index_dir, &idx, &fields)?;
    let searcher = crate::index::snapshot(&idx)?;
    crate::index::entities::save(index_dir, &searcher, &fields)?;
    let records = searcher.num_docs();
    let stories = crate::index::stories::count(&searcher, &fields)?;
    for gone in &report.pruned {
        manifest.files.remove(gone);
    }
    for (key, state) in report.read {
        manifest.files.insert(key, state);
    }
    manifest.save(index_dir)?;
    if !args.quiet {
        let secs = started.elapsed().as_secs_f64();
        // Records that left the index: those of pruned files and the
        // part of a changed file that is no longer in it.
        let removed =
            (records_before + summary.added as u64).saturating_sub(records);
        eprintln!(
            "newsdex: indexed {} articles from {} files in {secs:.1}s \
             ({:.0} articles/s, {:.1} MB/s): {} added, {} replaced, {} \
             removed, {} copies of a story already indexed; {} files \
             unchanged ({} articles), {} pruned; {} without a date, \
             {} errors",
            summary.indexed,
            summary.files,
            summary.indexed as f64 / secs.max(1e-9),
            bytes as f64 / 1e6 / secs.max(1e-9),
            summary.added,
            summary.replaced,
            removed,
            summary.copies,
            summary.unchanged,
            summary.unchanged_records,
            summary.pruned,
            summary.undated,
            summary.errors,
        );
        eprintln!(
            "newsdex: {} holds {records} articles in {stories} stories",
            index_dir.display()
        );
    }
    Ok(Outcome::Success)
}

/// What to read, and how: the flags `index`, `extract` and `push` share.
pub(crate) struct Reading<'a> {
    /// Files and folders (`-` for stdin).
    pub paths: &'a [std::path::PathBuf],
    /// Stop at the first bad file or record.
    pub strict: bool,
    /// Read files the manifest says are unchanged too.
    pub rebuild: bool,
    /// Forget files gone from under the paths.
    pub prune: bool,
    /// The format of every file, instead of guessing.
    pub format: Option<Format>,
    /// No progress line.
    pub quiet: bool,
}

/// Where analysed articles go, in input order.
pub(crate) trait Sink {
    /// Everything `file` gave before is to go.
    fn forget(&mut self, file: &str) -> anyhow::Result<()>;
    /// An article of `file`, what extraction found in it and its MinHash
    /// signature (with its shingle count): whether it replaced a record
    /// and whether it joined a story an earlier article started.
    fn article(
        &mut self,
        file: &str,
        article: &Article,
        x: &Extraction,
        sig: &(Signature, usize),
    ) -> anyhow::Result<Added>;
    /// Called after each batch (commits, flushes).
    fn tick(&mut self) -> anyhow::Result<()> {
        Ok(())
    }
}

/// `newsdex index`'s sink: the tantivy writer, committing every
/// [`COMMIT_INTERVAL`].
struct IndexSink {
    writer: ArticleWriter,
    last_commit: Instant,
}

impl Sink for IndexSink {
    fn forget(&mut self, file: &str) -> anyhow::Result<()> {
        self.writer.forget_file(file);
        Ok(())
    }

    fn article(
        &mut self,
        file: &str,
        article: &Article,
        x: &Extraction,
        sig: &(Signature, usize),
    ) -> anyhow::Result<Added> {
        self.writer.add(article, x, file, sig)
    }

    fn tick(&mut self) -> anyhow::Result<()> {
        if self.last_commit.elapsed() >= COMMIT_INTERVAL {
            self.writer.commit()?;
            self.last_commit = Instant::now();
        }
        Ok(())
    }
}

/// Reads, extracts on every core and hands the results to `sink` in
/// input order, reporting bad input on stderr as it goes. Returns the
/// summary, what was read (for the manifest) and the bytes read.
///
/// # Errors
///
/// The sink's errors; with `strict`, the first bad file or record.
pub(crate) fn pipeline(
    reading: &Reading<'_>,
    manifest: &Manifest,
    sink: &mut dyn Sink,
) -> anyhow::Result<(Summary, ReadReport, u64)> {
    let progress =
        Progress::new(!reading.quiet && std::io::stderr().is_terminal());
    let workers = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(2)
        .max(1);
    let stop = AtomicBool::new(false);
    let mut summary = Summary::default();
    let keys = ContentKeys::new();
    let report = std::thread::scope(|scope| -> anyhow::Result<ReadReport> {
        let (batch_tx, batch_rx) = sync_channel::<Batch>(workers * 2);
        let (done_tx, done_rx) = sync_channel::<DoneBatch>(workers * 2);
        let (stop, progress) = (&stop, &progress);
        let reader = scope.spawn(move || {
            read_all(reading, manifest, stop, progress, batch_tx)
        });
        let batch_rx = Arc::new(Mutex::new(batch_rx));
        let recent =
            Arc::new(Mutex::new(Recent::new(RECENT_BYTES, RECENT_ARTICLES)));
        for _ in 0..workers {
            let rx = Arc::clone(&batch_rx);
            let tx = done_tx.clone();
            let recent = Arc::clone(&recent);
            let keys = &keys;
            scope.spawn(move || extract_batches(&rx, &tx, &recent, keys));
        }
        drop(done_tx);
        let written = write_in_order(&done_rx, sink, &mut summary, progress);
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
    progress.finish();
    summary.files = report.files;
    summary.unchanged = report.unchanged;
    summary.unchanged_records = report.unchanged_records;
    summary.pruned = report.pruned.len();
    summary.errors = report.errors;
    if let Some(fatal) = &report.fatal {
        // Nothing of a failed --strict run is committed.
        bail!("{fatal}");
    }
    let bytes = progress.bytes.load(Ordering::Relaxed);
    Ok((summary, report, bytes))
}

/// The reading stage: walk, skip unchanged files, parse, report bad
/// input, send batches.
fn read_all(
    args: &Reading<'_>,
    manifest: &Manifest,
    stop: &AtomicBool,
    progress: &Progress,
    tx: SyncSender<Batch>,
) -> ReadReport {
    let mut report = ReadReport::default();
    let mut out = Sender { tx, seq: 0, pending: Vec::with_capacity(BATCH) };
    let fail = |report: &mut ReadReport, err: &ingest::Error| -> bool {
        report.errors += 1;
        if args.strict {
            report.fatal = Some(format!("{err} (--strict)"));
            return true;
        }
        progress.println(&format!("newsdex: {err}"));
        false
    };
    // Each file's size and time once: for the progress total, then to
    // skip unchanged files.
    let walked: Vec<_> = ingest::walk(args.paths)
        .into_iter()
        .map(|entry| {
            entry.map(|(path, root)| {
                let state = if ingest::is_stdin(&path) {
                    None
                } else {
                    FileState::of(&path)
                };
                (path, root, state)
            })
        })
        .collect();
    let total: u64 = walked
        .iter()
        .filter_map(|e| e.as_ref().ok())
        .filter_map(|(_, _, state)| state.as_ref().map(|s| s.size))
        .sum();
    progress.bar.set_length(total);
    for entry in walked {
        if stop.load(Ordering::Relaxed) {
            break;
        }
        let (path, root, state) = match entry {
            Ok(found) => found,
            Err(err) => {
                if fail(&mut report, &err) {
                    return report;
                }
                continue;
            }
        };
        let is_stdin = ingest::is_stdin(&path);
        let key: Arc<str> = if is_stdin {
            STDIN_KEY.into()
        } else {
            manifest::key(&path).into()
        };
        if let (Some(now), Some(before)) = (&state, manifest.files.get(&*key))
        {
            if now.same_file(before) && !args.rebuild {
                report.unchanged += 1;
                report.unchanged_records += before.articles;
                progress.bytes.fetch_add(now.size, Ordering::Relaxed);
                continue;
            }
        }
        report.files += 1;
        if !is_stdin && !out.push(Unit::Forget(Arc::clone(&key))) {
            return report;
        }
        // Articles go to the workers as they are read; stop at a fatal
        // error or when the writer has gone away.
        let (mut count, mut fatal, mut gone) = (0, false, false);
        let mut sink = |item: ingest::Item| -> bool {
            match item {
                ingest::Item::Error(err) => {
                    fatal = fail(&mut report, &err);
                    !fatal
                }
                ingest::Item::Article(article) => {
                    count += 1;
                    let unit = Unit::Article(Arc::clone(&key), article);
                    gone = !out.push(unit);
                    !gone && !stop.load(Ordering::Relaxed)
                }
            }
        };
        if is_stdin {
            // Standard input has no size: count its bytes as they come.
            let stdin = Counted {
                inner: std::io::stdin().lock(),
                bytes: &progress.bytes,
            };
            ingest::read_input(
                stdin,
                args.format,
                STDIN_KEY,
                &path,
                &mut sink,
            );
        } else {
            ingest::read_file_with(&path, &root, args.format, &mut sink);
        }
        if fatal || gone {
            return report;
        }
        if let Some(mut s) = state {
            progress.bytes.fetch_add(s.size, Ordering::Relaxed);
            s.articles = count;
            report.read.push((key.to_string(), s));
        }
    }
    if args.prune {
        for root in args.paths {
            for gone in manifest.missing_under(root) {
                if !out.push(Unit::Forget(gone.as_str().into())) {
                    return report;
                }
                report.pruned.push(gone);
            }
        }
    }
    out.flush();
    report
}

/// Standard input, counting the bytes read for the progress line.
struct Counted<'a, R> {
    inner: R,
    bytes: &'a AtomicU64,
}

impl<R: std::io::Read> std::io::Read for Counted<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.bytes.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

impl<R: std::io::BufRead> std::io::BufRead for Counted<'_, R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amt: usize) {
        self.bytes.fetch_add(amt as u64, Ordering::Relaxed);
        self.inner.consume(amt);
    }
}

/// Groups units into batches for the workers.
struct Sender {
    tx: SyncSender<Batch>,
    seq: usize,
    pending: Vec<Unit>,
}

impl Sender {
    /// Queues a unit; false when the writer has gone away.
    fn push(&mut self, unit: Unit) -> bool {
        self.pending.push(unit);
        if self.pending.len() < BATCH {
            return true;
        }
        self.flush()
    }

    fn flush(&mut self) -> bool {
        if self.pending.is_empty() {
            return true;
        }
        let full =
            std::mem::replace(&mut self.pending, Vec::with_capacity(BATCH));
        let sent = self.tx.send((self.seq, full)).is_ok();
        self.seq += 1;
        sent
    }
}

/// The extraction stage, run by each worker until the input ends.
fn extract_batches(
    rx: &Mutex<Receiver<Batch>>,
    tx: &SyncSender<DoneBatch>,
    recent: &Mutex<Recent>,
    keys: &ContentKeys,
) {
    loop {
        let job = match rx.lock() {
            Ok(guard) => guard.recv(),
            Err(_) => return,
        };
        let Ok((seq, units)) = job else { return };
        let done = units.into_iter().map(|unit| match unit {
            Unit::Forget(file) => Done::Forget(file),
            Unit::Article(file, a) => {
                let input = Input {
                    title: &a.title,
                    body: &a.body,
                    published: a.published.as_deref(),
                    dateline: a.dateline.as_deref(),
                    path: &a.origin,
                };
                // Hashed outside the lock, which the workers share.
                let content = keys.content(&input);
                let copy = recent.lock().ok().and_then(|r| r.get(content));
                let analysed = copy.unwrap_or_else(|| {
                    let x = extract::analyze(&input);
                    let sig = story::sketch(&a.title, &a.body);
                    Arc::new((x, sig))
                });
                if let Ok(mut r) = recent.lock() {
                    r.read(content, &analysed);
                }
                Done::Article(file, a, analysed)
            }
        });
        if tx.send((seq, done.collect())).is_err() {
            return;
        }
    }
}

/// Bytes of the extractions [`Recent`] keeps, counted roughly
/// ([`Recent::weight`]).
const RECENT_BYTES: usize = 64 << 20;
/// Articles whose content [`Recent`] remembers having read.
const RECENT_ARTICLES: usize = 1 << 18;

/// The articles read lately, by their content, and the extractions and
/// signatures of those read twice: a later exact copy of one of them
/// (the same headline, text, date and dateline under another id: an
/// archive that holds one wire story once per paper that ran it, a feed
/// saved twice) takes them instead of making them again. Both depend
/// on nothing else of an article but the date its path may give, which
/// is part of the content. An article read once costs a hash, not its
/// extraction: most archives hold few exact copies. Contents are told
/// apart by their [`ContentKeys::content`] hash. The articles read first
/// go first, once [`RECENT_ARTICLES`] are remembered or [`RECENT_BYTES`]
/// kept.
struct Recent {
    /// Content → its extraction, once it was read twice.
    seen: FxHashMap<u128, Option<Arc<Analysed>>>,
    /// The contents of `seen` in the order they were first read.
    order: VecDeque<u128>,
    /// Bytes kept, counted as [`Recent::weight`] counts them.
    bytes: usize,
    /// Bytes to keep at most.
    budget: usize,
    /// Contents to remember at most.
    most: usize,
}

/// The keys of the content hash of a run: two 64-bit SipHashes with keys
/// drawn at random, together 128 bits.
struct ContentKeys(RandomState, RandomState);

impl ContentKeys {
    fn new() -> ContentKeys {
        ContentKeys(RandomState::new(), RandomState::new())
    }

    /// What extraction and the signature read of an article, hashed.
    fn content(&self, input: &Input<'_>) -> u128 {
        let content = (
            input.title,
            input.body,
            input.published,
            input.dateline,
            date_from_path(input.path),
        );
        u128::from(self.0.hash_one(content)) << 64
            | u128::from(self.1.hash_one(content))
    }
}

impl Recent {
    fn new(budget: usize, most: usize) -> Recent {
        Recent {
            seen: FxHashMap::default(),
            order: VecDeque::new(),
            bytes: 0,
            budget,
            most,
        }
    }

    /// The bytes a kept extraction is counted for: a share per entity,
    /// date and place found.
    fn weight(x: &Extraction) -> usize {
        64 + 256 * x.entities.len()
            + 64 * (x.mentioned.len() + x.about_places.len())
    }

    /// The extraction of an article with this content, if one was kept.
    fn get(&self, content: u128) -> Option<Arc<Analysed>> {
        self.seen.get(&content)?.clone()
    }

    /// Notes that an article with this content was read and analysed:
    /// its extraction is kept when the content was read before.
    fn read(&mut self, content: u128, analysed: &Arc<Analysed>) {
        match self.seen.entry(content) {
            Entry::Occupied(mut e) => {
                if e.get().is_none() {
                    self.bytes += Recent::weight(&analysed.0);
                    e.insert(Some(Arc::clone(analysed)));
                }
            }
            Entry::Vacant(e) => {
                e.insert(None);
                self.order.push_back(content);
            }
        }
        while self.order.len() > self.most || self.bytes > self.budget {
            let Some(first) = self.order.pop_front() else { break };
            if let Some(Some(kept)) = self.seen.remove(&first) {
                self.bytes -= Recent::weight(&kept.0);
            }
        }
    }
}

/// The writing stage: batches in their original order.
fn write_in_order(
    rx: &Receiver<DoneBatch>,
    sink: &mut dyn Sink,
    summary: &mut Summary,
    progress: &Progress,
) -> anyhow::Result<()> {
    let mut waiting: BTreeMap<usize, Vec<Done>> = BTreeMap::new();
    let mut next = 0;
    for (seq, done) in rx.iter() {
        waiting.insert(seq, done);
        while let Some(batch) = waiting.remove(&next) {
            next += 1;
            for unit in batch {
                match unit {
                    Done::Forget(file) => sink.forget(&file)?,
                    Done::Article(file, article, analysed) => {
                        let (x, sig) = &*analysed;
                        if x.published.is_none() {
                            summary.undated += 1;
                        }
                        let added = sink.article(&file, &article, x, sig)?;
                        summary.indexed += 1;
                        if added.replaced {
                            summary.replaced += 1;
                        } else {
                            summary.added += 1;
                        }
                        summary.copies += usize::from(added.copy);
                    }
                }
            }
            sink.tick()?;
            progress.articles.store(summary.indexed as u64, Ordering::Relaxed);
            progress.draw();
        }
    }
    Ok(())
}

/// The progress line on a terminal (stderr): percent of the bytes to
/// read, articles and articles/s, MB/s, time left. Drawn by indicatif,
/// which redraws at most 20 times a second and draws nothing when
/// stderr is not a terminal; hidden with `--quiet`.
struct Progress {
    bar: ProgressBar,
    /// Bytes of input read (also for the summary line).
    bytes: AtomicU64,
    /// Articles written.
    articles: Arc<AtomicU64>,
}

impl Progress {
    fn new(enabled: bool) -> Progress {
        let articles = Arc::new(AtomicU64::new(0));
        let bar = if enabled {
            let count = Arc::clone(&articles);
            let rate = Arc::clone(&articles);
            let style = ProgressStyle::with_template(
                "newsdex: {percent:>3}% {articles} articles \
                 ({articles_per_sec}/s, {decimal_bytes_per_sec}, \
                 ETA {eta})",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .with_key(
                "articles",
                move |_: &ProgressState, w: &mut dyn Write| {
                    let _ = write!(w, "{}", count.load(Ordering::Relaxed));
                },
            )
            .with_key(
                "articles_per_sec",
                move |s: &ProgressState, w: &mut dyn Write| {
                    let n = rate.load(Ordering::Relaxed) as f64;
                    let secs = s.elapsed().as_secs_f64().max(1e-9);
                    let _ = write!(w, "{:.0}", n / secs);
                },
            );
            ProgressBar::with_draw_target(
                Some(0),
                ProgressDrawTarget::stderr(),
            )
            .with_style(style)
        } else {
            ProgressBar::hidden()
        };
        Progress { bar, bytes: AtomicU64::new(0), articles }
    }

    /// Updates the line (indicatif limits the redraws).
    fn draw(&self) {
        self.bar.set_position(self.bytes.load(Ordering::Relaxed));
    }

    /// Prints a message on stderr with the line out of its way.
    fn println(&self, message: &str) {
        self.bar.suspend(|| eprintln!("{message}"));
    }

    /// Draws the final state and leaves it on its own line.
    fn finish(&self) {
        if !self.bar.is_hidden() {
            self.draw();
            self.bar.finish();
            eprintln!();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_disk_is_recognised_in_the_chain() {
        let dir = Path::new("/data/idx");
        let said = |err: anyhow::Error| disk_full(err, dir).to_string();
        let full = std::io::Error::from(std::io::ErrorKind::StorageFull);
        let msg = said(anyhow::Error::new(full).context("cannot commit"));
        assert!(msg.starts_with("the disk is full"), "{msg}");
        assert!(msg.contains("/data/idx") && msg.contains("intact"), "{msg}");
        // tantivy keeps only the text of some errors.
        let text = "An IO error occurred: 'No space left on device (os \
                    error 28)'";
        let msg = said(anyhow::anyhow!("{text}").context("indexing failed"));
        assert!(msg.starts_with("the disk is full"), "{msg}");
        // As a commit said when the disk filled as it created a file:
        // the io::Error only in the Debug text of tantivy's error.
        let text = "Failed to open file for write: 'IoError { io_error: \
                    Custom { kind: StorageFull, error: PathError { path: \
                    \"/i/.tmpnsD1KK\", err: Os { code: 28, kind: \
                    StorageFull, message: \"No space left on device\" } \
                    } }, filepath: \"d59e.fieldnorm\" }'";
        let msg = said(anyhow::anyhow!("{text}").context("cannot commit"));
        assert!(msg.starts_with("the disk is full"), "{msg}");
        let other = std::io::Error::from(std::io::ErrorKind::NotFound);
        let msg = said(anyhow::Error::new(other).context("cannot commit"));
        assert_eq!(msg, "cannot commit");
    }

    #[test]
    fn an_exact_copy_takes_the_extraction_of_an_article_read_twice() {
        let input = |body: &'static str, dateline, path| Input {
            title: "Trade talks",
            body,
            published: None,
            dateline,
            path,
        };
        let analysed = |i: &Input<'_>| {
            Arc::new((extract::analyze(i), story::sketch(i.title, i.body)))
        };
        let mut recent = Recent::new(1000, 3);
        let keys = ContentKeys::new();
        let first = input("LONDON - Talks went on.", None, "a.jsonl:1");
        let copy = input("LONDON - Talks went on.", None, "b.jsonl:9");
        let content = keys.content(&first);
        assert_eq!(keys.content(&copy), content);
        recent.read(content, &analysed(&first));
        assert!(recent.get(content).is_none(), "read once: not kept");
        recent.read(content, &analysed(&copy));
        let kept = recent.get(content).expect("read twice: kept");
        assert_eq!(*kept, *analysed(&copy));
        // Another dateline, or a date in the path, is another article.
        let paris = input("LONDON - Talks went on.", Some("PARIS"), "a");
        assert_ne!(keys.content(&paris), content);
        let dated = input("LONDON - Talks went on.", None, "2025/10/25/a");
        assert_ne!(keys.content(&dated), content);
        // The first read go first once three are remembered...
        for body in ["One.", "Two.", "Three."] {
            let other = input(body, None, "c.jsonl:1");
            recent.read(keys.content(&other), &analysed(&other));
        }
        assert!(recent.get(content).is_none());
        assert_eq!(recent.order.len(), 3);
        // ...or once the budget is spent.
        let mut recent = Recent::new(10, 3);
        recent.read(content, &analysed(&first));
        recent.read(content, &analysed(&first));
        assert!(recent.get(content).is_none());
        assert!(recent.seen.is_empty() && recent.bytes == 0);
    }
}
