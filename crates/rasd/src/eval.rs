//! `rasd eval`: scores events against a gold file the way `shared/tools/score_events.py` does.
use rasd_code::Event;
use serde_json::Value;
use std::collections::HashMap;
use std::fmt::Write;
use std::path::Path;

fn norm(s: &str) -> String {
    let s = rasd_text::normalize(s);
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn latin_tokens(s: &str) -> Vec<String> {
    // as the reference scorer: NFKD, combining marks dropped, then a few letters with no decomposition
    use unicode_normalization::{char::is_combining_mark, UnicodeNormalization};
    let stripped: String = s.nfkd().filter(|c| !is_combining_mark(*c)).collect();
    let l = stripped
        .to_lowercase()
        .replace(['\'', '’'], "")
        .replace('ı', "i")
        .replace('ø', "o")
        .replace('ł', "l")
        .replace('đ', "d")
        .replace("al-", "al ");
    const STOP: &[&str] = &["al", "el", "bin", "ibn", "abu", "the", "of", "de"];
    l.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|t| !t.is_empty() && !STOP.contains(t))
        .map(String::from)
        .collect()
}

struct Gold<'a> {
    mentions: &'a HashMap<String, Vec<String>>,
}

impl Gold<'_> {
    fn name_ok(&self, gold: &str, got: &Value) -> bool {
        let g = latin_tokens(gold);
        let n = latin_tokens(got.get("name").and_then(Value::as_str).unwrap_or(""));
        if !n.is_empty()
            && (g.last().is_some_and(|l| n.contains(l))
                || g.iter().all(|t| n.contains(t))
                || (n.len() >= 2 && n.iter().all(|t| g.contains(t))))
        {
            return true;
        }
        let surface = norm(got.get("text").and_then(Value::as_str).unwrap_or(""));
        surface.chars().count() >= 3
            && self.mentions.get(gold).is_some_and(|ms| {
                ms.iter().any(|m| {
                    let m = norm(m);
                    !m.is_empty() && (surface.contains(&m) || m.contains(&surface))
                })
            })
    }

    /// A lead event's actor: by country, or by name (the reference scorer's `actor_loose`).
    fn actor_loose(&self, gold: &Value, got: &Value) -> bool {
        if gold.is_null() {
            return true;
        }
        if got.is_null() {
            return false;
        }
        if let Some(c) = gold
            .get("country")
            .filter(|c| !c.is_null() && c.as_str() != Some(""))
        {
            if got.get("country") == Some(c) {
                return true;
            }
        }
        gold.get("name")
            .and_then(Value::as_str)
            .is_some_and(|n| !n.is_empty() && self.name_ok(n, got))
    }

    /// A coded event matches a lead event: its type (or both are announced meetings) and both actors,
    /// in either order.
    fn lead_match(&self, g: &Value, e: &Value) -> bool {
        let same_type = (intent_to_meet(g) && intent_to_meet(e))
            || (g.get("type").is_some() && g.get("type") == e.get("type"));
        if !same_type {
            return false;
        }
        let f = |v: &Value, k: &str| v.get(k).cloned().unwrap_or(Value::Null);
        let (gs, gt, es, et) = (
            f(g, "source"),
            f(g, "target"),
            f(e, "source"),
            f(e, "target"),
        );
        (self.actor_loose(&gs, &es) && self.actor_loose(&gt, &et))
            || (self.actor_loose(&gs, &et) && self.actor_loose(&gt, &es))
    }

    fn actor_ok(&self, gold: &Value, got: &Value) -> bool {
        if gold.is_null() {
            return got.is_null();
        }
        let null = Value::Null;
        let got = if got.is_null() { &null } else { got };
        if let Some(c) = gold.get("country") {
            if got.get("country").unwrap_or(&null) != c {
                return false;
            }
        }
        if let Some(n) = gold.get("name").and_then(Value::as_str) {
            if !self.name_ok(n, got) {
                return false;
            }
        }
        true
    }

    fn fields1(&self, g: &Value, e: &Value) -> Vec<String> {
        let mut bad = Vec::new();
        let s = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).map(String::from);
        if s(g, "status").unwrap_or("occurred".into())
            != s(e, "status").unwrap_or("occurred".into())
        {
            bad.push(format!("status {:?}", s(e, "status")));
        }
        if let Some(gd) = s(g, "date") {
            let ed = s(e, "date").unwrap_or_default();
            if ed.get(..gd.len()) != Some(gd.as_str()) {
                bad.push(format!("date {ed}!={gd}"));
            }
        }
        if g.get("type") != e.get("type") {
            bad.push(format!("type {:?}!={:?}", s(e, "type"), s(g, "type")));
        }
        if let Some(gm) = s(g, "mode") {
            if s(e, "mode").as_deref() != Some(gm.as_str()) {
                bad.push(format!("mode {:?}!={gm}", s(e, "mode")));
            }
        }
        let null = Value::Null;
        if !self.actor_ok(
            g.get("source").unwrap_or(&null),
            e.get("source").unwrap_or(&null),
        ) {
            bad.push(format!("source {}", e.get("source").unwrap_or(&null)));
        }
        if !self.actor_ok(
            g.get("target").unwrap_or(&null),
            e.get("target").unwrap_or(&null),
        ) {
            bad.push(format!("target {}", e.get("target").unwrap_or(&null)));
        }
        bad
    }

    fn fields(&self, g: &Value, e: &Value) -> Vec<String> {
        let swap = |g: &Value| {
            let mut g = g.clone();
            let (s, t) = (
                g.get("source").cloned().unwrap_or(Value::Null),
                g.get("target").cloned().unwrap_or(Value::Null),
            );
            g["source"] = t;
            g["target"] = s;
            g
        };
        if intent_to_meet(g) {
            if !intent_to_meet(e) {
                return vec![format!(
                    "type {:?}/{:?} is not an announced meeting",
                    e.get("type"),
                    e.get("status")
                )];
            }
            let mut g2 = g.clone();
            g2["type"] = e.get("type").cloned().unwrap_or(Value::Null);
            g2["mode"] = Value::Null;
            g2["status"] = e.get("status").cloned().unwrap_or(Value::Null);
            let bad = self.fields1(&g2, e);
            if !bad.is_empty() {
                let sw = self.fields1(&swap(&g2), e);
                if sw.len() < bad.len() {
                    return sw;
                }
            }
            return bad;
        }
        let bad = self.fields1(g, e);
        let symmetric = g.get("type").and_then(Value::as_str) == Some("CONSULT")
            && matches!(
                g.get("mode").and_then(Value::as_str),
                Some("phone" | "third-party" | "multilateral")
            );
        if !bad.is_empty() && symmetric {
            let sw = self.fields1(&swap(g), e);
            if sw.len() < bad.len() {
                return sw;
            }
        }
        bad
    }
}

fn intent_to_meet(e: &Value) -> bool {
    let c = e.get("cameo").and_then(Value::as_str).unwrap_or("");
    let t = e.get("type").and_then(Value::as_str).unwrap_or("");
    let st = e
        .get("status")
        .and_then(Value::as_str)
        .unwrap_or("occurred");
    (t == "AGREE" && c.starts_with("036")) || (t == "CONSULT" && (st == "planned" || c == "036"))
}

fn loc_ok(gold: &Value, got: &Value) -> bool {
    if gold.is_null() {
        return got.is_null()
            || got
                .get("name")
                .is_none_or(|n| n.is_null() || n.as_str() == Some(""));
    }
    let g: Vec<String> = latin_tokens(gold.get("name").and_then(Value::as_str).unwrap_or(""));
    let n: Vec<String> = latin_tokens(got.get("name").and_then(Value::as_str).unwrap_or(""));
    if g.is_empty() {
        return gold.get("country") == got.get("country");
    }
    gold.get("country") == got.get("country")
        && !n.is_empty()
        && (g.iter().all(|t| n.contains(t)) || n.iter().all(|t| g.contains(t)))
}

/// Score `events` against the gold file; the report ends with the summary line of the reference scorer.
pub fn score(gold_path: &Path, corpus: &Path, events: &[Event]) -> Result<String, String> {
    let gold: Value = serde_json::from_str(
        &std::fs::read_to_string(gold_path).map_err(|e| format!("{}: {e}", gold_path.display()))?,
    )
    .map_err(|e| format!("{}: {e}", gold_path.display()))?;
    let evs: Vec<Value> = events
        .iter()
        .map(|e| serde_json::to_value(e).unwrap_or(Value::Null))
        .collect();
    let mut by_doc: HashMap<String, Vec<&Value>> = HashMap::new();
    for e in &evs {
        let d = e.get("doc").and_then(Value::as_str).unwrap_or("");
        by_doc
            .entry(d.rsplit('/').next().unwrap_or(d).to_string())
            .or_default()
            .push(e);
    }
    let docs = gold
        .get("documents")
        .and_then(Value::as_array)
        .ok_or("gold file has no documents")?;
    let mut out = String::new();
    let (mut head_ok, mut also_hit, mut also_n, mut furniture, mut field_n) = (0, 0, 0, 0, 0);
    let (mut lead_got, mut lead_right, mut lead_gold, mut lead_found) = (0, 0, 0, 0);
    let keys = ["date", "type", "countries", "actors", "location", "status"];
    let mut field_ok: HashMap<&str, usize> = HashMap::new();
    let empty = HashMap::new();
    for doc in docs {
        let f = doc.get("file").and_then(Value::as_str).unwrap_or("");
        let mentions: HashMap<String, Vec<String>> = doc
            .get("mentions")
            .and_then(|m| serde_json::from_value(m.clone()).ok())
            .unwrap_or_default();
        let gd = Gold {
            mentions: if mentions.is_empty() {
                &empty
            } else {
                &mentions
            },
        };
        let stem = f.rsplit_once('.').map(|x| x.0).unwrap_or(f);
        let mut devs: Vec<&Value> = by_doc.get(f).cloned().unwrap_or_default();
        devs.extend(by_doc.get(stem).cloned().unwrap_or_default());
        let _ = corpus;
        // the events of the title and first sentences (`lead_end`, `lead_events`): precision and recall
        if let (Some(end), Some(lead)) = (
            doc.get("lead_end").and_then(Value::as_u64),
            doc.get("lead_events").and_then(Value::as_array),
        ) {
            let trigger_start = |e: &Value| {
                e.get("evidence")
                    .and_then(Value::as_array)
                    .and_then(|v| v.last())
                    .and_then(|s| s.get("start"))
                    .and_then(Value::as_u64)
            };
            let mine: Vec<&Value> = devs
                .iter()
                .copied()
                .filter(|e| trigger_start(e).is_some_and(|s| s < end))
                .collect();
            let name = |a: Option<&Value>| {
                a.and_then(|a| a.get("name"))
                    .and_then(Value::as_str)
                    .unwrap_or("None")
                    .to_string()
            };
            for e in &mine {
                lead_got += 1;
                if lead.iter().any(|g| gd.lead_match(g, e)) {
                    lead_right += 1;
                } else {
                    let _ = writeln!(
                        out,
                        "{f}:   lead event not in the gold: {} {} -> {}",
                        e.get("type").and_then(Value::as_str).unwrap_or(""),
                        name(e.get("source")),
                        name(e.get("target"))
                    );
                }
            }
            for g in lead {
                lead_gold += 1;
                if mine.iter().any(|e| gd.lead_match(g, e)) {
                    lead_found += 1;
                } else {
                    let _ = writeln!(
                        out,
                        "{f}:   lead event missed: {} {} -> {} «{}»",
                        g.get("type").and_then(Value::as_str).unwrap_or(""),
                        name(g.get("source")),
                        name(g.get("target")),
                        g.get("evidence").and_then(Value::as_str).unwrap_or("")
                    );
                }
            }
        }
        let g = doc.get("headline").unwrap_or(&Value::Null);
        let is_head = |e: &&Value| e.get("headline").and_then(Value::as_bool).unwrap_or(false);
        if g.is_null() {
            let ok = !devs.iter().any(is_head);
            head_ok += ok as usize;
            let _ = writeln!(
                out,
                "{f}: no headline expected, {}",
                if ok { "ok" } else { "WRONG: one was given" }
            );
            continue;
        }
        let heads: Vec<&Value> = {
            let h: Vec<&Value> = devs.iter().copied().filter(is_head).collect();
            if h.is_empty() {
                devs.clone()
            } else {
                h
            }
        };
        if let Some(h) = heads.first() {
            field_n += 1;
            let gt = g.get("type").and_then(Value::as_str);
            let symmetric = gt == Some("CONSULT")
                && matches!(
                    g.get("mode").and_then(Value::as_str),
                    Some("phone" | "third-party" | "multilateral")
                );
            let only_country = |a: Option<&Value>| {
                a.filter(|a| !a.is_null()).map(|a| serde_json::json!({"country": a.get("country").cloned().unwrap_or(Value::Null)})).unwrap_or(Value::Null)
            };
            let null = Value::Null;
            let pair = |a: &Value, b: &Value| {
                gd.actor_ok(&only_country(g.get("source")), a)
                    && gd.actor_ok(&only_country(g.get("target")), b)
            };
            let hs = h.get("source").unwrap_or(&null);
            let ht = h.get("target").unwrap_or(&null);
            let relaxed = |swap: bool| {
                let mut g2 = g.clone();
                g2["date"] = Value::Null;
                g2["type"] = h.get("type").cloned().unwrap_or(Value::Null);
                g2["mode"] = Value::Null;
                g2["status"] = h.get("status").cloned().unwrap_or(Value::Null);
                if swap {
                    let (s, t) = (g2["source"].clone(), g2["target"].clone());
                    g2["source"] = t;
                    g2["target"] = s;
                }
                gd.fields1(&g2, h).is_empty()
            };
            let gdate = g.get("date").and_then(Value::as_str);
            let hdate = h.get("date").and_then(Value::as_str).unwrap_or("");
            let checks = [
                gdate.is_none_or(|d| hdate.get(..d.len()) == Some(d)),
                (intent_to_meet(g) && intent_to_meet(h))
                    || (!intent_to_meet(g) && gt == h.get("type").and_then(Value::as_str)),
                pair(hs, ht) || ((symmetric || intent_to_meet(g)) && pair(ht, hs)),
                relaxed(false) || ((symmetric || intent_to_meet(g)) && relaxed(true)),
                loc_ok(
                    g.get("location").unwrap_or(&null),
                    h.get("location").unwrap_or(&null),
                ),
                intent_to_meet(g)
                    || g.get("status")
                        .and_then(Value::as_str)
                        .unwrap_or("occurred")
                        == h.get("status")
                            .and_then(Value::as_str)
                            .unwrap_or("occurred"),
            ];
            for (k, v) in keys.iter().zip(checks) {
                *field_ok.entry(k).or_default() += v as usize;
            }
        }
        let null = Value::Null;
        let best = heads
            .iter()
            .map(|e| {
                let mut b = gd.fields(g, e);
                if !loc_ok(
                    g.get("location").unwrap_or(&null),
                    e.get("location").unwrap_or(&null),
                ) {
                    b.push(format!("location {}", e.get("location").unwrap_or(&null)));
                }
                b
            })
            .min_by_key(|b| b.len())
            .unwrap_or_else(|| vec!["no event".into()]);
        if best.is_empty() {
            head_ok += 1;
        }
        let _ = writeln!(
            out,
            "{f}: headline {}",
            if best.is_empty() {
                "ok".to_string()
            } else {
                format!("WRONG: {}", best.join("; "))
            }
        );
        for a in doc
            .get("also")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            also_n += 1;
            if devs.iter().any(|e| gd.fields(a, e).is_empty()) {
                also_hit += 1;
            } else {
                let _ = writeln!(
                    out,
                    "{f}:   missing also {} {}",
                    a.get("type").and_then(Value::as_str).unwrap_or(""),
                    a.get("evidence").and_then(Value::as_str).unwrap_or("")
                );
            }
        }
        for line in doc
            .get("none_from")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let line = norm(line.as_str().unwrap_or(""));
            for e in &devs {
                for sp in e
                    .get("evidence")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                {
                    let t = norm(sp.get("text").and_then(Value::as_str).unwrap_or(""));
                    if (t.chars().count() >= 8 && line.contains(&t))
                        || (!t.is_empty() && t.contains(&line))
                    {
                        furniture += 1;
                        let _ = writeln!(out, "{f}:   event from page furniture: {line}");
                    }
                }
            }
        }
    }
    if field_n > 0 {
        let _ = writeln!(
            out,
            "headline fields: {}",
            keys.iter()
                .map(|k| format!("{k} {}/{field_n}", field_ok.get(k).copied().unwrap_or(0)))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    let lead = if lead_gold > 0 || lead_got > 0 {
        let ratio = |a: usize, b: usize| if b > 0 { a as f64 / b as f64 } else { 0.0 };
        format!(
            ", lead precision {lead_right}/{lead_got} ({:.2}), lead recall {lead_found}/{lead_gold} ({:.2})",
            ratio(lead_right, lead_got),
            ratio(lead_found, lead_gold)
        )
    } else {
        String::new()
    };
    let _ = writeln!(
        out,
        "headline {head_ok}/{}, also {also_hit}/{also_n}, furniture events {furniture}{lead}",
        docs.len()
    );
    Ok(out)
}

#[cfg(test)]
mod latin_tests {
    use super::latin_tokens;

    #[test]
    fn names_compare_without_their_marks_as_the_reference_scorer_does() {
        // (name, tokens)
        let rows = [
            ("Mevlüt Çavuşoğlu", vec!["mevlut", "cavusoglu"]),
            ("Recep Tayyip Erdoğan", vec!["recep", "tayyip", "erdogan"]),
            ("Adel al-Jubeir", vec!["adel", "jubeir"]),
            ("António Guterres", vec!["antonio", "guterres"]),
        ];
        for (name, want) in rows {
            assert_eq!(latin_tokens(name), want, "{name}");
        }
    }
}
