//! Names the tagger cut in two at a lower-case word inside them.
//!
//! The tagger learnt from sentences in which "and" joins two names far
//! more often than it sits inside one, so it splits "Standard and Poor's
//! Corp" into "Standard" and "Poor's Corp", "House Ways and Means
//! Committee" into "House Ways" and "Means Committee", "General Agreement
//! on Tariffs and Trade" into "General Agreement" and "Tariffs and
//! Trade". [`join_split_names`] puts such halves back together:
//!
//! - `A and B`, `A & B`: when B ends with a legal suffix ("Co", "Inc")
//!   or a word that ends the names of bodies ("Committee", "Sons"), or is
//!   only such a word, or is written but not tagged after "and" ("Harris
//!   Upham and Co"): one organisation. "IBM and Apple" stays two names;
//!   "Ford and Chrysler Corp" would be read as one, a rare cost.
//! - `A and B` with A an organisation named with "of", "on" or "for" and
//!   B one or two capitalised common nouns ("General Agreement on
//!   Tariffs" and "Trade", "Ministry of Trade" and "Industry"): one
//!   organisation. A name after "and" ("Bank of England and Barclays")
//!   stays apart: a common noun is one news text mostly writes in lower
//!   case, by the tagger's word statistics; the tagger's own span "Bank
//!   of England and Barclays" is cut in two.
//! - `A of B`, `A on B`, `A for B` with A and B both organisations: one
//!   organisation ("General Agreement on Tariffs and Trade").
//! - A demonym written just before a joined name ("American" of
//!   "American Telephone and Telegraph Co") and a first name or initial
//!   before it ("Alex." of "Alex. Brown and Sons") join it too.

use super::lexicon::{FIRM_ENDINGS, ORG_NAME_ENDINGS};
use super::text::is_legal_suffix;
use super::{ner, EntityKind, Mention, Token};
use crate::hash::hash_title;

/// Joins the halves of names cut at "and", "&", "of", "on" or "for".
/// `mentions` may come in any order; they come back sorted.
pub fn join_split_names(
    text: &str,
    tokens: &[Token],
    mentions: &mut Vec<Mention>,
) {
    split_two_bodies(text, mentions);
    mentions.sort_by_key(|m| (m.start, m.end));
    join_dangling(text, mentions);
    let mut out: Vec<Mention> = Vec::with_capacity(mentions.len());
    let mut i = 0;
    while i < mentions.len() {
        let mut m = mentions[i];
        i += 1;
        if m.kind == EntityKind::Place {
            out.push(m);
            continue;
        }
        let span = &text[m.start..m.end];
        let mut joined = m.kind == EntityKind::Org
            && (span.contains(" and ") || span.contains(" & "))
            && ends_like_a_firm(span);
        loop {
            let next = mentions.get(i).copied();
            if let Some(n) = next.filter(|n| joins(text, &m, n)) {
                m = Mention {
                    kind: EntityKind::Org,
                    start: m.start,
                    end: n.end,
                };
                i += 1;
                joined = true;
                continue;
            }
            if let Some(end) = untagged_firm_tail(text, tokens, &m, next) {
                m = Mention { kind: EntityKind::Org, start: m.start, end };
                joined = true;
            }
            break;
        }
        if joined {
            // "American" + "Telephone and Telegraph Co", "Alex." + "Brown
            // and Sons": the word before belongs to the name.
            if let Some(prev) = out.last().copied() {
                let gap = &text[prev.end..m.start];
                let word = &text[prev.start..prev.end];
                // A place only as a first name the tagger misread
                // ("Alex." before "Brown and Sons").
                let short = !word.contains(' ') && word.len() <= 4;
                let glued = (gap == " " && prev.kind != EntityKind::Place)
                    || (gap == ". " && short);
                if glued {
                    out.pop();
                    m.start = prev.start;
                }
            }
        }
        out.push(m);
    }
    *mentions = out;
}

/// Words no name ends with: a mention ending so was cut before the rest.
/// ("and" is no such word here: "Goldman and" before "Blackstone" is
/// more often two names.)
const DANGLING: &[&str] = &["of", "for", "on"];

/// Joins a person's or organisation's name that ends with a word no name
/// ends with ("Federal Reserve Bank of") and the one-word mentions written
/// right after it, one space apart ("New", "York"): the tagger's pieces
/// of "Federal Reserve Bank of New York". A name of several words after
/// it is a name of its own. `mentions` are sorted.
fn join_dangling(text: &str, mentions: &mut Vec<Mention>) {
    let dangles = |m: &Mention| {
        text[m.start..m.end]
            .rsplit(' ')
            .next()
            .is_some_and(|w| DANGLING.contains(&w))
    };
    let mut out: Vec<Mention> = Vec::with_capacity(mentions.len());
    let mut rest = mentions.iter().copied().peekable();
    while let Some(mut m) = rest.next() {
        if m.kind != EntityKind::Place && dangles(&m) {
            while let Some(n) = rest.next_if(|n| {
                text.get(m.end..n.start) == Some(" ")
                    && !text[n.start..n.end].contains(' ')
            }) {
                m.end = n.end;
            }
        }
        out.push(m);
    }
    *mentions = out;
}

/// True when mention `a` and the next mention `b` are halves of one name.
fn joins(text: &str, a: &Mention, b: &Mention) -> bool {
    if b.kind == EntityKind::Place || b.start < a.end {
        return false;
    }
    let (a_text, b_text) = (&text[a.start..a.end], &text[b.start..b.end]);
    match &text[a.end..b.start] {
        " and " | " & " => {
            ends_like_a_firm(b_text)
                || a.kind == EntityKind::Org
                    && [" of ", " on ", " for "]
                        .iter()
                        .any(|c| a_text.contains(c))
                    && is_common_noun_list(b_text)
        }
        " of " | " on " | " for " => {
            a.kind == EntityKind::Org && b.kind == EntityKind::Org
        }
        _ => false,
    }
}

/// Cuts an organisation the tagger read as "A and B", with A named with
/// "of", "on" or "for" and B one capitalised word that is no common noun
/// and ends no firm's name ("Bank of England and Barclays"), in two.
fn split_two_bodies(text: &str, mentions: &mut Vec<Mention>) {
    let mut cut: Vec<Mention> = Vec::new();
    for m in mentions.iter_mut().filter(|m| m.kind == EntityKind::Org) {
        let span = &text[m.start..m.end];
        let Some(and) = span.rfind(" and ") else {
            continue;
        };
        let (a, b) = (&span[..and], &span[and + 5..]);
        let two = [" of ", " on ", " for "].iter().any(|c| a.contains(c))
            && !b.contains(' ')
            && b.chars().next().is_some_and(char::is_uppercase)
            && !ends_like_a_firm(b)
            && !is_common_noun_list(b);
        if two {
            let b_start = m.start + and + 5;
            cut.push(Mention {
                kind: EntityKind::Org,
                start: b_start,
                end: m.end,
            });
            m.end = m.start + and;
        }
    }
    mentions.extend(cut);
}

/// True for one or two capitalised words that news text mostly writes in
/// lower case ("Trade", "Industry", "Economic Development").
pub(crate) fn is_common_noun_list(words: &str) -> bool {
    let clusters = &ner::embedded_model().clusters;
    let common = |w: &str| {
        w.chars().next().is_some_and(char::is_uppercase)
            && clusters
                .get(hash_title(w.as_bytes()))
                .is_some_and(|i| i.lower_share >= 4)
    };
    let n = words.split(' ').count();
    (1..=2).contains(&n) && words.split(' ').all(common)
}

/// The end of "and Co", "& Sons Inc" written untagged after a name: the
/// firm's tail, up to four capitalised words ending like a firm.
fn untagged_firm_tail(
    text: &str,
    tokens: &[Token],
    m: &Mention,
    next: Option<Mention>,
) -> Option<usize> {
    let i = tokens.partition_point(|t| t.start < m.end);
    let and = tokens.get(i)?;
    let and_text = &text[and.start..and.end];
    if !matches!(and_text, "and" | "&") || text.get(m.end..and.start)? != " " {
        return None;
    }
    let limit = next.map_or(text.len(), |n| n.start);
    let mut end = None;
    let mut prev_end = and.end;
    for t in tokens.iter().skip(i + 1).take(5) {
        let w = &text[t.start..t.end];
        if t.start >= limit || text.get(prev_end..t.start)? != " " {
            break;
        }
        if w == "." {
            // "Co." : the dot is part of the suffix.
            break;
        }
        if !w.chars().next().is_some_and(char::is_uppercase) {
            break;
        }
        prev_end = t.end;
        if ends_like_a_firm(w) {
            end = Some(t.end);
        }
    }
    end
}

/// True when a name's last word is a legal suffix or ends the names of
/// bodies and firms: "Poor's Corp", "Means Committee", "Sons", "Co.".
fn ends_like_a_firm(name: &str) -> bool {
    let Some(last) = name.split_whitespace().last() else {
        return false;
    };
    let bare = last.trim_end_matches('.');
    is_legal_suffix(last)
        || ORG_NAME_ENDINGS.contains(&bare)
        || FIRM_ENDINGS.contains(&bare)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::ner;

    /// Mentions for the listed spans of `text` (kind, exact substring).
    #[track_caller]
    fn joined(text: &str, spans: &[(EntityKind, &str)]) -> Vec<String> {
        let tokens = ner::tokenize(text);
        let mut mentions = Mention::at_first(text, spans);
        join_split_names(text, &tokens, &mut mentions);
        mentions.iter().map(|m| text[m.start..m.end].to_string()).collect()
    }

    use EntityKind::{Misc, Org, Person, Place};

    #[test]
    fn a_name_cut_after_of_takes_the_words_after_it() {
        let t = "Loans fell, the Federal Reserve Bank of New York said.";
        let got = joined(
            t,
            &[(Org, "Federal Reserve Bank of"), (Place, "New"), (Org, "York")],
        );
        assert_eq!(got, ["Federal Reserve Bank of New York"]);
        // A name that ends well keeps its neighbour apart.
        let t = "the Bank of Japan Governor Satoshi Sumita said.";
        let got =
            joined(t, &[(Org, "Bank of Japan"), (Person, "Satoshi Sumita")]);
        assert_eq!(got, ["Bank of Japan", "Satoshi Sumita"]);
        // Nor does a name of several words after "of" join.
        let t = "a report by the Bank of Satoshi Sumita said.";
        let got = joined(t, &[(Org, "Bank of"), (Person, "Satoshi Sumita")]);
        assert_eq!(got, ["Bank of", "Satoshi Sumita"]);
    }

    #[test]
    fn a_body_named_with_of_or_on_keeps_its_and_of_common_nouns() {
        let t = "Japan told the General Agreement on Tariffs and Trade so.";
        assert_eq!(
            joined(
                t,
                &[(Org, "General Agreement on Tariffs"), (Org, "Trade")]
            ),
            ["General Agreement on Tariffs and Trade"]
        );
        let t = "The Ministry of Trade and Industry said so.";
        assert_eq!(
            joined(t, &[(Org, "Ministry of Trade"), (Org, "Industry")]),
            ["Ministry of Trade and Industry"]
        );
        // A name after "and" is another body, even in one span.
        let t = "The Bank of England and Barclays said so.";
        assert_eq!(
            joined(t, &[(Org, "Bank of England"), (Org, "Barclays")]),
            ["Bank of England", "Barclays"]
        );
        assert_eq!(
            joined(t, &[(Org, "Bank of England and Barclays")]),
            ["Bank of England", "Barclays"]
        );
        let t = "The Ministry of Trade and Industry said so.";
        assert_eq!(
            joined(t, &[(Org, "Ministry of Trade and Industry")]),
            ["Ministry of Trade and Industry"]
        );
        // Without "of", "on" or "for", two bodies.
        let t = "Ford and Trade unions met.";
        assert_eq!(
            joined(t, &[(Org, "Ford"), (Org, "Trade")]),
            ["Ford", "Trade"]
        );
    }

    #[test]
    fn a_firm_cut_at_and_is_one_organisation() {
        let t = "Standard and Poor's Corp cut the rating.";
        assert_eq!(
            joined(t, &[(Org, "Standard"), (Org, "Poor's Corp")]),
            ["Standard and Poor's Corp"]
        );
        let t = "The House Ways and Means Committee met.";
        assert_eq!(
            joined(t, &[(Org, "House Ways"), (Org, "Means Committee")]),
            ["House Ways and Means Committee"]
        );
        let t = "American Telephone and Telegraph Co said.";
        assert_eq!(
            joined(
                t,
                &[(Misc, "American"), (Org, "Telephone and Telegraph Co")]
            ),
            ["American Telephone and Telegraph Co"]
        );
        let t = "Alex. Brown and Sons Inc raised it.";
        assert_eq!(
            joined(t, &[(Person, "Alex"), (Person, "Brown")]),
            ["Alex. Brown and Sons Inc"]
        );
        assert_eq!(
            joined(t, &[(Place, "Alex"), (Person, "Brown")]),
            ["Alex. Brown and Sons Inc"]
        );
        let t = "Paris. Brown and Sons Inc said.";
        assert_eq!(
            joined(t, &[(Place, "Paris"), (Person, "Brown")]),
            ["Paris", "Brown and Sons Inc"]
        );
        let t = "Smith Barney, Harris Upham and Co said.";
        assert_eq!(
            joined(t, &[(Person, "Smith Barney"), (Person, "Harris Upham")]),
            ["Smith Barney", "Harris Upham and Co"]
        );
    }

    #[test]
    fn a_body_cut_at_on_is_one_organisation() {
        let t = "the General Agreement on Tariffs and Trade met";
        assert_eq!(
            joined(
                t,
                &[(Org, "General Agreement"), (Org, "Tariffs and Trade")]
            ),
            ["General Agreement on Tariffs and Trade"]
        );
    }

    #[test]
    fn two_names_stay_two() {
        let t = "IBM and Apple said so.";
        assert_eq!(
            joined(t, &[(Org, "IBM"), (Org, "Apple")]),
            ["IBM", "Apple"]
        );
        let t = "Britain and France Co";
        assert_eq!(
            joined(t, &[(Place, "Britain"), (Place, "France")]),
            ["Britain", "France"]
        );
        let t = "John Smith of Acme Corp said.";
        assert_eq!(
            joined(t, &[(Person, "John Smith"), (Org, "Acme Corp")]),
            ["John Smith", "Acme Corp"]
        );
        let t = "Jones and his wife";
        assert_eq!(joined(t, &[(Person, "Jones")]), ["Jones"]);
    }
}
