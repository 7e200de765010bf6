//! `facets`, `timeline` and `related` on the sample corpus.

use serde::Deserialize;

use crate::util::{run_with_index, sample};

fn run(args: &[&str]) -> crate::util::Run {
    run_with_index(sample(), args)
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Count {
    value: String,
    count: u64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Facets {
    query: serde_json::Value,
    field: String,
    under: Option<String>,
    total: usize,
    values: Vec<Count>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Bucket {
    period: String,
    start: String,
    count: u64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Timeline {
    query: serde_json::Value,
    by: String,
    dates: String,
    total: usize,
    buckets: Vec<Bucket>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct RelatedEntry {
    kind: String,
    name: String,
    count: u64,
    background_count: u64,
    score: f64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Related {
    entity: serde_json::Value,
    query: serde_json::Value,
    scope: String,
    articles: u64,
    index_articles: u64,
    related: Vec<RelatedEntry>,
}

#[test]
fn facets_count_a_query_and_drill_into_places() {
    let out = run(&[
        "facets",
        "--field",
        "person",
        "--place",
        "Kuala Lumpur",
        "--json",
    ])
    .expect_code(0);
    let f: Facets = serde_json::from_str(&out.stdout).unwrap();
    let kl = crate::util::truth_ids("kl_any").len();
    assert_eq!(f.total, kl);
    for pair in f.values.windows(2) {
        assert!(pair[0].count >= pair[1].count);
    }
    // Drill down: continents, then countries of Asia, then places.
    let top = run(&["facets", "--field", "place", "--json"]).expect_code(0);
    let top: Facets = serde_json::from_str(&top.stdout).unwrap();
    assert!(top.values.iter().any(|c| c.value == "Asia"), "{top:?}");
    let asia =
        run(&["facets", "--field", "place", "--under", "Asia", "--json"])
            .expect_code(0);
    let asia: Facets = serde_json::from_str(&asia.stdout).unwrap();
    assert!(
        asia.values.iter().any(|c| c.value == "Asia/Malaysia"),
        "{asia:?}"
    );
    let my = run(&[
        "facets",
        "--field",
        "place",
        "--under",
        "Asia/Malaysia",
        "--json",
    ])
    .expect_code(0);
    let my: Facets = serde_json::from_str(&my.stdout).unwrap();
    let kl_count = my
        .values
        .iter()
        .find(|c| c.value == "Asia/Malaysia/Kuala Lumpur")
        .map(|c| c.count);
    assert_eq!(kl_count, Some(kl as u64));
    let csv = run(&["facets", "--field", "source", "--csv"]).expect_code(0);
    assert!(csv.stdout.starts_with("value,count\n"), "{}", csv.stdout);
    assert_eq!(csv.stdout.lines().count(), 5);
}

#[test]
fn timeline_by_month_fills_gaps_and_draws_bars() {
    let out =
        run(&["timeline", "--person", "He Lifeng", "--by", "month", "--json"])
            .expect_code(0);
    let t: Timeline = serde_json::from_str(&out.stdout).unwrap();
    let periods: Vec<&str> =
        t.buckets.iter().map(|b| b.period.as_str()).collect();
    assert_eq!(periods.first(), Some(&"2025-05"));
    // Consecutive months, none missing.
    for pair in t.buckets.windows(2) {
        let (a, b) = (&pair[0].start, &pair[1].start);
        assert!(a < b);
    }
    let dated: u64 = t.buckets.iter().map(|b| b.count).sum();
    assert!(dated as usize <= t.total);
    let text = run(&["timeline", "--person", "He Lifeng", "--by", "year"])
        .expect_code(0);
    assert!(text.stdout.starts_with("2025"), "{}", text.stdout);
    assert!(text.stdout.contains('█'));
}

#[test]
fn related_ranks_the_negotiators_first() {
    let out = run(&["related", "He Lifeng", "--kinds", "person", "--json"])
        .expect_code(0);
    let r: Related = serde_json::from_str(&out.stdout).unwrap();
    let top: Vec<&str> =
        r.related.iter().take(3).map(|e| e.name.as_str()).collect();
    for name in ["Scott Bessent", "Li Chenggang", "Jamieson Greer"] {
        assert!(top.contains(&name), "{top:?}");
    }
    assert!(r.related.iter().all(|e| e.name != "He Lifeng"));
    run(&["related", "Nobody Anybody"]).expect_code(2);
}

#[test]
fn related_in_the_same_sentence_is_a_subset_of_the_same_article() {
    let article = run(&["related", "He Lifeng", "--json", "--top", "100"])
        .expect_code(0);
    let article: Related = serde_json::from_str(&article.stdout).unwrap();
    let sentence = run(&[
        "related",
        "He Lifeng",
        "--scope",
        "sentence",
        "--json",
        "--top",
        "100",
    ])
    .expect_code(0);
    let sentence: Related = serde_json::from_str(&sentence.stdout).unwrap();
    assert_eq!(sentence.scope, "sentence");
    assert_eq!(article.scope, "article");
    assert_eq!(sentence.related[0].name, "Scott Bessent");
    assert!(sentence.related.len() < article.related.len());
    for s in &sentence.related {
        let a = article
            .related
            .iter()
            .find(|a| a.name == s.name && a.kind == s.kind)
            .unwrap_or_else(|| panic!("{} only in sentence scope", s.name));
        assert!(s.count <= a.count, "{}", s.name);
    }
}

#[test]
fn whole_index_counts_equal_the_matches_of_each_value() {
    // Without a query, facets are read from the index's dictionaries
    // and columns rather than by visiting matches: each count must be
    // what a filter on that value matches.
    #[track_caller]
    fn check(field: &str, flag: &str) {
        let all = run(&["facets", "--field", field, "--top", "5", "--json"])
            .expect_code(0);
        let all: Facets = serde_json::from_str(&all.stdout).unwrap();
        assert!(!all.values.is_empty());
        for c in &all.values {
            let one =
                run(&["facets", "--field", field, flag, &c.value, "--json"])
                    .expect_code(0);
            let one: Facets = serde_json::from_str(&one.stdout).unwrap();
            assert_eq!(one.total as u64, c.count, "{field} {}", c.value);
        }
    }
    // Organisation and person filters also match an entity's other
    // names, so their counts can differ: places have none.
    check("place", "--place");
}
