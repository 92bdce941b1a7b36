//! A client authenticating at a token endpoint with HTTP Basic, but without its secret: the
//! credential decodes to a client id alone (no `:`) or to an id and an empty secret. RFC 6749
//! §2.3.1 has a confidential client send `client_id:client_secret` there, so the server answers
//! invalid_client or 401 whatever else is right.

use super::cause::{Cause, Hit};
use super::protocol::SOURCE;
use crate::engine::core::b64;
use crate::engine::core::text::clip;

/// Lines read for a Basic credential (a paste's headers come early).
const MAX_LINES: usize = 2_000;

/// The line number and what it says, when the paste sends a secretless Basic credential to a
/// token endpoint.
pub fn missing_secret(text: &str) -> Option<(usize, Hit)> {
    let to_token_endpoint = text.contains("grant_type") || text.contains("/token");
    if !to_token_endpoint {
        return None;
    }
    for (n, line) in text.lines().take(MAX_LINES).enumerate() {
        let Some(value) = basic_value(line) else {
            continue;
        };
        let Ok(decoded) = b64::decode(value) else {
            continue;
        };
        let Ok(pair) = String::from_utf8(decoded.bytes) else {
            continue;
        };
        // A client id is printable and short; anything else is not this mistake.
        if pair.is_empty() || pair.len() > 200 || pair.chars().any(char::is_control) {
            continue;
        }
        let detail = match pair.split_once(':') {
            None => format!(
                "Basic {} is the client id \"{}\" with no ':' and no secret",
                clip(value, 40),
                clip(&pair, 60)
            ),
            Some((id, "")) => format!(
                "Basic {} is the client id \"{}\" with an empty secret",
                clip(value, 40),
                clip(id, 60)
            ),
            Some(_) => continue,
        };
        return Some((n + 1, Hit::new(SOURCE, Cause::ClientSecret, detail)));
    }
    None
}

/// The credential after `Authorization: Basic` (or a bare `Basic `) on a line.
fn basic_value(line: &str) -> Option<&str> {
    let at = line.find("Basic ")?;
    let before = line.get(..at).unwrap_or("").trim_end();
    // Only a request header or a bare credential, not a challenge (`WWW-Authenticate: Basic …`).
    if !(before.is_empty() || before.to_ascii_lowercase().ends_with("authorization:")) {
        return None;
    }
    let rest = line.get(at + "Basic ".len()..).unwrap_or("").trim();
    let value = rest
        .split(|c: char| c.is_whitespace() || c == '"' || c == '\'')
        .next()?;
    (value.len() >= 4 && !value.contains('=') || value.ends_with('=')).then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The Spring OAuth case of batch 2026-12-07c: "live-test" sent without its secret.
    #[test]
    fn a_client_id_without_its_secret_at_the_token_endpoint() {
        let t = "http://localhost:8082/um-webapp/oauth/token?grant_type=password&client_id=live-test\n\nAuthorization: Basic bGl2ZS10ZXN0\n";
        let (line, hit) = missing_secret(t).unwrap();
        assert_eq!((line, hit.cause), (3, Cause::ClientSecret));
        assert!(hit.detail.contains("live-test"));
        // RFC 7617's example, with a password, is not this mistake; nor is a challenge.
        assert!(
            missing_secret("POST /token\nAuthorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==")
                .is_none()
        );
        assert!(missing_secret("POST /token\nWWW-Authenticate: Basic realm=\"x\"").is_none());
        // Elsewhere than a token endpoint, a Basic value without a colon is another finding.
        assert!(missing_secret("GET /me\nAuthorization: Basic bGl2ZS10ZXN0").is_none());
    }
}
