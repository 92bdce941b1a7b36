//! The engine: pure functions from pasted text to a report of findings.
//!
//! Nothing here touches the browser, so it builds and tests natively and can be fuzzed.

pub mod authparams;
pub mod challenge;
pub mod context;
pub mod core;
pub mod cors;
pub mod credential;
pub mod curl;
pub mod detect;
pub mod exchange;
pub mod fetch;
pub mod http;
pub mod jose;
pub mod jwt;
pub mod ntlm;
pub mod probe;

pub use context::{Context, DigestInputs, RequestInfo};
pub use core::clock::Clock;
pub use core::finding::{
    Ask, FetchKind, Field, Finding, Part, Report, Severity, SpecRef, Step, StepState,
};
pub use detect::{detect, Detection, InputKind};

/// Ids of the findings raised here.
pub mod ids {
    use crate::engine::core::finding::FindingId;

    /// "A JWT found in {name}"
    pub const JWT_EMBEDDED: FindingId = FindingId("input.jwt_embedded");
    /// "Paste something to analyse"
    pub const EMPTY: FindingId = FindingId("input.empty");
    /// "authlens does not recognise this input"
    pub const UNRECOGNISED: FindingId = FindingId("input.unrecognised");
}

/// What the user pasted when it is not recognised: the list of accepted inputs.
pub const ACCEPTED: &[&str] = &[
    "an Authorization or Proxy-Authorization header, or a bare credential (Basic …, Bearer …, Digest …)",
    "a JWT or JWE (eyJ…)",
    "a WWW-Authenticate or Proxy-Authenticate challenge",
    "a raw HTTP request and/or response, or curl -v output",
    "a curl command (e.g. from your browser's Copy as cURL)",
];

/// Analyses `text` as the given kind.
pub fn analyze(text: &str, kind: InputKind, ctx: &Context) -> Report {
    match kind {
        InputKind::Credential => credential::analyze(text, ctx),
        InputKind::Jwt => jwt_input(text, ctx),
        InputKind::Challenge => challenge::analyze(text),
        InputKind::Exchange => exchange::analyze(text, ctx),
        InputKind::Curl => curl::analyze(text, ctx),
        InputKind::Unknown => unknown(text),
    }
}

/// The report for a document the user fetched from an analysis' ask, or why it could not be read.
pub fn fetched_document(
    kind: FetchKind,
    url: &str,
    page_origin: &str,
    fetched: fetch::Fetched,
) -> Report {
    let what = match kind {
        FetchKind::ResourceMetadata => "resource metadata",
    };
    match fetched {
        fetch::Fetched::Response { status, body } if (200..300).contains(&status) => match kind {
            FetchKind::ResourceMetadata => challenge::metadata::analyze(&body),
        },
        fetch::Fetched::Response { status, .. } => {
            let mut r = Report::new(format!("The {what} could not be read."));
            r.push(fetch::bad_status(url, status, what));
            r
        }
        fetch::Fetched::NetworkError => {
            let mut r = Report::new(format!("The {what} could not be fetched."));
            r.push(fetch::failure(url, page_origin, what));
            r
        }
    }
}

/// A bare token, a `DPoP:` header, or a JWT inside a cookie or URL.
fn jwt_input(text: &str, ctx: &Context) -> Report {
    let t = text.trim();
    let t = t
        .split_once(':')
        .filter(|(n, _)| n.trim().eq_ignore_ascii_case("dpop"))
        .map_or(t, |(_, v)| v.trim());
    if jwt::looks_like_jwt(t) {
        return jwt::analyze_with(t, ctx.clock, jwt::TokenUse::Unknown, ctx.audience());
    }
    match jwt::find_embedded(t) {
        Some((name, token)) => {
            let mut r =
                jwt::analyze_with(&token, ctx.clock, jwt::TokenUse::Unknown, ctx.audience());
            r.findings.insert(
                0,
                Finding::info(
                    ids::JWT_EMBEDDED,
                    format!("A JWT found in {name}"),
                    "authlens took the token out of the pasted text; it is analysed below.",
                ),
            );
            r
        }
        None => jwt::analyze(t, ctx.clock),
    }
}

fn unknown(text: &str) -> Report {
    let mut r = Report::new("Not recognised.");
    let why = detect(text).reason;
    r.push(
        Finding::info(
            if text.trim().is_empty() {
                ids::EMPTY
            } else {
                ids::UNRECOGNISED
            },
            if text.trim().is_empty() {
                "Paste something to analyse"
            } else {
                "authlens does not recognise this input"
            },
            format!("It is {why}. authlens accepts: {}.", ACCEPTED.join("; ")),
        )
        .fix("Paste one of those, or pick the kind by hand above if detection guessed wrong."),
    );
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_is_total_on_junk() {
        let junk = [
            "",
            " ",
            "\u{0}",
            "é",
            "=",
            ":",
            "\"",
            "'",
            "curl '",
            "eyJ.",
            "eyJ...",
            "Basic",
            "Bearer ",
            "Digest ,,,",
            "HTTP/1.1 999",
            "GET",
            "a:b:c",
            "\u{FEFF}Bearer x",
            "🔥🔥🔥",
        ];
        for j in junk {
            for k in InputKind::ALL {
                let ctx = Context::with_clock(Clock {
                    now: Some(0),
                    leeway: 0,
                    offset_minutes: 0,
                });
                let r = analyze(j, k, &ctx);
                assert!(!r.summary.is_empty(), "{k:?} on {j:?}");
            }
        }
    }

    /// Deterministic mutation fuzzing: samples of every kind, cut, spliced and bit-flipped,
    /// through every analysis. A panic here would kill the page in wasm.
    #[test]
    fn mutated_samples_never_panic() {
        let samples = [
            "Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==",
            "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIiwiZXhwIjoxZTMwMH0.c2ln",
            r#"Digest username="Mufasa", realm="r", nonce="n", uri="/", response="8ca523f5e9506fed4657c9700eebdbec", qop=auth, nc=00000001, cnonce="c""#,
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-date, Signature=fe5f",
            "NTLM TlRMTVNTUAADAAAAGAAYAFgAAABIAEgAcAAAAAwADAC4AAAACAAIAMQAAAAQABAAzAAAAAAAAADcAAAAFYKI4gYAcBcAAAAP",
            r#"WWW-Authenticate: Basic realm="a", Bearer error="insufficient_scope", scope="x""#,
            "GET / HTTP/1.1\nHost: a\nAuthorization: Bearer x\n\nHTTP/1.1 302 Found\nLocation: http://b/\nSet-Cookie: a=b; Expires=Wed, 21 Oct 2015 07:28:00 GMT\n",
            "curl -X POST 'https://a.test/x' -H 'Authorization: OAuth oauth_consumer_key=\"k\", oauth_timestamp=\"99999999999999999999\"' --data-raw $'{\\n}'",
            r#"eyJhbGciOiJFUzI1NiIsImNyaXQiOlsieCJdLCJraWQiOiIuLi8ifQ.eyJleHAiOi0xZTMwMCwibmJmIjo5MjIzMzcyMDM2ODU0Nzc1ODA3LCJpYXQiOiJ4In0.AAAA"#,
        ];
        let ctx = Context::with_clock(Clock {
            now: Some(i64::MAX / 2),
            leeway: i64::MAX / 4,
            offset_minutes: 14 * 60,
        });
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for round in 0..2_000 {
            let base = samples[round % samples.len()].as_bytes();
            let mut bytes = base.to_vec();
            for _ in 0..(next() % 6) {
                let i = (next() as usize) % bytes.len().max(1);
                match next() % 4 {
                    0 if !bytes.is_empty() => bytes[i] ^= 1 << (next() % 8),
                    1 => bytes.truncate(i),
                    2 => bytes.insert(
                        i.min(bytes.len()),
                        b"\"=,; \\\n:.eyJ"[(next() % 12) as usize],
                    ),
                    _ => {
                        let other = samples[(next() as usize) % samples.len()].as_bytes();
                        let j = (next() as usize) % other.len();
                        bytes.splice(
                            i.min(bytes.len())..i.min(bytes.len()),
                            other[j..].iter().copied(),
                        );
                    }
                }
            }
            let text = String::from_utf8_lossy(&bytes);
            let _ = detect(&text);
            for k in InputKind::ALL {
                let _ = analyze(&text, k, &ctx);
            }
        }
    }

    #[test]
    fn unknown_lists_what_is_accepted() {
        let r = analyze(
            "hello there friend",
            InputKind::Unknown,
            &Context::default(),
        );
        assert!(r.findings[0].explanation.contains("curl command"));
    }
}
