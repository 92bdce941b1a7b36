//! What each claim means, and which provider issued the token.

use serde_json::{Map, Value};

/// A provider recognised from `iss`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Provider {
    /// Microsoft Entra ID (Azure AD).
    Entra,
    /// Auth0.
    Auth0,
    /// Google.
    Google,
    /// Okta.
    Okta,
    /// Keycloak.
    Keycloak,
    /// AWS Cognito.
    Cognito,
    /// Firebase Authentication.
    Firebase,
    /// GitHub Actions OIDC (workload identity for workflows).
    GitHubActions,
    /// A Kubernetes service-account token.
    Kubernetes,
    /// Docker Hub's registry token service.
    DockerHub,
    /// Supabase (its API keys and Auth's user tokens).
    Supabase,
}

impl Provider {
    /// Display name.
    pub fn name(self) -> &'static str {
        match self {
            Provider::Entra => "Microsoft Entra ID",
            Provider::Auth0 => "Auth0",
            Provider::Google => "Google",
            Provider::Okta => "Okta",
            Provider::Keycloak => "Keycloak",
            Provider::Cognito => "AWS Cognito",
            Provider::Firebase => "Firebase Authentication",
            Provider::GitHubActions => "GitHub Actions OIDC",
            Provider::Kubernetes => "Kubernetes",
            Provider::DockerHub => "Docker Hub",
            Provider::Supabase => "Supabase",
        }
    }
}

/// Recognises the issuer from `iss`.
pub fn provider(iss: &str) -> Option<Provider> {
    let i = iss.to_ascii_lowercase();
    Some(
        if i.contains("login.microsoftonline.com")
            || i.contains("sts.windows.net")
            || i.contains(".ciamlogin.com")
        {
            Provider::Entra
        } else if i.starts_with("https://securetoken.google.com/") {
            Provider::Firebase
        } else if i == "https://accounts.google.com" || i == "accounts.google.com" {
            Provider::Google
        } else if i.contains(".auth0.com") {
            Provider::Auth0
        } else if i.contains(".okta.com") || i.contains(".oktapreview.com") {
            Provider::Okta
        } else if i.contains("cognito-idp.") && i.contains(".amazonaws.com") {
            Provider::Cognito
        } else if i.contains("/realms/") {
            Provider::Keycloak
        } else if i == "https://token.actions.githubusercontent.com" {
            Provider::GitHubActions
        } else if i.contains("kubernetes.default.svc")
            || i.starts_with("https://container.googleapis.com/v1/projects/")
            || (i.starts_with("https://oidc.eks.") && i.contains(".amazonaws.com/id/"))
        {
            Provider::Kubernetes
        } else if i == "auth.docker.io" || i == "https://auth.docker.io" {
            Provider::DockerHub
        } else if i == "supabase"
            || i == "supabase-demo"
            || (i.starts_with("https://") && i.ends_with(".supabase.co/auth/v1"))
        {
            Provider::Supabase
        } else {
            return None;
        },
    )
}

/// The issuer recognised from a token's `iss` claim.
pub fn provider_of(c: &Map<String, Value>) -> Option<Provider> {
    c.get("iss").and_then(Value::as_str).and_then(provider)
}

/// `token_use` of a Cognito token ("id" or "access", empty when absent); `None` for a token
/// from another issuer.
pub fn cognito_token_use(c: &Map<String, Value>) -> Option<&str> {
    (provider_of(c) == Some(Provider::Cognito))
        .then(|| c.get("token_use").and_then(Value::as_str).unwrap_or(""))
}

/// One-line meaning of a claim (generic first, then provider-specific).
pub fn meaning(name: &str, provider: Option<Provider>) -> &'static str {
    match (name, provider) {
        ("iss", _) => "Issuer: who created and signed the token. The API must trust exactly this value.",
        ("sub", _) => "Subject: the user or client the token is about (stable id).",
        ("aud", _) => "Audience: the API(s) the token is for. An API must reject tokens for other audiences.",
        ("exp", _) => "Expiration time: not valid at or after this moment.",
        ("nbf", _) => "Not before: not valid before this moment.",
        ("iat", _) => "Issued at: when the token was created.",
        ("jti", _) => "JWT ID: unique id, lets servers reject replays.",
        ("nonce", _) => "OIDC: echoes the nonce the app sent when logging in; marks an ID token.",
        ("at_hash", _) => "OIDC: hash of the access token issued with this ID token.",
        ("c_hash", _) => "OIDC: hash of the authorization code issued with this ID token.",
        ("auth_time", _) => "OIDC: when the user actually authenticated.",
        ("acr", _) => "OIDC: how strongly the user authenticated (level or policy).",
        ("amr", _) => "OIDC: the methods used to authenticate (pwd, mfa, otp, hwk…).",
        ("azp", _) => "Authorized party: the client the token was issued to.",
        ("sid", _) => "Session id at the identity provider (used for logout).",
        ("client_id", _) => "RFC 9068: the OAuth client the access token was issued to.",
        ("scope", _) => "Scopes (space-separated) granted to this token.",
        ("cnf", _) => "Confirmation: binds the token to a key (jkt = DPoP key thumbprint, x5t#S256 = mTLS certificate).",
        ("act", _) => "Actor: who is acting on behalf of the subject (token exchange).",
        ("may_act", _) => "Who may act on behalf of the subject.",
        ("email", _) => "The user's e-mail address.",
        ("email_verified", _) => "Whether the e-mail address was verified.",
        ("name", _) => "The user's full name.",
        ("preferred_username", _) => "The user's preferred user name (not unique, not stable).",
        ("groups", _) => "Groups the user belongs to.",
        ("roles", Some(Provider::Entra)) => "Entra: app roles assigned to the user or application.",
        ("roles", _) => "Roles granted to the subject.",
        ("tid", _) => "Entra: the tenant (directory) id that issued the token.",
        ("oid", _) => "Entra: the user's or service principal's object id (stable across apps).",
        ("upn", _) => "Entra: the user principal name (user@domain).",
        ("scp", _) => "Entra/Okta: delegated scopes (permissions) granted to the app for the user.",
        ("ver", _) => "Entra: token version (1.0 or 2.0): issuer and claim names differ between them.",
        ("appid", _) => "Entra v1: the application (client) id that requested the token.",
        ("idp", _) => "Entra: the identity provider that authenticated the user (e.g. a guest's home tenant).",
        ("uti", _) => "Entra: internal token id.",
        ("wids", _) => "Entra: directory role template ids of the user.",
        ("hd", _) => "Google: the Workspace domain of the user.",
        ("gty", _) => "Auth0: grant type (client-credentials tokens have gty=client-credentials).",
        ("permissions", _) => "Auth0: permissions granted (RBAC with 'Add Permissions in the Access Token').",
        ("org_id", _) => "Auth0: the organization the user logged in through.",
        ("cid", _) => "Okta: the client id the token was issued to.",
        ("uid", _) => "Okta: the user's id.",
        ("realm_access", _) => "Keycloak: realm-level roles.",
        ("resource_access", _) => "Keycloak: client-level roles, per client.",
        ("typ", _) => "Keycloak: token type (Bearer, ID, Refresh).",
        ("session_state", _) => "Keycloak: the login session id.",
        ("token_use", _) => "Cognito: 'access' or 'id': APIs must accept only access tokens.",
        ("cognito:groups", _) => "Cognito: the user pool groups of the user.",
        ("cognito:username", _) => "Cognito: the user name in the pool.",
        ("username", Some(Provider::Cognito)) => "Cognito: the user name in the pool.",
        ("user_id", _) => "Firebase: the user's uid.",
        ("firebase", _) => "Firebase: sign-in provider and identities.",
        ("role", Some(Provider::Supabase)) => "Supabase: the Postgres role the request runs as (anon, authenticated, or service_role, which bypasses Row Level Security).",
        ("ref", Some(Provider::Supabase)) => "Supabase: the project the key belongs to.",
        ("event_id", _) => "Cognito: id of the authentication event.",
        ("origin_jti", _) => "Cognito: id of the original token (for revocation).",
        ("htm", _) => "DPoP: the HTTP method of the request the proof is for.",
        ("htu", _) => "DPoP: the URL of the request the proof is for.",
        ("ath", _) => "DPoP: hash of the access token the proof goes with.",
        _ => "",
    }
}

/// Claim values shown in the table: strings plain, everything else as compact JSON.
pub fn show(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Rows of (claim, value, meaning) in the token's own order. A report shows at most
/// `MAX_ROWS` rows of a table, so only those are built (a token of a million claims would
/// otherwise build a million rows to show two hundred); the last says how many more there are.
pub fn rows(claims: &Map<String, Value>) -> Vec<Vec<String>> {
    use crate::engine::core::tally::{more_rows, MAX_ROWS};
    let p = claims.get("iss").and_then(Value::as_str).and_then(provider);
    let shown = if claims.len() > MAX_ROWS {
        MAX_ROWS - 1
    } else {
        MAX_ROWS
    };
    let mut rows: Vec<Vec<String>> = claims
        .iter()
        .take(shown)
        .map(|(k, v)| {
            let m = meaning(k, p);
            vec![
                k.clone(),
                crate::engine::core::text::clip(&show(v), 300),
                if m.is_empty() {
                    "A custom claim: its meaning is defined by the issuer.".to_string()
                } else {
                    m.to_string()
                },
            ]
        })
        .collect();
    if claims.len() > shown {
        rows.push(more_rows(3, claims.len() - shown));
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn providers_from_iss() {
        assert_eq!(
            provider("https://login.microsoftonline.com/9188040d-6c67-4c5b-b112-36a304b66dad/v2.0"),
            Some(Provider::Entra)
        );
        assert_eq!(
            provider("https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/"),
            Some(Provider::Entra)
        );
        assert_eq!(
            provider("https://accounts.google.com"),
            Some(Provider::Google)
        );
        assert_eq!(
            provider("https://dev-abc.us.auth0.com/"),
            Some(Provider::Auth0)
        );
        assert_eq!(
            provider("https://dev-1.okta.com/oauth2/default"),
            Some(Provider::Okta)
        );
        assert_eq!(
            provider("https://sso.example.com/realms/master"),
            Some(Provider::Keycloak)
        );
        assert_eq!(
            provider("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc"),
            Some(Provider::Cognito)
        );
        assert_eq!(
            provider("https://securetoken.google.com/my-project"),
            Some(Provider::Firebase)
        );
        assert_eq!(provider("supabase"), Some(Provider::Supabase));
        assert_eq!(
            provider("https://abcdefghijklmnopqrst.supabase.co/auth/v1"),
            Some(Provider::Supabase)
        );
        assert_eq!(provider("https://example.com"), None);
    }

    #[test]
    fn meanings_in_order_with_custom_claims() {
        let m: Map<String, Value> =
            serde_json::from_str(r#"{"zeta":1,"iss":"https://x","tid":"t"}"#).unwrap();
        let r = rows(&m);
        assert_eq!(r[0][0], "zeta");
        assert!(r[0][2].contains("custom claim"));
        assert!(r[2][2].contains("tenant"));
    }
}
