//! Tokenizer and sentence splitter for raw article text.
//!
//! Splits text into tokens the way the CoNLL-2003 data is tokenized:
//! punctuation apart from words, possessive `'s` and `n't` as tokens of
//! their own, abbreviations such as `U.S.`, `Mr.` or `Sept.` kept whole,
//! hyphenated words and numbers such as `1,200.5` kept whole. Tokens are
//! byte ranges into the input; [`normalize`] maps curly quotes and dashes
//! to the ASCII forms the model was trained on.
//!
//! Sentences end at `.`, `!` or `?` (plus any closing quotes or
//! brackets), at a blank line, and at a line break after a short line
//! (headlines, datelines, boilerplate). Hard-wrapped body text does not
//! end a sentence at each line break. This module does not do any
//! tagging.

use crate::extract::lexicon::TOKEN_ABBREVIATIONS;
use crate::extract::{char_at, Token};
use std::borrow::Cow;

/// Characters split off the front of a word.
fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '('
            | '['
            | '{'
            | '<'
            | '`'
            | '\u{201C}'
            | '\u{201D}'
            | '\u{2018}'
            | '\u{2019}'
            | '\u{00AB}'
    )
}

/// Characters split off the end of a word (the period is handled apart).
fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | ')'
            | ']'
            | '}'
            | '>'
            | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | '\u{201C}'
            | '\u{201D}'
            | '\u{2018}'
            | '\u{2019}'
            | '\u{00BB}'
    )
}

/// True for an apostrophe, straight or curly.
fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}')
}

/// Maps a token to the spelling the model knows: curly quotes become
/// straight ones and long dashes become `-`. Borrows when nothing changes.
pub fn normalize(token: &str) -> Cow<'_, str> {
    if token.is_ascii() {
        return Cow::Borrowed(token);
    }
    let mut out = String::with_capacity(token.len());
    for c in token.chars() {
        match c {
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{2032}' => {
                out.push('\'')
            }
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}' => {
                out.push('"')
            }
            '\u{2013}' | '\u{2014}' | '\u{2212}' => out.push('-'),
            '\u{00A0}' => out.push(' '),
            _ => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// True when the word (without its final period) is an abbreviation that
/// keeps the period: `U.S.`, `J.`, `Mr.`, `Inc.`.
fn keeps_period(word: &str) -> bool {
    let stem = &word[..word.len() - 1];
    if stem.is_empty() {
        return false;
    }
    if stem.contains('.') {
        // U.S. / a.m. / U.N. (but not "end..." handled by caller)
        return stem.chars().all(|c| c.is_alphabetic() || c == '.');
    }
    let mut chars = stem.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return c.is_uppercase();
    }
    stem.len() <= 6
        && TOKEN_ABBREVIATIONS.iter().any(|a| stem.eq_ignore_ascii_case(a))
}

/// Pushes the tokens of one whitespace-free chunk `text[s..e]`.
/// Returns true when the chunk ends a sentence. `quote` false says that
/// the chunk has no apostrophe, so no clitic to split off.
fn split_chunk(
    text: &str,
    s: usize,
    e: usize,
    quote: bool,
    tail: &mut Vec<(usize, usize)>,
    out: &mut Vec<Token>,
) -> bool {
    let push = |out: &mut Vec<Token>, a: usize, b: usize| {
        if a < b {
            out.push(Token { start: a, end: b, sentence_start: false });
        }
    };
    // Contractions standing alone: 's 're n't ...
    let mut start = s;
    // Leading openers.
    while start < e {
        let rest = &text[start..e];
        let Some(c) = rest.chars().next() else { break };
        if !is_opener(c) {
            break;
        }
        if is_apostrophe(c) && is_clitic(rest) {
            break;
        }
        let n = c.len_utf8();
        push(out, start, start + n);
        start += n;
    }
    // Trailing closers and periods, collected in reverse into `tail`
    // (the caller's buffer: no allocation per chunk).
    let mut end = e;
    tail.clear();
    let mut keep = |r: (usize, usize)| tail.push(r);
    let mut sentence_end = false;
    loop {
        if end <= start {
            break;
        }
        let rest = &text[start..end];
        let Some(c) = rest.chars().next_back() else { break };
        let n = c.len_utf8();
        if c == '.' {
            // Ellipsis "..." as one token.
            if rest.ends_with("...") && rest.len() > 3 {
                keep((end - 3, end));
                end -= 3;
                continue;
            }
            if rest == "..." || rest == "." {
                sentence_end = true;
                break;
            }
            if keeps_period(rest) {
                break;
            }
            keep((end - 1, end));
            sentence_end = true;
            end -= 1;
            continue;
        }
        if is_closer(c) {
            if matches!(c, '!' | '?') {
                sentence_end = true;
            }
            // Plural possessive "workers'" keeps going below.
            keep((end - n, end));
            end -= n;
            continue;
        }
        break;
    }
    if start < end {
        if quote {
            split_word(text, start, end, out);
        } else {
            out.push(Token { start, end, sentence_start: false });
        }
    }
    for &(a, b) in tail.iter().rev() {
        push(out, a, b);
    }
    if tail.is_empty() && start < end {
        // "?" / "!" or "." chunk alone
        let w = &text[start..end];
        if matches!(w, "." | "!" | "?" | "...") {
            sentence_end = true;
        }
    }
    sentence_end
}

/// True when `rest` (starting with an apostrophe) is a clitic token such
/// as `'s`, `'re` or `'ll`.
fn is_clitic(rest: &str) -> bool {
    let mut chars = rest.chars();
    chars.next();
    is_clitic_tail(chars.as_str())
}

/// True for what follows the apostrophe of a clitic: `s`, `re`, `ve`,
/// `ll`, `d` or `m`, in any case.
fn is_clitic_tail(tail: &str) -> bool {
    ["s", "re", "ve", "ll", "d", "m"]
        .iter()
        .any(|c| tail.eq_ignore_ascii_case(c))
}

/// The byte offset and length of the last apostrophe (straight or
/// curly) of `w`, found on the bytes: a curly one is `E2 80 98` or
/// `E2 80 99`.
fn last_apostrophe(w: &str) -> Option<(usize, usize)> {
    let b = w.as_bytes();
    let mut k = b.len();
    while k > 0 {
        k -= 1;
        match b[k] {
            b'\'' => return Some((k, 1)),
            0x98 | 0x99 if k >= 2 && b[k - 2] == 0xe2 && b[k - 1] == 0x80 => {
                return Some((k - 2, 3))
            }
            _ => {}
        }
    }
    None
}

/// Splits a word core into word + clitic (`'s`, `n't`, ...).
fn split_word(text: &str, s: usize, e: usize, out: &mut Vec<Token>) {
    let w = &text[s..e];
    let tok = |a, b| Token { start: a, end: b, sentence_start: false };
    // Find the last apostrophe.
    if let Some((i, n)) = last_apostrophe(w) {
        let after = &w[i + n..];
        if i > 0 && is_clitic_tail(after) {
            // n't: "don't" -> "do" "n't"
            out.push(tok(s, s + i));
            out.push(tok(s + i, e));
            return;
        }
        if after.eq_ignore_ascii_case("t")
            && i > 1
            && w.as_bytes()[i - 1].eq_ignore_ascii_case(&b'n')
        {
            out.push(tok(s, s + i - 1));
            out.push(tok(s + i - 1, e));
            return;
        }
    }
    out.push(tok(s, e));
}

/// Splits `text` into tokens with byte offsets and sentence-start flags.
///
/// # Example
///
/// ```
/// use newsdex::extract::ner::tokenize;
/// let text = "Kuala Lumpur's mayor.";
/// let words: Vec<&str> =
///     tokenize(text).iter().map(|t| &text[t.start..t.end]).collect();
/// assert_eq!(words, ["Kuala", "Lumpur", "'s", "mayor", "."]);
/// ```
pub fn tokenize(text: &str) -> Vec<Token> {
    // News text has a token every five or six bytes: room for all of
    // them at once instead of growing by copies.
    let mut out: Vec<Token> = Vec::with_capacity(text.len() / 4 + 16);
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut new_sentence = true;
    let mut line_start = 0;
    let mut tail = Vec::new();
    while i < bytes.len() {
        // Skip whitespace, watching line breaks.
        let Some(c) = char_at(text, i) else { break };
        if c.is_whitespace() {
            if c == '\n' {
                let line = text[line_start..i].trim();
                let blank = line.is_empty();
                if blank || line.len() < 50 {
                    new_sentence = true;
                }
                line_start = i + 1;
            }
            i += c.len_utf8();
            continue;
        }
        let s = i;
        // Whether the chunk has an apostrophe (or a byte of a curly one).
        let mut quote = false;
        while i < bytes.len() {
            let b = bytes[i];
            if b < 0x80 {
                if char::from(b).is_whitespace() {
                    break;
                }
                quote |= b == b'\'';
                i += 1;
                continue;
            }
            let Some(c) = char_at(text, i) else { break };
            if c.is_whitespace() {
                break;
            }
            quote = true;
            i += c.len_utf8();
        }
        let first = out.len();
        let plain = !quote
            && bytes[s].is_ascii_alphanumeric()
            && bytes[i - 1].is_ascii_alphanumeric();
        let ends = if plain {
            // Most chunks are a plain word ("said", "1,200"): nothing to
            // split off either end and no sentence end, which is what
            // `split_chunk` finds for them, without its char decoding.
            out.push(Token { start: s, end: i, sentence_start: false });
            false
        } else {
            split_chunk(text, s, i, quote, &mut tail, &mut out)
        };
        if new_sentence && out.len() > first {
            out[first].sentence_start = true;
            new_sentence = false;
        }
        if ends {
            new_sentence = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_chunks_are_the_one_token_split_chunk_finds() {
        let corpus = include_str!("../../../sample_corpus/wire.jsonl");
        let text = format!("{corpus} 1,200.5 U.S a.b x-y 3rd e.g a/b");
        let mut tail = Vec::new();
        let mut plain = 0;
        for w in text.split_whitespace() {
            let s = w.as_ptr() as usize - text.as_ptr() as usize;
            let e = s + w.len();
            let b = w.as_bytes();
            if w.contains('\'')
                || !b[0].is_ascii_alphanumeric()
                || !b[b.len() - 1].is_ascii_alphanumeric()
            {
                continue;
            }
            plain += 1;
            let mut out = Vec::new();
            let ends = split_chunk(&text, s, e, false, &mut tail, &mut out);
            assert!(!ends, "{w}");
            let one = Token { start: s, end: e, sentence_start: false };
            assert_eq!(out, [one], "{w}");
        }
        assert!(plain > 1000);
    }

    #[track_caller]
    fn check(text: &str, expected: &str) {
        let got: Vec<String> = tokenize(text)
            .iter()
            .map(|t| {
                let w = &text[t.start..t.end];
                if t.sentence_start {
                    format!("|{w}")
                } else {
                    w.to_string()
                }
            })
            .collect();
        assert_eq!(got.join(" "), expected);
    }

    #[test]
    fn possessives_and_clitics() {
        check("Kuala Lumpur's tower", "|Kuala Lumpur 's tower");
        check("Kuala Lumpur\u{2019}s tower", "|Kuala Lumpur \u{2019}s tower");
        check("He didn't go.", "|He did n't go .");
        check("the workers' union", "|the workers ' union");
        check("I won\u{2019}t GO", "|I wo n\u{2019}t GO");
        check("DON'T rock\u{2018}S", "|DO N'T rock \u{2018}S");
        check("naïve café owners", "|naïve café owners");
    }

    #[test]
    fn abbreviations() {
        check(
            "The U.S. and Mr. Smith met in Sept. at Acme Inc. offices.",
            "|The U.S. and Mr. Smith met in Sept. at Acme Inc. offices .",
        );
        check("J. Smith left. He went.", "|J. Smith left . |He went .");
    }

    #[test]
    fn quotes_and_hyphens() {
        check(
            "\"very constructive\", he said (Reuters).",
            "|\" very constructive \" , he said ( Reuters ) .",
        );
        check(
            "\u{201C}Fine\u{201D} said Bosnian-Serb leader",
            "|\u{201C} Fine \u{201D} said Bosnian-Serb leader",
        );
        check("'Fine' he said", "|' Fine ' he said");
        check("up 1,200.5 pct", "|up 1,200.5 pct");
        check(
            "Jean-Claude Juncker's Bosnian-Serb allies",
            "|Jean-Claude Juncker 's Bosnian-Serb allies",
        );
    }

    #[test]
    fn datelines_and_lines() {
        check(
            "KUALA LUMPUR, Oct 25 (Reuters) - Talks began.",
            "|KUALA LUMPUR , Oct 25 ( Reuters ) - Talks began .",
        );
        check("It ended.\nLatest News", "|It ended . |Latest News");
        check("Headline here\n\nBody text", "|Headline here |Body text");
        check("Why? Because! Done", "|Why ? |Because ! |Done");
    }

    #[test]
    fn normalizes_quotes() {
        assert_eq!(normalize("\u{2019}s"), "'s");
        assert_eq!(normalize("\u{201C}"), "\"");
        assert_eq!(normalize("plain"), "plain");
    }
}
