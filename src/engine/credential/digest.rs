//! Digest credentials (RFC 7616): parameters, required fields, and the expected `response`.

use crate::engine::authparams::AuthItem;
use crate::engine::context::{DigestInputs, RequestInfo};
use crate::engine::core::finding::{Ask, Field, Finding, Part, Report, SpecRef};
use crate::engine::core::text;
use md5::Md5;
use sha2::{Digest as _, Sha256, Sha512_256};

/// Ids of the findings raised here.
pub mod ids {
    use crate::engine::core::finding::FindingId;

    /// "Both username and username*"
    pub const BOTH_USERNAME_USERNAME: FindingId = FindingId("digest.both_username_username");
    /// "Missing required parameter{}: {}"
    pub const MISSING_REQUIRED_PARAMETER: FindingId =
        FindingId("digest.missing_required_parameter");
    /// "nc must be 8 hex digits"
    pub const NC_MUST_8_HEX: FindingId = FindingId("digest.nc_must_8_hex");
    /// "No algorithm: MD5 is assumed"
    pub const NO_ALGORITHM_MD5_ASSUMED: FindingId = FindingId("digest.no_algorithm_md5_assumed");
    /// "No qop: RFC 2069 compatibility mode"
    pub const NO_QOP_RFC_2069: FindingId = FindingId("digest.no_qop_rfc_2069");
    /// "qop must be auth or auth-int"
    pub const QOP_MUST_AUTH_AUTH: FindingId = FindingId("digest.qop_must_auth_auth");
    /// "The response matches the password"
    pub const RESPONSE_MATCHES: FindingId = FindingId("digest.response_matches");
    /// "The response does not match"
    pub const RESPONSE_MISMATCH: FindingId = FindingId("digest.response_mismatch");
    /// "The response is not a hex digest of the right length"
    pub const RESPONSE_NOT_HEX_DIGEST: FindingId = FindingId("digest.response_not_hex_digest");
    /// "Type the password to check the response"
    pub const TYPE_PASSWORD_CHECK_RESPONSE: FindingId =
        FindingId("digest.type_password_check_response");
    /// "Unknown Digest algorithm"
    pub const UNKNOWN_DIGEST_ALGORITHM: FindingId = FindingId("digest.unknown_digest_algorithm");
    /// "uri does not match the request target"
    pub const URI_DOES_NOT_MATCH: FindingId = FindingId("digest.uri_does_not_match");
    /// "userhash=true: the username is hashed"
    pub const USERHASH_TRUE_USERNAME_HASHED: FindingId =
        FindingId("digest.userhash_true_username_hashed");
    /// "username* is not valid RFC 8187 encoding"
    pub const USERNAME_NOT_VALID_RFC: FindingId = FindingId("digest.username_not_valid_rfc");
}

const RFC7616: SpecRef = SpecRef::new(
    "RFC 7616 §3.4",
    "https://www.rfc-editor.org/rfc/rfc7616#section-3.4",
);

/// A Digest hash algorithm, with or without the `-sess` variant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Algorithm {
    /// The hash function.
    pub hash: Hash,
    /// Whether A1 includes the nonce and cnonce (`-sess`).
    pub sess: bool,
}

/// Hash functions Digest defines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hash {
    /// MD5 (RFC 2617 default; broken, kept for compatibility).
    Md5,
    /// SHA-256.
    Sha256,
    /// SHA-512/256.
    Sha512_256,
}

impl std::str::FromStr for Algorithm {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let upper = s.to_ascii_uppercase();
        let (base, sess) = match upper.strip_suffix("-SESS") {
            Some(b) => (b, true),
            None => (upper.as_str(), false),
        };
        let hash = match base {
            "MD5" => Hash::Md5,
            "SHA-256" => Hash::Sha256,
            "SHA-512-256" => Hash::Sha512_256,
            _ => {
                return Err(format!(
                    "expected MD5, SHA-256 or SHA-512-256 (optionally -sess), found \"{s}\""
                ))
            }
        };
        Ok(Algorithm { hash, sess })
    }
}

impl Hash {
    /// Lower-case hex digest of `data`.
    pub fn hex(self, data: &[u8]) -> String {
        let bytes: Vec<u8> = match self {
            Hash::Md5 => Md5::digest(data).to_vec(),
            Hash::Sha256 => Sha256::digest(data).to_vec(),
            Hash::Sha512_256 => Sha512_256::digest(data).to_vec(),
        };
        text::hex(&bytes)
    }
}

/// Inputs to the response computation.
#[derive(Debug, Clone, Default)]
pub struct ResponseInput<'a> {
    /// User name as hashed (the real name, not the userhash).
    pub username: &'a str,
    /// Realm.
    pub realm: &'a str,
    /// Password.
    pub password: &'a str,
    /// Request method.
    pub method: &'a str,
    /// The `uri` parameter.
    pub uri: &'a str,
    /// Server nonce.
    pub nonce: &'a str,
    /// Nonce count.
    pub nc: &'a str,
    /// Client nonce.
    pub cnonce: &'a str,
    /// `auth`, `auth-int`, or empty for RFC 2069 compatibility.
    pub qop: &'a str,
    /// Entity body, for auth-int.
    pub body: &'a str,
}

/// The `response` value a correct client computes (RFC 7616 §3.4.1).
pub fn expected_response(alg: Algorithm, i: &ResponseInput<'_>) -> String {
    let h = |s: &str| alg.hash.hex(s.as_bytes());
    let mut ha1 = h(&format!("{}:{}:{}", i.username, i.realm, i.password));
    if alg.sess {
        ha1 = h(&format!("{ha1}:{}:{}", i.nonce, i.cnonce));
    }
    let ha2 = if i.qop.eq_ignore_ascii_case("auth-int") {
        h(&format!("{}:{}:{}", i.method, i.uri, h(i.body)))
    } else {
        h(&format!("{}:{}", i.method, i.uri))
    };
    if i.qop.is_empty() {
        h(&format!("{ha1}:{}:{ha2}", i.nonce))
    } else {
        h(&format!(
            "{ha1}:{}:{}:{}:{}:{ha2}",
            i.nonce, i.nc, i.cnonce, i.qop
        ))
    }
}

/// The userhash of RFC 7616 §3.4.4: H(username ":" realm).
pub fn userhash(hash: Hash, username: &str, realm: &str) -> String {
    hash.hex(format!("{username}:{realm}").as_bytes())
}

/// Decodes `UTF-8''J%C3%A4s%C3%B8n` (RFC 8187 ext-value); `None` when malformed.
pub fn decode_ext_value(v: &str) -> Option<String> {
    let mut parts = v.splitn(3, '\'');
    let charset = parts.next()?;
    let _lang = parts.next()?;
    let encoded = parts.next()?;
    if !charset.eq_ignore_ascii_case("utf-8") {
        return None;
    }
    String::from_utf8(percent_decode(encoded)?).ok()
}

/// Percent-decodes bytes; `None` on a broken escape.
pub fn percent_decode(s: &str) -> Option<Vec<u8>> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    Some(out)
}

/// Analyses a parsed Digest credential; recomputes `response` when a password was typed.
pub fn analyze(item: &AuthItem, req: &RequestInfo, inputs: &DigestInputs) -> Report {
    let mut r = Report::new(
        "HTTP Digest credentials: a hash proving the password, not the password itself.",
    );
    r.asks.push(Ask::DigestPassword);
    let p = |n: &str| item.param(n);
    let mut rows = Vec::new();
    for name in [
        "username",
        "username*",
        "realm",
        "uri",
        "algorithm",
        "qop",
        "nonce",
        "nc",
        "cnonce",
        "response",
        "opaque",
        "userhash",
    ] {
        if let Some(v) = p(name) {
            rows.push(Field::new(name, text::visible(v)));
        }
    }
    r.part(Part::Fields {
        title: "Digest parameters".to_string(),
        rows,
    });

    let alg = match p("algorithm").map(str::parse::<Algorithm>) {
        None => {
            r.push(Finding::info(ids::NO_ALGORITHM_MD5_ASSUMED, "No algorithm: MD5 is assumed", "Without algorithm=, client and server use MD5, which is broken. RFC 7616 servers should offer SHA-256.").spec(RFC7616));
            Some(Algorithm {
                hash: Hash::Md5,
                sess: false,
            })
        }
        Some(Ok(a)) => Some(a),
        Some(Err(e)) => {
            r.push(
                Finding::error(
                    ids::UNKNOWN_DIGEST_ALGORITHM,
                    "Unknown Digest algorithm",
                    format!("{e}. The server cannot compute the same hash."),
                )
                .spec(RFC7616),
            );
            None
        }
    };
    let qop = p("qop").unwrap_or("");
    let mut required = vec!["realm", "nonce", "uri", "response"];
    if !qop.is_empty() {
        required.extend(["nc", "cnonce"]);
        if !matches!(qop.to_ascii_lowercase().as_str(), "auth" | "auth-int") {
            r.push(Finding::error(ids::QOP_MUST_AUTH_AUTH, "qop must be auth or auth-int", format!("The credential says qop={qop}: the client must pick exactly one value from the challenge's list, not echo the list.")).fix("Send qop=auth (unquoted).").spec(RFC7616));
        }
    } else {
        r.push(Finding::warning(ids::NO_QOP_RFC_2069, "No qop: RFC 2069 compatibility mode", "Without qop there is no cnonce or nonce count, so replayed requests cannot be told apart. RFC 7616 requires qop.").spec(RFC7616));
    }
    if p("username").is_none() && p("username*").is_none() {
        required.push("username");
    }
    let missing: Vec<&str> = required.into_iter().filter(|n| p(n).is_none()).collect();
    if !missing.is_empty() {
        r.push(Finding::error(ids::MISSING_REQUIRED_PARAMETER,
            format!("Missing required parameter{}: {}", if missing.len() > 1 { "s" } else { "" }, missing.join(", ")),
            "The server cannot check the response without them.",
        ).fix("Send every parameter the qop in use needs: username, realm, nonce, uri, response, and with qop also nc and cnonce.").spec(RFC7616));
    }
    if let Some(nc) = p("nc") {
        if nc.len() != 8 || !nc.bytes().all(|b| b.is_ascii_hexdigit()) {
            r.push(
                Finding::error(
                    ids::NC_MUST_8_HEX,
                    "nc must be 8 hex digits",
                    format!("It is \"{nc}\". The nonce count is written like 00000001."),
                )
                .spec(RFC7616),
            );
        }
    }
    if let (Some(resp), Some(a)) = (p("response"), alg) {
        let want_len = match a.hash {
            Hash::Md5 => 32,
            _ => 64,
        };
        if resp.len() != want_len || !resp.bytes().all(|b| b.is_ascii_hexdigit()) {
            r.push(
                Finding::error(
                    ids::RESPONSE_NOT_HEX_DIGEST,
                    "The response is not a hex digest of the right length",
                    format!(
                        "{} needs {want_len} hex digits; found {} characters.",
                        alg_name(a),
                        resp.len()
                    ),
                )
                .spec(RFC7616),
            );
        }
    }
    let userhash_on = p("userhash").is_some_and(|v| v.eq_ignore_ascii_case("true"));
    let username = match (p("username"), p("username*")) {
        (Some(u), Some(_)) => {
            r.push(Finding::error(ids::BOTH_USERNAME_USERNAME, "Both username and username*", "Send one: username* (RFC 8187 encoding) only when the name cannot be sent as a quoted string.").spec(RFC7616));
            Some(u.to_string())
        }
        (Some(u), None) => Some(u.to_string()),
        (None, Some(ext)) => match decode_ext_value(ext) {
            Some(u) => {
                r.part(Part::Fields {
                    title: "Decoded username*".to_string(),
                    rows: vec![Field::new("username", text::visible(&u))],
                });
                Some(u)
            }
            None => {
                r.push(
                    Finding::error(
                        ids::USERNAME_NOT_VALID_RFC,
                        "username* is not valid RFC 8187 encoding",
                        format!("Expected UTF-8''percent-encoded-name, found \"{ext}\"."),
                    )
                    .spec(SpecRef::new(
                        "RFC 8187 §3.2",
                        "https://www.rfc-editor.org/rfc/rfc8187#section-3.2",
                    )),
                );
                None
            }
        },
        (None, None) => None,
    };
    if let (Some(uri), Some(target)) = (p("uri"), req.target.as_deref()) {
        if uri != target {
            r.push(Finding::error(ids::URI_DOES_NOT_MATCH, "uri does not match the request target", format!("The credential was computed for \"{uri}\", but the request goes to \"{target}\". Servers reject the mismatch.")).fix("Compute the Digest for the exact path and query being requested.").spec(RFC7616));
        }
    }
    let Some(alg) = alg else { return r };
    let Some(password) = inputs.password.as_deref() else {
        r.push(Finding::info(ids::TYPE_PASSWORD_CHECK_RESPONSE, "Type the password to check the response", "authlens recomputes the response locally from the password, method and body you type; nothing is sent."));
        return r;
    };
    let method = inputs
        .method
        .clone()
        .or_else(|| req.method.as_ref().map(ToString::to_string))
        .unwrap_or_else(|| "GET".to_string());
    let realm = p("realm").unwrap_or("");
    // With userhash the username field holds H(name:realm); the user must type the real name.
    let Some(name) = username else { return r };
    if userhash_on {
        r.push(Finding::info(ids::USERHASH_TRUE_USERNAME_HASHED, "userhash=true: the username is hashed", "The username parameter holds H(username:realm), and the response is computed over the real name, which cannot be recovered from the hash, so authlens cannot recompute the response here.").spec(SpecRef::new("RFC 7616 §3.4.4", "https://www.rfc-editor.org/rfc/rfc7616#section-3.4.4")));
        return r;
    }
    let expected = expected_response(
        alg,
        &ResponseInput {
            username: &name,
            realm,
            password,
            method: &method,
            uri: p("uri").unwrap_or(""),
            nonce: p("nonce").unwrap_or(""),
            nc: p("nc").unwrap_or(""),
            cnonce: p("cnonce").unwrap_or(""),
            qop,
            body: &inputs.body,
        },
    );
    let got = p("response").unwrap_or("");
    r.part(Part::Fields {
        title: "Response check".to_string(),
        rows: vec![
            Field::new("Method used", method.clone()),
            Field::new("Expected response", expected.clone()),
            Field::new("Sent response", got),
            Field::new("userhash of this user", userhash(alg.hash, &name, realm)),
        ],
    });
    if expected.eq_ignore_ascii_case(got) {
        r.push(Finding::ok(ids::RESPONSE_MATCHES, "The response matches the password", format!("{} over {method} {} gives exactly the response that was sent. If the server still says 401, its stored password differs, the nonce is stale (look for stale=true) or the realm is different.", alg_name(alg), p("uri").unwrap_or(""))).spec(RFC7616));
    } else {
        r.push(Finding::error(ids::RESPONSE_MISMATCH, "The response does not match", format!("With the typed password, method {method} and {} the response should be {expected}. Either the password is different, or the client hashed another method, uri or body.", alg_name(alg))).fix("Check the password and that the client uses the same method and uri as the request line.").spec(RFC7616));
    }
    r
}

fn alg_name(a: Algorithm) -> String {
    let base = match a.hash {
        Hash::Md5 => "MD5",
        Hash::Sha256 => "SHA-256",
        Hash::Sha512_256 => "SHA-512-256",
    };
    if a.sess {
        format!("{base}-sess")
    } else {
        base.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::authparams;

    fn input<'a>(password: &'a str, nonce: &'a str, cnonce: &'a str) -> ResponseInput<'a> {
        ResponseInput {
            username: "Mufasa",
            realm: "http-auth@example.org",
            password,
            method: "GET",
            uri: "/dir/index.html",
            nonce,
            nc: "00000001",
            cnonce,
            qop: "auth",
            body: "",
        }
    }

    const NONCE: &str = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
    const CNONCE_MD5: &str = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";

    #[test]
    fn rfc7616_3_9_1_md5_and_sha256() {
        let md5 = expected_response(
            "MD5".parse().unwrap(),
            &input("Circle of Life", NONCE, CNONCE_MD5),
        );
        assert_eq!(md5, "8ca523f5e9506fed4657c9700eebdbec");
        let sha = expected_response(
            "SHA-256".parse().unwrap(),
            &input(
                "Circle of Life",
                NONCE,
                "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ",
            ),
        );
        assert_eq!(
            sha,
            "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1"
        );
    }

    // RFC 7616 §3.9.2's printed userhash and response cannot be reproduced (RFC erratum 4897);
    // these values were computed independently with Python's hashlib sha512_256.
    #[test]
    fn rfc7616_3_9_2_userhash() {
        assert_eq!(
            userhash(Hash::Sha512_256, "J\u{e4}s\u{f8}n Doe", "api@example.org"),
            "793263caabb707a56211940d90411ea4a575adeccb7e360aeb624ed06ece9b0b"
        );
        assert_eq!(
            decode_ext_value("UTF-8''J%C3%A4s%C3%B8n%20Doe").as_deref(),
            Some("J\u{e4}s\u{f8}n Doe")
        );
    }

    #[test]
    fn rfc7616_3_9_2_sha512_256_response() {
        let i = ResponseInput {
            username: "J\u{e4}s\u{f8}n Doe",
            realm: "api@example.org",
            password: "Secret, or not?",
            method: "GET",
            uri: "/doe.json",
            nonce: "5TsQWLVdgBdmrQ0XsxbDODV+57QdFR34I9HAbC/RVvkK",
            nc: "00000001",
            cnonce: "NTg6RKcb9boFIAS3KrFK9BGeh+iDa/sm6jUMp2wds69v",
            qop: "auth",
            body: "",
        };
        assert_eq!(
            expected_response("SHA-512-256".parse().unwrap(), &i),
            "3798d4131c277846293534c3edc11bd8a5e4cdcbff78b05db9d95eeb1cec68a5"
        );
    }

    const HEADER: &str = r#"Digest username="Mufasa", realm="http-auth@example.org", uri="/dir/index.html", algorithm=MD5, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", nc=00000001, cnonce="f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", qop=auth, response="8ca523f5e9506fed4657c9700eebdbec", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS""#;

    fn run(password: &str) -> Report {
        let item = authparams::parse(HEADER).items.remove(0);
        analyze(
            &item,
            &RequestInfo::default(),
            &DigestInputs::from_form(password, "", ""),
        )
    }

    #[test]
    fn checks_response_against_typed_password() {
        assert!(run("Circle of Life").has_id("digest.response_matches"));
        assert!(run("circle of life").has_id("digest.response_mismatch"));
        assert!(run("").has_id("digest.type_password_check_response"));
    }

    #[test]
    fn missing_fields_and_bad_alg() {
        let item =
            authparams::parse(r#"Digest username="a", realm="r", qop=auth, algorithm=SHA-1"#)
                .items
                .remove(0);
        let r = analyze(&item, &RequestInfo::default(), &DigestInputs::default());
        assert!(r.has_id("digest.missing_required_parameter"));
        assert!(r.has_id("digest.unknown_digest_algorithm"));
    }
}
