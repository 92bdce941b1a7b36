//! WebCrypto verification in headless Chromium: every algorithm family accepts a valid token
//! and rejects a tampered one.
#![cfg(target_arch = "wasm32")]

mod common;

use authlens::adapters::crypto;
use authlens::engine::jose::keys::{parse, SecretEncoding};
use authlens::engine::jose::{sign, verify};
use serde_json::Value;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const VECTORS: &str = include_str!("vectors/rfc7515.json");

async fn check(token: &str, key: &str, enc: SecretEncoding) -> Result<bool, String> {
    let input = parse(key, enc).map_err(|f| f.title)?;
    let plan = verify::plan(token, &input).map_err(|r| r.findings[0].title.clone())?;
    crypto::verify(&plan).await
}

#[wasm_bindgen_test]
async fn rfc_vectors_verify_and_tampered_fail() {
    let v: Value = serde_json::from_str(VECTORS).unwrap();
    for name in ["A.1", "A.2", "A.3", "A.4", "RFC8037-A.4"] {
        let jws = v[name]["jws"].as_str().unwrap();
        let key = v[name]["jwk"].to_string();
        assert_eq!(
            check(jws, &key, SecretEncoding::Text).await,
            Ok(true),
            "{name} valid"
        );
        assert_eq!(
            check(&common::tamper(jws), &key, SecretEncoding::Text).await,
            Ok(false),
            "{name} tampered"
        );
    }
}

#[wasm_bindgen_test]
async fn hmac_secret_as_text_and_base64() {
    let input = sign::signing_input("{}", r#"{"sub":"a"}"#, "HS384").unwrap();
    let (imp, sig_alg) = sign::webcrypto("HS384").unwrap();
    let sig = crypto::sign_hmac(
        &imp.to_string(),
        &sig_alg.to_string(),
        b"a-long-enough-secret-for-hs384-tokens-123456",
        input.as_bytes(),
    )
    .await
    .unwrap();
    let token = sign::assemble(&input, &sig);
    assert_eq!(
        check(
            &token,
            "a-long-enough-secret-for-hs384-tokens-123456",
            SecretEncoding::Text
        )
        .await,
        Ok(true)
    );
    let b64 = authlens::engine::core::b64::encode(b"a-long-enough-secret-for-hs384-tokens-123456");
    assert_eq!(check(&token, &b64, SecretEncoding::Base64).await, Ok(true));
    assert_eq!(
        check(&token, "wrong", SecretEncoding::Text).await,
        Ok(false)
    );
    assert_eq!(
        check(
            &common::tamper(&token),
            "a-long-enough-secret-for-hs384-tokens-123456",
            SecretEncoding::Text
        )
        .await,
        Ok(false)
    );
}

#[wasm_bindgen_test]
async fn generated_keys_for_every_asymmetric_family() {
    for alg in ["RS256", "PS256", "ES256", "ES384", "ES512", "EdDSA"] {
        let input =
            sign::signing_input("{\"typ\":\"JWT\"}", r#"{"sub":"a","iat":1}"#, alg).unwrap();
        let (gen, sig_alg) = sign::webcrypto(alg).unwrap();
        let (sig, public_jwk, _) =
            crypto::generate_and_sign(&gen.to_string(), &sig_alg.to_string(), input.as_bytes())
                .await
                .unwrap_or_else(|e| panic!("{alg}: {e}"));
        let token = sign::assemble(&input, &sig);
        assert_eq!(
            check(&token, &public_jwk, SecretEncoding::Text).await,
            Ok(true),
            "{alg} valid"
        );
        assert_eq!(
            check(&common::tamper(&token), &public_jwk, SecretEncoding::Text).await,
            Ok(false),
            "{alg} tampered"
        );
    }
}

#[wasm_bindgen_test]
async fn spki_pem_verifies_es256_vector() {
    let v: Value = serde_json::from_str(VECTORS).unwrap();
    let pem = "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEf83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEXH8UTNG72bfocs3+257rn0s2ldbqkLJK2KRiMohYjlrQ==\n-----END PUBLIC KEY-----";
    assert_eq!(
        check(v["A.3"]["jws"].as_str().unwrap(), pem, SecretEncoding::Text).await,
        Ok(true)
    );
}

#[wasm_bindgen_test]
async fn certificate_pem_verifies_and_der_signature_is_explained() {
    let v: Value = serde_json::from_str(include_str!("vectors/certificate.json")).unwrap();
    let cert = v["certificate"].as_str().unwrap();
    assert_eq!(
        check(v["jws"].as_str().unwrap(), cert, SecretEncoding::Text).await,
        Ok(true)
    );
    assert_eq!(
        check(
            &common::tamper(v["jws"].as_str().unwrap()),
            cert,
            SecretEncoding::Text
        )
        .await,
        Ok(false)
    );
    // The DER-signed copy verifies once converted, and the plan says it was DER.
    let input = parse(cert, SecretEncoding::Text).unwrap();
    let plan = verify::plan(v["jws_der_signature"].as_str().unwrap(), &input).unwrap();
    assert!(plan
        .notes
        .iter()
        .any(|n| n.title == "The ECDSA signature is DER-encoded"));
    assert_eq!(crypto::verify(&plan).await, Ok(true));
}

#[wasm_bindgen_test]
async fn signing_with_a_pasted_private_jwk() {
    // RFC 7515 A.3's private key signs; its public part verifies.
    let private = r#"{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0","d":"jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI"}"#;
    let input = sign::signing_input("{}", r#"{"sub":"a"}"#, "ES256").unwrap();
    let (imp, sig_alg) = sign::webcrypto("ES256").unwrap();
    let sig = crypto::sign_with_jwk(
        &imp.to_string(),
        &sig_alg.to_string(),
        private,
        input.as_bytes(),
    )
    .await
    .unwrap();
    let token = sign::assemble(&input, &sig);
    let v: Value = serde_json::from_str(VECTORS).unwrap();
    assert_eq!(
        check(&token, &v["A.3"]["jwk"].to_string(), SecretEncoding::Text).await,
        Ok(true)
    );
}
