//! The gazetteer-only place scanner over raw text ([`find_places`]):
//! the v0 place recogniser, and a feature of the statistical tagger.

use super::demonyms::is_demonym;
use super::resolve::surface_groups;
use super::{gazetteer, Entry, Gazetteer, PlaceId, PlaceKind, Via};
use crate::extract::lexicon::{
    CALENDAR_WORDS, ORG_HEADS_BEFORE_OF, PLACE_CONNECTORS, PLACE_QUALIFIERS,
    PLACE_SCAN_ABBREVIATIONS, PLACE_SCAN_STOP, PLACE_SCAN_STOP_SENTENCE_START,
    SENTENCE_OPENERS,
};
use crate::extract::text::{has_no_lowercase, is_capitalised, squeeze};

/// Longest surface, in words, that the scanner tries to match.
const MAX_WORDS: usize = 8;

/// Minimum population for a one-word city match in [`find_places`]
/// (capitals are always allowed).
const SCAN_MIN_CITY_POPULATION: u64 = 100_000;

/// ... or this many GeoNames alternate names (famous small cities such as
/// Venice, Timbuktu or Santa Fe).
const SCAN_MIN_CITY_ALT_NAMES: u32 = 60;

#[derive(Clone, Copy, Debug)]
struct Word {
    start: usize,
    end: usize,
    sentence_start: bool,
}

/// Finds place names in raw text: `(start, end, place)` with byte offsets,
/// in text order, resolved together with [`resolve_article_places`].
///
/// Longest match of capitalised word sequences (lower-case connectors such
/// as "of", "and", "de" allowed inside) against place names. To keep false
/// positives down, a match is dropped when:
/// - it is a demonym, or a place name that in news is mostly something
///   else (a stoplist: "Police", "March", "Jackson", "Toyota"…), or opens
///   a sentence and is a common word there ("Reading", "Nice");
/// - it is one word and names a place only through a GeoNames spelling
///   variant, or only cities under 100,000 people that are neither
///   capitals nor famous (60+ alternate names, e.g. Venice); multi-word
///   names such as "Palo Alto" are exempt;
/// - it is glued to a longer capitalised name (acronyms such as "U.S."
///   are exempt): followed by a capitalised word ("Washington Post";
///   weekdays and months are exempt), preceded by one ("Abraham Lincoln",
///   "Bank Negara"; "North", "Central"…, weekdays and sentence openers
///   such as "In" are exempt), or preceded by "Bank of", "University of"
///   and the like.
pub fn find_places(text: &str) -> Vec<(usize, usize, PlaceId)> {
    let gazetteer = gazetteer();
    let words = split_words(text);
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut mentions: Vec<Eligible> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        match longest_match(gazetteer, text, &words, i) {
            Some((last, entry)) => {
                spans.push((words[i].start, words[last].end));
                mentions.push(entry);
                i = last + 1;
            }
            None => i += 1,
        }
    }
    let groups =
        surface_groups(spans.iter().map(|&(start, end)| &text[start..end]));
    let refs: Vec<Option<Entry>> = mentions
        .iter()
        .map(|eligible| Some(Entry { ids: &eligible.ids, via: &eligible.via }))
        .collect();
    let chosen = gazetteer.resolve(&refs, &groups);
    spans
        .into_iter()
        .zip(chosen)
        .filter_map(|((start, end), id)| Some((start, end, id?)))
        .collect()
}

/// The longest acceptable place match starting at word `i`: the index of
/// its last word and its eligible candidates.
fn longest_match(
    gazetteer: &Gazetteer,
    text: &str,
    words: &[Word],
    i: usize,
) -> Option<(usize, Eligible)> {
    let word = |k: usize| &text[words[k].start..words[k].end];
    if !is_capitalised(word(i)) {
        return None;
    }
    let mut best: Option<(usize, Entry)> = None;
    for j in i..words.len().min(i + MAX_WORDS) {
        if j > i {
            let gap = &text[words[j - 1].end..words[j].start];
            let glue =
                is_blank(gap) || gap.strip_prefix(',').is_some_and(is_blank);
            if !glue || !(is_capitalised(word(j)) || is_connector(word(j))) {
                break;
            }
        }
        if !is_capitalised(word(j)) {
            continue;
        }
        let surface = squeeze(&text[words[i].start..words[j].end]);
        if let Some(entry) = gazetteer.entry(&surface) {
            // A comma inside is a list ("Korea, South Africa") unless the
            // whole is a real name ("Washington, D.C.").
            if !surface.contains(',') || entry.via.contains(&Via::Name) {
                best = Some((j, entry));
            }
        }
    }
    let (last, entry) = best?;
    let surface = squeeze(&text[words[i].start..words[last].end]);
    let one_word = last == i;
    let eligible = eligible_candidates(gazetteer, entry, one_word);
    if eligible.ids.is_empty()
        || is_demonym(&surface)
        || PLACE_SCAN_STOP.contains(&surface.as_ref())
        || (words[i].sentence_start
            && PLACE_SCAN_STOP_SENTENCE_START.contains(&surface.as_ref()))
        || (!has_no_lowercase(&surface)
            && (glued_before(text, words, i)
                || glued_after(text, words, last)))
    {
        return None;
    }
    Some((last, eligible))
}

/// The candidates of a scanned match that the scanner may report.
#[derive(Debug, Default)]
pub(super) struct Eligible {
    pub(super) ids: Vec<PlaceId>,
    via: Vec<Via>,
}

/// Candidates the scanner may report for a match.
pub(super) fn eligible_candidates(
    gazetteer: &Gazetteer,
    entry: Entry,
    one_word: bool,
) -> Eligible {
    let mut eligible = Eligible::default();
    for (&id, &via) in entry.ids.iter().zip(entry.via) {
        let place = gazetteer.place(id);
        let big_enough = place.kind != PlaceKind::City
            || place.capital
            || place.population >= SCAN_MIN_CITY_POPULATION
            || place.alt_names >= SCAN_MIN_CITY_ALT_NAMES;
        if !one_word || (via != Via::Variant && big_enough) {
            eligible.ids.push(id);
            eligible.via.push(via);
        }
    }
    eligible
}

/// True if the word before `i` makes the match part of a longer name.
fn glued_before(text: &str, words: &[Word], i: usize) -> bool {
    if i == 0 || words[i].sentence_start {
        return false;
    }
    let prev = words[i - 1];
    let prev_text = &text[prev.start..prev.end];
    if !is_blank(&text[prev.end..words[i].start]) {
        return false;
    }
    if is_capitalised(prev_text) {
        let exempt = PLACE_QUALIFIERS.contains(&prev_text)
            || CALENDAR_WORDS.contains(&prev_text)
            || (prev.sentence_start && SENTENCE_OPENERS.contains(&prev_text));
        return !exempt;
    }
    if prev_text == "of" && i >= 2 {
        let head = &text[words[i - 2].start..words[i - 2].end];
        return ORG_HEADS_BEFORE_OF.contains(&head);
    }
    false
}

/// True if the word after `last` makes the match part of a longer name.
fn glued_after(text: &str, words: &[Word], last: usize) -> bool {
    let Some(next) = words.get(last + 1) else {
        return false;
    };
    let next_text = &text[next.start..next.end];
    is_blank(&text[words[last].end..next.start])
        && !next.sentence_start
        && is_capitalised(next_text)
        && !CALENDAR_WORDS.contains(&next_text)
}

/// Splits text into words: letters and digits, with inner hyphens and
/// apostrophes ("Port-au-Prince", "N'Djamena") and abbreviations with
/// their periods ("U.S.", "St.", "Mr."). A possessive "'s" is left out
/// of the word.
fn split_words(text: &str) -> Vec<Word> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let at = |k: usize| chars.get(k).map(|&(_, c)| c);
    let offset = |k: usize| chars.get(k).map_or(text.len(), |&(o, _)| o);
    let mut words = Vec::new();
    let mut k = 0;
    let mut last_end = 0;
    while k < chars.len() {
        if !chars[k].1.is_alphanumeric() {
            k += 1;
            continue;
        }
        let begin = k;
        while k < chars.len() {
            let c = chars[k].1;
            if c.is_alphanumeric() {
                k += 1;
                continue;
            }
            let next = at(k + 1);
            let next_is_word = next.is_some_and(char::is_alphanumeric);
            let possessive = matches!(next, Some('s' | 'S'))
                && !at(k + 2).is_some_and(char::is_alphanumeric);
            let single_letter = k > begin
                && (k == begin + 1 || !chars[k - 2].1.is_alphanumeric());
            let inner = match c {
                '-' => next_is_word,
                '\'' | '’' => next_is_word && !possessive,
                '.' => next_is_word && single_letter,
                _ => false,
            };
            if !inner {
                break;
            }
            k += 1;
        }
        let body = &text[offset(begin)..offset(k)];
        if at(k) == Some('.')
            && (body.contains('.') || PLACE_SCAN_ABBREVIATIONS.contains(&body))
        {
            k += 1;
        }
        let gap = &text[last_end..offset(begin)];
        let sentence_start = words.is_empty()
            || gap.contains(['.', '!', '?'])
            || gap.contains("\n\n");
        words.push(Word {
            start: offset(begin),
            end: offset(k),
            sentence_start,
        });
        last_end = offset(k);
    }
    words
}

fn is_connector(word: &str) -> bool {
    PLACE_CONNECTORS.contains(&word)
}

/// Whitespace on one line (a paragraph break ends a name).
fn is_blank(gap: &str) -> bool {
    !gap.is_empty()
        && gap.chars().all(char::is_whitespace)
        && gap.matches('\n').count() < 2
}
