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
//! - No I/O; the word lists (titles, family names, boilerplate) are in
//!   `extract::lexicon`.
//!
//! # Files
//!
//! - `mod.rs`: [`resolve`], the candidates (one cleaned mention each),
//!   and the grouping of places;
//! - `people.rs`: titles, surnames and full names of people;
//! - `orgs.rs`: organisations and their acronyms.

use crate::extract::lexicon::{
    BODY_HEADS, BODY_QUALIFIERS, COMMON_NOUN_ACRONYMS, FUNCTION_WORDS,
    GENERIC_ORG_WORDS, NAME_ABBREVIATIONS, NAME_BOILERPLATE, NOT_PERSON_WORDS,
    SIGN_OFFS,
};
use crate::extract::text::{
    acronym_key, in_ci, is_acronym, is_legal_suffix, offset_in, single_spaced,
    strip_possessive, strip_the,
};
use crate::extract::{Entity, EntityKind, Mention, Token};

mod orgs;
mod people;
#[cfg(test)]
mod tests;

pub use orgs::{acronym_fits, acronym_of};
use orgs::{group_named, split_inline_acronym};
pub(crate) use people::is_family_first;
pub use people::{name_matches, strip_titles};
use people::{normalise_title, resolve_people, title_prefix_len};

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
            salience: 0,
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
        if let Some(mut c) = doc.candidate(m, prev_end) {
            if c.kind == EntityKind::Org && c.inline_acronym.is_none() {
                c.inline_acronym = bracketed_ticker(&text[m.end..]);
            }
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
        cand.name = single_spaced(strip_ticker(name));
        if is_junk(&cand.name)
            || is_junk_of_kind(kind, &cand.name)
            || surface.contains('\n')
            || self.is_ticker(start, end)
        {
            return None;
        }
        Some(cand)
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
        || in_ci(NAME_ABBREVIATIONS, last)
}

impl Doc<'_> {
    /// True when `start..end` is a stock ticker in brackets, as wire
    /// copy writes them after a company: "Exxon Mobil ( XOM.N )".
    fn is_ticker(&self, start: usize, end: usize) -> bool {
        let before = self.text[..start].trim_end().ends_with('(');
        let after = self.text[end..].trim_start().starts_with(')');
        before && after && is_ticker(&self.text[start..end])
    }
}

/// The ticker a wire writes in angle brackets right after a company's
/// name ("Boeing Co <BA> said"): the company's own short form, like an
/// acronym in parentheses, so that a tagged "BA" joins Boeing Co.
fn bracketed_ticker(after: &str) -> Option<String> {
    let inner = after.trim_start_matches(' ').strip_prefix('<')?;
    let close = inner.find('>')?;
    let ticker = &inner[..close];
    is_acronym(ticker).then(|| acronym_key(ticker))
}

/// "XOM.N", "DCXGn.DE", "0005.HK", "C.N": a stock ticker with its
/// exchange code.
fn is_ticker(w: &str) -> bool {
    let Some((sym, exchange)) = w.rsplit_once('.') else {
        return false;
    };
    let sym_ok = !sym.is_empty()
        && sym.len() <= 8
        && sym.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.')
        && sym.bytes().next().is_some_and(|b| !b.is_ascii_lowercase());
    let exchange_ok = (1..=2).contains(&exchange.len())
        && exchange.bytes().all(|b| b.is_ascii_uppercase());
    sym_ok && exchange_ok
}

/// A name without a ticker glued to its end: "DaimlerChrysler AG
/// DCXGn.DE" is "DaimlerChrysler AG". A ticker has an exchange code after
/// a dot and no final dot, unlike "U.S." or "Corp.".
fn strip_ticker(name: &str) -> &str {
    match name.trim_end().rsplit_once(' ') {
        Some((head, last)) if is_ticker(last) && last.len() > 3 => {
            head.trim_end()
        }
        _ => name,
    }
}

/// True for names that are no entity of `kind`: suffixes and common
/// nouns as organisations ("Ltd", "Sons Inc", "the Bank", "TV"),
/// sign-offs and ordinary words as people ("REUTER", "Bill"), and a
/// legislator's party and state ("D-Kan.", "R-Ore").
fn is_junk_of_kind(kind: EntityKind, name: &str) -> bool {
    if is_party_state(name)
        || COMMON_NOUN_ACRONYMS.contains(&name)
        || FUNCTION_WORDS.contains(&name)
    {
        return true;
    }
    match kind {
        EntityKind::Person => {
            NOT_PERSON_WORDS.contains(&name) || SIGN_OFFS.contains(&name)
        }
        EntityKind::Org | EntityKind::Misc => is_generic_org(name),
        EntityKind::Place => false,
    }
}

/// True when `name` has one or two words, each a generic organisation
/// word or a legal suffix: "Bank", "Ltd", "Sons Inc", "National Bank",
/// "Co". Longer names of such words name one body ("Financial Services
/// Authority").
fn is_generic_org(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.len() > 2 {
        return false;
    }
    // "Central Bank", "Finance Ministry": a body of a country, which
    // `extract::bodies` names after it.
    if let [qualifier, head] = words.as_slice() {
        if BODY_QUALIFIERS.contains(qualifier) && BODY_HEADS.contains(head) {
            return false;
        }
    }
    let mut words = name
        .split(|c: char| c.is_whitespace() || c == ',')
        .map(|w| w.trim_matches('.'))
        .filter(|w| !w.is_empty() && *w != "&")
        .peekable();
    words.peek().is_some()
        && words.all(|w| is_legal_suffix(w) || in_ci(GENERIC_ORG_WORDS, w))
}

/// "D-Kan", "R-Ore.", "I-Vt": a legislator's party and state.
fn is_party_state(name: &str) -> bool {
    let b = name.trim_end_matches('.').as_bytes();
    b.len() >= 4
        && b.len() <= 8
        && matches!(b[0], b'D' | b'R' | b'I')
        && b[1] == b'-'
        && b[2].is_ascii_uppercase()
        && b[3..].iter().all(|c| c.is_ascii_lowercase() || *c == b'.')
}

/// True for names that are no entity.
fn is_junk(name: &str) -> bool {
    name.chars().filter(|c| c.is_alphabetic()).count() < 2
        || !name.chars().any(char::is_uppercase)
        || name.split_whitespace().count() > 10
        || in_ci(NAME_BOILERPLATE, name)
}

// ---------------------------------------------------------------------
// Grouping.

/// Mentions (indices into the candidates) of one entity.
struct Group {
    kind: EntityKind,
    name: String,
    members: Vec<usize>,
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
// Word lists.

const OPENERS: &str = "\"“‘'([{«-–—";
const QUOTES: &str = "\"“‘'([{«";
const DASHES: &str = "-–—";
const CLOSERS: &str = ",;:!?\"”’'}»";
