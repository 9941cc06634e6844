//! Input formats end to end: the seed reports wrapped as realistic HTML pages (menus, sidebars of
//! unrelated political headlines, «الأكثر قراءة», comments, footers) and packed into a WARC give,
//! through `rasd extract`, the same events as the plain seed texts with their manifest — the same
//! five headlines, and no event from the pages' furniture. Skips (saying so) when `../shared` is
//! not beside the repository.
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use rasd_read::testing::{
    load_articles, page_bytes, page_url, warc_gz, RELATED_HEADLINES, SIDEBAR_HEADLINES,
};
use serde_json::Value;

fn seeds() -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/seeds");
    p.join("manifest.jsonl").is_file().then_some(p)
}

/// `rasd extract --format jsonl ARGS…`: the events, without their `doc` field and with their
/// evidence as text only (white space collapsed): HTML collapses runs of spaces, so character
/// offsets into the page's text differ from those into the plain file.
fn extract(args: &[&str]) -> Vec<Value> {
    let out = Command::new(env!("CARGO_BIN_EXE_rasd"))
        .args(["extract", "--format", "jsonl"])
        .args(args)
        .output()
        .expect("run rasd");
    assert!(
        out.status.success(),
        "rasd extract {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| {
            let mut v: Value = serde_json::from_str(l).expect("JSON line");
            if let Value::Object(o) = &mut v {
                o.remove("doc");
                if let Some(Value::Array(ev)) = o.get_mut("evidence") {
                    for e in ev.iter_mut() {
                        let t = e["text"].as_str().unwrap_or("");
                        *e = Value::String(t.split_whitespace().collect::<Vec<_>>().join(" "));
                    }
                }
            }
            v
        })
        .collect()
}

struct TempDir(PathBuf);
impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn no_furniture(events: &[Value], how: &str) {
    for e in events {
        let s = e.to_string();
        for h in SIDEBAR_HEADLINES.iter().chain(RELATED_HEADLINES) {
            assert!(!s.contains(h), "{how}: an event from furniture: {s}");
        }
    }
}

#[test]
fn html_and_warc_give_the_seed_events() {
    let Some(seeds) = seeds() else {
        eprintln!("SKIPPED: ../shared absent (no ../shared/corpus/seeds)");
        return;
    };
    let tmp = TempDir(std::env::temp_dir().join(format!("rasd-formats-{}", std::process::id())));
    let _ = fs::remove_dir_all(&tmp.0);
    let html_dir = tmp.0.join("html");
    fs::create_dir_all(&html_dir).unwrap();
    let arts = load_articles(&seeds).unwrap();
    let base = "https://news.example.org";
    let mut pages = Vec::new();
    for (i, a) in arts.iter().enumerate() {
        let (bytes, charset) = page_bytes(a, i, base);
        fs::write(html_dir.join(format!("{}.html", a.stem)), &bytes).unwrap();
        pages.push((page_url(base, a), charset, bytes));
    }
    let warc = tmp.0.join("seeds.warc.gz");
    fs::write(&warc, warc_gz(&pages)).unwrap();
    let s = |p: &Path| p.to_str().unwrap().to_string();
    let manifest = s(&seeds.join("manifest.jsonl"));

    let plain_headlines = extract(&["--headlines", "--manifest", &manifest, &s(&seeds)]);
    assert_eq!(plain_headlines.len(), 5, "five seed headlines");
    let plain_all = extract(&["--manifest", &manifest, &s(&seeds)]);

    for (how, input) in [("html", s(&html_dir)), ("warc", s(&warc))] {
        let headlines = extract(&["--headlines", &input]);
        assert_eq!(
            headlines, plain_headlines,
            "{how}: the same five headline events"
        );
        let all = extract(&[&input]);
        no_furniture(&all, how);
        assert_eq!(all, plain_all, "{how}: the same events as the plain texts");
    }
}
