//! The JSON API: `/api/v1/ENDPOINT?PARAMS`.
//!
//! An endpoint's parameters are the flags of its command, without the
//! dashes (`sort=date` is `--sort date`, `facet-top=5` or `facet_top=5`
//! is `--facet-top 5`, a switch such as `about` is on with `about`,
//! `about=true` or `about=1`), repeated for flags that repeat
//! (`person=A&person=B`); `q` is the query. They are parsed by the
//! command's own clap definition, so the API and the command line
//! accept the same values and name the same problems, and the answer
//! is what `--json` prints, made by the same function of `cmd/`. Flags
//! that read files or choose another output (`--queries`, `--json`,
//! `--index`, ...) are not parameters.

use std::sync::{Arc, OnceLock};

use axum::body::Bytes;
use axum::extract::{RawQuery, State as With};
use axum::http::StatusCode;
use axum::response::Response;
use clap::{Args, FromArgMatches};

use super::cache::Cache;
use super::guard::{json_bytes, json_response, ApiError};
use super::State;
use crate::cli::{
    EntitiesArgs, FacetsArgs, FilterArgs, RelatedArgs, SearchArgs,
    TimelineArgs,
};
use crate::cmd::{self, Backend};
use crate::query::Engine;

/// The most hits one search returns (`limit`).
pub const MAX_LIMIT: usize = 100;
/// The most hits one search skips (`offset`).
pub const MAX_OFFSET: usize = 10_000;
/// The most values one list returns (`top`, `facet-top`).
pub const MAX_TOP: usize = 1000;
/// The longest query string (the part after `?`), in bytes.
pub const MAX_QUERY_STRING: usize = 16 * 1024;

/// Flags that are never parameters: they read files, pick another
/// output format, or are not the API's to choose.
const NOT_PARAMETERS: [&str; 9] = [
    "queries", "timings", "json", "jsonl", "csv", "color", "explain", "help",
    "version",
];

/// How an endpoint's parameters become its command's arguments.
struct Endpoint {
    /// The command's name, for messages.
    command: &'static str,
    /// The parameter that is the command's positional argument.
    positional: &'static str,
    /// The flag `q` stands for when `q` is not the positional argument.
    q_flag: Option<&'static str>,
    /// The command's clap definition, built once.
    parser: &'static OnceLock<clap::Command>,
}

impl Endpoint {
    /// Parses the query string as the command's flags.
    fn parse<A: Args + FromArgMatches>(
        &self,
        query: Option<&str>,
    ) -> Result<A, ApiError> {
        let parser = self.parser.get_or_init(|| {
            A::augment_args(
                clap::Command::new(self.command).no_binary_name(true),
            )
        });
        let argv = self.argv(parser, query.unwrap_or(""))?;
        let matches = parser
            .clone()
            .try_get_matches_from(argv)
            .map_err(|e| ApiError::bad(clap_message(&e)))?;
        A::from_arg_matches(&matches)
            .map_err(|e| ApiError::bad(clap_message(&e)))
    }

    /// The command-line arguments the parameters stand for.
    fn argv(
        &self,
        parser: &clap::Command,
        query: &str,
    ) -> Result<Vec<String>, ApiError> {
        if query.len() > MAX_QUERY_STRING {
            return Err(ApiError::bad(format!(
                "the query string is longer than {MAX_QUERY_STRING} bytes"
            )));
        }
        let mut argv = Vec::new();
        let mut positional = None;
        for (key, value) in form_urlencoded::parse(query.as_bytes()) {
            let key = key.replace('_', "-");
            if key == "token" {
                continue; // the guard's
            }
            if key == self.positional {
                if positional.replace(value.into_owned()).is_some() {
                    return Err(ApiError::bad(format!(
                        "`{key}` is given twice"
                    )));
                }
                continue;
            }
            let flag = match (key.as_str(), self.q_flag) {
                ("q", Some(flag)) => flag,
                _ => key.as_str(),
            };
            let arg = parser
                .get_arguments()
                .find(|a| a.get_long() == Some(flag))
                .filter(|_| !NOT_PARAMETERS.contains(&flag));
            let Some(arg) = arg else {
                return Err(ApiError::bad(format!(
                    "unknown parameter `{key}` for /api/v1/{}: known are {}",
                    self.command,
                    self.known(parser).join(", ")
                )));
            };
            if arg.get_action().takes_values() {
                argv.push(format!("--{flag}={value}"));
            } else {
                match value.as_ref() {
                    "" | "true" | "1" | "yes" | "on" => {
                        argv.push(format!("--{flag}"))
                    }
                    "false" | "0" | "no" | "off" => {}
                    other => {
                        return Err(ApiError::bad(format!(
                            "`{key}` is a switch: true or false, not {other:?}"
                        )))
                    }
                }
            }
        }
        if let Some(p) = positional {
            argv.push("--".to_string());
            argv.push(p);
        }
        Ok(argv)
    }

    /// The parameters this endpoint takes, for messages.
    fn known(&self, parser: &clap::Command) -> Vec<String> {
        let mut names = vec![self.positional.to_string()];
        if self.q_flag.is_some() {
            names.push("q".to_string());
        }
        names.extend(
            parser
                .get_arguments()
                .filter_map(|a| a.get_long())
                .filter(|l| {
                    !NOT_PARAMETERS.contains(l) && Some(*l) != self.q_flag
                })
                .map(str::to_string),
        );
        names
    }
}

/// clap's message without its "error: " and its advice about `--help`.
fn clap_message(err: &clap::Error) -> String {
    let text = err.render().to_string();
    let text = text.strip_prefix("error: ").unwrap_or(&text);
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("For more information"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A value above the server's maximum.
fn at_most(name: &str, value: usize, max: usize) -> Result<(), ApiError> {
    if value > max {
        return Err(ApiError::bad(format!(
            "`{name}` is {value}, more than this server's maximum of {max}"
        )));
    }
    Ok(())
}

/// Runs `work` on a blocking thread when a worker is free, with the
/// engine of the index's last commit.
pub(super) async fn blocking<T, F>(
    state: &State,
    work: F,
) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&Engine) -> Result<T, ApiError> + Send + 'static,
{
    let _turn = state
        .workers
        .acquire()
        .await
        .map_err(|_| ApiError::internal("the server is stopping"))?;
    let engine = state.index.engine();
    match tokio::task::spawn_blocking(move || work(&engine)).await {
        Ok(answer) => answer,
        Err(err) if err.is_panic() => {
            let what = err.into_panic();
            Err(ApiError::internal(format!(
                "a request failed: {}",
                what.downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| what.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "a panic".into())
            )))
        }
        Err(_) => Err(ApiError::internal("a request was cancelled")),
    }
}

/// `200` and the document.
fn ok<T: serde::Serialize>(value: &T) -> Response {
    json_response(StatusCode::OK, value)
}

/// Parses the query string as `endpoint`'s flags, checks them against
/// the server's maximums, and runs the command's report on a worker.
async fn answer<A, T>(
    state: &State,
    query: Option<String>,
    endpoint: Endpoint,
    check: fn(&A) -> Result<(), ApiError>,
    report: fn(&Engine, &A) -> anyhow::Result<T>,
) -> Result<Response, ApiError>
where
    A: Args + FromArgMatches + Send + 'static,
    T: serde::Serialize + Send + 'static,
{
    let args: A = endpoint.parse(query.as_deref())?;
    check(&args)?;
    let day = cmd::search::today(&FilterArgs::default())?.to_string();
    let key = Cache::key(endpoint.command, query.as_deref(), &day);
    let generation = state.index.generation();
    if let Some(kept) = state.cache.get(&key, generation) {
        return Ok(json_bytes(StatusCode::OK, kept));
    }
    let answer = blocking(state, move |engine| {
        let value = report(engine, &args)?;
        let mut bytes = Vec::new();
        crate::output::json::document(&mut bytes, &value).map_err(|e| {
            ApiError::internal(format!("cannot write JSON: {e}"))
        })?;
        Ok(Bytes::from(bytes))
    })
    .await?;
    state.cache.put(key, generation, answer.clone());
    Ok(json_bytes(StatusCode::OK, answer))
}

/// `/api/v1/search`: `newsdex search --json`.
pub async fn search(
    With(state): With<Arc<State>>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    static PARSER: OnceLock<clap::Command> = OnceLock::new();
    let endpoint = Endpoint {
        command: "search",
        positional: "q",
        q_flag: None,
        parser: &PARSER,
    };
    let check = |a: &SearchArgs| {
        at_most("limit", a.limit, MAX_LIMIT)?;
        at_most("offset", a.offset, MAX_OFFSET)?;
        at_most("facet-top", a.facet_top, MAX_TOP)
    };
    let report = |engine: &Engine, a: &SearchArgs| {
        let local = Backend::Local(engine);
        local.search(&cmd::search::prepare(&local, a)?)
    };
    answer(&state, query, endpoint, check, report).await
}

/// `/api/v1/facets`: `newsdex facets --json`.
pub async fn facets(
    With(state): With<Arc<State>>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    static PARSER: OnceLock<clap::Command> = OnceLock::new();
    let endpoint = Endpoint {
        command: "facets",
        positional: "q",
        q_flag: None,
        parser: &PARSER,
    };
    let check = |a: &FacetsArgs| at_most("top", a.top, MAX_TOP);
    let report = |engine: &Engine, a: &FacetsArgs| {
        cmd::explore::facets_report(&Backend::Local(engine), a)
    };
    answer(&state, query, endpoint, check, report).await
}

/// `/api/v1/timeline`: `newsdex timeline --json`.
pub async fn timeline(
    With(state): With<Arc<State>>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    static PARSER: OnceLock<clap::Command> = OnceLock::new();
    let endpoint = Endpoint {
        command: "timeline",
        positional: "q",
        q_flag: None,
        parser: &PARSER,
    };
    let check = |_: &TimelineArgs| Ok(());
    let report = |engine: &Engine, a: &TimelineArgs| {
        cmd::explore::timeline_report(&Backend::Local(engine), a)
    };
    answer(&state, query, endpoint, check, report).await
}

/// `/api/v1/related?entity=NAME`: `newsdex related NAME --json`; `q` is
/// its `--query`. The note the command prints when it took one of
/// several entities of that name is left out: `entity` says which.
pub async fn related(
    With(state): With<Arc<State>>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    static PARSER: OnceLock<clap::Command> = OnceLock::new();
    let endpoint = Endpoint {
        command: "related",
        positional: "entity",
        q_flag: Some("query"),
        parser: &PARSER,
    };
    let check = |a: &RelatedArgs| at_most("top", a.top, MAX_TOP);
    let report = |engine: &Engine, a: &RelatedArgs| {
        Ok(cmd::explore::related_report(&Backend::Local(engine), a)?.0)
    };
    answer(&state, query, endpoint, check, report).await
}

/// `/api/v1/entities?name=PREFIX`: `newsdex entities PREFIX --json`.
pub async fn entities(
    With(state): With<Arc<State>>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    static PARSER: OnceLock<clap::Command> = OnceLock::new();
    let endpoint = Endpoint {
        command: "entities",
        positional: "name",
        q_flag: None,
        parser: &PARSER,
    };
    let check = |a: &EntitiesArgs| at_most("top", a.top, MAX_TOP);
    answer(&state, query, endpoint, check, cmd::entities::report).await
}

/// `/api/v1/article?id=ID`: `newsdex show ID --json`; 404 when the index
/// has no such article.
pub async fn article(
    With(state): With<Arc<State>>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let mut id = None;
    for (key, value) in
        form_urlencoded::parse(query.as_deref().unwrap_or("").as_bytes())
    {
        match key.as_ref() {
            "id" if id.is_none() => id = Some(value.into_owned()),
            "id" => return Err(ApiError::bad("`id` is given twice")),
            "token" => {}
            other => {
                return Err(ApiError::bad(format!(
                "unknown parameter `{other}` for /api/v1/article: known is id"
            )))
            }
        }
    }
    let Some(id) = id else {
        return Err(ApiError::bad("/api/v1/article needs `id`"));
    };
    let article = blocking(&state, move |engine| {
        match crate::cmd::show::report(engine, &id)? {
            Some(a) => Ok(a),
            None => {
                Err(ApiError::not_found(format!("no article with id {id:?}")))
            }
        }
    })
    .await?;
    Ok(ok(&article))
}

/// `/api/v1/stats`: `newsdex stats --json`.
pub async fn stats(
    With(state): With<Arc<State>>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let query = query.unwrap_or_default();
    if let Some((key, _)) =
        form_urlencoded::parse(query.as_bytes()).find(|(k, _)| k != "token")
    {
        return Err(ApiError::bad(format!(
            "unknown parameter `{key}` for /api/v1/stats: it takes none"
        )));
    }
    let dir = state.index.dir.clone();
    let stats = blocking(&state, move |e| {
        Ok(cmd::stats::stats(&Backend::Local(e), &dir)?)
    })
    .await?;
    Ok(ok(&stats))
}
