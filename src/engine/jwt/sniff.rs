//! Recognising a JWT: its shape, one inside a cookie or URL, and its claims read quickly.

use crate::engine::core::b64;
use serde_json::{Map, Value};

pub fn looks_like_jwt(s: &str) -> bool {
    // Six parts are already too many: never split further than that.
    let parts: Vec<&str> = s.splitn(6, '.').collect();
    (parts.len() == 3 || parts.len() == 5)
        && parts[0].starts_with("eyJ")
        // A JWE with alg "dir" has an empty encrypted key (the second part).
        && parts[..parts.len() - 1]
            .iter()
            .enumerate()
            .all(|(i, p)| !p.is_empty() || (parts.len() == 5 && i == 1))
        && parts.iter().all(|p| {
            p.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'=')
        })
}

/// A JWT inside other text (a cookie, a URL's query or fragment): the parameter name and token.
pub fn find_embedded(text: &str) -> Option<(String, String)> {
    let seps = |c: char| c.is_whitespace() || "&?#;,\"'<>()".contains(c);
    text.split(seps)
        .filter(|p| !p.is_empty())
        .take(10_000)
        .find_map(|piece| {
            let piece = piece.trim_end_matches(['.', ':']);
            match piece.split_once('=') {
                Some((name, value)) if looks_like_jwt(value.trim_end_matches('=')) => Some((
                    name.trim().to_string(),
                    value.trim_end_matches('=').to_string(),
                )),
                _ if looks_like_jwt(piece) => Some(("the text".to_string(), piece.to_string())),
                _ => piece
                    .rsplit('/')
                    .find(|seg| looks_like_jwt(seg))
                    .map(|seg| ("the URL path".to_string(), seg.to_string())),
            }
        })
}

/// The claims of a compact JWS, when its payload decodes to a JSON object.
pub fn claims(token: &str) -> Option<Map<String, Value>> {
    let payload = token.trim().split('.').nth(1)?;
    let bytes = b64::decode(payload).ok()?.bytes;
    match serde_json::from_str(std::str::from_utf8(&bytes).ok()?).ok()? {
        Value::Object(m) => Some(m),
        _ => None,
    }
}
