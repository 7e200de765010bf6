//! JSON output.
//!
//! # `search --json`
//!
//! One document:
//!
//! ```json
//! {
//!   "query": {
//!     "raw": "talks in Kuala Lumpur involving He Lifeng",
//!     "terms": ["talks"], "phrases": [],
//!     "filters": [
//!       {"field": "place", "name": "Kuala Lumpur",
//!        "path": "Asia/Malaysia/Kuala Lumpur", "variants": [],
//!        "written": "in Kuala Lumpur", "about": false},
//!       {"field": "person", "name": "He Lifeng", "path": "He Lifeng",
//!        "variants": [], "written": "involving He Lifeng", "about": false}
//!     ],
//!     "published_from": null, "published_to": null,
//!     "mentioned_from": null, "mentioned_to": null,
//!     "date_phrases": [], "sort": "relevance", "notes": []
//!   },
//!   "total": 5, "stories": 4, "all_copies": false,
//!   "offset": 0,
//!   "hits": [
//!     {"id": "nd-031", "title": "…", "published": "2025-10-25",
//!      "source": "Harbour Wire", "url": "https://…", "score": 3.2,
//!      "snippet": "…", "highlights": [[12, 17]],
//!      "people": ["He Lifeng", "Scott Bessent"], "places": ["Kuala Lumpur"],
//!      "orgs": ["ASEAN"], "dates": ["2025-10-26"],
//!      "salience": [{"field": "person", "name": "He Lifeng",
//!                    "salience": 78, "about": true}, …],
//!      "evidence": [{"field": "person", "value": "He Lifeng",
//!                    "matched": "He Lifeng",
//!                    "surfaces": ["Vice Premier He Lifeng", "He"],
//!                    "salience": 78}],
//!      "origin": "sample_corpus/wire.jsonl:31",
//!      "story": "2e21ec12db6636db",
//!      "copies": {"count": 1, "records": [{"id": "nd-044",
//!                 "source": "Pacific Desk", "published": "2025-10-26"}]}}
//!   ],
//!   "facets": {"person": [{"value": "Scott Bessent", "count": 5}], …}
//! }
//! ```
//!
//! - `published` is at the precision the archive gave (`2025`, `2025-10`,
//!   `2025-10-25`) or null; `dates` likewise.
//! - `total` counts matching articles (records), `stories` the stories
//!   among them. Each story is one hit, its best-ranked matching copy,
//!   unless `all_copies` (`--all-copies`): then every record is a hit.
//!   `story` is the hit's story id; `copies` the story's other records
//!   (`count` of them, `records` at most 100, oldest first, each `id`,
//!   `source`, `published`), whether they match the query or not.
//!   Facet counts count articles.
//! - `score` is null when the query has no text (filters only).
//! - `highlights` are byte ranges into `snippet`.
//! - `salience` lists the hit's people, places and organisations (named
//!   as in `people`, `places`, `orgs`), most salient first: salience 0
//!   (a passing mention) to 100, `about` from
//!   [`crate::extract::salience::ABOUT`] (50) up. `evidence` carries the
//!   matched entity's salience; a filter's `about` is `--about`.
//! - A person or organisation filter names an entity: `name` is its
//!   canonical name, `variants` the other values of its field that name
//!   it, `also` (only when not empty) the values of other fields,
//!   as `[{"field": "misc", "value": "OPEC"}]`, and `bodies` (only when
//!   not empty) the values of an organisation's bodies ("EC Commission"
//!   of the European Community), which the filter matches too. Hits' `people` and
//!   `orgs` and the facets name entities by canonical name.
//!
//! # `entities --json`
//!
//! `{"name", "kinds", "total", "entities": [{"name", "kind", "articles",
//! "forms": [{"name", "field"?, "articles"}], "aliases"?, "bodies"?}]}`:
//! `field` only for a form that lives in another field than the entity's
//! kind, `aliases` (only when not empty) the short forms seen only in
//! text, `bodies` (only when not empty) the organisation values that
//! name bodies of it, which a search for it also finds.
//!
//! # `show --json`
//!
//! One article in full: `{"id", "title", "published", "source", "url",
//! "authors", "body", "people", "places", "orgs", "dates", "salience",
//! "origin"}`, the fields named as in a search hit; `authors` the
//! bylines, `body` the whole text.
//!
//! # `newsdex serve`
//!
//! Each endpoint of `/api/v1/` answers with the document of its command
//! above, byte for byte (`search`, `facets`, `timeline`, `related`,
//! `entities`, `article` as `show`, `stats`); an error is `{"error"}`
//! with status 400 (the request), 401 (no token), 403 (a `Host` of
//! another machine), 404 (no such article or endpoint), 500 (the
//! server) or 503 (too busy, too slow).
//!
//! # `search --jsonl`
//!
//! One hit object (as above) per line, nothing else.
//!
//! # `search --queries FILE`
//!
//! One line per query: the whole `--json` document of that query, whose
//! `query.raw` tags it. A query that cannot be understood gets
//! `{"error", "line", "raw"}` instead: the message (also on stderr), its
//! line in the file (1-based) and the query; the other queries still
//! run, and the exit code is 2.
//!
//! # `stats --json`
//!
//! `{"articles", "stories", "undated_articles", "index_bytes", "people",
//! "places", "orgs", "sources"}`: `articles` counts records, `stories`
//! the stories they make; the rest are counts of distinct values.
//!
//! # `show ID --json`
//!
//! One document: `{"id", "title", "body", "published", "source", "url",
//! "authors", "language", "origin", "dates", "entities": [{"kind",
//! "name", "path", "surfaces", "mentions", "salience"}], "story",
//! "copies": {"count", "records": [{"id", "source", "published"}]}}`.
//! `published`, `source`, `url`, `language` may be null; `origin` is the
//! file (and line or record) it was read from; `entities` are as
//! extraction found them (`kind` is `person`, `place`, `org` or `misc`;
//! `path` is a place's continent → country → region → place); `copies`
//! the other records of its story, as in a search hit.
//!
//! # `check --json`
//!
//! `{"ok", "problems": [{"part", "detail"}], "articles"}`: `ok` is true
//! when no problem was found; each problem names the part of the index
//! folder (a file name, or `segment ID`) and what is wrong with it;
//! `articles` is the article count (0 when the index does not open).

use std::io::Write;

use serde::Serialize;

use crate::query::SearchResults;

/// Writes one JSON document and a newline.
///
/// # Errors
///
/// Fails when the writer fails.
pub fn document<T: Serialize>(
    out: &mut dyn Write,
    value: &T,
) -> std::io::Result<()> {
    serde_json::to_writer(&mut *out, value)?;
    out.write_all(b"\n")
}

/// Writes one JSON hit per line.
///
/// # Errors
///
/// Fails when the writer fails.
pub fn hits_lines(
    out: &mut dyn Write,
    results: &SearchResults,
) -> std::io::Result<()> {
    for hit in &results.hits {
        document(out, hit)?;
    }
    Ok(())
}
