//! An issuer refused for its host name: the token's iss and the issuer the server expects differ
//! only in host (a public or `localhost` URL against a container or internal name). Identity
//! providers such as Keycloak stamp iss with the host the token was requested through.

use crate::engine::core::finding::{Finding, Severity, SpecRef};
use crate::engine::core::text::clip;
use crate::engine::core::url::{address_space, parse_url, AddressSpace};
use crate::engine::jwt;
use serde_json::Value;

/// Ids of the findings raised here.
pub mod ids {
    use crate::engine::core::finding::FindingId;

    /// The token's iss names another host than the issuer the server is set up with.
    pub const ISSUER_HOST_DIFFERS: FindingId = FindingId("log.issuer_host_differs");
}

/// URLs looked at, at most.
const MAX_URLS: usize = 1_000;
/// Bytes of one URL read at most.
const MAX_URL: usize = 2_048;

/// The token's issuer, and the issuer with the same path under another host, if the paste shows
/// one (a config line, or the server's "expected" value).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostDiffers {
    /// The token's iss.
    pub iss: String,
    /// The other issuer URL in the paste.
    pub expected: Option<String>,
}

/// `host:port` and path of an http(s) URL, the path without a trailing slash.
fn host_and_path(u: &str) -> Option<(String, String)> {
    let p = parse_url(u).ok()?;
    Some((
        format!("{}:{}", p.host, p.port),
        p.path.trim_end_matches('/').to_string(),
    ))
}

/// Decides from a paste in which the server said the issuer is wrong: the first JWT's iss, and
/// an http(s) URL elsewhere with the same path and another host. With no such URL, only an iss
/// on a loopback host is named (the server cannot be reaching the issuer as localhost from
/// another host or container).
pub fn decide(text: &str) -> Option<HostDiffers> {
    let (_, token) = jwt::find_embedded(text)?;
    let iss = jwt::claims(&token)?
        .get("iss")
        .and_then(Value::as_str)?
        .to_string();
    let (host, path) = host_and_path(&iss)?;
    let expected = text
        .match_indices("http")
        .take(MAX_URLS)
        .filter_map(|(i, _)| {
            // A URL ends at a space or quote; only the first bytes are read.
            let rest = &text.as_bytes()[i..];
            let end = rest
                .iter()
                .take(MAX_URL)
                .position(|c| c.is_ascii_whitespace() || b"\"'<>,;()`".contains(c))
                .or((rest.len() <= MAX_URL).then_some(rest.len()))?;
            let url = text
                .get(i..i + end)
                .unwrap_or_default()
                .trim_end_matches(['.', ':']);
            let (h, p) = host_and_path(url)?;
            (p == path && !path.is_empty() && h != host).then(|| url.to_string())
        })
        .next();
    let loopback = parse_url(&iss).is_ok_and(|u| address_space(&u.host) == AddressSpace::Loopback);
    (expected.is_some() || loopback).then_some(HostDiffers { iss, expected })
}

/// The finding: an error when both issuers are in the paste, a warning from a loopback iss alone.
pub fn finding(d: &HostDiffers) -> Finding {
    let iss = clip(&d.iss, 120);
    let (severity, title, why) = match &d.expected {
        Some(e) => (
            Severity::Error,
            format!("The token's issuer is {iss}; the server expects {}", clip(e, 120)),
            "Both name the same realm under different host names. The identity provider writes iss from the URL the token was requested through, so a token fetched via one name is refused by a server configured with the other.".to_string(),
        ),
        None => (
            Severity::Warning,
            format!("The token was issued as {iss}: the server knows its issuer by another host name"),
            "The server refused the issuer, and this iss names localhost. The identity provider writes iss from the URL the token was requested through; a server in a container or on another machine cannot reach the provider as localhost, so it is configured with another name (a container name such as keycloak:8080) and the strings differ.".to_string(),
        ),
    };
    Finding::new(ids::ISSUER_HOST_DIFFERS, severity, title, why)
        .fix("Request tokens through the same URL the server uses as its issuer (e.g. map the container name to 127.0.0.1 in /etc/hosts and use it in the token URL), or give the identity provider one fixed public host name (Keycloak: hostname / KC_HOSTNAME).")
        .spec(SpecRef::new("Keycloak: configuring the hostname", "https://www.keycloak.org/server/hostname"))
}

/// The finding for a paste in which the server refused the issuer.
pub fn findings(text: &str) -> Option<Finding> {
    decide(text).map(|d| finding(&d))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::core::b64;

    fn jwt(claims: &str) -> String {
        format!(
            "eyJhbGciOiJSUzI1NiJ9.{}.c2ln",
            b64::encode_url(claims.as_bytes())
        )
    }

    #[test]
    fn issuer_hosts() {
        let t = jwt(r#"{"iss":"http://localhost:8181/realms/shop"}"#);
        let d = decide(&format!(
            "Authorization: Bearer {t}\nThe iss claim is not valid"
        ))
        .unwrap();
        assert_eq!(d.expected, None);
        let d = decide(&format!(
            "issuer-uri: http://keycloak:8080/realms/shop/\nBearer {t}"
        ))
        .unwrap();
        assert_eq!(
            d.expected.as_deref(),
            Some("http://keycloak:8080/realms/shop/")
        );
        // Another realm is not a host difference; a public iss alone says nothing.
        let other = jwt(r#"{"iss":"https://sso.example.com/realms/shop"}"#);
        assert!(decide(&format!(
            "issuer-uri: https://sso.example.com/realms/admin\n{other}"
        ))
        .is_none());
        assert!(decide(&other).is_none());
    }
}
