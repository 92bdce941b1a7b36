//! Totality on text that is not ASCII. The wasm build aborts on a panic, so a byte index that
//! falls inside a multi-byte character kills the page. The mutation tests beside `analyze` flip
//! bits and so make mostly ASCII; these build inputs from real pastes (the samples, every corpus
//! case, the HAR fixtures) with accents, CJK, emoji, combining marks, a lone CR, NUL, U+FFFD and
//! characters whose lower case is longer than they are, placed at every kind of position.
//!
//! `UNICODE_ROUNDS=200000 cargo test --lib unicode_tests` runs the full stress run.

use super::context::Context;
use super::core::clock::Clock;
use super::detect::{detect, InputKind};
use super::tests::rng;
use super::{analyze, har, job, jose, samples, share};
use std::path::Path;

/// Text that breaks byte arithmetic: multi-byte in UTF-8 (2, 3 and 4 bytes), combining, changing
/// length when lower-cased (`İ`, `ẞ`), control characters and the replacement character.
const PALETTE: &[&str] = &[
    "é",
    "€",
    "中文",
    "🔥",
    "e\u{301}",
    "\r",
    "\0",
    "\u{FFFD}",
    "\u{200B}",
    "İ",
    "ẞ",
    "Café",
    "ü",
    "日本語のテキスト",
    "👩‍💻",
    "\u{2028}",
    "ı",
    "Ω",
    "\r\n",
    "«»",
];

/// Real pastes of every kind: the page's samples, the corpus and the HAR fixtures.
fn seeds() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut out: Vec<String> = samples::SAMPLES
        .iter()
        .map(|s| s.text.to_string())
        .collect();
    for dir in ["corpus", "har"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        let mut files: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        files.sort();
        for f in files {
            let Ok(text) = std::fs::read_to_string(&f) else {
                continue;
            };
            match f.extension().and_then(|e| e.to_str()) {
                Some("json") => {
                    let cases: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
                    for c in cases.as_array().into_iter().flatten() {
                        if let Some(i) = c["input"].as_str() {
                            out.push(i.to_string());
                        }
                    }
                }
                Some("har") => out.push(text),
                _ => {}
            }
        }
    }
    out
}

/// A char boundary of `s` chosen by `n`.
fn boundary(s: &str, n: u64) -> usize {
    let at = (n as usize) % (s.len() + 1);
    s.floor_char_boundary(at)
}

/// `base` with non-ASCII text put in: inserted, replacing a character, after a run of ASCII (so
/// it lands on a fixed byte offset such as a 120-byte window's edge), in place of a common
/// letter everywhere, cut short, or spliced with another seed.
fn mutate(next: &mut impl FnMut() -> u64, base: &str, seeds: &[String]) -> String {
    let mut s = base.to_string();
    for _ in 0..1 + next() % 4 {
        let pick = PALETTE[(next() as usize) % PALETTE.len()];
        let at = boundary(&s, next());
        match next() % 6 {
            0 => s.insert_str(at, pick),
            1 => {
                let end = s
                    .split_at(at)
                    .1
                    .chars()
                    .next()
                    .map_or(at, |c| at + c.len_utf8());
                s.replace_range(at..end, pick);
            }
            2 => {
                let run = "a".repeat((next() % 260) as usize);
                s.insert_str(at, &format!("{run}{pick}"));
            }
            3 => {
                let from = ["e", "a", "s", "=", ":", " "][(next() % 6) as usize];
                s = s.replace(from, pick);
            }
            4 => s.truncate(at),
            _ => {
                let other = &seeds[(next() as usize) % seeds.len()];
                let from = boundary(other, next());
                s.insert_str(at, other.split_at(from).1);
            }
        }
    }
    s
}

/// Every engine entry point a paste reaches, on one text.
fn exercise(text: &str, next: &mut impl FnMut() -> u64, ctx: &Context) {
    let kind = detect(text).kind;
    let _ = analyze(text, kind, ctx);
    let other = InputKind::ALL[(next() as usize) % InputKind::ALL.len()];
    let _ = analyze(text, other, ctx);
    if har::looks_like_har(text) || next().is_multiple_of(8) {
        let _ = har::redact::redact(text);
    }
    let red = share::redact::redact(text);
    assert_eq!(
        red.text.len(),
        text.len(),
        "redaction keeps the byte length"
    );
    let shared = share::fragment::Shared::new(text, Some(kind), next().is_multiple_of(2));
    if let Ok(f) = shared.to_fragment() {
        let _ = share::fragment::Shared::from_fragment(&f);
    }
    let _ = share::fragment::Shared::from_fragment(text);
    // The worker's wire format, read from the answer it writes and from damaged text.
    let encoded = job::run_encoded(
        text,
        &job::encode_job(&job::Job {
            kind,
            ctx: ctx.clone(),
        }),
    );
    let _ = job::decode_answer(&encoded);
    let cut = boundary(&encoded, next());
    let _ = job::decode_answer(&format!("{}{}", encoded.split_at(cut).0, text));
    let _ = job::run_encoded(text, text);
    for enc in [
        jose::keys::SecretEncoding::Text,
        jose::keys::SecretEncoding::Base64,
    ] {
        let _ = jose::keys::parse(text, enc);
    }
    let _ = jose::oidc::jwks_uri(text, "https://issuer.example");
    let _ = jose::oidc::discovery_url(text);
}

fn clock() -> Context {
    Context::with_clock(Clock {
        now: Some(1_700_000_000),
        ..Clock::default()
    })
}

/// The reproducers of the four char-boundary panics found by a stress run, and the redaction
/// that lost a byte; each killed the page or broke the share link's promise.
#[test]
fn reported_reproducers_are_total() {
    let aspnet = "HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer realm=\"Café\", error=\"invalid\", error_description=\"The signature key was not found\"";
    let cases = [
        format!("{}€", "a".repeat(119)),
        "éabc".to_string(),
        "curl \\\ré".to_string(),
        aspnet.to_string(),
        "Authorization:DPoP y\nDPoP:.H0=.".to_string(),
    ];
    let ctx = clock();
    let mut next = rng(7);
    for text in &cases {
        exercise(text, &mut next, &ctx);
        for k in InputKind::ALL {
            let _ = analyze(text, k, &ctx);
        }
    }
    // The accented realm does not hide what the server said.
    let r = analyze(aspnet, detect(aspnet).kind, &ctx);
    assert!(r.ids().contains(&"verify.no_key_with_kid"), "{:?}", r.ids());
}

/// Generated inputs with multi-byte text through every entry point. 10,000 by default (a few
/// seconds); `UNICODE_ROUNDS` sets the count.
#[test]
fn multibyte_text_never_panics() {
    let seeds = seeds();
    assert!(seeds.len() > 300, "{} seeds", seeds.len());
    let rounds: usize = std::env::var("UNICODE_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let ctx = clock();
    let mut next = rng(0x51f1_5eed_c0ff_ee11);
    for round in 0..rounds {
        let base = &seeds[round % seeds.len()];
        let text = mutate(&mut next, base, &seeds);
        // Big seeds (HARs) are cut so the run stays short; the cut is on a char boundary.
        let text = text.split_at(text.floor_char_boundary(64 * 1024)).0;
        exercise(text, &mut next, &ctx);
    }
}
