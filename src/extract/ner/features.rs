//! Feature extraction for the tagger, shared by training and tagging.
//!
//! A token is first summarised once ([`Tok`]: hashes of the word, its
//! lowercase form, shape, prefixes and suffixes, its clusters). Features
//! of a position are then 64-bit keys mixing a template id with those
//! hashes, so extraction allocates nothing per token. Document-level
//! features come from [`DocInfo`]: which words the document also writes
//! in lowercase or capitalised mid-sentence, and the label the tagger gave
//! the same word earlier in the document.

use super::clusters::{Clusters, NO_CLUSTER};
use super::conll::Label;
use super::table::KeyIndex;
use crate::hash::{finish, fnv, hash_title, mix, FNV_OFFSET, SUFFIX_SEED};
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// A hasher for keys that are already well mixed hashes.
#[derive(Default)]
pub(crate) struct PassHasher(u64);

impl Hasher for PassHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// A hash map keyed by hashes.
pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<PassHasher>>;
/// A hash set of hashes.
pub(crate) type FastSet<K> = HashSet<K, BuildHasherDefault<PassHasher>>;

/// Case class of a token.
pub(crate) const CASE_LOWER: u8 = 0;
pub(crate) const CASE_INIT: u8 = 1;
pub(crate) const CASE_ALL: u8 = 2;
pub(crate) const CASE_MIXED: u8 = 3;

/// What the features need to know about one token.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Tok {
    pub w: u64,
    pub lw: u64,
    shape: u64,
    sshape: u64,
    pre: [u64; 4],
    suf: [u64; 4],
    clu: [u16; 3],
    share: u8,
    freq: u8,
    pub case: u8,
    /// No uppercase letter and not a word that starts entities.
    pub plain: bool,
    /// Prefixes, suffixes and clusters are filled in ([`enrich`]).
    pub rich: bool,
}

/// Maps a byte to its shape character.
#[inline]
fn shape_of(b: u8) -> u8 {
    match b {
        b'A'..=b'Z' => b'X',
        b'a'..=b'z' => b'x',
        b'0'..=b'9' => b'd',
        0x80.. => b'u',
        _ => b,
    }
}

/// Summarises `word`. `starters` holds the lowercase hashes of
/// uppercase-free words that started entities in training.
#[inline]
pub(crate) fn describe(word: &str, starters: &KeyIndex) -> Tok {
    // Most words of news text are plain lowercase ASCII letters: one
    // hash serves as word and lowercase hash, and the shapes depend on
    // the length alone (`x`, `xx`, `xxx`; short shape `x`).
    let b = word.as_bytes();
    let (mut h, mut lowercase) = (FNV_OFFSET, !b.is_empty());
    for &c in b {
        h = fnv(h, c);
        lowercase &= c.is_ascii_lowercase();
    }
    if !lowercase {
        return describe_any(word, starters);
    }
    let mut hs = FNV_OFFSET;
    for _ in 0..b.len().min(3) {
        hs = fnv(hs, b'x');
    }
    let w = finish(h);
    Tok {
        w,
        lw: w,
        shape: finish(hs),
        sshape: finish(fnv(FNV_OFFSET, b'x')),
        clu: [NO_CLUSTER; 3],
        case: CASE_LOWER,
        plain: starters.get(w).is_none(),
        ..Tok::default()
    }
}

/// [`describe`] for any word.
fn describe_any(word: &str, starters: &KeyIndex) -> Tok {
    let b = word.as_bytes();
    let mut t = Tok::default();
    let (mut upper, mut lower, mut first_upper) = (0usize, 0usize, false);
    let mut non_ascii = false;
    // One pass for the four hashes: those of `hash_bytes` and
    // `hash_lower` (checked in the tests), the shape and the short shape.
    let (mut hw, mut hl) = (FNV_OFFSET, FNV_OFFSET);
    let (mut hs, mut hss) = (FNV_OFFSET, FNV_OFFSET);
    let (mut last, mut run) = (0u8, 0usize);
    for (i, &c) in b.iter().enumerate() {
        hw = fnv(hw, c);
        hl = fnv(hl, c.to_ascii_lowercase());
        if c.is_ascii_uppercase() {
            upper += 1;
            first_upper |= i == 0;
        } else if c.is_ascii_lowercase() {
            lower += 1;
        } else if c >= 0x80 {
            non_ascii = true;
        }
        let s = shape_of(c);
        if s == last {
            run += 1;
        } else {
            run = 1;
            last = s;
            hss = fnv(hss, s);
        }
        if run <= 3 {
            hs = fnv(hs, s);
        }
    }
    t.w = finish(hw);
    t.lw = finish(hl);
    t.shape = finish(hs);
    t.sshape = finish(hss);
    // Non-ASCII letters: treat a leading non-ASCII uppercase as initial cap.
    if non_ascii && upper == 0 {
        if let Some(c) = word.chars().next() {
            if c.is_uppercase() {
                first_upper = true;
                upper = 1;
            }
        }
    }
    t.case = if upper == 0 {
        CASE_LOWER
    } else if lower == 0 && upper > 1 {
        CASE_ALL
    } else if (first_upper && upper == 1) || lower == 0 {
        CASE_INIT
    } else {
        CASE_MIXED
    };
    t.clu = [NO_CLUSTER; 3];
    t.plain = upper == 0 && starters.get(t.lw).is_none();
    t
}

/// Adds the prefixes, suffixes and clusters of `word` to its summary.
/// Tagging needs them only near tokens that are not on the fast path.
#[inline]
pub(crate) fn enrich(word: &str, t: &mut Tok, clusters: &Clusters) {
    let b = word.as_bytes();
    // Prefixes and suffixes of the lowercase form (bytes).
    let n = b.len();
    let mut hp = FNV_OFFSET;
    let mut hsuf = SUFFIX_SEED;
    for k in 0..4 {
        if k < n {
            hp = fnv(hp, b[k].to_ascii_lowercase());
            hsuf = fnv(hsuf, b[n - 1 - k].to_ascii_lowercase());
            t.pre[k] = finish(hp);
            t.suf[k] = finish(hsuf);
        }
    }
    let info = clusters
        .get(t.w)
        .or_else(|| {
            if t.case == CASE_ALL {
                clusters.get(hash_title(b))
            } else {
                None
            }
        })
        .or_else(|| clusters.get(t.lw));
    match info {
        Some(i) => {
            t.clu = i.cluster;
            t.share = i.lower_share;
            t.freq = i.freq;
        }
        None => t.clu = [NO_CLUSTER; 3],
    }
    t.rich = true;
}

/// Words (`u64`) of the bit filter of [`DocInfo::observe`]: 4096 bits.
const FILTER_WORDS: usize = 64;

/// The filter bit of a lowercase hash (its top bits: the hash is well
/// mixed).
#[inline]
fn filter_bit(lw: u64) -> usize {
    (lw >> (64 - 12)) as usize
}

/// Per-document state for the document-level features.
#[derive(Default)]
pub(crate) struct DocInfo {
    /// Lowercase hashes of words written in lowercase somewhere.
    lower_seen: FastSet<u64>,
    /// Lowercase hashes of words capitalised mid-sentence somewhere.
    cap_seen: FastSet<u64>,
    /// The last entity label given to each (lowercased) word.
    pub history: FastMap<u64, Label>,
}

impl DocInfo {
    /// Forgets everything (keeps the allocations).
    pub(crate) fn clear(&mut self) {
        self.lower_seen.clear();
        self.cap_seen.clear();
        self.history.clear();
    }

    /// Notes the words of a document (its tokens `toks` and sentence
    /// ranges `sentences`) before tagging.
    ///
    /// `lower_seen` is only asked about words that are not lowercase, so
    /// a lowercase word goes in only when a bit filter of the document's
    /// other words lets it through: most lowercase tokens cost a bit
    /// test instead of a set insertion, and the answers are those of the
    /// full set (a word let through by mistake is never asked about).
    pub(crate) fn observe(
        &mut self,
        toks: &[Tok],
        sentences: &[std::ops::Range<usize>],
    ) {
        let mut filter = [0u64; FILTER_WORDS];
        for r in sentences {
            let sent = &toks[r.clone()];
            let headline = is_headline(sent);
            for (i, t) in sent.iter().enumerate() {
                if t.case != CASE_LOWER {
                    let b = filter_bit(t.lw);
                    filter[b / 64] |= 1 << (b % 64);
                    if i > 0 && !headline && t.case == CASE_INIT {
                        self.cap_seen.insert(t.lw);
                    }
                }
            }
        }
        for t in toks {
            let b = filter_bit(t.lw);
            if t.case == CASE_LOWER && filter[b / 64] >> (b % 64) & 1 != 0 {
                self.lower_seen.insert(t.lw);
            }
        }
    }

    /// Records the label predicted for a token.
    #[inline]
    pub(crate) fn record(&mut self, t: &Tok, label: Label) {
        if label != Label::O {
            self.history.insert(t.lw, label);
        } else if t.case != CASE_LOWER {
            if let Some(l) = self.history.get_mut(&t.lw) {
                // Remember that this word was also seen outside.
                *l = Label::O;
            }
        }
    }
}

/// True when the sentence looks like an all-caps headline.
pub(crate) fn is_headline(toks: &[Tok]) -> bool {
    let mut caps = 0;
    for t in toks {
        match t.case {
            CASE_ALL => caps += 1,
            CASE_INIT | CASE_MIXED => return false,
            _ => {}
        }
    }
    caps >= 2 || (caps == 1 && toks.len() <= 3)
}

const NONE: u64 = 0x5555_5555;

/// Room for the features of one position.
pub(crate) const MAX_FEATURES: usize = 80;

/// Template ids.
mod t {
    pub const BIAS: u64 = 1;
    pub const W: u64 = 2;
    pub const LW: u64 = 3;
    pub const SHAPE: u64 = 4;
    pub const SSHAPE: u64 = 5;
    pub const PRE: u64 = 6; // + 0..4
    pub const SUF: u64 = 10; // + 0..4
    pub const CLU: u64 = 14; // + 0..3
    pub const SHARE: u64 = 17;
    pub const FREQ: u64 = 18;
    pub const LW_M1: u64 = 19;
    pub const LW_P1: u64 = 20;
    pub const LW_M2: u64 = 21;
    pub const LW_P2: u64 = 22;
    pub const SS_M1: u64 = 23;
    pub const SS_P1: u64 = 24;
    pub const SS_WIN: u64 = 25;
    pub const C0_M1: u64 = 26;
    pub const C0_P1: u64 = 27;
    pub const C1_M1: u64 = 28;
    pub const C1_P1: u64 = 29;
    pub const C1_M2: u64 = 30;
    pub const C1_P2: u64 = 31;
    pub const BI_L: u64 = 32;
    pub const BI_R: u64 = 33;
    pub const START: u64 = 34;
    pub const HEAD_LW: u64 = 35;
    pub const HEAD_CLU: u64 = 36;
    pub const DOC_LOWER: u64 = 37;
    pub const DOC_CAP: u64 = 38;
    pub const HIST: u64 = 39;
    pub const HIST_SS: u64 = 40;
    pub const Y1: u64 = 41;
    pub const Y12: u64 = 42;
    pub const Y1_SS: u64 = 43;
    pub const Y1_LW: u64 = 44;
    pub const Y1_C: u64 = 45;
    pub const C2_M1: u64 = 46;
    pub const C2_P1: u64 = 47;
    pub const W_P1: u64 = 48;
    pub const W_M1: u64 = 49;
    pub const S1_CUR: u64 = 50;
    pub const S1_M1: u64 = 51;
    pub const S1_P1: u64 = 52;
    pub const S1_M2: u64 = 53;
    pub const S1_P2: u64 = 54;
    pub const S1_WIN: u64 = 55;
    pub const AGG: u64 = 56;
    pub const AGG_CUR: u64 = 57;
}

/// Writes the features of position `i` that do not depend on earlier
/// predictions of this sentence (the document history counts as
/// context). Returns the number written.
#[inline]
pub(crate) fn static_features(
    toks: &[Tok],
    i: usize,
    headline: bool,
    doc: &DocInfo,
    out: &mut [u64; MAX_FEATURES],
) -> usize {
    window_features(toks, i, headline, doc, out, true)
}

/// The features of position `i` that do not depend on earlier
/// predictions of this sentence; `full` false keeps a small subset (for
/// the second stage, which also sees the first stage's labels).
#[inline]
pub(crate) fn window_features(
    toks: &[Tok],
    i: usize,
    headline: bool,
    doc: &DocInfo,
    out: &mut [u64; MAX_FEATURES],
    full: bool,
) -> usize {
    let mut n = 0;
    let mut put = |k: u64| {
        out[n] = k;
        n += 1;
    };
    let c = &toks[i];
    let get = |j: isize| -> Option<&Tok> {
        if j < 0 {
            None
        } else {
            toks.get(j as usize)
        }
    };
    let ii = i as isize;
    let (m1, p1, m2, p2) =
        (get(ii - 1), get(ii + 1), get(ii - 2), get(ii + 2));
    let lw = |t: Option<&Tok>| t.map_or(NONE, |t| t.lw);
    let w = |t: Option<&Tok>| t.map_or(NONE, |t| t.w);
    let ss = |t: Option<&Tok>| t.map_or(NONE, |t| t.sshape);
    let cl = |t: Option<&Tok>, k: usize| {
        t.map_or(NONE + 1, |t| u64::from(t.clu[k]))
    };

    put(t::BIAS);
    let start = u64::from(i == 0);
    // Word identity apart for sentence-initial and mid-sentence use, so
    // that a capitalised "He" inside a sentence is not read as "he".
    put(mix(t::W, c.w ^ start));
    put(mix(t::LW, c.lw ^ start << 1 ^ u64::from(c.case == CASE_LOWER) << 2));
    put(mix(t::SSHAPE, c.sshape));
    // Word-level evidence apart for the sentence-initial position, where
    // capitals say little: "He" inside a sentence is a name.
    let at = start << 40;
    for k in 0..3 {
        put(mix(t::CLU + k as u64, u64::from(c.clu[k]) | at));
    }
    put(mix(t::LW_M1, lw(m1)));
    put(mix(t::LW_P1, lw(p1)));
    put(mix(mix(t::SS_WIN, ss(m1)), mix(c.sshape, ss(p1))));
    if c.case != CASE_LOWER {
        let lower = u64::from(doc.lower_seen.contains(&c.lw));
        let cap = u64::from(doc.cap_seen.contains(&c.lw));
        put(mix(t::DOC_LOWER, lower | start << 1 | (headline as u64) << 2));
        put(mix(t::DOC_CAP, cap | start << 1 | (headline as u64) << 2));
    }
    let hist = doc.history.get(&c.lw).map_or(99, |l| u64::from(l.0));
    put(mix(t::HIST, hist));
    if !full {
        return n;
    }
    put(mix(mix(t::HIST_SS, hist), c.sshape));
    put(mix(t::SHAPE, c.shape));
    for k in 0..4 {
        if c.pre[k] != 0 {
            put(mix(t::PRE + k as u64, c.pre[k] ^ at));
            put(mix(t::SUF + k as u64, c.suf[k] ^ at));
        }
    }
    put(mix(
        t::SHARE,
        u64::from(c.share) | u64::from(c.case) << 4 | start << 8,
    ));
    put(mix(t::FREQ, u64::from(c.freq) | c.sshape << 8 | at << 4));
    put(mix(t::LW_M2, lw(m2)));
    put(mix(t::LW_P2, lw(p2)));
    put(mix(t::W_M1, w(m1)));
    put(mix(t::W_P1, w(p1)));
    put(mix(t::SS_M1, ss(m1)));
    put(mix(t::SS_P1, ss(p1)));
    put(mix(t::C0_M1, cl(m1, 0)));
    put(mix(t::C0_P1, cl(p1, 0)));
    put(mix(t::C1_M1, cl(m1, 1)));
    put(mix(t::C1_P1, cl(p1, 1)));
    put(mix(t::C1_M2, cl(m2, 1)));
    put(mix(t::C1_P2, cl(p2, 1)));
    put(mix(t::C2_M1, cl(m1, 2)));
    put(mix(t::C2_P1, cl(p1, 2)));
    put(mix(mix(t::BI_L, lw(m1)), c.lw));
    put(mix(mix(t::BI_R, c.lw), lw(p1)));
    put(mix(t::START, c.sshape ^ start));
    if headline {
        put(mix(t::HEAD_LW, c.lw));
        put(mix(t::HEAD_CLU, u64::from(c.clu[0])));
    }
    n
}

/// Writes the features that depend on the previous two predictions.
#[inline]
pub(crate) fn label_features(
    c: &Tok,
    y1: Label,
    y2: Label,
    start: bool,
    out: &mut [u64; MAX_FEATURES],
    mut n: usize,
) -> usize {
    // Sentence start is a previous "label" of its own.
    let a = if start { 15 } else { u64::from(y1.0) };
    let b = u64::from(y2.0);
    for k in [
        mix(t::Y1, a),
        mix(t::Y12, a | b << 8),
        mix(mix(t::Y1_SS, a), c.sshape),
        mix(mix(t::Y1_LW, a), c.lw),
        mix(mix(t::Y1_C, a), u64::from(c.clu[1])),
    ] {
        out[n] = k;
        n += 1;
    }
    n
}

/// Per word (lowercase hash) of a document: how often the first stage
/// labelled it as each type, and how often it occurs capitalised.
pub(crate) type Aggregate = FastMap<u64, [u16; 5]>;

/// Counts the first-stage labels of a document per word.
pub(crate) fn aggregate(toks: &[Tok], first: &[Label], agg: &mut Aggregate) {
    agg.clear();
    for (t, l) in toks.iter().zip(first) {
        if t.case != CASE_LOWER {
            let e = agg.entry(t.lw).or_default();
            e[4] = e[4].saturating_add(1);
            if let Some(k) = l.kind() {
                e[k] = e[k].saturating_add(1);
            }
        }
    }
}

/// Writes the second-stage features of document position `i` (in
/// sentence `sent`): first-stage labels around it and the document-wide
/// first-stage verdict on the same word.
#[inline]
pub(crate) fn second_features(
    toks: &[Tok],
    first: &[Label],
    sent: &std::ops::Range<usize>,
    i: usize,
    agg: &Aggregate,
    out: &mut [u64; MAX_FEATURES],
    mut n: usize,
) -> usize {
    let p = |d: isize| -> u64 {
        let j = i as isize + d;
        if j < sent.start as isize || j >= sent.end as isize {
            99
        } else {
            u64::from(first[j as usize].0)
        }
    };
    let (cur, m1, p1) = (p(0), p(-1), p(1));
    let verdict = |j: usize| -> u64 {
        let Some(e) = agg.get(&toks[j].lw) else { return 97 };
        let (mut maj, mut cnt) = (0u64, 0u16);
        for (k, &c) in e[..4].iter().enumerate() {
            if c > cnt {
                maj = k as u64;
                cnt = c;
            }
        }
        if cnt == 0 {
            98
        } else {
            let frac = u64::from(cnt) * 4 / u64::from(e[4].max(1));
            maj | frac << 4 | u64::from(e[4] > 1) << 8
        }
    };
    let agg_key = verdict(i);
    for k in [
        mix(t::S1_CUR, cur),
        mix(t::S1_M1, m1),
        mix(t::S1_P1, p1),
        mix(t::S1_M2, p(-2)),
        mix(t::S1_P2, p(2)),
        mix(t::S1_WIN, m1 | cur << 8 | p1 << 16),
        mix(t::AGG, agg_key),
        mix(t::AGG_CUR, agg_key | cur << 12),
    ] {
        out[n] = k;
        n += 1;
    }
    n
}

/// A group of position features that depend on one token alone, whose
/// summed scores the tagger caches per word (see `fast.rs`). Together
/// with the start-of-sentence forms of [`cur_features`], the
/// [`rest_features`] and the [`Small`] features they are exactly the
/// features of [`window_features`], [`label_features`] and
/// [`second_features`] (the tests below check it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Part {
    /// Stage 1: the token itself, not sentence-initial.
    Cur1,
    /// Stage 1: the token as the left neighbour.
    Left1,
    /// Stage 1: the token as the right neighbour.
    Right1,
    /// Stage 1: the token two to the left.
    Left2,
    /// Stage 1: the token two to the right.
    Right2,
    /// Stage 1: the label features of the token after an `O`.
    AfterO1,
    /// Stage 1: the token itself, sentence-initial.
    Start1,
    /// Stage 1: the label features of a sentence-initial token.
    First1,
    /// Stage 2: the token itself, not sentence-initial.
    Cur2,
    /// Stage 2: the token as the left neighbour.
    Left1b,
    /// Stage 2: the token as the right neighbour.
    Right1b,
    /// Stage 2: the label features of the token after an `O`.
    AfterO2,
    /// Stage 2: the token itself, sentence-initial.
    Start2,
    /// Stage 2: the label features of a sentence-initial token.
    First2,
}

/// Number of [`Part`]s.
pub(crate) const PARTS: usize = 14;

/// Writes the features of `part` for token `t` (`None`: no token at
/// that neighbour position) from `out[n]` on; returns the new count.
/// The parts of the token itself (all but the neighbour parts) need
/// a token.
pub(crate) fn part_features(
    t: Option<&Tok>,
    part: Part,
    out: &mut [u64; MAX_FEATURES],
    mut n: usize,
) -> usize {
    let mut put = |k: u64| {
        out[n] = k;
        n += 1;
    };
    let lw = t.map_or(NONE, |t| t.lw);
    let w = t.map_or(NONE, |t| t.w);
    let ss = t.map_or(NONE, |t| t.sshape);
    let cl = |k: usize| t.map_or(NONE + 1, |t| u64::from(t.clu[k]));
    match part {
        Part::Cur1 | Part::Cur2 => {
            if let Some(t) = t {
                return cur_features(t, false, part == Part::Cur1, out, n);
            }
        }
        Part::Start1 | Part::Start2 => {
            if let Some(t) = t {
                return cur_features(t, true, part == Part::Start1, out, n);
            }
        }
        Part::First1 | Part::First2 => {
            if let Some(t) = t {
                return label_word_features(t, 15, out, n);
            }
        }
        Part::Left1 => {
            put(mix(t::LW_M1, lw));
            put(mix(t::W_M1, w));
            put(mix(t::SS_M1, ss));
            put(mix(t::C0_M1, cl(0)));
            put(mix(t::C1_M1, cl(1)));
            put(mix(t::C2_M1, cl(2)));
        }
        Part::Right1 => {
            put(mix(t::LW_P1, lw));
            put(mix(t::W_P1, w));
            put(mix(t::SS_P1, ss));
            put(mix(t::C0_P1, cl(0)));
            put(mix(t::C1_P1, cl(1)));
            put(mix(t::C2_P1, cl(2)));
        }
        Part::Left2 => {
            put(mix(t::LW_M2, lw));
            put(mix(t::C1_M2, cl(1)));
        }
        Part::Right2 => {
            put(mix(t::LW_P2, lw));
            put(mix(t::C1_P2, cl(1)));
        }
        Part::Left1b => put(mix(t::LW_M1, lw)),
        Part::Right1b => put(mix(t::LW_P1, lw)),
        Part::AfterO1 | Part::AfterO2 => {
            if let Some(c) = t {
                put(mix(mix(t::Y1_SS, 0), c.sshape));
                put(mix(mix(t::Y1_LW, 0), c.lw));
                put(mix(mix(t::Y1_C, 0), u64::from(c.clu[1])));
            }
        }
    }
    n
}

/// Writes the features of the token `c` itself (the bias included):
/// those of the second stage, and with `full` those of the first.
pub(crate) fn cur_features(
    c: &Tok,
    start: bool,
    full: bool,
    out: &mut [u64; MAX_FEATURES],
    mut n: usize,
) -> usize {
    let mut put = |k: u64| {
        out[n] = k;
        n += 1;
    };
    let start = u64::from(start);
    let at = start << 40;
    put(t::BIAS);
    put(mix(t::W, c.w ^ start));
    put(mix(t::LW, c.lw ^ start << 1 ^ u64::from(c.case == CASE_LOWER) << 2));
    put(mix(t::SSHAPE, c.sshape));
    for k in 0..3 {
        put(mix(t::CLU + k as u64, u64::from(c.clu[k]) | at));
    }
    if !full {
        return n;
    }
    put(mix(t::SHAPE, c.shape));
    for k in 0..4 {
        if c.pre[k] != 0 {
            put(mix(t::PRE + k as u64, c.pre[k] ^ at));
            put(mix(t::SUF + k as u64, c.suf[k] ^ at));
        }
    }
    put(mix(
        t::SHARE,
        u64::from(c.share) | u64::from(c.case) << 4 | start << 8,
    ));
    put(mix(t::FREQ, u64::from(c.freq) | c.sshape << 8 | at << 4));
    put(mix(t::START, c.sshape ^ start));
    n
}

/// Writes the window features of position `i` that mix several tokens
/// or the document history (the shape window, and for the first stage
/// the history with the shape, the word bigrams and the headline
/// features), from `out[n]` on; returns the new count.
pub(crate) fn rest_features(
    toks: &[Tok],
    i: usize,
    headline: bool,
    hist: u64,
    full: bool,
    out: &mut [u64; MAX_FEATURES],
    mut n: usize,
) -> usize {
    let mut put = |k: u64| {
        out[n] = k;
        n += 1;
    };
    let c = &toks[i];
    let m1 = i.checked_sub(1).map(|j| &toks[j]);
    let p1 = toks.get(i + 1);
    let lw = |t: Option<&Tok>| t.map_or(NONE, |t| t.lw);
    let ss = |t: Option<&Tok>| t.map_or(NONE, |t| t.sshape);
    put(mix(mix(t::SS_WIN, ss(m1)), mix(c.sshape, ss(p1))));
    if !full {
        return n;
    }
    put(mix(mix(t::HIST_SS, hist), c.sshape));
    put(mix(mix(t::BI_L, lw(m1)), c.lw));
    put(mix(mix(t::BI_R, c.lw), lw(p1)));
    if headline {
        put(mix(t::HEAD_LW, c.lw));
        put(mix(t::HEAD_CLU, u64::from(c.clu[0])));
    }
    n
}

/// Writes the label features of `c` after the labels `y1`, `y2` that
/// are not the two [`Small`] ones (`Y1`, `Y12`).
pub(crate) fn label_word_features(
    c: &Tok,
    a: u64,
    out: &mut [u64; MAX_FEATURES],
    mut n: usize,
) -> usize {
    for k in [
        mix(mix(t::Y1_SS, a), c.sshape),
        mix(mix(t::Y1_LW, a), c.lw),
        mix(mix(t::Y1_C, a), u64::from(c.clu[1])),
    ] {
        out[n] = k;
        n += 1;
    }
    n
}

/// Feature templates whose value takes few values, so that the tagger
/// keeps their scores in small tables (see `fast.rs`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Small {
    /// Whether the document writes the word in lowercase (with the
    /// sentence-start and headline bits).
    DocLower,
    /// Whether the document capitalises the word mid-sentence.
    DocCap,
    /// The label the word got last in the document.
    Hist,
    /// The previous label (15 at sentence start).
    Y1,
    /// The previous two labels.
    Y12,
    /// First-stage label of the token.
    S1Cur,
    /// First-stage label one to the left.
    S1M1,
    /// First-stage label one to the right.
    S1P1,
    /// First-stage label two to the left.
    S1M2,
    /// First-stage label two to the right.
    S1P2,
    /// First-stage labels of the three-token window.
    S1Win,
    /// The document's first-stage verdict on the word.
    Agg,
    /// That verdict with the first-stage label of the token.
    AggCur,
}

/// The key of the [`Small`] feature `s` with value `v`.
#[inline]
pub(crate) fn small_key(s: Small, v: u64) -> u64 {
    let id = match s {
        Small::DocLower => t::DOC_LOWER,
        Small::DocCap => t::DOC_CAP,
        Small::Hist => t::HIST,
        Small::Y1 => t::Y1,
        Small::Y12 => t::Y12,
        Small::S1Cur => t::S1_CUR,
        Small::S1M1 => t::S1_M1,
        Small::S1P1 => t::S1_P1,
        Small::S1M2 => t::S1_M2,
        Small::S1P2 => t::S1_P2,
        Small::S1Win => t::S1_WIN,
        Small::Agg => t::AGG,
        Small::AggCur => t::AGG_CUR,
    };
    mix(id, v)
}

/// The values of the document features of `c` (`DocLower`, `DocCap`),
/// present for tokens that are not lowercase.
#[inline]
pub(crate) fn doc_values(
    c: &Tok,
    start: bool,
    headline: bool,
    doc: &DocInfo,
) -> Option<(u64, u64)> {
    if c.case == CASE_LOWER {
        return None;
    }
    let bits = u64::from(start) << 1 | u64::from(headline) << 2;
    let lower = u64::from(doc.lower_seen.contains(&c.lw));
    let cap = u64::from(doc.cap_seen.contains(&c.lw));
    Some((lower | bits, cap | bits))
}

/// The value of the history feature of `c`: the label the word got last
/// in the document, 99 for none.
#[inline]
pub(crate) fn hist_value(c: &Tok, doc: &DocInfo) -> u64 {
    doc.history.get(&c.lw).map_or(99, |l| u64::from(l.0))
}

/// The value of the previous-label feature: 15 at sentence start.
#[inline]
pub(crate) fn prev_value(y1: Label, start: bool) -> u64 {
    if start {
        15
    } else {
        u64::from(y1.0)
    }
}

/// The first-stage label at document position `j` if it lies in `sent`,
/// else 99.
#[inline]
pub(crate) fn first_value(
    first: &[Label],
    sent: &std::ops::Range<usize>,
    j: isize,
) -> u64 {
    if j < sent.start as isize || j >= sent.end as isize {
        99
    } else {
        u64::from(first[j as usize].0)
    }
}

/// The document's first-stage verdict on the word `c`: its majority
/// type, the share of that type and whether the word occurs more than
/// once; 97 for words never capitalised, 98 for words never labelled.
#[inline]
pub(crate) fn verdict_value(c: &Tok, agg: &Aggregate) -> u64 {
    let Some(e) = agg.get(&c.lw) else { return 97 };
    let (mut maj, mut cnt) = (0u64, 0u16);
    for (k, &c) in e[..4].iter().enumerate() {
        if c > cnt {
            maj = k as u64;
            cnt = c;
        }
    }
    if cnt == 0 {
        98
    } else {
        let frac = u64::from(cnt) * 4 / u64::from(e[4].max(1));
        maj | frac << 4 | u64::from(e[4] > 1) << 8
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::ner::{embedded_model, tokenize};

    /// The features of every position of `text`, built from the parts
    /// the fast path uses, equal those of the reference functions.
    #[track_caller]
    fn check(text: &str) {
        let model = embedded_model();
        let words: Vec<&str> = tokenize::tokenize(text)
            .iter()
            .map(|t| &text[t.start..t.end])
            .collect();
        let mut toks: Vec<Tok> =
            words.iter().map(|w| describe(w, &model.starter_index)).collect();
        for (w, t) in words.iter().zip(&mut toks) {
            enrich(w, t, &model.clusters);
        }
        let mut doc = DocInfo::default();
        doc.observe(&toks, std::slice::from_ref(&(0..toks.len())));
        // Some history, some first-stage labels.
        for (k, t) in toks.iter().enumerate() {
            doc.record(t, Label((k % 9) as u8));
        }
        let first: Vec<Label> =
            (0..toks.len()).map(|k| Label((k * 7 % 9) as u8)).collect();
        let mut agg = Aggregate::default();
        aggregate(&toks, &first, &mut agg);
        let sent = 0..toks.len();
        for headline in [false, true] {
            for i in 0..toks.len() {
                for (y1, y2) in [(0, 0), (3, 0), (4, 3), (0, 5)] {
                    let (y1, y2) = (Label(y1), Label(y2));
                    for stage2 in [false, true] {
                        let mut want = [0u64; MAX_FEATURES];
                        let n = window_features(
                            &toks, i, headline, &doc, &mut want, !stage2,
                        );
                        let mut n = if stage2 {
                            second_features(
                                &toks, &first, &sent, i, &agg, &mut want, n,
                            )
                        } else {
                            n
                        };
                        n = label_features(
                            &toks[i],
                            y1,
                            y2,
                            i == 0,
                            &mut want,
                            n,
                        );
                        let mut want = want[..n].to_vec();
                        let got = parts_of(
                            &toks,
                            i,
                            headline,
                            &doc,
                            y1,
                            y2,
                            stage2,
                            (&first, &agg),
                        );
                        want.sort_unstable();
                        assert_eq!(got, want, "{i} {headline} {stage2}");
                    }
                }
            }
        }
    }

    /// The features of a position assembled as the fast path does.
    #[allow(clippy::too_many_arguments)]
    fn parts_of(
        toks: &[Tok],
        i: usize,
        headline: bool,
        doc: &DocInfo,
        y1: Label,
        y2: Label,
        stage2: bool,
        (first, agg): (&[Label], &Aggregate),
    ) -> Vec<u64> {
        let mut out = [0u64; MAX_FEATURES];
        let c = &toks[i];
        let start = i == 0;
        let at = |d: isize| {
            let j = i as isize + d;
            (j >= 0).then(|| toks.get(j as usize)).flatten()
        };
        let p = match (start, stage2) {
            (true, true) => Part::Start2,
            (true, false) => Part::Start1,
            (false, true) => Part::Cur2,
            (false, false) => Part::Cur1,
        };
        let mut n = part_features(Some(c), p, &mut out, 0);
        let parts: &[(isize, Part)] = if stage2 {
            &[(-1, Part::Left1b), (1, Part::Right1b)]
        } else {
            &[
                (-1, Part::Left1),
                (1, Part::Right1),
                (-2, Part::Left2),
                (2, Part::Right2),
            ]
        };
        for &(d, p) in parts {
            n = part_features(at(d), p, &mut out, n);
        }
        let hist = hist_value(c, doc);
        n = rest_features(toks, i, headline, hist, !stage2, &mut out, n);
        let mut small = vec![(Small::Hist, hist)];
        if let Some((l, k)) = doc_values(c, start, headline, doc) {
            small.push((Small::DocLower, l));
            small.push((Small::DocCap, k));
        }
        let a = prev_value(y1, start);
        small.push((Small::Y1, a));
        small.push((Small::Y12, a | u64::from(y2.0) << 8));
        if a == 0 {
            let p = if stage2 { Part::AfterO2 } else { Part::AfterO1 };
            n = part_features(Some(c), p, &mut out, n);
        } else if a == 15 {
            let p = if stage2 { Part::First2 } else { Part::First1 };
            n = part_features(Some(c), p, &mut out, n);
        } else {
            n = label_word_features(c, a, &mut out, n);
        }
        if stage2 {
            let sent = 0..toks.len();
            let f = |d: isize| first_value(first, &sent, i as isize + d);
            let (cur, m1, p1) = (f(0), f(-1), f(1));
            let v = verdict_value(c, agg);
            small.extend([
                (Small::S1Cur, cur),
                (Small::S1M1, m1),
                (Small::S1P1, p1),
                (Small::S1M2, f(-2)),
                (Small::S1P2, f(2)),
                (Small::S1Win, m1 | cur << 8 | p1 << 16),
                (Small::Agg, v),
                (Small::AggCur, v | cur << 12),
            ]);
        }
        let mut got = out[..n].to_vec();
        got.extend(small.iter().map(|&(s, v)| small_key(s, v)));
        got.sort_unstable();
        got
    }

    #[test]
    fn lowercase_words_are_described_as_any_word() {
        let m = embedded_model();
        for w in ["a", "of", "the", "shares", "officials", "de", "al"] {
            let (t, u) = (
                describe(w, &m.starter_index),
                describe_any(w, &m.starter_index),
            );
            assert_eq!(
                (t.w, t.lw, t.shape, t.sshape, t.case, t.plain, t.clu),
                (u.w, u.lw, u.shape, u.sshape, u.case, u.plain, u.clu),
                "{w}"
            );
        }
    }

    #[test]
    fn describe_hashes_like_hash_bytes_and_hash_lower() {
        use crate::hash::{hash_bytes, hash_lower};
        let none = KeyIndex::with_room(0);
        for w in ["", "x", "Bank", "U.S.", "ÉLYSÉE", "naïve", "1,000", "de"]
        {
            let t = describe(w, &none);
            assert_eq!(t.w, hash_bytes(w.as_bytes()), "{w}");
            assert_eq!(t.lw, hash_lower(w.as_bytes()), "{w}");
        }
    }

    #[test]
    fn parts_make_up_the_window_features() {
        check("Scott Bessent met officials in Kuala Lumpur on Saturday .");
        check("He said the U.S. economy grew 3 pct , Reuters reported .");
        check("LONDON , March 3 - BP Plc said on Tuesday its profit rose");
        check("x");
    }
}
