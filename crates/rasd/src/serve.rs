//! `rasd serve`: the HTTP API and the web page over a store (see `rasd-serve`).
use std::path::PathBuf;

/// Arguments of `rasd serve`.
#[derive(clap::Args)]
pub struct Args {
    /// The database (made by `rasd ingest`).
    #[arg(long, default_value = "rasd.db")]
    db: PathBuf,
    /// Address to listen on (loopback by default).
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: String,
    /// Token that write requests must carry as `Authorization: Bearer …` (also RASD_TOKEN);
    /// without one the server is read-only.
    #[arg(long)]
    token: Option<String>,
}

/// Serve until interrupted.
pub fn run(a: Args) -> Result<bool, String> {
    let addr: std::net::SocketAddr = a
        .addr
        .parse()
        .map_err(|e| format!("--addr {}: {e}", a.addr))?;
    let backend = rasd_serve::sqlite::Sqlite::open(&a.db)?;
    let token = a
        .token
        .or_else(|| std::env::var("RASD_TOKEN").ok())
        .filter(|t| !t.is_empty());
    let config = rasd_serve::Config { token };
    rasd_serve::serve_blocking(backend, addr, config)?;
    Ok(true)
}
