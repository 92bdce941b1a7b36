//! Best-practice checks (RFC 8725) and what servers commonly reject.

use super::claims::cognito_token_use;
use super::TokenUse;
use crate::engine::core::alg::Kind;
use crate::engine::core::finding::{Finding, SpecRef};
use crate::engine::core::time;
use hmac::{Hmac, Mac};
use serde_json::{Map, Value};
use sha2::{Sha256, Sha384, Sha512};

/// Ids of the findings raised here.
pub mod ids {
    use crate::engine::core::finding::FindingId;

    /// "The audience includes {want}"
    pub const AUDIENCE_MATCH: FindingId = FindingId("jwt.audience_match");
    /// "The audience is not {want}"
    pub const AUDIENCE_MISMATCH: FindingId = FindingId("jwt.audience_mismatch");
    /// "crit lists {}"
    pub const CRIT: FindingId = FindingId("jwt.crit");
    /// "A DPoP proof sent as the access token"
    pub const DPOP_PROOF_AS_ACCESS_TOKEN: FindingId = FindingId("jwt.dpop_proof_as_access_token");
    /// "The token carries {what} ({k})"
    pub const EMBEDDED_KEY: FindingId = FindingId("jwt.embedded_key");
    /// "The header names {what} ({k})"
    pub const HEADER_EMBEDS_KEY: FindingId = FindingId("jwt.header_embeds_key");
    /// "This looks like an ID token, not an access token"
    pub const ID_TOKEN_AS_ACCESS_TOKEN: FindingId = FindingId("jwt.id_token_as_access_token");
    /// "Very long lifetime: {}"
    pub const LONG_LIFETIME: FindingId = FindingId("jwt.long_lifetime");
    /// "No audience (aud)"
    pub const NO_AUD: FindingId = FindingId("jwt.no_aud");
    /// "No issuer (iss)"
    pub const NO_ISS: FindingId = FindingId("jwt.no_iss");
    /// "The kid "{}" {why}"
    pub const ODD_KID: FindingId = FindingId("jwt.odd_kid");
    /// "typ at+jwt: an RFC 9068 access token"
    pub const RFC9068_ACCESS_TOKEN: FindingId = FindingId("jwt.rfc9068_access_token");
}

const RFC8725: SpecRef = SpecRef::new(
    "RFC 8725 §3",
    "https://www.rfc-editor.org/rfc/rfc8725#section-3",
);

/// Secrets found in tutorials, defaults and leaked configs. jwt.io's sample secret is public.
pub const WEAK_SECRETS: &[&str] = &[
    "your-256-bit-secret",
    "your-384-bit-secret",
    "your-512-bit-secret",
    "secret",
    "changeme",
    "changeit",
    "password",
    "123456",
    "12345678",
    "secretkey",
    "secret-key",
    "secret_key",
    "jwt_secret",
    "jwt-secret",
    "jwtsecret",
    "mysecret",
    "my_secret",
    "mysecretkey",
    "supersecret",
    "super-secret",
    "key",
    "test",
    "default",
    "admin",
    "qwerty",
    "shhhhh",
    "s3cr3t",
    "your_jwt_secret",
    "your-secret",
    "secret123",
    "topsecret",
    "development",
    "dev",
    "local",
    "example",
    "",
    // The JWT_SECRET of Supabase's self-hosting docker/.env.example, which says to change it.
    "your-super-secret-jwt-token-with-at-least-32-characters-long",
];

/// Where a well-known secret comes from, when it is one product's published default.
pub fn weak_secret_origin(secret: &str) -> Option<&'static str> {
    if secret.starts_with("your-") && secret.ends_with("-bit-secret") {
        Some("jwt.io's sample secret")
    } else if secret == "your-super-secret-jwt-token-with-at-least-32-characters-long" {
        Some("the JWT secret in Supabase's self-hosting example .env (docker/.env.example), which says to change it before the first start")
    } else {
        None
    }
}

/// The weak secret that verifies this HMAC token, if one does.
pub fn weak_secret(alg: &str, signing_input: &[u8], sig: &[u8]) -> Option<&'static str> {
    WEAK_SECRETS
        .iter()
        .copied()
        .find(|s| hmac_matches(alg, s.as_bytes(), signing_input, sig))
}

/// HMAC check used only to test well-known secrets (real verification goes through WebCrypto).
fn hmac_matches(alg: &str, key: &[u8], data: &[u8], sig: &[u8]) -> bool {
    macro_rules! check {
        ($h:ty) => {{
            match <Hmac<$h>>::new_from_slice(key) {
                Ok(mut m) => {
                    m.update(data);
                    m.verify_slice(sig).is_ok()
                }
                Err(_) => false,
            }
        }};
    }
    match crate::engine::core::alg::lookup(alg).map(|a| a.kind) {
        Some(Kind::Hmac("SHA-256", _)) => check!(Sha256),
        Some(Kind::Hmac("SHA-384", _)) => check!(Sha384),
        Some(Kind::Hmac("SHA-512", _)) => check!(Sha512),
        _ => false,
    }
}

fn odd_kid(kid: &str) -> Option<&'static str> {
    // Base64 kids (Cognito, Entra x5t-style) contain '/': only traversal or absolute paths count.
    if kid.contains("..") || kid.starts_with('/') || kid.contains('\\') {
        Some("looks like a file path: servers that read the key from a file named by kid can be tricked into using a known file (e.g. /dev/null) as the key")
    } else if kid.contains('\'')
        || kid.contains(';')
        || kid.contains("--")
        || kid.to_ascii_lowercase().contains(" or ")
    {
        Some("contains SQL characters: servers that look the key up by kid in a database can be injected")
    } else if kid.contains("://") {
        Some("is a URL: a server that fetches it lets the token choose its own key")
    } else if kid.chars().any(|c| c.is_control()) || kid.len() > 200 {
        Some("contains control characters or is very long")
    } else {
        None
    }
}

fn strings(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|x| x.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}

/// Whether the header marks a DPoP proof (RFC 9449 §4.2): a client-made JWT with the client's
/// public key in jwk and no iss, aud or exp, which the access-token checks do not apply to.
pub fn is_dpop_proof(h: &Map<String, Value>) -> bool {
    h.get("typ")
        .and_then(Value::as_str)
        .is_some_and(|t| t.eq_ignore_ascii_case("dpop+jwt"))
}

/// Header checks: embedded keys, remote key URLs, odd kid, unknown crit.
pub fn header(h: &Map<String, Value>) -> Vec<Finding> {
    let mut out = Vec::new();
    for (k, what) in [
        ("jku", "a URL to fetch the key set from"),
        ("x5u", "a URL to fetch the certificate from"),
    ] {
        if let Some(u) = h.get(k).and_then(Value::as_str) {
            out.push(Finding::warning(ids::HEADER_EMBEDS_KEY,
                format!("The header names {what} ({k})"),
                format!("{k} is {u}. A server that follows it lets whoever made the token pick the key that verifies it. authlens does not use it."),
            ).fix(format!("Verify with keys the server already trusts; accept {k} only from an allow-list, or ignore it.")).spec(RFC8725));
        }
    }
    for (k, what) in [("jwk", "a public key"), ("x5c", "a certificate chain")] {
        // A DPoP proof carries its key in jwk by design: the server verifies it with that key.
        if h.contains_key(k) && !(k == "jwk" && is_dpop_proof(h)) {
            out.push(Finding::warning(ids::EMBEDDED_KEY,
                format!("The token carries {what} ({k})"),
                format!("A signature checked with a key the token brings itself proves nothing: anyone can sign a token and embed their own key. authlens does not trust {k}; give it the issuer's key instead."),
            ).fix("Servers must verify with the issuer's key (JWKS), not the embedded one (except DPoP proofs, where jwk is the point).").spec(RFC8725));
        }
    }
    if let Some(kid) = h.get("kid").and_then(Value::as_str) {
        if let Some(why) = odd_kid(kid) {
            out.push(Finding::warning(ids::ODD_KID, format!("The kid \"{}\" {why}", crate::engine::core::text::clip(kid, 40)), "kid should be an opaque identifier used only to pick a key from a trusted set.").spec(SpecRef::new("RFC 8725 §3.10", "https://www.rfc-editor.org/rfc/rfc8725#section-3.10")));
        }
    }
    if let Some(crit) = h.get("crit") {
        let names = strings(Some(crit));
        let unknown: Vec<&String> = names.iter().filter(|n| n.as_str() != "b64").collect();
        if !unknown.is_empty() {
            out.push(Finding::error(ids::CRIT,
                format!("crit lists {}", unknown.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")),
                "A verifier that does not understand every header named in crit must reject the token, so most libraries will.",
            ).spec(SpecRef::new("RFC 7515 §4.1.11", "https://www.rfc-editor.org/rfc/rfc7515#section-4.1.11")));
        }
    }
    out
}

/// API keys that are JWTs meant to live for years: Supabase's anon and service_role keys (its
/// docs: "long-lived JWTs", expiry about 10 years ahead). They are rotated, not refreshed.
fn long_lived_by_design(c: &Map<String, Value>) -> bool {
    let iss = c.get("iss").and_then(Value::as_str).unwrap_or("");
    let role = c.get("role").and_then(Value::as_str).unwrap_or("");
    matches!(iss, "supabase" | "supabase-demo") && matches!(role, "anon" | "service_role")
}

/// Claim checks for a token, given how it was used.
pub fn claims(
    h: &Map<String, Value>,
    c: &Map<String, Value>,
    token_use: TokenUse,
    expected_aud: Option<&str>,
) -> Vec<Finding> {
    let mut out = Vec::new();
    let proof = is_dpop_proof(h);
    if !c.contains_key("iss") && !proof {
        out.push(Finding::warning(ids::NO_ISS, "No issuer (iss)", "Servers that check iss reject this token, and without it a token from any issuer sharing the key would pass.").spec(SpecRef::new("RFC 8725 §3.8", "https://www.rfc-editor.org/rfc/rfc8725#section-3.8")));
    }
    let aud = strings(c.get("aud"));
    // aud is optional (RFC 7519 §4.1.3) and many issuers leave it out by design (GitHub App JWTs,
    // Supabase API keys, RFC 7519's own example): a note, not a warning. An API that requires
    // one is caught by the audience the user names.
    // Cognito access tokens never carry aud: their app client is client_id, which is what
    // verifiers check (AWS: "the access token ... doesn't have an aud claim").
    let cognito_access = cognito_token_use(c) == Some("access") && c.contains_key("client_id");
    if aud.is_empty() && !proof && !cognito_access {
        out.push(Finding::info(ids::NO_AUD, "No audience (aud)", "Servers that validate the audience reject this token; others accept it. Without aud, a token for one API is also accepted by every other API that trusts the same issuer and key.").fix("If the API you call expects an audience, get a token issued for it.").spec(SpecRef::new("RFC 8725 §3.9", "https://www.rfc-editor.org/rfc/rfc8725#section-3.9")));
    }
    if let Some(want) = expected_aud.map(str::trim).filter(|w| !w.is_empty()) {
        let norm = |s: &str| s.trim_end_matches('/').to_ascii_lowercase();
        if !aud.iter().any(|a| norm(a) == norm(want)) {
            out.push(Finding::error(ids::AUDIENCE_MISMATCH,
                format!("The audience is not {want}"),
                format!("aud is {}. An API that expects {want} rejects this token with 401 (invalid_token / audience mismatch).", if aud.is_empty() { "missing".to_string() } else { aud.join(", ") }),
            ).fix("Request the token for this API (the audience or resource parameter at the authorization server).").spec(SpecRef::new("RFC 7519 §4.1.3", "https://www.rfc-editor.org/rfc/rfc7519#section-4.1.3")));
        } else {
            out.push(Finding::ok(
                ids::AUDIENCE_MATCH,
                format!("The audience includes {want}"),
                "aud matches the API you named.",
            ));
        }
    }
    if let (Some(iat), Some(exp)) = (
        c.get("iat").and_then(Value::as_i64),
        c.get("exp").and_then(Value::as_i64),
    ) {
        let life = exp.saturating_sub(iat);
        if (life > 365 * 86_400 || (token_use == TokenUse::AccessToken && life > 86_400))
            && !long_lived_by_design(c)
        {
            out.push(Finding::warning(ids::LONG_LIFETIME,
                format!("Very long lifetime: {}", time::human_duration(life.unsigned_abs())),
                "A leaked token stays usable for all that time. Access tokens usually live minutes to an hour and are refreshed.",
            ).fix("Shorten exp and use refresh tokens.").spec(SpecRef::new("RFC 9700 (OAuth 2.0 Security BCP)", "https://www.rfc-editor.org/rfc/rfc9700")));
        }
    }
    let typ = h.get("typ").and_then(Value::as_str).unwrap_or("");
    if token_use == TokenUse::AccessToken {
        let id_token_signs = c.contains_key("nonce")
            || c.contains_key("at_hash")
            || c.get("token_use").and_then(Value::as_str) == Some("id")
            || c.get("typ").and_then(Value::as_str) == Some("ID");
        let no_scope = !c.contains_key("scope")
            && !c.contains_key("scp")
            && !c.contains_key("roles")
            && !c.contains_key("permissions");
        let client_aud =
            !aud.is_empty() && aud.iter().all(|a| !a.contains("://") && !a.contains('.'));
        // Firebase ID tokens are made to be sent to the app's own backend (verifyIdToken).
        let firebase = c
            .get("iss")
            .and_then(Value::as_str)
            .is_some_and(|i| i.starts_with("https://securetoken.google.com/"));
        if !firebase && (id_token_signs || (no_scope && client_aud && c.contains_key("auth_time")))
        {
            // API Gateway's Cognito user-pool authorizers (without OAuth scopes) are documented
            // to take the ID token: for Cognito say so, and do not call it an error.
            let cognito = cognito_token_use(c) == Some("id");
            let (severity, why) = if cognito {
                (crate::engine::Severity::Warning, "This is a Cognito ID token (token_use: id). API Gateway user-pool authorizers without OAuth scopes accept it; other APIs, and authorizers that check scopes, expect the access token (token_use: access).")
            } else {
                (crate::engine::Severity::Error, "It has the marks of an OpenID Connect ID token (nonce/at_hash/token_use=id, aud = the app's client id, no scope). ID tokens tell the app who logged in; APIs expect an access token issued for them.")
            };
            out.push(
                Finding::new(
                    ids::ID_TOKEN_AS_ACCESS_TOKEN,
                    severity,
                    "This looks like an ID token, not an access token",
                    why,
                )
                .fix("Send the access_token from the token response, not the id_token.")
                .spec(SpecRef::new(
                    "RFC 9068 §4",
                    "https://www.rfc-editor.org/rfc/rfc9068#section-4",
                )),
            );
        }
        if typ.eq_ignore_ascii_case("at+jwt") || typ.eq_ignore_ascii_case("application/at+jwt") {
            out.push(Finding::ok(
                ids::RFC9068_ACCESS_TOKEN,
                "typ at+jwt: an RFC 9068 access token",
                "This is the registered type for JWT access tokens; servers should accept it.",
            ));
        } else if typ.eq_ignore_ascii_case("dpop+jwt") {
            out.push(Finding::error(ids::DPOP_PROOF_AS_ACCESS_TOKEN, "A DPoP proof sent as the access token", "typ dpop+jwt marks a DPoP proof, which belongs in the DPoP header, not in Authorization.").spec(SpecRef::new("RFC 9449 §4.2", "https://www.rfc-editor.org/rfc/rfc9449#section-4.2")));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> Map<String, Value> {
        serde_json::from_str(s).unwrap()
    }

    #[test]
    fn jwt_io_sample_secret_is_found() {
        let t = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
        let (input, sig) = t.rsplit_once('.').unwrap();
        let sig = crate::engine::core::b64::decode(sig).unwrap().bytes;
        assert_eq!(
            weak_secret("HS256", input.as_bytes(), &sig),
            Some("your-256-bit-secret")
        );
        assert_eq!(weak_secret("HS256", b"other", &sig), None);
    }

    #[test]
    fn supabase_self_hosting_default_secret_is_found() {
        // ANON_KEY of https://github.com/supabase/supabase/blob/master/docker/.env.example
        let t = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyAgCiAgICAicm9sZSI6ICJhbm9uIiwKICAgICJpc3MiOiAic3VwYWJhc2UtZGVtbyIsCiAgICAiaWF0IjogMTY0MTc2OTIwMCwKICAgICJleHAiOiAxNzk5NTM1NjAwCn0.dc_X5iR_VP_qT0zsiyj_I_OZ2T9FtRU2BBNWN8Bu4GE";
        let (input, sig) = t.rsplit_once('.').unwrap();
        let sig = crate::engine::core::b64::decode(sig).unwrap().bytes;
        let secret = weak_secret("HS256", input.as_bytes(), &sig).unwrap();
        assert!(weak_secret_origin(secret).unwrap().contains("Supabase"));
    }

    #[test]
    fn header_risks() {
        let titles = |h: &str| {
            header(&m(h))
                .into_iter()
                .map(|f| f.title)
                .collect::<Vec<_>>()
        };
        assert!(titles(r#"{"alg":"RS256","jku":"https://evil.test/jwks"}"#)[0].contains("jku"));
        assert!(
            titles(r#"{"alg":"RS256","jwk":{"kty":"RSA"}}"#)[0].contains("carries a public key")
        );
        assert!(titles(r#"{"alg":"HS256","kid":"../../dev/null"}"#)[0].contains("file path"));
        assert!(titles(r#"{"alg":"HS256","kid":"x' UNION SELECT 'a"}"#)[0].contains("SQL"));
        assert!(
            titles(r#"{"alg":"RS256","crit":["exp-policy"]}"#)[0].contains("crit lists exp-policy")
        );
        assert!(titles(r#"{"alg":"RS256","kid":"2024-01-key"}"#).is_empty());
    }

    #[test]
    fn a_dpop_proof_is_not_held_to_access_token_rules() {
        // RFC 9449 §4.2: a proof has typ dpop+jwt, its key in jwk, and no iss, aud or exp.
        let h = m(
            r#"{"typ":"dpop+jwt","alg":"ES256","jwk":{"kty":"EC","crv":"P-256","x":"a","y":"b"}}"#,
        );
        assert!(header(&h).is_empty());
        let c = m(
            r#"{"jti":"-BwC3ESc6acc2lTc","htm":"POST","htu":"https://server.example.com/token","iat":1562262616}"#,
        );
        assert!(claims(&h, &c, TokenUse::Unknown, None).is_empty());
        let other = m(r#"{"alg":"ES256","jwk":{"kty":"EC"}}"#);
        assert!(header(&other).iter().any(|f| f.id == ids::EMBEDDED_KEY));
    }

    #[test]
    fn a_cognito_access_token_has_client_id_not_aud() {
        // The access token of the corpus case cognito-access-token-to-apigw-userpool-authorizer
        // (amazon-cognito-identity-js#274), shaped as AWS documents Cognito access tokens.
        let c = m(
            r#"{"sub":"e3b0a9c2-4d1f-4a8e-9c76-1f5d2b8a0e47","event_id":"9a1c3e5f-7b2d-4f60-8e4a-2c6d8f0b1a39","token_use":"access","scope":"aws.cognito.signin.user.admin","auth_time":1486310400,"iss":"https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Ab12Cd34E","exp":1486314000,"iat":1486310400,"jti":"4e7a2c9b-1d3f-4b86-a0e5-8f2c6d1b3a70","client_id":"3n4b5urk1ft4fl3mg5e62d9ado","username":"georgeismike"}"#,
        );
        let f = claims(&m(r#"{"alg":"RS256"}"#), &c, TokenUse::AccessToken, None);
        assert!(!f.iter().any(|f| f.id == ids::NO_AUD));
    }

    #[test]
    fn no_audience_is_a_note() {
        // RFC 7519 §3.1's own example has no aud.
        let f = claims(
            &m(r#"{"alg":"HS256"}"#),
            &m(r#"{"iss":"joe","exp":1300819380}"#),
            TokenUse::AccessToken,
            None,
        );
        let no_aud: Vec<_> = f.iter().filter(|f| f.id == ids::NO_AUD).collect();
        assert_eq!(no_aud.len(), 1);
        assert_eq!(no_aud[0].severity, crate::engine::Severity::Info);
    }

    #[test]
    fn supabase_api_keys_are_long_lived_by_design() {
        // supabase/supabase docker/.env.example ANON_KEY claims.
        let h = m(r#"{"alg":"HS256","typ":"JWT"}"#);
        let key = m(r#"{"role":"anon","iss":"supabase-demo","iat":1641769200,"exp":1799535600}"#);
        assert!(!claims(&h, &key, TokenUse::AccessToken, None)
            .iter()
            .any(|f| f.id == ids::LONG_LIFETIME));
        let user = m(
            r#"{"role":"authenticated","iss":"https://x.supabase.co/auth/v1","aud":"authenticated","iat":0,"exp":172800}"#,
        );
        assert!(claims(&h, &user, TokenUse::AccessToken, None)
            .iter()
            .any(|f| f.id == ids::LONG_LIFETIME));
    }

    #[test]
    fn at_jwt_is_not_warned_and_id_token_is() {
        let h = m(r#"{"alg":"RS256","typ":"at+jwt"}"#);
        let f = claims(
            &h,
            &m(r#"{"iss":"i","aud":"https://api","scope":"a","iat":0,"exp":600}"#),
            TokenUse::AccessToken,
            None,
        );
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].severity, crate::engine::Severity::Ok);
        let f = claims(
            &m(r#"{"alg":"RS256"}"#),
            &m(r#"{"iss":"i","aud":"my-client-id","nonce":"n","iat":0,"exp":600}"#),
            TokenUse::AccessToken,
            None,
        );
        assert!(f.iter().any(|f| f.id == ids::ID_TOKEN_AS_ACCESS_TOKEN));
    }

    #[test]
    fn audience_and_lifetime() {
        let h = m(r#"{"alg":"RS256"}"#);
        let c = m(r#"{"iss":"i","aud":["https://api.a.test/"],"iat":0,"exp":172800}"#);
        let f = claims(&h, &c, TokenUse::AccessToken, Some("https://api.b.test"));
        assert!(f
            .iter()
            .any(|f| f.id == ids::AUDIENCE_MISMATCH && f.title.ends_with("https://api.b.test")));
        assert!(f.iter().any(|f| f.id == ids::LONG_LIFETIME));
        let f = claims(&h, &c, TokenUse::Unknown, Some("https://api.a.test"));
        assert!(f.iter().any(|f| f.id == ids::AUDIENCE_MATCH));
        assert!(!f.iter().any(|f| f.id == ids::LONG_LIFETIME));
    }
}
