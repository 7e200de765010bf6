//! Glue, one file per subcommand: the only code that spans `ingest`,
//! `extract`, `index`, `query` and `output`. It never names tantivy:
//! what it needs of the index is a `query::Engine` method.

pub mod entities;
pub mod explore;
pub mod index;
pub mod ner;
pub mod search;
pub mod stats;

use std::mem::ManuallyDrop;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

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
    match cli.command {
        Command::Index(args) => index::run(&cli.index, &args),
        Command::Search(args) => search::run(&cli.index, &args),
        Command::Facets(args) => explore::facets(&cli.index, &args),
        Command::Timeline(args) => explore::timeline(&cli.index, &args),
        Command::Related(args) => explore::related(&cli.index, &args),
        Command::Entities(args) => entities::run(&cli.index, &args),
        Command::Stats(args) => stats::run(&cli.index, &args),
        Command::Ner(args) => ner::run(&args),
        Command::NerTrain(args) => ner::train(&args),
        Command::NerClusters(args) => ner::clusters(&args),
    }
}

/// Opens the index for a command that runs once per process. The engine
/// is never dropped: the process ends right after the command, and
/// freeing its entity tables one value at a time would cost about a
/// tenth of a one-query search.
fn open_engine(index_dir: &Path) -> anyhow::Result<ManuallyDrop<Engine>> {
    let aliases = ALIASES.get().map(PathBuf::as_path);
    let engine = Engine::open_with_aliases(index_dir, aliases)?;
    for note in engine.vocab.merges_notes() {
        eprintln!("newsdex: {note}");
    }
    Ok(ManuallyDrop::new(engine))
}

/// The file of entity corrections `--aliases` named, for every command
/// that opens the index.
static ALIASES: OnceLock<PathBuf> = OnceLock::new();
