//! Field names that archives use, mapped onto [`Article`].
//!
//! Archives disagree on names: `title` or `headline`, `body` or `text`,
//! `date` or `publishedAt`. The tables below list what is understood;
//! the first name present (and non-empty) wins.

use serde_json::{Map, Value};

use super::{stable_hash, Article, Tags};

const TITLE: &[&str] = &["title", "headline", "name"];
const BODY: &[&str] =
    &["body", "text", "content", "maintext", "article", "description"];
const DATE: &[&str] = &[
    "date",
    "published",
    "date_publish",
    "publishedAt",
    "published_at",
    "pubDate",
    "datePublished",
    "timestamp",
];
const URL: &[&str] = &["url", "link", "canonical_url"];
const DATELINE: &[&str] = &["dateline"];
const SOURCE: &[&str] = &["source", "publisher", "source_domain", "site"];
const AUTHORS: &[&str] = &["authors", "author", "byline"];
const ID: &[&str] = &["id", "_id", "guid", "newid"];
const LANGUAGE: &[&str] = &["language", "lang"];
const PEOPLE: &[&str] = &["people", "persons"];
const PLACES: &[&str] = &["places", "locations"];
const ORGS: &[&str] = &["orgs", "organizations", "organisations"];
const TOPICS: &[&str] = &["topics", "categories", "category", "tags"];

/// Why a record could not become an article.
#[derive(Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum RecordError {
    /// The JSON value is not an object.
    NotObject,
    /// Neither a title nor a body.
    NoText,
    /// A field of text (`title`, `body`, `url`, ...) holds another kind
    /// of value: `{"body": 12345}`, a title that is an array.
    WrongType {
        /// The field, as the record names it.
        field: String,
        /// What it holds: "a number", "an array", ...
        found: &'static str,
    },
}

impl std::fmt::Display for RecordError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RecordError::NotObject => {
                f.write_str("record is not a JSON object")
            }
            RecordError::NoText => {
                f.write_str("record has no title, no body and no id")
            }
            RecordError::WrongType { field, found } => write!(
                f,
                "field {field:?} holds {found}, not text; record skipped"
            ),
        }
    }
}

/// Builds an article from a JSON object.
pub fn from_json(
    value: &Value,
    origin: String,
) -> Result<Article, RecordError> {
    let Value::Object(map) = value else {
        return Err(RecordError::NotObject);
    };
    let title = text(map, TITLE, false)?.unwrap_or_default();
    let body = text(map, BODY, false)?.unwrap_or_default();
    // An archive's record with its own id is kept even when empty (the
    // archive says it exists); without an id, an empty record is noise.
    let own_id = text(map, ID, true)?;
    if title.trim().is_empty() && body.trim().is_empty() && own_id.is_none() {
        return Err(RecordError::NoText);
    }
    let url = text(map, URL, false)?;
    let published = text(map, DATE, true)?;
    let dateline = text(map, DATELINE, false)?;
    let language = text(map, LANGUAGE, false)?;
    let source = first_value(map, SOURCE).and_then(source_name);
    let id = own_id
        .or_else(|| url.clone())
        .unwrap_or_else(|| stable_hash(&[&title, &body]));
    Ok(Article {
        id,
        title: title.trim().to_string(),
        body,
        published,
        dateline,
        source,
        url,
        authors: first_value(map, AUTHORS).map(names).unwrap_or_default(),
        language,
        tags: Tags {
            people: first_value(map, PEOPLE).map(names).unwrap_or_default(),
            places: first_value(map, PLACES).map(names).unwrap_or_default(),
            orgs: first_value(map, ORGS).map(names).unwrap_or_default(),
            topics: first_value(map, TOPICS).map(names).unwrap_or_default(),
        },
        origin,
    })
}

/// Every table, for [`canonical_key`].
const TABLES: &[&[&str]] = &[
    TITLE, BODY, DATE, URL, SOURCE, AUTHORS, ID, LANGUAGE, PEOPLE, PLACES,
    ORGS, TOPICS, DATELINE,
];

/// The field name as [`from_json`] spells it when `name` is one in
/// another case (a CSV header `Title` or `PUBLISHEDAT`), `None` when the
/// name is not understood.
pub fn canonical_key(name: &str) -> Option<&'static str> {
    let name = name.trim();
    TABLES
        .iter()
        .flat_map(|t| t.iter())
        .find(|k| k.eq_ignore_ascii_case(name))
        .copied()
}

/// Maps a header key of a text file (`Date`, `Source`, …) to the field it
/// sets, using the same tables as JSON.
pub fn header_field(key: &str) -> Option<HeaderField> {
    let k = key.trim();
    let is = |names: &[&str]| names.iter().any(|n| n.eq_ignore_ascii_case(k));
    Some(if is(DATE) {
        HeaderField::Date
    } else if is(SOURCE) {
        HeaderField::Source
    } else if is(URL) {
        HeaderField::Url
    } else if is(AUTHORS) {
        HeaderField::Author
    } else if is(ID) {
        HeaderField::Id
    } else if is(LANGUAGE) {
        HeaderField::Language
    } else if is(TITLE) {
        HeaderField::Title
    } else {
        return None;
    })
}

/// A field a text file's header block can set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HeaderField {
    /// Publication date.
    Date,
    /// Publisher.
    Source,
    /// URL.
    Url,
    /// Byline.
    Author,
    /// Article id.
    Id,
    /// Language code.
    Language,
    /// Headline (otherwise the first line after the header).
    Title,
}

fn first_value<'a>(
    map: &'a Map<String, Value>,
    keys: &[&str],
) -> Option<&'a Value> {
    keys.iter().filter_map(|k| map.get(*k)).find(|v| !is_blank(v))
}

fn first_string(map: &Map<String, Value>, keys: &[&str]) -> Option<String> {
    first_value(map, keys).and_then(scalar_string)
}

/// The first non-blank value of `keys` as text: a string, or a number
/// as written when `numbers` (ids, Unix timestamps).
///
/// # Errors
///
/// The value is of another kind: taken as empty, the record would be
/// indexed without its text and nobody told.
fn text(
    map: &Map<String, Value>,
    keys: &[&str],
    numbers: bool,
) -> Result<Option<String>, RecordError> {
    let Some((key, value)) = keys
        .iter()
        .filter_map(|k| map.get(*k).map(|v| (*k, v)))
        .find(|(_, v)| !is_blank(v))
    else {
        return Ok(None);
    };
    let found = match value {
        Value::String(s) => return Ok(Some(s.clone())),
        Value::Number(n) if numbers => return Ok(Some(n.to_string())),
        Value::Number(_) => "a number",
        Value::Bool(_) => "a boolean",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
        Value::Null => "null",
    };
    Err(RecordError::WrongType { field: key.to_string(), found })
}

fn is_blank(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(a) => a.is_empty(),
        _ => false,
    }
}

/// Strings as they are, numbers as written (ids, Unix timestamps).
fn scalar_string(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A source may be a string or an object with a name (`{"name": …}`).
fn source_name(v: &Value) -> Option<String> {
    match v {
        Value::Object(m) => first_string(m, &["name", "title", "id"]),
        other => scalar_string(other),
    }
    .map(|s| s.trim().to_string())
    .filter(|s| !s.is_empty())
}

/// A list of names: an array of strings (or objects with a name), or one
/// string separated by commas, semicolons or " and ".
fn names(v: &Value) -> Vec<String> {
    let mut out: Vec<String> = match v {
        Value::Array(items) => items
            .iter()
            .filter_map(|i| match i {
                Value::Object(m) => first_string(m, &["name"]),
                other => scalar_string(other),
            })
            .collect(),
        Value::String(s) => split_names(s),
        _ => Vec::new(),
    };
    out.iter_mut().for_each(|s| *s = s.trim().to_string());
    out.retain(|s| !s.is_empty());
    out
}

/// Splits "By Ann Lee and Bo Chen; Cy Dow" into names.
pub fn split_names(s: &str) -> Vec<String> {
    let s = s.trim();
    let s =
        s.strip_prefix("By ").or_else(|| s.strip_prefix("by ")).unwrap_or(s);
    s.split([',', ';'])
        .flat_map(|part| part.split(" and "))
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[track_caller]
    fn check(value: Value, expected: Result<Article, RecordError>) {
        assert_eq!(from_json(&value, "f:1".into()), expected);
    }

    #[test]
    fn a_dateline_is_kept() {
        check(
            json!({"id": "7", "body": "B", "dateline": "LONDON, March 4"}),
            Ok(Article {
                id: "7".into(),
                body: "B".into(),
                dateline: Some("LONDON, March 4".into()),
                origin: "f:1".into(),
                ..Article::default()
            }),
        );
    }

    #[test]
    fn common_names_are_understood() {
        check(
            json!({"headline": "H", "maintext": "B", "publishedAt": "2025",
                   "link": "http://x", "publisher": {"name": "P"},
                   "byline": "By A One and B Two", "lang": "en"}),
            Ok(Article {
                id: "http://x".into(),
                title: "H".into(),
                body: "B".into(),
                published: Some("2025".into()),
                source: Some("P".into()),
                url: Some("http://x".into()),
                authors: vec!["A One".into(), "B Two".into()],
                language: Some("en".into()),
                origin: "f:1".into(),
                ..Article::default()
            }),
        );
    }

    #[test]
    fn ids_numbers_and_tags() {
        let a = from_json(
            &json!({"id": 7, "title": "T", "body": "", "date": 1700000000,
                    "people": ["X Y"], "places": "Paris, Rome",
                    "topics": ["trade"]}),
            "f".into(),
        )
        .unwrap();
        assert_eq!(a.id, "7");
        assert_eq!(a.published.as_deref(), Some("1700000000"));
        assert_eq!(a.tags.people, ["X Y"]);
        assert_eq!(a.tags.places, ["Paris", "Rome"]);
        assert_eq!(a.tags.topics, ["trade"]);
    }

    #[test]
    fn id_falls_back_to_a_hash() {
        let a = from_json(&json!({"title": "T", "text": "B"}), "f".into());
        assert_eq!(a.unwrap().id, stable_hash(&["T", "B"]));
    }

    #[test]
    fn keys_in_any_case() {
        assert_eq!(canonical_key(" Title "), Some("title"));
        assert_eq!(canonical_key("PUBLISHEDAT"), Some("publishedAt"));
        assert_eq!(canonical_key("Byline"), Some("byline"));
        assert_eq!(canonical_key("colour"), None);
    }

    #[test]
    fn records_without_text_are_errors() {
        check(json!({"title": " ", "body": ""}), Err(RecordError::NoText));
        // With an id it is an (empty) article of the archive.
        assert!(from_json(&json!({"id": "9", "body": ""}), "f".into()).is_ok());
        check(json!([1, 2]), Err(RecordError::NotObject));
    }

    #[test]
    fn text_of_the_wrong_type_is_an_error() {
        let wrong = |field: &str, found| {
            Err(RecordError::WrongType { field: field.into(), found })
        };
        check(json!({"body": 12345}), wrong("body", "a number"));
        check(
            json!({"title": ["a", "b"], "body": "B"}),
            wrong("title", "an array"),
        );
        check(
            json!({"title": "T", "url": {"href": "x"}}),
            wrong("url", "an object"),
        );
        check(json!({"id": true, "title": "T"}), wrong("id", "a boolean"));
        check(
            json!({"title": "T", "date": [2025]}),
            wrong("date", "an array"),
        );
        let e = from_json(&json!({"body": 1}), "f".into()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "field \"body\" holds a number, not text; record skipped"
        );
    }
}
