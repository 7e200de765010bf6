use std::process::ExitCode;

use clap::Parser;

/// mimalloc: indexing makes and drops many small strings and vectors,
/// and the system allocator was a tenth of its time.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
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
