//! Wire copy as real archives hold it: datelines at the head of the
//! text, credit lines, tickers, names with "and" inside them, and words
//! the tagger takes for names. `tests/fixtures/wire/wire.jsonl` holds
//! nine short stories written for these tests, one of them only a
//! headline in capitals.

use serde::Deserialize;

use crate::util::{repo, TestEnv};

#[derive(Debug, Deserialize)]
struct Search {
    hits: Vec<Hit>,
}

#[derive(Debug, Deserialize)]
struct Hit {
    id: String,
    people: Vec<String>,
    orgs: Vec<String>,
    places: Vec<String>,
}

fn hits() -> Vec<Hit> {
    let env = TestEnv::new();
    env.index(&[&repo().join("tests/fixtures/wire")]);
    let out = env.run(&["search", "*", "--json", "-n", "20"]).expect_code(0);
    let search: Search = serde_json::from_str(&out.stdout).unwrap();
    search.hits
}

fn hit<'a>(hits: &'a [Hit], id: &str) -> &'a Hit {
    hits.iter().find(|h| h.id == id).unwrap()
}

#[test]
fn a_dateline_gives_its_places_and_nothing_else() {
    let hits = hits();
    let w1 = hit(&hits, "w1");
    assert!(w1.places.contains(&"Chicago".to_string()), "{w1:?}");
    assert!(!w1.orgs.iter().any(|o| o.eq_ignore_ascii_case("chicago")));
    let w2 = hit(&hits, "w2");
    assert!(w2.places.contains(&"New York City".to_string()), "{w2:?}");
    for junk in ["YORK", "NEW", "March"] {
        assert!(!w2.orgs.contains(&junk.to_string()), "{junk}: {w2:?}");
        assert!(!w2.places.contains(&junk.to_string()), "{junk}: {w2:?}");
    }
    let w4 = hit(&hits, "w4");
    for city in ["San Francisco", "Los Angeles"] {
        assert!(w4.places.contains(&city.to_string()), "{city}: {w4:?}");
    }
}

#[test]
fn credit_lines_and_tickers_name_no_one() {
    let hits = hits();
    let w1 = hit(&hits, "w1");
    assert!(w1.people.is_empty(), "{w1:?}");
    assert!(!w1.places.contains(&"Omaha".to_string()), "{w1:?}");
    assert!(w1.orgs.contains(&"Harvest Mills Inc.".to_string()), "{w1:?}");
    let all = w1.orgs.iter().chain(&w1.places);
    assert!(!all.clone().any(|v| v.contains("HMI")), "{w1:?}");
}

#[test]
fn names_with_and_inside_stay_whole() {
    let hits = hits();
    let w2 = hit(&hits, "w2");
    for name in [
        "Standard and Poor's Corp",
        "House Ways and Means Committee",
        "General Agreement on Tariffs and Trade",
    ] {
        assert!(w2.orgs.contains(&name.to_string()), "{name}: {w2:?}");
    }
    for half in ["Standard", "Means Committee", "Tariffs and Trade"] {
        assert!(!w2.orgs.contains(&half.to_string()), "{half}: {w2:?}");
    }
    // "on" before, common nouns after: one body, across a line break; a
    // name after "and" is another body.
    let w9 = hit(&hits, "w9");
    for name in [
        "General Agreement on Tariffs and Trade",
        "Ministry of Trade and Industry",
        "Bank of England",
        "Barclays",
    ] {
        assert!(w9.orgs.contains(&name.to_string()), "{name}: {w9:?}");
    }
    assert_eq!(w9.orgs.len(), 4, "{w9:?}");
    let w4 = hit(&hits, "w4");
    assert!(w4.orgs.contains(&"Alex. Brown and Sons Inc".to_string()));
    assert!(w4.orgs.contains(&"Harris Upham and Co".to_string()), "{w4:?}");
    assert!(!w4.people.iter().any(|p| p == "Brown" || p == "Harris Upham"));
}

#[test]
fn words_that_are_no_names_are_dropped() {
    let hits = hits();
    let w2 = hit(&hits, "w2");
    assert!(!w2.orgs.contains(&"Co".to_string()), "{w2:?}");
    let w3 = hit(&hits, "w3");
    assert_eq!(w3.people, ["Dan Glickman"], "{w3:?}");
    for junk in ["Commission", "Bank", "TV", "D-Kan", "D-Kan."] {
        assert!(!w3.orgs.contains(&junk.to_string()), "{junk}: {w3:?}");
        assert!(!w3.places.contains(&junk.to_string()), "{junk}: {w3:?}");
    }
}

#[test]
fn a_story_with_only_a_headline_in_capitals_gets_its_entities() {
    let hits = hits();
    let w5 = hit(&hits, "w5");
    assert_eq!(w5.people, ["Volcker"], "{w5:?}");
    assert!(w5.places.is_empty(), "{w5:?}");
    let w6 = hit(&hits, "w6");
    assert_eq!(w6.people, ["Mara Quintero"], "{w6:?}");
    assert!(w6.orgs.iter().any(|o| o.starts_with("Harbor Logistics")));
}

#[test]
fn a_body_without_its_country_takes_the_articles() {
    let hits = hits();
    let w7 = hit(&hits, "w7");
    for name in ["Japan Finance Ministry", "Japan Foreign Ministry"] {
        assert!(w7.orgs.contains(&name.to_string()), "{name}: {w7:?}");
    }
    let w8 = hit(&hits, "w8");
    assert!(w8.orgs.is_empty(), "{w8:?}");
}
