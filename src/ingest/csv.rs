//! CSV and TSV tables: one article per row.
//!
//! The header row names the columns with the field names of JSON (see
//! `fields`), in any case: `title`, `Body`, `publishedAt`, `source`, …
//! Each row becomes a JSON object of strings and goes through
//! `fields::from_json`, so one mapping table serves every format. List
//! fields (`authors`, `people`, `topics`, …) are split on commas,
//! semicolons and " and ", as in JSON strings. Columns with unknown
//! names are ignored.
//!
//! A bad row (wrong number of fields, invalid UTF-8, no text) is one
//! error ([`RowProblem`]) naming the file and the line the row starts on; the other rows
//! are kept. Fields may be quoted with `"` in both CSV and TSV (as
//! spreadsheet and pandas exports do); a TSV field that starts with a
//! quote is therefore read as a quoted field.

use ::csv::{ByteRecord, ReaderBuilder};
use serde_json::{Map, Value};

use super::fields::{canonical_key, from_json, RecordError};
use super::{Error, FileBatch};

/// What is wrong with a row of a table, or with its header row.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RowProblem {
    /// The header row could not be read.
    #[error("bad header row: {0}")]
    Header(::csv::Error),
    /// The header row is not UTF-8.
    #[error("invalid UTF-8 in the header row, file skipped")]
    HeaderUtf8,
    /// No column of the header row has a known name.
    #[error(
        "the header row names no known column (such as title, body, \
         date), file skipped"
    )]
    NoKnownColumn,
    /// The row has another number of fields than the header.
    #[error("row has {len} fields, the header has {expected}, row skipped")]
    Width {
        /// Fields of the row.
        len: u64,
        /// Fields of the header row.
        expected: u64,
    },
    /// The row could not be read.
    #[error("{0}, row skipped")]
    Csv(::csv::Error),
    /// A quote opened on this line is not closed where a field ends: the
    /// row is skipped and reading goes on at the next line.
    #[error("quote opened here is never closed, row skipped")]
    OpenQuote,
    /// A cell of a known column is not UTF-8.
    #[error("invalid UTF-8 in column `{0}`, row skipped")]
    CellUtf8(String),
    /// The row is not an article.
    #[error("{0}, row skipped")]
    Record(RecordError),
}

/// Reads a table separated by `delimiter` (`b','` or `b'\t'`).
pub fn read(bytes: &[u8], shown: &str, delimiter: u8) -> FileBatch {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let mut batch = FileBatch::default();
    let bad = |line: u64, problem: RowProblem| Error::Row {
        path: shown.to_string(),
        line,
        problem,
    };
    let mut reader = ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(true)
        .flexible(false)
        .from_reader(bytes);
    let header = match reader.byte_headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            batch.errors.push(bad(1, RowProblem::Header(e)));
            return batch;
        }
    };
    let mut keys = Vec::with_capacity(header.len());
    for name in &header {
        let Ok(name) = std::str::from_utf8(name) else {
            batch.errors.push(bad(1, RowProblem::HeaderUtf8));
            return batch;
        };
        keys.push((canonical_key(name), name.trim().to_string()));
    }
    if keys.iter().all(|(k, _)| k.is_none()) {
        batch.errors.push(bad(1, RowProblem::NoKnownColumn));
        return batch;
    }
    let (start, line) = (reader.position().byte(), reader.position().line());
    read_rows(
        bytes,
        start as usize,
        line,
        &keys,
        shown,
        delimiter,
        &mut batch,
    );
    batch
}

/// Reads the rows of `bytes` from byte `start` on, which is line `line`.
///
/// A row that spans lines (a quoted field holding newlines) but whose
/// quotes do not pair up is a quote left open: it is reported at the
/// line where that quote opened, and reading starts again at the line
/// after it, so that the rows it would swallow are kept.
fn read_rows(
    bytes: &[u8],
    mut start: usize,
    mut line: u64,
    keys: &[(Option<&'static str>, String)],
    shown: &str,
    delimiter: u8,
    batch: &mut FileBatch,
) {
    let bad = |line: u64, problem: RowProblem| Error::Row {
        path: shown.to_string(),
        line,
        problem,
    };
    'restart: loop {
        let rest = &bytes[start..];
        let mut reader = ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(rest);
        let mut record = ByteRecord::new();
        loop {
            let at = reader.position().clone();
            let read = reader.read_byte_record(&mut record);
            let end = reader.position().byte() as usize;
            let row = &rest[at.byte() as usize..end.min(rest.len())];
            // Empty lines before the row are skipped by the reader.
            let lead = row.iter().take_while(|&&b| matches!(b, b'\r' | b'\n'));
            let lead = lead.count();
            let blank = row[..lead].iter().filter(|&&b| b == b'\n').count();
            let row_line = line + at.line() - 1 + blank as u64;
            let (row, row_start) = (&row[lead..], at.byte() as usize + lead);
            if let Some(open) = open_quote(row, delimiter) {
                let before = &row[..open];
                let nl = before.iter().filter(|&&b| b == b'\n').count();
                let quote_line = row_line + nl as u64;
                batch.errors.push(bad(quote_line, RowProblem::OpenQuote));
                let Some(eol) = row[open..].iter().position(|&b| b == b'\n')
                else {
                    return;
                };
                start += row_start + open + eol + 1;
                line = quote_line + 1;
                continue 'restart;
            }
            match read {
                Ok(false) => return,
                Ok(true) if record.len() != keys.len() => {
                    let problem = RowProblem::Width {
                        len: record.len() as u64,
                        expected: keys.len() as u64,
                    };
                    batch.errors.push(bad(row_line, problem));
                }
                Ok(true) => {
                    match row_article(keys, &record, shown, row_line) {
                        Ok(article) => batch.articles.push(article),
                        Err(problem) => {
                            batch.errors.push(bad(row_line, problem))
                        }
                    }
                }
                Err(e) => {
                    let line =
                        e.position().map_or(row_line, |p| line + p.line() - 1);
                    batch.errors.push(bad(line, RowProblem::Csv(e)));
                }
            }
        }
    }
}

/// Where a row that spans lines opens a quote that does not close
/// where a quoted field ends (before a delimiter, a line end or the
/// end); `None` for a row on one line, whatever its quotes, and for a
/// well-quoted row.
fn open_quote(row: &[u8], delimiter: u8) -> Option<usize> {
    let body = row.strip_suffix(b"\n").unwrap_or(row);
    let body = body.strip_suffix(b"\r").unwrap_or(body);
    if !body.contains(&b'\n') {
        return None;
    }
    let mut i = 0;
    loop {
        // At the start of a field.
        if body.get(i) != Some(&b'"') {
            match body[i..].iter().position(|&b| b == delimiter) {
                Some(d) => {
                    i += d + 1;
                    continue;
                }
                None => return None,
            }
        }
        let open = i;
        i += 1;
        loop {
            match body[i..].iter().position(|&b| b == b'"') {
                None => return Some(open),
                Some(q) => i += q + 1,
            }
            match body.get(i) {
                Some(b'"') => i += 1,
                None => return None,
                Some(&b) if b == delimiter => {
                    i += 1;
                    break;
                }
                Some(b'\r' | b'\n') => return None,
                Some(_) => return Some(open),
            }
        }
    }
}

/// One row as an article, or why not.
fn row_article(
    keys: &[(Option<&'static str>, String)],
    record: &ByteRecord,
    shown: &str,
    line: u64,
) -> Result<super::Article, RowProblem> {
    let mut map = Map::new();
    for ((key, name), cell) in keys.iter().zip(record) {
        let Some(key) = key else { continue };
        let Ok(cell) = std::str::from_utf8(cell) else {
            return Err(RowProblem::CellUtf8(name.clone()));
        };
        // A repeated column: the first non-empty cell wins.
        let taken = map.get(*key).is_some_and(|v| v != "");
        if !taken {
            map.insert(key.to_string(), Value::String(cell.to_string()));
        }
    }
    from_json(&Value::Object(map), format!("{shown}:{line}"))
        .map_err(RowProblem::Record)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads `input` and compares titles and error messages.
    #[track_caller]
    fn check(input: &[u8], delimiter: u8, titles: &[&str], errors: &[&str]) {
        let b = read(input, "t.csv", delimiter);
        let got: Vec<&str> = b.articles.iter().map(|a| &*a.title).collect();
        assert_eq!(got, titles);
        let msgs: Vec<String> =
            b.errors.iter().map(|e| e.to_string()).collect();
        assert_eq!(msgs, errors);
    }

    #[test]
    fn rows_map_through_the_json_names() {
        let input = "Id,Headline,Text,publishedAt,Author,places,extra\n\
                     7,Ferry back,\"The ferry, at last, sails.\",2025-01-02,\
                     \"Ann Lee; Bo Chen\",\"Oban, Mull\",x\n";
        let b = read(input.as_bytes(), "t.csv", b',');
        assert!(b.errors.is_empty(), "{:?}", b.errors);
        let a = &b.articles[0];
        assert_eq!(a.id, "7");
        assert_eq!(a.body, "The ferry, at last, sails.");
        assert_eq!(a.published.as_deref(), Some("2025-01-02"));
        assert_eq!(a.authors, ["Ann Lee", "Bo Chen"]);
        assert_eq!(a.tags.places, ["Oban", "Mull"]);
        assert_eq!(a.origin, "t.csv:2");
    }

    #[test]
    fn bad_rows_are_reported_with_their_line() {
        check(
            b"title,body\nA,one\nB,two,three\n\"C\",\"multi\nline\"\nD,bad \xff\n,\nE,five\n",
            b',',
            &["A", "C", "E"],
            &[
                "t.csv:3: row has 3 fields, the header has 2, row skipped",
                "t.csv:6: invalid UTF-8 in column `body`, row skipped",
                "t.csv:7: record has no title, no body and no id, row skipped",
            ],
        );
    }

    #[test]
    fn an_open_quote_is_reported_where_it_opens_and_costs_one_row() {
        check(
            b"title,body\nA,\"open\nB,good\nC,\"fine\"\n\n\"M\",\"two\nlines\"\nD,\"x\nE,end\n",
            b',',
            &["B", "C", "M", "E"],
            &[
                "t.csv:2: quote opened here is never closed, row skipped",
                "t.csv:8: quote opened here is never closed, row skipped",
            ],
        );
    }

    #[test]
    fn tabs_quotes_and_bom() {
        check(
            b"\xef\xbb\xbftitle\tbody\nTab one\tSays \"hi\" here\n\"Q\"\tx\n",
            b'\t',
            &["Tab one", "Q"],
            &[],
        );
    }

    #[test]
    fn a_header_without_known_names_is_one_error() {
        check(
            b"a,b\n1,2\n",
            b',',
            &[],
            &["t.csv:1: the header row names no known column (such as \
               title, body, date), file skipped"],
        );
    }
}
