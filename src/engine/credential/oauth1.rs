//! OAuth 1.0 (RFC 5849) `Authorization: OAuth …` parameters.

use super::digest::percent_decode;
use crate::engine::authparams::AuthItem;
use crate::engine::core::finding::{Field, Finding, Part, Report, SpecRef};
use crate::engine::core::{text, time};

/// Ids of the findings raised here.
pub mod ids {
    use crate::engine::core::finding::FindingId;

    /// "Missing {}"
    pub const MISSING: FindingId = FindingId("oauth1.missing");
    /// "{} is not quoted"
    pub const NOT_QUOTED: FindingId = FindingId("oauth1.not_quoted");
    /// "{} is not valid percent-encoding"
    pub const NOT_VALID_PERCENT_ENCODING: FindingId =
        FindingId("oauth1.not_valid_percent_encoding");
    /// "oauth_timestamp is not a number"
    pub const OAUTH_TIMESTAMP_NOT_NUMBER: FindingId =
        FindingId("oauth1.oauth_timestamp_not_number");
    /// "oauth_timestamp is a number too big for any time"
    pub const OAUTH_TIMESTAMP_TOO_BIG: FindingId = FindingId("oauth1.oauth_timestamp_too_big");
    /// "oauth_timestamp looks like {milliseconds}"
    pub const OAUTH_TIMESTAMP_UNIT: FindingId = FindingId("oauth1.oauth_timestamp_unit");
    /// "oauth_version must be 1.0"
    pub const OAUTH_VERSION_MUST_1: FindingId = FindingId("oauth1.oauth_version_must_1");
    /// "PLAINTEXT signature"
    pub const PLAINTEXT_SIGNATURE: FindingId = FindingId("oauth1.plaintext_signature");
    /// "The timestamp is {}"
    pub const TIMESTAMP: FindingId = FindingId("oauth1.timestamp");
    /// "Unusual signature method"
    pub const UNUSUAL_SIGNATURE_METHOD: FindingId = FindingId("oauth1.unusual_signature_method");
}

const RFC5849: SpecRef = SpecRef::new(
    "RFC 5849 §3.1",
    "https://www.rfc-editor.org/rfc/rfc5849#section-3.1",
);

/// Analyses an OAuth 1.0 credential.
pub fn analyze(item: &AuthItem, now: Option<i64>) -> Report {
    let mut r = Report::new("An OAuth 1.0 signed request (RFC 5849).");
    let mut rows = Vec::new();
    for p in &item.params {
        let decoded = percent_decode(&p.value).and_then(|b| String::from_utf8(b).ok());
        match decoded {
            Some(v) => {
                let secret = p.name == "oauth_signature";
                rows.push(if secret {
                    Field::secret(p.name.clone(), text::visible(&v))
                } else {
                    Field::new(p.name.clone(), text::visible(&v))
                });
            }
            None => r.push(
                Finding::error(
                    ids::NOT_VALID_PERCENT_ENCODING,
                    format!("{} is not valid percent-encoding", p.name),
                    format!(
                        "\"{}\" has a broken %XX escape or is not UTF-8.",
                        text::clip(&p.value, 40)
                    ),
                )
                .spec(RFC5849),
            ),
        }
        if !p.quoted && p.name != "realm" {
            r.push(Finding::warning(ids::NOT_QUOTED, format!("{} is not quoted", p.name), "RFC 5849 requires every OAuth parameter value in double quotes; strict servers reject unquoted ones.").spec(RFC5849));
        }
    }
    r.part(Part::Fields {
        title: "OAuth parameters".into(),
        rows,
    });
    let method = item.param("oauth_signature_method").unwrap_or("");
    let mut required = vec![
        "oauth_consumer_key",
        "oauth_signature_method",
        "oauth_signature",
    ];
    if !method.eq_ignore_ascii_case("PLAINTEXT") {
        required.extend(["oauth_timestamp", "oauth_nonce"]);
    }
    let missing: Vec<&str> = required
        .into_iter()
        .filter(|n| item.param(n).is_none())
        .collect();
    if !missing.is_empty() {
        r.push(
            Finding::error(
                ids::MISSING,
                format!("Missing {}", missing.join(", ")),
                "The server cannot verify the request without these.",
            )
            .spec(RFC5849),
        );
    }
    if let Some(v) = item.param("oauth_version") {
        if v != "1.0" {
            r.push(
                Finding::error(
                    ids::OAUTH_VERSION_MUST_1,
                    "oauth_version must be 1.0",
                    format!("It is \"{v}\"."),
                )
                .spec(RFC5849),
            );
        }
    }
    if !method.is_empty()
        && !["HMAC-SHA1", "RSA-SHA1", "PLAINTEXT", "HMAC-SHA256"]
            .iter()
            .any(|m| m.eq_ignore_ascii_case(method))
    {
        r.push(
            Finding::warning(
                ids::UNUSUAL_SIGNATURE_METHOD,
                "Unusual signature method",
                format!("\"{method}\": RFC 5849 defines HMAC-SHA1, RSA-SHA1 and PLAINTEXT."),
            )
            .spec(RFC5849),
        );
    }
    if method.eq_ignore_ascii_case("PLAINTEXT") {
        r.push(
            Finding::warning(
                ids::PLAINTEXT_SIGNATURE,
                "PLAINTEXT signature",
                "The secrets are sent as the signature: safe only over HTTPS.",
            )
            .spec(RFC5849),
        );
    }
    if let (Some(ts), Some(now)) = (item.param("oauth_timestamp"), now) {
        timestamp_findings(&mut r, ts, now);
    }
    r
}

/// Whether `oauth_timestamp` is seconds near `now`; milliseconds, microseconds and numbers
/// past any clock are named as such.
fn timestamp_findings(r: &mut Report, ts: &str, now: i64) {
    const RFC5849_33: SpecRef = SpecRef::new(
        "RFC 5849 §3.3",
        "https://www.rfc-editor.org/rfc/rfc5849#section-3.3",
    );
    let digits = !ts.is_empty() && ts.bytes().all(|b| b.is_ascii_digit());
    // Digits always parse as f64 (huge ones as large values), so a long number is "too big",
    // not "not a number".
    let Some(n) = ts.parse::<f64>().ok().filter(|_| digits) else {
        let shown = text::clip(ts, 40);
        r.push(
            Finding::error(
                ids::OAUTH_TIMESTAMP_NOT_NUMBER,
                "oauth_timestamp is not a number",
                format!("It is \"{shown}\"; it must be seconds since 1970."),
            )
            .spec(RFC5849),
        );
        return;
    };
    let (t, unit) = match time::epoch(n) {
        time::Epoch::Seconds(t) => (t, None),
        time::Epoch::Millis(t) => (t, Some("milliseconds")),
        time::Epoch::Micros(t) => (t, Some("microseconds")),
        time::Epoch::AfterYear9999 | time::Epoch::BeforeYear1 => {
            r.push(Finding::error(ids::OAUTH_TIMESTAMP_TOO_BIG, "oauth_timestamp is a number too big for any time", format!("It has {} digits: beyond year 9999 as seconds, milliseconds or microseconds. It must be seconds since 1970.", ts.len())).fix("Send the current time in seconds.").spec(RFC5849_33));
            return;
        }
    };
    if let Some(unit) = unit {
        r.push(Finding::error(ids::OAUTH_TIMESTAMP_UNIT, format!("oauth_timestamp looks like {unit}"), format!("As seconds it is {}; as {unit} it is {}. OAuth 1.0 timestamps are seconds since 1970, so the server refuses it (timestamp_refused).", time::utc(n.min(i64::MAX as f64) as i64), time::utc(t))).fix("Divide by 1000 (Date.now() / 1000 in JavaScript) or use a seconds clock.").spec(RFC5849_33));
        return;
    }
    if t.abs_diff(now) > 300 {
        r.push(Finding::error(ids::TIMESTAMP,
            format!("The timestamp is {}", time::relative(t, now)),
            format!("oauth_timestamp is {}. Servers reject requests more than a few minutes off (timestamp_refused), and a pasted old request cannot be replayed.", time::utc(t)),
        ).fix("Sign a fresh request; check the client's clock.").spec(RFC5849_33));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::authparams;

    /// RFC 5849 §1.2 example.
    const EXAMPLE: &str = r#"OAuth realm="Photos", oauth_consumer_key="dpf43f3p2l4k3l03", oauth_token="nnch734d00sl2jdk", oauth_signature_method="HMAC-SHA1", oauth_timestamp="137131202", oauth_nonce="chapoH", oauth_signature="MdpQcU8iPSUjWoN%2FUDMsK2sui9I%3D""#;

    #[test]
    fn rfc5849_example() {
        let item = authparams::parse(EXAMPLE).items.remove(0);
        let r = analyze(&item, None);
        assert!(r.findings.is_empty(), "{:?}", r.findings);
        assert!(r.parts.iter().any(|p| matches!(p, Part::Fields { rows, .. } if rows.iter().any(|f| f.value == "MdpQcU8iPSUjWoN/UDMsK2sui9I="))));
        let r = analyze(&item, Some(1_700_000_000));
        assert!(r.has_id("oauth1.timestamp"));
    }

    #[test]
    fn missing_and_unquoted() {
        let item =
            authparams::parse("OAuth oauth_consumer_key=abc, oauth_signature_method=\"HMAC-SHA1\"")
                .items
                .remove(0);
        let r = analyze(&item, None);
        assert!(r.has_id("oauth1.missing"));
        assert!(r.has_id("oauth1.not_quoted"));
    }

    #[test]
    fn timestamp_units_and_sizes() {
        // Issue #11: milliseconds gave "in 19656250 d"; 20 digits were "not a number".
        let run = |ts: &str| {
            let v = format!("OAuth oauth_consumer_key=\"k\", oauth_nonce=\"n\", oauth_signature=\"s\", oauth_signature_method=\"HMAC-SHA1\", oauth_timestamp=\"{ts}\"");
            analyze(&authparams::parse(&v).items.remove(0), Some(1_700_000_000))
        };
        assert!(run("1700000000000").has_id("oauth1.oauth_timestamp_unit"));
        assert!(run("1700000000000000").has_id("oauth1.oauth_timestamp_unit"));
        let r = run("99999999999999999999");
        assert!(r.has_id("oauth1.oauth_timestamp_too_big"), "{:?}", r.ids());
        assert!(!r.has_id("oauth1.oauth_timestamp_not_number"));
        assert!(run("12ab").has_id("oauth1.oauth_timestamp_not_number"));
        assert!(run("1700000100").findings.is_empty());
    }
}
