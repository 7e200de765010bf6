//! A user's corrections to the entity table, applied at query time.
//!
//! A decision names a value as the index holds it (as `newsdex entities`
//! lists it) or an entity by its canonical name, with the kind it has:
//! merge it into another entity, split it off its entity, rename its
//! entity, drop it (no entity at all), or move it to another kind. The
//! file users write them in is read by `query::aliases`.
//!
//! Decisions apply in order, each to the table the ones before it left,
//! so a later one can build on an earlier one.

use super::{key, Entity, Form, Merges};
use crate::extract::EntityKind;

/// What a decision does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verb {
    /// The entity of the name joins the entity of the argument.
    Merge(String),
    /// The value leaves its entity and stands alone.
    Split,
    /// The entity's canonical name becomes the argument.
    Rename(String),
    /// The value is no entity.
    Drop,
    /// The value names an entity of the argument's kind.
    Kind(EntityKind),
}

/// One line of the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decision {
    /// One-based line number, for messages.
    pub line: usize,
    /// The kind of the name (the field its value lives in).
    pub kind: EntityKind,
    /// The value or canonical name the decision is about.
    pub name: String,
    /// What to do with it.
    pub verb: Verb,
}

impl Merges {
    /// Applies a user's decisions in order. `articles` gives the article
    /// count of a value of the index (0 when it has none), for values
    /// that were no merged entity before. Returns the decisions that name
    /// something the index does not know, with that name.
    pub fn apply<'d>(
        &mut self,
        decisions: &'d [Decision],
        articles: &dyn Fn(EntityKind, &str) -> u32,
    ) -> Vec<(&'d Decision, &'d str)> {
        let mut notes = Vec::new();
        for d in decisions {
            let Some(i) = self.entity_index(d.kind, &d.name, articles) else {
                notes.push((d, d.name.as_str()));
                continue;
            };
            match &d.verb {
                Verb::Merge(into) => {
                    let Some(j) = self.entity_index(d.kind, into, articles)
                    else {
                        notes.push((d, into.as_str()));
                        continue;
                    };
                    if i != j {
                        let from = self.entities.remove(i);
                        let j = if j > i { j - 1 } else { j };
                        let to = &mut self.entities[j];
                        to.articles =
                            to.articles.saturating_add(from.articles);
                        to.forms.extend(from.forms);
                        to.aliases.extend(from.aliases);
                        to.bodies.extend(from.bodies);
                        to.forms.sort_by(|a, b| {
                            b.articles
                                .cmp(&a.articles)
                                .then(a.name.cmp(&b.name))
                        });
                    }
                }
                Verb::Rename(name) => self.entities[i].name.clone_from(name),
                Verb::Split => {
                    self.take_form(i, d.kind, &d.name);
                    self.take_body(&d.name);
                }
                Verb::Drop => {
                    self.take_form(i, d.kind, &d.name);
                    self.take_body(&d.name);
                    self.dropped.push((d.kind, d.name.clone()));
                }
                Verb::Kind(to) => {
                    let Some(form) = self.take_form(i, d.kind, &d.name) else {
                        continue;
                    };
                    let k = key(*to, &form.name);
                    let same = self.entities.iter().position(|e| {
                        e.kind == *to
                            && (key(*to, &e.name) == k
                                || e.forms
                                    .iter()
                                    .any(|f| key(*to, &f.name) == k))
                    });
                    match same {
                        Some(j) => {
                            let e = &mut self.entities[j];
                            e.articles =
                                e.articles.saturating_add(form.articles);
                            e.forms.push(form);
                        }
                        None => self.entities.push(Entity {
                            kind: *to,
                            name: form.name.clone(),
                            articles: form.articles,
                            forms: vec![form],
                            aliases: Vec::new(),
                            bodies: Vec::new(),
                        }),
                    }
                }
            }
            self.reindex();
        }
        notes
    }

    /// Takes the value `name` off the bodies of every entity: split off
    /// or dropped, it stands alone.
    fn take_body(&mut self, name: &str) {
        for e in &mut self.entities {
            e.bodies.retain(|b| b != name);
        }
    }

    /// The position of the entity `name` means: the merged entity it is
    /// a form, alias or canonical name of, or else a new entity of the
    /// one value, when the index has it.
    fn entity_index(
        &mut self,
        kind: EntityKind,
        name: &str,
        articles: &dyn Fn(EntityKind, &str) -> u32,
    ) -> Option<usize> {
        let found = self.entities.iter().position(|e| {
            e.forms.iter().any(|f| f.kind == kind && f.name == name)
        });
        let found = found.or_else(|| {
            self.entities.iter().position(|e| {
                e.kind == kind
                    && (e.name == name
                        || e.aliases
                            .iter()
                            .any(|a| key(kind, a) == key(kind, name)))
            })
        });
        if found.is_some() {
            return found;
        }
        let n = articles(kind, name);
        if n == 0 {
            return None;
        }
        self.entities.push(Entity {
            kind,
            name: name.to_string(),
            forms: vec![Form { kind, name: name.to_string(), articles: n }],
            aliases: Vec::new(),
            bodies: Vec::new(),
            articles: n,
        });
        Some(self.entities.len() - 1)
    }

    /// Takes the value out of entity `i`; an entity left with one form
    /// and no alias is no merge any more and goes.
    fn take_form(
        &mut self,
        i: usize,
        kind: EntityKind,
        value: &str,
    ) -> Option<Form> {
        let e = &mut self.entities[i];
        let at =
            e.forms.iter().position(|f| f.kind == kind && f.name == value);
        let form = at.map(|at| e.forms.remove(at));
        if let Some(f) = &form {
            e.articles = e.articles.saturating_sub(f.articles);
        }
        if e.forms.is_empty()
            || e.forms.len() == 1
                && e.aliases.is_empty()
                && e.bodies.is_empty()
        {
            self.entities.remove(i);
        } else if e.forms.iter().all(|f| f.name != e.name) {
            // The canonical name was the value taken: the next form.
            if let Some(first) = e.forms.first() {
                e.name.clone_from(&first.name);
            }
        }
        form
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::canon::{Table, Value};
    use EntityKind::{Org, Person};

    fn merges() -> Merges {
        let values = [
            Value { kind: Person, name: "Reagan", articles: 231 },
            Value { kind: Person, name: "Ronald Reagan", articles: 13 },
            Value { kind: Person, name: "Miller", articles: 5 },
            Value { kind: Person, name: "James Miller", articles: 20 },
            Value { kind: Org, name: "IMF", articles: 13 },
            Value { kind: Org, name: "Ltd", articles: 40 },
            Value { kind: Org, name: "Ltd.", articles: 4 },
        ];
        Table::build(&values, &[], &|_| false).merges()
    }

    fn counts(kind: EntityKind, name: &str) -> u32 {
        match (kind, name) {
            (Org, "IMF") => 13,
            (Org, "International Monetary Fund") => 107,
            (Person, "Smith Barney") => 51,
            (Org, "Smith Barney, Harris Upham and Co") => 30,
            _ => 0,
        }
    }

    fn one(kind: EntityKind, name: &str, verb: Verb) -> Vec<Decision> {
        vec![Decision { line: 1, kind, name: name.into(), verb }]
    }

    #[test]
    fn merge_joins_two_entities_under_the_second_name() {
        let mut m = merges();
        let imf = "International Monetary Fund".to_string();
        assert!(m
            .apply(&one(Org, "IMF", Verb::Merge(imf)), &counts)
            .is_empty());
        let e = m.of_value(Org, "IMF").unwrap();
        assert_eq!(e.name, "International Monetary Fund");
        assert_eq!(e.articles, 120);
        let full = m.of_value(Org, "International Monetary Fund").unwrap();
        assert_eq!(full.name, e.name);
    }

    #[test]
    fn split_takes_a_value_out_of_its_entity() {
        let mut m = merges();
        assert_eq!(m.of_value(Person, "Miller").unwrap().name, "James Miller");
        m.apply(&one(Person, "Miller", Verb::Split), &counts);
        assert!(m.of_value(Person, "Miller").is_none());
        // James Miller had no other form: no merge is left.
        assert!(m.of_value(Person, "James Miller").is_none());
    }

    #[test]
    fn a_body_split_off_or_dropped_leaves_its_organisation() {
        let values = [
            Value { kind: Org, name: "United Nations", articles: 20 },
            Value { kind: Org, name: "UN Conference", articles: 3 },
            Value { kind: Org, name: "UN Security Council", articles: 2 },
        ];
        let pairs = [crate::extract::canon::Pair {
            kind: Org,
            short: "UN",
            full: "United Nations",
            articles: 4,
        }];
        let mut m = Table::build(&values, &pairs, &|_| false).merges();
        let bodies = |m: &Merges| {
            m.of_value(Org, "United Nations").map(|e| e.bodies.clone())
        };
        assert_eq!(
            bodies(&m).unwrap(),
            ["UN Conference", "UN Security Council"]
        );
        let counts = |_: EntityKind, name: &str| match name {
            "UN Conference" => 3,
            "UN Security Council" => 2,
            _ => 0,
        };
        m.apply(&one(Org, "UN Conference", Verb::Split), &counts);
        assert_eq!(bodies(&m).unwrap(), ["UN Security Council"]);
        m.apply(&one(Org, "UN Security Council", Verb::Drop), &counts);
        assert!(bodies(&m).is_none_or(|b| b.is_empty()));
    }

    #[test]
    fn rename_changes_the_canonical_name() {
        let mut m = merges();
        let new = "Ronald W. Reagan".to_string();
        m.apply(&one(Person, "Reagan", Verb::Rename(new)), &counts);
        let e = m.of_value(Person, "Reagan").unwrap();
        assert_eq!(e.name, "Ronald W. Reagan");
        // A later decision may use the new name.
        let split = one(Person, "Ronald W. Reagan", Verb::Split);
        assert!(m.apply(&split, &counts).is_empty());
    }

    #[test]
    fn drop_marks_a_value_as_no_entity() {
        let mut m = merges();
        m.apply(&one(Org, "Ltd", Verb::Drop), &counts);
        assert!(m.is_dropped(Org, "Ltd"));
        assert!(!m.is_dropped(Org, "Ltd."));
        assert!(m.of_value(Org, "Ltd").is_none());
    }

    #[test]
    fn kind_moves_a_value_to_an_entity_of_the_other_kind() {
        let mut m = merges();
        m.apply(&one(Person, "Smith Barney", Verb::Kind(Org)), &counts);
        let e = m.of_value(Person, "Smith Barney").unwrap();
        assert_eq!(e.kind, Org);
        assert_eq!(e.forms[0].kind, Person);
        // It joins the firm's entity when a later decision says so.
        let firm = "Smith Barney, Harris Upham and Co".to_string();
        let merge = one(Org, "Smith Barney", Verb::Merge(firm));
        assert!(m.apply(&merge, &counts).is_empty());
        let e = m.of_value(Person, "Smith Barney").unwrap();
        assert_eq!(e.name, "Smith Barney, Harris Upham and Co");
    }

    #[test]
    fn unknown_names_are_reported_not_invented() {
        let mut m = merges();
        let decisions = one(Org, "Nope", Verb::Merge("IMF".into()));
        let unknown = m.apply(&decisions, &counts);
        assert_eq!(unknown.len(), 1);
        assert_eq!(unknown[0].1, "Nope");
    }
}
