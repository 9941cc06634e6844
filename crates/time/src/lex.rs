//! The month/weekday dictionary `data/dict/months.toml`, parsed once and normalised.
use crate::scan::tokenize;
use rasd_text::hash::FastMap as HashMap;
use serde::Deserialize;
use std::sync::OnceLock;

const MONTHS_TOML: &str = include_str!("../../../data/dict/months.toml");

#[derive(Deserialize)]
struct File {
    month: Vec<MonthRow>,
    weekday: Vec<WeekdayRow>,
    #[serde(default)]
    not_date: NotDateRow,
    #[serde(default)]
    dateline: DatelineRow,
}

#[derive(Deserialize)]
struct MonthRow {
    system: String,
    number: u32,
    names: Vec<String>,
    #[serde(default)]
    ambiguous: Vec<String>,
}

#[derive(Deserialize)]
struct WeekdayRow {
    number: u32,
    names: Vec<String>,
}

#[derive(Deserialize, Default)]
struct NotDateRow {
    #[serde(default)]
    before: Vec<String>,
    #[serde(default)]
    phrases: Vec<String>,
}

#[derive(Deserialize, Default)]
struct DatelineRow {
    #[serde(default)]
    agencies: Vec<String>,
}

/// What a dictionary name means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Entry {
    /// A month: number 1–12, Hijri or not, and whether the word has another common meaning.
    Month {
        num: u32,
        hijri: bool,
        ambiguous: bool,
    },
    /// A weekday, 0 = Sunday.
    Weekday(u32),
}

/// The compiled dictionary.
pub(crate) struct Lex {
    /// First word of a name → (the following words, meaning).
    pub names: HashMap<String, Vec<(Vec<String>, Entry)>>,
    /// Words after which a number or month is a name.
    pub not_before: Vec<String>,
    /// Names that contain a date word, as token sequences.
    pub not_phrases: Vec<Vec<String>>,
    /// Agency names, as token sequences.
    pub agencies: Vec<Vec<String>>,
    /// First word of a `not_phrases` entry → the indices of those it begins.
    pub not_phrases_by_first: HashMap<String, Vec<usize>>,
    /// First word of an `agencies` entry → the indices of those it begins.
    pub agencies_by_first: HashMap<String, Vec<usize>>,
}

/// First word of each phrase → the indices of the phrases it begins (phrases are not empty).
fn by_first(phrases: &[Vec<String>]) -> HashMap<String, Vec<usize>> {
    let mut m: HashMap<String, Vec<usize>> = HashMap::default();
    for (i, ph) in phrases.iter().enumerate() {
        if let Some(first) = ph.first() {
            m.entry(first.clone()).or_default().push(i);
        }
    }
    m
}

/// Normalised tokens of a dictionary string.
pub(crate) fn words(s: &str) -> Vec<String> {
    let n = rasd_text::normalize(s);
    tokenize(&n)
        .iter()
        .map(|t| n[t.s..t.e].to_string())
        .collect()
}

fn build(src: &str) -> Result<Lex, String> {
    let file: File = toml::from_str(src).map_err(|e| format!("months.toml: {e}"))?;
    let mut names: HashMap<String, Vec<(Vec<String>, Entry)>> = HashMap::default();
    let mut add = |name: &str, e: Entry| {
        let w = words(name);
        if let Some((first, rest)) = w.split_first() {
            let list = names.entry(first.clone()).or_default();
            if !list.iter().any(|(r, x)| r == rest && *x == e) {
                list.push((rest.to_vec(), e));
            }
        }
    };
    for row in &file.month {
        if !(1..=12).contains(&row.number) {
            return Err(format!(
                "months.toml: month number {} out of 1..=12",
                row.number
            ));
        }
        let hijri = match row.system.as_str() {
            "hijri" => true,
            "gregorian" | "levantine" | "maghrebi" => false,
            s => return Err(format!("months.toml: unknown system {s}")),
        };
        for n in &row.names {
            let ambiguous = row
                .ambiguous
                .iter()
                .any(|a| rasd_text::normalize(a) == rasd_text::normalize(n));
            add(
                n,
                Entry::Month {
                    num: row.number,
                    hijri,
                    ambiguous,
                },
            );
        }
    }
    for row in &file.weekday {
        if row.number > 6 {
            return Err(format!(
                "months.toml: weekday number {} out of 0..=6",
                row.number
            ));
        }
        for n in &row.names {
            add(n, Entry::Weekday(row.number));
        }
    }
    let not_phrases: Vec<Vec<String>> = file
        .not_date
        .phrases
        .iter()
        .map(|s| words(s))
        .filter(|w| !w.is_empty())
        .collect();
    let agencies: Vec<Vec<String>> = file
        .dateline
        .agencies
        .iter()
        .map(|s| words(s))
        .filter(|w| !w.is_empty())
        .collect();
    Ok(Lex {
        names,
        not_before: file
            .not_date
            .before
            .iter()
            .map(|s| rasd_text::normalize(s))
            .collect(),
        not_phrases_by_first: by_first(&not_phrases),
        agencies_by_first: by_first(&agencies),
        not_phrases,
        agencies,
    })
}

/// The dictionary, parsed on first use.
pub(crate) fn lex() -> &'static Lex {
    static LEX: OnceLock<Lex> = OnceLock::new();
    LEX.get_or_init(|| build(MONTHS_TOML).unwrap_or_else(|e| panic!("{e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dictionary_parses_and_covers_every_month() {
        let l = lex();
        for num in 1..=12 {
            for hijri in [false, true] {
                assert!(
                    l.names.values().flatten().any(|(_, e)| matches!(e, Entry::Month { num: n, hijri: h, .. } if *n == num && *h == hijri)),
                    "month {num} hijri={hijri}"
                );
            }
        }
        for wd in 0..7 {
            assert!(
                l.names
                    .values()
                    .flatten()
                    .any(|(_, e)| *e == Entry::Weekday(wd)),
                "weekday {wd}"
            );
        }
        assert!(l.names.contains_key("اذار"));
        assert!(l.names["كانون"]
            .iter()
            .any(|(r, _)| r == &vec!["الثاني".to_string()]));
    }

    #[test]
    fn bad_dictionaries_are_rejected() {
        assert!(build("month = []\nweekday = []\n").is_ok());
        assert!(build("[[month]]\nsystem = \"x\"\nnumber = 1\nnames = []\nweekday = []").is_err());
        assert!(build("[[month]]\nsystem = \"gregorian\"\nnumber = 13\nnames = []\n").is_err());
    }
}
