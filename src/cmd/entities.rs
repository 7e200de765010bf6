//! `newsdex entities`.

use std::io::Write;
use std::path::Path;

use crate::cli::EntitiesArgs;
use crate::exit::Outcome;
use crate::output;
use crate::query::entities::EntitiesReport;
use crate::query::Engine;

/// The report of `newsdex entities`, as its `--json` prints it and
/// `newsdex serve`'s `/api/v1/entities` answers.
///
/// # Errors
///
/// An unreadable index.
pub fn report(
    engine: &Engine,
    args: &EntitiesArgs,
) -> anyhow::Result<EntitiesReport> {
    engine.entities(args.name.as_deref(), &args.kind, args.top)
}

/// Runs `newsdex entities`.
///
/// # Errors
///
/// An unreadable index or aliases file, a failed write.
pub fn run(index_dir: &Path, args: &EntitiesArgs) -> anyhow::Result<Outcome> {
    let engine = super::open_engine(index_dir)?;
    let report = report(engine, args)?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.format.json {
        output::json::document(&mut out, &report)?;
    } else if args.format.csv {
        output::explore::entities_csv(&mut out, &report)?;
    } else {
        output::explore::entities_text(&mut out, &report)?;
    }
    out.flush()?;
    Ok(Outcome::found(!report.entities.is_empty()))
}
