//! The embedded store of rasd. Its one job: keep documents and the events coded from them in one
//! SQLite file, so that every real-world event appears once with all its sources, near-duplicate
//! reports are grouped into stories, and everything can be searched and queried.
//!
//! * [`Store::open`] creates or migrates the database (schema: [`schema`], WAL mode).
//! * [`Store::ingest`] / [`Store::ingest_stream`] take [`rasd_read::Document`]s one at a time:
//!   a document's id is the [`content_id`] of its normalised text (the same text twice adds
//!   nothing; a changed text at the same URL is a new version), page furniture is marked by
//!   [`rasd_read::classify_lines`] and by recurrence across an outlet's stories, events are coded
//!   and merged into canonical events ([`rules`]), and the document joins a story of near-duplicates
//!   ([`minhash`]). Each batch is one transaction and each document a savepoint: a bad document is
//!   reported and skipped, what was stored before stays.
//! * Queries return plain serde types: [`Store::events`], [`Store::event`], [`Store::document`],
//!   [`Store::stories`], [`Store::actors`], [`Store::timeline`], [`Store::network`],
//!   [`Store::search`], [`Store::counts`].
//! * The HTTP API's filters, pages and aggregates are SQL queries over a [`Selection`]
//!   ([`select`]): [`Store::select_count`], [`Store::select_page`], [`Store::select_each`]
//!   (streamed), [`Store::select_timeline`], [`Store::select_network`], [`Store::select_actors`],
//!   [`Store::overview`]. Nothing is capped.
#![deny(missing_docs)]

pub mod generate;
mod ingest;
pub mod minhash;
mod query;
pub mod rules;
pub mod schema;
mod search;
pub mod select;

pub use ingest::{IngestOptions, IngestReport, Outcome};
pub use rules::content_id;
pub use select::{
    day_range, words_in, ActorCount, Interval, Level, NetEdge, NetGraph, NetNode, Order, Overview,
    PeriodCount, PeriodCounts, Selection,
};

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::Path;

/// An error of the store, naming what it is about (a file, a document, the database).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreError {
    /// The document, file or database the error is about.
    pub about: String,
    /// What went wrong.
    pub message: String,
}

impl StoreError {
    /// An error about `about`.
    pub fn new(about: impl Into<String>, message: impl Into<String>) -> Self {
        StoreError {
            about: about.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.about, self.message)
    }
}

impl std::error::Error for StoreError {}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::new("database", e.to_string())
    }
}

/// Below this share of Arabic letters a document is flagged as not Arabic.
pub const NOT_ARABIC: f64 = 0.5;

/// Result of the store.
pub type Result<T> = std::result::Result<T, StoreError>;

/// An actor of a stored event (every field of `rasd_code::Actor`, offsets included).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActorRecord {
    /// Canonical English name (or the Arabic surface form).
    pub name: String,
    /// ISO3 country, `None` for international organisations.
    pub country: Option<String>,
    /// Sector code.
    pub sector: String,
    /// Dictionary id.
    pub id: Option<String>,
    /// The words of the text.
    pub text: String,
    /// Char offset of the mention in the document's original text.
    pub start: usize,
    /// End char offset of the mention.
    pub end: usize,
}

impl From<&rasd_code::Actor> for ActorRecord {
    fn from(a: &rasd_code::Actor) -> Self {
        ActorRecord {
            name: a.name.clone(),
            country: a.country.clone(),
            sector: a.sector.clone(),
            id: a.id.clone(),
            text: a.text.clone(),
            start: a.start,
            end: a.end,
        }
    }
}

impl ActorRecord {
    /// The key an actor is counted under: its id, else its country and sector, else its name.
    pub fn key(&self) -> String {
        match (&self.id, &self.country) {
            (Some(id), _) => id.clone(),
            (None, Some(c)) => format!("{c}-{}", self.sector),
            (None, None) => self.name.clone(),
        }
    }
}

/// Where an event happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LocationRecord {
    /// English place name; `None` when only the country is known.
    pub name: Option<String>,
    /// ISO3 country.
    pub country: String,
    /// Latitude.
    pub lat: Option<f64>,
    /// Longitude.
    pub lon: Option<f64>,
}

impl From<&rasd_code::Location> for LocationRecord {
    fn from(l: &rasd_code::Location) -> Self {
        LocationRecord {
            name: l.name.clone(),
            country: l.country.clone(),
            lat: l.lat,
            lon: l.lon,
        }
    }
}

/// A span of a document's original text, in char offsets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpanRecord {
    /// First char.
    pub start: usize,
    /// One past the last char.
    pub end: usize,
    /// The text of the span.
    pub text: String,
}

/// One event as coded from one document: a source of a [`CanonicalEvent`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceEvent {
    /// Row id of this coded event.
    pub event: i64,
    /// The canonical event it was merged into.
    pub canonical: i64,
    /// Document id.
    pub doc: String,
    /// Document name (file name or record id).
    pub doc_name: String,
    /// Outlet of the document.
    pub outlet: Option<String>,
    /// URL of the document.
    pub url: Option<String>,
    /// Title of the document.
    pub title: Option<String>,
    /// Publication date of the document.
    pub published: Option<String>,
    /// True on the document's headline event.
    pub headline: bool,
    /// Date as this source gives it.
    pub date: Option<String>,
    /// The words the date came from.
    pub date_text: Option<String>,
    /// PLOVER type.
    #[serde(rename = "type")]
    pub kind: String,
    /// CONSULT mode.
    pub mode: Option<String>,
    /// CAMEO code.
    pub cameo: String,
    /// occurred, planned, negated.
    pub status: String,
    /// Who acted.
    pub source: Option<ActorRecord>,
    /// Who was acted upon.
    pub target: Option<ActorRecord>,
    /// Where, as this source says.
    pub location: Option<LocationRecord>,
    /// Evidence spans: the clause, then the trigger.
    pub evidence: Vec<SpanRecord>,
    /// The trigger model's confidence (None for events stored before it was kept).
    #[serde(default)]
    pub confidence: Option<f64>,
}

/// A value and how many sources give it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    /// The value (`""` for none).
    pub value: String,
    /// How many source events give it.
    pub count: u64,
}

/// One real-world event with every document that reports it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CanonicalEvent {
    /// Stable id.
    pub id: i64,
    /// PLOVER type.
    #[serde(rename = "type")]
    pub kind: String,
    /// CONSULT mode (of the first source).
    pub mode: Option<String>,
    /// CAMEO code (of the first source).
    pub cameo: String,
    /// The majority status.
    pub status: String,
    /// True when it is the headline event of at least one source.
    pub headline: bool,
    /// The majority date (ties: the most precise, then the earliest).
    pub date: Option<String>,
    /// Who acted (as the first source has it).
    pub source: Option<ActorRecord>,
    /// Who was acted upon.
    pub target: Option<ActorRecord>,
    /// The majority place.
    pub location: Option<LocationRecord>,
    /// Number of documents reporting it.
    pub n_sources: u64,
    /// Number of outlets reporting it.
    pub n_outlets: u64,
    /// The outlets, most sources first.
    pub outlets: Vec<Tally>,
    /// Every date given, with its count (conflicts visible).
    pub dates: Vec<Tally>,
    /// Every place given (`name, country` or `""`), with its count.
    pub places: Vec<Tally>,
    /// The per-document events (at most [`EventFilter::sources_limit`]).
    pub sources: Vec<SourceEvent>,
}

/// Which canonical events to return. Every field is optional; `Default` gives all, 100 at a time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct EventFilter {
    /// An actor id (`sergey-lavrov`, `UNSC`) or a country (ISO3) of the source or target.
    pub actor: Option<String>,
    /// A country (ISO3) of the source, the target, or the place.
    pub country: Option<String>,
    /// PLOVER type.
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// First day (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`): events whose date lies wholly on or after it.
    pub since: Option<String>,
    /// Last day: events whose date lies wholly on or before it (a month or year means its end).
    pub until: Option<String>,
    /// Reported by this outlet.
    pub outlet: Option<String>,
    /// Reported by this document (id).
    pub doc: Option<String>,
    /// Only events that are the headline of at least one source.
    pub headline: bool,
    /// At most this many events (as many as asked: no cap).
    pub limit: usize,
    /// Skip this many.
    pub offset: usize,
    /// At most this many sources listed per event (`n_sources` has the full count).
    pub sources_limit: usize,
}

impl Default for EventFilter {
    fn default() -> Self {
        EventFilter {
            actor: None,
            country: None,
            kind: None,
            since: None,
            until: None,
            outlet: None,
            doc: None,
            headline: false,
            limit: 100,
            offset: 0,
            sources_limit: 50,
        }
    }
}

/// A furniture line of a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FurnitureSpan {
    /// First char of the line.
    pub start: usize,
    /// One past its last char.
    pub end: usize,
    /// Its kind (`breadcrumb`, `mostread`, … as `rasd_read::Furniture`, or `recurring` for a line
    /// that recurs across the outlet's stories).
    pub kind: String,
}

/// A stored document with its furniture and events.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentView {
    /// Content id.
    pub id: String,
    /// File name or record id.
    pub name: String,
    /// URL.
    pub url: Option<String>,
    /// Outlet.
    pub outlet: Option<String>,
    /// Title.
    pub title: Option<String>,
    /// Publication date.
    pub published: Option<String>,
    /// When it was stored (RFC 3339, UTC).
    pub ingested_at: String,
    /// 1 for the first text seen at its URL, then 2, 3…
    pub version: u32,
    /// The id of the version it replaced.
    pub previous: Option<String>,
    /// False once a newer version of its URL was stored.
    pub current: bool,
    /// Its story (cluster of near-duplicates).
    pub story: i64,
    /// Estimated similarity to the story's closest earlier document (1 for the first).
    pub similarity: f64,
    /// Share of Arabic letters among its letters; under [`NOT_ARABIC`] it is flagged as not an
    /// Arabic text (stored, but no events are expected). `None` for documents stored before
    /// schema version 3.
    pub arabic: Option<f64>,
    /// The original text.
    pub text: String,
    /// Furniture lines (char offsets into `text`).
    pub furniture: Vec<FurnitureSpan>,
    /// The events coded from it.
    pub events: Vec<SourceEvent>,
}

/// A document of a story.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryDoc {
    /// Document id.
    pub id: String,
    /// File name or record id.
    pub name: String,
    /// Outlet.
    pub outlet: Option<String>,
    /// Title.
    pub title: Option<String>,
    /// Publication date.
    pub published: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// Similarity to the closest earlier document of the story (1 for the first).
    pub similarity: f64,
}

/// A cluster of near-duplicate documents: one report syndicated or copied.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Story {
    /// Story id.
    pub id: i64,
    /// Number of (current) documents.
    pub n_docs: u64,
    /// Distinct outlets.
    pub outlets: Vec<String>,
    /// The documents, in ingest order (at most 100).
    pub docs: Vec<StoryDoc>,
    /// The canonical headline events of its documents (of those listed in `docs`).
    pub headlines: Vec<i64>,
}

/// A known actor and how many canonical events it takes part in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActorSummary {
    /// [`ActorRecord::key`].
    pub key: String,
    /// Dictionary id.
    pub id: Option<String>,
    /// Name.
    pub name: String,
    /// Country.
    pub country: Option<String>,
    /// Sector.
    pub sector: String,
    /// Canonical events with it as source or target.
    pub events: u64,
    /// As source.
    pub as_source: u64,
    /// As target.
    pub as_target: u64,
}

/// Time buckets of a timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Bucket {
    /// One bucket a day.
    Day,
    /// ISO weeks, named by their Monday.
    Week,
    /// Calendar months (`YYYY-MM`).
    Month,
}

/// Number of canonical events of a type in a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelinePoint {
    /// `YYYY-MM-DD` (the day, or the week's Monday) or `YYYY-MM`.
    pub period: String,
    /// PLOVER type.
    #[serde(rename = "type")]
    pub kind: String,
    /// Events.
    pub count: u64,
}

/// Counts by period and type; events dated less precisely than the bucket are counted apart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timeline {
    /// Points, ordered by period then type.
    pub points: Vec<TimelinePoint>,
    /// Events without a date precise enough for the bucket.
    pub undated: u64,
}

/// An actor of the network.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Node {
    /// [`ActorRecord::key`].
    pub key: String,
    /// Name.
    pub name: String,
    /// Country.
    pub country: Option<String>,
    /// Sector.
    pub sector: String,
    /// Events it takes part in.
    pub events: u64,
}

/// Events between two actors, of one type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Edge {
    /// Source node key.
    pub source: String,
    /// Target node key.
    pub target: String,
    /// PLOVER type.
    #[serde(rename = "type")]
    pub kind: String,
    /// Number of canonical events.
    pub weight: u64,
    /// Their ids (at most 100).
    pub events: Vec<i64>,
}

/// Actors as nodes, events as weighted edges.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Network {
    /// Nodes, most events first.
    pub nodes: Vec<Node>,
    /// Edges, heaviest first.
    pub edges: Vec<Edge>,
}

/// What the store holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    /// Stored documents (all versions).
    pub documents: u64,
    /// Current documents (latest version of each URL).
    pub current_documents: u64,
    /// Events as coded per document.
    pub events: u64,
    /// Canonical events (with at least one current source).
    pub canonical_events: u64,
    /// Stories.
    pub stories: u64,
    /// Stories with more than one document.
    pub multi_doc_stories: u64,
}

/// Search filters (all optional).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SearchFilter {
    /// Documents with an event whose source or target has this id or country.
    pub actor: Option<String>,
    /// Documents with an event involving this country (source, target or place).
    pub country: Option<String>,
    /// Documents with an event of this PLOVER type.
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// Documents with an event dated on or after this day.
    pub since: Option<String>,
    /// Documents with an event dated on or before this day.
    pub until: Option<String>,
    /// Documents of this outlet.
    pub outlet: Option<String>,
}

/// A matched stretch of a document, in char offsets of its original text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snippet {
    /// First char of the snippet.
    pub start: usize,
    /// One past its last char.
    pub end: usize,
    /// Its text.
    pub text: String,
    /// The query words found, as absolute char spans of the original text (inside the snippet
    /// first, then elsewhere; at most 50).
    pub highlights: Vec<(usize, usize)>,
}

/// A document found by [`Store::search`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchHit {
    /// Document id.
    pub doc: String,
    /// File name or record id.
    pub name: String,
    /// Title.
    pub title: Option<String>,
    /// Outlet.
    pub outlet: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// Publication date.
    pub published: Option<String>,
    /// BM25 rank (lower is better, as SQLite gives it).
    pub rank: f64,
    /// Where the query matched.
    pub snippet: Snippet,
    /// The document's coded events (per source; `canonical` links to the merged event).
    pub events: Vec<SourceEvent>,
}

/// Search results: the page asked for and the total number of matches.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchResults {
    /// All documents matching (before limit/offset).
    pub total: u64,
    /// The hits of this page, best first.
    pub hits: Vec<SearchHit>,
}

/// The store: one SQLite database file.
pub struct Store {
    conn: Connection,
}

impl Store {
    /// Open (creating and migrating if needed) the database at `path`, in WAL mode.
    pub fn open(path: impl AsRef<Path>) -> Result<Store> {
        let path = path.as_ref();
        let shown = path.display().to_string();
        let conn = Connection::open(path).map_err(|e| StoreError::new(&shown, e.to_string()))?;
        Store::setup(conn, &shown)
    }

    /// Open the database read-only (it must exist and be at the current schema version).
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<Store> {
        let path = path.as_ref();
        let shown = path.display().to_string();
        let conn = Connection::open_with_flags(
            path,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_URI,
        )
        .map_err(|e| StoreError::new(&shown, e.to_string()))?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        select::register_functions(&conn)?;
        let v: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if v != schema::VERSION {
            return Err(StoreError::new(
                shown,
                format!(
                    "schema version {v}, this build reads {} (open it once read-write to migrate)",
                    schema::VERSION
                ),
            ));
        }
        Ok(Store { conn })
    }

    /// A store in memory (for tests).
    pub fn open_in_memory() -> Result<Store> {
        Store::setup(Connection::open_in_memory()?, ":memory:")
    }

    fn setup(mut conn: Connection, shown: &str) -> Result<Store> {
        let err = |e: rusqlite::Error| StoreError::new(shown, e.to_string());
        conn.busy_timeout(std::time::Duration::from_secs(10))
            .map_err(err)?;
        conn.set_prepared_statement_cache_capacity(64);
        // stable plans: without this, binding a value re-prepares some cached statements
        conn.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
            true,
        )
        .map_err(err)?;
        // journal_mode returns a row
        let _: String = conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
            .map_err(err)?;
        conn.execute_batch("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = OFF;")
            .map_err(err)?;
        schema::migrate(&mut conn).map_err(|e| StoreError::new(shown, e))?;
        select::register_functions(&conn).map_err(err)?;
        Ok(Store { conn })
    }

    /// The underlying connection, for queries this API does not offer (read them only).
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// The schema version of the database.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }
}

#[cfg(test)]
mod tests;
