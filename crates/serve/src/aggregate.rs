//! Counts, pages and aggregates of events, as every [`Backend`] answers them: computed here over
//! the list of events (the in-memory backend's way), or by the store's SQL (the SQLite backend
//! overrides the [`Backend`] methods with queries that give the same answers).
use crate::model::*;
use std::collections::{BTreeMap, HashMap};

/// What the store holds (`/api/meta`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overview {
    /// Documents.
    pub documents: usize,
    /// Documents per outlet.
    pub outlets: BTreeMap<String, usize>,
    /// Events.
    pub events: usize,
    /// Events per type.
    pub types: BTreeMap<String, usize>,
    /// Sides of events per country.
    pub countries: BTreeMap<String, usize>,
    /// Earliest date.
    pub first: Option<String>,
    /// Latest date.
    pub last: Option<String>,
}

/// Events of one type in one period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodEvents {
    /// The bucket.
    pub period: String,
    /// PLOVER type.
    pub kind: String,
    /// The events' ids, in date then id order.
    pub ids: Vec<String>,
}

/// Events by period and type.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TimelineCounts {
    /// Ordered by period, then type.
    pub points: Vec<PeriodEvents>,
    /// Events whose date is missing or less precise than the bucket.
    pub imprecise: usize,
}

/// A node of a network.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NetNode {
    /// Key: an actor id or name, or a country.
    pub key: String,
    /// Name (of its first event).
    pub name: String,
    /// Country.
    pub country: Option<String>,
    /// Sector (empty at the country level).
    pub sector: String,
    /// Sides of events it stands on.
    pub events: usize,
}

/// An edge of a network.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NetEdge {
    /// Source key.
    pub source: String,
    /// Target key.
    pub target: String,
    /// Events per type.
    pub types: BTreeMap<String, usize>,
    /// The events' ids, in date then id order.
    pub ids: Vec<String>,
}

/// Every node (by key) and every edge between two different nodes (by source, target).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NetGraph {
    /// Nodes, ordered by key.
    pub nodes: Vec<NetNode>,
    /// Edges, ordered by (source, target).
    pub edges: Vec<NetEdge>,
}

/// An actor and its events.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActorEvents {
    /// Its id, else its name.
    pub key: String,
    /// Name (of its last event).
    pub name: String,
    /// Country.
    pub country: Option<String>,
    /// Sector.
    pub sector: String,
    /// Events it is the source of.
    pub as_source: usize,
    /// Events it is the target of.
    pub as_target: usize,
    /// Earliest date.
    pub first: Option<String>,
    /// Latest date.
    pub last: Option<String>,
    /// The words it was named by, with counts.
    pub forms: BTreeMap<String, usize>,
    /// Per year, the sectors it acted in, with counts.
    pub sectors_by_year: BTreeMap<String, BTreeMap<String, usize>>,
}

/// The key of an actor: its id, else its name.
pub fn actor_key(a: &rasd_code::Actor) -> String {
    a.id.clone().unwrap_or_else(|| a.name.clone())
}

/// A page of `events` (ordered by date then id): `limit` after `offset`, newest first if asked
/// (undated last), and the total.
pub fn page(
    mut all: Vec<StoredEvent>,
    newest_first: bool,
    offset: usize,
    limit: usize,
) -> (usize, Vec<StoredEvent>) {
    if newest_first {
        all.reverse();
        all.sort_by_key(|e| e.event().is_none_or(|e| e.date.is_none()));
    }
    let total = all.len();
    (total, all.into_iter().skip(offset).take(limit).collect())
}

/// The overview of a list of documents and events.
pub fn overview(docs: &[DocMeta], evs: &[StoredEvent]) -> Overview {
    let mut o = Overview {
        documents: docs.len(),
        events: evs.len(),
        ..Overview::default()
    };
    for d in docs {
        if let Some(out) = &d.outlet {
            *o.outlets.entry(out.clone()).or_default() += 1;
        }
    }
    for e in evs.iter().filter_map(StoredEvent::event) {
        *o.types.entry(e.kind.clone()).or_default() += 1;
        for a in [&e.source, &e.target].into_iter().flatten() {
            if let Some(c) = &a.country {
                *o.countries.entry(c.clone()).or_default() += 1;
            }
        }
        if let Some(d) = &e.date {
            if o.first.as_ref().is_none_or(|f| d < f) {
                o.first = Some(d.clone());
            }
            if o.last.as_ref().is_none_or(|l| d > l) {
                o.last = Some(d.clone());
            }
        }
    }
    o
}

/// Events by period (see [`crate::api::bucket`]) and type.
pub fn timeline(evs: &[StoredEvent], interval: &str) -> TimelineCounts {
    let mut buckets: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
    let mut imprecise = 0;
    for se in evs {
        let Some(e) = se.event() else { continue };
        match e
            .date
            .as_deref()
            .and_then(|d| crate::api::bucket(d, interval))
        {
            Some(k) => buckets
                .entry((k, e.kind.clone()))
                .or_default()
                .push(se.id.clone()),
            None => imprecise += 1,
        }
    }
    TimelineCounts {
        points: buckets
            .into_iter()
            .map(|((period, kind), ids)| PeriodEvents { period, kind, ids })
            .collect(),
        imprecise,
    }
}

/// The network of events: actors (or countries) as nodes, events between them as edges.
pub fn network(evs: &[StoredEvent], country_level: bool) -> NetGraph {
    let node_of = |a: &rasd_code::Actor| -> NetNode {
        if country_level {
            let c = a.country.clone().unwrap_or_else(|| actor_key(a));
            let name = if a.country.is_some() {
                c.clone()
            } else {
                a.name.clone()
            };
            NetNode {
                key: c,
                name,
                country: a.country.clone(),
                sector: String::new(),
                events: 0,
            }
        } else {
            NetNode {
                key: actor_key(a),
                name: a.name.clone(),
                country: a.country.clone(),
                sector: a.sector.clone(),
                events: 0,
            }
        }
    };
    let mut nodes: BTreeMap<String, NetNode> = BTreeMap::new();
    let mut edges: BTreeMap<(String, String), NetEdge> = BTreeMap::new();
    for se in evs {
        let Some(e) = se.event() else { continue };
        let ends: Vec<NetNode> = [&e.source, &e.target]
            .into_iter()
            .flatten()
            .map(node_of)
            .collect();
        for n in &ends {
            nodes
                .entry(n.key.clone())
                .or_insert_with(|| n.clone())
                .events += 1;
        }
        if let [s, t] = ends.as_slice() {
            if s.key != t.key {
                let x = edges
                    .entry((s.key.clone(), t.key.clone()))
                    .or_insert_with(|| NetEdge {
                        source: s.key.clone(),
                        target: t.key.clone(),
                        types: BTreeMap::new(),
                        ids: Vec::new(),
                    });
                *x.types.entry(e.kind.clone()).or_default() += 1;
                x.ids.push(se.id.clone());
            }
        }
    }
    NetGraph {
        nodes: nodes.into_values().collect(),
        edges: edges.into_values().collect(),
    }
}

/// The actors of events, most events first (then by key): how many, and the first `limit`.
pub fn actors(evs: &[StoredEvent], limit: usize) -> (usize, Vec<ActorEvents>) {
    let mut acc: HashMap<String, ActorEvents> = HashMap::new();
    for e in evs.iter().filter_map(StoredEvent::event) {
        for (i, a) in [&e.source, &e.target].into_iter().enumerate() {
            let Some(a) = a else { continue };
            let key = actor_key(a);
            let x = acc.entry(key.clone()).or_default();
            x.key = key;
            x.name = a.name.clone();
            x.country = a.country.clone();
            x.sector = a.sector.clone();
            if i == 0 {
                x.as_source += 1;
            } else {
                x.as_target += 1;
            }
            *x.forms.entry(a.text.clone()).or_default() += 1;
            if let Some(d) = &e.date {
                if x.first.as_ref().is_none_or(|f| d < f) {
                    x.first = Some(d.clone());
                }
                if x.last.as_ref().is_none_or(|l| d > l) {
                    x.last = Some(d.clone());
                }
                let year = d.get(..4).unwrap_or(d).to_string();
                *x.sectors_by_year
                    .entry(year)
                    .or_default()
                    .entry(a.sector.clone())
                    .or_default() += 1;
            }
        }
    }
    let mut list: Vec<ActorEvents> = acc.into_values().collect();
    list.sort_by(|a, b| {
        (b.as_source + b.as_target)
            .cmp(&(a.as_source + a.as_target))
            .then_with(|| a.key.cmp(&b.key))
    });
    let total = list.len();
    list.truncate(limit);
    (total, list)
}
