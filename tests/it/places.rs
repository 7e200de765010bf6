//! Places: former states found by their continent, by their own name
//! and by their successor; abbreviations, provinces and nationalities
//! counted for their place; junk never a place.
//!
//! `tests/fixtures/places/stories.jsonl` holds eight short wire stories
//! written for these tests: two datelined Bonn (1987 and 2015), one
//! Moscow 1987, a 1987 earnings table ("Oper shr loss"), a 2007 story
//! with a ticker, a 1987 story from "San Jose, Calif.", one from
//! Toronto naming Ontario, and one that opens on "Swiss bankers".

use serde::Deserialize;

use crate::util::{repo, TestEnv};

fn env() -> TestEnv {
    let env = TestEnv::new();
    env.index(&[&repo().join("tests/fixtures/places")]);
    env
}

#[derive(Debug, Deserialize)]
struct Search {
    hits: Vec<Hit>,
}

#[derive(Debug, Deserialize)]
struct Hit {
    id: String,
}

#[derive(Debug, Deserialize)]
struct Facets {
    values: Vec<Count>,
}

#[derive(Debug, Deserialize)]
struct Count {
    value: String,
}

/// The ids a search finds, sorted.
#[track_caller]
fn found(env: &TestEnv, query: &str) -> Vec<String> {
    let run = env.run(&["search", "--json", "--no-facets", query]);
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
    let s: Search = serde_json::from_str(&run.stdout).expect("search JSON");
    let mut ids: Vec<String> = s.hits.into_iter().map(|h| h.id).collect();
    ids.sort();
    ids
}

/// The values of a facet field over a query's matches.
#[track_caller]
fn facet(env: &TestEnv, field: &str, query: &str) -> Vec<String> {
    let run = env
        .run(&["facets", "--json", "--field", field, "--top", "100", query]);
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
    let f: Facets = serde_json::from_str(&run.stdout).expect("facets JSON");
    f.values.into_iter().map(|c| c.value).collect()
}

#[test]
fn a_story_from_a_former_state_is_found_by_continent_state_and_successor() {
    let env = env();
    for query in ["in Europe", "in West Germany", "in Germany", "in Bonn"] {
        assert!(
            found(&env, query).contains(&"bonn-1987".to_string()),
            "{query}"
        );
    }
    // Bonn in 2015 is in Germany, not in West Germany.
    assert_eq!(found(&env, "in West Germany"), ["bonn-1987"]);
    assert_eq!(found(&env, "in Germany"), ["bonn-1987", "bonn-2015"]);
    for query in ["in the USSR", "in the Soviet Union", "in Russia"] {
        assert_eq!(found(&env, query), ["moscow-1987"], "{query}");
    }
    assert!(found(&env, "in Europe").contains(&"moscow-1987".to_string()));
}

#[test]
fn state_abbreviations_and_provinces_are_their_places() {
    let env = env();
    assert_eq!(found(&env, "in California"), ["calif-1987"]);
    assert_eq!(found(&env, "in Canada"), ["ontario-1987"]);
    assert_eq!(found(&env, "in Ontario"), ["ontario-1987"]);
    for query in ["in the U.S.", "in the US", "in the United States"] {
        assert_eq!(found(&env, query), ["calif-1987"], "{query}");
    }
    let names = facet(&env, "place_name", "");
    assert!(names.contains(&"California".to_string()), "{names:?}");
    assert!(!names.contains(&"Calif".to_string()), "{names:?}");
}

#[test]
fn earnings_lines_and_tickers_give_no_place() {
    let env = env();
    let names = facet(&env, "place_name", "");
    for junk in ["Oper", "NWB.N", "NWB"] {
        assert!(!names.contains(&junk.to_string()), "{junk}: {names:?}");
    }
}

#[test]
fn a_nationality_in_the_lead_counts_for_its_country_in_the_hierarchy() {
    let env = env();
    assert_eq!(found(&env, "in Switzerland"), ["swiss-1987"]);
    // Not among the article's place names.
    let names = facet(&env, "place_name", "");
    assert!(!names.contains(&"Switzerland".to_string()), "{names:?}");
}
