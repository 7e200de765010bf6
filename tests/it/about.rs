//! Salience and `--about`, on three short stories that name one person:
//! `ab-1` is about her (headline and lead), `ab-3` opens with her and
//! names her once more under a headline on something else, `ab-2` names
//! her once at the end.

use serde_json::Value;

use crate::util::{repo, Run, TestEnv};

fn env() -> TestEnv {
    let env = TestEnv::new();
    env.index(&[&repo().join("tests/fixtures/about/stories.jsonl")]);
    env
}

fn json(run: Run) -> Value {
    serde_json::from_str(&run.expect_code(0).stdout).expect("json")
}

/// The hit ids of a `--json` search, in the order given.
fn ids(env: &TestEnv, args: &[&str]) -> Vec<String> {
    let mut all = vec!["search", "--json", "--no-facets"];
    all.extend_from_slice(args);
    let run = env.run(&all);
    assert!(run.code <= 1, "{}", run.stderr);
    crate::util::hits_in_order(&run.stdout)
}

#[test]
fn about_keeps_the_story_about_her_and_drops_a_passing_mention() {
    let env = env();
    for query in [
        &["--person", "Mirela Vance"][..],
        &["involving Vance"][..],
        &["person:\"Mirela Vance\""][..],
    ] {
        let mut all = ids(&env, query);
        all.sort();
        assert_eq!(all, ["ab-1", "ab-2", "ab-3"], "{query:?}");
        let mut about = query.to_vec();
        about.push("--about");
        let mut kept = ids(&env, &about);
        kept.sort();
        assert_eq!(kept, ["ab-1", "ab-3"], "{query:?} --about");
    }
    // Words still count, among the articles about her.
    assert_eq!(ids(&env, &["strike involving Vance"]), ["ab-2"]);
    assert!(ids(&env, &["strike involving Vance", "--about"]).is_empty());
}

#[test]
fn filter_only_searches_rank_by_salience() {
    let env = env();
    // Newest first would be ab-2, ab-3, ab-1.
    assert_eq!(
        ids(&env, &["--person", "Mirela Vance", "--sort", "date"]),
        ["ab-2", "ab-3", "ab-1"]
    );
    assert_eq!(
        ids(&env, &["--person", "Mirela Vance"]),
        ["ab-1", "ab-3", "ab-2"]
    );
    assert_eq!(ids(&env, &["involving Vance"]), ["ab-1", "ab-3", "ab-2"]);
}

#[test]
fn hits_show_each_entity_with_its_salience() {
    let env = env();
    let v = json(env.run(&[
        "search",
        "--person",
        "Mirela Vance",
        "--json",
        "--no-facets",
    ]));
    assert_eq!(v["query"]["filters"][0]["about"], false);
    for hit in v["hits"].as_array().unwrap() {
        let list = hit["salience"].as_array().expect("a salience list");
        let people: Vec<&Value> =
            list.iter().filter(|s| s["field"] == "person").collect();
        assert_eq!(people.len(), hit["people"].as_array().unwrap().len());
        // Most salient first; `about` from 50 up.
        let values: Vec<u64> =
            list.iter().map(|s| s["salience"].as_u64().unwrap()).collect();
        assert!(values.windows(2).all(|w| w[0] >= w[1]), "{values:?}");
        for s in list {
            let n = s["salience"].as_u64().unwrap();
            assert!(n <= 100);
            assert_eq!(s["about"], n >= 50, "{s}");
        }
        let vance = list.iter().find(|s| s["name"] == "Mirela Vance").unwrap();
        assert_eq!(hit["evidence"][0]["salience"], vance["salience"]);
        let about = vance["about"].as_bool().unwrap();
        assert_eq!(about, hit["id"] != "ab-2", "{hit}");
    }
    let v = json(env.run(&[
        "search",
        "--person",
        "Mirela Vance",
        "--about",
        "--json",
    ]));
    assert_eq!(v["query"]["filters"][0]["about"], true);
    assert_eq!(v["total"], 2);
}

#[test]
fn about_applies_to_facets_and_timelines() {
    let env = env();
    let facets = json(env.run(&[
        "facets",
        "--field",
        "person",
        "--person",
        "Mirela Vance",
        "--about",
        "--json",
    ]));
    assert_eq!(facets["total"], 2);
    let timeline = json(env.run(&[
        "timeline",
        "--person",
        "Mirela Vance",
        "--about",
        "--by",
        "month",
        "--json",
    ]));
    assert_eq!(timeline["total"], 2);
    let plain = json(env.run(&[
        "timeline",
        "--person",
        "Mirela Vance",
        "--by",
        "month",
        "--json",
    ]));
    assert_eq!(plain["total"], 3);
}
