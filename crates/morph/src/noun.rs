//! Noun paradigms: the number forms of an event noun or masdar (possessive suffixes are stripped by the
//! analyser, which restores «ة» before them).
use crate::feats::{Feats, Number};

/// Every spelling of a noun (in [`crate::key`] form) without clitics: singular, accusative
/// «-ًا», duals, the sound feminine plural and the listed broken plurals. `form` and `masdar`
/// are copied into the features.
pub fn paradigm(
    singular: &str,
    plurals: &[String],
    form: u8,
    masdar: bool,
) -> Vec<(String, Feats)> {
    let sg = crate::key(singular);
    let mut out = Vec::new();
    let feats = |n| Feats::noun(form, n, masdar);
    out.push((sg.clone(), feats(Number::Singular)));
    if let Some(stem) = sg.strip_suffix('ة') {
        // «زيارة»: «زيارتان», «زيارتين», «زيارات»
        out.push((format!("{stem}تان"), feats(Number::Dual)));
        out.push((format!("{stem}تين"), feats(Number::Dual)));
        out.push((format!("{stem}ات"), feats(Number::Plural)));
    } else {
        if !sg.ends_with('ء') && !sg.ends_with('ا') {
            out.push((format!("{sg}ا"), feats(Number::Singular)));
        }
        out.push((format!("{sg}ان"), feats(Number::Dual)));
        out.push((format!("{sg}ين"), feats(Number::Dual)));
        out.push((format!("{sg}ات"), feats(Number::Plural)));
    }
    for p in plurals {
        let p = crate::key(p);
        out.push((p.clone(), feats(Number::Plural)));
        if !p.ends_with('ة') && !p.ends_with('ء') && !p.ends_with('ا') {
            out.push((format!("{p}ا"), feats(Number::Plural)));
        }
    }
    out
}
