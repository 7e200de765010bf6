//! Reading articles from files: the walk, the formats, and [`Article`].
//!
//! `ingest` turns paths into [`Article`]s and reports what it could not
//! read as [`Error`]s that name the file (and line or record). It never
//! stops at a bad record: the caller gets every good article of a file
//! together with the errors of the bad ones. It does not extract entities
//! or touch the index.
//!
//! Formats ([`Format`]): JSON, JSON Lines, plain text, HTML pages, CSV,
//! TSV and WARC web archives, each optionally gzip-compressed. The format
//! comes from a `--format` override, else the extension (after an
//! optional `.gz`), else the content. Gzip is recognised by its magic
//! bytes, whatever the name. The path `-` is standard input (JSON Lines
//! unless overridden).
//!
//! Memory: JSON Lines (files and standard input) are streamed line by
//! line and WARC files record by record, each article handed on as it is
//! read ([`read_file_with`]); every other format is read whole into
//! memory, decompressed, before parsing, so a file costs about its
//! uncompressed size.

mod csv;
mod fields;
mod html;
mod json;
mod txt;
mod warc;

pub use csv::RowProblem;
pub use fields::RecordError;
pub use warc::RecordProblem;

use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::hash::{fnv, fnv1a, FNV_OFFSET};

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
    /// The dateline, when the archive keeps it apart from the text
    /// ("LONDON, March 4").
    pub dateline: Option<String>,
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
    /// A FIFO, socket or device: never read, so that a walk cannot
    /// block on a pipe nobody writes to.
    #[error("{path}: not a regular file ({kind}), skipped")]
    NotRegular {
        /// The path.
        path: String,
        /// What it is: "FIFO", "socket", "device" or "special file".
        kind: &'static str,
    },
    /// The path given does not exist.
    #[error("{path}: no such file or directory")]
    Missing {
        /// The path.
        path: String,
    },
    /// A row of a CSV or TSV table (or its header row) is not valid.
    #[error("{path}:{line}: {problem}")]
    Row {
        /// The file.
        path: String,
        /// 1-based line where the row starts.
        line: u64,
        /// What is wrong with it.
        problem: RowProblem,
    },
    /// A record of an archive without lines (WARC) is not valid.
    #[error("{path}: record at byte {offset}: {problem}")]
    RecordAt {
        /// The file.
        path: String,
        /// Byte offset where the record starts, in the uncompressed
        /// stream.
        offset: u64,
        /// What is wrong with it.
        problem: RecordProblem,
    },
    /// Compressed data ends early or is corrupt. What was decoded before
    /// is kept where the format has records (JSON Lines, CSV, TSV).
    #[error(
        "{path}: compressed data truncated or corrupt after {decoded} \
         bytes: {source}"
    )]
    Truncated {
        /// The file.
        path: String,
        /// Bytes decoded before the damage.
        decoded: u64,
        /// What the decoder said.
        source: std::io::Error,
    },
}

/// The formats newsdex reads, by the names `--format` and file
/// extensions use (the first one of each is canonical; aliases follow).
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One JSON object or an array of them.
    Json,
    /// One JSON object per line.
    #[value(name = "jsonl", alias = "ndjson")]
    JsonLines,
    /// Plain text: optional header block, title line, body.
    #[value(name = "txt", alias = "text")]
    Text,
    /// An HTML page holding one article.
    #[value(aliases = ["htm", "xhtml"])]
    Html,
    /// Comma-separated values with a header row.
    Csv,
    /// Tab-separated values with a header row.
    #[value(alias = "tab")]
    Tsv,
    /// A WARC web archive: its HTML responses are articles.
    Warc,
}

impl Format {
    /// The format of a path by its extension, after an optional `.gz`
    /// (`a.jsonl.gz` is JSON Lines), `None` when newsdex does not read
    /// such files.
    pub fn from_path(path: &Path) -> Option<Format> {
        // A name that is not UTF-8 still has its extension.
        let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
        let inner = name.strip_suffix(".gz").unwrap_or(&name);
        let ext = Path::new(inner).extension()?.to_str()?;
        Format::from_name(ext)
    }

    /// The format a name (`--format`, an extension) stands for, in any
    /// case; `None` for any other name.
    pub fn from_name(name: &str) -> Option<Format> {
        <Format as clap::ValueEnum>::from_str(name, true).ok()
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
/// extension are taken (`.gz` after a known extension counts), whether
/// or not their names are UTF-8 (messages show such a name with U+FFFD
/// for its bad bytes). Missing roots come back as [`Error::Missing`];
/// a FIFO, socket or device named as a root, or found under a directory
/// whatever its name, as [`Error::NotRegular`], never opened. Each
/// file comes with the root it was found under, which text files use to
/// derive their id. The root `-` (standard input) is passed through as
/// is, with an empty root.
pub fn walk(roots: &[PathBuf]) -> Vec<Result<(PathBuf, PathBuf), Error>> {
    let mut out = Vec::new();
    for root in roots {
        if is_stdin(root) {
            out.push(Ok((root.clone(), PathBuf::new())));
            continue;
        }
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
        if !root.is_dir() {
            out.push(Err(not_regular(root)));
            continue;
        }
        let walker =
            walkdir::WalkDir::new(root).follow_links(true).sort_by_file_name();
        for entry in walker {
            match entry {
                Ok(e) if e.file_type().is_dir() => {}
                Ok(e) if e.file_type().is_file() => {
                    if Format::from_path(e.path()).is_some() {
                        out.push(Ok((e.into_path(), root.clone())));
                    }
                }
                // Whatever its name: a pipe or device is never a file
                // of another kind the user meant to leave out.
                Ok(e) => out.push(Err(not_regular(e.path()))),
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

/// The error for a path that is neither a file nor a directory, naming
/// what it is.
fn not_regular(path: &Path) -> Error {
    let kind = std::fs::metadata(path)
        .map(|m| special_kind(&m.file_type()))
        .unwrap_or("special file");
    Error::NotRegular { path: path.display().to_string(), kind }
}

/// What kind of special file this is.
#[cfg(unix)]
fn special_kind(t: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    use std::os::unix::fs::FileTypeExt;
    if t.is_fifo() {
        "FIFO"
    } else if t.is_socket() {
        "socket"
    } else if t.is_block_device() || t.is_char_device() {
        "device"
    } else {
        "special file"
    }
}

/// What kind of special file this is.
#[cfg(not(unix))]
fn special_kind(_: &std::fs::FileType) -> &'static str {
    "special file"
}

/// Reads one file into articles, its format from its name or content.
///
/// Same as [`read_file_as`] without an override.
pub fn read_file(path: &Path, root: &Path) -> FileBatch {
    read_file_as(path, root, None)
}

/// Reads one file into articles, as `format` when given (`--format`),
/// else by extension, else by content.
///
/// `root` is the directory the walk started from: text and HTML files
/// without an id get `relative/path/without/extension` as their id. The
/// path `-` reads standard input, as JSON Lines unless `format` says
/// otherwise; its articles' origins read `<stdin>:LINE`. Gzip input
/// (by magic bytes) is decompressed first.
pub fn read_file_as(
    path: &Path,
    root: &Path,
    format: Option<Format>,
) -> FileBatch {
    FileBatch::collect(|sink| read_file_with(path, root, format, sink))
}

/// One thing read from an input, in input order.
#[derive(Debug)]
pub enum Item {
    /// A good article.
    Article(Box<Article>),
    /// A bad record, or a file that could not be read (or only in part).
    Error(Error),
}

/// Like [`read_file_as`], but hands each article and error to `sink` as
/// soon as it is read, so that a large JSON Lines file is never whole in
/// memory. Reading stops when `sink` returns false.
pub fn read_file_with(
    path: &Path,
    root: &Path,
    format: Option<Format>,
    sink: &mut dyn FnMut(Item) -> bool,
) {
    if is_stdin(path) {
        let stdin = std::io::stdin().lock();
        return read_input(stdin, format, STDIN, Path::new("-"), sink);
    }
    let shown = path.display().to_string();
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(source) => {
            sink(Item::Error(Error::Io { path: shown, source }));
            return;
        }
    };
    let rel = path.strip_prefix(root).unwrap_or(path);
    let format = format.or_else(|| Format::from_path(path));
    read_stream(std::io::BufReader::new(file), format, &shown, rel, sink);
}

/// Reads an input that is not a named file (standard input, as JSON
/// Lines unless `format` says otherwise), named `shown` in messages.
pub fn read_input(
    input: impl BufRead,
    format: Option<Format>,
    shown: &str,
    rel: &Path,
    sink: &mut dyn FnMut(Item) -> bool,
) {
    let format = format.unwrap_or(Format::JsonLines);
    read_stream(input, Some(format), shown, rel, sink);
}

/// How standard input is named in messages and origins.
const STDIN: &str = "<stdin>";

/// Is this path `-`, standard input?
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Reads a whole input: gunzips it when it starts with the gzip magic,
/// streams JSON Lines and WARC, reads anything else into memory and
/// parses it.
fn read_stream(
    mut input: impl BufRead,
    format: Option<Format>,
    shown: &str,
    rel: &Path,
    sink: &mut dyn FnMut(Item) -> bool,
) {
    let sink = &mut |item: Item| {
        sink(match item {
            Item::Article(mut a) => {
                a.id = short_key(a.id);
                Item::Article(a)
            }
            error => error,
        })
    };
    let gzip = match input.fill_buf() {
        Ok(head) => head.starts_with(&[0x1f, 0x8b]),
        Err(source) => {
            let path = shown.to_string();
            sink(Item::Error(Error::Io { path, source }));
            return;
        }
    };
    if gzip {
        let inner = flate2::bufread::MultiGzDecoder::new(input);
        let inner = std::io::BufReader::new(inner);
        read_plain(inner, format, shown, rel, true, sink);
    } else {
        read_plain(input, format, shown, rel, false, sink);
    }
}

/// Reads uncompressed (or already decompressing) input.
fn read_plain(
    mut input: impl BufRead,
    format: Option<Format>,
    shown: &str,
    rel: &Path,
    compressed: bool,
    sink: &mut dyn FnMut(Item) -> bool,
) {
    let utf16 = input.fill_buf().is_ok_and(|h| {
        h.starts_with(b"\xff\xfe") || h.starts_with(b"\xfe\xff")
    });
    if utf16 {
        return read_utf16(input, format, shown, rel, sink);
    }
    let warc = match format {
        Some(f) => f == Format::Warc,
        None => input.fill_buf().is_ok_and(|h| h.starts_with(b"WARC/")),
    };
    if warc {
        return warc::read(input, shown, sink);
    }
    if format == Some(Format::JsonLines) {
        return stream_lines(input, shown, compressed, sink);
    }
    let mut bytes = Vec::new();
    let failure = read_until_error(&mut input, &mut bytes);
    let format = format.unwrap_or_else(|| sniff(&bytes));
    let Some(source) = failure else {
        return parse_bytes(&bytes, format, shown, rel).drain_into(sink);
    };
    let path = shown.to_string();
    if !compressed {
        sink(Item::Error(Error::Io { path, source }));
        return;
    }
    // Keep the complete records of record formats; a document cut short
    // is not an article.
    let mut batch = match format {
        Format::JsonLines | Format::Csv | Format::Tsv => {
            let end =
                bytes.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
            let whole = &bytes[..end];
            if whole.iter().all(u8::is_ascii_whitespace) {
                FileBatch::default()
            } else {
                parse_bytes(whole, format, shown, rel)
            }
        }
        _ => FileBatch::default(),
    };
    let decoded = bytes.len() as u64;
    batch.errors.push(Error::Truncated { path, decoded, source });
    batch.drain_into(sink);
}

/// Reads a UTF-16 file (little or big endian, by its byte order mark)
/// whole, as UTF-8. A sequence that is not UTF-16 is reported, with its
/// line, and replaced by U+FFFD.
fn read_utf16(
    mut input: impl BufRead,
    format: Option<Format>,
    shown: &str,
    rel: &Path,
    sink: &mut dyn FnMut(Item) -> bool,
) {
    let mut bytes = Vec::new();
    if let Some(source) = read_until_error(&mut input, &mut bytes) {
        sink(Item::Error(Error::Io { path: shown.to_string(), source }));
        return;
    }
    let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(&bytes) else {
        return;
    };
    let (text, malformed) =
        encoding.decode_without_bom_handling(&bytes[bom..]);
    if malformed {
        let at = text.find('\u{fffd}').unwrap_or(0);
        let line = line_of(text.as_bytes(), at);
        let message = format!("invalid {} replaced", encoding.name());
        let path = shown.to_string();
        sink(Item::Error(Error::Record { path, line, message }));
    }
    let text = text.as_bytes();
    let format = format.unwrap_or_else(|| sniff(text));
    if format == Format::JsonLines {
        return stream_lines(text, shown, false, sink);
    }
    parse_bytes(text, format, shown, rel).drain_into(sink);
}

/// Streams JSON Lines: each line is parsed and handed on as it is read,
/// so memory holds one line at a time. The same checks as for a whole
/// file: binary content (see [`binary_lines`]), an empty file, and
/// damaged compressed data (the complete lines before it are kept). A
/// UTF-8 byte order mark before the first line is dropped.
fn stream_lines(
    mut input: impl BufRead,
    shown: &str,
    compressed: bool,
    sink: &mut dyn FnMut(Item) -> bool,
) {
    let path = || shown.to_string();
    if input.fill_buf().is_ok_and(binary_lines) {
        sink(Item::Error(Error::Binary { path: path() }));
        return;
    }
    let mut line = Vec::new();
    let (mut line_no, mut decoded, mut any_text) = (0usize, 0u64, false);
    loop {
        line.clear();
        let read = input.read_until(b'\n', &mut line);
        let n = match read {
            Ok(0) => break,
            Ok(n) => n,
            Err(source) => {
                let err = if compressed {
                    decoded += line.len() as u64;
                    Error::Truncated { path: path(), decoded, source }
                } else {
                    Error::Io { path: path(), source }
                };
                sink(Item::Error(err));
                return;
            }
        };
        decoded += n as u64;
        line_no += 1;
        let text = match line_no {
            1 => line.strip_prefix(BOM).unwrap_or(&line),
            _ => &line,
        };
        any_text |= !text.iter().all(u8::is_ascii_whitespace);
        let item = match json::read_line(text, line_no, shown) {
            Some(Ok(a)) => Item::Article(Box::new(a)),
            Some(Err(e)) => Item::Error(e),
            None => continue,
        };
        if !sink(item) {
            return;
        }
    }
    if !any_text {
        sink(Item::Error(Error::Empty { path: path() }));
    }
}

/// Reads to the end, keeping whatever came before an error.
fn read_until_error(
    input: &mut impl Read,
    out: &mut Vec<u8>,
) -> Option<std::io::Error> {
    let mut chunk = [0u8; 64 * 1024];
    loop {
        match input.read(&mut chunk) {
            Ok(0) => return None,
            Ok(n) => out.extend_from_slice(&chunk[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Some(e),
        }
    }
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
    // A UTF-8 byte order mark is not text (HTML and WARC read their
    // own).
    let bytes = match format {
        Format::Html | Format::Warc => bytes,
        _ => bytes.strip_prefix(BOM).unwrap_or(bytes),
    };
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return FileBatch::error(Error::Empty { path: shown.to_string() });
    }
    // Archives hold binary records (images); the WARC reader skips them.
    // A NUL in JSON Lines costs only its line.
    let binary = match format {
        Format::Warc => false,
        Format::JsonLines => binary_lines(bytes),
        _ => looks_binary(bytes),
    };
    if binary {
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
        Format::Html => html::read(bytes, shown, rel),
        Format::Csv => csv::read(bytes, shown, b','),
        Format::Tsv => csv::read(bytes, shown, b'\t'),
        Format::Warc => {
            FileBatch::collect(|sink| warc::read(bytes, shown, sink))
        }
    }
}

impl FileBatch {
    fn error(err: Error) -> FileBatch {
        FileBatch { articles: Vec::new(), errors: vec![err] }
    }

    /// Everything a streaming reader hands to its sink, in order.
    fn collect(read: impl FnOnce(&mut dyn FnMut(Item) -> bool)) -> FileBatch {
        let mut batch = FileBatch::default();
        read(&mut |item| {
            batch.take(item);
            true
        });
        batch
    }

    /// Adds an item read.
    fn take(&mut self, item: Item) {
        match item {
            Item::Article(a) => self.articles.push(*a),
            Item::Error(e) => self.errors.push(e),
        }
    }

    /// Hands the errors, then the articles, to `sink` (the order in
    /// which a whole-file parse reports them).
    fn drain_into(self, sink: &mut dyn FnMut(Item) -> bool) {
        for e in self.errors {
            if !sink(Item::Error(e)) {
                return;
            }
        }
        for a in self.articles {
            if !sink(Item::Article(Box::new(a))) {
                return;
            }
        }
    }
}

/// A file with NUL bytes in its first 8 KiB is not text.
fn looks_binary(bytes: &[u8]) -> bool {
    bytes.iter().take(8192).any(|&b| b == 0)
}

/// JSON Lines are binary when their first 8 KiB hold a NUL byte and no
/// line without one that is JSON: a stray NUL in a record costs only
/// that record (which the JSON reader reports).
fn binary_lines(head: &[u8]) -> bool {
    let head = &head[..head.len().min(8192)];
    let head = head.strip_prefix(BOM).unwrap_or(head);
    looks_binary(head)
        && !head.split(|&b| b == b'\n').any(|line| {
            !line.contains(&0)
                && serde_json::from_slice::<serde_json::Value>(line).is_ok()
        })
}

/// The UTF-8 byte order mark.
const BOM: &[u8] = b"\xef\xbb\xbf";

/// Guesses the format of a file whose extension says nothing: WARC by
/// its version line, HTML by a doctype or `<html` tag near the start,
/// JSON by its first character, else text. CSV is never guessed.
fn sniff(bytes: &[u8]) -> Format {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    if bytes.starts_with(b"WARC/") {
        return Format::Warc;
    }
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace());
    if start.is_some_and(|i| bytes[i] == b'<') {
        let head = &bytes[..bytes.len().min(1024)];
        let head = String::from_utf8_lossy(head).to_ascii_lowercase();
        if head.contains("<!doctype html") || head.contains("<html") {
            return Format::Html;
        }
    }
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

/// The id of an article read from a file without one: its path relative
/// to the walk's root, without `.gz` and extension, with `/` separators.
fn path_id(rel: &Path) -> String {
    let rel = match rel.to_str().and_then(|s| s.strip_suffix(".gz")) {
        Some(inner) => Path::new(inner),
        None => rel,
    };
    rel.with_extension("").to_string_lossy().replace('\\', "/")
}

/// The longest id kept as it is, in bytes: the index keeps each id as
/// one term to replace an article by it, and tantivy drops terms longer
/// than 65,530 bytes (`MAX_TOKEN_LEN`), so a longer id could never be
/// replaced.
pub const MAX_ID_BYTES: usize = 65_530;

/// How much of a long id its replacement keeps, in bytes.
const LONG_ID_PREFIX: usize = 1024;

/// `id` itself when it is at most [`MAX_ID_BYTES`] long; else its first
/// KiB (cut at a character), `#`, and the [`stable_hash`] of the whole
/// id, so that a record read again still replaces itself.
pub fn short_key(id: String) -> String {
    if id.len() <= MAX_ID_BYTES {
        return id;
    }
    let mut cut = LONG_ID_PREFIX;
    while !id.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("{}#{}", &id[..cut], stable_hash(&[&id]))
}

/// A stable 64-bit FNV-1a hash, as 16 hex digits: ids for articles that
/// have neither id nor URL. Stable across runs and platforms, unlike
/// `std`'s hasher.
pub fn stable_hash(parts: &[&str]) -> String {
    let mut h = FNV_OFFSET;
    for part in parts {
        h = fnv1a(h, part.as_bytes());
        h = fnv(h, 0xff);
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
        assert_eq!(f("a.htm"), Some(Format::Html));
        assert_eq!(f("a.tsv"), Some(Format::Tsv));
        assert_eq!(f("crawl.warc.gz"), Some(Format::Warc));
        assert_eq!(f("x.JSONL.GZ"), Some(Format::JsonLines));
        assert_eq!(f("x.gz"), None);
        assert_eq!(f("x.md.gz"), None);
    }

    #[test]
    fn formats_by_name() {
        assert_eq!(Format::from_name("jsonl"), Some(Format::JsonLines));
        assert_eq!(Format::from_name("NDJSON"), Some(Format::JsonLines));
        assert_eq!(Format::from_name("text"), Some(Format::Text));
        assert_eq!(Format::from_name("Tab"), Some(Format::Tsv));
        assert_eq!(Format::from_name("pdf"), None);
    }

    #[test]
    fn ids_from_paths() {
        assert_eq!(path_id(Path::new("a/b.txt")), "a/b");
        assert_eq!(path_id(Path::new("a/b.html.gz")), "a/b");
    }

    /// Gzips `data`.
    fn gzip(data: &[u8]) -> Vec<u8> {
        use std::io::Write;
        let mut enc = flate2::write::GzEncoder::new(
            Vec::new(),
            flate2::Compression::default(),
        );
        enc.write_all(data).unwrap();
        enc.finish().unwrap()
    }

    /// Reads `bytes` as a file named `name`; returns titles and errors.
    fn read_named(name: &str, bytes: &[u8]) -> (Vec<String>, Vec<String>) {
        let path = Path::new(name);
        let format = Format::from_path(path);
        let b = FileBatch::collect(|sink| {
            read_stream(bytes, format, name, path, sink)
        });
        (
            b.articles.into_iter().map(|a| a.title).collect(),
            b.errors.iter().map(|e| e.to_string()).collect(),
        )
    }

    #[test]
    fn gzip_is_undone_whatever_the_name() {
        let lines = b"{\"title\":\"a\"}\n{\"title\":\"b\"}\n";
        let (titles, errors) = read_named("x.jsonl.gz", &gzip(lines));
        assert_eq!((titles, errors.len()), (vec!["a".into(), "b".into()], 0));
        let page = b"<!DOCTYPE html><title>Page</title><p>x</p>";
        let (titles, _) = read_named("noext", &gzip(page));
        assert_eq!(titles, ["Page"]);
    }

    #[test]
    fn truncated_gzip_keeps_complete_lines() {
        let mut lines = Vec::new();
        for i in 0..2000 {
            let row = format!("{{\"title\":\"t{i}\",\"body\":\"{i:x}\"}}\n");
            lines.extend(row.as_bytes());
        }
        let mut gz = gzip(&lines);
        gz.truncate(gz.len() / 2);
        let (titles, errors) = read_named("x.jsonl.gz", &gz);
        assert!(titles.len() > 100, "{}", titles.len());
        assert!(titles.iter().enumerate().all(|(i, t)| *t == format!("t{i}")));
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(
            errors[0].starts_with("x.jsonl.gz: compressed data truncated"),
            "{errors:?}"
        );
        // A document cut short is not an article.
        let mut gz = gzip(b"<html><title>T</title><p>long text</p></html>");
        gz.truncate(gz.len() - 12);
        let (titles, errors) = read_named("y.html.gz", &gz);
        assert!(titles.is_empty());
        assert_eq!(errors.len(), 1, "{errors:?}");
    }

    #[test]
    fn streamed_lines_report_bad_ones_and_keep_the_rest() {
        let input = b"{\"title\":\"a\"}\n\nnot json\n\xff\n{\"title\":\"b\"}";
        let (titles, errors) = read_named("x.jsonl", input);
        assert_eq!(titles, ["a", "b"]);
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(
            errors[0].starts_with("x.jsonl:3: invalid JSON"),
            "{errors:?}"
        );
        assert!(
            errors[1].starts_with("x.jsonl:4: invalid UTF-8"),
            "{errors:?}"
        );
        let (titles, errors) = read_named("e.jsonl", b" \n\n");
        assert!(titles.is_empty());
        assert_eq!(errors, ["e.jsonl: empty file, skipped"]);
        let (titles, errors) = read_named("b.jsonl", b"{\"title\":\"a\"}\0\n");
        assert!(titles.is_empty());
        assert_eq!(errors, ["b.jsonl: binary file, skipped"]);
    }

    #[test]
    fn sniffing() {
        assert_eq!(sniff(b"[{}]"), Format::Json);
        assert_eq!(sniff(b"{\"a\":1}\n{\"a\":2}\n"), Format::JsonLines);
        assert_eq!(sniff(b"{\n \"a\": 1\n}"), Format::Json);
        assert_eq!(sniff(b"Title\n\nBody"), Format::Text);
        assert_eq!(sniff(b"\n<!DOCTYPE html>\n<html>"), Format::Html);
        assert_eq!(sniff(b"<!-- c --><HTML lang=en>"), Format::Html);
        assert_eq!(sniff(b"WARC/1.0\r\n"), Format::Warc);
        assert_eq!(sniff(b"<b>not a page</b>"), Format::Text);
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
    fn long_ids_are_hashed() {
        assert_eq!(short_key("a".repeat(MAX_ID_BYTES)).len(), MAX_ID_BYTES);
        let long = "é".repeat(MAX_ID_BYTES);
        let key = short_key(long.clone());
        assert_eq!(key, short_key(long.clone()));
        assert_eq!(key.len(), LONG_ID_PREFIX + 1 + 16);
        assert!(key.starts_with("éé") && key.contains('#'));
        assert_ne!(key, short_key(long + "x"));
    }

    #[test]
    fn hash_is_stable() {
        assert_eq!(stable_hash(&["a", "b"]), stable_hash(&["a", "b"]));
        assert_ne!(stable_hash(&["ab", ""]), stable_hash(&["a", "b"]));
        assert_eq!(stable_hash(&[]), "cbf29ce484222325");
    }
}
