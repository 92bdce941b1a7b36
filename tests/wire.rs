//! What the engine worker sends the page reads back equal: every corpus case's report, every
//! example's, and the diagnosis of every sample HAR, through the worker's own encoding.

use authlens::engine::core::wire::{decode, encode};
use authlens::engine::har;
use authlens::engine::job::{decode_answer, encode_job, outcome, run_encoded, Job};
use authlens::engine::samples::SAMPLES;
use authlens::engine::{analyze, detect, Clock, Context, DigestInputs, InputKind, Report};
use serde_json::Value;
use std::fs;
use std::path::Path;

fn ctx(now: Option<i64>) -> Context {
    Context::with_clock(Clock {
        now,
        ..Clock::default()
    })
}

/// Every corpus input with its clock.
fn corpus() -> Vec<(String, Option<i64>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut files: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let v: Value = serde_json::from_str(&fs::read_to_string(&f).unwrap()).unwrap();
        for c in v.as_array().unwrap() {
            out.push((c["input"].as_str().unwrap().to_string(), c["now"].as_i64()));
        }
    }
    out
}

#[test]
fn every_corpus_report_survives_the_trip() {
    let cases = corpus();
    assert!(cases.len() >= 100);
    for (input, now) in cases {
        let report = analyze(&input, detect(&input).kind, &ctx(now));
        assert_eq!(decode::<Report>(&encode(&report)).as_ref(), Ok(&report));
    }
    for s in SAMPLES {
        let report = analyze(s.text, detect(s.text).kind, &ctx(Some(1_700_000_000)));
        assert_eq!(decode::<Report>(&encode(&report)).as_ref(), Ok(&report));
    }
}

#[test]
fn every_sample_har_comes_back_as_its_diagnosis() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/har");
    let mut n = 0;
    for f in fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()) {
        if f.extension().is_none_or(|e| e != "har") {
            continue;
        }
        let text = fs::read_to_string(&f).unwrap();
        let j = Job {
            kind: InputKind::Har,
            ctx: ctx(Some(1_714_557_600)),
        };
        let answer = decode_answer(&run_encoded(&text, &encode_job(&j))).unwrap();
        let direct = outcome(&text, j.kind, &j.ctx);
        assert!(direct.har().is_some_and(|d| d.failure_count() > 0), "{f:?}");
        assert_eq!(answer.outcome, direct, "{f:?}");
        n += 1;
    }
    assert!(n >= 3);
    // A file that does not parse comes back with its error.
    let broken = har::diagnose("{\"log\":{\"entries\":[", &ctx(None));
    assert!(broken.error.is_some());
    assert_eq!(decode(&encode(&broken)).as_ref(), Ok(&broken));
}

#[test]
fn every_job_survives_the_trip() {
    for kind in InputKind::ALL {
        let job = Job {
            kind,
            ctx: Context {
                clock: Clock {
                    now: Some(1_700_000_000),
                    leeway: 300,
                    offset_minutes: 120,
                },
                digest: DigestInputs::from_form("Circle Of Life", "GET", "a=1"),
                expected_aud: Some("https://api.example.com".into()),
            },
        };
        assert_eq!(decode::<Job>(&encode_job(&job)), Ok(job));
    }
    let plain = Job {
        kind: InputKind::Unknown,
        ctx: Context::default(),
    };
    assert_eq!(decode::<Job>(&encode_job(&plain)), Ok(plain));
}
