//! A refusal served from a cache: a 401 or 403 whose headers say a CDN or proxy answered it from
//! its store (`Age`, `X-Cache: HIT`, `CF-Cache-Status: HIT`). The origin never saw this request,
//! so no change of credential helps until the cached refusal expires or is purged.

use crate::engine::core::finding::{Finding, FindingId, SpecRef};

/// "The refusal came from a cache, not from the server"
pub const REFUSAL_CACHED: FindingId = FindingId("exchange.refusal_cached");

/// Header lines that mark a response served from a cache.
fn cache_hit(line: &str) -> Option<String> {
    let (name, value) = line.split_once(':')?;
    let name = name.trim().trim_start_matches("< ").to_ascii_lowercase();
    let value = value.trim();
    let hit = match name.as_str() {
        "age" => value.parse::<u64>().is_ok_and(|a| a > 0),
        "x-cache" | "cf-cache-status" | "x-cache-status" | "x-proxy-cache" | "cdn-cache" => {
            value.to_ascii_uppercase().starts_with("HIT")
        }
        _ => false,
    };
    hit.then(|| format!("{}: {value}", name))
}

/// The finding for the first 401 or 403 response in `text` whose headers mark a cache hit.
pub fn findings(text: &str) -> Option<Finding> {
    let mut status = None;
    for line in text.lines().take(20_000) {
        let t = line.trim_end_matches('\r').trim_start_matches("< ").trim();
        if t.starts_with("HTTP/") {
            status = t
                .split_whitespace()
                .nth(1)
                .filter(|s| *s == "401" || *s == "403")
                .map(str::to_string);
            continue;
        }
        if t.is_empty() {
            status = None;
            continue;
        }
        let (Some(code), Some(hit)) = (status.as_deref(), cache_hit(t)) else {
            continue;
        };
        return Some(
            Finding::error(
                REFUSAL_CACHED,
                format!("The {code} came from a cache, not from the server ({hit})"),
                format!("The response carries {hit}: a CDN or proxy answered from a stored copy of an earlier refusal. The server behind it never saw this request, so a new or corrected credential changes nothing until that copy expires."),
            )
            .fix("Purge the cached path at the CDN or proxy, and stop it caching refusals: the server should send Cache-Control: no-store (or private) with 401 and 403, and the cache should vary on Authorization or skip requests that carry it.")
            .spec(SpecRef::new("RFC 9111 §3.5", "https://www.rfc-editor.org/rfc/rfc9111#section-3.5")),
        );
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refusal_with_a_cache_hit() {
        let hit = "HTTP/1.1 401 Unauthorized\nX-Cache: HIT from cdn\nContent-Length: 0\n";
        assert!(findings(hit).is_some());
        let fresh = "HTTP/1.1 401 Unauthorized\nAge: 0\nX-Cache: MISS\n";
        assert!(findings(fresh).is_none());
        let ok =
            "HTTP/1.1 200 OK\nAge: 30\n\nHTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer\n";
        assert!(findings(ok).is_none());
    }
}
