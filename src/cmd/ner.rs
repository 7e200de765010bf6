//! `newsdex ner --conll [FILE]`: the tagger on CoNLL-2003 text.
use crate::cli::NerArgs;
use crate::exit::Outcome;

/// Runs `newsdex ner`.
///
/// # Errors
///
/// Fails when the input cannot be read.
pub fn run(_args: &NerArgs) -> anyhow::Result<Outcome> {
    anyhow::bail!("TEMPORARY: the tagger is not wired yet")
}
