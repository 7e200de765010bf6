//! Page bytes to text: the charset of a page, as a browser finds it.
//!
//! Byte order mark first, then the charset HTTP declared (WARC), then a
//! `charset=` near the top of the page, then UTF-8 when the bytes are
//! valid UTF-8, else Windows-1252. Labels are read by `encoding_rs`,
//! which knows the WHATWG names of every legacy charset.

use std::borrow::Cow;

/// Decodes the bytes of a page to text: by byte order mark, else the
/// charset `declared` by HTTP, else a `charset=` near the top of the
/// page, else UTF-8 when valid, else Windows-1252 (what browsers do).
pub fn decode<'a>(bytes: &'a [u8], declared: Option<&str>) -> Cow<'a, str> {
    use encoding_rs::Encoding;
    let encoding = Encoding::for_bom(bytes)
        .map(|(e, _)| e)
        .or_else(|| declared.and_then(|l| Encoding::for_label(l.as_bytes())))
        .or_else(|| {
            let label = meta_charset(bytes)?;
            Some(Encoding::for_label(label.as_bytes())?.output_encoding())
        });
    match encoding {
        Some(e) => e.decode(bytes).0,
        None => match std::str::from_utf8(bytes) {
            Ok(text) => Cow::Borrowed(text),
            Err(_) => encoding_rs::WINDOWS_1252.decode(bytes).0,
        },
    }
}

/// The label of a `charset=` in the first 4 KiB of a page.
fn meta_charset(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(4096)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let at = head.find("charset=")? + "charset=".len();
    let label: String = head[at..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || "-_:.".contains(*c))
        .collect();
    (!label.is_empty()).then_some(label)
}

/// The `charset` parameter of an HTTP `Content-Type`.
pub fn charset_param(content_type: &str) -> Option<&str> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| v.trim().trim_matches(['"', '\'']))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charsets() {
        assert_eq!(decode(b"caf\xe9", None), "café");
        assert_eq!(decode(b"caf\xc3\xa9", None), "café");
        assert_eq!(decode(b"caf\xe9", Some("iso-8859-1")), "café");
        let koi = b"<meta charset=\"koi8-r\"><p>\xf0\xd2\xc9\xd7\xc5\xd4";
        assert!(decode(koi, None).ends_with("Привет"));
        assert_eq!(
            charset_param("text/html; charset=\"UTF-8\""),
            Some("UTF-8")
        );
    }
}
