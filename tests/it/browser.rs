//! The page of `newsdex serve` in a real browser: headless Chromium,
//! driven through chromedriver (WebDriver) by fantoccini, on the sample
//! corpus. It types the example question, narrows by a person facet and
//! a timeline bar, opens an article and goes back, and keeps screenshots
//! of the page (`target/serve-screenshot.png`, an article with the
//! related panel in `target/serve-screenshot-article.png`, and
//! `target/serve-screenshot-phone.png` at a phone's width).
//!
//! Chromium and chromedriver are Debian's `chromium` and
//! `chromium-driver`. When chromedriver is missing and the test runs as
//! root with apt-get, it installs them; otherwise it fails saying how
//! to. `NEWSDEX_SKIP_BROWSER=1` skips it, saying so.

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::actions::{
    InputSource, MouseActions, PointerAction, MOUSE_BUTTON_LEFT,
};
use fantoccini::{Client, ClientBuilder, Locator};

use crate::serve::Server;

const KL: &str = "talks in Kuala Lumpur involving He Lifeng";

#[test]
fn the_page_answers_narrows_opens_an_article_and_goes_back() {
    if std::env::var_os("NEWSDEX_SKIP_BROWSER").is_some_and(|v| v == "1") {
        eprintln!("NEWSDEX_SKIP_BROWSER=1: the browser test was skipped");
        return;
    }
    let driver = Driver::start();
    let server = Server::sample(&[]);
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let client = driver.client().await;
        let result = walk(&client, server.addr).await;
        if result.is_err() {
            let _ =
                save_screenshot(&client, "serve-screenshot-failed.png").await;
        }
        let _ = client.close().await;
        if let Err(e) = result {
            panic!("at {:?}: {e}", STEP.with(|s| s.get()));
        }
    });
}

/// The walk through the page; an error names the step that failed.
async fn walk(c: &Client, addr: SocketAddr) -> Result<(), String> {
    let base = format!("http://{addr}");
    c.set_window_size(1280, 900).await.map_err(err)?;
    c.goto(&format!("{base}/")).await.map_err(err)?;

    step("the example question");
    // The example question: five Kuala Lumpur articles, the query's
    // filters as chips.
    let q = c.wait().for_element(Locator::Id("q")).await.map_err(err)?;
    q.send_keys(KL).await.map_err(err)?;
    click(c, "#search button").await?;
    status_is(c, "5 articles matched").await?;
    let titles = texts(c, "#hits .title").await?;
    assert_eq!(titles.len(), 5, "{titles:?}");
    assert!(titles.iter().all(|t| !t.is_empty()));
    let chips = texts(c, "#understood .chip").await?;
    for want in ["place: Kuala Lumpur", "person: He Lifeng"] {
        assert!(chips.iter().any(|ch| ch.contains(want)), "{want}: {chips:?}");
    }
    let marks = texts(c, "#hits mark").await?;
    assert!(!marks.is_empty(), "no highlighted words");
    let url = c.current_url().await.map_err(err)?;
    assert!(url.query().unwrap_or("").contains("Kuala"), "{url}");
    settled(c).await?;
    assert!(!texts(c, "#facet-place .facet-value").await?.is_empty());
    save_screenshot(c, "serve-screenshot.png").await?;

    step("a person facet");
    // A person facet narrows the results.
    let xi = c
        .find(Locator::Css(
            "#facet-person .facet-value[data-value='Xi Jinping']",
        ))
        .await
        .map_err(err)?;
    let count: usize = xi
        .find(Locator::Css(".count"))
        .await
        .map_err(err)?
        .text()
        .await
        .map_err(err)?
        .parse()
        .map_err(err)?;
    assert!(count < 5, "Xi Jinping is in {count} of the 5");
    xi.click().await.map_err(err)?;
    status_is(c, &format!("{count} articles matched")).await?;
    assert_eq!(texts(c, "#hits .title").await?.len(), count);
    let chips = texts(c, "#understood .chip").await?;
    assert!(
        chips.iter().any(|ch| ch.contains("person: Xi Jinping")),
        "{chips:?}"
    );

    step("a timeline bar");
    // Bars per day, then a click on one bar keeps its day.
    click(c, "#by option[value='day']").await?;
    settled(c).await?;
    // The labels in one read ("2025-10-24: 1 article"), then the bar.
    let labels = c
        .execute(
            "return [...document.querySelectorAll('#bars .bar')]\
             .map(b => b.getAttribute('aria-label'))",
            vec![],
        )
        .await
        .map_err(err)?;
    let picked = labels
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|l| l.as_str())
        .find_map(|label| {
            let (day, rest) = label.split_once(": ")?;
            let n: usize = rest.split(' ').next()?.parse().ok()?;
            (n > 0 && n < count).then(|| (day.to_string(), n))
        });
    let (day, n) =
        picked.ok_or("no bar with fewer articles than the search")?;
    let css = format!("#bars .bar[data-period='{day}']");
    click(c, &css).await?;
    let noun = if n == 1 { "article" } else { "articles" };
    status_is(c, &format!("{n} {noun} matched")).await?;
    let url = c.current_url().await.map_err(err)?;
    assert!(
        url.query().unwrap_or("").contains(&format!("from={day}")),
        "{url}"
    );

    step("an article");
    // Open an article: its whole text and entities; then back.
    let link = c.find(Locator::Css("#hits .title")).await.map_err(err)?;
    let title = link.text().await.map_err(err)?;
    link.click().await.map_err(err)?;
    let heading = c
        .wait()
        .for_element(Locator::Css("#article h2"))
        .await
        .map_err(err)?;
    assert_eq!(heading.text().await.map_err(err)?, title);
    let body = c
        .find(Locator::Css("#article .body"))
        .await
        .map_err(err)?
        .text()
        .await
        .map_err(err)?;
    assert!(body.len() > 400, "{body}");
    assert!(!texts(c, "#article .entity").await?.is_empty());
    assert!(!shown(c, "results").await?);
    step("the related panel");
    // Its entity chips open the related panel.
    click(c, "#article .entity.person").await?;
    settled(c).await?;
    assert!(!texts(c, "#related li").await?.is_empty());
    save_screenshot(c, "serve-screenshot-article.png").await?;
    c.back().await.map_err(err)?;
    c.back().await.map_err(err)?;
    status_is(c, &format!("{n} {noun} matched")).await?;
    assert!(shown(c, "results").await?);
    let url = c.current_url().await.map_err(err)?;
    assert!(!url.query().unwrap_or("").contains("article="), "{url}");
    step("back before the timeline");
    // Further back: before the timeline click.
    c.back().await.map_err(err)?;
    c.back().await.map_err(err)?;
    status_is(c, &format!("{count} articles matched")).await?;

    step("a drag across the timeline");
    let bars = c.find_all(Locator::Css("#bars .bar")).await.map_err(err)?;
    let (first, last) = (bars[0].clone(), bars[bars.len() - 1].clone());
    let period = |b: &fantoccini::elements::Element| {
        let b = b.clone();
        async move {
            b.attr("data-period")
                .await
                .map_err(err)
                .map(Option::unwrap_or_default)
        }
    };
    let (from, to) = (period(&first).await?, period(&last).await?);
    assert_ne!(from, to, "one bar only");
    let drag = MouseActions::new("mouse".into())
        .then(PointerAction::MoveToElement {
            element: first,
            duration: None,
            x: 0.0,
            y: 0.0,
        })
        .then(PointerAction::Down { button: MOUSE_BUTTON_LEFT })
        .then(PointerAction::MoveToElement {
            element: last,
            duration: Some(Duration::from_millis(200)),
            x: 0.0,
            y: 0.0,
        })
        .then(PointerAction::Up { button: MOUSE_BUTTON_LEFT });
    c.perform_actions(drag).await.map_err(err)?;
    status_is(c, &format!("{count} articles matched")).await?;
    let url = c.current_url().await.map_err(err)?;
    let query = url.query().unwrap_or("");
    assert!(
        query.contains(&format!("from={from}"))
            && query.contains(&format!("to={to}")),
        "{url}"
    );
    c.back().await.map_err(err)?;

    step("drilling down the places");
    settled(c).await?;
    click(c, "#facet-place .facet-value[data-value='Asia']").await?;
    settled(c).await?;
    let trail = texts(c, "#place-trail .crumb").await?;
    assert_eq!(trail, ["All", "Asia"]);
    let countries = c
        .find_all(Locator::Css("#facet-place .facet-value"))
        .await
        .map_err(err)?;
    assert!(!countries.is_empty());
    for country in countries {
        let path =
            country.attr("data-value").await.map_err(err)?.unwrap_or_default();
        assert!(path.starts_with("Asia/"), "{path}");
    }
    let chips = texts(c, "#understood .chip").await?;
    assert!(chips.iter().any(|ch| ch.contains("place: Asia")), "{chips:?}");
    c.back().await.map_err(err)?;
    status_is(c, &format!("{count} articles matched")).await?;

    step("removing a chip");
    // Removing the person chip widens the search again.
    let remove = c
        .find(Locator::Css(
            "#understood .chip button[aria-label='Remove person Xi Jinping']",
        ))
        .await
        .map_err(err)?;
    remove.click().await.map_err(err)?;
    status_is(c, "5 articles matched").await?;

    step("a phone's width");
    // A phone's width: one column, still the five articles.
    c.set_window_size(390, 844).await.map_err(err)?;
    c.goto(&format!("{base}/?q={}", KL.replace(' ', "+")))
        .await
        .map_err(err)?;
    status_is(c, "5 articles matched").await?;
    let width: f64 = c
        .execute("return document.documentElement.scrollWidth", vec![])
        .await
        .map_err(err)?
        .as_f64()
        .unwrap_or(0.0);
    let inner: f64 = c
        .execute("return window.innerWidth", vec![])
        .await
        .map_err(err)?
        .as_f64()
        .unwrap_or(0.0);
    assert!(
        width <= inner + 1.0,
        "the page is wider than the phone: {width} > {inner}"
    );
    save_screenshot(c, "serve-screenshot-phone.png").await?;
    Ok(())
}

thread_local! {
    /// The step of the walk under way, for the failure's message.
    static STEP: std::cell::Cell<&'static str> = const { std::cell::Cell::new("start") };
}

fn step(name: &'static str) {
    STEP.with(|s| s.set(name));
}

fn err(e: impl std::fmt::Display) -> String {
    e.to_string()
}

/// Waits until the page has drawn its state (`#main` no longer
/// `aria-busy`) and `#status` reads `want`.
async fn status_is(c: &Client, want: &str) -> Result<(), String> {
    settled(c).await?;
    let start = Instant::now();
    let mut last = String::new();
    while start.elapsed() < Duration::from_secs(15) {
        if let Ok(el) = c.find(Locator::Id("status")).await {
            last = el.text().await.unwrap_or_default();
            if last.starts_with(want) {
                return Ok(());
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Err(format!("the status never read {want:?}; last {last:?}"))
}

/// Waits until the page has drawn the state of its URL.
async fn settled(c: &Client) -> Result<(), String> {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(15) {
        let busy = c.find(Locator::Id("main")).await.map_err(err)?;
        if busy.attr("aria-busy").await.map_err(err)?.as_deref()
            == Some("false")
        {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Err("the page never finished drawing".into())
}

/// Clicks the element `css` finds.
async fn click(c: &Client, css: &str) -> Result<(), String> {
    c.find(Locator::Css(css)).await.map_err(err)?.click().await.map_err(err)
}

/// Whether the element with this id is shown.
async fn shown(c: &Client, id: &str) -> Result<bool, String> {
    c.find(Locator::Id(id))
        .await
        .map_err(err)?
        .is_displayed()
        .await
        .map_err(err)
}

/// The texts of the elements `css` finds.
async fn texts(c: &Client, css: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    for el in c.find_all(Locator::Css(css)).await.map_err(err)? {
        out.push(el.text().await.map_err(err)?);
    }
    Ok(out)
}

/// Saves a screenshot of the window as `target/NAME`.
async fn save_screenshot(c: &Client, name: &str) -> Result<PathBuf, String> {
    let png = c.screenshot().await.map_err(err)?;
    let path = target_dir().join(name);
    std::fs::write(&path, png).map_err(err)?;
    eprintln!("screenshot: {}", path.display());
    Ok(path)
}

/// The cargo target directory (the parent of this test's temp dir).
fn target_dir() -> PathBuf {
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    tmp.parent().unwrap_or(tmp).to_path_buf()
}

/// chromedriver, on a free port, with its own Chromium profile; killed
/// (by its own pid) when dropped.
struct Driver {
    child: Child,
    port: u16,
    profile: tempfile::TempDir,
}

impl Driver {
    fn start() -> Driver {
        let binary = chromedriver();
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new(binary)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let start = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "chromedriver did not start"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        Driver { child, port, profile: tempfile::tempdir().unwrap() }
    }

    async fn client(&self) -> Client {
        let mut options = serde_json::json!({
            "args": [
                "--headless=new",
                "--no-sandbox",
                "--disable-dev-shm-usage",
                "--disable-gpu",
                "--hide-scrollbars",
                "--window-size=1280,900",
                format!("--user-data-dir={}", self.profile.path().display()),
            ]
        });
        if Path::new("/usr/bin/chromium").exists() {
            options["binary"] = "/usr/bin/chromium".into();
        }
        let mut caps = serde_json::Map::new();
        caps.insert("goog:chromeOptions".into(), options);
        let connector =
            hyper_util::client::legacy::connect::HttpConnector::new();
        ClientBuilder::new(connector)
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{}", self.port))
            .await
            .expect("a WebDriver session with headless Chromium")
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// chromedriver's path; installed with apt-get when missing and this
/// test runs as root, else a failure that says how to get it.
fn chromedriver() -> PathBuf {
    if let Some(found) = on_path("chromedriver") {
        return found;
    }
    let root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
    if root && on_path("apt-get").is_some() {
        eprintln!(
            "browser test: installing chromium and chromium-driver (apt-get)"
        );
        let script = "apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
                      apt-get install -y -qq chromium chromium-driver >/dev/null";
        let ok = Command::new("sh")
            .args(["-c", script])
            .status()
            .is_ok_and(|s| s.success());
        if let (true, Some(found)) = (ok, on_path("chromedriver")) {
            return found;
        }
    }
    panic!(
        "the browser test needs Chromium and chromedriver: on Debian, \
         `apt-get install chromium chromium-driver` as root (.ci/run does \
         it); NEWSDEX_SKIP_BROWSER=1 skips this test"
    );
}

fn on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}
