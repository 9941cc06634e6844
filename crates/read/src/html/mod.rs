//! HTML pages into [`Document`]s: the main text (menus, sidebars, «الأكثر قراءة» blocks, footers,
//! comment boxes, share links and scripts left out), the title, the publication date (meta tags
//! and JSON-LD only — never a date found in the text, such as a copyright line), the canonical
//! URL, the outlet and the character set.
//!
//! The extractor is a single pass over a forgiving lexer (no DOM tree, no recursion): text is cut
//! into paragraphs at block elements, each paragraph is credited to its container element, and the
//! container with the most non-link text (ignoring `nav`, `aside`, `footer`, `form` and elements
//! whose class or id says menu, sidebar, comment, share, related, most-read…) is the article; its
//! paragraphs, and those of siblings nearly as rich, are the text. Any nesting depth is safe
//! (elements deeper than [`MAX_DEPTH`] are read as if flat) and pages over [`MAX_HTML_BYTES`] are
//! refused with an error saying so.

mod lex;

use crate::input::{text_id, Document, Entry, ReadError};
use lex::{attrs, decode_entities, Lexer, Name, Tok};

/// The largest page read, in bytes (32 MiB); a larger one is an error.
pub const MAX_HTML_BYTES: usize = 32 << 20;

/// Elements nested deeper than this are read as if they were flat (their text is kept).
pub const MAX_DEPTH: usize = 512;

/// What is extracted from one HTML page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Page {
    /// The main text: paragraphs separated by a blank line, line breaks (`<br>`) kept; the page's
    /// `<h1>` comes first when it stands outside the article's container.
    pub text: String,
    /// `og:title`, else JSON-LD `headline`, else the first `<h1>`, else `<title>`.
    pub title: Option<String>,
    /// The text of the page's first `<h1>` (outside menus and sidebars), if any.
    pub heading: Option<String>,
    /// `article:published_time` (and similar meta names), else JSON-LD `datePublished`, as given
    /// (ISO 8601 in practice); only values starting with a four-digit year are taken.
    pub published: Option<String>,
    /// `<link rel="canonical">`, else `og:url`, else JSON-LD `url`.
    pub canonical: Option<String>,
    /// `og:site_name`, else JSON-LD `publisher.name`.
    pub site_name: Option<String>,
    /// The `lang` attribute of `<html>`.
    pub lang: Option<String>,
    /// The encoding the page was decoded with (`"UTF-8"`, `"windows-1256"`, …).
    pub encoding: &'static str,
}

/// Decode the bytes of a page: a BOM, then the caller's `charset_hint` (an HTTP `Content-Type`
/// charset), then `<meta charset>` / `http-equiv` in the first 4 KiB decide; bytes that are valid
/// UTF-8 with non-ASCII characters are read as UTF-8 whatever is declared (a common
/// mis-declaration); undeclared non-UTF-8 pages that read as Arabic in windows-1256 are read so,
/// else as windows-1252. Returns the text and the encoding's name.
pub fn decode_html(bytes: &[u8], charset_hint: Option<&str>) -> (String, &'static str) {
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (t, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return (t.into_owned(), enc.name());
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return (s.to_string(), "UTF-8");
    }
    let declared = charset_hint
        .and_then(|l| encoding_rs::Encoding::for_label(l.trim().as_bytes()))
        .or_else(|| meta_charset(bytes));
    let enc = match declared {
        // a page declared UTF-8 that is not: browsers replace the bad bytes
        Some(e) if e == encoding_rs::UTF_8 => {
            if looks_arabic_1256(bytes) {
                encoding_rs::WINDOWS_1256
            } else {
                encoding_rs::UTF_8
            }
        }
        // UTF-16 labels in a meta tag mean UTF-8 (HTML standard)
        Some(e) if e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE => encoding_rs::UTF_8,
        Some(e) => e,
        None if looks_arabic_1256(bytes) => encoding_rs::WINDOWS_1256,
        None => encoding_rs::WINDOWS_1252,
    };
    let (t, _) = enc.decode_without_bom_handling(bytes);
    (t.into_owned(), enc.name())
}

/// Mostly Arabic letters when read as windows-1256.
fn looks_arabic_1256(bytes: &[u8]) -> bool {
    let (mut arabic, mut high) = (0usize, 0usize);
    for &b in bytes.iter().take(1 << 16) {
        if b >= 0x80 {
            high += 1;
            // windows-1256 Arabic letters: C1-D6, D8-DF, E1, E3-E6, EC-ED
            if matches!(b, 0xC1..=0xD6 | 0xD8..=0xDF | 0xE1 | 0xE3..=0xE6 | 0xEC | 0xED) {
                arabic += 1;
            }
        }
    }
    arabic >= 4 && arabic * 3 >= high * 2
}

/// The charset a page declares in a `<meta>` tag within its first 4 KiB.
fn meta_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    let mut from = 0;
    while let Some(i) = find_bytes(&lower[from..], b"<meta") {
        let start = from + i;
        let end = lower[start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(c) = find_bytes(tag, b"charset") {
            let mut j = c + 7;
            while j < tag.len()
                && (tag[j].is_ascii_whitespace()
                    || tag[j] == b'='
                    || tag[j] == b'"'
                    || tag[j] == b'\'')
            {
                j += 1;
            }
            let k = tag[j..]
                .iter()
                .position(|&b| {
                    b.is_ascii_whitespace() || matches!(b, b'"' | b'\'' | b';' | b'/' | b'>')
                })
                .map_or(tag.len(), |p| j + p);
            if let Some(e) = encoding_rs::Encoding::for_label(&tag[j..k]) {
                return Some(e);
            }
        }
        from = end.max(start + 1);
    }
    None
}

fn find_bytes(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// The share of Arabic letters among the letters of `text` (0.0 when it has no letter). A page
/// with a ratio under 0.5 is not an Arabic page: read, but no events are to be expected from it.
pub fn arabic_ratio(text: &str) -> f64 {
    let (mut arabic, mut letters) = (0usize, 0usize);
    for c in text.chars() {
        if c.is_alphabetic() {
            letters += 1;
            if ('\u{0600}'..='\u{06FF}').contains(&c)
                || ('\u{0750}'..='\u{077F}').contains(&c)
                || ('\u{FB50}'..='\u{FDFF}').contains(&c)
                || ('\u{FE70}'..='\u{FEFF}').contains(&c)
            {
                arabic += 1;
            }
        }
    }
    if letters == 0 {
        0.0
    } else {
        arabic as f64 / letters as f64
    }
}

/// Extract the main text and metadata of a page. Errors (the message only): `"empty page"`,
/// `"page is N bytes, over the 32 MiB cap"`, `"no text found in the page"`.
pub fn extract(bytes: &[u8], charset_hint: Option<&str>) -> Result<Page, String> {
    if bytes.len() > MAX_HTML_BYTES {
        return Err(format!(
            "page is {} bytes, over the {} MiB cap",
            bytes.len(),
            MAX_HTML_BYTES >> 20
        ));
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err("empty page".into());
    }
    let (src, encoding) = decode_html(bytes, charset_hint);
    let mut page = extract_str(&src);
    page.encoding = encoding;
    if page.text.trim().is_empty() {
        return Err("no text found in the page".into());
    }
    Ok(page)
}

/// [`extract`] into a [`Document`] named `name`: the id is the manifest's (`entry`) or
/// [`text_id`] of the text; the manifest's title, outlet, url and published date win over the
/// page's; the url is else the canonical URL, else `url` (where the page was fetched); the outlet
/// is else `og:site_name`, else the host of the url. Errors name `name`.
pub fn html_document(
    bytes: &[u8],
    name: &str,
    url: Option<&str>,
    charset_hint: Option<&str>,
    entry: Option<&Entry>,
) -> Result<Document, ReadError> {
    let page = extract(bytes, charset_hint).map_err(|m| ReadError::new(name, m))?;
    Ok(page_document(page, name, url, entry))
}

pub(crate) fn page_document(
    page: Page,
    name: &str,
    url: Option<&str>,
    entry: Option<&Entry>,
) -> Document {
    let url = entry
        .and_then(|e| e.url.clone())
        .or(page.canonical)
        .or_else(|| url.map(str::to_string));
    let outlet = entry
        .and_then(|e| e.outlet.clone())
        .or(page.site_name)
        .or_else(|| url.as_deref().and_then(host).map(str::to_string));
    Document {
        id: entry
            .and_then(|e| e.id.clone())
            .unwrap_or_else(|| text_id(&page.text)),
        name: name.to_string(),
        title: entry.and_then(|e| e.title.clone()).or(page.title),
        outlet,
        url,
        published: entry.and_then(|e| e.published.clone()).or(page.published),
        text: page.text,
    }
}

/// The host of an http(s) URL, without `www.`.
pub(crate) fn host(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    let h = rest.split(['/', '?', '#']).next()?;
    let h = h.rsplit('@').next()?;
    let h = h.split(':').next()?;
    let h = h.strip_prefix("www.").unwrap_or(h);
    (!h.is_empty()).then_some(h)
}

// ---------------------------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// does not break a paragraph (span, a, b…)
    Inline,
    /// a paragraph-like block (p, h1-h6, li, blockquote…)
    Para,
    /// a container block (div, article, section, td…)
    Block,
    /// never has content (br, img, meta…)
    Void,
}

fn kind(name: &str) -> Kind {
    match name {
        "br" | "img" | "meta" | "link" | "input" | "hr" | "area" | "base" | "col" | "embed"
        | "param" | "source" | "track" | "wbr" | "keygen" => Kind::Void,
        "p" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "li" | "dd" | "dt" | "blockquote"
        | "pre" | "figcaption" | "caption" | "address" | "summary" | "legend" => Kind::Para,
        "a" | "span" | "b" | "strong" | "em" | "i" | "u" | "font" | "small" | "big" | "sup"
        | "sub" | "abbr" | "time" | "label" | "cite" | "q" | "mark" | "s" | "strike" | "del"
        | "ins" | "code" | "kbd" | "var" | "bdi" | "bdo" | "tt" | "nobr" | "data" | "dfn" => {
            Kind::Inline
        }
        _ => Kind::Block,
    }
}

/// Elements that are page furniture by their tag.
fn boiler_tag(name: &str) -> bool {
    matches!(
        name,
        "nav" | "aside" | "footer" | "button" | "select" | "menu" | "dialog" | "option"
    )
}

const NEGATIVE: &[&str] = &[
    "nav",
    "menu",
    "footer",
    "sidebar",
    "side-bar",
    "widget",
    "comment",
    "share",
    "sharing",
    "social",
    "related",
    "breadcrumb",
    "most-read",
    "mostread",
    "most_read",
    "popular",
    "trending",
    "advert",
    "banner",
    "newsletter",
    "subscribe",
    "cookie",
    "promo",
    "sponsor",
    "masthead",
    "topbar",
    "copyright",
    "pagination",
    "login",
    "signup",
    "ticker",
    "marquee",
    "recommend",
    "more-news",
    "morenews",
    "readmore",
    "read-more",
    "also-read",
    "taboola",
    "outbrain",
    "disqus",
    "toolbar",
    "tags",
    "author-box",
    "d-none",
];
const NEGATIVE_TOKENS: &[&str] = &[
    "ad", "ads", "tag", "top", "hide", "hidden", "modal", "popup", "aside", "meta", "foot",
    "header",
];
const POSITIVE: &[&str] = &[
    "article", "content", "entry", "post", "story", "body", "text", "main", "detail", "news-",
];

/// Class/id/role hints: -1 furniture, 1 content, 0 neither.
fn hint(attrs_raw: &str) -> i8 {
    if attrs_raw.is_empty() {
        return 0;
    }
    let mut pos = false;
    for (k, v) in attrs(attrs_raw) {
        match k.as_str() {
            "class" | "id" => {
                let v = v.to_ascii_lowercase();
                if NEGATIVE.iter().any(|n| v.contains(n))
                    || v.split(|c: char| !c.is_ascii_alphanumeric())
                        .any(|t| NEGATIVE_TOKENS.contains(&t))
                {
                    return -1;
                }
                if POSITIVE.iter().any(|p| v.contains(p)) {
                    pos = true;
                }
            }
            "role" => {
                if matches!(
                    v,
                    "navigation" | "complementary" | "contentinfo" | "banner" | "menu" | "search"
                ) {
                    return -1;
                }
                if matches!(v, "main" | "article") {
                    pos = true;
                }
            }
            "itemprop" if v == "articleBody" => pos = true,
            "hidden" => return -1,
            "aria-hidden" if v == "true" => return -1,
            "style" => {
                let s = v.replace(' ', "").to_ascii_lowercase();
                if s.contains("display:none") || s.contains("visibility:hidden") {
                    return -1;
                }
            }
            _ => {}
        }
    }
    i8::from(pos)
}

/// The share of a paragraph's score credited to its container, the container's parent, and so on.
const ANCESTOR_WEIGHTS: [f32; 3] = [1.0, 0.5, 0.25];

struct Node {
    parent: u32,
    /// the element is furniture by its tag (nav, aside…)
    boiler_tag: bool,
    /// the element or an ancestor is furniture by tag
    in_boiler_tag: bool,
    /// the element or an ancestor is furniture by class/id hint
    in_boiler_hint: bool,
    /// the element itself is furniture by class/id hint
    own_hint: bool,
    /// `<html>` or `<body>`
    root_like: bool,
    positive: bool,
    score: f32,
}

/// The article's container(s) as chosen.
struct Choice {
    /// per node: its paragraphs are the text
    included: Vec<bool>,
    /// the best container's score
    score: f32,
    best: usize,
    /// per node: the scores of the paragraphs inside it
    total: Vec<f32>,
}

/// Titles of lists of other stories («الأكثر قراءة», "Most read", "Related"…).
const LIST_TITLES: &[&str] = &[
    "الأكثر قراءة",
    "الاكثر قراءة",
    "الأكثر مشاهدة",
    "الاكثر مشاهدة",
    "الأكثر تداولا",
    "الأكثر تداولاً",
    "الأكثر تعليقا",
    "اقرأ أيضا",
    "اقرأ أيضاً",
    "اقرا ايضا",
    "إقرأ أيضا",
    "شاهد أيضا",
    "قد يهمك",
    "قد يعجبك",
    "ذات صلة",
    "مواضيع ذات صلة",
    "أخبار ذات صلة",
    "أخبار متعلقة",
    "آخر الأخبار",
    "اخر الاخبار",
    "المزيد من",
    "most read",
    "most popular",
    "most viewed",
    "related",
    "read more",
    "read next",
    "more from",
    "more stories",
    "recommended",
    "trending",
    "you may also like",
    "you might also like",
    "latest news",
    "popular",
];

fn is_list_title(text: &str) -> bool {
    if text.chars().count() > 60 || text.contains('\n') {
        return false;
    }
    let t = text
        .trim()
        .trim_end_matches([':', '：', '»', '>'])
        .trim()
        .to_lowercase();
    LIST_TITLES.iter().any(|l| t.starts_with(l))
}

struct Para {
    text: String,
    /// the container block the paragraph is credited to
    container: u32,
    chars: u32,
    link_chars: u32,
    heading: u8,
}

struct Open {
    name: Name,
    node: u32,
    kind: Kind,
}

struct Extractor {
    nodes: Vec<Node>,
    stack: Vec<Open>,
    /// start tags not pushed because the stack was full
    overflow: usize,
    paras: Vec<Para>,
    buf: String,
    chars: u32,
    link_chars: u32,
    in_link: u32,
    in_pre: u32,
    page: Page,
    og_title: Option<String>,
    h1: Option<(String, usize)>,
    in_h1: bool,
    json_ld: Vec<String>,
    in_json_ld: bool,
    in_title: bool,
    dates: Vec<(u8, String)>,
}

fn root_node() -> Node {
    Node {
        parent: 0,
        boiler_tag: false,
        in_boiler_tag: false,
        in_boiler_hint: false,
        own_hint: false,
        root_like: true,
        positive: false,
        score: 0.0,
    }
}

fn clean(s: &str) -> String {
    let d = decode_entities(s);
    d.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn non_empty(s: String) -> Option<String> {
    (!s.is_empty()).then_some(s)
}

impl Extractor {
    fn new() -> Extractor {
        Extractor {
            nodes: vec![root_node()],
            stack: Vec::new(),
            overflow: 0,
            paras: Vec::new(),
            buf: String::new(),
            chars: 0,
            link_chars: 0,
            in_link: 0,
            in_pre: 0,
            page: Page::default(),
            og_title: None,
            h1: None,
            in_h1: false,
            json_ld: Vec::new(),
            in_json_ld: false,
            in_title: false,
            dates: Vec::new(),
        }
    }

    fn top_node(&self) -> u32 {
        self.stack.last().map_or(0, |o| o.node)
    }

    /// End the current paragraph, crediting it to the nearest container block.
    fn flush(&mut self) {
        let text = self.buf.trim();
        if text.is_empty() {
            self.buf.clear();
            self.chars = 0;
            self.link_chars = 0;
            return;
        }
        let mut container = 0;
        let mut heading = 0;
        for o in self.stack.iter().rev() {
            let n = o.name.as_str();
            if heading == 0 && n.len() == 2 && n.starts_with('h') {
                heading = n.as_bytes()[1].wrapping_sub(b'0');
                if heading > 6 {
                    heading = 0;
                }
            }
            if o.kind == Kind::Block {
                container = o.node;
                break;
            }
        }
        // lines: trim each, drop empty runs
        let mut text_out = String::with_capacity(text.len());
        let mut blank = false;
        for line in text.split('\n') {
            let l = line.trim_matches(' ');
            if l.is_empty() {
                blank = true;
                continue;
            }
            if !text_out.is_empty() {
                text_out.push_str(if blank { "\n\n" } else { "\n" });
            }
            blank = false;
            text_out.push_str(l);
        }
        if self.in_h1 && self.h1.is_none() {
            self.h1 = Some((text_out.clone(), self.paras.len()));
        }
        self.paras.push(Para {
            text: text_out,
            container,
            chars: self.chars,
            link_chars: self.link_chars,
            heading,
        });
        self.buf.clear();
        self.chars = 0;
        self.link_chars = 0;
    }

    fn text(&mut self, raw: &str) {
        let s = decode_entities(raw);
        let pre = self.in_pre > 0;
        for c in s.chars() {
            if c.is_whitespace() && !(pre && c == '\n') {
                if !self.buf.is_empty() && !self.buf.ends_with([' ', '\n']) {
                    self.buf.push(' ');
                }
            } else if c == '\n' {
                self.buf.push('\n');
            } else if c == '\u{ad}' || c == '\u{200b}' {
                // soft hyphen, zero-width space: invisible
            } else {
                self.buf.push(c);
                self.chars += 1;
                if self.in_link > 0 {
                    self.link_chars += 1;
                }
            }
        }
    }

    fn meta(&mut self, attrs_raw: &str) {
        let mut key = String::new();
        let mut content: Option<&str> = None;
        let mut charset = false;
        for (k, v) in attrs(attrs_raw) {
            match k.as_str() {
                "property" | "name" | "itemprop" if key.is_empty() => {
                    key = v.to_ascii_lowercase();
                }
                "content" => content = Some(v),
                "charset" => charset = true,
                _ => {}
            }
        }
        let _ = charset;
        let Some(content) = content else { return };
        let value = clean(content);
        if value.is_empty() {
            return;
        }
        let date_rank = match key.as_str() {
            "article:published_time" => 0,
            "datepublished" => 2,
            "og:published_time" | "og:article:published_time" | "published_time" => 3,
            "pubdate"
            | "publishdate"
            | "publish-date"
            | "publish_date"
            | "parsely-pub-date"
            | "sailthru.date"
            | "dc.date.issued"
            | "dcterms.issued"
            | "article.published"
            | "cxenseparse:recs:publishtime" => 4,
            "date" | "dc.date" | "dcterms.date" | "dcterms.created" => 5,
            _ => 255,
        };
        if date_rank < 255 {
            self.dates.push((date_rank, value));
            return;
        }
        match key.as_str() {
            "og:title" | "twitter:title" if self.og_title.is_none() => self.og_title = Some(value),
            "og:site_name" if self.page.site_name.is_none() => self.page.site_name = Some(value),
            "og:url" if self.page.canonical.is_none() => self.page.canonical = Some(value),
            _ => {}
        }
    }

    fn start(&mut self, name: Name, attrs_raw: &str, self_closing: bool) {
        let n = name.as_str();
        match n {
            "meta" => return self.meta(attrs_raw),
            // <time itemprop="datePublished" datetime="…"> and the like
            _ if attrs_raw.contains("datePublished") => {
                let mut published = false;
                let mut value = None;
                for (k, v) in attrs(attrs_raw) {
                    match k.as_str() {
                        "itemprop" => published = v.trim() == "datePublished",
                        "datetime" | "content" => value = Some(clean(v)),
                        _ => {}
                    }
                }
                if let (true, Some(v)) = (published, value) {
                    self.dates.push((2, v));
                }
            }
            "link" => {
                let mut canonical = false;
                let mut href = None;
                for (k, v) in attrs(attrs_raw) {
                    match k.as_str() {
                        "rel" => canonical = v.eq_ignore_ascii_case("canonical"),
                        "href" => href = Some(v),
                        _ => {}
                    }
                }
                if let (true, Some(h)) = (canonical, href) {
                    let h = clean(h);
                    if !h.is_empty() {
                        self.page.canonical = Some(h);
                    }
                }
                return;
            }
            "html" => {
                for (k, v) in attrs(attrs_raw) {
                    if k == "lang" || k == "xml:lang" {
                        self.page.lang = non_empty(clean(v));
                    }
                }
            }
            "script" => {
                self.in_json_ld = attrs(attrs_raw).any(|(k, v)| {
                    k == "type" && v.trim().eq_ignore_ascii_case("application/ld+json")
                });
            }
            "title" => self.in_title = true,
            "br" => {
                self.buf.push('\n');
                return;
            }
            _ => {}
        }
        if lex::is_raw(n) && !self_closing {
            return;
        }
        let k = kind(n);
        if k == Kind::Void || self_closing {
            if k != Kind::Inline && k != Kind::Void {
                self.flush();
            }
            return;
        }
        if k != Kind::Inline {
            self.flush();
        }
        // implied end tags
        if k == Kind::Para || k == Kind::Block {
            if let Some(top) = self.stack.last() {
                let t = top.name.as_str();
                if (t == "p" && (k == Kind::Block || n == "p" || n.starts_with('h')))
                    || (t == "li" && n == "li")
                    || ((t == "dd" || t == "dt") && (n == "dd" || n == "dt"))
                {
                    self.pop_to(self.stack.len() - 1);
                }
            }
        }
        if n == "a" {
            self.in_link += 1;
        }
        if n == "pre" {
            self.in_pre += 1;
        }
        if n == "h1" {
            self.in_h1 = true;
        }
        if self.stack.len() >= MAX_DEPTH {
            self.overflow += 1;
            return;
        }
        let parent = self.top_node();
        let p = &self.nodes[parent as usize];
        let tag_boiler = boiler_tag(n)
            || (n == "header"
                && !self
                    .stack
                    .iter()
                    .any(|o| matches!(o.name.as_str(), "article" | "main")));
        // inline elements (span, a…) are not furniture by their class: their blocks decide
        let h = if k == Kind::Inline {
            0
        } else if matches!(n, "html" | "body" | "main" | "article") {
            hint(attrs_raw).max(0)
        } else {
            hint(attrs_raw)
        };
        let node = Node {
            parent,
            boiler_tag: tag_boiler,
            in_boiler_tag: p.in_boiler_tag || tag_boiler,
            in_boiler_hint: p.in_boiler_hint || h < 0,
            own_hint: h < 0,
            root_like: matches!(n, "html" | "body"),
            positive: h > 0 || n == "article" || n == "main",
            score: 0.0,
        };
        let id = self.nodes.len() as u32;
        self.nodes.push(node);
        self.stack.push(Open {
            name,
            node: id,
            kind: k,
        });
    }

    /// Close the elements from stack index `i` up.
    fn pop_to(&mut self, i: usize) {
        while self.stack.len() > i {
            let Some(o) = self.stack.pop() else { break };
            match o.name.as_str() {
                "a" => self.in_link = self.in_link.saturating_sub(1),
                "pre" => self.in_pre = self.in_pre.saturating_sub(1),
                "h1" => self.in_h1 = false,
                _ => {}
            }
        }
    }

    fn end(&mut self, name: Name) {
        let n = name.as_str();
        match n {
            "script" => self.in_json_ld = false,
            "title" => self.in_title = false,
            "br" => {
                self.buf.push('\n');
                return;
            }
            _ => {}
        }
        let k = kind(n);
        if k == Kind::Void || lex::is_raw(n) {
            return;
        }
        if self.overflow > 0 {
            self.overflow -= 1;
            if k != Kind::Inline {
                self.flush();
            }
            return;
        }
        let Some(i) = self.stack.iter().rposition(|o| o.name == name) else {
            return;
        };
        // an end tag does not close past a container for a paragraph-level element
        if k != Kind::Block && self.stack[i + 1..].iter().any(|o| o.kind == Kind::Block) {
            return;
        }
        if k != Kind::Inline || self.stack[i..].iter().any(|o| o.kind != Kind::Inline) {
            self.flush();
        }
        self.pop_to(i);
    }

    fn run(mut self, src: &str) -> Page {
        let mut last_start: Option<Name> = None;
        for tok in Lexer::new(src) {
            match tok {
                Tok::Start {
                    name,
                    attrs,
                    self_closing,
                } => {
                    last_start = Some(name);
                    self.start(name, attrs, self_closing);
                }
                Tok::End { name } => self.end(name),
                Tok::Text(t) => self.text(t),
                Tok::Raw(t) => {
                    let raw_of = last_start.map(|n| n.as_str() == "title");
                    if raw_of == Some(true) && self.in_title && self.page.title.is_none() {
                        self.page.title = non_empty(clean(t));
                    } else if self.in_json_ld && self.json_ld.len() < 16 && t.len() < (1 << 20) {
                        self.json_ld.push(t.to_string());
                    }
                }
            }
        }
        self.flush();
        self.finish()
    }

    fn finish(mut self) -> Page {
        self.json_ld_meta();
        let mut page = std::mem::take(&mut self.page);
        self.dates.sort_by_key(|(r, _)| *r);
        page.published = self
            .dates
            .iter()
            .map(|(_, d)| d)
            .find(|d| d.len() >= 4 && d.as_bytes()[..4].iter().all(u8::is_ascii_digit))
            .cloned();
        let html_title = page.title.take();
        let h1 = self.h1.as_ref().map(|(t, _)| t.replace('\n', " "));
        page.heading = h1.clone();
        page.title = self
            .og_title
            .take()
            .or(h1)
            .or_else(|| html_title.map(|t| strip_site(&t)));

        // class/id hints decide unless they hide most of the text (a wrapper named "with-sidebar")
        let plain = self.choose(false);
        let hinted = self.choose(true);
        let chosen = match (hinted, plain) {
            (Some(h), Some(p)) if h.score >= 0.3 * p.score => Some(h),
            (_, p) => p,
        };
        page.text = match chosen {
            Some(c) => self.assemble(&c),
            None => String::new(),
        };
        page
    }

    /// Paragraph score for container selection.
    fn para_score(&self, p: &Para, use_hints: bool) -> f32 {
        let n = &self.nodes[p.container as usize];
        if n.in_boiler_tag || (use_hints && n.in_boiler_hint) {
            return 0.0;
        }
        if p.chars < 25 || p.heading > 0 {
            return 0.0;
        }
        let text = p.chars.saturating_sub(p.link_chars) as f32;
        let ld = p.link_chars as f32 / p.chars.max(1) as f32;
        let commas = p.text.matches(['،', ',', '.', '؛']).count().min(10) as f32;
        text * (1.0 - ld) + 10.0 * commas
    }

    /// Pick the article's container(s): a flag per node (descendants included). `None` when no
    /// paragraph scores.
    fn choose(&mut self, use_hints: bool) -> Option<Choice> {
        for n in &mut self.nodes {
            n.score = 0.0;
        }
        let mut any = false;
        let mut total = vec![0f32; self.nodes.len()];
        for i in 0..self.paras.len() {
            let s = self.para_score(&self.paras[i], use_hints);
            if s <= 0.0 {
                continue;
            }
            any = true;
            total[self.paras[i].container as usize] += s;
            // the container, and its ancestors with less weight
            let mut c = self.paras[i].container as usize;
            for w in ANCESTOR_WEIGHTS {
                self.nodes[c].score += s * w;
                let p = self.nodes[c].parent as usize;
                if p == c {
                    break;
                }
                c = p;
            }
        }
        if !any {
            return None;
        }
        let mut best = 0usize;
        let mut best_score = f32::MIN;
        for (i, n) in self.nodes.iter().enumerate() {
            let s = n.score * if n.positive { 1.25 } else { 1.0 };
            if s > best_score {
                best_score = s;
                best = i;
            }
        }
        // the text of an article cut into sections, each in its own wrappers: climb to the nearest
        // ancestor (within a few levels, below <body>) holding much more good text
        for i in (1..self.nodes.len()).rev() {
            let p = self.nodes[i].parent as usize;
            total[p] += total[i];
        }
        'climb: loop {
            let mut a = best;
            for _ in 0..6 {
                let p = self.nodes[a].parent as usize;
                if p == a || p == 0 || self.nodes[p].root_like {
                    break 'climb;
                }
                a = p;
                if total[a] >= 1.5 * total[best] {
                    best = a;
                    continue 'climb;
                }
            }
            break;
        }
        let mut roots = vec![false; self.nodes.len()];
        roots[best] = true;
        // siblings nearly as rich
        if best != 0 {
            let parent = self.nodes[best].parent;
            let threshold = (self.nodes[best].score * 0.25).max(40.0);
            for (i, n) in self.nodes.iter().enumerate() {
                if i != best
                    && n.parent == parent
                    && n.score >= threshold
                    && !n.in_boiler_tag
                    && !(use_hints && n.in_boiler_hint)
                {
                    roots[i] = true;
                }
            }
        }
        // descendants (a node's parent always comes before it), less furniture inside
        let mut included = roots.clone();
        for i in 1..self.nodes.len() {
            if roots[i] {
                continue;
            }
            let n = &self.nodes[i];
            let furniture = n.boiler_tag || (use_hints && n.own_hint);
            included[i] = included[n.parent as usize] && !furniture;
        }
        Some(Choice {
            included,
            score: best_score,
            best,
            total,
        })
    }

    /// Whether node `n` is `ancestor` or inside it.
    fn within(&self, mut n: usize, ancestor: usize) -> bool {
        for _ in 0..=MAX_DEPTH {
            if n == ancestor {
                return true;
            }
            let p = self.nodes[n].parent as usize;
            if p == n {
                return false;
            }
            n = p;
        }
        false
    }

    fn assemble(&self, c: &Choice) -> String {
        let included = &c.included;
        let mut out = String::new();
        let mut h1_in = false;
        let h1_idx = self.h1.as_ref().map(|(_, i)| *i);
        let mut first = true;
        // a «most read» / «related» list inside the article's container: its block is left out
        let mut skip: Option<usize> = None;
        for (i, p) in self.paras.iter().enumerate() {
            if !included[p.container as usize] {
                continue;
            }
            if let Some(scope) = skip {
                if self.within(p.container as usize, scope) {
                    continue;
                }
                skip = None;
            }
            let scope = p.container as usize;
            if is_list_title(&p.text) && scope != c.best && c.total[scope] < 0.3 * c.total[c.best] {
                skip = Some(scope);
                continue;
            }
            let ld = p.link_chars as f32 / p.chars.max(1) as f32;
            if p.heading == 0 && ld > 0.5 {
                continue;
            }
            if Some(i) == h1_idx {
                h1_in = true;
            }
            if !first {
                out.push_str("\n\n");
            }
            first = false;
            out.push_str(&p.text);
        }
        if !h1_in {
            if let Some((h1, _)) = &self.h1 {
                let h1 = h1.replace('\n', " ");
                if !out.is_empty() && !out.starts_with(&h1) {
                    out = format!("{h1}\n\n{out}");
                }
            }
        }
        out
    }

    fn json_ld_meta(&mut self) {
        let blocks = std::mem::take(&mut self.json_ld);
        for b in blocks {
            let Ok(v) = serde_json::from_str::<serde_json::Value>(b.trim()) else {
                continue;
            };
            let mut todo = vec![&v];
            let mut seen = 0;
            while let Some(v) = todo.pop() {
                seen += 1;
                if seen > 10_000 {
                    break;
                }
                match v {
                    serde_json::Value::Array(a) => todo.extend(a.iter().rev()),
                    serde_json::Value::Object(o) => {
                        if let Some(serde_json::Value::String(d)) = o.get("datePublished") {
                            self.dates.push((1, clean(d)));
                        }
                        let is_article = o.get("@type").is_some_and(|t| {
                            let t = t.to_string();
                            t.contains("Article") || t.contains("Posting") || t.contains("Report")
                        });
                        if is_article {
                            if let Some(serde_json::Value::String(h)) = o.get("headline") {
                                if self.og_title.is_none() {
                                    self.og_title = non_empty(clean(h));
                                }
                            }
                            if let Some(serde_json::Value::String(u)) = o.get("url") {
                                if self.page.canonical.is_none() {
                                    self.page.canonical = non_empty(clean(u));
                                }
                            }
                            if self.page.site_name.is_none() {
                                let publisher = match o.get("publisher") {
                                    Some(serde_json::Value::Array(a)) => a.first(),
                                    p => p,
                                };
                                if let Some(serde_json::Value::String(n)) =
                                    publisher.and_then(|p| p.get("name"))
                                {
                                    self.page.site_name = non_empty(clean(n));
                                }
                            }
                        }
                        if let Some(g) = o.get("@graph") {
                            todo.push(g);
                        }
                    }
                    _ => {}
                }
            }
        }
    }
}

/// [`extract`] on text already decoded.
pub fn extract_str(src: &str) -> Page {
    let page = Extractor::new().run(src);
    Page {
        encoding: "UTF-8",
        ..page
    }
}

/// Whether bytes look like an HTML page (for files without an `.html` extension).
pub fn sniff_html(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace() && *b != 0xEF && *b != 0xBB && *b != 0xBF)
        .unwrap_or(head.len());
    let lower: Vec<u8> = head[start..]
        .iter()
        .map(|b| b.to_ascii_lowercase())
        .collect();
    lower.starts_with(b"<!doctype html")
        || lower.starts_with(b"<html")
        || find_bytes(&lower, b"<html").is_some() && lower.starts_with(b"<!--")
}

/// A `<title>` without the site's name: the longest part between " | ", " - ", " – ", " — ".
fn strip_site(title: &str) -> String {
    let mut best = title;
    for sep in [" | ", " - ", " – ", " — ", " :: ", " « ", " » "] {
        if best.contains(sep) {
            best = best
                .split(sep)
                .max_by_key(|p| p.chars().count())
                .unwrap_or(best);
        }
    }
    best.trim().to_string()
}

/// Text with character references decoded and white space collapsed.
pub(crate) fn clean_inline(s: &str) -> String {
    clean(s)
}

/// The text of an HTML fragment (a feed summary): every element's text, block elements ending
/// paragraphs, `<br>` ending lines; scripts and styles left out.
pub(crate) fn fragment_text(s: &str) -> String {
    let mut out = String::new();
    let mut line = String::new();
    let end_line = |out: &mut String, line: &mut String, para: bool| {
        let l = clean(line);
        line.clear();
        if l.is_empty() {
            return;
        }
        if !out.is_empty() {
            out.push_str(if para { "\n\n" } else { "\n" });
        }
        out.push_str(&l);
    };
    let mut para_pending = false;
    for tok in Lexer::new(s) {
        match tok {
            Tok::Text(t) => line.push_str(t),
            Tok::Raw(_) => {}
            Tok::Start { name, .. } | Tok::End { name } => {
                let n = name.as_str();
                if n == "br" {
                    end_line(&mut out, &mut line, para_pending);
                    para_pending = false;
                } else if !matches!(kind(n), Kind::Inline) {
                    end_line(&mut out, &mut line, true);
                    para_pending = true;
                } else {
                    line.push(' ');
                }
            }
        }
    }
    end_line(&mut out, &mut line, true);
    out
}
