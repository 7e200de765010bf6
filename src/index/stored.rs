//! What the index stores of an article's entities: the `entities` field,
//! JSON of the index's own types, so that a change in `extract` cannot
//! change what an index holds without this file changing too.
//!
//! The stored form of an article's entities is a JSON array:
//!
//! ```json
//! [{"kind": "person", "name": "He Lifeng", "surfaces": ["He Lifeng", "He"],
//!   "count": 3, "sentences": [0, 4], "salience": 80},
//!  {"kind": "place", "name": "Kuala Lumpur",
//!   "path": ["Asia", "Malaysia", "Kuala Lumpur"], "surfaces": ["Kuala Lumpur"],
//!   "count": 1, "salience": 20}]
//! ```
//!
//! `kind` is the entity's facet field; `path` (places) and `sentences`
//! are left out when empty. Reading a stored text that does not have
//! this shape is an error naming the article, never an empty list.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::schema::FacetField;
use crate::extract::Entity;

/// One entity as stored.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct StoredEntity<'a> {
    /// The facet field of its kind: `person`, `org`, `misc`, `place`.
    kind: FacetField,
    name: Cow<'a, str>,
    #[serde(default, skip_serializing_if = "is_empty")]
    path: Cow<'a, [String]>,
    surfaces: Cow<'a, [String]>,
    count: usize,
    #[serde(default, skip_serializing_if = "is_empty")]
    sentences: Cow<'a, [u32]>,
    salience: u8,
}

/// Whether a list is left out (serde passes the field itself).
#[allow(clippy::ptr_arg)]
fn is_empty<T: Clone>(list: &Cow<'_, [T]>) -> bool {
    list.is_empty()
}

/// A stored `entities` text that is not what [`to_json`] writes.
#[derive(Debug, thiserror::Error)]
#[error("the stored entities of article {id:?} cannot be read ({reason}): rebuild the index with `newsdex index --rebuild`")]
pub struct Error {
    /// The article's id.
    pub id: String,
    /// What is wrong.
    pub reason: String,
}

/// The stored text of an article's entities.
pub fn to_json(entities: &[Entity]) -> String {
    let stored: Vec<StoredEntity<'_>> = entities
        .iter()
        .map(|e| StoredEntity {
            kind: FacetField::of_kind(e.kind),
            name: Cow::Borrowed(&e.name),
            path: Cow::Borrowed(&e.path),
            surfaces: Cow::Borrowed(&e.surfaces),
            count: e.count,
            sentences: Cow::Borrowed(&e.sentences),
            salience: e.salience,
        })
        .collect();
    serde_json::to_string(&stored).expect("entities serialise to JSON")
}

/// The entities of article `id` from their stored text.
///
/// # Errors
///
/// The text is not what [`to_json`] writes (an index written by another
/// version, a damaged store).
pub fn from_json(id: &str, text: &str) -> Result<Vec<Entity>, Error> {
    let fail = |reason: String| Error { id: id.to_string(), reason };
    let stored: Vec<StoredEntity<'static>> =
        serde_json::from_str(text).map_err(|e| fail(e.to_string()))?;
    stored
        .into_iter()
        .map(|s| {
            let kind = s.kind.kind().ok_or_else(|| {
                fail(format!("{} is not an entity kind", s.kind))
            })?;
            Ok(Entity {
                kind,
                name: s.name.into_owned(),
                path: s.path.into_owned(),
                surfaces: s.surfaces.into_owned(),
                count: s.count,
                sentences: s.sentences.into_owned(),
                salience: s.salience,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::EntityKind;

    #[test]
    fn entities_come_back_as_written() {
        let entities = vec![
            Entity {
                kind: EntityKind::Person,
                name: "He Lifeng".into(),
                path: Vec::new(),
                surfaces: vec!["He Lifeng".into(), "He".into()],
                count: 3,
                sentences: vec![0, 4],
                salience: 80,
            },
            Entity {
                kind: EntityKind::Place,
                name: "Kuala Lumpur".into(),
                path: vec![
                    "Asia".into(),
                    "Malaysia".into(),
                    "Kuala Lumpur".into(),
                ],
                surfaces: vec!["Kuala Lumpur".into()],
                count: 1,
                sentences: Vec::new(),
                salience: 20,
            },
        ];
        let text = to_json(&entities);
        assert_eq!(
            text,
            "[{\"kind\":\"person\",\"name\":\"He Lifeng\",\"surfaces\":\
             [\"He Lifeng\",\"He\"],\"count\":3,\"sentences\":[0,4],\
             \"salience\":80},\
             {\"kind\":\"place\",\"name\":\"Kuala Lumpur\",\"path\":\
             [\"Asia\",\"Malaysia\",\"Kuala Lumpur\"],\"surfaces\":\
             [\"Kuala Lumpur\"],\"count\":1,\"salience\":20}]"
        );
        assert_eq!(from_json("a1", &text).unwrap(), entities);
    }

    #[test]
    fn a_drifted_store_fails_naming_the_article() {
        for (text, why) in [
            ("{}", "invalid type"),
            ("[{\"kind\":\"people\",\"name\":\"X\",\"surfaces\":[],\"count\":1}]", "unknown variant"),
            ("[{\"kind\":\"person\",\"name\":\"X\",\"count\":1}]", "missing field `surfaces`"),
            ("[{\"kind\":\"person\",\"name\":\"X\",\"surfaces\":[],\"count\":1}]", "missing field `salience`"),
            ("[{\"kind\":\"person\",\"name\":\"X\",\"surfaces\":[],\"count\":1,\"score\":2}]", "unknown field `score`"),
            ("[{\"kind\":\"tag\",\"name\":\"X\",\"surfaces\":[],\"count\":1,\"salience\":0}]", "tag is not an entity kind"),
        ] {
            let err = from_json("nd-031", text).unwrap_err().to_string();
            assert!(
                err.starts_with("the stored entities of article \"nd-031\"")
                    && err.contains(why),
                "{text}: {err}"
            );
        }
    }
}
