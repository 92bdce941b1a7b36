//! The engine: pure functions from pasted text to a report of findings.
//!
//! Nothing here touches the browser, so it builds and tests natively and can be fuzzed.

pub mod authparams;
pub mod challenge;
pub mod client_side;
pub mod context;
pub mod core;
pub mod cors;
pub mod credential;
pub mod curl;
pub mod detect;
pub mod exchange;
pub mod export;
pub mod fetch;
pub mod har;
pub mod http;
pub mod job;
pub mod jose;
pub mod jwt;
pub mod knowledge;
pub mod logs;
pub mod mechanisms;
pub mod ntlm;
pub mod paste;
pub mod probe;
pub mod samples;
pub mod share;
pub mod signed;
pub mod tool_output;
pub mod tools;

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
    "a presigned or signed URL, an Azure SAS URL, or a URL with a key in its query",
    "server or proxy log lines (nginx, Apache, IIS, Spring, Keycloak, ASP.NET Core, Envoy, Kubernetes…)",
    "a HAR file (DevTools' Save all as HAR)",
];

/// Pastes longer than this are read as one thing: parts are for what people paste by hand, and
/// a large file keeps one pass.
const PARTS_MAX_BYTES: usize = 1 << 20;

/// Pastes cut into more parts than this are read as one thing.
const MAX_PARTS: usize = 64;

/// Analyses `text` as the given kind, then each of its parts (commands with their output, HTTP
/// messages, log records, configuration, the user's words) as its own kind, and relates them.
pub fn analyze(text: &str, kind: InputKind, ctx: &Context) -> Report {
    let mut whole = analyze_one(text, kind, ctx);
    if kind == InputKind::Har || text.len() > PARTS_MAX_BYTES {
        return whole;
    }
    // Mechanisms any paste may show (tool output reads them with its other words).
    if kind != InputKind::Unknown {
        whole.add_new(mechanisms::findings(text));
    }
    let segments = paste::segment(text);
    // Hundreds of parts are a generated file, not a paste by hand: relating them pairwise
    // would not stay linear, and the whole reading already covers them.
    if !(2..=MAX_PARTS).contains(&segments.len())
        || !segments.iter().any(|s| s.kind.is_structured())
    {
        return whole;
    }
    read_parts(text, &segments, (kind, whole), ctx)
}

/// Reads each part of a paste. With two or more requests, the parts' reports replace the reading
/// of the whole (which would pair one command's request with another's response); otherwise the
/// parts add what the whole did not say.
fn read_parts(
    text: &str,
    segments: &[paste::Segment],
    (kind, whole): (InputKind, Report),
    ctx: &Context,
) -> Report {
    use paste::PartKind;
    let sent: Vec<paste::relate::Sent> = segments
        .iter()
        .enumerate()
        .filter_map(|(i, seg)| paste::relate::sent(i + 1, seg, text))
        .collect();
    // Two answered requests: reading the paste as one exchange would pair them wrongly.
    let apart = sent.iter().filter(|s| s.status.is_some()).count() >= 2;
    let mut r = if apart {
        let mut r = Report::new(format!(
            "A paste of {} parts, each read on its own: {}.",
            segments.len(),
            kinds_in(segments)
        ));
        // What only the commands and answers together show (a variable set in one command and
        // used in the next, a token asked for one scope and refused for another).
        r.extend_findings(exchange::paste_causes(text));
        r
    } else {
        whole
    };
    let mut rows = Vec::new();
    for (i, seg) in segments.iter().enumerate() {
        let t = seg.text(text);
        // The whole paste was read as one kind: a part of another kind (the server's log under
        // a transcript) is read by its own reader. The words and settings around the requests
        // were taken in by the whole; alone they would be read out of context.
        let found = detect(t);
        let reread = apart
            || (found.kind != kind
                && matches!(seg.kind, PartKind::Command | PartKind::Http | PartKind::Log));
        let mut part = analyze_one(t, found.kind, ctx);
        part.findings
            .retain(|f| f.id != ids::UNRECOGNISED && f.id != ids::EMPTY);
        let lines = t.trim_end().lines().count().max(1);
        let said = part
            .most_likely()
            .or_else(|| part.sorted_findings().first().copied())
            .map_or_else(
                || "not read: no failure authlens recognises".to_string(),
                |f| f.title.clone(),
            );
        rows.push(vec![
            (i + 1).to_string(),
            format!("{}–{}", seg.line, seg.line + lines - 1),
            seg.kind.to_string(),
            said,
        ]);
        if apart {
            r.absorb(part);
        } else if reread {
            r.add_new(part.findings);
        }
    }
    let related = paste::relate::findings(&sent, segments, text);
    // What the parts show together leads: it says more than any one part.
    r.findings.retain(|f| !related.iter().any(|c| c.id == f.id));
    r.findings.splice(0..0, related);
    settle(&mut r);
    r.part(Part::Table {
        title: "Parts of the paste".into(),
        columns: vec![
            "Part".into(),
            "Lines".into(),
            "Read as".into(),
            "What it says".into(),
        ],
        rows,
    });
    r
}

/// "2 commands and output, 1 log records" for a summary.
fn kinds_in(segments: &[paste::Segment]) -> String {
    let mut counts: Vec<(paste::PartKind, usize)> = Vec::new();
    for s in segments {
        match counts.iter_mut().find(|(k, _)| *k == s.kind) {
            Some((_, n)) => *n += 1,
            None => counts.push((s.kind, 1)),
        }
    }
    counts
        .iter()
        .map(|(k, n)| format!("{n} × {k}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Analyses `text` as the given kind, as one thing. Called for the whole paste and for each
/// part; kept out of line so its body exists once in the wasm.
#[inline(never)]
fn analyze_one(text: &str, kind: InputKind, ctx: &Context) -> Report {
    // Vendors' messages are read where the text is read as a whole: a response's body with its
    // exchange (curl, HAR), tool output and credentials' tails with the tool's words. Reading
    // them again here would bring back what an analysis settled (a signed URL's expiry already
    // said more precisely).
    let mut r = match kind {
        InputKind::Credential if signed::is_credential_url(text) => signed::analyze(text, ctx),
        InputKind::Credential => credential_input(text, ctx),
        InputKind::Jwt => jwt_input(text, ctx),
        InputKind::Har => har::analyze(text, ctx),
        InputKind::Challenge => challenge::analyze(text),
        InputKind::Exchange => exchange_input(text, ctx),
        InputKind::Curl => curl::analyze(text, ctx),
        InputKind::Logs => logs_input(text, ctx),
        InputKind::Unknown => unknown(text),
    };
    // A challenge's words (error_description) and log lines are read for them here.
    if matches!(kind, InputKind::Challenge | InputKind::Logs) {
        r.add_new(knowledge::findings(text));
    }
    r
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

/// A credential, and any text pasted under it after a blank line (the error the server or a
/// library printed), read for what it says.
fn credential_input(text: &str, ctx: &Context) -> Report {
    let t = text.trim_start();
    let Some((head, tail)) = t
        .split_once("\n\n")
        .filter(|(_, tail)| !tail.trim().is_empty())
    else {
        return credential::analyze(text, ctx);
    };
    let mut r = credential::analyze(head, ctx);
    r.add_new(tool_output::findings(tail, true));
    r
}

/// An exchange, plus the causes that server messages inside it name in the words the log
/// readers know (an error_description, a stack trace or log lines pasted under the response).
fn exchange_input(text: &str, ctx: &Context) -> Report {
    let mut r = exchange::analyze(text, ctx);
    r.add_new(logs::causes_in(text));
    logs::refine(&mut r, text);
    // Tool output that merely looks like header lines ("denied: …"): read it as such (its log
    // causes are read just above).
    if r.worst() != Some(Severity::Error) {
        r.add_new(tool_output::findings(text, false));
    }
    // Vendors' and browsers' words outside the response's body (a console line, a log under it).
    r.add_new(knowledge::findings(text));
    exchange::drop_superseded(&mut r);
    settle(&mut r);
    r
}

/// One finding per cause, however many readings of the paste reached it.
fn settle(r: &mut Report) {
    exchange::settle(r);
    // A token endpoint's secretless Basic credential is the client secret's finding, not also
    // "no colon".
    if r.has(logs::cause::ids::CLIENT_SECRET_REJECTED) {
        r.findings
            .retain(|f| f.id != credential::basic::ids::NO_COLON);
    }
}

/// Log lines, and what a tool printed among them (a CLI's prompts and answers, a token it was
/// given, a shell trap in the command).
fn logs_input(text: &str, ctx: &Context) -> Report {
    let mut r = logs::analyze(text, ctx);
    r.add_new(tool_output::findings(text, false));
    logs::settle(&mut r);
    r
}

/// A bare token, a `DPoP:` header, or a JWT inside a cookie or URL.
fn jwt_input(text: &str, ctx: &Context) -> Report {
    let t = text.trim();
    let t = t
        .split_once(':')
        .filter(|(n, _)| n.trim().eq_ignore_ascii_case("dpop"))
        .map_or(t, |(_, v)| v.trim());
    if jwt::looks_like_jwt(t) {
        let mut r = jwt::analyze_with(t, ctx.clock, jwt::TokenUse::Unknown, ctx.audience());
        if jwt::is_dpop_proof(t) {
            // A proof pasted alone: check it as a proof, with no request to match it against.
            r.summary = "A DPoP proof (RFC 9449): signed by the client's own key for one request, sent in the DPoP header next to Authorization: DPoP <token>.".to_string();
            r.absorb(credential::dpop::check_proof(
                t,
                None,
                &RequestInfo::default(),
                ctx.clock,
            ));
        }
        return r;
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
            // The rest of the paste is read too: the code, commands and messages around the
            // token often say why it was refused.
            r.add_new(tool_output::findings(t, true));
            r
        }
        None => jwt::analyze(t, ctx.clock),
    }
}

fn unknown(text: &str) -> Report {
    // Tool output includes what vendors' messages in it name.
    if let Some(r) = tool_output::analyze(text) {
        return r;
    }
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
mod unicode_tests;

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
            "https://b.s3.eu-west-1.amazonaws.com/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=ASIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=content-type%3Bhost&X-Amz-Signature=aeee&key=AIzaSyFAKEFAKEFAKEFAKE",
            "PUT https://a.blob.core.windows.net/c/b?sv=2015-04-05&st=2015-04-29T22%3A18%3A26Z&se=2015-04-30&srt=s&ss=q&sp=r&spr=https&sig=Z+RH%3D&Policy=eyJ9&Key-Pair-Id=K HTTP/1.1\nHost: a\n\nHTTP/1.1 200 OK\nAge: 9\n\n<Code>RequestTimeTooSkewed</Code><RequestTime>20130524T000000Z</RequestTime><ServerTime>x</ServerTime>",
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

    /// A xorshift generator: the same mutations on every run.
    pub(super) fn rng(mut seed: u64) -> impl FnMut() -> u64 {
        move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        }
    }

    /// `base` cut, spliced with another sample, bit-flipped or salted with delimiters.
    fn mutate(next: &mut impl FnMut() -> u64, base: &[u8], samples: &[&[u8]]) -> Vec<u8> {
        let mut bytes = base.to_vec();
        for _ in 0..(next() % 6) {
            let i = (next() as usize) % bytes.len().max(1);
            match next() % 5 {
                0 if !bytes.is_empty() => bytes[i] ^= 1 << (next() % 8),
                1 => bytes.truncate(i),
                2 => bytes.insert(
                    i.min(bytes.len()),
                    b"\"=,; \\\n:.-{}[]0"[(next() % 15) as usize],
                ),
                3 => {
                    // Repeat a slice: many copies of one thing is how the slow inputs looked.
                    let j = (next() as usize) % bytes.len().max(1);
                    let (a, b) = (i.min(j), i.max(j).min(bytes.len()));
                    let piece = bytes[a..b].to_vec();
                    for _ in 0..(next() % 4) {
                        bytes.splice(b..b, piece.iter().copied());
                    }
                }
                _ => {
                    let other = samples[(next() as usize) % samples.len()];
                    let j = (next() as usize) % other.len().max(1);
                    bytes.splice(
                        i.min(bytes.len())..i.min(bytes.len()),
                        other[j.min(other.len())..].iter().copied(),
                    );
                }
            }
        }
        bytes
    }

    /// The key box of the verify panel: PEM, certificates, JWK, JWKS, secrets, URLs, and the
    /// DER inside them, mutated; then a verification plan for each key that parses.
    #[test]
    fn mutated_keys_never_panic() {
        use crate::engine::jose::{der, keys, oidc, verify};
        let v: serde_json::Value =
            serde_json::from_str(include_str!("../../tests/vectors/certificate.json")).unwrap();
        let cert = v["certificate"].as_str().unwrap_or("").to_string();
        let jws = v["jws"].as_str().unwrap_or("").to_string();
        let spki = "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEf83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEXH8UTNG72bfocs3+257rn0s2ldbqkLJK2KRiMohYjlrQ==\n-----END PUBLIC KEY-----";
        let jwk = r#"{"kty":"EC","crv":"P-256","kid":"k1","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}"#;
        let samples: Vec<&[u8]> = vec![
            cert.as_bytes(),
            spki.as_bytes(),
            jwk.as_bytes(),
            br#"{"keys":[{"kty":"RSA","kid":"r","n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw","e":"AQAB"},{"kty":"oct","k":"c2VjcmV0"}]}"#,
            b"-----BEGIN RSA PUBLIC KEY-----\nMAoCAwEAAQIDAQAB\n-----END RSA PUBLIC KEY-----",
            b"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----",
            b"https://issuer.example/.well-known/jwks.json",
            b"c2VjcmV0LXNlY3JldA==",
        ];
        let ders: Vec<Vec<u8>> = [cert.as_str(), spki]
            .iter()
            .filter_map(|t| match keys::parse(t, keys::SecretEncoding::Text) {
                Ok(keys::KeyInput::One(keys::Key::Spki(d, _))) => Some(d),
                _ => None,
            })
            .collect();
        let der_samples: Vec<&[u8]> = ders.iter().map(Vec::as_slice).collect();
        let mut next = rng(0x9e37_79b9_7f4a_7c15);
        for round in 0..3_000 {
            let bytes = mutate(&mut next, samples[round % samples.len()], &samples);
            let text = String::from_utf8_lossy(&bytes);
            for enc in [
                keys::SecretEncoding::Text,
                keys::SecretEncoding::Base64,
                keys::SecretEncoding::Base64Url,
            ] {
                if let Ok(input) = keys::parse(&text, enc) {
                    if let Ok(plan) = verify::plan(&jws, &input) {
                        let _ = verify::outcome(&plan, Ok(false));
                        let _ = verify::outcome(&plan, Err("x".into()));
                    }
                }
            }
            let _ = oidc::jwks_uri(&text, "https://issuer.example");
            let _ = oidc::discovery_url(&text);
            if let Ok(serde_json::Value::Object(m)) = serde_json::from_str(&text) {
                let _ = keys::describe_jwk(&m);
            }
            let _ = keys::jwk_rsa_bits(&text);
            let d = mutate(
                &mut next,
                der_samples[round % der_samples.len()],
                &der_samples,
            );
            let _ = der::spki_kind(&d);
            let _ = der::certificate_spki(&d);
            let _ = der::spki_kind(&der::wrap_pkcs1(&d));
            for size in [0, 1, 32, 66] {
                let _ = der::ecdsa_der_to_raw(&d, size);
            }
        }
    }

    /// Cookies, response bodies, resource metadata and the probe (pre-checks, plan and
    /// verdict) on mutated input.
    #[test]
    fn mutated_exchanges_and_probes_never_panic() {
        use crate::engine::core::header::Header;
        use crate::engine::core::request::{CredMode, ProbeRequest};
        use crate::engine::probe::{plan, target, verdict};
        let samples: [&[u8]; 8] = [
            b"sid=1; Expires=Wed, 31 Feb 2030 99:99:99 GMT; Max-Age=-99999999999999999999; Domain=.a.test; Path=/x; SameSite=None; Partitioned",
            b"a=b; Expires=1 Oct 1000000000015 7:8:0",
            br#"{"error":"invalid_token","error_description":"The access token expired","nested":[[[[{}]]]]}"#,
            b"<html><body><h1>401 Authorization Required</h1></body></html>",
            br#"{"resource":"https://api.test","authorization_servers":["https://as.test"],"scopes_supported":["a"]}"#,
            b"https://api.example.com:8443/v1/me?x=1#y",
            b"Access-Control-Allow-Origin: *\nAccess-Control-Allow-Credentials: true\nWWW-Authenticate: Bearer error=\"invalid_token\"",
            b"http://user:pass@127.0.0.1:99999/a b",
        ];
        let mut next = rng(0xd1b5_4a32_d192_ed03);
        for round in 0..2_000 {
            let t = |b: Vec<u8>| String::from_utf8_lossy(&b).into_owned();
            let a = t(mutate(&mut next, samples[round % samples.len()], &samples));
            let b = t(mutate(
                &mut next,
                samples[(round + 3) % samples.len()],
                &samples,
            ));
            let now = [
                None,
                Some(0),
                Some(1_800_000_000),
                Some(i64::MAX),
                Some(i64::MIN),
            ][(next() % 5) as usize];
            let _ = exchange::cookies::findings(&[a.as_str(), b.as_str()], Some(&b), Some(&a), now);
            let _ = exchange::body::findings(&a, Some(&b));
            let _ = exchange::body::findings(&a, Some("application/json"));
            let _ = challenge::metadata::analyze(&a);
            let headers: Vec<Header> = ProbeRequest::parse_headers(&b);
            let req = ProbeRequest {
                url: a.clone(),
                method: ["GET", "POST", "", "DELETE\n"][(next() % 4) as usize].into(),
                headers: headers.clone(),
                body: Some(b.clone()).filter(|_| next().is_multiple_of(2)),
                credentials: [CredMode::Omit, CredMode::SameOrigin, CredMode::Include]
                    [(next() % 3) as usize],
            };
            let page =
                ["http://127.0.0.1:8080", "https://x.test", "", "null"][(next() % 4) as usize];
            let _ = target::precheck(&req, page, Some(&b));
            let obs: Vec<verdict::Observed> = plan::plan(&req)
                .into_iter()
                .map(|probe| {
                    let ms = [0.0, 3.0, f64::NAN, f64::INFINITY, -1.0][(next() % 5) as usize];
                    let outcome = match next() % 4 {
                        0 => verdict::Outcome::NetworkError { ms },
                        1 => verdict::Outcome::TimedOut { ms },
                        2 => verdict::Outcome::Opaque { ms },
                        _ => verdict::Outcome::Response {
                            status: next() as u16,
                            headers: headers.clone(),
                            redirected: next().is_multiple_of(2),
                            url: b.clone(),
                            body: a.clone(),
                            ms,
                        },
                    };
                    verdict::Observed { probe, outcome }
                })
                .collect();
            let _ = verdict::diagnose(&req, page, &obs);
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
