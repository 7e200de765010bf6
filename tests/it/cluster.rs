//! `extract`, `push` and `--engine` against a real OpenSearch node.
//!
//! The node is started once per test run through
//! `scripts/opensearch.sh start 9250` (which fetches OpenSearch from
//! Maven Central the first time, and does nothing when a node already
//! answers) and left running for the next run; `scripts/opensearch.sh
//! stop 9250` stops it. NEWSDEX_TEST_ENGINE_PORT picks another port.
//! There is no skipping: without Java or Maven the script says what is
//! missing and these tests fail.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;
use std::sync::OnceLock;

use serde_json::Value;

use crate::util::{repo, run_with_index, sample, Run, TestEnv};

/// The node's port.
fn port() -> u16 {
    std::env::var("NEWSDEX_TEST_ENGINE_PORT")
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(9250)
}

/// `http://127.0.0.1:PORT`, with a node answering there.
fn node() -> String {
    static UP: OnceLock<String> = OnceLock::new();
    UP.get_or_init(|| {
        let out = Command::new("bash")
            .arg(repo().join("scripts/opensearch.sh"))
            .arg("start")
            .arg(port().to_string())
            .output()
            .expect("run scripts/opensearch.sh");
        assert!(
            out.status.success(),
            "scripts/opensearch.sh start {} failed:\n{}",
            port(),
            String::from_utf8_lossy(&out.stderr)
        );
        format!("http://127.0.0.1:{}", port())
    })
    .clone()
}

/// The URL of a fresh index of this name (deleted first).
fn fresh(name: &str) -> String {
    let base = node();
    let index = format!("it-{name}-{}", std::process::id());
    curl("DELETE", &format!("{base}/{index}"));
    format!("{base}/{index}")
}

/// An HTTP call through curl (the tests' own view of the cluster).
fn curl(method: &str, url: &str) -> Value {
    let out = Command::new("curl")
        .args(["-sS", "-X", method, url])
        .output()
        .expect("curl");
    serde_json::from_slice(&out.stdout).unwrap_or(Value::Null)
}

/// Documents in the index at `url`.
fn count(url: &str) -> u64 {
    curl("POST", &format!("{url}/_refresh"));
    curl("GET", &format!("{url}/_count"))["count"].as_u64().unwrap_or(0)
}

/// Runs newsdex (no local index needed) with these arguments.
fn newsdex(args: &[&str]) -> Run {
    let env = TestEnv::new();
    run_with_index(&env.index_dir(), args)
}

/// The sample corpus pushed once, for the read-only tests.
fn sample_url() -> &'static str {
    static URL: OnceLock<String> = OnceLock::new();
    URL.get_or_init(|| {
        let url = fresh("sample");
        let corpus = repo().join("sample_corpus");
        newsdex(&["push", "-q", &url, corpus.to_str().unwrap()])
            .expect_code(0);
        url
    })
}

#[test]
fn push_twice_adds_nothing() {
    let url = fresh("twice");
    let corpus = repo().join("sample_corpus");
    let corpus = corpus.to_str().unwrap();
    let first =
        newsdex(&["push", &url, corpus, "--shards", "2"]).expect_code(0);
    assert!(first.stderr.contains("created index"), "{}", first.stderr);
    assert!(first.stderr.contains("pushed 48 articles"), "{}", first.stderr);
    assert!(
        first.stdout.is_empty(),
        "stdout is for results: {}",
        first.stdout
    );
    assert_eq!(count(&url), 48);
    newsdex(&["push", "-q", &url, corpus]).expect_code(0);
    assert_eq!(count(&url), 48);
    let settings = curl("GET", &format!("{url}/_settings"));
    let (_, s) = settings.as_object().unwrap().iter().next().unwrap();
    assert_eq!(s["settings"]["index"]["number_of_shards"], "2");
}

#[test]
fn extract_writes_what_push_sends() {
    let env = TestEnv::new();
    let corpus = repo().join("sample_corpus");
    let run =
        newsdex(&["extract", "-q", corpus.to_str().unwrap()]).expect_code(0);
    let lines: Vec<Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    assert_eq!(lines.len(), 48);
    let in_kl = |d: &&Value| {
        d["place"].as_array().is_some_and(|p| {
            p.iter().any(|v| v == "Asia/Malaysia/Kuala Lumpur")
        })
    };
    let kl = lines.iter().find(in_kl).expect("an article in Kuala Lumpur");
    // Places with every ancestor, people by canonical name, entities
    // with salience, dates with their precision.
    let places: Vec<&str> = kl["place"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(places.contains(&"Asia"), "{places:?}");
    assert!(places.contains(&"Asia/Malaysia/Kuala Lumpur"), "{places:?}");
    assert!(kl["entities"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["salience"].is_u64()));
    assert!(kl["date_precision"].is_u64());
    assert!(kl["story"].as_str().is_some_and(|s| s.parse::<u64>().is_ok()));
    let file = env.write("extracted.jsonl", &run.stdout);
    let url = fresh("extracted");
    newsdex(&["push", "-q", "--extracted", &url, file.to_str().unwrap()])
        .expect_code(0);
    assert_eq!(count(&url), 48);
    // The same answers as the files pushed directly.
    let q = [
        "search",
        "talks in Kuala Lumpur involving He Lifeng",
        "--json",
        "-n",
        "100",
    ];
    let direct = engine(sample_url(), &q);
    let via = engine(&url, &q);
    assert_eq!(hit_ids(&direct), hit_ids(&via));
}

#[test]
fn bad_input_is_reported_with_file_and_line() {
    let env = TestEnv::new();
    let file = env.write(
        "mixed.jsonl",
        "{\"id\": \"a\", \"title\": \"Quokka one\", \"body\": \"Quokkas in Perth.\"}\n\
         {not json\n\
         {\"id\": \"b\", \"title\": \"Quokka two\", \"body\": \"More quokkas.\"}\n",
    );
    let run = newsdex(&["extract", file.to_str().unwrap()]).expect_code(0);
    assert_eq!(run.stdout.lines().count(), 2, "{}", run.stdout);
    assert!(run.stderr.contains("mixed.jsonl:2"), "{}", run.stderr);
    assert!(run.stderr.contains("1 errors"), "{}", run.stderr);
    // push --extracted: a line that is no document, and one the engine
    // refuses (a field the mapping does not have).
    let good = run.stdout.lines().next().unwrap().to_string();
    let mut refused: Value = serde_json::from_str(&good).unwrap();
    refused["id"] = "c".into();
    refused["colour"] = "red".into();
    let lines = format!("{good}\nnot a document\n{refused}\n");
    let docs = env.write("docs.jsonl", lines);
    let url = fresh("bad");
    let run = newsdex(&["push", "--extracted", &url, docs.to_str().unwrap()]);
    assert!(
        run.stderr.contains("docs.jsonl:2: not a document"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("docs.jsonl:3: rejected by the engine"),
        "{}",
        run.stderr
    );
    assert_eq!(
        run.code, 2,
        "a refused document fails the run: {}",
        run.stderr
    );
    assert_eq!(count(&url), 1);
}

#[test]
fn engine_goes_only_with_reading_commands() {
    let corpus = repo().join("sample_corpus");
    let run = newsdex(&[
        "--engine",
        "http://127.0.0.1:1",
        "index",
        corpus.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--engine"), "{}", run.stderr);
    let run = newsdex(&["--engine", "http://127.0.0.1:1", "stats"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("cannot reach the engine"), "{}", run.stderr);
}

/// Runs a command on the cluster index at `url`.
fn engine(url: &str, args: &[&str]) -> Run {
    let mut all = vec!["--engine", url];
    all.extend_from_slice(args);
    newsdex(&all)
}

/// Runs a command on the local sample index.
fn local(args: &[&str]) -> Run {
    run_with_index(sample(), args)
}

fn hit_ids(run: &Run) -> Vec<String> {
    assert!(run.code <= 1, "{}", run.stderr);
    crate::util::hits_in_order(&run.stdout)
}

/// Searches of the parity test: every cue, filter flag and date form.
const SEARCHES: &[&str] = &[
    "*",
    "tariffs",
    "rare earth",
    "\"rare earth\"",
    "\"bank of england\"",
    "soybeans",
    "talks in Kuala Lumpur",
    "talks at Kuala Lumpur",
    "near Beijing",
    "in Asia",
    "in Europe",
    "in the U.S.",
    "involving He Lifeng",
    "involving Bessent",
    "with Scott Bessent",
    "featuring Trump",
    "person:\"He Lifeng\" place:\"Kuala Lumpur\"",
    "org:ASEAN",
    "source:\"Harbour Wire\"",
    "talks in Kuala Lumpur involving He Lifeng",
    "talks in October 2025",
    "soybeans since September 2025",
    "tariffs before 2025-07-01",
    "tariffs after May 2025",
    "talks between June 2025 and August 2025",
    "tariffs this year",
    "tariffs last month",
    "about 30 October 2025",
    "mentioning November 2025",
    "talks on 2025-10-26",
    "zanzibar quokka",
];

/// Flags of the parity test, each with a query.
const FLAGGED: &[&[&str]] = &[
    &["*", "--person", "He Lifeng"],
    &["*", "--person", "Trump", "--about"],
    &["talks", "--place", "Asia"],
    &["*", "--place", "United States", "--about"],
    &["*", "--org", "ASEAN"],
    &["*", "--source", "Harbour Wire"],
    &["tariffs", "--from", "2025-05"],
    &["tariffs", "--to", "2025-06-30"],
    &["*", "--from", "May 2025", "--to", "2025"],
    &["*", "--mentions-date", "2025-10-30"],
    &["*", "--mentions-date", "2025-11"],
    &["*", "--mentions-date", "2025"],
];

#[test]
fn the_cluster_answers_as_the_local_index_does() {
    let url = sample_url();
    let mut checked = 0;
    let mut queries: Vec<Vec<&str>> =
        SEARCHES.iter().map(|q| vec![*q]).collect();
    queries.extend(FLAGGED.iter().map(|f| f.to_vec()));
    for q in &queries {
        let mut args = vec!["search"];
        args.extend_from_slice(q);
        args.extend(["--json", "-n", "1000", "--today", "2025-11-28"]);
        args.extend([
            "--facets",
            "person,org,misc,place,place_name,source,tag",
        ]);
        let (l, e) = (local(&args), engine(url, &args));
        assert_eq!(l.code, e.code, "{q:?}\n{}\n{}", l.stderr, e.stderr);
        let (mut lh, mut eh) = (hit_ids(&l), hit_ids(&e));
        lh.sort();
        eh.sort();
        assert_eq!(lh, eh, "hits of {q:?}");
        let lv: Value = serde_json::from_str(&l.stdout).unwrap();
        let ev: Value = serde_json::from_str(&e.stdout).unwrap();
        assert_eq!(lv["total"], ev["total"], "total of {q:?}");
        assert_eq!(lv["stories"], ev["stories"], "stories of {q:?}");
        assert_eq!(lv["facets"], ev["facets"], "facets of {q:?}");
        assert_eq!(lv["query"], ev["query"], "understanding of {q:?}");
        // Date order: the same hits in the same order.
        args.extend(["--sort", "date"]);
        assert_eq!(
            hit_ids(&local(&args)),
            hit_ids(&engine(url, &args)),
            "{q:?} by date"
        );
        checked += 1;
    }
    assert!(checked >= 40, "{checked} queries");
}

#[test]
fn facets_timelines_related_and_stats_match() {
    let url = sample_url();
    let mut runs: Vec<Vec<&str>> = Vec::new();
    for field in
        ["person", "org", "misc", "place", "place_name", "source", "tag"]
    {
        runs.push(vec!["facets", "--field", field, "--top", "50"]);
        runs.push(vec!["facets", "tariffs", "--field", field]);
    }
    runs.push(vec!["facets", "--field", "place", "--under", "Asia"]);
    runs.push(vec![
        "facets",
        "--field",
        "place",
        "--under",
        "Asia/China",
        "--place",
        "Asia",
    ]);
    for by in ["day", "week", "month", "year"] {
        runs.push(vec!["timeline", "--by", by]);
        runs.push(vec!["timeline", "tariffs in Asia", "--by", by]);
        runs.push(vec!["timeline", "--mentioned", "--by", by]);
    }
    runs.push(vec!["related", "Trump"]);
    runs.push(vec!["related", "He Lifeng", "--kinds", "person,org"]);
    runs.push(vec!["related", "Kuala Lumpur", "--query", "talks"]);
    runs.push(vec!["related", "Trump", "--scope", "sentence"]);
    runs.push(vec!["related", "He Lifeng", "--scope", "sentence", "--about"]);
    for args in &runs {
        let mut args = args.clone();
        args.extend(["--json", "--today", "2025-11-28"]);
        let (l, e) = (local(&args), engine(url, &args));
        assert_eq!(l.code, e.code, "{args:?}\n{}\n{}", l.stderr, e.stderr);
        let lv: Value = serde_json::from_str(&l.stdout).unwrap();
        let ev: Value = serde_json::from_str(&e.stdout).unwrap();
        assert_eq!(lv, ev, "{args:?}");
    }
    // Text and CSV come from the same renderers.
    for args in [
        &["facets", "--field", "place"][..],
        &["timeline", "--csv"],
        &["related", "Trump", "--csv"],
    ] {
        assert_eq!(local(args).stdout, engine(url, args).stdout, "{args:?}");
    }
    let stats = |run: Run| -> BTreeMap<String, Value> {
        let mut v: BTreeMap<String, Value> =
            serde_json::from_str(&run.stdout).unwrap();
        v.remove("index_bytes");
        v
    };
    assert_eq!(
        stats(local(&["stats", "--json"])),
        stats(engine(url, &["stats", "--json"]))
    );
}

/// A stand-in for a cluster on 127.0.0.1: answers each request with the
/// next of `answers` (status, JSON body) and records the request lines.
fn fake_engine(
    answers: Vec<(u16, &'static str)>,
) -> (String, std::sync::Arc<std::sync::Mutex<Vec<String>>>) {
    use std::io::{BufRead, BufReader, Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/fake", listener.local_addr().unwrap());
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let log = std::sync::Arc::clone(&seen);
    std::thread::spawn(move || {
        let mut answers = answers.into_iter();
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { return };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut line = String::new();
            if reader.read_line(&mut line).unwrap_or(0) == 0 {
                continue;
            }
            let mut length = 0;
            loop {
                let mut header = String::new();
                reader.read_line(&mut header).unwrap();
                if header.trim().is_empty() {
                    break;
                }
                let lower = header.to_ascii_lowercase();
                if let Some(v) = lower.strip_prefix("content-length:") {
                    length = v.trim().parse().unwrap_or(0);
                }
                if lower.starts_with("authorization:") {
                    log.lock().unwrap().push(header.trim().to_string());
                }
            }
            let mut body = vec![0; length];
            reader.read_exact(&mut body).unwrap();
            log.lock().unwrap().push(line.trim().to_string());
            let (status, text) = answers.next().unwrap_or((500, "{}"));
            let head = format!(
                "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\n\
                 content-length: {}\r\nconnection: close\r\n\r\n",
                text.len()
            );
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(text.as_bytes());
        }
    });
    (url, seen)
}

#[test]
fn push_retries_a_busy_engine_and_reports_refusals() {
    let env = TestEnv::new();
    let file = env.write(
        "two.jsonl",
        "{\"id\": \"a\", \"title\": \"Quokka one\", \"body\": \"Quokkas.\"}\n\
         {\"id\": \"b\", \"title\": \"Quokka two\", \"body\": \"More.\"}\n",
    );
    let (url, seen) = fake_engine(vec![
        (200, ""),                      // HEAD: the index exists
        (429, "{\"error\": \"busy\"}"), // _bulk: too many requests
        (503, "{\"error\": \"away\"}"), // _bulk: no shard
        // _bulk: "a" taken, "b" refused for now
        (
            200,
            r#"{"items": [{"index": {"status": 201}}, {"index": {"status": 429, "error": {"reason": "queue full"}}}]}"#,
        ),
        // _bulk of "b" alone: refused for good
        (
            200,
            r#"{"items": [{"index": {"status": 400, "error": {"reason": "mapper_parsing_exception"}}}]}"#,
        ),
        (200, "{}"), // _refresh
    ]);
    // Basic authentication from the URL's user and password.
    let url = url.replace("http://", "http://user:pw@");
    let run = newsdex(&["push", &url, file.to_str().unwrap()]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("retrying"), "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "two.jsonl:2: rejected by the engine: mapper_parsing_exception"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("pushed 1 articles"), "{}", run.stderr);
    let seen = seen.lock().unwrap().clone();
    let bulks = seen.iter().filter(|l| l.contains("/fake/_bulk")).count();
    assert_eq!(bulks, 4, "{seen:?}");
    // "user:pw" in base64, on every request.
    let auth =
        seen.iter().filter(|l| l.ends_with("Basic dXNlcjpwdw==")).count();
    assert_eq!(auth, 6, "{seen:?}");
}

#[test]
fn copies_of_a_story_are_one_hit_on_the_cluster_as_locally() {
    use crate::stories::{record, OTHER, WIRE};
    let env = TestEnv::new();
    let mut lines = record("w1", "NZ on trade", WIRE, "Harbour Wire");
    lines += &record("w2", "NZ on trade", WIRE, "Daily Ledger");
    lines += &record("w3", "New Zealand on trade", WIRE, "Morning Post");
    lines += &record("c1", "Bahia cocoa", OTHER, "Wire");
    let file = env.write("in/all.jsonl", lines);
    env.index(&[&file]);
    let url = fresh("copies");
    newsdex(&["push", "-q", &url, file.to_str().unwrap()]).expect_code(0);
    count(&url);
    let json = |run: Run| -> Value {
        assert_eq!(run.code, 0, "{}", run.stderr);
        serde_json::from_str(&run.stdout).expect("one JSON document")
    };
    for extra in [&[][..], &["--all-copies"][..], &["--sort", "date"][..]] {
        let mut args = vec!["search", "*", "--json"];
        args.extend_from_slice(extra);
        let l = json(env.run(&args));
        let mut on_engine = vec!["--engine", url.as_str()];
        on_engine.extend_from_slice(&args);
        let e = json(newsdex(&on_engine));
        for key in ["total", "stories", "all_copies"] {
            assert_eq!(l[key], e[key], "{key} of {extra:?}");
        }
        let hits = |v: &Value| -> Vec<(Value, Value, Value)> {
            let mut hits: Vec<_> = v["hits"]
                .as_array()
                .unwrap()
                .iter()
                .map(|h| {
                    (h["id"].clone(), h["story"].clone(), h["copies"].clone())
                })
                .collect();
            hits.sort_by_key(|h| h.0.to_string());
            hits
        };
        assert_eq!(hits(&l), hits(&e), "hits of {extra:?}");
    }
    // Each story once by default: 4 records, 2 stories, 2 hits.
    let e = json(newsdex(&["--engine", &url, "search", "*", "--json"]));
    assert_eq!(
        (e["total"].as_u64(), e["stories"].as_u64()),
        (Some(4), Some(2))
    );
    assert_eq!(e["hits"].as_array().unwrap().len(), 2);
    assert!(e["hits"]
        .as_array()
        .unwrap()
        .iter()
        .any(|h| h["copies"]["count"] == 2));
    let all = json(newsdex(&[
        "--engine",
        &url,
        "search",
        "*",
        "--json",
        "--all-copies",
    ]));
    assert_eq!(all["hits"].as_array().unwrap().len(), 4);
    // stats counts stories on both.
    let (l, e) = (
        json(env.run(&["stats", "--json"])),
        json(newsdex(&["--engine", &url, "stats", "--json"])),
    );
    assert_eq!(l["stories"], e["stories"]);
    assert_eq!(e["stories"], 2);
    // facets/timeline --stories are local only, and say so.
    for cmd in ["facets", "timeline"] {
        let run = newsdex(&["--engine", &url, cmd, "--stories"]);
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert!(
            run.stderr
                .contains("--stories counts stories in a local index only"),
            "{}",
            run.stderr
        );
    }
}

#[test]
fn the_users_corrections_apply_on_the_cluster_as_locally() {
    let url = sample_url();
    let env = TestEnv::new();
    let file = env.write(
        "aliases.txt",
        "merge person: Scott Bessent = He Lifeng\n\
         rename person: He Lifeng = Trade Envoys\n\
         drop person: Nobody Of That Name\n",
    );
    let file = file.to_str().unwrap();
    let args = [
        "search",
        "*",
        "--person",
        "Trade Envoys",
        "--json",
        "-n",
        "1000",
        "--facets",
        "person",
    ];
    let mut with = vec!["--aliases", file];
    with.extend_from_slice(&args);
    let (l, e) = (local(&with), engine(url, &with));
    assert_eq!((l.code, e.code), (0, 0), "{}\n{}", l.stderr, e.stderr);
    let (mut lh, mut eh) = (hit_ids(&l), hit_ids(&e));
    lh.sort();
    eh.sort();
    assert_eq!(lh, eh);
    let lv: Value = serde_json::from_str(&l.stdout).unwrap();
    let ev: Value = serde_json::from_str(&e.stdout).unwrap();
    assert_eq!(lv["facets"], ev["facets"]);
    assert_eq!(lv["query"], ev["query"]);
    // The merged entity has both people's articles: more than either.
    let alone = |name: &str| {
        hit_ids(&engine(
            url,
            &["search", "*", "--person", name, "--json", "-n", "1000"],
        ))
        .len()
    };
    assert!(eh.len() > alone("He Lifeng").max(alone("Scott Bessent")));
    // A decision naming nothing the cluster knows is said on stderr.
    assert!(
        e.stderr.contains("aliases line 3")
            && l.stderr.contains("aliases line 3"),
        "{}\n{}",
        e.stderr,
        l.stderr
    );
}

/// Runs openssl with these arguments in `dir`, expecting success.
fn openssl(dir: &Path, args: &[&str]) {
    let out = Command::new("openssl")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("openssl (apt-get install openssl)");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn an_https_engine_is_reached_with_its_own_certificate_authority() {
    use std::io::BufRead;
    let url = sample_url();
    let index = url.rsplit('/').next().unwrap();
    let env = TestEnv::new();
    let dir = env.dir.path();
    // A certificate authority and a certificate for 127.0.0.1 it signs.
    openssl(
        dir,
        &[
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            "ca.key",
            "-out",
            "ca.pem",
            "-days",
            "2",
            "-subj",
            "/CN=newsdex test authority",
        ],
    );
    openssl(
        dir,
        &[
            "req",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            "node.key",
            "-out",
            "node.csr",
            "-subj",
            "/CN=127.0.0.1",
        ],
    );
    env.write(
        "node.ext",
        "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n\
         extendedKeyUsage=serverAuth\n",
    );
    openssl(
        dir,
        &[
            "x509",
            "-req",
            "-in",
            "node.csr",
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-out",
            "node.pem",
            "-days",
            "2",
            "-extfile",
            "node.ext",
        ],
    );
    let mut proxy = Command::new("python3")
        .arg(repo().join("tests/tls_proxy.py"))
        .args(["node.pem", "node.key", &node()])
        .current_dir(dir)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("python3");
    let mut port = String::new();
    std::io::BufReader::new(proxy.stdout.take().unwrap())
        .read_line(&mut port)
        .unwrap();
    let https = format!("https://127.0.0.1:{}/{index}", port.trim());
    let stats = |ca: Option<&Path>| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_newsdex"));
        cmd.args(["--engine", &https, "stats", "--json"])
            .env_remove("NEWSDEX_ENGINE_CA");
        if let Some(ca) = ca {
            cmd.env("NEWSDEX_ENGINE_CA", ca);
        }
        Run::from(cmd.output().unwrap())
    };
    let trusted = stats(Some(&dir.join("ca.pem")));
    let unknown = stats(None);
    let _ = proxy.kill();
    let _ = proxy.wait();
    assert_eq!(trusted.code, 0, "{}", trusted.stderr);
    let v: Value = serde_json::from_str(&trusted.stdout).unwrap();
    assert_eq!(v["articles"], 48, "{}", trusted.stdout);
    // Without the authority the certificate is refused, with a message.
    assert_eq!(unknown.code, 2, "{}", unknown.stdout);
    assert!(
        unknown.stderr.to_lowercase().contains("certificate"),
        "{}",
        unknown.stderr
    );
}

#[test]
fn an_engine_without_a_manager_is_said_so_not_taken_for_a_missing_index() {
    let (url, _) = fake_engine(vec![(503, "")]);
    let run = newsdex(&["--engine", &url, "stats"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stderr.contains("answered HTTP 503")
            && !run.stderr.contains("no index"),
        "{}",
        run.stderr
    );
}
