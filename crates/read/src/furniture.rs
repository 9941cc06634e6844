//! Page furniture: the lines of a news page that are not the article.
//!
//! [`classify_lines`] works in two steps. Each line is first judged on its own (a «الأكثر قراءة»
//! heading, a view counter, a comment box, an agency sign-off, a bare timestamp…). Then the
//! structure of the page is used: the lines after a list heading, a run of three or more short
//! headline-like lines in the body, a trailing run of headline-like lines after the last paragraph,
//! and a trailing run of self-contained lead sentences of other stories are related-article
//! teasers.

use serde::{Deserialize, Serialize};

use crate::lexicon::{lex, Lex};

/// The kind of a page-furniture line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Furniture {
    /// A path of section links: «الصفحة الرئيسية >> أخبار >> سياسة».
    Breadcrumb,
    /// A «الأكثر قراءة» / «الأكثر مشاهدة» heading and the list that follows it.
    MostRead,
    /// «اقرأ أيضا: …» links.
    ReadAlso,
    /// View counters: «128 مشاهدة», «عدد القراءات: 55».
    Counter,
    /// Comment boxes: «اترك تعليقاً», «التعليقات».
    Comments,
    /// "Follow us", share bars, lines that are mainly a URL, app promotions.
    Social,
    /// Agency sign-offs: «// يتبع //», «(النهاية)», editors' initials «ع.ع/ م.ش».
    SignOff,
    /// Bare times and dates: «17:58 ت م», «منذ 3 ساعات».
    Timestamp,
    /// Source and byline lines: «المصدر», «المصدر: وكالات», «رابط الخبر:», «بقلم …».
    Source,
    /// Related-article headings («مواضيع ذات صلة») and teasers of other stories.
    Related,
    /// Lines of punctuation only: «-----».
    Separator,
    /// Menus, next/previous links, copyright lines, "click here" prompts, tags.
    Navigation,
}

impl Furniture {
    /// Every kind, in declaration order.
    pub const ALL: [Furniture; 12] = [
        Furniture::Breadcrumb,
        Furniture::MostRead,
        Furniture::ReadAlso,
        Furniture::Counter,
        Furniture::Comments,
        Furniture::Social,
        Furniture::SignOff,
        Furniture::Timestamp,
        Furniture::Source,
        Furniture::Related,
        Furniture::Separator,
        Furniture::Navigation,
    ];

    /// The lowercase name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Furniture::Breadcrumb => "breadcrumb",
            Furniture::MostRead => "mostread",
            Furniture::ReadAlso => "readalso",
            Furniture::Counter => "counter",
            Furniture::Comments => "comments",
            Furniture::Social => "social",
            Furniture::SignOff => "signoff",
            Furniture::Timestamp => "timestamp",
            Furniture::Source => "source",
            Furniture::Related => "related",
            Furniture::Separator => "separator",
            Furniture::Navigation => "navigation",
        }
    }
}

/// One line of a text: character offsets `start..end` (the line end, `\n` or `\r\n`, excluded),
/// and its furniture kind if it is page furniture.
///
/// Lines follow each other in text order and cover the text: between one line's `end` and the
/// next one's `start` there is a `\n` or `\r\n`, or nothing at all when a line was split where
/// furniture begins inside it (flattened pages: «… . رابط الخبر بصحيفة …: …»).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Line {
    /// Offset of the first character, in chars.
    pub start: usize,
    /// Offset one past the last character, in chars (before the line end).
    pub end: usize,
    /// The furniture kind, or `None` for article text (and blank lines).
    pub furniture: Option<Furniture>,
}

/// Lines longer than this (in chars) are article text and are not analysed further.
const MAX_ANALYSED: usize = 3000;

/// How a line ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ending {
    /// A full stop.
    Stop,
    /// A colon: the line introduces what follows.
    Colon,
    /// `?` or `!`.
    Question,
    /// `...` or `…`: a truncated teaser.
    Ellipsis,
    /// Anything else (a letter, a digit, a quote).
    Open,
}

/// What is known about one line. Its tokens are slices of one buffer holding the normalised text
/// of every analysed line, so that no line needs a `String` per word.
struct Info<'n> {
    start: usize,
    end: usize,
    /// Byte range in the text.
    bytes: (usize, usize),
    blank: bool,
    /// Too long to analyse.
    long: bool,
    /// Words (whitespace-separated pieces with a letter or digit).
    words: usize,
    /// The normalised text of the line (trimmed), when it is analysed.
    norm: &'n str,
    toks: &'n [&'n str],
    ending: Ending,
    /// Sentence breaks inside the line.
    breaks: usize,
    /// Starts with a numbered-list marker.
    numbered: bool,
    kind: Option<Furniture>,
    /// This line heads a list whose items get this kind.
    heading: Option<Furniture>,
}

impl Info<'_> {
    fn body(&self) -> bool {
        !self.blank && self.kind.is_none()
    }
}

/// One line of the text before it is analysed.
struct Piece<'t> {
    content: &'t str,
    start: usize,
    end: usize,
    bytes: (usize, usize),
    blank: bool,
    long: bool,
    /// Byte range of its normalised text in the shared buffer (lines that are analysed).
    norm: (usize, usize),
}

/// Split `text` into lines and mark the page-furniture ones. Never panics; linear in the text.
pub fn classify_lines(text: &str) -> Vec<Line> {
    let lx = lex();
    let mut lines = Vec::new();
    let mut norm = String::with_capacity(text.len());
    let (mut char_pos, mut byte_pos) = (0usize, 0usize);
    let pieces = text.split('\n').count();
    for (p, piece) in text.split('\n').enumerate() {
        // a \r before the \n belongs to the line end; a \r at the very end of the text does not
        let (content, cr) = match piece.strip_suffix('\r') {
            Some(c) if p + 1 < pieces => (c, 1),
            _ => (piece, 0),
        };
        let n = content.chars().count();
        let blank = content.trim().is_empty();
        let long = !blank && (content.len() > MAX_ANALYSED * 4 || n > MAX_ANALYSED);
        let from = norm.len();
        if !blank && !long {
            rasd_text::normalize_into(content.trim(), &mut norm);
        }
        lines.push(Piece {
            content,
            start: char_pos,
            end: char_pos + n,
            bytes: (byte_pos, byte_pos + content.len()),
            blank,
            long,
            norm: (from, norm.len()),
        });
        char_pos += n + cr + 1;
        byte_pos += piece.len() + 1;
    }
    // the tokens of all lines, one after the other
    let mut words: Vec<&str> = Vec::new();
    let mut ranges = Vec::with_capacity(lines.len());
    for l in &lines {
        let from = words.len();
        words.extend(crate::lexicon::split_words(&norm[l.norm.0..l.norm.1]));
        ranges.push((from, words.len()));
    }
    let mut infos: Vec<Info> = lines
        .iter()
        .zip(ranges)
        .map(|(l, (a, b))| analyse(l, &norm[l.norm.0..l.norm.1], &words[a..b], lx))
        .collect();
    structure(&mut infos, lx);
    let mut out = Vec::with_capacity(infos.len());
    for info in &infos {
        if info.body() {
            if let Some((split, kind)) = inline_tail(&text[info.bytes.0..info.bytes.1], lx) {
                let at = info.start + split;
                out.push(Line {
                    start: info.start,
                    end: at,
                    furniture: None,
                });
                out.push(Line {
                    start: at,
                    end: info.end,
                    furniture: Some(kind),
                });
                continue;
            }
        }
        out.push(Line {
            start: info.start,
            end: info.end,
            furniture: info.kind,
        });
    }
    out
}

/// What is known about a line with the normalised text `norm` and its tokens `toks`.
fn analyse<'n>(l: &Piece, norm: &'n str, toks: &'n [&'n str], lx: &Lex) -> Info<'n> {
    let mut info = Info {
        start: l.start,
        end: l.end,
        bytes: l.bytes,
        blank: l.blank,
        long: l.long,
        words: 0,
        norm,
        toks,
        ending: Ending::Open,
        breaks: 0,
        numbered: false,
        kind: None,
        heading: None,
    };
    if info.blank {
        return info;
    }
    if info.long {
        info.words = usize::MAX / 2;
        return info;
    }
    let trimmed = l.content.trim();
    info.words = count_words(trimmed);
    info.ending = ending(trimmed);
    info.breaks = sentence_breaks(trimmed);
    info.numbered = numbered(trimmed);
    let (kind, heading) = line_kind(trimmed, &info, lx);
    info.kind = kind;
    info.heading = heading;
    info
}

fn ending(s: &str) -> Ending {
    let t = s.trim_end_matches(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '"' | '\'' | '»' | '”' | '’' | ')' | ']' | '}' | '*' | '\u{200f}' | '\u{200e}'
            )
    });
    if t.ends_with("..") || t.ends_with('…') {
        Ending::Ellipsis
    } else if t.ends_with('.') || t.ends_with('۔') {
        Ending::Stop
    } else if t.ends_with(':') {
        Ending::Colon
    } else if t.ends_with(['?', '؟', '!']) {
        Ending::Question
    } else {
        Ending::Open
    }
}

/// Sentence ends inside a line: `. ` (or `?`/`!`) after a word of two letters or more, followed by a
/// letter.
fn sentence_breaks(s: &str) -> usize {
    let mut n = 0;
    // only the marks are looked at, each with the chars around it
    for (b, c) in s.match_indices(['.', '!', '?', '؟']) {
        let mut back = s[..b].chars().rev();
        let mut fwd = s[b + c.len()..].chars();
        // not the first char, and at least two chars after it
        let Some(prev) = back.next() else { continue };
        let Some(next) = fwd.next() else { continue };
        if fwd.clone().next().is_none() || prev == '.' || next == '.' {
            continue;
        }
        // a full stop after a word of fewer than two letters is an abbreviation or an initial
        if c == "." && !(prev.is_alphabetic() && back.next().is_some_and(char::is_alphabetic)) {
            continue;
        }
        let mut after = s[b + c.len()..]
            .chars()
            .skip_while(|c| matches!(c, '"' | '»' | '”' | ')'));
        if after.next().is_some_and(char::is_whitespace)
            && after
                .find(|c| !c.is_whitespace())
                .is_some_and(char::is_alphabetic)
        {
            n += 1;
        }
    }
    n
}

/// Whitespace-separated pieces with a letter or digit.
fn count_words(s: &str) -> usize {
    let mut n = 0;
    let mut counted = false;
    for c in s.chars() {
        if c.is_whitespace() {
            counted = false;
        } else if !counted && is_alnum(c) {
            n += 1;
            counted = true;
        }
    }
    n
}

/// `char::is_alphanumeric`, without the Unicode table for the Arabic letters and ASCII.
fn is_alnum(c: char) -> bool {
    matches!(c, '\u{0621}'..='\u{064A}')
        || c.is_ascii_alphanumeric()
        || (!c.is_ascii() && c.is_alphanumeric())
}

fn numbered(s: &str) -> bool {
    let mut it = s.trim_start_matches(['(', '[']).chars();
    let mut digits = 0;
    let mut c = it.next();
    while let Some(d) = c {
        if d.is_ascii_digit() || ('٠'..='٩').contains(&d) {
            digits += 1;
            c = it.next();
        } else {
            break;
        }
    }
    digits > 0 && digits <= 2 && matches!(c, Some('.' | '-' | ')' | '–' | '/'))
}

fn is_num(t: &str) -> bool {
    t.chars().all(|c| c.is_ascii_digit())
}

/// A number, perhaps with a thousands suffix: «12», «5k», «3m».
fn is_amount(t: &str) -> bool {
    let digits = t.trim_end_matches(['k', 'm']);
    !digits.is_empty() && digits.len() + 1 >= t.len() && is_num(digits)
}

fn starts_with(toks: &[&str], phrase: &[String]) -> bool {
    toks.len() >= phrase.len() && toks.iter().zip(phrase).all(|(a, b)| *a == b)
}

/// The first phrase of `list` that `toks` starts with.
fn prefix<'a>(toks: &[&str], list: &'a [Vec<String>]) -> Option<&'a [String]> {
    list.iter()
        .find(|p| starts_with(toks, p))
        .map(|p| p.as_slice())
}

fn contains_seq(toks: &[&str], phrase: &[String]) -> bool {
    !phrase.is_empty() && toks.windows(phrase.len()).any(|w| w == phrase)
}

/// A heading phrase alone on its line, perhaps with a few more words («الأكثر قراءة اليوم»), or
/// with a colon and the first item. Single-word phrases must stand alone.
fn heading_match(raw: &str, toks: &[&str], list: &[Vec<String>]) -> Option<bool> {
    let p = prefix(toks, list)?;
    let rest = toks.len() - p.len();
    if rest == 0 {
        return Some(true);
    }
    let after_colon = raw.contains(':')
        && raw
            .find(':')
            .is_some_and(|i| raw[..i].split_whitespace().count() <= p.len() + 1);
    if after_colon {
        return Some(false);
    }
    (p.len() >= 2 && rest <= 3 && !raw.trim_end().ends_with('.')).then_some(true)
}

/// Strip the clitics و ف ب ل and the article from a normalised token.
fn bare(t: &str) -> &str {
    let mut s = t;
    for p in ["وال", "بال", "فال", "كال", "لل", "ال"] {
        if let Some(r) = s.strip_prefix(p) {
            if r.chars().count() >= 3 {
                return r;
            }
        }
    }
    if let Some(r) = s.strip_prefix(['و', 'ف']) {
        if r.chars().count() >= 3 {
            s = r;
            for p in ["بال", "لل", "ال"] {
                if let Some(r2) = s.strip_prefix(p) {
                    if r2.chars().count() >= 3 {
                        return r2;
                    }
                }
            }
        }
    }
    s
}

fn line_kind(raw: &str, info: &Info, lx: &Lex) -> (Option<Furniture>, Option<Furniture>) {
    use Furniture::*;
    let toks = &info.toks;
    let words = info.words;
    if toks.is_empty() {
        // punctuation, symbols or marks only
        return (Some(Separator), None);
    }
    if let Some(k) = sign_off(raw, toks, lx) {
        return (Some(k), None);
    }
    if timestamp(toks, lx) {
        return (Some(Timestamp), None);
    }
    if words <= 8 && counter(toks, lx) {
        return (Some(Counter), None);
    }
    if words <= 15 && comments(raw, toks, lx) {
        return (Some(Comments), None);
    }
    if words <= 40 {
        if let Some(p) = prefix(toks, &lx.read_also) {
            let alone = toks.len() == p.len();
            return (Some(ReadAlso), alone.then_some(ReadAlso));
        }
    }
    if words <= 10 {
        if heading_match(raw, toks, &lx.most_read).is_some() {
            return (Some(MostRead), Some(MostRead));
        }
        if heading_match(raw, toks, &lx.related).is_some() {
            return (Some(Related), Some(Related));
        }
        if let Some(alone) = heading_match(raw, toks, &lx.tags) {
            return (Some(Navigation), alone.then_some(Navigation));
        }
    }
    if source(raw, toks, words, lx) {
        return (Some(Source), None);
    }
    if social(raw, toks, words, lx) {
        return (Some(Social), None);
    }
    if words <= 30 && breadcrumb(raw, info.norm) {
        return (Some(Breadcrumb), None);
    }
    if navigation(raw, toks, words, lx) {
        return (Some(Navigation), None);
    }
    (None, None)
}

fn sign_off(raw: &str, toks: &[&str], lx: &Lex) -> Option<Furniture> {
    if toks.len() <= 3 && lx.sign_offs.iter().any(|p| p.as_slice() == toks) {
        return Some(Furniture::SignOff);
    }
    // «/انتهى/ ع ا», «يتبع - س.ص»: a sign-off word and editors' initials
    if toks.len() <= 8 {
        if let Some(p) = prefix(toks, &lx.sign_offs) {
            if toks[p.len()..].iter().all(|t| t.chars().count() <= 2) {
                return Some(Furniture::SignOff);
            }
        }
    }
    // editors' initials: «ع.ع/ م.ش», «س ص/ ر ق», «(ح.م)»
    let trimmed = raw.trim();
    if trimmed.chars().count() > 40 || toks.len() < 2 || toks.len() > 8 {
        return None;
    }
    if !trimmed.contains(['/', '.', '\\']) {
        return None;
    }
    let joined: String = toks.concat();
    if lx.agency_letters.contains(&joined) {
        return Some(Furniture::Source);
    }
    let all_short = toks.iter().all(|t| {
        t.chars().all(char::is_alphabetic)
            && (t.chars().count() <= 2 || (t.chars().count() <= 4 && lx.agencies.contains(*t)))
    });
    let tiny = toks.iter().filter(|t| t.chars().count() <= 2).count();
    (all_short && tiny >= 2).then_some(Furniture::SignOff)
}

fn timestamp(toks: &[&str], lx: &Lex) -> bool {
    if toks.len() > 16 {
        return false;
    }
    let mut digits = false;
    let mut ago = false;
    for t in toks {
        if is_num(t) {
            digits = true;
            continue;
        }
        if t.chars()
            .all(|c| c.is_ascii_digit() || c.is_ascii_alphabetic())
            && t.chars().any(|c| c.is_ascii_digit())
        {
            // 10am, 2023t10
            let letters: String = t.chars().filter(|c| c.is_ascii_alphabetic()).collect();
            if ["am", "pm", "t", "z", "h", "th", "st", "nd", "rd"].contains(&letters.as_str()) {
                digits = true;
                continue;
            }
            return false;
        }
        if matches!(*t, "منذ" | "قبل" | "ago") {
            ago = true;
        }
        let b = bare(t);
        if lx.time_words.contains(*t)
            || lx.weekdays.contains(*t)
            || lx.months.contains(*t)
            || lx.weekdays.contains(b)
            || lx.months.contains(b)
        {
            continue;
        }
        return false;
    }
    digits || (ago && toks.len() >= 2)
}

fn counter(toks: &[&str], lx: &Lex) -> bool {
    if lx.counter_anywhere.iter().any(|p| contains_seq(toks, p)) {
        return true;
    }
    if prefix(toks, &lx.counter_starts).is_some() {
        return true;
    }
    let has_num = toks.iter().any(|t| is_amount(t));
    let has_word = toks.iter().any(|t| lx.counter_words.contains(*t));
    let others = toks
        .iter()
        .filter(|t| {
            !is_amount(t) && !lx.counter_words.contains(**t) && !lx.counter_fillers.contains(**t)
        })
        .count();
    has_num && has_word && others == 0
}

fn comments(raw: &str, toks: &[&str], lx: &Lex) -> bool {
    if prefix(toks, &lx.comments).is_some() {
        return true;
    }
    // «التعليقات», «3 تعليقات», «تعليقات (2)»
    let words = toks.iter().filter(|t| !is_num(t)).collect::<Vec<_>>();
    if words.len() == 1 && lx.comment_words.contains(*words[0]) && toks.len() <= 2 {
        return true;
    }
    // form fields: «الاسم *», «البريد الإلكتروني *»
    let is_field = lx.comment_fields.iter().any(|p| p.as_slice() == toks);
    is_field && (raw.contains('*') || raw.trim_end().ends_with(':'))
}

fn source(raw: &str, toks: &[&str], words: usize, lx: &Lex) -> bool {
    let first = &toks[0];
    let core = raw
        .trim()
        .trim_start_matches(|c: char| !c.is_alphanumeric());
    if lx.source_words.contains(*first) && words <= 10 {
        if toks.len() == 1 {
            return true;
        }
        // the word then a colon, dash or bar: «المصدر: وكالات»
        let after = core
            .split_once(char::is_whitespace)
            .map(|x| x.1)
            .unwrap_or("");
        let first_word_end = core
            .find(|c: char| !c.is_alphanumeric() && !is_mark(c))
            .unwrap_or(core.len());
        let next = core[first_word_end..].trim_start().chars().next();
        if matches!(
            next,
            Some(':' | '-' | '–' | '—' | '|' | '/' | '(' | '«' | '"')
        ) || after.is_empty()
        {
            return true;
        }
    }
    if words <= 30 && prefix(toks, &lx.source_links).is_some() {
        return true;
    }
    // agencies alone: «رويترز», «(أ ف ب)», «وكالات + الجزيرة نت»
    if toks.len() <= 8 {
        let joined = toks.concat();
        if lx.agency_letters.contains(&joined) {
            return true;
        }
        let all = toks.iter().all(|t| {
            lx.agencies.contains(*t) || lx.agencies.contains(bare(t)) || t.chars().count() == 1
        });
        let named = toks.iter().any(|t| {
            t.chars().count() >= 3 && (lx.agencies.contains(*t) || lx.agencies.contains(bare(t)))
        });
        if all && named {
            return true;
        }
    }
    // bylines: «بقلم: فلان», «كتب - فلان»
    if words <= 7 && lx.bylines.contains(*first) {
        if *first == "بقلم" || *first == "by" {
            return true;
        }
        let first_word_end = core
            .find(|c: char| !c.is_alphanumeric() && !is_mark(c))
            .unwrap_or(core.len());
        let next = core[first_word_end..].trim_start().chars().next();
        if matches!(next, Some(':' | '-' | '–' | '—' | '/')) {
            return true;
        }
    }
    false
}

fn is_mark(c: char) -> bool {
    ('\u{064B}'..='\u{065F}').contains(&c) || c == '\u{0670}' || c == '\u{0640}'
}

/// Whether `hay` contains `needle` (ASCII, lowercase), ignoring ASCII case: what
/// `hay.to_ascii_lowercase().contains(needle)` says, without allocating a lowercased copy.
fn contains_ascii_ci(hay: &str, needle: &str) -> bool {
    hay.as_bytes()
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// Chars of URLs in a line.
fn url_chars(raw: &str) -> usize {
    // Every URL mark has «://» or a '.' in «www.» or «t.me/»: lines with none of these (most lines,
    // though most have a full stop) need no look at their words.
    let b = raw.as_bytes();
    let marked = raw.contains("://")
        || raw.match_indices('.').any(|(i, _)| {
            (i >= 3 && b[i - 3..i].eq_ignore_ascii_case(b"www"))
                || (i >= 1
                    && b[i - 1].eq_ignore_ascii_case(&b't')
                    && b.get(i + 1..i + 4)
                        .is_some_and(|m| m.eq_ignore_ascii_case(b"me/")))
        });
    if !marked {
        return 0;
    }
    raw.split_whitespace()
        .filter(|w| {
            contains_ascii_ci(w, "http://")
                || contains_ascii_ci(w, "https://")
                || w.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("www."))
                || contains_ascii_ci(w, "t.me/")
        })
        .map(|w| w.chars().count())
        .sum()
}

fn has_platform(toks: &[&str], lx: &Lex) -> bool {
    toks.iter()
        .any(|t| lx.platform_words.contains(*t) || lx.platform_words.contains(bare(t)))
        || lx
            .platforms
            .iter()
            .any(|p| p.len() > 1 && contains_seq(toks, p))
}

fn social(raw: &str, toks: &[&str], words: usize, lx: &Lex) -> bool {
    let urls = url_chars(raw);
    if urls > 0 {
        let non_space = raw.chars().filter(|c| !c.is_whitespace()).count();
        let url_words = raw
            .split_whitespace()
            .filter(|w| w.contains("://") || w.starts_with("www.") || w.contains("t.me/"))
            .count();
        if urls * 2 >= non_space || words.saturating_sub(url_words) <= 8 {
            return true;
        }
    }
    if words > 40 {
        return false;
    }
    let follow = lx.follow_starts.contains(toks[0]);
    let objects = || {
        toks.iter()
            .any(|t| lx.follow_objects.contains(*t) || lx.follow_objects.contains(bare(t)))
    };
    if follow && words <= 25 && (has_platform(toks, lx) || objects()) {
        return true;
    }
    // share bars: «شارك: فيسبوك تويتر واتساب»
    if toks.len() <= 12 {
        let all = toks.iter().all(|t| {
            lx.share_words.contains(*t)
                || lx.share_fillers.contains(*t)
                || lx.platform_words.contains(*t)
                || lx.platform_words.contains(bare(t))
        });
        let some = toks.iter().any(|t| {
            lx.share_words.contains(*t)
                || lx.platform_words.contains(*t)
                || lx.platform_words.contains(bare(t))
        });
        if all && some {
            return true;
        }
    }
    // app promotions addressed to the reader
    let app = || {
        toks.iter()
            .any(|t| lx.app_words.contains(*t) || lx.app_words.contains(bare(t)))
    };
    // the rarer test first: both are plain look-ups
    let you = toks.iter().any(|t| lx.second_person.contains(*t));
    you && app()
}

fn navigation(raw: &str, toks: &[&str], words: usize, lx: &Lex) -> bool {
    let np = toks
        .iter()
        .take_while(|t| lx.next_prev.contains(**t))
        .count();
    if np >= 2 || (np == toks.len()) {
        return true;
    }
    if words <= 25 && prefix(toks, &lx.next_prev_starts).is_some() {
        return true;
    }
    if words <= 30 && (raw.contains('©') || lx.copyright.iter().any(|p| contains_seq(toks, p))) {
        return true;
    }
    if words <= 15 && lx.click.iter().any(|p| contains_seq(toks, p)) {
        return true;
    }
    if lx.menu_lines.iter().any(|p| p.as_slice() == toks) {
        return true;
    }
    if words <= 12 {
        if let Some(p) = prefix(toks, &lx.tags) {
            if raw.contains(':') && p.len() < toks.len() {
                return true;
            }
        }
    }
    // a row of menu items
    if words <= 25 && toks.len() >= 3 {
        let menu = toks.iter().filter(|t| lx.menu_words.contains(**t)).count();
        if menu >= 3 && menu * 10 >= toks.len() * 9 {
            return true;
        }
    }
    false
}

const CRUMB_SEPS: &[char] = &[
    '>', '»', '›', '|', '/', '\\', '←', '→', '<', '‹', '«', '•', '·', '▸', '►', '◄', '⟩',
];
const HOME: &[&str] = &[
    "الرئيسية",
    "الصفحة الرئيسية",
    "الرئيسيه",
    "الصفحه الرئيسيه",
    "home",
    "الرئيسة",
];

/// «الصفحة الرئيسية >> التبادلات الدولية», «الرئيسية / أخبار / سياسة», «أخبار › عربي › سوريا».
/// `norm` is the normalised text of `raw` trimmed.
fn breadcrumb(raw: &str, norm: &str) -> bool {
    let s = raw.trim();
    let quotes = s.contains('«') && s.contains('»');
    let is_sep = |c: char| CRUMB_SEPS.contains(&c) && !(quotes && (c == '«' || c == '»'));
    let seps = s.chars().filter(|&c| is_sep(c)).count();
    static HOME_NORM: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    let home = HOME_NORM.get_or_init(|| HOME.iter().map(|h| rasd_text::normalize(h)).collect());
    let home_first = {
        home.iter().any(|h| {
            norm.strip_prefix(h.as_str()).is_some_and(|r| {
                r.trim_start()
                    .starts_with(|c: char| is_sep(c) || matches!(c, '-' | '–' | '—'))
            })
        })
    };
    if seps == 0 && !home_first {
        return false;
    }
    let segs: Vec<&str> = if home_first {
        s.split(|c: char| is_sep(c) || matches!(c, '-' | '–' | '—'))
            .map(str::trim)
            .filter(|x| !x.is_empty())
            .collect()
    } else {
        s.split(is_sep)
            .map(str::trim)
            .filter(|x| !x.is_empty())
            .collect()
    };
    if segs.len() < 2 || segs.iter().any(|g| !g.chars().any(char::is_alphabetic)) {
        return false;
    }
    let wc = |g: &str| g.split_whitespace().count();
    if segs
        .iter()
        .any(|g| g.ends_with('.') || g.ends_with('،') || g.ends_with(','))
    {
        return false;
    }
    if home_first {
        // the last crumb may be the article's title
        let (last, rest) = segs.split_last().unwrap_or((&"", &[]));
        return rest.iter().all(|g| wc(g) <= 5) && wc(last) <= 14;
    }
    if segs.len() == 2 {
        // «أخبار › سياسة»: two short crumbs joined by an arrow (not a slash or a bar)
        let arrow = s
            .chars()
            .any(|c| is_sep(c) && !matches!(c, '/' | '\\' | '|' | '•' | '·'));
        return arrow && segs.iter().all(|g| wc(g) <= 3);
    }
    segs.iter().all(|g| wc(g) <= 4)
}

// ---------------------------------------------------------------------------------------------
// Structure

/// Paragraph openings that continue earlier text: «وقال», «كما», «من جهته», «وفي».
fn connector(toks: &[&str], lx: &Lex) -> bool {
    let Some(first) = toks.first() else {
        return false;
    };
    if lx.connectors.contains(*first) || lx.connector_phrases.iter().any(|p| starts_with(toks, p)) {
        return true;
    }
    if first.starts_with('و') && first.chars().count() >= 3 {
        return !lx.root_waw.iter().any(|r| first.starts_with(r.as_str()));
    }
    false
}

/// A short line that reads like a headline: few words, no full stop or colon at the end, not a
/// numbered item, not opening with a connective.
fn headline_like(i: &Info, lx: &Lex) -> bool {
    i.body()
        && !i.long
        && i.words >= 2
        && i.words <= 16
        && matches!(i.ending, Ending::Open | Ending::Question | Ending::Ellipsis)
        && i.breaks == 0
        && !i.numbered
        && !connector(i.toks, lx)
}

/// A word that looks like an imperfect verb of the third person (يطالب, يبحثون), the
/// usual verb of a news headline. Sub-headings are mostly noun phrases.
fn imperfect_verb(t: &str, lx: &Lex) -> bool {
    // «و» or «ف» before the verb; the future «س» is left alone (سياسة, سيارة)
    let w = match t.strip_prefix(['و', 'ف']) {
        Some(r) if r.starts_with('ي') => r,
        _ => t,
    };
    w.starts_with('ي')
        && w.chars().count() >= 3
        && !lx.not_verbs.iter().any(|n| w.starts_with(n.as_str()))
}

fn content_words<'n>(toks: &[&'n str], lx: &Lex) -> Vec<&'n str> {
    toks.iter()
        .map(|t| bare(t))
        .filter(|b| b.chars().count() >= 3 && !is_num(b) && !lx.stop.contains(*b))
        .collect()
}

fn has_time(toks: &[&str], lx: &Lex) -> bool {
    toks.iter().any(|t| {
        let b = bare(t);
        lx.weekdays.contains(*t)
            || lx.weekdays.contains(b)
            || matches!(*t, "امس" | "اليوم" | "الليله")
    }) || toks.windows(2).any(|w| {
        (is_num(w[0]) && lx.months.contains(bare(w[1])))
            || (lx.months.contains(bare(w[0])) && is_num(w[1]))
    })
}

/// The share of `toks`' content words found in `reference` (0 when it has none).
fn overlap(toks: &[&str], reference: &[&str], lx: &Lex) -> f64 {
    let cw = content_words(toks, lx);
    if cw.is_empty() {
        return 0.0;
    }
    let shared = cw
        .iter()
        .filter(|w| reference.iter().any(|r| r == *w))
        .count();
    shared as f64 / cw.len() as f64
}

/// The title (the first body line of three words or more), the lead (the first body line of
/// twelve words or more from there on), where the body after the lead starts, and the content
/// words of title and lead.
fn frame<'n>(infos: &[Info<'n>], lx: &Lex) -> (Option<usize>, Option<usize>, usize, Vec<&'n str>) {
    let n = infos.len();
    let title = (0..n).find(|&i| infos[i].body() && infos[i].words >= 3);
    let lead = title.and_then(|t| (t..n).find(|&i| infos[i].body() && infos[i].words >= 12));
    let body_from = lead.map(|l| l + 1).unwrap_or(n);
    let mut reference: Vec<&str> = title
        .map(|t| content_words(infos[t].toks, lx))
        .unwrap_or_default();
    if let Some(l) = lead {
        reference.extend(content_words(infos[l].toks, lx));
    }
    (title, lead, body_from, reference)
}

fn structure(infos: &mut [Info], lx: &Lex) {
    use Furniture::*;
    let n = infos.len();
    let (_, _, _, reference) = frame(infos, lx);
    // Does this page end its paragraphs with full stops? Only then is a short line without one a
    // headline rather than a paragraph.
    let (paragraphs, stopped) =
        infos
            .iter()
            .filter(|l| l.body() && l.words >= 12)
            .fold((0usize, 0usize), |(p, s), l| {
                (
                    p + 1,
                    s + usize::from(l.long || l.ending == Ending::Stop || l.breaks > 0),
                )
            });
    let uses_stops = paragraphs > 0 && stopped * 3 >= paragraphs * 2;

    // 1. the lists under headings
    let mut i = 0;
    while i < n {
        let Some(kind) = infos[i].heading else {
            i += 1;
            continue;
        };
        let (max_items, max_words, stops_ok) = match kind {
            ReadAlso => (4, 20, false),
            Navigation => (20, 4, false),
            _ => (15, 45, true),
        };
        let mut items = 0;
        let mut last_item = None;
        let mut stopped_at = None;
        let mut j = i + 1;
        while j < n && items < max_items {
            let l = &infos[j];
            if l.blank {
                j += 1;
                continue;
            }
            if l.heading.is_some() {
                break;
            }
            if l.kind.is_some() {
                j += 1;
                continue;
            }
            let item = !l.long
                && l.words <= max_words
                && l.breaks == 0
                && l.ending != Ending::Colon
                && (stops_ok || l.ending != Ending::Stop)
                && (l.words <= 16
                    || (!connector(l.toks, lx) && overlap(l.toks, &reference, lx) <= 0.25));
            if !item {
                stopped_at = Some(j);
                break;
            }
            infos[j].kind = Some(kind);
            last_item = Some(j);
            items += 1;
            j += 1;
        }
        // a list at the top of the page runs into the article: its last "item" is the title
        let paragraph = |l: &Info| l.body() && (l.long || l.words >= 20);
        if let (Some(last), Some(stop)) = (last_item, stopped_at) {
            if paragraph(&infos[stop]) && !infos[..i].iter().any(paragraph) {
                infos[last].kind = None;
            }
        }
        i = j.max(i + 1);
    }
    // the title and lead, now that the lists are known
    let (title, _, body_from, reference) = frame(infos, lx);
    let title_words: Vec<&str> = title
        .map(|t| content_words(infos[t].toks, lx))
        .unwrap_or_default();

    if uses_stops {
        // 2. runs of three or more headline-like lines inside the body: links to other stories
        let mut i = body_from;
        while i < n {
            if !headline_like(&infos[i], lx)
                || prev_nonblank(infos, i).is_some_and(|p| infos[p].ending == Ending::Colon)
            {
                i += 1;
                continue;
            }
            let mut run = vec![i];
            let mut j = i + 1;
            while j < n {
                if infos[j].blank {
                    j += 1;
                    continue;
                }
                if headline_like(&infos[j], lx) {
                    run.push(j);
                    j += 1;
                } else {
                    break;
                }
            }
            if run.len() >= 3 {
                for &k in &run {
                    infos[k].kind = Some(Related);
                }
            }
            i = j.max(i + 1);
        }

        // 2b. a single headline-like line in the last third of the page that shares no content
        // word with the title and lead: a link to another story rather than a sub-heading
        let total = infos.last().map_or(0, |l| l.end);
        for i in body_from..n {
            let l = &infos[i];
            if l.start * 3 >= total * 2
                && l.words >= 4
                && headline_like(l, lx)
                && overlap(l.toks, &reference, lx) == 0.0
                && l.toks.iter().any(|t| imperfect_verb(t, lx))
                && prev_nonblank(infos, i).is_some_and(|p| {
                    (infos[p].body() || infos[p].kind == Some(Related))
                        && infos[p].ending != Ending::Colon
                })
            {
                infos[i].kind = Some(Related);
            }
        }

        // 3. headline-like lines at the end of the page, after the last paragraph
        let mut tail: Vec<usize> = Vec::new();
        let mut k = n;
        while k > body_from {
            k -= 1;
            let l = &infos[k];
            if l.blank || l.kind.is_some() {
                continue;
            }
            if headline_like(l, lx) {
                tail.push(k);
            } else {
                break;
            }
        }
        let before_colon = tail
            .last()
            .and_then(|&f| prev_nonblank(infos, f))
            .is_some_and(|p| infos[p].ending == Ending::Colon);
        if !before_colon {
            if tail.len() >= 2 {
                for &k in &tail {
                    infos[k].kind = Some(Related);
                }
            } else if let [one] = tail[..] {
                if infos[one].words >= 3 && overlap(infos[one].toks, &title_words, lx) == 0.0 {
                    infos[one].kind = Some(Related);
                }
            }
        }
    }

    // 4. a trailing run of lead sentences of other stories
    let mut run: Vec<usize> = Vec::new();
    let (mut soft_used, mut soft_at_top) = (false, false);
    let mut k = n;
    while k > body_from {
        k -= 1;
        let l = &infos[k];
        if l.blank || (l.kind.is_some() && run.is_empty()) {
            continue;
        }
        if l.kind.is_some() {
            break;
        }
        match teaser_like(l, &reference, uses_stops, lx) {
            Teaser::Yes => {
                run.push(k);
                soft_at_top = false;
            }
            // one teaser of a story on the same subject may sit inside the run
            Teaser::Related if !run.is_empty() && !soft_used => {
                run.push(k);
                soft_used = true;
                soft_at_top = true;
            }
            _ => break,
        }
    }
    if soft_at_top {
        run.pop();
    }
    if run.len() >= 2 {
        let timed = run.iter().filter(|&&k| has_time(infos[k].toks, lx)).count();
        // the article before the run, to which teasers of other stories owe little
        let first = *run.last().unwrap_or(&0);
        let article: Vec<&str> = infos[..first]
            .iter()
            .filter(|l| l.body())
            .flat_map(|l| content_words(l.toks, lx))
            .collect();
        let mean = run
            .iter()
            .map(|&k| overlap(infos[k].toks, &article, lx))
            .sum::<f64>()
            / run.len() as f64;
        if timed * 3 >= run.len() && mean <= 0.35 {
            for &k in &run {
                infos[k].kind = Some(Related);
            }
        }
    }
}

/// How much a line looks like the lead sentence of another story.
enum Teaser {
    /// One sentence ending in a full stop, not continuing earlier text, sharing almost no content
    /// words with the title and lead.
    Yes,
    /// Shaped like one, but on the same subject as the article.
    Related,
    No,
}

/// `truncated_ok`: the page ends its paragraphs with full stops, so a lead without one is a
/// truncated teaser.
fn teaser_like(l: &Info, reference: &[&str], truncated_ok: bool, lx: &Lex) -> Teaser {
    let ending_ok = l.ending == Ending::Stop
        || (truncated_ok && l.words >= 15 && matches!(l.ending, Ending::Open | Ending::Ellipsis));
    if !l.body()
        || l.long
        || l.words < 8
        || l.words > 70
        || l.breaks > 1
        || !ending_ok
        // a connective opening continues the article; a verb with a root «و» (وبّخ) does not
        || connector(l.toks, lx)
        || content_words(l.toks, lx).is_empty()
    {
        return Teaser::No;
    }
    if overlap(l.toks, reference, lx) <= 0.2 {
        Teaser::Yes
    } else {
        Teaser::Related
    }
}

fn prev_nonblank(infos: &[Info], i: usize) -> Option<usize> {
    (0..i).rev().find(|&k| !infos[k].blank)
}

/// Furniture that starts inside a long line of a flattened page: «… . رابط الخبر بصحيفة …: …».
/// Returns the char offset within the line where it starts, and its kind.
fn inline_tail(line: &str, lx: &Lex) -> Option<(usize, Furniture)> {
    const MARKERS: &[&str] = &[
        "رابط الخبر",
        "رابط المقال",
        "رابط مختصر",
        "الرابط المختصر",
        "رابط الموضوع",
    ];
    // every marker has «رابط»: most lines have none and need no further look
    if !line.contains("رابط") {
        return None;
    }
    // look only at the end of the line
    let mut from = line.len().saturating_sub(1200);
    while !line.is_char_boundary(from) {
        from += 1;
    }
    let window = &line[from..];
    let (pos, _) = MARKERS
        .iter()
        .filter_map(|m| window.rfind(m).map(|p| (p, m)))
        .max_by_key(|(p, _)| *p)?;
    let byte = from + pos;
    let before = line[..byte].trim_end();
    if before.is_empty() {
        return None;
    }
    let prev = before.chars().last()?;
    if !matches!(prev, '.' | '!' | '?' | '؟' | '»' | '"' | ')' | '”' | '…') {
        return None;
    }
    let tail = &line[byte..];
    if tail.split_whitespace().count() > 30 {
        return None;
    }
    let _ = lx;
    Some((line[..byte].chars().count(), Furniture::Source))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `sentence_breaks` as first written, over a `Vec<char>`.
    fn sentence_breaks_ref(s: &str) -> usize {
        let chars: Vec<char> = s.chars().collect();
        let mut n = 0;
        for i in 1..chars.len().saturating_sub(2) {
            if !matches!(chars[i], '.' | '!' | '?' | '؟')
                || chars[i - 1] == '.'
                || chars[i + 1] == '.'
            {
                continue;
            }
            let word_before = chars[..i]
                .iter()
                .rev()
                .take_while(|c| c.is_alphabetic())
                .count();
            if word_before < 2 && chars[i] == '.' {
                continue;
            }
            let mut j = i + 1;
            while j < chars.len() && matches!(chars[j], '"' | '»' | '”' | ')') {
                j += 1;
            }
            if j < chars.len() && chars[j].is_whitespace() {
                while j < chars.len() && chars[j].is_whitespace() {
                    j += 1;
                }
                if j < chars.len() && chars[j].is_alphabetic() {
                    n += 1;
                }
            }
        }
        n
    }

    #[test]
    fn arabic_letters_are_alphanumeric() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert_eq!(is_alnum(c), c.is_alphanumeric(), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn sentence_breaks_table() {
        let rows = [
            ("قال الوزير. وأضاف أن", 1),
            ("ع. م. قال", 0),
            ("هل جاء؟ نعم جاء! ثم ذهب", 2),
            ("قال «كذا». ثم مضى", 0),
            ("قال «كذا.» ثم مضى", 1),
            ("وصل... ثم", 0),
            ("a.b", 0),
        ];
        for (s, want) in rows {
            assert_eq!(sentence_breaks(s), want, "{s}");
            assert_eq!(sentence_breaks_ref(s), want, "{s}");
        }
    }

    proptest::proptest! {
        #[test]
        fn sentence_breaks_as_first_written(s in "[اب a.!?؟\"»”)\n\u{00A0}1]{0,14}") {
            proptest::prop_assert_eq!(sentence_breaks(&s), sentence_breaks_ref(&s));
        }

        #[test]
        fn words_as_first_counted(s in "[اب a.1\u{00A0}\u{064B}\u{0640}-]{0,14}") {
            let want = s
                .split_whitespace()
                .filter(|w| w.chars().any(char::is_alphanumeric))
                .count();
            proptest::prop_assert_eq!(count_words(&s), want);
        }
    }
}
