//! Searching: a [`SearchRequest`] in, [`SearchResults`] out.
//!
//! `parse` (and `dates`) understand what the user typed, `vocab` knows
//! which entities exist, and `run` turns the understood query into
//! tantivy queries and collectors. Rendering is `output`'s job.

pub mod aliases;
pub mod cluster;
pub mod dates;
pub mod entities;
pub mod explore;
pub mod facets;
pub mod parse;
pub mod records;
pub mod results;
pub mod stories;
pub mod vocab;

use std::ops::Bound;
use std::path::Path;

use anyhow::Context;
use tantivy::collector::{FruitHandle, MultiCollector, MultiFruit, TopDocs};
use tantivy::postings::SegmentPostings;
use tantivy::query::{
    AllQuery, BooleanQuery, Occur, PhraseQuery, RangeQuery, TermQuery,
};
use tantivy::schema::{Facet, IndexRecordOption, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{
    DateTime, DocAddress, DocId, DocSet, Index, Order, Score, Searcher,
    TantivyDocument, Term,
};

use crate::extract::EntityKind;
use crate::index::schema::{
    salience_term, salience_tier, FacetField, LOWEST_TIER, STEM_TOKENIZER,
};
use crate::index::stored;
use crate::index::Fields;
use facets::ManyFlatFacetCounts;
pub use parse::{Filter, Known, Lookup, Understood};
pub use results::{
    Article, Copies, Copy, Evidence, FacetCount, Hit, QueryEcho, Salient,
    SearchResults,
};
/// A compiled query, as [`Engine::build`] gives it.
pub use tantivy::query::Query;
pub use vocab::Vocabulary;

/// An error of what was asked rather than of the index: a bad query, a
/// date that is not one, an entity the index does not know, a timeline
/// too long. The commands exit 2 on it as on any error; `newsdex serve`
/// answers it with 400 Bad Request, and other errors with 500.
#[derive(Debug, thiserror::Error)]
#[error(transparent)]
pub struct BadRequest(#[from] pub anyhow::Error);

/// Marks `err` as a [`BadRequest`].
pub fn bad(err: impl Into<anyhow::Error>) -> anyhow::Error {
    anyhow::Error::new(BadRequest(err.into()))
}

/// How hits are ordered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Sort {
    /// BM25, ties by newest date then id. When the query has no text:
    /// the salience of its person, place and organisation filters'
    /// entities, then date; date order without such filters.
    #[default]
    Relevance,
    /// Newest first, ties by id.
    Date,
}

/// An inclusive range of days, `None` meaning unbounded.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DayRange {
    /// First day.
    pub from: Option<jiff::civil::Date>,
    /// Last day (inclusive).
    pub to: Option<jiff::civil::Date>,
}

impl DayRange {
    /// True when neither end is set.
    pub fn is_open(&self) -> bool {
        self.from.is_none() && self.to.is_none()
    }

    /// The intersection of two ranges.
    pub fn and(self, other: DayRange) -> DayRange {
        DayRange {
            from: max_opt(self.from, other.from),
            to: min_opt(self.to, other.to),
        }
    }
}

fn max_opt<T: Ord>(a: Option<T>, b: Option<T>) -> Option<T> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}

fn min_opt<T: Ord>(a: Option<T>, b: Option<T>) -> Option<T> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// A search, fully understood, ready to run.
#[derive(Clone, Debug, Default)]
pub struct SearchRequest {
    /// The query as the user typed it.
    pub raw: String,
    /// What newsdex understood of it and of the flags.
    pub understood: Understood,
    /// Publication date filter.
    pub published: DayRange,
    /// Mentioned-date filter.
    pub mentioned: DayRange,
    /// Date phrases taken from the query, for `--explain`.
    pub date_phrases: Vec<String>,
    /// Order of hits.
    pub sort: Sort,
    /// How many hits to return.
    pub limit: usize,
    /// How many hits to skip.
    pub offset: usize,
    /// Facet fields to count.
    pub facets: Vec<FacetField>,
    /// Values per facet field.
    pub facet_top: usize,
    /// Every record a hit, rather than each story once.
    pub all_copies: bool,
}

/// Rounds of ranking (see [`Engine::search`]) done in the first pass
/// over a search's matches: on an archive where a story has ten copies,
/// a page of ten stories takes the third round.
const ROUNDS_IN_FIRST_PASS: u32 = 3;

/// Where a pass's ranking collector leaves its candidates: by score,
/// by salience or by date, each with the publication time.
enum RankHandle {
    Score(FruitHandle<Vec<((Score, i64), DocAddress)>>),
    Salience(FruitHandle<Vec<((u32, i64), DocAddress)>>),
    Date(FruitHandle<Vec<(Option<DateTime>, DocAddress)>>),
}

/// A matching document with what orders it.
struct Ranked {
    score: Score,
    ts: i64,
    id: String,
    story: u64,
    addr: DocAddress,
    /// The stored document, when it was read to rank it.
    doc: Option<TantivyDocument>,
}

/// A query as newsdex compiles it, before it is given to an engine: the
/// local engine makes a tantivy query of it ([`Plan::query`]), the
/// cluster engine OpenSearch's query DSL (`query::cluster`), so that
/// both run the very same query.
#[derive(Clone, Debug)]
pub enum Plan {
    /// Every article.
    All,
    /// Articles matching every part.
    Must(Vec<Plan>),
    /// Articles matching any part.
    Should(Vec<Plan>),
    /// Articles holding the term (text token, facet path, raw key).
    Term(Term, IndexRecordOption),
    /// Articles holding the terms at these relative positions.
    Phrase(Vec<(usize, Term)>),
    /// Articles with a value of the term's field in the range.
    Range(Bound<Term>, Bound<Term>),
}

impl Plan {
    /// The tantivy query.
    pub fn query(&self) -> Box<dyn Query> {
        match self {
            Plan::All => Box::new(AllQuery),
            Plan::Must(parts) => Box::new(BooleanQuery::new(
                parts.iter().map(|p| (Occur::Must, p.query())).collect(),
            )),
            Plan::Should(parts) => Box::new(BooleanQuery::new(
                parts.iter().map(|p| (Occur::Should, p.query())).collect(),
            )),
            Plan::Term(t, opt) => Box::new(TermQuery::new(t.clone(), *opt)),
            Plan::Phrase(terms) => {
                Box::new(PhraseQuery::new_with_offset(terms.clone()))
            }
            Plan::Range(lo, hi) => {
                Box::new(RangeQuery::new(lo.clone(), hi.clone()))
            }
        }
    }

    /// All of `parts`: [`Plan::All`] for none, the part itself for one.
    fn all_of(mut parts: Vec<Plan>) -> Plan {
        match parts.len() {
            0 => Plan::All,
            1 => parts.pop().expect("one part"),
            _ => Plan::Must(parts),
        }
    }
}

/// A request turned into tantivy queries.
pub struct Compiled {
    /// What the hits must match, engine-neutral.
    pub plan: Plan,
    /// What the hits must match.
    pub query: Box<dyn Query>,
    /// What to highlight in snippets: the text and the filters' names.
    pub highlight: Box<dyn Query>,
    /// Whether the query has text, and so scores.
    pub has_text: bool,
}

/// The text part of a query (if any) and its highlighting query.
type TextQueries = (Option<Plan>, Plan);

/// An open index ready for searching.
pub struct Engine {
    /// The index.
    pub index: Index,
    /// Its fields.
    pub fields: Fields,
    /// A snapshot of the last commit.
    pub searcher: Searcher,
    /// Known entity values.
    pub vocab: Vocabulary,
    /// Every record's id, story, date and source, when kept in memory
    /// ([`Engine::keep_in_memory`]).
    records: Option<records::Records>,
    /// The values of each flat facet field (by [`FacetField`] order),
    /// when kept in memory.
    facet_values: Vec<Option<facets::Values>>,
}

impl Engine {
    /// Opens the index at `dir` for searching, with the vocabulary
    /// `newsdex index` saved there (when it still describes the index).
    ///
    /// # Errors
    ///
    /// No index at `dir`, or one that cannot be read.
    pub fn open(dir: &Path) -> anyhow::Result<Engine> {
        Engine::open_with_aliases(dir, None)
    }

    /// Opens the index at `dir` like [`Engine::open`], with the user's
    /// corrections to its entities from `aliases`, or else from the
    /// index folder's `newsdex-aliases.txt` when there is one.
    ///
    /// # Errors
    ///
    /// No index at `dir`, or one that cannot be read; an aliases file
    /// that cannot be read or holds a line that is no decision.
    pub fn open_with_aliases(
        dir: &Path,
        aliases: Option<&Path>,
    ) -> anyhow::Result<Engine> {
        let (index, fields) = crate::index::open(dir)?;
        let mut engine =
            Engine::new(index, fields, crate::index::vocab::Saved::open(dir))?;
        let in_folder = dir.join(aliases::FILE_NAME);
        let decisions = match aliases {
            Some(path) => aliases::read(path)?,
            None if in_folder.is_file() => aliases::read(&in_folder)?,
            None => Vec::new(),
        };
        engine.vocab =
            std::mem::take(&mut engine.vocab).with_entities(dir, decisions);
        Ok(engine)
    }

    /// Opens a reader on `index`. The vocabulary comes from `saved` when
    /// it was made from the same segments, else from the index.
    ///
    /// # Errors
    ///
    /// Fails when the index files cannot be read.
    pub fn new(
        index: Index,
        fields: Fields,
        saved: Option<crate::index::vocab::Saved>,
    ) -> anyhow::Result<Engine> {
        let searcher = crate::index::snapshot(&index)?;
        let vocab = Vocabulary::load(&searcher, &fields, saved);
        Ok(Engine {
            index,
            fields,
            searcher,
            vocab,
            records: None,
            facet_values: Vec::new(),
        })
    }

    /// Keeps every record's id, story, date and source in memory, so
    /// that ranking and listing a story's copies read no stored
    /// document; every value of the flat facet fields, so that
    /// counting them names no value; and the stems of the words of the
    /// titles and texts, so that the query and the snippets stem no
    /// known word again; and the archive's entity merges, parsed, so
    /// that naming a hit's or a facet's entities parses nothing: for a
    /// server, which answers many searches from one snapshot. Answers
    /// are the same.
    ///
    /// # Errors
    ///
    /// The document store or a facet dictionary cannot be read.
    pub fn keep_in_memory(&mut self) -> anyhow::Result<()> {
        let f = &self.fields;
        let mut stems = crate::index::text::Stems::new();
        let records = records::Records::read(&self.searcher, f, |doc| {
            for field in [f.title, f.body] {
                if let Some(text) =
                    doc.get_first(field).and_then(|v| v.as_str())
                {
                    stems.learn(text);
                }
            }
        })?;
        self.records = Some(records);
        // The searches of this engine (and its searcher's snippets) use
        // the analyzer with the stems learnt.
        self.index.tokenizers().register(STEM_TOKENIZER, stems.analyzer());
        let mut values = Vec::new();
        for field in FacetField::ALL {
            values.push(if field.is_hierarchical() {
                None
            } else {
                let name = self.tantivy_name(field);
                Some(
                    facets::Values::read(&self.searcher, &name)
                        .with_context(|| format!("cannot read {name}"))?,
                )
            });
        }
        self.facet_values = values;
        self.vocab.keep_merges_in_memory();
        Ok(())
    }

    /// True while the index on disk is the one this engine reads: the
    /// same segments with the same deletes. A commit by `newsdex index`
    /// in another process makes it false, and a server opens the index
    /// again.
    ///
    /// # Errors
    ///
    /// The index's `meta.json` cannot be read.
    pub fn is_current(&self) -> anyhow::Result<bool> {
        let metas = self
            .index
            .searchable_segment_metas()
            .context("cannot read the index's list of segments")?;
        let mut on_disk: Vec<_> =
            metas.iter().map(|m| (m.id(), m.delete_opstamp())).collect();
        let mut open: Vec<_> = self
            .searcher
            .segment_readers()
            .iter()
            .map(|r| (r.segment_id(), r.delete_opstamp()))
            .collect();
        on_disk.sort();
        open.sort();
        Ok(on_disk == open)
    }

    /// Runs a search.
    ///
    /// # Errors
    ///
    /// Fails when the index cannot be read.
    pub fn search(
        &self,
        req: &SearchRequest,
    ) -> anyhow::Result<SearchResults> {
        let f = &self.fields;
        let Compiled { query, highlight: highlight_query, has_text, .. } =
            self.build(req)?;
        let s = &self.searcher;
        let story_field = s.schema().get_field_name(f.story).to_string();
        // A page never holds more than the index: a huge --limit or
        // --offset is taken as the article count, so that it costs no
        // more memory than the index itself.
        let docs = usize::try_from(s.num_docs()).unwrap_or(usize::MAX);
        let (offset, limit) = (req.offset.min(docs), req.limit.min(docs));
        let want = offset + limit;
        let by_salience = !has_text && req.sort == Sort::Relevance;
        let entities: Vec<Vec<(Term, u8)>> = if by_salience && want > 0 {
            self.salience_terms(&req.understood.filters)
        } else {
            Vec::new()
        };
        // Each story once: rank more than a page until the page holds
        // `want` stories or the matches run out.
        let mut fetch = if req.all_copies { want } else { want * 2 };
        // Flat fields are counted together.
        let flat: Vec<(FacetField, String)> = req
            .facets
            .iter()
            .filter_map(|&f| Some((f, self.flat_counted(&*query, f)?)))
            .collect();
        // One pass over the matches counts them, their stories and
        // their flat facets, and ranks the candidates of the first
        // rounds (each round ranks four times as many as the one before,
        // up to the matches: a round of more than there are gives them
        // all, as the round of exactly as many does).
        let mut pass = MultiCollector::new();
        let counting =
            pass.add_collector(stories::StoryCount { field: story_field });
        let faceting = (!flat.is_empty()).then(|| {
            let fields = flat.iter().map(|(_, f)| f.clone()).collect();
            pass.add_collector(ManyFlatFacetCounts { fields })
        });
        let rounds = match (want, req.all_copies) {
            (0, _) => 0,
            (_, true) => 1,
            (_, false) => ROUNDS_IN_FIRST_PASS,
        };
        let mut ranking: std::collections::VecDeque<RankHandle> = (0..rounds)
            .map(|round| fetch.saturating_mul(4usize.pow(round)))
            // A later round never ranks more than the index holds.
            .take_while(|&fetch| fetch <= docs.max(1))
            .map(|fetch| {
                self.rank_with(
                    &mut pass,
                    has_text,
                    req.sort,
                    fetch,
                    entities.clone(),
                )
            })
            .collect();
        let mut fruits = s.search(&query, &pass).context("search failed")?;
        let (total, stories) = counting.extract(&mut fruits);
        let stories = stories.len();
        let counted = match faceting {
            Some(handle) => handle.extract(&mut fruits),
            None => Vec::new(),
        };
        let mut ranked: Vec<Ranked> = Vec::new();
        if want > 0 && total > 0 {
            loop {
                ranked = match ranking.pop_front() {
                    Some(handle) => self.ranked_of(handle, &mut fruits)?,
                    None => self.rank(
                        &*query,
                        has_text,
                        req.sort,
                        fetch,
                        entities.clone(),
                    )?,
                };
                let exhausted = ranked.len() < fetch;
                if !req.all_copies {
                    let mut seen = rustc_hash::FxHashSet::default();
                    ranked.retain(|r| seen.insert(r.story));
                }
                if req.all_copies
                    || ranked.len() >= want
                    || exhausted
                    || fetch >= total
                {
                    break;
                }
                fetch = fetch.saturating_mul(4).min(total);
            }
        }
        let page: Vec<_> =
            ranked.into_iter().skip(offset).take(limit).collect();
        let snippets = SnippetGenerator::create(s, &*highlight_query, f.body)
            .context("cannot build snippets")?;
        let title_snippets =
            SnippetGenerator::create(s, &*highlight_query, f.title)
                .context("cannot build snippets")?;
        let mut hits = Vec::with_capacity(page.len());
        for r in page {
            let doc = match r.doc {
                Some(doc) => doc,
                None => self
                    .searcher
                    .doc(r.addr)
                    .context("cannot read a stored article")?,
            };
            hits.push(self.hit(
                &doc,
                r.score,
                has_text,
                req,
                &snippets,
                &title_snippets,
            )?);
        }
        let mut facets = Vec::new();
        for &field in &req.facets {
            let at = flat.iter().position(|(f, _)| *f == field);
            let counts = match at.and_then(|i| counted.get(i)) {
                Some(counts) => {
                    self.entity_top(field, counts, req.facet_top)?
                }
                None => self.facet_counts(&*query, field, req.facet_top)?,
            };
            facets.push((field, counts));
        }
        Ok(SearchResults::new(req, total, stories, hits, facets))
    }

    /// The tantivy query of a request, the query used to highlight its
    /// hits, and whether it has text (and so scores).
    ///
    /// # Errors
    ///
    /// Fails when the index lacks its tokenizer.
    pub fn build(&self, req: &SearchRequest) -> anyhow::Result<Compiled> {
        let f = &self.fields;
        let (text_query, highlight) = self.text_query(&req.understood)?;
        let has_text = text_query.is_some();
        let mut must: Vec<Plan> = Vec::new();
        must.extend(text_query);
        for filter in &req.understood.filters {
            must.push(self.filter_query(filter));
        }
        if let Some(q) = date_range_query(f.published, req.published) {
            must.push(q);
        }
        if let Some(q) = mentioned_query(f, req.mentioned) {
            must.push(q);
        }
        let plan = Plan::all_of(must);
        Ok(Compiled {
            query: plan.query(),
            plan,
            highlight: highlight.query(),
            has_text,
        })
    }

    /// Ranks matching documents: by score (then date, then id), by the
    /// salience of `entities` (then date, then id) when there are any,
    /// or by date (then id). Returns the first `want`.
    ///
    /// `entities` holds, per entity filter, the `salience` terms of the
    /// values that name the entity, one per tier; an article's rank is
    /// the sum over the filters of one more than the tier it has.
    fn rank(
        &self,
        query: &dyn Query,
        has_text: bool,
        sort: Sort,
        want: usize,
        entities: Vec<Vec<(Term, u8)>>,
    ) -> anyhow::Result<Vec<Ranked>> {
        let mut pass = MultiCollector::new();
        let handle = self.rank_with(&mut pass, has_text, sort, want, entities);
        let mut fruits = self.searcher.search(query, &pass)?;
        self.ranked_of(handle, &mut fruits)
    }

    /// Adds the collector of [`Engine::rank`] to `pass`.
    fn rank_with(
        &self,
        pass: &mut MultiCollector<'_>,
        has_text: bool,
        sort: Sort,
        want: usize,
        entities: Vec<Vec<(Term, u8)>>,
    ) -> RankHandle {
        let s = &self.searcher;
        let published =
            s.schema().get_field_name(self.fields.published).to_string();
        // Collect a little more than needed so that ties at the cut are
        // broken by id below, not by segment order.
        let extra = want + 16;
        if has_text && sort == Sort::Relevance {
            let top = TopDocs::with_limit(extra).tweak_score(
                move |seg: &tantivy::SegmentReader| {
                    let published_at = published_secs(seg, &published);
                    move |doc, score: Score| (score, published_at(doc))
                },
            );
            RankHandle::Score(pass.add_collector(top))
        } else if !entities.is_empty() {
            let field = self.fields.salience;
            let top = TopDocs::with_limit(extra).order_by(
                move |seg: &tantivy::SegmentReader| {
                    let published_at = published_secs(seg, &published);
                    let mut postings =
                        salience_postings(seg, field, &entities);
                    move |doc: DocId| {
                        (salience_of(&mut postings, doc), published_at(doc))
                    }
                },
            );
            RankHandle::Salience(pass.add_collector(top))
        } else {
            let top = TopDocs::with_limit(extra)
                .order_by_fast_field::<DateTime>(published, Order::Desc);
            RankHandle::Date(pass.add_collector(top))
        }
    }

    /// The candidates [`Engine::rank_with`]'s collector found, ordered.
    fn ranked_of(
        &self,
        handle: RankHandle,
        fruits: &mut MultiFruit,
    ) -> anyhow::Result<Vec<Ranked>> {
        let mut ranked = Vec::new();
        match handle {
            RankHandle::Score(h) => {
                for ((score, ts), addr) in h.extract(fruits) {
                    ranked.push(self.ranked(score, ts, addr)?);
                }
            }
            RankHandle::Salience(h) => {
                for ((salience, ts), addr) in h.extract(fruits) {
                    ranked.push(self.ranked(salience as Score, ts, addr)?);
                }
            }
            RankHandle::Date(h) => {
                for (date, addr) in h.extract(fruits) {
                    let ts =
                        date.map_or(i64::MIN, |d| d.into_timestamp_secs());
                    ranked.push(self.ranked(1.0, ts, addr)?);
                }
            }
        }
        ranked.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then(b.ts.cmp(&a.ts))
                .then_with(|| a.id.cmp(&b.id))
        });
        Ok(ranked)
    }

    /// The `salience` terms of a request's entity filters: per filter,
    /// one term per value naming its entity and tier, with the tier.
    fn salience_terms(&self, filters: &[Filter]) -> Vec<Vec<(Term, u8)>> {
        filters
            .iter()
            .filter(|filter| filter.known.field.kind().is_some())
            .map(|filter| {
                self.values(filter)
                    .flat_map(|(field, path)| {
                        (LOWEST_TIER..=salience_tier(100)).map(move |tier| {
                            (self.salience_term(field, path, tier), tier)
                        })
                    })
                    .collect()
            })
            .collect()
    }

    /// The values a filter matches: its path, its variants, its bodies'
    /// values, and the values of other fields that name its entity.
    fn values<'a>(
        &self,
        filter: &'a Filter,
    ) -> impl Iterator<Item = (FacetField, &'a str)> + 'a {
        let k = &filter.known;
        std::iter::once(k.path.as_str())
            .chain(k.variants.iter().map(String::as_str))
            .chain(k.bodies.iter().map(String::as_str))
            .map(|p| (k.field, p))
            .chain(k.also.iter().map(|a| (a.field, a.value.as_str())))
    }

    fn salience_term(&self, field: FacetField, path: &str, tier: u8) -> Term {
        let text = salience_term(field, path, tier);
        Term::from_field_text(self.fields.salience, &text)
    }

    /// A stored article's source, without the facet's `/`.
    pub(crate) fn source(&self, doc: &TantivyDocument) -> Option<String> {
        doc.get_first(self.fields.source).and_then(|v| {
            v.as_facet().map(|s| s.trim_start_matches('/').to_string())
        })
    }

    /// A stored article's entities: as stored, and its people, places
    /// and organisations by canonical name with their salience.
    ///
    /// # Errors
    ///
    /// Stored entities of another shape than the index's.
    fn named(&self, doc: &TantivyDocument, id: &str) -> anyhow::Result<Named> {
        let f = &self.fields;
        let entities = stored::from_json(id, &first_text(doc, f.entities))?;
        // Each entity's name as shown: people and organisations by
        // canonical name (`None`: dropped), looked up once.
        let shown: Vec<Option<std::borrow::Cow<'_, str>>> = entities
            .iter()
            .map(|e| match e.kind {
                EntityKind::Person | EntityKind::Org => {
                    self.vocab.canonical(FacetField::of_kind(e.kind), &e.name)
                }
                _ => Some(std::borrow::Cow::Borrowed(e.name.as_str())),
            })
            .collect();
        let of_kind_shown = |kind: EntityKind| {
            entities
                .iter()
                .zip(&shown)
                .filter(move |(e, _)| e.kind == kind)
                .filter_map(|(e, name)| Some((e, name.as_deref()?)))
        };
        // Each entity once, by its canonical name.
        let of_kind = |kind: EntityKind| -> Vec<String> {
            let mut names: Vec<String> = Vec::new();
            for (_, name) in of_kind_shown(kind) {
                if !names.iter().any(|n| n == name) {
                    names.push(name.to_string());
                }
            }
            names
        };
        let mut salience: Vec<Salient> = Vec::new();
        for kind in [EntityKind::Person, EntityKind::Place, EntityKind::Org] {
            let field = FacetField::of_kind(kind);
            for (e, name) in of_kind_shown(kind) {
                let name = name.to_string();
                match salience
                    .iter_mut()
                    .find(|s| s.field == field && s.name == name)
                {
                    Some(s) => s.salience = s.salience.max(e.salience),
                    None => salience.push(Salient {
                        field,
                        name,
                        salience: e.salience,
                        about: false,
                    }),
                }
            }
        }
        for s in &mut salience {
            s.about = s.salience >= crate::extract::salience::ABOUT;
        }
        // Most salient first; the order of the lists above among equals.
        salience.sort_by_key(|s| std::cmp::Reverse(s.salience));
        Ok(Named {
            people: of_kind(EntityKind::Person),
            places: of_kind(EntityKind::Place),
            orgs: of_kind(EntityKind::Org),
            salience,
            entities,
        })
    }

    /// A candidate with its id, which breaks ties, and its story. Read
    /// from the records kept in memory, or else from its stored
    /// document, read once: the page's hits are rendered from it.
    fn ranked(
        &self,
        score: Score,
        ts: i64,
        addr: DocAddress,
    ) -> anyhow::Result<Ranked> {
        if let Some((id, story)) =
            self.records.as_ref().and_then(|r| r.id_and_story(addr))
        {
            let id = id.to_string();
            return Ok(Ranked { score, ts, id, story, addr, doc: None });
        }
        let doc: TantivyDocument =
            self.searcher.doc(addr).context("cannot read a stored article")?;
        let id = first_text(&doc, self.fields.id);
        let story = self.story_of(&doc);
        Ok(Ranked { score, ts, id, story, addr, doc: Some(doc) })
    }

    /// The full-text part: every word and phrase must appear in the title
    /// or the body. Also returns the query used for highlighting, which
    /// adds the names of entity filters.
    fn text_query(&self, u: &Understood) -> anyhow::Result<TextQueries> {
        let f = &self.fields;
        let mut analyzer = self
            .index
            .tokenizers()
            .get(STEM_TOKENIZER)
            .context("the stemming tokenizer is missing")?;
        let mut clauses: Vec<Plan> = Vec::new();
        for word in &u.terms {
            for token in analyze(&mut analyzer, word) {
                clauses.push(either_field(f, &[token]));
            }
        }
        for phrase in &u.phrases {
            let tokens = analyze(&mut analyzer, phrase);
            if !tokens.is_empty() {
                clauses.push(either_field(f, &tokens));
            }
        }
        let mut highlight: Vec<Plan> = clauses.clone();
        for filter in &u.filters {
            if filter.known.field.kind().is_none() {
                continue;
            }
            let tokens = analyze(&mut analyzer, &filter.known.name);
            if !tokens.is_empty() {
                highlight.push(either_field(f, &tokens));
            }
        }
        let text = match clauses.len() {
            0 => None,
            _ => Some(Plan::Must(clauses)),
        };
        Ok((text, Plan::Should(highlight)))
    }

    pub(crate) fn filter_query(&self, filter: &Filter) -> Plan {
        let k = &filter.known;
        if filter.about && k.field.kind().is_some() {
            // The tiers from ABOUT up, of any value naming the entity.
            let about = salience_tier(crate::extract::salience::ABOUT);
            let any = self
                .values(filter)
                .flat_map(|(field, path)| {
                    (about..=salience_tier(100)).map(move |tier| {
                        let term = self.salience_term(field, path, tier);
                        Plan::Term(term, IndexRecordOption::Basic)
                    })
                })
                .collect();
            return Plan::Should(any);
        }
        let term = |field: FacetField, path: &str| -> Plan {
            let facet =
                Facet::from_path(path.split('/').filter(|s| !s.is_empty()));
            Plan::Term(
                Term::from_facet(field.field(&self.fields), &facet),
                IndexRecordOption::Basic,
            )
        };
        if k.variants.is_empty() && k.also.is_empty() && k.bodies.is_empty() {
            return term(k.field, &k.path);
        }
        // An entity of several forms: any of them, or of its bodies.
        let any = std::iter::once(&k.path)
            .chain(&k.variants)
            .chain(&k.bodies)
            .map(|p| term(k.field, p))
            .chain(k.also.iter().map(|a| term(a.field, &a.value)))
            .collect();
        Plan::Should(any)
    }

    /// Counts of one facet field over the matches, count then value.
    ///
    /// # Errors
    ///
    /// An unreadable index.
    pub fn facet_counts(
        &self,
        query: &dyn Query,
        field: FacetField,
        top: usize,
    ) -> anyhow::Result<Vec<FacetCount>> {
        self.facet_children(query, field, None, top)
    }

    pub(crate) fn hit(
        &self,
        doc: &TantivyDocument,
        score: Score,
        has_text: bool,
        req: &SearchRequest,
        snippets: &SnippetGenerator,
        title_snippets: &SnippetGenerator,
    ) -> anyhow::Result<Hit> {
        let f = &self.fields;
        let id = first_text(doc, f.id);
        let named = self.named(doc, &id)?;
        let story = self.story_of(doc);
        let copies = self.copies(story, &id)?;
        let mut snippet = snippets.snippet_from_doc(doc);
        if snippet.is_empty() {
            snippet = title_snippets.snippet_from_doc(doc);
        }
        let (snippet_text, highlights) = if snippet.is_empty() {
            (lead(&first_text(doc, f.body), 200), Vec::new())
        } else {
            let ranges = snippet
                .highlighted()
                .iter()
                .map(|r| [r.start, r.end])
                .collect();
            (snippet.fragment().to_string(), ranges)
        };
        let evidence = req
            .understood
            .filters
            .iter()
            .filter_map(|filter| {
                let e = named.entities.iter().find(|e| filter.known.is(e))?;
                Some(Evidence {
                    field: filter.known.field.to_string(),
                    value: filter.known.name.clone(),
                    matched: e.name.clone(),
                    surfaces: e.surfaces.clone(),
                    salience: e.salience,
                })
            })
            .collect();
        Ok(Hit {
            id,
            title: first_text(doc, f.title),
            published: opt_text(doc, f.published_text),
            source: self.source(doc),
            url: opt_text(doc, f.url),
            score: if has_text { Some(score) } else { None },
            snippet: snippet_text,
            highlights,
            people: named.people,
            places: named.places,
            orgs: named.orgs,
            dates: all_text(doc, f.mentioned_text),
            salience: named.salience,
            evidence,
            origin: first_text(doc, f.origin),
            story: stories::story_name(story),
            copies,
        })
    }
}

/// An article's entities, read from its stored document.
struct Named {
    /// As stored.
    entities: Vec<crate::extract::Entity>,
    /// People by canonical name, each once.
    people: Vec<String>,
    /// Places, each once.
    places: Vec<String>,
    /// Organisations by canonical name, each once.
    orgs: Vec<String>,
    /// People, places, organisations with their salience, most salient
    /// first.
    salience: Vec<Salient>,
}

/// Every text value of a stored field.
fn all_text(
    doc: &TantivyDocument,
    field: tantivy::schema::Field,
) -> Vec<String> {
    doc.get_all(field).filter_map(|v| v.as_str().map(str::to_string)).collect()
}

/// The publication time of each document of a segment, in seconds
/// (`i64::MIN` when it has none), for ranking.
fn published_secs(
    seg: &tantivy::SegmentReader,
    published: &str,
) -> impl Fn(DocId) -> i64 {
    let dates = seg
        .fast_fields()
        .date(published)
        .ok()
        .map(|c| c.first_or_default_col(DateTime::MIN));
    move |doc| {
        dates
            .as_ref()
            .map_or(i64::MIN, |c| c.get_val(doc).into_timestamp_secs())
    }
}

/// The postings of a segment for each group of `salience` terms, with
/// their tiers (terms the segment lacks are left out).
fn salience_postings(
    seg: &tantivy::SegmentReader,
    field: tantivy::schema::Field,
    groups: &[Vec<(Term, u8)>],
) -> Vec<Vec<(SegmentPostings, u8)>> {
    let Ok(inverted) = seg.inverted_index(field) else {
        return Vec::new();
    };
    groups
        .iter()
        .map(|terms| {
            terms
                .iter()
                .filter_map(|(t, tier)| {
                    let p = inverted
                        .read_postings(t, IndexRecordOption::Basic)
                        .ok()
                        .flatten()?;
                    Some((p, *tier))
                })
                .collect()
        })
        .collect()
}

/// The salience rank of `doc`: over the groups, the sum of one more than
/// the highest tier of the group's terms in `doc` (0 without any).
/// Documents come in increasing order, so each posting list is only
/// ever moved forward.
fn salience_of(groups: &mut [Vec<(SegmentPostings, u8)>], doc: DocId) -> u32 {
    let mut sum = 0;
    for group in groups.iter_mut() {
        let mut best = 0;
        for (p, tier) in group.iter_mut() {
            if p.doc() < doc {
                p.seek(doc);
            }
            if p.doc() == doc {
                best = best.max(u32::from(*tier) + 1);
            }
        }
        sum += best;
    }
    sum
}

/// Sorts facet counts by count (descending), then value.
pub fn sort_counts(counts: &mut [FacetCount]) {
    counts.sort_by(|a, b| {
        b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value))
    });
}

/// The text of the first value of a field, or "".
pub fn first_text(
    doc: &TantivyDocument,
    field: tantivy::schema::Field,
) -> String {
    opt_text(doc, field).unwrap_or_default()
}

pub(crate) fn opt_text(
    doc: &TantivyDocument,
    field: tantivy::schema::Field,
) -> Option<String> {
    doc.get_first(field).and_then(|v| v.as_str()).map(str::to_string)
}

/// The first `max` characters of a text, cut at a word boundary.
fn lead(text: &str, max: usize) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        return flat;
    }
    let cut: String = flat.chars().take(max).collect();
    match cut.rfind(' ') {
        Some(i) => format!("{}…", &cut[..i]),
        None => cut,
    }
}

/// The tokens of a text with their positions (a stop word leaves a gap:
/// see [`crate::index::text`]).
fn analyze(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(usize, String)> {
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while let Some(t) = stream.next() {
        out.push((t.position, t.text.clone()));
    }
    out
}

/// Tokens as a term (one token) or phrase, in the title or the body. A
/// phrase keeps the gaps its stop words leave.
fn either_field(f: &Fields, tokens: &[(usize, String)]) -> Plan {
    let first = tokens.first().map_or(0, |t| t.0);
    let one = |field| -> Plan {
        let mut terms: Vec<(usize, Term)> = tokens
            .iter()
            .map(|(at, t)| (at - first, Term::from_field_text(field, t)))
            .collect();
        if terms.len() == 1 {
            Plan::Term(
                terms.pop().expect("one term").1,
                IndexRecordOption::WithFreqs,
            )
        } else {
            Plan::Phrase(terms)
        }
    };
    Plan::Should(vec![one(f.title), one(f.body)])
}

fn date_range_query(
    field: tantivy::schema::Field,
    range: DayRange,
) -> Option<Plan> {
    if range.is_open() {
        return None;
    }
    let bound = |d: Option<jiff::civil::Date>, end: bool| match d {
        None => Bound::Unbounded,
        Some(d) => {
            let secs = crate::extract::day_start_secs(d)
                + if end { 86_400 } else { 0 };
            let term = Term::from_field_date_for_search(
                field,
                DateTime::from_timestamp_secs(secs),
            );
            if end {
                Bound::Excluded(term)
            } else {
                Bound::Included(term)
            }
        }
    };
    Some(Plan::Range(bound(range.from, false), bound(range.to, true)))
}

/// Articles that mention a date lying wholly inside `range`: a day in
/// it, or a month or a year all of whose days are in it.
fn mentioned_query(f: &Fields, range: DayRange) -> Option<Plan> {
    if range.is_open() {
        return None;
    }
    let parts = [
        date_range_query(f.mentioned_day, range),
        date_range_query(
            f.mentioned_month,
            starts_inside(range, jiff::Span::new().months(1)),
        ),
        date_range_query(
            f.mentioned_year,
            starts_inside(range, jiff::Span::new().years(1)),
        ),
    ];
    Some(Plan::Should(parts.into_iter().flatten().collect()))
}

/// The first days of the periods `unit` long (a month, a year) that lie
/// wholly inside `range`: from `range.from` on, up to the day after
/// `range.to` less one `unit`, the last start whose period ends by
/// `range.to`. Empty (`to` before `from`) when no such period fits.
fn starts_inside(range: DayRange, unit: jiff::Span) -> DayRange {
    DayRange {
        from: range.from,
        to: range.to.and_then(|t| t.tomorrow().ok()?.checked_sub(unit).ok()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::{date, Date};

    /// Checks the start days [`starts_inside`] allows for periods of
    /// `unit` within `from..=to`, as `first..last`.
    #[track_caller]
    fn check_starts(from: Date, to: Date, unit: jiff::Span, expected: &str) {
        let got =
            starts_inside(DayRange { from: Some(from), to: Some(to) }, unit);
        let show =
            |d: Option<Date>| d.map_or(String::new(), |d| d.to_string());
        assert_eq!(format!("{}..{}", show(got.from), show(got.to)), expected);
    }

    #[test]
    fn months_and_years_fit_a_mention_filter_only_whole() {
        let month = jiff::Span::new().months(1);
        let year = jiff::Span::new().years(1);
        let (y25, dec31) = (date(2025, 1, 1), date(2025, 12, 31));
        // 2025: every month of it, and the year itself.
        check_starts(y25, dec31, month, "2025-01-01..2025-12-01");
        check_starts(y25, dec31, year, "2025-01-01..2025-01-01");
        // January 2025: the month only; a year would have to start by
        // 2024-02-01, before the filter does.
        let jan31 = date(2025, 1, 31);
        check_starts(y25, jan31, month, "2025-01-01..2025-01-01");
        check_starts(y25, jan31, year, "2025-01-01..2024-02-01");
        // One day holds no month; a month ending early holds none either.
        let d = date(2025, 6, 12);
        check_starts(d, d, month, "2025-06-12..2025-05-13");
        check_starts(
            date(2025, 2, 1),
            date(2025, 3, 30),
            month,
            "2025-02-01..2025-02-28",
        );
        // Leap day: February 2024 fits 2024-02-01..2024-02-29.
        check_starts(
            date(2024, 2, 1),
            date(2024, 2, 29),
            month,
            "2024-02-01..2024-02-01",
        );
    }
}
