//! What a page says about itself: one pass over the parsed page
//! ([`Facts`]) collects metas, links, `<time>`s, JSON-LD scripts and the
//! candidate elements of the article, and [`JsonLd`] reads the page's
//! schema.org nodes (the article node, `@graph`, `@id` references).
//!
//! It picks no value: `super::extract` decides which source wins for
//! each field, and `body` turns the candidate elements into text.

use scraper::{ElementRef, Html, Node};
use serde_json::{Map, Value};

use super::{has_token, paragraphs, squeeze};
use crate::ingest::fields::split_names;

/// Metas that carry a publication date, after `article:published_time`
/// and JSON-LD, most specific first.
pub(super) const DATE_METAS: &[&str] = &[
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
pub(super) struct Facts<'a> {
    /// `(property | name | itemprop, content)`, keys lowercased.
    pub(super) metas: Vec<(String, String)>,
    pub(super) canonical: Option<String>,
    pub(super) author_links: Vec<String>,
    pub(super) json_ld: Vec<&'a str>,
    pub(super) title: Option<String>,
    pub(super) lang: Option<String>,
    pub(super) article_bodies: Vec<ElementRef<'a>>,
    pub(super) articles: Vec<ElementRef<'a>>,
    pub(super) mains: Vec<ElementRef<'a>>,
    pub(super) times: Vec<ElementRef<'a>>,
    pub(super) h1s: Vec<ElementRef<'a>>,
    pub(super) body: Option<ElementRef<'a>>,
}

impl<'a> Facts<'a> {
    pub(super) fn collect(doc: &'a Html) -> Facts<'a> {
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
    pub(super) fn meta(&self, key: &str) -> Option<String> {
        self.metas_all(key).next()
    }

    /// Every meta of a key, in page order.
    pub(super) fn metas_all<'s>(
        &'s self,
        key: &'s str,
    ) -> impl Iterator<Item = String> + 's {
        self.metas
            .iter()
            .filter(move |(k, _)| k == key)
            .map(|(_, v)| v.clone())
    }
    /// The `datetime` of the page's publication `<time>`: one marked as
    /// such, else the first in the article, else the first outside `nav`,
    /// `aside` and `footer` (bylines and "post meta" blocks, dropped from
    /// the body, are where dates live, so classes are not looked at).
    pub(super) fn time(&self, root: Option<ElementRef<'a>>) -> Option<String> {
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
    pub(super) fn json_ld(&self) -> JsonLd {
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
pub(super) struct JsonLd {
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
    pub(super) fn string(&self, key: &str) -> Option<String> {
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

    pub(super) fn publisher(&self) -> Option<String> {
        self.name_of(self.field("publisher")?)
    }

    pub(super) fn authors(&self) -> Vec<String> {
        match self.field("author") {
            Some(Value::Array(items)) => {
                items.iter().filter_map(|i| self.name_of(i)).collect()
            }
            Some(Value::String(s)) => split_names(s),
            Some(v) => self.name_of(v).into_iter().collect(),
            None => Vec::new(),
        }
    }

    pub(super) fn url(&self) -> Option<String> {
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

    pub(super) fn topics(&self) -> Vec<String> {
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
