//! Where a story was filed: the places of a wire dateline at the head of
//! the text ("CHICAGO (Reuters) -", "PORTLAND, Ore., Feb 26 -",
//! "SAN FRANCISCO/NEW YORK (Reuters) -").
//!
//! The tagger, trained on sentences, reads an all-caps dateline badly:
//! "NEW YORK" becomes a place "NEW" and an organisation "YORK", "CHICAGO"
//! an organisation, the month of "ST. LOUIS, March 3" an organisation.
//! So the dateline is read here, by its shape, and the tagger's mentions
//! inside it are replaced by one place mention per place it names.

use std::ops::Range;

use super::dates::is_month_word;

/// The dateline at the head of a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dateline {
    /// Byte range of the whole dateline, dash included.
    pub span: Range<usize>,
    /// Byte ranges of the places it names, in order: the city (or the
    /// cities of "LONDON/PARIS") then any region or country after it.
    pub places: Vec<Range<usize>>,
}

/// The dateline that opens `text` at byte `from`, if there is one.
///
/// A dateline is the text before the first free-standing dash (`-`, `--`,
/// `–`, `—`) within 120 bytes, with no line break inside. It is read as
/// comma-separated parts: places, then an optional date ("March 3",
/// "Feb 26, 1987", "3 March"), then an optional agency in parentheses or
/// between slashes ("(Reuters)", "/PRNewswire/"). Every place part is one
/// to four capitalised words ("ST. LOUIS", "Ore.", "Winston-Salem"); the
/// first may hold several cities joined by "/". Without a date or an
/// agency, the first part must be in capitals ("LONDON -"), so that a
/// sentence such as "Shares fell - ..." is never taken for a dateline.
///
/// # Example
///
/// ```
/// use newsdex::extract::dateline::dateline_at;
///
/// let text = "SAN FRANCISCO/NEW YORK (Reuters) - Brokers raised targets.";
/// let d = dateline_at(text, 0).unwrap();
/// let places: Vec<&str> = d.places.iter().map(|r| &text[r.clone()]).collect();
/// assert_eq!(places, ["SAN FRANCISCO", "NEW YORK"]);
/// ```
pub fn dateline_at(text: &str, from: usize) -> Option<Dateline> {
    let rest = text.get(from..)?;
    let start = from + (rest.len() - rest.trim_start().len());
    let head = &text[start..];
    let (cut, dash_end) = first_dash(head, 120)?;
    let mut line = head[..cut].trim_end();
    if line.is_empty() || line.contains('\n') {
        return None;
    }
    let mut marked = false;
    // An agency: "(Reuters)", "(AP)" or "/PRNewswire/".
    if line.ends_with(')') {
        let open = line.rfind('(')?;
        let agency = &line[open + 1..line.len() - 1];
        if !is_agency(agency) {
            return None;
        }
        line = line[..open].trim_end();
        marked = true;
    } else if let Some(inner) = line.strip_suffix('/') {
        let open = inner.rfind('/')?;
        if !is_agency(&inner[open + 1..]) {
            return None;
        }
        line = inner[..open].trim_end();
        marked = true;
    }
    let line = line.trim_end_matches(',').trim_end();
    // Parts from the end: a date part, then a year part before it
    // ("Feb 26, 1987" splits as "Feb 26" and " 1987").
    let mut parts: Vec<(usize, &str)> = split_parts(line);
    while let Some(&(_, last)) = parts.last() {
        if is_date_part(last) {
            parts.pop();
            marked = true;
        } else {
            break;
        }
    }
    if parts.is_empty() || parts.len() > 3 {
        return None;
    }
    let mut places = Vec::new();
    for (k, &(at, part)) in parts.iter().enumerate() {
        let cities: Vec<(usize, &str)> =
            if k == 0 { split_on(part, '/') } else { vec![(0, part)] };
        for (off, city) in cities {
            let trimmed = city.trim();
            if !is_place_part(trimmed) {
                return None;
            }
            let s = start + at + off + (city.len() - city.trim_start().len());
            places.push(s..s + trimmed.len());
        }
    }
    let first = &text[places[0].clone()];
    if !marked && first.chars().any(char::is_lowercase) {
        return None;
    }
    Some(Dateline { span: start..start + dash_end, places })
}

/// Byte offsets of the first free-standing dash of `head` within `limit`
/// bytes and of the end of the dash run ("--").
fn first_dash(head: &str, limit: usize) -> Option<(usize, usize)> {
    let mut prev = ' ';
    for (k, c) in head.char_indices() {
        if k > limit {
            return None;
        }
        let dash =
            (c == '-' && prev.is_whitespace()) || matches!(c, '–' | '—');
        if dash {
            let run = head[k..]
                .char_indices()
                .find(|&(_, c)| !matches!(c, '-' | '–' | '—'))
                .map_or(head.len(), |(j, _)| k + j);
            return Some((k, run));
        }
        prev = c;
    }
    None
}

/// News agencies named in datelines.
fn is_agency(s: &str) -> bool {
    let s = s.trim();
    !s.is_empty()
        && s.len() <= 30
        && s.split_whitespace().count() <= 3
        && s.chars().next().is_some_and(char::is_uppercase)
        && !s.chars().any(|c| c.is_ascii_digit())
}

/// `line` cut at commas, with the byte offset of each part.
fn split_parts(line: &str) -> Vec<(usize, &str)> {
    split_on(line, ',')
}

fn split_on(s: &str, sep: char) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut at = 0;
    for part in s.split(sep) {
        out.push((at, part));
        at += part.len() + sep.len_utf8();
    }
    out
}

/// "March 3", "Feb 26", "3 March", "1987", "Oct. 25": a date part.
fn is_date_part(part: &str) -> bool {
    let words: Vec<&str> = part.split_whitespace().collect();
    if words.is_empty() || words.len() > 3 {
        return false;
    }
    let number = |w: &str| {
        let w = w.trim_end_matches(|c: char| c.is_alphabetic() || c == '.');
        !w.is_empty() && w.len() <= 4 && w.bytes().all(|b| b.is_ascii_digit())
    };
    let month = |w: &str| is_month_word(w.trim_end_matches('.'));
    words.iter().all(|w| number(w) || month(w))
        && words.iter().any(|w| number(w))
}

/// One to four words, each opening with a capital (or a digit-free
/// connector such as "de", "am"), with letters, dots, hyphens and
/// apostrophes only: "ST. LOUIS", "Ore.", "Winston-Salem", "Frankfurt am
/// Main".
fn is_place_part(part: &str) -> bool {
    let words: Vec<&str> = part.split_whitespace().collect();
    if words.is_empty() || words.len() > 4 {
        return false;
    }
    let ok_char =
        |c: char| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’');
    words.iter().all(|w| w.chars().all(ok_char))
        && words[0].chars().next().is_some_and(char::is_uppercase)
        && words
            .last()
            .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase))
        && !is_month_word(words[0].trim_end_matches('.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn places(text: &str) -> Vec<&str> {
        match dateline_at(text, 0) {
            Some(d) => d.places.iter().map(|r| &text[r.clone()]).collect(),
            None => Vec::new(),
        }
    }

    #[test]
    fn wire_datelines_give_their_places() {
        assert_eq!(places("CHICAGO (Reuters) - Grain fell."), ["CHICAGO"]);
        assert_eq!(
            places("ANCHORAGE, Alaska  (Reuters) - An oil firm offered"),
            ["ANCHORAGE", "Alaska"]
        );
        assert_eq!(
            places("SAN FRANCISCO/NEW YORK (Reuters) - Brokers"),
            ["SAN FRANCISCO", "NEW YORK"]
        );
        assert_eq!(places("ST. LOUIS, March 3 - A bank"), ["ST. LOUIS"]);
        assert_eq!(
            places("PORTLAND, Ore., Feb 26 - A chain said"),
            ["PORTLAND", "Ore."]
        );
        assert_eq!(places("LONDON/PARIS - Talks"), ["LONDON", "PARIS"]);
        assert_eq!(places("  Geneva, May 11 (Reuters) -- Talks"), ["Geneva"]);
        assert_eq!(
            places("WINSTON-SALEM, N.C. - A maker"),
            ["WINSTON-SALEM", "N.C."]
        );
        assert_eq!(places("London, June 9, 2025 - Markets"), ["London"]);
        assert_eq!(places("NEW YORK, /PRNewswire/ - A firm"), ["NEW YORK"]);
    }

    #[test]
    fn sentences_are_not_datelines() {
        assert!(places("Shares fell - and then rose.").is_empty());
        assert!(places("Ford Motor - the carmaker - said").is_empty());
        assert!(places("CHICAGO\nTRADERS - no").is_empty());
        assert!(places("A, B, C, D, E - no").is_empty());
        assert!(places("").is_empty());
        assert!(places("Oil prices (Reuters) 3 - no").is_empty());
    }

    #[test]
    fn the_span_covers_the_dash() {
        let text = "Intro\n\nCHICAGO (Reuters) - Grain";
        let d = dateline_at(text, 5).unwrap();
        assert_eq!(&text[d.span.clone()], "CHICAGO (Reuters) -");
    }
}
