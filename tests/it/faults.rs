//! Faults: numbers no index holds, damaged index files, bad queries in
//! a batch. None of them panics; each ends in a clear message.

use std::path::Path;

use crate::util::{repo, run_with_index, sample, Run, TestEnv};

/// No panic, no abort: exit 0 or 1 and no panic message.
#[track_caller]
fn no_panic(run: &Run, what: &str) {
    assert!(
        matches!(run.code, 0 | 1) && !run.stderr.contains("panicked"),
        "{what}: exit {}\n{}",
        run.code,
        run.stderr
    );
}

#[test]
fn huge_numbers_are_clamped_to_the_index() {
    let articles = crate::util::truth()["articles"].as_u64().unwrap();
    for n in [
        "1099511627776",
        "4611686018427387904",
        "9223372036854775807",
        "18446744073709551615",
    ] {
        let runs: [&[&str]; 10] = [
            &["search", "*", "--limit", n, "--json"],
            &["search", "*", "--sort", "date", "--limit", n, "--json"],
            &["search", "--person", "Donald Trump", "--limit", n, "--json"],
            &["search", "china", "--limit", n, "--json"],
            &["search", "*", "--offset", n, "--limit", n, "--json"],
            &["search", "china", "--offset", n],
            &["search", "*", "--facet-top", n],
            &["facets", "--top", n],
            &["entities", "--top", n],
            &["related", "Donald Trump", "--top", n],
        ];
        for args in runs {
            let run = run_with_index(sample(), args);
            no_panic(&run, &format!("{args:?}"));
        }
        let all =
            run_with_index(sample(), &["search", "*", "-n", n, "--json"]);
        let v: serde_json::Value = serde_json::from_str(&all.stdout).unwrap();
        assert_eq!(v["total"], articles);
        assert_eq!(v["hits"].as_array().unwrap().len() as u64, articles);
        let past = run_with_index(
            sample(),
            &["search", "*", "--offset", n, "-n", n, "--json"],
        );
        let v: serde_json::Value = serde_json::from_str(&past.stdout).unwrap();
        assert!(v["hits"].as_array().unwrap().is_empty(), "{n}");
    }
}

/// A copy of the index folder `from` at `to`.
pub fn copy_index(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
}

/// Overwrites 64 bytes at every eighth of every `.{ext}` file of the
/// index at `dir` (a quarter, a half and three quarters among them), so
/// that the damage reaches several of the columns or blocks a file
/// holds: in a `.fast` file the `signature` column, which only `index`
/// reads, fills most of the middle.
pub fn damage(dir: &Path, ext: &str) {
    let files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    assert!(!files.is_empty(), "no .{ext} file");
    for file in files {
        let mut bytes = std::fs::read(&file).unwrap();
        for eighth in 1..=7 {
            let at = bytes.len() * eighth / 8;
            let end = (at + 64).min(bytes.len());
            for b in &mut bytes[at..end] {
                *b ^= 0x5a;
            }
        }
        std::fs::write(&file, bytes).unwrap();
    }
}

#[test]
fn a_damaged_index_is_reported_with_the_way_out_never_a_panic() {
    let env = TestEnv::new();
    env.index(&[&repo().join("sample_corpus")]);
    let commands: [&[&str]; 8] = [
        &["search", "*"],
        &["search", "china trade"],
        &["search", "*", "--sort", "date", "-n", "100"],
        &["facets"],
        &["facets", "--field", "place"],
        &["timeline"],
        &["entities"],
        &["related", "Donald Trump"],
    ];
    for ext in ["term", "fast", "idx", "pos", "store"] {
        let dir = env.dir.path().join(format!("damaged-{ext}"));
        copy_index(&env.index_dir(), &dir);
        damage(&dir, ext);
        for args in commands {
            let run = run_with_index(&dir, args);
            let what = format!(".{ext} damaged, {args:?}");
            assert!(
                !run.stderr.contains("panicked")
                    && !run.stderr.contains("RUST_BACKTRACE"),
                "{what}: {}",
                run.stderr
            );
            // Every command checks the files it reads against their
            // checksums first: none answers from a damaged file.
            assert_eq!(run.code, 2, "{what}: {}", run.stdout);
            assert!(
                run.stderr.contains(&format!(
                    "the index at {} is damaged",
                    dir.display()
                )) && run.stderr.contains("index --rebuild")
                    && run.stderr.contains(&format!(".{ext}")),
                "{what}: {}",
                run.stderr
            );
            assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
        }
    }
}

/// Sets the modification time of every file of `dir` to an hour ago.
fn age(dir: &Path) {
    let hour_ago =
        std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for entry in std::fs::read_dir(dir).unwrap() {
        let file = std::fs::File::options()
            .write(true)
            .open(entry.unwrap().path())
            .unwrap();
        file.set_modified(hour_ago).unwrap();
    }
}

#[test]
fn files_found_sound_are_not_read_again_until_they_change() {
    let env = TestEnv::new();
    env.index(&[&repo().join("sample_corpus")]);
    let dir = env.index_dir();
    age(&dir);
    env.run(&["search", "trade"]).expect_code(0);
    let list = std::fs::read_to_string(dir.join("newsdex-verified.txt"))
        .expect("the files found sound are listed");
    assert!(list.starts_with("newsdex-verified 1\n"), "{list}");
    assert!(list.contains(".idx\t"), "{list}");
    // A damaged file has another time: read again, reported.
    damage(&dir, "pos");
    let run = env.run(&["search", "trade"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(run.stderr.contains(".pos"), "{}", run.stderr);
    // Damage that keeps a listed file's size and time goes unseen by a
    // search, not by `check`, which reads every file.
    let env = TestEnv::new();
    env.index(&[&repo().join("sample_corpus")]);
    let dir = env.index_dir();
    age(&dir);
    env.run(&["search", "trade"]).expect_code(0);
    damage(&dir, "idx");
    age(&dir);
    let run = env.run(&["check"]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
}

#[test]
fn a_bad_query_in_a_batch_is_reported_and_the_rest_run() {
    let env = TestEnv::new();
    let file = env.write(
        "queries.txt",
        "talks in Kuala Lumpur involving He Lifeng\n\"unclosed\ncolour:red\nzanzibar quokka\n",
    );
    let run = run_with_index(
        sample(),
        &["search", "--queries", file.to_str().unwrap()],
    )
    .expect_code(2);
    let lines: Vec<serde_json::Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("json"))
        .collect();
    assert_eq!(lines.len(), 4, "{}", run.stdout);
    assert_eq!(lines[0]["total"], 5);
    assert_eq!(lines[1]["line"], 2);
    assert_eq!(lines[1]["raw"], "\"unclosed");
    assert!(lines[1]["error"].as_str().unwrap().contains("unclosed quote"));
    assert_eq!(lines[1].as_object().unwrap().len(), 3, "{}", lines[1]);
    assert_eq!(lines[2]["line"], 3);
    assert!(lines[2]["error"].as_str().unwrap().contains("unknown field"));
    assert_eq!(lines[3]["query"]["raw"], "zanzibar quokka");
    assert_eq!(lines[3]["total"], 0);
    assert!(
        run.stderr.contains("queries.txt:2: bad query: unclosed quote")
            && run.stderr.contains("queries.txt:3: bad query: unknown field")
            && run.stderr.contains("2 bad queries"),
        "{}",
        run.stderr
    );
}

/// `text` in UTF-16, with its byte order mark.
fn utf16(text: &str, little: bool) -> Vec<u8> {
    let mut out = if little { vec![0xff, 0xfe] } else { vec![0xfe, 0xff] };
    for unit in text.encode_utf16() {
        let bytes =
            if little { unit.to_le_bytes() } else { unit.to_be_bytes() };
        out.extend_from_slice(&bytes);
    }
    out
}

#[test]
fn no_record_is_lost_without_a_word() {
    let env = TestEnv::new();
    let rec = |word: &str| {
        format!(
            "{{\"id\":\"{word}\",\"title\":\"Story {word}\",\
             \"body\":\"The {word} report from Zürich.\"}}\n"
        )
    };
    let bom = b"\xef\xbb\xbf";
    env.write(
        "in/bom.jsonl",
        [&bom[..], (rec("bomline") + &rec("bomtwo")).as_bytes()].concat(),
    );
    env.write("in/bom.json", [&bom[..], rec("bomdoc").as_bytes()].concat());
    env.write(
        "in/le.jsonl",
        utf16(&(rec("littleone") + &rec("littletwo")), true),
    );
    env.write("in/be.json", utf16(&rec("bigdoc"), false));
    let mut nul = String::new();
    for (i, w) in
        ["nulone", "nultwo", "nulthree", "nulfour", "nulfive", "nulsix"]
            .iter()
            .enumerate()
    {
        let r = rec(w);
        nul += &if i == 1 { r.replace("The", "The\0") } else { r };
    }
    env.write("in/nul.jsonl", nul);
    env.write(
        "in/types.jsonl",
        "{\"body\": 12345}\n{\"title\": [\"a\", \"b\"], \"body\": \"typesbody\"}\n"
            .to_string()
            + &rec("typesgood"),
    );
    let run = env.index(&[&env.dir.path().join("in")]);
    let err = &run.stderr;
    assert!(err.contains("nul.jsonl:2: NUL byte in the record"), "{err}");
    assert!(
        err.contains("types.jsonl:1: field \"body\" holds a number, not text"),
        "{err}"
    );
    assert!(
        err.contains(
            "types.jsonl:2: field \"title\" holds an array, not text"
        ),
        "{err}"
    );
    assert!(!err.contains("binary"), "{err}");
    assert!(err.contains("indexed 12 articles"), "{err}");
    assert!(err.contains("3 errors"), "{err}");
    for word in [
        "bomline",
        "bomtwo",
        "bomdoc",
        "littleone",
        "littletwo",
        "bigdoc",
        "nulone",
        "nulthree",
        "nulsix",
        "typesgood",
    ] {
        let found = env.run(&["search", word, "--json"]).expect_code(0);
        let v: serde_json::Value =
            serde_json::from_str(&found.stdout).unwrap();
        assert_eq!(v["total"], 1, "{word}");
        assert_eq!(v["hits"][0]["id"], word);
    }
    let zurich = env.run(&["search", "\"littleone report from Zürich\""]);
    zurich.expect_code(0);
    env.run(&["search", "nultwo"]).expect_code(1);
    env.run(&["search", "typesbody"]).expect_code(1);
}

#[test]
fn many_place_cues_are_fast_and_long_queries_refused() {
    // 500 place cues (4,000 bytes): one gazetteer parse, not one pass
    // over the place table per cue.
    let cues = "in Asia ".repeat(500);
    let run = run_with_index(sample(), &["search", cues.trim(), "-n", "1"]);
    no_panic(&run, "500 cues");
    let cues = "in Zzyzx ".repeat(450);
    let run = run_with_index(sample(), &["search", cues.trim(), "-n", "1"]);
    no_panic(&run, "450 unknown cues");
    let long = "in Asia ".repeat(600);
    let run = run_with_index(sample(), &["search", &long]).expect_code(2);
    assert!(
        run.stderr.contains(
            "the query is 4800 bytes long; queries are limited to 4096 bytes"
        ),
        "{}",
        run.stderr
    );
    let env = TestEnv::new();
    let file = env.write("q.txt", format!("china\n{long}\n"));
    let run = run_with_index(
        sample(),
        &["search", "--queries", file.to_str().unwrap()],
    )
    .expect_code(2);
    let last: serde_json::Value =
        serde_json::from_str(run.stdout.lines().nth(1).unwrap()).unwrap();
    assert!(last["error"].as_str().unwrap().contains("limited to 4096"));
}

#[test]
fn deeply_nested_html_is_indexed_with_its_text() {
    let env = TestEnv::new();
    let n = 100_000;
    let page = format!(
        "<html><head><title>Deep page</title></head><body>{}\
         <p>The nested report about Paris.</p>{}</body></html>",
        "<div>".repeat(n),
        "</div>".repeat(n)
    );
    let file = env.write("deep.html", page);
    env.index(&[&file]);
    let run = env.run(&["search", "nested report", "--json"]).expect_code(0);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v["hits"][0]["title"], "Deep page");
    assert_eq!(v["hits"][0]["places"][0], "Paris");
}
