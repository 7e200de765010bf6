//! From what the user typed to what newsdex will look for.
//!
//! A query is natural language plus a little syntax:
//!
//! - `in X`, `at X`, `near X` make X a place filter, and `involving X`,
//!   `with X`, `featuring X` a person or organisation filter, when X
//!   names an entity the index knows (case-insensitive; a surname or
//!   partial name that matches exactly one known name works too).
//!   Otherwise the words stay as text.
//! - `person:"He Lifeng"`, `place:Malaysia`, `org:ASEAN`,
//!   `source:"Harbour Wire"`, `misc:`, `tag:` are explicit filters.
//! - `"rare earth"` is a phrase; `*` alone means "everything".
//! - Everything else is text that every hit must contain (AND), in the
//!   title or the body, stemmed.
//!
//! Date phrases ("in October 2025") are taken out first by
//! [`crate::query::dates`]. This module does no I/O: the index's known
//! entities come in through the [`Lookup`] trait.

use serde::Serialize;

use crate::extract::canon::dominates;
use crate::extract::EntityKind;
use crate::index::schema::FacetField;

/// A known entity the query can filter on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Known {
    /// The facet field: `person`, `org`, `misc`, `place`, `source`, `tag`.
    pub field: FacetField,
    /// Canonical name: "He Lifeng", "Malaysia".
    pub name: String,
    /// Facet path below the field, segments joined by `/`:
    /// "He Lifeng", "Asia/Malaysia".
    pub path: String,
    /// Other values of the same field that name the same entity
    /// ("Reagan" for "Ronald Reagan", "IMF" for "International Monetary
    /// Fund"); the filter matches any of them.
    pub variants: Vec<String>,
    /// Values of other fields that name it ("OPEC", which the tagger
    /// often calls MISC, for the organisation); the filter matches them
    /// too.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<AlsoIn>,
    /// Values of organisations that are bodies of this one ("EC
    /// Commission" of the European Community); the filter matches them
    /// too.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub bodies: Vec<String>,
    /// Articles that name it, as far as the index tells (0 when
    /// unknown): how a name shared by several entities picks one.
    #[serde(skip)]
    pub articles: u64,
}

/// A value of another field that names a [`Known`] entity.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AlsoIn {
    /// Its field.
    pub field: FacetField,
    /// The value.
    pub value: String,
}

impl Known {
    /// True when an article's entity is this one: same kind and name (or
    /// one of its variants), for a place, the place or one inside it, for
    /// an organisation, one of its bodies.
    pub fn is(&self, e: &crate::extract::Entity) -> bool {
        let field = FacetField::of_kind(e.kind);
        field == self.field
            && (e.name == self.name
                || e.name == self.path
                || self.variants.contains(&e.name)
                || self.field.is_hierarchical()
                    && is_under(&e.path.join("/"), &self.path))
            || self.also.iter().any(|a| a.field == field && a.value == e.name)
            || field == FacetField::Org && self.bodies.contains(&e.name)
    }
}

/// True when `path` is `parent` or lies below it.
fn is_under(path: &str, parent: &str) -> bool {
    path == parent
        || path.len() > parent.len()
            && path.starts_with(parent)
            && path.as_bytes()[parent.len()] == b'/'
}

/// Answers "which known entities does this name mean?".
pub trait Lookup {
    /// Entities of one of `kinds` that `name` names, best first. An exact
    /// (case-insensitive) match of a canonical name or alias comes alone;
    /// otherwise every entity of which `name` is a partial name.
    fn find(&self, name: &str, kinds: &[EntityKind]) -> Vec<Known>;
    /// A source by name (case-insensitive).
    fn find_source(&self, name: &str) -> Option<Known>;
    /// An editorial tag by its path (`topic/trade`), case-insensitive.
    fn find_tag(&self, path: &str) -> Option<Known> {
        let _ = path;
        None
    }
}

/// One filter of the query.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Filter {
    /// The entity or value filtered on.
    #[serde(flatten)]
    pub known: Known,
    /// How the user wrote it: "in Kuala Lumpur", "--person Xi".
    pub written: String,
    /// Only articles about the entity (salience at least
    /// [`crate::extract::salience::ABOUT`]), not every article naming
    /// it: `--about`. Sources and tags have no salience.
    pub about: bool,
}

/// The query as understood.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Understood {
    /// Words every hit must contain, as typed.
    pub terms: Vec<String>,
    /// Phrases every hit must contain.
    pub phrases: Vec<String>,
    /// Entity and source filters; every hit matches all of them.
    pub filters: Vec<Filter>,
    /// How ambiguous or unknown parts were handled.
    pub notes: Vec<String>,
}

/// Words that make the following name a place.
const PLACE_CUES: &[&str] = &["in", "at", "near"];
/// Words that make the following name a person or organisation.
const ACTOR_CUES: &[&str] = &["involving", "with", "featuring"];
/// The longest name, in words, that a cue can introduce.
const MAX_NAME_WORDS: usize = 6;

/// Compiles the text of a query (dates already taken out).
///
/// # Errors
///
/// A field filter with an unknown field name (`colour:red`) or an
/// unclosed quote is a user mistake and comes back as [`Error`].
pub fn compile(text: &str, lookup: &dyn Lookup) -> Result<Understood, Error> {
    let mut out = Understood::default();
    let items = lex(text)?;
    let mut i = 0;
    while i < items.len() {
        match &items[i] {
            Item::Phrase(p) => out.phrases.push(p.clone()),
            Item::Field(field, value) => {
                let filter = field_filter(*field, value, lookup, &mut out)?;
                out.filters.push(filter);
            }
            Item::Word(w) => {
                let lower = w.to_lowercase();
                let kinds: Option<&[EntityKind]> =
                    if PLACE_CUES.contains(&lower.as_str()) {
                        Some(&[EntityKind::Place])
                    } else if ACTOR_CUES.contains(&lower.as_str()) {
                        Some(&[EntityKind::Person, EntityKind::Org])
                    } else {
                        None
                    };
                if let Some(kinds) = kinds {
                    let used =
                        cue_filters(&items[i..], kinds, lookup, &mut out);
                    if used > 0 {
                        i += used;
                        continue;
                    }
                    // No name followed: the words after the cue are text,
                    // the cue itself is no word a hit must contain.
                    i += 1;
                    continue;
                }
                if w != "*" {
                    out.terms.push(w.clone());
                }
            }
        }
        i += 1;
    }
    Ok(out)
}

/// Resolves an explicit filter (`--person X`, `person:X`) through the
/// lookup. A name the index does not know still filters, on the name as
/// written (and so matches nothing), with a note saying so.
pub fn explicit_filter(
    field: FacetField,
    value: &str,
    written: String,
    lookup: &dyn Lookup,
    notes: &mut Vec<String>,
) -> Result<Filter, Error> {
    let kind = match field {
        FacetField::Source => {
            let known = lookup.find_source(value).unwrap_or_else(|| {
                notes.push(format!("no source named {value:?} in the index"));
                Known {
                    field,
                    name: value.to_string(),
                    path: value.to_string(),
                    variants: Vec::new(),
                    also: Vec::new(),
                    bodies: Vec::new(),
                    articles: 0,
                }
            });
            return Ok(Filter { known, written, about: false });
        }
        FacetField::Tag => {
            let path = value.trim_matches('/');
            let known = lookup.find_tag(path).unwrap_or_else(|| {
                notes.push(format!("no tag {path:?} in the index"));
                Known {
                    field,
                    name: value.to_string(),
                    path: path.to_string(),
                    variants: Vec::new(),
                    also: Vec::new(),
                    bodies: Vec::new(),
                    articles: 0,
                }
            });
            return Ok(Filter { known, written, about: false });
        }
        other => match other.kind() {
            Some(kind) => kind,
            None => return Err(Error::UnknownField(other.to_string())),
        },
    };
    let found = lookup.find(value, &[kind]);
    let known = match found.as_slice() {
        [one] => one.clone(),
        [] => {
            notes.push(format!("no {field} named {value:?} in the index"));
            Known {
                field,
                name: value.to_string(),
                path: value.to_string(),
                variants: Vec::new(),
                also: Vec::new(),
                bodies: Vec::new(),
                articles: 0,
            }
        }
        many => {
            let chosen = dominant(many).unwrap_or(&many[0]);
            notes.push(format!(
                "{value:?} could be {}: filtering on {}",
                names(many),
                chosen.name
            ));
            chosen.clone()
        }
    };
    Ok(Filter { known, written, about: false })
}

fn field_filter(
    field: FacetField,
    value: &str,
    lookup: &dyn Lookup,
    out: &mut Understood,
) -> Result<Filter, Error> {
    let written = if value.contains(' ') {
        format!("{field}:\"{value}\"")
    } else {
        format!("{field}:{value}")
    };
    explicit_filter(field, value, written, lookup, &mut out.notes)
}

/// Tries to read one or more names after a cue word (`items[0]`), joined
/// by "and". Returns how many items it used (0: the cue stays text).
fn cue_filters(
    items: &[Item],
    kinds: &[EntityKind],
    lookup: &dyn Lookup,
    out: &mut Understood,
) -> usize {
    let Item::Word(cue) = &items[0] else { return 0 };
    let mut used = 1;
    let mut found_any = false;
    loop {
        let rest = &items[used..];
        let Some((n, known)) = longest_name(rest, kinds, lookup, out) else {
            break;
        };
        let words: Vec<&str> =
            rest[..n].iter().filter_map(Item::word).collect();
        let written = if found_any {
            format!("and {}", words.join(" "))
        } else {
            format!("{cue} {}", words.join(" "))
        };
        out.filters.push(Filter { known, written, about: false });
        found_any = true;
        used += n;
        // "involving Bessent and He Lifeng": keep going after "and".
        match items.get(used) {
            Some(Item::Word(w)) if w.eq_ignore_ascii_case("and") => {
                let next = &items[used + 1..];
                if longest_name(
                    next,
                    kinds,
                    lookup,
                    &mut Understood::default(),
                )
                .is_some()
                {
                    used += 1;
                    continue;
                }
                break;
            }
            _ => break,
        }
    }
    if found_any {
        used
    } else {
        0
    }
}

/// The longest run of words at the start of `items` that names exactly
/// one known entity.
fn longest_name(
    items: &[Item],
    kinds: &[EntityKind],
    lookup: &dyn Lookup,
    out: &mut Understood,
) -> Option<(usize, Known)> {
    // "in the U.S.", "with the Treasury": the article is not the name.
    if let Some(Item::Word(w)) = items.first() {
        if w.eq_ignore_ascii_case("the") {
            return longest_name(&items[1..], kinds, lookup, out)
                .map(|(n, known)| (n + 1, known));
        }
    }
    let words: Vec<&str> =
        items.iter().take(MAX_NAME_WORDS).map_while(Item::word).collect();
    for n in (1..=words.len()).rev() {
        let joined = words[..n].join(" ");
        // "U.S." keeps its dot; "Kuala Lumpur?" loses the question mark.
        let trimmed = joined.trim_end_matches(['?', '!', '.', ',', ';']);
        for name in [joined.as_str(), trimmed] {
            if name.is_empty() || is_stopword(name) {
                continue;
            }
            let found = lookup.find(name, kinds);
            match found.as_slice() {
                [] => continue,
                [one] => return Some((n, one.clone())),
                many => match dominant(many) {
                    Some(chosen) => {
                        out.notes.push(format!(
                            "{name:?} could be {}: filtering on {}",
                            names(many),
                            chosen.name
                        ));
                        return Some((n, chosen.clone()));
                    }
                    None => {
                        let field = many[0].field;
                        out.notes.push(format!(
                            "{name:?} could be {}: kept as text; name one \
                             to filter on it, e.g. {field}:\"{}\"",
                            names(many),
                            many[0].name
                        ));
                        return None;
                    }
                },
            }
        }
    }
    None
}

/// "Gerhard Stoltenberg (52 articles), Thorvald Stoltenberg (3 articles)".
pub fn names(many: &[Known]) -> String {
    let list: Vec<String> = many
        .iter()
        .map(|k| match k.articles {
            0 => k.name.clone(),
            1 => format!("{} (1 article)", k.name),
            n => format!("{} ({n} articles)", k.name),
        })
        .collect();
    list.join(", ")
}

/// The candidate a name means when it names several: the one that
/// [`dominates`] the others by their article counts (candidates come most
/// articles first). `None` when none does, or counts are unknown.
pub fn dominant(many: &[Known]) -> Option<&Known> {
    let evidence: Vec<u64> = many.iter().map(|k| k.articles).collect();
    (dominates(&evidence) && evidence[0] > 0).then(|| &many[0])
}

/// Words that never start a name after a cue ("talks in the ...").
fn is_stopword(word: &str) -> bool {
    matches!(
        word.to_lowercase().as_str(),
        "the" | "a" | "an" | "and" | "or" | "of" | "his" | "her" | "their"
    )
}

/// A lexical item of a query.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Item {
    Word(String),
    Phrase(String),
    Field(FacetField, String),
}

impl Item {
    fn word(&self) -> Option<&str> {
        match self {
            Item::Word(w) => Some(w),
            _ => None,
        }
    }
}

fn lex(text: &str) -> Result<Vec<Item>, Error> {
    let mut items = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some(&(start, c)) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        if c == '"' || c == '\u{201c}' {
            chars.next();
            let (value, closed) = until_quote(&mut chars, text);
            if !closed {
                return Err(Error::UnclosedQuote(start));
            }
            if !value.trim().is_empty() {
                items.push(Item::Phrase(value.trim().to_string()));
            }
            continue;
        }
        // A bare word, possibly `field:value` or `field:"value"`.
        let mut end = start;
        while let Some(&(i, c)) = chars.peek() {
            if c.is_whitespace() || c == '"' {
                break;
            }
            end = i + c.len_utf8();
            chars.next();
        }
        let word = &text[start..end];
        if let Some((field, value)) = word.split_once(':') {
            let field_l = field.to_lowercase();
            let known =
                FacetField::from_name(&field_l).filter(|f| f.is_filter());
            if let Some(known) = known {
                let value = if value.is_empty() {
                    match chars.peek() {
                        Some(&(_, '"')) => {
                            chars.next();
                            let (v, closed) = until_quote(&mut chars, text);
                            if !closed {
                                return Err(Error::UnclosedQuote(end));
                            }
                            v
                        }
                        _ => String::new(),
                    }
                } else {
                    value.to_string()
                };
                if value.trim().is_empty() {
                    return Err(Error::EmptyField(field_l));
                }
                items.push(Item::Field(known, value.trim().to_string()));
                continue;
            } else if field.chars().all(|c| c.is_ascii_alphabetic())
                && !value.is_empty()
                && !value.starts_with("//")
            {
                return Err(Error::UnknownField(field.to_string()));
            }
        }
        if !word.is_empty() {
            items.push(Item::Word(word.to_string()));
        } else {
            chars.next();
        }
    }
    Ok(items)
}

fn until_quote(
    chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>,
    _text: &str,
) -> (String, bool) {
    let mut value = String::new();
    for (_, c) in chars.by_ref() {
        if c == '"' || c == '\u{201d}' {
            return (value, true);
        }
        value.push(c);
    }
    (value, false)
}

/// The fields a query may filter on, for messages: "person, org, ...".
fn filter_fields() -> String {
    let names: Vec<&str> = FacetField::ALL
        .iter()
        .filter(|f| f.is_filter())
        .map(|f| f.name())
        .collect();
    names.join(", ")
}

/// A mistake in the query.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// `colour:red`.
    #[error("unknown field {0:?} in query (fields: {fields})", fields = filter_fields())]
    UnknownField(String),
    /// `person:` with nothing after it.
    #[error("field {0:?} needs a value, e.g. {0}:\"Some Name\"")]
    EmptyField(String),
    /// A `"` without its partner.
    #[error("unclosed quote starting at character {0} of the query")]
    UnclosedQuote(usize),
    /// More than [`MAX_QUERY_BYTES`].
    #[error(
        "the query is {0} bytes long; queries are limited to \
         {MAX_QUERY_BYTES} bytes"
    )]
    TooLong(usize),
}

/// The longest query understood, in bytes: a question, not a document
/// (each name in it is looked up, and phrases are matched word by word).
pub const MAX_QUERY_BYTES: usize = 4096;

/// Refuses a query longer than [`MAX_QUERY_BYTES`].
///
/// # Errors
///
/// [`Error::TooLong`].
pub fn check_length(query: &str) -> Result<(), Error> {
    if query.len() > MAX_QUERY_BYTES {
        return Err(Error::TooLong(query.len()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A lookup over a fixed list, matching like the index's vocabulary.
    struct Fake(Vec<Known>);

    fn fake() -> Fake {
        let k = |field, name: &str, path: &str| Known {
            field,
            name: name.into(),
            path: path.into(),
            variants: Vec::new(),
            also: Vec::new(),
            bodies: Vec::new(),
            articles: 0,
        };
        Fake(vec![
            k(FacetField::Person, "He Lifeng", "He Lifeng"),
            k(FacetField::Person, "Scott Bessent", "Scott Bessent"),
            k(FacetField::Person, "Li Qiang", "Li Qiang"),
            k(FacetField::Person, "Li Chenggang", "Li Chenggang"),
            k(FacetField::Org, "ASEAN", "ASEAN"),
            k(FacetField::Place, "Kuala Lumpur", "Asia/Malaysia/Kuala Lumpur"),
            k(FacetField::Place, "Malaysia", "Asia/Malaysia"),
            k(FacetField::Place, "Asia", "Asia"),
            k(FacetField::Source, "Harbour Wire", "Harbour Wire"),
        ])
    }

    impl Lookup for Fake {
        fn find(&self, name: &str, kinds: &[EntityKind]) -> Vec<Known> {
            let fields: Vec<FacetField> =
                kinds.iter().map(|&k| FacetField::of_kind(k)).collect();
            let cands: Vec<&Known> =
                self.0.iter().filter(|k| fields.contains(&k.field)).collect();
            let exact: Vec<Known> = cands
                .iter()
                .filter(|k| k.name.eq_ignore_ascii_case(name))
                .map(|k| (*k).clone())
                .collect();
            if !exact.is_empty() {
                return exact;
            }
            cands
                .iter()
                .filter(|k| {
                    k.name.split(' ').any(|w| w.eq_ignore_ascii_case(name))
                })
                .map(|k| (*k).clone())
                .collect()
        }
        fn find_source(&self, name: &str) -> Option<Known> {
            self.0
                .iter()
                .find(|k| {
                    k.field == FacetField::Source
                        && k.name.eq_ignore_ascii_case(name)
                })
                .cloned()
        }
    }

    /// Checks the compiled query in a compact form:
    /// `terms | phrases | field=path;… | notes`.
    #[track_caller]
    fn check(query: &str, expected: &str) {
        let got = match compile(query, &fake()) {
            Ok(u) => {
                let filters: Vec<String> = u
                    .filters
                    .iter()
                    .map(|f| format!("{}={}", f.known.field, f.known.path))
                    .collect();
                format!(
                    "{} | {} | {} | {}",
                    u.terms.join(" "),
                    u.phrases.join(";"),
                    filters.join(";"),
                    u.notes.join(";")
                )
            }
            Err(e) => format!("error: {e}"),
        };
        assert_eq!(got, expected, "query: {query}");
    }

    #[test]
    fn the_example_query() {
        check(
            "talks in Kuala Lumpur involving He Lifeng",
            "talks |  | place=Asia/Malaysia/Kuala Lumpur;person=He Lifeng | ",
        );
    }

    #[test]
    fn cues_without_a_known_name_stay_text() {
        // The cue word is no word a hit must contain.
        check("talks in private", "talks private |  |  | ");
        check("with the farmers", "the farmers |  |  | ");
        check("involving Ongpin", "Ongpin |  |  | ");
    }

    #[test]
    fn surnames_and_case() {
        check("involving bessent", " |  | person=Scott Bessent | ");
        check("in malaysia", " |  | place=Asia/Malaysia | ");
        check("in kuala lumpur?", " |  | place=Asia/Malaysia/Kuala Lumpur | ");
    }

    #[test]
    fn an_article_before_the_name_is_skipped() {
        check("talks in the Malaysia", "talks |  | place=Asia/Malaysia | ");
        check("talks in the rain", "talks the rain |  |  | ");
    }

    #[test]
    fn ambiguous_surname_is_kept_as_text_with_a_note() {
        check(
            "meeting with Li",
            "meeting Li |  |  | \"Li\" could be Li Qiang, Li Chenggang: \
             kept as text; name one to filter on it, e.g. person:\"Li Qiang\"",
        );
    }

    #[test]
    fn names_joined_by_and() {
        check(
            "involving Bessent and He Lifeng",
            " |  | person=Scott Bessent;person=He Lifeng | ",
        );
        check("with ASEAN and friends", "and friends |  | org=ASEAN | ");
    }

    #[test]
    fn field_syntax_and_phrases() {
        check(
            "person:\"He Lifeng\" \"rare earth\" place:asia",
            " | rare earth | person=He Lifeng;place=Asia | ",
        );
        check("source:\"harbour wire\" *", " |  | source=Harbour Wire | ");
        check(
            "person:Nobody",
            " |  | person=Nobody | no person named \"Nobody\" in the index",
        );
    }

    #[test]
    fn mistakes_are_errors() {
        check(
            "colour:red",
            "error: unknown field \"colour\" in query (fields: person, \
             org, misc, place, source, tag)",
        );
        check(
            "\"rare earth",
            "error: unclosed quote starting at character 0 of the query",
        );
        check(
            "person:",
            "error: field \"person\" needs a value, e.g. person:\"Some Name\"",
        );
        // URLs and times are not fields.
        check("http://x.org 10:30", "http://x.org 10:30 |  |  | ");
    }
}
