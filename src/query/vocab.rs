//! The entities an index knows, read from its facet dictionaries, so
//! that a query can tell a known name ("Kuala Lumpur") from plain words.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use tantivy::schema::{Facet, Field};
use tantivy::Searcher;

use super::parse::{Known, Lookup};
use crate::extract::EntityKind;
use crate::index::Fields;

/// The fields a vocabulary knows, by public name.
const FIELDS: [&str; 6] = ["person", "org", "misc", "place", "source", "tag"];

/// Every distinct entity value of an index, by field. Each field's
/// dictionary is read on first use only: a query without entity cues
/// reads none.
#[derive(Default)]
pub struct Vocabulary {
    /// Where to read from; `None` for a vocabulary built from lists.
    source: Option<(Searcher, [Field; 6])>,
    /// field index (in `FIELDS`) → facet paths (segments), sorted.
    values: [OnceLock<Vec<Vec<String>>>; 6],
}

impl std::fmt::Debug for Vocabulary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Vocabulary").finish_non_exhaustive()
    }
}

impl Vocabulary {
    /// A vocabulary over an index snapshot; nothing is read yet.
    pub fn load(searcher: &Searcher, f: &Fields) -> Self {
        let fields = [f.person, f.org, f.misc, f.place, f.source, f.tag];
        Vocabulary {
            source: Some((searcher.clone(), fields)),
            values: Default::default(),
        }
    }

    /// Builds a vocabulary from lists of paths, for tests.
    pub fn from_paths(
        mut values: BTreeMap<&'static str, Vec<Vec<String>>>,
    ) -> Self {
        let vocab = Vocabulary::default();
        for (i, name) in FIELDS.iter().enumerate() {
            let _ =
                vocab.values[i].set(values.remove(name).unwrap_or_default());
        }
        vocab
    }

    /// The sorted paths of a field, read on first use. An index that
    /// cannot be read counts as knowing no values (the search itself
    /// will report the error).
    fn paths(&self, field: &str) -> &[Vec<String>] {
        let Some(i) = FIELDS.iter().position(|f| *f == field) else {
            return &[];
        };
        self.values[i].get_or_init(|| match &self.source {
            Some((searcher, fields)) => {
                facet_paths(searcher, fields[i]).unwrap_or_default()
            }
            None => Vec::new(),
        })
    }

    /// Number of distinct values of a field (for places: leaf places).
    pub fn count(&self, field: &str) -> usize {
        let paths = self.paths(field);
        if field != "place" {
            return paths.len();
        }
        // A path is a leaf when no other path extends it.
        paths
            .iter()
            .enumerate()
            .filter(|(i, p)| {
                paths.get(i + 1).is_none_or(|next| {
                    next.len() <= p.len() || next[..p.len()] != p[..]
                })
            })
            .count()
    }

    fn candidates(
        &self,
        field: &'static str,
    ) -> impl Iterator<Item = Known> + '_ {
        self.paths(field).iter().map(move |p| Known {
            field,
            name: p.last().cloned().unwrap_or_default(),
            path: p.join("/"),
            variants: Vec::new(),
        })
    }
}

/// All facet paths of a field (with ancestors, as tantivy indexes them).
fn facet_paths(
    searcher: &Searcher,
    field: Field,
) -> tantivy::Result<Vec<Vec<String>>> {
    let mut seen = std::collections::BTreeSet::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let mut stream = inverted.terms().stream()?;
        while stream.advance() {
            let Ok(facet) = Facet::from_encoded(stream.key().to_vec()) else {
                continue;
            };
            let path: Vec<String> =
                facet.to_path().into_iter().map(str::to_string).collect();
            // The root facet decodes to one empty segment: skip it.
            if !path.is_empty() && path.iter().all(|s| !s.is_empty()) {
                seen.insert(path);
            }
        }
    }
    Ok(seen.into_iter().collect())
}

impl Lookup for Vocabulary {
    fn find(&self, name: &str, kinds: &[EntityKind]) -> Vec<Known> {
        self.find_plain(name, kinds)
            .into_iter()
            .map(|k| self.with_variants(k))
            .collect()
    }

    fn find_source(&self, name: &str) -> Option<Known> {
        self.candidates("source")
            .find(|k| k.name.eq_ignore_ascii_case(name.trim()))
    }

    fn find_tag(&self, path: &str) -> Option<Known> {
        self.candidates("tag").find(|k| k.path.eq_ignore_ascii_case(path))
    }
}

impl Vocabulary {
    fn find_plain(&self, name: &str, kinds: &[EntityKind]) -> Vec<Known> {
        let name = name.trim();
        let fields: Vec<&'static str> =
            kinds.iter().map(|k| k.as_str()).collect();
        // 1. Exact canonical name, case-insensitive. For places the
        //    shortest path wins ("Asia" the continent, not a city).
        let mut exact: Vec<Known> = fields
            .iter()
            .flat_map(|f| self.candidates(f))
            .filter(|k| k.name.eq_ignore_ascii_case(name))
            .collect();
        if exact.is_empty() && fields.contains(&"place") {
            // 2. A place alias or a path: "U.S.", "Asia/Malaysia".
            for canonical in crate::extract::place_aliases(name) {
                exact.extend(
                    self.candidates("place")
                        .filter(|k| k.name.eq_ignore_ascii_case(&canonical)),
                );
            }
            exact.extend(self.candidates("place").filter(|k| {
                k.path.eq_ignore_ascii_case(name.trim_matches('/'))
            }));
        }
        if !exact.is_empty() {
            exact.sort_by_key(|k| {
                (k.path.matches('/').count(), k.path.clone())
            });
            exact.dedup_by(|a, b| a.field == b.field && a.path == b.path);
            // The same name under two kinds (the tagger called someone
            // an organisation once): the first kind asked for wins.
            if let Some(first) =
                fields.iter().find(|f| exact.iter().any(|k| k.field == **f))
            {
                exact.retain(|k| k.field == *first);
            }
            if exact.iter().all(|k| k.field == "place") {
                exact.truncate(1);
                return exact;
            }
            // A bare surname some articles used ("Bessent"): when exactly
            // one full name of the index has it, the two are one person.
            if let [bare] = exact.as_slice() {
                if !bare.name.contains(' ') {
                    let full: Vec<Known> = self
                        .candidates(bare.field)
                        .filter(|k| k.name.contains(' '))
                        .filter(|k| {
                            crate::extract::name_matches(name, &k.name)
                        })
                        .collect();
                    if let [one] = full.as_slice() {
                        let mut one = one.clone();
                        one.variants.push(bare.path.clone());
                        return vec![one];
                    }
                }
            }
            return exact;
        }
        // 3. A partial name: surname, title + surname, first names.
        let mut partial: Vec<Known> = fields
            .iter()
            .filter(|f| **f != "place")
            .flat_map(|f| self.candidates(f))
            .filter(|k| crate::extract::name_matches(name, &k.name))
            .collect();
        partial.dedup();
        partial
    }

    /// Adds, to a full name, the bare surname entries of the same field
    /// that can only mean it.
    pub fn with_variants(&self, mut known: Known) -> Known {
        if known.field == "place" || !known.name.contains(' ') {
            return known;
        }
        for bare in
            self.candidates(known.field).filter(|k| !k.name.contains(' '))
        {
            if !crate::extract::name_matches(&bare.name, &known.name) {
                continue;
            }
            let rivals = self
                .candidates(known.field)
                .filter(|k| k.name.contains(' '))
                .filter(|k| crate::extract::name_matches(&bare.name, &k.name))
                .count();
            if rivals == 1 && !known.variants.contains(&bare.path) {
                known.variants.push(bare.path);
            }
        }
        known
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leaf_places_are_counted() {
        let p = |s: &str| s.split('/').map(str::to_string).collect::<Vec<_>>();
        let v = Vocabulary::from_paths(BTreeMap::from([(
            "place",
            vec![
                p("Asia"),
                p("Asia/Malaysia"),
                p("Asia/Malaysia/Kuala Lumpur"),
                p("Europe"),
                p("Europe/France"),
            ],
        )]));
        assert_eq!(v.count("place"), 2);
        let found = v.find("malaysia", &[EntityKind::Place]);
        assert_eq!(found[0].path, "Asia/Malaysia");
    }
}
