//! Finding ids are stable identities: each is declared once, in one `ids` block beside the code
//! that raises it, and reads as `area.cause` in lower case.

mod common;

use common::rust_files;
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

/// Every `FindingId("…")` declared in the engine, with where.
fn declared() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/engine");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    let mut out = Vec::new();
    for f in files {
        let text = fs::read_to_string(&f).expect("readable source");
        let body = text.split("#[cfg(test)]").next().unwrap_or("");
        for (i, _) in body.match_indices("FindingId(\"") {
            let rest = &body[i + "FindingId(\"".len()..];
            let id = rest.split('"').next().unwrap_or("").to_string();
            out.push((id, f.display().to_string()));
        }
    }
    out
}

#[test]
fn every_id_is_declared_once() {
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    let all = declared();
    assert!(
        all.len() > 200,
        "expected the engine's ids, found {}",
        all.len()
    );
    for (id, file) in all {
        if let Some(first) = seen.insert(id.clone(), file.clone()) {
            panic!("finding id {id} is declared twice: {first} and {file}");
        }
    }
}

#[test]
fn ids_read_as_area_dot_cause() {
    for (id, file) in declared() {
        assert!(
            common::is_area_dot_cause(&id),
            "finding id {id:?} in {file} is not area.cause in lower case"
        );
    }
}
