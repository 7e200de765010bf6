//! The tagging decoder: the label scores of a position from score sums
//! cached per word and small tables, instead of one weight lookup per
//! feature.
//!
//! Most positions are not scored at all. A token without uppercase
//! letters that is not one of the model's starters (the lowercase words
//! that begin an entity somewhere in the training data, such as `de` or
//! `van`) is *plain*; after an `O` (or at sentence start) a plain token
//! cannot begin or continue an entity, so it gets `O` at once, in both
//! stages, exactly as in training (which decodes with the same rule).
//! These are about three quarters of the tokens of news text (on the
//! Reuters-21578 bodies 80% of the tokens are plain, 75% unscored). A plain token after a name (`of` in `Bank of England`, the
//! comma after a name) is scored like any other. Preparing a document
//! ([`super::model::Workspace::prepare`]) follows the same division:
//! a plain lowercase word is described from one hash and its length,
//! only tokens within two of a non-plain one get their prefixes,
//! suffixes and clusters (nothing else reads them), and the document's
//! lowercase words are kept only when some capitalised word could ask
//! about them.
//!
//! Most features of a position depend on one token alone (the token
//! itself, or one neighbour; see [`Part`]); their summed scores are the
//! same wherever the word occurs, so [`WordCache`] keeps them per word
//! across documents. Features with few possible values ([`Small`]: the
//! previous labels, the document bits, the first-stage labels) get their
//! scores from tables built with the weights ([`SmallTables`]). What is
//! left (word bigrams, the shape window, ...) is looked up as before.
//!
//! The scores are integer sums of the same quantized weights (the
//! cached and tabled rows of a position are summed in `i16`: at most
//! [`MAX_FEATURES`] weights of at most 128 in absolute value), so the
//! labels are exactly those of [`super::model::decode_sentence`], which
//! training uses; in test builds every scored position is checked
//! against it (the unit tests do so over the CoNLL development file
//! when `../shared` is present). This module does not train and does not change the
//! model.

use super::conll::{Label, N_LABELS};
use super::features::{
    doc_values, first_value, hist_value, is_headline, label_word_features,
    part_features, prev_value, rest_features, small_key, verdict_value,
    Aggregate, DocInfo, Part, Small, Tok, MAX_FEATURES, PARTS,
};
use super::model::Weights;
use std::ops::Range;

/// Summed label scores of a group of features. Groups hold at most
/// [`MAX_FEATURES`] weights of at most 127 in absolute value, so the
/// sums fit.
pub(crate) type Row = [i16; N_LABELS];

/// Adds a row to the row-valued part of a position's scores. A
/// position has at most [`MAX_FEATURES`] features, each weighing at most
/// 128 in absolute value, so every partial sum fits an `i16` (and the
/// sum stays in vector registers).
#[inline(always)]
fn add(acc: &mut Row, row: &Row) {
    for l in 0..N_LABELS {
        acc[l] += row[l];
    }
}

/// Narrows summed scores to a [`Row`].
fn narrow(sum: &[i32; N_LABELS]) -> Row {
    let mut row = [0i16; N_LABELS];
    for (r, &s) in row.iter_mut().zip(sum) {
        *r = s as i16;
    }
    row
}

/// Label-valued feature values: the nine labels, 15 (sentence start)
/// and 99 (no label, outside the sentence).
const LABEL_VALUES: [u64; 11] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 15, 99];

/// Index of a label-valued feature value.
#[inline]
fn label_index(v: u64) -> Option<usize> {
    match v {
        0..=8 => Some(v as usize),
        15 => Some(9),
        99 => Some(10),
        _ => None,
    }
}

/// The values of the first-stage verdict (see `verdict_value`).
fn verdict_values() -> Vec<u64> {
    let mut out = vec![97, 98];
    for flag in 0..2u64 {
        for frac in 0..5u64 {
            for maj in 0..4u64 {
                out.push(maj | frac << 4 | flag << 8);
            }
        }
    }
    out
}

/// Index of a verdict value.
#[inline]
fn verdict_index(v: u64) -> Option<usize> {
    match v {
        97 => Some(40),
        98 => Some(41),
        _ => {
            let (maj, frac, flag) = (v & 0xf, v >> 4 & 0xf, v >> 8);
            (maj < 4 && frac < 5 && flag < 2)
                .then_some((maj + 4 * frac + 20 * flag) as usize)
        }
    }
}

const L: usize = LABEL_VALUES.len();

/// Every [`Small`] feature.
const SMALLS: [Small; 13] = [
    Small::DocLower,
    Small::DocCap,
    Small::Hist,
    Small::Y1,
    Small::Y12,
    Small::S1Cur,
    Small::S1M1,
    Small::S1P1,
    Small::S1M2,
    Small::S1P2,
    Small::S1Win,
    Small::Agg,
    Small::AggCur,
];

/// The values a [`Small`] feature takes in decoding.
fn values_of(s: Small) -> Vec<u64> {
    let labels = LABEL_VALUES.to_vec();
    match s {
        Small::DocLower | Small::DocCap => (0..8).collect(),
        Small::Hist
        | Small::Y1
        | Small::S1Cur
        | Small::S1M1
        | Small::S1P1
        | Small::S1M2
        | Small::S1P2 => labels,
        Small::Y12 => {
            let mut out = Vec::new();
            for &a in &labels {
                for &b in &labels {
                    out.push(a | b << 8);
                }
            }
            out
        }
        Small::S1Win => {
            let mut out = Vec::new();
            for &a in &labels {
                for &b in &labels {
                    for &c in &labels {
                        out.push(a | b << 8 | c << 16);
                    }
                }
            }
            out
        }
        Small::Agg => verdict_values(),
        Small::AggCur => {
            let mut out = Vec::new();
            for v in verdict_values() {
                for &c in &labels {
                    out.push(v | c << 12);
                }
            }
            out
        }
    }
}

/// The index of value `v` of `s` in its table (`None`: not tabled).
#[inline]
fn value_index(s: Small, v: u64) -> Option<usize> {
    match s {
        Small::DocLower | Small::DocCap => (v < 8).then_some(v as usize),
        Small::Hist
        | Small::Y1
        | Small::S1Cur
        | Small::S1M1
        | Small::S1P1
        | Small::S1M2
        | Small::S1P2 => label_index(v),
        Small::Y12 => Some(label_index(v & 0xff)? * L + label_index(v >> 8)?),
        Small::S1Win => Some(
            (label_index(v & 0xff)? * L + label_index(v >> 8 & 0xff)?) * L
                + label_index(v >> 16)?,
        ),
        Small::Agg => verdict_index(v),
        Small::AggCur => {
            Some(verdict_index(v & 0xfff)? * L + label_index(v >> 12)?)
        }
    }
}

/// The scores of the [`Small`] features and of the absent neighbours,
/// built with the weights.
#[derive(Clone, Debug, Default)]
pub(crate) struct SmallTables {
    /// Where each [`Small`]'s rows start in `rows`.
    offsets: [usize; SMALLS.len()],
    rows: Vec<Row>,
    /// Per [`Part`], the scores of the part for a missing neighbour.
    none: [Row; PARTS],
    /// Sums of rows that always come together, by the index of the
    /// widest: `Y1` + `Y12` (by `Y12`), `S1Cur` + `S1M1` + `S1P1` +
    /// `S1Win` (by `S1Win`), `Agg` + `AggCur` (by `AggCur`), and
    /// `S1M2` + `S1P2` (by the two label indices). One addition instead
    /// of several.
    y: Vec<Row>,
    s1: Vec<Row>,
    agg: Vec<Row>,
    s1far: Vec<Row>,
}

impl SmallTables {
    /// Builds the tables; `score` sums the weights of keys.
    pub(crate) fn new(score: impl Fn(&[u64]) -> [i32; N_LABELS]) -> Self {
        let mut t = SmallTables::default();
        for (k, &s) in SMALLS.iter().enumerate() {
            t.offsets[k] = t.rows.len();
            let values = values_of(s);
            t.rows.resize(t.rows.len() + values.len(), [0; N_LABELS]);
            for v in values {
                let i = value_index(s, v).expect("every value has a slot");
                t.rows[t.offsets[k] + i] = narrow(&score(&[small_key(s, v)]));
            }
        }
        let sum = |rows: &[&Row]| {
            let mut acc: Row = [0; N_LABELS];
            for r in rows {
                add(&mut acc, r);
            }
            acc
        };
        let get = |s: Small, v: u64| *t.get(s, v).expect("tabled");
        let mut y = vec![[0; N_LABELS]; L * L];
        let mut s1 = vec![[0; N_LABELS]; L * L * L];
        let mut s1far = vec![[0; N_LABELS]; L * L];
        for &a in &LABEL_VALUES {
            for &b in &LABEL_VALUES {
                let v = a | b << 8;
                y[value_index(Small::Y12, v).expect("tabled")] =
                    sum(&[&get(Small::Y1, a), &get(Small::Y12, v)]);
                s1far[label_index(a).expect("label") * L
                    + label_index(b).expect("label")] =
                    sum(&[&get(Small::S1M2, a), &get(Small::S1P2, b)]);
                for &c in &LABEL_VALUES {
                    let v = a | b << 8 | c << 16;
                    s1[value_index(Small::S1Win, v).expect("tabled")] =
                        sum(&[
                            &get(Small::S1Win, v),
                            &get(Small::S1M1, a),
                            &get(Small::S1Cur, b),
                            &get(Small::S1P1, c),
                        ]);
                }
            }
        }
        let mut agg = vec![[0; N_LABELS]; values_of(Small::AggCur).len()];
        for v in verdict_values() {
            for &c in &LABEL_VALUES {
                let vc = v | c << 12;
                agg[value_index(Small::AggCur, vc).expect("tabled")] =
                    sum(&[&get(Small::Agg, v), &get(Small::AggCur, vc)]);
            }
        }
        (t.y, t.s1, t.s1far, t.agg) = (y, s1, s1far, agg);
        let mut keys = [0u64; MAX_FEATURES];
        for p in NEIGHBOUR_PARTS {
            let n = part_features(None, p, &mut keys, 0);
            t.none[p as usize] = narrow(&score(&keys[..n]));
        }
        t
    }

    /// The scores of feature `s` with value `v`, when tabled.
    #[inline]
    fn get(&self, s: Small, v: u64) -> Option<&Row> {
        let i = value_index(s, v)?;
        self.rows.get(self.offsets[s as usize] + i)
    }
}

/// The parts that describe a neighbour (and exist without one).
const NEIGHBOUR_PARTS: [Part; 6] = [
    Part::Left1,
    Part::Right1,
    Part::Left2,
    Part::Right2,
    Part::Left1b,
    Part::Right1b,
];

/// Slots of the word cache (a power of two): with 272-byte entries,
/// about 9 MB per tagging thread. Fewer slots cost more weight lookups
/// on a large corpus, never other labels.
const CACHE_SLOTS: usize = 1 << 15;

/// Key bit of words described without prefixes and clusters.
const PLAIN_KEY: u64 = 0x8000_0000_0000_0000;

/// The cache key of a token: its word, and whether it is enriched.
#[inline]
fn cache_key(t: &Tok) -> u64 {
    t.w & !PLAIN_KEY | if t.rich { 0 } else { PLAIN_KEY }
}

/// The slot of a cache key.
#[inline]
fn slot_of(key: u64) -> usize {
    key as usize & (CACHE_SLOTS - 1)
}

/// One cached word: its key and the scores of its parts (those whose
/// bit is set in `have`).
#[derive(Clone, Copy)]
struct Entry {
    key: u64,
    have: u16,
    rows: [Row; PARTS],
}

/// Part scores of recently seen words, for one model. Direct-mapped:
/// a word replaces the one in its slot. The results never depend on
/// what is cached.
#[derive(Default)]
pub(crate) struct WordCache {
    /// The model the scores are of: ids of its weights and clusters.
    stamp: [u64; 3],
    entries: Vec<Entry>,
}

impl WordCache {
    /// Empties the cache unless it holds scores of the model `stamp`.
    pub(crate) fn use_model(&mut self, stamp: [u64; 3]) {
        if self.stamp != stamp || self.entries.is_empty() {
            let empty =
                Entry { key: 0, have: 0, rows: [[0; N_LABELS]; PARTS] };
            self.entries.clear();
            self.entries.resize(CACHE_SLOTS, empty);
            self.stamp = stamp;
        }
    }

    /// Reads the slots of the enriched tokens of `toks` before they are
    /// needed: independent loads, which the CPU overlaps.
    pub(crate) fn touch(&self, toks: &[Tok]) {
        let mut x = 0u64;
        for t in toks.iter().filter(|t| t.rich) {
            x ^= self.entries[slot_of(cache_key(t))].key;
        }
        std::hint::black_box(x);
    }

    /// The scores of part `p` of token `t` under weights `w` (those of
    /// the part's stage).
    #[inline]
    fn part(&mut self, t: &Tok, p: Part, w: &Weights) -> Row {
        let key = cache_key(t);
        let e = &mut self.entries[slot_of(key)];
        if e.key != key || e.have == 0 {
            e.key = key;
            e.have = 0;
        }
        let bit = 1u16 << p as u16;
        if e.have & bit == 0 {
            let mut keys = [0u64; MAX_FEATURES];
            let n = part_features(Some(t), p, &mut keys, 0);
            let mut sum = [0i32; N_LABELS];
            w.add_scores(&keys[..n], &mut sum);
            e.rows[p as usize] = narrow(&sum);
            e.have |= bit;
        }
        e.rows[p as usize]
    }
}

/// What the second stage reads besides the sentence: the document's
/// tokens and first-stage labels, the sentence's range in them, and the
/// first-stage aggregate.
pub(crate) type Second<'a> =
    (&'a [Tok], &'a [Label], &'a Range<usize>, &'a Aggregate);

/// Greedy decoding of one sentence `toks` with weights `w`, appending
/// one label per token to `out`: the first stage, or with `second` the
/// second. Labels equal those of [`super::model::decode_sentence`]
/// with the same features.
pub(crate) fn decode(
    w: &Weights,
    toks: &[Tok],
    doc: &mut DocInfo,
    cache: &mut WordCache,
    second: Option<Second<'_>>,
    out: &mut Vec<Label>,
) {
    let headline = is_headline(toks);
    let full = second.is_none();
    let tables = w.small_tables();
    let [cur_part, start_part, after_o, first_part] = if full {
        [Part::Cur1, Part::Start1, Part::AfterO1, Part::First1]
    } else {
        [Part::Cur2, Part::Start2, Part::AfterO2, Part::First2]
    };
    let neighbours: &[(isize, Part)] = if full {
        &[
            (-1, Part::Left1),
            (1, Part::Right1),
            (-2, Part::Left2),
            (2, Part::Right2),
        ]
    } else {
        &[(-1, Part::Left1b), (1, Part::Right1b)]
    };
    let (mut y1, mut y2) = (Label::O, Label::O);
    let mut keys = [0u64; MAX_FEATURES];
    for i in 0..toks.len() {
        let c = &toks[i];
        if c.plain && y1 == Label::O {
            out.push(Label::O);
            y2 = y1;
            continue;
        }
        let start = i == 0;
        // Rows of the cached parts and tables in `acc`; the keys of what
        // is looked up feature by feature in `keys[..n]`.
        let mut acc: Row = [0; N_LABELS];
        let mut n = 0;
        let mut small =
            |s_: Small, v: u64, acc: &mut Row| match tables.get(s_, v) {
                Some(row) => add(acc, row),
                None => {
                    keys[n] = small_key(s_, v);
                    n += 1;
                }
            };
        let hist = hist_value(c, doc);
        small(Small::Hist, hist, &mut acc);
        if let Some((l, k)) = doc_values(c, start, headline, doc) {
            small(Small::DocLower, l, &mut acc);
            small(Small::DocCap, k, &mut acc);
        }
        let a = prev_value(y1, start);
        let y12 = a | u64::from(y2.0) << 8;
        match value_index(Small::Y12, y12) {
            Some(k) => add(&mut acc, &tables.y[k]),
            None => {
                small(Small::Y1, a, &mut acc);
                small(Small::Y12, y12, &mut acc);
            }
        }
        if let Some((_, first, sent, agg)) = second {
            let f = |d: isize| {
                first_value(first, sent, (sent.start + i) as isize + d)
            };
            let (cur, m1, p1) = (f(0), f(-1), f(1));
            let v = verdict_value(c, agg);
            let win = m1 | cur << 8 | p1 << 16;
            match value_index(Small::S1Win, win) {
                Some(k) => add(&mut acc, &tables.s1[k]),
                None => {
                    small(Small::S1Cur, cur, &mut acc);
                    small(Small::S1M1, m1, &mut acc);
                    small(Small::S1P1, p1, &mut acc);
                    small(Small::S1Win, win, &mut acc);
                }
            }
            let (m2, p2) = (f(-2), f(2));
            match label_index(m2).zip(label_index(p2)) {
                Some((j, k)) => add(&mut acc, &tables.s1far[j * L + k]),
                None => {
                    small(Small::S1M2, m2, &mut acc);
                    small(Small::S1P2, p2, &mut acc);
                }
            }
            match value_index(Small::AggCur, v | cur << 12) {
                Some(k) => add(&mut acc, &tables.agg[k]),
                None => {
                    small(Small::Agg, v, &mut acc);
                    small(Small::AggCur, v | cur << 12, &mut acc);
                }
            }
        }
        let p = if start { start_part } else { cur_part };
        add(&mut acc, &cache.part(c, p, w));
        for &(d, p) in neighbours {
            let j = i as isize + d;
            match (j >= 0).then(|| toks.get(j as usize)).flatten() {
                Some(t) => add(&mut acc, &cache.part(t, p, w)),
                None => add(&mut acc, &tables.none[p as usize]),
            }
        }
        if a == 0 {
            add(&mut acc, &cache.part(c, after_o, w));
        } else if a == 15 {
            add(&mut acc, &cache.part(c, first_part, w));
        } else {
            n = label_word_features(c, a, &mut keys, n);
        }
        n = rest_features(toks, i, headline, hist, full, &mut keys, n);
        let mut s = acc.map(i32::from);
        w.add_scores(&keys[..n], &mut s);
        #[cfg(test)]
        check_scores(w, toks, i, headline, doc, second, (y1, y2), &s);
        let mut best = Label::O;
        let mut best_score = i32::MIN;
        for (k, &v) in s.iter().enumerate() {
            let l = Label(k as u8);
            if v > best_score && l.may_follow(y1) {
                best = l;
                best_score = v;
            }
        }
        doc.record(c, best);
        out.push(best);
        y2 = y1;
        y1 = best;
    }
}

/// Asserts that `s` are the scores the reference features give.
#[cfg(test)]
#[allow(clippy::too_many_arguments)]
fn check_scores(
    w: &Weights,
    toks: &[Tok],
    i: usize,
    headline: bool,
    doc: &DocInfo,
    second: Option<Second<'_>>,
    (y1, y2): (Label, Label),
    s: &[i32; N_LABELS],
) {
    use super::features::{label_features, second_features, window_features};
    use super::model::Scorer;
    let mut f = [0u64; MAX_FEATURES];
    let mut n =
        window_features(toks, i, headline, doc, &mut f, second.is_none());
    if let Some((all, first, sent, agg)) = second {
        n = second_features(all, first, sent, sent.start + i, agg, &mut f, n);
    }
    n = label_features(&toks[i], y1, y2, i == 0, &mut f, n);
    let mut want = [0f32; N_LABELS];
    w.score(&f[..n], &mut want);
    let got: Vec<f32> = s.iter().map(|&v| v as f32).collect();
    assert_eq!(got, want, "scores of position {i}");
}

#[cfg(test)]
mod tests {
    use super::super::conll::Label;
    use super::super::features::describe;
    use super::super::model::Workspace;
    use super::super::{close_sentence, embedded_model, recognize, tokenize};
    use crate::extract::EntityKind;

    /// Tags `text` as one document; returns its words, their labels and
    /// whether each is plain (off the scoring path after an `O`).
    fn tag(text: &str) -> (Vec<&str>, Vec<Label>, Vec<bool>) {
        let tokens = tokenize(text);
        let words: Vec<&str> =
            tokens.iter().map(|t| &text[t.start..t.end]).collect();
        let mut sentences = Vec::new();
        for (i, t) in tokens.iter().enumerate() {
            if t.sentence_start {
                close_sentence(i, &mut sentences);
            }
        }
        close_sentence(tokens.len(), &mut sentences);
        let mut ws = Workspace::default();
        let mut labels = Vec::new();
        // In test builds every scored position is checked against the
        // reference decoder.
        ws.tag_document(embedded_model(), &words, &sentences, &mut labels);
        let plain = ws.toks().iter().map(|t| t.plain).collect();
        (words, labels, plain)
    }

    /// The mentions of `text` as (type, surface) pairs.
    fn mentions(text: &str) -> Vec<(EntityKind, &str)> {
        recognize(text)
            .iter()
            .map(|m| (m.kind, &text[m.start..m.end]))
            .collect()
    }

    #[test]
    fn lowercase_words_after_o_are_o_without_scoring() {
        let text = "Scott Bessent met officials in Kuala Lumpur on Saturday \
                    and said 3.5 pct of the shares , 1,200 , were sold .";
        let (words, labels, plain) = tag(text);
        for w in ["met", "officials", "said", "3.5", "pct", "the", "."] {
            let i = words.iter().position(|x| *x == w).unwrap();
            assert!(plain[i], "{w} is plain");
        }
        for w in ["Scott", "Kuala", "Saturday"] {
            let i = words.iter().position(|x| *x == w).unwrap();
            assert!(!plain[i], "{w} is scored");
        }
        for i in 0..words.len() {
            if plain[i] && (i == 0 || labels[i - 1] == Label::O) {
                assert_eq!(labels[i], Label::O, "{}", words[i]);
            }
        }
    }

    #[test]
    fn plain_words_after_an_entity_are_scored() {
        // "of" is plain but follows a name, so it is scored and may
        // continue it.
        assert_eq!(
            mentions("The Bank of England raised rates ."),
            [(EntityKind::Org, "Bank of England")]
        );
    }

    #[test]
    fn dev_file_scores_match_the_reference() {
        // Every scored position of the CoNLL development file (when the
        // shared data is there) is checked against the reference decoder.
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/ner/conll2003/dev.txt"
        );
        let Ok(text) = std::fs::read_to_string(path) else { return };
        let mut out = String::new();
        super::super::tag_conll(&text, embedded_model(), &mut out).unwrap();
        assert_eq!(out.lines().count(), text.lines().count());
    }

    #[test]
    fn sentence_initial_lowercase_word() {
        let (_, labels, plain) = tag("shares of Acme Corp rose in New York .");
        assert!(plain[0]);
        assert_eq!(labels[0], Label::O);
        assert_eq!(
            mentions("shares of Acme Corp rose in New York ."),
            [(EntityKind::Org, "Acme Corp"), (EntityKind::Place, "New York")]
        );
    }

    #[test]
    fn name_particles_inside_names() {
        assert_eq!(
            mentions("President Charles de Gaulle met Ludwig van Beethoven ."),
            [
                (EntityKind::Person, "Charles de Gaulle"),
                (EntityKind::Person, "Ludwig van Beethoven")
            ]
        );
        // Lowercase words that start names in the training data ("de",
        // "van") stay off the fast path; others ("al") continue a name
        // only after one.
        let m = embedded_model();
        let plain: Vec<bool> = ["de", "van", "al", "officials"]
            .iter()
            .map(|w| describe(w, &m.starter_index).plain)
            .collect();
        assert_eq!(plain, [false, false, true, true]);
    }
}
