//! Date questions on the sample corpus: publication-date phrases and
//! flags, and dates the articles talk about.

use crate::util::{ids_of, search, truth_ids, TestEnv};

fn ids(args: &[&str]) -> Vec<String> {
    let mut all = args.to_vec();
    all.extend(["--json", "-n", "100", "--today", "2025-11-28"]);
    let run = search(&all);
    assert!(run.code <= 1, "{}", run.stderr);
    ids_of(&run.stdout)
}

fn published(args: &[&str]) -> Vec<String> {
    let mut all = args.to_vec();
    all.extend(["--jsonl", "-n", "100", "--today", "2025-11-28"]);
    search(&all)
        .stdout
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["published"].as_str().unwrap_or("").to_string()
        })
        .collect()
}

#[test]
fn a_month_in_the_query_filters_publication_dates() {
    let got = ids(&["talks in Kuala Lumpur in October 2025"]);
    // The same as the flags say, and every Kuala Lumpur talks article.
    let flags = ids(&[
        "talks",
        "--place",
        "Kuala Lumpur",
        "--from",
        "2025-10",
        "--to",
        "2025-10",
    ]);
    assert_eq!(got, flags);
    for id in truth_ids("kl_he_lifeng_talks") {
        assert!(got.contains(&id), "{id} missing from {got:?}");
    }
    let kl = truth_ids("kl_any");
    assert!(got.iter().all(|id| kl.contains(id)), "{got:?}");
    for date in published(&["talks in Kuala Lumpur in October 2025"]) {
        assert!(date.starts_with("2025-10"), "{date}");
    }
    assert!(ids(&["talks in Kuala Lumpur in March 2025"]).is_empty());
}

#[test]
fn the_example_in_october_is_exactly_the_kuala_lumpur_talks() {
    let run = search(&[
        "talks in Kuala Lumpur involving He Lifeng in October 2025",
        "--json",
        "--today",
        "2025-11-28",
    ])
    .expect_code(0);
    assert_eq!(ids_of(&run.stdout), truth_ids("kl_he_lifeng_talks"));
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v["query"]["published_from"], "2025-10-01");
    assert_eq!(v["query"]["published_to"], "2025-10-31");
    assert_eq!(v["query"]["date_phrases"][0], "in October 2025");
}

#[test]
fn since_before_and_relative_phrases() {
    for d in published(&["soybeans since September 2025"]) {
        assert!(d.as_str() >= "2025-09", "{d}");
    }
    for d in published(&["--person", "He Lifeng", "before 2025-07-01"]) {
        assert!(d.as_str() < "2025-07", "{d}");
    }
    // "this year" relative to --today.
    let this_year = ids(&["--person", "He Lifeng", "this year"]);
    let dated_he = truth_ids("he_lifeng_any").len() - undated_he();
    assert_eq!(this_year.len(), dated_he);
    assert!(ids(&["--person", "He Lifeng", "last year"]).is_empty());
}

/// Articles about He Lifeng with no publication date at all.
fn undated_he() -> usize {
    let all = published(&["--person", "He Lifeng"]);
    all.iter().filter(|d| d.is_empty()).count()
}

#[test]
fn dates_the_articles_talk_about() {
    // The Busan meeting, Thursday 30 October, is announced days before.
    let mentioned = ids(&["--mentions-date", "2025-10-30"]);
    assert!(mentioned.contains(&"nd-012".to_string()), "{mentioned:?}");
    let published_before: Vec<String> =
        published(&["--mentions-date", "2025-10-30"]);
    assert!(published_before.iter().any(|d| d.as_str() < "2025-10-30"));
    // The same as a phrase in the query.
    assert_eq!(ids(&["about 30 October 2025"]), mentioned);
}

#[test]
fn bad_dates_are_usage_errors() {
    let run = search(&["x", "--from", "the day after never"]).expect_code(2);
    assert!(run.stderr.contains("--from"), "{}", run.stderr);
    search(&["x", "--today", "2025-13-01"]).expect_code(2);
}

/// Three articles whose mentions have three precisions: a year with a
/// day in June, a month, a day in January.
fn mentions_env() -> TestEnv {
    let env = TestEnv::new();
    let line = |id: &str, body: &str| {
        serde_json::json!({
            "id": id,
            "title": format!("Quokka report {id}"),
            "body": body,
            "published": "2025-03-03",
        })
        .to_string()
    };
    let lines = [
        line(
            "year",
            "The quokka plan runs through 2025. Talks resume on 12 June 2025.",
        ),
        line("month", "Quokka exports fell in June 2025, the ministry said."),
        line("day", "The quokka summit opens on 20 January 2025 in Geneva."),
    ];
    let file = env.write("in/mentions.jsonl", lines.join("\n") + "\n");
    env.index(&[&file]);
    env
}

fn mentioning(env: &TestEnv, args: &[&str]) -> Vec<String> {
    let mut all = vec!["search"];
    all.extend(args);
    all.extend(["--json", "--today", "2025-03-03"]);
    let run = env.run(&all);
    assert!(run.code <= 1, "{}", run.stderr);
    ids_of(&run.stdout)
}

#[test]
fn a_mention_matches_only_periods_that_contain_it_whole() {
    let env = mentions_env();
    let m = |date: &str| mentioning(&env, &["--mentions-date", date]);
    // The year 2025 is not a mention of January 2025 (it was, when a
    // year was indexed at its first day).
    assert_eq!(m("2025-01"), ["day"]);
    assert_eq!(m("2025"), ["day", "month", "year"]);
    // June 2025: the month, and the year article's 12 June.
    assert_eq!(m("2025-06"), ["month", "year"]);
    // 12 June: the day only, not the month that holds it.
    assert_eq!(m("2025-06-12"), ["year"]);
    assert!(m("2024").is_empty());
    // A query phrase means the same as the flag.
    assert_eq!(mentioning(&env, &["about June 2025"]), m("2025-06"));
    assert_eq!(mentioning(&env, &["about January 2025"]), ["day"]);
}
