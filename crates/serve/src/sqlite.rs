//! The SQLite store (`rasd-store`) as a [`Backend`]: canonical events with their sources, documents
//! with furniture, FTS5 search.
use crate::model::*;
use rasd_code::{Actor, Event, Location, Span};
use rasd_store::{
    ActorRecord, CanonicalEvent, EventFilter, LocationRecord, SearchFilter, SourceEvent,
    SpanRecord, Store, StoreError,
};
use std::path::Path;
use std::sync::{Arc, Mutex};

/// Every canonical event of the store, converted once, with the store's `data_version` it was read
/// at: it is read again only when another connection (a `rasd ingest`) has committed since.
struct Snapshot {
    version: i64,
    events: Arc<Vec<StoredEvent>>,
}

/// A store opened read-only, shared by the server's workers.
pub struct Sqlite {
    store: Mutex<Store>,
    cache: Mutex<Option<Snapshot>>,
}

impl Sqlite {
    /// Open the database at `path` read-only.
    pub fn open(path: &Path) -> Result<Sqlite, String> {
        if !path.is_file() {
            return Err(format!(
                "{}: no such database (create it with `rasd ingest … --db {}`)",
                path.display(),
                path.display()
            ));
        }
        let store = Store::open_read_only(path).map_err(|e| e.to_string())?;
        Ok(Sqlite::new(store))
    }

    /// Wrap an open store.
    pub fn new(store: Store) -> Sqlite {
        Sqlite {
            store: Mutex::new(store),
            cache: Mutex::new(None),
        }
    }

    /// All events, from the snapshot while the database has not changed.
    fn all_events(&self) -> Result<Arc<Vec<StoredEvent>>, BackendError> {
        let version: i64 = self.with(|s| {
            Ok(s.connection()
                .query_row("PRAGMA data_version", [], |r| r.get(0))?)
        })?;
        let mut cache = self
            .cache
            .lock()
            .map_err(|_| BackendError::store("cache lock poisoned"))?;
        if let Some(c) = cache.as_ref().filter(|c| c.version == version) {
            return Ok(c.events.clone());
        }
        let list = self.with(|s| s.events(&store_filter(&Filter::default())))?;
        let mut events: Vec<StoredEvent> = list.into_iter().map(stored).collect();
        events.sort_by(|a, b| {
            let d = |e: &StoredEvent| e.event().and_then(|e| e.date.clone()).unwrap_or_default();
            d(a).cmp(&d(b)).then_with(|| {
                a.id.parse::<i64>()
                    .unwrap_or(0)
                    .cmp(&b.id.parse::<i64>().unwrap_or(0))
            })
        });
        let events = Arc::new(events);
        *cache = Some(Snapshot {
            version,
            events: events.clone(),
        });
        Ok(events)
    }

    fn with<T>(&self, f: impl FnOnce(&Store) -> Result<T, StoreError>) -> Result<T, BackendError> {
        let s = self
            .store
            .lock()
            .map_err(|_| BackendError::store("store lock poisoned"))?;
        f(&s).map_err(|e| {
            if e.about == "query" || e.about == "filter" {
                BackendError::query(e.to_string())
            } else {
                BackendError::store(e.to_string())
            }
        })
    }
}

fn actor(a: &ActorRecord) -> Actor {
    Actor {
        name: a.name.clone(),
        country: a.country.clone(),
        sector: a.sector.clone(),
        id: a.id.clone(),
        text: a.text.clone(),
        start: a.start,
        end: a.end,
    }
}

fn location(l: &LocationRecord) -> Location {
    Location {
        name: l.name.clone(),
        country: l.country.clone(),
        lat: l.lat,
        lon: l.lon,
    }
}

fn span(s: &SpanRecord) -> Span {
    Span {
        start: s.start,
        end: s.end,
        text: s.text.clone(),
    }
}

fn source_event(s: &SourceEvent) -> Event {
    Event {
        doc: s.doc_name.clone(),
        headline: s.headline,
        date: s.date.clone(),
        date_text: s.date_text.clone(),
        kind: s.kind.clone(),
        mode: s.mode.clone(),
        cameo: s.cameo.clone(),
        status: s.status.clone(),
        source: s.source.as_ref().map(actor),
        target: s.target.as_ref().map(actor),
        location: s.location.as_ref().map(location),
        evidence: s.evidence.iter().map(span).collect(),
        confidence: s.confidence,
        killed: None,
        injured: None,
    }
}

fn doc_meta(s: &SourceEvent) -> DocMeta {
    DocMeta {
        id: s.doc.clone(),
        name: s.doc_name.clone(),
        title: s.title.clone(),
        url: s.url.clone(),
        outlet: s.outlet.clone(),
        published: s.published.clone(),
    }
}

/// A canonical event as the server sees it: the merged fields, the first source's words and spans.
fn stored(c: CanonicalEvent) -> StoredEvent {
    let first = c.sources.first();
    let canonical = Event {
        doc: first.map(|s| s.doc_name.clone()).unwrap_or_default(),
        headline: c.headline,
        date: c.date.clone(),
        date_text: first.and_then(|s| s.date_text.clone()),
        kind: c.kind.clone(),
        mode: c.mode.clone(),
        cameo: c.cameo.clone(),
        status: c.status.clone(),
        source: c.source.as_ref().map(actor),
        target: c.target.as_ref().map(actor),
        location: c.location.as_ref().map(location),
        evidence: first
            .map(|s| s.evidence.iter().map(span).collect())
            .unwrap_or_default(),
        confidence: c
            .sources
            .iter()
            .filter_map(|s| s.confidence)
            .max_by(|a, b| a.total_cmp(b)),
        killed: None,
        injured: None,
    };
    StoredEvent {
        id: c.id.to_string(),
        mentions: c
            .sources
            .iter()
            .map(|s| Mention {
                doc: doc_meta(s),
                event: source_event(s),
            })
            .collect(),
        canonical: Some(canonical),
        n_sources: c.n_sources as usize,
    }
}

/// What the snapshot asks of the store: every event (the store's cap), 50 sources each.
fn store_filter(_: &Filter) -> EventFilter {
    EventFilter {
        limit: 10_000,
        offset: 0,
        sources_limit: 50,
        ..EventFilter::default()
    }
}

impl Backend for Sqlite {
    fn events(&self, filter: &Filter) -> Result<Vec<StoredEvent>, BackendError> {
        Ok(self
            .all_events()?
            .iter()
            .filter(|e| filter.matches(e))
            .cloned()
            .collect())
    }

    fn event(&self, id: &str) -> Result<Option<StoredEvent>, BackendError> {
        let Ok(n) = id.parse::<i64>() else {
            return Ok(None);
        };
        Ok(self.with(|s| s.event(n))?.map(stored))
    }

    fn document(&self, id: &str) -> Result<Option<StoredDoc>, BackendError> {
        Ok(self.with(|s| s.document(id))?.map(|d| StoredDoc {
            meta: DocMeta {
                id: d.id,
                name: d.name,
                title: d.title,
                url: d.url,
                outlet: d.outlet,
                published: d.published,
            },
            text: d.text,
            furniture: d
                .furniture
                .into_iter()
                .map(|f| FurnitureSpan {
                    start: f.start,
                    end: f.end,
                    kind: f.kind,
                })
                .collect(),
        }))
    }

    fn search(&self, query: &str, limit: usize) -> Result<Vec<DocHit>, BackendError> {
        let r = self.with(|s| s.search(query, &SearchFilter::default(), limit, 0))?;
        Ok(r.hits
            .into_iter()
            .map(|h| DocHit {
                doc_id: h.doc,
                // SQLite's BM25 rank is lower for better matches
                score: -h.rank,
                matches: h.snippet.highlights,
            })
            .collect())
    }

    fn documents(&self) -> Result<Vec<DocMeta>, BackendError> {
        self.with(|s| {
            let conn = s.connection();
            let mut st = conn.prepare(
                "SELECT id, name, title, url, outlet, published FROM documents \
                 WHERE current = 1 ORDER BY n",
            )?;
            let rows = st.query_map([], |r| {
                Ok(DocMeta {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    title: r.get(2)?,
                    url: r.get(3)?,
                    outlet: r.get(4)?,
                    published: r.get(5)?,
                })
            })?;
            let mut out = Vec::new();
            for r in rows {
                out.push(r?);
            }
            Ok(out)
        })
    }
}
