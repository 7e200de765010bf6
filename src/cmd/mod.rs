//! Glue, one file per subcommand: the only code that spans `ingest`,
//! `extract`, `index`, `query` and `output`.

pub mod explore;
pub mod index;
pub mod ner;
pub mod search;
pub mod stats;

use crate::cli::{Cli, Command};
use crate::exit::Outcome;

/// Runs the command the user asked for.
///
/// # Errors
///
/// Any error that should end the program with exit code 2.
pub fn run(cli: Cli) -> anyhow::Result<Outcome> {
    match cli.command {
        Command::Index(args) => index::run(&cli.index, &args),
        Command::Search(args) => search::run(&cli.index, &args),
        Command::Facets(args) => explore::facets(&cli.index, &args),
        Command::Timeline(args) => explore::timeline(&cli.index, &args),
        Command::Related(args) => explore::related(&cli.index, &args),
        Command::Stats(args) => stats::run(&cli.index, &args),
        Command::Ner(args) => ner::run(&args),
        Command::NerTrain(args) => ner::train(&args),
        Command::NerClusters(args) => ner::clusters(&args),
    }
}
