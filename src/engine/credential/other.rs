//! Schemes shown by name and parameters, with the checks each needs: vapid, Hawk, token-style.

use super::known_token;
use crate::engine::authparams::AuthItem;
use crate::engine::core::b64;
use crate::engine::core::clock::Clock;
use crate::engine::core::finding::{Field, Finding, Part, Report, SpecRef};
use crate::engine::jwt;

/// Ids of the findings raised here.
pub mod ids {
    use crate::engine::core::finding::FindingId;

    /// "Hawk header missing {}"
    pub const HAWK_HEADER_MISSING: FindingId = FindingId("scheme.hawk_header_missing");
    /// "k is not base64url"
    pub const K_NOT_BASE64URL: FindingId = FindingId("scheme.k_not_base64url");
    /// "k is not an uncompressed P-256 key"
    pub const K_NOT_UNCOMPRESSED_P: FindingId = FindingId("scheme.k_not_uncompressed_p");
    /// "k is an uncompressed P-256 public key"
    pub const K_UNCOMPRESSED_P_256: FindingId = FindingId("scheme.k_uncompressed_p_256");
    /// "{} with no value"
    pub const NO_VALUE: FindingId = FindingId("scheme.no_value");
    /// "The vapid JWT has no aud"
    pub const VAPID_JWT_NO_AUD: FindingId = FindingId("scheme.vapid_jwt_no_aud");
    /// "vapid without k="
    pub const VAPID_WITHOUT_K: FindingId = FindingId("scheme.vapid_without_k");
    /// "vapid without t="
    pub const VAPID_WITHOUT_T: FindingId = FindingId("scheme.vapid_without_t");
}

/// `SharedKey account:signature` (Azure Storage) and `AWS key-id:signature` (AWS Signature
/// Version 2): who signed, and a base64 HMAC of the request.
pub fn id_signature(rest: &str) -> Report {
    let mut r = Report::default();
    if let Some((id, sig)) = rest.trim().split_once(':') {
        r.part(Part::Fields {
            title: "Parameters".to_string(),
            rows: vec![
                Field::new("Account or key id", crate::engine::core::text::visible(id)),
                Field::new("Signature", crate::engine::core::text::visible(sig)),
            ],
        });
    }
    r
}

/// `vapid t=<JWT>, k=<public key>` (RFC 8292).
pub fn vapid(item: &AuthItem, clock: Clock) -> Report {
    let spec = SpecRef::new(
        "RFC 8292 §3",
        "https://www.rfc-editor.org/rfc/rfc8292#section-3",
    );
    let mut r = Report::default();
    match item.param("t") {
        Some(t) => {
            let mut jr = jwt::analyze(t, clock);
            // A VAPID JWT carries aud, exp and sub (RFC 8292 §2), never iss.
            jr.findings.retain(|f| f.id != jwt::lint::ids::NO_ISS);
            // Decided from the token's claims, not from the text of the decoded parts.
            if !jwt::claims(t).is_some_and(|c| c.contains_key("aud")) {
                r.push(Finding::error(ids::VAPID_JWT_NO_AUD, "The vapid JWT has no aud", "aud must be the origin of the push service (e.g. https://fcm.googleapis.com).").spec(spec));
            }
            r.absorb(jr);
        }
        None => r.push(
            Finding::error(
                ids::VAPID_WITHOUT_T,
                "vapid without t=",
                "The t parameter carries the signed JWT.",
            )
            .spec(spec),
        ),
    }
    match item.param("k").map(b64::decode) {
        Some(Ok(d)) if d.bytes.len() == 65 && d.bytes[0] == 4 => r.push(Finding::ok(
            ids::K_UNCOMPRESSED_P_256,
            "k is an uncompressed P-256 public key",
            "65 bytes starting 0x04, as RFC 8292 requires.",
        )),
        Some(Ok(d)) => r.push(
            Finding::error(
                ids::K_NOT_UNCOMPRESSED_P,
                "k is not an uncompressed P-256 key",
                format!(
                    "It decodes to {} bytes; expected 65 starting with 0x04.",
                    d.bytes.len()
                ),
            )
            .spec(spec),
        ),
        Some(Err(e)) => r.push(
            Finding::error(ids::K_NOT_BASE64URL, "k is not base64url", format!("{e}.")).spec(spec),
        ),
        None => r.push(
            Finding::error(
                ids::VAPID_WITHOUT_K,
                "vapid without k=",
                "The k parameter carries the application server's public key.",
            )
            .spec(spec),
        ),
    }
    r
}

/// Hawk: `id`, `ts`, `nonce` and `mac` are required.
pub fn hawk(item: &AuthItem) -> Report {
    let mut r = Report::default();
    let missing: Vec<&str> = ["id", "ts", "nonce", "mac"]
        .into_iter()
        .filter(|n| item.param(n).is_none())
        .collect();
    if !missing.is_empty() {
        r.push(Finding::error(
            ids::HAWK_HEADER_MISSING,
            format!("Hawk header missing {}", missing.join(", ")),
            "Hawk needs id, ts, nonce and mac.",
        ));
    }
    r
}

/// `Token`, `Bot`, `ApiKey` and similar: one opaque value, maybe a known format.
pub fn token_like(item: &AuthItem) -> Report {
    let mut r = Report::default();
    match item.token68.as_deref().and_then(known_token::identify) {
        Some(k) => {
            for f in known_token::findings(k, known_token::Carrier::Scheme(&item.scheme)) {
                r.push(f);
            }
        }
        None if item.token68.is_none() && item.params.is_empty() => r.push(Finding::error(
            ids::NO_VALUE,
            format!("{} with no value", item.scheme),
            "Nothing follows the scheme.",
        )),
        None => {}
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::authparams;

    #[test]
    fn vapid_key_and_jwt() {
        // RFC 8292 §3.1 style header with the example key.
        let v = "vapid t=eyJ0eXAiOiJKV1QiLCJhbGciOiJFUzI1NiJ9.eyJhdWQiOiJodHRwczovL3B1c2guZXhhbXBsZS5uZXQiLCJleHAiOjE0NTM1MjM3NjgsInN1YiI6Im1haWx0bzpwdXNoQGV4YW1wbGUuY29tIn0.i3CYb7t4xfxCDquptFOepC9GAu_HLGkMlMuCGSK2rpiUfnK9ojFwDXb1JrErtmysazNjjvW2L9OkSSHzvoD1oA, k=BA1Hxzyi1RUM1b5wjxsn7nGxAszw2u61m164i3MrAIxHF6YK5h4SDYic-dRuU_RCPCfA5aq9ojSwk5Y2EmClBPs";
        let r = vapid(&authparams::parse(v).items.remove(0), Clock::default());
        assert!(r.has_id("scheme.k_uncompressed_p_256"), "{:?}", r.findings);
        assert!(!r.has_id("scheme.vapid_jwt_no_aud"));
        // A VAPID JWT has no iss by design (RFC 8292 §2).
        assert!(!r.has_id("jwt.no_iss"), "{:?}", r.ids());
        // The same JWT without aud (payload {"exp":…,"sub":"mailto:push@example.com"}).
        let no_aud = v.replace("eyJhdWQiOiJodHRwczovL3B1c2guZXhhbXBsZS5uZXQiLCJleHAiOjE0NTM1MjM3NjgsInN1YiI6Im1haWx0bzpwdXNoQGV4YW1wbGUuY29tIn0", "eyJleHAiOjE0NTM1MjM3NjgsInN1YiI6Im1haWx0bzpwdXNoQGV4YW1wbGUuY29tIn0");
        let r = vapid(
            &authparams::parse(&no_aud).items.remove(0),
            Clock::default(),
        );
        assert!(r.has_id("scheme.vapid_jwt_no_aud"), "{:?}", r.ids());
    }

    #[test]
    fn hawk_and_token() {
        assert!(hawk(
            &authparams::parse("Hawk id=\"dh37fgj492je\", ts=\"1353832234\"")
                .items
                .remove(0)
        )
        .has_id("scheme.hawk_header_missing"));
        assert!(token_like(
            &authparams::parse("token ghp_16C7e42F292c6912E7710c838347Ae178B4a")
                .items
                .remove(0)
        )
        .has_id("token.identified"));
    }
}
