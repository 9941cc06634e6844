//! `rasd ingest`: read inputs (text, JSONL, HTML, WARC, feeds) into the store, one document at a
//! time, with a progress line on a terminal.
use rasd_read::{Document, Manifest, ReadError};
use rasd_store::{IngestOptions, Outcome, Store};
use std::io::{BufReader, IsTerminal};
use std::path::PathBuf;

/// Arguments of `rasd ingest`.
#[derive(clap::Args)]
pub struct Args {
    /// The store (SQLite file), created when missing.
    #[arg(long, default_value = "rasd.db")]
    db: PathBuf,
    /// Per-file metadata (JSONL: file, published, outlet, url, title).
    #[arg(long)]
    manifest: Option<PathBuf>,
    /// Documents per transaction: a crash loses at most the batch under way.
    #[arg(long, default_value_t = 200)]
    batch: usize,
    /// Print one JSON line per input with what became of it.
    #[arg(long)]
    verbose: bool,
    /// Files and directories (.txt, .jsonl, .html, .warc, .warc.gz, feeds), or `-` for JSONL on stdin.
    #[arg(required = true)]
    inputs: Vec<String>,
}

/// Ingest; false when an input could not be read or stored.
pub fn run(a: Args, dict: &Option<PathBuf>) -> Result<bool, String> {
    let coder = super::load_coder(dict)?;
    let manifest = match &a.manifest {
        Some(p) => Some(Manifest::load(p).map_err(|e| e.to_string())?),
        None => None,
    };
    let mut store = Store::open(&a.db).map_err(|e| e.to_string())?;
    let paths: Vec<PathBuf> = a
        .inputs
        .iter()
        .filter(|i| i.as_str() != "-")
        .map(PathBuf::from)
        .collect();
    let stdin = a.inputs.iter().any(|i| i == "-");
    let from_stdin: Box<dyn Iterator<Item = Result<Document, ReadError>>> = if stdin {
        Box::new(rasd_read::read_jsonl(
            BufReader::new(std::io::stdin()),
            "stdin",
        ))
    } else {
        Box::new(std::iter::empty())
    };
    let docs = from_stdin.chain(rasd_read::read_paths(&paths, manifest.as_ref()));

    let bar = if std::io::stderr().is_terminal() {
        let b = indicatif::ProgressBar::new_spinner();
        if let Ok(style) =
            indicatif::ProgressStyle::with_template("{spinner} {elapsed} · {pos} documents · {msg}")
        {
            b.set_style(style);
        }
        b.enable_steady_tick(std::time::Duration::from_millis(200));
        b
    } else {
        indicatif::ProgressBar::hidden()
    };
    let start = std::time::Instant::now();
    let (mut bytes, mut added) = (0u64, 0u64);
    let verbose = a.verbose;
    let report = store
        .ingest_stream(
            &coder,
            docs,
            &IngestOptions { batch: a.batch },
            |name, outcome, b| {
                bytes += b;
                match outcome {
                    Ok(o) => {
                        if matches!(o, Outcome::Added { .. }) {
                            added += 1;
                        }
                        if verbose {
                            let mut v = serde_json::to_value(o).unwrap_or_default();
                            v["name"] = name.into();
                            bar.suspend(|| println!("{v}"));
                        }
                    }
                    Err(e) => bar.suspend(|| eprintln!("rasd: {e}")),
                }
                bar.inc(1);
                if bar.position() % 16 == 0 {
                    bar.set_message(format!("{added} new · {:.1} MB", bytes as f64 / 1e6));
                }
            },
        )
        .map_err(|e| format!("{}: {e}", a.db.display()))?;
    bar.finish_and_clear();
    let secs = start.elapsed().as_secs_f64().max(1e-9);
    let n = report.added + report.duplicates + report.failed;
    let c = store.counts().map_err(|e| e.to_string())?;
    eprintln!(
        "ingest: {} inputs in {:.1} s ({:.0} documents/s, {:.2} MB/s): {} added, {} already stored, {} failed, {} events coded",
        n,
        secs,
        n as f64 / secs,
        report.bytes as f64 / 1e6 / secs,
        report.added,
        report.duplicates,
        report.failed,
        report.events
    );
    eprintln!(
        "{}: {} documents ({} current), {} events from them, {} canonical events, {} stories ({} with several documents)",
        a.db.display(),
        c.documents,
        c.current_documents,
        c.events,
        c.canonical_events,
        c.stories,
        c.multi_doc_stories
    );
    Ok(report.failed == 0)
}
