//! Reading files, directories, manifests and JSONL.

use std::fs;
use std::io::Cursor;
use std::path::{Path, PathBuf};

use rasd_read::{decode_bytes, read_jsonl, read_paths, text_id, Document, Manifest, ReadError};

/// A fresh directory under the system's temp directory, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let p = std::env::temp_dir().join(format!("rasd-read-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&p);
        fs::create_dir_all(&p).unwrap();
        TempDir(p)
    }
    fn write(&self, rel: &str, bytes: &[u8]) -> PathBuf {
        let p = self.0.join(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(&p, bytes).unwrap();
        p
    }
    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

const ARTICLE: &str = "وزير الخارجية يستقبل سفير النرويج\nاستقبل وزير الخارجية اليوم سفير النرويج وبحث معه العلاقات الثنائية.\n";

fn collect(paths: &[PathBuf], manifest: Option<&Manifest>) -> Vec<Result<Document, ReadError>> {
    read_paths(paths, manifest).collect()
}

#[test]
fn directory_walk_sorted_with_manifest_and_errors() {
    let d = TempDir::new("walk");
    d.write("001_b.txt", ARTICLE.as_bytes());
    d.write("000_a.txt", format!("\u{feff}{ARTICLE}").as_bytes());
    d.write(
        "sub/002_c.md",
        "# عنوان\nنص قصير عن زيارة الوفد.".as_bytes(),
    );
    d.write("README", "ملف بلا امتداد عن اجتماع اللجنة".as_bytes());
    d.write(".hidden.txt", b"hidden");
    d.write("manifest.jsonl", b"{\"file\":\"x\"}\n");
    d.write("photo.png", b"\x89PNG\r\n\x1a\n\0\0\0");
    d.write("empty.txt", b"");
    d.write("blank.txt", b"  \n\n");
    d.write("bin.txt", b"abc\0def");
    d.write("latin.txt", b"caf\xe9 au lait, d\xe9j\xe0 vu");
    d.write("records.jsonl", "{\"id\":\"r1\",\"text\":\"نص السجل الأول\"}\nnot json\n{\"text\":\"نص بلا معرف\",\"title\":\"عنوان\"}\n".as_bytes());
    let manifest = Manifest::parse(
        "{\"file\":\"000_a.txt\",\"id\":\"abc123\",\"outlet\":\"وكالة\",\"url\":\"http://x/1\",\"published\":\"2024-01-02\",\"lang\":\"ar\"}\n\n{\"file\":\"sub/002_c.md\",\"title\":\"عنوان من البيان\"}\n",
        "manifest.jsonl",
    )
    .unwrap();
    assert_eq!(manifest.len(), 2);
    let out = collect(&[d.path().to_path_buf()], Some(&manifest));
    let names: Vec<String> = out
        .iter()
        .map(|r| match r {
            Ok(doc) => doc.name.clone(),
            Err(e) => format!("ERR {}", e.message),
        })
        .collect();
    assert_eq!(
        names,
        vec![
            "000_a.txt",
            "001_b.txt",
            "README",
            "ERR binary file", // bin.txt
            "ERR empty file",  // blank.txt
            "ERR empty file",  // empty.txt
            "ERR not valid UTF-8 at byte 3",
            "r1",
            "ERR invalid JSON: expected ident at line 1 column 2",
            &text_id("نص بلا معرف"),
            "sub/002_c.md",
        ]
    );
    let a = out[0].as_ref().unwrap();
    assert_eq!(a.id, "abc123");
    assert_eq!(a.outlet.as_deref(), Some("وكالة"));
    assert_eq!(a.url.as_deref(), Some("http://x/1"));
    assert_eq!(a.published.as_deref(), Some("2024-01-02"));
    assert_eq!(a.title, None);
    assert_eq!(a.text, ARTICLE, "BOM stripped");
    let b = out[1].as_ref().unwrap();
    assert_eq!(b.id, text_id(ARTICLE));
    assert_eq!(b.outlet, None);
    let c = out.last().unwrap().as_ref().unwrap();
    assert_eq!(c.title.as_deref(), Some("عنوان من البيان"));
    // errors name their file or record
    let bin = out[3].as_ref().unwrap_err();
    assert!(bin.file.ends_with("bin.txt"), "{bin}");
    assert_eq!(bin.to_string(), format!("{}: binary file", bin.file));
    let bad = out[8].as_ref().unwrap_err();
    assert!(bad.file.ends_with("records.jsonl:line 2"), "{}", bad.file);
}

#[test]
fn file_arguments_and_missing_paths() {
    let d = TempDir::new("args");
    let f = d.write("one.data", ARTICLE.as_bytes());
    let missing = d.path().join("nope.txt");
    let out = collect(&[missing.clone(), f.clone()], None);
    assert_eq!(out.len(), 2);
    let e = out[0].as_ref().unwrap_err();
    assert_eq!(e.file, missing.display().to_string());
    assert!(!e.message.is_empty());
    let doc = out[1].as_ref().unwrap();
    assert_eq!(
        doc.name,
        f.display().to_string(),
        "a file argument keeps its path as given"
    );
    // the manifest is found by base name for a file argument
    let m = Manifest::parse("{\"file\":\"one.data\",\"id\":\"m1\"}", "m").unwrap();
    let doc = read_paths(&[f], Some(&m)).next().unwrap().unwrap();
    assert_eq!(doc.id, "m1");
}

#[test]
fn windows_1256_and_utf16() {
    let arabic = "أعلنت وزارة الخارجية اليوم عن زيارة مرتقبة لوفد رفيع المستوى";
    let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode(arabic);
    let d = decode_bytes(&bytes).unwrap();
    assert_eq!(d.text, arabic);
    assert_eq!(d.encoding, "windows-1256");
    let mut utf16 = vec![0xFF, 0xFE];
    for u in arabic.encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    let d = decode_bytes(&utf16).unwrap();
    assert_eq!((d.text.as_str(), d.encoding), (arabic, "UTF-16LE"));
    // UTF-8 Arabic with one broken byte is an error, not windows-1256 mojibake
    let mut broken = arabic.as_bytes().to_vec();
    broken.insert(10, 0xFF);
    assert_eq!(
        decode_bytes(&broken).unwrap_err(),
        "not valid UTF-8 at byte 10"
    );
    assert_eq!(decode_bytes(b"").unwrap_err(), "empty file");
    assert_eq!(decode_bytes(b"\xEF\xBB\xBF").unwrap_err(), "empty file");
    assert_eq!(
        decode_bytes(b"\x01\x02\x03\x04\x05\x06\x07\x08abc").unwrap_err(),
        "binary file"
    );
}

#[test]
fn jsonl_records() {
    let input = "\u{feff}{\"id\": 7, \"text\": \"نص أول\", \"outlet\": \"قناة\", \"date\": \"2020-05-01\"}\n\n[1,2]\n{\"id\":\"x\"}\n{\"id\":\"y\",\"text\":\"  \"}\n{\"id\":\"z\",\"text\":\"نص أخير\",\"url\":\"http://z\"}";
    let out: Vec<_> = read_jsonl(Cursor::new(input), "in.jsonl").collect();
    assert_eq!(out.len(), 5);
    let first = out[0].as_ref().unwrap();
    assert_eq!((first.id.as_str(), first.name.as_str()), ("7", "7"));
    assert_eq!(first.published.as_deref(), Some("2020-05-01"));
    assert_eq!(first.outlet.as_deref(), Some("قناة"));
    assert_eq!(
        out[1].as_ref().unwrap_err().to_string(),
        "in.jsonl:line 3: expected a JSON object"
    );
    assert_eq!(
        out[2].as_ref().unwrap_err().to_string(),
        "in.jsonl:line 4: missing \"text\""
    );
    assert_eq!(
        out[3].as_ref().unwrap_err().to_string(),
        "in.jsonl:line 5: empty text"
    );
    assert_eq!(out[4].as_ref().unwrap().url.as_deref(), Some("http://z"));
    // invalid UTF-8 in one line does not stop the rest
    let mut bytes = b"{\"text\":\"a\xff\"}\n".to_vec();
    bytes.extend_from_slice("{\"text\":\"نص\"}\n".as_bytes());
    let out: Vec<_> = read_jsonl(Cursor::new(bytes), "b").collect();
    assert_eq!(
        out[0].as_ref().unwrap_err().to_string(),
        "b:line 1: not valid UTF-8 at byte 10"
    );
    assert_eq!(out[1].as_ref().unwrap().text, "نص");
}

#[test]
fn manifest_errors_and_lookup() {
    assert_eq!(
        Manifest::parse("{\"id\":\"1\"}", "m.jsonl")
            .unwrap_err()
            .to_string(),
        "m.jsonl:line 1: missing \"file\""
    );
    assert!(Manifest::parse("{\"file\":\"a.txt\"}\n{oops", "m.jsonl")
        .unwrap_err()
        .file
        .ends_with("line 2"));
    let m = Manifest::parse(
        "{\"file\":\"dev/a.txt\",\"id\":\"1\"}\n{\"file\":\"b.txt\",\"id\":\"2\"}",
        "m",
    )
    .unwrap();
    assert_eq!(m.get("dev/a.txt").unwrap().id.as_deref(), Some("1"));
    assert_eq!(m.get("a.txt").unwrap().id.as_deref(), Some("1"));
    assert_eq!(m.get("./b.txt").unwrap().id.as_deref(), Some("2"));
    assert!(m.get("c.txt").is_none());
    let missing = Manifest::load(Path::new("/nonexistent/manifest.jsonl")).unwrap_err();
    assert_eq!(missing.file, "/nonexistent/manifest.jsonl");
}

#[test]
fn huge_file_and_record() {
    let d = TempDir::new("huge");
    let big = "كلمة ".repeat(10_000_000); // 50 MB, one line
    let p = d.write("big.txt", big.as_bytes());
    let doc = read_paths(&[p], None).next().unwrap().unwrap();
    assert_eq!(doc.text.len(), big.len());
    let rec = format!(
        "{{\"id\":\"big\",\"text\":\"{}\"}}\n",
        "نص ".repeat(2_000_000)
    );
    let doc = read_jsonl(Cursor::new(rec), "big.jsonl")
        .next()
        .unwrap()
        .unwrap();
    assert_eq!(doc.text.chars().count(), 6_000_000);
}
