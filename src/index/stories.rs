//! Which story an article being indexed belongs to.
//!
//! Every article gets a story id (the `story` field). An article whose
//! MinHash signature ([`crate::extract::story`]) is at the similarity
//! threshold or above with that of an article already indexed, in this
//! run or an earlier one, joins that article's story (the most similar
//! one's, when several); otherwise it starts a story of its own, whose
//! id is a hash of its record id and signature.
//!
//! Candidates come from the LSH band keys: those of the articles written
//! in this run are kept in memory; those of the index as last committed
//! are made, when the run starts, from the signatures of its `signature`
//! column (a sorted table per segment), where the candidates' signatures
//! are read too. The index keeps the signature of the first article of
//! each story only (the one that started it): a later run compares a
//! new article with each story's first article, and the cost of the
//! column is one article's per story, however many copies it has. The
//! keys are not indexed: a story's 21 random keys, each a term of its
//! own, made most of the index's term dictionary and cost more to write
//! (and merge) than to make again from the column. Two articles
//! published on days more than [`WINDOW_DAYS`] apart are never copies:
//! a wire story runs and is rewritten within a day or two, while a
//! report written from one formula every week (a money market, a weekly
//! output figure) repeats most of its words with other numbers. A story
//! id is a label, never a record: deleting one copy (an update, `--prune`) leaves the others with their
//! story, and stories are never merged after the fact (an article that
//! matches two stories joins the closer one).

use rustc_hash::FxHashMap;
use tantivy::columnar::Column;
use tantivy::fastfield::AliveBitSet;
use tantivy::{DocId, Searcher};

use super::writer::DAY_PRECISION;
use super::Fields;
use crate::extract::story::{
    band_keys, similarity, threshold, Signature, BANDS, HASHES,
};

/// Days between the publication of two copies of one story, at most,
/// when both have a day-precise date: a paper runs a wire story the
/// same day or the next, and a rewrite comes within hours.
pub const WINDOW_DAYS: u64 = 2;

/// Whether articles published at `a` and `b` (seconds, day precision;
/// `None` for no date or a vaguer one) may be copies of one story.
pub fn within_window(a: Option<i64>, b: Option<i64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a.abs_diff(b) < (WINDOW_DAYS + 1) * 86_400,
        _ => true,
    }
}

/// Candidates read per band key from the committed index: a key shared
/// by thousands of articles (a formula every market report uses) costs
/// no more than this many comparisons.
const MAX_PER_KEY: usize = 32;

/// Minima per value of the `signature` column: three of 16 bits, the
/// top 16 bits holding the value's place (so that the order in which
/// the column returns a document's values does not matter).
const PER_VALUE: usize = 3;

/// The `signature` column's values of a signature.
pub fn packed(sig: &Signature) -> impl Iterator<Item = u64> + '_ {
    sig.0.chunks(PER_VALUE).enumerate().map(|(i, chunk)| {
        let n = chunk.len();
        chunk.iter().enumerate().fold((i as u64) << 48, |v, (k, &m)| {
            v | u64::from(m) << (16 * (n - 1 - k))
        })
    })
}

/// The signature [`packed`] values make, in any order; `None` when they
/// are not a whole signature.
pub fn unpacked(values: impl Iterator<Item = u64>) -> Option<Signature> {
    let mut sig = [0u16; HASHES];
    let mut seen = 0usize;
    for v in values {
        let at = (v >> 48) as usize * PER_VALUE;
        let n = PER_VALUE.min(HASHES.checked_sub(at)?);
        for k in 0..n {
            sig[at + k] = (v >> (16 * (n - 1 - k))) as u16;
        }
        seen += n;
    }
    (seen == HASHES).then_some(Signature(sig))
}

/// One segment of the committed index, as candidates are read from it.
struct Segment {
    /// The band keys of the segment's live articles with a signature,
    /// each with its article, sorted by key, then document: a key's
    /// documents in the order of a posting list.
    bands: Vec<(u64, DocId)>,
    stories: Column<u64>,
    signatures: Column<u64>,
    published: Column<tantivy::DateTime>,
    precision: Column<u64>,
}

impl Segment {
    /// The day-precise publication time of `doc`, in seconds.
    fn day(&self, doc: DocId) -> Option<i64> {
        (self.precision.first(doc) == Some(DAY_PRECISION))
            .then(|| self.published.first(doc))
            .flatten()
            .map(|d| d.into_timestamp_secs())
    }
}

/// Finds the story of each article written, in input order.
pub struct StoryFinder {
    /// The committed index's segments (none for an empty index).
    segments: Vec<Segment>,
    /// Band key → the first article of this run with it (an index into
    /// `written`).
    bands: FxHashMap<u64, u32>,
    /// The story, signature and day-precise publication time of each
    /// article of this run.
    written: Vec<(u64, Signature, Option<i64>)>,
}

/// Where an article's story came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Placed {
    /// The story id.
    pub story: u64,
    /// Whether it joined a story some other article started.
    pub copy: bool,
}

impl StoryFinder {
    /// A finder over the index as `searcher` sees it.
    ///
    /// # Errors
    ///
    /// The index's story fields cannot be read.
    pub fn new(searcher: &Searcher, fields: Fields) -> tantivy::Result<Self> {
        let schema = searcher.schema();
        let story = schema.get_field_name(fields.story);
        let signature = schema.get_field_name(fields.signature);
        let published = schema.get_field_name(fields.published);
        let precision = schema.get_field_name(fields.date_precision);
        let mut segments = Vec::new();
        for seg in searcher.segment_readers() {
            if seg.num_docs() == 0 {
                continue;
            }
            let signatures = seg.fast_fields().u64(signature)?;
            let alive = seg.alive_bitset();
            segments.push(Segment {
                bands: band_table(&signatures, alive, seg.max_doc()),
                stories: seg.fast_fields().u64(story)?,
                signatures,
                published: seg.fast_fields().date(published)?,
                precision: seg.fast_fields().u64(precision)?,
            });
        }
        Ok(StoryFinder {
            segments,
            bands: FxHashMap::default(),
            written: Vec::new(),
        })
    }

    /// The story of an article with record id `id`, signature `sig`,
    /// `shingles` shingles and published at `day` (seconds, when the
    /// date is day-precise), remembered for the articles after it.
    ///
    /// # Errors
    ///
    /// The committed index cannot be read.
    pub fn place(
        &mut self,
        id: &str,
        sig: &Signature,
        shingles: usize,
        day: Option<i64>,
    ) -> tantivy::Result<Placed> {
        let keys = band_keys(sig);
        let at_least = threshold(shingles);
        let mut best: Option<(f32, u64)> = None;
        let mut consider = |sim: f32, story: u64| {
            if sim >= at_least && best.is_none_or(|(s, _)| sim > s) {
                best = Some((sim, story));
            }
        };
        // Copies share most of their bands, mostly with one article:
        // each candidate is compared once.
        let mut compared = [u32::MAX; BANDS];
        for (b, key) in keys.iter().enumerate() {
            let Some(&i) = self.bands.get(key) else { continue };
            if compared[..b].contains(&i) {
                continue;
            }
            compared[b] = i;
            let (story, other, when) = &self.written[i as usize];
            if within_window(day, *when) {
                consider(similarity(sig, other), *story);
            }
        }
        let mut read_docs: Vec<(usize, DocId)> = Vec::new();
        for (s, seg) in self.segments.iter().enumerate() {
            for &key in &keys {
                let from = seg.bands.partition_point(|&(k, _)| k < key);
                let mut read = 0;
                for &(_, doc) in
                    seg.bands[from..].iter().take_while(|&&(k, _)| k == key)
                {
                    if read == MAX_PER_KEY {
                        break;
                    }
                    if within_window(day, seg.day(doc))
                        && !read_docs.contains(&(s, doc))
                    {
                        read_docs.push((s, doc));
                        read += 1;
                        let values = seg.signatures.values_for_doc(doc);
                        if let (Some(other), Some(story)) =
                            (unpacked(values), seg.stories.first(doc))
                        {
                            consider(similarity(sig, &other), story);
                        }
                    }
                }
            }
        }
        let placed = match best {
            Some((_, story)) => Placed { story, copy: true },
            None => {
                let mut bytes = id.as_bytes().to_vec();
                bytes.extend_from_slice(&sig.to_bytes());
                Placed { story: crate::hash::hash_bytes(&bytes), copy: false }
            }
        };
        let at = u32::try_from(self.written.len()).unwrap_or(u32::MAX);
        self.written.push((placed.story, *sig, day));
        // A key keeps the first article that had it, so that copies meet
        // through the original, until an article outside its window
        // comes: the formula of a weekly report then finds this week's.
        for key in keys {
            let first = self.bands.entry(key).or_insert(at);
            if !within_window(day, self.written[*first as usize].2) {
                *first = at;
            }
        }
        Ok(placed)
    }
}

/// The band keys of the live articles of a segment of `max_doc`
/// documents whose `signatures` column holds a whole signature, with
/// their documents, sorted.
fn band_table(
    signatures: &Column<u64>,
    alive: Option<&AliveBitSet>,
    max_doc: DocId,
) -> Vec<(u64, DocId)> {
    let mut table = Vec::new();
    for doc in 0..max_doc {
        if alive.is_some_and(|a| !a.is_alive(doc)) {
            continue;
        }
        if let Some(sig) = unpacked(signatures.values_for_doc(doc)) {
            table.extend(band_keys(&sig).into_iter().map(|key| (key, doc)));
        }
    }
    table.sort_unstable();
    table
}

/// Stories in the index: the distinct `story` values of its live
/// articles.
///
/// # Errors
///
/// The `story` column cannot be read.
pub fn count(searcher: &Searcher, fields: &Fields) -> tantivy::Result<u64> {
    let name = searcher.schema().get_field_name(fields.story);
    let mut seen = rustc_hash::FxHashSet::default();
    for seg in searcher.segment_readers() {
        let column = seg.fast_fields().u64(name)?;
        let alive = seg.alive_bitset();
        for doc in 0..seg.max_doc() {
            if alive.is_none_or(|a| a.is_alive(doc)) {
                seen.extend(column.first(doc));
            }
        }
    }
    Ok(seen.len() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::story::signature;

    #[test]
    fn copies_are_published_within_the_window() {
        let day = 86_400;
        let monday = Some(10 * day);
        assert!(within_window(monday, monday));
        assert!(within_window(monday, Some(12 * day + day - 1)));
        assert!(!within_window(monday, Some(13 * day)));
        assert!(!within_window(Some(13 * day), monday));
        assert!(within_window(monday, None));
        assert!(within_window(None, None));
    }

    #[test]
    fn signatures_pack_in_any_order() {
        let sig = signature("Trade talks", "one two three four five six");
        let mut values: Vec<u64> = packed(&sig).collect();
        assert_eq!(values.len(), HASHES.div_ceil(PER_VALUE));
        assert_eq!(unpacked(values.iter().copied()), Some(sig));
        values.reverse();
        assert_eq!(unpacked(values.iter().copied()), Some(sig));
        values.pop();
        assert_eq!(unpacked(values.into_iter()), None);
    }
}
