//! Article-level resolution: one place per mention, each mention's
//! choice scored with the other mentions' choices as context (the rule
//! in the module docs of [`super`]).

use std::collections::HashMap;

use super::lookup::via_bonus;
use super::{gazetteer, Entry, Gazetteer, PlaceId, PlaceKind, Via};
use crate::extract::text::{fold, strip_possessive_or_apostrophe};

impl Gazetteer {
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
    pub(super) fn resolve(
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
pub(super) fn surface_groups<'a>(
    surfaces: impl Iterator<Item = &'a str>,
) -> Vec<usize> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    surfaces
        .map(|surface| {
            let next = seen.len();
            *seen
                .entry(fold(strip_possessive_or_apostrophe(surface)))
                .or_insert(next)
        })
        .collect()
}
