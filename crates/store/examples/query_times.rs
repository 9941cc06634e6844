//! Time the query API on an existing store: `cargo run --release -p rasd-store --example
//! query_times -- rasd.db`.
use rasd_store::{Bucket, EventFilter, SearchFilter, Store};
use std::time::Instant;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: query_times DB");
        std::process::exit(2);
    };
    let store = match Store::open_read_only(&path) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let t = |what: &str, f: &mut dyn FnMut() -> String| {
        let start = Instant::now();
        let r = f();
        println!(
            "{what:<40} {:>9.1} ms  {r}",
            start.elapsed().as_secs_f64() * 1e3
        );
    };
    let all = EventFilter::default();
    let rus = EventFilter {
        actor: Some("RUS".into()),
        kind: Some("CONSULT".into()),
        since: Some("2023-01-01".into()),
        ..Default::default()
    };
    t("counts", &mut || {
        format!("{:?}", store.counts().map(|c| c.documents))
    });
    t("events(default, 100)", &mut || {
        format!("{:?}", store.events(&all).map(|v| v.len()))
    });
    t("events(RUS CONSULT since 2023)", &mut || {
        format!("{:?}", store.events(&rus).map(|v| v.len()))
    });
    t("event(1)", &mut || {
        format!("{:?}", store.event(1).map(|e| e.map(|e| e.sources.len())))
    });
    t("actors", &mut || {
        format!("{:?}", store.actors(&all).map(|v| v.len()))
    });
    t("timeline(week)", &mut || {
        format!(
            "{:?}",
            store.timeline(&all, Bucket::Week).map(|v| v.points.len())
        )
    });
    t("network", &mut || {
        format!("{:?}", store.network(&all).map(|n| n.edges.len()))
    });
    t("stories(2, 20)", &mut || {
        format!("{:?}", store.stories(2, 20, 0).map(|v| v.len()))
    });
    for q in ["لافروف", "شى جين بينج", "مجلس الأمن الدولي"] {
        t(&format!("search {q} (20)"), &mut || {
            format!(
                "{:?}",
                store
                    .search(q, &SearchFilter::default(), 20, 0)
                    .map(|r| r.total)
            )
        });
    }
    let f = SearchFilter {
        kind: Some("CONSULT".into()),
        ..Default::default()
    };
    t("search لافروف type=CONSULT (20)", &mut || {
        format!("{:?}", store.search("لافروف", &f, 20, 0).map(|r| r.total))
    });
}
