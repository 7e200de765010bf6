//! One integration test binary driving the real `newsdex` executable
//! against `sample_corpus/` and small files made by the tests.

mod about; // salience, --about, ranking filter-only searches
mod browser; // the page of newsdex serve in headless Chromium
mod check; // check and check --repair on sound and damaged indexes
mod cluster; // extract, push and --engine on a real OpenSearch node
mod dates; // date phrases, flags and mentioned dates
mod entities; // one entity per name across the archive, aliases
mod errors; // bad input is reported, counted and skipped
mod explore; // facets, timeline, related
mod faults; // hostile numbers, damaged indexes, bad queries in a batch
mod formats; // HTML, CSV/TSV, WARC, gzip, stdin, sniffing
mod incremental; // skipping, replacing, pruning, locking, killing
mod index; // formats, ids, re-indexing
mod ingest_faults; // odd names, FIFOs, CSV quotes, long ids, no text
mod json; // the JSON, JSON Lines and CSV contracts
mod places; // former states, abbreviations, nationalities, junk
mod search; // the query language on the sample corpus
mod serve; // newsdex serve: the API over HTTP, its limits and guards
mod stories; // copies of one story: kept, grouped, shown once, show
mod util; // TestEnv, the shared sample index
mod wire; // datelines, credit lines, names with "and", junk
