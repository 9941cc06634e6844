//! The bodies of rasd's fuzz targets, as plain functions: `cargo fuzz run <target>` calls them through
//! `fuzz_targets/*.rs` (libFuzzer, nightly), and `cargo test` here calls them on a few hundred random and edge
//! inputs (stable). Each one panics when an invariant breaks: a span out of bounds or not on the text, a value
//! outside its range, or a panic of the crate itself.
#![deny(missing_docs)]

use std::io::Cursor;
use std::sync::OnceLock;

/// The text of an input: UTF-8 as it is, anything else read lossily (the crates take `&str`).
fn text_of(data: &[u8]) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(data)
}

/// rasd-time: `find_dateline`, `Anchors::new` and `resolve`, with anchors taken from the first bytes.
pub fn time(data: &[u8]) {
    use rasd_time::{find_dateline, resolve, Anchors, Basis, Date};
    let (head, rest) = data.split_at(data.len().min(5));
    let day = |b: &[u8]| -> Option<Date> {
        (b.len() >= 2).then(|| Date::from_days(10_957 + i16::from_le_bytes([b[0], b[1]]) as i64))
    };
    let flags = head.first().copied().unwrap_or(0);
    let published = if flags & 1 == 1 {
        day(head.get(1..3).unwrap_or(&[]))
    } else {
        None
    };
    let dateline = if flags & 2 == 2 {
        day(head.get(3..5).unwrap_or(&[]))
    } else {
        None
    };
    let s = text_of(rest);
    let n = s.chars().count();
    if let Some(d) = find_dateline(&s) {
        assert!(d.start <= d.end && d.end <= n, "dateline span {d:?}");
        if let Some((a, b, _)) = &d.place {
            assert!(a <= b && *b <= n, "dateline place {d:?}");
        }
    }
    let mut anchors = Anchors::new(&s, published);
    if dateline.is_some() {
        anchors.dateline = dateline;
    }
    let chars: Vec<char> = s.chars().collect();
    let mut last = 0;
    for t in resolve(&s, &anchors) {
        assert!(
            t.start >= last && t.start <= t.end && t.end <= n,
            "span {t:?}"
        );
        last = t.end;
        assert_eq!(chars[t.start..t.end].iter().collect::<String>(), t.text);
        if let Some(v) = &t.value {
            let (a, b) = (v.first_day(), v.last_day());
            assert!(a <= b, "{t:?}");
            assert!(
                (1900..=2100).contains(&a.y) && (1900..=2100).contains(&b.y),
                "{t:?}"
            );
        }
        if t.basis == Basis::None {
            assert!(t.value.is_none(), "{t:?}");
        }
    }
}

/// rasd-text: `Normalized` (offsets back to the original), `normalize`, `tokens`, `clitic_forms`, `skeleton`.
pub fn text(data: &[u8]) {
    let s = text_of(data);
    let n = s.chars().count();
    let norm = rasd_text::Normalized::new(&s);
    let t = norm.text();
    assert_eq!(norm.orig_len(), n);
    let toks = rasd_text::tokens(t);
    for tok in toks.iter().take(2_000) {
        assert!(
            tok.start < tok.end && tok.end <= t.len(),
            "token out of bounds"
        );
        assert!(t.is_char_boundary(tok.start) && t.is_char_boundary(tok.end));
        let (a, b) = norm.orig_span(tok.start, tok.end);
        assert!(a <= b && b <= n, "orig_span ({a}, {b}) of {n} chars");
        let w = tok.text(t);
        for (form, _) in rasd_text::clitic_forms(w) {
            assert!(!form.is_empty());
        }
        let _ = rasd_text::skeleton(w);
    }
    let _ = rasd_text::normalize(&s);
}

/// rasd-read: `decode_bytes`, then `classify_lines` on the text; and `read_jsonl` on the bytes.
pub fn read(data: &[u8]) {
    if let Ok(d) = rasd_read::decode_bytes(data) {
        let n = d.text.chars().count();
        let mut last = 0;
        for l in rasd_read::classify_lines(&d.text) {
            assert!(
                l.start >= last && l.start <= l.end && l.end <= n,
                "line {l:?} of {n} chars"
            );
            last = l.end;
        }
    }
    for r in rasd_read::read_jsonl(Cursor::new(data), "fuzz").take(1_000) {
        if let Ok(doc) = r {
            let _ = rasd_read::classify_lines(&doc.text);
        }
    }
}

/// rasd-read's page parsers: an HTML page (main text, title, dates; any nesting), a WARC archive (records,
/// gzip members, truncation), a feed (RSS, Atom, JSON Feed) and a manifest; none may panic, and the text an
/// HTML page yields is classified into lines that cover it.
pub fn pages(data: &[u8]) {
    if let Ok(page) = rasd_read::html::extract(data, None) {
        let n = page.text.chars().count();
        for l in rasd_read::classify_lines(&page.text) {
            assert!(l.start <= l.end && l.end <= n, "line {l:?} of {n} chars");
        }
    }
    for r in rasd_read::warc::read_warc(Cursor::new(data.to_vec()), "fuzz.warc").take(1_000) {
        if let Ok(doc) = r {
            assert!(!doc.name.is_empty());
        }
    }
    if let Ok(items) = rasd_read::feed::parse_feed(data, "fuzz.xml") {
        for it in items.iter().take(1_000) {
            let _ = it.document("fuzz.xml");
        }
    }
    let _ = rasd_read::Manifest::parse(&text_of(data), "fuzz-manifest.jsonl");
}

fn coder() -> &'static rasd_code::Coder {
    static C: OnceLock<rasd_code::Coder> = OnceLock::new();
    C.get_or_init(|| {
        rasd_code::Coder::new(rasd_dict::Dict::embedded().expect("the embedded dictionaries load"))
    })
}

/// rasd-code: the coder on arbitrary text (furniture lines from rasd-read, a publication date or none); every
/// evidence span must lie on the text.
pub fn code(data: &[u8]) {
    let published = match data.first() {
        Some(b) if b & 1 == 1 => Some("2023-02-22"),
        Some(b) if b & 2 == 2 => Some("not a date"),
        _ => None,
    };
    let s = text_of(data.get(1..).unwrap_or(&[]));
    let chars: Vec<char> = s.chars().collect();
    let furniture: Vec<(usize, usize)> = rasd_read::classify_lines(&s)
        .iter()
        .filter(|l| l.furniture.is_some())
        .map(|l| (l.start, l.end))
        .collect();
    let events = coder().code(&rasd_code::DocInput {
        name: "fuzz",
        text: &s,
        published,
        furniture: &furniture,
    });
    for e in &events {
        for sp in &e.evidence {
            assert!(
                sp.start <= sp.end && sp.end <= chars.len(),
                "evidence {sp:?}"
            );
            assert_eq!(chars[sp.start..sp.end].iter().collect::<String>(), sp.text);
        }
    }
}

#[cfg(test)]
mod smoke {
    //! A stable stand-in for the fuzzer: every target on edge cases and a few hundred generated inputs.
    use super::*;

    /// A small deterministic generator (xorshift), so that a failure can be replayed.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
    }

    const PIECES: &[&str] = &[
        "22",
        "فبراير",
        "2023",
        "كانون الثاني",
        "شوال",
        "1436",
        "هـ",
        "الموافق",
        "أمس",
        "اليوم",
        "(الأربعاء)",
        "الاثنين",
        "غداة",
        "عشية",
        "صيف",
        "الثمانينيات",
        "خلال",
        "الأيام",
        "الثلاثة",
        "الماضية",
        "منذ",
        "قبل",
        "أواخر",
        "من",
        "إلى",
        "بين",
        "و",
        "عام",
        "99999",
        "31",
        "/",
        "-",
        ":",
        "(",
        ")",
        "\n",
        " ",
        "َ",
        "ـ",
        "©",
        "موسكو",
        "(شينخوا)",
        "واس",
        "-",
        "سانا",
        "قال",
        "وزير",
        "الخارجية",
        "الروسي",
        "لافروف",
        "استقبل",
        "الرئيس",
        "السيسي",
        "في",
        "القاهرة",
        "زار",
        "الصين",
        "اقرأ أيضا",
        "الأكثر مشاهدة",
        "{\"text\":\"",
        "\"}",
        "\u{200f}",
        "\u{feff}",
        "ﻻ",
        "٢٠٢٣",
        "۱۴",
        "\r\n",
        "\t",
        "\u{0}",
        "😀",
        "a",
        "Z",
    ];

    fn inputs() -> Vec<Vec<u8>> {
        let mut out: Vec<Vec<u8>> = vec![
            vec![],
            vec![0],
            vec![0xff, 0xfe, 0x41, 0],
            vec![0xfe, 0xff, 0, 0x41],
            vec![0xef, 0xbb, 0xbf],
            vec![0xc7, 0xe1, 0xd1, 0xc6, 0xed, 0xd3],
            b"\xff\xff\xff\xff".to_vec(),
            "\n".repeat(5_000).into_bytes(),
            "أمس ".repeat(3_000).into_bytes(),
            "9".repeat(10_000).into_bytes(),
            "{\"text\": \"موسكو 22 فبراير 2023 (شينخوا) قال\"}\n{bad\n"
                .as_bytes()
                .to_vec(),
            "\u{1}\u{1}\u{1}\u{1}\u{1}في 31 فبراير عام 99999 و 29 فبراير 2100"
                .as_bytes()
                .to_vec(),
        ];
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        for _ in 0..400 {
            let mut v: Vec<u8> = Vec::new();
            // the first bytes are flags and anchors for some targets
            for _ in 0..5 {
                v.push(rng.next() as u8);
            }
            let n = rng.below(40);
            for _ in 0..n {
                match rng.below(10) {
                    0 => v.push(rng.next() as u8),
                    1 => v.extend((rng.next() % 100_000).to_string().bytes()),
                    _ => v.extend(PIECES[rng.below(PIECES.len())].bytes()),
                }
                if rng.below(3) == 0 {
                    v.push(b' ');
                }
            }
            out.push(v);
        }
        out
    }

    #[test]
    fn time_target() {
        inputs().iter().for_each(|d| time(d));
    }

    #[test]
    fn text_target() {
        inputs().iter().for_each(|d| text(d));
    }

    #[test]
    fn pages_target() {
        let mut edge: Vec<Vec<u8>> = vec![
            "<div>".repeat(20_000).into_bytes(),
            b"<html><head><meta charset=windows-1256><title>\xc7\xe1</title></head><body><p>\xc7\xe1\xd1"
                .to_vec(),
            b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 2147483648\r\n\r\nHTTP/1.1 200 OK\r\n"
                .to_vec(),
            b"\x1f\x8b\x08\x00\x00\x00\x00\x00".to_vec(),
            b"<rss><channel><item><title>\xd8\xa7</title><link>x</link></item>".to_vec(),
            b"{\"version\":\"https://jsonfeed.org/version/1\",\"items\":[{\"id\":1}]}".to_vec(),
        ];
        edge.extend(inputs());
        edge.iter().for_each(|d| pages(d));
    }

    #[test]
    fn read_target() {
        inputs().iter().for_each(|d| read(d));
    }

    #[test]
    fn code_target() {
        inputs().iter().for_each(|d| code(d));
    }
}
