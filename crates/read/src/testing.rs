//! Test and benchmark helpers (no network beyond 127.0.0.1): wrap plain news texts as realistic
//! HTML pages (menus, breadcrumbs, a sidebar of unrelated headlines, a «الأكثر قراءة» block, share
//! links, a comment box, a footer, scripts and styles), pack pages into a WARC (gzip per record),
//! write an RSS feed of them, and serve them from a local HTTP server.
//!
//! The article texts are read at run time (from `../shared/corpus` in this project's tests);
//! nothing here holds an article.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::input::{decode_bytes, Manifest, ReadError};

/// A plain news text to wrap as a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// The file stem (`000_2a4d…`), used for the page's file name and URL.
    pub stem: String,
    /// The text, as in the corpus file.
    pub text: String,
    /// The publication date from the manifest.
    pub published: Option<String>,
    /// The outlet from the manifest.
    pub outlet: Option<String>,
}

/// Headlines of the sidebar and «الأكثر قراءة» blocks: political, full of actors and event
/// words, so that any of them leaking into a document's text would be coded as an event.
pub const SIDEBAR_HEADLINES: &[&str] = &[
    "وزير الخارجية السعودي يستقبل نظيره الإيراني في الرياض لبحث العلاقات الثنائية",
    "الرئيس التركي يهاتف نظيره الفرنسي ويبحثان الأوضاع في المنطقة",
    "مجلس الأمن يدين الهجوم على قوات حفظ السلام في جنوب لبنان",
    "الرئيس المصري يلتقي رئيس الوزراء الإثيوبي على هامش القمة الأفريقية",
    "وزير الدفاع الأمريكي يزور بغداد ويلتقي رئيس الوزراء العراقي",
    "الملك الأردني يستقبل وفدا من الكونغرس الأمريكي في عمان",
    "قطر تستضيف جولة جديدة من المفاوضات بين واشنطن وطهران",
    "الجيش الإسرائيلي يقصف مواقع في قطاع غزة فجر اليوم",
];

/// Headlines of the «اقرأ أيضا» box inside the article.
pub const RELATED_HEADLINES: &[&str] = &[
    "رئيس الوزراء الياباني يصل إلى نيودلهي في زيارة رسمية",
    "وزير الخارجية الألماني يندد بالعقوبات الجديدة على بلاده",
];

/// Read the `*.txt` articles of a corpus directory with its `manifest.jsonl` (if any), sorted
/// by file name.
pub fn load_articles(dir: &Path) -> Result<Vec<Article>, ReadError> {
    let shown = dir.display().to_string();
    let manifest = match dir.join("manifest.jsonl") {
        m if m.exists() => Some(Manifest::load(&m)?),
        _ => None,
    };
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| ReadError::new(&shown, e.to_string()))?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let fshown = f.display().to_string();
        let bytes = std::fs::read(&f).map_err(|e| ReadError::new(&fshown, e.to_string()))?;
        let text = decode_bytes(&bytes)
            .map_err(|m| ReadError::new(&fshown, m))?
            .text;
        let file_name = f
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .to_string();
        let entry = manifest.as_ref().and_then(|m| m.get(&file_name));
        out.push(Article {
            stem: file_name.trim_end_matches(".txt").to_string(),
            text,
            published: entry.and_then(|e| e.published.clone()),
            outlet: entry.and_then(|e| e.outlet.clone()),
        });
    }
    Ok(out)
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The text's blocks (separated by blank lines), each a list of lines, trimmed.
fn blocks(text: &str) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = Vec::new();
    let mut cur: Vec<String> = Vec::new();
    for line in text.lines() {
        let l = line.trim();
        if l.is_empty() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
        } else {
            cur.push(l.split_whitespace().collect::<Vec<_>>().join(" "));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// The body text a perfect extractor gives for an article: its lines trimmed, blank-line runs
/// as one blank line.
pub fn expected_text(text: &str) -> String {
    blocks(text)
        .iter()
        .map(|b| b.join("\n"))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// The page's URL on the test site.
pub fn page_url(base: &str, a: &Article) -> String {
    format!("{base}/news/{}.html", a.stem)
}

/// Which page layout an article gets (0, 1 or 2); layout 2 is an older table layout served in
/// windows-1256.
pub fn layout(i: usize) -> usize {
    i % 3
}

/// The article's title line: the first block when it is one short line and more follows.
fn title_of(b: &[Vec<String>]) -> Option<String> {
    match b {
        [first, _, ..] if first.len() == 1 && first[0].chars().count() < 160 => {
            Some(first[0].clone())
        }
        _ => None,
    }
}

/// A realistic news page around the article (layout `layout(i)`), as UTF-8 text; see
/// [`page_bytes`] for the bytes as served.
pub fn page_html(a: &Article, i: usize, base: &str) -> String {
    let b = blocks(&a.text);
    let title = title_of(&b);
    let head_title = title.clone().unwrap_or_else(|| {
        b.first()
            .and_then(|l| l.first())
            .cloned()
            .unwrap_or_default()
    });
    let head_title: String = head_title.chars().take(90).collect();
    let outlet = a
        .outlet
        .clone()
        .unwrap_or_else(|| "وكالة الأنباء".to_string());
    let url = page_url(base, a);
    let published = a.published.clone().unwrap_or_default();
    let layout = layout(i);
    let charset = if layout == 2 { "windows-1256" } else { "utf-8" };
    let mut h = String::with_capacity(16 << 10);
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"ar\" dir=\"rtl\">\n<head>\n<meta charset=\"{charset}\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{t} | {o}</title>\n\
         <meta property=\"og:site_name\" content=\"{o}\">\n\
         <meta property=\"og:type\" content=\"article\">\n\
         <link rel=\"canonical\" href=\"{url}\">\n",
        t = esc(&head_title),
        o = esc(&outlet),
    );
    if !published.is_empty() {
        if layout == 1 {
            // this layout gives the date in JSON-LD only
            let _ = writeln!(
                h,
                "<script type=\"application/ld+json\">{{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\",\"headline\":\"{}\",\"datePublished\":\"{published}\",\"publisher\":{{\"@type\":\"Organization\",\"name\":\"{}\"}}}}</script>",
                esc(&head_title),
                esc(&outlet)
            );
        } else {
            let _ = writeln!(
                h,
                "<meta property=\"article:published_time\" content=\"{published}\">"
            );
        }
    }
    h.push_str(
        "<link rel=\"stylesheet\" href=\"/static/site.css\">\n\
         <style>body{font-family:Tahoma,Arial;direction:rtl}.sidebar{width:30%}.menu li{display:inline}</style>\n\
         <script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}gtag('js',new Date());\n\
         var related = \"<p>وزير الخارجية يزور موسكو</p>\";</script>\n\
         <script async src=\"/static/ads.js\"></script>\n</head>\n",
    );
    let menu = [
        "الرئيسية",
        "سياسة",
        "اقتصاد",
        "رياضة",
        "ثقافة",
        "منوعات",
        "فيديو",
        "اتصل بنا",
    ];
    let sidebar = |h: &mut String, start: usize| {
        for k in 0..4 {
            let hl = SIDEBAR_HEADLINES[(start + k) % SIDEBAR_HEADLINES.len()];
            let _ = writeln!(h, "<li><a href=\"{base}/news/s{k}.html\">{hl}</a><span class=\"date\">منذ {k} ساعات</span></li>");
        }
    };
    let most_read = |h: &mut String, start: usize| {
        h.push_str("<h3 class=\"block-title\">الأكثر قراءة</h3>\n<ol class=\"most-read-list\">\n");
        for k in 0..4 {
            let hl = SIDEBAR_HEADLINES[(start + 4 + k) % SIDEBAR_HEADLINES.len()];
            let _ = writeln!(
                h,
                "<li><span class=\"num\">{}</span><a href=\"{base}/news/m{k}.html\">{hl}</a></li>",
                k + 1
            );
        }
        h.push_str("</ol>\n");
    };
    let article = |h: &mut String, para_tag: &str| {
        for (n, block) in b.iter().enumerate() {
            if n == 0 && title.is_some() {
                let _ = writeln!(h, "<h1 class=\"headline\">{}</h1>", esc(&block[0]));
                continue;
            }
            let inner = block
                .iter()
                .map(|l| esc(l))
                .collect::<Vec<_>>()
                .join("<br>\n");
            if para_tag.is_empty() {
                let _ = writeln!(h, "{inner}\n<br><br>");
            } else {
                let _ = writeln!(h, "<{para_tag}>{inner}</{para_tag}>");
            }
        }
    };
    let share = "<div class=\"share-buttons\"><span>شارك:</span> <a href=\"https://facebook.com/sharer\">فيسبوك</a> <a href=\"https://twitter.com/share\">تويتر</a> <a href=\"https://t.me/share\">تيليجرام</a> <a href=\"whatsapp://send\">واتساب</a></div>\n";
    let related = |h: &mut String| {
        h.push_str("<div class=\"related-news\"><h4>اقرأ أيضا</h4><ul>\n");
        for r in RELATED_HEADLINES {
            let _ = writeln!(h, "<li><a href=\"{base}/news/r.html\">{r}</a></li>");
        }
        h.push_str("</ul></div>\n");
    };
    let comments = "<section id=\"comments\" class=\"comments-area\"><h3>التعليقات</h3>\n\
        <div class=\"comment\"><span class=\"author\">زائر</span><p>خبر مهم شكرا على المتابعة والتغطية المستمرة للأحداث</p></div>\n\
        <h3>اترك تعليقاً</h3><form action=\"/comment\" method=\"post\"><input name=\"name\" placeholder=\"الاسم\">\
        <textarea name=\"body\">اكتب تعليقك هنا</textarea><button type=\"submit\">إرسال التعليق</button></form></section>\n";
    let footer = "<footer class=\"site-footer\"><ul><li><a href=\"/about\">من نحن</a></li><li><a href=\"/privacy\">سياسة الخصوصية</a></li></ul>\n\
        <p class=\"copyright\">جميع الحقوق محفوظة © 2024 - نشر في 1 يناير 2024</p></footer>\n\
        <script>(function(){var s=document.createElement('script');s.src='/static/stats.js';document.body.appendChild(s);})();</script>\n";
    match layout {
        0 => {
            h.push_str("<body class=\"single-post\">\n<header class=\"site-header\"><div class=\"logo\"><a href=\"/\">");
            h.push_str(&esc(&outlet));
            h.push_str("</a></div>\n<nav class=\"main-menu\"><ul class=\"menu\">");
            for m in menu {
                let _ = write!(h, "<li><a href=\"/{m}\">{m}</a></li>");
            }
            h.push_str("</ul></nav></header>\n<div class=\"breadcrumbs\"><a href=\"/\">الرئيسية</a> &raquo; <a href=\"/politics\">سياسة</a> &raquo; <span>");
            h.push_str(&esc(&head_title));
            h.push_str("</span></div>\n<div class=\"container\">\n<main id=\"main\">\n<article class=\"post\">\n");
            let _ = writeln!(h, "<div class=\"post-meta\"><time datetime=\"{published}\">{published}</time> <span class=\"views\">1,024 مشاهدة</span></div>\n<div class=\"entry-content\">");
            article(&mut h, "p");
            h.push_str("</div>\n");
            h.push_str(share);
            related(&mut h);
            h.push_str("</article>\n");
            h.push_str(comments);
            h.push_str("</main>\n<aside class=\"sidebar\">\n<div class=\"widget\"><h3 class=\"widget-title\">آخر الأخبار</h3><ul>\n");
            sidebar(&mut h, i);
            h.push_str("</ul></div>\n<div class=\"widget most-read\">\n");
            most_read(&mut h, i);
            h.push_str("</div>\n<div class=\"ad-slot\"><img src=\"/ads/banner.jpg\" alt=\"إعلان\"></div>\n</aside>\n</div>\n");
            h.push_str(footer);
        }
        1 => {
            // div soup, ids only, text with <br><br>
            h.push_str("<body>\n<div id=\"wrapper\">\n<div id=\"top\"><div id=\"menu\">");
            for m in menu {
                let _ = write!(h, "<a href=\"/{m}\">{m}</a> | ");
            }
            h.push_str("</div></div>\n<div id=\"ticker\"><marquee>");
            h.push_str(SIDEBAR_HEADLINES[(i + 2) % SIDEBAR_HEADLINES.len()]);
            h.push_str("</marquee></div>\n<div id=\"page\">\n<div id=\"right-col\">\n<div id=\"newsInfo\"><span class=\"date\">");
            h.push_str(&published);
            h.push_str("</span> <span>1024 مشاهدة</span></div>\n<div id=\"newsDetails\">\n");
            h.push_str("<div id=\"newsText\">\n");
            article(&mut h, "");
            h.push_str("</div>\n");
            h.push_str(share);
            h.push_str("</div>\n");
            related(&mut h);
            h.push_str("</div>\n<div id=\"left-col\">\n<div id=\"mostRead\">\n");
            most_read(&mut h, i);
            h.push_str("</div>\n<div id=\"latest\"><h3>آخر الأخبار</h3><ul>\n");
            sidebar(&mut h, i);
            h.push_str("</ul></div>\n</div>\n</div>\n");
            h.push_str(comments);
            h.push_str(footer);
            h.push_str("</div>\n");
        }
        _ => {
            // an older table layout
            h.push_str("<body bgcolor=\"#ffffff\">\n<table width=\"100%\" cellpadding=\"0\"><tr><td colspan=\"2\" class=\"header\">");
            for m in menu {
                let _ = write!(
                    h,
                    "<a href=\"/{m}\"><font color=\"white\">{m}</font></a> - "
                );
            }
            let _ = writeln!(h, "</td></tr>\n<tr><td colspan=\"2\"><font size=\"2\" color=\"gray\">{published}</font></td></tr>");
            h.push_str(
                "<tr><td width=\"70%\" valign=\"top\">\n<table class=\"article\"><tr><td>\n",
            );
            article(&mut h, "p");
            h.push_str("</td></tr></table>\n");
            h.push_str(share);
            h.push_str("</td>\n<td width=\"30%\" valign=\"top\" class=\"side\">\n");
            most_read(&mut h, i);
            h.push_str("<table>");
            for k in 0..4 {
                let hl = SIDEBAR_HEADLINES[(i + k) % SIDEBAR_HEADLINES.len()];
                let _ = write!(
                    h,
                    "<tr><td><a href=\"{base}/news/t{k}.html\">{hl}</a></td></tr>"
                );
            }
            h.push_str("</table>\n</td></tr>\n<tr><td colspan=\"2\">");
            h.push_str(comments);
            h.push_str("</td></tr></table>\n");
            h.push_str(footer);
        }
    }
    h.push_str("</body>\n</html>\n");
    h
}

/// The page as served: UTF-8, or windows-1256 for layout 2; and its charset name.
pub fn page_bytes(a: &Article, i: usize, base: &str) -> (Vec<u8>, &'static str) {
    let html = page_html(a, i, base);
    if layout(i) == 2 {
        let (b, _, _) = encoding_rs::WINDOWS_1256.encode(&html);
        (b.into_owned(), "windows-1256")
    } else {
        (html.into_bytes(), "utf-8")
    }
}

/// A WARC 1.1 archive, gzip per record: a `warcinfo` record, then for each `(url, charset, body)`
/// a `request` record (skipped by readers) and a `response` record holding HTTP headers and the
/// page.
pub fn warc_gz(pages: &[(String, &str, Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut record = |kind: &str, uri: Option<&str>, ctype: &str, block: &[u8]| {
        let mut rec = Vec::new();
        let _ = write!(rec, "WARC/1.1\r\nWARC-Type: {kind}\r\n");
        if let Some(u) = uri {
            let _ = write!(rec, "WARC-Target-URI: {u}\r\n");
        }
        let _ = write!(
            rec,
            "WARC-Date: 2024-01-01T00:00:00Z\r\nWARC-Record-ID: <urn:uuid:{:08x}-0000-4000-8000-000000000000>\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\n\r\n",
            out.len(),
            block.len()
        );
        rec.extend_from_slice(block);
        rec.extend_from_slice(b"\r\n\r\n");
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        let _ = gz.write_all(&rec);
        if let Ok(b) = gz.finish() {
            out.extend_from_slice(&b);
        }
    };
    record(
        "warcinfo",
        None,
        "application/warc-fields",
        b"software: rasd-read testing\r\nformat: WARC File Format 1.1\r\n",
    );
    for (url, charset, body) in pages {
        let req = format!("GET {url} HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: test\r\n\r\n");
        record(
            "request",
            Some(url),
            "application/http; msgtype=request",
            req.as_bytes(),
        );
        let mut resp = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset={charset}\r\nContent-Length: {}\r\n\r\n",
            body.len()
        )
        .into_bytes();
        resp.extend_from_slice(body);
        record(
            "response",
            Some(url),
            "application/http; msgtype=response",
            &resp,
        );
    }
    out
}

/// An RSS 2.0 feed with one item per `(url, title, published)`.
pub fn rss(items: &[(String, String, Option<String>)]) -> String {
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>أخبار</title><link>http://127.0.0.1/</link><description>آخر الأخبار</description>\n",
    );
    for (url, title, published) in items {
        let _ = write!(
            s,
            "<item><title>{}</title><link>{}</link><guid>{}</guid>",
            esc(title),
            esc(url),
            esc(url)
        );
        if let Some(p) = published {
            let _ = write!(s, "<pubDate>{}</pubDate>", esc(p));
        }
        s.push_str("<description>ملخص الخبر</description></item>\n");
    }
    s.push_str("</channel></rss>\n");
    s
}

/// What the test server answers for a path.
#[derive(Debug, Clone)]
pub enum Reply {
    /// 200 with this content type and body.
    Body(String, Vec<u8>),
    /// 200 and a body that never ends (bounded here: it stops after 30 s or 256 MiB, or when the
    /// client goes away).
    Endless,
    /// 200 with headers, then nothing for this long (the client should time out).
    Stall(Duration),
}

/// A local HTTP/1.1 server on 127.0.0.1 (a free port) answering GET requests from a table of
/// paths (404 for others), a thread per connection. Stops when dropped.
pub struct Server {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    handle: Option<JoinHandle<()>>,
}

impl Server {
    /// Start serving `routes` (path → reply).
    pub fn start(routes: HashMap<String, Reply>) -> std::io::Result<Server> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let addr = listener.local_addr()?;
        let stop = Arc::new(AtomicBool::new(false));
        let stop2 = Arc::clone(&stop);
        let routes = Arc::new(routes);
        let handle = std::thread::spawn(move || {
            let mut workers = Vec::new();
            for conn in listener.incoming() {
                if stop2.load(Ordering::SeqCst) || workers.len() >= 1000 {
                    break;
                }
                if let Ok(c) = conn {
                    let (routes, stop) = (Arc::clone(&routes), Arc::clone(&stop2));
                    workers.push(std::thread::spawn(move || {
                        let _ = answer(c, &routes, &stop);
                    }));
                }
            }
            for w in workers {
                let _ = w.join();
            }
        });
        Ok(Server {
            addr,
            stop,
            handle: Some(handle),
        })
    }

    /// `http://127.0.0.1:PORT`.
    pub fn base(&self) -> String {
        format!("http://{}", self.addr)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

fn answer(
    mut c: TcpStream,
    routes: &HashMap<String, Reply>,
    stop: &AtomicBool,
) -> std::io::Result<()> {
    c.set_read_timeout(Some(Duration::from_secs(5)))?;
    c.set_write_timeout(Some(Duration::from_secs(5)))?;
    let mut req = Vec::new();
    let mut buf = [0u8; 4096];
    while !req.windows(4).any(|w| w == b"\r\n\r\n") && req.len() < 65536 {
        let n = c.read(&mut buf)?;
        if n == 0 {
            return Ok(());
        }
        req.extend_from_slice(&buf[..n]);
    }
    let req = String::from_utf8_lossy(&req);
    let path = req.split_whitespace().nth(1).unwrap_or("/").to_string();
    match routes.get(&path) {
        Some(Reply::Body(ct, body)) => {
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: {ct}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            c.write_all(head.as_bytes())?;
            c.write_all(body)?;
        }
        Some(Reply::Endless) => {
            c.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nConnection: close\r\n\r\n<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>x</title>")?;
            let item = "<item><title>خبر لا ينتهي</title><link>http://127.0.0.1/x</link></item>\n"
                .repeat(64);
            let t0 = Instant::now();
            let mut sent = 0usize;
            while !stop.load(Ordering::SeqCst)
                && t0.elapsed() < Duration::from_secs(30)
                && sent < (256 << 20)
            {
                c.write_all(item.as_bytes())?;
                sent += item.len();
            }
        }
        Some(Reply::Stall(d)) => {
            c.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\nConnection: close\r\n\r\n<html>")?;
            let t0 = Instant::now();
            while !stop.load(Ordering::SeqCst) && t0.elapsed() < *d {
                std::thread::sleep(Duration::from_millis(20));
            }
        }
        None => {
            c.write_all(
                b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            )?;
        }
    }
    c.flush()
}
