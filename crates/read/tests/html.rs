//! HTML extraction: main text, metadata, charsets, and hostile input.

use rasd_read::html::{extract, extract_str, html_document, MAX_HTML_BYTES};
use rasd_read::{arabic_ratio, classify_lines};

const PAGE: &str = r##"<!DOCTYPE html>
<html lang="ar" dir="rtl"><head>
<meta charset="utf-8">
<title>الرئيس يستقبل وزير الخارجية | موقع الأخبار</title>
<meta property="og:site_name" content="موقع الأخبار">
<meta property="og:title" content="الرئيس يستقبل وزير الخارجية">
<meta property="article:published_time" content="2023-02-22T10:00:00+03:00">
<link rel="canonical" href="https://www.example.com/news/1">
<style>.x{color:red}</style>
<script>var a = "<p>not text</p>";</script>
</head><body class="with-sidebar">
<header class="site-header"><nav><ul><li><a href="/">الرئيسية</a></li><li><a href="/p">سياسة</a></li><li><a href="/e">اقتصاد</a></li></ul></nav></header>
<div class="breadcrumb"><a href="/">الرئيسية</a> &raquo; <a href="/p">سياسة</a></div>
<main>
<article class="post">
<h1 class="entry-title">الرئيس يستقبل وزير الخارجية</h1>
<div class="entry-meta"><span>22 فبراير 2023</span></div>
<div class="entry-content">
<p>استقبل الرئيس اليوم الأربعاء وزير الخارجية الروسي، وبحث معه العلاقات الثنائية وسبل تعزيزها في مختلف المجالات.</p>
<p>وأكد الجانبان خلال اللقاء أهمية التنسيق المشترك إزاء القضايا الإقليمية والدولية ذات الاهتمام المشترك.<br>وقال الوزير إن بلاده مستعدة للتعاون.</p>
<div class="share-links"><a href="https://t.me/x">شارك على تيليجرام</a> <a href="#">فيسبوك</a></div>
</div>
</article>
<aside class="sidebar"><h3>الأكثر قراءة</h3><ol>
<li><a href="/a">وزير النفط يفتتح مصفاة جديدة في الجنوب وسط حضور رسمي كبير</a></li>
<li><a href="/b">المنتخب الوطني يفوز على نظيره في مباراة ودية مثيرة أمس</a></li>
</ol></aside>
</main>
<section id="comments"><h3>اترك تعليقاً</h3><form><textarea>اكتب هنا</textarea><button>إرسال</button></form>
<div class="comment"><p>تعليق طويل جدا من أحد القراء عن موضوع آخر تماما لا علاقة له بالخبر، وهو يكتب ويكتب.</p></div></section>
<footer><p>جميع الحقوق محفوظة © 2025 موقع الأخبار</p></footer>
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"عنوان JSON","datePublished":"2023-02-21T09:00:00Z","publisher":{"@type":"Organization","name":"ناشر"}}</script>
</body></html>"##;

#[test]
fn main_text_without_furniture() {
    let p = extract(PAGE.as_bytes(), None).unwrap();
    assert!(
        p.text
            .starts_with("الرئيس يستقبل وزير الخارجية\n\nاستقبل الرئيس"),
        "{}",
        p.text
    );
    assert!(
        p.text.contains("ذات الاهتمام المشترك.\nوقال الوزير"),
        "{}",
        p.text
    );
    for bad in [
        "الأكثر قراءة",
        "مصفاة",
        "المنتخب",
        "تعليق",
        "الحقوق",
        "تيليجرام",
        "سياسة",
        "not text",
        "color",
    ] {
        assert!(!p.text.contains(bad), "{bad} in {}", p.text);
    }
    assert_eq!(p.title.as_deref(), Some("الرئيس يستقبل وزير الخارجية"));
    assert_eq!(p.published.as_deref(), Some("2023-02-22T10:00:00+03:00"));
    assert_eq!(
        p.canonical.as_deref(),
        Some("https://www.example.com/news/1")
    );
    assert_eq!(p.site_name.as_deref(), Some("موقع الأخبار"));
    assert_eq!(p.lang.as_deref(), Some("ar"));
    assert_eq!(p.encoding, "UTF-8");
    assert!(arabic_ratio(&p.text) > 0.9);
    // the furniture classifier works on the result
    assert!(!classify_lines(&p.text).is_empty());
}

#[test]
fn json_ld_date_and_never_copyright() {
    let page = PAGE.replace(
        r#"<meta property="article:published_time" content="2023-02-22T10:00:00+03:00">"#,
        "",
    );
    let p = extract_str(&page);
    assert_eq!(p.published.as_deref(), Some("2023-02-21T09:00:00Z"));
    let bare = "<html><body><article><p>استقبل الرئيس اليوم وزير الخارجية وبحث معه العلاقات الثنائية بين البلدين.</p></article><footer>© 2024 جميع الحقوق محفوظة، نشر في 1 يناير 2024</footer></body></html>";
    let p = extract_str(bare);
    assert_eq!(p.published, None);
    assert_eq!(p.title, None);
    // microdata on a <time>, and a <title> without the site name
    let micro = bare.replace(
        "<article>",
        "<head><title>الرئيس يستقبل الوزير | موقع الأخبار</title></head><article><time itemprop=\"datePublished\" datetime=\"2024-03-01T08:00:00+02:00\">1 مارس</time>",
    );
    let p = extract_str(&micro);
    assert_eq!(p.published.as_deref(), Some("2024-03-01T08:00:00+02:00"));
    assert_eq!(p.title.as_deref(), Some("الرئيس يستقبل الوزير"));
    let d = html_document(
        bare.as_bytes(),
        "x.html",
        Some("https://www.news.example.org/a?b=1"),
        None,
        None,
    )
    .unwrap();
    assert_eq!(d.outlet.as_deref(), Some("news.example.org"));
    assert_eq!(d.url.as_deref(), Some("https://www.news.example.org/a?b=1"));
    assert_eq!(d.name, "x.html");
}

#[test]
fn windows_1256_pages() {
    let body = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1256\"></head><body><div><p>استقبل الرئيس اليوم وزير الخارجية وبحث معه العلاقات الثنائية.</p></div></body></html>";
    let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode(body);
    let p = extract(&bytes, None).unwrap();
    assert_eq!(p.encoding, "windows-1256");
    assert!(
        p.text.contains("استقبل الرئيس اليوم وزير الخارجية"),
        "{}",
        p.text
    );
    // undeclared
    let body = body.replace("windows-1256", "");
    let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode(&body);
    let p = extract(&bytes, None).unwrap();
    assert_eq!(p.encoding, "windows-1256");
    assert!(p.text.contains("وزير الخارجية"));
    // the HTTP header's charset
    let (bytes, _, _) = encoding_rs::WINDOWS_1256
        .encode("<p>وزير الخارجية يزور العاصمة ويلتقي نظيره في مباحثات رسمية</p>");
    let p = extract(&bytes, Some("cp1256")).unwrap();
    assert!(p.text.contains("وزير الخارجية"));
    // a UTF-8 page mis-declared as windows-1256
    let p = extract(
        "<meta charset=windows-1256><p>وزير الخارجية يزور العاصمة ويلتقي نظيره في مباحثات</p>"
            .as_bytes(),
        None,
    )
    .unwrap();
    assert!(p.text.contains("وزير الخارجية"));
}

#[test]
fn deep_nesting_and_broken_markup() {
    let n = 100_000;
    let para = "<p>استقبل الرئيس اليوم وزير الخارجية وبحث معه العلاقات الثنائية بين البلدين.</p>";
    for (open, close) in [
        ("<div>", "</div>"),
        ("<span>", "</span>"),
        ("<a>", ""),
        ("<p>", ""),
        ("<li><ul>", ""),
        ("<table><tr><td>", "</td></tr></table>"),
        ("<b><i>", "</b></i>"),
    ] {
        let page = format!("{}{para}{}", open.repeat(n), close.repeat(n));
        let p = extract_str(&page);
        assert!(
            p.text.contains("وزير الخارجية") || open == "<a>",
            "{open}: {}",
            &p.text[..p.text.len().min(200)]
        );
    }
    let broken = [
        "",
        "<",
        "<html",
        "<p>نص",
        "<div class=\"a",
        "</div></div></p>",
        "<!-- لا تنتهي",
        "<script>لا تنتهي",
        "<p>نص &#xFFFFFFFF; &#0; &#55296; &bogus</p>",
        "<<<>>>",
        "<p <p <p>",
        "\u{feff}<p>نص</p>",
    ];
    for b in broken {
        let _ = extract_str(b);
        let _ = extract(b.as_bytes(), None);
    }
    assert!(extract(b"   ", None).unwrap_err().contains("empty page"));
    assert!(extract(b"<html><script>x</script></html>", None)
        .unwrap_err()
        .contains("no text"));
    let big = vec![b'a'; MAX_HTML_BYTES + 1];
    assert!(extract(&big, None).unwrap_err().contains("32 MiB cap"));
}

#[test]
fn non_arabic_page_is_read_and_flagged() {
    let p = extract(b"<html lang=en><body><article><p>The minister met his counterpart in Paris on Tuesday, the ministry said.</p></article></body></html>", None).unwrap();
    assert!(p.text.contains("The minister met"));
    assert!(arabic_ratio(&p.text) < 0.5);
    assert_eq!(arabic_ratio(""), 0.0);
}

#[test]
fn paragraphs_in_their_own_divs_and_bare_text() {
    let para = |n: usize| {
        format!("<div class=\"par\">الفقرة رقم {n} من الخبر، وفيها كلام كاف عن الاجتماع الذي عقد اليوم بين الوزيرين في العاصمة.</div>")
    };
    let short = "<div class=\"par\">وأضاف: نعم.</div>";
    let page = format!(
        "<body><div id=\"nav\"><a href=/>الرئيسية</a></div><div id=\"body\">{}{short}{}</div><div class=\"side\"><ul><li><a href=/x>عنوان جانبي طويل جدا عن خبر آخر لا علاقة له بالخبر الأصلي</a></li></ul></div></body>",
        (1..=3).map(para).collect::<String>(),
        (4..=5).map(para).collect::<String>()
    );
    let p = extract_str(&page);
    for n in 1..=5 {
        assert!(
            p.text.contains(&format!("الفقرة رقم {n} ")),
            "{n}: {}",
            p.text
        );
    }
    assert!(p.text.contains("وأضاف: نعم."), "{}", p.text);
    assert!(!p.text.contains("عنوان جانبي"), "{}", p.text);
    // text with <br><br> straight in a table cell
    let page = "<table><tr><td><a href=/>الرئيسية</a></td></tr><tr><td>السطر الأول من الخبر عن زيارة الوزير إلى العاصمة اليوم.<br><br>السطر الثاني من الخبر، وفيه تفاصيل أخرى عن الزيارة.</td></tr></table>";
    let p = extract_str(page);
    assert_eq!(
        p.text,
        "السطر الأول من الخبر عن زيارة الوزير إلى العاصمة اليوم.\n\nالسطر الثاني من الخبر، وفيه تفاصيل أخرى عن الزيارة."
    );
}

mod props {
    use proptest::prelude::*;

    fn fragment() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("<div>".to_string()),
            Just("</div>".to_string()),
            Just("<p class=\"x\">".to_string()),
            Just("</p>".to_string()),
            Just("<a href='".to_string()),
            Just("<script>".to_string()),
            Just("</script>".to_string()),
            Just("<!--".to_string()),
            Just("-->".to_string()),
            Just("<br>".to_string()),
            Just("&#x".to_string()),
            Just("&amp".to_string()),
            Just("<meta charset=windows-1256>".to_string()),
            Just("<script type=application/ld+json>{\"datePublished\":[".to_string()),
            "[\\u0621-\\u064a ،.]{0,40}",
            "[<>/=\"'a-z &#;0-9\\n]{0,20}",
        ]
    }

    proptest! {
        #[test]
        fn never_panics(parts in proptest::collection::vec(fragment(), 0..60)) {
            let s = parts.concat();
            let _ = rasd_read::html::extract(s.as_bytes(), None);
            let _ = rasd_read::html::extract_str(&s);
        }

        #[test]
        fn never_panics_on_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            let _ = rasd_read::html::extract(&bytes, None);
            let _ = rasd_read::feed::parse_feed(&bytes, "x");
            let _: Vec<_> = rasd_read::warc::read_warc(std::io::Cursor::new(bytes), "x").collect();
        }
    }
}

#[test]
fn read_paths_reads_every_format() {
    use rasd_read::testing::{page_bytes, rss, warc_gz, Article};
    let dir = std::env::temp_dir().join(format!("rasd-read-formats-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let a = Article {
        stem: "a".into(),
        text: "الرئيس يستقبل وزير الخارجية\n\nاستقبل الرئيس اليوم وزير الخارجية الروسي، وبحث معه العلاقات الثنائية.\n".into(),
        published: Some("2023-02-22".into()),
        outlet: Some("وكالة".into()),
    };
    let (html, charset) = page_bytes(&a, 0, "http://x.example");
    std::fs::write(dir.join("1.html"), &html).unwrap();
    std::fs::write(
        dir.join("2.warc.gz"),
        warc_gz(&[("http://x.example/a".into(), charset, html.clone())]),
    )
    .unwrap();
    std::fs::write(
        dir.join("3.xml"),
        rss(&[("http://x.example/a".into(), "عنوان".into(), None)]),
    )
    .unwrap();
    std::fs::write(
        dir.join("4.xml"),
        "<?xml version=\"1.0\"?><urlset><url><loc>x</loc></url></urlset>",
    )
    .unwrap();
    std::fs::write(dir.join("5.txt"), "نص عادي").unwrap();
    // a page without extension is sniffed
    std::fs::write(dir.join("6"), &html).unwrap();
    let docs: Vec<_> = rasd_read::read_paths(std::slice::from_ref(&dir), None)
        .map(|r| r.unwrap())
        .collect();
    let names: Vec<&str> = docs.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "1.html",
            "http://x.example/a",
            "3.xml#http://x.example/a",
            "5.txt",
            "6"
        ]
    );
    assert_eq!(docs[0].text, docs[1].text);
    assert_eq!(docs[0].text, docs[4].text);
    assert_eq!(docs[0].published.as_deref(), Some("2023-02-22"));
    // a huge .html is refused without being read whole
    let f = std::fs::File::create(dir.join("big.html")).unwrap();
    f.set_len(3 << 30).unwrap();
    let r: Vec<_> = rasd_read::read_paths(&[dir.join("big.html")], None).collect();
    assert!(r[0]
        .as_ref()
        .unwrap_err()
        .to_string()
        .contains("32 MiB cap"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn list_blocks_without_class_names() {
    let body = "<p>استقبل الرئيس اليوم وزير الخارجية الروسي، وبحث معه العلاقات الثنائية وسبل تعزيزها في مختلف المجالات.</p>";
    let page = format!(
        "<body><div>{b}{b}{b}<div><h3>الأكثر قراءة</h3><div><p>وزير النفط يفتتح مصفاة جديدة في الجنوب وسط حضور رسمي كبير من المسؤولين</p><p>المنتخب الوطني يفوز على نظيره في مباراة ودية مثيرة أمس أمام جمهور غفير</p></div></div>{b}</div></body>",
        b = body
    );
    let p = extract_str(&page);
    assert_eq!(p.text.matches("استقبل الرئيس").count(), 4, "{}", p.text);
    assert!(
        !p.text.contains("الأكثر قراءة") && !p.text.contains("مصفاة") && !p.text.contains("المنتخب"),
        "{}",
        p.text
    );
}
