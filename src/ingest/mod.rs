//! Reading articles from files: the walk, the formats, and [`Article`].
//!
//! `ingest` turns paths into [`Article`]s and reports what it could not
//! read as [`Error`]s that name the file (and line). It never stops at a
//! bad record: the caller gets every good article of a file together
//! with the errors of the bad ones. It does not extract entities or touch
//! the index.

mod fields;
mod json;
mod txt;

use std::path::{Path, PathBuf};

use serde::Serialize;

/// One news article as read from an archive, before extraction.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Article {
    /// Stable id: the archive's id, else its URL, else a hash of the
    /// title and body, else (for text files) the path.
    pub id: String,
    /// Headline.
    pub title: String,
    /// Article text.
    pub body: String,
    /// Publication date exactly as the archive wrote it.
    pub published: Option<String>,
    /// Publisher.
    pub source: Option<String>,
    /// Canonical URL.
    pub url: Option<String>,
    /// Byline names.
    pub authors: Vec<String>,
    /// Language code.
    pub language: Option<String>,
    /// Editorial tags supplied by the archive.
    pub tags: Tags,
    /// Where the article was read from: `path` or `path:line`.
    pub origin: String,
}

/// Editorial tags that an archive supplies with an article.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Tags {
    /// People tagged by the archive.
    pub people: Vec<String>,
    /// Places tagged by the archive.
    pub places: Vec<String>,
    /// Organisations tagged by the archive.
    pub orgs: Vec<String>,
    /// Topics or categories.
    pub topics: Vec<String>,
}

/// A file or record that could not be read. The message names the file
/// and, where there is one, the line.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The file could not be opened or read.
    #[error("{path}: cannot read: {source}")]
    Io {
        /// The file.
        path: String,
        /// What the OS said.
        source: std::io::Error,
    },
    /// The file holds bytes that are not text.
    #[error("{path}: binary file, skipped")]
    Binary {
        /// The file.
        path: String,
    },
    /// The file is empty.
    #[error("{path}: empty file, skipped")]
    Empty {
        /// The file.
        path: String,
    },
    /// A record (or the file) is not valid for its format.
    #[error("{path}:{line}: {message}")]
    Record {
        /// The file.
        path: String,
        /// 1-based line where the record starts.
        line: usize,
        /// What is wrong with it.
        message: String,
    },
    /// The path given does not exist.
    #[error("{path}: no such file or directory")]
    Missing {
        /// The path.
        path: String,
    },
}

/// The formats newsdex reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// One JSON object or an array of them.
    Json,
    /// One JSON object per line.
    JsonLines,
    /// Plain text: optional header block, title line, body.
    Text,
}

impl Format {
    /// The format of a path by its extension, `None` when newsdex does
    /// not read such files.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "json" => Format::Json,
            "jsonl" | "ndjson" => Format::JsonLines,
            "txt" | "text" => Format::Text,
            _ => return None,
        })
    }
}

/// What reading one file produced: its good articles and its bad records.
#[derive(Debug, Default)]
pub struct FileBatch {
    /// Articles read.
    pub articles: Vec<Article>,
    /// Records (or the whole file) that could not be read.
    pub errors: Vec<Error>,
}

/// The files to read under `roots`, in a deterministic order.
///
/// A root that is a file is taken whatever its extension (the format is
/// then guessed from content); under a directory only files with a known
/// extension are taken. Missing roots come back as [`Error::Missing`].
/// Each file comes with the root it was found under, which text files use
/// to derive their id.
pub fn walk(roots: &[PathBuf]) -> Vec<Result<(PathBuf, PathBuf), Error>> {
    let mut out = Vec::new();
    for root in roots {
        if !root.exists() {
            out.push(Err(Error::Missing { path: root.display().to_string() }));
            continue;
        }
        if root.is_file() {
            let base =
                root.parent().map(Path::to_path_buf).unwrap_or_default();
            out.push(Ok((root.clone(), base)));
            continue;
        }
        let walker =
            walkdir::WalkDir::new(root).follow_links(true).sort_by_file_name();
        for entry in walker {
            match entry {
                Ok(e) if e.file_type().is_file() => {
                    if Format::from_path(e.path()).is_some() {
                        out.push(Ok((e.into_path(), root.clone())));
                    }
                }
                Ok(_) => {}
                Err(err) => {
                    let path = err
                        .path()
                        .map(|p| p.display().to_string())
                        .unwrap_or_else(|| root.display().to_string());
                    out.push(Err(Error::Io {
                        path,
                        source: err.into_io_error().unwrap_or_else(|| {
                            std::io::Error::other("filesystem loop")
                        }),
                    }));
                }
            }
        }
    }
    out
}

/// Reads one file into articles.
///
/// `root` is the directory the walk started from: text files without an
/// id get `relative/path/without/extension` as their id.
pub fn read_file(path: &Path, root: &Path) -> FileBatch {
    let shown = path.display().to_string();
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(source) => {
            return FileBatch::error(Error::Io { path: shown, source });
        }
    };
    let rel = path.strip_prefix(root).unwrap_or(path);
    let format = Format::from_path(path).unwrap_or_else(|| sniff(&bytes));
    parse_bytes(&bytes, format, &shown, rel)
}

/// Parses the bytes of one file of the given format.
///
/// `shown` is the name used in messages and origins; `rel` the path used
/// to derive ids of text articles.
pub fn parse_bytes(
    bytes: &[u8],
    format: Format,
    shown: &str,
    rel: &Path,
) -> FileBatch {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return FileBatch::error(Error::Empty { path: shown.to_string() });
    }
    if looks_binary(bytes) {
        return FileBatch::error(Error::Binary { path: shown.to_string() });
    }
    match format {
        Format::JsonLines => json::read_lines(bytes, shown),
        Format::Json => match std::str::from_utf8(bytes) {
            Ok(text) => json::read_document(text, shown),
            Err(e) => FileBatch::error(utf8_error(bytes, e, shown)),
        },
        Format::Text => match std::str::from_utf8(bytes) {
            Ok(text) => txt::read(text, shown, rel),
            Err(e) => FileBatch::error(utf8_error(bytes, e, shown)),
        },
    }
}

impl FileBatch {
    fn error(err: Error) -> FileBatch {
        FileBatch { articles: Vec::new(), errors: vec![err] }
    }
}

/// A file with NUL bytes in its first 8 KiB is not text.
fn looks_binary(bytes: &[u8]) -> bool {
    bytes.iter().take(8192).any(|&b| b == 0)
}

/// Guesses the format of a file whose extension says nothing.
fn sniff(bytes: &[u8]) -> Format {
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace());
    match start.map(|i| bytes[i]) {
        Some(b'[') => Format::Json,
        Some(b'{') => {
            // One object per line, or one object spread over lines?
            let first_line =
                bytes.split(|&b| b == b'\n').next().unwrap_or(&[]);
            let line = String::from_utf8_lossy(first_line);
            if serde_json::from_str::<serde_json::Value>(line.trim()).is_ok() {
                Format::JsonLines
            } else {
                Format::Json
            }
        }
        _ => Format::Text,
    }
}

fn utf8_error(bytes: &[u8], e: std::str::Utf8Error, shown: &str) -> Error {
    let line = line_of(bytes, e.valid_up_to());
    Error::Record {
        path: shown.to_string(),
        line,
        message: format!(
            "invalid UTF-8 at byte {}, file skipped",
            e.valid_up_to()
        ),
    }
}

/// 1-based line number of a byte offset.
fn line_of(bytes: &[u8], offset: usize) -> usize {
    bytes[..offset.min(bytes.len())].iter().filter(|&&b| b == b'\n').count()
        + 1
}

/// A stable 64-bit FNV-1a hash, as 16 hex digits: ids for articles that
/// have neither id nor URL. Stable across runs and platforms, unlike
/// `std`'s hasher.
pub fn stable_hash(parts: &[&str]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for &b in part.as_bytes().iter().chain(&[0xff]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_extension() {
        let f = |p: &str| Format::from_path(Path::new(p));
        assert_eq!(f("a.json"), Some(Format::Json));
        assert_eq!(f("a.JSONL"), Some(Format::JsonLines));
        assert_eq!(f("a.ndjson"), Some(Format::JsonLines));
        assert_eq!(f("a.txt"), Some(Format::Text));
        assert_eq!(f("a.md"), None);
        assert_eq!(f("README"), None);
    }

    #[test]
    fn sniffing() {
        assert_eq!(sniff(b"[{}]"), Format::Json);
        assert_eq!(sniff(b"{\"a\":1}\n{\"a\":2}\n"), Format::JsonLines);
        assert_eq!(sniff(b"{\n \"a\": 1\n}"), Format::Json);
        assert_eq!(sniff(b"Title\n\nBody"), Format::Text);
    }

    #[test]
    fn empty_and_binary_files_are_errors() {
        let b = parse_bytes(b"  \n", Format::Text, "e.txt", Path::new("e"));
        assert!(matches!(b.errors[..], [Error::Empty { .. }]));
        let b = parse_bytes(b"ab\0cd", Format::Text, "b.txt", Path::new("b"));
        assert!(matches!(b.errors[..], [Error::Binary { .. }]));
    }

    #[test]
    fn invalid_utf8_names_the_line() {
        let b = parse_bytes(
            b"Title\nline two \xff\n",
            Format::Text,
            "u.txt",
            Path::new("u"),
        );
        let msg = b.errors[0].to_string();
        assert!(msg.starts_with("u.txt:2: invalid UTF-8"), "{msg}");
    }

    #[test]
    fn hash_is_stable() {
        assert_eq!(stable_hash(&["a", "b"]), stable_hash(&["a", "b"]));
        assert_ne!(stable_hash(&["ab", ""]), stable_hash(&["a", "b"]));
        assert_eq!(stable_hash(&[]), "cbf29ce484222325");
    }
}
