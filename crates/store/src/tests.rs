//! Unit tests of the store over small made-up documents.
use super::*;
use rasd_code::Coder;
use rasd_read::Document;
use std::sync::OnceLock;

pub(crate) fn coder() -> &'static Coder {
    static C: OnceLock<Coder> = OnceLock::new();
    C.get_or_init(|| Coder::new(rasd_dict::Dict::embedded().expect("embedded dictionaries")))
}

pub(crate) const REPORT: &str = "موسكو 22 فبراير 2023 (شينخوا) قال مسؤول صيني بارز اليوم (الأربعاء) إن الجانب الصيني مستعد للعمل مع روسيا لتنسيق التبادلات رفيعة المستوى.

أدلى وانغ يي، مدير مكتب لجنة الشؤون الخارجية باللجنة المركزية للحزب الشيوعي الصيني، بهذه التصريحات خلال اجتماعه في موسكو مع وزير الخارجية الروسي سيرجي لافروف.

قال وانغ إنه في ظل التوجيه الاستراتيجي للرئيس شي جين بينغ والرئيس فلاديمير بوتين، تواصل شراكة التنسيق الاستراتيجية الشاملة بين الصين وروسيا تطورها بشكل مطرد.

من جانبه، قال ولافروف إن روسيا مستعدة لتعزيز التعاون مع الصين في مختلف المجالات.";

fn doc(name: &str, text: &str) -> Document {
    Document {
        id: name.into(),
        name: name.into(),
        text: text.into(),
        title: Some("الصين مستعدة للعمل مع روسيا".into()),
        outlet: Some("Xinhua".into()),
        url: Some(format!("https://example.org/{name}")),
        published: Some("2023-02-23".into()),
    }
}

fn with(name: &str, text: &str, outlet: &str, url: &str, title: &str) -> Document {
    Document {
        id: name.into(),
        name: name.into(),
        text: text.into(),
        title: Some(title.into()),
        outlet: Some(outlet.into()),
        url: Some(url.into()),
        published: Some("2023-02-23".into()),
    }
}

/// The seed-like report as another outlet carries it: its own furniture, another title, one
/// sentence edited.
pub(crate) fn syndicated() -> Document {
    let body = REPORT.replace(
        "تواصل شراكة التنسيق الاستراتيجية الشاملة بين الصين وروسيا تطورها بشكل مطرد",
        "تشهد شراكة التنسيق الاستراتيجية الشاملة بين البلدين نموا ملحوظا",
    );
    let text = format!(
        "الرئيسية >> أخبار العالم >> سياسة\n\n{body}\n\nاقرأ أيضا: أسعار النفط ترتفع في التعاملات الآسيوية\n\n128 مشاهدة\n\nاترك تعليقاً"
    );
    with(
        "copy",
        &text,
        "RT Arabic",
        "https://rt.example/news/1",
        "وانغ يي يلتقي لافروف في موسكو",
    )
}

fn consult(s: &Store) -> Vec<CanonicalEvent> {
    s.events(&EventFilter {
        kind: Some("CONSULT".into()),
        ..Default::default()
    })
    .unwrap()
}

#[test]
fn same_input_twice_adds_nothing() {
    let mut s = Store::open_in_memory().unwrap();
    let docs = || {
        vec![
            Ok(doc("a", REPORT)),
            Ok(syndicated()),
            Ok(doc("b", "خبر قصير عن الطقس في القاهرة اليوم.")),
        ]
    };
    let r1 = s
        .ingest_stream(coder(), docs(), &IngestOptions::default(), |_, _, _| {})
        .unwrap();
    let c1 = s.counts().unwrap();
    let r2 = s
        .ingest_stream(coder(), docs(), &IngestOptions { batch: 1 }, |_, _, _| {})
        .unwrap();
    assert_eq!((r1.added, r1.duplicates, r1.failed), (3, 0, 0));
    assert_eq!((r2.added, r2.duplicates, r2.failed), (0, 3, 0));
    assert_eq!(s.counts().unwrap(), c1);
    assert_eq!(c1.documents, 3);
}

#[test]
fn syndicated_copy_is_one_event_with_two_sources_and_one_story() {
    let mut s = Store::open_in_memory().unwrap();
    s.ingest(coder(), &doc("a", REPORT)).unwrap();
    let out = s.ingest(coder(), &syndicated()).unwrap();
    let Outcome::Added {
        story, similarity, ..
    } = out
    else {
        panic!("{out:?}")
    };
    assert!((0.5..1.0).contains(&similarity), "{similarity}");
    let ev = consult(&s);
    assert_eq!(ev.len(), 1, "{ev:#?}");
    let e = &ev[0];
    assert_eq!((e.n_sources, e.n_outlets), (2, 2));
    assert_eq!(e.sources.len(), 2);
    assert!(e.headline);
    assert_eq!(e.date.as_deref(), Some("2023-02-22"));
    let stories = s.stories(2, 10, 0).unwrap();
    assert_eq!(stories.len(), 1);
    assert_eq!(stories[0].id, story);
    assert_eq!(
        stories[0].outlets,
        vec!["Xinhua".to_string(), "RT Arabic".to_string()]
    );
    assert_eq!(stories[0].headlines, vec![e.id]);
    // the copy's own furniture is marked, and it yields no event
    let d = s.document("copy").unwrap().unwrap();
    assert!(d.furniture.len() >= 3, "{:?}", d.furniture);
    for ev in &d.events {
        for sp in &ev.evidence {
            assert!(!d
                .furniture
                .iter()
                .any(|f| f.start <= sp.start && sp.start < f.end));
        }
    }
    assert_eq!(s.event(e.id).unwrap().unwrap(), *e);
    assert_eq!(s.story_of(&d.id).unwrap().unwrap().id, story);
}

#[test]
fn a_changed_text_at_the_same_url_is_a_new_version() {
    let mut s = Store::open_in_memory().unwrap();
    let first = doc("a", REPORT);
    s.ingest(coder(), &first).unwrap();
    let mut second = first.clone();
    second.text = REPORT.replace("تطورها بشكل مطرد", "تطورها بشكل سريع ومطرد");
    let out = s.ingest(coder(), &second).unwrap();
    let Outcome::Added { id, version, .. } = out else {
        panic!("{out:?}")
    };
    assert_eq!(version, 2);
    let d = s.document(&id).unwrap().unwrap();
    assert_eq!(d.previous.as_deref(), Some(content_id(REPORT).as_str()));
    assert!(d.current);
    assert!(!s.document(&content_id(REPORT)).unwrap().unwrap().current);
    let c = s.counts().unwrap();
    assert_eq!((c.documents, c.current_documents), (2, 1));
    let ev = consult(&s);
    assert_eq!(ev.len(), 1);
    assert_eq!(ev[0].n_sources, 1, "the old version no longer counts");
    assert_eq!(ev[0].sources[0].doc, id);
    assert_eq!(s.stories(1, 10, 0).unwrap()[0].n_docs, 1);
    // the same new version again adds nothing
    assert!(matches!(
        s.ingest(coder(), &second).unwrap(),
        Outcome::Duplicate { .. }
    ));
}

#[test]
fn a_bad_document_in_a_batch_loses_nothing() {
    let mut s = Store::open_in_memory().unwrap();
    let items = vec![
        Ok(doc("a", REPORT)),
        Err(rasd_read::ReadError {
            file: "broken.txt".into(),
            message: "not valid UTF-8 at byte 3".into(),
        }),
        Ok(doc("empty", "  \n ")),
        Ok(syndicated()),
    ];
    let mut seen = Vec::new();
    let r = s
        .ingest_stream(coder(), items, &IngestOptions::default(), |name, res, _| {
            seen.push((name.to_string(), res.is_ok()))
        })
        .unwrap();
    assert_eq!((r.added, r.failed), (2, 2));
    assert_eq!(
        seen,
        vec![
            ("a".to_string(), true),
            ("broken.txt".to_string(), false),
            ("empty".to_string(), false),
            ("copy".to_string(), true)
        ]
    );
    assert_eq!(s.counts().unwrap().documents, 2);
    assert_eq!(consult(&s)[0].n_sources, 2);
}

#[test]
fn a_line_recurring_across_an_outlets_stories_is_furniture() {
    let promo = "وزير الخارجية الروسي سيرجي لافروف يستقبل نظيره الصيني وانغ يي في موسكو";
    let bodies = [
        "أعلنت وزارة الصحة اليوم افتتاح مستشفى جديد في العاصمة بسعة مئتي سرير ويضم أقساما متخصصة.",
        "ارتفعت أسعار النفط في التعاملات الآسيوية بعد بيانات عن تراجع المخزونات الأمريكية الأسبوع الماضي.",
        "فاز المنتخب الوطني لكرة القدم على نظيره بثلاثة أهداف مقابل هدف في المباراة الودية مساء أمس.",
        "افتتح معرض الكتاب الدولي أبوابه للزوار بمشاركة أكثر من ألف دار نشر من أربعين دولة.",
    ];
    let mut s = Store::open_in_memory().unwrap();
    let mut recurring = Vec::new();
    for (i, b) in bodies.iter().enumerate() {
        let d = with(
            &format!("p{i}"),
            &format!("{b}\n\n{promo}\n"),
            "Site",
            &format!("https://site.example/{i}"),
            "خبر",
        );
        match s.ingest(coder(), &d).unwrap() {
            Outcome::Added {
                recurring_lines, ..
            } => recurring.push(recurring_lines),
            o => panic!("{o:?}"),
        }
    }
    assert_eq!(recurring, vec![0, 0, 1, 1]);
    let d = s.document("p3").unwrap().unwrap();
    assert!(d.furniture.iter().any(|f| f.kind == "recurring"));
    assert!(d.events.is_empty(), "{:?}", d.events);
    // another outlet's line is not affected
    let other = with(
        "q",
        &format!("{}\n\n{promo}\n", bodies[0].replace("مئتي", "ثلاثمئة")),
        "Other",
        "https://o.example/1",
        "خبر",
    );
    let Outcome::Added {
        recurring_lines, ..
    } = s.ingest(coder(), &other).unwrap()
    else {
        panic!()
    };
    assert_eq!(recurring_lines, 0);
}

#[test]
fn search_normalises_and_loosens_the_query() {
    let mut s = Store::open_in_memory().unwrap();
    s.ingest(coder(), &doc("a", REPORT)).unwrap();
    let weather = "خبر قصير عن الطقس في القاهرة اليوم.";
    s.ingest(
        coder(),
        &with("b", weather, "Ahram", "https://a.example/1", "الطقس"),
    )
    .unwrap();
    let f = SearchFilter::default();
    for q in [
        "شى جين بينج",
        "لافروف",
        "ولافروف",
        "الصين",
        "بوتين",
        "فلاديمير  بوتين",
    ] {
        let r = s.search(q, &f, 10, 0).unwrap();
        assert_eq!(r.total, 1, "{q}");
        let h = &r.hits[0];
        assert_eq!(h.name, "a");
        assert!(!h.snippet.highlights.is_empty(), "{q}");
        let chars: Vec<char> = REPORT.chars().collect();
        let (a, b) = h.snippet.highlights[0];
        let word: String = chars[a..b].iter().collect();
        assert!(!word.trim().is_empty());
        let snip: String = chars[h.snippet.start..h.snippet.end].iter().collect();
        assert_eq!(snip, h.snippet.text);
        assert!(!h.events.is_empty());
    }
    assert_eq!(s.search("القاهرة", &f, 10, 0).unwrap().hits[0].name, "b");
    assert_eq!(s.search("طوكيو", &f, 10, 0).unwrap().total, 0);
    let only = |kind: &str| SearchFilter {
        kind: Some(kind.into()),
        ..Default::default()
    };
    assert_eq!(s.search("اليوم", &only("CONSULT"), 10, 0).unwrap().total, 1);
    assert_eq!(s.search("اليوم", &f, 10, 0).unwrap().total, 2);
    assert_eq!(
        s.search(
            "اليوم",
            &SearchFilter {
                actor: Some("sergey-lavrov".into()),
                ..Default::default()
            },
            10,
            0
        )
        .unwrap()
        .total,
        1
    );
    assert!(s.search(" ,. ", &f, 10, 0).is_err());
    assert!(s.search(&"ا".repeat(600), &f, 10, 0).is_err());
    assert!(s.search("\"OR AND NEAR(", &f, 10, 0).is_ok());
}

#[test]
fn queries_filter_count_and_aggregate() {
    let mut s = Store::open_in_memory().unwrap();
    s.ingest(coder(), &doc("a", REPORT)).unwrap();
    s.ingest(coder(), &syndicated()).unwrap();
    let n = |f: EventFilter| s.events(&f).unwrap().len();
    let all = n(EventFilter::default());
    assert!(all >= 2);
    let f = |actor: &str, kind: &str, since: &str, until: &str| EventFilter {
        actor: (!actor.is_empty()).then(|| actor.into()),
        kind: (!kind.is_empty()).then(|| kind.into()),
        since: (!since.is_empty()).then(|| since.into()),
        until: (!until.is_empty()).then(|| until.into()),
        ..Default::default()
    };
    // (actor, type, since, until, expected)
    let rows = [
        ("RUS", "CONSULT", "2023-01-01", "", 1),
        ("sergey-lavrov", "CONSULT", "", "", 1),
        ("wang-yi", "", "", "", 1),
        ("USA", "", "", "", 0),
        ("", "CONSULT", "2023-02-23", "", 0),
        ("", "CONSULT", "2023-02", "2023-02", 1),
        ("", "CONSULT", "", "2023-02-21", 0),
        ("", "CONSULT", "2023-02-22", "2023-02-22", 1),
    ];
    for (a, k, si, u, want) in rows {
        assert_eq!(n(f(a, k, si, u)), want, "{a} {k} {si} {u}");
    }
    assert_eq!(
        s.count_events(&EventFilter::default()).unwrap() as usize,
        all
    );
    assert_eq!(
        n(EventFilter {
            outlet: Some("RT Arabic".into()),
            ..Default::default()
        }),
        n(EventFilter {
            doc: Some(content_id(&syndicated().text)),
            ..Default::default()
        })
    );
    assert!(s.events(&f("", "", "yesterday", "")).is_err());
    let t = s.timeline(&EventFilter::default(), Bucket::Week).unwrap();
    assert_eq!(
        t.points.iter().map(|p| p.count).sum::<u64>() + t.undated,
        all as u64
    );
    assert!(t.points.iter().all(|p| p.period == "2023-02-20"), "{t:?}");
    let net = s.network(&EventFilter::default()).unwrap();
    assert!(net
        .edges
        .iter()
        .any(|e| e.source == "wang-yi" && e.target == "sergey-lavrov" && e.kind == "CONSULT"));
    let actors = s.actors(&EventFilter::default()).unwrap();
    assert!(actors
        .iter()
        .any(|a| a.key == "sergey-lavrov" && a.events >= 1));
    assert_eq!(s.schema_version().unwrap(), schema::VERSION);
}

#[test]
fn a_non_arabic_text_is_stored_and_flagged() {
    let mut s = Store::open_in_memory().unwrap();
    let english = "Foreign ministers of China and Russia met in Moscow on Wednesday.";
    let o = s.ingest(coder(), &doc("en", english)).unwrap();
    let Outcome::Added { id, events, .. } = o else {
        panic!("{o:?}")
    };
    assert_eq!(events, 0);
    let d = s.document(&id).unwrap().unwrap();
    assert!(d.arabic.unwrap() < NOT_ARABIC);
    s.ingest(coder(), &doc("a", REPORT)).unwrap();
    assert!(s.document("a").unwrap().unwrap().arabic.unwrap() > 0.9);
}

#[test]
fn a_file_store_reopens_and_refuses_garbage() {
    let dir = std::env::temp_dir().join(format!("rasd-store-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("t.db");
    let _ = std::fs::remove_file(&path);
    {
        let mut s = Store::open(&path).unwrap();
        s.ingest(coder(), &doc("a", REPORT)).unwrap();
        s.mark_seen("feed", "item-1", None).unwrap();
    }
    let s = Store::open(&path).unwrap();
    assert_eq!(s.counts().unwrap().documents, 1);
    assert!(s.is_seen("feed", "item-1").unwrap());
    assert!(!s.is_seen("feed", "item-2").unwrap());
    let ro = Store::open_read_only(&path).unwrap();
    assert_eq!(ro.counts().unwrap().documents, 1);
    let junk = dir.join("junk.db");
    std::fs::write(
        &junk,
        b"this is not a database at all, not even close ........",
    )
    .unwrap();
    let e = Store::open(&junk).err().expect("garbage refused");
    assert!(e.to_string().contains("junk.db"), "{e}");
    let _ = std::fs::remove_dir_all(&dir);
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(48)))]
    #[test]
    fn ingest_never_panics(text in "(\\PC|[\\n اأإلوبفكيةىء،:>/ـً-ٰ0-9٠-٩])*", url in proptest::option::of("[a-z:/.]{0,12}")) {
        let mut s = Store::open_in_memory().unwrap();
        let d = Document { id: "x".into(), name: "x".into(), text: text.clone(), title: None, outlet: None, url, published: Some("2023-02-30".into()) };
        let _ = s.ingest(coder(), &d);
        let _ = s.ingest(coder(), &d);
        let _ = s.search(&text, &SearchFilter::default(), 5, 0);
        let _ = s.document("x");
    }
}
