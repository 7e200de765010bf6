//! The CoNLL-2003 file format, the IOB2 label set and the scorer.
//!
//! [`parse`] reads a CoNLL file (one token per line, the token in the
//! first column, an optional gold tag in the last; blank lines between
//! sentences; `-DOCSTART-` between documents). Gold tags in IOB1 are
//! turned into IOB2. [`Score`] counts exact-match entity spans the way
//! the `conlleval` script does. This module does not tag anything.

use std::fmt;

/// Entity types in label order.
pub const TYPES: [&str; 4] = ["PER", "LOC", "ORG", "MISC"];

/// Number of IOB2 labels: `O` plus `B-`/`I-` for each type.
pub const N_LABELS: usize = 9;

/// An IOB2 label: 0 is `O`, `1 + 2t` is `B-` and `2 + 2t` is `I-` of
/// type `t` (index into [`TYPES`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct Label(pub u8);

impl Label {
    /// The outside label.
    pub const O: Label = Label(0);

    /// `B-` of type `t`.
    pub fn begin(t: usize) -> Label {
        Label(1 + 2 * t as u8)
    }

    /// `I-` of type `t`.
    pub fn inside(t: usize) -> Label {
        Label(2 + 2 * t as u8)
    }

    /// The entity type, `None` for `O`.
    pub fn kind(self) -> Option<usize> {
        (self.0 != 0).then(|| usize::from((self.0 - 1) / 2))
    }

    /// True for an `I-` label.
    pub fn is_inside(self) -> bool {
        self.0 != 0 && self.0 & 1 == 0
    }

    /// Parses `O`, `B-PER`, `I-LOC`, ...; `None` for anything else.
    pub fn parse(s: &str) -> Option<Label> {
        if s == "O" {
            return Some(Label::O);
        }
        let (bi, ty) = s.split_once('-')?;
        let t = TYPES.iter().position(|&x| x == ty)?;
        match bi {
            "B" => Some(Label::begin(t)),
            "I" => Some(Label::inside(t)),
            _ => None,
        }
    }

    /// The tag text, such as `B-PER`.
    pub fn as_str(self) -> &'static str {
        const NAMES: [&str; N_LABELS] = [
            "O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG",
            "B-MISC", "I-MISC",
        ];
        NAMES[usize::from(self.0) % N_LABELS]
    }

    /// True when this label may follow `prev` in IOB2.
    #[inline]
    pub fn may_follow(self, prev: Label) -> bool {
        !self.is_inside() || (prev.0 != 0 && prev.kind() == self.kind())
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One sentence of a CoNLL file.
#[derive(Clone, Debug, Default)]
pub struct Sentence<'a> {
    /// The tokens (first column).
    pub words: Vec<&'a str>,
    /// Gold labels in IOB2 (`O` where the line had no valid tag).
    pub gold: Vec<Label>,
}

/// A document: the sentences between two `-DOCSTART-` lines.
#[derive(Clone, Debug, Default)]
pub struct Document<'a> {
    /// The sentences, in order.
    pub sentences: Vec<Sentence<'a>>,
}

/// Parses a CoNLL file into documents. A file without `-DOCSTART-`
/// lines is one document.
pub fn parse(input: &str) -> Vec<Document<'_>> {
    let mut docs: Vec<Document<'_>> = vec![Document::default()];
    let mut sent = Sentence::default();
    for line in input.lines() {
        let mut cols = line.split_whitespace();
        let Some(word) = cols.next() else {
            flush(&mut docs, &mut sent);
            continue;
        };
        if word == "-DOCSTART-" {
            flush(&mut docs, &mut sent);
            if docs.last().is_some_and(|d| !d.sentences.is_empty()) {
                docs.push(Document::default());
            }
            continue;
        }
        let tag = cols.last().and_then(Label::parse).unwrap_or(Label::O);
        sent.words.push(word);
        sent.gold.push(tag);
    }
    flush(&mut docs, &mut sent);
    docs.retain(|d| !d.sentences.is_empty());
    docs
}

/// Moves a finished sentence into the last document.
fn flush<'a>(docs: &mut [Document<'a>], sent: &mut Sentence<'a>) {
    if sent.words.is_empty() {
        return;
    }
    to_iob2(&mut sent.gold);
    if let Some(d) = docs.last_mut() {
        d.sentences.push(std::mem::take(sent));
    }
}

/// Rewrites IOB1 (or broken IOB2) into IOB2: an `I-X` that does not
/// continue an `X` becomes `B-X`.
pub fn to_iob2(tags: &mut [Label]) {
    let mut prev = Label::O;
    for t in tags.iter_mut() {
        if !t.may_follow(prev) {
            *t = Label(t.0 - 1);
        }
        prev = *t;
    }
}

/// The entity spans `(start, end, type)` of an IOB label sequence, read
/// the way `conlleval` reads it (an `I-X` after something else starts a
/// new span).
pub fn spans(tags: &[Label]) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    for (i, &t) in tags.iter().enumerate() {
        let continues =
            t.is_inside() && open.is_some_and(|(_, ty)| Some(ty) == t.kind());
        if continues {
            continue;
        }
        if let Some((s, ty)) = open.take() {
            out.push((s, i, ty));
        }
        if let Some(ty) = t.kind() {
            open = Some((i, ty));
        }
    }
    if let Some((s, ty)) = open {
        out.push((s, tags.len(), ty));
    }
    out
}

/// Entity-level counts per type, as `conlleval` reports them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Score {
    /// Correct (exact span and type) per type.
    pub correct: [usize; 4],
    /// Predicted spans per type.
    pub predicted: [usize; 4],
    /// Gold spans per type.
    pub gold: [usize; 4],
}

impl Score {
    /// Adds one sentence.
    pub fn add(&mut self, gold: &[Label], predicted: &[Label]) {
        let g = spans(gold);
        let p = spans(predicted);
        for &(_, _, t) in &g {
            self.gold[t] += 1;
        }
        for &(s, e, t) in &p {
            self.predicted[t] += 1;
            if g.contains(&(s, e, t)) {
                self.correct[t] += 1;
            }
        }
    }

    /// Precision, recall and F1 (in percent) of type `t`, or of all
    /// types with `None`.
    pub fn prf(&self, t: Option<usize>) -> (f64, f64, f64) {
        let sum = |a: &[usize; 4]| match t {
            Some(t) => a[t],
            None => a.iter().sum(),
        };
        let (c, p, g) =
            (sum(&self.correct), sum(&self.predicted), sum(&self.gold));
        let prec = if p == 0 { 0.0 } else { 100.0 * c as f64 / p as f64 };
        let rec = if g == 0 { 0.0 } else { 100.0 * c as f64 / g as f64 };
        let f1 = if prec + rec == 0.0 {
            0.0
        } else {
            2.0 * prec * rec / (prec + rec)
        };
        (prec, rec, f1)
    }

    /// Overall F1 in percent.
    pub fn f1(&self) -> f64 {
        self.prf(None).2
    }
}

impl fmt::Display for Score {
    /// One line per type and one for all, `conlleval` style.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let line =
            |f: &mut fmt::Formatter<'_>, name: &str, t: Option<usize>| {
                let (p, r, f1) = self.prf(t);
                let n = match t {
                    Some(t) => self.gold[t],
                    None => self.gold.iter().sum(),
                };
                writeln!(
                    f,
                    "{name:>5}: precision {p:6.2}%  recall {r:6.2}%  \
                 F1 {f1:6.2}  ({n} gold)"
                )
            };
        line(f, "all", None)?;
        for (t, name) in TYPES.iter().enumerate() {
            line(f, name, Some(t))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(s: &str) -> Vec<Label> {
        s.split_whitespace().map(|t| Label::parse(t).unwrap()).collect()
    }

    #[track_caller]
    fn check(gold: &str, pred: &str, expected: (usize, usize, usize)) {
        let mut score = Score::default();
        score.add(&labels(gold), &labels(pred));
        let c: usize = score.correct.iter().sum();
        let p: usize = score.predicted.iter().sum();
        let g: usize = score.gold.iter().sum();
        assert_eq!((c, p, g), expected);
    }

    #[test]
    fn scorer_counts_exact_spans() {
        check("B-PER I-PER O B-LOC", "B-PER I-PER O B-LOC", (2, 2, 2));
        // Boundary error: neither span is correct.
        check("B-PER I-PER O", "B-PER O O", (0, 1, 1));
        // Type error.
        check("B-ORG O", "B-LOC O", (0, 1, 1));
        // I- after O starts a span, as in conlleval.
        check("B-LOC O", "I-LOC O", (1, 1, 1));
        // Adjacent spans of one type.
        check("B-PER B-PER", "B-PER I-PER", (0, 1, 2));
    }

    #[test]
    fn prf_figures() {
        let mut s = Score::default();
        s.add(&labels("B-PER O B-LOC"), &labels("B-PER O B-ORG"));
        let (p, r, f) = s.prf(None);
        assert_eq!((p, r, f), (50.0, 50.0, 50.0));
        assert_eq!(s.prf(Some(0)), (100.0, 100.0, 100.0));
        assert!(s.to_string().contains("PER"));
    }

    #[test]
    fn parse_documents_and_iob1() {
        let text = "-DOCSTART- -X- -X- O\n\nEU NNP B-NP I-ORG\n\
                    rejects VBZ B-VP O\n\nPeter x x I-PER\n\n\
                    -DOCSTART- -X- -X- O\n\nBonn x x I-LOC\n";
        let docs = parse(text);
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].sentences.len(), 2);
        assert_eq!(docs[0].sentences[0].words, ["EU", "rejects"]);
        assert_eq!(docs[0].sentences[0].gold, labels("B-ORG O"));
        assert_eq!(docs[1].sentences[0].gold, labels("B-LOC"));
    }
}
