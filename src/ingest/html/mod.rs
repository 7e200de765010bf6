//! HTML article pages: one page, one article.
//!
//! The page is parsed with `scraper` (html5ever, the browser parsing
//! algorithm, so broken markup is repaired the way a browser would), and
//! the article is read from it:
//!
//! - **title**: `og:title`, else the first `<h1>` of the article, else the
//!   JSON-LD `headline`, else `twitter:title`, else `<title>`; a trailing
//!   " | Site name" is cut.
//! - **body**: the text of `[itemprop=articleBody]`, else of the longest
//!   `<article>`, else of `<main>`, else the paragraphs (`<p>`,
//!   `<blockquote>`, `<pre>`) of the page, else the JSON-LD `articleBody`,
//!   else all the text of the page, else its description. Page furniture
//!   is dropped: `nav`, `header`, `footer`, `aside`, `script`, `style`,
//!   `form`, `figure` (captions too), hidden elements, navigation roles,
//!   and blocks whose class or id says what they are (`related`,
//!   `more-stories`, `newsletter`, `cookie-banner`, `share`, `ad`, …).
//!   The first-level heading is the title, so it is left out of the body.
//!   Paragraphs are separated by a blank line.
//! - **date**: `article:published_time`, else JSON-LD `datePublished`
//!   (also inside `@graph`), else other date metas (`itemprop`,
//!   `pubdate`, Dublin Core), else a `<time datetime>`, as written.
//! - **URL**: `<link rel=canonical>`, else `og:url`, else JSON-LD `url`,
//!   resolved against the page's address when relative, as a browser
//!   does (`../`, `./` and `?query` links; the `#fragment` dropped).
//! - **source**: `og:site_name`, else the JSON-LD publisher's name.
//! - **authors**: `<meta name=author>`, else JSON-LD author names (with
//!   `@id` references resolved), else the text of `rel=author` links.
//! - **language** from `<html lang>`; **topics** from `article:section`
//!   and `article:tag`, else JSON-LD `articleSection` and `keywords`.
//!
//! It does not fetch anything, run scripts, or tell articles from other
//! pages (a home page is read as one article of its paragraphs).
//!
//! The work is split by kind: `decode` turns bytes into text (charsets),
//! `depth` keeps nesting to a depth the parser handles in linear time,
//! `meta` collects what the page says about itself (metas, links,
//! JSON-LD), `body` finds the article's text and drops page furniture;
//! this module decides which source wins for each field.

mod body;
mod decode;
mod depth;
mod meta;

use std::path::Path;

use scraper::Html;

use super::fields::split_names;
use super::{path_id, stable_hash, Article, Error, FileBatch, Tags};
use body::{body_text, in_dropped_block};
pub use decode::{charset_param, decode};
use meta::{Facts, DATE_METAS};

/// What a page says about its article.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Page {
    /// Headline.
    pub title: String,
    /// Article text, paragraphs separated by blank lines.
    pub body: String,
    /// Publication date as written.
    pub published: Option<String>,
    /// Canonical URL.
    pub url: Option<String>,
    /// Site name.
    pub source: Option<String>,
    /// Byline names.
    pub authors: Vec<String>,
    /// Language code.
    pub language: Option<String>,
    /// Sections and tags.
    pub topics: Vec<String>,
}

impl Page {
    /// Is there nothing to index: no letter or digit in the title or
    /// the text (a file holding only `<` is no article)?
    pub fn is_empty(&self) -> bool {
        let no_text = |s: &str| !s.chars().any(char::is_alphanumeric);
        no_text(&self.title) && no_text(&self.body)
    }

    /// The article of the page: its id is the URL, else `fallback_id`
    /// (else a hash of title and body when that is empty).
    pub fn into_article(self, fallback_id: String, origin: String) -> Article {
        let id = match (&self.url, fallback_id.is_empty()) {
            (Some(url), _) => url.clone(),
            (None, false) => fallback_id,
            (None, true) => stable_hash(&[&self.title, &self.body]),
        };
        Article {
            id,
            title: self.title,
            body: self.body,
            published: self.published,
            dateline: None,
            source: self.source,
            url: self.url,
            authors: self.authors,
            language: self.language,
            tags: Tags { topics: self.topics, ..Tags::default() },
            origin,
        }
    }
}

/// Reads one HTML file as one article. Pages without a canonical URL get
/// their relative path without extension as id, like text files.
pub fn read(bytes: &[u8], shown: &str, rel: &Path) -> FileBatch {
    let text = decode(bytes, None);
    let page = extract(&text, None);
    if page.is_empty() {
        return FileBatch::error(Error::Record {
            path: shown.to_string(),
            line: 1,
            message: "page has no title and no text".into(),
        });
    }
    let article = page.into_article(path_id(rel), shown.to_string());
    FileBatch { articles: vec![article], errors: Vec::new() }
}

/// Reads the article of a page. `base` is the page's address (from a web
/// archive), used to resolve a relative canonical link and as a last
/// resort for the URL.
pub fn extract(html: &str, base: Option<&str>) -> Page {
    let doc = Html::parse_document(&depth::limit(html));
    let facts = Facts::collect(&doc);
    let ld = facts.json_ld();
    let meta = |key: &str| facts.meta(key);

    let (root, mut body) = facts.content();
    if body.is_empty() {
        body = ld.string("articleBody").unwrap_or_default();
    }
    if body.is_empty() {
        if let Some(b) = facts.body {
            body = body_text(b, false);
        }
    }
    if body.is_empty() {
        body = meta("og:description")
            .or_else(|| meta("description"))
            .unwrap_or_default();
    }

    let source = meta("og:site_name").or_else(|| ld.publisher());
    let h1 = root
        .and_then(|r| {
            r.descendent_elements().find(|e| e.value().name() == "h1")
        })
        .or_else(|| facts.h1s.iter().copied().find(|h| !in_dropped_block(*h)))
        .map(|h| squeeze(&h.text().collect::<String>()))
        .filter(|t| !t.is_empty());
    let title = meta("og:title")
        .or(h1)
        .or_else(|| ld.string("headline"))
        .or_else(|| meta("twitter:title"))
        .or_else(|| facts.title.clone())
        .map(|t| trim_site_name(&t, source.as_deref()))
        .unwrap_or_default();

    let published = meta("article:published_time")
        .or_else(|| ld.string("datePublished"))
        .or_else(|| DATE_METAS.iter().find_map(|k| meta(k)))
        .or_else(|| facts.time(root));

    let page_url = meta("og:url");
    let base = base.map(str::to_string).or_else(|| page_url.clone());
    let url = facts
        .canonical
        .clone()
        .or(page_url)
        .or_else(|| ld.url())
        .map(|u| resolve(&u, base.as_deref()))
        .or(base);

    let mut authors = facts
        .metas_all("author")
        .filter(|a| !looks_like_url(a))
        .flat_map(|a| split_names(&a))
        .collect::<Vec<_>>();
    if authors.is_empty() {
        authors = ld.authors();
    }
    if authors.is_empty() {
        authors.clone_from(&facts.author_links);
    }
    dedup(&mut authors);

    let mut topics: Vec<String> = facts
        .metas_all("article:section")
        .chain(facts.metas_all("article:tag"))
        .collect();
    if topics.is_empty() {
        topics = ld.topics();
    }
    dedup(&mut topics);

    let language = facts
        .lang
        .clone()
        .or_else(|| ld.string("inLanguage"))
        .filter(|l| !l.is_empty());

    Page { title, body, published, url, source, authors, language, topics }
}

/// Whitespace runs as single spaces, trimmed.
fn squeeze(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text split into paragraphs at blank lines (or single newlines), each
/// squeezed, joined by blank lines.
fn paragraphs(s: &str) -> String {
    s.split('\n')
        .map(squeeze)
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Cuts " | Site", " - Site", " — Site" off a title when Site is the
/// source; without a source, a `<title>` like "Headline | Site" keeps its
/// first part only when the separator is a bar.
fn trim_site_name(title: &str, source: Option<&str>) -> String {
    let title = squeeze(title);
    for sep in [" | ", " - ", " – ", " — ", " :: ", " · "] {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            let is_site = match source {
                Some(s) => tail.trim().eq_ignore_ascii_case(s.trim()),
                None => sep == " | ",
            };
            if is_site && !head.trim().is_empty() {
                return head.trim().to_string();
            }
        }
    }
    title
}

/// Does the attribute, a space-separated list, hold `token`?
fn has_token(attr: Option<&str>, token: &str) -> bool {
    attr.is_some_and(|a| {
        a.split_whitespace().any(|t| t.eq_ignore_ascii_case(token))
    })
}

fn looks_like_url(s: &str) -> bool {
    s.starts_with("http://") || s.starts_with("https://") || s.starts_with('/')
}

/// Resolves a link against the page's address, as a browser does
/// (RFC 3986, by the `url` crate): `//host/…`, `/path`, `path`, `./`,
/// `../` and `?query` relative to `base`, dot segments removed, and the
/// `#fragment` dropped (it names a place in the page, not another page:
/// the URL is the article's id). Absolute links, and any link when there
/// is no absolute `base`, are kept as written.
fn resolve(href: &str, base: Option<&str>) -> String {
    let href = href.trim();
    let absolute = url::Url::parse(href).is_ok();
    let base = base.and_then(|b| url::Url::parse(b.trim()).ok());
    let Some(base) = base.filter(|_| !absolute) else {
        return href.to_string();
    };
    match base.join(href) {
        Ok(mut url) => {
            url.set_fragment(None);
            url.into()
        }
        Err(_) => href.to_string(),
    }
}

/// Removes repeats, keeping the first of each (case-insensitive).
fn dedup(items: &mut Vec<String>) {
    let mut seen = std::collections::HashSet::new();
    items.retain(|i| seen.insert(i.to_lowercase()));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Extracts a page and compares it with `expected`.
    #[track_caller]
    fn check(html: &str, expected: Page) {
        assert_eq!(extract(html, None), expected);
    }

    #[test]
    fn metas_win_over_markup() {
        check(
            r#"<!doctype html><html lang="en-GB"><head>
            <title>Tide tables | Coast Post</title>
            <meta property="og:title" content="Tide tables rewritten">
            <meta property="og:site_name" content="Coast Post">
            <meta property="article:published_time"
                  content="2025-02-03T08:00:00Z">
            <meta name="author" content="Ann Lee, Bo Chen">
            <meta property="article:section" content="Science">
            <link rel="canonical" href="/science/tides">
            <meta property="og:url" content="https://coast.example/x">
            </head><body><article><h1>Tide tables</h1>
            <p>First   paragraph
            here.</p><p>Second <b>one</b>.</p></article></body></html>"#,
            Page {
                title: "Tide tables rewritten".into(),
                body: "First paragraph here.\n\nSecond one.".into(),
                published: Some("2025-02-03T08:00:00Z".into()),
                url: Some("https://coast.example/science/tides".into()),
                source: Some("Coast Post".into()),
                authors: vec!["Ann Lee".into(), "Bo Chen".into()],
                language: Some("en-GB".into()),
                topics: vec!["Science".into()],
            },
        );
    }

    #[test]
    fn json_ld_graph_with_references() {
        let html = r##"<html><head><title>Bridge opens - Valley Times</title>
        <script type="application/ld+json">{"@context":"https://schema.org",
         "@graph":[{"@type":"WebPage","@id":"https://v.example/b#page"},
          {"@type":["NewsArticle"],"headline":"Bridge opens",
           "datePublished":"2024-11-30T09:15:00+01:00",
           "author":[{"@id":"#p1"},{"@type":"Person","name":"Cy Dow"}],
           "publisher":{"@id":"#org"},"url":"https://v.example/b",
           "keywords":["bridges","transport"]},
          {"@type":"Person","@id":"#p1","name":"Di Eve"},
          {"@type":"Organization","@id":"#org","name":"Valley Times"}]}
        </script></head><body><div class="story"><p>The bridge
        opened.</p></div></body></html>"##;
        check(
            html,
            Page {
                title: "Bridge opens".into(),
                body: "The bridge opened.".into(),
                published: Some("2024-11-30T09:15:00+01:00".into()),
                url: Some("https://v.example/b".into()),
                source: Some("Valley Times".into()),
                authors: vec!["Di Eve".into(), "Cy Dow".into()],
                language: None,
                topics: vec!["bridges".into(), "transport".into()],
            },
        );
    }

    #[test]
    fn furniture_is_dropped() {
        let page = extract(
            r#"<body><header><h1 class="logo">Site</h1><nav>Home News</nav>
            </header><div id="cookie-banner"><p>We use cookies.</p></div>
            <main><h1>Real title</h1><div class="byline">By Someone</div>
            <p>Kept one.</p><figure><img src=x><figcaption>Cap
            </figcaption></figure><aside><p>Aside</p></aside>
            <div class="related-stories"><p>Other story</p></div>
            <section class="moreStories"><p>More</p></section>
            <div class="newsletter-signup"><p>Sign up</p></div>
            <p hidden>Hidden</p><p style="display: none">Gone</p>
            <script>var x = "no";</script><p>Kept <a href=#>two</a>.</p>
            </main><footer><p>Copyright</p></footer></body>"#,
            None,
        );
        assert_eq!(page.title, "Real title");
        assert_eq!(page.body, "Kept one.\n\nKept two.");
    }

    #[test]
    fn longest_article_and_time_fallback() {
        let page = extract(
            r#"<body><article><p>Short teaser.</p></article>
            <article><time datetime="2023-05-06">6 May</time>
            <p>The long article text is here and longer.</p></article>
            </body>"#,
            None,
        );
        assert_eq!(
            page.body,
            "6 May\n\nThe long article text is here and longer."
        );
        assert_eq!(page.published.as_deref(), Some("2023-05-06"));
    }

    #[test]
    fn paragraphs_of_a_page_without_article() {
        let page = extract(
            "<html><head><title>Plain page | Site</title></head><body>\
             <div class=menu>Home | About</div><div><p>One.</p>\
             <span>stray</span><p>Two.</p></div></body></html>",
            Some("https://plain.example/a/b.html"),
        );
        assert_eq!(page.title, "Plain page");
        assert_eq!(page.body, "One.\n\nTwo.");
        assert_eq!(
            page.url.as_deref(),
            Some("https://plain.example/a/b.html")
        );
    }

    #[test]
    fn json_ld_body_when_the_markup_has_none() {
        let page = extract(
            r#"<html><head><script type="application/ld+json">
            <!--
            {"@type": "ReportageNewsArticle", "headline": "Script only",
             "articleBody": "Line one.
            Line two."}
            --></script></head><body><nav><p>Menu</p></nav>
            <div id=app></div></body></html>"#,
            Some("https://app.example/story/1"),
        );
        assert_eq!(page.title, "Script only");
        // The raw newline is invalid JSON; it is read as a space.
        assert_eq!(page.body, "Line one. Line two.");
        assert_eq!(page.url.as_deref(), Some("https://app.example/story/1"));
    }

    #[test]
    fn links_resolve() {
        let b = Some("https://h.example/a/b/c?q=1#top");
        let check = |href: &str, want: &str| {
            assert_eq!(resolve(href, b), want, "{href}");
        };
        check("/x", "https://h.example/x");
        check("y", "https://h.example/a/b/y");
        check("./y", "https://h.example/a/b/y");
        check("../y", "https://h.example/a/y");
        check("../../../y", "https://h.example/y");
        check("/a/./b/../z", "https://h.example/a/z");
        check("?q=2", "https://h.example/a/b/c?q=2");
        check("#frag", "https://h.example/a/b/c?q=1");
        check("y#frag", "https://h.example/a/b/y");
        check("//o.example/z", "https://o.example/z");
        check("https://k.example/", "https://k.example/");
        // Absolute links are kept as written, dot segments too.
        check("https://K.example/a/../b", "https://K.example/a/../b");
        assert_eq!(resolve("/x", None), "/x");
        assert_eq!(resolve("../x", Some("not a url")), "../x");
    }

    /// Relative canonical links with dot segments or only a query now
    /// give the URL a browser would load (they were pasted onto the
    /// page's folder before), so such pages get new ids.
    #[test]
    fn canonical_with_dot_segments_is_the_id() {
        let page = extract(
            r#"<html><head><link rel=canonical href="../news/./story?id=7#c">
            <title>T</title></head><body><p>Text.</p></body></html>"#,
            Some("https://n.example/section/today/index.html"),
        );
        let article = page.into_article(String::new(), "o".into());
        assert_eq!(article.id, "https://n.example/section/news/story?id=7");
        assert_eq!(article.url.as_deref(), Some(article.id.as_str()));
    }

    #[test]
    fn empty_page_is_an_error() {
        let b = read(
            b"<html><body><nav>Menu</nav></body></html>",
            "e.html",
            Path::new("e.html"),
        );
        assert_eq!(
            b.errors[0].to_string(),
            "e.html:1: page has no title and no text"
        );
    }
}
