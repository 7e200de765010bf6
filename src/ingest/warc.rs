//! WARC web archives (ISO 28500, WARC/0.17 to WARC/1.1): the HTML pages
//! of an archive become articles.
//!
//! A record is a version line (`WARC/1.1`), header lines, a blank line,
//! `Content-Length` bytes of content, and a blank line or two. The reader
//! streams: one record is in memory at a time, and each article or error
//! goes to the caller's sink as soon as its record is read, in file
//! order, so an archive of any size can be read (`.warc.gz` files, where
//! each record is its own gzip member, come through `MultiGzDecoder`
//! upstream).
//!
//! Taken: `response` records whose HTTP status is 2xx and whose
//! `Content-Type` is `text/html` or `application/xhtml+xml` (the HTTP
//! headers are cut off; chunked transfer and gzip/deflate content
//! encodings are undone), and `resource` records of those types. Each
//! page goes through the HTML extractor with `WARC-Target-URI` as its
//! address, so that is the URL (and id) when the page names no canonical
//! URL. **`WARC-Date` (the crawl time) is the publication date only when
//! the page gives none**, as a last resort: it can be much later than the
//! real date.
//!
//! Skipped silently: `request`, `metadata`, `warcinfo`, `revisit` and
//! other records, non-HTML or non-2xx responses, and pages with no text.
//! A malformed record is one error ([`RecordProblem`]) naming the file
//! and the record's byte offset (in the uncompressed stream); the reader then skips to the next
//! version line. A truncated record ends the file with one error; the
//! records before it are kept. Records larger than 32 MiB are reported
//! and skipped.

use std::io::{BufRead, Read};

use memchr::memmem;

use super::html;
use super::{Error, Item};

/// The largest record content read into memory.
const MAX_RECORD: u64 = 32 << 20;

/// The longest header line read.
const MAX_LINE: u64 = 64 << 10;

/// What is wrong with a WARC record (or the HTTP response it holds).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RecordProblem {
    /// The stream failed or ended inside the record.
    #[error("truncated record: {0}")]
    Read(std::io::Error),
    /// The stream ended inside the headers.
    #[error("truncated record: headers end early")]
    HeadersEnd,
    /// The stream ended inside the content.
    #[error("truncated record: {got} of {length} content bytes")]
    Short {
        /// Content bytes read.
        got: u64,
        /// Content bytes announced.
        length: u64,
    },
    /// The record does not start with a version line.
    #[error(
        "not a WARC record (no WARC/1.x version line), skipped to the \
         next record"
    )]
    NoVersion,
    /// A header line without a colon.
    #[error("malformed header line {0:?}, skipped to the next record")]
    Header(String),
    /// No usable `Content-Length`.
    #[error("missing or invalid Content-Length, skipped to the next record")]
    Length,
    /// The content is larger than newsdex reads (32 MiB).
    #[error(
        "record of {length} bytes is larger than the {} MiB limit, skipped",
        MAX_RECORD >> 20
    )]
    TooLarge {
        /// Content bytes announced.
        length: u64,
    },
    /// The HTTP response has no end of headers.
    #[error("HTTP headers end early")]
    HttpHeadersEnd,
    /// The HTTP response does not start with a status line.
    #[error("bad HTTP status line {0:?}")]
    HttpStatus(String),
    /// The compressed page could not be decompressed.
    #[error("cannot decompress the page ({encoding}): {source}")]
    Decompress {
        /// The `Content-Encoding`.
        encoding: String,
        /// What the decoder said.
        source: std::io::Error,
    },
    /// A `Content-Encoding` newsdex cannot undo.
    #[error("unsupported Content-Encoding {0:?}, page skipped")]
    Encoding(String),
}

/// Reads a WARC stream, handing each article and each bad record to
/// `sink` as soon as its record is read, in file order. Reading stops
/// when `sink` returns false, or after a truncated record.
pub fn read(
    input: impl BufRead,
    shown: &str,
    sink: &mut dyn FnMut(Item) -> bool,
) {
    let mut reader = Reader { input, offset: 0, pending: None };
    let at = |offset, problem| {
        Item::Error(Error::RecordAt {
            path: shown.to_string(),
            offset,
            problem,
        })
    };
    // An archive without a single record is reported as empty.
    let mut any = false;
    loop {
        let next = reader.next_record();
        if matches!(next, Ok(None)) {
            if !any {
                sink(Item::Error(Error::Empty { path: shown.to_string() }));
            }
            return;
        }
        any = true;
        let (item, fatal) = match next {
            Ok(None) => return,
            Ok(Some(record)) => match page(&record, shown) {
                Ok(Some(article)) => (Item::Article(Box::new(article)), false),
                Ok(None) => continue,
                Err(problem) => (at(record.offset, problem), false),
            },
            Err(bad) => (at(bad.offset, bad.problem), bad.fatal),
        };
        if !sink(item) || fatal {
            return;
        }
    }
}

/// One record: where it starts, its headers, and its content when it may
/// hold a page.
struct Record {
    offset: u64,
    headers: Vec<(String, String)>,
    /// The content; `None` when it was skipped unread.
    content: Option<Vec<u8>>,
    length: u64,
}

impl Record {
    fn header(&self, name: &str) -> Option<&str> {
        header(&self.headers, name)
    }
}

/// A record that could not be read. `fatal` when the stream cannot go on.
struct Bad {
    offset: u64,
    problem: RecordProblem,
    fatal: bool,
}

impl Bad {
    /// A fatal error of the record at `offset`.
    fn fatal(offset: u64) -> impl Fn(RecordProblem) -> Bad + Copy {
        move |problem| Bad { offset, problem, fatal: true }
    }

    /// A record skipped to the next one.
    fn skipped(offset: u64, problem: RecordProblem) -> Bad {
        Bad { offset, problem, fatal: false }
    }
}

/// Reads records from a stream, counting bytes.
struct Reader<R> {
    input: R,
    /// Bytes consumed so far.
    offset: u64,
    /// A version line found while skipping a bad record: the start of the
    /// next one.
    pending: Option<(u64, Vec<u8>)>,
}

impl<R: BufRead> Reader<R> {
    /// Reads a line (at most [`MAX_LINE`] bytes) with its `\n`; empty at
    /// the end of the stream.
    fn line(&mut self, buf: &mut Vec<u8>) -> Result<(), RecordProblem> {
        buf.clear();
        let n = (&mut self.input)
            .take(MAX_LINE)
            .read_until(b'\n', buf)
            .map_err(RecordProblem::Read)?;
        self.offset += n as u64;
        Ok(())
    }

    /// The next record, `None` at the end of the stream.
    fn next_record(&mut self) -> Result<Option<Record>, Bad> {
        let (start, first) = match self.pending.take() {
            Some(p) => p,
            None => match self.first_line()? {
                Some(p) => p,
                None => return Ok(None),
            },
        };
        let fatal = Bad::fatal(start);
        if !first.starts_with(b"WARC/") {
            self.skip_to_next_record(start)?;
            return Err(Bad::skipped(start, RecordProblem::NoVersion));
        }
        let mut headers: Vec<(String, String)> = Vec::new();
        let mut line = Vec::new();
        loop {
            self.line(&mut line).map_err(fatal)?;
            if line.is_empty() {
                return Err(fatal(RecordProblem::HeadersEnd));
            }
            if is_blank(&line) {
                break;
            }
            let text = String::from_utf8_lossy(&line);
            if text.starts_with([' ', '\t']) {
                if let Some((_, value)) = headers.last_mut() {
                    value.push(' ');
                    value.push_str(text.trim());
                    continue;
                }
            }
            let Some((name, value)) = text.split_once(':') else {
                self.skip_to_next_record(start)?;
                let line = text.trim().to_string();
                return Err(Bad::skipped(start, RecordProblem::Header(line)));
            };
            headers.push((name.trim().to_string(), value.trim().to_string()));
        }
        let length = header(&headers, "Content-Length")
            .and_then(|l| l.parse::<u64>().ok());
        let Some(length) = length else {
            self.skip_to_next_record(start)?;
            return Err(Bad::skipped(start, RecordProblem::Length));
        };
        let kind = header(&headers, "WARC-Type").unwrap_or("");
        let wanted = (kind.eq_ignore_ascii_case("response")
            || kind.eq_ignore_ascii_case("resource"))
            && length <= MAX_RECORD;
        let short = |got: u64| fatal(RecordProblem::Short { got, length });
        let content = if wanted {
            let mut buf = Vec::with_capacity(length as usize);
            let got = (&mut self.input)
                .take(length)
                .read_to_end(&mut buf)
                .map_err(|e| fatal(RecordProblem::Read(e)))?
                as u64;
            self.offset += got;
            if got < length {
                return Err(short(got));
            }
            Some(buf)
        } else {
            let got = std::io::copy(
                &mut (&mut self.input).take(length),
                &mut std::io::sink(),
            )
            .map_err(|e| fatal(RecordProblem::Read(e)))?;
            self.offset += got;
            if got < length {
                return Err(short(got));
            }
            None
        };
        Ok(Some(Record { offset: start, headers, content, length }))
    }

    /// The first non-blank line and its offset, `None` at the end.
    fn first_line(&mut self) -> Result<Option<(u64, Vec<u8>)>, Bad> {
        let mut line = Vec::new();
        loop {
            let start = self.offset;
            self.line(&mut line).map_err(Bad::fatal(start))?;
            if line.is_empty() {
                return Ok(None);
            }
            if !is_blank(&line) {
                return Ok(Some((start, line)));
            }
        }
    }

    /// Skips lines until one starts with `WARC/` and keeps it as the
    /// start of the next record.
    fn skip_to_next_record(&mut self, start: u64) -> Result<(), Bad> {
        let mut line = Vec::new();
        let mut at_line_start = true;
        loop {
            let here = self.offset;
            self.line(&mut line).map_err(Bad::fatal(start))?;
            if line.is_empty() {
                return Ok(());
            }
            if at_line_start && line.starts_with(b"WARC/") {
                self.pending = Some((here, std::mem::take(&mut line)));
                return Ok(());
            }
            at_line_start = line.ends_with(b"\n");
        }
    }
}

fn header<'h>(headers: &'h [(String, String)], name: &str) -> Option<&'h str> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

fn is_blank(line: &[u8]) -> bool {
    line.iter().all(|b| matches!(b, b'\r' | b'\n' | b' ' | b'\t'))
}

/// The article of a record: `Ok(None)` for records that hold no page.
fn page(
    record: &Record,
    shown: &str,
) -> Result<Option<super::Article>, RecordProblem> {
    let kind = record.header("WARC-Type").unwrap_or("").to_ascii_lowercase();
    if kind != "response" && kind != "resource" {
        return Ok(None);
    }
    let Some(content) = &record.content else {
        return Err(RecordProblem::TooLarge { length: record.length });
    };
    let record_type = record.header("Content-Type").unwrap_or("");
    let is_http =
        record_type.to_ascii_lowercase().starts_with("application/http")
            || (record_type.is_empty() && content.starts_with(b"HTTP/"));
    let (content_type, payload) = if kind == "response" && is_http {
        let Some(http) = Http::parse(content)? else { return Ok(None) };
        let Some(body) = http.body()? else { return Ok(None) };
        (http.header("Content-Type").unwrap_or("").to_string(), body)
    } else {
        (record_type.to_string(), content.clone())
    };
    let is_html = if content_type.trim().is_empty() {
        let head = &payload[..payload.len().min(1024)];
        let head = String::from_utf8_lossy(head).to_ascii_lowercase();
        head.contains("<html") || head.contains("<!doctype html")
    } else {
        let media = content_type.split(';').next().unwrap_or("");
        let media = media.trim().to_ascii_lowercase();
        media == "text/html" || media == "application/xhtml+xml"
    };
    if !is_html {
        return Ok(None);
    }
    let text = html::decode(&payload, html::charset_param(&content_type));
    let target = record.header("WARC-Target-URI").map(|u| {
        // WARC/1.0 writers sometimes wrap the URI in angle brackets.
        u.trim_start_matches('<').trim_end_matches('>').to_string()
    });
    let mut page = html::extract(&text, target.as_deref());
    if page.is_empty() {
        return Ok(None);
    }
    if page.published.is_none() {
        // Last resort: the crawl time, not the publication time.
        page.published = record.header("WARC-Date").map(str::to_string);
    }
    let origin = format!("{shown}@{}", record.offset);
    Ok(Some(page.into_article(target.unwrap_or_default(), origin)))
}

/// An HTTP response held in a `response` record.
struct Http<'a> {
    headers: Vec<(String, String)>,
    body: &'a [u8],
}

impl<'a> Http<'a> {
    /// Splits status line, headers and body. `Ok(None)` for a status
    /// other than 2xx.
    fn parse(content: &'a [u8]) -> Result<Option<Http<'a>>, RecordProblem> {
        let (head, body) = match find(content, b"\r\n\r\n") {
            Some(i) => (&content[..i], &content[i + 4..]),
            None => match find(content, b"\n\n") {
                Some(i) => (&content[..i], &content[i + 2..]),
                None => return Err(RecordProblem::HttpHeadersEnd),
            },
        };
        let head = String::from_utf8_lossy(head);
        let mut lines = head.lines();
        let status = lines.next().unwrap_or("");
        let code = status.split_whitespace().nth(1).unwrap_or("");
        if !status.starts_with("HTTP/") {
            return Err(RecordProblem::HttpStatus(status.to_string()));
        }
        if !code.starts_with('2') {
            return Ok(None);
        }
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
            .collect();
        Ok(Some(Http { headers, body }))
    }

    fn header(&self, name: &str) -> Option<&str> {
        header(&self.headers, name)
    }

    /// The body with transfer and content encodings undone; `Ok(None)`
    /// when it is in an encoding newsdex cannot undo.
    fn body(&self) -> Result<Option<Vec<u8>>, RecordProblem> {
        let chunked = self
            .header("Transfer-Encoding")
            .is_some_and(|t| t.to_ascii_lowercase().contains("chunked"));
        let body = if chunked {
            dechunk(self.body).unwrap_or_else(|| self.body.to_vec())
        } else {
            self.body.to_vec()
        };
        let encoding = self
            .header("Content-Encoding")
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        let limit = MAX_RECORD;
        let inflate = |r: &mut dyn Read| -> Result<Vec<u8>, RecordProblem> {
            let mut out = Vec::new();
            r.take(limit).read_to_end(&mut out).map_err(|source| {
                let encoding = encoding.clone();
                RecordProblem::Decompress { encoding, source }
            })?;
            Ok(out)
        };
        Ok(Some(match encoding.as_str() {
            "" | "identity" | "none" => body,
            "gzip" | "x-gzip" => {
                inflate(&mut flate2::read::MultiGzDecoder::new(&body[..]))?
            }
            "deflate" => {
                inflate(&mut flate2::read::ZlibDecoder::new(&body[..]))
                    .or_else(|_| {
                        inflate(&mut flate2::read::DeflateDecoder::new(
                            &body[..],
                        ))
                    })?
            }
            other => return Err(RecordProblem::Encoding(other.to_string())),
        }))
    }
}

/// Undoes HTTP chunked transfer encoding; `None` when the body is not
/// chunked after all (some crawlers store it decoded).
fn dechunk(mut body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    loop {
        let end = memchr::memchr(b'\n', body)?;
        let line = std::str::from_utf8(&body[..end]).ok()?.trim();
        let size = line.split(';').next()?.trim();
        let size = usize::from_str_radix(size, 16).ok()?;
        body = &body[end + 1..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(body.get(..size)?);
        body = &body[size..];
        body = body.strip_prefix(b"\r").unwrap_or(body);
        body = body.strip_prefix(b"\n").unwrap_or(body);
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    memmem::find(haystack, needle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::FileBatch;

    /// A WARC record with the given type, headers and content.
    fn record(kind: &str, extra: &str, content: &[u8]) -> Vec<u8> {
        let mut r = format!(
            "WARC/1.1\r\nWARC-Type: {kind}\r\n{extra}Content-Length: {}\r\n\r\n",
            content.len()
        )
        .into_bytes();
        r.extend_from_slice(content);
        r.extend_from_slice(b"\r\n\r\n");
        r
    }

    fn response(uri: &str, http: &str) -> Vec<u8> {
        record(
            "response",
            &format!(
                "WARC-Target-URI: {uri}\r\nWARC-Date: 2025-06-01T00:00:00Z\r\n\
                 Content-Type: application/http; msgtype=response\r\n"
            ),
            http.as_bytes(),
        )
    }

    /// Reads `input`; compares (id, published, origin) of each article
    /// and the error messages.
    #[track_caller]
    fn check(input: &[u8], articles: &[(&str, &str, &str)], errors: &[&str]) {
        let b = FileBatch::collect(|sink| read(input, "a.warc", sink));
        let got: Vec<(&str, &str, &str)> = b
            .articles
            .iter()
            .map(|a| {
                (&*a.id, a.published.as_deref().unwrap_or(""), &*a.origin)
            })
            .collect();
        assert_eq!(got, articles);
        let msgs: Vec<String> =
            b.errors.iter().map(|e| e.to_string()).collect();
        assert_eq!(msgs, errors);
    }

    const PAGE: &str = "HTTP/1.1 200 OK\r\nContent-Type: text/html; \
        charset=utf-8\r\n\r\n<html><title>T</title><p>Body.</p></html>";

    #[test]
    fn responses_become_articles_and_the_rest_is_skipped() {
        let mut w = record("warcinfo", "", b"software: test\r\n");
        w.extend(record("request", "", b"GET / HTTP/1.1\r\n\r\n"));
        let first = w.len();
        w.extend(response("http://a.example/1", PAGE));
        w.extend(response(
            "http://a.example/img",
            "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x00\x01",
        ));
        w.extend(response(
            "http://a.example/moved",
            "HTTP/1.1 301 Moved\r\nContent-Type: text/html\r\n\r\n<p>x</p>",
        ));
        w.extend(record("metadata", "", b"via: x\r\n"));
        check(
            &w,
            &[(
                "http://a.example/1",
                "2025-06-01T00:00:00Z",
                &format!("a.warc@{first}"),
            )],
            &[],
        );
    }

    #[test]
    fn chunked_and_gzipped_bodies() {
        use std::io::Write;
        let html = b"<html><meta property=article:published_time \
                     content=2020-01-01><p>Zipped.</p></html>";
        let mut gz = flate2::write::GzEncoder::new(
            Vec::new(),
            flate2::Compression::fast(),
        );
        gz.write_all(html).unwrap();
        let gz = gz.finish().unwrap();
        let mut http = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\
             Content-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n{:x}\r\n",
            gz.len()
        )
        .into_bytes();
        http.extend(&gz);
        http.extend(b"\r\n0\r\n\r\n");
        let w = record(
            "response",
            "WARC-Target-URI: <http://z.example/>\r\nContent-Type: application/http\r\n",
            &http,
        );
        check(&w, &[("http://z.example/", "2020-01-01", "a.warc@0")], &[]);
    }

    #[test]
    fn a_malformed_record_is_skipped_and_a_truncated_one_ends_the_file() {
        let mut w = response("http://a.example/1", PAGE);
        let bad = w.len();
        w.extend(b"WARC/1.1\r\nWARC-Type: response\r\nno colon here\r\n\r\njunk\r\n\r\n");
        let good = w.len();
        w.extend(response("http://a.example/2", PAGE));
        let cut = w.len();
        let mut last = response("http://a.example/3", PAGE);
        last.truncate(last.len() - 20);
        w.extend(last);
        check(
            &w,
            &[
                ("http://a.example/1", "2025-06-01T00:00:00Z", "a.warc@0"),
                (
                    "http://a.example/2",
                    "2025-06-01T00:00:00Z",
                    &format!("a.warc@{good}"),
                ),
            ],
            &[
                &format!(
                    "a.warc: record at byte {bad}: malformed header line \
                     \"no colon here\", skipped to the next record"
                ),
                &format!(
                    "a.warc: record at byte {cut}: truncated record: {} of {} \
                     content bytes",
                    PAGE.len() - 16,
                    PAGE.len()
                ),
            ],
        );
    }

    /// Each article or error reaches the sink as its record is read, in
    /// file order, and reading stops when the sink says so.
    #[test]
    fn items_stream_in_file_order() {
        let mut w = response("http://a.example/1", PAGE);
        let bad = w.len();
        w.extend(record(
            "response",
            "Content-Type: application/http\r\n",
            b"no http here",
        ));
        w.extend(response("http://a.example/2", PAGE));
        w.extend(response("http://a.example/3", PAGE));
        let mut seen = Vec::new();
        read(&w[..], "a.warc", &mut |item| {
            seen.push(match item {
                Item::Article(a) => a.id,
                Item::Error(e) => e.to_string(),
            });
            seen.len() < 3
        });
        assert_eq!(
            seen,
            [
                "http://a.example/1".to_string(),
                format!(
                    "a.warc: record at byte {bad}: HTTP headers end early"
                ),
                "http://a.example/2".to_string(),
            ]
        );
    }

    #[test]
    fn dechunking() {
        assert_eq!(
            dechunk(b"3\r\nabc\r\n2;x=y\r\nde\r\n0\r\n\r\n").as_deref(),
            Some(&b"abcde"[..])
        );
        assert_eq!(dechunk(b"<html>"), None);
    }
}
