//! Input that is not what it seems: names that are not UTF-8, FIFOs
//! and other special files, CSV quotes left open, ids too long for one
//! index term, pages without text, empty archives. Each is indexed or
//! reported by name, counted, and never costs a good record.

use std::path::Path;

use crate::util::{Run, TestEnv};

/// The number of articles a search for everything finds.
fn count(env: &TestEnv) -> u64 {
    let run = env.run(&["search", "*", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    v["total"].as_u64().unwrap()
}

/// Indexes `paths` and expects exit 0.
fn index(env: &TestEnv, paths: &[&Path]) -> Run {
    env.index(paths)
}

#[cfg(unix)]
#[test]
fn files_whose_names_are_not_utf8_are_indexed() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let env = TestEnv::new();
    let dir = env.dir.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    let name = OsStr::from_bytes(b"caf\xe9.txt");
    std::fs::write(dir.join(name), "Latin name\n\nA story in a file.\n")
        .unwrap();
    env.write("in/plain.txt", "Plain name\n\nAnother story.\n");
    let run = index(&env, &[&dir]);
    assert!(run.stderr.contains("indexed 2 articles"), "{}", run.stderr);
    let found = env.run(&["search", "latin", "--json"]).expect_code(0);
    assert!(found.stdout.contains("caf\u{fffd}"), "{}", found.stdout);
}

/// Makes a FIFO at `path`.
#[cfg(unix)]
fn mkfifo(path: &Path) {
    let ok = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo")
        .success();
    assert!(ok);
}

#[cfg(unix)]
#[test]
fn fifos_are_reported_never_read() {
    let env = TestEnv::new();
    env.write("in/good.txt", "Good title\n\nGood body.\n");
    let dir = env.dir.path().join("in");
    // Nobody writes to these: reading one would block forever.
    mkfifo(&dir.join("pipe.jsonl"));
    // Whatever its name: a FIFO is not a file left out for its
    // extension, as `notes.xyz` is.
    mkfifo(&dir.join("pipe.xyz"));
    env.write("in/notes.xyz", "not an article");
    let named = env.dir.path().join("named.txt");
    mkfifo(&named);
    let run = env
        .run(&["index", dir.to_str().unwrap(), named.to_str().unwrap()])
        .expect_code(0);
    let err = &run.stderr;
    for fifo in ["pipe.jsonl", "pipe.xyz", "named.txt"] {
        assert!(
            err.contains(&format!(
                "{fifo}: not a regular file (FIFO), skipped"
            )),
            "{err}"
        );
    }
    assert!(!err.contains("notes.xyz"), "{err}");
    assert!(err.contains("indexed 1 articles"), "{err}");
    assert!(err.contains("3 errors"), "{err}");
}

/// A device in a folder, whatever its name, is reported and never read
/// (`/dev/zero` would never end). Making one needs root: skipped
/// without.
#[cfg(unix)]
#[test]
fn devices_in_a_folder_are_reported_never_read() {
    let env = TestEnv::new();
    env.write("in/good.txt", "Good title\n\nGood body.\n");
    let dir = env.dir.path().join("in");
    for name in ["zero.jsonl", "zero.bin"] {
        let made = std::process::Command::new("mknod")
            .arg(dir.join(name))
            .args(["c", "1", "5"])
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !made {
            eprintln!("skipped: mknod needs root");
            return;
        }
    }
    let run = env.run(&["index", dir.to_str().unwrap()]).expect_code(0);
    let err = &run.stderr;
    for name in ["zero.jsonl", "zero.bin"] {
        let said = format!("{name}: not a regular file (device), skipped");
        assert!(err.contains(&said), "{err}");
    }
    assert!(err.contains("indexed 1 articles"), "{err}");
}

#[test]
fn a_page_without_text_and_an_empty_archive_are_reported() {
    let env = TestEnv::new();
    env.write("in/lt.html", "<");
    env.write("in/empty.warc", "");
    env.write("in/good.html", "<title>Good page</title><p>Some text.</p>");
    let run = index(&env, &[&env.dir.path().join("in")]);
    let err = &run.stderr;
    assert!(err.contains("lt.html:1: page has no title and no text"), "{err}");
    assert!(err.contains("empty.warc: empty file, skipped"), "{err}");
    assert!(err.contains("indexed 1 articles"), "{err}");
    assert!(err.contains("2 errors"), "{err}");
    assert_eq!(count(&env), 1);
}

#[test]
fn an_open_csv_quote_is_reported_where_it_opens_and_loses_no_good_row() {
    let env = TestEnv::new();
    let f = env.write(
        "t.csv",
        "title,body\nAlpha,\"never closed\nBravo,kept\nCharlie,\"also kept\"\nDelta,kept too\n",
    );
    let run = index(&env, &[&f]);
    let err = &run.stderr;
    assert!(
        err.contains("t.csv:2: quote opened here is never closed"),
        "{err}"
    );
    assert!(!err.contains("fields"), "{err}");
    assert!(err.contains("indexed 3 articles"), "{err}");
    assert!(err.contains("1 errors"), "{err}");
}

#[test]
fn ids_and_urls_too_long_for_one_term_still_replace_their_record() {
    let env = TestEnv::new();
    let id = "i".repeat(70_000);
    let url = format!("https://example.com/{}", "u".repeat(70_000));
    let mut lines = String::new();
    for (key, value) in [("id", &id), ("url", &url)] {
        for title in ["First version", "Second version"] {
            let rec = serde_json::json!({key: value, "title": title,
                                         "body": "Text."});
            lines.push_str(&format!("{rec}\n"));
        }
    }
    let f = env.write("long.jsonl", lines);
    index(&env, &[&f]);
    assert_eq!(count(&env), 2, "each record replaced its first version");
    let run = env.run(&["search", "second", "--json"]).expect_code(0);
    assert!(run.stdout.contains(&id[..1024]), "the id keeps its head");
    // The same file read again replaces its records.
    let again = env.write("again.jsonl", std::fs::read(&f).unwrap());
    index(&env, &[&again]);
    assert_eq!(count(&env), 2);
}

/// Found by the `txt` fuzz target: a text file whose `Id:` header was
/// empty got the id "", so that every such file replaced the one
/// before. Each keeps its path as id.
#[test]
fn text_files_with_an_empty_id_header_are_all_kept() {
    let env = TestEnv::new();
    env.write("in/a.txt", "Id:\nDate: 2025\n\nFirst\n\nOne story.\n");
    env.write("in/b.txt", "Id:   \n\nSecond\n\nAnother story.\n");
    index(&env, &[&env.dir.path().join("in")]);
    assert_eq!(count(&env), 2);
}
