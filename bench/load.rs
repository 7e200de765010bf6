//! A load generator for `newsdex serve`: CLIENTS threads, each on its
//! own keep-alive connection, send the queries of a file as faceted
//! searches (`/api/v1/search?q=...`, the default facets counted) one
//! after another for SECONDS, and report requests/s, latency percentiles
//! and, with `--pid`, the server's resident memory every few seconds.
//! Standard library only, so that `bench/serve.sh` builds it with
//! rustc alone (an example of the package would build every
//! dev-dependency in release mode first); `cargo test` builds it as the
//! example `load`, so that it keeps compiling. It reaches only the
//! address it is given.
//!
//! ```sh
//! rustc -O --edition 2021 -o load bench/load.rs
//! ./load --addr 127.0.0.1:7878 --queries bench/queries.txt \
//!     --clients 16 --seconds 180 --pid PID
//! ```

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

struct Options {
    addr: String,
    queries: String,
    clients: usize,
    seconds: u64,
    pid: Option<u32>,
    path: String,
}

fn options() -> Options {
    let mut o = Options {
        addr: "127.0.0.1:7878".into(),
        queries: "bench/queries.txt".into(),
        clients: 16,
        seconds: 60,
        pid: None,
        path: "/api/v1/search?q=".into(),
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = || args.next().unwrap_or_else(|| usage(&flag));
        match flag.as_str() {
            "--addr" => o.addr = value(),
            "--queries" => o.queries = value(),
            "--clients" => {
                o.clients =
                    value().parse().unwrap_or_else(|_| usage("--clients"))
            }
            "--seconds" => {
                o.seconds =
                    value().parse().unwrap_or_else(|_| usage("--seconds"))
            }
            "--pid" => {
                o.pid =
                    Some(value().parse().unwrap_or_else(|_| usage("--pid")))
            }
            "--path" => o.path = value(),
            _ => usage(&flag),
        }
    }
    o
}

fn usage(flag: &str) -> ! {
    eprintln!(
        "load: bad or incomplete {flag}\nusage: load [--addr HOST:PORT] [--queries FILE] \
         [--clients N] [--seconds S] [--pid PID] [--path /api/v1/search?q=]"
    );
    std::process::exit(2)
}

/// Percent-encodes a query for a query string (`+` for spaces).
fn encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.".contains(&b) {
            out.push(b as char);
        } else if b == b' ' {
            out.push('+');
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// One GET on a kept-alive connection; the status, the body read whole.
fn get(
    conn: &mut BufReader<TcpStream>,
    host: &str,
    path: &str,
) -> std::io::Result<u16> {
    write!(conn.get_mut(), "GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n")?;
    let mut line = String::new();
    conn.read_line(&mut line)?;
    let status = line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let mut length = 0usize;
    loop {
        line.clear();
        if conn.read_line(&mut line)? == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        let l = line.trim_end();
        if l.is_empty() {
            break;
        }
        if let Some((name, value)) = l.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().unwrap_or(0);
            }
        }
    }
    let mut body = vec![0; length];
    conn.read_exact(&mut body)?;
    Ok(status)
}

/// The server's resident memory in MB, from /proc (Linux).
fn rss_mb(pid: u32) -> Option<f64> {
    let status =
        std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn percentile(sorted: &[u32], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let k = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[k.clamp(1, sorted.len()) - 1] as f64 / 1000.0
}

fn main() {
    let o = options();
    let text = std::fs::read_to_string(&o.queries).unwrap_or_else(|e| {
        eprintln!("load: cannot read {}: {e}", o.queries);
        std::process::exit(2)
    });
    let paths: Arc<Vec<String>> = Arc::new(
        text.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(|q| format!("{}{}", o.path, encode(q)))
            .collect(),
    );
    let done = Arc::new(AtomicU64::new(0));
    let failed = Arc::new(AtomicU64::new(0));
    let start = Instant::now();
    let deadline = start + Duration::from_secs(o.seconds);
    let mut threads = Vec::new();
    for client in 0..o.clients {
        let (paths, done, failed) =
            (Arc::clone(&paths), Arc::clone(&done), Arc::clone(&failed));
        let addr = o.addr.clone();
        threads.push(std::thread::spawn(move || {
            let mut latencies: Vec<u32> = Vec::new();
            let mut conn: Option<BufReader<TcpStream>> = None;
            let mut i = client * 7;
            while Instant::now() < deadline {
                let path = &paths[i % paths.len()];
                i += 1;
                let c = match &mut conn {
                    Some(c) => c,
                    None => match TcpStream::connect(&addr) {
                        Ok(s) => {
                            let _ = s.set_nodelay(true);
                            conn.insert(BufReader::new(s))
                        }
                        Err(_) => {
                            failed.fetch_add(1, Ordering::Relaxed);
                            std::thread::sleep(Duration::from_millis(100));
                            continue;
                        }
                    },
                };
                let t = Instant::now();
                match get(c, &addr, path) {
                    Ok(200) => {
                        latencies.push(
                            t.elapsed().as_micros().min(u32::MAX as u128)
                                as u32,
                        );
                        done.fetch_add(1, Ordering::Relaxed);
                    }
                    Ok(_) => {
                        failed.fetch_add(1, Ordering::Relaxed);
                    }
                    Err(_) => {
                        failed.fetch_add(1, Ordering::Relaxed);
                        conn = None;
                    }
                }
            }
            latencies
        }));
    }
    // Progress and memory every 10 s, on stderr.
    let mut rss = Vec::new();
    let mut last = 0;
    while Instant::now() < deadline {
        std::thread::sleep(
            Duration::from_secs(10)
                .min(deadline.saturating_duration_since(Instant::now())),
        );
        let n = done.load(Ordering::Relaxed);
        let mem = o.pid.and_then(rss_mb);
        if let Some(m) = mem {
            rss.push(m);
        }
        eprintln!(
            "load: {:>4.0} s  {:>7.0} req/s{}",
            start.elapsed().as_secs_f64(),
            (n - last) as f64 / 10.0,
            mem.map_or(String::new(), |m| format!("  server RSS {m:.0} MB"))
        );
        last = n;
    }
    let mut all: Vec<u32> =
        threads.into_iter().flat_map(|t| t.join().unwrap()).collect();
    let secs = start.elapsed().as_secs_f64();
    all.sort_unstable();
    println!(
        "{} clients, {:.0} s: {} searches ({} failed), {:.0} requests/s",
        o.clients,
        secs,
        all.len(),
        failed.load(Ordering::Relaxed),
        all.len() as f64 / secs
    );
    println!(
        "latency ms: median {:.2}, p90 {:.2}, p99 {:.2}, max {:.2}",
        percentile(&all, 50.0),
        percentile(&all, 90.0),
        percentile(&all, 99.0),
        percentile(&all, 100.0)
    );
    if let (Some(first), Some(last)) = (rss.first(), rss.last()) {
        let max = rss.iter().cloned().fold(0.0, f64::max);
        println!(
            "server RSS MB: first {first:.0}, last {last:.0}, max {max:.0}"
        );
    }
}
