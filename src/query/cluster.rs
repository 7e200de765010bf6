//! Searching an archive on an OpenSearch cluster (`--engine URL`).
//!
//! The query is understood and compiled exactly as for the local index
//! ([`Engine::build`] gives a [`Plan`]); [`dsl`] turns the plan into
//! OpenSearch's query DSL, term by term: a word or phrase becomes a
//! `term` or `match_phrase` on the field's `_terms` (newsdex's own
//! tokens, see `index::cluster`), a facet path a `term` on its keyword
//! field (which holds every ancestor), a date range a `range` in epoch
//! seconds. Results are filled into the same [`SearchResults`],
//! [`FacetCount`]s and [`Bucket`]s as locally, so the same `output`
//! code renders them.
//!
//! The entity vocabulary the query compiler needs (which names exist,
//! with their article counts, and the entity table built from them) is
//! read from the cluster's aggregations (a `composite` aggregation per
//! field, paged) when the engine opens: it is always what the index
//! holds, however many `push` runs on however many machines wrote it,
//! with no second copy to keep in step.

use std::collections::BTreeMap;
use std::ops::Bound;
use std::path::Path;

use anyhow::Context;
use serde_json::{json, Value};
use tantivy::schema::{FieldType, Schema};
use tantivy::snippet::SnippetGenerator;
use tantivy::Term;

use std::collections::HashMap;

use super::explore::{
    buckets, entity_width, sort_related, Bucket, Period, Related, Scope,
};
use super::{Engine, FacetCount, Plan, SearchRequest, Sort};
use super::{SearchResults, Vocabulary};
use crate::extract::canon::Decision;
use crate::extract::EntityKind;
use crate::index::cluster::{query_name, Cluster, GAP};
use crate::index::schema::FacetField;
use crate::query::results::Copy;
use crate::query::stories::listed;

/// Values per page of a composite aggregation.
const PAGE: usize = 5000;

/// The most hits OpenSearch pages through (`index.max_result_window`).
const MAX_WINDOW: usize = 10_000;
/// The name of the aggregation counting the stories of the matches.
const STORIES_AGG: &str = "stories";

/// The aggregation counting distinct stories: exact below its precision
/// threshold (40,000, OpenSearch's largest), about right above.
fn stories_agg(story: &str) -> Value {
    json!({"cardinality": {"field": story, "precision_threshold": 40_000}})
}

/// An archive on a cluster, ready for searching.
pub struct ClusterEngine {
    /// The cluster and index.
    pub cluster: Cluster,
    /// newsdex's compiler and renderer over an empty index, with the
    /// cluster's vocabulary.
    pub local: Engine,
    /// Articles in the index.
    pub articles: u64,
    /// A note for each of the user's decisions that names nothing the
    /// cluster knows.
    pub notes: Vec<String>,
}

impl ClusterEngine {
    /// Connects to the index at `url` and reads its vocabulary.
    ///
    /// # Errors
    ///
    /// An unreachable cluster or a missing index.
    pub fn open(
        url: &str,
        aliases: Option<&Path>,
    ) -> anyhow::Result<ClusterEngine> {
        // The user's corrections (`--aliases`): read first, so that a bad
        // file is reported before the cluster is asked anything.
        let decisions = match aliases {
            Some(path) => super::aliases::read(path)?,
            None => Vec::new(),
        };
        let cluster = Cluster::new(url)?;
        if !cluster.exists()? {
            anyhow::bail!(
                "no index {:?} on the engine: load it with `newsdex push {url} PATH...`",
                cluster.index
            );
        }
        let (index, fields) = crate::index::in_ram();
        let mut local = Engine::new(index, fields, None)?;
        let articles = count(&cluster, &json!({"match_all": {}}))?;
        let (vocab, notes) = vocabulary(&cluster, &decisions)?;
        local.vocab = vocab;
        Ok(ClusterEngine { cluster, local, articles, notes })
    }

    fn schema(&self) -> Schema {
        self.local.index.schema()
    }

    /// The DSL of a request's query.
    ///
    /// # Errors
    ///
    /// A request the compiler refuses.
    pub fn query(&self, req: &SearchRequest) -> anyhow::Result<Value> {
        Ok(dsl(&self.local.build(req)?.plan, &self.schema()))
    }

    /// Runs a search.
    ///
    /// # Errors
    ///
    /// The cluster fails or refuses the query.
    pub fn search(
        &self,
        req: &SearchRequest,
    ) -> anyhow::Result<SearchResults> {
        let compiled = self.local.build(req)?;
        let schema = self.schema();
        let f = &self.local.fields;
        let query = dsl(&compiled.plan, &schema);
        let published = schema.get_field_name(f.published).to_string();
        let id = schema.get_field_name(f.id).to_string();
        let by_date =
            json!({published: {"order": "desc", "missing": "_last"}});
        let sort = if compiled.has_text && req.sort == Sort::Relevance {
            json!(["_score", by_date, {id.clone(): "asc"}])
        } else {
            json!([by_date, {id.clone(): "asc"}])
        };
        let docs = usize::try_from(self.articles).unwrap_or(usize::MAX);
        let from = req.offset.min(docs).min(MAX_WINDOW);
        let size = req.limit.min(docs).min(MAX_WINDOW - from);
        let mut aggs = serde_json::Map::new();
        for &field in &req.facets {
            aggs.insert(
                field.name().to_string(),
                self.facet_agg(field, None, req.facet_top),
            );
        }
        let story = schema.get_field_name(f.story).to_string();
        aggs.insert(STORIES_AGG.to_string(), stories_agg(&story));
        let mut body = json!({
            "query": query,
            "from": from,
            "size": size,
            "sort": sort,
            "track_total_hits": true,
            "_source": {"excludes": ["*_terms"]},
            "aggs": aggs,
        });
        if !req.all_copies {
            // Each story once, by its best record in the sort, as the
            // local engine shows it; `from` and `size` count stories.
            body["collapse"] = json!({"field": story});
        }
        let answer = self.cluster.index_call("POST", "_search", Some(body))?;
        let total =
            answer["hits"]["total"]["value"].as_u64().unwrap_or(0) as usize;
        let stories = answer["aggregations"][STORIES_AGG]["value"]
            .as_u64()
            .unwrap_or(0) as usize;
        let (body_gen, title_gen) = self.snippets(&*compiled.highlight);
        let mut hits = Vec::new();
        let mut page_stories = Vec::new();
        for h in answer["hits"]["hits"].as_array().into_iter().flatten() {
            let doc =
                crate::index::cluster::from_source(&schema, &h["_source"]);
            let score = h["_score"].as_f64().unwrap_or(1.0) as f32;
            page_stories.push(self.local.story_of(&doc));
            hits.push(self.local.hit(
                &doc,
                score,
                compiled.has_text,
                req,
                &body_gen,
                &title_gen,
            )?);
        }
        let copies = self.copies(&page_stories)?;
        for (hit, story) in hits.iter_mut().zip(&page_stories) {
            hit.copies = listed(
                copies.get(story).cloned().unwrap_or_default(),
                &hit.id,
            );
        }
        let mut facets = Vec::new();
        for &field in &req.facets {
            let agg = &answer["aggregations"][field.name()];
            let counts =
                self.facet_values(req, field, None, agg, req.facet_top)?;
            facets.push((field, counts));
        }
        Ok(SearchResults::new(req, total, stories, hits, facets))
    }

    /// Every record of each of `stories` (at most [`MAX_WINDOW`] in
    /// all), by story.
    fn copies(
        &self,
        stories: &[u64],
    ) -> anyhow::Result<HashMap<u64, Vec<Copy>>> {
        let mut by_story: HashMap<u64, Vec<Copy>> = HashMap::new();
        if stories.is_empty() {
            return Ok(by_story);
        }
        let schema = self.schema();
        let f = &self.local.fields;
        let name = |field| schema.get_field_name(field).to_string();
        let (story, id) = (name(f.story), name(f.id));
        let (source, published) = (name(f.source), name(f.published_text));
        let keys: Vec<String> = stories.iter().map(u64::to_string).collect();
        let body = json!({
            "query": {"terms": {story.clone(): keys}},
            "size": MAX_WINDOW,
            "_source": [story.clone(), id.clone(), source.clone(), published.clone()],
        });
        let answer = self.cluster.index_call("POST", "_search", Some(body))?;
        for h in answer["hits"]["hits"].as_array().into_iter().flatten() {
            let s = &h["_source"];
            let Some(key) = s[&story].as_str().and_then(|k| k.parse().ok())
            else {
                continue;
            };
            let first = |v: &Value| match v {
                Value::Array(list) => {
                    list.first().and_then(Value::as_str).map(str::to_string)
                }
                other => other.as_str().map(str::to_string),
            };
            by_story.entry(key).or_default().push(Copy {
                id: first(&s[&id]).unwrap_or_default(),
                source: first(&s[&source]),
                published: first(&s[&published]),
            });
        }
        Ok(by_story)
    }

    /// Snippet makers for the body and the title: the highlighted words
    /// of the query, weighed alike (the cluster's term statistics are not
    /// at hand).
    fn snippets(
        &self,
        highlight: &dyn tantivy::query::Query,
    ) -> (SnippetGenerator, SnippetGenerator) {
        let f = &self.local.fields;
        let make = |field| {
            let mut terms = BTreeMap::new();
            highlight.query_terms(&mut |term: &Term, _| {
                if term.field() == field {
                    if let Some(s) = term.value().as_str() {
                        terms.insert(s.to_string(), 1.0);
                    }
                }
            });
            SnippetGenerator::new(
                terms,
                crate::index::text::analyzer(),
                field,
                150,
            )
        };
        (make(f.body), make(f.title))
    }

    /// How many stories the cluster holds.
    ///
    /// # Errors
    ///
    /// The cluster fails.
    pub fn story_count(&self) -> anyhow::Result<u64> {
        let schema = self.schema();
        let story = schema.get_field_name(self.local.fields.story);
        let body = json!({
            "size": 0,
            "aggs": {STORIES_AGG: stories_agg(story)},
        });
        let answer = self.cluster.index_call("POST", "_search", Some(body))?;
        answer["aggregations"][STORIES_AGG]["value"]
            .as_u64()
            .context("the engine's story count has no number")
    }

    /// How many articles match a request.
    ///
    /// # Errors
    ///
    /// The cluster fails.
    pub fn count(&self, req: &SearchRequest) -> anyhow::Result<usize> {
        Ok(count(&self.cluster, &self.query(req)?)? as usize)
    }

    /// The aggregation counting a facet field (under a path).
    fn facet_agg(
        &self,
        field: FacetField,
        under: Option<&str>,
        top: usize,
    ) -> Value {
        let name = field.name();
        let order = json!([{"_count": "desc"}, {"_key": "asc"}]);
        if under.is_none() && !field.is_hierarchical() {
            let size = if matches!(field, FacetField::Person | FacetField::Org)
            {
                entity_width(top)
            } else {
                top
            };
            return json!({"terms": {"field": name, "size": size.max(1),
                "shard_size": (size * 10).max(1000), "order": order}});
        }
        let include = match under {
            Some(path) => {
                let path = path
                    .split('/')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(regex_escape)
                    .collect::<Vec<_>>()
                    .join("/");
                format!("{path}/[^/]*")
            }
            None => "[^/]*".to_string(),
        };
        json!({"terms": {"field": name, "size": top.max(1), "include": include,
            "shard_size": (top * 10).max(1000), "order": order}})
    }

    /// The counts of an answered facet aggregation, as the local engine
    /// gives them.
    fn facet_values(
        &self,
        req: &SearchRequest,
        field: FacetField,
        under: Option<&str>,
        agg: &Value,
        top: usize,
    ) -> anyhow::Result<Vec<FacetCount>> {
        let wide: Vec<FacetCount> = agg["buckets"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|b| {
                Some(FacetCount {
                    value: b["key"].as_str()?.to_string(),
                    count: b["doc_count"].as_u64()?,
                })
            })
            .collect();
        if under.is_none()
            && matches!(field, FacetField::Person | FacetField::Org)
            && top > 0
        {
            // An entity's forms outside the buckets, counted by a second
            // aggregation over just those values.
            let beyond = self.local.vocab.forms_beyond(field, &wide);
            let more = self.counts_of_values(req, field, &beyond)?;
            let count_of = |v: &str| more.get(v).copied().unwrap_or(0);
            return Ok(self
                .local
                .vocab
                .fold_entities(field, wide, top, &count_of));
        }
        let mut out = wide;
        out.truncate(top);
        Ok(out)
    }

    /// The matches' counts of the listed values of a flat field.
    fn counts_of_values(
        &self,
        req: &SearchRequest,
        field: FacetField,
        values: &[String],
    ) -> anyhow::Result<HashMap<String, u64>> {
        if values.is_empty() {
            return Ok(HashMap::new());
        }
        let body = json!({"query": self.query(req)?, "size": 0,
            "aggs": {"values": {"terms": {"field": field.name(),
                "include": values, "size": values.len()}}}});
        let answer = self.cluster.index_call("POST", "_search", Some(body))?;
        Ok(answer["aggregations"]["values"]["buckets"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|b| {
                Some((
                    b["key"].as_str()?.to_string(),
                    b["doc_count"].as_u64()?,
                ))
            })
            .collect())
    }

    /// Facet counts over a request's matches (see
    /// [`Engine::facet_children`]).
    ///
    /// # Errors
    ///
    /// The cluster fails.
    pub fn facet_children(
        &self,
        req: &SearchRequest,
        field: FacetField,
        under: Option<&str>,
        top: usize,
    ) -> anyhow::Result<Vec<FacetCount>> {
        if top == 0 {
            return Ok(Vec::new());
        }
        let body = json!({"query": self.query(req)?, "size": 0,
            "aggs": {"values": self.facet_agg(field, under, top)}});
        let answer = self.cluster.index_call("POST", "_search", Some(body))?;
        self.facet_values(
            req,
            field,
            under,
            &answer["aggregations"]["values"],
            top,
        )
    }

    /// Article counts per period: a `date_histogram` by calendar day,
    /// folded into periods by the local timeline's own code.
    ///
    /// # Errors
    ///
    /// The cluster fails; a span too wide for `by`.
    pub fn timeline(
        &self,
        req: &SearchRequest,
        by: Period,
        mentioned: bool,
    ) -> anyhow::Result<Vec<Bucket>> {
        let field = self.local.date_field_name(mentioned);
        let body = json!({"query": self.query(req)?, "size": 0,
            "aggs": {"days": {"date_histogram": {"field": field,
                "calendar_interval": "day", "min_doc_count": 1,
                "format": "epoch_second"}}}});
        let answer = self.cluster.index_call("POST", "_search", Some(body))?;
        let mut days: BTreeMap<i64, u64> = BTreeMap::new();
        for b in answer["aggregations"]["days"]["buckets"]
            .as_array()
            .into_iter()
            .flatten()
        {
            let (Some(ms), Some(n)) =
                (b["key"].as_i64(), b["doc_count"].as_u64())
            else {
                continue;
            };
            *days.entry(ms.div_euclid(86_400_000)).or_default() += n;
        }
        buckets(&days, by)
    }

    /// The entities that co-occur most with `entity` in a request's
    /// matches, scored by significance against the whole index as the
    /// local engine scores them ([`Vocabulary::related_of`]): foreground
    /// counts from a `terms` aggregation (with [`Scope::Sentence`], from
    /// every matching article's stored entities), background counts
    /// from the vocabulary's (the whole index's aggregations).
    ///
    /// # Errors
    ///
    /// The cluster fails.
    pub fn related(
        &self,
        req: &SearchRequest,
        entity: &super::Known,
        kinds: &[FacetField],
        scope: Scope,
        top: usize,
    ) -> anyhow::Result<(u64, u64, Vec<Related>)> {
        let query = self.query(req)?;
        let together = match scope {
            Scope::Article => None,
            Scope::Sentence => Some(self.same_sentence(&query, entity)?),
        };
        let mut aggs = serde_json::Map::new();
        for &kind in kinds {
            let name = kind.counted().name();
            aggs.insert(
                name.to_string(),
                json!({"terms": {"field": name, "size": 65_000}}),
            );
        }
        let body = json!({"query": query, "size": 0, "track_total_hits": true, "aggs": aggs});
        let answer = self.cluster.index_call("POST", "_search", Some(body))?;
        let fg_total = answer["hits"]["total"]["value"].as_u64().unwrap_or(0);
        let mut out = Vec::new();
        for &kind in kinds {
            let counted = kind.counted();
            let mut fg = HashMap::new();
            let mut bg = HashMap::new();
            let buckets = &answer["aggregations"][counted.name()]["buckets"];
            match &together {
                None => {
                    for b in buckets.as_array().into_iter().flatten() {
                        let (Some(v), Some(n)) =
                            (b["key"].as_str(), b["doc_count"].as_u64())
                        else {
                            continue;
                        };
                        fg.insert(v.to_string(), n);
                    }
                }
                Some(counts) => {
                    for ((k, name), &n) in counts {
                        if *k == kind {
                            fg.insert(name.clone(), n);
                        }
                    }
                }
            }
            for v in fg.keys() {
                let n = self.local.vocab.article_count(counted, v);
                bg.insert(v.clone(), n);
            }
            out.extend(self.local.vocab.related_of(
                entity,
                kind,
                fg,
                &bg,
                (fg_total, self.articles),
            ));
        }
        sort_related(&mut out, top);
        Ok((fg_total, self.articles, out))
    }

    /// For each (kind, name): in how many matching articles it shares a
    /// sentence with `entity`, from every matching article's stored
    /// entities, read in pages sorted by id.
    fn same_sentence(
        &self,
        query: &Value,
        entity: &super::Known,
    ) -> anyhow::Result<HashMap<(FacetField, String), u64>> {
        let schema = self.schema();
        let f = &self.local.fields;
        let id = schema.get_field_name(f.id).to_string();
        let entities = schema.get_field_name(f.entities).to_string();
        let mut counts = HashMap::new();
        let mut after: Option<Value> = None;
        loop {
            let mut body = json!({"query": query, "size": 1000,
                "sort": [{id.clone(): "asc"}], "_source": [id.clone(), entities.clone()]});
            if let Some(a) = &after {
                body["search_after"] = a.clone();
            }
            let answer =
                self.cluster.index_call("POST", "_search", Some(body))?;
            let hits =
                answer["hits"]["hits"].as_array().cloned().unwrap_or_default();
            for h in &hits {
                let doc =
                    crate::index::cluster::from_source(&schema, &h["_source"]);
                let list = crate::index::stored::from_json(
                    &super::first_text(&doc, f.id),
                    &super::first_text(&doc, f.entities),
                )?;
                super::explore::count_same_sentence(
                    entity,
                    &list,
                    &mut counts,
                );
            }
            match hits.last() {
                Some(last) if hits.len() == 1000 => {
                    after = Some(last["sort"].clone())
                }
                _ => break,
            }
        }
        Ok(counts)
    }

    /// Articles without a publication date.
    ///
    /// # Errors
    ///
    /// The cluster fails.
    pub fn undated_count(&self) -> anyhow::Result<usize> {
        let schema = self.schema();
        let name = schema.get_field_name(self.local.fields.date_precision);
        Ok(count(&self.cluster, &json!({"term": {name: 0}}))? as usize)
    }

    /// The index's size on the cluster's disks (primaries), in bytes.
    ///
    /// # Errors
    ///
    /// The cluster fails.
    pub fn size_bytes(&self) -> anyhow::Result<u64> {
        let v = self.cluster.index_call("GET", "_stats/store", None)?;
        Ok(v["_all"]["primaries"]["store"]["size_in_bytes"]
            .as_u64()
            .unwrap_or(0))
    }
}

/// Escapes a path segment for an `include` regular expression.
fn regex_escape(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if ".?+*|{}[]()\"\\#@&<>~".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Articles matching a DSL query.
fn count(cluster: &Cluster, query: &Value) -> anyhow::Result<u64> {
    let v =
        cluster.index_call("POST", "_count", Some(json!({"query": query})))?;
    v["count"].as_u64().context("the engine's count has no number")
}

/// OpenSearch's query DSL for a plan.
pub fn dsl(plan: &Plan, schema: &Schema) -> Value {
    match plan {
        Plan::All => json!({"match_all": {}}),
        Plan::Must(parts) => {
            let parts: Vec<Value> =
                parts.iter().map(|p| dsl(p, schema)).collect();
            json!({"bool": {"must": parts}})
        }
        Plan::Should(parts) => {
            let parts: Vec<Value> =
                parts.iter().map(|p| dsl(p, schema)).collect();
            json!({"bool": {"should": parts, "minimum_should_match": 1}})
        }
        Plan::Term(term, _) => {
            let name = query_name(schema, term.field());
            json!({"term": {name: term_value(term, schema)}})
        }
        Plan::Phrase(terms) => {
            let Some((_, first)) = terms.first() else {
                return json!({"match_none": {}});
            };
            let name = query_name(schema, first.field());
            let mut words: Vec<String> = Vec::new();
            for (at, t) in terms {
                while words.len() < *at {
                    words.push(GAP.to_string());
                }
                words.push(
                    term_value(t, schema)
                        .as_str()
                        .unwrap_or_default()
                        .to_string(),
                );
            }
            json!({"match_phrase": {name: {"query": words.join(" "), "analyzer": "whitespace"}}})
        }
        Plan::Range(lo, hi) => {
            let field = match (lo, hi) {
                (Bound::Included(t) | Bound::Excluded(t), _)
                | (_, Bound::Included(t) | Bound::Excluded(t)) => t.field(),
                _ => return json!({"match_all": {}}),
            };
            let mut range = serde_json::Map::new();
            range.insert("format".into(), "epoch_second".into());
            let secs = |t: &Term| {
                t.value().as_date().map(|d| d.into_timestamp_secs())
            };
            match lo {
                Bound::Included(t) => {
                    range.insert("gte".into(), secs(t).into());
                }
                Bound::Excluded(t) => {
                    range.insert("gt".into(), secs(t).into());
                }
                Bound::Unbounded => {}
            }
            match hi {
                Bound::Included(t) => {
                    range.insert("lte".into(), secs(t).into());
                }
                Bound::Excluded(t) => {
                    range.insert("lt".into(), secs(t).into());
                }
                Bound::Unbounded => {}
            }
            json!({"range": {schema.get_field_name(field): range}})
        }
    }
}

/// A term's value as the cluster holds it: a facet as its path, text as
/// itself, numbers as numbers.
fn term_value(term: &Term, schema: &Schema) -> Value {
    let v = term.value();
    match schema.get_field_entry(term.field()).field_type() {
        FieldType::Facet(_) => {
            let path = v.as_facet().map(|f| f.to_path().join("/"));
            Value::String(path.unwrap_or_default())
        }
        FieldType::U64(_) => {
            v.as_u64().map(Value::from).unwrap_or(Value::Null)
        }
        _ => Value::String(v.as_str().unwrap_or_default().to_string()),
    }
}

/// Every value of a keyword field with its article count, through a
/// paged `composite` aggregation.
fn all_values(
    cluster: &Cluster,
    field: &str,
) -> anyhow::Result<Vec<(String, u64)>> {
    let mut out = Vec::new();
    let mut after: Option<Value> = None;
    loop {
        let mut composite = json!({"size": PAGE, "sources": [{"v": {"terms": {"field": field}}}]});
        if let Some(a) = &after {
            composite["after"] = a.clone();
        }
        let body =
            json!({"size": 0, "aggs": {"all": {"composite": composite}}});
        let v = cluster.index_call("POST", "_search", Some(body))?;
        let agg = &v["aggregations"]["all"];
        let list = agg["buckets"].as_array().cloned().unwrap_or_default();
        for b in &list {
            if let (Some(k), Some(n)) =
                (b["key"]["v"].as_str(), b["doc_count"].as_u64())
            {
                out.push((k.to_string(), n));
            }
        }
        if list.len() < PAGE || agg["after_key"].is_null() {
            break;
        }
        after = Some(agg["after_key"].clone());
    }
    Ok(out)
}

/// The vocabulary of the cluster's index: every value of every field a
/// query may name, and the entity table of its people, organisations
/// and MISC names with the `alias` short forms.
fn vocabulary(
    cluster: &Cluster,
    decisions: &[Decision],
) -> anyhow::Result<(Vocabulary, Vec<String>)> {
    let (schema, f) = crate::index::schema::build();
    let mut values: BTreeMap<FacetField, Vec<(String, u64)>> = BTreeMap::new();
    // place_name for the background counts of `related`.
    let fields = crate::index::vocab::fields().chain([FacetField::PlaceName]);
    for field in fields {
        let name = schema.get_field_name(field.field(&f));
        values.insert(
            field,
            all_values(cluster, name)
                .context("cannot read the engine's entity vocabulary")?,
        );
    }
    let clamp = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
    let flat = |field: FacetField| -> Vec<(String, u32)> {
        let mut list: Vec<(String, u32)> = values
            .get(&field)
            .into_iter()
            .flatten()
            .map(|(v, n)| (v.clone(), clamp(*n)))
            .collect();
        list.sort();
        list
    };
    let read = vec![
        (EntityKind::Person, flat(FacetField::Person)),
        (EntityKind::Org, flat(FacetField::Org)),
        (EntityKind::Misc, flat(FacetField::Misc)),
    ];
    let alias_name = schema.get_field_name(f.alias);
    // Alias terms are kept as the index writes them, parts apart by NUL.
    let mut aliases: Vec<(String, u32)> = all_values(cluster, alias_name)?
        .into_iter()
        .map(|(p, n)| (p, clamp(n)))
        .collect();
    aliases.sort();
    let table = crate::index::entities::table_of(&read, &aliases);
    let mut merges = table.merges();
    let articles = |kind: EntityKind, value: &str| {
        let field = FacetField::of_kind(kind);
        values
            .get(&field)
            .and_then(|list| list.iter().find(|(v, _)| v == value))
            .map_or(0, |(_, n)| clamp(*n))
    };
    let notes = super::aliases::unknown_notes(
        merges.apply(decisions, &articles),
        "on the engine",
    );
    Ok((Vocabulary::from_counts(values, merges), notes))
}
