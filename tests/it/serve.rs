//! `newsdex serve` over real HTTP: the API answers the commands' JSON,
//! bad requests are named, and the server is safe by default.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::util::{run_with_index, sample};

/// A `newsdex serve` child process, stopped (SIGKILL of its own pid) when
/// dropped.
pub struct Server {
    pub child: Child,
    /// Where it listens (on loopback).
    pub addr: SocketAddr,
    /// What it printed on stderr after its first line, as it comes.
    pub log: Arc<Mutex<String>>,
}

impl Server {
    /// Starts a server on the sample index on a free loopback port.
    pub fn sample(extra: &[&str]) -> Server {
        Server::start(sample(), extra)
    }

    /// Starts `newsdex --index INDEX serve --bind 127.0.0.1:0 EXTRA`.
    pub fn start(index: &Path, extra: &[&str]) -> Server {
        let mut args = vec!["--bind", "127.0.0.1:0"];
        args.extend_from_slice(extra);
        Server::spawn(index, &args, &[])
    }

    /// Starts `newsdex --index INDEX serve ARGS` with `env` set, and reads
    /// the port it took from its first line on stderr.
    pub fn spawn(index: &Path, args: &[&str], env: &[(&str, &str)]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_newsdex"))
            .arg("--index")
            .arg(index)
            .arg("serve")
            .args(args)
            .env_remove("NEWSDEX_TOKEN")
            .env_remove("NEWSDEX_ALIASES")
            .envs(env.iter().copied())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start newsdex serve");
        let stderr = child.stderr.take().unwrap();
        let mut lines = BufReader::new(stderr).lines();
        let first = lines.next().expect("a line").expect("stderr");
        let port: u16 = first
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .and_then(|addr| addr.rsplit(':').next())
            .and_then(|port| port.parse().ok())
            .unwrap_or_else(|| panic!("no address in {first:?}"));
        let addr = SocketAddr::from(([127, 0, 0, 1], port));
        // Keep reading stderr so that the server never blocks on it.
        let log = Arc::new(Mutex::new(String::new()));
        let sink = Arc::clone(&log);
        std::thread::spawn(move || {
            for line in lines.map_while(Result::ok) {
                let mut log = sink.lock().unwrap();
                log.push_str(&line);
                log.push('\n');
            }
        });
        Server { child, addr, log }
    }

    /// GET `path` with no extra headers.
    pub fn get(&self, path: &str) -> Response {
        self.request("GET", path, &[])
    }

    /// One request on its own connection.
    pub fn request(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
    ) -> Response {
        http(self.addr, method, path, headers)
    }

    /// The JSON body of a 200 answer.
    #[track_caller]
    pub fn json(&self, path: &str) -> serde_json::Value {
        let res = self.get(path);
        assert_eq!(res.status, 200, "{path}: {}", res.body);
        serde_json::from_str(&res.body).expect("JSON")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An HTTP answer.
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    /// Header names in lower case.
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// The `error` of a JSON error answer.
    #[track_caller]
    pub fn error(&self) -> String {
        let v: serde_json::Value =
            serde_json::from_str(&self.body).expect("a JSON error");
        v["error"].as_str().expect("an error message").to_string()
    }
}

/// A bare HTTP/1.1 client: one request, `Connection: close`, the whole
/// answer read (the server always sends a Content-Length).
pub fn http(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
) -> Response {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let mut req = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n"
    );
    for (name, value) in headers {
        req.push_str(&format!("{name}: {value}\r\n"));
    }
    req.push_str("\r\n");
    stream.write_all(req.as_bytes()).unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("an answer");
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").expect("a header block");
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok())
        .expect("a status line");
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    Response { status, headers, body: body.to_string() }
}

/// Percent-encodes a query parameter's value.
pub fn enc(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

const KL: &str = "talks in Kuala Lumpur involving He Lifeng";

#[test]
fn every_endpoint_answers_what_the_command_prints() {
    let server = Server::sample(&[]);
    let q = enc(KL);
    let cases: Vec<(String, Vec<&str>)> = vec![
        (
            format!("/api/v1/search?q={q}&limit=3&sort=date&facet-top=4"),
            vec![
                "search",
                KL,
                "-n",
                "3",
                "--sort",
                "date",
                "--facet-top",
                "4",
                "--json",
            ],
        ),
        (
            "/api/v1/search?person=He+Lifeng&place=Asia&no_facets=true"
                .to_string(),
            vec![
                "search",
                "--person",
                "He Lifeng",
                "--place",
                "Asia",
                "--no-facets",
                "--json",
            ],
        ),
        (
            "/api/v1/facets?field=place&under=Asia&q=talks".to_string(),
            vec![
                "facets", "talks", "--field", "place", "--under", "Asia",
                "--json",
            ],
        ),
        (
            format!("/api/v1/timeline?q={q}&by=week"),
            vec!["timeline", KL, "--by", "week", "--json"],
        ),
        (
            "/api/v1/related?entity=He+Lifeng&q=talks&top=5".to_string(),
            vec![
                "related",
                "He Lifeng",
                "--query",
                "talks",
                "--top",
                "5",
                "--json",
            ],
        ),
        (
            "/api/v1/entities?name=he&kind=person".to_string(),
            vec!["entities", "he", "--kind", "person", "--json"],
        ),
        ("/api/v1/stats".to_string(), vec!["stats", "--json"]),
        (
            "/api/v1/article?id=nd-031".to_string(),
            vec!["show", "nd-031", "--json"],
        ),
    ];
    let uncached = Server::sample(&["--cache", "0"]);
    for (path, args) in cases {
        let cli = run_with_index(sample(), &args).expect_code(0);
        // Made, then kept and served again; and with no cache.
        for res in [server.get(&path), server.get(&path), uncached.get(&path)]
        {
            assert_eq!(res.status, 200, "{path}: {}", res.body);
            assert_eq!(res.header("content-type"), Some("application/json"));
            assert_eq!(res.body, cli.stdout, "{path} and {args:?} differ");
        }
    }
}

#[test]
fn a_server_lists_copies_as_the_command_does() {
    // The server keeps every record's id, story, date and source in
    // memory; the command reads them from the document store. Copies
    // in two segments, one record replaced (a deleted document), ties
    // broken by id.
    use crate::stories::{record, OTHER, WIRE};
    let env = crate::util::TestEnv::new();
    env.write("in/a.jsonl", record("w1", "NZ on trade", WIRE, "Harbour Wire"));
    env.write("in/b.jsonl", record("w2", "NZ on trade", WIRE, "Daily Ledger"));
    env.write("in/c.jsonl", record("c1", "Bahia cocoa", OTHER, "Wire"));
    env.index(&[&env.dir.path().join("in")]);
    env.write("later/d.jsonl", record("w0", "NZ on trade", WIRE, "Gazette"));
    env.write(
        "later/e.jsonl",
        record("w2", "NZ on trade", WIRE, "Daily Ledger (corrected)"),
    );
    env.index(&[&env.dir.path().join("later")]);
    let server = Server::start(&env.index_dir(), &["--cache", "0"]);
    for (q, args) in [
        ("trade", ""),
        ("trade", "&all-copies"),
        ("trade", "&limit=1&offset=1&all-copies"),
        ("*", "&sort=date&facet-top=2"),
        ("cocoa", ""),
    ] {
        let res = server.get(&format!("/api/v1/search?q={q}{args}"));
        assert_eq!(res.status, 200, "{q}{args}: {}", res.body);
        let mut cli = vec!["search".to_string(), q.into(), "--json".into()];
        for arg in args.split('&').filter(|a| !a.is_empty()) {
            let (flag, value) = arg.split_once('=').unwrap_or((arg, ""));
            cli.push(format!("--{flag}"));
            if !value.is_empty() {
                cli.push(value.into());
            }
        }
        let cli: Vec<&str> = cli.iter().map(String::as_str).collect();
        let cli = env.run(&cli).expect_code(0);
        assert_eq!(res.body, cli.stdout, "{q}{args}");
    }
    let v = server.json("/api/v1/search?q=trade");
    assert_eq!(v["hits"][0]["id"], "w0");
    assert_eq!(v["hits"][0]["copies"]["count"], 2);
}

#[test]
fn the_example_question_finds_the_five_kuala_lumpur_articles() {
    let server = Server::sample(&[]);
    let v = server.json(&format!("/api/v1/search?q={}", enc(KL)));
    assert_eq!(v["total"], 5);
    let filters: Vec<&str> = v["query"]["filters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap())
        .collect();
    assert_eq!(filters, ["Kuala Lumpur", "He Lifeng"]);
}

#[test]
fn bad_requests_get_400_naming_the_problem() {
    let server = Server::sample(&[]);
    let long = "a".repeat(5000);
    for (path, says) in [
        ("/api/v1/search?sort=sideways".to_string(), "sideways"),
        (
            "/api/v1/search?colour=red".to_string(),
            "unknown parameter `colour`",
        ),
        ("/api/v1/search?limit=many".to_string(), "many"),
        ("/api/v1/search?limit=5000".to_string(), "`limit` is 5000"),
        ("/api/v1/search?offset=20000".to_string(), "`offset`"),
        (format!("/api/v1/search?q={long}"), "4096"),
        ("/api/v1/search?from=someday".to_string(), "someday"),
        ("/api/v1/search?about=perhaps".to_string(), "switch"),
        ("/api/v1/search?q=a&q=b".to_string(), "`q` is given twice"),
        // Flags that read files or pick another index are no parameters.
        ("/api/v1/search?queries=/etc/passwd".to_string(), "`queries`"),
        ("/api/v1/search?index=/tmp".to_string(), "`index`"),
        ("/api/v1/search?aliases=/etc/passwd".to_string(), "`aliases`"),
        ("/api/v1/facets?field=colour".to_string(), "colour"),
        ("/api/v1/facets?top=100000".to_string(), "`top`"),
        ("/api/v1/timeline?by=fortnight".to_string(), "fortnight"),
        ("/api/v1/related".to_string(), "ENTITY"),
        ("/api/v1/related?entity=Nobody+Atall".to_string(), "Nobody Atall"),
        ("/api/v1/entities?kind=colour".to_string(), "colour"),
        ("/api/v1/article".to_string(), "needs `id`"),
        ("/api/v1/article?id=a&id=b".to_string(), "twice"),
        ("/api/v1/stats?x=1".to_string(), "`x`"),
    ] {
        let res = server.get(&path);
        assert_eq!(res.status, 400, "{path}: {}", res.body);
        assert_eq!(res.header("content-type"), Some("application/json"));
        let error = res.error();
        assert!(error.contains(says), "{path}: {error:?} lacks {says:?}");
    }
    let huge = format!("/api/v1/search?q={}", "b".repeat(17 * 1024));
    let res = server.get(&huge);
    assert!(res.status == 400 || res.status == 431, "{}", res.status);
}

#[test]
fn unknown_articles_and_paths_get_404_and_writes_405() {
    let server = Server::sample(&[]);
    let res = server.get("/api/v1/article?id=no-such-article");
    assert_eq!(res.status, 404);
    assert!(res.error().contains("no-such-article"));
    for path in ["/api/v1/nothing", "/api/v2/search", "/nothing"] {
        let res = server.get(path);
        assert_eq!(res.status, 404, "{path}");
        assert!(!res.error().is_empty());
    }
    for method in ["POST", "PUT", "DELETE"] {
        let res = server.request(method, "/api/v1/search", &[]);
        assert_eq!(res.status, 405, "{method}");
        assert!(res.error().contains("read-only"), "{method}");
    }
}

#[test]
fn only_the_embedded_assets_are_served() {
    let server = Server::sample(&[]);
    let page = server.get("/?q=anything&person=x");
    assert_eq!(page.status, 200);
    assert_eq!(page.header("content-type"), Some("text/html; charset=utf-8"));
    assert!(page.body.contains("/assets/app.js"));
    // No inline script: every <script> has a src.
    assert_eq!(
        page.body.matches("<script").count(),
        page.body.matches("<script src=").count()
    );
    let js = server.get("/assets/app.js");
    assert_eq!(js.status, 200);
    assert_eq!(
        js.header("content-type"),
        Some("text/javascript; charset=utf-8")
    );
    assert_eq!(server.get("/assets/app.css").status, 200);
    for path in [
        "/assets/../Cargo.toml",
        "/assets/..%2FCargo.toml",
        "/assets/%2e%2e%2fCargo.toml",
        "/assets/%2E%2E/%2E%2E/Cargo.toml",
        "/../../../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/assets//etc/passwd",
        "/assets/index.html",
        "/src/serve/page/app.js",
        "/Cargo.toml",
        "/meta.json",
        "/newsdex-index.json",
    ] {
        let res = server.get(path);
        assert_eq!(res.status, 404, "{path}: {}", res.body);
        assert!(
            !res.body.contains("[package]") && !res.body.contains("root:")
        );
    }
}

#[test]
fn every_answer_has_the_security_headers() {
    let server = Server::sample(&[]);
    for path in [
        "/",
        "/assets/app.js",
        "/api/v1/stats",
        "/api/v1/search?sort=x",
        "/nothing",
    ] {
        let res = server.get(path);
        let csp = res.header("content-security-policy").unwrap_or("");
        assert!(csp.contains("script-src 'self'"), "{path}: {csp}");
        assert!(!csp.contains("unsafe-inline"), "{path}: {csp}");
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert_eq!(res.header("x-content-type-options"), Some("nosniff"));
        assert_eq!(res.header("x-frame-options"), Some("DENY"));
    }
}

#[test]
fn a_loopback_server_answers_only_requests_to_this_machine() {
    let server = Server::sample(&[]);
    let mut stream = TcpStream::connect(server.addr).unwrap();
    stream
        .write_all(
            b"GET /api/v1/stats HTTP/1.1\r\nHost: evil.example:7878\r\n\
              Connection: close\r\n\r\n",
        )
        .unwrap();
    let mut text = String::new();
    stream.read_to_string(&mut text).unwrap();
    assert!(text.starts_with("HTTP/1.1 403"), "{text}");
    let res = http(server.addr, "GET", "/api/v1/stats", &[]);
    assert_eq!(res.status, 200);
}

#[test]
fn a_bind_beyond_loopback_needs_a_token() {
    let run = run_with_index(sample(), &["serve", "--bind", "0.0.0.0:0"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("--token"), "{}", run.stderr);
    assert!(run.stderr.contains("NEWSDEX_TOKEN"), "{}", run.stderr);
}

#[test]
fn with_a_token_requests_without_it_get_401() {
    let server = Server::sample(&["--token", "s3cret"]);
    let res = server.get("/api/v1/stats");
    assert_eq!(res.status, 401);
    assert!(res.error().contains("token"));
    assert_eq!(server.get("/").status, 401);
    assert_eq!(server.get("/assets/app.js").status, 401);
    let wrong = [("Authorization", "Bearer s3creT")];
    assert_eq!(server.request("GET", "/api/v1/stats", &wrong).status, 401);
    let right = [("Authorization", "Bearer s3cret")];
    assert_eq!(server.request("GET", "/api/v1/stats", &right).status, 200);
    // The page opened with ?token= sets a cookie its requests then carry.
    let page = server.get("/?token=s3cret");
    assert_eq!(page.status, 200);
    let cookie = page.header("set-cookie").expect("a cookie").to_string();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"));
    let pair = cookie.split(';').next().unwrap();
    let res = server.request("GET", "/api/v1/stats", &[("Cookie", pair)]);
    assert_eq!(res.status, 200);
    // The token is no search parameter.
    let res = server.get("/api/v1/search?token=s3cret&q=talks");
    assert_eq!(res.status, 200, "{}", res.body);
}

#[test]
fn a_token_from_the_environment_also_opens_a_wider_bind() {
    let server = Server::spawn(
        sample(),
        &["--bind", "0.0.0.0:0"],
        &[("NEWSDEX_TOKEN", "from-env")],
    );
    assert_eq!(server.get("/api/v1/stats").status, 401);
    let bearer = [("Authorization", "Bearer from-env")];
    assert_eq!(server.request("GET", "/api/v1/stats", &bearer).status, 200);
}

#[test]
fn the_server_reloads_after_a_commit_of_another_process() {
    let env = crate::util::TestEnv::new();
    let first = env.write(
        "a/one.jsonl",
        r#"{"id": "one", "title": "Harbour strike", "body": "Dockers struck in Rotterdam on Monday.", "date": "2025-01-06"}"#,
    );
    env.index(&[&first]);
    let server = Server::start(&env.index_dir(), &[]);
    assert_eq!(server.json("/api/v1/stats")["articles"], 1);
    let second = env.write(
        "b/two.jsonl",
        r#"{"id": "two", "title": "Strike ends", "body": "The Rotterdam strike ended on Friday.", "date": "2025-01-10"}"#,
    );
    env.index(&[&second]);
    let mut seen = 0;
    for _ in 0..100 {
        seen =
            server.json("/api/v1/search?q=strike")["total"].as_u64().unwrap();
        if seen == 2 {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(seen, 2, "the new article was never seen");
    assert_eq!(server.json("/api/v1/article?id=two")["title"], "Strike ends");
}

#[cfg(unix)]
#[test]
fn sigterm_stops_the_server_cleanly() {
    let mut server = Server::sample(&[]);
    let status = Command::new("kill")
        .args(["-TERM", &server.child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let code = server.child.wait().unwrap();
    // The log thread may still be reading the last line.
    std::thread::sleep(Duration::from_millis(200));
    let log = server.log.lock().unwrap().clone();
    assert!(code.success(), "{code:?}: {log}");
    assert!(log.contains("stopped"), "{log}");
}

#[test]
fn the_readme_api_examples_answer_as_documented() {
    let readme =
        std::fs::read_to_string(crate::util::repo().join("README.md"))
            .unwrap();
    let server = Server::sample(&[]);
    let prefix = "curl -s 'http://127.0.0.1:7878";
    let mut ran = 0;
    for line in readme.lines().filter(|l| l.starts_with(prefix)) {
        let rest = &line[prefix.len()..];
        let (path, comment) = rest.split_once('\'').unwrap();
        let want: u16 = comment
            .trim()
            .strip_prefix("# ")
            .map_or(200, |code| code.parse().unwrap());
        let res = server.get(path);
        assert_eq!(res.status, want, "{path}: {}", res.body);
        let v: serde_json::Value = serde_json::from_str(&res.body).unwrap();
        if want == 200 {
            assert!(v.get("error").is_none(), "{path}");
        } else {
            assert!(v["error"].is_string(), "{path}");
        }
        ran += 1;
    }
    assert!(ran >= 8, "only {ran} examples found in the README");
}
