//! `facets`, `timeline` and `related` on the sample corpus, and on real
//! news (Reuters-21578, when `../shared` is there).

use serde::Deserialize;

use crate::util::{reuters, run_with_index, sample, REUTERS_RECORDS};

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
    counts: String,
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
    counts: String,
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

// ---------------------------------------------------------------------
// Real news: the first records of Reuters-21578, whose editors tagged
// each story with its places.

fn json_of<T: serde::de::DeserializeOwned>(
    index: &std::path::Path,
    args: &[&str],
) -> T {
    let run = run_with_index(index, args).expect_code(0);
    serde_json::from_str(&run.stdout).expect("valid JSON")
}

/// Articles in the index, by `stats`.
fn articles_in(index: &std::path::Path) -> usize {
    let v: serde_json::Value = json_of(index, &["stats", "--json"]);
    v["articles"].as_u64().unwrap() as usize
}

#[test]
fn on_reuters_place_counts_agree_with_the_editors_tags() {
    let Some(index) = reuters() else { return };
    // The stories the editors tagged with a country: the extracted places
    // (text and dateline, the country or a place in it) should name it
    // in most of them.
    for (tag, continent, country) in [
        ("place/japan", "Asia", "Japan"),
        ("place/uk", "Europe", "United Kingdom"),
        ("place/usa", "North America", "United States"),
        ("place/canada", "North America", "Canada"),
    ] {
        let query = format!("tag:{tag}");
        let f: Facets = json_of(
            index,
            &[
                "facets", &query, "--field", "place", "--under", continent,
                "--json",
            ],
        );
        assert!(f.total >= 20, "{tag}: {} stories", f.total);
        let path = format!("{continent}/{country}");
        let count =
            f.values.iter().find(|c| c.value == path).map_or(0, |c| c.count);
        assert!(
            count as f64 >= 0.8 * f.total as f64,
            "{country} in {count} of {} stories tagged {tag}: {:?}",
            f.total,
            f.values
        );
    }
    // Over the whole index, the United States leads.
    let f: Facets = json_of(
        index,
        &["facets", "--field", "place_name", "--top", "3", "--json"],
    );
    assert_eq!(f.total, articles_in(index));
    assert_eq!(f.values[0].value, "United States", "{:?}", f.values);
}

#[test]
fn on_reuters_the_timeline_covers_1987_and_every_article() {
    let Some(index) = reuters() else { return };
    let t: Timeline = json_of(index, &["timeline", "--by", "month", "--json"]);
    let articles = articles_in(index);
    assert!(articles > REUTERS_RECORDS * 9 / 10, "{articles}");
    assert_eq!(t.total, articles);
    assert_eq!(
        t.buckets.iter().map(|b| b.count).sum::<u64>(),
        articles as u64
    );
    assert!(t.buckets.iter().all(|b| b.period.starts_with("1987-")), "{t:?}");
    let t: Timeline = json_of(index, &["timeline", "--by", "year", "--json"]);
    assert_eq!(t.buckets.len(), 1);
    assert_eq!(t.buckets[0].period, "1987");
}

#[test]
fn on_reuters_related_ranks_by_significance() {
    let Some(index) = reuters() else { return };
    let top: Facets = json_of(
        index,
        &["facets", "--field", "person", "--top", "1", "--json"],
    );
    let person = &top.values[0];
    let r: Related =
        json_of(index, &["related", &person.value, "--json", "--top", "10"]);
    assert!(r.articles >= person.count, "{r:?}");
    assert_eq!(r.index_articles, articles_in(index) as u64);
    assert!(!r.related.is_empty(), "{r:?}");
    for e in &r.related {
        assert!(
            e.count <= r.articles && e.count <= e.background_count,
            "{e:?}"
        );
        assert_ne!(e.name, person.value);
    }
    assert!(
        r.related.windows(2).all(|w| w[0].score >= w[1].score),
        "{:?}",
        r.related
    );
}
