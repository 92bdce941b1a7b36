//! The JOSE header and the signature: the algorithm, `alg: none`, and the signature's presence.

use super::decode::decode_segment;
use crate::engine::core::finding::{Field, Finding, Part, Report, SpecRef};
use serde_json::{Map, Value};

const RFC8725_NONE: SpecRef = SpecRef::new(
    "RFC 8725 §3.1",
    "https://www.rfc-editor.org/rfc/rfc8725#section-3.1",
);

/// Ids of the findings raised here.
pub mod ids {
    use crate::engine::core::finding::FindingId;

    /// "alg is "none": the token is not signed"
    pub const ALG_NONE: FindingId = FindingId("jwt.alg_none");
    /// "The header has no "alg""
    pub const NO_ALG: FindingId = FindingId("jwt.no_alg");
    /// "The signature is missing"
    pub const NO_SIGNATURE: FindingId = FindingId("jwt.no_signature");
}

pub(super) fn header_findings(report: &mut Report, h: &Map<String, Value>) {
    let mut rows = Vec::new();
    match h.get("alg").and_then(Value::as_str) {
        Some(alg) if alg.eq_ignore_ascii_case("none") => report.push(
            Finding::error(ids::ALG_NONE,
                "alg is \"none\": the token is not signed",
                "Anyone can write such a token. A server that accepts it lets anyone in; a correct server rejects it.",
            )
            .fix("Sign the token (e.g. RS256 or ES256) and make the server require a specific algorithm.")
            .spec(RFC8725_NONE),
        ),
        Some(alg) => rows.push(Field::new("Algorithm (alg)", format!("{alg} — {}", crate::engine::core::alg::meaning(alg)))),
        None => report.push(
            Finding::error(ids::NO_ALG,
                "The header has no \"alg\"",
                "Every JWS header must name its signing algorithm, so verifiers reject this token.",
            )
            .spec(SpecRef::new("RFC 7515 §4.1.1", "https://www.rfc-editor.org/rfc/rfc7515#section-4.1.1")),
        ),
    }
    for (key, label) in [
        ("typ", "Type (typ)"),
        ("kid", "Key id (kid)"),
        ("enc", "Encryption (enc)"),
        ("cty", "Content type (cty)"),
    ] {
        if let Some(v) = h.get(key).and_then(Value::as_str) {
            rows.push(Field::new(label, v));
        }
    }
    if !rows.is_empty() {
        report.part(Part::Fields {
            title: "Header fields".to_string(),
            rows,
        });
    }
}

/// Checks the signature part; returns its bytes when it decodes.
pub(super) fn signature_findings(report: &mut Report, alg: &str, sig: &str) -> Option<Vec<u8>> {
    if sig.is_empty() {
        if !alg.eq_ignore_ascii_case("none") {
            report.push(
                Finding::error(ids::NO_SIGNATURE,
                    "The signature is missing",
                    format!("The header says alg {alg}, but the third part is empty, so no server can verify it."),
                )
                .fix("Send the complete token, including the signature after the second dot."),
            );
        }
        return None;
    }
    let bytes = decode_segment(report, "signature", sig)?;
    report.part(Part::Fields {
        title: "Signature".to_string(),
        rows: vec![Field::new(
            "Length",
            format!("{} bytes ({} bits)", bytes.len(), bytes.len() * 8),
        )],
    });
    Some(bytes)
}
