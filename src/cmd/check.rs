//! `newsdex check [--repair]`: what is wrong with an index, one line per
//! problem, and the way out.
//!
//! stdout holds the result: `ok: N articles` for a sound index, else
//! `PART: DETAIL` per problem (with `--json`, one document as
//! `output::json` specifies). What to do next goes to stderr.

use std::io::Write;
use std::path::Path;

use crate::cli::CheckArgs;
use crate::exit::Outcome;
use crate::index::check::{self, Report};
use crate::output;

/// Runs `newsdex check`.
///
/// # Errors
///
/// `--repair` cannot take the lock or write the index folder; stdout
/// cannot be written.
pub fn run(index_dir: &Path, args: &CheckArgs) -> anyhow::Result<Outcome> {
    let mut report = check::check(index_dir);
    if args.repair && report.problems.iter().any(|p| p.repairable) {
        check::repair(index_dir)?;
        for p in report.problems.iter().filter(|p| p.repairable) {
            eprintln!("newsdex: rewrote {} from the index", p.part);
        }
        report = check::check(index_dir);
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.json {
        output::json::document(&mut out, &report)?;
    } else if report.ok {
        writeln!(out, "ok: {} articles", report.articles)?;
    } else {
        for p in &report.problems {
            writeln!(out, "{}: {}", p.part, p.detail)?;
        }
    }
    out.flush()?;
    advise(index_dir, &report);
    Ok(if report.ok { Outcome::Success } else { Outcome::Error })
}

/// Tells the user, on stderr, the one command that fixes what is wrong.
fn advise(index_dir: &Path, report: &Report) {
    if report.ok {
        return;
    }
    let dir = index_dir.display();
    if !index_dir.is_dir() {
        eprintln!(
            "newsdex: no index at {dir}: build one with `newsdex --index \
             {dir} index PATH...`"
        );
    } else if report.problems.iter().all(|p| p.repairable) {
        eprintln!(
            "newsdex: the index at {dir} needs repair: run `newsdex --index \
             {dir} check --repair`"
        );
    } else {
        eprintln!(
            "newsdex: the index at {dir} is damaged: rebuild it with \
             `newsdex --index {dir} index --rebuild PATH...` from the files \
             it was built from"
        );
    }
}
