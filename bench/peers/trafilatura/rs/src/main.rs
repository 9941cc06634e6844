//! `peers-rs PAGES_DIR OUT_ROOT [SECONDS]`: run the `trafilatura` crate and `dom_smoothie` on every
//! page (decoded with rasd's charset detection, inside the timing, as rasd's own bench does), write
//! each page's text to OUT_ROOT/TOOL/NAME.txt and print one JSON speed line per tool.

use std::path::{Path, PathBuf};
use std::time::Instant;

fn trafilatura_rs(html: &str) -> String {
    match trafilatura::extract(html, &trafilatura::Options::default()) {
        Ok(r) => r.content_text,
        Err(_) => String::new(),
    }
}

fn dom_smoothie(html: &str) -> String {
    let cfg = dom_smoothie::Config {
        text_mode: dom_smoothie::TextMode::Formatted,
        ..Default::default()
    };
    match dom_smoothie::Readability::new(html, None, Some(cfg)).and_then(|mut r| r.parse()) {
        Ok(a) => a.text_content.to_string(),
        Err(_) => String::new(),
    }
}

fn run(name: &str, f: fn(&str) -> String, pages: &[(String, Vec<u8>)], out: &Path, seconds: f64) {
    let dir = out.join(name);
    let _ = std::fs::create_dir_all(&dir);
    let once = |b: &[u8]| {
        let (text, _) = rasd_read::html::decode_html(b, None);
        std::panic::catch_unwind(|| f(&text)).unwrap_or_default()
    };
    for (stem, b) in pages {
        let _ = std::fs::write(dir.join(format!("{stem}.txt")), once(b));
    }
    let per_round: usize = pages.iter().map(|(_, b)| b.len()).sum();
    let t0 = Instant::now();
    let (mut n, mut bytes) = (0usize, 0usize);
    while t0.elapsed().as_secs_f64() < seconds || n == 0 {
        for (_, b) in pages {
            std::hint::black_box(once(b));
            n += 1;
        }
        bytes += per_round;
    }
    let s = t0.elapsed().as_secs_f64();
    println!(
        "{{\"tool\":\"{name}\",\"pages\":{n},\"bytes\":{bytes},\"seconds\":{s:.3},\"pages_per_s\":{:.1},\"mb_per_s\":{:.2}}}",
        n as f64 / s,
        bytes as f64 / s / 1e6
    );
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        eprintln!("usage: peers-rs PAGES_DIR OUT_ROOT [SECONDS]");
        std::process::exit(2);
    }
    let (dir, out) = (PathBuf::from(&args[0]), PathBuf::from(&args[1]));
    let seconds: f64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(3.0);
    let mut pages: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .expect("pages dir")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "html"))
        .filter_map(|p| {
            Some((
                p.file_stem()?.to_str()?.to_string(),
                std::fs::read(&p).ok()?,
            ))
        })
        .collect();
    pages.sort();
    std::panic::set_hook(Box::new(|_| {}));
    run("trafilatura-rs", trafilatura_rs, &pages, &out, seconds);
    run("dom_smoothie", dom_smoothie, &pages, &out, seconds);
}
