//! Table tests of the analyser, on sentences and words written for them (not from the scored corpora).
use super::*;

fn analyzer() -> Analyzer {
    let v = |ar: &str, pos, form: Option<u8>, imperfect: Option<&str>| Lemma {
        ar: ar.to_string(),
        pos,
        form,
        imperfect: imperfect.map(str::to_string),
        plurals: Vec::new(),
    };
    let mut lemmas = vec![
        v("قتل", Pos::Verb, None, None),
        v("قال", Pos::Verb, None, Some("يقول")),
        v("كان", Pos::Verb, None, None),
        v("رأى", Pos::Verb, None, None),
        v("عاد", Pos::Verb, None, None),
        v("أعاد", Pos::Verb, None, None),
        v("زار", Pos::Verb, None, Some("يزور")),
        v("دعا", Pos::Verb, None, None),
        v("رمى", Pos::Verb, None, None),
        v("لقي", Pos::Verb, None, None),
        v("وصل", Pos::Verb, None, None),
        v("رد", Pos::Verb, None, None),
        v("سأل", Pos::Verb, None, None),
        v("هنأ", Pos::Verb, Some(2), None),
        v("وقع", Pos::Verb, Some(2), None),
        v("قاتل", Pos::Verb, None, None),
        v("أرسل", Pos::Verb, None, None),
        v("أقام", Pos::Verb, None, None),
        v("أجرى", Pos::Verb, None, None),
        v("أعد", Pos::Verb, Some(4), None),
        v("تحدث", Pos::Verb, None, None),
        v("تلقى", Pos::Verb, None, None),
        v("تبادل", Pos::Verb, None, None),
        v("انسحب", Pos::Verb, None, None),
        v("اجتمع", Pos::Verb, None, None),
        v("اغتال", Pos::Verb, None, None),
        v("التقى", Pos::Verb, None, None),
        v("اتهم", Pos::Verb, None, None),
        v("احتج", Pos::Verb, None, None),
        v("استقبل", Pos::Verb, None, None),
        v("استقال", Pos::Verb, None, None),
        v("استدعى", Pos::Verb, None, None),
        v("استمر", Pos::Verb, None, None),
        v("زلزل", Pos::Verb, None, None),
        v("زيارة", Pos::Noun, None, None),
        v("هجوم", Pos::Noun, None, None),
    ];
    lemmas.push(Lemma {
        plurals: vec!["معارك".to_string()],
        ..Lemma::new("معركة", Pos::Noun)
    });
    Analyzer::new(lemmas)
}

/// (word, lemma, tag of one of its readings)
fn check(rows: &[(&str, &str, &str)]) {
    let an = analyzer();
    for (word, lemma, tag) in rows {
        let got = an.analyze(word);
        assert!(
            got.iter()
                .any(|a| an.lemma(a.lemma).ar == *lemma && a.feats.tag() == *tag),
            "{word}: wanted {lemma} {tag}, got {:?}",
            got.iter()
                .map(|a| format!(
                    "{} {} {}+{}",
                    an.lemma(a.lemma).ar,
                    a.feats.tag(),
                    a.proclitic,
                    a.enclitic
                ))
                .collect::<Vec<_>>()
        );
    }
}

#[test]
fn sound_verbs_and_clitics() {
    check(&[
        ("قتل", "قتل", "perf.3ms.act|pass"),
        ("قتلت", "قتل", "perf.3fs.act|pass"),
        ("وقتلوا", "قتل", "perf.3mp.act|pass"),
        ("يقتلون", "قتل", "impf.3mp.act"),
        ("ستقتل", "قتل", "impf.3fs.act"),
        ("وسيقتلهم", "قتل", "impf.3ms.act"),
        ("قتلوه", "قتل", "perf.3mp.act|pass"),
        ("اقتلوا", "قتل", "impv.2mp.act"),
    ]);
}

#[test]
fn weak_roots() {
    check(&[
        // hollow
        ("قال", "قال", "perf.3ms.act|pass"),
        ("قلت", "قال", "perf.1s.act|pass"),
        ("يقول", "قال", "impf.3ms.act"),
        ("يقولون", "قال", "impf.3mp.act"),
        ("قيل", "قال", "perf.3ms.pass"),
        ("يقال", "قال", "impf.3ms.pass"),
        ("يزورها", "زار", "impf.3ms.act"),
        ("زارت", "زار", "perf.3fs.act|pass"),
        ("زرنا", "زار", "perf.1p.act|pass"),
        // defective
        ("دعا", "دعا", "perf.3ms.act|pass"),
        ("يدعو", "دعا", "impf.3ms.act"),
        ("دعت", "دعا", "perf.3fs.act|pass"),
        ("دعوا", "دعا", "perf.3mp.act|pass"),
        ("دعوت", "دعا", "perf.1s.act|pass"),
        ("يدعون", "دعا", "impf.3mp.act"),
        ("دعي", "دعا", "perf.3ms.pass"),
        ("رمى", "رمى", "perf.3ms.act|pass"),
        ("يرمي", "رمى", "impf.3ms.act"),
        ("رميا", "رمى", "perf.3md.act|pass"),
        ("لقي", "لقي", "perf.3ms.act|pass"),
        ("لقيت", "لقي", "perf.3fs.act|pass"),
        ("يلقى", "لقي", "impf.3ms.act"),
        // assimilated
        ("وصل", "وصل", "perf.3ms.act|pass"),
        ("يصل", "وصل", "impf.3ms.act"),
        ("وصلت", "وصل", "perf.3fs.act|pass"),
        ("يوقع", "وقع", "impf.3ms.act"),
        // doubled
        ("رد", "رد", "perf.3ms.act|pass"),
        ("رددت", "رد", "perf.1s.act|pass"),
        ("ردّت", "رد", "perf.3fs.act|pass"),
        ("يردون", "رد", "impf.3mp.act"),
        ("كنا", "كان", "perf.1p.act|pass"),
        ("يرى", "رأى", "impf.3ms.act"),
        // hamzated
        ("سأل", "سأل", "perf.3ms.act|pass"),
        ("يسأل", "سأل", "impf.3ms.act"),
        ("هنأ", "هنأ", "perf.3ms.act|pass"),
        ("يهنئ", "هنأ", "impf.3ms.act"),
        ("تهنئة", "هنأ", "masdar.s"),
    ]);
}

#[test]
fn derived_forms() {
    check(&[
        ("قاتلوا", "قاتل", "perf.3mp.act|pass"),
        ("يقاتل", "قاتل", "impf.3ms.act"),
        ("مقاتلة", "قاتل", "masdar.s"),
        ("أرسلت", "أرسل", "perf.3fs.act|pass"),
        ("ارسلت", "أرسل", "perf.3fs.act|pass"),
        ("يرسل", "أرسل", "impf.3ms.act"),
        ("إرسال", "أرسل", "masdar.s"),
        ("أقام", "أقام", "perf.3ms.act|pass"),
        ("يقيم", "أقام", "impf.3ms.act"),
        ("أقمت", "أقام", "perf.1s.act|pass"),
        ("إقامة", "أقام", "masdar.s"),
        ("أجرى", "أجرى", "perf.3ms.act|pass"),
        ("أجريت", "أجرى", "perf.3fs.pass"),
        ("يجري", "أجرى", "impf.3ms.act"),
        ("إجراء", "أجرى", "masdar.s"),
        ("يعد", "أعد", "impf.3ms.act"),
        ("أعددنا", "أعد", "perf.1p.act|pass"),
        ("إعداد", "أعد", "masdar.s"),
        ("تحدث", "تحدث", "perf.3ms.act|pass"),
        ("يتحدثون", "تحدث", "impf.3mp.act"),
        ("تلقى", "تلقى", "perf.3ms.act|pass"),
        ("يتلقى", "تلقى", "impf.3ms.act"),
        ("تلقت", "تلقى", "perf.3fs.act|pass"),
        ("تبادلا", "تبادل", "perf.3md.act|pass"),
        ("انسحبت", "انسحب", "perf.3fs.act|pass"),
        ("ينسحب", "انسحب", "impf.3ms.act"),
        ("الانسحاب", "انسحب", "masdar.s"),
        ("اجتمع", "اجتمع", "perf.3ms.act|pass"),
        ("يجتمعان", "اجتمع", "impf.3md.act"),
        ("اجتماعهما", "اجتمع", "masdar.s"),
        ("اغتال", "اغتال", "perf.3ms.act|pass"),
        ("اغتيل", "اغتال", "perf.3ms.pass"),
        ("يغتال", "اغتال", "impf.3ms.act"),
        ("اغتيال", "اغتال", "masdar.s"),
        ("التقى", "التقى", "perf.3ms.act|pass"),
        ("التقيا", "التقى", "perf.3md.act|pass"),
        ("التقوا", "التقى", "perf.3mp.act|pass"),
        ("يلتقي", "التقى", "impf.3ms.act"),
        ("وسيلتقي", "التقى", "impf.3ms.act"),
        ("يلتقون", "التقى", "impf.3mp.act"),
        ("التقاه", "التقى", "perf.3ms.act|pass"),
        ("التقاء", "التقى", "masdar.s"),
        ("اتهمت", "اتهم", "perf.3fs.act|pass"),
        ("يتهم", "اتهم", "impf.3ms.act"),
        ("اتهموه", "اتهم", "perf.3mp.act|pass"),
        ("احتج", "احتج", "perf.3ms.act|pass"),
        ("احتججنا", "احتج", "perf.1p.act|pass"),
        ("احتجاج", "احتج", "masdar.s"),
        ("استقبل", "استقبل", "perf.3ms.act|pass"),
        ("يستقبلها", "استقبل", "impf.3ms.act"),
        ("استقبالهم", "استقبل", "masdar.s"),
        ("استقال", "استقال", "perf.3ms.act|pass"),
        ("يستقيل", "استقال", "impf.3ms.act"),
        ("استقالة", "استقال", "masdar.s"),
        ("استدعت", "استدعى", "perf.3fs.act|pass"),
        ("يستدعي", "استدعى", "impf.3ms.act"),
        ("استدعاء", "استدعى", "masdar.s"),
        ("استمرت", "استمر", "perf.3fs.act|pass"),
        ("استمرار", "استمر", "masdar.s"),
        ("زلزلت", "زلزل", "perf.3fs.act|pass"),
    ]);
}

#[test]
fn certain_readings_rank_before_guessed_and_short_ones() {
    let an = analyzer();
    // «يعيد» is form IV «أعاد» for sure; form I «عاد» with a guessed vowel is «يعود»
    for (word, lemma) in [("يعيد", "أعاد"), ("سيعيد", "أعاد")] {
        let got = an.analyze(word);
        assert_eq!(an.lemma(got[0].lemma).ar, lemma, "{word}");
    }
    // no short (jussive) form after the future «س»
    assert!(an.analyze("سيعد").iter().all(|a| !a.feats.jussive));
}

#[test]
fn nouns_with_clitics_and_number() {
    check(&[
        ("زيارة", "زيارة", "noun.s"),
        ("بزيارته", "زيارة", "noun.s"),
        ("وزيارتها", "زيارة", "noun.s"),
        ("الزيارات", "زيارة", "noun.p"),
        ("زيارتين", "زيارة", "noun.d"),
        ("للزيارة", "زيارة", "noun.s"),
        ("هجوما", "هجوم", "noun.s"),
        ("والهجوم", "هجوم", "noun.s"),
        ("المعارك", "معركة", "noun.p"),
    ]);
}

#[test]
fn words_that_are_not_lexicon_lemmas_have_no_reading() {
    let an = analyzer();
    for word in [
        "هنا",
        "وعلم",
        "بالمقارنة",
        "الزيت",
        "قلم",
        "ب",
        "2019",
        "واشنطن",
    ] {
        let got = an.analyze(word);
        assert!(
            got.is_empty(),
            "{word}: {:?}",
            got.iter()
                .map(|a| (an.lemma(a.lemma).ar.clone(), a.feats.tag()))
                .collect::<Vec<_>>()
        );
    }
}

#[test]
fn clitics_fit_the_part_of_speech() {
    let an = analyzer();
    // the article and ب take nouns, the future س takes imperfect verbs
    for word in ["القتل", "بقتل", "سقتل", "بيقتل"] {
        assert!(
            an.analyze(word).iter().all(|a| a.feats.pos != Pos::Verb),
            "{word}"
        );
    }
}

#[test]
fn shapes_of_unknown_verbs() {
    for (word, lemma) in [
        ("يكتبون", "كتب"),
        ("ويستخدم", "استخدم"),
        ("سيتوجه", "توجه"),
        ("ينتقد", "انتقد"),
        ("يقوم", "قام"),
        ("يسعى", "سعي"),
        ("يجتمعون", "اجتمع"),
        ("كتبوا", "كتب"),
        ("وأكدوا", "أكد"),
        ("رجل", ""),
        ("سياسية", ""),
        ("يونيو", ""),
    ] {
        assert_eq!(guess_verb(word).unwrap_or_default(), key(lemma), "{word}");
    }
}
