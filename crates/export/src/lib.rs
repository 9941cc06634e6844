//! Exports of coded events in the formats analysts already read:
//!
//! * **PLOVER JSONL** ([`Format::Plover`]): one JSON object a line with the field names of the PLOVER
//!   manual (`id`, `date`, `actor`, `recipient`, `event`, `mode`, `context`, `event_loc`, `event_text`,
//!   `quad_code`, `text_info`, `cite_info`; entities as `code`, `sector`, `entity_text`,
//!   `identifier_id`). As the manual asks, negated events are left out and announced or planned
//!   cooperation (a future meeting, a promised visit) is coded as `AGREE` (CAMEO `036` for meetings).
//! * **GDELT-2.0-style TSV** ([`Format::Gdelt`]): the 61 columns of the GDELT 2.0 event table, in its
//!   order, with a header line, followed by rasd's own columns (`DocId`, `Evidence`, `RasdEventId`,
//!   `Status`, `PloverType`, `Mode`, `Confidence`). Country codes are ISO 3166-1 alpha-3 throughout.
//! * **CSV** ([`Format::Csv`]): one flat row an event (RFC 4180 quoting).
//!
//! Every exported event carries its document id and the character spans of its evidence (the clause,
//! the trigger, and the actor mentions when known), so it can be traced back to the words it came from;
//! [`trace`] reads them back from any of the three formats.
#![deny(missing_docs)]

use rasd_code::Event;
use serde_json::{json, Value};
use std::fmt;
use std::io::{self, Write};
use std::str::FromStr;

/// What is known about the document an event was coded from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocMeta {
    /// The document id (the manifest's id or the text's hash).
    pub id: String,
    /// The file name or record id the text was read from.
    pub name: String,
    /// The title, when known.
    pub title: Option<String>,
    /// Where it was published.
    pub url: Option<String>,
    /// Who published it.
    pub outlet: Option<String>,
    /// When it was published (ISO 8601).
    pub published: Option<String>,
}

/// One event to export, with its id and its source document.
#[derive(Debug, Clone, Copy)]
pub struct Record<'a> {
    /// A stable event id (the store's id, or any unique string).
    pub id: &'a str,
    /// The coded event.
    pub event: &'a Event,
    /// The document the event (and its evidence spans) come from.
    pub doc: &'a DocMeta,
    /// How many documents report this event (at least 1).
    pub sources: usize,
}

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// PLOVER JSON lines.
    Plover,
    /// GDELT-2.0-style tab-separated event table.
    Gdelt,
    /// Comma-separated values.
    Csv,
}

/// A format name that is not one of `plover`, `gdelt`, `csv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownFormat(pub String);

impl fmt::Display for UnknownFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown export format {:?} (plover, gdelt or csv)",
            self.0
        )
    }
}

impl std::error::Error for UnknownFormat {}

impl FromStr for Format {
    type Err = UnknownFormat;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "plover" | "plover-jsonl" | "jsonl" => Ok(Format::Plover),
            "gdelt" | "tsv" => Ok(Format::Gdelt),
            "csv" => Ok(Format::Csv),
            _ => Err(UnknownFormat(s.to_string())),
        }
    }
}

/// The version of rasd written into `cite_info`.
const VERSION: &str = env!("CARGO_PKG_VERSION");

/// One evidence span with what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceSpan {
    /// `clause`, `trigger`, `actor` or `recipient`.
    pub role: &'static str,
    /// First character (char offset into the document's original text).
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// The words of the span.
    pub text: String,
}

/// The evidence of an event: its clause and trigger, then the actor mentions the coder located.
pub fn evidence(ev: &Event) -> Vec<EvidenceSpan> {
    let mut out = Vec::new();
    let n = ev.evidence.len();
    for (i, s) in ev.evidence.iter().enumerate() {
        let role = if n > 1 && i == n - 1 {
            "trigger"
        } else {
            "clause"
        };
        out.push(EvidenceSpan {
            role,
            start: s.start,
            end: s.end,
            text: s.text.clone(),
        });
    }
    for (role, a) in [("actor", &ev.source), ("recipient", &ev.target)] {
        if let Some(a) = a.as_ref().filter(|a| a.end > a.start) {
            out.push(EvidenceSpan {
                role,
                start: a.start,
                end: a.end,
                text: a.text.clone(),
            });
        }
    }
    out
}

/// `start-end;start-end…` with roles: `clause:467-619;trigger:566-573`.
fn spans_field(spans: &[EvidenceSpan]) -> String {
    spans
        .iter()
        .map(|s| format!("{}:{}-{}", s.role, s.start, s.end))
        .collect::<Vec<_>>()
        .join(";")
}

/// PLOVER quad category of an event type: 1 verbal cooperation, 2 material cooperation, 3 verbal
/// conflict, 4 material conflict (as the PLOVER manual assigns them); 0 when unknown.
pub fn plover_quad(kind: &str) -> u8 {
    match kind {
        "AGREE" | "CONSULT" | "SUPPORT" | "CONCEDE" => 1,
        "COOPERATE" | "AID" | "RETREAT" => 2,
        "REQUEST" | "ACCUSE" | "REJECT" | "THREATEN" => 3,
        "PROTEST" | "SANCTION" | "MOBILIZE" | "COERCE" | "ASSAULT" => 4,
        _ => 0,
    }
}

/// GDELT QuadClass of a CAMEO code: roots 01–05 verbal cooperation (1), 06–09 material cooperation
/// (2), 10–14 verbal conflict (3), 15–20 material conflict (4); 0 when the code is not numeric.
pub fn cameo_quad(cameo: &str) -> u8 {
    match cameo.get(..2).and_then(|r| r.parse::<u8>().ok()) {
        Some(1..=5) => 1,
        Some(6..=9) => 2,
        Some(10..=14) => 3,
        Some(15..=20) => 4,
        _ => 0,
    }
}

/// The event as PLOVER asks it to be reported: `None` for a negated event; a planned cooperative
/// action becomes `AGREE` (a meeting with CAMEO 036); other planned events keep their type and get the
/// `future` context. Returns (event type, CAMEO code, mode, context).
pub fn plover_event(ev: &Event) -> Option<(String, String, Option<String>, Vec<String>)> {
    match ev.status.as_str() {
        "negated" => None,
        "planned" => {
            let cameo = match ev.kind.as_str() {
                "CONSULT" => Some("036"),
                "COOPERATE" => Some("031"),
                "AID" => Some("033"),
                "SUPPORT" => Some("030"),
                "AGREE" => Some(ev.cameo.as_str()),
                _ => None,
            };
            Some(match cameo {
                Some(c) => ("AGREE".into(), c.to_string(), None, vec![]),
                None => (
                    ev.kind.clone(),
                    ev.cameo.clone(),
                    ev.mode.clone(),
                    vec!["future".to_string()],
                ),
            })
        }
        _ => Some((ev.kind.clone(), ev.cameo.clone(), ev.mode.clone(), vec![])),
    }
}

fn entity(a: &Option<rasd_code::Actor>) -> Value {
    match a {
        None => json!([]),
        Some(a) => json!([{
            "code": actor_code(a),
            "sector": a.sector,
            "entity_text": a.text,
            "identifier_id": a.id,
            "name": a.name,
            "country": a.country,
        }]),
    }
}

/// The CAMEO-style actor code: the country (ISO3) and the sector (`CHNGOV`); for an international
/// organisation `IGO` and its dictionary id (`IGOSCO`).
pub fn actor_code(a: &rasd_code::Actor) -> String {
    match &a.country {
        Some(c) => {
            if a.sector.is_empty() {
                c.clone()
            } else {
                format!("{c}{}", a.sector)
            }
        }
        None => format!("IGO{}", a.id.as_deref().unwrap_or("").to_ascii_uppercase()),
    }
}

/// One event as a PLOVER JSON object; `None` for a negated event (PLOVER leaves them out).
pub fn plover(rec: &Record) -> Option<Value> {
    let ev = rec.event;
    let (kind, cameo, mode, context) = plover_event(ev)?;
    let spans = evidence(ev);
    let event_loc = ev.location.as_ref().map(|l| {
        json!({
            "name": l.name,
            "countryCode": l.country,
            "lat": l.lat,
            "lon": l.lon,
        })
    });
    let event_text = ev.evidence.first().map(|s| s.text.clone());
    Some(json!({
        "id": rec.id,
        "date": ev.date,
        "actor": entity(&ev.source),
        "recipient": entity(&ev.target),
        "event": kind,
        "mode": mode,
        "context": context,
        "cameo": cameo,
        "event_loc": event_loc,
        "event_text": event_text,
        "quad_code": plover_quad(&kind),
        "status": ev.status,
        "headline": ev.headline,
        "text_info": {
            "story_id": rec.doc.id,
            "doc_name": rec.doc.name,
            "headline": rec.doc.title,
            "publisher": rec.doc.outlet,
            "pubdate": rec.doc.published,
            "url": rec.doc.url,
            "language": "ar",
            "date_text": ev.date_text,
            "num_sources": rec.sources.max(1),
            "evidence": spans.iter().map(|s| json!({
                "role": s.role, "start": s.start, "end": s.end, "text": s.text,
            })).collect::<Vec<_>>(),
        },
        "cite_info": {
            "coder": "rasd",
            "version": VERSION,
            "method": if ev.confidence.is_some() { "dictionary+model" } else { "dictionary" },
            "confidence": ev.confidence,
        },
    }))
}

/// The columns of the GDELT 2.0 event table, in order, then rasd's own.
pub const GDELT_COLUMNS: [&str; 68] = [
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
    "DocId",
    "Evidence",
    "RasdEventId",
    "Status",
    "PloverType",
    "Mode",
    "Confidence",
];

/// A numeric GLOBALEVENTID: the id itself when it is a number, else a stable 53-bit hash of it
/// (FNV-1a), so that spreadsheets and JavaScript keep it exact.
pub fn numeric_id(id: &str) -> u64 {
    if let Ok(n) = id.parse::<u64>() {
        return n;
    }
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in id.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h & ((1 << 53) - 1)
}

/// `YYYY-MM-DD`, `YYYY-MM` or `YYYY` → (SQLDATE, MonthYear, Year, FractionDate); unknown parts are 00.
fn gdelt_dates(date: Option<&str>) -> [String; 4] {
    let Some(d) = date else {
        return Default::default();
    };
    let mut parts = d.split('-').map(|p| p.parse::<u32>().ok());
    let (Some(Some(y)), m, day) = (parts.next(), parts.next(), parts.next()) else {
        return Default::default();
    };
    let m = m.flatten().unwrap_or(0);
    let day = day.flatten().unwrap_or(0);
    let frac = f64::from(y) + f64::from(m * 30 + day) / 365.0;
    [
        format!("{y:04}{m:02}{day:02}"),
        format!("{y:04}{m:02}"),
        format!("{y:04}"),
        format!("{frac:.4}"),
    ]
}

fn clean_tsv(s: &str) -> String {
    s.chars()
        .map(|c| {
            if matches!(c, '\t' | '\n' | '\r') {
                ' '
            } else {
                c
            }
        })
        .collect()
}

fn actor_cols(a: &Option<rasd_code::Actor>) -> [String; 10] {
    match a {
        None => Default::default(),
        Some(a) => [
            actor_code(a),
            a.name.clone(),
            a.country.clone().unwrap_or_default(),
            if a.country.is_none() {
                a.id.clone().unwrap_or_default().to_ascii_uppercase()
            } else {
                String::new()
            },
            String::new(),
            String::new(),
            String::new(),
            a.sector.clone(),
            String::new(),
            String::new(),
        ],
    }
}

/// One event as a GDELT-style row (the values of [`GDELT_COLUMNS`]).
pub fn gdelt_row(rec: &Record) -> Vec<String> {
    let ev = rec.event;
    let mut row: Vec<String> = Vec::with_capacity(GDELT_COLUMNS.len());
    row.push(numeric_id(rec.id).to_string());
    row.extend(gdelt_dates(ev.date.as_deref()));
    row.extend(actor_cols(&ev.source));
    row.extend(actor_cols(&ev.target));
    row.push(if ev.headline { "1" } else { "0" }.into());
    let code = ev.cameo.clone();
    row.push(code.clone());
    row.push(code.get(..3).unwrap_or(&code).to_string());
    row.push(code.get(..2).unwrap_or(&code).to_string());
    row.push(cameo_quad(&code).to_string());
    row.push(String::new()); // GoldsteinScale
    let n = rec.sources.max(1).to_string();
    row.extend([n.clone(), n.clone(), n]); // NumMentions, NumSources, NumArticles
    row.push(String::new()); // AvgTone
    row.extend(std::iter::repeat_n(String::new(), 16)); // Actor1Geo_*, Actor2Geo_*
    match &ev.location {
        Some(l) => {
            row.push(if l.name.is_some() { "4" } else { "1" }.into());
            row.push(l.name.clone().unwrap_or_else(|| l.country.clone()));
            row.push(l.country.clone());
            row.extend([String::new(), String::new()]);
            row.push(l.lat.map(|v| v.to_string()).unwrap_or_default());
            row.push(l.lon.map(|v| v.to_string()).unwrap_or_default());
            row.push(l.name.clone().unwrap_or_default());
        }
        None => row.extend(std::iter::repeat_n(String::new(), 8)),
    }
    row.push(
        rec.doc
            .published
            .as_deref()
            .map(|p| {
                let digits: String = p.chars().filter(char::is_ascii_digit).take(8).collect();
                if digits.len() == 8 {
                    format!("{digits}000000")
                } else {
                    String::new()
                }
            })
            .unwrap_or_default(),
    );
    row.push(rec.doc.url.clone().unwrap_or_default());
    row.push(rec.doc.id.clone());
    row.push(spans_field(&evidence(ev)));
    row.push(rec.id.to_string());
    row.push(ev.status.clone());
    row.push(ev.kind.clone());
    row.push(ev.mode.clone().unwrap_or_default());
    row.push(confidence(ev));
    row.into_iter().map(|s| clean_tsv(&s)).collect()
}

/// The columns of the CSV export.
pub const CSV_COLUMNS: [&str; 30] = [
    "id",
    "doc_id",
    "doc_name",
    "headline",
    "date",
    "date_text",
    "type",
    "mode",
    "cameo",
    "status",
    "source_name",
    "source_country",
    "source_sector",
    "source_id",
    "source_text",
    "target_name",
    "target_country",
    "target_sector",
    "target_id",
    "target_text",
    "location",
    "location_country",
    "lat",
    "lon",
    "outlet",
    "published",
    "url",
    "evidence_text",
    "evidence_spans",
    "confidence",
];

/// The trigger model's confidence as written in the exports ("" when no model decided the event).
fn confidence(ev: &Event) -> String {
    ev.confidence.map(|p| format!("{p:.3}")).unwrap_or_default()
}

fn actor_csv(a: &Option<rasd_code::Actor>) -> [String; 5] {
    match a {
        None => Default::default(),
        Some(a) => [
            a.name.clone(),
            a.country.clone().unwrap_or_default(),
            a.sector.clone(),
            a.id.clone().unwrap_or_default(),
            a.text.clone(),
        ],
    }
}

/// One event as a CSV row (the values of [`CSV_COLUMNS`]).
pub fn csv_row(rec: &Record) -> Vec<String> {
    let ev = rec.event;
    let mut row = vec![
        rec.id.to_string(),
        rec.doc.id.clone(),
        rec.doc.name.clone(),
        ev.headline.to_string(),
        ev.date.clone().unwrap_or_default(),
        ev.date_text.clone().unwrap_or_default(),
        ev.kind.clone(),
        ev.mode.clone().unwrap_or_default(),
        ev.cameo.clone(),
        ev.status.clone(),
    ];
    row.extend(actor_csv(&ev.source));
    row.extend(actor_csv(&ev.target));
    let l = ev.location.as_ref();
    row.push(l.and_then(|l| l.name.clone()).unwrap_or_default());
    row.push(l.map(|l| l.country.clone()).unwrap_or_default());
    row.push(
        l.and_then(|l| l.lat)
            .map(|v| v.to_string())
            .unwrap_or_default(),
    );
    row.push(
        l.and_then(|l| l.lon)
            .map(|v| v.to_string())
            .unwrap_or_default(),
    );
    row.push(rec.doc.outlet.clone().unwrap_or_default());
    row.push(rec.doc.published.clone().unwrap_or_default());
    row.push(rec.doc.url.clone().unwrap_or_default());
    row.push(
        ev.evidence
            .first()
            .map(|s| s.text.clone())
            .unwrap_or_default(),
    );
    row.push(spans_field(&evidence(ev)));
    row.push(confidence(ev));
    row
}

/// A CSV field, quoted when it holds a comma, quote or line break. A field that a spreadsheet would
/// read as a formula (`=`, `+`, `-`, `@` first) is prefixed with `'`.
fn csv_field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '@']) || (s.starts_with('-') && s.parse::<f64>().is_err()) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// Write `records` in `format` (with a header line for GDELT and CSV). Returns how many events were
/// written (PLOVER leaves negated events out).
pub fn write<W: Write>(out: &mut W, format: Format, records: &[Record]) -> io::Result<usize> {
    let mut w = Writer::new(out, format)?;
    for r in records {
        w.write(r)?;
    }
    w.finish()
}

/// An export written one record at a time (so that an export of any size streams): the header
/// line (GDELT, CSV) when made, then a line per record.
pub struct Writer<W: Write> {
    out: W,
    format: Format,
    n: usize,
}

impl<W: Write> Writer<W> {
    /// Start an export in `format`.
    pub fn new(mut out: W, format: Format) -> io::Result<Writer<W>> {
        match format {
            Format::Plover => {}
            Format::Gdelt => writeln!(out, "{}", GDELT_COLUMNS.join("\t"))?,
            Format::Csv => writeln!(out, "{}", CSV_COLUMNS.join(","))?,
        }
        Ok(Writer { out, format, n: 0 })
    }

    /// Write one record (PLOVER leaves negated events out).
    pub fn write(&mut self, r: &Record) -> io::Result<()> {
        match self.format {
            Format::Plover => {
                if let Some(v) = plover(r) {
                    serde_json::to_writer(&mut self.out, &v)?;
                    self.out.write_all(b"\n")?;
                    self.n += 1;
                }
            }
            Format::Gdelt => {
                writeln!(self.out, "{}", gdelt_row(r).join("\t"))?;
                self.n += 1;
            }
            Format::Csv => {
                let row: Vec<String> = csv_row(r).iter().map(|f| csv_field(f)).collect();
                writeln!(self.out, "{}", row.join(","))?;
                self.n += 1;
            }
        }
        Ok(())
    }

    /// Flush; the number of events written.
    pub fn finish(mut self) -> io::Result<usize> {
        self.out.flush()?;
        Ok(self.n)
    }
}

/// Where an exported event came from: its document and the char spans of its evidence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trace {
    /// The event id as exported.
    pub event_id: String,
    /// The document id.
    pub doc_id: String,
    /// (role, start, end) char spans into the document's original text.
    pub spans: Vec<(String, usize, usize)>,
}

fn parse_spans(s: &str) -> Option<Vec<(String, usize, usize)>> {
    if s.is_empty() {
        return Some(vec![]);
    }
    s.split(';')
        .map(|p| {
            let (role, range) = p.split_once(':')?;
            let (a, b) = range.split_once('-')?;
            Some((role.to_string(), a.parse().ok()?, b.parse().ok()?))
        })
        .collect()
}

/// Split one CSV record (as [`write`] writes them: one line a record unless a quoted field holds a
/// line break) into fields. Returns the fields and the rest of the input.
pub fn csv_split(input: &str) -> Option<(Vec<String>, &str)> {
    let mut fields = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = input.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek().map(|p| p.1) == Some('"') {
                    cur.push('"');
                    chars.next();
                } else {
                    quoted = false;
                }
            } else {
                cur.push(c);
            }
            continue;
        }
        match c {
            '"' if cur.is_empty() => quoted = true,
            ',' => fields.push(std::mem::take(&mut cur)),
            '\n' => {
                fields.push(cur);
                return Some((fields, &input[i + 1..]));
            }
            '\r' => {}
            _ => cur.push(c),
        }
    }
    if quoted {
        return None;
    }
    if !cur.is_empty() || !fields.is_empty() {
        fields.push(cur);
    }
    Some((fields, ""))
}

/// Read back the event ids, document ids and evidence spans of an export in `format`.
pub fn trace(format: Format, data: &str) -> Result<Vec<Trace>, String> {
    let mut out = Vec::new();
    match format {
        Format::Plover => {
            for (i, line) in data.lines().enumerate().filter(|(_, l)| !l.is_empty()) {
                let v: Value =
                    serde_json::from_str(line).map_err(|e| format!("line {}: {e}", i + 1))?;
                let ti = &v["text_info"];
                let spans = ti["evidence"]
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .filter_map(|s| {
                                Some((
                                    s["role"].as_str()?.to_string(),
                                    s["start"].as_u64()? as usize,
                                    s["end"].as_u64()? as usize,
                                ))
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                out.push(Trace {
                    event_id: v["id"].as_str().unwrap_or_default().to_string(),
                    doc_id: ti["story_id"].as_str().unwrap_or_default().to_string(),
                    spans,
                });
            }
        }
        Format::Gdelt => {
            let col = |name: &str| GDELT_COLUMNS.iter().position(|c| *c == name);
            let (Some(d), Some(e), Some(r)) = (col("DocId"), col("Evidence"), col("RasdEventId"))
            else {
                return Err("GDELT columns missing".into());
            };
            for (i, line) in data.lines().enumerate().skip(1) {
                let f: Vec<&str> = line.split('\t').collect();
                if f.len() != GDELT_COLUMNS.len() {
                    return Err(format!("line {}: {} columns", i + 1, f.len()));
                }
                out.push(Trace {
                    event_id: f[r].to_string(),
                    doc_id: f[d].to_string(),
                    spans: parse_spans(f[e]).ok_or(format!("line {}: bad spans", i + 1))?,
                });
            }
        }
        Format::Csv => {
            let spans_col = CSV_COLUMNS
                .iter()
                .position(|c| *c == "evidence_spans")
                .ok_or("CSV columns missing")?;
            let mut rest = data;
            let mut header = true;
            while !rest.is_empty() {
                let (f, r) = csv_split(rest).ok_or("unterminated quoted field")?;
                rest = r;
                if header {
                    header = false;
                    continue;
                }
                if f.len() != CSV_COLUMNS.len() {
                    return Err(format!("a record has {} fields", f.len()));
                }
                out.push(Trace {
                    event_id: f[0].clone(),
                    doc_id: f[1].clone(),
                    spans: parse_spans(&f[spans_col]).ok_or("bad spans")?,
                });
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
