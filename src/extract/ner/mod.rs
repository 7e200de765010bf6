//! Named-entity recognition: people, places, organisations and other
//! names (PER, LOC, ORG, MISC) in news text.
//!
//! The tagger is a two-stage averaged perceptron with greedy
//! left-to-right IOB2 decoding, trained on CoNLL-2003
//! (`../shared/ner/conll2003/train.txt`) and tuned on its development
//! file. Features are the word, its shape, prefixes, suffixes and case, a
//! window of two words either side, the previous two labels, word
//! clusters learned from unlabeled news ([`clusters`]), and
//! document-level evidence: how the document writes the same word
//! elsewhere and what label the word got earlier in the document (the
//! document is the unit). The second stage also sees the first stage's
//! labels of the neighbours and of the same word across the document.
//! A token without uppercase letters that never starts an entity in the
//! training data gets `O` without scoring after an `O`, in training and
//! tagging alike; that covers most tokens of news text (`fast.rs`).
//!
//! The trained model is `models/ner.bin`, compiled into the binary and
//! decoded once on first use ([`embedded_model`]), so tagging needs
//! nothing outside the repository.
//!
//! - [`recognize`]: article text in, [`Mention`]s with byte offsets out.
//! - [`tokenize()`]: the tokenizer and sentence splitter it uses.
//! - [`tag_conll`]: tags a CoNLL file (evaluation interface).
//! - [`train()`], [`compute_clusters`]: build a model from file contents.
//! - [`evaluate`], [`Score`]: `conlleval`-style entity scoring.
//!
//! This module does no I/O: callers read files and pass their contents.
//!
//! # Rebuilding the model
//!
//! Two deterministic steps (the committed files come out byte for byte):
//!
//! 1. [`compute_clusters`] with [`ClusterOptions::default`] over the
//!    records of
//!    `../shared/corpora/reuters_financial_2006_2013/reuters_financial.jsonl.xz`,
//!    `../shared/corpora/reuters21578/reuters21578.jsonl` and
//!    `../shared/corpora/bbc/bbc.jsonl`, in that order, one text per
//!    JSON line: the title, a blank line, the body. The result, written
//!    with [`Clusters::to_bytes`], is `models/ner-clusters.bin` (about
//!    four minutes on one core, 1 GB of memory).
//! 2. [`train()`] on `../shared/ner/conll2003/train.txt`, tuned on
//!    `dev.txt`, with those clusters and [`TrainOptions::default`]; the
//!    result, written with [`Model::to_bytes`], is `models/ner.bin`
//!    (about 25 seconds).
//!
//! # Example
//!
//! ```
//! use newsdex::extract::{ner, EntityKind};
//! let text = "Scott Bessent met officials in Kuala Lumpur on Saturday.";
//! let found: Vec<(EntityKind, &str)> = ner::recognize(text)
//!     .iter()
//!     .map(|m| (m.kind, &text[m.start..m.end]))
//!     .collect();
//! assert_eq!(
//!     found,
//!     [(EntityKind::Person, "Scott Bessent"),
//!      (EntityKind::Place, "Kuala Lumpur")]
//! );
//! ```

pub mod clusters;
pub mod conll;
mod fast;
mod features;
mod model;
mod table;
pub mod tokenize;
mod train;

use crate::extract::lexicon::TAGGER_BOILERPLATE;
use crate::extract::{EntityKind, Mention, Token};
use model::Workspace;
use std::cell::RefCell;
use std::fmt;
use std::ops::Range;
use std::sync::OnceLock;

pub use crate::hash::hash_bytes;
pub use clusters::{compute_clusters, ClusterOptions, Clusters, WordInfo};
pub use conll::{Label, Score};
pub use model::Model;
pub use tokenize::tokenize;
pub use train::{evaluate, train, train_with_log, TrainOptions};

/// The committed model, embedded at compile time.
static MODEL_BYTES: &[u8] = include_bytes!("../../../models/ner.bin");

/// Returns the embedded model, decoding it on first use.
///
/// # Panics
///
/// Panics if `models/ner.bin` is not a valid model, which the unit tests
/// rule out.
pub fn embedded_model() -> &'static Model {
    static MODEL: OnceLock<Model> = OnceLock::new();
    MODEL.get_or_init(|| {
        Model::from_bytes(MODEL_BYTES)
            .expect("models/ner.bin is a valid model")
    })
}

impl Model {
    /// Tags one document given as words and sentence ranges over them;
    /// returns one IOB2 label per word.
    pub fn tag(
        &self,
        words: &[&str],
        sentences: &[Range<usize>],
    ) -> Vec<Label> {
        let mut out = Vec::with_capacity(words.len());
        with_workspace(|ws| ws.tag_document(self, words, sentences, &mut out));
        out
    }
}

/// Runs `f` with this thread's workspace, whose buffers and word cache
/// last from one document to the next (a fresh one if it is in use).
fn with_workspace<R>(f: impl FnOnce(&mut Workspace) -> R) -> R {
    thread_local! {
        static WORKSPACE: RefCell<Workspace> = RefCell::default();
    }
    WORKSPACE.with(|ws| match ws.try_borrow_mut() {
        Ok(mut ws) => f(&mut ws),
        Err(_) => f(&mut Workspace::default()),
    })
}

/// Tags a CoNLL-format text.
///
/// Writes every input line unchanged followed by a space and the
/// predicted IOB2 tag (`B-PER`, `I-PER`, ..., `O`). Blank lines stay
/// blank and `-DOCSTART-` lines get ` O`. Only the first
/// whitespace-separated column is read; the documents between
/// `-DOCSTART-` lines are the unit for document features.
///
/// # Errors
///
/// Only errors of `out`.
pub fn tag_conll(
    input: &str,
    model: &Model,
    out: &mut impl fmt::Write,
) -> fmt::Result {
    with_workspace(|ws| tag_conll_with(input, model, out, ws))
}

/// [`tag_conll`] with the workspace `ws`.
fn tag_conll_with(
    input: &str,
    model: &Model,
    out: &mut impl fmt::Write,
    ws: &mut Workspace,
) -> fmt::Result {
    let mut lines: Vec<&str> = Vec::new();
    let mut words: Vec<&str> = Vec::new();
    let mut sentences: Vec<Range<usize>> = Vec::new();
    let mut labels: Vec<Label> = Vec::new();
    let mut flush = |lines: &mut Vec<&str>,
                     words: &mut Vec<&str>,
                     sentences: &mut Vec<Range<usize>>,
                     out: &mut dyn fmt::Write|
     -> fmt::Result {
        close_sentence(words.len(), sentences);
        ws.tag_document(model, words, sentences, &mut labels);
        let mut next = labels.iter();
        for line in lines.iter() {
            let trimmed = line.trim_start();
            if trimmed.is_empty() {
                out.write_str(line)?;
            } else if trimmed.starts_with("-DOCSTART-") {
                out.write_str(line)?;
                out.write_str(" O")?;
            } else {
                let l = next.next().copied().unwrap_or(Label::O);
                out.write_str(line)?;
                out.write_char(' ')?;
                out.write_str(l.as_str())?;
            }
            out.write_char('\n')?;
        }
        lines.clear();
        words.clear();
        sentences.clear();
        Ok(())
    };
    for line in input.lines() {
        match line.split_whitespace().next() {
            None => close_sentence(words.len(), &mut sentences),
            Some("-DOCSTART-") => {
                flush(&mut lines, &mut words, &mut sentences, out)?;
            }
            Some(w) => words.push(w),
        }
        lines.push(line);
    }
    flush(&mut lines, &mut words, &mut sentences, out)
}

/// Ends the open sentence (if it has words) at `end`.
fn close_sentence(end: usize, sentences: &mut Vec<Range<usize>>) {
    let start = sentences.last().map_or(0, |r| r.end);
    if end > start {
        sentences.push(start..end);
    }
}

/// Maps spellings that today's news uses but the 1996 training data does
/// not to the old ones: `US` -> `U.S.`, `UK` -> `U.K.`.
fn modern_spelling(word: &str) -> &str {
    match word {
        "US" => "U.S.",
        "UK" => "U.K.",
        _ => word,
    }
}

/// Finds the named entities of an article with the embedded model.
///
/// The whole text is one document. Mentions come in text order, with
/// byte offsets into `text`. Page boilerplate such as `Latest News` is
/// never returned.
pub fn recognize(text: &str) -> Vec<Mention> {
    recognize_with(text, embedded_model())
}

/// [`recognize`] with a given model.
pub fn recognize_with(text: &str, model: &Model) -> Vec<Mention> {
    recognize_tokens(text, &tokenize(text), model)
}

/// [`recognize_with`] on tokens the caller already has (from
/// [`tokenize()`] on the same text), so that a pipeline tokenizes once.
pub fn recognize_tokens(
    text: &str,
    tokens: &[Token],
    model: &Model,
) -> Vec<Mention> {
    let normalized: Vec<std::borrow::Cow<'_, str>>;
    let words: Vec<&str> = if text.is_ascii() {
        // Nothing to normalize: the words are slices of the text.
        tokens.iter().map(|t| modern_spelling(&text[t.start..t.end])).collect()
    } else {
        normalized = tokens
            .iter()
            .map(|t| tokenize::normalize(&text[t.start..t.end]))
            .collect();
        normalized.iter().map(|w| modern_spelling(w.as_ref())).collect()
    };
    let mut sentences: Vec<Range<usize>> = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        if t.sentence_start {
            close_sentence(i, &mut sentences);
        }
    }
    close_sentence(tokens.len(), &mut sentences);
    let labels = model.tag(&words, &sentences);
    let mut out = Vec::new();
    for (s, e, ty) in conll::spans(&labels) {
        let (start, end) = (tokens[s].start, tokens[e - 1].end);
        let surface = &text[start..end];
        if TAGGER_BOILERPLATE.iter().any(|b| surface.eq_ignore_ascii_case(b)) {
            continue;
        }
        let kind = match ty {
            0 => EntityKind::Person,
            1 => EntityKind::Place,
            2 => EntityKind::Org,
            _ => EntityKind::Misc,
        };
        out.push(Mention { kind, start, end });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(text: &str, expected: &[(&str, &str)]) {
        let got: Vec<(String, &str)> = recognize(text)
            .iter()
            .map(|m| {
                let kind = match m.kind {
                    EntityKind::Person => "PER",
                    EntityKind::Place => "LOC",
                    EntityKind::Org => "ORG",
                    EntityKind::Misc => "MISC",
                };
                (kind.to_string(), &text[m.start..m.end])
            })
            .collect();
        let want: Vec<(String, &str)> =
            expected.iter().map(|&(k, s)| (k.to_string(), s)).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn embedded_model_loads() {
        let m = embedded_model();
        assert!(m.features() > 1000);
        assert!(m.cluster_words() > 1000);
    }

    #[test]
    fn tags_the_example_sentence() {
        check(
            "Vice Premier He Lifeng met Scott Bessent in Kuala Lumpur .",
            &[
                ("PER", "He Lifeng"),
                ("PER", "Scott Bessent"),
                ("LOC", "Kuala Lumpur"),
            ],
        );
    }

    #[test]
    fn drops_boilerplate() {
        check("Talks ended in Paris.\nLatest News", &[("LOC", "Paris")]);
    }

    #[test]
    fn tag_conll_appends_tags() {
        let input = "-DOCSTART- -X- -X- O\n\nScott NNP B-NP B-PER\n\
                     Bessent NNP I-NP I-PER\nspoke VBD B-VP O\n\n\
                     -DOCSTART- -X- -X- O\n\nParis\n";
        let mut out = String::new();
        tag_conll(input, embedded_model(), &mut out).unwrap();
        let lines: Vec<&str> = out.lines().collect();
        let originals: Vec<&str> = input.lines().collect();
        assert_eq!(lines.len(), originals.len());
        for (got, orig) in lines.iter().zip(&originals) {
            if orig.is_empty() {
                assert_eq!(*got, "");
            } else {
                let (head, tag) = got.rsplit_once(' ').unwrap();
                assert_eq!(head, *orig);
                assert!(Label::parse(tag).is_some(), "{tag}");
            }
        }
        assert_eq!(lines[0], "-DOCSTART- -X- -X- O O");
        assert_eq!(lines[2], "Scott NNP B-NP B-PER B-PER");
        assert_eq!(lines[3], "Bessent NNP I-NP I-PER I-PER");
        assert!(lines[8].starts_with("Paris "));
    }

    #[test]
    fn model_round_trips() {
        let m = embedded_model();
        let bytes = m.to_bytes();
        assert_eq!(bytes.len(), MODEL_BYTES.len());
        let back = Model::from_bytes(&bytes).unwrap();
        assert_eq!(back.features(), m.features());
        assert!(Model::from_bytes(&bytes[..bytes.len() - 1]).is_none());
    }
}
