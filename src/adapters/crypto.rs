//! WebCrypto (SubtleCrypto): import a key, verify, sign, generate. The engine decides what to
//! call with; this only makes the calls.

use crate::engine::jose::verify::{KeyData, Plan};
use js_sys::{Array, Promise, Reflect, Uint8Array, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    /// `crypto.subtle`, bound by hand to keep the calls typed and catch synchronous throws.
    type Subtle;
    #[wasm_bindgen(method, catch, js_name = importKey)]
    fn import_key(
        this: &Subtle,
        format: &str,
        key: &JsValue,
        alg: &JsValue,
        extractable: bool,
        usages: &Array,
    ) -> Result<Promise, JsValue>;
    #[wasm_bindgen(method, catch)]
    fn verify(
        this: &Subtle,
        alg: &JsValue,
        key: &JsValue,
        sig: &Uint8Array,
        data: &Uint8Array,
    ) -> Result<Promise, JsValue>;
    #[wasm_bindgen(method, catch)]
    fn sign(
        this: &Subtle,
        alg: &JsValue,
        key: &JsValue,
        data: &Uint8Array,
    ) -> Result<Promise, JsValue>;
    #[wasm_bindgen(method, catch, js_name = generateKey)]
    fn generate_key(
        this: &Subtle,
        alg: &JsValue,
        extractable: bool,
        usages: &Array,
    ) -> Result<Promise, JsValue>;
    #[wasm_bindgen(method, catch, js_name = exportKey)]
    fn export_key(this: &Subtle, format: &str, key: &JsValue) -> Result<Promise, JsValue>;
}

fn subtle() -> Result<Subtle, String> {
    let crypto = Reflect::get(&js_sys::global(), &"crypto".into()).map_err(describe)?;
    let subtle = Reflect::get(&crypto, &"subtle".into()).map_err(describe)?;
    if subtle.is_undefined() {
        return Err(
            "WebCrypto is unavailable: the page must be served over https or from localhost".into(),
        );
    }
    Ok(subtle.unchecked_into())
}

/// A readable message from a JS exception (`DataError: …`).
fn describe(e: JsValue) -> String {
    let name = Reflect::get(&e, &"name".into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default();
    let msg = Reflect::get(&e, &"message".into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| format!("{e:?}"));
    if name.is_empty() {
        msg
    } else {
        format!("{name}: {msg}")
    }
}

fn json(text: &str) -> Result<JsValue, String> {
    JSON::parse(text).map_err(describe)
}

/// Turns `publicExponent: [1,0,1]` into the Uint8Array WebCrypto insists on.
fn fix_exponent(alg: &JsValue) -> Result<(), String> {
    if let Ok(e) = Reflect::get(alg, &"publicExponent".into()) {
        if Array::is_array(&e) {
            let bytes: Vec<u8> = Array::from(&e)
                .iter()
                .filter_map(|v| v.as_f64())
                .map(|f| f as u8)
                .collect();
            Reflect::set(alg, &"publicExponent".into(), &Uint8Array::from(&bytes[..]))
                .map_err(describe)?;
        }
    }
    Ok(())
}

async fn call(p: Result<Promise, JsValue>) -> Result<JsValue, String> {
    JsFuture::from(p.map_err(describe)?).await.map_err(describe)
}

fn usages(list: &[&str]) -> Array {
    list.iter().map(|u| JsValue::from_str(u)).collect()
}

/// Runs a verification plan: `Ok(true)` valid, `Ok(false)` invalid, `Err` when the key or
/// algorithm was refused.
pub async fn verify(plan: &Plan) -> Result<bool, String> {
    let s = subtle()?;
    let key_data: JsValue = match &plan.key {
        KeyData::Bytes(b) => Uint8Array::from(&b[..]).into(),
        KeyData::Json(j) => json(j)?,
    };
    let key = call(s.import_key(
        plan.format,
        &key_data,
        &json(&plan.import_alg)?,
        false,
        &usages(&["verify"]),
    ))
    .await?;
    let ok = call(s.verify(
        &json(&plan.verify_alg)?,
        &key,
        &Uint8Array::from(&plan.signature[..]),
        &Uint8Array::from(&plan.data[..]),
    ))
    .await?;
    Ok(ok.as_bool().unwrap_or(false))
}

/// Signs `data` with an HMAC secret.
pub async fn sign_hmac(
    import_alg: &str,
    sign_alg: &str,
    secret: &[u8],
    data: &[u8],
) -> Result<Vec<u8>, String> {
    let s = subtle()?;
    let key = call(s.import_key(
        "raw",
        &Uint8Array::from(secret).into(),
        &json(import_alg)?,
        false,
        &usages(&["sign"]),
    ))
    .await?;
    let sig = call(s.sign(&json(sign_alg)?, &key, &Uint8Array::from(data))).await?;
    Ok(Uint8Array::new(&sig).to_vec())
}

/// A new key pair: signs `data` and returns the signature with the public (and private) JWK as JSON.
pub async fn generate_and_sign(
    gen_alg: &str,
    sign_alg: &str,
    data: &[u8],
) -> Result<(Vec<u8>, String, String), String> {
    let s = subtle()?;
    let alg = json(gen_alg)?;
    fix_exponent(&alg)?;
    let pair = call(s.generate_key(&alg, true, &usages(&["sign", "verify"]))).await?;
    let private = Reflect::get(&pair, &"privateKey".into()).map_err(describe)?;
    let public = Reflect::get(&pair, &"publicKey".into()).map_err(describe)?;
    let sig = call(s.sign(&json(sign_alg)?, &private, &Uint8Array::from(data))).await?;
    let stringify = |v: JsValue| JSON::stringify(&v).map(String::from).map_err(describe);
    let public_jwk = stringify(call(s.export_key("jwk", &public)).await?)?;
    let private_jwk = stringify(call(s.export_key("jwk", &private)).await?)?;
    Ok((Uint8Array::new(&sig).to_vec(), public_jwk, private_jwk))
}

/// Signs `data` with a pasted private JWK.
pub async fn sign_with_jwk(
    import_alg: &str,
    sign_alg: &str,
    jwk: &str,
    data: &[u8],
) -> Result<Vec<u8>, String> {
    let s = subtle()?;
    let alg = json(import_alg)?;
    // generateKey parameters are not import parameters; WebCrypto ignores the extra members.
    let key = call(s.import_key("jwk", &json(jwk)?, &alg, false, &usages(&["sign"]))).await?;
    let sig = call(s.sign(&json(sign_alg)?, &key, &Uint8Array::from(data))).await?;
    Ok(Uint8Array::new(&sig).to_vec())
}
