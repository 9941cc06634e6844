//! Time rasd's HTML extraction alone: read every `*.html` of PAGES_DIR into memory, write each
//! page's extracted text to `OUT_DIR/NAME.txt`, then extract all pages again and again for at
//! least SECONDS (default 3) on one thread and print one JSON line:
//! `{"tool":"rasd","pages":…,"bytes":…,"seconds":…,"pages_per_s":…,"mb_per_s":…}`.
//!
//! With `--no-title`, the texts written leave out a first paragraph that is the page's `<h1>` or
//! title (rasd puts the headline first for the coder; benchmarks whose truth is the article body
//! alone, like trafilatura's output, do not count it).
//!
//! `cargo run --release -p rasd-read --example html_bench -- PAGES_DIR OUT_DIR [SECONDS] [--no-title]`

use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let no_title = std::env::args().any(|a| a == "--no-title");
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--no-title")
        .collect();
    if args.len() < 2 {
        eprintln!("usage: html_bench PAGES_DIR OUT_DIR [SECONDS]");
        std::process::exit(2);
    }
    let (dir, out) = (PathBuf::from(&args[0]), PathBuf::from(&args[1]));
    let seconds: f64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(3.0);
    let mut pages: Vec<(String, Vec<u8>)> = Vec::new();
    let entries = match std::fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("html_bench: {}: {e}", dir.display());
            std::process::exit(1);
        }
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.extension().is_some_and(|x| x == "html") {
            if let (Some(stem), Ok(b)) = (p.file_stem().and_then(|s| s.to_str()), std::fs::read(&p))
            {
                pages.push((stem.to_string(), b));
            }
        }
    }
    pages.sort();
    let _ = std::fs::create_dir_all(&out);
    for (name, b) in &pages {
        let text = match rasd_read::html::extract(b, None) {
            Ok(p) if no_title => {
                let first = p.text.split("\n\n").next().unwrap_or("");
                let is_title = [&p.heading, &p.title]
                    .into_iter()
                    .flatten()
                    .any(|t| t.trim() == first.trim());
                if is_title {
                    p.text[first.len()..].trim_start().to_string()
                } else {
                    p.text
                }
            }
            Ok(p) => p.text,
            Err(_) => String::new(),
        };
        if let Err(e) = std::fs::write(out.join(format!("{name}.txt")), text) {
            eprintln!("html_bench: {name}: {e}");
        }
    }
    let bytes_per_round: usize = pages.iter().map(|(_, b)| b.len()).sum();
    let t0 = Instant::now();
    let (mut n, mut bytes, mut chars) = (0usize, 0usize, 0usize);
    while t0.elapsed().as_secs_f64() < seconds || n == 0 {
        for (_, b) in &pages {
            if let Ok(p) = rasd_read::html::extract(b, None) {
                chars += p.text.len();
            }
            n += 1;
        }
        bytes += bytes_per_round;
    }
    let s = t0.elapsed().as_secs_f64();
    println!(
        "{{\"tool\":\"rasd\",\"pages\":{n},\"bytes\":{bytes},\"seconds\":{s:.3},\"pages_per_s\":{:.1},\"mb_per_s\":{:.2},\"checksum\":{chars}}}",
        n as f64 / s,
        bytes as f64 / s / 1e6
    );
}
