//! Copies of one story: every record kept and readable with `show`,
//! grouped into one story, shown once by a search (with its copies
//! named), all listed with `--all-copies`; updates, later copies and
//! pruning keep the stories right.

use serde_json::Value;

use crate::util::TestEnv;

pub const WIRE: &str = "Ministers from more than 20 nations were told by New \
    Zealand that the next international negotiations on liberalising \
    trade would be the last this century and the cost of failure could \
    not be measured. Trade minister Mike Moore told his colleagues at a \
    welcoming ceremony before two days of talks that the world could not \
    afford another round of protectionism. He said farm trade had to be \
    part of the talks from the start.";

pub const OTHER: &str = "Showers continued throughout the week in the Bahia \
    cocoa zone, alleviating the drought since early January and \
    improving prospects for the coming temporao, although normal \
    humidity levels have not been restored, Comissaria Smith said in its \
    weekly review of the crop and the arrivals at the ports.";

pub fn record(id: &str, title: &str, body: &str, source: &str) -> String {
    serde_json::json!({
        "id": id, "title": title, "body": body, "source": source,
        "published": "1987-03-02",
    })
    .to_string()
        + "\n"
}

/// `search --json` with `args`, parsed.
fn search(env: &TestEnv, args: &[&str]) -> Value {
    let mut all = vec!["search", "--json", "--no-facets"];
    all.extend(args);
    let run = env.run(&all);
    serde_json::from_str(&run.stdout).expect("one JSON document")
}

/// The ids of a search's hits.
fn ids(v: &Value) -> Vec<String> {
    let hits = v["hits"].as_array().expect("hits");
    hits.iter().map(|h| h["id"].as_str().unwrap().to_string()).collect()
}

/// The story of a record, from `show --json`.
fn story(env: &TestEnv, id: &str) -> String {
    let run = env.run(&["show", "--json", id]).expect_code(0);
    let v: Value = serde_json::from_str(&run.stdout).unwrap();
    v["story"].as_str().unwrap().to_string()
}

#[test]
fn one_story_under_two_ids_is_two_records_and_one_hit() {
    let env = TestEnv::new();
    env.write("in/a.jsonl", record("w1", "NZ on trade", WIRE, "Harbour Wire"));
    env.write("in/b.jsonl", record("w2", "NZ on trade", WIRE, "Daily Ledger"));
    env.write("in/c.jsonl", record("c1", "Bahia cocoa", OTHER, "Wire"));
    let run = env.index(&[&env.dir.path().join("in")]);
    assert!(
        run.stderr.contains("holds 3 articles in 2 stories"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("1 copies of a story"), "{}", run.stderr);
    // Both retrievable, one story.
    for id in ["w1", "w2"] {
        let show = env.run(&["show", id]).expect_code(0);
        assert!(show.stdout.contains("Mike Moore told"), "{}", show.stdout);
        assert!(show.stdout.contains("copies: 1"), "{}", show.stdout);
    }
    assert_eq!(story(&env, "w1"), story(&env, "w2"));
    assert_ne!(story(&env, "w1"), story(&env, "c1"));
    // One hit, naming the other copy.
    let v = search(&env, &["trade"]);
    assert_eq!(v["total"], 2);
    assert_eq!(v["stories"], 1);
    assert_eq!(ids(&v).len(), 1);
    let copies = &v["hits"][0]["copies"];
    assert_eq!(copies["count"], 1);
    let other = copies["records"][0]["id"].as_str().unwrap();
    assert!(other == "w1" || other == "w2");
    assert_ne!(other, v["hits"][0]["id"].as_str().unwrap());
    assert_eq!(copies["records"][0]["published"], "1987-03-02");
    // Every record with --all-copies.
    let mut all = ids(&search(&env, &["trade", "--all-copies"]));
    all.sort();
    assert_eq!(all, ["w1", "w2"]);
    // Text: the other copy named, and how to open a hit.
    let text = env.run(&["search", "trade", "--no-facets"]).expect_code(0);
    assert!(text.stdout.contains("also in "), "{}", text.stdout);
    assert!(text.stdout.contains("newsdex show w"), "{}", text.stdout);
    assert!(text.stdout.contains("2 articles matched"), "{}", text.stdout);
    // Stats count both.
    let stats = env.run(&["stats", "--json"]).expect_code(0);
    let s: Value = serde_json::from_str(&stats.stdout).unwrap();
    assert_eq!(
        (s["articles"].as_u64(), s["stories"].as_u64()),
        (Some(3), Some(2))
    );
    // An unknown id is an error that says so.
    let none = env.run(&["show", "nope"]).expect_code(1);
    assert!(
        none.stderr.contains("no article with id \"nope\""),
        "{}",
        none.stderr
    );
}

#[test]
fn a_near_copy_joins_the_story_and_a_later_one_too() {
    let env = TestEnv::new();
    env.write("in/a.jsonl", record("w1", "NZ on trade", WIRE, "Harbour Wire"));
    // New headline, byline, footer, the last sentence cut.
    let cut = WIRE.rsplit_once(" He said").unwrap().0;
    let near = format!(
        "By Anna Kowalski\n\n{cut}\n\nCopyright 1987 Morning Post. All rights reserved."
    );
    env.write(
        "in/b.jsonl",
        record("m1", "Last chance for trade, NZ warns", &near, "Morning Post"),
    );
    env.write("in/c.jsonl", record("c1", "Bahia cocoa", OTHER, "Wire"));
    env.index(&[&env.dir.path().join("in")]);
    assert_eq!(story(&env, "w1"), story(&env, "m1"));
    // Indexed in a later run, a copy joins the story in the index.
    let reworded = WIRE.replace("told", "informed").replace("said", "stated");
    env.write(
        "later/d.jsonl",
        record("d1", "Trade talks", &reworded, "City Gazette"),
    );
    let run = env.index(&[&env.dir.path().join("later")]);
    assert!(run.stderr.contains("1 copies of a story"), "{}", run.stderr);
    assert_eq!(story(&env, "d1"), story(&env, "w1"));
    let v = search(&env, &["trade"]);
    assert_eq!(
        (v["total"].as_u64(), v["stories"].as_u64()),
        (Some(3), Some(1))
    );
    assert_eq!(v["hits"][0]["copies"]["count"], 2);
}

#[test]
fn an_update_by_id_replaces_and_pruning_a_copy_keeps_the_rest() {
    let env = TestEnv::new();
    let a = env.write(
        "in/a.jsonl",
        record("w1", "NZ on trade", WIRE, "Harbour Wire"),
    );
    env.write("in/b.jsonl", record("w2", "NZ on trade", WIRE, "Daily Ledger"));
    env.write("in/c.jsonl", record("w3", "NZ on trade", WIRE, "City Gazette"));
    let dir = env.dir.path().join("in");
    env.index(&[&dir]);
    let first = story(&env, "w1");
    // The same id again with an edited text: replaced, same story.
    std::thread::sleep(std::time::Duration::from_millis(20));
    let edited = format!("{WIRE} The meeting ends on Friday.");
    std::fs::write(
        &a,
        record("w1", "NZ on trade (updated)", &edited, "Harbour Wire"),
    )
    .unwrap();
    let run = env.index(&[&dir]);
    assert!(run.stderr.contains("0 added, 1 replaced"), "{}", run.stderr);
    assert!(
        run.stderr.contains("holds 3 articles in 1 stories"),
        "{}",
        run.stderr
    );
    assert_eq!(story(&env, "w1"), first);
    let show = env.run(&["show", "w1"]).expect_code(0);
    assert!(show.stdout.contains("ends on Friday"), "{}", show.stdout);
    // One copy's file pruned: the others keep their story and no
    // longer name it.
    std::fs::remove_file(dir.join("b.jsonl")).unwrap();
    let run =
        env.run(&["index", "--prune", dir.to_str().unwrap()]).expect_code(0);
    assert!(run.stderr.contains("1 removed"), "{}", run.stderr);
    assert!(
        run.stderr.contains("holds 2 articles in 1 stories"),
        "{}",
        run.stderr
    );
    env.run(&["show", "w2"]).expect_code(1);
    assert_eq!(story(&env, "w3"), first);
    let v = search(&env, &["trade"]);
    assert_eq!(v["hits"][0]["copies"]["count"], 1);
    let named = v["hits"][0]["copies"]["records"][0]["id"].as_str().unwrap();
    assert!(named == "w1" || named == "w3", "{named}");
}

#[test]
fn facets_and_timeline_count_articles_or_with_stories_stories() {
    let env = TestEnv::new();
    env.write("in/a.jsonl", record("w1", "NZ on trade", WIRE, "Harbour Wire"));
    env.write("in/b.jsonl", record("w2", "NZ on trade", WIRE, "Daily Ledger"));
    env.write("in/c.jsonl", record("c1", "Bahia cocoa", OTHER, "Wire"));
    env.index(&[&env.dir.path().join("in")]);
    let json = |args: &[&str]| -> Value {
        let run = env.run(args).expect_code(0);
        serde_json::from_str(&run.stdout).unwrap()
    };
    let f = json(&["facets", "--field", "place", "--json"]);
    assert_eq!(
        (f["counts"].as_str(), f["total"].as_u64()),
        (Some("articles"), Some(3))
    );
    let nz = |v: &Value| {
        v["values"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["value"] == "Oceania")
            .map(|c| c["count"].as_u64())
    };
    assert_eq!(nz(&f), Some(Some(2)), "{f}");
    let f = json(&["facets", "--field", "place", "--json", "--stories"]);
    assert_eq!(
        (f["counts"].as_str(), f["total"].as_u64()),
        (Some("stories"), Some(2))
    );
    assert_eq!(nz(&f), Some(Some(1)), "{f}");
    let t = json(&["timeline", "--by", "year", "--json", "--stories"]);
    assert_eq!(
        (t["counts"].as_str(), t["total"].as_u64()),
        (Some("stories"), Some(2))
    );
    assert_eq!(t["buckets"][0]["count"], 2, "{t}");
    let text = env.run(&["timeline", "--by", "year"]).expect_code(0);
    assert!(text.stdout.contains("3 articles"), "{}", text.stdout);
}

/// A record of `record`'s shape published on `day`.
fn dated(id: &str, body: &str, day: &str) -> String {
    serde_json::json!({
        "id": id, "title": "Weekly cocoa review", "body": body,
        "source": "Wire", "published": day,
    })
    .to_string()
        + "\n"
}

#[test]
fn a_weekly_report_of_one_formula_is_a_story_each_week() {
    let env = TestEnv::new();
    let week = |n: &str| OTHER.replace("early January", n);
    // Monday's report, its rerun on Tuesday, and next week's report of
    // the same formula: two stories, however alike the words.
    env.write(
        "in/a.jsonl",
        dated("r1", &week("early January"), "1987-03-02")
            + &dated("r2", &week("early January"), "1987-03-03")
            + &dated("r3", &week("mid January"), "1987-03-09"),
    );
    env.index(&[&env.dir.path().join("in")]);
    assert_eq!(story(&env, "r1"), story(&env, "r2"));
    assert_ne!(story(&env, "r1"), story(&env, "r3"));
    // In a later run: the week after next starts its own story, a copy
    // of that week joins it, and an undated copy joins one of them.
    env.write(
        "later/b.jsonl",
        dated("r4", &week("late January"), "1987-03-16")
            + &dated("r5", &week("late January"), "1987-03-17"),
    );
    env.index(&[&env.dir.path().join("later")]);
    let stories: Vec<String> =
        ["r1", "r3", "r4"].iter().map(|id| story(&env, id)).collect();
    assert_ne!(stories[1], stories[2]);
    assert_ne!(stories[0], stories[2]);
    assert_eq!(story(&env, "r5"), stories[2]);
    let v = search(&env, &["cocoa"]);
    assert_eq!(
        (v["total"].as_u64(), v["stories"].as_u64()),
        (Some(5), Some(3))
    );
}
