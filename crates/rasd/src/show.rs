//! `rasd show`: one stored document, its furniture lines marked, and its events.
use std::io::Write;
use std::path::PathBuf;

/// Arguments of `rasd show`.
#[derive(clap::Args)]
pub struct Args {
    /// The store (made by `rasd ingest`).
    #[arg(long, default_value = "rasd.db")]
    db: PathBuf,
    /// text (default) or json.
    #[arg(long, default_value = "text")]
    format: String,
    /// The document's id or name.
    doc: String,
}

/// Print the document.
pub fn run(a: Args) -> Result<bool, String> {
    let store = super::events::open_existing(&a.db)?;
    let d = store
        .document(&a.doc)
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("{}: no such document in {}", a.doc, a.db.display()))?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let io = |e: std::io::Error| e.to_string();
    if a.format == "json" {
        writeln!(
            out,
            "{}",
            serde_json::to_string(&d).map_err(|e| e.to_string())?
        )
        .map_err(io)?;
        return out.flush().map_err(io).map(|_| true);
    }
    if a.format != "text" {
        return Err(format!("unknown format {} (text, json)", a.format));
    }
    let field = |k: &str, v: Option<&str>| format!("{k:<10} {}", v.unwrap_or("-"));
    for l in [
        field("id", Some(&d.id)),
        field("name", Some(&d.name)),
        field("title", d.title.as_deref()),
        field("outlet", d.outlet.as_deref()),
        field("url", d.url.as_deref()),
        field("published", d.published.as_deref()),
        format!(
            "{:<10} {}{}{}",
            "version",
            d.version,
            d.previous
                .as_ref()
                .map(|p| format!(" (replaces {p})"))
                .unwrap_or_default(),
            if d.current {
                ""
            } else {
                " — replaced by a newer version"
            }
        ),
        format!(
            "{:<10} {} (similarity {:.2})",
            "story", d.story, d.similarity
        ),
    ] {
        writeln!(out, "{l}").map_err(io)?;
    }
    writeln!(out).map_err(io)?;
    // each line of the text, furniture marked with its kind
    let mut pos = 0usize;
    for line in d.text.split('\n') {
        let len = line.chars().count();
        let kind = d
            .furniture
            .iter()
            .find(|f| f.start < pos + len.max(1) && pos < f.end.max(f.start + 1))
            .map(|f| f.kind.as_str());
        match kind {
            Some(k) if !line.trim().is_empty() => {
                writeln!(out, "▒ {k:<10} │ {}", line.trim_end_matches('\r')).map_err(io)?
            }
            _ => writeln!(out, "  {:<10} │ {}", "", line.trim_end_matches('\r')).map_err(io)?,
        }
        pos += len + 1;
    }
    writeln!(out).map_err(io)?;
    let events: Vec<rasd_code::Event> = d
        .events
        .iter()
        .map(|e| super::events::as_event(e, format!("#{}", e.canonical)))
        .collect();
    writeln!(out, "{} event(s) (# = canonical event):", events.len()).map_err(io)?;
    super::output::write(&mut out, "table", &events)?;
    out.flush().map_err(io)?;
    Ok(true)
}
