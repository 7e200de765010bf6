//! newsdex: a search engine for news archives that knows who, where and
//! when each article is about.
//!
//! Data flow:
//! - index: [`ingest`] reads files into [`ingest::Article`]s,
//!   [`extract`] finds entities and dates, [`index`] writes documents;
//! - search: [`query`] understands the query and runs it into
//!   [`query::SearchResults`], which [`output`] renders.
//!
//! [`cmd`] holds the glue of each subcommand, [`cli`] the flags.
#![warn(missing_docs)]

pub mod cli;
pub mod cmd;
pub mod exit;
pub mod extract;
pub mod hash;
pub mod index;
pub mod ingest;
pub mod output;
pub mod query;
pub mod serve;
#[cfg(test)]
mod tidy;
