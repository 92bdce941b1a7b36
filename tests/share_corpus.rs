//! Redacting a real-world case for a share link keeps its diagnosis: every corpus input, redacted,
//! is read as the same kind and raises the same finding ids as the original.

use authlens::engine::share::redact;
use authlens::engine::{analyze, detect, Clock, Context};
use serde_json::Value;
use std::fs;

fn ids(text: &str, ctx: &Context) -> Vec<&'static str> {
    let mut ids = analyze(text, detect(text).kind, ctx).ids();
    ids.sort();
    ids.dedup();
    ids
}

#[test]
fn redacted_corpus_cases_keep_their_diagnosis() {
    let ctx = Context::with_clock(Clock {
        now: Some(1_700_000_000),
        ..Clock::default()
    });
    let mut changed = Vec::new();
    let mut total = 0;
    let mut dir: Vec<_> = fs::read_dir("tests/corpus")
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    dir.sort();
    for path in dir {
        let v: Value = serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
        let cases = v.as_array().or_else(|| v["cases"].as_array()).unwrap();
        for c in cases {
            let input = c["input"].as_str().unwrap();
            let r = redact(input);
            total += 1;
            let (a, b) = (ids(input, &ctx), ids(&r.text, &ctx));
            if a != b {
                let gone: Vec<_> = a.iter().filter(|i| !b.contains(i)).collect();
                let new: Vec<_> = b.iter().filter(|i| !a.contains(i)).collect();
                changed.push(format!("{}: lost {gone:?}, gained {new:?}", c["name"]));
            }
        }
    }
    assert!(
        changed.is_empty(),
        "{} of {total} changed:\n{}",
        changed.len(),
        changed.join("\n")
    );
}
