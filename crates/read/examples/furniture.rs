//! Print the furniture lines of the texts under the given paths, and a count per kind.
//!
//! `cargo run -p rasd-read --example furniture -- DIR...` (add `--all` to print every line).

use std::collections::BTreeMap;
use std::path::PathBuf;

fn main() {
    let mut all = false;
    let mut paths = Vec::new();
    for a in std::env::args().skip(1) {
        if a == "--all" {
            all = true;
        } else {
            paths.push(PathBuf::from(a));
        }
    }
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for doc in rasd_read::read_paths(&paths, None) {
        let doc = match doc {
            Ok(d) => d,
            Err(e) => {
                eprintln!("{e}");
                continue;
            }
        };
        println!("== {}", doc.name);
        let chars: Vec<char> = doc.text.chars().collect();
        for (n, line) in rasd_read::classify_lines(&doc.text).iter().enumerate() {
            let text: String = chars[line.start..line.end].iter().collect();
            match line.furniture {
                Some(k) => {
                    *counts.entry(k.as_str()).or_default() += 1;
                    println!(
                        "{:>4} {:<11} {}",
                        n + 1,
                        k.as_str(),
                        text.chars().take(110).collect::<String>()
                    );
                }
                None if all && !text.trim().is_empty() => {
                    println!(
                        "{:>4} {:<11} {}",
                        n + 1,
                        "",
                        text.chars().take(110).collect::<String>()
                    )
                }
                None => {}
            }
        }
    }
    println!("== counts");
    for (k, v) in counts {
        println!("{k:<11} {v}");
    }
}
