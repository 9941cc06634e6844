//! When the project's shared gold files are beside the repository, every `none_from` line of the
//! seed and dev corpora must lie in a furniture line. (The texts are read at test time; none of
//! them is copied here.) Skipped when the files are absent.

use std::path::PathBuf;

use rasd_read::{classify_lines, read_paths};

fn shared() -> Option<PathBuf> {
    let p = std::env::var_os("RASD_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"));
    p.join("gold").is_dir().then_some(p)
}

#[test]
fn none_from_lines_are_furniture() {
    let Some(shared) = shared() else {
        eprintln!("shared gold files not found: skipped");
        return;
    };
    let mut missed = Vec::new();
    let mut checked = 0;
    for (gold, dir) in [("seeds.json", "seeds"), ("dev.json", "dev")] {
        let Ok(raw) = std::fs::read_to_string(shared.join("gold").join(gold)) else {
            continue;
        };
        let gold: serde_json::Value = serde_json::from_str(&raw).unwrap();
        let docs = gold["documents"].as_array().cloned().unwrap_or_default();
        for doc in docs {
            let file = doc["file"].as_str().unwrap_or_default();
            let path = shared.join("corpus").join(dir).join(file);
            let Some(Ok(d)) = read_paths(&[path], None).next() else {
                continue;
            };
            let lines = classify_lines(&d.text);
            for nf in doc["none_from"].as_array().cloned().unwrap_or_default() {
                let nf = nf.as_str().unwrap_or_default();
                let Some(byte) = d.text.find(nf) else {
                    continue;
                };
                let start = d.text[..byte].chars().count();
                let end = start + nf.chars().count();
                checked += 1;
                let covered = lines
                    .iter()
                    .any(|l| l.furniture.is_some() && l.start <= start && end <= l.end);
                if !covered {
                    missed.push(format!("{file}: {nf}"));
                }
            }
        }
    }
    eprintln!("{checked} none_from lines checked");
    assert!(missed.is_empty(), "not marked:\n{}", missed.join("\n"));
}
