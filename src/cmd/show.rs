//! `newsdex show ID`: one article read whole.

use std::io::Write;
use std::path::Path;

use crate::cli::ShowArgs;
use crate::exit::Outcome;
use crate::output;
use crate::query::{Article, Engine};

/// Runs `newsdex show`: exit 1, with a message on stderr, when the index
/// has no article with that id.
///
/// # Errors
///
/// An unreadable index, a failed write.
pub fn run(index_dir: &Path, args: &ShowArgs) -> anyhow::Result<Outcome> {
    let engine = super::open_engine(index_dir)?;
    let Some(article) = report(engine, &args.id)? else {
        eprintln!(
            "newsdex: no article with id {:?} in {} (search hits give ids)",
            args.id,
            index_dir.display()
        );
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

/// The report of `newsdex show ID`, as its `--json` prints it and
/// `newsdex serve`'s `/api/v1/article` answers: the article with its
/// entities, dates, origin and its story's other copies; `None` when the
/// index has no article with that id.
///
/// # Errors
///
/// An unreadable index or stored article.
pub fn report(engine: &Engine, id: &str) -> anyhow::Result<Option<Article>> {
    engine.article(id)
}
