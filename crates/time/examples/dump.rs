//! Print the date expressions of files: `cargo run -p rasd-time --example dump -- PUBLISHED FILE...`
//! (PUBLISHED is `YYYY-MM-DD` or `-` for none). Reads the text from stdin when no file is given.
use std::io::Read;

fn main() {
    let mut args = std::env::args().skip(1);
    let published = args.next().and_then(|s| rasd_time::Date::parse(&s));
    let files: Vec<String> = args.collect();
    let texts: Vec<(String, String)> = if files.is_empty() {
        let mut s = String::new();
        std::io::stdin().read_to_string(&mut s).expect("stdin");
        vec![("-".into(), s)]
    } else {
        files
            .iter()
            .map(|f| (f.clone(), std::fs::read_to_string(f).expect("read")))
            .collect()
    };
    for (name, text) in texts {
        let dl = rasd_time::find_dateline(&text);
        let anchors = rasd_time::Anchors::new(&text, published);
        println!(
            "== {name} dateline={} anchors={anchors:?}",
            serde_json::to_string(&dl).unwrap()
        );
        for t in rasd_time::resolve(&text, &anchors) {
            let v = t
                .value
                .as_ref()
                .map(|v| v.to_string())
                .unwrap_or("-".into());
            println!(
                "  {:>5} {:<22} {:?}/{:?} «{}» {:?}",
                t.start, v, t.grain, t.basis, t.text, t.warnings
            );
        }
    }
}
