//! How much an article is about each of its entities.
//!
//! Editors tag a story with what it is about, not with every name it
//! mentions: a story on a trade dispute names the president once in
//! passing, a story filed from Luxembourg on a ministers' meeting is not
//! about Luxembourg. Salience tells the two apart from where and how
//! often the article names an entity, the places a news writer puts what
//! the story is about:
//!
//! - the headline names it;
//! - the dateline names it (the place the story was filed from);
//! - the lead, the first sentence of the text, names it;
//! - it takes a large share of the mentions of its kind (people among
//!   people, places among places);
//! - it comes back across the text (the share of sentences naming it).
//!
//! [`score`] weighs these, with the number of mentions, into a salience
//! from 0 (a passing mention) to 100; an article is *about* an entity
//! when its salience is at least [`ABOUT`]. The weights are a logistic
//! model of whether an editor tags the story with the entity, fitted to
//! editors' tags (see the README), as one rule for every entity.
//!
//! Places are also scored as a whole for every region and country that
//! holds some of them ([`assign`]): a story that names Bonn in its
//! dateline and Frankfurt in its lead is about West Germany, whichever
//! city it names.

use std::ops::Range;

use super::dates::dateline_date;
use super::{places, Entity, EntityKind};

/// The salience from which an article is about an entity.
pub const ABOUT: u8 = 50;

/// Where the parts of an article lie in the text extraction read.
#[derive(Clone, Copy, Debug)]
pub struct Layout<'a> {
    /// The text the entities were extracted from.
    pub text: &'a str,
    /// The headline as `text` holds it (in sentence case when the
    /// archive wrote it in capitals or title case), or empty.
    pub title: &'a str,
    /// Byte offset of the body in `text`.
    pub body_start: usize,
    /// Byte offsets of the sentences of `text`, in order: an entity's
    /// `sentences` number them.
    pub sentence_starts: &'a [usize],
}

/// What salience is made of, for one entity (or group of places).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Features {
    /// The headline names it.
    pub headline: bool,
    /// The dateline names it.
    pub dateline: bool,
    /// The first sentence of the body that names it, counted from 0
    /// (`None` when only the headline does).
    pub first: Option<u32>,
    /// Its mentions, over all mentions of entities of its kind.
    pub share: f32,
    /// Body sentences that name it, over all body sentences.
    pub spread: f32,
    /// How many times the article names it.
    pub mentions: u32,
    /// The body is one sentence or none (a brief, or a headline alone).
    pub short: bool,
}

/// Sets the `salience` of every entity of an article, and returns the
/// salience of every place group of it: each place, and each region,
/// country and continent holding one, scored on the mentions of all its
/// places together, as a path (`["Europe", "West Germany"]`). A
/// nationality ("Japanese", a MISC name) counts as a mention of its
/// country.
pub fn assign(
    layout: &Layout,
    entities: &mut [Entity],
) -> Vec<(Vec<String>, u8)> {
    let parts = Parts::new(layout);
    let features = features_with(&parts, entities);
    for (e, f) in entities.iter_mut().zip(&features) {
        e.salience = score(f);
    }
    place_nodes(&parts, entities, &features)
}

/// The salience of features, 0 to 100: the chance, in percent, of a
/// logistic model, `100 / (1 + e^-z)` with `z` the sum of these terms:
///
/// | feature                                          | term         |
/// |--------------------------------------------------|--------------|
/// | (constant)                                       | -1.55        |
/// | the headline names it                            | 0.89         |
/// | the dateline names it                            | 0.91         |
/// | first named in the first body sentence           | 1.10         |
/// | … in the second, third or fourth                 | 0.15         |
/// | share of the mentions of its kind                | 0.54 × share |
/// | share of the sentences naming it, up to 0.5      | 0.18 × spread |
/// | n mentions                                       | 1.37 × ln(1 + n) |
/// | a body of one sentence or none                   | -0.26        |
///
/// The weights were fitted by logistic regression on the candidates of
/// the Reuters-21578 TRAIN split (each article naming an entity that
/// editors tag in at least five stories, labelled by whether they
/// tagged it there, weighted so that each entity counts alike), and the
/// constant moved so that [`ABOUT`] keeps 85% of the tagged articles
/// the entity's filter finds: the number of mentions, which the share
/// alone misses, and the lead matter most.
pub fn score(f: &Features) -> u8 {
    let flag = |b: bool, w: f32| if b { w } else { 0.0 };
    let z = -1.55
        + flag(f.headline, 0.89)
        + flag(f.dateline, 0.91)
        + match f.first {
            Some(0) => 1.10,
            Some(1..=3) => 0.15,
            _ => 0.0,
        }
        + 0.54 * f.share.min(1.0)
        + 0.18 * f.spread.min(0.5)
        + 1.37 * (f.mentions as f32).ln_1p()
        + flag(f.short, -0.26);
    (100.0 / (1.0 + (-z).exp())).round() as u8
}

/// The features of every entity of an article, in order.
pub fn features(layout: &Layout, entities: &[Entity]) -> Vec<Features> {
    features_with(&Parts::new(layout), entities)
}

fn features_with(parts: &Parts, entities: &[Entity]) -> Vec<Features> {
    let mut totals = [0usize; 4];
    for e in entities {
        totals[e.kind as usize] += e.count;
    }
    entities
        .iter()
        .map(|e| {
            let names = names(e);
            let mut f = parts.features(e.kind, &names, &e.sentences);
            f.share = e.count as f32 / totals[e.kind as usize].max(1) as f32;
            f.mentions = e.count as u32;
            f
        })
        .collect()
}

/// The names of an entity the headline or dateline may use: the forms
/// the text used, its canonical name, and a person's family name
/// ("REAGAN" for Ronald Reagan).
fn names(e: &Entity) -> Vec<&str> {
    let mut names: Vec<&str> = e.surfaces.iter().map(String::as_str).collect();
    names.push(&e.name);
    if e.kind == EntityKind::Person {
        if let Some(last) = e.name.rsplit(' ').next() {
            names.push(last);
        }
    }
    names
}

/// The salience of every place group of an article (see [`assign`]),
/// from the features of its entities.
fn place_nodes(
    parts: &Parts,
    entities: &[Entity],
    features: &[Features],
) -> Vec<(Vec<String>, u8)> {
    let gazetteer = places::gazetteer();
    // Places and nationalities, each with its features and path.
    let members: Vec<(&Entity, &Features, Vec<&str>)> = entities
        .iter()
        .zip(features)
        .filter_map(|(e, f)| match e.kind {
            EntityKind::Place if !e.path.is_empty() => {
                Some((e, f, e.path.iter().map(String::as_str).collect()))
            }
            EntityKind::Misc => {
                let id = places::demonym_country(&e.name)?;
                Some((e, f, gazetteer.place(id).path.clone()))
            }
            _ => None,
        })
        .collect();
    let total: usize = members.iter().map(|(e, _, _)| e.count).sum();
    let mut nodes: Vec<&[&str]> = Vec::new();
    for (_, _, path) in &members {
        for depth in 1..=path.len() {
            let node = &path[..depth];
            if !nodes.contains(&node) {
                nodes.push(node);
            }
        }
    }
    nodes
        .into_iter()
        .map(|node| {
            let mut f = Features::default();
            let mut sentences: Vec<u32> = Vec::new();
            let mut count = 0;
            for (e, ef, path) in &members {
                if path.starts_with(node) {
                    f.headline |= ef.headline;
                    f.dateline |= ef.dateline;
                    sentences.extend_from_slice(&e.sentences);
                    count += e.count;
                }
            }
            sentences.sort_unstable();
            sentences.dedup();
            (f.first, f.spread) = parts.placed(&sentences);
            f.share = count as f32 / total.max(1) as f32;
            f.mentions = count as u32;
            f.short = parts.body_sentences <= 1;
            (node.iter().map(|s| s.to_string()).collect(), score(&f))
        })
        .collect()
}

/// The parts of one article that features are read from.
struct Parts {
    /// The headline, upper-cased when it is all capitals (then surfaces
    /// are compared upper-cased).
    title: String,
    title_caps: bool,
    /// The dateline, upper-cased.
    dateline: String,
    /// Number of the first body sentence.
    body_first: u32,
    /// Number of body sentences.
    body_sentences: u32,
}

impl Parts {
    fn new(layout: &Layout) -> Parts {
        let starts = layout.sentence_starts;
        let body_first = starts.partition_point(|&s| s < layout.body_start);
        let body = layout.text.get(layout.body_start..).unwrap_or("");
        let title_caps = is_all_caps(layout.title);
        Parts {
            title: if title_caps {
                layout.title.to_uppercase()
            } else {
                layout.title.to_string()
            },
            title_caps,
            dateline: dateline(body)
                .map_or(String::new(), |r| body[r].to_uppercase()),
            body_first: body_first as u32,
            body_sentences: (starts.len() - body_first).max(1) as u32,
        }
    }

    fn features(
        &self,
        kind: EntityKind,
        names: &[&str],
        sentences: &[u32],
    ) -> Features {
        // A one- or two-letter name compared without case would find
        // pronouns ("HE") in capitals.
        let blind = |s: &str| kind != EntityKind::Person || s.len() > 2;
        let headline = names.iter().any(|&s| {
            if self.title_caps {
                blind(s) && has_upper_word(&self.title, s)
            } else {
                has_word(&self.title, s)
            }
        });
        let dateline = !self.dateline.is_empty()
            && names
                .iter()
                .any(|&s| blind(s) && has_upper_word(&self.dateline, s));
        let (first, spread) = self.placed(sentences);
        Features {
            headline,
            dateline,
            first,
            share: 0.0,
            spread,
            mentions: 0,
            short: self.body_sentences <= 1,
        }
    }

    /// The first body sentence naming an entity and the share of body
    /// sentences that do, from the (sorted) sentences naming it.
    fn placed(&self, sentences: &[u32]) -> (Option<u32>, f32) {
        let body = sentences.iter().filter(|&&n| n >= self.body_first);
        let first = body.clone().next().map(|&n| n - self.body_first);
        let spread = body.count() as f32 / self.body_sentences as f32;
        (first, spread)
    }
}

/// The byte range of a wire dateline at the head of a body ("LONDON,
/// March 4 - ..."): the text before the first dash, when it ends with a
/// date.
fn dateline(body: &str) -> Option<Range<usize>> {
    // Any year: only the shape matters here.
    dateline_date(body, Some(2000))?;
    let lead = body.len() - body.trim_start().len();
    let mut prev = ' ';
    let cut = body[lead..].char_indices().find_map(|(k, c)| {
        let dash = c == '-' && prev.is_whitespace();
        prev = c;
        (dash || matches!(c, '–' | '—')).then_some(k)
    })?;
    Some(lead..lead + cut)
}

/// True when `word` occurs in `text` with no letter or digit on either
/// side.
fn has_word(text: &str, word: &str) -> bool {
    let Some(&first) = word.as_bytes().first() else {
        return false;
    };
    has_word_by(text, first, word.len(), |t| t == word.as_bytes())
}

/// [`has_word`] of `word` in capitals (`word.to_uppercase()`), without
/// the upper-cased copy when `word` is ASCII, as most names are.
fn has_upper_word(text: &str, word: &str) -> bool {
    if !word.is_ascii() {
        return has_word(text, &word.to_uppercase());
    }
    let Some(&first) = word.as_bytes().first() else {
        return false;
    };
    has_word_by(text, first.to_ascii_uppercase(), word.len(), |t| {
        t.iter().zip(word.bytes()).all(|(&a, b)| a == b.to_ascii_uppercase())
    })
}

/// True when `text` holds, with no letter or digit on either side, `len`
/// bytes that start with `first` and that `same` accepts.
fn has_word_by(
    text: &str,
    first: u8,
    len: usize,
    same: impl Fn(&[u8]) -> bool,
) -> bool {
    // Headlines and datelines are short: candidates found by their first
    // byte beat building a substring searcher for each word.
    memchr::memchr_iter(first, text.as_bytes()).any(|at| {
        text.as_bytes().get(at..at + len).is_some_and(&same)
            && !text[..at]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
            && !text[at + len..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric)
    })
}

/// True when a text has letters and none of them is lower case.
fn is_all_caps(text: &str) -> bool {
    text.chars().any(char::is_alphabetic)
        && !text.chars().any(char::is_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{analyze, Input};

    /// The entities of an article as `name salience`, most salient
    /// first.
    fn saliences(
        title: &str,
        dateline: Option<&str>,
        body: &str,
    ) -> Vec<(String, u8)> {
        let x = analyze(&Input {
            title,
            body,
            published: Some("2024-05-02"),
            dateline,
            path: "t.jsonl:1",
        });
        let mut out: Vec<(String, u8)> =
            x.entities.iter().map(|e| (e.name.clone(), e.salience)).collect();
        out.sort_by_key(|s| std::cmp::Reverse(s.1));
        out
    }

    fn of(list: &[(String, u8)], name: &str) -> u8 {
        list.iter().find(|(n, _)| n == name).map_or(0, |(_, s)| *s)
    }

    #[test]
    fn scores_weigh_where_and_how_often() {
        let none = Features::default();
        // The constant alone: 100 / (1 + e^1.55).
        assert_eq!(score(&none), 18);
        let once = Features { mentions: 1, ..none };
        let headline = Features { headline: true, ..once };
        let lead = Features { first: Some(0), share: 0.25, ..once };
        let late =
            Features { first: Some(6), share: 0.1, spread: 0.05, ..once };
        assert!(score(&headline) >= ABOUT && score(&lead) >= ABOUT);
        assert!(score(&late) < ABOUT);
        // Each mention adds, less and less.
        let twice = Features { mentions: 2, ..late };
        let often = Features { mentions: 6, ..late };
        assert!(score(&late) < score(&twice) && score(&twice) < score(&often));
        assert!(score(&often) >= ABOUT);
        // A brief weighs a lone mention less.
        assert!(score(&Features { short: true, ..lead }) < score(&lead));
        let all = Features {
            headline: true,
            dateline: true,
            first: Some(0),
            share: 1.0,
            spread: 1.0,
            mentions: 5,
            short: false,
        };
        assert_eq!(score(&all), 99);
    }

    #[test]
    fn the_headline_and_lead_make_an_entity_salient() {
        let body = "Harriet Quill, the harbour commissioner, opened the new \
                    ferry terminal on Tuesday. Quill said the terminal would \
                    carry two million passengers a year. Local trader Tomas \
                    Reyl welcomed it. Reyl said his shop would stay open \
                    later. A spokesman, Jan Brolik, said fares would not \
                    rise. Quill thanked the builders.";
        let s = saliences("Quill opens ferry terminal", None, body);
        assert_eq!(s[0].0, "Harriet Quill");
        assert!(of(&s, "Harriet Quill") >= ABOUT, "{s:?}");
        assert!(of(&s, "Jan Brolik") < ABOUT, "{s:?}");
    }

    #[test]
    fn an_all_caps_headline_is_read_without_case() {
        let body = "Mayor Dana Orsk opened the ferry terminal on Tuesday. \
                    Orsk said it would carry two million passengers a year. \
                    Trader Tomas Reyl welcomed it. Fares will not rise, \
                    officials said. The next ferry leaves at noon. Crowds \
                    watched as Harriet Quill cut the ribbon.";
        let caps = saliences("QUILL OPENS FERRY TERMINAL", None, body);
        let plain = saliences("Ferry terminal opens", None, body);
        assert!(of(&caps, "Harriet Quill") >= ABOUT, "{caps:?}");
        assert!(of(&plain, "Harriet Quill") < ABOUT, "{plain:?}");
    }

    #[test]
    fn the_dateline_names_where_a_story_is() {
        let body = "The central bank left its main rate unchanged, citing \
                    steady prices. Economists had expected the decision. \
                    Markets barely moved. Analysts see no change this year.";
        let s = saliences("RATES HELD", Some("OSLO, May 2"), body);
        assert!(of(&s, "Oslo") >= ABOUT, "{s:?}");
    }

    #[test]
    fn features_read_the_layout() {
        let text = "Quill wins\n\nQuill won. Rain fell. Quill left.";
        let starts: Vec<usize> = crate::extract::ner::tokenize(text)
            .iter()
            .filter(|t| t.sentence_start)
            .map(|t| t.start)
            .collect();
        let layout = Layout {
            text,
            title: "Quill wins",
            body_start: 12,
            sentence_starts: &starts,
        };
        let quill = Entity {
            kind: EntityKind::Person,
            name: "Quill".into(),
            path: Vec::new(),
            surfaces: vec!["Quill".into()],
            count: 3,
            sentences: vec![0, 1, 3],
            salience: 0,
        };
        let f = features(&layout, &[quill]);
        assert_eq!(
            f,
            [Features {
                headline: true,
                dateline: false,
                first: Some(0),
                share: 1.0,
                spread: 2.0 / 3.0,
                mentions: 3,
                short: false,
            }]
        );
    }

    #[test]
    fn places_are_scored_per_country_with_nationalities() {
        let body = "Dutch farmers protested in Utrecht on Monday. Farmers \
                    from Rotterdam joined them, and the Dutch government \
                    promised talks. Tractors blocked two roads. Police \
                    kept the crowd calm. The protest ended at dusk. Farm \
                    leaders said they would return. Prices for milk have \
                    fallen. A visitor from Canada watched.";
        let x = analyze(&Input {
            title: "Farmers protest",
            body,
            published: None,
            dateline: None,
            path: "t.jsonl:1",
        });
        let node = |path: &str| {
            x.about_places
                .iter()
                .find(|(p, _)| p.join("/") == path)
                .map(|(_, s)| *s)
        };
        let netherlands = node("Europe/Netherlands").expect("a node");
        let utrecht = node("Europe/Netherlands/Utrecht").expect("a node");
        assert!(netherlands >= ABOUT && netherlands >= utrecht, "{x:?}");
        assert!(node("North America/Canada").is_some_and(|s| s < ABOUT));
        assert!(node("Europe").is_some_and(|s| s >= netherlands));
    }

    #[test]
    fn words_are_whole() {
        assert!(has_word("QUILL OPENS", "QUILL"));
        assert!(has_word("JAPAN'S TRADE", "JAPAN"));
        assert!(!has_word("QUILLS", "QUILL"));
        assert!(!has_word("x", ""));
    }

    #[test]
    fn upper_words_are_those_of_the_upper_cased_copy() {
        let texts =
            ["QUILL OPENS", "JAPAN'S TRADE", "QUILLS", "ÉTÉ ZÜRICH", "", "X"];
        let words =
            ["Quill", "japan", "QUILL", "Zürich", "été", "", "x", "Ab"];
        for text in texts {
            for word in words {
                assert_eq!(
                    has_upper_word(text, word),
                    has_word(text, &word.to_uppercase()),
                    "{word:?} in {text:?}"
                );
            }
        }
    }

    #[test]
    fn datelines_end_at_the_dash() {
        let body = "LONDON, March 4 - The bank said.";
        assert_eq!(dateline(body).map(|r| &body[r]), Some("LONDON, March 4 "));
        assert_eq!(dateline("The bank said - nothing."), None);
    }
}
