//! Building test tokens: the signing input and the WebCrypto algorithms for each `alg`.

use crate::engine::core::finding::Finding;
use crate::engine::core::{alg, b64};
use serde_json::{json, Map, Value};

/// Ids of the findings raised here.
pub mod ids {
    use crate::engine::core::finding::FindingId;

    /// "The {name} must be a JSON object"
    pub const MUST_JSON_OBJECT: FindingId = FindingId("sign.must_json_object");
    /// "The {name} is not valid JSON"
    pub const NOT_VALID_JSON: FindingId = FindingId("sign.not_valid_json");
}

/// Algorithms the token maker offers, by name.
pub fn algs() -> impl Iterator<Item = &'static str> {
    alg::maker_algs().map(|a| a.name)
}

fn object(name: &str, text: &str) -> Result<Map<String, Value>, Finding> {
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(m)) => Ok(m),
        Ok(_) => Err(Finding::error(
            ids::MUST_JSON_OBJECT,
            format!("The {name} must be a JSON object"),
            "Write it as { … }.",
        )),
        Err(e) => Err(Finding::error(
            ids::NOT_VALID_JSON,
            format!("The {name} is not valid JSON"),
            format!("At line {}, column {}: {e}.", e.line(), e.column()),
        )),
    }
}

/// `base64url(header).base64url(claims)` with `alg` set in the header.
pub fn signing_input(header: &str, claims: &str, alg: &str) -> Result<String, Finding> {
    let mut h = object("header", header)?;
    let c = object("claims", claims)?;
    h.insert("alg".into(), Value::String(alg.into()));
    let h = Value::Object(h).to_string();
    let c = Value::Object(c).to_string();
    Ok(format!(
        "{}.{}",
        b64::encode_url(h.as_bytes()),
        b64::encode_url(c.as_bytes())
    ))
}

/// The finished token.
pub fn assemble(input: &str, signature: &[u8]) -> String {
    format!("{input}.{}", b64::encode_url(signature))
}

pub use crate::engine::core::alg::is_hmac;

/// WebCrypto algorithms for `alg`: (key import or generation, sign).
pub fn webcrypto(name: &str) -> Option<(Value, Value)> {
    let a = alg::lookup(name).filter(|a| a.maker)?;
    let (mut key, sign) = a.kind.webcrypto()?;
    // Generating an RSA key pair also needs its size and exponent.
    if matches!(a.kind, alg::Kind::Rsa(_) | alg::Kind::Pss(..)) {
        key["modulusLength"] = json!(2048);
        key["publicExponent"] = json!([1, 0, 1]);
    }
    Some((key, sign))
}

/// A sample header and claims for the editor, valid for an hour from `now`.
pub fn sample(now: i64) -> (String, String) {
    (
        "{\n  \"typ\": \"JWT\"\n}".to_string(),
        format!("{{\n  \"iss\": \"https://issuer.example\",\n  \"sub\": \"test-user\",\n  \"aud\": \"https://api.example\",\n  \"iat\": {now},\n  \"exp\": {}\n}}", now.saturating_add(3600)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_input_with_alg() {
        let input = signing_input("{\"typ\":\"JWT\"}", "{\"sub\":\"a\"}", "HS256").unwrap();
        let token = assemble(&input, b"sig");
        let header =
            crate::engine::jwt::claims(&format!("x.{}.y", input.split('.').next().unwrap()))
                .unwrap();
        assert_eq!(header["alg"], "HS256");
        assert!(token.ends_with(".c2ln"));
        assert!(signing_input("{", "{}", "HS256").unwrap_err().id == ids::NOT_VALID_JSON);
        assert!(signing_input("{}", "[1]", "HS256").unwrap_err().id == ids::MUST_JSON_OBJECT);
        for a in algs() {
            assert!(webcrypto(a).is_some(), "{a}");
        }
    }
}
