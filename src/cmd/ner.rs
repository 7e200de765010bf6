//! `newsdex ner --conll [FILE]`: the entity tagger on CoNLL-2003 text,
//! the interface its accuracy is measured through; `ner-train` and
//! `ner-clusters`, which rebuild the committed model:
//!
//! ```sh
//! xz -dc ../shared/corpora/reuters_financial_2006_2013/reuters_financial.jsonl.xz \
//!   | newsdex ner-clusters --out models/ner-clusters.bin - \
//!       ../shared/corpora/reuters21578/reuters21578.jsonl \
//!       ../shared/corpora/bbc/bbc.jsonl
//! newsdex ner-train --train ../shared/ner/conll2003/train.txt \
//!   --dev ../shared/ner/conll2003/dev.txt \
//!   --clusters models/ner-clusters.bin --out models/ner.bin
//! ```

use std::io::{BufRead, Read, Write};
use std::path::Path;

use anyhow::Context;

use crate::cli::{NerArgs, NerClustersArgs, NerTrainArgs};
use crate::exit::Outcome;
use crate::extract::ner::{self, ClusterOptions, Clusters, TrainOptions};

/// Runs `newsdex ner`.
///
/// # Errors
///
/// Fails when the input cannot be read or is not UTF-8.
pub fn run(args: &NerArgs) -> anyhow::Result<Outcome> {
    let input = match args.file.as_deref() {
        None => read_stdin()?,
        Some(p) if p.as_os_str() == "-" => read_stdin()?,
        Some(p) => read(p)?,
    };
    let loaded = args.model.as_deref().map(load_model).transpose()?;
    let model = loaded.as_ref().unwrap_or_else(|| ner::embedded_model());
    let mut tagged = String::with_capacity(input.len() + input.len() / 4);
    ner::tag_conll(&input, model, &mut tagged).context("tagging failed")?;
    let mut out = std::io::stdout().lock();
    out.write_all(tagged.as_bytes())?;
    out.flush()?;
    if args.score {
        eprint!("{}", ner::evaluate(model, &input));
    }
    Ok(Outcome::Success)
}

/// Runs `newsdex ner-train`.
///
/// # Errors
///
/// Unreadable inputs, invalid clusters, an unwritable output.
pub fn train(args: &NerTrainArgs) -> anyhow::Result<Outcome> {
    let train = read(&args.train)?;
    let dev = args.dev.as_deref().map(read).transpose()?;
    let bytes = std::fs::read(&args.clusters)
        .with_context(|| format!("cannot read {}", args.clusters.display()))?;
    let (clusters, _) = Clusters::from_bytes(&bytes).with_context(|| {
        format!("{} is not a clusters file", args.clusters.display())
    })?;
    let d = TrainOptions::default();
    let opts = TrainOptions {
        epochs: args.epochs.unwrap_or(d.epochs),
        seeds: args.seeds.unwrap_or(d.seeds),
        prune: args.prune.unwrap_or(d.prune),
        ..d
    };
    let model = ner::train_with_log(
        &train,
        dev.as_deref(),
        &clusters,
        &opts,
        &mut |line| eprintln!("newsdex: {line}"),
    );
    write(&args.out, &model.to_bytes())?;
    Ok(Outcome::Success)
}

/// Runs `newsdex ner-clusters`: every JSON Lines record becomes one text,
/// its title, a blank line and its body; lines that are not JSON are
/// skipped.
///
/// # Errors
///
/// Unreadable inputs, an unwritable output.
pub fn clusters(args: &NerClustersArgs) -> anyhow::Result<Outcome> {
    let mut texts = Vec::new();
    for input in &args.inputs {
        let reader: Box<dyn BufRead> = if input.as_os_str() == "-" {
            Box::new(std::io::stdin().lock())
        } else {
            let f = std::fs::File::open(input)
                .with_context(|| format!("cannot read {}", input.display()))?;
            Box::new(std::io::BufReader::new(f))
        };
        for line in reader.lines() {
            let line = line
                .with_context(|| format!("cannot read {}", input.display()))?;
            let Ok(v) = serde_json::from_str::<serde_json::Value>(&line)
            else {
                continue;
            };
            let field = |k: &str| v[k].as_str().unwrap_or("").to_string();
            texts.push(format!("{}\n\n{}", field("title"), field("body")));
        }
    }
    eprintln!("newsdex: learning clusters from {} texts", texts.len());
    let clusters = ner::compute_clusters(&texts, &ClusterOptions::default());
    write(&args.out, &clusters.to_bytes())?;
    Ok(Outcome::Success)
}

/// Reads a model written by `ner-train`.
fn load_model(path: &Path) -> anyhow::Result<ner::Model> {
    let bytes = std::fs::read(path)
        .with_context(|| format!("cannot read {}", path.display()))?;
    ner::Model::from_bytes(&bytes)
        .with_context(|| format!("{} is not a model", path.display()))
}

fn read(path: &Path) -> anyhow::Result<String> {
    std::fs::read_to_string(path)
        .with_context(|| format!("cannot read {}", path.display()))
}

fn write(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    std::fs::write(path, bytes)
        .with_context(|| format!("cannot write {}", path.display()))
}

fn read_stdin() -> anyhow::Result<String> {
    let mut s = String::new();
    std::io::stdin()
        .read_to_string(&mut s)
        .context("cannot read standard input (is it UTF-8?)")?;
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads_a_model_file_and_refuses_other_files() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
        let m = load_model(&dir.join("models/ner.bin")).unwrap();
        assert_eq!(m.features(), ner::embedded_model().features());
        let err = load_model(&dir.join("Cargo.toml")).unwrap_err();
        assert!(err.to_string().contains("is not a model"), "{err}");
    }
}
