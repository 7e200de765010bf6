//! `newsdex stats`: how big the index is and how many distinct entities
//! it knows.

use std::io::Write;
use std::path::Path;

use serde::Serialize;

use super::Backend;
use crate::cli::StatsArgs;
use crate::exit::Outcome;
use crate::index;
use crate::index::schema::FacetField;
use crate::output;

/// The numbers of the archive `backend` reads (the local index at
/// `index_dir`, or a cluster), as `stats --json` prints them and
/// `newsdex serve`'s `/api/v1/stats` answers.
///
/// # Errors
///
/// An unreadable index, a failing cluster.
pub fn stats(backend: &Backend, index_dir: &Path) -> anyhow::Result<Stats> {
    let (articles, stories, undated_articles, index_bytes) = match backend {
        Backend::Local(e) => (
            e.searcher.num_docs(),
            e.story_count()?,
            e.undated_count()?,
            index::size_on_disk(index_dir),
        ),
        Backend::Cluster(c) => {
            (c.articles, c.story_count()?, c.undated_count()?, c.size_bytes()?)
        }
    };
    let vocab = backend.vocab();
    Ok(Stats {
        articles,
        stories,
        undated_articles,
        index_bytes,
        people: vocab.count(FacetField::Person),
        places: vocab.count(FacetField::Place),
        orgs: vocab.count(FacetField::Org),
        sources: vocab.count(FacetField::Source),
    })
}

/// The numbers `stats` reports. Its JSON form is documented in
/// `output::json`.
#[derive(Debug, Serialize)]
pub struct Stats {
    /// Articles (records) in the index.
    pub articles: u64,
    /// Stories they make: copies of one story count once.
    pub stories: u64,
    /// Articles without a publication date.
    pub undated_articles: usize,
    /// Bytes on disk.
    pub index_bytes: u64,
    /// Distinct people.
    pub people: usize,
    /// Distinct places (leaf places).
    pub places: usize,
    /// Distinct organisations.
    pub orgs: usize,
    /// Distinct sources.
    pub sources: usize,
}

/// Runs `newsdex stats`.
///
/// # Errors
///
/// Fails when there is no readable index.
pub fn run(index_dir: &Path, args: &StatsArgs) -> anyhow::Result<Outcome> {
    let backend = super::open_backend(index_dir)?;
    let stats = stats(&backend, index_dir)?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.json {
        output::json::document(&mut out, &stats)?;
    } else {
        writeln!(out, "articles:  {}", stats.articles)?;
        writeln!(out, "stories:   {}", stats.stories)?;
        writeln!(out, "undated:   {}", stats.undated_articles)?;
        writeln!(out, "size:      {} bytes", stats.index_bytes)?;
        writeln!(out, "people:    {}", stats.people)?;
        writeln!(out, "places:    {}", stats.places)?;
        writeln!(out, "orgs:      {}", stats.orgs)?;
        writeln!(out, "sources:   {}", stats.sources)?;
    }
    Ok(Outcome::Success)
}
