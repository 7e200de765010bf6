//! Bad input is reported on stderr with its file (and line), counted, and
//! skipped; good input next to it is indexed. Wrong usage exits 2.

use crate::util::{run_with_index, TestEnv};

#[test]
fn bad_files_and_records_are_reported_and_the_rest_indexed() {
    let env = TestEnv::new();
    env.write(
        "in/mixed.jsonl",
        b"{\"id\":\"g1\",\"title\":\"Good one\",\"body\":\"fine\"}\n{not json\n{\"id\":\"g2\",\"title\":\"Good two\",\"body\":\"bad \xff byte\"}\n{\"id\":\"g3\",\"title\":\"Good three\",\"body\":\"fine\"}\n".as_slice(),
    );
    env.write("in/latin1.txt", b"Title\n\ncaf\xe9 au lait\n".as_slice());
    env.write("in/blob.json", b"\x00\x01\x02binary".as_slice());
    env.write("in/empty.txt", "");
    env.write("in/ok.txt", "Fine title\n\nFine body.\n");
    let missing = env.dir.path().join("nope");
    let dir = env.dir.path().join("in");
    let run = env
        .run(&["index", dir.to_str().unwrap(), missing.to_str().unwrap()])
        .expect_code(0);
    let err = &run.stderr;
    assert!(err.contains("mixed.jsonl:2: invalid JSON"), "{err}");
    assert!(err.contains("mixed.jsonl:3: invalid UTF-8"), "{err}");
    assert!(err.contains("latin1.txt:3: invalid UTF-8"), "{err}");
    assert!(err.contains("blob.json: binary file"), "{err}");
    assert!(err.contains("empty.txt: empty file"), "{err}");
    assert!(err.contains("nope: no such file or directory"), "{err}");
    assert!(err.contains("indexed 3 articles"), "{err}");
    assert!(err.contains("6 errors"), "{err}");
    assert!(run.stdout.is_empty(), "stdout is for results only");
    let found = env.run(&["search", "good", "--jsonl"]).expect_code(0);
    assert_eq!(found.stdout.lines().count(), 2);
}

#[test]
fn strict_makes_bad_input_fatal() {
    let env = TestEnv::new();
    let f = env.write("bad.jsonl", "{oops\n");
    let run =
        env.run(&["index", "--strict", f.to_str().unwrap()]).expect_code(2);
    assert!(
        run.stderr.contains("bad.jsonl:1: invalid JSON"),
        "{}",
        run.stderr
    );
}

#[test]
fn searching_without_an_index_is_a_clear_error() {
    let env = TestEnv::new();
    let run = run_with_index(&env.dir.path().join("none"), &["search", "x"])
        .expect_code(2);
    assert!(run.stderr.contains("no index at"), "{}", run.stderr);
}

#[test]
fn wrong_usage_exits_two() {
    let env = TestEnv::new();
    env.run(&["index"]).expect_code(2);
    env.run(&["frobnicate"]).expect_code(2);
    env.run(&["search", "x", "--json", "--csv"]).expect_code(2);
}

#[test]
fn a_folder_that_is_not_an_index_is_never_deleted() {
    let env = TestEnv::new();
    let keep = env.write("precious/data.txt", "keep me");
    let f = env.write("a.txt", "T\n\nB\n");
    let run = run_with_index(
        &env.dir.path().join("precious"),
        &["index", "--rebuild", f.to_str().unwrap()],
    )
    .expect_code(2);
    assert!(run.stderr.contains("refusing to delete"), "{}", run.stderr);
    assert!(keep.exists());
}

#[test]
fn a_wrong_facet_field_is_refused_with_the_right_ones() {
    let env = TestEnv::new();
    let fields = "[possible values: person, org, misc, place, place_name, \
                  source, tag]";
    for args in [
        &["facets", "--field", "plac"][..],
        &["search", "x", "--facets", "person,colour"],
    ] {
        let run = env.run(args).expect_code(2);
        assert!(run.stderr.contains("invalid value"), "{}", run.stderr);
        assert!(run.stderr.contains(fields), "{}", run.stderr);
        assert!(run.stdout.is_empty());
    }
    // `related` counts entities: the kinds, not every facet field.
    let run = env
        .run(&["related", "He Lifeng", "--kinds", "person,tag"])
        .expect_code(2);
    assert!(
        run.stderr.contains("invalid value 'tag' for '--kinds <KINDS>'")
            && run
                .stderr
                .contains("[possible values: person, org, misc, place]"),
        "{}",
        run.stderr
    );
}
