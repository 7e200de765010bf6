//! Stories at search time: counting the stories among a query's
//! matches, the copies of a hit's story, and one article read whole
//! (`newsdex show`).
//!
//! A story is the set of records with one `story` value (see
//! `index::stories`); it is read from the index at each search, so a
//! copy deleted or pruned simply stops being listed.

use anyhow::Context;
use rustc_hash::FxHashSet;
use tantivy::collector::{Collector, DocSetCollector, SegmentCollector};
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{
    DocId, Score, SegmentOrdinal, SegmentReader, TantivyDocument, Term,
};

use super::results::{Article, Copies, Copy};
use super::{first_text, opt_text, Engine};
use crate::index::stored;

/// Copies listed per hit; `count` is exact beyond it.
pub const MAX_LISTED: usize = 100;

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
            let id = first_text(&doc, self.fields.id);
            if id == except {
                continue;
            }
            records.push(Copy {
                id,
                source: self.source_of(&doc),
                published: opt_text(&doc, self.fields.published_text),
            });
        }
        records.sort_by(|a, b| {
            a.published.cmp(&b.published).then_with(|| a.id.cmp(&b.id))
        });
        let count = records.len();
        records.truncate(MAX_LISTED);
        Ok(Copies { count, records })
    }

    /// The publisher of a stored article.
    pub(crate) fn source_of(&self, doc: &TantivyDocument) -> Option<String> {
        doc.get_first(self.fields.source).and_then(|v| {
            v.as_facet().map(|s| s.trim_start_matches('/').to_string())
        })
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
        let entities = stored::from_json(id, &first_text(&doc, f.entities))?;
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
            source: self.source_of(&doc),
            url: opt_text(&doc, f.url),
            authors: texts(f.authors),
            language: opt_text(&doc, f.language),
            origin: first_text(&doc, f.origin),
            dates: texts(f.mentioned_text),
            entities: entities.into_iter().map(Into::into).collect(),
            story: story_name(story),
            copies: self.copies(story, id)?,
        }))
    }
}
