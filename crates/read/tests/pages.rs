//! The seed reports wrapped as realistic HTML pages, packed into a WARC and served as an RSS feed
//! from a local server: every path gives the article's text and none of the page furniture.
//! The reports are read from `../shared/corpus/seeds` at test time; the test says it skipped when
//! that directory is absent.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rasd_read::feed::{fetch, fetch_document, fetch_feed, parse_feed, FetchOptions};
use rasd_read::html::html_document;
use rasd_read::testing::{
    expected_text, load_articles, page_bytes, page_url, rss, warc_gz, Article, Reply, Server,
    RELATED_HEADLINES, SIDEBAR_HEADLINES,
};
use rasd_read::{read_paths, Document};

fn seeds_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/seeds")
}

fn seeds() -> Option<Vec<Article>> {
    let dir = seeds_dir();
    if !dir.is_dir() {
        eprintln!("SKIPPED: ../shared absent ({} not found)", dir.display());
        return None;
    }
    Some(load_articles(&dir).expect("seeds readable"))
}

struct TempDir(PathBuf);
impl TempDir {
    fn new(name: &str) -> TempDir {
        let p = std::env::temp_dir().join(format!("rasd-pages-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&p);
        fs::create_dir_all(&p).unwrap();
        TempDir(p)
    }
}
impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

const BASE: &str = "http://news.example.org";

fn check_text(a: &Article, d: &Document, how: &str) {
    let want = expected_text(&a.text);
    assert_eq!(d.text, want, "{how}: {} differs from the article", a.stem);
    for h in SIDEBAR_HEADLINES.iter().chain(RELATED_HEADLINES) {
        assert!(!d.text.contains(h), "{how}: {} holds furniture {h}", a.stem);
    }
    for f in [
        "الأكثر قراءة",
        "اترك تعليقاً",
        "تيليجرام",
        "جميع الحقوق",
        "آخر الأخبار",
        "dataLayer",
    ] {
        // (the seeds' own furniture stays: the line classifier marks it)
        assert!(
            a.text.contains(f) || !d.text.contains(f),
            "{how}: {} holds {f}",
            a.stem
        );
    }
}

#[test]
fn html_warc_and_feed_give_the_article() {
    let Some(arts) = seeds() else { return };
    assert_eq!(arts.len(), 5);
    // HTML files
    let tmp = TempDir::new("all");
    let mut from_html = Vec::new();
    let mut pages = Vec::new();
    for (i, a) in arts.iter().enumerate() {
        let (bytes, charset) = page_bytes(a, i, BASE);
        let name = format!("{}.html", a.stem);
        fs::write(tmp.0.join(&name), &bytes).unwrap();
        let d = html_document(&bytes, &name, None, None, None).unwrap();
        check_text(a, &d, "html");
        assert_eq!(d.published, a.published, "{}", a.stem);
        assert_eq!(d.outlet, a.outlet);
        assert_eq!(d.url.as_deref(), Some(page_url(BASE, a).as_str()));
        pages.push((page_url(BASE, a), charset, bytes));
        from_html.push(d);
    }
    // the same files through read_paths (a directory walk)
    let docs: Vec<Document> = read_paths(std::slice::from_ref(&tmp.0), None)
        .map(|r| r.unwrap())
        .collect();
    assert_eq!(docs, from_html);

    // WARC
    let warc = tmp.0.join("pages.warc.gz");
    fs::write(&warc, warc_gz(&pages)).unwrap();
    let docs: Vec<Document> = read_paths(std::slice::from_ref(&warc), None)
        .map(|r| r.unwrap())
        .collect();
    assert_eq!(docs.len(), arts.len());
    for ((a, d), h) in arts.iter().zip(&docs).zip(&from_html) {
        check_text(a, d, "warc");
        assert_eq!(d.name, page_url(BASE, a));
        assert_eq!(
            (&d.text, &d.published, &d.id),
            (&h.text, &h.published, &h.id)
        );
    }

    // feed + fetch from a local server
    let mut routes = HashMap::new();
    let mut server_pages = Vec::new();
    for (i, a) in arts.iter().enumerate() {
        let (bytes, charset) = page_bytes(a, i, BASE);
        let path = format!("/news/{}.html", a.stem);
        routes.insert(
            path.clone(),
            Reply::Body(format!("text/html; charset={charset}"), bytes),
        );
        server_pages.push(path);
    }
    // the feed's links need the server's address: serve the feed from a second server
    let pages_server = Server::start(routes).unwrap();
    let items: Vec<(String, String, Option<String>)> = arts
        .iter()
        .zip(&server_pages)
        .map(|(a, p)| (format!("{}{p}", pages_server.base()), a.stem.clone(), None))
        .collect();
    let feed_server = Server::start(HashMap::from([(
        "/rss.xml".to_string(),
        Reply::Body("application/rss+xml".into(), rss(&items).into_bytes()),
    )]))
    .unwrap();
    let opts = FetchOptions::default();
    let got = fetch_feed(&format!("{}/rss.xml", feed_server.base()), &opts).unwrap();
    assert_eq!(got.len(), arts.len());
    for ((it, a), h) in got.iter().zip(&arts).zip(&from_html) {
        let url = it.url.as_deref().unwrap();
        let d = fetch_document(url, &opts).unwrap();
        check_text(a, &d, "feed");
        assert_eq!(
            (&d.text, &d.published, &d.id),
            (&h.text, &h.published, &h.id)
        );
    }
}

#[test]
fn truncated_and_oversized_warc() {
    let Some(arts) = seeds() else { return };
    let tmp = TempDir::new("trunc");
    let pages: Vec<_> = arts
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let (b, c) = page_bytes(a, i, BASE);
            (page_url(BASE, a), c, b)
        })
        .collect();
    let full = warc_gz(&pages);
    let cut = &full[..full.len() * 3 / 5];
    let f = tmp.0.join("cut.warc.gz");
    fs::write(&f, cut).unwrap();
    let res: Vec<_> = read_paths(std::slice::from_ref(&f), None).collect();
    let ok = res.iter().filter(|r| r.is_ok()).count();
    assert!(
        ok >= 2 && ok < arts.len(),
        "{ok} documents before the break"
    );
    let err = res.last().unwrap().as_ref().unwrap_err().to_string();
    assert!(
        err.contains("cut.warc.gz") && err.contains("truncated") && err.contains("offset"),
        "{err}"
    );
    assert!(res[..res.len() - 1].iter().all(|r| r.is_ok()));

    // a record declaring 2 GB: skipped or reported, never allocated
    let mut big = b"WARC/1.0\r\nWARC-Type: response\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: 2147483648\r\n\r\nHTTP/1.1 200 OK\r\n\r\n<p>x</p>".to_vec();
    big.extend_from_slice(&warc_gz(&pages[..1]));
    let f = tmp.0.join("big.warc");
    fs::write(&f, &big).unwrap();
    let res: Vec<_> = read_paths(&[f], None).collect();
    assert_eq!(res.len(), 1);
    let err = res[0].as_ref().unwrap_err().to_string();
    assert!(
        err.contains("big.warc") && err.contains("2147483648"),
        "{err}"
    );
}

#[test]
fn hostile_feeds() {
    let server = Server::start(HashMap::from([
        ("/endless.xml".to_string(), Reply::Endless),
        ("/stall.html".to_string(), Reply::Stall(Duration::from_secs(5))),
        ("/empty.xml".to_string(), Reply::Body("application/rss+xml".into(), Vec::new())),
        (
            "/none.xml".to_string(),
            Reply::Body(
                "application/rss+xml".into(),
                b"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title></channel></rss>".to_vec(),
            ),
        ),
    ]))
    .unwrap();
    let base = server.base();
    let opts = FetchOptions {
        timeout: Duration::from_secs(2),
        max_bytes: 1 << 20,
        ..FetchOptions::default()
    };
    let e = fetch(&format!("{base}/endless.xml"), &opts)
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("endless.xml") && (e.contains("cap") || e.contains("timed out")),
        "{e}"
    );
    let e = fetch(&format!("{base}/stall.html"), &opts)
        .unwrap_err()
        .to_string();
    assert!(e.contains("timed out"), "{e}");
    assert!(fetch_feed(&format!("{base}/empty.xml"), &opts)
        .unwrap()
        .is_empty());
    assert!(fetch_feed(&format!("{base}/none.xml"), &opts)
        .unwrap()
        .is_empty());
    let e = fetch(&format!("{base}/missing"), &opts)
        .unwrap_err()
        .to_string();
    assert!(e.contains("404"), "{e}");
    // parse errors name the source; deep nesting is refused
    let e = parse_feed(b"<html>not a feed</html>", "x.xml")
        .unwrap_err()
        .to_string();
    assert!(e.starts_with("x.xml: not a feed"), "{e}");
    let deep = format!("<rss>{}</rss>", "<a>".repeat(100_000));
    let e = parse_feed(deep.as_bytes(), "deep.xml")
        .unwrap_err()
        .to_string();
    assert!(e.contains("nested deeper"), "{e}");
}

#[test]
fn feed_files_are_items() {
    let tmp = TempDir::new("feedfile");
    let items = vec![
        (
            "http://a.example/1".to_string(),
            "وزير الخارجية يستقبل نظيره".to_string(),
            Some("Wed, 22 Feb 2023 10:00:00 GMT".to_string()),
        ),
        (
            "http://a.example/2".to_string(),
            "عنوان ثان".to_string(),
            None,
        ),
    ];
    let f = tmp.0.join("feed.rss");
    fs::write(&f, rss(&items)).unwrap();
    let docs: Vec<Document> = read_paths(&[f], None).map(|r| r.unwrap()).collect();
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0].text, "وزير الخارجية يستقبل نظيره\n\nملخص الخبر");
    assert_eq!(
        docs[0].published.as_deref(),
        Some("2023-02-22T10:00:00+00:00")
    );
    assert_eq!(docs[0].url.as_deref(), Some("http://a.example/1"));
}
