//! People, places, organisations and other names of one article.
//!
//! The pipeline: [`ner::tokenize`] splits the text into tokens and
//! sentences, the statistical tagger ([`ner`]) labels mentions,
//! [`resolve`] merges the mentions of each person and organisation into
//! one canonical name, and [`places`] resolves the place mentions of the
//! article together against the GeoNames gazetteer, giving each a
//! canonical name and a continent → country → (region) → place path.
//!
//! Places the gazetteer does not know keep the name the article used,
//! under the path `Other/<name>`. A demonym the tagger took for a place
//! ("Chinese") is counted as MISC.

use super::dateline::Dateline;
use super::lexicon::{
    BODY_HEADS, BODY_QUALIFIERS, CALENDAR_WORDS, FUNCTION_WORDS, NAME_TITLES,
    NOT_NAMES_AFTER_TITLE, OFFICE_BODIES, ORG_NAME_ENDINGS, SENTENCE_OPENERS,
    SPEECH_VERBS, SPORT_WORDS,
};
use super::text::{has_legal_suffix, strip_possessive};
use super::{
    canon, joins, ner, places, resolve, works, Entity, EntityKind, Mention,
    Token,
};

/// Capitalised words that never go on a name (connectives, pronouns,
/// auxiliaries): what follows a country's abbreviation with one of
/// them first is no organisation of that country.
#[rustfmt::skip]
const NOT_NAME_WORDS: &[&str] = &[
    "And", "Are", "But", "Can", "Could", "Did", "Does", "Had", "Has",
    "Have", "He", "Is", "It", "Its", "May", "Might", "Must", "Or", "Said",
    "Says", "Seems", "Shall", "She", "Should", "They", "Was", "We",
    "Were", "Will", "Would",
];

/// Last words of a country's bodies besides [`BODY_HEADS`] ("U.S.
/// Government", "U.S. Senate"): a name that ends with one of either is
/// an organisation however common its words.
#[rustfmt::skip]
const ENDS_OF_BODIES: &[&str] = &[
    "Administration", "Attorney", "Authority", "Board", "Bureau",
    "Committee", "Congress", "Embassy", "Exchange", "Government", "Guard",
    "Mint", "Reserve", "Senate", "Service", "Treasury",
];

/// Top-level path segment for places the gazetteer does not know.
pub const UNKNOWN_PLACE: &str = "Other";

/// The entities of an article's text, in order of first mention.
pub fn extract(text: &str) -> Vec<Entity> {
    extract_with(text, None).entities
}

/// What [`extract_with`] finds in a text.
#[derive(Clone, Debug, Default)]
pub struct Found {
    /// The entities, in order of first mention.
    pub entities: Vec<Entity>,
    /// The byte offsets of the text's sentences.
    pub sentence_starts: Vec<usize>,
    /// Names the text calls works or awards ("the film Aviator",
    /// "Oscar"), as written, each once.
    pub works: Vec<String>,
    /// Names the text calls bands ("rock band Franz Ferdinand"), as
    /// written, each once.
    pub bands: Vec<String>,
}

/// The entities of an article's text whose head is the wire `dateline`
/// (see [`super::dateline`]): its places replace whatever the tagger
/// read there. Also returns the byte offsets of the text's sentences
/// (which entities' `sentences` number) and the works it names.
pub fn extract_with(text: &str, dateline: Option<&Dateline>) -> Found {
    let tokens = ner::tokenize(text);
    let mut mentions =
        ner::recognize_tokens(text, &tokens, ner::embedded_model());
    if let Some(d) = dateline {
        mentions.retain(|m| m.end <= d.span.start || m.start >= d.span.end);
        let places = d.places.iter().map(|r| Mention {
            kind: EntityKind::Place,
            start: r.start,
            end: r.end,
        });
        mentions.splice(0..0, places);
    }
    let credits = super::credits::credit_spans(text);
    if !credits.is_empty() {
        mentions.retain(|m| {
            !credits.iter().any(|c| m.start < c.end && c.start < m.end)
        });
    }
    joins::join_split_names(text, &tokens, &mut mentions);
    attach_family_names(text, &tokens, &mut mentions);
    fix_title_orgs(text, &tokens, &mut mentions);
    cut_office_bodies(text, &mut mentions);
    fix_misread_spans(text, &tokens, &mut mentions);
    join_products(text, &mut mentions);
    add_titled_names(text, &tokens, &mut mentions);
    unify_person_names(text, &mut mentions);
    let works: Vec<String> = works::mark_works(text, &tokens, &mut mentions)
        .into_iter()
        .map(str::to_string)
        .collect();
    let bands: Vec<String> = works::mark_bands(text, &mut mentions)
        .into_iter()
        .map(str::to_string)
        .collect();
    let mut resolved = resolve::resolve(text, &tokens, &mentions);
    let mut sport = None;
    for e in &mut resolved {
        let kind = kind_of_name(e.kind, &e.name);
        // "Barcelona", "England" in a match report are teams, unless
        // the report also says something happened in them ("gold in
        // Athens") or that they hosted games ("the Athens Olympics").
        if kind == EntityKind::Place
            && e.kind == EntityKind::Org
            && *sport.get_or_insert_with(|| is_sport_story(text))
            && !places::follows_place_cue(text, &e.surfaces)
            && !hosts_games(text, &e.surfaces)
        {
            continue;
        }
        e.kind = kind;
        // "Volcker says ...": a name (not an acronym) the gazetteer does
        // not know that speaks is a person.
        if e.kind == EntityKind::Place
            && e.name.chars().any(char::is_lowercase)
            && places::gazetteer().lookup(&e.name).is_empty()
            && e.surfaces.iter().any(|s| speaks(text, s))
        {
            e.kind = EntityKind::Person;
        }
    }
    places::vet_places(text, &mut resolved);
    let place_names: Vec<&str> = resolved
        .iter()
        .filter(|e| e.kind == EntityKind::Place)
        .map(|e| e.name.as_str())
        .collect();
    let mut place_ids =
        places::resolve_article_places(&place_names).into_iter();
    let mut out: Vec<Entity> = Vec::with_capacity(resolved.len());
    for e in resolved {
        let mut entity = Entity::from(e);
        if entity.kind == EntityKind::Place {
            let id = place_ids.next().flatten();
            match id {
                Some(id) => {
                    let place = places::gazetteer().place(id);
                    entity.name = place.name.to_string();
                    entity.path =
                        place.path.iter().map(|s| s.to_string()).collect();
                }
                None if places::is_demonym(&entity.name) => {
                    entity.kind = EntityKind::Misc;
                }
                None => {
                    entity.path =
                        vec![UNKNOWN_PLACE.to_string(), entity.name.clone()];
                }
            }
        }
        merge_into(&mut out, entity);
    }
    // "Finance Ministry" in a story from Tokyo is Japan's.
    super::bodies::qualify_bodies(text, &mut out);
    // "Microsoft Corp." and "Microsoft", "Treasury" and "U.S. Treasury",
    // "EC" and "European Community": one entity of the article.
    canon::merge_article(&mut out, &names_a_country);
    let starts: Vec<usize> =
        tokens.iter().filter(|t| t.sentence_start).map(|t| t.start).collect();
    for e in &mut out {
        e.sentences = sentences_of(text, &starts, &e.surfaces);
    }
    Found { entities: out, sentence_starts: starts, works, bands }
}

/// The kind of an organisation or MISC name that is a place or a
/// demonym: "Philippines", "USSR", "Texas", "Athens" tagged as
/// organisations are places; "Philippine", "German" are demonyms (MISC).
///
/// The rule: a name that the gazetteer knows, written exactly so, as a
/// continent, a country, a US state or UK nation, or a capital or a city
/// of at least a million people is a place. A longer name holding it
/// ("Texas Instruments", "Bank of Japan") is not this name, so it stays
/// an organisation. In a sports story (see [`is_sport_story`]) an
/// organisation named so is a team ("Barcelona", "England") and stays
/// one. A "person" of one word that names a country ("Honduras", "U.K.")
/// is the country, except "Jordan", "Georgia" and the like, given names
/// as often as places; one that is a nationality ("Scot") is MISC; a
/// "person" whose name ends with a legal suffix
/// ("Hewlett-Packard Co.") is an organisation.
fn kind_of_name(kind: EntityKind, name: &str) -> EntityKind {
    /// Countries whose names are also given names or surnames.
    const COUNTRIES_AS_GIVEN_NAMES: &[&str] =
        &["Chad", "Georgia", "India", "Israel", "Jordan", "Kenya"];
    // "Hewlett-Packard Co." is no person, whatever the tagger says.
    if kind == EntityKind::Person && has_legal_suffix(name) {
        return EntityKind::Org;
    }
    // "Honduras", "U.K." alone are no person: a name of one word (a
    // surname the article also gave in full is the full name by now)
    // that names a country is the country, unless it is as often a
    // given name.
    if kind == EntityKind::Person
        && !name.contains(' ')
        && !COUNTRIES_AS_GIVEN_NAMES.contains(&name)
        && names_a_country(name)
    {
        return EntityKind::Place;
    }
    // "the Scot", "the Swede": a nationality, no person.
    if kind == EntityKind::Person
        && !name.contains(' ')
        && places::is_demonym(name)
    {
        return EntityKind::Misc;
    }
    if !matches!(kind, EntityKind::Org | EntityKind::Misc) {
        return kind;
    }
    if is_well_known_place(name) {
        return EntityKind::Place;
    }
    if kind == EntityKind::Org && places::is_demonym(name) {
        return EntityKind::Misc;
    }
    kind
}

/// True when one of `surfaces` is written before "Olympics", "Olympic"
/// or "Games": the city that hosted them ("the Athens Olympics").
fn hosts_games(text: &str, surfaces: &[String]) -> bool {
    surfaces.iter().any(|s| {
        memchr::memmem::find_iter(text.as_bytes(), s).any(|at| {
            let rest = &text[at + s.len()..];
            let next =
                rest.strip_prefix(' ').and_then(|r| r.split(' ').next());
            next.is_some_and(|w| {
                matches!(
                    w.trim_end_matches(|c: char| !c.is_alphabetic()),
                    "Olympics" | "Olympic" | "Games"
                )
            })
        })
    })
}

/// True when `surface` is written somewhere in `text` as a whole word
/// directly followed by a verb of speech ("Volcker says").
fn speaks(text: &str, surface: &str) -> bool {
    memchr::memmem::find_iter(text.as_bytes(), surface).any(|at| {
        let before = text[..at].chars().next_back();
        let rest = &text[at + surface.len()..];
        let Some(rest) = rest.strip_prefix(' ') else {
            return false;
        };
        let verb = rest.split(|c: char| !c.is_alphabetic()).next();
        !before.is_some_and(char::is_alphanumeric)
            && verb.is_some_and(|v| SPEECH_VERBS.contains(&v))
    })
}

/// True when at least three different words of sport ("match",
/// "striker", "innings") are written in `text`.
fn is_sport_story(text: &str) -> bool {
    let words =
        text.split(|c: char| !c.is_ascii_alphabetic()).filter_map(|w| {
            SPORT_WORDS.iter().find(|s| s.eq_ignore_ascii_case(w))
        });
    let mut seen: Vec<&str> = Vec::new();
    for w in words {
        if !seen.contains(w) {
            seen.push(w);
            if seen.len() >= 3 {
                return true;
            }
        }
    }
    false
}

/// True when `name` names a continent, country, first-level area, or a
/// capital or city of a million people in the gazetteer.
fn is_well_known_place(name: &str) -> bool {
    let g = places::gazetteer();
    g.lookup(name).iter().any(|&id| {
        let p = g.place(id);
        match p.kind {
            places::PlaceKind::City => p.capital || p.population >= 1_000_000,
            _ => true,
        }
    })
}

/// True when `name` is the name or code of a country in the gazetteer
/// ("U.S.", "Japan", "West Germany").
pub fn names_a_country(name: &str) -> bool {
    let g = places::gazetteer();
    g.lookup(name)
        .iter()
        .any(|&id| g.place(id).kind == places::PlaceKind::Country)
}

/// The sentences in which any of `surfaces` is written, as whole words.
/// A one- or two-letter surface ("He", "Li") opening a sentence is more
/// likely a pronoun or another word, so it only counts mid-sentence.
fn sentences_of(
    text: &str,
    starts: &[usize],
    surfaces: &[String],
) -> Vec<u32> {
    let sentence =
        |at: usize| starts.partition_point(|&s| s <= at).saturating_sub(1);
    let mut found: Vec<u32> = Vec::new();
    for surface in surfaces.iter().filter(|s| !s.is_empty()) {
        // memchr's vectorised search finds the same non-overlapping
        // matches as `str::match_indices`, faster.
        for at in memchr::memmem::find_iter(text.as_bytes(), surface) {
            let end = at + surface.len();
            let before = text[..at].chars().next_back();
            let after = text[end..].chars().next();
            if before.is_some_and(char::is_alphanumeric)
                || after.is_some_and(char::is_alphanumeric)
            {
                continue;
            }
            if surface.chars().count() <= 2
                && starts.binary_search(&at).is_ok()
            {
                continue;
            }
            let n = sentence(at) as u32;
            if !found.contains(&n) {
                found.push(n);
            }
        }
    }
    found.sort_unstable();
    found
}

/// Extends a person mention over a Chinese, Korean or Vietnamese family
/// name written just before it: the tagger, trained mostly on Western
/// names, often labels "He Lifeng" as "He" + PER "Lifeng", reading the
/// family name "He" as the pronoun. A pronoun directly followed by a
/// person's name is not English, so the family-name reading wins.
fn attach_family_names(
    text: &str,
    tokens: &[Token],
    mentions: &mut [Mention],
) {
    for m in mentions.iter_mut().filter(|m| m.kind == EntityKind::Person) {
        let Some(i) = token_at(tokens, m.start) else {
            continue;
        };
        let Some(prev) = i.checked_sub(1).map(|j| tokens[j]) else {
            continue;
        };
        let between = &text[prev.end..m.start];
        let word = &text[prev.start..prev.end];
        let name = &text[m.start..m.end];
        if between == " "
            && !name.contains(' ')
            && word.chars().next().is_some_and(char::is_uppercase)
            && resolve::is_family_first(word)
        {
            m.start = prev.start;
        }
    }
}

/// Mends organisations that are really titles: "Vice Premier He" tagged
/// as an organisation is the person He; "U.S. Trade" in "U.S. Trade
/// Representative Jamieson Greer" is part of a title, not a body.
fn fix_title_orgs(text: &str, tokens: &[Token], mentions: &mut Vec<Mention>) {
    mentions.retain_mut(|m| {
        if m.kind != EntityKind::Org {
            return true;
        }
        let span = &text[m.start..m.end];
        for title in NAME_TITLES {
            if let Some(rest) = strip_title(span, title) {
                let name = rest.trim_start();
                if name.is_empty() {
                    return false;
                }
                m.kind = EntityKind::Person;
                m.start = m.end - name.len();
                return true;
            }
        }
        if preceded_by_title(text, tokens, m.start) {
            m.kind = EntityKind::Person;
            return true;
        }
        let next = tokens.get(tokens.partition_point(|t| t.start < m.end));
        let next = next.map(|t| &text[t.start..t.end]);
        if matches!(next, Some("Representative" | "Envoy")) {
            return false;
        }
        // "Agriculture" of "Agriculture Secretary Richard Lyng", "Trade"
        // of "Trade Minister": a body's words before an office. The
        // Treasury is a body of its own name ("Treasury Secretary James
        // Baker" names it).
        let office = matches!(
            next,
            Some("Secretary" | "Undersecretary" | "Minister" | "Ministers")
        );
        if office
            && span != "Treasury"
            && span.split(' ').all(|w| BODY_QUALIFIERS.contains(&w))
        {
            return false;
        }
        // "Exchequer" of "Chancellor of the Exchequer Nigel Lawson": one
        // word between an office's "of the" and a name.
        !(!span.contains(' ')
            && next.is_some_and(|w| w.starts_with(char::is_uppercase))
            && office_of_the(text, m.start))
    });
}

/// Cuts the body of an office off the person after it: "Exchequer
/// Nigel Lawson" tagged in "Chancellor of the Exchequer Nigel Lawson" is
/// the person "Nigel Lawson", "Treasury James Baker" of "Secretary of
/// the Treasury James Baker" is "James Baker". The first word of a
/// person's name goes when an office's "of the" stands before it, it
/// names a body ([`BODY_HEADS`], [`BODY_QUALIFIERS`], [`OFFICE_BODIES`])
/// and a capitalised word follows it.
fn cut_office_bodies(text: &str, mentions: &mut [Mention]) {
    for m in mentions.iter_mut() {
        if m.kind != EntityKind::Person {
            continue;
        }
        let span = &text[m.start..m.end];
        let Some((first, rest)) = span.split_once(' ') else {
            continue;
        };
        let rest = rest.trim_start();
        let body = [BODY_HEADS, BODY_QUALIFIERS, OFFICE_BODIES]
            .iter()
            .any(|words| words.contains(&first));
        if body
            && rest.starts_with(char::is_uppercase)
            && office_of_the(text, m.start)
        {
            m.start = m.end - rest.len();
        }
    }
}

/// True when an office and "of the" stand right before `start`:
/// "Chancellor of the ", "Secretary of the ".
fn office_of_the(text: &str, start: usize) -> bool {
    let Some(head) = text[..start].strip_suffix(" of the ") else {
        return false;
    };
    let office = head.rsplit(char::is_whitespace).next().unwrap_or(head);
    NAME_TITLES.iter().any(|t| t.last() == Some(&office))
}

/// Mends three misreadings of the tagger on news text:
/// - "US Trade" in "US Trade Representative" is the country, not a body
///   called "US Trade";
/// - "Cooperation" tagged a person after "Asia-Pacific Economic" is the
///   end of an organisation's name: the capitalised words before it join
///   it as one organisation;
/// - a "person" followed by a number ("Merdeka 118 tower") is a name of
///   a thing, not a person;
/// - an organisation made of a country's abbreviation and the common
///   words after it ("U.S. Currency", "U.S. Officials", "U.S. And West
///   Germany": archives that capitalise the word after every "U.S.")
///   is the country ([`country_and_common_words`]).
fn fix_misread_spans(
    text: &str,
    tokens: &[Token],
    mentions: &mut Vec<Mention>,
) {
    let next_word = |end: usize| {
        let i = tokens.partition_point(|t| t.start < end);
        tokens.get(i).map(|t| &text[t.start..t.end])
    };
    mentions.retain_mut(|m| {
        let span = &text[m.start..m.end];
        if next_word(m.end) == Some("Representative") {
            if let Some(rest) = span.strip_suffix(" Trade") {
                m.end = m.start + rest.len();
                m.kind = EntityKind::Place;
            }
            return true;
        }
        if m.kind == EntityKind::Person
            && next_word(m.end)
                .is_some_and(|w| w.chars().all(|c| c.is_ascii_digit()))
        {
            return false;
        }
        if let Some(country) = country_and_common_words(text, span) {
            m.end = m.start + country;
            m.kind = EntityKind::Place;
            return true;
        }
        if m.kind == EntityKind::Org && super::bodies::is_body_name(span) {
            m.start = regional_head(text, tokens, m.start);
            return true;
        }
        if m.kind == EntityKind::Person && names_a_shop(text, span, m.end) {
            m.kind = EntityKind::Org;
            return true;
        }
        if m.kind == EntityKind::Person && ORG_NAME_ENDINGS.contains(&span) {
            // Take in the capitalised words just before it.
            let mut i = tokens.partition_point(|t| t.start < m.start);
            while i > 0 {
                let t = tokens[i - 1];
                let w = &text[t.start..t.end];
                let adjacent = text[t.end..tokens[i].start] == *" ";
                if !adjacent
                    || tokens[i].sentence_start
                    || !w.chars().next().is_some_and(char::is_uppercase)
                {
                    break;
                }
                i -= 1;
            }
            m.start = tokens.get(i).map_or(m.start, |t| t.start.min(m.start));
            m.kind = EntityKind::Org;
        }
        true
    });
    // Spans that grew may now cover others: keep the longest.
    mentions.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    let mut last_end = 0;
    mentions.retain(|m| {
        let keep = m.start >= last_end;
        if keep {
            last_end = m.end;
        }
        keep
    });
}

/// True when the one-word name `span`, ending at `end`, is written in
/// the possessive with nothing it owns after it: "Macy's and
/// Bloomingdale's," "shopping at Sainsbury's." A shop or a firm named
/// in the possessive, not a person ("Reagan's budget").
fn names_a_shop(text: &str, span: &str, end: usize) -> bool {
    /// What may follow a name that owns nothing.
    const CLOSERS: [char; 5] = [',', '.', ';', ':', ')'];
    if span.contains(' ') {
        return false;
    }
    let after = &text[end..];
    let Some(rest) =
        after.strip_prefix("'s").or_else(|| after.strip_prefix("’s"))
    else {
        return false;
    };
    if rest.starts_with(CLOSERS) {
        return true;
    }
    // "Macy's and Bloomingdale's": another name in the possessive.
    let Some(next) = rest.strip_prefix(" and ").or(rest.strip_prefix(" or "))
    else {
        return false;
    };
    let word = next.split(' ').next().unwrap_or("").trim_end_matches(CLOSERS);
    let name = strip_possessive(word);
    name.len() < word.len()
        && name.len() > 1
        && name.starts_with(char::is_uppercase)
}

/// Where a body's name begins when the word just before it belongs to
/// it: "Inter-American" of "Inter-American Development Bank", "Asian"
/// of "Asian Development Bank". A country's word ("Japanese Finance
/// Ministry", "Japan's") or a place's ("Tokyo") stays out: it says
/// whose body it is (`bodies`), and so do function words, sentence
/// openers and words news mostly writes in lower case ("Senior").
fn regional_head(text: &str, tokens: &[Token], start: usize) -> usize {
    let i = tokens.partition_point(|t| t.start < start);
    let Some(t) = i.checked_sub(1).map(|i| tokens[i]) else {
        return start;
    };
    let w = &text[t.start..t.end];
    let belongs = text.get(t.end..start) == Some(" ")
        && w.chars().next().is_some_and(char::is_uppercase)
        && w.chars().any(char::is_lowercase)
        && !SENTENCE_OPENERS.contains(&w)
        && !FUNCTION_WORDS.contains(&w)
        && !places::demonym_country(w).is_some_and(|id| {
            places::gazetteer().place(id).kind == places::PlaceKind::Country
        })
        && places::gazetteer().lookup(w).is_empty()
        && !joins::is_common_noun_list(w);
    if belongs {
        t.start
    } else {
        start
    }
}

/// The length of the country abbreviation that opens `span` ("U.S.",
/// "U.K.") when the words after it are no name: a function word first
/// ("U.S. And Japan", "U.S. Would"), or one or two words news mostly
/// writes in lower case ("U.S. Currency", "U.S. Trade Policy") that do
/// not end like a body ("U.S. Government", "U.S. Navy" stay), in a text
/// that capitalises every word after the abbreviation (old wire copy
/// turned from capitals to mixed case took its dot for a sentence's
/// end). A text that also writes "U.S. officials" means "U.S. Steel".
fn country_and_common_words(text: &str, span: &str) -> Option<usize> {
    let (abbreviation, rest) = span.split_once(' ')?;
    if !abbreviation.ends_with('.')
        || abbreviation.len() > 6
        || !abbreviation[..abbreviation.len() - 1].contains('.')
    {
        return None;
    }
    let first = rest.split(' ').next().unwrap_or(rest);
    let last = rest.rsplit(' ').next().unwrap_or(rest);
    let capitalises_after = || {
        !text.match_indices(abbreviation).any(|(at, _)| {
            let after = &text[at + abbreviation.len()..];
            after.strip_prefix(' ').is_some_and(|w| {
                w.chars().next().is_some_and(char::is_lowercase)
            })
        })
    };
    let no_name = NOT_NAME_WORDS.contains(&first)
        || (!ENDS_OF_BODIES.contains(&last)
            && !BODY_HEADS.contains(&last)
            && !ORG_NAME_ENDINGS.contains(&last)
            && joins::is_common_noun_list(rest)
            && capitalises_after());
    (no_name && names_a_country(abbreviation)).then_some(abbreviation.len())
}

/// True when the tokens just before `start` spell a title.
fn preceded_by_title(text: &str, tokens: &[Token], start: usize) -> bool {
    let Some(i) = token_at(tokens, start) else {
        return false;
    };
    // Last word first: the word right before `start` turns most titles
    // away at once.
    NAME_TITLES.iter().any(|title| {
        i >= title.len()
            && title.iter().enumerate().rev().all(|(k, w)| {
                let t = tokens[i - title.len() + k];
                &text[t.start..t.end] == *w
            })
    })
}

/// Makes every mention of a name share the kind the article's evidence
/// gives it: once a title has shown "He Lifeng" to be a person, the
/// headline's "He Lifeng" is one too, and an organisation or MISC
/// mention that is the surname of a person named in full ("Baker" with
/// "James Baker") is that person.
fn unify_person_names(text: &str, mentions: &mut [Mention]) {
    let people: Vec<&str> = mentions
        .iter()
        .filter(|m| m.kind == EntityKind::Person)
        .map(|m| strip_possessive(&text[m.start..m.end]))
        .collect();
    let surnames: Vec<&str> = people
        .iter()
        .filter(|p| p.contains(' '))
        .filter_map(|p| p.split_whitespace().next_back())
        .collect();
    for m in mentions.iter_mut() {
        if !matches!(m.kind, EntityKind::Org | EntityKind::Misc) {
            continue;
        }
        let name = strip_possessive(&text[m.start..m.end]);
        if people.contains(&name) || surnames.contains(&name) {
            m.kind = EntityKind::Person;
        }
    }
}

/// Adds a person mention for a name written after a title ("Vice Premier
/// He Lifeng", "Premier Li") when the tagger missed it: a title followed
/// by capitalised words is a person in news text, whatever the words.
fn add_titled_names(
    text: &str,
    tokens: &[Token],
    mentions: &mut Vec<Mention>,
) {
    let word = |i: usize| &text[tokens[i].start..tokens[i].end];
    let covered = |mentions: &[Mention], t: &Token| {
        mentions.iter().any(|m| m.start < t.end && t.start < m.end)
    };
    let mut added = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        // Every title opens with an ASCII capital: skip other tokens
        // without comparing them to each title.
        if !text
            .as_bytes()
            .get(tokens[i].start)
            .is_some_and(u8::is_ascii_uppercase)
        {
            i += 1;
            continue;
        }
        let Some(title) = NAME_TITLES.iter().find(|title| {
            title
                .iter()
                .enumerate()
                .all(|(k, w)| i + k < tokens.len() && word(i + k) == *w)
        }) else {
            i += 1;
            continue;
        };
        let first = i + title.len();
        let mut end = first;
        while end < tokens.len()
            && end - first < 3
            && !tokens[end].sentence_start
            && is_name_word(word(end))
            && !covered(mentions, &tokens[end])
            && (end == first
                || text[tokens[end - 1].end..tokens[end].start] == *" ")
        {
            end += 1;
        }
        if end > first
            && text[tokens[first - 1].end..tokens[first].start] == *" "
        {
            added.push(Mention {
                kind: EntityKind::Person,
                start: tokens[first].start,
                end: tokens[end - 1].end,
            });
        }
        i = end.max(i + 1);
    }
    if !added.is_empty() {
        mentions.extend(added);
        mentions.sort_by_key(|m| (m.start, m.end));
    }
}

/// `span` without the leading `title` (its words joined by single
/// spaces), or `None` when `span` does not start with it.
fn strip_title<'a>(span: &'a str, title: &[&str]) -> Option<&'a str> {
    let mut rest = span;
    for (k, w) in title.iter().enumerate() {
        if k > 0 {
            rest = rest.strip_prefix(' ')?;
        }
        rest = rest.strip_prefix(w)?;
    }
    Some(rest)
}

/// Joins a MISC name and the version the tagger read right after it as
/// an organisation, one space apart, into one MISC name: a product and
/// its version ("Windows" + "XP" is "Windows XP"), and the version alone
/// elsewhere in the article is that product too. Not after a nationality
/// or a compound adjective ("German" + "BHF", "California-based" +
/// "AMD": the body is the organisation).
fn join_products(text: &str, mentions: &mut Vec<Mention>) {
    mentions.sort_by_key(|m| (m.start, m.end));
    let mut versions: Vec<&str> = Vec::new();
    let mut i = 1;
    while i < mentions.len() {
        let (a, b) = (mentions[i - 1], mentions[i]);
        if a.kind == EntityKind::Misc
            && b.kind == EntityKind::Org
            && text.get(a.end..b.start) == Some(" ")
            && is_version(&text[b.start..b.end])
            && !text[a.start..a.end].contains('-')
            && !places::is_demonym(&text[a.start..a.end])
        {
            versions.push(&text[b.start..b.end]);
            mentions[i - 1].end = b.end;
            mentions.remove(i);
        } else {
            i += 1;
        }
    }
    for m in mentions.iter_mut() {
        if m.kind == EntityKind::Org
            && versions.contains(&&text[m.start..m.end])
        {
            m.kind = EntityKind::Misc;
        }
    }
}

/// True for what names a product's version: a short code in capitals
/// ("XP", "NT") or a name with a digit ("360", "PS3").
fn is_version(name: &str) -> bool {
    name.chars().any(|c| c.is_ascii_digit())
        || (name.len() <= 4 && name.chars().all(|c| c.is_ascii_uppercase()))
}

/// Index of the first token starting at byte `pos`; tokens are in text
/// order, as [`ner::tokenize`] gives them.
fn token_at(tokens: &[Token], pos: usize) -> Option<usize> {
    let i = tokens.partition_point(|t| t.start < pos);
    (tokens.get(i)?.start == pos).then_some(i)
}

fn is_name_word(w: &str) -> bool {
    let mut chars = w.chars();
    chars.next().is_some_and(char::is_uppercase)
        && w.chars().all(|c| c.is_alphabetic() || c == '-' || c == '\'')
        && !NOT_NAMES_AFTER_TITLE.contains(&w)
        && !CALENDAR_WORDS.contains(&w)
        && !(w.len() > 1 && w.chars().all(char::is_uppercase))
}

/// Adds an entity, merging it with an earlier one of the same kind and
/// name ("U.S." and "United States" both resolve to United States).
fn merge_into(out: &mut Vec<Entity>, entity: Entity) {
    match out
        .iter_mut()
        .find(|e| e.kind == entity.kind && e.name == entity.name)
    {
        Some(known) => {
            known.count += entity.count;
            for s in entity.surfaces {
                if !known.surfaces.contains(&s) {
                    known.surfaces.push(s);
                }
            }
        }
        None => out.push(entity),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_and_demonyms_tagged_as_organisations_change_kind() {
        use EntityKind::{Misc, Org, Person, Place};
        assert_eq!(kind_of_name(Org, "Philippines"), Place);
        assert_eq!(kind_of_name(Org, "Texas"), Place);
        assert_eq!(kind_of_name(Misc, "UK"), Place);
        assert_eq!(kind_of_name(Org, "Philippine"), Misc);
        assert_eq!(kind_of_name(Org, "Texas Instruments"), Org);
        assert_eq!(kind_of_name(Org, "Bank of Japan"), Org);
        assert_eq!(kind_of_name(Person, "Jordan"), Person);
        assert_eq!(kind_of_name(Person, "Honduras"), Place);
        assert_eq!(kind_of_name(Person, "U.K."), Place);
        assert_eq!(kind_of_name(Person, "Paul Honduras"), Person);
        assert_eq!(kind_of_name(Person, "Hewlett-Packard Co."), Org);
        // A small town's name is no evidence against a company.
        assert_eq!(kind_of_name(Org, "Reading"), Org);
        // A nationality is no person.
        assert_eq!(kind_of_name(Person, "Scot"), Misc);
        assert_eq!(kind_of_name(Person, "Swede"), Misc);
        assert_eq!(kind_of_name(Person, "Paul Scot"), Person);
    }

    #[test]
    fn a_team_named_after_a_place_stays_an_organisation() {
        let report = "Barcelona beat Madrid in the league; the striker \
                      scored after a penalty.";
        assert!(is_sport_story(report));
        let business = "Barcelona said on Monday that its port would grow.";
        assert!(!is_sport_story(business));
        // A city that hosted games, or that the report puts things in,
        // is the place.
        let athens = |t: &str| {
            let tokens = ner::tokenize(t);
            let spans = [(EntityKind::Org, "Athens")];
            let mentions = Mention::at_first(t, &spans);
            let resolved = resolve::resolve(t, &tokens, &mentions);
            let e = &resolved[0];
            let team = is_sport_story(t)
                && !places::follows_place_cue(t, &e.surfaces)
                && !hosts_games(t, &e.surfaces);
            (team, kind_of_name(e.kind, &e.name))
        };
        let games = "Athens beat the striker's side after a penalty in the \
                     league. She missed the Athens Olympics.";
        assert_eq!(athens(games), (false, EntityKind::Place));
        let cue = "Athens lost the match after a penalty; she won gold in \
                   Athens in the final.";
        assert_eq!(athens(cue), (false, EntityKind::Place));
        let team = "Athens beat Madrid in the league; the striker scored \
                    after a penalty.";
        assert_eq!(athens(team), (true, EntityKind::Place));
    }

    #[test]
    fn a_product_and_its_version_are_one_misc_name() {
        use EntityKind::{Misc, Org};
        let t = "Windows XP sold well, the German Bundesbank said. XP won.";
        let mut mentions = Mention::at_first(
            t,
            &[
                (Misc, "Windows"),
                (Org, "XP"),
                (Misc, "German"),
                (Org, "Bundesbank"),
                (Org, "XP won"),
            ],
        );
        mentions[4].end -= " won".len();
        join_products(t, &mut mentions);
        let got: Vec<(EntityKind, &str)> =
            mentions.iter().map(|m| (m.kind, &t[m.start..m.end])).collect();
        assert_eq!(
            got,
            [
                (Misc, "Windows XP"),
                (Misc, "German"),
                (Org, "Bundesbank"),
                (Misc, "XP")
            ]
        );
    }

    #[test]
    fn an_unknown_place_that_speaks_is_a_person() {
        assert!(speaks("Qworlik says the Fed", "Qworlik"));
        assert!(speaks("x. Qworlik said", "Qworlik"));
        assert!(!speaks("in Qworlik, says", "Qworlik"));
        assert!(!speaks("AQworlik says", "Qworlik"));
    }

    #[test]
    fn a_surname_tagged_as_an_organisation_is_the_person() {
        let text = "Treasury Secretary James Baker met aides. Baker left.";
        let at = |s: &str| text.find(s).unwrap();
        let mut mentions = vec![
            Mention {
                kind: EntityKind::Person,
                start: at("James"),
                end: at("James") + "James Baker".len(),
            },
            Mention {
                kind: EntityKind::Org,
                start: at("Baker left"),
                end: at("Baker left") + 5,
            },
        ];
        unify_person_names(text, &mut mentions);
        assert_eq!(mentions[1].kind, EntityKind::Person);
    }

    /// Checks the entities of a text as `kind:name` (places with their
    /// path) in order.
    #[track_caller]
    fn check(text: &str, expected: &[&str]) {
        let got: Vec<String> = extract(text)
            .iter()
            .map(|e| match e.kind {
                EntityKind::Place => format!("place:{}", e.path.join("/")),
                k => format!("{}:{}", format!("{k:?}").to_lowercase(), e.name),
            })
            .collect();
        assert_eq!(got, expected, "{text}");
    }

    #[test]
    fn people_places_orgs() {
        check(
            "Treasury Secretary Scott Bessent met Chinese officials in \
             Kuala Lumpur on Saturday. Bessent told Reuters the talks went \
             well.",
            &[
                "person:Scott Bessent",
                "misc:Chinese",
                "place:Asia/Malaysia/Kuala Lumpur",
                "org:Reuters",
            ],
        );
    }

    #[test]
    fn chinese_family_names_are_not_pronouns() {
        check(
            "Vice Premier He Lifeng led the delegation. Li arrived \
             alongside He earlier. He Lifeng said little.",
            &["person:He Lifeng", "person:Li"],
        );
    }

    #[test]
    fn names_after_titles_are_people() {
        check(
            "Officials met Vice Premier He Lifeng that day. He also \
             pointed to soybeans.",
            &["person:He Lifeng"],
        );
    }

    #[test]
    fn titles_are_not_organisations() {
        check(
            "U.S. Trade Representative Jamieson Greer met reporters.",
            &["place:North America/United States", "person:Jamieson Greer"],
        );
    }

    #[test]
    fn a_title_makes_a_person_everywhere_in_the_article() {
        check(
            "Bessent and He Lifeng open Stockholm talks\n\nTreasury \
             Secretary Scott Bessent and Chinese Vice Premier He Lifeng \
             shook hands.",
            &[
                "person:Scott Bessent",
                "person:He Lifeng",
                "place:Europe/Sweden/Stockholm",
                "misc:Chinese",
            ],
        );
    }

    #[test]
    fn entities_know_their_sentences() {
        let e = extract(
            "Scott Bessent flew to Geneva. He met officials. Bessent \
             later spoke in Geneva.",
        );
        let of = |name: &str| {
            e.iter().find(|x| x.name == name).map(|x| x.sentences.clone())
        };
        assert_eq!(of("Scott Bessent"), Some(vec![0, 2]));
        assert_eq!(of("Geneva"), Some(vec![0, 2]));
    }

    #[test]
    fn misread_spans_are_mended() {
        // The tagger's misreadings, as it made them on a wire story.
        let text = "Leaders meet at an Asia-Pacific Economic Cooperation \
                    summit. The venue, Merdeka 118 tower, was busy. US Trade \
                    Representative Jamieson Greer spoke.";
        let tokens = ner::tokenize(text);
        let at = |s: &str| text.find(s).unwrap();
        let mention = |kind, s: &str| Mention {
            kind,
            start: at(s),
            end: at(s) + s.len(),
        };
        let mut mentions = vec![
            mention(EntityKind::Misc, "Asia-Pacific"),
            mention(EntityKind::Person, "Cooperation"),
            mention(EntityKind::Person, "Merdeka"),
            mention(EntityKind::Place, "US Trade"),
            mention(EntityKind::Person, "Jamieson Greer"),
        ];
        fix_misread_spans(text, &tokens, &mut mentions);
        let got: Vec<(EntityKind, &str)> =
            mentions.iter().map(|m| (m.kind, &text[m.start..m.end])).collect();
        assert_eq!(
            got,
            [
                (EntityKind::Org, "Asia-Pacific Economic Cooperation"),
                (EntityKind::Place, "US"),
                (EntityKind::Person, "Jamieson Greer"),
            ]
        );
    }

    #[test]
    fn a_regional_word_before_a_body_is_part_of_its_name() {
        let text = "Control of the Inter-American Development Bank was \
                    discussed in Tokyo. Japanese Finance Ministry officials \
                    said the Asian Development Bank would lend more.";
        let tokens = ner::tokenize(text);
        let body = |s: &str| {
            let at = text.find(s).unwrap();
            Mention { kind: EntityKind::Org, start: at, end: at + s.len() }
        };
        let mut mentions = vec![
            Mention { kind: EntityKind::Misc, ..body("Inter-American") },
            body("Development Bank"),
            body("Finance Ministry"),
            body("Development Bank would"),
        ];
        mentions[3].end -= " would".len();
        fix_misread_spans(text, &tokens, &mut mentions);
        let got: Vec<&str> =
            mentions.iter().map(|m| &text[m.start..m.end]).collect();
        assert_eq!(
            got,
            [
                "Inter-American Development Bank",
                "Finance Ministry",
                "Asian Development Bank"
            ]
        );
    }

    /// The mention of `kind` at the first `s` of `text`.
    fn mention_of(text: &str, kind: EntityKind, s: &str) -> Mention {
        let at = text.find(s).unwrap();
        Mention { kind, start: at, end: at + s.len() }
    }

    #[test]
    fn a_name_in_the_possessive_owning_nothing_is_a_shop() {
        let text = "Federated, the parent of Macy's and Bloomingdale's, \
                    said Reagan's budget hurt. Shoppers went to Sainsbury's.";
        let at = |w: &str| text.find(w).unwrap() + w.len();
        assert!(names_a_shop(text, "Macy", at("Macy")));
        assert!(names_a_shop(text, "Bloomingdale", at("Bloomingdale")));
        assert!(names_a_shop(text, "Sainsbury", at("Sainsbury")));
        assert!(!names_a_shop(text, "Reagan", at("Reagan")));
        assert!(!names_a_shop(text, "Federated", at("Federated")));
    }

    #[test]
    fn body_words_inside_an_office_are_no_organisation() {
        let text = "Agriculture Secretary Richard Lyng met Chancellor of the \
                    Exchequer Nigel Lawson and Treasury Secretary James Baker \
                    at the Agriculture Department.";
        let tokens = ner::tokenize(text);
        let org = |s| mention_of(text, EntityKind::Org, s);
        let mut mentions = vec![
            org("Agriculture"),
            org("Exchequer"),
            org("Treasury"),
            org("Agriculture Department"),
        ];
        fix_title_orgs(text, &tokens, &mut mentions);
        let got: Vec<&str> =
            mentions.iter().map(|m| &text[m.start..m.end]).collect();
        assert_eq!(got, ["Treasury", "Agriculture Department"]);
    }

    #[test]
    fn an_office_body_is_cut_off_the_person_after_it() {
        let text = "Chancellor of the Exchequer Nigel Lawson met Secretary \
                    of the Treasury James Baker and House Speaker Jim Wright.";
        let person = |s| mention_of(text, EntityKind::Person, s);
        let mut mentions = vec![
            person("Exchequer Nigel Lawson"),
            person("Treasury James Baker"),
            person("Jim Wright"),
        ];
        cut_office_bodies(text, &mut mentions);
        let got: Vec<&str> =
            mentions.iter().map(|m| &text[m.start..m.end]).collect();
        assert_eq!(got, ["Nigel Lawson", "James Baker", "Jim Wright"]);
    }

    #[test]
    fn a_country_and_common_words_are_the_country() {
        for (span, country) in [
            ("U.S. Currency", Some(4)),
            ("U.S. Officials", Some(4)),
            ("U.S. And West Germany", Some(4)),
            ("U.K. Would", Some(4)),
            ("U.S. Government", None),
            ("U.K. Intervention Board", None),
            ("U.S. Agriculture Department", None),
            ("U.S. Trade Representative Clayton Yeutter", None),
            ("Fed Officials", None),
        ] {
            let text = format!("The {span} said so.");
            assert_eq!(
                country_and_common_words(&text, span),
                country,
                "{span}"
            );
        }
        // A text that writes "U.S. options" does not capitalise every
        // word after "U.S.": its "U.S. Steel" is a firm's name.
        let text = "U.S. Steel shares rose and U.S. options were busy.";
        assert_eq!(country_and_common_words(text, "U.S. Steel"), None);
        let text = "U.S. Steel shares rose and U.S. Options were busy.";
        assert_eq!(country_and_common_words(text, "U.S. Steel"), Some(4));
    }

    #[test]
    fn one_country_however_written() {
        let e = extract(
            "The U.S. and China met in Geneva. The United States said \
             talks with China would go on.",
        );
        let us: Vec<&Entity> =
            e.iter().filter(|e| e.name == "United States").collect();
        assert_eq!(us.len(), 1, "{e:?}");
        assert!(us[0].surfaces.len() >= 2, "{:?}", us[0]);
    }
}
