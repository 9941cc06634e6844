//! The database schema and its migrations.
//!
//! # SCHEMA (version 6)
//!
//! | table | one row per | key columns |
//! |---|---|---|
//! | `documents` | stored text (a version of a page) | `n` (rowid, also the FTS rowid), `id` = [`crate::content_id`] of the text, `name`, `url`, `outlet`, `title`, `published`, `text` (original), `furniture` (JSON `[[start,end,kind],…]`, char offsets), `ingested_at`, `version`, `previous` (id of the version it replaces), `current` (0 once replaced), `story`, `similarity`, `minhash` (128 × u32 LE) |
//! | `stories` | cluster of near-duplicate documents | `id`, `first_doc`, `n_docs` |
//! | `lsh` | LSH band bucket | `(band, hash)` → the first document seen in it |
//! | `lines` | (outlet, normalised line) pair | `n` distinct stories it was seen in (capped at 3), `story1`, `story2` |
//! | `canonical` | real-world event, merged over sources | `type`, `mode`, `cameo`, `status`, `date` (majority), `date_lo`/`date_hi` (day numbers covered by all its dates), `source`/`target` (JSON actor) with `*_id`, `*_country`, `*_sector`, `*_name` copied out, `location` (JSON, majority), `location_country`, `headline` (number of headline mentions), `n_docs`, `n_outlets` |
//! | `events` | event as coded from one document | `doc`, `seq`, `canonical`, `current`, and every field of `rasd_code::Event`: `headline`, `date`, `date_text`, `type`, `mode`, `cameo`, `status`, `source`, `target` (JSON actors with `start`/`end`), `location` (JSON), `evidence` (JSON spans) |
//! | `tally` | (canonical, field, value) | counts of current source events per `date`, `place`, `status`, `outlet`, `doc`, `headline`: majorities and source counts without rescanning |
//! | `doc_fts` | document (FTS5, contentless, rowid = `documents.n`) | `body` = normalised text, `loose` = clitic-stripped skeletons of every word |
//! | `seen` | feed item already fetched | `(feed, item)` → `doc`, `seen_at` |
//! | `meta` | setting | `key` → `value` |
//!
//! Version 2 adds the index `documents_name`; version 3 the column `documents.arabic` (share of
//! Arabic letters among the letters of the text; `NULL` for documents stored before it); version 4
//! the index `documents_story_n`; version 5 the column `events.confidence` (the trigger model's
//! probability; `NULL` for events stored before it); version 6 the generated columns
//! `canonical.day_lo`/`day_hi` (first and last day of the majority `date`, `YYYY-MM-DD`) and the
//! indexes of the API's queries (`canonical_day`, `canonical_by_date`, `canonical_type_by_date`,
//! `canonical_source_country`, `canonical_target_country`, `tally_field_value`).
//!
//! `PRAGMA user_version` holds the number of migration steps applied; [`migrate`] applies the
//! missing ones, each in its own transaction.

use rusqlite::Connection;

/// The migration steps, in order. Step `i` brings the database from version `i` to `i + 1`.
pub const MIGRATIONS: &[&str] = &[
    // 1: the tables
    r#"
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE stories (
    id INTEGER PRIMARY KEY,
    first_doc TEXT NOT NULL,
    n_docs INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE documents (
    n INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    url TEXT,
    outlet TEXT,
    title TEXT,
    published TEXT,
    text TEXT NOT NULL,
    furniture TEXT NOT NULL,
    ingested_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    previous TEXT,
    current INTEGER NOT NULL DEFAULT 1,
    story INTEGER NOT NULL,
    similarity REAL NOT NULL,
    minhash BLOB NOT NULL
);
CREATE INDEX documents_url ON documents(url, version);
CREATE INDEX documents_story ON documents(story);
CREATE INDEX documents_outlet ON documents(outlet);
CREATE TABLE lsh (
    band INTEGER NOT NULL,
    hash INTEGER NOT NULL,
    doc TEXT NOT NULL,
    PRIMARY KEY (band, hash)
) WITHOUT ROWID;
CREATE TABLE lines (
    outlet TEXT NOT NULL,
    hash INTEGER NOT NULL,
    n INTEGER NOT NULL,
    story1 INTEGER,
    story2 INTEGER,
    PRIMARY KEY (outlet, hash)
) WITHOUT ROWID;
CREATE TABLE canonical (
    id INTEGER PRIMARY KEY,
    type TEXT NOT NULL,
    mode TEXT,
    cameo TEXT NOT NULL,
    status TEXT NOT NULL,
    date TEXT,
    date_lo INTEGER,
    date_hi INTEGER,
    source TEXT,
    source_id TEXT,
    source_country TEXT,
    source_sector TEXT,
    source_name TEXT,
    target TEXT,
    target_id TEXT,
    target_country TEXT,
    target_sector TEXT,
    target_name TEXT,
    location TEXT,
    location_country TEXT,
    headline INTEGER NOT NULL DEFAULT 0,
    n_docs INTEGER NOT NULL DEFAULT 0,
    n_outlets INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX canonical_type_date ON canonical(type, date_lo);
CREATE INDEX canonical_date ON canonical(date_lo);
CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    doc TEXT NOT NULL,
    seq INTEGER NOT NULL,
    canonical INTEGER NOT NULL,
    current INTEGER NOT NULL DEFAULT 1,
    headline INTEGER NOT NULL,
    date TEXT,
    date_text TEXT,
    type TEXT NOT NULL,
    mode TEXT,
    cameo TEXT NOT NULL,
    status TEXT NOT NULL,
    source TEXT,
    target TEXT,
    location TEXT,
    evidence TEXT NOT NULL,
    UNIQUE (doc, seq)
);
CREATE INDEX events_canonical ON events(canonical);
CREATE TABLE tally (
    canonical INTEGER NOT NULL,
    field TEXT NOT NULL,
    value TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (canonical, field, value)
) WITHOUT ROWID;
CREATE VIRTUAL TABLE doc_fts USING fts5(body, loose, content='', tokenize='unicode61 remove_diacritics 0');
CREATE TABLE seen (
    feed TEXT NOT NULL,
    item TEXT NOT NULL,
    doc TEXT,
    seen_at TEXT NOT NULL,
    PRIMARY KEY (feed, item)
) WITHOUT ROWID;
"#,
    // 2: `document(name)` and `rasd show NAME` look documents up by name
    "CREATE INDEX documents_name ON documents(name);",
    // 3: the share of Arabic letters of each document (under 0.5: flagged as not Arabic)
    "ALTER TABLE documents ADD COLUMN arabic REAL;",
    // 4: a story's documents in ingest order without reading the rest of a large story
    "CREATE INDEX documents_story_n ON documents(story, current, n);",
    // 5: the trigger model's confidence of each coded event (NULL for events stored before it)
    "ALTER TABLE events ADD COLUMN confidence REAL;",
    // 6: what the API's filters, pages and aggregates need to be answered by SQL: the first and last
    // day of the majority date (`YYYY-MM-DD`, generated), and indexes for date order, type, the
    // countries of either side and an outlet's events
    r#"
ALTER TABLE canonical ADD COLUMN day_lo TEXT GENERATED ALWAYS AS (
    CASE length(date) WHEN 4 THEN date || '-01-01' WHEN 7 THEN date || '-01' ELSE date END) VIRTUAL;
ALTER TABLE canonical ADD COLUMN day_hi TEXT GENERATED ALWAYS AS (
    CASE length(date) WHEN 4 THEN date || '-12-31'
                      WHEN 7 THEN date(date || '-01', '+1 month', '-1 day') ELSE date END) VIRTUAL;
CREATE INDEX canonical_day ON canonical(day_lo, day_hi);
CREATE INDEX canonical_by_date ON canonical(date);
CREATE INDEX canonical_type_by_date ON canonical(type, date);
CREATE INDEX canonical_source_country ON canonical(source_country, date);
CREATE INDEX canonical_target_country ON canonical(target_country, date);
CREATE INDEX tally_field_value ON tally(field, value);
"#,
];

/// The schema version this build writes.
pub const VERSION: i64 = MIGRATIONS.len() as i64;

/// Bring a database up to [`VERSION`]. A database written by a newer build is refused.
pub fn migrate(conn: &mut Connection) -> Result<(), String> {
    let have: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| e.to_string())?;
    if have > VERSION {
        return Err(format!(
            "the database has schema version {have}, newer than this build's {VERSION}"
        ));
    }
    for (i, step) in MIGRATIONS.iter().enumerate().skip(have as usize) {
        let tx = conn.transaction().map_err(|e| e.to_string())?;
        tx.execute_batch(step)
            .map_err(|e| format!("migration {}: {e}", i + 1))?;
        tx.execute_batch(&format!("PRAGMA user_version = {}", i + 1))
            .map_err(|e| e.to_string())?;
        tx.commit().map_err(|e| e.to_string())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_older_database_is_migrated_step_by_step() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(MIGRATIONS[0]).unwrap();
        conn.execute_batch("PRAGMA user_version = 1").unwrap();
        conn.execute(
            "INSERT INTO stories (first_doc, n_docs) VALUES ('x', 1)",
            [],
        )
        .unwrap();
        migrate(&mut conn).unwrap();
        let v: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, VERSION);
        let n: i64 = conn
            .query_row("SELECT count(*) FROM stories", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 1, "data kept");
        let idx: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE name = 'documents_name'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(idx, 1);
        // migrating again does nothing; a newer database is refused
        migrate(&mut conn).unwrap();
        conn.execute_batch("PRAGMA user_version = 99").unwrap();
        assert!(migrate(&mut conn).unwrap_err().contains("newer"));
    }
}
