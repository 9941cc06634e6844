use super::*;
use rasd_code::{Actor, Location, Span};

const TEXT: &str = "قال وانغ يي، خلال اجتماعه في موسكو مع وزير الخارجية الروسي سيرجي لافروف، إن \"العلاقات\", جيدة.\n<script>alert(1)</script>";

fn chars(s: &str, a: usize, b: usize) -> String {
    s.chars().skip(a).take(b - a).collect()
}

fn span(a: usize, b: usize) -> Span {
    Span {
        start: a,
        end: b,
        text: chars(TEXT, a, b),
    }
}

fn find(needle: &str) -> (usize, usize) {
    let b = TEXT.find(needle).expect("needle");
    let a = TEXT[..b].chars().count();
    (a, a + needle.chars().count())
}

fn actor(name: &str, country: Option<&str>, sector: &str, id: &str, text: &str) -> Actor {
    let (start, end) = find(text);
    Actor {
        name: name.into(),
        country: country.map(String::from),
        sector: sector.into(),
        id: Some(id.into()),
        text: text.into(),
        start,
        end,
    }
}

fn event(kind: &str, cameo: &str, status: &str, mode: Option<&str>) -> Event {
    let (c0, c1) = find("وانغ يي، خلال اجتماعه في موسكو مع وزير الخارجية الروسي سيرجي لافروف");
    let (t0, t1) = find("اجتماعه");
    Event {
        doc: "000.txt".into(),
        headline: true,
        date: Some("2023-02-22".into()),
        date_text: Some("اليوم".into()),
        kind: kind.into(),
        mode: mode.map(String::from),
        cameo: cameo.into(),
        status: status.into(),
        source: Some(actor("Wang Yi", Some("CHN"), "GOV", "wang-yi", "وانغ يي")),
        target: Some(actor(
            "Sergey Lavrov",
            Some("RUS"),
            "GOV",
            "sergey-lavrov",
            "سيرجي لافروف",
        )),
        location: Some(Location {
            name: Some("Moscow".into()),
            country: "RUS".into(),
            lat: Some(55.7558),
            lon: Some(37.6173),
        }),
        evidence: vec![span(c0, c1), span(t0, t1)],
        confidence: None,
        killed: None,
        injured: None,
    }
}

fn doc() -> DocMeta {
    DocMeta {
        id: "2a4d1830eaa6a4ed".into(),
        name: "000.txt".into(),
        title: Some("وانغ, \"يي\"\tفي موسكو".into()),
        url: Some("https://example.org/a?b=1,2".into()),
        outlet: Some("Xinhua".into()),
        published: Some("2023-02-23T10:01:00+08:00".into()),
    }
}

#[test]
fn plover_rows() {
    // (type, cameo, status, mode) → (exported?, event, cameo, mode, context, quad)
    type Row = (
        &'static str,
        &'static str,
        &'static str,
        Option<&'static str>,
        Option<(
            &'static str,
            &'static str,
            Option<&'static str>,
            &'static [&'static str],
            u64,
        )>,
    );
    let rows: &[Row] = &[
        (
            "CONSULT",
            "042",
            "occurred",
            Some("visit"),
            Some(("CONSULT", "042", Some("visit"), &[], 1)),
        ),
        (
            "CONSULT",
            "040",
            "planned",
            None,
            Some(("AGREE", "036", None, &[], 1)),
        ),
        (
            "CONSULT",
            "042",
            "planned",
            Some("visit"),
            Some(("AGREE", "036", None, &[], 1)),
        ),
        ("CONSULT", "040", "negated", None, None),
        ("AGREE", "030", "negated", None, None),
        (
            "AID",
            "070",
            "planned",
            None,
            Some(("AGREE", "033", None, &[], 1)),
        ),
        (
            "COOPERATE",
            "060",
            "planned",
            None,
            Some(("AGREE", "031", None, &[], 1)),
        ),
        (
            "ACCUSE",
            "112",
            "planned",
            None,
            Some(("ACCUSE", "112", None, &["future"], 3)),
        ),
        (
            "ASSAULT",
            "190",
            "occurred",
            None,
            Some(("ASSAULT", "190", None, &[], 4)),
        ),
        (
            "AID",
            "070",
            "occurred",
            None,
            Some(("AID", "070", None, &[], 2)),
        ),
    ];
    let d = doc();
    for (kind, cameo, status, mode, want) in rows {
        let ev = event(kind, cameo, status, *mode);
        let rec = Record {
            id: "e1",
            event: &ev,
            doc: &d,
            sources: 2,
        };
        let got = plover(&rec);
        match (got, want) {
            (None, None) => {}
            (Some(v), Some((e, c, m, ctx, q))) => {
                assert_eq!(v["event"], *e, "{kind} {status}");
                assert_eq!(v["cameo"], *c, "{kind} {status}");
                assert_eq!(v["mode"].as_str(), *m, "{kind} {status}");
                assert_eq!(v["context"], json!(ctx), "{kind} {status}");
                assert_eq!(v["quad_code"], *q, "{kind} {status}");
                for f in [
                    "id",
                    "date",
                    "actor",
                    "recipient",
                    "event",
                    "mode",
                    "context",
                    "event_loc",
                    "event_text",
                    "quad_code",
                    "text_info",
                    "cite_info",
                ] {
                    assert!(v.get(f).is_some(), "field {f}");
                }
                let a = &v["actor"][0];
                assert_eq!(a["code"], "CHNGOV");
                assert_eq!(a["sector"], "GOV");
                assert_eq!(a["entity_text"], "وانغ يي");
                assert_eq!(a["identifier_id"], "wang-yi");
                assert_eq!(v["recipient"][0]["code"], "RUSGOV");
                assert_eq!(v["event_loc"]["name"], "Moscow");
                assert_eq!(v["text_info"]["story_id"], "2a4d1830eaa6a4ed");
                assert_eq!(v["text_info"]["num_sources"], 2);
            }
            (g, w) => panic!("{kind} {status}: got {g:?}, want {w:?}"),
        }
    }
}

#[test]
fn quads() {
    for (cameo, q) in [
        ("042", 1),
        ("036", 1),
        ("057", 1),
        ("070", 2),
        ("112", 3),
        ("190", 4),
        ("x", 0),
    ] {
        assert_eq!(cameo_quad(cameo), q, "{cameo}");
    }
    for (k, q) in [
        ("CONSULT", 1),
        ("AID", 2),
        ("THREATEN", 3),
        ("COERCE", 4),
        ("??", 0),
    ] {
        assert_eq!(plover_quad(k), q, "{k}");
    }
}

#[test]
fn gdelt_columns_and_dates() {
    let d = doc();
    let rows: &[(Option<&str>, [&str; 4])] = &[
        (
            Some("2023-02-22"),
            ["20230222", "202302", "2023", "2023.2247"],
        ),
        (Some("2023-03"), ["20230300", "202303", "2023", "2023.2466"]),
        (Some("2023"), ["20230000", "202300", "2023", "2023.0000"]),
        (None, ["", "", "", ""]),
    ];
    for (date, want) in rows {
        let mut ev = event("CONSULT", "042", "occurred", Some("visit"));
        ev.date = date.map(String::from);
        let rec = Record {
            id: "17",
            event: &ev,
            doc: &d,
            sources: 1,
        };
        let row = gdelt_row(&rec);
        assert_eq!(row.len(), GDELT_COLUMNS.len());
        let get = |c: &str| row[GDELT_COLUMNS.iter().position(|x| *x == c).unwrap()].clone();
        assert_eq!(get("GLOBALEVENTID"), "17");
        assert_eq!(
            [
                get("SQLDATE"),
                get("MonthYear"),
                get("Year"),
                get("FractionDate")
            ],
            want.map(String::from),
            "{date:?}"
        );
        assert_eq!(get("Actor1Code"), "CHNGOV");
        assert_eq!(get("Actor1Name"), "Wang Yi");
        assert_eq!(get("Actor1CountryCode"), "CHN");
        assert_eq!(get("Actor2CountryCode"), "RUS");
        assert_eq!(get("EventCode"), "042");
        assert_eq!(get("EventBaseCode"), "042");
        assert_eq!(get("EventRootCode"), "04");
        assert_eq!(get("QuadClass"), "1");
        assert_eq!(get("NumSources"), "1");
        assert_eq!(get("ActionGeo_FullName"), "Moscow");
        assert_eq!(get("ActionGeo_CountryCode"), "RUS");
        assert_eq!(get("ActionGeo_Lat"), "55.7558");
        assert_eq!(get("ActionGeo_Long"), "37.6173");
        assert_eq!(get("SOURCEURL"), "https://example.org/a?b=1,2");
        assert_eq!(get("DATEADDED"), "20230223000000");
        assert_eq!(get("IsRootEvent"), "1");
        assert!(row.iter().all(|f| !f.contains(['\t', '\n'])));
    }
}

#[test]
fn igo_actor_code() {
    let mut a = actor("United Nations", None, "IGO", "UN", "وانغ يي");
    assert_eq!(actor_code(&a), "IGOUN");
    a.country = Some("EGY".into());
    a.sector = "MIL".into();
    assert_eq!(actor_code(&a), "EGYMIL");
}

#[test]
fn ids_are_numeric_and_stable() {
    assert_eq!(numeric_id("42"), 42);
    assert_eq!(numeric_id("ev-a"), numeric_id("ev-a"));
    assert_ne!(numeric_id("ev-a"), numeric_id("ev-b"));
    assert!(numeric_id("ev-a") < (1 << 53));
}

#[test]
fn formats_parse() {
    for (s, f) in [
        ("plover", Some(Format::Plover)),
        ("GDELT", Some(Format::Gdelt)),
        ("csv", Some(Format::Csv)),
        ("xml", None),
    ] {
        assert_eq!(s.parse::<Format>().ok(), f, "{s}");
    }
}

/// Every exported event can be traced back to its document and spans, and the spans cut the
/// document's text into exactly the evidence words.
#[test]
fn round_trip_all_formats() {
    let d = doc();
    let evs = [
        event("CONSULT", "042", "occurred", Some("visit")),
        event("CONSULT", "040", "planned", None),
        event("AGREE", "030", "negated", None),
    ];
    let ids = ["ev-1", "ev-2", "ev-3"];
    let recs: Vec<Record> = evs
        .iter()
        .zip(ids)
        .map(|(e, id)| Record {
            id,
            event: e,
            doc: &d,
            sources: 1,
        })
        .collect();
    for format in [Format::Plover, Format::Gdelt, Format::Csv] {
        let mut buf = Vec::new();
        let n = write(&mut buf, format, &recs).unwrap();
        let text = String::from_utf8(buf).unwrap();
        let traces = trace(format, &text).unwrap();
        let want = if format == Format::Plover { 2 } else { 3 };
        assert_eq!(n, want, "{format:?}");
        assert_eq!(traces.len(), want, "{format:?}");
        for (t, (ev, id)) in traces.iter().zip(evs.iter().zip(ids)) {
            assert_eq!(t.event_id, id, "{format:?}");
            assert_eq!(t.doc_id, d.id, "{format:?}");
            let roles: Vec<&str> = t.spans.iter().map(|s| s.0.as_str()).collect();
            assert_eq!(
                roles,
                ["clause", "trigger", "actor", "recipient"],
                "{format:?}"
            );
            for (role, a, b) in &t.spans {
                let words = chars(TEXT, *a, *b);
                let want = match role.as_str() {
                    "clause" => &ev.evidence[0].text,
                    "trigger" => &ev.evidence[1].text,
                    "actor" => &ev.source.as_ref().unwrap().text,
                    _ => &ev.target.as_ref().unwrap().text,
                };
                assert_eq!(&words, want, "{format:?} {role}");
            }
        }
    }
}

#[test]
fn csv_quotes_and_formulas() {
    let rows = [
        ("a,b", "\"a,b\""),
        ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("=cmd()", "'=cmd()"),
        ("-12.5", "-12.5"),
        ("-x", "'-x"),
        ("line\nbreak", "\"line\nbreak\""),
        ("plain", "plain"),
    ];
    for (i, o) in rows {
        assert_eq!(csv_field(i), o, "{i}");
        let line = format!("{o},z\n");
        let (f, rest) = csv_split(&line).unwrap();
        assert_eq!(rest, "");
        assert_eq!(f.len(), 2, "{i}");
    }
}
