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
    /// Number of matching articles (records).
    pub total: usize,
    /// Number of stories among them (copies of one story count once).
    pub stories: usize,
    /// Whether every record is a hit (`--all-copies`), rather than each
    /// story once.
    pub all_copies: bool,
    /// Hits skipped before the first one returned.
    pub offset: usize,
    /// The hits of this page, best first.
    pub hits: Vec<Hit>,
    /// Facet counts over all matching articles, by field.
    pub facets: BTreeMap<String, Vec<FacetCount>>,
}

impl SearchResults {
    /// The results of `req`: `total` matches making `stories` stories, a
    /// page of `hits`, and the facet counts of each field, in the
    /// request's order.
    pub fn new(
        req: &SearchRequest,
        total: usize,
        stories: usize,
        hits: Vec<Hit>,
        facets: Vec<(FacetField, Vec<FacetCount>)>,
    ) -> SearchResults {
        SearchResults {
            query: QueryEcho::new(req),
            total,
            stories,
            all_copies: req.all_copies,
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
    /// Its story id (16 hexadecimal digits): every copy of one story has
    /// the same.
    pub story: String,
    /// The story's other records.
    pub copies: Copies,
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

/// The other records of a hit's story.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Copies {
    /// How many records of the story there are besides this one.
    pub count: usize,
    /// Those records (at most 100), oldest first, then by id.
    pub records: Vec<Copy>,
}

/// A record of a story, as a hit or `show` lists it.
#[derive(Clone, Debug, Serialize)]
pub struct Copy {
    /// Its id (`newsdex show ID` prints it).
    pub id: String,
    /// Its publisher.
    pub source: Option<String>,
    /// Its publication date at its precision.
    pub published: Option<String>,
}

/// One article read whole: what `newsdex show` prints. Its JSON form is
/// documented in `output::json`.
#[derive(Clone, Debug, Serialize)]
pub struct Article {
    /// Stable record id.
    pub id: String,
    /// Headline.
    pub title: String,
    /// The text.
    pub body: String,
    /// Publication date at its precision, or null.
    pub published: Option<String>,
    /// Publisher.
    pub source: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// Byline names.
    pub authors: Vec<String>,
    /// Language code, when the archive gave one.
    pub language: Option<String>,
    /// Where it was read from: `path` or `path:line`.
    pub origin: String,
    /// Dates the text talks about, at their precision.
    pub dates: Vec<String>,
    /// People mentioned (canonical names).
    pub people: Vec<String>,
    /// Places mentioned (leaf names).
    pub places: Vec<String>,
    /// Organisations mentioned (canonical names).
    pub orgs: Vec<String>,
    /// Its people, places and organisations with their salience, most
    /// salient first, as in a hit.
    pub salience: Vec<Salient>,
    /// Its entities, as extraction found them.
    pub entities: Vec<ShownEntity>,
    /// Its story id (16 hexadecimal digits).
    pub story: String,
    /// The story's other records.
    pub copies: Copies,
}

/// An entity of a shown article.
#[derive(Clone, Debug, Serialize)]
pub struct ShownEntity {
    /// `person`, `place`, `org` or `misc`.
    pub kind: FacetField,
    /// The name extraction gave it.
    pub name: String,
    /// For places, the path continent → country → region → place.
    pub path: Vec<String>,
    /// How the article wrote it.
    pub surfaces: Vec<String>,
    /// Mentions.
    pub mentions: usize,
    /// 0 (a passing mention) to 100.
    pub salience: u8,
}

impl From<crate::extract::Entity> for ShownEntity {
    fn from(e: crate::extract::Entity) -> ShownEntity {
        ShownEntity {
            kind: FacetField::of_kind(e.kind),
            name: e.name,
            path: e.path,
            surfaces: e.surfaces,
            mentions: e.count,
            salience: e.salience,
        }
    }
}
