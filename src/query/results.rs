//! What a search returns. These structs are the JSON output contract:
//! see `output::json` for the documented schema. Adding a field is a
//! change scripts will see; tests pin the exact set.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Filter, SearchRequest, Sort};
use crate::index::schema::FacetField;

/// Everything a search found.
#[derive(Clone, Debug, Serialize)]
pub struct SearchResults {
    /// The query as newsdex understood it.
    pub query: QueryEcho,
    /// Number of matching articles.
    pub total: usize,
    /// Hits skipped before the first one returned.
    pub offset: usize,
    /// The hits of this page, best first.
    pub hits: Vec<Hit>,
    /// Facet counts over all matching articles, by field.
    pub facets: BTreeMap<String, Vec<FacetCount>>,
}

impl SearchResults {
    /// The results of `req`: `total` matches, a page of `hits`, and the
    /// facet counts of each field, in the request's order.
    pub fn new(
        req: &SearchRequest,
        total: usize,
        hits: Vec<Hit>,
        facets: Vec<(FacetField, Vec<FacetCount>)>,
    ) -> SearchResults {
        SearchResults {
            query: QueryEcho::new(req),
            total,
            offset: req.offset,
            hits,
            facets: facets
                .into_iter()
                .map(|(f, counts)| (f.name().to_string(), counts))
                .collect(),
        }
    }
}

/// The query as understood, echoed back.
#[derive(Clone, Debug, Serialize)]
pub struct QueryEcho {
    /// As typed.
    pub raw: String,
    /// Words every hit contains.
    pub terms: Vec<String>,
    /// Phrases every hit contains.
    pub phrases: Vec<String>,
    /// Entity and source filters.
    pub filters: Vec<Filter>,
    /// Publication dates from (inclusive), `YYYY-MM-DD`.
    pub published_from: Option<String>,
    /// Publication dates to (inclusive).
    pub published_to: Option<String>,
    /// Mentioned dates from (inclusive).
    pub mentioned_from: Option<String>,
    /// Mentioned dates to (inclusive).
    pub mentioned_to: Option<String>,
    /// Date phrases taken from the query.
    pub date_phrases: Vec<String>,
    /// Order of hits.
    pub sort: Sort,
    /// How ambiguous or unknown parts were handled.
    pub notes: Vec<String>,
}

impl QueryEcho {
    /// The echo of a request.
    pub fn new(req: &SearchRequest) -> QueryEcho {
        let day = |d: Option<jiff::civil::Date>| d.map(|d| d.to_string());
        QueryEcho {
            raw: req.raw.clone(),
            terms: req.understood.terms.clone(),
            phrases: req.understood.phrases.clone(),
            filters: req.understood.filters.clone(),
            published_from: day(req.published.from),
            published_to: day(req.published.to),
            mentioned_from: day(req.mentioned.from),
            mentioned_to: day(req.mentioned.to),
            date_phrases: req.date_phrases.clone(),
            sort: req.sort,
            notes: req.understood.notes.clone(),
        }
    }
}

/// One matching article.
#[derive(Clone, Debug, Serialize)]
pub struct Hit {
    /// Stable article id.
    pub id: String,
    /// Headline.
    pub title: String,
    /// Publication date at its precision (`2025-10-25`, `2025-10`), or
    /// null when unknown.
    pub published: Option<String>,
    /// Publisher.
    pub source: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// BM25 score; null when the query has no text.
    pub score: Option<f32>,
    /// A passage of the body (or title) around the matched words.
    pub snippet: String,
    /// Byte ranges `[start, end)` of matched words in `snippet`.
    pub highlights: Vec<[usize; 2]>,
    /// People the article mentions (canonical names).
    pub people: Vec<String>,
    /// Places the article mentions.
    pub places: Vec<String>,
    /// Organisations the article mentions.
    pub orgs: Vec<String>,
    /// Dates the article talks about, at their precision.
    pub dates: Vec<String>,
    /// Its people, places and organisations with their salience, most
    /// salient first.
    pub salience: Vec<Salient>,
    /// For each entity filter: how this article wrote the entity.
    pub evidence: Vec<Evidence>,
    /// Where the article was read from.
    pub origin: String,
}

/// One article in full, as `newsdex show --json` prints it and
/// `newsdex serve`'s `/api/v1/article` answers.
#[derive(Clone, Debug, Serialize)]
pub struct Article {
    /// Stable article id.
    pub id: String,
    /// Headline.
    pub title: String,
    /// Publication date at the precision the archive gave, or null.
    pub published: Option<String>,
    /// Publication or wire service.
    pub source: Option<String>,
    /// Canonical URL.
    pub url: Option<String>,
    /// Bylines.
    pub authors: Vec<String>,
    /// The whole text.
    pub body: String,
    /// People mentioned (canonical names).
    pub people: Vec<String>,
    /// Places mentioned (leaf names).
    pub places: Vec<String>,
    /// Organisations mentioned (canonical names).
    pub orgs: Vec<String>,
    /// Dates the article talks about, at their precision.
    pub dates: Vec<String>,
    /// Its people, places and organisations with their salience, most
    /// salient first, as in a hit.
    pub salience: Vec<Salient>,
    /// Where the article was read from.
    pub origin: String,
}

/// Why an article matched an entity filter.
#[derive(Clone, Debug, Serialize)]
pub struct Evidence {
    /// The filter's field.
    pub field: String,
    /// The filter's value.
    pub value: String,
    /// The article's entity that matched (for a place filter on a
    /// region, the place inside it).
    pub matched: String,
    /// The forms the article used: "Vice Premier He Lifeng", "He".
    pub surfaces: Vec<String>,
    /// The salience of the matched entity in the article, 0 to 100.
    pub salience: u8,
}

/// An entity of an article and how much the article is about it.
#[derive(Clone, Debug, Serialize)]
pub struct Salient {
    /// Its field: `person`, `place`, `org`.
    pub field: FacetField,
    /// Its canonical name, as in the hit's `people`, `places`, `orgs`.
    pub name: String,
    /// 0 (a passing mention) to 100: see the README.
    pub salience: u8,
    /// True when the article is about it (salience at least 50), as
    /// `--about` counts it.
    pub about: bool,
}

/// A facet value and how many matching articles have it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FacetCount {
    /// The value (for places, the path below the level counted).
    pub value: String,
    /// Matching articles with it.
    pub count: u64,
}
