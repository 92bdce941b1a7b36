//! The real-world regression corpus: failure reports from public issue threads, vendor docs
//! and RFCs (each case cites its source), run through detection and analysis exactly as a paste.
//!
//! Each case lists the finding ids a correct diagnosis must contain (`expect`) and ids it must
//! not contain (`reject`, false alarms). A case whose cause authlens cannot name yet says so in
//! `open` (why), and is still checked for false alarms.

use authlens::engine::{analyze, detect, Clock, Context};
use serde_json::Value;
use std::fs;
use std::path::Path;

/// One corpus case as stored.
struct Case {
    file: String,
    name: String,
    input: String,
    expect: Vec<String>,
    reject: Vec<String>,
    open: Option<String>,
    now: Option<i64>,
}

fn cases() -> Vec<Case> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut out = Vec::new();
    let mut files: Vec<_> = fs::read_dir(&dir)
        .expect("tests/corpus exists")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    for f in files {
        let text = fs::read_to_string(&f).expect("readable case file");
        let v: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{f:?}: {e}"));
        let strings = |c: &Value, k: &str| -> Vec<String> {
            c[k].as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|s| s.as_str().map(String::from))
                        .collect()
                })
                .unwrap_or_default()
        };
        for c in v.as_array().expect("a case file is an array") {
            let source = c["source"].as_str().unwrap_or("");
            assert!(
                source.starts_with("https://"),
                "{f:?} {}: every case cites its source",
                c["name"]
            );
            out.push(Case {
                file: f.file_name().unwrap().to_string_lossy().into(),
                name: c["name"].as_str().expect("name").into(),
                input: c["input"].as_str().expect("input").into(),
                expect: strings(c, "expect"),
                reject: strings(c, "reject"),
                open: c["open"].as_str().map(String::from),
                now: c["now"].as_i64(),
            });
        }
    }
    out
}

/// The ids authlens reports for a paste, as the page would analyse it.
fn ids_for(c: &Case) -> Vec<&'static str> {
    let ctx = Context::with_clock(Clock {
        now: c.now,
        ..Clock::default()
    });
    let kind = detect(&c.input).kind;
    analyze(&c.input, kind, &ctx).ids()
}

#[test]
fn corpus_cases_are_diagnosed() {
    let all = cases();
    assert!(all.len() >= 100, "the corpus holds {} cases", all.len());
    let dump = std::env::var_os("CORPUS_DUMP").is_some();
    let (mut right, mut open, mut failures) = (0, 0, Vec::new());
    for c in &all {
        let ids = ids_for(c);
        if dump {
            println!(
                "{}/{}\t{:?}\t{}",
                c.file,
                c.name,
                detect(&c.input).kind,
                ids.join(" ")
            );
            continue;
        }
        for r in &c.reject {
            if ids.contains(&r.as_str()) {
                failures.push(format!("{}: false alarm {r}", c.name));
            }
        }
        if c.open.is_some() {
            open += 1;
            continue;
        }
        assert!(
            !c.expect.is_empty(),
            "{}: a closed case must expect ids",
            c.name
        );
        let missing: Vec<_> = c
            .expect
            .iter()
            .filter(|e| !ids.contains(&e.as_str()))
            .collect();
        if missing.is_empty() {
            right += 1;
        } else {
            failures.push(format!("{}: missing {missing:?}, got {ids:?}", c.name));
        }
    }
    println!(
        "corpus: {right} diagnosed, {open} open, {} failures, of {}",
        failures.len(),
        all.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
