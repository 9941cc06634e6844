//! The rules that decide when two coded events are one event: dates, actors, type.

use crate::ActorRecord;

/// Days since 1970-01-01 of a civil date (proleptic Gregorian).
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day number.
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// `YYYY-MM-DD` of a day number.
pub fn day_string(z: i64) -> String {
    let (y, m, d) = civil_from_days(z);
    format!("{y:04}-{m:02}-{d:02}")
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        _ => 28,
    }
}

/// The first and last day (day numbers) a date of the form `YYYY`, `YYYY-MM` or `YYYY-MM-DD`
/// covers (a longer timestamp is read by its first ten characters). `None` when it is not a date.
pub fn date_range(s: &str) -> Option<(i64, i64)> {
    let s = s.trim();
    let s = s.get(..10.min(s.len()))?;
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str, len: usize| -> Option<i64> {
        (p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse().ok())
            .flatten()
    };
    match parts.as_slice() {
        [y] => {
            let y = num(y, 4)?;
            Some((days_from_civil(y, 1, 1), days_from_civil(y, 12, 31)))
        }
        [y, m] => {
            let (y, m) = (num(y, 4)?, num(m, 2)? as u32);
            if !(1..=12).contains(&m) {
                return None;
            }
            Some((
                days_from_civil(y, m, 1),
                days_from_civil(y, m, days_in_month(y, m)),
            ))
        }
        [y, m, d] => {
            let (y, m, d) = (num(y, 4)?, num(m, 2)? as u32, num(d, 2)? as u32);
            if !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
                return None;
            }
            let z = days_from_civil(y, m, d);
            Some((z, z))
        }
        _ => None,
    }
}

/// Whether two event dates can be the same event: both unknown; equal; two days at most one day
/// apart; or one less precise (a month, a year) containing the other.
pub fn dates_agree(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) if a == b => true,
        (Some(a), Some(b)) => match (date_range(a), date_range(b)) {
            (Some((a0, a1)), Some((b0, b1))) => {
                if a0 == a1 && b0 == b1 {
                    (a0 - b0).abs() <= 1
                } else {
                    (a0 <= b0 && b1 <= a1) || (b0 <= a0 && a1 <= b1)
                }
            }
            _ => false,
        },
        _ => false,
    }
}

/// Whether two actors can be the same party to an event: the same dictionary id, else the same
/// country and sector (for actors of a state), else the same name when neither has a country.
pub fn actors_agree(a: Option<&ActorRecord>, b: Option<&ActorRecord>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => {
            if let (Some(x), Some(y)) = (&a.id, &b.id) {
                if x == y {
                    return true;
                }
            }
            match (&a.country, &b.country) {
                (Some(x), Some(y)) => x == y && a.sector == b.sector,
                (None, None) => a.id.is_none() && b.id.is_none() && a.name == b.name,
                _ => false,
            }
        }
        _ => false,
    }
}

/// The parts of an event that decide whether two events are one.
#[derive(Debug, Clone, Copy)]
pub struct MergeKey<'a> {
    /// PLOVER type.
    pub kind: &'a str,
    /// Source actor.
    pub source: Option<&'a ActorRecord>,
    /// Target actor.
    pub target: Option<&'a ActorRecord>,
}

/// Whether two events agree on type and actors (either direction for CONSULT, where «A met B» and
/// «B met A» are one meeting). Dates are checked separately ([`dates_agree`]).
pub fn same_event(a: &MergeKey, b: &MergeKey) -> bool {
    if a.kind != b.kind {
        return false;
    }
    if actors_agree(a.source, b.source) && actors_agree(a.target, b.target) {
        return true;
    }
    a.kind == "CONSULT" && actors_agree(a.source, b.target) && actors_agree(a.target, b.source)
}

/// The content id of a text: 128-bit FNV-1a of its normalised form, as 32 hex digits.
pub fn content_id(text: &str) -> String {
    let norm = rasd_text::normalize(text);
    // whitespace runs and line ends do not make a new text
    let mut h: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    let prime: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013b;
    let mut space = false;
    for w in norm.split_whitespace() {
        if space {
            h ^= 0x20;
            h = h.wrapping_mul(prime);
        }
        for &b in w.as_bytes() {
            h ^= u128::from(b);
            h = h.wrapping_mul(prime);
        }
        space = true;
    }
    format!("{h:032x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(id: Option<&str>, country: Option<&str>, sector: &str, name: &str) -> ActorRecord {
        ActorRecord {
            name: name.into(),
            country: country.map(Into::into),
            sector: sector.into(),
            id: id.map(Into::into),
            text: name.into(),
            start: 0,
            end: 0,
        }
    }

    #[test]
    fn dates_table() {
        let rows: [(Option<&str>, Option<&str>, bool); 14] = [
            (None, None, true),
            (Some("2023-02-22"), None, false),
            (Some("2023-02-22"), Some("2023-02-22"), true),
            (Some("2023-02-22"), Some("2023-02-23"), true),
            (Some("2023-02-28"), Some("2023-03-01"), true),
            (Some("2023-02-22"), Some("2023-02-24"), false),
            (Some("2023-02"), Some("2023-02-24"), true),
            (Some("2023-02-24"), Some("2023-02"), true),
            (Some("2023"), Some("2023-02-24"), true),
            (Some("2023-03"), Some("2023-02-24"), false),
            (Some("2023"), Some("2023-02"), true),
            (Some("2022"), Some("2023"), false),
            (Some("2023-02-22T10:00:00Z"), Some("2023-02-22"), true),
            (Some("soon"), Some("2023-02-22"), false),
        ];
        for (a, b, want) in rows {
            assert_eq!(dates_agree(a, b), want, "{a:?} vs {b:?}");
        }
    }

    #[test]
    fn date_ranges() {
        assert_eq!(date_range("1970-01-01"), Some((0, 0)));
        assert_eq!(
            date_range("2024-02"),
            date_range("2024-02-01").map(|(a, _)| (a, a + 28))
        );
        assert_eq!(date_range("2023-02-29"), None);
        assert_eq!(date_range("2023-13"), None);
        assert_eq!(date_range(""), None);
        assert_eq!(date_range("٢٠٢٣"), None);
        for z in [-800_000, -1, 0, 59, 19_000, 20_000, 2_000_000] {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z);
        }
        assert_eq!(day_string(19_410), "2023-02-22");
    }

    #[test]
    fn merge_table() {
        let wang = actor(Some("wang-yi"), Some("CHN"), "GOV", "Wang Yi");
        let lavrov = actor(Some("sergey-lavrov"), Some("RUS"), "GOV", "Sergey Lavrov");
        let china = actor(Some("CHN"), Some("CHN"), "GOV", "China");
        let russia_mil = actor(None, Some("RUS"), "MIL", "Russia military");
        let un = actor(Some("UN"), None, "IGO", "United Nations");
        let al = actor(Some("AL"), None, "IGO", "Arab League");
        let k = |kind, s, t| MergeKey {
            kind,
            source: s,
            target: t,
        };
        // (a, b, same)
        let rows = [
            (
                k("CONSULT", Some(&wang), Some(&lavrov)),
                k("CONSULT", Some(&wang), Some(&lavrov)),
                true,
            ),
            (
                k("CONSULT", Some(&wang), Some(&lavrov)),
                k("CONSULT", Some(&lavrov), Some(&wang)),
                true,
            ),
            (
                k("CONSULT", Some(&china), Some(&lavrov)),
                k("CONSULT", Some(&wang), Some(&lavrov)),
                true,
            ),
            (
                k("COOPERATE", Some(&wang), Some(&lavrov)),
                k("COOPERATE", Some(&lavrov), Some(&wang)),
                false,
            ),
            (
                k("CONSULT", Some(&wang), Some(&lavrov)),
                k("ACCUSE", Some(&wang), Some(&lavrov)),
                false,
            ),
            (
                k("CONSULT", Some(&wang), Some(&lavrov)),
                k("CONSULT", Some(&wang), Some(&russia_mil)),
                false,
            ),
            (
                k("CONSULT", Some(&wang), None),
                k("CONSULT", Some(&wang), None),
                true,
            ),
            (
                k("CONSULT", Some(&wang), None),
                k("CONSULT", Some(&wang), Some(&lavrov)),
                false,
            ),
            (
                k("CONSULT", Some(&un), Some(&wang)),
                k("CONSULT", Some(&al), Some(&wang)),
                false,
            ),
            (
                k("CONSULT", Some(&un), Some(&wang)),
                k("CONSULT", Some(&un), Some(&china)),
                true,
            ),
        ];
        for (i, (a, b, want)) in rows.iter().enumerate() {
            assert_eq!(same_event(a, b), *want, "row {i}");
        }
    }

    #[test]
    fn content_ids() {
        let a = content_id("قال لافروف\nاليوم");
        assert_eq!(a.len(), 32);
        assert_eq!(a, content_id("قَالَ  لافروف اليوم "));
        assert_ne!(a, content_id("قال لافروف أمس"));
    }
}
