//! One name per entity across an archive.
//!
//! Extraction names each person and organisation of an article once
//! ([`super::resolve`]); across articles the same entity still comes under
//! several values: "Reagan" and "Ronald Reagan", "OPEC" and "Opec",
//! "Microsoft" and "Microsoft Corp.", "Treasury" and "U.S. Treasury",
//! "IMF" and "International Monetary Fund". This module groups the values
//! of an archive into entities, from two kinds of evidence:
//!
//! - the values themselves, with the number of articles that carry each
//!   ([`Value`]);
//! - the short forms articles used for a full name they also wrote
//!   ([`Pair`]): "Reagan" in an article about "Ronald Reagan", "IMF" in
//!   one that spelled out "International Monetary Fund (IMF)".
//!
//! # The rules
//!
//! 1. Values whose [`key`] is equal are one entity: the key ignores case,
//!    a possessive, a leading "the", dots and apostrophes, leading titles
//!    and middle initials of people ("President Reagan", "Martin T.
//!    Sosnoff"), short given names ("Jim" for James), trailing legal
//!    suffixes of organisations (Corp, Inc, Ltd, Co, PLC, AG, SA,
//!    NV...; "Group" before one), a trailing "Party", the order of a
//!    department's or ministry's name ("Department of Agriculture" is the
//!    "Agriculture Department") and well-known
//!    nicknames ("Tories", "Big Board").
//!    Rule 1b: an organisation's values that differ in spacing
//!    ("JP Morgan", "JPMorgan"), its members in the plural
//!    ("Conservatives", when the archive writes "Conservative Party" or
//!    uses the name as a MISC adjective) and its board ("Federal Reserve
//!    Board") are one entity too.
//! 2. A short form joins the full name it stands for when that name
//!    *dominates* it: it has at least [`DOMINANCE`] times the evidence of
//!    any other name it could stand for ([`dominates`]). The evidence is the articles
//!    that used the short form for each full name ([`Pair`]); without
//!    any, for a one-word person name, the articles of each full name that
//!    ends with it (or starts with it, for family-first names such as
//!    "Li Qiang"; a two-word family name such as "Bra Kanon" counts like
//!    a surname), and for an organisation the articles of each name that
//!    is the short form after a country ("U.S. Treasury" for "Treasury").
//!    Evidence for two names of one entity (rule 1b) counts together.
//!    Evidence too thin for that (two articles against one) still
//!    decides when the first name has twice the evidence of the second
//!    and the archive names it [`DOMINANCE`] times as often as each
//!    other candidate, unless the short form is a word news text mostly
//!    writes in lower case ("Trade").
//!    An acronym joins a name only on evidence from text, never because
//!    its letters are the initials of a name.
//!    A person's name of two words or more that the archive also
//!    writes with a legal suffix is that company ("E.F. Hutton" and
//!    "E.F. Hutton and Co Inc"): firms named after people.
//!    Rule 2d: a name an article gave as the expansion of an acronym
//!    that is a slip for the acronym's dominant owner (the same words in
//!    another order, or one word misspelt: [`is_slip`]) joins it when
//!    the archive names that owner [`DOMINANCE`] times as often and the
//!    acronym fits the slip too ("General Agreement on Trade and Tariffs
//!    (GATT)"); another body of the same letters ("European Commission"
//!    and "European Community", both "EC") stays apart.
//!    Rule 2c: a name the archive writes both as a person and as an
//!    organisation, without a company's suffix, is what it calls it
//!    more often; a name of one word only when it is nobody's family
//!    name in the archive, and then the organisation wins a tie.
//! 3. An acronym the tagger called MISC joins the organisation of that
//!    name by rule 1 ("OPEC", MISC in half its articles, and the
//!    organisation OPEC); other MISC values ("Reagan" in "the Reagan
//!    budget") are no entity of the table.
//!    Rule 3b: an organisation whose name the archive tags MISC in at
//!    least [`MISC_MAJORITY`] times as many articles as it has is MISC
//!    ("Six Nations", a tournament the tagger also calls an organisation;
//!    "Thanksgiving"), unless it is an acronym or is written with a
//!    company's suffix.
//! 4. The canonical name of an entity is, for a person, the form most
//!    articles use among those of two words or more (a full name), and
//!    for an organisation the form most articles use, so that OPEC stays
//!    "OPEC" and the International Monetary Fund keeps its full name when
//!    an archive writes it more often than "IMF". Ties go to the longer
//!    form, then to the first in byte order. A nickname ("Tories", "Big
//!    Board") or the plural of its members ("Conservatives") is never the
//!    canonical name of an organisation the archive also names otherwise:
//!    the Conservative Party is "Conservative Party" however often its
//!    articles say "Tories".
//!
//! 5. A person or organisation is a work (MISC: a film, a programme, a
//!    game console, an award) when at least [`WORK_ARTICLES`] articles
//!    call it one ("the film Aviator", see `extract::works`), and they
//!    are at least one in [`WORK_SHARE`] of the articles that tag it as
//!    a person or organisation ([`Table::mark_works`]): facets and
//!    filters of people and organisations then leave it out.
//!    Rule 5b: a person that at least [`WORK_ARTICLES`] articles call a
//!    band ("Scottish rock band Franz Ferdinand", see `extract::works`),
//!    one in [`WORK_SHARE`] of the articles that tag it, is an
//!    organisation ([`Table::mark_bands`]).
//! 6. A body of an organisation ("EC Commission", "UN Conference",
//!    "Senate Agriculture Committee": a name of the organisation, then a
//!    body's word such as Commission, Council, Committee, Conference; or
//!    "European Commission", whose initials are the acronym "EC" and
//!    whose first word is that of "European Community") stays an entity
//!    of its own, and the bodies of one organisation with the same words
//!    after its name are one ("EC Commission", "European Community
//!    Commission", "European Commission"). The organisation lists its
//!    bodies' values ([`Entity::bodies`]) when it is named in at least as
//!    many articles as each: a search for the EC also finds the
//!    Commission's articles, as a search for a country finds its cities;
//!    facets count the two apart. The entity also takes the kind most
//!    of its forms are written as when that is an organisation
//!    ("Freeport", a person twice, beside "Freeport-McMoRan Copper &
//!    Gold Inc.").
//!
//! The module is pure: the index layer reads the values and pairs from
//! the index and stores the [`Table`]; the query layer asks it which
//! entities a name may mean ([`Table::find`]).

use std::collections::HashMap;

use super::lexicon::{GIVEN_NAME_FORMS, LEGAL_SUFFIXES, ORG_NICKNAMES};
use super::resolve::{acronym_fits, name_matches, strip_titles};
use super::text::{has_legal_suffix, strip_possessive, strip_the};
use super::EntityKind;

mod article;
mod decisions;
mod merges;

pub use article::{abbreviates, merge_article, short_forms};
pub use decisions::{Decision, Verb};
pub use merges::{By, Merges};

/// Words after a person's name that make an institution named after
/// the person rather than a firm of that name, in [`key`] form.
const NAMED_INSTITUTIONS: &[&str] = &[
    "award",
    "center",
    "centre",
    "college",
    "foundation",
    "fund",
    "hospital",
    "institute",
    "library",
    "memorial",
    "museum",
    "prize",
    "school",
    "society",
    "trust",
    "university",
];

/// How many times the evidence of the runner-up a candidate needs to take
/// a name that could stand for several (see the module docs). Three:
/// "Baker" in 1987 is James Baker in 137 articles and Howard Baker in 20,
/// and is his; "Reagan" is Ronald Reagan in ten articles that wrote both
/// and five junk names ("Besides Reagan") in one each, and is his; a
/// name split two to one between two people stays apart.
pub const DOMINANCE: u64 = 3;

/// How many times as many articles must tag an organisation's name as
/// MISC for it to be MISC (rule 3b of the module docs).
pub const MISC_MAJORITY: u64 = 2;

/// Articles that must call a name a work (rule 5 of the module docs).
pub const WORK_ARTICLES: u32 = 2;

/// A name is a work when at least one article in this many of those
/// that tag it as a person or organisation calls it one elsewhere: a
/// film's later articles rarely say "film" again, while a club that a
/// match report once wrote after "game" is a club in all its others.
pub const WORK_SHARE: u64 = 10;

/// True when the first of candidates with this evidence (most first)
/// dominates the others: it is the only one, or it has at least
/// [`DOMINANCE`] times the evidence of the second.
pub fn dominates(evidence: &[u64]) -> bool {
    match evidence {
        [] => false,
        [_] => true,
        [top, second, ..] => *top > 0 && *top >= DOMINANCE * second,
    }
}

/// One value of an entity field of an archive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Value<'a> {
    /// Person or organisation (other kinds are not grouped).
    pub kind: EntityKind,
    /// The value as the index holds it: "Ronald Reagan".
    pub name: &'a str,
    /// How many articles carry it.
    pub articles: u32,
}

/// Articles that used `short` for the entity they named `full`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pair<'a> {
    /// The entity's kind.
    pub kind: EntityKind,
    /// The short form: "Reagan", "IMF", "Treasury".
    pub short: &'a str,
    /// The article's name for the entity: "Ronald Reagan".
    pub full: &'a str,
    /// How many articles did so.
    pub articles: u32,
}

/// Identifies an entity of a [`Table`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EntityId(pub u32);

/// One entity of an archive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entity {
    /// Person or organisation.
    pub kind: EntityKind,
    /// The canonical name (rule 4 of the module docs).
    pub name: String,
    /// Every value of the archive that names it, most articles first.
    pub forms: Vec<Form>,
    /// Short forms that stand for it without being values of their own
    /// ("GATT" when the archive only kept the full name).
    pub aliases: Vec<String>,
    /// Organisation values that name bodies of it (rule 6: "EC
    /// Commission" of the European Community), which a search for it
    /// also finds.
    pub bodies: Vec<String>,
    /// Articles that carry one of its forms: the sum over the forms, an
    /// upper bound when one article carries two forms.
    pub articles: u32,
}

/// A value that names an entity, with its article count.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Form {
    /// The field the value lives in: the entity's kind, unless a user
    /// decision moved it ("Smith Barney", tagged as a person, is a firm).
    pub kind: EntityKind,
    /// The value.
    pub name: String,
    /// How many articles carry it.
    pub articles: u32,
}

/// The entities of an archive.
#[derive(Clone, Debug, Default)]
pub struct Table {
    entities: Vec<Entity>,
    /// Every value and alias, by kind and [`key`].
    by_key: HashMap<(EntityKind, String), EntityId>,
}

/// The comparison key of a name: what two values must share to be one
/// entity by rule 1 of the module docs.
///
/// ```
/// use newsdex::extract::canon::key;
/// use newsdex::extract::EntityKind::{Org, Person};
///
/// assert_eq!(key(Org, "Microsoft Corp."), key(Org, "MICROSOFT"));
/// assert_eq!(key(Org, "the U.S. Treasury's"), "us treasury");
/// assert_eq!(key(Person, "President Ronald Reagan"), "ronald reagan");
/// assert_eq!(key(Org, "Standard & Poor's"), key(Org, "Standard and Poor"));
/// assert_eq!(key(Org, "Standard and Poor's Corp"), "standard and poor");
/// assert_eq!(
///     key(Org, "United Nations Conference on Trade and Development"),
///     key(Org, "U.N. Conference on Trade and Development")
/// );
/// ```
pub fn key(kind: EntityKind, name: &str) -> String {
    let words = key_words(kind, name);
    words.join(" ")
}

/// The words of [`key`].
pub(crate) fn key_words(kind: EntityKind, name: &str) -> Vec<String> {
    key_words_as(kind, name, true)
}

/// The words of [`key`], with or without well-known nicknames replaced
/// by the name they stand for.
fn key_words_as(kind: EntityKind, name: &str, nicknames: bool) -> Vec<String> {
    let name = name.trim();
    let mut s = strip_possessive(name);
    s = strip_the(s);
    if kind == EntityKind::Person {
        let stripped = strip_titles(s);
        if !stripped.is_empty() {
            s = stripped;
        }
    }
    let mut words: Vec<String> = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .flat_map(|w| {
            // "&" on its own or inside a word ("S&P") reads "and".
            if w.contains('&') {
                let w = w.replace('&', " and ");
                w.split_whitespace().map(fold_word).collect::<Vec<_>>()
            } else {
                vec![fold_word(w)]
            }
        })
        .filter(|w| !w.is_empty())
        .collect();
    if kind == EntityKind::Person && words.len() > 2 {
        // A middle initial: "Martin T. Sosnoff" is Martin Sosnoff.
        let last = words.len() - 1;
        let mut i = 0;
        words.retain(|w| {
            let keep = i == 0 || i == last || w.chars().count() > 1;
            i += 1;
            keep
        });
    }
    if kind == EntityKind::Org {
        while words.len() > 1
            && LEGAL_SUFFIXES.contains(&words[words.len() - 1].as_str())
        {
            words.pop();
            // "Smith Barney, Harris Upham and Co" -> "... harris upham".
            while words.len() > 1 && words[words.len() - 1] == "and" {
                words.pop();
            }
            // "Goldman Sachs Group Inc." is Goldman Sachs: "Group"
            // before a legal suffix names the holding company.
            if words.len() > 1 && words[words.len() - 1] == "group" {
                words.pop();
            }
        }
        // "Labour Party" is Labour.
        if words.len() > 1 && words[words.len() - 1] == "party" {
            words.pop();
        }
        // "United States Treasury" is the "U.S. Treasury", the "United
        // Nations Conference on Trade and Development" the "U.N. ...".
        if words.len() > 2
            && words[0] == "united"
            && matches!(words[1].as_str(), "states" | "nations")
        {
            let short = if words[1] == "states" { "us" } else { "un" };
            words.splice(0..2, [short.to_string()]);
        }
        // "Department of Agriculture" is the Agriculture Department,
        // "Ministry of Finance" the Finance Ministry.
        if let Some(at) = words.windows(2).position(|w| {
            matches!(w[0].as_str(), "department" | "ministry") && w[1] == "of"
        }) {
            if at + 2 < words.len() {
                let body = words.remove(at);
                words.remove(at);
                words.push(body);
            }
        }
        // Compared word by word: keys are made for every value and
        // every entity of an article, and few are nicknames.
        if let Some(&(_, name)) = ORG_NICKNAMES.iter().find(|(nick, _)| {
            nicknames && nick.split(' ').eq(words.iter().map(String::as_str))
        }) {
            return name.split(' ').map(str::to_string).collect();
        }
    }
    if kind == EntityKind::Person && words.len() > 1 {
        // "Jim Wright" is James Wright.
        if let Some(&(_, full)) =
            GIVEN_NAME_FORMS.iter().find(|(short, _)| *short == words[0])
        {
            words[0] = full.to_string();
        }
    }
    if words.is_empty() {
        return name.split_whitespace().map(fold_word).collect();
    }
    words
}

/// A word in lower case without dots, apostrophes and hyphens: "U.S."
/// -> "us", "Poor's" -> "poor", "Co-operation" -> "cooperation"; a word
/// with dots keeps its hyphens ("EC-U.S." is "ec-us", no "ECUs").
fn fold_word(w: &str) -> String {
    if w.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()) {
        return if isation_at(w.as_bytes()).is_some() {
            fold_word_slow(w)
        } else {
            w.to_string()
        };
    }
    if w.is_ascii() {
        return fold_ascii_word(w);
    }
    fold_word_slow(w)
}

/// Where "isation" first starts in `w`: `str::find` without building a
/// substring searcher for a word of a few bytes.
fn isation_at(w: &[u8]) -> Option<usize> {
    w.windows(7).position(|x| x == b"isation")
}

/// [`fold_word_slow`] for an ASCII word, byte by byte: lower case and
/// dropping dots and apostrophes need no char decoding there (the
/// capitalised words of most names take this path).
fn fold_ascii_word(w: &str) -> String {
    let w = ["'s", "'S"]
        .iter()
        .find_map(|p| w.strip_suffix(p))
        .filter(|b| !b.is_empty())
        .unwrap_or(w);
    let dots = w.contains('.');
    let mut folded: Vec<u8> = w
        .bytes()
        .filter(|&b| match b {
            b'.' | b'\'' => false,
            b'-' => dots,
            _ => true,
        })
        .map(|b| b.to_ascii_lowercase())
        .collect();
    // British and American spellings: "Organisation", "Organization".
    if let Some(at) = isation_at(&folded) {
        folded[at + 1] = b'z';
    }
    // Only ASCII bytes were kept.
    String::from_utf8(folded).unwrap_or_default()
}

/// [`fold_word`] char by char.
fn fold_word_slow(w: &str) -> String {
    // A possessive inside a name is no part of it: "Standard and Poor's
    // Corp" and "Standard and Poor" are one name.
    let w = ["'s", "’s", "'S", "’S"]
        .iter()
        .find_map(|p| w.strip_suffix(p))
        .filter(|b| !b.is_empty())
        .unwrap_or(w);
    let dots = w.contains('.');
    let folded: String = w
        .chars()
        .filter(|&c| match c {
            '.' | '\'' | '’' => false,
            '-' => dots,
            _ => true,
        })
        .flat_map(char::to_lowercase)
        .collect();
    // British and American spellings: "Organisation", "Organization".
    match folded.find("isation") {
        Some(at) => format!("{}ization{}", &folded[..at], &folded[at + 7..]),
        None => folded,
    }
}

/// The key of an organisation name without a leading country ("U.S.
/// Treasury" -> "treasury"), when it has one and something after it.
pub(crate) fn without_country(
    name: &str,
    is_country: &dyn Fn(&str) -> bool,
) -> Option<String> {
    let words: Vec<&str> = strip_the(name.trim()).split_whitespace().collect();
    // "U.S.", "Japan", "West Germany", "South Korea".
    for n in [2, 1] {
        if words.len() > n && is_country(&words[..n].join(" ")) {
            let rest = words[n..].join(" ");
            return Some(key(EntityKind::Org, &rest));
        }
    }
    None
}

/// Union-find over groups: a short form's group points to its owner's.
fn root(parent: &mut [usize], mut g: usize) -> usize {
    while parent[g] != g {
        parent[g] = parent[parent[g]];
        g = parent[g];
    }
    g
}

/// Values of one key.
struct Group<'a> {
    kind: EntityKind,
    key: String,
    /// Field, value, articles.
    forms: Vec<(EntityKind, &'a str, u32)>,
    articles: u32,
}

impl Group<'_> {
    /// True for a one-word name.
    fn is_single_word(&self) -> bool {
        !self.key.contains(' ')
    }

    /// The form most articles use.
    fn top_form(&self) -> &str {
        self.forms.first().map_or("", |f| f.1)
    }
}

impl Table {
    /// Groups the values of an archive into entities (see the module
    /// docs). `is_country` tells whether one or two words are the name or
    /// code of a country ("U.S.", "Japan", "West Germany"). Adjectives do
    /// not count: "British Petroleum" and "American Stock Exchange" are
    /// names of their own, not the British "Petroleum".
    pub fn build(
        values: &[Value<'_>],
        pairs: &[Pair<'_>],
        is_country: &dyn Fn(&str) -> bool,
    ) -> Table {
        // Rule 1: one group per kind and key.
        let mut groups: Vec<Group<'_>> = Vec::new();
        let mut by_key: HashMap<(EntityKind, String), usize> = HashMap::new();
        for v in values.iter().filter(|v| is_grouped(v.kind)) {
            let k = key(v.kind, v.name);
            let g = *by_key.entry((v.kind, k.clone())).or_insert_with(|| {
                groups.push(Group {
                    kind: v.kind,
                    key: k,
                    forms: Vec::new(),
                    articles: 0,
                });
                groups.len() - 1
            });
            groups[g].forms.push((v.kind, v.name, v.articles));
            groups[g].articles = groups[g].articles.saturating_add(v.articles);
        }
        for g in &mut groups {
            g.forms.sort_by(|a, b| b.2.cmp(&a.2).then(a.1.cmp(b.1)));
        }

        // Where a short form could point: the multi-word groups by each
        // of their words, organisations also by their name after a
        // country.
        let mut by_word: HashMap<(EntityKind, &str), Vec<usize>> =
            HashMap::new();
        let mut by_stripped: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, g) in groups.iter().enumerate() {
            if g.is_single_word() {
                continue;
            }
            for w in g.key.split(' ') {
                let list = by_word.entry((g.kind, w)).or_default();
                if list.last() != Some(&i) {
                    list.push(i);
                }
            }
            if g.kind == EntityKind::Org {
                for (_, name, _) in &g.forms {
                    if let Some(k) = without_country(name, is_country) {
                        let list = by_stripped.entry(k).or_default();
                        if !list.contains(&i) {
                            list.push(i);
                        }
                    }
                }
            }
        }

        // The evidence from articles: short key -> owner group -> count.
        let mut evidence: HashMap<(EntityKind, String), HashMap<usize, u32>> =
            HashMap::new();
        // How an article wrote each short form, for display.
        let mut shown: HashMap<(EntityKind, String), &str> = HashMap::new();
        for p in pairs.iter().filter(|p| is_grouped(p.kind)) {
            let short = key(p.kind, p.short);
            let Some(&owner) = by_key.get(&(p.kind, key(p.kind, p.full)))
            else {
                continue;
            };
            if groups[owner].key == short {
                continue;
            }
            shown.entry((p.kind, short.clone())).or_insert(p.short);
            let counts = evidence.entry((p.kind, short)).or_default();
            let c = counts.entry(owner).or_default();
            *c = c.saturating_add(p.articles);
        }

        let mut parent: Vec<usize> = (0..groups.len()).collect();
        // Rule 1b: variants of one organisation's name that differ in
        // more than a key ("JP Morgan" and "JPMorgan": spacing; the
        // "Conservatives" of the "Conservative Party": its members; the
        // "Federal Reserve Board" of the "Federal Reserve": its board).
        // The articles of each MISC name, by its organisation key: read
        // by rule 1b here and rule 3b at the end.
        let mut misc_articles: HashMap<String, u32> = HashMap::new();
        for v in values.iter().filter(|v| v.kind == EntityKind::Misc) {
            let n =
                misc_articles.entry(key(EntityKind::Org, v.name)).or_default();
            *n = n.saturating_add(v.articles);
        }
        let mut by_squeezed: HashMap<String, usize> = HashMap::new();
        for i in 0..groups.len() {
            if groups[i].kind != EntityKind::Org {
                continue;
            }
            let mut joins: Vec<usize> = Vec::new();
            let squeezed = groups[i].key.replace(' ', "");
            match by_squeezed.get(&squeezed) {
                Some(&o) => joins.push(o),
                None => {
                    by_squeezed.insert(squeezed, i);
                }
            }
            let org = |k: &str| by_key.get(&(EntityKind::Org, k.to_string()));
            if let Some(one) = singular(&groups[i].key) {
                if let Some(&o) = org(&one) {
                    let party = groups[o].forms.iter().any(|f| {
                        f.1.rsplit(' ')
                            .next()
                            .is_some_and(|w| w.eq_ignore_ascii_case("party"))
                    });
                    if party || misc_articles.contains_key(&one) {
                        joins.push(o);
                    }
                }
            }
            if let Some(body) = groups[i].key.strip_suffix(" board") {
                if body.contains(' ') {
                    joins.extend(org(body).copied());
                }
            }
            for o in joins {
                let (ri, ro) = (root(&mut parent, i), root(&mut parent, o));
                if ri != ro {
                    let (big, small) =
                        if groups[ri].articles >= groups[ro].articles {
                            (ri, ro)
                        } else {
                            (ro, ri)
                        };
                    parent[small] = big;
                }
            }
        }
        // Rule 2: short forms join their dominant owner (the evidence of
        // the names rule 1b made one entity counted together).
        let mut aliases: Vec<(EntityKind, String, usize)> = Vec::new();
        for i in 0..groups.len() {
            let g = &groups[i];
            let owners = owners_of(
                g,
                &groups,
                &evidence,
                &by_word,
                &by_stripped,
                &by_key,
            );
            let me = root(&mut parent, i);
            let mut pooled: Vec<(usize, u32)> = Vec::new();
            for (o, n) in owners {
                let r = root(&mut parent, o);
                if r == me {
                    continue;
                }
                match pooled.iter_mut().find(|p| p.0 == r) {
                    Some(p) => p.1 = p.1.saturating_add(n),
                    None => pooled.push((r, n)),
                }
            }
            pooled.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            // A common noun the tagger took for a name ("Trade" of the
            // "General Agreement on Tariffs and Trade") needs the full
            // evidence.
            let thin = || {
                let common = super::joins::is_common_noun_list(g.top_form());
                (!common)
                    .then(|| dominant_by_size(&pooled, |o| groups[o].articles))
                    .flatten()
            };
            let owner = dominant(&pooled).or_else(thin);
            if let Some(owner) = owner {
                parent[me] = owner;
            }
        }
        // Rule 2d: another expansion an article gave a defined acronym
        // that is a slip for the acronym's dominant owner (a misspelt
        // word, "General Agreeement on ...", or words out of order,
        // "General Agreement on Trade and Tariffs") joins it when that
        // owner is named at least DOMINANCE times as often and the
        // acronym fits the slip too. Another name ("European Commission"
        // beside "European Community", both "EC") stays apart.
        let mut variants: Vec<(usize, usize)> = Vec::new();
        for ((kind, short), counts) in &evidence {
            if *kind != EntityKind::Org || counts.len() < 2 {
                continue;
            }
            let Some(form) = shown.get(&(*kind, short.clone())) else {
                continue;
            };
            if !is_acronym_like(form) {
                continue;
            }
            let owners =
                sorted(counts.iter().map(|(&o, &c)| (o, c)).collect());
            let Some(top) = dominant(&owners) else { continue };
            for &(o, _) in &owners[1..] {
                let size = u64::from(groups[top].articles);
                if size >= DOMINANCE * u64::from(groups[o].articles)
                    && acronym_fits(form, groups[o].top_form())
                    && is_slip(&groups[o].key, &groups[top].key)
                {
                    variants.push((o, top));
                }
            }
        }
        variants.sort_unstable();
        for (o, top) in variants {
            let (ro, rt) = (root(&mut parent, o), root(&mut parent, top));
            if ro != rt {
                parent[ro] = rt;
            }
        }
        // Rule 2b: a person's name of two words or more that the archive
        // also writes with a company's suffix is the company ("Walt
        // Disney" and "Walt Disney Co.", "E.F. Hutton" and "E.F. Hutton
        // and Co"): firms named after people.
        // So is a person's name that begins such a firm's name, when
        // what follows is more names ("Smith Barney" of "Smith Barney,
        // Harris Upham and Co", "Dean Witter" of "Dean Witter Reynolds
        // Inc"), not an institution a person gave a name to ("Warren
        // Buffett Foundation Inc").
        for i in 0..groups.len() {
            let g = &groups[i];
            if g.kind != EntityKind::Person || g.is_single_word() {
                continue;
            }
            // As an organisation's key: "Walt Disney" is no "Walter".
            let as_org = key(EntityKind::Org, g.top_form());
            let firm = |&o: &usize| {
                groups[o].forms.iter().any(|f| has_legal_suffix(f.1))
            };
            let same = by_key.get(&(EntityKind::Org, as_org.clone()));
            let first = as_org.split(' ').next().unwrap_or_default();
            let begun = by_word
                .get(&(EntityKind::Org, first))
                .into_iter()
                .flatten()
                .filter(|&&o| {
                    after_words(&groups[o].key, &as_org).is_some_and(|rest| {
                        !rest
                            .split(' ')
                            .any(|w| NAMED_INSTITUTIONS.contains(&w))
                    })
                })
                .filter(|o| firm(o))
                .max_by_key(|&&o| (groups[o].articles, std::cmp::Reverse(o)));
            if let Some(&o) = same.filter(|o| firm(o)).or(begun) {
                parent[i] = o;
            }
        }
        // Rule 2c: a name of two words or more the archive writes both as
        // a person and as an organisation, without a company's suffix, is
        // what the archive calls it more often ("Lleyton Hewitt", a
        // tennis player some articles' tagger read as a club; "Dean
        // Witter", a firm).
        // A name of one word is voted on too when it is nobody's family
        // name (no full name of the archive ends or begins with it), and
        // the organisation wins a tie: news writes a person's full name
        // at least once, so a word alone that never is one is weak
        // evidence of a person ("Chelsea", "Google", "Macy's").
        for i in 0..groups.len() {
            let g = &groups[i];
            if g.kind != EntityKind::Person {
                continue;
            }
            let single = g.is_single_word();
            if single
                && by_word.contains_key(&(EntityKind::Person, &g.key[..]))
            {
                continue;
            }
            let as_org = key(EntityKind::Org, g.top_form());
            let Some(&o) = by_key.get(&(EntityKind::Org, as_org)) else {
                continue;
            };
            let (ri, ro) = (root(&mut parent, i), root(&mut parent, o));
            if ri == ro {
                continue;
            }
            let person_wins = if single {
                groups[i].articles > groups[o].articles
            } else {
                groups[i].articles >= groups[o].articles
            };
            if person_wins {
                parent[ro] = ri;
            } else {
                parent[ri] = ro;
            }
        }
        // Short forms known only from articles ("GATT" when every
        // article wrote the name out): aliases of their owner.
        for ((kind, short), counts) in &evidence {
            if by_key.contains_key(&(*kind, short.clone())) {
                continue;
            }
            let mut owners: Vec<(usize, u32)> =
                counts.iter().map(|(&o, &c)| (o, c)).collect();
            owners.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            if let Some(owner) = dominant(&owners) {
                aliases.push((*kind, short.clone(), owner));
            }
        }
        aliases.sort();

        // Rule 6: bodies of an organisation, one entity per organisation
        // and body.
        let bodies =
            join_bodies(&groups, &mut parent, &by_key, &by_word, &aliases);

        // Rule 3: a MISC acronym that is the name of an organisation
        // ("OPEC", which the tagger often calls MISC; "Opec" too) is a
        // form of it, and
        // so is a MISC name of several words that the archive more often
        // tags as the organisation ("European Community member states"
        // reads as an adjective). An alias is not enough: "GMT", a time
        // zone, is no name of General Motors because an article's "GMT"
        // was taken for its initials.
        for v in values.iter().filter(|v| v.kind == EntityKind::Misc) {
            let k = key(EntityKind::Org, v.name);
            let group = by_key.get(&(EntityKind::Org, k)).copied();
            let joins = |g: usize| {
                let acronym =
                    groups[g].forms.iter().any(|f| is_acronym_like(f.1));
                is_acronym_like(v.name)
                    || acronym && !v.name.contains(' ')
                    || v.name.contains(' ') && groups[g].articles >= v.articles
            };
            if let Some(g) = group.filter(|&g| joins(g)) {
                groups[g].forms.push((EntityKind::Misc, v.name, v.articles));
                groups[g].articles =
                    groups[g].articles.saturating_add(v.articles);
            }
        }

        // Entities, one per root group, in group order.
        let mut entity_of_root: HashMap<usize, EntityId> = HashMap::new();
        let mut table = Table::default();
        for i in 0..groups.len() {
            let r = root(&mut parent, i);
            let id = *entity_of_root.entry(r).or_insert_with(|| {
                table.entities.push(Entity {
                    kind: groups[r].kind,
                    name: String::new(),
                    forms: Vec::new(),
                    aliases: Vec::new(),
                    bodies: Vec::new(),
                    articles: 0,
                });
                EntityId(table.entities.len() as u32 - 1)
            });
            let e = &mut table.entities[id.0 as usize];
            for &(kind, name, n) in &groups[i].forms {
                e.forms.push(Form {
                    kind,
                    name: name.to_string(),
                    articles: n,
                });
            }
            e.articles = e.articles.saturating_add(groups[i].articles);
            table.by_key.insert((groups[i].kind, groups[i].key.clone()), id);
        }
        for (kind, short, owner) in aliases {
            let id = entity_of_root[&root(&mut parent, owner)];
            let form = shown.get(&(kind, short.clone())).copied();
            let form = form.map_or_else(|| short.clone(), str::to_string);
            table.entities[id.0 as usize].aliases.push(form);
            table.by_key.entry((kind, short)).or_insert(id);
        }
        for e in &mut table.entities {
            e.forms.sort_by(|a, b| {
                b.articles.cmp(&a.articles).then(a.name.cmp(&b.name))
            });
            e.kind = kind_written_more(e);
            e.name = canonical(e.kind, &e.forms);
        }
        for (body, of) in bodies {
            let body = entity_of_root[&root(&mut parent, body)];
            let of = entity_of_root[&root(&mut parent, of)];
            if body == of {
                continue;
            }
            let names: Vec<String> = table.entities[body.0 as usize]
                .forms
                .iter()
                .filter(|f| f.kind == EntityKind::Org)
                .map(|f| f.name.clone())
                .collect();
            let list = &mut table.entities[of.0 as usize].bodies;
            list.extend(names);
            list.sort();
            list.dedup();
        }
        table.mark_misc_majority(&misc_articles);
        table
    }

    /// Rule 3b of the module docs: an organisation the archive tags as
    /// MISC in at least [`MISC_MAJORITY`] times as many articles is MISC
    /// ("Six Nations", a tournament; "Thanksgiving"). Not an acronym (rule
    /// 3) nor a name written with a company's suffix.
    /// `misc` gives the articles of each MISC name by its organisation key.
    fn mark_misc_majority(&mut self, misc: &HashMap<String, u32>) {
        for e in &mut self.entities {
            if e.kind != EntityKind::Org
                || is_acronym_like(&e.name)
                || e.forms.iter().any(|f| has_legal_suffix(&f.name))
            {
                continue;
            }
            let tagged = misc.get(&key(EntityKind::Org, &e.name));
            if tagged.is_some_and(|&n| {
                u64::from(n) >= MISC_MAJORITY * u64::from(e.articles)
            }) {
                e.kind = EntityKind::Misc;
            }
        }
    }

    /// What a search needs to fold values into entities: the entities
    /// with more than one form, with aliases or with bodies (most
    /// entities have one form and need nothing).
    pub fn merges(&self) -> Merges {
        let mut m = Merges::default();
        for e in &self.entities {
            if e.forms.len() > 1
                || !e.aliases.is_empty()
                || !e.bodies.is_empty()
                || e.forms.iter().any(|f| f.kind != e.kind)
            {
                m.push(e.clone());
            }
        }
        m
    }

    /// Rule 5 of the module docs: a person or organisation that articles
    /// call a work or an award often enough is MISC. `works` gives each
    /// name an article called a work ("the film Aviator") and in how many
    /// articles.
    pub fn mark_works(&mut self, works: &[(&str, u32)]) {
        // A name the archive writes with a company's suffix is a company
        // ("Pharmacia AB").
        self.mark_called(works, EntityKind::Misc, |e| {
            is_grouped(e.kind)
                && !e.forms.iter().any(|f| has_legal_suffix(&f.name))
        });
    }

    /// Rule 5b of the module docs: a person that at least
    /// [`WORK_ARTICLES`] articles call a band, one in [`WORK_SHARE`] of
    /// those that tag it, is an organisation ("rock band Franz
    /// Ferdinand"). `bands` gives each name an article called a band and
    /// in how many articles.
    pub fn mark_bands(&mut self, bands: &[(&str, u32)]) {
        self.mark_called(bands, EntityKind::Org, |e| {
            e.kind == EntityKind::Person
        });
    }

    /// Gives the entities `may` allows the kind `kind` when at least
    /// [`WORK_ARTICLES`] articles, one in [`WORK_SHARE`] of those that
    /// tag them, called them so: `called` gives each name and in how many
    /// articles. Only what articles called the entity's own name counts:
    /// a short form may be a work's name too ("Ray", the film, is no
    /// short form of Ray Charles's).
    fn mark_called(
        &mut self,
        called: &[(&str, u32)],
        kind: EntityKind,
        may: impl Fn(&Entity) -> bool,
    ) {
        if called.is_empty() {
            return;
        }
        let mut evidence: HashMap<String, u32> = HashMap::new();
        for &(name, n) in called {
            let e = evidence.entry(key(EntityKind::Org, name)).or_default();
            *e = e.saturating_add(n);
        }
        for e in self.entities.iter_mut().filter(|e| may(e)) {
            let said = evidence
                .get(&key(EntityKind::Org, &e.name))
                .copied()
                .unwrap_or(0);
            if said >= WORK_ARTICLES
                && u64::from(said) * WORK_SHARE >= u64::from(e.articles)
            {
                e.kind = kind;
            }
        }
    }

    /// Every entity, in a stable order.
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// The entity behind an id.
    pub fn entity(&self, id: EntityId) -> &Entity {
        &self.entities[id.0 as usize]
    }

    /// The entity a value of the index belongs to.
    pub fn entity_of(
        &self,
        kind: EntityKind,
        value: &str,
    ) -> Option<EntityId> {
        self.by_key.get(&(kind, key(kind, value))).copied()
    }
}

/// Capitals (and dots or "&") only, two letters or more: "OPEC", "U.N.".
/// True when keys `a` and `b` have the same words but for order and one
/// word spelt a letter or two apart ("general agreeement on tariffs and
/// trade", "general agreement on trade and tariffs" for "general
/// agreement on tariffs and trade") or one connecting word for another in
/// a name of four words or more ("organization of economic cooperation
/// and development" for "... for economic ...").
fn is_slip(a: &str, b: &str) -> bool {
    let mut left: Vec<&str> = a.split(' ').collect();
    let mut right: Vec<&str> = Vec::new();
    for w in b.split(' ') {
        match left.iter().position(|x| *x == w) {
            Some(i) => {
                left.swap_remove(i);
            }
            None => right.push(w),
        }
    }
    match (&left[..], &right[..]) {
        ([], []) => a != b,
        ([x], [y]) if CONNECTING.contains(x) && CONNECTING.contains(y) => {
            a.split(' ').count() >= 4
        }
        ([x], [y]) => x.len() >= 4 && edit_distance(x, y) <= 2,
        _ => false,
    }
}

/// The kind of an entity whose forms are people and organisations: an
/// organisation when more articles write it as one ("Freeport", a
/// person in two articles, joins "Freeport-McMoRan Copper & Gold Inc."
/// in fifteen: a company); else its root group's kind (a firm named
/// after a person stays a firm however often its name is tagged a
/// person: rule 2b).
fn kind_written_more(e: &Entity) -> EntityKind {
    let written = |kind: EntityKind| -> u64 {
        e.forms
            .iter()
            .filter(|f| f.kind == kind)
            .map(|f| u64::from(f.articles))
            .sum()
    };
    let (people, orgs) =
        (written(EntityKind::Person), written(EntityKind::Org));
    if e.kind == EntityKind::Person && orgs > people {
        EntityKind::Org
    } else {
        e.kind
    }
}

/// Rule 6 of the module docs: the organisation group each body of an
/// organisation belongs to, by root group: a name of an organisation
/// followed by words that name a body ([`article::PARTS_OF_BODIES`]):
/// "EC Commission", "European Community Commission", "UN Conference",
/// "Senate Agriculture Committee"; or a name of a body whose initials
/// are the organisation's acronym and whose first word is that of the
/// organisation's name ("European Commission" of the "European
/// Community", "EC"). The organisation must be named in at least as
/// many articles as the body. Bodies of one organisation with the same
/// words after its name are joined in `parent`: "EC Commission",
/// "European Community Commission" and "European Commission" are one.
fn join_bodies(
    groups: &[Group<'_>],
    parent: &mut [usize],
    by_key: &HashMap<(EntityKind, String), usize>,
    by_word: &HashMap<(EntityKind, &str), Vec<usize>>,
    aliases: &[(EntityKind, String, usize)],
) -> Vec<(usize, usize)> {
    use EntityKind::Org;
    let mut totals: HashMap<usize, u64> = HashMap::new();
    for (i, g) in groups.iter().enumerate() {
        *totals.entry(root(parent, i)).or_default() += u64::from(g.articles);
    }
    let alias_owner: HashMap<&str, usize> = aliases
        .iter()
        .filter(|(kind, ..)| *kind == Org)
        .map(|(_, short, owner)| (short.as_str(), *owner))
        .collect();
    let owner = |parent: &mut [usize], k: &str| {
        let g = by_key
            .get(&(Org, k.to_string()))
            .or_else(|| alias_owner.get(k))
            .copied()?;
        Some(root(parent, g))
    };
    let mut found: Vec<(usize, usize, String)> = Vec::new();
    for (i, g) in groups.iter().enumerate() {
        if g.kind != Org || g.is_single_word() {
            continue;
        }
        if !article::names_body(&g.key) {
            continue;
        }
        let words: Vec<&str> = g.key.split(' ').collect();
        let me = root(parent, i);
        let big_enough =
            |r: usize| r != me && totals.get(&r) >= totals.get(&me);
        // The longest name of an organisation the key starts with, a
        // body's word after it.
        let mut of = (1..words.len()).rev().find_map(|at| {
            let rest = words[at..].join(" ");
            if !article::names_body(&rest) {
                return None;
            }
            let r = owner(parent, &words[..at].join(" "))?;
            big_enough(r).then_some((r, rest))
        });
        // Initials: "European Commission", "EC", "European Community".
        if of.is_none()
            && article::PARTS_OF_BODIES.contains(&words[words.len() - 1])
        {
            let initials =
                super::resolve::acronym_of(g.top_form()).to_lowercase();
            of = owner(parent, &initials)
                .filter(|&r| big_enough(r))
                .filter(|&r| {
                    by_word.get(&(Org, words[0])).into_iter().flatten().any(
                        |&o| {
                            o != i
                                && root(parent, o) == r
                                && groups[o].key.starts_with(words[0])
                        },
                    )
                })
                .map(|r| (r, words[1..].join(" ")));
        }
        if let Some((r, rest)) = of {
            found.push((i, r, rest));
        }
    }
    let mut first: HashMap<(usize, &str), usize> = HashMap::new();
    for (i, r, rest) in &found {
        let one = *first.entry((*r, rest.as_str())).or_insert(*i);
        let (ri, ro) = (root(parent, *i), root(parent, one));
        if ri != ro {
            parent[ri] = ro;
        }
    }
    found.into_iter().map(|(i, r, _)| (i, r)).collect()
}

/// Words that join the parts of an organisation's name, which a writer
/// may swap: "Organisation of/for Economic Cooperation".
const CONNECTING: &[&str] = &["at", "for", "in", "of", "on"];

/// Levenshtein distance of two short words, by bytes.
fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, &ca) in a.iter().enumerate() {
        let mut diag = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let next = (diag + usize::from(ca != cb))
                .min(row[j] + 1)
                .min(row[j + 1] + 1);
            diag = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

fn is_acronym_like(name: &str) -> bool {
    let letters = name.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2
        && name
            .chars()
            .all(|c| c.is_uppercase() || matches!(c, '.' | '&' | '-'))
}

/// Whether an organisation's name is a nickname ("Tories", "Tory
/// Party", "Big Board"): its words, as [`key`] reads them, are one of
/// [`ORG_NICKNAMES`].
fn is_nickname(name: &str) -> bool {
    let plain = key_words_as(EntityKind::Org, name, false).join(" ");
    ORG_NICKNAMES.iter().any(|(nick, _)| *nick == plain)
}

/// The key with its last word in the singular ("conservatives" ->
/// "conservative", "tories" -> "tory"), when it ends in a plural "s".
fn singular(key: &str) -> Option<String> {
    let (head, last) = match key.rsplit_once(' ') {
        Some((h, l)) => (Some(h), l),
        None => (None, key),
    };
    if last.len() < 4 || last.ends_with("ss") || !last.is_ascii() {
        return None;
    }
    let one = if let Some(stem) = last.strip_suffix("ies") {
        format!("{stem}y")
    } else {
        last.strip_suffix('s')?.to_string()
    };
    Some(match head {
        Some(h) => format!("{h} {one}"),
        None => one,
    })
}

/// What follows `head` in `key` when `key` begins with the whole words
/// of `head` and has more: `after_words("house of commons", "house")`
/// is `Some("of commons")`.
pub(crate) fn after_words<'a>(key: &'a str, head: &str) -> Option<&'a str> {
    key.strip_prefix(head)?.strip_prefix(' ')
}

/// What comes before `tail` in `key` when `key` ends with the whole
/// words of `tail` and has more.
pub(crate) fn before_words<'a>(key: &'a str, tail: &str) -> Option<&'a str> {
    key.strip_suffix(tail)?.strip_suffix(' ')
}

/// People and organisations are grouped; places have the gazetteer.
pub(crate) fn is_grouped(kind: EntityKind) -> bool {
    matches!(kind, EntityKind::Person | EntityKind::Org)
}

/// The groups a short form may stand for, with the evidence for each.
fn owners_of(
    g: &Group<'_>,
    groups: &[Group<'_>],
    evidence: &HashMap<(EntityKind, String), HashMap<usize, u32>>,
    by_word: &HashMap<(EntityKind, &str), Vec<usize>>,
    by_stripped: &HashMap<String, Vec<usize>>,
    by_key: &HashMap<(EntityKind, String), usize>,
) -> Vec<(usize, u32)> {
    let (kind, key, form) = (g.kind, g.key.as_str(), g.top_form());
    let mut owners: Vec<(usize, u32)> = match evidence
        .get(&(kind, key.to_string()))
    {
        Some(counts) => counts.iter().map(|(&o, &c)| (o, c)).collect(),
        None => match kind {
            // "Bra Kanon" of "Denis Bra Kanon": a family name of two
            // words.
            EntityKind::Person if key.split(' ').count() == 2 => {
                let first = key.split(' ').next().unwrap_or(key);
                by_word
                    .get(&(kind, first))
                    .into_iter()
                    .flatten()
                    .filter(|&&o| before_words(&groups[o].key, key).is_some())
                    .map(|&o| (o, groups[o].articles))
                    .collect()
            }
            EntityKind::Person if !key.contains(' ') => by_word
                .get(&(kind, key))
                .into_iter()
                .flatten()
                .filter(|&&o| {
                    groups[o].forms.iter().any(|f| name_matches(form, f.1))
                })
                .map(|&o| (o, groups[o].articles))
                .collect(),
            EntityKind::Org => by_stripped
                .get(key)
                .into_iter()
                .flatten()
                .map(|&o| (o, groups[o].articles))
                .collect(),
            _ => Vec::new(),
        },
    };
    // A family name may also be that of a firm named after partners that
    // begins with it ("Wagner" of "Wagner and Brown", "Donaldson" of
    // "Donaldson, Lufkin and Jenrette Securities Corp"): the firm is a
    // candidate when the archive names it DOMINANCE times as often as
    // the evidence for each person, in two articles or more. Not a list
    // the tagger took for one name, whose next name is a company's
    // ("Google and Yahoo Inc.": the archive writes "Yahoo Inc.").
    if kind == EntityKind::Person && !key.contains(' ') {
        // The name after the word: "Brown", "Lufkin and Jenrette
        // Securities Corp"; "Yahoo Inc.", a company the archive names
        // on its own, makes a list.
        let partners = |name: &str| {
            if !article::names_partners(name, form) {
                return false;
            }
            let rest = name[form.len()..]
                .trim_start_matches([',', ' ', '&'])
                .trim_start_matches("and ");
            let one = !rest.contains(" and ") && !rest.contains(", ");
            let k = self::key(EntityKind::Org, rest);
            !(one
                && has_legal_suffix(rest)
                && by_key.contains_key(&(EntityKind::Org, k)))
        };
        let firm = by_word
            .get(&(EntityKind::Org, key))
            .into_iter()
            .flatten()
            .filter(|&&o| groups[o].articles >= 2)
            .filter(|&&o| groups[o].forms.iter().any(|f| partners(f.1)))
            .map(|&o| (o, groups[o].articles))
            .max_by_key(|&(o, n)| (n, std::cmp::Reverse(o)));
        let held = owners.iter().map(|p| u64::from(p.1)).max().unwrap_or(0);
        if let Some((o, n)) = firm {
            if u64::from(n) >= DOMINANCE * held {
                owners.push((o, n));
            }
        }
    }
    sorted(owners)
}

/// Owners most evidence first, ties in group order.
fn sorted(mut owners: Vec<(usize, u32)>) -> Vec<(usize, u32)> {
    owners.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    owners
}

/// The owner that [`dominates`] the others (owners come most evidence
/// first).
fn dominant(owners: &[(usize, u32)]) -> Option<usize> {
    let evidence: Vec<u64> = owners.iter().map(|o| u64::from(o.1)).collect();
    (dominates(&evidence) && evidence[0] > 0).then(|| owners[0].0)
}

/// Rule 2's second reading, for evidence too thin to dominate (two
/// articles against one): the first name still takes the short form when
/// it has at least twice the evidence of the second and the archive
/// names it at least [`DOMINANCE`] times as often as each other candidate
/// ("Commons": the House of Commons in 17 articles, a Commons committee
/// in one). "Baker", five articles for James Baker and three for Howard
/// Baker, stays undecided.
fn dominant_by_size(
    owners: &[(usize, u32)],
    articles: impl Fn(usize) -> u32,
) -> Option<usize> {
    let [(top, first), (_, second), ..] = *owners else { return None };
    let size = u64::from(articles(top));
    let clear = first >= second.saturating_mul(2)
        && owners[1..]
            .iter()
            .all(|&(o, _)| size >= DOMINANCE * u64::from(articles(o)));
    clear.then_some(top)
}

/// Rule 4 of the module docs; `forms` is sorted most articles first.
fn canonical(kind: EntityKind, forms: &[Form]) -> String {
    let full = |f: &&Form| f.name.split_whitespace().nth(1).is_some();
    let pool: Vec<&Form> = match kind {
        EntityKind::Person if forms.iter().any(|f| full(&f)) => {
            forms.iter().filter(full).collect()
        }
        EntityKind::Org => {
            let keys: Vec<String> =
                forms.iter().map(|f| key(EntityKind::Org, &f.name)).collect();
            // A family name tagged as a person ("Wagner" of "Wagner and
            // Brown") is no name of the firm; a full name ("Smith
            // Barney") is.
            let as_person = |i: usize| {
                forms[i].kind == EntityKind::Person
                    && !forms[i].name.contains(' ')
            };
            let proper = |i: usize| {
                !is_nickname(&forms[i].name)
                    && !as_person(i)
                    && !singular(&keys[i])
                        .is_some_and(|one| keys.contains(&one))
            };
            let pool: Vec<&Form> = (0..forms.len())
                .filter(|&i| proper(i))
                .map(|i| &forms[i])
                .collect();
            if pool.is_empty() {
                forms.iter().collect()
            } else {
                pool
            }
        }
        _ => forms.iter().collect(),
    };
    pool.iter()
        .max_by(|a, b| {
            a.articles
                .cmp(&b.articles)
                .then(a.name.chars().count().cmp(&b.name.chars().count()))
                .then(b.name.cmp(&a.name))
        })
        .map_or_else(String::new, |f| f.name.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use EntityKind::{Misc, Org, Person};

    fn countries(s: &str) -> bool {
        matches!(s, "U.S." | "US" | "Britain" | "West Germany" | "Japan")
    }

    fn v(kind: EntityKind, name: &str, articles: u32) -> Value<'_> {
        Value { kind, name, articles }
    }

    fn p<'a>(
        kind: EntityKind,
        short: &'a str,
        full: &'a str,
        articles: u32,
    ) -> Pair<'a> {
        Pair { kind, short, full, articles }
    }

    /// The canonical name of the entity `name` belongs to.
    fn canon_of(t: &Table, kind: EntityKind, name: &str) -> String {
        let id = t.entity_of(kind, name).expect(name);
        t.entity(id).name.clone()
    }

    #[test]
    fn ascii_words_fold_as_char_by_char() {
        for w in [
            "Microsoft",
            "U.S.",
            "Poor's",
            "POOR'S",
            "'s",
            "O'Neill",
            "Organisation",
            "ORGANISATIONS",
            "Isation",
            "isationisation",
            "A.",
            ".",
            "",
            "S&P",
            "Co.",
            "1987/88",
            "X's",
            "McDonald'S",
        ] {
            assert_eq!(fold_ascii_word(w), fold_word_slow(w), "{w:?}");
            assert_eq!(fold_word(w), fold_word_slow(w), "{w:?}");
        }
    }

    #[test]
    fn keys_ignore_case_suffix_possessive_and_titles() {
        assert_eq!(key(Org, "OPEC"), key(Org, "Opec"));
        assert_eq!(key(Org, "Microsoft Corp."), "microsoft");
        assert_eq!(key(Org, "Microsoft Corporation"), "microsoft");
        assert_eq!(
            key(Org, "Smith Barney, Harris Upham and Co"),
            "smith barney harris upham"
        );
        assert_eq!(key(Org, "Nestle SA"), "nestle");
        assert_eq!(key(Org, "Reuters Holdings PLC"), "reuters holdings");
        assert_eq!(key(Org, "Ford's"), "ford");
        assert_eq!(key(Org, "The Treasury"), "treasury");
        assert_eq!(key(Person, "BERNANKE"), key(Person, "Bernanke"));
        assert_eq!(key(Person, "Martin T. Sosnoff"), "martin sosnoff");
        assert_eq!(
            key(Person, "Treasury Secretary James Baker"),
            "james baker"
        );
        // A suffix alone is no name to strip.
        assert_eq!(key(Org, "Inc"), "inc");
        // People keep "Co" (a surname can be a suffix word elsewhere).
        assert_eq!(key(Person, "Ho Co"), "ho co");
        // British spelling and a hyphen are no other name.
        assert_eq!(
            key(Org, "Organisation for Economic Co-operation and Development"),
            key(Org, "Organization for Economic Cooperation and Development")
        );
    }

    #[test]
    fn keys_fold_holding_groups_parties_nicknames_and_given_names() {
        assert_eq!(key(Org, "Goldman Sachs Group Inc."), "goldman sachs");
        // "Group" without a legal suffix is part of the name.
        assert_eq!(key(Org, "Blackstone Group"), "blackstone group");
        assert_eq!(key(Org, "Labour Party"), key(Org, "Labour"));
        assert_eq!(
            key(Org, "U.S. Department of Agriculture"),
            key(Org, "U.S. Agriculture Department")
        );
        assert_eq!(
            key(Org, "Ministry of International Trade and Industry"),
            "international trade and industry ministry"
        );
        assert_eq!(
            key(Org, "Finance Ministry"),
            key(Org, "Ministry of Finance")
        );
        assert_eq!(key(Org, "Department"), "department");
        assert_eq!(
            key(Org, "United States Agriculture Department"),
            key(Org, "U.S. Department of Agriculture")
        );
        assert_eq!(key(Org, "United States"), "united states");
        assert_eq!(key(Org, "Tories"), key(Org, "Conservative Party"));
        assert_eq!(key(Org, "Tory Party"), "conservative");
        assert_eq!(key(Org, "Lib Dems"), key(Org, "Liberal Democrat"));
        assert_eq!(key(Org, "Big Board"), key(Org, "New York Stock Exchange"));
        assert_eq!(key(Person, "Jim Wright"), key(Person, "James Wright"));
        assert_eq!(key(Person, "Rep. Bill Bradley"), "william bradley");
        // A given name alone, or a family name, is left as written.
        assert_eq!(key(Person, "Jim"), "jim");
        assert_eq!(key(Person, "Mike Tyson"), "michael tyson");
        assert_eq!(key(Person, "Tyson Mike"), "tyson mike");
    }

    #[test]
    fn a_nickname_or_the_members_never_name_the_organisation() {
        let t = Table::build(
            &[
                v(Org, "Tories", 98),
                v(Org, "Conservatives", 46),
                v(Org, "Tory", 24),
                v(Org, "Conservative Party", 19),
                v(Org, "Big Board", 30),
                v(Org, "New York Stock Exchange", 12),
            ],
            &[],
            &countries,
        );
        assert_eq!(canon_of(&t, Org, "Tories"), "Conservative Party");
        assert_eq!(canon_of(&t, Org, "Big Board"), "New York Stock Exchange");
        // With no other name the nickname stays.
        let t = Table::build(&[v(Org, "Tories", 9)], &[], &countries);
        assert_eq!(canon_of(&t, Org, "Tories"), "Tories");
    }

    #[test]
    fn names_articles_call_works_are_misc() {
        let mut t = Table::build(
            &[
                v(Org, "Aviator", 28),
                v(Org, "Arsenal", 40),
                v(Person, "Vera Drake", 4),
                v(Org, "Vera Drake", 6),
                v(Org, "Pharmacia AB", 3),
                v(Org, "Pharmacia", 1),
            ],
            &[],
            &countries,
        );
        t.mark_works(&[
            ("The Aviator", 4),
            // One match report's "the game Arsenal" in forty.
            ("Arsenal", 1),
            ("Vera Drake", 2),
            ("Pharmacia", 2),
        ]);
        let kind = |k, name| t.entity(t.entity_of(k, name).unwrap()).kind;
        assert_eq!(kind(Org, "Aviator"), Misc);
        assert_eq!(kind(Org, "Arsenal"), Org);
        assert_eq!(kind(Person, "Vera Drake"), Misc);
        // A company's suffix says company.
        assert_eq!(kind(Org, "Pharmacia"), Org);
        // Facets read the move from the merges.
        let m = t.merges();
        assert_eq!(
            m.get(By::Value, Org, "Aviator").map(|e| e.kind),
            Some(Misc)
        );
    }

    #[test]
    fn thin_evidence_decides_when_one_owner_is_far_larger() {
        let t = Table::build(
            &[
                v(Org, "Commons", 14),
                v(Org, "House of Commons", 17),
                v(Org, "Commons Work and Pensions Committee", 1),
                v(Person, "Baker", 40),
                v(Person, "James Baker", 137),
                v(Person, "Howard Baker", 20),
            ],
            &[
                p(Org, "Commons", "House of Commons", 2),
                p(Org, "Commons", "Commons Work and Pensions Committee", 1),
                p(Person, "Baker", "James Baker", 5),
                p(Person, "Baker", "Howard Baker", 3),
            ],
            &countries,
        );
        assert_eq!(canon_of(&t, Org, "Commons"), "House of Commons");
        // A common noun needs more.
        let trade = Table::build(
            &[
                v(Org, "Trade", 10),
                v(Org, "General Agreement on Tariffs and Trade", 52),
                v(Org, "Trade Representative", 3),
            ],
            &[
                p(Org, "Trade", "General Agreement on Tariffs and Trade", 2),
                p(Org, "Trade", "Trade Representative", 1),
            ],
            &countries,
        );
        assert_eq!(canon_of(&trade, Org, "Trade"), "Trade");
        // Five articles against three is no evidence of one owner, however
        // much larger it is.
        assert_eq!(canon_of(&t, Person, "Baker"), "Baker");
        // Nor is two against one when the other is as large.
        let t = Table::build(
            &[
                v(Org, "Telegraph", 11),
                v(Org, "Daily Telegraph", 11),
                v(Org, "Sunday Telegraph", 4),
            ],
            &[
                p(Org, "Telegraph", "Daily Telegraph", 2),
                p(Org, "Telegraph", "Sunday Telegraph", 1),
            ],
            &countries,
        );
        assert_eq!(canon_of(&t, Org, "Telegraph"), "Telegraph");
    }

    #[test]
    fn spelling_members_and_board_variants_are_one_organisation() {
        let t = Table::build(
            &[
                v(Org, "JPMorgan", 40),
                v(Org, "JP Morgan", 80),
                v(Org, "Conservative Party", 20),
                v(Org, "Conservatives", 46),
                v(Org, "Federal Reserve", 120),
                v(Org, "Federal Reserve Board", 60),
                // Plurals of other names stay apart: "Times" is no member
                // of "Time".
                v(Org, "Time", 10),
                v(Org, "Times", 12),
                // Nor is a one-word board the body before it.
                v(Org, "Wheat Board", 5),
                v(Org, "Wheat", 3),
            ],
            &[],
            &countries,
        );
        assert_eq!(canon_of(&t, Org, "JPMorgan"), "JP Morgan");
        // The party's name, not its members' plural.
        assert_eq!(
            canon_of(&t, Org, "Conservative Party"),
            "Conservative Party"
        );
        assert_eq!(
            canon_of(&t, Org, "Federal Reserve Board"),
            "Federal Reserve"
        );
        assert_ne!(t.entity_of(Org, "Time"), t.entity_of(Org, "Times"));
        assert_ne!(t.entity_of(Org, "Wheat"), t.entity_of(Org, "Wheat Board"));
        // A party's members are also its MISC adjective's plural.
        let t = Table::build(
            &[
                v(Org, "Liberal Democrat", 44),
                v(Org, "Liberal Democrats", 3),
                v(Misc, "Liberal Democrat", 10),
            ],
            &[],
            &countries,
        );
        assert_eq!(t.entities().len(), 1);
    }

    #[test]
    fn evidence_for_two_names_of_one_entity_counts_together() {
        // "Fed" stands for the Federal Reserve in 60 articles and for its
        // Board in 30: neither dominates alone, the entity does.
        let t = Table::build(
            &[
                v(Org, "Fed", 100),
                v(Org, "Federal Reserve", 120),
                v(Org, "Federal Reserve Board", 60),
                v(Org, "Federal Home Loan Bank Board", 30),
            ],
            &[
                p(Org, "Fed", "Federal Reserve", 60),
                p(Org, "Fed", "Federal Reserve Board", 30),
                p(Org, "Fed", "Federal Home Loan Bank Board", 20),
            ],
            &countries,
        );
        assert_eq!(canon_of(&t, Org, "Fed"), "Federal Reserve");
    }

    #[test]
    fn a_family_name_of_two_words_joins_the_full_name() {
        let t = Table::build(
            &[v(Person, "Denis Bra Kanon", 12), v(Person, "Bra Kanon", 8)],
            &[],
            &countries,
        );
        assert_eq!(canon_of(&t, Person, "Bra Kanon"), "Denis Bra Kanon");
    }

    #[test]
    fn case_and_suffix_variants_are_one_entity() {
        let t = Table::build(
            &[
                v(Org, "OPEC", 50),
                v(Org, "Opec", 10),
                v(Org, "Microsoft", 20),
                v(Org, "Microsoft Corp.", 8),
                v(Org, "MICROSOFT CORP", 1),
            ],
            &[],
            &countries,
        );
        assert_eq!(t.entities().len(), 2);
        assert_eq!(canon_of(&t, Org, "Opec"), "OPEC");
        assert_eq!(canon_of(&t, Org, "MICROSOFT CORP"), "Microsoft");
        let ms = t.entity(t.entity_of(Org, "Microsoft").unwrap());
        assert_eq!(ms.articles, 29);
        assert_eq!(ms.forms.len(), 3);
    }

    #[test]
    fn a_country_prefix_joins_when_one_country_dominates() {
        let t = Table::build(
            &[
                v(Org, "Treasury", 269),
                v(Org, "U.S. Treasury", 40),
                v(Org, "Britain Treasury", 3),
            ],
            &[],
            &countries,
        );
        assert_eq!(
            t.entity_of(Org, "Treasury"),
            t.entity_of(Org, "U.S. Treasury")
        );
        assert_ne!(
            t.entity_of(Org, "Treasury"),
            t.entity_of(Org, "Britain Treasury")
        );
        // Most articles write "Treasury": the canonical name.
        assert_eq!(canon_of(&t, Org, "U.S. Treasury"), "Treasury");
    }

    #[test]
    fn a_country_prefix_split_between_countries_stays_apart() {
        let t = Table::build(
            &[
                v(Org, "Finance Ministry", 30),
                v(Org, "Japan Finance Ministry", 10),
                v(Org, "West Germany Finance Ministry", 9),
                v(Org, "British Petroleum", 10),
                v(Org, "Petroleum", 3),
            ],
            &[],
            &countries,
        );
        assert_eq!(t.entities().len(), 5);
    }

    #[test]
    fn a_title_or_possessive_does_not_make_another_person() {
        let t = Table::build(
            &[
                v(Person, "Ronald Reagan", 13),
                v(Person, "President Ronald Reagan", 2),
                v(Person, "Ronald Reagan's", 1),
            ],
            &[],
            &countries,
        );
        assert_eq!(t.entities().len(), 1);
        assert_eq!(t.entities()[0].name, "Ronald Reagan");
    }

    #[test]
    fn a_surname_with_one_owner_joins_the_full_name() {
        let t = Table::build(
            &[
                v(Person, "Reagan", 231),
                v(Person, "Ronald Reagan", 13),
                v(Person, "Nakasone", 3),
                v(Person, "Yasuhiro Nakasone", 43),
            ],
            &[],
            &countries,
        );
        assert_eq!(canon_of(&t, Person, "Reagan"), "Ronald Reagan");
        assert_eq!(canon_of(&t, Person, "Nakasone"), "Yasuhiro Nakasone");
        let reagan = t.entity(t.entity_of(Person, "Reagan").unwrap());
        assert_eq!(reagan.articles, 244);
    }

    #[test]
    fn a_surname_with_two_owners_goes_to_the_dominant_one_or_none() {
        let t = Table::build(
            &[
                v(Person, "Baker", 2),
                v(Person, "James Baker", 137),
                v(Person, "Howard Baker", 20),
                v(Person, "Miller", 5),
                v(Person, "James Miller", 10),
                v(Person, "George Miller", 8),
            ],
            &[],
            &countries,
        );
        assert_eq!(canon_of(&t, Person, "Baker"), "James Baker");
        assert_eq!(canon_of(&t, Person, "Miller"), "Miller");
        assert!(t.entity_of(Person, "Miller").is_some());
    }

    #[test]
    fn evidence_from_articles_outweighs_article_counts() {
        // Two Stoltenbergs; articles used the bare name for the one with
        // fewer articles of his own.
        let t = Table::build(
            &[
                v(Person, "Stoltenberg", 4),
                v(Person, "Gerhard Stoltenberg", 19),
                v(Person, "Thorvald Stoltenberg", 30),
            ],
            &[p(Person, "Stoltenberg", "Gerhard Stoltenberg", 17)],
            &countries,
        );
        assert_eq!(canon_of(&t, Person, "Stoltenberg"), "Gerhard Stoltenberg");
    }

    #[test]
    fn acronyms_join_only_on_evidence_from_text() {
        let t = Table::build(
            &[
                v(Org, "IMF", 13),
                v(Org, "International Monetary Fund", 107),
                v(Org, "General Agreement on Tariffs and Trade", 20),
                v(Person, "Giulio Andreotti", 5),
                v(Org, "BIS", 3),
                v(Org, "Bank for International Settlements", 9),
            ],
            &[
                p(Org, "IMF", "International Monetary Fund", 40),
                p(Org, "GATT", "General Agreement on Tariffs and Trade", 12),
            ],
            &countries,
        );
        assert_eq!(canon_of(&t, Org, "IMF"), "International Monetary Fund");
        // Used alongside its expansion, never a value of its own.
        assert_eq!(
            canon_of(&t, Org, "GATT"),
            "General Agreement on Tariffs and Trade"
        );
        // No article tied BIS to its expansion: initials are no evidence.
        assert_ne!(
            t.entity_of(Org, "BIS"),
            t.entity_of(Org, "Bank for International Settlements")
        );
        assert!(t.entity_of(Org, "GA").is_none());
    }

    #[test]
    fn a_slip_in_an_acronyms_expansion_joins_its_owner() {
        let t = Table::build(
            &[
                v(Org, "General Agreement on Tariffs and Trade", 60),
                v(Org, "General Agreement on Trade and Tariffs", 2),
                v(Org, "General Agreeement on Tariffs and Trade", 1),
                v(Org, "Gulf Trading Tankers", 1),
                v(Org, "International Coffee Organization", 40),
                v(Org, "International Cocoa Organization", 30),
                v(Org, "European Community", 200),
                v(Org, "European Commission", 25),
                v(
                    Org,
                    "Organization for Economic Cooperation and Development",
                    30,
                ),
                v(
                    Org,
                    "Organisation of Economic Cooperation and Development",
                    2,
                ),
            ],
            &[
                p(
                    Org,
                    "OECD",
                    "Organization for Economic Cooperation and Development",
                    10,
                ),
                p(
                    Org,
                    "OECD",
                    "Organisation of Economic Cooperation and Development",
                    1,
                ),
                p(Org, "GATT", "General Agreement on Tariffs and Trade", 40),
                p(Org, "GATT", "General Agreement on Trade and Tariffs", 2),
                p(Org, "GATT", "General Agreeement on Tariffs and Trade", 1),
                p(Org, "GATT", "Gulf Trading Tankers", 1),
                p(Org, "ICO", "International Coffee Organization", 30),
                p(Org, "ICO", "International Cocoa Organization", 12),
                p(Org, "EC", "European Community", 60),
                p(Org, "EC", "European Commission", 3),
            ],
            &countries,
        );
        let gatt = "General Agreement on Tariffs and Trade";
        for slip in [
            "General Agreement on Trade and Tariffs",
            "General Agreeement on Tariffs and Trade",
        ] {
            assert_eq!(canon_of(&t, Org, slip), gatt);
        }
        // "of" for "for".
        assert_eq!(
            canon_of(
                &t,
                Org,
                "Organisation of Economic Cooperation and Development"
            ),
            "Organization for Economic Cooperation and Development"
        );
        // A hyphen inside a word is no other name; one between two
        // names is.
        assert_eq!(key(Org, "Co-operation"), key(Org, "Cooperation"));
        assert_ne!(key(Org, "EC-U.S."), key(Org, "ECUs"));
        assert_eq!(key(Person, "Kim Mahn-Je"), key(Person, "Kim Mahn-je"));
        // The letters must fit the name.
        assert_eq!(
            canon_of(&t, Org, "Gulf Trading Tankers"),
            "Gulf Trading Tankers"
        );
        assert!(is_slip("general agreeement", "general agreement"));
        assert!(!is_slip("european commission", "european community"));
        assert!(!is_slip("ec commission", "european community"));
        assert!(!is_slip("world bank", "world bank"));
        assert!(is_slip(
            "organization of economic cooperation and development",
            "organization for economic cooperation and development"
        ));
        assert!(!is_slip("bank of japan", "bank for japan"));
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        // Another body of the same letters: apart.
        assert_ne!(
            t.entity_of(Org, "European Community"),
            t.entity_of(Org, "European Commission")
        );
        // Two bodies of one acronym, neither dominant: apart.
        assert_ne!(
            t.entity_of(Org, "International Coffee Organization"),
            t.entity_of(Org, "International Cocoa Organization")
        );
    }

    #[test]
    fn an_entity_of_both_kinds_is_the_kind_its_forms_are_written_more() {
        let t = Table::build(
            &[
                v(Person, "Freeport", 2),
                v(Org, "Freeport", 1),
                v(Org, "Freeport-McMoRan Copper & Gold Inc.", 12),
            ],
            &[p(Org, "Freeport", "Freeport-McMoRan Copper & Gold Inc.", 3)],
            &countries,
        );
        let id = t.entity_of(Org, "Freeport-McMoRan Copper & Gold Inc.");
        let e = t.entity(id.unwrap());
        assert_eq!(e.kind, Org);
        assert_eq!(e.name, "Freeport-McMoRan Copper & Gold Inc.");
    }

    #[test]
    fn a_family_name_joins_a_firm_of_partners_it_begins() {
        let t = Table::build(
            &[
                v(Person, "Wagner", 10),
                v(Person, "Ulrich Wagner", 2),
                v(Person, "Cyril Wagner", 1),
                v(Org, "Wagner and Brown", 15),
                v(Person, "Smith", 5),
                v(Person, "Roger Smith", 5),
                v(Org, "Smith and Nephew Plc", 2),
            ],
            &[],
            &countries,
        );
        assert_eq!(canon_of(&t, Person, "Wagner"), "Wagner and Brown");
        let wagner = t.entity(t.entity_of(Person, "Wagner").unwrap());
        assert_eq!(wagner.kind, Org);
        // A family name people hold more often stays theirs.
        assert_eq!(canon_of(&t, Person, "Smith"), "Roger Smith");
        // A list the tagger read as one name is no firm of partners.
        let t = Table::build(
            &[
                v(Person, "Google", 6),
                v(Org, "Google and Yahoo Inc.", 3),
                v(Org, "Yahoo Inc.", 20),
            ],
            &[],
            &countries,
        );
        assert_eq!(canon_of(&t, Person, "Google"), "Google");
        assert_eq!(
            t.entity(t.entity_of(Person, "Google").unwrap()).kind,
            Person
        );
    }

    #[test]
    fn a_person_articles_call_a_band_is_an_organisation() {
        let mut t = Table::build(
            &[
                v(Person, "Harbour Lights", 19),
                v(Person, "Tom Reid", 19),
                v(Person, "Ann Lee", 30),
            ],
            &[],
            &countries,
        );
        t.mark_bands(&[("Harbour Lights", 2), ("Ann Lee", 2)]);
        let kind = |name| t.entity(t.entity_of(Person, name).unwrap()).kind;
        assert_eq!(kind("Harbour Lights"), Org);
        assert_eq!(kind("Tom Reid"), Person);
        // Two articles of thirty are too few.
        assert_eq!(kind("Ann Lee"), Person);
    }

    #[test]
    fn a_body_of_an_organisation_is_found_by_it() {
        let t = Table::build(
            &[
                v(Org, "European Community", 200),
                v(Org, "EC", 80),
                v(Org, "EC Commission", 49),
                v(Org, "European Commission", 25),
                v(Org, "European Community Commission", 10),
                v(Org, "EC Council of Ministers", 6),
                v(Org, "European Investment Bank", 5),
                v(Org, "United Nations", 20),
                v(Org, "UN", 3),
                v(Org, "United Nations Conference", 2),
                v(Org, "Securities and Exchange Commission", 400),
                v(Org, "Tiny", 1),
                v(Org, "Tiny Board of Trade", 5),
            ],
            &[
                p(Org, "EC", "European Community", 60),
                p(Org, "EC", "European Commission", 3),
                p(Org, "UN", "United Nations", 5),
            ],
            &countries,
        );
        let ec = t.entity_of(Org, "European Community").unwrap();
        let ec = t.entity(ec);
        assert_eq!(
            ec.bodies,
            [
                "EC Commission",
                "EC Council of Ministers",
                "European Commission",
                "European Community Commission"
            ]
        );
        // One body under its three names; the council apart.
        let commission = t.entity_of(Org, "EC Commission");
        assert_eq!(commission, t.entity_of(Org, "European Commission"));
        assert_eq!(
            commission,
            t.entity_of(Org, "European Community Commission")
        );
        assert_ne!(commission, t.entity_of(Org, "EC Council of Ministers"));
        assert_ne!(commission, t.entity_of(Org, "European Community"));
        let un = t.entity(t.entity_of(Org, "UN").unwrap());
        assert_eq!(un.bodies, ["United Nations Conference"]);
        // No organisation of the name: no body. A body named more often
        // than the organisation: no body.
        let sec = t.entity_of(Org, "Securities and Exchange Commission");
        assert!(t.entity(sec.unwrap()).bodies.is_empty());
        let tiny = t.entity_of(Org, "Tiny").unwrap();
        assert!(t.entity(tiny).bodies.is_empty());
        let bank = t.entity_of(Org, "European Investment Bank").unwrap();
        assert!(t.entity(bank).bodies.is_empty());
        // Bodies make the entity part of the merges a search reads.
        let m = t.merges();
        assert_eq!(m.of_value(Org, "UN").unwrap().bodies.len(), 1);
    }

    #[test]
    fn a_firm_named_after_a_person_is_the_firm() {
        let t = Table::build(
            &[
                v(Person, "E.F. Hutton", 10),
                v(Org, "E.F. Hutton and Co Inc", 6),
                v(Person, "Ronald Reagan", 50),
                v(Org, "Ronald Reagan Foundation", 2),
                v(Person, "Smith Barney", 40),
                v(Org, "Smith Barney, Harris Upham and Co", 6),
                v(Person, "Warren Buffett", 30),
                v(Org, "Warren Buffett Foundation Inc", 2),
                v(Person, "Walt Disney", 19),
                v(Org, "Walt Disney Co.", 15),
            ],
            &[],
            &countries,
        );
        let hutton = t.entity_of(Person, "E.F. Hutton").unwrap();
        assert_eq!(t.entity(hutton).kind, Org);
        assert_eq!(Some(hutton), t.entity_of(Org, "E.F. Hutton and Co Inc"));
        // A firm's name that begins with the person's: the firm.
        let barney = t.entity_of(Person, "Smith Barney").unwrap();
        assert_eq!(t.entity(barney).kind, Org);
        assert_eq!(
            canon_of(&t, Org, "Smith Barney, Harris Upham and Co"),
            "Smith Barney"
        );
        // Not an institution named after a person.
        let buffett = t.entity_of(Person, "Warren Buffett").unwrap();
        assert_eq!(t.entity(buffett).kind, Person);
        // A short given name is no reason to miss the firm.
        assert_eq!(canon_of(&t, Person, "Walt Disney"), "Walt Disney");
        let disney = t.entity_of(Person, "Walt Disney").unwrap();
        assert_eq!(t.entity(disney).kind, Org);
        // No suffix, no firm: the person stays a person.
        let reagan = t.entity_of(Person, "Ronald Reagan").unwrap();
        assert_eq!(t.entity(reagan).kind, Person);
    }

    #[test]
    fn a_name_written_as_both_kinds_is_the_kind_written_more() {
        let t = Table::build(
            &[
                v(Person, "Lleyton Hewitt", 40),
                v(Org, "Lleyton Hewitt", 18),
                v(Person, "Dean Witter", 5),
                v(Org, "Dean Witter", 30),
                v(Person, "Ford", 3),
                v(Person, "Gerald Ford", 10),
                v(Org, "Ford", 90),
                v(Person, "Chelsea", 34),
                v(Org, "Chelsea", 34),
                v(Person, "Maxwell", 12),
                v(Org, "Maxwell", 5),
            ],
            &[],
            &countries,
        );
        let hewitt = t.entity_of(Org, "Lleyton Hewitt").unwrap();
        assert_eq!(t.entity(hewitt).kind, Person);
        assert_eq!(t.entity(hewitt).articles, 58);
        assert_eq!(Some(hewitt), t.entity_of(Person, "Lleyton Hewitt"));
        let witter = t.entity_of(Person, "Dean Witter").unwrap();
        assert_eq!(t.entity(witter).kind, Org);
        // One word that is someone's family name stays apart: "Ford".
        let ford = t.entity_of(Person, "Ford").unwrap();
        assert_eq!(t.entity(ford).kind, Person);
        assert_ne!(Some(ford), t.entity_of(Org, "Ford"));
        // One word that is nobody's is what the archive calls it more,
        // the organisation on a tie.
        let chelsea = t.entity_of(Person, "Chelsea").unwrap();
        assert_eq!(t.entity(chelsea).kind, Org);
        assert_eq!(Some(chelsea), t.entity_of(Org, "Chelsea"));
        let maxwell = t.entity_of(Org, "Maxwell").unwrap();
        assert_eq!(t.entity(maxwell).kind, Person);
    }

    #[test]
    fn misc_values_join_the_organisation_they_name() {
        let t = Table::build(
            &[
                v(Org, "OPEC", 6),
                v(Org, "Organization of Petroleum Exporting Countries", 11),
                v(Org, "Organisation of Petroleum Exporting Countries", 10),
                v(EntityKind::Misc, "OPEC", 107),
                v(EntityKind::Misc, "GATT", 100),
                v(Org, "GATT", 6),
                v(EntityKind::Misc, "Swiss", 40),
                v(Org, "General Agreement on Tariffs and Trade", 3),
                v(EntityKind::Misc, "GMT", 374),
                v(Org, "General Motors Corp.", 185),
                v(Org, "European Community", 202),
                v(EntityKind::Misc, "European Community", 38),
                v(EntityKind::Misc, "Bank Holiday", 9),
                v(EntityKind::Misc, "Opec", 3),
                v(Org, "Bank Holiday", 2),
            ],
            &[
                p(
                    Org,
                    "OPEC",
                    "Organization of Petroleum Exporting Countries",
                    5,
                ),
                p(Org, "GATT", "General Agreement on Tariffs and Trade", 2),
                p(Org, "GMT", "General Motors Corp.", 1),
            ],
            &countries,
        );
        let opec = t.entity(t.entity_of(Org, "OPEC").unwrap());
        assert_eq!(opec.name, "OPEC");
        assert_eq!(opec.articles, 137);
        assert!(opec.forms.iter().any(|f| f.kind == EntityKind::Misc));
        let gatt = t.entity_of(Org, "GATT").unwrap();
        assert_eq!(t.entity(gatt).articles, 109);
        assert!(t.entities().iter().all(|e| e.name != "Swiss"));
        // A name of several words joins when the archive more often
        // tags it as the organisation.
        let ec = t.entity(t.entity_of(Org, "European Community").unwrap());
        assert_eq!(ec.articles, 240);
        let holiday = t.entity(t.entity_of(Org, "Bank Holiday").unwrap());
        assert_eq!(holiday.articles, 2);
        // Rule 3b: tagged MISC in far more articles, it is MISC; an
        // acronym is not ("OPEC", MISC in most of its articles).
        assert_eq!(holiday.kind, EntityKind::Misc);
        assert_eq!(ec.kind, Org);
        assert_eq!(opec.kind, Org);
        assert_eq!(t.entity(gatt).kind, Org);
        // An alias alone adopts no MISC value: the time zone stays out.
        let gm = t.entity(t.entity_of(Org, "General Motors Corp.").unwrap());
        assert_eq!(gm.articles, 185);
    }
}
