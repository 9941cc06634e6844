//! `rasd stories`: clusters of near-duplicate documents (one report carried by several outlets).
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

/// Arguments of `rasd stories`.
#[derive(clap::Args)]
pub struct Args {
    /// The store (made by `rasd ingest`).
    #[arg(long, default_value = "rasd.db")]
    db: PathBuf,
    /// Only stories with at least this many documents.
    #[arg(long, default_value_t = 2)]
    min_docs: usize,
    /// At most this many stories.
    #[arg(long, default_value_t = 100)]
    limit: usize,
    /// Skip this many.
    #[arg(long, default_value_t = 0)]
    offset: usize,
    /// table (default on a terminal) or jsonl.
    #[arg(long)]
    format: Option<String>,
}

/// Print the stories, largest first.
pub fn run(a: Args) -> Result<bool, String> {
    let store = super::events::open_existing(&a.db)?;
    let stories = store
        .stories(a.min_docs, a.limit, a.offset)
        .map_err(|e| e.to_string())?;
    let format = a.format.unwrap_or_else(|| {
        if std::io::stdout().is_terminal() {
            "table".into()
        } else {
            "jsonl".into()
        }
    });
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let io = |e: std::io::Error| e.to_string();
    match format.as_str() {
        "jsonl" | "json" => {
            for s in &stories {
                writeln!(
                    out,
                    "{}",
                    serde_json::to_string(s).map_err(|e| e.to_string())?
                )
                .map_err(io)?;
            }
        }
        "table" => {
            for s in &stories {
                writeln!(
                    out,
                    "story {} · {} document(s) · {}",
                    s.id,
                    s.n_docs,
                    s.outlets.join(", ")
                )
                .map_err(io)?;
                for d in &s.docs {
                    writeln!(
                        out,
                        "  {:.2}  {}  {}  {}  {}",
                        d.similarity,
                        d.published.as_deref().unwrap_or("-"),
                        d.outlet.as_deref().unwrap_or("-"),
                        d.name,
                        d.title.as_deref().unwrap_or("")
                    )
                    .map_err(io)?;
                }
                if !s.headlines.is_empty() {
                    let ids: Vec<String> = s.headlines.iter().map(|i| format!("#{i}")).collect();
                    writeln!(out, "  headline event(s): {}", ids.join(" ")).map_err(io)?;
                }
            }
            writeln!(
                out,
                "{} stor{}",
                stories.len(),
                if stories.len() == 1 { "y" } else { "ies" }
            )
            .map_err(io)?;
        }
        f => return Err(format!("unknown format {f} (table, jsonl)")),
    }
    out.flush().map_err(io)?;
    Ok(true)
}
