//! Keycloak: event lines (`type=LOGIN_ERROR, … error=invalid_user_credentials`) and token
//! verification messages. Event errors: org.keycloak.events.Errors; example line from
//! https://github.com/flytreeleft/nexus3-keycloak-plugin/issues/41.

use super::cause::{Cause, Hit};
use super::line::{between, kv};
use crate::engine::core::text::{has, phrases_in};

const SOURCE: &str = "Keycloak";

/// The auth cause a Keycloak line names.
pub fn read(line: &str) -> Option<Hit> {
    // Every line this reads has one of these (an event's type=, Keycloak's own wording or its
    // name); one pass rules the rest out.
    const MARKERS: &[(&str, ())] = &[("type", ()), ("Token is not active", ()), ("eycloak", ())];
    if phrases_in(line, MARKERS) == 0 {
        return None;
    }
    if let Some(kind) = kv(line, "type").filter(|t| t.ends_with("_ERROR")) {
        let error = kv(line, "error").unwrap_or("unknown");
        let cause = match error {
            "invalid_user_credentials" | "invalid_user" | "invalid_authentication" => {
                Cause::Rejected
            }
            "user_not_found" => Cause::UnknownUser,
            "invalid_client_credentials" | "invalid_client" | "client_not_found" => {
                Cause::ClientSecret
            }
            "invalid_token" | "invalid_refresh_token" | "expired_token" => Cause::Expired,
            "user_disabled" | "user_temporarily_disabled" | "not_allowed" | "consent_denied" => {
                Cause::DeniedByPolicy
            }
            _ => Cause::IdpError,
        };
        let reason = kv(line, "reason")
            .map(|r| format!(", reason={r}"))
            .unwrap_or_default();
        return Some(
            Hit::new(SOURCE, cause, format!("type={kind} error={error}{reason}"))
                .client(kv(line, "ipAddress"))
                .user(kv(line, "username").or_else(|| kv(line, "userId")))
                .path(kv(line, "clientId").map(|c| format!("client {c}"))),
        );
    }
    // Keycloak's own wording, also in the error_description of its adapters' challenges.
    if has(line, "Token is not active") {
        return Some(Hit::new(SOURCE, Cause::NotActive, "Token is not active"));
    }
    if !has(line, "keycloak") && !has(line, "Keycloak") {
        return None;
    }
    let (cause, detail) = if has(line, "Token is not active") {
        (Cause::NotActive, "Token is not active")
    } else if has(line, "Invalid token issuer") {
        (Cause::IssuerMismatch, "Invalid token issuer")
    } else if has(line, "Invalid token signature") {
        (Cause::BadSignature, "Invalid token signature")
    } else if has(line, "Session not active") || has(line, "User session not active") {
        (Cause::TokenRevoked, "user session not active")
    } else {
        return None;
    };
    let expected = between(line, "Expected '", "'")
        .map(|e| format!(" (expected {e})"))
        .unwrap_or_default();
    Some(Hit::new(SOURCE, cause, format!("{detail}{expected}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_and_messages() {
        // https://github.com/flytreeleft/nexus3-keycloak-plugin/issues/41
        let h = read("10:28:42,779 WARN  [org.keycloak.events] (default task-83) type=LOGIN_ERROR, realmId=nwse, clientId=nexus, userId=693a7ee3-4755-4ea2-90a9-083369856b3e, ipAddress=127.0.0.1, error=invalid_user_credentials, auth_method=openid-connect, grant_type=password, client_auth_method=client-secret, username=luckyhk.lee").unwrap();
        assert_eq!(
            (h.cause, h.user.as_deref(), h.client.as_deref()),
            (Cause::Rejected, Some("luckyhk.lee"), Some("127.0.0.1"))
        );
        // https://github.com/PipedreamHQ/pipedream/issues/12134
        let h = read("2024-05-27 03:01:14,559 DEBUG [org.keycloak.services.managers.AuthenticationManager] (executor-thread-12) Failed to verify identity token: Token is not active").unwrap();
        assert_eq!(h.cause, Cause::NotActive);
        let h = read(r#"2024-01-01 10:00:00,000 WARN  [org.keycloak.events] (executor-thread-1) type="CODE_TO_TOKEN_ERROR", realmId="r", clientId="app", userId="null", ipAddress="10.0.0.1", error="invalid_client_credentials", grant_type="authorization_code""#).unwrap();
        assert_eq!(h.cause, Cause::ClientSecret);
    }
}
