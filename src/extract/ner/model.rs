//! The trained model, its binary form, and greedy decoding.
//!
//! A [`Model`] holds two stages of quantized feature weights (one row of
//! nine `i8` label scores per feature, in an open-addressing table keyed
//! by the feature hash), the word clusters, and the few lowercase words
//! that may start an entity. Decoding goes left to right through a
//! sentence and picks the best IOB2 label that may follow the previous
//! one; a token without uppercase letters after an `O` is `O` at once
//! (the fast path), which covers most tokens of news text. The second
//! stage decodes the document again with the first stage's labels as
//! extra evidence.
//!
//! [`decode_sentence`] builds every feature key of a position; training
//! uses it. Tagging ([`Workspace::tag_document`]) goes through
//! `fast.rs`, which gives the same labels from score sums cached per
//! word; the [`Workspace`] keeps those caches and the buffers from one
//! document to the next.
//!
//! The binary form (little-endian): magic `NDXNER03`; the starter words
//! (`u32` count, `u64` hashes); the stages (`u32` count, then per stage
//! a `u32` count of `u64` key + nine `i8` rows, sorted by key); then the
//! clusters as written by [`Clusters::to_bytes`].

use super::clusters::{put_u32, Clusters, Reader};
use super::conll::{Label, N_LABELS};
use super::fast::{self, SmallTables, WordCache};
use super::features::{
    aggregate, describe, enrich, is_headline, label_features, second_features,
    window_features, Aggregate, DocInfo, Tok, MAX_FEATURES,
};
use super::table::{capacity_for, fresh_id, home, next, KeyIndex};
use std::ops::Range;

/// Anything that can add up the weights of features into label scores.
pub(crate) trait Scorer {
    /// Adds the rows of `keys` (those present) to `acc`.
    fn score(&self, keys: &[u64], acc: &mut [f32; N_LABELS]);
}

/// One slot of the weight table: 32 bits of the feature hash (0 =
/// empty; the other bits chose the slot) and the label scores, in 16
/// bytes so that a probe touches one cache line.
#[derive(Clone, Copy, Debug, Default)]
#[repr(C, align(16))]
struct Slot {
    check: u32,
    row: [i8; N_LABELS],
}

/// The check bits of a feature key (never 0).
#[inline]
fn check_of(key: u64) -> u32 {
    ((key >> 32) as u32).max(1)
}

/// Quantized weights in an open-addressing table of [`Slot`]s.
#[derive(Clone, Debug)]
pub(crate) struct Weights {
    slots: Vec<Slot>,
    cap: usize,
    /// The rows by full key, sorted, for serializing.
    rows: Vec<(u64, [i8; N_LABELS])>,
    /// Scores of the few-valued features, for the tagging decoder.
    small: SmallTables,
    /// Tells these weights from any other built in this process (a
    /// clone keeps it: same weights).
    id: u64,
}

impl Weights {
    /// Builds the table from `(key, row)` pairs with distinct keys.
    pub(crate) fn from_rows(rows: &[(u64, [i8; N_LABELS])]) -> Weights {
        let cap = capacity_for(rows.len());
        let mut slots = vec![Slot::default(); cap];
        for (key, row) in rows {
            let check = check_of(*key);
            let mut i = home(*key, cap);
            while slots[i].check != 0 && slots[i].check != check {
                i = next(i, cap);
            }
            slots[i] = Slot { check, row: *row };
        }
        let mut rows = rows.to_vec();
        rows.sort_unstable_by_key(|e| e.0);
        let mut w = Weights {
            slots,
            cap,
            rows,
            small: SmallTables::default(),
            id: fresh_id(),
        };
        let small = SmallTables::new(|keys| {
            let mut sum = [0i32; N_LABELS];
            w.add_scores(keys, &mut sum);
            sum
        });
        w.small = small;
        w
    }

    /// Number of features.
    pub(crate) fn len(&self) -> usize {
        self.rows.len()
    }

    /// The tables of the few-valued features.
    #[inline]
    pub(crate) fn small_tables(&self) -> &SmallTables {
        &self.small
    }

    /// Adds the rows of `keys` (those present) to integer scores.
    #[inline]
    pub(crate) fn add_scores(&self, keys: &[u64], acc: &mut [i32; N_LABELS]) {
        // By chunks: first touch every home slot (independent loads that
        // the CPU overlaps), then resolve the probes.
        const CHUNK: usize = 16;
        let mut sum = [0i32; N_LABELS];
        for keys in keys.chunks(CHUNK) {
            let mut start = [0usize; CHUNK];
            let mut seen = [0u32; CHUNK];
            for (j, &key) in keys.iter().enumerate() {
                let i = home(key, self.cap);
                start[j] = i;
                seen[j] = self.slots[i].check;
            }
            for (j, &key) in keys.iter().enumerate() {
                let check = check_of(key);
                let mut i = start[j];
                let mut c = seen[j];
                loop {
                    if c == check {
                        let row = &self.slots[i].row;
                        for l in 0..N_LABELS {
                            sum[l] += i32::from(row[l]);
                        }
                        break;
                    }
                    if c == 0 {
                        break;
                    }
                    i = next(i, self.cap);
                    c = self.slots[i].check;
                }
            }
        }
        for l in 0..N_LABELS {
            acc[l] += sum[l];
        }
    }
}

impl Scorer for Weights {
    #[inline]
    fn score(&self, keys: &[u64], acc: &mut [f32; N_LABELS]) {
        let mut sum = [0i32; N_LABELS];
        self.add_scores(keys, &mut sum);
        for l in 0..N_LABELS {
            acc[l] += sum[l] as f32;
        }
    }
}

/// A trained tagger: weights, clusters and the fast-path exceptions.
#[derive(Clone, Debug)]
pub struct Model {
    pub(crate) weights: Weights,
    /// Second-stage weights, when the model has a second stage.
    pub(crate) weights2: Option<Weights>,
    pub(crate) clusters: Clusters,
    pub(crate) starters: Vec<u64>,
    pub(crate) starter_index: KeyIndex,
}

const MAGIC: &[u8; 8] = b"NDXNER03";

impl Model {
    pub(crate) fn new(
        weights: Weights,
        clusters: Clusters,
        mut starters: Vec<u64>,
    ) -> Model {
        starters.sort_unstable();
        starters.dedup();
        let mut starter_index = KeyIndex::with_room(starters.len());
        for &s in &starters {
            starter_index.insert(s);
        }
        Model { weights, weights2: None, clusters, starters, starter_index }
    }

    /// Number of features with weights.
    pub fn features(&self) -> usize {
        self.weights.len()
    }

    /// Number of words with clusters.
    pub fn cluster_words(&self) -> usize {
        self.clusters.len()
    }

    /// Serializes the model (clusters included).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        put_u32(&mut out, self.starters.len() as u32);
        for s in &self.starters {
            out.extend_from_slice(&s.to_le_bytes());
        }
        let stages: Vec<&Weights> =
            std::iter::once(&self.weights).chain(&self.weights2).collect();
        put_u32(&mut out, stages.len() as u32);
        for w in stages {
            put_u32(&mut out, w.rows.len() as u32);
            for (key, row) in &w.rows {
                out.extend_from_slice(&key.to_le_bytes());
                out.extend(row.iter().map(|&v| v as u8));
            }
        }
        out.extend_from_slice(&self.clusters.to_bytes());
        out
    }

    /// Reads a model written by [`Model::to_bytes`]; `None` when the
    /// bytes are not a model.
    pub fn from_bytes(bytes: &[u8]) -> Option<Model> {
        let mut r = Reader { bytes, pos: 0 };
        if r.take(8)? != MAGIC {
            return None;
        }
        let n = r.u32()? as usize;
        let mut starters = Vec::with_capacity(n.min(bytes.len() / 8));
        for _ in 0..n {
            starters.push(r.u64()?);
        }
        let stages = r.u32()?;
        if !(1..=2).contains(&stages) {
            return None;
        }
        let mut weights = Vec::new();
        for _ in 0..stages {
            let n = r.u32()? as usize;
            let mut rows = Vec::with_capacity(n.min(bytes.len() / 17));
            for _ in 0..n {
                let key = r.u64()?;
                let mut row = [0i8; N_LABELS];
                for (v, &b) in row.iter_mut().zip(r.take(N_LABELS)?) {
                    *v = b as i8;
                }
                rows.push((key, row));
            }
            weights.push(Weights::from_rows(&rows));
        }
        let (clusters, used) = Clusters::from_bytes(&bytes[r.pos..])?;
        if r.pos + used != bytes.len() {
            return None;
        }
        let weights2 = if stages == 2 { weights.pop() } else { None };
        let mut m = Model::new(weights.pop()?, clusters, starters);
        m.weights2 = weights2;
        Some(m)
    }
}

/// Reusable buffers for tagging documents, and the word cache of the
/// decoder.
#[derive(Default)]
pub(crate) struct Workspace {
    toks: Vec<Tok>,
    pub(crate) doc: DocInfo,
    first: Vec<Label>,
    agg: Aggregate,
    cache: WordCache,
    /// The tokens to enrich.
    rich: Vec<usize>,
}

impl Workspace {
    /// Tags one document given as flat `words` and sentence ranges,
    /// writing one label per word into `out`.
    pub(crate) fn tag_document(
        &mut self,
        model: &Model,
        words: &[&str],
        sentences: &[Range<usize>],
        out: &mut Vec<Label>,
    ) {
        self.prepare(
            (&model.clusters, &model.starter_index),
            words,
            sentences,
        );
        self.cache.use_model([
            model.weights.id,
            model.weights2.as_ref().map_or(0, |w| w.id),
            model.clusters.id(),
        ]);
        self.cache.touch(&self.toks);
        let first = match &model.weights2 {
            Some(_) => &mut self.first,
            None => &mut *out,
        };
        first.clear();
        for r in sentences {
            fast::decode(
                &model.weights,
                &self.toks[r.clone()],
                &mut self.doc,
                &mut self.cache,
                None,
                first,
            );
        }
        let Some(w2) = &model.weights2 else { return };
        aggregate(&self.toks, &self.first, &mut self.agg);
        self.doc.history.clear();
        out.clear();
        for r in sentences {
            fast::decode(
                w2,
                &self.toks[r.clone()],
                &mut self.doc,
                &mut self.cache,
                Some((&self.toks, &self.first, r, &self.agg)),
                out,
            );
        }
    }

    /// Describes the tokens and fills the document sets.
    pub(crate) fn prepare(
        &mut self,
        (clusters, starters): (&Clusters, &KeyIndex),
        words: &[&str],
        sentences: &[Range<usize>],
    ) {
        self.toks.clear();
        self.toks.extend(words.iter().map(|w| describe(w, starters)));
        self.doc.clear();
        self.rich.clear();
        for r in sentences {
            // Prefixes, suffixes and clusters only within two tokens of
            // a token off the fast path: nothing else reads them. `last`
            // is the last such token up to `i + 2`.
            let (mut ahead, mut last) = (r.start, None);
            for i in r.clone() {
                while ahead < (i + 3).min(r.end) {
                    if !self.toks[ahead].plain {
                        last = Some(ahead);
                    }
                    ahead += 1;
                }
                if last.is_some_and(|j| j + 2 >= i) {
                    self.rich.push(i);
                }
            }
        }
        // Start the cluster lookups together (independent loads that
        // the CPU overlaps), then enrich.
        let mut x = 0u32;
        for &i in &self.rich {
            x ^= clusters.touch(self.toks[i].w)
                ^ clusters.touch(self.toks[i].lw);
        }
        std::hint::black_box(x);
        for &i in &self.rich {
            enrich(words[i], &mut self.toks[i], clusters);
        }
        self.doc.observe(&self.toks, sentences);
    }

    /// The described tokens of the prepared document.
    pub(crate) fn toks(&self) -> &[Tok] {
        &self.toks
    }
}

/// Whether the second stage uses the full window features.
const STAGE2_FULL: bool = false;

/// The features of the second stage: window features plus the
/// first-stage evidence (`all` tokens of the document, their first-stage
/// labels, the sentence range and the aggregate).
#[inline]
pub(crate) fn stage2_features(
    sent: &[Tok],
    i: usize,
    headline: bool,
    doc: &DocInfo,
    feats: &mut [u64; MAX_FEATURES],
    (all, first, r, agg): (&[Tok], &[Label], &Range<usize>, &Aggregate),
) -> usize {
    let n = window_features(sent, i, headline, doc, feats, STAGE2_FULL);
    second_features(all, first, r, r.start + i, agg, feats, n)
}

/// Greedy left-to-right decoding of one sentence (the reference
/// decoder, used in training; tagging uses `fast::decode`, which gives
/// the same labels). For each token not on
/// the fast path, `extra(i, features, n)` may add features after the
/// first `n` and returns the new count; `choose(features, previous,
/// best)` sees the feature keys, the previous label and the best label,
/// and returns the label to keep (the best one when tagging; training
/// updates weights there). Fast-path tokens get `choose(&[], _, O)`.
#[inline]
pub(crate) fn decode_sentence<S: Scorer>(
    scorer: &S,
    toks: &[Tok],
    doc: &mut DocInfo,
    features: impl Fn(
        &[Tok],
        usize,
        bool,
        &DocInfo,
        &mut [u64; MAX_FEATURES],
    ) -> usize,
    mut choose: impl FnMut(&[u64], Label, Label) -> Label,
) {
    let headline = is_headline(toks);
    let (mut y1, mut y2) = (Label::O, Label::O);
    let mut feats = [0u64; MAX_FEATURES];
    for i in 0..toks.len() {
        let t = &toks[i];
        let y = if t.plain && y1 == Label::O {
            choose(&[], y1, Label::O)
        } else {
            let n = features(toks, i, headline, doc, &mut feats);
            let n = label_features(t, y1, y2, i == 0, &mut feats, n);
            let mut acc = [0f32; N_LABELS];
            scorer.score(&feats[..n], &mut acc);
            let mut best = Label::O;
            let mut best_score = f32::MIN;
            for (k, &s) in acc.iter().enumerate() {
                let l = Label(k as u8);
                if s > best_score && l.may_follow(y1) {
                    best = l;
                    best_score = s;
                }
            }
            let y = choose(&feats[..n], y1, best);
            doc.record(t, y);
            y
        };
        y2 = y1;
        y1 = y;
    }
}
