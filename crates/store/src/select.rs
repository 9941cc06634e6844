//! The server's queries: canonical events selected by a [`Selection`] (the filter of the HTTP API),
//! counted, paged, streamed and aggregated by SQL. Nothing is capped: a page is as long as asked.
//!
//! Every filter is a condition on `canonical c` that an index can answer where one helps: type and
//! date order (`canonical_type_by_date`, `canonical_by_date`), the day range of the majority date
//! (`canonical_day`), a country on either side (`canonical_source_country`,
//! `canonical_target_country`, an OR of two index searches), an outlet (`tally_field_value`) and a
//! document (`events`' `(doc, seq)` key). Words of an actor's name or an outlet's are matched by the
//! SQL function `rasd_words_in` (the normalisation of `rasd_text`), registered on every connection.

use crate::query::CANONICAL_COLUMNS;
use crate::*;
use rusqlite::params_from_iter;
use rusqlite::types::Value;
use std::collections::BTreeMap;

/// Which canonical events a request asks for (every field optional; all given must hold). The
/// event's merged fields are judged: its majority date, status, its source and target.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// An actor on either side: its id (ASCII case ignored), or words of its name or of the words
    /// it was named by (normalised).
    pub actor: Option<String>,
    /// A country (ISO3) of the source or the target.
    pub country: Option<String>,
    /// With `country`: only events between the two, either way (alone: like `country`).
    pub country2: Option<String>,
    /// PLOVER type (ASCII case ignored).
    pub kind: Option<String>,
    /// The date must lie wholly on or after this day (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`).
    pub from: Option<String>,
    /// The date must lie wholly on or before this day (a year or month means its end).
    pub to: Option<String>,
    /// Words of the outlet of one of its current sources.
    pub outlet: Option<String>,
    /// A document (id) among its current sources.
    pub doc: Option<String>,
    /// Only events that are the headline of a source.
    pub headline: bool,
    /// Only events with this majority status.
    pub status: Option<String>,
}

/// The order of a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Order {
    /// By date (undated first), then id.
    #[default]
    Date,
    /// Newest first, then the highest id; undated last.
    NewestFirst,
}

/// Time buckets of [`Store::select_timeline`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Interval {
    /// The day (dates given to the day).
    Day,
    /// The week, named by its Monday (dates given to the day).
    Week,
    /// The month (dates given at least to the month).
    Month,
    /// The year.
    Year,
}

/// Events of one type in one period, by [`Store::select_timeline`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodCount {
    /// The bucket: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub period: String,
    /// PLOVER type.
    pub kind: String,
    /// The canonical events, in date then id order.
    pub ids: Vec<i64>,
}

/// A timeline: counts by period and type.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PeriodCounts {
    /// Ordered by period, then type.
    pub points: Vec<PeriodCount>,
    /// Events whose date is missing or less precise than the bucket.
    pub imprecise: u64,
}

/// Whether a network's nodes are actors or countries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// One node per actor (its id, else its name).
    Actor,
    /// One node per country (an actor without one stays itself).
    Country,
}

/// A node of [`Store::select_network`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NetNode {
    /// The key: an actor id or name, or a country.
    pub key: String,
    /// Name (of its first event in date order).
    pub name: String,
    /// Country.
    pub country: Option<String>,
    /// Sector (empty at the country level).
    pub sector: String,
    /// Sides of events it stands on.
    pub events: u64,
}

/// An edge of [`Store::select_network`]: events from one node to another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NetEdge {
    /// Source key.
    pub source: String,
    /// Target key.
    pub target: String,
    /// Events by type.
    pub types: BTreeMap<String, u64>,
    /// The events, in date then id order.
    pub ids: Vec<i64>,
}

/// Nodes (by key) and edges (by source, target) of the events selected.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NetGraph {
    /// Every node, ordered by key.
    pub nodes: Vec<NetNode>,
    /// Every edge between two different nodes, ordered by (source, target).
    pub edges: Vec<NetEdge>,
}

/// An actor of [`Store::select_actors`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ActorCount {
    /// Its id, else its name.
    pub key: String,
    /// Name (of its last event in date order).
    pub name: String,
    /// Country.
    pub country: Option<String>,
    /// Sector.
    pub sector: String,
    /// Events it is the source of.
    pub as_source: u64,
    /// Events it is the target of.
    pub as_target: u64,
    /// Earliest date.
    pub first: Option<String>,
    /// Latest date.
    pub last: Option<String>,
    /// The words it was named by, with counts.
    pub forms: BTreeMap<String, u64>,
    /// Per year (of dated events), the sectors it acted in, with counts.
    pub sectors_by_year: BTreeMap<String, BTreeMap<String, u64>>,
}

/// What the store holds, for the API's `/api/meta`: exact counts.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Overview {
    /// Current documents.
    pub documents: u64,
    /// Current documents per outlet.
    pub outlets: BTreeMap<String, u64>,
    /// Canonical events.
    pub events: u64,
    /// Canonical events per type.
    pub types: BTreeMap<String, u64>,
    /// Sides of canonical events per country.
    pub countries: BTreeMap<String, u64>,
    /// Earliest date.
    pub first: Option<String>,
    /// Latest date.
    pub last: Option<String>,
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

/// Whether every word of `needle` occurs in `hay`, both normalised (the SQL function
/// `rasd_words_in`).
pub fn words_in(hay: &str, needle: &str) -> bool {
    let h = rasd_text::normalize(hay);
    rasd_text::normalize(needle)
        .split_whitespace()
        .all(|w| h.contains(w))
}

/// Register the SQL functions the queries use on a connection.
pub(crate) fn register_functions(conn: &Connection) -> rusqlite::Result<()> {
    use rusqlite::functions::FunctionFlags;
    conn.create_scalar_function(
        "rasd_words_in",
        2,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            let hay: Option<String> = ctx.get(0)?;
            let needle: Option<String> = ctx.get(1)?;
            Ok(match (hay, needle) {
                (Some(h), Some(n)) => words_in(&h, &n),
                _ => false,
            })
        },
    )
}

/// A WHERE clause over `canonical c` and its parameters.
pub(crate) struct Clause {
    pub sql: String,
    pub params: Vec<Value>,
}

impl Clause {
    fn add(&mut self, clause: &str, v: Value) {
        self.params.push(v);
        let n = self.params.len();
        self.sql.push_str(" AND ");
        self.sql.push_str(&clause.replace('?', &format!("?{n}")));
    }
}

/// The WHERE clause of a selection.
pub(crate) fn selection_where(s: &Selection) -> Clause {
    let mut w = Clause {
        sql: "c.n_docs > 0".into(),
        params: Vec::new(),
    };
    let text = |v: &str| Value::Text(v.to_string());
    if let Some(a) = s.actor.as_deref().filter(|a| !a.is_empty()) {
        w.add(
            "(lower(c.source_id) = lower(?) OR lower(c.target_id) = lower(?) \
             OR (c.source IS NOT NULL AND (rasd_words_in(c.source_name, ?) \
                 OR rasd_words_in(json_extract(c.source, '$.text'), ?))) \
             OR (c.target IS NOT NULL AND (rasd_words_in(c.target_name, ?) \
                 OR rasd_words_in(json_extract(c.target, '$.text'), ?))))",
            text(a),
        );
    }
    match (s.country.as_deref(), s.country2.as_deref()) {
        (Some(c), Some(c2)) => {
            w.add("(c.source_country = ? OR c.target_country = ?)", text(c));
            let n = w.params.len();
            w.params.push(text(c2));
            let m = w.params.len();
            w.sql.push_str(&format!(
                " AND ((c.source_country = ?{n} AND c.target_country = ?{m}) \
                 OR (c.source_country = ?{m} AND c.target_country = ?{n}))"
            ));
        }
        (Some(c), None) | (None, Some(c)) => {
            w.add("(c.source_country = ? OR c.target_country = ?)", text(c))
        }
        (None, None) => {}
    }
    if let Some(k) = &s.kind {
        w.add("c.type = upper(?)", text(k));
    }
    if let Some(st) = &s.status {
        w.add("c.status = ?", text(st));
    }
    if s.headline {
        w.sql.push_str(" AND c.headline > 0");
    }
    if s.from.is_some() || s.to.is_some() {
        w.sql.push_str(" AND c.day_lo IS NOT NULL");
        let from = s.from.as_deref().and_then(day_range);
        let to = s.to.as_deref().and_then(day_range);
        // with bounds on `date` itself, implied by the exact ones, so that the date index
        // gives the range in page order: a date wholly on or after a day of year Y is no smaller
        // than «Y»; one wholly on or before a day of year Y is smaller than «Y~»
        if let Some((f, _)) = from {
            w.add("c.date >= substr(?, 1, 4)", Value::Text(f.clone()));
            w.add("c.day_lo >= ?", Value::Text(f));
        }
        if let Some((_, t)) = to {
            w.add("c.date <= substr(?, 1, 4) || '~'", Value::Text(t.clone()));
            w.add("c.day_hi <= ?", Value::Text(t));
        }
    }
    if let Some(o) = s.outlet.as_deref().filter(|o| !o.is_empty()) {
        w.add(
            "c.id IN (SELECT t.canonical FROM tally t WHERE t.field = 'outlet' AND t.n > 0 \
             AND t.value IN (SELECT DISTINCT d.outlet FROM documents d \
                             WHERE d.outlet IS NOT NULL AND rasd_words_in(d.outlet, ?)))",
            text(o),
        );
    }
    if let Some(d) = &s.doc {
        w.add(
            "c.id IN (SELECT e.canonical FROM events e WHERE e.doc = ? AND e.current = 1)",
            text(d),
        );
    }
    w
}

/// `ORDER BY` of an order.
fn order_sql(o: Order) -> &'static str {
    match o {
        Order::Date => "c.date, c.id",
        Order::NewestFirst => "c.date DESC, c.id DESC",
    }
}

/// The sides of the events selected, one row each: key, name, country, sector, the words it was
/// named by, the event's id, date and type, the side (0 source, 1 target) and a key that sorts
/// rows in date, id, side order. `{key}` is replaced by the key expression over `X_*` columns.
fn sides_cte(w: &Clause, key: &str, level: Level) -> String {
    let side = |x: &str, n: u8| {
        let k = key.replace('X', x);
        let (name, country, sector) = match level {
            Level::Actor => (
                format!("c.{x}_name"),
                format!("c.{x}_country"),
                format!("c.{x}_sector"),
            ),
            Level::Country => (
                format!("coalesce(c.{x}_country, c.{x}_name)"),
                format!("c.{x}_country"),
                "''".to_string(),
            ),
        };
        format!(
            "SELECT {k} AS k, {name} AS name, {country} AS country, {sector} AS sector, \
             json_extract(c.{x}, '$.text') AS form, c.id AS id, c.date AS date, c.type AS type, \
             {n} AS side, printf('%s %020d %d', coalesce(c.date, ''), c.id, {n}) AS ord \
             FROM canonical c WHERE {} AND c.{x} IS NOT NULL",
            w.sql
        )
    };
    format!(
        "sides AS ({} UNION ALL {})",
        side("source", 0),
        side("target", 1)
    )
}

fn actor_key(level: Level) -> &'static str {
    match level {
        Level::Actor => "coalesce(c.X_id, c.X_name)",
        Level::Country => "coalesce(c.X_country, c.X_id, c.X_name)",
    }
}

fn ids(list: Option<String>) -> Vec<i64> {
    list.unwrap_or_default()
        .split(',')
        .filter_map(|x| x.parse().ok())
        .collect()
}

impl Store {
    /// Number of canonical events selected (one `count(*)`).
    pub fn select_count(&self, s: &Selection) -> Result<u64> {
        let w = selection_where(s);
        let n: i64 = self.conn.query_row(
            &format!("SELECT count(*) FROM canonical c WHERE {}", w.sql),
            params_from_iter(w.params.iter()),
            |r| r.get(0),
        )?;
        Ok(n as u64)
    }

    /// A page of the events selected: `limit` of them (all when `None`) after `offset`, each with
    /// at most `sources_limit` sources. Outlet, date and place tallies are left empty.
    pub fn select_page(
        &self,
        s: &Selection,
        order: Order,
        offset: u64,
        limit: Option<u64>,
        sources_limit: usize,
    ) -> Result<Vec<CanonicalEvent>> {
        let mut out = Vec::new();
        self.select_each(s, order, offset, limit, sources_limit, &mut |e| {
            out.push(e);
            Ok(())
        })?;
        Ok(out)
    }

    /// Like [`Store::select_page`], handing each event to `each` as it is read (one event in memory
    /// at a time, one read snapshot for all); stops at the first error `each` returns.
    pub fn select_each(
        &self,
        s: &Selection,
        order: Order,
        offset: u64,
        limit: Option<u64>,
        sources_limit: usize,
        each: &mut dyn FnMut(CanonicalEvent) -> Result<()>,
    ) -> Result<u64> {
        let w = selection_where(s);
        let limit = limit.map_or(-1, |l| i64::try_from(l).unwrap_or(i64::MAX));
        let offset = i64::try_from(offset).unwrap_or(i64::MAX);
        let sql = format!(
            "SELECT {CANONICAL_COLUMNS} FROM canonical c WHERE {} ORDER BY {} \
             LIMIT {limit} OFFSET {offset}",
            w.sql,
            order_sql(order),
        );
        let mut st = self.conn.prepare_cached(&sql)?;
        let mut rows = st.query(params_from_iter(w.params.iter()))?;
        let mut n = 0;
        while let Some(r) = rows.next()? {
            each(self.canonical_light(r, sources_limit)?)?;
            n += 1;
        }
        Ok(n)
    }

    /// Events per period and type (a `GROUP BY` over the bucket of the majority date).
    pub fn select_timeline(&self, s: &Selection, interval: Interval) -> Result<PeriodCounts> {
        let w = selection_where(s);
        let bucket = match interval {
            Interval::Day => "CASE WHEN length(c.date) = 10 THEN c.date END",
            Interval::Week => {
                "CASE WHEN length(c.date) = 10 THEN date(c.date, '-6 days', 'weekday 1') END"
            }
            Interval::Month => "CASE WHEN length(c.date) >= 7 THEN substr(c.date, 1, 7) END",
            Interval::Year => "CASE WHEN length(c.date) >= 4 THEN substr(c.date, 1, 4) END",
        };
        let sql = format!(
            "SELECT {bucket} AS b, c.type, count(*), group_concat(c.id, ',' ORDER BY c.date, c.id) \
             FROM canonical c WHERE {} GROUP BY b, c.type ORDER BY b, c.type",
            w.sql
        );
        let mut st = self.conn.prepare_cached(&sql)?;
        let mut rows = st.query(params_from_iter(w.params.iter()))?;
        let mut out = PeriodCounts::default();
        while let Some(r) = rows.next()? {
            let period: Option<String> = r.get(0)?;
            match period {
                Some(period) => out.points.push(PeriodCount {
                    period,
                    kind: r.get(1)?,
                    ids: ids(r.get(3)?),
                }),
                None => out.imprecise += r.get::<_, i64>(2)? as u64,
            }
        }
        Ok(out)
    }

    /// The network of the events selected: nodes with the number of event sides they stand on,
    /// edges between two different nodes (`GROUP BY` queries).
    pub fn select_network(&self, s: &Selection, level: Level) -> Result<NetGraph> {
        let w = selection_where(s);
        let cte = sides_cte(&w, actor_key(level), level);
        let p = || params_from_iter(w.params.iter());
        let mut graph = NetGraph::default();
        // the bare columns of a query with one min() are those of the row with the minimum
        let mut st = self.conn.prepare_cached(&format!(
            "WITH {cte} SELECT k, name, country, sector, count(*), min(ord) FROM sides \
             GROUP BY k ORDER BY k"
        ))?;
        let mut rows = st.query(p())?;
        while let Some(r) = rows.next()? {
            graph.nodes.push(NetNode {
                key: r.get(0)?,
                name: r.get(1)?,
                country: r.get(2)?,
                sector: r.get(3)?,
                events: r.get::<_, i64>(4)? as u64,
            });
        }
        let key = actor_key(level);
        let pairs = format!(
            "WITH pairs AS (SELECT {} AS sk, {} AS tk, c.id AS id, c.date AS date, \
             c.type AS type FROM canonical c WHERE {} \
             AND c.source IS NOT NULL AND c.target IS NOT NULL AND sk <> tk)",
            key.replace('X', "source"),
            key.replace('X', "target"),
            w.sql
        );
        let mut st = self.conn.prepare_cached(&format!(
            "{pairs} SELECT sk, tk, group_concat(id, ',' ORDER BY date, id) FROM pairs \
             GROUP BY sk, tk ORDER BY sk, tk"
        ))?;
        let mut rows = st.query(p())?;
        while let Some(r) = rows.next()? {
            graph.edges.push(NetEdge {
                source: r.get(0)?,
                target: r.get(1)?,
                types: BTreeMap::new(),
                ids: ids(r.get(2)?),
            });
        }
        let mut st = self.conn.prepare_cached(&format!(
            "{pairs} SELECT sk, tk, type, count(*) FROM pairs GROUP BY sk, tk, type \
             ORDER BY sk, tk, type"
        ))?;
        let mut rows = st.query(p())?;
        let mut at = 0;
        while let Some(r) = rows.next()? {
            let (sk, tk): (String, String) = (r.get(0)?, r.get(1)?);
            while at < graph.edges.len()
                && (
                    graph.edges[at].source.as_str(),
                    graph.edges[at].target.as_str(),
                ) < (sk.as_str(), tk.as_str())
            {
                at += 1;
            }
            if let Some(e) = graph.edges.get_mut(at) {
                if e.source == sk && e.target == tk {
                    e.types.insert(r.get(2)?, r.get::<_, i64>(3)? as u64);
                }
            }
        }
        Ok(graph)
    }

    /// The actors of the events selected, most events first (then by key), at most `limit`, and
    /// how many there are in all (`GROUP BY` queries).
    pub fn select_actors(&self, s: &Selection, limit: usize) -> Result<(u64, Vec<ActorCount>)> {
        let w = selection_where(s);
        let cte = sides_cte(&w, actor_key(Level::Actor), Level::Actor);
        let p = || params_from_iter(w.params.iter());
        let total: i64 = self.conn.query_row(
            &format!("WITH {cte} SELECT count(DISTINCT k) FROM sides"),
            p(),
            |r| r.get(0),
        )?;
        let mut st = self.conn.prepare_cached(&format!(
            "WITH {cte}, agg AS (SELECT k, sum(side = 0) AS src, sum(side = 1) AS tgt, \
             min(date) AS first, max(date) AS last, max(ord) AS at, count(*) AS n \
             FROM sides GROUP BY k ORDER BY n DESC, k LIMIT ?{})
             SELECT agg.k, s.name, s.country, s.sector, agg.src, agg.tgt, agg.first, agg.last \
             FROM agg JOIN sides s ON s.ord = agg.at ORDER BY agg.n DESC, agg.k",
            w.params.len() + 1
        ))?;
        let mut params: Vec<Value> = w.params.clone();
        params.push(Value::Integer(i64::try_from(limit).unwrap_or(i64::MAX)));
        let mut rows = st.query(params_from_iter(params.iter()))?;
        let mut list: Vec<ActorCount> = Vec::new();
        while let Some(r) = rows.next()? {
            list.push(ActorCount {
                key: r.get(0)?,
                name: r.get(1)?,
                country: r.get(2)?,
                sector: r.get(3)?,
                as_source: r.get::<_, i64>(4)? as u64,
                as_target: r.get::<_, i64>(5)? as u64,
                first: r.get(6)?,
                last: r.get(7)?,
                ..ActorCount::default()
            });
        }
        let keys: Vec<&str> = list.iter().map(|a| a.key.as_str()).collect();
        let keys =
            serde_json::to_string(&keys).map_err(|e| StoreError::new("query", e.to_string()))?;
        let at: std::collections::HashMap<String, usize> = list
            .iter()
            .enumerate()
            .map(|(i, a)| (a.key.clone(), i))
            .collect();
        let mut params: Vec<Value> = w.params.clone();
        params.push(Value::Text(keys));
        let kp = params.len();
        let mut st = self.conn.prepare_cached(&format!(
            "WITH {cte} SELECT k, form, count(*) FROM sides \
             WHERE k IN (SELECT value FROM json_each(?{kp})) GROUP BY k, form"
        ))?;
        let mut rows = st.query(params_from_iter(params.iter()))?;
        while let Some(r) = rows.next()? {
            let k: String = r.get(0)?;
            if let Some(&i) = at.get(&k) {
                let form: Option<String> = r.get(1)?;
                *list[i].forms.entry(form.unwrap_or_default()).or_default() +=
                    r.get::<_, i64>(2)? as u64;
            }
        }
        let mut st = self.conn.prepare_cached(&format!(
            "WITH {cte} SELECT k, substr(date, 1, 4), sector, count(*) FROM sides \
             WHERE date IS NOT NULL AND k IN (SELECT value FROM json_each(?{kp})) \
             GROUP BY k, substr(date, 1, 4), sector"
        ))?;
        let mut rows = st.query(params_from_iter(params.iter()))?;
        while let Some(r) = rows.next()? {
            let k: String = r.get(0)?;
            if let Some(&i) = at.get(&k) {
                list[i]
                    .sectors_by_year
                    .entry(r.get(1)?)
                    .or_default()
                    .insert(r.get(2)?, r.get::<_, i64>(3)? as u64);
            }
        }
        Ok((total as u64, list))
    }

    /// Exact counts of what the store holds, for `/api/meta`.
    pub fn overview(&self) -> Result<Overview> {
        let mut o = Overview::default();
        let c = &self.conn;
        o.documents = c.query_row(
            "SELECT count(*) FROM documents WHERE current = 1",
            [],
            |r| r.get::<_, i64>(0),
        )? as u64;
        let group = |sql: &str, into: &mut BTreeMap<String, u64>| -> Result<()> {
            let mut st = c.prepare_cached(sql)?;
            let mut rows = st.query([])?;
            while let Some(r) = rows.next()? {
                into.insert(r.get(0)?, r.get::<_, i64>(1)? as u64);
            }
            Ok(())
        };
        group(
            "SELECT outlet, count(*) FROM documents WHERE current = 1 AND outlet IS NOT NULL \
             GROUP BY outlet",
            &mut o.outlets,
        )?;
        group(
            "SELECT type, count(*) FROM canonical WHERE n_docs > 0 GROUP BY type",
            &mut o.types,
        )?;
        o.events = o.types.values().sum();
        group(
            "SELECT country, count(*) FROM (\
             SELECT source_country AS country FROM canonical \
             WHERE n_docs > 0 AND source_country IS NOT NULL AND source IS NOT NULL \
             UNION ALL SELECT target_country FROM canonical \
             WHERE n_docs > 0 AND target_country IS NOT NULL AND target IS NOT NULL) \
             GROUP BY country",
            &mut o.countries,
        )?;
        let (first, last) = c.query_row(
            "SELECT min(date), max(date) FROM canonical WHERE n_docs > 0",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        o.first = first;
        o.last = last;
        Ok(o)
    }

    /// The query plan SQLite chooses for the page query of a selection (one line per step), for
    /// tests and `EXPLAIN` by hand.
    pub fn explain_selection(&self, s: &Selection) -> Result<Vec<String>> {
        let w = selection_where(s);
        let sql = format!(
            "EXPLAIN QUERY PLAN SELECT c.id FROM canonical c WHERE {} ORDER BY {} LIMIT 50",
            w.sql,
            order_sql(Order::Date)
        );
        let mut st = self.conn.prepare(&sql)?;
        let rows = st.query_map(params_from_iter(w.params.iter()), |r| r.get::<_, String>(3))?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Mutex, OnceLock};

    /// One generated store of 14 000 events (over 12 000 once merged) for every test here.
    fn big() -> &'static Mutex<Store> {
        static S: OnceLock<Mutex<Store>> = OnceLock::new();
        S.get_or_init(|| {
            let mut s = Store::open_in_memory().expect("store");
            crate::generate::fill(&mut s, 14_000, 4).expect("generated store");
            Mutex::new(s)
        })
    }

    fn sel(f: impl FnOnce(&mut Selection)) -> Selection {
        let mut s = Selection::default();
        f(&mut s);
        s
    }

    fn count(s: &Store, sql: &str) -> u64 {
        s.connection()
            .query_row(sql, [], |r| r.get::<_, i64>(0))
            .expect(sql) as u64
    }

    /// (name, selection, the same question asked by hand in SQL)
    fn rows() -> Vec<(&'static str, Selection, &'static str)> {
        let all = "SELECT count(*) FROM canonical WHERE n_docs > 0";
        vec![
            ("all", Selection::default(), all),
            (
                "type",
                sel(|s| s.kind = Some("consult".into())),
                "SELECT count(*) FROM canonical WHERE n_docs > 0 AND type = 'CONSULT'",
            ),
            (
                "country",
                sel(|s| s.country = Some("RUS".into())),
                "SELECT count(*) FROM canonical WHERE n_docs > 0 \
                 AND (source_country = 'RUS' OR target_country = 'RUS')",
            ),
            (
                "country pair",
                sel(|s| {
                    s.country = Some("USA".into());
                    s.country2 = Some("CHN".into());
                }),
                "SELECT count(*) FROM canonical WHERE n_docs > 0 \
                 AND ((source_country = 'USA' AND target_country = 'CHN') \
                   OR (source_country = 'CHN' AND target_country = 'USA'))",
            ),
            (
                "from",
                sel(|s| s.from = Some("2018-01-01".into())),
                "SELECT count(*) FROM canonical WHERE n_docs > 0 AND date IS NOT NULL \
                 AND CASE length(date) WHEN 4 THEN date || '-01-01' WHEN 7 THEN date || '-01' \
                 ELSE date END >= '2018-01-01'",
            ),
            (
                "from to month",
                sel(|s| {
                    s.from = Some("2019-03".into());
                    s.to = Some("2019-03".into());
                }),
                "SELECT count(*) FROM canonical WHERE n_docs > 0 \
                 AND (date = '2019-03' OR date BETWEEN '2019-03-01' AND '2019-03-31')",
            ),
            (
                "to year",
                sel(|s| s.to = Some("2016".into())),
                "SELECT count(*) FROM canonical WHERE n_docs > 0 AND date IS NOT NULL \
                 AND substr(date, 1, 4) <= '2016'",
            ),
            (
                "actor id",
                sel(|s| s.actor = Some("ACTOR-7".into())),
                "SELECT count(*) FROM canonical WHERE n_docs > 0 \
                 AND (source_id = 'actor-7' OR target_id = 'actor-7')",
            ),
            (
                "actor words",
                sel(|s| s.actor = Some("لافروف 3".into())),
                "SELECT count(*) FROM canonical WHERE n_docs > 0 \
                 AND (source_name LIKE 'لافروف%3%' OR target_name LIKE 'لافروف%3%')",
            ),
            (
                "status",
                sel(|s| s.status = Some("planned".into())),
                "SELECT count(*) FROM canonical WHERE n_docs > 0 AND status = 'planned'",
            ),
            (
                "headline",
                sel(|s| s.headline = true),
                "SELECT count(*) FROM canonical WHERE n_docs > 0 AND headline > 0",
            ),
            (
                "outlet",
                sel(|s| s.outlet = Some("arabic".into())),
                "SELECT count(DISTINCT e.canonical) FROM events e JOIN documents d ON d.id = e.doc \
                 WHERE e.current = 1 AND d.outlet IN ('RT Arabic', 'BBC Arabic')",
            ),
            (
                "doc",
                sel(|s| s.doc = Some("gen-17".into())),
                "SELECT count(DISTINCT canonical) FROM events WHERE doc = 'gen-17' AND current = 1",
            ),
            (
                "type, country and year",
                sel(|s| {
                    s.kind = Some("ACCUSE".into());
                    s.country = Some("USA".into());
                    s.from = Some("2020".into());
                    s.to = Some("2021".into());
                }),
                "SELECT count(*) FROM canonical WHERE n_docs > 0 AND type = 'ACCUSE' \
                 AND (source_country = 'USA' OR target_country = 'USA') \
                 AND substr(date, 1, 4) BETWEEN '2020' AND '2021'",
            ),
        ]
    }

    #[test]
    fn counts_equal_direct_sql() {
        let s = big().lock().unwrap_or_else(|e| e.into_inner());
        let total = count(&s, "SELECT count(*) FROM canonical WHERE n_docs > 0");
        assert!(total >= 12_000, "{total} canonical events");
        for (name, selection, sql) in rows() {
            let want = count(&s, sql);
            let got = s.select_count(&selection).expect(name);
            assert_eq!(got, want, "{name}");
            assert!(want > 0 || name == "doc", "{name}: the row tests nothing");
        }
    }

    #[test]
    fn pages_reach_the_last_event_in_order() {
        let s = big().lock().unwrap_or_else(|e| e.into_inner());
        let all = Selection::default();
        let total = s.select_count(&all).expect("count");
        // past the old cap of 10 000
        let last = s
            .select_page(&all, Order::Date, total - 1, Some(10), 1)
            .expect("page");
        assert_eq!(last.len(), 1);
        let max_date: Option<String> = s
            .connection()
            .query_row(
                "SELECT max(date) FROM canonical WHERE n_docs > 0",
                [],
                |r| r.get(0),
            )
            .expect("max");
        assert_eq!(last[0].date, max_date);
        let newest = s
            .select_page(&all, Order::NewestFirst, 0, Some(1), 1)
            .expect("newest");
        assert_eq!(newest[0].id, last[0].id, "newest first starts at the last");
        // every event once, in date order, through pages of 4 000
        let mut seen = Vec::new();
        let mut at = 0;
        loop {
            let page = s
                .select_page(&all, Order::Date, at, Some(4_000), 0)
                .expect("page");
            if page.is_empty() {
                break;
            }
            at += page.len() as u64;
            seen.extend(page.into_iter().map(|e| (e.date, e.id)));
        }
        assert_eq!(seen.len() as u64, total);
        assert!(seen.windows(2).all(|w| w[0] < w[1]), "date, id order");
        // no limit: all of them
        let mut n = 0;
        s.select_each(&all, Order::Date, 0, None, 0, &mut |_| {
            n += 1;
            Ok(())
        })
        .expect("each");
        assert_eq!(n, total);
        // `rasd events --limit N` gets N when N exist
        let listed = s
            .events(&EventFilter {
                limit: 100_000,
                sources_limit: 1,
                ..EventFilter::default()
            })
            .expect("events");
        assert_eq!(listed.len() as u64, total);
    }

    #[test]
    fn the_main_filters_use_an_index() {
        let s = big().lock().unwrap_or_else(|e| e.into_inner());
        let rows = [
            ("type", sel(|s| s.kind = Some("CONSULT".into()))),
            ("from", sel(|s| s.from = Some("2018-01-01".into()))),
            ("to", sel(|s| s.to = Some("2016-06".into()))),
            ("country", sel(|s| s.country = Some("RUS".into()))),
            ("doc", sel(|s| s.doc = Some("gen-17".into()))),
            ("outlet", sel(|s| s.outlet = Some("Xinhua".into()))),
        ];
        for (name, selection) in rows {
            let plan = s.explain_selection(&selection).expect(name).join(" | ");
            assert!(
                !plan.contains("SCAN c") && plan.contains("USING"),
                "{name}: {plan}"
            );
        }
        // unfiltered, the date index gives the order without sorting
        let plan = s
            .explain_selection(&Selection::default())
            .expect("all")
            .join(" | ");
        assert!(plan.contains("canonical_by_date"), "{plan}");
    }

    #[test]
    fn aggregates_add_up() {
        let s = big().lock().unwrap_or_else(|e| e.into_inner());
        let rows = [
            Selection::default(),
            sel(|s| s.kind = Some("CONSULT".into())),
            sel(|s| s.from = Some("2018".into())),
        ];
        for selection in rows {
            let n = s.select_count(&selection).expect("count");
            for interval in [
                Interval::Day,
                Interval::Week,
                Interval::Month,
                Interval::Year,
            ] {
                let t = s.select_timeline(&selection, interval).expect("timeline");
                let dated: usize = t.points.iter().map(|p| p.ids.len()).sum();
                assert_eq!(dated as u64 + t.imprecise, n, "{interval:?}");
            }
            let g = s.select_network(&selection, Level::Actor).expect("network");
            let sides: u64 = g.nodes.iter().map(|n| n.events).sum();
            let want = count(
                &s,
                "SELECT (SELECT count(*) FROM canonical WHERE n_docs > 0 AND source IS NOT NULL) \
                 + (SELECT count(*) FROM canonical WHERE n_docs > 0 AND target IS NOT NULL)",
            );
            if selection == Selection::default() {
                assert_eq!(sides, want);
            }
            for e in &g.edges {
                assert_eq!(e.types.values().sum::<u64>(), e.ids.len() as u64);
            }
            let (total, actors) = s.select_actors(&selection, 20).expect("actors");
            assert_eq!(actors.len(), 20.min(total as usize));
            assert!(actors
                .windows(2)
                .all(|w| { w[0].as_source + w[0].as_target >= w[1].as_source + w[1].as_target }));
            for a in &actors {
                assert_eq!(
                    a.forms.values().sum::<u64>(),
                    a.as_source + a.as_target,
                    "{}",
                    a.key
                );
            }
        }
        let o = s.overview().expect("overview");
        assert_eq!(
            o.events,
            count(&s, "SELECT count(*) FROM canonical WHERE n_docs > 0")
        );
        assert_eq!(o.types.len(), crate::generate::TYPES.len());
    }
}
