//! `rasd serve`, `rasd search` and `rasd export` end to end over a database made by `rasd ingest`
//! from the seeds: the server on a free loopback port answers the API and the page; search ranks
//! seed 002 for «بوتين»; every export traces back to the words of its document. Skips, saying so,
//! when `../shared` is absent.
use serde_json::Value;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

mod common;
use common::{rasd, s, shared_with};

fn seeds() -> Option<PathBuf> {
    shared_with("corpus/seeds/manifest.jsonl").map(|p| p.join("corpus/seeds"))
}

/// A database of the seeds and the hostile page of tests/browser.
fn database(name: &str) -> Option<PathBuf> {
    let seeds = seeds()?;
    let dir = std::env::temp_dir().join(format!("rasd-serve-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    let db = dir.join("rasd.db");
    let hostile = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/browser/hostile.txt");
    let manifest = seeds.join("manifest.jsonl");
    let (ok, _, err) = rasd(&[
        "ingest",
        "--db",
        s(&db),
        "--manifest",
        s(&manifest),
        s(&seeds),
    ]);
    assert!(ok, "ingest: {err}");
    let (ok, _, err) = rasd(&["ingest", "--db", s(&db), s(&hostile)]);
    assert!(ok, "ingest hostile: {err}");
    Some(db)
}

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

fn http(addr: SocketAddr, target: &str) -> (u16, String) {
    let mut st = TcpStream::connect(addr).expect("connect");
    st.set_read_timeout(Some(Duration::from_secs(20))).ok();
    write!(
        st,
        "GET {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .expect("write");
    let mut buf = Vec::new();
    st.read_to_end(&mut buf).expect("read");
    let text = String::from_utf8_lossy(&buf).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let code = head
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        let mut out = String::new();
        let mut rest = body;
        while let Some((len, r)) = rest.split_once("\r\n") {
            let n = usize::from_str_radix(len.trim(), 16).unwrap_or(0);
            if n == 0 || n > r.len() {
                break;
            }
            out.push_str(&r[..n]);
            rest = r[n..].trim_start_matches("\r\n");
        }
        out
    } else {
        body.to_string()
    };
    (code, body)
}

fn json(addr: SocketAddr, target: &str) -> Value {
    let (code, body) = http(addr, target);
    assert_eq!(code, 200, "{target}: {body}");
    serde_json::from_str(&body).expect("JSON")
}

fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[test]
fn serve_search_export_over_the_seeds() {
    let Some(db) = database("all") else {
        eprintln!("SKIPPED: ../shared absent (no seed corpus beside the repository)");
        return;
    };

    // rasd serve on a free loopback port
    let port = free_port();
    let addr: SocketAddr = format!("127.0.0.1:{port}").parse().expect("addr");
    let child = Command::new(env!("CARGO_BIN_EXE_rasd"))
        .args(["serve", "--db", s(&db), "--addr", &addr.to_string()])
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start rasd serve");
    let _server = Server(child);
    let start = Instant::now();
    while TcpStream::connect(addr).is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "rasd serve did not start"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let meta = json(addr, "/api/meta");
    assert_eq!(meta["documents"], 6, "{meta}");
    let net = json(
        addr,
        "/api/network?country=CHN&country2=RUS&headline=true&level=country",
    );
    let w: u64 = net["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .map(|e| e["weight"].as_u64().unwrap_or(0))
        .sum();
    assert_eq!(w, 5, "{net}");
    let found = json(addr, &format!("/api/search?q={}", enc("بوتين")));
    assert!(
        found["documents"]
            .as_array()
            .expect("documents")
            .iter()
            .any(|d| d["name"].as_str().is_some_and(|n| n.starts_with("002_"))),
        "{found}"
    );
    let (code, page) = http(addr, "/");
    assert_eq!(code, 200);
    assert!(page.contains("dir=\"rtl\""));
    let (code, body) = http(addr, "/api/search?q=");
    assert_eq!(code, 400, "{body}");

    // rasd search
    let (ok, out, err) = rasd(&["search", "--db", s(&db), "بوتين"]);
    assert!(ok, "{err}");
    assert!(out.contains("002_3e3dfc9315ae9b46.txt"), "{out}");
    assert!(out.contains("[بوتين]"), "highlighted: {out}");
    let (ok, out, err) = rasd(&["search", "--db", s(&db), "--format", "json", "لافروف الصين"]);
    assert!(ok, "{err}");
    let v: Value = serde_json::from_str(&out).expect("JSON");
    assert!(!v["documents"].as_array().expect("documents").is_empty());
    let (ok, _, err) = rasd(&["search", "--db", s(&db), "--from", "2023-13", "x"]);
    assert!(!ok && err.contains("from"), "{err}");

    // rasd export: every event traces back to its document and its words
    let texts: std::collections::HashMap<String, Vec<char>> = json(addr, "/api/documents")
        ["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .map(|d| {
            let id = d["id"].as_str().expect("id").to_string();
            let doc = json(addr, &format!("/api/documents/{id}"));
            (id, doc["text"].as_str().expect("text").chars().collect())
        })
        .collect();
    for format in ["plover", "gdelt", "csv"] {
        let (ok, out, err) = rasd(&["export", "--db", s(&db), "--format", format]);
        assert!(ok, "{format}: {err}");
        let traces = rasd_export::trace(format.parse().expect("format"), &out).expect("trace");
        assert!(traces.len() >= 10, "{format}: {}", traces.len());
        for t in &traces {
            let text = texts.get(&t.doc_id).expect("the document is stored");
            for (_, a, b) in &t.spans {
                assert!(a < b && *b <= text.len(), "{format}: {a}-{b}");
            }
        }
    }
    let (ok, out, _) = rasd(&["export", "--db", s(&db), "--format", "plover"]);
    assert!(ok);
    for line in out.lines() {
        let v: Value = serde_json::from_str(line).expect("JSON line");
        let text = &texts[v["text_info"]["story_id"].as_str().expect("story_id")];
        for e in v["text_info"]["evidence"].as_array().expect("evidence") {
            let (a, b) = (
                e["start"].as_u64().expect("start") as usize,
                e["end"].as_u64().expect("end") as usize,
            );
            assert_eq!(
                text[a..b].iter().collect::<String>(),
                e["text"].as_str().expect("text")
            );
        }
    }
    // a document ingested while the server runs is served at once
    let before = json(addr, "/api/meta")["events"].as_u64().expect("events");
    let extra = db.with_file_name("extra.txt");
    std::fs::write(
        &extra,
        "موسكو 3 مارس 2024 - استقبل الرئيس الروسي فلاديمير بوتين اليوم في الكرملين وزير الخارجية الصيني وانغ يي.\n",
    )
    .expect("write");
    let (ok, _, err) = rasd(&["ingest", "--db", s(&db), s(&extra)]);
    assert!(ok, "{err}");
    let meta = json(addr, "/api/meta");
    assert_eq!(meta["documents"], 7, "{meta}");
    assert!(meta["events"].as_u64().expect("events") > before, "{meta}");
    let found = json(addr, "/api/events?from=2024-03-03&to=2024-03-03");
    assert!(found["total"].as_u64().expect("total") >= 1, "{found}");

    let (ok, _, err) = rasd(&["export", "--db", s(&db), "--format", "xml"]);
    assert!(!ok && err.contains("xml"), "{err}");
    let (ok, _, err) = rasd(&["serve", "--db", "/nonexistent/rasd.db"]);
    assert!(!ok && err.contains("rasd ingest"), "{err}");
}
