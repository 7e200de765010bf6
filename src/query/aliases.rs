//! The user's corrections to the entity table: a plain text file.
//!
//! `newsdex-aliases.txt` in the index folder, or the file `--aliases`
//! names, holds one decision a line; `#` starts a comment and blank
//! lines are skipped. A decision names a value as the index holds it (as
//! `newsdex entities` lists it) or an entity by its canonical name, after
//! its kind:
//!
//! ```text
//! merge person: Reagan = Ronald Reagan    # "Reagan" joins "Ronald Reagan"
//! split person: Miller                    # "Miller" stands alone
//! rename org: International Monetary Fund = IMF
//! drop org: Ltd                           # no entity: out of facets and filters
//! kind person: Smith Barney = org         # a firm the tagger took for a person
//! ```
//!
//! Search, facets, related, timeline and entities apply them when they
//! open the index ([`crate::extract::canon::Merges::apply`]), so a
//! correction needs no re-indexing.

use std::path::Path;

use anyhow::Context;

use crate::extract::canon::{Decision, Verb};
use crate::extract::EntityKind;
use crate::index::schema::FacetField;

/// The file's name in the index folder.
pub const FILE_NAME: &str = "newsdex-aliases.txt";

/// The note for each decision that names nothing `place` ("in the
/// index", "on the engine") knows, as `Merges::apply` returns them.
pub fn unknown_notes(
    unknown: Vec<(&Decision, &str)>,
    place: &str,
) -> Vec<String> {
    unknown
        .into_iter()
        .map(|(d, name)| {
            let field = FacetField::of_kind(d.kind);
            format!(
                "aliases line {}: no {field} named {name:?} {place}",
                d.line
            )
        })
        .collect()
}

/// The decisions of the file at `path`.
///
/// # Errors
///
/// The file cannot be read, or a line is no decision (the message names
/// the file and the line).
pub fn read(path: &Path) -> anyhow::Result<Vec<Decision>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read {}", path.display()))?;
    parse(&text).with_context(|| format!("{}", path.display()))
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

/// A kind decisions may name: `person` or `org`, as the facet fields.
fn parse_kind(s: &str) -> Option<EntityKind> {
    FacetField::from_name(s)
        .and_then(FacetField::kind)
        .filter(|k| matches!(k, EntityKind::Person | EntityKind::Org))
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(d[1].verb, Verb::Split);
        assert_eq!(d[2].verb, Verb::Rename("Ronald W. Reagan".into()));
        assert_eq!(d[3].verb, Verb::Drop);
        assert_eq!(d[4].verb, Verb::Kind(EntityKind::Org));
        assert_eq!(d[4].kind, EntityKind::Person);
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
}
