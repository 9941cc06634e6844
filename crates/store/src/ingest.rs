//! Ingest: one document at a time into the store, events merged into canonical events.

use crate::minhash::{fnv64, Signature};
use crate::rules::{date_range, dates_agree, same_event, MergeKey};
use crate::{content_id, ActorRecord, LocationRecord, Result, SpanRecord, Store, StoreError};
use rasd_code::{Coder, DocInput, Event};
use rasd_read::{Document, ReadError};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use std::collections::HashSet;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// Estimated Jaccard similarity from which a document joins an earlier document's story.
pub const STORY_THRESHOLD: f64 = 0.5;
/// Distinct stories of one outlet a line must recur in to be furniture.
pub const RECURRING_STORIES: i64 = 3;
/// A recurring line shorter than this many words is a common phrase, not furniture.
pub const RECURRING_MIN_WORDS: usize = 4;
/// … or shorter than this many characters.
pub const RECURRING_MIN_CHARS: usize = 20;

/// How [`Store::ingest_stream`] works.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// Documents per transaction (default 200). A crash loses at most the batch under way.
    pub batch: usize,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions { batch: 200 }
    }
}

/// What became of one document.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "outcome", rename_all = "lowercase")]
pub enum Outcome {
    /// Stored.
    Added {
        /// Content id.
        id: String,
        /// Events coded from it.
        events: usize,
        /// Its story.
        story: i64,
        /// Similarity to the closest earlier document of the story (1 when it starts one).
        similarity: f64,
        /// Version at its URL (1 for the first).
        version: u32,
        /// Lines marked as furniture because they recur across the outlet's stories.
        recurring_lines: usize,
    },
    /// The same text was already stored: nothing added.
    Duplicate {
        /// Content id.
        id: String,
    },
}

/// Totals of an ingest run.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct IngestReport {
    /// Documents stored.
    pub added: usize,
    /// Documents already stored (nothing added).
    pub duplicates: usize,
    /// Inputs that could not be read or stored (each reported to the callback).
    pub failed: usize,
    /// Events coded from the stored documents.
    pub events: usize,
    /// Bytes of text of the documents read.
    pub bytes: u64,
}

impl Store {
    /// Ingest one document in its own transaction.
    pub fn ingest(&mut self, coder: &Coder, doc: &Document) -> Result<Outcome> {
        let now = now_rfc3339();
        let tx = self.conn.transaction()?;
        let mut fts = Vec::new();
        let out = ingest_one(&tx, Coding::Coder(coder), doc, &now, &mut fts)?;
        write_fts(&tx, &mut fts)?;
        tx.commit()
            .map_err(|e| StoreError::new(&doc.name, e.to_string()))?;
        Ok(out)
    }

    /// Store documents with events already coded (by another coder, or made up by a test), in one
    /// transaction: like [`Store::ingest`] except that the coder is not run. Events whose trigger
    /// lies in the furniture found for the text are dropped as `ingest` would.
    pub fn ingest_coded<'a, I>(&mut self, docs: I) -> Result<Vec<Outcome>>
    where
        I: IntoIterator<Item = (&'a Document, &'a [Event])>,
    {
        let now = now_rfc3339();
        let tx = self.conn.transaction()?;
        let mut fts = Vec::new();
        let mut out = Vec::new();
        for (doc, events) in docs {
            out.push(ingest_one(&tx, Coding::Given(events), doc, &now, &mut fts)?);
        }
        write_fts(&tx, &mut fts)?;
        tx.commit()?;
        Ok(out)
    }

    /// Ingest documents as an iterator yields them, `opts.batch` per transaction, each in a
    /// savepoint: a document (or read error) that fails is passed to `each` and skipped, the
    /// others are stored. Memory stays flat: one document is held at a time. `each` is called
    /// once per input with its name, its outcome and its size in bytes.
    pub fn ingest_stream<I, F>(
        &mut self,
        coder: &Coder,
        docs: I,
        opts: &IngestOptions,
        mut each: F,
    ) -> Result<IngestReport>
    where
        I: IntoIterator<Item = std::result::Result<Document, ReadError>>,
        F: FnMut(&str, &Result<Outcome>, u64),
    {
        let mut report = IngestReport::default();
        let batch = opts.batch.max(1);
        let now = now_rfc3339();
        let mut tx = self.conn.transaction()?;
        let mut in_batch = 0usize;
        let mut fts: Vec<FtsRow> = Vec::new();
        for item in docs {
            let (name, result, bytes) = match item {
                Err(e) => (
                    e.file.clone(),
                    Err(StoreError::new(e.file, e.message)),
                    0u64,
                ),
                Ok(doc) => {
                    let bytes = doc.text.len() as u64;
                    exec(&tx, "SAVEPOINT doc", [])?;
                    let before = fts.len();
                    match ingest_one(&tx, Coding::Coder(coder), &doc, &now, &mut fts) {
                        Ok(o) => {
                            exec(&tx, "RELEASE doc", [])?;
                            (doc.name, Ok(o), bytes)
                        }
                        Err(e) => {
                            fts.truncate(before);
                            exec(&tx, "ROLLBACK TO doc", [])?;
                            exec(&tx, "RELEASE doc", [])?;
                            (doc.name, Err(e), bytes)
                        }
                    }
                }
            };
            report.bytes += bytes;
            match &result {
                Ok(Outcome::Added { events, .. }) => {
                    report.added += 1;
                    report.events += events;
                }
                Ok(Outcome::Duplicate { .. }) => report.duplicates += 1,
                Err(_) => report.failed += 1,
            }
            each(&name, &result, bytes);
            in_batch += 1;
            if in_batch >= batch {
                write_fts(&tx, &mut fts)?;
                tx.commit()?;
                tx = self.conn.transaction()?;
                in_batch = 0;
            }
        }
        write_fts(&tx, &mut fts)?;
        tx.commit()?;
        Ok(report)
    }

    /// Whether a feed item was already handled (see [`Store::mark_seen`]).
    pub fn is_seen(&self, feed: &str, item: &str) -> Result<bool> {
        Ok(self
            .conn
            .query_row(
                "SELECT 1 FROM seen WHERE feed = ?1 AND item = ?2",
                params![feed, item],
                |_| Ok(()),
            )
            .optional()?
            .is_some())
    }

    /// Remember that a feed item was handled (and which document it gave, if any).
    pub fn mark_seen(&self, feed: &str, item: &str, doc: Option<&str>) -> Result<()> {
        self.conn.execute(
            "INSERT OR REPLACE INTO seen (feed, item, doc, seen_at) VALUES (?1, ?2, ?3, ?4)",
            params![feed, item, doc, now_rfc3339()],
        )?;
        Ok(())
    }
}

/// The current time as `YYYY-MM-DDTHH:MM:SSZ`.
pub fn now_rfc3339() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    format!(
        "{}T{:02}:{:02}:{:02}Z",
        crate::rules::day_string(days),
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Which group of documents shares furniture: the outlet, else the URL's host.
fn outlet_key(doc: &Document) -> Option<String> {
    if let Some(o) = doc
        .outlet
        .as_deref()
        .map(str::trim)
        .filter(|o| !o.is_empty())
    {
        return Some(o.to_string());
    }
    let url = doc.url.as_deref()?;
    let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
    let host = rest.split(['/', '?', '#']).next()?.trim();
    (!host.is_empty()).then(|| format!("host:{}", host.to_ascii_lowercase()))
}

/// The loose search key of a normalised text: for each word, the skeletons of its forms without
/// clitics (so «ولافروف» is found by «لافروف», «بينغ» by «بينج»).
pub(crate) fn loose_key(norm: &str) -> String {
    let mut out = String::with_capacity(norm.len());
    let mut forms: Vec<String> = Vec::new();
    for t in rasd_text::tokens(norm) {
        forms.clear();
        for (f, _) in rasd_text::clitic_forms(t.text(norm)) {
            let s = rasd_text::skeleton(&f);
            if !s.is_empty() && !forms.contains(&s) {
                forms.push(s);
            }
        }
        for f in &forms {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(f);
        }
    }
    out
}

/// Run a statement through the connection's statement cache.
fn exec(conn: &Connection, sql: &str, p: impl rusqlite::Params) -> rusqlite::Result<usize> {
    conn.prepare_cached(sql)?.execute(p)
}

/// A document's row of the full-text index, written when its batch commits (FTS5 flushes its
/// pending terms at every savepoint, so writing it per document would cost a segment each).
pub(crate) struct FtsRow {
    rowid: i64,
    body: String,
    loose: String,
}

pub(crate) fn write_fts(conn: &Connection, rows: &mut Vec<FtsRow>) -> Result<()> {
    let mut st =
        conn.prepare_cached("INSERT INTO doc_fts (rowid, body, loose) VALUES (?1, ?2, ?3)")?;
    for r in rows.drain(..) {
        st.execute(params![r.rowid, r.body, r.loose])?;
    }
    Ok(())
}

fn json<T: Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| "null".into())
}

/// Where a document's events come from.
#[derive(Clone, Copy)]
enum Coding<'a> {
    /// Coded here.
    Coder(&'a Coder),
    /// Given, already coded.
    Given(&'a [Event]),
}

fn ingest_one(
    conn: &Connection,
    coding: Coding,
    doc: &Document,
    now: &str,
    fts: &mut Vec<FtsRow>,
) -> Result<Outcome> {
    let err = |m: String| StoreError::new(&doc.name, m);
    if doc.text.trim().is_empty() {
        return Err(err("empty text: nothing to store".into()));
    }
    let id = content_id(&doc.text);
    let exists = conn
        .prepare_cached("SELECT 1 FROM documents WHERE id = ?1")?
        .query_row([&id], |_| Ok(()))
        .optional()?
        .is_some();
    if exists {
        return Ok(Outcome::Duplicate { id });
    }

    let lines = catch_unwind(|| rasd_read::classify_lines(&doc.text))
        .map_err(|_| err("the furniture classifier failed on this text".into()))?;
    // byte offset of every char, and of the end
    let bytes_at: Vec<usize> = doc
        .text
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(doc.text.len()))
        .collect();
    let n_chars = bytes_at.len() - 1;
    let slice = |s: usize, e: usize| {
        &doc.text[bytes_at[s.min(n_chars)]..bytes_at[e.min(n_chars).max(s.min(n_chars))]]
    };

    let mut furniture: Vec<(usize, usize, String)> = lines
        .iter()
        .filter_map(|l| {
            l.furniture
                .map(|f| (l.start, l.end, f.as_str().to_string()))
        })
        .collect();
    let mut body = String::with_capacity(doc.text.len());
    for l in lines.iter().filter(|l| l.furniture.is_none()) {
        body.push_str(slice(l.start, l.end));
        body.push('\n');
    }
    let sig = Signature::of_text(&body);
    let (story, similarity) = find_story(conn, &sig, &id)?;

    // corpus-level furniture: a line recurring in several stories of one outlet
    let mut recurring_lines = 0;
    if let Some(outlet) = outlet_key(doc) {
        let mut here = HashSet::new();
        for l in lines.iter().filter(|l| l.furniture.is_none()) {
            let norm = rasd_text::normalize(slice(l.start, l.end));
            let words: Vec<&str> = norm.split_whitespace().collect();
            let joined = words.join(" ");
            if rasd_text::tokens(&joined).len() < RECURRING_MIN_WORDS
                || joined.chars().count() < RECURRING_MIN_CHARS
            {
                continue;
            }
            let h = fnv64(joined.as_bytes()) as i64;
            if !here.insert(h) {
                continue;
            }
            let row: Option<(i64, Option<i64>, Option<i64>)> = conn
                .prepare_cached(
                    "SELECT n, story1, story2 FROM lines WHERE outlet = ?1 AND hash = ?2",
                )?
                .query_row(params![outlet, h], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })
                .optional()?;
            match row {
                None => {
                    exec(
                        conn,
                        "INSERT INTO lines (outlet, hash, n, story1) VALUES (?1, ?2, 1, ?3)",
                        params![outlet, h, story],
                    )?;
                }
                Some((n, s1, s2)) => {
                    let known = s1 == Some(story) || s2 == Some(story);
                    if !known && n < RECURRING_STORIES {
                        exec(
                            conn,
                            "UPDATE lines SET n = n + 1, story2 = COALESCE(story2, ?3) \
                             WHERE outlet = ?1 AND hash = ?2",
                            params![outlet, h, story],
                        )?;
                    }
                    let stories = if known { n } else { n + 1 };
                    if stories >= RECURRING_STORIES {
                        furniture.push((l.start, l.end, "recurring".into()));
                        recurring_lines += 1;
                    }
                }
            }
        }
    }
    furniture.sort();

    let spans: Vec<(usize, usize)> = furniture.iter().map(|f| (f.0, f.1)).collect();
    let input = DocInput {
        name: &doc.name,
        text: &doc.text,
        published: doc.published.as_deref(),
        furniture: &spans,
    };
    let events: Vec<Event> = match coding {
        Coding::Coder(coder) => catch_unwind(AssertUnwindSafe(|| coder.code(&input)))
            .map_err(|_| err("the event coder failed on this document".into()))?,
        Coding::Given(events) => events.to_vec(),
    };
    let in_furniture = |c: usize| spans.iter().any(|&(s, e)| s <= c && c < e);
    let events: Vec<Event> = events
        .into_iter()
        .filter(|e| !e.evidence.last().is_some_and(|t| in_furniture(t.start)))
        .collect();

    // a changed text at a known URL is its next version
    let (version, previous) = match doc.url.as_deref().filter(|u| !u.trim().is_empty()) {
        Some(url) => {
            let prev: Option<(String, u32)> = conn
                .prepare_cached(
                    "SELECT id, version FROM documents WHERE url = ?1 ORDER BY version DESC LIMIT 1",
                )?
                .query_row([url], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            match prev {
                Some((p, v)) => {
                    supersede(conn, &p)?;
                    (v + 1, Some(p))
                }
                None => (1, None),
            }
        }
        None => (1, None),
    };

    let furniture_json = json(&furniture);
    exec(
        conn,
        "INSERT INTO documents (id, name, url, outlet, title, published, text, furniture, \
         ingested_at, version, previous, current, story, similarity, minhash, arabic) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 1, ?12, ?13, ?14, ?15)",
        params![
            id,
            doc.name,
            doc.url,
            doc.outlet,
            doc.title,
            doc.published,
            doc.text,
            furniture_json,
            now,
            version,
            previous,
            story,
            similarity,
            sig.to_bytes(),
            rasd_read::arabic_ratio(&doc.text)
        ],
    )?;
    let n = conn.last_insert_rowid();
    let mut indexed = String::with_capacity(body.len());
    if let Some(t) = doc.title.as_deref() {
        indexed.push_str(t);
        indexed.push('\n');
    }
    // the body without furniture (recurring lines included: they are removed below)
    for l in lines
        .iter()
        .filter(|l| !in_furniture(l.start) || l.start == l.end)
    {
        indexed.push_str(slice(l.start, l.end));
        indexed.push('\n');
    }
    let norm = rasd_text::normalize(&indexed);
    let loose = loose_key(&norm);
    fts.push(FtsRow {
        rowid: n,
        body: norm,
        loose,
    });
    if !sig.is_empty() {
        let mut st =
            conn.prepare_cached("INSERT OR IGNORE INTO lsh (band, hash, doc) VALUES (?1, ?2, ?3)")?;
        for (band, h) in sig.bands() {
            st.execute(params![band as i64, h, id])?;
        }
    }
    exec(
        conn,
        "UPDATE stories SET n_docs = n_docs + 1 WHERE id = ?1",
        [story],
    )?;
    let outlet = doc.outlet.clone().unwrap_or_default();
    for (seq, e) in events.iter().enumerate() {
        merge_event(conn, &id, seq, e, &outlet)?;
    }
    Ok(Outcome::Added {
        id,
        events: events.len(),
        story,
        similarity,
        version,
        recurring_lines,
    })
}

/// The story of a new document: the story of the most similar earlier document sharing an LSH
/// band, when the similarity reaches [`STORY_THRESHOLD`], else a new story.
fn find_story(conn: &Connection, sig: &Signature, id: &str) -> Result<(i64, f64)> {
    let mut best: Option<(i64, f64)> = None;
    if !sig.is_empty() {
        let mut cands: Vec<String> = Vec::new();
        let mut st = conn.prepare_cached("SELECT doc FROM lsh WHERE band = ?1 AND hash = ?2")?;
        for (band, h) in sig.bands() {
            if let Some(d) = st
                .query_row(params![band as i64, h], |r| r.get::<_, String>(0))
                .optional()?
            {
                if !cands.contains(&d) {
                    cands.push(d);
                }
            }
        }
        let mut get = conn.prepare_cached("SELECT story, minhash FROM documents WHERE id = ?1")?;
        for d in cands {
            let row: Option<(i64, Vec<u8>)> = get
                .query_row([&d], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            if let Some((story, bytes)) = row {
                if let Some(other) = Signature::from_bytes(&bytes) {
                    let s = sig.similarity(&other);
                    if s >= STORY_THRESHOLD && best.is_none_or(|(_, b)| s > b) {
                        best = Some((story, s));
                    }
                }
            }
        }
    }
    match best {
        Some(b) => Ok(b),
        None => {
            exec(
                conn,
                "INSERT INTO stories (first_doc, n_docs) VALUES (?1, 0)",
                [id],
            )?;
            Ok((conn.last_insert_rowid(), 1.0))
        }
    }
}

/// Mark a document replaced by a newer version: its events stop counting as sources.
fn supersede(conn: &Connection, doc: &str) -> Result<()> {
    let changed = exec(
        conn,
        "UPDATE documents SET current = 0 WHERE id = ?1 AND current = 1",
        [doc],
    )?;
    if changed == 0 {
        return Ok(());
    }
    exec(conn,
        "UPDATE stories SET n_docs = n_docs - 1 WHERE id = (SELECT story FROM documents WHERE id = ?1)",
        [doc],
    )?;
    let outlet: Option<String> = conn
        .prepare_cached("SELECT outlet FROM documents WHERE id = ?1")?
        .query_row([doc], |r| r.get(0))?;
    let outlet = outlet.unwrap_or_default();
    type Row = (i64, i64, Option<String>, Option<String>, String, bool);
    let rows: Vec<Row> = {
        let mut st = conn.prepare(
            "SELECT id, canonical, date, location, status, headline FROM events \
             WHERE doc = ?1 AND current = 1",
        )?;
        let it = st.query_map([doc], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })?;
        it.collect::<std::result::Result<_, _>>()?
    };
    for (eid, cid, date, loc, status, headline) in rows {
        let date = date.filter(|d| date_range(d).is_some());
        exec(conn, "UPDATE events SET current = 0 WHERE id = ?1", [eid])?;
        tally_all(
            conn,
            cid,
            doc,
            &outlet,
            date.as_deref(),
            loc.as_deref(),
            &status,
            headline,
            -1,
        )?;
        refresh(conn, cid)?;
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn tally_all(
    conn: &Connection,
    cid: i64,
    doc: &str,
    outlet: &str,
    date: Option<&str>,
    place: Option<&str>,
    status: &str,
    headline: bool,
    delta: i64,
) -> Result<()> {
    tally(conn, cid, "date", date.unwrap_or(""), delta)?;
    tally(conn, cid, "place", place.unwrap_or(""), delta)?;
    tally(conn, cid, "status", status, delta)?;
    tally(conn, cid, "outlet", outlet, delta)?;
    tally(conn, cid, "doc", doc, delta)?;
    if headline {
        tally(conn, cid, "headline", "1", delta)?;
    }
    Ok(())
}

/// Add `delta` to a tally, keeping the canonical event's document, outlet and headline counts.
fn tally(conn: &Connection, cid: i64, field: &str, value: &str, delta: i64) -> Result<()> {
    let old: i64 = conn
        .prepare_cached("SELECT n FROM tally WHERE canonical = ?1 AND field = ?2 AND value = ?3")?
        .query_row(params![cid, field, value], |r| r.get(0))
        .optional()?
        .unwrap_or(0);
    let new = (old + delta).max(0);
    conn.prepare_cached(
        "INSERT INTO tally (canonical, field, value, n) VALUES (?1, ?2, ?3, ?4) \
         ON CONFLICT (canonical, field, value) DO UPDATE SET n = excluded.n",
    )?
    .execute(params![cid, field, value, new])?;
    let step = i64::from(old == 0 && new > 0) - i64::from(old > 0 && new == 0);
    let column = match field {
        "doc" => "n_docs",
        "outlet" => "n_outlets",
        "headline" => {
            exec(
                conn,
                "UPDATE canonical SET headline = headline + ?2 WHERE id = ?1",
                params![cid, new - old],
            )?;
            return Ok(());
        }
        _ => return Ok(()),
    };
    if step != 0 {
        exec(
            conn,
            &format!("UPDATE canonical SET {column} = {column} + ?2 WHERE id = ?1"),
            params![cid, step],
        )?;
    }
    Ok(())
}

/// The values of a field of a canonical event's tally with their counts (all, or only counted ones).
pub(crate) fn tallies(
    conn: &Connection,
    cid: i64,
    field: &str,
    with_zero: bool,
) -> Result<Vec<(String, i64)>> {
    let mut st = conn.prepare_cached(
        "SELECT value, n FROM tally WHERE canonical = ?1 AND field = ?2 ORDER BY n DESC, value",
    )?;
    let rows = st.query_map(params![cid, field], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let mut out = Vec::new();
    for r in rows {
        let (v, n): (String, i64) = r?;
        if with_zero || n > 0 {
            out.push((v, n));
        }
    }
    Ok(out)
}

/// Recompute a canonical event's majority date, place and status, and its date range.
fn refresh(conn: &Connection, cid: i64) -> Result<()> {
    let dates = tallies(conn, cid, "date", false)?;
    if dates.is_empty() {
        return Ok(());
    }
    let precision = |v: &str| match date_range(v) {
        Some((a, b)) if a == b => 3,
        Some((a, b)) if b - a < 40 => 2,
        Some(_) => 1,
        None => 0,
    };
    let date = dates
        .iter()
        .max_by(|a, b| {
            (a.1, precision(&a.0))
                .cmp(&(b.1, precision(&b.0)))
                .then_with(|| b.0.cmp(&a.0))
        })
        .map(|d| d.0.clone())
        .filter(|d| !d.is_empty());
    let mut lo: Option<i64> = None;
    let mut hi: Option<i64> = None;
    for (v, _) in &dates {
        if let Some((a, b)) = date_range(v) {
            lo = Some(lo.map_or(a, |x| x.min(a)));
            hi = Some(hi.map_or(b, |x| x.max(b)));
        }
    }
    let places = tallies(conn, cid, "place", false)?;
    let place = places
        .iter()
        .max_by(|a, b| {
            (a.1, !a.0.is_empty())
                .cmp(&(b.1, !b.0.is_empty()))
                .then_with(|| b.0.cmp(&a.0))
        })
        .map(|p| p.0.clone())
        .filter(|p| !p.is_empty());
    let place_country = place
        .as_deref()
        .and_then(|p| serde_json::from_str::<LocationRecord>(p).ok())
        .map(|l| l.country);
    let status = tallies(conn, cid, "status", false)?
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
        .map(|s| s.0);
    exec(
        conn,
        "UPDATE canonical SET date = ?2, date_lo = ?3, date_hi = ?4, location = ?5, \
         location_country = ?6, status = COALESCE(?7, status) WHERE id = ?1",
        params![cid, date, lo, hi, place, place_country, status],
    )?;
    Ok(())
}

/// Store one coded event and merge it into the canonical event it agrees with (or a new one).
fn merge_event(conn: &Connection, doc: &str, seq: usize, e: &Event, outlet: &str) -> Result<()> {
    let src = e.source.as_ref().map(ActorRecord::from);
    let tgt = e.target.as_ref().map(ActorRecord::from);
    let loc = e.location.as_ref().map(LocationRecord::from);
    let key = MergeKey {
        kind: &e.kind,
        source: src.as_ref(),
        target: tgt.as_ref(),
    };
    let range = e.date.as_deref().and_then(date_range);
    // an event whose date is not a date merges like an undated one
    let date = if range.is_some() {
        e.date.as_deref()
    } else {
        None
    };
    let cands: Vec<(i64, Option<String>, Option<String>)> = {
        let map = |r: &rusqlite::Row| Ok((r.get(0)?, r.get(1)?, r.get(2)?));
        match range {
            Some((lo, hi)) => {
                let mut st = conn.prepare_cached(
                    "SELECT id, source, target FROM canonical WHERE type = ?1 \
                     AND date_lo IS NOT NULL AND date_lo <= ?3 + 1 AND date_hi >= ?2 - 1 \
                     ORDER BY n_docs DESC, id LIMIT 500",
                )?;
                let it = st.query_map(params![e.kind, lo, hi], map)?;
                it.collect::<std::result::Result<_, _>>()?
            }
            None => {
                let mut st = conn.prepare_cached(
                    "SELECT id, source, target FROM canonical WHERE type = ?1 AND date_lo IS NULL \
                     ORDER BY n_docs DESC, id LIMIT 500",
                )?;
                let it = st.query_map(params![e.kind], map)?;
                it.collect::<std::result::Result<_, _>>()?
            }
        }
    };
    let parse = |s: &Option<String>| -> Option<ActorRecord> {
        s.as_deref().and_then(|j| serde_json::from_str(j).ok())
    };
    let mut chosen = None;
    for (cid, s, t) in &cands {
        let (cs, ct) = (parse(s), parse(t));
        let ck = MergeKey {
            kind: &e.kind,
            source: cs.as_ref(),
            target: ct.as_ref(),
        };
        if !same_event(&key, &ck) {
            continue;
        }
        let dates = tallies(conn, *cid, "date", true)?;
        if dates
            .iter()
            .any(|(d, _)| dates_agree(date, (!d.is_empty()).then_some(d.as_str())))
        {
            chosen = Some(*cid);
            break;
        }
    }
    let src_json = src.as_ref().map(json);
    let tgt_json = tgt.as_ref().map(json);
    let loc_json = loc.as_ref().map(json);
    let cid = match chosen {
        Some(c) => c,
        None => {
            exec(conn,
                "INSERT INTO canonical (type, mode, cameo, status, date, date_lo, date_hi, \
                 source, source_id, source_country, source_sector, source_name, \
                 target, target_id, target_country, target_sector, target_name, \
                 location, location_country) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
                params![
                    e.kind,
                    e.mode,
                    e.cameo,
                    e.status,
                    date,
                    range.map(|r| r.0),
                    range.map(|r| r.1),
                    src_json,
                    src.as_ref().and_then(|a| a.id.clone()),
                    src.as_ref().and_then(|a| a.country.clone()),
                    src.as_ref().map(|a| a.sector.clone()),
                    src.as_ref().map(|a| a.name.clone()),
                    tgt_json,
                    tgt.as_ref().and_then(|a| a.id.clone()),
                    tgt.as_ref().and_then(|a| a.country.clone()),
                    tgt.as_ref().map(|a| a.sector.clone()),
                    tgt.as_ref().map(|a| a.name.clone()),
                    loc_json,
                    loc.as_ref().map(|l| l.country.clone()),
                ],
            )?;
            conn.last_insert_rowid()
        }
    };
    let evidence: Vec<SpanRecord> = e
        .evidence
        .iter()
        .map(|s| SpanRecord {
            start: s.start,
            end: s.end,
            text: s.text.clone(),
        })
        .collect();
    conn.prepare_cached(
        "INSERT INTO events (doc, seq, canonical, current, headline, date, date_text, type, mode, \
         cameo, status, source, target, location, evidence, confidence) \
         VALUES (?1, ?2, ?3, 1, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
    )?
    .execute(params![
        doc,
        seq as i64,
        cid,
        e.headline,
        e.date,
        e.date_text,
        e.kind,
        e.mode,
        e.cameo,
        e.status,
        src_json,
        tgt_json,
        loc_json,
        json(&evidence),
        e.confidence
    ])?;
    tally_all(
        conn,
        cid,
        doc,
        outlet,
        date,
        loc_json.as_deref(),
        &e.status,
        e.headline,
        1,
    )?;
    refresh(conn, cid)
}
