//! `newsdex index PATH...`: read, extract, write, commit.

use std::io::IsTerminal;
use std::path::Path;
use std::time::Instant;

use anyhow::bail;

use crate::cli::IndexArgs;
use crate::exit::Outcome;
use crate::extract::{self, Input};
use crate::index::{self, writer::ArticleWriter};
use crate::ingest;

/// Commit after this many articles, so an interrupted run keeps most of
/// its work.
const COMMIT_EVERY: usize = 50_000;

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
}

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
    let mut summary = Summary::default();
    let progress = !args.quiet && std::io::stderr().is_terminal();
    let mut since_commit = 0;
    for entry in ingest::walk(&args.paths) {
        let (path, root) = match entry {
            Ok(found) => found,
            Err(err) => {
                report(&mut summary, &err, args.strict)?;
                continue;
            }
        };
        summary.files += 1;
        let batch = ingest::read_file(&path, &root);
        for err in &batch.errors {
            report(&mut summary, err, args.strict)?;
        }
        for article in &batch.articles {
            let x = extract::analyze(&Input {
                title: &article.title,
                body: &article.body,
                published: article.published.as_deref(),
                path: &article.origin,
            });
            if x.published.is_none() {
                summary.undated += 1;
            }
            writer.add(article, &x)?;
            summary.indexed += 1;
            since_commit += 1;
        }
        if since_commit >= COMMIT_EVERY {
            writer.commit()?;
            since_commit = 0;
        }
        if progress {
            eprint!(
                "\rnewsdex: {} files, {} articles",
                summary.files, summary.indexed
            );
        }
    }
    writer.commit()?;
    writer.finish()?;
    if progress {
        eprintln!();
    }
    if !args.quiet {
        eprintln!(
            "newsdex: indexed {} articles from {} files in {:.1}s \
             ({} without a date, {} errors) into {}",
            summary.indexed,
            summary.files,
            started.elapsed().as_secs_f64(),
            summary.undated,
            summary.errors,
            index_dir.display()
        );
    }
    Ok(Outcome::Success)
}

fn report(
    summary: &mut Summary,
    err: &ingest::Error,
    strict: bool,
) -> anyhow::Result<()> {
    summary.errors += 1;
    if strict {
        bail!("{err} (--strict)");
    }
    eprintln!("newsdex: {err}");
    Ok(())
}
