//! Datelines: «موسكو 22 فبراير 2023 (شينخوا)», «غوا-سانا», «القاهرة (رويترز) -», «واس - القاهرة :», and
//! publication stamps «/مصدر: شينخوا/ 2023:02:23.10:01».
use crate::scan::{Kind, P};
use crate::{Basis, Date, Dateline, Value};
use rasd_text::Normalized;

/// How many non-empty lines from the top a dateline may be on.
const LINES: usize = 8;

struct Cand {
    score: u8,
    /// token range of the whole dateline
    a: usize,
    b: usize,
    /// token range of the place
    place: Option<(usize, usize)>,
    date: Option<Date>,
    /// token range of the agency
    agency: Option<(usize, usize)>,
}

impl P<'_> {
    /// An Arabic word that may be part of a place name.
    fn place_word(&self, k: usize) -> bool {
        const NOT_PLACE: &[&str] = &[
            "في",
            "من",
            "الي",
            "علي",
            "عن",
            "و",
            "ف",
            "ثم",
            "قد",
            "لقد",
            "كان",
            "كانت",
            "بعد",
            "قبل",
            "منذ",
            "خلال",
            "حتي",
            "قال",
            "قالت",
            "اكد",
            "اعلن",
            "اعلنت",
            "اليوم",
            "امس",
            "يوم",
            "تاريخ",
            "بتاريخ",
            "نشر",
            "تحديث",
            "هذا",
            "هذه",
            "ذلك",
            "التي",
            "الذي",
            "ان",
            "انه",
            "لكن",
            "كما",
            "اما",
            "مع",
            "عند",
            "بين",
            "اخر",
        ];
        self.kind(k) == Some(Kind::Word)
            && !self.t(k).is_ascii()
            && !self.forms(k, false).any(|(_, f)| NOT_PLACE.contains(&f))
            && self.lex_at(k).is_none()
    }

    /// Tokens `a..k` form a place: 1–6 Arabic words, maybe with commas or dashes between them.
    fn place_run(&self, a: usize, k: usize) -> Option<(usize, usize)> {
        if k <= a || k - a > 7 || !self.place_word(a) {
            return None;
        }
        let words = (a..k).filter(|&x| self.place_word(x)).count();
        let ok = (a..k).all(|x| self.place_word(x) || self.pin(x, ",-،"));
        if !ok || words > 5 {
            return None;
        }
        let mut e = k;
        while e > a && self.kind(e - 1) == Some(Kind::Punct) {
            e -= 1;
        }
        Some((a, e))
    }

    /// Dash-like punctuation from `k`: the token after it.
    fn dashes(&self, mut k: usize, b: usize) -> usize {
        while k < b && self.pin(k, "-–—:") {
            k += 1;
        }
        k
    }

    /// An agency at `k`: in parentheses («(شينخوا)», «(CNN)») or bare («واس»): (agency range, token after).
    fn agency_here(&self, k: usize, b: usize) -> Option<((usize, usize), usize)> {
        if self.p(k, '(') {
            let close = (k + 1..(k + 7).min(b)).find(|&x| self.p(x, ')'))?;
            if close == k + 1 {
                return None;
            }
            let known = self.agency_at(k + 1) == Some(close);
            let latin = (k + 1..close).all(|x| {
                self.kind(x) == Some(Kind::Word) && self.t(x).is_ascii() || self.pin(x, ".-")
            });
            return (known || latin).then_some(((k + 1, close), close + 1));
        }
        let n = self.agency_at(k)?;
        (n <= b).then_some(((k, n), n))
    }

    /// «PLACE DATE (AGENCY)» and «PLACE HIJRI الموافق DATE م AGENCY».
    fn dl_place_date(&self, a: usize, b: usize) -> Option<Cand> {
        for k in a + 1..(a + 8).min(b) {
            if !(self.place_word(k - 1) || self.pin(k - 1, ",-،")) {
                return None;
            }
            let Some(m) = self.date_at(k) else { continue };
            if m.next > b {
                continue;
            }
            let place = self.place_run(a, k)?;
            let date = match m.value {
                Some(Value::Day(d)) => Some(d),
                _ => None,
            };
            let after = self.dashes(m.next, b);
            let agency = self.agency_here(after, b);
            // without an agency, the date must have its year and end the line or be followed by a dash
            if agency.is_none() && !(P::explicit(&m) && (m.next >= b || after > m.next)) {
                return None;
            }
            let end = agency.map(|(_, n)| self.dashes(n, b)).unwrap_or(m.next);
            return Some(Cand {
                score: 4,
                a,
                b: end,
                place: Some(place),
                date,
                agency: agency.map(|x| x.0),
            });
        }
        None
    }

    /// «القاهرة (رويترز) -», «دبي، الإمارات العربية المتحدة (CNN)--», «(CNN)--», «(أ ف ب)».
    fn dl_paren(&self, a: usize, b: usize) -> Option<Cand> {
        let k = (a..(a + 9).min(b)).find(|&x| self.p(x, '('))?;
        let place = if k > a {
            Some(self.place_run(a, k)?)
        } else {
            None
        };
        // «سمرقند (أوزبكستان) (رويترز) -»: the place's country in parentheses before the agency
        let k = match self.agency_here(k, b) {
            Some(_) => k,
            None if place.is_some() => {
                let close = (k + 1..(k + 6).min(b)).find(|&x| self.p(x, ')'))?;
                if close == k + 1 || !(k + 1..close).all(|x| self.place_word(x)) {
                    return None;
                }
                close + 1
            }
            None => return None,
        };
        let (agency, n) = self.agency_here(k, b)?;
        let end = self.dashes(n, b);
        if place.is_some() && end == n && n < b {
            return None;
        }
        Some(Cand {
            score: if place.is_some() { 3 } else { 2 },
            a,
            b: end,
            place,
            date: None,
            agency: Some(agency),
        })
    }

    /// «الكويت - 20 - 2 (كونا) --»: a place, the day and the month in figures, the agency; the
    /// year is the anchor's (the publication date's), the latest such day not after it.
    fn dl_place_dm_agency(&self, a: usize, b: usize) -> Option<Cand> {
        let k = (a + 1..(a + 5).min(b)).find(|&x| self.pin(x, "-–—"))?;
        let place = self.place_run(a, k)?;
        let (d, _) = self.num(k + 1)?;
        if !self.pin(k + 2, "-–—/") {
            return None;
        }
        let (m, _) = self.num(k + 3)?;
        let (agency, n) = self.agency_here(k + 4, b)?;
        let date = self.anchor.and_then(|(anchor, _)| {
            let (m, d) = (u32::try_from(m).ok()?, u32::try_from(d).ok()?);
            (anchor.y - 1..=anchor.y)
                .rev()
                .filter_map(|y| Date::new(y, m, d))
                .find(|c| *c <= anchor)
        });
        Some(Cand {
            score: 4,
            a,
            b: self.dashes(n, b),
            place: Some(place),
            date,
            agency: Some(agency),
        })
    }

    /// «الجزائر - استقبل رئيس الجمهورية ...»: a one-word place and a dash opening a body line (not the
    /// first line, which is the title), with the report running on after it.
    fn dl_place_dash(&self, a: usize, b: usize) -> Option<Cand> {
        if a == 0 || !self.pin(a + 1, "-–—") || b < a + 7 {
            return None;
        }
        let place = self.place_run(a, a + 1)?;
        Some(Cand {
            score: 1,
            a,
            b: a + 2,
            place: Some(place),
            date: None,
            agency: None,
        })
    }

    /// «غوا-سانا», «دمشق - سانا».
    fn dl_place_dash_agency(&self, a: usize, b: usize) -> Option<Cand> {
        let k = (a + 1..(a + 5).min(b)).find(|&x| self.pin(x, "-–—"))?;
        let place = self.place_run(a, k)?;
        let (agency, n) = self.agency_here(k + 1, b)?;
        Some(Cand {
            score: 3,
            a,
            b: self.dashes(n, b),
            place: Some(place),
            date: None,
            agency: Some(agency),
        })
    }

    /// «واس - القاهرة :».
    fn dl_agency_dash_place(&self, a: usize, b: usize) -> Option<Cand> {
        let n = self.agency_at(a).filter(|&n| n < b)?;
        if !self.pin(n, "-–—") {
            return None;
        }
        let c = (n + 2..(n + 5).min(b)).find(|&x| self.pin(x, ":-–—"))?;
        let place = self.place_run(n + 1, c)?;
        Some(Cand {
            score: 3,
            a,
            b: self.dashes(c, b),
            place: Some(place),
            date: None,
            agency: Some((a, n)),
        })
    }

    /// «/مصدر: شينخوا/ 2023:02:23.10:01», or a line that is only a date.
    fn dl_stamp(&self, a: usize, b: usize) -> Option<Cand> {
        const SOURCE: &[&str] = &["مصدر", "المصدر"];
        // Without a source word on the line, a date with more than two words before it is no stamp:
        // the search stops there rather than reading a date at every token of a paragraph.
        let source_on_line = (a..b).any(|x| self.is(x, SOURCE));
        let mut words_before = 0;
        let mut found = None;
        for k in a..b {
            if !source_on_line && words_before > 2 {
                return None;
            }
            if let Some(m) = self.date_at(k).filter(|m| m.next <= b && P::explicit(m)) {
                found = Some((k, m));
                break;
            }
            if self.kind(k) == Some(Kind::Word) {
                words_before += 1;
            }
        }
        let (k, m) = found?;
        let Some(Value::Day(date)) = m.value else {
            return None;
        };
        let source = (a..k).any(|x| self.is(x, SOURCE));
        let words_around = (a..k)
            .chain(m.next..b)
            .filter(|&x| self.kind(x) == Some(Kind::Word))
            .count();
        if !source && words_around > 2 {
            return None;
        }
        let agency = (a..k).find_map(|x| self.agency_at(x).filter(|&n| n <= k).map(|n| (x, n)));
        Some(Cand {
            score: 1,
            a,
            b: m.next,
            place: None,
            date: Some(date),
            agency,
        })
    }
}

/// Find the dateline among the first lines; `published` gives the year of a dateline date written without one.
pub(crate) fn find(text: &str, published: Option<Date>) -> Option<Dateline> {
    // only the first lines are read: cut after the LINES-th non-empty line (and at most 8000 bytes)
    let mut cut = text.len();
    let mut seen = 0;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        pos += line.len();
        if !line.trim().is_empty() {
            seen += 1;
        }
        if seen >= LINES || pos >= 8000 {
            cut = pos.min(8000);
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            break;
        }
    }
    let text = &text[..cut];
    let norm = Normalized::new(text);
    let p = P::unprepared(norm.text(), published.map(|d| (d, Basis::Published)));
    let mut lines: Vec<(usize, usize)> = Vec::new();
    for (i, t) in p.toks.iter().enumerate() {
        match lines.last_mut() {
            Some((_, e)) if p.toks[i - 1].line == t.line => *e = i + 1,
            _ => {
                if lines.len() == LINES {
                    break;
                }
                lines.push((i, i + 1));
            }
        }
    }
    let mut best: Option<Cand> = None;
    for &(a, b) in &lines {
        let cands = [
            p.dl_place_date(a, b),
            p.dl_paren(a, b),
            p.dl_place_dash_agency(a, b),
            p.dl_place_dm_agency(a, b),
            p.dl_place_dash(a, b),
            p.dl_agency_dash_place(a, b),
            p.dl_stamp(a, b),
        ];
        for c in cands.into_iter().flatten() {
            if best.as_ref().is_none_or(|x| c.score > x.score) {
                best = Some(c);
            }
        }
    }
    let c = best?;
    let chars: Vec<char> = text.chars().collect();
    let span = |a: usize, b: usize| norm.orig_span(p.toks[a].s, p.toks[b - 1].e);
    let slice = |(s, e): (usize, usize)| {
        chars[s.min(chars.len())..e.min(chars.len())]
            .iter()
            .collect::<String>()
    };
    let (start, end) = span(c.a, c.b);
    Some(Dateline {
        start,
        end,
        place: c.place.map(|(a, b)| {
            let (s, e) = span(a, b);
            (s, e, slice((s, e)))
        }),
        date: c.date,
        agency: c.agency.map(|(a, b)| slice(span(a, b))),
    })
}
