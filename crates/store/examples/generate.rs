//! Write a generated store (see `rasd_store::generate`) for measurements:
//! `cargo run --release -p rasd-store --example generate -- OUT.db [EVENTS]`.
fn main() {
    let mut args = std::env::args().skip(1);
    let Some(out) = args.next() else {
        eprintln!("usage: generate OUT.db [EVENTS]");
        std::process::exit(2);
    };
    let n: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(14_000);
    let run = || -> Result<(), String> {
        let mut store = rasd_store::Store::open(&out).map_err(|e| e.to_string())?;
        rasd_store::generate::fill(&mut store, n, 4).map_err(|e| e.to_string())?;
        let c = store.counts().map_err(|e| e.to_string())?;
        println!(
            "{out}: {} documents, {} canonical events",
            c.documents, c.canonical_events
        );
        Ok(())
    };
    if let Err(e) = run() {
        eprintln!("generate: {e}");
        std::process::exit(1);
    }
}
