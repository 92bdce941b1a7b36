//! Causes stated in the words of a protocol rather than of one product: OAuth 2.0 error codes
//! (RFC 6749 §5.2, which every authorization server returns and logs), the messages the common
//! JWT and OIDC libraries print when they refuse a token (go-oidc, jsonwebtoken, jose, PyJWT,
//! fosite), CSRF origin checks, a session cookie that did not come back, and failed logins that
//! a server attributes to a private address (its proxy's, when it does not trust the proxy).
//! One pass over the line decides which phrases occur; the table order decides which wins.

use super::cause::{Cause, Hit};
use super::line::{after, between};
use crate::engine::core::text::{clip, phrases_in};
use crate::engine::core::url::{address_space, parse_url, urls_in, AddressSpace};

/// What the findings say wrote the line (no product is named by protocol words).
pub const SOURCE: &str = "the server";

/// Phrases and the cause each states, most specific first.
const PHRASES: &[(&str, Cause)] = &[
    // Redirect URI not registered (RFC 6749 §4.1.2.1; Entra AADSTS50011, Google, Keycloak).
    ("redirect_uri_mismatch", Cause::RedirectUri),
    ("invalid_redirect_uri", Cause::RedirectUri),
    ("Invalid parameter: redirect_uri", Cause::RedirectUri),
    ("does not match the redirect URIs", Cause::RedirectUri),
    ("redirect_uri does not match", Cause::RedirectUri),
    // A grant type the client is not allowed to use (RFC 6749 §5.2 unauthorized_client).
    (
        "not permitted for direct access grants",
        Cause::GrantNotAllowed,
    ),
    ("unauthorized_client", Cause::GrantNotAllowed),
    // The client's own authentication at the token endpoint (RFC 6749 §5.2 invalid_client;
    // §2.3: one authentication method per request).
    ("Client authentication failed", Cause::ClientSecret),
    (
        "Cannot supply multiple client credentials",
        Cause::ClientSecret,
    ),
    (
        "Unable to verify secret hash for client",
        Cause::ClientSecret,
    ),
    ("invalid_client", Cause::ClientSecret),
    // A client secret with %, + or other reserved characters sent in Basic without being
    // form-urlencoded first (RFC 6749 §2.3.1): the server's URL decoder fails on it (Keycloak
    // KC-SERVICES0015, batch 2026-12-07d).
    ("URLDecoder: Illegal hex characters", Cause::ClientSecret),
    // The grant itself refused (RFC 6749 §5.2 invalid_grant): a code or refresh token.
    ("invalid_grant", Cause::InvalidGrant),
    // A user-only endpoint called with an app-only (client credentials) token.
    (
        "only valid with delegated authentication flow",
        Cause::AppOnlyToken,
    ),
    // Token validation messages of the common libraries.
    (
        "id token issued by a different provider",
        Cause::IssuerMismatch,
    ),
    ("jwt audience invalid", Cause::AudienceMismatch),
    ("jwt issuer invalid", Cause::IssuerMismatch),
    ("Unable to find key with kid", Cause::KeyNotFound),
    ("unable to find a signing key", Cause::KeyNotFound),
    ("no matching key found", Cause::KeyNotFound),
    ("token is not valid yet", Cause::NotYetValid),
    ("The token is not yet valid", Cause::NotYetValid),
    ("ImmatureSignatureError", Cause::NotYetValid),
    ("Token used before issued", Cause::NotYetValid),
    // Django's CSRF origin and referer checks (django/middleware/csrf.py).
    ("Origin checking failed - null", Cause::CsrfNullOrigin),
    ("Origin checking failed - ", Cause::CsrfOrigin),
    ("Referer checking failed - ", Cause::CsrfOrigin),
    // Anti-CSRF tokens other than Django's (Jenkins' crumb).
    ("No valid crumb was included", Cause::Csrf),
    // Elasticsearch and OpenSearch security: who was refused what, and a failed login.
    ("is unauthorized for user [", Cause::DeniedByPolicy),
    ("unable to authenticate user [", Cause::Rejected),
    // Frameworks saying no credential arrived (Django REST framework, ASP.NET-style APIs).
    (
        "Authentication credentials were not provided",
        Cause::NoCredentials,
    ),
    ("Authorization header was not present", Cause::NoCredentials),
    // Throttling, lockouts and bans answered as 401 or 403: the credential is not the problem.
    ("rate limit exceeded", Cause::Throttled),
    ("Too Many Requests", Cause::Throttled),
    ("You are being rate limited", Cause::Throttled),
    ("X-RateLimit-Remaining: 0", Cause::Throttled),
    ("too many failed", Cause::Throttled),
    ("Too many failed", Cause::Throttled),
    ("account is locked", Cause::Throttled),
    ("account has been locked", Cause::Throttled),
    ("temporarily locked", Cause::Throttled),
    ("Banned IP", Cause::Throttled),
    ("has been banned", Cause::Throttled),
    // Go's http.ErrNoCookie, as oauth2-proxy and other Go services log it.
    ("named cookie not present", Cause::SessionCookieMissing),
    // Failed logins with the address the server believes the client has.
    ("with invalid authentication from ", Cause::ProxyAddress),
    ("(Remote IP: '", Cause::ProxyAddress),
    ("Failed authentication attempt for ", Cause::ProxyAddress),
    ("authentication failure;", Cause::ProxyAddress),
];

// One pass finds at most 64 phrases (a bit each).
const _: () = assert!(PHRASES.len() <= 64);

/// Words that, beside a parameter's name on one line, say the server refused its value.
const REFUSED: &[&str] = &[
    "invalid",
    "mismatch",
    "does not match",
    "doesn't match",
    "not match",
    "not registered",
    "not allowed",
    "not trusted",
    "untrusted",
];

/// A line that names a redirect URI or an issuer and says, right beside the name, that it was
/// refused, in any product's words: "invalid redirect_uri: …", "The access token issuer doesn't
/// match …". A name followed by `=` or `:` and a quote is a logged field, not a message.
fn refused_parameter(line: &str) -> Option<(&'static str, Cause)> {
    const NEAR: usize = 40;
    let lower = line.to_ascii_lowercase();
    let names: [(&str, &'static str, Cause); 3] = [
        ("redirect_uri", "redirect", Cause::RedirectUri),
        ("redirect uri", "redirect", Cause::RedirectUri),
        ("issuer", "issuer", Cause::IssuerMismatch),
    ];
    for (name, phrase, cause) in names {
        for (at, _) in lower.match_indices(name) {
            let after = lower.get(at + name.len()..).unwrap_or("");
            if after.starts_with('=') || after.starts_with("\":") || after.starts_with("\\\":") {
                continue;
            }
            let start = lower.floor_char_boundary(at.saturating_sub(NEAR));
            let end = lower.floor_char_boundary((at + name.len() + NEAR).min(lower.len()));
            let around = lower.get(start..end).unwrap_or("");
            if REFUSED.iter().any(|w| around.contains(w)) {
                return Some((phrase, cause));
            }
        }
    }
    None
}

/// The cause a line states in protocol or library words.
pub fn read(line: &str) -> Option<Hit> {
    let found = phrases_in(line, PHRASES);
    let (phrase, cause) = PHRASES
        .get(found.trailing_zeros() as usize)
        .copied()
        .or_else(|| refused_parameter(line))?;
    match cause {
        Cause::ProxyAddress => proxy_address(line),
        Cause::RedirectUri => Some(Hit::new(SOURCE, cause, redirect_detail(line, phrase))),
        _ => Some(Hit::new(SOURCE, cause, detail(line, phrase))),
    }
}

/// The line from the phrase on, short (what precedes it is a timestamp or a logger's name).
fn detail(line: &str, phrase: &str) -> String {
    let from = line.find(phrase).unwrap_or(0);
    clip(line.split_at(from).1.trim(), 110)
}

/// The redirect URI the line names, and what about it is the usual reason it is not
/// registered: sent as http:// by an app behind a TLS-terminating proxy, or with the address
/// the app was opened by.
fn redirect_detail(line: &str, phrase: &str) -> String {
    let Some((uri, url)) = urls_in(line).find_map(|u| Some((u, parse_url(u).ok()?))) else {
        return detail(line, phrase);
    };
    let host = url.host.as_str();
    let ip = !host.is_empty() && host.bytes().all(|b| b.is_ascii_digit() || b == b'.');
    let local = address_space(host) == AddressSpace::Loopback;
    let note = if url.scheme == "http" && !local {
        " — sent as http://: the app thinks it is served over plain HTTP (TLS ends at a proxy in front of it)"
    } else if ip {
        " — the app was opened by an IP address, so it sent that address instead of a registered host name"
    } else {
        ""
    };
    format!("{}{note}", clip(uri, 120))
}

/// A failed login the server attributes to a private or loopback address.
fn proxy_address(line: &str) -> Option<Hit> {
    let addr = between(line, "(Remote IP: '", "'")
        .or_else(|| after(line, "with invalid authentication from "))
        .or_else(|| after(line, "rhost="))
        .or_else(|| {
            after(line, "Failed authentication attempt for ").and_then(|r| after(r, " from "))
        })?;
    let addr = addr
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ')' | '\'' | '"'))
        .next()?
        .trim_end_matches('.');
    // An IPv4 address with a port: drop the port.
    let host = match addr.rsplit_once(':') {
        Some((h, port)) if h.contains('.') && port.bytes().all(|b| b.is_ascii_digit()) => h,
        _ => addr,
    };
    if !is_internal(host) {
        return None;
    }
    Some(
        Hit::new(
            SOURCE,
            Cause::ProxyAddress,
            format!("a failed login from {host}"),
        )
        .client(Some(host)),
    )
}

/// Loopback, private ranges, and the shared 100.64.0.0/10 range (container and mesh networks).
fn is_internal(host: &str) -> bool {
    let octets: Vec<u8> = host.split('.').filter_map(|p| p.parse().ok()).collect();
    if let [100, b, _, _] = octets[..] {
        return (64..128).contains(&b);
    }
    octets.len() == 4 && address_space(host) != AddressSpace::Public
}

/// Whether two values a validator printed as expected and found look the same: equal, or equal
/// but for surrounding spaces, letter case or a trailing slash. The difference is then invisible
/// in the message (a space in a configured value, a copied zero-width character).
pub fn look_identical(a: &str, b: &str) -> bool {
    let norm = |s: &str| s.trim().trim_end_matches('/').to_ascii_lowercase();
    !a.trim().is_empty() && (a == b || norm(a) == norm(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cause(line: &str) -> Option<Cause> {
        read(line).map(|h| h.cause)
    }

    #[test]
    fn oauth_errors_name_their_cause() {
        assert_eq!(
            cause(
                r#"{"error":"unauthorized_client","error_description":"Client not permitted for direct access grants"}"#
            ),
            Some(Cause::GrantNotAllowed)
        );
        assert_eq!(
            cause(r#"{"error":"invalid_client","error_description":"Invalid client credentials"}"#),
            Some(Cause::ClientSecret)
        );
        assert_eq!(
            cause("error=redirect_uri_mismatch"),
            Some(Cause::RedirectUri)
        );
        assert_eq!(cause("all fine: 200 OK"), None);
    }

    /// Konnect (batch 2026-12-07d) and Community Solid Server's words, and a Keycloak event
    /// line whose redirect_uri is only a field.
    #[test]
    fn a_refused_redirect_uri_or_issuer_in_any_words() {
        let konnect = read(r#"ERR IdentifierIdentityManager: id_token_hint does not match request error="invalid redirect_uri: https://localhost:9200/" service=konnectd"#).unwrap();
        assert_eq!(konnect.cause, Cause::RedirectUri);
        let solid = read("warn: Error verifying WebID via DPoP-bound access token: The access token issuer doesn't match its associated WebID's trusted OIDC issuers.").unwrap();
        assert_eq!(solid.cause, Cause::IssuerMismatch);
        assert!(read("type=CODE_TO_TOKEN_ERROR, realmId=r, clientId=c, error=invalid_code, redirect_uri=https://app.example/cb").is_none());
    }

    #[test]
    fn redirect_uri_detail_names_http_behind_a_proxy_and_ip_hosts() {
        let http = read("AADSTS50011: The redirect URI 'http://app.example.net/cb' specified in the request does not match the redirect URIs configured").unwrap();
        assert!(http.detail.contains("plain HTTP"), "{}", http.detail);
        let ip = read(
            "type=LOGIN_ERROR, error=invalid_redirect_uri, redirect_uri=https://10.1.2.3:8443/app/",
        )
        .unwrap();
        assert!(ip.detail.contains("IP address"), "{}", ip.detail);
        let local = read("redirect_uri_mismatch for http://localhost:3000/cb").unwrap();
        assert!(!local.detail.contains("—"), "{}", local.detail);
    }

    #[test]
    fn failed_logins_from_internal_addresses_only() {
        assert_eq!(
            cause("{core} Login failed: 'a' (Remote IP: '192.168.0.1')"),
            Some(Cause::ProxyAddress)
        );
        assert_eq!(
            cause("[I] Failed authentication attempt for bob from 100.127.0.3:56620"),
            Some(Cause::ProxyAddress)
        );
        assert_eq!(
            cause("{core} Login failed: 'a' (Remote IP: '203.0.113.9')"),
            None
        );
    }

    #[test]
    fn throttling_and_lockouts() {
        assert_eq!(
            cause("HTTP/1.1 403 Forbidden: API rate limit exceeded for 203.0.113.9"),
            Some(Cause::Throttled)
        );
        assert_eq!(
            cause("Your account is locked. Try again in 15 minutes."),
            Some(Cause::Throttled)
        );
        // A rate-limit header with quota left says nothing.
        assert_eq!(cause("X-RateLimit-Remaining: 4999"), None);
    }

    #[test]
    fn identical_looking_values() {
        assert!(look_identical("api://x", "api://x "));
        assert!(look_identical("https://a/", "https://a"));
        assert!(!look_identical("api://x", "api://y"));
        assert!(!look_identical("", ""));
    }
}
