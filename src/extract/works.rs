//! Names of works and awards: films, programmes, albums, games and
//! consoles, prizes. The tagger, which learnt from Reuters' news of the
//! 1990s, takes "The Aviator", "EastEnders" or "PSP" for organisations
//! or people; they are MISC, names that are neither.
//!
//! [`mark_works`] makes a mention MISC when a word that names a kind of
//! work is written just before it ("the film Million Dollar Baby", "hit
//! show EastEnders", "Sony's console PSP"), or when it is an award
//! ("Oscar", "Bafta"); every other mention of the same name in the
//! article follows it (one name, one kind, per article).

use super::lexicon::{AWARD_NAMES, WORK_CUES};
use super::text::strip_possessive;
use super::{EntityKind, Mention, Token};

/// Marks the mentions of works and awards as MISC (see the module docs)
/// and returns their names, each once: what the archive learns works
/// from (an article that names "The Aviator" without saying "film" still
/// names a film; see `canon::Table::mark_works`).
pub fn mark_works<'t>(
    text: &'t str,
    tokens: &[Token],
    mentions: &mut [Mention],
) -> Vec<&'t str> {
    let mut works: Vec<&str> = Vec::new();
    for m in mentions.iter() {
        if !matches!(m.kind, EntityKind::Org | EntityKind::Person) {
            continue;
        }
        let name = strip_possessive(&text[m.start..m.end]);
        let award = AWARD_NAMES.contains(&name)
            || AWARD_NAMES.iter().any(|a| name.strip_suffix('s') == Some(a));
        if (award || after_work_cue(text, tokens, m.start))
            && !works.contains(&name)
        {
            works.push(name);
        }
    }
    if works.is_empty() {
        return works;
    }
    for m in mentions.iter_mut() {
        let name = strip_possessive(&text[m.start..m.end]);
        if matches!(m.kind, EntityKind::Org | EntityKind::Person)
            && works.contains(&name)
        {
            m.kind = EntityKind::Misc;
        }
    }
    works
}

/// True when the word before `start` names a kind of work ("film",
/// "show", "album", "console"), or is "the" or a quotation mark after
/// one ("the film The Aviator", "the film \"Ray\""). A word between them
/// makes another noun the name's ("film director Alexander Payne",
/// "documentary maker Michael Moore": people).
fn after_work_cue(text: &str, tokens: &[Token], start: usize) -> bool {
    let i = tokens.partition_point(|t| t.start < start);
    let word = |t: &Token| &text[t.start..t.end];
    let cue =
        |t: &Token| WORK_CUES.iter().any(|c| c.eq_ignore_ascii_case(word(t)));
    let mut before = tokens[..i].iter().rev();
    match before.next() {
        Some(t) if cue(t) => true,
        Some(t) if matches!(word(t), "the" | "The" | "\"" | "'") => {
            before.next().is_some_and(cue)
        }
        _ => false,
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
    fn names_without_a_cue_keep_their_kind() {
        let t = "Shares of Kestrel Bay rose.";
        assert_eq!(kinds(t, &[(Org, "Kestrel Bay")]), [Org]);
    }
}
