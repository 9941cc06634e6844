//! The analyser's spelling key: lighter than `rasd_text`'s matching form, because hamza tells words apart
//! («هنأ» congratulated is not «هنا» here).

/// The key of a word for analysis: diacritics, tatweel and invisible marks removed; «إ», «آ», «ٱ» written «أ»;
/// «ى» written «ي» (outlets confuse them); «ة» kept apart from «ه», which is also a pronoun suffix («صورة» is
/// not «صور» + «ه»); other hamza letters (أ ئ ؤ ء) kept.
pub fn key(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        match c {
            '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' | '\u{200B}'..='\u{200F}' => {}
            'إ' | 'آ' | 'ٱ' => out.push('أ'),
            'ى' | 'ی' => out.push('ي'),
            'ک' => out.push('ك'),
            c => out.push(c),
        }
    }
    out
}

/// Whether a character is an Arabic letter the analyser reads.
pub fn is_letter(c: char) -> bool {
    matches!(c, '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}')
}

#[cfg(test)]
mod tests {
    use super::key;

    #[test]
    fn keys() {
        for (word, want) in [
            ("إِرْسَال", "أرسال"),
            ("هنأ", "هنأ"),
            ("هنا", "هنا"),
            ("التقى", "التقي"),
            ("زيارة", "زيارة"),
            ("يهنّئ", "يهنئ"),
            ("مـؤتمـر", "مؤتمر"),
        ] {
            assert_eq!(key(word), want, "{word}");
        }
    }
}
