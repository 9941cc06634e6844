//! A small, forgiving HTML lexer: start tags, end tags, text, and the raw content of script-like
//! elements. It never builds a tree and never recurses, so any nesting depth is safe; malformed
//! markup degrades to text or is skipped, never to a panic.

/// One lexical item of a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tok<'a> {
    /// `<name attrs…>`; `attrs` is the raw attribute region.
    Start {
        name: Name,
        attrs: &'a str,
        self_closing: bool,
    },
    /// `</name>`.
    End { name: Name },
    /// Character data between tags (entities not yet decoded).
    Text(&'a str),
    /// The content of a raw-text element (`script`, `style`, `title`, `textarea`…), emitted right
    /// after its start tag; the end tag is consumed and also emitted as [`Tok::End`].
    Raw(&'a str),
}

/// A lower-cased tag name, truncated to 15 bytes (enough to tell every HTML tag apart).
#[derive(Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Name {
    bytes: [u8; 15],
    len: u8,
}

impl std::fmt::Debug for Name {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.as_str())
    }
}

impl Name {
    fn new(raw: &[u8]) -> Name {
        let mut n = Name::default();
        for (i, b) in raw.iter().take(15).enumerate() {
            n.bytes[i] = b.to_ascii_lowercase();
        }
        n.len = raw.len().min(15) as u8;
        n
    }

    /// The name as text (ASCII only by construction).
    pub(crate) fn as_str(&self) -> &str {
        std::str::from_utf8(&self.bytes[..self.len as usize]).unwrap_or("")
    }
}

/// Elements whose content is raw text up to their end tag.
pub(crate) fn is_raw(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "title"
            | "textarea"
            | "xmp"
            | "iframe"
            | "noembed"
            | "noframes"
            | "noscript"
            | "template"
            | "svg"
            | "math"
    )
}

/// The lexer: an iterator of [`Tok`].
pub(crate) struct Lexer<'a> {
    src: &'a str,
    pos: usize,
    /// After a raw-text start tag: the element whose content comes next.
    raw_pending: Option<Name>,
    /// The end tag to emit after a raw content.
    end_pending: Option<Name>,
}

impl<'a> Lexer<'a> {
    pub(crate) fn new(src: &'a str) -> Lexer<'a> {
        Lexer {
            src,
            pos: 0,
            raw_pending: None,
            end_pending: None,
        }
    }

    fn bytes(&self) -> &'a [u8] {
        self.src.as_bytes()
    }

    /// Find `needle` (ASCII) from `from`; the index of its first byte.
    fn find_at(&self, from: usize, needle: &str) -> Option<usize> {
        self.src.get(from..)?.find(needle).map(|i| i + from)
    }

    /// The content of a raw-text element starting at `self.pos`, up to `</name` (any case).
    fn raw_content(&mut self, name: Name) -> &'a str {
        let b = self.bytes();
        let n = name.as_str().as_bytes();
        let start = self.pos;
        let mut i = start;
        while let Some(lt) = self.find_at(i, "</") {
            let after = lt + 2;
            let end = after + n.len();
            if end <= b.len()
                && b[after..end].eq_ignore_ascii_case(n)
                && (end == b.len()
                    || matches!(b[end], b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r' | 0x0C))
            {
                let content = &self.src[start..lt];
                // skip the end tag
                self.pos = match self.find_at(end, ">") {
                    Some(gt) => gt + 1,
                    None => b.len(),
                };
                self.end_pending = Some(name);
                return content;
            }
            i = after;
        }
        self.pos = b.len();
        self.end_pending = Some(name);
        &self.src[start..]
    }

    /// The end of a tag's attribute region starting at `from`: the index of the closing `>`
    /// (quotes after `=` are honoured), or the end of input.
    fn tag_end(&self, from: usize) -> usize {
        let b = self.bytes();
        let mut i = from;
        let mut after_eq = false;
        while i < b.len() {
            match b[i] {
                b'>' => return i,
                b'=' => after_eq = true,
                q @ (b'"' | b'\'') if after_eq => {
                    match memchr_from(b, i + 1, q) {
                        Some(j) => i = j,
                        None => return b.len(),
                    }
                    after_eq = false;
                }
                b' ' | b'\t' | b'\n' | b'\r' | 0x0C => {}
                _ => after_eq = false,
            }
            i += 1;
        }
        b.len()
    }
}

fn memchr_from(b: &[u8], from: usize, c: u8) -> Option<usize> {
    b.get(from..)?
        .iter()
        .position(|&x| x == c)
        .map(|i| i + from)
}

impl<'a> Iterator for Lexer<'a> {
    type Item = Tok<'a>;

    fn next(&mut self) -> Option<Tok<'a>> {
        if let Some(name) = self.raw_pending.take() {
            let content = self.raw_content(name);
            return Some(Tok::Raw(content));
        }
        if let Some(name) = self.end_pending.take() {
            return Some(Tok::End { name });
        }
        let b = self.bytes();
        loop {
            if self.pos >= b.len() {
                return None;
            }
            let start = self.pos;
            if b[start] != b'<' {
                let end = memchr_from(b, start, b'<').unwrap_or(b.len());
                self.pos = end;
                return Some(Tok::Text(&self.src[start..end]));
            }
            let next = b.get(start + 1).copied();
            match next {
                Some(b'!') => {
                    if b[start..].starts_with(b"<!--") {
                        self.pos = match self.find_at(start + 4, "-->") {
                            Some(e) => e + 3,
                            None => b.len(),
                        };
                    } else if b[start..].starts_with(b"<![CDATA[") {
                        let from = start + 9;
                        let end = self.find_at(from, "]]>").unwrap_or(b.len());
                        self.pos = (end + 3).min(b.len());
                        return Some(Tok::Text(&self.src[from..end]));
                    } else {
                        self.pos = match self.find_at(start, ">") {
                            Some(e) => e + 1,
                            None => b.len(),
                        };
                    }
                }
                Some(b'?') => {
                    self.pos = match self.find_at(start, ">") {
                        Some(e) => e + 1,
                        None => b.len(),
                    };
                }
                Some(b'/') => {
                    let ns = start + 2;
                    let mut ne = ns;
                    while ne < b.len()
                        && (b[ne].is_ascii_alphanumeric() || matches!(b[ne], b'-' | b':' | b'_'))
                    {
                        ne += 1;
                    }
                    self.pos = match self.find_at(ne, ">") {
                        Some(e) => e + 1,
                        None => b.len(),
                    };
                    if ne > ns && b[ns].is_ascii_alphabetic() {
                        return Some(Tok::End {
                            name: Name::new(&b[ns..ne]),
                        });
                    }
                }
                Some(c) if c.is_ascii_alphabetic() => {
                    let ns = start + 1;
                    let mut ne = ns;
                    while ne < b.len()
                        && (b[ne].is_ascii_alphanumeric() || matches!(b[ne], b'-' | b':' | b'_'))
                    {
                        ne += 1;
                    }
                    let gt = self.tag_end(ne);
                    let attrs = &self.src[ne..gt];
                    let self_closing = attrs.ends_with('/');
                    self.pos = (gt + 1).min(b.len());
                    let name = Name::new(&b[ns..ne]);
                    if is_raw(name.as_str()) && !self_closing {
                        self.raw_pending = Some(name);
                    }
                    return Some(Tok::Start {
                        name,
                        attrs,
                        self_closing,
                    });
                }
                _ => {
                    // a lone '<' is text
                    let end = memchr_from(b, start + 1, b'<').unwrap_or(b.len());
                    self.pos = end;
                    return Some(Tok::Text(&self.src[start..end]));
                }
            }
        }
    }
}

/// The attributes of a raw attribute region: `(name lower-cased, value raw)`. Values are not
/// entity-decoded (see [`decode_entities`]).
pub(crate) fn attrs(raw: &str) -> impl Iterator<Item = (String, &str)> {
    let b = raw.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        loop {
            while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
                i += 1;
            }
            if i >= b.len() {
                return None;
            }
            let ns = i;
            while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'/' | b'>')
            {
                i += 1;
            }
            let name = raw[ns..i].to_ascii_lowercase();
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < b.len() && b[i] == b'=' {
                i += 1;
                while i < b.len() && b[i].is_ascii_whitespace() {
                    i += 1;
                }
                let value = if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                    let q = b[i];
                    let vs = i + 1;
                    let ve = memchr_from(b, vs, q).unwrap_or(b.len());
                    i = (ve + 1).min(b.len());
                    &raw[vs..ve]
                } else {
                    let vs = i;
                    while i < b.len() && !b[i].is_ascii_whitespace() {
                        i += 1;
                    }
                    &raw[vs..i]
                };
                if !name.is_empty() {
                    return Some((name, value));
                }
            } else if !name.is_empty() {
                return Some((name, ""));
            } else if ns == i {
                // a stray '=' or similar: skip one byte (ASCII, so a char boundary)
                i += 1;
            }
        }
    })
}

/// Named character references common in news pages (the rest are left as written).
const ENTITIES: &[(&str, char)] = &[
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("nbsp", '\u{a0}'),
    ("laquo", '«'),
    ("raquo", '»'),
    ("hellip", '…'),
    ("mdash", '—'),
    ("ndash", '–'),
    ("lsquo", '‘'),
    ("rsquo", '’'),
    ("ldquo", '“'),
    ("rdquo", '”'),
    ("sbquo", '‚'),
    ("bdquo", '„'),
    ("copy", '©'),
    ("reg", '®'),
    ("trade", '™'),
    ("middot", '·'),
    ("bull", '•'),
    ("zwnj", '\u{200c}'),
    ("zwj", '\u{200d}'),
    ("lrm", '\u{200e}'),
    ("rlm", '\u{200f}'),
    ("shy", '\u{ad}'),
    ("times", '×'),
    ("divide", '÷'),
    ("deg", '°'),
    ("euro", '€'),
    ("pound", '£'),
    ("cent", '¢'),
    ("yen", '¥'),
    ("sect", '§'),
    ("para", '¶'),
    ("ensp", '\u{2002}'),
    ("emsp", '\u{2003}'),
    ("thinsp", '\u{2009}'),
    ("iexcl", '¡'),
    ("iquest", '¿'),
    ("eacute", 'é'),
    ("egrave", 'è'),
    ("agrave", 'à'),
    ("ccedil", 'ç'),
    ("uuml", 'ü'),
    ("ouml", 'ö'),
    ("auml", 'ä'),
    ("frasl", '⁄'),
    ("minus", '−'),
    ("larr", '←'),
    ("rarr", '→'),
];

/// Decode one character reference at the start of `s` (which starts with `&`): the character and
/// the number of bytes consumed, or `None` when it is not a reference.
fn entity(s: &str) -> Option<(char, usize)> {
    let b = s.as_bytes();
    if b.get(1) == Some(&b'#') {
        let (hex, ds) = match b.get(2) {
            Some(b'x') | Some(b'X') => (true, 3),
            _ => (false, 2),
        };
        let mut de = ds;
        while de < b.len()
            && de - ds < 8
            && (if hex {
                b[de].is_ascii_hexdigit()
            } else {
                b[de].is_ascii_digit()
            })
        {
            de += 1;
        }
        if de == ds {
            return None;
        }
        let v = u32::from_str_radix(&s[ds..de], if hex { 16 } else { 10 }).ok()?;
        let c = match v {
            0 => '\u{fffd}',
            0x80..=0x9f => windows_1252_c1(v),
            _ => char::from_u32(v).unwrap_or('\u{fffd}'),
        };
        let used = if b.get(de) == Some(&b';') { de + 1 } else { de };
        return Some((c, used));
    }
    let mut ne = 1;
    while ne < b.len() && ne < 12 && b[ne].is_ascii_alphanumeric() {
        ne += 1;
    }
    let name = &s[1..ne];
    let (_, c) = ENTITIES.iter().find(|(n, _)| *n == name)?;
    if b.get(ne) == Some(&b';') {
        Some((*c, ne + 1))
    } else if matches!(name, "amp" | "lt" | "gt" | "quot" | "nbsp") {
        Some((*c, ne))
    } else {
        None
    }
}

/// C1 code points in numeric references mean windows-1252 characters (as browsers read them).
fn windows_1252_c1(v: u32) -> char {
    let b = [v as u8];
    let (s, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&b);
    s.chars().next().unwrap_or('\u{fffd}')
}

/// Decode character references in `s`.
pub(crate) fn decode_entities(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('&') {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        match entity(&rest[i..]) {
            Some((c, used)) => {
                out.push(c);
                rest = &rest[i + used..];
            }
            None => {
                out.push('&');
                rest = &rest[i + 1..];
            }
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens() {
        let toks: Vec<String> = Lexer::new(
            "a<P class=\"x>y\">b</p ><script>if(a<b)</x></SCRIPT>c<!-- <p> -->d< e<br/>",
        )
        .map(|t| format!("{t:?}"))
        .collect();
        let want = [
            "Text(\"a\")",
            "Start { name: p, attrs: \" class=\\\"x>y\\\"\", self_closing: false }",
            "Text(\"b\")",
            "End { name: p }",
            "Start { name: script, attrs: \"\", self_closing: false }",
            "Raw(\"if(a<b)</x>\")",
            "End { name: script }",
            "Text(\"c\")",
            "Text(\"d\")",
            "Text(\"< e\")",
            "Start { name: br, attrs: \"/\", self_closing: true }",
        ];
        assert_eq!(toks, want);
    }

    #[test]
    fn attributes_and_entities() {
        let a: Vec<(String, &str)> =
            attrs(" Property='og:title' content=\"a &amp; b\" hidden x=1/").collect();
        assert_eq!(
            a,
            vec![
                ("property".to_string(), "og:title"),
                ("content".to_string(), "a &amp; b"),
                ("hidden".to_string(), ""),
                ("x".to_string(), "1/"),
            ]
        );
        assert_eq!(
            decode_entities("&laquo;x&raquo; &#1575;&#x644; &amp &bogus; &#150;"),
            "«x» ال & &bogus; –"
        );
    }

    #[test]
    fn truncated_markup_never_panics() {
        for s in [
            "<",
            "<a",
            "<a href=\"x",
            "</",
            "</a",
            "<!--",
            "<![CDATA[x",
            "<script>x",
            "&#",
            "&#x",
            "&",
            "<p\u{645}>",
        ] {
            let _: Vec<_> = Lexer::new(s).collect();
            let _ = decode_entities(s);
            let _: Vec<_> = attrs(s).collect();
        }
    }
}
