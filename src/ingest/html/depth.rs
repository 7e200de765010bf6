//! Nesting kept to a depth the HTML parser handles in linear time.
//!
//! html5ever looks through the stack of open elements at every start
//! tag (is a `<p>` open in button scope?), so 100,000 nested `<div>`s
//! cost 10^10 steps. As browsers do (Blink stops nesting at 512), tags
//! deeper than [`MAX_DEPTH`] are left out with their end tags: their
//! text stays, in the element at that depth. A page that never nests so
//! deep is handed on unchanged.
//!
//! The scan is a tag scanner, not a parser: comments, doctypes and the
//! raw text of `<script>`, `<style>` and the like are skipped, quoted
//! attribute values are read whole. Tags the parser closes by itself
//! (`<p>`, `<li>`, table cells) and void tags (`<br>`) are not counted.

use std::borrow::Cow;

/// The deepest nesting of counted tags kept.
pub(super) const MAX_DEPTH: usize = 512;

/// Elements without content.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link",
    "meta", "param", "source", "track", "wbr", "keygen",
];

/// Elements the parser closes when a sibling starts (or table parts,
/// whose scope ends the parser's look-up).
const SELF_CLOSING: &[&str] = &[
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead",
    "tbody", "tfoot", "caption", "colgroup", "rb", "rt", "rp", "rtc",
];

/// Elements whose content is text up to their end tag.
const RAW: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
];

/// `html` with the tags nested deeper than [`MAX_DEPTH`] left out.
pub(super) fn limit(html: &str) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut out: Option<String> = None;
    // Open counted tags, at most MAX_DEPTH; the tags left out, by name,
    // whose end tags are left out too.
    let mut open: Vec<String> = Vec::new();
    let mut dropped: std::collections::HashMap<String, usize> =
        std::collections::HashMap::new();
    let mut copied = 0; // bytes of `html` before this are in `out`
    let mut i = 0;
    while let Some(at) = memchr::memchr(b'<', &bytes[i..]) {
        let start = i + at;
        let rest = &bytes[start..];
        if rest.starts_with(b"<!--") {
            i = find(bytes, start + 4, b"-->").map_or(bytes.len(), |e| e + 3);
            continue;
        }
        if rest.starts_with(b"<!") || rest.starts_with(b"<?") {
            i = find(bytes, start, b">").map_or(bytes.len(), |e| e + 1);
            continue;
        }
        let end_tag = rest.starts_with(b"</");
        let name_at = start + if end_tag { 2 } else { 1 };
        if !bytes.get(name_at).is_some_and(u8::is_ascii_alphabetic) {
            i = start + 1;
            continue;
        }
        let name_end = bytes[name_at..]
            .iter()
            .position(|b| b.is_ascii_whitespace() || matches!(b, b'/' | b'>'))
            .map_or(bytes.len(), |p| name_at + p);
        let name = html[name_at..name_end].to_ascii_lowercase();
        let close = tag_end(bytes, name_end);
        i = close;
        if end_tag {
            if let Some(n) = dropped.get_mut(&name).filter(|n| **n > 0) {
                *n -= 1;
                skip(html, &mut out, &mut copied, start, close);
            } else if let Some(p) = open.iter().rposition(|o| *o == name) {
                open.truncate(p);
            }
            continue;
        }
        if RAW.contains(&name.as_str()) {
            // Up to the end tag (`</script`), which the loop reads next.
            let mut at = close;
            i = loop {
                match find(bytes, at, b"</") {
                    None => break bytes.len(),
                    Some(e) => {
                        let after = &bytes[e + 2..];
                        if after.len() >= name.len()
                            && after[..name.len()]
                                .eq_ignore_ascii_case(name.as_bytes())
                        {
                            break e;
                        }
                        at = e + 2;
                    }
                }
            };
            continue;
        }
        let counted = !VOID.contains(&name.as_str())
            && !SELF_CLOSING.contains(&name.as_str());
        if !counted {
            continue;
        }
        if open.len() < MAX_DEPTH {
            open.push(name);
        } else {
            *dropped.entry(name).or_default() += 1;
            skip(html, &mut out, &mut copied, start, close);
        }
    }
    match out {
        None => Cow::Borrowed(html),
        Some(mut s) => {
            s.push_str(&html[copied..]);
            Cow::Owned(s)
        }
    }
}

/// Leaves `html[start..end]` out of `out`.
fn skip(
    html: &str,
    out: &mut Option<String>,
    copied: &mut usize,
    start: usize,
    end: usize,
) {
    let out = out.get_or_insert_with(|| String::with_capacity(html.len()));
    out.push_str(&html[*copied..start]);
    *copied = end;
}

/// The index just past the `>` that ends the tag whose attributes start
/// at `from`, reading quoted attribute values whole.
fn tag_end(bytes: &[u8], from: usize) -> usize {
    let mut i = from;
    while i < bytes.len() {
        match bytes[i] {
            b'>' => return i + 1,
            b'=' => {
                i += 1;
                while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
                    i += 1;
                }
                if let Some(&q @ (b'"' | b'\'')) = bytes.get(i) {
                    match memchr::memchr(q, &bytes[i + 1..]) {
                        Some(p) => i += p + 2,
                        None => return bytes.len(),
                    }
                }
            }
            _ => i += 1,
        }
    }
    bytes.len()
}

/// Where `needle` first occurs in `bytes` from `from` on.
fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(&bytes[from.min(bytes.len())..], needle)
        .map(|p| from + p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_pages_are_unchanged() {
        let page = "<html><head><title>a<b</title><script>if (a<b) \
                    '</div>'</script></head><body><!-- <div> --><div \
                    class=\"x>y\"><p>One<p>Two<br><img src=x></div>\
                    </body></html>";
        assert!(matches!(limit(page), Cow::Borrowed(_)));
    }

    #[test]
    fn deep_nesting_is_cut_at_the_limit_and_the_text_kept() {
        let n = MAX_DEPTH + 100;
        let page = format!(
            "<body>{}<p>deep text</p>{}<p>after</p></body>",
            "<div>".repeat(n),
            "</div>".repeat(n)
        );
        let cut = limit(&page);
        // <body> is counted too.
        assert_eq!(cut.matches("<div>").count(), MAX_DEPTH - 1);
        assert_eq!(cut.matches("</div>").count(), MAX_DEPTH - 1);
        assert!(cut.contains("<p>deep text</p>"));
        assert!(cut.ends_with("<p>after</p></body>"));
    }
}
