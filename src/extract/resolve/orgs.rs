//! Organisations (and misc names): acronyms and their expansions
//! ("ASEAN" and "Association of Southeast Asian Nations"), written inline
//! ("Name (ACR)") or apart, merged into one entity.

use super::{Cand, Doc, Group};
use crate::extract::text::{acronym_key, is_acronym, offset_in};
use crate::extract::EntityKind;

/// The acronym of a name: the initials of its capitalised words, skipping
/// "of", "and", "the", "for" and lower-case words; each part of a
/// hyphenated word counts ("Asia-Pacific" -> "AP").
///
/// "Asia-Pacific Economic Cooperation" -> "APEC", "World Trade
/// Organization" -> "WTO". Real acronyms take more than initials
/// ("Association of Southeast Asian Nations" gives "ASAN", not "ASEAN"), so
/// matching uses [`acronym_fits`].
pub fn acronym_of(name: &str) -> String {
    acronym_parts(name).filter_map(|w| w.chars().next()).collect()
}

/// True when `acronym` abbreviates `name`, a name of two significant
/// words or more: each capitalised word (or hyphenated part) of the name,
/// in order, gives its initial and maybe more of its letters. So "ASEAN"
/// fits "Association of Southeast Asian Nations" ("Southeast" gives "SE")
/// and "WTO" fits "World Trade Organization". Dots in the acronym are
/// ignored; letters compare ignoring case. A name that begins with the
/// acronym itself ("EC Commission", a body of the EC) is not one it
/// abbreviates.
pub fn acronym_fits(acronym: &str, name: &str) -> bool {
    if name.split_whitespace().next() == Some(acronym) {
        return false;
    }
    fn fits(acr: &[char], parts: &[Vec<char>]) -> bool {
        let Some((part, rest)) = parts.split_first() else {
            return acr.is_empty();
        };
        let Some((first, tail)) = acr.split_first() else {
            return false;
        };
        if *first != part[0] {
            return false;
        }
        // Letters of the acronym taken from inside this part: any
        // subsequence of the part's later letters, as a prefix of `tail`.
        let mut take = 0;
        let mut inner = part[1..].iter();
        loop {
            if fits(&tail[take..], rest) {
                return true;
            }
            let Some(next) = tail.get(take) else { return false };
            if !inner.any(|c| c == next) {
                return false;
            }
            take += 1;
        }
    }
    // The first letters must agree: most (acronym, name) pairs differ
    // there and are turned away before anything is collected.
    let first_acr =
        acronym.chars().filter(|c| *c != '.').flat_map(char::to_lowercase);
    let first_name = acronym_parts(name)
        .next()
        .and_then(|w| w.chars().flat_map(char::to_lowercase).next());
    if first_name.is_none() || first_acr.clone().next() != first_name {
        return false;
    }
    let acr: Vec<char> = first_acr.collect();
    let parts: Vec<Vec<char>> = acronym_parts(name)
        .map(|w| w.chars().flat_map(char::to_lowercase).collect())
        .collect();
    parts.len() >= 2 && acr.len() >= 2 && fits(&acr, &parts)
}

/// The capitalised words and hyphenated parts of a name, without "of",
/// "and", "the", "for".
pub(super) fn acronym_parts(name: &str) -> impl Iterator<Item = &str> {
    name.split(|c: char| c.is_whitespace() || c == '-' || c == '–')
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !is_connective(w))
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// True for "of", "and", "the", "for" in any case
/// (`w.to_lowercase()` is one of them), without allocating for ASCII.
pub(super) fn is_connective(w: &str) -> bool {
    const WORDS: [&str; 4] = ["of", "and", "the", "for"];
    if w.is_ascii() {
        WORDS.iter().any(|c| c.eq_ignore_ascii_case(w))
    } else {
        WORDS.contains(&w.to_lowercase().as_str())
    }
}

impl Doc<'_> {
    /// "(ASEAN)" written right after an org expansion and not tagged: an
    /// extra mention of the acronym.
    pub(super) fn trailing_acronym(
        &self,
        cand: &Cand,
        end: usize,
        limit: usize,
    ) -> Option<Cand> {
        if !matches!(cand.kind, EntityKind::Org | EntityKind::Misc)
            || cand.inline_acronym.is_some()
        {
            return None;
        }
        let rest = self.text.get(end..limit)?;
        let inner = rest.trim_start().strip_prefix('(')?;
        let close = inner.find(')')?;
        let acronym = &inner[..close];
        if !is_acronym(acronym) || !acronym_fits(acronym, &cand.name) {
            return None;
        }
        let start = offset_in(self.text, acronym);
        self.make_cand(cand.kind, start, start + acronym.len(), false)
    }
}

/// Splits "Name (ACR)" into name and acronym when the acronym fits.
pub(super) fn split_inline_acronym(s: &str) -> (&str, Option<String>) {
    let Some(inner) = s.strip_suffix(')') else {
        return (s, None);
    };
    let Some(open) = inner.rfind('(') else {
        return (s, None);
    };
    let name = inner[..open].trim_end();
    let acronym = inner[open + 1..].trim();
    let fits = is_acronym(acronym)
        && (acronym_fits(acronym, name)
            || name.chars().next() == acronym.chars().next());
    if name.is_empty() || !fits {
        return (s, None);
    }
    (name, Some(acronym_key(acronym)))
}

/// Groups organisation and misc candidates by name, then merges acronyms
/// into their expansion.
pub(super) fn group_named(cands: &[Cand]) -> Vec<Group> {
    struct Named {
        group: Group,
        lower: String,
        /// The letters, when the name is an acronym.
        acronym: Option<String>,
        /// The acronym written in parentheses after the name.
        inline: Option<String>,
        merged: bool,
    }
    let mut named: Vec<Named> = Vec::new();
    for (i, c) in cands.iter().enumerate() {
        if !matches!(c.kind, EntityKind::Org | EntityKind::Misc) {
            continue;
        }
        let lower = c.name.to_lowercase();
        if let Some(n) = named.iter_mut().find(|n| n.lower == lower) {
            n.group.members.push(i);
            if c.kind == EntityKind::Org {
                n.group.kind = EntityKind::Org;
            }
            if n.inline.is_none() {
                n.inline.clone_from(&c.inline_acronym);
            }
            continue;
        }
        named.push(Named {
            group: Group {
                kind: c.kind,
                name: c.name.clone(),
                members: vec![i],
            },
            lower,
            acronym: is_acronym(&c.name).then(|| acronym_key(&c.name)),
            inline: c.inline_acronym.clone(),
            merged: false,
        });
    }
    for a in 0..named.len() {
        let Some(acr) = named[a].acronym.clone() else { continue };
        let targets: Vec<usize> = (0..named.len())
            .filter(|&e| {
                let n = &named[e];
                n.acronym.is_none()
                    && (n.inline.as_deref() == Some(acr.as_str())
                        || acronym_fits(&acr, &n.group.name))
            })
            .collect();
        if let [e] = targets[..] {
            let members = std::mem::take(&mut named[a].group.members);
            named[e].group.members.extend(members);
            if named[a].group.kind == EntityKind::Org {
                named[e].group.kind = EntityKind::Org;
            }
            named[a].merged = true;
        }
    }
    named.into_iter().filter(|n| !n.merged).map(|n| n.group).collect()
}
