//! `newsdex extract` and `newsdex push`: the archive as documents for an
//! OpenSearch cluster.
//!
//! Both read articles with `index`'s pipeline (the same readers, the
//! same bad-input rules, extraction on every core, input order kept);
//! `extract` writes each article's document as a line of JSON on stdout,
//! `push` sends them to the cluster in `_bulk` requests. `push
//! --extracted` sends `extract`'s lines as they are, so that extraction
//! can run on many machines and one `push` (or several) load the
//! results.

use std::io::{BufRead, Write};
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use serde_json::Value;

use super::index::{pipeline, Reading, Sink, Summary};
use crate::cli::{ExtractArgs, PushArgs};
use crate::exit::Outcome;
use crate::extract::story::Signature;
use crate::extract::Extraction;
use crate::index::cluster::{self, Cluster, Documents};
use crate::index::manifest::Manifest;
use crate::index::writer::Added;
use crate::ingest::{self, Article};

/// Runs `newsdex extract`.
///
/// # Errors
///
/// stdout closed, or with `--strict` the first bad input.
pub fn extract(args: &ExtractArgs) -> anyhow::Result<Outcome> {
    let started = Instant::now();
    let stdout = std::io::stdout();
    let mut sink = ExtractSink {
        docs: Documents::default(),
        out: std::io::BufWriter::new(stdout.lock()),
    };
    let reading = Reading {
        paths: &args.paths,
        strict: args.strict,
        rebuild: true,
        prune: false,
        format: args.format,
        quiet: args.quiet,
    };
    let (summary, _, _) = pipeline(&reading, &Manifest::default(), &mut sink)?;
    sink.out.flush()?;
    if !args.quiet {
        eprintln!(
            "newsdex: extracted {} articles from {} files in {:.1}s \
             ({} without a date, {} errors)",
            summary.indexed,
            summary.files,
            started.elapsed().as_secs_f64(),
            summary.undated,
            summary.errors
        );
    }
    Ok(Outcome::Success)
}

struct ExtractSink<W: Write> {
    docs: Documents,
    out: W,
}

impl<W: Write> Sink for ExtractSink<W> {
    fn forget(&mut self, _file: &str) -> anyhow::Result<()> {
        Ok(())
    }

    fn article(
        &mut self,
        _file: &str,
        article: &Article,
        x: &Extraction,
        sig: &(Signature, usize),
    ) -> anyhow::Result<Added> {
        let (doc, added) = self.docs.document(article, x, sig)?;
        let mut line = serde_json::to_vec(&doc)?;
        line.push(b'\n');
        self.out.write_all(&line)?;
        Ok(added)
    }
}

/// Runs `newsdex push`.
///
/// # Errors
///
/// An unreachable cluster, an index it refuses to create, a `_bulk`
/// request still failing after the retries, or with `--strict` the first
/// bad input.
pub fn push(args: &PushArgs) -> anyhow::Result<Outcome> {
    let started = Instant::now();
    let cluster = Cluster::new(&args.url)?;
    let docs = Documents::default();
    if !cluster.exists()? {
        let mapping = docs.mapping(args.shards, args.replicas);
        cluster
            .index_call("PUT", "", Some(mapping))
            .context("cannot create the index")?;
        if !args.quiet {
            eprintln!(
                "newsdex: created index {} ({} shards, {} replicas)",
                cluster.index, args.shards, args.replicas
            );
        }
    }
    let mut sink = Bulk {
        cluster: &cluster,
        docs,
        batch: args.batch as usize,
        body: String::new(),
        origins: Vec::new(),
        sent: 0,
        rejected: 0,
    };
    let summary = if args.extracted {
        push_extracted(args, &mut sink)?
    } else {
        let reading = Reading {
            paths: &args.paths,
            strict: args.strict,
            rebuild: true,
            prune: false,
            format: args.format,
            quiet: args.quiet,
        };
        pipeline(&reading, &Manifest::default(), &mut sink)?.0
    };
    sink.flush()?;
    cluster.index_call("POST", "_refresh", None)?;
    if !args.quiet {
        let secs = started.elapsed().as_secs_f64();
        eprintln!(
            "newsdex: pushed {} articles from {} files in {secs:.1}s \
             ({:.0} articles/s; {} without a date, {} errors, {} rejected \
             by the engine) to {}",
            sink.sent,
            summary.files,
            sink.sent as f64 / secs.max(1e-9),
            summary.undated,
            summary.errors,
            sink.rejected,
            cluster.index
        );
    }
    if sink.rejected > 0 {
        return Ok(Outcome::Error);
    }
    Ok(Outcome::Success)
}

/// `push --extracted`: `extract`'s lines, checked and sent as they are.
fn push_extracted(
    args: &PushArgs,
    sink: &mut Bulk<'_>,
) -> anyhow::Result<Summary> {
    let mut summary = Summary::default();
    for path in &args.paths {
        summary.files += 1;
        let reader: Box<dyn BufRead> = if ingest::is_stdin(path) {
            Box::new(std::io::stdin().lock())
        } else {
            let f = std::fs::File::open(path)
                .with_context(|| format!("{}: cannot read", path.display()))?;
            Box::new(std::io::BufReader::new(f))
        };
        for (i, line) in reader.lines().enumerate() {
            let origin = format!("{}:{}", path.display(), i + 1);
            let line =
                line.with_context(|| format!("{origin}: cannot read"))?;
            if line.trim().is_empty() {
                continue;
            }
            let doc = match extracted_doc(&sink.docs, &line) {
                Ok(doc) => doc,
                Err(why) => {
                    summary.errors += 1;
                    let msg = format!(
                        "{origin}: not a document of newsdex extract: {why}"
                    );
                    if args.strict {
                        bail!("{msg} (--strict)");
                    }
                    eprintln!("newsdex: {msg}");
                    continue;
                }
            };
            if sink.docs.is_undated(&doc.1) {
                summary.undated += 1;
            }
            sink.add(&doc.0, &line, origin)?;
            summary.indexed += 1;
        }
    }
    Ok(summary)
}

/// The id and fields of one line of `extract`'s output.
fn extracted_doc(
    docs: &Documents,
    line: &str,
) -> Result<(String, serde_json::Map<String, Value>), String> {
    let value: Value =
        serde_json::from_str(line).map_err(|e| format!("{e}"))?;
    let Value::Object(map) = value else {
        return Err("not a JSON object".into());
    };
    let id = docs.id_of(&map).ok_or("no article id")?.to_string();
    Ok((id, map))
}

/// `_bulk` requests of `batch` documents.
struct Bulk<'a> {
    cluster: &'a Cluster,
    docs: Documents,
    batch: usize,
    /// The NDJSON body being filled.
    body: String,
    /// Where each document of `body` came from, in order.
    origins: Vec<String>,
    /// Documents the cluster took.
    sent: usize,
    /// Documents it refused (reported on stderr).
    rejected: usize,
}

/// How often a `_bulk` request is tried before `push` gives up: with
/// [`MAX_WAIT`], about two minutes, long enough for a node to restart.
const TRIES: u32 = 10;

/// The longest wait between two tries.
const MAX_WAIT: Duration = Duration::from_secs(30);

impl Bulk<'_> {
    /// Queues a document (its JSON text), sending a full batch.
    fn add(
        &mut self,
        id: &str,
        json: &str,
        origin: String,
    ) -> anyhow::Result<()> {
        let action =
            serde_json::json!({"index": {"_id": cluster::doc_id(id)}});
        self.body.push_str(&action.to_string());
        self.body.push('\n');
        self.body.push_str(json);
        self.body.push('\n');
        self.origins.push(origin);
        if self.origins.len() >= self.batch {
            self.flush()?;
        }
        Ok(())
    }

    /// Sends what is queued, retrying on 429, 5xx and lost connections
    /// with exponential backoff (0.25 s doubling, at most 30 s), and the
    /// documents a bulk answer refused with 429 or 5xx alone. Other
    /// refusals are reported with the article's file and line.
    fn flush(&mut self) -> anyhow::Result<()> {
        let mut body = std::mem::take(&mut self.body);
        let mut origins = std::mem::take(&mut self.origins);
        let mut wait = Duration::from_millis(250);
        let mut tries = 0;
        while !origins.is_empty() {
            tries += 1;
            let path = format!("{}/_bulk", self.cluster.index);
            let answer = self.cluster.call(
                "POST",
                &path,
                Some(("application/x-ndjson", body.clone())),
            );
            let retry = match &answer {
                Err(_) => true,
                Ok((status, _)) => *status == 429 || *status >= 500,
            };
            if retry {
                if tries >= TRIES {
                    return match answer {
                        Err(e) => Err(e.context(format!(
                            "the engine failed {TRIES} times in a row"
                        ))),
                        Ok((status, v)) => bail!(
                            "the engine failed {TRIES} times in a row: {status}: {}",
                            cluster::reason(&v)
                        ),
                    };
                }
                eprintln!(
                    "newsdex: the engine is busy or away ({}); retrying in {:.2}s",
                    match &answer {
                        Err(e) => format!("{e:#}"),
                        Ok((s, _)) => s.to_string(),
                    },
                    wait.as_secs_f64()
                );
                std::thread::sleep(wait);
                wait = (wait * 2).min(MAX_WAIT);
                continue;
            }
            let (status, value) = answer?;
            if !(200..300).contains(&status) {
                bail!("POST {path}: {status}: {}", cluster::reason(&value));
            }
            let items = value["items"].as_array().cloned().unwrap_or_default();
            let lines: Vec<&str> = body.lines().collect();
            let mut again = String::new();
            let mut again_origins = Vec::new();
            for (i, origin) in origins.iter().enumerate() {
                let item = &items.get(i).map_or(&Value::Null, |v| &v["index"]);
                let status = item["status"].as_u64().unwrap_or(0);
                if (200..300).contains(&status) {
                    self.sent += 1;
                } else if (status == 429 || status >= 500) && tries < TRIES {
                    again.push_str(lines[2 * i]);
                    again.push('\n');
                    again.push_str(lines[2 * i + 1]);
                    again.push('\n');
                    again_origins.push(origin.clone());
                } else {
                    self.rejected += 1;
                    eprintln!(
                        "newsdex: {origin}: rejected by the engine: {}",
                        item["error"]["reason"]
                            .as_str()
                            .unwrap_or("no answer for this document")
                    );
                }
            }
            if !again_origins.is_empty() {
                std::thread::sleep(wait);
                wait = (wait * 2).min(MAX_WAIT);
            }
            body = again;
            origins = again_origins;
        }
        Ok(())
    }
}

impl Sink for Bulk<'_> {
    fn forget(&mut self, _file: &str) -> anyhow::Result<()> {
        // Documents are replaced by id; nothing to forget first.
        Ok(())
    }

    fn article(
        &mut self,
        _file: &str,
        article: &Article,
        x: &Extraction,
        sig: &(Signature, usize),
    ) -> anyhow::Result<Added> {
        let (doc, added) = self.docs.document(article, x, sig)?;
        let json = serde_json::to_string(&doc)?;
        self.add(&article.id, &json, article.origin.clone())?;
        Ok(added)
    }
}
