//! A user's corrections to the entity table, applied at query time.
//!
//! The file is plain text, one decision a line; `#` starts a comment and
//! blank lines are skipped. A decision names values as the index holds
//! them (as `newsdex entities` lists them) or an entity by its canonical
//! name, after its kind:
//!
//! ```text
//! merge person: Reagan = Ronald Reagan    # the entity of "Reagan" joins "Ronald Reagan"
//! split person: Miller                    # the value "Miller" stands alone
//! rename org: International Monetary Fund = IMF
//! drop org: Ltd                           # no entity: out of facets and filters
//! kind person: Smith Barney = org         # a firm the tagger took for a person
//! ```
//!
//! Decisions apply in file order, each to the table the ones before it
//! left, so a later line can build on an earlier one.

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

/// A line of the file that is no decision.
#[derive(Debug, thiserror::Error)]
#[error("line {line}: {what}")]
pub struct DecisionError {
    /// One-based line number.
    pub line: usize,
    /// What is wrong there, and what is expected.
    pub what: String,
}

/// Reads a file of decisions.
///
/// # Errors
///
/// The first line that is not a decision: an unknown verb or kind, a
/// missing `:` or `=`, an empty name.
pub fn parse(text: &str) -> Result<Vec<Decision>, DecisionError> {
    let mut out = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let err = |what: &str| DecisionError { line, what: what.to_string() };
        let content = raw.split('#').next().unwrap_or("").trim();
        if content.is_empty() {
            continue;
        }
        let (verb, rest) = content
            .split_once(char::is_whitespace)
            .ok_or_else(|| err("expected `VERB KIND: NAME`"))?;
        let (kind, rest) = rest
            .split_once(':')
            .ok_or_else(|| err("expected `KIND:` after the verb"))?;
        let kind = parse_kind(kind.trim())
            .ok_or_else(|| err("unknown kind: expected person or org"))?;
        let (name, arg) = match rest.split_once('=') {
            Some((n, a)) => (n.trim(), Some(a.trim())),
            None => (rest.trim(), None),
        };
        if name.is_empty() || arg.is_some_and(str::is_empty) {
            return Err(err("empty name"));
        }
        let needs = |arg: Option<&str>| {
            arg.map(str::to_string)
                .ok_or_else(|| err(&format!("`{verb}` needs `= NAME`")))
        };
        let verb = match verb {
            "merge" => Verb::Merge(needs(arg)?),
            "rename" => Verb::Rename(needs(arg)?),
            "kind" => {
                let to = needs(arg)?;
                Verb::Kind(parse_kind(&to).ok_or_else(|| {
                    err("unknown kind after `=`: expected person or org")
                })?)
            }
            "split" | "drop" if arg.is_some() => {
                return Err(err(&format!("`{verb}` takes no `= NAME`")))
            }
            "split" => Verb::Split,
            "drop" => Verb::Drop,
            _ => return Err(err(
                "unknown verb: expected merge, split, rename, drop or kind",
            )),
        };
        out.push(Decision { line, kind, name: name.to_string(), verb });
    }
    Ok(out)
}

/// "person" or "org".
fn parse_kind(s: &str) -> Option<EntityKind> {
    match s {
        "person" => Some(EntityKind::Person),
        "org" => Some(EntityKind::Org),
        _ => None,
    }
}

impl Merges {
    /// Applies a user's decisions in order. `articles` gives the article
    /// count of a value of the index (0 when it has none), for values
    /// that were no merged entity before. Returns a message for each
    /// decision that names nothing the index knows.
    pub fn apply(
        &mut self,
        decisions: &[Decision],
        articles: &dyn Fn(EntityKind, &str) -> u32,
    ) -> Vec<String> {
        let mut notes = Vec::new();
        for d in decisions {
            let Some(i) = self.entity_index(d.kind, &d.name, articles) else {
                notes.push(format!(
                    "aliases line {}: no {} named {:?} in the index",
                    d.line,
                    kind_word(d.kind),
                    d.name
                ));
                continue;
            };
            match &d.verb {
                Verb::Merge(into) => {
                    let Some(j) = self.entity_index(d.kind, into, articles)
                    else {
                        notes.push(format!(
                            "aliases line {}: no {} named {into:?} in the index",
                            d.line,
                            kind_word(d.kind)
                        ));
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
                }
                Verb::Drop => {
                    self.take_form(i, d.kind, &d.name);
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
                        }),
                    }
                }
            }
            self.reindex();
        }
        notes
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
        if e.forms.len() <= 1 && e.aliases.is_empty() {
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

/// The word for a kind in messages.
fn kind_word(kind: EntityKind) -> &'static str {
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

    #[test]
    fn every_verb_parses_and_mistakes_name_their_line() {
        let text = "# my corrections\n\
            merge org: IMF = International Monetary Fund\n\
            split person: Miller   # not James\n\
            rename person: Ronald Reagan = Ronald W. Reagan\n\
            \n\
            drop org: Ltd\n\
            kind person: Smith Barney = org\n";
        let d = parse(text).unwrap();
        assert_eq!(d.len(), 5);
        assert_eq!(
            d[0].verb,
            Verb::Merge("International Monetary Fund".into())
        );
        assert_eq!(d[1].line, 3);
        assert_eq!(d[4].verb, Verb::Kind(Org));
        for (bad, line) in [
            ("merge org IMF", 1),
            ("\nfuse org: A = B", 2),
            ("merge place: A = B", 1),
            ("merge org: IMF", 1),
            ("split org: A = B", 1),
            ("kind org: A = team", 1),
            ("drop org: ", 1),
        ] {
            assert_eq!(parse(bad).unwrap_err().line, line, "{bad}");
        }
    }

    #[test]
    fn merge_joins_two_entities_under_the_second_name() {
        let mut m = merges();
        let d = parse("merge org: IMF = International Monetary Fund").unwrap();
        assert!(m.apply(&d, &counts).is_empty());
        let e = m.of_value(Org, "IMF").unwrap();
        assert_eq!(e.name, "International Monetary Fund");
        assert_eq!(e.articles, 120);
        assert_eq!(
            m.of_value(Org, "International Monetary Fund").unwrap().name,
            e.name
        );
    }

    #[test]
    fn split_takes_a_value_out_of_its_entity() {
        let mut m = merges();
        assert_eq!(m.of_value(Person, "Miller").unwrap().name, "James Miller");
        m.apply(&parse("split person: Miller").unwrap(), &counts);
        assert!(m.of_value(Person, "Miller").is_none());
        // James Miller had no other form: no merge is left.
        assert!(m.of_value(Person, "James Miller").is_none());
    }

    #[test]
    fn rename_changes_the_canonical_name() {
        let mut m = merges();
        let d = parse("rename person: Reagan = Ronald W. Reagan").unwrap();
        m.apply(&d, &counts);
        assert_eq!(
            m.of_value(Person, "Reagan").unwrap().name,
            "Ronald W. Reagan"
        );
        // A later line may use the new name.
        let d = parse("split person: Ronald W. Reagan").unwrap();
        assert!(m.apply(&d, &counts).is_empty());
    }

    #[test]
    fn drop_marks_a_value_as_no_entity() {
        let mut m = merges();
        m.apply(&parse("drop org: Ltd").unwrap(), &counts);
        assert!(m.is_dropped(Org, "Ltd"));
        assert!(!m.is_dropped(Org, "Ltd."));
        assert!(m.of_value(Org, "Ltd").is_none());
    }

    #[test]
    fn kind_moves_a_value_to_an_entity_of_the_other_kind() {
        let mut m = merges();
        let d = parse("kind person: Smith Barney = org").unwrap();
        m.apply(&d, &counts);
        let e = m.of_value(Person, "Smith Barney").unwrap();
        assert_eq!(e.kind, Org);
        assert_eq!(e.forms[0].kind, Person);
        // It joins the firm's entity when a later line says so.
        let d = parse(
            "merge org: Smith Barney = Smith Barney, Harris Upham and Co",
        )
        .unwrap();
        assert!(m.apply(&d, &counts).is_empty());
        let e = m.of_value(Person, "Smith Barney").unwrap();
        assert_eq!(e.name, "Smith Barney, Harris Upham and Co");
    }

    #[test]
    fn unknown_names_are_reported_not_invented() {
        let mut m = merges();
        let notes = m.apply(&parse("merge org: Nope = IMF").unwrap(), &counts);
        assert_eq!(notes.len(), 1);
        assert!(notes[0].contains("line 1"), "{notes:?}");
    }
}
