//! The SQLite store (`rasd-store`) as a [`Backend`]: canonical events with their sources, documents
//! with furniture, FTS5 search.
use crate::aggregate::{
    ActorEvents, NetEdge, NetGraph, NetNode, Overview, PeriodEvents, TimelineCounts,
};
use crate::model::*;
use rasd_code::{Actor, Event, Location, Span};
use rasd_store::{
    ActorRecord, CanonicalEvent, Interval, Level, LocationRecord, Order, SearchFilter, Selection,
    SourceEvent, SpanRecord, Store, StoreError,
};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// How many read-only connections serve requests side by side.
const READERS: usize = 4;

/// Pages of events list at most this many sources per event (`sources` counts them all).
const SOURCES_LISTED: usize = 50;

/// A store opened read-only, shared by the server's workers: a few connections, each answering one
/// request at a time. Every answer is an SQL query over the file as it is now (the database is in
/// WAL mode: a `rasd ingest` may write to it while it is served, and readers never wait for it).
pub struct Sqlite {
    stores: Vec<Mutex<Store>>,
    next: AtomicUsize,
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
        let mut stores = Vec::new();
        for _ in 0..READERS {
            stores.push(Mutex::new(
                Store::open_read_only(path).map_err(|e| e.to_string())?,
            ));
        }
        Ok(Sqlite {
            stores,
            next: AtomicUsize::new(0),
        })
    }

    /// Wrap an open store (one connection).
    pub fn new(store: Store) -> Sqlite {
        Sqlite {
            stores: vec![Mutex::new(store)],
            next: AtomicUsize::new(0),
        }
    }

    /// Run `f` on a free connection (else on the next in turn, waiting for it).
    fn with<T>(&self, f: impl FnOnce(&Store) -> Result<T, StoreError>) -> Result<T, BackendError> {
        let n = self.stores.len();
        let start = self.next.fetch_add(1, Ordering::Relaxed) % n;
        let guard = (0..n)
            .find_map(|i| self.stores[(start + i) % n].try_lock().ok())
            .map_or_else(
                || {
                    self.stores[start]
                        .lock()
                        .map_err(|_| BackendError::store("store lock poisoned"))
                },
                Ok,
            )?;
        f(&guard).map_err(|e| {
            if e.about == "query" || e.about == "filter" {
                BackendError::query(e.to_string())
            } else {
                BackendError::store(e.to_string())
            }
        })
    }
}

/// The store's selection for a filter: the same conditions, asked in SQL.
pub fn selection(f: &Filter) -> Selection {
    Selection {
        actor: f.actor.clone(),
        country: f.country.clone(),
        country2: f.country2.clone(),
        kind: f.kind.clone(),
        from: f.from.clone(),
        to: f.to.clone(),
        outlet: f.outlet.clone(),
        doc: f.doc.clone(),
        headline: f.headline,
        status: f.status.clone(),
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

impl Backend for Sqlite {
    fn events(&self, filter: &Filter) -> Result<Vec<StoredEvent>, BackendError> {
        let sel = selection(filter);
        let list = self.with(|s| s.select_page(&sel, Order::Date, 0, None, SOURCES_LISTED))?;
        Ok(list.into_iter().map(stored).collect())
    }

    fn count(&self, filter: &Filter) -> Result<usize, BackendError> {
        let sel = selection(filter);
        Ok(self.with(|s| s.select_count(&sel))? as usize)
    }

    fn page(
        &self,
        filter: &Filter,
        newest_first: bool,
        offset: usize,
        limit: usize,
    ) -> Result<(usize, Vec<StoredEvent>), BackendError> {
        let sel = selection(filter);
        let order = if newest_first {
            Order::NewestFirst
        } else {
            Order::Date
        };
        // one read transaction: the total and the page agree while an ingest writes
        let (total, list) = self.with(|s| {
            s.connection().execute_batch("BEGIN")?;
            let r = s.select_count(&sel).and_then(|n| {
                s.select_page(
                    &sel,
                    order,
                    offset as u64,
                    Some(limit as u64),
                    SOURCES_LISTED,
                )
                .map(|p| (n, p))
            });
            s.connection().execute_batch("COMMIT")?;
            r
        })?;
        Ok((total as usize, list.into_iter().map(stored).collect()))
    }

    fn for_each_event(
        &self,
        filter: &Filter,
        each: &mut dyn FnMut(StoredEvent) -> Result<(), String>,
    ) -> Result<usize, BackendError> {
        let sel = selection(filter);
        let n = self.with(|s| {
            s.select_each(&sel, Order::Date, 0, None, SOURCES_LISTED, &mut |c| {
                each(stored(c)).map_err(|m| StoreError::new("export", m))
            })
        })?;
        Ok(n as usize)
    }

    fn overview(&self) -> Result<Overview, BackendError> {
        let o = self.with(|s| s.overview())?;
        let us = |m: std::collections::BTreeMap<String, u64>| {
            m.into_iter().map(|(k, v)| (k, v as usize)).collect()
        };
        Ok(Overview {
            documents: o.documents as usize,
            outlets: us(o.outlets),
            events: o.events as usize,
            types: us(o.types),
            countries: us(o.countries),
            first: o.first,
            last: o.last,
        })
    }

    fn timeline(&self, filter: &Filter, interval: &str) -> Result<TimelineCounts, BackendError> {
        let interval = match interval {
            "day" => Interval::Day,
            "week" => Interval::Week,
            "month" => Interval::Month,
            "year" => Interval::Year,
            i => return Err(BackendError::query(format!("no such interval: {i:?}"))),
        };
        let sel = selection(filter);
        let t = self.with(|s| s.select_timeline(&sel, interval))?;
        Ok(TimelineCounts {
            points: t
                .points
                .into_iter()
                .map(|p| PeriodEvents {
                    period: p.period,
                    kind: p.kind,
                    ids: p.ids.iter().map(i64::to_string).collect(),
                })
                .collect(),
            imprecise: t.imprecise as usize,
        })
    }

    fn network(&self, filter: &Filter, country_level: bool) -> Result<NetGraph, BackendError> {
        let level = if country_level {
            Level::Country
        } else {
            Level::Actor
        };
        let sel = selection(filter);
        let g = self.with(|s| s.select_network(&sel, level))?;
        Ok(NetGraph {
            nodes: g
                .nodes
                .into_iter()
                .map(|n| NetNode {
                    key: n.key,
                    name: n.name,
                    country: n.country,
                    sector: n.sector,
                    events: n.events as usize,
                })
                .collect(),
            edges: g
                .edges
                .into_iter()
                .map(|e| NetEdge {
                    source: e.source,
                    target: e.target,
                    types: e.types.into_iter().map(|(k, v)| (k, v as usize)).collect(),
                    ids: e.ids.iter().map(i64::to_string).collect(),
                })
                .collect(),
        })
    }

    fn actors(
        &self,
        filter: &Filter,
        limit: usize,
    ) -> Result<(usize, Vec<ActorEvents>), BackendError> {
        let sel = selection(filter);
        let (total, list) = self.with(|s| s.select_actors(&sel, limit))?;
        let us = |m: std::collections::BTreeMap<String, u64>| {
            m.into_iter().map(|(k, v)| (k, v as usize)).collect()
        };
        Ok((
            total as usize,
            list.into_iter()
                .map(|a| ActorEvents {
                    key: a.key,
                    name: a.name,
                    country: a.country,
                    sector: a.sector,
                    as_source: a.as_source as usize,
                    as_target: a.as_target as usize,
                    first: a.first,
                    last: a.last,
                    forms: us(a.forms),
                    sectors_by_year: a
                        .sectors_by_year
                        .into_iter()
                        .map(|(y, m)| (y, us(m)))
                        .collect(),
                })
                .collect(),
        ))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aggregate;
    use crate::model::Backend;
    use axum::body::Body;
    use axum::http::Request;
    use serde_json::Value;
    use tower::ServiceExt;

    /// A generated store of 14 000 events in a file (WAL), its writer, and the server's backend.
    struct Fixture {
        path: std::path::PathBuf,
        writer: Store,
        app: axum::Router,
        backend: std::sync::Arc<Sqlite>,
    }

    impl Drop for Fixture {
        fn drop(&mut self) {
            for ext in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{ext}", self.path.display()));
            }
        }
    }

    fn fixture() -> Fixture {
        let path = std::env::temp_dir().join(format!("rasd-serve-{}.db", std::process::id()));
        let _ = std::fs::remove_file(&path);
        let mut writer = Store::open(&path).expect("store");
        rasd_store::generate::fill(&mut writer, 14_000, 4).expect("generated");
        let app = crate::router(Sqlite::open(&path).expect("open"), crate::Config::default())
            .expect("router");
        let backend = std::sync::Arc::new(Sqlite::open(&path).expect("open"));
        Fixture {
            path,
            writer,
            app,
            backend,
        }
    }

    fn get(rt: &tokio::runtime::Runtime, app: &axum::Router, target: &str) -> Value {
        rt.block_on(async {
            let req = Request::get(target).body(Body::empty()).expect("request");
            let res = app.clone().oneshot(req).await.expect("answer");
            assert_eq!(res.status(), 200, "{target}");
            let body = axum::body::to_bytes(res.into_body(), usize::MAX)
                .await
                .expect("body");
            serde_json::from_slice(&body).expect("json")
        })
    }

    fn count(s: &Store, sql: &str) -> usize {
        s.connection()
            .query_row(sql, [], |r| r.get::<_, i64>(0))
            .expect(sql) as usize
    }

    const LIVE: &str = "SELECT count(*) FROM canonical WHERE n_docs > 0";

    /// (query string, the same question asked by hand in SQL)
    const ROWS: &[(&str, &str)] = &[
        ("", LIVE),
        (
            "type=CONSULT",
            "SELECT count(*) FROM canonical WHERE n_docs > 0 AND type = 'CONSULT'",
        ),
        (
            "country=RUS",
            "SELECT count(*) FROM canonical WHERE n_docs > 0 \
             AND (source_country = 'RUS' OR target_country = 'RUS')",
        ),
        (
            "country=usa&country2=chn",
            "SELECT count(*) FROM canonical WHERE n_docs > 0 \
             AND ((source_country = 'USA' AND target_country = 'CHN') \
               OR (source_country = 'CHN' AND target_country = 'USA'))",
        ),
        (
            "from=2018-01-01",
            "SELECT count(*) FROM canonical WHERE n_docs > 0 AND date IS NOT NULL \
             AND CASE length(date) WHEN 4 THEN date || '-01-01' WHEN 7 THEN date || '-01' \
             ELSE date END >= '2018-01-01'",
        ),
        (
            "from=2019-03&to=2019-03",
            "SELECT count(*) FROM canonical WHERE n_docs > 0 \
             AND (date = '2019-03' OR date BETWEEN '2019-03-01' AND '2019-03-31')",
        ),
        (
            "to=2016",
            "SELECT count(*) FROM canonical WHERE n_docs > 0 AND substr(date, 1, 4) <= '2016'",
        ),
        (
            "actor=actor-7",
            "SELECT count(*) FROM canonical WHERE n_docs > 0 \
             AND (source_id = 'actor-7' OR target_id = 'actor-7')",
        ),
        (
            "actor=%D9%84%D8%A7%D9%81%D8%B1%D9%88%D9%81",
            "SELECT count(*) FROM canonical WHERE n_docs > 0 \
             AND (source_name LIKE 'لافروف%' OR target_name LIKE 'لافروف%')",
        ),
        (
            "status=negated",
            "SELECT count(*) FROM canonical WHERE n_docs > 0 AND status = 'negated'",
        ),
        (
            "headline=true",
            "SELECT count(*) FROM canonical WHERE n_docs > 0 AND headline > 0",
        ),
        (
            "outlet=Xinhua",
            "SELECT count(DISTINCT e.canonical) FROM events e JOIN documents d ON d.id = e.doc \
             WHERE e.current = 1 AND d.outlet = 'Xinhua'",
        ),
        (
            "doc=gen-42",
            "SELECT count(DISTINCT canonical) FROM events WHERE doc = 'gen-42' AND current = 1",
        ),
        (
            "type=ACCUSE&country=USA&from=2020&to=2021&status=occurred",
            "SELECT count(*) FROM canonical WHERE n_docs > 0 AND type = 'ACCUSE' \
             AND (source_country = 'USA' OR target_country = 'USA') AND status = 'occurred' \
             AND substr(date, 1, 4) BETWEEN '2020' AND '2021'",
        ),
    ];

    fn filter(q: &str) -> Filter {
        crate::query::Params::parse(Some(q), &crate::query::FILTER_PARAMS)
            .and_then(|p| p.filter())
            .expect(q)
    }

    #[test]
    fn the_api_sees_every_event_of_a_large_store() {
        let rt = tokio::runtime::Runtime::new().expect("runtime");
        let mut fx = fixture();
        let total = count(&fx.writer, LIVE);
        assert!(total > 12_000, "{total} events");
        // the old way: every event in memory, judged by Filter::matches (the memory backend's rule)
        let all = fx.backend.events(&Filter::default()).expect("all");
        assert_eq!(all.len(), total);
        for (q, sql) in ROWS {
            let want = count(&fx.writer, sql);
            let v = get(&rt, &fx.app, &format!("/api/events?{q}&limit=3"));
            assert_eq!(v["total"].as_u64(), Some(want as u64), "{q}: {sql}");
            let f = filter(q);
            let matched: Vec<&StoredEvent> = all.iter().filter(|e| f.matches(e)).collect();
            assert_eq!(matched.len(), want, "{q}: Filter::matches");
            // the same first events, and paging reaches the last one
            let ids: Vec<&str> = v["events"]
                .as_array()
                .expect("events")
                .iter()
                .filter_map(|e| e["id"].as_str())
                .collect();
            let first: Vec<&str> = matched.iter().take(3).map(|e| e.id.as_str()).collect();
            assert_eq!(ids, first, "{q}: first page");
            if want > 0 {
                let v = get(
                    &rt,
                    &fx.app,
                    &format!("/api/events?{q}&offset={}&limit=500", want - 1),
                );
                let last = v["events"][0]["id"].as_str().expect("last");
                assert_eq!(last, matched[want - 1].id, "{q}: last event");
                let v = get(&rt, &fx.app, &format!("/api/events?{q}&sort=-date&limit=1"));
                let newest = matched
                    .iter()
                    .rev()
                    .find(|e| e.event().is_some_and(|e| e.date.is_some()))
                    .map_or(matched[want - 1].id.as_str(), |e| e.id.as_str());
                assert_eq!(v["events"][0]["id"].as_str(), Some(newest), "{q}: newest");
            }
            // aggregates: the same answers as computed over the list
            let b = fx.backend.as_ref();
            let mine: Vec<StoredEvent> = matched.iter().map(|e| (*e).clone()).collect();
            for interval in ["day", "week", "month", "year"] {
                assert_eq!(
                    b.timeline(&f, interval).expect("timeline"),
                    aggregate::timeline(&mine, interval),
                    "{q}: timeline by {interval}"
                );
            }
            for country in [false, true] {
                assert_eq!(
                    b.network(&f, country).expect("network"),
                    aggregate::network(&mine, country),
                    "{q}: network"
                );
            }
            assert_eq!(
                b.actors(&f, 50).expect("actors"),
                aggregate::actors(&mine, 50),
                "{q}: actors"
            );
        }
        // every page of 500, past 10 000, in order, each event once
        let mut seen = Vec::new();
        let mut offset = 0;
        loop {
            let v = get(
                &rt,
                &fx.app,
                &format!("/api/events?offset={offset}&limit=500"),
            );
            let page = v["events"].as_array().expect("events").clone();
            if page.is_empty() {
                break;
            }
            offset += page.len();
            seen.extend(
                page.into_iter()
                    .filter_map(|e| e["id"].as_str().map(String::from)),
            );
        }
        let want: Vec<&str> = all.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(seen, want);
        // the meta answer: exact counts
        let docs = count(
            &fx.writer,
            "SELECT count(*) FROM documents WHERE current = 1",
        );
        let meta = get(&rt, &fx.app, "/api/meta");
        assert_eq!(meta["events"].as_u64(), Some(total as u64));
        assert_eq!(meta["documents"].as_u64(), Some(docs as u64));
        assert_eq!(
            fx.backend.overview().expect("overview"),
            aggregate::overview(&fx.backend.documents().expect("docs"), &all)
        );
        // the export: every event, streamed
        let mut csv = Vec::new();
        let n = crate::api::write_export(
            fx.backend.as_ref(),
            &Filter::default(),
            rasd_export::Format::Csv,
            &mut csv,
        )
        .expect("export");
        assert_eq!(n, total);
        // written while served: the next answer sees the new events
        fx.writer
            .ingest_coded([(
                &rasd_read::Document {
                    id: "late".into(),
                    name: "late".into(),
                    text: "تقرير متأخر عن لقاء جديد.".into(),
                    title: None,
                    outlet: Some("Late News".into()),
                    url: None,
                    published: Some("2030-01-01".into()),
                },
                &[rasd_code::Event {
                    date: Some("2030-01-01".into()),
                    ..rasd_store::generate::event(3)
                }][..],
            )])
            .expect("write while serving");
        let meta = get(&rt, &fx.app, "/api/meta");
        assert_eq!(meta["events"].as_u64(), Some(total as u64 + 1));
        assert_eq!(meta["last"].as_str(), Some("2030-01-01"));
    }
}
