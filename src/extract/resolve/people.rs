//! People: titles ("Vice Premier", "Mr."), full names, and bare
//! surnames attached to the full name they belong to, including the
//! surname tokens the tagger missed; and [`name_matches`], the same rules
//! for a user's query.

use std::collections::BTreeMap;

use super::orgs::acronym_fits;
use super::{Cand, Doc, Group};
use crate::extract::lexicon::{
    CALENDAR_WORDS, CORE_TITLES, FAMILY_FIRST, GENERATIONAL_SUFFIXES,
    HONORIFICS, PRONOUN_LIKE, TENURE_QUALIFIERS, TITLE_NATIONALITIES,
    TITLE_QUALIFIERS,
};
use crate::extract::text::{
    eq_ci, in_ci, is_acronym, offset_in, strip_possessive, strip_the,
};
use crate::extract::{EntityKind, Mention, Token};

/// True when a user's query names the entity called `canonical`.
///
/// Matches, ignoring case: the whole name; the last word ("Trump" names
/// "Donald Trump"); the first word when it is a common Chinese, Korean or
/// Vietnamese family name ("Xi" names "Xi Jinping"; so does "Jinping", the
/// last word); a full name with the same first and last word ("Donald
/// Trump" names "Donald J. Trump"). Titles and a possessive
/// are stripped from the query first ("President Xi", "Xi's"), and a leading
/// "the". An upper-case acronym names its expansion ("WTO" names "World
/// Trade Organization"); pass the query as typed, since a lower-cased
/// "wto" is not read as an acronym.
///
/// # Example
///
/// ```
/// use newsdex::extract::resolve::name_matches;
///
/// assert!(name_matches("President Xi", "Xi Jinping"));
/// assert!(name_matches("trump", "Donald Trump"));
/// assert!(name_matches("ASEAN", "Association of Southeast Asian Nations"));
/// assert!(!name_matches("Donald", "Donald Trump"));
/// ```
pub fn name_matches(query: &str, canonical: &str) -> bool {
    let q = strip_possessive(query.trim());
    let q = strip_titles(strip_the(q)).trim();
    let c = canonical.trim();
    let qw: Vec<&str> = q.split_whitespace().collect();
    let cw: Vec<&str> = c.split_whitespace().collect();
    if qw.is_empty() || cw.is_empty() {
        return false;
    }
    if qw.len() == cw.len() && qw.iter().zip(&cw).all(|(a, b)| eq_ci(a, b)) {
        return true;
    }
    if cw.len() < 2 {
        return false;
    }
    if let [word] = qw[..] {
        let last = cw[cw.len() - 1];
        return eq_ci(word, last)
            || (is_family_first(cw[0]) && eq_ci(word, cw[0]))
            || (is_acronym(word) && acronym_fits(word, c));
    }
    same_person(&qw, &cw)
}

/// Strips leading titles from a person's name: "Vice Premier He Lifeng" ->
/// "He Lifeng", "U.S. Trade Representative Jamieson Greer" -> "Jamieson
/// Greer", "Mr. Trump" -> "Trump", "Secretary of State Marco Rubio" ->
/// "Marco Rubio".
///
/// A title is a run of title words (ignoring case) that ends with a core
/// title ("President", "Minister", "Secretary", "Mr"...); nationalities
/// ("US", "Chinese") and qualifiers ("Vice", "Prime", "Treasury",
/// "former") count only when a core title follows them. Returns a suffix of
/// `s`; the empty string when `s` is only a title ("Premier").
pub fn strip_titles(s: &str) -> &str {
    let s = s.trim_start();
    let n = title_prefix_len(s.split_whitespace(), false);
    if n == 0 {
        return s;
    }
    match s.split_whitespace().nth(n) {
        Some(word) => &s[offset_in(s, word)..],
        None => &s[s.len()..],
    }
}

/// The lower-case title without nationality, honorifics and qualifiers.
pub(super) fn normalise_title(title: &str) -> String {
    let mut out = String::new();
    let mut buf = String::new();
    for w in title.split_whitespace() {
        let w = title_key(w, &mut buf);
        if TITLE_NATIONALITIES.contains(&w)
            || HONORIFICS.contains(&w)
            || TENURE_QUALIFIERS.contains(&w)
        {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// A person named in full, with its variants.
struct FullName {
    /// Distinct full names, each as words.
    names: Vec<Vec<String>>,
    /// Normalised titles it was introduced with.
    titles: Vec<String>,
    members: Vec<usize>,
}

impl FullName {
    fn canonical(&self) -> String {
        let mut best = &self.names[0];
        for n in &self.names[1..] {
            if n.join(" ").chars().count() > best.join(" ").chars().count() {
                best = n;
            }
        }
        best.join(" ")
    }
}

/// Resolves person candidates (adding surname tokens the tagger missed)
/// into groups.
pub(super) fn resolve_people(
    doc: &Doc,
    spans: &[Mention],
    cands: &mut Vec<Cand>,
) -> Vec<Group> {
    let is_person = |c: &Cand| c.kind == EntityKind::Person;
    // Full names, merged.
    let mut full: Vec<FullName> = Vec::new();
    for (i, c) in cands.iter().enumerate().filter(|(_, c)| is_person(c)) {
        if is_bare(&c.name) {
            continue;
        }
        let words: Vec<String> =
            c.name.split_whitespace().map(str::to_string).collect();
        let plain: Vec<&str> = words.iter().map(String::as_str).collect();
        let found = full
            .iter()
            .position(|f| f.names.iter().any(|n| same_person(&plain, n)));
        let f = match found {
            Some(k) => &mut full[k],
            None => {
                full.push(FullName {
                    names: Vec::new(),
                    titles: Vec::new(),
                    members: Vec::new(),
                });
                let k = full.len() - 1;
                &mut full[k]
            }
        };
        if !f.names.contains(&words) {
            f.names.push(words);
        }
        if !c.title.is_empty() && !f.titles.contains(&c.title) {
            f.titles.push(c.title.clone());
        }
        f.members.push(i);
    }
    // Surname indexes.
    let mut by_last: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut by_first: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (k, f) in full.iter().enumerate() {
        for n in &f.names {
            let last = surname_word(n).to_string();
            push_unique(by_last.entry(last).or_default(), k);
            push_unique(by_first.entry(n[0].clone()).or_default(), k);
        }
    }
    let bare_words: Vec<String> = cands
        .iter()
        .filter(|c| is_person(c) && !c.name.contains(' '))
        .map(|c| c.name.clone())
        .collect();
    let keys: Vec<&str> = by_last
        .keys()
        .chain(by_first.keys().filter(|w| {
            is_family_first(w) || bare_words.iter().any(|b| b == *w)
        }))
        .map(String::as_str)
        .collect();
    let scanned = scan_surnames(doc, spans, &keys);
    cands.extend(scanned);

    // Bare names.
    let mut single: Vec<Group> = Vec::new();
    for (i, c) in cands.iter().enumerate().filter(|(_, c)| is_person(c)) {
        if !is_bare(&c.name) {
            continue;
        }
        let words: Vec<&str> = c.name.split_whitespace().collect();
        let word = c.name.as_str();
        let pronoun = PRONOUN_LIKE.contains(&word);
        if pronoun && c.initial && !c.has_title {
            continue;
        }
        let matches: Vec<usize> = match by_last.get(surname_word(&words)) {
            // "von der Leyen": full names ending with all its words.
            Some(ks) if words.len() > 1 => ks
                .iter()
                .copied()
                .filter(|&k| {
                    full[k].names.iter().any(|n| ends_with(n, &words))
                })
                .collect(),
            Some(ks) => ks.clone(),
            None if words.len() > 1 || c.title_only => Vec::new(),
            None => by_first.get(word).cloned().unwrap_or_default(),
        };
        match matches[..] {
            [k] => full[k].members.push(i),
            [] if pronoun || c.scanned || c.title_only => {}
            [] => match single.iter_mut().find(|g| g.name == c.name) {
                Some(g) => g.members.push(i),
                None => single.push(Group {
                    kind: EntityKind::Person,
                    name: c.name.clone(),
                    members: vec![i],
                }),
            },
            ref many => {
                let by_title: Vec<usize> = many
                    .iter()
                    .copied()
                    .filter(|&k| {
                        !c.title.is_empty()
                            && full[k].titles.contains(&c.title)
                    })
                    .collect();
                if let [k] = by_title[..] {
                    full[k].members.push(i);
                }
            }
        }
    }
    full.iter()
        .map(|f| Group {
            kind: EntityKind::Person,
            name: f.canonical(),
            members: f.members.clone(),
        })
        .chain(single)
        .collect()
}

/// Surname tokens of full names that no mention covers: capitalised,
/// mid-sentence, not next to another capitalised word.
pub(super) fn scan_surnames(
    doc: &Doc,
    spans: &[Mention],
    keys: &[&str],
) -> Vec<Cand> {
    // Spans are sorted and disjoint: the first span ending after the
    // token's start is the only one that may cover it.
    let after = |t: &Token| spans.partition_point(|m| m.end <= t.start);
    let covered =
        |t: &Token| spans.get(after(t)).is_some_and(|m| m.start < t.end);
    let capitalised =
        |s: &str| s.chars().next().is_some_and(char::is_uppercase);
    let mut out = Vec::new();
    if keys.is_empty() {
        return out;
    }
    for (i, t) in doc.tokens.iter().enumerate() {
        let raw = doc.token_text(i);
        let word = strip_possessive(raw);
        if !keys.contains(&word) || is_not_surname(word) || covered(t) {
            continue;
        }
        if i > 0 && !t.sentence_start && adjacent(doc, i - 1, i) {
            let prev = doc.token_text(i - 1);
            if capitalised(prev) && !is_title_word(prev) {
                continue;
            }
        }
        let next = doc.tokens.get(i + 1);
        if next.is_some_and(|n| {
            !n.sentence_start
                && adjacent(doc, i, i + 1)
                && capitalised(doc.token_text(i + 1))
        }) {
            continue;
        }
        let prev_end = after(t).checked_sub(1).map_or(0, |k| spans[k].end);
        let lo = doc.sentence_start(t.start).max(prev_end);
        let start = doc.title_before(lo, t.start);
        if start == t.start && doc.is_initial(t.start) {
            continue;
        }
        out.extend(doc.make_cand(EntityKind::Person, start, t.end, true));
    }
    out
}

/// True for a person name without a given name: one word ("Trump"), or
/// words after a lower-case particle ("von der Leyen", "bin Salman").
pub(super) fn is_bare(name: &str) -> bool {
    let mut words = name.split_whitespace();
    let first = words.next().unwrap_or("");
    words.next().is_none()
        || first.chars().next().is_some_and(char::is_lowercase)
}

/// The surname of a full name: its last word, skipping "Jr." and the like.
pub(super) fn surname_word<S: AsRef<str>>(name: &[S]) -> &str {
    let mut words = name.iter().map(AsRef::as_ref).rev();
    let last = words.next().unwrap_or("");
    match words.next() {
        Some(before) if GENERATIONAL_SUFFIXES.contains(&last) => before,
        _ => last,
    }
}

/// True when `name` ends with `tail`, ignoring case.
pub(super) fn ends_with(name: &[String], tail: &[&str]) -> bool {
    name.len() >= tail.len()
        && name[name.len() - tail.len()..]
            .iter()
            .zip(tail)
            .all(|(a, b)| eq_ci(a, b))
}

/// True when only spaces separate tokens `a` and `b`.
pub(super) fn adjacent(doc: &Doc, a: usize, b: usize) -> bool {
    doc.gap(a, b).chars().all(|c| c == ' ' || c == '\t')
}

/// Two full names of one person: same first and last word, and the
/// shorter is a subsequence of the longer ("Donald Trump", "Donald J.
/// Trump"). Ignores case.
pub(super) fn same_person<A: AsRef<str>, B: AsRef<str>>(
    a: &[A],
    b: &[B],
) -> bool {
    /// The test with the shorter name first.
    fn ordered<S: AsRef<str>, L: AsRef<str>>(short: &[S], long: &[L]) -> bool {
        let (Some(first), Some(last)) = (short.first(), short.last()) else {
            return false;
        };
        if short.len() < 2
            || !eq_ci(first.as_ref(), long[0].as_ref())
            || !eq_ci(last.as_ref(), long[long.len() - 1].as_ref())
        {
            return false;
        }
        let mut rest = long.iter();
        short.iter().all(|w| rest.any(|l| eq_ci(w.as_ref(), l.as_ref())))
    }
    if a.len() <= b.len() {
        ordered(a, b)
    } else {
        ordered(b, a)
    }
}

/// Number of leading words of `words` that form a title (0 if none).
///
/// With `need_caps`, every word but "of"/"the" must be capitalised.
pub(super) fn title_prefix_len<'w>(
    words: impl IntoIterator<Item = &'w str>,
    need_caps: bool,
) -> usize {
    let mut valid = 0;
    let mut after_of = false;
    let mut buf = String::new();
    for (i, raw) in words.into_iter().enumerate() {
        let lower = title_key(raw, &mut buf);
        let w = lower
            .strip_prefix("then-")
            .or_else(|| lower.strip_prefix("ex-"))
            .unwrap_or(lower);
        if i > 0 && valid > 0 && (w == "of" || w == "the") {
            after_of |= w == "of";
            continue;
        }
        if need_caps && !raw.chars().next().is_some_and(char::is_uppercase) {
            break;
        }
        if CORE_TITLES.contains(&w)
            || (after_of && TITLE_QUALIFIERS.contains(&w))
        {
            valid = i + 1;
        } else if !(TITLE_QUALIFIERS.contains(&w)
            || TENURE_QUALIFIERS.contains(&w)
            || TITLE_NATIONALITIES.contains(&w))
        {
            break;
        }
    }
    valid
}

/// True for any word that may be part of a title.
pub(super) fn is_title_word(word: &str) -> bool {
    let mut buf = String::new();
    let w = title_key(word, &mut buf);
    CORE_TITLES.contains(&w)
        || TITLE_QUALIFIERS.contains(&w)
        || TENURE_QUALIFIERS.contains(&w)
        || TITLE_NATIONALITIES.contains(&w)
}

/// A word as the title lists spell it: lower case, "’" as "'"
/// (`word.to_lowercase().replace('’', "'")`). Written into `buf` unless
/// the word is lower-case ASCII already, so that most words cost no
/// allocation.
pub(super) fn title_key<'b>(word: &'b str, buf: &'b mut String) -> &'b str {
    if !word.is_ascii() {
        *buf = word.to_lowercase().replace('’', "'");
        return buf;
    }
    crate::extract::dates::lower_in(word, buf)
}

/// True for common Chinese, Korean and Vietnamese family names, written
/// first.
pub(crate) fn is_family_first(word: &str) -> bool {
    in_ci(FAMILY_FIRST, word)
}

pub(super) fn push_unique(v: &mut Vec<usize>, k: usize) {
    if !v.contains(&k) {
        v.push(k);
    }
}

/// Capitalised words never taken for a surname when scanning tokens:
/// months, weekdays and "I".
fn is_not_surname(word: &str) -> bool {
    word == "I" || CALENDAR_WORDS.contains(&word)
}
