//! Actor and place mentions of one document: dictionary matches combined into actors
//! (title + country adjective + name, institutions, back-references, partial names).
use crate::model::Actor;
use rasd_dict::{Dict, EntryRef, Match};
use rasd_text::{skeleton, tokens, Normalized, Token};
use std::collections::HashMap;

/// What kind of actor a mention is.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Kind {
    Person,
    State,
    Org,
    Institution,
    /// «نظيره الروسي»: the counterpart of the subject, in the given country.
    Counterpart,
    /// «الجانبان», «البلدين».
    Pair,
    /// «بلاده».
    OwnCountry,
}

#[derive(Debug, Clone)]
pub(crate) struct Mention {
    pub first: usize,
    pub last: usize,
    pub actor: Actor,
    pub kind: Kind,
    pub role: Option<String>,
}

#[derive(Debug, Clone)]
pub(crate) struct PlaceMention {
    pub first: usize,
    pub name: Option<String>,
    pub country: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// preceded by في / ب / عند: where something happens
    pub at: bool,
    /// preceded by إلى / ل: where someone goes
    pub to: bool,
    /// part of the dateline
    pub dateline: bool,
    /// the seat of an organisation named («بحلف شمال الأطلسي» → Brussels), not a place named
    pub seat: bool,
}

pub(crate) struct Analysis {
    pub norm: Normalized,
    pub toks: Vec<Token>,
    pub excluded: Vec<bool>,
    pub sentences: Vec<(usize, usize)>,
    pub sent_of: Vec<usize>,
    pub mentions: Vec<Mention>,
    pub places: Vec<PlaceMention>,
    pub triggers: Vec<Match>,
    /// every trigger candidate before overlaps were resolved (several types for one word)
    pub candidates: Vec<Match>,
    /// country adjectives no title took («المناورات الأمريكية»): (token, country index)
    pub adjectives: Vec<(usize, usize)>,
    /// the preposition clitic (ب, ل, ك) a dictionary match found on each token, if any
    pub prep: Vec<Option<char>>,
}

const AT_WORDS: &[&str] = &["في", "عند", "داخل"];
/// Meetings named by their place («مؤتمر وارسو», «قمة هلسنكي»), with the article off.
const VENUE_NOUNS: &[&str] = &[
    "موتمر",
    "قمه",
    "اجتماع",
    "اجتماعات",
    "منتدي",
    "محادثات",
    "مفاوضات",
    "مباحثات",
];
/// Nouns a place name follows in apposition («مدينة جنيف», «العاصمة الرياض»), with the article off.
const PLACE_NOUNS: &[&str] = &[
    "مدينه",
    "عاصمه",
    "بلده",
    "قريه",
    "منطقه",
    "محافظه",
    "ولايه",
    "اقليم",
    "جزيره",
    "منتجع",
    "مدينتي",
    "مطار",
    "ميناء",
];
const TO_WORDS: &[&str] = &["الي", "نحو"];
/// Common given names and particles that never stand alone for a person.
const NOT_ALIAS: &[&str] = &[
    "محمد",
    "احمد",
    "علي",
    "حسن",
    "حسين",
    "عبد",
    "بن",
    "ابن",
    "ابو",
    "ال",
    "عبدالله",
    "عبدالعزيز",
    "خالد",
    "سلمان",
    "فيصل",
    "سعود",
    "جون",
    "ديفيد",
    "مايك",
    "جيمس",
    "جورج",
    "مارك",
    "مون",
    "كيم",
    "الرييس",
    "رييس",
    "امير",
    "الملك",
    "الشيخ",
    "السيد",
    "جين",
];

impl Analysis {
    pub fn tok_span(&self, first: usize, last: usize) -> (usize, usize) {
        self.norm
            .orig_span(self.toks[first].start, self.toks[last - 1].end)
    }

    pub fn tok_text(&self, i: usize) -> &str {
        self.toks[i].text(self.norm.text())
    }

    /// The normalised text between token `i-1` and token `i`.
    pub fn gap_before(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.toks[i - 1].end };
        &self.norm.text()[start..self.toks[i].start]
    }
}

fn surface(orig: &[char], span: (usize, usize)) -> String {
    orig[span.0.min(orig.len())..span.1.min(orig.len())]
        .iter()
        .collect()
}

fn priority(e: &EntryRef) -> u8 {
    match e {
        EntryRef::Person(_) => 0,
        EntryRef::Org(_) => 1,
        EntryRef::Title(_) => 2,
        EntryRef::Country(_) => 3,
        EntryRef::Capital(_) => 4,
        EntryRef::Place(_) => 5,
        EntryRef::PersonShort(_) => 6,
        EntryRef::CountryAdj(_) => 7,
        EntryRef::Generic(_) => 8,
        EntryRef::Honorific => 9,
        EntryRef::Trigger(_) => 10,
    }
}

fn choose(mut ms: Vec<Match>, n: usize) -> Vec<Match> {
    ms.sort_by_key(|m| {
        (
            std::cmp::Reverse(m.last - m.first),
            m.fuzzy,
            priority(&m.entry),
            m.first,
        )
    });
    let mut taken = vec![false; n];
    let mut out = Vec::new();
    for m in ms {
        if (m.first..m.last).any(|i| taken[i]) {
            continue;
        }
        (m.first..m.last).for_each(|i| taken[i] = true);
        out.push(m);
    }
    out.sort_by_key(|m| m.first);
    out
}

fn sector_of(dict: &Dict, pi: usize, date: Option<&str>) -> String {
    let p = &dict.people[pi];
    match p.role_at(date) {
        Some(r) => r.sector.clone().unwrap_or_else(|| {
            if r.org.is_some() || p.country.is_empty() {
                "IGO".into()
            } else {
                "GOV".into()
            }
        }),
        None => {
            if p.country.is_empty() {
                "IGO".into()
            } else {
                "GOV".into()
            }
        }
    }
}

pub(crate) fn person_actor(
    dict: &Dict,
    pi: usize,
    date: Option<&str>,
    text: String,
    span: (usize, usize),
) -> Actor {
    let p = &dict.people[pi];
    // an official of an international organisation acts for it, not for their home state
    // (a party's or a movement's leader keeps their country)
    let for_org = p.role_at(date).is_some_and(|r| {
        r.org
            .as_deref()
            .is_some_and(|o| dict.org(o).is_none_or(|og| og.country.is_empty()))
    });
    Actor {
        name: p.name.clone(),
        country: if p.country.is_empty() || for_org {
            None
        } else {
            Some(p.country.clone())
        },
        sector: sector_of(dict, pi, date),
        id: Some(p.id.clone()),
        text,
        start: span.0,
        end: span.1,
    }
}

fn state_actor(dict: &Dict, ci: usize, text: String, span: (usize, usize)) -> Actor {
    let c = &dict.countries[ci];
    Actor {
        name: c.name.clone(),
        country: Some(c.iso3.clone()),
        sector: "GOV".into(),
        id: Some(c.iso3.clone()),
        text,
        start: span.0,
        end: span.1,
    }
}

/// The holder of a role tied to an organisation (e.g. GCC secretary-general) on a date.
fn org_holder(dict: &Dict, org: &str, role: &str, date: Option<&str>) -> Option<usize> {
    let find = |role: &str| {
        dict.people.iter().position(|p| {
            p.roles.iter().any(|r| {
                r.role == role && r.org.as_deref() == Some(org) && date.is_none_or(|d| r.covers(d))
            })
        })
    };
    // a party's or a movement's secretary-general, chairman or leader is its `party_leader`
    find(role).or_else(|| {
        (role == "secretary_general" || role == "head_of_state" || role == "leader")
            .then(|| find("party_leader"))
            .flatten()
    })
}

pub(crate) fn role_holder(
    dict: &Dict,
    country: &str,
    role: &str,
    date: Option<&str>,
) -> Option<usize> {
    let d = date.unwrap_or("");
    // a state has an ambassador in every capital and envoys for many files: the sending state
    // alone names none of them («المبعوث الأمريكي الخاص لليمن» is not the climate envoy)
    if role == "ambassador" || role == "envoy" {
        return None;
    }
    // «زعيم»: a supreme leader where a state has one, else its head of state
    if role == "leader" {
        return ["supreme_leader", "head_of_state", "king", "emir"]
            .into_iter()
            .find_map(|r| dict.holder(country, r, d));
    }
    dict.holder(country, role, d).or_else(|| {
        // kings and presidents are heads of state; a title may name either
        let alt = match role {
            "king" | "emir" | "head_of_state" => ["head_of_state", "king", "emir"].to_vec(),
            "head_of_government" => vec!["head_of_government"],
            _ => vec![],
        };
        alt.into_iter().find_map(|r| dict.holder(country, r, d))
    })
}

fn pretty_role(role: &str) -> String {
    let mut s = role.replace('_', " ");
    if let Some(f) = s.get_mut(0..1) {
        f.make_ascii_uppercase();
    }
    s
}

pub(crate) fn analyse(
    dict: &Dict,
    text: &str,
    furniture: &[(usize, usize)],
    date: Option<&str>,
    dateline: Option<(usize, usize)>,
    wire: bool,
    home: Option<usize>,
) -> Analysis {
    let norm = Normalized::new(text);
    let toks = tokens(norm.text());
    let orig: Vec<char> = text.chars().collect();
    let spans: Vec<(usize, usize)> = toks
        .iter()
        .map(|t| norm.orig_span(t.start, t.end))
        .collect();
    let excluded: Vec<bool> = spans
        .iter()
        .map(|&(s, _)| furniture.iter().any(|&(a, b)| s >= a && s < b))
        .collect();
    let in_dateline: Vec<bool> = spans
        .iter()
        .map(|&(s, _)| dateline.is_some_and(|(a, b)| s >= a && s < b))
        .collect();

    // sentences: split at line breaks and at . ! ? followed by a space
    let nt = norm.text();
    let mut sentences = Vec::new();
    let mut sent_of = vec![0; toks.len()];
    let mut start = 0;
    for i in 0..toks.len() {
        if i > start {
            let gap = &nt[toks[i - 1].end..toks[i].start];
            let brk = gap.contains('\n')
                || gap.contains(['!', '?'])
                || (gap.contains('.')
                    && gap.trim_start_matches(|c: char| c != '.').len() > 1
                    && gap.ends_with(char::is_whitespace));
            if brk {
                sentences.push((start, i));
                start = i;
            }
        }
        sent_of[i] = sentences.len();
    }
    if start < toks.len() {
        sentences.push((start, toks.len()));
    }

    let tforms = rasd_dict::TokenForms::new(nt, &toks);
    let mut all = dict.scan_forms(&tforms);
    // triggers through the analyser: each token as written (hamza kept), and its normalised key
    let byte_at: Vec<usize> = text
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(text.len()))
        .collect();
    let word_refs: Vec<&str> = spans
        .iter()
        .map(|&(s, e)| &text[byte_at[s]..byte_at[e.min(byte_at.len() - 1)]])
        .collect();
    let keys: Vec<&str> = toks.iter().map(|t| t.text(nt)).collect();
    // the analyses of words are kept from one document to the next (per thread, per dictionary)
    thread_local! {
        static CACHE: std::cell::RefCell<(u64, rasd_morph::Cache)> = Default::default();
    }
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        if c.0 != dict.instance || c.1.len() > 400_000 {
            *c = (dict.instance, rasd_morph::Cache::new());
        }
        all.extend(dict.scan_lemmas(&word_refs, &keys, &mut c.1));
    });
    let (trig, ents): (Vec<Match>, Vec<Match>) = all
        .into_iter()
        .partition(|m| matches!(m.entry, EntryRef::Trigger(_)));
    let ents: Vec<Match> = ents
        .into_iter()
        .filter(|m| {
            !excluded[m.first]
                && (!in_dateline[m.first]
                    || matches!(
                        m.entry,
                        EntryRef::Place(_)
                            | EntryRef::Capital(_)
                            | EntryRef::Country(_)
                            | EntryRef::Org(_)
                    ))
        })
        .collect();
    // one word, a country and another country's capital («عمان»: Oman, Amman): the capital when the
    // dateline holds it, when it is written with its shadda, or when the document names the capital's
    // country and not the other one
    let country_of = |e: &EntryRef| match e {
        EntryRef::Country(c) | EntryRef::CountryAdj(c) | EntryRef::Capital(c) => Some(*c),
        EntryRef::Place(p) => dict
            .countries
            .iter()
            .position(|c| c.iso3 == dict.places[*p].country),
        _ => None,
    };
    let named = |c: usize, except: usize| {
        ents.iter()
            .any(|m| m.first != except && country_of(&m.entry) == Some(c))
    };
    let ents: Vec<Match> = ents
        .iter()
        .filter(|m| {
            let EntryRef::Country(c1) = m.entry else {
                return true;
            };
            let cities: Vec<usize> = ents
                .iter()
                .filter(|o| o.first == m.first && o.last == m.last)
                .filter(|o| matches!(o.entry, EntryRef::Capital(_) | EntryRef::Place(_)))
                .filter_map(|o| country_of(&o.entry))
                .collect();
            // a dateline names a city: «الجزائر -», «الكويت - 20 - 2 (كونا)» are the capitals
            if in_dateline[m.first] && !cities.is_empty() {
                return false;
            }
            let city = cities.into_iter().find(|&c2| c2 != c1);
            let Some(c2) = city else {
                return true;
            };
            let shadda = (spans[m.first].0..spans[m.last - 1].1).any(|i| orig[i] == '\u{0651}');
            let capital =
                in_dateline[m.first] || shadda || (named(c2, m.first) && !named(c1, m.first));
            !capital
        })
        .copied()
        .collect();
    let chosen = choose(ents.clone(), toks.len());
    let mut prep = vec![None; toks.len()];
    for m in &chosen {
        prep[m.first] = m.clitics.prep;
    }
    // a name is not a trigger: «فيصل» is not «ف + يصل»
    let in_name = {
        let mut c = vec![false; toks.len()];
        for m in &chosen {
            if matches!(m.entry, EntryRef::Person(_) | EntryRef::PersonShort(_)) {
                (m.first..m.last).for_each(|i| c[i] = true);
            }
        }
        c
    };
    let candidates: Vec<Match> = trig
        .into_iter()
        .filter(|m| !excluded[m.first] && !(m.first..m.last).any(|i| in_name[i]))
        .collect();
    let triggers = choose(candidates.clone(), toks.len());
    let cover = |ms: &[Match]| {
        let mut c = vec![false; toks.len()];
        for m in ms {
            (m.first..m.last).for_each(|i| c[i] = true);
        }
        c
    };
    let covered = cover(&chosen);
    let trig_covered = cover(&triggers);
    let tok = |i: usize| toks[i].text(nt);
    let prev_word = |i: usize| if i == 0 { "" } else { toks[i - 1].text(nt) };

    let mut mentions: Vec<Mention> = Vec::new();
    let mut adjectives: Vec<(usize, usize)> = Vec::new();
    let mut places: Vec<PlaceMention> = Vec::new();
    // unnamed groups with no country yet: the place their sentence names after them decides it
    let mut pending_local: Vec<(usize, String)> = Vec::new();
    // «في مدينة جنيف», «بالعاصمة الرياض», «إلى العاصمة الفنلندية هلسنكي»: the preposition governs a
    // place noun (and maybe its adjective) before the name
    let place_noun = |w: &str| {
        let w = w.strip_prefix(['و', 'ف']).unwrap_or(w);
        let (w, b) = match w.strip_prefix('ب') {
            Some(r) if r.starts_with("ال") || PLACE_NOUNS.contains(&r) => (r, true),
            _ => match w.strip_prefix('ل') {
                Some(r) if r.starts_with('ل') => (r, false),
                _ => (w, false),
            },
        };
        let w = w.strip_prefix("ال").unwrap_or(w);
        PLACE_NOUNS.contains(&w).then_some(b)
    };
    let governing = |first: usize| -> (&str, bool) {
        // «على هامش مؤتمر وارسو», «قمة هلسنكي»: a meeting named by its place meets there
        if first > 0 {
            let w = prev_word(first);
            let w = w.strip_prefix(['و', 'ف']).unwrap_or(w);
            let w = w.strip_prefix(['ب', 'ل']).unwrap_or(w);
            let w = w.strip_prefix("ال").unwrap_or(w);
            if VENUE_NOUNS.contains(&w) {
                return ("في", true);
            }
        }
        // the word before the place, or before «مدينة» / «العاصمة الفنلندية» in front of it
        let mut k = first;
        for _ in 0..2 {
            if k == 0 {
                break;
            }
            let w = prev_word(k);
            if let Some(b) = place_noun(w) {
                return (if b { "في" } else { prev_word(k - 1) }, b);
            }
            // an adjective between («العاصمة الفنلندية هلسنكي»)
            if !w.starts_with("ال") {
                break;
            }
            k -= 1;
        }
        (prev_word(first), false)
    };
    let mk_place = |m: &Match,
                    name: Option<String>,
                    country: String,
                    lat: Option<f64>,
                    lon: Option<f64>| {
        let (pw, bi) = governing(m.first);
        PlaceMention {
            first: m.first,
            name,
            country,
            lat,
            lon,
            at: AT_WORDS.contains(&pw) || bi || m.clitics.prep == Some('ب') || in_dateline[m.first],
            to: TO_WORDS.contains(&pw) || m.clitics.prep == Some('ل'),
            dateline: in_dateline[m.first],
            seat: false,
        }
    };
    let mut j = 0;
    while j < chosen.len() {
        let m = chosen[j];
        let span = spans[m.first].0..spans[m.last - 1].1;
        match m.entry {
            // «مؤتمر صحفي» is no journalist: some titles name a person only with the article
            // (a construct «عاملة الإغاثة» carries it on its last word)
            EntryRef::Title(ti)
                if dict.titles[ti].definite
                    && !m.clitics.article
                    && !(m.last > m.first + 1 && toks[m.last - 1].text(nt).starts_with("ال")) => {
            }
            EntryRef::Title(ti) => {
                let t = &dict.titles[ti];
                // what follows the title: a country word, an organisation, a name
                let mut k = j + 1;
                let mut end_tok = m.last;
                let mut country: Option<usize> = t
                    .country
                    .as_deref()
                    .and_then(|iso| dict.countries.iter().position(|c| c.iso3 == iso));
                let mut org: Option<usize> = None;
                // the next match, right after the title or over one definite word, a portfolio
                // («وزير الطاقة السعودي»); not over a particle («الوزير أن مصر» is no minister of Egypt)
                // nor over an object («اعتقلت الشرطة صحفيا ألمانيا» is not the German police)
                let adjacent = |k: usize, end_tok: usize| {
                    k < chosen.len()
                        && chosen[k].first <= end_tok + 1
                        && chosen[k].first >= end_tok
                        && (chosen[k].first == end_tok
                            || (!is_function_word(tok(end_tok)) && tok(end_tok).starts_with("ال")))
                        && !gap_has_comma(nt, &toks, chosen[k].first)
                };
                if adjacent(k, end_tok) {
                    match chosen[k].entry {
                        EntryRef::CountryAdj(c) | EntryRef::Country(c) | EntryRef::Capital(c) => {
                            country = Some(c);
                            end_tok = chosen[k].last;
                            k += 1;
                            // a second nationality joined by a hyphen («البريطانية-الإيرانية»)
                            if k < chosen.len()
                                && matches!(chosen[k].entry, EntryRef::CountryAdj(_))
                                && chosen[k].first == end_tok
                                && end_tok < toks.len()
                                && nt[toks[end_tok - 1].end..toks[end_tok].start].contains('-')
                            {
                                end_tok = chosen[k].last;
                                k += 1;
                            }
                        }
                        EntryRef::Org(o) if t.institution.is_none() => {
                            org = Some(o);
                            end_tok = chosen[k].last;
                            k += 1;
                        }
                        _ => {}
                    }
                }
                // an organisation's acronym in parentheses before the name («الأمين العام لحلف
                // شمال الأطلسي (الناتو) ينس ستولتنبرغ»)
                let mut acronym = false;
                if k + 1 < chosen.len()
                    && matches!(chosen[k].entry, EntryRef::Org(_))
                    && chosen[k].first == end_tok
                    && end_tok < toks.len()
                    && nt[toks[end_tok - 1].end..toks[end_tok].start].contains('(')
                    && matches!(chosen[k + 1].entry, EntryRef::Person(_))
                    && chosen[k + 1].first == chosen[k].last
                {
                    end_tok = chosen[k].last;
                    k += 1;
                    acronym = true;
                }
                while k < chosen.len()
                    && matches!(chosen[k].entry, EntryRef::Honorific)
                    && chosen[k].first <= end_tok + 1
                {
                    end_tok = chosen[k].last;
                    k += 1;
                }
                // the posting of an envoy: «السفيرة الأميركية لدى الأمم المتحدة» is the UN ambassador
                let mut role = t.role.clone();
                if role.as_deref() == Some("ambassador")
                    && k < chosen.len()
                    && end_tok < toks.len()
                    && tok(end_tok) == "لدي"
                    && chosen[k].first == end_tok + 1
                {
                    if let EntryRef::Org(o) = chosen[k].entry {
                        if dict.orgs[o].id == "UN" {
                            role = Some("un_ambassador".into());
                        }
                        end_tok = chosen[k].last;
                        k += 1;
                    } else if let EntryRef::Country(_) | EntryRef::Capital(_) = chosen[k].entry {
                        end_tok = chosen[k].last;
                        k += 1;
                    }
                }
                // a national agency's own official («استقبل وزير الخارجية ...» under «/العمانية/»)
                // (not a title in apposition to a name or another title before it: «الأمير محمد بن
                // سلمان ولي ولي العهد وزير الدفاع» holds them all)
                if country.is_none()
                    && org.is_none()
                    && role.is_some()
                    && (m.first == 0 || !covered[m.first - 1])
                {
                    country = home;
                }
                let t = &rasd_dict::Title { role, ..t.clone() };
                // a person named right after the title
                let mut person: Option<usize> = None;
                if t.institution.is_none()
                    && k < chosen.len()
                    && chosen[k].first <= end_tok + 1
                    && (acronym || !gap_has_break(nt, &toks, chosen[k].first))
                {
                    if let EntryRef::Person(p) | EntryRef::PersonShort(p) = chosen[k].entry {
                        person = Some(p);
                        end_tok = chosen[k].last;
                        k += 1;
                    }
                }
                // an unknown name next to a title with a country: after it («وزير الخارجية الأمريكي
                // جون كيري»), or before it in apposition («آن باترسون مساعدة وزير الخارجية»)
                let names_one = t.institution.is_none() || t.person;
                let mut unknown: Option<(usize, usize)> = None;
                let mut first_tok = m.first;
                if person.is_none() && names_one && (country.is_some() || org.is_some()) {
                    let free = |e: usize| {
                        !covered[e]
                            && !trig_covered[e]
                            && !excluded[e]
                            // «آن» (Anne) normalises like the particle «أن»
                            && (!is_function_word(tok(e)) || orig.get(spans[e].0) == Some(&'آ'))
                            && !tok(e).chars().any(|c| c.is_ascii_digit())
                            && sent_of[e] == sent_of[m.first]
                    };
                    let mut e = end_tok;
                    // a name does not open with the article («السابق», «للشؤون»)
                    let opens_name = |e: usize| {
                        let w = tok(e);
                        !(w.starts_with("ال") || w.starts_with("لل") || w.starts_with("بال"))
                    };
                    while e < toks.len()
                        && e < end_tok + 4
                        && free(e)
                        && (e > end_tok || opens_name(e))
                        && !gap_has_punct(nt, &toks, e)
                    {
                        e += 1;
                    }
                    if e > end_tok && e - end_tok >= 2 {
                        unknown = Some((end_tok, e));
                        end_tok = e;
                    } else {
                        let mut b = m.first;
                        while b > 0
                            && b + 3 > m.first
                            && free(b - 1)
                            && (b == m.first || !gap_has_punct(nt, &toks, b))
                        {
                            b -= 1;
                        }
                        // the name must open its phrase: a function word, a trigger, punctuation or
                        // the start of the sentence before it
                        let opens = b == 0
                            || sent_of[b - 1] != sent_of[b]
                            || gap_has_punct(nt, &toks, b)
                            || is_function_word(tok(b - 1))
                            || trig_covered[b - 1];
                        if m.first - b >= 2 && opens && opens_name(b) {
                            unknown = Some((b, m.first));
                            first_tok = b;
                        }
                    }
                }
                if let (true, Some(role), Some(c1)) = (t.dual, t.role.as_ref(), country) {
                    if let Some(EntryRef::Country(c2) | EntryRef::CountryAdj(c2)) = chosen
                        .get(k)
                        .filter(|n| n.first == end_tok)
                        .map(|n| n.entry)
                    {
                        for (c, a, b) in [
                            (c1, m.first, end_tok),
                            (c2, chosen[k].first, chosen[k].last),
                        ] {
                            let sp = (spans[a].0, spans[b - 1].1);
                            let iso = dict.countries[c].iso3.clone();
                            let actor = match role_holder(dict, &iso, role, date) {
                                Some(p) => person_actor(dict, p, date, surface(&orig, sp), sp),
                                None => state_actor(dict, c, surface(&orig, sp), sp),
                            };
                            mentions.push(Mention {
                                first: a,
                                last: b,
                                actor,
                                kind: Kind::Person,
                                role: Some(role.clone()),
                            });
                        }
                        j = k + 1;
                        continue;
                    }
                }
                let sp = (spans[first_tok].0, spans[end_tok - 1].1);
                let text_s = surface(&orig, sp);
                // a named official whom the dictionaries do not know: the name, the title's country
                let stranger = unknown.and_then(|(a, b)| {
                    let (country, sector) = match (org, country) {
                        (Some(o), _) => {
                            let og = &dict.orgs[o];
                            (
                                (!og.country.is_empty()).then(|| og.country.clone()),
                                og.sector.clone(),
                            )
                        }
                        (None, Some(c)) => (
                            Some(dict.countries[c].iso3.clone()),
                            t.sector.clone().unwrap_or_else(|| "GOV".into()),
                        ),
                        (None, None) => return None,
                    };
                    let holder = match (&t.role, &country) {
                        (Some(role), Some(iso)) if org.is_none() => {
                            role_holder(dict, iso, role, date)
                        }
                        (Some(role), _) => {
                            org.and_then(|o| org_holder(dict, &dict.orgs[o].id, role, date))
                        }
                        _ => None,
                    };
                    // the dictionary's office-holder written in another spelling is still the holder
                    let words: Vec<String> = (a..b).map(|i| skeleton(tok(i))).collect();
                    if let Some(h) = holder {
                        let known = dict.people[h]
                            .ar
                            .iter()
                            .chain(dict.people[h].short.iter())
                            .any(|f| {
                                f.split_whitespace().any(|w| {
                                    let k = skeleton(&rasd_text::normalize(w));
                                    k.chars().count() >= 3 && words.contains(&k)
                                })
                            });
                        if known {
                            return None;
                        }
                    }
                    let ns = (spans[a].0, spans[b - 1].1);
                    Some(Actor {
                        name: surface(&orig, ns),
                        country,
                        sector,
                        id: None,
                        text: text_s.clone(),
                        start: sp.0,
                        end: sp.1,
                    })
                });
                if let Some(actor) = stranger {
                    mentions.push(Mention {
                        first: first_tok,
                        last: end_tok,
                        actor,
                        kind: Kind::Person,
                        role: t.role.clone(),
                    });
                } else if let Some(p) = person {
                    mentions.push(Mention {
                        first: m.first,
                        last: end_tok,
                        actor: person_actor(dict, p, date, text_s, sp),
                        kind: Kind::Person,
                        role: t.role.clone(),
                    });
                } else if let Some(prev) = t
                    .anaphor
                    .then(|| {
                        // «المسؤولة الأمريكية»: definite, unnamed, the last person of its country named
                        let w = tok(m.first);
                        let w = w.strip_prefix(['و', 'ف']).unwrap_or(w);
                        let definite = ["ال", "لل", "بال", "كال"].iter().any(|a| w.starts_with(a));
                        let iso = &dict.countries[country?].iso3;
                        definite
                            .then(|| {
                                mentions.iter().rev().find(|p: &&Mention| {
                                    p.kind == Kind::Person
                                        && p.actor.country.as_deref() == Some(iso.as_str())
                                })
                            })
                            .flatten()
                            .cloned()
                    })
                    .flatten()
                {
                    mentions.push(Mention {
                        first: m.first,
                        last: end_tok,
                        actor: Actor {
                            text: text_s,
                            start: sp.0,
                            end: sp.1,
                            ..prev.actor
                        },
                        kind: Kind::Person,
                        role: prev.role,
                    });
                } else if let Some(inst) = &t.institution {
                    // «السلطات» with no country: the country the sentence has just placed us in
                    // («يحاكم في تركيا ... أن السلطات قد تطلق سراحه»)
                    let country = country.or_else(|| {
                        if !(inst.contains("Government") || inst.contains("authorities") || t.local)
                        {
                            return None;
                        }
                        // or, with none there, a wire dateline's («عدن - سبأنت ... الحكومة»)
                        // (an unnamed group — police, gunmen, protesters — is of the country where
                        // the report happens: its dateline, else the last place named before it)
                        places
                            .iter()
                            .rev()
                            .find(|p| p.at && !p.dateline && sent_of[p.first] == sent_of[m.first])
                            .or_else(|| {
                                places
                                    .iter()
                                    .find(|p| p.dateline && (wire || t.local) && !t.person)
                            })
                            .or_else(|| {
                                t.local
                                    .then(|| {
                                        places
                                            .iter()
                                            .rev()
                                            .find(|p| p.first < m.first && (p.at || p.to))
                                    })
                                    .flatten()
                            })
                            .and_then(|p| dict.countries.iter().position(|c| c.iso3 == p.country))
                    });
                    if let Some(c) = country {
                        let cn = &dict.countries[c];
                        let name = if inst.trim() == "{country}"
                            || inst.contains("Government")
                            || inst.contains("authorities")
                        {
                            cn.name.clone()
                        } else {
                            inst.replace("{country}", &cn.name)
                        };
                        let sector = t.sector.clone().unwrap_or_else(|| "GOV".into());
                        mentions.push(Mention {
                            first: m.first,
                            last: end_tok,
                            actor: Actor {
                                name,
                                country: Some(cn.iso3.clone()),
                                sector,
                                // an unnamed group is of a state, not the state
                                id: (!t.local).then(|| cn.iso3.clone()),
                                text: text_s,
                                start: sp.0,
                                end: sp.1,
                            },
                            kind: Kind::Institution,
                            role: None,
                        });
                    } else if t.local {
                        // an unnamed group in no known country yet: still an actor (a place named
                        // later in its sentence gives it one, below)
                        pending_local.push((mentions.len(), inst.clone()));
                        mentions.push(Mention {
                            first: m.first,
                            last: end_tok,
                            actor: Actor {
                                name: inst.replace("{country}", "").trim().to_string(),
                                country: None,
                                sector: t.sector.clone().unwrap_or_else(|| "CVL".into()),
                                id: None,
                                text: text_s,
                                start: sp.0,
                                end: sp.1,
                            },
                            kind: Kind::Institution,
                            role: None,
                        });
                    }
                } else if t.counterpart {
                    let iso = country.map(|c| dict.countries[c].iso3.clone());
                    mentions.push(Mention {
                        first: m.first,
                        last: end_tok,
                        actor: Actor {
                            name: text_s.clone(),
                            country: iso.clone(),
                            sector: "GOV".into(),
                            id: iso,
                            text: text_s,
                            start: sp.0,
                            end: sp.1,
                        },
                        kind: Kind::Counterpart,
                        role: None,
                    });
                } else if let Some(role) = &t.role {
                    // the office-holder of an organisation or a state, else the office itself
                    let office = match (org, country) {
                        (Some(o), _) => {
                            let og = &dict.orgs[o];
                            let country = (!og.country.is_empty()).then(|| og.country.clone());
                            Some((
                                org_holder(dict, &og.id, role, date),
                                og.name.clone(),
                                country,
                                og.sector.clone(),
                            ))
                        }
                        (None, Some(c)) => {
                            let cn = &dict.countries[c];
                            let sector = t.sector.clone().unwrap_or_else(|| "GOV".into());
                            Some((
                                role_holder(dict, &cn.iso3, role, date),
                                cn.name.clone(),
                                Some(cn.iso3.clone()),
                                sector,
                            ))
                        }
                        (None, None) => None,
                    };
                    if let Some((holder, of, country, sector)) = office {
                        let actor = match holder {
                            Some(p) => person_actor(dict, p, date, text_s, sp),
                            None => Actor {
                                name: format!("{} of {of}", pretty_role(role)),
                                country,
                                sector,
                                id: None,
                                text: text_s,
                                start: sp.0,
                                end: sp.1,
                            },
                        };
                        mentions.push(Mention {
                            first: m.first,
                            last: end_tok,
                            actor,
                            kind: Kind::Person,
                            role: Some(role.clone()),
                        });
                    }
                }
                j = k.max(j + 1);
                continue;
            }
            EntryRef::Person(p) | EntryRef::PersonShort(p) => {
                let sp = (span.start, span.end);
                mentions.push(Mention {
                    first: m.first,
                    last: m.last,
                    actor: person_actor(dict, p, date, surface(&orig, sp), sp),
                    kind: Kind::Person,
                    role: None,
                });
            }
            EntryRef::Org(o) if dict.orgs[o].sector == "MED" => {}
            EntryRef::Org(o) => {
                let og = &dict.orgs[o];
                let sp = (span.start, span.end);
                if !in_dateline[m.first] {
                    mentions.push(Mention {
                        first: m.first,
                        last: m.last,
                        actor: Actor {
                            name: og.name.clone(),
                            country: if og.country.is_empty() {
                                None
                            } else {
                                Some(og.country.clone())
                            },
                            sector: og.sector.clone(),
                            id: Some(og.id.clone()),
                            text: surface(&orig, sp),
                            start: sp.0,
                            end: sp.1,
                        },
                        kind: Kind::Org,
                        role: None,
                    });
                }
                if !og.seat.is_empty() {
                    if let Some(pl) = dict.place_named(&og.seat) {
                        let mut pm = mk_place(
                            &m,
                            Some(pl.name.clone()),
                            pl.country.clone(),
                            Some(pl.lat),
                            Some(pl.lon),
                        );
                        pm.at = pm.at || in_dateline[m.first];
                        pm.seat = true;
                        places.push(pm);
                    }
                }
            }
            EntryRef::Country(c) | EntryRef::Capital(c) => {
                let cn = &dict.countries[c];
                // the capital's words name a place of the gazetteer: «رام الله» is Ramallah, where
                // Palestine's government sits, though its designated capital is East Jerusalem
                let place = if matches!(m.entry, EntryRef::Capital(_)) {
                    let words = (m.first..m.last).map(tok).collect::<Vec<_>>().join(" ");
                    dict.place_written(&words)
                        .filter(|p| p.country == cn.iso3)
                        .or_else(|| dict.place_named(&cn.capital))
                } else {
                    None
                };
                let pm = match place {
                    Some(pl) => mk_place(
                        &m,
                        Some(pl.name.clone()),
                        pl.country.clone(),
                        Some(pl.lat),
                        Some(pl.lon),
                    ),
                    None => mk_place(&m, None, cn.iso3.clone(), None, None),
                };
                let location_only = pm.at;
                places.push(pm);
                if !location_only && !in_dateline[m.first] {
                    mentions.push(state_mention(dict, c, &m, &orig, (span.start, span.end)));
                }
            }
            EntryRef::Place(pi) => {
                let pl = &dict.places[pi];
                places.push(mk_place(
                    &m,
                    Some(pl.name.clone()),
                    pl.country.clone(),
                    Some(pl.lat),
                    Some(pl.lon),
                ));
            }
            EntryRef::CountryAdj(c) => adjectives.push((m.first, c)),
            EntryRef::Generic(gi) if dict.generics[gi].refers == "this_country" => {
                // «البلاد»: the state the text has just named
                let prev = mentions.iter().rev().find(|p| {
                    matches!(p.kind, Kind::State | Kind::Institution) && p.actor.country.is_some()
                });
                let c = prev
                    .and_then(|p| p.actor.country.as_deref())
                    .and_then(|iso| dict.countries.iter().position(|c| c.iso3 == iso));
                if let Some(c) = c {
                    mentions.push(state_mention(dict, c, &m, &orig, (span.start, span.end)));
                }
            }
            EntryRef::Generic(gi) => {
                let g = &dict.generics[gi];
                let kind = match g.refers.as_str() {
                    "pair" => Some(Kind::Pair),
                    "own_country" => Some(Kind::OwnCountry),
                    _ => None,
                };
                if let Some(kind) = kind {
                    let sp = (span.start, span.end);
                    let t = surface(&orig, sp);
                    mentions.push(Mention {
                        first: m.first,
                        last: m.last,
                        actor: Actor {
                            name: t.clone(),
                            country: None,
                            sector: "GOV".into(),
                            id: None,
                            text: t,
                            start: sp.0,
                            end: sp.1,
                        },
                        kind,
                        role: g.role.clone(),
                    });
                }
            }
            _ => {}
        }
        j += 1;
    }

    // partial names: after a person's first mention, any distinctive word of that mention names them
    let mut alias: HashMap<String, (usize, usize)> = HashMap::new(); // form -> (mention index, first token)
    let mut alias_skel: HashMap<String, (usize, usize)> = HashMap::new();
    for (mi, me) in mentions.iter().enumerate() {
        if me.kind != Kind::Person || me.actor.id.is_none() {
            continue;
        }
        let Some(pid) = me.actor.id.as_deref() else {
            continue;
        };
        let Some(p) = dict.person(pid) else {
            continue;
        };
        // a word of a full name needs three letters; a short form the dictionary lists as such
        // («شي» for Xi Jinping) is taken as it is
        let forms =
            p.ar.iter()
                .map(|n| (n, 3))
                .chain(p.short.iter().map(|n| (n, 2)));
        for (name, min) in forms {
            for k in rasd_dict::form_keys(name) {
                if k.chars().count() >= min && !NOT_ALIAS.contains(&k.as_str()) {
                    alias.entry(k.clone()).or_insert((mi, me.first));
                    let s = skeleton(&k);
                    if s.chars().count() >= 3 {
                        alias_skel.entry(s).or_insert((mi, me.first));
                    }
                }
            }
        }
    }
    let mut extra = Vec::new();
    for i in 0..toks.len() {
        if alias.is_empty() || covered[i] || excluded[i] || in_dateline[i] {
            continue;
        }
        let hit = tforms
            .forms(i)
            .iter()
            .zip(tforms.skeletons(i))
            .filter(|((_, _, kind), _)| *kind == rasd_dict::PLAIN)
            .find_map(|((f, _, _), sk)| alias.get(f).or_else(|| alias_skel.get(sk)).copied());
        if let Some((mi, first)) = hit {
            if first < i {
                let sp = spans[i];
                let mut a = mentions[mi].actor.clone();
                a.text = surface(&orig, sp);
                a.start = sp.0;
                a.end = sp.1;
                extra.push(Mention {
                    first: i,
                    last: i + 1,
                    actor: a,
                    kind: Kind::Person,
                    role: mentions[mi].role.clone(),
                });
            }
        }
    }
    // «اغتال مسلحون مجهولون صحفيا في بغداد»: the group is of the country where its sentence happens
    for (mi, inst) in pending_local {
        let m = &mentions[mi];
        let Some(c) = places
            .iter()
            .filter(|p| p.at && !p.dateline && p.first >= m.last)
            .filter(|p| sent_of[p.first] == sent_of[m.first])
            .min_by_key(|p| p.first)
            .and_then(|p| dict.countries.iter().position(|c| c.iso3 == p.country))
        else {
            continue;
        };
        let cn = &dict.countries[c];
        mentions[mi].actor.name = inst.replace("{country}", &cn.name);
        mentions[mi].actor.country = Some(cn.iso3.clone());
    }
    mentions.extend(extra);
    mentions.sort_by_key(|m| m.first);
    places.sort_by_key(|p| p.first);
    Analysis {
        norm,
        toks,
        excluded,
        sentences,
        sent_of,
        mentions,
        places,
        triggers,
        candidates,
        adjectives,
        prep,
    }
}

/// A state named over the tokens of `m` (the chars `sp` of the original).
fn state_mention(dict: &Dict, c: usize, m: &Match, orig: &[char], sp: (usize, usize)) -> Mention {
    Mention {
        first: m.first,
        last: m.last,
        actor: state_actor(dict, c, surface(orig, sp), sp),
        kind: Kind::State,
        role: None,
    }
}

fn gap_has_comma(nt: &str, toks: &[Token], i: usize) -> bool {
    i > 0
        && i < toks.len()
        && nt[toks[i - 1].end..toks[i].start]
            .contains([',', ';', ':', '(', ')', '-', '.', '"', '\n'])
}

/// A break between a title and a name: punctuation other than quotes.
fn gap_has_break(nt: &str, toks: &[Token], i: usize) -> bool {
    i > 0
        && i < toks.len()
        && nt[toks[i - 1].end..toks[i].start].contains([',', ';', ':', '(', ')', '.', '\n'])
}

fn gap_has_punct(nt: &str, toks: &[Token], i: usize) -> bool {
    // a hyphen alone joins the parts of a name («زاغري-راتكليف»)
    gap_has_comma(nt, toks, i) && nt[toks[i - 1].end..toks[i].start].trim() != "-"
}

/// Words that end a name: particles, prepositions and time words.
pub(crate) fn is_function_word(w: &str) -> bool {
    const F: &[&str] = &[
        "في",
        "من",
        "الي",
        "علي",
        "عن",
        "مع",
        "ان",
        "بان",
        "الذي",
        "التي",
        "هنا",
        "امس",
        "اليوم",
        "غدا",
        "قد",
        "لقد",
        "كما",
        "حيث",
        "خلال",
        "بعد",
        "قبل",
        "لدي",
        "عند",
        "او",
        "ثم",
        "بين",
        "وقال",
        "قال",
        "ان",
        "انه",
        "انها",
        "يوم",
        "مساء",
        "صباح",
        "الاحد",
        "الاثنين",
        "الثلاثاء",
        "الاربعاء",
        "الخميس",
        "الجمعه",
        "السبت",
        "حول",
        "بشان",
        "ضد",
        "لا",
        "لم",
        "لن",
        "هذا",
        "هذه",
        "ذلك",
        "تلك",
        "لشوون",
        "للشوون",
        "شوون",
        "لدي",
        "الي",
        "و",
        // subordinators and adverbs that follow a title but never open a name
        "بعدما",
        "عندما",
        "حين",
        "حينما",
        "بينما",
        "فيما",
        "لكن",
        "لان",
        "كي",
        "لكي",
        "حتي",
        "منذ",
        "عبر",
        "الا",
        "ايضا",
        "فقط",
        "هو",
        "هي",
        "وهو",
        "وهي",
        "كان",
        "كانت",
        "الذين",
        "مما",
        "عما",
        "اذ",
        "اذا",
    ];
    w.chars().count() < 2 || F.contains(&w) || w.chars().all(|c| c.is_ascii_digit())
}
