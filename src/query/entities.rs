//! `newsdex entities`: the archive's people, organisations and places,
//! with every form that named each, so a user can see what was merged.

use serde::Serialize;
use tantivy::collector::Count;
use tantivy::query::AllQuery;

use super::parse::Filter;
use super::vocab::known_entity;
use super::{Engine, Known};
use crate::extract::{canon, EntityKind};
use crate::index::entities::read_table;
use crate::index::schema::FacetField;

/// `entities --json`.
#[derive(Debug, Serialize)]
pub struct EntitiesReport {
    /// The name or prefix looked up, if any.
    pub name: Option<String>,
    /// The kinds listed.
    pub kinds: Vec<FacetField>,
    /// Entities that match, before `--top`.
    pub total: usize,
    /// The entities, most articles first.
    pub entities: Vec<EntityRow>,
}

/// One entity of the archive.
#[derive(Debug, Serialize)]
pub struct EntityRow {
    /// Canonical name.
    pub name: String,
    /// `person`, `org` or `place`.
    pub kind: FacetField,
    /// Articles that name it under any of its forms (each once).
    pub articles: u64,
    /// The index's values that name it, most articles first.
    pub forms: Vec<FormRow>,
    /// Short forms that stand for it in text without being values of
    /// their own ("GATT").
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Values of organisations that are bodies of it ("EC Commission"
    /// of the European Community), which a search for it also finds.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub bodies: Vec<String>,
}

/// One form of an entity.
#[derive(Debug, Serialize)]
pub struct FormRow {
    /// The value.
    pub name: String,
    /// Its field, when not the entity's kind (an organisation's MISC
    /// value).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<FacetField>,
    /// Articles that carry it.
    pub articles: u64,
}

impl Engine {
    /// The entities of `kinds` whose canonical name or one of whose forms
    /// has a word starting with `name` (ignoring case), most articles
    /// first, at most `top`.
    ///
    /// # Errors
    ///
    /// An unreadable index.
    pub fn entities(
        &self,
        name: Option<&str>,
        kinds: &[FacetField],
        top: usize,
    ) -> anyhow::Result<EntitiesReport> {
        let merges = self.vocab.merges().0.all();
        let table = read_table(&self.searcher, &self.fields)?;
        // Each row, with the filter that counts an entity of several
        // forms in each article once.
        let mut rows: Vec<(EntityRow, Option<Known>)> = Vec::new();
        let row = |kind: FacetField, e: &canon::Entity| {
            let names = std::iter::once(e.name.as_str())
                .chain(e.forms.iter().map(|f| f.name.as_str()));
            wanted(name, names).then(|| {
                let known = (e.forms.len() > 1).then(|| known_entity(e));
                (row_of(kind, e), known)
            })
        };
        for &kind in kinds {
            match kind.kind() {
                Some(k @ (EntityKind::Person | EntityKind::Org)) => {
                    // Entities of several forms, as the user's decisions
                    // left them, then every other value alone.
                    for e in merges.entities().iter().filter(|e| e.kind == k) {
                        rows.extend(row(kind, e));
                    }
                    for e in table.entities().iter().filter(|e| e.kind == k) {
                        let taken = e.forms.iter().any(|f| {
                            merges.of_value(f.kind, &f.name).is_some()
                                || merges.is_dropped(f.kind, &f.name)
                        });
                        if !taken {
                            rows.extend(row(kind, e));
                        }
                    }
                }
                _ => {
                    let counts = self.facet_counts(
                        &AllQuery,
                        kind.counted(),
                        usize::MAX,
                    )?;
                    for c in counts {
                        if wanted(name, std::iter::once(c.value.as_str())) {
                            let row = EntityRow {
                                name: c.value.clone(),
                                kind,
                                articles: c.count,
                                forms: vec![FormRow {
                                    name: c.value,
                                    field: None,
                                    articles: c.count,
                                }],
                                aliases: Vec::new(),
                                bodies: Vec::new(),
                            };
                            rows.push((row, None));
                        }
                    }
                }
            }
        }
        rows.sort_by(|(a, _), (b, _)| {
            b.articles.cmp(&a.articles).then_with(|| a.name.cmp(&b.name))
        });
        let total = rows.len();
        rows.truncate(top);
        let mut entities = Vec::with_capacity(rows.len());
        for (mut row, known) in rows {
            if let Some(known) = known {
                let filter =
                    Filter { known, written: String::new(), about: false };
                let query = self.filter_query(&filter).query();
                row.articles = self.searcher.search(&*query, &Count)? as u64;
            }
            entities.push(row);
        }
        Ok(EntitiesReport {
            name: name.map(str::to_string),
            kinds: kinds.to_vec(),
            total,
            entities,
        })
    }
}

/// True when no name is asked for, or one of `names` has a word starting
/// with it.
fn wanted<'a>(
    name: Option<&str>,
    mut names: impl Iterator<Item = &'a str>,
) -> bool {
    name.is_none_or(|n| names.any(|v| has_word_prefix(v, n)))
}

/// The row of an entity of the table or the merges.
fn row_of(kind: FacetField, e: &crate::extract::canon::Entity) -> EntityRow {
    EntityRow {
        name: e.name.clone(),
        kind,
        articles: u64::from(e.articles),
        forms: e
            .forms
            .iter()
            .map(|f| FormRow {
                name: f.name.clone(),
                field: (f.kind != e.kind).then(|| FacetField::of_kind(f.kind)),
                articles: u64::from(f.articles),
            })
            .collect(),
        aliases: e.aliases.clone(),
        bodies: e.bodies.clone(),
    }
}

/// True when `name` has a word that starts with `prefix` (which may span
/// several words), ignoring case: "reag" and "ronald rea" find "Ronald
/// Reagan".
fn has_word_prefix(name: &str, prefix: &str) -> bool {
    let name = name.to_lowercase();
    let prefix = prefix.trim().to_lowercase();
    if prefix.is_empty() {
        return true;
    }
    name.match_indices(&prefix).any(|(at, _)| {
        at == 0
            || !name[..at]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_match_at_word_starts() {
        assert!(has_word_prefix("Ronald Reagan", "reag"));
        assert!(has_word_prefix("Ronald Reagan", "Ronald Rea"));
        assert!(!has_word_prefix("Ronald Reagan", "eagan"));
        assert!(has_word_prefix("U.S. Treasury", "treas"));
        assert!(has_word_prefix("anything", ""));
    }
}
