//! Counting the values of a flat facet field over a set of documents.
//!
//! tantivy's `FacetCollector` turns every counted ordinal into its facet
//! with one dictionary look-up each, and each look-up decompresses a
//! dictionary block: on a field with tens of thousands of values that is
//! most of a second. This collector counts ordinals the same way, then
//! reads each segment's dictionary once, in order, to name them.
//!
//! It is for flat fields (one segment per facet path). Hierarchical
//! fields, whose counts must be per document at each level, still go
//! through `FacetCollector`.

use std::collections::HashMap;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::fastfield::FacetReader;
use tantivy::schema::Facet;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// Counts of every value of a flat facet field among matching documents.
pub struct FlatFacetCounts {
    /// The tantivy field name.
    pub field: String,
}

/// One segment's counts, by ordinal.
pub struct SegmentFlatCounts {
    reader: FacetReader,
    counts: Vec<u64>,
}

impl Collector for FlatFacetCounts {
    type Fruit = HashMap<String, u64>;
    type Child = SegmentFlatCounts;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentFlatCounts> {
        let reader = segment.facet_reader(&self.field)?;
        let counts = vec![0; reader.num_facets()];
        Ok(SegmentFlatCounts { reader, counts })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(
        &self,
        fruits: Vec<HashMap<String, u64>>,
    ) -> tantivy::Result<HashMap<String, u64>> {
        let mut all = HashMap::new();
        for fruit in fruits {
            for (value, count) in fruit {
                *all.entry(value).or_insert(0) += count;
            }
        }
        Ok(all)
    }
}

impl SegmentCollector for SegmentFlatCounts {
    type Fruit = HashMap<String, u64>;

    fn collect(&mut self, doc: DocId, _: Score) {
        for ord in self.reader.facet_ords(doc) {
            if let Some(c) = self.counts.get_mut(ord as usize) {
                *c += 1;
            }
        }
    }

    fn harvest(self) -> HashMap<String, u64> {
        let mut out = HashMap::new();
        let Ok(mut stream) = self.reader.facet_dict().stream() else {
            return out;
        };
        let mut ord = 0;
        while stream.advance() {
            let count = self.counts.get(ord).copied().unwrap_or(0);
            ord += 1;
            if count == 0 {
                continue;
            }
            if let Ok(facet) = Facet::from_encoded(stream.key().to_vec()) {
                out.insert(facet.to_path().join("/"), count);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::FacetCollector;
    use tantivy::query::AllQuery;
    use tantivy::schema::{FacetOptions, Schema};
    use tantivy::{Index, TantivyDocument};

    #[test]
    fn counts_match_tantivys_facet_collector() {
        let mut b = Schema::builder();
        let person = b.add_facet_field("person", FacetOptions::default());
        let index = Index::create_in_ram(b.build());
        let mut w = index.writer_with_num_threads(1, 15_000_000).unwrap();
        let docs: &[&[&str]] = &[
            &["Ann Lee", "Bo Chen"],
            &["Bo Chen"],
            &[],
            &["Cy Dow", "Bo Chen"],
        ];
        for (i, names) in docs.iter().enumerate() {
            let mut doc = TantivyDocument::default();
            for n in *names {
                doc.add_facet(person, Facet::from_path([n]));
            }
            w.add_document(doc).unwrap();
            if i == 1 {
                w.commit().unwrap(); // two segments
            }
        }
        w.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let ours = searcher
            .search(&AllQuery, &FlatFacetCounts { field: "person".into() })
            .unwrap();
        let mut theirs = FacetCollector::for_field("person");
        theirs.add_facet(Facet::root());
        let theirs = searcher.search(&AllQuery, &theirs).unwrap();
        let theirs: HashMap<String, u64> = theirs
            .get(Facet::root())
            .map(|(f, c)| (f.to_path().join("/"), c))
            .collect();
        assert_eq!(ours, theirs);
        assert_eq!(ours["Bo Chen"], 3);
    }
}
