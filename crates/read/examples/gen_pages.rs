//! Write benchmark pages: every article of the given corpus directories (default
//! `../shared/corpus/seeds` and `../shared/corpus/dev`) wrapped in each of the three page layouts of
//! [`rasd_read::testing`], as `OUTDIR/pages/NAME.html`, with the body text a perfect extractor
//! gives as `OUTDIR/truth/NAME.txt`.
//!
//! `cargo run --release -p rasd-read --example gen_pages -- OUTDIR [CORPUS_DIR...]`

use std::path::PathBuf;

use rasd_read::testing::{expected_text, load_articles, page_bytes};

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(out) = args.next().map(PathBuf::from) else {
        eprintln!("usage: gen_pages OUTDIR [CORPUS_DIR...]");
        std::process::exit(2);
    };
    let mut dirs: Vec<PathBuf> = args.map(PathBuf::from).collect();
    if dirs.is_empty() {
        dirs = vec![
            "../shared/corpus/seeds".into(),
            "../shared/corpus/dev".into(),
        ];
    }
    let (pages, truth) = (out.join("pages"), out.join("truth"));
    for d in [&pages, &truth] {
        if let Err(e) = std::fs::create_dir_all(d) {
            eprintln!("gen_pages: {}: {e}", d.display());
            std::process::exit(1);
        }
    }
    let mut n = 0;
    for dir in &dirs {
        let arts = match load_articles(dir) {
            Ok(a) => a,
            Err(e) => {
                eprintln!("gen_pages: {e}");
                std::process::exit(1);
            }
        };
        for a in &arts {
            for layout in 0..3 {
                let (bytes, _) = page_bytes(a, layout, "https://news.example.org");
                let name = format!("{}_l{layout}", a.stem);
                let ok =
                    std::fs::write(pages.join(format!("{name}.html")), &bytes).and_then(|_| {
                        std::fs::write(truth.join(format!("{name}.txt")), expected_text(&a.text))
                    });
                if let Err(e) = ok {
                    eprintln!("gen_pages: {name}: {e}");
                    std::process::exit(1);
                }
                n += 1;
            }
        }
    }
    eprintln!("gen_pages: {n} pages in {}", out.display());
}
