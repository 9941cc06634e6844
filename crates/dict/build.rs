//! Embeds every dictionary file under `data/dict` and every lexicon file under `data/lexicon` into the binary, so rasd runs with no data directory.
use std::path::{Path, PathBuf};

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out);
        } else if p.extension().is_some_and(|e| e == "toml") {
            out.push(p);
        }
    }
}

fn main() {
    let data = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap()).join("../../data");
    let data = data.canonicalize().unwrap_or(data);
    let mut files = Vec::new();
    // the dictionaries and the lemma lexicon
    for sub in ["dict", "lexicon"] {
        let root = data.join(sub);
        println!("cargo:rerun-if-changed={}", root.display());
        walk(&root, &mut files);
    }
    let root = data;
    let mut code = String::from("/// Dictionary and lexicon files embedded at build time: (path under data/, contents).\npub static EMBEDDED: &[(&str, &str)] = &[\n");
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let rel = f.strip_prefix(&root).unwrap_or(f).display().to_string();
        code.push_str(&format!(
            "    ({:?}, include_str!({:?})),\n",
            rel,
            f.display().to_string()
        ));
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("embedded.rs");
    std::fs::write(out, code).unwrap();
}
