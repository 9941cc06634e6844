//! Read inputs the way `rasd extract` does (files, directories, pages, WARC, feeds) without coding
//! them, and print what was read: documents, characters of text, errors, seconds.
//! For measuring reading alone (speed, peak memory on a large archive).
//!
//! `cargo run --release -p rasd-read --example read_count -- PATH...`

use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let paths: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    let t0 = Instant::now();
    let (mut docs, mut chars, mut errors) = (0usize, 0usize, 0usize);
    for r in rasd_read::read_paths(&paths, None) {
        match r {
            Ok(d) => {
                docs += 1;
                chars += d.text.chars().count();
            }
            Err(e) => {
                errors += 1;
                if errors <= 10 {
                    eprintln!("{e}");
                }
            }
        }
    }
    println!(
        "{{\"documents\":{docs},\"chars\":{chars},\"errors\":{errors},\"seconds\":{:.2}}}",
        t0.elapsed().as_secs_f64()
    );
}
