//! Triggers to events: source and target attribution, status, date, place, mode and the headline.
use crate::mentions::{analyse, person_actor, role_holder, Analysis, Kind, Mention, PlaceMention};
use crate::model::{Actor, Event, Location, Span};
use crate::DocInput;
use rasd_dict::{Dict, EntryRef, Match, Trigger};
use rasd_time::{Anchors, Basis, Date, TimeExpr, Value};

const COMPLEMENTIZERS: &[&str] = &["ان", "بان", "انه", "انها", "بانه", "بانها"];
const NEGATIONS: &[&str] = &["لن", "لم", "لا", "ليس", "عدم", "دون", "بدون"];
/// Verbs and nouns of calling off what follows them («يلغي زيارته», «إلغاء القمة»).
const CANCELS: &[&str] = &["الغي", "الغت", "يلغي", "تلغي", "الغاء", "الغيت"];
/// Event types that are things said (PLOVER's verbal types): what they announce is their content,
/// they themselves happen when said, where said.
fn said_kind(kind: &str) -> bool {
    matches!(
        kind,
        "AGREE" | "SUPPORT" | "REQUEST" | "ACCUSE" | "REJECT" | "THREATEN"
    )
}

/// Conjunctions that open an adverbial clause («زار ... بعدما أبرمت إيران»): actors, dates and
/// places after one belong to that clause, not to the event before it; an event after one has its
/// subject in that clause.
/// Relative pronouns: the verb after one has the noun before it as its subject.
const RELATIVES: &[&str] = &[
    "الذي",
    "التي",
    "الذين",
    "اللذين",
    "اللتين",
    "اللذان",
    "اللتان",
];
const SUBORDINATORS: &[&str] = &["بعدما", "عندما", "حينما", "بينما", "قبلما", "ريثما"];

/// Nouns that head a group of an actor's members («قادة الجيش الحر», «ممثلي الحكومة»): after a
/// preposition, the actor they govern is an object too.
const GROUP_HEADS: &[&str] = &[
    "قاده",
    "زعماء",
    "ممثلي",
    "مسوولي",
    "عناصر",
    "مقاتلي",
    "اعضاء",
    "قيادات",
    "قياده",
    "وفد",
    "ممثل",
    "مندوبي",
];

/// «جاء ذلك خلال ...», «وجاءت تصريحاته في ...»: a sentence opening so names the occasion of the one
/// before it.
const OCCASION_VERBS: &[&str] = &["جاء", "جاءت", "وجاء", "وجاءت", "اتي", "اتت", "ياتي", "تاتي"];
const OCCASION_REFS: &[&str] = &["ذلك", "هذا", "هذه", "تصريح", "كلام", "حديث", "اقوال"];

/// Verbs of denying: what their clause reports did not happen.
const DENIALS: &[&str] = &[
    "نفي",
    "نفت",
    "ينفي",
    "تنفي",
    "نفيا",
    "كذب",
    "كذبت",
    "انكر",
    "انكرت",
];

/// Words that announce what follows them in the sentence.
const PLAN_CUES: &[&str] = &["سوف", "المقرر", "يعتزم", "تعتزم", "يعتزمان", "المزمع"];
/// Imperfect verbs of considering and intending (normalised): the event noun they govern is planned.
const INTENT_VERBS: &[&str] = &[
    "يبحث",
    "تبحث",
    "يدرس",
    "تدرس",
    "ينوي",
    "تنوي",
    "يعتزم",
    "تعتزم",
    "يخطط",
    "تخطط",
    "يريد",
    "تريد",
    "يعتزمون",
    "يدرسون",
];
const FUTURE_CUES: &[&str] = &[
    "سوف",
    "المقرر",
    "يعتزم",
    "تعتزم",
    "المرتقب",
    "المرتقبه",
    "المقبل",
    "المقبله",
    "القادم",
    "القادمه",
    "مقبل",
    "مقبله",
    "مرتقب",
    "مرتقبه",
    "قادم",
    "قادمه",
    "المزمع",
    "المزمعه",
];
/// Words after the subject that make it the host of a meeting.
const HOST_CUES: &[&str] = &[
    "مكتبه",
    "مكتبها",
    "قصره",
    "قصرها",
    "مقر",
    "بمقر",
    "مقره",
    "بمكتبه",
    "بقصره",
    "منزله",
    "استقبل",
    "استقبلت",
];

struct Ctx<'a> {
    dict: &'a Dict,
    an: Analysis,
    orig: Vec<char>,
    times: Vec<TimeExpr>,
    doc_date: Option<(String, String)>,
    published: Option<Date>,
    dateline_place: Option<PlaceMention>,
    /// The dateline names the outlet's desk rather than the reporter's place: an agency written in
    /// Latin letters after the place («دبي، الإمارات العربية المتحدة (CNN)--»).
    desk_dateline: bool,
    title: Option<usize>,
    lead: Vec<usize>,
    /// CONSULT mode named anywhere in a sentence (phone), by sentence
    sentence_mode: Vec<Option<String>>,
    /// The learned choice of source and target among the sentence's mentions (empty: rules only).
    roles: &'a crate::learn::Model,
    /// The tokens whose event was coded from a phrase of the hand-written trigger list.
    listed: Vec<bool>,
    /// When set, every event's argument candidates are kept here (for training the role model).
    role_cases: Option<std::cell::RefCell<Vec<crate::learn::RoleCase>>>,
}

fn value_str(v: &Value) -> String {
    match v {
        // a span of months within one year (a season, a quarter) dates an event to that year
        Value::Range { from, to } => match (from.as_ref(), to.as_ref()) {
            (Value::Month { y: a, m: ma }, Value::Month { y: b, m: mb }) if a == b && ma != mb => {
                a.to_string()
            }
            _ => value_str(from),
        },
        v => v.to_string(),
    }
}

/// Verb phrases of the trigger lexicon whose words a VSO subject may split: «قطعت السعودية
/// علاقاتها», «حذر الأمير بندر ... من أن». Keyed by the normalised first word: the trigger and the
/// words that must follow the subject.
pub(crate) struct SplitPhrases(rasd_text::hash::FastMap<String, Vec<(usize, Vec<String>)>>);

impl SplitPhrases {
    pub(crate) fn new(dict: &Dict) -> Self {
        let mut map: rasd_text::hash::FastMap<String, Vec<(usize, Vec<String>)>> =
            Default::default();
        for (ti, t) in dict.triggers.iter().enumerate() {
            if t.pos != "verb" || t.speech {
                continue;
            }
            for form in &t.ar {
                let words: Vec<String> = rasd_text::normalize(form)
                    .split_whitespace()
                    .map(str::to_string)
                    .collect();
                if words.len() >= 2 {
                    map.entry(words[0].clone())
                        .or_default()
                        .push((ti, words[1..].to_vec()));
                }
            }
        }
        // the longest rest first
        for v in map.values_mut() {
            v.sort_by_key(|(_, rest)| std::cmp::Reverse(rest.len()));
        }
        SplitPhrases(map)
    }

    /// Words that open a split phrase but are no trigger alone («قطعت» of «قطعت ... علاقاتها»), as
    /// one-word matches to be completed.
    fn openers(&self, an: &Analysis) -> Vec<Match> {
        let mut covered = vec![false; an.toks.len()];
        for t in &an.triggers {
            covered[t.first..t.last].iter_mut().for_each(|c| *c = true);
        }
        (0..an.toks.len())
            .filter(|&i| !an.excluded[i] && !covered[i])
            .filter_map(|i| {
                let w = an.tok_text(i);
                let conj = w.starts_with(['و', 'ف']) && self.0.contains_key(&w[2..]);
                let key = if conj { &w[2..] } else { w };
                let (ti, _) = self.0.get(key)?.first()?;
                Some(Match {
                    first: i,
                    last: i + 1,
                    entry: EntryRef::Trigger(*ti),
                    fuzzy: false,
                    clitics: rasd_text::Clitics {
                        conj,
                        ..Default::default()
                    },
                    future: false,
                    passive: false,
                    enclitic: false,
                    lemma: None,
                })
            })
            .collect()
    }

    /// The trigger a one-word verb match becomes when the rest of one of its phrases follows the
    /// actor named after it: only mentions may stand between.
    fn complete(&self, an: &Analysis, trig_start: &[bool], tm: &Match) -> Option<usize> {
        if tm.last != tm.first + 1 {
            return None;
        }
        // the word as written, or without its conjunction («ووقعت»; but «وقعت» is a verb itself)
        let w = an.tok_text(tm.first);
        let cands = self
            .0
            .get(w)
            .or_else(|| self.0.get(w.strip_prefix(['و', 'ف'])?))?;
        let si = an.sent_of[tm.first];
        let s1 = an.sentences[si].1;
        // the actor right after the verb, then at most fourteen words (titles, a second name, a
        // date, a place) before the rest of the phrase, with no other trigger or clause opening between
        let m = an.mentions.iter().find(|m| m.first == tm.last)?;
        // (commas may set off a date: «وقعت مصر والسعودية، أمس الجمعة، 17 اتفاقية»)
        let opens = |i: usize| {
            COMPLEMENTIZERS.contains(&an.tok_text(i))
                || trig_start[i]
                || an.gap_before(i).contains([':', '.'])
        };
        for k in m.last..(m.last + 14).min(s1) {
            if let Some(ti) = cands.iter().find_map(|(ti, rest)| {
                (k + rest.len() <= s1
                    && rest
                        .iter()
                        .enumerate()
                        .all(|(j, r)| an.tok_text(k + j) == r.as_str()))
                .then_some(*ti)
            }) {
                return Some(ti);
            }
            if opens(k) {
                return None;
            }
        }
        None
    }
}

/// The dateline names the outlet's desk rather than the reporter's place: an agency written in Latin
/// letters after the place («دبي، الإمارات العربية المتحدة (CNN)--»).
fn desk(d: &rasd_time::Dateline) -> bool {
    d.agency
        .as_deref()
        .is_some_and(|a| a.chars().any(|c| c.is_ascii_alphabetic()))
}

/// The dateline of a document and its analysis (mentions, places, triggers), read with the
/// dateline's date (else the publication date) for office-holders, its agency's state for
/// unplaced titles, and its place unless it is an outlet's desk.
fn read_doc(
    dict: &Dict,
    doc: &DocInput,
    published: Option<Date>,
) -> (Option<rasd_time::Dateline>, Analysis) {
    let dateline = rasd_time::find_dateline_with(doc.text, published);
    let dl_span = dateline.as_ref().map(|d| (d.start, d.end));
    let ref_date = dateline
        .as_ref()
        .and_then(|d| d.date)
        .or(published)
        .map(|d| d.to_string());
    let wire = dateline.as_ref().is_some_and(|d| !desk(d));
    // the state of a national agency signing the dateline
    let home = dateline
        .as_ref()
        .and_then(|d| d.agency.as_deref())
        .and_then(|a| dict.agency_home(a));
    let an = analyse(
        dict,
        doc.text,
        doc.furniture,
        ref_date.as_deref(),
        dl_span,
        wire,
        home,
    );
    (dateline, an)
}

/// Every trigger candidate of a text, with its features (see [`crate::Coder::candidates`]).
pub(crate) fn candidates(dict: &Dict, text: &str) -> Vec<crate::learn::Candidate> {
    let doc = DocInput {
        name: "",
        text,
        published: None,
        furniture: &[],
    };
    let (_, an) = read_doc(dict, &doc, None);
    an.candidates
        .iter()
        .filter_map(|c| match c.entry {
            EntryRef::Trigger(k) if !dict.triggers[k].speech => {
                let (start, end) = an.tok_span(c.first, c.last);
                Some(crate::learn::Candidate {
                    start,
                    end,
                    kind: dict.triggers[k].kind.clone(),
                    features: crate::learn::features(dict, &an, c, &dict.triggers[k]),
                })
            }
            _ => None,
        })
        .collect()
}

pub(crate) fn explain(dict: &Dict, doc: &DocInput) -> String {
    use std::fmt::Write;
    let (dateline, an) = read_doc(dict, doc, doc.published.and_then(Date::parse));
    let words = |a: usize, b: usize| -> String {
        (a..b).map(|i| an.tok_text(i)).collect::<Vec<_>>().join(" ")
    };
    let mut out = String::new();
    if let Some(d) = &dateline {
        let _ = writeln!(
            out,
            "dateline  {}..{} date {:?} agency {:?}",
            d.start, d.end, d.date, d.agency
        );
    }
    for (si, &(a, b)) in an.sentences.iter().enumerate() {
        let fur = if a < b && an.excluded[a] {
            " [furniture]"
        } else {
            ""
        };
        let _ = writeln!(out, "sentence {si}{fur}: {}", words(a, b));
        for m in an.mentions.iter().filter(|m| an.sent_of[m.first] == si) {
            let _ = writeln!(
                out,
                "  actor    {:<30} -> {} ({}, {}, {:?}) kind {:?} role {:?}",
                words(m.first, m.last),
                m.actor.name,
                m.actor.country.as_deref().unwrap_or("-"),
                m.actor.sector,
                m.actor.id,
                m.kind,
                m.role
            );
        }
        for p in an.places.iter().filter(|p| an.sent_of[p.first] == si) {
            let _ = writeln!(
                out,
                "  place    {:<30} -> {} {} at={} to={} dateline={} seat={}",
                words(p.first, p.first + 1),
                p.name.as_deref().unwrap_or("-"),
                p.country,
                p.at,
                p.to,
                p.dateline,
                p.seat
            );
        }
        for t in an.triggers.iter().filter(|t| an.sent_of[t.first] == si) {
            if let EntryRef::Trigger(ti) = t.entry {
                let tr = &dict.triggers[ti];
                let _ = writeln!(
                    out,
                    "  trigger  {:<30} -> {} {} {} mode {:?}{}",
                    words(t.first, t.last),
                    tr.kind,
                    tr.cameo,
                    tr.pos,
                    tr.mode,
                    if t.future { " future" } else { "" }
                );
            }
        }
    }
    out
}

/// The trained models the coder decides with.
pub(crate) struct Models<'a> {
    pub trigger: &'a crate::learn::Model,
    pub roles: &'a crate::learn::Model,
    pub threshold: f64,
    /// The trigger model's probability from which an event with an actor missing is kept.
    pub incomplete: f64,
}

pub(crate) fn code(
    dict: &Dict,
    split: &SplitPhrases,
    models: &Models,
    doc: &DocInput,
) -> Vec<Event> {
    code_collect(dict, split, models, doc, false).0
}

/// [`code`], also returning the argument candidates of every event when `collect` is set.
pub(crate) fn code_collect(
    dict: &Dict,
    split: &SplitPhrases,
    models: &Models,
    doc: &DocInput,
    collect: bool,
) -> (Vec<Event>, Vec<crate::learn::RoleCase>) {
    let (model, threshold) = (models.trigger, models.threshold);
    let published = doc.published.and_then(Date::parse);
    let (dateline, an) = read_doc(dict, doc, published);
    let anchors = Anchors {
        dateline: dateline.as_ref().and_then(|d| d.date),
        published,
    };
    let dl_span = dateline.as_ref().map(|d| (d.start, d.end));
    // the dateline's own date anchors the others; it does not date events by itself
    let times: Vec<TimeExpr> = rasd_time::resolve(doc.text, &anchors)
        .into_iter()
        .filter(|t| {
            !doc.furniture
                .iter()
                .any(|&(a, b)| t.start >= a && t.start < b)
        })
        .filter(|t| dl_span.is_none_or(|(a, b)| t.end <= a || t.start >= b))
        .collect();
    let orig: Vec<char> = doc.text.chars().collect();

    // dateline place, looked up in the gazetteer
    let dateline_place = dateline
        .as_ref()
        .and_then(|d| d.place.as_ref())
        .and_then(|(s, e, _)| {
            an.places
                .iter()
                .find(|p| {
                    let (ps, _) = an.tok_span(p.first, p.first + 1);
                    ps >= *s && ps < *e
                })
                .cloned()
        });

    let desk_dateline = dateline.as_ref().is_some_and(desk);
    // title: the first non-furniture line when it is short and more text follows
    let title = an
        .sentences
        .iter()
        .position(|&(a, _)| !an.excluded[a])
        .filter(|&si| {
            let (a, _) = an.sentences[si];
            // the title is a short first line, though it may hold two sentences
            // («... الإسرائيلية.. ويتهم كيري بالتقصير»)
            let line_end = (si..an.sentences.len()).find(|&k| {
                let b = an.sentences[k].1;
                an.gap_after(b).contains('\n') || b == an.toks.len()
            });
            let b = line_end.map(|k| an.sentences[k].1).unwrap_or(an.toks.len());
            b - a <= 30
                && line_end.is_some_and(|k| k + 1 < an.sentences.len())
                && si + 1 < an.sentences.len()
                && dl_span.is_none_or(|(s, _)| an.tok_span(a, a + 1).0 != s)
        });

    // the lead: the first three real sentences after the title
    // the body starts after the title's line
    let body_start = title
        .map(|t| {
            (t..an.sentences.len())
                .find(|&k| an.gap_after(an.sentences[k].1).contains('\n'))
                .unwrap_or(t)
                + 1
        })
        .unwrap_or(0);
    let lead: Vec<usize> = (body_start..an.sentences.len())
        .filter(|&i| {
            let (a, b) = an.sentences[i];
            b - a >= 8 && !an.excluded[a]
        })
        .take(3)
        .collect();
    // the document's own date: a relative or explicit day near the top, else the dateline, else publication
    let lead_end = lead
        .last()
        .map(|&i| an.sentences[i].1)
        .unwrap_or(an.toks.len());
    let lead_end_char = if lead_end == 0 {
        0
    } else {
        an.tok_span(lead_end - 1, lead_end).1
    };
    let doc_date = times
        .iter()
        .find(|t| {
            t.end <= lead_end_char
                && matches!(t.value, Some(Value::Day(_)))
                && !matches!(t.basis, Basis::None)
        })
        .map(|t| (value_str(t.value.as_ref().unwrap()), t.text.clone()))
        .or_else(|| {
            anchors
                .dateline
                .map(|d| (d.to_string(), "dateline".to_string()))
        })
        .or_else(|| published.map(|d| (d.to_string(), "publication date".to_string())));

    let mut sentence_mode = vec![None; an.sentences.len()];
    for tm in &an.triggers {
        if let EntryRef::Trigger(ti) = tm.entry {
            if dict.triggers[ti].mode.as_deref() == Some("phone") {
                sentence_mode[an.sent_of[tm.first]] = Some("phone".to_string());
            }
        }
    }
    let mut ctx = Ctx {
        dict,
        an,
        orig,
        times,
        doc_date,
        published,
        dateline_place,
        desk_dateline,
        title,
        lead,
        sentence_mode,
        roles: models.roles,
        listed: Vec::new(),
        role_cases: collect.then(|| std::cell::RefCell::new(Vec::new())),
    };
    let mut events = Vec::new();
    let mut last_subject: Option<Mention> = None;
    // the lexicon's matches, and the first words of split phrases («قطعت» ... «علاقاتها»)
    let openers = split.openers(&ctx.an);
    let mut trig_start = vec![false; ctx.an.toks.len()];
    for t in &ctx.an.triggers {
        trig_start[t.first] = true;
    }
    // the tokens inside a time expression (each expression's tokens found by binary search)
    let mut in_time = vec![false; ctx.an.toks.len()];
    for t in &ctx.times {
        let n = ctx.an.toks.len();
        let mut i = first_token_from(&ctx.an, t.start);
        while i < n {
            let (a, b) = ctx.an.tok_span(i, i + 1);
            if a < t.start || b > t.end {
                break;
            }
            in_time[i] = true;
            i += 1;
        }
    }
    let mut all: Vec<(Match, bool)> = ctx.an.triggers.iter().map(|m| (*m, false)).collect();
    let mut listed_at = vec![false; ctx.an.toks.len()];
    let mut cands_at: Vec<Vec<usize>> = vec![Vec::new(); ctx.an.toks.len()];
    for (i, c) in ctx.an.candidates.iter().enumerate() {
        cands_at[c.first].push(i);
    }
    all.extend(openers.into_iter().map(|m| (m, true)));
    // (a split phrase of the hand-written list before a single word at the same place: its event is
    // the one kept when both tell the same)
    all.sort_by_key(|(m, opener)| (m.first, !*opener));
    for (tm, opener) in all {
        let EntryRef::Trigger(ti) = tm.entry else {
            continue;
        };
        if dict.triggers[ti].speech {
            continue;
        }
        // a word of a time expression is no trigger («فجر اليوم» is dawn, not «فجّر»)
        if in_time[tm.first..tm.last].iter().all(|&b| b) {
            continue;
        }
        // a phrase of the hand-written list completed across its subject («وقع الرئيسان ... مذكرة
        // تفاهم») stands on its own, as a listed phrase does
        let completed = split
            .complete(&ctx.an, &trig_start, &tm)
            .filter(|_| !dict.triggers[ti].invite);
        if completed.is_none() && opener {
            continue;
        }
        let prob = |c: &Match, k: usize| {
            model.prob_hashed(&crate::learn::feature_hashes(
                dict,
                &ctx.an,
                c,
                &dict.triggers[k],
            ))
        };
        // the learned decision: of the candidates on this word, the likeliest event, if likely enough
        let (tm, ti, confidence, listed) = if opener || model.is_empty() {
            (tm, ti, None, true)
        } else if completed.is_some() {
            (tm, ti, Some(prob(&tm, ti)), true)
        } else {
            let best = cands_at[tm.first]
                .iter()
                .map(|&i| &ctx.an.candidates[i])
                .filter(|c| c.last >= tm.last)
                .filter_map(|c| match c.entry {
                    EntryRef::Trigger(k) if !dict.triggers[k].speech => Some((*c, k, prob(c, k))),
                    _ => None,
                })
                .max_by(|a, b| a.2.total_cmp(&b.2));
            match best {
                Some((c, k, p)) if p >= threshold => {
                    // (listed when the hand-written list has the word too, for the same type)
                    let listed = cands_at[c.first].iter().map(|&i| &ctx.an.candidates[i]).any(|o| {
                        o.last == c.last
                            && o.lemma.is_none()
                            && matches!(o.entry, EntryRef::Trigger(j) if dict.triggers[j].kind == dict.triggers[k].kind)
                    });
                    (c, k, Some(p), listed)
                }
                // a phrase of the hand-written trigger list stands on its own; the model still
                // gives its confidence
                _ if tm.lemma.is_none() => (tm, ti, Some(prob(&tm, ti)), true),
                _ => continue,
            }
        };
        let trig = match completed {
            Some(t) => &dict.triggers[t],
            None => &dict.triggers[ti],
        };
        if let Some(mut ev) = ctx.event(doc, &tm, trig, &mut last_subject) {
            ev.0.confidence = confidence.map(|p| (p * 1000.0).round() / 1000.0);
            if listed {
                listed_at[tm.first] = true;
            }
            events.push(ev);
        }
    }
    ctx.listed = listed_at;
    ctx.occasion(&mut events);
    ctx.speech_places(&mut events);
    ctx.orient_by_visits(&mut events);
    ctx.refine_hosts(&mut events);
    condemned_acts(&mut events);
    // the headline is chosen before duplicates go, so that the lead's report of the title's event
    // (richer in names, dates and places) can be the one kept
    ctx.mark_headline(&mut events);
    ctx.title_and_lead(&mut events);
    // (each sentence's count read once)
    let mut counted: std::collections::HashMap<usize, (Option<u32>, Option<u32>)> =
        std::collections::HashMap::new();
    for (e, si, _) in events.iter_mut() {
        if e.kind == "ASSAULT" {
            (e.killed, e.injured) = *counted.entry(*si).or_insert_with(|| ctx.casualties(*si));
        }
    }
    dedupe(&mut events);
    complete_dyads(&mut events, models.incomplete);
    let cases = ctx.role_cases.map(|c| c.into_inner()).unwrap_or_default();
    (finish(events), cases)
}

impl From<&PlaceMention> for Location {
    fn from(p: &PlaceMention) -> Self {
        Location {
            name: p.name.clone(),
            country: p.country.clone(),
            lat: p.lat,
            lon: p.lon,
        }
    }
}

/// type, source, target, date, status
type DedupeKey = (
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    String,
);

/// The first token that starts at or after char `pos` of the original text.
fn first_token_from(an: &Analysis, pos: usize) -> usize {
    let (mut lo, mut hi) = (0, an.toks.len());
    while lo < hi {
        let mid = (lo + hi) / 2;
        if an.tok_span(mid, mid + 1).0 < pos {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

/// «أدان مجلس الأمن الهجوم الذي استهدف ...»: a condemnation of an act targets whoever did it. An
/// accusation whose object is an attack told in its sentence (the next event, within six words
/// after it: its subject may stand between) takes the attack's source as its target.
fn condemned_acts(events: &mut [(Event, usize, usize)]) {
    for i in 0..events.len() {
        let (si, tok) = (events[i].1, events[i].2);
        if events[i].0.kind != "ACCUSE" {
            continue;
        }
        // (the events are in the order of their triggers: only those just after it are looked at)
        let attacker = events[i + 1..]
            .iter()
            .take_while(|(_, _, t)| *t <= tok + 6)
            .filter(|(_, s, t)| *s == si && *t > tok)
            .min_by_key(|(_, _, t)| *t)
            .filter(|(e, _, _)| e.kind == "ASSAULT")
            .and_then(|(e, _, _)| e.source.clone());
        if let Some(a) = attacker {
            if events[i]
                .0
                .source
                .as_ref()
                .is_none_or(|s| !same_actor(s, &a))
            {
                events[i].0.target = Some(a);
            }
        }
    }
}

fn dedupe(events: &mut Vec<(Event, usize, usize)>) {
    let key = |e: &Event| -> DedupeKey {
        (
            e.kind.clone(),
            e.source.as_ref().map(|a| a.name.clone()),
            e.target.as_ref().map(|a| a.name.clone()),
            e.date.clone(),
            e.status.clone(),
        )
    };
    // the headline claims its key first, so a duplicate of it is the one dropped
    let mut seen: Vec<DedupeKey> = events
        .iter()
        .filter(|(e, _, _)| e.headline)
        .map(|(e, _, _)| key(e))
        .collect();
    // a repeated mention merges into the first one kept, which keeps its evidence spans (before
    // its own trigger, which stays last)
    let mut merged: Vec<Vec<Span>> = vec![Vec::new(); events.len()];
    let mut keep = vec![true; events.len()];
    for i in 0..events.len() {
        if events[i].0.headline {
            continue;
        }
        let k = key(&events[i].0);
        if let Some(j) = seen.iter().position(|s| *s == k) {
            let into = (0..events.len())
                .find(|&x| keep[x] && x != i && key(&events[x].0) == seen[j])
                .unwrap_or(i);
            if into != i {
                keep[i] = false;
                let ev = events[i].0.evidence.clone();
                merged[into].extend(ev);
                continue;
            }
        }
        seen.push(k);
    }
    let mut i = 0;
    events.retain_mut(|(e, _, _)| {
        let k = keep[i];
        if k && !merged[i].is_empty() {
            let trigger = e.evidence.pop();
            e.evidence.append(&mut merged[i]);
            e.evidence.extend(trigger);
        }
        i += 1;
        k
    });
}

/// Drops the events with a source or target missing unless the trigger model is at least `min` sure
/// that the event happened (an event is a dyad: PETRARCH and ICEWS code none without both actors;
/// an attack by unknown gunmen is still an attack).
fn complete_dyads(events: &mut Vec<(Event, usize, usize)>, min: f64) {
    events.retain(|(e, _, _)| {
        (e.source.is_some() && e.target.is_some())
            || min <= 0.0
            || e.confidence.is_some_and(|p| p >= min)
    });
}

impl Analysis {
    pub(crate) fn gap_after(&self, last: usize) -> &str {
        if last == 0 || last >= self.toks.len() {
            return "\n";
        }
        &self.norm.text()[self.toks[last - 1].end..self.toks[last].start]
    }
}

fn same_actor(a: &Actor, b: &Actor) -> bool {
    a.name == b.name || (a.id.is_some() && a.id == b.id)
}

impl Ctx<'_> {
    fn span(&self, a: usize, b: usize) -> Span {
        let (s, e) = (a.min(b), a.max(b));
        Span {
            start: s,
            end: e,
            text: self.orig[s.min(self.orig.len())..e.min(self.orig.len())]
                .iter()
                .collect(),
        }
    }

    fn event(
        &self,
        doc: &DocInput,
        tm: &Match,
        trig: &Trigger,
        last_subject: &mut Option<Mention>,
    ) -> Option<(Event, usize, usize)> {
        let an = &self.an;
        let si = an.sent_of[tm.first];
        let (s0, s1) = an.sentences[si];
        // «دعا X Y لزيارة Z»: the announced visit, coded once, from the verb of inviting
        if trig.invite {
            if let Some(v) = self.invited_meeting(tm) {
                if let Some(ev) = self.invitation(doc, tm, &v) {
                    return Some(ev);
                }
            }
        }
        // «دعا إلى مراجعة شاملة للعلاقات مع إسرائيل»: calling for a step one's own side would take
        // against another is the threat itself, coded from the step's noun (a call for sanctions
        // stays a request: others are asked to impose them)
        if trig.invite && self.governed_step(tm).is_some() {
            return None;
        }
        // «ينفي لقاءه نتنياهو», «نفى ... أن يكون قد التقى»: a denial of an event is that event,
        // negated, not a rejection
        if trig.kind == "REJECT" && self.denies_event(tm) {
            return None;
        }
        // the meeting an inviting verb governs is coded with it: as the announced visit, or, in
        // «دعت فرنسا إلى اجتماع», as the call (REQUEST) itself
        if trig.kind == "CONSULT" && self.inviting_verb(tm).is_some() {
            return None;
        }
        // a condition is not an event: «إذا رفض», «في حال رفضت», «لو زار», «إن رفض» (إنْ + a perfective)
        let word = |k: usize| {
            if k < tm.first && k >= s0 {
                an.tok_text(k)
            } else {
                ""
            }
        };
        let p1 = tm.first.checked_sub(1).map(word).unwrap_or("");
        let p2 = tm.first.checked_sub(2).map(word).unwrap_or("");
        let perfective = trig.pos == "verb"
            && !an
                .tok_text(tm.first)
                .trim_start_matches(['و', 'ف'])
                .starts_with(['ي', 'ت', 'ن']);
        if matches!(p1, "اذا" | "لو" | "لولا" | "حال" | "حاله")
            || (p2 == "في" && matches!(p1, "حال" | "حاله"))
            || (p1 == "ان" && perfective)
        {
            return None;
        }
        // clause start: after the last complementizer before the trigger
        // (or after a colon: «بولتون: ترمب سيطرح ...»)
        let mut cs = s0;
        // the clause is adverbial («وزاد ماكرون الخلاف عندما وجه انتقادا»): its unnamed subject is the
        // main clause's
        let mut adverbial = false;
        for i in s0..tm.first {
            let w = an.tok_text(i);
            let sub = SUBORDINATORS.contains(&w.trim_start_matches('و'));
            if COMPLEMENTIZERS.contains(&w) || sub {
                cs = i + 1;
                adverbial = sub;
            } else if i > s0 && an.gap_before(i).contains(':') {
                cs = i;
                adverbial = false;
            }
        }
        let in_sent: Vec<&Mention> = an
            .mentions
            .iter()
            .filter(|m| m.first >= s0 && m.last <= s1)
            .collect();
        let before: Vec<&Mention> = in_sent
            .iter()
            .copied()
            .filter(|m| m.first >= cs && m.last <= tm.first)
            .collect();
        // the clause ends where an adverbial clause opens («... بعدما أبرمت إيران ...»)
        let ce = (tm.last..s1)
            .find(|&i| SUBORDINATORS.contains(&an.tok_text(i).trim_start_matches('و')))
            .unwrap_or(s1);
        let after: Vec<&Mention> = in_sent
            .iter()
            .copied()
            .filter(|m| m.first >= tm.last && m.last <= ce)
            .collect();
        // the speaker of the sentence: first person before the clause
        let speaker: Option<&Mention> = in_sent
            .iter()
            .copied()
            .find(|m| m.first < cs && m.kind == Kind::Person)
            // «أعرب لافروف عن تقدير روسيا»: the person the sentence opens with speaks for their state
            .or_else(|| {
                in_sent
                    .iter()
                    .copied()
                    .find(|m| m.last <= tm.first && m.kind == Kind::Person)
            })
            .or(last_subject.as_ref());

        let pick_before = |v: &[&Mention]| -> Option<Mention> {
            v.iter()
                .find(|m| m.kind == Kind::Person)
                .or(v.first())
                .map(|m| (*m).clone())
        };
        // «قالت مصر إنها تطالب إيران»: a complementizer carrying a pronoun makes the speaker the subject
        // (but «أنه تم ...» is impersonal)
        let pronoun_clause = (cs > s0
            && matches!(an.tok_text(cs - 1), "انه" | "انها" | "بانه" | "بانها")
            && !matches!(an.tok_text(cs), "تم" | "يتم" | "سيتم" | "جري" | "يجري"))
            // «نفى الوزير أن يكون قد التقى نتنياهو»: with only auxiliaries before the verb, its
            // subject is the one who speaks
            || (cs > s0
                && cs < tm.first
                && (cs..tm.first)
                    .all(|i| matches!(an.tok_text(i), "يكون" | "تكون" | "قد" | "كان" | "كانت")));
        let frame_actor: Option<&Mention> = in_sent
            .iter()
            .copied()
            .filter(|m| m.last < cs && !matches!(m.kind, Kind::Pair | Kind::OwnCountry))
            .find(|m| m.kind == Kind::Person)
            .or_else(|| {
                in_sent
                    .iter()
                    .copied()
                    .find(|m| m.last < cs && !matches!(m.kind, Kind::Pair | Kind::OwnCountry))
            });
        // a subject or a possessor never carries a preposition: «بالرئيس», «للحوثيين», «على مواقع ...»,
        // nor is it the complement of a noun after one («مع قادة الجيش الحر»)
        let preposition = |k: usize| {
            matches!(
                an.tok_text(k),
                "علي" | "ضد" | "الي" | "من" | "عن" | "في" | "مع" | "بين" | "لدي" | "نحو"
            )
        };
        let governed = |m: &Mention| {
            let w = an.tok_text(m.first);
            let w = w.strip_prefix('و').unwrap_or(w);
            w.starts_with("بال")
                || w.starts_with("لل")
                || w.starts_with("كال")
                || an.prep[m.first].is_some()
                || (m.first > s0 && preposition(m.first - 1))
                || (m.first > s0 + 1
                    && preposition(m.first - 2)
                    && GROUP_HEADS.contains(&an.tok_text(m.first - 1)))
        };
        // «لقاء الزعيمين», «زيارة الرئيس الصيني»: a meeting word's possessor is its subject
        let possessor = (trig.pos == "noun")
            .then(|| after.first().copied())
            .flatten()
            .filter(|m| {
                m.first == tm.last && matches!(m.kind, Kind::Pair | Kind::Person) && !governed(m)
            });
        // an actor before the trigger governed by a preposition («الخلاف مع السعودية لن يؤثر») is not
        // its subject
        // (a possessive «ل» stays: «سفينة تابعة للبحرية الأمريكية أبحرت» is the navy's act)
        let before_free: Vec<&Mention> = before
            .iter()
            .copied()
            .filter(|m| !(m.first > s0 && preposition(m.first - 1)))
            .collect();
        // «عقد وزراء خارجية دول مجلس التعاون ووزير الخارجية الأميركي اجتماعا»: a meeting's subject of
        // two coordinated actors is its two parties
        let coordinated = (trig.kind == "CONSULT"
            && before_free.len() >= 2
            && before_free[1].first == before_free[0].last
            && an.tok_text(before_free[1].first).starts_with('و')
            && !matches!(before_free[1].kind, Kind::Pair | Kind::OwnCountry))
        .then(|| (before_free[0].clone(), before_free[1].clone()));
        let (mut src, rest): (Option<Mention>, Vec<&Mention>) = if let Some(p) = possessor {
            (Some(p.clone()), after[1..].to_vec())
        } else if let Some((a, _)) = &coordinated {
            (Some(a.clone()), after.clone())
        } else if !before_free.is_empty() {
            (pick_before(&before_free), after.clone())
        } else if pronoun_clause && frame_actor.is_some() {
            (frame_actor.cloned(), after.clone())
        } else if !after.is_empty()
            && !governed(after[0])
            && (trig.pos == "verb" || after[0].first <= tm.last + 2)
        {
            // VSO: the first actor after the verb is its subject; after a noun, its possessor («زيارة الرئيس الصيني»)
            (Some(after[0].clone()), after[1..].to_vec())
        } else if !after.is_empty() && trig.pos == "verb" {
            // «شنت طائرات التحالف غارات على مواقع للحوثيين»: an actor after a preposition is the
            // object; the unnamed subject stays unknown, unless an adverbial clause takes the main one's
            (speaker.filter(|_| adverbial).cloned(), after.clone())
        } else {
            (speaker.cloned(), after.clone())
        };
        // «شنت الطائرات التركية غارات»: with no actor named, a country adjective of the clause
        // before the trigger names the acting state
        if src.is_none() {
            if let Some(&(ti, c)) = an
                .adjectives
                .iter()
                .find(|&&(ti, _)| ti >= cs && ti < tm.first && an.sent_of[ti] == si)
            {
                src = Some(self.adjective_state(ti, c));
            }
        }
        // in reported speech, «بلاده» or the speaker's own state as subject is the speaker speaking for it
        if let (Some(s), Some(sp)) = (&mut src, speaker) {
            let own_state = matches!(s.kind, Kind::State | Kind::Institution)
                && s.actor.country.is_some()
                && s.actor.country == sp.actor.country;
            if (s.kind == Kind::OwnCountry || own_state) && sp.kind == Kind::Person {
                let (start, end, text) = (s.actor.start, s.actor.end, s.actor.text.clone());
                *s = sp.clone();
                s.actor.start = start;
                s.actor.end = end;
                s.actor.text = text;
            }
        }
        // «أدان المجلس الهجوم», «طالب بالإفراج عن»: what one condemns or demands is another's act;
        // an event noun governed by a verb of accusing or requesting does not take that verb's subject
        // (the verb's own subject may stand between them: «أدان مجلس الأمن بشدة الهجوم»)
        // (the triggers are in text order and do not overlap: the last one ending before this one)
        let (lo, hi) = (
            an.triggers.partition_point(|t| t.first < cs),
            an.triggers.partition_point(|t| t.first < tm.first),
        );
        let governor = an.triggers[lo..hi.max(lo)]
            .iter()
            .rev()
            .find(|t| t.last <= tm.first)
            .filter(|t| tm.first - t.last <= 6)
            .filter(|t| {
                // (a call for a step one's own side would take, «دعا إلى مراجعة العلاقات», is the
                // caller's threat: coded from the step, with the caller)
                matches!(t.entry, EntryRef::Trigger(k)
                    if self.dict.triggers[k].pos == "verb"
                        && !self.dict.triggers[k].invite
                        && matches!(self.dict.triggers[k].kind.as_str(), "ACCUSE" | "REQUEST"))
            });
        // «الهجوم الذي استهدف القوات»: a verb right after a relative pronoun has the noun before the
        // pronoun as its subject; when that noun is no actor, the verb's subject is not named
        let relative = trig.pos == "verb"
            && tm.first > s0
            && RELATIVES.contains(&an.tok_text(tm.first - 1).trim_start_matches('و'));
        let governed_from = if trig.pos == "noun" && governor.is_some() {
            Some(tm.first)
        } else if relative {
            Some(tm.first - 1)
        } else {
            None
        };
        let barred = |m: &Mention, g: usize| m.last <= g && !(relative && m.last == g);
        if let Some(g) = governed_from {
            if src.as_ref().is_some_and(|m| barred(m, g)) {
                src = None;
            }
        }
        let mut tgt: Option<Mention> = coordinated.map(|(_, b)| b);
        if let Some(s) = src.clone() {
            if s.kind == Kind::Pair {
                // «اتفق الجانبان»: the two principal actors of the document; «رئيسا البلدين»: their leaders
                let role = s.role.clone();
                if let Some((mut a, mut b)) = self.principal_pair(tm.first) {
                    let holder = |m: Mention| -> Mention {
                        let date = self.ref_date();
                        let person = role.as_deref().and_then(|r| {
                            let iso = m.actor.country.as_deref()?;
                            role_holder(self.dict, iso, r, date.as_deref())
                        });
                        match person {
                            Some(p) => Mention {
                                actor: person_actor(
                                    self.dict,
                                    p,
                                    date.as_deref(),
                                    s.actor.text.clone(),
                                    (s.actor.start, s.actor.end),
                                ),
                                kind: Kind::Person,
                                role: role.clone(),
                                ..m
                            },
                            None => m,
                        }
                    };
                    // «أكد الجانبان رفضهما للعقوبات الأمريكية»: the pair acts on a third party
                    // (a pair that meets meets each other: «عقد الزعيمان قمة في العاصمة الفنلندية»)
                    let third = rest.iter().find(|m| {
                        trig.kind != "CONSULT"
                            && !matches!(m.kind, Kind::Pair | Kind::OwnCountry)
                            && m.actor.country != a.actor.country
                            && m.actor.country != b.actor.country
                    });
                    // «قالت الخارجية الروسية إن الوزيرين أعربا عن رفضهما ...»: acting together on a
                    // third party, the side that reports it speaks for the pair
                    if third.is_some()
                        && frame_actor.is_some_and(|f| {
                            f.actor.country.is_some() && f.actor.country == b.actor.country
                        })
                    {
                        std::mem::swap(&mut a, &mut b);
                    }
                    src = Some(holder(a));
                    tgt = Some(match third {
                        Some(t) => (*t).clone(),
                        None => holder(b),
                    });
                }
            }
        }
        if tgt.is_none() {
            let src_actor = src.as_ref().map(|m| m.actor.clone());
            let cands: Vec<&Mention> = rest
                .iter()
                .copied()
                .filter(|m| {
                    m.kind != Kind::Pair
                        && src_actor.as_ref().is_none_or(|s| !same_actor(s, &m.actor))
                })
                .collect();
            // another state's actor before one's own, but an armed group, a party or civilians of
            // one's own state are targets too («غارات على مواقع لحزب العمال الكردستاني»)
            tgt = cands
                .iter()
                .find(|m| {
                    src_actor.as_ref().is_none_or(|s| {
                        s.country.is_none()
                            || m.actor.country.is_none()
                            || s.country != m.actor.country
                            || (s.sector != m.actor.sector
                                && matches!(
                                    m.actor.sector.as_str(),
                                    "REB" | "OPP" | "CVL" | "PTY" | "MED"
                                ))
                    })
                })
                .or(cands.first())
                .map(|m| (*m).clone());
            // «X ... مع Y خلال قمة»: the partner named with «مع» before a meeting word
            if tgt.is_none() && trig.pos == "noun" {
                tgt = before
                    .iter()
                    .find(|m| {
                        m.first > 0
                            && an.tok_text(m.first - 1) == "مع"
                            && m.kind != Kind::Pair
                            && src_actor.as_ref().is_none_or(|s| !same_actor(s, &m.actor))
                    })
                    .map(|m| (*m).clone());
            }
        }
        // «قال دي ميستورا إن إيران أكدت له أن ...»: the one the trigger's pronoun names is the speaker
        if tm.last > tm.first + 1
            && matches!(an.tok_text(tm.last - 1), "له" | "لها" | "لهم" | "لهما")
        {
            if let Some(sp) = frame_actor.filter(|f| {
                f.kind == Kind::Person
                    && src.as_ref().is_none_or(|s| !same_actor(&s.actor, &f.actor))
            }) {
                tgt = Some(sp.clone());
            }
        }
        // «فرض عقوبات على شركات إيرانية», «طرد السفير الإسرائيلي»: with no actor named after the trigger,
        // a country adjective close after it names the target's state
        let before_target = tgt.as_ref().map(|t| t.first);
        if tgt.is_none() || before_target.is_some_and(|f| f > tm.last) {
            let src_country = src.as_ref().and_then(|m| m.actor.country.clone());
            // with a target named, only an adjective right after the trigger and before it
            // («طرد السفير الإسرائيلي من عمان»); with none, the first one close after the trigger
            let limit = match before_target {
                Some(f) => f.min(tm.last + 2),
                None => (tm.last + 8).min(s1),
            };
            if let Some(&(ti, c)) = an.adjectives.iter().find(|&&(ti, c)| {
                ti >= tm.last
                    && ti < limit
                    && src_country.as_deref() != Some(self.dict.countries[c].iso3.as_str())
            }) {
                tgt = Some(self.adjective_state(ti, c));
            }
        }
        // counterpart: the same role as the source, in the country named
        if let (Some(s), Some(t)) = (&src, &mut tgt) {
            if t.kind == Kind::Counterpart {
                if let Some(iso) = t.actor.country.clone() {
                    let role = s.role.clone().or_else(|| {
                        s.actor
                            .id
                            .as_deref()
                            .and_then(|id| self.dict.people.iter().find(|p| p.id == id))
                            .and_then(|p| {
                                p.role_at(self.ref_date().as_deref())
                                    .map(|r| r.role.clone())
                            })
                    });
                    if let Some(role) = role {
                        if let Some(p) =
                            role_holder(self.dict, &iso, &role, self.ref_date().as_deref())
                        {
                            *t = Mention {
                                actor: person_actor(
                                    self.dict,
                                    p,
                                    self.ref_date().as_deref(),
                                    t.actor.text.clone(),
                                    (t.actor.start, t.actor.end),
                                ),
                                kind: Kind::Person,
                                role: Some(role),
                                ..t.clone()
                            };
                        }
                    }
                    if t.kind == Kind::Counterpart {
                        if let Some(c) = self.dict.country(&iso) {
                            t.actor.name = c.name.clone();
                        }
                    }
                }
            }
            if t.kind == Kind::OwnCountry {
                return None;
            }
        }
        // a state does not arrive: «أرسلت الإمارات طائرة ... وصلت إلى مطار دمشق» is the plane
        if trig.arrive && src.as_ref().is_some_and(|s| s.kind == Kind::State) {
            return None;
        }
        // «أربعة أشخاص اعتقلوا», «مدنيون قتلوا»: an unnamed group of civilians is no agent of an
        // arrest or an attack; before the verb, with no object after it, the unvocalised verb is a
        // passive and the group its target
        if matches!(trig.kind.as_str(), "COERCE" | "ASSAULT")
            && trig.pos == "verb"
            && tgt.is_none()
            && src.as_ref().is_some_and(|s| {
                s.actor.sector == "CVL" && s.actor.id.is_none() && s.last <= tm.first
            })
        {
            tgt = src.take();
        }
        if let Some(s) = &src {
            if s.kind == Kind::Person {
                *last_subject = Some(s.clone());
            }
        }
        self.learned_roles(tm, trig, &mut src, &mut tgt);
        if let Some(g) = governed_from {
            if src.as_ref().is_some_and(|m| barred(m, g)) {
                src = None;
            }
        }
        if tgt.is_none() {
            tgt = self.possessor(tm, trig, src.as_ref());
        }
        let roles = (
            src.as_ref().and_then(|m| m.role.clone()),
            tgt.as_ref().and_then(|m| m.role.clone()),
        );
        let mut source = src.map(|m| m.actor);
        let mut target = tgt.map(|m| m.actor);

        // status
        let prev = if tm.first > 0 {
            an.tok_text(tm.first - 1)
        } else {
            ""
        };
        let prev2 = if tm.first > 1 {
            an.tok_text(tm.first - 2)
        } else {
            ""
        };
        // «نفى ... أن يكون بوتين قد التقى ترامب»: a denial frames its clause as not having happened
        let denied =
            cs > s0 && (s0..cs).any(|i| DENIALS.contains(&an.tok_text(i).trim_start_matches('و')));
        let negated = NEGATIONS.contains(&prev)
            || DENIALS.contains(&prev.trim_start_matches('و'))
            || CANCELS.contains(&prev.trim_start_matches('و'))
            || (NEGATIONS.contains(&prev2) && !an.gap_before(tm.first - 1).contains(','))
            || denied;
        let window_end = (tm.last + 3).min(s1);
        // «قد» before an imperfective is "may"; before a perfective («كان قد رفض») it is past
        let may = |i: usize| {
            an.tok_text(i) == "قد" && i + 1 < s1 && an.tok_text(i + 1).starts_with(['ي', 'ت', 'ن'])
        };
        // «من المقرر أن», «يعتزم», «سوف» announce everything their clause reports
        let plan_opens = (s0..tm.first).any(|i| PLAN_CUES.contains(&an.tok_text(i)));
        // an event noun governed by a verb of considering or intending is not done yet
        // («تركيا تبحث إطلاق سراح القس», «تدرس فرض عقوبات»)
        let intended = trig.pos == "noun"
            && tm.first > s0
            && INTENT_VERBS.contains(&an.tok_text(tm.first - 1).trim_start_matches(['و', 'ف']));
        let cue = plan_opens
            || intended
            || (tm.first.saturating_sub(3).max(s0)..window_end)
                .any(|i| FUTURE_CUES.contains(&an.tok_text(i)) || may(i));
        // headlines use the imperfective for past events («الزياني يجتمع مع ...»)
        // (a meeting «يلتقي» on the day of publication is still to come; a statement «تطالب» is made now)
        let imperfective =
            trig.pos == "verb" && trig.kind == "CONSULT" && Some(si) != self.title && {
                let t = an.tok_text(tm.first);
                let t = t
                    .strip_prefix('و')
                    .or_else(|| t.strip_prefix('ف'))
                    .unwrap_or(t);
                t.starts_with('ي') || t.starts_with('ت') || t.starts_with('ن')
            };

        // date: the nearest date expression of the sentence, else the document's date
        let (sc, ec) = (an.tok_span(s0, s0 + 1).0, an.tok_span(ce - 1, ce).1);
        let (tc, _) = an.tok_span(tm.first, tm.last);
        // a date inside the reported clause wins over the date of the report («قال اليوم إن ... أمس»)
        let clause_c = an.tok_span(cs.min(s1 - 1), cs.min(s1 - 1) + 1).0;
        // a statement is made by the time it is reported: a later date is what it speaks about
        let pub_s = self.published.map(|d| d.to_string());
        let said = said_kind(&trig.kind);
        let near = |lo: usize| {
            self.times
                .iter()
                .filter(|t| t.start >= lo && t.end <= ec && t.value.is_some())
                .filter(|t| {
                    !said
                        || pub_s.as_deref().is_none_or(|p| {
                            t.value.as_ref().is_some_and(|v| value_str(v).as_str() <= p)
                        })
                })
                .min_by_key(|t| (t.start as i64 - tc as i64).abs())
        };
        let in_clause = near(clause_c);
        let texp = if cs > s0 && in_clause.is_some() {
            in_clause
        } else {
            near(sc)
        };
        let (mut date, mut date_text) = match texp {
            Some(t) => (t.value.as_ref().map(value_str), Some(t.text.clone())),
            None => match &self.doc_date {
                Some((d, w)) => (Some(d.clone()), Some(w.clone())),
                None => (None, None),
            },
        };
        let after_pub = match (&date, self.published) {
            (Some(d), Some(p)) => {
                d.as_str() > p.to_string().as_str()
                    || (imperfective && d.len() == 10 && d.as_str() >= p.to_string().as_str())
            }
            _ => false,
        };
        let status = if negated {
            "negated"
        } else if ((tm.future || cue) && !said_kind(&trig.kind)) || after_pub {
            // «ستدعم الصين ...» is a statement of support made now, not a plan; «سيزور» is a plan
            "planned"
        } else {
            "occurred"
        };
        // an announced event is dated only by a date its own clause gives
        if status == "planned" && (texp.is_none() || (cs > s0 && in_clause.is_none())) {
            date = None;
            date_text = None;
        }
        // «التقى في عام 2000 مع الرئيس الصيني في ذلك الحين»: an office named without a name is held
        // by whoever held it when the event happened
        if let Some(d) = date.as_deref() {
            self.redate(&mut source, roles.0.as_deref(), d);
            self.redate(&mut target, roles.1.as_deref(), d);
        }

        // place
        let mut kind = trig.kind.clone();
        let mut mode = trig.mode.clone().or_else(|| {
            if trig.kind == "CONSULT" {
                self.sentence_mode[si].clone()
            } else {
                None
            }
        });
        let mut cameo = trig.cameo.clone();
        let mut location: Option<Location> = None;
        if kind == "CONSULT" {
            if trig.host || self.host_cue(tm, source.as_ref(), s1) {
                std::mem::swap(&mut source, &mut target);
            }
            if mode.as_deref() == Some("phone") {
                location = None;
            } else {
                // «يلغي زيارته المقررة إلى الإمارات»: a journey's destination before the dateline's city
                let dest = (trig.arrive || trig.mode.as_deref() == Some("visit"))
                    .then(|| self.to_place(si, tm, ce))
                    .flatten()
                    .filter(|p| p.to && p.first <= tm.last + 3);
                let pl = match self.place_for(si, tm, ce) {
                    Some(p)
                        if p.dateline
                            || self
                                .dateline_place
                                .as_ref()
                                .is_some_and(|d| d.first == p.first) =>
                    {
                        dest.or(Some(p))
                    }
                    other => other.or(dest),
                };
                if trig.arrive || mode.as_deref() == Some("visit") {
                    // «وصل إلى بغداد», «زيارة إلى الصين»: the place's country is the host
                    if target.is_none() {
                        if let Some(p) = pl.as_ref().or(self.to_place(si, tm, ce).as_ref()) {
                            if let Some(c) = self.dict.country(&p.country) {
                                target = Some(Actor {
                                    name: c.name.clone(),
                                    country: Some(c.iso3.clone()),
                                    sector: "GOV".into(),
                                    id: Some(c.iso3.clone()),
                                    text: String::new(),
                                    start: 0,
                                    end: 0,
                                });
                            }
                        }
                    }
                }
                location = pl.map(|p| Location::from(&p));
                let sc = source.as_ref().and_then(|a| a.country.clone());
                let tc = target.as_ref().and_then(|a| a.country.clone());
                match &location {
                    Some(l) if tc.as_deref() == Some(l.country.as_str()) => {
                        mode = Some("visit".into())
                    }
                    Some(l) if sc.as_deref() == Some(l.country.as_str()) && tc.is_some() => {
                        std::mem::swap(&mut source, &mut target);
                        mode = Some("visit".into());
                    }
                    // calling on an international organisation at its seat
                    Some(_) if tc.is_none() && target.is_some() && sc.is_some() => {
                        mode = Some("visit".into())
                    }
                    Some(_) if sc.is_some() || tc.is_some() => mode = Some("third-party".into()),
                    Some(_) => {}
                    None => {
                        // with no place named, the lower-ranked official is the visitor
                        if sc.is_some()
                            && tc.is_some()
                            && sc != tc
                            && self.rank(target.as_ref()) >= 1
                            && self.rank(source.as_ref()) > self.rank(target.as_ref())
                        {
                            std::mem::swap(&mut source, &mut target);
                        }
                        let tc = target.as_ref().and_then(|a| a.country.clone());
                        let sc = source.as_ref().and_then(|a| a.country.clone());
                        if sc.is_some() && tc.is_some() && sc != tc {
                            mode = Some("visit".into());
                            location = tc.map(|c| Location {
                                name: None,
                                country: c,
                                lat: None,
                                lon: None,
                            });
                        }
                    }
                }
                // a meeting of an international body as such («وزراء خارجية دول مجلس التعاون»)
                // is multilateral; calling on it with a word of visiting stays a visit
                let body = |a: &Option<Actor>| {
                    a.as_ref().is_some_and(|a| {
                        a.country.is_none()
                            && a.sector == "IGO"
                            && a.id
                                .as_deref()
                                .is_some_and(|id| self.dict.person(id).is_none())
                    })
                };
                if (body(&source) || body(&target))
                    && trig.mode.as_deref() != Some("visit")
                    && !trig.arrive
                {
                    mode = Some("multilateral".into());
                }
                // a country-only location becomes the city the report names in that country: near
                // the event, or anywhere as the venue («القرية التي ستحتضن القمة»)
                if let Some(l) = &mut location {
                    if l.name.is_none() {
                        if let Some(p) = self
                            .an
                            .places
                            .iter()
                            .find(|p| {
                                p.country == l.country
                                    && p.name.is_some()
                                    && (p.at || p.to)
                                    && self.an.sent_of[p.first] <= si + 1
                            })
                            .or_else(|| {
                                self.an.places.iter().find(|p| {
                                    p.country == l.country && p.name.is_some() && self.venue(p)
                                })
                            })
                        {
                            l.name = p.name.clone();
                            l.lat = p.lat;
                            l.lon = p.lon;
                        }
                    }
                }
            }
            cameo = match mode.as_deref() {
                Some("phone") => "041",
                Some("visit") => "042",
                Some("third-party") => "044",
                Some("multilateral") => "044",
                _ => cameo.as_str(),
            }
            .to_string();
            if status == "planned" && kind == "CONSULT" && mode.is_none() {
                cameo = "036".into();
            }
        } else if let Some(p) = self.lead_dateline_place(si).or_else(|| {
            // what is said is not where: for statements (and sanctions, decided rather than
            // done somewhere), only a place named before the verb
            // (signing, SUPPORT 057, is done where the parties meet)
            let said = (said_kind(&kind) && cameo != "057") || kind == "SANCTION";
            // and an organisation's seat places only meetings at it
            self.place_for(si, tm, ce)
                .filter(|p| p.at && !p.seat && (!said || p.first < tm.first))
        }) {
            // a statement is made where the report was filed, not in the places it talks about
            location = Some(Location::from(&p));
        }
        // a state releases those it holds on its own ground (a release it only considers has no place)
        if kind == "RETREAT" && cameo == "084" && location.is_none() && status == "occurred" {
            if let Some(c) = source
                .as_ref()
                .filter(|a| a.id.is_some() && a.id == a.country)
                .and_then(|a| a.country.clone())
            {
                location = Some(Location {
                    name: None,
                    country: c,
                    lat: None,
                    lon: None,
                });
            }
        }
        // aid is where it is delivered: «وصلت إلى مطار دمشق الدولي»
        if kind == "AID" && location.is_none() {
            let tc = target.as_ref().and_then(|a| a.country.clone());
            location = an
                .places
                .iter()
                .find(|p| {
                    an.sent_of[p.first] == si
                        && p.first > tm.first
                        && (p.at || p.to)
                        && p.name.is_some()
                        && tc.as_deref() == Some(p.country.as_str())
                })
                .map(Location::from);
        }
        // a protest has protesters, an attack attackers: an unnamed role of such an event is the
        // lexicon's default actor, in the country where the event happens
        // (with no country known, a group still stands in; a state cannot)
        let country = location
            .as_ref()
            .and_then(|l| self.dict.country(&l.country));
        for d in self.dict.defaults.iter().filter(|d| d.kind == kind) {
            let slot = if d.role == "source" {
                &mut source
            } else {
                &mut target
            };
            let state = d.name.trim() == "{country}";
            if slot.is_some() || (state && country.is_none()) {
                continue;
            }
            let iso = country.map(|c| c.iso3.clone());
            *slot = Some(Actor {
                name: d
                    .name
                    .replace("{country}", country.map_or("", |c| c.name.as_str()))
                    .trim()
                    .to_string(),
                country: iso.clone(),
                sector: d.sector.clone(),
                id: if state { iso } else { None },
                text: String::new(),
                start: 0,
                end: 0,
            });
        }
        if source.is_none() && target.is_none() {
            return None;
        }
        if kind == "AGREE" && cameo == "036" && target.is_none() {
            kind = "CONSULT".into();
        }
        // evidence: the clause that holds trigger and actors, then the trigger
        let (t0, t1) = an.tok_span(tm.first, tm.last);
        let mut lo = t0;
        let mut hi = t1;
        for a in source.iter().chain(target.iter()) {
            if a.end > a.start && a.start >= sc && a.end <= ec {
                lo = lo.min(a.start);
                hi = hi.max(a.end);
            }
        }
        let evidence = vec![self.span(lo, hi), self.span(t0, t1)];
        Some((
            Event {
                doc: doc.name.to_string(),
                headline: false,
                date,
                date_text,
                kind,
                mode,
                cameo,
                status: status.into(),
                source,
                target,
                location,
                evidence,
                confidence: None,
                killed: None,
                injured: None,
            },
            si,
            tm.first,
        ))
    }

    /// The role model's choice among the mentions of the trigger's sentence: a mention it finds more
    /// likely than not to be the source (the target) replaces the rules' choice; with no such
    /// mention the rules' choice stays. Pair words and back-references are left to the rules.
    fn learned_roles(
        &self,
        tm: &Match,
        trig: &Trigger,
        src: &mut Option<Mention>,
        tgt: &mut Option<Mention>,
    ) {
        let collecting = self.role_cases.is_some();
        if (self.roles.is_empty() || (src.is_some() && tgt.is_some())) && !collecting {
            return;
        }
        let an = &self.an;
        let si = an.sent_of[tm.first];
        let same = |a: &Option<Mention>, m: &Mention| {
            a.as_ref()
                .is_some_and(|a| a.first == m.first && a.last == m.last)
        };
        let cands: Vec<&Mention> = an
            .mentions
            .iter()
            .filter(|m| an.sent_of[m.first] == si && (m.last <= tm.first || m.first >= tm.last))
            .collect();
        // (only the roles to fill are scored, unless every candidate is kept for training)
        if let Some(cases) = &self.role_cases {
            cases.borrow_mut().push(crate::learn::RoleCase {
                trigger: an.tok_span(tm.first, tm.last),
                kind: trig.kind.clone(),
                mentions: cands
                    .iter()
                    .map(|m| crate::learn::RoleCandidate {
                        span: an.tok_span(m.first, m.last),
                        source: crate::learn::role_features(
                            self.dict,
                            an,
                            tm,
                            trig,
                            m,
                            same(src, m),
                            "src",
                        ),
                        target: crate::learn::role_features(
                            self.dict,
                            an,
                            tm,
                            trig,
                            m,
                            same(tgt, m),
                            "tgt",
                        ),
                    })
                    .collect(),
            });
        }
        let hashes = |role: &str, chosen: &Option<Mention>| -> Vec<Vec<u64>> {
            cands
                .iter()
                .map(|m| {
                    crate::learn::role_feature_hashes(
                        self.dict,
                        an,
                        tm,
                        trig,
                        m,
                        same(chosen, m),
                        role,
                    )
                })
                .collect()
        };
        let feats: (Vec<Vec<u64>>, Vec<Vec<u64>>) = (
            if src.is_none() {
                hashes("src", src)
            } else {
                Vec::new()
            },
            if tgt.is_none() {
                hashes("tgt", tgt)
            } else {
                Vec::new()
            },
        );
        if self.roles.is_empty()
            || src.as_ref().is_some_and(|m| m.kind == Kind::Pair)
            || tgt.as_ref().is_some_and(|m| m.kind == Kind::Pair)
        {
            return;
        }
        // the lexicon's frame says where each argument stands: with no preposition (subject,
        // object), after a given one («على», «مع»), or as the possessor right after a noun; a
        // passive spelling makes the subject the target
        let frame = |k: usize| -> Option<String> {
            let l = &self.dict.lexicon[tm.lemma? as usize];
            let (s, t) = (l.source.as_str(), l.target.as_str());
            let f = if k == 0 { s } else { t };
            Some(if tm.passive && f == "object" && k == 1 {
                "subject".to_string()
            } else if tm.passive && k == 0 {
                "من".to_string()
            } else {
                f.to_string()
            })
        };
        let fits = |k: usize, m: &Mention| -> bool {
            let Some(f) = frame(k) else {
                return true;
            };
            let prep = an.prep.get(m.first).copied().flatten();
            let prev = if m.first > 0 {
                an.tok_text(m.first - 1)
            } else {
                ""
            };
            match f.as_str() {
                "" => true,
                "none" => false,
                "subject" | "object" => prep.is_none() && !crate::learn::is_preposition(prev),
                "possessor" => m.first == tm.last,
                p => {
                    let key = rasd_text::normalize(p);
                    match key.chars().collect::<Vec<_>>().as_slice() {
                        [c] => prep == Some(*c),
                        _ => prev == key,
                    }
                }
            }
        };
        let best = |k: usize, not: Option<usize>| {
            (0..cands.len())
                .filter(|&i| Some(i) != not && fits(k, cands[i]))
                .map(|i| {
                    let f = if k == 0 { &feats.0[i] } else { &feats.1[i] };
                    (i, self.roles.prob_hashed(f))
                })
                .filter(|&(_, p)| p >= ROLE_MIN)
                .max_by(|a, b| a.1.total_cmp(&b.1))
        };
        // the rules' choice stands; the model fills a role the rules left empty
        let taken = |a: &Option<Mention>| cands.iter().position(|m| same(a, m));
        if src.is_none() {
            if let Some((i, _)) = best(0, taken(tgt)) {
                *src = Some(cands[i].clone());
            }
        }
        if tgt.is_none() {
            if let Some((i, _)) = best(1, taken(src)) {
                *tgt = Some(cands[i].clone());
            }
        }
        // one actor does not act on itself
        if let (Some(a), Some(b)) = (src.as_ref(), tgt.as_ref()) {
            if a.first == b.first && a.last == b.last {
                *tgt = None;
            }
        }
    }

    /// «اغتيال شكري بلعيد», «مقتل خاشقجي», «اعتقال الناشط»: the words a masdar or event noun is
    /// annexed to name its target when the lexicon's frame says so (the object of its verb, or its
    /// possessor) and no actor of the dictionaries stands there: an actor known by its words only.
    fn possessor(&self, tm: &Match, trig: &Trigger, src: Option<&Mention>) -> Option<Mention> {
        let an = &self.an;
        let e = tm.lemma? as usize;
        let frame = self.dict.lexicon[e].target.as_str();
        if trig.pos != "noun" || !matches!(frame, "object" | "possessor") {
            return None;
        }
        // «أفرجت عن بحارة بريطانيين بعد احتجازهم»: a noun's pronoun suffix is its possessor, and
        // the pronoun's antecedent the nearest actor before it in the sentence, other than the source
        // (unless a «ل» phrase follows with the object: «مطالبتها لرئيسه», the suffix is the agent)
        let object_follows = tm.last < an.sentences[an.sent_of[tm.first]].1
            && an.tok_text(tm.last).starts_with('ل')
            && an.gap_before(tm.last).trim().is_empty();
        if tm.enclitic && !object_follows {
            let s0 = an.sentences[an.sent_of[tm.first]].0;
            let not_src = |a: &Actor| src.is_none_or(|s| !same_actor(&s.actor, a));
            let named = an
                .mentions
                .iter()
                .filter(|m| m.first >= s0 && m.last <= tm.first && m.kind != Kind::Pair)
                .filter(|m| not_src(&m.actor))
                .max_by_key(|m| m.last)
                .cloned();
            let adjective = an
                .adjectives
                .iter()
                .filter(|&&(ti, _)| ti >= s0 && ti < tm.first)
                .map(|&(ti, c)| self.adjective_state(ti, c))
                .filter(|m| not_src(&m.actor))
                .max_by_key(|m| m.last);
            return match (named, adjective) {
                (Some(a), Some(b)) => Some(if b.last > a.last { b } else { a }),
                (a, b) => a.or(b),
            };
        }
        let (_, s1) = an.sentences[an.sent_of[tm.first]];
        let free = |i: usize| {
            i < s1
                && !an.excluded[i]
                && !crate::mentions::is_function_word(an.tok_text(i))
                && !crate::learn::is_preposition(an.tok_text(i))
                // (adverbs of place and time end the annexed words)
                && !matches!(
                    an.tok_text(i),
                    "امام" | "خلال" | "بعد" | "قبل" | "عند" | "داخل" | "خارج" | "قرب" | "وسط" | "منذ"
                        | "اثناء" | "امس" | "اليوم" | "غدا" | "الليله" | "صباح" | "مساء"
                )
                && !an.tok_text(i).chars().any(|c| c.is_ascii_digit())
                && !an.candidates.iter().any(|c| c.first <= i && i < c.last)
                && !an.mentions.iter().any(|m| m.first <= i && i < m.last)
        };
        // right after the noun, on the same side of any punctuation
        let first = tm.last;
        if !free(first) || an.gap_before(first).trim() != "" {
            return None;
        }
        let mut last = first + 1;
        while last < first + 3 && free(last) && an.gap_before(last).trim().is_empty() {
            last += 1;
        }
        let (start, end) = an.tok_span(first, last);
        let text: String = self.orig[start..end].iter().collect();
        let country = an
            .places
            .iter()
            .find(|p| an.sent_of[p.first] == an.sent_of[tm.first] && (p.at || p.to))
            .map(|p| p.country.clone())
            .or_else(|| self.dateline_place.as_ref().map(|p| p.country.clone()));
        Some(Mention {
            first,
            last,
            actor: Actor {
                name: text.clone(),
                country,
                sector: "CVL".into(),
                id: None,
                text,
                start,
                end,
            },
            kind: Kind::Person,
            role: None,
        })
    }

    /// The dead and wounded a sentence counts: a number (in digits or words) next to a word of the
    /// dead («مقتل 5 أشخاص», «سقوط ثلاثة قتلى») or of the wounded («و7 جرحى», «إصابة عشرة»).
    fn casualties(&self, si: usize) -> (Option<u32>, Option<u32>) {
        let an = &self.an;
        let (s0, s1) = an.sentences[si];
        let (killed_w, injured_w, numbers) = &self.dict.casualty_words;
        // the token's forms: as written, then with its clitics off
        let forms: Vec<Vec<String>> = (s0..s1)
            .map(|i| {
                let t = an.tok_text(i);
                let mut v = vec![t.to_string()];
                v.extend(rasd_text::clitic_forms(t).into_iter().map(|(f, _)| f));
                v
            })
            .collect();
        let bare = |i: usize| -> &[String] { &forms[i - s0] };
        let number = |i: usize| -> Option<u32> {
            if i < s0 || i >= s1 {
                return None;
            }
            let t = an.tok_text(i);
            if let Ok(n) = t.trim_start_matches('و').parse::<u32>() {
                return Some(n);
            }
            bare(i).iter().find_map(|f| numbers.get(f).copied())
        };
        let count = |words: &Vec<String>| -> Option<u32> {
            (s0..s1)
                .filter(|&i| bare(i).iter().any(|f| words.contains(f)))
                .find_map(|i| {
                    number(i + 1)
                        .or_else(|| i.checked_sub(1).and_then(number))
                        .or_else(|| number(i + 2))
                })
        };
        (count(killed_w), count(injured_w))
    }

    /// The visit or meeting word an inviting verb governs: «لزيارة», «إلى زيارة», «للمشاركة في قمة».
    fn invited_meeting(&self, tm: &Match) -> Option<Match> {
        let an = &self.an;
        let si = an.sent_of[tm.first];
        an.triggers.iter().copied().find(|m| {
            m.first >= tm.last
                && m.first <= tm.last + 8
                && an.sent_of[m.first] == si
                && matches!(m.entry, EntryRef::Trigger(t) if self.dict.triggers[t].kind == "CONSULT")
                && (m.clitics.prep == Some('ل') || (m.first > 0 && an.tok_text(m.first - 1) == "الي"))
        })
    }

    /// A denying verb («نفى», «ينفي») whose object is an event: an event noun right after it, or a
    /// clause («أن يكون قد التقى») holding a trigger.
    fn denies_event(&self, tm: &Match) -> bool {
        let an = &self.an;
        let w = an.tok_text(tm.first);
        if tm.last != tm.first + 1 || !DENIALS.contains(&w.trim_start_matches('و')) {
            return false;
        }
        let si = an.sent_of[tm.first];
        let s1 = an.sentences[si].1;
        let is_event = |m: &Match| {
            matches!(m.entry, EntryRef::Trigger(t)
                if !self.dict.triggers[t].speech && self.dict.triggers[t].kind != "REJECT")
        };
        let noun_next = an.triggers.iter().any(|m| {
            m.first == tm.last
                && is_event(m)
                && matches!(m.entry, EntryRef::Trigger(t) if self.dict.triggers[t].pos == "noun")
        });
        let clause = (tm.last..s1)
            .find(|&i| COMPLEMENTIZERS.contains(&an.tok_text(i)))
            .is_some_and(|c| {
                an.triggers
                    .iter()
                    .any(|m| m.first > c && m.first < s1 && is_event(m))
            });
        noun_next || clause
    }

    /// A threatening noun an inviting verb governs: «يدعو لمراجعة العلاقات», «دعا إلى إعادة النظر في العلاقات».
    fn governed_step(&self, tm: &Match) -> Option<Match> {
        let an = &self.an;
        let si = an.sent_of[tm.first];
        an.triggers.iter().copied().find(|m| {
            m.first >= tm.last
                && m.first <= tm.last + 8
                && an.sent_of[m.first] == si
                && matches!(m.entry, EntryRef::Trigger(t)
                    if self.dict.triggers[t].kind == "THREATEN" && self.dict.triggers[t].pos == "noun")
                && (m.clitics.prep == Some('ل') || (m.first > 0 && an.tok_text(m.first - 1) == "الي"))
        })
    }

    /// The inviting verb that governs a visit or meeting word, if any.
    fn inviting_verb(&self, tm: &Match) -> Option<Match> {
        let an = &self.an;
        an.triggers.iter().copied().find(|m| {
            matches!(m.entry, EntryRef::Trigger(t) if self.dict.triggers[t].invite)
                && m.last <= tm.first
                && self.invited_meeting(m).is_some_and(|v| v.first == tm.first)
        })
    }

    /// An invitation: the invitee visits (source), the inviter hosts (target), status planned.
    fn invitation(&self, doc: &DocInput, tm: &Match, v: &Match) -> Option<(Event, usize, usize)> {
        let an = &self.an;
        let si = an.sent_of[tm.first];
        let (s0, s1) = an.sentences[si];
        let ok = |m: &&Mention| !matches!(m.kind, Kind::Pair | Kind::OwnCountry);
        let between: Vec<&Mention> = an
            .mentions
            .iter()
            .filter(|m| m.first >= tm.last && m.last <= v.first)
            .filter(ok)
            .collect();
        let before: Option<&Mention> = an
            .mentions
            .iter()
            .filter(|m| m.first >= s0 && m.last <= tm.first)
            .filter(ok)
            .find(|m| m.kind == Kind::Person)
            .or_else(|| {
                an.mentions
                    .iter()
                    .rfind(|m| m.first >= s0 && m.last <= tm.first && ok(m))
            });
        let (inviter, invitee) = match between.len() {
            0 => return None,
            // «دعت فرنسا إلى اجتماع»: the one actor after the verb is its subject, calling for a
            // meeting, not an invitee
            1 if before.is_none() => return None,
            1 => (before, between[0]),
            _ => (Some(between[0]), between[1]),
        };
        // where: the place or country the visit word names
        let place = an
            .places
            .iter()
            .find(|p| p.first >= v.last && p.first <= v.last + 2)
            .cloned();
        let mut location = place.map(|p| Location::from(&p));
        if location.is_none() {
            if let Some(c) = an
                .mentions
                .iter()
                .find(|m| m.first >= v.last && m.first <= v.last + 1 && m.kind == Kind::State)
                .and_then(|m| m.actor.country.clone())
            {
                location = Some(Location {
                    name: None,
                    country: c,
                    lat: None,
                    lon: None,
                });
            }
        }
        // a country named for the visit becomes the city the title or lead names in it
        if let Some(l) = &mut location {
            if l.name.is_none() {
                let near = |q: &PlaceMention| {
                    let qs = an.sent_of[q.first];
                    Some(qs) == self.title || self.lead.contains(&qs) || qs == si
                };
                if let Some(p) = an
                    .places
                    .iter()
                    .find(|p| p.country == l.country && p.name.is_some() && near(p))
                {
                    l.name = p.name.clone();
                    l.lat = p.lat;
                    l.lon = p.lon;
                }
            }
        }
        // only a date the sentence gives: an announced visit is not dated by the report
        let (sc, ec) = (an.tok_span(s0, s0 + 1).0, an.tok_span(s1 - 1, s1).1);
        let (tc, _) = an.tok_span(tm.first, tm.last);
        let texp = self
            .times
            .iter()
            .filter(|t| t.start >= sc && t.end <= ec && t.value.is_some())
            .min_by_key(|t| (t.start as i64 - tc as i64).abs());
        let source = Some(invitee.actor.clone());
        let target = inviter.map(|m| m.actor.clone());
        let (t0, t1) = an.tok_span(tm.first, tm.last);
        let (_, v1) = an.tok_span(v.first, v.last);
        let mut lo = t0;
        for a in source.iter().chain(target.iter()) {
            if a.end > a.start && a.start >= sc {
                lo = lo.min(a.start);
            }
        }
        Some((
            Event {
                doc: doc.name.to_string(),
                headline: false,
                date: texp.and_then(|t| t.value.as_ref().map(value_str)),
                date_text: texp.map(|t| t.text.clone()),
                kind: "CONSULT".into(),
                mode: Some("visit".into()),
                cameo: "036".into(),
                status: "planned".into(),
                source,
                target,
                location,
                evidence: vec![self.span(lo, v1.max(t1)), self.span(t0, t1)],
                confidence: None,
                killed: None,
                injured: None,
            },
            si,
            tm.first,
        ))
    }

    /// «جاء ذلك خلال اجتماع ... أمس الأربعاء بالقاهرة»: a sentence that names the occasion of the one
    /// before it gives that sentence's events the place and the date they lack.
    fn occasion(&self, events: &mut [(Event, usize, usize)]) {
        let an = &self.an;
        for si in 1..an.sentences.len() {
            let (a, b) = an.sentences[si];
            if b < a + 2 || an.excluded[a] {
                continue;
            }
            let w0 = an.tok_text(a).trim_start_matches('و');
            let w1 = an.tok_text(a + 1);
            if !(OCCASION_VERBS.contains(&w0) && OCCASION_REFS.iter().any(|r| w1.starts_with(r))) {
                continue;
            }
            let place = an
                .places
                .iter()
                .find(|p| an.sent_of[p.first] == si && p.at && !p.dateline && !p.seat);
            let (sc, ec) = (an.tok_span(a, a + 1).0, an.tok_span(b - 1, b).1);
            let time = self
                .times
                .iter()
                .find(|t| t.start >= sc && t.end <= ec && t.value.is_some());
            let prev = si - 1;
            let (pc, pe) = {
                let (pa, pb) = an.sentences[prev];
                (an.tok_span(pa, pa + 1).0, an.tok_span(pb - 1, pb).1)
            };
            let prev_dated = self
                .times
                .iter()
                .any(|t| t.start >= pc && t.end <= pe && t.value.is_some());
            for (e, esi, _) in events.iter_mut() {
                if *esi != prev {
                    continue;
                }
                if let Some(p) = place {
                    if e.location.is_none() && e.mode.as_deref() != Some("phone") {
                        e.location = Some(Location::from(p));
                    }
                }
                if let (Some(t), false, "occurred") = (time, prev_dated, e.status.as_str()) {
                    e.date = t.value.as_ref().map(value_str);
                    e.date_text = Some(t.text.clone());
                }
            }
        }
    }

    /// «وقال لافروف، خلال مؤتمر صحفي في موسكو، إن ...»: where a speaker is said to speak places the
    /// statements that speaker made in that sentence and the two before it.
    fn speech_places(&self, events: &mut [(Event, usize, usize)]) {
        let an = &self.an;
        for st in &an.triggers {
            let EntryRef::Trigger(ti) = st.entry else {
                continue;
            };
            if !self.dict.triggers[ti].speech || an.excluded[st.first] {
                continue;
            }
            let si = an.sent_of[st.first];
            let s1 = an.sentences[si].1;
            let Some(c) = (st.last..s1).find(|&i| COMPLEMENTIZERS.contains(&an.tok_text(i))) else {
                continue;
            };
            // the speaker named after the verb, or, with none («وقال سيادته، في كلمة ...»), the
            // person who made the statements of the sentence before
            let speaker = an
                .mentions
                .iter()
                .find(|m| m.first >= st.last && m.last <= c && m.kind == Kind::Person);
            let from = speaker.map(|m| m.first).unwrap_or(st.last);
            let Some(place) = an
                .places
                .iter()
                .find(|p| p.first >= from && p.first < c && p.at && !p.dateline && !p.seat)
            else {
                continue;
            };
            for (e, esi, _) in events.iter_mut() {
                let near = match speaker {
                    Some(_) => *esi <= si && si - *esi <= 2,
                    None => *esi + 1 == si,
                };
                let by = e.source.as_ref().is_some_and(|a| match speaker {
                    Some(sp) => same_actor(a, &sp.actor),
                    None => {
                        a.id.as_deref()
                            .is_some_and(|id| self.dict.person(id).is_some())
                    }
                });
                if near && by && said_kind(&e.kind) && e.location.is_none() {
                    e.location = Some(Location::from(place));
                }
            }
        }
    }

    /// A meeting of two states' actors with no place named is a visit by the side another sentence
    /// reports visiting: «لقاء العطية مع باترسون» … «وتأتي زيارة المسؤولة الأمريكية».
    fn orient_by_visits(&self, events: &mut [(Event, usize, usize)]) {
        let country = |a: &Option<Actor>| a.as_ref().and_then(|a| a.country.clone());
        // the visits the text itself reports with a word of visiting («زيارة», «زار»), not those
        // inferred from ranks or places
        let worded: Vec<bool> = events
            .iter()
            .map(|(_, _, tok)| {
                self.an.triggers.iter().any(|m| {
                    m.first == *tok
                        && matches!(m.entry, EntryRef::Trigger(t)
                            if self.dict.triggers[t].mode.as_deref() == Some("visit")
                                && !self.dict.triggers[t].host)
                })
            })
            .collect();
        for i in 0..events.len() {
            let e = &events[i].0;
            let (Some(a), Some(b)) = (country(&e.source), country(&e.target)) else {
                continue;
            };
            let placeless = e.location.as_ref().is_none_or(|l| l.name.is_none());
            if e.kind != "CONSULT" || a == b || !placeless || e.mode.as_deref() == Some("phone") {
                continue;
            }
            // a visit by someone of the target's state, to the source's state or to no one named
            let reversed = events.iter().enumerate().any(|(j, (v, _, _))| {
                j != i
                    && worded[j]
                    && v.kind == "CONSULT"
                    && v.mode.as_deref() == Some("visit")
                    && v.status == e.status
                    && country(&v.source).as_deref() == Some(b.as_str())
                    && country(&v.target).is_none_or(|t| t == a)
            });
            if reversed {
                let e = &mut events[i].0;
                std::mem::swap(&mut e.source, &mut e.target);
                e.mode = Some("visit".into());
                e.cameo = "042".into();
                e.location = Some(Location {
                    name: None,
                    country: a,
                    lat: None,
                    lon: None,
                });
            }
        }
    }

    /// An office-holder found from a title alone, for an event dated in another year than the
    /// report: the holder at the event's date, or the state when the dictionaries know none.
    fn redate(&self, actor: &mut Option<Actor>, role: Option<&str>, date: &str) {
        let (Some(a), Some(role)) = (actor.as_mut(), role) else {
            return;
        };
        let same_year = self.ref_date().is_some_and(|r| r.get(..4) == date.get(..4));
        let Some(p) = a.id.as_deref().and_then(|id| self.dict.person(id)) else {
            return;
        };
        if same_year || p.roles.iter().any(|r| r.role == role && r.covers(date)) {
            return;
        }
        // named in the text: the person stays («الرئيس الأمريكي باراك أوباما»)
        let text = rasd_text::normalize(&a.text);
        let named = p.ar.iter().chain(p.short.iter()).any(|f| {
            rasd_text::normalize(f)
                .split_whitespace()
                .any(|w| w.chars().count() >= 3 && text.contains(w))
        });
        let Some(iso) = a.country.clone() else {
            return;
        };
        if named {
            return;
        }
        let (text, span) = (a.text.clone(), (a.start, a.end));
        *a = match role_holder(self.dict, &iso, role, Some(date)) {
            Some(h) => person_actor(self.dict, h, Some(date), text, span),
            None => match self.dict.country(&iso) {
                Some(c) => Actor {
                    name: c.name.clone(),
                    country: Some(c.iso3.clone()),
                    sector: "GOV".into(),
                    id: Some(c.iso3.clone()),
                    text,
                    start: span.0,
                    end: span.1,
                },
                None => return,
            },
        };
    }

    /// The state a country adjective at token `ti` names («الأمريكية» → United States).
    fn adjective_state(&self, ti: usize, c: usize) -> Mention {
        let sp = self.an.tok_span(ti, ti + 1);
        let cn = &self.dict.countries[c];
        Mention {
            first: ti,
            last: ti + 1,
            actor: Actor {
                name: cn.name.clone(),
                country: Some(cn.iso3.clone()),
                sector: "GOV".into(),
                id: Some(cn.iso3.clone()),
                text: self.orig[sp.0..sp.1].iter().collect(),
                start: sp.0,
                end: sp.1,
            },
            kind: Kind::State,
            role: None,
        }
    }

    /// A visit to a state is hosted by someone: the party the visitor is reported meeting there
    /// («زار سوريا ... التقى خلالها بمقاتلين أكراد»), else the state's official of the visitor's
    /// own rank that the report names («الرئيس الصيني شي جين بينغ» for a head of state's visit).
    fn refine_hosts(&self, events: &mut [(Event, usize, usize)]) {
        let is_state = |a: &Actor| a.id.is_some() && a.id == a.country;
        for i in 0..events.len() {
            let e = &events[i].0;
            if e.kind != "CONSULT" || e.mode.as_deref() != Some("visit") {
                continue;
            }
            let (Some(src), Some(tgt)) = (&e.source, &e.target) else {
                continue;
            };
            if !is_state(tgt) || src.country == tgt.country {
                continue;
            }
            let host_country = tgt.country.clone();
            // (a) the party met: another meeting of the same visitor with a non-state actor of that state
            // (a meeting that is the purpose of the journey, «وصل ... للاجتماع بالعاهل», is not yet met)
            let purpose = |tok: usize| {
                self.an
                    .triggers
                    .iter()
                    .any(|m| m.first == tok && m.clitics.prep == Some('ل'))
            };
            let met = events.iter().enumerate().find_map(|(j, (o, _, tok))| {
                let (os, ot) = (o.source.as_ref()?, o.target.as_ref()?);
                let dates_agree = match (&o.date, &e.date) {
                    (Some(a), Some(b)) => a.starts_with(b.as_str()) || b.starts_with(a.as_str()),
                    _ => true,
                };
                (j != i
                    && !purpose(*tok)
                    && o.kind == "CONSULT"
                    && o.status == e.status
                    && dates_agree
                    && same_actor(os, src)
                    && !is_state(ot)
                    && ot.country == host_country)
                    .then(|| ot.clone())
            });
            // (b) the official of the visitor's rank the report names in the host state
            // (only for a visit that took place, and in the report's year: an announced or denied
            // visit has no host yet, and an earlier one had other office-holders)
            let this_year = match (self.ref_date(), e.date.as_deref()) {
                (Some(r), Some(d)) => r.get(..4) == d.get(..4),
                _ => true,
            };
            let host = met.or_else(|| {
                (e.status == "occurred" && this_year)
                    .then(|| self.named_counterpart(src, host_country.as_deref()?))
                    .flatten()
            });
            if let Some(h) = host {
                let span = self.span(h.start, h.end);
                let e = &mut events[i].0;
                if h.end > h.start {
                    e.evidence.push(span);
                }
                e.target = Some(h);
            }
        }
    }

    /// The first person of state `iso` the document names whose role matches `visitor`'s: the same
    /// office, or for a head of state or government, the host's head of state or government.
    fn named_counterpart(&self, visitor: &Actor, iso: &str) -> Option<Actor> {
        let date = self.ref_date();
        let role_of = |a: &Actor| -> Option<String> {
            let p = self.dict.person(a.id.as_deref()?)?;
            p.role_at(date.as_deref()).map(|r| r.role.clone())
        };
        let vr = self.rank(Some(visitor));
        if vr == 0 {
            return None;
        }
        let vrole = role_of(visitor);
        let an = &self.an;
        let cands: Vec<&Mention> = an
            .mentions
            .iter()
            .filter(|m| {
                m.kind == Kind::Person
                    && !an.excluded[m.first]
                    && m.actor.country.as_deref() == Some(iso)
                    && m.actor.id.is_some()
            })
            .collect();
        cands
            .iter()
            .find(|m| vrole.is_some() && role_of(&m.actor) == vrole)
            .or_else(|| {
                cands
                    .iter()
                    .find(|m| vr == 2 && self.rank(Some(&m.actor)) == 2)
            })
            .map(|m| m.actor.clone())
    }

    /// 2 for heads of state and government, kings, emirs and crown princes; 1 for other people; 0 otherwise.
    fn rank(&self, a: Option<&Actor>) -> u8 {
        let Some(id) = a.and_then(|a| a.id.as_deref()) else {
            return 0;
        };
        let Some(p) = self.dict.person(id) else {
            return 0;
        };
        match p
            .role_at(self.ref_date().as_deref())
            .map(|r| r.role.as_str())
        {
            Some(
                "head_of_state" | "head_of_government" | "king" | "emir" | "crown_prince"
                | "supreme_leader",
            ) => 2,
            _ => 1,
        }
    }

    fn ref_date(&self) -> Option<String> {
        self.doc_date.as_ref().map(|d| d.0.clone())
    }

    fn host_cue(&self, tm: &Match, source: Option<&Actor>, s1: usize) -> bool {
        let Some(s) = source else { return false };
        let an = &self.an;
        // «اجتمع X في مكتبه ... مع Y»: the cue follows the subject closely
        let from = an
            .mentions
            .iter()
            .find(|m| m.actor.start == s.start)
            .map(|m| m.last)
            .unwrap_or(tm.last);
        (from..(from + 4).min(s1)).any(|i| {
            let w = an.tok_text(i);
            HOST_CUES.contains(&w)
                || rasd_text::clitic_forms(w)
                    .iter()
                    .any(|(f, _)| HOST_CUES.contains(&f.as_str()))
        })
    }

    /// Where the event of a sentence happened: a place after «في»/«ب» in the sentence, an organisation's
    /// seat, the dateline's place for the lead.
    fn place_for(&self, si: usize, tm: &Match, end: usize) -> Option<PlaceMention> {
        let an = &self.an;
        let in_sent: Vec<&PlaceMention> = an
            .places
            .iter()
            .filter(|p| {
                an.sent_of[p.first] == si && p.first < end && !an.excluded[p.first] && !p.dateline
            })
            .collect();
        let at = in_sent
            .iter()
            .filter(|p| p.at && p.first >= tm.first)
            .min_by_key(|p| p.first)
            .or_else(|| {
                in_sent
                    .iter()
                    .filter(|p| p.at)
                    .min_by_key(|p| tm.first.abs_diff(p.first))
            });
        if let Some(p) = at {
            return Some((*p).clone());
        }
        self.lead_dateline_place(si)
    }

    /// A place the text says hosts a meeting: a hosting verb («تحتضن», «تستضيف») follows it closely
    /// in its sentence, with at most a relative pronoun or the future prefix between.
    fn venue(&self, p: &PlaceMention) -> bool {
        let an = &self.an;
        if an.excluded[p.first] {
            return false;
        }
        let si = an.sent_of[p.first];
        an.triggers.iter().any(|m| {
            m.first > p.first
                && m.first <= p.first + 3
                && an.sent_of[m.first] == si
                && matches!(m.entry, EntryRef::Trigger(t) if self.dict.triggers[t].host)
        })
    }

    /// The dateline's place, for an event of the title or the lead.
    fn lead_dateline_place(&self, si: usize) -> Option<PlaceMention> {
        let in_lead = self.lead.contains(&si)
            || Some(si) == self.title
            || self.lead.first().is_some_and(|&l| si < l);
        if in_lead && !self.desk_dateline {
            self.dateline_place.clone()
        } else {
            None
        }
    }

    fn to_place(&self, si: usize, tm: &Match, end: usize) -> Option<PlaceMention> {
        let an = &self.an;
        an.places
            .iter()
            .find(|p| an.sent_of[p.first] == si && p.first > tm.first && p.first < end)
            .cloned()
    }

    /// The two principal actors before token `before`: the two most mentioned countries.
    fn principal_pair(&self, before: usize) -> Option<(Mention, Mention)> {
        let mut counts: Vec<(String, usize, Mention)> = Vec::new();
        for m in self
            .an
            .mentions
            .iter()
            .filter(|m| m.first < before && !self.an.excluded[m.first])
        {
            let Some(c) = m.actor.country.clone() else {
                continue;
            };
            if let Some(e) = counts.iter_mut().find(|e| e.0 == c) {
                e.1 += 1;
            } else {
                counts.push((c, 1, m.clone()));
            }
        }
        counts.sort_by_key(|e| std::cmp::Reverse(e.1));
        if counts.len() < 2 {
            return None;
        }
        let mk = |e: &(String, usize, Mention)| {
            let c = self.dict.country(&e.0)?;
            let mut m = e.2.clone();
            m.actor = Actor {
                name: c.name.clone(),
                country: Some(c.iso3.clone()),
                sector: "GOV".into(),
                id: Some(c.iso3.clone()),
                text: m.actor.text.clone(),
                start: m.actor.start,
                end: m.actor.end,
            };
            m.kind = Kind::State;
            Some(m)
        };
        Some((mk(&counts[0])?, mk(&counts[1])?))
    }

    /// The title and the first sentence telling the same thing give one event: the headline read
    /// from the title takes the first sentence's report of the same event (same type, status and
    /// source, a target that agrees or is missing), with the date, place and target the title left
    /// out and its evidence; the lead's copy goes.
    fn title_and_lead(&self, events: &mut Vec<(Event, usize, usize)>) {
        let Some(t) = self.title else {
            return;
        };
        let Some(first) = self.lead.first().copied() else {
            return;
        };
        let Some(h) = events.iter().position(|(e, si, _)| e.headline && *si == t) else {
            return;
        };
        let agrees = |a: &Option<Actor>, b: &Option<Actor>| match (a, b) {
            (Some(a), Some(b)) => same_actor(a, b),
            _ => true,
        };
        let head = events[h].0.clone();
        let Some(j) = events.iter().position(|(e, si, _)| {
            *si == first
                && e.kind == head.kind
                && e.status == head.status
                && head.source.is_some()
                && agrees(&e.source, &head.source)
                && e.source.is_some()
                && agrees(&e.target, &head.target)
        }) else {
            return;
        };
        let (lead_ev, _, _) = events.remove(j);
        let h = if j < h { h - 1 } else { h };
        let e = &mut events[h].0;
        if e.date.is_none() {
            e.date = lead_ev.date;
            e.date_text = lead_ev.date_text;
        }
        if e.location.is_none() {
            e.location = lead_ev.location;
        }
        if e.target.is_none() {
            e.target = lead_ev.target;
        }
        let trigger = e.evidence.pop();
        e.evidence.extend(lead_ev.evidence);
        e.evidence.extend(trigger);
    }

    fn mark_headline(&self, events: &mut [(Event, usize, usize)]) {
        if events.is_empty() {
            return;
        }
        // a headline's actors are identified: named in the dictionaries or of a known state (an
        // unnamed group of no known country does not make an event the report's subject)
        let known = |a: &Option<Actor>| {
            a.as_ref()
                .is_some_and(|a| a.country.is_some() || a.id.is_some())
        };
        let complete = |e: &Event| known(&e.source) && known(&e.target);
        let countries = |e: &Event| -> Vec<String> {
            e.source
                .iter()
                .chain(e.target.iter())
                .filter_map(|a| a.country.clone())
                .collect()
        };
        // the title's first event: its main clause comes first («حزب الله اتهمها بالضعف: ...»)
        // (the title's predicate: of its complete events not governed by a preposition or an adverb
        // of time — «تعتقل ... بعد احتجاجات» is an arrest — the likeliest, else the likeliest of all)
        let governed = |first: usize| {
            let an = &self.an;
            let prev = if first > 0 {
                an.tok_text(first - 1)
            } else {
                ""
            };
            an.prep.get(first).copied().flatten().is_some()
                || crate::learn::is_preposition(prev)
                || matches!(
                    prev,
                    "بعد"
                        | "اثر"
                        | "عقب"
                        | "خلال"
                        | "بسبب"
                        | "رغم"
                        | "وسط"
                        | "منذ"
                        | "حول"
                        | "لدي"
                )
        };
        let title_ev: Option<usize> = self.title.and_then(|t| {
            let first = events.iter().position(|(_, si, _)| *si == t);
            let conf = |e: &Event| e.confidence.unwrap_or(1.0);
            // (only an event likely enough to be a headline competes)
            let in_title = || {
                events
                    .iter()
                    .enumerate()
                    .filter(|(_, (e, si, _))| *si == t && complete(e))
                    .filter(|(_, (e, _, tok))| {
                        self.listed.get(*tok).copied().unwrap_or(false)
                            || e.confidence.is_none_or(|p| p >= HEADLINE_CONFIDENCE)
                    })
            };
            // (a verb is a predicate before a noun is: «تعتقل» before «احتجاجات», «أن تغير» before «حرص»)
            let noun = |tok: usize| {
                self.an.candidates.iter().any(|c| {
                    c.first == tok
                        && matches!(c.entry, EntryRef::Trigger(k) if self.dict.triggers[k].pos == "noun")
                }) && !self.an.candidates.iter().any(|c| {
                    c.first == tok
                        && matches!(c.entry, EntryRef::Trigger(k) if self.dict.triggers[k].pos == "verb")
                })
            };
            // (a trigger governed by a preposition is the complement of the title's predicate, «لن
            // يؤثر على محادثات»: the report's subject only when the model, not a list, says it is one)
            let likeliest = |free_only: bool, verbs_only: bool| {
                in_title()
                    .filter(|(_, (e, _, tok))| {
                        !governed(*tok)
                            || (!free_only
                                && e.confidence.is_none_or(|p| p >= HEADLINE_CONFIDENCE))
                    })
                    .filter(|(_, (_, _, tok))| !verbs_only || !noun(*tok))
                    .fold(None::<usize>, |best, (i, (e, _, _))| match best {
                        Some(b) if conf(&events[b].0) >= conf(e) => Some(b),
                        _ => Some(i),
                    })
            };
            let first_complete = likeliest(true, true)
                .or_else(|| likeliest(true, false))
                .or_else(|| likeliest(false, false));
            match (first, first_complete) {
                // an incomplete first event leads only if the lead completes it
                (Some(f), Some(c)) if f != c => {
                    let fe = &events[f].0;
                    let fc = countries(fe);
                    let completed = (0..events.len()).any(|i| {
                        self.lead.contains(&events[i].1)
                            && complete(&events[i].0)
                            && events[i].0.kind == fe.kind
                            && countries(&events[i].0).iter().any(|c| fc.contains(c))
                    });
                    Some(if completed { f } else { c })
                }
                (_, Some(c)) => Some(c),
                _ => None,
            }
        });
        let lead: Vec<usize> = (0..events.len())
            .filter(|&i| self.lead.contains(&events[i].1) && complete(&events[i].0))
            .collect();
        let mut pick: Option<usize> = None;
        if let Some(ti) = title_ev {
            let te = &events[ti].0;
            let tc = countries(te);
            let shares = |e: &Event| countries(e).iter().any(|c| tc.contains(c));
            // a statement of intent in the title, made at a meeting the lead reports: the meeting
            if te.kind == "AGREE" && te.cameo == "030" {
                pick = lead.iter().copied().find(|&i| {
                    events[i].0.kind == "CONSULT"
                        && events[i].0.status == "occurred"
                        && shares(&events[i].0)
                });
            }
            if pick.is_none() {
                // the lead's report of the title's event: same type and countries; the same actors and
                // the same status as the title count first
                let same_ids = |e: &Event| {
                    let id = |a: &Option<Actor>| a.as_ref().and_then(|a| a.id.clone());
                    id(&e.source) == id(&te.source) && id(&e.target) == id(&te.target)
                };
                pick = lead
                    .iter()
                    .copied()
                    .filter(|&i| events[i].0.kind == te.kind && shares(&events[i].0))
                    .min_by_key(|&i| {
                        let e = &events[i].0;
                        (!(same_ids(e) || e.status == te.status), i)
                    });
                // a title that negates its event («يلغي زيارته») is not overruled by the lead's
                // account of the plan
                if let Some(i) = pick {
                    let e = &events[i].0;
                    if e.status != te.status && (!same_ids(e) || te.status == "negated") {
                        pick = None;
                    }
                }
            }
            if pick.is_none() {
                pick = Some(ti);
            }
        }
        // a title event left incomplete («أوباما يحث مبارك» with the name unread): the lead's event of
        // its type by its source
        if pick.is_none() {
            if let Some(t) = self.title {
                let id = |a: &Option<Actor>| a.as_ref().and_then(|a| a.id.clone());
                pick = events
                    .iter()
                    .find(|(e, si, _)| *si == t && e.source.is_some())
                    .and_then(|(te, _, _)| {
                        lead.iter().copied().find(|&i| {
                            events[i].0.kind == te.kind && id(&events[i].0.source) == id(&te.source)
                        })
                    });
            }
        }
        // a title whose events name no complete dyad («السلطات السورية تعتقل أحد أقارب الأسد»): the
        // lead's first complete event of a type the title reports, the title's likeliest type first
        if pick.is_none() {
            if let Some(t) = self.title {
                let mut kinds: Vec<(&str, f64)> = events
                    .iter()
                    .filter(|(_, si, _)| *si == t)
                    .filter(|(e, _, tok)| {
                        !governed(*tok) || e.confidence.is_none_or(|p| p >= HEADLINE_CONFIDENCE)
                    })
                    .map(|(e, _, _)| (e.kind.as_str(), e.confidence.unwrap_or(1.0)))
                    .collect();
                kinds.sort_by(|a, b| b.1.total_cmp(&a.1));
                pick = kinds
                    .iter()
                    .find_map(|(k, _)| lead.iter().copied().find(|&i| events[i].0.kind == *k));
            }
        }
        if pick.is_none() {
            pick = lead
                .iter()
                .copied()
                .find(|&i| events[i].0.kind == "CONSULT")
                .or(lead.first().copied());
        }
        // «بحثت قطر والولايات المتحدة ...» then «جاء ذلك خلال لقاء العطية مع باترسون»: the lead's report
        // of the same event between the same states, with the people named, is the fuller record
        if let Some(p) = pick {
            let persons = |e: &Event| {
                e.source
                    .iter()
                    .chain(e.target.iter())
                    .filter(|a| a.id.is_none() || a.id != a.country)
                    .count()
            };
            let mut cs = countries(&events[p].0);
            cs.sort();
            let fuller = lead.iter().copied().find(|&i| {
                let e = &events[i].0;
                let mut c = countries(e);
                c.sort();
                i != p
                    && e.kind == events[p].0.kind
                    && e.status == events[p].0.status
                    && c.len() == 2
                    && c == cs
                    && persons(e) == 2
                    && persons(&events[p].0) == 0
            });
            if fuller.is_some() {
                pick = fuller;
            }
        }
        if pick.is_none() {
            pick = (0..events.len())
                .find(|&i| complete(&events[i].0))
                .or(Some(0));
        }
        // the report's subject is told in its title or lead: an event further down, or one the model
        // doubts, is not what the report is about (a report with no political interaction has none)
        let first =
            (0..self.an.sentences.len()).find(|&s| !self.an.excluded[self.an.sentences[s].0]);
        let told_up_front = |i: usize| {
            Some(events[i].1) == self.title
                || Some(events[i].1) == first
                || self.lead.contains(&events[i].1)
        };
        // (a phrase of the hand-written trigger list stands on its own, as it does for coding)
        let curated = |i: usize| self.listed.get(events[i].2).copied().unwrap_or(false);
        let likely = |i: usize| {
            curated(i)
                || events[i]
                    .0
                    .confidence
                    .is_none_or(|p| p >= HEADLINE_CONFIDENCE)
        };
        if let Some(i) = pick.filter(|&i| told_up_front(i) && likely(i)) {
            events[i].0.headline = true;
        }
    }
}

/// The role model's probability from which it fills a role the rules left empty.
pub(crate) const ROLE_MIN: f64 = 0.3;

/// The trigger model's probability below which an event is not the report's headline.
pub(crate) const HEADLINE_CONFIDENCE: f64 = 0.5;

/// Strip the bookkeeping the coder keeps per event.
pub(crate) fn finish(events: Vec<(Event, usize, usize)>) -> Vec<Event> {
    events.into_iter().map(|(e, _, _)| e).collect()
}
