//! Signs a test token with WebCrypto: an HMAC secret, a pasted private JWK, or a key pair made
//! in this tab (and forgotten when the tab closes).

use super::crypto;
use crate::engine::jose::sign;

/// What signing produced.
#[derive(Clone, PartialEq)]
pub struct Made {
    /// The compact token.
    pub token: String,
    /// The public key of a generated pair, as a JWK, for the server to verify with.
    pub public_jwk: Option<String>,
}

/// Builds the signing input from the editor's header and claims and signs it.
pub async fn sign_token(
    header: &str,
    claims: &str,
    alg: &str,
    secret: &str,
    private_jwk: &str,
) -> Result<Made, String> {
    let input = sign::signing_input(header, claims, alg)
        .map_err(|f| format!("{}: {}", f.title, f.explanation))?;
    let (key_alg, sign_alg) = sign::webcrypto(alg).ok_or("unsupported algorithm")?;
    if sign::is_hmac(alg) {
        if secret.is_empty() {
            return Err("Type a secret to sign with.".into());
        }
        let sig = crypto::sign_hmac(
            &key_alg.to_string(),
            &sign_alg.to_string(),
            secret.as_bytes(),
            input.as_bytes(),
        )
        .await?;
        Ok(Made {
            token: sign::assemble(&input, &sig),
            public_jwk: None,
        })
    } else if !private_jwk.trim().is_empty() {
        let sig = crypto::sign_with_jwk(
            &key_alg.to_string(),
            &sign_alg.to_string(),
            private_jwk.trim(),
            input.as_bytes(),
        )
        .await?;
        Ok(Made {
            token: sign::assemble(&input, &sig),
            public_jwk: None,
        })
    } else {
        let (sig, public_jwk, _) = crypto::generate_and_sign(
            &key_alg.to_string(),
            &sign_alg.to_string(),
            input.as_bytes(),
        )
        .await?;
        Ok(Made {
            token: sign::assemble(&input, &sig),
            public_jwk: Some(public_jwk),
        })
    }
}
