//! `rasd export`: the stored events as PLOVER JSON lines, a GDELT-2.0-style TSV or CSV.
use crate::search::FilterArgs;
use std::io::Write;
use std::path::PathBuf;

/// Arguments of `rasd export`.
#[derive(clap::Args)]
pub struct Args {
    /// The database (made by `rasd ingest`).
    #[arg(long, default_value = "rasd.db")]
    db: PathBuf,
    /// plover, gdelt or csv.
    #[arg(long, default_value = "plover")]
    format: String,
    /// Write to this file instead of stdout.
    #[arg(long, short)]
    output: Option<PathBuf>,
    #[command(flatten)]
    filter: FilterArgs,
}

/// Write the export; reports the number of events on stderr.
pub fn run(a: Args) -> Result<bool, String> {
    let format: rasd_export::Format = a.format.parse().map_err(|e| format!("{e}"))?;
    let filter = a.filter.filter()?;
    let backend = rasd_serve::sqlite::Sqlite::open(&a.db)?;
    let mut out: Box<dyn Write> = match &a.output {
        Some(p) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(p).map_err(|e| format!("{}: {e}", p.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let n = rasd_serve::api::write_export(&backend, &filter, format, &mut out)?;
    out.flush().map_err(|e| e.to_string())?;
    eprintln!("rasd: exported {n} event(s) as {}", a.format);
    Ok(true)
}
