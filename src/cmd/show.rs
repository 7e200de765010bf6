//! `newsdex show ID`: one article in full.

use std::io::Write;
use std::path::Path;

use crate::cli::ShowArgs;
use crate::exit::Outcome;
use crate::output;

/// Runs `newsdex show`: exit 1, with a message on stderr, when the index
/// has no article with that id.
///
/// # Errors
///
/// An unreadable index, a failed write.
pub fn run(index_dir: &Path, args: &ShowArgs) -> anyhow::Result<Outcome> {
    let engine = super::open_engine(index_dir)?;
    let Some(article) = engine.article(&args.id)? else {
        eprintln!("newsdex: no article with id {:?}", args.id);
        return Ok(Outcome::found(false));
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
