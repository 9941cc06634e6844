//! `rasd when`: the date expressions of one text or file, or of a batch of cases (JSON lines or the TSV of
//! `crates/time/tests/cases.tsv`), with the time taken by the engine alone.

use rasd_time::{Anchors, Date, TimeExpr};
use std::io::{BufWriter, Write};
use std::path::Path;
use std::time::Instant;

/// One text to resolve, with its anchor.
struct Case {
    id: String,
    text: String,
    anchor: Option<Date>,
    kind: String,
}

fn parse_date(s: Option<&str>) -> Result<Option<Date>, String> {
    match s {
        None | Some("-") | Some("") => Ok(None),
        Some(s) => Date::parse(s)
            .map(Some)
            .ok_or_else(|| format!("not a date: {s}")),
    }
}

/// The anchors of a text for an anchor kind: `dateline` takes the date as the dateline's; `published` (and `none`)
/// take it as the publication date, and a dated dateline in the text wins.
fn anchors_for(text: &str, anchor: Option<Date>, kind: &str) -> Result<Anchors, String> {
    match kind {
        "dateline" => Ok(Anchors {
            dateline: anchor,
            published: None,
        }),
        "published" | "none" => Ok(Anchors::new(text, anchor)),
        k => Err(format!(
            "the anchor kind must be dateline, published or none, not {k}"
        )),
    }
}

/// `rasd when` on one text (or file).
pub fn one(
    anchor: Option<&str>,
    anchor_kind: &str,
    published: Option<&str>,
    input: &str,
) -> Result<bool, String> {
    let text = if Path::new(input).is_file() {
        std::fs::read_to_string(input).map_err(|e| format!("{input}: {e}"))?
    } else {
        input.to_string()
    };
    let a = parse_date(anchor)?;
    let p = parse_date(published)?;
    let anchors = match anchor_kind {
        "dateline" => Anchors {
            dateline: a,
            published: p,
        },
        k => anchors_for(&text, a.or(p), k)?,
    };
    let mut out = BufWriter::new(std::io::stdout().lock());
    for t in rasd_time::resolve(&text, &anchors) {
        let line = serde_json::to_string(&t).map_err(|e| e.to_string())?;
        writeln!(out, "{line}").map_err(|e| e.to_string())?;
    }
    out.flush().map_err(|e| e.to_string())?;
    Ok(true)
}

/// Read a batch: a `.tsv` file in the columns of `cases.tsv` (heading, anchor, kind, text, expected; `#` lines are
/// comments; the id is the line number), else JSON lines `{"id", "text", "anchor"?, "anchor_kind"?}`.
fn read_batch(path: &Path) -> Result<Vec<Case>, String> {
    let src = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut cases = Vec::new();
    let tsv = path.extension().is_some_and(|e| e == "tsv");
    for (i, line) in src.lines().enumerate() {
        if line.trim().is_empty() || (tsv && line.starts_with('#')) {
            continue;
        }
        let at = |e: String| format!("{}:{}: {e}", path.display(), i + 1);
        let (id, text, anchor, kind) = if tsv {
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 4 {
                return Err(at("expected heading, anchor, kind, text, expected".into()));
            }
            (
                (i + 1).to_string(),
                cols[3].to_string(),
                cols[1].to_string(),
                cols[2].to_string(),
            )
        } else {
            let v: serde_json::Value = serde_json::from_str(line).map_err(|e| at(e.to_string()))?;
            let s = |k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_string);
            let id = match v.get("id") {
                Some(serde_json::Value::String(s)) => s.clone(),
                Some(x) if !x.is_null() => x.to_string(),
                _ => (i + 1).to_string(),
            };
            (
                id,
                s("text").ok_or_else(|| at("no \"text\"".into()))?,
                s("anchor").unwrap_or_else(|| "-".into()),
                s("anchor_kind").unwrap_or_else(|| "published".into()),
            )
        };
        let anchor = parse_date(Some(&anchor)).map_err(at)?;
        anchors_for("", anchor, &kind).map_err(at)?;
        cases.push(Case {
            id,
            text,
            anchor,
            kind,
        });
    }
    Ok(cases)
}

/// `rasd when --batch FILE`: one JSON line `{"id", "exprs"}` per case on stdout; on stderr, the engine's own time
/// (datelines and expressions, without reading or printing), best of `repeat` rounds.
pub fn batch(path: &Path, repeat: usize) -> Result<bool, String> {
    let cases = read_batch(path)?;
    let mut best = f64::INFINITY;
    let mut results: Vec<Vec<TimeExpr>> = Vec::new();
    for _ in 0..repeat.max(1) {
        let t = Instant::now();
        // The anchors are part of the engine's work: a dateline is looked for in every text.
        let r: Vec<Vec<TimeExpr>> = cases
            .iter()
            .map(|c| match anchors_for(&c.text, c.anchor, &c.kind) {
                Ok(a) => rasd_time::resolve(&c.text, &a),
                Err(_) => Vec::new(),
            })
            .collect();
        best = best.min(t.elapsed().as_secs_f64());
        results = r;
    }
    let mut out = BufWriter::new(std::io::stdout().lock());
    for (c, exprs) in cases.iter().zip(&results) {
        let line = serde_json::json!({"id": c.id, "exprs": exprs});
        writeln!(out, "{line}").map_err(|e| e.to_string())?;
    }
    out.flush().map_err(|e| e.to_string())?;
    let bytes: usize = cases.iter().map(|c| c.text.len()).sum();
    let secs = best.max(1e-9);
    eprintln!(
        "{}",
        serde_json::json!({
            "cases": cases.len(),
            "bytes": bytes,
            "rounds": repeat.max(1),
            "seconds": best,
            "cases_per_second": cases.len() as f64 / secs,
            "mb_per_second": bytes as f64 / 1e6 / secs,
        })
    );
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn batch_file(name: &str, body: &str) -> std::path::PathBuf {
        let p = std::env::temp_dir().join(format!("rasd-when-{}-{name}", std::process::id()));
        std::fs::write(&p, body).unwrap();
        p
    }

    #[test]
    fn batches_of_tsv_and_jsonl() {
        let tsv = batch_file(
            "cases.tsv",
            "# heading\tanchor\tkind\ttext\texpected\nrelative days\t2023-02-22\tpublished\tالتقى أمس\t2023-02-21\n\nx\t-\tnone\tأمس\t?\n",
        );
        let cases = read_batch(&tsv).unwrap();
        assert_eq!(cases.len(), 2);
        assert_eq!(cases[0].id, "2");
        assert_eq!(cases[0].anchor, Date::parse("2023-02-22"));
        assert_eq!(cases[1].anchor, None);
        let a = anchors_for(&cases[0].text, cases[0].anchor, &cases[0].kind).unwrap();
        let got = rasd_time::resolve(&cases[0].text, &a);
        assert_eq!(got[0].value.as_ref().unwrap().to_string(), "2023-02-21");

        let jsonl = batch_file(
            "b.jsonl",
            "{\"id\": \"a\", \"text\": \"أمس\", \"anchor\": \"2023-02-22\", \"anchor_kind\": \"dateline\"}\n{\"id\": 7, \"text\": \"x\"}\n",
        );
        let cases = read_batch(&jsonl).unwrap();
        assert_eq!(
            (cases[0].id.as_str(), cases[0].kind.as_str()),
            ("a", "dateline")
        );
        assert_eq!(
            (cases[1].id.as_str(), cases[1].kind.as_str()),
            ("7", "published")
        );

        for bad in [
            "{\"id\": 1}\n",
            "{\"text\": \"x\", \"anchor\": \"2023-02-30\"}\n",
            "{\"text\": \"x\", \"anchor_kind\": \"later\"}\n",
            "not json\n",
        ] {
            let p = batch_file("bad.jsonl", bad);
            assert!(read_batch(&p).is_err(), "{bad}");
        }
        let p = batch_file("bad.tsv", "only\ttwo\n");
        assert!(read_batch(&p).is_err());
        for p in [tsv, jsonl] {
            let _ = std::fs::remove_file(p);
        }
    }
}
