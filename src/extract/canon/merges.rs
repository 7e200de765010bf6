//! The part of the entity table a search reads, and its text form.

use std::collections::HashMap;

use super::{key, Entity, Form};
use crate::extract::EntityKind;

/// The entities of an archive that have several forms or aliases, found
/// by a value of the index or by the key of an alias: what a search reads
/// to count, filter and list by entity rather than by value.
///
/// [`Merges::to_text`] and [`Merges::from_text`] give the form the index
/// keeps next to its files: one entity a block, `E` kind and canonical
/// name, then `F` form and article count lines and `A` alias lines, fields
/// separated by tabs; a form that lives in another field than the
/// entity's kind (an organisation's MISC value) gives that field third.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Merges {
    pub(super) entities: Vec<Entity>,
    by_value: HashMap<(EntityKind, String), u32>,
    by_alias: HashMap<(EntityKind, String), u32>,
    /// Values a user said are no entity.
    pub(super) dropped: Vec<(EntityKind, String)>,
}

/// The first line of [`Merges::to_text`].
const MERGES_HEADER: &str = "# newsdex entity merges 1";

/// A [`Merges::from_text`] input that is not what `to_text` writes.
#[derive(Debug, thiserror::Error)]
#[error("entity merges, line {line}: {what}")]
pub struct MergesError {
    /// One-based line number.
    pub line: usize,
    /// What is wrong there.
    pub what: &'static str,
}

impl Merges {
    pub(super) fn push(&mut self, e: Entity) {
        let id = self.entities.len() as u32;
        for f in &e.forms {
            self.by_value.insert((f.kind, f.name.clone()), id);
        }
        for a in &e.aliases {
            self.by_alias.insert((e.kind, key(e.kind, a)), id);
        }
        self.entities.push(e);
    }

    /// Builds the look-ups again after the entities changed.
    pub(super) fn reindex(&mut self) {
        let entities = std::mem::take(&mut self.entities);
        self.by_value.clear();
        self.by_alias.clear();
        for e in entities {
            self.push(e);
        }
    }

    /// True when a user said the value `value` of field `kind` is no
    /// entity: facets leave it out and no filter picks it.
    pub fn is_dropped(&self, kind: EntityKind, value: &str) -> bool {
        self.dropped.iter().any(|(k, v)| *k == kind && v == value)
    }

    /// The merged entities.
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// The merged entity a value of the index (of the field of `kind`) is
    /// a form of. Its kind may differ from `kind` when a user moved it.
    pub fn of_value(&self, kind: EntityKind, value: &str) -> Option<&Entity> {
        let id = *self.by_value.get(&(kind, value.to_string()))?;
        Some(&self.entities[id as usize])
    }

    /// The merged entity a name is an alias of (compared by [`key`]).
    pub fn of_alias(&self, kind: EntityKind, name: &str) -> Option<&Entity> {
        let id = *self.by_alias.get(&(kind, key(kind, name)))?;
        Some(&self.entities[id as usize])
    }

    /// The text the index keeps (see the type's docs). Entities with a
    /// tab or line break in a name are left out: they stay unmerged.
    pub fn to_text(&self) -> String {
        let clean = |s: &str| !s.contains(['\t', '\n', '\r']);
        let mut out = String::from(MERGES_HEADER);
        out.push('\n');
        for e in &self.entities {
            if !clean(&e.name)
                || !e.forms.iter().all(|f| clean(&f.name))
                || !e.aliases.iter().all(|a| clean(a))
            {
                continue;
            }
            out.push_str(&format!("E\t{}\t{}\n", kind_name(e.kind), e.name));
            for f in &e.forms {
                out.push_str(&format!("F\t{}\t{}", f.name, f.articles));
                if f.kind != e.kind {
                    out.push_str(&format!("\t{}", kind_name(f.kind)));
                }
                out.push('\n');
            }
            for a in &e.aliases {
                out.push_str(&format!("A\t{a}\n"));
            }
        }
        out
    }

    /// Reads what [`Merges::to_text`] wrote.
    ///
    /// # Errors
    ///
    /// A missing header, an unknown line or a line outside an entity.
    pub fn from_text(text: &str) -> Result<Merges, MergesError> {
        let err = |line: usize, what| MergesError { line, what };
        let mut lines = text.lines().enumerate();
        if lines.next().map(|l| l.1) != Some(MERGES_HEADER) {
            return Err(err(1, "not a file of entity merges"));
        }
        let mut m = Merges::default();
        let mut current: Option<Entity> = None;
        for (i, line) in lines {
            let n = i + 1;
            let mut fields = line.split('\t');
            match (fields.next(), fields.next(), fields.next()) {
                (Some("E"), Some(kind), Some(name)) => {
                    let kind =
                        parse_kind(kind).ok_or(err(n, "unknown kind"))?;
                    if let Some(e) = current.take() {
                        m.push(e);
                    }
                    current = Some(Entity {
                        kind,
                        name: name.to_string(),
                        forms: Vec::new(),
                        aliases: Vec::new(),
                        articles: 0,
                    });
                }
                (Some("F"), Some(name), Some(count)) => {
                    let e = current
                        .as_mut()
                        .ok_or(err(n, "form before entity"))?;
                    let articles = count
                        .parse()
                        .map_err(|_| err(n, "bad article count"))?;
                    e.articles = e.articles.saturating_add(articles);
                    let kind = match fields.next() {
                        Some(kind) => {
                            parse_kind(kind).ok_or(err(n, "unknown kind"))?
                        }
                        None => e.kind,
                    };
                    e.forms.push(Form {
                        kind,
                        name: name.to_string(),
                        articles,
                    });
                }
                (Some("A"), Some(alias), None) => {
                    let e = current
                        .as_mut()
                        .ok_or(err(n, "alias before entity"))?;
                    e.aliases.push(alias.to_string());
                }
                _ => return Err(err(n, "unknown line")),
            }
        }
        if let Some(e) = current.take() {
            m.push(e);
        }
        Ok(m)
    }
}

/// The kind [`kind_name`] wrote.
fn parse_kind(s: &str) -> Option<EntityKind> {
    [EntityKind::Person, EntityKind::Org, EntityKind::Place, EntityKind::Misc]
        .into_iter()
        .find(|k| kind_name(*k) == s)
}

/// The kind as the merges text writes it.
fn kind_name(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "person",
        EntityKind::Org => "org",
        EntityKind::Place => "place",
        EntityKind::Misc => "misc",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::canon::{Pair, Table, Value};
    use EntityKind::{Org, Person};

    fn countries(s: &str) -> bool {
        matches!(s, "U.S." | "US" | "Britain" | "West Germany" | "Japan")
    }

    fn v(kind: EntityKind, name: &str, articles: u32) -> Value<'_> {
        Value { kind, name, articles }
    }

    fn p<'a>(
        kind: EntityKind,
        short: &'a str,
        full: &'a str,
        articles: u32,
    ) -> Pair<'a> {
        Pair { kind, short, full, articles }
    }

    #[test]
    fn merges_keep_only_entities_of_several_forms_and_read_back() {
        let t = Table::build(
            &[
                v(Org, "IMF", 13),
                v(Org, "International Monetary Fund", 107),
                v(Org, "Nestle", 3),
                v(Org, "General Agreement on Tariffs and Trade", 20),
                v(Person, "Reagan", 231),
                v(Person, "Ronald Reagan", 13),
            ],
            &[
                p(Org, "IMF", "International Monetary Fund", 40),
                p(Org, "GATT", "General Agreement on Tariffs and Trade", 12),
            ],
            &countries,
        );
        let m = t.merges();
        assert_eq!(m.entities().len(), 3);
        let read = Merges::from_text(&m.to_text()).unwrap();
        assert_eq!(read, m);
        assert_eq!(
            read.of_value(Org, "IMF").unwrap().name,
            "International Monetary Fund"
        );
        assert!(read.of_value(Org, "Nestle").is_none());
        assert_eq!(read.of_value(Person, "Reagan").unwrap().articles, 244);
        let gatt = read.of_alias(Org, "gatt").unwrap();
        assert_eq!(gatt.name, "General Agreement on Tariffs and Trade");
        assert!(Merges::from_text("E\tperson\tX\n").is_err());
        let bad = format!("{MERGES_HEADER}\nF\tX\t1\n");
        assert_eq!(Merges::from_text(&bad).unwrap_err().line, 2);
    }
}
