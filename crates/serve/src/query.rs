//! Query strings: parsed, checked, and turned into filters. Every error is a message for a 400.
use crate::model::Filter;
use crate::MAX_QUERY;
use std::collections::HashMap;

/// Longest value of one parameter (chars).
const MAX_VALUE: usize = 200;

/// The parameters of a request.
pub struct Params(HashMap<String, String>);

impl Params {
    /// Parse `raw`, allowing only the parameters in `allowed`.
    pub fn parse(raw: Option<&str>, allowed: &[&str]) -> Result<Params, String> {
        let raw = raw.unwrap_or("");
        if raw.len() > MAX_QUERY {
            return Err(format!(
                "query string too long ({} bytes, at most {MAX_QUERY})",
                raw.len()
            ));
        }
        let mut map = HashMap::new();
        for part in raw.split('&').filter(|p| !p.is_empty()) {
            let (k, v) = part.split_once('=').unwrap_or((part, ""));
            let k = decode(k)?;
            let v = decode(v)?;
            if !allowed.contains(&k.as_str()) {
                return Err(format!(
                    "unknown parameter {k:?} (allowed: {})",
                    allowed.join(", ")
                ));
            }
            if v.chars().count() > MAX_VALUE {
                return Err(format!(
                    "parameter {k} too long (at most {MAX_VALUE} chars)"
                ));
            }
            if v.chars().any(|c| c.is_control()) {
                return Err(format!("parameter {k} holds control characters"));
            }
            if map.insert(k.clone(), v).is_some() {
                return Err(format!("parameter {k} given twice"));
            }
        }
        Ok(Params(map))
    }

    /// Parameters given as pairs (from a command line), checked like a query string's.
    pub fn from_pairs(pairs: &[(&str, &str)], allowed: &[&str]) -> Result<Params, String> {
        let mut map = HashMap::new();
        for (k, v) in pairs {
            if !allowed.contains(k) {
                return Err(format!("unknown parameter {k:?}"));
            }
            if v.chars().count() > MAX_VALUE {
                return Err(format!("{k} too long (at most {MAX_VALUE} chars)"));
            }
            map.insert(k.to_string(), v.to_string());
        }
        Ok(Params(map))
    }

    /// A non-empty value.
    pub fn get(&self, k: &str) -> Option<&str> {
        self.0.get(k).map(|s| s.trim()).filter(|s| !s.is_empty())
    }

    /// A number in `[0, max]`, else `default`.
    pub fn num(&self, k: &str, default: usize, max: usize) -> Result<usize, String> {
        if self.0.get(k).is_some_and(|v| v.trim().is_empty()) {
            return Err(format!(
                "{k} must be a whole number from 0 to {max}, not empty"
            ));
        }
        match self.get(k) {
            None => Ok(default),
            Some(v) => match v.parse::<usize>() {
                Ok(n) if n <= max => Ok(n),
                _ => Err(format!(
                    "{k} must be a whole number from 0 to {max}, not {v:?}"
                )),
            },
        }
    }

    /// A yes/no flag.
    pub fn flag(&self, k: &str) -> Result<bool, String> {
        match self.get(k) {
            None | Some("0") | Some("false") | Some("no") => Ok(false),
            Some("1") | Some("true") | Some("yes") => Ok(true),
            Some(v) => Err(format!("{k} must be true or false, not {v:?}")),
        }
    }

    /// The event filter of a request.
    pub fn filter(&self) -> Result<Filter, String> {
        let date = |k: &str| -> Result<Option<String>, String> {
            match self.get(k) {
                None => Ok(None),
                Some(v) if valid_date(v) => Ok(Some(v.to_string())),
                Some(v) => Err(format!(
                    "{k} must be a date YYYY, YYYY-MM or YYYY-MM-DD, not {v:?}"
                )),
            }
        };
        let country = |k: &str| -> Result<Option<String>, String> {
            match self.get(k) {
                None => Ok(None),
                Some(v) if v.len() == 3 && v.chars().all(|c| c.is_ascii_alphabetic()) => {
                    Ok(Some(v.to_ascii_uppercase()))
                }
                Some(v) => Err(format!("{k} must be an ISO 3166 alpha-3 code, not {v:?}")),
            }
        };
        let kind = match self.get("type") {
            None => None,
            Some(v) if v.len() <= 20 && v.chars().all(|c| c.is_ascii_alphabetic()) => {
                Some(v.to_ascii_uppercase())
            }
            Some(v) => return Err(format!("type must be a PLOVER event type, not {v:?}")),
        };
        let status = match self.get("status") {
            None => None,
            Some(v @ ("occurred" | "planned" | "negated")) => Some(v.to_string()),
            Some(v) => {
                return Err(format!(
                    "status must be occurred, planned or negated, not {v:?}"
                ))
            }
        };
        let f = Filter {
            actor: self.get("actor").map(String::from),
            country: country("country")?,
            country2: country("country2")?,
            kind,
            from: date("from")?,
            to: date("to")?,
            outlet: self.get("outlet").map(String::from),
            doc: self.get("doc").map(String::from),
            headline: self.flag("headline")?,
            status,
        };
        // from after to is an empty range, not an error
        Ok(f)
    }
}

/// The filter parameters every event endpoint takes.
pub const FILTER_PARAMS: [&str; 10] = [
    "actor", "country", "country2", "type", "from", "to", "outlet", "doc", "headline", "status",
];

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` with a month 1–12 and a day 1–31.
pub fn valid_date(s: &str) -> bool {
    let p: Vec<&str> = s.split('-').collect();
    let num = |x: &str, n: usize| x.len() == n && x.chars().all(|c| c.is_ascii_digit());
    match p.as_slice() {
        [y] => num(y, 4),
        [y, m] => num(y, 4) && num(m, 2) && (1..=12).contains(&m.parse::<u32>().unwrap_or(0)),
        [y, m, d] => {
            num(y, 4)
                && num(m, 2)
                && num(d, 2)
                && (1..=12).contains(&m.parse::<u32>().unwrap_or(0))
                && (1..=31).contains(&d.parse::<u32>().unwrap_or(0))
        }
        _ => false,
    }
}

/// Percent-decoding with `+` as space; malformed escapes and invalid UTF-8 are errors.
fn decode(s: &str) -> Result<String, String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = |c: u8| (c as char).to_digit(16);
                match (
                    b.get(i + 1).and_then(|&c| hex(c)),
                    b.get(i + 2).and_then(|&c| hex(c)),
                ) {
                    (Some(h), Some(l)) => out.push((h * 16 + l) as u8),
                    _ => return Err(format!("malformed percent-escape in {s:?}")),
                }
                i += 2;
            }
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8(out).map_err(|_| "query is not valid UTF-8".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_rows() {
        let allowed = ["q", "from", "to", "limit", "country"];
        let rows: &[(&str, Result<(), &str>)] = &[
            ("q=%D8%A8%D9%88%D8%AA%D9%8A%D9%86", Ok(())),
            ("q=a+b&limit=10", Ok(())),
            ("bogus=1", Err("unknown parameter")),
            ("q=%ZZ", Err("malformed")),
            ("q=%FF", Err("UTF-8")),
            ("q=a&q=b", Err("twice")),
            ("q=%00", Err("control")),
        ];
        for (raw, want) in rows {
            let got = Params::parse(Some(raw), &allowed);
            match (got, want) {
                (Ok(_), Ok(())) => {}
                (Err(e), Err(w)) => assert!(e.contains(w), "{raw}: {e}"),
                (g, w) => panic!("{raw}: got {:?}, want {w:?}", g.err()),
            }
        }
        let long = format!("q={}", "a".repeat(MAX_QUERY));
        assert!(Params::parse(Some(&long), &allowed).is_err());
        let v = format!("q={}", "a".repeat(201));
        assert!(Params::parse(Some(&v), &allowed).is_err());
    }

    #[test]
    fn filter_rows() {
        let all: Vec<&str> = FILTER_PARAMS.to_vec();
        let rows: &[(&str, bool)] = &[
            ("from=2023-01-01&to=2023-12-31", true),
            ("from=2023&to=2023-06", true),
            ("from=2023-13-01", false),
            ("from=2023-02-30x", false),
            ("from=2024-01-01&to=2023-01-01", true),
            ("country=chn&country2=RUS", true),
            ("country=CHINA", false),
            ("type=CONSULT", true),
            ("type=<script>", false),
            ("headline=maybe", false),
            ("status=planned", true),
            ("status=x", false),
        ];
        for (raw, ok) in rows {
            let r = Params::parse(Some(raw), &all).and_then(|p| p.filter());
            assert_eq!(r.is_ok(), *ok, "{raw}: {r:?}");
        }
        let f = Params::parse(Some("country=chn"), &all)
            .unwrap()
            .filter()
            .unwrap();
        assert_eq!(f.country.as_deref(), Some("CHN"));
    }

    #[test]
    fn day_ranges() {
        use crate::model::day_range;
        for (d, want) in [
            ("2023", Some(("2023-01-01", "2023-12-31"))),
            ("2023-02", Some(("2023-02-01", "2023-02-28"))),
            ("2024-02", Some(("2024-02-01", "2024-02-29"))),
            ("1900-02", Some(("1900-02-01", "1900-02-28"))),
            ("2000-02", Some(("2000-02-01", "2000-02-29"))),
            ("2023-04", Some(("2023-04-01", "2023-04-30"))),
            ("2023-04-05", Some(("2023-04-05", "2023-04-05"))),
            ("2023-13", None),
            ("x", None),
        ] {
            let got = day_range(d);
            assert_eq!(
                got.as_ref().map(|(a, b)| (a.as_str(), b.as_str())),
                want,
                "{d}"
            );
        }
    }

    #[test]
    fn dates() {
        for (d, ok) in [
            ("2023", true),
            ("2023-02", true),
            ("2023-02-22", true),
            ("23-02-22", false),
            ("2023-00", false),
            ("2023-02-32", false),
            ("", false),
        ] {
            assert_eq!(valid_date(d), ok, "{d}");
        }
    }
}
