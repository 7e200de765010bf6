//! Faults: numbers no index holds, damaged index files, bad queries in
//! a batch. None of them panics; each ends in a clear message.

use crate::util::{run_with_index, sample, Run};

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
