//! Indexing again: unchanged files are skipped, changed files replace
//! their articles, removed files can be pruned, duplicates across files
//! are one article, a second writer is refused, and searches during a
//! run see the last commit.

use crate::util::TestEnv;

fn count(env: &TestEnv) -> u64 {
    let run = env.run(&["stats", "--json"]).expect_code(0);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    v["articles"].as_u64().unwrap()
}

fn lines(n: usize, prefix: &str) -> String {
    (0..n)
        .map(|i| {
            format!(
                "{{\"id\":\"{prefix}{i}\",\"title\":\"Quokka report {prefix}{i}\",\"body\":\"Rangers on the island counted quokka {prefix} number {i}.\"}}\n"
            )
        })
        .collect()
}

#[test]
fn unchanged_files_are_skipped_and_changed_ones_replaced() {
    let env = TestEnv::new();
    let a = env.write("in/a.jsonl", lines(3, "a"));
    env.write("in/b.jsonl", lines(2, "b"));
    let dir = env.dir.path().join("in");
    env.index(&[&dir]);
    assert_eq!(count(&env), 5);
    let again = env.index(&[&dir]);
    assert!(again.stderr.contains("indexed 0 articles"), "{}", again.stderr);
    assert!(again.stderr.contains("2 files unchanged"), "{}", again.stderr);
    // a.jsonl loses two articles and gains one: its old ones are gone.
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(&a, lines(1, "a") + &lines(1, "new")).unwrap();
    env.index(&[&dir]);
    assert_eq!(count(&env), 4);
    let gone = env.run(&["search", "quokka", "--jsonl", "-n", "50"]);
    assert!(!gone.stdout.contains("\"a2\""), "{}", gone.stdout);
}

#[test]
fn prune_forgets_removed_files() {
    let env = TestEnv::new();
    env.write("in/a.jsonl", lines(3, "a"));
    let b = env.write("in/b.jsonl", lines(2, "b"));
    let dir = env.dir.path().join("in");
    env.index(&[&dir]);
    std::fs::remove_file(&b).unwrap();
    env.index(&[&dir]);
    assert_eq!(count(&env), 5, "without --prune nothing is dropped");
    let run =
        env.run(&["index", "--prune", dir.to_str().unwrap()]).expect_code(0);
    assert!(run.stderr.contains("1 pruned"), "{}", run.stderr);
    assert_eq!(count(&env), 3);
}

#[test]
fn every_record_with_its_own_id_is_kept() {
    let env = TestEnv::new();
    // No id, no URL: the text is the key, so the same text in two files
    // is one record.
    let same = "{\"title\":\"Quokka census\",\"body\":\"Same text.\"}\n";
    env.write("in/a.jsonl", same);
    env.write("in/b.jsonl", same);
    // The same story under two ids: two records, each found by its id.
    env.write(
        "in/e.jsonl",
        "{\"id\":\"w1\",\"title\":\"Wire story\",\"body\":\"Copy.\"}\n\
         {\"id\":\"w2\",\"title\":\"Wire story\",\"body\":\"Copy.\"}\n",
    );
    env.write(
        "in/c.jsonl",
        "{\"id\":\"x1\",\"url\":\"https://e.org/q\",\"title\":\"One\",\"body\":\"a\"}\n",
    );
    env.write(
        "in/d.jsonl",
        "{\"id\":\"x2\",\"url\":\"https://e.org/q\",\"title\":\"One, updated\",\"body\":\"b\"}\n",
    );
    env.index(&[&env.dir.path().join("in")]);
    // a/b as one, w1 and w2, x1 and x2 (one URL, two ids).
    assert_eq!(count(&env), 5);
    let run =
        env.run(&["search", "--json", "--no-facets", "*"]).expect_code(0);
    for id in ["w1", "w2", "x1", "x2"] {
        assert!(run.stdout.contains(&format!("\"id\":\"{id}\"")), "{id}");
    }
}

/// Starts `newsdex index -` with its standard input kept open, so the
/// writer holds the index (and its lock) until the input is closed; waits
/// until it holds the lock.
fn open_writer(env: &TestEnv) -> std::process::Child {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_newsdex"))
        .arg("--index")
        .arg(env.index_dir())
        .args(["index", "--quiet", "-"])
        .stdin(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let lock = env.index_dir().join(".tantivy-writer.lock");
    for _ in 0..1000 {
        if lock.exists() {
            return child;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    panic!("the writer never took the lock");
}

/// Feeds the open writer more records, closes its input and waits.
fn finish_writer(mut child: std::process::Child, more: &str) {
    use std::io::Write;
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(more.as_bytes()).unwrap();
    drop(stdin);
    assert!(child.wait().unwrap().success());
}

#[test]
fn a_second_writer_is_told_the_index_is_locked() {
    let env = TestEnv::new();
    let first = open_writer(&env);
    let small = env.write("small.jsonl", lines(1, "s"));
    let second = env.run(&["index", small.to_str().unwrap()]);
    finish_writer(first, &lines(2, "z"));
    assert_eq!(second.code, 2, "{}", second.stderr);
    assert!(second.stderr.contains("index is locked"), "{}", second.stderr);
    assert_eq!(count(&env), 2);
}

#[test]
fn rebuild_is_refused_while_another_writer_holds_the_index() {
    let env = TestEnv::new();
    let first = open_writer(&env);
    let small = env.write("small.jsonl", lines(1, "s"));
    let rebuild = env.run(&["index", "--rebuild", small.to_str().unwrap()]);
    finish_writer(first, &lines(2, "z"));
    assert_eq!(rebuild.code, 2, "{}", rebuild.stderr);
    assert!(rebuild.stderr.contains("index is locked"), "{}", rebuild.stderr);
    assert_eq!(count(&env), 2);
    // Once the writer is done, --rebuild goes ahead.
    env.run(&["index", "--rebuild", small.to_str().unwrap()]).expect_code(0);
    assert_eq!(count(&env), 1);
}

#[test]
fn an_index_whose_creation_was_interrupted_is_created_again() {
    let env = TestEnv::new();
    let small = env.write("small.jsonl", lines(1, "s"));
    env.index(&[&small]);
    // What a kill before the marker is written leaves: tantivy's files,
    // the creation sentinel, no marker.
    let dir = env.index_dir();
    std::fs::remove_file(dir.join("newsdex-index.json")).unwrap();
    std::fs::write(dir.join("newsdex-index.creating"), "").unwrap();
    let search = env.run(&["search", "*"]).expect_code(2);
    assert!(search.stderr.contains("was never finished"), "{}", search.stderr);
    env.run(&["index", "--rebuild", small.to_str().unwrap()]).expect_code(0);
    assert_eq!(count(&env), 1);
    std::fs::remove_file(dir.join("newsdex-index.json")).unwrap();
    std::fs::write(dir.join("newsdex-index.creating"), "").unwrap();
    env.index(&[&small]);
    assert_eq!(count(&env), 1);
    assert!(!dir.join("newsdex-index.creating").exists());
}

#[test]
fn an_index_whose_marker_was_deleted_is_rebuilt_with_rebuild() {
    let env = TestEnv::new();
    let small = env.write("small.jsonl", lines(2, "s"));
    env.index(&[&small]);
    let dir = env.index_dir();
    std::fs::remove_file(dir.join("newsdex-index.json")).unwrap();
    let way_out = "rebuild it with `newsdex index --rebuild PATH...`";
    for args in [&["search", "*"][..], &["index", small.to_str().unwrap()]] {
        let run = env.run(args).expect_code(2);
        assert!(run.stderr.contains("has lost its marker"), "{}", run.stderr);
        assert!(run.stderr.contains(way_out), "{}", run.stderr);
    }
    let check = env.run(&["check"]).expect_code(2);
    assert!(
        check.stdout.contains("newsdex-index.json: missing"),
        "{}",
        check.stdout
    );
    assert!(check.stderr.contains("index --rebuild"), "{}", check.stderr);
    env.run(&["index", "--rebuild", small.to_str().unwrap()]).expect_code(0);
    assert_eq!(count(&env), 2);
    env.run(&["check"]).expect_code(0);
    // A folder with a file no index has is never deleted.
    std::fs::remove_file(dir.join("newsdex-index.json")).unwrap();
    let mine = env.write("index/notes.txt", "mine");
    let run = env.run(&["index", "--rebuild", small.to_str().unwrap()]);
    let run = run.expect_code(2);
    assert!(run.stderr.contains("refusing to delete"), "{}", run.stderr);
    assert!(mine.exists());
}

#[test]
fn searches_while_indexing_see_the_last_commit() {
    let env = TestEnv::new();
    let a = env.write("a.jsonl", lines(3, "a"));
    env.index(&[&a]);
    let writer = open_writer(&env);
    {
        use std::io::Write;
        // Records the writer has read but not committed yet.
        let mut stdin = writer.stdin.as_ref().unwrap();
        stdin.write_all(lines(4, "b").as_bytes()).unwrap();
        stdin.flush().unwrap();
    }
    std::thread::sleep(std::time::Duration::from_millis(200));
    let during = env.run(&["search", "quokka", "--jsonl", "-n", "50"]);
    let during = during.expect_code(0);
    assert_eq!(during.stdout.lines().count(), 3, "{}", during.stdout);
    assert_eq!(count(&env), 3);
    finish_writer(writer, &lines(2, "c"));
    assert_eq!(count(&env), 9);
    let after = env.run(&["search", "quokka", "--jsonl", "-n", "50"]);
    assert_eq!(after.expect_code(0).stdout.lines().count(), 9);
}

#[test]
fn a_killed_run_leaves_a_readable_index_and_a_rerun_completes_it() {
    let env = TestEnv::new();
    let big = env.write("big.jsonl", lines(10_000, "k"));
    // A first small commit so there is something to read.
    let small = env.write("small.jsonl", lines(3, "s"));
    env.index(&[&small]);
    let mut run = std::process::Command::new(env!("CARGO_BIN_EXE_newsdex"))
        .arg("--index")
        .arg(env.index_dir())
        .args(["index", "--quiet", "--memory", "16", big.to_str().unwrap()])
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(700));
    let _ = run.kill();
    let _ = run.wait();
    // Readable at its last commit.
    let n = count(&env);
    assert!(n >= 3, "{n}");
    // Running the same command again completes it, with no duplicates.
    env.index(&[&big]);
    assert_eq!(count(&env), 10_003);
}

/// The segment ids of the index's last commit, as its file names spell
/// them, and the commit's opstamp.
fn committed(env: &TestEnv) -> (Vec<String>, u64) {
    let text =
        std::fs::read_to_string(env.index_dir().join("meta.json")).unwrap();
    let meta: serde_json::Value = serde_json::from_str(&text).unwrap();
    let ids = meta["segments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["segment_id"].as_str().unwrap().replace('-', ""))
        .collect();
    (ids, meta["opstamp"].as_u64().unwrap())
}

#[test]
fn files_a_killed_commit_left_are_removed_by_the_next_run() {
    // A run killed while it commits leaves a segment's delete file that
    // `meta.json` does not list; the next commit writing the same name
    // failed with "file already exists" until --rebuild.
    let env = TestEnv::new();
    let a = env.write("in/a.jsonl", lines(3, "a"));
    env.write("in/b.jsonl", lines(2, "b"));
    let dir = env.dir.path().join("in");
    env.index(&[&dir]);
    let (ids, opstamp) = committed(&env);
    let mut orphans = Vec::new();
    for id in &ids {
        for n in opstamp..opstamp + 64 {
            orphans.push(env.write(&format!("index/{id}.{n}.del"), b"x"));
        }
    }
    let stray = env.write(&format!("index/{}.store", "f".repeat(32)), b"x");
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(&a, lines(1, "a") + &lines(1, "new")).unwrap();
    env.index(&[&dir]);
    assert_eq!(count(&env), 4);
    assert!(!stray.exists());
    let (ids, _) = committed(&env);
    for orphan in orphans {
        let name = orphan.file_name().unwrap().to_str().unwrap().to_string();
        // Gone, unless the commit wrote a file of that name itself.
        assert!(
            !orphan.exists() || std::fs::read(&orphan).unwrap() != b"x",
            "{name} of {ids:?}"
        );
    }
    env.run(&["search", "quokka"]).expect_code(0);
}

/// In one run into a new index, a later record with the same id
/// replaces the earlier one, also when they are far apart.
#[test]
fn a_later_record_with_the_same_id_wins_in_a_new_index() {
    let env = TestEnv::new();
    let mut lines = String::new();
    lines.push_str(
        "{\"id\":\"dup\",\"title\":\"First quokka\",\"body\":\"old\"}\n",
    );
    for i in 0..600 {
        lines.push_str(&format!(
            "{{\"id\":\"n{i}\",\"title\":\"Filler {i}\",\"body\":\"text {i}\"}}\n"
        ));
    }
    lines.push_str(
        "{\"id\":\"dup\",\"title\":\"Second quokka\",\"body\":\"new\"}\n",
    );
    let file = env.write("one.jsonl", lines);
    env.index(&[&file]);
    assert_eq!(count(&env), 601);
    let run = env.run(&["search", "--json", "quokka"]).expect_code(0);
    let hits: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let hits = hits["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0]["title"], "Second quokka");
}
