//! rasd-time: finds the date expressions of an Arabic news text and resolves each one to a calendar date.
//!
//! That is its one job. [`resolve`] returns every date expression of a text — explicit dates in any of the Arab
//! month-naming systems («22 فبراير 2023», «14 أيار/مايو», «22 فيفري 2017», «25 شوال 1436 هـ»), numeric dates, years,
//! and relative words («أمس», «اليوم (الأربعاء)», «آذار الماضي», «الأسبوع المقبل», «قبل يومين») — with its span in
//! character offsets of the original text and its value. Relative words resolve against the dateline's date when
//! the text has a dated dateline ([`find_dateline`]), else the publication date; with neither they keep the text
//! and have no value. Month and weekday names live in `data/dict/months.toml`, so users can extend them.
//!
//! Conventions of the values:
//! - a bare weekday («الاثنين») is the most recent such day up to and including the anchor, or the next one when its
//!   clause speaks of the future («سيلتقي … الاثنين», «الاثنين المقبل»);
//! - a day and month without a year take the year that puts them at most about three months after the anchor (in a
//!   future clause: the first on or after the anchor); a month alone likewise;
//! - «[month] الماضي» is the latest occurrence strictly before the anchor's month, «[month] المقبل» the next one after
//!   it, «[month] الجاري» the anchor's year;
//! - weeks («الأسبوع الماضي») have grain [`Grain::Week`] and, as value, the month of the day seven days before (after)
//!   the anchor, or the anchor's month for «هذا الأسبوع»;
//! - «قبل N أيام/أسابيع/أشهر/سنوات» and «منذ N …» resolve to the point N units back (a day, the month of the
//!   week, a month, a year); vague counts («قبل بضعة أيام», «منذ سنوات», «قبل نحو عامين») keep their text with
//!   no value;
//! - «خلال الأيام الثلاثة الماضية», «خلال الأسبوعين الماضيين», «خلال السنوات العشر المقبلة» are ranges from the
//!   anchor back (or on) by that much; without a count («خلال الأيام الماضية») they are not expressions;
//! - «غداة» + a date or weekday is the day after it, «عشية» + a date or weekday the day before (the eve);
//!   «غداة الانتخابات» (an event) is not an expression;
//! - seasons are ranges of months (spring March–May, summer June–August, autumn September–November) with a year
//!   or a relative word («صيف 2022», «الصيف الماضي»: the last one over before the anchor's month); winter,
//!   which straddles two years, keeps no value;
//! - decades («الثمانينيات», «تسعينيات القرن الماضي») are ranges of years; without a century, the most recent one
//!   that is over, unless the same name a century later has begun too (then no value);
//! - Hijri dates use the tabular Islamic calendar (Umm al-Qura may differ by a day); with «الموافق» the Gregorian
//!   date wins and a warning is added when the two differ by more than a day;
//! - a weekday named next to a relative word or a date that does not match it leaves the date and adds a warning;
//! - quarters and halves («الربع الأول من 2023», «النصف الثاني من العام الجاري») are ranges of months;
//! - «من ذلك العام», «العام نفسه» take the year of the last explicit date before them;
//! - values are only produced for years 1900–2100.
#![deny(missing_docs)]

mod calendar;
mod dateline;
mod lex;
mod scan;

use serde::{Serialize, Serializer};
use std::fmt;

/// A Gregorian calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year.
    pub y: i32,
    /// Month, 1–12.
    pub m: u32,
    /// Day of the month, 1–31.
    pub d: u32,
}

impl Date {
    /// A valid date, or `None` («31 فبراير»).
    pub fn new(y: i32, m: u32, d: u32) -> Option<Date> {
        ((1..=12).contains(&m) && d >= 1 && d <= calendar::days_in_month(y as i64, m))
            .then_some(Date { y, m, d })
    }

    /// Parse `YYYY-MM-DD`, or the date part of an RFC 3339 timestamp (`2023-02-23T10:01:00+08:00`).
    pub fn parse(s: &str) -> Option<Date> {
        let s = s.trim();
        let head = s.get(..10)?;
        let rest = &s[10..];
        if !(rest.is_empty() || rest.starts_with(['T', 't', ' '])) {
            return None;
        }
        let b = head.as_bytes();
        if b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let digits = |r: std::ops::Range<usize>| -> Option<u32> {
            let p = &head[r];
            p.bytes()
                .all(|c| c.is_ascii_digit())
                .then(|| p.parse().ok())?
        };
        Date::new(digits(0..4)? as i32, digits(5..7)?, digits(8..10)?)
    }

    /// Day of the week: 0 = Sunday, 1 = Monday … 6 = Saturday (the numbering of `months.toml`).
    pub fn weekday(self) -> u32 {
        (self.days() + 4).rem_euclid(7) as u32
    }

    /// The date `n` days later (earlier when `n` is negative).
    pub fn add_days(self, n: i64) -> Date {
        Date::from_days(self.days().saturating_add(n))
    }

    /// Days since 1970-01-01.
    pub fn days(self) -> i64 {
        calendar::days_from_civil(self.y as i64, self.m, self.d)
    }

    /// The date of a day count since 1970-01-01.
    pub fn from_days(n: i64) -> Date {
        let n = n.clamp(-100_000_000, 100_000_000);
        let (y, m, d) = calendar::civil_from_days(n);
        Date { y: y as i32, m, d }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.y, self.m, self.d)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// The value of a date expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// A day: «22 فبراير 2023», «أمس».
    Day(Date),
    /// A month: «فبراير 2023», «الشهر الماضي».
    Month {
        /// Year.
        y: i32,
        /// Month, 1–12.
        m: u32,
    },
    /// A year: «عام 2023», «العام الماضي».
    Year(i32),
    /// From one value to another: «من 4 إلى 5 مايو», «ليل الأربعاء الخميس», a Hijri month or year.
    Range {
        /// First value.
        from: Box<Value>,
        /// Last value (included).
        to: Box<Value>,
    },
}

impl Value {
    /// The first day the value covers.
    pub fn first_day(&self) -> Date {
        match self {
            Value::Day(d) => *d,
            Value::Month { y, m } => Date { y: *y, m: *m, d: 1 },
            Value::Year(y) => Date { y: *y, m: 1, d: 1 },
            Value::Range { from, .. } => from.first_day(),
        }
    }

    /// The last day the value covers.
    pub fn last_day(&self) -> Date {
        match self {
            Value::Day(d) => *d,
            Value::Month { y, m } => Date {
                y: *y,
                m: *m,
                d: calendar::days_in_month(*y as i64, *m).max(1),
            },
            Value::Year(y) => Date {
                y: *y,
                m: 12,
                d: 31,
            },
            Value::Range { to, .. } => to.last_day(),
        }
    }
}

impl fmt::Display for Value {
    /// `2023-02-22`, `2023-02`, `2023`; a range as `from/to` (ISO 8601 interval).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Day(d) => write!(f, "{d}"),
            Value::Month { y, m } => write!(f, "{y:04}-{m:02}"),
            Value::Year(y) => write!(f, "{y:04}"),
            Value::Range { from, to } => write!(f, "{from}/{to}"),
        }
    }
}

impl Serialize for Value {
    /// A string (`"2023-02-22"`, `"2023-02"`, `"2023"`), or `{"from": …, "to": …}` for a range.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        match self {
            Value::Range { from, to } => {
                let mut st = s.serialize_struct("Range", 2)?;
                st.serialize_field("from", from)?;
                st.serialize_field("to", to)?;
                st.end()
            }
            v => s.collect_str(v),
        }
    }
}

/// How precise an expression is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Grain {
    /// a day (or a range of days)
    Day,
    /// a week («الأسبوع الماضي»)
    Week,
    /// a month
    Month,
    /// a quarter («الربع الأول من 2023», a range of months)
    Quarter,
    /// a year
    Year,
}

/// What a value was computed from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Basis {
    /// the text gives the date in full
    Explicit,
    /// relative to the dateline's date
    Dateline,
    /// relative to the publication date
    Published,
    /// relative, with nothing to anchor it (the value is then `None`)
    None,
}

/// A date expression found in a text.
#[derive(Debug, Clone, Serialize)]
pub struct TimeExpr {
    /// Start, in chars of the original text.
    pub start: usize,
    /// End (exclusive), in chars of the original text.
    pub end: usize,
    /// The original text of the span.
    pub text: String,
    /// What it means; `None` when it cannot be resolved (no anchor, a vague or invalid date).
    pub value: Option<Value>,
    /// How precise it is.
    pub grain: Grain,
    /// What the value was computed from.
    pub basis: Basis,
    /// Doubts: a weekday that does not match, Hijri and Gregorian dates that disagree, an invalid date.
    pub warnings: Vec<String>,
}

/// The dateline of a report: «موسكو 22 فبراير 2023 (شينخوا)», «غوا-سانا», «القاهرة (رويترز) -».
#[derive(Debug, Clone, Serialize)]
pub struct Dateline {
    /// Start, in chars of the original text.
    pub start: usize,
    /// End (exclusive), in chars of the original text.
    pub end: usize,
    /// The place as written, with its char span: the caller looks it up in the gazetteer.
    pub place: Option<(usize, usize, String)>,
    /// The date, when the dateline gives one with its year (a publication stamp gives a date and no place).
    pub date: Option<Date>,
    /// The agency as written («شينخوا», «CNN», «واس»).
    pub agency: Option<String>,
}

/// Find the dateline within the first lines of a text. A dateline date written without a year has `date: None`
/// here; [`Anchors::new`] fills its year from the publication date.
pub fn find_dateline(text: &str) -> Option<Dateline> {
    dateline::find(text, None)
}

/// [`find_dateline`] with the publication date, which gives the year of a dateline date written
/// without one («الكويت - 20 - 2 (كونا)», «بكين 5 مارس (شينخوا)»).
pub fn find_dateline_with(text: &str, published: Option<Date>) -> Option<Dateline> {
    dateline::find(text, published)
}

/// The dates relative words resolve against: the dateline's, else the publication date.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Anchors {
    /// The dateline's date.
    pub dateline: Option<Date>,
    /// The publication date.
    pub published: Option<Date>,
}

impl Anchors {
    /// Anchors of a text: its dateline's date (the year, when missing, from `published`) and `published`.
    pub fn new(text: &str, published: Option<Date>) -> Anchors {
        Anchors {
            dateline: dateline::find(text, published).and_then(|d| d.date),
            published,
        }
    }
}

/// Every date expression of `text`, in order and not overlapping (the longest match at each place).
pub fn resolve(text: &str, anchors: &Anchors) -> Vec<TimeExpr> {
    let norm = rasd_text::Normalized::new(text);
    let anchor = match (anchors.dateline, anchors.published) {
        (Some(d), _) => Some((d, Basis::Dateline)),
        (None, Some(p)) => Some((p, Basis::Published)),
        (None, None) => None,
    };
    let p = scan::P::new(norm.text(), anchor);
    let matches = p.run();
    if matches.is_empty() {
        return Vec::new();
    }
    // The byte offset of a char offset, read forward from the last one asked for: the spans kept
    // come in order and do not overlap, so the text is walked once.
    let mut cursor = (0usize, 0usize);
    let mut byte_of_char = |ch: usize| {
        let (c, b) = if ch >= cursor.0 { cursor } else { (0, 0) };
        let byte = text[b..]
            .char_indices()
            .nth(ch - c)
            .map_or(text.len(), |(k, _)| b + k);
        cursor = (ch, byte);
        byte
    };
    let mut out: Vec<TimeExpr> = Vec::with_capacity(matches.len());
    for m in matches {
        let (start, end) = norm.orig_span(m.s, m.e);
        let end = end.min(norm.orig_len());
        let start = start.min(end);
        if out.last().is_some_and(|l| start < l.end) {
            continue;
        }
        let mut warnings = m.warnings;
        let value = match m.value {
            Some(v)
                if (1900..=2100).contains(&v.first_day().y)
                    && (1900..=2100).contains(&v.last_day().y) =>
            {
                Some(v)
            }
            Some(v) => {
                warnings.push(format!("{v} is outside 1900–2100"));
                None
            }
            None => None,
        };
        let (a, b) = (byte_of_char(start), byte_of_char(end));
        out.push(TimeExpr {
            start,
            end,
            text: text[a..b].to_string(),
            value,
            grain: m.grain,
            basis: m.basis,
            warnings,
        });
    }
    out
}
