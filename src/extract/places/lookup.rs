//! Parsing the place table into a [`Gazetteer`] and looking names up:
//! the two name indexes (acronyms as written, everything else folded),
//! the prior of each place, and a look-up that scans the table without
//! parsing it, for searches.

use std::collections::HashMap;

use super::{
    Entry, Error, Gazetteer, Group, Keyed, Place, PlaceId, PlaceKind,
    SurfaceIndex, Via, TABLE,
};
use crate::extract::text::{
    fold, fold_each, folds_to, has_no_lowercase,
    strip_possessive_or_apostrophe,
};
use crate::hash::{fnv1a, FNV_OFFSET};

impl SurfaceIndex {
    /// Builds the index; candidates are ordered by prior + via bonus.
    fn build(mut items: Vec<Keyed>, prior: &[f32]) -> SurfaceIndex {
        // One item per (key, place), keeping its strongest via.
        items.sort_unstable_by(|a, b| {
            a.0.cmp(&b.0).then(a.2.cmp(&b.2)).then(b.3.cmp(&a.3))
        });
        items.dedup_by(|later, kept| later.0 == kept.0 && later.2 == kept.2);
        let mut index = SurfaceIndex::default();
        let mut start = 0;
        while start < items.len() {
            let key = items[start].0;
            let end = start
                + items[start..].iter().take_while(|i| i.0 == key).count();
            // Best prior first within the group (groups are tiny).
            let group = &mut items[start..end];
            let score =
                |item: &Keyed| prior[item.2.index()] + via_bonus(item.3);
            group.sort_by(|a, b| {
                score(b).total_cmp(&score(a)).then(a.2.cmp(&b.2))
            });
            let group = Group {
                surface: items[start].1,
                start: start as u32,
                end: end as u32,
            };
            index.keys.push(key);
            index.groups.push(group);
            start = end;
        }
        index.slots = slot_table(&index.keys);
        index.ids = items.iter().map(|item| item.2).collect();
        index.via = items.iter().map(|item| item.3).collect();
        index
    }

    /// The candidates under `key`, if `confirm` accepts the group's surface.
    fn get(
        &self,
        key: u64,
        confirm: impl Fn(&str) -> bool,
    ) -> Option<Entry<'_>> {
        let at = self.position(key)?;
        let group = self.groups[at];
        if !confirm(group.surface) {
            return None;
        }
        let range = group.start as usize..group.end as usize;
        Some(Entry { ids: &self.ids[range.clone()], via: &self.via[range] })
    }
}

impl SurfaceIndex {
    /// The position of `key` in `keys`.
    pub(super) fn position(&self, key: u64) -> Option<usize> {
        let mask = self.slots.len().checked_sub(1)?;
        let mut slot = slot_of(key, mask);
        loop {
            let at = *self.slots.get(slot)?;
            if at == u32::MAX {
                return None;
            }
            if self.keys[at as usize] == key {
                return Some(at as usize);
            }
            slot = (slot + 1) & mask;
        }
    }
}

/// The first slot of `key` in a table of `mask + 1` slots: Fibonacci
/// hashing, whose high bits mix every bit of the key.
fn slot_of(key: u64, mask: usize) -> usize {
    let bits = mask.count_ones();
    if bits == 0 {
        return 0;
    }
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - bits)) as usize
}

/// The slots of [`SurfaceIndex::slots`] for distinct `keys`.
fn slot_table(keys: &[u64]) -> Vec<u32> {
    let size = (keys.len() * 2).next_power_of_two().max(2);
    let mask = size - 1;
    let mut slots = vec![u32::MAX; size];
    for (at, &key) in keys.iter().enumerate() {
        let mut slot = slot_of(key, mask);
        while slots[slot] != u32::MAX {
            slot = (slot + 1) & mask;
        }
        slots[slot] = at as u32;
    }
    slots
}

/// A demonym row without a place to point to.
fn demonym_error(row: usize, word: &str) -> Error {
    Error::DemonymTarget { row, word: word.to_string() }
}

/// The key of a surface matched as written.
fn exact_key(surface: &str) -> u64 {
    fnv1a(FNV_OFFSET, surface.as_bytes())
}

/// The key of a surface matched by its folded form.
pub(super) fn folded_key(surface: &str) -> u64 {
    let mut hash = FNV_OFFSET;
    fold_each(surface, |c| {
        hash = fnv1a(hash, c.encode_utf8(&mut [0; 4]).as_bytes());
    });
    hash
}

impl Gazetteer {
    /// Candidate places for a surface, most likely first (the prior of the
    /// module docs, without context).
    ///
    /// Case, accents, periods and hyphens are ignored ("kuala lumpur",
    /// "Sao Paulo", "Port au Prince"), and so is a trailing possessive
    /// ("Malaysia's"). Acronyms ("US", "UK", "U.S.", "UAE") only match as
    /// written, so "us" is no place.
    pub fn lookup(&self, surface: &str) -> &[PlaceId] {
        self.entry(surface).map_or(&[], |entry| entry.ids)
    }

    /// The place behind an id.
    pub fn place(&self, id: PlaceId) -> &Place {
        &self.places[id.index()]
    }

    /// Number of places.
    pub fn len(&self) -> usize {
        self.places.len()
    }

    /// True if the gazetteer has no places (never for the embedded one).
    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }

    /// All places with their ids, in table order.
    pub fn places(&self) -> impl Iterator<Item = (PlaceId, &Place)> + '_ {
        self.places
            .iter()
            .enumerate()
            .map(|(index, place)| (PlaceId(index as u32), place))
    }

    pub(super) fn entry(&self, surface: &str) -> Option<Entry<'_>> {
        let surface = surface.trim();
        let bare = strip_possessive_or_apostrophe(surface);
        let forms = [surface, bare];
        let forms = if bare == surface { &forms[..1] } else { &forms[..] };
        for &form in forms {
            let hit = self.exact.get(exact_key(form), |have| have == form);
            if hit.is_some() {
                return hit;
            }
        }
        if is_code(surface) {
            return None;
        }
        forms.iter().find_map(|&form| {
            let want = fold(form);
            // The key of `form` hashes its folded bytes: hash `want`
            // rather than fold `form` again.
            let key = fnv1a(FNV_OFFSET, want.as_bytes());
            self.folded.get(key, |have| folds_to(have, &want))
        })
    }

    pub(super) fn parse(table: &'static str) -> Result<Gazetteer, Error> {
        // Reserve up front: growing these vectors costs more than parsing.
        let lines = table.bytes().filter(|&b| b == b'\n').count() + 1;
        let names = lines + table.bytes().filter(|&b| b == b'|').count();
        let mut places: Vec<Place> = Vec::with_capacity(lines);
        let mut surfaces: Vec<(&'static str, PlaceId, Via)> =
            Vec::with_capacity(names + lines);
        let mut neighbour_codes: Vec<(PlaceId, &'static str)> = Vec::new();
        let mut demonym_rows: Vec<(usize, &'static str, usize)> = Vec::new();
        let mut row_place: Vec<Option<PlaceId>> = Vec::with_capacity(lines);
        let rows = table
            .split('\n')
            .filter(|line| !line.is_empty() && !line.starts_with('#'));
        for (row, line) in rows.enumerate() {
            let mut fields = line.split('\t');
            let mut field = || fields.next().ok_or(Error::Short { row });
            let kind = field()?;
            let name = field()?;
            let parent = field()?;
            let population = field()?;
            let alt_names = field()?;
            let capital = field()?;
            let code = field()?;
            let neighbours = field()?;
            let aliases = field()?;
            let variants = field()?;
            // Read by `era.rs`, which scans the table's head for it.
            let _former = field()?;
            let parent_row = match parent {
                "" => None,
                text => Some(text.parse::<usize>().map_err(|_| {
                    Error::Number { row, text: text.to_string() }
                })?),
            };
            if kind == "demonym" {
                let target =
                    parent_row.ok_or_else(|| demonym_error(row, name))?;
                demonym_rows.push((row, name, target));
                row_place.push(None);
                continue;
            }
            let kind = place_kind(kind)
                .ok_or_else(|| Error::Kind { row, kind: kind.to_string() })?;
            let id = PlaceId(places.len() as u32);
            let parent = match parent_row {
                None => None,
                Some(at) => {
                    let found = row_place.get(at).copied().flatten();
                    Some(found.ok_or(Error::Parent { row, parent: at })?)
                }
            };
            let (mut path, country, admin) = match parent {
                None => (Vec::with_capacity(1), None, None),
                Some(parent) => {
                    let up = &places[parent.index()];
                    let mut path = Vec::with_capacity(up.path.len() + 1);
                    path.extend_from_slice(&up.path);
                    (path, up.country, up.admin)
                }
            };
            path.push(name);
            let number = |text: &str| {
                text.parse::<u64>()
                    .map_err(|_| Error::Number { row, text: text.to_string() })
            };
            places.push(Place {
                name,
                kind,
                parent,
                path,
                population: number(population)?,
                country: if kind == PlaceKind::Country {
                    Some(id)
                } else {
                    country
                },
                admin: if kind == PlaceKind::Admin { Some(id) } else { admin },
                capital: capital == "1",
                code,
                alt_names: number(alt_names)? as u32,
                neighbours: Vec::new(),
            });
            row_place.push(Some(id));
            if !neighbours.is_empty() {
                neighbour_codes.push((id, neighbours));
            }
            surfaces.push((name, id, Via::Name));
            for (list, via) in
                [(aliases, Via::Alias), (variants, Via::Variant)]
            {
                surfaces.extend(
                    list.split('|')
                        .filter(|alias| !alias.is_empty())
                        .map(|alias| (alias, id, via)),
                );
            }
        }

        let by_code: HashMap<&str, PlaceId> = places
            .iter()
            .enumerate()
            .filter(|(_, place)| place.kind == PlaceKind::Country)
            .map(|(index, place)| (place.code, PlaceId(index as u32)))
            .collect();
        for (id, codes) in neighbour_codes {
            places[id.index()].neighbours = codes
                .split(',')
                .filter_map(|code| by_code.get(code).copied())
                .collect();
        }

        let prior: Vec<f32> = places.iter().map(base_prior).collect();
        let (acronyms, words): (Vec<_>, Vec<_>) =
            surfaces.iter().partition(|(surface, _, _)| as_written(surface));
        let mut exact: Vec<Keyed> = acronyms
            .iter()
            .flat_map(|&(surface, id, via)| {
                let bare = surface.strip_suffix('.').filter(|b| !b.is_empty());
                std::iter::once(surface)
                    .chain(bare)
                    .map(move |s| (exact_key(s), s, id, via))
            })
            .collect();
        // A surface written as an abbreviation without its period ("Pa",
        // a town, and "Pa." for Pennsylvania): the exact index answers
        // first, so it lists the town too.
        let bare: std::collections::HashSet<&str> =
            exact.iter().map(|item| item.1).collect();
        exact.extend(
            words.iter().filter(|(surface, _, _)| bare.contains(surface)).map(
                |&(surface, id, via)| (exact_key(surface), surface, id, via),
            ),
        );
        let folded = words
            .iter()
            .map(|&(surface, id, via)| (folded_key(surface), surface, id, via))
            .collect();
        let exact = SurfaceIndex::build(exact, &prior);
        let folded = SurfaceIndex::build(folded, &prior);

        let mut demonyms = HashMap::with_capacity(demonym_rows.len());
        for (row, word, target) in demonym_rows {
            let id = row_place
                .get(target)
                .copied()
                .flatten()
                .ok_or_else(|| demonym_error(row, word))?;
            demonyms.insert(fold(word), id);
        }
        Ok(Gazetteer { places, prior, exact, folded, demonyms })
    }
}

/// True for surfaces matched as written, not folded: acronyms ("US",
/// "U.S.") and one-word abbreviations ("Calif."), which fold to other
/// words ("us", "calif" is harmless, but "Ill." folds to "ill"). Both
/// also match without their final period ("U.S", "Calif"), as a
/// tokenizer that splits the period off leaves them.
pub(super) fn as_written(surface: &str) -> bool {
    has_no_lowercase(surface)
        || (surface.ends_with('.') && !surface.contains(' '))
}

pub(super) fn base_prior(place: &Place) -> f32 {
    prior(place.kind, place.capital, place.population, place.alt_names)
}

/// How likely a place is meant when its name is: by kind, capital,
/// population and how many names the world has for it.
pub(super) fn prior(
    kind: PlaceKind,
    capital: bool,
    population: u64,
    alt_names: u32,
) -> f32 {
    let kind = match kind {
        PlaceKind::Continent => 4.0,
        PlaceKind::Country => 3.0,
        PlaceKind::Admin => 2.0,
        PlaceKind::City => 0.0,
    };
    let capital = if capital { 3.0 } else { 0.0 };
    let population = 0.5 * ((population as f32) + 10.0).log10();
    let fame = 0.5 * (1.0 + alt_names as f32).ln();
    kind + capital + population + fame
}

pub(super) fn via_bonus(via: Via) -> f32 {
    match via {
        Via::Name | Via::Alias => 1.0,
        Via::Variant => 0.0,
    }
}

/// What [`Gazetteer::lookup`] gives for `surface` (with each place's
/// name), found in one pass over the table instead of its parsed
/// indexes: the acronyms written exactly as `surface` (or without its
/// possessive), else the other surfaces that fold alike, each place once
/// with its strongest way of being named, best prior first.
pub(super) fn lookup_unparsed(surface: &str) -> Vec<(PlaceId, &'static str)> {
    let surface = surface.trim();
    let bare = strip_possessive_or_apostrophe(surface);
    let forms: &[&str] =
        if bare == surface { &[surface] } else { &[surface, bare] };
    let wants: Vec<String> = forms.iter().map(|f| fold(f)).collect();
    // Per form: (place, via, prior, name), exact then folded.
    type Hit = (PlaceId, Via, f32, &'static str);
    let mut exact: Vec<Vec<Hit>> = vec![Vec::new(); forms.len()];
    let mut folded: Vec<Vec<Hit>> = vec![Vec::new(); forms.len()];
    // Folded-index hits spelled exactly as the form.
    let mut spelled: Vec<Vec<Hit>> = vec![Vec::new(); forms.len()];
    let rows =
        TABLE.split('\n').filter(|l| !l.is_empty() && !l.starts_with('#'));
    let places = rows.filter(|line| !line.starts_with("demonym\t"));
    for (row, line) in places.enumerate() {
        let mut fields = line.split('\t');
        let (Some(_), Some(name)) = (fields.next(), fields.next()) else {
            continue;
        };
        // After the name: parent, population, alt_names, capital, code,
        // neighbours, aliases, variants.
        let (Some(aliases), Some(variants)) = (fields.nth(6), fields.next())
        else {
            continue;
        };
        let surfaces = std::iter::once((name, Via::Name))
            .chain(aliases.split('|').map(|a| (a, Via::Alias)))
            .chain(variants.split('|').map(|v| (v, Via::Variant)))
            .filter(|(s, via)| *via == Via::Name || !s.is_empty());
        for (candidate, via) in surfaces {
            for (k, form) in forms.iter().enumerate() {
                let hits = if as_written(candidate) {
                    let bare = candidate.strip_suffix('.');
                    if candidate != *form && bare != Some(*form) {
                        continue;
                    }
                    &mut exact[k]
                } else {
                    if !folds_to(candidate, &wants[k]) {
                        continue;
                    }
                    &mut folded[k]
                };
                let prior = row_prior(line).unwrap_or(0.0);
                let hit = (PlaceId(row as u32), via, prior, name);
                hits.push(hit);
                if !as_written(candidate) && candidate == *form {
                    spelled[k].push(hit);
                }
            }
        }
    }
    let best = |mut hits: Vec<Hit>| -> Vec<(PlaceId, &'static str)> {
        // One hit per place, its strongest via; then best first.
        hits.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        hits.dedup_by(|later, kept| later.0 == kept.0);
        let score = |h: &Hit| h.2 + via_bonus(h.1);
        hits.sort_by(|a, b| score(b).total_cmp(&score(a)).then(a.0.cmp(&b.0)));
        hits.into_iter().map(|h| (h.0, h.3)).collect()
    };
    if let Some(k) = exact.iter().position(|h| !h.is_empty()) {
        // Places named exactly so in the folded index are listed too
        // (`Gazetteer::parse`: "Pa" the town with "Pa." the state).
        let mut hits = std::mem::take(&mut exact[k]);
        hits.extend(spelled[k].iter().copied());
        return best(hits);
    }
    if is_code(surface) {
        return Vec::new();
    }
    folded.into_iter().find(|h| !h.is_empty()).map_or(Vec::new(), best)
}

/// The prior of the place of a table row, as [`base_prior`] gives it.
fn row_prior(line: &str) -> Option<f32> {
    let fields: Vec<&str> = line.split('\t').collect();
    Some(prior(
        place_kind(fields.first()?)?,
        *fields.get(5)? == "1",
        fields.get(3)?.parse().ok()?,
        fields.get(4)?.parse().ok()?,
    ))
}

/// The kind a table row names.
fn place_kind(kind: &str) -> Option<PlaceKind> {
    Some(match kind {
        "continent" => PlaceKind::Continent,
        "country" => PlaceKind::Country,
        "admin" => PlaceKind::Admin,
        "city" => PlaceKind::City,
        _ => return None,
    })
}

/// Short all-caps words ("ICA", "SAN") are codes, not shouted names: no
/// folded look-up for them.
pub(super) fn is_code(surface: &str) -> bool {
    has_no_lowercase(surface)
        && surface.chars().filter(|c| c.is_alphabetic()).count() <= 3
}
