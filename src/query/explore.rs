//! Exploring an archive beyond a list of hits: facet drill-down, a
//! timeline of coverage, and the entities that keep company with one.

use std::collections::{BTreeMap, HashMap};

use anyhow::Context;
use serde::Serialize;
use tantivy::collector::{
    Collector, Count, DocSetCollector, FacetCollector, SegmentCollector,
};
use tantivy::columnar::Column;
use tantivy::query::{AllQuery, Query, TermQuery};
use tantivy::schema::{Facet, IndexRecordOption};
use tantivy::{
    DateTime, DocId, Score, SegmentOrdinal, SegmentReader, TantivyDocument,
    Term,
};

use super::facets::{children_whole_index, FlatCounts, FlatFacetCounts};
use super::{sort_counts, Engine, FacetCount};
use crate::extract::canon::By;
use crate::index::schema::FacetField;
use crate::index::stored;
use tantivy::columnar::ColumnValues;

/// The length of a timeline period.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    /// Calendar days.
    Day,
    /// ISO weeks (Monday to Sunday), labelled `2025-W43`.
    Week,
    /// Calendar months, `2025-10`.
    Month,
    /// Calendar years, `2025`.
    Year,
}

/// One period of a timeline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Bucket {
    /// The period's label: `2025-10-25`, `2025-W43`, `2025-10`, `2025`.
    pub period: String,
    /// First day of the period.
    pub start: String,
    /// Articles in it.
    pub count: u64,
}

/// How often an entity keeps company with the one asked about.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Related {
    /// `person`, `org`, `place`, `misc`.
    pub kind: FacetField,
    /// Canonical name.
    pub name: String,
    /// Articles (in the foreground set) that mention both.
    pub count: u64,
    /// Articles in the whole index that mention it.
    pub background_count: u64,
    /// Significance (JLH, as Elasticsearch's `significant_terms`):
    /// `(fg% - bg%) * (fg% / bg%)`.
    pub score: f64,
}

/// `facets --json`.
#[derive(Debug, Serialize)]
pub struct FacetsReport {
    /// The query as understood.
    pub query: super::QueryEcho,
    /// The field counted.
    pub field: FacetField,
    /// The parent path whose children are counted.
    pub under: Option<String>,
    /// Articles matching the query (stories, with `counts: stories`).
    pub total: usize,
    /// What the counts count: `articles` (records) or `stories`
    /// (`--stories`: copies of one story once).
    pub counts: Counted,
    /// Values, by count then value.
    pub values: Vec<FacetCount>,
}

/// What facet and timeline counts count.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Counted {
    /// Records: every copy of a story.
    Articles,
    /// Stories: copies of one story once.
    Stories,
}

impl Counted {
    /// Its name, plural as in "12 articles".
    pub fn name(self) -> &'static str {
        match self {
            Counted::Articles => "articles",
            Counted::Stories => "stories",
        }
    }
}

/// `timeline --json`.
#[derive(Debug, Serialize)]
pub struct TimelineReport {
    /// The query as understood.
    pub query: super::QueryEcho,
    /// Period length.
    pub by: Period,
    /// The date field counted: `published` or `mentioned`.
    pub dates: String,
    /// Articles matching the query.
    pub total: usize,
    /// What the counts count: `articles` or `stories` (`--stories`).
    pub counts: Counted,
    /// Periods, oldest first, gaps included.
    pub buckets: Vec<Bucket>,
}

/// `related --json`.
#[derive(Debug, Serialize)]
pub struct RelatedReport {
    /// The entity asked about.
    pub entity: super::Known,
    /// The query as understood (with the entity as a filter).
    pub query: super::QueryEcho,
    /// Where co-occurrence was counted: `article` or `sentence`.
    pub scope: Scope,
    /// Articles mentioning the entity (and matching the query).
    pub articles: u64,
    /// Articles in the index.
    pub index_articles: u64,
    /// Co-occurring entities, most significant first.
    pub related: Vec<Related>,
}

/// No timeline is drawn over more periods than this; wider spans are an
/// error that asks for a coarser `--by`.
pub const MAX_PERIODS: usize = 20_000;

/// True when a query matches every article (nothing to look up: the
/// whole index is counted).
fn matches_all(query: &dyn Query) -> bool {
    query.downcast_ref::<AllQuery>().is_some()
}

impl Engine {
    /// How many articles match `query`.
    ///
    /// # Errors
    ///
    /// An unreadable index.
    pub fn count(&self, query: &dyn Query) -> anyhow::Result<usize> {
        if matches_all(query) {
            return Ok(self.searcher.num_docs() as usize);
        }
        Ok(self.searcher.search(query, &Count)?)
    }

    /// How many articles have no publication date.
    ///
    /// # Errors
    ///
    /// An unreadable index.
    pub fn undated_count(&self) -> anyhow::Result<usize> {
        let undated = TermQuery::new(
            Term::from_field_u64(self.fields.date_precision, 0),
            IndexRecordOption::Basic,
        );
        self.searcher
            .search(&undated, &Count)
            .context("cannot count undated articles")
    }

    /// The tantivy field [`Engine::facet_children`] counts with
    /// [`FlatFacetCounts`] for `field` over the matches of `query` (no
    /// `under`), if it does: a flat field (one path segment per value,
    /// counted by ordinal), and a query that does not match all.
    pub fn flat_counted(
        &self,
        query: &dyn Query,
        field: FacetField,
    ) -> Option<String> {
        if field.is_hierarchical() || matches_all(query) {
            return None;
        }
        Some(self.tantivy_name(field))
    }

    /// The `top` values of a flat field's counts. People and
    /// organisations are counted per entity: the values of one entity
    /// (its forms) are summed under its canonical name, and values a user
    /// dropped are left out. The entities are those of the field's most
    /// frequent `2 × top + 10` values, each with all its forms' counts;
    /// an article that kept two values of one entity counts twice.
    ///
    /// # Errors
    ///
    /// An unreadable index.
    pub fn entity_top(
        &self,
        field: FacetField,
        counts: &FlatCounts,
        top: usize,
    ) -> anyhow::Result<Vec<FacetCount>> {
        if !matches!(field, FacetField::Person | FacetField::Org) || top == 0 {
            return self.flat_top(field, counts, top);
        }
        let wide = self.flat_top(field, counts, entity_width(top))?;
        let count_of =
            |value: &str| match self.facet_values.get(field as usize) {
                Some(Some(values)) => counts.count_of_known(values, value),
                _ => counts.count_of_value(value).unwrap_or(0),
            };
        Ok(self.vocab.fold_entities(field, wide, top, &count_of))
    }

    /// The `top` values of a flat field's counts: from the field's
    /// values kept in memory when they are, else by reading the
    /// segments' dictionaries.
    fn flat_top(
        &self,
        field: FacetField,
        counts: &FlatCounts,
        top: usize,
    ) -> anyhow::Result<Vec<FacetCount>> {
        match self.facet_values.get(field as usize) {
            Some(Some(values)) => Ok(counts.top_of(values, top)),
            _ => Ok(counts.top(top)?),
        }
    }
}

/// How many of a person or organisation field's most frequent values
/// are folded into entities to give the `top` entities.
pub fn entity_width(top: usize) -> usize {
    top.saturating_mul(2).saturating_add(10)
}

impl super::Vocabulary {
    /// The values of `field` of the entity of `value` that `wide` does
    /// not list: the forms [`Self::fold_entities`] counts apart.
    fn forms_outside(
        &self,
        field: FacetField,
        value: &str,
        wide: &[FacetCount],
    ) -> Vec<String> {
        let (Some(kind), Some(name)) =
            (field.kind(), self.canonical(field, value))
        else {
            return Vec::new();
        };
        let Some(e) = self.merges().0.get(By::Value, kind, value) else {
            return Vec::new();
        };
        e.forms
            .iter()
            .filter(|f| f.kind == kind)
            .filter(|f| !wide.iter().any(|c| c.value == f.name))
            .filter(|f| {
                self.canonical(field, &f.name).as_deref() == Some(&*name)
            })
            .map(|f| f.name.clone())
            .collect()
    }

    /// Every value [`Self::fold_entities`] needs a count of beyond
    /// `wide`, each once.
    pub fn forms_beyond(
        &self,
        field: FacetField,
        wide: &[FacetCount],
    ) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for c in wide {
            for f in self.forms_outside(field, &c.value, wide) {
                if !out.contains(&f) {
                    out.push(f);
                }
            }
        }
        out
    }

    /// The `top` entities of a field's most frequent values (see
    /// [`Engine::entity_top`]). An entity found among them also counts
    /// its forms outside them, whose counts `count_of` gives ("Fed" for
    /// the Federal Reserve, however far down the values it is), so that
    /// its count never depends on `top`.
    pub fn fold_entities(
        &self,
        field: FacetField,
        wide: Vec<FacetCount>,
        top: usize,
        count_of: &dyn Fn(&str) -> u64,
    ) -> Vec<FacetCount> {
        let mut folded: Vec<FacetCount> = Vec::with_capacity(wide.len());
        for c in &wide {
            let Some(name) = self.canonical(field, &c.value) else {
                continue;
            };
            match folded.iter_mut().find(|f| f.value == *name) {
                Some(f) => f.count += c.count,
                None => {
                    let rest: u64 = self
                        .forms_outside(field, &c.value, &wide)
                        .iter()
                        .map(|f| count_of(f))
                        .sum();
                    folded.push(FacetCount {
                        value: name.to_string(),
                        count: c.count + rest,
                    });
                }
            }
        }
        super::sort_counts(&mut folded);
        folded.truncate(top);
        folded
    }
}

impl Engine {
    /// The name tantivy knows a facet field by.
    pub(crate) fn tantivy_name(&self, field: FacetField) -> String {
        let f = field.field(&self.fields);
        self.index.schema().get_field_name(f).to_string()
    }

    /// Facet counts over a query's matches, for the children of `under`
    /// (for hierarchical places: `Asia` lists countries in Asia).
    ///
    /// # Errors
    ///
    /// An unreadable index.
    pub fn facet_children(
        &self,
        query: &dyn Query,
        field: FacetField,
        under: Option<&str>,
        top: usize,
    ) -> anyhow::Result<Vec<FacetCount>> {
        let f = field.field(&self.fields);
        let name = self.tantivy_name(field);
        if under.is_none() && !field.is_hierarchical() {
            let counts = match self.flat_counted(query, field) {
                Some(name) => self
                    .searcher
                    .search(query, &FlatFacetCounts { field: name })?,
                None => FlatCounts::whole_index(&self.searcher, &name)?,
            };
            return self.entity_top(field, &counts, top);
        }
        let parent = match under {
            Some(path) => Facet::from_path(
                path.split('/').map(str::trim).filter(|s| !s.is_empty()),
            ),
            None => Facet::root(),
        };
        if matches_all(query) {
            let mut out = children_whole_index(&self.searcher, f, &parent)?;
            sort_counts(&mut out);
            out.truncate(top);
            return Ok(out);
        }
        let mut collector = FacetCollector::for_field(name);
        collector.add_facet(parent.clone());
        let counts = self.searcher.search(query, &collector)?;
        let mut out: Vec<FacetCount> = counts
            .get(parent)
            .map(|(facet, count)| FacetCount {
                value: facet.to_path().join("/"),
                count,
            })
            .collect();
        sort_counts(&mut out);
        out.truncate(top);
        Ok(out)
    }

    /// Article counts per period, by publication date or (with
    /// `mentioned`) by the dates articles talk about. Empty periods
    /// between the first and the last are included, with count 0. A
    /// mentioned month or year counts in the period holding its first
    /// day (the year 2025 in January 2025, by month), unlike a mention
    /// filter, which wants a mention wholly inside its period.
    ///
    /// # Errors
    ///
    /// A span of more than [`MAX_PERIODS`] periods, or an unreadable
    /// index.
    pub fn timeline(
        &self,
        query: &dyn Query,
        by: Period,
        mentioned: bool,
    ) -> anyhow::Result<Vec<Bucket>> {
        let name = self.date_field_name(mentioned);
        let days = self.searcher.search(query, &DayCounts { field: name })?;
        buckets(&days, by)
    }

    /// The name of the date field a timeline counts: publication dates,
    /// or (with `mentioned`) the dates articles talk about.
    pub fn date_field_name(&self, mentioned: bool) -> String {
        let field = if mentioned {
            self.fields.mentioned
        } else {
            self.fields.published
        };
        self.index.schema().get_field_name(field).to_string()
    }

    /// The entities that co-occur most with `entity` in the articles of
    /// `foreground` (which all mention it), ranked by significance against
    /// the whole index. With [`Scope::Sentence`] only entities written in
    /// a sentence that also names `entity` count.
    ///
    /// # Errors
    ///
    /// An unreadable index.
    pub fn related(
        &self,
        foreground: &dyn Query,
        entity: &super::Known,
        kinds: &[FacetField],
        scope: Scope,
        top: usize,
    ) -> anyhow::Result<(u64, u64, Vec<Related>)> {
        let fg_total = self.searcher.search(foreground, &Count)? as u64;
        let bg_total = self.searcher.num_docs();
        let mut out = Vec::new();
        let together = match scope {
            Scope::Article => None,
            Scope::Sentence => Some(self.same_sentence(foreground, entity)?),
        };
        for &kind in kinds {
            let counted = kind.counted();
            let field = counted.field(&self.fields);
            let fg: HashMap<String, u64> = match &together {
                None => self
                    .searcher
                    .search(
                        foreground,
                        &FlatFacetCounts { field: self.tantivy_name(counted) },
                    )?
                    .all()?,
                Some(counts) => counts
                    .iter()
                    .filter(|((k, _), _)| *k == kind)
                    .map(|((_, name), &count)| (name.clone(), count))
                    .collect(),
            };
            let values: Vec<&str> = fg.keys().map(String::as_str).collect();
            let bg = FlatCounts::background(&self.searcher, field, &values)?;
            out.extend(self.vocab.related_of(
                entity,
                kind,
                fg,
                &bg,
                (fg_total, bg_total),
            ));
        }
        sort_related(&mut out, top);
        Ok((fg_total, bg_total, out))
    }
    /// For each (kind, name): in how many articles of `foreground` it
    /// shares a sentence with `entity`. Reads each article's stored
    /// entities.
    fn same_sentence(
        &self,
        foreground: &dyn Query,
        entity: &super::Known,
    ) -> anyhow::Result<HashMap<(FacetField, String), u64>> {
        let docs = self.searcher.search(foreground, &DocSetCollector)?;
        let mut counts: HashMap<(FacetField, String), u64> = HashMap::new();
        for addr in docs {
            let doc: TantivyDocument = self.searcher.doc(addr)?;
            let entities = stored::from_json(
                &super::first_text(&doc, self.fields.id),
                &super::first_text(&doc, self.fields.entities),
            )?;
            count_same_sentence(entity, &entities, &mut counts);
        }
        Ok(counts)
    }
}

/// Where two entities must appear to count as related.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// In the same article.
    Article,
    /// In the same sentence.
    Sentence,
}

/// Counts, for one article's `entities`, each entity that shares a
/// sentence with `entity` (once per article).
pub fn count_same_sentence(
    entity: &super::Known,
    entities: &[crate::extract::Entity],
    counts: &mut HashMap<(FacetField, String), u64>,
) {
    let is_target = |e: &crate::extract::Entity| entity.is(e);
    let target: Vec<u32> = entities
        .iter()
        .filter(|e| is_target(e))
        .flat_map(|e| e.sentences.iter().copied())
        .collect();
    for e in entities.iter().filter(|e| !is_target(e)) {
        if e.sentences.iter().any(|s| target.contains(s)) {
            *counts
                .entry((FacetField::of_kind(e.kind), e.name.clone()))
                .or_insert(0) += 1;
        }
    }
}

/// Ranks related entities by score, then count, then name; keeps `top`.
pub fn sort_related(out: &mut Vec<Related>, top: usize) {
    out.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(b.count.cmp(&a.count))
            .then_with(|| a.name.cmp(&b.name))
    });
    out.truncate(top);
}

impl super::Vocabulary {
    /// The related entities of one kind: the foreground counts `fg` of
    /// its values (less `entity`'s own), with their background counts
    /// `bg`, summed per entity and scored by [`jlh`] against the totals
    /// `(foreground, background)`.
    pub fn related_of(
        &self,
        entity: &super::Known,
        kind: FacetField,
        fg: HashMap<String, u64>,
        bg: &HashMap<String, u64>,
        (fg_total, bg_total): (u64, u64),
    ) -> Vec<Related> {
        let counted = kind.counted();
        let own = |value: &str| {
            kind == entity.field
                && (value == entity.name
                    || value == entity.path
                    || entity.variants.iter().any(|v| v == value))
        };
        let fg: Vec<(String, u64)> =
            fg.into_iter().filter(|(value, _)| !own(value)).collect();
        // People and organisations count per entity: the forms of one
        // are summed under its canonical name.
        let mut entities: Vec<(String, u64, u64)> = Vec::new();
        for (value, count) in fg {
            let background_count = bg.get(&value).copied().unwrap_or(count);
            let Some(name) = self.canonical(counted, &value) else {
                continue;
            };
            if own(&name) {
                continue;
            }
            match entities.iter_mut().find(|e| e.0 == *name) {
                Some(e) => {
                    e.1 += count;
                    e.2 += background_count;
                }
                None => {
                    entities.push((name.to_string(), count, background_count))
                }
            }
        }
        entities
            .into_iter()
            .map(|(name, count, background_count)| Related {
                kind,
                score: jlh(count, fg_total, background_count, bg_total),
                name,
                count,
                background_count,
            })
            .collect()
    }
}

/// The JLH significance score: how much more common a value is in the
/// foreground than in the background, weighted by the absolute change.
pub fn jlh(fg: u64, fg_total: u64, bg: u64, bg_total: u64) -> f64 {
    if fg_total == 0 || bg_total == 0 || bg == 0 {
        return 0.0;
    }
    let fg_pct = fg as f64 / fg_total as f64;
    let bg_pct = bg as f64 / bg_total as f64;
    if fg_pct <= bg_pct {
        return 0.0;
    }
    (fg_pct - bg_pct) * (fg_pct / bg_pct)
}

/// Folds per-day counts into periods, filling the gaps.
pub(crate) fn buckets(
    days: &BTreeMap<i64, u64>,
    by: Period,
) -> anyhow::Result<Vec<Bucket>> {
    let mut periods: BTreeMap<jiff::civil::Date, u64> = BTreeMap::new();
    for (&day, &count) in days {
        periods
            .entry(period_start(day_to_date(day), by))
            .and_modify(|c| *c += count)
            .or_insert(count);
    }
    let (Some(&first), Some(&last)) =
        (periods.keys().next(), periods.keys().next_back())
    else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    let mut at = first;
    while at <= last {
        if out.len() >= MAX_PERIODS {
            return Err(super::bad(anyhow::anyhow!(
                "the timeline spans more than {MAX_PERIODS} periods: use a \
                 coarser --by"
            )));
        }
        out.push(Bucket {
            period: label(at, by),
            start: at.to_string(),
            count: periods.get(&at).copied().unwrap_or(0),
        });
        at = next_period(at, by);
    }
    Ok(out)
}

fn day_to_date(day: i64) -> jiff::civil::Date {
    jiff::Timestamp::from_second(day * 86_400)
        .map(|t| t.to_zoned(jiff::tz::TimeZone::UTC).date())
        .unwrap_or_default()
}

fn period_start(d: jiff::civil::Date, by: Period) -> jiff::civil::Date {
    match by {
        Period::Day => d,
        Period::Week => {
            let back = i64::from(d.weekday().to_monday_zero_offset());
            d.checked_sub(jiff::Span::new().days(back)).unwrap_or(d)
        }
        Period::Month => d.first_of_month(),
        Period::Year => d.first_of_year(),
    }
}

fn next_period(d: jiff::civil::Date, by: Period) -> jiff::civil::Date {
    let span = match by {
        Period::Day => jiff::Span::new().days(1),
        Period::Week => jiff::Span::new().weeks(1),
        Period::Month => jiff::Span::new().months(1),
        Period::Year => jiff::Span::new().years(1),
    };
    d.checked_add(span).unwrap_or(jiff::civil::Date::MAX)
}

fn label(d: jiff::civil::Date, by: Period) -> String {
    match by {
        Period::Day => d.to_string(),
        Period::Week => {
            let w = d.iso_week_date();
            format!("{}-W{:02}", w.year(), w.week())
        }
        Period::Month => format!("{:04}-{:02}", d.year(), d.month()),
        Period::Year => format!("{:04}", d.year()),
    }
}

/// Counts matching documents per day (days since the epoch) of a date
/// fast field, each distinct day of a document once.
struct DayCounts {
    field: String,
}

struct SegmentDayCounts {
    column: Option<Column<DateTime>>,
    days: Days,
    seen: Vec<i64>,
}

/// Counts by day.
struct Days {
    /// The column's first day: `dense[i]` counts day `first + i`.
    first: i64,
    /// Counts by day, when the column spans few enough days.
    dense: Vec<u64>,
    /// Counts by day otherwise.
    sparse: BTreeMap<i64, u64>,
}

/// Widest span of days counted in an array rather than a map.
const DENSE_DAYS: i64 = 1 << 20;

fn day_of(value: DateTime) -> i64 {
    value.into_timestamp_secs().div_euclid(86_400)
}

impl Collector for DayCounts {
    type Fruit = BTreeMap<i64, u64>;
    type Child = SegmentDayCounts;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentDayCounts> {
        let column =
            segment.fast_fields().column_opt::<DateTime>(&self.field)?;
        let (mut first, mut dense) = (0, Vec::new());
        if let Some(c) = &column {
            let (lo, hi) =
                (day_of(c.values.min_value()), day_of(c.values.max_value()));
            if hi >= lo && hi - lo < DENSE_DAYS {
                first = lo;
                dense = vec![0; (hi - lo + 1) as usize];
            }
        }
        Ok(SegmentDayCounts {
            column,
            days: Days { first, dense, sparse: BTreeMap::new() },
            seen: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(
        &self,
        fruits: Vec<BTreeMap<i64, u64>>,
    ) -> tantivy::Result<BTreeMap<i64, u64>> {
        let mut all = BTreeMap::new();
        for fruit in fruits {
            for (day, count) in fruit {
                *all.entry(day).or_insert(0) += count;
            }
        }
        Ok(all)
    }
}

impl Days {
    fn add(&mut self, day: i64) {
        let slot = usize::try_from(day - self.first)
            .ok()
            .and_then(|i| self.dense.get_mut(i));
        match slot {
            Some(c) => *c += 1,
            None => *self.sparse.entry(day).or_insert(0) += 1,
        }
    }
}

impl SegmentCollector for SegmentDayCounts {
    type Fruit = BTreeMap<i64, u64>;

    fn collect(&mut self, doc: DocId, _: Score) {
        let Some(column) = &self.column else { return };
        let mut values = column.values_for_doc(doc);
        let Some(one) = values.next() else { return };
        let Some(two) = values.next() else {
            // One value: the common case, no bookkeeping.
            self.days.add(day_of(one));
            return;
        };
        self.seen.clear();
        for value in [one, two].into_iter().chain(values) {
            let day = day_of(value);
            if !self.seen.contains(&day) {
                self.seen.push(day);
                self.days.add(day);
            }
        }
    }

    fn harvest(self) -> BTreeMap<i64, u64> {
        let Days { first, dense, sparse: mut out } = self.days;
        for (i, &count) in dense.iter().enumerate() {
            if count > 0 {
                *out.entry(first + i as i64).or_insert(0) += count;
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn day(d: jiff::civil::Date) -> i64 {
        crate::extract::day_start_secs(d) / 86_400
    }

    #[track_caller]
    fn check(days: &[(jiff::civil::Date, u64)], by: Period, expected: &str) {
        let map: BTreeMap<i64, u64> =
            days.iter().map(|&(d, c)| (day(d), c)).collect();
        let got: Vec<String> = buckets(&map, by)
            .unwrap()
            .iter()
            .map(|b| format!("{}={}", b.period, b.count))
            .collect();
        assert_eq!(got.join(" "), expected);
    }

    #[test]
    fn periods_are_calendar_aware_and_gaps_filled() {
        let d = [
            (date(2024, 12, 30), 1),
            (date(2025, 1, 31), 2),
            (date(2025, 3, 1), 3),
        ];
        check(&d, Period::Month, "2024-12=1 2025-01=2 2025-02=0 2025-03=3");
        check(&d, Period::Year, "2024=1 2025=5");
        // 2024-12-30 is in ISO week 1 of 2025.
        check(&d[..1], Period::Week, "2025-W01=1");
        check(
            &[(date(2024, 2, 28), 1), (date(2024, 3, 1), 1)],
            Period::Day,
            "2024-02-28=1 2024-02-29=0 2024-03-01=1",
        );
        check(&[], Period::Year, "");
    }

    #[test]
    fn jlh_prefers_telling_values() {
        // Everywhere: not telling.
        assert_eq!(jlh(10, 10, 100, 100), 0.0);
        // Rare in the background, common here: telling.
        assert!(jlh(5, 10, 6, 100) > jlh(9, 10, 80, 100));
        assert_eq!(jlh(1, 0, 1, 1), 0.0);
    }
}
