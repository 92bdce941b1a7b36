//! What redaction keeps so a shared report reads as the original did: a DPoP proof's binding to
//! its (masked) access token, and signatures that hide nothing.

use super::scan::{header_names, header_values, skip_spaces, token68, word_end};
use crate::engine::core::b64;
use crate::engine::credential::dpop;

/// A DPoP proof names its access token by hash (`ath`): with the token masked, the proof's
/// `ath` is set to the masked token's hash, so a redacted request still binds proof and token
/// as the original did (and shows no mismatch the original did not have).
pub(super) fn rebind_dpop_ath(original: &str, redacted: String) -> String {
    let mut pairs = Vec::new();
    for (o, r) in original
        .split_inclusive('\n')
        .zip(redacted.split_inclusive('\n'))
    {
        let lower = o.to_ascii_lowercase();
        for (i, _) in lower.match_indices("authorization:") {
            let start = skip_spaces(&lower, i + "authorization:".len());
            let Some(value) = lower.get(start..).unwrap_or_default().strip_prefix("dpop") else {
                continue;
            };
            let at = skip_spaces(&lower, lower.len() - value.len());
            // Masking keeps lengths, so the token sits at the same place in both lines.
            if let (Some(range), true) = (token68(o, at), o.len() == r.len()) {
                let (was, now) = (
                    o.get(range.clone()).unwrap_or_default(),
                    r.get(range).unwrap_or_default(),
                );
                if was != now {
                    pairs.push((dpop::ath(was), dpop::ath(now)));
                }
            }
        }
    }
    if pairs.is_empty() {
        return redacted;
    }
    let mut out = String::with_capacity(redacted.len());
    for line in redacted.split_inclusive('\n') {
        let mut line = line.to_string();
        let lower = line.to_ascii_lowercase();
        let heads = header_names(&lower);
        if let Some(start) = header_values(&lower, &heads, "dpop").next() {
            let end = word_end(&line, start, |b| !b.is_ascii_whitespace());
            let proof = line.get(start..end).unwrap_or_default();
            let mut parts: Vec<String> = proof.split('.').map(str::to_string).collect();
            let payload = parts
                .get(1)
                .and_then(|p| b64::decode(p).ok())
                .and_then(|d| String::from_utf8(d.bytes).ok());
            if let (Some(payload), true) = (payload, parts.len() == 3) {
                let rebound = pairs.iter().fold(payload.clone(), |p, (from, to)| {
                    p.replace(from.as_str(), to)
                });
                let encoded = b64::encode_url(rebound.as_bytes());
                // Redaction keeps byte lengths (offsets in the report stay right): a payload
                // written in another base64 form (padding, standard alphabet) is left alone.
                if rebound != payload && encoded.len() == parts[1].len() {
                    parts[1] = encoded;
                    line.replace_range(start..end, &parts.join("."));
                }
            }
        }
        out.push_str(&line);
    }
    out
}

/// A JWT signed with a published secret (jwt.io's, a product's default): anyone can sign it
/// again, so its signature hides nothing, and keeping it keeps the report's finding that says so.
pub(super) fn signed_with_public_secret(word: &str) -> bool {
    let Some((input, sig)) = word.rsplit_once('.') else {
        return false;
    };
    let alg = input
        .split('.')
        .next()
        .and_then(|h| b64::decode(h).ok())
        .and_then(|h| {
            serde_json::from_str::<serde_json::Value>(std::str::from_utf8(&h.bytes).ok()?).ok()
        })
        .and_then(|h| h.get("alg").and_then(|a| a.as_str()).map(str::to_string));
    match (alg, b64::decode(sig)) {
        (Some(alg), Ok(sig)) => {
            crate::engine::jwt::lint::weak_secret(&alg, input.as_bytes(), &sig.bytes).is_some()
        }
        _ => false,
    }
}
