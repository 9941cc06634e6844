//! The server over the seed corpus (coded in memory): every endpoint, the filters, the limits, and
//! untrusted article text. Skips, saying so, when `../shared` is absent.
use rasd_serve::memory::{Input, Memory};
use rasd_serve::{Config, DocMeta, FurnitureSpan};
use serde_json::Value;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;

fn seeds() -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/seeds");
    p.join("manifest.jsonl").is_file().then_some(p)
}

const HOSTILE: &str = "عنوان\nقال وزير الخارجية المصري سامح شكري في القاهرة <script>document.title='pwned'</script> \
<img src=x onerror=\"document.title='pwned'\"> <a href=\"javascript:alert(1)\">رابط</a> إن بلاده مستعدة للعمل مع السعودية.\n";

fn documents(dir: &std::path::Path) -> Vec<rasd_read::Document> {
    let manifest = rasd_read::Manifest::load(&dir.join("manifest.jsonl")).expect("manifest");
    let mut docs: Vec<rasd_read::Document> =
        rasd_read::read_paths(&[dir.to_path_buf()], Some(&manifest))
            .filter_map(Result::ok)
            .collect();
    docs.push(rasd_read::Document {
        id: "hostile".into(),
        name: "hostile.txt".into(),
        text: HOSTILE.into(),
        title: Some("<b onmouseover=alert(1)>title</b>".into()),
        outlet: Some("Test <outlet>".into()),
        url: Some("javascript:alert(1)".into()),
        published: Some("2024-01-02".into()),
    });
    docs
}

fn coder() -> rasd_code::Coder {
    rasd_code::Coder::new(rasd_dict::Dict::embedded().expect("dict"))
}

fn inputs(dir: &std::path::Path) -> Vec<Input> {
    let coder = coder();
    documents(dir)
        .into_iter()
        .map(|d| {
            let lines = rasd_read::classify_lines(&d.text);
            let furniture: Vec<FurnitureSpan> = lines
                .iter()
                .filter_map(|l| {
                    l.furniture.map(|k| FurnitureSpan {
                        start: l.start,
                        end: l.end,
                        kind: k.as_str().to_string(),
                    })
                })
                .collect();
            let spans: Vec<(usize, usize)> = furniture.iter().map(|f| (f.start, f.end)).collect();
            let events = coder.code(&rasd_code::DocInput {
                name: &d.name,
                text: &d.text,
                published: d.published.as_deref(),
                furniture: &spans,
            });
            Input {
                meta: DocMeta {
                    id: d.id,
                    name: d.name,
                    title: d.title,
                    url: d.url,
                    outlet: d.outlet,
                    published: d.published,
                },
                text: d.text,
                furniture,
                events,
            }
        })
        .collect()
}

/// The two stores: in memory, and SQLite (rasd-store) filled by its own ingest.
#[derive(Clone, Copy, Debug)]
enum Kind {
    Memory,
    Sqlite,
}

fn start(dir: &std::path::Path, kind: Kind) -> SocketAddr {
    let config = Config {
        token: Some("s3cret".into()),
    };
    let app = match kind {
        Kind::Memory => rasd_serve::router(Memory::new(inputs(dir)), config),
        Kind::Sqlite => {
            let mut store = rasd_store::Store::open_in_memory().expect("store");
            let coder = coder();
            for d in documents(dir) {
                store.ingest(&coder, &d).expect("ingest");
            }
            rasd_serve::router(rasd_serve::sqlite::Sqlite::new(store), config)
        }
    }
    .expect("router");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        rt.block_on(async move {
            let l = tokio::net::TcpListener::bind("127.0.0.1:0")
                .await
                .expect("bind");
            tx.send(l.local_addr().expect("addr")).expect("send");
            axum::serve(l, app).await.expect("serve");
        });
    });
    rx.recv().expect("address")
}

/// A plain HTTP/1.1 request; returns status, headers and body.
fn http(
    addr: SocketAddr,
    method: &str,
    target: &str,
    extra: &str,
    body: &str,
) -> (u16, String, String) {
    let mut s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(std::time::Duration::from_secs(20)))
        .ok();
    let req = format!(
        "{method} {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n{extra}Content-Length: {}\r\n\r\n{body}",
        body.len()
    );
    s.write_all(req.as_bytes()).expect("write");
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).expect("read");
    let text = String::from_utf8_lossy(&buf).to_string();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        dechunk(body)
    } else {
        body.to_string()
    };
    (status, head.to_string(), body)
}

fn dechunk(mut s: &str) -> String {
    let mut out = String::new();
    while let Some((len, rest)) = s.split_once("\r\n") {
        let n = usize::from_str_radix(len.trim(), 16).unwrap_or(0);
        if n == 0 {
            break;
        }
        out.push_str(&rest[..n]);
        s = rest[n..].trim_start_matches("\r\n");
    }
    out
}

fn get(addr: SocketAddr, target: &str) -> (u16, Value) {
    let (st, _, body) = http(addr, "GET", target, "", "");
    (
        st,
        serde_json::from_str(&body).unwrap_or_else(|e| panic!("{target}: {e}: {body}")),
    )
}

fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

fn endpoints_over_the_seeds(addr: SocketAddr) {
    // meta
    let (st, m) = get(addr, "/api/meta");
    assert_eq!(st, 200);
    assert_eq!(m["documents"], 6);
    assert!(m["events"].as_u64().unwrap() >= 10);

    // the network between China and Russia holds the five headline events
    let (st, n) = get(
        addr,
        "/api/network?country=CHN&country2=RUS&headline=true&level=country",
    );
    assert_eq!(st, 200);
    let edges = n["edges"].as_array().unwrap();
    let total: u64 = edges.iter().map(|e| e["weight"].as_u64().unwrap()).sum();
    assert_eq!(total, 5, "{n}");
    let ids: Vec<&str> = edges
        .iter()
        .flat_map(|e| e["events"].as_array().unwrap())
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(ids.len(), 5);
    let (_, n) = get(addr, "/api/network");
    assert!(n["nodes"].as_array().unwrap().len() >= 4);

    // search for «بوتين» returns seed 002
    let (st, s) = get(addr, &format!("/api/search?q={}", enc("بوتين")));
    assert_eq!(st, 200);
    let docs: Vec<&str> = s["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["name"].as_str().unwrap())
        .collect();
    assert!(docs.iter().any(|n| n.starts_with("002_")), "{docs:?}");
    let snip = &s["documents"][0]["snippet"];
    assert!(!snip["marks"].as_array().unwrap().is_empty());
    // a clitic and a spelling variant: «ولافروف», «شى جين بينج»
    for q in ["لافروف", "شى جين بينج", "لافروف الصين"] {
        let (st, s) = get(addr, &format!("/api/search?q={}", enc(q)));
        assert_eq!(st, 200);
        assert!(!s["documents"].as_array().unwrap().is_empty(), "{q}");
    }

    // a date range returns exactly the events inside it
    let (_, all) = get(addr, "/api/events?limit=500");
    let all = all["events"].as_array().unwrap().clone();
    let (from, to) = ("2023-01-01", "2023-05-04");
    let (st, r) = get(addr, &format!("/api/events?from={from}&to={to}&limit=500"));
    assert_eq!(st, 200);
    let got: Vec<&str> = r["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    // wholly inside: a day in the range, a month or year only when all its days are
    let inside = |d: &str| match d.len() {
        10 => d >= from && d <= to,
        7 => d >= &from[..7] && d < &to[..7],
        _ => false,
    };
    let want: Vec<&str> = all
        .iter()
        .filter(|e| e["date"].as_str().is_some_and(inside))
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert_eq!(got, want);
    assert!(!want.is_empty());
    // a month range holds the events of that month, day- or month-dated
    let (_, m) = get(addr, "/api/events?from=2023-03&to=2023-03&limit=500");
    for e in m["events"].as_array().unwrap() {
        assert!(e["date"].as_str().unwrap().starts_with("2023-03"), "{e}");
    }
    let month_dated = all.iter().filter(|e| e["date"] == "2023-03").count() as u64;
    assert!(m["total"].as_u64().unwrap() >= month_dated);

    // newest first
    let (_, n) = get(addr, "/api/events?sort=-date&limit=500");
    let dates: Vec<&str> = n["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["date"].as_str())
        .collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
    assert_eq!(n["total"], all.len());

    // an empty range
    let (st, e) = get(addr, "/api/events?from=2024-01-01&to=2023-01-01");
    assert_eq!((st, e["total"].as_u64()), (200, Some(0)));

    // paginate
    let (_, p1) = get(addr, "/api/events?limit=3&offset=0");
    let (_, p2) = get(addr, "/api/events?limit=3&offset=3");
    assert_eq!(p1["events"].as_array().unwrap().len(), 3);
    assert_ne!(p1["events"][0]["id"], p2["events"][0]["id"]);
    assert_eq!(p1["total"], all.len());

    // other filters
    let (_, c) = get(addr, "/api/events?type=CONSULT&headline=1");
    assert!(c["events"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["type"] == "CONSULT" && e["headline"] == true));
    let (_, c) = get(addr, &format!("/api/events?actor={}", enc("lavrov")));
    assert!(c["total"].as_u64().unwrap() >= 3, "{c}");
    let (_, c) = get(addr, &format!("/api/events?outlet={}", enc("SANA")));
    assert!(c["events"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["document"]["outlet"].as_str().unwrap().contains("SANA")));

    // one event with its sources and evidence
    let id = all.iter().find(|e| e["headline"] == true).unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let (st, e) = get(addr, &format!("/api/events/{}", enc(&id)));
    assert_eq!(st, 200);
    let hl = e["mentions"][0]["highlights"].as_array().unwrap();
    let roles: Vec<&str> = hl.iter().map(|h| h["role"].as_str().unwrap()).collect();
    for r in ["clause", "trigger", "source", "target"] {
        assert!(roles.contains(&r), "{roles:?}");
    }
    let (st, _) = get(addr, "/api/events/nope");
    assert_eq!(st, 404);

    // documents: text, furniture, events with highlights
    let doc = e["doc"].as_str().unwrap();
    let (st, d) = get(addr, &format!("/api/documents/{doc}?event={}", enc(&id)));
    assert_eq!(st, 200);
    let text = d["text"].as_str().unwrap();
    let name = d["name"].as_str().unwrap();
    assert!(!d["furniture"].as_array().unwrap().is_empty() || !name.starts_with("000_"));
    for h in d["events"][0]["highlights"].as_array().unwrap() {
        let (a, b) = (
            h["start"].as_u64().unwrap() as usize,
            h["end"].as_u64().unwrap() as usize,
        );
        let words: String = text.chars().skip(a).take(b - a).collect();
        assert_eq!(words, h["text"].as_str().unwrap());
    }
    let (_, ds) = get(addr, "/api/documents");
    assert_eq!(ds["total"], 6);

    // actors with roles over time
    let (st, a) = get(addr, "/api/actors");
    assert_eq!(st, 200);
    let lavrov = a["actors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == "sergey-lavrov")
        .expect("lavrov");
    assert!(!lavrov["roles"].as_array().unwrap().is_empty());
    assert_eq!(lavrov["kind"], "person");

    // timeline by day and week
    for interval in ["day", "week", "month"] {
        let (st, t) = get(addr, &format!("/api/timeline?interval={interval}"));
        assert_eq!(st, 200);
        let sum: u64 = t["buckets"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b["total"].as_u64().unwrap())
            .sum();
        assert_eq!(
            sum + t["imprecise"].as_u64().unwrap(),
            all.len() as u64,
            "{interval}"
        );
    }

    // openapi, page, assets, export
    let (st, o) = get(addr, "/openapi.json");
    assert_eq!(st, 200);
    for path in [
        "/api",
        "/api/meta",
        "/api/events",
        "/api/events/{id}",
        "/api/documents",
        "/api/documents/{id}",
        "/api/search",
        "/api/actors",
        "/api/timeline",
        "/api/network",
        "/api/export",
        "/openapi.json",
    ] {
        assert!(
            o["paths"][path]["get"].is_object(),
            "{path} in openapi.json"
        );
    }
    let (st, head, body) = http(addr, "GET", "/", "", "");
    assert_eq!(st, 200);
    assert!(
        body.contains("<html")
            && head
                .to_ascii_lowercase()
                .contains("content-security-policy")
    );
    for a in ["/assets/app.js", "/assets/app.css"] {
        assert_eq!(http(addr, "GET", a, "", "").0, 200, "{a}");
    }
    // the exports round-trip: every event leads back to its document and to the very words
    let mut texts: std::collections::HashMap<String, Vec<char>> = Default::default();
    let mut spans_of: std::collections::HashMap<String, Vec<(String, usize, usize)>> =
        Default::default();
    for f in ["plover", "gdelt", "csv"] {
        let (st, _, body) = http(addr, "GET", &format!("/api/export?format={f}"), "", "");
        assert_eq!(st, 200, "{f}");
        let format: rasd_export::Format = f.parse().unwrap();
        let traces = rasd_export::trace(format, &body).unwrap();
        assert!(traces.len() >= 10, "{f}: {}", traces.len());
        for t in traces {
            let text = texts.entry(t.doc_id.clone()).or_insert_with(|| {
                let (st, d) = get(addr, &format!("/api/documents/{}", enc(&t.doc_id)));
                assert_eq!(st, 200, "{f}: document {}", t.doc_id);
                d["text"].as_str().unwrap().chars().collect()
            });
            assert!(!t.spans.is_empty(), "{f}: {} has no spans", t.event_id);
            for (_, a, b) in &t.spans {
                assert!(a < b && *b <= text.len(), "{f}: span {a}-{b}");
            }
            // the same spans in every format
            let prev = spans_of
                .entry(t.event_id.clone())
                .or_insert_with(|| t.spans.clone());
            assert_eq!(prev, &t.spans, "{f}: {}", t.event_id);
        }
        if f == "plover" {
            for line in body.lines() {
                let v: Value = serde_json::from_str(line).unwrap();
                let text = &texts[v["text_info"]["story_id"].as_str().unwrap()];
                for e in v["text_info"]["evidence"].as_array().unwrap() {
                    let (a, b) = (
                        e["start"].as_u64().unwrap() as usize,
                        e["end"].as_u64().unwrap() as usize,
                    );
                    let words: String = text[a..b].iter().collect();
                    assert_eq!(words, e["text"].as_str().unwrap());
                }
                assert_ne!(v["status"], "negated");
            }
        }
    }
}

fn untrusted_text_is_data(addr: SocketAddr) {
    let (_, ds) = get(addr, "/api/documents");
    let id = ds["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["name"] == "hostile.txt")
        .expect("hostile document")["id"]
        .as_str()
        .unwrap()
        .to_string();
    let (st, head, body) = http(addr, "GET", &format!("/api/documents/{id}"), "", "");
    assert_eq!(st, 200);
    assert!(head
        .to_ascii_lowercase()
        .contains("content-type: application/json"));
    let d: Value = serde_json::from_str(&body).unwrap();
    // the text comes back exactly as written, as a JSON string
    assert_eq!(d["text"], HOSTILE);
    assert_eq!(d["url"], "javascript:alert(1)");
    // the page loads no inline script and the policy forbids it
    let (_, head, page) = http(addr, "GET", "/", "", "");
    assert!(head.contains("script-src 'self'"));
    assert!(!page.contains("<script>"), "inline script in the page");
    let js = http(addr, "GET", "/assets/app.js", "", "").2;
    assert!(
        !js.contains("innerHTML")
            && !js.contains("outerHTML")
            && !js.contains("insertAdjacentHTML")
            && !js.contains("document.write")
    );
}

fn bad_requests_get_400_with_a_message(addr: SocketAddr) {
    let long = "ا".repeat(3000);
    let rows: Vec<(String, u16)> = vec![
        (format!("/api/search?q={}", enc(&long)), 400),
        ("/api/search?q=%ZZ".into(), 400),
        ("/api/search?q=%FF%FE".into(), 400),
        ("/api/search".into(), 400),
        ("/api/events?from=2023-13-45".into(), 400),
        ("/api/events?limit=-1".into(), 400),
        ("/api/events?limit=".into(), 400),
        ("/api/events?limit=99999999999999999999999".into(), 400),
        ("/api/events?country=CHINA".into(), 400),
        ("/api/events?bogus=1".into(), 400),
        ("/api/events?sort=size".into(), 400),
        ("/api/timeline?interval=hour".into(), 400),
        ("/api/network?level=planet".into(), 400),
        ("/api/export?format=xml".into(), 400),
        (format!("/api/events/{}", "x".repeat(300)), 400),
        ("/api/nothing".into(), 404),
    ];
    for (target, want) in rows {
        let (st, _, body) = http(addr, "GET", &target, "", "");
        assert_eq!(st, want, "{}", &target[..target.len().min(80)]);
        let v: Value =
            serde_json::from_str(&body).unwrap_or_else(|e| panic!("{target}: {e} {body}"));
        assert!(v["error"].as_str().is_some_and(|m| !m.is_empty()));
    }
    // writes: refused without the token, and bodies are limited
    let (st, _, _) = http(addr, "POST", "/api/events", "", "{}");
    assert_eq!(st, 401);
    let (st, _, _) = http(addr, "TRACE", "/api/events", "", "");
    assert_eq!(st, 401);
    let big = "x".repeat(64 * 1024);
    let (st, _, _) = http(
        addr,
        "POST",
        "/api/events",
        "Authorization: Bearer s3cret\r\n",
        &big,
    );
    assert!(st == 413 || st == 405, "{st}");
    let (st, _, _) = http(
        addr,
        "POST",
        "/api/events",
        "Authorization: Bearer s3cret\r\n",
        "{}",
    );
    assert_eq!(st, 405);
    // a request line far too long
    let (st, _, _) = http(
        addr,
        "GET",
        &format!("/api/events?actor={}", "a".repeat(9000)),
        "",
        "",
    );
    assert_eq!(st, 400);
}

fn run(kind: Kind) {
    let Some(dir) = seeds() else {
        eprintln!("SKIPPED: ../shared absent (no seed corpus beside the repository)");
        return;
    };
    let addr = start(&dir, kind);
    endpoints_over_the_seeds(addr);
    untrusted_text_is_data(addr);
    bad_requests_get_400_with_a_message(addr);
}

#[test]
fn over_the_memory_store() {
    run(Kind::Memory);
}

#[test]
fn over_the_sqlite_store() {
    run(Kind::Sqlite);
}
