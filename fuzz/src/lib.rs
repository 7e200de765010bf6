//! What the fuzz targets share: each feeds its bytes to newsdex as a
//! file would reach it, and checks what every input must give besides
//! not panicking.
//!
//! - [`read_all`]: the bytes as a whole file of one format
//!   (`ingest::parse_bytes`) and as a stream of it
//!   (`ingest::read_input`, which also takes gzip and UTF-16 and
//!   streams JSON Lines and WARC). Every article has an id the index
//!   can keep as one term, every message and origin names the file.
//! - [`compile_query`]: the bytes as a query, through what `search`
//!   does before it opens the index: the length check, the date
//!   phrases, the compiler over a small vocabulary (people,
//!   organisations, sources and the compiled-in place table), and the
//!   same text as a `--from` value.

use std::path::Path;
use std::sync::OnceLock;

use newsdex::index::schema::FacetField;
use newsdex::ingest::{self, Article, Format, Item};
use newsdex::query::{dates, parse, Vocabulary};

/// The name of the fuzzed file in messages and origins.
const SHOWN: &str = "fuzzed.in";

/// Reads `data` as a file of `format`, whole and streamed.
pub fn read_all(format: Format, data: &[u8]) {
    let rel = Path::new("dir/fuzzed");
    let batch = ingest::parse_bytes(data, format, SHOWN, rel);
    for a in &batch.articles {
        check_article(a);
    }
    for e in &batch.errors {
        check_error(e);
    }
    ingest::read_input(data, Some(format), SHOWN, rel, &mut |item| {
        match item {
            Item::Article(a) => {
                check_article(&a);
                // Streamed articles have their ids shortened.
                assert!(a.id.len() <= ingest::MAX_ID_BYTES, "id too long");
            }
            Item::Error(e) => check_error(&e),
        }
        true
    });
}

/// An article can be replaced by its id and says where it came from.
fn check_article(a: &Article) {
    assert!(!a.id.is_empty(), "article without id: {a:?}");
    assert!(a.origin.starts_with(SHOWN), "origin {:?}", a.origin);
}

/// A message names the file.
fn check_error(e: &ingest::Error) {
    let message = e.to_string();
    assert!(message.starts_with(SHOWN), "message {message:?}");
}

/// Compiles `data` (when it is UTF-8, as command-line text is) as a
/// query and as a date flag.
pub fn compile_query(data: &[u8]) {
    let Ok(raw) = std::str::from_utf8(data) else { return };
    let today = jiff::civil::date(2025, 10, 26);
    let _ = dates::parse_date_arg(raw, today);
    if parse::check_length(raw).is_err() {
        assert!(raw.len() > parse::MAX_QUERY_BYTES);
        return;
    }
    let found = dates::extract_dates(raw, today);
    assert!(found.text.len() <= raw.len(), "dates added text");
    let _ = parse::compile(&found.text, vocabulary());
}

/// A few values of each entity field, as an index would hold them.
fn vocabulary() -> &'static Vocabulary {
    static VOCAB: OnceLock<Vocabulary> = OnceLock::new();
    VOCAB.get_or_init(|| {
        let path = |p: &str| p.split('/').map(str::to_string).collect();
        let values = [
            (FacetField::Person, vec!["Ronald Reagan", "He Lifeng", "Anwar"]),
            (FacetField::Org, vec!["International Monetary Fund", "IMF"]),
            (FacetField::Source, vec!["Reuters", "The Star"]),
            (FacetField::Misc, vec!["Swiss"]),
            (
                FacetField::Place,
                vec!["Asia/Malaysia/Kuala Lumpur", "Europe/France/Paris"],
            ),
        ];
        Vocabulary::from_paths(
            values
                .into_iter()
                .map(|(f, v)| (f, v.into_iter().map(path).collect()))
                .collect(),
        )
    })
}
