//! Headlines in capitals ("VOLCKER SAYS FED POLICY UNCHANGED") or in
//! title case ("Exxon Mobil Offers Plan To End Alaska Dispute") tell the
//! tagger nothing about which words are names. [`truecase_headline`]
//! rewrites such a headline in sentence case, so that it can be tagged
//! like any sentence, and a story with only a headline still gets its
//! entities.
//!
//! Each word takes, in order:
//! 1. the spelling the story's text gives it, when the text writes it
//!    other than in capitals and not only at a sentence start ("Fed",
//!    "Volcker");
//! 2. else the spelling the tagger's word statistics (`ner::clusters`,
//!    learned from news text) favour: lower case for words mostly
//!    written so ("says", "policy"), capitalised for names ("Reagan"),
//!    capitals for acronyms ("OPEC");
//! 3. else, for a word the statistics do not know, capitalised: rare
//!    words in headlines are mostly names.
//!
//! Words with digits or dots ("U.S.", "1987/88") are kept as written;
//! tickers in angle brackets ("USX <X>") are dropped.

use super::ner;
use crate::hash::{hash_bytes, hash_title};

/// True when a headline is in capitals or title case, so that its case
/// says nothing: no lower-case letter at all, or at least four words of
/// which at most one (besides short function words) starts lower case.
pub fn needs_truecasing(title: &str) -> bool {
    if !title.chars().any(char::is_alphabetic) {
        return false;
    }
    if !title.chars().any(char::is_lowercase) {
        return true;
    }
    let words: Vec<&str> = title
        .split_whitespace()
        .filter(|w| w.chars().next().is_some_and(char::is_alphabetic))
        .collect();
    if words.len() < 4 {
        return false;
    }
    let lower = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
        .filter(|w| !SMALL_WORDS.contains(w))
        .count();
    lower == 0 && words.iter().skip(1).any(|w| !is_caps(w) && is_long(w))
}

/// Title-case style keeps these small words in lower case.
const SMALL_WORDS: &[&str] = &[
    "a", "an", "and", "as", "at", "but", "by", "for", "in", "of", "on", "or",
    "the", "to", "vs", "via", "with",
];

fn is_caps(w: &str) -> bool {
    !w.chars().any(char::is_lowercase)
}

fn is_long(w: &str) -> bool {
    w.chars().filter(|c| c.is_alphabetic()).count() > 3
}

/// The headline in sentence case, its words spelt as `body` and the
/// tagger's statistics spell them (see the module documentation).
///
/// # Example
///
/// ```
/// use newsdex::extract::truecase::truecase_headline;
///
/// let body = "Federal Reserve Board chairman Paul Volcker said the Fed ...";
/// let t = truecase_headline("VOLCKER SAYS FED POLICY UNCHANGED", body);
/// assert_eq!(t, "Volcker says Fed policy unchanged");
/// ```
pub fn truecase_headline(title: &str, body: &str) -> String {
    let words: Vec<&str> = title
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .collect();
    let forms = body_forms(body, &words);
    let clusters = &ner::embedded_model().clusters;
    let mut out = String::with_capacity(title.len());
    let mut first = true;
    let mut rest = title;
    while !rest.is_empty() {
        // Angle brackets hold a ticker ("USX <X> DEBT DOWNGRADED"),
        // dropped, or the name of an unlisted company ("<SCHULT HOMES
        // CORP> MAKES OFFER"), kept without the brackets.
        if let Some(after) = rest.strip_prefix('<') {
            if let Some(close) = after.find('>') {
                let inside = &after[..close];
                let ticker = !inside.contains(' ') && inside.len() <= 5;
                rest = if ticker {
                    after[close + 1..].trim_start()
                } else {
                    after
                };
                continue;
            }
        }
        if let Some(after) = rest.strip_prefix('>') {
            rest = after;
            continue;
        }
        let end = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '.' || c == '\''))
            .unwrap_or(rest.len());
        if end == 0 {
            let c = rest.chars().next().unwrap_or(' ');
            out.push(c);
            rest = &rest[c.len_utf8()..];
            continue;
        }
        let word = &rest[..end];
        rest = &rest[end..];
        let keep = word.chars().any(|c| c.is_ascii_digit() || c == '.')
            || !word.chars().any(char::is_alphabetic);
        let cased = if keep {
            word.to_string()
        } else {
            spell(word, &forms, clusters)
        };
        if first {
            out.push_str(&capitalise(&cased));
        } else {
            out.push_str(&cased);
        }
        first = false;
    }
    out
}

/// The spelling of one headline word.
fn spell(
    word: &str,
    forms: &[(&str, &str, u32)],
    clusters: &ner::Clusters,
) -> String {
    let lower = word.to_lowercase();
    let known = forms.iter().find(|f| f.0.eq_ignore_ascii_case(word));
    if let Some(&(_, form, _)) = known {
        return form.to_string();
    }
    let info = |w: &str| clusters.get(hash_bytes(w.as_bytes()));
    let caps = word.to_uppercase();
    // The case statistic is shared by every spelling of a word: 4 and 5
    // mean it is written in lower case at least 30% of the time.
    let share = info(&lower)
        .or_else(|| clusters.get(hash_title(lower.as_bytes())))
        .or_else(|| info(&caps))
        .map(|i| i.lower_share);
    let title = capitalise(&lower);
    match share {
        Some(4 | 5) => lower,
        Some(_) => {
            // Capitals when news writes the word so at least as often
            // as capitalised ("OPEC", not "Opec").
            let freq = |i: Option<ner::WordInfo>| i.map_or(0, |i| i.freq);
            let caps_freq = freq(info(&caps));
            let title_freq = freq(clusters.get(hash_title(lower.as_bytes())));
            let acronym = caps_freq > 0 && caps_freq >= title_freq;
            if acronym {
                caps
            } else {
                title
            }
        }
        None if word.chars().count() <= 4 && !has_vowel(word) => caps,
        None => title,
    }
}

fn has_vowel(w: &str) -> bool {
    w.chars().any(|c| "aeiouyAEIOUY".contains(c))
}

fn capitalise(w: &str) -> String {
    let mut chars = w.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// [`CLASS`] bit of ASCII letters and digits.
const ALNUM: u8 = 1;
/// ... of what an ASCII word holds: letters, digits, apostrophes.
const IN_WORD: u8 = 2;
/// ... of ASCII lower-case letters.
const LOWER: u8 = 4;
/// ... of ASCII whitespace.
const SPACE: u8 = 8;
/// ... of the bytes of other characters (not ASCII), decoded apart.
const OTHER: u8 = 16;

/// What [`body_forms`] asks of a byte, one look-up instead of several
/// comparisons per byte of the body.
static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if !c.is_ascii() {
            OTHER
        } else if c.is_ascii_alphanumeric() {
            ALNUM | IN_WORD | if c.is_ascii_lowercase() { LOWER } else { 0 }
        } else if c == b'\'' {
            IN_WORD
        } else if matches!(c, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ') {
            // `char::is_whitespace` of ASCII (a test checks it).
            SPACE
        } else {
            0
        };
        b += 1;
    }
    t
};

/// The spellings `body` gives the headline's `words` when not in
/// capitals, skipping words that open a sentence (their capital says
/// nothing): `(headline word, spelling, count)`, the most frequent
/// spelling of each word. Only the headline's few words are looked for,
/// so a long body costs one pass and no allocation per word.
fn body_forms<'t, 'b>(
    body: &'b str,
    words: &[&'t str],
) -> Vec<(&'t str, &'b str, u32)> {
    let mut seen: Vec<(&'t str, &'b str, u32)> = Vec::new();
    // One pass over the bytes: ASCII (nearly all of a news text) without
    // decoding, other characters decoded where they are.
    let bytes = body.as_bytes();
    let char_at = |i: usize| -> (char, usize) {
        match bytes[i] {
            b if b.is_ascii() => (char::from(b), 1),
            _ => body[i..]
                .chars()
                .next()
                .map_or((' ', 1), |c| (c, c.len_utf8())),
        }
    };
    // The lengths of the headline's words: most words of the body are
    // passed over by their length alone.
    let lengths = words.iter().fold(0u64, |m, w| m | 1 << w.len().min(63));
    // And their first and last letters, in lower case, with the length:
    // a word is compared only when these agree.
    let tag = |w: &[u8]| match (w.first(), w.last()) {
        (Some(f), Some(l)) => {
            u32::from(f.to_ascii_lowercase())
                | u32::from(l.to_ascii_lowercase()) << 8
                | (w.len().min(0xffff) as u32) << 16
        }
        _ => 0,
    };
    let tags: Vec<u32> = words.iter().map(|w| tag(w.as_bytes())).collect();
    let mut prev = '.';
    let mut i = 0;
    while i < bytes.len() {
        // The gap before the next word: its last character that is not
        // a space, else a line break in it, tells what the word follows.
        let gap = i;
        let mut last = None;
        let mut newline = false;
        while i < bytes.len() {
            let b = bytes[i];
            let class = CLASS[usize::from(b)];
            if class & ALNUM != 0 {
                break;
            }
            if class & OTHER == 0 {
                if b == b'\n' {
                    newline = true;
                } else if class & SPACE == 0 {
                    last = Some(char::from(b));
                }
                i += 1;
                continue;
            }
            let (c, len) = char_at(i);
            if c.is_alphanumeric() {
                break;
            }
            if !c.is_whitespace() {
                last = Some(c);
            } else if c == '\n' {
                newline = true;
            }
            i += len;
        }
        if let Some(c) = last {
            prev = c;
        } else if newline {
            prev = '\n';
        } else if i > gap && prev.is_alphabetic() {
            prev = 'a';
        }
        if i == bytes.len() {
            break;
        }
        let start = i;
        let mut lower = false;
        while i < bytes.len() {
            let class = CLASS[usize::from(bytes[i])];
            if class & OTHER == 0 {
                if class & IN_WORD == 0 {
                    break;
                }
                lower |= class & LOWER != 0;
                i += 1;
                continue;
            }
            let (c, len) = char_at(i);
            if !c.is_alphanumeric() {
                break;
            }
            lower |= c.is_lowercase();
            i += len;
        }
        let end_char = body[start..i].chars().next_back().unwrap_or('a');
        let word = &body[start..i];
        let opens = matches!(prev, '.' | '!' | '?' | '\n' | '"' | ':');
        // A label of a table row ("Net 1,234 vs 987") or a word after a
        // number ("4th Qtr") is capitalised by the layout.
        let cell = prev.is_ascii_digit()
            || bytes[i..]
                .iter()
                .find(|&&b| b != b' ')
                .is_some_and(u8::is_ascii_digit);
        prev = end_char;
        if opens || cell || !lower || lengths & 1 << word.len().min(63) == 0 {
            continue;
        }
        let t = tag(word.as_bytes());
        let Some(&head) = words
            .iter()
            .zip(&tags)
            .find(|(w, &wt)| wt == t && w.eq_ignore_ascii_case(word))
            .map(|(w, _)| w)
        else {
            continue;
        };
        match seen.iter_mut().find(|s| s.0 == head && s.1 == word) {
            Some(s) => s.2 += 1,
            None => seen.push((head, word, 1)),
        }
    }
    // The most frequent spelling of each word first, so that `spell`
    // finds it.
    seen.sort_by(|a, b| {
        a.0.to_lowercase().cmp(&b.0.to_lowercase()).then(b.2.cmp(&a.2))
    });
    seen
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first version of [`body_forms`], char class by comparisons:
    /// the reference for the table-driven one.
    fn body_forms_reference<'t, 'b>(
        body: &'b str,
        words: &[&'t str],
    ) -> Vec<(&'t str, &'b str, u32)> {
        let mut seen: Vec<(&'t str, &'b str, u32)> = Vec::new();
        // One pass over the bytes: ASCII (nearly all of a news text) without
        // decoding, other characters decoded where they are.
        let bytes = body.as_bytes();
        let char_at = |i: usize| -> (char, usize) {
            match bytes[i] {
                b if b.is_ascii() => (char::from(b), 1),
                _ => body[i..]
                    .chars()
                    .next()
                    .map_or((' ', 1), |c| (c, c.len_utf8())),
            }
        };
        // The lengths of the headline's words: most words of the body are
        // passed over by their length alone.
        let lengths = words.iter().fold(0u64, |m, w| m | 1 << w.len().min(63));
        // And their first and last letters, in lower case, with the length:
        // a word is compared only when these agree.
        let tag = |w: &[u8]| match (w.first(), w.last()) {
            (Some(f), Some(l)) => {
                u32::from(f.to_ascii_lowercase())
                    | u32::from(l.to_ascii_lowercase()) << 8
                    | (w.len().min(0xffff) as u32) << 16
            }
            _ => 0,
        };
        let tags: Vec<u32> = words.iter().map(|w| tag(w.as_bytes())).collect();
        let mut prev = '.';
        let mut i = 0;
        while i < bytes.len() {
            // The gap before the next word: its last character that is not
            // a space, else a line break in it, tells what the word follows.
            let gap = i;
            let mut last = None;
            let mut newline = false;
            while i < bytes.len() {
                let b = bytes[i];
                if b.is_ascii() {
                    if b.is_ascii_alphanumeric() {
                        break;
                    }
                    if b == b'\n' {
                        newline = true;
                    } else if !char::from(b).is_whitespace() {
                        last = Some(char::from(b));
                    }
                    i += 1;
                    continue;
                }
                let (c, len) = char_at(i);
                if c.is_alphanumeric() {
                    break;
                }
                if !c.is_whitespace() {
                    last = Some(c);
                } else if c == '\n' {
                    newline = true;
                }
                i += len;
            }
            if let Some(c) = last {
                prev = c;
            } else if newline {
                prev = '\n';
            } else if i > gap && prev.is_alphabetic() {
                prev = 'a';
            }
            if i == bytes.len() {
                break;
            }
            let start = i;
            let mut lower = false;
            while i < bytes.len() {
                let b = bytes[i];
                if b.is_ascii() {
                    if !(b.is_ascii_alphanumeric() || b == b'\'') {
                        break;
                    }
                    lower |= b.is_ascii_lowercase();
                    i += 1;
                    continue;
                }
                let (c, len) = char_at(i);
                if !c.is_alphanumeric() {
                    break;
                }
                lower |= c.is_lowercase();
                i += len;
            }
            let end_char = body[start..i].chars().next_back().unwrap_or('a');
            let word = &body[start..i];
            let opens = matches!(prev, '.' | '!' | '?' | '\n' | '"' | ':');
            // A label of a table row ("Net 1,234 vs 987") or a word after a
            // number ("4th Qtr") is capitalised by the layout.
            let cell = prev.is_ascii_digit()
                || bytes[i..]
                    .iter()
                    .find(|&&b| b != b' ')
                    .is_some_and(u8::is_ascii_digit);
            prev = end_char;
            if opens
                || cell
                || !lower
                || lengths & 1 << word.len().min(63) == 0
            {
                continue;
            }
            let t = tag(word.as_bytes());
            let Some(&head) = words
                .iter()
                .zip(&tags)
                .find(|(w, &wt)| wt == t && w.eq_ignore_ascii_case(word))
                .map(|(w, _)| w)
            else {
                continue;
            };
            match seen.iter_mut().find(|s| s.0 == head && s.1 == word) {
                Some(s) => s.2 += 1,
                None => seen.push((head, word, 1)),
            }
        }
        // The most frequent spelling of each word first, so that `spell`
        // finds it.
        seen.sort_by(|a, b| {
            a.0.to_lowercase().cmp(&b.0.to_lowercase()).then(b.2.cmp(&a.2))
        });
        seen
    }

    #[test]
    fn ascii_classes_are_those_of_std() {
        for b in 0..128u8 {
            let c = char::from(b);
            let class = CLASS[usize::from(b)];
            assert_eq!(class & SPACE != 0, c.is_whitespace(), "{b}");
            assert_eq!(class & ALNUM != 0, b.is_ascii_alphanumeric(), "{b}");
            assert_eq!(class & LOWER != 0, b.is_ascii_lowercase(), "{b}");
            assert_eq!(
                class & IN_WORD != 0,
                b.is_ascii_alphanumeric() || b == b'\'',
                "{b}"
            );
        }
        assert!((128..=255).all(|b| CLASS[b] == OTHER));
    }

    #[test]
    fn body_forms_are_those_of_the_reference() {
        let corpus = include_str!("../../sample_corpus/wire.jsonl");
        let mut texts: Vec<String> = corpus
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter_map(|v| Some(v.get("body")?.as_str()?.to_string()))
            .collect();
        texts.push(
            "Émigrés' CAFÉ ’s naïve 4th Qtr\n\nNet 12 vs 10. O'Neill's".into(),
        );
        texts.push("".into());
        let heads = [
            "Net",
            "Qtr",
            "cafe",
            "CAFÉ",
            "naïve",
            "said",
            "the",
            "O'Neill's",
            "Reuters",
            "Bank",
            "shr",
            "vs",
            "U",
            "a",
        ];
        for body in &texts {
            for n in [1, 3, heads.len()] {
                let words = &heads[..n];
                assert_eq!(
                    body_forms(body, words),
                    body_forms_reference(body, words),
                    "{body:?}"
                );
            }
            // The body's own words as a headline.
            let own: Vec<&str> = body
                .split(|c: char| !(c.is_alphanumeric() || c == '\''))
                .filter(|w| !w.is_empty())
                .step_by(7)
                .take(12)
                .collect();
            assert_eq!(
                body_forms(body, &own),
                body_forms_reference(body, &own)
            );
        }
    }

    #[test]
    fn capitals_and_title_case_need_truecasing() {
        assert!(needs_truecasing("BAHIA COCOA REVIEW"));
        assert!(needs_truecasing(
            "Exxon Mobil Offers Plan To End Alaska Dispute"
        ));
        assert!(!needs_truecasing(
            "Exxon Mobil offers plan to end Alaska dispute"
        ));
        assert!(!needs_truecasing("Ink helps drive democracy in Asia"));
        assert!(!needs_truecasing("1987/88"));
        assert!(!needs_truecasing("Bush Meets Blair"));
    }

    #[test]
    fn the_body_spells_the_words() {
        let body =
            "Shares of Harbor Logistics rose. Analysts at the firm said \
                    Harbor Logistics would grow.";
        assert_eq!(
            truecase_headline("HARBOR LOGISTICS SHARES RISE", body),
            "Harbor Logistics shares rise"
        );
    }

    #[test]
    fn without_a_body_the_statistics_spell_them() {
        let t = truecase_headline(
            "JAPAN SAYS TRADE TALKS WITH U.S. WILL GO ON",
            "",
        );
        assert_eq!(t, "Japan says trade talks with U.S. will go on");
        let t = truecase_headline("USX <X> DEBT CUT", "");
        assert_eq!(t, "USX debt cut");
        let t = truecase_headline("<MARLOWE KESTREL CORP> YEAR NET", "");
        assert!(t.starts_with("Marlowe Kestrel Corp year"), "{t}");
    }

    #[test]
    fn table_labels_in_the_body_do_not_count() {
        let body = "Shr 10 cts vs five cts Net 1,234 vs 987 in the 4th Qtr";
        assert_eq!(truecase_headline("NET RISES", body), "Net rises");
        assert!(!truecase_headline("4TH QTR NET", body).contains("Net"));
    }

    #[test]
    fn sentence_openers_in_the_body_do_not_count() {
        let body = "Talks ended. The talks resumed later.";
        assert_eq!(truecase_headline("TALKS END", body), "Talks end");
    }
}
