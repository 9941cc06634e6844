//! `rasd`: the command line over the pipeline read → clean → normalise → recognise actors → code
//! events → resolve time and place, with evaluation against gold files and a benchmark.

mod eval;
mod events;
mod export;
mod ingest;
mod learn;
mod output;
mod search;
mod serve;
mod show;
mod stories;
mod watch;
mod when;

use clap::{Parser, Subcommand};
use rasd_code::{Coder, DocInput, Event};
use rasd_read::{Document, Manifest, ReadError};
use std::io::{BufReader, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "rasd",
    version,
    about = "Arabic news in, actor-coded, dated, located political events out"
)]
struct Cli {
    /// Extra dictionary directory (TOML files) added to the embedded dictionaries.
    #[arg(long, global = true)]
    dict: Option<PathBuf>,
    /// Code with the rules alone: every trigger candidate becomes an event (no learned decision).
    #[arg(long, global = true)]
    rules_only: bool,
    /// The trigger model's probability from which an event whose source or target was not found is
    /// kept (0 keeps them all; rules-only runs keep them all).
    #[arg(long, global = true, default_value_t = rasd_code::DEFAULT_INCOMPLETE)]
    incomplete: f64,
    /// The trigger model's probability below which a candidate is not coded.
    #[arg(long, global = true, default_value_t = rasd_code::DEFAULT_THRESHOLD)]
    threshold: f64,
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Code events from files, directories, or JSONL on stdin (`-`).
    Extract {
        /// Per-file metadata (JSONL: file, published, outlet, url, title).
        #[arg(long)]
        manifest: Option<PathBuf>,
        /// jsonl (default when stdout is not a terminal), csv or table.
        #[arg(long)]
        format: Option<String>,
        /// Only the headline event of each document.
        #[arg(long)]
        headlines: bool,
        /// Files, directories, or `-` for JSONL on stdin.
        #[arg(required = true)]
        inputs: Vec<String>,
    },
    /// Show what the coder sees in documents: sentences, actors (and what they resolve to), places
    /// and triggers. For checking a dictionary entry or finding why an event was (not) coded.
    Explain {
        /// Per-file metadata (JSONL: file, published, outlet, url, title).
        #[arg(long)]
        manifest: Option<PathBuf>,
        /// Files, directories, or `-` for JSONL on stdin.
        #[arg(required = true)]
        inputs: Vec<String>,
    },
    /// Score a run against a gold file (rasd-gold/1) and print per-field accuracy and misses.
    Eval {
        /// Gold file.
        #[arg(long)]
        gold: PathBuf,
        /// Manifest of the corpus.
        #[arg(long)]
        manifest: Option<PathBuf>,
        /// Corpus directory.
        dir: PathBuf,
    },
    /// Find and resolve the date expressions of a text or file (JSON lines).
    When {
        /// Anchor date (YYYY-MM-DD).
        #[arg(long)]
        anchor: Option<String>,
        /// dateline or published.
        #[arg(long, default_value = "published")]
        anchor_kind: String,
        /// Publication date (YYYY-MM-DD).
        #[arg(long)]
        published: Option<String>,
        /// The text, or a file name.
        #[arg(required_unless_present = "batch")]
        input: Option<String>,
        /// Resolve a batch instead: a `.tsv` in the columns of crates/time/tests/cases.tsv, or JSON lines
        /// {"id", "text", "anchor", "anchor_kind"}; prints {"id", "exprs"} lines and the engine's time on stderr.
        #[arg(long, conflicts_with = "input")]
        batch: Option<PathBuf>,
        /// Rounds over the batch (the fastest is reported).
        #[arg(long, default_value_t = 1)]
        repeat: usize,
    },
    /// Measure extraction speed (MB/s, documents/s) on a corpus repeated to at least `--mb` megabytes.
    Bench {
        /// Megabytes of text to code.
        #[arg(long, default_value_t = 10.0)]
        mb: f64,
        /// Corpus directories or files.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
    },
    /// Rebuild the trigger model from annotated sentences (JSONL files or directories), reporting its
    /// 5-fold cross-validated precision and recall first.
    Train {
        /// Annotated sentences (default: data/train).
        inputs: Vec<PathBuf>,
        /// The model file to write.
        #[arg(long, default_value = "data/models/trigger.tsv")]
        out: PathBuf,
        /// Passes over the data.
        #[arg(long, default_value_t = 8)]
        epochs: usize,
        /// L2 penalty.
        #[arg(long, default_value_t = 1e-4)]
        l2: f64,
        /// Seed of the shuffling.
        #[arg(long, default_value_t = 7)]
        seed: u64,
    },
    /// Analyse words (one per line on stdin): `word, lemma, pos, tag, in-lexicon` for the best reading.
    Morph {
        /// Print every reading, not only the best.
        #[arg(long)]
        all: bool,
        /// Print nothing per word: how many words had a reading, and the analyser's speed.
        #[arg(long)]
        bench: bool,
    },
    /// The lemma lexicon: `rasd lexicon coverage CORPUS.jsonl.gz` audits it against a corpus.
    Lexicon {
        /// `coverage`.
        action: String,
        /// The corpus (JSONL with a `text` field, optionally gzipped).
        corpus: PathBuf,
        /// Read only the first N documents (0: all).
        #[arg(long, default_value_t = 0)]
        limit: usize,
        /// How many undecided lemmas to list.
        #[arg(long, default_value_t = 40)]
        top: usize,
    },
    /// Serve the HTTP API and the web page over a database (read-only unless --token is given).
    Serve(serve::Args),
    /// Search a database: ranked documents and events, with the matched words highlighted.
    Search(search::Args),
    /// Export a database's events as PLOVER JSON lines, a GDELT-style TSV or CSV.
    Export(export::Args),
    /// Store documents and their events in a database (text, JSONL, HTML, WARC, feeds).
    Ingest(ingest::Args),
    /// Canonical events of a store: one event with all the documents and outlets reporting it.
    Events(events::Args),
    /// Stories of a store: near-duplicate documents (one report carried by several outlets).
    Stories(stories::Args),
    /// One stored document, its furniture lines marked, and its events.
    Show(show::Args),
    /// Poll news feeds, fetch their new items and ingest them (restart-safe).
    Watch(watch::Args),
    /// The main job: code ../shared/corpus (seeds and dev), score them, store them in the default
    /// store (rasd.db) and show its stories; then `rasd serve` shows them in a browser.
    Demo {
        /// The corpus root (holding seeds/ and dev/), default ../shared/corpus.
        #[arg(long)]
        corpus: Option<PathBuf>,
        /// The store to fill (SQLite file; ingesting again adds nothing).
        #[arg(long, default_value = "rasd.db")]
        db: PathBuf,
    },
}

fn load_coder(dict: &Option<PathBuf>) -> Result<Coder, String> {
    let d = match dict {
        Some(dir) => rasd_dict::Dict::with_extra_dir(dir),
        None => rasd_dict::Dict::embedded(),
    }
    .map_err(|e| format!("dictionary error: {e}"))?;
    Ok(Coder::new(d))
}

fn load_coder_with(
    dict: &Option<PathBuf>,
    rules_only: bool,
    threshold: f64,
) -> Result<Coder, String> {
    // (the coder has parsed its embedded models already; a test checks that they parse)
    let c = load_coder(dict)?;
    use rasd_code::learn::Model;
    Ok(if rules_only {
        c.with_models(Model::default(), Model::default(), 0.0)
    } else {
        c.with_threshold(threshold)
    })
}

/// The char spans of a text's page-furniture lines.
fn furniture_spans(text: &str) -> Vec<(usize, usize)> {
    rasd_read::classify_lines(text)
        .iter()
        .filter(|l| l.furniture.is_some())
        .map(|l| (l.start, l.end))
        .collect()
}

/// Code one document: furniture lines out, events in.
pub fn code_document(coder: &Coder, doc: &Document) -> Vec<Event> {
    let furniture = furniture_spans(&doc.text);
    coder.code(&DocInput {
        name: &doc.name,
        text: &doc.text,
        published: doc.published.as_deref(),
        furniture: &furniture,
    })
}

/// Read every input; errors are reported on stderr and counted, the rest goes on.
fn read_inputs(
    inputs: &[String],
    manifest: Option<&Manifest>,
    errors: &mut usize,
) -> Vec<Document> {
    let mut docs = Vec::new();
    let mut report = |r: Result<Document, ReadError>, docs: &mut Vec<Document>| match r {
        Ok(d) => docs.push(d),
        Err(e) => {
            eprintln!("rasd: {e}");
            *errors += 1;
        }
    };
    let mut paths = Vec::new();
    for i in inputs {
        if i == "-" {
            let stdin = std::io::stdin();
            for r in rasd_read::read_jsonl(BufReader::new(stdin.lock()), "stdin") {
                report(r, &mut docs);
            }
        } else {
            paths.push(PathBuf::from(i));
        }
    }
    if !paths.is_empty() {
        for r in rasd_read::read_paths(&paths, manifest) {
            report(r, &mut docs);
        }
    }
    docs
}

fn load_manifest(p: &Option<PathBuf>) -> Result<Option<Manifest>, String> {
    match p {
        Some(p) => Manifest::load(p).map(Some).map_err(|e| e.to_string()),
        None => Ok(None),
    }
}

fn run() -> Result<bool, String> {
    let cli = Cli::parse();
    let (rules_only, threshold, incomplete) = (cli.rules_only, cli.threshold, cli.incomplete);
    match cli.cmd {
        Cmd::Extract {
            manifest,
            format,
            headlines,
            inputs,
        } => {
            let coder = load_coder_with(&cli.dict, rules_only, threshold)?
                .keep_incomplete(if rules_only { 0.0 } else { incomplete });
            let manifest = load_manifest(&manifest)?;
            let mut errors = 0;
            let docs = read_inputs(&inputs, manifest.as_ref(), &mut errors);
            let format = format.unwrap_or_else(|| {
                if std::io::stdout().is_terminal() {
                    "table".into()
                } else {
                    "jsonl".into()
                }
            });
            let mut events = Vec::new();
            for d in &docs {
                let evs = code_document(&coder, d);
                events.extend(evs.into_iter().filter(|e| !headlines || e.headline));
            }
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            output::write(&mut out, &format, &events)?;
            out.flush().map_err(|e| e.to_string())?;
            if errors > 0 {
                eprintln!(
                    "rasd: {errors} input(s) could not be read; {} document(s) coded",
                    docs.len()
                );
            }
            Ok(errors == 0)
        }
        Cmd::Explain { manifest, inputs } => {
            let coder = load_coder_with(&cli.dict, rules_only, threshold)?
                .keep_incomplete(if rules_only { 0.0 } else { incomplete });
            let manifest = load_manifest(&manifest)?;
            let mut errors = 0;
            for d in read_inputs(&inputs, manifest.as_ref(), &mut errors) {
                let furniture = furniture_spans(&d.text);
                println!("== {} (published {:?})", d.name, d.published);
                print!(
                    "{}",
                    coder.explain(&DocInput {
                        name: &d.name,
                        text: &d.text,
                        published: d.published.as_deref(),
                        furniture: &furniture,
                    })
                );
            }
            Ok(errors == 0)
        }
        Cmd::Eval {
            gold,
            manifest,
            dir,
        } => {
            let coder = load_coder_with(&cli.dict, rules_only, threshold)?
                .keep_incomplete(if rules_only { 0.0 } else { incomplete });
            let manifest = load_manifest(&manifest)?;
            let mut errors = 0;
            let docs = read_inputs(&[dir.display().to_string()], manifest.as_ref(), &mut errors);
            let events: Vec<Event> = docs.iter().flat_map(|d| code_document(&coder, d)).collect();
            let report = eval::score(&gold, &dir, &events)?;
            print!("{report}");
            Ok(errors == 0)
        }
        Cmd::When {
            anchor,
            anchor_kind,
            published,
            input,
            batch,
            repeat,
        } => match (batch, input) {
            (Some(b), _) => when::batch(&b, repeat),
            (None, Some(i)) => when::one(anchor.as_deref(), &anchor_kind, published.as_deref(), &i),
            (None, None) => Err("give a text, a file or --batch FILE".into()),
        },
        Cmd::Bench { mb, inputs } => {
            let coder = load_coder_with(&cli.dict, rules_only, threshold)?
                .keep_incomplete(if rules_only { 0.0 } else { incomplete });
            let mut errors = 0;
            let inputs: Vec<String> = inputs.iter().map(|p| p.display().to_string()).collect();
            let docs = read_inputs(&inputs, None, &mut errors);
            if docs.is_empty() {
                return Err("no documents to benchmark".into());
            }
            let corpus_bytes: usize = docs.iter().map(|d| d.text.len()).sum();
            let rounds = ((mb * 1e6) / corpus_bytes as f64).ceil().max(1.0) as usize;
            let bar = progress(rounds as u64);
            let start = std::time::Instant::now();
            let mut n_events = 0usize;
            for _ in 0..rounds {
                for d in &docs {
                    n_events += code_document(&coder, d).len();
                }
                bar.inc(1);
            }
            bar.finish_and_clear();
            let secs = start.elapsed().as_secs_f64();
            let total = (corpus_bytes * rounds) as f64;
            println!(
                "extract: {} documents ({:.1} MB) in {:.2} s on one core: {:.2} MB/s, {:.0} documents/s, {} events",
                docs.len() * rounds,
                total / 1e6,
                secs,
                total / 1e6 / secs,
                (docs.len() * rounds) as f64 / secs,
                n_events
            );
            Ok(true)
        }
        Cmd::Serve(a) => serve::run(a),
        Cmd::Search(a) => search::run(a),
        Cmd::Export(a) => export::run(a),
        Cmd::Ingest(a) => ingest::run(a, &cli.dict),
        Cmd::Events(a) => events::run(a),
        Cmd::Stories(a) => stories::run(a),
        Cmd::Show(a) => show::run(a),
        Cmd::Watch(a) => watch::run(a, &cli.dict),
        Cmd::Train {
            inputs,
            out,
            epochs,
            l2,
            seed,
        } => {
            // candidates are proposed by the rules alone
            let mut coder = load_coder_with(&cli.dict, true, 0.0)?;
            let inputs = if inputs.is_empty() {
                vec![PathBuf::from("data/train")]
            } else {
                inputs
            };
            learn::train(
                &mut coder,
                &learn::TrainArgs {
                    inputs,
                    out,
                    epochs,
                    l2,
                    seed,
                },
            )
        }
        Cmd::Morph { all, bench } => {
            let coder = load_coder(&cli.dict)?;
            if bench {
                learn::morph_bench(&coder)
            } else {
                learn::morph(&coder, all)
            }
        }
        Cmd::Lexicon {
            action,
            corpus,
            limit,
            top,
        } => match action.as_str() {
            "coverage" => learn::coverage(&load_coder(&cli.dict)?, &corpus, limit, top),
            other => Err(format!("lexicon: unknown action {other:?} (coverage)")),
        },
        Cmd::Demo { corpus, db } => {
            let coder = load_coder_with(&cli.dict, rules_only, threshold)?
                .keep_incomplete(if rules_only { 0.0 } else { incomplete });
            let root = corpus.unwrap_or_else(|| PathBuf::from("../shared/corpus"));
            if !root.is_dir() {
                return Err(format!(
                    "{}: corpus directory not found (give --corpus DIR)",
                    root.display()
                ));
            }
            let mut ok = true;
            for set in ["seeds", "dev"] {
                let dir = root.join(set);
                if !dir.is_dir() {
                    continue;
                }
                let manifest =
                    load_manifest(&Some(dir.join("manifest.jsonl")).filter(|p| p.is_file()))?;
                let mut errors = 0;
                let docs =
                    read_inputs(&[dir.display().to_string()], manifest.as_ref(), &mut errors);
                let events: Vec<Event> =
                    docs.iter().flat_map(|d| code_document(&coder, d)).collect();
                println!(
                    "== {set}: {} documents, {} events",
                    docs.len(),
                    events.len()
                );
                let mut out = std::io::stdout().lock();
                output::write(
                    &mut out,
                    "table",
                    &events
                        .iter()
                        .filter(|e| e.headline)
                        .cloned()
                        .collect::<Vec<_>>(),
                )?;
                let gold = root.join("../gold").join(format!("{set}.json"));
                if gold.is_file() {
                    let report = eval::score(&gold, &dir, &events)?;
                    println!("{}", report.lines().last().unwrap_or(""));
                }
                // into the store: one event with all its sources, stories of near-duplicates
                let mut store = rasd_store::Store::open(&db).map_err(|e| e.to_string())?;
                let report = store
                    .ingest_stream(
                        &coder,
                        docs.into_iter().map(Ok),
                        &rasd_store::IngestOptions::default(),
                        |_, _, _| {},
                    )
                    .map_err(|e| e.to_string())?;
                println!(
                    "stored in {}: {} new documents, {} already there",
                    db.display(),
                    report.added,
                    report.duplicates
                );
                ok &= errors == 0 && report.failed == 0;
            }
            let store = rasd_store::Store::open(&db).map_err(|e| e.to_string())?;
            let c = store.counts().map_err(|e| e.to_string())?;
            println!(
                "== {}: {} documents, {} events coded, {} distinct events, {} stories ({} told by several documents)",
                db.display(),
                c.current_documents,
                c.events,
                c.canonical_events,
                c.stories,
                c.multi_doc_stories
            );
            println!(
                "next: rasd serve --db {} (http://127.0.0.1:8080), rasd search --db {} \"بوتين\", rasd events --db {} --format table",
                db.display(),
                db.display(),
                db.display()
            );
            Ok(ok)
        }
    }
}

fn progress(n: u64) -> indicatif::ProgressBar {
    if std::io::stderr().is_terminal() {
        indicatif::ProgressBar::new(n)
    } else {
        indicatif::ProgressBar::hidden()
    }
}

fn main() -> ExitCode {
    match run() {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            eprintln!("rasd: {e}");
            ExitCode::from(2)
        }
    }
}
