//! Glue, one file per subcommand: the only code that spans `ingest`,
//! `extract`, `index`, `query` and `output`. It never names tantivy:
//! what it needs of the index is a `query::Engine` method.

pub mod check;
pub mod cluster;
pub mod entities;
pub mod explore;
pub mod index;
pub mod ner;
pub mod search;
pub mod serve;
pub mod show;
pub mod stats;

use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use crate::cli::{Cli, Command};
use crate::exit::Outcome;
use crate::query::Engine;

/// Runs the command the user asked for.
///
/// # Errors
///
/// Any error that should end the program with exit code 2.
pub fn run(cli: Cli) -> anyhow::Result<Outcome> {
    if let Some(path) = &cli.aliases {
        let _ = ALIASES.set(path.clone());
    }
    if let Some(url) = cli.engine.as_ref().filter(|u| !u.is_empty()) {
        let serves = matches!(
            cli.command,
            Command::Search(_)
                | Command::Facets(_)
                | Command::Timeline(_)
                | Command::Related(_)
                | Command::Stats(_)
        );
        if !serves {
            anyhow::bail!(
                "--engine (or NEWSDEX_ENGINE) goes with search, facets, \
                 timeline, related and stats"
            );
        }
        let _ = ENGINE.set(url.clone());
        return dispatch(cli);
    }
    // The tagger's commands, `extract` and `push` read no index; a
    // server reports a request's panic as that request's error and goes
    // on: it is not one command to guard.
    let unguarded = matches!(
        cli.command,
        Command::Ner(_)
            | Command::NerTrain(_)
            | Command::NerClusters(_)
            | Command::Extract(_)
            | Command::Push(_)
            | Command::Serve(_)
    );
    if unguarded {
        return dispatch(cli);
    }
    let dir = cli.index.clone();
    guarded(&dir, move || dispatch(cli))
}

fn dispatch(cli: Cli) -> anyhow::Result<Outcome> {
    match cli.command {
        Command::Index(args) => index::run(&cli.index, &args),
        Command::Extract(args) => cluster::extract(&args),
        Command::Push(args) => cluster::push(&args),
        Command::Search(args) => search::run(&cli.index, &args),
        Command::Facets(args) => explore::facets(&cli.index, &args),
        Command::Timeline(args) => explore::timeline(&cli.index, &args),
        Command::Related(args) => explore::related(&cli.index, &args),
        Command::Entities(args) => entities::run(&cli.index, &args),
        Command::Show(args) => show::run(&cli.index, &args),
        Command::Stats(args) => stats::run(&cli.index, &args),
        Command::Serve(args) => serve::run(&cli.index, &args),
        Command::Check(args) => check::run(&cli.index, &args),
        Command::Ner(args) => ner::run(&args),
        Command::NerTrain(args) => ner::train(&args),
        Command::NerClusters(args) => ner::clusters(&args),
    }
}

/// Opens the index for a command that runs once per process. The engine
/// is never dropped: the process ends right after the command, and
/// freeing its entity tables one value at a time would cost about a
/// tenth of a one-query search.
fn open_engine(index_dir: &Path) -> anyhow::Result<&'static Engine> {
    let aliases = ALIASES.get().map(PathBuf::as_path);
    let engine = Engine::open_with_aliases(index_dir, aliases)?;
    for note in engine.vocab.merges_notes() {
        eprintln!("newsdex: {note}");
    }
    Ok(Box::leak(Box::new(engine)))
}

/// The archive a search-like command reads: the local index, or
/// (`--engine`) an OpenSearch cluster. Both compile the query alike and
/// give the same result types, which `output` renders. It borrows the
/// engine, so that `newsdex serve` can run the same reports on the
/// index it holds (and reopens).
#[derive(Clone, Copy)]
pub enum Backend<'a> {
    /// The index directory.
    Local(&'a Engine),
    /// A cluster.
    Cluster(&'a crate::query::cluster::ClusterEngine),
}

impl Backend<'_> {
    /// The entity vocabulary queries are compiled with.
    pub fn vocab(&self) -> &crate::query::Vocabulary {
        match self {
            Backend::Local(e) => &e.vocab,
            Backend::Cluster(c) => &c.local.vocab,
        }
    }

    /// Runs a search.
    ///
    /// # Errors
    ///
    /// An unreadable index, a failing cluster.
    pub fn search(
        &self,
        req: &crate::query::SearchRequest,
    ) -> anyhow::Result<crate::query::SearchResults> {
        match self {
            Backend::Local(e) => e.search(req),
            Backend::Cluster(c) => c.search(req),
        }
    }

    /// Articles matching a request.
    ///
    /// # Errors
    ///
    /// An unreadable index, a failing cluster.
    pub fn count(
        &self,
        req: &crate::query::SearchRequest,
    ) -> anyhow::Result<usize> {
        match self {
            Backend::Local(e) => e.count(&*e.build(req)?.query),
            Backend::Cluster(c) => c.count(req),
        }
    }
}

/// Opens the local index at `index_dir`, or the cluster of `--engine`.
/// Like [`open_engine`]'s, what it opens is never dropped.
///
/// # Errors
///
/// No readable index; an unreachable cluster.
fn open_backend(index_dir: &Path) -> anyhow::Result<Backend<'static>> {
    match ENGINE.get() {
        Some(url) => {
            let aliases = ALIASES.get().map(PathBuf::as_path);
            let engine =
                crate::query::cluster::ClusterEngine::open(url, aliases)?;
            for note in &engine.notes {
                eprintln!("newsdex: {note}");
            }
            Ok(Backend::Cluster(Box::leak(Box::new(engine))))
        }
        None => Ok(Backend::Local(open_engine(index_dir)?)),
    }
}

/// The cluster `--engine` named.
static ENGINE: OnceLock<String> = OnceLock::new();

/// The file of entity corrections `--aliases` named, for every command
/// that opens the index.
static ALIASES: OnceLock<PathBuf> = OnceLock::new();

/// Runs a command that reads the index at `dir`, so that a damaged
/// index ends in one error that names it and says how to recover: a
/// panic (tantivy asserts on some damaged files rather than failing) is
/// caught here, and an error of tantivy's that means damage is reworded.
/// The panic message is kept as the error's detail, not printed.
///
/// # Errors
///
/// The command's own errors; a damaged index.
fn guarded(
    dir: &Path,
    command: impl FnOnce() -> anyhow::Result<Outcome>,
) -> anyhow::Result<Outcome> {
    let previous = panic::take_hook();
    panic::set_hook(Box::new(|info| {
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic".to_string());
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        if let Ok(mut first) = PANIC.lock() {
            first.get_or_insert(format!("{what}{at}"));
        }
    }));
    let result = panic::catch_unwind(AssertUnwindSafe(command));
    panic::set_hook(previous);
    let panicked = PANIC.lock().ok().and_then(|mut p| p.take());
    match result {
        Ok(Ok(outcome)) => Ok(outcome),
        Ok(Err(err)) if crate::index::is_damage(&err) => {
            Err(damaged(dir, &format!("{err:#}")))
        }
        Ok(Err(err)) => match panicked {
            Some(what) => Err(damaged(dir, &format!("{err:#} ({what})"))),
            None => Err(err),
        },
        Err(_) => Err(damaged(
            dir,
            panicked.as_deref().unwrap_or("a panic while reading it"),
        )),
    }
}

/// The first panic of a [`guarded`] command, from any thread.
static PANIC: Mutex<Option<String>> = Mutex::new(None);

/// The error of an index that cannot be read back, on one line (some
/// of tantivy's messages span several).
fn damaged(dir: &Path, detail: &str) -> anyhow::Error {
    let detail = detail.split_whitespace().collect::<Vec<_>>().join(" ");
    anyhow::anyhow!(
        "the index at {dir} is damaged and cannot be read ({detail}): \
         rebuild it with `newsdex --index {dir} index --rebuild PATH...` \
         from the files it was built from",
        dir = dir.display()
    )
}
