//! The lemma of a verb the lexicon does not know, read from the shape of its imperfect («يـ... ») or
//! of a perfect with a plural or dual subject suffix («...وا», «...تا»). Used to audit the lexicon's
//! coverage of the verbs a corpus uses; never to code events.

/// The likely lemma (perfect 3ms, in [`crate::key`] spelling) of `word` when its shape is that of a
/// verb: an imperfect with the prefix «ي» (after «و», «ف», «س», «ل»), or a perfect ending in «وا»
/// or «تا». `None` when the shape does not mark a verb.
pub fn guess_verb(word: &str) -> Option<String> {
    let k = crate::key(word);
    let mut w: Vec<char> = k.chars().collect();
    if w.iter().any(|c| !crate::is_letter(*c)) {
        return None;
    }
    if w.len() > 4 && matches!(w[0], 'و' | 'ف') {
        w.remove(0);
    }
    if w.len() > 4 && matches!(w[0], 'س' | 'ل') && w[1] == 'ي' {
        w.remove(0);
    }
    // object pronouns
    for enc in ["هما", "ها", "هم"] {
        let e: Vec<char> = enc.chars().collect();
        if w.len() > e.len() + 3 && w.ends_with(&e) {
            w.truncate(w.len() - e.len());
            if w.last() == Some(&'و') {
                w.push('ا');
            }
            break;
        }
    }
    // a noun's or a foreign name's ending is no verb's: «سياسية», «يونيو», «ايطاليا»
    let tail: String = w
        .iter()
        .rev()
        .take(2)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    if w.last() == Some(&'ة') || matches!(tail.as_str(), "ات" | "يا" | "يو" | "وس" | "يز")
    {
        return None;
    }
    if w.first() == Some(&'ي') && w.len() >= 4 && w.len() <= 9 {
        let mut st: Vec<char> = w[1..].to_vec();
        for suf in ["ون", "ان", "وا"] {
            let e: Vec<char> = suf.chars().collect();
            if st.len() >= 5 && st.ends_with(&e) {
                st.truncate(st.len() - 2);
                break;
            }
        }
        return Some(lemma_of_imperfect_stem(&st));
    }
    for suf in ["وا", "تا"] {
        let e: Vec<char> = suf.chars().collect();
        if w.len() >= 5 && w.ends_with(&e) {
            let st: String = w[..w.len() - 2].iter().collect();
            return Some(st);
        }
    }
    None
}

fn lemma_of_imperfect_stem(st: &[char]) -> String {
    let s: String = st.iter().collect();
    let n = st.len();
    match n {
        3 if st[1] == 'و' || st[1] == 'ي' => format!("{}ا{}", st[0], st[2]),
        3 if st[2] == 'و' => format!("{}{}ا", st[0], st[1]),
        // «يرمي/يلقى/يجري»: form I or IV: the shorter reading
        3 if st[2] == 'ي' => format!("{}{}ي", st[0], st[1]),
        2 => format!("{}{}", st[0], st[1]),
        _ if n >= 5 && st[0] == 'س' && st[1] == 'ت' => {
            if st[n - 2] == 'ي' && n == 5 {
                format!("است{}ا{}", st[2], st[4])
            } else {
                format!("ا{s}")
            }
        }
        4 if st[0] == 'ن' => format!("ا{s}"),
        4 if st[1] == 'ت' || st[1] == 'ط' => format!("ا{s}"),
        5 if st[0] == 'ن' || st[2] == 'ت' => format!("ا{s}"),
        _ => s,
    }
}
