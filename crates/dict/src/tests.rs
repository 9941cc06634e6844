use super::*;
use rasd_text::Normalized;

const MINI: &str = r#"
[[country]]
iso3 = "CHN"
name = "China"
ar = ["الصين"]
adj = ["صيني", "صينية"]
capital = "Beijing"
capital_ar = ["بكين"]

[[place]]
name = "Shanghai"
country = "CHN"
ar = ["شنغهاي"]

[[person]]
id = "xi"
name = "Xi Jinping"
country = "CHN"
ar = ["شي جين بينغ"]
roles = [{ role = "head_of_state", from = "2013-03-14" }]

[[person]]
id = "sisi"
name = "Abdel Fattah el-Sisi"
country = "EGY"
ar = ["عبد الفتاح السيسي"]
short = ["السيسي"]

[[title]]
ar = ["وزير الخارجية"]
role = "foreign_minister"

[[trigger]]
type = "CONSULT"
cameo = "042"
pos = "verb"
ar = ["يزور"]
"#;

fn found(d: &Dict, text: &str) -> Vec<(String, EntryRef, bool)> {
    let n = Normalized::new(text);
    let toks = tokens(n.text());
    d.scan(n.text(), &toks)
        .into_iter()
        .map(|m| {
            let (s, e) = n.orig_span(toks[m.first].start, toks[m.last - 1].end);
            (
                text.chars().skip(s).take(e - s).collect(),
                m.entry,
                m.future,
            )
        })
        .collect()
}

#[test]
fn matching_table() {
    let d = Dict::from_sources(&[("mini", MINI)]).unwrap();
    // text → (surface matched, entry)
    let rows: Vec<(&str, &str, EntryRef)> = vec![
        ("زار الصين", "الصين", EntryRef::Country(0)),
        ("وللصين موقف", "وللصين", EntryRef::Country(0)),
        ("وبالصين", "وبالصين", EntryRef::Country(0)),
        ("الرئيس الصيني", "الصيني", EntryRef::CountryAdj(0)),
        ("قالت بكين", "بكين", EntryRef::Capital(0)),
        ("في شانغهاي", "شانغهاي", EntryRef::Place(0)),
        ("في شنجهاي", "شنجهاي", EntryRef::Place(0)),
        ("الرئيس شى جين بينج", "شى جين بينج", EntryRef::Person(0)),
        (
            "وقال عبدالفتاح السيسي",
            "عبدالفتاح السيسي",
            EntryRef::Person(1),
        ),
        ("والسيسي", "والسيسي", EntryRef::PersonShort(1)),
        ("وزير الخارجية", "وزير الخارجية", EntryRef::Title(0)),
        ("ووزير الخارجيّة", "ووزير الخارجيّة", EntryRef::Title(0)),
    ];
    for (text, surface, entry) in rows {
        let got = found(&d, text);
        assert!(
            got.iter().any(|(s, e, _)| s == surface && *e == entry),
            "{text}: {got:?}"
        );
    }
}

#[test]
fn future_prefix_is_seen_on_triggers_only() {
    let d = Dict::from_sources(&[("mini", MINI)]).unwrap();
    let got = found(&d, "سيزور الصين");
    assert!(
        got.iter()
            .any(|(s, e, fut)| s == "سيزور" && *e == EntryRef::Trigger(0) && *fut),
        "{got:?}"
    );
    assert!(found(&d, "سالصين").is_empty());
}

#[test]
fn roles_are_bounded_in_time() {
    let r = Role {
        role: "foreign_minister".into(),
        from: "2013-03-16".into(),
        to: "2022-12-30".into(),
        sector: None,
        org: None,
    };
    for (date, want) in [
        ("2013-03-16", true),
        ("2022-12-30", true),
        ("2023-01-01", false),
        ("2013-03-15", false),
        ("2020", true),
        ("2022-12", true),
    ] {
        assert_eq!(r.covers(date), want, "{date}");
    }
}

#[test]
fn embedded_dictionaries_parse() {
    let d = Dict::embedded().expect("embedded dictionaries parse");
    assert!(d.forms() > 0);
}

#[test]
fn arabic_words_are_not_matched_loosely() {
    // (text, a matched form that must NOT be found as an organisation)
    let d = Dict::embedded().expect("embedded dictionaries parse");
    let rows = [
        "وزير الدفاع الأميركي",
        "وزير الخارجية الأمريكي",
        "وزير الداخلية السعودي",
    ];
    for text in rows {
        let orgs: Vec<_> = found(&d, text)
            .into_iter()
            .filter(|(_, e, _)| matches!(e, EntryRef::Org(_)))
            .collect();
        assert!(orgs.is_empty(), "{text}: {orgs:?}");
    }
    // nor common words that look like a name of several words («الجمعة عند» ≠ «جمعة عناد»)
    let people: Vec<_> = found(&d, "يلتقي الزعيمان الجمعة عند الخط الفاصل")
        .into_iter()
        .filter(|(_, e, _)| matches!(e, EntryRef::Person(_)))
        .collect();
    assert!(people.is_empty(), "{people:?}");
    // while transliterated names still match loosely
    let mini = Dict::from_sources(&[("mini.toml", MINI)]).unwrap();
    assert!(found(&mini, "شانغهاي")
        .iter()
        .any(|(_, e, _)| matches!(e, EntryRef::Place(_))));
    assert!(found(&mini, "شى جين بينج")
        .iter()
        .any(|(_, e, _)| matches!(e, EntryRef::Person(_))));
}

#[test]
fn object_pronouns_on_triggers_only() {
    // (text, is a trigger found)
    let d = Dict::from_sources(&[("mini.toml", MINI)]).unwrap();
    let rows = [
        ("يزورها", true),
        ("ويزورهم", true),
        ("سيزورهما", false), // the future prefix and a pronoun together are not read
        ("الصينها", false),  // nouns never lose a pronoun
    ];
    for (text, want) in rows {
        let got = found(&d, text)
            .iter()
            .any(|(_, e, _)| matches!(e, EntryRef::Trigger(_)));
        assert_eq!(got, want, "{text}");
    }
    assert!(!found(&d, "الصينها")
        .iter()
        .any(|(_, e, _)| matches!(e, EntryRef::Country(_))));
}

#[test]
fn accusative_forms_table() {
    // (noun phrase, its indefinite accusative forms)
    let rows: [(&str, &[&str]); 5] = [
        ("اجتماع", &["اجتماعا"]),
        ("اتصال هاتفي", &["اتصالا هاتفي", "اتصالا هاتفيا"]),
        ("الاجتماع", &[]),
        ("زيارة", &[]),
        ("لقاء", &[]),
    ];
    for (form, want) in rows {
        assert_eq!(crate::accusative_forms(form), want.to_vec(), "{form}");
    }
}

#[test]
fn a_loose_name_match_keeps_its_first_letter() {
    let d = crate::Dict::embedded().expect("dictionaries");
    // «وصادرت» (and confiscated) has the skeleton of «سديروت» (Sderot) but not its first letter
    let text = rasd_text::normalize("وصادرت هاتفها");
    let toks = rasd_text::tokens(&text);
    let ms = d.scan(&text, &toks);
    assert!(
        ms.iter()
            .all(|m| !matches!(m.entry, crate::EntryRef::Place(p) if d.places[p].name == "Sderot")),
        "{ms:?}"
    );
    // a /g/ letter may open either spelling: «جوتيريش» is «غوتيريش»
    let text = rasd_text::normalize("قال أنطونيو جوتيريش");
    let toks = rasd_text::tokens(&text);
    let ms = d.scan(&text, &toks);
    assert!(
        ms.iter()
            .any(|m| matches!(m.entry, crate::EntryRef::Person(p) if d.people[p].name == "António Guterres")),
        "{ms:?}"
    );
}
