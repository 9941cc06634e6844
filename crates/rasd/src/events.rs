//! `rasd events`: canonical events of a store, filtered, as a table, JSON lines or CSV.
use rasd_store::{CanonicalEvent, EventFilter, SourceEvent, Store};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

/// Arguments of `rasd events`.
#[derive(clap::Args)]
pub struct Args {
    /// The store (made by `rasd ingest`).
    #[arg(long, default_value = "rasd.db")]
    db: PathBuf,
    /// An actor id (`sergey-lavrov`) or a country (ISO3) of the source or target.
    #[arg(long)]
    actor: Option<String>,
    /// A country (ISO3) of the source, target or place.
    #[arg(long)]
    country: Option<String>,
    /// PLOVER event type (CONSULT, ACCUSE, …).
    #[arg(long = "type")]
    kind: Option<String>,
    /// Events dated on or after this day (YYYY, YYYY-MM, YYYY-MM-DD).
    #[arg(long)]
    since: Option<String>,
    /// Events dated on or before this day.
    #[arg(long)]
    until: Option<String>,
    /// Reported by this outlet.
    #[arg(long)]
    outlet: Option<String>,
    /// Only events that are the headline of at least one report.
    #[arg(long)]
    headlines: bool,
    /// At most this many events.
    #[arg(long, default_value_t = 1000)]
    limit: usize,
    /// Skip this many.
    #[arg(long, default_value_t = 0)]
    offset: usize,
    /// table (default on a terminal), jsonl (one canonical event with its sources a line) or csv.
    #[arg(long)]
    format: Option<String>,
}

/// Open an existing store for reading.
pub fn open_existing(db: &Path) -> Result<Store, String> {
    if !db.is_file() {
        return Err(format!(
            "{}: no store here (make one with `rasd ingest PATH --db {}`)",
            db.display(),
            db.display()
        ));
    }
    Store::open(db).map_err(|e| e.to_string())
}

fn actor(a: &Option<rasd_store::ActorRecord>) -> Option<rasd_code::Actor> {
    a.as_ref().map(|a| rasd_code::Actor {
        name: a.name.clone(),
        country: a.country.clone(),
        sector: a.sector.clone(),
        id: a.id.clone(),
        text: a.text.clone(),
        start: a.start,
        end: a.end,
    })
}

/// A stored event as the coder's type, for the shared output formats.
pub fn as_event(s: &SourceEvent, doc: String) -> rasd_code::Event {
    rasd_code::Event {
        doc,
        headline: s.headline,
        date: s.date.clone(),
        date_text: s.date_text.clone(),
        kind: s.kind.clone(),
        mode: s.mode.clone(),
        cameo: s.cameo.clone(),
        status: s.status.clone(),
        source: actor(&s.source),
        target: actor(&s.target),
        location: s.location.as_ref().map(|l| rasd_code::Location {
            name: l.name.clone(),
            country: l.country.clone(),
            lat: l.lat,
            lon: l.lon,
        }),
        evidence: s
            .evidence
            .iter()
            .map(|e| rasd_code::Span {
                start: e.start,
                end: e.end,
                text: e.text.clone(),
            })
            .collect(),
        confidence: s.confidence,
        killed: None,
        injured: None,
    }
}

/// A canonical event as the coder's type: its majority date, place and status, the first
/// source's evidence, and `doc` listing its sources.
fn canonical_as_event(c: &CanonicalEvent) -> Option<rasd_code::Event> {
    let first = c.sources.first()?;
    let mut names: Vec<&str> = Vec::new();
    for s in &c.sources {
        if !names.contains(&s.doc_name.as_str()) {
            names.push(&s.doc_name);
        }
    }
    let shown = if names.len() > 3 {
        format!(
            "{};… (+{} more)",
            names[..3].join(";"),
            c.n_sources.saturating_sub(3)
        )
    } else {
        names.join(";")
    };
    let mut e = as_event(first, shown);
    e.headline = c.headline;
    e.date = c.date.clone();
    e.status = c.status.clone();
    e.source = actor(&c.source);
    e.target = actor(&c.target);
    e.location = c.location.as_ref().map(|l| rasd_code::Location {
        name: l.name.clone(),
        country: l.country.clone(),
        lat: l.lat,
        lon: l.lon,
    });
    Some(e)
}

/// Print the events.
pub fn run(a: Args) -> Result<bool, String> {
    let store = open_existing(&a.db)?;
    let filter = EventFilter {
        actor: a.actor,
        country: a.country,
        kind: a.kind,
        since: a.since,
        until: a.until,
        outlet: a.outlet,
        doc: None,
        headline: a.headlines,
        limit: a.limit,
        offset: a.offset,
        sources_limit: 50,
    };
    let events = store.events(&filter).map_err(|e| e.to_string())?;
    let format = a.format.unwrap_or_else(|| {
        if std::io::stdout().is_terminal() {
            "table".into()
        } else {
            "jsonl".into()
        }
    });
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let io = |e: std::io::Error| e.to_string();
    match format.as_str() {
        "jsonl" | "json" => {
            for e in &events {
                writeln!(
                    out,
                    "{}",
                    serde_json::to_string(e).map_err(|e| e.to_string())?
                )
                .map_err(io)?;
            }
        }
        "csv" => {
            let evs: Vec<rasd_code::Event> = events.iter().filter_map(canonical_as_event).collect();
            super::output::write(&mut out, "csv", &evs)?;
        }
        "table" => {
            for e in &events {
                let Some(ev) = canonical_as_event(e) else {
                    continue;
                };
                super::output::write(&mut out, "table", &[ev])?;
                let outlets: Vec<String> = e
                    .outlets
                    .iter()
                    .map(|t| {
                        if t.value.is_empty() {
                            "?".to_string()
                        } else {
                            t.value.clone()
                        }
                    })
                    .collect();
                let mut line = format!(
                    "      #{} · {} source(s), {} outlet(s): {}",
                    e.id,
                    e.n_sources,
                    e.n_outlets,
                    outlets.join(", ")
                );
                if e.dates.len() > 1 {
                    let d: Vec<String> = e
                        .dates
                        .iter()
                        .map(|t| {
                            format!(
                                "{} ×{}",
                                if t.value.is_empty() { "?" } else { &t.value },
                                t.count
                            )
                        })
                        .collect();
                    line.push_str(&format!(" · dates {}", d.join(", ")));
                }
                writeln!(out, "{line}").map_err(io)?;
            }
            let total = store.count_events(&filter).map_err(|e| e.to_string())?;
            writeln!(out, "{} of {} event(s)", events.len(), total).map_err(io)?;
        }
        f => return Err(format!("unknown format {f} (table, jsonl, csv)")),
    }
    out.flush().map_err(io)?;
    Ok(true)
}
