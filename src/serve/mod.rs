//! `newsdex serve`: the index over HTTP, for a browser and for programs.
//!
//! One process opens the index once and answers:
//!
//! - `/`: the page (`page/index.html`, `page/app.js`, `page/app.css`,
//!   compiled into the binary by [`assets`]; nothing is read from disk);
//! - `/api/v1/...`: the JSON API ([`api`]). Each endpoint parses its
//!   query parameters as the flags of the matching command and answers
//!   with the very document that command's `--json` prints, made by the
//!   same functions of `cmd/`.
//!
//! Searching is CPU work: it runs on tokio's blocking threads, at most
//! [`Config::workers`] at once, while the async threads only read
//! requests and write answers. Every request passes [`guard`]: the
//! security headers, a caught panic (500, the server goes on), the
//! token, the `Host` check of a loopback server, the cap on requests in
//! progress and the time limit.
//!
//! Answers of the report endpoints are kept ([`cache`]) for requests
//! asked again on the same snapshot of the index.
//!
//! The index is read from one snapshot; once a second a task checks the
//! index's list of segments, and after a commit by `newsdex index` in
//! another process it opens the index again (vocabulary and entity
//! table included) and swaps the new engine in. Requests in progress
//! finish on the old one.

mod api;
mod assets;
mod cache;
mod guard;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, PoisonError, RwLock};
use std::time::Duration;

use anyhow::Context;
use axum::routing::get;
use axum::Router;
use tokio::sync::Semaphore;

use crate::query::Engine;

/// How a server runs: `newsdex serve`'s flags, checked.
#[derive(Clone, Debug)]
pub struct Config {
    /// Where to listen.
    pub bind: SocketAddr,
    /// The secret every request must carry, if any.
    pub token: Option<String>,
    /// Requests in progress at once; more get 503.
    pub max_requests: usize,
    /// How long one request may take; longer ones get 503.
    pub timeout: Duration,
    /// Searches run at once; more wait for a turn.
    pub workers: usize,
    /// Bytes of answers kept for requests asked again; 0 keeps none.
    pub cache_bytes: usize,
}

/// The open index, kept up to date with the one on disk.
struct Index {
    dir: PathBuf,
    aliases: Option<PathBuf>,
    current: RwLock<Arc<Engine>>,
    /// How many times the index was opened again: answers made from
    /// another generation are stale.
    generation: AtomicU64,
}

impl Index {
    /// The engine requests use now.
    fn engine(&self) -> Arc<Engine> {
        self.current.read().unwrap_or_else(PoisonError::into_inner).clone()
    }

    /// The generation of the engine requests use now. Read before
    /// [`Index::engine`], it is never newer than that engine's.
    fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }

    /// Opens the index again when it changed on disk; true when it did.
    fn refresh(&self) -> anyhow::Result<bool> {
        if self.engine().is_current()? {
            return Ok(false);
        }
        let fresh = open(&self.dir, self.aliases.as_deref())?;
        *self.current.write().unwrap_or_else(PoisonError::into_inner) =
            Arc::new(fresh);
        self.generation.fetch_add(1, Ordering::AcqRel);
        Ok(true)
    }
}

/// What every request sees.
struct State {
    index: Index,
    config: Config,
    /// Turns for the blocking searches.
    workers: Semaphore,
    /// Requests in progress.
    in_flight: Semaphore,
    /// Answers kept for requests asked again.
    cache: cache::Cache,
}

/// Serves the index at `dir` until Ctrl-C or SIGTERM; requests in
/// progress are answered before it returns.
///
/// # Errors
///
/// An index that does not open, an address that cannot be bound.
pub fn run(
    dir: &Path,
    aliases: Option<PathBuf>,
    config: Config,
) -> anyhow::Result<()> {
    let engine = open(dir, aliases.as_deref())?;
    for note in engine.vocab.merges_notes() {
        eprintln!("newsdex: {note}");
    }
    let blocking_threads = config.workers + 1;
    let state = Arc::new(State {
        index: Index {
            dir: dir.to_path_buf(),
            aliases,
            current: RwLock::new(Arc::new(engine)),
            generation: AtomicU64::new(0),
        },
        workers: Semaphore::new(config.workers),
        in_flight: Semaphore::new(config.max_requests),
        cache: cache::Cache::new(config.cache_bytes),
        config,
    });
    // Requests run on blocking threads, `workers` at a time: a pool of
    // that many threads (and one for reopening the index) is all they
    // use. Without the cap tokio starts a new thread whenever none is
    // idle at the moment a request is handed over, up to 512, and each
    // keeps its allocator's memory: memory then grew with load.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .max_blocking_threads(blocking_threads)
        .build()
        .context("cannot start the server's threads")?;
    runtime.block_on(serve(state))
}

/// Opens the index for serving: with every record's id, story, date
/// and source and every facet value in memory, which spares searches
/// most of their reads of the document store and of the facet
/// dictionaries.
fn open(dir: &Path, aliases: Option<&Path>) -> anyhow::Result<Engine> {
    let mut engine = Engine::open_with_aliases(dir, aliases)?;
    engine.keep_in_memory()?;
    Ok(engine)
}

async fn serve(state: Arc<State>) -> anyhow::Result<()> {
    let bind = state.config.bind;
    let stop = stop_signal()?;
    let listener = tokio::net::TcpListener::bind(bind)
        .await
        .with_context(|| format!("cannot listen on {bind}"))?;
    let addr = listener.local_addr().context("no local address")?;
    eprintln!(
        "newsdex: serving {} at http://{addr}/ (Ctrl-C stops)",
        state.index.dir.display()
    );
    tokio::spawn(keep_fresh(Arc::clone(&state)));
    axum::serve(listener, router(state))
        .with_graceful_shutdown(stop)
        .await
        .context("the server failed")?;
    eprintln!("newsdex: stopped");
    Ok(())
}

/// The routes, behind the guards.
fn router(state: Arc<State>) -> Router {
    app(state, Router::new())
}

/// The routes and `extra` ones (tests add routes that panic or hang),
/// behind the guards: the last layer added is the outermost.
fn app(state: Arc<State>, extra: Router<Arc<State>>) -> Router {
    use axum::middleware::{from_fn, from_fn_with_state};
    Router::new()
        .route("/", get(assets::page))
        .route("/assets/{name}", get(assets::asset))
        .route("/api/v1/search", get(api::search))
        .route("/api/v1/facets", get(api::facets))
        .route("/api/v1/timeline", get(api::timeline))
        .route("/api/v1/related", get(api::related))
        .route("/api/v1/entities", get(api::entities))
        .route("/api/v1/article", get(api::article))
        .route("/api/v1/stats", get(api::stats))
        .merge(extra)
        .fallback(guard::not_found)
        .method_not_allowed_fallback(guard::read_only)
        .layer(from_fn_with_state(Arc::clone(&state), guard::limits))
        .layer(from_fn_with_state(Arc::clone(&state), guard::admit))
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(
            guard::panicked,
        ))
        .layer(from_fn(guard::headers))
        .with_state(state)
}

/// Once a second, opens the index again if another process committed
/// to it. A failure (an index being rebuilt) is reported once, and the
/// last engine goes on serving.
async fn keep_fresh(state: Arc<State>) {
    let mut last_error = String::new();
    loop {
        tokio::time::sleep(Duration::from_secs(1)).await;
        let s = Arc::clone(&state);
        let done =
            tokio::task::spawn_blocking(move || s.index.refresh()).await;
        match done {
            Ok(Ok(true)) => {
                state.cache.clear();
                eprintln!(
                    "newsdex: the index changed: now serving its last commit"
                );
                last_error.clear();
            }
            Ok(Ok(false)) => last_error.clear(),
            Ok(Err(err)) => {
                let message = format!("{err:#}");
                if message != last_error {
                    eprintln!(
                        "newsdex: cannot open the changed index, serving the \
                         last one: {message}"
                    );
                    last_error = message;
                }
            }
            Err(_) => eprintln!("newsdex: reloading the index panicked"),
        }
    }
}

/// Ctrl-C, or SIGTERM where there are signals. The handlers are
/// installed when this is called, before the server says it serves, so
/// that a signal sent as soon as it does is not missed.
fn stop_signal() -> anyhow::Result<impl std::future::Future<Output = ()>> {
    #[cfg(unix)]
    let stop = {
        use tokio::signal::unix::{signal, SignalKind};
        let mut int =
            signal(SignalKind::interrupt()).context("cannot handle Ctrl-C")?;
        let mut term = signal(SignalKind::terminate())
            .context("cannot handle SIGTERM")?;
        async move {
            tokio::select! {
                _ = int.recv() => {},
                _ = term.recv() => {},
            }
        }
    };
    #[cfg(not(unix))]
    let stop = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    Ok(async move {
        stop.await;
        eprintln!("newsdex: stopping: answering the requests in progress");
    })
}

#[cfg(test)]
mod tests {
    //! The guards that need a handler that misbehaves: a panic, a slow
    //! request. The routes are added to the real router, behind the
    //! real layers, on an empty index.

    use std::io::{Read, Write};
    use std::net::TcpStream;

    use super::*;

    /// Starts a server with test routes on a free port; it runs until
    /// the test process ends.
    fn start(max_requests: usize, timeout: Duration) -> SocketAddr {
        let dir = tempfile::tempdir().unwrap().keep();
        crate::index::open_or_create(&dir).unwrap();
        let engine = Engine::open(&dir).unwrap();
        let config = Config {
            bind: "127.0.0.1:0".parse().unwrap(),
            token: None,
            max_requests,
            timeout,
            workers: 1,
            cache_bytes: 0,
        };
        let state = Arc::new(State {
            index: Index {
                dir,
                aliases: None,
                current: RwLock::new(Arc::new(engine)),
                generation: AtomicU64::new(0),
            },
            workers: Semaphore::new(1),
            in_flight: Semaphore::new(max_requests),
            cache: cache::Cache::new(0),
            config,
        });
        let extra: Router<Arc<State>> = Router::new()
            .route("/test/panic", get(boom))
            .route(
                "/test/panic-blocking",
                get(
                    |axum::extract::State(s): axum::extract::State<
                        Arc<State>,
                    >| async move {
                        api::blocking(&s, |_| -> Result<(), guard::ApiError> {
                            panic!("a search's bug")
                        })
                        .await
                    },
                ),
            )
            .route(
                "/test/slow",
                get(|| async {
                    tokio::time::sleep(Duration::from_millis(1500)).await;
                    "done"
                }),
            );
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let rt = tokio::runtime::Runtime::new().unwrap();
            rt.block_on(async move {
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                    .await
                    .unwrap();
                tx.send(listener.local_addr().unwrap()).unwrap();
                axum::serve(listener, app(state, extra)).await.unwrap();
            });
        });
        rx.recv().unwrap()
    }

    async fn boom() -> &'static str {
        panic!("a handler's bug")
    }

    /// The status line and body of a GET.
    fn get_status(addr: SocketAddr, path: &str) -> (u16, String) {
        let mut s = TcpStream::connect(addr).unwrap();
        write!(s, "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
            .unwrap();
        let mut text = String::new();
        s.read_to_string(&mut text).unwrap();
        let code = text[9..12].parse().unwrap();
        let body =
            text.split_once("\r\n\r\n").map_or("", |(_, b)| b).to_string();
        (code, body)
    }

    #[test]
    fn a_panic_is_a_500_and_the_server_goes_on() {
        let addr = start(8, Duration::from_secs(10));
        for path in ["/test/panic", "/test/panic-blocking"] {
            let (code, body) = get_status(addr, path);
            assert_eq!(code, 500, "{path}");
            assert!(
                body.contains("\"error\"") && body.contains("bug"),
                "{body}"
            );
        }
        assert_eq!(get_status(addr, "/api/v1/stats").0, 200);
        assert_eq!(get_status(addr, "/test/panic").0, 500);
        assert_eq!(get_status(addr, "/api/v1/search?q=x").0, 200);
    }

    #[test]
    fn a_request_over_the_time_limit_gets_503() {
        let addr = start(8, Duration::from_millis(200));
        let (code, body) = get_status(addr, "/test/slow");
        assert_eq!(code, 503);
        assert!(body.contains("longer than 0.2 s"), "{body}");
        assert_eq!(get_status(addr, "/api/v1/stats").0, 200);
    }

    #[test]
    fn requests_over_the_cap_get_503_at_once() {
        let addr = start(1, Duration::from_secs(10));
        let slow = std::thread::spawn(move || get_status(addr, "/test/slow"));
        std::thread::sleep(Duration::from_millis(400));
        let (code, body) = get_status(addr, "/api/v1/stats");
        assert_eq!(code, 503);
        assert!(body.contains("too many requests"), "{body}");
        assert_eq!(slow.join().unwrap().0, 200);
        assert_eq!(get_status(addr, "/api/v1/stats").0, 200);
    }
}
