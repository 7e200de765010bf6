//! JSON documents (one object or an array) and JSON Lines.

use super::fields::from_json;
use super::{line_of, Article, Error, FileBatch};

/// Reads JSON Lines: one object per line. A bad line (invalid JSON,
/// invalid UTF-8, not an article) is reported with its line number and
/// skipped; the other lines are kept.
pub fn read_lines(bytes: &[u8], shown: &str) -> FileBatch {
    let mut batch = FileBatch::default();
    for (i, raw) in bytes.split(|&b| b == b'\n').enumerate() {
        match read_line(raw, i + 1, shown) {
            Some(Ok(a)) => batch.articles.push(a),
            Some(Err(e)) => batch.errors.push(e),
            None => {}
        }
    }
    batch
}

/// Reads line `line_no` of a JSON Lines file: `None` when it is blank.
pub fn read_line(
    raw: &[u8],
    line_no: usize,
    shown: &str,
) -> Option<Result<Article, Error>> {
    let bad = |message: String| Error::Record {
        path: shown.to_string(),
        line: line_no,
        message,
    };
    if raw.contains(&0) {
        return Some(Err(bad("NUL byte in the record, line skipped".into())));
    }
    let line = match std::str::from_utf8(raw) {
        Ok(l) => l.trim(),
        Err(e) => {
            return Some(Err(bad(format!(
                "invalid UTF-8 at column {}, line skipped",
                e.valid_up_to() + 1
            ))));
        }
    };
    if line.is_empty() {
        return None;
    }
    let value = match serde_json::from_str(line) {
        Ok(v) => v,
        Err(e) => return Some(Err(bad(format!("invalid JSON: {e}")))),
    };
    Some(
        from_json(&value, format!("{shown}:{line_no}"))
            .map_err(|e| bad(e.to_string())),
    )
}

/// Reads a JSON document: one article object, or an array of them. An
/// array element that is not an article is reported and skipped.
pub fn read_document(text: &str, shown: &str) -> FileBatch {
    let mut batch = FileBatch::default();
    let value: serde_json::Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            batch.errors.push(Error::Record {
                path: shown.to_string(),
                line: e.line(),
                message: format!("invalid JSON: {e}"),
            });
            return batch;
        }
    };
    let items = match value {
        serde_json::Value::Array(items) => items,
        other => vec![other],
    };
    let many = items.len() > 1;
    for (i, item) in items.iter().enumerate() {
        let origin = if many {
            format!("{shown}#{}", i + 1)
        } else {
            shown.to_string()
        };
        match from_json(item, origin) {
            Ok(a) => batch.articles.push(a),
            Err(e) => batch.errors.push(Error::Record {
                path: shown.to_string(),
                line: line_of(text.as_bytes(), 0),
                message: format!("element {}: {e}", i + 1),
            }),
        }
    }
    batch
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_lines_are_reported_and_skipped() {
        let input =
            b"{\"title\":\"a\"}\n{oops\n\n{\"title\":\"b\"}\n\xff\xfe\n";
        let b = read_lines(input, "x.jsonl");
        let titles: Vec<_> = b.articles.iter().map(|a| &a.title).collect();
        assert_eq!(titles, ["a", "b"]);
        let msgs: Vec<_> = b.errors.iter().map(|e| e.to_string()).collect();
        assert_eq!(msgs.len(), 2);
        assert!(msgs[0].starts_with("x.jsonl:2: invalid JSON"), "{msgs:?}");
        assert!(msgs[1].starts_with("x.jsonl:5: invalid UTF-8"), "{msgs:?}");
        assert_eq!(b.articles[1].origin, "x.jsonl:4");
    }

    #[test]
    fn arrays_and_single_objects() {
        let b = read_document(r#"[{"title":"a"},{"title":"b"},3]"#, "x.json");
        assert_eq!(b.articles.len(), 2);
        assert_eq!(b.errors.len(), 1);
        let b = read_document(r#"{"title":"a"}"#, "y.json");
        assert_eq!(b.articles[0].origin, "y.json");
    }

    #[test]
    fn broken_document_names_its_line() {
        let b = read_document("{\n\"title\": \"a\",\n}", "z.json");
        assert_eq!(b.errors[0].to_string().split(':').nth(1), Some("3"));
    }
}
