//! `rasd train`, `rasd morph` and `rasd lexicon coverage`: the learned trigger model, the analyser,
//! and the audit of the lexicon against a corpus.
use rasd_code::{learn, Coder};
use serde::Deserialize;
use std::collections::HashMap;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

#[derive(Deserialize)]
struct Sentence {
    #[serde(default)]
    id: String,
    #[serde(default)]
    draw: String,
    sentence: String,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    events: Vec<GoldEvent>,
}

#[derive(Deserialize)]
struct GoldEvent {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    trigger: Option<String>,
    #[serde(default)]
    source: Option<GoldActor>,
    #[serde(default)]
    target: Option<GoldActor>,
}

#[derive(Deserialize)]
struct GoldActor {
    #[serde(default)]
    text: Option<String>,
}

/// The annotated sentences of `paths` (JSONL files, or directories of them).
fn read_sentences(paths: &[PathBuf]) -> Result<Vec<Sentence>, String> {
    let mut files = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut v: Vec<PathBuf> = std::fs::read_dir(p)
                .map_err(|e| format!("{}: {e}", p.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
                .collect();
            v.sort();
            files.extend(v);
        } else {
            files.push(p.clone());
        }
    }
    let mut out = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).map_err(|e| format!("{}: {e}", f.display()))?;
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let s: Sentence = serde_json::from_str(line)
                .map_err(|e| format!("{}:{}: {e}", f.display(), n + 1))?;
            out.push(s);
        }
    }
    Ok(out)
}

fn char_span(text: &str, needle: &str) -> Option<(usize, usize)> {
    let b = text.find(needle)?;
    let s = text[..b].chars().count();
    Some((s, s + needle.chars().count()))
}

thread_local! {
    /// Annotated events by type: (all, reached by a candidate of the type).
    static REACH: std::cell::RefCell<std::collections::BTreeMap<String, (usize, usize)>> =
        Default::default();
}

struct Labelled {
    features: Vec<String>,
    label: bool,
}

/// Candidates of every sentence, labelled: an event when an annotated event of the same type has a
/// trigger overlapping it. Also counts the annotated events no candidate reaches.
fn label(coder: &Coder, sents: &[Sentence]) -> (Vec<Vec<Labelled>>, usize, usize, usize) {
    let (mut gold, mut reached_type, mut reached_any) = (0, 0, 0);
    let mut out = Vec::new();
    for s in sents {
        let cands = coder.candidates(&s.sentence);
        let spans: Vec<(String, (usize, usize))> = s
            .events
            .iter()
            .filter_map(|e| {
                let t = e.trigger.as_deref()?;
                Some((e.kind.clone(), char_span(&s.sentence, t)?))
            })
            .collect();
        let overlaps = |a: (usize, usize), b: (usize, usize)| a.0 < b.1 && b.0 < a.1;
        for (k, sp) in &spans {
            gold += 1;
            let e = REACH.with(|r| {
                let mut r = r.borrow_mut();
                let e = r.entry(k.clone()).or_insert((0, 0));
                e.0 += 1;
                if cands
                    .iter()
                    .any(|c| &c.kind == k && overlaps((c.start, c.end), *sp))
                {
                    e.1 += 1;
                }
                *e
            });
            let _ = e;
            if cands.iter().any(|c| overlaps((c.start, c.end), *sp)) {
                reached_any += 1;
            }
            if cands
                .iter()
                .any(|c| &c.kind == k && overlaps((c.start, c.end), *sp))
            {
                reached_type += 1;
            }
        }
        out.push(
            cands
                .into_iter()
                .map(|c| Labelled {
                    label: spans
                        .iter()
                        .any(|(k, sp)| *k == c.kind && overlaps((c.start, c.end), *sp)),
                    features: c.features,
                })
                .collect(),
        );
    }
    (out, gold, reached_type, reached_any)
}

/// The trigger model trained on every fold of `lab` (by sentence, index mod 5) but `fold`.
fn fold_model(lab: &[Vec<Labelled>], fold: usize, a: &TrainArgs) -> Result<learn::Model, String> {
    let train: Vec<(Vec<String>, bool)> = lab
        .iter()
        .enumerate()
        .filter(|(i, _)| i % 5 != fold)
        .flat_map(|(_, v)| v.iter().map(|l| (l.features.clone(), l.label)))
        .collect();
    learn::Model::parse(&learn::train(&train, a.epochs, a.l2, a.seed))
}

/// Options of `rasd train`.
pub struct TrainArgs {
    pub inputs: Vec<PathBuf>,
    pub out: PathBuf,
    pub epochs: usize,
    pub l2: f64,
    pub seed: u64,
}

/// `rasd train`: rebuilds the trigger model from annotated sentences; prints the held-out figures of a
/// 5-fold cross-validation first, then writes the model trained on all of them.
pub fn train(coder: &mut Coder, a: &TrainArgs) -> Result<bool, String> {
    let sents = read_sentences(&a.inputs)?;
    if sents.is_empty() {
        return Err("no annotated sentences in the inputs".into());
    }
    let (lab, gold, reached_type, reached_any) = label(coder, &sents);
    let n_cand: usize = lab.iter().map(Vec::len).sum();
    let n_pos: usize = lab.iter().flatten().filter(|l| l.label).count();
    eprintln!(
        "{} sentences, {} annotated events with a trigger; candidates reach {} of them with the type ({:.1}%), {} with any type; {} candidates, {} positive",
        sents.len(),
        gold,
        reached_type,
        100.0 * reached_type as f64 / gold.max(1) as f64,
        reached_any,
        n_cand,
        n_pos
    );
    REACH.with(|r| {
        let line: Vec<String> = r
            .borrow()
            .iter()
            .map(|(k, (g, c))| format!("{k} {c}/{g}"))
            .collect();
        eprintln!("candidates reach, by type: {}", line.join(", "));
    });
    // 5-fold cross-validation by sentence (fold = index mod 5)
    let mut scored: Vec<(f64, bool)> = Vec::new();
    for fold in 0..5 {
        let m = fold_model(&lab, fold, a)?;
        for (_, v) in lab.iter().enumerate().filter(|(i, _)| i % 5 == fold) {
            for l in v {
                scored.push((m.prob(&l.features), l.label));
            }
        }
    }
    eprintln!("held-out candidates (5-fold): threshold  precision  recall (of the candidates that are events)");
    for th in [0.3, 0.5, 0.7, 0.9] {
        let tp = scored.iter().filter(|(p, y)| *p >= th && *y).count();
        let fp = scored.iter().filter(|(p, y)| *p >= th && !*y).count();
        eprintln!(
            "  {th:.1}  {:.3}  {:.3}",
            tp as f64 / (tp + fp).max(1) as f64,
            tp as f64 / n_pos.max(1) as f64,
        );
    }
    eprintln!("calibration (held-out): predicted bin → observed share of events");
    for b in 0..5 {
        let (lo, hi) = (b as f64 * 0.2, b as f64 * 0.2 + 0.2);
        let bin: Vec<_> = scored
            .iter()
            .filter(|(p, _)| *p >= lo && (*p < hi || b == 4))
            .collect();
        let pos = bin.iter().filter(|(_, y)| *y).count();
        eprintln!(
            "  {lo:.1}–{hi:.1}: {} candidates, {:.2}",
            bin.len(),
            pos as f64 / bin.len().max(1) as f64
        );
    }
    let all: Vec<(Vec<String>, bool)> = lab
        .iter()
        .flatten()
        .map(|l| (l.features.clone(), l.label))
        .collect();
    let body = learn::train(&all, a.epochs, a.l2, a.seed);
    let random = sents.iter().filter(|s| s.draw == "random").count();
    let header = format!(
        "# rasd trigger model: logistic regression over the features of crates/code/src/learn.rs.\n\
         # Made by `rasd train` from {} annotated sentences ({} drawn at random; ids {}…) in {}: {} candidates, {} events;\n\
         # {} epochs, l2 {}, seed {}. Rebuild with `rasd train`; do not edit by hand.\n",
        sents.len(),
        random,
        sents.first().map(|s| s.id.as_str()).unwrap_or(""),
        a.inputs
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", "),
        n_cand,
        n_pos,
        a.epochs,
        a.l2,
        a.seed
    );
    std::fs::write(&a.out, format!("{header}{body}"))
        .map_err(|e| format!("{}: {e}", a.out.display()))?;
    eprintln!(
        "wrote {} ({} weights)",
        a.out.display(),
        body.lines().count() - 1
    );
    let roles_out = a.out.with_file_name("roles.tsv");
    train_roles(coder, a, &roles_out)?;
    detection_report(coder, a, &sents, &lab)?;
    eprintln!("rebuild rasd to embed the models");
    Ok(true)
}

/// `rasd morph`: one word per line on stdin → `word<TAB>lemma<TAB>pos<TAB>tag<TAB>lex` for its best
/// reading (`lex` 1 when the lemma is in the lexicon, 0 when it was guessed from the verb's shape;
/// lemma `-` when the word has no reading); `--all` prints every reading.
pub fn morph(coder: &Coder, all: bool) -> Result<bool, String> {
    let an = &coder.dict().analyzer;
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut cache = rasd_morph::Cache::new();
    for line in stdin.lock().lines() {
        let line = line.map_err(|e| e.to_string())?;
        let w = line.trim();
        if w.is_empty() {
            continue;
        }
        let rs = cache.analyze(an, w);
        let r = if rs.is_empty() {
            match rasd_morph::guess_verb(w) {
                Some(l) => writeln!(out, "{w}\t{l}\tverb\tguess\t0"),
                None => writeln!(out, "{w}\t-\t-\t-\t0"),
            }
        } else {
            let n = if all { rs.len() } else { 1 };
            rs[..n].iter().try_for_each(|a| {
                let l = an.lemma(a.lemma);
                writeln!(
                    out,
                    "{w}\t{}\t{}\t{}{}{}\t1",
                    l.ar,
                    if a.feats.pos == rasd_morph::Pos::Verb {
                        "verb"
                    } else {
                        "noun"
                    },
                    if a.proclitic.is_empty() {
                        String::new()
                    } else {
                        format!("{}+", a.proclitic)
                    },
                    a.feats.tag(),
                    if a.enclitic.is_empty() {
                        String::new()
                    } else {
                        format!("+{}", a.enclitic)
                    },
                )
            })
        };
        if r.is_err() {
            break; // a closed pipe
        }
    }
    Ok(true)
}

/// `rasd morph --bench`: reads the words of stdin (one per line), then analyses them all with a cache
/// per word type, and reports the analyser's own speed (reading excluded).
pub fn morph_bench(coder: &Coder) -> Result<bool, String> {
    let mut text = String::new();
    std::io::Read::read_to_string(&mut std::io::stdin(), &mut text).map_err(|e| e.to_string())?;
    let words: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|w| !w.is_empty())
        .collect();
    let bytes: usize = words.iter().map(|w| w.len() + 1).sum();
    let an = &coder.dict().analyzer;
    let start = std::time::Instant::now();
    let mut cache = rasd_morph::Cache::new();
    let mut read = 0usize;
    for w in &words {
        if !cache.analyze(an, w).is_empty() {
            read += 1;
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "morph: {} words ({:.1} MB, {} distinct) in {:.2} s on one core: {:.1} MB/s, {:.0} words/s; {} with a reading of a lexicon lemma ({:.1}%)",
        words.len(),
        bytes as f64 / 1e6,
        cache.len(),
        secs,
        bytes as f64 / 1e6 / secs,
        words.len() as f64 / secs,
        read,
        100.0 * read as f64 / words.len().max(1) as f64
    );
    Ok(true)
}

/// `rasd lexicon coverage`: over a corpus (JSONL, optionally gzipped, with a `text` field), the
/// share of verb tokens whose lemma the lexicon decides, and the most frequent undecided lemmas.
pub fn coverage(coder: &Coder, corpus: &Path, limit: usize, top: usize) -> Result<bool, String> {
    let dict = coder.dict();
    let an = &dict.analyzer;
    let f = std::fs::File::open(corpus).map_err(|e| format!("{}: {e}", corpus.display()))?;
    let reader: Box<dyn BufRead> = if corpus.extension().is_some_and(|e| e == "gz") {
        Box::new(std::io::BufReader::new(flate2::read::MultiGzDecoder::new(
            f,
        )))
    } else {
        Box::new(std::io::BufReader::new(f))
    };
    let mut cache = rasd_morph::Cache::new();
    let mut guesses: HashMap<String, Option<String>> = HashMap::new();
    let (mut decided, mut event_tokens) = (0u64, 0u64);
    let mut undecided: HashMap<String, u64> = HashMap::new();
    let mut decided_lemmas: HashMap<String, u64> = HashMap::new();
    let mut docs = 0usize;
    for line in reader.lines() {
        let line = line.map_err(|e| format!("{}: {e}", corpus.display()))?;
        let v: serde_json::Value = match serde_json::from_str(&line) {
            Ok(v) => v,
            Err(_) => continue,
        };
        let Some(text) = v.get("text").and_then(|t| t.as_str()) else {
            continue;
        };
        docs += 1;
        for w in text.split(|c: char| {
            !rasd_morph::is_letter(c) && !matches!(c, '\u{064B}'..='\u{0652}' | 'ـ')
        }) {
            if w.chars().count() < 2 {
                continue;
            }
            let rs = cache.analyze(an, w);
            if let Some(a) = rs.iter().find(|a| a.feats.pos == rasd_morph::Pos::Verb) {
                decided += 1;
                if !dict.lexicon_readings(a).is_empty() {
                    event_tokens += 1;
                }
                *decided_lemmas
                    .entry(an.lemma(a.lemma).ar.clone())
                    .or_default() += 1;
                continue;
            }
            if !rs.is_empty() {
                continue; // a noun of the lexicon
            }
            let g = guesses
                .entry(w.to_string())
                .or_insert_with(|| {
                    let k = rasd_text::normalize(w);
                    if dict.knows_word(&k) {
                        None
                    } else {
                        rasd_morph::guess_verb(w)
                    }
                })
                .clone();
            if let Some(l) = g {
                *undecided.entry(l).or_default() += 1;
            }
        }
        if limit > 0 && docs >= limit {
            break;
        }
    }
    let und: u64 = undecided.values().sum();
    let total = decided + und;
    let mut rows: Vec<(String, u64)> = undecided.into_iter().collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let frequent_undecided = rows.iter().filter(|(_, n)| *n >= 30).count();
    let frequent_decided = decided_lemmas.values().filter(|n| **n >= 30).count();
    println!(
        "{docs} documents; {total} verb tokens (a lexicon verb's form, or a verb's shape); lemma decided for {decided} ({:.1}%), {event_tokens} of them event lemmas",
        100.0 * decided as f64 / total.max(1) as f64
    );
    println!(
        "lemmas seen 30 times or more: {frequent_decided} decided, {frequent_undecided} undecided"
    );
    println!("most frequent undecided lemmas (guessed from the verb's shape):");
    for (l, n) in rows.iter().take(top) {
        println!("{n}\t{l}");
    }
    Ok(true)
}

/// One event's argument candidates with their gold roles: (source features, is source, target
/// features, is target, chosen by the rules as source, as target) per mention.
type RoleRows = Vec<(Vec<String>, bool, Vec<String>, bool, bool, bool)>;

fn role_rows(coder: &Coder, sents: &[Sentence]) -> Vec<(usize, RoleRows)> {
    let overlaps = |a: (usize, usize), b: (usize, usize)| a.0 < b.1 && b.0 < a.1;
    let mut out = Vec::new();
    for (si, s) in sents.iter().enumerate() {
        let published = s.published.as_deref().map(|p| &p[..p.len().min(10)]);
        for case in coder.role_cases(&s.sentence, published) {
            let Some(g) = s.events.iter().find(|e| {
                e.kind == case.kind
                    && e.trigger
                        .as_deref()
                        .and_then(|t| char_span(&s.sentence, t))
                        .is_some_and(|sp| overlaps(sp, case.trigger))
            }) else {
                continue;
            };
            let span = |a: &Option<GoldActor>| {
                a.as_ref()
                    .and_then(|a| a.text.as_deref())
                    .and_then(|t| char_span(&s.sentence, t))
            };
            let (gs, gt) = (span(&g.source), span(&g.target));
            out.push((
                si,
                case.mentions
                    .into_iter()
                    .map(
                        |rasd_code::learn::RoleCandidate {
                             span: sp,
                             source: fs,
                             target: ft,
                         }| {
                            let rs = fs.iter().any(|f| f == "src|rule");
                            let rt = ft.iter().any(|f| f == "tgt|rule");
                            (
                                fs,
                                gs.is_some_and(|g| overlaps(g, sp)),
                                ft,
                                gt.is_some_and(|g| overlaps(g, sp)),
                                rs,
                                rt,
                            )
                        },
                    )
                    .collect(),
            ));
        }
    }
    out
}

/// How often the rules and the model choose the annotated mention (when one is a candidate), and
/// how often they choose a mention when the annotated actor is none of the candidates.
fn role_scores(rows: &[RoleRows], m: Option<&learn::Model>) -> [(usize, usize, usize); 2] {
    let mut res = [(0, 0, 0); 2];
    for case in rows {
        for (k, r) in res.iter_mut().enumerate() {
            let gold = case.iter().position(|x| if k == 0 { x.1 } else { x.3 });
            let rule = case.iter().position(|x| if k == 0 { x.4 } else { x.5 });
            // (as the coder decides: the rules' choice stands, the model fills an empty role)
            let pick = match m {
                Some(m) if rule.is_none() => case
                    .iter()
                    .enumerate()
                    .map(|(i, x)| (i, m.prob(if k == 0 { &x.0 } else { &x.2 })))
                    .filter(|&(_, p)| p >= 0.5)
                    .max_by(|a, b| a.1.total_cmp(&b.1))
                    .map(|b| b.0),
                _ => rule,
            };
            match gold {
                Some(g) => {
                    r.1 += 1;
                    if pick == Some(g) {
                        r.0 += 1;
                    }
                }
                None => {
                    if pick.is_some() {
                        r.2 += 1;
                    }
                }
            }
        }
    }
    res
}

/// Trains the role model (source and target among the mentions of an event's sentence) with a
/// 5-fold comparison against the rules, and writes it to `out`.
pub fn train_roles(coder: &Coder, a: &TrainArgs, out: &Path) -> Result<(), String> {
    let sents = read_sentences(&a.inputs)?;
    let rows: Vec<RoleRows> = role_rows(coder, &sents)
        .into_iter()
        .map(|(_, r)| r)
        .collect();
    let examples = |rs: &[&RoleRows]| -> Vec<(Vec<String>, bool)> {
        rs.iter()
            .flat_map(|c| c.iter())
            .flat_map(|x| [(x.0.clone(), x.1), (x.2.clone(), x.3)])
            .collect()
    };
    let (mut rule_s, mut model_s) = ([(0, 0, 0); 2], [(0, 0, 0); 2]);
    for fold in 0..5 {
        let train: Vec<&RoleRows> = rows
            .iter()
            .enumerate()
            .filter(|(i, _)| i % 5 != fold)
            .map(|(_, r)| r)
            .collect();
        let test: Vec<RoleRows> = rows
            .iter()
            .enumerate()
            .filter(|(i, _)| i % 5 == fold)
            .map(|(_, r)| r.clone())
            .collect();
        let m = learn::Model::parse(&learn::train(&examples(&train), a.epochs, a.l2, a.seed))?;
        let (r, l) = (role_scores(&test, None), role_scores(&test, Some(&m)));
        for k in 0..2 {
            rule_s[k] = (
                rule_s[k].0 + r[k].0,
                rule_s[k].1 + r[k].1,
                rule_s[k].2 + r[k].2,
            );
            model_s[k] = (
                model_s[k].0 + l[k].0,
                model_s[k].1 + l[k].1,
                model_s[k].2 + l[k].2,
            );
        }
    }
    eprintln!(
        "roles: {} coded events matched to an annotated one (5-fold held out):",
        rows.len()
    );
    for (k, name) in ["source", "target"].iter().enumerate() {
        eprintln!(
            "  {name}: annotated mention chosen — rules {}/{} ({:.1}%), learned {}/{} ({:.1}%); a mention chosen where the annotated actor is none of them — rules {}, learned {}",
            rule_s[k].0, rule_s[k].1, 100.0 * rule_s[k].0 as f64 / rule_s[k].1.max(1) as f64,
            model_s[k].0, model_s[k].1, 100.0 * model_s[k].0 as f64 / model_s[k].1.max(1) as f64,
            rule_s[k].2, model_s[k].2
        );
    }
    let all: Vec<&RoleRows> = rows.iter().collect();
    let body = learn::train(&examples(&all), a.epochs, a.l2, a.seed);
    let header = format!(
        "# rasd role model: logistic regression over the features of crates/code/src/learn.rs (role_features).\n\
         # Made by `rasd train` from the {} coded events of the annotated sentences that match an annotated event;\n\
         # {} epochs, l2 {}, seed {}. Rebuild with `rasd train`; do not edit by hand.\n",
        rows.len(), a.epochs, a.l2, a.seed
    );
    std::fs::write(out, format!("{header}{body}"))
        .map_err(|e| format!("{}: {e}", out.display()))?;
    eprintln!(
        "wrote {} ({} weights)",
        out.display(),
        body.lines().count() - 1
    );
    Ok(())
}

/// Sentence-level detection per type, 5-fold held out, through the whole coder (both models trained
/// on the other folds): for each type, the sentences whose annotation has an event of that type
/// against those the coder codes one of that type in.
fn detection_report(
    coder: &mut Coder,
    a: &TrainArgs,
    sents: &[Sentence],
    lab: &[Vec<Labelled>],
) -> Result<(), String> {
    const KINDS: [&str; 6] = ["ASSAULT", "PROTEST", "COERCE", "CONSULT", "ACCUSE", "ALL"];
    const SETTINGS: [(&str, f64, f64); 5] = [
        ("0.3, incomplete from 0.7 (the defaults)", 0.3, 0.7),
        ("0.3, incomplete from 0.5", 0.3, 0.5),
        ("0.3, incomplete all", 0.3, 0.0),
        ("0.5, incomplete from 0.7", 0.5, 0.7),
        ("0.7, incomplete from 0.7", 0.7, 0.7),
    ];
    let roles = role_rows(coder, sents);
    let mut counts: HashMap<(usize, usize), [usize; 3]> = HashMap::new();
    for fold in 0..5 {
        let tm = fold_model(lab, fold, a)?;
        let role_train: Vec<(Vec<String>, bool)> = roles
            .iter()
            .filter(|(i, _)| i % 5 != fold)
            .flat_map(|(_, c)| c.iter())
            .flat_map(|x| [(x.0.clone(), x.1), (x.2.clone(), x.3)])
            .collect();
        let rm = learn::Model::parse(&learn::train(&role_train, a.epochs, a.l2, a.seed))?;
        for (k, (_, th, keep)) in SETTINGS.iter().enumerate() {
            coder.set_models(tm.clone(), rm.clone(), *th);
            coder.set_incomplete(*keep);
            for s in sents
                .iter()
                .enumerate()
                .filter(|(i, _)| i % 5 == fold)
                .map(|(_, s)| s)
            {
                let published = s.published.as_deref().map(|p| &p[..p.len().min(10)]);
                let doc = rasd_code::DocInput {
                    name: "",
                    text: &s.sentence,
                    published,
                    furniture: &[],
                };
                let got: Vec<String> = coder.code(&doc).into_iter().map(|e| e.kind).collect();
                for (j, kind) in KINDS.iter().enumerate() {
                    let g = if *kind == "ALL" {
                        !s.events.is_empty()
                    } else {
                        s.events.iter().any(|e| e.kind == *kind)
                    };
                    let p = if *kind == "ALL" {
                        !got.is_empty()
                    } else {
                        got.iter().any(|x| x == kind)
                    };
                    let e = counts.entry((k, j)).or_default();
                    e[0] += (g && p) as usize;
                    e[1] += p as usize;
                    e[2] += g as usize;
                }
            }
        }
    }
    coder.set_models(learn::Model::default(), learn::Model::default(), 0.0);
    coder.set_incomplete(0.0);
    eprintln!("sentence-level detection, 5-fold held out through the coder (P R F1 by type):");
    for (k, (name, _, _)) in SETTINGS.iter().enumerate() {
        let mut line = format!("  threshold {name}:");
        for (j, kind) in KINDS.iter().enumerate() {
            let [tp, p, g] = counts.get(&(k, j)).copied().unwrap_or_default();
            let (pr, rc) = (tp as f64 / p.max(1) as f64, tp as f64 / g.max(1) as f64);
            line.push_str(&format!(
                " {kind} {pr:.2} {rc:.2} {:.2};",
                2.0 * pr * rc / (pr + rc).max(1e-9)
            ));
        }
        eprintln!("{line}");
    }
    Ok(())
}
