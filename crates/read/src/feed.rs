//! News feeds (RSS 0.9x/1.0/2.0, Atom, JSON Feed, parsed with `feed-rs`) into [`FeedItem`]s, and
//! fetching over HTTP(S) with a timeout, a size cap and a polite User-Agent ([`fetch`]).
//!
//! A feed gives items; a page is fetched with [`fetch`] and read with [`fetch_document`]. Nothing
//! here touches the network unless asked to fetch a URL.

use std::time::Duration;

use crate::html;
use crate::input::{text_id, Document, ReadError};

/// The largest feed parsed (16 MiB).
pub const MAX_FEED_BYTES: usize = 16 << 20;

/// Deepest element nesting accepted in a feed.
const MAX_FEED_DEPTH: usize = 256;

/// One item of a feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedItem {
    /// The item's id (`guid`, Atom `id`), else its url, else a hash of its title and summary.
    pub id: String,
    /// The article's address (the first link).
    pub url: Option<String>,
    /// The title, as plain text.
    pub title: Option<String>,
    /// Publication (else update) time, RFC 3339 in UTC.
    pub published: Option<String>,
    /// The summary (else the content), as plain text with paragraph breaks.
    pub summary: Option<String>,
}

impl FeedItem {
    /// The item as a document without fetching anything: its title, a blank line and its summary
    /// (`None` when both are empty). `feed_name` names the feed, the document is
    /// `"{feed_name}#{id}"`.
    pub fn document(&self, feed_name: &str) -> Option<Document> {
        let mut text = String::new();
        for part in [&self.title, &self.summary].into_iter().flatten() {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            text.push_str(part);
        }
        if text.trim().is_empty() {
            return None;
        }
        Some(Document {
            id: text_id(&text),
            name: format!("{feed_name}#{}", self.id),
            title: self.title.clone(),
            outlet: self.url.as_deref().and_then(html::host).map(str::to_string),
            url: self.url.clone(),
            published: self.published.clone(),
            text,
        })
    }
}

/// Whether bytes look like an RSS/Atom/RDF feed or a JSON Feed.
pub fn sniff_feed(head: &[u8]) -> bool {
    let head = &head[..head.len().min(1024)];
    let s = String::from_utf8_lossy(head).to_ascii_lowercase();
    let t = s.trim_start_matches('\u{feff}').trim_start();
    (t.starts_with("<?xml")
        || t.starts_with("<rss")
        || t.starts_with("<feed")
        || t.starts_with("<rdf"))
        && (s.contains("<rss")
            || s.contains("<feed")
            || s.contains("<rdf:rdf")
            || s.contains("<channel"))
        || t.starts_with('{') && s.contains("jsonfeed.org")
}

/// Parse a feed. An empty body, or a feed without items, gives no items (not an error). Errors
/// name `source`: `"not a feed (…)"`, `"feed is N bytes, over the 16 MiB cap"`, `"feed nested
/// deeper than 256 elements"`.
pub fn parse_feed(bytes: &[u8], source: &str) -> Result<Vec<FeedItem>, ReadError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Ok(Vec::new());
    }
    if bytes.len() > MAX_FEED_BYTES {
        return Err(ReadError::new(
            source,
            format!(
                "feed is {} bytes, over the {} MiB cap",
                bytes.len(),
                MAX_FEED_BYTES >> 20
            ),
        ));
    }
    if nesting_depth(bytes) > MAX_FEED_DEPTH {
        return Err(ReadError::new(
            source,
            format!("feed nested deeper than {MAX_FEED_DEPTH} elements"),
        ));
    }
    let feed = feed_rs::parser::parse(bytes)
        .map_err(|e| ReadError::new(source, format!("not a feed ({e})")))?;
    Ok(feed
        .entries
        .into_iter()
        .map(|e| {
            let url = e
                .links
                .first()
                .map(|l| l.href.trim().to_string())
                .filter(|u| !u.is_empty());
            let title = e.title.map(|t| plain(&t.content)).filter(|t| !t.is_empty());
            let summary = e
                .summary
                .map(|t| plain(&t.content))
                .or_else(|| e.content.and_then(|c| c.body).map(|b| plain(&b)))
                .filter(|t| !t.is_empty());
            let published = e.published.or(e.updated).map(|d| d.to_rfc3339());
            let id = if !e.id.trim().is_empty() {
                e.id.trim().to_string()
            } else if let Some(u) = &url {
                u.clone()
            } else {
                text_id(&format!("{title:?}{summary:?}"))
            };
            FeedItem {
                id,
                url,
                title,
                published,
                summary,
            }
        })
        .collect())
}

/// Feed text that may hold markup, as plain text with paragraph breaks.
fn plain(s: &str) -> String {
    if !s.contains('<') {
        return html::clean_inline(s);
    }
    html::fragment_text(s)
}

/// The deepest element nesting of an XML/HTML text (a JSON Feed counts brackets).
fn nesting_depth(bytes: &[u8]) -> usize {
    let (mut depth, mut max) = (0usize, 0usize);
    let first = bytes.iter().find(|b| !b.is_ascii_whitespace());
    if first == Some(&b'{') || first == Some(&b'[') {
        let mut in_str = false;
        let mut esc = false;
        for &b in bytes {
            if in_str {
                match b {
                    _ if esc => esc = false,
                    b'\\' => esc = true,
                    b'"' => in_str = false,
                    _ => {}
                }
                continue;
            }
            match b {
                b'"' => in_str = true,
                b'{' | b'[' => {
                    depth += 1;
                    max = max.max(depth);
                }
                b'}' | b']' => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        return max;
    }
    let mut i = 0;
    while i + 1 < bytes.len() {
        if bytes[i] == b'<' {
            match bytes[i + 1] {
                b'/' => depth = depth.saturating_sub(1),
                b'!' | b'?' => {}
                _ => {
                    // self-closing?
                    let end = bytes[i..].iter().position(|&b| b == b'>').map(|p| i + p);
                    match end {
                        Some(e) if e > 0 && bytes[e - 1] == b'/' => {}
                        _ => {
                            depth += 1;
                            max = max.max(depth);
                        }
                    }
                    if let Some(e) = end {
                        i = e;
                    }
                }
            }
        }
        i += 1;
    }
    max
}

/// How [`fetch`] behaves.
#[derive(Debug, Clone)]
pub struct FetchOptions {
    /// The whole request, body included, must be done within this time (default 30 s).
    pub timeout: Duration,
    /// The largest body read (default 8 MiB); a longer one is an error.
    pub max_bytes: u64,
    /// The User-Agent header (default `rasd/VERSION (+https://github.com/rasd; news event coder)`).
    pub user_agent: String,
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions {
            timeout: Duration::from_secs(30),
            max_bytes: 8 << 20,
            user_agent: format!(
                "rasd/{} (Arabic news event coder; polite: one request at a time)",
                env!("CARGO_PKG_VERSION")
            ),
        }
    }
}

/// A fetched resource.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fetched {
    /// The URL asked for.
    pub url: String,
    /// The HTTP status (always 2xx: other statuses are errors).
    pub status: u16,
    /// The `Content-Type` header, if any.
    pub content_type: Option<String>,
    /// Its `charset` parameter, if any.
    pub charset: Option<String>,
    /// The body (decompressed when the server sent it gzip-encoded).
    pub body: Vec<u8>,
}

/// GET a URL (http or https, redirects followed) within `opts.timeout` and `opts.max_bytes`.
/// Errors name the URL: `"HTTP 404"`, `"body over the N-byte cap"`, `"timed out after N s"`,
/// connection errors.
pub fn fetch(url: &str, opts: &FetchOptions) -> Result<Fetched, ReadError> {
    let config = ureq::Agent::config_builder()
        .timeout_global(Some(opts.timeout))
        .user_agent(opts.user_agent.as_str())
        .http_status_as_error(false)
        .max_redirects(5)
        .build();
    let agent: ureq::Agent = config.into();
    let err = |e: ureq::Error| ReadError::new(url, fetch_message(e, opts));
    let mut resp = agent.get(url).call().map_err(err)?;
    let status = resp.status().as_u16();
    if !(200..300).contains(&status) {
        return Err(ReadError::new(url, format!("HTTP {status}")));
    }
    let content_type = resp
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let charset = content_type.as_deref().and_then(crate::warc::charset_of);
    let body = resp
        .body_mut()
        .with_config()
        .limit(opts.max_bytes)
        .read_to_vec()
        .map_err(err)?;
    Ok(Fetched {
        url: url.to_string(),
        status,
        content_type,
        charset,
        body,
    })
}

fn fetch_message(e: ureq::Error, opts: &FetchOptions) -> String {
    match e {
        ureq::Error::BodyExceedsLimit(n) => format!("body over the {n}-byte cap"),
        ureq::Error::Timeout(_) => format!("timed out after {} s", opts.timeout.as_secs_f64()),
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => {
            format!("timed out after {} s", opts.timeout.as_secs_f64())
        }
        e => e.to_string(),
    }
}

/// Fetch a feed and parse it (see [`fetch`] and [`parse_feed`]).
pub fn fetch_feed(url: &str, opts: &FetchOptions) -> Result<Vec<FeedItem>, ReadError> {
    let f = fetch(url, opts)?;
    parse_feed(&f.body, url)
}

/// Fetch a page and read it (see [`fetch`] and [`html::html_document`]); the document is named
/// by its URL.
pub fn fetch_document(url: &str, opts: &FetchOptions) -> Result<Document, ReadError> {
    let f = fetch(url, opts)?;
    html::html_document(&f.body, url, Some(url), f.charset.as_deref(), None)
}
