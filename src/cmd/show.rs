//! `newsdex show ID`: one article read whole.

use std::io::Write;
use std::path::Path;

use anyhow::bail;

use crate::cli::ShowArgs;
use crate::exit::Outcome;
use crate::output;

/// Runs `newsdex show`.
///
/// # Errors
///
/// No readable index, or no record with the id.
pub fn run(index_dir: &Path, args: &ShowArgs) -> anyhow::Result<Outcome> {
    let engine = super::open_engine(index_dir)?;
    let Some(article) = engine.article(&args.id)? else {
        bail!(
            "no article with id {:?} in {} (search hits give ids)",
            args.id,
            index_dir.display()
        );
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.json {
        output::json::document(&mut out, &article)?;
    } else {
        output::text::article(&mut out, &article)?;
    }
    out.flush()?;
    Ok(Outcome::Success)
}
