//! Government bodies named without their country: "the Finance
//! Ministry", "the Central Bank", "the Air Force". Alone, such a name is
//! every country's; the article says whose it is.
//!
//! [`qualify_bodies`] names each one after its country: the country
//! written just before it ("Japan's Finance Ministry", "the West German
//! Finance Ministry"), else the country the article's places name most
//! (its dateline's, mostly). "Finance Ministry" in a story from Tokyo
//! becomes "Japan Finance Ministry"; in the United States, "Agriculture
//! Department" becomes "U.S. Agriculture Department" when the article
//! writes the country "U.S.". A body whose country the article does not
//! tell is dropped: a facet value "Finance Ministry" would lump a
//! hundred ministries together.

use super::lexicon::{BODY_HEADS, BODY_QUALIFIERS, US_DEPARTMENTS};
use super::places::{self, PlaceKind};
use super::text::strip_possessive;
use super::{Entity, EntityKind};

/// Names the country-less bodies of an article after their country,
/// and drops those whose country it does not tell.
pub fn qualify_bodies(text: &str, entities: &mut Vec<Entity>) {
    if !entities.iter().any(is_body) {
        return;
    }
    let countries = country_counts(entities);
    let mut keep = vec![true; entities.len()];
    for i in 0..entities.len() {
        if !is_body(&entities[i]) {
            continue;
        }
        let e = &entities[i];
        let country = e
            .surfaces
            .iter()
            .find_map(|s| country_before(text, s))
            .or_else(|| dominant_owner(&countries, &e.name));
        match country {
            Some(country) => {
                let display = country_display(entities, &country);
                let name = format!("{display} {}", entities[i].name);
                entities[i].name = name;
            }
            None => keep[i] = false,
        }
    }
    let mut k = keep.into_iter();
    entities.retain(|_| k.next().unwrap_or(true));
}

/// True for an organisation named only by a body's words: "Finance
/// Ministry", "Reserve Bank", "Air Force", "Agriculture Department".
fn is_body(e: &Entity) -> bool {
    e.kind == EntityKind::Org && is_body_name(&e.name)
}

/// True for a name made only of a body's words: "Finance Ministry",
/// "Development Bank".
pub(crate) fn is_body_name(name: &str) -> bool {
    let mut words = name.split_whitespace().rev();
    let Some(last) = words.next() else {
        return false;
    };
    let mut qualifiers = 0;
    for w in words {
        if !BODY_QUALIFIERS.contains(&w) {
            return false;
        }
        qualifiers += 1;
    }
    (1..=2).contains(&qualifiers) && BODY_HEADS.contains(&last)
}

/// The country (gazetteer name) written just before `surface` somewhere
/// in `text`: "Japan's", "Japanese", "West German", "U.S.".
fn country_before(text: &str, surface: &str) -> Option<String> {
    let g = places::gazetteer();
    for (at, _) in text.match_indices(surface) {
        let head = text[..at].trim_end();
        let mut words = head.rsplit(char::is_whitespace);
        let last = words.next().unwrap_or("");
        let two = words.next().map(|w| format!("{w} {last}"));
        for w in two.iter().map(String::as_str).chain([last]) {
            let w = strip_possessive(w.trim_start_matches(['(', '"']));
            let id = places::demonym_country(w).or_else(|| {
                g.lookup(w)
                    .iter()
                    .copied()
                    .find(|&id| g.place(id).kind == PlaceKind::Country)
            });
            if let Some(id) = id {
                let p = g.place(id);
                if p.kind == PlaceKind::Country {
                    return Some(p.name.to_string());
                }
            }
        }
    }
    None
}

/// The country whose places the article mentions most among those that
/// can own the body `name`, if one leads: the United States has
/// departments, not ministries, and the Federal Reserve, not a central
/// or reserve bank, so "the Finance Ministry" of a Tokyo story that
/// names the U.S. more often than Japan is still Japan's. A department
/// the United States has ([`US_DEPARTMENTS`]) is the United States'
/// whenever the article names the United States: the wires write other
/// countries' departments with their country ("the U.K. Trade
/// Department"), so "the Commerce Department said all Canadian firms
/// ..." under "U.S. SAYS CANADA ..." is the U.S. one.
fn dominant_owner(counts: &[(String, usize)], name: &str) -> Option<String> {
    const US: &str = "United States";
    let us_department = name
        .strip_suffix(" Department")
        .is_some_and(|q| US_DEPARTMENTS.contains(&q));
    if us_department && counts.iter().any(|c| c.0 == US) {
        return Some(US.to_string());
    }
    let american = !(name.ends_with("Ministry")
        || name == "Central Bank"
        || name == "Reserve Bank");
    let mut owners = counts.iter().filter(|c| american || c.0 != US);
    match (owners.next(), owners.next()) {
        (None, _) => None,
        (Some(one), None) => Some(one.0.clone()),
        (Some(a), Some(b)) => (a.1 > b.1).then(|| a.0.clone()),
    }
}

/// The countries of the article's places with their mentions, most
/// first.
fn country_counts(entities: &[Entity]) -> Vec<(String, usize)> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for e in entities.iter().filter(|e| e.kind == EntityKind::Place) {
        let Some(country) = e.path.get(1) else { continue };
        if e.path[0] == super::entities::UNKNOWN_PLACE {
            continue;
        }
        match counts.iter_mut().find(|c| c.0 == *country) {
            Some(c) => c.1 += e.count,
            None => counts.push((country.clone(), e.count)),
        }
    }
    counts.sort_by_key(|c| std::cmp::Reverse(c.1));
    counts
}

/// How the article writes `country`: its own short form when it is an
/// abbreviation ("U.S.", "U.K."), else the gazetteer's name.
fn country_display(entities: &[Entity], country: &str) -> String {
    entities
        .iter()
        .filter(|e| e.kind == EntityKind::Place && e.name == country)
        .flat_map(|e| &e.surfaces)
        .find(|s| s.ends_with('.') && s.len() <= 6)
        .cloned()
        .unwrap_or_else(|| country.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entity(kind: EntityKind, name: &str, path: &[&str]) -> Entity {
        Entity::mentioned_once(kind, name, path)
    }

    fn names(text: &str, mut entities: Vec<Entity>) -> Vec<String> {
        qualify_bodies(text, &mut entities);
        entities.into_iter().map(|e| e.name).collect()
    }

    #[test]
    fn a_body_takes_the_country_written_before_it() {
        let text = "Japan's Finance Ministry said so.";
        let e = vec![entity(EntityKind::Org, "Finance Ministry", &[])];
        assert_eq!(names(text, e), ["Japan Finance Ministry"]);
        let text = "The West German Finance Ministry said so.";
        let e = vec![entity(EntityKind::Org, "Finance Ministry", &[])];
        assert_eq!(names(text, e), ["West Germany Finance Ministry"]);
    }

    #[test]
    fn else_the_country_of_the_article() {
        let text = "TOKYO - The Finance Ministry said so.";
        let tokyo =
            entity(EntityKind::Place, "Tokyo", &["Asia", "Japan", "Tokyo"]);
        let e = vec![tokyo, entity(EntityKind::Org, "Finance Ministry", &[])];
        assert_eq!(names(text, e), ["Tokyo", "Japan Finance Ministry"]);
        let text = "The U.S. said the Agriculture Department would act.";
        let e = vec![
            united_states(),
            entity(EntityKind::Org, "Agriculture Department", &[]),
        ];
        assert_eq!(
            names(text, e),
            ["United States", "U.S. Agriculture Department"]
        );
    }

    /// The United States, written "U.S.".
    fn united_states() -> Entity {
        Entity {
            surfaces: vec!["U.S.".to_string()],
            ..entity(
                EntityKind::Place,
                "United States",
                &["North America", "United States"],
            )
        }
    }

    #[test]
    fn a_ministry_is_not_american() {
        let text = "The U.S. and the U.S. Congress pressed Japan, and the \
                    Finance Ministry said the Agriculture Department of the \
                    U.S. was wrong.";
        let us = Entity { count: 3, ..united_states() };
        let japan = entity(EntityKind::Place, "Japan", &["Asia", "Japan"]);
        let e = vec![
            us,
            japan,
            entity(EntityKind::Org, "Finance Ministry", &[]),
            entity(EntityKind::Org, "Agriculture Department", &[]),
        ];
        assert_eq!(
            names(text, e)[2..],
            ["Japan Finance Ministry", "U.S. Agriculture Department"]
        );
    }

    #[test]
    fn a_department_is_american_when_the_article_names_the_us() {
        let canada = |n| Entity {
            count: n,
            ..entity(EntityKind::Place, "Canada", &["North America", "Canada"])
        };
        let text = "U.S. SAYS CANADA COMPLIES. The Commerce Department said \
                    Canadian firms, Canada and Canada complied.";
        let e = vec![
            united_states(),
            canada(3),
            entity(EntityKind::Org, "Commerce Department", &[]),
        ];
        assert_eq!(names(text, e)[2], "U.S. Commerce Department");
        // A department the United States does not have, and any
        // department of an article without the United States: the
        // leading country's.
        let text = "U.S. firms and Canada, Canada: the Trade Department said.";
        let e = vec![
            united_states(),
            canada(2),
            entity(EntityKind::Org, "Trade Department", &[]),
        ];
        assert_eq!(names(text, e)[2], "Canada Trade Department");
        let text = "Canada's firms complied, the Justice Department said.";
        let e = vec![
            canada(2),
            entity(EntityKind::Org, "Justice Department", &[]),
        ];
        assert_eq!(names(text, e)[1], "Canada Justice Department");
    }

    #[test]
    fn a_body_of_no_known_country_is_dropped() {
        let text = "The Finance Ministry said so.";
        let e = vec![entity(EntityKind::Org, "Finance Ministry", &[])];
        assert!(names(text, e).is_empty());
        // Names of their own stay.
        let e = vec![entity(EntityKind::Org, "Bank of Japan", &[])];
        assert_eq!(names(text, e), ["Bank of Japan"]);
        let e = vec![entity(EntityKind::Org, "Federal Reserve", &[])];
        assert_eq!(names(text, e), ["Federal Reserve"]);
    }
}
