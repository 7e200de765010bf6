//! Property tests: whatever text, bytes or query comes in, extraction,
//! the readers of every format and the query compiler return, never
//! panic. The strategies mix arbitrary Unicode with the shapes the
//! rules look for (datelines, credit lines, "and" inside names,
//! headlines in capitals, tickers), where byte offsets are cut.

use std::path::Path;

use newsdex::extract::{analyze, EntityKind, Input};
use newsdex::ingest::{parse_bytes, Format};
use newsdex::query::{Known, Lookup};
use proptest::prelude::*;

/// Text shaped like wire copy, with arbitrary characters between.
fn wire_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("CHICAGO (Reuters) - ".to_string()),
        Just("SAN FRANCISCO/NEW YORK, March 3 -- ".to_string()),
        Just("(Reporting by Ann Lee; Editing by Bo Li)".to_string()),
        Just("Standard and Poor's Corp ".to_string()),
        Just("the Finance Ministry ".to_string()),
        Just("( XOM.N ) ".to_string()),
        Just("<USX> ".to_string()),
        Just("Rep. Dan Glickman, D-Kan., said ".to_string()),
        Just("the film Kestrel Bay ".to_string()),
        Just("Volcker says ".to_string()),
        Just("\n\n".to_string()),
        "[A-Z][a-z]{0,8} ",
        "[A-Z]{1,8}[ ,./()-]{0,2}",
        "\\PC{0,12}",
        any::<String>(),
    ];
    prop::collection::vec(piece, 0..24).prop_map(|v| v.concat())
}

/// The fuzz targets' checks (`fuzz/src/lib.rs`), to replay their inputs
/// here without a nightly toolchain.
#[path = "../fuzz/src/lib.rs"]
mod fuzz_checks;

/// Every committed input of every fuzz target (`fuzz/seeds/TARGET/`:
/// the seeds, and every input that once crashed a target, kept there
/// with its fix) passes the target's checks.
#[test]
fn the_fuzz_inputs_replay() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds");
    let mut replayed = 0;
    for target in std::fs::read_dir(&seeds).unwrap() {
        let target = target.unwrap().path();
        let name = target.file_name().unwrap().to_str().unwrap().to_owned();
        let format = Format::from_name(&name);
        assert!(format.is_some() || name == "query", "target {name}?");
        for input in std::fs::read_dir(&target).unwrap() {
            let bytes = std::fs::read(input.unwrap().path()).unwrap();
            match format {
                Some(format) => fuzz_checks::read_all(format, &bytes),
                None => fuzz_checks::compile_query(&bytes),
            }
            replayed += 1;
        }
    }
    assert!(replayed >= 8, "{replayed} inputs");
}

struct NoNames;

impl Lookup for NoNames {
    fn find(&self, _: &str, _: &[EntityKind]) -> Vec<Known> {
        Vec::new()
    }
    fn find_source(&self, _: &str) -> Option<Known> {
        None
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn extraction_never_panics(
        title in wire_text(),
        body in wire_text(),
        dateline in proptest::option::of(wire_text()),
    ) {
        let x = analyze(&Input {
            title: &title,
            body: &body,
            published: Some("1987-03-03"),
            dateline: dateline.as_deref(),
            path: "p.jsonl:1",
        });
        for e in &x.entities {
            prop_assert!(!e.name.is_empty());
        }
    }

    #[test]
    fn every_reader_takes_any_bytes(
        bytes in prop::collection::vec(any::<u8>(), 0..512),
        text in wire_text(),
    ) {
        for format in [
            Format::Json,
            Format::JsonLines,
            Format::Text,
            Format::Html,
            Format::Csv,
            Format::Tsv,
            Format::Warc,
        ] {
            parse_bytes(&bytes, format, "f", Path::new("f"));
            parse_bytes(text.as_bytes(), format, "f", Path::new("f"));
        }
    }

    #[test]
    fn the_query_compiler_takes_any_text(query in wire_text()) {
        let _ = newsdex::query::parse::compile(&query, &NoNames);
    }
}
