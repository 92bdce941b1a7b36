//! A token endpoint's refusal of a refresh: `grant_type=refresh_token` answered with
//! `invalid_grant`. The refresh token itself (or the login session behind it) is finished, so
//! refreshing again cannot help; the vendor's description says which way it ended.

use crate::engine::core::finding::{Finding, SpecRef};
use crate::engine::core::text::{first_phrase, has};
use crate::engine::jwt;
use serde_json::Value;

/// Ids of the findings raised here.
pub mod ids {
    use crate::engine::core::finding::FindingId;

    /// A refresh grant refused with invalid_grant: the refresh token or its session has ended.
    pub const REFRESH_REJECTED: FindingId = FindingId("oauth.refresh_token_rejected");
}

/// How the refresh token ended, as the provider's description says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    /// Keycloak "Token is not active": its exp passed (SSO Session Idle or Max).
    KeycloakExpired,
    /// Keycloak "Session not active": the login session ended (timeout, logout, restart).
    KeycloakSession,
    /// Stale: a newer refresh of the same session replaced it (rotation), or it predates the
    /// session's not-before (a new login or a revocation).
    Reused,
    /// Expired after a period of inactivity or its maximum age (Entra, generic wording).
    Expired,
    /// Expired or revoked, the provider does not say which (Google, Okta, Auth0).
    ExpiredOrRevoked,
    /// Revoked by a password change or an administrator.
    Revoked,
    /// Issued to another client than the one refreshing.
    OtherClient,
    /// invalid_grant without a description authlens knows.
    Unknown,
}

/// Descriptions, the specific before the general.
const DESCRIPTIONS: &[(&str, Ended)] = &[
    ("Token is not active", Ended::KeycloakExpired),
    ("Session not active", Ended::KeycloakSession),
    ("Stale token", Ended::Reused),
    ("Stale refresh token", Ended::Reused),
    ("refresh token reuse exceeded", Ended::Reused),
    ("AADSTS700082", Ended::Expired),
    ("AADSTS700084", Ended::Expired),
    ("AADSTS70008", Ended::Expired),
    ("AADSTS50173", Ended::Revoked),
    ("AADSTS50078", Ended::Revoked),
    ("Token has been expired or revoked", Ended::ExpiredOrRevoked),
    (
        "refresh token is invalid or expired",
        Ended::ExpiredOrRevoked,
    ),
    ("Unknown or invalid refresh token", Ended::ExpiredOrRevoked),
    (
        "Token client and authorized client don't match",
        Ended::OtherClient,
    ),
    ("Refresh token expired", Ended::Expired),
    ("refresh token has expired", Ended::Expired),
    ("Refresh token has expired", Ended::Expired),
];

/// A refused refresh: how it ended, and how long the refresh token was made to live.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    /// The provider's reason.
    pub ended: Ended,
    /// exp − iat of the refresh token, when it is a JWT in the paste.
    pub lifetime: Option<i64>,
}

/// Whether the text asks for `grant_type=refresh_token` (form, JSON or code) or shows an SDK's
/// refresh error.
fn refresh_grant(text: &str) -> bool {
    // google-auth's RefreshError; Go's golang.org/x/oauth2 says "cannot fetch token" when its
    // token source refreshes (a code exchange says "oauth2: cannot fetch token" only from
    // Exchange, which a paste shows with its code; a JWT grant names its assertion).
    if has(text, "RefreshError") {
        return true;
    }
    if has(text, "oauth2: cannot fetch token")
        && !has(text, "code=")
        && !has(text, "authorization_code")
        && !has(text, "assertion")
        && !has(text, "JWT")
    {
        return true;
    }
    text.match_indices("grant_type").take(1_000).any(|(i, _)| {
        let rest = text
            .get(i + "grant_type".len()..)
            .unwrap_or_default()
            .trim_start_matches(['=', ':', '"', '\'', ' ']);
        rest.starts_with("refresh_token")
    })
}

/// The refusal `text` shows: invalid_grant with a description only refresh grants get, or any
/// invalid_grant where the paste shows the refresh grant itself.
pub fn decide(text: &str) -> Option<Refused> {
    if !has(text, "invalid_grant") {
        return None;
    }
    let ended = match first_phrase(text, DESCRIPTIONS) {
        Some((_, e)) => *e,
        None if refresh_grant(text) => Ended::Unknown,
        None => return None,
    };
    let lifetime = refresh_lifetime(text);
    Some(Refused { ended, lifetime })
}

/// exp − iat of the first JWT in the text whose typ says it is a refresh or offline token.
fn refresh_lifetime(text: &str) -> Option<i64> {
    let (_, token) = jwt::find_embedded(text)?;
    let c = jwt::claims(&token)?;
    let typ = c.get("typ").and_then(Value::as_str).unwrap_or("");
    if !(typ.eq_ignore_ascii_case("refresh") || typ.eq_ignore_ascii_case("offline")) {
        return None;
    }
    let n = |k: &str| c.get(k).and_then(Value::as_i64);
    n("exp")?.checked_sub(n("iat")?).filter(|d| *d > 0)
}

/// Minutes or hours, for a lifetime.
fn span(secs: i64) -> String {
    match secs {
        s if s % 3600 == 0 => format!("{} hours", s / 3600),
        s if s >= 60 => format!("{} minutes", s / 60),
        s => format!("{s} seconds"),
    }
}

/// The finding for a refused refresh.
pub fn finding(r: &Refused) -> Finding {
    let (title, why) = match r.ended {
        Ended::KeycloakExpired => ("Keycloak: the refresh token expired (SSO session timeout)", "Keycloak answers \"Token is not active\" on a refresh when the refresh token's exp has passed. Its lifetime is the realm's SSO Session Idle (30 minutes by default), capped by SSO Session Max: a token left unused that long cannot be refreshed."),
        Ended::KeycloakSession => ("Keycloak: the login session behind the refresh token has ended", "Keycloak answers \"Session not active\" when the user session the refresh token belongs to is gone: it timed out (SSO Session Idle or Max), the user logged out, or Keycloak restarted without keeping sessions."),
        Ended::Reused => ("The refresh token is stale: a newer one replaced it", "Keycloak calls a refresh token stale when a newer token of the same session was already used (with Revoke Refresh Token each one works once; two tabs or retries racing trip it) or when it predates the session's not-before (a new login of the same user, or a revocation)."),
        Ended::Expired => ("The refresh token expired", "The provider says the refresh token reached its maximum age or expired after a period without use."),
        Ended::ExpiredOrRevoked => ("The refresh token expired or was revoked", "The provider no longer accepts this refresh token: it expired (Google: after 7 days for apps in Testing mode, or 6 months unused), the user revoked access or changed the password, or newer tokens pushed it out."),
        Ended::Revoked => ("The refresh token was revoked", "The provider revoked the refresh token: the password changed, an administrator revoked sessions, or a policy now requires a new sign-in."),
        Ended::OtherClient => ("The refresh token belongs to another client", "The refresh token was issued to a different client id than the one using it."),
        Ended::Unknown => ("The token endpoint refused the refresh token (invalid_grant)", "invalid_grant on a refresh means the refresh token is invalid, expired, revoked, or was issued to another client (RFC 6749 §5.2)."),
    };
    let lifetime = r
        .lifetime
        .map(|s| {
            format!(
                " This refresh token was issued to live {} (exp − iat).",
                span(s)
            )
        })
        .unwrap_or_default();
    let fix = match r.ended {
        Ended::KeycloakExpired | Ended::KeycloakSession => "Treat it as a signed-out user: log in again (or run the client-credentials grant again); retrying the refresh cannot work. If sessions end too soon, raise SSO Session Idle/Max (Realm settings → Sessions).",
        Ended::Reused => "Get new tokens now (log in, or run the client-credentials or password grant again); then keep only the newest refresh token from each response and refresh from one place at a time.",
        Ended::OtherClient => "Refresh with the same client id (and secret) that obtained the token.",
        _ => "Sign in again to get a new refresh token; retrying the refresh cannot work. Store the new refresh token from every token response.",
    };
    Finding::error(ids::REFRESH_REJECTED, title, format!("{why}{lifetime} This is the token endpoint refusing the refresh, not an API rejecting an access token."))
        .fix(fix)
        .spec(SpecRef::new("RFC 6749 §5.2", "https://www.rfc-editor.org/rfc/rfc6749#section-5.2"))
}

/// The finding for `text`, when it shows a refused refresh.
pub fn findings(text: &str) -> Option<Finding> {
    decide(text).map(|r| finding(&r))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refresh_refusals() {
        // marcospereirampj/python-keycloak#99
        let t = "POST /realms/master/protocol/openid-connect/token HTTP/1.1\n\ngrant_type=refresh_token&refresh_token=x\n\nHTTP/1.1 400 Bad Request\n\n{\"error\":\"invalid_grant\",\"error_description\":\"Token is not active\"}";
        assert_eq!(decide(t).map(|r| r.ended), Some(Ended::KeycloakExpired));
        // googleapis/google-auth-library-python: RefreshError with Google's description.
        let t = "google.auth.exceptions.RefreshError: ('invalid_grant: Token has been expired or revoked.', {'error': 'invalid_grant', 'error_description': 'Token has been expired or revoked.'})";
        assert_eq!(decide(t).map(|r| r.ended), Some(Ended::ExpiredOrRevoked));
        // An authorization-code exchange refused is another cause.
        assert!(decide("grant_type=authorization_code\n{\"error\":\"invalid_grant\",\"error_description\":\"Code not valid\"}").is_none());
        // fa-fifi/keycloak_wrapper#57: the description alone says it was a refresh.
        assert_eq!(
            decide("Failed to get token: invalid_grant: Session not active").map(|r| r.ended),
            Some(Ended::KeycloakSession)
        );
        assert!(
            decide("{\"grant_type\": \"refresh_token\"}\n{\"error\":\"invalid_grant\"}").is_some()
        );
        // gcp-pcf-quickstart (batch 2026-12-07b): Go's token source refreshing stored
        // application-default credentials.
        assert!(decide("oauth2: cannot fetch token: 400 Bad Request\nResponse: {\n  \"error\": \"invalid_grant\",\n  \"error_description\": \"Bad Request\"\n}").is_some());
    }
}
