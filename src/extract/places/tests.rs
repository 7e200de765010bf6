//! Tests of the gazetteer: look-ups, resolution in context, the
//! scanner, demonyms and the table's invariants.

use super::lookup::{folded_key, lookup_unparsed};
use super::*;
use crate::hash::{fnv1a, FNV_OFFSET};

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
fn folded_key_hashes_the_folded_form() {
    // `Gazetteer::entry` hashes the folded text instead of folding again.
    for name in ["Kuala Lumpur", "São Paulo", "Port-au-Prince", "U.S."] {
        let key = fnv1a(FNV_OFFSET, fold(name).as_bytes());
        assert_eq!(key, folded_key(name), "{name}");
    }
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
    for surface in ["UK", "U.K.", "Britain", "Great Britain", "United Kingdom"]
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
    check(&["Tbilisi", "Georgia"], &["Asia/Georgia/Tbilisi", "Asia/Georgia"]);
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
    check(&["Geneva", "United States"], &["Europe/Switzerland/Geneva", US]);
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
    for word in ["Chinese", "Malaysian", "American", "Americans", "British"] {
        assert!(is_demonym(word), "{word}");
        check(&[word], &[""]);
    }
    assert!(!is_demonym("polish"));
    assert!(!is_demonym("Malaysia"));
    let country = |word: &str| demonym_country(word).map(path_string);
    assert_eq!(country("Malaysian").as_deref(), Some("Asia/Malaysia"));
    assert_eq!(country("American").as_deref(), Some(US));
    assert_eq!(country("British").as_deref(), Some("Europe/United Kingdom"));
    assert_eq!(country("Chinese").as_deref(), Some("Asia/China"));
    assert_eq!(country("South Korean").as_deref(), Some("Asia/South Korea"));
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
            ("St. Louis", "North America/United States/Missouri/St. Louis"),
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

#[test]
fn provinces_and_states_are_admin_areas() {
    check(&["Ontario"], &["North America/Canada/Ontario"]);
    check(&["Alberta"], &["North America/Canada/Alberta"]);
    check(&["Queensland"], &["Oceania/Australia/Queensland"]);
    check(&["Bavaria"], &["Europe/Germany/Bavaria"]);
    check(&["Toronto"], &["North America/Canada/Ontario/Toronto"]);
    check(&["Bonn"], &["Europe/Germany/North Rhine-Westphalia/Bonn"]);
}

#[test]
fn abbreviations_match_as_written() {
    let ca = "North America/United States/California";
    check(&["Calif."], &[ca]);
    check(&["Calif"], &[ca]);
    check(&["calif"], &[""]);
    check(&["N.Y."], &["North America/United States/New York"]);
    check(&["Ill"], &["North America/United States/Illinois"]);
    check(&["ill"], &[""]);
    check(&["Ont."], &["North America/Canada/Ontario"]);
    // An acronym without its closing period, as a tokenizer leaves it.
    check(&["U.S"], &[US]);
    check(&["U.s."], &[""]);
    for surface in ["Calif", "Calif.", "N.Y", "U.S"] {
        let parsed: Vec<&str> = gazetteer()
            .lookup(surface)
            .iter()
            .map(|&id| gazetteer().place(id).name)
            .collect();
        assert_eq!(names_by_path_or_name(surface), parsed, "{surface}");
    }
}

#[test]
fn former_states_are_countries_of_their_continent() {
    check(&["West Germany"], &["Europe/West Germany"]);
    check(&["Soviet Union"], &["Europe/Soviet Union"]);
    check(&["USSR"], &["Europe/Soviet Union"]);
    check(&["Yugoslavia"], &["Europe/Yugoslavia"]);
    check(&["Czechoslovakia"], &["Europe/Czechoslovakia"]);
    check(&["East Germany"], &["Europe/East Germany"]);
    let name =
        |w: &str| demonym_country(w).map(|id| gazetteer().place(id).name);
    assert_eq!(name("West German"), Some("West Germany"));
    assert_eq!(name("Soviet"), Some("Soviet Union"));
    assert_eq!(name("Yugoslav"), Some("Yugoslavia"));
}

/// The path of a place in an article of `year`.
#[track_caller]
fn check_year(path: &str, year: i32, expected: &str) {
    let segments: Vec<&str> = path.split('/').collect();
    let got = path_in_year(&segments, year).map(|p| p.join("/"));
    assert_eq!(got.as_deref().unwrap_or(path), expected, "{path} in {year}");
}

#[test]
fn places_count_for_the_former_state_of_their_time() {
    let bonn = "Europe/Germany/North Rhine-Westphalia/Bonn";
    check_year(bonn, 1987, "Europe/West Germany/North Rhine-Westphalia/Bonn");
    check_year(bonn, 1991, bonn);
    check_year(bonn, 1948, bonn);
    let leipzig = "Europe/Germany/Saxony/Leipzig";
    check_year(leipzig, 1990, "Europe/East Germany/Saxony/Leipzig");
    // Berlin was split: it counts for neither.
    check_year(
        "Europe/Germany/Berlin/Berlin",
        1987,
        "Europe/Germany/Berlin/Berlin",
    );
    // The country named as such keeps its path when the former state
    // was a part of it, and goes under it when the state split.
    check_year("Europe/Germany", 1987, "Europe/Germany");
    check_year("Europe/Russia", 1987, "Europe/Soviet Union/Russia");
    check_year(
        "Europe/Russia/Moscow",
        1987,
        "Europe/Soviet Union/Russia/Moscow",
    );
    check_year("Europe/Russia/Moscow", 1995, "Europe/Russia/Moscow");
    check_year(
        "Asia/Kazakhstan/Almaty",
        1980,
        "Europe/Soviet Union/Kazakhstan/Almaty",
    );
    check_year(
        "Europe/Croatia/Zagreb",
        1987,
        "Europe/Yugoslavia/Croatia/Zagreb",
    );
    check_year(
        "Europe/Slovakia/Bratislava",
        1992,
        "Europe/Czechoslovakia/Slovakia/Bratislava",
    );
    check_year("Europe/France/Paris", 1987, "Europe/France/Paris");
    check_year("Other/Oakville", 1987, "Other/Oakville");
}

#[test]
fn a_search_for_a_country_looks_under_its_former_states() {
    assert_eq!(
        earlier_paths("Europe/Germany"),
        ["Europe/West Germany", "Europe/East Germany"]
    );
    assert_eq!(
        earlier_paths("/Europe/Germany/Bavaria/Munich"),
        ["Europe/West Germany/Bavaria/Munich"]
    );
    assert_eq!(earlier_paths("Europe/Russia"), ["Europe/Soviet Union/Russia"]);
    assert_eq!(earlier_paths("Europe/France"), Vec::<String>::new());
    assert_eq!(earlier_paths("Europe/West Germany"), Vec::<String>::new());
}

#[test]
fn every_former_state_is_read() {
    let names: Vec<&str> =
        era::former_states().iter().map(|f| f.name).collect();
    assert_eq!(
        names,
        [
            "West Germany",
            "East Germany",
            "Soviet Union",
            "Yugoslavia",
            "Czechoslovakia"
        ]
    );
    for f in era::former_states() {
        check(&[f.name], &[&format!("{}/{}", f.continent, f.name)]);
    }
}

#[test]
fn nationalities_are_filed_under_their_country() {
    use crate::extract::{Entity, EntityKind};
    let entity = Entity::mentioned_once;
    let mut entities = vec![
        entity(EntityKind::Misc, "Swiss", &[]),
        entity(EntityKind::Misc, "West German", &[]),
        entity(EntityKind::Misc, "European", &[]),
        entity(EntityKind::Misc, "Olympics", &[]),
        entity(EntityKind::Place, "Moscow", &["Europe", "Russia", "Moscow"]),
        entity(EntityKind::Place, "Oakville", &["Other", "Oakville"]),
        entity(EntityKind::Misc, "Dutch", &[]),
    ];
    // Not in the first sentence: no place.
    entities[6].sentences = vec![2, 5];
    file_entities(&mut entities, Some(1987), 0);
    let paths: Vec<String> =
        entities.iter().map(|e| e.path.join("/")).collect();
    assert_eq!(
        paths,
        [
            "Europe/Switzerland",
            "Europe/West Germany",
            "",
            "",
            "Europe/Soviet Union/Russia/Moscow",
            "Other/Oakville",
            "",
        ]
    );
}

#[test]
fn every_key_is_found_at_its_position_and_no_other_key_is() {
    let g = gazetteer();
    for index in [&g.exact, &g.folded] {
        assert!(index.slots.len() >= 2 * index.keys.len());
        for (at, &key) in index.keys.iter().enumerate() {
            assert_eq!(index.position(key), Some(at));
        }
        let absent = (0..1000u64)
            .map(|n| fnv1a(FNV_OFFSET, &n.to_le_bytes()))
            .filter(|k| index.keys.binary_search(k).is_err());
        for key in absent {
            assert_eq!(index.position(key), None);
        }
    }
}
