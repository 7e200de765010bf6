//! Pure extraction: article text in, entities and dates out.
//!
//! Nothing in this module does I/O or knows about tantivy. Embedded data
//! (the tagger model, the place table) is compiled into the binary with
//! `include_bytes!`, so extraction works on a fresh clone.

mod analyze;
mod bodies;
pub mod canon;
pub mod credits;
pub mod dateline;
pub mod dates;
pub mod entities;
mod joins;
pub(crate) mod lexicon;
pub mod ner;
pub mod places;
pub mod resolve;
pub mod salience;
pub mod story;
pub(crate) mod text;
pub mod truecase;
mod works;

pub use analyze::{
    analyze, day_start_secs, unwrap_lines, Dated, Extraction, Input,
};

/// Canonical place names that `name` may stand for ("U.S." → "United
/// States"), for the search side.
pub fn place_aliases(name: &str) -> Vec<String> {
    places::names_by_path_or_name(name)
        .into_iter()
        .map(str::to_string)
        .collect()
}

pub use resolve::name_matches;
pub(crate) use text::char_at;

/// The kind of a named entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityKind {
    /// A person.
    Person,
    /// A place: city, region, country, continent.
    Place,
    /// An organisation: company, agency, ministry, bloc.
    Org,
    /// Anything else with a name: demonyms, events, nationalities.
    Misc,
}

/// A token of article text, as byte offsets into the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// True when this token opens a sentence.
    pub sentence_start: bool,
}

/// A stretch of text that the tagger labelled as an entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mention {
    /// What the tagger thinks it is.
    pub kind: EntityKind,
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
}

/// One real-world entity of an article, after resolution: one canonical
/// name however many ways the article wrote it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entity {
    /// What it is.
    pub kind: EntityKind,
    /// Canonical name: "He Lifeng", "Kuala Lumpur", "ASEAN".
    pub name: String,
    /// For places: continent → country → (region) → place, ending with
    /// `name`. For a nationality (MISC) of the first sentence, its
    /// country's path (`places::file_entities`). Empty otherwise.
    pub path: Vec<String>,
    /// Distinct forms the article used, in order of first appearance:
    /// "Vice Premier He Lifeng", "He".
    pub surfaces: Vec<String>,
    /// How many times the article mentions it.
    pub count: usize,
    /// The sentences (numbered from 0 in the article) that mention it,
    /// for sentence-level co-occurrence.
    pub sentences: Vec<u32>,
    /// How much the article is about it, 0 (a passing mention) to 100:
    /// see [`salience`]. 0 until [`analyze`] sets it.
    pub salience: u8,
}

#[cfg(test)]
impl Mention {
    /// Mentions of the listed `(kind, substring)` spans of `text`, each
    /// at the first place the substring is written.
    #[track_caller]
    pub(crate) fn at_first(
        text: &str,
        spans: &[(EntityKind, &str)],
    ) -> Vec<Mention> {
        // Spans listed in text order are found in turn (a name listed
        // again is its next occurrence); one not found after the last
        // is looked for from the start.
        let mut from = 0;
        spans
            .iter()
            .map(|&(kind, s)| {
                let start = match text[from..].find(s) {
                    Some(i) => from + i,
                    None => text.find(s).expect(s),
                };
                from = start + s.len();
                Mention { kind, start, end: start + s.len() }
            })
            .collect()
    }
}

#[cfg(test)]
impl Entity {
    /// An entity mentioned once, in the first sentence, by its name.
    pub(crate) fn mentioned_once(
        kind: EntityKind,
        name: &str,
        path: &[&str],
    ) -> Entity {
        Entity {
            kind,
            name: name.to_string(),
            path: path.iter().map(|s| s.to_string()).collect(),
            surfaces: vec![name.to_string()],
            count: 1,
            sentences: vec![0],
            salience: 0,
        }
    }
}
