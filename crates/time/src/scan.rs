//! Tokens of the normalised text and the grammar of date expressions.
//!
//! Every pattern is a function `fn x(&self, i) -> Option<M>` that tries to read an expression starting at
//! token `i`; [`P::run`] takes, at each token, the longest of them and goes on after it.
use crate::calendar::{days_from_hijri, hijri_days_in_month, hijri_from_days};
use crate::lex::{lex, Entry, Lex};
use crate::{Basis, Date, Grain, Value};
use rasd_text::hash::FastSet;
use std::sync::OnceLock;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// letters
    Word,
    /// ASCII digits
    Num,
    /// one other visible character
    Punct,
}

/// A token: byte range in the normalised text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tok {
    pub s: usize,
    pub e: usize,
    pub kind: Kind,
    pub line: u32,
}

fn kind_of(c: char) -> Option<Kind> {
    // the Arabic letters (hamza to yeh, tatweel included): the common case, without a Unicode table look-up
    if ('\u{0620}'..='\u{064A}').contains(&c) {
        return Some(Kind::Word);
    }
    // then ASCII, also without the tables
    if c.is_ascii() {
        return match c {
            '\t'..='\r' | ' ' => None,
            '0'..='9' => Some(Kind::Num),
            'a'..='z' | 'A'..='Z' => Some(Kind::Word),
            _ => Some(Kind::Punct),
        };
    }
    if c.is_whitespace() {
        None
    } else if c.is_ascii_digit() {
        Some(Kind::Num)
    } else if c.is_alphabetic() {
        Some(Kind::Word)
    } else {
        Some(Kind::Punct)
    }
}

/// Split a normalised text into words, digit runs and single punctuation characters.
pub(crate) fn tokenize(norm: &str) -> Vec<Tok> {
    // about one token in ten bytes of Arabic news: room for all of them in nearly every text
    let mut out: Vec<Tok> = Vec::with_capacity(norm.len() / 8);
    let mut line = 0u32;
    let mut chars = norm.char_indices();
    while let Some((s, c)) = chars.next() {
        if c == '\n' {
            line += 1;
            continue;
        }
        let Some(kind) = kind_of(c) else { continue };
        let mut e = s + c.len_utf8();
        // a word or a number takes the chars of its kind that follow it
        if kind != Kind::Punct {
            let mut ahead = chars.clone();
            while let Some((i, d)) = ahead.next() {
                if d == '\n' || kind_of(d) != Some(kind) {
                    break;
                }
                e = i + d.len_utf8();
                chars = ahead.clone();
            }
        }
        out.push(Tok { s, e, kind, line });
    }
    out
}

/// A match: byte span in the normalised text, the token after it, and what it means.
#[derive(Debug, Clone)]
pub(crate) struct M {
    pub s: usize,
    pub e: usize,
    pub next: usize,
    pub value: Option<Value>,
    pub grain: Grain,
    pub basis: Basis,
    pub warnings: Vec<String>,
}

/// A relative word: «الماضي», «المقبل», «الجاري».
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Rel {
    Past,
    Next,
    Current,
}

impl Rel {
    fn delta(self) -> i32 {
        match self {
            Rel::Past => -1,
            Rel::Next => 1,
            Rel::Current => 0,
        }
    }
}

/// How a bare weekday is placed relative to the anchor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum WdMode {
    /// the most recent such day, the anchor included
    PastIncl,
    /// the next such day, the anchor included
    FutureIncl,
    /// «الاثنين الماضي»: strictly before
    PastStrict,
    /// «الاثنين المقبل»: strictly after
    FutureStrict,
}

const REL_PAST: &[&str] = &[
    "الماضي",
    "الماضيه",
    "المنصرم",
    "المنصرمه",
    "الفايت",
    "الفايته",
    "السابق",
    "السابقه",
    "المنقضي",
];
const REL_NEXT: &[&str] = &["المقبل", "المقبله", "القادم", "القادمه"];
const REL_CUR: &[&str] = &["الجاري", "الجاريه", "الحالي", "الحاليه"];
/// Parts of the day that may precede a day word: «مساء أمس», «صباح الاثنين».
const DAYPARTS: &[&str] = &[
    "صباح",
    "مساء",
    "ظهر",
    "عصر",
    "فجر",
    "ليل",
    "ليله",
    "ظهيره",
    "ضحي",
    "صبيحه",
    "عشيه",
    "ظهيرة",
];
/// «أواخر مايو», «مطلع العام»: the expression keeps the value of what follows.
const MODIFIERS: &[&str] = &[
    "اواخر",
    "اوايل",
    "منتصف",
    "مطلع",
    "نهايه",
    "بدايه",
    "اواسط",
    "مستهل",
    "ختام",
    "اوسط",
];
/// After «اليوم» these make it a noun («اليوم العالمي», «اليوم التالي»), not «today».
const NOT_TODAY_AFTER: &[&str] = &[
    "العالمي",
    "الوطني",
    "الدولي",
    "التالي",
    "السابق",
    "الاول",
    "الثاني",
    "الثالث",
    "الرابع",
    "الخامس",
    "الاخير",
    "السابع",
    "المفتوح",
    "الدراسي",
    "الواحد",
    "الكامل",
    "نفسه",
    "ذاته",
    "الموعود",
    "العربي",
    "الاممي",
    "المشهود",
    "التاريخي",
    "الختامي",
    "الافتتاحي",
    "الاخر",
    "الذي",
    "عينه",
];
const NOT_TODAY_BEFORE: &[&str] = &["ذلك", "ذاك", "نفس", "ذات", "اخر", "عين"];
/// Definite nouns that take the adjective «العام» (general, public): «الأمين العام السابق» is no year.
const NOUNS_WITH_AAM: &[&str] = &[
    "الامين",
    "امين",
    "الراي",
    "المدعي",
    "النايب",
    "المدير",
    "مدير",
    "القايد",
    "الامن",
    "الصالح",
    "المرشد",
    "الاتحاد",
    "الموتمر",
    "موتمر",
    "القطاع",
    "الشان",
    "الانفاق",
    "النظام",
    "المال",
    "الاضراب",
    "العفو",
    "الاستفتاء",
    "المنسق",
    "المفوض",
    "المراقب",
    "السكرتير",
    "النفع",
    "الوضع",
    "التعليم",
    "الدين",
    "الادعاء",
    "المجلس",
    "الموشر",
    "الاطار",
    "الطابع",
    "المناخ",
    "التوجه",
    "الاتجاه",
    "الانطباع",
    "الذوق",
    "الحق",
    "المقر",
    "التيار",
    "الخط",
    "الاجماع",
    "الموقف",
    "القانون",
    "المبدا",
    "الصعيد",
    "المستوي",
];
/// Words before a bare year that make it a year: «في 2011», «منذ 2011».
const YEAR_CUES: &[&str] = &[
    "في",
    "منذ",
    "خلال",
    "حتي",
    "بحلول",
    "قبل",
    "بعد",
    "عام",
    "العام",
    "اواخر",
    "مطلع",
    "نهايه",
    "بدايه",
    "منتصف",
];
/// Words before a bare ambiguous month that make it a month: «في مارس».
const MONTH_CUES: &[&str] = &[
    "في",
    "منذ",
    "خلال",
    "حتي",
    "بحلول",
    "قبل",
    "بعد",
    "من",
    "الي",
    "شهر",
    "شهري",
];
/// Words (after و/ف) that put the clause in the future.
const FUTURE_CUES: &[&str] = &[
    "سوف",
    "المقرر",
    "مقرر",
    "مقررا",
    "المزمع",
    "مزمع",
    "يعتزم",
    "تعتزم",
    "يعتزمان",
    "المرتقب",
    "المرتقبه",
    "مرتقب",
    "مرتقبه",
    "المنتظر",
    "المتوقع",
    "يتوقع",
    "ينتظر",
    "يرتقب",
    "المقبل",
    "المقبله",
    "القادم",
    "القادمه",
];
/// Words beginning like a future verb (س + ي/ت/ن) that are not.
const NOT_FUTURE: &[&str] = &[
    "سياره",
    "سيارات",
    "سيده",
    "سيدات",
    "سيناء",
    "سينما",
    "سيول",
    "ستين",
    "ستون",
    "سنوات",
    "سنوي",
    "سنويا",
    "سنويه",
    "سنغافوره",
    "ستوكهولم",
    "سيرجي",
    "سيرغي",
    "سيرغيه",
    "سيسي",
    "ستراسبورغ",
    "سيريلانكا",
    "سيئول",
    "سيبيريا",
    "سنتين",
    "سنتيمتر",
    "ستالين",
    "سيطره",
    "سياده",
    "سيادتها",
    "سيادته",
    "سيادي",
    "سياسي",
    "سياسيه",
    "سياسه",
    "سياسات",
    "سياسيين",
    "سياسيون",
    "سياحه",
    "سياحي",
    "سياحيه",
    "سيناريو",
    "سيناريوهات",
    "سيناتور",
    "سيوف",
    "ستار",
    "سيرته",
    "سته",
    "سيدي",
    "سيطر",
    "سيطرت",
    "سيره",
    "سيما",
    "ستات",
    "سنوي",
    "سيول",
    "سيناء",
    "سنتي",
    "ستاد",
    "سيريا",
    "سياق",
    "سيراليون",
    "سنه",
    "سنين",
    "سنوات",
];
/// Seasons without the article, with the first month of each (spring March–May, summer June–August, autumn
/// September–November; winter, which straddles two years, is found but keeps no value: month 12).
const SEASONS: &[(&str, u32)] = &[("ربيع", 3), ("صيف", 6), ("خريف", 9), ("شتاء", 12)];
/// Seasons with the article.
const SEASONS_DEF: &[(&str, u32)] = &[("الربيع", 3), ("الصيف", 6), ("الخريف", 9), ("الشتاء", 12)];
/// Decades: «الثمانينيات», «ثمانينات» (the tens digit of the year).
const DECADES: &[(&str, i32)] = &[
    ("العشرينيات", 2),
    ("العشرينات", 2),
    ("عشرينيات", 2),
    ("عشرينات", 2),
    ("الثلاثينيات", 3),
    ("الثلاثينات", 3),
    ("ثلاثينيات", 3),
    ("ثلاثينات", 3),
    ("الاربعينيات", 4),
    ("الاربعينات", 4),
    ("اربعينيات", 4),
    ("اربعينات", 4),
    ("الخمسينيات", 5),
    ("الخمسينات", 5),
    ("خمسينيات", 5),
    ("خمسينات", 5),
    ("الستينيات", 6),
    ("الستينات", 6),
    ("ستينيات", 6),
    ("ستينات", 6),
    ("السبعينيات", 7),
    ("السبعينات", 7),
    ("سبعينيات", 7),
    ("سبعينات", 7),
    ("الثمانينيات", 8),
    ("الثمانينات", 8),
    ("ثمانينيات", 8),
    ("ثمانينات", 8),
    ("التسعينيات", 9),
    ("التسعينات", 9),
    ("تسعينيات", 9),
    ("تسعينات", 9),
];
/// Relative words after a plural or dual period: «الأيام الثلاثة الماضية», «الأسبوعين الماضيين».
const REL_PAST_PL: &[&str] = &[
    "الماضيه",
    "الماضيين",
    "الماضي",
    "الاخيره",
    "الاخيرين",
    "الاخير",
    "المنصرمه",
    "المنصرمين",
    "السابقه",
    "السابقين",
];
const REL_NEXT_PL: &[&str] = &[
    "المقبله",
    "المقبلين",
    "المقبل",
    "القادمه",
    "القادمين",
    "القادم",
];
const ORD_UNITS: &[(&str, u32)] = &[
    ("الاول", 1),
    ("الحادي", 1),
    ("الثاني", 2),
    ("الثالث", 3),
    ("الرابع", 4),
    ("الخامس", 5),
    ("السادس", 6),
    ("السابع", 7),
    ("الثامن", 8),
    ("التاسع", 9),
];
const COUNT_WORDS: &[(&str, i64)] = &[
    ("ثلاث", 3),
    ("ثلاثه", 3),
    ("اربع", 4),
    ("اربعه", 4),
    ("خمس", 5),
    ("خمسه", 5),
    ("ست", 6),
    ("سته", 6),
    ("سبع", 7),
    ("سبعه", 7),
    ("ثماني", 8),
    ("ثمانيه", 8),
    ("ثمان", 8),
    ("تسع", 9),
    ("تسعه", 9),
    ("عشر", 10),
    ("عشره", 10),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Day,
    Week,
    Month,
    Year,
}

/// A unit word of «قبل N أيام»: (unit, count implied by the word: 1 for a singular, 2 for a dual).
fn unit_word(w: &str) -> Option<(Unit, Option<i64>)> {
    Some(match w {
        "يوم" => (Unit::Day, Some(1)),
        "يومين" => (Unit::Day, Some(2)),
        "يوما" | "ايام" => (Unit::Day, None),
        "اسبوع" => (Unit::Week, Some(1)),
        "اسبوعين" => (Unit::Week, Some(2)),
        "اسبوعا" | "اسابيع" => (Unit::Week, None),
        "شهر" => (Unit::Month, Some(1)),
        "شهرين" => (Unit::Month, Some(2)),
        "شهرا" | "اشهر" | "شهور" => (Unit::Month, None),
        "عام" | "سنه" => (Unit::Year, Some(1)),
        "عامين" | "سنتين" => (Unit::Year, Some(2)),
        "عاما" | "اعوام" | "سنوات" | "سنين" => (Unit::Year, None),
        _ => return None,
    })
}

/// Forms of a word with its proclitics removed, most literal first: (bytes removed, form): the word
/// itself, without a و/ف conjunction, and without ب/ل/ك (after an optional و/ف); `None` where
/// there is no such form. The patterns read them through [`P::forms`], which computes them once
/// per token.
type Forms<'a> = [Option<(usize, &'a str)>; 3];

fn clitic_forms(tok: &str) -> Forms<'_> {
    let mut out = [Some((0, tok)), None, None];
    if tok.chars().nth(3).is_some() {
        let mut rest = tok;
        let mut skip = 0;
        if let Some(c) = tok.chars().next().filter(|c| matches!(c, 'و' | 'ف')) {
            skip = c.len_utf8();
            rest = &tok[skip..];
            out[1] = Some((skip, rest));
        }
        if rest.chars().nth(3).is_some() {
            if let Some(c) = rest.chars().next().filter(|c| matches!(c, 'ب' | 'ل' | 'ك')) {
                out[2] = Some((skip + c.len_utf8(), &rest[c.len_utf8()..]));
            }
        }
    }
    out
}

/// Words (without clitics) an expression can begin with; other words are skipped quickly.
fn starters(lex: &'static Lex) -> &'static FastSet<&'static str> {
    static S: OnceLock<FastSet<&'static str>> = OnceLock::new();
    S.get_or_init(|| {
        let mut s: FastSet<&'static str> = lex.names.keys().map(|k| k.as_str()).collect();
        for list in [DAYPARTS, MODIFIERS] {
            s.extend(list.iter().copied());
        }
        s.extend(ORD_UNITS.iter().map(|(w, _)| *w));
        s.extend([
            "العاشر",
            "العشرين",
            "الثلاثين",
            "ال",
            "يوم",
            "اليوم",
            "امس",
            "الامس",
            "البارحه",
            "اول",
            "غدا",
            "الغد",
            "بعد",
            "الليله",
            "هذا",
            "هذه",
            "الاسبوع",
            "الشهر",
            "العام",
            "السنه",
            "عام",
            "سنه",
            "شهر",
            "عامي",
            "سنتي",
            "قبل",
            "منذ",
            "من",
            "بين",
            "ذلك",
            "تلك",
            "نفس",
            "الربع",
            "النصف",
            "غداه",
            "خلال",
            "طوال",
            "طيله",
        ]);
        s.extend(SEASONS.iter().map(|(w, _)| *w));
        s.extend(SEASONS_DEF.iter().map(|(w, _)| *w));
        s.extend(DECADES.iter().map(|(w, _)| *w));
        s
    })
}

fn weekday_name(wd: u32) -> &'static str {
    [
        "sunday",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
    ][wd as usize % 7]
}

fn weekday_date(a: Date, wd: u32, mode: WdMode) -> Date {
    let aw = a.weekday() as i64;
    let w = wd as i64;
    match mode {
        WdMode::PastIncl => a.add_days(-(aw - w).rem_euclid(7)),
        WdMode::PastStrict => a.add_days(-((aw - w - 1).rem_euclid(7) + 1)),
        WdMode::FutureIncl => a.add_days((w - aw).rem_euclid(7)),
        WdMode::FutureStrict => a.add_days((w - aw - 1).rem_euclid(7) + 1),
    }
}

fn shift_month(y: i32, m: u32, delta: i32) -> (i32, u32) {
    let k = y * 12 + (m as i32 - 1) + delta;
    (k.div_euclid(12), (k.rem_euclid(12) + 1) as u32)
}

/// A day and month without a year: the year from the anchor. In a future context the first such date on or after the
/// anchor, else the latest one not more than three months after it.
fn infer_day(a: Date, m: u32, d: u32, future: bool) -> Option<Date> {
    let cands: Vec<Date> = (a.y - 1..=a.y + 1)
        .filter_map(|y| Date::new(y, m, d))
        .collect();
    if future {
        cands.into_iter().find(|c| *c >= a)
    } else {
        cands.into_iter().rev().find(|c| c.days() <= a.days() + 92)
    }
}

/// A month without a year, as [`infer_day`].
fn infer_month(a: Date, m: u32, future: bool) -> Option<(i32, u32)> {
    let cands = a.y - 1..=a.y + 1;
    if future {
        cands
            .into_iter()
            .find(|&y| Value::Month { y, m }.last_day() >= a)
            .map(|y| (y, m))
    } else {
        cands
            .rev()
            .find(|&y| Date::new(y, m, 1).is_some_and(|d| d.days() <= a.days() + 92))
            .map(|y| (y, m))
    }
}

/// A Hijri date as a Gregorian date (tabular calendar). Day 30 of a 29-day month is accepted (Umm al-Qura months may
/// have 30 days where the tabular calendar has 29).
fn hijri_date(y: i32, m: u32, d: u32) -> Option<Date> {
    if !(1..=12).contains(&m) || d == 0 || d > 30 {
        return None;
    }
    Some(Date::from_days(days_from_hijri(y as i64, m, d)))
}

/// A date expression of the form day + month (+ year or relative word).
#[derive(Debug, Clone)]
struct Dm {
    si: usize,
    skip: usize,
    next: usize,
    day: u32,
    month: u32,
    hijri: bool,
    year: Option<i32>,
    rel: Option<Rel>,
    year_rel: Option<Rel>,
    rel_month: Option<Rel>,
    wd: Option<u32>,
    /// «من ذلك العام» with no year named before
    unknown_year: bool,
}

struct MonthRef {
    num: u32,
    hijri: bool,
    ambiguous: bool,
    shahr: bool,
    next: usize,
    skip: usize,
}

enum YearRef {
    Abs(i32),
    Rel(Rel),
    /// «من ذلك العام»: the year last named in the text, if any
    That(Option<i32>),
}

/// The parser over one normalised text.
pub(crate) struct P<'a> {
    pub norm: &'a str,
    pub toks: Vec<Tok>,
    /// The clitic forms of each token (empty when they are computed as needed).
    forms: Vec<Forms<'a>>,
    pub lex: &'static Lex,
    pub anchor: Option<(Date, Basis)>,
    /// The year of the last explicit expression read by [`P::run`] («من ذلك العام» refers to it).
    pub last_year: std::cell::Cell<Option<i32>>,
}

impl<'a> P<'a> {
    pub(crate) fn new(norm: &'a str, anchor: Option<(Date, Basis)>) -> Self {
        let mut p = P::unprepared(norm, anchor);
        p.forms = p
            .toks
            .iter()
            .map(|t| clitic_forms(&norm[t.s..t.e]))
            .collect();
        p
    }

    /// A parser that computes the clitic forms of a token each time they are asked for, rather
    /// than of every token beforehand: for the dateline finder, which reads few of its tokens.
    pub(crate) fn unprepared(norm: &'a str, anchor: Option<(Date, Basis)>) -> Self {
        let toks = tokenize(norm);
        P {
            norm,
            toks,
            forms: Vec::new(),
            lex: lex(),
            anchor,
            last_year: std::cell::Cell::new(None),
        }
    }

    // ---- token helpers -------------------------------------------------------------------------------------------

    pub(crate) fn t(&self, i: usize) -> &'a str {
        self.toks.get(i).map(|t| &self.norm[t.s..t.e]).unwrap_or("")
    }

    /// Forms of token `i` with its proclitics removed, most literal first: (bytes removed, form).
    /// `prep` also removes ب/ل/ك (after an optional و/ف).
    pub(crate) fn forms(
        &self,
        i: usize,
        prep: bool,
    ) -> impl Iterator<Item = (usize, &'a str)> + Clone {
        let f = match self.forms.get(i) {
            Some(f) => *f,
            // not computed beforehand, or past the end (the empty token)
            None => clitic_forms(self.t(i)),
        };
        f.into_iter().take(if prep { 3 } else { 2 }).flatten()
    }

    pub(crate) fn kind(&self, i: usize) -> Option<Kind> {
        self.toks.get(i).map(|t| t.kind)
    }

    /// Token `i` is the punctuation `c`.
    pub(crate) fn p(&self, i: usize, c: char) -> bool {
        self.kind(i) == Some(Kind::Punct) && self.t(i).starts_with(c)
    }

    /// Token `i` is one of the punctuation characters of `cs`.
    pub(crate) fn pin(&self, i: usize, cs: &str) -> bool {
        self.kind(i) == Some(Kind::Punct)
            && self.t(i).chars().next().is_some_and(|c| cs.contains(c))
    }

    /// Tokens `i` and `i + 1` touch.
    pub(crate) fn adj(&self, i: usize) -> bool {
        match (self.toks.get(i), self.toks.get(i + 1)) {
            (Some(a), Some(b)) => a.e == b.s,
            _ => false,
        }
    }

    /// A digit token: its value (saturating) and number of digits.
    pub(crate) fn num(&self, i: usize) -> Option<(u64, usize)> {
        if self.kind(i) != Some(Kind::Num) {
            return None;
        }
        let t = self.t(i);
        let v = t.bytes().fold(0u64, |acc, b| {
            acc.saturating_mul(10).saturating_add((b - b'0') as u64)
        });
        Some((v, t.len()))
    }

    /// Token `i` is literally one of `ws`.
    pub(crate) fn is(&self, i: usize, ws: &[&str]) -> bool {
        self.kind(i) == Some(Kind::Word) && ws.contains(&self.t(i))
    }

    /// Token `i` is one of `ws`, maybe after و/ف: bytes to skip.
    pub(crate) fn isc(&self, i: usize, ws: &[&str]) -> Option<usize> {
        if self.kind(i) != Some(Kind::Word) {
            return None;
        }
        self.forms(i, false)
            .find(|(_, f)| ws.contains(f))
            .map(|(s, _)| s)
    }

    /// Token `i` is one of `ws`, maybe after و/ف and ب/ل/ك: bytes to skip.
    pub(crate) fn isp(&self, i: usize, ws: &[&str]) -> Option<usize> {
        if self.kind(i) != Some(Kind::Word) {
            return None;
        }
        self.forms(i, true)
            .find(|(_, f)| ws.contains(f))
            .map(|(s, _)| s)
    }

    /// The longest dictionary name starting at token `i`: (meaning, next token, bytes of clitics skipped).
    pub(crate) fn lex_at(&self, i: usize) -> Option<(Entry, usize, usize)> {
        if self.kind(i) != Some(Kind::Word) {
            return None;
        }
        let mut best: Option<(Entry, usize, usize)> = None;
        for (skip, form) in self.forms(i, true) {
            let Some(list) = self.lex.names.get(form) else {
                continue;
            };
            for (rest, e) in list {
                if rest.iter().enumerate().all(|(k, r)| self.t(i + 1 + k) == r) {
                    let next = i + 1 + rest.len();
                    if best.is_none_or(|(_, n, _)| next > n) {
                        best = Some((*e, next, skip));
                    }
                }
            }
        }
        best
    }

    fn weekday_at(&self, i: usize) -> Option<(u32, usize, usize)> {
        match self.lex_at(i)? {
            (Entry::Weekday(w), n, s) if !self.is(n, &["عشر"]) => Some((w, n, s)),
            _ => None,
        }
    }

    fn rel_word(&self, i: usize) -> Option<Rel> {
        if self.is(i, REL_PAST) {
            Some(Rel::Past)
        } else if self.is(i, REL_NEXT) {
            Some(Rel::Next)
        } else if self.is(i, REL_CUR) {
            Some(Rel::Current)
        } else {
            None
        }
    }

    /// Token `i` is a word after which a number or month names something («حزب 14 آذار»).
    fn not_head(&self, i: usize) -> bool {
        self.kind(i) == Some(Kind::Word)
            && self.forms(i, true).any(|(_, f)| {
                self.lex
                    .not_before
                    .iter()
                    .any(|w| w == f || (w.len() > 2 && f.strip_prefix("ال") == Some(w.as_str())))
            })
    }

    /// A listed name («روسيا اليوم») starts at `i`: the token after it.
    pub(crate) fn not_phrase_at(&self, i: usize) -> Option<usize> {
        if i >= self.toks.len() {
            return None;
        }
        // the phrases whose first word is one of the token's forms
        self.forms(i, true)
            .filter_map(|(_, f)| self.lex.not_phrases_by_first.get(f))
            .flatten()
            .map(|&k| &self.lex.not_phrases[k])
            .filter(|ph| {
                ph.iter()
                    .enumerate()
                    .skip(1)
                    .all(|(k, w)| self.t(i + k) == w)
            })
            .map(|ph| i + ph.len())
            .max()
    }

    /// A listed agency name starts at `i`: the token after it.
    pub(crate) fn agency_at(&self, i: usize) -> Option<usize> {
        // the agencies whose first word is token `i`
        self.lex
            .agencies_by_first
            .get(self.t(i))?
            .iter()
            .map(|&k| &self.lex.agencies[k])
            .filter(|ph| ph.iter().enumerate().all(|(k, w)| self.t(i + k) == w))
            .map(|ph| i + ph.len())
            .max()
    }

    #[allow(clippy::too_many_arguments)]
    fn mk(
        &self,
        si: usize,
        skip: usize,
        next: usize,
        value: Option<Value>,
        grain: Grain,
        basis: Basis,
        warnings: Vec<String>,
    ) -> M {
        M {
            s: self.toks[si].s + skip,
            e: self.toks[next - 1].e,
            next,
            value,
            grain,
            basis,
            warnings,
        }
    }

    fn anchored(&self, f: impl FnOnce(Date) -> Option<Value>) -> (Option<Value>, Basis) {
        match self.anchor {
            Some((a, b)) => (f(a), b),
            None => (None, Basis::None),
        }
    }

    /// Whether the clause of token `i` speaks of the future: a future verb («سيلتقي»), «سوف», «من المقرر» before it
    /// in the clause (not after «كان»: «كان من المقرر» is a past plan), or, when `imperfect`, a sentence that opens
    /// with an imperfect verb («يستقبل الرئيس … الجمعة»).
    fn future_context(&self, i: usize, imperfect: bool) -> bool {
        let Some(line) = self.toks.get(i).map(|t| t.line) else {
            return false;
        };
        // a cue at token `k`, unless «كان» comes just before it
        let cue_at = |k: usize| {
            let cue = self
                .forms(k, false)
                .any(|(_, f)| FUTURE_CUES.contains(&f) || is_future_verb(f));
            let past = (k.saturating_sub(3)..k).any(|x| {
                self.forms(x, false)
                    .any(|(_, f)| matches!(f, "كان" | "كانت" | "كانوا"))
            });
            cue && !past
        };
        let mut k = i;
        let mut seen = 0;
        let mut sentence_start = None;
        loop {
            if k == 0 {
                sentence_start = Some(0);
                break;
            }
            k -= 1;
            let t = self.toks[k];
            if t.line != line {
                sentence_start = Some(k + 1);
                break;
            }
            match t.kind {
                Kind::Punct => {
                    if self.pin(k, ".!?;:") {
                        sentence_start = Some(k + 1);
                        break;
                    }
                }
                Kind::Num => {}
                Kind::Word => {
                    seen += 1;
                    if cue_at(k) {
                        return true;
                    }
                    let w = self.t(k);
                    if [
                        "ان", "انه", "انها", "بان", "الذي", "التي", "حيث", "بعد", "منذ",
                    ]
                    .contains(&w)
                    {
                        // «من المقرر أن», «يتوقع أن», «يعتزم أن»
                        return (k >= 1 && cue_at(k - 1)) || (k >= 2 && cue_at(k - 2));
                    }
                    if seen >= 14 {
                        break;
                    }
                }
            }
        }
        if let (true, Some(mut s)) = (imperfect, sentence_start) {
            while s < i && self.kind(s) != Some(Kind::Word) {
                s += 1;
            }
            if s < i {
                return self.forms(s, false).any(|(_, f)| is_imperfect_verb(f));
            }
        }
        false
    }

    // ---- pieces --------------------------------------------------------------------------------------------------

    /// A day number 1–31 that is not part of a larger number.
    fn day_num(&self, j: usize) -> Option<u32> {
        let (v, nd) = self.num(j)?;
        if nd > 2 || v == 0 || v > 31 {
            return None;
        }
        if j > 0
            && self.adj(j - 1)
            && (self.kind(j - 1) == Some(Kind::Num) || self.pin(j - 1, "/.:,+"))
        {
            return None;
        }
        // «22-02-2023» is a numeric date, «4-5 مايو» a range
        if j > 2
            && self.adj(j - 1)
            && self.pin(j - 1, "-")
            && self.adj(j - 2)
            && self.num(j - 2).is_some()
            && self.adj(j - 3)
            && self.pin(j - 3, "-/")
        {
            return None;
        }
        if self.adj(j)
            && self.pin(j + 1, "/.:,%")
            && self.adj(j + 1)
            && self.kind(j + 2) == Some(Kind::Num)
        {
            return None;
        }
        if self.adj(j)
            && self.pin(j + 1, "-")
            && self.adj(j + 1)
            && self
                .num(j + 2)
                .is_some_and(|(_, n)| n == 4 || n == 2 && self.pin(j + 3, "-"))
        {
            return None;
        }
        if self.adj(j) && self.pin(j + 1, "%") {
            return None;
        }
        Some(v as u32)
    }

    /// «الخامس», «الحادي عشر», «الثاني والعشرين»: (day, next, skip).
    fn ordinal(&self, j: usize) -> Option<(u32, usize, usize)> {
        if self.kind(j) != Some(Kind::Word) {
            return None;
        }
        // the forms of the word once, not once for each ordinal
        let mut forms = [None; 3];
        for (slot, f) in forms.iter_mut().zip(self.forms(j, false)) {
            *slot = Some(f);
        }
        let isc = |w: &str| {
            forms
                .iter()
                .flatten()
                .find(|(_, f)| *f == w)
                .map(|(s, _)| *s)
        };
        for &(w, u) in ORD_UNITS {
            if let Some(sk) = isc(w) {
                if w != "الاول" {
                    if self.is(j + 1, &["عشر"]) {
                        return Some((u + 10, j + 2, sk));
                    }
                    if self.is(j + 1, &["والعشرين"]) {
                        return Some((u + 20, j + 2, sk));
                    }
                    if w == "الحادي" && self.is(j + 1, &["والثلاثين"]) {
                        return Some((31, j + 2, sk));
                    }
                }
                if w == "الحادي" {
                    return None;
                }
                return Some((u, j + 1, sk));
            }
        }
        for (w, d) in [("العاشر", 10), ("العشرين", 20), ("الثلاثين", 30)] {
            if let Some(sk) = isc(w) {
                return Some((d, j + 1, sk));
            }
        }
        None
    }

    /// A month name, maybe after «شهر» and maybe doubled («أيار/مايو», «شباط (فبراير)»).
    fn month_expr(&self, j: usize) -> Option<MonthRef> {
        let (shahr, skip0, k) = match self.isp(j, &["شهر"]) {
            Some(sk) => (true, sk, j + 1),
            None => (false, 0, j),
        };
        // «شهر 3», «الشهر 11»: a month by its number
        if shahr {
            if let Some((n, nd)) = self.num(k) {
                let joined = self.pin(k + 1, "/:.-") && self.num(k + 2).is_some();
                if nd <= 2 && (1..=12).contains(&n) && !joined {
                    return Some(MonthRef {
                        num: n as u32,
                        hijri: false,
                        ambiguous: false,
                        shahr,
                        next: k + 1,
                        skip: skip0,
                    });
                }
                return None;
            }
        }
        let (e, mut next, sk) = self.lex_at(k)?;
        let Entry::Month {
            num,
            hijri,
            ambiguous,
        } = e
        else {
            return None;
        };
        let skip = if shahr { skip0 } else { sk };
        let mut doubled = false;
        if self.pin(next, "/-(") {
            let open = self.p(next, '(');
            if let Some((
                Entry::Month {
                    num: n2, hijri: h2, ..
                },
                n,
                _,
            )) = self.lex_at(next + 1)
            {
                if n2 == num && h2 == hijri {
                    if !open {
                        next = n;
                        doubled = true;
                    } else if self.p(n, ')') {
                        next = n + 1;
                        doubled = true;
                    }
                }
            }
        } else if let Some((
            Entry::Month {
                num: n2, hijri: h2, ..
            },
            n,
            0,
        )) = self.lex_at(next)
        {
            // «يونيو حزيران»
            if n2 == num && h2 == hijri {
                next = n;
                doubled = true;
            }
        }
        Some(MonthRef {
            num,
            hijri,
            ambiguous: ambiguous && !doubled,
            shahr,
            next,
            skip,
        })
    }

    /// A four-digit year at `j`: (year, hijri, next, marked with م/هـ). Gregorian years are 1900–2100, Hijri years
    /// 1300–1600 (marked «هـ», or `want_hijri` after a Hijri month).
    fn year_tok(&self, j: usize, want_hijri: bool) -> Option<(i32, bool, usize, bool)> {
        let (v, nd) = self.num(j)?;
        if nd != 4 {
            return None;
        }
        if self.adj(j)
            && self.pin(j + 1, ".,/:")
            && self.adj(j + 1)
            && self.kind(j + 2) == Some(Kind::Num)
        {
            return None;
        }
        if j > 0
            && self.adj(j - 1)
            && (self.kind(j - 1) == Some(Kind::Num) || self.is(j - 1, &["ال"]))
        {
            return None;
        }
        if j > 1
            && self.adj(j - 1)
            && self.adj(j - 2)
            && (self.pin(j - 1, ".,/:") && self.num(j - 2).is_some()
                || self.pin(j - 1, "-") && self.num(j - 2).is_some_and(|(_, n)| n <= 2))
        {
            return None;
        }
        if j > 0 && self.pin(j - 1, "©") {
            return None;
        }
        if self.adj(j) && self.pin(j + 1, "%") {
            return None;
        }
        let v = v as i32;
        let hmark = self.is(j + 1, &["ه", "هجري", "هجريه", "للهجره"]);
        if hmark || want_hijri {
            if (1300..=1600).contains(&v) {
                return Some((v, true, j + 1 + hmark as usize, hmark));
            }
            if want_hijri || hmark {
                return None;
            }
        }
        let gmark = self.is(j + 1, &["م", "ميلادي", "ميلاديه", "للميلاد"]);
        (1900..=2100)
            .contains(&v)
            .then_some((v, false, j + 1 + gmark as usize, gmark))
    }

    /// «من عام 2023», «من العام الماضي», «من هذا العام»: the year of a preceding month.
    fn of_year(&self, k: usize) -> Option<(YearRef, usize)> {
        if !self.is(k, &["من"]) {
            return None;
        }
        if self.is(k + 1, &["هذا"]) && self.is(k + 2, &["العام"]) {
            return Some((YearRef::Rel(Rel::Current), k + 3));
        }
        if self.is(k + 1, &["هذه"]) && self.is(k + 2, &["السنه"]) {
            return Some((YearRef::Rel(Rel::Current), k + 3));
        }
        if let Some(n) = self.that_year_words(k + 1) {
            return Some((YearRef::That(self.last_year.get()), n));
        }
        if !self.is(k + 1, &["عام", "العام", "سنه", "السنه"]) {
            return None;
        }
        if let Some((y, false, n, _)) = self.year_tok(k + 2, false) {
            return Some((YearRef::Abs(y), n));
        }
        self.rel_word(k + 2).map(|r| (YearRef::Rel(r), k + 3))
    }

    /// «ذلك العام», «تلك السنة», «العام نفسه», «نفس العام»: the token after.
    fn that_year_words(&self, k: usize) -> Option<usize> {
        const Y: &[&str] = &["العام", "السنه"];
        if (self.is(k, &["ذلك", "تلك"]) && self.is(k + 1, Y))
            || (self.is(k, &["نفس"]) && self.is(k + 1, Y))
        {
            return Some(k + 2);
        }
        if self.is(k, Y) && self.is(k + 1, &["نفسه", "ذاته", "نفسها", "ذاتها"]) {
            return Some(k + 2);
        }
        None
    }

    /// «في ذلك العام», «العام نفسه»: the year last named in the text.
    fn that_year(&self, i: usize) -> Option<M> {
        let next = self.that_year_words(i)?;
        let (v, basis) = match self.last_year.get() {
            Some(y) => (Some(Value::Year(y)), Basis::Explicit),
            None => (None, Basis::None),
        };
        Some(self.mk(i, 0, next, v, Grain::Year, basis, vec![]))
    }

    fn day_start(&self, k: usize) -> bool {
        self.day_num(k).is_some()
            || self.ordinal(k).is_some()
            || (self.is(k, &["ال"]) && self.adj(k) && self.num(k + 1).is_some())
    }

    /// Day + month (+ year): «22 فبراير 2023», «الخامس من مايو», «الأربعاء 22 فبراير», «14 من الشهر الجاري».
    fn dm(&self, i: usize) -> Option<Dm> {
        let mut j = i;
        let mut skip = None;
        let mut wd = None;
        let mut prefixed = false;
        // «صباح الأحد 5 مارس», «مساء 5 مارس»
        if let Some(sk) = self.isc(j, DAYPARTS) {
            if self.is(j + 1, &["يوم"])
                || self.weekday_at(j + 1).is_some()
                || self.day_num(j + 1).is_some()
            {
                skip = Some(sk);
                j += 1;
                prefixed = true;
            }
        }
        if let Some(sk) = self.isp(j, &["يوم"]) {
            skip.get_or_insert(sk);
            j += 1;
            prefixed = true;
        }
        if let Some((w, n, sk)) = self.weekday_at(j) {
            let k = if self.p(n, ',') { n + 1 } else { n };
            if self.day_start(k) {
                wd = Some(w);
                skip.get_or_insert(sk);
                j = k;
                prefixed = true;
            }
        }
        let (day, mut k, needs_min, plain) =
            if self.is(j, &["ال"]) && self.adj(j) && self.num(j + 1).is_some() {
                (self.day_num(j + 1)?, j + 2, true, false)
            } else if let Some(d) = self.day_num(j) {
                if j > 0 && self.adj(j - 1) && self.is(j - 1, &["ال"]) {
                    return None;
                }
                (d, j + 1, false, true)
            } else if let Some((d, n, sk)) = self.ordinal(j) {
                skip.get_or_insert(sk);
                (d, n, true, false)
            } else {
                return None;
            };
        let skip = skip.unwrap_or(0);
        let had_min = self.is(k, &["من"]);
        if needs_min && !had_min {
            return None;
        }
        if had_min {
            k += 1;
        }
        if plain && !prefixed && i > 0 && self.not_head(i - 1) {
            return None;
        }
        let mut dm = Dm {
            si: i,
            skip,
            next: k,
            day,
            month: 0,
            hijri: false,
            year: None,
            rel: None,
            year_rel: None,
            rel_month: None,
            wd,
            unknown_year: false,
        };
        if let (true, Some(r)) = (self.is(k, &["الشهر"]), self.rel_word(k + 1)) {
            dm.rel_month = Some(r);
            dm.next = k + 2;
            return Some(dm);
        }
        if self.is(k, &["هذا"]) && self.is(k + 1, &["الشهر"]) {
            dm.rel_month = Some(Rel::Current);
            dm.next = k + 2;
            return Some(dm);
        }
        let mr = self.month_expr(k)?;
        dm.month = mr.num;
        dm.hijri = mr.hijri;
        k = mr.next;
        let kk = if self.p(k, ',') { k + 1 } else { k };
        if let Some((y, h, n, _)) = self.year_tok(kk, mr.hijri) {
            if h == mr.hijri {
                dm.year = Some(y);
                k = n;
            }
        } else if let Some((yr, n)) = self.of_year(k) {
            match yr {
                YearRef::Abs(y) => dm.year = Some(y),
                YearRef::Rel(r) => dm.year_rel = Some(r),
                YearRef::That(y) => {
                    dm.year = y;
                    dm.unknown_year = y.is_none();
                }
            }
            k = n;
        } else if let Some(r) = self.rel_word(k) {
            dm.rel = Some(r);
            k += 1;
        }
        dm.next = k;
        Some(dm)
    }

    fn dm_value(&self, dm: &Dm) -> (Option<Value>, Basis, Vec<String>) {
        let mut w = Vec::new();
        if dm.unknown_year {
            return (None, Basis::None, w);
        }
        let (v, basis) = if let Some(r) = dm.rel_month {
            self.anchored(|a| {
                let (y, m) = shift_month(a.y, a.m, r.delta());
                Date::new(y, m, dm.day).map(Value::Day)
            })
        } else if dm.hijri {
            if let Some(hy) = dm.year {
                (
                    hijri_date(hy, dm.month, dm.day).map(Value::Day),
                    Basis::Explicit,
                )
            } else {
                let future = self.future_context(dm.si, false);
                self.anchored(|a| {
                    let (ay, _, _) = hijri_from_days(a.days());
                    let cands: Vec<Date> = (ay - 1..=ay + 1)
                        .filter_map(|y| hijri_date(y as i32, dm.month, dm.day))
                        .collect();
                    if future {
                        cands.into_iter().find(|c| *c >= a)
                    } else {
                        cands.into_iter().rev().find(|c| c.days() <= a.days() + 92)
                    }
                    .map(Value::Day)
                })
            }
        } else if let Some(y) = dm.year {
            (
                Date::new(y, dm.month, dm.day).map(Value::Day),
                Basis::Explicit,
            )
        } else {
            let future = self.future_context(dm.si, false);
            self.anchored(|a| {
                let (m, d) = (dm.month, dm.day);
                let date = if let Some(r) = dm.year_rel {
                    Date::new(a.y + r.delta(), m, d)
                } else if let Some(r) = dm.rel {
                    match r {
                        Rel::Past => (a.y - 1..=a.y)
                            .rev()
                            .filter_map(|y| Date::new(y, m, d))
                            .find(|c| *c < a),
                        Rel::Next => (a.y..=a.y + 1)
                            .filter_map(|y| Date::new(y, m, d))
                            .find(|c| *c > a),
                        Rel::Current => Date::new(a.y, m, d),
                    }
                } else {
                    infer_day(a, m, d, future)
                };
                date.map(Value::Day)
            })
        };
        if v.is_none() && basis != Basis::None {
            w.push("invalid date".to_string());
        }
        if let (Some(wd), Some(Value::Day(d))) = (dm.wd, &v) {
            if d.weekday() != wd {
                w.push(format!(
                    "{d} is a {}, the text names {}",
                    weekday_name(d.weekday()),
                    weekday_name(wd)
                ));
            }
        }
        (v, basis, w)
    }

    // ---- patterns ------------------------------------------------------------------------------------------------

    /// Day + month (+ year), and two of them joined by «الموافق» (the Gregorian date wins).
    fn full_date(&self, i: usize) -> Option<M> {
        let dm = self.dm(i)?;
        let (mut v, mut basis, mut w) = self.dm_value(&dm);
        let mut next = dm.next;
        if self.isc(next, &["الموافق", "الموافقه", "يوافق"]).is_some() {
            let k = if self.is(next + 1, &["ل"]) {
                next + 2
            } else {
                next + 1
            };
            if let Some(dm2) = self.dm(k) {
                next = dm2.next;
                let (v2, b2, w2) = self.dm_value(&dm2);
                w.extend(w2);
                // the Gregorian date wins
                let swap = dm.hijri && !dm2.hijri;
                let (gv, gb, h, hv, hb) = if swap {
                    (v2, b2, &dm, v.clone(), basis)
                } else {
                    (v.clone(), basis, &dm2, v2, b2)
                };
                // a Hijri date written without its year takes the year that puts it nearest the Gregorian date
                let hv = match &gv {
                    Some(Value::Day(g)) if h.hijri && h.year.is_none() && !h.unknown_year => {
                        let (hy, _, _) = hijri_from_days(g.days());
                        (hy - 1..=hy + 1)
                            .filter_map(|y| hijri_date(y as i32, h.month, h.day))
                            .min_by_key(|d| (d.days() - g.days()).abs())
                            .map(Value::Day)
                    }
                    _ => hv,
                };
                if let (Some(Value::Day(a)), Some(Value::Day(b))) = (&gv, &hv) {
                    let diff = (a.days() - b.days()).abs();
                    if diff > 1 {
                        w.push(format!(
                            "the two calendars disagree by {diff} days ({a} and {b})"
                        ));
                    }
                }
                (v, basis) = match (gv, hv) {
                    (Some(g), _) => (Some(g), gb),
                    (None, Some(h)) => (Some(h), hb),
                    (None, None) => (None, gb),
                };
            }
        }
        Some(self.mk(dm.si, dm.skip, next, v, Grain::Day, basis, w))
    }

    /// «2023/02/22», «22/2/2023», «2023:02:23.10:01», «22-02-2023».
    fn numeric(&self, i: usize) -> Option<M> {
        let (a, na) = self.num(i)?;
        if !(self.pin(i + 1, "/-.:")
            && self.adj(i)
            && self.adj(i + 1)
            && self.adj(i + 2)
            && self.adj(i + 3)
            && self.t(i + 3) == self.t(i + 1))
        {
            return None;
        }
        let (b, nb) = self.num(i + 2)?;
        let (c, nc) = self.num(i + 4)?;
        if i > 0
            && self.adj(i - 1)
            && (self.kind(i - 1) == Some(Kind::Num)
                || (self.pin(i - 1, "/-.:")
                    && i >= 2
                    && self.adj(i - 2)
                    && self.kind(i - 2) == Some(Kind::Num)))
        {
            return None;
        }
        let (y, m, d) = if na == 4 && nb <= 2 && nc <= 2 {
            (a, b, c)
        } else if na <= 2 && nb <= 2 && nc == 4 {
            (c, b, a)
        } else {
            return None;
        };
        // «1436/10/25هـ»: a Hijri date
        if (1300..=1600).contains(&y) && self.is(i + 5, &["ه", "هجري", "هجريه"]) {
            if !(1..=12).contains(&m) || !(1..=30).contains(&d) {
                return None;
            }
            let date = hijri_date(y as i32, m as u32, d as u32)?;
            return Some(self.mk(
                i,
                0,
                i + 6,
                Some(Value::Day(date)),
                Grain::Day,
                Basis::Explicit,
                vec![],
            ));
        }
        if !(1900..=2100).contains(&y) {
            return None;
        }
        let date = Date::new(y as i32, m as u32, d as u32)?;
        let mut next = i + 5;
        let two = |k: usize| self.num(k).is_some_and(|(_, n)| n == 2);
        if self.adj(i + 4)
            && (self.p(next, '.') || self.is(next, &["t"]))
            && self.adj(next)
            && two(next + 1)
            && self.adj(next + 1)
            && self.p(next + 2, ':')
            && self.adj(next + 2)
            && two(next + 3)
        {
            next += 4;
            if self.adj(next - 1) && self.p(next, ':') && self.adj(next) && two(next + 1) {
                next += 2;
            }
        } else if self.adj(i + 4)
            && self.pin(next, "/-.:")
            && self.adj(next)
            && self.kind(next + 1) == Some(Kind::Num)
        {
            return None;
        }
        Some(self.mk(
            i,
            0,
            next,
            Some(Value::Day(date)),
            Grain::Day,
            Basis::Explicit,
            vec![],
        ))
    }

    /// «الأربعاء 22/2/2023», «يوم الأربعاء، 2023-02-22»: the weekday is checked against the date.
    fn weekday_numeric(&self, i: usize) -> Option<M> {
        let mut j = i;
        let mut skip = None;
        if let Some(sk) = self.isp(j, &["يوم"]) {
            skip = Some(sk);
            j += 1;
        }
        let (wd, n, sk) = self.weekday_at(j)?;
        let k = if self.p(n, ',') { n + 1 } else { n };
        let m = self.numeric(k)?;
        let mut w = m.warnings.clone();
        if let Some(Value::Day(d)) = &m.value {
            if d.weekday() != wd {
                w.push(format!(
                    "{d} is a {}, the text names {}",
                    weekday_name(d.weekday()),
                    weekday_name(wd)
                ));
            }
        }
        Some(self.mk(
            i,
            skip.unwrap_or(sk),
            m.next,
            m.value,
            Grain::Day,
            Basis::Explicit,
            w,
        ))
    }

    /// «الربع الأول من 2023», «الربع الأخير من العام الماضي», «النصف الثاني من العام الجاري».
    fn quarter(&self, i: usize) -> Option<M> {
        let (span, skip) = if let Some(sk) = self.isp(i, &["الربع"]) {
            (3, sk)
        } else if let Some(sk) = self.isp(i, &["النصف"]) {
            (6, sk)
        } else {
            return None;
        };
        let nth = match self.t(i + 1) {
            "الاول" => 1,
            "الثاني" => 2,
            "الثالث" if span == 3 => 3,
            "الرابع" | "الاخير" if span == 3 => 4,
            "الاخير" => 2,
            _ => return None,
        };
        let (year, next, basis) = match self.of_year(i + 2) {
            Some((YearRef::Abs(y), n)) => (Some(y), n, Basis::Explicit),
            Some((YearRef::That(y), n)) => (
                y,
                n,
                if y.is_some() {
                    Basis::Explicit
                } else {
                    Basis::None
                },
            ),
            Some((YearRef::Rel(r), n)) => match self.anchor {
                Some((a, b)) => (Some(a.y + r.delta()), n, b),
                None => (None, n, Basis::None),
            },
            None => {
                let (y, _, n, _) = self
                    .year_tok(i + 3, false)
                    .filter(|_| self.is(i + 2, &["من"]))?;
                (Some(y), n, Basis::Explicit)
            }
        };
        let first = (nth - 1) * span + 1;
        let v = year.map(|y| Value::Range {
            from: Box::new(Value::Month { y, m: first }),
            to: Box::new(Value::Month {
                y,
                m: first + span - 1,
            }),
        });
        let grain = if span == 3 {
            Grain::Quarter
        } else {
            Grain::Month
        };
        Some(self.mk(i, skip, next, v, grain, basis, vec![]))
    }

    /// A month without a day: «فبراير 2023», «آذار الماضي», «شهر مايو», «يونيو من العام الماضي».
    /// `ctx`: after a modifier («أواخر»), where an ambiguous name is a month.
    fn month_only(&self, i: usize, ctx: bool) -> Option<M> {
        if i > 0
            && (self.day_num(i - 1).is_some()
                || (self.kind(i - 1) == Some(Kind::Num) && self.adj(i - 1))
                // «32 مارس 2020», «0 يناير»: an impossible day makes no month either
                || self.num(i - 1).is_some_and(|(_, nd)| nd <= 2))
        {
            return None;
        }
        let mr = self.month_expr(i)?;
        let mut k = mr.next;
        let kk = if self.p(k, ',') { k + 1 } else { k };
        let (mut year, mut year_rel, mut rel) = (None, None, None);
        let mut unknown_year = false;
        if let Some((y, h, n, _)) = self.year_tok(kk, mr.hijri) {
            if h == mr.hijri {
                year = Some(y);
                k = n;
            }
        } else if let Some((yr, n)) = self.of_year(k) {
            match yr {
                YearRef::Abs(y) => year = Some(y),
                YearRef::Rel(r) => year_rel = Some(r),
                YearRef::That(y) => {
                    year = y;
                    unknown_year = y.is_none();
                }
            }
            k = n;
        } else if let Some(r) = self.rel_word(k) {
            rel = Some(r);
            k += 1;
        }
        if mr.hijri {
            let y = year? as i64;
            let a = days_from_hijri(y, mr.num, 1);
            let b = a + hijri_days_in_month(y, mr.num) as i64 - 1;
            let v = Value::Range {
                from: Box::new(Value::Day(Date::from_days(a))),
                to: Box::new(Value::Day(Date::from_days(b))),
            };
            return Some(self.mk(
                i,
                mr.skip,
                k,
                Some(v),
                Grain::Month,
                Basis::Explicit,
                vec![],
            ));
        }
        if year.is_none() && year_rel.is_none() && rel.is_none() {
            if i > 0 && self.not_head(i - 1) {
                return None;
            }
            let cued = mr.shahr || ctx || (i > 0 && self.isc(i - 1, MONTH_CUES).is_some());
            if mr.ambiguous && !cued {
                return None;
            }
        }
        let m = mr.num;
        let (v, basis) = if let Some(y) = year {
            (Some(Value::Month { y, m }), Basis::Explicit)
        } else if unknown_year {
            (None, Basis::None)
        } else {
            let future = self.future_context(i, false);
            self.anchored(|a| {
                let y = if let Some(r) = year_rel {
                    a.y + r.delta()
                } else if let Some(r) = rel {
                    match r {
                        Rel::Past if m < a.m => a.y,
                        Rel::Past => a.y - 1,
                        Rel::Next if m > a.m => a.y,
                        Rel::Next => a.y + 1,
                        Rel::Current => a.y,
                    }
                } else {
                    infer_month(a, m, future)?.0
                };
                Some(Value::Month { y, m })
            })
        };
        Some(self.mk(i, mr.skip, k, v, Grain::Month, basis, vec![]))
    }

    fn year_m(&self, si: usize, skip: usize, next: usize, y: i32, hijri: bool) -> M {
        let v = if hijri {
            let a = days_from_hijri(y as i64, 1, 1);
            let b = days_from_hijri(y as i64 + 1, 1, 1) - 1;
            Value::Range {
                from: Box::new(Value::Day(Date::from_days(a))),
                to: Box::new(Value::Day(Date::from_days(b))),
            }
        } else {
            Value::Year(y)
        };
        self.mk(
            si,
            skip,
            next,
            Some(v),
            Grain::Year,
            Basis::Explicit,
            vec![],
        )
    }

    /// «عام 2023», «2023م», «في 2011», «1436 هـ». `ctx`: after a modifier, a bare year is a year.
    fn year_expr(&self, i: usize, ctx: bool) -> Option<M> {
        if let Some(sk) = self.isp(i, &["عام", "العام", "سنه", "السنه"]) {
            let (y, h, n, _) = self.year_tok(i + 1, false)?;
            return Some(self.year_m(i, sk, n, y, h));
        }
        let (y, h, n, marked) = self.year_tok(i, false)?;
        // «في 2014 و2018»: a year joined by و to a year
        let joined = i > 1 && self.is(i - 1, &["و"]) && self.year_tok(i - 2, false).is_some();
        let cue = ctx || marked || joined || (i > 0 && self.isc(i - 1, YEAR_CUES).is_some());
        cue.then(|| self.year_m(i, 0, n, y, h))
    }

    /// «اليوم», «أمس», «أول أمس», «غداً», «بعد غد», «الليلة», «مساء أمس», «اليوم (الأربعاء)», «أمس الاثنين».
    fn rel_day(&self, i: usize) -> Option<M> {
        let mut j = i;
        let mut skip = None;
        let dp = self.isc(j, DAYPARTS);
        if let Some(sk) = dp {
            skip = Some(sk);
            j += 1;
        }
        let yawm = self.isc(j, &["يوم"]);
        if let Some(sk) = yawm {
            skip.get_or_insert(sk);
            j += 1;
        }
        let (off, k, sk): (i64, usize, usize) = if let Some(sk) = self.isp(j, &["اليوم"]) {
            if yawm.is_some()
                || self.is(j + 1, NOT_TODAY_AFTER)
                || (j > 0 && self.is(j - 1, NOT_TODAY_BEFORE))
                || (j > 1 && self.is(j - 1, &["هذا"]) && self.is(j - 2, &["مثل"]))
            {
                return None;
            }
            (0, j + 1, sk)
        } else if let Some(sk) = self.isp(j, &["امس", "الامس", "البارحه"]) {
            if self.is(j + 1, &["الاول"]) {
                (-2, j + 2, sk)
            } else {
                (-1, j + 1, sk)
            }
        } else if let Some(sk) = self.isc(j, &["اول"]) {
            if self.is(j + 1, &["امس"]) {
                (-2, j + 2, sk)
            } else if self.is(j + 1, &["من"]) && self.is(j + 2, &["امس"]) {
                (-2, j + 3, sk)
            } else {
                return None;
            }
        } else if let Some(sk) = self.isc(j, &["غدا"]) {
            (1, j + 1, sk)
        } else if let Some(sk) = self.isp(j, &["الغد"]) {
            if dp.is_none() && yawm.is_none() {
                return None;
            }
            (1, j + 1, sk)
        } else if (yawm.is_some() || dp.is_some()) && self.is(j, &["غد"]) {
            (1, j + 1, 0)
        } else if let Some(sk) = self.isc(j, &["بعد"]) {
            if self.is(j + 1, &["غد"]) && !self.is(j + 2, &["من"]) {
                (2, j + 2, sk)
            } else {
                return None;
            }
        } else if let Some(sk) = self.isp(j, &["الليله"]) {
            if dp.is_some() || yawm.is_some() {
                return None;
            }
            if self.is(j + 1, &["الماضيه", "البارحه"]) {
                (-1, j + 2, sk)
            } else if self.kind(j + 1) == Some(Kind::Word)
                && self.t(j + 1).starts_with("ال")
                && self.weekday_at(j + 1).is_none()
            {
                return None;
            } else {
                (0, j + 1, sk)
            }
        } else {
            return None;
        };
        let skip = skip.unwrap_or(sk);
        // the weekday that follows: «اليوم (الأربعاء)», «أمس، الاثنين», «أمس الاثنين»
        let mut next = k;
        let mut wd = None;
        if self.p(k, '(') {
            if let Some((w, n, 0)) = self.weekday_at(k + 1) {
                if self.p(n, ')') {
                    wd = Some(w);
                    next = n + 1;
                }
            }
        } else {
            let kk = if self.p(k, ',') { k + 1 } else { k };
            if let Some((w, n, 0)) = self.weekday_at(kk) {
                wd = Some(w);
                next = n;
            }
        }
        let (v, basis) = self.anchored(|a| Some(Value::Day(a.add_days(off))));
        let mut w = Vec::new();
        if let (Some(wd), Some(Value::Day(d))) = (wd, &v) {
            if d.weekday() != wd {
                w.push(format!(
                    "{d} is a {}, the text names {}",
                    weekday_name(d.weekday()),
                    weekday_name(wd)
                ));
            }
        }
        Some(self.mk(i, skip, next, v, Grain::Day, basis, w))
    }

    /// «الاثنين», «يوم الاثنين», «الاثنين الماضي», «مساء الاثنين», «ليل الأربعاء الخميس».
    fn weekday_expr(&self, i: usize) -> Option<M> {
        let mut j = i;
        let mut skip = None;
        let dp = self.isc(j, DAYPARTS);
        if let Some(sk) = dp {
            skip = Some(sk);
            j += 1;
        }
        if let Some(sk) = self.isp(j, &["يوم"]) {
            skip.get_or_insert(sk);
            j += 1;
        }
        let (wd, mut k, sk) = self.weekday_at(j)?;
        let skip = skip.unwrap_or(sk);
        let night = dp.is_some() && self.isc(i, &["ليل", "ليله"]).is_some();
        let mut wd2 = None;
        if night {
            let kk = if self.pin(k, "-/") || self.is(k, &["الي", "علي"]) {
                k + 1
            } else {
                k
            };
            if let Some((w2, n, _)) = self.weekday_at(kk) {
                if w2 == (wd + 1) % 7 {
                    wd2 = Some(w2);
                    k = n;
                }
            }
        }
        let mode = match self.rel_word(k) {
            Some(Rel::Past) => {
                k += 1;
                WdMode::PastStrict
            }
            Some(Rel::Next) => {
                k += 1;
                WdMode::FutureStrict
            }
            _ if self.future_context(i, true) => WdMode::FutureIncl,
            _ => WdMode::PastIncl,
        };
        let (v, basis) = self.anchored(|a| {
            let d = weekday_date(a, wd, mode);
            Some(match wd2 {
                Some(_) => Value::Range {
                    from: Box::new(Value::Day(d)),
                    to: Box::new(Value::Day(d.add_days(1))),
                },
                None => Value::Day(d),
            })
        });
        Some(self.mk(i, skip, k, v, Grain::Day, basis, vec![]))
    }

    /// «الأسبوع الماضي», «الشهر الجاري», «العام المقبل», «هذا الشهر», «السنة الماضية».
    /// A week's value is the month it (mostly) falls in: the anchor month shifted by seven days.
    fn rel_period(&self, i: usize) -> Option<M> {
        const UNITS: &[&str] = &["الاسبوع", "الشهر", "العام", "السنه"];
        let (unit, rel, skip, next) = if let Some(sk) = self.isc(i, &["هذا", "هذه"]) {
            if !self.is(i + 1, UNITS) {
                return None;
            }
            (self.t(i + 1), Rel::Current, sk, i + 2)
        } else if let Some(sk) = self.isp(i, UNITS) {
            let r = self.rel_word(i + 1)?;
            if self.t(i).ends_with("العام") && i > 0 && self.isp(i - 1, NOUNS_WITH_AAM).is_some()
            {
                return None;
            }
            (&self.t(i)[sk..], r, sk, i + 2)
        } else {
            return None;
        };
        let (grain, (v, basis)) = match unit {
            "الاسبوع" => (
                Grain::Week,
                self.anchored(|a| {
                    let d = a.add_days(7 * rel.delta() as i64);
                    Some(Value::Month { y: d.y, m: d.m })
                }),
            ),
            "الشهر" => (
                Grain::Month,
                self.anchored(|a| {
                    let (y, m) = shift_month(a.y, a.m, rel.delta());
                    Some(Value::Month { y, m })
                }),
            ),
            _ => (
                Grain::Year,
                self.anchored(|a| Some(Value::Year(a.y + rel.delta()))),
            ),
        };
        Some(self.mk(i, skip, next, v, grain, basis, vec![]))
    }

    /// «أواخر يونيو», «مطلع العام الجاري», «منتصف 2023», «نهاية الأسبوع الماضي»: the value of what follows.
    fn modifier(&self, i: usize) -> Option<M> {
        let sk = self.isp(i, MODIFIERS)?;
        let j = i + 1;
        let best = [
            self.month_only(j, true),
            self.year_expr(j, true),
            self.rel_period(j),
            self.season(j),
            self.decade(j),
        ]
        .into_iter()
        .flatten()
        .max_by_key(|m| m.e);
        let best = best.or_else(|| {
            // «نهاية الأسبوع», «مطلع الشهر»: the current one
            let unit = self.t(j);
            let (grain, (v, basis)) = match unit {
                "الاسبوع" | "الشهر" => (
                    if unit == "الشهر" {
                        Grain::Month
                    } else {
                        Grain::Week
                    },
                    self.anchored(|a| Some(Value::Month { y: a.y, m: a.m })),
                ),
                "العام" | "السنه" => {
                    (Grain::Year, self.anchored(|a| Some(Value::Year(a.y))))
                }
                _ => return None,
            };
            Some(self.mk(j, 0, j + 1, v, grain, basis, vec![]))
        })?;
        Some(M {
            s: self.toks[i].s + sk,
            ..best
        })
    }

    /// «قبل ثلاثة أيام», «قبل يومين», «منذ عامين», «قبل بضعة أيام». Resolved for «قبل» and an exact count;
    /// «منذ» (a duration) and vague counts keep the text with no value.
    fn ago(&self, i: usize) -> Option<M> {
        let sk = self.isc(i, &["قبل", "منذ"])?;
        let mut j = i + 1;
        let mut exact = true;
        if self.is(j, &["نحو", "حوالي", "قرابه", "زهاء"]) {
            exact = false;
            j += 1;
        } else if self.is(j, &["اكثر", "اقل"]) && self.is(j + 1, &["من"]) {
            exact = false;
            j += 2;
        }
        let (count, unit, next) = if let Some((n, nd)) = self.num(j) {
            let (u, implied) = unit_word(self.t(j + 1))?;
            if implied.is_some_and(|c| c != 1) || nd > 4 {
                return None;
            }
            (Some(n as i64), u, j + 2)
        } else if let Some(&(_, n)) = COUNT_WORDS.iter().find(|(w, _)| self.is(j, &[w])) {
            let (u, _) = unit_word(self.t(j + 1))?;
            (Some(n), u, j + 2)
        } else if self.is(j, &["بضعه", "بضع", "عده", "بعض"]) {
            let (u, _) = unit_word(self.t(j + 1))?;
            (None, u, j + 2)
        } else if let Some((u, implied)) = unit_word(self.t(j)) {
            if self.year_tok(j + 1, false).is_some() || self.num(j + 1).is_some() {
                return None;
            }
            if self.is(j + 1, &["قليله", "معدوده"]) {
                (None, u, j + 2)
            } else if implied.is_none() {
                // «قبل أيام», «منذ سنوات»
                (None, u, j + 1)
            } else {
                (implied, u, j + 1)
            }
        } else {
            return None;
        };
        let grain = match unit {
            Unit::Day => Grain::Day,
            Unit::Week => Grain::Week,
            Unit::Month => Grain::Month,
            Unit::Year => Grain::Year,
        };
        let (v, basis) = self.anchored(|a| {
            let n = count.filter(|_| exact)?;
            if n > 500 {
                return None;
            }
            Some(match unit {
                Unit::Day => Value::Day(a.add_days(-n)),
                Unit::Week => {
                    let d = a.add_days(-7 * n);
                    Value::Month { y: d.y, m: d.m }
                }
                Unit::Month => {
                    let (y, m) = shift_month(a.y, a.m, -(n as i32));
                    Value::Month { y, m }
                }
                Unit::Year => Value::Year(a.y - n as i32),
            })
        });
        Some(self.mk(i, sk, next, v, grain, basis, vec![]))
    }

    /// «من 4 إلى 5 مايو», «بين 4 و5 مايو», «4-5 مايو», «من 28 يونيو إلى 2 يوليو», «بين عامي 2011 و2015»,
    /// «من يوم الأحد إلى يوم الأربعاء».
    fn range(&self, i: usize) -> Option<M> {
        #[derive(PartialEq)]
        enum Pre {
            From,
            Between,
        }
        let (pre, skip, j) = if let Some(sk) = self.isc(i, &["من"]) {
            (Some(Pre::From), sk, i + 1)
        } else if let Some(sk) = self.isc(i, &["بين"]) {
            (Some(Pre::Between), sk, i + 1)
        } else {
            (None, 0, i)
        };
        let conn = |k: usize| -> Option<usize> {
            match pre {
                Some(Pre::Between) => {
                    (self.is(k, &["و"]) || (self.p(k, '-') && self.adj(k))).then_some(k + 1)
                }
                Some(Pre::From) => {
                    (self.pin(k, "-–—") || self.is(k, &["الي", "حتي"])).then_some(k + 1)
                }
                None => self.pin(k, "-–—").then_some(k + 1),
            }
        };
        // «في 1 و2 يونيو»: two days joined by و
        let conn_days = |k: usize| {
            conn(k)
                .or_else(|| (pre.is_none() && self.is(k, &["و"]) && self.adj(k)).then_some(k + 1))
        };
        let range = |from: Value, to: Value| Value::Range {
            from: Box::new(from),
            to: Box::new(to),
        };
        let start = |k: usize| if pre.is_some() { (i, skip) } else { (k, 0) };
        let mut cands: Vec<M> = Vec::new();
        // years
        {
            let k = if self
                .isp(j, &["عامي", "عام", "العام", "سنتي", "سنه"])
                .is_some()
            {
                j + 1
            } else {
                j
            };
            if let Some((y1, false, n1, _)) = self.year_tok(k, false) {
                if let Some(c) = conn(n1) {
                    let c2 = if self.isp(c, &["عام", "العام", "سنه"]).is_some() {
                        c + 1
                    } else {
                        c
                    };
                    if let Some((y2, false, n2, _)) = self.year_tok(c2, false) {
                        if y2 > y1 && (pre.is_some() || k > j || y2 - y1 <= 50) {
                            let (si, sk) = start(j);
                            cands.push(self.mk(
                                si,
                                sk,
                                n2,
                                Some(range(Value::Year(y1), Value::Year(y2))),
                                Grain::Year,
                                Basis::Explicit,
                                vec![],
                            ));
                        }
                    }
                }
            }
        }
        // day - day month
        let k = if self.isp(j, &["يوم"]).is_some() {
            j + 1
        } else {
            j
        };
        if let Some(d1) = self.day_num(k) {
            if let Some(c) = conn_days(k + 1) {
                if let Some(dm2) = self.dm(c) {
                    let (v2, b2, w2) = self.dm_value(&dm2);
                    if let Some(Value::Day(to)) = v2 {
                        if let Some(from) = Date::new(to.y, to.m, d1).filter(|f| *f < to) {
                            let (si, sk) = start(k);
                            cands.push(self.mk(
                                si,
                                sk,
                                dm2.next,
                                Some(range(Value::Day(from), Value::Day(to))),
                                Grain::Day,
                                b2,
                                w2,
                            ));
                        }
                    } else if v2.is_none() && dm2.month > 0 && !dm2.hijri && d1 < dm2.day {
                        let (si, sk) = start(k);
                        cands.push(self.mk(si, sk, dm2.next, None, Grain::Day, b2, w2));
                    }
                }
            }
        }
        // date - date
        if let Some(dm1) = self.dm(k) {
            if let Some(c) = conn(dm1.next) {
                if let Some(dm2) = self.dm(c) {
                    let (v2, b2, mut w2) = self.dm_value(&dm2);
                    let mut dm1 = dm1.clone();
                    if dm1.year.is_none()
                        && dm1.rel.is_none()
                        && dm1.rel_month.is_none()
                        && dm1.year_rel.is_none()
                        && dm1.hijri == dm2.hijri
                    {
                        if let Some(y) = dm2.year {
                            dm1.year = Some(y);
                        } else if let Some(Value::Day(to)) = &v2 {
                            dm1.year = Some(if dm1.hijri {
                                hijri_from_days(to.days()).0 as i32
                            } else {
                                to.y
                            });
                        }
                    }
                    let (mut v1, _, w1) = self.dm_value(&dm1);
                    if let (Some(Value::Day(f)), Some(Value::Day(t))) = (&v1, &v2) {
                        if f > t {
                            if let Some(y) = dm1.year {
                                dm1.year = Some(y - 1);
                                v1 = self.dm_value(&dm1).0;
                            }
                        }
                    }
                    w2.extend(w1);
                    let v = match (v1, v2) {
                        (Some(a), Some(b)) => Some(range(a, b)),
                        _ => None,
                    };
                    let (si, sk) = if pre.is_some() {
                        (i, skip)
                    } else {
                        (dm1.si, dm1.skip)
                    };
                    cands.push(self.mk(si, sk, dm2.next, v, Grain::Day, b2, w2));
                }
            }
        }
        // weekdays
        if pre.is_some() {
            let k1 = if self.isp(j, &["يوم"]).is_some() {
                j + 1
            } else {
                j
            };
            if let Some((w1, n1, _)) = self.weekday_at(k1) {
                if let Some(c) = conn(n1) {
                    let c2 = if self.isp(c, &["يوم"]).is_some() {
                        c + 1
                    } else {
                        c
                    };
                    if let Some((w2, n2, _)) = self.weekday_at(c2) {
                        let mode = if self.future_context(i, true) {
                            WdMode::FutureIncl
                        } else {
                            WdMode::PastIncl
                        };
                        let (v, basis) = self.anchored(|a| {
                            let to = weekday_date(a, w2, mode);
                            let from =
                                to.add_days(-((to.weekday() as i64 - w1 as i64).rem_euclid(7)));
                            Some(range(Value::Day(from), Value::Day(to)))
                        });
                        cands.push(self.mk(i, skip, n2, v, Grain::Day, basis, vec![]));
                    }
                }
            }
        }
        cands.into_iter().max_by_key(|m| m.e)
    }

    /// The longest expression starting at token `i`.
    /// Token `i`, maybe after و/ف and ب/ل/ك, is one of the words of `list`: (bytes to skip, its value).
    fn form_in<T: Copy>(&self, i: usize, list: &[(&str, T)]) -> Option<(usize, T)> {
        if self.kind(i) != Some(Kind::Word) {
            return None;
        }
        self.forms(i, true)
            .find_map(|(sk, f)| list.iter().find(|(w, _)| *w == f).map(|&(_, v)| (sk, v)))
    }

    /// «غداة 5 مارس» (the day after), «عشية الخميس», «عشية 20 مارس» (the eve: the day before): a date or a
    /// weekday moved by one day. «غداة الانتخابات» (an event, not a date) is not an expression.
    fn eve(&self, i: usize) -> Option<M> {
        let sk = self.isp(i, &["غداه", "عشيه"])?;
        let delta: i64 = if self.t(i)[sk..] == *"غداه" {
            1
        } else {
            -1
        };
        let inner = [
            self.full_date(i + 1),
            self.weekday_expr(i + 1),
            self.numeric(i + 1),
        ]
        .into_iter()
        .flatten()
        .filter(|m| m.grain == Grain::Day)
        .max_by_key(|m| m.e)?;
        let value = match inner.value {
            Some(Value::Day(d)) => Some(Value::Day(d.add_days(delta))),
            Some(_) => return None,
            None => None,
        };
        Some(M {
            s: self.toks[i].s + sk,
            value,
            ..inner
        })
    }

    /// A season: «صيف 2022», «ربيع العام الماضي», «خريف عام 2019», «الصيف الماضي», «الصيف المقبل», «هذا الصيف»,
    /// as its three months. Winter (two years) keeps no value. «الربيع العربي», «ربيع الأول» are not seasons.
    fn season(&self, i: usize) -> Option<M> {
        let range = |y: i32, m: u32| -> Option<Value> {
            (m != 12).then(|| Value::Range {
                from: Box::new(Value::Month { y, m }),
                to: Box::new(Value::Month { y, m: m + 2 }),
            })
        };
        // «هذا الصيف»
        if let Some(sk) = self.isc(i, &["هذا"]) {
            let &(_, m) = SEASONS_DEF.iter().find(|(w, _)| self.is(i + 1, &[w]))?;
            let (v, basis) = self.anchored(|a| range(a.y, m));
            return Some(self.mk(i, sk, i + 2, v, Grain::Quarter, basis, vec![]));
        }
        // «الصيف الماضي», «الصيف المقبل», «الصيف الجاري»
        if let Some((sk, m)) = self.form_in(i, SEASONS_DEF) {
            // «في الخريف» alone: the season of the anchor's year (winter, across two years, keeps none)
            // («في الربيع العربي», «في الخريف العمر» are not seasons)
            if self.rel_word(i + 1).is_none()
                && i > 0
                && self.is(i - 1, &["في"])
                && !self.is(i + 1, &["العربي", "الاول", "الثاني", "الاخر", "العمر"])
            {
                let (v, basis) = self.anchored(|a| range(a.y, m));
                return Some(self.mk(i, sk, i + 1, v, Grain::Quarter, basis, vec![]));
            }
            let rel = self.rel_word(i + 1)?;
            let (v, basis) = self.anchored(|a| {
                let y = match rel {
                    // the last one over before the anchor's month
                    Rel::Past => {
                        if (a.m as i32) > m as i32 + 2 {
                            a.y
                        } else {
                            a.y - 1
                        }
                    }
                    // the next one not begun by the anchor's month
                    Rel::Next => {
                        if a.m < m {
                            a.y
                        } else {
                            a.y + 1
                        }
                    }
                    Rel::Current => a.y,
                };
                range(y, m)
            });
            return Some(self.mk(i, sk, i + 2, v, Grain::Quarter, basis, vec![]));
        }
        // «صيف 2022», «صيف عام 2022», «صيف العام الماضي», «صيف هذا العام»
        let (sk, m) = self.form_in(i, SEASONS)?;
        let year = [self.year_expr(i + 1, true), self.rel_period(i + 1)]
            .into_iter()
            .flatten()
            .filter(|y| y.grain == Grain::Year && !matches!(y.value, Some(Value::Range { .. })))
            .max_by_key(|y| y.e)?;
        let v = match year.value {
            Some(Value::Year(y)) => range(y, m),
            _ => None,
        };
        let basis = if v.is_some() || m == 12 {
            year.basis
        } else {
            Basis::None
        };
        Some(self.mk(i, sk, year.next, v, Grain::Quarter, basis, vec![]))
    }

    /// A decade: «الثمانينيات», «تسعينيات القرن الماضي», «ستينات القرن العشرين», as a range of years. Without its
    /// century a decade is the most recent one that is over, unless the one a century later has begun too
    /// («العشرينيات» in 2024 is then ambiguous and keeps no value).
    fn decade(&self, i: usize) -> Option<M> {
        let (sk, d) = self.form_in(i, DECADES)?;
        let mut k = i + 1;
        if self.is(k, &["من"]) && self.is(k + 1, &["القرن"]) {
            k += 1;
        }
        // the first year of the century named: 1900 for «القرن العشرين»
        let mut century: Option<Result<i32, i32>> = None; // Ok(absolute) or Err(relative to the anchor's)
        if self.is(k, &["القرن"]) {
            if self.is(k + 1, &["العشرين"]) {
                century = Some(Ok(1900));
                k += 2;
            } else if self.is(k + 1, &["التاسع"]) && self.is(k + 2, &["عشر"]) {
                century = Some(Ok(1800));
                k += 3;
            } else if self.is(k + 1, &["الحادي"]) && self.is(k + 2, &["والعشرين"]) {
                century = Some(Ok(2000));
                k += 3;
            } else if let Some(r) = self.rel_word(k + 1) {
                century = Some(Err(r.delta()));
                k += 2;
            }
        }
        // «ثمانينيات» without the article needs its century; «في الثمانينيات» does not
        if century.is_none() && !self.t(i)[sk..].starts_with("ال") {
            return None;
        }
        let decade = |base: i32| -> Value {
            let y = base + 10 * d;
            Value::Range {
                from: Box::new(Value::Year(y)),
                to: Box::new(Value::Year(y + 9)),
            }
        };
        let (v, basis) = match century {
            Some(Ok(base)) => (Some(decade(base)), Basis::Explicit),
            Some(Err(delta)) => self.anchored(|a| Some(decade((a.y / 100 + delta) * 100))),
            None => self.anchored(|a| {
                let base = a.y / 100 * 100;
                let this = base + 10 * d;
                if this + 9 < a.y {
                    Some(decade(base))
                } else if this > a.y {
                    Some(decade(base - 100))
                } else {
                    None
                }
            }),
        };
        Some(self.mk(i, sk, k, v, Grain::Year, basis, vec![]))
    }

    /// «خلال الأيام الثلاثة الماضية», «خلال الأسبوعين الماضيين», «في الأشهر الستة الأخيرة», «خلال الـ24 ساعة
    /// الماضية», «خلال السنوات العشر المقبلة»: the period from the anchor back (or on) by that much, as a range.
    /// Without a count («خلال الأيام الماضية») it is no expression.
    fn during(&self, i: usize) -> Option<M> {
        let sk = self.isc(i, &["خلال", "طوال", "طيله"])?;
        let j = i + 1;
        let plural = |w: &str| -> Option<(Unit, bool)> {
            // (unit, hours)
            Some(match w {
                "الايام" | "ايام" | "يوما" => (Unit::Day, false),
                "الاسابيع" | "اسابيع" | "اسبوعا" => (Unit::Week, false),
                "الاشهر" | "الشهور" | "اشهر" | "شهور" | "شهرا" => {
                    (Unit::Month, false)
                }
                "السنوات" | "الاعوام" | "سنوات" | "اعوام" | "عاما" | "سنه" => {
                    (Unit::Year, false)
                }
                "الساعات" | "ساعه" | "ساعات" => (Unit::Day, true),
                _ => return None,
            })
        };
        let dual = |w: &str| -> Option<(Unit, i64)> {
            Some(match w {
                "اليومين" => (Unit::Day, 2),
                "الاسبوعين" => (Unit::Week, 2),
                "الشهرين" => (Unit::Month, 2),
                "العامين" | "السنتين" => (Unit::Year, 2),
                _ => return None,
            })
        };
        let count_at = |k: usize| -> Option<(i64, usize)> {
            // «الثلاثة», «الـ24», «24»
            if self.is(k, &["ال"]) {
                let (n, nd) = self.num(k + 1)?;
                return (nd <= 3).then_some((n as i64, k + 2));
            }
            if let Some((n, nd)) = self.num(k) {
                return (nd <= 3).then_some((n as i64, k + 1));
            }
            let w = self.t(k).strip_prefix("ال")?;
            COUNT_WORDS
                .iter()
                .find(|(c, _)| *c == w)
                .map(|&(_, n)| (n, k + 1))
        };
        let ((unit, hours), n, k) = if let Some((u, n)) = dual(self.t(j)) {
            ((u, false), n, j + 1)
        } else if let Some(u) = plural(self.t(j)).filter(|_| self.t(j).starts_with("ال")) {
            let (n, k) = count_at(j + 1)?;
            (u, n, k)
        } else {
            // «الـ24 ساعة الماضية»
            let (n, k) = count_at(j).filter(|_| self.is(j, &["ال"]))?;
            (plural(self.t(k))?, n, k + 1)
        };
        let past = if self.is(k, REL_PAST_PL) {
            true
        } else if self.is(k, REL_NEXT_PL) {
            false
        } else {
            return None;
        };
        if !(1..=500).contains(&n) {
            return None;
        }
        let sign: i64 = if past { -1 } else { 1 };
        let (v, basis) = self.anchored(|a| {
            let (far, near) = match unit {
                Unit::Day | Unit::Week => {
                    let days = if hours {
                        (n + 23) / 24
                    } else if unit == Unit::Week {
                        7 * n
                    } else {
                        n
                    };
                    (Value::Day(a.add_days(sign * days)), Value::Day(a))
                }
                Unit::Month => {
                    let (y, m) = shift_month(a.y, a.m, (sign * n) as i32);
                    (Value::Month { y, m }, Value::Month { y: a.y, m: a.m })
                }
                Unit::Year => (Value::Year(a.y + (sign * n) as i32), Value::Year(a.y)),
            };
            let (from, to) = if past { (far, near) } else { (near, far) };
            Some(Value::Range {
                from: Box::new(from),
                to: Box::new(to),
            })
        });
        let grain = match unit {
            Unit::Day | Unit::Week => Grain::Day,
            Unit::Month => Grain::Month,
            Unit::Year => Grain::Year,
        };
        Some(self.mk(i, sk, k + 1, v, grain, basis, vec![]))
    }

    fn best_at(&self, i: usize) -> Option<M> {
        let cands = [
            self.eve(i),
            self.range(i),
            self.modifier(i),
            self.full_date(i),
            self.numeric(i),
            self.month_only(i, false),
            self.year_expr(i, false),
            self.rel_day(i),
            self.weekday_expr(i),
            self.rel_period(i),
            self.ago(i),
            self.that_year(i),
            self.weekday_numeric(i),
            self.quarter(i),
            self.season(i),
            self.decade(i),
            self.during(i),
        ];
        let mut best: Option<M> = None;
        for m in cands.into_iter().flatten() {
            if best.as_ref().is_none_or(|b| m.e > b.e) {
                best = Some(m);
            }
        }
        best
    }

    /// Every expression of the text, in order, not overlapping.
    pub(crate) fn run(&self) -> Vec<M> {
        let starters = starters(self.lex);
        let mut out = Vec::new();
        let mut i = 0;
        while i < self.toks.len() {
            if let Some(n) = self.not_phrase_at(i) {
                i = n;
                continue;
            }
            if self.kind(i) == Some(Kind::Punct)
                || (self.kind(i) == Some(Kind::Word)
                    && !self.forms(i, true).any(|(_, f)| starters.contains(f)))
            {
                i += 1;
                continue;
            }
            match self.best_at(i) {
                Some(m) => {
                    i = m.next.max(i + 1);
                    if m.basis == Basis::Explicit {
                        if let Some(v) = &m.value {
                            self.last_year.set(Some(v.last_day().y));
                        }
                    }
                    out.push(m);
                }
                None => i += 1,
            }
        }
        out
    }

    /// A full date (day, month, year or «الموافق» pair) or numeric date starting at `i`: used by the dateline finder.
    pub(crate) fn date_at(&self, i: usize) -> Option<M> {
        [self.full_date(i), self.numeric(i)]
            .into_iter()
            .flatten()
            .max_by_key(|m| m.e)
    }

    /// Whether a match has its own year (not inferred from an anchor).
    pub(crate) fn explicit(m: &M) -> bool {
        m.basis == Basis::Explicit
    }
}

/// «سيلتقي», «ستعقد», «سنواصل»: س + an imperfect prefix.
fn is_future_verb(w: &str) -> bool {
    let mut cs = w.chars();
    cs.next() == Some('س')
        && matches!(cs.next(), Some('ي' | 'ت' | 'ن'))
        && w.chars().count() >= 4
        && !NOT_FUTURE.contains(&w)
}

/// «يستقبل», «يدخل»: a third-person imperfect verb opening a sentence.
fn is_imperfect_verb(w: &str) -> bool {
    const NOUNS: &[&str] = &[
        "يوم",
        "يونيو",
        "يونيه",
        "يوليو",
        "يوليه",
        "يناير",
        "يوما",
        "يومين",
        "يهود",
        "يهودي",
        "يوجد",
    ];
    w.starts_with('ي') && w.chars().count() >= 4 && !NOUNS.contains(&w) && !w.starts_with("يوم")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `tokenize` as first written: each char joins the last token when it touches it and is of
    /// its kind (a word or a number).
    fn tokenize_ref(norm: &str) -> Vec<(usize, usize, Kind, u32)> {
        let mut out: Vec<(usize, usize, Kind, u32)> = Vec::new();
        let mut line = 0u32;
        for (i, c) in norm.char_indices() {
            if c == '\n' {
                line += 1;
                continue;
            }
            let Some(kind) = kind_of(c) else { continue };
            let e = i + c.len_utf8();
            if let Some(last) = out.last_mut() {
                if kind != Kind::Punct && last.2 == kind && last.1 == i {
                    last.1 = e;
                    continue;
                }
            }
            out.push((i, e, kind, line));
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn tokens_as_first_written(s in "[اب a1,.\n\u{064E}\u{00A0}-]{0,20}") {
            let got: Vec<(usize, usize, Kind, u32)> =
                tokenize(&s).iter().map(|t| (t.s, t.e, t.kind, t.line)).collect();
            proptest::prop_assert_eq!(got, tokenize_ref(&s));
        }
    }

    #[test]
    fn kinds_of_every_char_as_the_unicode_tables_say() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let want = if c.is_whitespace() {
                None
            } else if c.is_ascii_digit() {
                Some(Kind::Num)
            } else if c.is_alphabetic() || ('\u{0620}'..='\u{064A}').contains(&c) {
                Some(Kind::Word)
            } else {
                Some(Kind::Punct)
            };
            assert_eq!(kind_of(c), want, "U+{:04X}", c as u32);
        }
    }
}
