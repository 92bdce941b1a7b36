//! Reading whatever key the user pasted: a secret, PEM (SPKI, PKCS#1, certificate), JWK, JWKS or URL.

use super::der::{self, KeyKind};
use crate::engine::core::b64;
use crate::engine::core::finding::{Finding, SpecRef};
use serde_json::{Map, Value};

/// Ids of the findings raised here.
pub mod ids {
    use crate::engine::core::finding::FindingId;

    /// "Broken PEM header"
    pub const BROKEN_PEM_HEADER: FindingId = FindingId("key.broken_pem_header");
    /// "The certificate could not be read"
    pub const CERTIFICATE_COULD_NOT_READ: FindingId = FindingId("key.certificate_could_not_read");
    /// "The certificate's key could not be read"
    pub const CERTIFICATE_S_KEY_COULD: FindingId = FindingId("key.certificate_s_key_could");
    /// "This is a discovery document"
    pub const DISCOVERY_DOCUMENT: FindingId = FindingId("key.discovery_document");
    /// "JSON, but not a JWK or JWKS"
    pub const JSON_BUT_NOT_JWK: FindingId = FindingId("key.json_but_not_jwk");
    /// ""keys" is not an array"
    pub const KEYS_NOT_ARRAY: FindingId = FindingId("key.keys_not_array");
    /// "The key is not a JSON object"
    pub const KEY_NOT_JSON_OBJECT: FindingId = FindingId("key.key_not_json_object");
    /// "The key is not valid JSON"
    pub const KEY_NOT_VALID_JSON: FindingId = FindingId("key.key_not_valid_json");
    /// "Not PEM"
    pub const NOT_PEM: FindingId = FindingId("key.not_pem");
    /// "No key yet"
    pub const NO_KEY_YET: FindingId = FindingId("key.no_key_yet");
    /// "The PEM body is not valid base64"
    pub const PEM_BODY_NOT_VALID: FindingId = FindingId("key.pem_body_not_valid");
    /// "The PEM has no END line"
    pub const PEM_NO_END_LINE: FindingId = FindingId("key.pem_no_end_line");
    /// "This is a PRIVATE key"
    pub const PRIVATE_KEY: FindingId = FindingId("key.private_key");
    /// "The PUBLIC KEY is not a valid SubjectPublicKeyInfo"
    pub const PUBLIC_KEY_NOT_VALID: FindingId = FindingId("key.public_key_not_valid");
    /// "The RSA PUBLIC KEY is not valid PKCS#1"
    pub const RSA_PUBLIC_KEY_NOT: FindingId = FindingId("key.rsa_public_key_not");
    /// "The secret is not valid base64"
    pub const SECRET_NOT_VALID_BASE64: FindingId = FindingId("key.secret_not_valid_base64");
    /// "Unsupported PEM type "{other}""
    pub const UNSUPPORTED_PEM_TYPE: FindingId = FindingId("key.unsupported_pem_type");
}

/// How an HMAC secret was typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SecretEncoding {
    /// The text itself, as UTF-8 bytes.
    #[default]
    Text,
    /// Standard base64.
    Base64,
    /// base64url (as in a JWK's `k`).
    Base64Url,
}

impl std::fmt::Display for SecretEncoding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            SecretEncoding::Text => "text",
            SecretEncoding::Base64 => "base64",
            SecretEncoding::Base64Url => "base64url",
        })
    }
}

impl std::str::FromStr for SecretEncoding {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "text" => Ok(SecretEncoding::Text),
            "base64" => Ok(SecretEncoding::Base64),
            "base64url" => Ok(SecretEncoding::Base64Url),
            other => Err(format!(
                "expected text, base64 or base64url, found \"{other}\""
            )),
        }
    }
}

/// A key ready to use: where it came from and its material.
#[derive(Debug, Clone, PartialEq)]
pub enum Key {
    /// HMAC secret bytes.
    Secret(Vec<u8>),
    /// A DER SubjectPublicKeyInfo, and what it holds.
    Spki(Vec<u8>, KeyKind),
    /// A single JWK (public members only are used).
    Jwk(Map<String, Value>),
}

/// What the pasted key text turned out to be.
#[derive(Debug, Clone, PartialEq)]
pub enum KeyInput {
    /// One usable key.
    One(Key),
    /// A JWK Set.
    Set(Vec<Map<String, Value>>),
    /// A URL to fetch a JWKS (or discovery document) from.
    Url(String),
}

const RFC7517: SpecRef = SpecRef::new(
    "RFC 7517 §4",
    "https://www.rfc-editor.org/rfc/rfc7517#section-4",
);

/// Parses PEM text into (label, DER bytes).
fn pem(text: &str) -> Result<(String, Vec<u8>), Finding> {
    let begin = text
        .find("-----BEGIN ")
        .ok_or_else(|| Finding::error(ids::NOT_PEM, "Not PEM", "Expected -----BEGIN …-----."))?;
    let rest = text.get(begin + 11..).unwrap_or_default();
    let label_end = rest.find("-----").ok_or_else(|| {
        Finding::error(
            ids::BROKEN_PEM_HEADER,
            "Broken PEM header",
            "The -----BEGIN line is not closed with -----.",
        )
    })?;
    let label = rest.get(..label_end).unwrap_or_default().to_string();
    let body_start = label_end + 5;
    let end_marker = format!("-----END {label}-----");
    // Search only after the header: an END marker before the body is no END line.
    let body = rest.get(body_start..).unwrap_or_default();
    let body_end = body.find(&end_marker).ok_or_else(|| {
        Finding::error(
            ids::PEM_NO_END_LINE,
            "The PEM has no END line",
            format!("Expected {end_marker}: the key was cut short when copied."),
        )
    })?;
    let body = body.get(..body_end).unwrap_or_default();
    let der = b64::decode(body)
        .map_err(|e| {
            Finding::error(
                ids::PEM_BODY_NOT_VALID,
                "The PEM body is not valid base64",
                format!("{e}."),
            )
        })?
        .bytes;
    Ok((label, der))
}

/// Reads the key text; `enc` applies only when it is a plain secret.
pub fn parse(text: &str, enc: SecretEncoding) -> Result<KeyInput, Finding> {
    let t = text.trim();
    if t.is_empty() {
        return Err(Finding::info(
            ids::NO_KEY_YET,
            "No key yet",
            "Paste a secret, a PEM public key or certificate, a JWK, a JWKS, or a JWKS URL.",
        ));
    }
    if t.starts_with("-----BEGIN") {
        let (label, der) = pem(t)?;
        return match label.as_str() {
            "PUBLIC KEY" => match der::spki_kind(&der) {
                Some(kind) => Ok(KeyInput::One(Key::Spki(der, kind))),
                None => Err(Finding::error(ids::PUBLIC_KEY_NOT_VALID, "The PUBLIC KEY is not a valid SubjectPublicKeyInfo", "Its DER structure could not be read.")),
            },
            "RSA PUBLIC KEY" => {
                let spki = der::wrap_pkcs1(&der);
                match der::spki_kind(&spki) {
                    Some(kind) => Ok(KeyInput::One(Key::Spki(spki, kind))),
                    None => Err(Finding::error(ids::RSA_PUBLIC_KEY_NOT, "The RSA PUBLIC KEY is not valid PKCS#1", "Its DER structure could not be read.")),
                }
            }
            "CERTIFICATE" => {
                let spki = der::certificate_spki(&der).map_err(|e| Finding::error(ids::CERTIFICATE_COULD_NOT_READ, "The certificate could not be read", format!("{e}.")))?;
                let kind = der::spki_kind(&spki).ok_or_else(|| Finding::error(ids::CERTIFICATE_S_KEY_COULD, "The certificate's key could not be read", "Its SubjectPublicKeyInfo is malformed."))?;
                Ok(KeyInput::One(Key::Spki(spki, kind)))
            }
            l if l.contains("PRIVATE KEY") => Err(Finding::error(ids::PRIVATE_KEY,
                "This is a PRIVATE key",
                "Verifying needs only the public key. A private key should never be pasted into a web page or shared; if it left its server, replace it.",
            ).fix("Paste the public key: openssl pkey -in key.pem -pubout")),
            other => Err(Finding::error(ids::UNSUPPORTED_PEM_TYPE, format!("Unsupported PEM type \"{other}\""), "Expected PUBLIC KEY, RSA PUBLIC KEY or CERTIFICATE.")),
        };
    }
    if t.starts_with('{') {
        let v: Value = serde_json::from_str(t).map_err(|e| {
            Finding::error(
                ids::KEY_NOT_VALID_JSON,
                "The key is not valid JSON",
                format!("At line {}, column {}: {e}.", e.line(), e.column()),
            )
            .spec(RFC7517)
        })?;
        let Value::Object(mut m) = v else {
            return Err(Finding::error(
                ids::KEY_NOT_JSON_OBJECT,
                "The key is not a JSON object",
                "Expected a JWK or JWKS object.",
            ));
        };
        if let Some(keys) = m.remove("keys") {
            let Value::Array(arr) = keys else {
                return Err(Finding::error(
                    ids::KEYS_NOT_ARRAY,
                    "\"keys\" is not an array",
                    "A JWK Set is {\"keys\": [ … ]}.",
                )
                .spec(RFC7517));
            };
            // Moved out, not copied: a large set is held once.
            let keys: Vec<Map<String, Value>> = arr
                .into_iter()
                .filter_map(|k| match k {
                    Value::Object(o) => Some(o),
                    _ => None,
                })
                .collect();
            return Ok(KeyInput::Set(keys));
        }
        if m.contains_key("kty") {
            return Ok(KeyInput::One(Key::Jwk(m)));
        }
        if m.contains_key("jwks_uri") {
            return Err(Finding::info(
                ids::DISCOVERY_DOCUMENT,
                "This is a discovery document",
                "Use its jwks_uri: paste that URL, or use OIDC discovery.",
            ));
        }
        return Err(Finding::error(
            ids::JSON_BUT_NOT_JWK,
            "JSON, but not a JWK or JWKS",
            "A JWK has \"kty\"; a JWKS has \"keys\".",
        )
        .spec(RFC7517));
    }
    if t.starts_with("https://") || t.starts_with("http://") {
        return Ok(KeyInput::Url(t.to_string()));
    }
    let bytes = match enc {
        SecretEncoding::Text => t.as_bytes().to_vec(),
        SecretEncoding::Base64 | SecretEncoding::Base64Url => {
            b64::decode(t)
                .map_err(|e| {
                    Finding::error(
                        ids::SECRET_NOT_VALID_BASE64,
                        "The secret is not valid base64",
                        format!(
                            "{e}. Switch the encoding to text if the secret is the literal string."
                        ),
                    )
                })?
                .bytes
        }
    };
    Ok(KeyInput::One(Key::Secret(bytes)))
}

/// A short description of a JWK for listings: `kid, kty crv/size, alg, use`.
pub fn describe_jwk(k: &Map<String, Value>) -> String {
    let s = |n: &str| k.get(n).and_then(Value::as_str).unwrap_or("");
    let mut d = format!("kid \"{}\": {}", s("kid"), s("kty"));
    if !s("crv").is_empty() {
        d.push_str(&format!(" {}", s("crv")));
    }
    if let Some(n) = k.get("n").and_then(Value::as_str) {
        d.push_str(&format!(" {}-bit", jwk_rsa_bits(n)));
    }
    if !s("alg").is_empty() {
        d.push_str(&format!(", alg {}", s("alg")));
    }
    if !s("use").is_empty() {
        d.push_str(&format!(", use {}", s("use")));
    }
    d
}

/// Modulus size of an RSA JWK's `n`.
pub fn jwk_rsa_bits(n: &str) -> usize {
    let bytes = b64::decode(n).map(|d| d.bytes).unwrap_or_default();
    let first = bytes.iter().position(|&b| b != 0).unwrap_or(bytes.len());
    let b = &bytes[first..];
    b.first()
        .map_or(0, |f| b.len() * 8 - f.leading_zeros() as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_each_kind() {
        assert!(
            matches!(parse("secret", SecretEncoding::Text), Ok(KeyInput::One(Key::Secret(b))) if b == b"secret")
        );
        assert!(
            matches!(parse("c2VjcmV0", SecretEncoding::Base64), Ok(KeyInput::One(Key::Secret(b))) if b == b"secret")
        );
        assert!(matches!(
            parse(r#"{"kty":"oct","k":"c2VjcmV0"}"#, SecretEncoding::Text),
            Ok(KeyInput::One(Key::Jwk(_)))
        ));
        assert!(
            matches!(parse(r#"{"keys":[{"kty":"RSA"},{"kty":"EC"}]}"#, SecretEncoding::Text), Ok(KeyInput::Set(k)) if k.len() == 2)
        );
        assert!(matches!(
            parse("https://x.test/jwks", SecretEncoding::Text),
            Ok(KeyInput::Url(_))
        ));
        assert!(
            parse(
                "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----",
                SecretEncoding::Text
            )
            .unwrap_err()
            .id == ids::PRIVATE_KEY
        );
        assert!(
            parse("-----BEGIN PUBLIC KEY-----\nAAAA", SecretEncoding::Text)
                .unwrap_err()
                .id
                == ids::PEM_NO_END_LINE
        );
        assert!(
            parse("{\"kty\":", SecretEncoding::Text).unwrap_err().id == ids::KEY_NOT_VALID_JSON
        );
    }

    #[test]
    fn spki_pem_from_rfc_key() {
        // RFC 7515 A.3's P-256 public key as SPKI.
        let pem = "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEf83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEXH8UTNG72bfocs3+257rn0s2ldbqkLJK2KRiMohYjlrQ==\n-----END PUBLIC KEY-----";
        match parse(pem, SecretEncoding::Text) {
            Ok(KeyInput::One(Key::Spki(_, kind))) => assert_eq!(
                kind,
                KeyKind::Ec {
                    curve: "P-256".into()
                }
            ),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn certificate_pem_gives_its_key() {
        let v: Value =
            serde_json::from_str(include_str!("../../../tests/vectors/certificate.json")).unwrap();
        match parse(v["certificate"].as_str().unwrap(), SecretEncoding::Text) {
            Ok(KeyInput::One(Key::Spki(_, kind))) => assert_eq!(
                kind,
                KeyKind::Ec {
                    curve: "P-256".into()
                }
            ),
            other => panic!("{other:?}"),
        }
        let broken = v["certificate"].as_str().unwrap().replace("MII", "MIX");
        assert!(
            parse(&broken, SecretEncoding::Text).unwrap_err().id == ids::CERTIFICATE_COULD_NOT_READ
        );
    }

    #[test]
    fn end_marker_before_body_is_no_end_line() {
        // Issue #11: this panicked (slice end before start), killing the page.
        for text in [
            "-----BEGIN X-----END X-----",
            "-----BEGIN PUBLIC KEY-----END PUBLIC KEY-----",
            "-----BEGIN -----END -----",
        ] {
            let e = parse(text, SecretEncoding::Text).unwrap_err();
            assert_eq!(e.id, ids::PEM_NO_END_LINE, "{text}");
        }
    }

    #[test]
    fn jwk_descriptions() {
        let m: Map<String, Value> = serde_json::from_str(r#"{"kty":"RSA","kid":"k1","n":"ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ","e":"AQAB","alg":"RS256"}"#).unwrap();
        assert_eq!(describe_jwk(&m), "kid \"k1\": RSA 2048-bit, alg RS256");
    }
}
