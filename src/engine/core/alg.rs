//! JOSE algorithms: the one table of what each `alg`/`enc` name means, its family and hash, and
//! what the WebCrypto side needs. Decoding, linting, verification and the token maker read it.

use serde_json::{json, Value};
use std::fmt;
use std::str::FromStr;

/// What an algorithm does, with the parameters verification and signing need.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// HMAC with a shared secret: hash, and the minimum secret length in bytes (RFC 7518 §3.2).
    Hmac(&'static str, usize),
    /// RSASSA-PKCS1-v1_5 with this hash.
    Rsa(&'static str),
    /// RSASSA-PSS with this hash and salt length.
    Pss(&'static str, usize),
    /// ECDSA on a curve with a hash; signatures are two coordinates of this many bytes.
    Ecdsa(&'static str, &'static str, usize),
    /// EdDSA over Ed25519.
    Ed25519,
    /// No signature (`alg: none`).
    Unsecured,
    /// A JWE key-management algorithm.
    KeyManagement,
    /// A JWE content-encryption algorithm (`enc`).
    ContentEncryption,
}

impl Kind {
    /// WebCrypto parameters (key import, sign/verify) for the signing families.
    pub fn webcrypto(self) -> Option<(Value, Value)> {
        Some(match self {
            Hmac(h, _) => (json!({"name": "HMAC", "hash": h}), json!({"name": "HMAC"})),
            Rsa(h) => (
                json!({"name": "RSASSA-PKCS1-v1_5", "hash": h}),
                json!({"name": "RSASSA-PKCS1-v1_5"}),
            ),
            Pss(h, salt) => (
                json!({"name": "RSA-PSS", "hash": h}),
                json!({"name": "RSA-PSS", "saltLength": salt}),
            ),
            Ecdsa(c, h, _) => (
                json!({"name": "ECDSA", "namedCurve": c}),
                json!({"name": "ECDSA", "hash": h}),
            ),
            Ed25519 => (json!({"name": "Ed25519"}), json!({"name": "Ed25519"})),
            Unsecured | KeyManagement | ContentEncryption => return None,
        })
    }

    /// The key it verifies with, in words.
    pub fn key_needed(self) -> &'static str {
        match self {
            Hmac(..) => "a shared secret",
            Rsa(_) | Pss(..) => "an RSA public key",
            Ecdsa("P-256", ..) => "an EC P-256 public key",
            Ecdsa("P-384", ..) => "an EC P-384 public key",
            Ecdsa(..) => "an EC P-521 public key",
            Ed25519 => "an Ed25519 public key",
            Unsecured | KeyManagement | ContentEncryption => "no verification key",
        }
    }
}

/// One algorithm name and what it means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Alg {
    /// The registered name, e.g. `RS256`.
    pub name: &'static str,
    /// Family and parameters.
    pub kind: Kind,
    /// One line for the decoded header.
    pub meaning: &'static str,
    /// Whether the token maker offers it.
    pub maker: bool,
}

const fn a(name: &'static str, kind: Kind, meaning: &'static str, maker: bool) -> Alg {
    Alg {
        name,
        kind,
        meaning,
        maker,
    }
}

use Kind::*;

const HMAC: &str = "HMAC with a shared secret: the same secret signs and verifies";
const RSA: &str = "RSA PKCS#1 v1.5 signature: verify with the issuer's public RSA key";
const PSS: &str = "RSA-PSS signature: verify with the issuer's public RSA key";

/// Every algorithm authlens knows (RFC 7518, RFC 8037).
pub const ALGS: &[Alg] = &[
    a("HS256", Hmac("SHA-256", 32), HMAC, true),
    a("HS384", Hmac("SHA-384", 48), HMAC, true),
    a("HS512", Hmac("SHA-512", 64), HMAC, true),
    a("RS256", Rsa("SHA-256"), RSA, true),
    a("RS384", Rsa("SHA-384"), RSA, false),
    a("RS512", Rsa("SHA-512"), RSA, false),
    a("PS256", Pss("SHA-256", 32), PSS, true),
    a("PS384", Pss("SHA-384", 48), PSS, false),
    a("PS512", Pss("SHA-512", 64), PSS, false),
    a(
        "ES256",
        Ecdsa("P-256", "SHA-256", 32),
        "ECDSA on P-256 with SHA-256: verify with the issuer's public EC key",
        true,
    ),
    a(
        "ES384",
        Ecdsa("P-384", "SHA-384", 48),
        "ECDSA on P-384 with SHA-384",
        true,
    ),
    a(
        "ES512",
        Ecdsa("P-521", "SHA-512", 66),
        "ECDSA on P-521 with SHA-512",
        true,
    ),
    a(
        "EdDSA",
        Ed25519,
        "Ed25519 signature: verify with the issuer's public OKP key",
        true,
    ),
    a(
        "Ed25519",
        Ed25519,
        "Ed25519 signature: verify with the issuer's public OKP key",
        false,
    ),
    a("none", Unsecured, "no signature at all", false),
    a(
        "RSA-OAEP",
        KeyManagement,
        "content key encrypted to the recipient's RSA public key",
        false,
    ),
    a(
        "RSA-OAEP-256",
        KeyManagement,
        "content key encrypted to the recipient's RSA public key",
        false,
    ),
    a(
        "RSA1_5",
        KeyManagement,
        "content key encrypted with RSA PKCS#1 v1.5 (deprecated: padding-oracle risk)",
        false,
    ),
    a(
        "A128KW",
        KeyManagement,
        "content key wrapped with a shared AES key",
        false,
    ),
    a(
        "A192KW",
        KeyManagement,
        "content key wrapped with a shared AES key",
        false,
    ),
    a(
        "A256KW",
        KeyManagement,
        "content key wrapped with a shared AES key",
        false,
    ),
    a(
        "dir",
        KeyManagement,
        "the shared key is used directly as the content key",
        false,
    ),
    a(
        "ECDH-ES",
        KeyManagement,
        "content key agreed with the recipient's EC key (ECDH)",
        false,
    ),
    a(
        "ECDH-ES+A128KW",
        KeyManagement,
        "content key agreed with the recipient's EC key (ECDH)",
        false,
    ),
    a(
        "ECDH-ES+A192KW",
        KeyManagement,
        "content key agreed with the recipient's EC key (ECDH)",
        false,
    ),
    a(
        "ECDH-ES+A256KW",
        KeyManagement,
        "content key agreed with the recipient's EC key (ECDH)",
        false,
    ),
    a(
        "A128GCM",
        ContentEncryption,
        "content encrypted with AES-GCM",
        false,
    ),
    a(
        "A192GCM",
        ContentEncryption,
        "content encrypted with AES-GCM",
        false,
    ),
    a(
        "A256GCM",
        ContentEncryption,
        "content encrypted with AES-GCM",
        false,
    ),
    a(
        "A128CBC-HS256",
        ContentEncryption,
        "content encrypted with AES-CBC plus HMAC",
        false,
    ),
    a(
        "A192CBC-HS384",
        ContentEncryption,
        "content encrypted with AES-CBC plus HMAC",
        false,
    ),
    a(
        "A256CBC-HS512",
        ContentEncryption,
        "content encrypted with AES-CBC plus HMAC",
        false,
    ),
];

/// The error for a name not in [`ALGS`]; says what was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownAlg(pub String);

impl fmt::Display for UnknownAlg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "expected a JOSE algorithm such as RS256 or HS256, found \"{}\"",
            self.0
        )
    }
}

impl FromStr for &'static Alg {
    type Err = UnknownAlg;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ALGS.iter()
            .find(|a| a.name == s)
            .ok_or_else(|| UnknownAlg(s.to_string()))
    }
}

impl fmt::Display for Alg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name)
    }
}

impl Alg {
    /// Whether it signs (a JWS algorithm other than `none`).
    pub fn signs(&self) -> bool {
        !matches!(self.kind, Unsecured | KeyManagement | ContentEncryption)
    }
}

/// Looks an algorithm up by its exact (case-sensitive) name.
pub fn lookup(name: &str) -> Option<&'static Alg> {
    name.parse().ok()
}

/// What an algorithm name means, for any name.
pub fn meaning(name: &str) -> &'static str {
    lookup(name).map_or("an algorithm authlens does not know", |a| a.meaning)
}

/// Whether `name` signs with a shared secret (HMAC).
pub fn is_hmac(name: &str) -> bool {
    lookup(name).is_some_and(|a| matches!(a.kind, Hmac(..)))
}

/// The algorithms the token maker offers, in order.
pub fn maker_algs() -> impl Iterator<Item = &'static Alg> {
    ALGS.iter().filter(|a| a.maker)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_parse_and_print() {
        let rs: &Alg = "RS256".parse().unwrap();
        assert_eq!(rs.to_string(), "RS256");
        assert_eq!(rs.kind, Rsa("SHA-256"));
        assert!("rs256"
            .parse::<&Alg>()
            .unwrap_err()
            .to_string()
            .contains("expected"));
        assert!(!lookup("none").unwrap().signs());
        assert_eq!(maker_algs().count(), 9);
        // Each name once.
        for (i, x) in ALGS.iter().enumerate() {
            assert!(ALGS[i + 1..].iter().all(|y| y.name != x.name), "{}", x.name);
        }
    }
}
