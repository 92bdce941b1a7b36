//! The JWTs a HAR's requests carried, each listed once with every use and whether it had
//! expired then, judged by the entry's `startedDateTime`.

use super::model::Entry;
use crate::engine::core::text::fingerprint;
use crate::engine::jwt;
use std::collections::HashMap;

/// Distinct tokens listed; more are counted by the caller's bounds.
const MAX_TOKENS: usize = 100;
/// Uses listed per token; the rest are counted.
const MAX_USES: usize = 50;

/// One JWT and where it was sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenSeen {
    /// Who and what it is for, from its claims (`sub`, `iss`, `aud`).
    pub label: String,
    /// Its `exp`, when it has one.
    pub exp: Option<i64>,
    /// The uses, in time order (first few).
    pub uses: Vec<TokenUse>,
    /// Uses past the listed ones.
    pub more_uses: usize,
}

/// One request that carried a token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenUse {
    /// `startedDateTime` as written.
    pub at: String,
    /// `METHOD URL`.
    pub call: String,
    /// Whether it had expired when the request started (unknown without exp or a time).
    pub expired: Option<bool>,
}

/// JWT-shaped runs in a header value or URL.
pub fn jwts_in(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '=')))
        .map(|p| p.trim_start_matches('=').trim_end_matches('='))
        .filter(|p| jwt::looks_like_jwt(p))
}

/// Every JWT in the requests' headers and URLs, in time order of first use.
pub fn seen(entries: &[Entry], times: &[Option<i64>]) -> Vec<TokenSeen> {
    let order = super::time_order(times);
    let mut out: Vec<TokenSeen> = Vec::new();
    let mut index: HashMap<u32, usize> = HashMap::new();
    for i in order {
        let e = &entries[i];
        let mut in_entry: Vec<&str> = Vec::new();
        for h in &e.request.headers {
            let n = h.name.to_ascii_lowercase();
            if n == "referer" || n.starts_with(':') && n != ":path" {
                continue;
            }
            in_entry.extend(jwts_in(&h.value));
        }
        in_entry.extend(jwts_in(&e.request.url));
        in_entry.dedup();
        for token in in_entry {
            let key = fingerprint(token);
            let slot = match index.get(&key) {
                Some(&s) => s,
                None if out.len() < MAX_TOKENS => {
                    let claims = jwt::claims(token);
                    let get = |k: &str| {
                        claims.as_ref().and_then(|c| c.get(k)).map(|v| match v {
                            serde_json::Value::String(s) => s.clone(),
                            other => other.to_string(),
                        })
                    };
                    let label = [
                        ("sub", get("sub")),
                        ("iss", get("iss")),
                        ("aud", get("aud")),
                    ]
                    .into_iter()
                    .filter_map(|(k, v)| v.map(|v| format!("{k} {v}")))
                    .collect::<Vec<_>>()
                    .join(", ");
                    let exp = claims
                        .as_ref()
                        .and_then(|c| c.get("exp"))
                        .and_then(serde_json::Value::as_f64)
                        .filter(|f| f.is_finite() && f.abs() < 1e15)
                        .map(|f| f.floor() as i64);
                    out.push(TokenSeen {
                        label: if label.is_empty() {
                            format!("{}…", token.split_at(token.floor_char_boundary(16)).0)
                        } else {
                            label
                        },
                        exp,
                        uses: Vec::new(),
                        more_uses: 0,
                    });
                    index.insert(key, out.len() - 1);
                    out.len() - 1
                }
                None => continue,
            };
            let t = &mut out[slot];
            if t.uses.len() >= MAX_USES {
                t.more_uses += 1;
                continue;
            }
            let expired = match (t.exp, times[i]) {
                (Some(exp), Some(at)) => Some(at >= exp),
                _ => None,
            };
            t.uses.push(TokenUse {
                at: e.started.clone(),
                call: format!("{} {}", e.request.method, e.request.url),
                expired,
            });
        }
    }
    out
}
