//! The real-world regression corpus: failure reports from public issue threads, vendor docs
//! and RFCs (each case cites its source), run through detection and analysis exactly as a paste.
//!
//! Each case lists the finding ids a correct diagnosis must contain (`expect`) and ids it must
//! not contain (`reject`, false alarms). A case whose cause authlens cannot name yet says so in
//! `open` (why), and is still checked for false alarms.
//!
//! Cases of a `batch` were added together and measured when they came in: `named_before` says
//! whether authlens already named the cause then (before any rule was written for the batch),
//! and `split` is `train` (rules may be written from it) or `heldout` (no rule is written for
//! it, so its rate shows how the rules generalise). An open case of a batch keeps its `expect`
//! ids, decided at intake, so the rates below count what is named now. The test prints them.
//! A batch case authlens names is closed (no `open`), so it is asserted like any other and a
//! later change cannot lose it unnoticed.

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
    batch: Option<String>,
    heldout: bool,
    named_before: bool,
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
                batch: c["batch"].as_str().map(String::from),
                heldout: c["split"].as_str() == Some("heldout"),
                named_before: c["named_before"].as_bool().unwrap_or(false),
            });
        }
    }
    out
}

/// The report authlens makes for a paste, as the page would analyse it.
fn report_for(c: &Case) -> authlens::engine::Report {
    let ctx = Context::with_clock(Clock {
        now: c.now,
        ..Clock::default()
    });
    let kind = detect(&c.input).kind;
    analyze(&c.input, kind, &ctx)
}

#[test]
fn corpus_cases_are_diagnosed() {
    let all = cases();
    assert!(all.len() >= 100, "the corpus holds {} cases", all.len());
    let dump = std::env::var_os("CORPUS_DUMP").is_some();
    let (mut right, mut open, mut failures) = (0, 0, Vec::new());
    let mut batches = std::collections::BTreeMap::<&str, Rates>::new();
    for c in &all {
        let report = report_for(c);
        let ids = report.ids();
        if let Some(b) = &c.batch {
            let named = !c.expect.is_empty() && c.expect.iter().all(|e| ids.contains(&e.as_str()));
            // Ranked first: the report's most likely cause is one of the ids that name it.
            let first = report
                .most_likely()
                .is_some_and(|f| c.expect.iter().any(|e| e == f.id.as_str()));
            batches.entry(b).or_default().count(c, named, first);
        }
        if dump {
            println!(
                "{}/{}\t{:?}\t{}\t{}",
                c.file,
                c.name,
                detect(&c.input).kind,
                report.most_likely().map_or("-", |f| f.id.as_str()),
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
    for (batch, r) in &batches {
        println!("{}", r.line(batch));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// How many cases of a batch authlens named at intake and names now, per split.
#[derive(Default)]
struct Rates {
    /// [train, held out] × (cases, named at intake, named now, ranked first now).
    by_split: [(usize, usize, usize, usize); 2],
}

impl Rates {
    fn count(&mut self, c: &Case, named: bool, first: bool) {
        let s = &mut self.by_split[usize::from(c.heldout)];
        s.0 += 1;
        s.1 += usize::from(c.named_before);
        s.2 += usize::from(named);
        s.3 += usize::from(first);
    }

    fn line(&self, batch: &str) -> String {
        let [t, h] = self.by_split;
        format!(
            "batch {batch}: {} cases; named at intake {}/{}, now {}/{}, ranked first now {}/{} (train: {}/{} -> {}/{}, first {}/{}; held out, no rule written for it: {}/{} -> {}/{}, first {}/{})",
            t.0 + h.0,
            t.1 + h.1,
            t.0 + h.0,
            t.2 + h.2,
            t.0 + h.0,
            t.3 + h.3,
            t.0 + h.0,
            t.1, t.0, t.2, t.0, t.3, t.0,
            h.1, h.0, h.2, h.0, h.3, h.0,
        )
    }
}
