//! Turning an [`Article`] and its [`Extraction`] into a tantivy document,
//! and writing documents so that re-indexing replaces instead of
//! duplicating.

use std::borrow::Cow;
use std::hash::BuildHasher;

use anyhow::Context;
use rustc_hash::{FxBuildHasher, FxHashSet};
use tantivy::schema::{Facet, IndexRecordOption};
use tantivy::{DateTime, DocSet, Index, IndexWriter, TantivyDocument, Term};

use super::schema::{
    alias_term, band_term, salience_term, salience_tier, work_term,
    FacetField, LOWEST_TIER,
};
use super::stories::{self, StoryFinder};
use super::Fields;
use crate::extract::dates::Precision;
use crate::extract::story::Signature;
use crate::extract::{canon, EntityKind, Extraction};
use crate::ingest::Article;

/// Writes articles into the index.
pub struct ArticleWriter {
    writer: IndexWriter,
    fields: Fields,
    /// When the index held no article as the writer opened: hashes of
    /// the id and file terms written since. A key not among
    /// them cannot be in the index, so adding its article needs no
    /// delete (deletes cost tantivy a term look-up per segment at every
    /// commit). `None` for an index that had articles.
    written: Option<FxHashSet<u64>>,
    /// The story of each article written.
    stories: StoryFinder,
    /// The index as the writer opened it: whether an id was there.
    before: tantivy::Searcher,
    /// Hashes of the ids written in this run.
    ids: FxHashSet<u64>,
}

/// What adding one article did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Added {
    /// A record with its id was in the index (or written earlier in the
    /// run), and this one replaced it.
    pub replaced: bool,
    /// It joined a story another article had started.
    pub copy: bool,
}

impl ArticleWriter {
    /// Takes the lock of the index at `dir`, with `heap_bytes` of
    /// indexing memory, and deletes the files a killed commit left
    /// behind ([`super::remove_orphans`]).
    ///
    /// # Errors
    ///
    /// Fails with "index is locked" when another writer holds the index.
    pub fn new(
        index: &Index,
        dir: &std::path::Path,
        fields: Fields,
        heap_bytes: usize,
    ) -> anyhow::Result<ArticleWriter> {
        let writer = match index.writer(heap_bytes) {
            Ok(w) => w,
            Err(tantivy::TantivyError::LockFailure(..)) => anyhow::bail!(
                "index is locked: another newsdex is writing to it"
            ),
            Err(e) => return Err(e).context("cannot open the index writer"),
        };
        super::remove_orphans(index, dir)?;
        let empty = index
            .load_metas()
            .is_ok_and(|m| m.segments.iter().all(|s| s.num_docs() == 0));
        let written = empty.then(FxHashSet::default);
        let before = super::snapshot(index)?;
        let stories = StoryFinder::new(&before, fields)
            .context("cannot read the stories of the index")?;
        Ok(ArticleWriter {
            writer,
            fields,
            written,
            stories,
            before,
            ids: FxHashSet::default(),
        })
    }

    /// Records in the index as the writer opened it.
    pub fn records_before(&self) -> u64 {
        self.before.num_docs()
    }

    /// Whether a record with `id` was in the index as the writer opened
    /// it, or was written since.
    fn had(&mut self, id: &str) -> anyhow::Result<bool> {
        if !self.ids.insert(FxBuildHasher.hash_one(id)) {
            return Ok(true);
        }
        let term = Term::from_field_text(self.fields.id, id);
        for seg in self.before.segment_readers() {
            let inverted = seg.inverted_index(self.fields.id)?;
            let Some(mut postings) =
                inverted.read_postings(&term, IndexRecordOption::Basic)?
            else {
                continue;
            };
            let alive = seg.alive_bitset();
            let mut doc = postings.doc();
            while doc != tantivy::TERMINATED {
                if alive.is_none_or(|a| a.is_alive(doc)) {
                    return Ok(true);
                }
                doc = postings.advance();
            }
        }
        Ok(false)
    }

    /// Deletes the articles that have `term`, unless none can have it.
    fn replace(&mut self, term: Term) {
        if let Some(written) = &mut self.written {
            let key = FxBuildHasher
                .hash_one((term.field(), term.serialized_value_bytes()));
            if written.insert(key) {
                return;
            }
        }
        self.writer.delete_term(term);
    }

    /// Adds an article read from `file` with its MinHash signature and
    /// shingle count,
    /// replacing any earlier article with the same id. Records with
    /// other ids are kept whatever their text: copies of one story are
    /// records of their own, each found by its id, grouped by their
    /// story ([`super::stories`]).
    ///
    /// # Errors
    ///
    /// Fails when tantivy's indexing threads have died or the committed
    /// index cannot be read.
    pub fn add(
        &mut self,
        article: &Article,
        extraction: &Extraction,
        file: &str,
        (sig, shingles): &(Signature, usize),
    ) -> anyhow::Result<Added> {
        let f = self.fields;
        let replaced = self.had(&article.id)?;
        self.replace(Term::from_field_text(f.id, &article.id));
        let placed = self
            .stories
            .place(&article.id, sig, *shingles, published_day(extraction))
            .context("cannot read the stories of the index")?;
        let mut doc = document(&f, article, extraction);
        doc.add_text(f.file, file);
        doc.add_u64(f.story, placed.story);
        // Only a story's first article is found by later runs: a copy
        // joins through it, and keeping the signature of every copy
        // would cost the most where copies are many.
        if !placed.copy {
            for value in stories::packed(sig) {
                doc.add_u64(f.signature, value);
            }
        }
        self.writer.add_document(doc).context("indexing failed")?;
        Ok(Added { replaced, copy: placed.copy })
    }

    /// Deletes every article read from `file` (before it is read again,
    /// or because it is gone).
    pub fn forget_file(&mut self, file: &str) {
        let term = Term::from_field_text(self.fields.file, file);
        self.replace(term);
    }

    /// Makes everything added so far durable and visible to searches.
    ///
    /// # Errors
    ///
    /// Fails when the index cannot be written.
    pub fn commit(&mut self) -> anyhow::Result<()> {
        self.writer.commit().context("cannot commit the index")?;
        Ok(())
    }

    /// Waits for merges to finish and releases the lock.
    ///
    /// # Errors
    ///
    /// Fails when a merge fails.
    pub fn finish(self) -> anyhow::Result<()> {
        self.writer.wait_merging_threads().context("merging failed")
    }
}

/// The tantivy document of one article.
pub fn document(
    f: &Fields,
    article: &Article,
    x: &Extraction,
) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_text(f.id, &article.id);
    doc.add_text(f.title, &article.title);
    doc.add_text(f.body, &article.body);
    doc.add_text(f.origin, &article.origin);
    match &x.published {
        Some(p) => {
            doc.add_date(
                f.published,
                DateTime::from_timestamp_secs(p.seconds),
            );
            doc.add_text(f.published_text, p.date.to_string());
            doc.add_u64(f.date_precision, precision_code(p.date.precision()));
        }
        None => doc.add_u64(f.date_precision, 0),
    }
    for m in &x.mentioned {
        let at = DateTime::from_timestamp_secs(m.seconds);
        doc.add_date(f.mentioned, at);
        doc.add_text(f.mentioned_text, m.date.to_string());
        let precise = match m.date.precision() {
            Precision::Day => f.mentioned_day,
            Precision::Month => f.mentioned_month,
            Precision::Year => f.mentioned_year,
        };
        doc.add_date(precise, at);
    }
    if let Some(source) = &article.source {
        doc.add_facet(f.source, facet(&[source]));
    }
    if let Some(url) = &article.url {
        doc.add_text(f.url, url);
    }
    for author in &article.authors {
        doc.add_text(f.authors, author);
    }
    if let Some(lang) = &article.language {
        doc.add_text(f.language, lang);
    }
    for name in &x.works {
        doc.add_text(f.alias, work_term(name));
    }
    for name in &x.bands {
        doc.add_text(f.alias, band_term(name));
    }
    for e in &x.entities {
        for short in canon::short_forms(e) {
            let field = FacetField::of_kind(e.kind);
            doc.add_text(f.alias, alias_term(field, &short, &e.name));
        }
        match e.kind {
            EntityKind::Person => doc.add_facet(f.person, facet(&[&e.name])),
            EntityKind::Org => doc.add_facet(f.org, facet(&[&e.name])),
            EntityKind::Misc => {
                doc.add_facet(f.misc, facet(&[&e.name]));
                // A nationality's country ("Swiss"): in the hierarchy
                // only, not among the article's place names.
                if !e.path.is_empty() {
                    doc.add_facet(f.place, facet(&e.path));
                }
            }
            EntityKind::Place => {
                doc.add_facet(f.place_name, facet(&[&e.name]));
                if e.path.is_empty() {
                    doc.add_facet(f.place, facet(&[&e.name]));
                } else {
                    doc.add_facet(f.place, facet(&e.path));
                }
            }
        }
    }
    add_salience(&mut doc, f, x);
    let tags = &article.tags;
    for (kind, values) in [
        (FacetField::Person.name(), &tags.people),
        (FacetField::Place.name(), &tags.places),
        (FacetField::Org.name(), &tags.orgs),
        ("topic", &tags.topics),
    ] {
        for v in values {
            doc.add_facet(f.tag, facet(&[kind, v]));
        }
    }
    doc.add_text(f.entities, super::stored::to_json(&x.entities));
    doc
}

/// The `salience` terms of an article: people, organisations and MISC
/// names by their value, places by the groups
/// [`crate::extract::salience::assign`] scored (each place, and
/// each region, country and continent holding one).
fn add_salience(doc: &mut TantivyDocument, f: &Fields, x: &Extraction) {
    for e in x.entities.iter().filter(|e| e.kind != EntityKind::Place) {
        let tier = salience_tier(e.salience);
        if tier >= LOWEST_TIER {
            let field = FacetField::of_kind(e.kind);
            let term = salience_term(field, &clean_segment(&e.name), tier);
            doc.add_text(f.salience, term);
        }
    }
    for (path, salience) in &x.about_places {
        let tier = salience_tier(*salience);
        if tier >= LOWEST_TIER {
            let path: Vec<Cow<'_, str>> =
                path.iter().map(|s| clean_segment(s)).collect();
            let place = FacetField::Place;
            let term = salience_term(place, &path.join("/"), tier);
            doc.add_text(f.salience, term);
        }
    }
}

/// The `date_precision` value of a known date: 1 year, 2 month, 3 day
/// (0 is "no date").
pub fn precision_code(p: Precision) -> u64 {
    match p {
        Precision::Year => 1,
        Precision::Month => 2,
        Precision::Day => DAY_PRECISION,
    }
}

/// The publication time of an article whose date is day-precise, in
/// seconds: what the story finder compares.
pub fn published_day(x: &Extraction) -> Option<i64> {
    x.published
        .as_ref()
        .filter(|p| p.date.precision() == Precision::Day)
        .map(|p| p.seconds)
}

/// The `date_precision` value of a day-precise date.
pub const DAY_PRECISION: u64 = 3;

/// A facet from path segments. A `/` inside a segment would split it in
/// two, so it becomes a look-alike `∕` (U+2215).
pub fn facet<S: AsRef<str>>(segments: &[S]) -> Facet {
    Facet::from_path(segments.iter().map(|s| clean_segment(s.as_ref())))
}

/// A facet segment as stored: trimmed, with `/` replaced; borrowed when
/// no `/` needs replacing (nearly always).
pub fn clean_segment(s: &str) -> Cow<'_, str> {
    let s = s.trim();
    if s.contains('/') {
        Cow::Owned(s.replace('/', "\u{2215}"))
    } else {
        Cow::Borrowed(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facet_paths_keep_slashes_inside_segments() {
        let f = facet(&["Asia", "Malaysia", "Kuala Lumpur"]);
        assert_eq!(f.to_string(), "/Asia/Malaysia/Kuala Lumpur");
        assert_eq!(facet(&["AC/DC"]).to_path(), vec!["AC\u{2215}DC"]);
    }

    #[test]
    fn clean_segments_borrow_unless_changed() {
        assert!(matches!(
            clean_segment(" Kuala Lumpur "),
            Cow::Borrowed("Kuala Lumpur")
        ));
        assert_eq!(clean_segment(" AC/DC"), "AC\u{2215}DC");
    }
}
