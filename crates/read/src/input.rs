//! Files, directories, manifests and JSONL records into [`Document`]s.

use std::collections::{HashMap, VecDeque};
use std::fmt;
use std::fs;
use std::io::BufRead;
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde_json::Value;

/// One input text with what is known about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Document {
    /// The manifest's or the JSONL record's id, else [`text_id`] of the text.
    pub id: String,
    /// The file name relative to the input directory (for files found in a directory), the path as
    /// given (for a file argument), or the record's id (for JSONL records).
    pub name: String,
    /// The text, decoded, without a byte-order mark. Line ends are kept as they are.
    pub text: String,
    /// The title, when the manifest or the record gives one (the text's first line is *not* taken).
    pub title: Option<String>,
    /// The outlet that published the text.
    pub outlet: Option<String>,
    /// Where the text was published.
    pub url: Option<String>,
    /// When it was published, as the manifest or record gives it (usually ISO 8601).
    pub published: Option<String>,
}

/// A file or record that could not be read. Displays as `"{file}: {message}"`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    /// The file (or `"source:line N"` for a JSONL record) the error is about.
    pub file: String,
    /// What went wrong.
    pub message: String,
}

impl ReadError {
    pub(crate) fn new(file: impl Into<String>, message: impl Into<String>) -> Self {
        ReadError {
            file: file.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file, self.message)
    }
}

impl std::error::Error for ReadError {}

/// One line of a manifest: what is known about one file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// The file name (relative to the corpus directory) this entry is about.
    pub file: String,
    /// The document id.
    pub id: Option<String>,
    /// The outlet.
    pub outlet: Option<String>,
    /// The article's address.
    pub url: Option<String>,
    /// The publication date or time.
    pub published: Option<String>,
    /// The article's title.
    pub title: Option<String>,
}

/// A corpus manifest: JSONL lines with `"file"` and optionally `"id"`, `"outlet"`, `"url"`,
/// `"published"` and `"title"` (other fields are ignored).
#[derive(Debug, Clone, Default)]
pub struct Manifest {
    entries: Vec<Entry>,
    by_file: HashMap<String, usize>,
    /// base name → entry, only for base names that occur once
    by_base: HashMap<String, Option<usize>>,
}

fn base_name(s: &str) -> &str {
    s.rsplit(['/', '\\']).next().unwrap_or(s)
}

impl Manifest {
    /// Load a manifest file. A line that is not a JSON object with a `"file"` string is an error
    /// naming `"path:line N"`; blank lines are skipped.
    pub fn load(path: &Path) -> Result<Manifest, ReadError> {
        let shown = path.display().to_string();
        let bytes = fs::read(path).map_err(|e| ReadError::new(&shown, e.to_string()))?;
        if bytes.is_empty() {
            return Ok(Manifest::default());
        }
        let decoded = decode_bytes(&bytes).map_err(|m| ReadError::new(&shown, m))?;
        Manifest::parse(&decoded.text, &shown)
    }

    /// Parse manifest text; `source` names it in errors.
    pub fn parse(text: &str, source: &str) -> Result<Manifest, ReadError> {
        let mut m = Manifest::default();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim_start_matches('\u{feff}').trim();
            if line.is_empty() {
                continue;
            }
            let at = || format!("{source}:line {}", i + 1);
            let v: Value = serde_json::from_str(line)
                .map_err(|e| ReadError::new(at(), format!("invalid JSON: {e}")))?;
            let Value::Object(o) = v else {
                return Err(ReadError::new(at(), "expected a JSON object"));
            };
            let Some(file) = o.get("file").and_then(scalar_string) else {
                return Err(ReadError::new(at(), "missing \"file\""));
            };
            m.push(Entry {
                file,
                id: o.get("id").and_then(scalar_string),
                outlet: o.get("outlet").and_then(scalar_string),
                url: o.get("url").and_then(scalar_string),
                published: o
                    .get("published")
                    .or_else(|| o.get("date"))
                    .and_then(scalar_string),
                title: o.get("title").and_then(scalar_string),
            });
        }
        Ok(m)
    }

    fn push(&mut self, e: Entry) {
        let idx = self.entries.len();
        self.by_file.insert(e.file.clone(), idx);
        self.by_base
            .entry(base_name(&e.file).to_string())
            .and_modify(|v| {
                if *v != Some(idx) {
                    *v = None
                }
            })
            .or_insert(Some(idx));
        self.entries.push(e);
    }

    /// The entry for a file: by its name as written in the manifest, else by its base name (when
    /// only one entry has that base name).
    pub fn get(&self, file_name: &str) -> Option<&Entry> {
        if let Some(&i) = self.by_file.get(file_name) {
            return Some(&self.entries[i]);
        }
        let normalized = file_name.replace('\\', "/");
        let trimmed = normalized.trim_start_matches("./");
        if let Some(&i) = self.by_file.get(trimmed) {
            return Some(&self.entries[i]);
        }
        match self.by_base.get(base_name(trimmed)) {
            Some(Some(i)) => Some(&self.entries[*i]),
            _ => None,
        }
    }

    /// All entries, in file order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the manifest has no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// A JSON string as is, a number or bool as text; null, arrays and objects give `None`.
fn scalar_string(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => {
            let t = s.trim();
            (!t.is_empty()).then(|| t.to_string())
        }
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// The id of a text that has none: the 64-bit FNV-1a hash of its UTF-8 bytes, as 16 hex digits.
pub fn text_id(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in text.as_bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// A decoded text and the encoding it was read as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, without a byte-order mark.
    pub text: String,
    /// `"UTF-8"`, `"UTF-16LE"`, `"UTF-16BE"` or `"windows-1256"`.
    pub encoding: &'static str,
}

/// Decode the bytes of a text file. UTF-8 (a BOM is removed) and UTF-16 with a BOM are read as
/// such; bytes that are not UTF-8 but read as mostly Arabic letters in windows-1256 are read as
/// windows-1256. Errors (the message only): `"empty file"`, `"binary file"`,
/// `"not valid UTF-8 at byte N"`.
pub fn decode_bytes(bytes: &[u8]) -> Result<Decoded, String> {
    if bytes.is_empty() {
        return Err("empty file".into());
    }
    let utf16 = match bytes {
        [0xFF, 0xFE, rest @ ..] => Some((encoding_rs::UTF_16LE, rest, "UTF-16LE")),
        [0xFE, 0xFF, rest @ ..] => Some((encoding_rs::UTF_16BE, rest, "UTF-16BE")),
        _ => None,
    };
    if let Some((enc, rest, name)) = utf16 {
        let text = enc
            .decode_without_bom_handling_and_without_replacement(rest)
            .ok_or_else(|| format!("not valid {name}"))?
            .into_owned();
        return finish(text, name);
    }
    let (body, offset) = match bytes {
        [0xEF, 0xBB, 0xBF, rest @ ..] => (rest, 3),
        _ => (bytes, 0),
    };
    if body.contains(&0) {
        return Err("binary file".into());
    }
    if looks_binary(body) {
        return Err("binary file".into());
    }
    match std::str::from_utf8(body) {
        Ok(s) => finish(s.to_string(), "UTF-8"),
        Err(e) => {
            let at = e.valid_up_to() + offset;
            if offset == 0 && looks_windows_1256(body) {
                let (text, _) = encoding_rs::WINDOWS_1256.decode_without_bom_handling(body);
                return finish(text.into_owned(), "windows-1256");
            }
            Err(format!("not valid UTF-8 at byte {at}"))
        }
    }
}

fn finish(text: String, encoding: &'static str) -> Result<Decoded, String> {
    let text = match text.strip_prefix('\u{feff}') {
        Some(t) => t.to_string(),
        None => text,
    };
    if text.trim().is_empty() {
        return Err("empty file".into());
    }
    if text.contains('\0') {
        return Err("binary file".into());
    }
    Ok(Decoded { text, encoding })
}

/// Many control characters (other than tab, newlines, form feed, escape) in the first 8 KiB.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    let ctrl = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1B))
        .count();
    ctrl * 20 > head.len().max(1)
}

/// Bytes that are mostly *not* well-formed UTF-8 sequences, and that decode in windows-1256 to
/// mostly Arabic letters.
fn looks_windows_1256(bytes: &[u8]) -> bool {
    // high bytes inside well-formed UTF-8 sequences vs. stray ones
    let (mut good, mut bad) = (0usize, 0usize);
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                good += s.bytes().filter(|b| *b >= 0x80).count();
                break;
            }
            Err(e) => {
                let ok = e.valid_up_to();
                good += rest[..ok].iter().filter(|b| **b >= 0x80).count();
                let n = e.error_len().unwrap_or(rest.len() - ok);
                bad += n;
                rest = &rest[ok + n..];
            }
        }
    }
    if bad < good {
        return false;
    }
    let (text, _) = encoding_rs::WINDOWS_1256.decode_without_bom_handling(bytes);
    let (mut arabic, mut letters) = (0usize, 0usize);
    for c in text.chars() {
        if c.is_alphabetic() {
            letters += 1;
            if ('\u{0621}'..='\u{064A}').contains(&c) {
                arabic += 1;
            }
        }
    }
    arabic >= 4 && arabic * 2 >= letters
}

fn io_message(e: &std::io::Error) -> String {
    e.to_string()
}

/// One piece of work of [`read_paths`].
enum Pending {
    File { path: PathBuf, name: String },
    Jsonl { path: PathBuf },
    Html { path: PathBuf, name: String },
    Warc { path: PathBuf },
    Feed { path: PathBuf, name: String },
    Error(ReadError),
}

/// What a file holds, by its extension: `None` for a file a directory walk skips.
fn kind_by_ext(path: &Path) -> Option<FileKind> {
    let name = path.file_name()?.to_str()?.to_ascii_lowercase();
    if name.ends_with(".warc") || name.ends_with(".warc.gz") || name.ends_with(".arc.gz") {
        return Some(FileKind::Warc);
    }
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
        .as_deref()
    {
        None | Some("txt") | Some("text") | Some("md") => Some(FileKind::Text),
        Some("jsonl") => Some(FileKind::Jsonl),
        Some("html") | Some("htm") | Some("xhtml") | Some("shtml") => Some(FileKind::Html),
        Some("xml") | Some("rss") | Some("atom") => Some(FileKind::Feed),
        _ => None,
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum FileKind {
    Text,
    Jsonl,
    Html,
    Warc,
    Feed,
}

/// What a file holds, by its first bytes (for text files, which may be pages, archives or feeds
/// under another name).
fn sniff(path: &Path) -> FileKind {
    use std::io::Read;
    let mut head = Vec::with_capacity(1024);
    if let Ok(f) = fs::File::open(path) {
        let _ = f.take(1024).read_to_end(&mut head);
    }
    if head.starts_with(b"WARC/")
        || head.starts_with(&[0x1f, 0x8b]) && crate::warc::gz_is_warc(path)
    {
        FileKind::Warc
    } else if crate::html::sniff_html(&head) {
        FileKind::Html
    } else if crate::feed::sniff_feed(&head) {
        FileKind::Feed
    } else {
        FileKind::Text
    }
}

/// At most `cap + 1` bytes of a file (the caller's cap check then refuses it without the whole
/// file having been read into memory).
fn read_capped(path: &Path, cap: usize) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut out = Vec::new();
    fs::File::open(path)?
        .take(cap as u64 + 1)
        .read_to_end(&mut out)?;
    Ok(out)
}

fn pending(path: PathBuf, name: String, kind: FileKind) -> Pending {
    match kind {
        FileKind::Text => Pending::File { path, name },
        FileKind::Jsonl => Pending::Jsonl { path },
        FileKind::Html => Pending::Html { path, name },
        FileKind::Warc => Pending::Warc { path },
        FileKind::Feed => Pending::Feed { path, name },
    }
}

struct PathReader<'a> {
    inputs: VecDeque<PathBuf>,
    pending: VecDeque<Pending>,
    jsonl: Option<Box<dyn Iterator<Item = Result<Document, ReadError>> + 'a>>,
    manifest: Option<&'a Manifest>,
}

/// Read files and directories. A directory is walked recursively in sorted order, skipping hidden
/// entries and `manifest.jsonl`, reading `*.txt`, `*.text`, `*.md` and files without extension as
/// texts, `*.jsonl` files as JSONL records (see [`read_jsonl`]), `*.html`, `*.htm` as pages (see
/// [`crate::html`]), `*.warc`, `*.warc.gz` as web archives (see [`crate::warc`]; one document per
/// HTML response) and `*.xml`, `*.rss`, `*.atom` as feeds (see [`crate::feed`]; one document per
/// item: its title and summary, nothing is fetched). A file given directly is read whatever its
/// extension; a text file (or one without a known extension) that starts like an HTML page, a WARC
/// archive or a feed is read as such. A file that cannot be read yields an `Err` naming it, and the
/// iteration goes on.
pub fn read_paths<'a>(
    paths: &[PathBuf],
    manifest: Option<&'a Manifest>,
) -> impl Iterator<Item = Result<Document, ReadError>> + 'a {
    PathReader {
        inputs: paths.iter().cloned().collect(),
        pending: VecDeque::new(),
        jsonl: None,
        manifest,
    }
}

impl PathReader<'_> {
    fn expand(&mut self, path: PathBuf) {
        let shown = path.display().to_string();
        match fs::metadata(&path) {
            Err(e) => self
                .pending
                .push_back(Pending::Error(ReadError::new(shown, io_message(&e)))),
            Ok(md) if md.is_dir() => walk(&path, "", &mut self.pending, 0),
            Ok(_) => {
                let kind = match kind_by_ext(&path) {
                    Some(FileKind::Text) | None => sniff(&path),
                    Some(k) => k,
                };
                self.pending.push_back(pending(path, shown, kind));
            }
        }
    }

    fn read_html(&self, path: &Path, name: String) -> Result<Document, ReadError> {
        let shown = path.display().to_string();
        let bytes = read_capped(path, crate::html::MAX_HTML_BYTES)
            .map_err(|e| ReadError::new(&shown, io_message(&e)))?;
        let entry = self.manifest.and_then(|m| m.get(&name));
        let name = entry.map(|e| e.file.clone()).unwrap_or(name);
        let page = crate::html::extract(&bytes, None).map_err(|m| ReadError::new(&shown, m))?;
        Ok(crate::html::page_document(page, &name, None, entry))
    }

    fn read_file(&self, path: &Path, name: String) -> Result<Document, ReadError> {
        let shown = path.display().to_string();
        let bytes = fs::read(path).map_err(|e| ReadError::new(&shown, io_message(&e)))?;
        let text = decode_bytes(&bytes)
            .map_err(|m| ReadError::new(&shown, m))?
            .text;
        // a file the manifest knows is named as the manifest names it, however it was given
        let entry = self.manifest.and_then(|m| m.get(&name));
        let name = entry.map(|e| e.file.clone()).unwrap_or(name);
        Ok(document(text, name, entry))
    }
}

fn document(text: String, name: String, entry: Option<&Entry>) -> Document {
    let id = entry
        .and_then(|e| e.id.clone())
        .unwrap_or_else(|| text_id(&text));
    Document {
        id,
        name,
        title: entry.and_then(|e| e.title.clone()),
        outlet: entry.and_then(|e| e.outlet.clone()),
        url: entry.and_then(|e| e.url.clone()),
        published: entry.and_then(|e| e.published.clone()),
        text,
    }
}

fn walk(dir: &Path, rel: &str, out: &mut VecDeque<Pending>, depth: usize) {
    let shown = dir.display().to_string();
    if depth > 64 {
        out.push_back(Pending::Error(ReadError::new(
            shown,
            "directories nested too deeply",
        )));
        return;
    }
    let rd = match fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) => {
            out.push_back(Pending::Error(ReadError::new(shown, io_message(&e))));
            return;
        }
    };
    let mut entries: Vec<(String, PathBuf)> = Vec::new();
    for ent in rd {
        match ent {
            Ok(ent) => entries.push((ent.file_name().to_string_lossy().into_owned(), ent.path())),
            Err(e) => out.push_back(Pending::Error(ReadError::new(&shown, io_message(&e)))),
        }
    }
    entries.sort();
    for (file_name, path) in entries {
        if file_name.starts_with('.') || file_name == "manifest.jsonl" {
            continue;
        }
        let name = if rel.is_empty() {
            file_name.clone()
        } else {
            format!("{rel}/{file_name}")
        };
        match fs::metadata(&path) {
            Err(e) => out.push_back(Pending::Error(ReadError::new(
                path.display().to_string(),
                io_message(&e),
            ))),
            Ok(md) if md.is_dir() => walk(&path, &name, out, depth + 1),
            Ok(_) => {
                match kind_by_ext(&path) {
                    // files without an extension may be pages, archives or feeds
                    Some(FileKind::Text) if path.extension().is_none() => {
                        let k = sniff(&path);
                        out.push_back(pending(path, name, k))
                    }
                    // in a directory, XML files that are not feeds (sitemaps…) are skipped
                    Some(FileKind::Feed) if sniff(&path) != FileKind::Feed => {}
                    Some(k) => out.push_back(pending(path, name, k)),
                    None => {}
                }
            }
        }
    }
}

impl Iterator for PathReader<'_> {
    type Item = Result<Document, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(it) = self.jsonl.as_mut() {
                match it.next() {
                    Some(r) => return Some(r),
                    None => self.jsonl = None,
                }
            }
            match self.pending.pop_front() {
                Some(Pending::Error(e)) => return Some(Err(e)),
                Some(Pending::File { path, name }) => return Some(self.read_file(&path, name)),
                Some(Pending::Html { path, name }) => return Some(self.read_html(&path, name)),
                Some(Pending::Warc { path }) => {
                    self.jsonl = Some(Box::new(crate::warc::read_warc_file(&path)));
                }
                Some(Pending::Feed { path, name }) => {
                    let shown = path.display().to_string();
                    match read_capped(&path, crate::feed::MAX_FEED_BYTES) {
                        Ok(bytes) => {
                            let docs: Vec<_> = match crate::feed::parse_feed(&bytes, &shown) {
                                Ok(items) => items
                                    .iter()
                                    .filter_map(|it| it.document(&name))
                                    .map(Ok)
                                    .collect(),
                                Err(e) => vec![Err(e)],
                            };
                            self.jsonl = Some(Box::new(docs.into_iter()));
                        }
                        Err(e) => return Some(Err(ReadError::new(shown, io_message(&e)))),
                    }
                }
                Some(Pending::Jsonl { path }) => {
                    let shown = path.display().to_string();
                    match fs::File::open(&path) {
                        Ok(f) => {
                            self.jsonl =
                                Some(Box::new(read_jsonl(std::io::BufReader::new(f), &shown)));
                        }
                        Err(e) => return Some(Err(ReadError::new(shown, io_message(&e)))),
                    }
                }
                None => {
                    let next = self.inputs.pop_front()?;
                    self.expand(next);
                }
            }
        }
    }
}

/// Read JSONL records, one JSON object per line: `"text"` (required), `"id"`, `"title"`, `"url"`,
/// `"outlet"`, `"published"` (or `"date"`). Blank lines are skipped. A bad line yields an `Err`
/// naming `"source:line N"` and the following lines are still read. The document's name is its id.
pub fn read_jsonl(
    reader: impl BufRead,
    source_name: &str,
) -> impl Iterator<Item = Result<Document, ReadError>> {
    JsonlReader {
        reader,
        source: source_name.to_string(),
        line_no: 0,
        buf: Vec::new(),
        done: false,
    }
}

struct JsonlReader<R> {
    reader: R,
    source: String,
    line_no: usize,
    buf: Vec<u8>,
    done: bool,
}

impl<R: BufRead> Iterator for JsonlReader<R> {
    type Item = Result<Document, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            self.buf.clear();
            match self.reader.read_until(b'\n', &mut self.buf) {
                Ok(0) => self.done = true,
                Ok(_) => {
                    self.line_no += 1;
                    let mut line: &[u8] = &self.buf;
                    if self.line_no == 1 {
                        line = line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line);
                    }
                    if line.iter().all(|b| b.is_ascii_whitespace()) {
                        continue;
                    }
                    let at = format!("{}:line {}", self.source, self.line_no);
                    return Some(parse_record(line).map_err(|m| ReadError::new(at, m)));
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => {
                    self.done = true;
                    let at = format!("{}:line {}", self.source, self.line_no + 1);
                    return Some(Err(ReadError::new(at, io_message(&e))));
                }
            }
        }
        None
    }
}

fn parse_record(line: &[u8]) -> Result<Document, String> {
    let s = std::str::from_utf8(line)
        .map_err(|e| format!("not valid UTF-8 at byte {}", e.valid_up_to()))?;
    let v: Value = serde_json::from_str(s).map_err(|e| format!("invalid JSON: {e}"))?;
    let Value::Object(o) = v else {
        return Err("expected a JSON object".into());
    };
    let text = match o.get("text") {
        Some(Value::String(t)) => t.strip_prefix('\u{feff}').unwrap_or(t).to_string(),
        Some(_) => return Err("\"text\" is not a string".into()),
        None => return Err("missing \"text\"".into()),
    };
    if text.trim().is_empty() {
        return Err("empty text".into());
    }
    if text.contains('\0') {
        return Err("binary text (NUL characters)".into());
    }
    let id = o
        .get("id")
        .and_then(scalar_string)
        .unwrap_or_else(|| text_id(&text));
    Ok(Document {
        name: id.clone(),
        id,
        title: o.get("title").and_then(scalar_string),
        outlet: o.get("outlet").and_then(scalar_string),
        url: o.get("url").and_then(scalar_string),
        published: o
            .get("published")
            .or_else(|| o.get("date"))
            .and_then(scalar_string),
        text,
    })
}
