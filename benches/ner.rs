//! Tagging speed of the named-entity tagger.
//!
//! Two measurements, each skipped with a note when its data is missing:
//!
//! - CoNLL: the development file named by `NEWSDEX_CONLL_DEV` (default
//!   `../shared/ner/conll2003/dev.txt`) through [`ner::tag_conll`],
//!   with its entity scores.
//! - Reuters: the article bodies of the first `NEWSDEX_REUTERS_N`
//!   records (default all) of the JSON-lines file named by
//!   `NEWSDEX_REUTERS_JSONL` (default
//!   `../shared/corpora/reuters21578/reuters21578.jsonl`), tokenized
//!   once and tagged through [`ner::recognize_tokens`], the entry point
//!   that indexing uses. Hard-wrapped lines are joined first, as
//!   indexing does. Prints articles/s and tokens/s of the tagger alone
//!   and with the tokenizer, and a checksum of the mentions found (equal
//!   checksums mean equal output).
//!
//! Run with `cargo bench --bench ner`. Times are the best of several
//! runs, in wall-clock and in CPU time of the thread.

use newsdex::extract::{ner, Mention, Token};
use std::time::Instant;

fn main() {
    conll();
    reuters();
}

/// Tags the CoNLL development file.
fn conll() {
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
    let (wall, cpu) = best_of(10, || {
        out.clear();
        let a = cpu_seconds();
        ner::tag_conll(&text, model, &mut out).expect("writing to a String");
        Some(cpu_seconds()? - a?)
    });
    println!(
        "ner: tagged {tokens} tokens of {path} in {:.1} ms: {:.0} tokens/s",
        wall * 1e3,
        tokens as f64 / wall
    );
    if let Some(cpu) = cpu {
        println!(
            "ner: {:.1} ms of CPU time: {:.0} tokens/s per CPU second",
            cpu * 1e3,
            tokens as f64 / cpu
        );
    }
    let score = ner::evaluate(model, &text);
    print!("{score}");
}

/// One article of the Reuters file.
#[derive(serde::Deserialize)]
struct Record {
    #[serde(default)]
    body: String,
}

/// Tags the article bodies of the Reuters file.
fn reuters() {
    let path = std::env::var("NEWSDEX_REUTERS_JSONL").unwrap_or_else(|_| {
        "../shared/corpora/reuters21578/reuters21578.jsonl".to_string()
    });
    let n: usize = std::env::var("NEWSDEX_REUTERS_N")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(usize::MAX);
    let Ok(file) = std::fs::read_to_string(&path) else {
        println!("ner bench: {path} not found, skipping");
        return;
    };
    let bodies: Vec<String> = file
        .lines()
        .take(n)
        .filter_map(|l| serde_json::from_str::<Record>(l).ok())
        .map(|r| newsdex::extract::unwrap_lines(&r.body))
        .collect();
    let model = ner::embedded_model();
    let tokenized: Vec<Vec<Token>> =
        bodies.iter().map(|b| ner::tokenize(b)).collect();
    let tokens: usize = tokenized.iter().map(Vec::len).sum();
    let mut found: Vec<Vec<Mention>> = Vec::new();
    let tag_all = |found: &mut Vec<Vec<Mention>>| {
        found.clear();
        for (b, t) in bodies.iter().zip(&tokenized) {
            found.push(ner::recognize_tokens(b, t, model));
        }
    };
    // Each pass runs on a new thread, so that it starts with empty
    // per-thread buffers and caches, as an indexing run does.
    let (wall, cpu) = best_of(3, || in_new_thread(|| tag_all(&mut found)));
    let articles = bodies.len() as f64;
    println!(
        "ner reuters: {} articles, {tokens} tokens of {path}",
        bodies.len()
    );
    let line = |what: &str, secs: f64| {
        println!(
            "ner reuters: {what}: {:.1} ms: {:.0} articles/s, {:.0} tokens/s",
            secs * 1e3,
            articles / secs,
            tokens as f64 / secs
        );
    };
    line("tagger, wall", wall);
    if let Some(cpu) = cpu {
        line("tagger, CPU", cpu);
    }
    let (wall, cpu) = best_of(3, || {
        in_new_thread(|| {
            for b in &bodies {
                std::hint::black_box(ner::recognize_tokens(
                    b,
                    &ner::tokenize(b),
                    model,
                ));
            }
        })
    });
    line("tokenizer + tagger, wall", wall);
    if let Some(cpu) = cpu {
        line("tokenizer + tagger, CPU", cpu);
    }
    let mut sum = 0u64;
    let mut count = 0usize;
    for (b, ms) in bodies.iter().zip(&found) {
        for m in ms {
            let key =
                format!("{:?}:{}:{}", m.kind, m.start, &b[m.start..m.end]);
            sum = sum
                .wrapping_mul(31)
                .wrapping_add(ner::hash_bytes(key.as_bytes()));
            count += 1;
        }
        sum = sum.wrapping_mul(31).wrapping_add(1);
    }
    println!("ner reuters: {count} mentions, checksum {sum:016x}");
}

/// Runs `f` `runs` times; returns the best wall-clock and CPU seconds
/// (the CPU time that `f` returns, when it does).
fn best_of(
    runs: usize,
    mut f: impl FnMut() -> Option<f64>,
) -> (f64, Option<f64>) {
    let (mut best, mut best_cpu) = (f64::MAX, None::<f64>);
    for _ in 0..runs {
        let t = Instant::now();
        let cpu = f();
        best = best.min(t.elapsed().as_secs_f64());
        if let Some(c) = cpu {
            best_cpu = Some(best_cpu.map_or(c, |b: f64| b.min(c)));
        }
    }
    (best, best_cpu)
}

/// Runs `f` on a new thread; returns the CPU seconds it took there.
fn in_new_thread(f: impl FnOnce() + Send) -> Option<f64> {
    std::thread::scope(|s| {
        s.spawn(|| {
            let a = cpu_seconds();
            f();
            Some(cpu_seconds()? - a?)
        })
        .join()
        .expect("the tagging thread does not panic")
    })
}

/// CPU time of this thread (Linux only), which leaves out the time the
/// thread waited for a core on a busy machine.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}
