//! Rendering [`SearchResults`](crate::query::SearchResults) and the
//! other commands' reports. One renderer per format; none of them calls
//! tantivy.

pub mod csv;
pub mod explore;
pub mod json;
pub mod text;

/// The output formats of `search`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Readable text.
    Text,
    /// One JSON document.
    Json,
    /// One JSON object per hit, per line.
    JsonLines,
    /// CSV, one row per hit.
    Csv,
}
