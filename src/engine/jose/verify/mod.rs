//! Planning a signature check for WebCrypto, and explaining its outcome.
//!
//! All the reasoning (which key, which algorithm, why it cannot work) happens here, natively
//! testable; the browser adapter only imports the key and calls `verify`.

use super::der::{self, KeyKind};
use super::keys::{self, Key};
use crate::engine::core::b64;
use crate::engine::core::finding::{Finding, FindingId, Report, SpecRef};
use serde_json::{Map, Value};

/// Ids of the findings raised here.
pub mod ids {
    use crate::engine::core::finding::FindingId;

    /// "The browser could not use this key"
    pub const BROWSER_COULD_NOT_USE: FindingId = FindingId("verify.browser_could_not_use");
    /// "The ECDSA signature is DER-encoded"
    pub const ECDSA_SIGNATURE_DER_ENCODED: FindingId =
        FindingId("verify.ecdsa_signature_der_encoded");
    /// "The token has no kid: trying the first matching key"
    pub const FIRST_KEY: FindingId = FindingId("verify.first_key");
    /// "Invalid {} signature"
    pub const INVALID: FindingId = FindingId("verify.invalid");
    /// "The JWK includes its private part"
    pub const JWK_INCLUDES_PRIVATE_PART: FindingId = FindingId("verify.jwk_includes_private_part");
    /// "Using the key with kid "{kid}""
    pub const KEY_BY_KID: FindingId = FindingId("verify.key_by_kid");
    /// "The key is marked alg {ka}, the token says {alg}"
    pub const KEY_MARKED_ALG_TOKEN: FindingId = FindingId("verify.key_marked_alg_token");
    /// "The token has no kid: using the only matching key"
    pub const ONLY_KEY: FindingId = FindingId("verify.only_key");
    /// "The RSA key is only {bits} bits"
    pub const RSA_KEY_ONLY_BITS: FindingId = FindingId("verify.rsa_key_only_bits");
    /// "The secret is only {n} bytes"
    pub const SECRET_ONLY_BYTES: FindingId = FindingId("verify.secret_only_bytes");
    /// "The signature has {} bytes, {alg} gives {}"
    pub const SIGNATURE_BYTES_GIVES: FindingId = FindingId("verify.signature_bytes_gives");
    /// "Valid {} signature"
    pub const VALID: FindingId = FindingId("verify.valid");

    /// Could not verify: not jws.
    pub const NOT_JWS: FindingId = FindingId("verify.not_jws");
    /// Could not verify: header unreadable.
    pub const HEADER_UNREADABLE: FindingId = FindingId("verify.header_unreadable");
    /// Could not verify: signature not base64url.
    pub const SIGNATURE_NOT_BASE64URL: FindingId = FindingId("verify.signature_not_base64url");
    /// Could not verify: no key with kid.
    pub const NO_KEY_WITH_KID: FindingId = FindingId("verify.no_key_with_kid");
    /// Could not verify: no fitting key.
    pub const NO_FITTING_KEY: FindingId = FindingId("verify.no_fitting_key");
    /// Could not verify: alg none.
    pub const ALG_NONE: FindingId = FindingId("verify.alg_none");
    /// Could not verify: unsupported alg.
    pub const UNSUPPORTED_ALG: FindingId = FindingId("verify.unsupported_alg");
    /// Could not verify: fetch first.
    pub const FETCH_FIRST: FindingId = FindingId("verify.fetch_first");
    /// Could not verify: key mismatch.
    pub const KEY_MISMATCH: FindingId = FindingId("verify.key_mismatch");
    /// Could not verify: alg confusion.
    pub const ALG_CONFUSION: FindingId = FindingId("verify.alg_confusion");
    /// "Fetched the key set" (raised by the browser adapter that fetched it).
    pub const FETCHED_JWKS: FindingId = FindingId("verify.fetched_jwks");
    /// "Found the keys by OIDC discovery" (raised by the browser adapter).
    pub const DISCOVERED_JWKS: FindingId = FindingId("verify.discovered_jwks");
}

const RFC7518: SpecRef = SpecRef::new(
    "RFC 7518 §3.1",
    "https://www.rfc-editor.org/rfc/rfc7518#section-3.1",
);
const RFC8725_ALG: SpecRef = SpecRef::new(
    "RFC 8725 §2.1",
    "https://www.rfc-editor.org/rfc/rfc8725#section-2.1",
);

/// Key bytes or JSON as WebCrypto's `importKey` wants them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyData {
    /// For `raw` (HMAC) and `spki`.
    Bytes(Vec<u8>),
    /// For `jwk`: the JWK as JSON text.
    Json(String),
}

/// Everything WebCrypto needs to check one signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// The token's `alg`.
    pub alg: String,
    /// `raw`, `spki` or `jwk`.
    pub format: &'static str,
    /// The key material.
    pub key: KeyData,
    /// The `importKey` algorithm, as JSON.
    pub import_alg: String,
    /// The `verify` algorithm, as JSON.
    pub verify_alg: String,
    /// ASCII(header "." payload).
    pub data: Vec<u8>,
    /// The signature bytes (converted to raw R||S when the token carried DER).
    pub signature: Vec<u8>,
    /// What was noticed while planning (short key, DER signature, key chosen from a set…).
    pub notes: Vec<Finding>,
    /// Which key is used, in words.
    pub key_label: String,
}

use crate::engine::core::alg::Kind as Family;

/// The signing family of a JWS `alg`, when authlens can verify it.
fn family(alg: &str) -> Option<Family> {
    crate::engine::core::alg::lookup(alg)
        .filter(|a| a.signs())
        .map(|a| a.kind)
}

/// What a key is, in the terms the algorithms need.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Shape {
    Secret(usize),
    Rsa(usize),
    Ec(String),
    Ed25519,
    Other(String),
}

impl Shape {
    fn describe(&self) -> String {
        match self {
            Shape::Secret(n) => format!("a {}-byte shared secret", n),
            Shape::Rsa(bits) => format!("an RSA {bits}-bit public key"),
            Shape::Ec(c) => format!("an EC {c} public key"),
            Shape::Ed25519 => "an Ed25519 public key".to_string(),
            Shape::Other(d) => d.clone(),
        }
    }
}

fn jwk_shape(k: &Map<String, Value>) -> Shape {
    let s = |n: &str| k.get(n).and_then(Value::as_str).unwrap_or("").to_string();
    match s("kty").as_str() {
        "oct" => Shape::Secret(b64::decode(&s("k")).map(|d| d.bytes.len()).unwrap_or(0)),
        "RSA" => Shape::Rsa(keys::jwk_rsa_bits(&s("n"))),
        "EC" => Shape::Ec(s("crv")),
        "OKP" if s("crv") == "Ed25519" => Shape::Ed25519,
        other => Shape::Other(format!("a {other} {} key", s("crv"))),
    }
}

fn shape(key: &Key) -> Shape {
    match key {
        Key::Secret(b) => Shape::Secret(b.len()),
        Key::Spki(_, KeyKind::Rsa { bits }) => Shape::Rsa(*bits),
        Key::Spki(_, KeyKind::Ec { curve }) => Shape::Ec(curve.clone()),
        Key::Spki(_, KeyKind::Ed25519) => Shape::Ed25519,
        Key::Spki(_, k) => Shape::Other(k.describe()),
        Key::Jwk(m) => jwk_shape(m),
    }
}

fn fits(f: Family, s: &Shape) -> bool {
    match (f, s) {
        (Family::Hmac(..), Shape::Secret(_)) => true,
        (Family::Rsa(_) | Family::Pss(..), Shape::Rsa(_)) => true,
        (Family::Ecdsa(c, ..), Shape::Ec(k)) => c == k,
        (Family::Ed25519, Shape::Ed25519) => true,
        _ => false,
    }
}

fn cannot(id: FindingId, title: impl Into<String>, why: impl Into<String>) -> Report {
    let mut r = Report::new("Could not verify the signature.");
    r.push(Finding::error(id, title, why));
    r
}

/// A compact JWS taken apart: header JSON, signing input, signature bytes.
type Parts = (Map<String, Value>, String, Vec<u8>);

/// The parts of a compact JWS.
fn split(token: &str) -> Result<Parts, Report> {
    let t = token.trim();
    let parts: Vec<&str> = t.split('.').collect();
    if parts.len() != 3 {
        return Err(cannot(
            ids::NOT_JWS,
            "Not a signed JWT",
            format!("A JWS has 3 parts; this has {}.", parts.len()),
        ));
    }
    let header = b64::decode(parts[0])
        .ok()
        .and_then(|d| String::from_utf8(d.bytes).ok())
        .and_then(|t| serde_json::from_str::<Value>(&t).ok())
        .and_then(|v| v.as_object().cloned())
        .ok_or_else(|| {
            cannot(
                ids::HEADER_UNREADABLE,
                "The header cannot be read",
                "Fix the token's header first (see the findings above).",
            )
        })?;
    let sig = if parts[2].is_empty() {
        Vec::new()
    } else {
        b64::decode(parts[2])
            .map_err(|e| {
                cannot(
                    ids::SIGNATURE_NOT_BASE64URL,
                    "The signature is not base64url",
                    format!("{e}."),
                )
            })?
            .bytes
    };
    Ok((header, format!("{}.{}", parts[0], parts[1]), sig))
}

/// Keys of a set described one by one in an explanation.
const LISTED_KEYS: usize = 20;

/// Picks the key from a JWK Set by `kid`, or the only compatible one.
fn pick(
    set: &[Map<String, Value>],
    kid: Option<&str>,
    f: Family,
) -> Result<(Map<String, Value>, Finding), Report> {
    // The first keys of a long set, and how many more: an explanation stays short whatever the
    // set holds.
    let listing = || {
        let shown: Vec<String> = set
            .iter()
            .take(LISTED_KEYS)
            .map(keys::describe_jwk)
            .collect();
        match set.len().saturating_sub(LISTED_KEYS) {
            0 => shown.join("; "),
            more => format!("{}; … and {more} more", shown.join("; ")),
        }
    };
    if let Some(kid) = kid {
        return match set
            .iter()
            .find(|k| k.get("kid").and_then(Value::as_str) == Some(kid))
        {
            Some(k) => Ok((
                k.clone(),
                Finding::info(
                    ids::KEY_BY_KID,
                    format!("Using the key with kid \"{kid}\""),
                    "Picked from the key set by the token's kid.",
                ),
            )),
            None => {
                let mut r = cannot(
                    ids::NO_KEY_WITH_KID,
                    format!("No key in the set has kid \"{kid}\""),
                    format!("The set holds {} key(s): {}. The token was signed with a key this set does not (or no longer) contain: a rotated key, another environment's issuer, or the wrong JWKS URL.", set.len(), listing()),
                );
                if let Some(f) = r.findings.first_mut() {
                    f.fix = Some("Fetch the JWKS of the issuer in the token's iss (OIDC discovery), and make servers refresh their cached keys when kid is unknown.".into());
                }
                Err(r)
            }
        };
    }
    let fitting: Vec<&Map<String, Value>> = set.iter().filter(|k| fits(f, &jwk_shape(k))).collect();
    match fitting.as_slice() {
        [one] => Ok(((*one).clone(), Finding::info(ids::ONLY_KEY, "The token has no kid: using the only matching key", "Only one key in the set fits the algorithm."))),
        [] => Err(cannot(ids::NO_FITTING_KEY, "No key in the set fits the algorithm", format!("The set holds: {}.", listing()))),
        [first, ..] => Ok(((*first).clone(), Finding::warning(ids::FIRST_KEY, "The token has no kid: trying the first matching key", format!("{} keys fit; without kid a server cannot tell which to use. If this one fails, paste the others one by one.", fitting.len())))),
    }
}

/// Plans the verification of `token` with the pasted key input.
pub fn plan(token: &str, input: &keys::KeyInput) -> Result<Plan, Report> {
    let (header, data, mut signature) = split(token)?;
    let alg = header
        .get("alg")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    if alg.eq_ignore_ascii_case("none") {
        return Err(cannot(
            ids::ALG_NONE,
            "alg is none: there is no signature to verify",
            "An unsecured token proves nothing about who made it.",
        ));
    }
    let f = family(&alg).ok_or_else(|| {
        cannot(
            ids::UNSUPPORTED_ALG,
            format!("Unsupported algorithm \"{alg}\""),
            "authlens verifies HS, RS, PS and ES 256/384/512 and EdDSA (Ed25519).",
        )
    })?;
    let mut notes = Vec::new();
    let key = match input {
        keys::KeyInput::One(k) => k.clone(),
        keys::KeyInput::Set(set) => {
            let kid = header.get("kid").and_then(Value::as_str);
            let (k, note) = pick(set, kid, f)?;
            notes.push(note);
            Key::Jwk(k)
        }
        keys::KeyInput::Url(u) => {
            return Err(cannot(
                ids::FETCH_FIRST,
                "Fetch the URL first",
                format!("{u} must be fetched to get the keys."),
            ))
        }
    };
    let s = shape(&key);
    if !fits(f, &s) {
        let confusion = matches!(f, Family::Hmac(..)) && !matches!(s, Shape::Secret(_));
        let mut r = cannot(
            if confusion {
                ids::ALG_CONFUSION
            } else {
                ids::KEY_MISMATCH
            },
            if confusion {
                format!("{alg} with a public key: algorithm confusion")
            } else {
                format!("Wrong key type: {alg} needs {}", needs(f))
            },
            if confusion {
                format!("The token says {alg} (HMAC) but the key is {}. A server that uses its public key as an HMAC secret lets anyone forge tokens, because the public key is public. This token is either forged that way or was signed with a real secret you do not have.", s.describe())
            } else {
                format!("The token says {alg} but the key is {}.", s.describe())
            },
        );
        if let Some(first) = r.findings.first_mut() {
            first.fix = Some(if confusion {
                "Servers must pin the algorithm per key (never take it from the token). To check this token, paste the HMAC secret.".into()
            } else {
                format!(
                    "Use the issuer's {} key (check kid and the JWKS).",
                    needs(f)
                )
            });
            first.spec = Some(RFC8725_ALG);
        }
        return Err(r);
    }
    match (&f, &s) {
        (Family::Hmac(_, min), Shape::Secret(n)) if n < min => notes.push(Finding::warning(ids::SECRET_ONLY_BYTES,
            format!("The secret is only {n} bytes"),
            format!("{alg} needs a key of at least {min} bytes ({} bits). Short secrets can be brute-forced; some libraries (e.g. jose, jsonwebtoken in strict mode) refuse them.", min * 8),
        ).spec(SpecRef::new("RFC 7518 §3.2", "https://www.rfc-editor.org/rfc/rfc7518#section-3.2"))),
        (Family::Rsa(_) | Family::Pss(..), Shape::Rsa(bits)) if *bits < 2048 => notes.push(Finding::warning(ids::RSA_KEY_ONLY_BITS,
            format!("The RSA key is only {bits} bits"),
            "RFC 7518 requires 2048 bits or more; many libraries reject shorter keys.",
        ).spec(SpecRef::new("RFC 7518 §3.3", "https://www.rfc-editor.org/rfc/rfc7518#section-3.3"))),
        _ => {}
    }
    if let Family::Ecdsa(_, _, size) = f {
        if signature.len() != 2 * size {
            match der::ecdsa_der_to_raw(&signature, size) {
                Some(raw) => {
                    notes.push(Finding::error(ids::ECDSA_SIGNATURE_DER_ENCODED,
                        "The ECDSA signature is DER-encoded",
                        format!("JWS requires the raw R||S form ({} bytes); this one is ASN.1 DER ({} bytes), as produced by OpenSSL or Java's default. Conforming verifiers reject it; authlens converted it to check the key.", 2 * size, signature.len()),
                    ).fix("Convert the signature to R||S when signing (e.g. Java: use the P1363 format; Node: dsaEncoding: 'ieee-p1363').").spec(SpecRef::new("RFC 7518 §3.4", "https://www.rfc-editor.org/rfc/rfc7518#section-3.4")));
                    signature = raw;
                }
                None => notes.push(Finding::error(ids::SIGNATURE_BYTES_GIVES,
                    format!("The signature has {} bytes, {alg} gives {}", signature.len(), 2 * size),
                    "It is neither raw R||S of the right size nor DER: it was cut short, or made with another algorithm.",
                )),
            }
        }
    }
    if let Key::Jwk(m) = &key {
        if m.contains_key("d") {
            notes.push(Finding::warning(ids::JWK_INCLUDES_PRIVATE_PART, "The JWK includes its private part", "Only the public members are used. Private keys should not be pasted into web pages; if this one is a production key, rotate it."));
        }
        if let Some(ka) = m.get("alg").and_then(Value::as_str) {
            if ka != alg {
                notes.push(Finding::warning(
                    ids::KEY_MARKED_ALG_TOKEN,
                    format!("The key is marked alg {ka}, the token says {alg}"),
                    "Libraries that honour the JWK's alg refuse to use this key for this token.",
                ));
            }
        }
    }
    let Some((import_alg, verify_alg)) = f.webcrypto() else {
        return Err(cannot(
            ids::UNSUPPORTED_ALG,
            format!("Unsupported algorithm \"{alg}\""),
            "This algorithm does not sign.",
        ));
    };
    let key_label = match &key {
        Key::Jwk(m) => keys::describe_jwk(m),
        _ => s.describe(),
    };
    let (format, key_data) = match key {
        Key::Secret(b) => ("raw", KeyData::Bytes(b)),
        Key::Spki(der, _) => ("spki", KeyData::Bytes(der)),
        Key::Jwk(m) if matches!(f, Family::Hmac(..)) => {
            let k = m
                .get("k")
                .and_then(Value::as_str)
                .and_then(|k| b64::decode(k).ok())
                .map(|d| d.bytes)
                .unwrap_or_default();
            ("raw", KeyData::Bytes(k))
        }
        Key::Jwk(m) => {
            // Public members only; alg/use/key_ops are dropped so WebCrypto does not refuse
            // the import for a reason the notes already explain.
            let public: Map<String, Value> = m
                .into_iter()
                .filter(|(k, _)| ["kty", "n", "e", "crv", "x", "y"].contains(&k.as_str()))
                .collect();
            ("jwk", KeyData::Json(Value::Object(public).to_string()))
        }
    };
    Ok(Plan {
        alg,
        format,
        key: key_data,
        import_alg: import_alg.to_string(),
        verify_alg: verify_alg.to_string(),
        data: data.into_bytes(),
        signature,
        notes,
        key_label,
    })
}

fn needs(f: Family) -> &'static str {
    f.key_needed()
}

/// Explains what WebCrypto said.
pub fn outcome(plan: &Plan, result: Result<bool, String>) -> Report {
    let mut r = Report::default();
    match result {
        Ok(true) => {
            r.summary = "Signature valid.".into();
            r.push(Finding::ok(ids::VALID,
                format!("Valid {} signature", plan.alg),
                format!("The signature matches {}. The token has not been changed since it was signed with this key.", plan.key_label),
            ).spec(RFC7518));
        }
        Ok(false) => {
            r.summary = "Signature invalid.".into();
            let why = if plan.format == "raw" {
                "the secret differs (check its encoding: text vs base64 — many servers base64-decode their secret), or the token was changed after signing"
            } else {
                "the token was signed with another key (a different kid, an older rotated key, another environment), or it was changed after signing"
            };
            r.push(Finding::error(ids::INVALID,
                format!("Invalid {} signature", plan.alg),
                format!("The signature does not match {}: {why}.", plan.key_label),
            ).fix("Verify with the issuer's current key for this kid; if the key is right, the token is not genuine.").spec(RFC7518));
        }
        Err(e) => {
            r.summary = "Could not verify.".into();
            r.push(Finding::error(ids::BROWSER_COULD_NOT_USE,
                "The browser could not use this key",
                format!("WebCrypto refused it for {}: {e}. The key is malformed or does not fit the algorithm.", plan.alg),
            ));
        }
    }
    r.findings.extend(plan.notes.iter().cloned());
    r
}

#[cfg(test)]
mod tests;
