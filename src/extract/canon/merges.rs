//! The part of the entity table a search reads.

use std::collections::HashMap;

use super::{key, Entity};
use crate::extract::EntityKind;

/// How a name is looked up among the merges.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum By {
    /// A value of the index, exactly as it holds it.
    Value,
    /// An alias, compared by [`key`].
    Alias,
    /// A canonical name, compared by [`key`].
    Name,
}

/// The entities of an archive that have several forms or aliases, found
/// by a value of the index or by the key of an alias: what a search reads
/// to count, filter and list by entity rather than by value.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Merges {
    pub(super) entities: Vec<Entity>,
    by_value: HashMap<(EntityKind, String), u32>,
    by_alias: HashMap<(EntityKind, String), u32>,
    /// Values a user said are no entity.
    pub(super) dropped: Vec<(EntityKind, String)>,
}

impl Merges {
    /// Merges of these entities (as [`Merges::entities`] gives them).
    pub fn from_entities(entities: Vec<Entity>) -> Merges {
        let mut m = Merges::default();
        for e in entities {
            m.push(e);
        }
        m
    }

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

    /// The merged entity `name` names, looked up as `by` says.
    pub fn get(
        &self,
        by: By,
        kind: EntityKind,
        name: &str,
    ) -> Option<&Entity> {
        match by {
            By::Value => self.of_value(kind, name),
            By::Alias => self.of_alias(kind, name),
            By::Name => self.of_name(kind, name),
        }
    }

    /// The merged entity of `kind` whose canonical name is `name`
    /// (compared by [`key`]): an entity a user renamed, or moved to this
    /// kind from another.
    pub fn of_name(&self, kind: EntityKind, name: &str) -> Option<&Entity> {
        let k = key(kind, name);
        self.entities
            .iter()
            .find(|e| e.kind == kind && key(kind, &e.name) == k)
    }

    /// The merged entity a name is an alias of (compared by [`key`]).
    pub fn of_alias(&self, kind: EntityKind, name: &str) -> Option<&Entity> {
        let id = *self.by_alias.get(&(kind, key(kind, name)))?;
        Some(&self.entities[id as usize])
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
    fn merges_keep_only_entities_of_several_forms() {
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
        let read = Merges::from_entities(m.entities().to_vec());
        assert_eq!(read, m);
        assert_eq!(
            read.of_value(Org, "IMF").unwrap().name,
            "International Monetary Fund"
        );
        assert!(read.of_value(Org, "Nestle").is_none());
        assert_eq!(read.of_value(Person, "Reagan").unwrap().articles, 244);
        let gatt = read.of_alias(Org, "gatt").unwrap();
        assert_eq!(gatt.name, "General Agreement on Tariffs and Trade");
    }
}
