//! The article's text: which element holds it, and its text with the
//! page furniture left out.
//!
//! The first kind of candidate that yields text wins
//! (`[itemprop=articleBody]`, then `<article>`, then `<main>` or
//! `role=main`; the longest of a kind), else the paragraphs of the whole
//! page. Furniture is dropped by tag (`nav`, `aside`, `figure`, …), by
//! ARIA role, when hidden, and by the words of its class or id
//! (`related`, `more-stories`, `newsletter`, `cookie-banner`, …).
//! Block elements end paragraphs; paragraphs are joined by a blank line.

use ego_tree::iter::Edge;
use ego_tree::NodeId;
use scraper::node::Element;
use scraper::{ElementRef, Node};

use super::meta::Facts;

impl<'a> Facts<'a> {
    /// The element holding the article and its text: the first candidate
    /// kind that yields text wins; within a kind, the longest text.
    pub(super) fn content(&self) -> (Option<ElementRef<'a>>, String) {
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
}

/// Is the element, or one of its ancestors, page furniture?
pub(super) fn in_dropped_block(el: ElementRef) -> bool {
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
pub(super) fn body_text(root: ElementRef, only_paragraphs: bool) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_words() {
        assert_eq!(words_of("relatedStories-2"), ["related", "stories"]);
        assert!(furniture_name("c-more-stories"));
        assert!(furniture_name("ad-slot wide"));
        assert!(furniture_name("js-cookiebar"));
        assert!(!furniture_name("article-body lead"));
        assert!(!furniture_name("story-content"));
    }
}
