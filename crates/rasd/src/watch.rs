//! `rasd watch`: poll RSS/Atom/JSON feeds, fetch the new items' pages and ingest them. A feed or
//! page that fails is reported and the others go on; the items already handled are remembered in
//! the store (table `seen`), so a restart does not fetch them again.
use rasd_read::feed::{self, FetchOptions};
use rasd_store::{Outcome, Store};
use std::path::PathBuf;
use std::time::Duration;

/// Arguments of `rasd watch`.
#[derive(clap::Args)]
pub struct Args {
    /// The store (SQLite file), created when missing.
    #[arg(long, default_value = "rasd.db")]
    db: PathBuf,
    /// Time between polls: `90s`, `10m`, `1h` (or seconds).
    #[arg(long, default_value = "10m")]
    every: String,
    /// Poll once and stop.
    #[arg(long)]
    once: bool,
    /// Store the items' titles and summaries as they are in the feed, without fetching pages.
    #[arg(long)]
    no_fetch: bool,
    /// Seconds allowed for one request.
    #[arg(long, default_value_t = 30)]
    timeout: u64,
    /// Feed URLs.
    #[arg(required = true)]
    feeds: Vec<String>,
}

/// `90s`, `10m`, `1h`, `2d` or plain seconds.
fn parse_every(s: &str) -> Result<Duration, String> {
    let s = s.trim();
    let (num, unit) = s.split_at(s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len()));
    let n: u64 = num
        .parse()
        .map_err(|_| format!("--every {s}: give a number and s, m, h or d (e.g. 10m)"))?;
    let secs = match unit {
        "" | "s" => n,
        "m" => n * 60,
        "h" => n * 3600,
        "d" => n * 86_400,
        _ => return Err(format!("--every {s}: unknown unit {unit:?} (s, m, h, d)")),
    };
    if secs == 0 {
        return Err("--every must be at least 1s".into());
    }
    Ok(Duration::from_secs(secs))
}

/// One poll of every feed: (new documents, failures).
fn poll(
    store: &mut Store,
    coder: &rasd_code::Coder,
    a: &Args,
    opts: &FetchOptions,
) -> (usize, usize) {
    let (mut added, mut failed) = (0, 0);
    for url in &a.feeds {
        let items = match feed::fetch_feed(url, opts) {
            Ok(items) => items,
            Err(e) => {
                eprintln!("rasd: {e}");
                failed += 1;
                continue;
            }
        };
        for item in items {
            match store.is_seen(url, &item.id) {
                Ok(true) => continue,
                Ok(false) => {}
                Err(e) => {
                    eprintln!("rasd: {e}");
                    failed += 1;
                    continue;
                }
            }
            let doc = match (&item.url, a.no_fetch) {
                (Some(page), false) => match feed::fetch_document(page, opts) {
                    Ok(mut d) => {
                        if d.title.is_none() {
                            d.title = item.title.clone();
                        }
                        if d.published.is_none() {
                            d.published = item.published.clone();
                        }
                        Some(d)
                    }
                    Err(e) => {
                        // not marked as seen: tried again at the next poll
                        eprintln!("rasd: {e}");
                        failed += 1;
                        continue;
                    }
                },
                _ => item.document(url),
            };
            let stored = match doc {
                None => None,
                Some(d) => match store.ingest(coder, &d) {
                    Ok(Outcome::Added { id, .. }) => {
                        added += 1;
                        eprintln!(
                            "rasd: new: {} ({})",
                            d.name,
                            d.title.as_deref().unwrap_or("")
                        );
                        Some(id)
                    }
                    Ok(Outcome::Duplicate { id }) => Some(id),
                    Err(e) => {
                        eprintln!("rasd: {e}");
                        failed += 1;
                        None
                    }
                },
            };
            if let Err(e) = store.mark_seen(url, &item.id, stored.as_deref()) {
                eprintln!("rasd: {e}");
            }
        }
    }
    (added, failed)
}

/// Poll until interrupted (or once with `--once`; then false when something failed).
pub fn run(a: Args, dict: &Option<PathBuf>) -> Result<bool, String> {
    let every = parse_every(&a.every)?;
    let coder = super::load_coder(dict)?;
    let mut store = Store::open(&a.db).map_err(|e| e.to_string())?;
    let opts = FetchOptions {
        timeout: Duration::from_secs(a.timeout.max(1)),
        ..FetchOptions::default()
    };
    loop {
        let (added, failed) = poll(&mut store, &coder, &a, &opts);
        eprintln!(
            "watch: {} feed(s) polled: {added} new document(s), {failed} failure(s)",
            a.feeds.len()
        );
        if a.once {
            return Ok(failed == 0);
        }
        std::thread::sleep(every);
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_table() {
        let rows = [
            ("10m", Some(600)),
            ("90s", Some(90)),
            ("45", Some(45)),
            ("1h", Some(3600)),
            ("2d", Some(172_800)),
            ("0", None),
            ("m", None),
            ("10y", None),
        ];
        for (s, want) in rows {
            assert_eq!(super::parse_every(s).ok().map(|d| d.as_secs()), want, "{s}");
        }
    }
}
