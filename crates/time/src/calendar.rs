//! Calendar arithmetic: proleptic Gregorian days (days since 1970-01-01) and the tabular Islamic calendar.

/// Days since 1970-01-01 of a Gregorian date (H. Hinnant's `days_from_civil`).
pub(crate) fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

/// Gregorian date of a day count since 1970-01-01.
pub(crate) fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719468;
    let era = if z >= 0 { z } else { z - 146096 } / 146097;
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Whether a Gregorian year is a leap year.
pub(crate) fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

/// Days in a Gregorian month.
pub(crate) fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Julian day number of 1970-01-01.
const JDN_UNIX: i64 = 2440588;
/// Julian day number of 1 Muharram 1 AH (16 July 622, Julian calendar), civil epoch.
const JDN_HIJRI: i64 = 1948440;

/// Whether a Hijri year is a leap year of the tabular calendar (11 leap years in 30).
pub(crate) fn hijri_is_leap(y: i64) -> bool {
    (14 + 11 * y).rem_euclid(30) < 11
}

/// Days in a month of the tabular Islamic calendar.
pub(crate) fn hijri_days_in_month(y: i64, m: u32) -> u32 {
    if (m == 12 && hijri_is_leap(y)) || m % 2 == 1 {
        30
    } else {
        29
    }
}

fn hijri_jdn(y: i64, m: u32, d: u32) -> i64 {
    let m = m as i64;
    d as i64 + (59 * (m - 1) + 1) / 2 + (y - 1) * 354 + (3 + 11 * y).div_euclid(30) + JDN_HIJRI - 1
}

/// Days since 1970-01-01 of a date of the tabular Islamic calendar.
pub(crate) fn days_from_hijri(y: i64, m: u32, d: u32) -> i64 {
    hijri_jdn(y, m, d) - JDN_UNIX
}

/// Tabular Islamic date of a day count since 1970-01-01.
pub(crate) fn hijri_from_days(z: i64) -> (i64, u32, u32) {
    let jdn = z + JDN_UNIX;
    let y = (30 * (jdn - JDN_HIJRI) + 10646).div_euclid(10631);
    let mut m = 12u32;
    for k in 1..=12u32 {
        if k == 12 || hijri_jdn(y, k + 1, 1) > jdn {
            m = k;
            break;
        }
    }
    let d = (jdn - hijri_jdn(y, m, 1) + 1) as u32;
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trip() {
        for z in -800_000..800_000i64 {
            if z % 37 != 0 {
                continue;
            }
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z);
        }
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(civil_from_days(19410), (2023, 2, 22));
    }

    #[test]
    fn hijri_round_trip() {
        for z in -30_000..60_000i64 {
            let (y, m, d) = hijri_from_days(z);
            assert!(
                (1..=12).contains(&m) && d >= 1 && d <= hijri_days_in_month(y, m),
                "{z}: {y}-{m}-{d}"
            );
            assert_eq!(days_from_hijri(y, m, d), z);
        }
    }

    #[test]
    fn hijri_known_dates() {
        // (hijri, gregorian) pairs; the tabular calendar may differ from Umm al-Qura by a day
        let rows = [
            ((1436, 10, 25), (2015, 8, 10)),
            ((1444, 9, 1), (2023, 3, 23)),
            ((1445, 1, 1), (2023, 7, 19)),
        ];
        for ((hy, hm, hd), (y, m, d)) in rows {
            let got = days_from_hijri(hy, hm, hd);
            let want = days_from_civil(y, m, d);
            assert!(
                (got - want).abs() <= 1,
                "{hy}-{hm}-{hd}: {:?}",
                civil_from_days(got)
            );
        }
    }
}
