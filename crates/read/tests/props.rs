//! Properties of the line classifier on arbitrary text.

use proptest::prelude::*;
use rasd_read::classify_lines;

/// Text built from pieces that trigger the classifier's rules, mixed with arbitrary characters.
fn texty() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("الأكثر قراءة".to_string()),
        Just("اقرأ أيضاً: ".to_string()),
        Just("الرئيسية >> ".to_string()),
        Just("// يتبع //".to_string()),
        Just("17:58 ت م".to_string()),
        Just("128 مشاهدة".to_string()),
        Just("رابط الخبر: ".to_string()),
        Just("https://t.me/x ".to_string()),
        Just("وقال الوزير إن ".to_string()),
        Just("الجمعة، ".to_string()),
        Just(". ".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("\r".to_string()),
        Just("\u{feff}".to_string()),
        "[ا-ي ًٌٍَُِّْ0-9a-zA-Z.,:;!?؟،«»>|/\\-]{0,40}",
        any::<String>(),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

fn check(text: &str) {
    let lines = classify_lines(text);
    let chars: Vec<char> = text.chars().collect();
    assert!(!lines.is_empty());
    assert_eq!(lines[0].start, 0);
    assert_eq!(lines.last().unwrap().end, chars.len());
    for l in &lines {
        assert!(l.start <= l.end && l.end <= chars.len());
        assert!(!chars[l.start..l.end].contains(&'\n'));
    }
    for w in lines.windows(2) {
        let gap: String = chars[w[0].end..w[1].start].iter().collect();
        assert!(
            gap.is_empty() || gap == "\n" || gap == "\r\n",
            "gap {gap:?}"
        );
    }
    assert_eq!(
        lines
            .iter()
            .filter(|l| chars.get(l.end) == Some(&'\n') || chars.get(l.end) == Some(&'\r'))
            .count(),
        chars.iter().filter(|&&c| c == '\n').count()
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn lines_cover_the_text_in_order(text in texty()) {
        check(&text);
    }

    #[test]
    fn arbitrary_strings(text in any::<String>()) {
        check(&text);
    }
}

#[test]
fn edge_cases() {
    for t in [
        "",
        "\n",
        "\r",
        "\r\n",
        "\n\n\r\n",
        "a\r",
        "\u{feff}",
        "»",
        "١٢:٣٠",
        "ـــ",
        "\u{200f}",
    ] {
        check(t);
    }
}
