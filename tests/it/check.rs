//! `newsdex check [--repair]`: a sound index checks clean, damage is
//! found and named, what the index itself can rebuild is repaired.

use std::path::Path;

use serde::Deserialize;

use crate::faults::{copy_index, damage};
use crate::util::{run_with_index, sample, truth, Run, TestEnv};

/// `check --json`, as documented.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Report {
    ok: bool,
    problems: Vec<Problem>,
    articles: u64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Problem {
    part: String,
    detail: String,
}

fn report(dir: &Path) -> Report {
    let run = run_with_index(dir, &["check", "--json"]);
    let report: Report = serde_json::from_str(&run.stdout).expect("json");
    assert_eq!(run.code, if report.ok { 0 } else { 2 }, "{}", run.stderr);
    report
}

/// A copy of the sample index in a folder of `env`.
fn sample_copy(env: &TestEnv, name: &str) -> std::path::PathBuf {
    let dir = env.dir.path().join(name);
    copy_index(sample(), &dir);
    dir
}

#[test]
fn a_sound_index_checks_clean() {
    let articles = truth()["articles"].as_u64().unwrap();
    let run = run_with_index(sample(), &["check"]).expect_code(0);
    assert_eq!(run.stdout, format!("ok: {articles} articles\n"));
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    let r = report(sample());
    assert!(r.ok && r.problems.is_empty(), "{r:?}");
    assert_eq!(r.articles, articles);
}

#[test]
fn damaged_segment_files_are_named_and_a_rebuild_advised() {
    let env = TestEnv::new();
    for ext in ["store", "term"] {
        let dir = sample_copy(&env, ext);
        damage(&dir, ext);
        let run = run_with_index(&dir, &["check"]).expect_code(2);
        assert!(
            run.stdout
                .lines()
                .any(|l| l
                    .contains(&format!(".{ext}: checksum does not match"))),
            ".{ext}: {}",
            run.stdout
        );
        let rebuild = format!(
            "newsdex --index {} index --rebuild PATH...",
            dir.display()
        );
        assert!(run.stderr.contains(&rebuild), "{}", run.stderr);
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
        // --repair cannot rebuild segments: it says how.
        let run = run_with_index(&dir, &["check", "--repair"]).expect_code(2);
        assert!(run.stderr.contains(&rebuild), "{}", run.stderr);
        let r = report(&dir);
        assert!(!r.ok);
        assert!(
            r.problems.iter().any(|p| p.part.ends_with(&format!(".{ext}"))),
            "{r:?}"
        );
        // Reading the documents back finds the damaged store too.
        if ext == "store" {
            assert!(
                r.problems.iter().any(|p| p.part.starts_with("segment ")
                    && p.detail.contains("stored documents")),
                "{r:?}"
            );
        }
    }
}

/// Flips bytes in the middle of `file`.
fn garble(file: &Path) {
    let mut bytes = std::fs::read(file).unwrap();
    let mid = bytes.len() / 2;
    let end = (mid + 32).min(bytes.len());
    for b in &mut bytes[mid..end] {
        *b ^= 0x5a;
    }
    std::fs::write(file, bytes).unwrap();
}

#[test]
fn saved_vocabulary_and_entities_are_checked_and_repaired() {
    let env = TestEnv::new();
    let expected = run_with_index(sample(), &["search", "china", "--json"])
        .expect_code(0)
        .stdout;
    for file in ["newsdex-vocab.bin", "newsdex-entities.txt"] {
        for how in ["deleted", "garbled"] {
            let dir = sample_copy(&env, &format!("{file}-{how}"));
            let path = dir.join(file);
            if how == "deleted" {
                std::fs::remove_file(&path).unwrap();
            } else {
                garble(&path);
            }
            let run = run_with_index(&dir, &["check"]).expect_code(2);
            assert_eq!(run.stdout.lines().count(), 1, "{}", run.stdout);
            assert!(
                run.stdout.starts_with(&format!("{file}: ")),
                "{file} {how}: {}",
                run.stdout
            );
            assert!(run.stderr.contains("check --repair"), "{}", run.stderr);
            let run: Run =
                run_with_index(&dir, &["check", "--repair"]).expect_code(0);
            assert!(run.stdout.starts_with("ok: "), "{}", run.stdout);
            assert!(
                run.stderr.contains(&format!("rewrote {file}")),
                "{}",
                run.stderr
            );
            run_with_index(&dir, &["check"]).expect_code(0);
            assert_eq!(
                std::fs::read(&path).unwrap(),
                std::fs::read(sample().join(file)).unwrap(),
                "{file} {how}"
            );
            let search = run_with_index(&dir, &["search", "china", "--json"]);
            assert_eq!(search.expect_code(0).stdout, expected);
        }
    }
}

#[test]
fn a_missing_index_and_a_bad_marker_or_manifest_are_reported() {
    let env = TestEnv::new();
    let run = env.run(&["check"]).expect_code(2);
    assert!(run.stderr.contains("no index at"), "{}", run.stderr);
    let dir = sample_copy(&env, "marker");
    std::fs::write(dir.join("newsdex-index.json"), "{\"format_version\": 5}")
        .unwrap();
    std::fs::write(dir.join("newsdex-files.json"), "{").unwrap();
    let r = report(&dir);
    let parts: Vec<&str> =
        r.problems.iter().map(|p| p.part.as_str()).collect();
    assert_eq!(parts, ["newsdex-index.json", "newsdex-files.json"], "{r:?}");
    assert!(r.problems[0].detail.contains("format 5"), "{r:?}");
}
