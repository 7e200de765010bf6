//! The archive on an OpenSearch cluster: the index mapping newsdex owns,
//! the document of an article, and the REST calls `push` and
//! `--engine` make.
//!
//! The mapping and the documents are derived from the tantivy schema
//! ([`super::schema`]), field by field, so that no field is spelled
//! twice and a cluster holds exactly what a local index holds:
//!
//! | tantivy field | OpenSearch field |
//! | --- | --- |
//! | full text (`title`, `body`) | `text` with the `english` analyzer, and `<name>_terms`: newsdex's own tokens ([`super::text`]), a stop word's place kept by `_`, under the `whitespace` analyzer. Queries use `_terms`, so that a word matches on the cluster exactly where it matches locally. |
//! | facet (`person`, `place`, ...) | `keyword`, one value per path *and per ancestor*: `Asia`, `Asia/Malaysia`, `Asia/Malaysia/Kuala Lumpur`, so that a term filter on a continent or a country matches everything inside it |
//! | date (`published`, `mentioned_day`, ...) | `date` (UTC, second precision); `date_precision` keeps whether the source gave a year, month or day |
//! | other text (`id`, `alias`, `salience`, `origin`, ...) | `keyword` |
//! | `entities` | the stored JSON as an object, not indexed |
//!
//! The story id (`story`, a u64 locally) is a `keyword` holding the
//! number in decimal (OpenSearch's `long` is signed): searches collapse
//! on it. `signature` only serves the local writer to find a later
//! copy, and is left out. `extract` and `push` group the copies among
//! the records of one run (a story started by an earlier push is not
//! found again: that needs the signatures the local index keeps). The
//! document's `_id` is the article id (or its hash when longer than
//! OpenSearch's 512 bytes), so pushing an article twice replaces it.

use std::path::Path;
use std::time::Duration;

use anyhow::{bail, Context};
use serde_json::{json, Map, Value};
use tantivy::schema::{FieldType, OwnedValue, Schema};
use tantivy::{DateTime, TantivyDocument};

use super::schema::STEM_TOKENIZER;
use super::stories::StoryFinder;
use super::writer::Added;
use super::Fields;
use crate::extract::story::Signature;
use crate::extract::Extraction;
use crate::ingest::Article;

/// Suffix of the fields holding newsdex's own tokens of a text field.
pub const TERMS_SUFFIX: &str = "_terms";

/// The token that keeps the place of a word the analyzer dropped (a stop
/// word): phrases then match with the same gaps as locally.
pub const GAP: &str = "_";

/// The longest `_id` OpenSearch takes, in bytes.
const MAX_ID: usize = 512;

/// The schema, for making documents and the mapping without naming
/// tantivy outside `index/`.
pub struct Documents {
    schema: Schema,
    fields: Fields,
    /// The stories of this run's articles (over an empty index).
    stories: StoryFinder,
}

impl Default for Documents {
    fn default() -> Self {
        let (index, fields) = super::in_ram();
        let schema = index.schema();
        let stories = super::snapshot(&index)
            .ok()
            .and_then(|s| StoryFinder::new(&s, fields).ok())
            .expect("an empty in-memory index has readable stories");
        Documents { schema, fields, stories }
    }
}

impl Documents {
    /// The document of an article ([`document`]) in the story its
    /// signature places it, and whether it is a copy of an earlier
    /// article of the run.
    ///
    /// # Errors
    ///
    /// None in practice: the story finder reads no index.
    pub fn document(
        &mut self,
        article: &Article,
        x: &Extraction,
        (sig, shingles): &(Signature, usize),
    ) -> anyhow::Result<(Map<String, Value>, Added)> {
        let day = super::writer::published_day(x);
        let placed = self.stories.place(&article.id, sig, *shingles, day)?;
        let mut doc = document(&self.schema, &self.fields, article, x);
        let story = self.schema.get_field_name(self.fields.story);
        doc.insert(story.to_string(), placed.story.to_string().into());
        Ok((doc, Added { replaced: false, copy: placed.copy }))
    }

    /// The index settings and mapping ([`mapping`]).
    pub fn mapping(&self, shards: u32, replicas: u32) -> Value {
        mapping(&self.schema, &self.fields, shards, replicas)
    }

    /// A document's article id, when it has one.
    pub fn id_of<'a>(&self, doc: &'a Map<String, Value>) -> Option<&'a str> {
        doc.get(self.schema.get_field_name(self.fields.id))
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
    }

    /// Whether a document has no publication date.
    pub fn is_undated(&self, doc: &Map<String, Value>) -> bool {
        doc.get(self.schema.get_field_name(self.fields.published))
            .is_none_or(Value::is_null)
    }
}

/// The name a field has on the cluster for queries on its words: the
/// `_terms` field of a full-text field, the field itself otherwise.
pub fn query_name(schema: &Schema, field: tantivy::schema::Field) -> String {
    let name = schema.get_field_name(field);
    if is_full_text(schema.get_field_entry(field).field_type()) {
        format!("{name}{TERMS_SUFFIX}")
    } else {
        name.to_string()
    }
}

fn is_full_text(t: &FieldType) -> bool {
    matches!(t, FieldType::Str(o) if o
        .get_indexing_options()
        .is_some_and(|i| i.tokenizer() == STEM_TOKENIZER))
}

/// The index settings and mapping `push` creates the index with.
pub fn mapping(
    schema: &Schema,
    f: &Fields,
    shards: u32,
    replicas: u32,
) -> Value {
    let mut props = Map::new();
    for (field, entry) in schema.fields() {
        if field == f.signature {
            continue;
        }
        let name = entry.name().to_string();
        let t = entry.field_type();
        let m = if field == f.entities {
            json!({"type": "object", "enabled": false})
        } else if field == f.story {
            json!({"type": "keyword"})
        } else if is_full_text(t) {
            props.insert(
                format!("{name}{TERMS_SUFFIX}"),
                json!({"type": "text", "analyzer": "whitespace"}),
            );
            json!({"type": "text", "analyzer": "english"})
        } else {
            match t {
                FieldType::Date(_) => json!({
                    "type": "date",
                    "format": "strict_date_optional_time||epoch_second"
                }),
                FieldType::U64(_) => json!({"type": "long"}),
                // Long keys stay in the source without being indexed:
                // Lucene's terms hold at most 32,766 bytes.
                _ => json!({"type": "keyword", "ignore_above": 8000}),
            }
        };
        props.insert(name, m);
    }
    json!({
        "settings": {
            "number_of_shards": shards,
            "number_of_replicas": replicas
        },
        "mappings": {"dynamic": "strict", "properties": props}
    })
}

/// The OpenSearch document of an article: every value of its tantivy
/// document (see the module docs for the forms).
pub fn document(
    schema: &Schema,
    f: &Fields,
    article: &Article,
    x: &Extraction,
) -> Map<String, Value> {
    let doc = super::writer::document(f, article, x);
    let mut analyzer = super::text::analyzer();
    let mut out: Map<String, Value> = Map::new();
    let push = |out: &mut Map<String, Value>, name: String, v: Value| match out
        .get_mut(&name)
    {
        Some(Value::Array(list)) => list.push(v),
        Some(one) => {
            let first = one.take();
            *one = Value::Array(vec![first, v]);
        }
        None => {
            out.insert(name, v);
        }
    };
    for fv in doc.field_values() {
        let (field, value) = fv;
        let entry = schema.get_field_entry(field);
        let name = entry.name().to_string();
        let value: OwnedValue = value.into();
        match value {
            OwnedValue::Str(text) if field == f.entities => {
                let parsed =
                    serde_json::from_str(&text).unwrap_or(Value::Null);
                out.insert(name, parsed);
            }
            OwnedValue::Str(text) => {
                if is_full_text(entry.field_type()) {
                    let terms = terms_text(&mut analyzer, &text);
                    push(
                        &mut out,
                        format!("{name}{TERMS_SUFFIX}"),
                        terms.into(),
                    );
                }
                push(&mut out, name, Value::String(text));
            }
            OwnedValue::Facet(facet) => {
                let segments = facet.to_path();
                for end in 1..=segments.len() {
                    let path = Value::String(segments[..end].join("/"));
                    // Two places of one country share its levels.
                    let known = match out.get(&name) {
                        Some(Value::Array(list)) => list.contains(&path),
                        Some(one) => *one == path,
                        None => false,
                    };
                    if !known {
                        push(&mut out, name.clone(), path);
                    }
                }
            }
            OwnedValue::Date(d) => {
                push(&mut out, name, date_text(d).into());
            }
            OwnedValue::U64(n) => push(&mut out, name, n.into()),
            OwnedValue::I64(n) => push(&mut out, name, n.into()),
            _ => {}
        }
    }
    out
}

/// A date as the cluster stores it: RFC 3339 in UTC.
pub fn date_text(d: DateTime) -> String {
    jiff::Timestamp::from_second(d.into_timestamp_secs())
        .map(|t| t.to_string())
        .unwrap_or_default()
}

/// The words of a text as newsdex's analyzer gives them, a [`GAP`] for
/// each position it left empty, separated by spaces.
pub fn terms_text(
    analyzer: &mut tantivy::tokenizer::TextAnalyzer,
    text: &str,
) -> String {
    let mut out = String::new();
    let mut next = 0usize;
    let mut stream = analyzer.token_stream(text);
    while let Some(t) = stream.next() {
        for _ in next..t.position {
            out.push_str(GAP);
            out.push(' ');
        }
        out.push_str(&t.text);
        out.push(' ');
        next = t.position + 1;
    }
    out.pop();
    out
}

/// The `_id` of an article's document.
pub fn doc_id(id: &str) -> String {
    if id.len() <= MAX_ID {
        id.to_string()
    } else {
        format!("#{}", crate::ingest::stable_hash(&[id]))
    }
}

/// The tantivy document of a document's `_source`, with the stored
/// fields a hit shows (the inverse of [`document`] for them).
pub fn from_source(schema: &Schema, source: &Value) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    let Some(map) = source.as_object() else { return doc };
    for (field, entry) in schema.fields() {
        if !entry.is_stored() {
            continue;
        }
        let Some(v) = map.get(entry.name()) else { continue };
        let values: Vec<&Value> = match v {
            Value::Array(list)
                if !matches!(entry.field_type(), FieldType::Str(_))
                    || !list.iter().all(Value::is_object) =>
            {
                list.iter().collect()
            }
            other => vec![other],
        };
        for v in values {
            match entry.field_type() {
                FieldType::Str(_) => match v {
                    Value::String(s) => doc.add_text(field, s),
                    Value::Null => {}
                    other => doc.add_text(field, other.to_string()),
                },
                FieldType::Facet(_) => {
                    if let Some(s) = v.as_str() {
                        doc.add_facet(
                            field,
                            super::writer::facet(
                                &s.split('/').collect::<Vec<_>>(),
                            ),
                        );
                    }
                }
                FieldType::Date(_) => {
                    if let Some(t) = v
                        .as_str()
                        .and_then(|s| s.parse::<jiff::Timestamp>().ok())
                    {
                        doc.add_date(
                            field,
                            DateTime::from_timestamp_secs(t.as_second()),
                        );
                    }
                }
                FieldType::U64(_) => {
                    // The story is a decimal keyword.
                    let n = v
                        .as_u64()
                        .or_else(|| v.as_str().and_then(|s| s.parse().ok()));
                    if let Some(n) = n {
                        doc.add_u64(field, n);
                    }
                }
                _ => {}
            }
        }
    }
    doc
}

/// TLS that trusts the certificate authorities of the PEM file `file`
/// (`NEWSDEX_ENGINE_CA`), instead of the public ones: the authority of
/// a cluster's own certificates.
///
/// # Errors
///
/// The file cannot be read or holds no certificate.
fn trusting(file: &Path) -> anyhow::Result<ureq::tls::TlsConfig> {
    use ureq::tls::{parse_pem, PemItem, RootCerts, TlsConfig};
    let pem = std::fs::read(file).with_context(|| {
        format!("cannot read NEWSDEX_ENGINE_CA {}", file.display())
    })?;
    let certs: Vec<_> = parse_pem(&pem)
        .filter_map(|item| match item {
            Ok(PemItem::Certificate(c)) => Some(c),
            _ => None,
        })
        .collect();
    if certs.is_empty() {
        bail!("NEWSDEX_ENGINE_CA {} holds no PEM certificate", file.display());
    }
    Ok(TlsConfig::builder()
        .root_certs(RootCerts::new_with_certs(&certs))
        .build())
}

/// An OpenSearch cluster's REST API at one URL, with optional basic
/// authentication (`https://user:password@host:9200`, or the
/// `NEWSDEX_ENGINE_USER` and `NEWSDEX_ENGINE_PASSWORD` variables).
pub struct Cluster {
    agent: ureq::Agent,
    /// `scheme://host:port`, without a trailing slash or credentials.
    base: String,
    /// The index name.
    pub index: String,
    auth: Option<String>,
}

/// The default index name on a cluster.
pub const DEFAULT_INDEX: &str = "newsdex";

impl Cluster {
    /// A client of the cluster at `url`: `http(s)://[user:pass@]host:port[/index]`.
    ///
    /// # Errors
    ///
    /// A URL that is not one.
    pub fn new(url: &str) -> anyhow::Result<Cluster> {
        let parsed = url::Url::parse(url).with_context(|| {
            format!("{url:?} is not a URL like http://127.0.0.1:9200")
        })?;
        if !matches!(parsed.scheme(), "http" | "https") {
            bail!("{url:?}: the engine URL must be http:// or https://");
        }
        let host = parsed.host_str().context("the engine URL has no host")?;
        let port = parsed.port_or_known_default().unwrap_or(9200);
        let base = format!("{}://{host}:{port}", parsed.scheme());
        let index = parsed
            .path()
            .trim_matches('/')
            .split('/')
            .next()
            .filter(|s| !s.is_empty())
            .unwrap_or(DEFAULT_INDEX)
            .to_string();
        let user = match parsed.username() {
            "" => std::env::var("NEWSDEX_ENGINE_USER").ok(),
            u => Some(u.to_string()),
        };
        let password = parsed
            .password()
            .map(str::to_string)
            .or_else(|| std::env::var("NEWSDEX_ENGINE_PASSWORD").ok());
        let auth = user.map(|u| {
            use base64::Engine as _;
            let raw = format!("{u}:{}", password.unwrap_or_default());
            format!(
                "Basic {}",
                base64::engine::general_purpose::STANDARD.encode(raw)
            )
        });
        let mut config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(120)));
        if let Some(file) = std::env::var_os("NEWSDEX_ENGINE_CA") {
            config = config.tls_config(trusting(Path::new(&file))?);
        }
        let agent = config.build().new_agent();
        Ok(Cluster { agent, base, index, auth })
    }

    /// `METHOD /path` with a body (JSON or NDJSON); the status and the
    /// JSON answer.
    ///
    /// # Errors
    ///
    /// The cluster cannot be reached, or its answer is not JSON.
    pub fn call(
        &self,
        method: &str,
        path: &str,
        body: Option<(&str, String)>,
    ) -> anyhow::Result<(u16, Value)> {
        let url = format!("{}/{}", self.base, path.trim_start_matches('/'));
        let mut req = ureq::http::Request::builder().method(method).uri(&url);
        if let Some(auth) = &self.auth {
            req = req.header("Authorization", auth);
        }
        let result = match body {
            Some((kind, text)) => {
                let req = req.header("Content-Type", kind).body(text)?;
                self.agent.run(req)
            }
            None => self.agent.run(req.body(())?),
        };
        let mut resp = result.with_context(|| {
            format!("cannot reach the engine at {}", self.base)
        })?;
        let status = resp.status().as_u16();
        let text = resp
            .body_mut()
            .with_config()
            .limit(1 << 30)
            .read_to_string()
            .with_context(|| {
                format!("{method} {url}: cannot read the answer")
            })?;
        let value = if text.trim().is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).with_context(|| {
                format!(
                    "{method} {url}: the answer is not JSON: {}",
                    text.chars().take(200).collect::<String>()
                )
            })?
        };
        Ok((status, value))
    }

    /// `call` on the index, failing on a status other than 2xx with the
    /// cluster's reason.
    ///
    /// # Errors
    ///
    /// An unreachable cluster, a refused request.
    pub fn index_call(
        &self,
        method: &str,
        what: &str,
        body: Option<Value>,
    ) -> anyhow::Result<Value> {
        let path = format!("{}/{what}", self.index);
        let (status, value) = self.call(
            method,
            &path,
            body.map(|b| ("application/json", b.to_string())),
        )?;
        if !(200..300).contains(&status) {
            bail!("{method} {path}: {status}: {}", reason(&value));
        }
        Ok(value)
    }

    /// Whether the index exists.
    ///
    /// # Errors
    ///
    /// An unreachable cluster.
    pub fn exists(&self) -> anyhow::Result<bool> {
        let (status, _) = self.call("HEAD", &self.index, None)?;
        match status {
            200 => Ok(true),
            404 => Ok(false),
            _ => bail!(
                "the engine at {} answered HTTP {status} when asked for                  index {:?}: is the cluster up, with a cluster manager                  (GET /_cluster/health)?",
                self.base,
                self.index
            ),
        }
    }
}

/// The reason an error answer gives.
pub fn reason(value: &Value) -> String {
    let e = &value["error"];
    let r =
        e["root_cause"][0]["reason"].as_str().or_else(|| e["reason"].as_str());
    match r {
        Some(r) => r.to_string(),
        None if e.is_string() => e.as_str().unwrap_or_default().to_string(),
        None => value.to_string().chars().take(300).collect(),
    }
}
