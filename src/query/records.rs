//! What a search reads of every record besides its hits, held in
//! memory: each record's id, story, publication date as stored and
//! source, and the records of each story.
//!
//! A search ranks more candidates than it shows (ties are broken by id,
//! and each story is shown once), and each hit lists its story's other
//! copies. Read from the document store, every one of those records
//! costs decompressing a block of it; on an index of ten copies of each
//! story that was most of a search's time. A long-running server keeps
//! this table ([`super::Engine::keep_in_memory`]) and reads the store only
//! for the hits it renders. A one-off command does not build it: reading
//! the whole store costs more than one search.
//!
//! The table is built from the stored documents, the very values the
//! search would read, so that answers are the same with it and without
//! it.

use std::sync::Arc;

use anyhow::Context;
use rustc_hash::FxHashMap;
use tantivy::schema::Value;
use tantivy::{DocAddress, Searcher, TantivyDocument};

use super::results::Copy;
use crate::index::Fields;

/// One record's values.
struct Record {
    id: Box<str>,
    story: u64,
    published: Option<Box<str>>,
    source: Option<Arc<str>>,
}

/// The records of one snapshot of the index (deleted ones excepted).
pub struct Records {
    /// By segment, then document; `None` for a deleted document.
    segments: Vec<Vec<Option<Record>>>,
    /// The records of each story.
    stories: FxHashMap<u64, Vec<DocAddress>>,
}

impl Records {
    /// Reads every live record of `searcher`, showing each stored
    /// document to `each` as well.
    ///
    /// # Errors
    ///
    /// The document store cannot be read.
    pub fn read(
        searcher: &Searcher,
        f: &Fields,
        mut each: impl FnMut(&TantivyDocument),
    ) -> anyhow::Result<Records> {
        let mut segments =
            Vec::with_capacity(searcher.segment_readers().len());
        let mut stories: FxHashMap<u64, Vec<DocAddress>> =
            FxHashMap::default();
        // Sources are few: one copy of each name.
        let mut sources: FxHashMap<String, Arc<str>> = FxHashMap::default();
        for (ord, seg) in searcher.segment_readers().iter().enumerate() {
            let store = seg
                .get_store_reader(0)
                .context("cannot open the document store")?;
            let alive = seg.alive_bitset();
            let live = (0..seg.max_doc())
                .filter(|&d| alive.is_none_or(|a| a.is_alive(d)));
            let mut records: Vec<Option<Record>> =
                (0..seg.max_doc()).map(|_| None).collect();
            for (doc, stored) in live.zip(store.iter::<TantivyDocument>(alive))
            {
                let stored = stored.context("cannot read a stored article")?;
                each(&stored);
                let record = record(&stored, f, &mut sources);
                stories
                    .entry(record.story)
                    .or_default()
                    .push(DocAddress::new(ord as u32, doc));
                records[doc as usize] = Some(record);
            }
            segments.push(records);
        }
        Ok(Records { segments, stories })
    }

    fn get(&self, addr: DocAddress) -> Option<&Record> {
        self.segments
            .get(addr.segment_ord as usize)?
            .get(addr.doc_id as usize)?
            .as_ref()
    }

    /// The id and story of a live record.
    pub fn id_and_story(&self, addr: DocAddress) -> Option<(&str, u64)> {
        self.get(addr).map(|r| (&*r.id, r.story))
    }

    /// Every record of `story`, in no order.
    pub fn copies(&self, story: u64) -> Vec<Copy> {
        let addrs = self.stories.get(&story).map_or(&[][..], Vec::as_slice);
        addrs
            .iter()
            .filter_map(|&a| self.get(a))
            .map(|r| Copy {
                id: r.id.to_string(),
                source: r.source.as_deref().map(str::to_string),
                published: r.published.as_deref().map(str::to_string),
            })
            .collect()
    }
}

/// A stored document's values, as the search reads them from it.
fn record(
    doc: &TantivyDocument,
    f: &Fields,
    sources: &mut FxHashMap<String, Arc<str>>,
) -> Record {
    let text = |field| doc.get_first(field).and_then(|v| v.as_str());
    let source = doc
        .get_first(f.source)
        .and_then(|v| v.as_facet())
        .map(|s| s.trim_start_matches('/'))
        .map(|s| match sources.get(s) {
            Some(a) => Arc::clone(a),
            None => {
                let a: Arc<str> = Arc::from(s);
                sources.insert(s.to_string(), Arc::clone(&a));
                a
            }
        });
    Record {
        id: text(f.id).unwrap_or_default().into(),
        story: doc.get_first(f.story).and_then(|v| v.as_u64()).unwrap_or(0),
        published: text(f.published_text).map(Into::into),
        source,
    }
}
