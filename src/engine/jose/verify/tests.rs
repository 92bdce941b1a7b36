//! Planning against the RFC 7515 / RFC 8037 vectors and the classic mistakes.

use super::*;
use crate::engine::jose::keys::{parse, KeyInput, SecretEncoding};
use serde_json::json;

fn vectors() -> Value {
    serde_json::from_str(include_str!("../../../../tests/vectors/rfc7515.json")).unwrap()
}

fn jwk_input(v: &Value) -> KeyInput {
    parse(&v["jwk"].to_string(), SecretEncoding::Text).unwrap()
}

#[test]
fn plans_every_rfc_vector() {
    let v = vectors();
    for (name, format, import) in [
        ("A.1", "raw", r#"{"hash":"SHA-256","name":"HMAC"}"#),
        (
            "A.2",
            "jwk",
            r#"{"hash":"SHA-256","name":"RSASSA-PKCS1-v1_5"}"#,
        ),
        ("A.3", "jwk", r#"{"name":"ECDSA","namedCurve":"P-256"}"#),
        ("A.4", "jwk", r#"{"name":"ECDSA","namedCurve":"P-521"}"#),
        ("RFC8037-A.4", "jwk", r#"{"name":"Ed25519"}"#),
    ] {
        let p = plan(v[name]["jws"].as_str().unwrap(), &jwk_input(&v[name]))
            .unwrap_or_else(|r| panic!("{name}: {:?}", r.findings));
        assert_eq!(p.format, format, "{name}");
        let got: Value = serde_json::from_str(&p.import_alg).unwrap();
        assert_eq!(
            got,
            serde_json::from_str::<Value>(import).unwrap(),
            "{name}"
        );
        assert!(
            p.notes
                .iter()
                .all(|n| n.severity != crate::engine::Severity::Error),
            "{name}: {:?}",
            p.notes
        );
    }
    let p = plan(v["A.1"]["jws"].as_str().unwrap(), &jwk_input(&v["A.1"])).unwrap();
    assert_eq!(
        p.key,
        KeyData::Bytes(
            b64::decode(v["A.1"]["jwk"]["k"].as_str().unwrap())
                .unwrap()
                .bytes
        )
    );
    assert_eq!(p.signature.len(), 32);
    let p = plan(v["A.4"]["jws"].as_str().unwrap(), &jwk_input(&v["A.4"])).unwrap();
    assert_eq!(p.signature.len(), 132);
}

#[test]
fn unsecured_token_has_nothing_to_verify() {
    let v = vectors();
    let r = plan(
        v["A.5"]["jws"].as_str().unwrap(),
        &KeyInput::One(Key::Secret(b"x".to_vec())),
    )
    .unwrap_err();
    assert!(r.has_id("verify.alg_none"));
}

#[test]
fn hs256_with_public_key_is_algorithm_confusion() {
    let v = vectors();
    let r = plan(v["A.1"]["jws"].as_str().unwrap(), &jwk_input(&v["A.2"])).unwrap_err();
    assert!(r.has_id("verify.alg_confusion"));
}

#[test]
fn wrong_key_type_and_curve() {
    let v = vectors();
    let r = plan(v["A.2"]["jws"].as_str().unwrap(), &jwk_input(&v["A.3"])).unwrap_err();
    assert!(r.has_id("verify.key_mismatch"));
    assert!(r.findings[0].explanation.contains("EC P-256"));
    let r = plan(v["A.4"]["jws"].as_str().unwrap(), &jwk_input(&v["A.3"])).unwrap_err();
    assert!(r.has_id("verify.key_mismatch"));
}

#[test]
fn der_signature_is_converted_and_flagged() {
    let v = vectors();
    let t = v["A.3"]["jws"].as_str().unwrap();
    let (input, sig) = t.rsplit_once('.').unwrap();
    let raw = b64::decode(sig).unwrap().bytes;
    let int = |b: &[u8]| {
        let mut v = if b[0] & 0x80 != 0 { vec![0] } else { vec![] };
        v.extend_from_slice(b);
        let mut out = vec![0x02, v.len() as u8];
        out.extend(v);
        out
    };
    let mut body = int(&raw[..32]);
    body.extend(int(&raw[32..]));
    let mut der = vec![0x30, body.len() as u8];
    der.extend(body);
    let token = format!("{input}.{}", b64::encode_url(&der));
    let p = plan(&token, &jwk_input(&v["A.3"])).unwrap();
    assert_eq!(p.signature, raw);
    assert!(p
        .notes
        .iter()
        .any(|n| n.id == ids::ECDSA_SIGNATURE_DER_ENCODED));
}

#[test]
fn jwks_selection_by_kid() {
    let v = vectors();
    let mut rsa = v["A.2"]["jwk"].clone();
    rsa["kid"] = json!("2010-12-29");
    let mut ec = v["A.3"]["jwk"].clone();
    ec["kid"] = json!("e9bc097a");
    let set = parse(
        &json!({"keys": [rsa, ec]}).to_string(),
        SecretEncoding::Text,
    )
    .unwrap();
    // A.2's token has no kid: the only RSA key is used.
    let p = plan(v["A.2"]["jws"].as_str().unwrap(), &set).unwrap();
    assert!(p.key_label.contains("2010-12-29"));
    // A token naming an unknown kid lists what the set holds.
    let e = |s: &str| b64::encode_url(s.as_bytes());
    let token = format!(
        "{}.{}.c2ln",
        e(r#"{"alg":"RS256","kid":"rotated-2023"}"#),
        e("{}")
    );
    let r = plan(&token, &set).unwrap_err();
    assert!(r.has_id("verify.no_key_with_kid"));
    assert!(r.findings[0]
        .explanation
        .contains("kid \"2010-12-29\": RSA 2048-bit"));
}

#[test]
fn short_secret_is_noted_and_outcomes_explained() {
    let v = vectors();
    let p = plan(
        v["A.1"]["jws"].as_str().unwrap(),
        &KeyInput::One(Key::Secret(b"short".to_vec())),
    )
    .unwrap();
    assert!(p
        .notes
        .iter()
        .any(|n| n.id == ids::SECRET_ONLY_BYTES && n.title.contains('5')));
    assert!(outcome(&p, Ok(false)).has_id("verify.invalid"));
    assert!(outcome(&p, Ok(false)).findings[0]
        .explanation
        .contains("text vs base64"));
    assert!(outcome(&p, Ok(true)).has_id("verify.valid"));
    assert!(outcome(&p, Err("DataError".into())).has_id("verify.browser_could_not_use"));
}
