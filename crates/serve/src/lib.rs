//! `rasd-serve`: the HTTP API and the web page over a rasd store.
//!
//! The server is read-only: it answers `GET` requests from a [`Backend`] (the SQLite store, or the
//! in-memory [`memory::Memory`]). Other methods are refused unless a token is configured, and then
//! need `Authorization: Bearer TOKEN`. Queries are checked before they reach the store: an unknown
//! parameter, a malformed value or a too-long query gets a 400 with a JSON message. Request bodies are
//! limited to [`MAX_BODY`] bytes and every request to [`TIMEOUT`].
//!
//! The page (`/`) is static HTML, CSS and JavaScript embedded in the binary; it renders article text
//! with `textContent` only, and the server sends a Content-Security-Policy that forbids inline scripts.
#![deny(missing_docs)]

pub mod aggregate;
pub mod api;
pub mod highlight;
pub mod memory;
pub mod model;
mod query;
pub mod sqlite;

pub use api::{router, Config};
pub use model::*;

use std::net::SocketAddr;
use std::time::Duration;

/// Largest request body accepted (bytes).
pub const MAX_BODY: usize = 16 * 1024;
/// Longest query string accepted (bytes).
pub const MAX_QUERY: usize = 2048;
/// Time limit of one request.
pub const TIMEOUT: Duration = Duration::from_secs(15);

/// An event filter from (name, value) pairs with the names of the API's filter parameters (`actor`,
/// `country`, `country2`, `type`, `from`, `to`, `outlet`, `doc`, `headline`, `status`), checked the
/// same way.
pub fn filter_from_pairs(pairs: &[(&str, &str)]) -> Result<Filter, String> {
    query::Params::from_pairs(pairs, &query::FILTER_PARAMS)?.filter()
}

/// Serve `backend` on `addr` until the process is stopped (Ctrl-C). Prints the address it listens on.
pub fn serve_blocking<B: Backend>(
    backend: B,
    addr: SocketAddr,
    config: Config,
) -> Result<(), String> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| format!("runtime: {e}"))?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|e| format!("{addr}: {e}"))?;
        let local = listener.local_addr().map_err(|e| e.to_string())?;
        println!("rasd: serving on http://{local}");
        let app = router(backend, config)?;
        axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .map_err(|e| e.to_string())
    })
}
