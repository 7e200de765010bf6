//! `newsdex facets`, `timeline` and `related`: counting over the archive.

use std::io::Write;
use std::path::Path;

use anyhow::Context;
use serde::Serialize;

use super::search::{filtered_request, today};
use super::Backend;
use crate::cli::{
    FacetsArgs, FilterArgs, PeriodArg, RelatedArgs, ScopeArg, TableFormat,
    TimelineArgs,
};
use crate::exit::Outcome;
use crate::extract::EntityKind;
use crate::output::{self, explore as render};
use crate::query::explore::{
    Counted, FacetsReport, Period, RelatedReport, Scope, TimelineReport,
};
use crate::query::parse::{Filter, Lookup};
use crate::query::{Query, QueryEcho, SearchRequest};

/// Runs `newsdex facets`.
///
/// # Errors
///
/// Bad query, unknown field, unreadable index.
pub fn facets(index_dir: &Path, args: &FacetsArgs) -> anyhow::Result<Outcome> {
    let engine = super::open_backend(index_dir)?;
    let report = facets_report(&engine, args)?;
    let out = &mut std::io::stdout().lock();
    emit(out, &args.format, &report, render::facets_csv, render::facets_text)?;
    Ok(Outcome::found(!report.values.is_empty()))
}

/// The report of `newsdex facets`, as its `--json` prints it and
/// `newsdex serve`'s `/api/v1/facets` answers.
///
/// # Errors
///
/// A [`BadRequest`](crate::query::BadRequest) for a bad query; an
/// unreadable index, a failing cluster.
pub fn facets_report(
    engine: &Backend,
    args: &FacetsArgs,
) -> anyhow::Result<FacetsReport> {
    let (req, query, total) =
        matching(engine, args.query.as_deref(), &args.filters, args.stories)?;
    let under = args.under.as_deref();
    let values = match engine {
        Backend::Local(e) => e.facet_children(
            &*query.context("no local query")?,
            args.field,
            under,
            args.top,
        )?,
        Backend::Cluster(c) => {
            c.facet_children(&req, args.field, under, args.top)?
        }
    };
    Ok(FacetsReport {
        query: QueryEcho::new(&req),
        field: args.field,
        under: args.under.clone(),
        total,
        counts: counted(args.stories),
        values,
    })
}

/// Runs `newsdex timeline`.
///
/// # Errors
///
/// Bad query, a span too wide for `--by`, unreadable index.
pub fn timeline(
    index_dir: &Path,
    args: &TimelineArgs,
) -> anyhow::Result<Outcome> {
    let engine = super::open_backend(index_dir)?;
    let report = timeline_report(&engine, args)?;
    let out = &mut std::io::stdout().lock();
    emit(
        out,
        &args.format,
        &report,
        render::timeline_csv,
        render::timeline_text,
    )?;
    Ok(Outcome::found(report.buckets.iter().any(|b| b.count > 0)))
}

/// The report of `newsdex timeline`, as its `--json` prints it and
/// `newsdex serve`'s `/api/v1/timeline` answers.
///
/// # Errors
///
/// A [`BadRequest`](crate::query::BadRequest) for a bad query or a span too wide for `--by`;
/// an unreadable index, a failing cluster.
pub fn timeline_report(
    engine: &Backend,
    args: &TimelineArgs,
) -> anyhow::Result<TimelineReport> {
    let (req, query, total) =
        matching(engine, args.query.as_deref(), &args.filters, args.stories)?;
    let by = match args.by {
        PeriodArg::Day => Period::Day,
        PeriodArg::Week => Period::Week,
        PeriodArg::Month => Period::Month,
        PeriodArg::Year => Period::Year,
    };
    let (buckets, dates) = match engine {
        Backend::Local(e) => (
            e.timeline(
                &*query.context("no local query")?,
                by,
                args.mentioned,
            )?,
            e.date_field_name(args.mentioned),
        ),
        Backend::Cluster(c) => (
            c.timeline(&req, by, args.mentioned)?,
            c.local.date_field_name(args.mentioned),
        ),
    };
    Ok(TimelineReport {
        query: QueryEcho::new(&req),
        by,
        dates,
        total,
        counts: counted(args.stories),
        buckets,
    })
}

/// Runs `newsdex related`.
///
/// # Errors
///
/// An entity the index does not know, bad query, unreadable index.
pub fn related(
    index_dir: &Path,
    args: &RelatedArgs,
) -> anyhow::Result<Outcome> {
    let engine = super::open_backend(index_dir)?;
    let (report, note) = related_report(&engine, args)?;
    if let Some(note) = note {
        eprintln!("newsdex: {note}");
    }
    let out = &mut std::io::stdout().lock();
    emit(
        out,
        &args.format,
        &report,
        render::related_csv,
        render::related_text,
    )?;
    Ok(Outcome::found(!report.related.is_empty()))
}

/// The report of `newsdex related`, as its `--json` prints it and
/// `newsdex serve`'s `/api/v1/related` answers, with the note the
/// command prints on stderr when the name was ambiguous and one entity
/// was taken.
///
/// # Errors
///
/// A [`BadRequest`](crate::query::BadRequest) for an entity the index does not know, an
/// ambiguous name or a bad query; an unreadable index, a failing
/// cluster.
pub fn related_report(
    backend: &Backend,
    args: &RelatedArgs,
) -> anyhow::Result<(RelatedReport, Option<String>)> {
    let kinds = [EntityKind::Person, EntityKind::Org, EntityKind::Place];
    let found = backend.vocab().find(&args.entity, &kinds);
    let mut note = None;
    let entity = match found.as_slice() {
        [] => {
            return Err(crate::query::bad(anyhow::anyhow!(
                "no person, organisation or place named {:?} in the index",
                args.entity
            )))
        }
        [one] => one.clone(),
        many => match crate::query::parse::dominant(many) {
            Some(chosen) => {
                note = Some(format!(
                    "{:?} could be {}: taking {}",
                    args.entity,
                    crate::query::parse::names(many),
                    chosen.name
                ));
                chosen.clone()
            }
            None => {
                return Err(crate::query::bad(anyhow::anyhow!(
                    "{:?} could be {}: say which",
                    args.entity,
                    crate::query::parse::names(many)
                )))
            }
        },
    };
    let raw = args.query.clone().unwrap_or_default();
    let today = today(&args.filters).map_err(crate::query::bad)?;
    let mut req =
        filtered_request(backend.vocab(), &raw, &args.filters, today)
            .map_err(crate::query::bad)?;
    req.understood.filters.push(Filter {
        known: entity.clone(),
        written: args.entity.clone(),
        about: args.filters.about,
    });
    let scope = match args.scope {
        ScopeArg::Article => Scope::Article,
        ScopeArg::Sentence => Scope::Sentence,
    };
    let (articles, index_articles, related) = match backend {
        Backend::Local(engine) => {
            let query = engine.build(&req)?.query;
            engine.related(&*query, &entity, &args.kinds, scope, args.top)?
        }
        Backend::Cluster(c) => {
            c.related(&req, &entity, &args.kinds, scope, args.top)?
        }
    };
    let report = RelatedReport {
        entity,
        query: QueryEcho::new(&req),
        scope,
        articles,
        index_articles,
        related,
    };
    Ok((report, note))
}

/// A request, its local query (none on a cluster) and its match count.
type Matching = (SearchRequest, Option<Box<dyn Query>>, usize);

/// What `--stories` makes the counts count.
fn counted(stories: bool) -> Counted {
    if stories {
        Counted::Stories
    } else {
        Counted::Articles
    }
}

/// The request, local query and match count of QUERY and filter flags;
/// with `stories`, a query matching the first matching record of each
/// story only, so that counts over it count stories. A cluster has no
/// local query, and refuses `stories`.
fn matching(
    engine: &Backend,
    raw: Option<&str>,
    filters: &FilterArgs,
    stories: bool,
) -> anyhow::Result<Matching> {
    let today = today(filters).map_err(crate::query::bad)?;
    let raw = raw.unwrap_or("");
    let req = filtered_request(engine.vocab(), raw, filters, today)
        .map_err(crate::query::bad)?;
    match engine {
        Backend::Local(e) => {
            let mut query = e.build(&req)?.query;
            if stories {
                query = e.one_per_story(&*query)?;
            }
            let total = e.count(&*query)?;
            Ok((req, Some(query), total))
        }
        Backend::Cluster(c) => {
            if stories {
                return Err(crate::query::bad(anyhow::anyhow!(
                    "--stories counts stories in a local index only; \
                     with --engine, facets and timeline count articles \
                     (leave out --stories)"
                )));
            }
            let total = c.count(&req)?;
            Ok((req, None, total))
        }
    }
}

fn emit<T: Serialize>(
    out: &mut dyn Write,
    format: &TableFormat,
    report: &T,
    csv: fn(&mut dyn Write, &T) -> std::io::Result<()>,
    text: fn(&mut dyn Write, &T) -> std::io::Result<()>,
) -> anyhow::Result<()> {
    if format.json {
        output::json::document(out, report)?;
    } else if format.csv {
        csv(out, report)?;
    } else {
        text(out, report)?;
    }
    out.flush()?;
    Ok(())
}
