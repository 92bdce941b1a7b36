//! DPoP (RFC 9449): the access token and, when the request is pasted, its `DPoP` proof.

use crate::engine::context::RequestInfo;
use crate::engine::core::b64;
use crate::engine::core::clock::Clock;
use crate::engine::core::finding::{Field, Finding, Part, Report, SpecRef};
use crate::engine::core::time;
use crate::engine::jwt;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

/// Ids of the findings raised here.
pub mod ids {
    use crate::engine::core::finding::FindingId;

    /// "ath does not match the access token"
    pub const ATH_DOES_NOT_MATCH: FindingId = FindingId("dpop.ath_does_not_match");
    /// "ath matches the access token"
    pub const ATH_MATCHES_ACCESS_TOKEN: FindingId = FindingId("dpop.ath_matches_access_token");
    /// "The DPoP proof is not a readable JWT"
    pub const DPOP_PROOF_NOT_READABLE: FindingId = FindingId("dpop.dpop_proof_not_readable");
    /// "htm does not match the request method"
    pub const HTM_DOES_NOT_MATCH: FindingId = FindingId("dpop.htm_does_not_match");
    /// "htu does not match the request URL"
    pub const HTU_DOES_NOT_MATCH: FindingId = FindingId("dpop.htu_does_not_match");
    /// "No DPoP proof header"
    pub const NO_DPOP_PROOF_HEADER: FindingId = FindingId("dpop.no_dpop_proof_header");
    /// "Paste the whole request to check the DPoP proof"
    pub const PASTE_WHOLE_REQUEST_CHECK: FindingId = FindingId("dpop.paste_whole_request_check");
    /// "The proof was created {}"
    pub const PROOF_CREATED: FindingId = FindingId("dpop.proof_created");
    /// "The proof must use an asymmetric algorithm"
    pub const PROOF_MUST_USE_ASYMMETRIC: FindingId = FindingId("dpop.proof_must_use_asymmetric");
    /// "The proof has no ath"
    pub const PROOF_NO_ATH: FindingId = FindingId("dpop.proof_no_ath");
    /// "The proof has no iat"
    pub const PROOF_NO_IAT: FindingId = FindingId("dpop.proof_no_iat");
    /// "The proof has no jti"
    pub const PROOF_NO_JTI: FindingId = FindingId("dpop.proof_no_jti");
    /// "The proof has no jwk header"
    pub const PROOF_NO_JWK_HEADER: FindingId = FindingId("dpop.proof_no_jwk_header");
    /// "The proof's jwk contains the PRIVATE key"
    pub const PROOF_S_JWK_CONTAINS: FindingId = FindingId("dpop.proof_s_jwk_contains");
    /// "The proof's typ is not dpop+jwt"
    pub const PROOF_S_TYP_NOT: FindingId = FindingId("dpop.proof_s_typ_not");
}

const RFC9449: SpecRef = SpecRef::new(
    "RFC 9449 §4.3",
    "https://www.rfc-editor.org/rfc/rfc9449#section-4.3",
);

/// base64url(SHA-256(token)), the `ath` a proof must carry for this access token.
pub fn ath(token: &str) -> String {
    b64::encode_url(&Sha256::digest(token.as_bytes()))
}

fn segment(part: &str) -> Option<Map<String, Value>> {
    let bytes = b64::decode(part).ok()?.bytes;
    match serde_json::from_str(std::str::from_utf8(&bytes).ok()?).ok()? {
        Value::Object(m) => Some(m),
        _ => None,
    }
}

/// Scheme, host and path of a URL, lower-cased where URLs are case-insensitive (RFC 9449 §4.3 point 9).
fn normalise_htu(url: &str) -> String {
    let no_frag = url.split(['#', '?']).next().unwrap_or("");
    match no_frag.split_once("://") {
        Some((scheme, rest)) => {
            let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
            let path = if path.is_empty() { "/" } else { path };
            format!(
                "{}://{}{}",
                scheme.to_ascii_lowercase(),
                host.to_ascii_lowercase(),
                path
            )
        }
        None => no_frag.to_string(),
    }
}

/// Analyses `DPoP <token>` together with the request's DPoP proof header, if any.
pub fn analyze(token: &str, req: &RequestInfo, clock: Clock) -> Report {
    let token = token.trim();
    let mut r = Report::new("A DPoP-bound access token: it only works together with a fresh DPoP proof signed by the client's key.");
    if jwt::looks_like_jwt(token) {
        r.absorb(jwt::analyze_with(
            token,
            clock,
            jwt::TokenUse::AccessToken,
            None,
        ));
    } else {
        r.part(Part::Fields {
            title: "Access token".into(),
            rows: vec![Field::secret("Token", token)],
        });
    }
    let Some(proof) = req.header("dpop") else {
        if !req.headers.is_empty() {
            r.push(Finding::error(ids::NO_DPOP_PROOF_HEADER, "No DPoP proof header", "A DPoP token must travel with a DPoP: <proof JWT> header. Without it the server answers 401 with error=\"invalid_dpop_proof\" or treats the token as invalid.").fix("Send a DPoP proof with htm, htu, iat, jti and ath for every request.").spec(RFC9449));
        } else {
            r.push(Finding::info(ids::PASTE_WHOLE_REQUEST_CHECK, "Paste the whole request to check the DPoP proof", "The proof travels in a separate DPoP header; with it, authlens checks htm, htu, iat, jti and ath."));
        }
        return r;
    };
    r.absorb(check_proof(proof, Some(token), req, clock));
    r
}

/// Checks a DPoP proof JWT against the request and (optionally) the access token.
pub fn check_proof(proof: &str, token: Option<&str>, req: &RequestInfo, clock: Clock) -> Report {
    let mut r = Report::new("A DPoP proof.");
    let parts: Vec<&str> = proof.trim().split('.').collect();
    let (Some(h), Some(c)) = (
        parts.first().and_then(|p| segment(p)),
        parts.get(1).and_then(|p| segment(p)),
    ) else {
        r.push(
            Finding::error(
                ids::DPOP_PROOF_NOT_READABLE,
                "The DPoP proof is not a readable JWT",
                "The DPoP header must hold a signed JWT (header.payload.signature).",
            )
            .spec(RFC9449),
        );
        return r;
    };
    let s = |m: &Map<String, Value>, k: &str| m.get(k).and_then(Value::as_str).map(str::to_string);
    let mut rows = Vec::new();
    for k in ["htm", "htu", "jti", "ath", "nonce"] {
        if let Some(v) = s(&c, k) {
            rows.push(Field::new(k, v));
        }
    }
    r.part(Part::Fields {
        title: "DPoP proof".into(),
        rows,
    });
    if s(&h, "typ").as_deref() != Some("dpop+jwt") {
        r.push(
            Finding::error(
                ids::PROOF_S_TYP_NOT,
                "The proof's typ is not dpop+jwt",
                format!("typ is {:?}.", s(&h, "typ").unwrap_or_default()),
            )
            .spec(RFC9449),
        );
    }
    let alg = s(&h, "alg").unwrap_or_default();
    if alg.is_empty() || alg.eq_ignore_ascii_case("none") || alg.starts_with("HS") {
        r.push(Finding::error(ids::PROOF_MUST_USE_ASYMMETRIC, "The proof must use an asymmetric algorithm", format!("alg is \"{alg}\"; DPoP proofs are signed with the client's private key (ES256, RS256, EdDSA…).")).spec(RFC9449));
    }
    match h.get("jwk") {
        Some(Value::Object(jwk)) if jwk.contains_key("d") => r.push(Finding::error(ids::PROOF_S_JWK_CONTAINS, "The proof's jwk contains the PRIVATE key", "The header's jwk has a \"d\" member: the private key has been sent to the server. Revoke it.").fix("Put only the public key in the jwk header.")),
        Some(Value::Object(_)) => {}
        _ => r.push(Finding::error(ids::PROOF_NO_JWK_HEADER, "The proof has no jwk header", "The public key must be in the proof's header so the server can verify it.").spec(RFC9449)),
    }
    if s(&c, "jti").is_none() {
        r.push(
            Finding::error(
                ids::PROOF_NO_JTI,
                "The proof has no jti",
                "Each proof needs a unique jti so the server can reject replays.",
            )
            .spec(RFC9449),
        );
    }
    if let (Some(htm), Some(m)) = (s(&c, "htm"), req.method.as_ref().map(|m| m.as_str())) {
        if htm != m {
            r.push(
                Finding::error(
                    ids::HTM_DOES_NOT_MATCH,
                    "htm does not match the request method",
                    format!("The proof is for {htm} but the request is {m}."),
                )
                .fix("Create a new proof for each request with its method.")
                .spec(RFC9449),
            );
        }
    }
    if let (Some(htu), Some(target)) = (s(&c, "htu"), req.target.as_deref()) {
        let url = if target.contains("://") {
            target.to_string()
        } else {
            format!("https://{}{target}", req.header("host").unwrap_or(""))
        };
        let (a, b) = (normalise_htu(&htu), normalise_htu(&url));
        let strip = |u: &str| {
            u.split_once("://")
                .map_or(u.to_string(), |x| x.1.to_string())
        };
        if strip(&a) != strip(&b) {
            r.push(Finding::error(ids::HTU_DOES_NOT_MATCH, "htu does not match the request URL", format!("The proof is for {htu}, the request goes to {url} (query and fragment are ignored).")).spec(RFC9449));
        }
    }
    match (c.get("iat").and_then(Value::as_i64), clock.now) {
        (Some(iat), Some(now)) if iat.abs_diff(now) > 300 => r.push(Finding::error(ids::PROOF_CREATED, format!("The proof was created {}", time::relative(iat, now)), "Servers accept a DPoP proof only for a short time (minutes) around its iat. A replayed or pre-made proof fails.").fix("Create a fresh proof for every request.").spec(RFC9449)),
        (None, _) => r.push(Finding::error(ids::PROOF_NO_IAT, "The proof has no iat", "iat is required.").spec(RFC9449)),
        _ => {}
    }
    if let Some(tok) = token {
        let want = ath(tok);
        match s(&c, "ath") {
            Some(a) if a == want => r.push(Finding::ok(ids::ATH_MATCHES_ACCESS_TOKEN, "ath matches the access token", "The proof is bound to this token.")),
            Some(a) => r.push(Finding::error(ids::ATH_DOES_NOT_MATCH, "ath does not match the access token", format!("ath is {a}, but base64url(SHA-256(token)) is {want}: the proof was made for another token.")).spec(RFC9449)),
            None => r.push(Finding::error(ids::PROOF_NO_ATH, "The proof has no ath", "When a proof accompanies an access token it must carry ath = base64url(SHA-256(token)).").spec(RFC9449)),
        }
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::core::method::Method;
    use crate::engine::http::Header;

    fn enc(s: &str) -> String {
        b64::encode_url(s.as_bytes())
    }

    #[test]
    fn rfc9449_ath_example() {
        // RFC 9449 §7.1: the token "Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU" has this ath.
        assert_eq!(
            ath("Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU"),
            "fUHyO2r2Z3DZ53EsNrWBb0xWXoaNy59IiKCAqksmQEo"
        );
    }

    #[test]
    fn checks_proof_against_request() {
        let token = "Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU";
        let proof = format!(
            "{}.{}.c2ln",
            enc(
                r#"{"typ":"dpop+jwt","alg":"ES256","jwk":{"kty":"EC","crv":"P-256","x":"a","y":"b"}}"#
            ),
            enc(&format!(
                r#"{{"jti":"e1j3V_bKic8-LAEB","htm":"GET","htu":"https://resource.example.org/protectedresource","iat":1562262618,"ath":"{}"}}"#,
                ath(token)
            ))
        );
        let req = RequestInfo {
            method: Some(Method::Get),
            target: Some("/protectedresource?x=1".into()),
            headers: vec![
                Header {
                    name: "Host".into(),
                    value: "resource.example.org".into(),
                },
                Header {
                    name: "DPoP".into(),
                    value: proof.clone(),
                },
            ],
            body: None,
        };
        let r = analyze(
            token,
            &req,
            Clock {
                now: Some(1_562_262_618),
                leeway: 60,
                offset_minutes: 0,
            },
        );
        assert!(
            r.has_id("dpop.ath_matches_access_token"),
            "{:?}",
            r.findings
        );
        assert!(r.errors().is_empty(), "{:?}", r.findings);
        let post = RequestInfo {
            method: Some(Method::Post),
            ..req.clone()
        };
        assert!(analyze(
            token,
            &post,
            Clock {
                now: Some(1_562_262_618),
                leeway: 60,
                offset_minutes: 0,
            }
        )
        .has_id("dpop.htm_does_not_match"));
        assert!(analyze(
            "other",
            &req,
            Clock {
                now: Some(1_700_000_000),
                leeway: 60,
                offset_minutes: 0,
            }
        )
        .has_id("dpop.ath_does_not_match"));
        assert!(analyze(
            token,
            &req,
            Clock {
                now: Some(1_700_000_000),
                leeway: 60,
                offset_minutes: 0,
            }
        )
        .has_id("dpop.proof_created"));
    }
}
