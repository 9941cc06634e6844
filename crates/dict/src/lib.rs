//! The dictionaries of rasd — countries, places, organisations, titles, office-holders and event
//! triggers — loaded from the TOML files of `data/dict` (embedded at build time, extendable at run
//! time), and a matcher that finds their entries in a normalised text.
//!
//! Matching works on word tokens of [`rasd_text`]: each text token is tried with its proclitics
//! removed (و ف ب ل ك ال), multi-word entries match token by token, and names of people, places and
//! organisations also match loosely through [`rasd_text::skeleton`] (ج/غ/ق, optional long vowels), so
//! «شى جين بينج» finds the entry written «شي جين بينغ».
#![deny(missing_docs)]

mod model;
pub use model::*;

use rasd_text::hash::{fnv, FastMap};
use rasd_text::{clitic_forms, normalize, skeleton, tokens, Clitics, Token};
use std::collections::HashMap;
use std::path::Path;

include!(concat!(env!("OUT_DIR"), "/embedded.rs"));

/// A dictionary file that could not be read or parsed.
#[derive(Debug, Clone)]
pub struct DictError {
    /// The file.
    pub file: String,
    /// What is wrong with it.
    pub message: String,
}

impl std::fmt::Display for DictError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.file, self.message)
    }
}
impl std::error::Error for DictError {}

/// What a dictionary match refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntryRef {
    /// A country by name («الصين»).
    Country(usize),
    /// A country adjective («الصيني», «الصينية»).
    CountryAdj(usize),
    /// A country's capital used as its name («قالت بكين»), index of the country.
    Capital(usize),
    /// A place of the gazetteer.
    Place(usize),
    /// An organisation.
    Org(usize),
    /// A person by full name.
    Person(usize),
    /// A person by a short form listed as safe.
    PersonShort(usize),
    /// A title or institution pattern.
    Title(usize),
    /// An honorific that may precede a name.
    Honorific,
    /// A word that refers back to actors already named.
    Generic(usize),
    /// An event trigger.
    Trigger(usize),
}

/// One match of a dictionary entry in a token sequence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    /// Index of the first token.
    pub first: usize,
    /// Index one past the last token.
    pub last: usize,
    /// What was matched.
    pub entry: EntryRef,
    /// Matched through the loose name key rather than exactly.
    pub fuzzy: bool,
    /// Proclitics found on the first token.
    pub clitics: Clitics,
    /// The first token carried the future prefix «س».
    pub future: bool,
    /// The trigger's spelling is a passive one («اغتيل», «قيل»): its subject is the target.
    pub passive: bool,
    /// The trigger's word carries a pronoun suffix («احتجازهم»): its possessor is that pronoun.
    pub enclitic: bool,
    /// The lexicon lemma (index into [`Dict::lexicon`]) a trigger was analysed as, if any.
    pub lemma: Option<u32>,
}

struct Entry {
    keys: Vec<String>,
    skels: Vec<String>,
    target: EntryRef,
    fuzzy_ok: bool,
    /// One word of a list of verbs none of whose forms is written with the article: the article
    /// and the prepositions «ب», «ك» never attach to it («الوصل» is no «وصل»).
    bare_verb: bool,
}

/// All dictionaries, indexed for matching.
pub struct Dict {
    /// Countries.
    pub countries: Vec<Country>,
    /// Gazetteer.
    pub places: Vec<Place>,
    /// Organisations and institutions.
    pub orgs: Vec<Org>,
    /// Office-holders and other people.
    pub people: Vec<Person>,
    /// Titles and institution patterns.
    pub titles: Vec<Title>,
    /// Back-referring words.
    pub generics: Vec<Generic>,
    /// Event triggers.
    pub triggers: Vec<Trigger>,
    /// National news agencies and their states.
    pub agencies: Vec<Agency>,
    /// The event lexicon: one entry per lemma (`data/lexicon`).
    pub lexicon: Vec<LexLemma>,
    /// Verb lemmas decided as not events.
    pub not_events: Vec<String>,
    /// Actors standing in roles the text leaves unnamed, by event type.
    pub defaults: Vec<DefaultActor>,
    /// Casualty words and numbers in words, normalised: (killed, injured, numbers).
    pub casualty_words: (Vec<String>, Vec<String>, HashMap<String, u32>),
    /// The morphological analyser over the lexicon's lemmas and the not-event lemmas.
    pub analyzer: rasd_morph::Analyzer,
    /// A number no other `Dict` of this process has: analyses cached per word are keyed by it.
    pub instance: u64,
    /// For each analyser lemma, the lexicon entries it is the lemma of (none for not-event lemmas).
    lemma_entries: Vec<Vec<usize>>,
    /// For each lexicon entry, the trigger it codes as written (verb or noun), and for a verb the
    /// trigger of its masdar.
    lex_trigger: Vec<(usize, usize)>,
    /// For each lexicon entry, the keys of its `with` words, of its `except` words and of its `needs`.
    lex_keys: Vec<(Vec<String>, Vec<String>, String)>,
    entries: Vec<Entry>,
    exact: FastMap<String, Vec<usize>>,
    loose: FastMap<String, Vec<usize>>,
    /// entries of several words, by the hashes of their first two keys
    exact2: FastMap<(u64, u64), Vec<usize>>,
    loose2: FastMap<(u64, u64), Vec<usize>>,
    iso: HashMap<String, usize>,
    place_by_name: HashMap<String, usize>,
    /// gazetteer places by their Arabic words (the keys of [`form_keys`], joined by a space)
    place_by_words: HashMap<String, usize>,
    /// agencies' names (normalised) → their state's country index
    agency_by_name: HashMap<String, usize>,
    org_by_id: HashMap<String, usize>,
    person_by_id: HashMap<String, usize>,
}

#[derive(Default)]
struct Files {
    countries: Vec<Country>,
    places: Vec<Place>,
    orgs: Vec<Org>,
    people: Vec<Person>,
    titles: Vec<Title>,
    honorifics: Vec<Honorific>,
    generics: Vec<Generic>,
    triggers: Vec<Trigger>,
    agencies: Vec<Agency>,
    lemmas: Vec<LexLemma>,
    not_events: Vec<NotEvent>,
    defaults: Vec<DefaultActor>,
    casualties: Casualties,
}

impl Files {
    fn add(&mut self, name: &str, text: &str) -> Result<(), DictError> {
        let f: FileModel = toml::from_str(text).map_err(|e| DictError {
            file: name.to_string(),
            message: e.to_string(),
        })?;
        self.countries.extend(f.country);
        self.places.extend(f.place);
        self.orgs.extend(f.org);
        self.people.extend(f.person);
        self.titles.extend(f.title);
        self.honorifics.extend(f.honorific);
        self.generics.extend(f.generic);
        self.triggers.extend(f.trigger);
        self.agencies.extend(f.agency);
        for l in &f.lemma {
            if l.pos != "verb" && l.pos != "noun" {
                return Err(DictError {
                    file: name.to_string(),
                    message: format!(
                        "lemma «{}»: pos must be \"verb\" or \"noun\", not {:?}",
                        l.ar, l.pos
                    ),
                });
            }
        }
        self.lemmas.extend(f.lemma);
        self.not_events.extend(f.not_event);
        for d in &f.default_actor {
            if d.role != "source" && d.role != "target" {
                return Err(DictError {
                    file: name.to_string(),
                    message: format!(
                        "default for {}: role must be \"source\" or \"target\"",
                        d.kind
                    ),
                });
            }
        }
        self.defaults.extend(f.default_actor);
        if let Some(c) = f.casualties {
            self.casualties.killed.extend(c.killed);
            self.casualties.injured.extend(c.injured);
            self.casualties.numbers.extend(c.numbers);
        }
        Ok(())
    }
}

/// Whether a word carries a hamza after its first letter (which [`normalize`] writes away).
fn hamza_inside(w: &str) -> bool {
    w.chars()
        .skip(1)
        .any(|c| matches!(c, 'أ' | 'إ' | 'ئ' | 'ؤ' | 'ء'))
}

/// The normalised, article-stripped keys of a dictionary form, with «عبد ال…» joined.
pub fn form_keys(form: &str) -> Vec<String> {
    let n = normalize(form);
    let toks = tokens(&n);
    let mut keys: Vec<String> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let t = toks[i].text(&n);
        if t == "عبد" && i + 1 < toks.len() {
            let joined = format!("عبد{}", toks[i + 1].text(&n));
            keys.push(joined);
            i += 2;
            continue;
        }
        let k = clitic_forms(t)
            .into_iter()
            .next()
            .map(|(f, _)| f)
            .unwrap_or_else(|| t.to_string());
        keys.push(k);
        i += 1;
    }
    keys
}

/// An agency's name as looked up: normalised, without the slashes and parentheses of datelines.
fn agency_key(name: &str) -> String {
    normalize(name)
        .replace(['/', '(', ')'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The indefinite accusative of a noun phrase with no article: the first word with the alef of
/// its tanween («اجتماع» → «اجتماعا»), and every word with it («اتصال هاتفي» → «اتصالا هاتفيا»).
/// Words ending in ة, ا, ى, ء or و take no alef.
pub fn accusative_forms(form: &str) -> Vec<String> {
    let takes = |w: &str| {
        !w.starts_with("ال")
            && w.chars().count() >= 3
            && !w.ends_with(['ا', 'ة', 'ه', 'ى', 'و', 'ء', 'أ', 'إ', 'آ', 'ً'])
    };
    let words: Vec<&str> = form.split_whitespace().collect();
    let Some(first) = words.first() else {
        return Vec::new();
    };
    if !takes(first) {
        return Vec::new();
    }
    let mut out = vec![std::iter::once(format!("{first}ا"))
        .chain(words[1..].iter().map(|w| w.to_string()))
        .collect::<Vec<_>>()
        .join(" ")];
    if words.len() > 1 {
        let all = words
            .iter()
            .map(|w| {
                if takes(w) {
                    format!("{w}ا")
                } else {
                    w.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join(" ");
        if all != out[0] {
            out.push(all);
        }
    }
    out
}

/// A token form as written (clitics removed).
pub const PLAIN: u8 = 0;
/// A verb form with the future prefix «س» removed.
pub const FUTURE: u8 = 1;
/// A verb form with an object pronoun («ها», «هم», «هما», «كم») removed.
pub const SUFFIXED: u8 = 2;

/// The match forms of every token of a text: clitic-stripped forms (with the future prefix «س» of
/// verbs as a separate form) and their loose skeletons. Computed once per text.
#[derive(Debug, Clone, Default)]
pub struct TokenForms {
    forms: Vec<Vec<(String, Clitics, u8)>>,
    skels: Vec<Vec<String>>,
    /// FNV hashes of the plain forms and of their skeletons (for the second word of a name)
    hashes: Vec<Vec<(u64, u64)>>,
}

impl TokenForms {
    /// The forms of `toks` (tokens of the normalised text `norm`).
    pub fn new(norm: &str, toks: &[Token]) -> Self {
        let forms: Vec<Vec<(String, Clitics, u8)>> = toks
            .iter()
            .map(|t| {
                let text = t.text(norm);
                let mut v: Vec<(String, Clitics, u8)> = clitic_forms(text)
                    .into_iter()
                    .map(|(f, c)| (f, c, PLAIN))
                    .collect();
                // an object pronoun on a verb: «اتهمها» → «اتهم», «استقبلهم» → «استقبل» (triggers only)
                let plain = v.len();
                for k in 0..plain {
                    let (f, c) = (v[k].0.clone(), v[k].1);
                    if let Some(stem) = ["هما", "ها", "هم", "كم"]
                        .iter()
                        .find_map(|suf| f.strip_suffix(suf))
                    {
                        if stem.chars().count() >= 3 {
                            v.push((stem.to_string(), c, SUFFIXED));
                        }
                    }
                }
                // future prefix س on imperfective verbs: سيزور → يزور
                let lit: Vec<char> = text.chars().collect();
                let base = if matches!(lit.first(), Some('و') | Some('ف')) {
                    1
                } else {
                    0
                };
                if lit.len() > base + 3
                    && lit[base] == 'س'
                    && matches!(lit[base + 1], 'ي' | 'ت' | 'ن' | 'ا')
                {
                    let s: String = lit[base + 1..].iter().collect();
                    v.push((
                        s,
                        Clitics {
                            conj: base == 1,
                            ..Default::default()
                        },
                        FUTURE,
                    ));
                }
                v
            })
            .collect();
        let skels: Vec<Vec<String>> = forms
            .iter()
            .map(|fs| fs.iter().map(|(f, _, _)| skeleton(f)).collect())
            .collect();
        let hashes = forms
            .iter()
            .zip(&skels)
            .map(|(fs, ss)| {
                fs.iter()
                    .zip(ss)
                    .filter(|((_, _, k), _)| *k == PLAIN)
                    .map(|((f, _, _), sk)| (fnv(f), fnv(sk)))
                    .collect()
            })
            .collect();
        TokenForms {
            forms,
            skels,
            hashes,
        }
    }

    /// The forms of token `i`: (form, its clitics, [`PLAIN`], [`FUTURE`] (the prefix «س» removed) or
    /// [`SUFFIXED`] (an object pronoun removed); the last two match triggers only).
    pub fn forms(&self, i: usize) -> &[(String, Clitics, u8)] {
        &self.forms[i]
    }

    /// The loose skeletons of token `i`'s forms, in the same order.
    pub fn skeletons(&self, i: usize) -> &[String] {
        &self.skels[i]
    }
}

impl Dict {
    /// The dictionaries embedded in the binary.
    pub fn embedded() -> Result<Dict, DictError> {
        let mut files = Files::default();
        for (name, text) in EMBEDDED {
            files.add(name, text)?;
        }
        Ok(Dict::build(files))
    }

    /// The embedded dictionaries plus every `*.toml` file of `dir` (recursively), for user additions.
    pub fn with_extra_dir(dir: &Path) -> Result<Dict, DictError> {
        let mut files = Files::default();
        for (name, text) in EMBEDDED {
            files.add(name, text)?;
        }
        let mut stack = vec![dir.to_path_buf()];
        while let Some(d) = stack.pop() {
            let rd = std::fs::read_dir(&d).map_err(|e| DictError {
                file: d.display().to_string(),
                message: e.to_string(),
            })?;
            let mut paths: Vec<_> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
            paths.sort();
            for p in paths {
                if p.is_dir() {
                    stack.push(p);
                } else if p.extension().is_some_and(|e| e == "toml") {
                    let text = std::fs::read_to_string(&p).map_err(|e| DictError {
                        file: p.display().to_string(),
                        message: e.to_string(),
                    })?;
                    files.add(&p.display().to_string(), &text)?;
                }
            }
        }
        Ok(Dict::build(files))
    }

    /// Parse dictionaries from `(name, toml text)` pairs only (no embedded data); for tests and tools.
    pub fn from_sources(sources: &[(&str, &str)]) -> Result<Dict, DictError> {
        let mut files = Files::default();
        for (name, text) in sources {
            files.add(name, text)?;
        }
        Ok(Dict::build(files))
    }

    fn build(f: Files) -> Dict {
        let mut d = Dict {
            countries: f.countries,
            places: f.places,
            orgs: f.orgs,
            people: f.people,
            titles: f.titles,
            generics: f.generics,
            triggers: f.triggers,
            agencies: f.agencies,
            lexicon: f.lemmas,
            not_events: f.not_events.iter().flat_map(|n| n.ar.clone()).collect(),
            defaults: f.defaults,
            casualty_words: (
                f.casualties.killed.iter().map(|w| normalize(w)).collect(),
                f.casualties.injured.iter().map(|w| normalize(w)).collect(),
                f.casualties
                    .numbers
                    .iter()
                    .map(|(w, n)| (normalize(w), *n))
                    .collect(),
            ),
            analyzer: rasd_morph::Analyzer::default(),
            instance: {
                static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
                NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
            },
            lemma_entries: Vec::new(),
            lex_trigger: Vec::new(),
            lex_keys: Vec::new(),
            entries: Vec::new(),
            exact: FastMap::default(),
            loose: FastMap::default(),
            exact2: FastMap::default(),
            loose2: FastMap::default(),
            iso: HashMap::new(),
            place_by_name: HashMap::new(),
            place_by_words: HashMap::new(),
            agency_by_name: HashMap::new(),
            org_by_id: HashMap::new(),
            person_by_id: HashMap::new(),
        };
        let add = |d: &mut Dict, form: &str, target: EntryRef, fuzzy_ok: bool| {
            let keys = form_keys(form);
            if keys.is_empty() {
                return;
            }
            let skels: Vec<String> = keys.iter().map(|k| skeleton(k)).collect();
            let id = d.entries.len();
            if keys.len() == 1 {
                d.exact.entry(keys[0].clone()).or_default().push(id);
            } else {
                d.exact2
                    .entry((fnv(&keys[0]), fnv(&keys[1])))
                    .or_default()
                    .push(id);
            }
            // Loose matching is for transliterated foreign names: several words of a person's or a
            // place's name, or a single long place name (شنغهاي / شانغهاي). Names made of Arabic
            // words (ministries, states) must match exactly, or «وزير» would match «وزارة».
            let longest = skels.iter().map(|s| s.chars().count()).max().unwrap_or(0);
            let foreign = matches!(
                target,
                EntryRef::Person(_) | EntryRef::Place(_) | EntryRef::Capital(_)
            );
            let fuzzy_ok = fuzzy_ok
                && foreign
                && if keys.len() > 1 {
                    longest >= 3
                } else {
                    longest >= 4 && matches!(target, EntryRef::Place(_) | EntryRef::Capital(_))
                };
            if fuzzy_ok {
                if keys.len() == 1 {
                    d.loose.entry(skels[0].clone()).or_default().push(id);
                } else {
                    d.loose2
                        .entry((fnv(&skels[0]), fnv(&skels[1])))
                        .or_default()
                        .push(id);
                }
            }
            // (a list of verbs may hold a masdar, written with its article: «العدوان»)
            let bare_verb = keys.len() == 1
                && matches!(target, EntryRef::Trigger(t)
                    if d.triggers[t].pos == "verb"
                        && !d.triggers[t].ar.iter().any(|f| f.starts_with("ال")));
            d.entries.push(Entry {
                keys,
                skels,
                target,
                fuzzy_ok,
                bare_verb,
            });
        };
        for i in 0..d.countries.len() {
            d.iso.insert(d.countries[i].iso3.clone(), i);
            for a in d.countries[i].ar.clone() {
                add(&mut d, &a, EntryRef::Country(i), true);
            }
            for a in d.countries[i].adj.clone() {
                add(&mut d, &a, EntryRef::CountryAdj(i), false);
                // the indefinite accusative of a nisba: «ناشطا فلسطينيا»
                if a.ends_with('ي') && !a.contains(' ') {
                    add(&mut d, &format!("{a}ا"), EntryRef::CountryAdj(i), false);
                }
            }
            for a in d.countries[i].capital_ar.clone() {
                add(&mut d, &a, EntryRef::Capital(i), true);
            }
        }
        for a in &d.agencies {
            if let Some(&c) = d.iso.get(&a.country) {
                for f in &a.ar {
                    d.agency_by_name.entry(agency_key(f)).or_insert(c);
                }
            }
        }
        for i in 0..d.places.len() {
            d.place_by_name
                .entry(d.places[i].name.to_lowercase())
                .or_insert(i);
            for a in d.places[i].ar.clone() {
                d.place_by_words.entry(form_keys(&a).join(" ")).or_insert(i);
                add(&mut d, &a, EntryRef::Place(i), true);
            }
        }
        for i in 0..d.orgs.len() {
            d.org_by_id.insert(d.orgs[i].id.clone(), i);
            for a in d.orgs[i].ar.clone() {
                add(&mut d, &a, EntryRef::Org(i), true);
            }
        }
        for i in 0..d.people.len() {
            d.person_by_id.entry(d.people[i].id.clone()).or_insert(i);
            for a in d.people[i].ar.clone() {
                add(&mut d, &a, EntryRef::Person(i), true);
            }
            for a in d.people[i].short.clone() {
                add(&mut d, &a, EntryRef::PersonShort(i), true);
            }
        }
        for i in 0..d.titles.len() {
            for a in d.titles[i].ar.clone() {
                add(&mut d, &a, EntryRef::Title(i), false);
            }
        }
        for h in &f.honorifics {
            for a in &h.ar {
                add(&mut d, a, EntryRef::Honorific, false);
            }
        }
        for i in 0..d.generics.len() {
            for a in d.generics[i].ar.clone() {
                add(&mut d, &a, EntryRef::Generic(i), false);
            }
        }
        d.build_lexicon();
        for i in 0..d.triggers.len() {
            let noun = d.triggers[i].pos == "noun";
            for a in d.triggers[i].ar.clone() {
                // a single word whose hamza the normalised form loses is found through the analyser,
                // which keeps it, when the lexicon has its lemma («هنأ» is not «هنا»)
                if !a.trim().contains(' ')
                    && hamza_inside(&a)
                    && d.lexicon_covers(&a, &d.triggers[i].kind)
                {
                    continue;
                }
                add(&mut d, &a, EntryRef::Trigger(i), false);
                // a noun in the indefinite accusative carries an alef: «عقد اجتماعاً», «أجرى اتصالاً»
                if noun {
                    for v in accusative_forms(&a) {
                        add(&mut d, &v, EntryRef::Trigger(i), false);
                    }
                }
            }
        }
        d
    }

    fn build_lexicon(&mut self) {
        let mut lemmas: Vec<rasd_morph::Lemma> = Vec::new();
        let mut by_key: HashMap<(String, rasd_morph::Pos, Option<u8>), usize> = HashMap::new();
        let mut entries: Vec<Vec<usize>> = Vec::new();
        let mut lex_trigger = Vec::new();
        for (i, l) in self.lexicon.iter().enumerate() {
            let pos = if l.pos == "verb" {
                rasd_morph::Pos::Verb
            } else {
                rasd_morph::Pos::Noun
            };
            let k = (l.ar.clone(), pos, l.form);
            let id = *by_key.entry(k).or_insert_with(|| {
                lemmas.push(rasd_morph::Lemma {
                    ar: l.ar.clone(),
                    pos,
                    form: l.form,
                    imperfect: l.imperfect.clone(),
                    plurals: l.plural.clone(),
                });
                entries.push(Vec::new());
                lemmas.len() - 1
            });
            entries[id].push(i);
            let trig = |pos: &str| Trigger {
                kind: l.kind.clone(),
                cameo: l.cameo.clone(),
                mode: l.mode.clone(),
                pos: pos.to_string(),
                host: l.host,
                arrive: l.arrive,
                speech: l.speech,
                invite: l.invite,
                ar: Vec::new(),
            };
            let t = self.triggers.len();
            self.triggers.push(trig(&l.pos));
            let m = if l.pos == "verb" {
                self.triggers.push(trig("noun"));
                t + 1
            } else {
                t
            };
            lex_trigger.push((t, m));
        }
        for ne in &self.not_events {
            let k = (ne.clone(), rasd_morph::Pos::Verb, None);
            if let std::collections::hash_map::Entry::Vacant(v) = by_key.entry(k) {
                lemmas.push(rasd_morph::Lemma::new(ne, rasd_morph::Pos::Verb));
                entries.push(Vec::new());
                v.insert(lemmas.len() - 1);
            }
        }
        self.lex_keys = self
            .lexicon
            .iter()
            .map(|l| {
                (
                    l.with.as_deref().map(form_keys).unwrap_or_default(),
                    l.except.iter().map(|x| form_keys(x).join(" ")).collect(),
                    l.needs.as_deref().map(normalize).unwrap_or_default(),
                )
            })
            .collect();
        self.analyzer = rasd_morph::Analyzer::new(lemmas);
        self.lemma_entries = entries;
        self.lex_trigger = lex_trigger;
    }

    /// Whether `word` analyses as a lexicon lemma coding an event of type `kind`.
    fn lexicon_covers(&self, word: &str, kind: &str) -> bool {
        self.analyzer.analyze(word).iter().any(|a| {
            self.lemma_entries[a.lemma as usize]
                .iter()
                .any(|&e| self.lexicon[e].kind == kind)
        })
    }

    /// The lexicon entries that `a` is a reading of, with the trigger each codes: a verb lemma's
    /// masdar codes its noun trigger; a reading of another part of speech codes nothing.
    pub fn lexicon_readings(&self, a: &rasd_morph::Analysis) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for &e in &self.lemma_entries[a.lemma as usize] {
            let (t, m) = self.lex_trigger[e];
            let verb_entry = self.lexicon[e].pos == "verb";
            match (verb_entry, a.feats.pos, a.feats.masdar) {
                (true, rasd_morph::Pos::Verb, _) => out.push((e, t)),
                (true, rasd_morph::Pos::Noun, true) => out.push((e, m)),
                (false, rasd_morph::Pos::Noun, _) => out.push((e, t)),
                _ => {}
            }
        }
        out
    }

    /// Event triggers found through the analyser: every token (`words`, as written in the original
    /// text, with `keys` their normalised forms) with a reading that is a lexicon lemma of a matching
    /// part of speech. A light verb («شن») needs its noun right after it and spans both words.
    pub fn scan_lemmas(
        &self,
        words: &[&str],
        keys: &[&str],
        cache: &mut rasd_morph::Cache,
    ) -> Vec<Match> {
        let mut out = Vec::new();
        for (i, w) in words.iter().enumerate() {
            // a word the dictionaries know as a name or a title is not a verb's form: «وزير» is not
            // «و» + «زير» (was visited)
            if self.names_word(keys[i]) {
                continue;
            }
            // nor is a word followed by «بن»/«بنت» (son/daughter of): «فيصل بن خالد» is not «ف» + «يصل»
            if keys
                .get(i + 1)
                .is_some_and(|n| matches!(*n, "بن" | "ابن" | "بنت"))
            {
                continue;
            }
            let readings = cache.analyze(&self.analyzer, w).to_vec();
            let mut seen: Vec<usize> = Vec::new();
            for a in &readings {
                for (e, t) in self.lexicon_readings(a) {
                    if seen.contains(&t) {
                        continue;
                    }
                    let l = &self.lexicon[e];
                    let mut last = i + 1;
                    if l.with.is_some() {
                        let want = &self.lex_keys[e].0;
                        let n = want.len();
                        let got: Vec<String> = keys[i + 1..(i + 1 + n).min(keys.len())]
                            .iter()
                            .map(|k| form_keys(k).join(" "))
                            .collect();
                        if got.len() < n || got.iter().zip(want).any(|(g, w)| g != w) {
                            continue;
                        }
                        last = i + 1 + n;
                    }
                    if l.needs.is_some() {
                        let want = self.lex_keys[e].2.as_str();
                        if !keys[i + 1..(i + 9).min(keys.len())].contains(&want) {
                            continue;
                        }
                    }
                    if !l.except.is_empty() && i + 1 < keys.len() {
                        let next = form_keys(keys[i + 1]).join(" ");
                        if self.lex_keys[e].1.contains(&next) {
                            continue;
                        }
                    }
                    seen.push(t);
                    let p = a.proclitic;
                    out.push(Match {
                        first: i,
                        last,
                        entry: EntryRef::Trigger(t),
                        fuzzy: false,
                        clitics: Clitics {
                            conj: p.starts_with(['و', 'ف']),
                            prep: p
                                .trim_start_matches(['و', 'ف'])
                                .chars()
                                .next()
                                .filter(|c| matches!(c, 'ب' | 'ل' | 'ك')),
                            article: p.ends_with("ال") || p.ends_with("لل"),
                        },
                        future: a.future(),
                        passive: a.feats.voice == rasd_morph::Voice::Passive,
                        enclitic: !a.enclitic.is_empty(),
                        lemma: Some(e as u32),
                    });
                }
            }
        }
        out
    }

    /// Whether a normalised word (as written, clitics and all) is a one-word entry of the dictionaries
    /// other than an event word: a name, a place, a title.
    pub fn names_word(&self, key: &str) -> bool {
        let names = |k: &str| {
            self.exact.get(k).is_some_and(|ids| {
                ids.iter().any(|&id| {
                    !matches!(
                        self.entries[id].target,
                        EntryRef::Trigger(_) | EntryRef::Honorific | EntryRef::Generic(_)
                    )
                })
            })
        };
        names(key)
    }

    /// Whether a normalised word is a one-word dictionary entry: a name, a place, a title.
    pub fn knows_word(&self, key: &str) -> bool {
        self.exact.contains_key(key)
    }

    /// Country by ISO3 code.
    pub fn country(&self, iso3: &str) -> Option<&Country> {
        self.iso.get(iso3).map(|&i| &self.countries[i])
    }

    /// The state of a national news agency named in a dateline («واس» → Saudi Arabia), as a
    /// country index.
    pub fn agency_home(&self, name: &str) -> Option<usize> {
        self.agency_by_name.get(&agency_key(name)).copied()
    }

    /// Place of the gazetteer written with these Arabic words («رام الله»), as the text has them.
    pub fn place_written(&self, words: &str) -> Option<&Place> {
        self.place_by_words
            .get(&form_keys(words).join(" "))
            .map(|&i| &self.places[i])
    }

    /// Place by English name (case-insensitive).
    pub fn place_named(&self, name: &str) -> Option<&Place> {
        self.place_by_name
            .get(&name.to_lowercase())
            .map(|&i| &self.places[i])
    }

    /// Organisation by id.
    pub fn org(&self, id: &str) -> Option<&Org> {
        self.org_by_id.get(id).map(|&i| &self.orgs[i])
    }

    /// A person by id.
    pub fn person(&self, id: &str) -> Option<&Person> {
        self.person_by_id.get(id).map(|&i| &self.people[i])
    }

    /// Number of indexed forms (for statistics).
    pub fn forms(&self) -> usize {
        self.entries.len()
    }

    /// The person holding `role` for `country` on `date` (`YYYY-MM-DD`), if the dictionary knows one.
    pub fn holder(&self, country: &str, role: &str, date: &str) -> Option<usize> {
        self.people.iter().position(|p| {
            p.country == country && p.roles.iter().any(|r| r.role == role && r.covers(date))
        })
    }

    /// Every match at every token position (all lengths); the caller chooses among overlaps.
    pub fn scan(&self, norm: &str, toks: &[Token]) -> Vec<Match> {
        self.scan_forms(&TokenForms::new(norm, toks))
    }

    /// [`Dict::scan`] over token forms computed once (and reusable by the caller).
    pub fn scan_forms(&self, tf: &TokenForms) -> Vec<Match> {
        let (forms, skels) = (&tf.forms, &tf.skels);
        let mut out = Vec::new();
        let mut seen: Vec<(usize, usize)> = Vec::new();
        for i in 0..forms.len() {
            seen.clear();
            for (fi, (f, cl, fut)) in forms[i].iter().enumerate() {
                if let Some(ids) = self.exact.get(f) {
                    for &id in ids {
                        if let Some(m) = self.try_entry(id, i, forms, skels, false, *cl, *fut) {
                            if !seen.contains(&(id, m.last)) {
                                seen.push((id, m.last));
                                out.push(m);
                            }
                        }
                    }
                }
                if let Some(ids) = self.loose.get(&skels[i][fi]) {
                    for &id in ids {
                        if let Some(m) = self.try_entry(id, i, forms, skels, true, *cl, *fut) {
                            if !seen.contains(&(id, m.last)) {
                                seen.push((id, m.last));
                                out.push(m);
                            }
                        }
                    }
                }
                // names of several words: looked up by their first two words
                if let Some(next) = tf.hashes.get(i + 1) {
                    let (h0, s0) = (fnv(f), fnv(&skels[i][fi]));
                    for &(h1, s1) in next {
                        for (loose, ids) in [
                            (false, self.exact2.get(&(h0, h1))),
                            (true, self.loose2.get(&(s0, s1))),
                        ] {
                            for &id in ids.into_iter().flatten() {
                                if let Some(m) =
                                    self.try_entry(id, i, forms, skels, loose, *cl, *fut)
                                {
                                    if !seen.contains(&(id, m.last)) {
                                        seen.push((id, m.last));
                                        out.push(m);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        out
    }

    #[allow(clippy::too_many_arguments)]
    fn try_entry(
        &self,
        id: usize,
        i: usize,
        forms: &[Vec<(String, Clitics, u8)>],
        skels: &[Vec<String>],
        loose: bool,
        cl: Clitics,
        form_kind: u8,
    ) -> Option<Match> {
        let e = &self.entries[id];
        if i + e.keys.len() > forms.len() {
            return None;
        }
        let mut fuzzy = false;
        let mut exact_words = 0;
        for (j, key) in e.keys.iter().enumerate() {
            let fs = &forms[i + j];
            let exact = if j == 0 {
                fs.iter()
                    .any(|(f, c, k)| f == key && *c == cl && *k == form_kind)
            } else {
                fs.iter().any(|(f, _, k)| f == key && *k == PLAIN)
            };
            if exact {
                exact_words += 1;
                continue;
            }
            // a word matched loosely has four letters at least («عند» is not «عناد») and opens
            // with the key's letter, or both with a /g/ letter («غوتيريش», «جوتيريش»): «وصادرت» is
            // not «سديروت»
            let onset = |f: &str| {
                let c = f.chars().next();
                if matches!(c, Some('غ' | 'ق' | 'ك' | 'ج')) {
                    Some('ج')
                } else {
                    c
                }
            };
            if loose
                && e.fuzzy_ok
                && fs.first().is_some_and(|(f, _, _)| f.chars().count() >= 4)
                && fs
                    .iter()
                    .zip(skels[i + j].iter())
                    .any(|((f, _, _), s)| *s == e.skels[j] && onset(f) == onset(key))
            {
                fuzzy = true;
                continue;
            }
            return None;
        }
        // a name of several words matched loosely keeps one word as written («الجمعة عند» is not
        // «جمعة عناد»; «شى جين بينج» is «شي جين بينغ»)
        if fuzzy && e.keys.len() > 1 && exact_words == 0 {
            return None;
        }
        if form_kind != PLAIN && !matches!(e.target, EntryRef::Trigger(_)) {
            return None;
        }
        // an object pronoun belongs after the whole trigger, not inside a multi-word one
        if form_kind == SUFFIXED && e.keys.len() > 1 {
            return None;
        }
        if e.bare_verb && (cl.article || matches!(cl.prep, Some('ب' | 'ك'))) {
            return None;
        }
        Some(Match {
            first: i,
            last: i + e.keys.len(),
            entry: e.target,
            fuzzy,
            clitics: cl,
            future: form_kind == FUTURE,
            passive: false,
            enclitic: false,
            lemma: None,
        })
    }
}

#[cfg(test)]
mod tests;
