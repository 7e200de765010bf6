//! Test helpers: run the binary, build indexes in temporary folders.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A temporary folder with an index location inside it.
pub struct TestEnv {
    pub dir: tempfile::TempDir,
}

/// What a run of the binary printed and returned.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn from(out: Output) -> Run {
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// Panics with both streams unless the exit code is `code`.
    #[track_caller]
    pub fn expect_code(self, code: i32) -> Run {
        assert_eq!(
            self.code, code,
            "exit code\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout, self.stderr
        );
        self
    }
}

impl TestEnv {
    pub fn new() -> TestEnv {
        TestEnv { dir: tempfile::tempdir().expect("temp dir") }
    }

    pub fn index_dir(&self) -> PathBuf {
        self.dir.path().join("index")
    }

    /// Writes a file under the temp folder and returns its path.
    pub fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.dir.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, bytes).unwrap();
        path
    }

    /// Runs `newsdex --index <this env's index> ARGS`.
    pub fn run(&self, args: &[&str]) -> Run {
        run_with_index(&self.index_dir(), args)
    }

    /// Indexes paths and expects success.
    #[track_caller]
    pub fn index(&self, paths: &[&Path]) -> Run {
        let mut args = vec!["index".to_string()];
        args.extend(paths.iter().map(|p| p.display().to_string()));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        self.run(&args).expect_code(0)
    }
}

/// Runs the binary with an explicit index directory.
pub fn run_with_index(index: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_newsdex"))
        .arg("--index")
        .arg(index)
        .args(args)
        .current_dir(repo())
        .env_remove("NEWSDEX_INDEX")
        .env_remove("NEWSDEX_ALIASES")
        .env("NO_COLOR", "1")
        .output()
        .expect("run newsdex");
    Run::from(out)
}

/// An index of `sample_corpus/`, built once per test run.
pub fn sample() -> &'static Path {
    static SAMPLE: OnceLock<(TestEnv, PathBuf)> = OnceLock::new();
    let (_, dir) = SAMPLE.get_or_init(|| {
        let env = TestEnv::new();
        env.index(&[&repo().join("sample_corpus")]);
        let dir = env.index_dir();
        (env, dir)
    });
    dir
}

/// An index of the first `REUTERS_RECORDS` records of
/// `../shared/corpora/reuters21578/reuters21578.jsonl`, built once per
/// test run; `None` when that corpus is not there (tests of the project
/// must not require it, so theirs skip).
pub fn reuters() -> Option<&'static Path> {
    static REUTERS: OnceLock<Option<(TestEnv, PathBuf)>> = OnceLock::new();
    let built = REUTERS.get_or_init(|| {
        let source =
            repo().join("../shared/corpora/reuters21578/reuters21578.jsonl");
        let text = std::fs::read_to_string(source).ok()?;
        let env = TestEnv::new();
        let head: String = text
            .lines()
            .take(REUTERS_RECORDS)
            .flat_map(|l| [l, "\n"])
            .collect();
        let file = env.write("reuters.jsonl", head);
        env.index(&[&file]);
        let dir = env.index_dir();
        Some((env, dir))
    });
    match built {
        Some((_, dir)) => Some(dir),
        None => {
            eprintln!("../shared/corpora/reuters21578 not found: skipped");
            None
        }
    }
}

/// Records of Reuters-21578 the [`reuters`] index holds.
pub const REUTERS_RECORDS: usize = 1500;

/// Searches the sample index.
pub fn search(args: &[&str]) -> Run {
    let mut all = vec!["search"];
    all.extend_from_slice(args);
    run_with_index(sample(), &all)
}

/// The ground truth of the sample corpus.
pub fn truth() -> serde_json::Value {
    let text = std::fs::read_to_string(
        repo().join("tests/fixtures/sample_truth.json"),
    )
    .unwrap();
    serde_json::from_str(&text).unwrap()
}

/// A list of ids from the ground truth, sorted.
pub fn truth_ids(key: &str) -> Vec<String> {
    let mut ids: Vec<String> = truth()[key]
        .as_array()
        .unwrap_or_else(|| panic!("no {key} in truth"))
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    ids.sort();
    ids
}

/// The ids of a `--json` search's hits, in the order given.
pub fn hits_in_order(json: &str) -> Vec<String> {
    let v: serde_json::Value =
        serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}: {json}"));
    v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap().to_string())
        .collect()
}

/// The ids of a `--json` search, sorted.
pub fn ids_of(json: &str) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_str(json).expect("json");
    let mut ids: Vec<String> = v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap().to_string())
        .collect();
    ids.sort();
    ids
}
