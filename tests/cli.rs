//! The `authlens` command: the same finding ids as the engine, in the same order, on every
//! corpus case; its exit statuses; the JSON shape; Markdown with secrets masked; native JWT
//! verification agreeing with the browser's on the RFC vectors; and a 1 GB HAR within a
//! stated memory bound (measured and printed).
#![cfg(not(target_arch = "wasm32"))]

mod common;

use authlens::engine::{analyze, detect, Clock, Context};
use serde_json::Value;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_authlens");

/// One moment for every run, so the command and the engine judge times alike.
const NOW: i64 = 1_765_000_000;

fn run(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut input = child.stdin.take().unwrap();
    let text = stdin.to_string();
    let writer = std::thread::spawn(move || {
        // A command that exits early closes its end; that is not this test's failure.
        let _ = input.write_all(text.as_bytes());
    });
    let out = child.wait_with_output().expect("it finishes");
    writer.join().unwrap();
    out
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stderr)))
}

fn corpus() -> Vec<(String, String, Option<i64>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let v: Value = serde_json::from_str(&fs::read_to_string(f).unwrap()).unwrap();
        for c in v.as_array().unwrap() {
            out.push((
                c["name"].as_str().unwrap().to_string(),
                c["input"].as_str().unwrap().to_string(),
                c["now"].as_i64(),
            ));
        }
    }
    out
}

#[test]
fn every_corpus_case_gets_the_engines_ids_in_order() {
    let cases = corpus();
    assert!(cases.len() > 400);
    // Two at a time: the machine has two cores.
    let (a, b) = cases.split_at(cases.len() / 2);
    let check = |part: &[(String, String, Option<i64>)]| {
        for (name, input, now) in part {
            let now = now.unwrap_or(NOW);
            let ctx = Context::with_clock(Clock {
                now: Some(now),
                ..Clock::default()
            });
            let kind = detect(input).kind;
            let report = analyze(input, kind, &ctx);
            let out = run(&["--json", "--now", &now.to_string()], input);
            let v = json(&out);
            let r = &v["reports"][0];
            let ids: Vec<&str> = r["findings"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| f["id"].as_str().unwrap())
                .collect();
            assert_eq!(ids, report.ids(), "{name}: ids");
            assert_eq!(r["kind"], kind.id(), "{name}: kind");
            assert_eq!(
                r["most_likely"].as_str(),
                report.most_likely().map(|f| f.id.as_str()),
                "{name}: most likely"
            );
            let error = report.worst() == Some(authlens::engine::Severity::Error);
            assert_eq!(
                out.status.code(),
                Some(if error { 1 } else { 0 }),
                "{name}: exit"
            );
        }
    };
    std::thread::scope(|s| {
        s.spawn(|| check(a));
        check(b);
    });
}

#[test]
fn the_json_has_its_documented_fields() {
    let out = run(
        &["--json"],
        "HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer error=\"invalid_token\", error_description=\"The access token expired\"\n\n",
    );
    let v = json(&out);
    assert_eq!(v["authlens"], env!("CARGO_PKG_VERSION"));
    let r = &v["reports"][0];
    for k in [
        "source",
        "kind",
        "summary",
        "most_likely",
        "worst",
        "findings",
        "parts",
    ] {
        assert!(r.get(k).is_some(), "reports[0].{k}");
    }
    let f = &r["findings"][0];
    for k in ["id", "severity", "title", "explanation", "fix", "spec"] {
        assert!(f.get(k).is_some(), "findings[0].{k}");
    }
    assert_eq!(r["source"], "-");
    assert_eq!(r["worst"], "error");
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn exit_statuses() {
    // RFC 7617's example credential decodes cleanly: nothing is an error.
    let ok = run(&[], "Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
    assert_eq!(
        ok.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let bad = run(&["--no-such-flag"], "");
    assert_eq!(bad.status.code(), Some(2));
    let missing = run(&["/no/such/file.har"], "");
    assert_eq!(missing.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&missing.stderr);
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    let kind = run(&["--kind", "nonsense"], "x");
    assert_eq!(kind.status.code(), Some(2));
}

#[test]
fn a_token_given_as_the_argument_with_its_kind() {
    let token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln";
    let out = run(&["--kind", "jwt", "--json", token], "");
    let v = json(&out);
    assert_eq!(v["reports"][0]["source"], "argument");
    assert_eq!(v["reports"][0]["kind"], "jwt");
    // Without --kind it must be a file.
    assert_eq!(run(&[token], "").status.code(), Some(2));
}

#[test]
fn text_output_puts_the_most_likely_cause_first_and_has_no_colour_when_piped() {
    let out = run(
        &[],
        "HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer error=\"invalid_token\", error_description=\"The access token expired\"\n\n",
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let most = text.find("Most likely cause").expect("a most likely cause");
    assert!(most < text.find("[").unwrap_or(usize::MAX));
    assert!(!text.contains('\x1b'), "no escape codes when piped");
    let forced = run(&["--color", "always"], "Authorization: Basic Og==");
    assert!(String::from_utf8(forced.stdout).unwrap().contains('\x1b'));
}

#[test]
fn markdown_is_made_from_the_redacted_text_unless_asked() {
    let input = "Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==";
    let masked = String::from_utf8(run(&["--markdown"], input).stdout).unwrap();
    assert!(masked.starts_with("### authlens:"), "{masked}");
    assert!(
        masked.contains("Basic credentials") && !masked.contains("secrets included"),
        "{masked}"
    );
    let kept = String::from_utf8(run(&["--markdown", "--include-secrets"], input).stdout).unwrap();
    assert!(kept.contains("secrets included"), "{kept}");
    assert_eq!(run(&["--include-secrets"], input).status.code(), Some(2));
}

#[test]
fn completions_are_printed() {
    let out = run(&["--completions", "bash"], "");
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8(out.stdout).unwrap().contains("authlens"));
}

/// The RFC 7515 vectors the browser's WebCrypto test verifies (tests/browser_crypto.rs):
/// valid ones verify, tampered ones do not, with the same finding ids.
#[test]
fn native_verification_agrees_with_the_browser_on_the_rfc_vectors() {
    let v: Value = serde_json::from_str(include_str!("vectors/rfc7515.json")).unwrap();
    let dir = tempdir("verify");
    for name in ["A.1", "A.2", "A.3", "A.4", "RFC8037-A.4"] {
        let jws = v[name]["jws"].as_str().unwrap();
        let key = dir.join(format!("{name}.jwk"));
        fs::write(&key, v[name]["jwk"].to_string()).unwrap();
        let key = key.to_str().unwrap();
        let ids = |token: &str| -> Vec<String> {
            let out = run(&["--kind", "jwt", "--json", "--key", key, token], "");
            json(&out)["reports"][0]["findings"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| f["id"].as_str().unwrap().to_string())
                .collect()
        };
        let good = ids(jws);
        assert!(
            good.contains(&"verify.valid".to_string()),
            "{name}: {good:?}"
        );
        let bad = ids(&common::tamper(jws));
        assert!(
            bad.contains(&"verify.invalid".to_string()),
            "{name} tampered: {bad:?}"
        );
    }
    // An SPKI PEM (the browser test's ES256 case) and a certificate with a DER signature.
    let pem = dir.join("es256.pem");
    fs::write(&pem, "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEf83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEXH8UTNG72bfocs3+257rn0s2ldbqkLJK2KRiMohYjlrQ==\n-----END PUBLIC KEY-----").unwrap();
    let out = run(
        &[
            "--kind",
            "jwt",
            "--json",
            "--key",
            pem.to_str().unwrap(),
            v["A.3"]["jws"].as_str().unwrap(),
        ],
        "",
    );
    assert!(json(&out).to_string().contains("verify.valid"));
    let c: Value = serde_json::from_str(include_str!("vectors/certificate.json")).unwrap();
    let cert = dir.join("cert.pem");
    fs::write(&cert, c["certificate"].as_str().unwrap()).unwrap();
    for token in [
        c["jws"].as_str().unwrap(),
        c["jws_der_signature"].as_str().unwrap(),
    ] {
        let out = run(
            &[
                "--kind",
                "jwt",
                "--json",
                "--key",
                cert.to_str().unwrap(),
                token,
            ],
            "",
        );
        assert!(
            json(&out).to_string().contains("verify.valid"),
            "certificate"
        );
    }
    fs::remove_dir_all(dir).unwrap();
}

/// `--jwks URL` fetches the key set (here from a server on 127.0.0.1 that this test starts).
#[test]
fn a_jwks_url_is_fetched() {
    let v: Value = serde_json::from_str(include_str!("vectors/rfc7515.json")).unwrap();
    let jwks = serde_json::json!({"keys": [v["A.3"]["jwk"]]}).to_string();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/jwks.json", listener.local_addr().unwrap());
    let server = std::thread::spawn(move || {
        use std::io::Read;
        let (mut conn, _) = listener.accept().unwrap();
        let mut request = [0u8; 4096];
        let _ = conn.read(&mut request);
        let body = jwks.as_bytes();
        let head = format!("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len());
        conn.write_all(head.as_bytes()).unwrap();
        conn.write_all(body).unwrap();
    });
    let out = run(
        &[
            "--kind",
            "jwt",
            "--json",
            "--jwks",
            &url,
            v["A.3"]["jws"].as_str().unwrap(),
        ],
        "",
    );
    server.join().unwrap();
    assert!(
        json(&out).to_string().contains("verify.valid"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let refused = run(
        &[
            "--kind",
            "jwt",
            "--jwks",
            "http://127.0.0.1:9/none",
            "x.y.z",
        ],
        "",
    );
    assert_eq!(refused.status.code(), Some(2));
}

fn tempdir(what: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("authlens-cli-{what}-{}", std::process::id()));
    fs::create_dir_all(&dir).unwrap();
    dir
}

/// A 1 GB HAR made from the one recorded in Chromium (tests/har/recorded-chromium.har): its
/// entries repeated, successful calls carrying large JSON bodies, as the e2e suite's big HAR.
fn write_big_har(path: &Path, bytes: u64) {
    let har: Value =
        serde_json::from_str(include_str!("har/recorded-chromium.har")).expect("recorded HAR");
    let entries = har["log"]["entries"].as_array().unwrap();
    let mut ok = entries
        .iter()
        .find(|e| e["response"]["status"] == 200)
        .unwrap()
        .clone();
    let row = |i: usize| {
        format!(
            "{{\"id\":{i},\"name\":\"widget\",\"price\":12.5,\"description\":\"{}\"}}",
            "x".repeat(180)
        )
    };
    let body = format!("[{}]", (0..80).map(row).collect::<Vec<_>>().join(","));
    ok["response"]["content"] =
        serde_json::json!({"size": body.len(), "mimeType": "application/json", "text": body});
    let ok = ok.to_string();
    let others: Vec<String> = entries.iter().map(Value::to_string).collect();
    let mut f = std::io::BufWriter::new(fs::File::create(path).unwrap());
    write!(
        f,
        "{{\"log\":{{\"version\":\"1.2\",\"creator\":{},\"entries\":[",
        har["log"]["creator"]
    )
    .unwrap();
    let mut written = 0u64;
    let mut i = 0usize;
    while written < bytes {
        let e = if i.is_multiple_of(50) {
            &others[(i / 50) % others.len()]
        } else {
            &ok
        };
        if i > 0 {
            f.write_all(b",").unwrap();
        }
        f.write_all(e.as_bytes()).unwrap();
        written += e.len() as u64 + 1;
        i += 1;
    }
    f.write_all(b"]}}").unwrap();
    f.flush().unwrap();
}

/// A 1 GB HAR is read whole and diagnosed, with peak memory under 2.5 times the file plus
/// 64 MB: the text itself, and what the engine's stated bounds allow for a streamed HAR.
#[test]
fn a_1_gb_har_within_the_stated_memory_bound() {
    let dir = tempdir("large");
    let path = dir.join("big.har");
    let size: u64 = 1 << 30;
    write_big_har(&path, size);
    let out = Command::new(BIN)
        .args(["--json", "--stats", path.to_str().unwrap()])
        .output()
        .unwrap();
    fs::remove_dir_all(&dir).unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    let v = json(&out);
    let ids: Vec<&str> = v["reports"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    assert!(
        ids.contains(&"har.cors_blocked") && ids.contains(&"status.401"),
        "{ids:?}"
    );
    let peak_mb: u64 = stderr
        .split("peak memory ")
        .nth(1)
        .and_then(|s| s.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no peak memory in {stderr:?}"));
    println!("cli: 1 GB HAR: {}", stderr.trim());
    let bound = (size >> 20) * 5 / 2 + 64;
    assert!(peak_mb <= bound, "peak {peak_mb} MB over {bound} MB");
}
