use std::process::ExitCode;

use clap::Parser;

/// mimalloc: indexing makes and drops many small strings and vectors,
/// and the system allocator was a tenth of its time.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay` (`mimalloc.h` of the mimalloc 3
/// that libmimalloc-sys 0.1.49 builds; the crate names no constant for
/// it). A test checks that it reads its documented default.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Keeps freed memory for reuse instead of handing it back to the
/// system a second later: tantivy drops its indexing arena at every
/// segment and builds a new one, and every page of it the system hands
/// out again must be zeroed first (about a tenth of indexing CPU).
/// Peak memory is unchanged: what is kept is what was in use before.
fn keep_freed_memory() {
    // SAFETY: sets a plain option; mimalloc reads it when it purges.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, -1) };
}

fn main() -> ExitCode {
    keep_freed_memory();
    let cli = newsdex::cli::Cli::parse();
    match newsdex::cmd::run(cli) {
        Ok(outcome) => ExitCode::from(outcome.code()),
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("newsdex: error: {err:#}");
            ExitCode::from(newsdex::exit::Outcome::Error.code())
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn purge_delay_is_the_option_we_mean() {
        // SAFETY: reads a plain option.
        let delay =
            unsafe { libmimalloc_sys::mi_option_get(super::PURGE_DELAY) };
        // mimalloc's src/options.c: purge_delay defaults to 1000 (ms);
        // the option after it, use_numa_nodes, to 0.
        assert_eq!(delay, 1000);
        let numa =
            unsafe { libmimalloc_sys::mi_option_get(super::PURGE_DELAY + 1) };
        assert_eq!(numa, 0);
    }
}
