//! The learned decision over trigger candidates: is this candidate an event of its type here?
//!
//! The lexicon and the analyser propose candidates (a lemma of the lexicon, or a phrase of the trigger
//! dictionary); a logistic regression over sparse features of the candidate and its clause decides,
//! and its probability is the event's confidence. The model is data (`data/models/trigger.tsv`, one
//! `feature<TAB>weight` per line), rebuilt from the annotated sentences by `rasd train` with a fixed
//! seed, and embedded in the binary.
use crate::mentions::{Analysis, Kind};
use rasd_dict::{Dict, EntryRef, Match, Trigger};
use rasd_text::hash::fnv;
use std::collections::HashMap;

/// A trigger candidate of a text, for training.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// Character span of the trigger words in the text.
    pub start: usize,
    /// End of that span.
    pub end: usize,
    /// The PLOVER type it would code.
    pub kind: String,
    /// Its features.
    pub features: Vec<String>,
}

/// Keys that are hashes already.
#[derive(Default, Clone, Copy)]
struct Hashed(u64);

impl std::hash::Hasher for Hashed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, _: &[u8]) {
        unreachable!("only u64 keys")
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// A trained linear model over named sparse features.
#[derive(Debug, Clone, Default)]
pub struct Model {
    weights: HashMap<u64, f32, std::hash::BuildHasherDefault<Hashed>>,
    bias: f32,
}

/// Function words that negate what follows.
const NEGATIONS: &[&str] = &["لا", "لم", "لن", "ما", "ليس", "عدم", "دون", "غير"];
/// Words that make what follows a condition or a hypothesis.
const CONDITIONS: &[&str] = &["اذا", "لو", "ان", "حال", "حاله", "لولا", "كي", "لكي"];

impl Model {
    /// Reads a model file (`feature<TAB>weight` lines; `#` comments; the feature `__bias__`).
    pub fn parse(text: &str) -> Result<Model, String> {
        let mut m = Model::default();
        for (n, line) in text.lines().enumerate() {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (f, w) = line
                .rsplit_once('\t')
                .ok_or_else(|| format!("line {}: expected feature<TAB>weight", n + 1))?;
            let w: f32 = w
                .parse()
                .map_err(|_| format!("line {}: weight {w:?} is not a number", n + 1))?;
            if f == "__bias__" {
                m.bias = w;
            } else {
                m.weights.insert(fnv(f), w);
            }
        }
        Ok(m)
    }

    /// Whether the model has any weight (an empty model decides nothing).
    pub fn is_empty(&self) -> bool {
        self.weights.is_empty() && self.bias == 0.0
    }

    /// The probability that a candidate with these features is an event.
    pub fn prob(&self, feats: &[String]) -> f64 {
        let z: f32 = self.bias
            + feats
                .iter()
                .filter_map(|f| self.weights.get(&fnv(f)))
                .sum::<f32>();
        1.0 / (1.0 + (-z as f64).exp())
    }
}

/// Trains a logistic regression on `(features, label)` examples: `epochs` passes of stochastic
/// gradient descent in an order shuffled by a fixed `seed`, L2 penalty `l2`. Returns the model file's
/// text (features sorted, weights below 1e-4 dropped), so the same data gives the same file.
pub fn train(examples: &[(Vec<String>, bool)], epochs: usize, l2: f64, seed: u64) -> String {
    let mut index: HashMap<&str, usize> = HashMap::new();
    let mut names: Vec<&str> = Vec::new();
    let encoded: Vec<(Vec<usize>, f64)> = examples
        .iter()
        .map(|(fs, y)| {
            let mut ids: Vec<usize> = fs
                .iter()
                .map(|f| {
                    *index.entry(f.as_str()).or_insert_with(|| {
                        names.push(f.as_str());
                        names.len() - 1
                    })
                })
                .collect();
            ids.sort_unstable();
            ids.dedup();
            (ids, if *y { 1.0 } else { 0.0 })
        })
        .collect();
    let mut w = vec![0f64; names.len()];
    let mut b = 0f64;
    let mut order: Vec<usize> = (0..encoded.len()).collect();
    let mut state = seed.max(1);
    let mut rnd = move || {
        // xorshift64*
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        state.wrapping_mul(0x2545F4914F6CDD1D)
    };
    let n = encoded.len().max(1) as f64;
    for epoch in 0..epochs {
        for i in (1..order.len()).rev() {
            let j = (rnd() % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        let lr = 0.1 / (1.0 + epoch as f64 * 0.5);
        for &k in &order {
            let (ids, y) = &encoded[k];
            let z = b + ids.iter().map(|&i| w[i]).sum::<f64>();
            let p = 1.0 / (1.0 + (-z).exp());
            let g = p - y;
            b -= lr * g;
            for &i in ids {
                w[i] -= lr * (g + l2 * n * w[i] / n);
            }
        }
    }
    let mut rows: Vec<(&str, f64)> = names
        .iter()
        .zip(&w)
        .filter(|(_, w)| w.abs() >= 1e-4)
        .map(|(n, w)| (*n, *w))
        .collect();
    rows.sort_by(|a, b| a.0.cmp(b.0));
    let mut out = String::new();
    out.push_str(&format!("__bias__\t{b:.5}\n"));
    for (f, w) in rows {
        out.push_str(&format!("{f}\t{w:.5}\n"));
    }
    out
}

fn bucket(n: usize) -> &'static str {
    match n {
        0 => "0",
        1 => "1",
        2 => "2",
        3..=5 => "3-5",
        6..=10 => "6-10",
        _ => "11+",
    }
}

fn kind_name(k: &Kind) -> &'static str {
    match k {
        Kind::Person => "person",
        Kind::State => "state",
        Kind::Org => "org",
        Kind::Institution => "inst",
        Kind::Counterpart => "counterpart",
        Kind::Pair => "pair",
        Kind::OwnCountry => "own",
    }
}

/// Where features go: named (for training and the model file) or hashed straight from their parts
/// (when coding: no string is built). Both give the same hash for the same feature.
pub(crate) trait Sink {
    /// Adds the feature whose name is the concatenation of `parts`.
    fn add(&mut self, parts: &[&str]);
}

impl Sink for Vec<String> {
    fn add(&mut self, parts: &[&str]) {
        self.push(parts.concat());
    }
}

/// Features as the FNV-1a hashes of their names.
#[derive(Default)]
pub(crate) struct Hashes(pub Vec<u64>);

impl Sink for Hashes {
    fn add(&mut self, parts: &[&str]) {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for p in parts {
            for b in p.bytes() {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x0100_0000_01b3);
            }
        }
        self.0.push(h);
    }
}

impl Model {
    /// [`Model::prob`] over hashed features.
    pub(crate) fn prob_hashed(&self, feats: &[u64]) -> f64 {
        let z: f32 = self.bias
            + feats
                .iter()
                .filter_map(|f| self.weights.get(f))
                .sum::<f32>();
        1.0 / (1.0 + (-z as f64).exp())
    }
}

/// The features of a trigger candidate in its sentence, by name.
pub(crate) fn features(dict: &Dict, an: &Analysis, tm: &Match, trig: &Trigger) -> Vec<String> {
    let mut f: Vec<String> = Vec::with_capacity(48);
    features_into(dict, an, tm, trig, &mut f);
    f
}

/// The features of a trigger candidate, hashed.
pub(crate) fn feature_hashes(dict: &Dict, an: &Analysis, tm: &Match, trig: &Trigger) -> Vec<u64> {
    let mut f = Hashes(Vec::with_capacity(48));
    features_into(dict, an, tm, trig, &mut f);
    f.0
}

fn features_into<S: Sink>(dict: &Dict, an: &Analysis, tm: &Match, trig: &Trigger, f: &mut S) {
    let t = trig.kind.as_str();
    let si = an.sent_of[tm.first];
    let (s0, s1) = an.sentences[si];
    let word = |i: usize| an.tok_text(i);
    let lemma = match tm.lemma {
        Some(e) => format!(
            "{}/{}",
            dict.lexicon[e as usize].ar, dict.lexicon[e as usize].pos
        ),
        None => (tm.first..tm.last).map(word).collect::<Vec<_>>().join("_"),
    };
    let lemma = lemma.as_str();
    f.add(&["t=", t]);
    f.add(&["c=", &trig.cameo]);
    f.add(&["lem=", lemma, "|", t]);
    f.add(&["lem=", lemma]);
    f.add(&["pos=", &trig.pos, "|", t]);
    f.add(&["src=", if tm.lemma.is_some() { "lex" } else { "phrase" }]);
    let w0 = word(tm.first);
    f.add(&["w=", w0]);
    let bare = w0.trim_start_matches(['و', 'ف']);
    if trig.pos == "verb" && bare.starts_with(['ي', 'ت', 'ن']) {
        f.add(&["impf|", t]);
    }
    if tm.clitics.article {
        f.add(&["art|", t]);
    }
    if let Some(p) = tm.clitics.prep {
        let mut b = [0u8; 4];
        f.add(&["prep=", p.encode_utf8(&mut b), "|", t]);
    }
    if tm.clitics.conj {
        f.add(&["conj"]);
    }
    if tm.future {
        f.add(&["fut|", t]);
    }
    if tm.passive {
        f.add(&["pass|", t]);
    }
    let p1 = if tm.first > s0 {
        word(tm.first - 1)
    } else {
        "<s>"
    };
    let p2 = if tm.first > s0 + 1 {
        word(tm.first - 2)
    } else {
        "<s>"
    };
    let n1 = if tm.last < s1 { word(tm.last) } else { "</s>" };
    let n2 = if tm.last + 1 < s1 {
        word(tm.last + 1)
    } else {
        "</s>"
    };
    f.add(&["p1=", p1]);
    f.add(&["p2=", p2]);
    f.add(&["n1=", n1]);
    f.add(&["n2=", n2]);
    f.add(&["p1=", p1, "|", lemma]);
    f.add(&["n1=", n1, "|", lemma]);
    f.add(&["n1=", n1, "|", t]);
    f.add(&["p1=", p1, "|", t]);
    if (s0..tm.first).any(|i| NEGATIONS.contains(&an.tok_text(i))) && tm.first - s0 < 12 {
        f.add(&["neg_before|", t]);
    }
    if tm.first > s0 && NEGATIONS.contains(&p1) {
        f.add(&["neg1|", t]);
    }
    if (s0..tm.first).any(|i| CONDITIONS.contains(&an.tok_text(i))) {
        f.add(&["cond_before|", t]);
    }
    f.add(&["at=", bucket(tm.first - s0), "|", t]);
    f.add(&["len=", bucket((s1 - s0) / 5)]);
    // the actors around it
    let in_sent: Vec<_> = an
        .mentions
        .iter()
        .filter(|m| m.first >= s0 && m.first < s1)
        .collect();
    f.add(&["nm=", bucket(in_sent.len()), "|", t]);
    let before = in_sent.iter().rev().find(|m| m.last <= tm.first);
    let after = in_sent.iter().find(|m| m.first >= tm.last);
    match before {
        Some(m) => {
            f.add(&["mb=", kind_name(&m.kind), "|", t]);
            f.add(&["mbd=", bucket(tm.first - m.last), "|", t]);
        }
        None => f.add(&["mb=none|", t]),
    }
    match after {
        Some(m) => {
            f.add(&["ma=", kind_name(&m.kind), "|", t]);
            f.add(&["mad=", bucket(m.first - tm.last), "|", t]);
        }
        None => f.add(&["ma=none|", t]),
    }
    let mut states: Vec<&str> = in_sent
        .iter()
        .filter_map(|m| m.actor.country.as_deref())
        .collect();
    states.sort_unstable();
    states.dedup();
    f.add(&["ncountries=", bucket(states.len()), "|", t]);
    // another trigger in the sentence: «أعلن ... الهجوم»
    let others = an
        .triggers
        .iter()
        .filter(|m| m.first >= s0 && m.first < s1 && m.first != tm.first)
        .filter(|m| matches!(m.entry, EntryRef::Trigger(_)))
        .count();
    f.add(&["ntrig=", bucket(others)]);
    // the event words just after and before it («وقع ... مذكرة تفاهم», «أدان ... الهجوم»)
    let kind_of = |m: &Match| match m.entry {
        EntryRef::Trigger(k) => Some(dict.triggers[k].kind.as_str()),
        _ => None,
    };
    if let Some(k) = an
        .candidates
        .iter()
        .filter(|m| m.first >= tm.last && m.first < s1.min(tm.last + 8))
        .find_map(kind_of)
    {
        f.add(&["next_trig=", k, "|", t]);
        f.add(&["next_trig=", k, "|", lemma]);
    }
    if let Some(k) = an
        .candidates
        .iter()
        .rev()
        .filter(|m| m.last <= tm.first && m.first + 8 >= tm.first && m.first >= s0)
        .find_map(kind_of)
    {
        f.add(&["prev_trig=", k, "|", t]);
    }
    if (tm.last..s1.min(tm.last + 6)).any(|i| an.tok_text(i).chars().all(|c| c.is_ascii_digit())) {
        f.add(&["num_after|", t]);
    }
}

/// Prepositions that govern an argument («على», «مع», «ضد» …), as normalised words.
const PREPOSITIONS: &[&str] = &[
    "علي", "مع", "الي", "ضد", "من", "عن", "في", "بين", "لدي", "عبر", "بحق", "تجاه", "نحو", "قبل",
];

/// Whether a normalised word is a preposition that governs an argument.
pub(crate) fn is_preposition(w: &str) -> bool {
    PREPOSITIONS.contains(&w)
}

/// The argument candidates of one coded event, for training the role model: the trigger's character
/// span and type, and for each mention of its sentence its span and the features of it as source and
/// as target.
#[derive(Debug, Clone)]
pub struct RoleCase {
    /// Character span of the trigger.
    pub trigger: (usize, usize),
    /// PLOVER type coded.
    pub kind: String,
    /// The mentions of its sentence.
    pub mentions: Vec<RoleCandidate>,
}

/// One mention an event's source or target may be.
#[derive(Debug, Clone)]
pub struct RoleCandidate {
    /// Character span of the mention.
    pub span: (usize, usize),
    /// Its features as the source.
    pub source: Vec<String>,
    /// Its features as the target.
    pub target: Vec<String>,
}

/// The features of `m` as the `role` ("src" or "tgt") of the event of trigger `tm`, by name; `rule`
/// tells whether the hand rules chose it for that role.
pub(crate) fn role_features(
    dict: &Dict,
    an: &Analysis,
    tm: &Match,
    trig: &Trigger,
    m: &crate::mentions::Mention,
    rule: bool,
    role: &str,
) -> Vec<String> {
    let mut f = Vec::with_capacity(24);
    role_features_into(dict, an, tm, trig, m, rule, role, &mut f);
    f
}

/// [`role_features`], hashed.
pub(crate) fn role_feature_hashes(
    dict: &Dict,
    an: &Analysis,
    tm: &Match,
    trig: &Trigger,
    m: &crate::mentions::Mention,
    rule: bool,
    role: &str,
) -> Vec<u64> {
    let mut f = Hashes(Vec::with_capacity(24));
    role_features_into(dict, an, tm, trig, m, rule, role, &mut f);
    f.0
}

#[allow(clippy::too_many_arguments)]
fn role_features_into<S: Sink>(
    dict: &Dict,
    an: &Analysis,
    tm: &Match,
    trig: &Trigger,
    m: &crate::mentions::Mention,
    rule: bool,
    role: &str,
    f: &mut S,
) {
    let t = trig.kind.as_str();
    let si = an.sent_of[tm.first];
    let (s0, _) = an.sentences[si];
    let before = m.last <= tm.first;
    let side = if before { "B" } else { "A" };
    let dist = if before {
        tm.first - m.last
    } else {
        m.first.saturating_sub(tm.last)
    };
    let prev = if m.first > s0 {
        an.tok_text(m.first - 1)
    } else {
        "<s>"
    };
    let mut b = [0u8; 4];
    let prep: &str = match an.prep.get(m.first).copied().flatten() {
        Some(c) => c.encode_utf8(&mut b),
        None if PREPOSITIONS.contains(&prev) => prev,
        None => "-",
    };
    let (fs, ft) = match tm.lemma {
        Some(e) => (
            dict.lexicon[e as usize].source.as_str(),
            dict.lexicon[e as usize].target.as_str(),
        ),
        None => ("?", "?"),
    };
    let kind = kind_name(&m.kind);
    // the mentions between the trigger and this one, on its side
    let nth = an
        .mentions
        .iter()
        .filter(|o| {
            an.sent_of[o.first] == si
                && if before {
                    o.first >= m.last && o.last <= tm.first
                } else {
                    o.first >= tm.last && o.last <= m.first
                }
        })
        .count();
    let (lo, hi) = if before {
        (m.last, tm.first)
    } else {
        (tm.last, m.first)
    };
    let gap = |i: usize| an.gap_before(i);
    let comma = (lo..=hi.min(an.toks.len().saturating_sub(1)))
        .any(|i| i > lo && gap(i).contains([',', ';', ':']));
    let comp = (lo..hi)
        .map(|i| an.tok_text(i))
        .any(|w| matches!(w, "ان" | "انه" | "انها" | "الذي" | "التي" | "الذين"));
    let trig_between = an
        .triggers
        .iter()
        .any(|o| o.first > lo && o.first < hi && o.first != tm.first);
    let (d, n) = (bucket(dist), bucket(nth));
    f.add(&[role]);
    f.add(&[role, "|", side]);
    f.add(&[role, "|", side, "|d=", d]);
    f.add(&[role, "|", side, "|n=", n]);
    f.add(&[role, "|", side, "|k=", kind]);
    f.add(&[role, "|", side, "|sec=", &m.actor.sector]);
    f.add(&[role, "|", side, "|prep=", prep]);
    f.add(&[role, "|", side, "|prep=", prep, "|", t]);
    f.add(&[role, "|", side, "|", t]);
    f.add(&[role, "|", side, "|pos=", &trig.pos]);
    f.add(&[role, "|", side, "|pos=", &trig.pos, "|n=", n]);
    f.add(&[role, "|frame=", fs, "/", ft, "|", side, "|prep=", prep]);
    f.add(&[role, "|frame=", fs, "/", ft, "|", side, "|n=", n]);
    f.add(&[
        role,
        "|country=",
        if m.actor.country.is_some() {
            "true"
        } else {
            "false"
        },
    ]);
    if rule {
        f.add(&[role, "|rule"]);
        f.add(&[role, "|rule|", t]);
    }
    if tm.passive {
        f.add(&[role, "|pass|", side, "|prep=", prep]);
    }
    if !before && dist == 0 {
        f.add(&[role, "|adjacent|pos=", &trig.pos]);
    }
    if comma {
        f.add(&[role, "|", side, "|comma"]);
    }
    if comp {
        f.add(&[role, "|", side, "|comp"]);
    }
    if trig_between {
        f.add(&[role, "|", side, "|trig_between"]);
    }
    if let Some(e) = tm.lemma {
        f.add(&[
            role,
            "|lem=",
            &dict.lexicon[e as usize].ar,
            "|",
            side,
            "|prep=",
            prep,
        ]);
    }
}
