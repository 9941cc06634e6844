//! `rasd ingest`, `events`, `stories`, `show` end to end: idempotence on the seeds and dev
//! corpora, a syndicated copy merged into one event with two sources, versions, and a bad input
//! in the middle of a run. Tests that need `../shared` skip, saying so, when it is absent.
use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;

mod common;
use common::{rasd, s, shared_with};

fn shared() -> Option<PathBuf> {
    shared_with("corpus/seeds/manifest.jsonl")
}

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("rasd-ingest-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn jsonl(out: &str) -> Vec<Value> {
    out.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

/// (canonical events, stories, total sources) of a store, read through the commands.
fn counts(db: &str) -> (usize, usize, u64) {
    let (ok, out, err) = rasd(&[
        "events", "--db", db, "--format", "jsonl", "--limit", "10000",
    ]);
    assert!(ok, "{err}");
    let ev = jsonl(&out);
    let sources = ev.iter().map(|e| e["n_sources"].as_u64().unwrap()).sum();
    let (ok, st, err) = rasd(&[
        "stories",
        "--db",
        db,
        "--min-docs",
        "1",
        "--format",
        "jsonl",
    ]);
    assert!(ok, "{err}");
    (ev.len(), jsonl(&st).len(), sources)
}

#[test]
fn seeds_and_dev_twice_leave_the_same_counts() {
    let Some(sh) = shared() else {
        eprintln!("SKIPPED: ../shared absent (no corpus to ingest)");
        return;
    };
    let dir = tmp("twice");
    let db = dir.join("rasd.db");
    let mut after = Vec::new();
    for round in 0..2 {
        for set in ["seeds", "dev"] {
            let c = sh.join("corpus").join(set);
            let (ok, _, err) = rasd(&[
                "ingest",
                "--db",
                s(&db),
                "--manifest",
                s(&c.join("manifest.jsonl")),
                s(&c),
            ]);
            assert!(ok, "{err}");
            if round == 1 {
                assert!(
                    err.contains(" 0 added"),
                    "second round added something: {err}"
                );
            }
        }
        after.push(counts(s(&db)));
    }
    assert_eq!(after[0], after[1]);
    let (events, stories, _) = after[0];
    assert!(events > 100, "{events}");
    assert_eq!(stories, 30);
    // the five seed headline events are there
    let (_, out, _) = rasd(&[
        "events",
        "--db",
        s(&db),
        "--headlines",
        "--since",
        "2020",
        "--format",
        "jsonl",
    ]);
    assert!(jsonl(&out).len() >= 5, "{out}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_syndicated_copy_is_one_event_with_two_sources() {
    let Some(sh) = shared() else {
        eprintln!("SKIPPED: ../shared absent (no seed to copy)");
        return;
    };
    let seeds = sh.join("corpus/seeds");
    let name = "000_2a4d1830eaa6a4ed.txt";
    let text = std::fs::read_to_string(seeds.join(name)).unwrap();
    // another outlet's furniture, another title, one sentence edited
    let edited = text.replacen(
        "قال مسؤول صيني بارز اليوم (الأربعاء)",
        "صرح مسؤول صيني كبير اليوم (الأربعاء)",
        1,
    );
    assert_ne!(edited, text, "the seed changed: fix the edit");
    let copy = format!(
        "الرئيسية » أخبار عالمية » سياسة\n\nوانغ يي ولافروف يبحثان في موسكو العلاقات الثنائية\n\n{edited}\n\nاقرأ أيضاً: الذهب يرتفع مع تراجع الدولار\n\n245 مشاهدة\n\nتابعونا على تيليجرام"
    );
    let dir = tmp("copy");
    let record = serde_json::json!({
        "id": "rt-copy",
        "text": copy,
        "title": "وانغ يي ولافروف يبحثان في موسكو العلاقات الثنائية",
        "outlet": "RT Arabic",
        "url": "https://rt.example/news/wang-lavrov",
        "published": "2023-02-22",
    });
    let jl = dir.join("copy.jsonl");
    std::fs::write(&jl, format!("{record}\n")).unwrap();
    let db = dir.join("rasd.db");
    let (ok, _, err) = rasd(&[
        "ingest",
        "--db",
        s(&db),
        "--manifest",
        s(&seeds.join("manifest.jsonl")),
        s(&seeds.join(name)),
    ]);
    assert!(ok, "{err}");
    let (ok, _, err) = rasd(&["ingest", "--db", s(&db), s(&jl)]);
    assert!(ok, "{err}");
    let (ok, out, err) = rasd(&[
        "events",
        "--db",
        s(&db),
        "--actor",
        "RUS",
        "--type",
        "CONSULT",
        "--since",
        "2023-01-01",
        "--headlines",
        "--format",
        "jsonl",
    ]);
    assert!(ok, "{err}");
    let ev = jsonl(&out);
    assert_eq!(ev.len(), 1, "{out}");
    assert_eq!(ev[0]["n_sources"], 2, "{out}");
    assert_eq!(ev[0]["n_outlets"], 2, "{out}");
    let docs: Vec<&str> = ev[0]["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["doc_name"].as_str().unwrap())
        .collect();
    assert!(
        docs.contains(&name) && docs.contains(&"rt-copy"),
        "{docs:?}"
    );
    let (ok, out, _) = rasd(&["stories", "--db", s(&db), "--format", "jsonl"]);
    assert!(ok);
    let st = jsonl(&out);
    assert_eq!(st.len(), 1, "{out}");
    assert_eq!(st[0]["n_docs"], 2);
    // the table and CSV forms work too
    let (ok, table, _) = rasd(&[
        "events",
        "--db",
        s(&db),
        "--type",
        "CONSULT",
        "--format",
        "table",
    ]);
    assert!(ok && table.contains("2 source(s)"), "{table}");
    let (ok, csv, _) = rasd(&["events", "--db", s(&db), "--format", "csv"]);
    assert!(ok && csv.starts_with("doc,"), "{csv}");
    // the copy's furniture is marked in `show`
    let (ok, shown, err) = rasd(&["show", "--db", s(&db), "rt-copy"]);
    assert!(ok, "{err}");
    assert!(
        shown
            .lines()
            .any(|l| l.starts_with('▒') && l.contains("مشاهدة")),
        "{shown}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

const REPORT: &str = "موسكو 22 فبراير 2023 (شينخوا) أدلى وانغ يي، مدير مكتب لجنة الشؤون الخارجية، بهذه التصريحات خلال اجتماعه في موسكو مع وزير الخارجية الروسي سيرجي لافروف.";

#[test]
fn versions_and_a_bad_input_in_the_middle() {
    let dir = tmp("bad");
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::write(input.join("a.txt"), REPORT).unwrap();
    std::fs::write(
        input.join("b.txt"),
        [0xffu8, 0xfe, 0x00, 0xd8, 0x00, 0x00, 0x41],
    )
    .unwrap();
    std::fs::write(input.join("c.txt"), "").unwrap();
    std::fs::write(input.join("d.txt"), "خبر قصير عن الطقس في القاهرة اليوم.").unwrap();
    let db = dir.join("rasd.db");
    let (ok, _, err) = rasd(&["ingest", "--db", s(&db), s(&input)]);
    assert!(!ok, "a bad input makes the exit code non-zero");
    assert!(err.contains("b.txt") && err.contains("c.txt"), "{err}");
    assert!(err.contains("2 added"), "{err}");
    let (ok, shown, _) = rasd(&["show", "--db", s(&db), "d.txt"]);
    assert!(ok && shown.contains("القاهرة"), "{shown}");
    // the same URL with a changed text is a new version
    let rec = |text: &str| {
        serde_json::json!({"id": "v", "text": text, "url": "https://x.example/1", "outlet": "X"})
            .to_string()
    };
    let jl = dir.join("v.jsonl");
    // (a.txt already holds REPORT itself: the same text under another URL adds nothing)
    let v1 = format!("{REPORT}\nوأضاف أن الجانبين بحثا العلاقات الثنائية.");
    let v2 = v1.replace("بهذه", "بتلك");
    std::fs::write(&jl, format!("{}\n{}\n", rec(&v1), rec(&v2))).unwrap();
    let (ok, _, err) = rasd(&["ingest", "--db", s(&db), s(&jl)]);
    assert!(ok, "{err}");
    let (ok, shown, err) = rasd(&["show", "--db", s(&db), "--format", "json", "v"]);
    assert!(ok, "{err}");
    let v: Value = serde_json::from_str(&shown).unwrap();
    assert_eq!(v["version"], 2, "{shown}");
    assert!(v["previous"].is_string());
    let (ok, _, err) = rasd(&["show", "--db", s(&db), "nothing-like-it"]);
    assert!(!ok && err.contains("nothing-like-it"), "{err}");
    let (ok, _, err) = rasd(&["events", "--db", s(&dir.join("missing.db"))]);
    assert!(!ok && err.contains("rasd ingest"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn watch_polls_feeds_goes_on_past_a_bad_one_and_remembers_what_it_saw() {
    use rasd_read::testing::{rss, Reply, Server};
    let page = |title: &str, body: &str| {
        format!(
            "<!doctype html><html lang=\"ar\"><head><meta charset=\"utf-8\"><title>{title}</title>\
             <meta property=\"article:published_time\" content=\"2023-02-22T10:00:00Z\"></head>\
             <body><nav><a href=\"/\">الرئيسية</a></nav><article><h1>{title}</h1><p>{body}</p>\
             </article></body></html>"
        )
    };
    let mut routes = std::collections::HashMap::new();
    routes.insert(
        "/a.html".to_string(),
        Reply::Body(
            "text/html; charset=utf-8".into(),
            page("لقاء في موسكو", REPORT).into_bytes(),
        ),
    );
    routes.insert(
        "/b.html".to_string(),
        Reply::Body(
            "text/html; charset=utf-8".into(),
            page(
                "الطقس",
                "توقعت هيئة الأرصاد طقسا حارا في القاهرة اليوم مع رياح خفيفة.",
            )
            .into_bytes(),
        ),
    );
    // the feed is built once the server's address is known: a second server serves it
    let server = Server::start(routes).expect("server");
    let base = server.base();
    let feed = rss(&[
        (
            format!("{base}/a.html"),
            "لقاء في موسكو".into(),
            Some("Wed, 22 Feb 2023 10:00:00 GMT".into()),
        ),
        (format!("{base}/b.html"), "الطقس".into(), None),
    ]);
    let mut froutes = std::collections::HashMap::new();
    froutes.insert(
        "/feed.xml".to_string(),
        Reply::Body("application/rss+xml".into(), feed.into_bytes()),
    );
    let fserver = Server::start(froutes).expect("feed server");
    let dir = tmp("watch");
    let db = dir.join("rasd.db");
    let good = format!("{}/feed.xml", fserver.base());
    let bad = format!("{}/missing.xml", fserver.base());
    let (ok, _, err) = rasd(&[
        "watch",
        "--once",
        "--timeout",
        "10",
        "--db",
        s(&db),
        &bad,
        &good,
    ]);
    assert!(!ok, "a failing feed is reported in the exit code");
    assert!(err.contains("missing.xml"), "{err}");
    assert!(err.contains("2 new document(s)"), "{err}");
    let (ok, _, err) = rasd(&["watch", "--once", "--db", s(&db), &good]);
    assert!(ok, "{err}");
    assert!(err.contains("0 new document(s)"), "{err}");
    let (ok, out, _) = rasd(&[
        "events",
        "--db",
        s(&db),
        "--type",
        "CONSULT",
        "--format",
        "jsonl",
    ]);
    assert!(ok && jsonl(&out).len() == 1, "{out}");
    let (ok, _, err) = rasd(&["watch", "--once", "--every", "10y", "--db", s(&db), &good]);
    assert!(!ok && err.contains("10y"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn html_pages_and_warc_archives_are_ingested_and_deduplicated() {
    let html = format!(
        "<!doctype html><html lang=\"ar\"><head><meta charset=\"utf-8\"><title>لقاء في موسكو</title>\
         <link rel=\"canonical\" href=\"https://news.example/a\">\
         <meta property=\"article:published_time\" content=\"2023-02-22T10:00:00Z\"></head>\
         <body><nav><a href=\"/\">الرئيسية</a> <a href=\"/w\">العالم</a></nav>\
         <article><h1>لقاء في موسكو</h1><p>{REPORT}</p></article>\
         <footer>جميع الحقوق محفوظة 2023</footer></body></html>"
    );
    let dir = tmp("html");
    std::fs::write(dir.join("a.html"), &html).unwrap();
    let warc = rasd_read::testing::warc_gz(&[(
        "https://news.example/a".to_string(),
        "utf-8",
        html.clone().into_bytes(),
    )]);
    std::fs::write(dir.join("pages.warc.gz"), warc).unwrap();
    let db = dir.join("rasd.db");
    let (ok, _, err) = rasd(&["ingest", "--db", s(&db), s(&dir.join("a.html"))]);
    assert!(ok, "{err}");
    assert!(err.contains("1 added"), "{err}");
    // the same page out of a web archive is the same text: nothing new
    let (ok, _, err) = rasd(&["ingest", "--db", s(&db), s(&dir.join("pages.warc.gz"))]);
    assert!(ok, "{err}");
    assert!(err.contains("0 added, 1 already stored"), "{err}");
    let (ok, out, _) = rasd(&[
        "events",
        "--db",
        s(&db),
        "--actor",
        "sergey-lavrov",
        "--type",
        "CONSULT",
        "--format",
        "jsonl",
    ]);
    assert!(ok && jsonl(&out).len() == 1, "{out}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_killed_ingest_keeps_its_committed_batches_and_resumes() {
    const OUTLETS: [&str; 3] = ["A", "B", "C"];
    let dir = tmp("kill");
    let input = dir.join("many.jsonl");
    let n = 400;
    let mut lines = String::new();
    for i in 0..n {
        let rec = serde_json::json!({
            "id": format!("r{i}"),
            "text": format!("{REPORT}\nتحديث رقم {i}: وأضاف المسؤول أن المباحثات تناولت ملفات عدة."),
            "outlet": OUTLETS[i % 3],
        });
        lines.push_str(&format!("{rec}\n"));
    }
    std::fs::write(&input, lines).unwrap();
    let db = dir.join("rasd.db");
    let mut child = Command::new(env!("CARGO_BIN_EXE_rasd"))
        .args(["ingest", "--batch", "10", "--db", s(&db), s(&input)])
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    let stored = || -> u64 {
        rasd_store::Store::open_read_only(&db)
            .and_then(|st| st.counts())
            .map(|c| c.documents)
            .unwrap_or(0)
    };
    while stored() < 20 && start.elapsed().as_secs() < 60 {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let _ = child.kill();
    let _ = child.wait();
    let kept = stored();
    assert!(kept >= 20, "{kept}");
    let (ok, _, err) = rasd(&["ingest", "--db", s(&db), s(&input)]);
    assert!(ok, "{err}");
    let c = rasd_store::Store::open_read_only(&db)
        .unwrap()
        .counts()
        .unwrap();
    assert_eq!(c.documents, n as u64, "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}
