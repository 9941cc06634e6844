//! Morphological analysis of unvocalised news Arabic: for each word, its segmentations into proclitics
//! (و ف ب ل ك س ال لل), stem and enclitic pronoun, and for each stem that inflects a lemma of the lexicon
//! the lemma and its features (derived form, aspect, person/gender/number, voice where the spelling shows
//! it, masdar, number of a noun).
//!
//! The analyser is built from lemmas plus paradigm rules ([`verb::paradigm`], [`noun::paradigm`]): a
//! lexicon entry is one lemma, every spelling of it is generated once at start-up into a table, and a
//! word is analysed by peeling clitics off and looking the rest up. Weak roots (hollow, defective,
//! assimilated, doubled, hamzated) are handled by the paradigm rules. Ambiguity is kept: [`Analyzer::analyze`]
//! returns every reading, ranked (fewer clitics first), and never guesses between them.
//! [`guess_verb`] reads the lemma of a verb the lexicon does not know from its shape alone (used to audit
//! the lexicon's coverage).
#![deny(missing_docs)]

mod feats;
mod norm;
pub mod noun;
pub mod verb;

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use rasd_text::hash::Fnv;

/// Tables keyed by short words (FNV-1a).
type WordMap<V> = HashMap<String, V, BuildHasherDefault<Fnv>>;

pub use feats::{Aspect, Feats, Gender, Number, Pos, Voice};
pub use norm::{is_letter, key};

/// One lemma of the lexicon, as the analyser needs it.
#[derive(Debug, Clone)]
pub struct Lemma {
    /// The lemma as written in the lexicon (a verb's perfect 3ms; a noun's singular).
    pub ar: String,
    /// Verb or noun.
    pub pos: Pos,
    /// A verb's derived form when the lexicon fixes it.
    pub form: Option<u8>,
    /// A verb's 3ms imperfect when the lexicon gives it.
    pub imperfect: Option<String>,
    /// A noun's broken plurals.
    pub plurals: Vec<String>,
}

impl Lemma {
    /// A lemma with nothing but its spelling and part of speech.
    pub fn new(ar: &str, pos: Pos) -> Lemma {
        Lemma {
            ar: ar.to_string(),
            pos,
            form: None,
            imperfect: None,
            plurals: Vec::new(),
        }
    }
}

/// A proclitic sequence and what it allows after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Pro {
    text: &'static str,
    /// holds the article: a noun with no pronoun suffix
    article: bool,
    /// holds ب or ك: a noun
    prep: bool,
    /// holds ل: a noun or an imperfect verb
    lam: bool,
    /// holds the future س: an imperfect verb
    future: bool,
}

const fn pro(text: &'static str, article: bool, prep: bool, lam: bool, future: bool) -> Pro {
    Pro {
        text,
        article,
        prep,
        lam,
        future,
    }
}

/// Proclitic sequences, in the analyser's spelling.
const PROCLITICS: &[Pro] = &[
    pro("", false, false, false, false),
    pro("و", false, false, false, false),
    pro("ف", false, false, false, false),
    pro("ب", false, true, false, false),
    pro("ك", false, true, false, false),
    pro("ل", false, false, true, false),
    pro("س", false, false, false, true),
    pro("ال", true, false, false, false),
    pro("لل", true, false, true, false),
    pro("وال", true, false, false, false),
    pro("فال", true, false, false, false),
    pro("بال", true, true, false, false),
    pro("كال", true, true, false, false),
    pro("ولل", true, false, true, false),
    pro("فلل", true, false, true, false),
    pro("وب", false, true, false, false),
    pro("فب", false, true, false, false),
    pro("وك", false, true, false, false),
    pro("ول", false, false, true, false),
    pro("فل", false, false, true, false),
    pro("وس", false, false, false, true),
    pro("فس", false, false, false, true),
    pro("وبال", true, true, false, false),
    pro("فبال", true, true, false, false),
    pro("وكال", true, true, false, false),
];

/// Pronoun suffixes (object of a verb, possessor of a noun), longest first.
const ENCLITICS: &[&str] = &[
    "هما", "كما", "ها", "هم", "هن", "كم", "كن", "نا", "ني", "ه", "ك", "ي",
];

/// One reading of a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Analysis {
    /// Index of the lemma in the analyser ([`Analyzer::lemma`]).
    pub lemma: u32,
    /// The proclitics peeled off, in the analyser's spelling («وبال»), or "".
    pub proclitic: &'static str,
    /// The pronoun suffix peeled off, or "".
    pub enclitic: &'static str,
    /// What the stem says.
    pub feats: Feats,
    /// The stem was found only by restoring a hamza the text left off the first alef («اعلن»).
    pub relaxed: bool,
    /// Rank: higher is more likely (fewer clitics, spelling as the lexicon writes it).
    pub score: i16,
}

impl Analysis {
    /// Whether the word carries the future prefix «س».
    pub fn future(&self) -> bool {
        self.proclitic.ends_with('س')
    }
}

/// The analyser: every spelling of every lemma, generated once.
#[derive(Debug, Default)]
pub struct Analyzer {
    lemmas: Vec<Lemma>,
    table: WordMap<Vec<(u32, Feats)>>,
}

impl Analyzer {
    /// Builds the table of spellings for `lemmas`.
    pub fn new(lemmas: Vec<Lemma>) -> Analyzer {
        let mut table: WordMap<Vec<(u32, Feats)>> = WordMap::default();
        for (i, l) in lemmas.iter().enumerate() {
            let forms = match l.pos {
                Pos::Verb => verb::paradigm(&l.ar, l.form, l.imperfect.as_deref()),
                Pos::Noun => noun::paradigm(&l.ar, &l.plurals, 0, false),
            };
            for (spelling, f) in forms {
                let v = table.entry(spelling).or_default();
                if !v.contains(&(i as u32, f)) {
                    v.push((i as u32, f));
                }
            }
        }
        Analyzer { lemmas, table }
    }

    /// The lemma of an analysis.
    pub fn lemma(&self, id: u32) -> &Lemma {
        &self.lemmas[id as usize]
    }

    /// Number of lemmas.
    pub fn len(&self) -> usize {
        self.lemmas.len()
    }

    /// Whether there are no lemmas.
    pub fn is_empty(&self) -> bool {
        self.lemmas.is_empty()
    }

    /// Number of distinct generated spellings.
    pub fn spellings(&self) -> usize {
        self.table.len()
    }

    /// Every reading of `word` (as written in the text), best first.
    pub fn analyze(&self, word: &str) -> Vec<Analysis> {
        let k = key(word);
        let mut out: Vec<Analysis> = Vec::new();
        if k.chars().count() < 2 || !k.chars().all(is_letter) {
            return out;
        }
        for p in PROCLITICS {
            let Some(rest) = k.strip_prefix(p.text) else {
                continue;
            };
            for enc in std::iter::once(&"").chain(ENCLITICS.iter()) {
                let Some(core) = rest.strip_suffix(enc) else {
                    continue;
                };
                if core.chars().count() < 2 || (p.article && !enc.is_empty()) {
                    continue;
                }
                let mut cores: Vec<String> = vec![core.to_string()];
                if !enc.is_empty() {
                    // «اتهموه» ← «اتهموا», «التقاه» ← «التقى», «زيارته» ← «زيارة»
                    if core.ends_with('و') {
                        cores.push(format!("{core}ا"));
                    }
                    if let Some(c) = core.strip_suffix('ا') {
                        cores.push(format!("{c}ي"));
                    }
                    if let Some(c) = core.strip_suffix('ت') {
                        cores.push(format!("{c}ة"));
                    }
                }
                for c in &cores {
                    self.lookup(c, p, enc, false, &mut out);
                    if let Some(r) = c.strip_prefix('ا') {
                        self.lookup(&format!("أ{r}"), p, enc, true, &mut out);
                    }
                }
            }
        }
        out.sort_by_key(|a| std::cmp::Reverse(a.score));
        let mut seen = Vec::new();
        out.retain(|a| {
            let k = (a.lemma, a.feats, a.proclitic, a.enclitic);
            if seen.contains(&k) {
                false
            } else {
                seen.push(k);
                true
            }
        });
        out
    }

    fn lookup(
        &self,
        core: &str,
        p: &Pro,
        enc: &'static str,
        relaxed: bool,
        out: &mut Vec<Analysis>,
    ) {
        let Some(hits) = self.table.get(core) else {
            return;
        };
        for &(lemma, feats) in hits {
            let verb = feats.pos == Pos::Verb;
            let imperfect = feats.aspect == Some(Aspect::Imperfect);
            if (p.article || p.prep) && verb
                || p.future && (!imperfect || feats.jussive)
                || p.lam && verb && !imperfect
                || enc == "ي" && verb
                || enc == "ني" && !verb
            {
                continue;
            }
            let clitics = p.text.chars().count() + enc.chars().count().min(1);
            let score = 100 - 3 * clitics as i16 - if relaxed { 2 } else { 0 }
                + if feats.masdar { -1 } else { 0 }
                + if feats.jussive { -1 } else { 0 }
                + if feats.unsure { -1 } else { 0 };
            out.push(Analysis {
                lemma,
                proclitic: p.text,
                enclitic: enc,
                feats,
                relaxed,
                score,
            });
        }
    }
}

/// A per-document (or per-run) cache of analyses by word.
#[derive(Debug, Default)]
pub struct Cache {
    map: WordMap<Vec<Analysis>>,
}

impl Cache {
    /// An empty cache.
    pub fn new() -> Cache {
        Cache::default()
    }

    /// The readings of `word`, computed once per distinct word.
    pub fn analyze<'a>(&'a mut self, an: &Analyzer, word: &str) -> &'a [Analysis] {
        if !self.map.contains_key(word) {
            let a = an.analyze(word);
            return self.map.entry(word.to_string()).or_insert(a);
        }
        &self.map[word]
    }

    /// Number of distinct words analysed.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether nothing was analysed yet.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

mod guess;
pub use guess::guess_verb;

#[cfg(test)]
mod tests;
