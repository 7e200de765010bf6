//! Tagging speed of the named-entity tagger on the CoNLL-2003
//! development file.
//!
//! Reads the file named by `NEWSDEX_CONLL_DEV` (default
//! `../shared/ner/conll2003/dev.txt`); prints a note and exits when it
//! is missing. Run with `cargo bench --bench ner`.

use newsdex::extract::ner;
use std::time::Instant;

fn main() {
    let path = std::env::var("NEWSDEX_CONLL_DEV")
        .unwrap_or_else(|_| "../shared/ner/conll2003/dev.txt".to_string());
    let Ok(text) = std::fs::read_to_string(&path) else {
        println!("ner bench: {path} not found, skipping");
        return;
    };
    let model = ner::embedded_model();
    let tokens = text
        .lines()
        .filter(|l| {
            l.split_whitespace().next().is_some_and(|w| w != "-DOCSTART-")
        })
        .count();
    let mut out = String::with_capacity(text.len() * 2);
    // Warm up, then take the best of several runs.
    ner::tag_conll(&text, model, &mut out).expect("writing to a String");
    let (mut best, mut best_cpu) = (f64::MAX, f64::MAX);
    for _ in 0..10 {
        out.clear();
        let (t, cpu) = (Instant::now(), cpu_seconds());
        ner::tag_conll(&text, model, &mut out).expect("writing to a String");
        best = best.min(t.elapsed().as_secs_f64());
        if let (Some(a), Some(b)) = (cpu, cpu_seconds()) {
            best_cpu = best_cpu.min(b - a);
        }
    }
    println!(
        "ner: tagged {tokens} tokens of {path} in {:.1} ms: {:.0} tokens/s",
        best * 1e3,
        tokens as f64 / best
    );
    if best_cpu < f64::MAX {
        println!(
            "ner: {:.1} ms of CPU time: {:.0} tokens/s per CPU second",
            best_cpu * 1e3,
            tokens as f64 / best_cpu
        );
    }
    let score = ner::evaluate(model, &text);
    print!("{score}");
}

/// CPU time of this thread (Linux only), which leaves out the time the
/// thread waited for a core on a busy machine.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}
