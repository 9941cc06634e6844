//! A store held in memory: documents and their coded events, merged into canonical events. Used by
//! tests and by `rasd serve` over plain files; the SQLite store implements the same [`Backend`].
use crate::model::*;
use rasd_code::Event;
use std::collections::HashMap;

/// One document with its furniture and its coded events.
pub struct Input {
    /// Metadata.
    pub meta: DocMeta,
    /// Original text.
    pub text: String,
    /// Furniture spans.
    pub furniture: Vec<FurnitureSpan>,
    /// Events coded from it.
    pub events: Vec<Event>,
}

struct Indexed {
    doc: StoredDoc,
    norm: rasd_text::Normalized,
    /// (skeleton of each token, normalised byte range)
    toks: Vec<(String, usize, usize)>,
}

/// Char spans of the original text.
type Spans = Vec<(usize, usize)>;

/// The in-memory store.
pub struct Memory {
    docs: Vec<Indexed>,
    by_id: HashMap<String, usize>,
    events: Vec<StoredEvent>,
}

/// The key under which reports of the same happening are merged.
fn merge_key(e: &Event) -> Option<String> {
    let date = e.date.as_deref()?;
    if date.len() < 10 {
        return None;
    }
    let side = |a: &Option<rasd_code::Actor>| {
        a.as_ref()
            .map(|a| a.id.clone().unwrap_or_else(|| a.name.clone()))
            .unwrap_or_default()
    };
    Some(format!(
        "{date}|{}|{}|{}|{}",
        e.kind,
        e.status,
        side(&e.source),
        side(&e.target)
    ))
}

fn query_skeletons(q: &str) -> Vec<String> {
    let n = rasd_text::normalize(q);
    rasd_text::tokens(&n)
        .iter()
        .map(|t| rasd_text::skeleton(t.text(&n)))
        .filter(|s| !s.is_empty())
        .collect()
}

impl Memory {
    /// Build the store; events are merged across documents when date (to the day), type, status and
    /// both actors agree.
    pub fn new(inputs: Vec<Input>) -> Memory {
        let mut docs = Vec::new();
        let mut by_id = HashMap::new();
        let mut events: Vec<StoredEvent> = Vec::new();
        let mut merged: HashMap<String, usize> = HashMap::new();
        for inp in inputs {
            if by_id.contains_key(&inp.meta.id) {
                continue;
            }
            for (i, e) in inp.events.into_iter().enumerate() {
                let m = Mention {
                    doc: inp.meta.clone(),
                    event: e,
                };
                let key = merge_key(&m.event);
                match key.as_ref().and_then(|k| merged.get(k).copied()) {
                    Some(at) => events[at].mentions.push(m),
                    None => {
                        if let Some(k) = key {
                            merged.insert(k, events.len());
                        }
                        events.push(StoredEvent {
                            id: format!("{}-{i}", inp.meta.id),
                            mentions: vec![m],
                            canonical: None,
                            n_sources: 0,
                        });
                    }
                }
            }
            let norm = rasd_text::Normalized::new(&inp.text);
            let toks = rasd_text::tokens(norm.text())
                .iter()
                .map(|t| (rasd_text::skeleton(t.text(norm.text())), t.start, t.end))
                .collect();
            by_id.insert(inp.meta.id.clone(), docs.len());
            docs.push(Indexed {
                doc: StoredDoc {
                    meta: inp.meta,
                    text: inp.text,
                    furniture: inp.furniture,
                },
                norm,
                toks,
            });
        }
        events.sort_by(|a, b| {
            let d = |e: &StoredEvent| e.event().and_then(|e| e.date.clone()).unwrap_or_default();
            d(a).cmp(&d(b)).then_with(|| a.id.cmp(&b.id))
        });
        Memory {
            docs,
            by_id,
            events,
        }
    }
}

impl Backend for Memory {
    fn events(&self, filter: &Filter) -> Result<Vec<StoredEvent>, BackendError> {
        Ok(self
            .events
            .iter()
            .filter(|e| filter.matches(e))
            .cloned()
            .collect())
    }

    fn event(&self, id: &str) -> Result<Option<StoredEvent>, BackendError> {
        Ok(self.events.iter().find(|e| e.id == id).cloned())
    }

    fn document(&self, id: &str) -> Result<Option<StoredDoc>, BackendError> {
        Ok(self.by_id.get(id).map(|&i| self.docs[i].doc.clone()))
    }

    fn documents(&self) -> Result<Vec<DocMeta>, BackendError> {
        Ok(self.docs.iter().map(|d| d.doc.meta.clone()).collect())
    }

    /// Every query word must occur (as the end of a word's skeleton, so clitics and spelling variants
    /// of the /g/ sound match); the score counts occurrences, weighted by how rare the word is.
    fn search(&self, query: &str, limit: usize) -> Result<Vec<DocHit>, BackendError> {
        let qs = query_skeletons(query);
        if qs.is_empty() {
            return Ok(vec![]);
        }
        let n_docs = self.docs.len().max(1) as f64;
        let mut per_doc: Vec<(usize, Vec<Spans>)> = Vec::new();
        let mut df = vec![0usize; qs.len()];
        for (di, d) in self.docs.iter().enumerate() {
            let hits: Vec<Vec<(usize, usize)>> = qs
                .iter()
                .map(|q| {
                    d.toks
                        .iter()
                        .filter(|(s, _, _)| {
                            s == q || (s.ends_with(q.as_str()) && s.len() - q.len() <= 6)
                        })
                        .map(|&(_, a, b)| d.norm.orig_span(a, b))
                        .collect()
                })
                .collect();
            for (i, h) in hits.iter().enumerate() {
                if !h.is_empty() {
                    df[i] += 1;
                }
            }
            if hits.iter().all(|h| !h.is_empty()) {
                per_doc.push((di, hits));
            }
        }
        let mut out: Vec<DocHit> = per_doc
            .into_iter()
            .map(|(di, hits)| {
                let score = hits
                    .iter()
                    .zip(&df)
                    .map(|(h, &n)| {
                        let idf = (1.0 + n_docs / n.max(1) as f64).ln();
                        (1.0 + h.len() as f64).ln() * idf
                    })
                    .sum();
                let mut matches: Vec<(usize, usize)> = hits.into_iter().flatten().collect();
                matches.sort_unstable();
                DocHit {
                    doc_id: self.docs[di].doc.meta.id.clone(),
                    score,
                    matches,
                }
            })
            .collect();
        out.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| a.doc_id.cmp(&b.doc_id))
        });
        out.truncate(limit);
        Ok(out)
    }
}
