//! Demonyms and nationality adjectives ("Malaysian", "South Korean"):
//! never places, but they point to one (callers label them MISC).

use super::{gazetteer, PlaceId};
use crate::extract::text::{fold, strip_possessive_or_apostrophe};

/// True if `word` is a demonym or nationality adjective ("Chinese",
/// "Malaysians", "South Korean"). Case-insensitive, but the first letter
/// must be upper case ("polish" is a verb). Demonyms are not places.
pub fn is_demonym(word: &str) -> bool {
    demonym_country(word).is_some()
}

/// The country of a demonym ("Malaysian" → Malaysia), or the continent for
/// continental ones ("African" → Africa). Same matching as [`is_demonym`].
pub fn demonym_country(word: &str) -> Option<PlaceId> {
    let word = strip_possessive_or_apostrophe(word.trim());
    if !word.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    gazetteer().demonyms.get(&fold(word)).copied()
}
