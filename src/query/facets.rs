//! Counting the values of a flat facet field over a set of documents.
//!
//! Documents are counted by the ordinals of each segment's facet column;
//! no value is turned into a string while counting. Only the values that
//! can be printed are named afterwards:
//!
//! - [`FlatCounts::top`] finds the `top` values by count (then value)
//!   across segments by resolving a few of the best ordinals of each
//!   segment, summing their counts over every segment by dictionary
//!   look-up, and widening the set until no value outside it can
//!   reach the last place (a threshold algorithm). On a field with tens
//!   of thousands of values it names a few dozen.
//! - [`FlatCounts::all`] names every counted value, reading each
//!   segment's dictionary only at the blocks holding them.
//!
//! [`ManyFlatFacetCounts`] counts several fields in one pass over the
//! matches (a search counts four by default).
//!
//! A server, which answers many searches from one snapshot, keeps each
//! flat field's values in memory ([`Values`]): every value of every
//! segment named once, with each segment's ordinals mapped to the
//! value's place among them. [`FlatCounts::top_of`] then adds the
//! segments' counts up by value and picks the best, naming nothing and
//! reading no dictionary; it gives what [`FlatCounts::top`] gives, and
//! [`FlatCounts::count_of_known`] what [`FlatCounts::count_of_value`]
//! gives.
//!
//! It is for flat fields (one segment per facet path). Hierarchical
//! fields, whose counts must be per document at each level, go through
//! tantivy's `FacetCollector`.

use std::collections::{BTreeMap, HashMap};

use rustc_hash::FxHashMap;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::StrColumn;
use tantivy::schema::Facet;
use tantivy::{DocId, Score, Searcher, SegmentOrdinal, SegmentReader};

use super::{sort_counts, FacetCount};

/// Counts of every value of a flat facet field among matching documents,
/// by segment and ordinal.
pub struct FlatFacetCounts {
    /// The tantivy field name.
    pub field: String,
}

/// One segment's counts while collecting.
pub struct SegmentFlatCounts {
    segment: SegmentOrdinal,
    column: Option<StrColumn>,
    counts: Vec<u32>,
}

/// The counts of one segment, by ordinal of its facet dictionary.
pub struct SegmentCounts {
    segment: SegmentOrdinal,
    column: Option<StrColumn>,
    counts: Vec<u32>,
}

/// What [`FlatFacetCounts`] collects: counts by ordinal, per segment.
pub struct FlatCounts {
    segments: Vec<SegmentCounts>,
}

impl Collector for FlatFacetCounts {
    type Fruit = FlatCounts;
    type Child = SegmentFlatCounts;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentFlatCounts> {
        let column = reader.fast_fields().str(&self.field)?;
        let counts =
            vec![0; column.as_ref().map_or(0, |c| c.dictionary().num_terms())];
        Ok(SegmentFlatCounts { segment, column, counts })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(
        &self,
        fruits: Vec<SegmentCounts>,
    ) -> tantivy::Result<FlatCounts> {
        let mut segments = fruits;
        segments.sort_by_key(|s| s.segment);
        Ok(FlatCounts { segments })
    }
}

impl SegmentCollector for SegmentFlatCounts {
    type Fruit = SegmentCounts;

    fn collect(&mut self, doc: DocId, _: Score) {
        let Some(column) = &self.column else { return };
        for ord in column.ords().values_for_doc(doc) {
            if let Some(c) = self.counts.get_mut(ord as usize) {
                *c += 1;
            }
        }
    }

    fn harvest(self) -> SegmentCounts {
        SegmentCounts {
            segment: self.segment,
            column: self.column,
            counts: self.counts,
        }
    }
}

/// Counts of several flat facet fields in one pass over the matches:
/// what one [`FlatFacetCounts`] per field gives, in the fields' order.
pub struct ManyFlatFacetCounts {
    /// The tantivy field names.
    pub fields: Vec<String>,
}

/// One segment's counts of every field while collecting.
pub struct SegmentManyFlatCounts(Vec<SegmentFlatCounts>);

impl Collector for ManyFlatFacetCounts {
    type Fruit = Vec<FlatCounts>;
    type Child = SegmentManyFlatCounts;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentManyFlatCounts> {
        let mut each = Vec::with_capacity(self.fields.len());
        for field in &self.fields {
            let one = FlatFacetCounts { field: field.clone() };
            each.push(one.for_segment(segment, reader)?);
        }
        Ok(SegmentManyFlatCounts(each))
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(
        &self,
        fruits: Vec<Vec<SegmentCounts>>,
    ) -> tantivy::Result<Vec<FlatCounts>> {
        let mut by_field: Vec<Vec<SegmentCounts>> =
            self.fields.iter().map(|_| Vec::new()).collect();
        for segment in fruits {
            for (i, counts) in segment.into_iter().enumerate() {
                by_field[i].push(counts);
            }
        }
        by_field
            .into_iter()
            .zip(&self.fields)
            .map(|(segments, field)| {
                FlatFacetCounts { field: field.clone() }.merge_fruits(segments)
            })
            .collect()
    }
}

impl SegmentCollector for SegmentManyFlatCounts {
    type Fruit = Vec<SegmentCounts>;

    fn collect(&mut self, doc: DocId, score: Score) {
        for one in &mut self.0 {
            one.collect(doc, score);
        }
    }

    fn harvest(self) -> Vec<SegmentCounts> {
        self.0.into_iter().map(SegmentCollector::harvest).collect()
    }
}

/// A flat field's values of one snapshot of the index, named: every
/// value any segment's dictionary holds, in the dictionaries' order, and
/// for each segment where its ordinals are in that list.
pub struct Values {
    /// Each value's name as output shows it (`None` for a key that is
    /// no facet, which is never shown).
    names: Vec<Option<Box<str>>>,
    /// By segment: the place in `names` of each ordinal.
    places: Vec<Vec<u32>>,
    /// Each value's key (its encoded facet) → its place in `names`.
    places_of_keys: FxHashMap<Box<[u8]>, u32>,
    /// By segment: the ordinal of each value of `names`, `u32::MAX`
    /// when the segment lacks it.
    ords: Vec<Vec<u32>>,
}

impl Values {
    /// Reads the values of the flat facet field `field` from every
    /// segment of `searcher`.
    ///
    /// # Errors
    ///
    /// An unreadable dictionary.
    pub fn read(searcher: &Searcher, field: &str) -> tantivy::Result<Values> {
        let mut keys: Vec<Vec<Vec<u8>>> = Vec::new();
        for seg in searcher.segment_readers() {
            let mut of_segment = Vec::new();
            if let Some(column) = seg.fast_fields().str(field)? {
                let mut stream = column.dictionary().stream()?;
                while stream.advance() {
                    of_segment.push(stream.key().to_vec());
                }
            }
            keys.push(of_segment);
        }
        let mut all: Vec<&[u8]> =
            keys.iter().flatten().map(Vec::as_slice).collect();
        all.sort_unstable();
        all.dedup();
        let places: Vec<Vec<u32>> = keys
            .iter()
            .map(|of_segment| {
                of_segment
                    .iter()
                    .map(|k| {
                        let at = all.binary_search(&k.as_slice());
                        at.expect("every key is in the list") as u32
                    })
                    .collect()
            })
            .collect();
        let names = all
            .iter()
            .map(|k| value_of(k).map(String::into_boxed_str))
            .collect();
        let ords = places
            .iter()
            .map(|of_segment| {
                let mut ords = vec![u32::MAX; all.len()];
                for (ord, &at) in of_segment.iter().enumerate() {
                    ords[at as usize] = ord as u32;
                }
                ords
            })
            .collect();
        let places_of_keys = all
            .iter()
            .enumerate()
            .map(|(at, &k)| (k.into(), at as u32))
            .collect();
        Ok(Values { names, places, places_of_keys, ords })
    }
}

/// Puts the `n` best entries (highest count, then lowest ordinal) of
/// `list` first, in order; the rest follow in no order.
fn best_first(list: &mut [(u32, u64)], n: usize) {
    let order =
        |a: &(u32, u64), b: &(u32, u64)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
    if n < list.len() {
        list.select_nth_unstable_by(n, order);
    }
    let n = n.min(list.len());
    list[..n].sort_unstable_by(order);
}

/// A value's name as output shows it: the facet path below the field.
fn value_of(key: &[u8]) -> Option<String> {
    let facet = Facet::from_encoded(key.to_vec()).ok()?;
    Some(facet.to_path().join("/"))
}

impl SegmentCounts {
    /// Ordinals with a count: `(count, ord)`, in no order.
    fn nonzero(&self) -> Vec<(u32, u64)> {
        self.counts
            .iter()
            .enumerate()
            .filter(|(_, &c)| c > 0)
            .map(|(ord, &c)| (c, ord as u64))
            .collect()
    }

    /// The keys of sorted ordinals, in the same order.
    fn keys(&self, ords: &[u64]) -> tantivy::Result<Vec<Vec<u8>>> {
        let mut keys = Vec::with_capacity(ords.len());
        if let Some(column) = &self.column {
            column
                .dictionary()
                .sorted_ords_to_term_cb(ords, |k| keys.push(k.to_vec()))?;
        }
        Ok(keys)
    }

    /// The count of a value in this segment (0 when it has none).
    fn count_of(&self, key: &[u8]) -> tantivy::Result<u64> {
        let Some(column) = &self.column else { return Ok(0) };
        Ok(match column.dictionary().term_ord(key)? {
            Some(ord) => {
                self.counts.get(ord as usize).copied().unwrap_or(0).into()
            }
            None => 0,
        })
    }
}

impl FlatCounts {
    /// The count of one value (0 when no match has it).
    ///
    /// # Errors
    ///
    /// An unreadable dictionary.
    pub fn count_of_value(&self, value: &str) -> tantivy::Result<u64> {
        let facet = Facet::from_path([value]);
        let key = facet.encoded_str().as_bytes();
        let mut total = 0;
        for seg in &self.segments {
            total += seg.count_of(key)?;
        }
        Ok(total)
    }

    /// The count of one value (0 when no match has it), as
    /// [`FlatCounts::count_of_value`] gives it, found among the field's
    /// `values` instead of in the segments' dictionaries.
    pub fn count_of_known(&self, values: &Values, value: &str) -> u64 {
        let facet = Facet::from_path([value]);
        let key = facet.encoded_str().as_bytes();
        let Some(&at) = values.places_of_keys.get(key) else { return 0 };
        let at = at as usize;
        let mut total = 0;
        for seg in &self.segments {
            let ord = values
                .ords
                .get(seg.segment as usize)
                .map_or(u32::MAX, |ords| ords[at]);
            total +=
                u64::from(seg.counts.get(ord as usize).copied().unwrap_or(0));
        }
        total
    }

    /// Every value with a count, named.
    ///
    /// # Errors
    ///
    /// An unreadable dictionary.
    pub fn all(&self) -> tantivy::Result<HashMap<String, u64>> {
        let mut by_key: HashMap<Vec<u8>, u64> = HashMap::new();
        for seg in &self.segments {
            let ords: Vec<(u64, u32)> = seg
                .counts
                .iter()
                .enumerate()
                .filter(|(_, &c)| c > 0)
                .map(|(ord, &c)| (ord as u64, c))
                .collect();
            let sorted: Vec<u64> = ords.iter().map(|o| o.0).collect();
            let keys = seg.keys(&sorted)?;
            for (key, (_, count)) in keys.into_iter().zip(ords) {
                *by_key.entry(key).or_insert(0) += u64::from(count);
            }
        }
        Ok(by_key
            .into_iter()
            .filter_map(|(k, c)| Some((value_of(&k)?, c)))
            .collect())
    }

    /// The `top` values by count, then value.
    ///
    /// # Errors
    ///
    /// An unreadable dictionary.
    pub fn top(&self, top: usize) -> tantivy::Result<Vec<FacetCount>> {
        if top == 0 {
            return Ok(Vec::new());
        }
        let mut ranked: Vec<Vec<(u32, u64)>> =
            self.segments.iter().map(SegmentCounts::nonzero).collect();
        let distinct: usize = ranked.iter().map(Vec::len).sum();
        // Few values: name them all.
        if distinct <= top.saturating_mul(4).max(256) {
            let mut out: Vec<FacetCount> = self
                .all()?
                .into_iter()
                .map(|(value, count)| FacetCount { value, count })
                .collect();
            sort_counts(&mut out);
            out.truncate(top);
            return Ok(out);
        }
        let mut depth = top.saturating_add(1).max(8);
        let n = self.segments.len();
        loop {
            for list in &mut ranked {
                best_first(list, depth + 1);
            }
            // Candidates: the `depth` best of each segment, with the
            // counts known so far.
            let mut known: BTreeMap<Vec<u8>, Vec<Option<u64>>> =
                BTreeMap::new();
            for (i, (seg, list)) in
                self.segments.iter().zip(&ranked).enumerate()
            {
                let mut best: Vec<(u64, u32)> =
                    list.iter().take(depth).map(|e| (e.1, e.0)).collect();
                best.sort_unstable();
                let ords: Vec<u64> = best.iter().map(|e| e.0).collect();
                for (key, (_, count)) in seg.keys(&ords)?.into_iter().zip(best)
                {
                    known.entry(key).or_insert_with(|| vec![None; n])[i] =
                        Some(count.into());
                }
            }
            // What a value can have in a segment where it is not among
            // the candidates: 0 when that segment's list is exhausted.
            let bounds: Vec<u64> = ranked
                .iter()
                .map(|l| l.get(depth).map_or(0, |e| u64::from(e.0)))
                .collect();
            let lower =
                |per: &[Option<u64>]| per.iter().flatten().sum::<u64>();
            let mut lows: Vec<u64> =
                known.values().map(|p| lower(p)).collect();
            lows.sort_unstable_by(|a, b| b.cmp(a));
            let floor = lows.get(top - 1).copied().unwrap_or(0);
            let mut counted = Vec::new();
            for (key, per) in &known {
                let missing: u64 = per
                    .iter()
                    .zip(&bounds)
                    .filter(|(c, _)| c.is_none())
                    .map(|(_, b)| b)
                    .sum();
                // N candidates have at least `floor`: this one cannot
                // reach them.
                if lower(per) + missing < floor {
                    continue;
                }
                let mut count = 0;
                for (i, seg) in self.segments.iter().enumerate() {
                    count += match per[i] {
                        Some(c) => c,
                        None if bounds[i] == 0 => 0,
                        None => seg.count_of(key)?,
                    };
                }
                if let Some(value) = value_of(key) {
                    counted.push(FacetCount { value, count });
                }
            }
            sort_counts(&mut counted);
            // A value outside the candidates has at most `outside`.
            let outside: u64 = bounds.iter().sum();
            let settled =
                counted.len() >= top && counted[top - 1].count > outside;
            if outside == 0 || settled {
                counted.truncate(top);
                return Ok(counted);
            }
            depth = depth.saturating_mul(4);
        }
    }

    /// The `top` values by count, then value, as [`FlatCounts::top`]
    /// gives them, from the field's `values` (read from the same
    /// snapshot).
    pub fn top_of(&self, values: &Values, top: usize) -> Vec<FacetCount> {
        if top == 0 {
            return Vec::new();
        }
        let mut totals = vec![0u64; values.names.len()];
        // The values counted, each once: a search matches a few of a
        // field's many values.
        let mut seen: Vec<u32> = Vec::new();
        for seg in &self.segments {
            let Some(places) = values.places.get(seg.segment as usize) else {
                continue;
            };
            for (&count, &at) in seg.counts.iter().zip(places) {
                if count > 0 {
                    let total = &mut totals[at as usize];
                    if *total == 0 {
                        seen.push(at);
                    }
                    *total += u64::from(count);
                }
            }
        }
        let mut counted: Vec<(u64, &str)> = seen
            .iter()
            .filter_map(|&at| {
                let name = values.names[at as usize].as_deref()?;
                Some((totals[at as usize], name))
            })
            .collect();
        let order = |a: &(u64, &str), b: &(u64, &str)| {
            b.0.cmp(&a.0).then_with(|| a.1.cmp(b.1))
        };
        if top < counted.len() {
            counted.select_nth_unstable_by(top, order);
            counted.truncate(top);
        }
        counted.sort_unstable_by(order);
        counted
            .into_iter()
            .map(|(count, value)| FacetCount {
                value: value.to_string(),
                count,
            })
            .collect()
    }

    /// The counts of every document of the index, deleted ones excepted:
    /// what [`FlatFacetCounts`] gives for a query that matches all, read
    /// straight from the column's values.
    ///
    /// # Errors
    ///
    /// An unreadable index.
    pub fn whole_index(
        searcher: &Searcher,
        field: &str,
    ) -> tantivy::Result<FlatCounts> {
        let mut segments = Vec::new();
        for (i, seg) in searcher.segment_readers().iter().enumerate() {
            let column = seg.fast_fields().str(field)?;
            let mut counts =
                vec![
                    0u32;
                    column.as_ref().map_or(0, |c| c.dictionary().num_terms())
                ];
            if let Some(c) = &column {
                let values = &c.ords().values;
                let mut chunk = vec![0u64; 4096];
                let total = u64::from(values.num_vals());
                let mut start = 0;
                while start < total {
                    let len = (total - start).min(chunk.len() as u64);
                    let chunk = &mut chunk[..len as usize];
                    values.get_range(start, chunk);
                    for &ord in chunk.iter() {
                        if let Some(n) = counts.get_mut(ord as usize) {
                            *n += 1;
                        }
                    }
                    start += len;
                }
                if let Some(alive) = seg.alive_bitset() {
                    for doc in 0..seg.max_doc() {
                        if alive.is_alive(doc) {
                            continue;
                        }
                        for ord in c.ords().values_for_doc(doc) {
                            if let Some(n) = counts.get_mut(ord as usize) {
                                *n = n.saturating_sub(1);
                            }
                        }
                    }
                }
            }
            segments.push(SegmentCounts {
                segment: i as SegmentOrdinal,
                column,
                counts,
            });
        }
        Ok(FlatCounts { segments })
    }

    /// In how many documents of `searcher` (deleted ones excepted) each
    /// of `values` appears, read from the inverted index of `field`.
    ///
    /// # Errors
    ///
    /// An unreadable index.
    pub fn background(
        searcher: &Searcher,
        field: tantivy::schema::Field,
        values: &[&str],
    ) -> tantivy::Result<HashMap<String, u64>> {
        let name = searcher.schema().get_field_name(field).to_string();
        let mut out: HashMap<String, u64> = HashMap::new();
        for seg in searcher.segment_readers() {
            let inverted = seg.inverted_index(field)?;
            // Deleted documents still count in the postings: take
            // theirs off.
            let mut deleted: HashMap<Vec<u8>, u64> = HashMap::new();
            let column = seg.fast_fields().str(&name)?;
            if let (Some(alive), Some(facets)) = (seg.alive_bitset(), &column)
            {
                let mut ords: Vec<u64> = Vec::new();
                for doc in 0..seg.max_doc() {
                    if !alive.is_alive(doc) {
                        ords.extend(facets.ords().values_for_doc(doc));
                    }
                }
                ords.sort_unstable();
                let mut distinct = ords.clone();
                distinct.dedup();
                let mut keys = Vec::new();
                facets
                    .dictionary()
                    .sorted_ords_to_term_cb(&distinct, |k| {
                        keys.push(k.to_vec())
                    })?;
                for (key, ord) in keys.into_iter().zip(&distinct) {
                    let n = ords.iter().filter(|o| *o == ord).count();
                    deleted.insert(key, n as u64);
                }
            }
            for value in values {
                let facet = Facet::from_path([*value]);
                let key = facet.encoded_str().as_bytes();
                let Some(info) = inverted.terms().get(key)? else {
                    continue;
                };
                let gone = deleted.get(key).copied().unwrap_or(0);
                *out.entry(value.to_string()).or_insert(0) +=
                    u64::from(info.doc_freq).saturating_sub(gone);
            }
        }
        Ok(out)
    }
}

/// The child facet of `parent` that `key` lies at or below, as encoded
/// bytes; `None` when `key` is not below `parent`.
fn child_of<'k>(key: &'k [u8], parent: &[u8]) -> Option<&'k [u8]> {
    let rest = if parent.is_empty() {
        key
    } else {
        key.strip_prefix(parent)?.strip_prefix(&[FACET_SEP][..])?
    };
    if rest.is_empty() {
        return None;
    }
    let end = rest.iter().position(|&b| b == FACET_SEP).unwrap_or(rest.len());
    Some(&key[..key.len() - rest.len() + end])
}

/// The byte tantivy puts between the segments of an encoded facet.
const FACET_SEP: u8 = 0;

/// The children of `parent` in a hierarchical facet field, each with the
/// number of documents of the index (deleted ones excepted) that have
/// it or a facet below it: what `FacetCollector` counts for a query
/// that matches all. Read from the inverted index, which holds every
/// ancestor of every facet with its document frequency, without
/// visiting the documents.
///
/// # Errors
///
/// An unreadable index.
pub fn children_whole_index(
    searcher: &Searcher,
    field: tantivy::schema::Field,
    parent: &Facet,
) -> tantivy::Result<Vec<FacetCount>> {
    let name = searcher.schema().get_field_name(field).to_string();
    let parent = parent.encoded_str().as_bytes();
    let mut counts: BTreeMap<Vec<u8>, i64> = BTreeMap::new();
    for seg in searcher.segment_readers() {
        let inverted = seg.inverted_index(field)?;
        // Each child's descendants follow it in the dictionary ("Asia",
        // "Asia\0Japan", ...): after a child, seek past them.
        let mut lo = parent.to_vec();
        let mut hi = Vec::new();
        if !parent.is_empty() {
            lo.push(FACET_SEP);
            hi = parent.to_vec();
            hi.push(FACET_SEP + 1);
        }
        loop {
            let mut range = inverted.terms().range().ge(&lo);
            if !hi.is_empty() {
                range = range.lt(&hi);
            }
            let mut stream = range.into_stream()?;
            if !stream.advance() {
                break;
            }
            let key = stream.key();
            let Some(child) = child_of(key, parent) else {
                // The root facet (an empty key): step over it.
                lo = key.to_vec();
                lo.push(FACET_SEP);
                continue;
            };
            if child == key {
                *counts.entry(key.to_vec()).or_insert(0) +=
                    i64::from(stream.value().doc_freq);
            }
            lo = child.to_vec();
            lo.push(FACET_SEP + 1);
        }
        // Deleted documents still count in the postings: take each
        // one's children off once.
        let (Some(alive), Some(column)) =
            (seg.alive_bitset(), seg.fast_fields().str(&name)?)
        else {
            continue;
        };
        let mut by_doc: Vec<(DocId, u64)> = Vec::new();
        for doc in 0..seg.max_doc() {
            if !alive.is_alive(doc) {
                by_doc.extend(
                    column.ords().values_for_doc(doc).map(|o| (doc, o)),
                );
            }
        }
        let mut ords: Vec<u64> = by_doc.iter().map(|e| e.1).collect();
        ords.sort_unstable();
        ords.dedup();
        let mut keys: Vec<Vec<u8>> = Vec::with_capacity(ords.len());
        column
            .dictionary()
            .sorted_ords_to_term_cb(&ords, |k| keys.push(k.to_vec()))?;
        let mut children: Vec<(DocId, Vec<u8>)> = Vec::new();
        for (doc, ord) in by_doc {
            let Ok(i) = ords.binary_search(&ord) else { continue };
            let Some(key) = keys.get(i) else { continue };
            if let Some(child) = child_of(key, parent) {
                children.push((doc, child.to_vec()));
            }
        }
        children.sort_unstable();
        children.dedup();
        for (_, child) in children {
            *counts.entry(child).or_insert(0) -= 1;
        }
    }
    Ok(counts
        .into_iter()
        .filter(|(_, c)| *c > 0)
        .filter_map(|(k, c)| {
            Some(FacetCount { value: value_of(&k)?, count: c as u64 })
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::FacetCollector;
    use tantivy::query::AllQuery;
    use tantivy::schema::{FacetOptions, Schema};
    use tantivy::{Index, TantivyDocument, Term};

    /// An index of documents with the given people, committed in two
    /// segments (after `split` documents), with `deleted` removed by
    /// their first name.
    fn index(docs: &[&[&str]], split: usize, deleted: &[&str]) -> Searcher {
        let mut b = Schema::builder();
        let person = b.add_facet_field("person", FacetOptions::default());
        let index = Index::create_in_ram(b.build());
        let mut w = index.writer_with_num_threads(1, 15_000_000).unwrap();
        for (i, names) in docs.iter().enumerate() {
            let mut doc = TantivyDocument::default();
            for n in *names {
                doc.add_facet(person, Facet::from_path([n]));
            }
            w.add_document(doc).unwrap();
            if i + 1 == split {
                w.commit().unwrap();
            }
        }
        w.commit().unwrap();
        for name in deleted {
            w.delete_term(Term::from_facet(person, &Facet::from_path([name])));
        }
        w.commit().unwrap();
        index.reader().unwrap().searcher()
    }

    fn theirs(searcher: &Searcher) -> HashMap<String, u64> {
        let mut theirs = FacetCollector::for_field("person");
        theirs.add_facet(Facet::root());
        let theirs = searcher.search(&AllQuery, &theirs).unwrap();
        theirs
            .get(Facet::root())
            .map(|(f, c)| (f.to_path().join("/"), c))
            .collect()
    }

    #[track_caller]
    fn check(docs: &[&[&str]], split: usize, deleted: &[&str], top: usize) {
        let searcher = index(docs, split, deleted);
        let ours = searcher
            .search(&AllQuery, &FlatFacetCounts { field: "person".into() })
            .unwrap();
        let expected = theirs(&searcher);
        assert_eq!(ours.all().unwrap(), expected);
        let whole = FlatCounts::whole_index(&searcher, "person").unwrap();
        assert_eq!(whole.all().unwrap(), expected);
        let fields = vec!["person".to_string(), "person".to_string()];
        let many = searcher
            .search(&AllQuery, &ManyFlatFacetCounts { fields })
            .unwrap();
        assert_eq!(many.len(), 2);
        for counts in &many {
            assert_eq!(counts.all().unwrap(), expected);
            assert_eq!(counts.top(top).unwrap(), ours.top(top).unwrap());
        }
        assert_eq!(whole.top(top).unwrap(), ours.top(top).unwrap());
        let values = Values::read(&searcher, "person").unwrap();
        for n in [0, 1, top, top + 1, 1000] {
            assert_eq!(ours.top_of(&values, n), ours.top(n).unwrap(), "{n}");
            assert_eq!(whole.top_of(&values, n), whole.top(n).unwrap());
        }
        for value in expected.keys().map(String::as_str).chain(["Nobody"]) {
            for counts in [&ours, &whole] {
                assert_eq!(
                    counts.count_of_known(&values, value),
                    counts.count_of_value(value).unwrap(),
                    "{value}"
                );
            }
        }
        let mut sorted: Vec<FacetCount> = expected
            .iter()
            .map(|(v, &c)| FacetCount { value: v.clone(), count: c })
            .collect();
        sort_counts(&mut sorted);
        let whole = sorted.clone();
        sorted.truncate(top);
        assert_eq!(ours.top(top).unwrap(), sorted, "top {top}");
        let field = searcher.schema().get_field("person").unwrap();
        let names: Vec<&str> =
            whole.iter().map(|c| c.value.as_str()).collect();
        let bg = FlatCounts::background(&searcher, field, &names).unwrap();
        for c in &whole {
            assert_eq!(bg.get(&c.value), Some(&c.count), "{}", c.value);
        }
    }

    #[test]
    fn counts_match_tantivys_facet_collector() {
        let docs: &[&[&str]] = &[
            &["Ann Lee", "Bo Chen"],
            &["Bo Chen"],
            &[],
            &["Cy Dow", "Bo Chen"],
            &["Di Eng"],
        ];
        check(docs, 2, &[], 10);
        check(docs, 2, &[], 1);
        check(docs, 2, &["Di Eng"], 2);
    }

    #[test]
    fn the_top_of_many_values_is_exact_across_segments() {
        // 400 names; the small segment makes "n399" the overall best
        // although the big one ranks it low.
        let names: Vec<String> =
            (0..400).map(|i| format!("n{i:03}")).collect();
        let mut docs: Vec<Vec<&str>> = Vec::new();
        for (i, n) in names.iter().enumerate() {
            for _ in 0..(i % 7 + 1) {
                docs.push(vec![n.as_str()]);
            }
        }
        let split = docs.len();
        for _ in 0..9 {
            docs.push(vec!["n399", "n000"]);
        }
        let docs: Vec<&[&str]> = docs.iter().map(Vec::as_slice).collect();
        check(&docs, split, &[], 3);
        check(&docs, split, &["n006"], 10);
    }
}
