//! The entities an index knows, read from its facet dictionaries, so
//! that a query can tell a known name ("Kuala Lumpur") from plain words.
//!
//! Each field's values are read on first use into one flat table: the
//! values one after another in a single string, merged from every
//! segment's term dictionary in order, with an ASCII-lower-case copy.
//! A look-up searches that copy for the words a match must contain and
//! runs the full name comparison only on the values found, so no value
//! is turned into a string of its own unless it is a candidate. A query
//! without entity cues reads no dictionary.
//!
//! The tables belong to one index snapshot ([`Vocabulary::load`] takes
//! a `Searcher`): a re-index gives a new snapshot and new tables.
//! Reading a large field's dictionaries costs milliseconds, more than
//! the rest of a search, so `newsdex index` saves the tables' text
//! (with [`crate::index::vocab`], which also reads the dictionaries for
//! both) and a search of the same segments reads a table from there
//! instead, with the same result.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use tantivy::schema::{Facet, Field};
use tantivy::{Searcher, Term};

use super::parse::{AlsoIn, Known, Lookup};
use crate::extract::canon::{self, By, Decision, Merges};
use crate::extract::EntityKind;
use crate::index::entities;
use crate::index::schema::FacetField;
use crate::index::vocab::{
    fields, is_path, read_values, segment_ids, Saved, SEP,
};
use crate::index::Fields;

/// Every distinct entity value of an index, by field. Each field's
/// dictionary is read on first use only.
#[derive(Default)]
pub struct Vocabulary {
    /// Where to read from; `None` for a vocabulary built from lists.
    source: Option<(Searcher, Fields)>,
    /// The tables `newsdex index` saved, when they describe the
    /// snapshot.
    saved: Option<Saved>,
    /// Field (its place in `FacetField::ALL`) → its values.
    tables: [OnceLock<Table>; FacetField::ALL.len()],
    /// The index folder, whose saved entity merges are read when they
    /// describe the snapshot; `None`: built from the dictionaries.
    dir: Option<PathBuf>,
    /// The user's corrections, applied to the merges.
    decisions: Vec<Decision>,
    /// Article counts by field and path (`Asia/Malaysia`), for a
    /// vocabulary built from lists (a cluster's aggregations).
    counts: std::collections::HashMap<(FacetField, String), u64>,
    /// The archive's entities of several forms, read on first use, and
    /// what the decisions named that the index does not know.
    merges: OnceLock<(EntityMerges, Vec<String>)>,
}

impl std::fmt::Debug for Vocabulary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Vocabulary").finish_non_exhaustive()
    }
}

/// The values of one field: facet paths (segments joined by `\0`, as
/// tantivy encodes them), sorted and distinct, each followed by `\n`.
#[derive(Default)]
struct Table {
    text: String,
    /// `text` with ASCII letters in lower case (same byte offsets).
    lower: String,
    /// Start of each value in `text`; its end is the next `\n`.
    starts: Vec<u32>,
    /// Values with non-ASCII characters, whose case folding a search
    /// of `lower` may not see: always candidates.
    non_ascii: Vec<u32>,
    /// Per value: which letters `a`..=`z` it contains, ignoring case
    /// (bit 0 for `a`); worked out on first use (acronym look-ups).
    letters: OnceLock<Vec<u32>>,
    /// Values written like an acronym: capitals and dots only.
    acronyms: Vec<u32>,
}

impl Table {
    fn push(&mut self, value: &str) {
        let i = self.starts.len() as u32;
        self.starts.push(self.text.len() as u32);
        self.note(i, value);
        self.text.push_str(value);
        self.text.push('\n');
    }

    /// The table of encoded paths, in any order, repeated or not.
    fn of_paths(paths: impl Iterator<Item = String>) -> Table {
        let mut paths: Vec<String> = paths.filter(|p| is_path(p)).collect();
        paths.sort();
        paths.dedup();
        let mut table = Table::default();
        for p in &paths {
            table.push(p);
        }
        table.finish()
    }

    fn finish(mut self) -> Table {
        self.lower = self.text.to_ascii_lowercase();
        self
    }

    /// The table whose `text` is `text`: what [`Table::push`] of each
    /// `\n`-terminated value gives, without copying the values or
    /// growing the lists (a search process pays for every page it
    /// touches).
    fn from_text(text: String) -> Table {
        let n = text.bytes().filter(|&b| b == b'\n').count();
        let mut table =
            Table { starts: Vec::with_capacity(n), ..Table::default() };
        let mut start = 0;
        for (i, value) in text.split_terminator('\n').enumerate() {
            table.starts.push(start as u32);
            start += value.len() + 1;
            table.note(i as u32, value);
        }
        Table { lower: text.to_ascii_lowercase(), text, ..table }
    }

    /// Files value `i` among the non-ASCII values and the acronyms.
    fn note(&mut self, i: u32, value: &str) {
        if !value.is_ascii() {
            self.non_ascii.push(i);
        }
        if value.bytes().all(|b| b.is_ascii_uppercase() || b == b'.') {
            self.acronyms.push(i);
        }
    }

    fn len(&self) -> usize {
        self.starts.len()
    }

    /// Which letters each value contains (see `letters`).
    fn letters(&self) -> &[u32] {
        self.letters.get_or_init(|| {
            (0..self.len()).map(|i| letters_mask(self.path(i))).collect()
        })
    }

    /// The encoded path of value `i`.
    fn path(&self, i: usize) -> &str {
        let start = self.starts[i] as usize;
        let end =
            self.starts.get(i + 1).map_or(self.text.len(), |&e| e as usize);
        &self.text[start..end - 1]
    }

    /// The last segment of value `i`: its name.
    fn name(&self, i: usize) -> &str {
        let path = self.path(i);
        path.rsplit(SEP).next().unwrap_or(path)
    }

    fn known(&self, field: FacetField, i: usize) -> Known {
        let path = self.path(i);
        Known {
            field,
            name: self.name(i).to_string(),
            path: path.replace(SEP, "/"),
            variants: Vec::new(),
            also: Vec::new(),
            bodies: Vec::new(),
            articles: 0,
        }
    }

    /// Values whose text contains `word` ignoring ASCII case, plus every
    /// value with non-ASCII characters; sorted. `None` when `word` cannot
    /// narrow the search (empty, or not ASCII): every value is then a
    /// candidate.
    fn containing(&self, word: &str) -> Option<Vec<usize>> {
        if word.is_empty() || !word.is_ascii() || word.contains('\n') {
            return None;
        }
        let needle = word.to_ascii_lowercase();
        let mut out: Vec<usize> =
            self.non_ascii.iter().map(|&i| i as usize).collect();
        // memchr's search (vectorised) finds what `str::match_indices`
        // does, several times faster over a large table.
        for at in memchr::memmem::find_iter(self.lower.as_bytes(), &needle) {
            let i = self.starts.partition_point(|&s| s as usize <= at) - 1;
            out.push(i);
        }
        out.sort_unstable();
        out.dedup();
        Some(out)
    }

    /// Values that contain every letter of `word` (an acronym) ignoring
    /// case, plus those with non-ASCII characters; `None` when `word`
    /// has letters outside `A`..=`Z`.
    fn with_letters(&self, word: &str) -> Option<Vec<usize>> {
        if !word.is_ascii() {
            return None;
        }
        let want = letters_mask(word);
        let mut out: Vec<usize> =
            self.non_ascii.iter().map(|&i| i as usize).collect();
        out.extend(
            self.letters()
                .iter()
                .enumerate()
                .filter(|(_, &m)| m & want == want)
                .map(|(i, _)| i),
        );
        out.sort_unstable();
        out.dedup();
        Some(out)
    }

    /// Values that may be a name `name_matches(query, value)` accepts:
    /// every match contains the query's last word (its possessive
    /// dropped) or, for an acronym, all of its letters.
    fn may_match(&self, query: &str) -> Vec<usize> {
        let all = || (0..self.len()).collect::<Vec<_>>();
        let Some(last) = query.split_whitespace().next_back() else {
            return Vec::new();
        };
        let word = drop_possessive(last);
        let Some(mut out) = self.containing(word) else {
            return all();
        };
        let letters: String = word.chars().filter(|c| *c != '.').collect();
        if !letters.is_empty() && letters.chars().all(char::is_uppercase) {
            let Some(more) = self.with_letters(&letters) else {
                return all();
            };
            out.extend(more);
            out.sort_unstable();
            out.dedup();
        }
        out
    }
}

/// A word without a trailing possessive (`'s`, `’s`, `'`), or a prefix
/// of it: what the word can be after `name_matches` drops one.
fn drop_possessive(word: &str) -> &str {
    let lower = word.to_ascii_lowercase();
    for suffix in ["'s", "’s"] {
        if lower.ends_with(suffix) && word.len() > suffix.len() {
            return &word[..word.len() - suffix.len()];
        }
    }
    word.trim_end_matches(['\'', '’'])
}

/// Which of the letters `a`..=`z` a text contains, ignoring case.
fn letters_mask(text: &str) -> u32 {
    text.bytes()
        .filter(u8::is_ascii_alphabetic)
        .fold(0, |m, b| m | 1 << (b.to_ascii_lowercase() - b'a'))
}

/// True when an encoded path equals a `/`-joined one, ignoring ASCII
/// case.
fn path_eq(encoded: &str, path: &str) -> bool {
    encoded.len() == path.len()
        && encoded.bytes().zip(path.bytes()).all(|(a, b)| {
            let a = if a == 0 { b'/' } else { a };
            a.eq_ignore_ascii_case(&b)
        })
}

/// Every facet path of a field (with ancestors, as tantivy indexes
/// them), from the term dictionaries of all segments.
fn read_table(searcher: &Searcher, field: Field) -> tantivy::Result<Table> {
    let mut table = Table::default();
    read_values(searcher, field, |value| table.push(value))?;
    Ok(table.finish())
}

impl Vocabulary {
    /// A vocabulary over an index snapshot; nothing is read yet. Tables
    /// come from `saved` when it was made from the snapshot's segments,
    /// else from the facet dictionaries.
    pub fn load(
        searcher: &Searcher,
        f: &Fields,
        saved: Option<Saved>,
    ) -> Self {
        let ids = segment_ids(searcher);
        Vocabulary {
            source: Some((searcher.clone(), *f)),
            saved: saved.filter(|s| s.describes(&ids)),
            ..Vocabulary::default()
        }
    }

    /// Reads the entity merges `newsdex index` saved in `dir` (when they
    /// describe the snapshot) and applies the user's `decisions` to them.
    pub fn with_entities(
        mut self,
        dir: &Path,
        decisions: Vec<Decision>,
    ) -> Self {
        self.dir = Some(dir.to_path_buf());
        self.decisions = decisions;
        self
    }

    /// Uses these merges, for tests.
    pub fn with_merges(self, merges: Merges) -> Self {
        let _ = self.merges.set((EntityMerges::Built(merges), Vec::new()));
        self
    }

    /// A vocabulary of every value of each field with its article count
    /// (paths with `/` between segments, every ancestor listed), and the
    /// entity merges: what a cluster's aggregations give.
    pub fn from_counts(
        values: BTreeMap<FacetField, Vec<(String, u64)>>,
        merges: Merges,
    ) -> Self {
        let mut vocab = Vocabulary::default();
        for (field, list) in values {
            let paths = list.iter().map(|(p, _)| p.replace('/', "\0"));
            let _ = vocab.tables[field as usize].set(Table::of_paths(paths));
            for (p, n) in list {
                vocab.counts.insert((field, p), n);
            }
        }
        vocab.with_merges(merges)
    }

    /// Builds a vocabulary from lists of paths, for tests.
    pub fn from_paths(
        mut values: BTreeMap<FacetField, Vec<Vec<String>>>,
    ) -> Self {
        let vocab = Vocabulary::default();
        for field in fields() {
            let paths = values.remove(&field).unwrap_or_default();
            let paths = paths.iter().map(|p| p.join("\0"));
            let _ = vocab.tables[field as usize].set(Table::of_paths(paths));
        }
        vocab
    }

    /// The values of a field, read on first use. An index that cannot
    /// be read counts as knowing no values (the search itself will
    /// report the error).
    fn table(&self, field: FacetField) -> &Table {
        static EMPTY: OnceLock<Table> = OnceLock::new();
        if !field.is_filter() {
            return EMPTY.get_or_init(Table::default);
        }
        self.tables[field as usize].get_or_init(|| {
            let saved = self.saved.as_ref().and_then(|s| s.table(field));
            match (saved, &self.source) {
                (Some(text), _) => Table::from_text(text),
                (None, Some((searcher, f))) => {
                    read_table(searcher, field.field(f)).unwrap_or_default()
                }
                (None, None) => Table::default(),
            }
        })
    }

    /// Number of distinct values of a field (for places: leaf places).
    pub fn count(&self, field: FacetField) -> usize {
        let table = self.table(field);
        if field != FacetField::Place {
            return table.len();
        }
        // A path is a leaf when the next one does not extend it.
        (0..table.len())
            .filter(|&i| {
                let p = table.path(i);
                i + 1 >= table.len() || {
                    let next = table.path(i + 1);
                    !(next.len() > p.len()
                        && next.starts_with(p)
                        && next.as_bytes()[p.len()] == 0)
                }
            })
            .count()
    }

    /// The known entities of `field` among the values `indices`.
    fn candidates<'a>(
        &'a self,
        field: FacetField,
        indices: impl IntoIterator<Item = usize> + 'a,
    ) -> impl Iterator<Item = Known> + 'a {
        let table = self.table(field);
        indices.into_iter().map(move |i| table.known(field, i))
    }

    /// Values of `field` whose name equals `name` ignoring ASCII case.
    fn named(&self, field: FacetField, name: &str) -> Vec<Known> {
        let table = self.table(field);
        let indices = table
            .containing(name)
            .unwrap_or_else(|| (0..table.len()).collect());
        indices
            .into_iter()
            .filter(|&i| table.name(i).eq_ignore_ascii_case(name))
            .map(|i| table.known(field, i))
            .collect()
    }

    /// Values of `field` that `name_matches(query, value)` may accept,
    /// as known entities.
    fn may_match(
        &self,
        field: FacetField,
        query: &str,
    ) -> impl Iterator<Item = Known> + '_ {
        let table = self.table(field);
        self.candidates(field, table.may_match(query))
    }
}

impl Lookup for Vocabulary {
    fn find(&self, name: &str, kinds: &[EntityKind]) -> Vec<Known> {
        // People and organisations: the archive's entities, kinds in the
        // order asked (a person cue prefers people). Places: below.
        for &kind in kinds {
            if matches!(kind, EntityKind::Person | EntityKind::Org) {
                let found = self.find_actor(name.trim(), kind);
                if !found.is_empty() {
                    return found;
                }
            }
        }
        let rest: Vec<EntityKind> = kinds
            .iter()
            .copied()
            .filter(|k| !matches!(k, EntityKind::Person | EntityKind::Org))
            .collect();
        if rest.is_empty() {
            return Vec::new();
        }
        self.find_plain(name, &rest)
    }

    fn find_source(&self, name: &str) -> Option<Known> {
        self.named(FacetField::Source, name.trim()).into_iter().next()
    }

    fn find_tag(&self, path: &str) -> Option<Known> {
        let table = self.table(FacetField::Tag);
        let last = path.rsplit('/').next().unwrap_or(path);
        let indices = table
            .containing(last)
            .unwrap_or_else(|| (0..table.len()).collect());
        indices
            .into_iter()
            .find(|&i| path_eq(table.path(i), path))
            .map(|i| table.known(FacetField::Tag, i))
    }
}

impl Vocabulary {
    fn find_plain(&self, name: &str, kinds: &[EntityKind]) -> Vec<Known> {
        let name = name.trim();
        let fields: Vec<FacetField> =
            kinds.iter().map(|&k| FacetField::of_kind(k)).collect();
        // 1. Exact canonical name, case-insensitive. For places the
        //    shortest path wins ("Asia" the continent, not a city).
        let mut exact: Vec<Known> =
            fields.iter().flat_map(|&f| self.named(f, name)).collect();
        let place = FacetField::Place;
        // A place the gazetteer knows by this name ("U.S.") goes before a
        // value outside it that is written alike ("Other/U.s.").
        let unknown = |k: &Known| {
            k.field == place
                && k.path.starts_with(crate::extract::entities::UNKNOWN_PLACE)
        };
        let outside = if exact.iter().all(unknown) && fields.contains(&place) {
            std::mem::take(&mut exact)
        } else {
            Vec::new()
        };
        if exact.is_empty() && fields.contains(&place) {
            // 2. A place alias or a path: "U.S.", "Asia/Malaysia".
            for canonical in crate::extract::place_aliases(name) {
                exact.extend(self.named(place, &canonical));
            }
            let path = name.trim_matches('/');
            let table = self.table(place);
            let last = path.rsplit('/').next().unwrap_or(path);
            let indices = table
                .containing(last)
                .unwrap_or_else(|| (0..table.len()).collect());
            exact.extend(
                indices
                    .into_iter()
                    .filter(|&i| path_eq(table.path(i), path))
                    .map(|i| table.known(place, i)),
            );
            if exact.is_empty() {
                exact = outside;
            }
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
            if exact.iter().all(|k| k.field == place) {
                exact.truncate(1);
                // Where the place lay under a former state: "Germany"
                // also finds the 1987 story filed under West Germany.
                let earlier =
                    crate::extract::places::earlier_paths(&exact[0].path);
                exact[0].variants.extend(earlier);
                return exact;
            }
            // A bare surname some articles used ("Bessent"): when exactly
            // one full name of the index has it, the two are one person.
            if let [bare] = exact.as_slice() {
                if !bare.name.contains(' ') {
                    let full: Vec<Known> = self
                        .may_match(bare.field, name)
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
            .filter(|f| **f != place)
            .flat_map(|&f| self.may_match(f, name))
            .filter(|k| crate::extract::name_matches(name, &k.name))
            .collect();
        partial.dedup();
        partial
    }

    /// The merges of the archive's entities, with the user's decisions
    /// applied, and a message for each decision that names nothing the
    /// index knows. Without decisions, the saved merges are read on
    /// demand (a search needs a few entities of thousands).
    pub fn merges(&self) -> &(EntityMerges, Vec<String>) {
        self.merges.get_or_init(|| {
            let Some((searcher, f)) = &self.source else {
                return (EntityMerges::Built(Merges::default()), Vec::new());
            };
            let saved = self
                .dir
                .as_deref()
                .and_then(|d| entities::load_saved(d, searcher));
            let mut merges = match saved {
                Some(saved) if self.decisions.is_empty() => {
                    return (EntityMerges::Saved(saved), Vec::new());
                }
                Some(saved) => saved.to_merges().unwrap_or_default(),
                // An index that cannot be read counts as merging
                // nothing; the search itself reports the error.
                None => entities::read_table(searcher, f)
                    .map(|t| t.merges())
                    .unwrap_or_default(),
            };
            let articles = |kind: EntityKind, value: &str| {
                let field = FacetField::of_kind(kind).field(f);
                let term = Term::from_facet(field, &Facet::from_path([value]));
                u32::try_from(searcher.doc_freq(&term).unwrap_or(0))
                    .unwrap_or(u32::MAX)
            };
            let unknown = merges.apply(&self.decisions, &articles);
            let notes = super::aliases::unknown_notes(unknown, "in the index");
            (EntityMerges::Built(merges), notes)
        })
    }

    /// Reads the merges now and, when they are the saved ones, parses
    /// every entity once ([`entities::SavedMerges::keep_in_memory`]):
    /// for a server, which looks entities up for every answer.
    pub fn keep_merges_in_memory(&mut self) {
        self.merges();
        if let Some((EntityMerges::Saved(saved), _)) = self.merges.get_mut() {
            saved.keep_in_memory();
        }
    }

    /// What the user's decisions named that the index does not know
    /// (nothing, and nothing read, without decisions).
    pub fn merges_notes(&self) -> &[String] {
        if self.decisions.is_empty() {
            return &[];
        }
        &self.merges().1
    }

    /// Articles that carry the value `value` of `field` (0 when unknown).
    pub fn article_count(&self, field: FacetField, value: &str) -> u64 {
        self.articles(field, value)
    }

    /// Articles that carry the value `value` of `field` (0 when unknown).
    fn articles(&self, field: FacetField, value: &str) -> u64 {
        let Some((searcher, f)) = &self.source else {
            let key = (field, value.trim_matches('/').to_string());
            return self.counts.get(&key).copied().unwrap_or(0);
        };
        let term = Term::from_facet(
            field.field(f),
            &Facet::from_path(value.split('/').filter(|s| !s.is_empty())),
        );
        searcher.doc_freq(&term).unwrap_or(0)
    }

    /// The entity a value of `field` names: its merged entity (with every
    /// form), or the value alone. `None` for a value a user dropped.
    pub fn entity_of(&self, mut known: Known) -> Option<Known> {
        let Some(kind) = known.field.kind() else { return Some(known) };
        let merges = &self.merges().0;
        if merges.is_dropped(kind, &known.name) {
            return None;
        }
        match merges.get(By::Value, kind, &known.name) {
            Some(e) => Some(known_entity(&e)),
            None => {
                known.articles = self.articles(known.field, &known.path);
                Some(known)
            }
        }
    }

    /// The canonical name of the value `value` of `field` and whether a
    /// user dropped it: what facets and hits show for it.
    pub fn canonical<'a>(
        &self,
        field: FacetField,
        value: &'a str,
    ) -> Option<Cow<'a, str>> {
        let Some(kind) = field.kind() else {
            return Some(Cow::Borrowed(value));
        };
        let merges = &self.merges().0;
        if merges.is_dropped(kind, value) {
            return None;
        }
        match merges.get(By::Value, kind, value) {
            Some(e) if e.kind == kind => Some(Cow::Owned(e.name.clone())),
            // Moved to another kind by the user: not one of this field's.
            Some(_) => None,
            None => Some(Cow::Borrowed(value)),
        }
    }

    /// The people or organisations `name` may mean, most articles first
    /// (see [`Lookup::find`]): the entity of a value equal to it ignoring
    /// case, or of an alias; else the entities of which it is a partial
    /// name (a surname, a name after a title). A bare name that is its
    /// own entity brings the full names it may be part of along, so a
    /// note can list them. An acronym means only what it was seen as.
    fn find_actor(&self, name: &str, kind: EntityKind) -> Vec<Known> {
        let field = FacetField::of_kind(kind);
        let merges = &self.merges().0;
        let mut out: Vec<Known> = Vec::new();
        let push = |k: Known, out: &mut Vec<Known>| {
            if !out.iter().any(|o| o.field == k.field && o.name == k.name) {
                out.push(k);
            }
        };
        for by in [By::Alias, By::Name] {
            if let Some(e) = merges.get(by, kind, name) {
                push(known_entity(&e), &mut out);
            }
        }
        for k in self.named(field, name) {
            if let Some(k) = self.entity_of(k) {
                push(k, &mut out);
            }
        }
        let acronym = name.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && !name.chars().any(char::is_lowercase);
        let bare_alone = matches!(out.as_slice(), [one]
            if !one.name.contains(' ') && one.variants.is_empty());
        if (out.is_empty() || bare_alone) && !acronym {
            for k in self.may_match(field, name) {
                if k.name.contains(' ')
                    && crate::extract::name_matches(name, &k.name)
                {
                    if let Some(k) = self.entity_of(k) {
                        push(k, &mut out);
                    }
                }
            }
        }
        out.sort_by(|a, b| {
            b.articles.cmp(&a.articles).then_with(|| a.name.cmp(&b.name))
        });
        out
    }
}

/// The archive's entity merges as a search reads them: the saved file,
/// an entity at a time, or all of them in memory (built from the index,
/// or changed by the user's decisions).
#[derive(Debug)]
pub enum EntityMerges {
    /// Read on demand from `newsdex-entities.txt`.
    Saved(entities::SavedMerges),
    /// In memory.
    Built(Merges),
}

impl EntityMerges {
    /// The merged entity `name` names, looked up as `by` says.
    pub fn get(
        &self,
        by: By,
        kind: EntityKind,
        name: &str,
    ) -> Option<Cow<'_, canon::Entity>> {
        match self {
            EntityMerges::Saved(s) => s.get(by, kind, name),
            EntityMerges::Built(m) => m.get(by, kind, name).map(Cow::Borrowed),
        }
    }

    /// True when a user dropped the value (only decisions drop).
    pub fn is_dropped(&self, kind: EntityKind, value: &str) -> bool {
        match self {
            EntityMerges::Saved(_) => false,
            EntityMerges::Built(m) => m.is_dropped(kind, value),
        }
    }

    /// Every merge, in memory.
    pub fn all(&self) -> Cow<'_, Merges> {
        match self {
            EntityMerges::Saved(s) => {
                Cow::Owned(s.to_merges().unwrap_or_default())
            }
            EntityMerges::Built(m) => Cow::Borrowed(m),
        }
    }
}

/// The filter of an entity of several forms: its canonical name, the
/// forms of its own field as variants, those of other fields as `also`,
/// the values of its bodies as `bodies`.
pub(crate) fn known_entity(e: &canon::Entity) -> Known {
    let field = FacetField::of_kind(e.kind);
    let mut variants: Vec<String> = Vec::new();
    let mut also: Vec<AlsoIn> = Vec::new();
    for f in &e.forms {
        if f.kind == e.kind {
            if f.name != e.name {
                variants.push(f.name.clone());
            }
        } else {
            also.push(AlsoIn {
                field: FacetField::of_kind(f.kind),
                value: f.name.clone(),
            });
        }
    }
    Known {
        field,
        name: e.name.clone(),
        path: e.name.clone(),
        variants,
        also,
        bodies: e.bodies.clone(),
        articles: u64::from(e.articles),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_from_its_text_is_the_table() {
        let values = ["19.00N Desiccated", "A.", "ASEAN", "He Lifeng", "Zoë"];
        let mut pushed = Table::default();
        for v in values {
            pushed.push(v);
        }
        let pushed = pushed.finish();
        let read = Table::from_text(pushed.text.clone());
        assert_eq!(read.text, pushed.text);
        assert_eq!(read.lower, pushed.lower);
        assert_eq!(read.starts, pushed.starts);
        assert_eq!(read.non_ascii, pushed.non_ascii);
        assert_eq!(read.letters(), pushed.letters());
        assert_eq!(read.letters()[2], letters_mask("ASEAN"));
        assert_eq!(read.acronyms, pushed.acronyms);
        assert_eq!(read.acronyms, [1, 2]);
        assert_eq!(Table::from_text(String::new()).len(), 0);
    }

    fn people_and_orgs(people: &[&str], orgs: &[&str]) -> Vocabulary {
        let one = |s: &&str| vec![s.to_string()];
        Vocabulary::from_paths(BTreeMap::from([
            (FacetField::Person, people.iter().map(one).collect()),
            (FacetField::Org, orgs.iter().map(one).collect()),
        ]))
    }

    fn names(found: &[Known]) -> Vec<&str> {
        found.iter().map(|k| k.name.as_str()).collect()
    }

    #[test]
    fn a_surname_or_a_titled_name_finds_every_full_name_with_it() {
        let v =
            people_and_orgs(&["James Baker", "Howard Baker", "Li Qiang"], &[]);
        let person = [EntityKind::Person, EntityKind::Org];
        let found = v.find("baker", &person);
        let mut baker = names(&found);
        baker.sort_unstable();
        assert_eq!(baker, ["Howard Baker", "James Baker"]);
        assert_eq!(v.find("President Baker", &person).len(), 2);
        // A family name comes first.
        let li = v.find("Li", &person);
        assert_eq!(names(&li), ["Li Qiang"]);
        // A first name alone is no name of anyone, nor are initials.
        assert!(v.find("Howard", &person).is_empty());
        assert!(v.find("HB", &person).is_empty());
    }

    #[test]
    fn a_person_cue_prefers_people_then_organisations() {
        let v = people_and_orgs(&["Ivan Boesky"], &["Boesky", "GATT"]);
        let person = [EntityKind::Person, EntityKind::Org];
        let found = v.find("Boesky", &person);
        assert_eq!(names(&found), ["Ivan Boesky"]);
        assert_eq!(found[0].field, FacetField::Person);
        assert_eq!(v.find("GATT", &person)[0].field, FacetField::Org);
    }

    #[test]
    fn leaf_places_are_counted() {
        let p = |s: &str| s.split('/').map(str::to_string).collect::<Vec<_>>();
        let v = Vocabulary::from_paths(BTreeMap::from([(
            FacetField::Place,
            vec![
                p("Asia"),
                p("Asia/Malaysia"),
                p("Asia/Malaysia/Kuala Lumpur"),
                p("Europe"),
                p("Europe/France"),
            ],
        )]));
        assert_eq!(v.count(FacetField::Place), 2);
        let found = v.find("malaysia", &[EntityKind::Place]);
        assert_eq!(found[0].path, "Asia/Malaysia");
    }

    /// An index in `dir` with one document per list of people, and a
    /// place, committed once.
    fn index_in(dir: &std::path::Path, people: &[&[&str]]) -> Searcher {
        use tantivy::schema::Facet;
        let (index, f) = crate::index::open_or_create(dir).unwrap();
        let mut w = index.writer_with_num_threads(1, 15_000_000).unwrap();
        for names in people {
            let mut doc = tantivy::TantivyDocument::default();
            for n in *names {
                doc.add_facet(f.person, Facet::from_path([n]));
            }
            doc.add_facet(f.place, Facet::from_path(["Asia", "Malaysia"]));
            w.add_document(doc).unwrap();
        }
        w.commit().unwrap();
        index.reader().unwrap().searcher()
    }

    #[test]
    fn saved_tables_stand_in_for_the_dictionaries_of_the_same_segments() {
        use crate::index::vocab::{save, save_index, tables};
        let dir = tempfile::tempdir().unwrap();
        let people: &[&[&str]] =
            &[&["Scott Bessent", "Bessent"], &["He Lifeng"], &["Li Qiang"]];
        let searcher = index_in(dir.path(), people);
        let (_, f) = crate::index::open(dir.path()).unwrap();
        let ids = segment_ids(&searcher);
        save(dir.path(), &ids, &tables(&searcher, &f).unwrap()).unwrap();
        let read = Vocabulary::load(&searcher, &f, None);
        let saved = Vocabulary::load(&searcher, &f, Saved::open(dir.path()));
        assert!(saved.saved.is_some());
        let actor = [EntityKind::Person, EntityKind::Org];
        for name in ["Bessent", "scott bessent", "He", "Lifeng", "Li", "Xi"] {
            assert_eq!(read.find(name, &actor), saved.find(name, &actor));
        }
        let place = [EntityKind::Place];
        assert_eq!(
            read.find("malaysia", &place),
            saved.find("malaysia", &place)
        );
        assert_eq!(read.count(FacetField::Place), 1);
        assert_eq!(saved.count(FacetField::Place), 1);

        // What the file says is what is used (a field it lacks is read
        // from the index) ...
        save(dir.path(), &ids, &[(FacetField::Person, "Zed Fake\n".into())])
            .unwrap();
        let forged = Vocabulary::load(&searcher, &f, Saved::open(dir.path()));
        let found = forged.find("Fake", &actor);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].name, "Zed Fake");
        assert!(forged.find("Bessent", &actor).is_empty());
        assert_eq!(forged.find("malaysia", &place).len(), 1);
        // Saving again for the same segments leaves the file alone.
        let (index, _) = crate::index::open(dir.path()).unwrap();
        save_index(dir.path(), &index, &f).unwrap();
        let again = Vocabulary::load(&searcher, &f, Saved::open(dir.path()));
        assert_eq!(again.find("Fake", &actor).len(), 1);
        // ... for the segments it was made from only.
        save(
            dir.path(),
            &["0123"],
            &[(FacetField::Person, "Zed Fake\n".into())],
        )
        .unwrap();
        let stale = Vocabulary::load(&searcher, &f, Saved::open(dir.path()));
        assert!(stale.saved.is_none());
        assert!(stale.find("Fake", &actor).is_empty());
        assert_eq!(
            read.find("Bessent", &actor),
            stale.find("Bessent", &actor)
        );
    }

    #[test]
    fn a_table_whose_values_hold_a_newline_is_not_saved() {
        let dir = tempfile::tempdir().unwrap();
        let searcher = index_in(dir.path(), &[&["Odd\nName", "Ann Lee"]]);
        let (_, f) = crate::index::open(dir.path()).unwrap();
        let saved = crate::index::vocab::tables(&searcher, &f).unwrap();
        let fields: Vec<FacetField> = saved.iter().map(|t| t.0).collect();
        assert!(!fields.contains(&FacetField::Person), "{fields:?}");
        assert!(fields.contains(&FacetField::Place), "{fields:?}");
    }
}
