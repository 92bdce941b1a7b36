//! Engine timing report: `cargo bench --bench engine`. Prints how long analysis takes for
//! typical and huge inputs (the page re-analyses after each pause in typing). A report, not a
//! test: nothing here fails on a slow machine.

use authlens::engine::{self, Clock, Context};
use std::time::Instant;

fn time(label: &str, input: &str, runs: u32) {
    let ctx = Context::with_clock(Clock {
        now: Some(1_800_000_000),
        leeway: 60,
        offset_minutes: 0,
    });
    let start = Instant::now();
    let mut findings = 0;
    for _ in 0..runs {
        let kind = engine::detect(input).kind;
        findings += engine::analyze(input, kind, &ctx).findings.len();
    }
    let per = start.elapsed() / runs;
    println!(
        "{label:<44} {:>10.3} ms/run  ({} bytes, {} findings)",
        per.as_secs_f64() * 1000.0,
        input.len(),
        findings / runs as usize
    );
}

fn main() {
    let jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
    time(
        "Basic header",
        "Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==",
        2000,
    );
    time("JWT (jwt.io sample, weak-secret scan)", jwt, 200);
    time("multi-challenge header", "WWW-Authenticate: Basic realm=\"a\", Bearer realm=\"b\", error=\"invalid_token\"\nWWW-Authenticate: Negotiate", 2000);
    let dump = format!("> GET /v1/me HTTP/1.1\n> Host: api.example.com\n> Authorization: Bearer {jwt}\n>\n< HTTP/1.1 401 Unauthorized\n< WWW-Authenticate: Bearer error=\"invalid_token\"\n<\n{{\"error\":\"invalid_token\"}}");
    time("curl -v exchange with a JWT", &dump, 200);
    time(
        "curl command",
        &format!("curl 'https://api.example.com/x' -H 'Authorization: Bearer {jwt}'"),
        200,
    );
    time(
        "10 MB Basic credential",
        &format!("Basic {}", "QUJD".repeat(2_621_440)),
        3,
    );
    time(
        "10 MB of text lines",
        &"hello world line\n".repeat(620_000),
        3,
    );
}
