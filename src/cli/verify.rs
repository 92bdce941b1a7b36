//! `--key` and `--jwks`: checks a JWT's signature natively, with the same plan and the same
//! findings as the web app's WebCrypto path (only the last step, the arithmetic, differs).

use super::args::Args;
use authlens::engine::core::alg::{self, Kind};
use authlens::engine::jose::keys::{self, KeyInput, SecretEncoding};
use authlens::engine::jose::verify::{self, KeyData, Plan};
use authlens::engine::{jwt, Report};
use serde_json::Value;

/// The key or key set the arguments name, read from its file or fetched from its URL.
pub fn key_from(args: &Args) -> Result<Option<KeyInput>, String> {
    let (name, text) = match (&args.key, &args.jwks) {
        (Some(path), _) => (
            path.display().to_string(),
            std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?,
        ),
        (None, Some(url)) if url.starts_with("https://") || url.starts_with("http://") => {
            (url.clone(), fetch(url)?)
        }
        (None, Some(path)) => (
            path.clone(),
            std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?,
        ),
        (None, None) => return Ok(None),
    };
    match keys::parse(&text, SecretEncoding::Text) {
        Ok(KeyInput::Url(url)) => Err(format!(
            "{name}: holds the URL {url}; pass it as --jwks {url}"
        )),
        Ok(k) => Ok(Some(k)),
        Err(f) => Err(format!("{name}: {}", f.title)),
    }
}

/// GETs a key set with curl, which every system this command is for has; no cookies, no
/// credentials, 20 seconds at most.
fn fetch(url: &str) -> Result<String, String> {
    let out = std::process::Command::new("curl")
        .args([
            "-fsSL",
            "--max-time",
            "20",
            "--proto",
            "=http,https",
            "--",
            url,
        ])
        .output()
        .map_err(|e| {
            format!("{url}: curl could not run ({e}); download the key set and pass the file")
        })?;
    if !out.status.success() {
        let why = String::from_utf8_lossy(&out.stderr);
        return Err(format!("{url}: {}", why.trim()));
    }
    String::from_utf8(out.stdout).map_err(|_| format!("{url}: the key set is not UTF-8 text"))
}

/// Verifies the JWT in `text` (the whole text, or one found inside it) with `key`.
pub fn token(text: &str, key: &KeyInput) -> Report {
    let t = text.trim();
    let token = if jwt::looks_like_jwt(t) {
        t.to_string()
    } else {
        jwt::find_embedded(t).map_or_else(|| t.to_string(), |(_, tok)| tok)
    };
    match verify::plan(&token, key) {
        Ok(plan) => verify::outcome(&plan, check(&plan)),
        Err(r) => r,
    }
}

/// Whether the signature verifies, or why the key could not be used (as WebCrypto would say).
pub fn check(plan: &Plan) -> Result<bool, String> {
    let kind = alg::lookup(&plan.alg)
        .map(|a| a.kind)
        .ok_or("unsupported algorithm")?;
    let (data, sig) = (&plan.data[..], &plan.signature[..]);
    match kind {
        Kind::Hmac(hash, _) => {
            let KeyData::Bytes(secret) = &plan.key else {
                return Err("an HMAC key is raw bytes".into());
            };
            Ok(hmac_verify(hash, secret, data, sig))
        }
        Kind::Rsa(hash) | Kind::Pss(hash, _) => {
            use rsa::{Pkcs1v15Sign, Pss, RsaPublicKey};
            use sha2::Digest;
            let key: RsaPublicKey = match &plan.key {
                KeyData::Bytes(der) => rsa::pkcs8::DecodePublicKey::from_public_key_der(der)
                    .map_err(|e| e.to_string())?,
                KeyData::Json(j) => {
                    let jwk: Value = serde_json::from_str(j).map_err(|e| e.to_string())?;
                    let n = rsa::BigUint::from_bytes_be(&b64url(&jwk["n"])?);
                    let e = rsa::BigUint::from_bytes_be(&b64url(&jwk["e"])?);
                    RsaPublicKey::new(n, e).map_err(|e| e.to_string())?
                }
            };
            let pss = matches!(kind, Kind::Pss(..));
            macro_rules! with_hash {
                ($h:ty) => {{
                    let digest = <$h>::digest(data);
                    if pss {
                        key.verify(Pss::new::<$h>(), &digest, sig)
                    } else {
                        key.verify(Pkcs1v15Sign::new::<$h>(), &digest, sig)
                    }
                }};
            }
            let ok = match hash {
                "SHA-256" => with_hash!(sha2::Sha256),
                "SHA-384" => with_hash!(sha2::Sha384),
                _ => with_hash!(sha2::Sha512),
            };
            Ok(ok.is_ok())
        }
        Kind::Ecdsa(curve, ..) => {
            let point = match &plan.key {
                KeyData::Bytes(der) => Point::Der(der.clone()),
                KeyData::Json(j) => {
                    let jwk: Value = serde_json::from_str(j).map_err(|e| e.to_string())?;
                    let mut sec1 = vec![4u8];
                    sec1.extend(b64url(&jwk["x"])?);
                    sec1.extend(b64url(&jwk["y"])?);
                    Point::Sec1(sec1)
                }
            };
            ecdsa_verify(curve, &point, data, sig)
        }
        Kind::Ed25519 => {
            use ed25519_dalek::{Signature, Verifier, VerifyingKey};
            let key = match &plan.key {
                KeyData::Bytes(der) => {
                    ed25519_dalek::pkcs8::DecodePublicKey::from_public_key_der(der)
                        .map_err(|e| e.to_string())?
                }
                KeyData::Json(j) => {
                    let jwk: Value = serde_json::from_str(j).map_err(|e| e.to_string())?;
                    let x: [u8; 32] = b64url(&jwk["x"])?
                        .try_into()
                        .map_err(|_| "an Ed25519 key is 32 bytes")?;
                    VerifyingKey::from_bytes(&x).map_err(|e| e.to_string())?
                }
            };
            let sig = Signature::from_slice(sig).map_err(|e| e.to_string())?;
            Ok(key.verify(data, &sig).is_ok())
        }
        _ => Err("this algorithm does not sign".into()),
    }
}

/// An EC public key as SPKI DER or as an uncompressed SEC1 point.
enum Point {
    Der(Vec<u8>),
    Sec1(Vec<u8>),
}

fn ecdsa_verify(curve: &str, point: &Point, data: &[u8], sig: &[u8]) -> Result<bool, String> {
    use p256::ecdsa::signature::Verifier;
    use p256::pkcs8::DecodePublicKey;
    macro_rules! verify_on {
        ($c:ident) => {{
            use $c::elliptic_curve::sec1::ToEncodedPoint;
            let sec1 = match point {
                Point::Der(d) => $c::PublicKey::from_public_key_der(d)
                    .map_err(|e| e.to_string())?
                    .to_encoded_point(false)
                    .as_bytes()
                    .to_vec(),
                Point::Sec1(s) => s.clone(),
            };
            let key = $c::ecdsa::VerifyingKey::from_sec1_bytes(&sec1).map_err(|e| e.to_string())?;
            let sig = $c::ecdsa::Signature::from_slice(sig).map_err(|e| e.to_string())?;
            Ok(key.verify(data, &sig).is_ok())
        }};
    }
    match curve {
        "P-256" => verify_on!(p256),
        "P-384" => verify_on!(p384),
        _ => verify_on!(p521),
    }
}

fn hmac_verify(hash: &str, secret: &[u8], data: &[u8], sig: &[u8]) -> bool {
    use hmac::{Hmac, Mac};
    macro_rules! mac {
        ($h:ty) => {
            Hmac::<$h>::new_from_slice(secret)
                .map(|mut m| {
                    m.update(data);
                    m.verify_slice(sig).is_ok()
                })
                .unwrap_or(false)
        };
    }
    match hash {
        "SHA-256" => mac!(sha2::Sha256),
        "SHA-384" => mac!(sha2::Sha384),
        _ => mac!(sha2::Sha512),
    }
}

fn b64url(v: &Value) -> Result<Vec<u8>, String> {
    use base64::Engine;
    let s = v.as_str().ok_or("a JWK member is missing")?;
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(s.trim_end_matches('='))
        .map_err(|e| e.to_string())
}
