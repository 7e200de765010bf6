//! Entities of one article: merging what is one entity, and the short
//! forms the article used, which the archive learns from.

use super::{
    after_words, before_words, is_grouped, key, strip_titles, without_country,
};
use crate::extract::text::{
    has_legal_suffix, is_acronym, strip_possessive, strip_the,
};
use crate::extract::{Entity, EntityKind};

/// One-word organisations that name a body of their own even beside a
/// longer name ending in the word: "House" (of Representatives) beside
/// "White House", "Senate" beside "State Senate". In [`super::key`] form.
const STANDS_ALONE: &[&str] =
    &["assembly", "congress", "government", "house", "parliament", "senate"];

/// Last words of the name of a body inside an organisation ("EC
/// Commission", "OPEC Secretariat", "UN Security Council", "U.N.
/// Centre on Transnational Corporations"), in
/// [`key`] form: an acronym before them is the organisation itself.
#[rustfmt::skip]
pub(super) const PARTS_OF_BODIES: &[&str] = &[
    "assembly", "board", "center", "centre", "commission", "commissioner",
    "committee", "conference", "council", "court", "delegation",
    "executive", "ministers", "mission", "parliament", "secretariat",
    "summit",
];

/// True when `short` is an acronym of `name` ("EC" of "European
/// Community", "ASEAN" of "Association of Southeast Asian Nations") or
/// the clipped first word of a longer name ("Fed" of "Federal Reserve").
pub fn abbreviates(short: &str, name: &str) -> bool {
    let short = short.trim();
    if short.contains(char::is_whitespace) || !name.contains(' ') {
        return false;
    }
    let letters: Vec<char> =
        short.chars().filter(|c| !matches!(c, '.' | '&')).collect();
    let acronym = (2..=6).contains(&letters.len())
        && letters.iter().all(|c| c.is_uppercase());
    if acronym {
        // A name that starts with the acronym is no expansion of it:
        // "EC Commission" is a body of the EC.
        if name.split_whitespace().next() == Some(short) {
            return false;
        }
        // Strictly the initials (of the capitalised words, "of", "and",
        // "the" and "for" skipped, a legal suffix optional): "EC",
        // "NYSE", "SEC"; "GMT" is not General Motors Corp.
        let initials = crate::extract::resolve::acronym_of(name);
        let short: String =
            letters.iter().flat_map(|c| c.to_uppercase()).collect();
        let without_suffix = name
            .rsplit_once(' ')
            .filter(|(_, last)| crate::extract::text::is_legal_suffix(last))
            .map(|(head, _)| crate::extract::resolve::acronym_of(head));
        return initials == short
            || without_suffix.is_some_and(|i| i == short);
    }
    let first = name.split_whitespace().next().unwrap_or("");
    letters.len() >= 3
        && letters.iter().all(|c| c.is_alphabetic())
        && first.len() > short.len()
        && first.is_char_boundary(short.len())
        && first[..short.len()] == *short
}

/// The short forms an article used for an entity: its surfaces that are
/// not its name after [`key`] ("Reagan" and "President Reagan" for
/// "Ronald Reagan" give "Reagan"; "IMF" for "International Monetary
/// Fund"), without titles or a possessive, each once. These are the
/// [`Pair`]s the index keeps so that the archive learns them.
pub fn short_forms(e: &Entity) -> Vec<String> {
    if !is_grouped(e.kind) {
        return Vec::new();
    }
    // Most surfaces are the name itself, or the name after a title: no
    // key is worked out for those.
    let mut out: Vec<String> = Vec::new();
    let mut keys: Vec<String> = Vec::new();
    let words = e.name.split_whitespace().count();
    for surface in &e.surfaces {
        if surface == &e.name || surface.ends_with(e.name.as_str()) {
            continue;
        }
        // Only shorter forms (or acronyms) stand for the name: "Microsoft
        // Word" in an article about Microsoft Corp. is no name of it.
        let acronym = !surface.chars().any(char::is_lowercase);
        if !acronym && surface.split_whitespace().count() >= words {
            continue;
        }
        if keys.is_empty() {
            keys.push(key(e.kind, &e.name));
        }
        let k = key(e.kind, surface);
        if keys.contains(&k) {
            continue;
        }
        let mut form = strip_the(strip_possessive(surface.trim()));
        if e.kind == EntityKind::Person && !strip_titles(form).is_empty() {
            form = strip_titles(form);
        }
        keys.push(k);
        out.push(form.split_whitespace().collect::<Vec<_>>().join(" "));
    }
    out
}

/// The one entity of the article whose name `entities[i]`, an acronym
/// or a clipped word, abbreviates: "EC" and "European Community", "Fed"
/// and "Federal Reserve".
fn expansion(entities: &[Entity], i: usize) -> Option<usize> {
    let name = &entities[i].name;
    if name.contains(char::is_whitespace) {
        return None;
    }
    let mut owners = (0..entities.len())
        .filter(|&j| j != i && entities[j].kind == entities[i].kind)
        .filter(|&j| abbreviates(name, &entities[j].name));
    let owner = owners.next()?;
    owners.next().is_none().then_some(owner)
}

/// True when a word of `rest` (in [`key`] form) names a body of an
/// organisation rather than a firm: "commission", "council of
/// ministers".
pub(super) fn names_body(rest: &str) -> bool {
    rest.split(' ').any(|w| PARTS_OF_BODIES.contains(&w))
}

/// True when `firm` is named after several people and begins with
/// `word`: "Duff and Phelps", "Donaldson, Lufkin and Jenrette Securities
/// Corp" for "Duff", "Donaldson".
pub(super) fn names_partners(firm: &str, word: &str) -> bool {
    let Some(rest) = firm.strip_prefix(word) else {
        return false;
    };
    rest.starts_with(" and ")
        || rest.starts_with(" & ")
        || rest.starts_with(", ")
}

/// True when `firm` is a company's name (a legal suffix ends it) whose
/// first word, less a possessive, is `word` and which has more words:
/// "Harris Associates L.P." and "Scott's Hospitality Inc" for "Harris",
/// "Scott".
fn names_company(firm: &str, word: &str) -> bool {
    let mut words = firm.split(' ');
    let first = words.next().unwrap_or("");
    strip_possessive(first) == word
        && words.next().is_some()
        && has_legal_suffix(firm)
}

/// Merges the entities of one article that are one by the rules of the
/// module docs, so that an article carries each entity once: "Microsoft
/// Corp." and "Microsoft" (rule 1), "Treasury" and "U.S. Treasury" when
/// the article names no other country's Treasury (rule 2, the article's
/// own names as the only candidates). The fuller name stays; surfaces,
/// counts and sentences are joined. Order of first mention is kept.
/// An organisation of one word also joins the one longer name of the
/// article that starts with it ("Ford", "Ford Motor Co"), also after a
/// country ("Commerce", "U.S. Commerce Department"), and a person
/// named by one word the one firm of the article named after several
/// people that begins with it ("Duff", "Duff and Phelps").
pub fn merge_article(
    entities: &mut Vec<Entity>,
    is_country: &dyn Fn(&str) -> bool,
) {
    if entities.len() < 2 {
        return;
    }
    // People are one per person already (the resolver joins their
    // names); organisations need the rules, and a family name alone may
    // be a firm's short form.
    let orgs = entities.iter().filter(|e| e.kind == EntityKind::Org).count();
    let bare_person = |e: &Entity| {
        e.kind == EntityKind::Person && !e.name.contains(char::is_whitespace)
    };
    if orgs == 0 || orgs == 1 && !entities.iter().any(bare_person) {
        return;
    }
    let keys: Vec<Option<String>> = entities
        .iter()
        .map(|e| (e.kind == EntityKind::Org).then(|| key(e.kind, &e.name)))
        .collect();
    // Each organisation's name after a country, worked out once.
    let stripped: Vec<Option<String>> = entities
        .iter()
        .map(|e| {
            (e.kind == EntityKind::Org && e.name.contains(' '))
                .then(|| without_country(&e.name, is_country))
                .flatten()
        })
        .collect();
    // Where each entity goes: itself, or an earlier or fuller one.
    let mut into: Vec<usize> = (0..entities.len()).collect();
    for i in 0..entities.len() {
        if bare_person(&entities[i]) {
            // The first name of the one firm of the article named after
            // several people ("Duff" and "Duff and Phelps", "Donaldson"
            // and "Donaldson, Lufkin and Jenrette"); failing that, when
            // no person of the article has that family name, of the one
            // company named by it and more ("Harris said" beside "Harris
            // Associates L.P.", "Scott's said" beside "Scott's
            // Hospitality Inc").
            let word = entities[i].name.as_str();
            let sole_org = |named: fn(&str, &str) -> bool| {
                let mut orgs = (0..entities.len()).filter(|&j| {
                    entities[j].kind == EntityKind::Org
                        && named(&entities[j].name, word)
                });
                orgs.next().filter(|_| orgs.next().is_none())
            };
            let family = |e: &Entity| {
                e.kind == EntityKind::Person
                    && e.name.rsplit_once(' ').is_some_and(|(_, l)| l == word)
            };
            let owner = sole_org(names_partners).or_else(|| {
                (!entities.iter().any(family))
                    .then(|| sole_org(names_company))
                    .flatten()
            });
            if let Some(owner) = owner {
                into[i] = owner;
            }
            continue;
        }
        let Some(k) = &keys[i] else { continue };
        let kind = entities[i].kind;
        let same = (0..i).find(|&j| {
            into[j] == j
                && entities[j].kind == kind
                && keys[j].as_ref() == Some(k)
        });
        if let Some(j) = same {
            into[i] = j;
            continue;
        }
        if kind != EntityKind::Org {
            continue;
        }
        // A short form and the one name of the article that is it after
        // a country.
        let owners: Vec<usize> = (0..entities.len())
            .filter(|&j| j != i && stripped[j].as_ref() == Some(k))
            .collect();
        if let [owner] = owners[..] {
            into[i] = owner;
            continue;
        }
        // The first or last word of the one longer name of the article
        // that starts or ends with it: "Ford" and "Ford Motor Co",
        // "Goldman" and "Goldman Sachs" (a firm's later, shorter
        // mentions), "the Journal" after "The Wall Street Journal", "the
        // Commons" after "the House of Commons". A name of several words
        // is a name of its own ("Goldman Sachs" is not "Goldman Sachs
        // Asset Management"), and a word that alone names another body
        // ("House" beside "White House") is no short form.
        let single = !k.contains(' ') && !STANDS_ALONE.contains(&k.as_str());
        // An acronym before a body's word names the body's parent: "EC"
        // beside "EC Commission" is the European Community, "ICCO"
        // beside "ICCO Council" the cocoa organisation. An acronym the
        // article spells out ("European Community") is that name, even
        // beside a longer name that starts with it.
        let acronym = is_acronym(&entities[i].name);
        if acronym {
            if let Some(owner) = expansion(entities, i) {
                into[i] = owner;
                continue;
            }
        }
        let owners: Vec<usize> = (0..entities.len())
            .filter(|_| single)
            .filter(|&j| j != i && entities[j].kind == kind)
            .filter(|&j| {
                keys[j].as_ref().is_some_and(|kj| {
                    after_words(kj, k)
                        .is_some_and(|rest| !(acronym && names_body(rest)))
                        || before_words(kj, k).is_some()
                })
                // The first word of a name after its country: "Commerce"
                // and "U.S. Commerce Department".
                || !acronym
                    && stripped[j]
                        .as_ref()
                        .is_some_and(|sj| after_words(sj, k).is_some())
            })
            .collect();
        // Two values of one name ("Goldman Sachs", "Goldman Sachs Group
        // Inc.", "U.S. McDonnell Douglas Corp") are one owner.
        // Two countries' bodies ("U.S. Treasury", "Britain Treasury")
        // are two.
        let one_name = |a: usize, b: usize| {
            keys[a] == keys[b]
                || stripped[a].is_none() && stripped[b] == keys[a]
                || stripped[b].is_none() && stripped[a] == keys[b]
        };
        if let [owner, ..] = owners[..] {
            if owners.iter().all(|&j| one_name(j, owner)) {
                into[i] = owner;
                continue;
            }
        }
        // A clipped word used alongside the one name of the article it
        // abbreviates: "Fed" and "Federal Reserve".
        if let Some(owner) = expansion(entities, i) {
            into[i] = owner;
        }
    }
    if into.iter().enumerate().all(|(i, &t)| i == t) {
        return;
    }
    // Resolve chains (a short form pointing at a merged name).
    for i in 0..into.len() {
        let mut t = into[i];
        while into[t] != t {
            t = into[t];
        }
        into[i] = t;
    }
    let mut taken: Vec<Option<Entity>> =
        std::mem::take(entities).into_iter().map(Some).collect();
    let mut merged: Vec<(usize, Entity)> = Vec::new();
    for i in 0..taken.len() {
        if into[i] != i {
            continue;
        }
        let mut e = taken[i].take().expect("each entity is taken once");
        let mut first = i;
        for j in 0..into.len() {
            if j == i || into[j] != i {
                continue;
            }
            let other = taken[j].take().expect("each entity is taken once");
            first = first.min(j);
            if other.name.chars().count() > e.name.chars().count() {
                e.name = other.name;
            }
            for s in other.surfaces {
                if !e.surfaces.contains(&s) {
                    e.surfaces.push(s);
                }
            }
            e.count += other.count;
            e.sentences.extend(other.sentences);
        }
        e.sentences.sort_unstable();
        e.sentences.dedup();
        merged.push((first, e));
    }
    merged.sort_by_key(|m| m.0);
    entities.extend(merged.into_iter().map(|m| m.1));
}

#[cfg(test)]
mod tests {
    use super::*;
    use EntityKind::{Org, Person};

    fn countries(s: &str) -> bool {
        matches!(s, "U.S." | "US" | "Britain" | "West Germany" | "Japan")
    }

    fn entity(kind: EntityKind, name: &str, count: usize) -> Entity {
        Entity {
            kind,
            name: name.into(),
            path: Vec::new(),
            surfaces: vec![name.into()],
            count,
            sentences: vec![count as u32],
            salience: 0,
        }
    }

    #[test]
    fn an_article_carries_each_entity_once() {
        let mut es = vec![
            entity(Org, "Microsoft Corp.", 1),
            entity(Person, "Ronald Reagan", 2),
            entity(Org, "Treasury", 3),
            entity(Org, "Microsoft", 4),
            entity(Org, "U.S. Treasury", 5),
        ];
        merge_article(&mut es, &countries);
        let names: Vec<&str> = es.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(
            names,
            ["Microsoft Corp.", "Ronald Reagan", "U.S. Treasury"]
        );
        assert_eq!(es[0].count, 5);
        assert_eq!(es[0].surfaces, ["Microsoft Corp.", "Microsoft"]);
        assert_eq!(es[2].sentences, [3, 5]);
    }

    #[test]
    fn an_article_with_two_countries_treasuries_keeps_them_apart() {
        let mut es = vec![
            entity(Org, "Treasury", 1),
            entity(Org, "U.S. Treasury", 2),
            entity(Org, "Britain Treasury", 3),
        ];
        merge_article(&mut es, &countries);
        assert_eq!(es.len(), 3);
    }

    #[test]
    fn acronyms_and_clipped_words_used_alongside_their_name_merge() {
        let mut es = vec![
            entity(Org, "EC", 1),
            entity(Org, "European Community", 2),
            entity(Org, "Fed", 3),
            entity(Org, "Federal Reserve", 4),
            entity(Org, "IMF", 5),
        ];
        merge_article(&mut es, &countries);
        let names: Vec<&str> = es.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["European Community", "Federal Reserve", "IMF"]);
        assert_eq!(short_forms(&es[0]), ["EC"]);
        assert!(!abbreviates("Federal", "Federal Reserve"));
        assert!(!abbreviates("EC", "Commission"));
        assert!(!abbreviates("ec", "European Community"));
    }

    #[test]
    fn a_family_name_alone_joins_the_firm_named_after_it() {
        let mut es = vec![
            entity(Person, "Duff", 1),
            entity(Org, "Duff and Phelps", 2),
            entity(Person, "Donaldson", 3),
            entity(Org, "Donaldson, Lufkin and Jenrette Securities Corp", 4),
        ];
        merge_article(&mut es, &countries);
        let got: Vec<(EntityKind, &str)> =
            es.iter().map(|e| (e.kind, e.name.as_str())).collect();
        assert_eq!(
            got,
            [
                (Org, "Duff and Phelps"),
                (Org, "Donaldson, Lufkin and Jenrette Securities Corp")
            ]
        );
        // Not a person named in full.
        let mut es = vec![
            entity(Person, "Paul Duff", 3),
            entity(Org, "Duff and Phelps", 4),
        ];
        merge_article(&mut es, &countries);
        assert_eq!(es.len(), 2);
    }

    #[test]
    fn short_forms_are_the_surfaces_that_are_not_the_name() {
        let mut e = entity(Person, "Ronald Reagan", 1);
        e.surfaces = vec![
            "President Ronald Reagan".into(),
            "Reagan".into(),
            "President Reagan".into(),
            "Reagan's".into(),
        ];
        assert_eq!(short_forms(&e), ["Reagan"]);
        let mut e = entity(Org, "Microsoft Corp.", 1);
        e.surfaces = vec!["Microsoft".into(), "the Microsoft Corp".into()];
        assert!(short_forms(&e).is_empty());
    }

    #[test]
    fn the_last_word_of_a_name_joins_it_unless_it_names_a_body_alone() {
        let mut es = vec![
            entity(Org, "Wall Street Journal", 1),
            entity(Org, "Journal", 2),
            entity(Org, "House of Commons", 3),
            entity(Org, "Commons", 4),
            entity(Org, "White House", 5),
            entity(Org, "House", 6),
        ];
        merge_article(&mut es, &countries);
        let names: Vec<&str> = es.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Wall Street Journal",
                "House of Commons",
                "White House",
                "House"
            ]
        );
        assert_eq!(short_forms(&es[0]), ["Journal"]);
    }

    #[test]
    fn two_values_of_one_name_are_one_owner_of_its_first_word() {
        let mut es = vec![
            entity(Org, "Goldman Sachs Group Inc.", 1),
            entity(Org, "Goldman", 2),
            entity(Org, "Goldman Sachs", 3),
        ];
        merge_article(&mut es, &countries);
        assert_eq!(es.len(), 1);
        assert_eq!(es[0].surfaces.len(), 3);
    }

    #[test]
    fn a_family_name_alone_joins_the_company_named_by_it() {
        let mut es = vec![
            entity(Org, "Harris Associates L.P.", 1),
            entity(Person, "Harris", 2),
            entity(Org, "Scott's Hospitality Inc", 3),
            entity(Person, "Scott", 4),
            entity(Person, "Ford", 5),
            entity(Org, "Ford Motor Co", 6),
        ];
        merge_article(&mut es, &countries);
        let names: Vec<&str> = es.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Harris Associates L.P.",
                "Scott's Hospitality Inc",
                "Ford Motor Co"
            ]
        );
        // Not when a person of the article has that family name, nor
        // beside a name with no company's suffix.
        let mut es = vec![
            entity(Org, "Harris Associates L.P.", 1),
            entity(Person, "Harris", 2),
            entity(Person, "Tim Harris", 3),
            entity(Org, "Reagan Administration", 4),
            entity(Person, "Reagan", 5),
        ];
        merge_article(&mut es, &countries);
        assert_eq!(es.len(), 5);
    }

    #[test]
    fn a_body_word_joins_the_body_named_after_its_country() {
        let mut es = vec![
            entity(Org, "U.S. Commerce Department", 2),
            entity(Org, "Commerce", 3),
            entity(Org, "Commerce Bancshares Inc", 1),
        ];
        merge_article(&mut es, &countries);
        // Two owners: "Commerce" stays.
        assert_eq!(es.len(), 3);
        let mut es = vec![
            entity(Org, "U.S. Commerce Department", 2),
            entity(Org, "Commerce", 3),
        ];
        merge_article(&mut es, &countries);
        assert_eq!(es.len(), 1);
        assert_eq!(es[0].name, "U.S. Commerce Department");
        assert_eq!(es[0].count, 5);
    }

    #[test]
    fn the_first_words_of_a_firm_join_its_full_name() {
        let mut es = vec![
            entity(Org, "Ford Motor Co", 1),
            entity(Org, "Ford", 2),
            entity(Org, "Goldman", 3),
            entity(Org, "Goldman Sachs", 4),
            entity(Org, "Goldman Sachs Asset Management", 5),
        ];
        merge_article(&mut es, &countries);
        let names: Vec<&str> = es.iter().map(|e| e.name.as_str()).collect();
        // "Goldman" starts two longer names: it stays.
        assert_eq!(
            names,
            [
                "Ford Motor Co",
                "Goldman",
                "Goldman Sachs",
                "Goldman Sachs Asset Management"
            ]
        );
        assert_eq!(short_forms(&es[0]), ["Ford"]);
    }

    #[test]
    fn an_acronym_before_a_body_word_is_the_parent_not_the_body() {
        let mut es = vec![
            entity(Org, "EC Commission", 1),
            entity(Org, "EC", 3),
            entity(Org, "AFG", 1),
            entity(Org, "AFG Industries Inc", 1),
            entity(Org, "U.N. Centre on Transnational Corporations", 1),
            entity(Org, "U.N.", 2),
        ];
        merge_article(&mut es, &countries);
        let names: Vec<&str> = es.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "EC Commission",
                "EC",
                "AFG Industries Inc",
                "U.N. Centre on Transnational Corporations",
                "U.N."
            ]
        );
        assert!(short_forms(&es[0]).is_empty());
        // Spelt out, the acronym is its expansion, whatever else starts
        // with it.
        let mut es = vec![
            entity(Org, "EC", 1),
            entity(Org, "European Community", 2),
            entity(Org, "EC External Trade", 3),
            entity(Org, "EC Council of Ministers", 4),
        ];
        merge_article(&mut es, &countries);
        let names: Vec<&str> = es.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "European Community",
                "EC External Trade",
                "EC Council of Ministers"
            ]
        );
    }
}
