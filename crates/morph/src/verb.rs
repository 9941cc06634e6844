//! Verb paradigms: every inflected spelling of a verb lemma, made by rule from its perfect 3ms.
//!
//! Unvocalised spelling hides most of what tells the forms apart, so the rules work on letters: the
//! derived form and weak class are read off the lemma's spelling (or given by the lexicon), and each
//! aspect's stem is the lemma with the letters that its pattern changes replaced.
use crate::feats::*;

/// How a root's weak letters shape the verb.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weak {
    /// No weak letter in play.
    Sound,
    /// First radical و («وصل/يصل»).
    Assimilated,
    /// Second radical و/ي shown as ا («قال/يقول», «اختار», «استقال»).
    Hollow,
    /// Third radical و («دعا/يدعو»).
    DefectiveW,
    /// Third radical ي written ى («رمى/يرمي», «التقى/يلتقي»).
    DefectiveY,
    /// Third radical ي after kasra («لقي/يلقى», «بقي/يبقى»).
    DefectiveI,
    /// Second and third radicals the same, written once («ردّ/رددت», «احتجّ», «استمرّ»).
    Doubled,
}

/// A verb lemma read off its spelling.
#[derive(Debug, Clone)]
pub struct VerbShape {
    /// Derived form, 1–10, 11 for a quadriliteral.
    pub form: u8,
    /// Weak class.
    pub weak: Weak,
}

type C = Vec<char>;

fn s(c: &[char]) -> String {
    c.iter().collect()
}

fn cat(a: &[char], b: &str) -> String {
    let mut out = s(a);
    out.push_str(b);
    out
}

/// Reads the form and weak class of a lemma (as written in the lexicon: hamza, «ى»), unless the
/// lexicon gives the form.
pub fn shape(lemma: &str, form: Option<u8>) -> VerbShape {
    let orig: C = lemma
        .chars()
        .filter(|c| !matches!(c, '\u{064B}'..='\u{065F}' | '\u{0640}'))
        .collect();
    let n = orig.len();
    let last = orig.last().copied().unwrap_or(' ');
    let defective = |derived: bool| match last {
        'ا' => Weak::DefectiveW,
        'ى' => Weak::DefectiveY,
        'ي' if !derived => Weak::DefectiveI,
        'ي' => Weak::DefectiveY,
        _ => Weak::Sound,
    };
    let hollow = n >= 3 && orig[n - 2] == 'ا';
    let (f, weak) = match n {
        0..=2 => (1, Weak::Doubled),
        3 => {
            let w = if orig[0] == 'أ' && form == Some(4) {
                Weak::Doubled
            } else if orig[1] == 'ا' {
                Weak::Hollow
            } else if matches!(last, 'ا' | 'ى' | 'ي') {
                defective(false)
            } else if orig[0] == 'و' {
                Weak::Assimilated
            } else {
                Weak::Sound
            };
            (form.unwrap_or(1), w)
        }
        4 if orig[0] == 'أ' || orig[0] == 'إ' => (
            4,
            if hollow {
                Weak::Hollow
            } else if matches!(last, 'ا' | 'ى') {
                defective(true)
            } else {
                Weak::Sound
            },
        ),
        4 if orig[0] == 'ا' && orig[2] == 'ت' => (8, Weak::Doubled),
        4 if orig[0] == 'ا' && orig[1] == 'ت' => (8, Weak::Sound),
        4 if orig[0] == 'ا' && orig[1] == 'ن' => (7, Weak::Doubled),
        4 if orig[1] == 'ا' => (3, defective(true)),
        4 if orig[0] == 'ت' => (5, defective(true)),
        4 => (11, Weak::Sound),
        5 if orig.starts_with(&['ا', 'س', 'ت']) => (10, Weak::Doubled),
        5 if orig[0] == 'ت' && orig[2] == 'ا' => (6, defective(true)),
        5 if orig[0] == 'ا' && matches!(orig[2], 'ت' | 'ط' | 'د') => (
            8,
            if hollow {
                Weak::Hollow
            } else {
                defective(true)
            },
        ),
        5 if orig[0] == 'ا' && orig[1] == 'ن' => (
            7,
            if hollow {
                Weak::Hollow
            } else {
                defective(true)
            },
        ),
        6 if orig.starts_with(&['ا', 'س', 'ت']) => (
            10,
            if hollow {
                Weak::Hollow
            } else {
                defective(true)
            },
        ),
        _ => (11, Weak::Sound),
    };
    VerbShape {
        form: form.unwrap_or(f),
        weak,
    }
}

/// One generated spelling (in [`crate::key`] form) with its features.
pub type Generated = (String, Feats);

/// Every spelling of a verb lemma: perfect, imperfect (with its prefixes and suffixes), visible
/// passives, form I imperative and the masdar of derived forms. `imperfect` is the lexicon's 3ms
/// imperfect when the spelling cannot tell it (hollow and defective form I).
pub fn paradigm(lemma: &str, form: Option<u8>, imperfect: Option<&str>) -> Vec<Generated> {
    let sh = shape(lemma, form);
    let l: C = crate::key(lemma).chars().collect();
    let n = l.len();
    let mut out: Vec<Generated> = Vec::new();
    if n < 2 {
        return out;
    }
    let f = sh.form;
    let act = |p: Pgn| Feats::verb(f, Aspect::Perfect, p, Voice::Either);
    // ---------------------------------------------------------------- perfect
    let base: C = l[..n - 1].to_vec();
    match sh.weak {
        Weak::DefectiveW | Weak::DefectiveY => {
            let w = if sh.weak == Weak::DefectiveW && f == 1 {
                "و"
            } else {
                "ي"
            };
            out.push((s(&l), act(S3M)));
            out.push((cat(&base, "ت"), act(S3F)));
            out.push((cat(&base, "تا"), act(D3F)));
            out.push((cat(&base, &format!("{w}ا")), act(D3M)));
            out.push((cat(&base, "وا"), act(P3M)));
            for (suf, p) in [("ت", S1), ("نا", P1), ("تم", P2M), ("ن", P3F)] {
                out.push((cat(&base, &format!("{w}{suf}")), act(p)));
            }
            // the passive keeps the third radical as ي: «دعي», «أجري», «أجريت»
            if sh.weak == Weak::DefectiveW || f > 1 {
                let pass = |p| Feats::verb(f, Aspect::Perfect, p, Voice::Passive);
                out.push((cat(&base, "ي"), pass(S3M)));
                out.push((cat(&base, "يت"), pass(S3F)));
            }
        }
        Weak::DefectiveI => {
            out.push((s(&l), act(S3M)));
            out.push((cat(&l, "ت"), act(S3F)));
            out.push((cat(&l, "تا"), act(D3F)));
            out.push((cat(&l, "ا"), act(D3M)));
            out.push((cat(&base, "وا"), act(P3M)));
            for (suf, p) in [("نا", P1), ("تم", P2M), ("ن", P3F)] {
                out.push((cat(&l, suf), act(p)));
            }
        }
        _ => {
            out.push((s(&l), act(S3M)));
            for (suf, p) in [("ت", S3F), ("ا", D3M), ("تا", D3F), ("وا", P3M)] {
                out.push((cat(&l, suf), act(p)));
            }
            // before a consonant suffix a hollow verb loses its ا, a doubled one shows both radicals
            let cons: C = match sh.weak {
                Weak::Hollow => [&l[..n - 2], &l[n - 1..]].concat(),
                Weak::Doubled => [&l[..], &l[n - 1..]].concat(),
                _ => l.clone(),
            };
            for (suf, p) in [("ت", S1), ("نا", P1), ("تم", P2M), ("ن", P3F)] {
                // «كنّا», «كنّ»: the base's last letter and the suffix's first are written once
                let merged = suf.starts_with(cons[cons.len() - 1]);
                let base = if merged {
                    &cons[..cons.len() - 1]
                } else {
                    &cons[..]
                };
                out.push((cat(base, suf), act(p)));
            }
            if sh.weak == Weak::Hollow {
                // passive: the ا becomes ي («قيل», «اغتيل», «أعيد», «استعيد»)
                let mut p = l.clone();
                p[n - 2] = 'ي';
                let pass = |pgn| Feats::verb(f, Aspect::Perfect, pgn, Voice::Passive);
                out.push((s(&p), pass(S3M)));
                out.push((cat(&p, "ت"), pass(S3F)));
                out.push((cat(&p, "وا"), pass(P3M)));
            }
        }
    }
    // ---------------------------------------------------------------- imperfect
    let mut stems: Vec<(C, Voice)> = Vec::new();
    let mut unsure = false;
    let mut jussive: Vec<C> = Vec::new();
    let drop_first = || l[1..].to_vec();
    match (f, sh.weak) {
        (_, _) if imperfect.is_some() => {
            let im: C = crate::key(imperfect.unwrap_or_default()).chars().collect();
            if im.len() > 2 {
                stems.push((im[1..].to_vec(), Voice::Active));
            }
        }
        (1, Weak::Hollow) => {
            for mid in ['و', 'ي', 'ا'] {
                stems.push((vec![l[0], mid, l[2]], Voice::Active));
            }
            unsure = true;
            jussive.push(vec![l[0], l[2]]);
        }
        // «رأى/يرى», «نأى/ينأى»: the imperfect drops the medial hamza
        (1, Weak::DefectiveY) if l[1] == 'أ' => {
            stems.push((vec![l[0], 'ي'], Voice::Active));
            stems.push((vec![l[0], l[1], 'ي'], Voice::Active));
        }
        (1, Weak::DefectiveW) => stems.push((vec![l[0], l[1], 'و'], Voice::Active)),
        (1, Weak::DefectiveY) | (1, Weak::DefectiveI) => {
            stems.push((vec![l[0], l[1], 'ي'], Voice::Active))
        }
        (1, Weak::Assimilated) => {
            stems.push((drop_first(), Voice::Active));
            stems.push((l.clone(), Voice::Active));
        }
        (1, _) | (2, _) if l[0] == 'أ' && n == 3 => {
            stems.push((l.clone(), Voice::Active));
            let mut ii = l.clone();
            ii[0] = 'ؤ';
            stems.push((ii, Voice::Active));
        }
        (2, Weak::Assimilated) => stems.push((l.clone(), Voice::Active)),
        (1, _) | (2, _) | (3, _) | (5, _) | (6, _) | (11, _) => {
            stems.push((l.clone(), Voice::Active))
        }
        (4, Weak::Hollow) => {
            stems.push((vec![l[1], 'ي', l[3]], Voice::Active));
            stems.push((vec![l[1], 'ا', l[3]], Voice::Passive));
            jussive.push(vec![l[1], l[3]]);
        }
        (4, _) => stems.push((drop_first(), Voice::Active)),
        (10, Weak::Hollow) => {
            let mut x = drop_first();
            let k = x.len() - 2;
            x[k] = 'ي';
            stems.push((x, Voice::Active));
            stems.push((drop_first(), Voice::Passive));
        }
        (7, _) | (8, _) | (9, _) | (10, _) => stems.push((drop_first(), Voice::Active)),
        _ => stems.push((l.clone(), Voice::Active)),
    }
    if f == 1 && sh.weak == Weak::Hollow {
        stems.push((vec![l[0], 'ا', l[2]], Voice::Passive));
    }
    let defective = matches!(
        sh.weak,
        Weak::DefectiveW | Weak::DefectiveY | Weak::DefectiveI
    );
    for (st, voice) in &stems {
        let weak_end = defective && matches!(st.last(), Some('و' | 'ي'));
        let short: C = if weak_end {
            st[..st.len() - 1].to_vec()
        } else {
            st.clone()
        };
        let impf = |p| Feats::verb(f, Aspect::Imperfect, p, *voice);
        let mut forms: Vec<(String, Pgn, bool)> =
            vec![(s(st), S3M, false), (cat(st, "ان"), D3M, false)];
        forms.push((cat(&short, "ون"), P3M, false));
        forms.push((cat(&short, "وا"), P3M, false));
        if !weak_end {
            forms.push((cat(st, "ا"), D3M, false));
            forms.push((cat(st, "ن"), P3F, false));
        } else {
            forms.push((s(&short), S3M, true)); // jussive «لم يدع», «لم يلتق»
        }
        // a final hamza sits on ي after kasra in forms II–X («يهنئ»)
        if st.last() == Some(&'أ') {
            forms.push((cat(&st[..st.len() - 1], "ئ"), S3M, false));
        }
        for j in &jussive {
            forms.push((s(j), S3M, true));
        }
        for (body, pgn, short_form) in forms {
            for (pre, fem) in [("ي", false), ("ت", true), ("ن", false), ("أ", false)] {
                let p = match (pre, pgn.2) {
                    ("ن", _) => P1,
                    ("أ", _) => S1,
                    ("ت", Number::Singular) if fem => S3F,
                    ("ت", Number::Dual) => D3F,
                    ("ت", Number::Plural) => P2M,
                    _ => pgn,
                };
                if pre == "ت" && pgn == P3F {
                    continue;
                }
                let mut f = impf(p);
                f.jussive = short_form;
                f.unsure = unsure && *voice == Voice::Active;
                out.push((format!("{pre}{body}"), f));
            }
        }
    }
    // form I imperative («اعتقلوا» is form VIII perfect; only sound form I has its own spelling)
    if f == 1 && sh.weak == Weak::Sound && n == 3 {
        let impv = |p| Feats::verb(1, Aspect::Imperative, p, Voice::Active);
        out.push((
            format!("ا{}", s(&l)),
            impv((2, Gender::Masculine, Number::Singular)),
        ));
        out.push((format!("ا{}وا", s(&l)), impv(P2M)));
    }
    // ---------------------------------------------------------------- masdar of derived forms
    for m in masdars(&l, &sh, form) {
        out.push((m, Feats::noun(f, Number::Singular, true)));
    }
    out
}

/// The masdar spellings of a verb of a derived form (form I masdars are not predictable: the lexicon
/// lists them as nouns).
fn masdars(l: &[char], sh: &VerbShape, given: Option<u8>) -> Vec<String> {
    let n = l.len();
    let last = l[n - 1];
    let mut out = Vec::new();
    let def = matches!(sh.weak, Weak::DefectiveW | Weak::DefectiveY);
    match sh.form {
        2 | 1 if n == 3 && (given == Some(2)) => {
            if def {
                out.push(format!("ت{}{}ية", l[0], l[1]));
            } else if last == 'أ' {
                out.push(format!("ت{}{}ئة", l[0], l[1]));
            } else {
                out.push(format!("ت{}{}ي{}", l[0], l[1], l[2]));
            }
        }
        3 => {
            if !def {
                out.push(format!("م{}ة", s(l)));
                out.push(format!("{}{}ا{}", l[0], l[2], l[3]));
            } else {
                out.push(format!("م{}اة", s(&l[..n - 1])));
            }
        }
        4 => match sh.weak {
            Weak::Hollow => out.push(format!("أ{}ا{}ة", l[1], l[3])),
            Weak::DefectiveW | Weak::DefectiveY => out.push(format!("أ{}{}اء", l[1], l[2])),
            _ if n == 3 => out.push(format!("أ{}{}ا{}", l[1], l[2], l[2])),
            _ => out.push(format!("أ{}{}ا{}", l[1], l[2], l[3])),
        },
        5 | 6 => {
            if def {
                out.push(cat(&l[..n - 1], "ي"));
            } else {
                out.push(s(l));
            }
        }
        7 | 8 | 10 => match sh.weak {
            Weak::Hollow if sh.form == 10 => out.push(cat(l, "ة")),
            Weak::Hollow => out.push(format!("{}يا{}", s(&l[..n - 2]), l[n - 1])),
            Weak::DefectiveW | Weak::DefectiveY => out.push(cat(&l[..n - 1], "اء")),
            Weak::Doubled => out.push(format!("{}ا{}", s(l), last)),
            _ => out.push(format!("{}ا{}", s(&l[..n - 1]), last)),
        },
        11 => out.push(cat(l, "ة")),
        _ => {}
    }
    out
}
