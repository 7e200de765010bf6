//! Names of works, awards and events: films, programmes, albums, games
//! and consoles, prizes, shows and championships. The tagger, which
//! learnt from Reuters' news of the 1990s, takes "The Aviator",
//! "EastEnders" or "PSP" for organisations or people; they are MISC,
//! names that are neither.
//!
//! [`mark_works`] makes a person or organisation mention MISC when
//! - a word that names a kind of work is written just before it ("the
//!   film Million Dollar Baby", "hit show EastEnders", "Sony's console
//!   PSP"), or before "such as" or "including" just before it ("films
//!   such as Ray");
//! - it follows "role in" or "roles in" ("her role in Finding
//!   Neverland"), or is followed by "starring" ("Closer, starring Jude
//!   Law") or by "actor" or "actress" ("EastEnders actress");
//! - it follows a possessive and, with the capitalised words, numbers
//!   and joining words after it, stands before a word that names a kind
//!   of work ("BBC One's Breakfast with Frost programme", "Sony's
//!   PlayStation 2 console"): every mention of that run is the work;
//! - it is an award ("Oscar", "Bafta") or an event by its last word
//!   ("Consumer Electronics Show", "General Election", "Edinburgh
//!   Festival");
//! - the tagger ran it on from such a word ("British film Vera Drake":
//!   the mention is cut to "Vera Drake");
//! - it is listed with a work ("Eternal Sunshine of the Spotless Mind,
//!   Finding Neverland and British film Vera Drake": names joined by
//!   commas and "and" or "or");
//!
//! and any mention, a place's too, when "trilogy", "franchise", "saga"
//! or "sequel" follows it ("the Lord of the Rings trilogy"). Every other
//! person or organisation mention of the same name in the article
//! follows it (one name, one kind, per article).

use super::lexicon::{
    AWARD_NAMES, BAND_CUES, CALENDAR_WORDS, EVENT_ENDINGS, SERIES_WORDS,
    WORK_CUES,
};
use super::text::strip_possessive;
use super::{EntityKind, Mention, Token};

/// Marks the mentions of works, awards and events as MISC (see the
/// module docs; `mentions` in text order, as the pipeline keeps them)
/// and returns their names, each once: what the archive
/// learns works from (an article that names "The Aviator" without saying
/// "film" still names a film; see `canon::Table::mark_works`).
pub fn mark_works<'t>(
    text: &'t str,
    tokens: &[Token],
    mentions: &mut [Mention],
) -> Vec<&'t str> {
    let mut seen = vec![false; mentions.len()];
    for (i, m) in mentions.iter_mut().enumerate() {
        seen[i] = is_named(m.kind) && cut_after_work_word(text, tokens, m);
    }
    for (i, m) in mentions.iter().enumerate() {
        let name = strip_possessive(&text[m.start..m.end]);
        seen[i] |= if is_named(m.kind) {
            is_award_or_event(name)
                || after_work_cue(text, tokens, m.start)
                || after_role_in(text, m)
                || before_a_credit(&text[m.end..])
                || before_series_word(&text[m.end..])
        } else {
            m.kind == EntityKind::Place && before_series_word(&text[m.end..])
        };
    }
    mark_titled_runs(text, tokens, mentions, &mut seen);
    spread_over_lists(text, mentions, &mut seen);
    let mut works: Vec<&str> = Vec::new();
    for (m, _) in mentions.iter_mut().zip(&seen).filter(|(_, &w)| w) {
        let name = strip_possessive(&text[m.start..m.end]);
        if is_named(m.kind) && !works.contains(&name) {
            works.push(name);
        }
        m.kind = EntityKind::Misc;
    }
    if works.is_empty() {
        return works;
    }
    for m in mentions.iter_mut() {
        let name = strip_possessive(&text[m.start..m.end]);
        if is_named(m.kind) && works.contains(&name) {
            m.kind = EntityKind::Misc;
        }
    }
    works
}

/// Cuts a mention that runs on from a word of a kind of work to the
/// name after it ("British film Vera Drake" is "Vera Drake"), and says
/// whether it did.
/// Makes a person the tagger found right after a word for a band ("rock
/// band Franz Ferdinand", "Glasgow group Keane"; not a list of its
/// members, "skating duo Jayne Torvill and Christopher Dean") an
/// organisation, and
/// every person mention of the same name in the text; returns their
/// names, each once, from which the archive learns which names are bands
/// (see `canon::Table::mark_bands`). `mentions` in text order.
pub fn mark_bands<'t>(
    text: &'t str,
    mentions: &mut [Mention],
) -> Vec<&'t str> {
    let mut bands: Vec<&str> = Vec::new();
    for m in mentions.iter().filter(|m| m.kind == EntityKind::Person) {
        let Some(before) = text[..m.start].strip_suffix(' ') else {
            continue;
        };
        let cue = before.rsplit(' ').next().unwrap_or("");
        let name = strip_possessive(&text[m.start..m.end]);
        // "skating duo Jayne Torvill and Christopher Dean": its members.
        let members = text[m.end..].starts_with(" and ");
        if BAND_CUES.contains(&cue) && !members && !bands.contains(&name) {
            bands.push(name);
        }
    }
    if bands.is_empty() {
        return bands;
    }
    for m in mentions.iter_mut().filter(|m| m.kind == EntityKind::Person) {
        if bands.contains(&strip_possessive(&text[m.start..m.end])) {
            m.kind = EntityKind::Org;
        }
    }
    bands
}

fn cut_after_work_word(text: &str, tokens: &[Token], m: &mut Mention) -> bool {
    let from = tokens.partition_point(|t| t.start < m.start);
    let to = tokens.partition_point(|t| t.start < m.end);
    let inside = &tokens[from..to];
    let word = |t: &Token| &text[t.start..t.end];
    let cue = inside.iter().rposition(|t| {
        word(t).starts_with(char::is_lowercase) && is_work_word(word(t))
    });
    match cue.and_then(|k| inside.get(k + 1)) {
        Some(next) if word(next).starts_with(char::is_uppercase) => {
            m.start = next.start;
            true
        }
        _ => false,
    }
}

/// People and organisations: the kinds a work is mistaken for.
fn is_named(kind: EntityKind) -> bool {
    matches!(kind, EntityKind::Org | EntityKind::Person)
}

/// True for an award ("Oscar", "Oscars") or an event by its last word
/// ("Consumer Electronics Show").
fn is_award_or_event(name: &str) -> bool {
    AWARD_NAMES.contains(&name)
        || AWARD_NAMES.iter().any(|a| name.strip_suffix('s') == Some(a))
        || name.rsplit(' ').next().is_some_and(|w| EVENT_ENDINGS.contains(&w))
}

/// True for a word that names a kind of work, in the singular or the
/// plural ("film", "Films", "programmes").
fn is_work_word(word: &str) -> bool {
    let word = word.trim_matches(|c: char| !c.is_alphanumeric());
    let singular = word.strip_suffix('s').unwrap_or(word);
    WORK_CUES.iter().any(|c| {
        c.eq_ignore_ascii_case(word) || c.eq_ignore_ascii_case(singular)
    })
}

/// True when the word before `start` names a kind of work ("film",
/// "show", "album", "console"), or is "the" or a quotation mark after
/// one ("the film The Aviator", "the film \"Ray\""), or ends "films such
/// as" or "shows including". A word between them makes another noun the
/// name's ("film director Alexander Payne", "documentary maker Michael
/// Moore": people).
fn after_work_cue(text: &str, tokens: &[Token], start: usize) -> bool {
    let i = tokens.partition_point(|t| t.start < start);
    let word = |t: &Token| &text[t.start..t.end];
    let cue = |t: &Token| is_work_word(word(t));
    let mut before = tokens[..i].iter().rev();
    match before.next() {
        Some(t) if cue(t) => true,
        Some(t) if matches!(word(t), "the" | "The" | "\"" | "'") => {
            before.next().is_some_and(cue)
        }
        Some(t) if word(t) == "including" => before.next().is_some_and(cue),
        Some(t) if word(t) == "as" => {
            before.next().is_some_and(|t| word(t) == "such")
                && before.next().is_some_and(cue)
        }
        _ => false,
    }
}

/// True when "role in" or "roles in" (and "The" of a title) stands right
/// before `start`: "her role in Finding Neverland". Not for an acronym
/// or a possessive ("his role in Enron's collapse"): bodies.
fn after_role_in(text: &str, m: &Mention) -> bool {
    let before = text[..m.start].trim_end();
    let before = before.strip_suffix(" The").unwrap_or(before);
    (before.ends_with(" role in") || before.ends_with(" roles in"))
        && text[m.start..m.end].chars().any(char::is_lowercase)
        && !is_owner(text, m)
}

/// True when what follows a name credits its cast: "Closer, starring
/// Jude Law", "EastEnders actress Danniella Westbrook".
fn before_a_credit(after: &str) -> bool {
    let after = after.strip_prefix(',').unwrap_or(after);
    let word = after.split_whitespace().next().unwrap_or("");
    after.starts_with(' ')
        && matches!(word, "starring" | "actor" | "actress" | "actors")
}

/// True when a word of a series follows a name: "the Lord of the Rings
/// trilogy".
fn before_series_word(after: &str) -> bool {
    after.starts_with(' ')
        && after.split_whitespace().next().is_some_and(|w| {
            SERIES_WORDS.contains(&w.trim_end_matches([',', '.']))
        })
}

/// Sees the runs of capitalised words after a possessive that stand
/// before a word of a kind of work ("BBC One's Breakfast with Frost
/// programme"): every mention inside one is the work.
fn mark_titled_runs(
    text: &str,
    tokens: &[Token],
    mentions: &[Mention],
    seen: &mut [bool],
) {
    let word = |t: &Token| &text[t.start..t.end];
    // Capitalised words, numbers and the words that join a title's.
    let in_title = |w: &str| {
        w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
            || matches!(w, "with" | "of" | "the" | "and" | "&" | "in")
    };
    for (i, m) in mentions.iter().enumerate() {
        if seen[i] || !is_named(m.kind) || !after_owner(&text[..m.start]) {
            continue;
        }
        let at = tokens.partition_point(|t| t.start < m.start);
        let next = tokens[at..]
            .iter()
            .take(8)
            .find(|t| t.start >= m.end && !in_title(word(t)));
        let Some(end) = next.filter(|t| is_work_word(word(t))) else {
            continue;
        };
        let run = mentions[i..].iter().take_while(|n| n.end <= end.start);
        for (w, n) in seen[i..].iter_mut().zip(run) {
            *w |= is_named(n.kind);
        }
    }
}

/// True when `before` ends with an owner's word: a capitalised
/// possessive that is not a date ("BBC One's", "Sony's"; not
/// "Saturday's"), or "its" or "their".
fn after_owner(before: &str) -> bool {
    let w = before.trim_end().rsplit(' ').next().unwrap_or("");
    let bare = strip_possessive(w);
    matches!(w, "its" | "their")
        || (bare.len() < w.len()
            && bare.starts_with(char::is_uppercase)
            && !CALENDAR_WORDS.contains(&bare))
}

/// Spreads the mark over lists: names joined by commas and "and" or "or"
/// ("A, B and British film C") are all works when one of them is, the
/// people and organisations among them.
fn spread_over_lists(text: &str, mentions: &[Mention], seen: &mut [bool]) {
    let joined = |a: &Mention, b: &Mention| {
        !is_owner(text, a)
            && !is_owner(text, b)
            && listed(text, a.end, b.start)
    };
    let mut k = 0;
    while k < mentions.len() {
        let mut end = k + 1;
        while end < mentions.len()
            && joined(&mentions[end - 1], &mentions[end])
        {
            end += 1;
        }
        if end - k > 1 && seen[k..end].contains(&true) {
            for (w, m) in seen[k..end].iter_mut().zip(&mentions[k..end]) {
                *w |= is_named(m.kind);
            }
        }
        k = end;
    }
}

/// True for a mention in the possessive: the owner of the next noun
/// ("Nintendo's" in "PlayStation 3, Xenon and Nintendo's Revolution"),
/// no member of a list of works.
fn is_owner(text: &str, m: &Mention) -> bool {
    let surface = &text[m.start..m.end];
    strip_possessive(surface).len() < surface.len()
        || text[m.end..].starts_with(['\'', '’'])
}

/// True when the text between two mentions joins them in a list: a
/// comma, "and" or "or", with "the" or a work's kind after it ("and
/// British film").
fn listed(text: &str, end: usize, start: usize) -> bool {
    let Some(between) = text.get(end..start) else {
        return false;
    };
    if between.contains(['\n', '.', ';', ':', '(', ')']) {
        return false;
    }
    let mut words = between.split_whitespace().peekable();
    let comma = between.trim_start().starts_with(',');
    if words.peek() == Some(&",") {
        words.next();
    }
    let joined = matches!(words.peek(), Some(&("and" | "or")));
    if joined {
        words.next();
    }
    let rest: Vec<&str> =
        words.filter(|w| !matches!(*w, "the" | "The")).collect();
    (comma || joined)
        && match rest.last() {
            None => true,
            Some(last) => rest.len() <= 3 && is_work_word(last),
        }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::ner;

    #[track_caller]
    fn kinds(text: &str, spans: &[(EntityKind, &str)]) -> Vec<EntityKind> {
        let tokens = ner::tokenize(text);
        let mut mentions = Mention::at_first(text, spans);
        mark_works(text, &tokens, &mut mentions);
        mentions.iter().map(|m| m.kind).collect()
    }

    use EntityKind::{Misc, Org, Person};

    #[test]
    fn a_person_named_after_a_word_for_a_band_is_a_band() {
        let t = "Scottish rock band Harbour Lights won. Harbour Lights' \
                 singer Tom Reid thanked the band.";
        let mut mentions = Mention::at_first(
            t,
            &[
                (Person, "Harbour Lights"),
                (Person, "Harbour Lights'"),
                (Person, "Tom Reid"),
            ],
        );
        let bands = mark_bands(t, &mut mentions);
        assert_eq!(bands, ["Harbour Lights"]);
        let got: Vec<EntityKind> = mentions.iter().map(|m| m.kind).collect();
        assert_eq!(got, [Org, Org, Person]);
        // Its members, listed: people.
        let t = "The duo Tom Reid and Ann Lee won.";
        let mut mentions =
            Mention::at_first(t, &[(Person, "Tom Reid"), (Person, "Ann Lee")]);
        assert!(mark_bands(t, &mut mentions).is_empty());
        // No word for a band before it: a person.
        let t = "The singer Tom Reid won.";
        let mut mentions = Mention::at_first(t, &[(Person, "Tom Reid")]);
        assert!(mark_bands(t, &mut mentions).is_empty());
        assert_eq!(mentions[0].kind, Person);
    }

    #[test]
    fn a_work_named_after_its_kind_is_misc() {
        let t = "The film Kestrel Bay won. Kestrel Bay's star said so.";
        let got = kinds(t, &[(Org, "Kestrel Bay"), (Person, "Kestrel Bay's")]);
        assert_eq!(got, [Misc, Misc]);
        let t = "Sony said its console PSP sold well.";
        assert_eq!(kinds(t, &[(Org, "Sony"), (Org, "PSP")]), [Org, Misc]);
    }

    #[test]
    fn a_person_named_after_a_role_is_no_work() {
        let t = "The film director Alexander Payne said the film The \
                 Aviator and the documentary maker Michael Moore won.";
        let spans = [
            (Person, "Alexander Payne"),
            (Org, "Aviator"),
            (Person, "Michael Moore"),
        ];
        assert_eq!(kinds(t, &spans), [Person, Misc, Person]);
    }

    #[test]
    fn awards_are_misc() {
        let t = "She won an Oscar at the Oscars.";
        assert_eq!(kinds(t, &[(Person, "Oscar")]), [Misc]);
    }

    #[test]
    fn roles_credits_and_examples_name_works() {
        let t = "She won praise for her role in Kestrel Bay.";
        assert_eq!(kinds(t, &[(Org, "Kestrel Bay")]), [Misc]);
        let t = "Kestrel Bay, starring Jude Law, opens today.";
        let got = kinds(t, &[(Org, "Kestrel Bay"), (Person, "Jude Law")]);
        assert_eq!(got, [Misc, Person]);
        let t = "Former Kestrel Bay actress Ann Lee spoke.";
        let got = kinds(t, &[(Org, "Kestrel Bay"), (Person, "Ann Lee")]);
        assert_eq!(got, [Misc, Person]);
        let t = "Viewers watch programmes such as Kestrel Bay online.";
        assert_eq!(kinds(t, &[(Org, "Kestrel Bay")]), [Misc]);
        // A body a role is played in stays one.
        let t = "Japan's role in GATT and his role in Enron's collapse.";
        let got = kinds(t, &[(Org, "GATT"), (Org, "Enron's")]);
        assert_eq!(got, [Org, Org]);
    }

    #[test]
    fn a_title_after_an_owner_before_a_kind_of_work_is_one() {
        let t = "He told BBC One's Breakfast with Frost programme so.";
        let spans =
            [(Org, "BBC One's"), (Org, "Breakfast"), (Person, "Frost")];
        assert_eq!(kinds(t, &spans), [Org, Misc, Misc]);
        let t = "Sales of Sony's PlayStation 2 console rose.";
        let got = kinds(t, &[(Org, "Sony's"), (Org, "PlayStation")]);
        assert_eq!(got, [Org, Misc]);
        // A day's game is no work's name.
        let t = "After Saturday's Chelsea game he left.";
        assert_eq!(kinds(t, &[(Org, "Chelsea")]), [Org]);
    }

    #[test]
    fn names_listed_with_a_work_are_works() {
        let t = "It is up against Kestrel Bay, Grey Harbour and British \
                 film Vera Drake.";
        let spans = [
            (Org, "Kestrel Bay"),
            (Person, "Grey Harbour"),
            (Person, "Vera Drake"),
        ];
        assert_eq!(kinds(t, &spans), [Misc, Misc, Misc]);
        // The tagger's name may run on from the work's kind.
        let t = "It is up against Kestrel Bay and British film Vera Drake.";
        let spans = [(Org, "Kestrel Bay"), (Org, "British film Vera Drake")];
        let tokens = ner::tokenize(t);
        let mut mentions = Mention::at_first(t, &spans);
        mark_works(t, &tokens, &mut mentions);
        assert_eq!(&t[mentions[1].start..mentions[1].end], "Vera Drake");
        let got: Vec<EntityKind> = mentions.iter().map(|m| m.kind).collect();
        assert_eq!(got, [Misc, Misc]);
        // An owner in the list is no work: "Nintendo's Revolution".
        let t = "The console PSP, Xenon and Nintendo's Revolution are due.";
        let spans = [(Org, "PSP"), (Org, "Xenon"), (Org, "Nintendo's")];
        assert_eq!(kinds(t, &spans), [Misc, Misc, Org]);
        // Names in a list without a work keep their kinds.
        let t = "Sony, Microsoft and Nintendo make consoles.";
        let spans = [(Org, "Sony"), (Org, "Microsoft"), (Org, "Nintendo")];
        assert_eq!(kinds(t, &spans), [Org, Org, Org]);
    }

    #[test]
    fn events_and_series_are_misc() {
        let t = "Gates spoke at the Consumer Electronics Show.";
        let spans = [(Person, "Gates"), (Org, "Consumer Electronics Show")];
        assert_eq!(kinds(t, &spans), [Person, Misc]);
        let t = "It was the last film in the Lord of the Rings trilogy.";
        let got = kinds(t, &[(EntityKind::Place, "Lord of the Rings")]);
        assert_eq!(got, [Misc]);
        // A place before any other noun stays a place.
        let t = "Rain fell on the Lord of the Rings set in Wellington.";
        let got = kinds(t, &[(EntityKind::Place, "Wellington")]);
        assert_eq!(got, [EntityKind::Place]);
    }

    #[test]
    fn names_without_a_cue_keep_their_kind() {
        let t = "Shares of Kestrel Bay rose.";
        assert_eq!(kinds(t, &[(Org, "Kestrel Bay")]), [Org]);
    }
}
