//! Which kind of token this is by its issuer's own conventions (Keycloak `typ`, Cognito
//! `token_use`, Microsoft Graph, Firebase, registries), so a token of the wrong kind is named.

use super::TokenUse;
use crate::engine::core::finding::{Finding, SpecRef};
use serde_json::{Map, Value};

/// Ids of the findings raised here.
pub mod ids {
    use crate::engine::core::finding::FindingId;

    /// Spelled-out claim names (`audience`, `issuer`) where verifiers read the registered ones.
    pub const NONSTANDARD_CLAIM_NAMES: FindingId = FindingId("jwt.nonstandard_claim_names");
    /// A refresh token (Keycloak `typ: Refresh`/`Offline`) sent as an access token.
    pub const REFRESH_TOKEN: FindingId = FindingId("jwt.refresh_token");
    /// A Microsoft Graph token: only Graph can validate it.
    pub const GRAPH_TOKEN: FindingId = FindingId("jwt.graph_token");
    /// A Firebase custom token, which must be exchanged for an ID token first.
    pub const FIREBASE_CUSTOM_TOKEN: FindingId = FindingId("jwt.firebase_custom_token");
    /// A registry token whose `access` grants no actions.
    pub const REGISTRY_NO_ACTIONS: FindingId = FindingId("jwt.registry_no_actions");
    /// Auth0 encrypted the access token because the request named no API audience.
    pub const AUTH0_NO_AUDIENCE: FindingId = FindingId("jwt.auth0_no_audience");
    /// A token of Okta's org authorization server, which only Okta's own APIs can validate.
    pub const OKTA_ORG_SERVER: FindingId = FindingId("jwt.okta_org_server");
    /// Which Entra ID token version this is (v1 and v2 have different issuers).
    pub const ENTRA_VERSION: FindingId = FindingId("jwt.entra_version");
}

const GRAPH_AUDS: &[&str] = &[
    "00000003-0000-0000-c000-000000000000",
    "https://graph.microsoft.com",
    "https://graph.microsoft.com/",
];

const FIREBASE_CUSTOM_AUD: &str =
    "https://identitytoolkit.googleapis.com/google.identity.identitytoolkit.v1.IdentityToolkit";

/// An encrypted access token from a provider known to issue one when no API was named: Auth0
/// returns a JWE (alg dir, A256GCM) for its own /userinfo when the request has no `audience`.
pub fn encrypted_access_token(h: &Map<String, Value>, token_use: TokenUse) -> Option<Finding> {
    let iss = h.get("iss").and_then(Value::as_str).unwrap_or("");
    let dir = h.get("alg").and_then(Value::as_str) == Some("dir");
    (dir && iss.contains(".auth0.com")).then(|| {
        Finding::new(
            ids::AUTH0_NO_AUDIENCE,
            if token_use == TokenUse::AccessToken { crate::engine::Severity::Error } else { crate::engine::Severity::Warning },
            "Auth0 encrypted this token: the login named no API audience",
            "When the authorize or token request has no audience, Auth0 issues an access token for its own /userinfo only, encrypted (alg dir) so no API can read or validate it. APIs reject it (\"Invalid Compact JWS\").",
        )
        .fix("Request the token with audience=<your API identifier> (authorizationParams.audience in the SDK), then send that access token.")
        .spec(SpecRef::new("Auth0: access tokens", "https://auth0.com/docs/secure/tokens/access-tokens/get-access-tokens"))
    })
}

/// Findings about the kind of token, from its header `h` and claims `c`.
pub fn findings(
    h: &Map<String, Value>,
    c: &Map<String, Value>,
    token_use: TokenUse,
) -> Vec<Finding> {
    let mut out = Vec::new();
    let s = |k: &str| c.get(k).and_then(Value::as_str).unwrap_or("");
    let auds: Vec<&str> = match c.get("aud") {
        Some(Value::String(a)) => vec![a.as_str()],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    let typ = s("typ");
    if typ.eq_ignore_ascii_case("refresh") || typ.eq_ignore_ascii_case("offline") {
        let f = Finding::new(
            ids::REFRESH_TOKEN,
            if token_use == TokenUse::AccessToken { crate::engine::Severity::Error } else { crate::engine::Severity::Warning },
            format!("This is a refresh token (typ: {typ}), not an access token"),
            "Keycloak marks its tokens with typ: Bearer (access), ID and Refresh. A refresh token is only sent to the token endpoint to get a new access token; APIs reject it.",
        )
        .fix("Send the access_token from the token response; use the refresh token only with grant_type=refresh_token.")
        .spec(SpecRef::new("RFC 6749 §1.5", "https://www.rfc-editor.org/rfc/rfc6749#section-1.5"));
        out.push(f);
    }
    if auds.iter().any(|a| GRAPH_AUDS.contains(a)) {
        out.push(
            Finding::info(
                ids::GRAPH_TOKEN,
                "A Microsoft Graph token: only Graph can validate it",
                format!("Its audience is Microsoft Graph{}. Graph tokens are for graph.microsoft.com only: your own API cannot validate their signature and must not accept them.", if h.contains_key("nonce") { " and its header carries a nonce, which Graph hashes before checking the signature" } else { "" }),
            )
            .fix("For your own API, expose a scope on its app registration (api://<app-id>/.default) and request a token for that scope instead of User.Read.")
            .spec(SpecRef::new("Microsoft: access tokens", "https://learn.microsoft.com/en-us/entra/identity-platform/access-tokens#validate-tokens")),
        );
    }
    if auds.contains(&FIREBASE_CUSTOM_AUD) {
        out.push(
            Finding::error(
                ids::FIREBASE_CUSTOM_TOKEN,
                "A Firebase custom token, not an ID token",
                "Custom tokens (audience identitytoolkit…) are made by your server for a client to sign in with; verifyIdToken and Firebase-protected APIs reject them.",
            )
            .fix("On the client, call signInWithCustomToken(token), then send user.getIdToken() instead.")
            .spec(SpecRef::new("Firebase: verify ID tokens", "https://firebase.google.com/docs/auth/admin/verify-id-tokens")),
        );
    }
    if let Some(Value::Array(access)) = c.get("access") {
        let empty = access.iter().any(|a| {
            a.get("actions")
                .and_then(Value::as_array)
                .is_some_and(|x| x.is_empty())
        });
        if empty {
            out.push(
                Finding::error(
                    ids::REGISTRY_NO_ACTIONS,
                    "The registry token grants no actions",
                    "Its access claim lists the repository with actions: [] — the token service gave no pull or push right, usually because the request was anonymous, the repository name is wrong, or the account lacks access.",
                )
                .fix("Request the token with credentials (docker login) and the exact repository:NAMESPACE/NAME:pull,push scope.")
                .spec(SpecRef::new("Docker registry token spec", "https://distribution.github.io/distribution/spec/auth/jwt/")),
            );
        }
    }
    let iss = s("iss");
    // Okta's org authorization server issues as https://{org}.okta.com, custom ones as
    // https://{org}.okta.com/oauth2/{id}; only the latter's keys are for your APIs.
    let okta_org = (iss.ends_with(".okta.com") || iss.ends_with(".oktapreview.com"))
        && iss.starts_with("https://")
        && !iss
            .get("https://".len()..)
            .unwrap_or_default()
            .contains('/');
    if okta_org && token_use == TokenUse::AccessToken && c.contains_key("cid") {
        out.push(
            Finding::error(
                ids::OKTA_ORG_SERVER,
                "An Okta org authorization server token: your API cannot validate it",
                "Its issuer is the Okta org itself (no /oauth2/…). Those access tokens are for Okta's own APIs; their signing keys are not published for other APIs, so validation fails (no key matches the kid).",
            )
            .fix("Get the token from a custom authorization server (e.g. https://{org}.okta.com/oauth2/default) and validate it against that issuer.")
            .spec(SpecRef::new("Okta: authorization servers", "https://developer.okta.com/docs/concepts/auth-servers/")),
        );
    }
    if let Some(f) = spelled_out_claims(c) {
        out.push(f);
    }
    let ver = s("ver");
    if iss.starts_with("https://sts.windows.net/")
        || (iss.starts_with("https://login.microsoftonline.com/") && !ver.is_empty())
    {
        let v2 = ver == "2.0" || iss.ends_with("/v2.0");
        out.push(
            Finding::info(
                ids::ENTRA_VERSION,
                format!("An Entra ID v{} token", if v2 { "2.0" } else { "1.0" }),
                if v2 { "Issuer https://login.microsoftonline.com/{tenant}/v2.0. An API configured for v1 issuers (sts.windows.net) rejects it as \"invalid issuer\"." } else { "Issuer https://sts.windows.net/{tenant}/. The API's app registration decides the version (accessTokenAcceptedVersion); an API validating the v2.0 issuer rejects this token as \"invalid issuer\"." },
            )
            .fix("Make the API accept the issuer of the version it is sent, or set accessTokenAcceptedVersion: 2 in the API's manifest.")
            .spec(SpecRef::new("Microsoft: token versions", "https://learn.microsoft.com/en-us/entra/identity-platform/access-tokens#token-formats")),
        );
    }
    out
}

/// Claim names written out in full, and the registered name (RFC 7519 §4.1) verifiers read.
const SPELLED_OUT: &[(&str, &str)] = &[
    ("audience", "aud"),
    ("issuer", "iss"),
    ("subject", "sub"),
    ("expiration", "exp"),
    ("expiresAt", "exp"),
    ("notBefore", "nbf"),
    ("issuedAt", "iat"),
];

/// A token whose claims use spelled-out names (`audience`) without the registered ones (`aud`):
/// libraries check only the registered names, so an audience or issuer check finds nothing.
fn spelled_out_claims(c: &Map<String, Value>) -> Option<Finding> {
    let pairs: Vec<String> = SPELLED_OUT
        .iter()
        .filter(|(long, short)| c.contains_key(*long) && !c.contains_key(*short))
        .map(|(long, short)| format!("{long} instead of {short}"))
        .collect();
    if pairs.is_empty() {
        return None;
    }
    Some(
        Finding::warning(
            ids::NONSTANDARD_CLAIM_NAMES,
            "Claims named in full, where verifiers read the registered short names",
            format!("The token has {}. JWT libraries check only the registered names (aud, iss, sub, exp, nbf, iat), so with an audience or issuer required they find none and refuse the token (e.g. \"jwt audience invalid. expected: …\").", pairs.join(", ")),
        )
        .fix("Have the issuer write the registered claim names (aud, iss, sub, exp), or make the check read the custom claim explicitly.")
        .spec(SpecRef::new("RFC 7519 §4.1", "https://www.rfc-editor.org/rfc/rfc7519#section-4.1")),
    )
}
