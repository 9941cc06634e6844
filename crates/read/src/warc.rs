//! Web archives (WARC 1.0/1.1, plain or gzip-compressed per record, as Common Crawl News ships
//! them) into [`Document`]s: one per HTML `response` record, its HTTP headers stripped, its
//! payload de-chunked and un-gzipped when needed, decoded by the charset it declares and read by
//! [`crate::html`].
//!
//! Reading streams: one record is in memory at a time, and a record longer than
//! [`MAX_RECORD_BYTES`] is skipped without being read into memory (an `Err` says so and reading
//! goes on). A truncated or corrupt archive yields the documents up to the break, then one `Err`
//! naming the file, the record and its offset, and ends.

use std::fs;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use crate::input::{Document, ReadError};

/// The longest record read (64 MiB); longer ones are skipped with an error.
pub const MAX_RECORD_BYTES: u64 = 64 << 20;

/// Longest WARC or HTTP header line, and most header lines, read before a record is called corrupt.
const MAX_HEADER_LINE: u64 = 64 << 10;
const MAX_HEADER_LINES: usize = 1000;

/// Whether a gzip file's first record starts like a WARC record.
pub(crate) fn gz_is_warc(path: &Path) -> bool {
    let Ok(f) = fs::File::open(path) else {
        return false;
    };
    let mut head = Vec::new();
    let _ = flate2::read::MultiGzDecoder::new(f)
        .take(5)
        .read_to_end(&mut head);
    head == b"WARC/"
}

/// Counts the bytes consumed from the file (the compressed offset).
struct Counting<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R: BufRead> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Counting<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }
    fn consume(&mut self, amt: usize) {
        self.count.fetch_add(amt as u64, Ordering::Relaxed);
        self.inner.consume(amt);
    }
}

/// The documents of a WARC file (`.warc` or `.warc.gz`; gzip is recognised by its magic bytes).
/// A file that cannot be opened yields one `Err`.
pub fn read_warc_file(path: &Path) -> Box<dyn Iterator<Item = Result<Document, ReadError>> + Send> {
    let shown = path.display().to_string();
    let f = match fs::File::open(path) {
        Ok(f) => f,
        Err(e) => return Box::new(std::iter::once(Err(ReadError::new(shown, e.to_string())))),
    };
    Box::new(read_warc(BufReader::with_capacity(1 << 16, f), &shown))
}

/// The documents of a WARC stream (plain or gzip-compressed); `source` names it in errors and in
/// the documents' names (`source#N` when a record has no `WARC-Target-URI`).
pub fn read_warc<R: BufRead + Send + 'static>(mut reader: R, source: &str) -> WarcReader {
    let count = Arc::new(AtomicU64::new(0));
    let gz = matches!(reader.fill_buf(), Ok(b) if b.starts_with(&[0x1f, 0x8b]));
    let counting = Counting {
        inner: reader,
        count: Arc::clone(&count),
    };
    let stream: Box<dyn BufRead + Send> = if gz {
        Box::new(BufReader::with_capacity(
            1 << 16,
            flate2::bufread::MultiGzDecoder::new(counting),
        ))
    } else {
        Box::new(counting)
    };
    WarcReader {
        stream,
        source: source.to_string(),
        compressed: if gz { Some(count) } else { None },
        offset: 0,
        record: 0,
        done: false,
    }
}

/// An iterator of the documents of a WARC stream (see [`read_warc`]).
pub struct WarcReader {
    stream: Box<dyn BufRead + Send>,
    source: String,
    /// bytes of the file consumed so far, for gzip files
    compressed: Option<Arc<AtomicU64>>,
    /// uncompressed offset of the next byte of `stream`
    offset: u64,
    /// records begun so far
    record: u64,
    done: bool,
}

/// One record's WARC headers that matter here.
#[derive(Default)]
struct Head {
    kind: String,
    length: Option<u64>,
    uri: Option<String>,
    content_type: String,
}

enum Step {
    Doc(Document),
    Skip,
    /// an error after which reading goes on
    Soft(ReadError),
    End,
}

impl WarcReader {
    fn at(&self, start: u64) -> String {
        match &self.compressed {
            Some(c) => format!(
                "record {} at uncompressed offset {start} (about byte {} of the file)",
                self.record,
                c.load(Ordering::Relaxed)
            ),
            None => format!("record {} at offset {start}", self.record),
        }
    }

    fn fail(&mut self, start: u64, what: &str) -> ReadError {
        self.done = true;
        ReadError::new(&self.source, format!("{what}: {}", self.at(start)))
    }

    /// Read one line (up to `\n`), at most `MAX_HEADER_LINE` bytes.
    fn line(&mut self, buf: &mut Vec<u8>) -> io::Result<usize> {
        buf.clear();
        let n = (&mut self.stream)
            .take(MAX_HEADER_LINE)
            .read_until(b'\n', buf)?;
        self.offset += n as u64;
        Ok(n)
    }

    fn step(&mut self) -> Step {
        let mut line = Vec::new();
        // skip the blank lines between records
        let start = loop {
            let start = self.offset;
            match self.line(&mut line) {
                Ok(0) => return Step::End,
                Ok(_) if line.iter().all(|b| b.is_ascii_whitespace()) => continue,
                Ok(_) => break start,
                Err(e) => {
                    return Step::Soft(
                        self.fail(self.offset, &format!("truncated or corrupt archive ({e})")),
                    )
                }
            }
        };
        self.record += 1;
        if !line.starts_with(b"WARC/") {
            return Step::Soft(self.fail(start, "not a WARC record (no \"WARC/\" version line)"));
        }
        let mut head = Head::default();
        let mut lines = 0;
        loop {
            match self.line(&mut line) {
                Ok(0) => {
                    return Step::Soft(self.fail(start, "truncated archive (headers end early)"))
                }
                Ok(_) => {}
                Err(e) => {
                    return Step::Soft(
                        self.fail(start, &format!("truncated or corrupt archive ({e})")),
                    )
                }
            }
            if line == b"\r\n" || line == b"\n" {
                break;
            }
            lines += 1;
            if lines > MAX_HEADER_LINES || !line.ends_with(b"\n") {
                return Step::Soft(self.fail(start, "corrupt record headers"));
            }
            let l = String::from_utf8_lossy(&line);
            let Some((k, v)) = l.split_once(':') else {
                continue;
            };
            let v = v.trim();
            match k.trim().to_ascii_lowercase().as_str() {
                "warc-type" => head.kind = v.to_ascii_lowercase(),
                "content-length" => head.length = v.parse().ok(),
                "warc-target-uri" => head.uri = Some(v.trim_matches(['<', '>']).to_string()),
                "content-type" => head.content_type = v.to_ascii_lowercase(),
                _ => {}
            }
        }
        let Some(len) = head.length else {
            return Step::Soft(self.fail(start, "record without a valid Content-Length"));
        };
        let wanted = head.kind == "response" && head.content_type.starts_with("application/http");
        if !wanted || len > MAX_RECORD_BYTES {
            // skip without keeping the bytes
            let skipped = match io::copy(&mut (&mut self.stream).take(len), &mut io::sink()) {
                Ok(n) => n,
                Err(e) => {
                    return Step::Soft(
                        self.fail(start, &format!("truncated or corrupt archive ({e})")),
                    )
                }
            };
            self.offset += skipped;
            if skipped < len {
                return Step::Soft(self.fail(
                    start,
                    &format!("truncated archive (record declares {len} bytes, {skipped} present)"),
                ));
            }
            if wanted {
                let at = self.at(start);
                return Step::Soft(ReadError::new(
                    &self.source,
                    format!(
                        "{at}: declares {len} bytes, over the {} MiB cap; skipped",
                        MAX_RECORD_BYTES >> 20
                    ),
                ));
            }
            return Step::Skip;
        }
        let mut block = Vec::with_capacity(len.min(1 << 20) as usize);
        match (&mut self.stream).take(len).read_to_end(&mut block) {
            Ok(n) => self.offset += n as u64,
            Err(e) => {
                return Step::Soft(self.fail(start, &format!("truncated or corrupt archive ({e})")))
            }
        }
        if (block.len() as u64) < len {
            let got = block.len();
            return Step::Soft(self.fail(
                start,
                &format!("truncated archive (record declares {len} bytes, {got} present)"),
            ));
        }
        let name = head
            .uri
            .clone()
            .unwrap_or_else(|| format!("{}#{}", self.source, self.record));
        match http_payload(&block) {
            Some(p) => {
                if !p.html {
                    return Step::Skip;
                }
                match crate::html::extract(&p.body, p.charset.as_deref()) {
                    Ok(page) => Step::Doc(crate::html::page_document(
                        page,
                        &name,
                        head.uri.as_deref(),
                        None,
                    )),
                    Err(m) => Step::Soft(ReadError::new(
                        format!("{} ({name})", self.source),
                        format!("{m}: {}", self.at(start)),
                    )),
                }
            }
            None => Step::Skip,
        }
    }
}

impl Iterator for WarcReader {
    type Item = Result<Document, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            match self.step() {
                Step::Doc(d) => return Some(Ok(d)),
                Step::Skip => {}
                Step::Soft(e) => return Some(Err(e)),
                Step::End => self.done = true,
            }
        }
        None
    }
}

/// An HTTP response's payload.
pub(crate) struct Payload {
    pub(crate) body: Vec<u8>,
    pub(crate) charset: Option<String>,
    pub(crate) html: bool,
}

/// Split an HTTP response into headers and body: only 2xx responses with an HTML content type
/// (or none, and a body that looks like HTML) are `html`. `None` when it is not an HTTP response.
pub(crate) fn http_payload(block: &[u8]) -> Option<Payload> {
    if !block.starts_with(b"HTTP/") {
        return None;
    }
    let (head_end, body_start) = match find(block, b"\r\n\r\n") {
        Some(i) => (i, i + 4),
        None => match find(block, b"\n\n") {
            Some(i) => (i, i + 2),
            None => (block.len(), block.len()),
        },
    };
    let head = String::from_utf8_lossy(&block[..head_end]);
    let mut lines = head.lines();
    let status: u16 = lines
        .next()?
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let (mut ctype, mut chunked, mut gzip) = (None, false, false);
    for l in lines {
        let Some((k, v)) = l.split_once(':') else {
            continue;
        };
        let v = v.trim().to_ascii_lowercase();
        match k.trim().to_ascii_lowercase().as_str() {
            "content-type" => ctype = Some(v),
            "transfer-encoding" => chunked = v.contains("chunked"),
            "content-encoding" => gzip = v.contains("gzip") || v.contains("deflate"),
            _ => {}
        }
    }
    let mut body = block[body_start..].to_vec();
    if chunked {
        if let Some(b) = dechunk(&body) {
            body = b;
        }
    }
    if gzip && body.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        let r = flate2::read::MultiGzDecoder::new(&body[..])
            .take(MAX_RECORD_BYTES)
            .read_to_end(&mut out);
        if r.is_ok() || !out.is_empty() {
            body = out;
        }
    }
    let charset = ctype.as_deref().and_then(charset_of);
    let html = (200..300).contains(&status)
        && match ctype.as_deref() {
            Some(t) => t.contains("html"),
            None => crate::html::sniff_html(&body),
        };
    Some(Payload {
        body,
        charset,
        html,
    })
}

/// The `charset=` parameter of a Content-Type value.
pub(crate) fn charset_of(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        (k.trim().eq_ignore_ascii_case("charset"))
            .then(|| v.trim().trim_matches(['"', '\'']).to_string())
    })
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Undo chunked transfer encoding; `None` when the body is not well-formed chunks.
fn dechunk(mut b: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(b.len());
    loop {
        let eol = find(b, b"\r\n")?;
        let size_str = std::str::from_utf8(&b[..eol]).ok()?;
        let size = usize::from_str_radix(size_str.split(';').next()?.trim(), 16).ok()?;
        b = &b[eol + 2..];
        if size == 0 {
            return Some(out);
        }
        if size > b.len() {
            out.extend_from_slice(b);
            return Some(out);
        }
        out.extend_from_slice(&b[..size]);
        b = b.get(size + 2..).unwrap_or(&[]);
        if b.is_empty() {
            return Some(out);
        }
    }
}
