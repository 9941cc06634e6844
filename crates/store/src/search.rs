//! Full-text search over the normalised text (SQLite FTS5), with snippets in original offsets.

use crate::query::canonical_where;
use crate::*;
use rusqlite::params_from_iter;
use rusqlite::types::Value;

/// Longest query accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 500;
/// Most words of a query.
pub const MAX_QUERY_WORDS: usize = 16;

/// A query word: its normalised form and its loose keys (the skeletons of its forms without
/// clitics, when they keep at least [`MIN_LOOSE`] letters: shorter keys match too much).
struct Term {
    word: String,
    loose: Vec<String>,
}

/// Fewest letters of a loose key used for matching.
pub const MIN_LOOSE: usize = 3;

fn terms(query: &str) -> Result<Vec<Term>> {
    if query.chars().count() > MAX_QUERY_CHARS {
        return Err(StoreError::new(
            "query",
            format!("longer than {MAX_QUERY_CHARS} characters"),
        ));
    }
    let norm = rasd_text::normalize(query);
    let mut out: Vec<Term> = Vec::new();
    for t in rasd_text::tokens(&norm) {
        let word = t.text(&norm).to_string();
        let mut loose: Vec<String> = Vec::new();
        for (f, _) in rasd_text::clitic_forms(&word) {
            let k = rasd_text::skeleton(&f);
            if k.chars().count() >= MIN_LOOSE && !loose.contains(&k) {
                loose.push(k);
            }
        }
        if !out.iter().any(|x| x.word == word) {
            out.push(Term { word, loose });
        }
    }
    if out.is_empty() {
        return Err(StoreError::new("query", "no word to search for"));
    }
    if out.len() > MAX_QUERY_WORDS {
        return Err(StoreError::new(
            "query",
            format!("more than {MAX_QUERY_WORDS} words"),
        ));
    }
    Ok(out)
}

/// The FTS5 expression: every word, found as written or by its loose key.
fn fts_expr(terms: &[Term]) -> String {
    terms
        .iter()
        .map(|t| {
            let q = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
            let mut alts = vec![format!("body : {}", q(&t.word))];
            alts.extend(t.loose.iter().map(|k| format!("loose : {}", q(k))));
            format!("({})", alts.join(" OR "))
        })
        .collect::<Vec<_>>()
        .join(" AND ")
}

/// Where the query words occur in a text: char spans of the original, outside furniture first.
fn find_hits(text: &str, furniture: &[(usize, usize)], terms: &[Term]) -> Vec<(usize, usize)> {
    let n = rasd_text::Normalized::new(text);
    let norm = n.text();
    let mut inside = Vec::new();
    let mut outside = Vec::new();
    for t in rasd_text::tokens(norm) {
        let w = t.text(norm);
        let hit = terms.iter().any(|q| {
            q.word == w
                || (!q.loose.is_empty()
                    && rasd_text::clitic_forms(w)
                        .iter()
                        .any(|(f, _)| q.loose.contains(&rasd_text::skeleton(f))))
        });
        if hit {
            let span = n.orig_span(t.start, t.end);
            if furniture.iter().any(|&(s, e)| s <= span.0 && span.0 < e) {
                inside.push(span);
            } else {
                outside.push(span);
            }
        }
    }
    outside.extend(inside);
    outside
}

/// A window of the original text around the first hit, cut at spaces.
fn snippet(text: &str, hits: &[(usize, usize)]) -> Snippet {
    let chars: Vec<char> = text.chars().collect();
    let len = chars.len();
    let (mut start, mut end) = match hits.first() {
        Some(&(s, e)) => (s.saturating_sub(60), (e + 140).min(len)),
        None => (0, 200.min(len)),
    };
    while start > 0
        && !chars[start - 1].is_whitespace()
        && hits.first().is_some_and(|h| h.0 - start < 80)
    {
        start -= 1;
    }
    while end < len && !chars[end].is_whitespace() && end - start < 260 {
        end += 1;
    }
    let mut highlights: Vec<(usize, usize)> = hits
        .iter()
        .copied()
        .filter(|&(s, e)| s >= start && e <= end)
        .collect();
    highlights.extend(
        hits.iter()
            .copied()
            .filter(|&(s, e)| !(s >= start && e <= end)),
    );
    highlights.truncate(50);
    Snippet {
        start,
        end,
        text: chars[start..end].iter().collect(),
        highlights,
    }
}

impl Store {
    /// Search the current documents: every word of `query` must occur (as written after
    /// normalisation, or by its loose key: clitics stripped, /g/ letters and long vowels folded).
    /// Results are ranked by BM25, with a snippet (char offsets into the original text) and the
    /// document's events. Errors (a query too long, without words, or a bad date) name `query` or
    /// the filter.
    pub fn search(
        &self,
        query: &str,
        f: &SearchFilter,
        limit: usize,
        offset: usize,
    ) -> Result<SearchResults> {
        let terms = terms(query)?;
        let w = canonical_where(
            f.actor.as_deref(),
            f.country.as_deref(),
            f.kind.as_deref(),
            f.since.as_deref(),
            f.until.as_deref(),
            None,
            None,
            false,
        )?;
        let mut params: Vec<Value> = w.params.clone();
        let mut cond = String::from("d.current = 1");
        if !params.is_empty() {
            cond.push_str(&format!(
                " AND EXISTS (SELECT 1 FROM events e JOIN canonical c ON c.id = e.canonical \
                 WHERE e.doc = d.id AND e.current = 1 AND {})",
                w.sql
            ));
        }
        if let Some(o) = f.outlet.as_deref().map(str::trim).filter(|o| !o.is_empty()) {
            params.push(Value::Text(o.to_string()));
            cond.push_str(&format!(" AND d.outlet = ?{}", params.len()));
        }
        params.push(Value::Text(fts_expr(&terms)));
        let m = params.len();
        let from = format!(
            "FROM doc_fts JOIN documents d ON d.n = doc_fts.rowid WHERE doc_fts MATCH ?{m} AND {cond}"
        );
        let fts_err = |e: rusqlite::Error| StoreError::new("query", e.to_string());
        let total: i64 = self
            .conn
            .query_row(
                &format!("SELECT count(*) {from}"),
                params_from_iter(params.iter()),
                |r| r.get(0),
            )
            .map_err(fts_err)?;
        let sql = format!(
            "SELECT d.id, d.name, d.title, d.outlet, d.url, d.published, d.text, d.furniture, \
             bm25(doc_fts, 1.0, 0.5) AS rank {from} ORDER BY rank, d.n LIMIT {} OFFSET {}",
            limit.min(1000),
            offset
        );
        let mut st = self.conn.prepare(&sql).map_err(fts_err)?;
        let rows = st
            .query_map(params_from_iter(params.iter()), |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, Option<String>>(4)?,
                    r.get::<_, Option<String>>(5)?,
                    r.get::<_, String>(6)?,
                    r.get::<_, String>(7)?,
                    r.get::<_, f64>(8)?,
                ))
            })
            .map_err(fts_err)?;
        let mut hits = Vec::new();
        for row in rows {
            let (doc, name, title, outlet, url, published, text, furniture, rank) =
                row.map_err(fts_err)?;
            let furniture: Vec<(usize, usize, String)> =
                serde_json::from_str(&furniture).unwrap_or_default();
            let spans: Vec<(usize, usize)> = furniture.iter().map(|f| (f.0, f.1)).collect();
            let found = find_hits(&text, &spans, &terms);
            let events = self.events_of_doc(&doc)?;
            hits.push(SearchHit {
                doc,
                name,
                title,
                outlet,
                url,
                published,
                rank,
                snippet: snippet(&text, &found),
                events,
            });
        }
        Ok(SearchResults {
            total: total.max(0) as u64,
            hits,
        })
    }
}
