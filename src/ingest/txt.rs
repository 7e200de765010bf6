//! Plain text articles.
//!
//! ```text
//! Date: 2025-10-25
//! Source: Harbour Wire
//!
//! Title on the first non-empty line
//!
//! The body, in paragraphs.
//! ```
//!
//! The header block is optional: it is the run of `Key: value` lines at
//! the top of the file whose keys newsdex knows (see `fields`), ended by
//! a blank line. Without it, the first non-empty line is the title.

use std::path::Path;

use super::fields::{header_field, split_names, HeaderField};
use super::{path_id, Article, Error, FileBatch};

/// Reads one text file as one article.
pub fn read(text: &str, shown: &str, rel: &Path) -> FileBatch {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut article = Article {
        id: path_id(rel),
        origin: shown.to_string(),
        ..Article::default()
    };
    let mut lines = text.lines().peekable();
    // Header block: only when the very first line is a known `Key: value`.
    let mut title = None;
    while let Some(line) = lines.peek() {
        let Some((key, value)) = line.split_once(':') else { break };
        let Some(field) = header_field(key) else { break };
        let value = value.trim().to_string();
        match field {
            HeaderField::Date => article.published = Some(value),
            HeaderField::Source => article.source = Some(value),
            HeaderField::Url => article.url = Some(value),
            HeaderField::Author => article.authors = split_names(&value),
            // An empty `Id:` keeps the path: articles that all had
            // the id "" would replace one another.
            HeaderField::Id if value.is_empty() => {}
            HeaderField::Id => article.id = value,
            HeaderField::Language => article.language = Some(value),
            HeaderField::Title => title = Some(value),
        }
        lines.next();
    }
    let rest: Vec<&str> = lines.collect();
    let mut rest = rest.as_slice();
    while let [first, tail @ ..] = rest {
        if !first.trim().is_empty() {
            break;
        }
        rest = tail;
    }
    if title.is_none() {
        if let [first, tail @ ..] = rest {
            title = Some(first.trim().to_string());
            rest = tail;
        }
    }
    article.title = title.unwrap_or_default();
    article.body = rest.join("\n").trim().to_string();
    if article.title.is_empty() && article.body.is_empty() {
        return FileBatch {
            articles: Vec::new(),
            errors: vec![Error::Record {
                path: shown.to_string(),
                line: 1,
                message: "no title and no text after the header".into(),
            }],
        };
    }
    FileBatch { articles: vec![article], errors: Vec::new() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(text: &str, expected: Article) {
        let b = read(text, "t.txt", Path::new("dir/t.txt"));
        assert!(b.errors.is_empty(), "{:?}", b.errors);
        assert_eq!(b.articles, vec![expected]);
    }

    #[test]
    fn header_title_body() {
        check(
            "Date: 2025-10-25\nSource: Wire\nAuthor: A B, C D\n\n\
             Title here\n\nPara one.\n\nPara two.\n",
            Article {
                id: "dir/t".into(),
                title: "Title here".into(),
                body: "Para one.\n\nPara two.".into(),
                published: Some("2025-10-25".into()),
                source: Some("Wire".into()),
                authors: vec!["A B".into(), "C D".into()],
                origin: "t.txt".into(),
                ..Article::default()
            },
        );
    }

    #[test]
    fn no_header() {
        check(
            "\n\nGENEVA talks: a title\nBody: with a colon.\n",
            Article {
                id: "dir/t".into(),
                title: "GENEVA talks: a title".into(),
                body: "Body: with a colon.".into(),
                origin: "t.txt".into(),
                ..Article::default()
            },
        );
    }

    #[test]
    fn an_empty_id_header_keeps_the_path_id() {
        check(
            "Id:\nDate: 2025\n\nTitle\n\nBody.\n",
            Article {
                id: "dir/t".into(),
                title: "Title".into(),
                body: "Body.".into(),
                published: Some("2025".into()),
                origin: "t.txt".into(),
                ..Article::default()
            },
        );
    }

    #[test]
    fn header_only_is_an_error() {
        let b = read("Date: 2025\n\n", "t.txt", Path::new("t.txt"));
        assert_eq!(b.errors.len(), 1);
    }
}
