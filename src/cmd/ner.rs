//! `newsdex ner --conll [FILE]`: the entity tagger on CoNLL-2003 text,
//! the interface its accuracy is measured through.

use std::io::{Read, Write};

use anyhow::Context;

use crate::cli::NerArgs;
use crate::exit::Outcome;
use crate::extract::ner;

/// Runs `newsdex ner`.
///
/// # Errors
///
/// Fails when the input cannot be read or is not UTF-8.
pub fn run(args: &NerArgs) -> anyhow::Result<Outcome> {
    let input = match args.file.as_deref() {
        None => read_stdin()?,
        Some(p) if p.as_os_str() == "-" => read_stdin()?,
        Some(p) => std::fs::read_to_string(p)
            .with_context(|| format!("cannot read {}", p.display()))?,
    };
    let mut tagged = String::with_capacity(input.len() + input.len() / 4);
    ner::tag_conll(&input, ner::embedded_model(), &mut tagged)
        .context("tagging failed")?;
    let mut out = std::io::stdout().lock();
    out.write_all(tagged.as_bytes())?;
    out.flush()?;
    Ok(Outcome::Success)
}

fn read_stdin() -> anyhow::Result<String> {
    let mut s = String::new();
    std::io::stdin()
        .read_to_string(&mut s)
        .context("cannot read standard input (is it UTF-8?)")?;
    Ok(s)
}
