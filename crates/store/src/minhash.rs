//! Near-duplicate detection: MinHash signatures over normalised word shingles, banded for LSH.
//!
//! A text is normalised ([`rasd_text::normalize`]), split into word tokens, and cut into
//! overlapping shingles of [`SHINGLE`] words. Each shingle is hashed once (FNV-1a, then a 64-bit
//! mixer); [`HASHES`] independent hash functions are derived from it by multiply–add with fixed
//! odd constants, and the signature keeps the minimum of each. The share of equal positions of two
//! signatures estimates the Jaccard similarity of their shingle sets. For lookup, the signature is
//! cut into [`BANDS`] bands of [`ROWS`] values; two texts whose Jaccard similarity is 0.5 share at
//! least one band with probability ≈ 0.87, at 0.7 ≈ 0.9999.

/// Words per shingle.
pub const SHINGLE: usize = 3;
/// Hash functions per signature.
pub const HASHES: usize = 128;
/// LSH bands.
pub const BANDS: usize = 32;
/// Signature values per band.
pub const ROWS: usize = HASHES / BANDS;

/// A MinHash signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature(pub Vec<u32>);

/// 64-bit FNV-1a of bytes: stable across runs and platforms (stored in the database).
pub fn fnv64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// splitmix64 finaliser: spreads the bits of a hash.
pub fn mix64(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

fn coefficients() -> &'static [(u64, u64); HASHES] {
    static C: std::sync::OnceLock<[(u64, u64); HASHES]> = std::sync::OnceLock::new();
    C.get_or_init(|| {
        let mut c = [(0u64, 0u64); HASHES];
        for (i, slot) in c.iter_mut().enumerate() {
            let a = mix64(0x9e37_79b9_7f4a_7c15 ^ (i as u64 * 2 + 1)) | 1;
            let b = mix64(0x2545_f491_4f6c_dd1d ^ (i as u64 * 2 + 2));
            *slot = (a, b);
        }
        c
    })
}

/// The shingle hashes of a text (normalised here): every run of [`SHINGLE`] consecutive words,
/// or the words themselves when the text is shorter.
pub fn shingles(text: &str) -> Vec<u64> {
    let norm = rasd_text::normalize(text);
    let words: Vec<&str> = rasd_text::tokens(&norm)
        .into_iter()
        .map(|t| t.text(&norm))
        .collect();
    let mut out = Vec::with_capacity(words.len());
    if words.len() < SHINGLE {
        out.extend(words.iter().map(|w| mix64(fnv64(w.as_bytes()))));
    } else {
        for win in words.windows(SHINGLE) {
            let mut h: u64 = 0xcbf2_9ce4_8422_2325;
            for w in win {
                for &b in w.as_bytes() {
                    h ^= u64::from(b);
                    h = h.wrapping_mul(0x0000_0100_0000_01b3);
                }
                h ^= 0x20;
                h = h.wrapping_mul(0x0000_0100_0000_01b3);
            }
            out.push(mix64(h));
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

impl Signature {
    /// The signature of a set of shingle hashes (all values `u32::MAX` when the set is empty).
    pub fn of_shingles(sh: &[u64]) -> Signature {
        let mut sig = vec![u32::MAX; HASHES];
        let co = coefficients();
        for &h in sh {
            for (slot, &(a, b)) in sig.iter_mut().zip(co.iter()) {
                let v = (h.wrapping_mul(a).wrapping_add(b) >> 32) as u32;
                if v < *slot {
                    *slot = v;
                }
            }
        }
        Signature(sig)
    }

    /// The signature of a text.
    pub fn of_text(text: &str) -> Signature {
        Signature::of_shingles(&shingles(text))
    }

    /// Whether the text had no word at all.
    pub fn is_empty(&self) -> bool {
        self.0.iter().all(|&v| v == u32::MAX)
    }

    /// Estimated Jaccard similarity: the share of equal positions (0 when either is empty).
    pub fn similarity(&self, other: &Signature) -> f64 {
        if self.is_empty() || other.is_empty() || self.0.len() != other.0.len() {
            return 0.0;
        }
        let same = self.0.iter().zip(&other.0).filter(|(a, b)| a == b).count();
        same as f64 / self.0.len() as f64
    }

    /// The LSH band keys: `(band, hash)` for each band.
    pub fn bands(&self) -> Vec<(usize, i64)> {
        self.0
            .chunks(ROWS)
            .enumerate()
            .map(|(i, rows)| {
                let mut bytes = Vec::with_capacity(ROWS * 4 + 1);
                bytes.push(i as u8);
                for r in rows {
                    bytes.extend_from_slice(&r.to_le_bytes());
                }
                (i, mix64(fnv64(&bytes)) as i64)
            })
            .collect()
    }

    /// Little-endian bytes, for storage.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.0.iter().flat_map(|v| v.to_le_bytes()).collect()
    }

    /// From stored bytes (`None` when the length is wrong).
    pub fn from_bytes(b: &[u8]) -> Option<Signature> {
        if b.len() != HASHES * 4 {
            return None;
        }
        Some(Signature(
            b.chunks_exact(4)
                .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect(),
        ))
    }
}

/// Exact Jaccard similarity of two texts' shingle sets (for tests and calibration).
pub fn jaccard(a: &str, b: &str) -> f64 {
    let (x, y) = (shingles(a), shingles(b));
    if x.is_empty() && y.is_empty() {
        return 0.0;
    }
    let sx: std::collections::HashSet<_> = x.iter().collect();
    let inter = y.iter().filter(|h| sx.contains(h)).count();
    inter as f64 / (x.len() + y.len() - inter) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "قال وزير الخارجية الروسي سيرجي لافروف اليوم الأربعاء إن بلاده مستعدة لتعزيز \
        التعاون مع الصين في جميع المجالات، وذلك خلال لقائه في موسكو مع مدير مكتب لجنة الشؤون الخارجية \
        وانغ يي. وأضاف أن العلاقات بين البلدين تشهد تطورا كبيرا في ظل التوجيه الاستراتيجي للرئيسين، \
        وأن الجانبين اتفقا على مواصلة التنسيق في القضايا الدولية والإقليمية ذات الاهتمام المشترك. \
        وأشار إلى أن الزيارة تأتي في إطار التحضير لزيارة مرتقبة للرئيس الصيني إلى موسكو.";

    #[test]
    fn similarity_table() {
        let edited = BASE.replace("تشهد تطورا كبيرا", "تشهد نموا ملحوظا");
        let with_furniture =
            format!("الرئيسية > أخبار عربية ودولية\n{BASE}\nاقرأ أيضا: أسعار الذهب اليوم");
        let diacritics = BASE.replace("قال", "قَالَ").replace("الصين", "الصّين");
        let other = "أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في العاصمة بسعة مئتي سرير، \
            ويضم المستشفى أقساما متخصصة في أمراض القلب والأورام وطب الأطفال، وقال الوزير إن المشروع \
            جزء من خطة لتطوير القطاع الصحي خلال السنوات الخمس المقبلة.";
        // (text, lowest expected estimate, highest expected estimate)
        let rows: [(&str, f64, f64); 5] = [
            (BASE, 1.0, 1.0),
            (&diacritics, 1.0, 1.0),
            (&edited, 0.7, 0.97),
            (&with_furniture, 0.7, 0.99),
            (other, 0.0, 0.1),
        ];
        let a = Signature::of_text(BASE);
        for (text, lo, hi) in rows {
            let s = a.similarity(&Signature::of_text(text));
            let j = jaccard(BASE, text);
            assert!(
                s >= lo && s <= hi,
                "estimate {s} (exact {j}) not in [{lo}, {hi}] for {text}"
            );
            assert!((s - j).abs() < 0.2, "estimate {s} far from exact {j}");
        }
    }

    #[test]
    fn empty_and_bytes() {
        let e = Signature::of_text("  ,.  ");
        assert!(e.is_empty());
        assert_eq!(e.similarity(&e), 0.0);
        let a = Signature::of_text(BASE);
        assert_eq!(Signature::from_bytes(&a.to_bytes()), Some(a.clone()));
        assert_eq!(Signature::from_bytes(&[1, 2, 3]), None);
        assert_eq!(a.bands().len(), BANDS);
        let b = Signature::of_text(&BASE.replace("تشهد تطورا كبيرا", "تشهد نموا ملحوظا"));
        let shared = a
            .bands()
            .iter()
            .zip(b.bands())
            .filter(|(x, y)| **x == *y)
            .count();
        assert!(shared > 0, "a small edit must share an LSH band");
    }

    #[test]
    fn short_texts_use_words() {
        assert_eq!(shingles("بوتين").len(), 1);
        assert_eq!(shingles("بوتين لافروف").len(), 2);
        assert_eq!(shingles("أ ب ج د").len(), 2);
    }
}
