//! The query language, on the sample corpus with its ground truth.

use crate::util::{ids_of, search, truth_ids};

#[track_caller]
fn check_ids(args: &[&str], expected: &[String]) {
    let mut all = args.to_vec();
    all.extend(["--json", "--limit", "100"]);
    let run = search(&all);
    assert!(run.code <= 1, "{}", run.stderr);
    assert_eq!(ids_of(&run.stdout), expected, "search {args:?}");
}

#[test]
fn the_readme_query_finds_exactly_the_kuala_lumpur_talks() {
    check_ids(
        &["talks in Kuala Lumpur involving He Lifeng"],
        &truth_ids("kl_he_lifeng_talks"),
    );
}

#[test]
fn a_person_filter_alone_lists_every_article_about_him() {
    check_ids(&["--person", "He Lifeng"], &truth_ids("he_lifeng_any"));
    check_ids(&["involving He Lifeng"], &truth_ids("he_lifeng_any"));
}

#[test]
fn a_place_filter_alone_lists_every_article_there() {
    check_ids(&["--place", "Kuala Lumpur"], &truth_ids("kl_any"));
    check_ids(&["*", "--place", "kuala lumpur"], &truth_ids("kl_any"));
}

#[test]
fn a_surname_names_the_one_person_who_has_it() {
    let full = search(&["involving Scott Bessent", "--json", "-n", "100"]);
    let surname = search(&["involving Bessent", "--json", "-n", "100"]);
    assert_eq!(ids_of(&full.stdout), ids_of(&surname.stdout));
    assert!(!ids_of(&full.stdout).is_empty());
}

#[test]
fn field_syntax_equals_flags() {
    let a = search(&["person:\"He Lifeng\" place:\"Kuala Lumpur\"", "--json"]);
    let b = search(&[
        "--person",
        "He Lifeng",
        "--place",
        "Kuala Lumpur",
        "--json",
    ]);
    assert_eq!(ids_of(&a.stdout), ids_of(&b.stdout));
    assert_eq!(ids_of(&a.stdout).len(), 5);
}

#[test]
fn facet_counts_of_the_example_query() {
    let run = search(&["talks in Kuala Lumpur involving He Lifeng", "--json"])
        .expect_code(0);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let count = |field: &str, value: &str| {
        v["facets"][field]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["value"] == value)
            .map(|c| c["count"].as_u64().unwrap())
    };
    assert_eq!(count("person", "He Lifeng"), Some(5));
    assert_eq!(count("place_name", "Kuala Lumpur"), Some(5));
    // Facet lists are ordered by count, then value.
    let persons = v["facets"]["person"].as_array().unwrap();
    for pair in persons.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        assert!(
            a["count"].as_u64() > b["count"].as_u64()
                || a["count"] == b["count"]
                    && a["value"].as_str() < b["value"].as_str(),
            "{persons:?}"
        );
    }
}

#[test]
fn no_results_exit_one() {
    let run = search(&["zanzibar quokka"]).expect_code(1);
    assert!(run.stdout.contains("0 articles matched"), "{}", run.stdout);
}

#[test]
fn limit_offset_and_date_sort() {
    let all = search(&[
        "--person",
        "He Lifeng",
        "--sort",
        "date",
        "--jsonl",
        "-n",
        "100",
    ])
    .expect_code(0);
    let dates: Vec<String> = all
        .stdout
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["published"].as_str().unwrap_or("").to_string()
        })
        .collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted, "newest first");
    let page = search(&[
        "--person",
        "He Lifeng",
        "--sort",
        "date",
        "--jsonl",
        "-n",
        "2",
        "--offset",
        "1",
    ])
    .expect_code(0);
    let lines: Vec<&str> = all.stdout.lines().skip(1).take(2).collect();
    assert_eq!(page.stdout.lines().collect::<Vec<_>>(), lines);
}

#[test]
fn text_output_shows_hits_snippets_and_facets() {
    let run =
        search(&["talks in Kuala Lumpur involving He Lifeng"]).expect_code(0);
    let out = &run.stdout;
    assert!(out.contains("5 articles matched (showing 1-5)"), "{out}");
    assert!(out.contains("[talks]") || out.contains("[Talks]"), "{out}");
    assert!(out.contains("person:"), "{out}");
    assert!(!out.contains('\x1b'), "no colour when piped");
    assert!(run.stderr.is_empty(), "{}", run.stderr);
}

#[test]
fn explain_says_how_the_query_was_understood() {
    let run =
        search(&["talks in Kuala Lumpur involving He Lifeng", "--explain"])
            .expect_code(0);
    assert!(
        run.stderr.contains("filter:   place = Kuala Lumpur"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("filter:   person = He Lifeng"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("text:     talks"), "{}", run.stderr);
}

#[test]
fn query_mistakes_exit_two() {
    let run = search(&["colour:red"]).expect_code(2);
    assert!(run.stderr.contains("unknown field \"colour\""), "{}", run.stderr);
    search(&["x", "--facets", "nonsense"]).expect_code(2);
    search(&["x", "--from", "not a date"]).expect_code(2);
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let always =
        search(&["talks", "--color", "always", "-n", "1"]).expect_code(0);
    assert!(always.stdout.contains("\x1b[1m"), "{}", always.stdout);
    let never =
        search(&["talks", "--color", "never", "-n", "1"]).expect_code(0);
    assert!(!never.stdout.contains('\x1b'));
}

#[test]
fn places_match_everything_inside_them() {
    let kl = truth_ids("kl_any");
    for region in ["Malaysia", "Asia", "Asia/Malaysia"] {
        let run = search(&["--place", region, "--json", "-n", "100"]);
        let got = ids_of(&run.stdout);
        for id in &kl {
            assert!(got.contains(id), "--place {region}: {id} missing");
        }
    }
    // Aliases of a country are one country.
    let us = ids_of(&search(&["in the U.S.", "--json", "-n", "100"]).stdout);
    let united = ids_of(
        &search(&["--place", "United States", "--json", "-n", "100"]).stdout,
    );
    assert_eq!(us, united);
    assert!(!us.is_empty());
}

#[test]
fn a_surname_finds_the_full_name_and_shows_the_evidence() {
    let run = search(&["involving Xi", "--json", "-n", "100"]).expect_code(0);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v["query"]["filters"][0]["name"], "Xi Jinping");
    let mut forms = std::collections::BTreeSet::new();
    for hit in v["hits"].as_array().unwrap() {
        let ev = &hit["evidence"][0];
        assert_eq!(ev["value"], "Xi Jinping");
        for s in ev["surfaces"].as_array().unwrap() {
            forms.insert(s.as_str().unwrap().to_string());
        }
    }
    assert!(forms.contains("Xi"), "{forms:?}");
    assert!(forms.iter().any(|f| f.ends_with("Xi Jinping")), "{forms:?}");
}

#[test]
fn washington_the_state_is_not_the_capital() {
    let state = truth_ids("washington_state");
    let capital = ids_of(
        &search(&["--place", "Washington, D.C.", "--json", "-n", "100"])
            .stdout,
    );
    for id in &state {
        assert!(!capital.contains(id), "{id} taken for the capital");
    }
    let in_state = ids_of(
        &search(&[
            "--place",
            "North America/United States/Washington",
            "--json",
            "-n",
            "100",
        ])
        .stdout,
    );
    for id in &state {
        assert!(
            in_state.contains(id),
            "{id} not in Washington state: {in_state:?}"
        );
    }
}

#[test]
fn the_trap_article_comes_out_right() {
    let trap =
        crate::util::truth()["trap_article"].as_str().unwrap().to_string();
    let run = search(&["*", "--json", "-n", "100"]).expect_code(0);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let hit = v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["id"] == trap.as_str())
        .expect("trap article indexed")
        .clone();
    let list = |k: &str| -> Vec<String> {
        hit[k]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap().to_string())
            .collect()
    };
    let people = list("people");
    for p in [
        "Donald Trump",
        "Xi Jinping",
        "He Lifeng",
        "Li Chenggang",
        "Scott Bessent",
        "Jamieson Greer",
    ] {
        assert_eq!(
            people.iter().filter(|x| *x == p).count(),
            1,
            "{p} in {people:?}"
        );
    }
    // No bare surnames or pronouns as people of their own.
    for bad in ["Trump", "Xi", "He", "Li", "Bessent"] {
        assert!(!people.contains(&bad.to_string()), "{bad} in {people:?}");
    }
    let orgs = list("orgs");
    for o in [
        "Association of Southeast Asian Nations",
        "Asia-Pacific Economic Cooperation",
    ] {
        assert!(orgs.contains(&o.to_string()), "{o} not in {orgs:?}");
    }
    for bad in ["ASEAN", "APEC", "Latest News"] {
        assert!(!orgs.contains(&bad.to_string()), "{bad} in {orgs:?}");
    }
    let places = list("places");
    for p in [
        "Kuala Lumpur",
        "United States",
        "China",
        "Taiwan",
        "Hong Kong",
        "Japan",
    ] {
        assert!(places.contains(&p.to_string()), "{p} not in {places:?}");
    }
}

#[test]
fn timings_give_each_query_its_microseconds_on_stderr() {
    let env = crate::util::TestEnv::new();
    let file = env.write(
        "queries.txt",
        "talks in Kuala Lumpur involving He Lifeng\n# a comment\n\nzanzibar quokka\n",
    );
    let file = file.to_str().unwrap();
    let timed = crate::util::run_with_index(
        crate::util::sample(),
        &["search", "--queries", file, "--timings"],
    )
    .expect_code(0);
    let plain = crate::util::run_with_index(
        crate::util::sample(),
        &["search", "--queries", file],
    )
    .expect_code(0);
    assert_eq!(timed.stdout, plain.stdout);
    assert_eq!(plain.stderr, "");
    let lines: Vec<(u64, &str)> = timed
        .stderr
        .lines()
        .map(|l| {
            let (micros, query) = l.split_once('\t').expect("a tab");
            (micros.parse().expect("microseconds"), query)
        })
        .collect();
    let queries: Vec<&str> = lines.iter().map(|l| l.1).collect();
    assert_eq!(
        queries,
        ["talks in Kuala Lumpur involving He Lifeng", "zanzibar quokka"]
    );
    assert!(lines.iter().all(|l| l.0 > 0), "{lines:?}");
    // Only with --queries.
    search(&["talks", "--timings"]).expect_code(2);
}

/// Stop words are not indexed, but a phrase keeps their place: "Bank of
/// England" finds the text that says it, not "bank ... England".
#[test]
fn phrases_with_stop_words_keep_their_shape() {
    let env = crate::util::TestEnv::new();
    let file = env.write(
        "banks.jsonl",
        concat!(
            r#"{"id":"boe","title":"Rates","body":"The Bank of England raised rates on Thursday."}"#,
            "\n",
            r#"{"id":"far","title":"Loans","body":"A bank lent money. England won the match."}"#,
            "\n",
            r#"{"id":"gap","title":"Order","body":"The bank England of ours."}"#,
            "\n",
        ),
    );
    env.index(&[&file]);
    let ids = |query: &str| {
        let run = env.run(&["search", "--json", query]);
        crate::util::ids_of(&run.stdout)
    };
    assert_eq!(ids(r#""Bank of England""#), ["boe"]);
    assert_eq!(ids(r#""bank of england" rates"#), ["boe"]);
    // Both words, anywhere: all three.
    let mut loose = ids("bank england");
    loose.sort();
    assert_eq!(loose, ["boe", "far", "gap"]);
    // A stop word asks for nothing: "the bank" is "bank".
    let mut with_the = ids("the bank");
    with_the.sort();
    assert_eq!(with_the, loose);
}
