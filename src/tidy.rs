//! The architecture invariants of `ARCHITECTURE.md`, checked on the
//! source tree: each rule reads `src/**.rs` and fails naming the file
//! and line that breaks it (in the manner of rust-analyzer's `tidy.rs`).
//!
//! The files are read as Rust: comments are left out and string literals
//! are looked at apart from the code, so a rule about code is not broken
//! by prose and a rule about literals not by code. Code under
//! `#[cfg(test)]` is test code; the rules that allow it say so.
//!
//! A violation that is known and waits for its fix is listed in
//! [`KNOWN`], with why; it is printed on every run, and the test fails
//! when it is gone, so that the list only shrinks.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The layers, in order: a module may use the types of the layers
/// before it, never of one after it; only `cmd/` (with `cli`, `main`,
/// and `serve`, the HTTP form of the commands)
/// drives several layers.
const LAYERS: [&str; 5] = ["ingest", "extract", "index", "query", "output"];

/// The only modules that may use tantivy.
const TANTIVY_MODULES: [&str; 2] = ["index", "query"];

/// Modules that must not spell a schema field name as a string literal:
/// the ones that can reach the index. `ingest` (the input's own keys,
/// such as `"title"`) and `output` (its column names) never reach it:
/// they cannot use tantivy nor a later layer.
const NO_FIELD_NAMES: [&str; 6] =
    ["extract", "index", "query", "cmd", "cli", "serve"];

/// What `extract/` must not use: I/O of any kind (its data is compiled
/// in). Code under `#[cfg(test)]` may read test files.
const EXTRACT_IO_PATHS: [&str; 7] = [
    "std::fs",
    "std::net",
    "std::process",
    "std::io::Read",
    "std::io::Write",
    "std::io::stdin",
    "std::io::stdout",
];

/// The same, as words of the code.
const EXTRACT_IO_WORDS: [&str; 6] =
    ["File", "println!", "eprintln!", "print!", "eprint!", "dbg!"];

/// Known violations, waiting for their fix: (file, rule, why).
const KNOWN: &[(&str, &str, &str)] = &[];

/// String literals that equal a schema field name but are not one:
/// (file, literal, what it is).
const NOT_FIELD_NAMES: &[(&str, &str, &str)] = &[
    ("src/query/dates.rs", "mentioned", "a query word"),
    ("src/cmd/ner.rs", "title", "a key of the JSON Lines input"),
    ("src/cmd/ner.rs", "body", "a key of the JSON Lines input"),
    ("src/serve/api.rs", "id", "the parameter of /api/v1/article"),
    ("src/serve/api.rs", "entities", "the command /api/v1/entities runs"),
];

#[test]
fn architecture_invariants_hold() {
    let files = sources();
    assert!(files.len() > 20, "the source tree was not found");
    let fields = field_names();
    let mut found: Vec<Violation> = Vec::new();
    for file in &files {
        found.extend(check(file, &fields));
    }
    let mut unexpected = Vec::new();
    let mut seen = BTreeSet::new();
    for v in &found {
        match KNOWN.iter().find(|(f, r, _)| *f == v.file && *r == v.rule) {
            Some((_, _, why)) => {
                seen.insert((v.file.clone(), v.rule));
                eprintln!("known violation, to fix ({why}): {v}");
            }
            None => unexpected.push(v.to_string()),
        }
    }
    let stale: Vec<String> = KNOWN
        .iter()
        .filter(|(f, r, _)| !seen.contains(&(f.to_string(), *r)))
        .map(|(f, r, _)| format!("{f}: {r}: fixed, remove it from KNOWN"))
        .collect();
    unexpected.extend(stale);
    assert!(
        unexpected.is_empty(),
        "architecture invariants broken (see ARCHITECTURE.md):\n{}",
        unexpected.join("\n")
    );
}

/// One broken rule.
#[derive(Debug, PartialEq, Eq)]
struct Violation {
    /// `src/...` path.
    file: String,
    /// 1-based.
    line: usize,
    rule: &'static str,
    what: String,
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}: {}", self.file, self.line, self.rule, self.what)
    }
}

/// A source file: its path from the crate root and its text.
struct Source {
    path: String,
    text: String,
}

/// Every `.rs` file under `src/`, sorted.
fn sources() -> Vec<Source> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = Vec::new();
    collect(&root.join("src"), &mut paths);
    paths.sort();
    paths
        .into_iter()
        .map(|p| Source {
            path: p
                .strip_prefix(root)
                .expect("under the root")
                .to_string_lossy()
                .replace('\\', "/"),
            text: std::fs::read_to_string(&p).expect("a readable source"),
        })
        .collect()
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("a readable directory") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The names of the schema's fields, from the schema itself.
fn field_names() -> BTreeSet<String> {
    let (schema, _) = crate::index::schema::build();
    schema.fields().map(|(_, entry)| entry.name().to_string()).collect()
}

/// The top module of a file: `query` for `src/query/vocab.rs`, `cli` for
/// `src/cli.rs`.
fn module(path: &str) -> &str {
    let rest = path.strip_prefix("src/").unwrap_or(path);
    let first = rest.split('/').next().unwrap_or(rest);
    first.strip_suffix(".rs").unwrap_or(first)
}

/// The rules one file breaks.
fn check(file: &Source, fields: &BTreeSet<String>) -> Vec<Violation> {
    let lexed = lex(&file.text);
    let module = module(&file.path);
    let mut out = Vec::new();
    let mut report = |line: usize, rule: &'static str, what: String| {
        out.push(Violation { file: file.path.clone(), line, rule, what });
    };
    let is_test = |line: &usize| lexed.test_lines.contains(line);
    for (i, code) in lexed.code.lines().enumerate() {
        let line = i + 1;
        if has_word(code, "tantivy") && !TANTIVY_MODULES.contains(&module) {
            let rule = if module == "output" {
                "output/ imports tantivy (it renders SearchResults)"
            } else {
                "tantivy used outside index/ and query/"
            };
            report(line, rule, code.trim().to_string());
        }
        let io = EXTRACT_IO_WORDS.iter().any(|w| has_word(code, w));
        if module == "extract" && io && !is_test(&line) {
            report(line, "extract/ does I/O", code.trim().to_string());
        }
    }
    for (line, path) in paths(&lexed.code) {
        if let Some(used) = path.strip_prefix("crate::") {
            if let Some(why) = layer_violation(module, used) {
                report(line, why, path.clone());
            }
        }
        let io = EXTRACT_IO_PATHS.iter().any(|p| is_under(&path, p));
        if module == "extract" && io && !is_test(&line) {
            report(line, "extract/ does I/O", path.clone());
        }
        if is_under(&path, "std::os")
            && !is_test(&line)
            && !cfg_before(&lexed.code, line - 1)
        {
            report(line, "platform-only API without a #[cfg]", path.clone());
        }
    }
    if NO_FIELD_NAMES.contains(&module) && file.path != "src/index/schema.rs" {
        for (line, literal) in &lexed.strings {
            let not_a_field = NOT_FIELD_NAMES
                .iter()
                .any(|(f, l, _)| *f == file.path && l == literal);
            if fields.contains(literal) && !is_test(line) && !not_a_field {
                report(
                    *line,
                    "schema field name spelled outside index/schema.rs",
                    format!("{literal:?}"),
                );
            }
        }
    }
    out.sort_by_key(|v| v.line);
    out
}

/// Why `module` may not use `crate::{used}`, if it may not.
fn layer_violation(module: &str, used: &str) -> Option<&'static str> {
    let mut parts = used.split("::");
    let target = parts.next()?;
    let Some(at) = LAYERS.iter().position(|l| *l == module) else {
        return None; // cmd, cli, main, lib, exit, serve: may use every layer
    };
    if matches!(target, "cmd" | "cli") {
        return Some("a layer imports the command line (cmd/, cli)");
    }
    let to = LAYERS.iter().position(|l| *l == target)?;
    if to > at {
        return Some("a layer imports a later layer");
    }
    // extract uses what ingest read, not ingest's readers.
    if module == "extract" && target == "ingest" {
        let next = parts.next().unwrap_or("");
        if next.starts_with(|c: char| c.is_lowercase()) {
            return Some("extract/ uses ingest's readers");
        }
    }
    None
}

/// True when `path` is `parent` or lies below it (`std::io::Read` is
/// under `std::io` and `std::io::Read`, not under `std::io::Re`).
fn is_under(path: &str, parent: &str) -> bool {
    path == parent
        || path.starts_with(parent) && path[parent.len()..].starts_with("::")
}

/// Every path the code names from `crate::` or `std::`, with its line;
/// a group (`use std::io::{BufRead, Read}`, over several lines too) gives
/// one path per item (`std::io::BufRead`, `std::io::Read`).
fn paths(code: &str) -> Vec<(usize, String)> {
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    let mut out = Vec::new();
    for root in ["crate::", "std::"] {
        for (at, _) in code.match_indices(root) {
            if code[..at]
                .chars()
                .next_back()
                .is_some_and(|c| ident(c) || c == '$')
            {
                continue; // `$crate::`, `my_crate::`
            }
            let line = code[..at].matches('\n').count() + 1;
            let rest = &code[at..];
            let end = rest
                .find(|c: char| !(ident(c) || c == ':' || c == '{'))
                .unwrap_or(rest.len());
            let head = &rest[..end];
            match head.find('{') {
                None => {
                    out.push((line, head.trim_end_matches(':').to_string()))
                }
                Some(open) => {
                    let body = group(&rest[open..]);
                    for path in expand(&head[..open], body) {
                        out.push((line, path));
                    }
                }
            }
        }
    }
    out
}

/// The text inside the braces `text` opens with.
fn group(text: &str) -> &str {
    let mut depth = 0;
    for (i, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return &text[1..i];
                }
            }
            _ => {}
        }
    }
    &text[1..]
}

/// The paths of a group's items, after `prefix` (which ends in `::`).
fn expand(prefix: &str, body: &str) -> Vec<String> {
    let mut items = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in body.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(&body[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    items.push(&body[start..]);
    let mut out = Vec::new();
    for item in items.into_iter().map(str::trim).filter(|i| !i.is_empty()) {
        match item.find('{') {
            Some(open) => out.extend(expand(
                &format!("{prefix}{}", &item[..open]),
                group(&item[open..]),
            )),
            None => {
                let name = item.split_whitespace().next().unwrap_or(item);
                out.push(format!("{prefix}{name}"));
            }
        }
    }
    out
}

/// True when `code` has `word` not inside a longer identifier or path
/// (`File` but not `FileState`, `tantivy` but not `my_tantivy`).
fn has_word(code: &str, word: &str) -> bool {
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    code.match_indices(word).any(|(at, _)| {
        let before = code[..at].chars().next_back();
        let after = code[at + word.len()..].chars().next();
        let word_goes_on =
            word.chars().last().is_some_and(ident) && after.is_some_and(ident);
        !before.is_some_and(ident) && !word_goes_on
    })
}

/// True when the line before line `i` (0-based) is a `#[cfg(...)]`.
fn cfg_before(code: &str, i: usize) -> bool {
    let lines: Vec<&str> = code.lines().take(i).collect();
    lines
        .into_iter()
        .rev()
        .find(|l| !l.trim().is_empty())
        .is_some_and(|l| l.trim_start().starts_with("#[cfg("))
}

/// A file read as Rust.
struct Lexed {
    /// The text without comments, string contents blanked (line breaks
    /// kept, so line numbers hold).
    code: String,
    /// Every string literal's content, with its line.
    strings: Vec<(usize, String)>,
    /// Lines of `#[cfg(test)]` items (or of the whole file, with
    /// `#![cfg(test)]`).
    test_lines: BTreeSet<usize>,
}

/// Splits a Rust file into code and string literals.
fn lex(text: &str) -> Lexed {
    let chars: Vec<char> = text.chars().collect();
    let mut code = String::with_capacity(text.len());
    let mut strings = Vec::new();
    let mut line = 1;
    let mut i = 0;
    let at = |i: usize| chars.get(i).copied().unwrap_or('\0');
    while i < chars.len() {
        let c = chars[i];
        if c == '/' && at(i + 1) == '/' {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && at(i + 1) == '*' {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && at(i + 1) == '*' {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && at(i + 1) == '/' {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    if chars[i] == '\n' {
                        code.push('\n');
                        line += 1;
                    }
                    i += 1;
                }
            }
        } else if c == '"'
            || (matches!(c, 'r' | 'b')
                && !at(i.wrapping_sub(1)).is_alphanumeric()
                && at(i.wrapping_sub(1)) != '_'
                && string_start(&chars, i).is_some())
        {
            let (open, hashes, raw) = if c == '"' {
                (i, 0, false)
            } else {
                string_start(&chars, i).expect("checked")
            };
            let start_line = line;
            let mut value = String::new();
            i = open + 1;
            code.push('"');
            while let Some(&ch) = chars.get(i) {
                if ch == '\\' && !raw {
                    value.push(ch);
                    value.push(at(i + 1));
                    if at(i + 1) == '\n' {
                        code.push('\n');
                        line += 1;
                    }
                    i += 2;
                    continue;
                }
                if ch == '"' && (0..hashes).all(|k| at(i + 1 + k) == '#') {
                    i += 1 + hashes;
                    break;
                }
                if ch == '\n' {
                    code.push('\n');
                    line += 1;
                }
                value.push(ch);
                i += 1;
            }
            code.push('"');
            strings.push((start_line, value));
        } else if c == '\'' {
            // A char literal ('x', '\n', '"'), or a lifetime.
            if at(i + 1) == '\\' {
                let mut j = i + 2;
                while j < chars.len() && chars[j] != '\'' {
                    j += 1;
                }
                code.push_str("' '");
                i = j + 1;
            } else if at(i + 2) == '\'' {
                code.push_str("' '");
                i += 3;
            } else {
                code.push(c);
                i += 1;
            }
        } else {
            if c == '\n' {
                line += 1;
            }
            code.push(c);
            i += 1;
        }
    }
    let test_lines = test_lines(&code);
    Lexed { code, strings, test_lines }
}

/// Where a raw or byte string starting at `i` opens: (index of its `"`,
/// number of `#`, raw).
fn string_start(chars: &[char], i: usize) -> Option<(usize, usize, bool)> {
    let mut j = i;
    if chars.get(j) == Some(&'b') {
        j += 1;
    }
    let raw = chars.get(j) == Some(&'r');
    if raw {
        j += 1;
    }
    let mut hashes = 0;
    while raw && chars.get(j) == Some(&'#') {
        hashes += 1;
        j += 1;
    }
    (j > i && chars.get(j) == Some(&'"')).then_some((j, hashes, raw))
}

/// The lines of the items under `#[cfg(test)]`: from the attribute to
/// the `;` or the `}` that closes the item.
fn test_lines(code: &str) -> BTreeSet<usize> {
    let line_of = |at: usize| code[..at].matches('\n').count() + 1;
    let mut lines = BTreeSet::new();
    if code.contains("#![cfg(test)]") {
        lines.extend(1..=code.lines().count());
        return lines;
    }
    let bytes = code.as_bytes();
    for (start, _) in code.match_indices("#[cfg(test)]") {
        let mut i = start + "#[cfg(test)]".len();
        let mut depth = 0usize;
        while i < bytes.len() {
            match bytes[i] {
                b';' if depth == 0 => break,
                b'{' => depth += 1,
                b'}' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        break;
                    }
                }
                _ => {}
            }
            i += 1;
        }
        lines.extend(line_of(start)..=line_of(i.min(bytes.len())));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The violations of a made-up file.
    fn violations(path: &str, text: &str) -> Vec<String> {
        let source = Source { path: path.into(), text: text.into() };
        check(&source, &field_names())
            .iter()
            .map(|v| format!("{}: {}", v.line, v.rule))
            .collect()
    }

    #[test]
    fn each_rule_catches_its_violation() {
        assert_eq!(
            violations("src/cmd/stats.rs", "use tantivy::Term;\n"),
            ["1: tantivy used outside index/ and query/"]
        );
        assert_eq!(
            violations(
                "src/output/text.rs",
                "\n fn f(s: tantivy::Searcher) {}"
            ),
            ["2: output/ imports tantivy (it renders SearchResults)"]
        );
        assert_eq!(
            violations("src/query/mod.rs", "f.date(\"published\")"),
            ["1: schema field name spelled outside index/schema.rs"]
        );
        assert_eq!(
            violations(
                "src/extract/x.rs",
                "use std::io::{BufRead, Read};\nfn f() { println!(\"\") }"
            ),
            ["1: extract/ does I/O", "2: extract/ does I/O"]
        );
        assert_eq!(
            violations(
                "src/index/vocab.rs",
                "use std::os::unix::fs::FileExt;"
            ),
            ["1: platform-only API without a #[cfg]"]
        );
        assert_eq!(
            violations(
                "src/index/writer.rs",
                "use crate::{ingest, query::Known};"
            ),
            ["1: a layer imports a later layer"]
        );
        assert_eq!(
            violations(
                "src/extract/a.rs",
                "let x = crate::ingest::read_file_with;"
            ),
            ["1: extract/ uses ingest's readers"]
        );
    }

    #[test]
    fn prose_tests_and_look_alikes_break_nothing() {
        let text = "//! Uses tantivy's \"published\" field.\n\
                    /* println!(\"x\") */\n\
                    let s = \"a // not a comment, tantivy\";\n\
                    let c = '\"'; let l: &'static str = r#\"File\"#;\n\
                    struct FileState;\n\
                    #[cfg(test)]\n\
                    mod tests {\n    fn f() { std::fs::read(\"person\"); }\n}\n\
                    use crate::extract::Entity;\n";
        assert_eq!(violations("src/extract/x.rs", text), Vec::<String>::new());
        assert_eq!(violations("src/output/y.rs", text), Vec::<String>::new());
        assert_eq!(
            violations("src/ingest/z.rs", text),
            ["10: a layer imports a later layer"]
        );
        assert_eq!(
            violations(
                "src/index/vocab.rs",
                "#[cfg(unix)]\nuse std::os::unix::fs::FileExt;"
            ),
            Vec::<String>::new()
        );
    }
}
