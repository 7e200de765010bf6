//! Indexing: formats, field names, ids, re-indexing.

use crate::util::{repo, TestEnv};

fn stats(env: &TestEnv) -> serde_json::Value {
    let run = env.run(&["stats", "--json"]).expect_code(0);
    serde_json::from_str(&run.stdout).unwrap()
}

#[test]
fn reindexing_the_same_articles_adds_no_duplicates() {
    let env = TestEnv::new();
    let corpus = repo().join("sample_corpus");
    env.index(&[&corpus]);
    let first = stats(&env)["articles"].clone();
    env.index(&[&corpus]);
    env.index(&[&corpus.join("wire.jsonl")]);
    assert_eq!(stats(&env)["articles"], first);
    env.run(&["index", "--rebuild", corpus.to_str().unwrap()]).expect_code(0);
    assert_eq!(stats(&env)["articles"], first);
}

#[test]
fn all_three_formats_and_their_field_names() {
    let env = TestEnv::new();
    let dir = env.dir.path().join("in");
    env.write(
        "in/a.jsonl",
        r#"{"id":"j1","headline":"Quokka census","content":"Rangers counted quokkas.","publishedAt":"2025-03-01T10:00:00Z","publisher":"Isle News","link":"https://example.org/q"}
"#,
    );
    env.write(
        "in/b.json",
        r#"[{"id":"a1","title":"Quokka diet","body":"Leaves mostly.","date":"2025-03-02","source":"Isle News","people":["Ann Ranger"],"topics":["wildlife"]},
            {"id":"a2","title":"Second","text":"More quokka text.","source":{"name":"Isle News"}}]"#,
    );
    env.write(
        "in/c/d.txt",
        "Date: 2025-03-03\nSource: Isle News\nAuthor: Bo Writer\n\nQuokka numbers rise\n\nThe quokka count rose again.\n",
    );
    env.write("in/notes.md", "not an article");
    let run = env.index(&[&dir]);
    assert!(
        run.stderr.contains("indexed 4 articles from 3 files"),
        "{}",
        run.stderr
    );
    let out = env
        .run(&["search", "quokka", "--jsonl", "--sort", "date"])
        .expect_code(0);
    let hits: Vec<serde_json::Value> =
        out.stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let ids: Vec<&str> =
        hits.iter().map(|h| h["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["c/d", "a1", "j1", "a2"]);
    assert_eq!(hits[0]["published"], "2025-03-03");
    assert_eq!(hits[0]["title"], "Quokka numbers rise");
    assert_eq!(hits[2]["url"], "https://example.org/q");
    assert!(hits.iter().all(|h| h["source"] == "Isle News"));
    // Editorial tags are their own facet, apart from extracted people.
    let tagged = env
        .run(&["search", "--json", "--facets", "tag", "tag:topic/wildlife"])
        .expect_code(0);
    let v: serde_json::Value = serde_json::from_str(&tagged.stdout).unwrap();
    assert_eq!(v["total"], 1);
    // Tags match in any case.
    let any_case =
        env.run(&["search", "--json", "tag:TOPIC/Wildlife"]).expect_code(0);
    let v: serde_json::Value = serde_json::from_str(&any_case.stdout).unwrap();
    assert_eq!(v["total"], 1);
}

#[test]
fn index_location_comes_from_the_environment() {
    let env = TestEnv::new();
    let file =
        env.write("a.jsonl", "{\"title\":\"Env test\",\"body\":\"x\"}\n");
    let dir = env.dir.path().join("from-env");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_newsdex"))
        .args(["index", file.to_str().unwrap()])
        .env("NEWSDEX_INDEX", &dir)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(dir.join("meta.json").exists());
}

#[test]
fn the_saved_vocabulary_changes_no_result_and_a_stale_one_is_ignored() {
    let env = TestEnv::new();
    env.index(&[&repo().join("sample_corpus")]);
    let saved = env.index_dir().join("newsdex-vocab.bin");
    assert!(saved.exists(), "index saves the entity vocabulary");
    let queries = [
        "talks in Kuala Lumpur involving He Lifeng",
        "involving Bessent",
        "with ASEAN",
        "place:asia trade",
        "person:Nobody",
    ];
    let outputs = |env: &TestEnv| -> Vec<String> {
        queries
            .iter()
            .map(|q| env.run(&["search", q, "--json"]).stdout)
            .collect()
    };
    let with_file = outputs(&env);
    let old = std::fs::read(&saved).unwrap();
    std::fs::remove_file(&saved).unwrap();
    assert_eq!(outputs(&env), with_file);

    // A vocabulary saved before the index changed does not hide the
    // names the change brought.
    let more = env.write(
        "more.jsonl",
        r#"{"id":"z1","title":"Zebulon visits the harbour","body":"Treasury Secretary Quentin Zebulon said on Monday that the harbour would reopen."}
"#,
    );
    env.index(&[&more]);
    std::fs::write(&saved, old).unwrap();
    let run = env.run(&["search", "involving Zebulon", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v["query"]["filters"][0]["name"], "Quentin Zebulon");
    assert_eq!(v["total"], 1);
}
