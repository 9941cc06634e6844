//! `rasd search`: ranked documents and events for a query, with the matched words highlighted.
use rasd_serve::{Backend, Filter};
use serde_json::Value;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

/// Event filters shared by `rasd search` and `rasd export`.
#[derive(clap::Args, Default)]
pub struct FilterArgs {
    /// An actor: dictionary id (`sergey-lavrov`) or words of its name.
    #[arg(long)]
    actor: Option<String>,
    /// A country (ISO3) on either side.
    #[arg(long)]
    country: Option<String>,
    /// With --country: only events between the two countries.
    #[arg(long)]
    country2: Option<String>,
    /// PLOVER event type.
    #[arg(long = "type")]
    kind: Option<String>,
    /// First day (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long)]
    from: Option<String>,
    /// Last day.
    #[arg(long)]
    to: Option<String>,
    /// Words of the outlet's name.
    #[arg(long)]
    outlet: Option<String>,
    /// Only headline events.
    #[arg(long)]
    headline: bool,
}

impl FilterArgs {
    /// The filter, checked like the API's query parameters.
    pub fn filter(&self) -> Result<Filter, String> {
        let mut q: Vec<(&str, &str)> = Vec::new();
        for (k, v) in [
            ("actor", &self.actor),
            ("country", &self.country),
            ("country2", &self.country2),
            ("type", &self.kind),
            ("from", &self.from),
            ("to", &self.to),
            ("outlet", &self.outlet),
        ] {
            if let Some(v) = v {
                q.push((k, v));
            }
        }
        if self.headline {
            q.push(("headline", "true"));
        }
        rasd_serve::filter_from_pairs(&q)
    }
}

/// Arguments of `rasd search`.
#[derive(clap::Args)]
pub struct Args {
    /// The database (made by `rasd ingest`).
    #[arg(long, default_value = "rasd.db")]
    db: PathBuf,
    /// At most this many documents.
    #[arg(long, default_value_t = 10)]
    limit: usize,
    /// text (default) or json.
    #[arg(long, default_value = "text")]
    format: String,
    #[command(flatten)]
    filter: FilterArgs,
    /// The words to search for (normalised like the documents).
    #[arg(required = true)]
    query: Vec<String>,
}

fn name(a: &Value) -> String {
    match a["name"].as_str() {
        Some(n) => match a["country"].as_str() {
            Some(c) => format!("{n} ({c})"),
            None => n.to_string(),
        },
        None => "—".into(),
    }
}

/// Events listed under each document.
const SHOWN: usize = 4;

/// Print the results.
pub fn run(a: Args) -> Result<bool, String> {
    let query = a.query.join(" ");
    let filter = a.filter.filter()?;
    let backend = rasd_serve::sqlite::Sqlite::open(&a.db)?;
    let b: &dyn Backend = &backend;
    let r = rasd_serve::api::search_all(b, &query, &filter, a.limit.clamp(1, 200))
        .map_err(|e| e.to_string())?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let w = |e: std::io::Error| e.to_string();
    if a.format == "json" {
        writeln!(out, "{r}").map_err(w)?;
        return Ok(true);
    }
    if a.format != "text" {
        return Err(format!("--format must be text or json, not {}", a.format));
    }
    let color = std::io::stdout().is_terminal();
    let (on, off) = if color {
        ("\x1b[1;33m", "\x1b[0m")
    } else {
        ("[", "]")
    };
    let docs = r["documents"].as_array().cloned().unwrap_or_default();
    let events = r["events"].as_array().cloned().unwrap_or_default();
    writeln!(out, "«{query}»: {} document(s)", docs.len()).map_err(w)?;
    for (i, d) in docs.iter().enumerate() {
        let title = d["title"]
            .as_str()
            .unwrap_or(d["name"].as_str().unwrap_or(""));
        writeln!(
            out,
            "\n{}. {} · {} · {}",
            i + 1,
            title,
            d["outlet"].as_str().unwrap_or("?"),
            d["published"].as_str().unwrap_or("?"),
        )
        .map_err(w)?;
        writeln!(out, "   doc {}", d["id"].as_str().unwrap_or("")).map_err(w)?;
        let text: Vec<char> = d["snippet"]["text"]
            .as_str()
            .unwrap_or("")
            .chars()
            .collect();
        let mut line = String::new();
        let mut at = 0;
        for m in d["snippet"]["marks"].as_array().into_iter().flatten() {
            let (s, e) = (
                m[0].as_u64().unwrap_or(0) as usize,
                m[1].as_u64().unwrap_or(0) as usize,
            );
            if s < at || e > text.len() {
                continue;
            }
            line.extend(&text[at..s]);
            line.push_str(on);
            line.extend(&text[s..e]);
            line.push_str(off);
            at = e;
        }
        line.extend(&text[at.min(text.len())..]);
        let line: String = line
            .chars()
            .map(|c| if c == '\n' { ' ' } else { c })
            .collect();
        writeln!(out, "   …{line}…").map_err(w)?;
        // the document's events, its headline first
        let ids: Vec<&str> = d["events"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        let mut evs: Vec<&Value> = events
            .iter()
            .filter(|e| e["id"].as_str().is_some_and(|id| ids.contains(&id)))
            .collect();
        evs.sort_by_key(|e| e["headline"] != true);
        for e in evs.iter().take(SHOWN) {
            writeln!(
                out,
                "   {} {} {:<9} {} → {}{}  [event {}]",
                e["date"].as_str().unwrap_or("????-??-??"),
                if e["headline"] == true { "★" } else { "·" },
                e["type"].as_str().unwrap_or(""),
                name(&e["source"]),
                name(&e["target"]),
                e["location"]["name"]
                    .as_str()
                    .map(|p| format!(" · {p}"))
                    .unwrap_or_default(),
                e["id"].as_str().unwrap_or(""),
            )
            .map_err(w)?;
        }
        if evs.len() > SHOWN {
            writeln!(
                out,
                "   (+{} more events: rasd search --format json)",
                evs.len() - SHOWN
            )
            .map_err(w)?;
        }
    }
    Ok(true)
}
