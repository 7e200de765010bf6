//! In-article name resolution: one canonical name per person and
//! organisation of an article.
//!
//! The tagger labels stretches of text ([`Mention`]s). This module turns
//! them into [`ResolvedEntity`]s, so that "US President Donald Trump",
//! "President Trump", "Trump" and "Trump's" become one entity named
//! "Donald Trump", and "Association of Southeast Asian Nations (ASEAN)" and
//! "ASEAN" become one entity named after the expansion.
//!
//! # What it does
//!
//! - **Titles.** Leading titles are stripped from person names
//!   ([`strip_titles`]): "Vice Premier", "U.S. Trade Representative",
//!   "Mr.", "Secretary of State"... A capitalised title written just
//!   before a person mention (in the same sentence, and not inside another
//!   mention) joins the surface, so the tagger's "He" in "Vice Premier He"
//!   has the surface "Vice Premier He". A person name that is only a title
//!   ("Premier") is dropped, unless it is the surname of a full name
//!   ("King" for "Martin Luther King Jr.").
//! - **Surnames.** A bare person mention (one word, or words after a
//!   lower-case particle: "von der Leyen") is attached to the full name of
//!   the article whose surname it is: the last word, "Jr." and the like
//!   skipped ("Bessent" -> "Scott Bessent"); failing that, for one word,
//!   the first word ("Xi" -> "Xi Jinping", "Anwar" -> "Anwar Ibrahim").
//!   It must match exactly one person. When it matches several ("Li" with
//!   both "Li Qiang" and "Li Chenggang" named in full), a title breaks the
//!   tie when exactly one of them was introduced with it ("Premier Li" ->
//!   "Li Qiang"); otherwise the mention is dropped. A bare name that
//!   matches no full name is an entity of its own ("Trump").
//! - **Full names** merge when they share the first and last word and one
//!   is a subsequence of the other ("Donald Trump", "Donald J. Trump"); the
//!   canonical name is the longest.
//! - **Surnames the tagger missed.** The resolver scans the tokens for a
//!   capitalised, mid-sentence token, outside every mention, that is
//!   exactly a surname of a full name of the article, and adds it as a
//!   mention: "Li arrived alongside He earlier" gives a mention of He Lifeng
//!   when "He Lifeng" is named. The surname is the last word, or the first
//!   word when it is a common Chinese, Korean or Vietnamese family name or
//!   when the tagger labelled that bare first word somewhere. A token next
//!   to another capitalised word (part of another name: "Trump Tower"), a
//!   month or a weekday is skipped.
//! - **Pronouns.** A one-word person name that is also an English pronoun
//!   or function word ("He", "She", "It", "Do", "So", "An", "Oh"...) is
//!   not a name when it opens a sentence (or a quotation, or follows a
//!   colon) without a title right before it; elsewhere it counts only when
//!   it matches a full name of the article.
//! - **Possessives** ("Trump's", "Xi’s", "Reuters'") are removed from names.
//! - **Acronyms.** Organisation (and misc) names merge with their acronym:
//!   an acronym mention ("ASEAN") joins the one expansion of the article
//!   that it abbreviates ([`acronym_fits`]: "Association of Southeast Asian
//!   Nations"), and "Name (ACR)", in one mention or as a mention followed by
//!   an untagged "(ACR)", gives name and acronym. The canonical name is the
//!   expansion when the article has one, else the acronym. A leading "the"
//!   is dropped. An org and a misc mention with the same name (or acronym)
//!   are one entity, of kind org.
//! - **Junk.** Names without two letters or without an upper-case letter,
//!   names spanning lines, person names longer than six words, and page
//!   boilerplate ("Latest News", "Read More"...) are dropped.
//! - **Places** are passed through: one entity per distinct place name (the
//!   surface without a possessive); resolving them is the gazetteer's job.
//!
//! Overlapping mentions are cut down to the earliest (then longest) of
//! each overlap. Output is deterministic: entities in order of first
//! appearance.
//!
//! # What it does not do
//!
//! - No pronoun resolution: "he", "she" are never linked to a person.
//! - No knowledge outside the article: a bare "Trump" in an article that
//!   never names Donald Trump in full stays "Trump", and "Trump" in an
//!   article that names only Melania Trump in full is Melania Trump.
//! - Surname matching is case-sensitive ("TRUMP" is not "Trump").
//! - Organisation variants other than acronyms and a leading "the" are not
//!   merged: "US Treasury", "Treasury" and "Treasury Department" are three
//!   entities.
//! - No I/O; the word lists (titles, family names, boilerplate) are small
//!   constants at the end of this file.

use std::collections::BTreeMap;

use crate::extract::{Entity, EntityKind, Mention, Token};

/// One entity of an article, after resolution.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResolvedEntity {
    /// Person, organisation, misc, or place (passed through).
    pub kind: EntityKind,
    /// Canonical name: "He Lifeng", "Donald Trump",
    /// "Association of Southeast Asian Nations".
    pub name: String,
    /// Distinct surface forms, titles included, in order of first
    /// appearance: "Vice Premier He Lifeng", "He".
    pub surfaces: Vec<String>,
    /// Number of mentions, including surname tokens found by the resolver.
    pub count: usize,
}

impl From<ResolvedEntity> for Entity {
    /// An [`Entity`] with an empty place path.
    fn from(e: ResolvedEntity) -> Entity {
        Entity {
            kind: e.kind,
            name: e.name,
            path: Vec::new(),
            surfaces: e.surfaces,
            count: e.count,
            sentences: Vec::new(),
        }
    }
}

/// Resolves the tagger's mentions of one article into entities.
///
/// `tokens` and `mentions` are byte ranges into `text`, in any order;
/// mentions with invalid ranges are ignored. Entities come in order of
/// first appearance.
///
/// # Example
///
/// ```
/// use newsdex::extract::resolve::resolve;
/// use newsdex::extract::{EntityKind, Mention, Token};
///
/// let text = "Premier Li Qiang spoke. Li left.";
/// // Tokens and mentions come from the tagger; here they are made by hand.
/// let tok = |start, end, sentence_start| Token {
///     start,
///     end,
///     sentence_start,
/// };
/// let tokens = [
///     tok(0, 7, true), tok(8, 10, false), tok(11, 16, false),
///     tok(17, 22, false), tok(22, 23, false), tok(24, 26, true),
///     tok(27, 31, false), tok(31, 32, false),
/// ];
/// let per = |start, end| Mention { kind: EntityKind::Person, start, end };
/// let entities = resolve(text, &tokens, &[per(8, 16), per(24, 26)]);
/// assert_eq!(entities.len(), 1);
/// assert_eq!(entities[0].name, "Li Qiang");
/// assert_eq!(entities[0].surfaces, ["Premier Li Qiang", "Li"]);
/// assert_eq!(entities[0].count, 2);
/// ```
pub fn resolve<'a>(
    text: &'a str,
    tokens: &'a [Token],
    mentions: &[Mention],
) -> Vec<ResolvedEntity> {
    let doc = Doc::new(text, tokens);
    let spans = valid_mentions(text, mentions);
    let mut cands = Vec::new();
    for (i, m) in spans.iter().enumerate() {
        let prev_end = if i == 0 { 0 } else { spans[i - 1].end };
        let next_start =
            spans.get(i + 1).map_or(text.len(), |n| n.start.max(m.end));
        if let Some(c) = doc.candidate(m, prev_end) {
            let acronym = doc.trailing_acronym(&c, m.end, next_start);
            cands.push(c);
            cands.extend(acronym);
        }
    }
    let mut groups = resolve_people(&doc, &spans, &mut cands);
    groups.extend(group_named(&cands));
    groups.extend(group_places(&cands));
    let mut out: Vec<(usize, ResolvedEntity)> = groups
        .into_iter()
        .filter(|g| !g.members.is_empty())
        .map(|g| {
            let mut members = g.members;
            members.sort_by_key(|&i| cands[i].pos);
            let first = cands[members[0]].pos;
            let mut surfaces: Vec<String> = Vec::new();
            for &i in &members {
                if !surfaces.contains(&cands[i].surface) {
                    surfaces.push(cands[i].surface.clone());
                }
            }
            let entity = ResolvedEntity {
                kind: g.kind,
                name: g.name,
                surfaces,
                count: members.len(),
            };
            (first, entity)
        })
        .collect();
    out.sort_by(|a, b| {
        (a.0, a.1.kind, &a.1.name).cmp(&(b.0, b.1.kind, &b.1.name))
    });
    out.into_iter().map(|(_, e)| e).collect()
}

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

/// The acronym of a name: the initials of its capitalised words, skipping
/// "of", "and", "the", "for" and lower-case words; each part of a
/// hyphenated word counts ("Asia-Pacific" -> "AP").
///
/// "Asia-Pacific Economic Cooperation" -> "APEC", "World Trade
/// Organization" -> "WTO". Real acronyms take more than initials
/// ("Association of Southeast Asian Nations" gives "ASAN", not "ASEAN"), so
/// matching uses [`acronym_fits`].
pub fn acronym_of(name: &str) -> String {
    acronym_parts(name).filter_map(|w| w.chars().next()).collect()
}

/// True when `acronym` abbreviates `name`, a name of two significant
/// words or more: each capitalised word (or hyphenated part) of the name,
/// in order, gives its initial and maybe more of its letters. So "ASEAN"
/// fits "Association of Southeast Asian Nations" ("Southeast" gives "SE")
/// and "WTO" fits "World Trade Organization". Dots in the acronym are
/// ignored; letters compare ignoring case.
pub fn acronym_fits(acronym: &str, name: &str) -> bool {
    fn fits(acr: &[char], parts: &[Vec<char>]) -> bool {
        let Some((part, rest)) = parts.split_first() else {
            return acr.is_empty();
        };
        let Some((first, tail)) = acr.split_first() else {
            return false;
        };
        if *first != part[0] {
            return false;
        }
        // Letters of the acronym taken from inside this part: any
        // subsequence of the part's later letters, as a prefix of `tail`.
        let mut take = 0;
        let mut inner = part[1..].iter();
        loop {
            if fits(&tail[take..], rest) {
                return true;
            }
            let Some(next) = tail.get(take) else { return false };
            if !inner.any(|c| c == next) {
                return false;
            }
            take += 1;
        }
    }
    // The first letters must agree: most (acronym, name) pairs differ
    // there and are turned away before anything is collected.
    let first_acr =
        acronym.chars().filter(|c| *c != '.').flat_map(char::to_lowercase);
    let first_name = acronym_parts(name)
        .next()
        .and_then(|w| w.chars().flat_map(char::to_lowercase).next());
    if first_name.is_none() || first_acr.clone().next() != first_name {
        return false;
    }
    let acr: Vec<char> = first_acr.collect();
    let parts: Vec<Vec<char>> = acronym_parts(name)
        .map(|w| w.chars().flat_map(char::to_lowercase).collect())
        .collect();
    parts.len() >= 2 && acr.len() >= 2 && fits(&acr, &parts)
}

/// The capitalised words and hyphenated parts of a name, without "of",
/// "and", "the", "for".
fn acronym_parts(name: &str) -> impl Iterator<Item = &str> {
    name.split(|c: char| c.is_whitespace() || c == '-' || c == '–')
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !is_connective(w))
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// True for "of", "and", "the", "for" in any case
/// (`w.to_lowercase()` is one of them), without allocating for ASCII.
fn is_connective(w: &str) -> bool {
    const WORDS: [&str; 4] = ["of", "and", "the", "for"];
    if w.is_ascii() {
        WORDS.iter().any(|c| c.eq_ignore_ascii_case(w))
    } else {
        WORDS.contains(&w.to_lowercase().as_str())
    }
}

// ---------------------------------------------------------------------
// Candidates: one cleaned mention each.

/// A mention after cleaning: surface, name and context.
#[derive(Clone, Debug)]
struct Cand {
    kind: EntityKind,
    /// Byte offset of the surface, for ordering.
    pos: usize,
    /// The text as written, titles included.
    surface: String,
    /// Name without titles, possessive, leading "the".
    name: String,
    /// True when a title was written before the name.
    has_title: bool,
    /// The title, lower case, without nationality, honorifics and
    /// qualifiers such as "former": "vice premier". Empty if none.
    title: String,
    /// True when the name opens a sentence.
    initial: bool,
    /// "ASEAN" from "Association of Southeast Asian Nations (ASEAN)".
    inline_acronym: Option<String>,
    /// True for surname tokens found by the resolver.
    scanned: bool,
    /// True when the name is a title word ("Premier", "King").
    title_only: bool,
}

/// The article text and its tokens in text order.
struct Doc<'a> {
    text: &'a str,
    /// Non-empty tokens of `text`, by start, one per start.
    tokens: std::borrow::Cow<'a, [Token]>,
}

impl<'a> Doc<'a> {
    fn new(text: &'a str, tokens: &'a [Token]) -> Doc<'a> {
        let good =
            |t: &Token| t.start < t.end && text.get(t.start..t.end).is_some();
        // The tokenizer's tokens are in order already: used as they are.
        let in_order = tokens.iter().all(good)
            && tokens.windows(2).all(|w| w[0].start < w[1].start);
        if in_order {
            return Doc { text, tokens: tokens.into() };
        }
        let mut tokens: Vec<Token> =
            tokens.iter().copied().filter(good).collect();
        tokens.sort_by_key(|t| (t.start, t.end));
        tokens.dedup_by_key(|t| t.start);
        Doc { text, tokens: tokens.into() }
    }

    fn token_text(&self, i: usize) -> &'a str {
        let t = self.tokens[i];
        &self.text[t.start..t.end]
    }

    /// The text between tokens `a` and `b` (empty if they overlap).
    fn gap(&self, a: usize, b: usize) -> &'a str {
        let (a, b) = (self.tokens[a], self.tokens[b]);
        self.text.get(a.end..b.start).unwrap_or("")
    }

    /// Index of the token starting at `pos`.
    fn token_at(&self, pos: usize) -> Option<usize> {
        self.tokens.binary_search_by_key(&pos, |t| t.start).ok()
    }

    /// Start of the sentence holding `pos` (0 if no token says).
    fn sentence_start(&self, pos: usize) -> usize {
        let n = self.tokens.partition_point(|t| t.start <= pos);
        self.tokens[..n]
            .iter()
            .rev()
            .find(|t| t.sentence_start)
            .map_or(0, |t| t.start)
    }

    /// True when the word at `pos` opens a sentence: it follows a sentence
    /// start, ".", "!", "?", ":", a line break, or an opening quote or
    /// bracket (a quotation opens a sentence), maybe with dashes between.
    fn is_initial(&self, pos: usize) -> bool {
        let Some(mut i) = self.token_at(pos) else {
            for c in self.text[..pos].chars().rev() {
                if c == '\n' || ".!?:".contains(c) || QUOTES.contains(c) {
                    return true;
                }
                if !c.is_whitespace() && !DASHES.contains(c) {
                    return false;
                }
            }
            return true;
        };
        loop {
            if self.tokens[i].sentence_start || i == 0 {
                return true;
            }
            if self.gap(i - 1, i).contains('\n') {
                return true;
            }
            let prev = self.token_text(i - 1);
            if matches!(prev, "." | "!" | "?" | ":")
                || (prev.chars().any(|c| QUOTES.contains(c))
                    && prev.chars().all(|c| OPENERS.contains(c)))
            {
                return true;
            }
            if !prev.chars().all(|c| DASHES.contains(c)) {
                return false;
            }
            i -= 1;
        }
    }

    /// Start of a capitalised title written right before `start` (and
    /// after `lo`), or `start` if none: "Vice Premier" before "He".
    fn title_before(&self, lo: usize, start: usize) -> usize {
        let Some(before) = self.text.get(lo..start) else {
            return start;
        };
        if !before.ends_with(char::is_whitespace) {
            return start;
        }
        // A title is at most the last 8 words: read them from the end
        // instead of splitting the whole sentence.
        let mut words = [(0, ""); 8];
        let mut n = 0;
        let last =
            before.rsplit(char::is_whitespace).filter(|w| !w.is_empty());
        for w in last.take(words.len()) {
            words[n] = (offset_in(before, w), w);
            n += 1;
        }
        let words = &mut words[..n];
        words.reverse();
        for j in 0..n {
            let tail = words[j..].iter().map(|w| w.1);
            if title_prefix_len(tail, true) == n - j {
                return lo + words[j].0;
            }
        }
        start
    }

    /// Cleans one mention; `None` for junk.
    fn candidate(&self, m: &Mention, prev_end: usize) -> Option<Cand> {
        let (s, e) = trim_span(self.text, m.start, m.end)?;
        let start = if m.kind == EntityKind::Person {
            let lo = self.sentence_start(s).max(prev_end).min(s);
            self.title_before(lo, s)
        } else {
            s
        };
        self.make_cand(m.kind, start, e, false)
    }

    /// Builds a candidate for the surface `start..end`.
    fn make_cand(
        &self,
        kind: EntityKind,
        start: usize,
        end: usize,
        scanned: bool,
    ) -> Option<Cand> {
        let surface = &self.text[start..end];
        let body = strip_possessive(surface);
        let mut cand = Cand {
            kind,
            pos: start,
            surface: surface.to_string(),
            name: String::new(),
            has_title: false,
            title: String::new(),
            initial: false,
            inline_acronym: None,
            scanned,
            title_only: false,
        };
        let name = match kind {
            EntityKind::Person => {
                let mut name = strip_titles(body).trim();
                if name.is_empty() {
                    // Only a title ("Premier"), or a surname that is a
                    // title word ("King"): kept only if it is a surname.
                    name = body.split_whitespace().last().unwrap_or("");
                    cand.title_only = true;
                }
                if name.split_whitespace().count() > 6 {
                    return None;
                }
                let title = &body[..offset_in(body, name)];
                cand.has_title = !title.trim().is_empty();
                cand.title = normalise_title(title);
                cand.initial = self.is_initial(offset_in(self.text, name));
                name
            }
            EntityKind::Org | EntityKind::Misc => {
                let name = strip_the(body);
                let (name, acronym) = split_inline_acronym(name);
                cand.inline_acronym = acronym;
                name
            }
            EntityKind::Place => body,
        };
        cand.name = single_spaced(name);
        if is_junk(&cand.name) || surface.contains('\n') {
            return None;
        }
        Some(cand)
    }

    /// "(ASEAN)" written right after an org expansion and not tagged: an
    /// extra mention of the acronym.
    fn trailing_acronym(
        &self,
        cand: &Cand,
        end: usize,
        limit: usize,
    ) -> Option<Cand> {
        if !matches!(cand.kind, EntityKind::Org | EntityKind::Misc)
            || cand.inline_acronym.is_some()
        {
            return None;
        }
        let rest = self.text.get(end..limit)?;
        let inner = rest.trim_start().strip_prefix('(')?;
        let close = inner.find(')')?;
        let acronym = &inner[..close];
        if !is_acronym(acronym) || !acronym_fits(acronym, &cand.name) {
            return None;
        }
        let start = offset_in(self.text, acronym);
        self.make_cand(cand.kind, start, start + acronym.len(), false)
    }
}

/// Mentions with valid ranges, sorted, without duplicates or overlaps.
fn valid_mentions(text: &str, mentions: &[Mention]) -> Vec<Mention> {
    let mut out: Vec<Mention> = mentions
        .iter()
        .copied()
        .filter(|m| m.start < m.end && text.get(m.start..m.end).is_some())
        .collect();
    out.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    let mut kept: Vec<Mention> = Vec::with_capacity(out.len());
    for m in out {
        if kept.last().is_none_or(|k| m.start >= k.end) {
            kept.push(m);
        }
    }
    kept
}

/// Trims quotes, brackets and trailing punctuation off a span.
fn trim_span(text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    let raw = &text[start..end];
    let mut s = raw.trim_start_matches(|c: char| {
        c.is_whitespace() || OPENERS.contains(c)
    });
    loop {
        let before = s.len();
        s = s.trim_end();
        if let Some(last) = s.chars().last() {
            let rest = &s[..s.len() - last.len_utf8()];
            let drop = match last {
                ')' => !rest.contains('('),
                ']' => !rest.contains('['),
                '.' => !keeps_final_dot(rest),
                c => CLOSERS.contains(c),
            };
            if drop {
                s = rest;
            }
        }
        if s.len() == before {
            break;
        }
    }
    if s.is_empty() {
        return None;
    }
    let s_start = offset_in(text, s);
    Some((s_start, s_start + s.len()))
}

/// True when the dot after `s` belongs to it: "U.S.", "Inc.", "Jr.".
fn keeps_final_dot(s: &str) -> bool {
    let last = s.rsplit(char::is_whitespace).next().unwrap_or(s);
    last.contains('.')
        || last.chars().count() == 1
        || in_ci(ABBREVIATIONS, last)
}

/// Removes "'s", "’s" or a final apostrophe after "s".
fn strip_possessive(s: &str) -> &str {
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
fn strip_the(s: &str) -> &str {
    match s.get(..4) {
        Some(p) if p.eq_ignore_ascii_case("the ") => s[4..].trim_start(),
        _ => s,
    }
}

/// Splits "Name (ACR)" into name and acronym when the acronym fits.
fn split_inline_acronym(s: &str) -> (&str, Option<String>) {
    let Some(inner) = s.strip_suffix(')') else {
        return (s, None);
    };
    let Some(open) = inner.rfind('(') else {
        return (s, None);
    };
    let name = inner[..open].trim_end();
    let acronym = inner[open + 1..].trim();
    let fits = is_acronym(acronym)
        && (acronym_fits(acronym, name)
            || name.chars().next() == acronym.chars().next());
    if name.is_empty() || !fits {
        return (s, None);
    }
    (name, Some(acronym_key(acronym)))
}

/// The lower-case title without nationality, honorifics and qualifiers.
fn normalise_title(title: &str) -> String {
    let mut out = String::new();
    let mut buf = String::new();
    for w in title.split_whitespace() {
        let w = title_key(w, &mut buf);
        if NATIONALITIES.contains(&w)
            || HONORIFICS.contains(&w)
            || QUALIFIERS.contains(&w)
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

/// `s` with its words joined by single spaces, as
/// `s.split_whitespace().collect::<Vec<_>>().join(" ")` gives it, in one
/// allocation.
fn single_spaced(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// True for names that are no entity.
fn is_junk(name: &str) -> bool {
    name.chars().filter(|c| c.is_alphabetic()).count() < 2
        || !name.chars().any(char::is_uppercase)
        || name.split_whitespace().count() > 10
        || in_ci(BOILERPLATE, name)
}

// ---------------------------------------------------------------------
// Grouping.

/// Mentions (indices into the candidates) of one entity.
struct Group {
    kind: EntityKind,
    name: String,
    members: Vec<usize>,
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
fn resolve_people(
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
fn scan_surnames(doc: &Doc, spans: &[Mention], keys: &[&str]) -> Vec<Cand> {
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
        if !keys.contains(&word) || NOT_SURNAMES.contains(&word) || covered(t)
        {
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
fn is_bare(name: &str) -> bool {
    let mut words = name.split_whitespace();
    let first = words.next().unwrap_or("");
    words.next().is_none()
        || first.chars().next().is_some_and(char::is_lowercase)
}

/// The surname of a full name: its last word, skipping "Jr." and the like.
fn surname_word<S: AsRef<str>>(name: &[S]) -> &str {
    let mut words = name.iter().map(AsRef::as_ref).rev();
    let last = words.next().unwrap_or("");
    match words.next() {
        Some(before) if SUFFIXES.contains(&last) => before,
        _ => last,
    }
}

/// True when `name` ends with `tail`, ignoring case.
fn ends_with(name: &[String], tail: &[&str]) -> bool {
    name.len() >= tail.len()
        && name[name.len() - tail.len()..]
            .iter()
            .zip(tail)
            .all(|(a, b)| eq_ci(a, b))
}

/// True when only spaces separate tokens `a` and `b`.
fn adjacent(doc: &Doc, a: usize, b: usize) -> bool {
    doc.gap(a, b).chars().all(|c| c == ' ' || c == '\t')
}

/// Groups organisation and misc candidates by name, then merges acronyms
/// into their expansion.
fn group_named(cands: &[Cand]) -> Vec<Group> {
    struct Named {
        group: Group,
        lower: String,
        /// The letters, when the name is an acronym.
        acronym: Option<String>,
        /// The acronym written in parentheses after the name.
        inline: Option<String>,
        merged: bool,
    }
    let mut named: Vec<Named> = Vec::new();
    for (i, c) in cands.iter().enumerate() {
        if !matches!(c.kind, EntityKind::Org | EntityKind::Misc) {
            continue;
        }
        let lower = c.name.to_lowercase();
        if let Some(n) = named.iter_mut().find(|n| n.lower == lower) {
            n.group.members.push(i);
            if c.kind == EntityKind::Org {
                n.group.kind = EntityKind::Org;
            }
            if n.inline.is_none() {
                n.inline.clone_from(&c.inline_acronym);
            }
            continue;
        }
        named.push(Named {
            group: Group {
                kind: c.kind,
                name: c.name.clone(),
                members: vec![i],
            },
            lower,
            acronym: is_acronym(&c.name).then(|| acronym_key(&c.name)),
            inline: c.inline_acronym.clone(),
            merged: false,
        });
    }
    for a in 0..named.len() {
        let Some(acr) = named[a].acronym.clone() else { continue };
        let targets: Vec<usize> = (0..named.len())
            .filter(|&e| {
                let n = &named[e];
                n.acronym.is_none()
                    && (n.inline.as_deref() == Some(acr.as_str())
                        || acronym_fits(&acr, &n.group.name))
            })
            .collect();
        if let [e] = targets[..] {
            let members = std::mem::take(&mut named[a].group.members);
            named[e].group.members.extend(members);
            if named[a].group.kind == EntityKind::Org {
                named[e].group.kind = EntityKind::Org;
            }
            named[a].merged = true;
        }
    }
    named.into_iter().filter(|n| !n.merged).map(|n| n.group).collect()
}

/// One group per distinct place name.
fn group_places(cands: &[Cand]) -> Vec<Group> {
    let mut out: Vec<Group> = Vec::new();
    for (i, c) in cands.iter().enumerate() {
        if c.kind != EntityKind::Place {
            continue;
        }
        match out.iter_mut().find(|g| g.name == c.name) {
            Some(g) => g.members.push(i),
            None => out.push(Group {
                kind: EntityKind::Place,
                name: c.name.clone(),
                members: vec![i],
            }),
        }
    }
    out
}

// ---------------------------------------------------------------------
// Words.

/// Two full names of one person: same first and last word, and the
/// shorter is a subsequence of the longer ("Donald Trump", "Donald J.
/// Trump"). Ignores case.
fn same_person<A: AsRef<str>, B: AsRef<str>>(a: &[A], b: &[B]) -> bool {
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
fn title_prefix_len<'w>(
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
            || (after_of && QUALIFIERS_TITLE.contains(&w))
        {
            valid = i + 1;
        } else if !(QUALIFIERS_TITLE.contains(&w)
            || QUALIFIERS.contains(&w)
            || NATIONALITIES.contains(&w))
        {
            break;
        }
    }
    valid
}

/// True for any word that may be part of a title.
fn is_title_word(word: &str) -> bool {
    let mut buf = String::new();
    let w = title_key(word, &mut buf);
    CORE_TITLES.contains(&w)
        || QUALIFIERS_TITLE.contains(&w)
        || QUALIFIERS.contains(&w)
        || NATIONALITIES.contains(&w)
}

/// A word as the title lists spell it: lower case, "’" as "'"
/// (`word.to_lowercase().replace('’', "'")`). Written into `buf` unless
/// the word is lower-case ASCII already, so that most words cost no
/// allocation.
fn title_key<'b>(word: &'b str, buf: &'b mut String) -> &'b str {
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

/// An acronym: 2 to 10 upper-case letters, dots allowed ("U.N.").
fn is_acronym(s: &str) -> bool {
    // The letters of `acronym_key(s)`, counted without building it.
    let letters = s.chars().filter(|c| *c != '.').count();
    (2..=10).contains(&letters)
        && s.chars().all(|c| c.is_uppercase() || c == '.')
}

/// The letters of an acronym: "U.N." -> "UN".
fn acronym_key(s: &str) -> String {
    s.chars().filter(|c| *c != '.').collect()
}

/// Byte offset of `inner`, a subslice of `outer`, in `outer`.
fn offset_in(outer: &str, inner: &str) -> usize {
    inner.as_ptr() as usize - outer.as_ptr() as usize
}

/// Equal ignoring case, without allocating.
fn eq_ci(a: &str, b: &str) -> bool {
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
fn in_ci(list: &[&str], word: &str) -> bool {
    if word.is_ascii() {
        list.iter().any(|w| w.eq_ignore_ascii_case(word))
    } else {
        list.iter().any(|w| eq_ci(w, word))
    }
}

fn push_unique(v: &mut Vec<usize>, k: usize) {
    if !v.contains(&k) {
        v.push(k);
    }
}

// ---------------------------------------------------------------------
// Word lists.

const OPENERS: &str = "\"“‘'([{«-–—";
const QUOTES: &str = "\"“‘'([{«";
const DASHES: &str = "-–—";
const CLOSERS: &str = ",;:!?\"”’'}»";

/// Abbreviations that keep their final dot.
#[rustfmt::skip]
const ABBREVIATIONS: &[&str] = &[
    "inc", "corp", "co", "ltd", "bros", "jr", "sr", "st", "dept", "no", "mr",
    "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "prof", "rev",
];

/// Titles that can stand right before a name (lower case).
#[rustfmt::skip]
const CORE_TITLES: &[&str] = &[
    "president", "premier", "minister", "secretary", "representative",
    "chairman", "chairwoman", "chairperson", "chair", "ceo", "cfo", "coo",
    "executive", "governor", "gov", "gov.", "senator", "sen", "sen.", "rep",
    "rep.", "congressman", "congresswoman", "lawmaker", "king", "queen",
    "pope", "sheikh", "sheik", "emir", "prince", "princess", "emperor",
    "empress", "sultan", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.",
    "prof", "prof.", "professor", "sir", "dame", "lord", "lady", "mayor",
    "ambassador", "envoy", "chancellor", "speaker", "director", "commissioner",
    "judge", "justice", "general", "gen.", "admiral", "colonel", "col.",
    "captain", "capt.", "commander", "spokesman", "spokeswoman",
    "spokesperson", "negotiator", "adviser", "advisor", "leader", "chief",
    "secretary-general", "director-general", "president-elect",
    "vice-president", "vice-premier", "attorney-general", "treasurer",
    "governor-general", "rev.", "reverend", "cardinal", "archbishop", "bishop",
    "rabbi", "imam", "ayatollah", "founder", "co-founder", "mp", "mep",
];

/// Words that are part of a title only before a core title, or after
/// "of" ("Secretary of State").
#[rustfmt::skip]
const QUALIFIERS_TITLE: &[&str] = &[
    "vice", "deputy", "prime", "crown", "assistant", "associate", "under",
    "foreign", "finance", "treasury", "trade", "commerce", "defence",
    "defense", "interior", "home", "state", "economy", "economic", "energy",
    "health", "labor", "labour", "education", "agriculture", "transport",
    "transportation", "attorney", "surgeon", "lieutenant", "majority",
    "minority", "house", "senate", "supreme", "press", "white", "national",
    "security", "federal", "reserve", "fed", "central", "bank", "party",
    "opposition", "army", "military", "police", "executive", "managing",
    "general", "chief", "communist", "foreign-affairs", "climate",
    "environment", "justice", "industry", "technology", "information",
    "international", "affairs", "court", "council", "cabinet", "union",
    "company", "group",
];

/// Qualifiers dropped from normalised titles.
#[rustfmt::skip]
const QUALIFIERS: &[&str] = &[
    "former", "acting", "then", "late", "incoming", "outgoing", "interim",
    "top", "senior", "new",
];

/// Honorifics: titles that say nothing about the office.
#[rustfmt::skip]
const HONORIFICS: &[&str] = &[
    "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "dame",
    "prof", "prof.", "professor",
];

/// Nationalities and country names that may open a title ("US
/// President"), lower case.
#[rustfmt::skip]
const NATIONALITIES: &[&str] = &[
    "us", "u.s.", "u.s", "usa", "uk", "u.k.", "eu", "un", "u.n.", "american",
    "british", "chinese", "china's", "japanese", "japan's", "russian",
    "russia's", "french", "german", "indian", "india's", "malaysian",
    "malaysia's", "korean", "south", "north", "australian", "canadian",
    "italian", "spanish", "israeli", "iranian", "ukrainian", "taiwanese",
    "taiwan's", "vietnamese", "thai", "indonesian", "philippine", "filipino",
    "singaporean", "singapore's", "turkish", "saudi", "brazilian", "mexican",
    "european", "pakistani", "egyptian", "america's", "britain's", "iraqi",
    "syrian", "afghan", "nigerian", "kenyan", "polish", "dutch", "swedish",
    "norwegian", "irish",
];

/// Common Chinese, Korean and Vietnamese family names, written first.
#[rustfmt::skip]
const FAMILY_FIRST: &[&str] = &[
    "Li", "Wang", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu",
    "Zhou", "Xu", "Sun", "Ma", "Zhu", "Hu", "Guo", "He", "Gao", "Lin", "Luo",
    "Zheng", "Liang", "Xi", "Han", "Tang", "Feng", "Deng", "Cao", "Peng",
    "Zeng", "Xiao", "Tian", "Dong", "Pan", "Yuan", "Cai", "Jiang", "Yu", "Du",
    "Ye", "Cheng", "Wei", "Su", "Lu", "Ding", "Ren", "Shen", "Yao", "Mao",
    "Wen", "Bo", "Qin", "Xie", "Fu", "Fan", "Fang", "Shi", "Kong", "Lai",
    "Tsai", "Chiang", "Ko", "Wong", "Chan", "Leung", "Cheung", "Lam", "Ng",
    "Ho", "Lee", "Kim", "Park", "Choi", "Moon", "Yoon", "Kang", "Jung",
    "Jeong", "Cho", "Yoo", "Lim", "Shin", "Oh", "Kwon", "Hwang", "Ahn", "Song",
    "Hong", "Nguyen", "Tran", "Le", "Pham", "Hoang", "Phan", "Vu", "Vo",
    "Dang", "Bui", "Do", "Ngo", "Duong", "Ly",
];

/// One-word names that are also common English words: at the start of a
/// sentence without a title they are not names.
#[rustfmt::skip]
const PRONOUN_LIKE: &[&str] = &[
    "He", "She", "It", "We", "They", "I", "You", "His", "Her", "Him", "Its",
    "Our", "Their", "Me", "Do", "So", "No", "An", "Oh", "Ye", "Go", "On", "In",
    "At", "As", "If", "Or", "Le",
];

/// Generational suffixes after a surname.
const SUFFIXES: &[&str] = &["Jr", "Jr.", "Sr", "Sr.", "II", "III", "IV"];

/// Capitalised words never taken for a surname when scanning tokens.
#[rustfmt::skip]
const NOT_SURNAMES: &[&str] = &[
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December", "Monday", "Tuesday",
    "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "I",
];

/// Page furniture that taggers pick up as names.
#[rustfmt::skip]
const BOILERPLATE: &[&str] = &[
    "Latest News", "Breaking News", "Top News", "More News", "Top Stories",
    "Related News", "Related Articles", "Related Stories", "Read More",
    "Read Next", "Most Read", "Most Popular", "Editor's Picks",
    "Advertisement", "Sponsored", "Sponsored Content", "Sign Up", "Subscribe",
    "Newsletter", "Share", "Share This", "Follow Us", "Click Here",
    "Copyright", "All Rights Reserved", "Privacy Policy", "Terms of Use",
    "Cookie Policy", "File Photo", "Photo", "Video", "Watch", "Live",
    "Updated", "Loading", "Comments", "Home", "Menu", "Search", "Trending",
    "Skip to Content", "Back to Top",
];

#[cfg(test)]
mod tests {
    use super::*;
    use EntityKind::{Misc, Org, Person as Per, Place};

    #[test]
    fn title_keys_are_lower_case() {
        let mut buf = String::new();
        for w in ["President", "vice", "China’s", "ÉMIR", "Σ", "ex-PM"] {
            let want = w.to_lowercase().replace('’', "'");
            assert_eq!(title_key(w, &mut buf), want);
        }
    }

    #[test]
    fn single_spaced_names() {
        for s in [
            "Li Qiang",
            " Li  Qiang\n",
            "Li\u{a0}Qiang",
            "",
            "  ",
            " ",
            "Li ",
            " Li",
            "Li  Qiang",
            "A B C",
            "Li\tQiang",
        ] {
            let want = s.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(single_spaced(s), want, "{s:?}");
        }
    }

    #[test]
    fn connectives_in_any_case() {
        for w in ["of", "OF", "And", "the", "FOR", "Of", "off", "", "Ünd"] {
            let want = matches!(
                w.to_lowercase().as_str(),
                "of" | "and" | "the" | "for"
            );
            assert_eq!(is_connective(w), want, "{w:?}");
        }
    }

    #[test]
    fn case_blind_lists_are_ascii() {
        // `in_ci` relies on it.
        for list in [ABBREVIATIONS, BOILERPLATE, FAMILY_FIRST] {
            assert!(list.iter().all(|w| w.is_ascii()));
        }
    }

    /// Splits `text` into words (letters and digits, with inner
    /// apostrophes, hyphens and dots; a final dot for abbreviations) and
    /// single punctuation marks. A token opens a sentence after ".", "!",
    /// "?" or a line break.
    fn tokenize(text: &str) -> Vec<Token> {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let mut out: Vec<Token> = Vec::new();
        let mut i = 0;
        let mut newline = true;
        while i < chars.len() {
            let (start, c) = chars[i];
            if c.is_whitespace() {
                newline |= c == '\n';
                i += 1;
                continue;
            }
            let mut j = i + 1;
            if c.is_alphanumeric() {
                while j < chars.len() {
                    let d = chars[j].1;
                    let inner = "'’-.".contains(d)
                        && chars
                            .get(j + 1)
                            .is_some_and(|n| n.1.is_alphanumeric());
                    if d.is_alphanumeric() || inner {
                        j += 1;
                    } else {
                        break;
                    }
                }
                let word =
                    &text[start..chars.get(j).map_or(text.len(), |c| c.0)];
                let abbreviation = word.contains('.')
                    || ["Mr", "Mrs", "Ms", "Dr", "Sen", "Jr"].contains(&word);
                if abbreviation && chars.get(j).is_some_and(|c| c.1 == '.') {
                    j += 1;
                }
            }
            let end = chars.get(j).map_or(text.len(), |c| c.0);
            let after_stop = out.last().is_some_and(|t| {
                matches!(&text[t.start..t.end], "." | "!" | "?")
            });
            out.push(Token {
                start,
                end,
                sentence_start: newline || after_stop,
            });
            newline = false;
            i = j;
        }
        out
    }

    /// Marks mentions in order: each `(kind, pattern)` is searched after
    /// the previous mark. A pattern may give context with brackets:
    /// "saw [Li] arrive" marks "Li". Without brackets, it marks the next
    /// whole-word occurrence.
    fn mark(text: &str, marks: &[(EntityKind, &str)]) -> Vec<Mention> {
        let mut from = 0;
        let mut out = Vec::new();
        for &(kind, pattern) in marks {
            let (before, rest) =
                pattern.split_once('[').unwrap_or(("", pattern));
            let (inside, after) = rest.split_once(']').unwrap_or((rest, ""));
            let needle = format!("{before}{inside}{after}");
            let at = (from..text.len())
                .filter(|&p| text.is_char_boundary(p))
                .find(|&p| {
                    let s = p + before.len();
                    let e = s + inside.len();
                    text[p..].starts_with(&needle)
                        && !text[..s].ends_with(char::is_alphanumeric)
                        && !text[e..].starts_with(char::is_alphanumeric)
                })
                .unwrap_or_else(|| panic!("mark not found: {pattern:?}"));
            let start = at + before.len();
            out.push(Mention { kind, start, end: start + inside.len() });
            from = start + inside.len();
        }
        out
    }

    fn render(e: &ResolvedEntity) -> String {
        format!(
            "{:?} {} x{} [{}]",
            e.kind,
            e.name,
            e.count,
            e.surfaces.join(" | ")
        )
    }

    /// Resolves `text` with the marked mentions; `expected` has one
    /// rendered entity per line: `Kind name xCOUNT [surface | surface]`.
    #[track_caller]
    fn check(text: &str, marks: &[(EntityKind, &str)], expected: &str) {
        let tokens = tokenize(text);
        let mentions = mark(text, marks);
        let got: Vec<String> =
            resolve(text, &tokens, &mentions).iter().map(render).collect();
        let want: Vec<&str> = expected
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        assert_eq!(got, want, "\ntext: {text}");
    }

    #[test]
    fn western_surname_gets_longest_full_name() {
        check(
            "U.S. President Donald Trump spoke. Later President Trump \
             left, and Trump's aides said Mr. Trump was tired.",
            &[
                (Per, "Donald Trump"),
                (Per, "Trump"),
                (Per, "Trump's"),
                (Per, "Trump"),
            ],
            "Person Donald Trump x4 [U.S. President Donald Trump | \
             President Trump | Trump's | Mr. Trump]",
        );
    }

    #[test]
    fn title_inside_span_is_stripped() {
        check(
            "Talks with Treasury Secretary Scott Bessent went on. Bessent \
             smiled.",
            &[(Per, "Treasury Secretary Scott Bessent"), (Per, "Bessent")],
            "Person Scott Bessent x2 [Treasury Secretary Scott Bessent | \
             Bessent]",
        );
        check(
            "He met U.S. Trade Representative Jamieson Greer on Friday.",
            &[(Per, "U.S. Trade Representative Jamieson Greer")],
            "Person Jamieson Greer x1 \
             [U.S. Trade Representative Jamieson Greer]",
        );
    }

    #[test]
    fn tagged_place_before_title_stays_a_place() {
        check(
            "Talks with US Trade Representative Jamieson Greer ended.",
            &[(Place, "US"), (Per, "Jamieson Greer")],
            "Place US x1 [US]
             Person Jamieson Greer x1 [Trade Representative Jamieson Greer]",
        );
    }

    #[test]
    fn longer_full_name_wins_and_merges() {
        check(
            "Donald Trump arrived. Donald J. Trump spoke. Trump left.",
            &[(Per, "Donald Trump"), (Per, "Donald J. Trump"), (Per, "Trump")],
            "Person Donald J. Trump x3 \
             [Donald Trump | Donald J. Trump | Trump]",
        );
    }

    #[test]
    fn chinese_family_name_first() {
        check(
            "Chinese President Xi Jinping will travel. Xi's plane landed \
             and Xi spoke.",
            &[(Per, "Xi Jinping"), (Per, "Xi's"), (Per, "Xi")],
            "Person Xi Jinping x3 [Chinese President Xi Jinping | Xi's | Xi]",
        );
    }

    #[test]
    fn only_li_named_in_full_gets_bare_li() {
        check(
            "Negotiator Li Chenggang flew in. Reporters saw Li arrive.",
            &[(Per, "Li Chenggang"), (Per, "Li")],
            "Person Li Chenggang x2 [Negotiator Li Chenggang | Li]",
        );
    }

    #[test]
    fn two_lis_make_bare_li_ambiguous() {
        check(
            "Premier Li Qiang hosted the talks and Li Chenggang led the \
             delegation. Reporters saw Li arrive.",
            &[(Per, "Li Qiang"), (Per, "Li Chenggang"), (Per, "Li")],
            "Person Li Qiang x1 [Premier Li Qiang]
             Person Li Chenggang x1 [Li Chenggang]",
        );
    }

    #[test]
    fn title_breaks_a_surname_tie() {
        check(
            "Premier Li Qiang hosted the talks and Li Chenggang led the \
             delegation. Later Premier Li spoke.",
            &[(Per, "Li Qiang"), (Per, "Li Chenggang"), (Per, "Li")],
            "Person Li Qiang x2 [Premier Li Qiang | Premier Li]
             Person Li Chenggang x1 [Li Chenggang]",
        );
    }

    #[test]
    fn surname_he_mid_sentence_found_by_scanning() {
        check(
            "Vice Premier He Lifeng led the team. A witness saw Li arriving \
             alongside He earlier. He smiled at reporters. Li Chenggang \
             declined to comment.",
            &[(Per, "He Lifeng"), (Per, "saw [Li]"), (Per, "Li Chenggang")],
            "Person He Lifeng x2 [Vice Premier He Lifeng | He]
             Person Li Chenggang x2 [Li | Li Chenggang]",
        );
    }

    #[test]
    fn sentence_initial_he_is_a_pronoun_even_when_tagged() {
        check(
            "Vice Premier He Lifeng arrived. He said the talks were good. \
             \"He will return,\" an aide said.",
            &[(Per, "He Lifeng"), (Per, "He"), (Per, "He")],
            "Person He Lifeng x1 [Vice Premier He Lifeng]",
        );
    }

    #[test]
    fn title_before_sentence_initial_surname_makes_it_a_name() {
        check(
            "He Lifeng arrived. Vice Premier He said little. Mr. He left.",
            &[(Per, "He Lifeng")],
            "Person He Lifeng x3 [He Lifeng | Vice Premier He | Mr. He]",
        );
        check(
            "He Lifeng arrived. Vice Premier He said little.",
            &[(Per, "He Lifeng"), (Per, "He")],
            "Person He Lifeng x2 [He Lifeng | Vice Premier He]",
        );
    }

    #[test]
    fn he_opening_a_quotation_is_a_pronoun() {
        check(
            "He Lifeng arrived. An aide said, \"He will come back,\" and \
             left (He was tired).",
            &[(Per, "He Lifeng")],
            "Person He Lifeng x1 [He Lifeng]",
        );
    }

    #[test]
    fn he_without_full_name_is_never_a_person() {
        check(
            "The minister met Li yesterday alongside He and others. He left.",
            &[(Per, "Li"), (Per, "He"), (Per, "He")],
            "Person Li x1 [Li]",
        );
    }

    #[test]
    fn scanning_skips_names_months_and_sentence_starts() {
        check(
            "Theresa May spoke in May. Trump met Melania Trump and Trump \
             Tower staff. May agreed. Later Trump said no.",
            &[(Per, "Theresa May"), (Per, "Trump"), (Per, "Melania Trump")],
            "Person Theresa May x1 [Theresa May]
             Person Melania Trump x2 [Trump | Melania Trump]",
        );
    }

    #[test]
    fn bare_surname_at_sentence_start_is_fine_when_tagged() {
        check(
            "Scott Bessent spoke. Bessent said talks went well.",
            &[(Per, "Scott Bessent"), (Per, "Bessent")],
            "Person Scott Bessent x2 [Scott Bessent | Bessent]",
        );
    }

    #[test]
    fn first_word_match_by_evidence() {
        check(
            "Prime Minister Anwar Ibrahim hosted the summit. Anwar said \
             talks were useful, and later Anwar left.",
            &[(Per, "Anwar Ibrahim"), (Per, "[Anwar] said")],
            "Person Anwar Ibrahim x3 [Prime Minister Anwar Ibrahim | Anwar]",
        );
    }

    #[test]
    fn korean_family_name() {
        check(
            "President Lee Jae-myung met Kim Jong Un's envoy; Lee said \
             Kim would wait.",
            &[(Per, "Lee Jae-myung"), (Per, "Kim Jong Un's"), (Per, "Lee")],
            "Person Lee Jae-myung x2 [President Lee Jae-myung | Lee]
             Person Kim Jong Un x2 [Kim Jong Un's | Kim]",
        );
    }

    #[test]
    fn particles_and_suffixes() {
        check(
            "Ursula von der Leyen spoke. Later von der Leyen left. Martin \
             Luther King Jr. was cited; King had marched. Mohammed bin \
             Salman met bin Laden's family.",
            &[
                (Per, "Ursula von der Leyen"),
                (Per, "von der Leyen"),
                (Per, "Martin Luther King Jr."),
                (Per, "King"),
                (Per, "Mohammed bin Salman"),
                (Per, "bin Laden's"),
            ],
            "Person Ursula von der Leyen x2 \
             [Ursula von der Leyen | von der Leyen]
             Person Martin Luther King Jr. x2 [Martin Luther King Jr. | King]
             Person Mohammed bin Salman x1 [Mohammed bin Salman]
             Person bin Laden x1 [bin Laden's]",
        );
    }

    #[test]
    fn title_only_and_junk_are_dropped() {
        check(
            "The Premier spoke. A said nothing. -- Latest News",
            &[(Per, "Premier"), (Per, "A"), (Org, "--"), (Org, "Latest News")],
            "",
        );
    }

    #[test]
    fn acronym_and_expansion_merge() {
        check(
            "Leaders of the Association of Southeast Asian Nations met. \
             ASEAN's chair spoke. An Asia-Pacific Economic Cooperation \
             summit follows; APEC members agree.",
            &[
                (Org, "Association of Southeast Asian Nations"),
                (Org, "ASEAN's"),
                (Misc, "Asia-Pacific Economic Cooperation"),
                (Org, "APEC"),
            ],
            "Org Association of Southeast Asian Nations x2 \
             [Association of Southeast Asian Nations | ASEAN's]
             Org Asia-Pacific Economic Cooperation x2 \
             [Asia-Pacific Economic Cooperation | APEC]",
        );
    }

    #[test]
    fn acronym_in_parentheses() {
        check(
            "The Association of Southeast Asian Nations (ASEAN) met. \
             ASEAN agreed.",
            &[
                (Org, "Association of Southeast Asian Nations (ASEAN)"),
                (Org, "ASEAN"),
            ],
            "Org Association of Southeast Asian Nations x2 \
             [Association of Southeast Asian Nations (ASEAN) | ASEAN]",
        );
        check(
            "The World Trade Organization (WTO) ruled. The WTO's rules.",
            &[(Org, "World Trade Organization"), (Org, "WTO's")],
            "Org World Trade Organization x3 [World Trade Organization | \
             WTO | WTO's]",
        );
    }

    #[test]
    fn acronym_alone_stays_acronym_and_the_is_stripped() {
        check(
            "The WTO ruled. Officials at the Treasury and the WTO agreed.",
            &[(Org, "WTO"), (Org, "the Treasury"), (Org, "WTO")],
            "Org WTO x2 [WTO]
             Org Treasury x1 [the Treasury]",
        );
    }

    #[test]
    fn places_pass_through() {
        check(
            "Kuala Lumpur's tower is tall. Talks in Kuala Lumpur ended.",
            &[(Place, "Kuala Lumpur's"), (Place, "Kuala Lumpur")],
            "Place Kuala Lumpur x2 [Kuala Lumpur's | Kuala Lumpur]",
        );
    }

    #[test]
    fn article_with_all_traps() {
        let text = "US President Donald Trump and Chinese President Xi \
            Jinping may meet next week.\n\
            Talks at the Association of Southeast Asian Nations summit \
            could help, after Trump threatened new tariffs.\n\
            The truce was built by Treasury Secretary Scott Bessent and \
            Vice Premier He Lifeng.\n\
            He smiled but said nothing as he left.\n\
            China's trade envoy Li Chenggang also attended. A cameraman \
            saw Li arrive alongside He before noon.\n\
            Trump's plane left for an APEC meeting, where Trump and Xi \
            hope to talk. \"We have a lot to discuss with President Xi,\" \
            Trump said.\n\
            He said Bessent would join him.\n\
            Latest News";
        let marks = [
            (Place, "US"),
            (Per, "Donald Trump"),
            (Misc, "Chinese"),
            (Per, "Xi Jinping"),
            (Org, "Association of Southeast Asian Nations"),
            (Per, "Trump"),
            (Org, "Treasury"),
            (Per, "Scott Bessent"),
            (Per, "He Lifeng"),
            (Per, "[He] smiled"),
            (Place, "China's"),
            (Per, "Li Chenggang"),
            (Per, "Li"),
            (Per, "Trump's"),
            (Org, "APEC"),
            (Per, "Trump"),
            (Per, "Xi"),
            (Per, "Xi"),
            (Per, "Trump"),
            (Per, "[He] said Bessent"),
            (Per, "Bessent"),
            (Org, "Latest News"),
        ];
        check(
            text,
            &marks,
            "Place US x1 [US]
             Person Donald Trump x5 [President Donald Trump | Trump | \
             Trump's]
             Misc Chinese x1 [Chinese]
             Person Xi Jinping x3 [President Xi Jinping | Xi | President Xi]
             Org Association of Southeast Asian Nations x1 \
             [Association of Southeast Asian Nations]
             Org Treasury x1 [Treasury]
             Person Scott Bessent x2 [Secretary Scott Bessent | Bessent]
             Person He Lifeng x2 [Vice Premier He Lifeng | He]
             Place China x1 [China's]
             Person Li Chenggang x2 [Li Chenggang | Li]
             Org APEC x1 [APEC]",
        );
    }

    #[test]
    fn bad_offsets_and_odd_text_do_not_panic() {
        let text = "«Xi’s» visit — He Lifeng met Li. Ünal Çelik’s aides’ \
                    (WTO) said: He left. Mr. He. A (B) ))";
        let tokens = tokenize(text);
        let kinds = [Per, Org, Misc, Place];
        // A small linear congruential generator: deterministic ranges,
        // many not on char boundaries or out of bounds.
        let mut seed: u64 = 7;
        let mut next = |n: usize| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
            (seed >> 33) as usize % n
        };
        for _ in 0..2000 {
            let mentions: Vec<Mention> = (0..next(8))
                .map(|_| {
                    let start = next(text.len() + 4);
                    Mention {
                        kind: kinds[next(4)],
                        start,
                        end: start + next(24),
                    }
                })
                .collect();
            let mut toks = tokens.clone();
            if next(2) == 0 {
                let start = next(text.len() + 2);
                toks.push(Token {
                    start,
                    end: start + next(6),
                    sentence_start: true,
                });
            }
            for e in resolve(text, &toks, &mentions) {
                assert!(!e.name.is_empty() && e.count >= 1);
            }
        }
    }

    #[test]
    fn strip_titles_cases() {
        #[track_caller]
        fn check_strip(input: &str, want: &str) {
            assert_eq!(strip_titles(input), want, "input: {input}");
        }
        check_strip("Vice Premier He Lifeng", "He Lifeng");
        check_strip(
            "U.S. Trade Representative Jamieson Greer",
            "Jamieson Greer",
        );
        check_strip("Secretary of State Marco Rubio", "Marco Rubio");
        check_strip(
            "Secretary of the Treasury Scott Bessent",
            "Scott Bessent",
        );
        check_strip("Mr. Trump", "Trump");
        check_strip("Sen. Ted Cruz", "Ted Cruz");
        check_strip("former President Barack Obama", "Barack Obama");
        check_strip("Prime Minister", "");
        check_strip("Premier", "");
        check_strip("Trade Li", "Trade Li");
        check_strip("John Major", "John Major");
        check_strip("Xi Jinping", "Xi Jinping");
        check_strip("King Charles", "Charles");
        check_strip("Chief Executive Tim Cook", "Tim Cook");
        check_strip("Pope Leo", "Leo");
        check_strip("Sheikh Mohammed", "Mohammed");
    }

    #[test]
    fn acronym_of_cases() {
        #[track_caller]
        fn check_acronym(input: &str, want: &str) {
            assert_eq!(acronym_of(input), want, "input: {input}");
        }
        check_acronym("Association of Southeast Asian Nations", "ASAN");
        check_acronym("Asia-Pacific Economic Cooperation", "APEC");
        check_acronym("World Trade Organization", "WTO");
        check_acronym("North Atlantic Treaty Organization", "NATO");
        check_acronym(
            "Organisation for Economic Co-operation and Development",
            "OECD",
        );
        check_acronym("Bank of the West", "BW");
    }

    #[test]
    fn acronym_fits_cases() {
        #[track_caller]
        fn check_fits(acronym: &str, name: &str, want: bool) {
            let got = acronym_fits(acronym, name);
            assert_eq!(got, want, "acronym {acronym:?} name {name:?}");
        }
        check_fits("ASEAN", "Association of Southeast Asian Nations", true);
        check_fits("APEC", "Asia-Pacific Economic Cooperation", true);
        check_fits("WTO", "World Trade Organization", true);
        check_fits("U.N.", "United Nations", true);
        check_fits("USA", "United States", true);
        check_fits(
            "OECD",
            "Organisation for Economic Co-operation and Development",
            true,
        );
        check_fits("WHO", "World Trade Organization", false);
        check_fits("ADB", "Association of Southeast Asian Nations", false);
        check_fits("AN", "Association of Southeast Asian Nations", false);
        check_fits("RT", "Reuters", false);
        check_fits("W", "World Trade", false);
    }

    #[test]
    fn name_matches_cases() {
        #[track_caller]
        fn check_match(query: &str, canonical: &str, want: bool) {
            assert_eq!(
                name_matches(query, canonical),
                want,
                "query {query:?} canonical {canonical:?}"
            );
        }
        check_match("Donald Trump", "Donald Trump", true);
        check_match("donald trump", "Donald Trump", true);
        check_match("Trump", "Donald Trump", true);
        check_match("Trump's", "Donald Trump", true);
        check_match("Donald", "Donald Trump", false);
        check_match("Xi", "Xi Jinping", true);
        check_match("President Xi", "Xi Jinping", true);
        check_match("Jinping", "Xi Jinping", true);
        check_match("Li", "Li Chenggang", true);
        check_match("Chenggang Li", "Li Chenggang", false);
        check_match("Donald Trump", "Donald J. Trump", true);
        check_match("Vice Premier He Lifeng", "He Lifeng", true);
        check_match("ASEAN", "Association of Southeast Asian Nations", true);
        check_match("the WTO", "World Trade Organization", true);
        check_match("wto", "World Trade Organization", false);
        check_match("Premier", "Li Qiang", false);
        check_match("", "Li Qiang", false);
        check_match("Bessent", "Scott Bessent", true);
        check_match("Greer", "Scott Bessent", false);
    }
}
