//! Credit lines of wire copy: "(Reporting by Jane Doe in Chicago;
//! Editing by John Roe)". The names in them are the agency's staff, not
//! people the story is about, and the places where they filed from, not
//! places of the story: the tagger's mentions inside are dropped.

use std::ops::Range;

use super::lexicon::CREDIT_CUES;

/// The longest a credit runs from its cue when no bracket closes it.
const MAX_LEN: usize = 400;

/// Byte ranges of the credit lines of `text`, in order, not overlapping.
///
/// A credit starts at a cue ("Reporting by", "Editing by", "Additional
/// reporting by"...) that opens a bracket, a line or a sentence, and runs to
/// the closing bracket when it was opened by one, else to the end of the
/// line, at most 400 bytes.
///
/// # Example
///
/// ```
/// use newsdex::extract::credits::credit_spans;
///
/// let text = "Prices rose. (Reporting by Jane Doe; Editing by John Roe) Next.";
/// let spans = credit_spans(text);
/// assert_eq!(&text[spans[0].clone()], "(Reporting by Jane Doe; Editing by John Roe)");
/// ```
pub fn credit_spans(text: &str) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    // Look for " by " (in any case the wire writes it) and read the word
    // before it: no copy of the text in lower case.
    for by in by_finders() {
        for hit in by.find_iter(text.as_bytes()) {
            let Some(at) = cue_start(text, hit) else {
                continue;
            };
            if out.iter().any(|r| r.contains(&at)) {
                continue;
            }
            let before = text[..at].trim_end_matches([' ', '\t']);
            let opener = before.chars().next_back();
            let span = match opener {
                Some('(' | '[') => {
                    let open = before.len() - 1;
                    let close =
                        if text.as_bytes()[open] == b'(' { ')' } else { ']' };
                    let end = text[at..]
                        .find(close)
                        .map(|k| at + k + 1)
                        .filter(|&e| e - at <= MAX_LEN)
                        .unwrap_or_else(|| line_end(text, at));
                    open..end
                }
                None | Some('\n' | '.' | ';' | '|' | '-' | '–' | '—') => {
                    at..line_end(text, at)
                }
                _ => continue,
            };
            out.push(span);
        }
    }
    out.sort_by_key(|r| r.start);
    // Cues inside one credit ("Reporting by ...; Editing by ...") give
    // nested spans: keep the outer one.
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(out.len());
    for r in out {
        match merged.last_mut() {
            Some(last) if r.start < last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

/// Searchers for " by ", " BY " and " By ", in that order, built once:
/// building one costs more than searching an article with it.
fn by_finders() -> &'static [memchr::memmem::Finder<'static>; 3] {
    static FINDERS: std::sync::LazyLock<[memchr::memmem::Finder<'static>; 3]> =
        std::sync::LazyLock::new(|| {
            [" by ", " BY ", " By "].map(memchr::memmem::Finder::new)
        });
    &FINDERS
}

/// Start of the cue ending at byte `space` (the space before "by"):
/// "Reporting", or "Additional" of "Additional reporting".
fn cue_start(text: &str, space: usize) -> Option<usize> {
    let head = &text[..space];
    let word_at = |end: usize| {
        head[..end]
            .rfind(|c: char| !c.is_ascii_alphabetic())
            .map_or(0, |k| k + 1)
    };
    let start = word_at(space);
    let word = &head[start..];
    if !CREDIT_CUES.iter().any(|c| c.eq_ignore_ascii_case(word)) {
        return None;
    }
    let prev_end = head[..start].trim_end_matches(' ').len();
    let prev_start = word_at(prev_end);
    let additional = &head[prev_start..prev_end];
    if prev_end < start && additional.eq_ignore_ascii_case("additional") {
        return Some(prev_start);
    }
    Some(start)
}

/// End of the line holding `at`, at most [`MAX_LEN`] bytes on.
fn line_end(text: &str, at: usize) -> usize {
    let mut end = text[at..].find('\n').map_or(text.len(), |k| at + k);
    end = end.min(at + MAX_LEN);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn credits(text: &str) -> Vec<&str> {
        credit_spans(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn bracketed_credits() {
        assert_eq!(
            credits("Oil fell. (Additional reporting by  Ann Lee  in Oslo)"),
            ["(Additional reporting by  Ann Lee  in Oslo)"]
        );
        assert_eq!(
            credits("x. (Reporting by A B. Editing by C D. Tel: 1) y"),
            ["(Reporting by A B. Editing by C D. Tel: 1)"]
        );
        assert_eq!(credits("[Writing by Ed Poe] z"), ["[Writing by Ed Poe]"]);
    }

    #[test]
    fn credit_lines() {
        assert_eq!(
            credits("Body.\nReporting by Ann Lee; editing by Bo Li\nMore"),
            ["Reporting by Ann Lee; editing by Bo Li"]
        );
    }

    #[test]
    fn the_words_in_a_sentence_are_no_credit() {
        assert!(credits("The report was edited by the board.").is_empty());
        assert!(credits("Its reporting by region changed.").is_empty());
    }
}
