//! Packs `knowledge/*.json` into one tab-separated file in OUT_DIR: the native build embeds it,
//! and the web build's post-build step copies it beside the page (see src/engine/knowledge).
//! A malformed entry stops the build with the file, the entry and what was expected.

use std::fmt::Write as _;
use std::path::Path;

/// The fields of an entry that the engine reads, in packed order.
const FIELDS: [&str; 8] = [
    "match", "in", "product", "cause_id", "cause", "meaning", "fix", "source",
];

fn main() {
    println!("cargo:rerun-if-changed=knowledge");
    let dir = Path::new("knowledge");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("knowledge/ is readable")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let mut out = String::from("authlens-knowledge\t1\n");
    for file in &files {
        let text = std::fs::read_to_string(file).expect("knowledge file is readable");
        let doc: serde_json::Value = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{}: not JSON: {e}", file.display()));
        let entries = doc["entries"]
            .as_array()
            .unwrap_or_else(|| panic!("{}: expected an \"entries\" array", file.display()));
        for (i, entry) in entries.iter().enumerate() {
            for (k, field) in FIELDS.iter().enumerate() {
                let value = entry[field].as_str().unwrap_or("");
                if value.trim().is_empty() || value.contains(['\t', '\n', '\r']) {
                    panic!(
                        "{} entry {}: expected \"{field}\" as one line of text",
                        file.display(),
                        i + 1
                    );
                }
                let _ = write!(out, "{}{value}", if k == 0 { "" } else { "\t" });
            }
            out.push('\n');
        }
    }
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(Path::new(&out_dir).join("knowledge.tsv"), out).expect("OUT_DIR is writable");
}
