//! Which of the tagger's place mentions are places: fragments of longer
//! names are mended or dropped, and a place the gazetteer does not know
//! needs evidence before it is kept ([`vet_places`]).
//!
//! # Rule
//!
//! A mention is *glued* where a capitalised word stands right next to it
//! (one space apart): "York" in "New York", "Community" in "European
//! Community", "Bell" in "Bell Canada". Words that open sentences
//! ("In"), months and weekdays do not glue before a name, nor months and
//! weekdays after it.
//!
//! - When every occurrence of a place entity is glued, it is a fragment
//!   of a longer name. If the name with its neighbour names a place or a
//!   nationality ("New York", "NEW YORK", "West German"), the entity
//!   becomes that.
//! - Continents, countries, admin areas and nationalities are kept as
//!   they are, glued or not: "Canada" in "Statistics Canada" still says
//!   the story is about Canada.
//! - Other places need *evidence*: one occurrence, not glued, right
//!   after a place cue ("in", "near", "outside"…, optionally followed by
//!   "the" or a direction: "in the Gulf", "near northern Zhob";
//!   `lexicon::PLACE_CUES`), or opening a paragraph as a dateline does
//!   ("OAKVILLE, Ont. -", "Smalltown (Reuters) -"). They are: a city the
//!   article also writes inside a longer name ("Washington" next to
//!   "Washington Post", "Vista" next to "Windows Vista"); a town the
//!   scanner would not take on its own (under 100,000 people, no
//!   capital, not famous: "Bell"); and a name the gazetteer does not
//!   know, which moreover must never be glued (its bare occurrences
//!   are short forms of the longer name: "the Community" after
//!   "European Community"), must not be a bare direction ("West",
//!   "South"), and, when it has no lower-case letters ("GM", "DFL",
//!   "C.N"), counts only in a dateline, as does a name of one or two
//!   words that news text mostly writes in lower case ("the City",
//!   "Park" in "T in the Park", "High Street stores"). Earnings lines
//!   ("Oper shr loss"), tickers, currency codes, parties and companies
//!   rarely meet this.
//! - A name the gazetteer does not know that ends in a word naming an
//!   institution ("High Court", "Supreme Court", "State Council") is an
//!   organisation, wherever it stands.
//!
//! A big city written on its own needs no cue: the gazetteer's name is
//! evidence enough.

use super::demonyms::is_demonym;
use super::scan::eligible_candidates;
use super::{gazetteer, Gazetteer, PlaceKind};
use crate::extract::joins::is_common_noun_list;
use crate::extract::lexicon::{
    CALENDAR_WORDS, INSTITUTION_ENDINGS, PLACE_CUES, PLACE_CUE_FILLERS,
    PLACE_QUALIFIERS, SENTENCE_OPENERS,
};
use crate::extract::resolve::ResolvedEntity;
use crate::extract::text::{has_no_lowercase, is_capitalised};
use crate::extract::EntityKind;

/// Mends or drops the place entities of an article (`text`) by the rule
/// in the module docs. A mended fragment may become a nationality
/// (kind MISC: "West German").
pub fn vet_places(text: &str, entities: &mut Vec<ResolvedEntity>) {
    let gazetteer = gazetteer();
    entities.retain_mut(|e| {
        e.kind != EntityKind::Place || vet(gazetteer, text, e)
    });
}

/// One place entity: true to keep it (maybe mended).
fn vet(gazetteer: &Gazetteer, text: &str, e: &mut ResolvedEntity) -> bool {
    let found = occurrences(text, &e.surfaces);
    let free: Vec<(usize, usize)> = found
        .iter()
        .copied()
        .filter(|&(start, end)| {
            !binds(word_before(text, start), true)
                && !binds(word_after(text, end), false)
        })
        .collect();
    let glued = free.len() < found.len();
    if free.is_empty() && glued {
        if let Some(whole) =
            found.iter().find_map(|&o| mend(gazetteer, text, o))
        {
            if is_demonym(&whole) {
                e.kind = EntityKind::Misc;
            }
            e.surfaces = vec![whole.clone()];
            e.name = whole;
            return true;
        }
    }
    let trust = match gazetteer.entry(&e.name) {
        _ if is_demonym(&e.name) => Trust::Known,
        None => Trust::Unknown,
        Some(entry) => {
            let top = gazetteer.place(entry.ids[0]).kind;
            let one_word = !e.name.trim().contains(' ');
            if top != PlaceKind::City {
                Trust::Known
            } else if eligible_candidates(gazetteer, entry, one_word)
                .ids
                .is_empty()
            {
                Trust::SmallCity
            } else {
                Trust::City
            }
        }
    };
    match trust {
        Trust::Known => true,
        Trust::City if !glued => true,
        // A city also written inside a longer name ("Washington" with
        // "Washington Post"), a small town ("Bell") or a name the
        // gazetteer does not know: evidence or nothing.
        Trust::City | Trust::SmallCity => has_evidence(text, &free, || false),
        Trust::Unknown if is_institution(&e.name) => {
            e.kind = EntityKind::Org;
            true
        }
        Trust::Unknown => {
            !glued
                && !PLACE_QUALIFIERS.contains(&e.name.as_str())
                && has_evidence(text, &free, || {
                    has_no_lowercase(&e.name)
                        || (is_common_noun_list(&e.name)
                            && !is_compass(&e.name))
                })
        }
    }
}

/// How far the gazetteer vouches for a place entity.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Trust {
    /// A continent, country or admin area, or a nationality.
    Known,
    /// A city big or famous enough for the scanner.
    City,
    /// Only cities the scanner would not take on their own.
    SmallCity,
    /// Not in the gazetteer.
    Unknown,
}

/// True when one of `surfaces` is written in `text` right after a place
/// cue ("in Athens", "near the Gulf"): said of a place, not of a team or
/// a firm of its name.
pub fn follows_place_cue(text: &str, surfaces: &[String]) -> bool {
    occurrences(text, surfaces)
        .iter()
        .any(|&(start, _)| after_cue(text, start))
}

/// True for a region named by compass points ("Northeast", "Midwest",
/// "Far West"), which news also writes in lower case as a direction.
fn is_compass(name: &str) -> bool {
    let mut rest = name.to_lowercase();
    for part in ["north", "south", "east", "west", "ern", "mid", "far", " "] {
        rest = rest.replace(part, "");
    }
    rest.is_empty()
}

/// True for a name of two words or more whose last word names an
/// institution that sits somewhere rather than a place ("High Court").
fn is_institution(name: &str) -> bool {
    let mut words = name.split(' ');
    let last = words.next_back();
    words.next().is_some()
        && last.is_some_and(|w| INSTITUTION_ENDINGS.contains(&w))
}

/// True when one of the `free` occurrences follows a place cue or opens
/// a dateline; a code (no lower-case letters: "GM", "DFL") or a common
/// noun ("City") only counts in a dateline.
/// `code` is asked only when a place cue is found.
fn has_evidence(
    text: &str,
    free: &[(usize, usize)],
    code: impl Fn() -> bool,
) -> bool {
    free.iter().any(|&(start, end)| {
        (after_cue(text, start) && !code()) || is_dateline(text, start, end)
    })
}

/// Where the surfaces are written as whole words, in text order.
fn occurrences(text: &str, surfaces: &[String]) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    for surface in surfaces.iter().filter(|s| !s.is_empty()) {
        for at in memchr::memmem::find_iter(text.as_bytes(), surface) {
            let end = at + surface.len();
            let before = text[..at].chars().next_back();
            let after = text[end..].chars().next();
            if !before.is_some_and(char::is_alphanumeric)
                && !after.is_some_and(char::is_alphanumeric)
            {
                found.push((at, end));
            }
        }
    }
    found.sort_unstable();
    found
}

/// A word next to a mention: its text and byte range, when one space
/// apart.
#[derive(Clone, Copy)]
struct Neighbour<'a> {
    word: &'a str,
    start: usize,
    end: usize,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '.' | '-' | '\'' | '’')
}

/// The word one space before byte `start`.
fn word_before(text: &str, start: usize) -> Option<Neighbour<'_>> {
    let end = start.checked_sub(1)?;
    if text.as_bytes()[end] != b' ' {
        return None;
    }
    let head = &text[..end];
    let begin = head
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_word_char(c))
        .last()
        .map(|(i, _)| i)?;
    Some(Neighbour { word: &text[begin..end], start: begin, end })
}

/// The word one space after byte `end`, without a closing period.
fn word_after(text: &str, end: usize) -> Option<Neighbour<'_>> {
    if text.as_bytes().get(end) != Some(&b' ') {
        return None;
    }
    let start = end + 1;
    let len: usize = text[start..]
        .chars()
        .take_while(|&c| is_word_char(c))
        .map(char::len_utf8)
        .sum();
    let word = text[start..start + len].trim_end_matches('.');
    (!word.is_empty()).then(|| Neighbour {
        word,
        start,
        end: start + word.len(),
    })
}

/// True when a neighbour makes the mention part of a longer name.
fn binds(neighbour: Option<Neighbour>, before: bool) -> bool {
    let Some(n) = neighbour else { return false };
    is_capitalised(n.word)
        && !CALENDAR_WORDS.contains(&n.word)
        && !(before && SENTENCE_OPENERS.contains(&n.word))
}

/// The longer name a glued occurrence belongs to, when the gazetteer
/// knows it as a place or a nationality: with the word before and after,
/// before, or after.
fn mend(
    gazetteer: &Gazetteer,
    text: &str,
    (start, end): (usize, usize),
) -> Option<String> {
    let before = word_before(text, start).filter(|n| is_capitalised(n.word));
    let after = word_after(text, end).filter(|n| is_capitalised(n.word));
    let spans = [
        before.zip(after).map(|(b, a)| (b.start, a.end)),
        before.map(|b| (b.start, end)),
        after.map(|a| (start, a.end)),
    ];
    spans.into_iter().flatten().find_map(|(from, to)| {
        let whole = &text[from..to];
        (gazetteer.entry(whole).is_some() || is_demonym(whole))
            .then(|| whole.to_string())
    })
}

/// True when a place cue stands before byte `start` ("in", "in the",
/// "near northern").
fn after_cue(text: &str, start: usize) -> bool {
    let mut at = start;
    for _ in 0..3 {
        let Some(n) = word_before(text, at) else { return false };
        if PLACE_CUES.contains(&n.word) {
            return true;
        }
        if !PLACE_CUE_FILLERS.contains(&n.word) {
            return false;
        }
        at = n.start;
    }
    false
}

/// True when the occurrence opens a paragraph and is followed by what
/// follows a dateline's place: a comma, a dash or a parenthesis.
fn is_dateline(text: &str, start: usize, end: usize) -> bool {
    let line_start = text[..start].trim_end_matches([' ', '\t']);
    let opens = line_start.is_empty() || line_start.ends_with('\n');
    let rest = &text[end..];
    opens
        && (rest.starts_with(',')
            || rest.starts_with(" -")
            || rest.starts_with(" (")
            || rest.starts_with(" \u{2013}")
            || rest.starts_with(" \u{2014}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Vets one place entity written as `surface` in `text`: its kind and
    /// name after, or `None` when dropped.
    #[track_caller]
    fn check(text: &str, surface: &str, expected: Option<(EntityKind, &str)>) {
        let mut entities = vec![ResolvedEntity {
            kind: EntityKind::Place,
            name: surface.to_string(),
            surfaces: vec![surface.to_string()],
            count: 1,
        }];
        vet_places(text, &mut entities);
        let got = entities.first().map(|e| (e.kind, e.name.as_str()));
        assert_eq!(got, expected, "{surface:?} in {text:?}");
    }

    const PLACE: EntityKind = EntityKind::Place;

    #[test]
    fn unknown_places_need_a_cue_or_a_dateline() {
        let kept = |name| Some((PLACE, name));
        check(
            "Floods hit homes in Oakville on Monday.",
            "Oakville",
            kept("Oakville"),
        );
        check("Tanks massed near the Zhob pass.", "Zhob", kept("Zhob"));
        check("Ships wait in the Gulf.", "Gulf", kept("Gulf"));
        check("Rain fell in northern Oakville.", "Oakville", kept("Oakville"));
        check(
            "OAKVILLE, Ont., May 2 - Rain fell.",
            "OAKVILLE",
            kept("OAKVILLE"),
        );
        check(
            "Title\n\nOakville (Reuters) - Rain.",
            "Oakville",
            kept("Oakville"),
        );
        // An earnings line, a ticker, a currency code, a holiday.
        check("Oper shr loss two cts vs profit five cts", "Oper", None);
        check("Shares of Citigroup <C.N> rose.", "C.N", None);
        check("It paid 12 mln DFL for the unit.", "DFL", None);
        check("Sales rose at Christmas.", "Christmas", None);
        // A code counts only in a dateline; a bare direction never.
        check("Jobs were cut in GM plants.", "GM", None);
        check("Sales rose in the West.", "West", None);
        // A short form of a longer name of the article.
        check(
            "The European Community met. Farm prices in the Community fell.",
            "Community",
            None,
        );
        // Words news mostly writes in lower case count only in a
        // dateline.
        check("The talk in the City is of a bid.", "City", None);
        check("Fans queued for T in the Park.", "Park", None);
        check("PARK, May 2 - Rain fell.", "PARK", Some((PLACE, "PARK")));
        // A region named by compass points is no common noun.
        check("Snow fell in the Northeast.", "Northeast", kept("Northeast"));
    }

    #[test]
    fn institutions_outside_the_gazetteer_are_organisations() {
        let org = |name| Some((EntityKind::Org, name));
        check(
            "The case will be heard in the High Court.",
            "High Court",
            org("High Court"),
        );
        check(
            "They appealed to the Supreme Court.",
            "Supreme Court",
            org("Supreme Court"),
        );
        // One word is the place it sits in, or nothing.
        check("Delegates met in Council.", "Council", None);
    }

    #[test]
    fn small_towns_and_cities_inside_names_need_evidence() {
        check("The regional Bell companies grew.", "Bell", None);
        check("Floods hit Bell in the night.", "Bell", None);
        check(
            "Floods hit homes in Bell overnight.",
            "Bell",
            Some((PLACE, "Bell")),
        );
        check(
            "The Washington Post said Washington would act.",
            "Washington",
            None,
        );
        check(
            "The Washington Post said officials in Washington would act.",
            "Washington",
            Some((PLACE, "Washington")),
        );
    }

    #[test]
    fn known_places_need_no_cue() {
        check(
            "Oakville and Toronto grew.",
            "Toronto",
            Some((PLACE, "Toronto")),
        );
        check("Bonn said so.", "Bonn", Some((PLACE, "Bonn")));
    }

    #[test]
    fn fragments_are_mended_or_dropped() {
        check(
            "NEW YORK, March 3 - Stocks fell.",
            "NEW",
            Some((PLACE, "NEW YORK")),
        );
        check("Talks in New York ended.", "York", Some((PLACE, "New York")));
        check(
            "West German officials met.",
            "West",
            Some((EntityKind::Misc, "West German")),
        );
        check("Bell Canada raised rates.", "Bell", None);
        check("The European Community agreed.", "Community", None);
        // A country or admin area in a name still counts for it.
        check("Statistics Canada said so.", "Canada", Some((PLACE, "Canada")));
        // One free occurrence is enough.
        check(
            "Paris Club talks. In Paris, rain.",
            "Paris",
            Some((PLACE, "Paris")),
        );
        check("Paris Club talks resumed.", "Paris", None);
        // Months, weekdays and sentence openers do not glue.
        check("In Bonn on Monday.", "Bonn", Some((PLACE, "Bonn")));
        check(
            "Rain fell in Oakville Monday.",
            "Oakville",
            Some((PLACE, "Oakville")),
        );
    }
}
