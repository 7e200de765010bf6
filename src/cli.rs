//! The command line, as the user typed it. Only definitions and light
//! validation live here; `cmd/` resolves them into real work.

use std::path::PathBuf;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::index::schema::FacetField;

/// The facet fields of entity kinds (`--kinds`): clap lists them when
/// a value is not one.
fn entity_fields() -> impl TypedValueParser<Value = FacetField> {
    let names = FacetField::ALL
        .into_iter()
        .filter(|f| f.kind().is_some())
        .filter_map(|f| f.to_possible_value());
    PossibleValuesParser::new(names).map(|name| {
        FacetField::from_name(&name).expect("a possible value is a field")
    })
}

/// Default index directory, relative to the working directory.
pub const DEFAULT_INDEX: &str = "newsdex-index";

const EXIT_CODES: &str = "\
Exit codes:
  0  results found (search) / work done (index, stats)
  1  no results
  2  error (bad usage, unreadable or damaged index, a bad query of
     --queries, --strict input errors)";

/// Search news archives by who, where and when.
#[derive(Debug, Parser)]
#[command(name = "newsdex", version, after_help = EXIT_CODES)]
pub struct Cli {
    /// Index directory.
    #[arg(
        long,
        global = true,
        env = "NEWSDEX_INDEX",
        default_value = DEFAULT_INDEX,
        value_name = "DIR"
    )]
    pub index: PathBuf,
    /// A file of corrections to the entity table (merge, split, rename,
    /// drop, kind; see the README), applied by every command that reads
    /// the index. Default: `newsdex-aliases.txt` in the index folder,
    /// when there is one.
    #[arg(long, global = true, env = "NEWSDEX_ALIASES", value_name = "FILE")]
    pub aliases: Option<PathBuf>,
    /// Run search, facets, timeline, related and stats on the archive
    /// an OpenSearch cluster holds (`newsdex push`) instead of the local
    /// index: http(s)://[USER:PASSWORD@]HOST:PORT[/INDEX] (index
    /// `newsdex` by default).
    #[arg(long, global = true, env = "NEWSDEX_ENGINE", value_name = "URL")]
    pub engine: Option<String>,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Index files and folders of articles (JSON, JSON Lines, text,
    /// HTML, CSV/TSV, WARC, any of them gzipped; `-` for stdin).
    Index(IndexArgs),
    /// Read articles like `index` and write each, with what extraction
    /// found, as one JSON document per line on stdout (the documents
    /// `push` sends).
    Extract(ExtractArgs),
    /// Index articles (files like `index`, or `extract`'s output with
    /// --extracted) into an OpenSearch index at URL.
    Push(PushArgs),
    /// Search the index.
    Search(SearchArgs),
    /// Count the values of a facet over the index or a query's matches.
    Facets(FacetsArgs),
    /// Article counts per day, week, month or year.
    Timeline(TimelineArgs),
    /// The entities that appear most with one entity.
    Related(RelatedArgs),
    /// The people, organisations and places the index knows, with the
    /// names that were merged into each.
    Entities(EntitiesArgs),
    /// Print one article: its text, entities, dates, source, the file
    /// it came from and its story's other copies.
    Show(ShowArgs),
    /// Numbers about the index.
    Stats(StatsArgs),
    /// Verify the index (exit 0 when sound, 2 when not) and, with
    /// --repair, rebuild what can be rebuilt from the index itself.
    Check(CheckArgs),
    /// Serve the index to a browser (a page at `/`) and to programs (a
    /// JSON API under `/api/v1/`), read-only.
    Serve(ServeArgs),
    /// Tag CoNLL-2003 formatted text with the entity tagger.
    Ner(NerArgs),
    /// Train the entity tagger (reproduces models/ner.bin).
    NerTrain(NerTrainArgs),
    /// Learn word clusters from unlabeled news (models/ner-clusters.bin).
    NerClusters(NerClustersArgs),
}

/// `newsdex index`.
#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Files or folders to index. Folders are walked in file-name order.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Delete the index first and build it from scratch.
    #[arg(long)]
    pub rebuild: bool,
    /// Treat any unreadable file or record as a fatal error.
    #[arg(long)]
    pub strict: bool,
    /// Drop the articles of files that were indexed from under PATH but
    /// no longer exist.
    #[arg(long)]
    pub prune: bool,
    /// Read every file as this format instead of guessing from its name
    /// and content.
    #[arg(long, value_name = "FORMAT", value_enum, ignore_case = true)]
    pub format: Option<crate::ingest::Format>,
    /// Print nothing but errors.
    #[arg(long, short)]
    pub quiet: bool,
    /// Indexing memory budget in megabytes.
    #[arg(long, default_value_t = 256, value_name = "MB",
          value_parser = clap::value_parser!(u64).range(16..=4096))]
    pub memory: u64,
}

/// `newsdex extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Files or folders of articles (`-` for stdin).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Treat any unreadable file or record as a fatal error.
    #[arg(long)]
    pub strict: bool,
    /// Read every file as this format instead of guessing.
    #[arg(long, value_name = "FORMAT", value_enum, ignore_case = true)]
    pub format: Option<crate::ingest::Format>,
    /// Print nothing but errors.
    #[arg(long, short)]
    pub quiet: bool,
}

/// `newsdex push`.
#[derive(Debug, Args)]
pub struct PushArgs {
    /// The cluster: http(s)://[USER:PASSWORD@]HOST:PORT[/INDEX].
    #[arg(value_name = "URL")]
    pub url: String,
    /// Files or folders of articles (`-` for stdin).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// The inputs are `newsdex extract`'s output, sent as they are.
    #[arg(long)]
    pub extracted: bool,
    /// Primary shards of a new index.
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub shards: u32,
    /// Replicas of each shard of a new index.
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub replicas: u32,
    /// Articles per `_bulk` request.
    #[arg(long, default_value_t = 500, value_name = "N",
          value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub batch: u32,
    /// Treat any unreadable file or record as a fatal error.
    #[arg(long)]
    pub strict: bool,
    /// Read every file as this format instead of guessing.
    #[arg(long, value_name = "FORMAT", value_enum, ignore_case = true)]
    pub format: Option<crate::ingest::Format>,
    /// Print nothing but errors.
    #[arg(long, short)]
    pub quiet: bool,
}

/// `newsdex search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query, e.g. "talks in Kuala Lumpur involving He Lifeng".
    /// Empty or `*` lists every article that passes the filters. At
    /// most 4096 bytes.
    #[arg(value_name = "QUERY", conflicts_with = "queries")]
    pub query: Option<String>,
    /// Filters.
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Order of hits.
    #[arg(long, value_enum, default_value_t = SortArg::Relevance)]
    pub sort: SortArg,
    /// Hits to show (at most the index's article count: a larger N
    /// means all).
    #[arg(long, short = 'n', default_value_t = 10)]
    pub limit: usize,
    /// Hits to skip (past the index's article count, none are left).
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// Facet fields to count, comma-separated.
    #[arg(
        long,
        value_enum,
        value_delimiter = ',',
        value_name = "FIELDS",
        default_value = "person,place_name,org,source"
    )]
    pub facets: Vec<FacetField>,
    /// Values shown per facet field.
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub facet_top: usize,
    /// Do not count facets.
    #[arg(long)]
    pub no_facets: bool,
    /// List every record as a hit: copies of one story are otherwise
    /// shown once, as the best-ranked of them, with the others named.
    #[arg(long)]
    pub all_copies: bool,
    /// Print how the query was understood (on stderr with text output).
    #[arg(long)]
    pub explain: bool,
    /// Run one query per line of FILE ("-" for stdin); JSON Lines out.
    #[arg(long, value_name = "FILE")]
    pub queries: Option<PathBuf>,
    /// With --queries: after each query, print on stderr how long it
    /// took inside this process, in microseconds, a tab, and the query.
    #[arg(long, requires = "queries")]
    pub timings: bool,
    /// Output format.
    #[command(flatten)]
    pub format: FormatArgs,
    /// When to use colour in text output.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,
}

/// Output format flags.
#[derive(Debug, Args)]
#[group(multiple = false)]
pub struct FormatArgs {
    /// One JSON document.
    #[arg(long)]
    pub json: bool,
    /// One JSON hit per line.
    #[arg(long)]
    pub jsonl: bool,
    /// CSV with a header row, one hit per row.
    #[arg(long)]
    pub csv: bool,
}

/// Filters shared by `search`, `facets`, `timeline` and `related`.
#[derive(Debug, Args, Default)]
pub struct FilterArgs {
    /// Only articles mentioning this person (repeatable: all must match).
    #[arg(long, value_name = "NAME")]
    pub person: Vec<String>,
    /// Only articles mentioning this place or a place inside it.
    #[arg(long, value_name = "NAME")]
    pub place: Vec<String>,
    /// Only articles mentioning this organisation.
    #[arg(long, value_name = "NAME")]
    pub org: Vec<String>,
    /// Only articles from this source.
    #[arg(long, value_name = "NAME")]
    pub source: Vec<String>,
    /// Only articles about the people, places and organisations filtered
    /// on (salience at least 50: named in the headline, dateline or lead,
    /// or much of the text), not every article naming them.
    #[arg(long)]
    pub about: bool,
    /// Published on or after this date (2025, 2025-05, 2025-05-12,
    /// "May 2025").
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Published on or before this date (its last day for a month/year).
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Only articles that talk about this date (or month, year).
    #[arg(long, value_name = "DATE")]
    pub mentions_date: Option<String>,
    /// The day relative dates ("last week") count from.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<String>,
}

/// `--json` / `--csv` of the exploring commands.
#[derive(Debug, Args)]
#[group(multiple = false)]
pub struct TableFormat {
    /// One JSON document.
    #[arg(long)]
    pub json: bool,
    /// CSV with a header row.
    #[arg(long)]
    pub csv: bool,
}

/// `newsdex facets`.
#[derive(Debug, Args)]
pub struct FacetsArgs {
    /// Only count over articles matching this query (same language as
    /// `search`).
    #[arg(value_name = "QUERY")]
    pub query: Option<String>,
    /// The field to count.
    #[arg(long, value_enum, default_value_t = FacetField::Person)]
    pub field: FacetField,
    /// Count the children of this path (places: "Asia", then
    /// "Asia/Malaysia").
    #[arg(long, value_name = "PATH")]
    pub under: Option<String>,
    /// Values to show.
    #[arg(long, default_value_t = 20, value_name = "N")]
    pub top: usize,
    /// Count stories (copies of one story once) instead of articles.
    #[arg(long)]
    pub stories: bool,
    /// Filters.
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Output format.
    #[command(flatten)]
    pub format: TableFormat,
}

/// `newsdex timeline`.
#[derive(Debug, Args)]
pub struct TimelineArgs {
    /// Only count articles matching this query.
    #[arg(value_name = "QUERY")]
    pub query: Option<String>,
    /// Period length.
    #[arg(long, value_enum, default_value_t = PeriodArg::Month)]
    pub by: PeriodArg,
    /// Count the dates articles talk about instead of publication dates.
    #[arg(long)]
    pub mentioned: bool,
    /// Count stories (copies of one story once) instead of articles.
    #[arg(long)]
    pub stories: bool,
    /// Filters.
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Output format.
    #[command(flatten)]
    pub format: TableFormat,
}

/// `newsdex related`.
#[derive(Debug, Args)]
pub struct RelatedArgs {
    /// The entity: a person, organisation or place the index knows.
    #[arg(value_name = "ENTITY")]
    pub entity: String,
    /// Only articles matching this query as well.
    #[arg(long, value_name = "QUERY")]
    pub query: Option<String>,
    /// Kinds of related entities to list (default: person, org, place).
    #[arg(
        long,
        value_delimiter = ',',
        value_name = "KINDS",
        default_value = "person,org,place",
        value_parser = entity_fields()
    )]
    pub kinds: Vec<FacetField>,
    /// Entries to show.
    #[arg(long, default_value_t = 15, value_name = "N")]
    pub top: usize,
    /// Count entities in the same article, or only in the same sentence.
    #[arg(long, value_enum, default_value_t = ScopeArg::Article)]
    pub scope: ScopeArg,
    /// Filters.
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Output format.
    #[command(flatten)]
    pub format: TableFormat,
}

/// `--scope`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ScopeArg {
    /// The same article.
    Article,
    /// The same sentence.
    Sentence,
}

/// `--by`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum PeriodArg {
    /// Calendar days.
    Day,
    /// ISO weeks.
    Week,
    /// Calendar months.
    Month,
    /// Calendar years.
    Year,
}

/// `newsdex entities`.
#[derive(Debug, Args)]
pub struct EntitiesArgs {
    /// A name or the start of one ("reag", "Ronald Rea"): only entities
    /// with a word (of their name or of one of their forms) starting
    /// with it.
    pub name: Option<String>,
    /// The kinds to list (comma-separated).
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "person,org,place",
        value_parser = entity_kind_field
    )]
    pub kind: Vec<FacetField>,
    /// How many entities to list.
    #[arg(long, short = 'n', default_value_t = 20)]
    pub top: usize,
    /// Output format.
    #[command(flatten)]
    pub format: TableFormat,
}

/// `person`, `org` or `place`.
fn entity_kind_field(s: &str) -> Result<FacetField, String> {
    match FacetField::from_name(s) {
        Some(
            f @ (FacetField::Person | FacetField::Org | FacetField::Place),
        ) => Ok(f),
        _ => Err(format!(
            "{s:?} is no entity kind [possible values: person, org, place]"
        )),
    }
}

/// `newsdex show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The article's id, as search hits give it.
    #[arg(value_name = "ID")]
    pub id: String,
    /// One JSON document.
    #[arg(long)]
    pub json: bool,
}

/// `newsdex serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address and port to listen on. A port of 0 takes a free one; the
    /// address served is printed on stderr. An address other than
    /// loopback needs --token.
    #[arg(long, default_value = "127.0.0.1:7878", value_name = "ADDR:PORT")]
    pub bind: std::net::SocketAddr,
    /// A secret every request must carry (`Authorization: Bearer
    /// TOKEN`, or `?token=TOKEN` once, which sets a cookie for the page).
    #[arg(
        long,
        env = "NEWSDEX_TOKEN",
        value_name = "TOKEN",
        hide_env_values = true
    )]
    pub token: Option<String>,
    /// Requests answered at once; more are refused with 503.
    #[arg(long, default_value_t = 64, value_name = "N",
          value_parser = clap::value_parser!(u32).range(1..=4096))]
    pub max_requests: u32,
    /// Seconds a request may take before it is answered with 503.
    #[arg(long, default_value_t = 10.0, value_name = "SECS")]
    pub timeout: f64,
    /// Megabytes of answers kept for requests asked again on the same
    /// index (0: none); a commit of the index drops them.
    #[arg(long, default_value_t = 64, value_name = "MB",
          value_parser = clap::value_parser!(u32).range(0..=65536))]
    pub cache: u32,
    /// Searches run at once (default: one per core); the others wait.
    #[arg(long, value_name = "N",
          value_parser = clap::value_parser!(u32).range(1..=256))]
    pub workers: Option<u32>,
}

/// `newsdex stats`.
#[derive(Debug, Args)]
pub struct StatsArgs {
    /// One JSON document.
    #[arg(long)]
    pub json: bool,
}

/// `newsdex check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Rewrite the saved vocabulary and entity table from the index's
    /// own dictionaries; for damage that needs the source files, print
    /// the command that rebuilds the index.
    #[arg(long)]
    pub repair: bool,
    /// One JSON document: `{"ok", "problems": [{"part", "detail"}],
    /// "articles"}`.
    #[arg(long)]
    pub json: bool,
}

/// `newsdex ner`.
#[derive(Debug, Args)]
pub struct NerArgs {
    /// Read CoNLL-2003 text (token in the first column) and append the
    /// predicted IOB2 tag to every line.
    #[arg(long, required = true)]
    pub conll: bool,
    /// Input file; stdin when absent or "-".
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Also score the predictions against the file's own tags (last
    /// column) and print conlleval-style P/R/F1 on stderr.
    #[arg(long)]
    pub score: bool,
    /// Tag with this model (written by `ner-train`) instead of the
    /// embedded one.
    #[arg(long, value_name = "FILE")]
    pub model: Option<PathBuf>,
}

/// `newsdex ner-train`.
#[derive(Debug, Args)]
pub struct NerTrainArgs {
    /// CoNLL-2003 training file.
    #[arg(long, value_name = "FILE")]
    pub train: PathBuf,
    /// CoNLL-2003 development file (picks the best epoch).
    #[arg(long, value_name = "FILE")]
    pub dev: Option<PathBuf>,
    /// Word clusters made by `ner-clusters`.
    #[arg(
        long,
        value_name = "FILE",
        default_value = "models/ner-clusters.bin"
    )]
    pub clusters: PathBuf,
    /// Where to write the model.
    #[arg(long, value_name = "FILE", default_value = "models/ner.bin")]
    pub out: PathBuf,
    /// Passes over the training data (default: that of the committed
    /// model).
    #[arg(long, value_name = "N")]
    pub epochs: Option<usize>,
    /// Perceptrons trained side by side, each in its own document
    /// order, and averaged (default: that of the committed model).
    #[arg(long, value_name = "N")]
    pub seeds: Option<usize>,
    /// Features whose largest weight is below this fraction of the
    /// largest of all are dropped (default: that of the committed
    /// model).
    #[arg(long, value_name = "FRACTION")]
    pub prune: Option<f32>,
}

/// `newsdex ner-clusters`.
#[derive(Debug, Args)]
pub struct NerClustersArgs {
    /// JSON Lines files of articles ("-" for stdin), read in this order.
    #[arg(required = true, value_name = "JSONL")]
    pub inputs: Vec<PathBuf>,
    /// Where to write the clusters.
    #[arg(
        long,
        value_name = "FILE",
        default_value = "models/ner-clusters.bin"
    )]
    pub out: PathBuf,
}

/// `--sort`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SortArg {
    /// BM25, ties by date then id; without query text, the salience of
    /// the filtered people, places and organisations, then date.
    Relevance,
    /// Newest first.
    Date,
}

/// `--color`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    /// On a terminal, unless NO_COLOR is set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn verify_cli() {
        Cli::command().debug_assert();
    }

    #[test]
    fn formats_are_exclusive() {
        let r =
            Cli::try_parse_from(["newsdex", "search", "x", "--json", "--csv"]);
        assert!(r.is_err());
    }

    #[test]
    fn ner_takes_a_model_and_ner_train_its_options() {
        let cli = Cli::try_parse_from([
            "newsdex", "ner", "--conll", "--model", "m.bin", "dev.txt",
        ])
        .unwrap();
        let Command::Ner(a) = cli.command else { panic!("not ner") };
        assert_eq!(a.model, Some(PathBuf::from("m.bin")));
        let cli = Cli::try_parse_from([
            "newsdex",
            "ner-train",
            "--train",
            "t.txt",
            "--seeds",
            "3",
            "--epochs",
            "12",
            "--prune",
            "0.01",
        ])
        .unwrap();
        let Command::NerTrain(a) = cli.command else {
            panic!("not ner-train")
        };
        assert_eq!(
            (a.seeds, a.epochs, a.prune),
            (Some(3), Some(12), Some(0.01))
        );
    }

    #[test]
    fn index_flag_is_global() {
        let cli = Cli::try_parse_from([
            "newsdex", "search", "q", "--index", "/tmp/i",
        ])
        .unwrap();
        assert_eq!(cli.index, PathBuf::from("/tmp/i"));
    }
}
