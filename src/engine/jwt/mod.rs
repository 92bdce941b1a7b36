//! JWT and JWE compact serialisation: decode as much as possible, name what is broken.

pub mod claims;
mod decode;
mod header;
pub mod lint;
mod sniff;
mod times;
pub mod usage;

use decode::{decode_segment, parse_object, pretty, SEGMENT_NAMES};
use header::{header_findings, signature_findings};
pub use sniff::{claims, find_embedded, looks_like_jwt};

/// Whether a compact token's header marks it as a DPoP proof (typ dpop+jwt).
pub fn is_dpop_proof(token: &str) -> bool {
    token
        .split('.')
        .next()
        .and_then(|h| super::core::b64::decode(h).ok())
        // Read as text into a Value, as every other JSON here: one serde_json reader in the wasm.
        .and_then(|d| serde_json::from_str::<Value>(std::str::from_utf8(&d.bytes).ok()?).ok())
        .is_some_and(|h| h.as_object().is_some_and(lint::is_dpop_proof))
}
/// The ids of the time checks, for analyses that reach the same causes.
pub use times::ids as time_ids;

use super::core::finding::{Finding, Part, Report, SpecRef};
use serde_json::{Map, Value};

/// Whether `s` has the shape of a compact JWS/JWE: 3 or 5 base64url parts, the first `{"`.
pub use crate::engine::core::clock::Clock;

/// Ids of the findings raised here.
pub mod ids {
    use crate::engine::core::finding::FindingId;

    /// "Issued by {}"
    pub const ISSUER: FindingId = FindingId("jwt.issuer");
    /// "The contents are encrypted"
    pub const JWE: FindingId = FindingId("jwt.jwe");
    /// "A nested JWT (cty: JWT)"
    pub const NESTED: FindingId = FindingId("jwt.nested");
    /// "The payload is not JSON: a JWS, but not a JWT"
    pub const PAYLOAD_NOT_JSON: FindingId = FindingId("jwt.payload_not_json");
    /// "Expected 3 dot-separated parts, found {}"
    pub const SEGMENT_COUNT: FindingId = FindingId("jwt.segment_count");
    /// "Signed with a well-known secret: "{secret}""
    pub const WEAK_SECRET: FindingId = FindingId("jwt.weak_secret");
}

/// How the token was used, which changes what is expected of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TokenUse {
    /// Pasted on its own.
    #[default]
    Unknown,
    /// Sent as a Bearer (or DPoP) access token to an API.
    AccessToken,
}

/// A decoded segment: its JSON object when it parsed.
struct Segment {
    json: Option<Map<String, Value>>,
}

pub fn analyze(token: &str, clock: Clock) -> Report {
    analyze_with(token, clock, TokenUse::Unknown, None)
}

/// Decodes and explains a token, knowing how it was used and which audience the user expects.
pub fn analyze_with(
    token: &str,
    clock: Clock,
    token_use: TokenUse,
    expected_aud: Option<&str>,
) -> Report {
    analyze_depth(token, clock, token_use, expected_aud, 0)
}

fn analyze_depth(
    token: &str,
    clock: Clock,
    token_use: TokenUse,
    expected_aud: Option<&str>,
    depth: u8,
) -> Report {
    let token = token.trim();
    // A JWT has at most 5 parts: keep that many, and count the rest (a paste of millions of
    // dots must not become millions of slices).
    let count = token.bytes().filter(|&b| b == b'.').count() + 1;
    let parts: Vec<&str> = token.splitn(6, '.').collect();
    let mut report = Report::new(match count {
        5 => "An encrypted JWT (JWE, compact serialisation).",
        _ => "A JSON Web Token (JWS, compact serialisation).",
    });
    if count != 3 && count != 5 {
        report.summary = "Not a complete JWT.".to_string();
        report.push(
            Finding::error(ids::SEGMENT_COUNT,
                format!("Expected 3 dot-separated parts, found {count}"),
                "A signed JWT is header.payload.signature (3 parts); an encrypted one has 5. The token is cut short or two tokens were joined.",
            )
            .fix("Copy the whole token again; check that nothing truncated it (log lines, cookies over 4 KB).")
            .spec(SpecRef::new("RFC 7519 §7.2", "https://www.rfc-editor.org/rfc/rfc7519#section-7.2")),
        );
    }
    let header = parts
        .first()
        .and_then(|p| decode_segment(&mut report, SEGMENT_NAMES[0], p))
        .map(|bytes| Segment {
            json: parse_object(&mut report, "header", &bytes),
        });
    let header_json = header.and_then(|h| h.json);
    if let Some(h) = &header_json {
        report.part(Part::Code {
            title: "Header".to_string(),
            text: pretty(h),
        });
        header_findings(&mut report, h);
        for f in lint::header(h) {
            report.push(f);
        }
    }
    if count == 5 {
        report.push(
            Finding::info(ids::JWE,
                "The contents are encrypted",
                "This is a JWE: only the header can be read. The claims need the recipient's private key or shared secret to decrypt.",
            )
            .spec(SpecRef::new("RFC 7516 §7.1", "https://www.rfc-editor.org/rfc/rfc7516#section-7.1")),
        );
        if let Some(f) = header_json
            .as_ref()
            .and_then(|h| usage::encrypted_access_token(h, token_use))
        {
            report.push(f);
        }
        return report;
    }
    let alg = header_json
        .as_ref()
        .and_then(|h| h.get("alg"))
        .and_then(Value::as_str)
        .unwrap_or("");
    // The issuer, kept for OIDC discovery in the verify panel.
    let mut iss = None;
    if let Some(p) = parts.get(1) {
        if let Some(bytes) = decode_segment(&mut report, "payload", p) {
            let utf8 = std::str::from_utf8(&bytes);
            let text = utf8.unwrap_or("");
            let nested = header_json
                .as_ref()
                .and_then(|h| h.get("cty"))
                .and_then(Value::as_str)
                .is_some_and(|c| c.eq_ignore_ascii_case("JWT"));
            if nested && looks_like_jwt(text.trim()) && depth < 3 {
                report.push(
                    Finding::info(
                        ids::NESTED,
                        "A nested JWT (cty: JWT)",
                        "The payload is itself a JWT; it is decoded below.",
                    )
                    .spec(SpecRef::new(
                        "RFC 7519 §5.2",
                        "https://www.rfc-editor.org/rfc/rfc7519#section-5.2",
                    )),
                );
                report.absorb(analyze_depth(
                    text.trim(),
                    clock,
                    token_use,
                    expected_aud,
                    depth + 1,
                ));
            } else if !text.trim_start().starts_with(['{', '[']) && utf8.is_ok() {
                // A general JWS (RFC 7515 A.4 signs the text "Payload") is fine on its own; it
                // only breaks where a JWT is expected.
                let severity = match token_use {
                    TokenUse::AccessToken => crate::engine::Severity::Warning,
                    TokenUse::Unknown => crate::engine::Severity::Info,
                };
                report.push(Finding::new(ids::PAYLOAD_NOT_JSON,
                    severity,
                    "The payload is not JSON: a JWS, but not a JWT",
                    "The signed content is plain data, not a claims set. Fine for a general JWS; an API expecting a JWT access token rejects it.",
                ).spec(SpecRef::new("RFC 7519 §7.2", "https://www.rfc-editor.org/rfc/rfc7519#section-7.2")));
                report.part(Part::Code {
                    title: "Payload (text)".to_string(),
                    text: super::core::text::visible(text),
                });
            } else if let Some(claims) = parse_object(&mut report, "payload", &bytes) {
                report.part(Part::Code {
                    title: "Payload (claims)".to_string(),
                    text: pretty(&claims),
                });
                claims_findings(
                    &mut report,
                    header_json.as_ref(),
                    &claims,
                    token_use,
                    expected_aud,
                );
                let proof = header_json.as_ref().is_some_and(lint::is_dpop_proof);
                times::findings(&mut report, &claims, clock, !proof);
                iss = claims
                    .get("iss")
                    .and_then(Value::as_str)
                    .map(str::to_string);
            }
        }
    }
    if let Some(sig) = parts.get(2) {
        let sig_bytes = signature_findings(&mut report, alg, sig);
        if !sig.is_empty() && !alg.eq_ignore_ascii_case("none") && depth == 0 {
            report
                .asks
                .push(super::core::finding::Ask::VerifySignature {
                    token: token.to_string(),
                    iss,
                });
        }
        if crate::engine::core::alg::is_hmac(alg) {
            if let (Some((input, _)), Some(sig_bytes)) = (token.rsplit_once('.'), &sig_bytes) {
                if let Some(secret) = lint::weak_secret(alg, input.as_bytes(), sig_bytes) {
                    report.push(Finding::error(ids::WEAK_SECRET,
                        format!("Signed with a well-known secret: \"{secret}\""),
                        if let Some(origin) = lint::weak_secret_origin(secret) { format!("This is {origin}, which is public: anyone can forge tokens this server accepts.") } else { format!("\"{secret}\" is on every list of default secrets: anyone can forge tokens this server accepts.") },
                    ).fix("Generate a random secret of at least 32 bytes (openssl rand -base64 32), rotate it now, or switch to RS256/ES256.").spec(SpecRef::new("RFC 8725 §3.5", "https://www.rfc-editor.org/rfc/rfc8725#section-3.5")));
                }
            }
        }
    }
    report
}

/// Claims table, issuer recognition and claim lint.
fn claims_findings(
    report: &mut Report,
    header: Option<&Map<String, Value>>,
    c: &Map<String, Value>,
    token_use: TokenUse,
    expected_aud: Option<&str>,
) {
    report.part(Part::Table {
        title: "Claims explained".to_string(),
        columns: vec!["Claim".into(), "Value".into(), "Meaning".into()],
        rows: claims::rows(c),
    });
    if let Some(p) = c
        .get("iss")
        .and_then(Value::as_str)
        .and_then(claims::provider)
    {
        report.push(Finding::info(
            ids::ISSUER,
            format!("Issued by {}", p.name()),
            format!(
                "Recognised from iss. Its claims are explained with {}'s meanings.",
                p.name()
            ),
        ));
    }
    let empty = Map::new();
    for f in lint::claims(header.unwrap_or(&empty), c, token_use, expected_aud) {
        report.push(f);
    }
    for f in usage::findings(header.unwrap_or(&empty), c, token_use) {
        report.push(f);
    }
}

/// What a JOSE algorithm name means.
#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::core::b64;

    const JWT_IO: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";

    fn code_part<'a>(r: &'a Report, title: &str) -> Option<&'a str> {
        r.parts.iter().find_map(|p| match p {
            Part::Code { title: t, text } if t == title => Some(text.as_str()),
            _ => None,
        })
    }

    #[test]
    fn decodes_header_and_claims() {
        let r = analyze(JWT_IO, Clock::default());
        assert!(code_part(&r, "Header").unwrap().contains("\"HS256\""));
        assert!(code_part(&r, "Payload (claims)")
            .unwrap()
            .contains("\"John Doe\""));
        // jwt.io's sample is signed with its public sample secret: the one error.
        let errors: Vec<_> = r.errors().iter().map(|f| f.id).collect();
        assert_eq!(errors, [ids::WEAK_SECRET]);
    }

    #[test]
    fn no_exp_is_warned_when_clock_known() {
        let r = analyze(
            JWT_IO,
            Clock {
                now: Some(1_600_000_000),
                leeway: 60,
                offset_minutes: 0,
            },
        );
        assert!(r.has_id("jwt.no_exp"));
    }

    fn make(header: &str, payload: &str) -> String {
        let e = |s: &str| b64::encode_url(s.as_bytes());
        format!("{}.{}.c2ln", e(header), e(payload))
    }

    #[test]
    fn expired_and_millisecond_exp() {
        let now = 1_700_000_000;
        let t = make(
            r#"{"alg":"HS256"}"#,
            &format!(r#"{{"exp":{}}}"#, now - 3 * 3600),
        );
        let r = analyze(
            t.as_str(),
            Clock {
                now: Some(now),
                leeway: 60,
                offset_minutes: 0,
            },
        );
        assert!(r.has_id("jwt.expired"), "{:?}", r.findings);
        let t = make(r#"{"alg":"HS256"}"#, r#"{"exp":1700000000000}"#);
        let r = analyze(
            t.as_str(),
            Clock {
                now: Some(now),
                leeway: 60,
                offset_minutes: 0,
            },
        );
        assert!(r.has_id("jwt.time_in_milliseconds"));
    }

    #[test]
    fn times_beyond_any_clock_say_so() {
        // Issue #11: 1e300 printed 301 digits and "valid for 106751971491 d more".
        let clock = Clock {
            now: Some(1_700_000_000),
            leeway: 60,
            offset_minutes: 0,
        };
        for payload in [
            r#"{"exp":1e300}"#,
            r#"{"exp":-1e300}"#,
            r#"{"exp":99999999999999999999}"#,
        ] {
            let r = analyze(make(r#"{"alg":"HS256"}"#, payload).as_str(), clock);
            assert!(
                r.has_id("jwt.time_out_of_range"),
                "{payload}: {:?}",
                r.ids()
            );
            assert!(!r.has_id("jwt.not_expired") && !r.has_id("jwt.time_not_number"));
            let text = format!("{:?}", r);
            assert!(!text.contains("106751971491"), "{text}");
        }
        let r = analyze(
            make(
                r#"{"alg":"HS256"}"#,
                r#"{"exp":1700003600000000,"iat":1699999999.5}"#,
            )
            .as_str(),
            clock,
        );
        assert!(r.has_id("jwt.time_in_microseconds"), "{:?}", r.ids());
        assert!(r.has_id("jwt.not_expired"));
    }

    #[test]
    fn alg_none_and_bad_json_and_duplicates() {
        let r = analyze(&make(r#"{"alg":"none"}"#, "{}"), Clock::default());
        assert!(r.has_id("jwt.alg_none"));
        let r = analyze(&make(r#"{"alg":"HS256"}"#, r#"{"a":1,}"#), Clock::default());
        assert!(r.has_id("jwt.not_valid_json"));
        assert!(r
            .findings
            .iter()
            .any(|f| f.explanation.contains("line 1, column")));
        let r = analyze(
            &make(r#"{"alg":"HS256"}"#, r#"{"sub":"a","sub":"b"}"#),
            Clock::default(),
        );
        assert!(r.has_id("jwt.duplicate_key"));
    }

    #[test]
    fn wrong_part_count_and_bad_base64() {
        let r = analyze("eyJhbGciOiJIUzI1NiJ9.e30", Clock::default());
        assert!(r.has_id("jwt.segment_count"));
        let r = analyze("eyJhbGciOiJIUzI1NiJ9.e*30.abc", Clock::default());
        assert!(r.has_id("jwt.not_valid_base64url"));
    }

    #[test]
    fn rfc7515_appendix_a_and_rfc8037_decode() {
        let v: Value =
            serde_json::from_str(include_str!("../../../tests/vectors/rfc7515.json")).unwrap();
        let tok = |n: &str| v[n]["jws"].as_str().unwrap().to_string();
        // A.1-A.3: the same claims, exp 2011-03-22 18:43:00 UTC.
        for n in ["A.1", "A.2", "A.3"] {
            let r = analyze(
                &tok(n),
                Clock {
                    now: Some(1_300_819_000),
                    leeway: 60,
                    offset_minutes: 0,
                },
            );
            assert!(
                code_part(&r, "Payload (claims)")
                    .unwrap()
                    .contains("\"iss\": \"joe\""),
                "{n}"
            );
            assert!(r.has_id("jwt.not_expired"), "{n}: {:?}", r.findings);
            assert!(r
                .asks
                .iter()
                .any(|a| matches!(a, super::super::core::finding::Ask::VerifySignature { .. })));
        }
        // A.4 and RFC 8037 A.4 sign plain text: a JWS that is not a JWT.
        for n in ["A.4", "RFC8037-A.4"] {
            let r = analyze(&tok(n), Clock::default());
            assert!(r.has_id("jwt.payload_not_json"), "{n}");
            assert!(r.errors().is_empty(), "{n}: {:?}", r.findings);
        }
        assert_eq!(
            code_part(&analyze(&tok("A.4"), Clock::default()), "Payload (text)"),
            Some("Payload")
        );
        // A.5 is unsecured.
        let r = analyze(&tok("A.5"), Clock::default());
        assert!(r.has_id("jwt.alg_none"));
        assert!(!r
            .asks
            .iter()
            .any(|a| matches!(a, super::super::core::finding::Ask::VerifySignature { .. })));
    }

    #[test]
    fn finds_tokens_in_cookies_and_urls() {
        let t = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln";
        assert_eq!(
            find_embedded(&format!("Cookie: theme=dark; session={t}; x=1")),
            Some(("session".into(), t.into()))
        );
        assert_eq!(
            find_embedded(&format!("https://app.test/cb#id_token={t}&state=abc")),
            Some(("id_token".into(), t.into()))
        );
        assert_eq!(
            find_embedded(&format!("https://app.test/cb?access_token={t}")),
            Some(("access_token".into(), t.into()))
        );
        assert_eq!(find_embedded("nothing here=1"), None);
    }

    #[test]
    fn jwe_header_only() {
        let r = analyze(
            "eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.a.b.c.d",
            Clock::default(),
        );
        assert!(r.has_id("jwt.jwe"));
        assert!(code_part(&r, "Header").unwrap().contains("A256GCM"));
    }
}
