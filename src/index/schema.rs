//! The tantivy schema, spelled out in one place.
//!
//! Every tantivy field name of the project is written here and nowhere
//! else: other modules use the [`Fields`] handles. Each option is chosen
//! for a reason, given next to it.
//!
//! Facets are paths:
//! - `person`, `org`, `misc`: `/He Lifeng`, `/ASEAN` (flat);
//! - `place`: `/Asia/Malaysia/Kuala Lumpur` (continent → country →
//!   region → city), so that a filter on `/Asia` also matches every
//!   place below it;
//! - `place_name`: `/Kuala Lumpur` (the leaf only, for "which places"
//!   counts);
//! - `source`: `/Harbour Wire`;
//! - `tag`: editorial tags an archive supplied, kept apart from what
//!   newsdex extracted: `/person/…`, `/place/…`, `/org/…`, `/topic/…`.

use tantivy::schema::{
    DateOptions, DateTimePrecision, FacetOptions, Field, IndexRecordOption,
    NumericOptions, Schema, TextFieldIndexing, TextOptions, STORED, STRING,
};

/// Name of newsdex's English analyzer ([`crate::index::text`]), which
/// [`crate::index::open`] registers on every index. Not one of
/// tantivy's built-in names: an index opened without it fails to
/// tokenize instead of silently using another analyzer.
pub const STEM_TOKENIZER: &str = "newsdex_en";

/// Handles to every field of the schema.
#[derive(Clone, Copy, Debug)]
pub struct Fields {
    /// Stable article id: replaces the article on re-index.
    pub id: Field,
    /// Headline, full text.
    pub title: Field,
    /// Article text, full text.
    pub body: Field,
    /// Publication date (first instant of the known precision).
    pub published: Field,
    /// Publication date as written at its precision: `2025-10-25`,
    /// `2025-10`, `2025`.
    pub published_text: Field,
    /// 0 no date, 1 year, 2 month, 3 day.
    pub date_precision: Field,
    /// Dates the text talks about (first day of each).
    pub mentioned: Field,
    /// Those dates at their precision, for display.
    pub mentioned_text: Field,
    /// Publisher name, as a facet.
    pub source: Field,
    /// Canonical URL.
    pub url: Field,
    /// Byline names.
    pub authors: Field,
    /// Language code when the archive gives one.
    pub language: Field,
    /// Extracted people.
    pub person: Field,
    /// Extracted organisations.
    pub org: Field,
    /// Extracted miscellaneous names (demonyms, events).
    pub misc: Field,
    /// Extracted places, as hierarchy paths.
    pub place: Field,
    /// Extracted places, leaf names only.
    pub place_name: Field,
    /// Editorial tags supplied by the archive.
    pub tag: Field,
    /// Extracted entities with their surface forms, as JSON.
    pub entities: Field,
    /// Where the article came from: `path` or `path:line`.
    pub origin: Field,
    /// The file the article was read from, as one term: re-reading a
    /// changed file first deletes what it gave before.
    pub file: Field,
    /// Hash of title and body: the same text from two files is one
    /// article.
    pub content_hash: Field,
}

/// Builds the schema and its field handles.
pub fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    // Full text: positions so that phrases ("rare earth") work; stemmed
    // so "talks" finds "talk". STORED so snippets and output need no
    // second source of truth.
    let text = TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(STEM_TOKENIZER)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
        .set_stored();
    // Exact-match keys (ids, urls): STRING indexes the whole value as one
    // term, which is what delete-by-id needs.
    let key = STRING | STORED;
    // Dates: indexed for range filters, FAST for sorting and timelines.
    // Second precision is enough for news and keeps the column small.
    let date = DateOptions::default()
        .set_indexed()
        .set_fast()
        .set_precision(DateTimePrecision::Seconds);
    // Facets are indexed with all their ancestors, so a term query on a
    // prefix path matches everything beneath it; counts come from their
    // fast column.
    let facet = FacetOptions::default();
    let fields = Fields {
        id: b.add_text_field("id", key.clone()),
        title: b.add_text_field("title", text.clone()),
        body: b.add_text_field("body", text),
        published: b.add_date_field("published", date.clone().set_stored()),
        published_text: b.add_text_field("published_text", STORED),
        date_precision: b.add_u64_field(
            "date_precision",
            NumericOptions::default().set_indexed().set_fast(),
        ),
        mentioned: b.add_date_field("mentioned", date),
        mentioned_text: b.add_text_field("mentioned_text", STORED),
        // STORED: hits show their source.
        source: b.add_facet_field("source", facet.clone().set_stored()),
        url: b.add_text_field("url", key),
        authors: b.add_text_field("authors", STORED),
        language: b.add_text_field("language", STRING | STORED),
        person: b.add_facet_field("person", facet.clone()),
        org: b.add_facet_field("org", facet.clone()),
        misc: b.add_facet_field("misc", facet.clone()),
        place: b.add_facet_field("place", facet.clone()),
        place_name: b.add_facet_field("place_name", facet.clone()),
        tag: b.add_facet_field("tag", facet),
        entities: b.add_text_field("entities", STORED),
        origin: b.add_text_field("origin", STORED),
        file: b.add_text_field("file", STRING),
        content_hash: b.add_text_field("content_hash", STRING),
    };
    (b.build(), fields)
}

/// The public names of the facet fields, as `facet_field` takes them.
pub const FACET_NAMES: &[&str] =
    &["person", "org", "misc", "place", "place_name", "source", "tag"];

/// The facet fields a user can count or filter on, by their public name.
///
/// The names are the ones of `--field`, `--facets` and the JSON output.
pub fn facet_field(fields: &Fields, name: &str) -> Option<Field> {
    Some(match name {
        "person" => fields.person,
        "org" => fields.org,
        "misc" => fields.misc,
        "place" => fields.place,
        "place_name" => fields.place_name,
        "source" => fields.source,
        "tag" => fields.tag,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_is_distinct() {
        let (schema, _) = build();
        assert_eq!(schema.fields().count(), 22);
    }

    #[test]
    fn facet_names_resolve() {
        let (_, f) = build();
        for name in FACET_NAMES {
            assert!(facet_field(&f, name).is_some(), "{name}");
        }
        assert!(facet_field(&f, "title").is_none());
    }
}
