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

/// A trained linear model over named sparse features.
#[derive(Debug, Clone, Default)]
pub struct Model {
    weights: HashMap<u64, f32>,
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

/// The features of a trigger candidate in its sentence.
pub(crate) fn features(dict: &Dict, an: &Analysis, tm: &Match, trig: &Trigger) -> Vec<String> {
    let t = &trig.kind;
    let si = an.sent_of[tm.first];
    let (s0, s1) = an.sentences[si];
    let word = |i: usize| an.tok_text(i).to_string();
    let mut f: Vec<String> = Vec::with_capacity(40);
    let lemma = match tm.lemma {
        Some(e) => format!(
            "{}/{}",
            dict.lexicon[e as usize].ar, dict.lexicon[e as usize].pos
        ),
        None => (tm.first..tm.last).map(word).collect::<Vec<_>>().join("_"),
    };
    f.push(format!("t={t}"));
    f.push(format!("c={}", trig.cameo));
    f.push(format!("lem={lemma}|{t}"));
    f.push(format!("lem={lemma}"));
    f.push(format!("pos={}|{t}", trig.pos));
    f.push(format!(
        "src={}",
        if tm.lemma.is_some() { "lex" } else { "phrase" }
    ));
    let w0 = word(tm.first);
    f.push(format!("w={w0}"));
    let bare = w0.trim_start_matches(['و', 'ف']);
    if trig.pos == "verb" && bare.starts_with(['ي', 'ت', 'ن']) {
        f.push(format!("impf|{t}"));
    }
    if tm.clitics.article {
        f.push(format!("art|{t}"));
    }
    if let Some(p) = tm.clitics.prep {
        f.push(format!("prep={p}|{t}"));
    }
    if tm.clitics.conj {
        f.push("conj".into());
    }
    if tm.future {
        f.push(format!("fut|{t}"));
    }
    if tm.passive {
        f.push(format!("pass|{t}"));
    }
    let p1 = if tm.first > s0 {
        word(tm.first - 1)
    } else {
        "<s>".into()
    };
    let p2 = if tm.first > s0 + 1 {
        word(tm.first - 2)
    } else {
        "<s>".into()
    };
    let n1 = if tm.last < s1 {
        word(tm.last)
    } else {
        "</s>".into()
    };
    let n2 = if tm.last + 1 < s1 {
        word(tm.last + 1)
    } else {
        "</s>".into()
    };
    f.push(format!("p1={p1}"));
    f.push(format!("p2={p2}"));
    f.push(format!("n1={n1}"));
    f.push(format!("n2={n2}"));
    f.push(format!("p1={p1}|{lemma}"));
    f.push(format!("n1={n1}|{lemma}"));
    f.push(format!("n1={n1}|{t}"));
    f.push(format!("p1={p1}|{t}"));
    if (s0..tm.first).any(|i| NEGATIONS.contains(&an.tok_text(i))) && tm.first - s0 < 12 {
        f.push(format!("neg_before|{t}"));
    }
    if tm.first > s0 && NEGATIONS.contains(&p1.as_str()) {
        f.push(format!("neg1|{t}"));
    }
    if (s0..tm.first).any(|i| CONDITIONS.contains(&an.tok_text(i))) {
        f.push(format!("cond_before|{t}"));
    }
    f.push(format!("at={}|{t}", bucket(tm.first - s0)));
    f.push(format!("len={}", bucket((s1 - s0) / 5)));
    // the actors around it
    let in_sent: Vec<_> = an
        .mentions
        .iter()
        .filter(|m| m.first >= s0 && m.first < s1)
        .collect();
    f.push(format!("nm={}|{t}", bucket(in_sent.len())));
    let before = in_sent.iter().rev().find(|m| m.last <= tm.first);
    let after = in_sent.iter().find(|m| m.first >= tm.last);
    match before {
        Some(m) => {
            f.push(format!("mb={}|{t}", kind_name(&m.kind)));
            f.push(format!("mbd={}|{t}", bucket(tm.first - m.last)));
        }
        None => f.push(format!("mb=none|{t}")),
    }
    match after {
        Some(m) => {
            f.push(format!("ma={}|{t}", kind_name(&m.kind)));
            f.push(format!("mad={}|{t}", bucket(m.first - tm.last)));
        }
        None => f.push(format!("ma=none|{t}")),
    }
    let states: Vec<&str> = in_sent
        .iter()
        .filter_map(|m| m.actor.country.as_deref())
        .collect();
    let distinct = {
        let mut s = states.clone();
        s.sort();
        s.dedup();
        s.len()
    };
    f.push(format!("ncountries={}|{t}", bucket(distinct)));
    // another trigger right before: «أعلن ... الهجوم»
    let others = an
        .triggers
        .iter()
        .filter(|m| m.first >= s0 && m.first < s1 && m.first != tm.first)
        .filter_map(|m| match m.entry {
            EntryRef::Trigger(k) => Some(&dict.triggers[k].kind),
            _ => None,
        })
        .count();
    f.push(format!("ntrig={}", bucket(others)));
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
        f.push(format!("next_trig={k}|{t}"));
        f.push(format!("next_trig={k}|{lemma}"));
    }
    if let Some(k) = an
        .candidates
        .iter()
        .rev()
        .filter(|m| m.last <= tm.first && m.first + 8 >= tm.first && m.first >= s0)
        .find_map(kind_of)
    {
        f.push(format!("prev_trig={k}|{t}"));
    }
    if (tm.last..s1.min(tm.last + 6)).any(|i| an.tok_text(i).chars().all(|c| c.is_ascii_digit())) {
        f.push(format!("num_after|{t}"));
    }
    f
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

/// The features of `m` as the `role` ("src" or "tgt") of the event of trigger `tm`; `rule` tells
/// whether the hand rules chose it for that role.
pub(crate) fn role_features(
    dict: &Dict,
    an: &Analysis,
    tm: &Match,
    trig: &Trigger,
    m: &crate::mentions::Mention,
    rule: bool,
    role: &str,
) -> Vec<String> {
    let t = &trig.kind;
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
    let prep = match an.prep.get(m.first).copied().flatten() {
        Some(c) => c.to_string(),
        None if PREPOSITIONS.contains(&prev) => prev.to_string(),
        None => "-".to_string(),
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
    let words: Vec<&str> = (lo..hi).map(|i| an.tok_text(i)).collect();
    let gap = |i: usize| an.gap_before(i);
    let comma = (lo..=hi.min(an.toks.len().saturating_sub(1)))
        .any(|i| i > lo && gap(i).contains([',', ';', ':']));
    let comp = words
        .iter()
        .any(|w| matches!(*w, "ان" | "انه" | "انها" | "الذي" | "التي" | "الذين"));
    let trig_between = an
        .triggers
        .iter()
        .any(|o| o.first > lo && o.first < hi && o.first != tm.first);
    let mut f = vec![
        format!("{role}"),
        format!("{role}|{side}"),
        format!("{role}|{side}|d={}", bucket(dist)),
        format!("{role}|{side}|n={}", bucket(nth)),
        format!("{role}|{side}|k={kind}"),
        format!("{role}|{side}|sec={}", m.actor.sector),
        format!("{role}|{side}|prep={prep}"),
        format!("{role}|{side}|prep={prep}|{t}"),
        format!("{role}|{side}|{t}"),
        format!("{role}|{side}|pos={}", trig.pos),
        format!("{role}|{side}|pos={}|n={}", trig.pos, bucket(nth)),
        format!("{role}|frame={fs}/{ft}|{side}|prep={prep}"),
        format!("{role}|frame={fs}/{ft}|{side}|n={}", bucket(nth)),
        format!("{role}|country={}", m.actor.country.is_some()),
    ];
    if rule {
        f.push(format!("{role}|rule"));
        f.push(format!("{role}|rule|{t}"));
    }
    if tm.passive {
        f.push(format!("{role}|pass|{side}|prep={prep}"));
    }
    if !before && dist == 0 {
        f.push(format!("{role}|adjacent|pos={}", trig.pos));
    }
    if comma {
        f.push(format!("{role}|{side}|comma"));
    }
    if comp {
        f.push(format!("{role}|{side}|comp"));
    }
    if trig_between {
        f.push(format!("{role}|{side}|trig_between"));
    }
    if let Some(e) = tm.lemma {
        f.push(format!(
            "{role}|lem={}|{side}|prep={prep}",
            dict.lexicon[e as usize].ar
        ));
    }
    f
}
