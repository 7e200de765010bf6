//! The machine-readable outputs, pinned: unknown or missing fields fail.

use serde::Deserialize;

use crate::util::{run_with_index, sample, search, TestEnv};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Results {
    query: Query,
    total: usize,
    stories: usize,
    all_copies: bool,
    offset: usize,
    hits: Vec<Hit>,
    facets: std::collections::BTreeMap<String, Vec<FacetCount>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Query {
    raw: String,
    terms: Vec<String>,
    phrases: Vec<String>,
    filters: Vec<Filter>,
    published_from: Option<String>,
    published_to: Option<String>,
    mentioned_from: Option<String>,
    mentioned_to: Option<String>,
    date_phrases: Vec<String>,
    sort: String,
    notes: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Filter {
    field: String,
    name: String,
    path: String,
    variants: Vec<String>,
    #[serde(default)]
    also: Vec<AlsoIn>,
    #[serde(default)]
    bodies: Vec<String>,
    written: String,
    about: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct AlsoIn {
    field: String,
    value: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Hit {
    id: String,
    title: String,
    published: Option<String>,
    source: Option<String>,
    url: Option<String>,
    score: Option<f32>,
    snippet: String,
    highlights: Vec<[usize; 2]>,
    people: Vec<String>,
    places: Vec<String>,
    orgs: Vec<String>,
    dates: Vec<String>,
    salience: Vec<Salient>,
    evidence: Vec<Evidence>,
    origin: String,
    story: String,
    copies: Copies,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
pub struct Copies {
    pub count: usize,
    pub records: Vec<Copy>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
pub struct Copy {
    pub id: String,
    pub source: Option<String>,
    pub published: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Salient {
    field: String,
    name: String,
    salience: u8,
    about: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Evidence {
    field: String,
    value: String,
    matched: String,
    surfaces: Vec<String>,
    salience: u8,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct FacetCount {
    value: String,
    count: u64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Stats {
    articles: u64,
    stories: u64,
    undated_articles: usize,
    index_bytes: u64,
    people: usize,
    places: usize,
    orgs: usize,
    sources: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Article {
    id: String,
    title: String,
    body: String,
    published: Option<String>,
    source: Option<String>,
    url: Option<String>,
    authors: Vec<String>,
    language: Option<String>,
    origin: String,
    dates: Vec<String>,
    people: Vec<String>,
    places: Vec<String>,
    orgs: Vec<String>,
    salience: Vec<Salient>,
    entities: Vec<ShownEntity>,
    story: String,
    copies: Copies,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct ShownEntity {
    kind: String,
    name: String,
    path: Vec<String>,
    surfaces: Vec<String>,
    mentions: usize,
    salience: u8,
}

#[test]
fn search_json_has_the_documented_shape() {
    let run = search(&["talks in Kuala Lumpur involving He Lifeng", "--json"])
        .expect_code(0);
    let r: Results = serde_json::from_str(&run.stdout).expect("schema");
    assert_eq!(r.total, 5);
    assert_eq!(r.query.terms, ["talks"]);
    assert_eq!(r.query.filters.len(), 2);
    let hit = &r.hits[0];
    assert!(hit.score.is_some());
    assert!(hit.published.is_some());
    assert!(hit.people.iter().any(|p| p == "He Lifeng"));
    assert!(hit.places.iter().any(|p| p == "Kuala Lumpur"));
    // Every person, place and organisation with its salience.
    let names: Vec<&str> =
        hit.salience.iter().map(|s| s.name.as_str()).collect();
    assert!(names.contains(&"He Lifeng"), "{names:?}");
    assert_eq!(
        hit.salience.len(),
        hit.people.len() + hit.places.len() + hit.orgs.len()
    );
    // Highlights point at matched words inside the snippet: the text
    // and the names of the entity filters.
    assert!(!hit.highlights.is_empty());
    for [s, e] in &hit.highlights {
        let word = hit.snippet[*s..*e].to_lowercase();
        assert!(
            ["talks", "talk", "kuala", "lumpur", "he", "lifeng"]
                .contains(&word.as_str()),
            "{word}"
        );
    }
    // Evidence: one per entity filter, with the article's surface forms.
    for hit in &r.hits {
        let fields: Vec<&str> =
            hit.evidence.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["place", "person"], "{}", hit.id);
        assert!(!hit.evidence[1].surfaces.is_empty());
    }
    assert!(run.stdout.ends_with("}\n"));
    assert_eq!(run.stdout.lines().count(), 1);
}

#[test]
fn jsonl_is_one_hit_per_line() {
    let run = search(&["--person", "He Lifeng", "--jsonl", "-n", "3"])
        .expect_code(0);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 3);
    for line in lines {
        let h: Hit = serde_json::from_str(line).expect("hit schema");
        assert!(h.score.is_none(), "filters only: no score");
    }
}

#[test]
fn csv_has_a_header_and_a_row_per_hit() {
    let run =
        search(&["--person", "He Lifeng", "--csv", "-n", "4"]).expect_code(0);
    let mut rows = csv_rows(&run.stdout);
    let header = rows.remove(0);
    assert_eq!(
        header,
        [
            "id",
            "title",
            "published",
            "source",
            "url",
            "score",
            "people",
            "places",
            "orgs",
            "dates",
            "snippet"
        ]
    );
    assert_eq!(rows.len(), 4);
    assert!(rows.iter().all(|r| r[6].contains("He Lifeng")));
}

fn csv_rows(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

#[test]
fn queries_file_gives_one_tagged_document_per_query() {
    let env = TestEnv::new();
    let file = env.write(
        "queries.txt",
        "talks in Kuala Lumpur involving He Lifeng\n\n# a comment\nzanzibar quokka\n",
    );
    let run = run_with_index(
        sample(),
        &["search", "--queries", file.to_str().unwrap()],
    )
    .expect_code(0);
    let docs: Vec<Results> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("schema"))
        .collect();
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0].query.raw, "talks in Kuala Lumpur involving He Lifeng");
    assert_eq!(docs[0].total, 5);
    assert_eq!(docs[1].query.raw, "zanzibar quokka");
    assert_eq!(docs[1].total, 0);
}

#[test]
fn stats_json_has_the_documented_shape() {
    let run = run_with_index(sample(), &["stats", "--json"]).expect_code(0);
    let s: Stats = serde_json::from_str(&run.stdout).expect("schema");
    let truth = crate::util::truth();
    assert_eq!(s.articles, truth["articles"].as_u64().unwrap());
    assert_eq!(s.sources, 4);
    assert!(s.people > 10 && s.places > 10 && s.orgs > 5, "{s:?}");
    assert!(s.index_bytes > 0);
}

#[test]
fn show_json_has_the_documented_shape() {
    let run =
        run_with_index(sample(), &["show", "nd-001", "--json"]).expect_code(0);
    let a: Article = serde_json::from_str(&run.stdout).expect("schema");
    assert_eq!(a.id, "nd-001");
    assert!(a.title.contains("Geneva"), "{}", a.title);
    assert_eq!(a.published.as_deref(), Some("2025-05-09"));
    assert_eq!(a.source.as_deref(), Some("Harbour Wire"));
    assert_eq!(a.authors, ["Claire Vautier", "Tom Okafor"]);
    assert!(a.body.starts_with("GENEVA, May 9 - Treasury Secretary"));
    assert!(a.body.ends_with("one diplomat said."), "the whole text");
    for who in ["Scott Bessent", "He Lifeng", "Jamieson Greer"] {
        assert!(a.people.iter().any(|p| p == who), "{who}: {:?}", a.people);
    }
    assert!(a.places.iter().any(|p| p == "Geneva"), "{:?}", a.places);
    assert!(a.salience.iter().any(|s| s.name == "He Lifeng"));
    assert!(a.origin.contains("wire.jsonl"), "{}", a.origin);
    assert!(a.entities.iter().any(|e| e.kind == "person"
        && e.name.contains("He Lifeng")
        && e.mentions > 0));
    assert_eq!(a.story.len(), 16, "{}", a.story);
    assert_eq!(a.copies.count, a.copies.records.len());
}

#[test]
fn show_prints_the_article_and_exits_1_for_an_unknown_id() {
    let run = run_with_index(sample(), &["show", "nd-001"]).expect_code(0);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert!(lines[0].contains("Geneva"), "{}", run.stdout);
    assert!(lines[1].starts_with("2025-05-09 · Harbour Wire · https://"));
    assert!(run.stdout.contains("by Claire Vautier, Tom Okafor"));
    assert!(run.stdout.contains("people: "), "{}", run.stdout);
    assert!(run.stdout.trim_end().ends_with("one diplomat said."));
    let run = run_with_index(sample(), &["show", "no-such-id"]).expect_code(1);
    assert!(run.stdout.is_empty());
    assert!(run.stderr.contains("no article with id \"no-such-id\""));
}
