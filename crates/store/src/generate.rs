//! A generated store for tests and measurements: many documents with made-up coded events, stored
//! through [`Store::ingest_coded`] (the coder is not run), so a store of tens of thousands of
//! events is built in seconds.

use crate::rules::day_string;
use crate::{Outcome, Result, Store};
use rasd_code::{Actor, Event, Location};
use rasd_read::Document;

/// Outlets of the generated documents (one in five each).
pub const OUTLETS: [&str; 5] = [
    "Xinhua",
    "RT Arabic",
    "Al Jazeera",
    "BBC Arabic",
    "Sky News",
];
/// Event types (one in eight each).
pub const TYPES: [&str; 8] = [
    "CONSULT",
    "ACCUSE",
    "SUPPORT",
    "THREATEN",
    "PROTEST",
    "ASSAULT",
    "COOPERATE",
    "REQUEST",
];
/// Countries of the actors.
pub const COUNTRIES: [&str; 12] = [
    "RUS", "CHN", "USA", "EGY", "TUR", "IRN", "SAU", "QAT", "ISR", "PSE", "SYR", "IRQ",
];
const SECTORS: [&str; 8] = ["GOV", "MIL", "CVL", "REB", "LEG", "PTY", "BUS", "MED"];
const NAMES: [&str; 10] = [
    "لافروف",
    "بلينكن",
    "وانغ",
    "أردوغان",
    "السيسي",
    "عبد اللهيان",
    "بن فرحان",
    "آل ثاني",
    "نتنياهو",
    "عباس",
];

/// Days since 1970-01-01 of 2015-01-01: the generated dates run over ten years from it.
const START: i64 = 16_436;

fn actor(i: usize, salt: usize) -> Actor {
    let a = (i * (1 + 6 * salt) + 3 * salt) % 5000;
    let name = format!("{} {}", NAMES[a % NAMES.len()], a / NAMES.len() % 50);
    Actor {
        text: if a.is_multiple_of(4) {
            format!("و{name}")
        } else {
            name.clone()
        },
        name,
        country: (!a.is_multiple_of(9)).then(|| COUNTRIES[a % COUNTRIES.len()].to_string()),
        sector: SECTORS[(a / COUNTRIES.len()) % SECTORS.len()].to_string(),
        id: (!a.is_multiple_of(3)).then(|| format!("actor-{a}")),
        start: 0,
        end: 1,
    }
}

/// The `i`th generated event: every eighth type in turn; dated to the day over 2015–2024, to the
/// month (one in twenty), the year (one in twenty) or not at all (one in twenty); planned one in
/// seven, negated one in seven; a target missing one in fifteen.
pub fn event(i: usize) -> Event {
    let day = START + (i as i64 * 37) % 3650;
    let full = day_string(day);
    let date = match i % 20 {
        0 => None,
        1 => Some(full[..4].to_string()),
        2 => Some(full[..7].to_string()),
        _ => Some(full),
    };
    let source = actor(i, 0);
    Event {
        doc: String::new(),
        headline: false,
        date,
        date_text: None,
        kind: TYPES[i % TYPES.len()].to_string(),
        mode: None,
        cameo: "040".into(),
        status: [
            "occurred", "occurred", "occurred", "occurred", "occurred", "planned", "negated",
        ][i % 7]
            .into(),
        location: source.country.clone().map(|c| Location {
            name: None,
            country: c,
            lat: None,
            lon: None,
        }),
        source: Some(source),
        target: (!i.is_multiple_of(15)).then(|| actor(i, 1)),
        evidence: Vec::new(),
        confidence: Some(0.9),
        killed: None,
        injured: None,
    }
}

/// Store `n_events` generated events, `per_doc` to a document (the first of each its headline),
/// in transactions of 500 documents. Returns the outcomes.
pub fn fill(store: &mut Store, n_events: usize, per_doc: usize) -> Result<Vec<Outcome>> {
    let per_doc = per_doc.max(1);
    let n_docs = n_events.div_ceil(per_doc);
    let mut out = Vec::new();
    let mut at = 0;
    while at < n_docs {
        let end = (at + 500).min(n_docs);
        let batch: Vec<(Document, Vec<Event>)> = (at..end)
            .map(|d| {
                let events: Vec<Event> = (d * per_doc..((d + 1) * per_doc).min(n_events))
                    .enumerate()
                    .map(|(k, i)| Event {
                        headline: k == 0,
                        doc: format!("gen-{d}"),
                        ..event(i)
                    })
                    .collect();
                let doc = Document {
                    id: format!("gen-{d}"),
                    name: format!("gen-{d}"),
                    text: format!(
                        "التقرير رقم {d} عن لقاءات وتصريحات في المنطقة، العدد {} من السلسلة {}.",
                        d * 7919 % 100_003,
                        d / 100
                    ),
                    title: Some(format!("عنوان التقرير {d}")),
                    outlet: Some(OUTLETS[d % OUTLETS.len()].to_string()),
                    url: Some(format!("https://example.org/gen/{d}")),
                    published: Some(day_string(START + (d as i64 * 11) % 3650)),
                };
                (doc, events)
            })
            .collect();
        out.extend(store.ingest_coded(batch.iter().map(|(d, e)| (d, e.as_slice())))?);
        at = end;
    }
    Ok(out)
}
