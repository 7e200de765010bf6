//! `newsdex search`: understand the query, run it, render the results.

use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;

use anyhow::{bail, Context};

use super::Backend;
use crate::cli::{ColorArg, FilterArgs, SearchArgs, SortArg};
use crate::exit::Outcome;
use crate::index::schema::FacetField;
use crate::output::{self, text::Style, Format};
use crate::query::{dates, parse, DayRange, SearchRequest, Sort};

/// Runs `newsdex search`.
///
/// # Errors
///
/// Bad dates, bad query syntax, or an unreadable index.
pub fn run(index_dir: &Path, args: &SearchArgs) -> anyhow::Result<Outcome> {
    let format = if args.format.json {
        Format::Json
    } else if args.format.jsonl {
        Format::JsonLines
    } else if args.format.csv {
        Format::Csv
    } else {
        Format::Text
    };
    if args.timings && args.queries.is_none() {
        bail!("--timings goes with --queries FILE");
    }
    let engine = super::open_backend(index_dir)?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if let Some(file) = &args.queries {
        let today = today(&args.filters).map_err(crate::query::bad)?;
        return run_many(&engine, file, args, today, &mut out);
    }
    let req = prepare(&engine, args)?;
    if args.explain {
        explain(&req);
    }
    let results = engine.search(&req)?;
    match format {
        Format::Json => output::json::document(&mut out, &results)?,
        Format::JsonLines => output::json::hits_lines(&mut out, &results)?,
        Format::Csv => output::csv::hits(&mut out, &results)?,
        Format::Text => {
            let color = match args.color {
                ColorArg::Always => true,
                ColorArg::Never => false,
                ColorArg::Auto => {
                    std::io::stdout().is_terminal()
                        && std::env::var_os("NO_COLOR")
                            .is_none_or(|v| v.is_empty())
                }
            };
            output::text::results(&mut out, &results, Style { color })?;
        }
    }
    out.flush()?;
    Ok(Outcome::found(results.total > 0))
}

/// The request of `newsdex search QUERY` with its flags: what the
/// command and `newsdex serve`'s `/api/v1/search` run.
///
/// # Errors
///
/// A [`BadRequest`](crate::query::BadRequest): bad query syntax, a bad date.
pub fn prepare(
    engine: &Backend,
    args: &SearchArgs,
) -> anyhow::Result<SearchRequest> {
    let today = today(&args.filters).map_err(crate::query::bad)?;
    let raw = args.query.as_deref().unwrap_or_default();
    request(engine, raw, args, today).map_err(crate::query::bad)
}

/// The day relative dates count from: `--today`, else the real date.
///
/// # Errors
///
/// A `--today` that is not a date.
pub fn today(args: &FilterArgs) -> anyhow::Result<jiff::civil::Date> {
    Ok(match &args.today {
        Some(s) => s.parse::<jiff::civil::Date>().with_context(|| {
            format!("--today {s:?} is not a date like 2025-10-25")
        })?,
        None => jiff::Timestamp::now().to_zoned(local_zone()).date(),
    })
}

/// The system's time zone, found once per process (a server asks for
/// every request). Read from `/etc/localtime` when `TZ` is not set:
/// jiff's own lookup first lists the whole time zone database, which
/// costs a few milliseconds per command.
fn local_zone() -> jiff::tz::TimeZone {
    static ZONE: std::sync::OnceLock<jiff::tz::TimeZone> =
        std::sync::OnceLock::new();
    ZONE.get_or_init(|| {
        if std::env::var_os("TZ").is_none() {
            if let Ok(data) = std::fs::read("/etc/localtime") {
                if let Ok(tz) = jiff::tz::TimeZone::tzif("localtime", &data) {
                    return tz;
                }
            }
        }
        jiff::tz::TimeZone::system()
    })
    .clone()
}

/// `--queries FILE`: one query per line, one JSON document per query.
/// A query that cannot be understood gets an error object in its place
/// (and a message on stderr); the others still run, and the outcome is
/// an error.
///
/// With `--timings`, each query's time (understanding it, searching,
/// rendering its JSON; not writing it out) goes to stderr as
/// `MICROSECONDS<tab>QUERY`, one line per query.
fn run_many(
    engine: &Backend,
    file: &Path,
    args: &SearchArgs,
    today: jiff::civil::Date,
    out: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let reader: Box<dyn BufRead> = if file == Path::new("-") {
        Box::new(std::io::stdin().lock())
    } else {
        let f = std::fs::File::open(file)
            .with_context(|| format!("cannot open {}", file.display()))?;
        Box::new(std::io::BufReader::new(f))
    };
    let mut any = false;
    let mut failed = 0usize;
    let mut buf: Vec<u8> = Vec::new();
    for (i, line) in reader.lines().enumerate() {
        let line = line.with_context(|| {
            format!("{}:{}: cannot read", file.display(), i + 1)
        })?;
        let raw = line.trim();
        if raw.is_empty() || raw.starts_with('#') {
            continue;
        }
        let start = std::time::Instant::now();
        let req = match request(engine, raw, args, today) {
            Ok(req) => req,
            Err(err) => {
                let line = i + 1;
                eprintln!(
                    "newsdex: {}:{line}: bad query: {err:#}",
                    file.display()
                );
                let error =
                    QueryError { error: format!("{err:#}"), line, raw };
                output::json::document(out, &error)?;
                failed += 1;
                continue;
            }
        };
        let results = engine.search(&req)?;
        buf.clear();
        output::json::document(&mut buf, &results)?;
        let micros = start.elapsed().as_micros();
        any |= results.total > 0;
        out.write_all(&buf)?;
        if args.timings {
            eprintln!("{micros}\t{raw}");
        }
    }
    out.flush()?;
    if failed > 0 {
        eprintln!("newsdex: {failed} bad queries in {}", file.display());
        return Ok(Outcome::Error);
    }
    Ok(Outcome::found(any))
}

/// The line `--queries` writes for a query it could not understand.
#[derive(serde::Serialize)]
struct QueryError<'a> {
    /// Why, as on stderr.
    error: String,
    /// The query's line in the file (1-based).
    line: usize,
    /// The query as written.
    raw: &'a str,
}

/// Turns the query text and the search flags into a request.
fn request(
    engine: &Backend,
    raw: &str,
    args: &SearchArgs,
    today: jiff::civil::Date,
) -> anyhow::Result<SearchRequest> {
    let mut req = filtered_request(engine.vocab(), raw, &args.filters, today)?;
    req.sort = match args.sort {
        SortArg::Relevance => Sort::Relevance,
        SortArg::Date => Sort::Date,
    };
    req.limit = args.limit;
    req.offset = args.offset;
    req.facets = if args.no_facets { Vec::new() } else { args.facets.clone() };
    req.facet_top = args.facet_top;
    req.all_copies = args.all_copies;
    Ok(req)
}

/// Turns query text and filter flags into a request with no hits asked
/// for: what `search`, `facets`, `timeline` and `related` share.
///
/// # Errors
///
/// Bad query syntax or a bad date.
pub fn filtered_request(
    vocab: &crate::query::Vocabulary,
    raw: &str,
    args: &FilterArgs,
    today: jiff::civil::Date,
) -> anyhow::Result<SearchRequest> {
    parse::check_length(raw)?;
    let found = dates::extract_dates(raw, today);
    let mut understood = parse::compile(&found.text, vocab)?;
    for (field, values) in [
        (FacetField::Person, &args.person),
        (FacetField::Place, &args.place),
        (FacetField::Org, &args.org),
        (FacetField::Source, &args.source),
    ] {
        for v in values {
            let written = format!("--{field} {v}");
            let filter = parse::explicit_filter(
                field,
                v,
                written,
                vocab,
                &mut understood.notes,
            )?;
            understood.filters.push(filter);
        }
    }
    if args.about {
        for filter in &mut understood.filters {
            filter.about = filter.known.field.kind().is_some();
        }
    }
    let mut published = DayRange::default();
    let mut mentioned = DayRange::default();
    let mut date_phrases = Vec::new();
    for d in &found.published {
        published = published.and(DayRange { from: d.from, to: d.to });
        date_phrases.push(d.phrase.clone());
    }
    for d in &found.mentioned {
        mentioned =
            mentioned.and(DayRange { from: Some(d.from), to: Some(d.to) });
        date_phrases.push(d.phrase.clone());
    }
    if let Some(s) = &args.from {
        let (first, _) = dates::parse_date_arg(s, today)
            .map_err(|e| anyhow::anyhow!("--from {s:?}: {e}"))?;
        published = published.and(DayRange { from: Some(first), to: None });
    }
    if let Some(s) = &args.to {
        let (_, last) = dates::parse_date_arg(s, today)
            .map_err(|e| anyhow::anyhow!("--to {s:?}: {e}"))?;
        published = published.and(DayRange { from: None, to: Some(last) });
    }
    if let Some(s) = &args.mentions_date {
        let (first, last) = dates::parse_date_arg(s, today)
            .map_err(|e| anyhow::anyhow!("--mentions-date {s:?}: {e}"))?;
        mentioned =
            mentioned.and(DayRange { from: Some(first), to: Some(last) });
    }
    Ok(SearchRequest {
        raw: raw.to_string(),
        understood,
        published,
        mentioned,
        date_phrases,
        ..SearchRequest::default()
    })
}

/// `--explain`: how the query was understood, on stderr (the JSON output
/// carries the same in its `query` object).
fn explain(req: &SearchRequest) {
    let u = &req.understood;
    eprintln!("query:    {:?}", req.raw);
    if !u.terms.is_empty() {
        eprintln!(
            "text:     {} (all words, title or body, stemmed)",
            u.terms.join(" ")
        );
    }
    for p in &u.phrases {
        eprintln!("phrase:   \"{p}\"");
    }
    for f in &u.filters {
        eprintln!(
            "filter:   {} = {} ({}) from {:?}",
            f.known.field, f.known.name, f.known.path, f.written
        );
    }
    let range = |r: &DayRange| {
        format!(
            "{} .. {}",
            r.from.map_or("*".into(), |d| d.to_string()),
            r.to.map_or("*".into(), |d| d.to_string())
        )
    };
    if !req.published.is_open() {
        eprintln!("published: {}", range(&req.published));
    }
    if !req.mentioned.is_open() {
        eprintln!("mentions: {}", range(&req.mentioned));
    }
    for p in &req.date_phrases {
        eprintln!("date:     {p:?}");
    }
    for n in &u.notes {
        eprintln!("note:     {n}");
    }
}
