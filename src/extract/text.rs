//! Small text helpers shared by the extractors: possessives, acronyms,
//! case-blind comparison, whitespace, folding, and the char step of the
//! tokenizers.
//!
//! Each function says exactly what it does, and the tests below state
//! its semantics. Where two extractors need slightly different rules
//! (the gazetteer strips any final apostrophe, the name resolver only a
//! possessive), the functions have different names that say how they
//! differ. No word lists here: those are in `extract::lexicon`.

use std::borrow::Cow;

use super::lexicon::LEGAL_SUFFIXES;

/// The char starting at byte `at` of `text` (a char boundary), decoding
/// only when the byte is not ASCII: the tokenizers' inner step.
#[inline]
pub(crate) fn char_at(text: &str, at: usize) -> Option<char> {
    let b = *text.as_bytes().get(at)?;
    if b.is_ascii() {
        Some(char::from(b))
    } else {
        text.get(at..)?.chars().next()
    }
}

/// Removes an English possessive: "'s", "’s", "'S" or "’S", or a final
/// apostrophe after an "s" ("Reuters'"). Never returns an empty string,
/// and leaves other final apostrophes alone ("O'", "Hawai'").
pub(crate) fn strip_possessive(s: &str) -> &str {
    // Every suffix ends with "s", "S", "'" or the last byte of "’": most
    // words end otherwise and are let through at once.
    if !matches!(s.as_bytes().last(), Some(b's' | b'S' | b'\'' | 0x99)) {
        return s;
    }
    for suffix in ["'s", "’s", "'S", "’S"] {
        if let Some(t) = s.strip_suffix(suffix) {
            if !t.is_empty() {
                return t;
            }
        }
    }
    match s.strip_suffix(['\'', '’']) {
        Some(t) if t.len() > 1 && t.ends_with('s') => t,
        _ => s,
    }
}

/// Removes a leading "the ".
pub(crate) fn strip_the(s: &str) -> &str {
    match s.get(..4) {
        Some(p) if p.eq_ignore_ascii_case("the ") => s[4..].trim_start(),
        _ => s,
    }
}

/// Removes a final "'s" or "’s" (lower-case "s" only), or else any final
/// apostrophe ("'" or "’"), whatever comes before it. Never returns an
/// empty string. Looser than [`strip_possessive`]: the gazetteer looks
/// names up with it.
pub(crate) fn strip_possessive_or_apostrophe(surface: &str) -> &str {
    ["'s", "’s", "'", "’"]
        .iter()
        .find_map(|suffix| surface.strip_suffix(suffix))
        .filter(|bare| !bare.is_empty())
        .unwrap_or(surface)
}

/// True for an acronym: 2 to 10 characters other than ".", all upper
/// case ("UN", "U.N.", "ASEAN"); no digits, no lower case.
pub(crate) fn is_acronym(s: &str) -> bool {
    // The letters of `acronym_key(s)`, counted without building it.
    let letters = s.chars().filter(|c| *c != '.').count();
    (2..=10).contains(&letters)
        && s.chars().all(|c| c.is_uppercase() || c == '.')
}

/// The letters of an acronym: "U.N." -> "UN".
pub(crate) fn acronym_key(s: &str) -> String {
    s.chars().filter(|c| *c != '.').collect()
}

/// True when `s` has no lower-case letter ("US", "U.A.E.", "1987", ""):
/// the gazetteer matches such surfaces exactly as written. Wider than
/// [`is_acronym`].
pub(crate) fn has_no_lowercase(s: &str) -> bool {
    !s.chars().any(char::is_lowercase)
}

/// True when the first char is upper case.
pub(crate) fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Equal ignoring case (full Unicode lower-casing), without allocating.
pub(crate) fn eq_ci(a: &str, b: &str) -> bool {
    // Bytes equal but for ASCII case: equal ignoring case whatever else
    // the strings hold.
    if a.eq_ignore_ascii_case(b) {
        return true;
    }
    if a.is_ascii() && b.is_ascii() {
        return false;
    }
    a.chars()
        .flat_map(char::to_lowercase)
        .eq(b.chars().flat_map(char::to_lowercase))
}

/// True when `list`, of ASCII words, holds `word` ignoring case: the same
/// as [`eq_ci`] against each, with one ASCII test of `word` for the list.
pub(crate) fn in_ci(list: &[&str], word: &str) -> bool {
    if word.is_ascii() {
        list.iter().any(|w| w.eq_ignore_ascii_case(word))
    } else {
        list.iter().any(|w| eq_ci(w, word))
    }
}

/// True when `word` is a legal suffix of an organisation's name
/// ("Corp.", "INC", "N.V."), ignoring case and dots, without allocating:
/// the entity rules ask it of many words of every article.
pub(crate) fn is_legal_suffix(word: &str) -> bool {
    let bare = word.bytes().filter(|&b| b != b'.');
    LEGAL_SUFFIXES
        .iter()
        .any(|s| bare.clone().map(|b| b.to_ascii_lowercase()).eq(s.bytes()))
}

/// True when the last word of `name` is a legal suffix: "Walt Disney
/// Co.", "Dean Witter Reynolds Inc".
pub(crate) fn has_legal_suffix(name: &str) -> bool {
    name.split_whitespace().next_back().is_some_and(is_legal_suffix)
}

/// Byte offset of `inner`, a subslice of `outer`, in `outer`.
pub(crate) fn offset_in(outer: &str, inner: &str) -> usize {
    inner.as_ptr() as usize - outer.as_ptr() as usize
}

/// `s` with its words joined by single spaces, as
/// `s.split_whitespace().collect::<Vec<_>>().join(" ")` gives it, in one
/// allocation.
pub(crate) fn single_spaced(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Collapses runs of whitespace to one space, borrowing when there is
/// none to collapse (the same words as [`single_spaced`], but leading
/// and trailing spaces are kept when single).
pub(crate) fn squeeze(text: &str) -> Cow<'_, str> {
    let clean = !text.contains(|c: char| c.is_whitespace() && c != ' ')
        && !text.contains("  ");
    if clean {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.split_whitespace().collect::<Vec<_>>().join(" "))
    }
}

/// Case-, accent- and punctuation-insensitive key: "São Paulo" and
/// "sao paulo" fold alike, as do "U.S." and "us", "Port-au-Prince" and
/// "port au prince".
pub(crate) fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_each(text, |c| out.push(c));
    out
}

/// Feeds the folded form of `text` to `emit`, one char at a time.
pub(crate) fn fold_each(text: &str, mut emit: impl FnMut(char)) {
    let mut space = false;
    let mut started = false;
    for c in text.chars() {
        match c {
            '.' => continue,
            '-' | '_' => space = true,
            c if c.is_whitespace() => space = true,
            c => {
                if space && started {
                    emit(' ');
                }
                space = false;
                started = true;
                if c.is_ascii() {
                    emit(c.to_ascii_lowercase());
                    continue;
                }
                for lower in c.to_lowercase() {
                    match unaccent(lower) {
                        Plain::One(plain) => emit(plain),
                        Plain::Two(first, second) => {
                            emit(first);
                            emit(second);
                        }
                    }
                }
            }
        }
    }
}

/// True when `text` folds to `want` (already folded). Looks at the
/// first character before folding: most surfaces differ there.
pub(crate) fn folds_to(text: &str, want: &str) -> bool {
    if let (Some(&b), Some(&w)) =
        (text.as_bytes().first(), want.as_bytes().first())
    {
        let plain = b.is_ascii() && !matches!(b, b'.' | b'-' | b'_');
        if plain && !b.is_ascii_whitespace() && b.to_ascii_lowercase() != w {
            return false;
        }
    }
    let mut rest = want.chars();
    let mut same = true;
    fold_each(text, |c| same &= rest.next() == Some(c));
    same && rest.next().is_none()
}

/// A folded letter: most map to one letter, ligatures to two.
enum Plain {
    One(char),
    Two(char, char),
}

/// A lower-case letter without its accent (Latin letters only).
fn unaccent(c: char) -> Plain {
    Plain::One(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => 'c',
        'ď' | 'đ' | 'ð' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => 'e',
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => 'g',
        'ĥ' | 'ħ' | 'ḩ' | 'ḥ' => 'h',
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => 'i',
        'ĵ' => 'j',
        'ķ' => 'k',
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => 'l',
        'ñ' | 'ń' | 'ņ' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => 'o',
        'ŕ' | 'ŗ' | 'ř' => 'r',
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' | 'ṣ' => 's',
        'ţ' | 'ť' | 'ŧ' | 'ț' | 'ṭ' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => {
            'u'
        }
        'ŵ' => 'w',
        'ý' | 'ÿ' | 'ŷ' => 'y',
        'ź' | 'ż' | 'ž' | 'ẕ' => 'z',
        '’' | '‘' | 'ʼ' | 'ʻ' | '`' => '\'',
        'ß' => return Plain::Two('s', 's'),
        'æ' => return Plain::Two('a', 'e'),
        'œ' => return Plain::Two('o', 'e'),
        'þ' => return Plain::Two('t', 'h'),
        other => other,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_at_decodes_at_a_byte_offset() {
        let text = "aé€";
        assert_eq!(char_at(text, 0), Some('a'));
        assert_eq!(char_at(text, 1), Some('é'));
        assert_eq!(char_at(text, 3), Some('€'));
        assert_eq!(char_at(text, 6), None);
    }

    #[test]
    fn strip_possessive_removes_only_a_possessive() {
        for (word, want) in [
            ("Trump's", "Trump"),
            ("Xi’s", "Xi"),
            ("TRUMP'S", "TRUMP"),
            ("Reuters'", "Reuters"),
            ("Reuters’", "Reuters"),
            ("O'", "O'"),
            ("Hawai'", "Hawai'"),
            ("s'", "s'"),
            ("'s", "'s"),
            ("Trump", "Trump"),
            ("", ""),
        ] {
            assert_eq!(strip_possessive(word), want, "{word:?}");
        }
    }

    #[test]
    fn strip_possessive_or_apostrophe_removes_any_final_apostrophe() {
        for (word, want) in [
            ("Malaysia's", "Malaysia"),
            ("Malaysia’s", "Malaysia"),
            ("Hawai'", "Hawai"),
            ("Reuters'", "Reuters"),
            ("TRUMP'S", "TRUMP'S"),
            ("'s", "'s"),
            ("'", "'"),
            ("Paris", "Paris"),
        ] {
            assert_eq!(strip_possessive_or_apostrophe(word), want, "{word:?}");
        }
    }

    #[test]
    fn acronyms_and_surfaces_without_lower_case() {
        for (s, acronym, no_lower) in [
            ("UN", true, true),
            ("U.N.", true, true),
            ("ASEAN", true, true),
            ("U", false, true),
            ("ABCDEFGHIJK", false, true),
            ("G7", false, true),
            ("1987", false, true),
            ("", false, true),
            ("Un", false, false),
        ] {
            assert_eq!(is_acronym(s), acronym, "{s:?}");
            assert_eq!(has_no_lowercase(s), no_lower, "{s:?}");
        }
        assert_eq!(acronym_key("U.N."), "UN");
    }

    #[test]
    fn case_blind_comparison() {
        assert!(eq_ci("Trump", "TRUMP"));
        assert!(eq_ci("Élysée", "ÉLYSÉE"));
        assert!(!eq_ci("Trump", "Trum"));
        assert!(in_ci(&["inc", "ltd"], "Inc"));
        assert!(is_legal_suffix("Corp.") && is_legal_suffix("N.V."));
        assert!(is_legal_suffix("INC") && !is_legal_suffix("Corps"));
        assert!(
            has_legal_suffix("Walt Disney Co.") && !has_legal_suffix("Co op")
        );
        assert!(in_ci(&["ss"], "SS"));
        assert!(!in_ci(&["inc"], "Ínc"));
    }

    #[test]
    fn whitespace_helpers() {
        for s in ["Li Qiang", " Li  Qiang\n", "Li\u{a0}Qiang", "", "  "] {
            let want = s.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(single_spaced(s), want, "{s:?}");
        }
        assert!(matches!(squeeze("New York"), Cow::Borrowed("New York")));
        assert_eq!(squeeze("New\n  York"), "New York");
        let outer = "Premier Li";
        assert_eq!(offset_in(outer, &outer[8..]), 8);
    }

    #[test]
    fn fold_ignores_case_accents_and_punctuation() {
        assert_eq!(fold("São Paulo"), "sao paulo");
        assert_eq!(fold("U.S."), "us");
        assert_eq!(fold("Port-au-Prince"), "port au prince");
        assert_eq!(fold("  Straße "), "strasse");
        assert_eq!(fold("N’Djamena"), "n'djamena");
    }

    #[test]
    fn folds_to_is_fold_then_compare() {
        let words = ["São Paulo", "sao paulo", "U.S.", "us", "Port-au-Prince"];
        for text in words {
            for want in words.map(fold) {
                assert_eq!(folds_to(text, &want), fold(text) == want);
            }
            assert!(!folds_to(text, ""));
            assert!(folds_to(text, &fold(text)));
        }
    }
}
