//! What the server asks of a store, and the filters it passes.
use crate::aggregate;
use rasd_code::Event;
pub use rasd_export::DocMeta;
use serde::Serialize;

/// One report of an event in one document: the event as coded there, with its evidence spans.
#[derive(Debug, Clone)]
pub struct Mention {
    /// The document.
    pub doc: DocMeta,
    /// The event as coded in that document.
    pub event: Event,
}

/// A canonical event: one happening, reported by one or more documents.
#[derive(Debug, Clone)]
pub struct StoredEvent {
    /// Stable id.
    pub id: String,
    /// The reports; the first is the primary one.
    pub mentions: Vec<Mention>,
    /// The event as merged across its reports (majority date, place…), when the store merges;
    /// `None` takes the primary report's.
    pub canonical: Option<Event>,
    /// How many documents report it, when more than `mentions` lists; 0 counts the mentions.
    pub n_sources: usize,
}

impl StoredEvent {
    /// The event: the merged one, else the primary report's.
    pub fn event(&self) -> Option<&Event> {
        self.canonical
            .as_ref()
            .or_else(|| self.mentions.first().map(|m| &m.event))
    }
}

/// A span of page furniture in a document.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct FurnitureSpan {
    /// First char.
    pub start: usize,
    /// One past the last char.
    pub end: usize,
    /// The furniture kind (`breadcrumb`, `readalso`, …).
    pub kind: String,
}

/// A stored document.
#[derive(Debug, Clone)]
pub struct StoredDoc {
    /// Its metadata.
    pub meta: DocMeta,
    /// The original text.
    pub text: String,
    /// Furniture spans.
    pub furniture: Vec<FurnitureSpan>,
}

/// A search hit: a document, its score, and where the query matched (char spans of the original text).
#[derive(Debug, Clone)]
pub struct DocHit {
    /// The document id.
    pub doc_id: String,
    /// Higher is better.
    pub score: f64,
    /// Char spans of the matched words.
    pub matches: Vec<(usize, usize)>,
}

/// Filters over events (every field optional; all given ones must hold).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    /// An actor on either side: its dictionary id, or words of its name or surface form.
    pub actor: Option<String>,
    /// A country (ISO3) on either side.
    pub country: Option<String>,
    /// A second country: events between `country` and `country2`, either direction.
    pub country2: Option<String>,
    /// PLOVER event type.
    pub kind: Option<String>,
    /// First day (inclusive, `YYYY-MM-DD`, or a prefix).
    pub from: Option<String>,
    /// Last day (inclusive).
    pub to: Option<String>,
    /// Words of the outlet's name.
    pub outlet: Option<String>,
    /// A document id.
    pub doc: Option<String>,
    /// Only headline events.
    pub headline: bool,
    /// Only events with this status.
    pub status: Option<String>,
}

/// An error of the store.
#[derive(Debug, Clone)]
pub struct BackendError {
    /// What went wrong.
    pub message: String,
    /// True when the request was at fault (a query the store cannot take): a 400, not a 500.
    pub invalid_query: bool,
}

impl BackendError {
    /// The store failed.
    pub fn store(m: impl Into<String>) -> Self {
        BackendError {
            message: m.into(),
            invalid_query: false,
        }
    }
    /// The query is not one the store can answer.
    pub fn query(m: impl Into<String>) -> Self {
        BackendError {
            message: m.into(),
            invalid_query: true,
        }
    }
}

impl std::fmt::Display for BackendError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for BackendError {}

/// What the server needs of a store. Calls are blocking; the server runs them off the async threads.
pub trait Backend: Send + Sync + 'static {
    /// Every event that passes `filter`, ordered by date then id.
    fn events(&self, filter: &Filter) -> Result<Vec<StoredEvent>, BackendError>;
    /// One event by id.
    fn event(&self, id: &str) -> Result<Option<StoredEvent>, BackendError>;
    /// One document by id.
    fn document(&self, id: &str) -> Result<Option<StoredDoc>, BackendError>;
    /// Ranked documents matching a query (normalised the way documents are), at most `limit`.
    fn search(&self, query: &str, limit: usize) -> Result<Vec<DocHit>, BackendError>;
    /// Metadata of every document (for the outlet list).
    fn documents(&self) -> Result<Vec<DocMeta>, BackendError>;

    /// How many events pass `filter`.
    fn count(&self, filter: &Filter) -> Result<usize, BackendError> {
        Ok(self.events(filter)?.len())
    }
    /// How many events pass `filter`, and `limit` of them after `offset`: by date then id, or
    /// newest first (undated last).
    fn page(
        &self,
        filter: &Filter,
        newest_first: bool,
        offset: usize,
        limit: usize,
    ) -> Result<(usize, Vec<StoredEvent>), BackendError> {
        Ok(aggregate::page(
            self.events(filter)?,
            newest_first,
            offset,
            limit,
        ))
    }
    /// Hand every event that passes `filter` to `each`, by date then id (a backend may stream
    /// them); stops at the first error. Returns how many were handed over.
    fn for_each_event(
        &self,
        filter: &Filter,
        each: &mut dyn FnMut(StoredEvent) -> Result<(), String>,
    ) -> Result<usize, BackendError> {
        let evs = self.events(filter)?;
        let n = evs.len();
        for e in evs {
            each(e).map_err(BackendError::store)?;
        }
        Ok(n)
    }
    /// What the store holds.
    fn overview(&self) -> Result<aggregate::Overview, BackendError> {
        Ok(aggregate::overview(
            &self.documents()?,
            &self.events(&Filter::default())?,
        ))
    }
    /// Events by period (`day`, `week`, `month` or `year`) and type.
    fn timeline(
        &self,
        filter: &Filter,
        interval: &str,
    ) -> Result<aggregate::TimelineCounts, BackendError> {
        Ok(aggregate::timeline(&self.events(filter)?, interval))
    }
    /// The network of the events: actors (or countries) and the events between them.
    fn network(
        &self,
        filter: &Filter,
        country_level: bool,
    ) -> Result<aggregate::NetGraph, BackendError> {
        Ok(aggregate::network(&self.events(filter)?, country_level))
    }
    /// The actors of the events, most events first: how many, and the first `limit`.
    fn actors(
        &self,
        filter: &Filter,
        limit: usize,
    ) -> Result<(usize, Vec<aggregate::ActorEvents>), BackendError> {
        Ok(aggregate::actors(&self.events(filter)?, limit))
    }
}

/// The first and last day (`YYYY-MM-DD`) of a date given as `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
pub fn day_range(d: &str) -> Option<(String, String)> {
    let p: Vec<u32> = d
        .split('-')
        .map(|x| x.parse().ok())
        .collect::<Option<_>>()?;
    let days = |y: u32, m: u32| match m {
        2 if (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    match p.as_slice() {
        [y] => Some((format!("{y:04}-01-01"), format!("{y:04}-12-31"))),
        [y, m] if (1..=12).contains(m) => Some((
            format!("{y:04}-{m:02}-01"),
            format!("{y:04}-{m:02}-{:02}", days(*y, *m)),
        )),
        [y, m, d] => {
            let s = format!("{y:04}-{m:02}-{d:02}");
            Some((s.clone(), s))
        }
        _ => None,
    }
}

fn words_in(hay: &str, needle: &str) -> bool {
    let h = rasd_text::normalize(hay);
    rasd_text::normalize(needle)
        .split_whitespace()
        .all(|w| h.contains(w))
}

fn actor_matches(a: &rasd_code::Actor, q: &str) -> bool {
    a.id.as_deref().is_some_and(|id| id.eq_ignore_ascii_case(q))
        || words_in(&a.name, q)
        || words_in(&a.text, q)
}

impl Filter {
    /// Whether an event passes the filter (judged on its primary report; the outlet and document on
    /// any report).
    pub fn matches(&self, se: &StoredEvent) -> bool {
        let Some(ev) = se.event() else {
            return false;
        };
        let sides = [ev.source.as_ref(), ev.target.as_ref()];
        let country_of = |i: usize| sides[i].and_then(|a| a.country.as_deref());
        if let Some(q) = self.actor.as_deref().filter(|q| !q.is_empty()) {
            if !sides.iter().flatten().any(|a| actor_matches(a, q)) {
                return false;
            }
        }
        match (self.country.as_deref(), self.country2.as_deref()) {
            (Some(c), Some(c2)) => {
                let (a, b) = (country_of(0), country_of(1));
                let pair = (a == Some(c) && b == Some(c2)) || (a == Some(c2) && b == Some(c));
                if !pair {
                    return false;
                }
            }
            (Some(c), None) | (None, Some(c)) => {
                if country_of(0) != Some(c) && country_of(1) != Some(c) {
                    return false;
                }
            }
            (None, None) => {}
        }
        if let Some(k) = &self.kind {
            if !ev.kind.eq_ignore_ascii_case(k) {
                return false;
            }
        }
        if let Some(s) = &self.status {
            if &ev.status != s {
                return false;
            }
        }
        if self.headline && !ev.headline {
            return false;
        }
        if self.from.is_some() || self.to.is_some() {
            // the event's date must lie wholly inside the range: «2023-03» is inside
            // [2023-03-01, 2023-03-31] but not inside [2023-03-15, 2023-12-31]
            let Some((lo, hi)) = ev.date.as_deref().and_then(day_range) else {
                return false;
            };
            if let Some(f) = self.from.as_deref().and_then(day_range) {
                if lo < f.0 {
                    return false;
                }
            }
            if let Some(t) = self.to.as_deref().and_then(day_range) {
                if hi > t.1 {
                    return false;
                }
            }
        }
        if let Some(o) = self.outlet.as_deref().filter(|o| !o.is_empty()) {
            if !se
                .mentions
                .iter()
                .any(|m| m.doc.outlet.as_deref().is_some_and(|x| words_in(x, o)))
            {
                return false;
            }
        }
        if let Some(d) = &self.doc {
            if !se.mentions.iter().any(|m| &m.doc.id == d) {
                return false;
            }
        }
        true
    }
}
