//! The evidence spans of an event in its document, by role: the clause, the trigger, the source, the
//! target, the date words and the place. The coder's spans are used where it gives them; the others
//! are found in the normalised text, in the clause first, else nearest to it.
use rasd_code::Event;
use serde::Serialize;

/// A highlighted span of a document.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Highlight {
    /// `clause`, `trigger`, `source`, `target`, `date` or `place`.
    pub role: &'static str,
    /// First char.
    pub start: usize,
    /// One past the last char.
    pub end: usize,
    /// The words.
    pub text: String,
}

/// The text of a document, normalised once, for finding words in it.
pub struct DocText<'a> {
    chars: Vec<char>,
    norm: rasd_text::Normalized,
    _text: &'a str,
}

impl<'a> DocText<'a> {
    /// Prepare `text`.
    pub fn new(text: &'a str) -> Self {
        DocText {
            chars: text.chars().collect(),
            norm: rasd_text::Normalized::new(text),
            _text: text,
        }
    }

    /// The original characters `[a, b)`.
    pub fn slice(&self, a: usize, b: usize) -> String {
        let b = b.min(self.chars.len());
        self.chars[a.min(b)..b].iter().collect()
    }

    /// Length in chars.
    pub fn len(&self) -> usize {
        self.chars.len()
    }

    /// Whether the text is empty.
    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    /// Every occurrence of `needle` (normalised) as char spans of the original.
    pub fn find_all(&self, needle: &str) -> Vec<(usize, usize)> {
        let n = rasd_text::normalize(needle.trim());
        if n.chars().count() < 2 {
            return vec![];
        }
        self.norm
            .text()
            .match_indices(n.as_str())
            .map(|(i, m)| self.norm.orig_span(i, i + m.len()))
            .collect()
    }

    /// The occurrence of any of `needles` inside `[lo, hi)`, else the one nearest to it.
    pub fn find_near(&self, needles: &[&str], lo: usize, hi: usize) -> Option<(usize, usize)> {
        let mut best: Option<((usize, usize), usize)> = None;
        for n in needles {
            for (a, b) in self.find_all(n) {
                let dist = if a >= lo && b <= hi {
                    0
                } else if b <= lo {
                    lo - b
                } else {
                    a.saturating_sub(hi)
                };
                let longer = |o: (usize, usize)| (b - a) > (o.1 - o.0);
                if best.is_none_or(|(o, d)| dist < d || (dist == d && longer(o))) {
                    best = Some(((a, b), dist));
                }
            }
        }
        best.map(|(s, _)| s)
    }
}

fn actor_span(
    doc: &DocText,
    a: &rasd_code::Actor,
    lo: usize,
    hi: usize,
    taken: &[(usize, usize)],
) -> Option<(usize, usize)> {
    if a.end > a.start && a.end <= doc.len() {
        return Some((a.start, a.end));
    }
    // the surface form (else its last word, for spellings the normaliser keeps apart), not where
    // another role already is
    let mut spans = doc.find_all(&a.text);
    if spans.is_empty() {
        if let Some(w) = a
            .text
            .split_whitespace()
            .last()
            .filter(|w| w.chars().count() >= 3)
        {
            spans = doc.find_all(w);
        }
    }
    let mut spans: Vec<(usize, usize)> = spans
        .into_iter()
        .filter(|s| !taken.iter().any(|t| s.0 < t.1 && t.0 < s.1))
        .collect();
    spans.sort_by_key(|&(s, e)| {
        if s >= lo && e <= hi {
            0
        } else if e <= lo {
            lo - e
        } else {
            s.saturating_sub(hi)
        }
    });
    spans.first().copied()
}

/// The highlights of `ev` in `text`. `places` gives the Arabic forms of a place or country name
/// (from the dictionaries).
pub fn highlights(ev: &Event, text: &str, places: &dyn Fn(&str) -> Vec<String>) -> Vec<Highlight> {
    let doc = DocText::new(text);
    let mut out = Vec::new();
    let mut push = |role: &'static str, (a, b): (usize, usize)| {
        if a < b && b <= doc.len() {
            out.push(Highlight {
                role,
                start: a,
                end: b,
                text: doc.slice(a, b),
            });
        }
    };
    let (lo, hi) = ev
        .evidence
        .first()
        .map(|s| (s.start, s.end))
        .unwrap_or((0, 0));
    if let Some(c) = ev.evidence.first() {
        push("clause", (c.start, c.end));
    }
    let trigger = if ev.evidence.len() > 1 {
        ev.evidence.last().map(|t| (t.start, t.end))
    } else {
        None
    };
    if let Some(t) = trigger {
        push("trigger", t);
    }
    let mut taken: Vec<(usize, usize)> = trigger.into_iter().collect();
    if let Some(a) = &ev.source {
        if let Some(s) = actor_span(&doc, a, lo, hi, &taken) {
            push("source", s);
            taken.push(s);
        }
    }
    if let Some(a) = &ev.target {
        if let Some(s) = actor_span(&doc, a, lo, hi, &taken) {
            push("target", s);
            taken.push(s);
        }
    }
    if let Some(dt) = ev.date_text.as_deref() {
        // «اليوم (الأربعاء)»: the words, or the first of them
        let first = dt.split([' ', '(']).find(|w| !w.is_empty()).unwrap_or(dt);
        if let Some(s) = doc.find_near(&[dt, first], lo, hi) {
            push("date", s);
        }
    }
    if let Some(l) = &ev.location {
        let mut forms = l.name.as_deref().map(places).unwrap_or_default();
        if forms.is_empty() {
            forms = places(&l.country);
        }
        let refs: Vec<&str> = forms.iter().map(String::as_str).collect();
        if let Some(s) = doc.find_near(&refs, lo, hi) {
            if !taken.iter().any(|t| s.0 < t.1 && t.0 < s.1) {
                push("place", s);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rasd_code::{Actor, Location, Span};

    fn actor(text: &str) -> Actor {
        Actor {
            name: "X".into(),
            country: Some("CHN".into()),
            sector: "GOV".into(),
            id: None,
            text: text.into(),
            start: 0,
            end: 0,
        }
    }

    #[test]
    fn roles_found() {
        let text =
            "موسكو 22 فبراير (شينخوا) التقى وانغ يي اليوم (الأربعاء) في موسكو مع سيرغي لافروف.";
        let chars: Vec<char> = text.chars().collect();
        let pos = |w: &str| {
            let b = text.find(w).unwrap();
            let a = text[..b].chars().count();
            (a, a + w.chars().count())
        };
        let (c0, _) = pos("التقى");
        let c1 = chars.len() - 1;
        let (t0, t1) = pos("التقى");
        let ev = Event {
            doc: "d".into(),
            headline: true,
            date: Some("2023-02-22".into()),
            date_text: Some("اليوم (الأربعاء)".into()),
            kind: "CONSULT".into(),
            mode: Some("visit".into()),
            cameo: "042".into(),
            status: "occurred".into(),
            source: Some(actor("وانغ يي")),
            target: Some(actor("سيرجي لافروف")),
            location: Some(Location {
                name: Some("Moscow".into()),
                country: "RUS".into(),
                lat: None,
                lon: None,
            }),
            evidence: vec![
                Span {
                    start: c0,
                    end: c1,
                    text: String::new(),
                },
                Span {
                    start: t0,
                    end: t1,
                    text: String::new(),
                },
            ],
            confidence: None,
            killed: None,
            injured: None,
        };
        let places = |n: &str| {
            if n == "Moscow" {
                vec!["موسكو".to_string()]
            } else {
                vec![]
            }
        };
        let h = highlights(&ev, text, &places);
        let got: Vec<(&str, String)> = h.iter().map(|h| (h.role, h.text.clone())).collect();
        let want = [
            ("clause", chars[c0..c1].iter().collect::<String>()),
            ("trigger", "التقى".to_string()),
            ("source", "وانغ يي".to_string()),
            // ج/غ are not merged by the normaliser: the target is found by its last word
            ("target", "لافروف".to_string()),
            ("date", "اليوم (الأربعاء)".to_string()),
            ("place", "موسكو".to_string()),
        ];
        assert_eq!(got, want);
        // the place inside the clause is preferred over the dateline's
        let p = h.iter().find(|h| h.role == "place").unwrap();
        assert!(p.start > c0);
    }
}
