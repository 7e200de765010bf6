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
//!   resolved against the page's address when relative.
//! - **source**: `og:site_name`, else the JSON-LD publisher's name.
//! - **authors**: `<meta name=author>`, else JSON-LD author names (with
//!   `@id` references resolved), else the text of `rel=author` links.
//! - **language** from `<html lang>`; **topics** from `article:section`
//!   and `article:tag`, else JSON-LD `articleSection` and `keywords`.
//!
//! It does not fetch anything, run scripts, or tell articles from other
//! pages (a home page is read as one article of its paragraphs).

use std::borrow::Cow;
use std::path::Path;

use ego_tree::iter::Edge;
use ego_tree::NodeId;
use scraper::node::Element;
use scraper::{ElementRef, Html, Node};
use serde_json::{Map, Value};

use super::fields::split_names;
use super::{path_id, stable_hash, Article, Error, FileBatch, Tags};

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
    /// Is there nothing to index?
    pub fn is_empty(&self) -> bool {
        self.title.is_empty() && self.body.is_empty()
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

/// Decodes the bytes of a page to text: by byte order mark, else the
/// charset `declared` by HTTP, else a `charset=` near the top of the
/// page, else UTF-8 when valid, else Windows-1252 (what browsers do).
pub fn decode<'a>(bytes: &'a [u8], declared: Option<&str>) -> Cow<'a, str> {
    use encoding_rs::Encoding;
    let encoding = Encoding::for_bom(bytes)
        .map(|(e, _)| e)
        .or_else(|| declared.and_then(|l| Encoding::for_label(l.as_bytes())))
        .or_else(|| {
            let label = meta_charset(bytes)?;
            Some(Encoding::for_label(label.as_bytes())?.output_encoding())
        });
    match encoding {
        Some(e) => e.decode(bytes).0,
        None => match std::str::from_utf8(bytes) {
            Ok(text) => Cow::Borrowed(text),
            Err(_) => encoding_rs::WINDOWS_1252.decode(bytes).0,
        },
    }
}

/// The label of a `charset=` in the first 4 KiB of a page.
fn meta_charset(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(4096)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let at = head.find("charset=")? + "charset=".len();
    let label: String = head[at..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || "-_:.".contains(*c))
        .collect();
    (!label.is_empty()).then_some(label)
}

/// The `charset` parameter of an HTTP `Content-Type`.
pub fn charset_param(content_type: &str) -> Option<&str> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| v.trim().trim_matches(['"', '\'']))
    })
}

/// Reads the article of a page. `base` is the page's address (from a web
/// archive), used to resolve a relative canonical link and as a last
/// resort for the URL.
pub fn extract(html: &str, base: Option<&str>) -> Page {
    let doc = Html::parse_document(html);
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

/// Metas that carry a publication date, after `article:published_time`
/// and JSON-LD, most specific first.
const DATE_METAS: &[&str] = &[
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "parsely-pub-date",
    "sailthru.date",
];

/// What one pass over the page found.
#[derive(Default)]
struct Facts<'a> {
    /// `(property | name | itemprop, content)`, keys lowercased.
    metas: Vec<(String, String)>,
    canonical: Option<String>,
    author_links: Vec<String>,
    json_ld: Vec<&'a str>,
    title: Option<String>,
    lang: Option<String>,
    article_bodies: Vec<ElementRef<'a>>,
    articles: Vec<ElementRef<'a>>,
    mains: Vec<ElementRef<'a>>,
    times: Vec<ElementRef<'a>>,
    h1s: Vec<ElementRef<'a>>,
    body: Option<ElementRef<'a>>,
}

impl<'a> Facts<'a> {
    fn collect(doc: &'a Html) -> Facts<'a> {
        let mut f = Facts::default();
        for el in doc.root_element().descendent_elements() {
            let v = el.value();
            match v.name() {
                "html" => f.lang = v.attr("lang").map(|l| l.trim().into()),
                "body" => f.body = f.body.or(Some(el)),
                "meta" => {
                    let Some(content) = v.attr("content") else { continue };
                    let content = squeeze(content);
                    if content.is_empty() {
                        continue;
                    }
                    for key in ["property", "name", "itemprop"] {
                        if let Some(k) = v.attr(key) {
                            let k = k.trim().to_ascii_lowercase();
                            f.metas.push((k, content.clone()));
                        }
                    }
                }
                "link"
                    if f.canonical.is_none()
                        && has_token(v.attr("rel"), "canonical") =>
                {
                    f.canonical = v
                        .attr("href")
                        .map(str::trim)
                        .filter(|h| !h.is_empty())
                        .map(str::to_string);
                }
                "script" => {
                    let ty = v.attr("type").unwrap_or("");
                    if ty.to_ascii_lowercase().contains("ld+json") {
                        for child in el.children() {
                            if let Node::Text(t) = child.value() {
                                f.json_ld.push(t);
                            }
                        }
                    }
                }
                "title" if f.title.is_none() => {
                    let t = squeeze(&el.text().collect::<String>());
                    f.title = (!t.is_empty()).then_some(t);
                }
                "article" => f.articles.push(el),
                "main" => f.mains.push(el),
                "time" if v.attr("datetime").is_some() => f.times.push(el),
                "h1" => f.h1s.push(el),
                _ => {}
            }
            if v.attr("itemprop")
                .is_some_and(|p| p.eq_ignore_ascii_case("articleBody"))
            {
                f.article_bodies.push(el);
            }
            if v.attr("role") == Some("main") && v.name() != "main" {
                f.mains.push(el);
            }
            if v.name() != "link" && has_token(v.attr("rel"), "author") {
                let name = squeeze(&el.text().collect::<String>());
                if !name.is_empty() {
                    f.author_links.push(name);
                }
            }
        }
        f
    }

    /// The first non-empty meta of a key.
    fn meta(&self, key: &str) -> Option<String> {
        self.metas_all(key).next()
    }

    /// Every meta of a key, in page order.
    fn metas_all<'s>(
        &'s self,
        key: &'s str,
    ) -> impl Iterator<Item = String> + 's {
        self.metas
            .iter()
            .filter(move |(k, _)| k == key)
            .map(|(_, v)| v.clone())
    }

    /// The element holding the article and its text: the first candidate
    /// kind that yields text wins; within a kind, the longest text.
    fn content(&self) -> (Option<ElementRef<'a>>, String) {
        for kind in [&self.article_bodies, &self.articles, &self.mains] {
            let best = kind
                .iter()
                .filter(|e| !in_dropped_block(**e))
                .map(|e| (*e, body_text(*e, false)))
                .max_by_key(|(_, text)| text.len());
            if let Some((e, text)) = best {
                if !text.is_empty() {
                    return (Some(e), text);
                }
            }
        }
        let text = self.body.map(|b| body_text(b, true)).unwrap_or_default();
        (None, text)
    }

    /// The `datetime` of the page's publication `<time>`: one marked as
    /// such, else the first in the article, else the first outside `nav`,
    /// `aside` and `footer` (bylines and "post meta" blocks, dropped from
    /// the body, are where dates live, so classes are not looked at).
    fn time(&self, root: Option<ElementRef<'a>>) -> Option<String> {
        let marked = self.times.iter().find(|t| {
            let v = t.value();
            v.attr("pubdate").is_some()
                || v.attr("itemprop")
                    .is_some_and(|p| p.eq_ignore_ascii_case("datePublished"))
        });
        let inside = || {
            let root = root?;
            self.times
                .iter()
                .find(|t| t.ancestors().any(|a| a.id() == root.id()))
        };
        let free = || {
            self.times.iter().find(|t| {
                !t.ancestors()
                    .filter_map(|n| n.value().as_element())
                    .any(|e| matches!(e.name(), "nav" | "aside" | "footer"))
            })
        };
        let t = marked.or_else(inside).or_else(free)?;
        let when = t.value().attr("datetime")?.trim();
        (!when.is_empty()).then(|| when.to_string())
    }

    /// The first Article-like JSON-LD node, with the page's other nodes
    /// to resolve `@id` references.
    fn json_ld(&self) -> JsonLd {
        let mut nodes = Vec::new();
        for script in &self.json_ld {
            if let Some(v) = parse_json_ld(script) {
                flatten(v, &mut nodes);
            }
        }
        let article = nodes.iter().position(is_article);
        JsonLd { nodes, article }
    }
}

/// Parses a JSON-LD script, forgiving HTML comment or CDATA wrappers and
/// raw control characters inside strings.
fn parse_json_ld(script: &str) -> Option<Value> {
    let mut s = script.trim();
    for (open, close) in [("<!--", "-->"), ("//<![CDATA[", "//]]>")] {
        if let Some(inner) = s.strip_prefix(open) {
            s = inner.strip_suffix(close).unwrap_or(inner).trim();
        }
    }
    serde_json::from_str(s).ok().or_else(|| {
        let clean: String =
            s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
        serde_json::from_str(&clean).ok()
    })
}

/// Collects the objects of a JSON-LD value: arrays and `@graph` are
/// opened.
fn flatten(v: Value, out: &mut Vec<Map<String, Value>>) {
    match v {
        Value::Array(items) => items.into_iter().for_each(|i| flatten(i, out)),
        Value::Object(mut m) => {
            if let Some(graph) = m.remove("@graph") {
                flatten(graph, out);
            }
            if m.contains_key("@type") {
                out.push(m);
            }
        }
        _ => {}
    }
}

fn is_article(node: &Map<String, Value>) -> bool {
    let is = |t: &str| {
        let t = t.rsplit([':', '/']).next().unwrap_or(t);
        t.ends_with("Article") || t.ends_with("BlogPosting")
    };
    match node.get("@type") {
        Some(Value::String(t)) => is(t),
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).any(is),
        _ => false,
    }
}

/// The JSON-LD of a page: its nodes and which one is the article.
struct JsonLd {
    nodes: Vec<Map<String, Value>>,
    article: Option<usize>,
}

impl JsonLd {
    /// A field of the article node (references are resolved by
    /// [`JsonLd::name_of`]).
    fn field(&self, key: &str) -> Option<&Value> {
        self.nodes.get(self.article?)?.get(key)
    }

    /// A string field of the article.
    fn string(&self, key: &str) -> Option<String> {
        let s = paragraphs(self.field(key)?.as_str()?);
        (!s.is_empty()).then_some(s)
    }

    /// The name of a person or organisation value.
    fn name_of(&self, v: &Value) -> Option<String> {
        let name = match v {
            Value::String(s) => s.clone(),
            Value::Object(m) => {
                let own = m.get("name").and_then(Value::as_str);
                let referenced = || {
                    let id = m.get("@id")?.as_str()?;
                    self.nodes
                        .iter()
                        .find(|n| {
                            n.get("@id").and_then(Value::as_str) == Some(id)
                        })?
                        .get("name")?
                        .as_str()
                };
                own.or_else(referenced)?.to_string()
            }
            _ => return None,
        };
        let name = squeeze(&name);
        (!name.is_empty()).then_some(name)
    }

    fn publisher(&self) -> Option<String> {
        self.name_of(self.field("publisher")?)
    }

    fn authors(&self) -> Vec<String> {
        match self.field("author") {
            Some(Value::Array(items)) => {
                items.iter().filter_map(|i| self.name_of(i)).collect()
            }
            Some(Value::String(s)) => split_names(s),
            Some(v) => self.name_of(v).into_iter().collect(),
            None => Vec::new(),
        }
    }

    fn url(&self) -> Option<String> {
        let of = |v: &Value| match v {
            Value::String(s) => Some(s.trim().to_string()),
            Value::Object(m) => m
                .get("@id")
                .or_else(|| m.get("url"))
                .and_then(Value::as_str)
                .map(|s| s.trim().to_string()),
            _ => None,
        };
        self.field("url")
            .and_then(of)
            .or_else(|| self.field("mainEntityOfPage").and_then(of))
            .filter(|u| u.starts_with("http"))
    }

    fn topics(&self) -> Vec<String> {
        let mut out = Vec::new();
        for key in ["articleSection", "keywords"] {
            match self.field(key) {
                Some(Value::String(s)) => out.extend(
                    s.split(',').map(squeeze).filter(|t| !t.is_empty()),
                ),
                Some(Value::Array(items)) => out.extend(
                    items.iter().filter_map(Value::as_str).map(squeeze),
                ),
                _ => {}
            }
        }
        out.retain(|t| !t.is_empty());
        out
    }
}

/// Is the element, or one of its ancestors, page furniture?
fn in_dropped_block(el: ElementRef) -> bool {
    std::iter::once(*el)
        .chain(el.ancestors())
        .filter_map(|n| n.value().as_element())
        .any(is_furniture)
}

/// Elements dropped whatever their class.
const DROP_TAGS: &[&str] = &[
    "nav",
    "header",
    "footer",
    "aside",
    "script",
    "style",
    "noscript",
    "form",
    "figure",
    "figcaption",
    "template",
    "svg",
    "button",
    "iframe",
    "select",
    "textarea",
    "input",
    "label",
    "dialog",
    "object",
    "embed",
    "canvas",
    "video",
    "audio",
    "picture",
    "map",
    "menu",
    "head",
];

/// ARIA roles of page furniture.
const DROP_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "dialog",
    "alertdialog",
    "search",
    "menu",
    "menubar",
    "toolbar",
    "tooltip",
];

/// Words of a class or id that mark page furniture.
const DROP_WORDS: &[&str] = &[
    "ad",
    "ads",
    "advert",
    "adverts",
    "author",
    "banner",
    "blogroll",
    "breadcrumb",
    "breadcrumbs",
    "byline",
    "caption",
    "comment",
    "comments",
    "consent",
    "cookie",
    "cookies",
    "credit",
    "footer",
    "gdpr",
    "header",
    "hidden",
    "masthead",
    "menu",
    "meta",
    "postinfo",
    "postmeta",
    "modal",
    "nav",
    "navbar",
    "navigation",
    "newsletter",
    "newsletters",
    "outbrain",
    "pagination",
    "paywall",
    "popular",
    "popup",
    "promo",
    "promos",
    "promotion",
    "recommended",
    "related",
    "share",
    "sharing",
    "sidebar",
    "signup",
    "skip",
    "social",
    "sponsor",
    "sponsored",
    "subscribe",
    "subscription",
    "taboola",
    "tags",
    "toolbar",
    "trending",
    "widget",
];

/// Pairs of adjacent words that mark page furniture ("more-stories").
const DROP_PAIRS: &[(&str, &str)] = &[
    ("more", "stories"),
    ("more", "news"),
    ("more", "from"),
    ("more", "on"),
    ("read", "more"),
    ("read", "next"),
    ("read", "also"),
    ("also", "like"),
    ("also", "read"),
    ("most", "read"),
    ("most", "popular"),
    ("see", "also"),
    ("up", "next"),
    ("sr", "only"),
    ("visually", "hidden"),
    ("screen", "reader"),
];

/// Parts of a class or id that mark page furniture even inside a longer
/// word ("relatedLinks", "cookiebar").
const DROP_PARTS: &[&str] = &[
    "related",
    "newsletter",
    "cookie",
    "consent",
    "recommend",
    "outbrain",
    "taboola",
    "paywall",
    "subscribe",
    "advert",
    "sponsor",
    "breadcrumb",
    "social",
];

/// Is this element page furniture rather than article text?
fn is_furniture(el: &Element) -> bool {
    let name = el.name();
    if DROP_TAGS.contains(&name) {
        return true;
    }
    // The containers of the article are never dropped for their classes
    // (`<body class="has-sidebar">`).
    if matches!(name, "html" | "body" | "main" | "article") {
        return false;
    }
    if el.attr("hidden").is_some()
        || el.attr("aria-hidden").is_some_and(|v| v.trim() == "true")
    {
        return true;
    }
    if let Some(style) = el.attr("style") {
        let style: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        if style.contains("display:none")
            || style.contains("visibility:hidden")
        {
            return true;
        }
    }
    if el.attr("role").is_some_and(|r| {
        DROP_ROLES.iter().any(|d| r.trim().eq_ignore_ascii_case(d))
    }) {
        return true;
    }
    [el.attr("class"), el.attr("id")].into_iter().flatten().any(furniture_name)
}

/// Does a class list or id name page furniture?
fn furniture_name(attr: &str) -> bool {
    let lower = attr.to_ascii_lowercase();
    if DROP_PARTS.iter().any(|p| lower.contains(p)) {
        return true;
    }
    for class in attr.split_whitespace() {
        let words = words_of(class);
        if words.iter().any(|w| DROP_WORDS.contains(&w.as_str())) {
            return true;
        }
        if words
            .windows(2)
            .any(|w| DROP_PAIRS.contains(&(w[0].as_str(), w[1].as_str())))
        {
            return true;
        }
    }
    false
}

/// The lowercase words of a class name: split on punctuation, digits and
/// camel case (`relatedStories-2` → `related`, `stories`).
fn words_of(class: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for c in class.chars() {
        if !c.is_ascii_alphabetic() {
            if !cur.is_empty() {
                words.push(std::mem::take(&mut cur));
            }
            prev_lower = false;
            continue;
        }
        if c.is_ascii_uppercase() && prev_lower && !cur.is_empty() {
            words.push(std::mem::take(&mut cur));
        }
        prev_lower = c.is_ascii_lowercase();
        cur.push(c.to_ascii_lowercase());
    }
    if !cur.is_empty() {
        words.push(cur);
    }
    words
}

/// Elements that end a paragraph of the extracted text.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "blockquote"
            | "pre"
            | "table"
            | "tr"
            | "td"
            | "th"
            | "br"
            | "hr"
            | "address"
            | "center"
    )
}

/// Elements whose text counts in paragraph-only mode.
fn is_paragraph(name: &str) -> bool {
    matches!(name, "p" | "blockquote" | "pre")
}

/// The text under `root`, furniture and `<h1>` left out, paragraphs
/// separated by blank lines. With `only_paragraphs`, only the text inside
/// paragraph elements counts (for pages without an article element).
fn body_text(root: ElementRef, only_paragraphs: bool) -> String {
    let mut out = TextBuilder::default();
    let mut skip: Option<NodeId> = None;
    let mut in_paragraph = 0usize;
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => {
                if skip.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Element(el) => {
                        let name = el.name();
                        let drop = name == "h1" || is_furniture(el);
                        if node.id() != root.id() && drop {
                            skip = Some(node.id());
                            continue;
                        }
                        if is_block(name) {
                            out.flush();
                        }
                        if is_paragraph(name) {
                            in_paragraph += 1;
                        }
                    }
                    Node::Text(t) if !only_paragraphs || in_paragraph > 0 => {
                        out.push(t);
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if let Some(id) = skip {
                    if id == node.id() {
                        skip = None;
                    }
                    continue;
                }
                if let Node::Element(el) = node.value() {
                    if is_block(el.name()) {
                        out.flush();
                    }
                    if is_paragraph(el.name()) {
                        in_paragraph = in_paragraph.saturating_sub(1);
                    }
                }
            }
        }
    }
    out.finish()
}

/// Builds text from nodes: runs of whitespace become one space,
/// paragraphs are joined by blank lines.
#[derive(Default)]
struct TextBuilder {
    paragraphs: Vec<String>,
    current: String,
    space: bool,
}

impl TextBuilder {
    fn push(&mut self, text: &str) {
        for c in text.chars() {
            if c.is_whitespace() {
                self.space = true;
            } else {
                if self.space && !self.current.is_empty() {
                    self.current.push(' ');
                }
                self.space = false;
                self.current.push(c);
            }
        }
    }

    fn flush(&mut self) {
        if !self.current.is_empty() {
            self.paragraphs.push(std::mem::take(&mut self.current));
        }
        self.space = false;
    }

    fn finish(mut self) -> String {
        self.flush();
        self.paragraphs.join("\n\n")
    }
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

/// Resolves a link against the page's address: absolute links as they
/// are, `//host/…`, `/path` and `path` relative to `base`.
fn resolve(href: &str, base: Option<&str>) -> String {
    let href = href.trim();
    let has_scheme = href.split_once(':').is_some_and(|(s, _)| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    });
    let Some(base) = base.filter(|_| !has_scheme) else {
        return href.to_string();
    };
    let Some((scheme, rest)) = base.split_once("://") else {
        return href.to_string();
    };
    if let Some(net) = href.strip_prefix("//") {
        return format!("{scheme}://{net}");
    }
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let origin = &base[..scheme.len() + 3 + host_end];
    if href.starts_with('/') {
        return format!("{origin}{href}");
    }
    let path = &rest[host_end..];
    let path = path.split(['?', '#']).next().unwrap_or("");
    let dir = path.rsplit_once('/').map_or("", |(d, _)| d);
    format!("{origin}{dir}/{href}")
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
    fn class_words() {
        assert_eq!(words_of("relatedStories-2"), ["related", "stories"]);
        assert!(furniture_name("c-more-stories"));
        assert!(furniture_name("ad-slot wide"));
        assert!(furniture_name("js-cookiebar"));
        assert!(!furniture_name("article-body lead"));
        assert!(!furniture_name("story-content"));
    }

    #[test]
    fn charsets() {
        assert_eq!(decode(b"caf\xe9", None), "café");
        assert_eq!(decode(b"caf\xc3\xa9", None), "café");
        assert_eq!(decode(b"caf\xe9", Some("iso-8859-1")), "café");
        let koi = b"<meta charset=\"koi8-r\"><p>\xf0\xd2\xc9\xd7\xc5\xd4";
        assert!(decode(koi, None).ends_with("Привет"));
        assert_eq!(
            charset_param("text/html; charset=\"UTF-8\""),
            Some("UTF-8")
        );
    }

    #[test]
    fn links_resolve() {
        let b = Some("https://h.example/a/b?q=1");
        assert_eq!(resolve("/x", b), "https://h.example/x");
        assert_eq!(resolve("y", b), "https://h.example/a/y");
        assert_eq!(resolve("//o.example/z", b), "https://o.example/z");
        assert_eq!(resolve("https://k.example/", b), "https://k.example/");
        assert_eq!(resolve("/x", None), "/x");
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
