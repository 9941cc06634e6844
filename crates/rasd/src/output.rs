//! Event output: JSON lines, CSV, and a readable table with Arabic shown right to left.
use rasd_code::{Actor, Event};
use std::io::Write;

pub fn write(out: &mut dyn Write, format: &str, events: &[Event]) -> Result<(), String> {
    let io = |e: std::io::Error| e.to_string();
    match format {
        "jsonl" | "json" => {
            for e in events {
                writeln!(
                    out,
                    "{}",
                    serde_json::to_string(e).map_err(|e| e.to_string())?
                )
                .map_err(io)?;
            }
        }
        "csv" => {
            writeln!(out, "doc,headline,date,type,mode,cameo,status,source,source_country,source_sector,target,target_country,target_sector,location,location_country,evidence").map_err(io)?;
            for e in events {
                let a = |x: &Option<Actor>| match x {
                    Some(a) => [
                        a.name.clone(),
                        a.country.clone().unwrap_or_default(),
                        a.sector.clone(),
                    ],
                    None => Default::default(),
                };
                let (s, t) = (a(&e.source), a(&e.target));
                let row = [
                    e.doc.clone(),
                    e.headline.to_string(),
                    e.date.clone().unwrap_or_default(),
                    e.kind.clone(),
                    e.mode.clone().unwrap_or_default(),
                    e.cameo.clone(),
                    e.status.clone(),
                    s[0].clone(),
                    s[1].clone(),
                    s[2].clone(),
                    t[0].clone(),
                    t[1].clone(),
                    t[2].clone(),
                    e.location
                        .as_ref()
                        .and_then(|l| l.name.clone())
                        .unwrap_or_default(),
                    e.location
                        .as_ref()
                        .map(|l| l.country.clone())
                        .unwrap_or_default(),
                    e.evidence
                        .first()
                        .map(|s| s.text.clone())
                        .unwrap_or_default(),
                ];
                writeln!(
                    out,
                    "{}",
                    row.iter()
                        .map(|f| csv_field(f))
                        .collect::<Vec<_>>()
                        .join(",")
                )
                .map_err(io)?;
            }
        }
        "table" => {
            for e in events {
                let actor = |x: &Option<Actor>| match x {
                    Some(a) => format!(
                        "{} ({}, {})",
                        a.name,
                        a.country.as_deref().unwrap_or("-"),
                        a.sector
                    ),
                    None => "?".into(),
                };
                let loc = e
                    .location
                    .as_ref()
                    .map(|l| format!("{}, {}", l.name.as_deref().unwrap_or("-"), l.country))
                    .unwrap_or_default();
                writeln!(
                    out,
                    "{}{} · {} → {} · {}{} {} [{}] · {} · {}",
                    if e.headline { "★ " } else { "  " },
                    e.date.as_deref().unwrap_or("????-??-??"),
                    actor(&e.source),
                    actor(&e.target),
                    e.kind,
                    e.mode
                        .as_ref()
                        .map(|m| format!(", {m}"))
                        .unwrap_or_default(),
                    e.cameo,
                    e.status,
                    loc,
                    e.doc
                )
                .map_err(io)?;
                if let Some(ev) = e.evidence.first() {
                    writeln!(out, "      «{}»", one_line(&ev.text)).map_err(io)?;
                }
            }
        }
        f => return Err(format!("unknown format {f} (jsonl, csv, table)")),
    }
    Ok(())
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// Evidence on one line; the terminal's own bidi algorithm renders the Arabic right to left.
fn one_line(s: &str) -> String {
    s.chars().map(|c| if c == '\n' { ' ' } else { c }).collect()
}
