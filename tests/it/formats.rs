//! The input formats beyond JSON and text: HTML pages, CSV and TSV,
//! WARC archives, gzip of any of them, standard input, and content
//! sniffing. Fixtures live in `tests/fixtures/formats/` (the WARC files
//! are made from the pages by `make_fixtures.py` there).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use newsdex::ingest::{self, Article, Format};

use crate::util::{repo, Run, TestEnv};

fn fixture(rel: &str) -> PathBuf {
    repo().join("tests/fixtures/formats").join(rel)
}

/// Hits of a `--jsonl` search, by id.
fn hits(env: &TestEnv, query: &str) -> Vec<serde_json::Value> {
    let run = env.run(&["search", query, "--jsonl", "--limit", "10000"]);
    let mut hits: Vec<serde_json::Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("jsonl"))
        .collect();
    hits.sort_by_key(|h| h["id"].as_str().unwrap_or("").to_string());
    hits
}

fn ids(hits: &[serde_json::Value]) -> Vec<&str> {
    hits.iter().map(|h| h["id"].as_str().unwrap()).collect()
}

/// Reads one fixture through the library, expecting one article.
#[track_caller]
fn one_article(rel: &str) -> Article {
    let path = fixture(rel);
    let batch = ingest::read_file(&path, &fixture(""));
    assert!(batch.errors.is_empty(), "{:?}", batch.errors);
    assert_eq!(batch.articles.len(), 1);
    batch.articles.into_iter().next().unwrap()
}

#[test]
fn html_pages_are_read_field_by_field() {
    let ferry = one_article("pages/harbour-ferry.html");
    assert_eq!(
        ferry.title,
        "Night ferry to Brannock Isle returns after two winters"
    );
    assert_eq!(
        ferry.url.as_deref(),
        Some("https://harbourwire.example/news/2025/02/night-ferry-returns")
    );
    assert_eq!(ferry.id, ferry.url.clone().unwrap());
    assert_eq!(ferry.source.as_deref(), Some("The Harbour Wire"));
    assert_eq!(ferry.published.as_deref(), Some("2025-02-14T06:30:00+00:00"));
    assert_eq!(ferry.authors, ["Morag Fenwick", "Tomasz Leary"]);
    assert_eq!(ferry.language.as_deref(), Some("en-GB"));
    assert_eq!(ferry.tags.topics, ["Transport", "Ferries", "Brannock Isle"]);
    let paragraphs: Vec<&str> = ferry.body.split("\n\n").collect();
    assert_eq!(paragraphs.len(), 6, "{}", ferry.body);
    assert!(paragraphs[0].starts_with("The overnight ferry between Portwick"));
    assert!(paragraphs[2].starts_with("\"People have been sleeping"));
    assert_eq!(paragraphs[3], "A new timetable");
    for furniture in [
        "cookies",
        "Skip to content",
        "Weather and tides",
        "Photo: Harbour Wire",
        "Advertisement",
        "We listened",
        "Share on",
        "Pier repairs",
        "Lighthouse keeper",
        "morning briefing",
        "All rights reserved",
        "dataLayer",
    ] {
        assert!(
            !ferry.body.contains(furniture),
            "{furniture}: {}",
            ferry.body
        );
    }

    // WordPress: JSON-LD @graph with @id references, relative canonical.
    let bridge = one_article("pages/valley-bridge.htm");
    assert_eq!(
        bridge.title,
        "Glenmoor footbridge reopens after flood repairs"
    );
    assert_eq!(
        bridge.url.as_deref(),
        Some(
            "https://valleycourier.example/2024/11/30/\
             glenmoor-footbridge-reopens/"
        )
    );
    assert_eq!(bridge.source.as_deref(), Some("Valley Courier"));
    assert_eq!(bridge.published.as_deref(), Some("2024-11-30T17:05:00-05:00"));
    assert_eq!(bridge.authors, ["Delphine Marchetti"]);
    assert_eq!(bridge.tags.topics, ["Local", "Infrastructure"]);
    assert_eq!(bridge.body.split("\n\n").count(), 3, "{}", bridge.body);
    for furniture in ["Subscribe", "Share this", "Related", "commute", "1921"]
    {
        assert!(!bridge.body.contains(furniture), "{}", bridge.body);
    }

    // An old windows-1252 page without article markup.
    let orchard = one_article("pages/orchard-notes.html");
    assert_eq!(orchard.id, "pages/orchard-notes");
    assert_eq!(orchard.title, "Cider makers count a bumper year");
    assert_eq!(orchard.published.as_deref(), Some("2023-10-08"));
    assert_eq!(orchard.authors, ["Hester Pellé"]);
    assert!(orchard.body.contains("At the Crème Orchard co-operative"));
    assert!(orchard.body.contains("last year’s volume — “and most"));
    assert!(!orchard.body.contains("Archive"), "{}", orchard.body);
    assert!(!orchard.body.contains("Friends of this site"));
    assert!(!orchard.body.contains("volunteers"));
}

#[test]
fn html_pages_are_indexed_and_furniture_is_not_searchable() {
    let env = TestEnv::new();
    let run = env.index(&[&fixture("pages")]);
    assert!(
        run.stderr.contains("indexed 3 articles from 3 files"),
        "{}",
        run.stderr
    );
    let found = hits(&env, "ferry");
    assert_eq!(
        ids(&found),
        ["https://harbourwire.example/news/2025/02/night-ferry-returns"]
    );
    assert_eq!(found[0]["source"], "The Harbour Wire");
    assert_eq!(found[0]["published"], "2025-02-14");
    // Words only found in banners, menus and related lists.
    for query in ["cookies", "auction", "blogroll", "obituaries", "commute"] {
        env.run(&["search", query]).expect_code(1);
    }
    let run = env.run(&["search", "tag:topic/Infrastructure", "--jsonl"]);
    assert_eq!(run.expect_code(0).stdout.lines().count(), 1);
}

#[test]
fn csv_and_tsv_rows_are_articles_and_bad_rows_are_reported() {
    let env = TestEnv::new();
    let run = env.index(&[&fixture("tables")]);
    let err = &run.stderr;
    assert!(
        err.contains("desk.csv:6: row has 6 fields, the header has 8"),
        "{err}"
    );
    assert!(
        err.contains("wire.tsv:3: invalid UTF-8 in column `text`"),
        "{err}"
    );
    assert!(err.contains("indexed 5 articles from 2 files"), "{err}");
    assert!(err.contains("2 errors"), "{err}");
    let found = hits(&env, "*");
    assert_eq!(
        ids(&found),
        ["desk-101", "desk-102", "desk-104", "w-1", "w-3"]
    );
    assert!(found[0]["origin"].as_str().unwrap().ends_with("desk.csv:2"));
    assert!(found[1]["origin"].as_str().unwrap().ends_with("desk.csv:5"));
    assert_eq!(found[2]["title"], "Lighthouse cottage sold, \"with a view\"");
    assert_eq!(found[4]["published"], "2025-02-28");
    assert_eq!(found[4]["source"], "Coastguard Log");
    // The list columns are split like JSON strings.
    let desk = ingest::read_file(&fixture("tables/desk.csv"), &fixture(""));
    assert_eq!(desk.articles[1].authors, ["Tomasz Leary", "Ishbel Garvie"]);
    assert_eq!(desk.articles[0].tags.topics, ["coast", "council"]);
    assert!(desk.articles[0].body.contains("twice.\n\nWork is due"));
}

/// The ids, dates and origins the crawl fixture yields.
const CRAWL: [(&str, &str); 4] = [
    ("http://orchardnotes.example/2023/10/bumper-year.html", "2023-10-08"),
    ("https://coastguardlog.example/rescues/garrow-head", "2025-03-01"),
    (
        "https://harbourwire.example/news/2025/02/night-ferry-returns",
        "2025-02-14",
    ),
    (
        "https://valleycourier.example/2024/11/30/\
         glenmoor-footbridge-reopens/",
        "2024-11-30",
    ),
];

#[track_caller]
fn check_crawl(env: &TestEnv) {
    let found = hits(env, "*");
    let got: Vec<(&str, &str)> = found
        .iter()
        .map(|h| {
            (h["id"].as_str().unwrap(), h["published"].as_str().unwrap_or(""))
        })
        .collect();
    assert_eq!(got, CRAWL);
    // The orchard page came as windows-1252, chunked.
    assert!(found[0]["snippet"].as_str().unwrap().contains("Crème Orchard"));
    assert!(found.iter().all(|h| h["origin"]
        .as_str()
        .is_some_and(|o| o.contains(".warc") && o.contains('@'))));
}

#[test]
fn warc_html_responses_become_articles() {
    let env = TestEnv::new();
    let run = env.index(&[&fixture("crawl.warc")]);
    assert!(
        run.stderr.contains("indexed 4 articles from 1 files")
            || run.stderr.contains("indexed 4 articles from 1 file"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains(" 0 errors"), "{}", run.stderr);
    check_crawl(&env);
    // The undated page falls back to WARC-Date, the crawl time.
    let batch = ingest::read_file(&fixture("crawl.warc"), &fixture(""));
    let undated = &batch.articles[3];
    assert_eq!(undated.published.as_deref(), Some("2025-03-01T10:00:04Z"));
    assert_eq!(undated.title, "Lifeboat crew rescues two kayakers");
}

#[test]
fn warc_gz_reads_like_warc_and_keeps_records_before_a_truncation() {
    let env = TestEnv::new();
    env.index(&[&fixture("crawl.warc.gz")]);
    check_crawl(&env);

    // Cut the archive inside the fifth record (the gzip-encoded page).
    let whole = std::fs::read(fixture("crawl.warc.gz")).unwrap();
    let cut = env.write("cut/crawl.warc.gz", &whole[..whole.len() * 3 / 4]);
    let env = TestEnv::new();
    let run = env.run(&["index", cut.to_str().unwrap()]).expect_code(0);
    let err = &run.stderr;
    let reported: Vec<&str> = err
        .lines()
        .filter(|l| l.contains("crawl.warc.gz: record at byte"))
        .collect();
    assert_eq!(reported.len(), 1, "{err}");
    assert!(reported[0].contains("truncated record"), "{err}");
    let found = hits(&env, "*");
    assert!(found.len() >= 2, "{err}");
    assert!(
        ids(&found).contains(&CRAWL[2].0),
        "the first page is kept: {err}"
    );
}

/// Gzips `data` in one member.
fn gzip(data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(
        Vec::new(),
        flate2::Compression::default(),
    );
    enc.write_all(data).unwrap();
    enc.finish().unwrap()
}

#[test]
fn gzip_of_any_format_and_a_truncated_json_lines_file() {
    let env = TestEnv::new();
    let page = std::fs::read(fixture("pages/valley-bridge.htm")).unwrap();
    env.write("in/a/bridge.htm.gz", gzip(&page));
    let table = std::fs::read(fixture("tables/desk.csv")).unwrap();
    env.write("in/b/desk.csv.gz", gzip(&table));
    env.write("in/c/one.json.gz", gzip(br#"{"id":"j","title":"Gz json"}"#));
    env.write("in/d/skip.md.gz", gzip(b"# not an article"));
    let run = env.index(&[&env.dir.path().join("in")]);
    assert!(
        run.stderr.contains("indexed 5 articles from 3 files"),
        "{}",
        run.stderr
    );

    let mut lines = String::new();
    for i in 0..3000 {
        lines.push_str(&format!(
            "{{\"id\":\"n{i:04}\",\"title\":\"Tide report {i}\",\
             \"body\":\"Low water at {:02}:{:02} in Portwick.\"}}\n",
            i % 24,
            i % 60
        ));
    }
    let gz = gzip(lines.as_bytes());
    let env = TestEnv::new();
    let file = env.write("tides.jsonl.gz", &gz[..gz.len() / 2]);
    let run = env.index(&[&file]);
    let err = &run.stderr;
    assert!(
        err.contains("tides.jsonl.gz: compressed data truncated or corrupt"),
        "{err}"
    );
    assert!(err.contains("1 errors") || err.contains("1 error"), "{err}");
    let found = hits(&env, "*");
    let n = found.len();
    assert!(n > 100 && n < 3000, "{n}");
    // Exactly the first n lines, none half-read.
    let expected: Vec<String> = (0..n).map(|i| format!("n{i:04}")).collect();
    assert_eq!(ids(&found), expected);
}

/// Runs `newsdex --index <env> index ARGS` with `input` on stdin.
fn index_stdin(env: &TestEnv, args: &[&str], input: &[u8]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsdex"))
        .arg("--index")
        .arg(env.index_dir())
        .arg("index")
        .args(args)
        .env_remove("NEWSDEX_INDEX")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run newsdex");
    child.stdin.take().unwrap().write_all(input).unwrap();
    let out = child.wait_with_output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[test]
fn a_dash_reads_json_lines_from_stdin() {
    let env = TestEnv::new();
    let input = b"{\"id\":\"s1\",\"title\":\"Piped in\",\"body\":\"From a pipe.\"}\n\
                  {broken\n\
                  {\"id\":\"s2\",\"title\":\"Piped too\",\"body\":\"Also.\"}\n";
    let run = index_stdin(&env, &["-"], input).expect_code(0);
    assert!(run.stderr.contains("<stdin>:2: invalid JSON"), "{}", run.stderr);
    let found = hits(&env, "piped");
    assert_eq!(ids(&found), ["s1", "s2"]);
    assert_eq!(found[1]["origin"], "<stdin>:3");

    // Gzip on stdin is recognised too.
    let env = TestEnv::new();
    index_stdin(&env, &["-"], &gzip(input)).expect_code(0);
    assert_eq!(hits(&env, "piped").len(), 2);
}

#[test]
fn files_without_a_known_extension_are_sniffed() {
    let env = TestEnv::new();
    let page = std::fs::read(fixture("pages/harbour-ferry.html")).unwrap();
    let saved = env.write("download", &page);
    let warc = std::fs::read(fixture("crawl.warc.gz")).unwrap();
    let archive = env.write("CC-MAIN-00001", &warc);
    let run = env.index(&[&saved, &archive]);
    assert!(
        run.stderr.contains("indexed 5 articles from 2 files"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_format_override_wins_over_the_extension() {
    let env = TestEnv::new();
    let file = env.write("export.dat", "title\tbody\nOverride\tTab text\n");
    let root = Path::new("");
    let batch = ingest::read_file_as(&file, root, Some(Format::Tsv));
    assert!(batch.errors.is_empty(), "{:?}", batch.errors);
    assert_eq!(batch.articles[0].title, "Override");
}

#[test]
fn a_wrong_format_is_rejected_with_the_list() {
    let env = TestEnv::new();
    let file = env.write("a.jsonl", "{\"title\":\"t\"}\n");
    let run = env
        .run(&["index", "--format", "pdf", file.to_str().unwrap()])
        .expect_code(2);
    assert!(
        run.stderr.contains(
            "[possible values: json, jsonl, txt, html, csv, tsv, warc]"
        ),
        "{}",
        run.stderr
    );
    // Names are read in any case, aliases too.
    env.run(&["index", "--format", "NDJSON", file.to_str().unwrap()])
        .expect_code(0);
}
