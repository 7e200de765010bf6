//! Stories at search time: counting the stories among a query's
//! matches, the copies of a hit's story, and one article read whole
//! (`newsdex show`).
//!
//! A story is the set of records with one `story` value (see
//! `index::stories`); it is read from the index at each search, so a
//! copy deleted or pruned simply stops being listed.

use anyhow::Context;
use rustc_hash::{FxHashMap, FxHashSet};
use tantivy::collector::{Collector, DocSetCollector, SegmentCollector};
use tantivy::query::{
    BitSetDocSet, ConstScorer, EnableScoring, Explanation, Query, Scorer,
    TermQuery, Weight,
};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{
    DocId, Score, SegmentOrdinal, SegmentReader, TantivyDocument, Term,
};

use super::results::{Article, Copies, Copy};
use super::{first_text, opt_text, Engine};

/// Copies listed per hit; `count` is exact beyond it.
pub const MAX_LISTED: usize = 100;

/// A story's records other than `except`, as a hit lists them: oldest
/// first, then by id, at most [`MAX_LISTED`], and how many there are.
pub(crate) fn listed(mut records: Vec<Copy>, except: &str) -> Copies {
    records.retain(|c| c.id != except);
    records.sort_by(|a, b| {
        a.published.cmp(&b.published).then_with(|| a.id.cmp(&b.id))
    });
    let count = records.len();
    records.truncate(MAX_LISTED);
    Copies { count, records }
}

/// Counts the matches and collects their distinct stories.
pub struct StoryCount {
    /// The tantivy name of the `story` field.
    pub field: String,
}

/// [`StoryCount`] on one segment.
pub struct SegmentStoryCount {
    column: tantivy::columnar::Column<u64>,
    count: usize,
    stories: FxHashSet<u64>,
}

impl Collector for StoryCount {
    type Fruit = (usize, FxHashSet<u64>);
    type Child = SegmentStoryCount;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        seg: &SegmentReader,
    ) -> tantivy::Result<SegmentStoryCount> {
        Ok(SegmentStoryCount {
            column: seg.fast_fields().u64(&self.field)?,
            count: 0,
            stories: FxHashSet::default(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(
        &self,
        fruits: Vec<(usize, FxHashSet<u64>)>,
    ) -> tantivy::Result<(usize, FxHashSet<u64>)> {
        let mut all = FxHashSet::default();
        let mut count = 0;
        for (n, stories) in fruits {
            count += n;
            all.extend(stories);
        }
        Ok((count, all))
    }
}

impl SegmentCollector for SegmentStoryCount {
    type Fruit = (usize, FxHashSet<u64>);

    fn collect(&mut self, doc: DocId, _: Score) {
        self.count += 1;
        self.stories.extend(self.column.first(doc));
    }

    fn harvest(self) -> (usize, FxHashSet<u64>) {
        (self.count, self.stories)
    }
}

/// A story id as users see it: 16 hexadecimal digits.
pub fn story_name(story: u64) -> String {
    format!("{story:016x}")
}

impl Engine {
    /// Stories in the index.
    ///
    /// # Errors
    ///
    /// The index cannot be read.
    pub fn story_count(&self) -> anyhow::Result<u64> {
        crate::index::stories::count(&self.searcher, &self.fields)
            .context("cannot count the stories")
    }

    /// The story of a stored article.
    pub(crate) fn story_of(&self, doc: &TantivyDocument) -> u64 {
        doc.get_first(self.fields.story).and_then(|v| v.as_u64()).unwrap_or(0)
    }

    /// The records of `story` other than `except`, oldest first (then
    /// by id), at most [`MAX_LISTED`] of them, and how many there are.
    ///
    /// # Errors
    ///
    /// The index cannot be read.
    pub fn copies(&self, story: u64, except: &str) -> anyhow::Result<Copies> {
        if let Some(records) = &self.records {
            return Ok(listed(records.copies(story), except));
        }
        let term = Term::from_field_u64(self.fields.story, story);
        let query = TermQuery::new(term, IndexRecordOption::Basic);
        let found = self
            .searcher
            .search(&query, &DocSetCollector)
            .context("cannot read a story's copies")?;
        let mut records = Vec::new();
        for addr in found {
            let doc: TantivyDocument = self
                .searcher
                .doc(addr)
                .context("cannot read a stored article")?;
            records.push(Copy {
                id: first_text(&doc, self.fields.id),
                source: self.source(&doc),
                published: opt_text(&doc, self.fields.published_text),
            });
        }
        Ok(listed(records, except))
    }

    /// The record with id `id`, read whole, with its story's other
    /// copies; `None` when the index has no record with that id.
    ///
    /// # Errors
    ///
    /// The index cannot be read, or the record's stored entities are
    /// not of the index's shape.
    pub fn article(&self, id: &str) -> anyhow::Result<Option<Article>> {
        let f = &self.fields;
        let term = Term::from_field_text(f.id, id);
        let query = TermQuery::new(term, IndexRecordOption::Basic);
        let found = self
            .searcher
            .search(&query, &DocSetCollector)
            .context("cannot look the id up")?;
        let Some(&addr) = found.iter().next() else {
            return Ok(None);
        };
        let doc: TantivyDocument =
            self.searcher.doc(addr).context("cannot read a stored article")?;
        let named = self.named(&doc, id)?;
        let story = self.story_of(&doc);
        let texts = |field| -> Vec<String> {
            doc.get_all(field)
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        };
        Ok(Some(Article {
            id: id.to_string(),
            title: first_text(&doc, f.title),
            body: first_text(&doc, f.body),
            published: opt_text(&doc, f.published_text),
            source: self.source(&doc),
            url: opt_text(&doc, f.url),
            authors: texts(f.authors),
            language: opt_text(&doc, f.language),
            origin: first_text(&doc, f.origin),
            dates: texts(f.mentioned_text),
            people: named.people,
            places: named.places,
            orgs: named.orgs,
            salience: named.salience,
            entities: named.entities.into_iter().map(Into::into).collect(),
            story: story_name(story),
            copies: self.copies(story, id)?,
        }))
    }
}

/// The first matching record of each story (in segment and document
/// order), as a query: counting its matches counts stories.
#[derive(Clone, Debug)]
pub struct OnePerStory {
    docs: std::sync::Arc<FxHashMap<tantivy::index::SegmentId, Vec<DocId>>>,
}

impl Query for OnePerStory {
    fn weight(
        &self,
        _: EnableScoring<'_>,
    ) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(self.clone()))
    }
}

impl Weight for OnePerStory {
    fn scorer(
        &self,
        reader: &SegmentReader,
        boost: Score,
    ) -> tantivy::Result<Box<dyn Scorer>> {
        let mut set = tantivy::BitSet::with_max_value(reader.max_doc());
        for &doc in self.docs.get(&reader.segment_id()).into_iter().flatten() {
            set.insert(doc);
        }
        Ok(Box::new(ConstScorer::new(BitSetDocSet::from(set), boost)))
    }

    fn explain(
        &self,
        _: &SegmentReader,
        _: DocId,
    ) -> tantivy::Result<Explanation> {
        Ok(Explanation::new("the first match of its story", 1.0))
    }
}

/// Collects each segment's matches with their story.
struct MatchesWithStory {
    field: String,
}

/// [`MatchesWithStory`] on one segment.
struct SegmentMatches {
    segment: (SegmentOrdinal, tantivy::index::SegmentId),
    column: tantivy::columnar::Column<u64>,
    docs: Vec<(DocId, u64)>,
}

type Matches =
    Vec<((SegmentOrdinal, tantivy::index::SegmentId), Vec<(DocId, u64)>)>;

impl Collector for MatchesWithStory {
    type Fruit = Matches;
    type Child = SegmentMatches;

    fn for_segment(
        &self,
        ord: SegmentOrdinal,
        seg: &SegmentReader,
    ) -> tantivy::Result<SegmentMatches> {
        Ok(SegmentMatches {
            segment: (ord, seg.segment_id()),
            column: seg.fast_fields().u64(&self.field)?,
            docs: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Matches>) -> tantivy::Result<Matches> {
        let mut all: Matches = fruits.into_iter().flatten().collect();
        all.sort_by_key(|(seg, _)| seg.0);
        Ok(all)
    }
}

impl SegmentCollector for SegmentMatches {
    type Fruit = Matches;

    fn collect(&mut self, doc: DocId, _: Score) {
        self.docs.push((doc, self.column.first(doc).unwrap_or(0)));
    }

    fn harvest(self) -> Matches {
        vec![(self.segment, self.docs)]
    }
}

impl Engine {
    /// The matches of `query` less all but the first record of each
    /// story: counts over it count stories.
    ///
    /// # Errors
    ///
    /// The index cannot be read.
    pub fn one_per_story(
        &self,
        query: &dyn Query,
    ) -> anyhow::Result<Box<dyn Query>> {
        let name = self.searcher.schema().get_field_name(self.fields.story);
        let matches = self
            .searcher
            .search(query, &MatchesWithStory { field: name.to_string() })
            .context("search failed")?;
        let mut seen = FxHashSet::default();
        let mut docs = FxHashMap::default();
        for ((_, segment), found) in matches {
            let mut firsts: Vec<DocId> = found
                .into_iter()
                .filter(|&(_, story)| seen.insert(story))
                .map(|(doc, _)| doc)
                .collect();
            firsts.sort_unstable();
            docs.insert(segment, firsts);
        }
        Ok(Box::new(OnePerStory { docs: std::sync::Arc::new(docs) }))
    }
}
