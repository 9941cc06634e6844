//! Queries: canonical events, documents, stories, actors, timeline, network, counts.

use crate::ingest::tallies;
use crate::rules::{civil_from_days, date_range, day_string};
use crate::*;
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, OptionalExtension, Row};
use std::collections::HashMap;

/// The WHERE clause (over `canonical c`) and its parameters for a filter.
pub(crate) struct Where {
    pub sql: String,
    pub params: Vec<Value>,
}

fn day_bound(s: &str, end: bool, what: &str) -> Result<i64> {
    date_range(s)
        .map(|(a, b)| if end { b } else { a })
        .ok_or_else(|| {
            StoreError::new(
                what,
                format!("not a date: {s:?} (YYYY, YYYY-MM or YYYY-MM-DD)"),
            )
        })
}

/// [`canonical_where`] for every field of an event filter.
fn filter_where(f: &EventFilter) -> Result<Where> {
    canonical_where(
        f.actor.as_deref(),
        f.country.as_deref(),
        f.kind.as_deref(),
        f.since.as_deref(),
        f.until.as_deref(),
        f.outlet.as_deref(),
        f.doc.as_deref(),
        f.headline,
    )
}

#[allow(clippy::too_many_arguments)]
pub(crate) fn canonical_where(
    actor: Option<&str>,
    country: Option<&str>,
    kind: Option<&str>,
    since: Option<&str>,
    until: Option<&str>,
    outlet: Option<&str>,
    doc: Option<&str>,
    headline: bool,
) -> Result<Where> {
    let mut sql = String::from("c.n_docs > 0");
    let mut params: Vec<Value> = Vec::new();
    let mut p = |sql: &mut String, clause: &str, v: Value| {
        params.push(v);
        let n = params.len();
        sql.push_str(" AND ");
        sql.push_str(&clause.replace('?', &format!("?{n}")));
    };
    let nonempty = |s: Option<&str>| {
        s.map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    if let Some(a) = nonempty(actor) {
        p(
            &mut sql,
            "(c.source_id = ? OR c.target_id = ? OR c.source_country = ? OR c.target_country = ?)",
            Value::Text(a),
        );
    }
    if let Some(c) = nonempty(country) {
        p(
            &mut sql,
            "(c.source_country = ? OR c.target_country = ? OR c.location_country = ?)",
            Value::Text(c),
        );
    }
    if let Some(k) = nonempty(kind) {
        p(&mut sql, "c.type = ?", Value::Text(k));
    }
    if let Some(s) = nonempty(since) {
        p(
            &mut sql,
            "c.date_lo >= ?",
            Value::Integer(day_bound(&s, false, "since")?),
        );
    }
    if let Some(u) = nonempty(until) {
        p(
            &mut sql,
            "c.date_hi <= ?",
            Value::Integer(day_bound(&u, true, "until")?),
        );
    }
    if let Some(o) = nonempty(outlet) {
        p(
            &mut sql,
            "EXISTS (SELECT 1 FROM tally t WHERE t.canonical = c.id AND t.field = 'outlet' AND t.value = ? AND t.n > 0)",
            Value::Text(o),
        );
    }
    if let Some(d) = nonempty(doc) {
        p(
            &mut sql,
            "EXISTS (SELECT 1 FROM events e WHERE e.canonical = c.id AND e.doc = ? AND e.current = 1)",
            Value::Text(d),
        );
    }
    if headline {
        sql.push_str(" AND c.headline > 0");
    }
    Ok(Where { sql, params })
}

/// A canonical event's id, type, source and target.
type ActorRow = (i64, String, Option<ActorRecord>, Option<ActorRecord>);

pub(crate) fn parse_json<T: serde::de::DeserializeOwned>(s: Option<String>) -> Option<T> {
    s.and_then(|j| serde_json::from_str(&j).ok())
}

const SOURCE_COLUMNS: &str =
    "e.id, e.canonical, e.doc, d.name, d.outlet, d.url, d.title, d.published, \
     e.headline, e.date, e.date_text, e.type, e.mode, e.cameo, e.status, e.source, e.target, \
     e.location, e.evidence, e.confidence";

fn source_event(r: &Row) -> rusqlite::Result<SourceEvent> {
    Ok(SourceEvent {
        event: r.get(0)?,
        canonical: r.get(1)?,
        doc: r.get(2)?,
        doc_name: r.get(3)?,
        outlet: r.get(4)?,
        url: r.get(5)?,
        title: r.get(6)?,
        published: r.get(7)?,
        headline: r.get(8)?,
        date: r.get(9)?,
        date_text: r.get(10)?,
        kind: r.get(11)?,
        mode: r.get(12)?,
        cameo: r.get(13)?,
        status: r.get(14)?,
        source: parse_json(r.get(15)?),
        target: parse_json(r.get(16)?),
        location: parse_json(r.get(17)?),
        evidence: parse_json(r.get(18)?).unwrap_or_default(),
        confidence: r.get(19)?,
    })
}

pub(crate) const CANONICAL_COLUMNS: &str =
    "c.id, c.type, c.mode, c.cameo, c.status, c.headline, c.date, \
     c.source, c.target, c.location, c.n_docs, c.n_outlets";

fn place_label(json: &str) -> String {
    match serde_json::from_str::<LocationRecord>(json) {
        Ok(l) => match l.name {
            Some(n) => format!("{n}, {}", l.country),
            None => l.country,
        },
        Err(_) => json.to_string(),
    }
}

impl Store {
    /// The canonical event of a row of [`CANONICAL_COLUMNS`], with its outlet, date and place tallies.
    fn canonical_from_row(&self, r: &Row, sources_limit: usize) -> Result<CanonicalEvent> {
        let mut e = self.canonical_light(r, sources_limit)?;
        let tally = |field: &str| -> Result<Vec<Tally>> {
            Ok(tallies(&self.conn, e.id, field, false)?
                .into_iter()
                .map(|(value, n)| Tally {
                    value,
                    count: n as u64,
                })
                .collect())
        };
        let mut places = tally("place")?;
        for p in &mut places {
            if !p.value.is_empty() {
                p.value = place_label(&p.value);
            }
        }
        e.outlets = tally("outlet")?;
        e.dates = tally("date")?;
        e.places = places;
        Ok(e)
    }

    /// The canonical event of a row of [`CANONICAL_COLUMNS`], its tallies left empty.
    pub(crate) fn canonical_light(&self, r: &Row, sources_limit: usize) -> Result<CanonicalEvent> {
        let id: i64 = r.get(0)?;
        Ok(CanonicalEvent {
            id,
            kind: r.get(1)?,
            mode: r.get(2)?,
            cameo: r.get(3)?,
            status: r.get(4)?,
            headline: r.get::<_, i64>(5)? > 0,
            date: r.get(6)?,
            source: parse_json(r.get(7)?),
            target: parse_json(r.get(8)?),
            location: parse_json(r.get(9)?),
            n_sources: r.get::<_, i64>(10)? as u64,
            n_outlets: r.get::<_, i64>(11)? as u64,
            outlets: Vec::new(),
            dates: Vec::new(),
            places: Vec::new(),
            sources: self.sources_of(id, sources_limit)?,
        })
    }

    pub(crate) fn sources_of(&self, canonical: i64, limit: usize) -> Result<Vec<SourceEvent>> {
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT {SOURCE_COLUMNS} FROM events e JOIN documents d ON d.id = e.doc \
             WHERE e.canonical = ?1 AND e.current = 1 ORDER BY e.id LIMIT ?2"
        ))?;
        // a limit past i64 is none (-1)
        let limit = i64::try_from(limit).unwrap_or(-1);
        let rows = st.query_map(params![canonical, limit], source_event)?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Canonical events matching a filter, ordered by date (undated last), then id.
    pub fn events(&self, f: &EventFilter) -> Result<Vec<CanonicalEvent>> {
        let w = filter_where(f)?;
        let sql = format!(
            "SELECT {CANONICAL_COLUMNS} FROM canonical c WHERE {} \
             ORDER BY c.date_lo IS NULL, c.date_lo, c.id LIMIT {} OFFSET {}",
            w.sql,
            i64::try_from(f.limit).unwrap_or(i64::MAX),
            f.offset
        );
        let mut st = self.conn.prepare(&sql)?;
        let mut rows = st.query(params_from_iter(w.params.iter()))?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(self.canonical_from_row(r, f.sources_limit)?);
        }
        Ok(out)
    }

    /// Number of canonical events matching a filter (limit and offset ignored).
    pub fn count_events(&self, f: &EventFilter) -> Result<u64> {
        let w = filter_where(f)?;
        let n: i64 = self.conn.query_row(
            &format!("SELECT count(*) FROM canonical c WHERE {}", w.sql),
            params_from_iter(w.params.iter()),
            |r| r.get(0),
        )?;
        Ok(n as u64)
    }

    /// One canonical event with all its sources.
    pub fn event(&self, id: i64) -> Result<Option<CanonicalEvent>> {
        let mut st = self.conn.prepare(&format!(
            "SELECT {CANONICAL_COLUMNS} FROM canonical c WHERE c.id = ?1"
        ))?;
        let mut rows = st.query([id])?;
        match rows.next()? {
            Some(r) => Ok(Some(self.canonical_from_row(r, usize::MAX)?)),
            None => Ok(None),
        }
    }

    /// A document by id (or by name when no id matches), with its text, furniture and events.
    pub fn document(&self, id: &str) -> Result<Option<DocumentView>> {
        let row = self
            .conn
            .query_row(
                "SELECT id, name, url, outlet, title, published, ingested_at, version, previous, \
                 current, story, similarity, text, furniture, arabic FROM documents \
                 WHERE id = ?1 OR (name = ?1 AND NOT EXISTS (SELECT 1 FROM documents WHERE id = ?1)) \
                 ORDER BY current DESC, version DESC LIMIT 1",
                [id],
                |r| {
                    let furniture: Vec<(usize, usize, String)> =
                        parse_json(r.get(13)?).unwrap_or_default();
                    Ok(DocumentView {
                        id: r.get(0)?,
                        name: r.get(1)?,
                        url: r.get(2)?,
                        outlet: r.get(3)?,
                        title: r.get(4)?,
                        published: r.get(5)?,
                        ingested_at: r.get(6)?,
                        version: r.get(7)?,
                        previous: r.get(8)?,
                        current: r.get(9)?,
                        story: r.get(10)?,
                        similarity: r.get(11)?,
                        arabic: r.get(14)?,
                        text: r.get(12)?,
                        furniture: furniture
                            .into_iter()
                            .map(|(start, end, kind)| FurnitureSpan { start, end, kind })
                            .collect(),
                        events: Vec::new(),
                    })
                },
            )
            .optional()?;
        let Some(mut doc) = row else { return Ok(None) };
        doc.events = self.events_of_doc(&doc.id)?;
        Ok(Some(doc))
    }

    /// The coded events of a document, in text order of coding.
    pub fn events_of_doc(&self, doc: &str) -> Result<Vec<SourceEvent>> {
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT {SOURCE_COLUMNS} FROM events e JOIN documents d ON d.id = e.doc \
             WHERE e.doc = ?1 ORDER BY e.seq"
        ))?;
        let rows = st.query_map([doc], source_event)?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Stories with at least `min_docs` current documents, largest first (then newest).
    pub fn stories(&self, min_docs: usize, limit: usize, offset: usize) -> Result<Vec<Story>> {
        let mut st = self.conn.prepare(
            "SELECT id, n_docs FROM stories WHERE n_docs >= ?1 ORDER BY n_docs DESC, id LIMIT ?2 OFFSET ?3",
        )?;
        let ids: Vec<(i64, i64)> = st
            .query_map(
                params![min_docs.max(1) as i64, limit as i64, offset as i64],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?
            .collect::<std::result::Result<_, _>>()?;
        let mut out = Vec::new();
        for (id, n) in ids {
            out.push(self.story(id, n)?);
        }
        Ok(out)
    }

    fn story(&self, id: i64, n_docs: i64) -> Result<Story> {
        let mut st = self.conn.prepare_cached(
            "SELECT id, name, outlet, title, published, url, similarity FROM documents \
             WHERE story = ?1 AND current = 1 ORDER BY n LIMIT 100",
        )?;
        let docs: Vec<StoryDoc> = st
            .query_map([id], |r| {
                Ok(StoryDoc {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    outlet: r.get(2)?,
                    title: r.get(3)?,
                    published: r.get(4)?,
                    url: r.get(5)?,
                    similarity: r.get(6)?,
                })
            })?
            .collect::<std::result::Result<_, _>>()?;
        let mut outlets: Vec<String> = Vec::new();
        for d in &docs {
            if let Some(o) = &d.outlet {
                if !outlets.contains(o) {
                    outlets.push(o.clone());
                }
            }
        }
        // the headline events of the documents listed
        let mut hl = self.conn.prepare_cached(
            "SELECT canonical FROM events WHERE doc = ?1 AND headline = 1 AND current = 1",
        )?;
        let mut headlines: Vec<i64> = Vec::new();
        for d in &docs {
            for c in hl.query_map([&d.id], |r| r.get::<_, i64>(0))? {
                let c = c?;
                if !headlines.contains(&c) {
                    headlines.push(c);
                }
            }
        }
        headlines.sort_unstable();
        Ok(Story {
            id,
            n_docs: n_docs.max(0) as u64,
            outlets,
            docs,
            headlines,
        })
    }

    /// The story a document belongs to.
    pub fn story_of(&self, doc: &str) -> Result<Option<Story>> {
        let row: Option<(i64, i64)> = self
            .conn
            .query_row(
                "SELECT s.id, s.n_docs FROM stories s JOIN documents d ON d.story = s.id WHERE d.id = ?1",
                [doc],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        row.map(|(id, n)| self.story(id, n)).transpose()
    }

    fn actor_rows(&self, f: &EventFilter) -> Result<Vec<ActorRow>> {
        let w = filter_where(f)?;
        let mut st = self.conn.prepare(&format!(
            "SELECT c.id, c.type, c.source, c.target FROM canonical c WHERE {}",
            w.sql
        ))?;
        let rows = st.query_map(params_from_iter(w.params.iter()), |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                parse_json(r.get(2)?),
                parse_json(r.get(3)?),
            ))
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Known actors with the number of canonical events they take part in, most first.
    pub fn actors(&self, f: &EventFilter) -> Result<Vec<ActorSummary>> {
        let mut map: HashMap<String, ActorSummary> = HashMap::new();
        for (_, _, s, t) in self.actor_rows(f)? {
            for (a, is_source) in [(s, true), (t, false)] {
                let Some(a) = a else { continue };
                let e = map.entry(a.key()).or_insert_with(|| ActorSummary {
                    key: a.key(),
                    id: a.id.clone(),
                    name: a.name.clone(),
                    country: a.country.clone(),
                    sector: a.sector.clone(),
                    events: 0,
                    as_source: 0,
                    as_target: 0,
                });
                e.events += 1;
                if is_source {
                    e.as_source += 1;
                } else {
                    e.as_target += 1;
                }
            }
        }
        let mut v: Vec<ActorSummary> = map.into_values().collect();
        v.sort_by(|a, b| b.events.cmp(&a.events).then_with(|| a.key.cmp(&b.key)));
        Ok(v)
    }

    /// Canonical events per period and type (limit and offset of the filter ignored).
    pub fn timeline(&self, f: &EventFilter, bucket: Bucket) -> Result<Timeline> {
        let w = filter_where(f)?;
        let mut st = self.conn.prepare(&format!(
            "SELECT c.date, c.type FROM canonical c WHERE {}",
            w.sql
        ))?;
        let rows = st.query_map(params_from_iter(w.params.iter()), |r| {
            Ok((r.get::<_, Option<String>>(0)?, r.get::<_, String>(1)?))
        })?;
        let mut counts: std::collections::BTreeMap<(String, String), u64> = Default::default();
        let mut undated = 0;
        for row in rows {
            let (date, kind) = row?;
            let range = date.as_deref().and_then(date_range);
            let period = match (range, bucket) {
                (Some((a, b)), Bucket::Day) if a == b => Some(day_string(a)),
                (Some((a, b)), Bucket::Week) if a == b => {
                    // 1970-01-01 was a Thursday: Monday-based weeks
                    let monday = a - (a + 3).rem_euclid(7);
                    Some(day_string(monday))
                }
                (Some((a, b)), Bucket::Month) if b - a < 31 => {
                    let (y, m, _) = civil_from_days(a);
                    Some(format!("{y:04}-{m:02}"))
                }
                _ => None,
            };
            match period {
                Some(p) => *counts.entry((p, kind)).or_default() += 1,
                None => undated += 1,
            }
        }
        Ok(Timeline {
            points: counts
                .into_iter()
                .map(|((period, kind), count)| TimelinePoint {
                    period,
                    kind,
                    count,
                })
                .collect(),
            undated,
        })
    }

    /// Actors as nodes and events as edges weighted by the number of canonical events (limit and
    /// offset of the filter ignored). Events without a source or target make no edge.
    pub fn network(&self, f: &EventFilter) -> Result<Network> {
        let mut nodes: HashMap<String, Node> = HashMap::new();
        let mut edges: HashMap<(String, String, String), Edge> = HashMap::new();
        for (id, kind, s, t) in self.actor_rows(f)? {
            let (Some(s), Some(t)) = (s, t) else { continue };
            for a in [&s, &t] {
                nodes
                    .entry(a.key())
                    .or_insert_with(|| Node {
                        key: a.key(),
                        name: a.name.clone(),
                        country: a.country.clone(),
                        sector: a.sector.clone(),
                        events: 0,
                    })
                    .events += 1;
            }
            let e = edges
                .entry((s.key(), t.key(), kind.clone()))
                .or_insert_with(|| Edge {
                    source: s.key(),
                    target: t.key(),
                    kind,
                    weight: 0,
                    events: Vec::new(),
                });
            e.weight += 1;
            if e.events.len() < 100 {
                e.events.push(id);
            }
        }
        let mut nodes: Vec<Node> = nodes.into_values().collect();
        nodes.sort_by(|a, b| b.events.cmp(&a.events).then_with(|| a.key.cmp(&b.key)));
        let mut edges: Vec<Edge> = edges.into_values().collect();
        edges.sort_by(|a, b| {
            b.weight
                .cmp(&a.weight)
                .then_with(|| (&a.source, &a.target, &a.kind).cmp(&(&b.source, &b.target, &b.kind)))
        });
        Ok(Network { nodes, edges })
    }

    /// What the store holds.
    pub fn counts(&self) -> Result<Counts> {
        let q = |sql: &str| -> Result<u64> {
            Ok(self.conn.query_row(sql, [], |r| r.get::<_, i64>(0))? as u64)
        };
        Ok(Counts {
            documents: q("SELECT count(*) FROM documents")?,
            current_documents: q("SELECT count(*) FROM documents WHERE current = 1")?,
            events: q("SELECT count(*) FROM events")?,
            canonical_events: q("SELECT count(*) FROM canonical WHERE n_docs > 0")?,
            stories: q("SELECT count(*) FROM stories WHERE n_docs > 0")?,
            multi_doc_stories: q("SELECT count(*) FROM stories WHERE n_docs > 1")?,
        })
    }
}
