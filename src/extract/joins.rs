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
//!   of England and Barclays" is cut in two, and so is one of two names
//!   of bodies ("International Monetary Fund and World Bank", "World
//!   Bank and IMF").
//! - `A of B`, `A on B`, `A for B` with A and B both organisations: one
//!   organisation ("General Agreement on Tariffs and Trade").
//! - A demonym written just before a joined name ("American" of
//!   "American Telephone and Telegraph Co") and a first name or initial
//!   before it ("Alex." of "Alex. Brown and Sons") join it too.

use super::lexicon::{FIRM_ENDINGS, FOREIGN_COMPANY_HEADS, ORG_NAME_ENDINGS};
use super::text::{is_acronym, is_legal_suffix, offset_in};
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
    split_after_suffix(text, mentions);
    bracketed_names(text, mentions);
    mentions.sort_by_key(|m| (m.start, m.end));
    join_company_heads(text, mentions);
    join_dangling(text, mentions);
    join_name_pairs(text, mentions);
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
                if matches!(&text[m.end..n.start], " of " | " on " | " for ") {
                    m.start = untagged_head(text, tokens, &m, out.last());
                }
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
        if let Some((keep, start)) = partners_before(text, &out, &m) {
            out.truncate(keep);
            m.start = start;
            m.kind = EntityKind::Org;
            joined = false;
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
                // A firm's whole name ("Standard and Poor's Corp.") is
                // no first word of the next.
                // A partner's name before the others: "Alex, Brown and
                // Sons Inc", "Donaldson, Lufkin and Jenrette".
                let partner = gap == ", "
                    && prev.kind == EntityKind::Person
                    && !word.contains(' ')
                    && begins_with_partners(&text[m.start..m.end]);
                let glued = (gap == " "
                    && prev.kind != EntityKind::Place
                    && !ends_like_a_firm(word))
                    || (gap == ". " && short)
                    || partner;
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

/// When the firm's name `m` follows "A, B and " with A and B one word
/// each, A tagged as anything but an organisation and B left untagged or
/// tagged like A ("Donaldson" + ", Lufkin and " + "Jenrette Securities
/// Corp", one firm named after three people), the mentions of `out` to
/// keep and the start of the whole name. A list of firms has each name
/// tagged as an organisation.
fn partners_before(
    text: &str,
    out: &[Mention],
    m: &Mention,
) -> Option<(usize, usize)> {
    if !ends_like_a_firm(&text[m.start..m.end]) {
        return None;
    }
    let one_word = |n: &Mention| {
        n.kind != EntityKind::Org && !text[n.start..n.end].contains(' ')
    };
    let n = out.len();
    let last = out.last().filter(|l| one_word(l))?;
    let gap = text.get(last.end..m.start)?;
    const ANDS: [&str; 3] = [" and ", " & ", ", and "];
    if ANDS.contains(&gap) {
        // B tagged: A is the mention before it, a comma apart.
        let a = out.get(n.checked_sub(2)?)?;
        let listed = one_word(a)
            && a.kind == last.kind
            && text.get(a.end..last.start) == Some(", ");
        return listed.then_some((n - 2, a.start));
    }
    // B untagged, between A (the last mention) and `m`.
    let b = gap
        .strip_prefix(", ")
        .and_then(|g| ANDS.iter().find_map(|c| g.strip_suffix(c)))?;
    let is_word = b.chars().next().is_some_and(char::is_uppercase)
        && b.chars().all(char::is_alphabetic);
    is_word.then_some((n - 1, last.start))
}

/// Takes a company word of another language written just before a
/// person's or organisation's name into it, as one organisation:
/// "Companhia" + "Siderurgica Nacional" (tagged a person). The word may
/// be a mention of its own or untagged. `mentions` are sorted and come
/// back sorted.
fn join_company_heads(text: &str, mentions: &mut Vec<Mention>) {
    let mut i = 0;
    while i < mentions.len() {
        let m = mentions[i];
        i += 1;
        if !matches!(m.kind, EntityKind::Person | EntityKind::Org) {
            continue;
        }
        // One space, or the wire's double space or line break.
        let head = text[..m.start].trim_end_matches([' ', '\n']);
        if head.len() == m.start || m.start - head.len() > 3 {
            continue;
        }
        let word =
            head.rsplit(|c: char| !c.is_alphabetic()).next().unwrap_or("");
        let word_start = head.len() - word.len();
        if !FOREIGN_COMPANY_HEADS.contains(&word) {
            continue;
        }
        // The word's own mention, if tagged, goes.
        let before = i - 1;
        let own =
            before.checked_sub(1).filter(|&j| mentions[j].start == word_start);
        let at = match own {
            Some(j) => {
                mentions.remove(j);
                i -= 1;
                j
            }
            None => before,
        };
        mentions[at] =
            Mention { kind: EntityKind::Org, start: word_start, end: m.end };
    }
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

/// The start of a capitalised word the tagger left out right before a
/// body's name ("General" of "the General Agreement on ..."), when the
/// word before it is lower case (so it does not begin a sentence);
/// otherwise `m`'s own start.
fn untagged_head(
    text: &str,
    tokens: &[Token],
    m: &Mention,
    prev: Option<&Mention>,
) -> usize {
    let i = tokens.partition_point(|t| t.end <= m.start);
    let (Some(head), Some(before)) = (
        i.checked_sub(1).map(|i| tokens[i]),
        i.checked_sub(2).map(|i| tokens[i]),
    ) else {
        return m.start;
    };
    let (w, b) =
        (&text[head.start..head.end], &text[before.start..before.end]);
    let capitalised = w.chars().next().is_some_and(char::is_uppercase)
        && w.chars().skip(1).all(char::is_lowercase);
    let tagged = prev.is_some_and(|p| p.end > head.start);
    if capitalised
        && !tagged
        && text.get(head.end..m.start) == Some(" ")
        && b.chars().all(char::is_lowercase)
        && !b.is_empty()
    {
        head.start
    } else {
        m.start
    }
}

/// A name the wire writes in angle brackets ("<Wagner and Brown>",
/// "<Donaldson, Lufkin and Jenrette>": how 1980s Reuters copy marks a
/// company without a ticker) is one organisation, whatever the tagger
/// made of its words. A ticker ("<BA>") is no such name.
fn bracketed_names(text: &str, mentions: &mut Vec<Mention>) {
    if !text.contains('<') {
        return;
    }
    let mut names: Vec<Mention> = Vec::new();
    let mut rest = 0;
    while let Some(open) = text[rest..].find('<').map(|i| rest + i) {
        let Some(close) = text[open + 1..].find(['>', '<', '\n']) else {
            break;
        };
        let close = open + 1 + close;
        rest = close;
        let inner = &text[open + 1..close];
        let is_name = text[close..].starts_with('>')
            && inner.len() <= 80
            && inner.chars().next().is_some_and(char::is_uppercase)
            && inner.chars().any(char::is_lowercase)
            && !inner.ends_with(' ');
        let tagged =
            || mentions.iter().any(|m| m.start < close && open < m.end);
        if is_name && tagged() {
            names.push(Mention {
                kind: EntityKind::Org,
                start: open + 1,
                end: close,
            });
        }
    }
    if names.is_empty() {
        return;
    }
    mentions
        .retain(|m| !names.iter().any(|n| m.start < n.end && n.start < m.end));
    mentions.extend(names);
}

/// Joins two one-word names the tagger read as people, written "A and
/// B" ("Wagner and Brown", "Duff and Phelps"), into one organisation
/// when the article writes the pair at least twice, or once listed with
/// an organisation "and" apart ("AFG Industries Inc and Wagner and
/// Brown"), never either name without the other, and neither as the
/// family name of a person it names in full: the firm named after its
/// founders. "Reagan and Baker" stays two people when the article names
/// "James Baker", writes "Reagan" alone or the pair once by itself.
/// `mentions` are sorted.
fn join_name_pairs(text: &str, mentions: &mut Vec<Mention>) {
    let word = |m: &Mention| &text[m.start..m.end];
    let one_word_person =
        |m: &Mention| m.kind == EntityKind::Person && !word(m).contains(' ');
    let pairs: Vec<usize> = (1..mentions.len())
        .filter(|&i| {
            let (a, b) = (&mentions[i - 1], &mentions[i]);
            one_word_person(a)
                && one_word_person(b)
                && matches!(&text[a.end..b.start], " and " | " & ")
        })
        .collect();
    if pairs.is_empty() {
        return;
    }
    // How often each word is a one-word person of the article, how
    // often one of a pair, and whether it ends a fuller person's name.
    let written = |w: &str| {
        mentions.iter().filter(|m| one_word_person(m) && word(m) == w).count()
    };
    let in_full_name = |w: &str| {
        mentions.iter().any(|m| {
            m.kind == EntityKind::Person
                && word(m).split(' ').skip(1).any(|x| x == w)
        })
    };
    let in_pairs = |w: &str| {
        pairs
            .iter()
            .filter(|&&i| {
                word(&mentions[i - 1]) == w || word(&mentions[i]) == w
            })
            .count()
    };
    // The pair listed with an organisation, "and" apart: "Wagner and
    // Brown and AFG Industries Inc", "AFG Industries Inc and Wagner and
    // Brown". Two people and a firm would be written with a comma.
    let beside_a_firm = |i: usize| {
        let (a, b) = (&mentions[i - 1], &mentions[i]);
        let before =
            i.checked_sub(2).and_then(|j| mentions.get(j)).is_some_and(|m| {
                m.kind == EntityKind::Org
                    && text.get(m.end..a.start).is_some_and(and_after_ticker)
            });
        let after = mentions.get(i + 1).is_some_and(|m| {
            m.kind == EntityKind::Org
                && text.get(b.end..m.start) == Some(" and ")
        });
        before || after
    };
    let join: Vec<usize> = pairs
        .iter()
        .copied()
        .filter(|&i| {
            let listed = beside_a_firm(i);
            [word(&mentions[i - 1]), word(&mentions[i])].iter().all(|w| {
                let paired = in_pairs(w);
                (paired >= 2 || listed)
                    && written(w) == paired
                    && !in_full_name(w)
            })
        })
        .collect();
    for &i in join.iter().rev() {
        let b = mentions.remove(i);
        let a = &mut mentions[i - 1];
        a.kind = EntityKind::Org;
        a.end = b.end;
    }
}

/// True when a firm's name begins with one word and "and" or "&": a
/// partner's name and the next ("Brown and Sons Inc", "Lufkin and
/// Jenrette Securities Corp").
fn begins_with_partners(name: &str) -> bool {
    let mut words = name.split(' ');
    words
        .next()
        .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase))
        && matches!(words.next(), Some("and" | "&"))
}

/// True for " and " after a name, or after its ticker in angle brackets:
/// "AFG Industries Inc <AFG> and ".
fn and_after_ticker(gap: &str) -> bool {
    let Some(gap) = gap.strip_suffix(" and ") else {
        return false;
    };
    // After the ticker's own mention: "AFG" of "<AFG>".
    gap.is_empty()
        || gap == ">"
        || gap
            .strip_prefix(" <")
            .and_then(|g| g.strip_suffix('>'))
            .is_some_and(|t| {
                !t.is_empty()
                    && t.chars().all(|c| c.is_ascii_uppercase() || c == '.')
            })
}

/// True when mention `a` and the next mention `b` are halves of one name.
fn joins(text: &str, a: &Mention, b: &Mention) -> bool {
    if b.kind == EntityKind::Place || b.start < a.end {
        return false;
    }
    let (a_text, b_text) = (&text[a.start..a.end], &text[b.start..b.end]);
    match &text[a.end..b.start] {
        // Two bodies side by side are two ("World Bank and International
        // Monetary Fund officials"), as [`split_two_bodies`] cuts them.
        " and " | " & " if are_two_bodies(a_text, b_text) => false,
        " and " | " & " => {
            ends_like_a_firm(b_text)
                || a.kind == EntityKind::Org
                    && !a_text.contains(' ')
                    && ends_with_a_firms_s(text, b)
                || a.kind == EntityKind::Org
                    && [" of ", " on ", " for "]
                        .iter()
                        .any(|c| a_text.contains(c))
                    && is_common_noun_list(b_text)
        }
        " of " | " on " | " for " => {
            b.kind == EntityKind::Org
                && (a.kind == EntityKind::Org
                    // "Agreement" (misc) + "Tariffs and Trade": a body
                    // named after an accord, not "Uruguay Round of GATT".
                    || a.kind == EntityKind::Misc && b_text.contains(' '))
        }
        _ => false,
    }
}

/// Verbs that follow a firm's name ending in "'s" ("Standard and Poor's
/// rates the issue") where a possessive would take a noun.
const FIRM_S_VERBS: &[&str] = &[
    "said",
    "says",
    "rates",
    "rated",
    "cut",
    "lowered",
    "raised",
    "downgraded",
    "upgraded",
    "affirmed",
    "assigned",
    "placed",
    "reported",
];

/// True when the name `b` right after "and" ends with its own "'s" and
/// what follows is punctuation, a firm's ending, a number (an index:
/// "Standard and Poor's 500") or a verb a firm does ([`FIRM_S_VERBS`]),
/// so the "'s" is part of a firm's name ("rated by Standard and Poor's.",
/// "Procter and Gamble's said") rather than a possessive ("Depot and
/// Lowe's stores", "Nintendo's DS").
fn ends_with_a_firms_s(text: &str, b: &Mention) -> bool {
    let b_text = &text[b.start..b.end];
    if b.kind != EntityKind::Org
        || b_text.contains(' ')
        || !(b_text.ends_with("'s") || text[b.end..].starts_with("'s"))
    {
        return false;
    }
    let next = text[b.end..].trim_start_matches("'s").trim_start();
    let word = next.split(|c: char| !c.is_alphanumeric()).next();
    next.is_empty()
        || next.starts_with(['.', ',', ';', ':', ')'])
        || next.starts_with(|c: char| c.is_ascii_digit())
        || word
            .is_some_and(|w| FIRM_S_VERBS.contains(&w) || ends_like_a_firm(w))
}

/// Cuts an organisation the tagger read as "A and B" in two when A is
/// named with "of", "on" or "for" and B is one capitalised word that is
/// no common noun and ends no firm's name ("Bank of England and
/// Barclays"), or when both name a body of their own: A of two words or
/// more ending like one ("Fund", "Bank", "Council") and B an acronym or
/// two words or more ending like one ("International Monetary Fund and
/// World Bank", "World Bank and IMF"; also written "A/B").
fn split_two_bodies(text: &str, mentions: &mut Vec<Mention>) {
    let mut cut: Vec<Mention> = Vec::new();
    for m in mentions.iter_mut().filter(|m| m.kind == EntityKind::Org) {
        let span = &text[m.start..m.end];
        // "A and B", or "A/B" of two bodies ("International Monetary
        // Fund/World Bank meetings").
        let Some((and, gap)) = span
            .rfind(" and ")
            .map(|at| (at, 5))
            .or_else(|| span.find('/').map(|at| (at, 1)))
        else {
            continue;
        };
        let (a, b) = (&span[..and], &span[and + gap..]);
        let two = (gap == 5
            && [" of ", " on ", " for "].iter().any(|c| a.contains(c))
            && !b.contains(' ')
            && b.chars().next().is_some_and(char::is_uppercase)
            && !ends_like_a_firm(b)
            && !is_common_noun_list(b))
            || are_two_bodies(a, b);
        if two {
            let b_start = m.start + and + gap;
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

/// True when `a` and `b` each name a body of their own: `a` of two words
/// or more ending like one, `b` the same or an acronym.
fn are_two_bodies(a: &str, b: &str) -> bool {
    names_a_body(a) && (names_a_body(b) || is_acronym(b))
}

/// True for a name of two words or more whose last word ends the names
/// of bodies ("World Bank", "International Monetary Fund").
fn names_a_body(name: &str) -> bool {
    let mut words = name.split_whitespace();
    let last = words.next_back();
    words.next().is_some()
        && last.is_some_and(|w| w == "Bank" || ORG_NAME_ENDINGS.contains(&w))
}

/// Cuts an organisation the tagger ran on past a legal suffix and the end
/// of a sentence ("Poor's Corp. Montgomery Securities" of "... by
/// Standard and Poor's Corp. Montgomery Securities co-managed ...") or
/// "and" ("Drexel Burnham Lambert Inc and Donaldson" of "... Inc and
/// Donaldson, Lufkin and Jenrette ...") after the suffix. A second
/// suffix ("Co. Ltd.") or a firm's ending ("Co and Sons") stays.
fn split_after_suffix(text: &str, mentions: &mut Vec<Mention>) {
    let mut cut: Vec<Mention> = Vec::new();
    let a_name = |w: &str| {
        w.chars().next().is_some_and(char::is_uppercase)
            && !is_legal_suffix(w)
            && !FIRM_ENDINGS.contains(&w.trim_end_matches('.'))
    };
    for m in mentions.iter_mut().filter(|m| m.kind == EntityKind::Org) {
        let span = &text[m.start..m.end];
        if !span.contains(". ") && !span.contains(" and ") {
            continue;
        }
        let words: Vec<&str> = span.split_whitespace().collect();
        let at = words.windows(2).position(|w| {
            w[0].ends_with('.') && is_legal_suffix(w[0]) && a_name(w[1])
        });
        // "Drexel Burnham Lambert Inc and Donaldson, Lufkin ...": two
        // firms, "and" apart.
        let and = || {
            words.windows(3).position(|w| {
                is_legal_suffix(w[0]) && w[1] == "and" && a_name(w[2])
            })
        };
        let parts = match at {
            Some(at) => Some((words[at], words[at + 1])),
            None => {
                and().filter(|&at| at > 0).map(|at| (words[at], words[at + 2]))
            }
        };
        if let Some((suffix, next)) = parts {
            let start = m.start + offset_in(span, next);
            cut.push(Mention { kind: EntityKind::Org, start, end: m.end });
            m.end = m.start + offset_in(span, suffix) + suffix.len();
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
        // Two bodies each named so, in the tagger's one span.
        let t = "He will attend International Monetary Fund and World \
                 Bank meetings, and World Bank and IMF talks.";
        assert_eq!(
            joined(
                t,
                &[
                    (Org, "International Monetary Fund and World Bank"),
                    (Org, "World Bank and IMF"),
                ]
            ),
            ["International Monetary Fund", "World Bank", "World Bank", "IMF"]
        );
        // Tagged apart, they stay apart; written with a slash, they part.
        let t = "He met World Bank and International Monetary Fund \
                 officials before the International Monetary Fund/World \
                 Bank meetings.";
        assert_eq!(
            joined(
                t,
                &[
                    (Org, "World Bank"),
                    (Org, "International Monetary Fund"),
                    (Org, "International Monetary Fund/World Bank"),
                ]
            ),
            [
                "World Bank",
                "International Monetary Fund",
                "International Monetary Fund",
                "World Bank"
            ]
        );
        let t = "The House Ways and Means Committee and the Securities and \
                 Exchange Commission met.";
        assert_eq!(
            joined(
                t,
                &[
                    (Org, "House Ways and Means Committee"),
                    (Org, "Securities and Exchange Commission"),
                ]
            ),
            [
                "House Ways and Means Committee",
                "Securities and Exchange Commission"
            ]
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
    fn a_name_run_on_past_a_suffix_and_a_full_stop_is_cut() {
        let t = "rated BB by Standard and Poor's Corp. Montgomery Securities \
                 co-managed it.";
        assert_eq!(
            joined(
                t,
                &[
                    (Org, "Standard"),
                    (Org, "Poor's Corp. Montgomery Securities")
                ]
            ),
            ["Standard and Poor's Corp.", "Montgomery Securities"]
        );
        let t = "Mitsui Co. Ltd. said";
        assert_eq!(
            joined(t, &[(Org, "Mitsui Co. Ltd.")]),
            ["Mitsui Co. Ltd."]
        );
    }

    #[test]
    fn a_name_in_angle_brackets_is_one_organisation() {
        let t = "a partnership of <Wagner and Brown> and AFG Industries Inc";
        assert_eq!(
            joined(
                t,
                &[
                    (Person, "Wagner"),
                    (Person, "Brown"),
                    (Org, "AFG Industries Inc")
                ]
            ),
            ["Wagner and Brown", "AFG Industries Inc"]
        );
        // A ticker is no name.
        let t = "Boeing Co <BA> said";
        assert_eq!(
            joined(t, &[(Org, "Boeing Co"), (Org, "BA")]),
            ["Boeing Co", "BA"]
        );
    }

    #[test]
    fn two_family_names_never_apart_are_one_firm() {
        let t =
            "Duff and Phelps lowered the ratings. Duff and Phelps said so.";
        assert_eq!(
            joined(
                t,
                &[
                    (Person, "Duff"),
                    (Person, "Phelps"),
                    (Person, "Duff"),
                    (Person, "Phelps")
                ]
            ),
            ["Duff and Phelps", "Duff and Phelps"]
        );
        // Written apart, or one of them named in full: two people.
        let t = "Reagan and Baker met. Reagan said so.";
        assert_eq!(
            joined(
                t,
                &[(Person, "Reagan"), (Person, "Baker"), (Person, "Reagan")]
            ),
            ["Reagan", "Baker", "Reagan"]
        );
        let t = "James Baker said so. Later Reagan and Baker met, and \
                 Reagan and Baker spoke.";
        assert_eq!(
            joined(
                t,
                &[
                    (Person, "James Baker"),
                    (Person, "Reagan"),
                    (Person, "Baker"),
                    (Person, "Reagan"),
                    (Person, "Baker")
                ]
            ),
            ["James Baker", "Reagan", "Baker", "Reagan", "Baker"]
        );
        // Once, listed with a firm "and" apart: a firm too, also with the
        // firm's ticker between, tagged or not.
        let firm = (Org, "AFG Industries Inc");
        let (will, grace) = ((Person, "Will"), (Person, "Grace"));
        for (t, spans) in [
            (
                "a group formed by AFG Industries Inc and Will and Grace.",
                vec![firm, will, grace],
            ),
            (
                "a bid by AFG Industries Inc <AFG> and Will and Grace.",
                vec![firm, will, grace],
            ),
            (
                "a bid by AFG Industries Inc <AFG> and Will and Grace.",
                vec![firm, (Org, "AFG"), will, grace],
            ),
        ] {
            let got = joined(t, &spans);
            assert_eq!(got.last().unwrap(), "Will and Grace", "{t}");
            assert_eq!(got[0], "AFG Industries Inc", "{t}");
        }
        assert!(!and_after_ticker(" <AFG> or "));
        assert!(!and_after_ticker(""));
        let t = "talks between Reagan and Baker, and AFG Industries Inc.";
        assert_eq!(
            joined(
                t,
                &[
                    (Person, "Reagan"),
                    (Person, "Baker"),
                    (Org, "AFG Industries Inc")
                ]
            ),
            ["Reagan", "Baker", "AFG Industries Inc"]
        );
    }

    #[test]
    fn a_company_word_of_another_language_heads_the_name_after_it() {
        let t = "a bid by Companhia  Siderurgica Nacional topped it.";
        assert_eq!(
            joined(t, &[(Org, "Companhia"), (Person, "Siderurgica Nacional")]),
            ["Companhia  Siderurgica Nacional"]
        );
        // Untagged, it joins too; an English word before a name does not.
        let t = "Grupo Financiero Uno and Group Vice President John Smith.";
        assert_eq!(
            joined(t, &[(Person, "Financiero Uno"), (Person, "John Smith")]),
            ["Grupo Financiero Uno", "John Smith"]
        );
    }

    #[test]
    fn two_firms_and_apart_are_cut_after_the_first_suffix() {
        let t = "through Drexel Burnham Lambert Inc and Donaldson, Lufkin \
                 and Jenrette Securities Corp.";
        assert_eq!(
            joined(
                t,
                &[
                    (Org, "Drexel Burnham Lambert Inc and Donaldson"),
                    (Org, "Lufkin and Jenrette Securities Corp")
                ]
            ),
            [
                "Drexel Burnham Lambert Inc",
                "Donaldson",
                "Lufkin and Jenrette Securities Corp"
            ]
        );
        let t = "shares of Smith Co and Sons Ltd rose.";
        assert_eq!(
            joined(t, &[(Org, "Smith Co and Sons Ltd")]),
            ["Smith Co and Sons Ltd"]
        );
    }

    #[test]
    fn a_partner_before_a_comma_begins_the_firm() {
        let t = "underwriters led by Alex, Brown and Sons Inc, and others.";
        assert_eq!(
            joined(t, &[(Person, "Alex"), (Org, "Brown and Sons Inc")]),
            ["Alex, Brown and Sons Inc"]
        );
        // A list of a person and a firm of one partner stays a list.
        let t = "said Smith, Acme Holdings Inc and others.";
        assert_eq!(
            joined(t, &[(Person, "Smith"), (Org, "Acme Holdings Inc")]),
            ["Smith", "Acme Holdings Inc"]
        );
    }

    #[test]
    fn a_firm_named_after_three_people_is_one_organisation() {
        let t = "said manager Donaldson, Lufkin and Jenrette Securities Corp.";
        assert_eq!(
            joined(
                t,
                &[(Person, "Donaldson"), (Org, "Jenrette Securities Corp.")]
            ),
            ["Donaldson, Lufkin and Jenrette Securities Corp."]
        );
        // The tagger's places for the first two names.
        assert_eq!(
            joined(
                t,
                &[
                    (Place, "Donaldson"),
                    (Place, "Lufkin"),
                    (Org, "Jenrette Securities Corp.")
                ]
            ),
            ["Donaldson, Lufkin and Jenrette Securities Corp."]
        );
        // A list of firms, each tagged, is no such name (its last two
        // join by the rule for "A and B Corp", a known cost).
        let t = "Chrysler, Ford and General Motors Corp said.";
        assert_eq!(
            joined(
                t,
                &[
                    (Org, "Chrysler"),
                    (Org, "Ford"),
                    (Org, "General Motors Corp")
                ]
            ),
            ["Chrysler", "Ford and General Motors Corp"]
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
    fn an_accord_cut_in_three_is_one_organisation() {
        // The tagger leaves "General" out and reads "Agreement" as misc.
        let t = "a loophole in the General Agreement on Tariffs and Trade";
        assert_eq!(
            joined(t, &[(Misc, "Agreement"), (Org, "Tariffs and Trade")]),
            ["General Agreement on Tariffs and Trade"]
        );
        // A sentence's first word is no part of it.
        let t = "Talks. General Agreement on Tariffs and Trade";
        assert_eq!(
            joined(t, &[(Misc, "Agreement"), (Org, "Tariffs and Trade")]),
            ["Agreement on Tariffs and Trade"]
        );
        // An event of a body stays apart from it.
        let t = "the Uruguay Round of GATT talks";
        assert_eq!(
            joined(t, &[(Misc, "Uruguay Round"), (Org, "GATT")]),
            ["Uruguay Round", "GATT"]
        );
    }

    #[test]
    fn a_firm_whose_name_ends_in_s_keeps_its_and() {
        let t = "rated B-2 by Moody's and B-minus by Standard and Poor's.";
        assert_eq!(
            joined(t, &[(Org, "Moody's"), (Org, "Standard"), (Org, "Poor's")]),
            ["Moody's", "Standard and Poor's"]
        );
        let t = "Standard and Poor's said it cut";
        assert_eq!(
            joined(t, &[(Org, "Standard"), (Org, "Poor's")]),
            ["Standard and Poor's"]
        );
        let t = "Standard and Poor's rates the issue AA.";
        assert_eq!(
            joined(t, &[(Org, "Standard"), (Org, "Poor")]),
            ["Standard and Poor"]
        );
        let t = "the Standard and Poor's 500 index";
        assert_eq!(
            joined(t, &[(Org, "Standard"), (Org, "Poor's")]),
            ["Standard and Poor's"]
        );
        // A possessive before a noun or a product's name is two firms.
        let t = "the X-Box and Nintendo's DS consoles";
        assert_eq!(
            joined(t, &[(Org, "X-Box"), (Org, "Nintendo"), (Misc, "DS")]),
            ["X-Box", "Nintendo", "DS"]
        );
        let t = "Home Depot and Lowe's stores gained.";
        assert_eq!(
            joined(t, &[(Org, "Home Depot"), (Org, "Lowe's")]),
            ["Home Depot", "Lowe's"]
        );
        let t = "Depot and Lowe's stores gained.";
        assert_eq!(
            joined(t, &[(Org, "Depot"), (Org, "Lowe's")]),
            ["Depot", "Lowe's"]
        );
        // Nor do two people join.
        let t = "said Reagan and Baker's.";
        assert_eq!(
            joined(t, &[(Person, "Reagan"), (Person, "Baker's")]),
            ["Reagan", "Baker's"]
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
