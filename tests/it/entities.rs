//! The archive's entity table: one entity however an article names it,
//! found by any of its names, counted once, correctable by the user.
//!
//! `tests/fixtures/entities/` holds six short articles written for these
//! tests: a minister named in full in two of them and by surname in a
//! third; the IMF spelled out with its acronym in one article and by
//! acronym alone in another; one company as "Harbor Logistics Corp.",
//! "HARBOR LOGISTICS" and "Harbor Logistics"; and two people sharing a
//! surname, with an article that gives the surname alone.

use serde::Deserialize;

use crate::util::{repo, Run, TestEnv};

fn env() -> TestEnv {
    let env = TestEnv::new();
    env.index(&[&repo().join("tests/fixtures/entities")]);
    env
}

#[derive(Debug, Deserialize)]
struct Search {
    total: usize,
    query: Query,
    hits: Vec<Hit>,
    #[serde(default)]
    facets: std::collections::BTreeMap<String, Vec<Count>>,
}

#[derive(Debug, Deserialize)]
struct Query {
    filters: Vec<Filter>,
    notes: Vec<String>,
    terms: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct Filter {
    field: String,
    name: String,
}

#[derive(Debug, Deserialize)]
struct Hit {
    id: String,
    people: Vec<String>,
    orgs: Vec<String>,
    evidence: Vec<Evidence>,
}

#[derive(Debug, Deserialize)]
struct Evidence {
    surfaces: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct Count {
    value: String,
    count: u64,
}

fn search(env: &TestEnv, args: &[&str]) -> Search {
    let mut all = vec!["search", "--json"];
    all.extend(args);
    let run = env.run(&all);
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
    serde_json::from_str(&run.stdout).expect("search JSON")
}

fn ids(s: &Search) -> Vec<&str> {
    let mut ids: Vec<&str> = s.hits.iter().map(|h| h.id.as_str()).collect();
    ids.sort_unstable();
    ids
}

#[test]
fn a_surname_finds_the_full_name_and_every_article() {
    let env = env();
    for query in
        ["involving Okonkwo", "with Maria Okonkwo", "involving OKONKWO"]
    {
        let s = search(&env, &[query]);
        assert_eq!(s.query.filters.len(), 1, "{query}: {:?}", s.query);
        assert_eq!(s.query.filters[0].name, "Maria Okonkwo", "{query}");
        assert_eq!(ids(&s), ["a1", "a2", "a3"], "{query}");
    }
    let s = search(&env, &["--person", "Maria Okonkwo"]);
    assert_eq!(s.total, 3);
    assert_eq!(ids(&s), ["a1", "a2", "a3"]);
    // The article that wrote only the surname says so in its evidence.
    let a2 = s.hits.iter().find(|h| h.id == "a2").unwrap();
    assert_eq!(a2.people, ["Maria Okonkwo"]);
    assert_eq!(a2.evidence[0].surfaces, ["Okonkwo"]);
}

#[test]
fn an_acronym_finds_its_organisation_and_initials_find_nothing() {
    let env = env();
    let s = search(&env, &["involving the IMF"]);
    assert_eq!(s.query.filters[0].field, "org");
    assert_eq!(s.query.filters[0].name, "International Monetary Fund");
    assert_eq!(ids(&s), ["a1", "a2"]);
    // "HL" is the initials of Harbor Logistics, not a name of it.
    let s = search(&env, &["involving HL"]);
    assert!(s.query.filters.is_empty(), "{:?}", s.query);
    // The cue word is no word the hits must contain.
    assert_eq!(s.query.terms, ["HL"]);
}

#[test]
fn case_and_suffix_variants_are_one_value_in_facets_and_hits() {
    let env = env();
    let s = search(&env, &["*", "--facets", "org,person"]);
    let orgs = &s.facets["org"];
    let harbor: Vec<&Count> = orgs
        .iter()
        .filter(|c| c.value.to_lowercase().contains("harbor"))
        .collect();
    assert_eq!(harbor.len(), 1, "{orgs:?}");
    assert_eq!(harbor[0].count, 3);
    let people = &s.facets["person"];
    assert!(people.iter().any(|c| c.value == "Maria Okonkwo" && c.count == 3));
    assert!(!people.iter().any(|c| c.value == "Okonkwo"), "{people:?}");
    for hit in &s.hits {
        let unique: std::collections::BTreeSet<&String> =
            hit.orgs.iter().collect();
        assert_eq!(unique.len(), hit.orgs.len(), "{hit:?}");
    }
}

#[test]
fn a_surname_two_people_share_stays_text_with_both_named() {
    let env = env();
    let s = search(&env, &["involving Hale"]);
    assert!(s.query.filters.is_empty(), "{:?}", s.query);
    let note = s.query.notes.join(" ");
    assert!(note.contains("Robert Hale (2 articles)"), "{note}");
    assert!(note.contains("Susan Hale (2 articles)"), "{note}");
    // Named in full, either is found at once.
    let s = search(&env, &["involving Susan Hale"]);
    assert_eq!(ids(&s), ["a4", "a6"]);
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entities {
    name: Option<String>,
    kinds: Vec<String>,
    total: usize,
    entities: Vec<EntityRow>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EntityRow {
    name: String,
    kind: String,
    articles: u64,
    forms: Vec<FormRow>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    bodies: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FormRow {
    name: String,
    #[serde(default)]
    field: Option<String>,
    articles: u64,
}

fn entities(env: &TestEnv, args: &[&str]) -> Entities {
    let mut all = vec!["entities", "--json"];
    all.extend(args);
    let run = env.run(&all);
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
    serde_json::from_str(&run.stdout).expect("entities JSON")
}

#[test]
fn entities_lists_every_form_merged_into_each() {
    let env = env();
    let e = entities(&env, &["okon"]);
    assert_eq!(e.name.as_deref(), Some("okon"));
    assert_eq!(e.kinds, ["person", "org", "place"]);
    assert_eq!(e.total, 1);
    let row = &e.entities[0];
    assert_eq!(
        (row.name.as_str(), row.kind.as_str(), row.articles),
        ("Maria Okonkwo", "person", 3)
    );
    let forms: Vec<(&str, u64)> =
        row.forms.iter().map(|f| (f.name.as_str(), f.articles)).collect();
    assert_eq!(forms, [("Maria Okonkwo", 2), ("Okonkwo", 1)]);
    assert!(row.forms.iter().all(|f| f.field.is_none()));
    assert!(
        row.aliases.is_empty()
            || row.aliases.iter().all(|a| a != "Maria Okonkwo")
    );
    let e = entities(&env, &["harbor", "--kind", "org"]);
    assert_eq!(e.entities[0].articles, 3);
    assert_eq!(e.entities[0].forms.len(), 3);
    // Text and CSV list the same.
    let text = env.run(&["entities", "okon"]).expect_code(0);
    assert!(
        text.stdout.contains("Maria Okonkwo")
            && text.stdout.contains("Okonkwo (1)")
    );
    let csv = env.run(&["entities", "okon", "--csv"]).expect_code(0);
    assert!(
        csv.stdout.starts_with("name,kind,articles,forms\n"),
        "{}",
        csv.stdout
    );
    // A kind that is no entity kind is refused with the right ones.
    let bad = env.run(&["entities", "--kind", "source"]).expect_code(2);
    assert!(bad.stderr.contains("person, org, place"), "{}", bad.stderr);
}

fn with_aliases(env: &TestEnv, text: &str) -> Run {
    let file = env.write("aliases.txt", text);
    env.run(&[
        "--aliases",
        &file.display().to_string(),
        "search",
        "*",
        "--json",
        "--facets",
        "org,person",
    ])
}

fn facet(run: &Run, field: &str) -> Vec<(String, u64)> {
    let s: Search = serde_json::from_str(&run.stdout).expect("search JSON");
    s.facets[field].iter().map(|c| (c.value.clone(), c.count)).collect()
}

#[test]
fn user_decisions_apply_without_reindexing() {
    let env = env();
    // rename
    let run = with_aliases(
        &env,
        "rename org: International Monetary Fund = The Fund\n",
    )
    .expect_code(0);
    assert!(
        facet(&run, "org").contains(&("The Fund".into(), 2)),
        "{:?}",
        facet(&run, "org")
    );
    // drop
    let run = with_aliases(&env, "drop org: Harbor Logistics Corp.\n")
        .expect_code(0);
    assert!(
        !facet(&run, "org").iter().any(|(v, _)| v == "Harbor Logistics Corp."),
        "{:?}",
        facet(&run, "org")
    );
    // split: the bare surname is its own value again
    let run = with_aliases(&env, "split person: Okonkwo\n").expect_code(0);
    let people = facet(&run, "person");
    assert!(people.contains(&("Okonkwo".into(), 1)), "{people:?}");
    assert!(people.contains(&("Maria Okonkwo".into(), 2)), "{people:?}");
    // merge: two people become one
    let run = with_aliases(&env, "merge person: Robert Hale = Susan Hale\n")
        .expect_code(0);
    let people = facet(&run, "person");
    assert!(people.contains(&("Susan Hale".into(), 4)), "{people:?}");
    assert!(!people.iter().any(|(v, _)| v == "Robert Hale"), "{people:?}");
    // kind: a person moved to organisations is no person any more, and
    // `--org` finds it
    let run =
        with_aliases(&env, "kind person: Susan Hale = org\n").expect_code(0);
    assert!(!facet(&run, "person").iter().any(|(v, _)| v == "Susan Hale"));
    let file = env.write("kind.txt", "kind person: Susan Hale = org\n");
    let s: Search = serde_json::from_str(
        &env.run(&[
            "--aliases",
            &file.display().to_string(),
            "search",
            "--org",
            "Susan Hale",
            "--json",
        ])
        .expect_code(0)
        .stdout,
    )
    .unwrap();
    assert_eq!(ids(&s), ["a4", "a6"]);
    // The file in the index folder applies without --aliases.
    std::fs::write(
        env.index_dir().join("newsdex-aliases.txt"),
        "rename org: IMF = The Fund\n",
    )
    .unwrap();
    let s = search(&env, &["involving the IMF"]);
    assert_eq!(s.query.filters[0].name, "The Fund");
    // A line that is no decision names the file and the line.
    let bad = with_aliases(&env, "# fine\nfuse org: A = B\n").expect_code(2);
    assert!(
        bad.stderr.contains("aliases.txt") && bad.stderr.contains("line 2"),
        "{}",
        bad.stderr
    );
    // A name the index does not know is reported, the rest applied.
    let run = with_aliases(&env, "drop org: Nowhere Inc\n").expect_code(0);
    assert!(
        run.stderr.contains("no org named \"Nowhere Inc\""),
        "{}",
        run.stderr
    );
}

#[test]
fn incremental_runs_keep_the_table_current() {
    let env = TestEnv::new();
    let fixtures = repo().join("tests/fixtures/entities");
    let copy = |name: &str| {
        let text = std::fs::read(fixtures.join(name)).unwrap();
        env.write(&format!("in/{name}"), text)
    };
    copy("a2.txt");
    let folder = env.dir.path().join("in");
    env.index(&[&folder]);
    // Only the acronym so far: it is a name of its own.
    let s = search(&env, &["involving the IMF"]);
    assert_eq!(s.query.filters[0].name, "IMF");
    // An article that spells it out joins the two.
    copy("a1.txt");
    env.index(&[&folder]);
    let s = search(&env, &["involving the IMF"]);
    assert_eq!(s.query.filters[0].name, "International Monetary Fund");
    assert_eq!(ids(&s), ["a1", "a2"]);
    // Pruned, it takes its evidence with it.
    std::fs::remove_file(folder.join("a1.txt")).unwrap();
    env.run(&["index", "--prune", &folder.display().to_string()])
        .expect_code(0);
    let s = search(&env, &["involving the IMF"]);
    assert_eq!(s.query.filters[0].name, "IMF");
    assert_eq!(ids(&s), ["a2"]);
}

/// Three organisations and a person, each named differently in two or
/// three articles written for this test.
const VARIANTS: &[(&str, &str, &str)] = &[
    (
        "v1",
        "Freighters for Denmark",
        "Harlow Aviation Co <HAV> said on Monday it had delivered two \
         freighters to a Danish carrier. Union leader Jim Halloway said \
         the order would keep the Wichita plant busy until the spring.",
    ),
    (
        "v2",
        "Harlow shares climb",
        "Shares of HAV rose after the delivery. James Halloway told \
         reporters in Wichita that workers would be paid overtime.",
    ),
    (
        "v3",
        "Party picks leader",
        "The Conservative Party chose a new leader in Leeds on Tuesday. \
         The Tories said the vote was close.",
    ),
    (
        "v4",
        "Campaign in Bristol",
        "The Tories promised lower taxes at a rally in Bristol, where \
         Conservatives hope to win two seats.",
    ),
];

#[test]
fn tickers_parties_and_given_names_are_one_entity() {
    let env = TestEnv::new();
    let jsonl: String = VARIANTS
        .iter()
        .map(|(id, title, body)| {
            serde_json::json!({"id": id, "title": title, "body": body})
                .to_string()
                + "\n"
        })
        .collect();
    env.write("in/variants.jsonl", jsonl);
    env.index(&[&env.dir.path().join("in")]);
    let forms = |e: &EntityRow| -> Vec<String> {
        let mut f: Vec<String> =
            e.forms.iter().map(|f| f.name.clone()).collect();
        f.extend(e.aliases.iter().cloned());
        f.sort();
        f
    };
    let harlow = entities(&env, &["harlow", "--kind", "org"]);
    assert_eq!(harlow.entities.len(), 1, "{harlow:?}");
    assert!(forms(&harlow.entities[0]).contains(&"HAV".to_string()));
    let tories = entities(&env, &["tories", "--kind", "org"]);
    assert_eq!(tories.entities.len(), 1, "{tories:?}");
    let party = forms(&tories.entities[0]);
    assert!(
        party.contains(&"Conservative Party".to_string())
            && party.contains(&"Tories".to_string()),
        "{party:?}"
    );
    // Named by the party's name, not its nickname.
    assert_eq!(tories.entities[0].name, "Conservative Party");
    assert_eq!(tories.entities[0].articles, 2);
    let people = entities(&env, &["halloway", "--kind", "person"]);
    assert_eq!(people.entities.len(), 1, "{people:?}");
    assert_eq!(people.entities[0].articles, 2);
    // A search by any of the names finds every article of the entity.
    let s = search(&env, &["involving Tories"]);
    assert_eq!(ids(&s), ["v3", "v4"]);
    let s = search(&env, &["involving Jim Halloway"]);
    assert_eq!(ids(&s), ["v1", "v2"]);
}

/// Two articles that call a name a film ("the film Paper Tigers") and
/// two that name it without saying so.
const FILM: [(&str, &str); 4] = [
    (
        "f1",
        "The film Paper Tigers led the nominations on Tuesday. Critics \
         praised the film Paper Tigers, which stars Anna Quill.",
    ),
    (
        "f2",
        "Audiences in Leeds queued for the film Paper Tigers on Friday, \
         the cinema chain said.",
    ),
    (
        "f3",
        "Paper Tigers took 4 million pounds at the box office, its \
         distributor said. Paper Tigers opens in New York next week.",
    ),
    (
        "f4",
        "Paper Tigers took the top prize in Berlin on Saturday, ahead of \
         two French entries.",
    ),
];

#[test]
fn a_name_articles_call_a_work_is_no_organisation() {
    let index = |ids: &[&str]| {
        let env = TestEnv::new();
        let jsonl: String = FILM
            .iter()
            .filter(|(id, _)| ids.contains(id))
            .map(|(id, body)| {
                serde_json::json!({"id": id, "title": "Cinema", "body": body})
                    .to_string()
                    + "\n"
            })
            .collect();
        env.write("in/film.jsonl", jsonl);
        env.index(&[&env.dir.path().join("in")]);
        env
    };
    let orgs = |env: &TestEnv| -> Vec<String> {
        let run = env.run(&["search", "*", "--json", "--facets", "org"]);
        facet(&run, "org").into_iter().map(|(v, _)| v).collect()
    };
    // Without the articles that say "film", the tagger's organisation
    // stands.
    let control = index(&["f3", "f4"]);
    assert!(orgs(&control).contains(&"Paper Tigers".to_string()));
    let env = index(&["f1", "f2", "f3", "f4"]);
    let listed = orgs(&env);
    assert!(!listed.contains(&"Paper Tigers".to_string()), "{listed:?}");
    // The person in them stays a person.
    let people = entities(&env, &["Anna Quill", "--kind", "person"]);
    assert_eq!(people.entities.len(), 1, "{people:?}");
}

#[test]
fn an_entity_counts_the_same_whatever_the_top_asked() {
    // Thirteen companies in two articles each, and one named "Halvard
    // Shipping" in three articles and "Halvard Shipping Co" in one: that
    // form is the least frequent value, outside the values a small top
    // looks at first.
    let names = [
        "Arbel", "Brisco", "Calder", "Dunmore", "Elstow", "Farrant",
        "Glenary", "Hobart", "Ingram", "Jessop", "Kilbride", "Lanark",
        "Mortlake",
    ];
    let mut jsonl = String::new();
    for (i, n) in names.iter().enumerate() {
        for copy in 0..2 {
            let body = format!(
                "{n} Holdings Corp said on Monday that its profit rose in \
                 the third quarter, helped by sales in Europe ({copy})."
            );
            jsonl += &serde_json::json!({"id": format!("c{i}-{copy}"), "title": "Results", "body": body}).to_string();
            jsonl += "\n";
        }
    }
    for i in 0..3 {
        let body = format!(
            "Halvard Shipping said on Tuesday it would buy four tankers, \
             its chairman told reporters in Oslo ({i})."
        );
        jsonl += &serde_json::json!({"id": format!("h{i}"), "title": "Ships", "body": body}).to_string();
        jsonl += "\n";
    }
    let body = "Halvard Shipping Co sold two ferries, the Oslo company said.";
    jsonl +=
        &serde_json::json!({"id": "h3", "title": "Ferries", "body": body})
            .to_string();
    jsonl += "\n";
    let env = TestEnv::new();
    env.write("in/firms.jsonl", jsonl);
    env.index(&[&env.dir.path().join("in")]);
    let count = |top: &str| -> u64 {
        let run = env.run(&[
            "search",
            "*",
            "--json",
            "--facets",
            "org",
            "--facet-top",
            top,
        ]);
        let counts = facet(&run, "org");
        counts
            .iter()
            .find(|(v, _)| v.starts_with("Halvard Shipping"))
            .map(|c| c.1)
            .expect("Halvard Shipping is listed")
    };
    assert_eq!(count("1"), 4);
    assert_eq!(count("100"), 4);
}

/// Firms and bodies whose names hold "and", "of" or "on", written as the
/// wire writes them: each must stay one organisation.
const SPLIT_NAMES: [(&str, &str); 4] = [
    (
        "s1",
        "The notes are rated AA by Moody's Investors Service Inc and \
         AA-minus by Standard and Poor's. Duff and Phelps lowered its rating \
         of the utility, and Duff and Phelps said the cut affects 300 mln \
         dlrs of debt.",
    ),
    (
        "s2",
        "Japan told an informal General Agreement on Tariffs and Trade \
         meeting in Geneva that farm subsidies must fall, a delegate said.",
    ),
    (
        "s3",
        "The offering is managed by Donaldson, Lufkin and Jenrette \
         Securities Corp. Lead underwriters are <Cortland and Bray> and \
         Salomon Brothers Inc.",
    ),
    (
        "s4",
        "Standard and Poor's rates the issue AA. The debt is rated AA by \
         Standard and Poor's Corp. Morgan Stanley and Co priced it.",
    ),
];

#[test]
fn names_with_and_of_or_on_inside_stay_whole() {
    let env = TestEnv::new();
    let jsonl: String = SPLIT_NAMES
        .iter()
        .map(|(id, body)| {
            serde_json::json!({"id": id, "title": "Ratings", "body": body})
                .to_string()
                + "\n"
        })
        .collect();
    env.write("in/split.jsonl", jsonl);
    env.index(&[&env.dir.path().join("in")]);
    let run = env.run(&["search", "*", "--json", "--facets", "org,person"]);
    let orgs: Vec<String> =
        facet(&run, "org").into_iter().map(|(v, _)| v).collect();
    let people: Vec<String> =
        facet(&run, "person").into_iter().map(|(v, _)| v).collect();
    for whole in [
        "General Agreement on Tariffs and Trade",
        "Duff and Phelps",
        "Cortland and Bray",
    ] {
        assert!(orgs.iter().any(|o| o == whole), "{whole}: {orgs:?}");
    }
    assert!(
        orgs.iter().any(|o| o.starts_with("Standard and Poor")),
        "{orgs:?}"
    );
    assert!(
        orgs.iter().any(|o| o.starts_with("Donaldson, Lufkin and Jenrette")),
        "{orgs:?}"
    );
    for piece in [
        "Standard",
        "Poor",
        "Tariffs and Trade",
        "Agreement",
        "Jenrette Securities Corp",
    ] {
        assert!(!orgs.iter().any(|o| o == piece), "{piece}: {orgs:?}");
    }
    for piece in ["Duff", "Phelps", "Donaldson", "Cortland", "Bray"] {
        assert!(!people.iter().any(|p| p == piece), "{piece}: {people:?}");
    }
    // The firm whose name ends in "'s" is found in both its articles.
    let s = search(&env, &["--org", "Standard and Poor's"]);
    assert_eq!(ids(&s), ["s1", "s4"], "{s:?}");
}

#[test]
fn works_events_institutions_and_nationalities_get_their_kind() {
    // Four articles written for this test (tests/fixtures/kinds): films
    // named in a list, after "role in" and before "starring"; a court,
    // "the City" and an election; a city before "Olympics" and "the
    // Scot" in a race report; a trade show.
    let env = TestEnv::new();
    env.index(&[&repo().join("tests/fixtures/kinds")]);
    let run = env.run(&[
        "search",
        "*",
        "--json",
        "--facets",
        "org,person,misc,place_name",
    ]);
    let values = |field: &str| -> Vec<String> {
        facet(&run, field).into_iter().map(|(v, _)| v).collect()
    };
    let (orgs, people, misc) =
        (values("org"), values("person"), values("misc"));
    for work in [
        "Winter Orchard",
        "Marlow Street",
        "Consumer Electronics Show",
        "General Election",
        "Scot",
    ] {
        assert!(misc.contains(&work.to_string()), "{work}: {misc:?}");
        assert!(!orgs.contains(&work.to_string()), "{work}: {orgs:?}");
        assert!(!people.contains(&work.to_string()), "{work}: {people:?}");
    }
    assert!(!orgs.iter().any(|o| o.contains("film")), "{orgs:?}");
    for person in ["Jane Corvin", "Paul Fenwick", "Bill Gates"] {
        assert!(people.contains(&person.to_string()), "{person}: {people:?}");
    }
    assert!(orgs.contains(&"High Court".to_string()), "{orgs:?}");
    assert!(!orgs.contains(&"Athens".to_string()), "{orgs:?}");
    let places = values("place_name");
    assert!(
        !places
            .iter()
            .any(|p| p.ends_with("City") || p.contains("High Court")),
        "{places:?}"
    );
}

#[test]
fn bodies_their_parents_and_capitalised_wire_copy() {
    // Two articles written for this test (tests/fixtures/bodies) in the
    // style of old wire copy that capitalises every word after "U.S.":
    // the EC beside its Commission, "U.S. Currency" and "U.S. Officials",
    // "The U.S. And West Germany", a regional development bank.
    let env = TestEnv::new();
    env.index(&[&repo().join("tests/fixtures/bodies")]);
    let run =
        env.run(&["search", "*", "--json", "--facets", "org,place_name"]);
    let counts = |field: &str| -> Vec<(String, u64)> { facet(&run, field) };
    let orgs: Vec<String> =
        counts("org").into_iter().map(|(v, _)| v).collect();
    assert_eq!(
        orgs,
        ["EC", "EC Commission", "Inter-American Development Bank"],
        "{orgs:?}"
    );
    let places = counts("place_name");
    assert!(places.contains(&("United States".to_string(), 2)), "{places:?}");
    // "the EC" finds the article that names its Commission too.
    let ec = env.run(&["search", "involving the EC", "--json"]);
    let ec: Search = serde_json::from_str(&ec.stdout).expect("search JSON");
    assert_eq!(ids(&ec), ["w1"]);
}

/// Four short articles written for this test: the European Community
/// by name and by acronym, and its Commission as "EC Commission",
/// "European Commission" and "European Community Commission".
fn bodies_env() -> TestEnv {
    let env = TestEnv::new();
    let articles = [
        (
            "b1",
            "Farm ministers of the European Community (EC) met in Brussels \
             on Monday. The EC wants lower dairy output, ministers said.",
        ),
        (
            "b2",
            "The EC Commission said on Tuesday it would sell 200,000 \
             tonnes of intervention wheat. EC producers welcomed it.",
        ),
        (
            "b3",
            "The European Commission proposed a tax on vegetable oils, \
             officials of the European Community said in Brussels.",
        ),
        (
            "b4",
            "The European Community Commission granted export licences \
             for 59,000 tonnes of white sugar, traders in London said.",
        ),
        (
            "b5",
            "Trade officials of the EC and Japan met in Tokyo to discuss \
             car exports, the EC delegation said after the talks.",
        ),
    ];
    let mut lines = String::new();
    for (id, body) in articles {
        let doc = serde_json::json!({
            "id": id,
            "title": "Brussels report",
            "date": "1987-03-02",
            "body": body,
        });
        lines.push_str(&doc.to_string());
        lines.push('\n');
    }
    let file = env.write("bodies.jsonl", lines);
    env.index(&[&file]);
    env
}

#[test]
fn a_search_for_an_organisation_finds_its_bodies() {
    let env = bodies_env();
    // The Commission's three names are one entity.
    let e = entities(&env, &["EC Commission", "--kind", "org"]);
    let row = &e.entities[0];
    let commission = row.name.clone();
    let mut forms: Vec<&str> =
        row.forms.iter().map(|f| f.name.as_str()).collect();
    forms.sort_unstable();
    assert_eq!(
        forms,
        [
            "EC Commission",
            "European Commission",
            "European Community Commission"
        ],
        "{e:?}"
    );
    // The Community lists it among its bodies, and a search for the
    // Community finds the Commission's articles too.
    let e = entities(&env, &["European Community", "--kind", "org"]);
    let ec = &e.entities[0];
    assert_eq!(ec.name, "European Community");
    assert!(ec.bodies.iter().any(|b| b == "EC Commission"), "{ec:?}");
    let s = search(&env, &["involving the EC", "--all-copies"]);
    assert_eq!(s.query.filters[0].name, "European Community");
    assert_eq!(ids(&s), ["b1", "b2", "b3", "b4", "b5"]);
    // The Commission alone is the Commission's articles.
    let s = search(&env, &["--org", "European Commission", "--all-copies"]);
    assert_eq!(ids(&s), ["b2", "b3", "b4"]);
    // Facets count the body apart from its organisation.
    let s = search(&env, &["*", "--facets", "org", "--all-copies"]);
    let orgs = &s.facets["org"];
    assert!(
        orgs.iter().any(|c| c.value == commission && c.count == 3),
        "{orgs:?}"
    );
}
