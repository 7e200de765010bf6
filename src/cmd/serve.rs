//! `newsdex serve`: checks the flags, opens the index once, and hands
//! both to [`crate::serve`], which answers until Ctrl-C or SIGTERM.

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::bail;

use crate::cli::ServeArgs;
use crate::exit::Outcome;
use crate::serve::Config;

/// Runs `newsdex serve`.
///
/// # Errors
///
/// A bind to an address other than loopback without a token, a bad
/// `--timeout`, an index that does not open, an address already in use.
pub fn run(index_dir: &Path, args: &ServeArgs) -> anyhow::Result<Outcome> {
    let token = args.token.clone().filter(|t| !t.is_empty());
    if !args.bind.ip().is_loopback() && token.is_none() {
        bail!(
            "--bind {} is reachable from other machines: give a secret \
             with --token or NEWSDEX_TOKEN, which every request must then \
             carry",
            args.bind
        );
    }
    if !(args.timeout.is_finite() && args.timeout > 0.0) {
        bail!("--timeout {} is not a number of seconds above 0", args.timeout);
    }
    let workers = match args.workers {
        Some(n) => n as usize,
        None => std::thread::available_parallelism().map_or(2, |n| n.get()),
    };
    let config = Config {
        bind: args.bind,
        token,
        max_requests: args.max_requests as usize,
        timeout: Duration::from_secs_f64(args.timeout),
        workers,
        cache_bytes: args.cache as usize * 1024 * 1024,
    };
    let aliases: Option<PathBuf> = super::ALIASES.get().cloned();
    crate::serve::run(index_dir, aliases, config)?;
    Ok(Outcome::Success)
}
