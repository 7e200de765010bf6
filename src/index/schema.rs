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
//!
//! Two fields hold one untokenized term per entity instead, never
//! counted by users: `alias` ([`alias_term`]) and `salience`
//! ([`salience_term`]).
//!
//! Stories: `story` (u64) is the same for every copy of one story,
//! `signature` the MinHash signature that finds a later copy (by the
//! LSH keys made from it) and confirms it (`index::stories`).

use tantivy::schema::{
    DateOptions, DateTimePrecision, FacetOptions, Field, IndexRecordOption,
    NumericOptions, Schema, TextFieldIndexing, TextOptions, STORED, STRING,
};

use crate::extract::EntityKind;

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
    /// Mentioned days. A mention filter matches a mention only when the
    /// whole mentioned period lies inside it ("2025" is no mention of
    /// January 2025), so each precision has its own field.
    pub mentioned_day: Field,
    /// Mentioned months, at their first day.
    pub mentioned_month: Field,
    /// Mentioned years, at 1 January.
    pub mentioned_year: Field,
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
    /// Short forms an article used for one of its people or
    /// organisations, one term each ([`alias_term`]): `person` NUL
    /// `Reagan` NUL `Ronald Reagan`. No facet users count: the archive's
    /// entity table learns from their article counts (the terms' document
    /// frequencies) which full name a short form stands for. Also one
    /// term per name the article calls a work or an award ([`work_term`]):
    /// `work` NUL `Aviator`, which the table learns works from, and per
    /// name it calls a band ([`band_term`]): `band` NUL `Franz Ferdinand`.
    pub alias: Field,
    /// Every entity of an article with a salience of 40 or more
    /// ([`LOWEST_TIER`]), with its salience tier, as one term
    /// ([`salience_term`]): `/person/Ronald Reagan` and tier 7. Places
    /// are also scored as a whole per region, country and continent
    /// (`/place/Europe/West Germany`). `--about` filters on the tiers
    /// from [`crate::extract::salience::ABOUT`] up; filter-only searches
    /// rank by the tier.
    pub salience: Field,
    /// Extracted entities with their surface forms, as JSON.
    pub entities: Field,
    /// Where the article came from: `path` or `path:line`.
    pub origin: Field,
    /// The file the article was read from, as one term: re-reading a
    /// changed file first deletes what it gave before.
    pub file: Field,
    /// No longer written: it held a hash of title and body (whitespace
    /// normalised), one term per article that no search or run read
    /// (a record replaces another only by id; copies are found by their
    /// signature). Kept in the schema so that indexes written with it
    /// and without it are one format.
    pub content_hash: Field,
    /// The story the article is a copy of: every copy of one story has
    /// the same value (see [`crate::index::stories`]).
    pub story: Field,
    /// The MinHash signature, packed ([`crate::index::stories`]), of
    /// the first article of each story: a later article that shares one
    /// of its LSH band keys ([`crate::extract::story::band_keys`], made
    /// from it when a run starts) is compared with it.
    pub signature: Field,
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
    // Mentions per precision only filter: indexed, neither FAST nor
    // STORED (timelines read `mentioned`, output `mentioned_text`).
    let mention = DateOptions::default()
        .set_indexed()
        .set_precision(DateTimePrecision::Seconds);
    // Facets are indexed with all their ancestors, so a term query on a
    // prefix path matches everything beneath it; counts come from their
    // fast column.
    let facet = FacetOptions::default();
    // Salience and aliases: one untokenized term per entity (the tier or
    // the short form part of the term), indexed without frequencies,
    // neither stored nor FAST. Not facets: a facet would also index
    // every ancestor path and fill a fast column nothing reads.
    let term = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("raw")
            .set_index_option(IndexRecordOption::Basic),
    );
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
        mentioned_day: b.add_date_field("mentioned_day", mention.clone()),
        mentioned_month: b.add_date_field("mentioned_month", mention.clone()),
        mentioned_year: b.add_date_field("mentioned_year", mention),
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
        tag: b.add_facet_field("tag", facet.clone()),
        alias: b.add_text_field("alias", term.clone()),
        salience: b.add_text_field("salience", term),
        entities: b.add_text_field("entities", STORED),
        origin: b.add_text_field("origin", STORED),
        file: b.add_text_field("file", STRING),
        content_hash: b.add_text_field("content_hash", STRING),
        // Indexed: the copies of a story are a term query. FAST: a
        // search shows each story once and counts stories from the
        // column. STORED: `show` and hits name it.
        story: b.add_u64_field(
            "story",
            NumericOptions::default().set_indexed().set_fast().set_stored(),
        ),
        // FAST only: read for the band keys when a run starts and for
        // the candidates a key found, without the document store. Not
        // indexed, nor are the keys: a story's 21 random keys, each a
        // term, made most of the term dictionary and its writing cost.
        signature: b
            .add_u64_field("signature", NumericOptions::default().set_fast()),
    };
    (b.build(), fields)
}

/// The separator of the parts of an `alias` term, as in tantivy's
/// encoding of facet paths.
pub const ALIAS_SEP: char = '\0';

/// The text of an `alias` term: the entity field, the short form and the
/// full name, `person` NUL `Reagan` NUL `Ronald Reagan`.
pub fn alias_term(field: FacetField, short: &str, full: &str) -> String {
    let name = field.name();
    format!("{name}{ALIAS_SEP}{short}{ALIAS_SEP}{full}")
}

/// The first part of the `alias` term of a work ([`work_term`]).
pub const WORK: &str = "work";

/// The first part of the `alias` term of a band ([`band_term`]).
pub const BAND: &str = "band";

/// The text of the `alias` term of a name an article calls a band:
/// `band` NUL `Franz Ferdinand`.
pub fn band_term(name: &str) -> String {
    format!("{BAND}{ALIAS_SEP}{name}")
}

/// The text of the `alias` term of a name an article calls a work or an
/// award: `work` NUL `Aviator`.
pub fn work_term(name: &str) -> String {
    format!("{WORK}{ALIAS_SEP}{name}")
}

/// A salience (0 to 100) in tiers of ten: 0 (below 10) to 10 (100).
pub fn salience_tier(salience: u8) -> u8 {
    salience.min(100) / 10
}

/// The lowest tier the `salience` field holds: passing mentions (below
/// 40: one mention outside the headline, dateline and lead) have no
/// term, which spares indexing most entities' terms; they rank
/// together, below the others.
pub const LOWEST_TIER: u8 = 4;

/// The text of an entity's term in the `salience` field: its field, its
/// value (a facet path, segments as the entity fields store them) and
/// its tier, `/person/Ronald Reagan` NUL `7`.
pub fn salience_term(field: FacetField, path: &str, tier: u8) -> String {
    let path = path.trim_matches('/');
    format!("/{}/{path}\u{0}{tier}", field.name())
}

/// A facet field a user can count or filter on: the one list of them.
///
/// Its name is the one of `--field`, `--facets`, `--kinds`, the query's
/// `field:value` and the JSON output (clap and serde spell it the same
/// way). Adding a facet field is a variant here, its arms below and the
/// code that fills it (`index::writer`).
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    clap::ValueEnum,
    serde::Serialize,
    serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
#[value(rename_all = "snake_case")]
pub enum FacetField {
    /// Extracted people.
    Person,
    /// Extracted organisations.
    Org,
    /// Extracted miscellaneous names.
    Misc,
    /// Extracted places, as hierarchy paths.
    Place,
    /// Extracted places, leaf names only.
    PlaceName,
    /// Publisher names.
    Source,
    /// Editorial tags supplied by the archive.
    Tag,
}

impl FacetField {
    /// Every facet field, in the order of the schema (and of the
    /// variants: `field as usize` is its place here).
    pub const ALL: [FacetField; 7] = [
        FacetField::Person,
        FacetField::Org,
        FacetField::Misc,
        FacetField::Place,
        FacetField::PlaceName,
        FacetField::Source,
        FacetField::Tag,
    ];

    /// The public name, which is also the tantivy field's name.
    pub fn name(self) -> &'static str {
        match self {
            FacetField::Person => "person",
            FacetField::Org => "org",
            FacetField::Misc => "misc",
            FacetField::Place => "place",
            FacetField::PlaceName => "place_name",
            FacetField::Source => "source",
            FacetField::Tag => "tag",
        }
    }

    /// The field with this public name, if any.
    pub fn from_name(name: &str) -> Option<FacetField> {
        FacetField::ALL.into_iter().find(|f| f.name() == name)
    }

    /// Its tantivy field.
    pub fn field(self, fields: &Fields) -> Field {
        match self {
            FacetField::Person => fields.person,
            FacetField::Org => fields.org,
            FacetField::Misc => fields.misc,
            FacetField::Place => fields.place,
            FacetField::PlaceName => fields.place_name,
            FacetField::Source => fields.source,
            FacetField::Tag => fields.tag,
        }
    }

    /// True when its values are paths of several segments (`place`:
    /// continent → country → region → place; `tag`: `/topic/trade`);
    /// the other fields hold one segment per value.
    pub fn is_hierarchical(self) -> bool {
        matches!(self, FacetField::Place | FacetField::Tag)
    }

    /// The entity kind whose names the field holds (`place_name` holds
    /// places' leaf names: no kind of its own).
    pub fn kind(self) -> Option<EntityKind> {
        match self {
            FacetField::Person => Some(EntityKind::Person),
            FacetField::Org => Some(EntityKind::Org),
            FacetField::Misc => Some(EntityKind::Misc),
            FacetField::Place => Some(EntityKind::Place),
            FacetField::PlaceName | FacetField::Source | FacetField::Tag => {
                None
            }
        }
    }

    /// The field of an entity kind.
    pub fn of_kind(kind: EntityKind) -> FacetField {
        match kind {
            EntityKind::Person => FacetField::Person,
            EntityKind::Org => FacetField::Org,
            EntityKind::Misc => FacetField::Misc,
            EntityKind::Place => FacetField::Place,
        }
    }

    /// True when a query may filter on it as `field:value` (`place_name`
    /// is for counting: a place filter is on `place`).
    pub fn is_filter(self) -> bool {
        self != FacetField::PlaceName
    }

    /// The field that counts one value per entity: for places the leaf
    /// names, not every level of the hierarchy.
    pub fn counted(self) -> FacetField {
        match self {
            FacetField::Place => FacetField::PlaceName,
            other => other,
        }
    }
}

impl std::fmt::Display for FacetField {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_is_distinct() {
        let (schema, _) = build();
        assert_eq!(schema.fields().count(), 29);
    }

    #[test]
    fn facet_fields_are_named_as_in_the_schema() {
        use clap::ValueEnum;
        let (schema, f) = build();
        for field in FacetField::ALL {
            let name = field.name();
            assert_eq!(schema.get_field_name(field.field(&f)), name);
            assert_eq!(FacetField::from_name(name), Some(field));
            let clap = field.to_possible_value().expect("every field");
            assert_eq!(clap.get_name(), name);
            let json = serde_json::to_string(&field).unwrap();
            assert_eq!(json, format!("\"{name}\""));
            assert_eq!(field.to_string(), name);
            assert_eq!(format!("{field:<11}|"), format!("{name:<11}|"));
        }
        assert_eq!(FacetField::value_variants(), FacetField::ALL);
        for (i, field) in FacetField::ALL.into_iter().enumerate() {
            assert_eq!(field as usize, i, "{field}");
        }
        assert_eq!(FacetField::from_name("title"), None);
        for kind in [
            EntityKind::Person,
            EntityKind::Org,
            EntityKind::Misc,
            EntityKind::Place,
        ] {
            assert_eq!(FacetField::of_kind(kind).kind(), Some(kind));
        }
    }
}
