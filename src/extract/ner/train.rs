//! Training: averaged perceptrons over the greedy decoder, in two
//! stages.
//!
//! Each epoch walks the training documents in a seeded random order and
//! tags them with the current weights, exactly as tagging does (the
//! tagger's own earlier predictions feed the label and document-history
//! features). At every token where the prediction is wrong, the features
//! get `+1` for the gold label and `-1` for the predicted one. A stage
//! keeps the averaged weights, pruned of small weights and quantized to
//! `i8`. Several perceptrons ([`TrainOptions::seeds`]) learn side by
//! side, each walking the documents in its own order, and a stage keeps
//! the mean of their averaged weights: one linear model, as fast to tag
//! with as one perceptron's, that depends less on the order. The
//! committed model has one (`ner-train --seeds N` trains others; on the
//! CoNLL-2003 development file three score 91.86 F1 and four 91.74,
//! against 91.92 for one). With a development file, every epoch is
//! scored on it and the best epoch is kept; the development data is
//! never trained on.
//!
//! The second stage sees the first stage's labels of the whole document
//! (neighbours, and how the document labels the same word elsewhere). To
//! give it realistic first-stage labels on the training data, the first
//! stage is retrained on four fifths of the documents and tags the fifth
//! it did not see (five folds).
//!
//! Training is pure and deterministic: file contents in, model out.

use super::clusters::Clusters;
use super::conll::{self, Label, Score, N_LABELS};
use super::features::{
    aggregate, static_features, Aggregate, DocInfo, FastMap, Tok, CASE_LOWER,
    MAX_FEATURES,
};
use super::model::{
    decode_sentence, stage2_features, Model, Scorer, Weights, Workspace,
};
use super::table::KeyIndex;
use std::cell::RefCell;
use std::ops::Range;

/// Options of [`train`].
#[derive(Clone, Debug)]
pub struct TrainOptions {
    /// Passes over the training data.
    pub epochs: usize,
    /// Seed of the document orders.
    pub seed: u64,
    /// Perceptrons trained side by side, each walking the documents in
    /// its own order; a stage's weights are their averaged weights'
    /// mean (one linear model, so tagging costs the same). Fewer
    /// mistakes than one perceptron, whose result depends on the order.
    pub seeds: usize,
    /// Features whose largest averaged weight (in absolute value) is
    /// below this fraction of the largest weight of all are dropped.
    pub prune: f32,
    /// Folds for the second stage: the first stage is retrained this
    /// many times to label the training data it did not see. Below 2,
    /// the model has one stage only.
    pub folds: usize,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions { epochs: 20, seed: 42, seeds: 1, prune: 0.03, folds: 5 }
    }
}

/// Weights being learned, with the sums for averaging.
#[derive(Default)]
struct Learner {
    index: FastMap<u64, u32>,
    w: Vec<[f32; N_LABELS]>,
    /// Sum of `step * update`, so that the average is `w - u / step`.
    u: Vec<[f32; N_LABELS]>,
    step: f32,
}

impl Learner {
    fn update(&mut self, feats: &[u64], gold: Label, wrong: Label) {
        for &k in feats {
            let next = self.w.len() as u32;
            let r = *self.index.entry(k).or_insert(next) as usize;
            if r == self.w.len() {
                self.w.push([0.0; N_LABELS]);
                self.u.push([0.0; N_LABELS]);
            }
            let (g, p) = (usize::from(gold.0), usize::from(wrong.0));
            self.w[r][g] += 1.0;
            self.w[r][p] -= 1.0;
            self.u[r][g] += self.step;
            self.u[r][p] -= self.step;
        }
    }

    /// Adds the averaged weights divided by `n` to `sum`.
    fn add_averaged(&self, n: f32, sum: &mut FastMap<u64, [f32; N_LABELS]>) {
        let step = self.step.max(1.0);
        for (&k, &r) in &self.index {
            let r = r as usize;
            let row = sum.entry(k).or_insert([0.0; N_LABELS]);
            for ((v, w), u) in row.iter_mut().zip(&self.w[r]).zip(&self.u[r]) {
                *v += (w - u / step) / n;
            }
        }
    }
}

/// The mean of the averaged weights of `learners`, pruned (features
/// whose largest weight is below `prune` times the largest of all are
/// dropped) and quantized to `i8`.
fn averaged(learners: &[RefCell<Learner>], prune: f32) -> Weights {
    let mut sum: FastMap<u64, [f32; N_LABELS]> = FastMap::default();
    for l in learners {
        l.borrow().add_averaged(learners.len() as f32, &mut sum);
    }
    let mut rows: Vec<(u64, [f32; N_LABELS], f32)> = Vec::new();
    let mut max = 0f32;
    for (&k, row) in &sum {
        let big = row.iter().fold(0f32, |b, v| b.max(v.abs()));
        max = max.max(big);
        rows.push((k, *row, big));
    }
    let scale = if max > 0.0 { 127.0 / max } else { 1.0 };
    let rows: Vec<(u64, [i8; N_LABELS])> = rows
        .iter()
        .filter(|r| r.2 >= prune * max)
        .map(|(k, row, _)| {
            let mut q = [0i8; N_LABELS];
            for (q, v) in q.iter_mut().zip(row) {
                *q = (v * scale).round().clamp(-127.0, 127.0) as i8;
            }
            (*k, q)
        })
        .collect();
    Weights::from_rows(&rows)
}

struct LearnerScorer<'a>(&'a RefCell<Learner>);

impl Scorer for LearnerScorer<'_> {
    #[inline]
    fn score(&self, keys: &[u64], acc: &mut [f32; N_LABELS]) {
        let l = self.0.borrow();
        for key in keys {
            if let Some(&r) = l.index.get(key) {
                let row = &l.w[r as usize];
                for k in 0..N_LABELS {
                    acc[k] += row[k];
                }
            }
        }
    }
}

/// A document flattened for the decoder.
struct FlatDoc<'a> {
    words: Vec<&'a str>,
    gold: Vec<Label>,
    sentences: Vec<Range<usize>>,
}

fn flatten<'a>(docs: &[conll::Document<'a>]) -> Vec<FlatDoc<'a>> {
    docs.iter()
        .map(|d| {
            let mut f = FlatDoc {
                words: Vec::new(),
                gold: Vec::new(),
                sentences: Vec::new(),
            };
            for s in &d.sentences {
                let start = f.words.len();
                f.words.extend_from_slice(&s.words);
                f.gold.extend_from_slice(&s.gold);
                f.sentences.push(start..f.words.len());
            }
            f
        })
        .collect()
}

/// Scores `model` on a CoNLL text with gold tags.
pub fn evaluate(model: &Model, conll_text: &str) -> Score {
    let docs = flatten(&conll::parse(conll_text));
    let mut ws = Workspace::default();
    let mut score = Score::default();
    let mut out = Vec::new();
    for d in &docs {
        ws.tag_document(model, &d.words, &d.sentences, &mut out);
        for r in &d.sentences {
            score.add(&d.gold[r.clone()], &out[r.clone()]);
        }
    }
    score
}

/// Trains a model on the CoNLL text `train` (see the module docs).
/// With `dev`, the epoch scoring best on it is returned.
pub fn train(
    train: &str,
    dev: Option<&str>,
    clusters: &Clusters,
    opts: &TrainOptions,
) -> Model {
    train_with_log(train, dev, clusters, opts, &mut |_| {})
}

/// [`train`], reporting progress (one line per epoch) to `log`.
pub fn train_with_log(
    train: &str,
    dev: Option<&str>,
    clusters: &Clusters,
    opts: &TrainOptions,
    log: &mut dyn FnMut(&str),
) -> Model {
    let docs = flatten(&conll::parse(train));
    // Lowercase words that start entities are kept off the fast path.
    let mut starters = Vec::new();
    let empty = KeyIndex::with_room(0);
    for d in &docs {
        for (w, g) in d.words.iter().zip(&d.gold) {
            if !g.is_inside() && *g != Label::O {
                let t = super::features::describe(w, &empty);
                if t.case == CASE_LOWER {
                    starters.push(t.lw);
                }
            }
        }
    }
    let mut base =
        Model::new(Weights::from_rows(&[]), clusters.clone(), starters);
    let all: Vec<usize> = (0..docs.len()).collect();
    log("stage 1");
    let (w1, epochs1) =
        run_epochs(&docs, &all, None, &mut base, 1, dev, opts, log);
    base.weights = w1;
    if opts.folds < 2 {
        return base;
    }
    // First-stage labels of the training data, each document tagged by
    // a model that did not see it.
    let mut first: Vec<Vec<Label>> = vec![Vec::new(); docs.len()];
    let fold_opts = TrainOptions { epochs: epochs1, ..opts.clone() };
    for f in 0..opts.folds {
        let rest: Vec<usize> =
            all.iter().copied().filter(|i| i % opts.folds != f).collect();
        let mut m = base.clone();
        let (w, _) = run_epochs(
            &docs,
            &rest,
            None,
            &mut m,
            1,
            None,
            &fold_opts,
            &mut |_| {},
        );
        m.weights = w;
        let mut ws = Workspace::default();
        for i in all.iter().copied().filter(|i| i % opts.folds == f) {
            ws.tag_document(
                &m,
                &docs[i].words,
                &docs[i].sentences,
                &mut first[i],
            );
        }
        log(&format!("fold {f} done"));
    }
    log("stage 2");
    base.weights2 = Some(Weights::from_rows(&[]));
    let (w2, _) =
        run_epochs(&docs, &all, Some(&first), &mut base, 2, dev, opts, log);
    base.weights2 = Some(w2);
    base
}

/// Runs the perceptron epochs of one stage over the documents `subset`.
/// Stage 2 reads the first-stage labels `first`. Returns the weights of
/// the best epoch on `dev` (of the last without it) and that epoch.
#[allow(clippy::too_many_arguments)]
fn run_epochs(
    docs: &[FlatDoc<'_>],
    subset: &[usize],
    first: Option<&[Vec<Label>]>,
    base: &mut Model,
    stage: usize,
    dev: Option<&str>,
    opts: &TrainOptions,
    log: &mut dyn FnMut(&str),
) -> (Weights, usize) {
    let seeds = opts.seeds.max(1);
    let learners: Vec<RefCell<Learner>> =
        (0..seeds).map(|_| RefCell::default()).collect();
    let mut ws = Workspace::default();
    let mut orders: Vec<Vec<usize>> = vec![subset.to_vec(); seeds];
    let mut rngs: Vec<u64> = (0..seeds as u64)
        .map(|s| {
            opts.seed.wrapping_add(s).wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1
        })
        .collect();
    let mut agg = Aggregate::default();
    let mut best: Option<(f64, Weights, usize)> = None;
    for epoch in 1..=opts.epochs.max(1) {
        let mut errors = 0usize;
        for ((learner, order), rng) in
            learners.iter().zip(&mut orders).zip(&mut rngs)
        {
            for i in (1..order.len()).rev() {
                *rng ^= *rng << 13;
                *rng ^= *rng >> 7;
                *rng ^= *rng << 17;
                order.swap(i, (*rng % (i as u64 + 1)) as usize);
            }
            for &di in order.iter() {
                let d = &docs[di];
                ws.prepare(
                    (&base.clusters, &base.starter_index),
                    &d.words,
                    &d.sentences,
                );
                let toks = ws.toks().to_vec();
                let labels1: &[Label] = first.map_or(&[], |f| &f[di]);
                if first.is_some() {
                    aggregate(&toks, labels1, &mut agg);
                }
                for r in &d.sentences {
                    let mut pos = r.start;
                    let scorer = LearnerScorer(learner);
                    decode_sentence(
                    &scorer,
                    &toks[r.clone()],
                    &mut ws.doc,
                    |sent: &[Tok],
                     i,
                     headline,
                     doc: &DocInfo,
                     feats: &mut [u64; MAX_FEATURES]| {
                        if first.is_some() {
                            stage2_features(
                                sent,
                                i,
                                headline,
                                doc,
                                feats,
                                (&toks, labels1, r, &agg),
                            )
                        } else {
                            static_features(sent, i, headline, doc, feats)
                        }
                    },
                    |feats, y1, best| {
                        let mut gold = d.gold[pos];
                        pos += 1;
                        if feats.is_empty() {
                            return best;
                        }
                        if !gold.may_follow(y1) {
                            gold = Label(gold.0 - 1);
                        }
                        let mut l = learner.borrow_mut();
                        l.step += 1.0;
                        if best != gold {
                            errors += 1;
                            l.update(feats, gold, best);
                        }
                        best
                    },
                );
                }
            }
        }
        let weights = averaged(&learners, opts.prune);
        let mut line = format!(
            "epoch {epoch}: {errors} training errors, {} features",
            weights.len()
        );
        if let Some(dev) = dev {
            if stage == 1 {
                base.weights = weights.clone();
            } else {
                base.weights2 = Some(weights.clone());
            }
            let f1 = evaluate(base, dev).f1();
            line.push_str(&format!(", dev F1 {f1:.2}"));
            if best.as_ref().is_none_or(|(b, _, _)| f1 > *b) {
                best = Some((f1, weights, epoch));
            }
        } else {
            best = Some((0.0, weights, epoch));
        }
        log(&line);
    }
    match best {
        Some((_, w, e)) => (w, e),
        None => (Weights::from_rows(&[]), 0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::ner::embedded_model;

    /// The scores of `key` in `w`.
    fn row(w: &Weights, key: u64) -> [i32; N_LABELS] {
        let mut acc = [0i32; N_LABELS];
        w.add_scores(&[key], &mut acc);
        acc
    }

    #[test]
    fn seeds_are_averaged_into_one_model() {
        // Learner a: one update to label 1 against 0, at step 1 of 2
        // (averaged: -0.5, 0.5); learner b: the same to label 2.
        let learner = |gold: u8| {
            let mut l = Learner { step: 1.0, ..Learner::default() };
            l.update(&[7], Label(gold), Label(0));
            l.step = 2.0;
            RefCell::new(l)
        };
        let one = averaged(&[learner(1)], 0.0);
        assert_eq!(row(&one, 7)[..3], [-127, 127, 0]);
        let two = averaged(&[learner(1), learner(2)], 0.0);
        assert_eq!(row(&two, 7)[..3], [-127, 64, 64]);
    }

    #[test]
    fn several_seeds_learn_a_tiny_corpus() {
        let doc = "-DOCSTART- -X- -X- O\n\n\
                   Scott NNP B-NP B-PER\nBessent NNP I-NP I-PER\n\
                   met VBD B-VP O\nofficials NNS B-NP O\nin IN B-PP O\n\
                   Kuala NNP B-NP B-LOC\nLumpur NNP I-NP I-LOC\n. . O O\n\n";
        let text = doc.repeat(3);
        let clusters = embedded_model().clusters.clone();
        for seeds in [1, 3] {
            let opts =
                TrainOptions { epochs: 3, seeds, ..TrainOptions::default() };
            let m = train(&text, None, &clusters, &opts);
            let s = evaluate(&m, &text);
            assert_eq!(s.f1(), 100.0, "{seeds} seeds");
        }
    }
}
